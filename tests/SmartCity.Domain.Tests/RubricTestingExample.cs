// The example of docs/rubric-testing.md, compiled and run: a rubric author's test of a weight change. The text between
// the markers is the docs' code block, character for character (DocumentationTests checks it).
// --- begin example ---
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Testing;
using SmartCity.Domain.Validation;

namespace RubricTests;

public class ImpactWeightTests
{
    [Fact]
    public void LoweringImpactTo20Percent_ChangesOnlyThatWeight_AndMovesNoRegionMoreThanTwoPlaces()
    {
        var current = BuiltInFrameworks.Menuju100Evaluation;
        var proposal = current.WithWeight("IMPACT", 20).GetValueOrThrow();

        var diff = RubricDiff.Compare(current, proposal);
        RubricAssert.OnlyTheseWeightsChanged(diff, "IMPACT");

        var effect = diff.EffectOn(LastYearsRatings(current)).GetValueOrThrow();
        RubricAssert.NoRankMovesMoreThan(effect, 2);
    }

    /// <summary>Synthetic 1–4 ratings of eight regions on every evaluation item, close to each other across dimensions.</summary>
    private static Dataset LastYearsRatings(RatingFramework framework)
    {
        var items = framework.Indicators.Select(i => i.Code).ToArray();
        var regions = Enumerable.Range(1, 8).Select(r => "R" + r).ToArray();
        var ratings = new double[regions.Length, items.Length];
        for (var r = 0; r < regions.Length; r++)
        {
            for (var i = 0; i < items.Length; i++)
            {
                ratings[r, i] = 1 + ((r + (i % 3 == 0 ? 1 : 0)) % 4);
            }
        }

        return Dataset.Create(regions, items, ratings).GetValueOrThrow();
    }
}
// --- end example ---
