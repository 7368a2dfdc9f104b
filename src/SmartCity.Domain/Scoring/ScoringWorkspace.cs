using System.Globalization;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// The mutable buffers of evaluations, for hot loops (what-if sweeps, Monte Carlo replicates): every node's score for every
/// unit (normalised values for indicators), the values after imputation and treatment, ranks, treatment reports and the
/// weights in effect. <see cref="ScoringPlan.Evaluate"/> and <see cref="ScoringPlan.Reaggregate"/> overwrite it in place;
/// once it has seen a dataset, re-scoring allocates nothing. <see cref="ToResult"/> takes an immutable
/// <see cref="ScoreResult"/> snapshot to keep or share.
/// </summary>
/// <remarks>
/// <para><b>Mutable and not thread-safe.</b> Every evaluation and every <see cref="SetWeight"/> changes it; use one
/// workspace per thread, and never publish it: publish <see cref="ToResult"/>.</para>
/// <para>Inside a workspace (and only here) a missing score or rank is NaN; <see cref="ScoreResult"/> reports
/// <see langword="null"/>.</para>
/// </remarks>
public sealed class ScoringWorkspace
{
    internal ScoringWorkspace(ScoringPlan plan, int unitCount)
    {
        Guard.Against.Negative(unitCount);
        Plan = plan;
        UnitCount = unitCount;
        ScoreBuffer = new double[plan.NodeCount * unitCount];
        RankBuffer = new double[plan.GroupCount * unitCount];
        SortKeys = new double[unitCount];
        RankKeys = new RankScratch(unitCount);
        ColumnOfIndicator = new int[plan.IndicatorCount];
        ColumnOfDenominator = new int[plan.IndicatorCount];
        ImputedFromRaw = new bool[plan.IndicatorCount];
        TreatmentReports = new TreatmentReport?[plan.IndicatorCount];
        ChildWeights = [.. plan.ChildWeight];
        NodeComplete = new bool[plan.NodeCount];
        Dirty = new bool[plan.GroupCount];
        LogValid = new bool[plan.NodeCount];
        NodeBound = new double[plan.NodeCount];
        var widest = 1;
        foreach (var step in plan.GroupSteps)
        {
            widest = Math.Max(widest, step.ChildCount);
        }

        GroupRelative = new double[widest];
        GroupSorted = new double[widest];
        GroupWeightedBound = new double[widest];
        GroupBounds = new double[widest];
        GroupScaled = new double[widest];
        GroupOrder = new int[widest];
        GroupOffsets = new int[widest];
    }

    /// <summary>Gets the plan this workspace belongs to.</summary>
    public ScoringPlan Plan { get; }

    /// <summary>Gets the number of units.</summary>
    public int UnitCount { get; }

    /// <summary>Gets the dataset last evaluated, or <see langword="null"/> before the first evaluation.</summary>
    public Dataset? Data { get; internal set; }

    /// <summary>Gets a value indicating whether the ranks in the workspace are up to date (the last evaluation computed them).</summary>
    public bool HasRanks { get; internal set; }

    /// <summary>Whether the buffers hold a successful evaluation, consistent with <see cref="ChildWeights"/>.</summary>
    internal bool Valid { get; set; }

    internal double[] ScoreBuffer { get; }

    /// <summary>The values after denominating and imputing, allocated when an indicator first needs them (an indicator
    /// neither divided nor imputed reads its dataset column directly).</summary>
    internal double[] ImputedBuffer => _imputedBuffer ??= new double[Plan.IndicatorCount * UnitCount];

    internal double[]? TreatedBuffer { get; set; }

    internal double[] RankBuffer { get; }

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

    /// <summary>
    /// Natural logs of nodes' values for the geometric mean, allocated on first use and kept while valid
    /// (<see cref="LogValid"/>): indicators' until the next evaluation, groups' until the group is aggregated again, so a
    /// re-aggregation after a weight change takes the logs of the children it did not recompute from here.
    /// </summary>
    internal double[]? LogBuffer { get; set; }

    /// <summary>Per node: the largest |ln x| in <see cref="LogBuffer"/>.</summary>
    internal double[]? LogBound { get; set; }

    /// <summary>Per node: whether its logs in <see cref="LogBuffer"/> are those of its current scores.</summary>
    internal bool[] LogValid { get; }

    /// <summary>Per node: an upper bound of |score| over the units, for the scale of the exact sums (<see cref="ExactMean"/>).</summary>
    internal double[] NodeBound { get; }

    /// <summary>Scratch of one group's size (the widest group): relative weights, sorted weights, bounds, orders, offsets.</summary>
    internal double[] GroupRelative { get; }

    internal double[] GroupSorted { get; }

    internal double[] GroupWeightedBound { get; }

    internal double[] GroupBounds { get; }

    internal double[] GroupScaled { get; }

    internal int[] GroupOrder { get; }

    internal int[] GroupOffsets { get; }

    /// <summary>
    /// Overrides the weight of a node (relative to its siblings) for the evaluations into this workspace, without building a
    /// new framework: what-if analysis and Monte Carlo replicates change weights this way and re-score with
    /// <see cref="ScoringPlan.Reaggregate"/>, allocating nothing.
    /// </summary>
    /// <param name="code">The node's code (not the root's).</param>
    /// <param name="weight">The new weight: finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The weight is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">The code is the root's or unknown.</exception>
    public void SetWeight(string code, double weight)
    {
        Guard.Against.Null(code);
        Guard.Against.OutOfRange(weight, nameof(weight), 0, double.MaxValue, "A weight must be finite and not negative."); // NaN compares below 0
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

    /// <summary>Returns the weight in effect for a node in this workspace.</summary>
    /// <param name="code">The node's code.</param>
    /// <returns>The weight (the root's is 1).</returns>
    public double WeightOf(string code)
    {
        Guard.Against.Null(code);
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
    public ReadOnlySpan<double> Scores(string code)
    {
        Guard.Against.Null(code);
        return Scores(NodeIndex(code));
    }

    /// <summary>Returns every unit's rank at a group: 1 is best, ties share the lowest rank, a missing score has a NaN rank.</summary>
    /// <param name="code">The group's code.</param>
    /// <returns>One rank per unit, in dataset row order.</returns>
    /// <exception cref="InvalidOperationException">Ranks are not up to date (<see cref="HasRanks"/> is false).</exception>
    /// <exception cref="ArgumentException">The code is an indicator's.</exception>
    /// <exception cref="KeyNotFoundException">No node has that code.</exception>
    public ReadOnlySpan<double> Ranks(string code)
    {
        Guard.Against.Null(code);
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

    /// <summary>
    /// Takes an immutable snapshot of the last successful evaluation: scores, ranks (computed now if the evaluation skipped
    /// them), imputed and treated values, treatment reports and the weights in effect. Allocates the result's copies; the
    /// workspace stays usable.
    /// </summary>
    /// <returns>The result.</returns>
    /// <exception cref="InvalidOperationException">The workspace holds no successful evaluation.</exception>
    public ScoreResult ToResult() => Snapshot(transfer: false);

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ScoringWorkspace(units={UnitCount}, nodes={Plan.NodeCount})");

    /// <summary>Builds the result; with <paramref name="transfer"/>, hands over the buffers (the workspace must not be used again).</summary>
    internal ScoreResult Snapshot(bool transfer)
    {
        var data = Data;
        if (data is null || !ReferenceEquals(BoundData, data) || !Valid || Stale)
        {
            throw new InvalidOperationException("The workspace holds no successful evaluation.");
        }

        if (!HasRanks)
        {
            var n = UnitCount;
            for (var g = 0; g < Plan.GroupCount; g++)
            {
                Kernels.RankDescending(ScoreBuffer.AsSpan((Plan.IndicatorCount + g) * n, n), RankBuffer.AsSpan(g * n, n), RankKeys);
            }

            HasRanks = true;
        }

        var rawColumn = new int[Plan.IndicatorCount];
        for (var i = 0; i < Plan.IndicatorCount; i++)
        {
            rawColumn[i] = ImputedFromRaw[i] ? ColumnOfIndicator[i] : -1;
        }

        var imputed = _imputedBuffer is null || Array.TrueForAll(rawColumn, c => c >= 0) ? [] : transfer ? _imputedBuffer : (double[])_imputedBuffer.Clone();
        double[]? treated = null;
        if (TreatedBuffer is not null && Array.Exists(TreatmentReports, r => r is not null))
        {
            treated = transfer ? TreatedBuffer : (double[])TreatedBuffer.Clone();
        }

        return new ScoreResult(
            Plan,
            data,
            transfer ? ScoreBuffer : (double[])ScoreBuffer.Clone(),
            transfer ? RankBuffer : (double[])RankBuffer.Clone(),
            imputed,
            rawColumn,
            treated,
            [.. TreatmentReports],
            [.. ChildWeights]);
    }

    internal int NodeIndex(string code)
    {
        var i = Plan.IndexOf(code);
        return i >= 0 ? i : throw new KeyNotFoundException($"No node has the code '{code}'.");
    }

    private double[]? _imputedBuffer;

    private bool Stale => Array.IndexOf(Dirty, true) >= 0;
}
