using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SmartCity.Domain.Coinr;

/// <summary>
/// Writes a finite double as <c>value.ToString(CultureInfo.InvariantCulture)</c> does (the default format, the same text
/// as <c>"R"</c>): the shortest digits that parse back to the same double, the closest to its exact value when several
/// do, laid out as .NET lays them out; into a span, without allocating, in a fraction of the time of
/// <see cref="double.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>. The text is .NET's for
/// every finite double but four powers of two, where .NET 10's text does not round-trip (see the remarks).
/// </summary>
/// <remarks>
/// <para>
/// The digits are Ryū's (Ulf Adams, "Ryū: fast float-to-string conversion", PLDI 2018; reference implementation
/// github.com/ulfjack/ryu, d2s.c, Apache 2.0 or Boost 1.0 licence): the rounding interval of the double scaled by a
/// power of ten with 128-bit products (tables of powers of 5 in <c>ShortestDouble.Tables.cs</c>, written by
/// <c>eng/ryu-tables.cs</c>), then digits removed while the interval still holds a shorter number; bounds that parse back
/// to the double (even significands) belong to it, and of two shortest candidates the closer wins (ties: the even digit).
/// .NET (Grisu3, falling back to Dragon4) gives the same digits for every finite double but four: ±2^-25 and ±2^-958,
/// where .NET 10's Dragon4 takes the gaps around a power of two as equal (dotnet/runtime#131131, fixed upstream) and
/// writes text that parses back to the double below (<c>2.980232238769531E-08</c>); this writes the shortest text that
/// round-trips (<c>2.9802322387695312E-08</c>), as .NET with that fix does.
/// </para>
/// <para>
/// The layout is .NET's "G" layout of shortest digits: with <c>e</c> the decimal exponent of the first digit, fixed
/// notation for −5 &lt; e &lt; 17 (<c>0.0001</c>, <c>12345678901234568</c>, <c>10000000000000000</c>), otherwise scientific
/// with a signed exponent of at least two digits (<c>1E-05</c>, <c>1E+17</c>, <c>5E-324</c>); <c>-0</c> for negative zero.
/// .NET 10 compares the exponent with 17 (<c>MaxRoundTripDigits</c> in its generic formatting); older .NET compared it with
/// 15 (<c>DoublePrecision</c>), which wrote <c>1E+15</c>.
/// </para>
/// </remarks>
internal static partial class ShortestDouble
{
    /// <summary>The most characters a finite double takes (<c>-2.2250738585072014E-308</c>).</summary>
    public const int MaxLength = 24;

    private const int MantissaBits = 52;
    private const int ExponentBias = 1023;
    private const int Pow5BitCount = 125;
    private const int Pow5InvBitCount = 125;

    /// <summary>"00", "01", … "99".</summary>
    private const string DigitPairs =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
        "8081828384858687888990919293949596979899";

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> and returns the number of characters written.</summary>
    /// <param name="value">A finite double.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> characters.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="destination"/> is shorter than <see cref="MaxLength"/>.</exception>
    public static int Format(double value, Span<char> destination)
    {
        unchecked
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, MaxLength, nameof(destination));
            var bits = BitConverter.DoubleToUInt64Bits(value);
            var ieeeMantissa = bits & ((1UL << MantissaBits) - 1);
            var ieeeExponent = (int)(bits >> MantissaBits) & 0x7FF;
            if (ieeeExponent == 0x7FF)
            {
                ThrowNotFinite(value);
            }

            ref var start = ref MemoryMarshal.GetReference(destination);
            var sign = (int)(bits >> 63);
            start = '-';
            ref var d = ref Unsafe.Add(ref start, sign);
            if ((bits << 1) == 0)
            {
                d = '0';
                return sign + 1;
            }

            // Integers in [1, 2^53): the integer's digits are the shortest (the gap between doubles is at most 1).
            var e2 = ieeeExponent - ExponentBias - MantissaBits;
            if ((uint)-e2 <= MantissaBits)
            {
                var m2 = (1UL << MantissaBits) | ieeeMantissa;
                if ((m2 & ((1UL << -e2) - 1)) == 0)
                {
                    var integer = m2 >> -e2;
                    var length = DecimalLength(integer);
                    WriteDigits(ref d, integer, length);
                    return sign + length;
                }
            }

            var digits = ToDecimal(ieeeMantissa, ieeeExponent, out var exponent);
            return sign + Layout(ref d, digits, exponent);
        }
    }

    /// <summary>The shortest decimal <c>digits × 10^exponent</c> inside the rounding interval of the double (Ryū's d2d).</summary>
    private static ulong ToDecimal(ulong ieeeMantissa, int ieeeExponent, out int exponent)
    {
        unchecked
        {
            // The value is m2 × 2^(e2 + 2); e2 carries two more bits for the bounds (m2 ± half a gap, times 4).
            int e2;
            ulong m2;
            if (ieeeExponent == 0)
            {
                e2 = 1 - ExponentBias - MantissaBits - 2;
                m2 = ieeeMantissa;
            }
            else
            {
                e2 = ieeeExponent - ExponentBias - MantissaBits - 2;
                m2 = (1UL << MantissaBits) | ieeeMantissa;
            }

            // An even significand keeps its bounds (they parse back to it, ties to even).
            var acceptBounds = (m2 & 1) == 0;
            var mv = 4 * m2;

            // 1: the lower bound is half a gap below (mv − 2); 0: a quarter (mv − 1), for a power of two above the
            // smallest normal (the double below is half as far). At 2^-1022 both gaps are equal (Ryū's rule; .NET takes
            // the narrower bound there, which gives the same digits).
            var mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;

            ulong vr, vp, vm;
            int e10;
            var vmIsTrailingZeros = false;
            var vrIsTrailingZeros = false;
            if (e2 >= 0)
            {
                // q = max(0, ⌊log10 2^e2⌋ − 1): divide by 10^q (multiply by 2^k / 5^q, shift by e2 − q + k).
                var q = Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
                e10 = q;
                var k = Pow5InvBitCount + Pow5Bits(q) - 1;
                var i = -e2 + q + k;
                vr = MulShiftAll(m2, Pow5InvSplit[2 * q], Pow5InvSplit[(2 * q) + 1], i, out vp, out vm, mmShift);
                if (q <= 21)
                {
                    // Whether the removed digits are all zeros (one of mp, mv, mm at most is a multiple of 5).
                    if (mv % 5 == 0)
                    {
                        vrIsTrailingZeros = MultipleOfPowerOf5(mv, q);
                    }
                    else if (acceptBounds)
                    {
                        vmIsTrailingZeros = MultipleOfPowerOf5(mv - 1 - mmShift, q);
                    }
                    else
                    {
                        vp -= MultipleOfPowerOf5(mv + 2, q) ? 1UL : 0UL;
                    }
                }
            }
            else
            {
                // q = max(0, ⌊log10 5^−e2⌋ − 1): multiply by 5^(−e2 − q), divide by 10^q.
                var q = Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
                e10 = q + e2;
                var i = -e2 - q;
                var k = Pow5Bits(i) - Pow5BitCount;
                var j = q - k;
                vr = MulShiftAll(m2, Pow5Split[2 * i], Pow5Split[(2 * i) + 1], j, out vp, out vm, mmShift);
                if (q <= 1)
                {
                    // mv = 4 × m2 has at least two trailing zero bits; mm has one iff mmShift = 1; mp = mv + 2 has one.
                    vrIsTrailingZeros = true;
                    if (acceptBounds)
                    {
                        vmIsTrailingZeros = mmShift == 1;
                    }
                    else
                    {
                        vp--;
                    }
                }
                else if (q < 63)
                {
                    vrIsTrailingZeros = (mv & ((1UL << q) - 1)) == 0;
                }
            }

            var removed = 0;
            ulong output;
            if (vmIsTrailingZeros || vrIsTrailingZeros)
            {
                // Rare (about 0.7 %): the exact value or the lower bound may end in zeros, which decide ties and bounds.
                var lastRemovedDigit = 0;
                while (true)
                {
                    var vpDiv10 = vp / 10;
                    var vmDiv10 = vm / 10;
                    if (vpDiv10 <= vmDiv10)
                    {
                        break;
                    }

                    var vrDiv10 = vr / 10;
                    vmIsTrailingZeros &= vm - (10 * vmDiv10) == 0;
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = (int)(vr - (10 * vrDiv10));
                    vr = vrDiv10;
                    vp = vpDiv10;
                    vm = vmDiv10;
                    removed++;
                }

                if (vmIsTrailingZeros)
                {
                    while (true)
                    {
                        var vmDiv10 = vm / 10;
                        if (vm - (10 * vmDiv10) != 0)
                        {
                            break;
                        }

                        var vrDiv10 = vr / 10;
                        vrIsTrailingZeros &= lastRemovedDigit == 0;
                        lastRemovedDigit = (int)(vr - (10 * vrDiv10));
                        vr = vrDiv10;
                        vp /= 10;
                        vm = vmDiv10;
                        removed++;
                    }
                }

                if (vrIsTrailingZeros && lastRemovedDigit == 5 && (vr & 1) == 0)
                {
                    // Exactly halfway: round to the even digit.
                    lastRemovedDigit = 4;
                }

                output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1UL : 0UL);
            }
            else
            {
                // Common: remove two digits at a time while the interval holds a shorter number, then one.
                var roundUp = false;
                var vpDiv100 = vp / 100;
                var vmDiv100 = vm / 100;
                if (vpDiv100 > vmDiv100)
                {
                    var vrDiv100 = vr / 100;
                    roundUp = vr - (100 * vrDiv100) >= 50;
                    vr = vrDiv100;
                    vp = vpDiv100;
                    vm = vmDiv100;
                    removed += 2;
                }

                while (true)
                {
                    var vpDiv10 = vp / 10;
                    var vmDiv10 = vm / 10;
                    if (vpDiv10 <= vmDiv10)
                    {
                        break;
                    }

                    var vrDiv10 = vr / 10;
                    roundUp = vr - (10 * vrDiv10) >= 5;
                    vr = vrDiv10;
                    vp = vpDiv10;
                    vm = vmDiv10;
                    removed++;
                }

                output = vr + (vr == vm || roundUp ? 1UL : 0UL);
            }

            exponent = e10 + removed;
            return output;
        }
    }

    /// <summary>
    /// (4m × mul) >> j, (4m + 2) × mul >> j and (4m − 1 − mmShift) × mul >> j, mul = high × 2^64 + low (125 bits),
    /// m &lt; 2^53: each the top of a 180-bit product, from two 64 × 64 → 128-bit multiplications shared by all three.
    /// </summary>
    private static ulong MulShiftAll(ulong m, ulong low, ulong high, int j, out ulong vp, out ulong vm, uint mmShift)
    {
        unchecked
        {
            // (2m) × mul = hi:mid:lo (192 bits), then ± mul for the bounds, and the three shifted right by j − 64 − 1.
            m <<= 1;
            var tmp = Math.BigMul(m, low, out var lo);
            var hi = Math.BigMul(m, high, out var midLow);
            var mid = tmp + midLow;
            hi += mid < tmp ? 1UL : 0UL;

            var lo2 = lo + low;
            var mid2 = mid + high + (lo2 < lo ? 1UL : 0UL);
            var hi2 = hi + (mid2 < mid ? 1UL : 0UL);
            vp = ShiftRight128(mid2, hi2, j - 64 - 1);

            if (mmShift == 1)
            {
                var lo3 = lo - low;
                var mid3 = mid - high - (lo3 > lo ? 1UL : 0UL);
                var hi3 = hi - (mid3 > mid ? 1UL : 0UL);
                vm = ShiftRight128(mid3, hi3, j - 64 - 1);
            }
            else
            {
                // (4m − 1) × mul: twice 2m × mul, minus mul, shifted one less.
                var lo3 = lo + lo;
                var mid3 = mid + mid + (lo3 < lo ? 1UL : 0UL);
                var hi3 = hi + hi + (mid3 < mid ? 1UL : 0UL);
                var lo4 = lo3 - low;
                var mid4 = mid3 - high - (lo4 > lo3 ? 1UL : 0UL);
                var hi4 = hi3 - (mid4 > mid3 ? 1UL : 0UL);
                vm = ShiftRight128(mid4, hi4, j - 64);
            }

            return ShiftRight128(mid, hi, j - 64 - 1);
        }
    }

    /// <summary>(hi:lo) >> distance, for 0 &lt; distance &lt; 64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ShiftRight128(ulong lo, ulong hi, int distance) => (hi << (64 - distance)) | (lo >> distance);

    /// <summary>⌊log10 2^e⌋ for 0 ≤ e ≤ 1650.</summary>
    private static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    /// <summary>⌊log10 5^e⌋ for 0 ≤ e ≤ 2620.</summary>
    private static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    /// <summary>⌈log2 5^e⌉ (the bit length of 5^e, 1 for e = 0) for 0 ≤ e ≤ 3528.</summary>
    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    private static bool MultipleOfPowerOf5(ulong value, int p)
    {
        var count = 0;
        while (value % 5 == 0)
        {
            value /= 5;
            count++;
        }

        return count >= p;
    }

    /// <summary>The number of decimal digits of 0 &lt; v &lt; 10^17.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecimalLength(ulong v)
    {
        // ⌊log10 v⌋ is ⌊log2 v⌋ × log10 2 or one more.
        var guess = ((BitOperations.Log2(v) + 1) * 1233) >> 12;
        return guess + (v >= PowersOf10[guess] ? 1 : 0);
    }

    private static ReadOnlySpan<ulong> PowersOf10 =>
    [
        1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000,
        1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000, 100000000000000000,
    ];

    /// <summary>Lays out <c>digits × 10^exponent</c> as .NET's "G" format does for shortest digits.</summary>
    private static int Layout(ref char d, ulong digits, int exponent)
    {
        unchecked
        {
            var length = DecimalLength(digits);
            var e = exponent + length - 1;
            if ((uint)(e + 4) < 21u)
            {
                // Fixed: −4 ≤ e ≤ 16.
                if (e < 0)
                {
                    // 0.000ddd
                    d = '0';
                    Unsafe.Add(ref d, 1) = '.';
                    var zeros = -e - 1;
                    for (var z = 0; z < zeros; z++)
                    {
                        Unsafe.Add(ref d, 2 + z) = '0';
                    }

                    WriteDigits(ref Unsafe.Add(ref d, 2 + zeros), digits, length);
                    return 2 + zeros + length;
                }

                if (length <= e + 1)
                {
                    // An integer: the digits, then zeros.
                    WriteDigits(ref d, digits, length);
                    for (var z = length; z <= e; z++)
                    {
                        Unsafe.Add(ref d, z) = '0';
                    }

                    return e + 1;
                }

                // ddd.ddd: the digits one place on, the integer part moved back before the point.
                WriteDigits(ref Unsafe.Add(ref d, 1), digits, length);
                for (var c = 0; c <= e; c++)
                {
                    Unsafe.Add(ref d, c) = Unsafe.Add(ref d, c + 1);
                }

                Unsafe.Add(ref d, e + 1) = '.';
                return length + 1;
            }

            // Scientific: d.dddE±XX.
            WriteDigits(ref Unsafe.Add(ref d, 1), digits, length);
            d = Unsafe.Add(ref d, 1);
            var p = 1;
            if (length > 1)
            {
                Unsafe.Add(ref d, 1) = '.';
                p = length + 1;
            }

            Unsafe.Add(ref d, p) = 'E';
            Unsafe.Add(ref d, p + 1) = e < 0 ? '-' : '+';
            e = Math.Abs(e);
            if (e >= 100)
            {
                Unsafe.Add(ref d, p + 2) = (char)('0' + (e / 100));
                WritePair(ref Unsafe.Add(ref d, p + 3), (uint)(e % 100));
                return p + 5;
            }

            WritePair(ref Unsafe.Add(ref d, p + 2), (uint)e);
            return p + 4;
        }
    }

    /// <summary>Writes the <paramref name="count"/> decimal digits of <paramref name="value"/> (&lt; 10^17) at d[0 .. count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteDigits(ref char d, ulong value, int count)
    {
        unchecked
        {
            ref var end = ref Unsafe.Add(ref d, count);
            if ((value >> 32) != 0)
            {
                // The low 8 digits, then the rest (at most 9) in 32 bits.
                var high = value / 100_000_000;
                var low = (uint)(value - (high * 100_000_000));
                value = high;
                var c = low % 10_000;
                var b = low / 10_000;
                WritePair(ref Unsafe.Subtract(ref end, 2), c % 100);
                WritePair(ref Unsafe.Subtract(ref end, 4), c / 100);
                WritePair(ref Unsafe.Subtract(ref end, 6), b % 100);
                WritePair(ref Unsafe.Subtract(ref end, 8), b / 100);
                end = ref Unsafe.Subtract(ref end, 8);
            }

            var v = (uint)value;
            while (v >= 10_000)
            {
                var c = v % 10_000;
                v /= 10_000;
                WritePair(ref Unsafe.Subtract(ref end, 2), c % 100);
                WritePair(ref Unsafe.Subtract(ref end, 4), c / 100);
                end = ref Unsafe.Subtract(ref end, 4);
            }

            if (v >= 100)
            {
                WritePair(ref Unsafe.Subtract(ref end, 2), v % 100);
                v /= 100;
                end = ref Unsafe.Subtract(ref end, 2);
            }

            if (v >= 10)
            {
                WritePair(ref Unsafe.Subtract(ref end, 2), v);
            }
            else
            {
                Unsafe.Subtract(ref end, 1) = (char)('0' + v);
            }
        }
    }

    /// <summary>Writes the two digits of <paramref name="pair"/> (&lt; 100) at d[0] and d[1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WritePair(ref char d, uint pair) =>
        Unsafe.WriteUnaligned(
            ref Unsafe.As<char, byte>(ref d),
            Unsafe.ReadUnaligned<uint>(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref Unsafe.AsRef(in DigitPairs.GetPinnableReference()), (int)(2 * pair)))));

    private static void ThrowNotFinite(double value) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite doubles are formatted here.");
}
