using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Analysis;

/// <summary>
/// One immutable edit of a what-if scenario: a <see cref="FrameworkEdit"/> of the framework (weights, methods,
/// directions, nodes; made by <see cref="FrameworkEdit"/>'s factories) or a <see cref="DataEdit"/> of the dataset (made by
/// <see cref="DataEdit.SetValue"/>). This base type has no factories of its own.
/// </summary>
public abstract record ScenarioEdit
{
    private protected ScenarioEdit()
    {
    }
}

/// <summary>
/// One immutable edit of a scenario's dataset (not of the framework), made by the static factories. A closed set of
/// variants: today <see cref="SetValueEdit"/>.
/// </summary>
public abstract record DataEdit : ScenarioEdit
{
    private protected DataEdit()
    {
    }

    /// <summary>Sets (or, with NaN, clears) one unit's raw value of an indicator.</summary>
    /// <param name="unit">The unit code.</param>
    /// <param name="indicator">The indicator code.</param>
    /// <param name="value">The new value; NaN makes it missing (as in <see cref="Dataset.WithValue"/>).</param>
    /// <returns>The edit.</returns>
    public static SetValueEdit SetValue(string unit, string indicator, double value) => new(Guard.Against.Null(unit), Guard.Against.Null(indicator), value);
}

/// <summary>Sets or clears a unit's raw value of an indicator; made by <see cref="DataEdit.SetValue"/>.</summary>
/// <param name="Unit">The unit code.</param>
/// <param name="Indicator">The indicator code.</param>
/// <param name="Value">The value; NaN for missing (the dataset's own convention, see <see cref="Dataset.WithValue"/>).</param>
public sealed record SetValueEdit(string Unit, string Indicator, double Value) : DataEdit
{
    /// <summary>Returns the edit as text, such as <c>SetValue(R1, i01, 3)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SetValue({Unit}, {Indicator}, {Value.ToString("R", CultureInfo.InvariantCulture)})";
}

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

    /// <summary>
    /// Returns the framework and dataset with every edit applied, validated again: the framework edits through
    /// <see cref="RatingFramework.Edit"/>, in order, then the value edits.
    /// </summary>
    /// <param name="framework">The framework.</param>
    /// <param name="data">The dataset.</param>
    /// <returns>
    /// Both, or the errors, with paths <c>edits[i]</c> indexing this scenario's edits: those of <see cref="RatingFramework.Edit"/>,
    /// and <c>reference.missing</c> for a value edit naming a unit or column the dataset does not have.
    /// </returns>
    public OneOf<(RatingFramework Framework, Dataset Data), ValidationErrors> Apply(RatingFramework framework, Dataset data)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(data);
        var errors = new ErrorCollector();
        var edited = FrameworkEditor.Apply(framework, Edits.Select((e, i) => (i, e)).Where(x => x.e is FrameworkEdit).Select(x => (x.i, (FrameworkEdit)x.e)));
        if (edited.TryPickT1(out var frameworkErrors, out var editedFramework))
        {
            errors.AddRange(frameworkErrors);
        }

        for (var i = 0; i < Edits.Count; i++)
        {
            if (Edits[i] is not SetValueEdit v)
            {
                continue;
            }

            var path = string.Create(CultureInfo.InvariantCulture, $"edits[{i}]");
            if (data.IndexOfUnit(v.Unit) < 0)
            {
                errors.Add(ErrorCodes.ReferenceMissing, path + ".unit", $"{v}: the dataset has no unit '{v.Unit}'.", v.Unit);
            }
            else if (data.IndexOfColumn(v.Indicator) < 0)
            {
                errors.Add(ErrorCodes.ReferenceMissing, path + ".indicator", $"{v}: the dataset has no column '{v.Indicator}'.", v.Indicator);
            }
            else if (data.WithValue(v.Unit, v.Indicator, v.Value).TryPickT0(out var changed, out var valueErrors))
            {
                data = changed;
            }
            else
            {
                errors.AddRange(valueErrors, path);
            }
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        return (editedFramework, data);
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
        Guard.Against.Null(scenario);
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

        return ScoreDiff.Compare(beforeResult, afterResult).WithCauses(scenario.Edits.Select(e => e.ToString()));
    }
}

/// <summary>
/// One unit's change at one node between two results. Missing is <see langword="null"/>: a unit without a score on one
/// side has no rank there, and then no <see cref="Delta"/> or <see cref="RankMove"/>.
/// </summary>
/// <param name="Unit">The unit code.</param>
/// <param name="Node">The node code.</param>
/// <param name="ScoreBefore">The score before, or <see langword="null"/> when missing.</param>
/// <param name="ScoreAfter">The score after, or <see langword="null"/> when missing.</param>
/// <param name="RankBefore">The rank before (1 is best), or <see langword="null"/> when the score is missing.</param>
/// <param name="RankAfter">The rank after, or <see langword="null"/> when the score is missing.</param>
public readonly record struct ScoreChange(string Unit, string Node, double? ScoreBefore, double? ScoreAfter, int? RankBefore, int? RankAfter)
{
    /// <summary>Gets the score change, after − before; <see langword="null"/> when either score is missing.</summary>
    public double? Delta => ScoreAfter - ScoreBefore;

    /// <summary>
    /// Gets the rank move, before − after: positive means the unit moved up (COINr's sign, as in its <c>RankDiffs</c>);
    /// <see langword="null"/> when either rank is missing.
    /// </summary>
    public int? RankMove => RankBefore - RankAfter;
}

/// <summary>The per-unit, per-group difference between two scorings of the same units.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.ScoreDiffJsonConverter))]
public sealed class ScoreDiff
{
    internal ScoreDiff(ImmutableArray<ScoreChange> changes, string root, ScoreResult before, ScoreResult after, ImmutableArray<string> causes)
    {
        Changes = changes;
        Root = root;
        Before = before;
        After = after;
        Causes = causes;
    }

    /// <summary>Gets the result before the change (its scores, ranks and contributions; <see cref="Testing.RubricAssert"/> explains moves with them).</summary>
    public ScoreResult Before { get; }

    /// <summary>Gets the result after the change.</summary>
    public ScoreResult After { get; }

    /// <summary>
    /// Gets what produced the after result, one line each: the scenario's edits (<see cref="WhatIf.Run"/>) or the
    /// rubric changes (<see cref="RubricDiff.EffectOn"/>); empty for <see cref="Compare"/>.
    /// </summary>
    public ImmutableArray<string> Causes { get; }

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
        Guard.Against.Null(before);
        Guard.Against.Null(after);
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
                changes.Add(new ScoreChange(units[u], code, ScoreResult.Missing(sb[u]), ScoreResult.Missing(sa[u]), RankOf(rb[u]), RankOf(ra[u])));
            }
        }

        return new ScoreDiff(changes.ToImmutable(), plan.NodeCodes[plan.RootIndex], before, after, []);
    }

    /// <summary>Returns a rank held as a double (NaN when missing) as an <see cref="int"/>, or <see langword="null"/>.</summary>
    internal static int? RankOf(double rank) => double.IsNaN(rank) ? null : (int)rank;

    /// <summary>Returns a copy with the causes of the change (see <see cref="Causes"/>).</summary>
    internal ScoreDiff WithCauses(IEnumerable<string> causes) => new(Changes, Root, Before, After, [.. causes]);

    /// <summary>
    /// Returns the units whose rank at a node moved most (ties broken by the score change, then the unit code); units
    /// with no <see cref="ScoreChange.RankMove"/> (missing on either side) are left out.
    /// </summary>
    /// <param name="node">The node code; the top node when <see langword="null"/>.</param>
    /// <param name="count">How many.</param>
    /// <returns>The biggest movers.</returns>
    /// <exception cref="KeyNotFoundException">The node is not a group of both results.</exception>
    public IReadOnlyList<ScoreChange> BiggestMovers(string? node = null, int count = 10) =>
        [.. Changes.Where(c => c.Node == GroupOfBoth(node) && c.RankMove is not null)
            .OrderByDescending(c => Math.Abs(c.RankMove!.Value)).ThenByDescending(c => Math.Abs(c.Delta ?? 0)).ThenBy(c => c.Unit, StringComparer.Ordinal)
            .Take(count)];

    /// <summary>Returns the largest absolute rank move at a node (0 when nothing moved; units missing on either side are left out).</summary>
    /// <param name="node">The node code; the top node when <see langword="null"/>.</param>
    /// <returns>The largest |rank move|.</returns>
    /// <exception cref="KeyNotFoundException">The node is not a group of both results.</exception>
    public int MaxRankMove(string? node = null)
    {
        var code = GroupOfBoth(node);
        return Changes.Where(c => c.Node == code && c.RankMove is not null).Select(c => Math.Abs(c.RankMove!.Value)).DefaultIfEmpty(0).Max();
    }

    /// <summary>Returns the code asked for (the top node's when null), checked to be a group in both results: a typo must not read as "nothing moved".</summary>
    private string GroupOfBoth(string? node)
    {
        var code = node ?? Root;
        return Before.Plan.IndexOf(code) >= Before.Plan.IndicatorCount && After.Plan.IndexOf(code) >= After.Plan.IndicatorCount
            ? code
            : throw new KeyNotFoundException($"'{code}' is not a group of both results; the diff covers the groups both have.");
    }
}
