using SmartCity.Domain.Analysis;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Tests.Properties;
using SmartCity.Domain.Tests.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Analysis;

public class ElementRemovalTests
{
    [Fact]
    public void RemovingEachGroup_EqualsScoringWithItsWeightZero()
    {
        var f = Samples.Small();
        var data = RandomData.For(f, 6, units: 25, missing: 0);
        var effects = ElementRemoval.Run(f, data, 2).GetValueOrThrow();
        Assert.Equal(["G1", "G2"], effects.Select(e => e.Node));
        var nominal = ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        var withoutG1 = f.WithRoot(RandomFrameworks.WithChildren(f.Root, [RandomFrameworks.Reweight(f.Root.Children[0], 0), f.Root.Children[1]])).GetValueOrThrow();
        var scored = ScoringPlan.Compile(withoutG1).Score(data).GetValueOrThrow();
        for (var u = 0; u < data.UnitCount; u++)
        {
            // COINr's RankDiffs sign: nominal − without, positive = moved up when the node is removed.
            Assert.Equal(nominal.Ranks("Index")[u] - scored.Ranks("Index")[u], effects[0].RankMoves[u]);
        }

        Assert.Equal(effects[0].RankMoves.OfType<int>().Average(m => Math.Abs(m)), effects[0].MeanAbsoluteRankChange!.Value, 12);
    }

    [Fact]
    public void Indicators_CanBeRemoved_AndABadLevelIsAnError()
    {
        var f = Samples.Small();
        var data = RandomData.For(f, 6, units: 25, missing: 0);
        Assert.Equal(5, ElementRemoval.Run(f, data, 1).GetValueOrThrow().Length);
        Assert.Equal(ErrorCodes.AnalysisSpec, ElementRemoval.Run(f, data, 3).AsT1[0].Code);
    }
}
