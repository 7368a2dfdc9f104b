using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Tests.Scoring;

public class RankProperties
{
    private static Arbitrary<double[]> Scores() =>
        Gen.Elements(double.NaN, -0.0, 0.0, 1.5, -3.0, 2.0, 2.0, 1e300, -1e-300, 7.25).ArrayOf().ToArbitrary();

    [Property(MaxTest = 1000)]
    public Property RankDescending_IsOnePlusTheNumberOfBetterScores() =>
        Prop.ForAll(Scores(), scores =>
        {
            var ranks = new double[scores.Length];
            Kernels.RankDescending(scores, ranks, new RankScratch(scores.Length));
            for (var u = 0; u < scores.Length; u++)
            {
                var expected = double.IsNaN(scores[u]) ? double.NaN : 1 + scores.Count(s => !double.IsNaN(s) && s > scores[u]);
                Assert.Equal(expected, ranks[u]);
            }
        });

    [Property(MaxTest = 1000)]
    public Property RankAscending_IsOnePlusTheNumberOfSmallerValues_ForEitherDirection(bool lowerIsBetter) =>
        Prop.ForAll(Scores(), values =>
        {
            var d = lowerIsBetter ? -1.0 : 1.0;
            var ranks = new double[values.Length];
            Kernels.RankAscending(values, d, ranks, new RankScratch(values.Length));
            for (var u = 0; u < values.Length; u++)
            {
                var expected = double.IsNaN(values[u]) ? double.NaN : 1 + values.Count(v => !double.IsNaN(v) && d * v < d * values[u]);
                Assert.Equal(expected, ranks[u]);
            }
        });

    /// <summary>
    /// Values that share their high key bits: a tight cluster beside an outlier (the truncated radix keys collide and the
    /// runs are ordered by the full keys), next-door doubles, and wide magnitudes.
    /// </summary>
    private static Arbitrary<double[]> Clustered() =>
        Gen.OneOf(
            Gen.Choose(0, 40).Select(i => 50 + (i * 1e-13)),
            Gen.Choose(0, 5).Select(i => Math.BitIncrement(50.0) + (i == 0 ? 0 : Math.ScaleB(1, -46) * i)),
            Gen.Elements(double.NaN, 0.0, -1e308, 1e308, 5e-324, 100.0, double.MaxValue)).ArrayOf().ToArbitrary();

    [Property(MaxTest = 1000)]
    public Property RankDescending_OfClusteredValues_IsOnePlusTheNumberOfBetterScores() =>
        Prop.ForAll(Clustered(), scores =>
        {
            var ranks = new double[scores.Length];
            Kernels.RankDescending(scores, ranks, new RankScratch(scores.Length));
            for (var u = 0; u < scores.Length; u++)
            {
                var expected = double.IsNaN(scores[u]) ? double.NaN : 1 + scores.Count(s => !double.IsNaN(s) && s > scores[u]);
                Assert.Equal(expected, ranks[u]);
            }
        });
}
