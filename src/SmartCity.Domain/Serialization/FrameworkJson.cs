using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OneOf;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Serialization;

/// <summary>
/// Reads and writes rating frameworks in the documented JSON format (<c>docs/json-format.md</c>, schema in
/// <c>docs/framework.schema.json</c>): <c>schemaVersion</c> 1, camelCase, <c>kind</c> discriminators.
/// </summary>
/// <remarks>
/// <para>Reading is strict and total: unknown, duplicate or missing properties, wrong types, malformed text, excessive
/// nesting and an unknown schema version become <c>json.*</c> errors with their JSON path; a document that parses is then
/// validated like <see cref="RatingFramework.Create"/>. Reading never throws for bad input. A leading UTF-8 byte-order
/// mark is accepted.</para>
/// <para>Writing then reading gives a framework equal to the original (numbers are written in round-trip form).</para>
/// <para>Files, streams and readers: <c>ReadFile</c>, <c>Read</c> and their <c>Async</c> forms read a whole document
/// (at most <see cref="MaxDocumentBytes"/>; a larger one is the error <c>json.too-large</c>). Bad content is an error
/// result; failing to get the content is an exception: a missing file or a directory raises
/// <see cref="FileNotFoundException"/>, an unreadable one the <see cref="IOException"/> or
/// <see cref="UnauthorizedAccessException"/> of the file system, a cancelled read <see cref="OperationCanceledException"/>.
/// The async forms do no synchronous I/O on the stream (they may be used on an ASP.NET request body). Streams are
/// UTF-8 and are left open. See <c>docs/io.md</c>.</para>
/// </remarks>
public static class FrameworkJson
{
    /// <summary>The schema version this library writes and reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The largest document the stream, reader and file readers accept: 64 MiB (UTF-8 bytes, or characters from a <see cref="TextReader"/>).</summary>
    public const int MaxDocumentBytes = 64 * 1024 * 1024;

    private static readonly JsonSerializerOptions s_indented = new(SmartCityJsonContext.Default.Options) { WriteIndented = true };

    /// <summary>Writes a framework as JSON.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="indented">Whether to indent the output.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(RatingFramework framework, bool indented = false)
    {
        Guard.Against.Null(framework);
        return JsonSerializer.Serialize(ToDto(framework), TypeInfo(indented));
    }

    /// <summary>Reads a framework from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The framework, or every problem found (codes <c>json.*</c> and the framework codes).</returns>
    public static OneOf<RatingFramework, ValidationErrors> Deserialize(string json)
    {
        Guard.Against.Null(json);
        var diagnostics = Parse(json, out var framework);
        return framework is not null ? framework : ValidationErrors.Of(diagnostics);
    }

    /// <summary>Reads a framework from UTF-8 bytes.</summary>
    /// <param name="utf8Json">The bytes.</param>
    /// <returns>The framework, or every problem found.</returns>
    public static OneOf<RatingFramework, ValidationErrors> Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        var diagnostics = Parse(utf8Json, out var framework);
        return framework is not null ? framework : ValidationErrors.Of(diagnostics);
    }

    /// <summary>Checks a JSON document and returns every finding, errors and warnings.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The findings; empty when the document is a valid framework with nothing to warn about.</returns>
    public static IReadOnlyList<ValidationError> Validate(string json)
    {
        Guard.Against.Null(json);
        return Parse(json, out _);
    }

#pragma warning disable RS0026 // Each stream, reader and file overload takes the optional arguments .NET's own I/O methods take (indented, a cancellation token).
    /// <summary>Reads a framework from a JSON file.</summary>
    /// <param name="path">The file (UTF-8, with or without a byte-order mark).</param>
    /// <returns>The framework, or every problem found (<c>json.too-large</c> above <see cref="MaxDocumentBytes"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing, or a directory).</exception>
    /// <exception cref="IOException">The file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    public static OneOf<RatingFramework, ValidationErrors> ReadFile(string path)
    {
        using var stream = InputFile.OpenRead(path, useAsync: false);
        return Read(stream);
    }

    /// <summary>Reads a framework from a UTF-8 JSON stream, to its end; the stream is left open.</summary>
    /// <param name="utf8Json">The stream.</param>
    /// <returns>The framework, or every problem found (<c>json.too-large</c> above <see cref="MaxDocumentBytes"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static OneOf<RatingFramework, ValidationErrors> Read(Stream utf8Json)
    {
        Guard.Against.Null(utf8Json);
        return FromBytes(InputFile.ReadAll(utf8Json, MaxDocumentBytes));
    }

    /// <summary>Reads a framework from JSON text, to its end; the reader is left open.</summary>
    /// <param name="reader">The text.</param>
    /// <returns>The framework, or every problem found (<c>json.too-large</c> above <see cref="MaxDocumentBytes"/> characters).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="IOException">The text cannot be read.</exception>
    public static OneOf<RatingFramework, ValidationErrors> Read(TextReader reader)
    {
        Guard.Against.Null(reader);
        return InputFile.ReadAll(reader, MaxDocumentBytes) is { } json ? Deserialize(json) : TooLarge();
    }

    /// <summary>Reads a framework from a JSON file asynchronously.</summary>
    /// <param name="path">The file (UTF-8, with or without a byte-order mark).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The framework, or every problem found (<c>json.too-large</c> above <see cref="MaxDocumentBytes"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing, or a directory).</exception>
    /// <exception cref="IOException">The file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<OneOf<RatingFramework, ValidationErrors>> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = InputFile.OpenRead(path, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads a framework from a UTF-8 JSON stream asynchronously, to its end; the stream is left open. The stream is only
    /// read asynchronously (safe on an ASP.NET request body), buffered up to <see cref="MaxDocumentBytes"/>.
    /// </summary>
    /// <param name="utf8Json">The stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The framework, or every problem found (<c>json.too-large</c> above <see cref="MaxDocumentBytes"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<OneOf<RatingFramework, ValidationErrors>> ReadAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(utf8Json);
        return FromBytes(await InputFile.ReadAllAsync(utf8Json, MaxDocumentBytes, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads a framework from JSON text asynchronously, to its end; the reader is left open.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The framework, or every problem found (<c>json.too-large</c> above <see cref="MaxDocumentBytes"/> characters).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="IOException">The text cannot be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<OneOf<RatingFramework, ValidationErrors>> ReadAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(reader);
        return await InputFile.ReadAllAsync(reader, MaxDocumentBytes, cancellationToken).ConfigureAwait(false) is { } json ? Deserialize(json) : TooLarge();
    }

    /// <summary>Writes a framework as a JSON file (UTF-8 without a byte-order mark, ending with a line break), creating its folder if needed.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="path">The file, replaced if it exists.</param>
    /// <param name="indented">Whether to indent the output.</param>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> is null.</exception>
    /// <exception cref="IOException">The file cannot be written (also <see cref="UnauthorizedAccessException"/>).</exception>
    public static void WriteFile(RatingFramework framework, string path, bool indented = true)
    {
        Guard.Against.Null(framework);
        using var stream = InputFile.Create(path, useAsync: false);
        Write(framework, stream, indented);
    }

    /// <summary>Writes a framework as UTF-8 JSON followed by a line break; the stream is left open.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="utf8Json">The stream.</param>
    /// <param name="indented">Whether to indent the output.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(RatingFramework framework, Stream utf8Json, bool indented = false)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(utf8Json);
        JsonSerializer.Serialize(utf8Json, ToDto(framework), TypeInfo(indented));
        utf8Json.Write("\n"u8);
    }

    /// <summary>Writes a framework as JSON text followed by a line break; the writer is left open.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="writer">The writer.</param>
    /// <param name="indented">Whether to indent the output.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(RatingFramework framework, TextWriter writer, bool indented = false)
    {
        Guard.Against.Null(writer);
        writer.Write(Serialize(framework, indented));
        writer.Write('\n');
    }

    /// <summary>Writes a framework as a JSON file asynchronously (UTF-8 without a byte-order mark, ending with a line break), creating its folder if needed.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="path">The file, replaced if it exists.</param>
    /// <param name="indented">Whether to indent the output.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> is null.</exception>
    /// <exception cref="IOException">The file cannot be written (also <see cref="UnauthorizedAccessException"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task WriteFileAsync(RatingFramework framework, string path, bool indented = true, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(framework);
        var stream = InputFile.Create(path, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await WriteAsync(framework, stream, indented, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes a framework as UTF-8 JSON followed by a line break, asynchronously (safe on an ASP.NET response body); the stream is left open.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="utf8Json">The stream.</param>
    /// <param name="indented">Whether to indent the output.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the document is written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task WriteAsync(RatingFramework framework, Stream utf8Json, bool indented = false, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(utf8Json);
        await JsonSerializer.SerializeAsync(utf8Json, ToDto(framework), TypeInfo(indented), cancellationToken).ConfigureAwait(false);
        await utf8Json.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a framework as JSON text followed by a line break, asynchronously; the writer is left open.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="writer">The writer.</param>
    /// <param name="indented">Whether to indent the output.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the document is written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task WriteAsync(RatingFramework framework, TextWriter writer, bool indented = false, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(writer);
        await writer.WriteAsync((Serialize(framework, indented) + "\n").AsMemory(), cancellationToken).ConfigureAwait(false);
    }

#pragma warning restore RS0026

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<FrameworkDocumentDto> TypeInfo(bool indented) =>
        indented
            ? (System.Text.Json.Serialization.Metadata.JsonTypeInfo<FrameworkDocumentDto>)s_indented.GetTypeInfo(typeof(FrameworkDocumentDto))
            : SmartCityJsonContext.Default.FrameworkDocumentDto;

    private static OneOf<RatingFramework, ValidationErrors> FromBytes(byte[]? utf8) =>
        utf8 is null ? TooLarge() : Deserialize(utf8);

    private static ValidationErrors TooLarge() =>
        ValidationErrors.Single(ErrorCodes.JsonTooLarge, string.Empty, string.Create(CultureInfo.InvariantCulture, $"The document is larger than {MaxDocumentBytes / (1024 * 1024)} MiB, the most this reader accepts."));

    internal static IReadOnlyList<ValidationError> Parse(string json, out RatingFramework? framework)
    {
        if (json.Length > 0 && json[0] == '\uFEFF')
        {
            json = json[1..];
        }

        return Parse(Encoding.UTF8.GetBytes(json), out framework);
    }

    internal static IReadOnlyList<ValidationError> Parse(ReadOnlySpan<byte> utf8, out RatingFramework? framework)
    {
        framework = null;
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        FrameworkDocumentDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(utf8, SmartCityJsonContext.Default.FrameworkDocumentDto);
        }
        catch (JsonException ex)
        {
            return [JsonErrors.From(ex)];
        }
        catch (NotSupportedException ex)
        {
            // Raised for a polymorphic object without its 'kind' discriminator.
            return [JsonErrors.From(new JsonException(ex.Message, ex))];
        }
        catch (InvalidOperationException)
        {
            // The serializer raises this for some malformed polymorphic payloads.
            return [new ValidationError(ErrorCodes.JsonMalformed, string.Empty, "The document does not match the framework format: a node object is malformed (check each node's 'kind' and its properties).")];
        }

        if (dto is null)
        {
            return [new ValidationError(ErrorCodes.JsonMalformed, string.Empty, "The document is null; expected a framework object.")];
        }

        if (dto.SchemaVersion != SchemaVersion)
        {
            return [new ValidationError(ErrorCodes.JsonSchemaVersion, "schemaVersion", string.Create(CultureInfo.InvariantCulture, $"This library reads schemaVersion {SchemaVersion}."), dto.SchemaVersion.ToString(CultureInfo.InvariantCulture))];
        }

        var errors = new ErrorCollector();
        var candidate = FromDto(dto, errors);
        FrameworkValidator.ValidateFramework(errors, candidate);
        if (!errors.HasErrors)
        {
            framework = candidate;
        }

        return errors.Items;
    }

    private static RatingFramework FromDto(FrameworkDocumentDto dto, ErrorCollector errors)
    {
        var methods = new ScoringMethods(
            Normalisation(dto.Methods?.Normalisation, errors, "methods.normalisation"),
            Aggregation(dto.Methods?.Aggregation, errors, "methods.aggregation"),
            MissingData(dto.Methods?.MissingData, errors, "methods.missingData"),
            Imputation(dto.Methods?.Imputation, errors, "methods.imputation"),
            Treatment(dto.Methods?.Treatment, errors, "methods.treatment"));
        var root = (GroupNode)Node(dto.Root, errors, "root");
        var denominators = EquatableArray.Create((dto.Denominators ?? []).Select(d => DenominatorVariable.Unchecked(d.Code, Text(d.Name), d.Unit)));
        return RatingFramework.CreateUnchecked(
            dto.Code,
            Text(dto.Name),
            dto.Edition,
            root,
            methods,
            dto.Description,
            dto.Source,
            denominators,
            Scheme(dto.SizeClasses),
            Scheme(dto.MaturityLevels));
    }

    private static FrameworkNode Node(NodeDto dto, ErrorCollector errors, string path)
    {
        switch (dto)
        {
            case GroupDto g:
                {
                    if (g.Direction is not null)
                    {
                        errors.Warn(ErrorCodes.NodeDirectionIgnored, path + ".direction", "Directions apply to indicators only; the direction of a group is ignored.", g.Direction == DirectionDto.LowerIsBetter ? "lowerIsBetter" : "higherIsBetter");
                    }

                    if (!Codes.IsValid(g.Role))
                    {
                        errors.Add(ErrorCodes.CodeInvalid, path + ".role", "A role name must be a valid code.", g.Role);
                    }

                    var children = new List<FrameworkNode>(g.Children.Count);
                    for (var i = 0; i < g.Children.Count; i++)
                    {
                        children.Add(Node(g.Children[i], errors, string.Create(CultureInfo.InvariantCulture, $"{path}.children[{i}]")));
                    }

                    return new GroupNode(
                        g.Code,
                        Text(g.Name),
                        NodeRole.Unchecked(g.Role),
                        EquatableArray.Create(children),
                        g.Weight,
                        Aggregation(g.Aggregation, errors, path + ".aggregation"),
                        MissingData(g.MissingData, errors, path + ".missingData"),
                        g.Description,
                        EquatableArray.Create(g.Tags),
                        Provenance(g.Provenance));
                }

            case IndicatorDto i:
                {
                    if (i.Tier is { } tier && !Codes.IsValid(tier))
                    {
                        errors.Add(ErrorCodes.CodeInvalid, path + ".tier", "A tier name must be a valid code.", tier);
                    }

                    return new Indicator(
                        i.Code,
                        Text(i.Name),
                        Scale(i.Scale, errors, path + ".scale"),
                        i.Direction == DirectionDto.LowerIsBetter ? Direction.LowerIsBetter : Direction.HigherIsBetter,
                        i.Weight,
                        i.Unit,
                        i.Goalposts is { } gp ? Goalposts.Unchecked(gp.Lower, gp.Upper, gp.Scale, gp.Truncate) : null,
                        i.Target,
                        i.Tier is null ? IndicatorTier.Core : IndicatorTier.Unchecked(i.Tier),
                        i.Denominator,
                        Normalisation(i.Normalisation, errors, path + ".normalisation"),
                        Imputation(i.Imputation, errors, path + ".imputation"),
                        Treatment(i.Treatment, errors, path + ".treatment"),
                        i.Description,
                        EquatableArray.Create(i.Tags),
                        Provenance(i.Provenance));
                }

            default:
                throw new InvalidOperationException("Unknown node DTO.");
        }
    }

    private static LocalizedText Text(LocalizedTextDto dto) => LocalizedText.Unchecked(dto.En, dto.Id);

    private static Provenance? Provenance(ProvenanceDto? dto) =>
        dto is null ? null : new Provenance((Confidence)(int)dto.Confidence, dto.Source);

    private static ClassificationScheme? Scheme(SchemeDto? dto) =>
        dto is null
            ? null
            : ClassificationScheme.Unchecked(
                dto.Code,
                Text(dto.Name),
                EquatableArray.Create(dto.Classes.Select(c => SchemeClass.Unchecked(c.Code, Text(c.Name)))),
                EquatableArray.Create(dto.Boundaries.Select(b => new ClassBoundary(b.Value, b.Membership == MembershipDto.Above ? BoundaryMembership.Above : BoundaryMembership.Below))),
                dto.Source);

    private static IndicatorScale Scale(ScaleDto? dto, ErrorCollector errors, string path) => dto switch
    {
        null or RatioScaleDto => IndicatorScale.Ratio,
        PercentageScaleDto => IndicatorScale.Percentage,
        CountScaleDto => IndicatorScale.Count,
        YesNoScaleDto => IndicatorScale.YesNo,
        LikertScaleDto l => (IndicatorScale?)errors.Take(IndicatorScale.Likert(l.Low, l.High), path) ?? IndicatorScale.Ratio,
        LevelsScaleDto l => (IndicatorScale?)errors.Take(IndicatorScale.Levels(l.Names), path) ?? IndicatorScale.Ratio,
        ChecklistScaleDto c => (IndicatorScale?)errors.Take(IndicatorScale.Checklist(c.Items), path) ?? IndicatorScale.Ratio,
        _ => throw new InvalidOperationException("Unknown scale DTO."),
    };

    private static NormalisationMethod? Normalisation(NormalisationDto? dto, ErrorCollector errors, string path) => dto switch
    {
        null => null,
        MinMaxDto m => errors.Take(NormalisationMethod.MinMax(m.Lower, m.Upper), path),
        ZScoreDto z => errors.Take(NormalisationMethod.ZScore(z.Mean, z.StandardDeviation), path),
        RankDto => NormalisationMethod.Rank,
        BordaDto => NormalisationMethod.Borda,
        PercentileRankDto => NormalisationMethod.PercentileRank,
        DistanceToMaxDto => NormalisationMethod.DistanceToMax,
        FractionOfMaxDto => NormalisationMethod.FractionOfMax,
        DistanceToReferenceDto r => errors.Take(NormalisationMethod.DistanceToReference(r.UnitCode, r.Cap), path),
        DistanceToTargetDto t => NormalisationMethod.DistanceToTarget(t.Cap),
        GoalpostsNormalisationDto => NormalisationMethod.Goalposts,
        ScaleMappingDto s => errors.Take(NormalisationMethod.ScaleMapping(s.Lower, s.Upper), path),
        NoNormalisationDto => NormalisationMethod.None,
        _ => throw new InvalidOperationException("Unknown normalisation DTO."),
    };

    private static AggregationMethod? Aggregation(AggregationDto? dto, ErrorCollector errors, string path) => dto switch
    {
        null => null,
        ArithmeticMeanDto => AggregationMethod.Arithmetic,
        GeometricMeanDto => AggregationMethod.Geometric,
        HarmonicMeanDto => AggregationMethod.Harmonic,
        GeneralisedMeanDto g => errors.Take(AggregationMethod.Generalised(g.P), path),
        MinimumDto => AggregationMethod.Minimum,
        CopelandDto => AggregationMethod.Copeland,
        _ => throw new InvalidOperationException("Unknown aggregation DTO."),
    };

    private static MissingDataRule? MissingData(MissingDataDto? dto, ErrorCollector errors, string path) => dto switch
    {
        null => null,
        { CoverageThreshold: null } => MissingDataRule.SkipAndRenormalise,
        { CoverageThreshold: { } t } => errors.Take(MissingDataRule.WithCoverageThreshold(t), path),
    };

    private static ImputationMethod? Imputation(ImputationDto? dto, ErrorCollector errors, string path) => dto switch
    {
        null => null,
        NoImputationDto => ImputationMethod.None,
        ColumnMeanDto => ImputationMethod.ColumnMean,
        ColumnMedianDto => ImputationMethod.ColumnMedian,
        GroupMeanDto g => errors.Take(ImputationMethod.GroupMean(g.Attribute), path),
        GroupMedianDto g => errors.Take(ImputationMethod.GroupMedian(g.Attribute), path),
        RowImputationDto r => errors.Take(r.Median ? ImputationMethod.RowMedian(r.GroupLevel, r.NormaliseFirst) : ImputationMethod.RowMean(r.GroupLevel, r.NormaliseFirst), path),
        _ => throw new InvalidOperationException("Unknown imputation DTO."),
    };

    private static OutlierTreatment? Treatment(TreatmentDto? dto, ErrorCollector errors, string path) => dto switch
    {
        null => null,
        NoTreatmentDto => OutlierTreatment.None,
        WinsoriseThenLogDto w => errors.Take(OutlierTreatment.WinsoriseThenLog(w.WinsorisationLimit, w.SkewnessThreshold, w.KurtosisThreshold, w.CombineWithWinsorised), path),
        WinsoriseOnlyDto w => errors.Take(OutlierTreatment.WinsoriseOnly(w.WinsorisationLimit, w.SkewnessThreshold, w.KurtosisThreshold), path),
        _ => throw new InvalidOperationException("Unknown treatment DTO."),
    };

    private static FrameworkDocumentDto ToDto(RatingFramework f) => new(
        SchemaVersion,
        f.Code,
        ToDto(f.Name),
        f.Edition,
        (GroupDto)ToDto(f.Root),
        new MethodsDto(ToDto(f.Methods.Normalisation), ToDto(f.Methods.Aggregation), ToDto(f.Methods.MissingData), ToDto(f.Methods.Imputation), ToDto(f.Methods.Treatment)),
        f.Description,
        f.Source,
        f.Denominators.Count == 0 ? null : [.. f.Denominators.Select(d => new DenominatorDto(d.Code, ToDto(d.Name), d.Unit))],
        ToDto(f.SizeClasses),
        ToDto(f.MaturityLevels));

    private static LocalizedTextDto ToDto(LocalizedText t) => new(t.English, t.Indonesian);

    private static ProvenanceDto? ToDto(Provenance? p) => p is null ? null : new ProvenanceDto((ConfidenceDto)(int)p.Confidence, p.Source);

    private static SchemeDto? ToDto(ClassificationScheme? s) => s is null
        ? null
        : new SchemeDto(
            s.Code,
            ToDto(s.Name),
            [.. s.Classes.Select(c => new SchemeClassDto(c.Code, ToDto(c.Name)))],
            [.. s.Boundaries.Select(b => new BoundaryDto(b.Value, b.Membership == BoundaryMembership.Above ? MembershipDto.Above : MembershipDto.Below))],
            s.Source);

    private static NodeDto ToDto(FrameworkNode node) => node switch
    {
        GroupNode g => new GroupDto(
            g.Code,
            ToDto(g.Name),
            g.Role.Name,
            [.. g.Children.Select(ToDto)],
            g.Weight,
            ToDto(g.Aggregation),
            ToDto(g.MissingData),
            g.Description,
            g.Tags.Count == 0 ? null : [.. g.Tags],
            ToDto(g.Provenance)),
        Indicator i => new IndicatorDto(
            i.Code,
            ToDto(i.Name),
            ToDto(i.Scale),
            i.Direction == Direction.LowerIsBetter ? DirectionDto.LowerIsBetter : DirectionDto.HigherIsBetter,
            i.Weight,
            i.Unit,
            i.Goalposts is { } gp ? new GoalpostsDto(gp.Lower, gp.Upper, gp.Scale, gp.Truncate) : null,
            i.Target,
            i.Tier.Name,
            i.Denominator,
            ToDto(i.Normalisation),
            ToDto(i.Imputation),
            ToDto(i.Treatment),
            i.Description,
            i.Tags.Count == 0 ? null : [.. i.Tags],
            ToDto(i.Provenance)),
        _ => throw new InvalidOperationException("Unknown node."),
    };

    private static ScaleDto ToDto(IndicatorScale s) => s switch
    {
        RatioScale => new RatioScaleDto(),
        PercentageScale => new PercentageScaleDto(),
        CountScale => new CountScaleDto(),
        YesNoScale => new YesNoScaleDto(),
        LikertScale l => new LikertScaleDto(l.Low, l.High),
        LevelScale l => new LevelsScaleDto([.. l.Names]),
        ChecklistScale c => new ChecklistScaleDto([.. c.Items]),
        _ => throw new InvalidOperationException("Unknown scale."),
    };

    private static NormalisationDto? ToDto(NormalisationMethod? n) => n switch
    {
        null => null,
        MinMaxNormalisation m => new MinMaxDto(m.Lower, m.Upper),
        ZScoreNormalisation z => new ZScoreDto(z.Mean, z.StandardDeviation),
        RankNormalisation => new RankDto(),
        BordaNormalisation => new BordaDto(),
        PercentileRankNormalisation => new PercentileRankDto(),
        DistanceToMaxNormalisation => new DistanceToMaxDto(),
        FractionOfMaxNormalisation => new FractionOfMaxDto(),
        DistanceToReferenceNormalisation r => new DistanceToReferenceDto(r.UnitCode, r.Cap),
        DistanceToTargetNormalisation t => new DistanceToTargetDto(t.Cap),
        GoalpostsNormalisation => new GoalpostsNormalisationDto(),
        ScaleMappingNormalisation s => new ScaleMappingDto(s.Lower, s.Upper),
        NoNormalisation => new NoNormalisationDto(),
        _ => throw new InvalidOperationException("Unknown normalisation."),
    };

    private static AggregationDto? ToDto(AggregationMethod? a) => a switch
    {
        null => null,
        ArithmeticMean => new ArithmeticMeanDto(),
        GeometricMean => new GeometricMeanDto(),
        HarmonicMean => new HarmonicMeanDto(),
        GeneralisedMean g => new GeneralisedMeanDto(g.P),
        MinimumAggregation => new MinimumDto(),
        CopelandAggregation => new CopelandDto(),
        _ => throw new InvalidOperationException("Unknown aggregation."),
    };

    private static MissingDataDto? ToDto(MissingDataRule? m) => m is null ? null : new MissingDataDto(m.CoverageThreshold);

    private static ImputationDto? ToDto(ImputationMethod? i) => i switch
    {
        null => null,
        NoImputation => new NoImputationDto(),
        ColumnMeanImputation => new ColumnMeanDto(),
        ColumnMedianImputation => new ColumnMedianDto(),
        GroupMeanImputation g => new GroupMeanDto(g.Attribute),
        GroupMedianImputation g => new GroupMedianDto(g.Attribute),
        RowImputation r => new RowImputationDto(r.Median, r.GroupLevel, r.NormaliseFirst),
        _ => throw new InvalidOperationException("Unknown imputation."),
    };

    private static TreatmentDto? ToDto(OutlierTreatment? t) => t switch
    {
        null => null,
        NoTreatment => new NoTreatmentDto(),
        WinsoriseThenLogTreatment w => new WinsoriseThenLogDto(w.WinsorisationLimit, w.SkewnessThreshold, w.KurtosisThreshold, w.CombineWithWinsorised),
        WinsoriseOnlyTreatment w => new WinsoriseOnlyDto(w.WinsorisationLimit, w.SkewnessThreshold, w.KurtosisThreshold),
        _ => throw new InvalidOperationException("Unknown treatment."),
    };
}

#pragma warning disable SA1402 // the converter of the format belongs with it.

/// <summary>
/// Writes and reads a <see cref="RatingFramework"/> in the <see cref="FrameworkJson"/> format through any serializer
/// options (such as ASP.NET's <c>Results.Ok(framework)</c>); a document that does not validate is a <see cref="JsonException"/>
/// naming its first errors.
/// </summary>
internal sealed class RatingFrameworkJsonConverter : JsonConverter<RatingFramework>
{
    private const int ErrorsShown = 5;

    public override RatingFramework Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return FrameworkJson.Deserialize(document.RootElement.GetRawText()).Match(
            f => f,
            e => throw new JsonException("The framework does not validate: " + string.Join("; ", e.Errors.Take(ErrorsShown).Select(x => x.ToString()))));
    }

    public override void Write(Utf8JsonWriter writer, RatingFramework value, JsonSerializerOptions options) =>
        writer.WriteRawValue(FrameworkJson.Serialize(value), skipInputValidation: true);
}
