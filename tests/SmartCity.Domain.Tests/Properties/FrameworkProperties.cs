using FsCheck;
using FsCheck.Xunit;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Properties;

[Properties(Arbitrary = [typeof(DomainArbitraries)])]
public class FrameworkProperties
{
    [Property(MaxTest = 200)]
    public void Json_RoundTrip_GivesAnEqualFramework(RatingFramework framework)
    {
        var json = FrameworkJson.Serialize(framework);
        var back = FrameworkJson.Deserialize(json).GetValueOrThrow();
        Assert.Equal(framework, back);
        Assert.Equal(framework.GetHashCode(), back.GetHashCode());
        Assert.Equal(json, FrameworkJson.Serialize(back));
    }

    [Property(MaxTest = 100)]
    public void Json_IndentedRoundTrip_GivesAnEqualFramework(RatingFramework framework) =>
        Assert.Equal(framework, FrameworkJson.Deserialize(FrameworkJson.Serialize(framework, indented: true)).GetValueOrThrow());

    [Property(MaxTest = 300)]
    public void InvalidEdit_IsReportedWithItsCodeAndPath(InvalidEdit edit)
    {
        var rng = edit.Draws.Open();
        var framework = RandomFrameworks.Build(rng);
        var root = edit.Apply(framework.Root, rng);
        var result = RatingFramework.Create(framework.Code, framework.Name, framework.Edition, root, framework.Methods);
        Assert.True(result.IsT1, $"{edit} was accepted");
        var errors = result.AsT1;
        Assert.Contains(errors, e => e.Code == edit.ExpectedCode && e.IsError && e.Path.StartsWith("root", StringComparison.Ordinal) && e.Path.EndsWith(edit.PathSuffix, StringComparison.Ordinal));
    }

    [Property(MaxTest = 300)]
    public void InvalidEdit_IsReportedByTheJsonReaderToo(InvalidEdit edit)
    {
        if (edit.ExpectedCode == ErrorCodes.WeightNotFinite)
        {
            return; // JSON has no NaN or infinity; the reader's json.wrong-type test covers those.
        }

        var rng = edit.Draws.Open();
        var framework = RandomFrameworks.Build(rng);
        var root = edit.Apply(framework.Root, rng);
        var broken = RatingFramework.CreateUnchecked(framework.Code, framework.Name, framework.Edition, root, framework.Methods, null, null, default, null, null);
        var json = FrameworkJson.Serialize(broken);
        var result = FrameworkJson.Deserialize(json);
        Assert.True(result.IsT1);
        Assert.Contains(result.AsT1, e => e.Code == edit.ExpectedCode);
    }

    [Property]
    public void EffectiveWeights_OfIndicators_SumToOne(RatingFramework framework)
    {
        var weights = framework.GetEffectiveWeights().ToDictionary(w => w.Code, w => w.Weight);
        var sum = framework.Indicators.Sum(i => weights[i.Code]);
        Assert.Equal(1.0, sum, 1e-12);
        Assert.Equal(1.0, weights[framework.Root.Code]);
        Assert.All(weights.Values, w => Assert.InRange(w, 0, 1 + 1e-12));
    }

    [Property]
    public void EffectiveWeights_AreInvariantToScalingSiblingWeights(RatingFramework framework, PositiveInt factor)
    {
        var scaled = Scale(framework.Root, factor.Get * 0.37);
        var other = framework.WithRoot(scaled).GetValueOrThrow();
        var a = framework.GetEffectiveWeights();
        var b = other.GetEffectiveWeights();
        Assert.Equal(a.Length, b.Length);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i].Code, b[i].Code);
            Assert.Equal(a[i].Weight, b[i].Weight, 1e-12);
        }

        static GroupNode Scale(GroupNode g, double c) =>
            RandomFrameworks.WithChildren(g, g.Children.Select(child => RandomFrameworks.Reweight(child is GroupNode cg ? Scale(cg, c) : child, child.Weight * c)));
    }

    [Property]
    public void Equality_HoldsForACopyAndFailsForAnEdit(RatingFramework framework)
    {
        var copy = FrameworkJson.Deserialize(FrameworkJson.Serialize(framework)).GetValueOrThrow();
        var first = framework.Root.Children[0];
        var edited = framework.WithRoot(RandomFrameworks.WithChildren(framework.Root, [RandomFrameworks.Reweight(first, first.Weight + 1), .. framework.Root.Children.Skip(1)])).GetValueOrThrow();
        Infrastructure.EqualityAssert.Holds(framework, copy, edited);
        Assert.True(framework == copy);
        Assert.True(framework != edited);
    }

    [Property]
    public void Validation_Factory_IsTotal_AndNeverThrows(Draws draws)
    {
        // Whatever the edit, Create answers with a value or errors: it never throws for data.
        var rng = draws.Open();
        var framework = RandomFrameworks.Build(rng);
        foreach (var edit in InvalidEdit.All)
        {
            var root = edit.Apply(framework.Root, rng);
            var result = RatingFramework.Create(framework.Code, framework.Name, framework.Edition, root, framework.Methods);
            Assert.True(result.IsT1);
            Assert.All(result.AsT1, e => Assert.False(string.IsNullOrEmpty(e.Code)));
        }
    }
}
