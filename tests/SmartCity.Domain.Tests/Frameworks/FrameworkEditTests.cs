using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Validation;
using static SmartCity.Domain.Frameworks.FrameworkEdit;

namespace SmartCity.Domain.Tests.Frameworks;

public class FrameworkEditTests
{
    /// <summary>The RKCI 2019 root carries a description, tags and provenance: edits must keep them.</summary>
    private static readonly RatingFramework Rkci = BuiltInFrameworks.Rkci2019;

    private static void KeepsRootAndFrameworkMetadata(RatingFramework before, RatingFramework after)
    {
        Assert.Equal(before.Root.Description, after.Root.Description);
        Assert.Equal(before.Root.Tags, after.Root.Tags);
        Assert.Equal(before.Root.Provenance, after.Root.Provenance);
        Assert.Equal(before.Root.Name, after.Root.Name);
        Assert.Equal((before.Code, before.Name, before.Edition, before.Description, before.Source), (after.Code, after.Name, after.Edition, after.Description, after.Source));
        Assert.Equal(before.Denominators, after.Denominators);
        Assert.Equal(before.SizeClasses, after.SizeClasses);
        Assert.Equal(before.MaturityLevels, after.MaturityLevels);
    }

    [Fact]
    public void WithWeight_ChangesOnlyThatWeight()
    {
        var node = Rkci.Root.Children[1];
        var edited = Rkci.WithWeight(node.Code, node.Weight + 2).GetValueOrThrow();
        Assert.Equal(node.Weight + 2, edited.Find(node.Code)!.Weight);
        Assert.Equal(node.Name, edited.Find(node.Code)!.Name);
        KeepsRootAndFrameworkMetadata(Rkci, edited);
        Assert.Equal(Rkci, edited.WithWeight(node.Code, node.Weight).GetValueOrThrow());
    }

    [Fact]
    public void SetDirection_FlipsOneIndicator()
    {
        var i = Rkci.Indicators[0];
        var flipped = i.Direction == Direction.HigherIsBetter ? Direction.LowerIsBetter : Direction.HigherIsBetter;
        var edited = Rkci.Edit(SetDirection(i.Code, flipped)).GetValueOrThrow();
        var after = (Indicator)edited.Find(i.Code)!;
        Assert.Equal(flipped, after.Direction);
        Assert.Equal((i.Unit, i.Tier, i.Provenance, i.Goalposts, i.Description), (after.Unit, after.Tier, after.Provenance, after.Goalposts, after.Description));
        KeepsRootAndFrameworkMetadata(Rkci, edited);
    }

    [Fact]
    public void MethodEdits_SetAndClearOverrides()
    {
        var f = Samples.Small();
        var edited = f.Edit(
            SetNormalisation("i1", NormalisationMethod.Rank),
            SetImputation("i2", ImputationMethod.ColumnMean),
            SetTreatment("i3", OutlierTreatment.None),
            SetAggregation("G1", AggregationMethod.Minimum),
            SetMissingData("G2", MissingDataRule.WithCoverageThreshold(0.5).GetValueOrThrow())).GetValueOrThrow();
        Assert.Equal(NormalisationMethod.Rank, ((Indicator)edited.Find("i1")!).Normalisation);
        Assert.Equal(ImputationMethod.ColumnMean, ((Indicator)edited.Find("i2")!).Imputation);
        Assert.Equal(OutlierTreatment.None, ((Indicator)edited.Find("i3")!).Treatment);
        Assert.Equal(AggregationMethod.Minimum, ((GroupNode)edited.Find("G1")!).Aggregation);
        Assert.Equal(0.5, ((GroupNode)edited.Find("G2")!).MissingData!.CoverageThreshold);
        var cleared = edited.Edit(SetNormalisation("i1", null), SetImputation("i2", null), SetTreatment("i3", null), SetAggregation("G1", null), SetMissingData("G2", null)).GetValueOrThrow();
        Assert.Equal(f, cleared);
    }

    [Fact]
    public void SetDefaults_ReplacesTheDefaultMethods()
    {
        var methods = new ScoringMethods(NormalisationMethod.Rank);
        var edited = Rkci.Edit(SetDefaults(methods)).GetValueOrThrow();
        Assert.Equal(methods, edited.Methods);
        Assert.Equal(Rkci.Root, edited.Root);
        KeepsRootAndFrameworkMetadata(Rkci, edited);
    }

    [Fact]
    public void RenameAndRecode_ChangeOnlyNameOrCode()
    {
        var node = Rkci.Root.Children[0];
        var renamed = Rkci.Edit(Rename(node.Code, LocalizedText.Of("New", "Baru"))).GetValueOrThrow();
        Assert.Equal(LocalizedText.Of("New", "Baru"), renamed.Find(node.Code)!.Name);
        Assert.Equal(node.Weight, renamed.Find(node.Code)!.Weight);
        var recoded = Rkci.Edit(Recode(node.Code, "NEWCODE")).GetValueOrThrow();
        Assert.Null(recoded.Find(node.Code));
        Assert.Equal(node.Name, recoded.Find("NEWCODE")!.Name);
        Assert.Equal(Rkci, recoded.Edit(Recode("NEWCODE", node.Code)).GetValueOrThrow());
        var rootRenamed = Rkci.Edit(Rename(Rkci.Root.Code, LocalizedText.Of("Index 2"))).GetValueOrThrow();
        Assert.Equal(Rkci.Root.Provenance, rootRenamed.Root.Provenance);
    }

    [Fact]
    public void AddRemoveMove_ChangeTheTree()
    {
        var f = Samples.Small();
        var added = f.Edit(Add("G2", Samples.Indicator("i9"), position: 0)).GetValueOrThrow();
        Assert.Equal(["i9", "i4", "i5"], ((GroupNode)added.Find("G2")!).Children.Select(c => c.Code));
        var removed = added.Edit(Remove("i9")).GetValueOrThrow();
        Assert.Equal(f, removed);
        var moved = f.Edit(Move("i1", "G2")).GetValueOrThrow();
        Assert.Equal("G2", moved.ParentOf("i1")!.Code);
        Assert.Equal(["i4", "i5", "i1"], ((GroupNode)moved.Find("G2")!).Children.Select(c => c.Code));
        Assert.Equal(f, moved.Edit(Move("i1", "G1", position: 0)).GetValueOrThrow());
        var reordered = f.Edit(Move("i3", "G1", position: 0)).GetValueOrThrow();
        Assert.Equal(["i3", "i1", "i2"], ((GroupNode)reordered.Find("G1")!).Children.Select(c => c.Code));
        var groupMoved = f.Edit(Move("G2", "G1")).GetValueOrThrow();
        Assert.Equal("G1", groupMoved.ParentOf("G2")!.Code);
        Assert.Equal(4, groupMoved.LevelCount);
        Assert.Equal(f.Find("G2"), groupMoved.Find("G2"));
    }

    [Fact]
    public void SeveralEdits_InOneExpression_SeeEachOther()
    {
        var f = Samples.Small();
        var edited = f.Edit(Add("G1", Samples.Indicator("x")), SetWeight("x", 5), Move("x", "G2"), SetDirection("x", Direction.LowerIsBetter), Rename("x", LocalizedText.Of("Inflation"))).GetValueOrThrow();
        var x = (Indicator)edited.Find("x")!;
        Assert.Equal((5.0, Direction.LowerIsBetter, "Inflation", "G2"), (x.Weight, x.Direction, x.Name.English, edited.ParentOf("x")!.Code));
        Assert.Same(f, f.Edit().AsT0);
    }

    public static TheoryData<string, FrameworkEdit, string, string> InvalidEdits => new()
    {
        { "unknown code", SetWeight("nope", 1), ErrorCodes.EditNodeUnknown, "edits[0].node" },
        { "weight of the root", SetWeight("Index", 2), ErrorCodes.EditRoot, "edits[0].node" },
        { "negative weight", SetWeight("i1", -1), ErrorCodes.WeightNegative, "edits[0].weight" },
        { "NaN weight", SetWeight("i1", double.NaN), ErrorCodes.WeightNotFinite, "edits[0].weight" },
        { "direction of a group", SetDirection("G1", Direction.LowerIsBetter), ErrorCodes.EditNodeKind, "edits[0].node" },
        { "normalisation of a group", SetNormalisation("G1", NormalisationMethod.Rank), ErrorCodes.EditNodeKind, "edits[0].node" },
        { "aggregation of an indicator", SetAggregation("i1", AggregationMethod.Minimum), ErrorCodes.EditNodeKind, "edits[0].node" },
        { "missing-data rule of an indicator", SetMissingData("i1", MissingDataRule.SkipAndRenormalise), ErrorCodes.EditNodeKind, "edits[0].node" },
        { "removing the root", Remove("Index"), ErrorCodes.EditRoot, "edits[0].node" },
        { "removing an unknown node", Remove("nope"), ErrorCodes.EditNodeUnknown, "edits[0].node" },
        { "moving the root", Move("Index", "G1"), ErrorCodes.EditRoot, "edits[0].node" },
        { "moving a node under itself", Move("G1", "G1"), ErrorCodes.EditMoveIntoSubtree, "edits[0].parent" },
        { "moving under an indicator", Move("i1", "i2"), ErrorCodes.EditNodeKind, "edits[0].parent" },
        { "moving to an unknown parent", Move("i1", "nope"), ErrorCodes.EditNodeUnknown, "edits[0].parent" },
        { "position out of range", Move("i1", "G2", 3), ErrorCodes.EditPosition, "edits[0].position" },
        { "adding a duplicate code", Add("G2", Samples.Indicator("i1")), ErrorCodes.NodeDuplicateCode, "edits[0].node.code" },
        { "adding under an indicator", Add("i1", Samples.Indicator("x")), ErrorCodes.EditNodeKind, "edits[0].parent" },
        { "adding at a negative position", Add("G1", Samples.Indicator("x"), -1), ErrorCodes.EditPosition, "edits[0].position" },
        { "recode to a used code", Recode("i1", "i2"), ErrorCodes.NodeDuplicateCode, "edits[0].newCode" },
        { "recode to an invalid code", Recode("i1", "1 bad"), ErrorCodes.CodeInvalid, "edits[0].newCode" },
        { "rename of an unknown node", Rename("nope", LocalizedText.Of("x")), ErrorCodes.EditNodeUnknown, "edits[0].node" },
    };

    [Theory]
    [MemberData(nameof(InvalidEdits))]
    public void InvalidEdit_GivesItsCodeAndPath_AndNamesTheEdit(string name, FrameworkEdit edit, string code, string path)
    {
        var errors = Samples.Small().Edit(edit).AsT1;
        var error = Assert.Single(errors);
        Assert.True(error.Code == code && error.Path == path, $"{name}: got {error}");
        Assert.StartsWith(edit.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MovingIntoADescendant_Fails()
    {
        var f = Samples.Small().Edit(Add("G1", Samples.Group("Sub", Samples.Indicator("s1")))).GetValueOrThrow();
        var error = Assert.Single(f.Edit(Move("G1", "Sub")).AsT1);
        Assert.Equal(ErrorCodes.EditMoveIntoSubtree, error.Code);
        Assert.Contains("'Sub' is inside 'G1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsOfLaterEdits_AreIndexed_AndTheResultIsValidatedAgain()
    {
        var f = Samples.Small();
        var errors = f.Edit(SetWeight("i1", 2), SetWeight("nope", 1), SetDirection("G2", Direction.LowerIsBetter)).AsT1;
        Assert.Equal(["edits[1].node", "edits[2].node"], errors.Select(e => e.Path));
        var emptied = f.Edit(Remove("i4"), Remove("i5")).AsT1;
        Assert.Contains(emptied, e => e.Code == ErrorCodes.GroupEmpty && e.Path.StartsWith("root.children[1]", StringComparison.Ordinal));
        var zero = f.Edit(SetWeight("G1", 0), SetWeight("G2", 0)).AsT1;
        Assert.Contains(zero, e => e.Code == ErrorCodes.GroupWeightsAllZero);
    }

    [Fact]
    public void NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => Samples.Small().Edit((IEnumerable<FrameworkEdit>)null!));
        Assert.Throws<ArgumentNullException>(() => Samples.Small().Edit(SetWeight(null!, 1)));
    }
}
