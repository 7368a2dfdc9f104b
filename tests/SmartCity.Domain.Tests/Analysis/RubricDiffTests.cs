using SmartCity.Domain.Analysis;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Testing;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Tests.Properties;
using SmartCity.Domain.Tests.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Analysis;

public class RubricDiffTests
{
    private static RatingFramework Edition2(RatingFramework f, double impactWeight) =>
        f.WithRoot(RandomFrameworks.WithChildren(f.Root, f.Root.Children.Select(c => c.Code == "IMPACT" ? RandomFrameworks.Reweight(c, impactWeight) : c))).GetValueOrThrow();

    [Fact]
    public void Compare_FindsWeightChanges_AndOnlyThose()
    {
        var before = BuiltInFrameworks.Menuju100Evaluation;
        var after = Edition2(before, 20);
        var diff = RubricDiff.Compare(before, after);
        var change = Assert.Single(diff.Changes);
        Assert.Equal(new RubricChange(RubricChangeKind.WeightChanged, "IMPACT", "30", "20"), change);
        RubricAssert.OnlyTheseWeightsChanged(diff, "IMPACT");
        Assert.Throws<RubricAssertionException>(() => RubricAssert.OnlyTheseWeightsChanged(diff, "OUTCOME"));
    }

    [Fact]
    public void Compare_FindsAddedRemovedMovedAndMethodChanges()
    {
        var before = Samples.Small();
        var g1 = (GroupNode)before.Root.Children[0];
        var g2 = (GroupNode)before.Root.Children[1];
        var newG1 = RandomFrameworks.WithChildren(g1, [g1.Children[0], g1.Children[1], g2.Children[0]], AggregationMethod.Minimum);
        var newG2 = RandomFrameworks.WithChildren(g2, [g2.Children[1], Samples.Indicator("i9")]);
        var after = before.WithRoot(RandomFrameworks.WithChildren(before.Root, [newG1, newG2])).GetValueOrThrow().WithMethods(new ScoringMethods(NormalisationMethod.Rank)).GetValueOrThrow();
        var diff = RubricDiff.Compare(before, after);
        Assert.Contains(diff.Changes, c => c.Kind == RubricChangeKind.Removed && c.Node == "i3");
        Assert.Contains(diff.Changes, c => c.Kind == RubricChangeKind.Added && c.Node == "i9");
        Assert.Contains(diff.Changes, c => c == new RubricChange(RubricChangeKind.Moved, "i4", "G2", "G1"));
        Assert.Contains(diff.Changes, c => c.Kind == RubricChangeKind.MethodChanged && c.Node == "G1" && c.After.Contains("aggregate=min", StringComparison.Ordinal));
        Assert.Contains(diff.Changes, c => c.Kind == RubricChangeKind.DefaultsChanged);
    }

    [Fact]
    public void EffectOn_GivesTheRankMovesOfTheNewEdition()
    {
        var before = Samples.Small();
        var after = before.WithRoot(RandomFrameworks.WithChildren(before.Root, [before.Root.Children[0], RandomFrameworks.Reweight(before.Root.Children[1], 0.1)])).GetValueOrThrow();
        var data = RandomData.For(before, 12, units: 30, missing: 0);
        var effect = RubricDiff.Compare(before, after).EffectOn(data).GetValueOrThrow();
        Assert.True(effect.MaxRankMove() > 0);
        Assert.Throws<RubricAssertionException>(() => RubricAssert.NoRankMovesMoreThan(effect, 0));
        RubricAssert.NoRankMovesMoreThan(effect, (int)effect.MaxRankMove());
    }

    [Fact]
    public void StaysInTopN_PassesAndFailsWithAReadableMessage()
    {
        var f = Samples.Small();
        var result = ScoringPlan.Compile(f).Score(RandomData.For(f, 2, units: 10, missing: 0)).GetValueOrThrow();
        var best = result.Data!.Units.First(u => result.Rank("Index", u) == 1);
        var worst = result.Data.Units.OrderByDescending(u => result.Rank("Index", u)).First();
        RubricAssert.StaysInTopN(result, best, 1);
        var failure = Assert.Throws<RubricAssertionException>(() => RubricAssert.StaysInTopN(result, worst, 3));
        Assert.Contains($"Expected {worst} in the top 3 at Index", failure.Message, StringComparison.Ordinal);
    }
}
