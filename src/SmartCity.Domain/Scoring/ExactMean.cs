using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// Order-independent weighted means: <c>Σw·x / Σw</c> whose result depends only on the multiset of (weight, value) pairs of a
/// unit, never on the order of the children. Proof and error bound: <c>docs/scoring.md</c>, "Order-independent aggregation".
/// </summary>
/// <remarks>
/// <para>Weights are first made relative to the largest weight of the group (<c>ŵ = w / max w</c>, so the scale of the
/// weights cannot overflow or underflow anything). Each product <c>ŵ·x</c> is scaled by a power of two 2^s chosen from an
/// upper bound of the products, and split into two integers: <c>hi = round(ŵ·2^s·x)</c> (from the exact product, by an FMA)
/// and <c>lo = round((ŵ·2^s·x − hi)·2^L)</c>. Integers below 2^53 add exactly in doubles, and the headroom (K, L below)
/// keeps every partial sum below 2^51, so the two sums are exact, hence independent of the order of the terms. The
/// denominator <c>Σŵ</c> is added in ascending order of weight, so its rounding depends only on the multiset of the weights
/// present. The one rounded result is <c>((hiSum + loSum·2^−L) / Σŵ)·2^−s</c>.</para>
/// <para>The scale must itself be order-independent: it is computed from <c>ŵ·B</c>, where B is the largest bound of the
/// children that share the weight (a class bound), so permuting values among equal-weight siblings leaves it unchanged.</para>
/// </remarks>
internal static class ExactMean
{
    /// <summary>1.5·2^52: adding it rounds a double of magnitude below 2^51 to an integer (round to nearest even).</summary>
    public const double Magic = 6755399441055744.0;

    /// <summary>The largest power-of-two scale used (2^1000): beyond it the values are so small that nothing is lost.</summary>
    private const int MaxShift = 1000;

    /// <summary>
    /// The bits of headroom for <paramref name="terms"/> summands: K (the scaled products stay below 2^K) and L (the
    /// fraction's bits), such that m·2^K ≤ 2^51 and m·2^(L−1) ≤ 2^51.
    /// </summary>
    public static (int K, int L) Headroom(int terms)
    {
        var h = terms <= 1 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)(terms - 1));
        return (51 - h, 52 - h);
    }

    /// <summary>The shift s with <paramref name="bound"/>·2^s &lt; 2^K, clamped to ±1000 (0 for a zero bound gives the largest shift).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Shift(double bound, int k)
    {
        // bound ≥ 0: its biased exponent e gives bound < 2^(e − 1022); s = K − (e − 1022).
        var e = (long)(BitConverter.DoubleToUInt64Bits(bound) >> 52);
        return Math.Clamp(k + 1022 - e, -MaxShift, MaxShift);
    }

    /// <summary>2^s for |s| ≤ 1000, exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pow2(long s) => BitConverter.UInt64BitsToDouble((ulong)(s + 1023) << 52);

    /// <summary>
    /// Per child (in the given order): the relative weights <c>ŵ = w / max w</c> into <paramref name="relative"/>, and
    /// returns max w (0 when every weight is 0).
    /// </summary>
    public static double Relative(ReadOnlySpan<double> weights, Span<double> relative)
    {
        var max = 0.0;
        foreach (var w in weights)
        {
            max = Math.Max(max, w);
        }

        for (var k = 0; k < weights.Length; k++)
        {
            relative[k] = max > 0 ? weights[k] / max : 0;
        }

        return max;
    }

    /// <summary>
    /// Prepares a group: sorts the children by relative weight (ascending; the order of equal weights is irrelevant) into
    /// <paramref name="order"/> (positions 0..m), and writes per sorted position the relative weight and <c>ŵ·B</c>, with B
    /// the largest bound among the children of equal weight.
    /// </summary>
    public static void Prepare(ReadOnlySpan<double> relative, ReadOnlySpan<double> bounds, Span<int> order, Span<double> sortedWeight, Span<double> weightedBound)
    {
        var m = relative.Length;
        for (var k = 0; k < m; k++)
        {
            order[k] = k;
            sortedWeight[k] = relative[k];
        }

        if (m <= 16)
        {
            // Insertion sort: the groups are small, and Span.Sort's set-up costs more than sorting a handful of weights.
            for (var k = 1; k < m; k++)
            {
                var w = sortedWeight[k];
                var at = order[k];
                var j = k - 1;
                for (; j >= 0 && sortedWeight[j] > w; j--)
                {
                    sortedWeight[j + 1] = sortedWeight[j];
                    order[j + 1] = order[j];
                }

                sortedWeight[j + 1] = w;
                order[j + 1] = at;
            }
        }
        else
        {
            sortedWeight[..m].Sort(order[..m]);
        }
        for (var j = 0; j < m;)
        {
            var end = j + 1;
            var bound = bounds[order[j]];
            while (end < m && sortedWeight[end] == sortedWeight[j])
            {
                bound = Math.Max(bound, bounds[order[end]]);
                end++;
            }

            for (var t = j; t < end; t++)
            {
                weightedBound[t] = sortedWeight[t] * bound;
            }

            j = end;
        }
    }

    /// <summary>
    /// The weighted mean, block by block of units, of the columns <c>buffer[offsets[j] ..]</c> (j in sorted order), with a
    /// unit missing (NaN) when fewer than <paramref name="minPresent"/> children are present or their weights sum to 0.
    /// With <paramref name="complete"/> no value is missing and the masks are skipped; the results are identical.
    /// <paramref name="scaled"/> is scratch of at least m values.
    /// </summary>
    public static void Blocks(double[] buffer, ReadOnlySpan<int> offsets, ReadOnlySpan<double> weight, ReadOnlySpan<double> weightedBound, int n, int minPresent, bool complete, Span<double> scaled, Span<double> dst)
    {
        var m = offsets.Length;
        var (k, l) = Headroom(m);
        var twoL = Pow2(l);
        var invTwoL = Pow2(-l);
        var u = 0;
        ref var origin = ref MemoryMarshal.GetArrayDataReference(buffer);
        if (complete)
        {
            var den = 0.0;
            var bound = 0.0;
            for (var j = 0; j < m; j++)
            {
                den += weight[j];
                bound = Math.Max(bound, weightedBound[j]);
            }

            if (!(den > 0) || minPresent > m)
            {
                dst.Fill(double.NaN);
                return;
            }

            var s = Shift(bound, k);
            var scale = Pow2(s);
            var back = Pow2(-s);
            for (var j = 0; j < m; j++)
            {
                scaled[j] = weight[j] * scale;
            }

            // A non-finite bound (never after a successful normalisation) goes to the scalar loop, which propagates it.
            if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count && double.IsFinite(bound))
            {
                var width = Vector<double>.Count;
                var magic = new Vector<double>(Magic);
                var vtwoL = new Vector<double>(twoL);
                var vinv = new Vector<double>(invTwoL);
                var vden = new Vector<double>(den);
                var vback = new Vector<double>(back);
                var inf = new Vector<double>(double.PositiveInfinity);

                // The limbs are summed as integers: bits(magic + v) = bits(magic) + v for the integers |v| ≤ 2^51 that the
                // headroom guarantees (per term and per sum), so adding the bit patterns of the magic-biased doubles sums
                // hi and lo exactly on the integer units, without subtracting the magic per term. Starting from
                // −(m − 1)·bits(magic) (wrapping), the accumulator ends as bits(magic + Σv): one subtraction recovers Σv.
                // Every sum is the same exact integer as in the scalar path, so the results are identical.
                var start = new Vector<long>(unchecked(-(m - 1) * BitConverter.DoubleToInt64Bits(Magic)));
                var output = MemoryMarshal.Cast<double, Vector<double>>(dst);
                var b = 0;

                // Two blocks at a time: two independent chains of FMAs per child hide each other's latency, and the offsets
                // and weights are read once for both.
                for (; b + 1 < output.Length; b += 2)
                {
                    var hi0 = start;
                    var lo0 = start;
                    var hi1 = start;
                    var lo1 = start;
                    var at = (nuint)(b * width);
                    for (var j = 0; j < m; j++)
                    {
                        var column = (nuint)offsets[j] + at;
                        var x0 = Vector.LoadUnsafe(ref origin, column);
                        var x1 = Vector.LoadUnsafe(ref origin, column + (nuint)width);
                        var w = new Vector<double>(scaled[j]);
                        var biased0 = Vector.FusedMultiplyAdd(w, x0, magic);
                        var biased1 = Vector.FusedMultiplyAdd(w, x1, magic);
                        var r0 = Vector.FusedMultiplyAdd(w, x0, magic - biased0);
                        var r1 = Vector.FusedMultiplyAdd(w, x1, magic - biased1);
                        hi0 += Vector.AsVectorInt64(biased0);
                        hi1 += Vector.AsVectorInt64(biased1);
                        lo0 += Vector.AsVectorInt64(Vector.FusedMultiplyAdd(r0, vtwoL, magic));
                        lo1 += Vector.AsVectorInt64(Vector.FusedMultiplyAdd(r1, vtwoL, magic));
                    }

                    var sum0 = (Vector.AsVectorDouble(hi0) - magic) + ((Vector.AsVectorDouble(lo0) - magic) * vinv);
                    var sum1 = (Vector.AsVectorDouble(hi1) - magic) + ((Vector.AsVectorDouble(lo1) - magic) * vinv);
                    var q0 = sum0 / vden * vback;
                    var q1 = sum1 / vden * vback;
                    output[b] = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(q0), inf), q0, sum0 * vback / vden);
                    output[b + 1] = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(q1), inf), q1, sum1 * vback / vden);
                }

                for (; b < output.Length; b++)
                {
                    var hiBits = start;
                    var loBits = start;
                    var at = (nuint)(b * width);
                    for (var j = 0; j < m; j++)
                    {
                        var x = Vector.LoadUnsafe(ref origin, (nuint)offsets[j] + at);
                        var w = new Vector<double>(scaled[j]);
                        var biasedHi = Vector.FusedMultiplyAdd(w, x, magic);
                        var r = Vector.FusedMultiplyAdd(w, x, magic - biasedHi);
                        hiBits += Vector.AsVectorInt64(biasedHi);
                        loBits += Vector.AsVectorInt64(Vector.FusedMultiplyAdd(r, vtwoL, magic));
                    }

                    var hiSum = Vector.AsVectorDouble(hiBits) - magic;
                    var loSum = Vector.AsVectorDouble(loBits) - magic;
                    var sum = hiSum + (loSum * vinv);
                    var q = sum / vden * vback;
                    output[b] = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(q), inf), q, sum * vback / vden);
                }

                u = output.Length * width;
            }

            for (; u < n; u++)
            {
                double hiSum = 0, loSum = 0;
                for (var j = 0; j < m; j++)
                {
                    var x = Unsafe.Add(ref origin, offsets[j] + u);
                    var hi = Math.FusedMultiplyAdd(scaled[j], x, Magic) - Magic;
                    var r = Math.FusedMultiplyAdd(scaled[j], x, -hi);
                    hiSum += hi;
                    loSum += Math.FusedMultiplyAdd(r, twoL, Magic) - Magic;
                }

                dst[u] = Finish(hiSum, loSum, invTwoL, den, back);
            }

            return;
        }

        var finite = true;
        for (var j = 0; j < m; j++)
        {
            finite &= double.IsFinite(weightedBound[j]);
        }

        // Non-finite bounds (never after a successful normalisation) go to the scalar loop, which propagates them.
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count && finite)
        {
            var width = Vector<double>.Count;
            var magic = new Vector<double>(Magic);
            var vtwoL = new Vector<double>(twoL);
            var vinv = new Vector<double>(invTwoL);
            var vmin = new Vector<long>(minPresent);
            var start = new Vector<long>(unchecked(-(m - 1) * BitConverter.DoubleToInt64Bits(Magic)));
            var nan = new Vector<double>(double.NaN);
            var inf = new Vector<double>(double.PositiveInfinity);
            var lowest = new Vector<long>(-MaxShift);
            var highest = new Vector<long>(MaxShift);
            var bias = new Vector<long>(k + 1022);
            var output = MemoryMarshal.Cast<double, Vector<double>>(dst);
            for (var b = 0; b < output.Length; b++)
            {
                var at = (nuint)(b * width);
                var bound = Vector<double>.Zero;
                for (var j = 0; j < m; j++)
                {
                    var x = Vector.LoadUnsafe(ref origin, (nuint)offsets[j] + at);
                    bound = Vector.Max(bound, Vector.ConditionalSelect(Vector.Equals(x, x), new Vector<double>(weightedBound[j]), Vector<double>.Zero));
                }

                // Per unit: s = clamp(K + 1022 − e(bound), ±1000); scale = 2^s, back = 2^−s, built from the exponent bits.
                var e = Vector.AsVectorInt64(Vector.ShiftRightLogical(Vector.AsVectorUInt64(bound), 52));
                var s = Vector.Min(Vector.Max(bias - e, lowest), highest);
                var scale = Vector.AsVectorDouble(Vector.ShiftLeft(s + new Vector<long>(1023), 52));
                var back = Vector.AsVectorDouble(Vector.ShiftLeft(new Vector<long>(1023) - s, 52));
                // As in the unmasked path, the limbs are summed as integers; a missing value is replaced by 0, whose limbs
                // are 0 (bits(magic) each, which the starting value cancels), so no per-limb masks are needed.
                var hiBits = start;
                var loBits = start;
                var den = Vector<double>.Zero;
                var present = Vector<long>.Zero;
                for (var j = 0; j < m; j++)
                {
                    var x = Vector.LoadUnsafe(ref origin, (nuint)offsets[j] + at);
                    var mask = Vector.Equals(x, x);
                    var x0 = Vector.ConditionalSelect(mask, x, Vector<double>.Zero);
                    var wj = new Vector<double>(weight[j]);
                    var w = wj * scale;
                    var biasedHi = Vector.FusedMultiplyAdd(w, x0, magic);
                    var r = Vector.FusedMultiplyAdd(w, x0, magic - biasedHi);
                    hiBits += Vector.AsVectorInt64(biasedHi);
                    loBits += Vector.AsVectorInt64(Vector.FusedMultiplyAdd(r, vtwoL, magic));
                    den += Vector.ConditionalSelect(mask, wj, Vector<double>.Zero);
                    present -= mask; // a true lane is −1
                }

                var hiSum = Vector.AsVectorDouble(hiBits) - magic;
                var loSum = Vector.AsVectorDouble(loBits) - magic;
                var sum = hiSum + (loSum * vinv);
                var q = sum / den * back;
                q = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(q), inf), q, sum * back / den);
                var ok = Vector.GreaterThanOrEqual(present, vmin) & Vector.GreaterThan(den, Vector<double>.Zero);
                output[b] = Vector.ConditionalSelect(ok, q, nan);
            }

            u = output.Length * width;
        }

        for (; u < n; u++)
        {
            var bound = 0.0;
            for (var j = 0; j < m; j++)
            {
                var x = Unsafe.Add(ref origin, offsets[j] + u);
                bound = Math.Max(bound, double.IsNaN(x) ? 0 : weightedBound[j]);
            }

            var s = Shift(bound, k);
            var scale = Pow2(s);
            var back = Pow2(-s);
            double hiSum = 0, loSum = 0, den = 0;
            var present = 0;
            for (var j = 0; j < m; j++)
            {
                var x = Unsafe.Add(ref origin, offsets[j] + u);
                if (double.IsNaN(x))
                {
                    continue;
                }

                var w = weight[j] * scale;
                var hi = Math.FusedMultiplyAdd(w, x, Magic) - Magic;
                var r = Math.FusedMultiplyAdd(w, x, -hi);
                hiSum += hi;
                loSum += Math.FusedMultiplyAdd(r, twoL, Magic) - Magic;
                den += weight[j];
                present++;
            }

            dst[u] = present >= minPresent && den > 0 ? Finish(hiSum, loSum, invTwoL, den, back) : double.NaN;
        }
    }

    /// <summary>
    /// The weighted mean of one unit's present terms (already in sorted weight order), for the per-unit methods; the terms
    /// must be finite. Returns NaN when the weights sum to 0.
    /// </summary>
    public static double Unit(ReadOnlySpan<double> weight, ReadOnlySpan<double> terms, int k, int l)
    {
        var bound = 0.0;
        var den = 0.0;
        for (var j = 0; j < terms.Length; j++)
        {
            bound = Math.Max(bound, weight[j] * Math.Abs(terms[j]));
            den += weight[j];
        }

        if (!(den > 0))
        {
            return double.NaN;
        }

        var s = Shift(bound, k);
        var scale = Pow2(s);
        double hiSum = 0, loSum = 0;
        var twoL = Pow2(l);
        for (var j = 0; j < terms.Length; j++)
        {
            var w = weight[j] * scale;
            var hi = Math.FusedMultiplyAdd(w, terms[j], Magic) - Magic;
            var r = Math.FusedMultiplyAdd(w, terms[j], -hi);
            hiSum += hi;
            loSum += Math.FusedMultiplyAdd(r, twoL, Magic) - Magic;
        }

        return Finish(hiSum, loSum, Pow2(-l), den, Pow2(-s));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Finish(double hiSum, double loSum, double invTwoL, double den, double back)
    {
        var sum = hiSum + (loSum * invTwoL);
        var q = sum / den * back;
        return Math.Abs(q) < double.PositiveInfinity ? q : sum * back / den;
    }
}
