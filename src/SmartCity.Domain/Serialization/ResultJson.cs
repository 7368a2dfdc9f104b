using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OneOf;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Panels;
using SmartCity.Domain.Programmes;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;
using SmartCity.Domain.Weights;

namespace SmartCity.Domain.Serialization;

/// <summary>
/// Writes and reads results as JSON with System.Text.Json through the source-generated <see cref="ResultJsonContext"/>
/// (no reflection; AOT-safe): camelCase names, a missing value is <see langword="null"/>, never NaN or Infinity. The shape
/// is documented in <c>docs/results-json.md</c>.
/// </summary>
/// <remarks>
/// <para>Supported types: <see cref="ScoreResult"/>, <see cref="ContributionTable"/>, <see cref="TreatmentReport"/>,
/// <see cref="Dataset"/>, <see cref="ScoreDiff"/>, <see cref="UncertaintyResult"/>, <see cref="SensitivityResult"/>,
/// <see cref="RemovalEffect"/> (and arrays of them), <see cref="AhpResult"/>, <see cref="EvaluationResult"/>,
/// <see cref="Award"/>, <see cref="GateDecision"/>, <see cref="ScoreColumn"/>, <see cref="RankColumn"/>,
/// <see cref="RubricDiff"/>, <see cref="RubricChange"/>, <see cref="EffectiveWeight"/> (and arrays of the last two),
/// <see cref="StageResult"/>, <see cref="TargetSeekResult"/>, <see cref="PanelScoreResult"/> (re-scored on reading, like a
/// <see cref="ScoreResult"/>), <see cref="PanelTrend"/> (and arrays of them) and <see cref="ProgrammeResult"/> (read back with <see cref="DeserializeProgrammeResult"/>,
/// which is given the programme the result refers to). Reading back gives a value equal to the one written.</para>
/// <para>A <see cref="ScoreResult"/> is re-scored on reading from its framework, dataset and weights in effect; stored
/// scores (within a relative 1e-9) or ranks (exactly) that differ are a <c>json.result-mismatch</c> error naming the
/// node and the unit. A <see cref="RubricDiff"/> is compared again from its two editions the same way.</para>
/// <para>In ASP.NET, insert <see cref="TypeInfoResolver"/> in the serializer options' type-info resolver chain
/// (<c>options.SerializerOptions.TypeInfoResolverChain.Insert(0, ResultJson.TypeInfoResolver)</c>); the result types also
/// carry their converters (<see cref="JsonConverterAttribute"/>), so they serialise the same way through any options.</para>
/// </remarks>
public static class ResultJson
{
    private static readonly ResultJsonContext s_indented = new(new JsonSerializerOptions(ResultJsonContext.Default.Options) { WriteIndented = true });

    /// <summary>Gets the source-generated contract of the result types, for a serializer options' resolver chain.</summary>
    public static IJsonTypeInfoResolver TypeInfoResolver => ResultJsonContext.Default;

    /// <summary>Writes a result as JSON.</summary>
    /// <typeparam name="T">The result type (see the remarks of <see cref="ResultJson"/>).</typeparam>
    /// <param name="result">The result.</param>
    /// <param name="indented">Whether to indent the output.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentException">The type is not a supported result type.</exception>
    public static string Serialize<T>(T result, bool indented = false)
    {
        Guard.Against.Null(result);
        return JsonSerializer.Serialize(result, TypeInfo<T>(indented ? s_indented : ResultJsonContext.Default));
    }

    /// <summary>Writes a result as UTF-8 JSON to a stream.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="utf8Json">The stream.</param>
    /// <param name="result">The result.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The task.</returns>
    /// <exception cref="ArgumentException">The type is not a supported result type.</exception>
    public static Task SerializeAsync<T>(Stream utf8Json, T result, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(utf8Json);
        Guard.Against.Null(result);
        return JsonSerializer.SerializeAsync(utf8Json, result, TypeInfo<T>(ResultJsonContext.Default), cancellationToken);
    }

    /// <summary>Reads a result from JSON text.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The result, or the problems found (<c>json.*</c> codes, and the framework's and dataset's own codes for an embedded framework or dataset that does not validate).</returns>
    /// <exception cref="ArgumentException">The type is not a supported result type.</exception>
    public static OneOf<T, ValidationErrors> Deserialize<T>(string json)
    {
        Guard.Against.Null(json);
        var info = TypeInfo<T>(ResultJsonContext.Default);
        try
        {
            var value = JsonSerializer.Deserialize(json, info);
            return value is null
                ? ValidationErrors.Single(ErrorCodes.JsonMalformed, string.Empty, $"The document is null; expected {typeof(T).Name}.")
                : value;
        }
        catch (InvalidResultJsonException ex)
        {
            return ex.Errors;
        }
        catch (JsonException ex)
        {
            return ValidationErrors.Of([JsonErrors.From(ex)]);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException or FormatException or OverflowException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return ValidationErrors.Single(ErrorCodes.JsonMalformed, string.Empty, ex.Message);
        }
    }

    /// <summary>
    /// Reads a programme result. A programme result refers to its programme's stages (gates, frameworks, awards), which
    /// the JSON names by code only: give the programme that produced it.
    /// </summary>
    /// <param name="json">The JSON text written by <see cref="Serialize{T}"/> for a <see cref="ProgrammeResult"/>.</param>
    /// <param name="programme">The programme that was run.</param>
    /// <returns>The result, or the problems found (<c>json.*</c>; a programme or stage code that does not match).</returns>
    public static OneOf<ProgrammeResult, ValidationErrors> DeserializeProgrammeResult(string json, Programme programme)
    {
        Guard.Against.Null(json);
        Guard.Against.Null(programme);
        try
        {
            var dto = JsonSerializer.Deserialize(json, ResultDtoContext.Default.ProgrammeResultDto);
            return dto is null
                ? ValidationErrors.Single(ErrorCodes.JsonMalformed, string.Empty, "The document is null; expected a programme result.")
                : ResultDtos.FromDto(dto, programme);
        }
        catch (InvalidResultJsonException ex)
        {
            return ex.Errors;
        }
        catch (JsonException ex)
        {
            return ValidationErrors.Of([JsonErrors.From(ex)]);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException or FormatException or OverflowException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return ValidationErrors.Single(ErrorCodes.JsonMalformed, string.Empty, ex.Message);
        }
    }

    private static JsonTypeInfo<T> TypeInfo<T>(ResultJsonContext context) =>
        context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new ArgumentException($"{typeof(T).Name} is not a result type ResultJson writes.", nameof(T));
}

/// <summary>
/// The source-generated System.Text.Json contract of the result types (camelCase, missing values as <see langword="null"/>,
/// NaN and Infinity never written), published as <see cref="ResultJson.TypeInfoResolver"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    Converters = [typeof(NaNAsNullConverter)])]
[JsonSerializable(typeof(ScoreResult))]
[JsonSerializable(typeof(ContributionTable))]
[JsonSerializable(typeof(TreatmentReport))]
[JsonSerializable(typeof(Dataset))]
[JsonSerializable(typeof(ScoreDiff))]
[JsonSerializable(typeof(UncertaintyResult))]
[JsonSerializable(typeof(SensitivityResult))]
[JsonSerializable(typeof(RemovalEffect))]
[JsonSerializable(typeof(ImmutableArray<RemovalEffect>))]
[JsonSerializable(typeof(AhpResult))]
[JsonSerializable(typeof(EvaluationResult))]
[JsonSerializable(typeof(Award))]
[JsonSerializable(typeof(ImmutableArray<Award>))]
[JsonSerializable(typeof(GateDecision))]
[JsonSerializable(typeof(StageResult))]
[JsonSerializable(typeof(ProgrammeResult))]
[JsonSerializable(typeof(ScoreColumn))]
[JsonSerializable(typeof(RankColumn))]
[JsonSerializable(typeof(RubricDiff))]
[JsonSerializable(typeof(RubricChange))]
[JsonSerializable(typeof(ImmutableArray<RubricChange>))]
[JsonSerializable(typeof(EffectiveWeight))]
[JsonSerializable(typeof(ImmutableArray<EffectiveWeight>))]
[JsonSerializable(typeof(TargetSeekResult))]
[JsonSerializable(typeof(Multivariate.StatisticsTable))]
[JsonSerializable(typeof(Multivariate.CorrelationMatrix))]
[JsonSerializable(typeof(ImmutableArray<Multivariate.CorrelationPair>))]
[JsonSerializable(typeof(ImmutableArray<Multivariate.GroupAlpha>))]
[JsonSerializable(typeof(Multivariate.PcaResult))]
[JsonSerializable(typeof(Multivariate.OptimisedWeightsResult))]
[JsonSerializable(typeof(Multivariate.StrengthsAndWeaknesses))]
[JsonSerializable(typeof(ImmutableArray<Multivariate.UnitSummaryRow>))]
[JsonSerializable(typeof(ScreeningResult))]
[JsonSerializable(typeof(PanelScoreResult))]
[JsonSerializable(typeof(PanelTrend))]
[JsonSerializable(typeof(ImmutableArray<PanelTrend>))]
internal sealed partial class ResultJsonContext : JsonSerializerContext;

/// <summary>Writes NaN and ±Infinity as <see langword="null"/>; reads <see langword="null"/> as NaN.</summary>
internal sealed class NaNAsNullConverter : JsonConverter<double>
{
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>A result document that parses but does not hold a valid result (its framework or dataset does not validate).</summary>
internal sealed class InvalidResultJsonException(ValidationErrors errors) : JsonException(errors.ToString())
{
    public ValidationErrors Errors { get; } = errors;
}

#pragma warning disable SA1649, CA1812, SA1402 // DTOs and converters of the result contract: one file.

internal sealed record DatasetDto(List<string> Units, List<DatasetColumnDto> Columns, Dictionary<string, List<string?>>? Attributes = null);

internal sealed record DatasetColumnDto(string Name, List<double> Values);

internal sealed record ScoreNodeDto(string Code, string Kind, int Level, double Weight, List<double> Scores, List<int?>? Ranks, List<double> Coverage, List<double>? Imputed = null, List<double>? Treated = null);

internal sealed record ScoreResultDto(JsonElement Framework, DatasetDto Data, string Root, List<string> Units, List<ScoreNodeDto> Nodes, List<TreatmentReportDto> TreatmentReports);

internal sealed record TreatmentReportDto(string Indicator, List<TreatmentCheck> Checks, int? WinsorisedPoints, List<string> PointFlags);

internal sealed record ContributionTableDto(string Node, List<string> Units, List<string> Indicators, List<double> Totals, List<List<double>> Rows);

internal sealed record ScoreDiffDto(string Root, List<string> Causes, List<ScoreChange> Changes, ScoreResultDto Before, ScoreResultDto After);

internal sealed record ReplicateDto(int Index, List<NodeWeight> Weights, string? Aggregation = null, string? Normalisation = null, string? Imputation = null);

internal sealed record UncertaintyResultDto(string Node, List<string> Units, List<double> NominalScores, List<double> NominalRanks, List<ReplicateDto> Replicates, List<List<double>> Scores, List<List<double>> Ranks, List<RankStatistics>? RankStatistics = null);

internal sealed record SensitivityResultDto(List<SensitivityIndex> Indices, int BaseSamples, int Runs, double OutputVariance);

internal sealed record AhpResultDto(List<string> Criteria, List<double> Weights, double LambdaMax, double ConsistencyIndex, double ConsistencyRatio, double RandomIndex, AhpMethod Method);

internal sealed record EvaluationResultDto(List<string> Editions, string BreakdownTag, List<ScoreResultDto> Results);

internal sealed record StageResultDto(string Stage, List<GateDecision> Decisions, ScoreResultDto? Scores, List<FilledValue> FilledValues, EvaluationResultDto? Evaluation, List<Award> Awards, List<string?> SizeClasses);

internal sealed record RubricDiffDto(JsonElement Before, JsonElement After, List<RubricChange> Changes);

internal sealed record EffectiveWeightDto(string Code, double Weight);

internal sealed record PanelEditionDto(int Time, DatasetDto Data);

internal sealed record PanelNodeDto(string Code, int Level, List<double> Scores);

internal sealed record PanelScoreResultDto(JsonElement Framework, bool Pooled, List<PanelEditionDto> Editions, List<PanelNodeDto> Nodes);

internal sealed record ProgrammeResultDto(string Programme, string Edition, List<StageResultDto> Stages, DatasetDto Data, List<string>? NotEligible = null);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(NaNAsNullConverter)])]
[JsonSerializable(typeof(ScoreResultDto))]
[JsonSerializable(typeof(DatasetDto))]
[JsonSerializable(typeof(TreatmentReportDto))]
[JsonSerializable(typeof(ContributionTableDto))]
[JsonSerializable(typeof(ScoreDiffDto))]
[JsonSerializable(typeof(UncertaintyResultDto))]
[JsonSerializable(typeof(SensitivityResultDto))]
[JsonSerializable(typeof(AhpResultDto))]
[JsonSerializable(typeof(EvaluationResultDto))]
[JsonSerializable(typeof(StageResultDto))]
[JsonSerializable(typeof(ProgrammeResultDto))]
[JsonSerializable(typeof(RubricDiffDto))]
[JsonSerializable(typeof(EffectiveWeightDto))]
[JsonSerializable(typeof(PanelScoreResultDto))]
[JsonSerializable(typeof(List<double>))]
[JsonSerializable(typeof(List<int?>))]
internal sealed partial class ResultDtoContext : JsonSerializerContext;

/// <summary>Maps the result types to and from their DTOs.</summary>
internal static class ResultDtos
{
    public static DatasetDto ToDto(Dataset d) => new(
        [.. d.Units],
        [.. d.Columns.Select((c, i) => new DatasetColumnDto(c, [.. d.Column(i).ToArray()]))],
        d.Attributes.Count == 0 ? null : d.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary(a => a.Key, a => a.Value.ToList(), StringComparer.Ordinal));

    public static Dataset FromDto(DatasetDto dto)
    {
        var n = dto.Units.Count;
        var values = new double[dto.Columns.Count * n];
        for (var c = 0; c < dto.Columns.Count; c++)
        {
            if (dto.Columns[c].Values.Count != n)
            {
                throw Mismatch($"data.columns[{c}].values", $"Column '{dto.Columns[c].Name}' has {dto.Columns[c].Values.Count} values; the dataset has {n} units.");
            }

            dto.Columns[c].Values.CopyTo(values, c * n);
        }

        var attributes = dto.Attributes?.ToDictionary(a => a.Key, a => (IReadOnlyList<string?>)a.Value, StringComparer.Ordinal);
        if (attributes?.FirstOrDefault(a => a.Value.Count != n) is { Key: not null } bad)
        {
            throw Mismatch("data.attributes." + bad.Key, $"Attribute '{bad.Key}' has {bad.Value.Count} values; the dataset has {n} units.");
        }

        return Dataset.CreateColumnMajor(dto.Units, [.. dto.Columns.Select(c => c.Name)], values, attributes)
            .Match(d => d, e => throw new InvalidResultJsonException(e.WithPathPrefix("data")));
    }

    public static ScoreResultDto ToDto(ScoreResult r)
    {
        var plan = r.Plan;
        var nodes = new List<ScoreNodeDto>(plan.NodeCount);
        for (var k = 0; k < plan.NodeCount; k++)
        {
            var code = plan.NodeCodes[k];
            var indicator = k < plan.IndicatorCount;
            nodes.Add(new ScoreNodeDto(
                code,
                indicator ? "indicator" : "group",
                plan.Levels[k],
                r.WeightOf(code),
                [.. r.RawScores(k).ToArray()],
                indicator ? null : [.. r.Ranks(code)],
                [.. r.Units.Select(u => r.Coverage(code, u))],
                indicator ? [.. r.RawImputed(k).ToArray()] : null,
                indicator && r.TreatmentAt(k) is not null ? [.. r.RawTreated(k).ToArray()] : null));
        }

        using var framework = JsonDocument.Parse(FrameworkJson.Serialize(r.Framework));
        return new ScoreResultDto(framework.RootElement.Clone(), ToDto(r.Data), r.Root, [.. r.Units], nodes, [.. r.TreatmentReports.Select(ToDto)]);
    }

    public static ScoreResult FromDto(ScoreResultDto dto)
    {
        var framework = FrameworkJson.Deserialize(dto.Framework.GetRawText()).Match(f => f, e => throw new InvalidResultJsonException(e.WithPathPrefix("framework")));
        var data = FromDto(dto.Data);
        var plan = ScoringPlan.Compile(framework);
        var n = data.UnitCount;
        if (!dto.Units.SequenceEqual(data.Units))
        {
            throw Mismatch("units", "The units differ from the dataset's.");
        }

        if (dto.Nodes.Count != plan.NodeCount)
        {
            throw Mismatch("nodes", $"Expected {plan.NodeCount} nodes, the framework's.");
        }

        var scores = new double[plan.NodeCount * n];
        var ranks = new double[plan.GroupCount * n];
        var imputed = new double[plan.IndicatorCount * n];
        double[]? treated = null;
        var reports = new TreatmentReport?[plan.IndicatorCount];
        var weights = plan.ChildWeight.ToArray();
        foreach (var report in dto.TreatmentReports)
        {
            var i = plan.IndexOf(report.Indicator);
            if (i < 0 || i >= plan.IndicatorCount)
            {
                throw Mismatch("treatmentReports", $"'{report.Indicator}' is not an indicator of the framework.");
            }

            reports[i] = FromDto(report);
        }

        for (var j = 0; j < dto.Nodes.Count; j++)
        {
            var node = dto.Nodes[j];
            var path = $"nodes[{j}]";
            var k = plan.IndexOf(node.Code);
            if (k < 0)
            {
                throw Mismatch(path + ".code", $"'{node.Code}' is not a node of the framework.");
            }

            Copy(node.Scores, scores, k * n, path + ".scores");
            var slot = plan.ChildSlotOf(k);
            if (slot >= 0)
            {
                if (!double.IsFinite(node.Weight) || node.Weight < 0)
                {
                    throw Mismatch(path + ".weight", $"The weight of '{node.Code}' must be finite and not negative.");
                }

                weights[slot] = node.Weight;
            }

            if (k < plan.IndicatorCount)
            {
                Copy(node.Imputed ?? throw Missing(path + ".imputed", "An indicator needs its imputed values."), imputed, k * n, path + ".imputed");
                if (reports[k] is not null)
                {
                    treated ??= new double[plan.IndicatorCount * n];
                    Copy(node.Treated ?? throw Missing(path + ".treated", "A treated indicator needs its treated values."), treated, k * n, path + ".treated");
                }
            }
            else
            {
                var r = node.Ranks ?? throw Missing(path + ".ranks", "A group needs its ranks.");
                Copy([.. r.Select(x => x is { } v ? (double)v : double.NaN)], ranks, (k - plan.IndicatorCount) * n, path + ".ranks");
            }
        }

        return Recompute(plan, data, weights, scores, ranks);

        void Copy(List<double> from, double[] to, int start, string path)
        {
            if (from.Count != n)
            {
                throw Mismatch(path, $"Expected {n} values, one per unit.");
            }

            from.CopyTo(to, start);
        }
    }

    public static TreatmentReportDto ToDto(TreatmentReport r) => new(r.Indicator, [.. r.Checks], r.WinsorisedPoints, [.. r.PointFlags]);

    public static TreatmentReport FromDto(TreatmentReportDto dto) => new(dto.Indicator, [.. dto.Checks], dto.WinsorisedPoints, [.. dto.PointFlags]);

    public static ContributionTableDto ToDto(ContributionTable t) => new(
        t.Node,
        [.. t.Units],
        [.. t.Indicators],
        [.. t.Totals.Raw.ToArray()],
        [.. Enumerable.Range(0, t.Units.Length).Select(u => t.Row(u).Raw.ToArray().ToList())]);

    public static ContributionTable FromDto(ContributionTableDto dto)
    {
        if (dto.Totals.Count != dto.Units.Count || dto.Rows.Count != dto.Units.Count || dto.Rows.Any(r => r.Count != dto.Indicators.Count))
        {
            throw Mismatch("rows", "Expected one total and one row per unit, one value per indicator in each row.");
        }

        return ContributionTable.FromParts(dto.Node, [.. dto.Units], [.. dto.Indicators], [.. dto.Rows.SelectMany(r => r)], [.. dto.Totals]);
    }

    public static UncertaintyResultDto ToDto(UncertaintyResult r) => new(
        r.Node,
        [.. r.Units],
        [.. r.NominalScores.Select(x => x ?? double.NaN)],
        [.. r.NominalRanks.Select(x => x is { } v ? (double)v : double.NaN)],
        [.. r.Replicates.Select(p => new ReplicateDto(p.Index, [.. p.Weights], p.Aggregation?.Spec, p.Normalisation?.Spec, p.Imputation?.Spec))],
        [.. Enumerable.Range(0, r.Replicates.Length).Select(k => r.RawScores(k).ToArray().ToList())],
        [.. Enumerable.Range(0, r.Replicates.Length).Select(k => r.RawRanks(k).ToArray().ToList())],
        [.. r.RankStatistics]);

    public static UncertaintyResult FromDto(UncertaintyResultDto dto)
    {
        var n = dto.Units.Count;
        if (dto.NominalScores.Count != n || dto.NominalRanks.Count != n || dto.Scores.Count != dto.Replicates.Count || dto.Ranks.Count != dto.Replicates.Count
            || dto.Scores.Any(s => s.Count != n) || dto.Ranks.Any(s => s.Count != n) || dto.Ranks.SelectMany(r => r).Concat(dto.NominalRanks).Any(r => !double.IsNaN(r) && (r < 1 || r > n || r != Math.Floor(r))))
        {
            throw Mismatch("scores", "Expected one nominal score and rank per unit, one row of scores and of ranks (whole numbers from 1 to the number of units) per replicate.");
        }

        var replicates = dto.Replicates.Select(p => new ReplicateParameters(
            p.Index,
            p.Aggregation is null ? null : AggregationMethod.Parse(p.Aggregation).Match(m => m, e => throw new InvalidResultJsonException(e)),
            p.Normalisation is null ? null : NormalisationMethod.Parse(p.Normalisation).Match(m => m, e => throw new InvalidResultJsonException(e)),
            p.Imputation is null ? null : ImputationMethod.Parse(p.Imputation).Match(m => m, e => throw new InvalidResultJsonException(e)),
            p.Weights));
        return new UncertaintyResult([.. dto.Units], dto.Node, [.. dto.NominalScores], [.. dto.NominalRanks], [.. replicates], [.. dto.Scores.SelectMany(s => s)], [.. dto.Ranks.SelectMany(s => s)]);
    }

    public static EvaluationResultDto ToDto(EvaluationResult r) => new([.. r.Editions], r.BreakdownTag, [.. r.Results.Select(ToDto)]);

    public static EvaluationResult FromDto(EvaluationResultDto dto)
    {
        if (dto.Results.Count == 0 || dto.Results.Count != dto.Editions.Count)
        {
            throw Mismatch("results", "Expected one result per edition, at least one.");
        }

        var results = dto.Results.Select(FromDto).ToImmutableArray();
        if (results.Any(r => !r.Framework.Equals(results[0].Framework)))
        {
            throw Mismatch("results", "Every edition must be scored with the same framework.");
        }

        return new EvaluationResult(results[0].Framework, [.. dto.Editions], results, dto.BreakdownTag);
    }

    public static StageResultDto ToDto(StageResult r) => new(
        r.Stage.Code,
        [.. r.Decisions],
        r.Scores is null ? null : ToDto(r.Scores),
        [.. r.FilledValues],
        r.Evaluation is null ? null : ToDto(r.Evaluation),
        [.. r.Awards],
        [.. r.SizeClasses]);

    public static ProgrammeResultDto ToDto(ProgrammeResult r) => new(r.Programme.Code, r.Programme.Edition, [.. r.Stages.Select(ToDto)], ToDto(r.Data), [.. r.NotEligible]);

    public static ProgrammeResult FromDto(ProgrammeResultDto dto, Programme programme)
    {
        if (dto.Programme != programme.Code || dto.Edition != programme.Edition)
        {
            throw Mismatch("programme", $"The result is of programme '{dto.Programme}' {dto.Edition}, not '{programme.Code}' {programme.Edition}.");
        }

        if (dto.Stages.Count != programme.Stages.Count)
        {
            throw Mismatch("stages", $"Expected {programme.Stages.Count} stages, the programme's.");
        }

        var stages = ImmutableArray.CreateBuilder<StageResult>(dto.Stages.Count);
        for (var k = 0; k < dto.Stages.Count; k++)
        {
            var s = dto.Stages[k];
            var stage = programme.Stages[k];
            if (s.Stage != stage.Code)
            {
                throw Mismatch($"stages[{k}].stage", $"Expected stage '{stage.Code}'.");
            }

            stages.Add(new StageResult(stage, [.. s.Decisions], s.Scores is null ? null : FromDto(s.Scores), [.. s.FilledValues], s.Evaluation is null ? null : FromDto(s.Evaluation), [.. s.Awards], [.. s.SizeClasses], programme.SizeClasses?.Classes.Select(c => c.Code)));
        }

        return new ProgrammeResult(programme, stages.MoveToImmutable(), FromDto(dto.Data), [.. dto.NotEligible ?? []]);
    }

    public static RubricDiffDto ToDto(RubricDiff d) => new(FrameworkElement(d.Before), FrameworkElement(d.After), [.. d.Changes]);

    public static RubricDiff FromDto(RubricDiffDto dto)
    {
        var before = FrameworkJson.Deserialize(dto.Before.GetRawText()).Match(f => f, e => throw new InvalidResultJsonException(e.WithPathPrefix("before")));
        var after = FrameworkJson.Deserialize(dto.After.GetRawText()).Match(f => f, e => throw new InvalidResultJsonException(e.WithPathPrefix("after")));
        var diff = RubricDiff.Compare(before, after);
        for (var k = 0; k < Math.Max(diff.Changes.Length, dto.Changes.Count); k++)
        {
            if (k >= dto.Changes.Count || k >= diff.Changes.Length || diff.Changes[k] != dto.Changes[k])
            {
                var expected = k < diff.Changes.Length ? diff.Changes[k].ToString() : "no further change";
                throw Mismatch($"changes[{k}]", $"The stored changes are not the ones the two editions give: expected {expected}.");
            }
        }

        return diff;
    }

    public static EffectiveWeight FromDto(EffectiveWeightDto dto) =>
        dto.Code is null || !(dto.Weight is >= 0 and <= 1)
            ? throw Mismatch("weight", "An effective weight needs a code and a weight in [0, 1].")
            : new EffectiveWeight(dto.Code, dto.Weight);

    private static JsonElement FrameworkElement(RatingFramework f)
    {
        using var framework = JsonDocument.Parse(FrameworkJson.Serialize(f));
        return framework.RootElement.Clone();
    }

    /// <summary>
    /// Re-scores the document's dataset with its framework and weights in effect and checks the stored scores (within a
    /// relative 1e-9, as SIMD widths differ across machines; an absolute 1e-9 below magnitude 1) and ranks (exactly), so a
    /// tampered document is not read back as a valid result whose contributions no longer sum to its scores.
    /// </summary>
    private static ScoreResult Recompute(ScoringPlan plan, Dataset data, double[] weights, double[] scores, double[] ranks)
    {
        var n = data.UnitCount;
        var workspace = plan.CreateWorkspace(n);
        for (var k = 0; k < plan.NodeCount; k++)
        {
            var slot = plan.ChildSlotOf(k);
            if (slot >= 0 && weights[slot] != plan.ChildWeight[slot])
            {
                workspace.SetWeight(plan.NodeCodes[k], weights[slot]);
            }
        }

        var evaluated = plan.Evaluate(data, workspace, computeRanks: true);
        if (evaluated.TryPickT1(out var errors, out _))
        {
            throw new InvalidResultJsonException(errors);
        }

        var result = workspace.ToResult();
        for (var k = 0; k < plan.NodeCount; k++)
        {
            var code = plan.NodeCodes[k];
            var computed = result.RawScores(k);
            for (var u = 0; u < n; u++)
            {
                var stored = scores[(k * n) + u];
                var actual = computed[u];
                var same = double.IsNaN(stored) ? double.IsNaN(actual)
                    : !double.IsNaN(actual) && Math.Abs(stored - actual) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(stored), Math.Abs(actual)));
                if (!same)
                {
                    throw Mismatch($"nodes.{code}.scores", $"The stored score of '{code}' for unit '{data.Units[u]}' ({Text(stored)}) is not the one its framework, dataset and weights give ({Text(actual)}).");
                }
            }

            if (k >= plan.IndicatorCount)
            {
                var computedRanks = result.RawRanks(code);
                for (var u = 0; u < n; u++)
                {
                    var stored = ranks[((k - plan.IndicatorCount) * n) + u];
                    var actual = computedRanks[u];
                    if (!(stored == actual || (double.IsNaN(stored) && double.IsNaN(actual))))
                    {
                        throw Mismatch($"nodes.{code}.ranks", $"The stored rank of '{code}' for unit '{data.Units[u]}' ({Text(stored)}) is not the one its scores give ({Text(actual)}).");
                    }
                }
            }
        }

        return result;

        static string Text(double v) => double.IsNaN(v) ? "null" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static PanelScoreResultDto ToDto(PanelScoreResult r)
    {
        using var framework = JsonDocument.Parse(FrameworkJson.Serialize(r.Framework));
        return new PanelScoreResultDto(
            framework.RootElement.Clone(),
            r.Pooled,
            [.. r.Times.Select(t => new PanelEditionDto(t, ToDto(r.Panel.Edition(t))))],
            [.. r.NodeCodes.Select((c, k) => new PanelNodeDto(c, r.Levels[k], [.. r.RawScores(k).ToArray()]))]);
    }

    public static PanelScoreResult FromDto(PanelScoreResultDto dto)
    {
        var framework = FrameworkJson.Deserialize(dto.Framework.GetRawText()).Match(f => f, e => throw new InvalidResultJsonException(e.WithPathPrefix("framework")));
        var editions = dto.Editions.Select((e, i) =>
        {
            try
            {
                return KeyValuePair.Create(e.Time, FromDto(e.Data));
            }
            catch (InvalidResultJsonException ex)
            {
                throw new InvalidResultJsonException(ex.Errors.WithPathPrefix(string.Create(CultureInfo.InvariantCulture, $"editions[{i}]")));
            }
        }).ToList();
        var panel = PanelData.Create(editions).Match(p => p, e => throw new InvalidResultJsonException(e.WithPathPrefix("editions")));
        var result = PanelScoring.Score(framework, panel, dto.Pooled).Match(r => r, e => throw new InvalidResultJsonException(e));
        if (dto.Nodes.Count != result.NodeCodes.Length)
        {
            throw Mismatch("nodes", $"The document has {dto.Nodes.Count} nodes; the framework has {result.NodeCodes.Length}.");
        }

        for (var k = 0; k < dto.Nodes.Count; k++)
        {
            var node = dto.Nodes[k];
            var computed = result.RawScores(k);
            if (node.Code != result.NodeCodes[k] || node.Scores.Count != computed.Length)
            {
                throw Mismatch(string.Create(CultureInfo.InvariantCulture, $"nodes[{k}]"), $"Node '{node.Code}' does not match the framework's node '{result.NodeCodes[k]}' or its scores.");
            }

            for (var i = 0; i < computed.Length; i++)
            {
                var (a, b) = (node.Scores[i], computed[i]);
                if (double.IsNaN(a) != double.IsNaN(b) || (!double.IsNaN(a) && Math.Abs(a - b) > 1e-9 * Math.Max(1, Math.Abs(b))))
                {
                    throw Mismatch(string.Create(CultureInfo.InvariantCulture, $"nodes[{k}].scores[{i}]"), $"The stored score of '{node.Code}' differs from the re-computed one.");
                }
            }
        }

        return result;
    }

    private static InvalidResultJsonException Mismatch(string path, string message) => new(ValidationErrors.Single(ErrorCodes.JsonResultMismatch, path, message));

    private static InvalidResultJsonException Missing(string path, string message) => new(ValidationErrors.Single(ErrorCodes.JsonMissingProperty, path, message));
}

/// <summary>The JSON converter of one result type, through its DTO.</summary>
internal abstract class DtoConverter<T, TDto> : JsonConverter<T>
    where T : class
{
    protected abstract JsonTypeInfo<TDto> Info { get; }

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var dto = JsonSerializer.Deserialize(ref reader, Info);
        return dto is null ? null : FromDto(dto);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, ToDto(value), Info);

    protected abstract TDto ToDto(T value);

    protected abstract T FromDto(TDto dto);
}

internal sealed class ScoreResultJsonConverter : DtoConverter<ScoreResult, ScoreResultDto>
{
    protected override JsonTypeInfo<ScoreResultDto> Info => ResultDtoContext.Default.ScoreResultDto;

    protected override ScoreResultDto ToDto(ScoreResult value) => ResultDtos.ToDto(value);

    protected override ScoreResult FromDto(ScoreResultDto dto) => ResultDtos.FromDto(dto);
}

internal sealed class PanelScoreResultJsonConverter : DtoConverter<PanelScoreResult, PanelScoreResultDto>
{
    protected override JsonTypeInfo<PanelScoreResultDto> Info => ResultDtoContext.Default.PanelScoreResultDto;

    protected override PanelScoreResultDto ToDto(PanelScoreResult value) => ResultDtos.ToDto(value);

    protected override PanelScoreResult FromDto(PanelScoreResultDto dto) => ResultDtos.FromDto(dto);
}

internal sealed class DatasetJsonConverter : DtoConverter<Dataset, DatasetDto>
{
    protected override JsonTypeInfo<DatasetDto> Info => ResultDtoContext.Default.DatasetDto;

    protected override DatasetDto ToDto(Dataset value) => ResultDtos.ToDto(value);

    protected override Dataset FromDto(DatasetDto dto) => ResultDtos.FromDto(dto);
}

internal sealed class TreatmentReportJsonConverter : DtoConverter<TreatmentReport, TreatmentReportDto>
{
    protected override JsonTypeInfo<TreatmentReportDto> Info => ResultDtoContext.Default.TreatmentReportDto;

    protected override TreatmentReportDto ToDto(TreatmentReport value) => ResultDtos.ToDto(value);

    protected override TreatmentReport FromDto(TreatmentReportDto dto) => ResultDtos.FromDto(dto);
}

internal sealed class ContributionTableJsonConverter : DtoConverter<ContributionTable, ContributionTableDto>
{
    protected override JsonTypeInfo<ContributionTableDto> Info => ResultDtoContext.Default.ContributionTableDto;

    protected override ContributionTableDto ToDto(ContributionTable value) => ResultDtos.ToDto(value);

    protected override ContributionTable FromDto(ContributionTableDto dto) => ResultDtos.FromDto(dto);
}

internal sealed class ScoreDiffJsonConverter : DtoConverter<ScoreDiff, ScoreDiffDto>
{
    protected override JsonTypeInfo<ScoreDiffDto> Info => ResultDtoContext.Default.ScoreDiffDto;

    protected override ScoreDiffDto ToDto(ScoreDiff value) => new(value.Root, [.. value.Causes], [.. value.Changes], ResultDtos.ToDto(value.Before), ResultDtos.ToDto(value.After));

    protected override ScoreDiff FromDto(ScoreDiffDto dto) => new([.. dto.Changes], dto.Root, ResultDtos.FromDto(dto.Before), ResultDtos.FromDto(dto.After), [.. dto.Causes]);
}

internal sealed class UncertaintyResultJsonConverter : DtoConverter<UncertaintyResult, UncertaintyResultDto>
{
    protected override JsonTypeInfo<UncertaintyResultDto> Info => ResultDtoContext.Default.UncertaintyResultDto;

    protected override UncertaintyResultDto ToDto(UncertaintyResult value) => ResultDtos.ToDto(value);

    protected override UncertaintyResult FromDto(UncertaintyResultDto dto) => ResultDtos.FromDto(dto);
}

internal sealed class SensitivityResultJsonConverter : DtoConverter<SensitivityResult, SensitivityResultDto>
{
    protected override JsonTypeInfo<SensitivityResultDto> Info => ResultDtoContext.Default.SensitivityResultDto;

    protected override SensitivityResultDto ToDto(SensitivityResult value) => new([.. value.Indices], value.BaseSamples, value.Runs, value.OutputVariance);

    protected override SensitivityResult FromDto(SensitivityResultDto dto) => new([.. dto.Indices], dto.BaseSamples, dto.Runs, dto.OutputVariance);
}

internal sealed class AhpResultJsonConverter : DtoConverter<AhpResult, AhpResultDto>
{
    protected override JsonTypeInfo<AhpResultDto> Info => ResultDtoContext.Default.AhpResultDto;

    protected override AhpResultDto ToDto(AhpResult value) =>
        new([.. value.Criteria], [.. value.Weights], value.LambdaMax, value.ConsistencyIndex, value.ConsistencyRatio, value.RandomIndex, value.Method);

    protected override AhpResult FromDto(AhpResultDto dto) =>
        new([.. dto.Criteria], [.. dto.Weights], dto.LambdaMax, dto.ConsistencyIndex, dto.ConsistencyRatio, dto.RandomIndex, dto.Method);
}

internal sealed class EvaluationResultJsonConverter : DtoConverter<EvaluationResult, EvaluationResultDto>
{
    protected override JsonTypeInfo<EvaluationResultDto> Info => ResultDtoContext.Default.EvaluationResultDto;

    protected override EvaluationResultDto ToDto(EvaluationResult value) => ResultDtos.ToDto(value);

    protected override EvaluationResult FromDto(EvaluationResultDto dto) => ResultDtos.FromDto(dto);
}

/// <summary>Writes a stage result; reading one needs its stage (see <see cref="ResultJson.DeserializeProgrammeResult"/>).</summary>
internal sealed class StageResultJsonConverter : JsonConverter<StageResult>
{
    public override StageResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A stage result refers to its stage's definition: read the programme result with ResultJson.DeserializeProgrammeResult(json, programme).");

    public override void Write(Utf8JsonWriter writer, StageResult value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, ResultDtos.ToDto(value), ResultDtoContext.Default.StageResultDto);
}

/// <summary>Writes a programme result; reading one needs its programme (see <see cref="ResultJson.DeserializeProgrammeResult"/>).</summary>
internal sealed class ProgrammeResultJsonConverter : JsonConverter<ProgrammeResult>
{
    public override ProgrammeResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A programme result refers to its programme's definition: read it with ResultJson.DeserializeProgrammeResult(json, programme).");

    public override void Write(Utf8JsonWriter writer, ProgrammeResult value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, ResultDtos.ToDto(value), ResultDtoContext.Default.ProgrammeResultDto);
}

internal sealed class RubricDiffJsonConverter : DtoConverter<RubricDiff, RubricDiffDto>
{
    protected override JsonTypeInfo<RubricDiffDto> Info => ResultDtoContext.Default.RubricDiffDto;

    protected override RubricDiffDto ToDto(RubricDiff value) => ResultDtos.ToDto(value);

    protected override RubricDiff FromDto(RubricDiffDto dto) => ResultDtos.FromDto(dto);
}

internal sealed class EffectiveWeightJsonConverter : DtoConverter<EffectiveWeight, EffectiveWeightDto>
{
    protected override JsonTypeInfo<EffectiveWeightDto> Info => ResultDtoContext.Default.EffectiveWeightDto;

    protected override EffectiveWeightDto ToDto(EffectiveWeight value) => new(value.Code, value.Weight);

    protected override EffectiveWeight FromDto(EffectiveWeightDto dto) => ResultDtos.FromDto(dto);
}

/// <summary>Writes a score column as an array, <see langword="null"/> where missing; reads one into a new column.</summary>
internal sealed class ScoreColumnJsonConverter : JsonConverter<ScoreColumn>
{
    public override ScoreColumn Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var values = JsonSerializer.Deserialize(ref reader, ResultDtoContext.Default.ListDouble) ?? throw new JsonException("A score column is an array.");
        if (values.Any(v => double.IsInfinity(v)))
        {
            throw new JsonException("A score column holds finite numbers or null.");
        }

        return new ScoreColumn([.. values], 0, values.Count);
    }

    public override void Write(Utf8JsonWriter writer, ScoreColumn value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var v in value.Raw)
        {
            if (double.IsFinite(v))
            {
                writer.WriteNumberValue(v);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }
}

/// <summary>Writes a rank column as an array, <see langword="null"/> where missing; reads one into a new column.</summary>
internal sealed class RankColumnJsonConverter : JsonConverter<RankColumn>
{
    public override RankColumn Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var ranks = JsonSerializer.Deserialize(ref reader, ResultDtoContext.Default.ListNullableInt32) ?? throw new JsonException("A rank column is an array.");
        if (ranks.Any(r => r is < 1 || r > ranks.Count))
        {
            throw new JsonException("A rank is a whole number from 1 to the number of units, or null.");
        }

        return new RankColumn([.. ranks.Select(r => r is { } v ? (double)v : double.NaN)], 0, ranks.Count);
    }

    public override void Write(Utf8JsonWriter writer, RankColumn value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var r in value)
        {
            if (r is { } v)
            {
                writer.WriteNumberValue(v);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }
}
