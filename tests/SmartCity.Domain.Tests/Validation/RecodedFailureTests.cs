using SmartCity.Domain.Analysis;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Programmes;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Validation;
using SmartCity.Domain.Weights;

namespace SmartCity.Domain.Tests.Validation;

/// <summary>Each failure that used to share a code with another kind of failure, with its own code and path now.</summary>
public class RecodedFailureTests
{
    private static ValidationError Only<T>(OneOf.OneOf<T, ValidationErrors> result) => Assert.Single(result.AsT1);

    private static Dataset Data() =>
        Dataset.Create(["U1", "U2", "U3", "U4"], ["i1", "i2", "i3", "i4", "i5"], new double[,]
        {
            { 1, 2, 3, 4, 5 },
            { 2, 3, 4, 5, 6 },
            { 3, 4, 5, 6, 7 },
            { 4, 5, 6, 7, 9 },
        }).GetValueOrThrow();

    [Theory]
    [InlineData(double.NaN, ErrorCodes.WeightNotFinite)]
    [InlineData(double.PositiveInfinity, ErrorCodes.WeightNotFinite)]
    [InlineData(-1.0, ErrorCodes.WeightNegative)]
    public void Scenario_BadWeight_HasTheCodeOfItsKind(double weight, string code)
    {
        var e = Only(new Scenario([FrameworkEdit.SetWeight("i1", weight)]).Apply(Samples.Small(), Data()));
        Assert.Equal((code, "edits[0].weight"), (e.Code, e.Path));
    }

    [Fact]
    public void AwardScheme_TwoCategoriesWithOneCode_IsADuplicateCategory()
    {
        var category = AwardCategory.Create("cat", Samples.Name("C"), AwardBasis.Node("G1")).GetValueOrThrow();
        var e = Only(AwardScheme.Create([category, category], [new AwardTier("gold", Samples.Name("Gold"), 1)], perSizeClass: false));
        Assert.Equal((ErrorCodes.AwardDuplicateCategory, "categories", "cat"), (e.Code, e.Path, e.AttemptedValue));
    }

    [Fact]
    public void ClassificationScheme_NoClassesAndDuplicateClasses_HaveTheirOwnCodes()
    {
        var none = Only(ClassificationScheme.Create("s", Samples.Name("s"), [], []));
        Assert.Equal((ErrorCodes.SchemeNoClasses, "classes"), (none.Code, none.Path));

        var a = SchemeClass.Create("a", Samples.Name("a")).AsT0;
        var twice = Only(ClassificationScheme.Create("s", Samples.Name("s"), [a, a], [new(5, BoundaryMembership.Below)]));
        Assert.Equal((ErrorCodes.SchemeDuplicateClass, "classes[1].code", "a"), (twice.Code, twice.Path, twice.AttemptedValue));
    }

    [Theory]
    [InlineData("meen")]
    [InlineData("groupmean")]
    public void Imputation_UnparsableSpec_IsImputationSpec(string spec)
    {
        var e = Only(ImputationMethod.Parse(spec));
        Assert.Equal((ErrorCodes.ImputationSpec, spec), (e.Code, e.AttemptedValue));
    }

    [Fact]
    public void BudgetAllocation_EachKindOfProblem_HasItsOwnCode()
    {
        Assert.Equal(ErrorCodes.BudgetShape, Only(BudgetAllocation.Compute(["a", "b"], [])).Code);
        var ragged = Only(BudgetAllocation.Compute(["a", "b"], [[1.0]]));
        Assert.Equal((ErrorCodes.BudgetShape, "allocations[0]"), (ragged.Code, ragged.Path));
        var negative = Only(BudgetAllocation.Compute(["a", "b"], [[-1.0, 5]]));
        Assert.Equal((ErrorCodes.BudgetEntryInvalid, "allocations[0].a"), (negative.Code, negative.Path));
        var nan = Only(BudgetAllocation.Compute(["a", "b"], [[3, double.NaN]]));
        Assert.Equal((ErrorCodes.BudgetEntryInvalid, "allocations[0].b"), (nan.Code, nan.Path));
        var empty = Only(BudgetAllocation.Compute(["a", "b"], [[1.0, 1], [0.0, 0]]));
        Assert.Equal((ErrorCodes.BudgetNoPoints, "allocations[1]"), (empty.Code, empty.Path));
    }

    [Fact]
    public void HierarchicalAhp_AGroupJudgedTwice_IsADuplicateJudgement()
    {
        var top = new AhpJudgement("Index", ["G1", "G2"], new double[,] { { 1, 3 }, { 1.0 / 3, 1 } });
        var e = Only(HierarchicalAhp.Apply(Samples.Small(), [top, top]));
        Assert.Equal((ErrorCodes.AhpDuplicateJudgement, "Index"), (e.Code, e.Path));
    }

    [Fact]
    public void Dataset_EmptyColumnName_IsNotADuplicateColumn()
    {
        var empty = Only(Dataset.Create(["U1"], ["a", ""], new double[,] { { 1, 2 } }));
        Assert.Equal((ErrorCodes.DataColumnNameEmpty, "columns"), (empty.Code, empty.Path));
        var twice = Only(Dataset.Create(["U1"], ["a", "a"], new double[,] { { 1, 2 } }));
        Assert.Equal((ErrorCodes.DataDuplicateColumn, "columns", "a"), (twice.Code, twice.Path, twice.AttemptedValue));
    }

    [Fact]
    public void GeometricMean_PositivityThatDependsOnTheData_IsAWarningWithItsOwnCode()
    {
        var raw = Indicator.Create("r", Samples.Name("r"), normalisation: NormalisationMethod.None).AsT0;
        var root = GroupNode.Create("R", Samples.Name("R"), NodeRole.Index, [raw], aggregation: AggregationMethod.Geometric).AsT0;
        var warning = Assert.Single(RatingFramework.Create("f", Samples.Name("f"), "1", root).AsT0.GetWarnings());
        Assert.Equal((ErrorCodes.AggregationPositivityDependsOnData, "root.aggregation", ValidationSeverity.Warning), (warning.Code, warning.Path, warning.Severity));

        var bad = Samples.Small().WithMethods(new ScoringMethods(aggregation: AggregationMethod.Geometric));
        Assert.Contains(bad.AsT1, e => e.Code == ErrorCodes.AggregationRequiresPositive && e.IsError);
        Assert.DoesNotContain(bad.AsT1, e => e.Code == ErrorCodes.AggregationPositivityDependsOnData);
    }
}
