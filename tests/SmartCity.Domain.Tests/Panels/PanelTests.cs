using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Panels;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Panels;

public class PanelTests
{
    private static Dataset Year(string[] units, double[,] values) =>
        Dataset.Create(units, ["i1", "i2", "i3", "i4", "i5"], values).GetValueOrThrow();

    // Unit A's i1 over 2019..2022: 10, NaN, NaN, 40; B's i1: NaN, 5, NaN, NaN (one observation).
    private static PanelData Panel() => PanelData.Create(new Dictionary<int, Dataset>
    {
        [2019] = Year(["A", "B", "C"], new double[,] { { 10, 1, 1, 1, 1 }, { double.NaN, 2, 2, 2, 2 }, { 1, 3, 3, 3, 3 } }),
        [2020] = Year(["A", "B", "C"], new double[,] { { double.NaN, 1, 1, 1, 1 }, { 5, 2, 2, 2, 2 }, { 2, 3, 3, 3, 3 } }),
        [2021] = Year(["A", "B", "C"], new double[,] { { double.NaN, 1, 1, 1, 1 }, { double.NaN, 2, 2, 2, 2 }, { 3, 3, 3, 3, 3 } }),
        [2022] = Year(["A", "B", "C"], new double[,] { { 40, 1, 1, 1, 1 }, { double.NaN, 2, 2, 2, 2 }, { 4, 3, 3, 3, 3 } }),
    }).GetValueOrThrow();

    [Fact]
    public void ImputePanel_Latest_Constant_Linear_AsCoinr()
    {
        var p = Panel();
        var latest = PanelImputation.Impute(p, PanelImputationKind.Latest).GetValueOrThrow();
        Assert.Equal([10, 10, 10, 40], p.Times.Select(t => latest.Value("A", "i1", t)));
        Assert.Equal([double.NaN, 5, 5, 5], p.Times.Select(t => latest.Value("B", "i1", t))); // never from a later year

        var oneBack = PanelImputation.Impute(p, PanelImputationKind.Latest, maxTime: 1).GetValueOrThrow();
        Assert.Equal([10, 10, double.NaN, 40], p.Times.Select(t => oneBack.Value("A", "i1", t)));

        var constant = PanelImputation.Impute(p, PanelImputationKind.Constant).GetValueOrThrow();
        Assert.Equal([5, 5, 5, 5], p.Times.Select(t => constant.Value("B", "i1", t))); // rule = 2 before the first observation

        Assert.Equal(ErrorCodes.PanelSpec, PanelImputation.Impute(p, PanelImputationKind.Linear).AsT1[0].Code); // B has one observation
        var linear = PanelImputation.Impute(p, PanelImputationKind.LinearConstant).GetValueOrThrow();
        Assert.Equal([10, 20, 30, 40], p.Times.Select(t => linear.Value("A", "i1", t)));
        Assert.Equal([5, 5, 5, 5], p.Times.Select(t => linear.Value("B", "i1", t)));
        Assert.Equal(p.Edition(2019).Column(1).ToArray(), linear.Edition(2019).Column(1).ToArray()); // present values kept
    }

    [Fact]
    public void PooledScoring_ErrorsOfOneEdition_NameIt()
    {
        // Treatment needs 4 values: every edition here has 3 units, so each edition's treatment fails, under its year.
        var f = Samples.Small().Edit(FrameworkEdit.SetTreatment("i2", OutlierTreatment.CoinrDefault)).GetValueOrThrow();
        var errors = PanelScoring.Score(f, Panel()).AsT1;
        Assert.Equal(ErrorCodes.TreatmentTooFewValues, errors[0].Code);
        Assert.Equal("editions[2019].i2", errors[0].Path);
    }

    [Fact]
    public void PooledScoring_NormalisesOverEveryEdition_AndRanksWithinEach()
    {
        var p = PanelImputation.Impute(Panel(), PanelImputationKind.LinearConstant).GetValueOrThrow();
        var f = Samples.Small();
        var pooled = PanelScoring.Score(f, p).GetValueOrThrow();

        // i1 over all twelve unit-years runs from 1 (C, 2019) to 40 (A, 2022).
        Assert.Equal(0, pooled.Score("i1", "C", 2019));
        Assert.Equal(100, pooled.Score("i1", "A", 2022));
        Assert.Equal((20.0 - 1) / 39 * 100, pooled.Score("i1", "A", 2020)!.Value, 12);

        var separate = PanelScoring.Score(f, p, pooled: false).GetValueOrThrow();
        Assert.Equal(100, separate.Score("i1", "A", 2020)); // A is 2020's best on its own
        Assert.Equal(ScoringPlan.Compile(f).Score(p.Edition(2021)).GetValueOrThrow().Score("Index", "B"), separate.Score("Index", "B", 2021));
        foreach (var t in p.Times)
        {
            var year = ScoringPlan.Compile(f).Score(p.Edition(t)).GetValueOrThrow();
            foreach (var u in p.Units)
            {
                Assert.Equal(year.Rank("Index", u), separate.Rank("Index", u, t));
            }
        }

        Assert.Equal(1, pooled.Rank("Index", "C", 2019));
    }

    [Fact]
    public void Trends_CagrAndPercentChange_AsCoinr()
    {
        var p = PanelImputation.Impute(Panel(), PanelImputationKind.Latest).GetValueOrThrow();
        var cagr = PanelTrends.OfData(p, "i1");
        var a = cagr.Single(x => x.Unit == "A");
        Assert.Equal(Math.Pow(40.0 / 10, 1.0 / 3) - 1, a.Value!.Value, 12);
        Assert.Equal((2019, 2022, 1.0), (a.FirstTime, a.LatestTime, a.Availability));
        Assert.Equal(0, cagr.Single(x => x.Unit == "B").Value); // 5, 5, 5: equal ends give 0

        var change = PanelTrends.OfData(p, "i1", TrendMetric.PercentChange).Single(x => x.Unit == "C");
        Assert.Equal(1.0 / (0 + (1.0 * 2019) - 2018) * 100, change.Value!.Value, 9); // y = x − 2018: slope 1, at 2019 y = 1

        var falling = PanelTrends.OfData(p, "i1", direction: SmartCity.Domain.Frameworks.Direction.LowerIsBetter).Single(x => x.Unit == "A");
        Assert.Equal(-a.Value, falling.Value);

        var scores = PanelScoring.Score(Samples.Small(), PanelImputation.Impute(Panel(), PanelImputationKind.LinearConstant).GetValueOrThrow()).GetValueOrThrow();
        Assert.Equal(3, PanelTrends.OfScores(scores, "Index").Length);
    }

    [Fact]
    public void TrendOptions_UseLatestInterpAtAndPer_AsCoinrGetTrends()
    {
        // 2018–2022: 1, NA, 3, NA, 5.
        var p = PanelData.Create(new Dictionary<int, Dataset>
        {
            [2018] = Dataset.Create(["A"], ["x"], new double[,] { { 1 } }).GetValueOrThrow(),
            [2019] = Dataset.Create(["A"], ["x"], new double[,] { { double.NaN } }).GetValueOrThrow(),
            [2020] = Dataset.Create(["A"], ["x"], new double[,] { { 3 } }).GetValueOrThrow(),
            [2021] = Dataset.Create(["A"], ["x"], new double[,] { { double.NaN } }).GetValueOrThrow(),
            [2022] = Dataset.Create(["A"], ["x"], new double[,] { { 5 } }).GetValueOrThrow(),
        }).GetValueOrThrow();
        PanelTrend Trend(TrendOptions o) => PanelTrends.Get(p, "x", o, SmartCity.Domain.Frameworks.Direction.HigherIsBetter).GetValueOrThrow().Single();
        var change = TrendMetric.PercentChange;

        // use_latest = 4: 2019–2022, two observations: (5 − 3)·100/3 · 1/(2022 − 2020).
        var latest = Trend(new TrendOptions(change, UseLatest: 4));
        Assert.Equal(100.0 / 3, latest.Value!.Value, 12);
        Assert.Equal((0.5, 2020), (latest.WindowAvailability, latest.WindowFirstTime));
        Assert.Equal((2018, 2022, 0.6), (latest.FirstTime, latest.LatestTime, latest.Availability));

        // use_latest = 5 reaches 2018, the first edition: NA in COINr (i_first > 1 is required).
        Assert.Equal((null, null, null), (Trend(new TrendOptions(change, UseLatest: 5)).Value, Trend(new TrendOptions(change, UseLatest: 5)).WindowAvailability, Trend(new TrendOptions(change, UseLatest: 5)).WindowFirstTime));

        // interp_at = "all": 1, 2, 3, 4, 5; the window 2, 3, 4, 5 is a line of slope 1 from 2: 50 % a year; availability counts observations only.
        var all = new TrendOptions(change, UseLatest: 4, InterpolateAt: [.. p.Times]);
        var interpolated = Trend(all);
        Assert.Equal(50, interpolated.Value!.Value, 12);
        Assert.Equal((0.5, 2019, 0.6), (interpolated.WindowAvailability, interpolated.WindowFirstTime, interpolated.Availability));

        // per = 10: per decade.
        Assert.Equal(500, Trend(all with { Per = 10 }).Value!.Value, 10);

        // interp_at = 2019 only: 1, 2, 3, NA, 5 — still on the line y = t − 2017, 100 % from the first value.
        Assert.Equal(100, Trend(new TrendOptions(change, InterpolateAt: [2019])).Value!.Value, 12);

        // Bad options are panel.spec errors with paths.
        var bad = PanelTrends.Get(p, "x", new TrendOptions(UseLatest: 0, InterpolateAt: [2017], Per: 2), SmartCity.Domain.Frameworks.Direction.HigherIsBetter).AsT1;
        Assert.Equal(["options.useLatest", "options.per", "options.interpolateAt"], bad.Select(e => e.Path));
        Assert.All(bad, e => Assert.Equal(ErrorCodes.PanelSpec, e.Code));
    }

    [Fact]
    public void BadPanels_ArePanelSpecErrors()
    {
        Assert.Equal(ErrorCodes.PanelSpec, PanelData.Create([]).AsT1[0].Code);
        var other = Dataset.Create(["A"], ["x"], new double[,] { { 1 } }).GetValueOrThrow();
        var mixed = PanelData.Create(new Dictionary<int, Dataset> { [1] = Panel().Edition(2019), [2] = other });
        Assert.Equal("editions[2].columns", mixed.AsT1[0].Path);
        var single = PanelData.Create(new Dictionary<int, Dataset> { [1] = other }).GetValueOrThrow();
        Assert.Equal(ErrorCodes.PanelSpec, PanelImputation.Impute(single, PanelImputationKind.Latest).AsT1[0].Code);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PanelScoreResult_RoundTripsThroughResultJson(bool pooled)
    {
        var p = PanelImputation.Impute(Panel(), PanelImputationKind.Latest).GetValueOrThrow(); // B's i1 stays missing in 2019: a null score
        var scores = PanelScoring.Score(Samples.Small(), p, pooled).GetValueOrThrow();
        var json = ResultJson.Serialize(scores);
        Assert.Contains("null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        var back = ResultJson.Deserialize<PanelScoreResult>(json).GetValueOrThrow();
        Assert.Equal(pooled, back.Pooled);
        Assert.Equal(scores.Times.ToArray(), back.Times.ToArray());
        Assert.Equal(scores.NodeCodes.ToArray(), back.NodeCodes.ToArray());
        foreach (var (node, unit, t) in from n in scores.NodeCodes from u in scores.Units from t in scores.Times select (n, u, t))
        {
            Assert.Equal(scores.Score(node, unit, t), back.Score(node, unit, t));
            Assert.Equal(scores.Rank(node, unit, t), back.Rank(node, unit, t));
        }

        Assert.Equal(json, ResultJson.Serialize(back));

        var tampered = json.Replace("\"pooled\":" + (pooled ? "true" : "false"), "\"pooled\":" + (pooled ? "false" : "true"), StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.JsonResultMismatch, ResultJson.Deserialize<PanelScoreResult>(tampered).AsT1[0].Code);
    }

    [Fact]
    public void PanelTrend_RoundTripsThroughResultJson_MissingAsNull()
    {
        var trends = PanelTrends.OfData(Panel(), "i1"); // B has one observation: value and times are null
        var json = ResultJson.Serialize(trends);
        Assert.Contains("\"unit\":\"B\",\"node\":\"i1\",\"value\":null,\"firstTime\":null,\"latestTime\":null", json, StringComparison.Ordinal);
        var back = ResultJson.Deserialize<System.Collections.Immutable.ImmutableArray<PanelTrend>>(json).GetValueOrThrow();
        Assert.Equal(trends.ToArray(), back.ToArray());
        Assert.Equal(trends[0], ResultJson.Deserialize<PanelTrend>(ResultJson.Serialize(trends[0])).GetValueOrThrow());
    }
}
