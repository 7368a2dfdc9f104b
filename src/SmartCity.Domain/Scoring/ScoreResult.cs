using System.Collections.Immutable;
using System.Globalization;
using SmartCity.Domain.Frameworks;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// The outcome of scoring a dataset with a framework: every node's score for every unit (normalised values for
/// indicators), the ranks of every group, data coverage, exact per-indicator contributions, the values after imputation
/// and treatment, the treatment reports and the weights in effect. Immutable and thread-safe: keep it, share it,
/// serialise it (<see cref="Serialization.ResultJson"/>).
/// </summary>
/// <remarks>
/// <para>A missing value is <see langword="null"/>. Ranks are always present: 1 is best, ties share the lowest rank, a
/// missing score has no rank.</para>
/// <para>Results come from <see cref="ScoringPlan.Score"/> or, in hot loops, from
/// <see cref="ScoringWorkspace.ToResult"/>. Two results are equal when they hold the same framework, dataset, weights and
/// values.</para>
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.ScoreResultJsonConverter))]
public sealed class ScoreResult : IEquatable<ScoreResult>
{
    private readonly double[] _ranks;
    private readonly double[] _imputed;
    private readonly int[] _rawColumn;
    private readonly double[]? _treated;
    private readonly ImmutableArray<TreatmentReport?> _reports;

    // rawColumn: per indicator, the dataset column holding its imputed values (nothing was imputed or divided: the
    // dataset's own column is shared, not copied), or −1 when they are in imputed.
    internal ScoreResult(ScoringPlan plan, Dataset data, double[] scores, double[] ranks, double[] imputed, int[] rawColumn, double[]? treated, ImmutableArray<TreatmentReport?> reports, double[] childWeights)
    {
        _rawColumn = rawColumn;
        Plan = plan;
        Data = data;
        ScoreBuffer = scores;
        _ranks = ranks;
        _imputed = imputed;
        _treated = treated;
        _reports = reports;
        ChildWeights = childWeights;
        TreatmentReports = [.. reports.Where(r => r is not null).Select(r => r!)];
    }

    /// <summary>Gets the compiled framework (immutable; node order of <see cref="NodeCodes"/>).</summary>
    public ScoringPlan Plan { get; }

    /// <summary>Gets the framework the dataset was scored with (the weights in effect may differ: see <see cref="WeightOf"/>).</summary>
    public RatingFramework Framework => Plan.Framework;

    /// <summary>Gets the dataset that was scored.</summary>
    public Dataset Data { get; }

    /// <summary>Gets the unit codes, in dataset row order.</summary>
    public ImmutableArray<string> Units => Data.Units;

    /// <summary>Gets the node codes: indicators first (framework order), then groups children-before-parents; the root is last.</summary>
    public ImmutableArray<string> NodeCodes => Plan.NodeCodes;

    /// <summary>Gets the number of units.</summary>
    public int UnitCount => Data.UnitCount;

    /// <summary>Gets the root's code.</summary>
    public string Root => Plan.NodeCodes[Plan.RootIndex];

    /// <summary>Gets the treatment reports of the indicators that were treated, in framework order.</summary>
    public ImmutableArray<TreatmentReport> TreatmentReports { get; }

    internal double[] ScoreBuffer { get; }

    internal double[] ChildWeights { get; }

    /// <summary>Returns one unit's score at a node: the normalised value for an indicator, the aggregate for a group.</summary>
    /// <param name="node">The node code.</param>
    /// <param name="unit">The unit code.</param>
    /// <returns>The score, or <see langword="null"/> when missing.</returns>
    /// <exception cref="KeyNotFoundException">No node or no unit has that code.</exception>
    public double? Score(string node, string unit)
    {
        Guard.Against.Null(node);
        Guard.Against.Null(unit);
        return Missing(ScoreBuffer[(NodeIndex(node) * UnitCount) + UnitIndex(unit)]);
    }

    /// <summary>Returns every unit's score at a node, in dataset row order.</summary>
    /// <param name="node">The node code.</param>
    /// <returns>A read-only view (no copy).</returns>
    /// <exception cref="KeyNotFoundException">No node has that code.</exception>
    public ScoreColumn Scores(string node)
    {
        Guard.Against.Null(node);
        return new(ScoreBuffer, NodeIndex(node) * UnitCount, UnitCount);
    }

    /// <summary>Returns one unit's rank at a group: 1 is best, ties share the lowest rank.</summary>
    /// <param name="node">The group's code.</param>
    /// <param name="unit">The unit code.</param>
    /// <returns>The rank, or <see langword="null"/> when the score is missing.</returns>
    /// <exception cref="KeyNotFoundException">No node or no unit has that code.</exception>
    /// <exception cref="ArgumentException">The code is an indicator's (ranks are kept for groups).</exception>
    public int? Rank(string node, string unit)
    {
        Guard.Against.Null(node);
        Guard.Against.Null(unit);
        return Ranks(node)[UnitIndex(unit)];
    }

    /// <summary>Returns every unit's rank at a group, in dataset row order.</summary>
    /// <param name="node">The group's code.</param>
    /// <returns>A read-only view (no copy).</returns>
    /// <exception cref="KeyNotFoundException">No node has that code.</exception>
    /// <exception cref="ArgumentException">The code is an indicator's.</exception>
    public RankColumn Ranks(string node)
    {
        Guard.Against.Null(node);
        return new(_ranks, GroupIndex(node) * UnitCount, UnitCount);
    }

    /// <summary>
    /// Returns the data coverage of a unit at a node: the share of the indicators under the node (weighted equally) that
    /// had an observed raw value, before imputation. An indicator's coverage is 1 or 0.
    /// </summary>
    /// <param name="node">The node code.</param>
    /// <param name="unit">The unit code.</param>
    /// <returns>The coverage in [0, 1].</returns>
    /// <exception cref="KeyNotFoundException">No node or no unit has that code.</exception>
    public double Coverage(string node, string unit)
    {
        Guard.Against.Null(node);
        Guard.Against.Null(unit);
        var u = UnitIndex(unit);
        var observed = 0;
        var total = 0;
        Count(NodeIndex(node));
        return total == 0 ? 0 : (double)observed / total;

        void Count(int n)
        {
            if (n < Plan.IndicatorCount)
            {
                total++;
                if (!double.IsNaN(Data.Column(Data.IndexOfColumn(Plan.NodeCodes[n]))[u]))
                {
                    observed++;
                }

                return;
            }

            var step = Plan.GroupSteps[n - Plan.IndicatorCount];
            for (var k = step.Start; k < step.End; k++)
            {
                Count(Plan.ChildIndex[k]);
            }
        }
    }

    /// <summary>Returns the exact per-indicator contributions to a node's score (see <see cref="ContributionTable"/>).</summary>
    /// <param name="node">The node code, usually the root's.</param>
    /// <returns>The table: one row per unit, one column per indicator under the node.</returns>
    /// <exception cref="KeyNotFoundException">No node has that code.</exception>
    public ContributionTable GetContributions(string node)
    {
        Guard.Against.Null(node);
        return Contributions.Compute(this, NodeIndex(node));
    }

    /// <summary>
    /// Returns the rows of <see cref="GetContributions(string)"/> for a block of consecutive units only (the same numbers;
    /// for large tables written or read block by block instead of held whole).
    /// </summary>
    /// <param name="node">The node code, usually the root's.</param>
    /// <param name="firstUnit">The first unit's row.</param>
    /// <param name="unitCount">How many units, from <paramref name="firstUnit"/> (0 gives a table with its columns and no rows).</param>
    /// <returns>The table: one row per unit of the block, one column per indicator under the node.</returns>
    /// <exception cref="KeyNotFoundException">No node has that code.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The block is not within the units.</exception>
    public ContributionTable GetContributions(string node, int firstUnit, int unitCount)
    {
        Guard.Against.Null(node);
        Guard.Against.OutOfRange(firstUnit, nameof(firstUnit), 0, UnitCount);
        Guard.Against.OutOfRange(unitCount, nameof(unitCount), 0, UnitCount - firstUnit);
        return Contributions.Compute(this, NodeIndex(node), firstUnit, unitCount);
    }

    /// <summary>Returns an indicator's values after denominating and imputing (before treatment and normalisation).</summary>
    /// <param name="indicator">The indicator code.</param>
    /// <returns>One value per unit; <see langword="null"/> where still missing after imputation.</returns>
    /// <exception cref="KeyNotFoundException">No indicator has that code.</exception>
    public ScoreColumn Imputed(string indicator)
    {
        Guard.Against.Null(indicator);
        return ImputedColumn(IndicatorIndex(indicator));
    }

    /// <summary>Returns an indicator's values after outlier treatment (the imputed values when it was not treated).</summary>
    /// <param name="indicator">The indicator code.</param>
    /// <returns>One value per unit.</returns>
    /// <exception cref="KeyNotFoundException">No indicator has that code.</exception>
    public ScoreColumn Treated(string indicator)
    {
        Guard.Against.Null(indicator);
        var i = IndicatorIndex(indicator);
        return _reports[i] is not null && _treated is not null ? new(_treated, i * UnitCount, UnitCount) : ImputedColumn(i);
    }

    /// <summary>Returns the treatment report of an indicator.</summary>
    /// <param name="indicator">The indicator code.</param>
    /// <returns>The report, or <see langword="null"/> when the indicator was not treated.</returns>
    /// <exception cref="KeyNotFoundException">No indicator has that code.</exception>
    public TreatmentReport? Treatment(string indicator)
    {
        Guard.Against.Null(indicator);
        return _reports[IndicatorIndex(indicator)];
    }

    /// <summary>Returns the weight in effect for a node (relative to its siblings) when this result was computed.</summary>
    /// <param name="node">The node code.</param>
    /// <returns>The weight (the root's is 1).</returns>
    /// <exception cref="KeyNotFoundException">No node has that code.</exception>
    public double WeightOf(string node)
    {
        Guard.Against.Null(node);
        var slot = Plan.ChildSlotOf(NodeIndex(node));
        return slot < 0 ? 1 : ChildWeights[slot];
    }

    /// <summary>
    /// Ranks the units at a node within classes (such as size classes): 1 is best within each class, ties share the lowest
    /// rank; units whose class is <see langword="null"/> or whose score is missing get no rank.
    /// </summary>
    /// <param name="node">The node code.</param>
    /// <param name="classes">One class label per unit, in row order.</param>
    /// <returns>One rank per unit.</returns>
    /// <exception cref="ArgumentException">The number of labels is not the number of units.</exception>
    public ImmutableArray<int?> RanksWithin(string node, IReadOnlyList<string?> classes)
    {
        Guard.Against.Null(classes);
        if (classes.Count != UnitCount)
        {
            throw new ArgumentException($"Expected {UnitCount} class labels.", nameof(classes));
        }

        var scores = RawScores(node);
        var ranks = ImmutableArray.CreateBuilder<int?>(UnitCount);
        for (var u = 0; u < UnitCount; u++)
        {
            if (classes[u] is null || double.IsNaN(scores[u]))
            {
                ranks.Add(null);
                continue;
            }

            var better = 0;
            for (var v = 0; v < UnitCount; v++)
            {
                if (string.Equals(classes[v], classes[u], StringComparison.Ordinal) && scores[v] > scores[u])
                {
                    better++;
                }
            }

            ranks.Add(better + 1);
        }

        return ranks.MoveToImmutable();
    }

    /// <inheritdoc/>
    public bool Equals(ScoreResult? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Framework.Equals(other.Framework)
                && Data.Equals(other.Data)
                && ScoreBuffer.AsSpan().SequenceEqual(other.ScoreBuffer)
                && _ranks.AsSpan().SequenceEqual(other._ranks)
                && SameImputed(other)
                && SameTreated(other)
                && _reports.SequenceEqual(other._reports)
                && ChildWeights.AsSpan().SequenceEqual(other.ChildWeights)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ScoreResult);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Framework, Data, ScoreBuffer.Length > 0 ? ScoreBuffer[^1] : 0);

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ScoreResult({Framework.Code}, units={UnitCount}, nodes={Plan.NodeCount})");

    /// <summary>Every unit's score at a node, NaN when missing (for the library's own loops).</summary>
    internal ReadOnlySpan<double> RawScores(int node) => ScoreBuffer.AsSpan(node * UnitCount, UnitCount);

    internal ReadOnlySpan<double> RawScores(string node) => RawScores(NodeIndex(node));

    /// <summary>Every unit's rank at a group, NaN when missing.</summary>
    internal ReadOnlySpan<double> RawRanks(string node) => _ranks.AsSpan(GroupIndex(node) * UnitCount, UnitCount);

    /// <summary>The values after imputation and after treatment of indicator <paramref name="i"/>, NaN when missing.</summary>
    internal ReadOnlySpan<double> RawImputed(int i)
    {
        var (values, start) = ImputedAt(i);
        return values.AsSpan(start, UnitCount);
    }

    private ScoreColumn ImputedColumn(int i)
    {
        var (values, start) = ImputedAt(i);
        return new(values, start, UnitCount);
    }

    /// <summary>Where indicator <paramref name="i"/>'s imputed values are: the dataset's own column, or this result's array.</summary>
    private (double[] Values, int Start) ImputedAt(int i) =>
        _rawColumn[i] >= 0 ? (Data.Values, _rawColumn[i] * UnitCount) : (_imputed, i * UnitCount);

    private bool SameImputed(ScoreResult other)
    {
        for (var i = 0; i < Plan.IndicatorCount; i++)
        {
            if (!RawImputed(i).SequenceEqual(other.RawImputed(i)))
            {
                return false;
            }
        }

        return true;
    }

    internal ReadOnlySpan<double> RawTreated(int i) => _treated is not null && _reports[i] is not null ? _treated.AsSpan(i * UnitCount, UnitCount) : RawImputed(i);

    internal TreatmentReport? TreatmentAt(int i) => _reports[i];

    internal int NodeIndex(string code)
    {
        Guard.Against.Null(code);
        var i = Plan.IndexOf(code);
        return i >= 0 ? i : throw new KeyNotFoundException($"No node has the code '{code}'.");
    }

    internal int UnitIndex(string unit)
    {
        Guard.Against.Null(unit);
        var i = Data.IndexOfUnit(unit);
        return i >= 0 ? i : throw new KeyNotFoundException($"No unit has the code '{unit}'.");
    }

    internal static double? Missing(double x) => double.IsNaN(x) ? null : x;

    private bool SameTreated(ScoreResult other)
    {
        for (var i = 0; i < Plan.IndicatorCount && i < other.Plan.IndicatorCount; i++)
        {
            if (!RawTreated(i).SequenceEqual(other.RawTreated(i)))
            {
                return false;
            }
        }

        return true;
    }

    private int IndicatorIndex(string code)
    {
        var i = NodeIndex(code);
        return i < Plan.IndicatorCount ? i : throw new KeyNotFoundException($"'{code}' is a group, not an indicator.");
    }

    private int GroupIndex(string code)
    {
        var node = NodeIndex(code);
        return node >= Plan.IndicatorCount
            ? node - Plan.IndicatorCount
            : throw new ArgumentException($"'{code}' is an indicator; ranks are kept for groups.", nameof(code));
    }
}
