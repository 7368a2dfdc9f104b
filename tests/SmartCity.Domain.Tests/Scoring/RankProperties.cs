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

    /// <summary>
    /// Scores as aggregates have them: many units, values on a grid (ties), spread widely, with a few missing or extreme
    /// ones, so that the bucket path meets singletons, shared buckets of every size and the radix fallback (infinities).
    /// </summary>
    private static Arbitrary<double[]> ManyScores() =>
        Gen.Frequency(
            (20, Gen.Choose(0, 4000).Select(i => i / 40.0)),
            (10, Gen.Choose(0, 30).Select(i => 50 + (i * 1e-12))),
            (4, Gen.Choose(int.MinValue, int.MaxValue).Select(i => i * 1e-3)),
            (1, Gen.Elements(double.NaN, -0.0, 0.0, 1e300, -1e300, 5e-324, double.PositiveInfinity, double.NegativeInfinity)))
        .ArrayOf().ToArbitrary();

    [Property(MaxTest = 500)]
    public Property Rank_OfManyScores_IsOnePlusTheNumberBefore_InEitherOrder(bool descending, bool lowerIsBetter) =>
        Prop.ForAll(ManyScores(), scores =>
        {
            var d = lowerIsBetter ? -1.0 : 1.0;
            var ranks = new double[scores.Length];
            var scratch = new RankScratch(scores.Length);
            Kernels.RankAscending(scores, d, ranks, scratch, descending);
            var sorted = scores.Where(s => !double.IsNaN(d * s)).Select(s => d * s).Order().ToArray();
            for (var u = 0; u < scores.Length; u++)
            {
                var y = d * scores[u];
                var before = descending ? sorted.Length - UpperBound(sorted, y) : LowerBound(sorted, y);
                Assert.Equal(double.IsNaN(y) ? double.NaN : 1 + before, ranks[u]);
            }

            // The same scratch reused (buckets and fill positions of the previous call must not leak into this one).
            var again = new double[scores.Length];
            Kernels.RankAscending(scores, d, again, scratch, descending);
            Assert.Equal(ranks, again);
        });

    private static int LowerBound(double[] sorted, double y)
    {
        var i = Array.BinarySearch(sorted, y);
        if (i < 0)
        {
            return ~i;
        }

        while (i > 0 && sorted[i - 1] == y)
        {
            i--;
        }

        return i;
    }

    private static int UpperBound(double[] sorted, double y)
    {
        var i = Array.BinarySearch(sorted, y);
        if (i < 0)
        {
            return ~i;
        }

        while (i + 1 < sorted.Length && sorted[i + 1] == y)
        {
            i++;
        }

        return i + 1;
    }
}
