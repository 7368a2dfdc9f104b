// The shortest-digits step (ToDecimal and its helpers) is a C# rendering of Dragonbox, by Junekey Jeon ("Dragonbox: A
// New Floating-Point Binary-to-Decimal Conversion Algorithm", 2020-2024; reference implementation
// https://github.com/jk-jeon/dragonbox, Apache-2.0 WITH LLVM-exception or Boost Software License 1.0), following the
// compact form of it for binary64 in Alexander Bolz's Drachennest (https://github.com/abolz/Drachennest,
// src/dragonbox.cc, Boost Software License 1.0, https://www.boost.org/LICENSE_1_0.txt).

using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SmartCity.Domain.Coinr;

/// <summary>
/// Writes a finite double as <c>value.ToString(CultureInfo.InvariantCulture)</c> does (the default format, the same text
/// as <c>"R"</c>): the shortest digits that parse back to the same double, the closest to its exact value when several
/// do, laid out as .NET lays them out; into a span, without allocating, in about a third of the time of
/// <see cref="double.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>. The text is .NET's for
/// every finite double, including four powers of two whose .NET 10 text does not round-trip (see the remarks).
/// </summary>
/// <remarks>
/// <para>
/// The digits are Dragonbox's (Junekey Jeon; see the notice at the top of this file): one 128-bit power of ten per
/// double (the table in <c>ShortestDouble.Tables.cs</c>, written by <c>eng/shortest-double-tables.cs</c>), one product
/// with the upper bound of the rounding interval and a division by 1000 decide the shortest digits in most cases; bounds
/// that parse back to the double (even significands) belong to the interval, and of two shortest candidates the closer
/// wins (ties: the even digit). A power of two, whose lower neighbour is half as far as its upper one, takes Schubfach's
/// asymmetric interval. .NET (Grisu3, falling back to Dragon4) computes the same digits for every finite double but
/// four: ±2^-25 and ±2^-958, where .NET 10's Dragon4 takes the gaps around a power of two as equal
/// (dotnet/runtime#131131, fixed upstream after 10.0.12) and writes 16 digits that parse back to the double below
/// (<c>2.980232238769531E-08</c> instead of <c>2.9802322387695312E-08</c>). Those four are handed to
/// <see cref="double.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>, so that the text stays
/// .NET's own on every runtime, with the fix or without it (and the same as the rest of the library, which formats with
/// <c>"R"</c> elsewhere).
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
    private const int ExponentBias = 1023 + MantissaBits;

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> and returns the number of characters written.</summary>
    /// <param name="value">A finite double.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> characters.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="value"/> is NaN or infinite, or <paramref name="destination"/> is shorter than <see cref="MaxLength"/>.
    /// </exception>
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

            if (ieeeMantissa == 0 && ieeeExponent is 1023 - 25 or 1023 - 958)
            {
                // ±2^-25 and ±2^-958: .NET 10.0's own text, whatever it is (see the remarks).
                value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
                return written;
            }

            // Integers in [1, 2^53): the integer's digits are the shortest (the gap between doubles is at most 1).
            var e2 = ieeeExponent - ExponentBias;
            if ((uint)-e2 <= MantissaBits)
            {
                var m2 = (1UL << MantissaBits) | ieeeMantissa;
                if ((m2 & ((1UL << -e2) - 1)) == 0)
                {
                    var integer = m2 >> -e2;
                    var length = DecimalLength(integer);
                    WriteDigits17(ref d, integer * PowersOf10[17 - length]);
                    return sign + length;
                }
            }

            var digits = ToDecimal(ieeeMantissa, ieeeExponent, out var exponent);
            return sign + Layout(ref d, digits, exponent);
        }
    }

    /// <summary>
    /// The shortest decimal <c>digits × 10^exponent</c> (no trailing zeros) in the rounding interval of the nonzero double
    /// with these fields, the closest to it of those of that length.
    /// </summary>
    private static ulong ToDecimal(ulong ieeeMantissa, int ieeeExponent, out int exponent)
    {
        unchecked
        {
            // The double is m2 × 2^e2.
            ulong m2;
            int e2;
            if (ieeeExponent != 0)
            {
                m2 = (1UL << MantissaBits) | ieeeMantissa;
                e2 = ieeeExponent - ExponentBias;
                if (ieeeMantissa == 0 && ieeeExponent > 1)
                {
                    // A power of two above the smallest normal: the lower half-gap is half the upper one.
                    return RemoveTrailingZeros(ToDecimalAsymmetric(e2, out exponent), ref exponent);
                }
            }
            else
            {
                m2 = ieeeMantissa;
                e2 = 1 - ExponentBias;
            }

            // Bounds included when the significand is even (a tie there parses to it).
            var isEven = (m2 & 1) == 0;

            // φ = 10^k scaled to 128 bits with k = −minusK = 2 − ⌊log10 2^e2⌋: z = (2 m2 + 1) 2^e2 10^k / 2 (the upper
            // bound, scaled) has 18 or 19 digits, δ (the width of the interval at that scale) 3.
            var minusK = FloorLog10Pow2(e2) - 2;
            var betaMinus1 = e2 + FloorLog2Pow10(-minusK);
            ref var cache = ref Unsafe.Add(ref MemoryMarshal.GetReference(Pow10Cache), 2 * (-minusK - Pow10CacheMinK));
            var cacheHigh = cache;
            var cacheLow = Unsafe.Add(ref cache, 1);
            var delta = (uint)(cacheHigh >> (63 - betaMinus1));
            var twoFr = (2 * m2) + 1;
            var zi = MultiplyShift128(twoFr << betaMinus1, cacheHigh, cacheLow);

            // With the larger divisor (10^3): a multiple of 1000 inside the interval is the shortest.
            var q = zi / 1000;
            var r = (uint)zi - (1000 * (uint)q);
            if (r < delta)
            {
                if (r != 0 || isEven || !IsIntegralEndpoint(twoFr, e2, minusK))
                {
                    exponent = minusK + 3;
                    goto Done;
                }

                // z itself is the (excluded) upper bound.
                q--;
                r = 1000;
            }
            else if (r == delta)
            {
                var twoFl = (2 * m2) - 1;
                if ((isEven && IsIntegralEndpoint(twoFl, e2, minusK)) || MultiplyParity(twoFl, cacheHigh, cacheLow, betaMinus1))
                {
                    exponent = minusK + 3;
                    goto Done;
                }
            }

            // With the smaller divisor (10^2): the closest multiple of 100, found from r and δ.
            q *= 10;
            var dist = r - (delta / 2) + 50;
            var distQ = dist / 100;
            q += distQ;
            if (dist == distQ * 100)
            {
                // The estimate may be one too high, or a tie.
                var twoFc = 2 * m2;
                var approxYParity = (dist & 1) != 0;
                if (MultiplyParity(twoFc, cacheHigh, cacheLow, betaMinus1) != approxYParity)
                {
                    q--;
                }
                else if ((q & 1) != 0 && IsIntegralMidpoint(twoFc, e2, minusK))
                {
                    q--;
                }
            }

            exponent = minusK + 2;
        Done:
            return RemoveTrailingZeros(q, ref exponent);
        }
    }

    /// <summary>The shortest decimal for 2^52 × 2^e2 (a power of two), whose interval reaches a quarter gap down and a half up.</summary>
    private static ulong ToDecimalAsymmetric(int e2, out int exponent)
    {
        unchecked
        {
            const int Precision = MantissaBits + 1;
            var minusK = FloorLog10ThreeQuartersPow2(e2);
            var betaMinus1 = e2 + FloorLog2Pow10(-minusK);
            var cacheHigh = Pow10Cache[2 * (-minusK - Pow10CacheMinK)];

            // The interval's ends, scaled (both included: the significand 2^52 is even).
            var lower = (cacheHigh - (cacheHigh >> (Precision + 1))) >> (64 - Precision - betaMinus1);
            var upper = (cacheHigh + (cacheHigh >> Precision)) >> (64 - Precision - betaMinus1);
            var xi = lower + (e2 is >= 2 and <= 3 ? 0UL : 1UL); // the lower end is an integer only for these e2
            var q = upper / 10;
            if (q * 10 >= xi)
            {
                exponent = minusK + 1;
                return q;
            }

            // Otherwise the value rounded to the nearest integer at this scale (a tie only at 2^-77: to even).
            q = ((cacheHigh >> (64 - (Precision + 1) - betaMinus1)) + 1) / 2;
            if (e2 == -77)
            {
                q -= q & 1;
            }
            else
            {
                q += q < xi ? 1UL : 0UL;
            }

            exponent = minusK;
            return q;
        }
    }

    /// <summary>⌊log2 10^e⌋ for |e| ≤ 1233.</summary>
    private static int FloorLog2Pow10(int e) => (e * 1741647) >> 19;

    /// <summary>⌊log10 2^e⌋ for |e| ≤ 1500.</summary>
    private static int FloorLog10Pow2(int e) => (e * 1262611) >> 22;

    /// <summary>⌊log10 (3/4 × 2^e)⌋ for |e| ≤ 1500.</summary>
    private static int FloorLog10ThreeQuartersPow2(int e) => ((e * 1262611) - 524031) >> 22;

    /// <summary>⌊x × (high × 2^64 + low) / 2^128⌋.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyShift128(ulong x, ulong high, ulong low)
    {
        unchecked
        {
            var carry = MultiplyHigh(x, low);
            var middle = (x * high) + carry;
            return MultiplyHigh(x, high) + (middle < carry ? 1UL : 0UL);
        }
    }

    /// <summary>The bit of x × φ (φ = high × 2^64 + low) that decides the parity of the scaled value.</summary>
    private static bool MultiplyParity(ulong twoF, ulong high, ulong low, int betaMinus1)
    {
        unchecked
        {
            var middle = (twoF * high) + MultiplyHigh(twoF, low);
            return (middle & (1UL << (64 - betaMinus1))) != 0;
        }
    }

    /// <summary>The upper 64 bits of a × b (one instruction where there is one; no 128-bit value through memory).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyHigh(ulong a, ulong b)
    {
        if (Bmi2.X64.IsSupported)
        {
            return Bmi2.X64.MultiplyNoFlags(a, b);
        }

        if (ArmBase.Arm64.IsSupported)
        {
            return ArmBase.Arm64.MultiplyHigh(a, b);
        }

        return Math.BigMul(a, b, out _);
    }

    /// <summary>Whether twoF × 2^(e2 − 1) × 10^−minusK, an end of the interval scaled, is an integer.</summary>
    private static bool IsIntegralEndpoint(ulong twoF, int e2, int minusK) =>
        e2 >= -2 && (e2 <= 9 || (e2 <= 86 && IsMultipleOfPowerOf5(twoF, minusK)));

    /// <summary>Whether twoF × 2^(e2 − 1) × 10^−minusK, the value scaled, is an integer.</summary>
    private static bool IsIntegralMidpoint(ulong twoF, int e2, int minusK)
    {
        unchecked
        {
            if (e2 < -4)
            {
                var twos = minusK - e2 + 1;
                return twos < 64 && (twoF & ((1UL << twos) - 1)) == 0;
            }

            return e2 <= 9 || (e2 <= 86 && IsMultipleOfPowerOf5(twoF, minusK));
        }
    }

    private static bool IsMultipleOfPowerOf5(ulong value, int power)
    {
        for (var p = 0; p < power; p++)
        {
            if (value % 5 != 0)
            {
                return false;
            }

            value /= 5;
        }

        return true;
    }

    /// <summary>Removes the trailing decimal zeros of <paramref name="value"/> (nonzero), adding them to the exponent.</summary>
    private static ulong RemoveTrailingZeros(ulong value, ref int exponent)
    {
        if (value % 10 != 0)
        {
            return value;
        }

        do
        {
            value /= 10;
            exponent++;
        }
        while (value % 10 == 0);
        return value;
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

    /// <summary>Lays out <c>digits × 10^exponent</c> as .NET's "G" format does for shortest digits; writes at most 23 characters.</summary>
    private static int Layout(ref char d, ulong digits, int exponent)
    {
        unchecked
        {
            var length = DecimalLength(digits);
            var e = exponent + length - 1;

            // The digits left-aligned in 17: what follows them is zeros, overwritten or past the end of the text.
            var digits17 = digits * PowersOf10[17 - length];
            if ((uint)(e + 4) < 21u)
            {
                // Fixed: −4 ≤ e ≤ 16.
                if (e < 0)
                {
                    // 0.ddd, 0.0ddd, 0.00ddd, 0.000ddd.
                    d = '0';
                    Unsafe.Add(ref d, 1) = '.';
                    Unsafe.Add(ref d, 2) = '0';
                    Unsafe.Add(ref d, 3) = '0';
                    Unsafe.Add(ref d, 4) = '0';
                    var first = 1 - e;
                    WriteDigits17(ref Unsafe.Add(ref d, first), digits17);
                    return first + length;
                }

                if (length <= e + 1)
                {
                    // An integer: the digits, then the zeros that follow them.
                    WriteDigits17(ref d, digits17);
                    return e + 1;
                }

                // ddd.ddd: the digits one place on, the integer part moved back before the point.
                WriteDigitsFrom1(ref d, digits, digits17, length);
                for (var c = 0; c <= e; c++)
                {
                    Unsafe.Add(ref d, c) = Unsafe.Add(ref d, c + 1);
                }

                Unsafe.Add(ref d, e + 1) = '.';
                return length + 1;
            }

            // Scientific: d.dddE±XX.
            WriteDigitsFrom1(ref d, digits, digits17, length);
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

    /// <summary>
    /// Writes the <paramref name="length"/> digits at d[1 .. 1 + length): right-aligned (leading zeros at d[0], which the
    /// caller overwrites) when there are 16 or 17, so that writing them need not wait for the length; else left-aligned.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteDigitsFrom1(ref char d, ulong digits, ulong digits17, int length)
    {
        if (length >= 16)
        {
            WriteDigits17(ref Unsafe.Add(ref d, length - 16), digits);
        }
        else
        {
            WriteDigits17(ref Unsafe.Add(ref d, 1), digits17);
        }
    }

    /// <summary>Writes the 17 decimal digits of <paramref name="value"/> (&lt; 10^17, with leading zeros) at d[0 .. 17).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteDigits17(ref char d, ulong value)
    {
        unchecked
        {
            // Both quotients from the value itself, so that neither waits for the other.
            var high = value / 100_000_000; // < 10^9
            var first = (uint)(value / 10_000_000_000_000_000);
            var low = (uint)(value - (high * 100_000_000));
            d = (char)('0' + first);
            WriteDigits8(ref Unsafe.Add(ref d, 1), (uint)high - (first * 100_000_000));
            WriteDigits8(ref Unsafe.Add(ref d, 9), low);
        }
    }

    /// <summary>
    /// Writes the 8 decimal digits of <paramref name="value"/> (&lt; 10^8, with leading zeros) at d[0 .. 8): split in
    /// one 64-bit word into two 4-digit lanes, four 2-digit lanes, eight digit bytes (multiplications by reciprocals
    /// that no lane overflows), then widened to chars.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteDigits8(ref char d, uint value)
    {
        unchecked
        {
            var high = value / 10_000;
            var word = high | ((ulong)(value - (high * 10_000)) << 32); // [abcd, efgh] in 32-bit lanes, first digits lowest
            var hundreds = ((word * 5243) >> 19) & 0x0000007F_0000007F; // lane / 100 for lanes < 43,699
            word = hundreds | ((word - (hundreds * 100)) << 16); // [ab, cd, ef, gh] in 16-bit lanes
            var tens = ((word * 103) >> 10) & 0x000F_000F_000F_000F; // lane / 10 for lanes < 179
            word = tens | ((word - (tens * 10)) << 8) | 0x3030_3030_3030_3030; // 8 ASCII digits, the first in the lowest byte
            if (BitConverter.IsLittleEndian && Vector128.IsHardwareAccelerated)
            {
                Vector128.WidenLower(Vector128.CreateScalarUnsafe(word).AsByte()).StoreUnsafe(ref Unsafe.As<char, ushort>(ref d));
            }
            else
            {
                for (var i = 0; i < 8; i++)
                {
                    Unsafe.Add(ref d, i) = (char)(byte)(word >> (8 * i));
                }
            }
        }
    }

    /// <summary>Writes the two digits of <paramref name="pair"/> (&lt; 100) at d[0] and d[1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WritePair(ref char d, uint pair)
    {
        d = (char)('0' + (pair / 10));
        Unsafe.Add(ref d, 1) = (char)('0' + (pair % 10));
    }

    private static void ThrowNotFinite(double value) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite doubles are formatted here.");
}
