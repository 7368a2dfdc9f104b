using System.Collections.Immutable;
using System.Globalization;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// The buffers of one evaluation: every node's score for every unit (normalised values for indicators), the values after
/// imputation and treatment, ranks and treatment reports. Reused across evaluations by <see cref="ScoringPlan.Evaluate"/>.
/// </summary>
/// <remarks>Not thread-safe: use one result per thread. A missing score is NaN; a missing rank is NaN.</remarks>
public sealed class ScoreResult
{
    internal ScoreResult(ScoringPlan plan, int unitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unitCount);
        Plan = plan;
        UnitCount = unitCount;
        ScoreBuffer = new double[plan.NodeCount * unitCount];
        ImputedBuffer = new double[plan.IndicatorCount * unitCount];
        RankBuffer = new double[plan.GroupCount * unitCount];
        Numerator = new double[unitCount];
        Denominator = new double[unitCount];
        Present = new double[unitCount];
        SortKeys = new double[unitCount];
        RankKeys = new RankScratch(unitCount);
        ColumnOfIndicator = new int[plan.IndicatorCount];
        ColumnOfDenominator = new int[plan.IndicatorCount];
        ImputedFromRaw = new bool[plan.IndicatorCount];
        TreatmentReports = new TreatmentReport?[plan.IndicatorCount];
        ChildWeights = [.. plan.ChildWeight];
        NodeComplete = new bool[plan.NodeCount];
        Dirty = new bool[plan.GroupCount];
        LogValid = new bool[plan.IndicatorCount];
    }

    /// <summary>Gets the plan this result belongs to.</summary>
    public ScoringPlan Plan { get; }

    /// <summary>Gets the number of units.</summary>
    public int UnitCount { get; }

    /// <summary>Gets the dataset last evaluated, or <see langword="null"/>.</summary>
    public Dataset? Data { get; internal set; }

    /// <summary>Gets a value indicating whether ranks were computed by the last evaluation.</summary>
    public bool HasRanks { get; internal set; }

    internal double[] ScoreBuffer { get; }

    internal double[] ImputedBuffer { get; }

    internal double[]? TreatedBuffer { get; set; }

    internal double[] RankBuffer { get; }

    internal double[] Numerator { get; }

    internal double[] Denominator { get; }

    internal double[] Present { get; }

    internal double[] SortKeys { get; }

    internal RankScratch RankKeys { get; }

    internal int[] ColumnOfIndicator { get; }

    internal int[] ColumnOfDenominator { get; }

    internal bool[] ImputedFromRaw { get; }

    internal TreatmentReport?[] TreatmentReports { get; }

    internal Dataset? BoundData { get; set; }

    internal double[] ChildWeights { get; }

    /// <summary>Per group: whether its score must be recomputed by the next <see cref="ScoringPlan.Reaggregate"/>.</summary>
    internal bool[] Dirty { get; }

    /// <summary>Per node: whether every unit has a value (no NaN), so aggregation can skip the missing-data masks.</summary>
    internal bool[] NodeComplete { get; }

    /// <summary>Natural logs of the indicators' normalised values, computed on first use by a geometric mean and kept until the next evaluation.</summary>
    internal double[]? LogBuffer { get; set; }

    internal bool[] LogValid { get; }

    internal double[]? LogScratch { get; set; }

    /// <summary>
    /// Overrides the weight of a node (relative to its siblings) for the evaluations into this result, without building a
    /// new framework: what-if analysis and Monte Carlo replicates change weights this way and re-score with
    /// <see cref="ScoringPlan.Reaggregate"/>, allocating nothing.
    /// </summary>
    /// <param name="code">The node's code (not the root's).</param>
    /// <param name="weight">The new weight: finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The weight is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">The code is the root's or unknown.</exception>
    public void SetWeight(string code, double weight)
    {
        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A weight must be finite and not negative.");
        }

        var node = NodeIndex(code);
        var slot = Plan.ChildSlotOf(node);
        if (slot < 0)
        {
            throw new ArgumentException($"'{code}' is the root; its weight has no effect.", nameof(code));
        }

        if (ChildWeights[slot] != weight)
        {
            ChildWeights[slot] = weight;
            MarkDirty(Plan.ParentGroup[node]);
        }
    }

    /// <summary>Returns the weight in effect for a node in this result.</summary>
    /// <param name="code">The node's code.</param>
    /// <returns>The weight (the root's is 1).</returns>
    public double WeightOf(string code)
    {
        var slot = Plan.ChildSlotOf(NodeIndex(code));
        return slot < 0 ? 1 : ChildWeights[slot];
    }

    /// <summary>Restores the framework's weights.</summary>
    public void ResetWeights()
    {
        for (var k = 0; k < ChildWeights.Length; k++)
        {
            if (ChildWeights[k] != Plan.ChildWeight[k])
            {
                ChildWeights[k] = Plan.ChildWeight[k];
                MarkDirty(Plan.ParentGroup[Plan.ChildIndex[k]]);
            }
        }
    }

    /// <summary>Marks a group and its ancestors for recomputation.</summary>
    private void MarkDirty(int group)
    {
        for (var g = group; g >= 0 && !Dirty[g]; g = Plan.ParentGroup[Plan.IndicatorCount + g])
        {
            Dirty[g] = true;
        }
    }

    /// <summary>Returns every unit's score at a node: the normalised value for an indicator, the aggregate for a group.</summary>
    /// <param name="node">The node's index in <see cref="ScoringPlan.NodeCodes"/>.</param>
    /// <returns>One value per unit, in dataset row order.</returns>
    public ReadOnlySpan<double> Scores(int node) => ScoreBuffer.AsSpan(node * UnitCount, UnitCount);

    /// <summary>Returns every unit's score at a node.</summary>
    /// <param name="code">The node code.</param>
    /// <returns>One value per unit.</returns>
    /// <exception cref="KeyNotFoundException">No node has that code.</exception>
    public ReadOnlySpan<double> Scores(string code) => Scores(NodeIndex(code));

    /// <summary>Returns one unit's score at a node.</summary>
    /// <param name="code">The node code.</param>
    /// <param name="unit">The unit code.</param>
    /// <returns>The score, NaN when missing.</returns>
    public double Score(string code, string unit) => Scores(code)[UnitIndex(unit)];

    /// <summary>Returns an indicator's values after denominating and imputing (before treatment and normalisation).</summary>
    /// <param name="indicator">The indicator's index (0 … IndicatorCount − 1).</param>
    /// <returns>One value per unit.</returns>
    public ReadOnlySpan<double> Imputed(int indicator) =>
        ImputedFromRaw[indicator] && Data is not null
            ? Data.Column(ColumnOfIndicator[indicator])
            : ImputedBuffer.AsSpan(indicator * UnitCount, UnitCount);

    /// <summary>Returns an indicator's values after outlier treatment (the imputed values when it was not treated).</summary>
    /// <param name="indicator">The indicator's index.</param>
    /// <returns>One value per unit.</returns>
    public ReadOnlySpan<double> Treated(int indicator) =>
        TreatmentReports[indicator] is not null && TreatedBuffer is not null ? TreatedBuffer.AsSpan(indicator * UnitCount, UnitCount) : Imputed(indicator);

    /// <summary>Returns the treatment report of an indicator, or <see langword="null"/> when it was not treated.</summary>
    /// <param name="indicator">The indicator's index.</param>
    /// <returns>The report.</returns>
    public TreatmentReport? Treatment(int indicator) => TreatmentReports[indicator];

    /// <summary>Returns every unit's rank at a group: 1 is best, ties share the lowest rank, a missing score has a NaN rank.</summary>
    /// <param name="code">The group's code.</param>
    /// <returns>One rank per unit.</returns>
    /// <exception cref="InvalidOperationException">Ranks were not computed.</exception>
    /// <exception cref="ArgumentException">The code is an indicator's.</exception>
    public ReadOnlySpan<double> Ranks(string code)
    {
        if (!HasRanks)
        {
            throw new InvalidOperationException("Ranks were not computed; evaluate with computeRanks: true.");
        }

        var node = NodeIndex(code);
        if (node < Plan.IndicatorCount)
        {
            throw new ArgumentException($"'{code}' is an indicator; ranks are kept for groups.", nameof(code));
        }

        return RankBuffer.AsSpan((node - Plan.IndicatorCount) * UnitCount, UnitCount);
    }

    /// <summary>Returns one unit's rank at a group.</summary>
    /// <param name="code">The group's code.</param>
    /// <param name="unit">The unit code.</param>
    /// <returns>The rank, NaN when the score is missing.</returns>
    public double Rank(string code, string unit) => Ranks(code)[UnitIndex(unit)];

    /// <summary>
    /// Ranks the units at a node within classes (such as size classes): 1 is best within each class; units whose class is
    /// <see langword="null"/> or whose score is missing get NaN.
    /// </summary>
    /// <param name="code">The node code.</param>
    /// <param name="classes">One class label per unit, in row order.</param>
    /// <returns>One rank per unit.</returns>
    public double[] RanksWithin(string code, IReadOnlyList<string?> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count != UnitCount)
        {
            throw new ArgumentException($"Expected {UnitCount} class labels.", nameof(classes));
        }

        var scores = Scores(code);
        var ranks = new double[UnitCount];
        for (var u = 0; u < UnitCount; u++)
        {
            if (classes[u] is null || double.IsNaN(scores[u]))
            {
                ranks[u] = double.NaN;
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

            ranks[u] = better + 1;
        }

        return ranks;
    }

    /// <summary>
    /// Returns the data coverage of a unit at a node: the share of the indicators under the node (weighted equally) that
    /// had an observed raw value, before imputation. An indicator's coverage is 1 or 0.
    /// </summary>
    /// <param name="code">The node code.</param>
    /// <param name="unit">The unit code.</param>
    /// <returns>The coverage in [0, 1].</returns>
    public double Coverage(string code, string unit)
    {
        var data = Data ?? throw new InvalidOperationException("Nothing was evaluated yet.");
        var u = UnitIndex(unit);
        var node = NodeIndex(code);
        var observed = 0;
        var total = 0;
        Count(node);
        return total == 0 ? 0 : (double)observed / total;

        void Count(int n)
        {
            if (n < Plan.IndicatorCount)
            {
                total++;
                if (!double.IsNaN(data.Column(ColumnOfIndicator[n])[u]))
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
    /// <param name="code">The node code, usually the root's.</param>
    /// <returns>The table: one row per unit, one column per indicator under the node.</returns>
    public ContributionTable GetContributions(string code) => Contributions.Compute(this, NodeIndex(code));

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ScoreResult(units={UnitCount}, nodes={Plan.NodeCount})");

    internal int NodeIndex(string code)
    {
        var i = Plan.IndexOf(code);
        return i >= 0 ? i : throw new KeyNotFoundException($"No node has the code '{code}'.");
    }

    internal int UnitIndex(string unit)
    {
        var data = Data ?? throw new InvalidOperationException("Nothing was evaluated yet.");
        var i = data.IndexOfUnit(unit);
        return i >= 0 ? i : throw new KeyNotFoundException($"No unit has the code '{unit}'.");
    }
}

/// <summary>
/// What COINr-style outlier treatment did to one indicator: skewness, kurtosis and the pass test before treatment (stage
/// 0), after winsorising (stage 1) and after the log transform (stage 2), the points winsorised, and per-point flags.
/// </summary>
public sealed record TreatmentReport
{
    internal TreatmentReport(string indicator, ImmutableArray<TreatmentCheck> checks, int? winsorisedPoints, ImmutableArray<string> flags)
    {
        Indicator = indicator;
        Checks = checks;
        WinsorisedPoints = winsorisedPoints;
        PointFlags = flags;
    }

    /// <summary>Gets the indicator code.</summary>
    public string Indicator { get; }

    /// <summary>Gets the checks made: stage 0 always, stage 1 after winsorising, stage 2 after the log transform.</summary>
    public ImmutableArray<TreatmentCheck> Checks { get; }

    /// <summary>Gets COINr's <c>nwin</c>: the number of points at the last winsorised extreme(s), or <see langword="null"/> when winsorisation did not run.</summary>
    public int? WinsorisedPoints { get; }

    /// <summary>Gets one flag per unit: empty, <c>winhi</c>, <c>winlo</c>, <c>log_CT</c>, <c>winhi+log_CT</c>, <c>+log_CT</c> (COINr's <c>Treated_Points</c>).</summary>
    public ImmutableArray<string> PointFlags { get; }

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"TreatmentReport({Indicator}, stages={Checks.Length}, nwin={WinsorisedPoints?.ToString(CultureInfo.InvariantCulture) ?? "-"})";
}

/// <summary>One skewness/kurtosis check of a treatment.</summary>
/// <param name="Stage">0 before treatment, 1 after winsorising, 2 after the log transform.</param>
/// <param name="Pass">Whether <c>|skew| &lt; threshold</c> or <c>kurtosis &lt; threshold</c>.</param>
/// <param name="Skewness">The sample skewness (type 2).</param>
/// <param name="Kurtosis">The sample excess kurtosis (type 2).</param>
public readonly record struct TreatmentCheck(int Stage, bool Pass, double Skewness, double Kurtosis);
