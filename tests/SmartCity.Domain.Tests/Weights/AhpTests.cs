using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartCity.Domain.Validation;
using SmartCity.Domain.Weights;

namespace SmartCity.Domain.Tests.Weights;

public class AhpTests
{
    [Fact]
    public void TextbookThreeByThree_GivesTheKnownWeightsAndConsistency()
    {
        // The classic example (criteria A > B > C: 3, 5 and 3): weights ≈ 0.637, 0.258, 0.105; λmax ≈ 3.0385; CR ≈ 0.033.
        var result = Ahp.Compute(["A", "B", "C"], new double[,] { { 1, 3, 5 }, { 1.0 / 3, 1, 3 }, { 1.0 / 5, 1.0 / 3, 1 } }).GetValueOrThrow();
        Assert.Equal(0.6370, result.WeightOf("A"), 4);
        Assert.Equal(0.2583, result.WeightOf("B"), 4);
        Assert.Equal(0.1047, result.WeightOf("C"), 4);
        Assert.Equal(3.0385, result.LambdaMax, 4);
        Assert.Equal(0.0193, result.ConsistencyIndex, 4);
        Assert.Equal(0.0332, result.ConsistencyRatio, 4);
        Assert.Equal(1.0, result.Weights.Sum(), 12);
    }

    [Fact]
    public void GeometricMeanMethod_OnTheTextbookMatrix_IsCloseToTheEigenvector()
    {
        var m = new double[,] { { 1, 3, 5 }, { 1.0 / 3, 1, 3 }, { 1.0 / 5, 1.0 / 3, 1 } };
        var gm = Ahp.Compute(["A", "B", "C"], m, AhpMethod.GeometricMean).GetValueOrThrow();
        // Row geometric means 2.4662, 1, 0.4055 → 0.6370, 0.2583, 0.1047 (for 3×3 both methods agree to 4 decimals).
        Assert.Equal(0.6370, gm.WeightOf("A"), 4);
        Assert.Equal(AhpMethod.GeometricMean, gm.Method);
    }

    [Fact]
    public void InconsistentJudgements_AreAnErrorUnlessAccepted()
    {
        // A > B (9), B > C (9), but C > A (9): circular.
        var m = new double[,] { { 1, 9, 1.0 / 9 }, { 1.0 / 9, 1, 9 }, { 9, 1.0 / 9, 1 } };
        var error = Assert.Single(Ahp.Compute(["A", "B", "C"], m).AsT1);
        Assert.Equal(ErrorCodes.AhpInconsistent, error.Code);
        var accepted = Ahp.Compute(["A", "B", "C"], m, maxConsistencyRatio: double.PositiveInfinity).GetValueOrThrow();
        Assert.True(accepted.ConsistencyRatio >= 0.10);
    }

    [Fact]
    public void BadMatrices_ReportEveryProblem()
    {
        var errors = Ahp.Compute(["A", "B", "C"], new double[,] { { 1, 2, -1 }, { 0.4, 2, 3 }, { 1, 1.0 / 3, 1 } }).AsT1;
        Assert.Contains(errors, e => e.Code == ErrorCodes.AhpEntryInvalid && e.Path == "[A, C]");
        Assert.Contains(errors, e => e.Code == ErrorCodes.AhpNotReciprocal && e.Path == "[A, B]");
        Assert.Contains(errors, e => e.Code == ErrorCodes.AhpNotReciprocal && e.Path == "[B, B]");
        Assert.Equal(ErrorCodes.AhpMatrixShape, Assert.Single(Ahp.Compute(["A", "B"], new double[3, 3]).AsT1).Code);
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.0)]
    [InlineData(3, 0.58)]
    [InlineData(10, 1.49)]
    [InlineData(15, 1.59)]
    public void RandomIndex_ClassicTable(int n, double ri) => Assert.Equal(ri, Ahp.RandomIndex(n));

    [Theory]
    [InlineData(3, 0.52)]
    [InlineData(12, 1.54)]
    [InlineData(16, 1.6)]
    public void RandomIndex_AlternativeTable(int n, double ri) => Assert.Equal(ri, Ahp.RandomIndex(n, RandomIndexTable.Alternative));

    [Fact]
    public void TwoCriteria_AreAlwaysConsistent_WithoutDividingByZero()
    {
        var result = Ahp.Compute(["A", "B"], new double[,] { { 1, 4 }, { 0.25, 1 } }).GetValueOrThrow();
        Assert.Equal(0.8, result.WeightOf("A"), 12);
        Assert.Equal(0, result.ConsistencyRatio);
    }

    [Theory]
    [InlineData("3", 3.0)]
    [InlineData("1/3", 1.0 / 3)]
    [InlineData(" 0.5 ", 0.5)]
    public void TryParseEntry_ReadsNumbersAndFractions(string text, double expected)
    {
        Assert.True(Ahp.TryParseEntry(text, out var v));
        Assert.Equal(expected, v, 15);
    }

    [Property(MaxTest = 300)]
    public Property ConsistentMatrix_RecoversItsWeights_WithLambdaN_AndCrZero(bool geometric) =>
        Prop.ForAll(Gen.Choose(1, 90).ArrayOf().Where(a => a.Length is >= 1 and <= 12).ToArbitrary(), raw =>
        {
            var v = raw.Select(x => (double)x).ToArray();
            var n = v.Length;
            var m = new double[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    m[i, j] = i == j ? 1 : v[i] / v[j];
                }
            }

            var names = Enumerable.Range(0, n).Select(i => "c" + i).ToArray();
            var result = Ahp.Compute(names, m, geometric ? AhpMethod.GeometricMean : AhpMethod.Eigenvector).GetValueOrThrow();
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(v[i] / v.Sum(), result.Weights[i], 9);
            }

            Assert.Equal(n, result.LambdaMax, 9);
            Assert.True(result.ConsistencyRatio < 1e-9);
        });
}

public class HierarchicalAhpTests
{
    [Fact]
    public void Apply_SetsChildWeights_AndGlobalPrioritiesAreProducts()
    {
        var f = Infrastructure.Samples.Small();
        var top = new AhpJudgement("Index", ["G1", "G2"], new double[,] { { 1, 3 }, { 1.0 / 3, 1 } });
        var g1 = new AhpJudgement("G1", ["i1", "i2", "i3"], new double[,] { { 1, 3, 5 }, { 1.0 / 3, 1, 3 }, { 1.0 / 5, 1.0 / 3, 1 } });
        var (weighted, results) = HierarchicalAhp.Apply(f, [top, g1]).GetValueOrThrow();
        var eff = weighted.GetEffectiveWeights().ToDictionary(w => w.Code, w => w.Weight);
        Assert.Equal(0.75, eff["G1"], 12);
        Assert.Equal(0.75 * results["G1"].WeightOf("i1"), eff["i1"], 12);
        Assert.Equal(0.75 * 0.6370, eff["i1"], 3);
        Assert.Equal(f.Find("i4")!.Weight, weighted.Find("i4")!.Weight);
    }

    [Fact]
    public void AJudgement_CopiesItsMatrix_AndHandsOutOnlyCopies()
    {
        var matrix = new double[,] { { 1, 3 }, { 1.0 / 3, 1 } };
        var judgement = new AhpJudgement("Index", ["G1", "G2"], matrix);
        matrix[0, 1] = 9;
        Assert.Equal(3, judgement[0, 1]);
        var copy = judgement.ToArray();
        copy[0, 1] = 7;
        Assert.Equal(3, judgement[0, 1]);
        Assert.Equal((2, 2), (judgement.Rows, judgement.Columns));
        Assert.Throws<ArgumentOutOfRangeException>(() => judgement[2, 0]);
        Assert.Equal(new AhpJudgement("Index", ["G1", "G2"], new double[,] { { 1, 3 }, { 1.0 / 3, 1 } }), judgement);
        Assert.NotEqual(new AhpJudgement("Index", ["G1", "G2"], copy), judgement);

        // The weights come from the judgement's own copy, not the array the caller changed afterwards.
        var f = Infrastructure.Samples.Small();
        var weighted = HierarchicalAhp.Apply(f, [judgement]).GetValueOrThrow().Framework;
        Assert.Equal(0.75, weighted.GetEffectiveWeights().Single(w => w.Code == "G1").Weight, 12);
    }

    [Fact]
    public void Apply_RejectsWrongCriteria_UnknownGroups_AndInconsistency()
    {
        var f = Infrastructure.Samples.Small();
        var errors = HierarchicalAhp.Apply(f, [
            new AhpJudgement("G9", ["a", "b"], new double[,] { { 1, 2 }, { 0.5, 1 } }),
            new AhpJudgement("G2", ["i4", "i1"], new double[,] { { 1, 2 }, { 0.5, 1 } }),
            new AhpJudgement("G1", ["i1", "i2", "i3"], new double[,] { { 1, 9, 1.0 / 9 }, { 1.0 / 9, 1, 9 }, { 9, 1.0 / 9, 1 } }),
        ]).AsT1;
        Assert.Contains(errors, e => e.Code == ErrorCodes.ReferenceMissing && e.Path == "G9");
        Assert.Contains(errors, e => e.Code == ErrorCodes.AhpMatrixShape && e.Path == "G2");
        Assert.Contains(errors, e => e.Code == ErrorCodes.AhpInconsistent && e.Path == "G1");
    }
}

public class BudgetAllocationTests
{
    [Fact]
    public void Compute_AveragesTheExpertsShares()
    {
        var weights = BudgetAllocation.Compute(["eco", "soc", "env"], [[50, 30, 20], [20, 20, 60], [1, 1, 2]]).GetValueOrThrow();
        Assert.Equal((0.5 + 0.2 + 0.25) / 3, weights[0], 12);
        Assert.Equal((0.2 + 0.6 + 0.5) / 3, weights[2], 12);
        Assert.Equal(1.0, weights.Sum(), 12);
    }

    [Fact]
    public void Compute_RejectsNegativeEmptyAndMisshapedRows()
    {
        var errors = BudgetAllocation.Compute(["a", "b"], [[1, -1], [0, 0], [1]]).AsT1;
        Assert.Contains(errors, e => e.Path == "allocations[0].b");
        Assert.Contains(errors, e => e.Path == "allocations[1]");
        Assert.Contains(errors, e => e.Path == "allocations[2]");
    }
}
