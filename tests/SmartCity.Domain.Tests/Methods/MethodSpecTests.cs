using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Methods;

public class MethodSpecTests
{
    public static TheoryData<string, string> NormalisationSpecs => new()
    {
        { "minmax", "minmax:0,100" },
        { "MinMax:1,100", "minmax:1,100" },
        { "zscore", "zscore:0,1" },
        { "zscore:10,2", "zscore:10,2" },
        { "rank", "rank" },
        { "borda", "borda" },
        { "prank", "prank" },
        { "dist2max", "dist2max" },
        { "fracmax", "fracmax" },
        { "dist2ref:U03", "dist2ref:U03" },
        { "dist2ref:U03:cap", "dist2ref:U03:cap" },
        { "dist2targ", "dist2targ" },
        { "dist2targ:cap", "dist2targ:cap" },
        { "goalposts", "goalposts" },
        { "scale", "scale:0,100" },
        { "none", "none" },
    };

    [Theory]
    [MemberData(nameof(NormalisationSpecs))]
    public void Normalisation_Parse_GivesTheCanonicalSpec_AndRoundTrips(string spec, string canonical)
    {
        var method = NormalisationMethod.Parse(spec).GetValueOrThrow();
        Assert.Equal(canonical, method.Spec);
        Assert.Equal(method, NormalisationMethod.Parse(method.Spec).GetValueOrThrow());
    }

    [Theory]
    [InlineData("minmax:5,1", ErrorCodes.NormalisationRange)]
    [InlineData("minmax:1", ErrorCodes.NormalisationSpec)]
    [InlineData("zscore:0,0", ErrorCodes.NormalisationStandardDeviation)]
    [InlineData("zscore:0,NaN", ErrorCodes.NormalisationSpec)]
    [InlineData("dist2ref", ErrorCodes.NormalisationSpec)]
    [InlineData("dist2ref:1bad", ErrorCodes.CodeInvalid)]
    [InlineData("dist2targ:maybe", ErrorCodes.NormalisationSpec)]
    [InlineData("softmax", ErrorCodes.NormalisationSpec)]
    [InlineData("", ErrorCodes.NormalisationSpec)]
    public void Normalisation_Parse_RejectsBadSpecs(string spec, string code) =>
        Assert.Equal(code, Assert.Single(NormalisationMethod.Parse(spec).AsT1).Code);

    [Theory]
    [InlineData("amean", "amean")]
    [InlineData("GMEAN", "gmean")]
    [InlineData("hmean", "hmean")]
    [InlineData("genmean:2", "genmean:2")]
    [InlineData("genmean:-1.5", "genmean:-1.5")]
    [InlineData("min", "min")]
    [InlineData("copeland", "copeland")]
    public void Aggregation_Parse_RoundTrips(string spec, string canonical)
    {
        var method = AggregationMethod.Parse(spec).GetValueOrThrow();
        Assert.Equal(canonical, method.Spec);
        Assert.Equal(method, AggregationMethod.Parse(method.Spec).GetValueOrThrow());
    }

    [Theory]
    [InlineData("genmean:0", ErrorCodes.AggregationExponent)]
    [InlineData("genmean", ErrorCodes.AggregationSpec)]
    [InlineData("median", ErrorCodes.AggregationSpec)]
    public void Aggregation_Parse_RejectsBadSpecs(string spec, string code) =>
        Assert.Equal(code, Assert.Single(AggregationMethod.Parse(spec).AsT1).Code);

    [Fact]
    public void GeneralisedMean_NeedsPositiveInputs_OnlyForNonPositiveP()
    {
        // Issue 11.5: for p > 0, 0^p = 0, so zeros are accepted (a fractional p still refuses negative values, from the data).
        Assert.False(AggregationMethod.Generalised(2).AsT0.RequiresPositiveInputs);
        Assert.True(AggregationMethod.Generalised(-1).AsT0.RequiresPositiveInputs);
        Assert.False(AggregationMethod.Generalised(0.5).AsT0.RequiresPositiveInputs);
    }

    [Theory]
    [InlineData("none", "none")]
    [InlineData("default", "default")]
    [InlineData("combine", "combine")]
    [InlineData("winsorise:3", "winsorise:3")]
    public void Treatment_Parse_RoundTrips(string spec, string canonical) =>
        Assert.Equal(canonical, OutlierTreatment.Parse(spec).GetValueOrThrow().Spec);

    [Theory]
    [InlineData("winsorise:0", ErrorCodes.MethodParameter)]
    [InlineData("winsorise:x", ErrorCodes.TreatmentSpec)]
    [InlineData("log", ErrorCodes.TreatmentSpec)]
    public void Treatment_Parse_RejectsBadSpecs(string spec, string code) =>
        Assert.Equal(code, Assert.Single(OutlierTreatment.Parse(spec).AsT1).Code);

    [Theory]
    [InlineData("none", "none")]
    [InlineData("mean", "mean")]
    [InlineData("median", "median")]
    [InlineData("groupmean:province", "groupmean:province")]
    [InlineData("groupmedian:size_class", "groupmedian:size_class")]
    public void Imputation_Parse_RoundTrips(string spec, string canonical) =>
        Assert.Equal(canonical, ImputationMethod.Parse(spec).GetValueOrThrow().Spec);

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void CoverageThreshold_OutsideUnitInterval_IsRejected(double t) =>
        Assert.Equal(ErrorCodes.CoverageThresholdRange, Assert.Single(MissingDataRule.WithCoverageThreshold(t).AsT1).Code);

    [Theory]
    [InlineData(null, 0, 4, false)]
    [InlineData(null, 1, 4, true)]
    [InlineData(0.5, 2, 4, true)]
    [InlineData(0.5, 1, 4, false)]
    [InlineData(0.0, 0, 4, false)]
    public void IsCovered_FollowsTheCoverageRule(double? threshold, int present, int total, bool expected)
    {
        var rule = threshold is { } t ? MissingDataRule.WithCoverageThreshold(t).AsT0 : MissingDataRule.SkipAndRenormalise;
        Assert.Equal(expected, rule.IsCovered(present, total));
    }
}
