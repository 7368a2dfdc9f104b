using FsCheck;
using FsCheck.Xunit;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Tests.Properties;
using SmartCity.Domain.Tests.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Analysis;

internal static class ArrayExtensions
{
    public static double[,] To2D(this double[][] rows)
    {
        var result = new double[rows.Length, rows[0].Length];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                result[r, c] = rows[r][c];
            }
        }

        return result;
    }
}

[Properties(Arbitrary = [typeof(DomainArbitraries)])]
public class WhatIfTests
{
    [Property(MaxTest = 100)]
    public void WeightScenario_IncrementalRescore_EqualsAFullRescoreOfTheEditedFramework(Draws draws, PositiveInt pick, PositiveInt weight)
    {
        var rng = draws.Open();
        var f = RandomFrameworks.Build(rng, positiveOnly: true, plain: true);
        var data = RandomData.For(f, rng);
        var candidates = f.Groups.SelectMany(g => g.Children).ToList();
        var node = candidates[pick.Get % candidates.Count].Code;
        var scenario = new Scenario([FrameworkEdit.SetWeight(node, weight.Get % 7)]);
        var applied = scenario.Apply(f, data);
        if (applied.IsT1)
        {
            Assert.Contains(applied.AsT1, e => e.Code == ErrorCodes.GroupWeightsAllZero);
            return;
        }

        var diff = WhatIf.Run(f, data, scenario).GetValueOrThrow();
        var full = ScoringPlan.Compile(applied.AsT0.Framework).Score(data).GetValueOrThrow();
        foreach (var change in diff.Changes)
        {
            var expected = full.Score(change.Node, change.Unit).OrNaN();
            Assert.True(double.IsNaN(expected) ? change.ScoreAfter is null : Math.Abs(expected - change.ScoreAfter!.Value) <= 1e-12 * Math.Max(1, Math.Abs(expected)));
            Assert.Equal(full.Rank(change.Node, change.Unit), change.RankAfter);
        }
    }

    [Fact]
    public void ValueScenario_MovesTheUnit_AndReportsTheBiggestMovers()
    {
        var f = Infrastructure.Samples.Small();
        var data = RandomData.For(f, 4, units: 12, missing: 0);
        var worst = data.Units.OrderBy(u => ScoringPlan.Compile(f).Score(data).AsT0.Score("Index", u)).First();
        var scenario = new Scenario([DataEdit.SetValue(worst, "i4", 1e6), DataEdit.SetValue(worst, "i5", -1e6)]);
        var diff = WhatIf.Run(f, data, scenario).GetValueOrThrow();
        var top = diff.BiggestMovers(count: 1)[0];
        Assert.Equal(worst, top.Unit);
        Assert.True(top.RankMove > 0 && top.Delta > 0);
        Assert.Equal(top.RankMove, diff.MaxRankMove());
        Assert.Equal(diff.After.Rank("Index", worst), top.RankAfter); // the results behind the diff are public
        Assert.Equal(diff.Before.Rank("Index", worst), top.RankBefore);
    }

    [Fact]
    public void UnknownNode_IsAnError_NotNothingMoved()
    {
        var f = Infrastructure.Samples.Small();
        var data = RandomData.For(f, 4, units: 12, missing: 0);
        var diff = WhatIf.Run(f, data, new Scenario([FrameworkEdit.SetWeight("G1", 5)])).GetValueOrThrow();
        Assert.Throws<KeyNotFoundException>(() => diff.MaxRankMove("TYPO"));
        Assert.Throws<KeyNotFoundException>(() => diff.BiggestMovers("TYPO"));
        Assert.Throws<KeyNotFoundException>(() => diff.MaxRankMove("i1")); // an indicator: ranks are kept for groups
        Assert.Equal(diff.MaxRankMove(), diff.MaxRankMove("Index"));
    }

    [Fact]
    public void StructuralEdits_SwapMethods_RemoveAndAddNodes()
    {
        var f = Infrastructure.Samples.Small();
        var data = RandomData.For(f, 4, units: 12, missing: 0);
        var scenario = new Scenario([
            FrameworkEdit.SetAggregation("G1", AggregationMethod.Minimum),
            FrameworkEdit.SetNormalisation("i4", NormalisationMethod.Rank),
            FrameworkEdit.Remove("i2"),
            FrameworkEdit.Add("G2", Infrastructure.Samples.Indicator("i1x")),
        ]);
        var withColumn = Dataset.Create(data.Units, [.. data.Columns, "i1x"], Enumerable.Range(0, data.UnitCount).Select(u => data.Columns.Select(c => data.Value(data.Units[u], c)).Append(u + 1.0).ToArray()).ToArray().To2D()).GetValueOrThrow();
        var (edited, _) = scenario.Apply(f, withColumn).GetValueOrThrow();
        Assert.Equal(AggregationMethod.Minimum, ((SmartCity.Domain.Frameworks.GroupNode)edited.Find("G1")!).Aggregation);
        Assert.Equal(NormalisationMethod.Rank, ((SmartCity.Domain.Frameworks.Indicator)edited.Find("i4")!).Normalisation);
        Assert.Null(edited.Find("i2"));
        Assert.Equal("G2", edited.ParentOf("i1x")!.Code);
        Assert.False(scenario.WeightsOnly);
        var diff = WhatIf.Run(f, withColumn, scenario).GetValueOrThrow();
        Assert.Equal(12 * 3, diff.Changes.Length);
        Assert.Contains(diff.Changes, c => c.Delta != 0);
        Assert.Equal(ErrorCodes.EditRoot, new Scenario([FrameworkEdit.Remove("Index")]).Apply(f, data).AsT1[0].Code);
    }

    [Fact]
    public void BadEdits_AreErrors()
    {
        var f = Infrastructure.Samples.Small();
        var data = RandomData.For(f, 4, units: 5);
        var errors = new Scenario([FrameworkEdit.SetWeight("nope", 1), FrameworkEdit.SetWeight("G1", -1), DataEdit.SetValue("X", "i1", 1), DataEdit.SetValue("U000", "zz", 1)]).Apply(f, data).AsT1;
        Assert.Equal(4, errors.Count);
        Assert.Equal([ErrorCodes.EditNodeUnknown, ErrorCodes.WeightNegative, ErrorCodes.ReferenceMissing, ErrorCodes.ReferenceMissing], errors.Select(e => e.Code));
        Assert.Equal(["edits[0].node", "edits[1].weight", "edits[2].unit", "edits[3].indicator"], errors.Select(e => e.Path));
    }
}
