using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using SmartCity.Domain.Collections;

namespace SmartCity.Domain.Analysis;

/// <summary>What a unit should reach at a group: a rank, a score, or a maturity level. A closed set of variants.</summary>
/// <remarks>A target is met when the rank is at most <see cref="RankTarget.Rank"/> (ties share the best rank, so tying the
/// unit in that place counts), the score is at least <see cref="ScoreTarget.Score"/>, or the score falls in the level or a
/// higher one of the framework's <see cref="Frameworks.RatingFramework.MaturityLevels"/>.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RankTarget), "rank")]
[JsonDerivedType(typeof(ScoreTarget), "score")]
[JsonDerivedType(typeof(LevelTarget), "level")]
public abstract record SeekTarget
{
    private protected SeekTarget(string node) => Node = Guard.Against.Null(node);

    /// <summary>Gets the code of the group (the index or any aggregate) the target is set at.</summary>
    public string Node { get; }

    /// <summary>Creates a rank target: rank <paramref name="rank"/> or better at <paramref name="node"/>.</summary>
    /// <param name="node">The group's code.</param>
    /// <param name="rank">The rank to reach (1 is best); checked against the unit count by <see cref="TargetSeeking.Run"/>.</param>
    /// <returns>The target.</returns>
    public static RankTarget ForRank(string node, int rank) => new(node, rank);

    /// <summary>Creates a score target: a score of at least <paramref name="score"/> at <paramref name="node"/>.</summary>
    /// <param name="node">The group's code.</param>
    /// <param name="score">The score to reach.</param>
    /// <returns>The target.</returns>
    public static ScoreTarget ForScore(string node, double score) => new(node, score);

    /// <summary>Creates a maturity-level target: the level <paramref name="level"/> or a higher one at <paramref name="node"/>.</summary>
    /// <param name="node">The group's code.</param>
    /// <param name="level">The code of a class of the framework's maturity levels.</param>
    /// <returns>The target.</returns>
    public static LevelTarget ForLevel(string node, string level) => new(node, level);
}

/// <summary>Rank <see cref="Rank"/> or better at <see cref="SeekTarget.Node"/>.</summary>
public sealed record RankTarget : SeekTarget
{
    /// <summary>Initializes a new instance of the <see cref="RankTarget"/> class.</summary>
    /// <param name="node">The group's code.</param>
    /// <param name="rank">The rank to reach (1 is best).</param>
    public RankTarget(string node, int rank)
        : base(node) => Rank = rank;

    /// <summary>Gets the rank to reach.</summary>
    public int Rank { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"rank <= {Rank} at {Node}");
}

/// <summary>A score of at least <see cref="Score"/> at <see cref="SeekTarget.Node"/>.</summary>
public sealed record ScoreTarget : SeekTarget
{
    /// <summary>Initializes a new instance of the <see cref="ScoreTarget"/> class.</summary>
    /// <param name="node">The group's code.</param>
    /// <param name="score">The score to reach.</param>
    public ScoreTarget(string node, double score)
        : base(node) => Score = score;

    /// <summary>Gets the score to reach.</summary>
    public double Score { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"score >= {Score:R} at {Node}");
}

/// <summary>The maturity level <see cref="Level"/> or a higher one at <see cref="SeekTarget.Node"/>.</summary>
public sealed record LevelTarget : SeekTarget
{
    /// <summary>Initializes a new instance of the <see cref="LevelTarget"/> class.</summary>
    /// <param name="node">The group's code.</param>
    /// <param name="level">The code of a maturity-level class.</param>
    public LevelTarget(string node, string level)
        : base(node) => Level = Guard.Against.Null(level);

    /// <summary>Gets the maturity level's code.</summary>
    public string Level { get; }

    /// <inheritdoc/>
    public override string ToString() => $"level >= {Level} at {Node}";
}

/// <summary>How far one indicator may move (in the direction that improves it) in target seeking.</summary>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Limit">The raw value it may reach at most (at least, for a lower-is-better indicator); <see langword="null"/> for none.</param>
/// <param name="MaxRelativeChange">The largest change as a share of the current value (0.2 = 20 %); <see langword="null"/> for none.</param>
/// <remarks>When neither is given the limit is the best value observed in the column (the unit may become the best
/// performer, not better). Both given: the tighter one. An indicator scale's bounds (a percentage's 100) always apply.</remarks>
public sealed record IndicatorBound(string Indicator, double? Limit = null, double? MaxRelativeChange = null);

/// <summary>A target-seeking question: which raw values must change, and by how little, for a unit to reach a target.</summary>
public sealed record TargetSeekRequest
{
    /// <summary>Initializes a new instance of the <see cref="TargetSeekRequest"/> class.</summary>
    /// <param name="unit">The unit's code.</param>
    /// <param name="target">The target.</param>
    /// <param name="bounds">Limits per indicator; indicators without one move up to the column's best value.</param>
    /// <param name="movable">The indicators that may move; <see langword="null"/> or empty for every indicator.</param>
    public TargetSeekRequest(string unit, SeekTarget target, IEnumerable<IndicatorBound>? bounds = null, IEnumerable<string>? movable = null)
    {
        Unit = Guard.Against.Null(unit);
        Target = Guard.Against.Null(target);
        Bounds = EquatableArray.Create(bounds ?? []);
        Movable = EquatableArray.Create(movable ?? []);
    }

    /// <summary>Gets the unit's code.</summary>
    public string Unit { get; }

    /// <summary>Gets the target.</summary>
    public SeekTarget Target { get; }

    /// <summary>Gets the limits per indicator.</summary>
    public EquatableArray<IndicatorBound> Bounds { get; }

    /// <summary>Gets the indicators that may move; empty for every indicator.</summary>
    public EquatableArray<string> Movable { get; }
}

/// <summary>The outcome of a target search.</summary>
public enum SeekStatus
{
    /// <summary>The unit already meets the target: no change is needed.</summary>
    AlreadyMet = 0,

    /// <summary>The target is reached by the reported change.</summary>
    Reached = 1,

    /// <summary>The target cannot be reached within the bounds (the outcome at the bounds is reported).</summary>
    Unreachable = 2,

    /// <summary>The indicator cannot move: the unit has no value for it, or it is already at its limit.</summary>
    NotMovable = 3,
}

/// <summary>One raw value changed by target seeking.</summary>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="From">The unit's current raw value.</param>
/// <param name="To">The raw value that reaches the target.</param>
/// <param name="Cost">|To − From| divided by the indicator's observed range (max − min of the raw column over all units): a change of one full range costs 1.</param>
public sealed record IndicatorMove(string Indicator, double From, double To, double Cost)
{
    /// <summary>Gets the change of the raw value, To − From.</summary>
    [JsonIgnore]
    public double Change => To - From;

    /// <summary>Gets the change relative to the current value, (To − From)/|From|; <see langword="null"/> when From is 0.</summary>
    [JsonIgnore]
    public double? RelativeChange => From == 0 ? null : (To - From) / Math.Abs(From);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Indicator}: {From:R} -> {To:R} (cost {Cost:R})");
}

/// <summary>One indicator's share of a unit's score at the target node (see <see cref="Scoring.ContributionTable"/>).</summary>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Value">Its contribution; <see langword="null"/> when missing.</param>
public readonly record struct IndicatorContribution(string Indicator, double? Value);

/// <summary>The unit's standing at the target node after a change: score, rank, maturity level and contributions.</summary>
/// <param name="Score">The score; <see langword="null"/> when missing.</param>
/// <param name="Rank">The rank; <see langword="null"/> when the score is missing.</param>
/// <param name="Contributions">Each indicator's contribution to the score, in framework order.</param>
public sealed record SeekOutcome(double? Score, int? Rank, ImmutableArray<IndicatorContribution> Contributions)
{
    /// <inheritdoc/>
    public bool Equals(SeekOutcome? other) =>
        other is not null && Score.Equals(other.Score) && Rank == other.Rank && Contributions.SequenceEqual(other.Contributions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Score, Rank, Contributions.Length);
}

/// <summary>The smallest change of one indicator alone that reaches the target.</summary>
/// <param name="Indicator">The indicator's code.</param>
/// <param name="Status">Whether it reaches the target.</param>
/// <param name="Move">The change (for <see cref="SeekStatus.Reached"/>), or the move to the limit (for <see cref="SeekStatus.Unreachable"/>); <see langword="null"/> otherwise.</param>
/// <param name="Outcome">The standing after <see cref="Move"/>; <see langword="null"/> without a move.</param>
/// <param name="MonotonicityProven">
/// Whether the target measure is proven monotone in this indicator under the framework's methods, so that the reported
/// value is the exact smallest (to the last bit). When <see langword="false"/> (outlier treatment, or a rank target with
/// z-scores or imputation that reads the column), the search scans the other units' values and a grid before bisecting,
/// and the value reaches the target but a smaller one elsewhere might too.
/// </param>
public sealed record SingleIndicatorSeek(string Indicator, SeekStatus Status, IndicatorMove? Move, SeekOutcome? Outcome, bool MonotonicityProven);

/// <summary>The cheapest combination of moves found under the bounds.</summary>
/// <param name="Status">Whether it reaches the target.</param>
/// <param name="Moves">The changes (every movable indicator at its limit for <see cref="SeekStatus.Unreachable"/>).</param>
/// <param name="Cost">The total cost: the sum of the moves' <see cref="IndicatorMove.Cost"/>.</param>
/// <param name="Outcome">The standing after the moves; <see langword="null"/> without moves.</param>
public sealed record CombinedSeek(SeekStatus Status, ImmutableArray<IndicatorMove> Moves, double Cost, SeekOutcome? Outcome)
{
    /// <inheritdoc/>
    public bool Equals(CombinedSeek? other) =>
        other is not null && Status == other.Status && Moves.SequenceEqual(other.Moves) && Cost.Equals(other.Cost) && Equals(Outcome, other.Outcome);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Status, Moves.Length, Cost);
}

/// <summary>The answer to a <see cref="TargetSeekRequest"/>: the unit's standing now, the smallest move of each indicator alone, and the cheapest combination.</summary>
/// <param name="Unit">The unit's code.</param>
/// <param name="Target">The target.</param>
/// <param name="Current">The unit's standing now.</param>
/// <param name="Single">Per movable indicator, in framework order, the smallest change of that indicator alone.</param>
/// <param name="Combination">The cheapest combination found.</param>
public sealed record TargetSeekResult(string Unit, SeekTarget Target, SeekOutcome Current, ImmutableArray<SingleIndicatorSeek> Single, CombinedSeek Combination)
{
    /// <summary>Gets the cheapest single-indicator move that reaches the target, or <see langword="null"/>.</summary>
    [JsonIgnore]
    public SingleIndicatorSeek? CheapestSingle =>
        Single.Where(s => s.Status == SeekStatus.Reached).OrderBy(s => s.Move!.Cost).FirstOrDefault();

    /// <inheritdoc/>
    public bool Equals(TargetSeekResult? other) =>
        other is not null && Unit == other.Unit && Target.Equals(other.Target) && Current.Equals(other.Current)
        && Single.SequenceEqual(other.Single) && Combination.Equals(other.Combination);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Unit, Target, Single.Length);
}
