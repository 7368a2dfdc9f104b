using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Programmes;

/// <summary>
/// Panel data: one dataset per edition of an evaluation (Menuju 100 Smart City evaluates every year), editions in
/// chronological order. Units may differ between editions (a region joins later).
/// </summary>
public sealed class Panel
{
    private Panel(ImmutableArray<string> editions, ImmutableArray<Dataset> data)
    {
        Editions = editions;
        Data = data;
    }

    /// <summary>Gets the edition labels, oldest first.</summary>
    public ImmutableArray<string> Editions { get; }

    /// <summary>Gets the datasets, one per edition, in the order of <see cref="Editions"/>.</summary>
    public ImmutableArray<Dataset> Data { get; }

    /// <summary>Creates a panel from datasets in chronological order.</summary>
    /// <param name="editions">The editions, oldest first: a label and its data.</param>
    /// <returns>The panel, or errors (<c>programme.spec</c>: no edition, an empty or repeated label).</returns>
    public static OneOf<Panel, ValidationErrors> Create(IEnumerable<(string Edition, Dataset Data)> editions)
    {
        Guard.Against.Null(editions);
        var list = editions.ToList();
        var errors = CheckEditions(list.Select(e => e.Edition).ToList());
        return errors.Result(() => new Panel([.. list.Select(e => e.Edition)], [.. list.Select(e => e.Data)]));
    }

    /// <summary>
    /// Splits a wide dataset into a panel: the value of column <c>x</c> in edition <c>e</c> is read from the column
    /// <c>x@e</c> (for example <c>impact_gov_1@2022</c>); every column with such a suffix belongs to that edition.
    /// </summary>
    /// <param name="data">The wide dataset.</param>
    /// <param name="editions">The editions, oldest first.</param>
    /// <returns>The panel, or errors (<c>programme.spec</c> for bad labels; <c>data.column-missing</c> for an edition with no column).</returns>
    public static OneOf<Panel, ValidationErrors> FromWide(Dataset data, IEnumerable<string> editions)
    {
        Guard.Against.Null(data);
        Guard.Against.Null(editions);
        var labels = editions.ToList();
        var errors = CheckEditions(labels);
        var sets = new List<Dataset>();
        for (var e = 0; e < labels.Count; e++)
        {
            var suffix = "@" + labels[e];
            var columns = data.Columns
                .Select((c, i) => (Source: i, Name: c))
                .Where(c => c.Name.EndsWith(suffix, StringComparison.Ordinal) && c.Name.Length > suffix.Length)
                .Select(c => (c.Source, c.Name[..^suffix.Length]))
                .ToList();
            if (columns.Count == 0)
            {
                errors.Add(ErrorCodes.DataColumnMissing, $"editions[{e}]", $"No data column ends with '{suffix}' (edition {labels[e]}).", labels[e]);
            }

            sets.Add(data.SelectColumns(columns));
        }

        return errors.Result(() => new Panel([.. labels], [.. sets]));
    }

    /// <summary>Returns the column name of <paramref name="column"/> in edition <paramref name="edition"/> in a wide dataset.</summary>
    /// <param name="column">The column (an indicator code).</param>
    /// <param name="edition">The edition label.</param>
    /// <returns><c>column@edition</c>.</returns>
    public static string WideColumn(string column, string edition) => $"{Guard.Against.Null(column)}@{Guard.Against.Null(edition)}";

    internal static ErrorCollector CheckEditions(IReadOnlyList<string> labels)
    {
        var errors = new ErrorCollector();
        if (labels.Count == 0)
        {
            errors.Add(ErrorCodes.ProgrammeSpec, "editions", "At least one edition is needed.");
        }

        for (var i = 0; i < labels.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(labels[i]) || labels[i].Contains('@', StringComparison.Ordinal))
            {
                errors.Add(ErrorCodes.ProgrammeSpec, $"editions[{i}]", "An edition label must be non-empty and must not contain '@'.", labels[i]);
            }
            else if (labels.Take(i).Contains(labels[i], StringComparer.Ordinal))
            {
                errors.Add(ErrorCodes.ProgrammeSpec, $"editions[{i}]", $"The edition '{labels[i]}' is given twice.", labels[i]);
            }
        }

        return errors;
    }
}

/// <summary>
/// An evaluation index over editions (Menuju 100 Smart City's annual evaluation): every edition scored with one
/// framework; per unit the index, the improvement against the previous edition and a breakdown by a tag (per pillar).
/// </summary>
public static class Evaluation
{
    /// <summary>Scores every edition of a panel and computes improvements and the breakdown.</summary>
    /// <param name="framework">The evaluation framework (for Menuju 100: baseline, output, outcome, impact, quick win).</param>
    /// <param name="panel">The data, one dataset per edition.</param>
    /// <param name="breakdownTag">
    /// The tag prefix of the breakdown: indicators tagged <c>{breakdownTag}:x</c> form the breakdown group <c>x</c>
    /// (the built-in evaluation framework tags <c>pillar:gov</c> … <c>pillar:env</c>).
    /// </param>
    /// <returns>The result, or the first failing edition's errors (with the edition in the path).</returns>
    public static OneOf<EvaluationResult, ValidationErrors> Run(RatingFramework framework, Panel panel, string breakdownTag = "pillar")
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(panel);
        Guard.Against.NullOrEmpty(breakdownTag);
        var plan = ScoringPlan.Compile(framework);
        var results = ImmutableArray.CreateBuilder<ScoreResult>(panel.Editions.Length);
        for (var e = 0; e < panel.Editions.Length; e++)
        {
            var scored = plan.Score(panel.Data[e]);
            if (scored.TryPickT1(out var errors, out var result))
            {
                return errors.WithPathPrefix(string.Create(CultureInfo.InvariantCulture, $"editions[{e}]"));
            }

            results.Add(result);
        }

        return new EvaluationResult(framework, panel.Editions, results.MoveToImmutable(), breakdownTag);
    }
}

/// <summary>The scores of every edition of an evaluation, with improvements and a per-tag (per-pillar) breakdown.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.EvaluationResultJsonConverter))]
public sealed class EvaluationResult
{
    private readonly ImmutableArray<(string Group, ImmutableArray<(string Indicator, double Weight)> Parts)> _breakdown;

    internal EvaluationResult(RatingFramework framework, ImmutableArray<string> editions, ImmutableArray<ScoreResult> results, string breakdownTag)
    {
        Framework = framework;
        Editions = editions;
        Results = results;
        BreakdownTag = breakdownTag;
        var prefix = breakdownTag + ":";
        var weights = framework.GetEffectiveWeights().ToDictionary(w => w.Code, w => w.Weight, StringComparer.Ordinal);
        _breakdown = [.. framework.Indicators
            .SelectMany(i => i.Tags.Where(t => t.StartsWith(prefix, StringComparison.Ordinal)).Select(t => (Group: t[prefix.Length..], i.Code)))
            .GroupBy(x => x.Group, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(x => (x.Code, weights[x.Code])).ToImmutableArray()))];
        BreakdownGroups = [.. _breakdown.Select(b => b.Group)];
    }

    /// <summary>Gets the framework.</summary>
    public RatingFramework Framework { get; }

    /// <summary>Gets the tag prefix of the breakdown (indicators tagged <c>{BreakdownTag}:x</c> form the group <c>x</c>).</summary>
    public string BreakdownTag { get; }

    /// <summary>Gets the editions, oldest first.</summary>
    public ImmutableArray<string> Editions { get; }

    /// <summary>Gets the scores of each edition, in the order of <see cref="Editions"/>.</summary>
    public ImmutableArray<ScoreResult> Results { get; }

    /// <summary>Gets the latest edition's scores.</summary>
    public ScoreResult Latest => Results[^1];

    /// <summary>Gets the breakdown groups (for Menuju 100: the six pillars), in order of first appearance in the framework.</summary>
    public ImmutableArray<string> BreakdownGroups { get; }

    /// <summary>Returns a unit's index in an edition; <see langword="null"/> when the unit is not in that edition or its index is missing.</summary>
    /// <param name="edition">The edition label.</param>
    /// <param name="unit">The unit code.</param>
    /// <returns>The root score.</returns>
    public double? Index(string edition, string unit) => Score(edition, Framework.Root.Code, unit);

    /// <summary>Returns a unit's score at a node in an edition; <see langword="null"/> when the unit is not in that edition or the score is missing.</summary>
    /// <param name="edition">The edition label.</param>
    /// <param name="node">The node code.</param>
    /// <param name="unit">The unit code.</param>
    /// <returns>The score.</returns>
    public double? Score(string edition, string node, string unit)
    {
        var result = Results[EditionIndex(edition)];
        var u = result.Data.IndexOfUnit(unit);
        return u < 0 ? null : ScoreResult.Missing(result.RawScores(node)[u]);
    }

    /// <summary>
    /// Returns the improvement of a unit's index in an edition against the previous edition (index − previous index);
    /// <see langword="null"/> for the first edition or when either index is missing.
    /// </summary>
    /// <param name="edition">The edition label.</param>
    /// <param name="unit">The unit code.</param>
    /// <returns>The improvement.</returns>
    public double? Improvement(string edition, string unit)
    {
        var e = EditionIndex(edition);
        return e == 0 ? null : Index(edition, unit) - Index(Editions[e - 1], unit);
    }

    /// <summary>
    /// Returns a unit's breakdown score for a group (a pillar) in an edition: the weighted mean of the scores of the
    /// indicators tagged with the group, each weighted by its effective weight in the framework; indicators with a
    /// missing score are left out and the rest re-weighted; <see langword="null"/> when all are missing or the unit is not in the edition. With the arithmetic mean at every
    /// level this equals weighting each dimension's pillar group by the dimension's weight.
    /// </summary>
    /// <param name="edition">The edition label.</param>
    /// <param name="group">The breakdown group (for example <c>gov</c>).</param>
    /// <param name="unit">The unit code.</param>
    /// <returns>The score.</returns>
    public double? Breakdown(string edition, string group, string unit)
    {
        var result = Results[EditionIndex(edition)];
        var u = result.Data.IndexOfUnit(unit);
        var g = BreakdownGroups.IndexOf(group);
        if (g < 0)
        {
            throw new ArgumentException($"No indicator is tagged with the group '{group}'.", nameof(group));
        }

        if (u < 0)
        {
            return null;
        }

        double sum = 0, weight = 0;
        foreach (var (indicator, w) in _breakdown[g].Parts)
        {
            var s = result.RawScores(indicator)[u];
            if (!double.IsNaN(s) && w > 0)
            {
                sum += w * s;
                weight += w;
            }
        }

        return weight > 0 ? sum / weight : null;
    }

    private int EditionIndex(string edition)
    {
        var e = Editions.IndexOf(edition);
        return e >= 0 ? e : throw new ArgumentException($"No edition '{edition}'.", nameof(edition));
    }
}
