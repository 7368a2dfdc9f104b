using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Analysis;

/// <summary>One immutable edit of a what-if scenario: a closed set of variants.</summary>
public abstract record ScenarioEdit
{
    private protected ScenarioEdit()
    {
    }

    /// <summary>Sets a node's weight.</summary>
    /// <param name="node">The node code.</param>
    /// <param name="weight">The new weight.</param>
    /// <returns>The edit.</returns>
    public static SetWeightEdit SetWeight(string node, double weight) => new(node, weight);

    /// <summary>Sets (or, with NaN, clears) one unit's raw value of an indicator.</summary>
    /// <param name="unit">The unit code.</param>
    /// <param name="indicator">The indicator code.</param>
    /// <param name="value">The new value; NaN makes it missing.</param>
    /// <returns>The edit.</returns>
    public static SetValueEdit SetValue(string unit, string indicator, double value) => new(unit, indicator, value);

    /// <summary>Replaces a group's aggregation.</summary>
    /// <param name="group">The group code.</param>
    /// <param name="aggregation">The new method.</param>
    /// <returns>The edit.</returns>
    public static SetAggregationEdit SetAggregation(string group, AggregationMethod aggregation) => new(group, aggregation);

    /// <summary>Replaces an indicator's normalisation.</summary>
    /// <param name="indicator">The indicator code.</param>
    /// <param name="normalisation">The new method.</param>
    /// <returns>The edit.</returns>
    public static SetNormalisationEdit SetNormalisation(string indicator, NormalisationMethod normalisation) => new(indicator, normalisation);

    /// <summary>Removes a node (and its subtree).</summary>
    /// <param name="node">The node code.</param>
    /// <returns>The edit.</returns>
    public static RemoveNodeEdit Remove(string node) => new(node);

    /// <summary>Adds a node (an indicator or a whole group) as the last child of a group.</summary>
    /// <param name="parent">The parent group's code.</param>
    /// <param name="node">The node to add.</param>
    /// <returns>The edit.</returns>
    public static AddNodeEdit Add(string parent, FrameworkNode node) => new(parent, node);
}

/// <summary>Replaces a group's aggregation.</summary>
/// <param name="Group">The group code.</param>
/// <param name="Aggregation">The new method.</param>
public sealed record SetAggregationEdit(string Group, AggregationMethod Aggregation) : ScenarioEdit;

/// <summary>Replaces an indicator's normalisation.</summary>
/// <param name="Indicator">The indicator code.</param>
/// <param name="Normalisation">The new method.</param>
public sealed record SetNormalisationEdit(string Indicator, NormalisationMethod Normalisation) : ScenarioEdit;

/// <summary>Removes a node and its subtree.</summary>
/// <param name="Node">The node code.</param>
public sealed record RemoveNodeEdit(string Node) : ScenarioEdit;

/// <summary>Adds a node as the last child of a group.</summary>
/// <param name="Parent">The parent group's code.</param>
/// <param name="Node">The node.</param>
public sealed record AddNodeEdit(string Parent, FrameworkNode Node) : ScenarioEdit;

/// <summary>Sets a node's weight (relative to its siblings).</summary>
/// <param name="Node">The node code.</param>
/// <param name="Weight">The new weight.</param>
public sealed record SetWeightEdit(string Node, double Weight) : ScenarioEdit;

/// <summary>Sets or clears a unit's raw value of an indicator.</summary>
/// <param name="Unit">The unit code.</param>
/// <param name="Indicator">The indicator code.</param>
/// <param name="Value">The value; NaN for missing.</param>
public sealed record SetValueEdit(string Unit, string Indicator, double Value) : ScenarioEdit;

/// <summary>An immutable list of edits applied together to a framework and its dataset.</summary>
public sealed record Scenario
{
    /// <summary>Initializes a new instance of the <see cref="Scenario"/> class.</summary>
    /// <param name="edits">The edits, applied in order.</param>
    public Scenario(IEnumerable<ScenarioEdit> edits) => Edits = EquatableArray.Create(edits);

    /// <summary>Gets the edits.</summary>
    public EquatableArray<ScenarioEdit> Edits { get; }

    /// <summary>Gets a value indicating whether every edit is a weight change (re-scored incrementally).</summary>
    public bool WeightsOnly => Edits.All(e => e is SetWeightEdit);

    /// <summary>Returns the framework and dataset with every edit applied, validated again.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="data">The dataset.</param>
    /// <returns>Both, or the errors (unknown codes, invalid weights or values).</returns>
    public OneOf<(RatingFramework Framework, Dataset Data), ValidationErrors> Apply(RatingFramework framework, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(data);
        var errors = new ErrorCollector();
        var root = framework.Root;
        for (var i = 0; i < Edits.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"edits[{i}]");
            switch (Edits[i])
            {
                case SetWeightEdit w:
                    if (Find(root, w.Node) is null || w.Node == root.Code)
                    {
                        errors.Add(ErrorCodes.ReferenceMissing, path, $"'{w.Node}' is not a weighted node of the framework.", w.Node);
                    }
                    else if (!double.IsFinite(w.Weight) || w.Weight < 0)
                    {
                        errors.Add(ErrorCodes.WeightNegative, path, "A weight must be finite and not negative.", w.Weight);
                    }
                    else
                    {
                        root = (GroupNode)Rewrite(root, w.Node, n => n.WithWeight(w.Weight))!;
                    }

                    break;
                case SetAggregationEdit a:
                    if (Find(root, a.Group) is not GroupNode)
                    {
                        errors.Add(ErrorCodes.ReferenceMissing, path, $"'{a.Group}' is not a group of the framework.", a.Group);
                    }
                    else
                    {
                        root = (GroupNode)Rewrite(root, a.Group, n => n is GroupNode g ? new GroupNode(g.Code, g.Name, g.Role, g.Children, g.Weight, a.Aggregation, g.MissingData, g.Description, g.Tags, g.Provenance) : n)!;
                    }

                    break;
                case SetNormalisationEdit m:
                    if (Find(root, m.Indicator) is not Indicator)
                    {
                        errors.Add(ErrorCodes.ReferenceMissing, path, $"'{m.Indicator}' is not an indicator of the framework.", m.Indicator);
                    }
                    else
                    {
                        root = (GroupNode)Rewrite(root, m.Indicator, n => n is Indicator x ? new Indicator(x.Code, x.Name, x.Scale, x.Direction, x.Weight, x.Unit, x.Goalposts, x.Target, x.Tier, x.Denominator, m.Normalisation, x.Imputation, x.Treatment, x.Description, x.Tags, x.Provenance) : n)!;
                    }

                    break;
                case RemoveNodeEdit r:
                    if (Find(root, r.Node) is null || r.Node == root.Code)
                    {
                        errors.Add(ErrorCodes.ReferenceMissing, path, $"'{r.Node}' is not a removable node of the framework.", r.Node);
                    }
                    else
                    {
                        root = (GroupNode)Rewrite(root, r.Node, _ => null)!;
                    }

                    break;
                case AddNodeEdit add:
                    if (Find(root, add.Parent) is not GroupNode)
                    {
                        errors.Add(ErrorCodes.ReferenceMissing, path, $"'{add.Parent}' is not a group of the framework.", add.Parent);
                    }
                    else
                    {
                        root = (GroupNode)Rewrite(root, add.Parent, n => n is GroupNode g ? new GroupNode(g.Code, g.Name, g.Role, EquatableArray.Create([.. g.Children, add.Node]), g.Weight, g.Aggregation, g.MissingData, g.Description, g.Tags, g.Provenance) : n)!;
                    }

                    break;
                case SetValueEdit v:
                    if (data.IndexOfUnit(v.Unit) < 0)
                    {
                        errors.Add(ErrorCodes.ReferenceMissing, path, $"The dataset has no unit '{v.Unit}'.", v.Unit);
                    }
                    else if (data.IndexOfColumn(v.Indicator) < 0)
                    {
                        errors.Add(ErrorCodes.ReferenceMissing, path, $"The dataset has no column '{v.Indicator}'.", v.Indicator);
                    }
                    else if (data.WithValue(v.Unit, v.Indicator, v.Value).TryPickT0(out var changed, out var valueErrors))
                    {
                        data = changed;
                    }
                    else
                    {
                        errors.AddRange(valueErrors, path);
                    }

                    break;
            }
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var edited = ReferenceEquals(root, framework.Root) ? framework : framework.WithRoot(root);
        return edited.Match<OneOf<(RatingFramework, Dataset), ValidationErrors>>(f => (f, data), e => e);
    }

    private static FrameworkNode? Find(FrameworkNode node, string code) =>
        node.Code == code ? node : node is GroupNode g ? g.Children.Select(c => Find(c, code)).FirstOrDefault(n => n is not null) : null;

    /// <summary>Rebuilds the tree with the node <paramref name="code"/> replaced by <paramref name="edit"/>'s result (null removes it).</summary>
    private static FrameworkNode? Rewrite(FrameworkNode node, string code, Func<FrameworkNode, FrameworkNode?> edit)
    {
        if (node.Code == code)
        {
            return edit(node);
        }

        if (node is not GroupNode g)
        {
            return node;
        }

        var children = g.Children.Select(c => Rewrite(c, code, edit)).OfType<FrameworkNode>().ToList();
        return new GroupNode(g.Code, g.Name, g.Role, EquatableArray.Create(children), g.Weight, g.Aggregation, g.MissingData, g.Description, g.Tags, g.Provenance);
    }

    /// <summary>Returns the edits, one per line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join(Environment.NewLine, Edits);
}

/// <summary>Runs what-if scenarios and compares the results.</summary>
public static class WhatIf
{
    /// <summary>Scores the framework before and after a scenario and returns the difference.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="data">The dataset.</param>
    /// <param name="scenario">The edits.</param>
    /// <returns>The diff, or errors. A scenario of weight changes only is re-scored incrementally (aggregation and ranks).</returns>
    public static OneOf<ScoreDiff, ValidationErrors> Run(RatingFramework framework, Dataset data, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var applied = scenario.Apply(framework, data);
        if (applied.TryPickT1(out var errors, out var after))
        {
            return errors;
        }

        var plan = ScoringPlan.Compile(framework);
        var before = plan.Score(data);
        if (before.TryPickT1(out errors, out var beforeResult))
        {
            return errors;
        }

        ScoreResult afterResult;
        if (scenario.WeightsOnly)
        {
            // Incremental: the normalised values are reused; only the aggregates whose weights changed are recomputed.
            var workspace = plan.CreateWorkspace(data.UnitCount);
            if (plan.Evaluate(data, workspace, computeRanks: false).TryPickT1(out errors, out _))
            {
                return errors;
            }

            foreach (var edit in scenario.Edits.Cast<SetWeightEdit>())
            {
                workspace.SetWeight(edit.Node, edit.Weight);
            }

            if (plan.Reaggregate(workspace).TryPickT1(out errors, out _))
            {
                return errors;
            }

            afterResult = workspace.Snapshot(transfer: true);
        }
        else
        {
            var rescored = ScoringPlan.Compile(after.Framework).Score(after.Data);
            if (rescored.TryPickT1(out errors, out afterResult))
            {
                return errors;
            }
        }

        return ScoreDiff.Compare(beforeResult, afterResult);
    }
}

/// <summary>One unit's change at one node between two results.</summary>
/// <param name="Unit">The unit code.</param>
/// <param name="Node">The node code.</param>
/// <param name="ScoreBefore">The score before.</param>
/// <param name="ScoreAfter">The score after.</param>
/// <param name="RankBefore">The rank before.</param>
/// <param name="RankAfter">The rank after.</param>
public readonly record struct ScoreChange(string Unit, string Node, double ScoreBefore, double ScoreAfter, double RankBefore, double RankAfter)
{
    /// <summary>Gets the score change, after − before.</summary>
    public double Delta => ScoreAfter - ScoreBefore;

    /// <summary>Gets the rank move, before − after: positive means the unit moved up.</summary>
    public double RankMove => RankBefore - RankAfter;
}

/// <summary>The per-unit, per-group difference between two scorings of the same units.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.ScoreDiffJsonConverter))]
public sealed class ScoreDiff
{
    internal ScoreDiff(ImmutableArray<ScoreChange> changes, string root)
    {
        Changes = changes;
        Root = root;
    }

    /// <summary>Gets every change, by node (in the plan's order) then unit.</summary>
    public ImmutableArray<ScoreChange> Changes { get; }

    /// <summary>Gets the top node's code.</summary>
    public string Root { get; }

    /// <summary>Compares two results over the groups both have, unit by unit.</summary>
    /// <param name="before">The result before.</param>
    /// <param name="after">The result after (same units).</param>
    /// <returns>The diff.</returns>
    /// <exception cref="ArgumentException">The results hold different units.</exception>
    public static ScoreDiff Compare(ScoreResult before, ScoreResult after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var units = before.Units;
        if (!after.Units.SequenceEqual(units))
        {
            throw new ArgumentException("The results must hold the same units in the same order.", nameof(after));
        }

        var changes = ImmutableArray.CreateBuilder<ScoreChange>();
        var plan = before.Plan;
        for (var node = plan.IndicatorCount; node < plan.NodeCount; node++)
        {
            var code = plan.NodeCodes[node];
            if (after.Plan.IndexOf(code) < plan.IndicatorCount)
            {
                continue;
            }

            var sb = before.RawScores(code);
            var sa = after.RawScores(code);
            var rb = before.RawRanks(code);
            var ra = after.RawRanks(code);
            for (var u = 0; u < units.Length; u++)
            {
                changes.Add(new ScoreChange(units[u], code, sb[u], sa[u], rb[u], ra[u]));
            }
        }

        return new ScoreDiff(changes.ToImmutable(), plan.NodeCodes[plan.RootIndex]);
    }

    /// <summary>Returns the units whose rank at a node moved most (ties broken by the score change, then the unit code).</summary>
    /// <param name="node">The node code; the top node when <see langword="null"/>.</param>
    /// <param name="count">How many.</param>
    /// <returns>The biggest movers.</returns>
    public IReadOnlyList<ScoreChange> BiggestMovers(string? node = null, int count = 10) =>
        [.. Changes.Where(c => c.Node == (node ?? Root) && !double.IsNaN(c.RankMove))
            .OrderByDescending(c => Math.Abs(c.RankMove)).ThenByDescending(c => Math.Abs(c.Delta)).ThenBy(c => c.Unit, StringComparer.Ordinal)
            .Take(count)];

    /// <summary>Returns the largest absolute rank move at a node (0 when nothing moved).</summary>
    /// <param name="node">The node code; the top node when <see langword="null"/>.</param>
    /// <returns>The largest |rank move|.</returns>
    public double MaxRankMove(string? node = null) =>
        Changes.Where(c => c.Node == (node ?? Root) && !double.IsNaN(c.RankMove)).Select(c => Math.Abs(c.RankMove)).DefaultIfEmpty(0).Max();
}
