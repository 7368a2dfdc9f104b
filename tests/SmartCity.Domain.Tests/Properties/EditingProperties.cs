using FsCheck;
using FsCheck.Xunit;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;
using static SmartCity.Domain.Frameworks.FrameworkEdit;

namespace SmartCity.Domain.Tests.Properties;

/// <summary>Random single edits of a generated framework (valid or not); the draws pick the node, the kind and the value.</summary>
public static class RandomEdits
{
    public static FrameworkEdit Pick(RatingFramework f, Random rng)
    {
        var nodes = f.Groups.Cast<FrameworkNode>().Concat(f.Indicators).ToList();
        var node = nodes[rng.Next(nodes.Count)];
        var nonRoot = nodes.Where(n => n != f.Root).ToList();
        var other = nonRoot.Count == 0 ? node : nonRoot[rng.Next(nonRoot.Count)];
        var indicator = f.Indicators[rng.Next(f.Indicators.Length)];
        var group = f.Groups[rng.Next(f.Groups.Length)];
        return rng.Next(14) switch
        {
            0 => SetWeight(other.Code, other.Weight + 1 + rng.Next(3)),
            1 => SetWeight(other.Code, rng.Next(3)),
            2 => SetDirection(indicator.Code, indicator.Direction == Direction.HigherIsBetter ? Direction.LowerIsBetter : Direction.HigherIsBetter),
            3 => SetNormalisation(indicator.Code, rng.Next(2) == 0 ? null : NormalisationMethod.Rank),
            4 => SetImputation(indicator.Code, rng.Next(2) == 0 ? null : ImputationMethod.ColumnMedian),
            5 => SetTreatment(indicator.Code, rng.Next(2) == 0 ? null : OutlierTreatment.None),
            6 => SetAggregation(group.Code, rng.Next(2) == 0 ? null : AggregationMethod.Minimum),
            7 => SetMissingData(group.Code, rng.Next(2) == 0 ? null : MissingDataRule.WithCoverageThreshold(0.25).GetValueOrThrow()),
            8 => Rename(node.Code, rng.Next(2) == 0 ? LocalizedText.Of("Renamed") : LocalizedText.Of(node.Name.English, "Baru")),
            9 => Recode(node.Code, "recoded" + rng.Next(100)),
            10 => Add(group.Code, Infrastructure.Samples.Indicator("added" + rng.Next(100)), rng.Next(group.Children.Count + 1)),
            11 => Remove(other.Code),
            12 => Move(other.Code, group.Code, rng.Next(2) == 0 ? null : 0),
            _ => SetDefaults(new ScoringMethods(NormalisationMethod.Rank, f.Methods.Aggregation, f.Methods.MissingData, f.Methods.Imputation, f.Methods.Treatment)),
        };
    }

    /// <summary>The codes an edit may change: its node, the old and new parents and their ancestors.</summary>
    public static HashSet<string> Touched(RatingFramework f, FrameworkEdit edit)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        void WithAncestors(string? code)
        {
            for (var c = code; c is not null; c = f.ParentOf(c)?.Code)
            {
                touched.Add(c);
            }
        }

        switch (edit)
        {
            case SetWeightEdit e: WithAncestors(e.Node); break;
            case SetDirectionEdit e: WithAncestors(e.Indicator); break;
            case SetNormalisationEdit e: WithAncestors(e.Indicator); break;
            case SetImputationEdit e: WithAncestors(e.Indicator); break;
            case SetTreatmentEdit e: WithAncestors(e.Indicator); break;
            case SetAggregationEdit e: WithAncestors(e.Group); break;
            case SetMissingDataEdit e: WithAncestors(e.Group); break;
            case RenameNodeEdit e: WithAncestors(e.Node); break;
            case RecodeNodeEdit e: WithAncestors(e.Node); break;
            case AddNodeEdit e: WithAncestors(e.Parent); break;
            case RemoveNodeEdit e: WithAncestors(e.Node); break;
            case MoveNodeEdit e: WithAncestors(e.Node); WithAncestors(e.Parent); break;
        }

        return touched;
    }
}

[Properties(Arbitrary = [typeof(DomainArbitraries)])]
public class EditingProperties
{
    [Property(MaxTest = 200)]
    public void SettingAWeight_AndSettingItBack_GivesAnEqualFramework(RatingFramework framework, NonNegativeInt pick)
    {
        var nodes = framework.Groups.Skip(1).Cast<FrameworkNode>().Concat(framework.Indicators).ToList();
        var node = nodes[pick.Get % nodes.Count];
        var edited = framework.WithWeight(node.Code, node.Weight + 1.5).GetValueOrThrow();
        Assert.NotEqual(framework, edited);
        var back = edited.WithWeight(node.Code, node.Weight).GetValueOrThrow();
        Assert.Equal(framework, back);
        Assert.Equal(framework.GetHashCode(), back.GetHashCode());
    }

    [Property(MaxTest = 300)]
    public void AnEditOfOneNode_LeavesEveryOtherNodeEqual(RatingFramework framework, Draws draws)
    {
        var edit = RandomEdits.Pick(framework, draws.Open());
        if (!framework.Edit(edit).TryPickT0(out var edited, out _))
        {
            return;
        }

        var touched = RandomEdits.Touched(framework, edit);
        var removed = edit is RemoveNodeEdit r ? framework.Find(r.Node) : null;
        foreach (var node in framework.Groups.Cast<FrameworkNode>().Concat(framework.Indicators))
        {
            if (removed is not null && TreeContains(removed, node.Code))
            {
                Assert.Null(edited.Find(node.Code));
                continue;
            }

            var after = edit is RecodeNodeEdit rc && rc.Node == node.Code ? edited.Find(rc.NewCode) : edited.Find(node.Code);
            Assert.NotNull(after);
            if (!touched.Contains(node.Code))
            {
                Assert.Equal(node, after);
            }
            else if (node is GroupNode g && after is GroupNode ga && !IsTarget(edit, node.Code))
            {
                // An ancestor: only its children may differ.
                Assert.Equal(g with { Children = default }, ga with { Children = default });
            }
        }

        Assert.Equal((framework.Code, framework.Name, framework.Edition, framework.Description, framework.Source), (edited.Code, edited.Name, edited.Edition, edited.Description, edited.Source));
        Assert.Equal((framework.Denominators, framework.SizeClasses, framework.MaturityLevels), (edited.Denominators, edited.SizeClasses, edited.MaturityLevels));
    }

    [Property(MaxTest = 300)]
    public void RubricDiff_IsEmpty_ExactlyWhenTheEditionsAreEqual(RatingFramework framework, Draws draws)
    {
        var edit = RandomEdits.Pick(framework, draws.Open());
        if (!framework.Edit(edit).TryPickT0(out var edited, out _))
        {
            return;
        }

        var diff = RubricDiff.Compare(framework, edited);
        Assert.Equal(framework.Equals(edited), diff.IsEmpty);
        Assert.Equal(framework.Equals(edited), RubricDiff.Compare(edited, framework).IsEmpty);
        Assert.All(diff.Changes, c => Assert.DoesNotContain(Environment.NewLine, c.ToString(), StringComparison.Ordinal));
        Assert.Empty(RubricDiff.Compare(framework, framework).Changes);
    }

    [Property(MaxTest = 200)]
    public void RubricDiff_OfTwoGeneratedFrameworks_IsEmptyExactlyWhenEqual(RatingFramework a, RatingFramework b)
    {
        Assert.Equal(a.Equals(b), RubricDiff.Compare(a, b).IsEmpty);
        var copy = SmartCity.Domain.Serialization.FrameworkJson.Deserialize(SmartCity.Domain.Serialization.FrameworkJson.Serialize(a)).GetValueOrThrow();
        Assert.True(RubricDiff.Compare(a, copy).IsEmpty);
    }

    [Property(MaxTest = 200)]
    public void InvalidEdits_NeverThrow_AndCarryAnEditPathOrAFrameworkPath(RatingFramework framework, Draws draws)
    {
        var edit = RandomEdits.Pick(framework, draws.Open());
        framework.Edit(edit).Switch(
            _ => { },
            errors => Assert.All(errors, e => Assert.True(e.Path.StartsWith("edits[0]", StringComparison.Ordinal) || e.Path.StartsWith("root", StringComparison.Ordinal), e.ToString())));
    }

    private static bool IsTarget(FrameworkEdit edit, string code) => edit switch
    {
        SetAggregationEdit e => e.Group == code,
        SetMissingDataEdit e => e.Group == code,
        RenameNodeEdit e => e.Node == code,
        RecodeNodeEdit e => e.Node == code,
        SetWeightEdit e => e.Node == code,
        MoveNodeEdit e => e.Node == code,
        _ => false,
    };

    private static bool TreeContains(FrameworkNode node, string code) =>
        node.Code == code || (node is GroupNode g && g.Children.Any(c => TreeContains(c, code)));
}
