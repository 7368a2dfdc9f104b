using System.Globalization;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Frameworks;

namespace SmartCity.Domain.Programmes;

/// <summary>
/// A condition a unit must meet to pass a stage of a programme: a closed set of variants. Every decision is explained
/// (<see cref="GateDecision"/>): which gate a unit failed, by how much.
/// </summary>
[System.Text.Json.Serialization.JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ScoreThresholdGate), "scoreAtLeast")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(TopNGate), "topN")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(RequiredCriterionGate), "required")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(CoverageGate), "minimumCoverage")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ClassQuotaGate), "topNPerClass")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ColumnRangeGate), "inRange")]
public abstract record Gate
{
    private protected Gate()
    {
    }

    /// <summary>Gets a readable description such as <c>score of RKCI ≥ 40</c>.</summary>
    public abstract string Description { get; }

    /// <summary>The unit's score at a node must be at least a threshold.</summary>
    /// <param name="node">The node code.</param>
    /// <param name="minimum">The threshold.</param>
    /// <returns>The gate.</returns>
    public static ScoreThresholdGate ScoreAtLeast(string node, double minimum) => new(Guard.Against.Null(node), minimum);

    /// <summary>The unit must rank in the top <paramref name="n"/> at a node among the stage's entrants, overall or within its size class.</summary>
    /// <param name="node">The node code.</param>
    /// <param name="n">How many pass (ties at the boundary all pass: ties share the lowest rank).</param>
    /// <param name="perSizeClass">Whether the top n is taken within each size class.</param>
    /// <returns>The gate.</returns>
    public static TopNGate TopN(string node, int n, bool perSizeClass = false) => new(Guard.Against.Null(node), n, perSizeClass);

    /// <summary>
    /// The unit must rank within its size class's quota at a node (RKCI 2019: 30 finalists spread over kota besar, sedang
    /// and kecil). A unit whose class has no quota fails; ties at the boundary all pass.
    /// </summary>
    /// <param name="node">The node code.</param>
    /// <param name="quotas">One quota per size class, each with where it comes from.</param>
    /// <returns>The gate.</returns>
    public static ClassQuotaGate TopNPerClass(string node, params ClassQuota[] quotas) => new(Guard.Against.Null(node), EquatableArray.Create(Guard.Against.Null(quotas)));

    /// <summary>A yes/no fact must be yes (1): a regional regulation, a masterplan, a budget line.</summary>
    /// <param name="column">The data column holding the fact (1 yes, 0 no).</param>
    /// <returns>The gate.</returns>
    public static RequiredCriterionGate Required(string column) => new(Guard.Against.Null(column));

    /// <summary>
    /// A number in a data column must lie in [<paramref name="minimum"/>, <paramref name="maximum"/>]: a masterplan's
    /// horizon of 5-10 years, at least one quick win. A missing value fails.
    /// </summary>
    /// <param name="column">The data column.</param>
    /// <param name="minimum">The smallest value that passes.</param>
    /// <param name="maximum">The largest value that passes (<see cref="double.PositiveInfinity"/> for no upper bound).</param>
    /// <returns>The gate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The minimum is NaN or greater than the maximum.</exception>
    public static ColumnRangeGate InRange(string column, double minimum, double maximum = double.PositiveInfinity)
    {
        Guard.Against.Null(column);
        if (double.IsNaN(minimum) || double.IsNaN(maximum) || minimum > maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "The minimum must be a number no greater than the maximum.");
        }

        return new(column, minimum, maximum);
    }

    /// <summary>The share of the indicators under a node with observed data must be at least a minimum.</summary>
    /// <param name="node">The node code.</param>
    /// <param name="share">The minimum coverage in [0, 1].</param>
    /// <returns>The gate.</returns>
    public static CoverageGate MinimumCoverage(string node, double share) => new(Guard.Against.Null(node), share);

    /// <summary>Returns the description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Description;
}

/// <summary>The unit's score at <see cref="Node"/> must be at least <see cref="Minimum"/>.</summary>
/// <param name="Node">The node code.</param>
/// <param name="Minimum">The threshold.</param>
public sealed record ScoreThresholdGate(string Node, double Minimum) : Gate
{
    /// <inheritdoc/>
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"score of {Node} ≥ {Minimum}");

    /// <inheritdoc/>
    public override string ToString() => Description;
}

/// <summary>The unit must rank within the top <see cref="N"/> at <see cref="Node"/>, overall or per size class.</summary>
/// <param name="Node">The node code.</param>
/// <param name="N">How many pass.</param>
/// <param name="PerSizeClass">Whether per size class.</param>
public sealed record TopNGate(string Node, int N, bool PerSizeClass) : Gate
{
    /// <inheritdoc/>
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"top {N} at {Node}{(PerSizeClass ? " within size class" : string.Empty)}");

    /// <inheritdoc/>
    public override string ToString() => Description;
}

/// <summary>How many units of one size class pass a <see cref="ClassQuotaGate"/>, and where that number comes from.</summary>
/// <param name="SizeClass">The size-class code.</param>
/// <param name="N">How many pass (at least 1).</param>
/// <param name="Confidence">Whether the number is verified, from a secondary source, or illustrative.</param>
/// <param name="Source">The source, or why the number is illustrative.</param>
public readonly record struct ClassQuota(string SizeClass, int N, Confidence Confidence, string? Source = null);

/// <summary>The unit must rank within its size class's quota at <see cref="Node"/>: top <c>N</c> of each class.</summary>
/// <param name="Node">The node code.</param>
/// <param name="Quotas">One quota per size class.</param>
public sealed record ClassQuotaGate(string Node, [property: System.Text.Json.Serialization.JsonConverter(typeof(ClassQuotaArrayJsonConverter))] EquatableArray<ClassQuota> Quotas) : Gate
{
    /// <summary>Gets the total number of places over every class.</summary>
    public int Total => Quotas.Sum(q => q.N);

    /// <inheritdoc/>
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"top {string.Join(" / ", Quotas.Select(q => $"{q.N} {q.SizeClass}"))} at {Node} within size class");

    /// <summary>Returns the quota of a size class, or <see langword="null"/> when the class has none.</summary>
    /// <param name="sizeClass">The class code.</param>
    /// <returns>The number of places.</returns>
    public int? QuotaOf(string? sizeClass) => Quotas.Where(q => q.SizeClass == sizeClass).Select(q => (int?)q.N).FirstOrDefault();

    /// <inheritdoc/>
    public override string ToString() => Description;
}

/// <summary>The yes/no fact in <see cref="Column"/> must be 1.</summary>
/// <param name="Column">The data column.</param>
public sealed record RequiredCriterionGate(string Column) : Gate
{
    /// <inheritdoc/>
    public override string Description => $"{Column} = yes";

    /// <inheritdoc/>
    public override string ToString() => Description;
}

/// <summary>The number in <see cref="Column"/> must lie in [<see cref="Minimum"/>, <see cref="Maximum"/>]; a missing value fails.</summary>
/// <param name="Column">The data column.</param>
/// <param name="Minimum">The smallest value that passes.</param>
/// <param name="Maximum">The largest value that passes (positive infinity: no upper bound).</param>
public sealed record ColumnRangeGate(string Column, double Minimum, double Maximum) : Gate
{
    /// <inheritdoc/>
    public override string Description => double.IsPositiveInfinity(Maximum)
        ? string.Create(CultureInfo.InvariantCulture, $"{Column} ≥ {Minimum}")
        : string.Create(CultureInfo.InvariantCulture, $"{Column} in {Minimum}–{Maximum}");

    /// <inheritdoc/>
    public override string ToString() => Description;
}

/// <summary>The data coverage under <see cref="Node"/> must be at least <see cref="Share"/>.</summary>
/// <param name="Node">The node code.</param>
/// <param name="Share">The minimum share in [0, 1].</param>
public sealed record CoverageGate(string Node, double Share) : Gate
{
    /// <inheritdoc/>
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"data coverage of {Node} ≥ {Share:P0}");

    /// <inheritdoc/>
    public override string ToString() => Description;
}

/// <summary>Why a unit passed or failed a stage: the first gate it failed, with its value and the shortfall.</summary>
/// <param name="Unit">The unit code.</param>
/// <param name="Passed">Whether it passed every gate.</param>
/// <param name="FailedGate">The first gate failed, or <see langword="null"/>.</param>
/// <param name="Value">
/// The unit's value for that gate (score, rank, fact as 1/0, coverage); <see langword="null"/> when it passed or when the
/// value is missing.
/// </param>
/// <param name="Shortfall">
/// How far it missed: threshold − score, rank − n, 1 for a fact not met (also when missing), required − coverage; 0 when
/// it passed; <see langword="null"/> when the score or rank is missing.
/// </param>
/// <param name="SizeClass">The unit's size class when the gate was taken per class, otherwise <see langword="null"/>.</param>
/// <param name="Places">The places the gate gave (the top N; the class's quota for a per-class gate), otherwise <see langword="null"/>.</param>
public readonly record struct GateDecision(string Unit, bool Passed, Gate? FailedGate, double? Value, double? Shortfall, string? SizeClass = null, int? Places = null)
{
    /// <summary>
    /// Gets the reason in plain words, such as <c>ranked 39th; the top 30 pass</c>, <c>ranked 9th in besar; the top 8
    /// pass</c>, <c>score 37.2; at least 40 passes</c>, <c>rkci_registered is not yes</c> or
    /// <c>data coverage 45%; at least 50% passes</c>; <c>passed</c> when it passed.
    /// </summary>
    public string Reason
    {
        get
        {
            if (Passed)
            {
                return "passed";
            }

            var value = Value;
            return FailedGate switch
            {
                TopNGate t => value is { } r
                    ? string.Create(CultureInfo.InvariantCulture, $"ranked {Ordinal(r)}{(t.PerSizeClass && SizeClass is not null ? $" in {SizeClass}" : string.Empty)}; the top {Places ?? t.N} pass")
                    : "score missing, so no rank",
                ClassQuotaGate q => value is { } r
                    ? string.Create(CultureInfo.InvariantCulture, $"ranked {Ordinal(r)} in {SizeClass ?? "no class"}; the top {Places ?? 0} of the class pass")
                    : (SizeClass is null ? "no size class" : Places is null ? string.Create(CultureInfo.InvariantCulture, $"{SizeClass} has no places at {q.Node}") : "score missing, so no rank"),
                ScoreThresholdGate s => value is { } v
                    ? string.Create(CultureInfo.InvariantCulture, $"score {v:0.##}; at least {s.Minimum:0.##} passes")
                    : "score missing",
                RequiredCriterionGate c => value is null ? $"{c.Column} is missing" : $"{c.Column} is not yes",
                ColumnRangeGate g => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{g.Column} is {v:0.##}; {g.Description} passes") : $"{g.Column} is missing",
                CoverageGate c => string.Create(CultureInfo.InvariantCulture, $"data coverage {value ?? 0:P0}; at least {c.Share:P0} passes"),
                _ => "failed",
            };
        }
    }

    /// <summary>Formats a rank as an English ordinal: 1st, 2nd, 3rd, 4th, 11th, 21st.</summary>
    /// <param name="rank">The rank (1 is best).</param>
    /// <returns>The text.</returns>
    public static string Ordinal(double rank)
    {
        var n = (long)rank;
        if (n != rank)
        {
            return rank.ToString("0.###", CultureInfo.InvariantCulture);
        }

        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return n.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>Returns an explanation such as <c>K011 failed top 30 at RKCI: ranked 39th; the top 30 pass</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Passed ? $"{Unit} passed" : $"{Unit} failed {FailedGate}: {Reason}";
}

/// <summary>Reads and writes a gate's quotas as a JSON array of <c>{sizeClass, n, confidence, source}</c>.</summary>
internal sealed class ClassQuotaArrayJsonConverter : System.Text.Json.Serialization.JsonConverter<EquatableArray<ClassQuota>>
{
    public override EquatableArray<ClassQuota> Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        using var doc = System.Text.Json.JsonDocument.ParseValue(ref reader);
        var list = new List<ClassQuota>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            var source = e.TryGetProperty("source", out var s) && s.ValueKind == System.Text.Json.JsonValueKind.String ? s.GetString() : null;
            list.Add(new ClassQuota(
                e.GetProperty("sizeClass").GetString() ?? string.Empty,
                e.GetProperty("n").GetInt32(),
                Enum.Parse<Confidence>(e.GetProperty("confidence").GetString() ?? nameof(Confidence.Illustrative), ignoreCase: true),
                source));
        }

        return EquatableArray.Create(list);
    }

    public override void Write(System.Text.Json.Utf8JsonWriter writer, EquatableArray<ClassQuota> value, System.Text.Json.JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var q in value)
        {
            writer.WriteStartObject();
            writer.WriteString("sizeClass", q.SizeClass);
            writer.WriteNumber("n", q.N);
            writer.WriteString("confidence", q.Confidence.ToString());
            if (q.Source is null)
            {
                writer.WriteNull("source");
            }
            else
            {
                writer.WriteString("source", q.Source);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
