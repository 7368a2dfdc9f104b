using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Frameworks;

public class RatingFrameworkTests
{
    [Fact]
    public void Create_Small_ExposesTreeLookups()
    {
        var f = Samples.Small();
        Assert.Equal(["i1", "i2", "i3", "i4", "i5"], f.Indicators.Select(i => i.Code));
        Assert.Equal(["Index", "G1", "G2"], f.Groups.Select(g => g.Code));
        Assert.Equal("G2", f.ParentOf("i5")!.Code);
        Assert.Null(f.ParentOf("Index"));
        Assert.Equal(1, f.LevelOf("i1"));
        Assert.Equal(2, f.LevelOf("G1"));
        Assert.Equal(3, f.LevelOf("Index"));
        Assert.Equal(3, f.LevelCount);
        Assert.Null(f.Find("nope"));
        Assert.IsType<Indicator>(f.Find("i3"));
    }

    [Fact]
    public void GetEffectiveWeights_MultipliesNormalisedWeightsUpTheTree()
    {
        var w = Samples.Small().GetEffectiveWeights().ToDictionary(x => x.Code, x => x.Weight);
        Assert.Equal(0.25, w["G1"], 15);
        Assert.Equal(0.75, w["G2"], 15);
        Assert.Equal(0.25 / 6, w["i1"], 15);
        Assert.Equal(0.25 * 3 / 6, w["i3"], 15);
        Assert.Equal(0.375, w["i5"], 15);
    }

    [Fact]
    public void MethodsOf_UseOverridesElseDefaults()
    {
        var f = Samples.Small(new ScoringMethods(NormalisationMethod.Rank));
        var i1 = (Indicator)f.Find("i1")!;
        Assert.Equal(NormalisationMethod.Rank, f.NormalisationOf(i1));
        Assert.Equal(AggregationMethod.Arithmetic, f.AggregationOf(f.Root));
        Assert.Equal(MissingDataRule.SkipAndRenormalise, f.MissingDataOf(f.Root));
    }

    [Fact]
    public void Create_WithGeometricMeanOverMinMaxZero_IsRejected_ButMinMaxOneIsAccepted()
    {
        var bad = Samples.Small().WithMethods(new ScoringMethods(aggregation: AggregationMethod.Geometric));
        Assert.True(bad.IsT1);
        Assert.Contains(bad.AsT1, e => e.Code == ErrorCodes.AggregationRequiresPositive && e.Path == "root.aggregation" || e.Path == "root.children[0].aggregation");
        var good = Samples.Small().WithMethods(new ScoringMethods(NormalisationMethod.MinMax(1, 100).AsT0, AggregationMethod.Geometric));
        Assert.True(good.IsT0);
    }

    [Fact]
    public void Create_HarmonicOverCopelandGroup_IsRejected()
    {
        var copeland = GroupNode.Create("C", Samples.Name("C"), NodeRole.Pillar, [Samples.Indicator("x1"), Samples.Indicator("x2")], aggregation: AggregationMethod.Copeland).AsT0;
        var root = GroupNode.Create("R", Samples.Name("R"), NodeRole.Index, [copeland, Samples.Indicator("x3")], aggregation: AggregationMethod.Harmonic).AsT0;
        var result = RatingFramework.Create("f", Samples.Name("f"), "1", root, new ScoringMethods(NormalisationMethod.MinMax(1, 100).AsT0));
        Assert.True(result.IsT1);
        Assert.Equal(ErrorCodes.AggregationRequiresPositive, Assert.Single(result.AsT1.Errors).Code);
    }

    [Fact]
    public void Create_GeometricOverRawLikert_IsAccepted_BecauseTheScaleIsPositive()
    {
        var likert = Indicator.Create("l", Samples.Name("l"), IndicatorScale.Likert(1, 5).AsT0, normalisation: NormalisationMethod.None).AsT0;
        var root = GroupNode.Create("R", Samples.Name("R"), NodeRole.Index, [likert], aggregation: AggregationMethod.Geometric).AsT0;
        Assert.True(RatingFramework.Create("f", Samples.Name("f"), "1", root).IsT0);
    }

    [Fact]
    public void Create_GeometricOverRawRatio_WarnsButAccepts()
    {
        var raw = Indicator.Create("r", Samples.Name("r"), normalisation: NormalisationMethod.None).AsT0;
        var root = GroupNode.Create("R", Samples.Name("R"), NodeRole.Index, [raw], aggregation: AggregationMethod.Geometric).AsT0;
        var f = RatingFramework.Create("f", Samples.Name("f"), "1", root).AsT0;
        var warning = Assert.Single(f.GetWarnings());
        Assert.Equal(ErrorCodes.AggregationPositivityDependsOnData, warning.Code);
        Assert.Equal(ValidationSeverity.Warning, warning.Severity);
    }

    [Fact]
    public void GetWarnings_ReportsRootWeightAndRedundantOverrides()
    {
        var i = Indicator.Create("i", Samples.Name("i"), normalisation: NormalisationMethod.MinMaxDefault).AsT0;
        var root = GroupNode.Create("R", Samples.Name("R"), NodeRole.Index, [i], weight: 2).AsT0;
        var f = RatingFramework.Create("f", Samples.Name("f"), "1", root).AsT0;
        Assert.Equal([ErrorCodes.NodeWeightIgnored, ErrorCodes.MethodOverrideRedundant], f.GetWarnings().Select(w => w.Code));
    }

    [Fact]
    public void Create_CollectsEveryProblem_NotJustTheFirst()
    {
        var root = RandomFrameworks_WithTwoBadChildren();
        var result = RatingFramework.Create("bad code", LocalizedText.Unchecked(null, null), " ", root);
        var codes = result.AsT1.Select(e => e.Code).ToHashSet();
        Assert.Contains(ErrorCodes.CodeInvalid, codes);
        Assert.Contains(ErrorCodes.NameEmpty, codes);
        Assert.Contains(ErrorCodes.TextEmpty, codes);
        Assert.Contains(ErrorCodes.WeightNegative, codes);
        Assert.Contains(ErrorCodes.WeightNotFinite, codes);
    }

    private static GroupNode RandomFrameworks_WithTwoBadChildren() =>
        Properties.RandomFrameworks.WithChildren(
            Samples.Group("R", Samples.Indicator("a")),
            [Properties.RandomFrameworks.Reweight(Samples.Indicator("a"), -2), Properties.RandomFrameworks.Reweight(Samples.Indicator("b"), double.NaN)]);

    [Fact]
    public void Equality_OfNodesIsByValueIncludingChildren()
    {
        EqualityAssert.Holds(
            Samples.Group("G", Samples.Indicator("a"), Samples.Indicator("b")),
            Samples.Group("G", Samples.Indicator("a"), Samples.Indicator("b")),
            Samples.Group("G", Samples.Indicator("a")),
            Samples.Group("G", Samples.Indicator("a"), Samples.Indicator("b", 2)),
            Samples.Group("H", Samples.Indicator("a"), Samples.Indicator("b")));
    }

    [Fact]
    public void ToString_IsShortAndDiagnostic()
    {
        Assert.Equal("RatingFramework(small 1, groups=3, indicators=5, levels=3)", Samples.Small().ToString());
        Assert.Equal("Group(G1, pillar, children=3, weight=1)", Samples.Small().Groups[1].ToString());
        Assert.StartsWith("Indicator(i5, weight=1, lower-is-better", Samples.Small().Indicators[4].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "kecil")]
    [InlineData(199_999, "kecil")]
    [InlineData(200_000, "sedang")]
    [InlineData(1_000_000, "sedang")]
    [InlineData(1_000_001, "besar")]
    public void RkciSizeClasses_FollowTheDocumentedBoundaryRule(double population, string expected) =>
        Assert.Equal(expected, SizeClassSchemes.Rkci.Classify(population)!.Code);

    [Theory]
    [InlineData(100_000, "kecil")]
    [InlineData(100_001, "sedang")]
    [InlineData(500_000, "sedang")]
    [InlineData(1_000_000, "besar")]
    [InlineData(1_000_001, "metropolitan")]
    public void SpatialPlanningClasses_PutBoundariesInTheLowerClass(double population, string expected) =>
        Assert.Equal(expected, SizeClassSchemes.SpatialPlanning.Classify(population)!.Code);

    [Fact]
    public void Classify_NaN_GivesNull() => Assert.Null(SizeClassSchemes.Rkci.Classify(double.NaN));

    [Fact]
    public void ClassificationScheme_Create_RejectsBadBoundaries()
    {
        var classes = new[] { SchemeClass.Create("a", Samples.Name("a")).AsT0, SchemeClass.Create("b", Samples.Name("b")).AsT0, SchemeClass.Create("c", Samples.Name("c")).AsT0 };
        var unordered = ClassificationScheme.Create("s", Samples.Name("s"), classes, [new(5, BoundaryMembership.Below), new(3, BoundaryMembership.Below)]);
        Assert.Equal(ErrorCodes.BoundariesInvalid, Assert.Single(unordered.AsT1).Code);
        var tooFew = ClassificationScheme.Create("s", Samples.Name("s"), classes, [new(5, BoundaryMembership.Below)]);
        Assert.Equal("boundaries", Assert.Single(tooFew.AsT1).Path);
        var nan = ClassificationScheme.Create("s", Samples.Name("s"), classes, [new(1, BoundaryMembership.Below), new(double.NaN, BoundaryMembership.Below)]);
        Assert.Equal(ErrorCodes.NumberNotFinite, Assert.Single(nan.AsT1).Code);
    }
}
