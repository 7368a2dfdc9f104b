using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Scoring;

public class ScoringEngineTests
{
    [Fact]
    public void Contributions_OfALargeTable_ComputedInParallel_AreEachUnitsOwn()
    {
        // 1,000 units × 1,100 indicators: above the size from which units are split over the cores.
        const int units = 1000, count = 1100;
        var indicators = Enumerable.Range(0, count).Select(i => (FrameworkNode)Indicator.Create("x" + i, Samples.Name("x" + i), normalisation: NormalisationMethod.None).AsT0).ToArray();
        var group = GroupNode.Create("G", Samples.Name("G"), NodeRole.Pillar, indicators).AsT0;
        var f = RatingFramework.Create("t", Samples.Name("t"), "1", GroupNode.Create("Index", Samples.Name("Index"), NodeRole.Index, [group]).AsT0).AsT0;
        var values = new double[units * count];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = ((long)k * 7919 % 1000) / 10.0;
        }

        var data = Dataset.CreateColumnMajor([.. Enumerable.Range(0, units).Select(u => $"U{u}")], [.. Enumerable.Range(0, count).Select(i => "x" + i)], values).GetValueOrThrow();
        var table = ScoringPlan.Compile(f).Score(data).GetValueOrThrow().GetContributions("Index");
        for (var u = 0; u < units; u++)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(1.0 * (1.0 / count) * values[(i * units) + u], table[u, i]);
            }
        }
    }

    [Fact]
    public void Contributions_OfABlockOfUnits_AreThoseRowsOfTheWholeTable()
    {
        var result = One(AggregationMethod.Arithmetic, [3.0, null, 5.0], NormalisationMethod.MinMaxDefault);
        var whole = result.GetContributions("Index");
        for (var first = 0; first <= result.UnitCount; first++)
        {
            for (var count = 0; first + count <= result.UnitCount; count++)
            {
                var block = result.GetContributions("Index", first, count);
                Assert.Equal(whole.Indicators.AsEnumerable(), block.Indicators.AsEnumerable());
                Assert.Equal(result.Units.Skip(first).Take(count), block.Units.AsEnumerable());
                for (var u = 0; u < count; u++)
                {
                    Assert.Equal(whole.Row(first + u), block.Row(u));
                    Assert.Equal(whole.Totals[first + u], block.Totals[u]);
                }
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => result.GetContributions("Index", 2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => result.GetContributions("Index", -1, 1));
    }

    [Fact]
    public void WrapColumnMajor_KeepsTheArray_AndValidatesAsCreateColumnMajor()
    {
        double[] values = [1, 2, double.NaN, 4, 5, 6];
        var wrapped = Dataset.WrapColumnMajor(["U0", "U1"], ["a", "b", "c"], System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(values)).GetValueOrThrow();
        var copied = Dataset.CreateColumnMajor(["U0", "U1"], ["a", "b", "c"], values).GetValueOrThrow();
        Assert.Equal(copied, wrapped);
        Assert.Same(values, wrapped.Values);
        Assert.NotSame(values, copied.Values);

        var bad = Dataset.WrapColumnMajor(["U0", "U0"], ["a"], [double.PositiveInfinity, 1]);
        Assert.Equal(
            Dataset.CreateColumnMajor(["U0", "U0"], ["a"], [double.PositiveInfinity, 1]).AsT1.Select(e => e.Code),
            bad.AsT1.Select(e => e.Code));
    }

    [Fact]
    public void Imputed_OfAnIndicatorNeitherImputedNorDivided_IsTheDatasetColumn_AndEqualToACopy()
    {
        var result = One(AggregationMethod.Arithmetic, [3.0, null, 5.0]);
        Assert.Equal([3.0, 1.0, 9.0], result.Imputed("x0").Select(v => v!.Value));
        Assert.Null(result.Imputed("x1")[0]);
        Assert.Equal(result, One(AggregationMethod.Arithmetic, [3.0, null, 5.0]));
        Assert.NotEqual(result, One(AggregationMethod.Arithmetic, [3.0, null, 6.0]));
    }

    /// <summary>Index over one group of three indicators with the given values for unit U1 (U2, U3 give the column a range).</summary>
    private static ScoreResult One(AggregationMethod method, double?[] values, NormalisationMethod? normalisation = null, MissingDataRule? missing = null, double[]? weights = null)
    {
        weights ??= [1, 1, 1];
        var indicators = values.Select((_, i) => (FrameworkNode)Indicator.Create("x" + i, Samples.Name("x" + i), weight: weights[i], normalisation: normalisation ?? NormalisationMethod.None).AsT0).ToArray();
        var group = GroupNode.Create("G", Samples.Name("G"), NodeRole.Pillar, indicators, aggregation: method, missingData: missing).AsT0;
        var root = GroupNode.Create("Index", Samples.Name("Index"), NodeRole.Index, [group]).AsT0;
        var f = RatingFramework.Create("t", Samples.Name("t"), "1", root).AsT0;
        var data = new double[3, values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            data[0, i] = values[i] ?? double.NaN;
            data[1, i] = 1;
            data[2, i] = 9;
        }

        var dataset = Dataset.Create(["U1", "U2", "U3"], [.. values.Select((_, i) => "x" + i)], data).GetValueOrThrow();
        return ScoringPlan.Compile(f).Score(dataset).GetValueOrThrow();
    }

    [Theory]
    [InlineData("amean", 1.0, 3.0, 2.0)]
    [InlineData("gmean", 1.0, 4.0, 2.0)]
    [InlineData("hmean", 1.0, 4.0, 1.6)]
    [InlineData("genmean:2", 1.0, 4.0, 2.9154759474226504)]
    public void MissingChild_IsSkipped_ByEveryMean(string spec, double a, double c, double expected)
    {
        // COINr: a_amean(c(1,NA,3)) = 2, a_gmean(c(1,NA,4)) = 2, a_hmean(c(1,NA,4)) = 1.6, but a_genmean gives NA (a defect).
        var result = One(AggregationMethod.Parse(spec).AsT0, [a, null, c]);
        Assert.Equal(expected, result.Score("G", "U1")!.Value, 12);
    }

    [Fact]
    public void CoverageThreshold_MakesTheAggregateMissing()
    {
        var rule = MissingDataRule.WithCoverageThreshold(0.75).AsT0;
        var result = One(AggregationMethod.Arithmetic, [1, null, 3], missing: rule);
        Assert.Null(result.Score("G", "U1"));
        Assert.Null(result.Score("Index", "U1"));
        Assert.Null(result.Rank("Index", "U1"));
        Assert.Equal(1, result.Rank("Index", "U3"));
    }

    [Fact]
    public void Minimum_IgnoresZeroWeightChildren()
    {
        var result = One(AggregationMethod.Minimum, [5, 1, 3], weights: [1, 0, 1]);
        Assert.Equal(3, result.Score("G", "U1"));
    }

    [Fact]
    public void Ranks_AreDescending_TiesShareTheLowestRank()
    {
        var ranks = new double[4];
        Kernels.RankDescending([10.0, 20.0, 20.0, 5.0], ranks, new RankScratch(4));
        Assert.Equal([3.0, 1, 1, 4], ranks);
        Kernels.RankAscending([3.0, double.NaN, 1.0, 3.0], 1.0, ranks, new RankScratch(4));
        Assert.Equal(2, ranks[0]);
        Assert.True(double.IsNaN(ranks[1]));
        Assert.Equal(1, ranks[2]);
        Assert.Equal(2, ranks[3]);
    }

    [Fact]
    public void FractionOfMax_HonoursLowerIsBetter()
    {
        var i = Indicator.Create("x", Samples.Name("x"), direction: Direction.LowerIsBetter, normalisation: NormalisationMethod.FractionOfMax).AsT0;
        var f = RatingFramework.Create("t", Samples.Name("t"), "1", Samples.Group("R", i)).AsT0;
        var data = Dataset.Create(["A", "B", "C"], ["x"], new double[,] { { 2 }, { 4 }, { 8 } }).AsT0;
        var result = ScoringPlan.Compile(f).Score(data).AsT0;
        Assert.Equal([1.0, 0.5, 0.25], result.Scores("x").OrNaN());
    }

    [Fact]
    public void Imputation_Median_And_GroupMean()
    {
        var median = Indicator.Create("m", Samples.Name("m"), imputation: ImputationMethod.ColumnMedian).AsT0;
        var group = Indicator.Create("g", Samples.Name("g"), imputation: ImputationMethod.GroupMean("province").AsT0).AsT0;
        var f = RatingFramework.Create("t", Samples.Name("t"), "1", Samples.Group("R", median, group)).AsT0;
        var values = new double[,] { { 1, 10 }, { 2, 20 }, { 4, 30 }, { 10, 40 }, { double.NaN, double.NaN } };
        var attrs = new Dictionary<string, IReadOnlyList<string?>> { ["province"] = ["A", "A", "B", "B", "A"] };
        var data = Dataset.Create(["U1", "U2", "U3", "U4", "U5"], ["m", "g"], values, attrs).AsT0;
        var result = ScoringPlan.Compile(f).Score(data).AsT0;
        Assert.Equal(3, result.Imputed("m")[4]);
        Assert.Equal(15, result.Imputed("g")[4]);
        Assert.Equal(1, result.Coverage("R", "U1"));
        Assert.Equal(0, result.Coverage("R", "U5"));
    }

    [Fact]
    public void Copeland_CountsPairwiseWeightedMajorities()
    {
        var indicators = new FrameworkNode[] { Samples.Indicator("a"), Samples.Indicator("b"), Samples.Indicator("c", 2) };
        var root = GroupNode.Create("R", Samples.Name("R"), NodeRole.Index, indicators, aggregation: AggregationMethod.Copeland).AsT0;
        var f = RatingFramework.Create("t", Samples.Name("t"), "1", root, new ScoringMethods(NormalisationMethod.None)).AsT0;
        // P beats Q on c (weight 2 of 4) and ties a and b: M = 0.5 + 0.5·0.5 = 0.75 → +1. P beats S on a only: M = 0.25 → −1.
        var data = Dataset.Create(["P", "Q", "S"], ["a", "b", "c"], new double[,] { { 1, 1, 5 }, { 1, 1, 1 }, { 0, 9, 9 } }).AsT0;
        var result = ScoringPlan.Compile(f).Score(data).AsT0;
        Assert.Equal(0, result.Score("R", "P"));
        Assert.Equal(-2, result.Score("R", "Q"));
        Assert.Equal(2, result.Score("R", "S"));
    }

    [Fact]
    public void ConstantColumnUnderMinMax_IsAnError()
    {
        var f = RatingFramework.Create("t", Samples.Name("t"), "1", Samples.Group("R", Samples.Indicator("x"))).AsT0;
        var data = Dataset.Create(["A", "B"], ["x"], new double[,] { { 3 }, { 3 } }).AsT0;
        var error = Assert.Single(ScoringPlan.Compile(f).Score(data).AsT1);
        Assert.Equal(ErrorCodes.NormalisationConstantColumn, error.Code);
        Assert.Equal("x", error.Path);
    }

    [Fact]
    public void ValueOffItsScale_AndMissingColumn_AreReported()
    {
        var likert = Indicator.Create("l", Samples.Name("l"), IndicatorScale.Likert(1, 5).AsT0).AsT0;
        var f = RatingFramework.Create("t", Samples.Name("t"), "1", Samples.Group("R", likert, Samples.Indicator("gone"))).AsT0;
        var data = Dataset.Create(["A", "B"], ["l"], new double[,] { { 3 }, { 7 } }).AsT0;
        var errors = ScoringPlan.Compile(f).Score(data).AsT1;
        Assert.Contains(errors, e => e.Code == ErrorCodes.ScaleValueOutOfRange && e.Path == "rows[1].l");
        Assert.Contains(errors, e => e.Code == ErrorCodes.DataColumnMissing && e.AttemptedValue == "gone");
    }

    [Fact]
    public void Dataset_Create_RejectsDuplicateUnitsAndInfiniteValues()
    {
        var errors = Dataset.Create(["A", "A", "1x"], ["x"], new double[,] { { 1 }, { double.PositiveInfinity }, { 2 } }).AsT1;
        Assert.Contains(errors, e => e.Code == ErrorCodes.DataDuplicateUnit && e.Path == "rows[1].uCode");
        Assert.Contains(errors, e => e.Code == ErrorCodes.DataUnitInvalid && e.Path == "rows[2].uCode");
        Assert.Contains(errors, e => e.Code == ErrorCodes.DataNotNumeric && e.Path == "rows[1].x");
    }

    [Fact]
    public void Dataset_CreateColumnMajor_FindsAnInfiniteValueAnywhere()
    {
        // Every length around the vector widths, every position: the vectorised pre-check and the tail both see it.
        for (var n = 1; n <= 40; n++)
        {
            var units = Enumerable.Range(0, n).Select(u => $"U{u}").ToArray();
            Assert.True(Dataset.CreateColumnMajor(units, ["x"], Enumerable.Repeat(double.MaxValue, n).ToArray()).IsT0);
            for (var p = 0; p < n; p++)
            {
                var values = Enumerable.Range(0, n).Select(i => i == p ? (p % 2 == 0 ? double.PositiveInfinity : double.NegativeInfinity) : double.NaN).ToArray();
                var e = Assert.Single(Dataset.CreateColumnMajor(units, ["x"], values).AsT1);
                Assert.Equal((ErrorCodes.DataNotNumeric, $"rows[{p}].x"), (e.Code, e.Path));
            }
        }
    }

    [Fact]
    public void Denominate_DividesByTheDenominatorColumn()
    {
        var i = Indicator.Create("crimes", Samples.Name("crimes"), denominator: "population", normalisation: NormalisationMethod.None).AsT0;
        var f = RatingFramework.Create("t", Samples.Name("t"), "1", Samples.Group("R", i), denominators: [DenominatorVariable.Create("population", Samples.Name("Population")).AsT0]).AsT0;
        var data = Dataset.Create(["A", "B"], ["crimes", "population"], new double[,] { { 10, 1000 }, { 30, 2000 } }).AsT0;
        var result = ScoringPlan.Compile(f).Score(data).AsT0;
        Assert.Equal([0.01, 0.015], result.Scores("crimes").OrNaN());
        var zero = Dataset.Create(["A", "B"], ["crimes", "population"], new double[,] { { 10, 0 }, { 30, 2000 } }).AsT0;
        Assert.Equal(ErrorCodes.DataDenominatorZero, Assert.Single(ScoringPlan.Compile(f).Score(zero).AsT1).Code);
    }

    [Fact]
    public void SetWeight_ThenReaggregate_EqualsAFullRescoreOfTheEditedFramework()
    {
        var f = Samples.Small();
        var data = RandomData.For(f, 7, units: 30);
        var plan = ScoringPlan.Compile(f);
        var workspace = plan.CreateWorkspace(data.UnitCount);
        Assert.True(plan.Evaluate(data, workspace).IsT0);
        var nominal = workspace.ToResult();
        workspace.SetWeight("G2", 0.5);
        workspace.SetWeight("i2", 7);
        plan.Reaggregate(workspace);
        var result = workspace.ToResult();

        var edited = f.WithRoot(Properties.RandomFrameworks.WithChildren(f.Root, [
            Properties.RandomFrameworks.WithChildren((GroupNode)f.Root.Children[0], [f.Indicators[0], Properties.RandomFrameworks.Reweight(f.Indicators[1], 7), f.Indicators[2]]),
            Properties.RandomFrameworks.Reweight(f.Root.Children[1], 0.5)])).AsT0;
        var full = ScoringPlan.Compile(edited).Score(data).AsT0;
        foreach (var unit in data.Units)
        {
            Assert.Equal(full.Score("Index", unit)!.Value, result.Score("Index", unit)!.Value, 12);
            Assert.Equal(full.Rank("Index", unit), result.Rank("Index", unit));
        }

        Assert.Equal(0.5, result.WeightOf("G2"));
        Assert.Equal(3, nominal.WeightOf("G2"));
        Assert.Equal(0.5, workspace.WeightOf("G2"));
        workspace.ResetWeights();
        Assert.Equal(3, workspace.WeightOf("G2"));
        Assert.Equal(0.5, result.WeightOf("G2")); // the snapshot does not follow the workspace
        Assert.Throws<ArgumentOutOfRangeException>(() => workspace.SetWeight("G1", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => workspace.SetWeight("G1", double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => workspace.SetWeight("G1", double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => workspace.SetWeight("Index", 2));
    }

    [Fact]
    public void SetWeight_MarksOnlyTheChangedNodesAncestors_ForRecomputation()
    {
        var f = Samples.Small();
        var plan = ScoringPlan.Compile(f);
        var data = RandomData.For(f, 3, units: 10);
        var result = plan.CreateWorkspace(data.UnitCount);
        Assert.True(plan.Evaluate(data, result).IsT0);
        Assert.All(result.Dirty, d => Assert.False(d));
        result.SetWeight("i5", 4);
        var dirty = Enumerable.Range(0, plan.GroupCount).Where(g => result.Dirty[g]).Select(g => plan.NodeCodes[plan.IndicatorCount + g]).ToList();
        Assert.Equal(["G2", "Index"], dirty);
        result.SetWeight("i5", 4);
        plan.Reaggregate(result);
        Assert.All(result.Dirty, d => Assert.False(d));
        result.ResetWeights();
        Assert.Equal(["G2", "Index"], Enumerable.Range(0, plan.GroupCount).Where(g => result.Dirty[g]).Select(g => plan.NodeCodes[plan.IndicatorCount + g]));
    }

    [Fact]
    public void Evaluate_InSteadyState_AllocatesNothing()
    {
        var f = Properties.RandomFrameworks.Build(11, positiveOnly: true, plain: true)
            .WithMethods(new ScoringMethods(NormalisationMethod.MinMax(1, 100).AsT0, AggregationMethod.Arithmetic, imputation: ImputationMethod.ColumnMean)).AsT0;
        var data = RandomData.For(f, 3, units: 200);
        var plan = ScoringPlan.Compile(f);
        var result = plan.CreateWorkspace(data.UnitCount);
        Assert.True(plan.Evaluate(data, result).IsT0);
        Assert.True(plan.Evaluate(data, result).IsT0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 10; k++)
        {
            plan.Evaluate(data, result);
            result.SetWeight(f.Indicators[0].Code, k + 1);
            plan.Reaggregate(result);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Plan_IsThreadSafe_AndDeterministic()
    {
        var f = Properties.RandomFrameworks.Build(5, positiveOnly: true);
        var data = RandomData.For(f, 5, units: 50);
        var plan = ScoringPlan.Compile(f);
        var reference = plan.Score(data).AsT0.Scores(f.Root.Code).ToArray();
        Parallel.For(0, 16, _ =>
        {
            var mine = plan.Score(data).AsT0.Scores(f.Root.Code).ToArray();
            Assert.Equal(reference, mine);
        });
    }
}
