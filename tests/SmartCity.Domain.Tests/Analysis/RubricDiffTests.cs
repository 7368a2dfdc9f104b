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
        Assert.Equal(new RubricChange(RubricChangeKind.WeightChanged, "IMPACT", "weight", "30", "20"), change);
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
        Assert.Contains(diff.Changes, c => c == new RubricChange(RubricChangeKind.Moved, "i4", "node", "G2", "G1"));
        Assert.Contains(diff.Changes, c => c.Kind == RubricChangeKind.MethodChanged && c.Node == "G1" && c.Property == "aggregation" && c.After == AggregationMethod.Minimum.Spec);
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

    [Fact]
    public void Compare_ReportsADirectionFlipAsOneLine()
    {
        var before = Samples.Small();
        var after = before.Edit(FrameworkEdit.SetDirection("i5", Direction.HigherIsBetter)).GetValueOrThrow();
        var change = Assert.Single(RubricDiff.Compare(before, after).Changes);
        Assert.Equal("direction of i5 flipped: lower is better → higher is better", change.ToString());
    }

    [Fact]
    public void Compare_ReportsNamesUnitsTiersProvenanceAndMetadata_AndOnlyTheseWeightsChangedFailsOnThem()
    {
        var before = BuiltInFrameworks.Rkci2019;
        var i = before.Indicators[0];
        var renamed = before.Edit(FrameworkEdit.Rename(i.Code, LocalizedText.Of("Other", i.Name.Indonesian)), FrameworkEdit.SetWeight(before.Root.Children[0].Code, 7)).GetValueOrThrow();
        var diff = RubricDiff.Compare(before, renamed);
        Assert.Contains(diff.Changes, c => c.Kind == RubricChangeKind.Renamed && c.ToString() == $"name (English) of {i.Code}: {i.Name.English} → Other");
        var failure = Assert.Throws<RubricAssertionException>(() => RubricAssert.OnlyTheseWeightsChanged(diff, before.Root.Children[0].Code));
        Assert.Contains("1 other change", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"name (English) of {i.Code}", failure.Message, StringComparison.Ordinal);

        var unit = Indicator.Create(i.Code, i.Name, i.Scale, i.Direction, i.Weight, "km", i.Goalposts, i.Target, IndicatorTier.Supporting, i.Denominator, i.Normalisation, i.Imputation, i.Treatment, i.Description, i.Tags, new Provenance(Confidence.Illustrative, "elsewhere")).GetValueOrThrow();
        var parent = before.ParentOf(i.Code)!.Code;
        var changed = before.Edit(FrameworkEdit.Remove(i.Code), FrameworkEdit.Add(parent, unit, 0)).GetValueOrThrow();
        var lines = RubricDiff.Compare(before, changed).Changes.Select(c => c.Property).ToList();
        Assert.Contains("unit", lines);
        Assert.Contains("tier", lines);
        Assert.Contains("provenance", lines);

        var other = RatingFramework.Create(before.Code, before.Name, "2020", before.Root, before.Methods, "Another description", before.Source, before.Denominators, null, before.MaturityLevels).GetValueOrThrow();
        var meta = RubricDiff.Compare(before, other).Changes.Select(c => c.ToString()).ToList();
        Assert.Contains("framework edition: 2019 → 2020", meta);
        Assert.Contains(meta, l => l.StartsWith("framework description:", StringComparison.Ordinal));
        Assert.Contains(meta, l => l.StartsWith("framework size classes:", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownUnitOrNode_FailsAsARubricAssertion()
    {
        var f = Samples.Small();
        var result = ScoringPlan.Compile(f).Score(RandomData.For(f, 2, units: 10, missing: 0)).GetValueOrThrow();
        Assert.Contains("Unknown unit 'NOPE'", Assert.Throws<RubricAssertionException>(() => RubricAssert.StaysInTopN(result, "NOPE", 3)).Message, StringComparison.Ordinal);
        Assert.Contains("Unknown node 'NOPE'", Assert.Throws<RubricAssertionException>(() => RubricAssert.StaysInTopN(result, result.Data!.Units[0], 3, "NOPE")).Message, StringComparison.Ordinal);
        Assert.Contains("is an indicator", Assert.Throws<RubricAssertionException>(() => RubricAssert.StaysInTopN(result, result.Data!.Units[0], 3, "i1")).Message, StringComparison.Ordinal);
        var diff = WhatIf.Run(f, result.Data!, new Scenario([FrameworkEdit.SetWeight("G1", 5)])).GetValueOrThrow();
        Assert.Throws<RubricAssertionException>(() => RubricAssert.NoRankMovesMoreThan(diff, 1, "NOPE"));
        Assert.Throws<RubricAssertionException>(() => RubricAssert.StaysInTopNAfter(diff, "NOPE", 1));
        Assert.Contains("Unknown node 'NOPE'", Assert.Throws<RubricAssertionException>(() => RubricAssert.OnlyTheseWeightsChanged(RubricDiff.Compare(f, f), "NOPE")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRankMovesMoreThan_SaysHowManyUnitsByHowMuch_AndWhy()
    {
        var f = Samples.Small();
        var data = RandomData.For(f, 12, units: 30, missing: 0);
        var diff = WhatIf.Run(f, data, new Scenario([FrameworkEdit.SetWeight("G1", 20)])).GetValueOrThrow();
        var moved = diff.Changes.Count(c => c.Node == "Index" && c.RankMove is { } m && m != 0);
        Assert.True(moved > 0);
        var message = Assert.Throws<RubricAssertionException>(() => RubricAssert.NoRankMovesMoreThan(diff, 0)).Message;
        Assert.Contains($"but {moved} of 30 units did", message, StringComparison.Ordinal);
        var top = diff.BiggestMovers("Index", 1)[0];
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{top.Unit}: rank {top.RankBefore} → {top.RankAfter}, score "), message, StringComparison.Ordinal);
        Assert.Contains("contribution changes by part: G", message, StringComparison.Ordinal);
        Assert.Contains("indicators that changed most: i", message, StringComparison.Ordinal);
        Assert.Contains("Caused by: SetWeight(G1, 20)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void StaysInTopNAfter_GivesRankAndScoreBeforeAndAfter()
    {
        var f = Samples.Small();
        var data = RandomData.For(f, 12, units: 30, missing: 0);
        var diff = WhatIf.Run(f, data, new Scenario([FrameworkEdit.SetWeight("G1", 20)])).GetValueOrThrow();
        var fallen = diff.Changes.Where(c => c.Node == "Index").OrderBy(c => c.RankMove).First();
        Assert.True(fallen.RankMove < 0);
        var n = fallen.RankAfter!.Value - 1;
        var message = Assert.Throws<RubricAssertionException>(() => RubricAssert.StaysInTopNAfter(diff, fallen.Unit, n)).Message;
        Assert.Contains($"Expected {fallen.Unit} in the top {n} at Index after the change", message, StringComparison.Ordinal);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"rank {fallen.RankBefore} → {fallen.RankAfter}"), message, StringComparison.Ordinal);
        RubricAssert.StaysInTopNAfter(diff, fallen.Unit, (int)fallen.RankAfter);
    }

    [Fact]
    public void Failures_NameUnitsByNameAndCode()
    {
        var f = Samples.Small();
        var columns = f.Indicators.Select(i => i.Code).ToArray();
        var units = new[] { "K01", "K02", "K03" };
        var values = new double[,] { { 1, 2, 3, 4, 5 }, { 5, 4, 2, 2, 1 }, { 3, 3, 1, 3, 3 } };
        var names = new Dictionary<string, IReadOnlyList<string?>> { ["uName"] = ["Bandung", "Surabaya", null] };
        var data = Dataset.Create(units, columns, values, names).GetValueOrThrow();
        var result = ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        var worst = units.OrderByDescending(u => result.Rank("Index", u)).First();
        var message = Assert.Throws<RubricAssertionException>(() => RubricAssert.StaysInTopN(result, worst, 1)).Message;
        var expectedName = worst switch { "K01" => "Bandung (K01)", "K02" => "Surabaya (K02)", _ => "K03" };
        Assert.StartsWith($"Expected {expectedName} in the top 1 at Index, but it ranks ", message, StringComparison.Ordinal);
        Assert.Contains(" of 3 (score ", message, StringComparison.Ordinal);
    }
}
