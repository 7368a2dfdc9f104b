using System.Collections.Immutable;
using SmartCity.Domain.Frameworks;

namespace SmartCity.Domain.Panels;

/// <summary>The trend measure of <see cref="PanelTrends"/> (COINr's <c>f_trend</c>).</summary>
public enum TrendMetric
{
    /// <summary>Compound annual growth rate over the first and last observation: <c>(y_last/y_first)^(1/(t_last − t_first)) − 1</c>, 0 when they are equal (COINr <c>CAGR</c>).</summary>
    Cagr = 0,

    /// <summary>Percentage change per time unit (COINr <c>prc_change</c>, <c>per = 1</c>): from the first and last observation when there are two, from a least-squares line through three or more (<c>100·slope/(intercept + slope·t_first)</c>); 0 when every value is equal.</summary>
    PercentChange = 1,
}

/// <summary>One unit's trend at one node (or raw column) over the editions.</summary>
/// <param name="Unit">The unit code.</param>
/// <param name="Node">The node code, or the raw column.</param>
/// <param name="Value">The trend; <see langword="null"/> with fewer than two observations.</param>
/// <param name="FirstTime">The first time with an observation; <see langword="null"/> with fewer than two observations (as COINr's <c>t_first</c>).</param>
/// <param name="LatestTime">The latest time with an observation; <see langword="null"/> with fewer than two.</param>
/// <param name="Availability">The share of the panel's editions with an observation (COINr's <c>Avail</c>).</param>
public sealed record PanelTrend(string Unit, string Node, double? Value, int? FirstTime, int? LatestTime, double Availability);

/// <summary>Time trends per unit and node (COINr <c>get_trends</c>).</summary>
public static class PanelTrends
{
    /// <summary>Trends of the scores at a node (for a group, its aggregate; for an indicator, its normalised values, direction already applied).</summary>
    /// <param name="scores">The panel scores (pooled scores are comparable across years).</param>
    /// <param name="node">The node code.</param>
    /// <param name="metric">The trend measure.</param>
    /// <returns>One trend per unit of the panel, in panel order.</returns>
    /// <exception cref="KeyNotFoundException">No such node.</exception>
    public static ImmutableArray<PanelTrend> OfScores(PanelScoreResult scores, string node, TrendMetric metric = TrendMetric.Cagr)
    {
        Guard.Against.Null(scores);
        Guard.Against.Null(node);
        return [.. scores.Units.Select(u => Trend(u, node, scores.Times, scores.Times.Select(t => scores.Score(node, u, t) ?? double.NaN).ToArray(), metric, 1))];
    }

    /// <summary>Trends of a raw column, multiplied by the indicator's direction (COINr multiplies by the iMeta Direction, so a falling lower-is-better indicator trends up).</summary>
    /// <param name="panel">The panel.</param>
    /// <param name="column">The raw column.</param>
    /// <param name="metric">The trend measure.</param>
    /// <param name="direction">The indicator's direction.</param>
    /// <returns>One trend per unit of the panel, in panel order.</returns>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public static ImmutableArray<PanelTrend> OfData(PanelData panel, string column, TrendMetric metric = TrendMetric.Cagr, Direction direction = Direction.HigherIsBetter)
    {
        Guard.Against.Null(panel);
        Guard.Against.Null(column);
        var sign = direction == Direction.LowerIsBetter ? -1.0 : 1.0;
        return [.. panel.Units.Select(u => Trend(u, column, panel.Times, panel.Times.Select(t => panel.Value(u, column, t)).ToArray(), metric, sign))];
    }

    private static PanelTrend Trend(string unit, string node, ImmutableArray<int> times, double[] y, TrendMetric metric, double sign)
    {
        var observed = Enumerable.Range(0, y.Length).Where(k => !double.IsNaN(y[k])).ToArray();
        var availability = (double)observed.Length / y.Length;
        if (observed.Length < 2)
        {
            return new PanelTrend(unit, node, null, null, null, availability);
        }

        var xs = observed.Select(k => (double)times[k]).ToArray();
        var ys = observed.Select(k => y[k]).ToArray();
        var value = metric == TrendMetric.Cagr ? Cagr(xs, ys) : PercentChange(xs, ys);
        return new PanelTrend(unit, node, double.IsFinite(value) ? value * sign : null, times[observed[0]], times[observed[^1]], availability);
    }

    internal static double Cagr(double[] x, double[] y) =>
        y[^1] == y[0] ? 0 : Math.Pow(y[^1] / y[0], 1 / (x[^1] - x[0])) - 1;

    internal static double PercentChange(double[] x, double[] y)
    {
        if (y.All(v => v == y[0]))
        {
            return 0;
        }

        if (y.Length < 3)
        {
            return ((y[^1] - y[0]) * 100 / y[0]) * (1 / (x[^1] - x[0]));
        }

        // Least squares y = a + b·x (R's lm), then 100·b/(a + b·x_first).
        var mx = x.Average();
        var my = y.Average();
        var sxy = 0.0;
        var sxx = 0.0;
        for (var k = 0; k < x.Length; k++)
        {
            sxy += (x[k] - mx) * (y[k] - my);
            sxx += (x[k] - mx) * (x[k] - mx);
        }

        var slope = sxy / sxx;
        var intercept = my - (slope * mx);
        return slope / (intercept + (slope * x[0])) * 100;
    }
}
