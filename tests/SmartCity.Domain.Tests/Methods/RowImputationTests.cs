using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Methods;

public class RowImputationTests
{
    // Small: G1 = i1, i2, i3; G2 = i4, i5 (lower is better).
    private static readonly Dataset Data = Dataset.Create(
        ["A", "B", "C", "D"],
        ["i1", "i2", "i3", "i4", "i5"],
        new double[,]
        {
            { double.NaN, 10, 300, 1, 40 },
            { 4, 20, 100, 2, double.NaN },
            { 8, 30, 200, 3, 20 },
            { 6, double.NaN, 400, 4, 10 },
        }).GetValueOrThrow();

    [Fact]
    public void RowMean_WithinTheLevel2Group_NormalisesImputesAndMapsBack()
    {
        var f = Samples.Small(new ScoringMethods(imputation: ImputationMethod.RowMean(groupLevel: 2).GetValueOrThrow()));
        var r = ScoringPlan.Compile(f).Score(Data).GetValueOrThrow();

        // A's i1 from A's i2 and i3 in [0, 1]: i2 (10 − 10)/(30 − 10) = 0, i3 (300 − 100)/(400 − 100) = 2/3;
        // mean 1/3, mapped back onto i1's range [4, 8]: 4 + 4/3.
        Assert.Equal(4 + (4.0 / 3), r.Imputed("i1")[0]!.Value, 12);

        // D's i2 from i1 (6 − 4)/4 = 0.5 and i3 (400 − 100)/300 = 1: 0.75 → 10 + 0.75·20 = 25.
        Assert.Equal(25, r.Imputed("i2")[3]!.Value, 12);

        // B's i5 (lower is better: y = −x over [−40, −10]) from B's i4 alone, (2 − 1)/3 = 1/3 → −(−40 + 30/3) = 30.
        Assert.Equal(30, r.Imputed("i5")[1]!.Value, 12);

        // Present values are never changed.
        Assert.Equal(20, r.Imputed("i2")[1]);
        Assert.Equal(40, r.Imputed("i5")[0]);
    }

    [Fact]
    public void RowMean_OverTheWholeFramework_AndTheRawAndMedianVariants()
    {
        var all = ScoringPlan.Compile(Samples.Small(new ScoringMethods(imputation: ImputationMethod.RowMean().GetValueOrThrow()))).Score(Data).GetValueOrThrow();

        // A: i2 0, i3 2/3, i4 0, i5 (−40 + 40)/30 = 0 → mean 1/6 → 4 + 4/6.
        Assert.Equal(4 + (4.0 / 6), all.Imputed("i1")[0]!.Value, 12);

        var raw = ScoringPlan.Compile(Samples.Small(new ScoringMethods(imputation: ImputationMethod.RowMean(2, normaliseFirst: false).GetValueOrThrow()))).Score(Data).GetValueOrThrow();
        Assert.Equal(155, raw.Imputed("i1")[0]!.Value, 12); // (10 + 300)/2, no scaling

        var median = ScoringPlan.Compile(Samples.Small(new ScoringMethods(imputation: ImputationMethod.RowMedian().GetValueOrThrow()))).Score(Data).GetValueOrThrow();
        Assert.Equal(4, median.Imputed("i1")[0]!.Value, 12); // the median of {0, 2/3, 0, 0} is 0, i1's minimum
    }

    [Fact]
    public void Specs_ParseAndPrint_AndSurviveFrameworkJson()
    {
        foreach (var spec in new[] { "rowmean", "rowmedian", "rowmean:2", "rowmedian:3:raw", "rowmean:raw" })
        {
            var m = ImputationMethod.Parse(spec).GetValueOrThrow();
            Assert.IsType<RowImputation>(m);
            Assert.Equal(spec, m.Spec);
            var f = Samples.Small(new ScoringMethods(imputation: m));
            Assert.Equal(m, FrameworkJson.Deserialize(FrameworkJson.Serialize(f)).GetValueOrThrow().Methods.Imputation);
        }

        Assert.Equal(ErrorCodes.MethodParameter, ImputationMethod.Parse("rowmean:1").AsT1[0].Code);
        Assert.Equal(ErrorCodes.ImputationSpec, ImputationMethod.Parse("rowmean:x").AsT1[0].Code);
        Assert.Equal(ErrorCodes.ImputationSpec, ImputationMethod.Parse("rowmean:raw:2").AsT1[0].Code);

        // A level above the index is refused when scoring.
        var high = Samples.Small(new ScoringMethods(imputation: ImputationMethod.RowMean(4).GetValueOrThrow()));
        Assert.Equal(ErrorCodes.ImputationSpec, ScoringPlan.Compile(high).Score(Data).AsT1[0].Code);
    }
}
