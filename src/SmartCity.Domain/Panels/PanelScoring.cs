using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Panels;

/// <summary>Scores every edition of a panel with one framework.</summary>
public static class PanelScoring
{
    /// <summary>Scores a panel.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="panel">The panel.</param>
    /// <param name="pooled">
    /// <see langword="true"/> (COINr's <c>Normalise(purse, global = TRUE)</c>, the default): each edition is denominated,
    /// imputed and treated on its own, then every indicator is normalised over all editions at once, so scores are
    /// comparable across years; <see langword="false"/>: each edition is scored on its own.
    /// </param>
    /// <returns>The scores and the ranks within each edition, or the scoring errors (paths prefixed <c>editions[year]</c>).</returns>
    public static OneOf<PanelScoreResult, ValidationErrors> Score(RatingFramework framework, PanelData panel, bool pooled = true)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(panel);
        var plan = ScoringPlan.Compile(framework);
        var editions = panel.Times.Select(panel.Edition).ToArray();
        var rows = editions.Sum(e => e.UnitCount);
        var scores = new double[plan.NodeCount * rows];
        if (pooled)
        {
            var stacked = panel.Stacked();
            var run = PooledScoring.Run(plan, editions, [.. panel.Times.Select(PanelData.Path)], stacked);
            if (run.TryPickT1(out var errors, out var ws))
            {
                return errors;
            }

            PooledScoring.Scores(ws).CopyTo(scores);
        }
        else
        {
            var offset = 0;
            foreach (var (t, e) in panel.Times.Zip(editions))
            {
                var scored = plan.Score(e);
                if (scored.TryPickT1(out var errors, out var r))
                {
                    return errors.WithPathPrefix(PanelData.Path(t));
                }

                for (var k = 0; k < plan.NodeCount; k++)
                {
                    r.RawScores(k).CopyTo(scores.AsSpan((k * rows) + offset, e.UnitCount));
                }

                offset += e.UnitCount;
            }
        }

        return new PanelScoreResult(plan, panel, pooled, scores, rows);
    }
}

/// <summary>
/// The scores of a panel: every node's score for every unit and edition, and ranks within each edition (1 is best, ties
/// share the best rank). Immutable; a missing score, or a unit absent from an edition, is <see langword="null"/>.
/// Serialises with <see cref="Serialization.ResultJson"/> (framework, editions and scores; re-scored on reading).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.PanelScoreResultJsonConverter))]
public sealed class PanelScoreResult
{
    private readonly ScoringPlan _plan;
    private readonly double[] _scores;
    private readonly int _rows;
    private readonly ImmutableDictionary<int, int> _offsets;

    internal PanelScoreResult(ScoringPlan plan, PanelData panel, bool pooled, double[] scores, int rows)
    {
        _plan = plan;
        Panel = panel;
        Pooled = pooled;
        _scores = scores;
        _rows = rows;
        var offsets = ImmutableDictionary.CreateBuilder<int, int>();
        var offset = 0;
        foreach (var t in panel.Times)
        {
            offsets[t] = offset;
            offset += panel.Edition(t).UnitCount;
        }

        _offsets = offsets.ToImmutable();
    }

    /// <summary>Gets the framework the panel was scored with.</summary>
    public RatingFramework Framework => _plan.Framework;

    /// <summary>Gets the panel that was scored.</summary>
    public PanelData Panel { get; }

    /// <summary>Gets a value indicating whether the indicators were normalised over all editions at once.</summary>
    public bool Pooled { get; }

    /// <summary>Gets the time points, ascending.</summary>
    public ImmutableArray<int> Times => Panel.Times;

    /// <summary>Gets every unit of the panel.</summary>
    public ImmutableArray<string> Units => Panel.Units;

    /// <summary>Gets the node codes (indicators first, the root last).</summary>
    public ImmutableArray<string> NodeCodes => _plan.NodeCodes;

    /// <summary>Gets the framework's levels of the nodes, in <see cref="NodeCodes"/> order.</summary>
    public ImmutableArray<int> Levels => _plan.Levels;

    /// <summary>Returns a unit's score at a node in one edition.</summary>
    /// <param name="node">The node code.</param>
    /// <param name="unit">The unit code.</param>
    /// <param name="time">The time point.</param>
    /// <returns>The score; <see langword="null"/> when missing or when the unit is not in that edition.</returns>
    /// <exception cref="KeyNotFoundException">No such node or time point.</exception>
    public double? Score(string node, string unit, int time)
    {
        var k = NodeIndex(node);
        var row = Panel.Edition(time).IndexOfUnit(Guard.Against.Null(unit));
        return row < 0 ? null : Value(_scores[(k * _rows) + _offsets[time] + row]);
    }

    /// <summary>Returns a unit's rank at a group among the units of one edition.</summary>
    /// <param name="node">The group's code.</param>
    /// <param name="unit">The unit code.</param>
    /// <param name="time">The time point.</param>
    /// <returns>The rank; <see langword="null"/> when the score is missing.</returns>
    /// <exception cref="KeyNotFoundException">No such node or time point.</exception>
    public int? Rank(string node, string unit, int time)
    {
        var k = NodeIndex(node);
        var d = Panel.Edition(time);
        var row = d.IndexOfUnit(Guard.Against.Null(unit));
        if (row < 0)
        {
            return null;
        }

        var column = _scores.AsSpan((k * _rows) + _offsets[time], d.UnitCount);
        var s = column[row];
        if (double.IsNaN(s))
        {
            return null;
        }

        var better = 0;
        foreach (var v in column)
        {
            if (v > s)
            {
                better++;
            }
        }

        return better + 1;
    }

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PanelScoreResult(times={Times.Length}, units={Units.Length}, pooled={Pooled})");

    /// <summary>Scores of node <paramref name="k"/> over every edition's rows, editions in time order (NaN = missing).</summary>
    internal ReadOnlySpan<double> RawScores(int k) => _scores.AsSpan(k * _rows, _rows);

    private static double? Value(double v) => double.IsNaN(v) ? null : v;

    private int NodeIndex(string node)
    {
        var k = _plan.IndexOf(Guard.Against.Null(node));
        return k >= 0 ? k : throw new KeyNotFoundException($"No node has the code '{node}'.");
    }
}
