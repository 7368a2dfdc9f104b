using FsCheck.Xunit;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Panels;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Panels;

/// <summary>
/// Invariants of panel imputation (COINr <c>impute_panel</c>), trends (<c>get_trends</c>: <c>CAGR</c>, <c>prc_change</c>)
/// and pooled normalisation (<c>Normalise(purse, global = TRUE)</c>). Every panel is built from FsCheck's own shrinking
/// arrays (no seed), so a failure shrinks to a small panel.
/// </summary>
public class PanelProperties
{
    private static readonly string[] TwoColumns = ["x", "y"];

    private static readonly string[] FiveIndicators = ["i1", "i2", "i3", "i4", "i5"];

    /// <summary>
    /// A panel of 2–5 editions and 1–4 units from shrinkable arrays: <paramref name="shape"/> picks the sizes, the gaps
    /// between times are 1–3 (<paramref name="gaps"/>), and each cell is <c>cells[k]</c> — missing when divisible by 3.
    /// Units other than the first are absent from an edition when their first cell there is 1 modulo 7.
    /// </summary>
    private static PanelData Build(int[] cells, byte[] gaps, byte shape, string[] columns)
    {
        var editions = 2 + (shape % 4);
        var units = 1 + (shape / 4 % 4);
        var times = Times(editions, gaps);
        int Code(int u, int k, int c) => cells.Length == 0 ? 0 : cells[((((u * editions) + k) * columns.Length) + c) % cells.Length];
        var map = new Dictionary<int, Dataset>();
        for (var k = 0; k < editions; k++)
        {
            var present = Enumerable.Range(0, units).Where(u => u == 0 || Math.Abs(Code(u, k, 0) % 7) != 1).ToArray();
            var values = new double[present.Length, columns.Length];
            for (var r = 0; r < present.Length; r++)
            {
                for (var c = 0; c < columns.Length; c++)
                {
                    var code = Code(present[r], k, c);
                    values[r, c] = code % 3 == 0 ? double.NaN : code;
                }
            }

            map[times[k]] = Dataset.Create([.. present.Select(u => "U" + u)], columns, values).GetValueOrThrow();
        }

        return PanelData.Create(map).GetValueOrThrow();
    }

    private static int[] Times(int count, byte[] gaps)
    {
        var times = new int[count];
        times[0] = 2000;
        for (var k = 1; k < count; k++)
        {
            times[k] = times[k - 1] + 1 + (k - 1 < gaps.Length ? gaps[k - 1] % 3 : 0);
        }

        return times;
    }

    /// <summary>One unit's series of a column: the editions it is in (ascending) and its values there (NaN = missing).</summary>
    private static (int[] Times, double[] Values) Series(PanelData p, string unit, string column)
    {
        var times = p.Times.Where(t => p.Edition(t).IndexOfUnit(unit) >= 0).ToArray();
        return (times, [.. times.Select(t => p.Value(unit, column, t))]);
    }

    private static int? MaxTime(byte m) => m % 5 == 0 ? null : m % 5;

    [Property(MaxTest = 300)]
    public void Imputation_NeverChangesAPresentValue_NorWhichUnitsAnEditionHas(int[] cells, byte[] gaps, byte shape, byte kind, byte maxTime)
    {
        var p = Build(cells, gaps, shape, TwoColumns);
        var k = (PanelImputationKind)(kind % 4);
        var outcome = PanelImputation.Impute(p, k, MaxTime(maxTime));
        var singles = (from u in p.Units
                       from c in TwoColumns
                       let s = Series(p, u, c)
                       where s.Values.Count(v => !double.IsNaN(v)) == 1 && s.Values.Any(double.IsNaN)
                       select $"{u}.{c}").ToList();
        if (outcome.TryPickT1(out var errors, out var imputed))
        {
            // Only linear interpolation refuses, and only a series with gaps and a single observation (as R's approx).
            Assert.Equal(PanelImputationKind.Linear, k);
            Assert.Equal(singles, errors.Select(e => e.Path));
            Assert.All(errors, e => Assert.Equal(ErrorCodes.PanelSpec, e.Code));
            return;
        }

        Assert.True(k != PanelImputationKind.Linear || singles.Count == 0);
        Assert.Equal(p.Times.ToArray(), imputed.Times.ToArray());
        foreach (var t in p.Times)
        {
            Assert.Equal(p.Edition(t).Units.ToArray(), imputed.Edition(t).Units.ToArray());
            foreach (var (u, c) in from u in p.Edition(t).Units from c in TwoColumns select (u, c))
            {
                var before = p.Value(u, c, t);
                if (!double.IsNaN(before))
                {
                    Assert.Equal(before, imputed.Value(u, c, t));
                }
            }
        }
    }

    [Property(MaxTest = 300)]
    public void LatestAndConstant_FillOnlyFromTheUnitsOwnEditions_AndAUnitWithoutDataStaysMissing(int[] cells, byte[] gaps, byte shape, bool constant, byte maxTime)
    {
        var p = Build(cells, gaps, shape, TwoColumns);
        var limit = constant ? null : MaxTime(maxTime);
        var imputed = PanelImputation.Impute(p, constant ? PanelImputationKind.Constant : PanelImputationKind.Latest, limit).GetValueOrThrow();
        foreach (var (u, c) in from u in p.Units from c in TwoColumns select (u, c))
        {
            var (times, y) = Series(p, u, c);
            var observed = Enumerable.Range(0, y.Length).Where(i => !double.IsNaN(y[i])).ToArray();
            for (var i = 0; i < y.Length; i++)
            {
                if (!double.IsNaN(y[i]))
                {
                    continue;
                }

                var filled = imputed.Value(u, c, times[i]);
                if (observed.Length == 0)
                {
                    Assert.True(double.IsNaN(filled), $"{u}.{c} has no data but got {filled} at {times[i]}");
                    continue;
                }

                var earlier = observed.Where(o => times[o] < times[i]).ToArray();
                if (constant)
                {
                    // R's approx(method = "constant", rule = 2): the latest earlier observation, else the first one.
                    Assert.Equal(earlier.Length > 0 ? y[earlier[^1]] : y[observed[0]], filled);
                    continue;
                }

                // Latest: the latest earlier observation, if it lies within maxTime of the panel's editions; never a later one.
                var back = earlier.Length == 0 ? int.MaxValue : p.Times.IndexOf(times[i]) - p.Times.IndexOf(times[earlier[^1]]);
                if (earlier.Length > 0 && back <= (limit ?? int.MaxValue))
                {
                    Assert.Equal(y[earlier[^1]], filled);
                }
                else
                {
                    Assert.True(double.IsNaN(filled), $"{u}.{c} at {times[i]}: {filled} is {back} editions back, beyond maxTime {limit}");
                }
            }
        }
    }

    [Property(MaxTest = 300)]
    public void LinearInterpolation_OfALinearSeries_IsExact_AndOutsideItTakesTheNearestObservation(short intercept, sbyte slope, byte[] gaps, bool[] missing)
    {
        var times = Times(2 + (gaps.Length % 5), gaps);
        double Line(int t) => intercept + (slope * (t - 2000.0));
        var mask = times.Select((_, i) => i < missing.Length && missing[i]).ToArray();
        if (mask.Count(m => !m) < 2)
        {
            mask[0] = mask[^1] = false; // at least two observations
        }

        var map = times.ToDictionary(t => t, t => Dataset.Create(["A"], ["x"], new double[,] { { mask[Array.IndexOf(times, t)] ? double.NaN : Line(t) } }).GetValueOrThrow());
        var p = PanelData.Create(map).GetValueOrThrow();
        var linear = PanelImputation.Impute(p, PanelImputationKind.Linear).GetValueOrThrow();
        var linearConstant = PanelImputation.Impute(p, PanelImputationKind.LinearConstant).GetValueOrThrow();
        Assert.Equal(times.Select(t => linear.Value("A", "x", t)), times.Select(t => linearConstant.Value("A", "x", t))); // the same with two or more observations
        var observed = times.Where((_, i) => !mask[i]).ToArray();
        foreach (var t in times)
        {
            var expected = Line(Math.Clamp(t, observed[0], observed[^1]));
            Assert.Equal(expected, linear.Value("A", "x", t), 9);
        }
    }

    [Property(MaxTest = 300)]
    public void LinearInterpolation_StaysWithinTheUnitsOwnObservations(int[] cells, byte[] gaps, byte shape)
    {
        var p = Build(cells, gaps, shape, TwoColumns);
        var imputed = PanelImputation.Impute(p, PanelImputationKind.LinearConstant).GetValueOrThrow();
        foreach (var (u, c) in from u in p.Units from c in TwoColumns select (u, c))
        {
            var (times, y) = Series(p, u, c);
            var present = y.Where(v => !double.IsNaN(v)).ToArray();
            foreach (var t in times)
            {
                var v = imputed.Value(u, c, t);
                if (present.Length == 0)
                {
                    Assert.True(double.IsNaN(v));
                }
                else
                {
                    Assert.InRange(v, present.Min(), present.Max());
                }
            }
        }
    }

    /// <summary>A one-unit, one-column panel over <paramref name="times"/> with the values given (NaN = missing).</summary>
    private static PanelData OneSeries(int[] times, Func<int, double> value) =>
        PanelData.Create(times.ToDictionary(t => t, t => Dataset.Create(["A"], ["x"], new double[,] { { value(t) } }).GetValueOrThrow())).GetValueOrThrow();

    [Property(MaxTest = 300)]
    public void TheTrendOfAConstantSeries_IsZero_AndNeedsTwoObservations(short level, byte[] gaps, bool[] missing, bool cagr)
    {
        var times = Times(2 + (gaps.Length % 5), gaps);
        var p = OneSeries(times, t => Array.IndexOf(times, t) < missing.Length && missing[Array.IndexOf(times, t)] ? double.NaN : level);
        var observed = times.Count(t => !double.IsNaN(p.Value("A", "x", t)));
        var trend = Assert.Single(PanelTrends.OfData(p, "x", cagr ? TrendMetric.Cagr : TrendMetric.PercentChange));
        Assert.Equal((double)observed / times.Length, trend.Availability);
        if (observed < 2)
        {
            Assert.Equal((null, null, null), (trend.Value, trend.FirstTime, trend.LatestTime));
        }
        else
        {
            Assert.Equal(0.0, trend.Value); // also for a series of zeros, whose CAGR would be 0/0 (COINr returns 0)
            Assert.True(trend.FirstTime < trend.LatestTime);
        }
    }

    [Property(MaxTest = 300)]
    public void TheCagrOfAGeometricSeries_IsItsRate_AndTheChangeOfALinearSeriesIsItsSlopeOverTheFirstValue(byte start, sbyte rate, sbyte slope, byte[] gaps, bool[] missing, bool lowerIsBetter)
    {
        var times = Times(2 + (gaps.Length % 5), gaps);
        var mask = times.Select((_, i) => i < missing.Length && missing[i]).ToArray();
        if (mask.Count(m => !m) < 2)
        {
            mask[0] = mask[^1] = false;
        }

        var y0 = 1 + start;
        var r = rate / 200.0; // −64 % to +63.5 % a year
        var geometric = OneSeries(times, t => mask[Array.IndexOf(times, t)] ? double.NaN : y0 * Math.Pow(1 + r, t - times[0]));
        var direction = lowerIsBetter ? Direction.LowerIsBetter : Direction.HigherIsBetter;
        var sign = lowerIsBetter ? -1 : 1;
        Assert.Equal(sign * r, PanelTrends.OfData(geometric, "x", TrendMetric.Cagr, direction)[0].Value!.Value, 9);

        // prc_change: from the two ends with two observations, from the least-squares line with more — exact on a line.
        var linear = OneSeries(times, t => mask[Array.IndexOf(times, t)] ? double.NaN : y0 + (slope * (t - times[0])));
        var first = times.First(t => !double.IsNaN(linear.Value("A", "x", t)));
        var change = PanelTrends.OfData(linear, "x", TrendMetric.PercentChange, direction)[0].Value;
        if (slope != 0 && linear.Value("A", "x", first) == 0)
        {
            // A change from 0 is not a number: null from two observations. From three or more, the denominator is the
            // least-squares line at the first time (R's lm), which is 0 only up to rounding: null or a huge change, as in R.
            var observed = times.Count(t => !double.IsNaN(linear.Value("A", "x", t)));
            Assert.True(observed == 2 ? change is null : change is null || Math.Abs(change.Value) > 1e6, $"change {change} from 0 with {observed} observations");
            return;
        }

        var expected = slope == 0 ? 0 : 100.0 * slope / linear.Value("A", "x", first);
        Assert.Equal(sign * expected, change!.Value, 6);
    }

    private static PanelTrend Only(OneOf.OneOf<System.Collections.Immutable.ImmutableArray<PanelTrend>, ValidationErrors> outcome, string unit) =>
        outcome.Match(t => t.Single(x => x.Unit == unit), e => throw new InvalidOperationException(e.ToString()));

    [Property(MaxTest = 300)]
    public void UseLatest_IsTheDefaultTrendOfTheLatestEditions_AndNoneWhenTheWindowReachesTheFirstEdition(int[] cells, byte[] gaps, byte shape, byte latest, bool cagr)
    {
        // COINr get_trends(use_latest = n): editions i_latest − n + 1 … i_latest, NA unless i_first > 1 (1-based).
        var p = Build(cells, gaps, shape, TwoColumns);
        var n = 1 + (latest % (p.Times.Length + 1));
        var metric = cagr ? TrendMetric.Cagr : TrendMetric.PercentChange;
        foreach (var unit in p.Units)
        {
            var y = p.Times.Select(t => p.Edition(t).IndexOfUnit(unit) < 0 ? double.NaN : p.Value(unit, "x", t)).ToArray();
            var trend = Only(PanelTrends.Get(p, "x", new TrendOptions(metric, UseLatest: n), Direction.HigherIsBetter), unit);
            var all = Only(PanelTrends.Get(p, "x", new TrendOptions(metric), Direction.HigherIsBetter), unit);
            Assert.Equal(PanelTrends.OfData(p, "x", metric).Single(x => x.Unit == unit), all); // no option = the default
            Assert.Equal((all.FirstTime, all.LatestTime, all.Availability), (trend.FirstTime, trend.LatestTime, trend.Availability));
            var iLatest = Array.FindLastIndex(y, v => !double.IsNaN(v));
            var iFirst = iLatest - n + 1;
            if (y.Count(v => !double.IsNaN(v)) < 2 || iFirst < 1)
            {
                Assert.Equal((null, null, null), (trend.Value, trend.WindowAvailability, trend.WindowFirstTime));
                continue;
            }

            // The window is the panel of those editions alone, trended with the defaults.
            var window = PanelData.Create(p.Times.Skip(iFirst).Take(n).Select(t => KeyValuePair.Create(t, p.Edition(t)))).GetValueOrThrow();
            var expected = window.Units.Contains(unit) ? Only(PanelTrends.Get(window, "x", new TrendOptions(metric), Direction.HigherIsBetter), unit) : null;
            Assert.Equal(expected?.Value, trend.Value);
            Assert.Equal(expected?.FirstTime, trend.WindowFirstTime);
            Assert.Equal(expected?.Availability ?? 0, trend.WindowAvailability);
        }
    }

    [Property(MaxTest = 300)]
    public void Per_ScalesThePercentChangeLinearly_AndIsRefusedWithCagr(int[] cells, byte[] gaps, byte shape, short per)
    {
        var p = Build(cells, gaps, shape, TwoColumns);
        var k = per == 0 ? 10 : per;
        var one = PanelTrends.OfData(p, "y", TrendMetric.PercentChange);
        var scaled = PanelTrends.Get(p, "y", new TrendOptions(TrendMetric.PercentChange, Per: k), Direction.HigherIsBetter).GetValueOrThrow();
        Assert.Equal(one.Select(t => t with { Value = null }), scaled.Select(t => t with { Value = null }));
        for (var i = 0; i < one.Length; i++)
        {
            Assert.Equal(one[i].Value is null, scaled[i].Value is null);
            if (one[i].Value is { } v)
            {
                Assert.Equal(k * v, scaled[i].Value!.Value, Math.Max(1e-9, Math.Abs(k * v) * 1e-12));
            }
        }

        var refused = PanelTrends.Get(p, "y", new TrendOptions(TrendMetric.Cagr, Per: k == 1 ? 2 : k), Direction.HigherIsBetter);
        Assert.Equal(ErrorCodes.PanelSpec, refused.AsT1[0].Code);
    }

    [Property(MaxTest = 300)]
    public void InterpolatingWithinTheObservations_LeavesTheCagrAndTheTimes_AndCountsAddedTimesAsMissing(int[] cells, byte[] gaps, byte shape, byte[] extra)
    {
        // CAGR reads the first and latest value, which approx (rule = 1) never moves: only the availability changes.
        var p = Build(cells, gaps, shape, TwoColumns);
        var at = p.Times.Concat(extra.Select(e => p.Times[0] + (e % (p.Times[^1] - p.Times[0] + 1)))).ToArray();
        var added = at.Distinct().Count(t => !p.Times.Contains(t));
        var plain = PanelTrends.OfData(p, "x");
        var interpolated = PanelTrends.Get(p, "x", new TrendOptions(InterpolateAt: [.. at]), Direction.HigherIsBetter).GetValueOrThrow();
        for (var i = 0; i < plain.Length; i++)
        {
            Assert.Equal((plain[i].Value, plain[i].FirstTime, plain[i].LatestTime), (interpolated[i].Value, interpolated[i].FirstTime, interpolated[i].LatestTime));
            Assert.Equal(plain[i].Availability * p.Times.Length / (p.Times.Length + added), interpolated[i].Availability, 12);
        }

        var outside = PanelTrends.Get(p, "x", new TrendOptions(InterpolateAt: [p.Times[^1] + 1]), Direction.HigherIsBetter);
        Assert.Equal(ErrorCodes.PanelSpec, outside.AsT1[0].Code);
    }

    [Property(MaxTest = 300)]
    public void InterpolatingALinearSeries_GivesTheChangeOfTheWholeLine(byte start, sbyte slope, byte[] gaps, bool[] missing)
    {
        var times = Times(3 + (gaps.Length % 4), gaps);
        var mask = times.Select((_, i) => i > 0 && i < times.Length - 1 && i < missing.Length && missing[i]).ToArray(); // the ends observed
        var y0 = 1 + start;
        var line = OneSeries(times, t => mask[Array.IndexOf(times, t)] ? double.NaN : y0 + (slope * (t - times[0])));
        var full = OneSeries(times, t => y0 + (slope * (t - times[0])));
        var all = new TrendOptions(TrendMetric.PercentChange, InterpolateAt: [.. times]);
        var filled = Only(PanelTrends.Get(line, "x", all, Direction.HigherIsBetter), "A");
        var expected = Only(PanelTrends.Get(full, "x", all, Direction.HigherIsBetter), "A");
        Assert.Equal(expected.Value!.Value, filled.Value!.Value, 9);
        Assert.Equal((double)mask.Count(m => !m) / times.Length, filled.Availability);
    }

    [Property(MaxTest = 200)]
    public void PooledScores_AreTheScoresOfTheStackedTable(int[] cells, byte[] gaps, byte shape, byte method)
    {
        NormalisationMethod[] methods = [NormalisationMethod.MinMaxDefault, NormalisationMethod.ZScore().GetValueOrThrow(), NormalisationMethod.Rank, NormalisationMethod.PercentileRank];
        var f = Samples.Small(new ScoringMethods(normalisation: methods[method % methods.Length]));
        var p = Build(cells, gaps, shape, FiveIndicators);

        // The stacked table: every unit-edition a row of its own.
        var rows = p.Times.SelectMany(t => p.Edition(t).Units.Select(u => (Unit: u, Time: t))).ToList();
        var values = new double[rows.Count, FiveIndicators.Length];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < FiveIndicators.Length; c++)
            {
                values[r, c] = p.Value(rows[r].Unit, FiveIndicators[c], rows[r].Time);
            }
        }

        var stacked = Dataset.Create([.. rows.Select(x => $"{x.Unit}_{x.Time}")], FiveIndicators, values).GetValueOrThrow();
        var plan = ScoringPlan.Compile(f);
        var pooled = PanelScoring.Score(f, p);
        var alone = plan.Score(stacked);
        if (alone.TryPickT1(out var errors, out var expected))
        {
            Assert.True(pooled.IsT1);
            Assert.Equal(errors.Select(e => e.Code).Order(), pooled.AsT1.Select(e => e.Code).Order());
            return;
        }

        Assert.True(pooled.IsT0, pooled.IsT1 ? pooled.AsT1.ToString() : string.Empty);
        var scores = pooled.AsT0;
        foreach (var node in scores.NodeCodes)
        {
            for (var r = 0; r < rows.Count; r++)
            {
                var want = expected.Score(node, stacked.Units[r]);
                var got = scores.Score(node, rows[r].Unit, rows[r].Time);
                Assert.True(want is null ? got is null : got is { } g && Math.Abs(g - want.Value) <= 1e-9 * Math.Max(1, Math.Abs(want.Value)), $"{node}, {rows[r]}: pooled {got}, stacked {want}");
            }
        }
    }

    [Fact]
    public void PooledScoring_AnEditionThatCannotBeNormalisedAlone_StillPools()
    {
        var f = Samples.Small();
        Dataset Year(double v) => Dataset.Create(["A", "B"], FiveIndicators, new double[,] { { v, v, v, v, v }, { v, v, v, v, v } }).GetValueOrThrow();
        var p = PanelData.Create(new Dictionary<int, Dataset> { [2020] = Year(1), [2021] = Year(2) }).GetValueOrThrow();
        var scores = PanelScoring.Score(f, p).GetValueOrThrow(); // each year is constant; the two years together are not
        Assert.Equal(0, scores.Score("i1", "A", 2020));
        Assert.Equal(100, scores.Score("i1", "A", 2021));
    }
}
