using System.Globalization;

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

    /// <summary>A yes/no fact must be yes (1): a regional regulation, a masterplan, a budget line.</summary>
    /// <param name="column">The data column holding the fact (1 yes, 0 no).</param>
    /// <returns>The gate.</returns>
    public static RequiredCriterionGate Required(string column) => new(Guard.Against.Null(column));

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

/// <summary>The yes/no fact in <see cref="Column"/> must be 1.</summary>
/// <param name="Column">The data column.</param>
public sealed record RequiredCriterionGate(string Column) : Gate
{
    /// <inheritdoc/>
    public override string Description => $"{Column} = yes";

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
public readonly record struct GateDecision(string Unit, bool Passed, Gate? FailedGate, double? Value, double? Shortfall)
{
    /// <summary>Returns an explanation such as <c>K031 failed score of RKCI ≥ 40: 37.2 (short by 2.8)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Passed
        ? $"{Unit} passed"
        : string.Create(CultureInfo.InvariantCulture, $"{Unit} failed {FailedGate}: {(Value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "missing")} (short by {(Shortfall is { } s ? s.ToString("0.###", CultureInfo.InvariantCulture) : "NaN")})");
}
