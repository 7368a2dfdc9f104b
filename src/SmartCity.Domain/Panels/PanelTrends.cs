using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Panels;

/// <summary>The trend measure of <see cref="PanelTrends"/> (COINr's <c>f_trend</c>).</summary>
public enum TrendMetric
{
    /// <summary>Compound annual growth rate over the first and last observation: <c>(y_last/y_first)^(1/(t_last − t_first)) − 1</c>, 0 when they are equal (COINr <c>CAGR</c>).</summary>
    Cagr = 0,

    /// <summary>Percentage change per <see cref="TrendOptions.Per"/> time units (COINr <c>prc_change</c>, <c>per = 1</c> by default): from the first and last observation when there are two (<c>100·(y_last − y_first)/y_first · per/(t_last − t_first)</c>), from a least-squares line through three or more (<c>100·slope·per/(intercept + slope·t_first)</c>); 0 when every value is equal.</summary>
    PercentChange = 1,
}

/// <summary>One unit's trend at one node (or raw column) over the editions.</summary>
/// <param name="Unit">The unit code.</param>
/// <param name="Node">The node code, or the raw column.</param>
/// <param name="Value">The trend; <see langword="null"/> with fewer than two observations.</param>
/// <param name="FirstTime">The first time with an observation; <see langword="null"/> with fewer than two observations (as COINr's <c>t_first</c>).</param>
/// <param name="LatestTime">The latest time with an observation; <see langword="null"/> with fewer than two.</param>
/// <param name="Availability">The share of the panel's editions with an observation (COINr's <c>Avail</c>); with <see cref="TrendOptions.InterpolateAt"/>, of the editions and the interpolation times, counting only observed (not interpolated) values.</param>
/// <param name="WindowAvailability">With <see cref="TrendOptions.UseLatest"/>: the share of the window's editions with an observed (not interpolated) value (COINr's <c>Avail_use_latest</c>); <see langword="null"/> without the option, or when the window does not fit.</param>
/// <param name="WindowFirstTime">With <see cref="TrendOptions.UseLatest"/>: the first time in the window with a value, interpolated or not (COINr's <c>t_first_use_latest</c>); <see langword="null"/> without the option, or with fewer than two values in the window.</param>
public sealed record PanelTrend(string Unit, string Node, double? Value, int? FirstTime, int? LatestTime, double Availability, double? WindowAvailability = null, int? WindowFirstTime = null);

/// <summary>
/// The options of <see cref="PanelTrends"/>: COINr <c>get_trends</c>' <c>f_trend</c>, <c>use_latest</c> and
/// <c>interp_at</c>, and <c>prc_change</c>'s <c>per</c>. The defaults are COINr's: CAGR over every edition, no
/// interpolation, <c>per = 1</c>.
/// </summary>
/// <param name="Metric">The trend measure (<c>f_trend</c>).</param>
/// <param name="UseLatest">
/// <c>use_latest</c>: the trend over the latest <c>n</c> editions only, counted back from the latest edition with a value
/// (interpolated or not), missing editions included. As in COINr, a window that starts at the panel's first edition or
/// before it gives no trend (<see langword="null"/>): <c>n</c> must be smaller than the number of editions up to the
/// latest value. <see langword="null"/> (the default) uses every edition; otherwise at least 1.
/// </param>
/// <param name="InterpolateAt">
/// <c>interp_at</c>: the times at which missing values are linearly interpolated from the series' observations before
/// the trend is taken (R's <c>approx</c>: never extrapolated beyond the first or last observation; a series with fewer
/// than two observations has none). A time that is not an edition is added to the series. Pass the panel's
/// <c>Times</c> for COINr's <c>interp_at = "all"</c>; every time must lie within the panel's first and last edition.
/// <see langword="null"/> (the default): no interpolation.
/// </param>
/// <param name="Per">
/// <c>prc_change</c>'s <c>per</c>: <see cref="TrendMetric.PercentChange"/> is the change per this many time units
/// (10 with yearly editions: per decade); the result scales linearly with it. Finite and non-zero; 1 by default, and 1
/// with <see cref="TrendMetric.Cagr"/> (COINr's <c>CAGR</c> has no <c>per</c>).
/// </param>
public sealed record TrendOptions(TrendMetric Metric = TrendMetric.Cagr, int? UseLatest = null, EquatableArray<int>? InterpolateAt = null, double Per = 1)
{
    /// <summary>Gets COINr's defaults: CAGR over every edition, no interpolation.</summary>
    public static TrendOptions Default { get; } = new();

    internal ErrorCollector Validate(ImmutableArray<int> times)
    {
        var errors = new ErrorCollector();
        if (!Enum.IsDefined(Metric))
        {
            errors.Add(ErrorCodes.PanelSpec, "options.metric", $"'{Metric}' is not a trend metric.");
        }

        if (UseLatest is { } n && n < 1)
        {
            errors.Add(ErrorCodes.PanelSpec, "options.useLatest", "use_latest must be at least 1.", n.ToString(CultureInfo.InvariantCulture));
        }

        if (!double.IsFinite(Per) || Per == 0)
        {
            errors.Add(ErrorCodes.PanelSpec, "options.per", "per must be a finite, non-zero number of time units.", ErrorCollector.Format(Per));
        }
        else if (Per != 1 && Metric == TrendMetric.Cagr)
        {
            errors.Add(ErrorCodes.PanelSpec, "options.per", "per applies to the percentage change only (COINr's CAGR has no per).", ErrorCollector.Format(Per));
        }

        if (InterpolateAt is { } at && times.Length > 0)
        {
            foreach (var t in at.Where(t => t < times[0] || t > times[^1]))
            {
                errors.Add(ErrorCodes.PanelSpec, "options.interpolateAt", $"The time {t.ToString(CultureInfo.InvariantCulture)} is outside the panel's editions ({times[0].ToString(CultureInfo.InvariantCulture)}–{times[^1].ToString(CultureInfo.InvariantCulture)}).", t.ToString(CultureInfo.InvariantCulture));
            }
        }

        return errors;
    }
}

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
        return Compute(scores, node, new TrendOptions(metric));
    }

    /// <summary>Trends of the scores at a node, as <see cref="OfScores"/>, with COINr's <c>get_trends</c> options (<c>use_latest</c>, <c>interp_at</c>, <c>per</c>).</summary>
    /// <param name="scores">The panel scores (pooled scores are comparable across years).</param>
    /// <param name="node">The node code.</param>
    /// <param name="options">The trend options.</param>
    /// <returns>One trend per unit of the panel, in panel order; <see cref="ErrorCodes.PanelSpec"/> for an option out of range.</returns>
    /// <exception cref="KeyNotFoundException">No such node.</exception>
    public static OneOf<ImmutableArray<PanelTrend>, ValidationErrors> Get(PanelScoreResult scores, string node, TrendOptions options)
    {
        Guard.Against.Null(scores);
        Guard.Against.Null(node);
        Guard.Against.Null(options);
        var errors = options.Validate(scores.Times);
        return errors.HasErrors ? errors.ToErrors() : Compute(scores, node, options);
    }

    private static ImmutableArray<PanelTrend> Compute(PanelScoreResult scores, string node, TrendOptions options) =>
        [.. scores.Units.Select(u => Trend(u, node, scores.Times, scores.Times.Select(t => scores.Score(node, u, t) ?? double.NaN).ToArray(), options, 1))];

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
        return Compute(panel, column, new TrendOptions(metric), direction);
    }

    /// <summary>Trends of a raw column multiplied by the indicator's direction, as <see cref="OfData"/>, with COINr's <c>get_trends</c> options (<c>use_latest</c>, <c>interp_at</c>, <c>per</c>).</summary>
    /// <param name="panel">The panel.</param>
    /// <param name="column">The raw column.</param>
    /// <param name="options">The trend options.</param>
    /// <param name="direction">The indicator's direction.</param>
    /// <returns>One trend per unit of the panel, in panel order; <see cref="ErrorCodes.PanelSpec"/> for an option out of range.</returns>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public static OneOf<ImmutableArray<PanelTrend>, ValidationErrors> Get(PanelData panel, string column, TrendOptions options, Direction direction)
    {
        Guard.Against.Null(panel);
        Guard.Against.Null(column);
        Guard.Against.Null(options);
        var errors = options.Validate(panel.Times);
        return errors.HasErrors ? errors.ToErrors() : Compute(panel, column, options, direction);
    }

    private static ImmutableArray<PanelTrend> Compute(PanelData panel, string column, TrendOptions options, Direction direction)
    {
        var sign = direction == Direction.LowerIsBetter ? -1.0 : 1.0;
        return [.. panel.Units.Select(u => Trend(u, column, panel.Times, panel.Times.Select(t => panel.Value(u, column, t)).ToArray(), options, sign))];
    }

    /// <summary>One series, as the body of COINr's <c>get_trends</c> loop.</summary>
    private static PanelTrend Trend(string unit, string node, ImmutableArray<int> editions, double[] raw, TrendOptions options, double sign)
    {
        // interp_at: the series over the editions and the interpolation times (merge(..., all = TRUE)), interpolated at the latter.
        var times = editions;
        var y = raw;
        if (options.InterpolateAt is { } at)
        {
            times = [.. editions.Union(at).Order()];
            raw = [.. times.Select(t => editions.IndexOf(t) is var k and >= 0 ? raw[k] : double.NaN)];
            y = Interpolate(times, raw, [.. at.Distinct()]);
        }

        var observed = Count(raw, 0, raw.Length);
        var availability = (double)observed / raw.Length;
        int? first = observed > 1 ? times[Array.FindIndex(raw, v => !double.IsNaN(v))] : null;
        int? latest = observed > 1 ? times[Array.FindLastIndex(raw, v => !double.IsNaN(v))] : null;
        if (Count(y, 0, y.Length) < 2)
        {
            return new PanelTrend(unit, node, null, first, latest, availability);
        }

        if (options.UseLatest is not { } n)
        {
            return new PanelTrend(unit, node, Metric(times, y, 0, y.Length, options, sign), first, latest, availability);
        }

        // use_latest: editions i_latest − n + 1 … i_latest; COINr needs i_first > 1 (1-based), so a window reaching the first edition gives NA.
        var iLatest = Array.FindLastIndex(y, v => !double.IsNaN(v));
        var iFirst = iLatest - n + 1;
        if (iFirst < 1)
        {
            return new PanelTrend(unit, node, null, first, latest, availability);
        }

        var windowAvailability = (double)Count(raw, iFirst, n) / n;
        var present = Count(y, iFirst, n);
        int? windowFirst = present > 1 ? times[Array.FindIndex(y, iFirst, n, v => !double.IsNaN(v))] : null;
        var value = present < 2 ? null : Metric(times, y, iFirst, n, options, sign);
        return new PanelTrend(unit, node, value, first, latest, availability, windowAvailability, windowFirst);
    }

    private static int Count(double[] y, int start, int length)
    {
        var c = 0;
        for (var k = start; k < start + length; k++)
        {
            c += double.IsNaN(y[k]) ? 0 : 1;
        }

        return c;
    }

    private static double? Metric(ImmutableArray<int> times, double[] y, int start, int length, TrendOptions options, double sign)
    {
        var observed = Enumerable.Range(start, length).Where(k => !double.IsNaN(y[k])).ToArray();
        var xs = observed.Select(k => (double)times[k]).ToArray();
        var ys = observed.Select(k => y[k]).ToArray();
        var value = options.Metric == TrendMetric.Cagr ? Cagr(xs, ys) : PercentChange(xs, ys, options.Per);
        return double.IsFinite(value) ? value * sign : null;
    }

    /// <summary>
    /// COINr's <c>approx_df</c> for one series: at each time of <paramref name="at"/>, R's <c>approx(x, y, xout)</c> over
    /// the observed points (<c>rule = 1</c>: missing outside them); every other time keeps its value; a series with
    /// fewer than two observations becomes all missing.
    /// </summary>
    internal static double[] Interpolate(ImmutableArray<int> times, double[] y, int[] at)
    {
        var observed = Enumerable.Range(0, y.Length).Where(k => !double.IsNaN(y[k])).ToArray();
        var result = new double[y.Length];
        if (observed.Length < 2)
        {
            Array.Fill(result, double.NaN);
            return result;
        }

        var x = observed.Select(k => (double)times[k]).ToArray();
        var v = observed.Select(k => y[k]).ToArray();
        for (var k = 0; k < y.Length; k++)
        {
            result[k] = Array.IndexOf(at, times[k]) < 0 ? y[k] : Approx(x, v, times[k]);
        }

        return result;
    }

    /// <summary>R's <c>approx1</c> (stats/src/approx.c), linear, <c>rule = 1</c>.</summary>
    private static double Approx(double[] x, double[] y, double v)
    {
        if (v < x[0] || v > x[^1])
        {
            return double.NaN;
        }

        int i = 0, j = x.Length - 1;
        while (i < j - 1)
        {
            var ij = (i + j) / 2;
            if (v < x[ij])
            {
                j = ij;
            }
            else
            {
                i = ij;
            }
        }

        if (v == x[j])
        {
            return y[j];
        }

        if (v == x[i])
        {
            return y[i];
        }

        return y[i] + ((y[j] - y[i]) * ((v - x[i]) / (x[j] - x[i])));
    }

    internal static double Cagr(double[] x, double[] y) =>
        y[^1] == y[0] ? 0 : Math.Pow(y[^1] / y[0], 1 / (x[^1] - x[0])) - 1;

    internal static double PercentChange(double[] x, double[] y, double per = 1)
    {
        if (y.All(v => v == y[0]))
        {
            return 0;
        }

        if (y.Length < 3)
        {
            return ((y[^1] - y[0]) * 100 / y[0]) * (per / (x[^1] - x[0]));
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
        return slope * per / (intercept + (slope * x[0])) * 100;
    }
}
