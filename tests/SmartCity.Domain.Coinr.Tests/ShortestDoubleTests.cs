using System.Globalization;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SmartCity.Domain.Coinr.Tests;

/// <summary>Bit patterns of finite doubles: any sign, exponent and mantissa, with powers of two, subnormals and everyday magnitudes drawn more often.</summary>
public static class DoubleBits
{
    private const ulong MantissaMask = (1UL << 52) - 1;

    private static readonly Gen<ulong> Word = Gen.Choose(int.MinValue, int.MaxValue).Two().Select(t => unchecked(((ulong)(uint)t.Item1 << 32) | (uint)t.Item2));

    private static readonly Gen<ulong> Bits = Gen.Frequency(
        (6, Word),
        (1, Word.Select(w => w & ~MantissaMask)), // powers of two (the lower gap is half the upper)
        (1, Word.Select(w => w & (MantissaMask | (1UL << 63)))), // subnormals
        (2, from w in Word from e in Gen.Choose(1023 - 60, 1023 + 60) select (w & (MantissaMask | (1UL << 63))) | ((ulong)e << 52)),
        (1, from w in Word from e in Gen.Choose(0, 2046) from keep in Gen.Choose(0, 52) select (w & ~MantissaMask) | ((ulong)e << 52) | ((w & MantissaMask) >> keep << keep))) // few mantissa bits
        .Select(w => (w & (0x7FFUL << 52)) == 0x7FFUL << 52 ? w & ~(1UL << 62) : w); // no NaN or infinity

    public static Arbitrary<ulong> Finite() => Arb.From(Bits, Shrink);

    /// <summary>Towards simpler doubles: positive, fewer mantissa bits, the exponent nearer 1's; all finite.</summary>
    private static IEnumerable<ulong> Shrink(ulong bits)
    {
        if ((bits >> 63) != 0)
        {
            yield return bits & ~(1UL << 63);
        }

        var mantissa = bits & MantissaMask;
        if (mantissa != 0)
        {
            var low = BitOperations.TrailingZeroCount(mantissa);
            for (var clear = 52; clear > low; clear = (clear + low) / 2)
            {
                yield return bits & ~((1UL << clear) - 1) | (bits & ~MantissaMask);
            }
        }

        var exponent = (long)((bits >> 52) & 0x7FF);
        if (exponent != 1023)
        {
            yield return (bits & ~(0x7FFUL << 52)) | ((ulong)(1023 + ((exponent - 1023) / 2)) << 52);
        }
    }
}

[Properties(Arbitrary = [typeof(DoubleBits)])]
public class ShortestDoubleTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The four finite doubles whose .NET 10.0.12 text does not parse back to them (.NET's Dragon4 took the gaps around a
    /// power of two as equal, dotnet/runtime#131131): the shortest text that does, and .NET 10.0.12's.
    /// </summary>
    public static TheoryData<ulong, string, string> DotNetPowerOfTwoBug => new()
    {
        { 0x3E60000000000000, "2.9802322387695312E-08", "2.980232238769531E-08" }, // 2^-25
        { 0xBE60000000000000, "-2.9802322387695312E-08", "-2.980232238769531E-08" },
        { 0x0410000000000000, "4.1045368012983762E-289", "4.104536801298376E-289" }, // 2^-958
        { 0x8410000000000000, "-4.1045368012983762E-289", "-4.104536801298376E-289" },
    };

    private static string Ours(double value)
    {
        Span<char> buffer = stackalloc char[ShortestDouble.MaxLength];
        return new string(buffer[..ShortestDouble.Format(value, buffer)]);
    }

    /// <summary>Our text is .NET's default <c>ToString</c>, and parses back to the same bits (but where .NET's own does not).</summary>
    private static void AssertAsDotNet(double value)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var ours = Ours(value);
        var expected = value.ToString(Invariant);
        if (ours != expected)
        {
            Assert.Fail($"0x{bits:X16}: ours {ours}, .NET {expected}");
        }

        var back = BitConverter.DoubleToUInt64Bits(double.Parse(ours, NumberStyles.Float, Invariant));
        if (back != bits && !DotNetPowerOfTwoBug.Any(row => (ulong)row[0] == bits))
        {
            Assert.Fail($"0x{bits:X16}: {ours} parses back to 0x{back:X16}");
        }
    }

    [Property(MaxTest = 200_000)]
    public void AnyFiniteDouble_IsWrittenAsDotNetWritesIt_AndParsesBack(ulong bits) => AssertAsDotNet(BitConverter.UInt64BitsToDouble(bits));

    /// <summary>Integers of every size up to 2^63, and decimals k / 10^j (the double nearest to them, as a parser gives, and the quotient).</summary>
    [Property(MaxTest = 50_000)]
    public void NiceDecimals_AreWrittenAsDotNetWritesThem(ulong word, byte shift, byte scale)
    {
        var integer = unchecked((long)word) >> (shift % 64);
        AssertAsDotNet(integer);
        AssertAsDotNet(-(double)integer);
        AssertAsDotNet(double.Parse(string.Create(Invariant, $"{integer}E-{scale % 26}"), Invariant));
        AssertAsDotNet(integer / Math.Pow(10, scale % 26));
    }

    /// <summary>COINr-style scores: min-max to [0, 100] at full precision, and rounded to a few digits.</summary>
    [Property(MaxTest = 50_000)]
    public void Scores_AreWrittenAsDotNetWritesThem(ulong seed)
    {
        var rnd = new Random(unchecked((int)seed));
        var min = (rnd.NextDouble() - 0.5) * Math.Pow(10, rnd.Next(-3, 7));
        var max = min + (rnd.NextDouble() * Math.Pow(10, rnd.Next(-3, 7)));
        var x = min + (rnd.NextDouble() * (max - min));
        var score = (x - min) / (max - min) * 100;
        AssertAsDotNet(score);
        AssertAsDotNet(Math.Round(score, rnd.Next(0, 6)));
        AssertAsDotNet(100 - score);
        AssertAsDotNet(rnd.Next(0, 10_001) / 100.0);
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.0, "-1")]
    [InlineData(100.0, "100")]
    [InlineData(-60.0, "-60")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(2.0 / 3, "0.6666666666666666")]
    [InlineData(Math.PI, "3.141592653589793")]
    [InlineData(4.35, "4.35")]
    [InlineData(double.Epsilon, "5E-324")] // = 5E-324, the smallest subnormal
    [InlineData(1E-323, "1E-323")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    [InlineData(double.MinValue, "-1.7976931348623157E+308")]
    [InlineData(1E+308, "1E+308")]
    [InlineData(1E+23, "1E+23")] // exactly halfway between two doubles: the even one's bound is taken
    [InlineData(9007199254740992.0, "9007199254740992")] // 2^53
    [InlineData(9007199254740991.0, "9007199254740991")]
    [InlineData(9007199254740994.0, "9007199254740994")]
    [InlineData(18014398509481984.0, "18014398509481984")] // 2^54: 17 digits, fixed
    [InlineData(123456789012345.0, "123456789012345")]
    [InlineData(1E+15, "1000000000000000")] // not 1E+15: .NET 10 switches to scientific at 10^17, not 10^15
    [InlineData(1.2345E+16, "12345000000000000")]
    [InlineData(1E+16, "10000000000000000")]
    [InlineData(12345678901234568.0, "12345678901234568")]
    [InlineData(99999999999999984.0, "99999999999999980")]
    [InlineData(1E+17, "1E+17")]
    [InlineData(1.2345678901234568E+17, "1.2345678901234568E+17")]
    [InlineData(1E+21, "1E+21")]
    [InlineData(0.001234, "0.001234")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012345678901234567, "0.00012345678901234567")]
    [InlineData(-0.00012345678901234567, "-0.00012345678901234567")]
    [InlineData(9.9999999999999991E-06, "9.999999999999999E-06")]
    [InlineData(1E-05, "1E-05")]
    [InlineData(1.5E-05, "1.5E-05")]
    [InlineData(1E-100, "1E-100")]
    [InlineData(1.2345E-300, "1.2345E-300")]
    public void Edges_HaveDotNetsText(double value, string expected)
    {
        Assert.Equal(expected, value.ToString(Invariant)); // what .NET 10 writes, pinned here
        Assert.Equal(expected, Ours(value));
        AssertAsDotNet(value);
    }

    [Theory]
    [InlineData(0x0000000000000001, "5E-324")] // the smallest subnormal
    [InlineData(0x000FFFFFFFFFFFFF, "2.225073858507201E-308")] // the largest subnormal
    [InlineData(0x0010000000000000, "2.2250738585072014E-308")] // the smallest normal: both gaps equal (1 ulp of a subnormal)
    [InlineData(0x0010000000000001, "2.225073858507202E-308")]
    [InlineData(0x7FEFFFFFFFFFFFFF, "1.7976931348623157E+308")]
    [InlineData(0x7FEFFFFFFFFFFFFE, "1.7976931348623155E+308")]
    [InlineData(0x8000000000000001, "-5E-324")]
    public void BitPatterns_HaveDotNetsText(ulong bits, string expected)
    {
        var value = BitConverter.UInt64BitsToDouble(bits);
        Assert.Equal(expected, value.ToString(Invariant));
        Assert.Equal(expected, Ours(value));
        AssertAsDotNet(value);
    }

    [Theory]
    [MemberData(nameof(DotNetPowerOfTwoBug))]
    public void PowersOfTwoWhereDotNet10DoesNotRoundTrip_AreWrittenAsTheRuntimeWritesThem(ulong bits, string shortest, string dotNet10)
    {
        // .NET 10.0.12 writes 16 digits, which parse back to the double below; a runtime with the fix writes the 17 that
        // round-trip. Ours is the runtime's text either way (the library formats with "R" elsewhere, and Excel cells
        // are numbers when their text is "R"'s).
        var value = BitConverter.UInt64BitsToDouble(bits);
        var net = value.ToString(Invariant);
        Assert.Equal(net, Ours(value));
        Assert.Contains(net, new[] { shortest, dotNet10 });
        Assert.Equal(bits, BitConverter.DoubleToUInt64Bits(double.Parse(shortest, Invariant)));
        Assert.Equal(Math.BitDecrement(Math.Abs(value)) * Math.Sign(value), double.Parse(dotNet10, Invariant));
    }

    [Fact]
    public void EveryPowerOfTwoAndOfTen_AndTheirNeighbours_AreWrittenAsDotNetWritesThem()
    {
        for (var e = -1074; e <= 1023; e++)
        {
            var p = Math.ScaleB(1.0, e);
            foreach (var v in new[] { p, Math.BitIncrement(p), Math.BitDecrement(p) })
            {
                AssertAsDotNet(v);
                AssertAsDotNet(-v);
            }
        }

        for (var e = -323; e <= 308; e++)
        {
            var p = double.Parse(string.Create(Invariant, $"1E{e}"), Invariant);
            foreach (var v in new[] { p, Math.BitIncrement(p), Math.BitDecrement(p), 5 * p, 9.5 * p })
            {
                if (double.IsFinite(v))
                {
                    AssertAsDotNet(v);
                    AssertAsDotNet(-v);
                }
            }
        }
    }

    [Fact]
    public void EveryExponent_WithEdgeAndRandomMantissas_IsWrittenAsDotNetWritesIt()
    {
        // 2047 exponents × 40 mantissas: the extremes, one bit, all ones in the top bits, and random ones.
        var rnd = new Random(20260101);
        var mantissas = new List<ulong> { 0, 1, 2, 3, (1UL << 52) - 1, (1UL << 52) - 2, 1UL << 51, (1UL << 51) + 1 };
        for (var k = 1; k <= 12; k++)
        {
            mantissas.Add(((1UL << 52) - 1) >> k << k);
            mantissas.Add(1UL << (4 * k));
        }

        while (mantissas.Count < 40)
        {
            mantissas.Add((ulong)rnd.NextInt64(1L << 52));
        }

        for (ulong e = 0; e < 0x7FF; e++)
        {
            foreach (var m in mantissas)
            {
                AssertAsDotNet(BitConverter.UInt64BitsToDouble((e << 52) | m));
            }
        }
    }

    [Fact]
    public void SmallIntegersAndCentesimals_AreWrittenAsDotNetWritesThem()
    {
        for (var i = 0; i <= 300_000; i++)
        {
            AssertAsDotNet(i);
            AssertAsDotNet(i / 100.0);
            AssertAsDotNet(i / 1000.0);
            AssertAsDotNet(-i / 7.0);
        }
    }

    [Fact]
    public void NotFiniteValues_AndShortBuffers_AreRefused()
    {
        var buffer = new char[ShortestDouble.MaxLength];
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortestDouble.Format(double.NaN, buffer));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortestDouble.Format(double.PositiveInfinity, buffer));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortestDouble.Format(double.NegativeInfinity, buffer));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortestDouble.Format(1.0, new char[ShortestDouble.MaxLength - 1]));
    }

    [Fact]
    public void TheLongestTexts_FitMaxLength()
    {
        Assert.Equal(ShortestDouble.MaxLength, Ours(BitConverter.UInt64BitsToDouble(0x8010000000000000)).Length); // -2.2250738585072014E-308
        Assert.Equal("-0.00012345678901234567".Length, Ours(-0.00012345678901234567).Length);
    }

    [Fact]
    public void Table_IsThePowersOfTenRecomputed()
    {
        // As eng/shortest-double-tables.cs writes it: ⌈10^k × 2^(127 − ⌊log2 10^k⌋)⌉ for −292 ≤ k ≤ 326, high half first.
        var cache = ShortestDouble.Pow10Cache;
        Assert.Equal(-292, ShortestDouble.Pow10CacheMinK);
        Assert.Equal(2 * (326 + 292 + 1), cache.Length);
        for (var k = -292; k <= 326; k++)
        {
            var exact = k >= 0 ? BigInteger.Pow(10, k) : BigInteger.One;
            var divisor = k >= 0 ? BigInteger.One : BigInteger.Pow(10, -k);

            // 2^127 ≤ φ < 2^128, φ − 1 < 10^k × 2^s ≤ φ for the one s that puts 10^k × 2^s in that range.
            var phi = ((BigInteger)cache[2 * (k + 292)] << 64) | cache[(2 * (k + 292)) + 1];
            Assert.Equal(128, phi.GetBitLength());
            var log2 = (int)Math.Floor(k * Math.Log2(10));
            var s = 127 - log2;
            var scaled = s >= 0 ? exact << s : exact;
            var scaledDivisor = s >= 0 ? divisor : divisor << -s;
            Assert.True((phi - 1) * scaledDivisor < scaled && scaled <= phi * scaledDivisor, $"10^{k}");
        }
    }
}
