using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;

namespace SmartCity.Domain.Tests.Catalogue;

public class BuiltInFrameworksTests
{
    [Fact]
    public void Rkci2019_HasThreeQualityOfLifePillarsAndThreeEnablers()
    {
        var f = BuiltInFrameworks.Rkci2019;
        var top = f.Root.Children.Cast<GroupNode>().ToList();
        Assert.Equal(["ECO", "SOC", "ENV"], top.Where(g => g.Role == NodeRole.Pillar).Select(g => g.Code));
        Assert.Equal(["GOV", "INF", "PEO"], top.Where(g => g.Role == NodeRole.Enabler).Select(g => g.Code));
        Assert.Equal(SizeClassSchemes.Rkci, f.SizeClasses);
        Assert.Equal(["ad-hoc", "initial", "scattered", "integrated", "smart"], f.MaturityLevels!.Classes.Select(c => c.Code));
        Assert.All(f.Indicators, i => Assert.Equal(Confidence.Illustrative, i.Provenance!.Confidence));
        Assert.Empty(f.GetWarnings());
    }

    [Fact]
    public void Menuju100Evaluation_WeighsTheFiveDimensions_10_20_30_30_10()
    {
        var f = BuiltInFrameworks.Menuju100Evaluation;
        Assert.Equal(["BASELINE", "OUTPUT", "OUTCOME", "IMPACT", "QUICKWIN"], f.Root.Children.Select(c => c.Code));
        Assert.Equal([10.0, 20, 30, 30, 10], f.Root.Children.Select(c => c.Weight));
        var w = f.GetEffectiveWeights().ToDictionary(x => x.Code, x => x.Weight);
        Assert.Equal(0.3, w["IMPACT"], 15);
        Assert.All(f.Root.Children.Cast<GroupNode>(), d => Assert.Equal(6, d.Children.Count));
        Assert.All(f.Groups.Where(g => g.Role == NodeRole.Pillar), p => Assert.Equal(3, p.Children.Count));
        Assert.Equal(15, f.Indicators.Count(i => i.Tags.Contains("pillar:brand")));
    }

    [Fact]
    public void Menuju100Readiness_IsTheLeadersVisionAndTheThreeElements()
    {
        var f = BuiltInFrameworks.Menuju100Readiness;
        Assert.Equal(["LEADERSHIP", "STRUCTURE", "INFRASTRUCTURE", "SUPERSTRUCTURE"], f.Root.Children.Select(c => c.Code));
        Assert.Equal([1, 3, 3, 4], f.Root.Children.Cast<GroupNode>().Select(g => g.Children.Count));
        Assert.Equal("Visi dan komitmen kepala daerah", f.Find("lead_vision")!.Name.Indonesian);
        Assert.Contains(f.Indicators, i => i.Name.Indonesian == "Suprastruktur" || i.Name.Indonesian == "Regulasi (Perda smart city)");
    }

    [Fact]
    public void Giffinger2007_UsesZScoresAndEqualWeightsOverSixCharacteristics()
    {
        var f = BuiltInFrameworks.Giffinger2007;
        Assert.Equal(6, f.Root.Children.Count);
        Assert.Equal(NormalisationMethod.ZScore(0, 1).AsT0, f.Methods.Normalisation);
        Assert.Equal(AggregationMethod.Arithmetic, f.Methods.Aggregation);
        Assert.All(f.Groups.SelectMany(g => g.Children), c => Assert.Equal(1, c.Weight));
    }

    [Fact]
    public void Find_IsCaseInsensitive_AndCodesAreUnique()
    {
        Assert.Same(BuiltInFrameworks.Rkci2019, BuiltInFrameworks.Find("RKCI-2019"));
        Assert.Null(BuiltInFrameworks.Find("iso-37120"));
        Assert.Equal(BuiltInFrameworks.All.Length, BuiltInFrameworks.All.Select(f => f.Code).Distinct().Count());
    }
}
