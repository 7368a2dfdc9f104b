using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Tests.Scoring;

/// <summary>
/// The vectorised sums give the same bits on every CPU: the 256-bit, 128-bit and scalar forms of
/// <see cref="Kernels.Summary"/> and <see cref="Kernels.Deviation"/> (the means behind mean imputation, z-scores, outlier
/// treatment and the multivariate statistics) agree exactly, whatever the machine's vector width.
/// </summary>
public class KernelWidthProperties
{
    /// <summary>Columns of 0–70 values: missing, ±0, small integers, values over the whole range, huge ones.</summary>
    public static class Columns
    {
        private static readonly Gen<double> Value = Gen.Frequency(
            (2, Gen.Constant(double.NaN)),
            (1, Gen.Elements(0.0, -0.0)),
            (3, Gen.Choose(-50, 50).Select(i => (double)i)),
            (4, ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => f.Get)),
            (1, Gen.Choose(-9, 9).Select(i => i * 1e300)));

        public static Arbitrary<double[]> Values() => Arb.From(Gen.Choose(0, 70).SelectMany(n => Value.ArrayOf(n)), Shrink);

        /// <summary>Shorter columns (each value dropped in turn), then each value replaced by 0.</summary>
        private static IEnumerable<double[]> Shrink(double[] x)
        {
            for (var i = 0; i < x.Length; i++)
            {
                yield return [.. x[..i], .. x[(i + 1)..]];
            }

            for (var i = 0; i < x.Length; i++)
            {
                if (Bits(x[i]) != 0)
                {
                    var y = (double[])x.Clone();
                    y[i] = 0;
                    yield return y;
                }
            }
        }
    }

    private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);

    [Property(MaxTest = 2000, Arbitrary = [typeof(Columns)])]
    public bool Summary_IsTheSameWithEveryVectorWidth(double[] x)
    {
        var scalar = Kernels.SummaryScalar(x);
        var wide = Kernels.Summary256(x);
        var narrow = Kernels.Summary128(x);
        return Same(scalar, wide) && Same(scalar, narrow) && Same(scalar, Kernels.Summary(x));

        static bool Same((double Sum, int Count, double Min, double Max) a, (double Sum, int Count, double Min, double Max) b) =>
            Bits(a.Sum) == Bits(b.Sum) && a.Count == b.Count && Bits(a.Min) == Bits(b.Min) && Bits(a.Max) == Bits(b.Max);
    }

    [Property(MaxTest = 2000, Arbitrary = [typeof(Columns)])]
    public bool Deviation_IsTheSameWithEveryVectorWidth(double[] x)
    {
        var mean = Kernels.Mean(x);
        var scalar = Bits(Kernels.DeviationScalar(x, mean));
        return scalar == Bits(Kernels.Deviation256(x, mean)) && scalar == Bits(Kernels.Deviation128(x, mean)) && scalar == Bits(Kernels.Deviation(x, mean));
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(Columns)])]
    public bool Summary_CountsMinimumAndMaximum_AreThoseOfThePresentValues(double[] x)
    {
        var present = x.Where(v => !double.IsNaN(v)).ToArray();
        var (_, count, min, max) = Kernels.Summary(x);
        return count == present.Length
            && (present.Length == 0 ? double.IsPositiveInfinity(min) && double.IsNegativeInfinity(max) : min == present.Min() && max == present.Max());
    }
}
