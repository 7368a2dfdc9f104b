using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Tests.Properties;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Scoring;

/// <summary>
/// The vector log and exp (<see cref="LibmVector"/>) give exactly the bits of <see cref="Math.Log(double)"/> and
/// <see cref="Math.Exp(double)"/>, lane by lane, whatever the value: over the whole bit range, realistic scores, the exp
/// arguments a geometric mean produces and the thresholds of glibc's special cases; and the geometric mean scored with the
/// vector path equals the one scored without it. On a machine where the vector path is off (no AVX2/FMA, no glibc) only
/// that is checked.
/// </summary>
public class LibmVectorProperties
{
    private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);

    /// <summary>Values to take logs of (<see cref="Values.Positives"/>).</summary>
    public sealed record PositiveArray(double[] Get);

    /// <summary>Values to take exps of (<see cref="Values.Exponents"/>).</summary>
    public sealed record ExponentArray(double[] Get);

    /// <summary>Arrays of 0–70 doubles (lengths not multiples of 4 included).</summary>
    public static class Values
    {
        /// <summary>64 uniform bits, from three non-negative chunks (24 + 20 + 20 bits).</summary>
        private static readonly Gen<ulong> AnyBits =
            Gen.Choose(0, (1 << 24) - 1).SelectMany(hi => Gen.Choose(0, (1 << 20) - 1).SelectMany(mid => Gen.Choose(0, (1 << 20) - 1)
                .Select(lo => unchecked(((ulong)(uint)hi << 40) | ((ulong)(uint)mid << 20) | (uint)lo))));

        private static readonly Gen<double> Unit = Gen.Choose(0, int.MaxValue).Select(i => i / (double)int.MaxValue);

        private static readonly double Tiny = BitConverter.Int64BitsToDouble(0x3C90000000000000); // 2^-54

        private static readonly Gen<double> Ulps = Gen.Choose(-40, 40).Select(i => (double)i);

        /// <summary>Any bit pattern: negative, subnormal, NaN payloads, ∞, every exponent.</summary>
        public static Arbitrary<double[]> AnyDoubles() => Column(AnyBits.Select(BitConverter.UInt64BitsToDouble), x => x, x => x);

        /// <summary>What logs are taken of: scores in (0, 100], integers, near 1, tiny and huge, subnormal, missing.</summary>
        public static Arbitrary<PositiveArray> Positives() => Column(Gen.Frequency(
            (6, Unit.Select(u => 100 * u).Where(v => v > 0)),
            (2, Gen.Choose(1, 100).Select(i => (double)i)),
            (3, Unit.Select(u => 0.9375 + (0.13 * u))),
            (2, Ulps.Select(k => Step(1.0, (int)k))),
            (1, Gen.Elements(0.9375, 1.0 + (0x109 / 4096.0)).SelectMany(t => Ulps.Select(k => Step(t, (int)k)))),
            (2, Unit.Select(u => Math.Pow(10, (616 * u) - 308))),
            (1, AnyBits.Select(b => BitConverter.UInt64BitsToDouble(b & 0x000F_FFFF_FFFF_FFFF)).Where(v => v > 0)),
            (1, Gen.Elements(double.Epsilon, double.MaxValue, double.PositiveInfinity, 2.2250738585072014E-308)),
            (2, Gen.Constant(double.NaN))), x => new PositiveArray(x), a => a.Get);

        /// <summary>What exps are taken of: weighted means of logs ([−750, 710]), small ones, the thresholds 2^-54 and 512, missing.</summary>
        public static Arbitrary<ExponentArray> Exponents() => Column(Gen.Frequency(
            (6, Unit.Select(u => (1460 * u) - 750)),
            (4, Unit.Select(u => (10 * u) - 2)),
            (2, Gen.Elements(512.0, -512.0, Tiny, -Tiny, 709.782712893384, -708.3964185322641, -745.1332191019412, 0.0)
                .SelectMany(t => Ulps.Select(k => Step(t, (int)k)))),
            (1, Unit.Select(u => Math.Pow(2, -80 * u))),
            (1, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.MaxValue, double.MinValue)),
            (1, AnyBits.Select(BitConverter.UInt64BitsToDouble))), x => new ExponentArray(x), a => a.Get);

        private static double Step(double x, int k)
        {
            for (; k > 0; k--)
            {
                x = Math.BitIncrement(x);
            }

            for (; k < 0; k++)
            {
                x = Math.BitDecrement(x);
            }

            return x;
        }

        private static Arbitrary<T> Column<T>(Gen<double> value, Func<double[], T> wrap, Func<T, double[]> unwrap) =>
            Arb.From(Gen.Choose(0, 70).SelectMany(n => value.ArrayOf(n)).Select(wrap), t => Shrink(unwrap(t)).Select(wrap));

        /// <summary>Shorter arrays, then each value with its low mantissa bits cleared (towards short binary fractions).</summary>
        private static IEnumerable<double[]> Shrink(double[] x)
        {
            for (var i = 0; i < x.Length; i++)
            {
                yield return [.. x[..i], .. x[(i + 1)..]];
            }

            for (var i = 0; i < x.Length; i++)
            {
                var b = BitConverter.DoubleToUInt64Bits(x[i]);
                var cleared = b & ~((1UL << 26) - 1);
                if (cleared != b)
                {
                    var y = (double[])x.Clone();
                    y[i] = BitConverter.UInt64BitsToDouble(cleared);
                    yield return y;
                }
            }
        }
    }

    private static string? LogMismatch(double[] x)
    {
        var y = new double[x.Length];
        if (LibmVector.IsSupported)
        {
            LibmVector.LogVector(x, y);
            if (First(x, y, Math.Log) is { } bad)
            {
                return bad;
            }
        }

        LibmVector.Log(x, y);
        return First(x, y, Math.Log);
    }

    private static string? ExpMismatch(double[] x)
    {
        var y = new double[x.Length];
        if (LibmVector.IsSupported)
        {
            LibmVector.ExpVector(x, y);
            if (First(x, y, Math.Exp) is { } bad)
            {
                return bad;
            }
        }

        var inPlace = (double[])x.Clone();
        LibmVector.Exp(inPlace, inPlace);
        return First(x, inPlace, Math.Exp);
    }

    private static string? First(double[] x, double[] y, Func<double, double> f)
    {
        for (var u = 0; u < x.Length; u++)
        {
            if (Bits(y[u]) != Bits(f(x[u])))
            {
                return $"x = {x[u]:R} (0x{Bits(x[u]):X16}): vector 0x{Bits(y[u]):X16}, scalar 0x{Bits(f(x[u])):X16}";
            }
        }

        return null;
    }

    [Fact]
    public void SelfCheck_Passes_WhereTheVectorPathIsSupported()
    {
        Assert.Equal(LibmVector.IsSupported, LibmVector.SelfCheckPassed);
        Assert.Equal(0, LibmVector.Probes().Length % LibmVector.Width);
        if (Environment.GetEnvironmentVariable(LibmVector.Switch) != "0")
        {
            Assert.Equal(LibmVector.IsSupported, LibmVector.Enabled);
        }
    }

    [Fact]
    public void VectorPath_IsOn_OnLinuxX64WithAvx2AndFma()
    {
        // The reference machines (Debian 12, glibc 2.36, AVX2 + FMA): the vector path must not silently turn itself off.
        if (OperatingSystem.IsLinux() && System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported
            && System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier.StartsWith("linux-x64", StringComparison.Ordinal))
        {
            Assert.True(LibmVector.IsSupported);
            Assert.True(LibmVector.SelfCheckPassed);
        }
    }

    [Property(MaxTest = 6000, Arbitrary = [typeof(Values)])]
    public Property Log_IsMathLog_OverEveryBitPattern(double[] x) => Check(LogMismatch(x));

    [Property(MaxTest = 6000, Arbitrary = [typeof(Values)])]
    public Property Log_IsMathLog_OverPositiveValues(PositiveArray x) => Check(LogMismatch(x.Get));

    [Property(MaxTest = 6000, Arbitrary = [typeof(Values)])]
    public Property Exp_IsMathExp_OverTheArgumentsOfAGeometricMean(ExponentArray x) => Check(ExpMismatch(x.Get));

    [Property(MaxTest = 3000, Arbitrary = [typeof(Values)])]
    public Property Exp_IsMathExp_OverEveryBitPattern(double[] x) => Check(ExpMismatch(x));

    /// <summary>Aggregators.Logs, vector and scalar: the same logs, bound and first non-positive index (with missing values and values ≤ 0).</summary>
    [Property(MaxTest = 3000, Arbitrary = [typeof(Values)])]
    public Property Logs_AreTheSameWithAndWithoutVectors(PositiveArray positives, NonNegativeInt at, bool withBad)
    {
        var x = (double[])positives.Get.Clone();
        if (withBad && x.Length > 0)
        {
            x[at.Get % x.Length] = at.Get % 3 == 0 ? 0.0 : at.Get % 3 == 1 ? -0.0 : -at.Get;
        }

        var a = Enumerable.Repeat(7.0, x.Length).ToArray();
        var b = (double[])a.Clone();
        var ra = Aggregators.Logs(x, a, out var ba, vector: true);
        var rb = Aggregators.Logs(x, b, out var bb, vector: false);
        var firstBad = Array.FindIndex(x, v => !double.IsNaN(v) && !(v > 0));
        var same = ra == rb && Bits(ba) == Bits(bb) && (firstBad < 0 ? rb is null : rb == firstBad);
        for (var u = 0; u < (ra ?? x.Length); u++)
        {
            same &= Bits(a[u]) == Bits(b[u]);
        }

        return same.Label($"index {ra}/{rb}, bound {ba:R}/{bb:R}");
    }

    /// <summary>
    /// An exhaustive-ish sweep: every log table interval × 64 mantissas × every 5th exponent (normal and subnormal range),
    /// the close-to-1 interval in 2^20 steps, every exp table index × 64 offsets × k over [−1100, 1100]·128 steps, and 10^7
    /// random values of each.
    /// </summary>
    [Fact]
    public void Sweep_LogAndExp_AreMathLogAndMathExp()
    {
        if (!LibmVector.IsSupported)
        {
            return;
        }

        var x = new List<double>(1 << 22);
        for (var e = -1074; e <= 1023; e += 5)
        {
            for (var i = 0; i < 128; i++)
            {
                for (var m = 0; m < 64; m++)
                {
                    var z = BitConverter.Int64BitsToDouble(0x3FE6000000000000 + ((long)i << 45) + ((long)m << 39) + (m * 0x9E3779B97L));
                    x.Add(Math.ScaleB(z, e));
                }
            }
        }

        const double NearLow = 0.9375, NearHigh = 1.0 + (0x109 / 4096.0);
        for (var k = 0; k <= 1 << 20; k++)
        {
            x.Add(NearLow + ((NearHigh - NearLow) * k / (1 << 20)));
        }

        AssertSame(x, LibmVector.LogVector, Math.Log);

        x.Clear();
        for (var k = -1100 * 128; k <= 1100 * 128; k += 37)
        {
            for (var m = 0; m < 16; m++)
            {
                x.Add((k + ((m - 8) / 16.0)) * Math.Log(2) / 128);
            }
        }

        AssertSame(x, LibmVector.ExpVector, Math.Exp);

        var rng = new Random(20240611);
        var random = new double[10_000_000];
        for (var u = 0; u < random.Length; u++)
        {
            random[u] = u % 2 == 0 ? BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue)) : rng.NextDouble() * 100;
        }

        AssertSame(random, LibmVector.LogVector, Math.Log);
        for (var u = 0; u < random.Length; u++)
        {
            random[u] = u % 4 == 0 ? BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue)) : (rng.NextDouble() * 1460) - 750;
        }

        AssertSame(random, LibmVector.ExpVector, Math.Exp);
    }

    /// <summary>Geometric means scored with and without the vector path: the same bits for every node and unit.</summary>
    [Property(MaxTest = 60)]
    public void GeometricScores_AreTheSameWithAndWithoutVectors(int seed)
    {
        var f = RandomFrameworks.Build(Math.Abs(seed % 1_000_000), positiveOnly: true)
            .WithMethods(new ScoringMethods(NormalisationMethod.MinMax(1, 100).AsT0, AggregationMethod.Geometric)).GetValueOrThrow();
        var data = RandomData.For(f, seed, units: 9 + Math.Abs(seed % 40));
        var plan = ScoringPlan.Compile(f);
        var before = LibmVector.Enabled;
        ScoreResult vector, scalar;
        try
        {
            LibmVector.Enabled = true;
            vector = plan.Score(data).GetValueOrThrow();
            LibmVector.Enabled = false;
            scalar = plan.Score(data).GetValueOrThrow();
        }
        finally
        {
            LibmVector.Enabled = before;
        }

        foreach (var code in f.Groups.Select(g => g.Code))
        {
            for (var u = 0; u < data.UnitCount; u++)
            {
                Assert.Equal(Bits(scalar.Scores(code)[u].OrNaN()), Bits(vector.Scores(code)[u].OrNaN()));
            }
        }
    }

    private static void AssertSame(IReadOnlyList<double> values, SpanMap vector, Func<double, double> scalar)
    {
        var x = values as double[] ?? [.. values];
        var y = new double[x.Length];
        vector(x, y);
        var bad = 0;
        string? first = null;
        for (var u = 0; u < x.Length; u++)
        {
            if (Bits(y[u]) != Bits(scalar(x[u])))
            {
                bad++;
                first ??= $"x = {x[u]:R} (0x{Bits(x[u]):X16}): vector 0x{Bits(y[u]):X16}, scalar 0x{Bits(scalar(x[u])):X16}";
            }
        }

        Assert.True(bad == 0, $"{bad} of {x.Length} differ; first {first}");
    }

    private delegate void SpanMap(ReadOnlySpan<double> x, Span<double> y);

    private static Property Check(string? mismatch) => (mismatch is null).Label(mismatch ?? "");
}
