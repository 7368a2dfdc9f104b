using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Tests.Properties;
using SmartCity.Domain.Tests.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Analysis;

public class TargetSeekingTests
{
    [Fact]
    public void EachReachedMove_ReachesTheRank_AndTheDoubleBeforeItDoesNot()
    {
        var f = Samples.Small();
        var data = RandomData.For(f, 11, units: 25, missing: 0);
        var plan = ScoringPlan.Compile(f);
        var nominal = plan.Score(data).GetValueOrThrow();
        var unit = nominal.Units.First(u => nominal.Rank("Index", u) == 12);
        var result = TargetSeeking.Run(f, data, new TargetSeekRequest(unit, SeekTarget.ForRank("Index", 5))).GetValueOrThrow();
        Assert.Equal(12, result.Current.Rank);
        Assert.Equal(5, result.Single.Length);
        Assert.Contains(result.Single, s => s.Status == SeekStatus.Reached);
        foreach (var s in result.Single.Where(s => s.Status == SeekStatus.Reached))
        {
            Assert.True(s.MonotonicityProven);
            var move = s.Move!;
            Assert.True(RankWith(plan, data, unit, move.Indicator, move.To) <= 5);
            Assert.Equal(RankWith(plan, data, unit, move.Indicator, move.To), s.Outcome!.Rank);
            var before = move.To > move.From ? Math.BitDecrement(move.To) : Math.BitIncrement(move.To);
            Assert.True(RankWith(plan, data, unit, move.Indicator, before) > 5, $"{move.Indicator}: {before} already reaches the target");
            Assert.True(RankWith(plan, data, unit, move.Indicator, move.From + (0.999 * move.Change)) > 5);
        }
    }

    [Fact]
    public void TheMinMaxRangeMoves_WhenTheUnitIsTheColumnMinimum()
    {
        // A and B agree on everything but i1, where A is the column's minimum: raising A's i1 raises the minimum too, so
        // B's normalised i1, (2 − x)/(10 − x), falls while A's stays 0, and they tie (rank 2 both) exactly at x = 2.
        var f = Samples.Small();
        var data = Dataset.Create(
            ["A", "B", "C"],
            ["i1", "i2", "i3", "i4", "i5"],
            new double[,] { { 1, 6, 6, 6, 5 }, { 2, 6, 6, 6, 5 }, { 10, 7, 7, 7, 5.5 } }).GetValueOrThrow();
        var plan = ScoringPlan.Compile(f);
        var result = TargetSeeking.Run(f, data, new TargetSeekRequest("A", SeekTarget.ForRank("Index", 2), [new IndicatorBound("i1", Limit: 100)], movable: ["i1"])).GetValueOrThrow();
        var move = result.Single.Single().Move!;
        Assert.Equal(SeekStatus.Reached, result.Single[0].Status);
        Assert.Equal(3, result.Current.Rank);
        Assert.Equal(2.0, move.To, 1e-12); // exactly where the sums of A and B first round to the same double
        Assert.True(RankWith(plan, data, "A", "i1", move.To) <= 2);
        Assert.True(RankWith(plan, data, "A", "i1", Math.BitDecrement(move.To)) > 2);
        Assert.Equal(move.To, NaiveBisection(plan, data, "A", "i1", 1, 100, r => r.Rank("Index", "A") <= 2));
    }

    [Fact]
    public void ScoreAndLevelTargets_AndBounds()
    {
        var f = Samples.Small();
        var data = RandomData.For(f, 3, units: 20, missing: 0);
        var plan = ScoringPlan.Compile(f);
        var nominal = plan.Score(data).GetValueOrThrow();
        var unit = WorstUnit(nominal);
        var goal = nominal.Score("Index", unit)!.Value + 5;
        var result = TargetSeeking.Run(f, data, new TargetSeekRequest(unit, SeekTarget.ForScore("Index", goal))).GetValueOrThrow();
        Assert.Equal(SeekStatus.Reached, result.Combination.Status);
        Assert.True(result.Combination.Outcome!.Score >= goal);
        Assert.True(result.Combination.Cost <= result.CheapestSingle!.Move!.Cost + 1e-12);
        Assert.Equal(result.Combination.Moves.Sum(m => m.Cost), result.Combination.Cost, 12);

        // A bound of 0.1 % on every indicator cannot lift the score by 5 points.
        var tight = f.Indicators.Select(i => new IndicatorBound(i.Code, MaxRelativeChange: 0.001));
        var capped = TargetSeeking.Run(f, data, new TargetSeekRequest(unit, SeekTarget.ForScore("Index", goal), tight)).GetValueOrThrow();
        Assert.All(capped.Single, s => Assert.Equal(SeekStatus.Unreachable, s.Status));
        Assert.Equal(SeekStatus.Unreachable, capped.Combination.Status);
        Assert.True(capped.Combination.Outcome!.Score < goal);

        // Already met: nothing to move.
        var met = TargetSeeking.Run(f, data, new TargetSeekRequest(unit, SeekTarget.ForScore("Index", goal - 10))).GetValueOrThrow();
        Assert.Equal(SeekStatus.AlreadyMet, met.Combination.Status);
        Assert.Empty(met.Combination.Moves);
    }

    [Fact]
    public void BadRequests_AreSeekSpecErrors()
    {
        var f = Samples.Small();
        var data = RandomData.For(f, 3, units: 10, missing: 0);
        static string[] Codes(ValidationErrors e) => [.. e.Errors.Select(x => x.Path)];
        Assert.Equal(["unit"], Codes(TargetSeeking.Run(f, data, new TargetSeekRequest("nobody", SeekTarget.ForRank("Index", 1))).AsT1));
        Assert.Equal(["target.rank"], Codes(TargetSeeking.Run(f, data, new TargetSeekRequest("U000", SeekTarget.ForRank("Index", 11))).AsT1));
        Assert.Equal(["target.node"], Codes(TargetSeeking.Run(f, data, new TargetSeekRequest("U000", SeekTarget.ForRank("i1", 1))).AsT1));
        Assert.Equal(["target.level"], Codes(TargetSeeking.Run(f, data, new TargetSeekRequest("U000", SeekTarget.ForLevel("Index", "smart"))).AsT1));
        var bad = TargetSeeking.Run(f, data, new TargetSeekRequest("U000", SeekTarget.ForScore("Index", 50), [new IndicatorBound("i9"), new IndicatorBound("i1", double.NaN)], ["G1"])).AsT1;
        Assert.Equal(["bounds[0].indicator", "bounds[1].limit", "movable[0]"], Codes(bad));
        Assert.All(bad.Errors, e => Assert.Equal(ErrorCodes.SeekSpec, e.Code));
    }

    [Fact]
    public void Result_RoundTripsThroughResultJson()
    {
        var f = Samples.Small();
        var data = RandomData.For(f, 5, units: 15, missing: 0.1);
        var nominal = ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        var result = TargetSeeking.Run(f, data, new TargetSeekRequest(WorstUnit(nominal), SeekTarget.ForRank("G2", 3))).GetValueOrThrow();
        var json = ResultJson.Serialize(result);
        Assert.Contains("\"kind\":\"rank\"", json, StringComparison.Ordinal);
        var back = ResultJson.Deserialize<TargetSeekResult>(json).GetValueOrThrow();
        Assert.Equal(result, back);
        Assert.Equal(json, ResultJson.Serialize(back));
    }

    [Property(MaxTest = 40)]
    public Property RandomFrameworks_ReportedMovesReachTheTarget_AndSmallerOnesDoNot() =>
        Prop.ForAll(AnalysisCases.Arbitrary(missingPercent: 10), c => MovesReachTheTargetAndSmallerOnesDoNot(c.Build(), c.Pick));

    private static void MovesReachTheTargetAndSmallerOnesDoNot((RatingFramework F, Dataset D) built, int pick)
    {
        var (f, data) = built;
        var plan = ScoringPlan.Compile(f);
        var nominal = plan.Score(data).GetValueOrThrow();
        var root = f.Root.Code;
        var unit = data.Units[pick % data.UnitCount];
        var rank = nominal.Rank(root, unit);
        if (rank is null or 1)
        {
            return;
        }

        var target = Math.Max(1, rank.Value / 2);
        var result = TargetSeeking.Run(f, data, new TargetSeekRequest(unit, SeekTarget.ForRank(root, target))).GetValueOrThrow();
        foreach (var s in result.Single)
        {
            if (s.Status == SeekStatus.Reached)
            {
                var m = s.Move!;
                Assert.True(RankWith(plan, data, unit, m.Indicator, m.To) <= target, $"{m} does not reach rank {target}");
                if (s.MonotonicityProven && m.Change != 0)
                {
                    Assert.True(RankWith(plan, data, unit, m.Indicator, m.From + (0.999 * m.Change)) > target, $"99.9 % of {m} already reaches rank {target}");
                }
            }
            else if (s.Status == SeekStatus.Unreachable)
            {
                Assert.True(RankWith(plan, data, unit, s.Move!.Indicator, s.Move.To) > target);
            }
        }

        if (result.Combination.Status == SeekStatus.Reached)
        {
            var edited = data;
            foreach (var m in result.Combination.Moves)
            {
                edited = edited.WithValue(unit, m.Indicator, m.To).GetValueOrThrow();
            }

            Assert.True(plan.Score(edited).GetValueOrThrow().Rank(root, unit) <= target);
            if (result.CheapestSingle is { } cheapest)
            {
                Assert.True(result.Combination.Cost <= cheapest.Move!.Cost + 1e-12);
            }
        }
        else
        {
            Assert.Equal(SeekStatus.Unreachable, result.Combination.Status);
            Assert.DoesNotContain(result.Single, s => s.Status == SeekStatus.Reached);
        }
    }

    internal static string WorstUnit(ScoreResult r) =>
        r.Units.Select((u, k) => (u, k)).Where(x => r.Ranks(r.Root)[x.k] is not null).OrderByDescending(x => r.Ranks(r.Root)[x.k]).First().u;

    internal static int? RankWith(ScoringPlan plan, Dataset data, string unit, string indicator, double value) =>
        plan.Score(data.WithValue(unit, indicator, value).GetValueOrThrow()).GetValueOrThrow().Rank(plan.Framework.Root.Code, unit);

    /// <summary>The naive baseline: bisection with a full re-score of an edited dataset per step.</summary>
    internal static double NaiveBisection(ScoringPlan plan, Dataset data, string unit, string indicator, double lo, double hi, Func<ScoreResult, bool> met)
    {
        while (true)
        {
            var mid = lo + ((hi - lo) / 2);
            if (mid == lo || mid == hi)
            {
                return hi;
            }

            if (met(plan.Score(data.WithValue(unit, indicator, mid).GetValueOrThrow()).GetValueOrThrow()))
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }
    }
}
