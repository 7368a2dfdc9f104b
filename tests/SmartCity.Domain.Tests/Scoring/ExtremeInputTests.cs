using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Scoring;

/// <summary>Issue 11.3 and 11.5: extreme or inverted inputs give a correct number or a coded error, never inf, NaN or an inverted order.</summary>
public class ExtremeInputTests
{
    private static RatingFramework Framework(NormalisationMethod normalisation, AggregationMethod aggregation, params Indicator[] indicators)
    {
        var root = GroupNode.Create("Index", LocalizedText.Of("Index"), NodeRole.Index, indicators).GetValueOrThrow();
        return RatingFramework.Create("x", LocalizedText.Of("x"), "1", root, new ScoringMethods(normalisation, aggregation)).GetValueOrThrow();
    }

    private static Indicator Ind(string code, Direction direction = Direction.HigherIsBetter, double? target = null, NormalisationMethod? normalisation = null) =>
        Indicator.Create(code, LocalizedText.Of(code), direction: direction, target: target, normalisation: normalisation).GetValueOrThrow();

    private static Dataset Column(params double[] values) =>
        Dataset.CreateColumnMajor([.. values.Select((_, u) => $"U{u}")], ["a"], values).GetValueOrThrow();

    private static double[] Scores(ScoreResult result, string code) => [.. Enumerable.Range(0, result.Scores(code).Count).Select(u => result.Scores(code)[u]!.Value)];

    [Fact]
    public void FractionOfMax_OnAllNegativeHigherIsBetterData_IsRefused()
    {
        var f = Framework(NormalisationMethod.FractionOfMax, AggregationMethod.Arithmetic, Ind("a"));
        var errors = ScoringPlan.Compile(f).Score(Column(-1, -2, -5)).AsT1;
        Assert.Equal(ErrorCodes.NormalisationInvertsOrder, Assert.Single(errors).Code);

        // With a positive maximum the order is kept, negative values included.
        var ok = ScoringPlan.Compile(f).Score(Column(-1, 2, 4)).AsT0;
        Assert.Equal([-0.25, 0.5, 1], Scores(ok, "a"));
    }

    [Fact]
    public void DistanceToTarget_WithTheTargetOnTheWrongSide_IsRefused()
    {
        var f = Framework(NormalisationMethod.DistanceToTarget(), AggregationMethod.Arithmetic, Ind("a", target: 1));
        var errors = ScoringPlan.Compile(f).Score(Column(5, 7, 10)).AsT1;
        Assert.Equal(ErrorCodes.NormalisationInvertsOrder, Assert.Single(errors).Code);
        var ok = ScoringPlan.Compile(Framework(NormalisationMethod.DistanceToTarget(), AggregationMethod.Arithmetic, Ind("a", target: 20))).Score(Column(5, 7, 10)).AsT0;
        Assert.Equal([0, 2.0 / 15, 5.0 / 15], Scores(ok, "a"));
    }

    [Fact]
    public void MinMax_WithBoundsOrDataNearTheLimitsOfADouble_GivesTheExactScale()
    {
        var wide = Framework(NormalisationMethod.MinMax(-1e308, 1e308).AsT0, AggregationMethod.Arithmetic, Ind("a"));
        Assert.Equal([-1e308, 0, 1e308], Scores(ScoringPlan.Compile(wide).Score(Column(1, 2, 3)).AsT0, "a"));

        var f = Framework(NormalisationMethod.MinMaxDefault, AggregationMethod.Arithmetic, Ind("a"));
        var result = ScoringPlan.Compile(f).Score(Column(-1e308, 0, 1e308, double.MaxValue)).AsT0;
        var s = Scores(result, "a");
        Assert.Equal(0, s[0]);
        Assert.Equal(100, s[3]);
        var half = (double.MaxValue / 2) + 0.5e308;
        Assert.Equal(100 * (0.5e308 / half), s[1], 1e-12);
        Assert.Equal(100 * (1e308 / half), s[2], 1e-12);
        Assert.All(Scores(result, "Index"), v => Assert.True(double.IsFinite(v)));

        // The generic (unfused) path: no imputation, a treatment-free general normaliser route through dist2max.
        var d2m = Framework(NormalisationMethod.DistanceToMax, AggregationMethod.Arithmetic, Ind("a"));
        Assert.Equal([0, 0.5, 1], Scores(ScoringPlan.Compile(d2m).Score(Column(-1e308, 0, 1e308)).AsT0, "a"));
    }

    [Fact]
    public void ZScore_OfDataOnAHugeOrTinyScale_EqualsTheZScoreOfTheUnscaledData()
    {
        var f = Framework(NormalisationMethod.ZScore().AsT0, AggregationMethod.Arithmetic, Ind("a"));
        var plain = Scores(ScoringPlan.Compile(f).Score(Column(1, 2, 3, 7)).AsT0, "a");
        foreach (var scale in new[] { 1e200, 1e-200, 1e307 })
        {
            var scaled = Scores(ScoringPlan.Compile(f).Score(Column(1 * scale, 2 * scale, 3 * scale, 7 * scale)).AsT0, "a");
            for (var u = 0; u < plain.Length; u++)
            {
                Assert.Equal(plain[u], scaled[u], 1e-12);
            }
        }
    }

    [Fact]
    public void ZScore_WhoseParametersOverflow_IsACodedError()
    {
        var f = Framework(NormalisationMethod.ZScore(0, 1.7e308).AsT0, AggregationMethod.Arithmetic, Ind("a"));
        var errors = ScoringPlan.Compile(f).Score(Column(1, 2, 3, 70)).AsT1;
        Assert.Contains(errors, e => e.Code == ErrorCodes.NormalisationNotFinite);
    }

    [Fact]
    public void GeneralisedMean_WithAHugeExponent_IsTheMaximum_AndWithAHugeNegativeOneTheMinimum()
    {
        Indicator[] inds = [Ind("a"), Ind("b"), Ind("c")];
        var data = Dataset.CreateColumnMajor(["U0", "U1"], ["a", "b", "c"], [2, 5, 3, 9, 4, 1]).GetValueOrThrow();
        var max = Framework(NormalisationMethod.None, AggregationMethod.Generalised(1e308).AsT0, inds);
        Assert.Equal([4, 9], Scores(ScoringPlan.Compile(max).Score(data).AsT0, "Index"));
        var min = Framework(NormalisationMethod.None, AggregationMethod.Generalised(-1e308).AsT0, inds);
        Assert.Equal([2, 1], Scores(ScoringPlan.Compile(min).Score(data).AsT0, "Index"));
        var harmonic = Framework(NormalisationMethod.None, AggregationMethod.Harmonic, inds);
        var tiny = Dataset.CreateColumnMajor(["U0"], ["a", "b", "c"], [1e-320, 1e-320, 1e-320]).GetValueOrThrow();
        Assert.Equal([1e-320], Scores(ScoringPlan.Compile(harmonic).Score(tiny).AsT0, "Index"));
    }

    [Fact]
    public void GeneralisedMean_WithAPositiveExponent_AcceptsZeros()
    {
        // 11.5: 0^p = 0 for p > 0; p ≤ 0, the geometric and the harmonic mean still refuse zeros.
        Indicator[] inds = [Ind("a"), Ind("b")];
        var data = Dataset.CreateColumnMajor(["U0", "U1", "U2"], ["a", "b"], [0, 4, 10, 0, 0, 9]).GetValueOrThrow();
        var half = Framework(NormalisationMethod.None, AggregationMethod.Generalised(0.5).AsT0, inds);
        var s = Scores(ScoringPlan.Compile(half).Score(data).AsT0, "Index");
        Assert.Equal(0, s[0]);
        Assert.Equal(1, s[1], 1e-12);
        Assert.Equal(Math.Pow((Math.Sqrt(10) + 3) / 2, 2), s[2], 1e-12);

        // The validator no longer refuses genmean:0.5 over a [0, 100] min-max.
        var validated = RatingFramework.Create("x", LocalizedText.Of("x"), "1", GroupNode.Create("Index", LocalizedText.Of("Index"), NodeRole.Index, inds).GetValueOrThrow(), new ScoringMethods(NormalisationMethod.MinMaxDefault, AggregationMethod.Generalised(0.5).AsT0));
        Assert.True(validated.IsT0);

        foreach (var refused in new[] { AggregationMethod.Generalised(-1).AsT0, (AggregationMethod)AggregationMethod.Geometric, AggregationMethod.Harmonic })
        {
            var f = Framework(NormalisationMethod.None, refused, inds);
            Assert.Equal(ErrorCodes.AggregationNonPositiveValue, Assert.Single(ScoringPlan.Compile(f).Score(data).AsT1).Code);
        }

        var negative = Dataset.CreateColumnMajor(["U0"], ["a", "b"], [-1, 4]).GetValueOrThrow();
        Assert.Equal(ErrorCodes.AggregationNonPositiveValue, Assert.Single(ScoringPlan.Compile(half).Score(negative).AsT1).Code);
    }

    [Theory]
    [InlineData(double.NaN, ErrorCodes.DataDenominatorZero)]
    [InlineData(0.0, ErrorCodes.DataDenominatorZero)]
    [InlineData(-1000.0, ErrorCodes.DataDenominatorNegative)]
    [InlineData(1e-320, ErrorCodes.DataDenominatorOverflow)]
    public void Denominators_MissingNegativeOrTiny_AreCodedErrors(double denominator, string code)
    {
        var i = Indicator.Create("crimes", LocalizedText.Of("crimes"), denominator: "population", normalisation: NormalisationMethod.None).AsT0;
        var root = GroupNode.Create("R", LocalizedText.Of("R"), NodeRole.Index, [i]).GetValueOrThrow();
        var f = RatingFramework.Create("t", LocalizedText.Of("t"), "1", root, denominators: [DenominatorVariable.Create("population", LocalizedText.Of("Population")).AsT0]).AsT0;
        var data = Dataset.Create(["A", "B"], ["crimes", "population"], new double[,] { { 10, denominator }, { 30, 2000 } }).AsT0;
        var error = Assert.Single(ScoringPlan.Compile(f).Score(data).AsT1);
        Assert.Equal(code, error.Code);
        Assert.Equal("rows[0].population", error.Path);
    }

    [Fact]
    public void Treatment_SkewnessAndKurtosis_DoNotDependOnTheScale()
    {
        double[] x = [1, 2, 2, 3, 3, 3, 4, 40, 100];
        foreach (var scale in new[] { 1e200, 1e-200, 1e300 })
        {
            var y = x.Select(v => v * scale).ToArray();
            Assert.Equal(Treatment.Skewness(x), Treatment.Skewness(y), 1e-12);
            Assert.Equal(Treatment.Kurtosis(x), Treatment.Kurtosis(y), 1e-12);
        }
    }

    [Fact]
    public void Treatment_OfDataNearTheLimitsOfADouble_GivesFiniteValues()
    {
        var treatment = OutlierTreatment.Parse("default").AsT0;
        var f = Framework(NormalisationMethod.MinMaxDefault, AggregationMethod.Arithmetic, Indicator.Create("a", LocalizedText.Of("a"), treatment: treatment).GetValueOrThrow());
        var result = ScoringPlan.Compile(f).Score(Column(-1e308, -1e308, -1e308, 1, 2, 3, 4, 5, 6, 1e308, 1.7e308)).AsT0;
        Assert.All(Scores(result, "a"), v => Assert.True(double.IsFinite(v)));
    }
}
