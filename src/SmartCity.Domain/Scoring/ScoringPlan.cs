using System.Collections.Frozen;
using System.Collections.Immutable;
using OneOf;
using OneOf.Types;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// A framework compiled into flat arrays for scoring: compile once, evaluate many times. Immutable and thread-safe; each
/// thread evaluates into its own <see cref="ScoringWorkspace"/>; <see cref="Score"/> returns an immutable <see cref="ScoreResult"/>.
/// </summary>
/// <remarks>
/// <para>The pipeline, per indicator: denominate (divide by the indicator's denominator) → impute → treat outliers →
/// normalise; then each group is aggregated from its children, bottom-up; then ranks. Formulas and the missing-data rule
/// are in <c>docs/scoring.md</c>.</para>
/// <para>Nodes are numbered indicators first (in framework order), then groups children-before-parents, the root last.</para>
/// </remarks>
public sealed class ScoringPlan
{
    private readonly FrozenDictionary<string, int> _nodeIndex;

    private ScoringPlan(RatingFramework framework)
    {
        Framework = framework;
        var indicators = framework.Indicators;
        var groups = new List<GroupNode>();
        PostOrder(framework.Root, groups);
        IndicatorCount = indicators.Length;
        GroupCount = groups.Count;
        var codes = new string[NodeCount];
        for (var i = 0; i < indicators.Length; i++)
        {
            codes[i] = indicators[i].Code;
        }

        for (var g = 0; g < groups.Count; g++)
        {
            codes[IndicatorCount + g] = groups[g].Code;
        }

        NodeCodes = [.. codes];
        _nodeIndex = codes.Select((c, i) => (c, i)).ToFrozenDictionary(x => x.c, x => x.i, StringComparer.Ordinal);

        IndicatorSteps = [.. indicators.Select(i => new IndicatorStep(
            i,
            i.Direction == Direction.LowerIsBetter ? -1.0 : 1.0,
            framework.NormalisationOf(i),
            framework.ImputationOf(i),
            framework.TreatmentOf(i)))];

        var childIndex = new List<int>();
        var childWeight = new List<double>();
        var steps = ImmutableArray.CreateBuilder<GroupStep>(groups.Count);
        foreach (var g in groups)
        {
            var start = childIndex.Count;
            foreach (var c in g.Children)
            {
                childIndex.Add(_nodeIndex[c.Code]);
                childWeight.Add(c.Weight);
            }

            steps.Add(new GroupStep(g, start, childIndex.Count, framework.AggregationOf(g), framework.MissingDataOf(g)));
        }

        GroupSteps = steps.MoveToImmutable();
        ChildIndex = [.. childIndex];
        ChildWeight = [.. childWeight];
        Levels = [.. codes.Select(framework.LevelOf)];
        var slots = new int[NodeCount];
        Array.Fill(slots, -1);
        for (var k = 0; k < childIndex.Count; k++)
        {
            slots[childIndex[k]] = k;
        }

        ChildSlots = [.. slots];
        var parents = new int[NodeCount];
        Array.Fill(parents, -1);
        for (var g = 0; g < GroupSteps.Length; g++)
        {
            for (var k = GroupSteps[g].Start; k < GroupSteps[g].End; k++)
            {
                parents[childIndex[k]] = g;
            }
        }

        ParentGroup = [.. parents];

        static void PostOrder(GroupNode g, List<GroupNode> into)
        {
            foreach (var c in g.Children)
            {
                if (c is GroupNode cg)
                {
                    PostOrder(cg, into);
                }
            }

            into.Add(g);
        }
    }

    /// <summary>Gets the framework this plan was compiled from.</summary>
    public RatingFramework Framework { get; }

    /// <summary>Gets the number of indicators.</summary>
    public int IndicatorCount { get; }

    /// <summary>Gets the number of groups (aggregates), the root included.</summary>
    public int GroupCount { get; }

    /// <summary>Gets the number of nodes: indicators and groups.</summary>
    public int NodeCount => IndicatorCount + GroupCount;

    /// <summary>Gets the node codes: indicators first, then groups children-before-parents; the root is last.</summary>
    public ImmutableArray<string> NodeCodes { get; }

    /// <summary>Gets each node's level (1 for indicators), in <see cref="NodeCodes"/> order.</summary>
    public ImmutableArray<int> Levels { get; }

    /// <summary>Gets the index of the root in <see cref="NodeCodes"/>.</summary>
    public int RootIndex => NodeCount - 1;

    internal ImmutableArray<IndicatorStep> IndicatorSteps { get; }

    internal ImmutableArray<GroupStep> GroupSteps { get; }

    internal ImmutableArray<int> ChildIndex { get; }

    internal ImmutableArray<double> ChildWeight { get; }

    internal ImmutableArray<int> ChildSlots { get; }

    /// <summary>Per node, the index (among groups) of its parent group, or −1 for the root.</summary>
    internal ImmutableArray<int> ParentGroup { get; }

    internal int ChildSlotOf(int node) => ChildSlots[node];

    /// <summary>Compiles a framework. Every framework compiles: it was validated when it was created.</summary>
    /// <param name="framework">The framework.</param>
    /// <returns>The plan.</returns>
    public static ScoringPlan Compile(RatingFramework framework)
    {
        Guard.Against.Null(framework);
        return new ScoringPlan(framework);
    }

    /// <summary>Returns the index of a node in <see cref="NodeCodes"/>.</summary>
    /// <param name="code">The node code.</param>
    /// <returns>The index, or −1.</returns>
    public int IndexOf(string code)
    {
        Guard.Against.Null(code);
        return _nodeIndex.TryGetValue(code, out var i) ? i : -1;
    }

    /// <summary>
    /// Allocates a mutable <see cref="ScoringWorkspace"/> for datasets of <paramref name="unitCount"/> units, to be reused
    /// by <see cref="Evaluate"/> and <see cref="Reaggregate"/> in a hot loop (one per thread).
    /// </summary>
    /// <param name="unitCount">The number of units.</param>
    /// <returns>The workspace.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative.</exception>
    public ScoringWorkspace CreateWorkspace(int unitCount) => new(this, unitCount);

    /// <summary>Scores a dataset.</summary>
    /// <param name="data">The dataset.</param>
    /// <returns>The immutable result, or the problems that prevent scoring (codes <c>data.*</c>, <c>normalisation.constant-column</c>, <c>aggregation.non-positive-value</c>, ...).</returns>
    public OneOf<ScoreResult, ValidationErrors> Score(Dataset data)
    {
        Guard.Against.Null(data);
        var workspace = CreateWorkspace(data.UnitCount);
        return Evaluate(data, workspace).Match<OneOf<ScoreResult, ValidationErrors>>(_ => workspace.Snapshot(transfer: true), e => e);
    }

    /// <summary>
    /// Scores a dataset into <paramref name="workspace"/>, overwriting it. Once the workspace has seen the dataset,
    /// evaluating it again (after a weight change, for example) allocates nothing.
    /// </summary>
    /// <param name="data">The dataset; it must have <see cref="ScoringWorkspace.UnitCount"/> units.</param>
    /// <param name="workspace">The buffers to write into, from <see cref="CreateWorkspace"/> of this plan.</param>
    /// <param name="computeRanks">Whether to compute ranks (the only step that sorts).</param>
    /// <returns>Success, or the problems found; on failure the workspace's contents are unspecified.</returns>
    /// <exception cref="ArgumentException">The workspace belongs to another plan or has another unit count.</exception>
    public OneOf<Success, ValidationErrors> Evaluate(Dataset data, ScoringWorkspace workspace, bool computeRanks = true)
    {
        Guard.Against.Null(data);
        Guard.Against.Null(workspace);
        if (!ReferenceEquals(workspace.Plan, this))
        {
            throw new ArgumentException("The workspace was created by another plan.", nameof(workspace));
        }

        if (workspace.UnitCount != data.UnitCount)
        {
            throw new ArgumentException($"The workspace holds {workspace.UnitCount} units; the dataset has {data.UnitCount}.", nameof(workspace));
        }

        return Pipeline.Run(this, data, workspace, computeRanks);
    }

    /// <summary>
    /// Re-runs the aggregation (and ranks) of the last evaluation in <paramref name="workspace"/> for the groups affected
    /// by the weights set on it since (<see cref="ScoringWorkspace.SetWeight"/>): the changed node's parent and its
    /// ancestors. Normalised values and unaffected groups are reused; nothing is allocated.
    /// </summary>
    /// <param name="workspace">A workspace this plan evaluated successfully.</param>
    /// <param name="computeRanks">Whether to recompute ranks.</param>
    /// <returns>Success, or an <c>aggregation.non-positive-value</c> problem.</returns>
    /// <exception cref="InvalidOperationException">The workspace holds no successful evaluation by this plan.</exception>
    public OneOf<Success, ValidationErrors> Reaggregate(ScoringWorkspace workspace, bool computeRanks = true)
    {
        Guard.Against.Null(workspace);
        if (!ReferenceEquals(workspace.Plan, this) || workspace.Data is null || !ReferenceEquals(workspace.BoundData, workspace.Data))
        {
            throw new InvalidOperationException("Evaluate a dataset into this workspace first.");
        }

        return Pipeline.Aggregate(this, workspace, computeRanks, onlyDirty: true);
    }
}

/// <summary>An indicator's compiled methods.</summary>
internal sealed record IndicatorStep(Indicator Indicator, double Direction, NormalisationMethod Normalisation, ImputationMethod Imputation, OutlierTreatment Treatment);

/// <summary>A group's compiled aggregation: children are <c>ChildIndex[Start..End)</c>.</summary>
internal sealed record GroupStep(GroupNode Group, int Start, int End, AggregationMethod Aggregation, MissingDataRule MissingData)
{
    public int ChildCount => End - Start;
}
