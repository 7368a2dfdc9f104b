using SmartCity.Domain.Analysis;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Testing;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests;

/// <summary>The example of docs/rubric-testing.md, compiled and run: a rubric author's test of a weight change.</summary>
public class RubricTestingExample
{
    // --- begin example ---
    [Fact]
    public void LoweringImpactTo20Percent_ChangesOnlyThatWeight_AndMovesNoCityMoreThanTwoPlaces()
    {
        var current = BuiltInFrameworks.Menuju100Evaluation;
        var proposal = current.WithRoot(Reweight(current.Root, "IMPACT", 20)).GetValueOrThrow();

        var diff = RubricDiff.Compare(current, proposal);
        RubricAssert.OnlyTheseWeightsChanged(diff, "IMPACT");

        var effect = diff.EffectOn(EvaluationScores()).GetValueOrThrow();
        RubricAssert.NoRankMovesMoreThan(effect, 2);
    }
    // --- end example ---

    private static GroupNode Reweight(GroupNode root, string code, double weight) =>
        GroupNode.Create(root.Code, root.Name, root.Role, root.Children.Select(c => c.Code != code ? c : c switch
        {
            GroupNode g => GroupNode.Create(g.Code, g.Name, g.Role, g.Children, weight, g.Aggregation, g.MissingData, g.Description, g.Tags, g.Provenance).GetValueOrThrow(),
            _ => c,
        })).GetValueOrThrow();

    /// <summary>Synthetic 1–4 ratings of eight regions on the 90 evaluation items, close to each other across dimensions.</summary>
    private static Dataset EvaluationScores()
    {
        var f = BuiltInFrameworks.Menuju100Evaluation;
        var columns = f.Indicators.Select(i => i.Code).ToArray();
        var units = Enumerable.Range(1, 8).Select(u => "R" + u).ToArray();
        var values = new double[units.Length, columns.Length];
        for (var u = 0; u < units.Length; u++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                values[u, c] = 1 + ((u + (c % 3 == 0 ? 1 : 0)) % 4);
            }
        }

        return Dataset.Create(units, columns, values).GetValueOrThrow();
    }
}
