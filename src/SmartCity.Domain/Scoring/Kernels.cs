using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SmartCity.Domain.Scoring;

/// <summary>Numeric kernels over columns. NaN means missing and is skipped by every statistic.</summary>
internal static class Kernels
{
    /// <summary>The bits of a rank key kept for the radix passes (3 byte passes); closer values are ordered by their full keys.</summary>
    private const int TruncatedBits = 24;

    /// <summary>
    /// Buckets per unit of the bucket path of the ranks: more buckets, fewer units sharing one, a longer prefix pass.
    /// Measured on the 19 aggregates of the COINr shape (RankBenchmarks): 2 and 4 alike, 8 five times slower.
    /// </summary>
    private const int BucketsPerUnit = 4;

    /// <summary>1.5·2^52: added to a double in [0, 2^51), its bit pattern minus this one's is the double rounded to an integer.</summary>
    private const double Magic52 = 6755399441055744.0;

    /// <summary>The mean of the present values, as R computes it: the plain mean plus a correction pass. NaN when none.</summary>
    public static double Mean(ReadOnlySpan<double> x)
    {
        var (sum, count, _, _) = Summary(x);
        return CorrectedMean(x, sum, count);
    }

    /// <summary>R's mean from a known sum and count: <c>m = sum/n</c>, then <c>m += Σ(x − m)/n</c> when m is finite; NaN when n = 0.</summary>
    public static double CorrectedMean(ReadOnlySpan<double> x, double sum, int count)
    {
        if (count == 0)
        {
            return double.NaN;
        }

        var mean = sum / count;
        if (double.IsFinite(mean))
        {
            return mean + (Deviation(x, mean) / count);
        }

        // The sum overflowed (values near ±1.8e308): the mean of x/c, times c, with c the largest |x|.
        var c = MaxAbs(x);
        return Mean(x, 1 / c) * c;
    }

    /// <summary>R's two-pass mean of the present values of <c>x·scale</c>; NaN when none.</summary>
    public static double Mean(ReadOnlySpan<double> x, double scale)
    {
        double sum = 0;
        var n = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                sum += v * scale;
                n++;
            }
        }

        if (n == 0)
        {
            return double.NaN;
        }

        var mean = sum / n;
        double t = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                t += (v * scale) - mean;
            }
        }

        return mean + (t / n);
    }

    /// <summary>The sample standard deviation (n − 1) of the present values of <c>d·(x·scale)</c> around <paramref name="mean"/>.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> x, double mean, double direction, double scale)
    {
        var ss = 0.0;
        var n = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                var d = (direction * (v * scale)) - mean;
                ss += d * d;
                n++;
            }
        }

        return n < 2 ? double.NaN : Math.Sqrt(ss / (n - 1));
    }

    /// <summary>The sample standard deviation (n − 1) of the present values of <c>d·x</c> around <paramref name="mean"/>.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> x, double mean, double direction)
    {
        var ss = 0.0;
        var n = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                var d = (direction * v) - mean;
                ss += d * d;
                n++;
            }
        }

        return n < 2 ? double.NaN : Math.Sqrt(ss / (n - 1));
    }

    /// <summary>The median of the present values (the mean of the two middle ones for an even count). NaN when none.</summary>
    public static double Median(ReadOnlySpan<double> x, double[] scratch)
    {
        var n = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                scratch[n++] = v;
            }
        }

        if (n == 0)
        {
            return double.NaN;
        }

        var s = scratch.AsSpan(0, n);
        s.Sort();
        return n % 2 == 1 ? s[n / 2] : (s[(n / 2) - 1] + s[n / 2]) / 2;
    }

    /// <summary>Replaces missing values with <paramref name="value"/>.</summary>
    public static void Fill(Span<double> x, double value)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]))
            {
                x[i] = value;
            }
        }
    }

    /// <summary>dst = x / d (COINr <c>Denominate</c> with scale factor 1).</summary>
    public static void Divide(ReadOnlySpan<double> x, ReadOnlySpan<double> d, Span<double> dst)
    {
        for (var i = 0; i < x.Length; i++)
        {
            dst[i] = x[i] / d[i];
        }
    }

    /// <summary>The minimum and maximum of the present values of <c>d·x</c> (d = ±1); (NaN, NaN) when none.</summary>
    public static (double Min, double Max, int Count) MinMax(ReadOnlySpan<double> x, double direction)
    {
        var (_, count, min, max) = Summary(x);
        if (count == 0)
        {
            return (double.NaN, double.NaN, 0);
        }

        return direction > 0 ? (min, max, count) : (-max, -min, count);
    }

    /// <summary>
    /// Ranks <c>d·x</c> ascending (or descending) with ties sharing the lowest rank (R <c>rank(ties.method = "min")</c>);
    /// missing stays NaN. Returns the number of values present. Finite ranges take <see cref="BucketRank"/>, others
    /// <see cref="RadixRank"/>. Allocation-free once the scratch has ranked a column of this length (its bucket arrays are
    /// allocated on first use). <paramref name="x"/> and <paramref name="dst"/> must not overlap; the scratch must hold
    /// at least <c>x.Length</c> values.
    /// </summary>
    public static int RankAscending(ReadOnlySpan<double> x, double direction, Span<double> dst, RankScratch scratch, bool descending = false)
    {
        var present = BucketRank(x, direction, dst, scratch, descending);
        return present >= 0 ? present : RadixRank(x, direction, dst, scratch, descending);
    }

    /// <summary>
    /// The usual path of <see cref="RankAscending"/>: one counting pass of the values into 4n buckets of equal width
    /// between the smallest and largest (the bucket of a value is monotone in it, so buckets are in value order and equal
    /// values share one); every unit's rank is one plus the count of the buckets before its own; the few buckets holding
    /// more than one unit are then resolved by comparing their values. Returns −1 (nothing written) when the values'
    /// range is not finite and positive, for <see cref="RadixRank"/>.
    /// </summary>
    private static int BucketRank(ReadOnlySpan<double> x, double direction, Span<double> dst, RankScratch scratch, bool descending)
    {
        // The loops below index the scratch without bounds checks: it must hold every value.
        if (x.Length > scratch.Index.Length || dst.Length < x.Length)
        {
            throw new ArgumentException($"The scratch holds {scratch.Index.Length} values and the output {dst.Length}; {x.Length} are ranked.", nameof(scratch));
        }

        if (x.Length > int.MaxValue / (2 * BucketsPerUnit))
        {
            return -1; // 4n buckets would not fit an int index: the radix path
        }

        var (_, n, min, max) = Summary(x);
        if (n == 0)
        {
            dst[..x.Length].Fill(double.NaN);
            return 0;
        }

        if (direction == 0 || !double.IsFinite(direction))
        {
            return -1;
        }

        var ymin = direction > 0 ? direction * min : direction * max;
        var ymax = direction > 0 ? direction * max : direction * min;
        var range = ymax - ymin;
        var buckets = BucketsPerUnit * x.Length;
        var scale = buckets / range;
        if (!double.IsFinite(range) || !double.IsFinite(scale))
        {
            return -1; // infinite values, all values equal (range 0) or a subnormal range
        }

        // Bucket b of y (in the order of the ranks: flipped when descending), vectorised: (y − ymin)·scale rounded to an
        // integer by the 2^52 trick (rounding is monotone, so the buckets stay in value order), clamped, −1 when missing.
        var counts = scratch.BucketCounts(buckets);
        var bucketOf = scratch.Bucket;
        var shared = scratch.Shared;
        var top = buckets - 1;
        ref var bs = ref MemoryMarshal.GetArrayDataReference(bucketOf);
        var u0 = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var vdir = new Vector<double>(direction);
            var vmin = new Vector<double>(ymin);
            var vscale = new Vector<double>(scale);
            var vmagic = new Vector<double>(Magic52);
            var vmagicBits = new Vector<long>(BitConverter.DoubleToInt64Bits(Magic52));
            var vtop = new Vector<long>(top);
            var vmissing = new Vector<long>(-1);
            var lanes = MemoryMarshal.Cast<double, Vector<double>>(x);
            var outs = MemoryMarshal.Cast<long, Vector<long>>(bucketOf.AsSpan(0, x.Length));
            for (var j = 0; j < lanes.Length; j++)
            {
                var y = vdir * lanes[j];
                var t = ((y - vmin) * vscale) + vmagic;
                var b = Vector.Min(Vector.AsVectorInt64(t) - vmagicBits, vtop);
                if (descending)
                {
                    b = vtop - b;
                }

                outs[j] = Vector.ConditionalSelect(Vector.AsVectorInt64(Vector.Equals(y, y)), b, vmissing);
            }

            u0 = lanes.Length * Vector<double>.Count;
        }

        for (var u = u0; u < x.Length; u++)
        {
            var y = direction * x[u];
            var b = double.IsNaN(y) ? -1 : Math.Min((long)Math.Round((y - ymin) * scale), top);
            Unsafe.Add(ref bs, u) = b >= 0 && descending ? top - b : b;
        }

        // Counts per bucket; the buckets that hold more than one unit are listed (branch-free) when their count reaches 2.
        var nShared = 0;
        ref var cs = ref MemoryMarshal.GetArrayDataReference(counts);
        ref var ss = ref MemoryMarshal.GetArrayDataReference(shared);
        for (var u = 0; u < x.Length; u++)
        {
            var b = (int)Unsafe.Add(ref bs, u);
            if (b < 0)
            {
                dst[u] = double.NaN;
                continue;
            }

            var c = ++Unsafe.Add(ref cs, b);
            Unsafe.Add(ref ss, nShared) = b;
            nShared += c == 2 ? 1 : 0;
        }

        ExclusivePrefixSum(counts.AsSpan(0, buckets));

        // Every unit gets the lowest rank of its bucket; the members of shared buckets are placed together (from the
        // bucket's start) for the resolution below.
        var order = scratch.Index;
        ref var os = ref MemoryMarshal.GetArrayDataReference(order);
        var fill = scratch.Fill(buckets);
        ref var fs = ref MemoryMarshal.GetArrayDataReference(fill);

        for (var u = 0; u < x.Length; u++)
        {
            var b = (int)Unsafe.Add(ref bs, u);
            if (b < 0)
            {
                continue;
            }

            var start = Unsafe.Add(ref cs, b);
            dst[u] = start + 1;
            ref var f = ref Unsafe.Add(ref fs, b);
            Unsafe.Add(ref os, start + f) = u;
            f++;
        }

        for (var i = 0; i < nShared; i++)
        {
            var b = Unsafe.Add(ref ss, i);
            var start = Unsafe.Add(ref cs, b);
            ResolveShared(x, direction, dst, order.AsSpan(start, Unsafe.Add(ref fs, b)), start, descending, scratch);
        }

        return n;
    }

    /// <summary>Replaces each count by the sum of the counts before it (4 at a time with SSE2: two shifted adds per block).</summary>
    private static void ExclusivePrefixSum(Span<int> counts)
    {
        ref var cs = ref MemoryMarshal.GetReference(counts);
        var sum = 0;
        var b = 0;
        if (Sse2.IsSupported)
        {
            var carry = Vector128<int>.Zero;
            for (; b + 4 <= counts.Length; b += 4)
            {
                var v = Vector128.LoadUnsafe(ref Unsafe.Add(ref cs, b));
                var inclusive = Sse2.Add(v, Sse2.ShiftLeftLogical128BitLane(v, 4));
                inclusive = Sse2.Add(inclusive, Sse2.ShiftLeftLogical128BitLane(inclusive, 8));
                Sse2.Subtract(Sse2.Add(inclusive, carry), v).StoreUnsafe(ref Unsafe.Add(ref cs, b));
                carry = Sse2.Add(carry, Sse2.Shuffle(inclusive, 0xFF));
            }

            sum = carry.ToScalar();
        }

        for (; b < counts.Length; b++)
        {
            ref var c = ref Unsafe.Add(ref cs, b);
            var k = c;
            c = sum;
            sum += k;
        }
    }

    /// <summary>Ranks the members of one shared bucket: the bucket's first rank plus the members strictly before them.</summary>
    private static void ResolveShared(ReadOnlySpan<double> x, double direction, Span<double> dst, Span<int> members, int start, bool descending, RankScratch scratch)
    {
        var m = members.Length;
        if (m == 2)
        {
            // The usual case: two units in one bucket; the later in rank order gets the next rank unless they tie.
            var y0 = direction * x[members[0]];
            var y1 = direction * x[members[1]];
            if (y0 != y1)
            {
                var second = (descending ? y0 > y1 : y0 < y1) ? members[1] : members[0];
                dst[second] = start + 2;
            }

            return;
        }

        if (m <= 16)
        {
            Span<double> ys = stackalloc double[16];
            for (var a = 0; a < m; a++)
            {
                ys[a] = direction * x[members[a]];
            }

            for (var a = 0; a < m; a++)
            {
                var ya = ys[a];
                var before = 0;
                for (var c = 0; c < m; c++)
                {
                    before += (descending ? ys[c] > ya : ys[c] < ya) ? 1 : 0;
                }

                dst[members[a]] = start + 1 + before;
            }

            return;
        }

        // Many equal or nearly equal values: sort the bucket by value and assign ranks over its tie groups.
        var keys = scratch.Keys.AsSpan(0, m);
        for (var a = 0; a < m; a++)
        {
            keys[a] = OrderKey(direction * x[members[a]]);
        }

        keys.Sort(members);
        for (var j = 0; j < m;)
        {
            var end = j + 1;
            while (end < m && keys[end] == keys[j])
            {
                end++;
            }

            double rank = start + 1 + (descending ? m - end : j);
            for (var t = j; t < end; t++)
            {
                dst[members[t]] = rank;
            }

            j = end;
        }
    }

    /// <summary>
    /// The general path of <see cref="RankAscending"/> (any finite or infinite values): order-preserving 64-bit keys,
    /// made relative to the smallest key and truncated to their 24 most significant varying bits; an LSD radix sort of
    /// those (at most 3 byte passes, all histograms from one pass, constant bytes skipped); runs of equal truncated keys
    /// ordered by the full key; one linear pass over the ties gives the ranks.
    /// </summary>
    internal static int RadixRank(ReadOnlySpan<double> x, double direction, Span<double> dst, RankScratch scratch, bool descending)
    {
        var keys = scratch.Keys;
        var index = scratch.Index;
        var n = 0;
        var kmin = ulong.MaxValue;
        var kmax = 0UL;
        for (var u = 0; u < x.Length; u++)
        {
            var y = direction * x[u];
            if (double.IsNaN(y))
            {
                dst[u] = double.NaN;
            }
            else
            {
                var key = OrderKey(y);
                keys[n] = key;
                index[n] = u;
                kmin = Math.Min(kmin, key);
                kmax = Math.Max(kmax, key);
                n++;
            }
        }

        if (n == 0)
        {
            return 0;
        }

        var range = kmax - kmin;
        if (range == 0)
        {
            for (var j = 0; j < n; j++)
            {
                dst[index[j]] = 1;
            }

            return n;
        }

        var bits = 64 - BitOperations.LeadingZeroCount(range);
        var shift = Math.Max(0, bits - TruncatedBits);
        var passes = ((bits - shift) + 7) / 8;

        // Packed: truncated key in the high 32 bits, unit in the low 32; all byte histograms in the same pass.
        var counts = scratch.Counts;
        Array.Clear(counts, 0, passes * 256);
        var packed = scratch.SpareKeys;
        for (var j = 0; j < n; j++)
        {
            var t = (keys[j] - kmin) >> shift;
            packed[j] = (t << 32) | (uint)index[j];
            for (var p = 0; p < passes; p++)
            {
                counts[(p * 256) + (int)((t >> (8 * p)) & 0xFF)]++;
            }
        }

        var from = packed;
        var to = keys;
        for (var p = 0; p < passes; p++)
        {
            var c = counts.AsSpan(p * 256, 256);
            var at = 32 + (8 * p);
            if (c[(int)((from[0] >> at) & 0xFF)] == n)
            {
                continue; // every key has the same byte here: nothing to reorder
            }

            var sum = 0;
            for (var b = 0; b < 256; b++)
            {
                var k = c[b];
                c[b] = sum;
                sum += k;
            }

            for (var j = 0; j < n; j++)
            {
                var v = from[j];
                to[c[(int)((v >> at) & 0xFF)]++] = v;
            }

            (from, to) = (to, from);
        }

        // Full keys in sorted order (into the other buffer), runs of equal truncated keys ordered by them.
        var full = to;
        for (var j = 0; j < n; j++)
        {
            var u = (int)unchecked((uint)from[j]); // the unit, in the low 32 bits
            index[j] = u;
            full[j] = OrderKey(direction * x[u]);
        }

        if (shift > 0)
        {
            for (var j = 0; j < n;)
            {
                var end = j + 1;
                var head = from[j] >> 32;
                while (end < n && (from[end] >> 32) == head)
                {
                    end++;
                }

                if (end - j > 1)
                {
                    full.AsSpan(j, end - j).Sort(index.AsSpan(j, end - j));
                }

                j = end;
            }
        }

        for (var j = 0; j < n;)
        {
            var end = j + 1;
            while (end < n && full[end] == full[j])
            {
                end++;
            }

            // Ascending: values before this tie group are smaller. Descending: values after it are larger.
            double rank = descending ? n - end + 1 : j + 1;
            for (var t = j; t < end; t++)
            {
                dst[index[t]] = rank;
            }

            j = end;
        }

        return n;
    }

    /// <summary>Ranks scores descending (1 = best), ties sharing the lowest rank, missing stays NaN (COINr <c>rank_df</c>).</summary>
    public static void RankDescending(ReadOnlySpan<double> scores, Span<double> dst, RankScratch scratch) =>
        RankAscending(scores, 1.0, dst, scratch, descending: true);

    /// <summary>An unsigned key whose order is the order of the (non-NaN) double; −0 and +0 map to the same key.</summary>
    private static ulong OrderKey(double value)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value + 0.0);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    /// <summary>
    /// Sum, count, minimum and maximum of the present values, in one vectorised pass. The sum is the same on every CPU:
    /// the values are added into eight partial sums in a fixed order (<see cref="SummaryScalar"/> defines it), with
    /// 256-bit vectors, 128-bit ones or scalars, whichever the machine runs fastest.
    /// </summary>
    public static (double Sum, int Count, double Min, double Max) Summary(ReadOnlySpan<double> x) =>
        Vector256.IsHardwareAccelerated ? Summary256(x) : Vector128.IsHardwareAccelerated ? Summary128(x) : SummaryScalar(x);

    /// <summary>
    /// The definition of <see cref="Summary"/>'s order. With fewer than 8 values, they are added one after another.
    /// Otherwise value <c>i</c> of the leading whole groups of 4 goes to partial sum <c>i mod 8</c> (a last half block
    /// of 8 so goes to partials 0–3). Missing values add +0. Then the sum is
    /// <c>(p0 + p4) + (p1 + p5) + (p2 + p6) + (p3 + p7)</c>, added left to right, followed by the remaining values one
    /// after another. Minimum and maximum are IEEE 754 minimum and maximum, so they do not depend on order.
    /// </summary>
    internal static (double Sum, int Count, double Min, double Max) SummaryScalar(ReadOnlySpan<double> x)
    {
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        var count = 0;
        var head = VectorHead(x.Length);
        if (head > 0)
        {
            Span<double> p = stackalloc double[8];
            p.Clear();
            for (var i = 0; i < head; i++)
            {
                var v = x[i];
                if (double.IsNaN(v))
                {
                    p[i & 7] += 0.0;
                    continue;
                }

                p[i & 7] += v;
                count++;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            for (var k = 0; k < 4; k++)
            {
                sum += p[k] + p[k + 4];
            }
        }

        return SummaryTail(x, head, sum, count, min, max);
    }

    /// <summary>
    /// How many leading values the vector forms add into partial sums (value <c>i</c> into partial <c>i mod 8</c>):
    /// whole groups of 4 when there are at least 8 values, none otherwise.
    /// </summary>
    private static int VectorHead(int length) => length >= 8 ? length / 4 * 4 : 0;

    /// <summary><see cref="Summary"/> with two 256-bit accumulator sets (partials 0–3 and 4–7).</summary>
    internal static (double Sum, int Count, double Min, double Max) Summary256(ReadOnlySpan<double> x)
    {
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        var count = 0;
        var i = 0;
        if (x.Length >= 8)
        {
            var inf = Vector256.Create(double.PositiveInfinity);
            var ninf = Vector256.Create(double.NegativeInfinity);
            Vector256<double> sumA = Vector256<double>.Zero, sumB = Vector256<double>.Zero;
            Vector256<long> countA = Vector256<long>.Zero, countB = Vector256<long>.Zero;
            Vector256<double> minA = inf, minB = inf, maxA = ninf, maxB = ninf;
            var lanes = MemoryMarshal.Cast<double, Vector256<double>>(x);
            var j = 0;
            for (; j + 1 < lanes.Length; j += 2)
            {
                var a = lanes[j];
                var b = lanes[j + 1];
                var pa = Vector256.Equals(a, a);
                var pb = Vector256.Equals(b, b);
                sumA += Vector256.ConditionalSelect(pa, a, Vector256<double>.Zero);
                sumB += Vector256.ConditionalSelect(pb, b, Vector256<double>.Zero);
                countA -= pa.AsInt64();
                countB -= pb.AsInt64();
                minA = Vector256.Min(minA, Vector256.ConditionalSelect(pa, a, inf));
                minB = Vector256.Min(minB, Vector256.ConditionalSelect(pb, b, inf));
                maxA = Vector256.Max(maxA, Vector256.ConditionalSelect(pa, a, ninf));
                maxB = Vector256.Max(maxB, Vector256.ConditionalSelect(pb, b, ninf));
            }

            if (j < lanes.Length)
            {
                var a = lanes[j];
                var pa = Vector256.Equals(a, a);
                sumA += Vector256.ConditionalSelect(pa, a, Vector256<double>.Zero);
                countA -= pa.AsInt64();
                minA = Vector256.Min(minA, Vector256.ConditionalSelect(pa, a, inf));
                maxA = Vector256.Max(maxA, Vector256.ConditionalSelect(pa, a, ninf));
            }

            var vsum = sumA + sumB;
            var vcount = countA + countB;
            var vmin = Vector256.Min(minA, minB);
            var vmax = Vector256.Max(maxA, maxB);
            for (var k = 0; k < 4; k++)
            {
                sum += vsum[k];
                count += (int)vcount[k];
                min = Math.Min(min, vmin[k]);
                max = Math.Max(max, vmax[k]);
            }

            i = lanes.Length * 4;
        }

        return SummaryTail(x, i, sum, count, min, max);
    }

    /// <summary><see cref="Summary"/> with four 128-bit accumulators (partials 0–1, 2–3, 4–5 and 6–7).</summary>
    internal static (double Sum, int Count, double Min, double Max) Summary128(ReadOnlySpan<double> x)
    {
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        var count = 0;
        var i = 0;
        if (x.Length >= 8)
        {
            var inf = Vector128.Create(double.PositiveInfinity);
            var ninf = Vector128.Create(double.NegativeInfinity);
            Vector128<double> a0 = Vector128<double>.Zero, a1 = a0, b0 = a0, b1 = a0;
            Vector128<long> counts = Vector128<long>.Zero;
            Vector128<double> vmin = inf, vmax = ninf;
            var lanes = MemoryMarshal.Cast<double, Vector128<double>>(x);
            var quads = x.Length / 4;
            var q = 0;
            for (; q + 1 < quads; q += 2)
            {
                Add(lanes[2 * q], ref a0, ref counts, ref vmin, ref vmax, inf, ninf);
                Add(lanes[(2 * q) + 1], ref a1, ref counts, ref vmin, ref vmax, inf, ninf);
                Add(lanes[(2 * q) + 2], ref b0, ref counts, ref vmin, ref vmax, inf, ninf);
                Add(lanes[(2 * q) + 3], ref b1, ref counts, ref vmin, ref vmax, inf, ninf);
            }

            if (q < quads)
            {
                Add(lanes[2 * q], ref a0, ref counts, ref vmin, ref vmax, inf, ninf);
                Add(lanes[(2 * q) + 1], ref a1, ref counts, ref vmin, ref vmax, inf, ninf);
            }

            var low = a0 + b0;
            var high = a1 + b1;
            sum += low[0];
            sum += low[1];
            sum += high[0];
            sum += high[1];
            count = (int)(counts[0] + counts[1]);
            min = Math.Min(vmin[0], vmin[1]);
            max = Math.Max(vmax[0], vmax[1]);
            i = quads * 4;
        }

        return SummaryTail(x, i, sum, count, min, max);

        static void Add(Vector128<double> v, ref Vector128<double> partial, ref Vector128<long> counts, ref Vector128<double> min, ref Vector128<double> max, Vector128<double> inf, Vector128<double> ninf)
        {
            var present = Vector128.Equals(v, v);
            partial += Vector128.ConditionalSelect(present, v, Vector128<double>.Zero);
            counts -= present.AsInt64();
            min = Vector128.Min(min, Vector128.ConditionalSelect(present, v, inf));
            max = Vector128.Max(max, Vector128.ConditionalSelect(present, v, ninf));
        }
    }

    /// <summary>
    /// Σ(x − mean) over the present values (R's correction pass of <c>mean</c>), in the same order on every CPU. The
    /// partial sums are formed as in <see cref="SummaryScalar"/>; with <c>q_k = p_k + p_(k+4)</c>, the vector part is
    /// <c>(q0 + q1) + (q2 + q3)</c>, and the remaining values are added one after another.
    /// </summary>
    public static double Deviation(ReadOnlySpan<double> x, double mean) =>
        Vector256.IsHardwareAccelerated ? Deviation256(x, mean) : Vector128.IsHardwareAccelerated ? Deviation128(x, mean) : DeviationScalar(x, mean);

    /// <summary>The definition of <see cref="Deviation"/>'s order, one value at a time.</summary>
    internal static double DeviationScalar(ReadOnlySpan<double> x, double mean)
    {
        double t = 0;
        var head = VectorHead(x.Length);
        if (head > 0)
        {
            Span<double> p = stackalloc double[8];
            p.Clear();
            for (var i = 0; i < head; i++)
            {
                var v = x[i];
                p[i & 7] += double.IsNaN(v) ? 0.0 : v - mean;
            }

            t = ((p[0] + p[4]) + (p[1] + p[5])) + ((p[2] + p[6]) + (p[3] + p[7]));
        }

        return DeviationTail(x, head, mean, t);
    }

    /// <summary><see cref="Deviation"/> with two 256-bit accumulators.</summary>
    internal static double Deviation256(ReadOnlySpan<double> x, double mean)
    {
        double t = 0;
        var i = 0;
        if (x.Length >= 8)
        {
            Vector256<double> ta = Vector256<double>.Zero, tb = Vector256<double>.Zero;
            var vm = Vector256.Create(mean);
            var lanes = MemoryMarshal.Cast<double, Vector256<double>>(x);
            var j = 0;
            for (; j + 1 < lanes.Length; j += 2)
            {
                var a = lanes[j];
                var b = lanes[j + 1];
                ta += Vector256.ConditionalSelect(Vector256.Equals(a, a), a - vm, Vector256<double>.Zero);
                tb += Vector256.ConditionalSelect(Vector256.Equals(b, b), b - vm, Vector256<double>.Zero);
            }

            if (j < lanes.Length)
            {
                var a = lanes[j];
                ta += Vector256.ConditionalSelect(Vector256.Equals(a, a), a - vm, Vector256<double>.Zero);
            }

            var q = ta + tb;
            t = (q[0] + q[1]) + (q[2] + q[3]);
            i = lanes.Length * 4;
        }

        return DeviationTail(x, i, mean, t);
    }

    /// <summary><see cref="Deviation"/> with four 128-bit accumulators.</summary>
    internal static double Deviation128(ReadOnlySpan<double> x, double mean)
    {
        double t = 0;
        var i = 0;
        if (x.Length >= 8)
        {
            Vector128<double> a0 = Vector128<double>.Zero, a1 = a0, b0 = a0, b1 = a0;
            var vm = Vector128.Create(mean);
            var lanes = MemoryMarshal.Cast<double, Vector128<double>>(x);
            var quads = x.Length / 4;
            var q = 0;
            for (; q + 1 < quads; q += 2)
            {
                a0 += Centred(lanes[2 * q], vm);
                a1 += Centred(lanes[(2 * q) + 1], vm);
                b0 += Centred(lanes[(2 * q) + 2], vm);
                b1 += Centred(lanes[(2 * q) + 3], vm);
            }

            if (q < quads)
            {
                a0 += Centred(lanes[2 * q], vm);
                a1 += Centred(lanes[(2 * q) + 1], vm);
            }

            var low = a0 + b0;
            var high = a1 + b1;
            t = (low[0] + low[1]) + (high[0] + high[1]);
            i = quads * 4;
        }

        return DeviationTail(x, i, mean, t);

        static Vector128<double> Centred(Vector128<double> v, Vector128<double> mean) =>
            Vector128.ConditionalSelect(Vector128.Equals(v, v), v - mean, Vector128<double>.Zero);
    }

    /// <summary>The values from <paramref name="start"/> on, added one after another to a summary.</summary>
    private static (double Sum, int Count, double Min, double Max) SummaryTail(ReadOnlySpan<double> x, int start, double sum, int count, double min, double max)
    {
        for (var i = start; i < x.Length; i++)
        {
            var v = x[i];
            if (!double.IsNaN(v))
            {
                sum += v;
                count++;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        return (sum, count, min, max);
    }

    /// <summary>The deviations of the values from <paramref name="start"/> on, added one after another to <paramref name="t"/>.</summary>
    private static double DeviationTail(ReadOnlySpan<double> x, int start, double mean, double t)
    {
        for (var i = start; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]))
            {
                t += x[i] - mean;
            }
        }

        return t;
    }

    /// <summary>
    /// The fused default path: y = x, or <paramref name="fill"/> where x is missing (written to <paramref name="imputed"/>
    /// when it is not empty); dst = ((d·y − min)/range)·span + lower (COINr's min-max, same operations in the same order).
    /// </summary>
    public static void FillMinMax(ReadOnlySpan<double> x, Span<double> imputed, Span<double> dst, double fill, double d, double min, double range, double span, double lower)
    {
        var i = 0;
        var store = !imputed.IsEmpty;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var vfill = new Vector<double>(fill);
            var vd = new Vector<double>(d);
            var vmin = new Vector<double>(min);
            var vrange = new Vector<double>(range);
            var vspan = new Vector<double>(span);
            var vlower = new Vector<double>(lower);
            var lanes = MemoryMarshal.Cast<double, Vector<double>>(x);
            var outs = MemoryMarshal.Cast<double, Vector<double>>(dst);
            var imps = store ? MemoryMarshal.Cast<double, Vector<double>>(imputed) : default;
            for (var j = 0; j < lanes.Length; j++)
            {
                var v = lanes[j];
                var y = Vector.ConditionalSelect(Vector.Equals(v, v), v, vfill);
                if (store)
                {
                    imps[j] = y;
                }

                outs[j] = ((((vd * y) - vmin) / vrange) * vspan) + vlower;
            }

            i = lanes.Length * Vector<double>.Count;
        }

        for (; i < x.Length; i++)
        {
            var y = double.IsNaN(x[i]) ? fill : x[i];
            if (store)
            {
                imputed[i] = y;
            }

            dst[i] = ((((d * y) - min) / range) * span) + lower;
        }
    }

    /// <summary>The largest |x| over the present values (0 when none). Vectorised.</summary>
    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        var max = 0.0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            var lanes = MemoryMarshal.Cast<double, Vector<double>>(x);
            foreach (var v in lanes)
            {
                acc = Vector.Max(acc, Vector.ConditionalSelect(Vector.Equals(v, v), Vector.Abs(v), Vector<double>.Zero));
            }

            for (var k = 0; k < Vector<double>.Count; k++)
            {
                max = Math.Max(max, acc[k]);
            }

            i = lanes.Length * Vector<double>.Count;
        }

        for (; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]))
            {
                max = Math.Max(max, Math.Abs(x[i]));
            }
        }

        return max;
    }

    /// <summary>The index of the first infinite value, or −1.</summary>
    public static int FirstInfinite(ReadOnlySpan<double> x)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (double.IsInfinity(x[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether any value is infinite. Vectorised.</summary>
    public static bool HasInfinite(ReadOnlySpan<double> x)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var infinity = new Vector<double>(double.PositiveInfinity);
            var lanes = MemoryMarshal.Cast<double, Vector<double>>(x);
            foreach (var v in lanes)
            {
                if (Vector.EqualsAny(Vector.Abs(v), infinity))
                {
                    return true;
                }
            }

            i = lanes.Length * Vector<double>.Count;
        }

        for (; i < x.Length; i++)
        {
            if (double.IsInfinity(x[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any value is missing (NaN). Vectorised.</summary>
    public static bool HasMissing(ReadOnlySpan<double> x)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var lanes = MemoryMarshal.Cast<double, Vector<double>>(x);
            foreach (var v in lanes)
            {
                if (!Vector.EqualsAll(v, v))
                {
                    return true;
                }
            }

            i = lanes.Length * Vector<double>.Count;
        }

        for (; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Reusable buffers for <see cref="Kernels.RankAscending"/>: keys and indices, and the byte counts of 3 radix passes.</summary>
internal sealed class RankScratch
{
    public RankScratch(int capacity)
    {
        Keys = new ulong[capacity];
        SpareKeys = new ulong[capacity];
        Index = new int[capacity];
    }

    public ulong[] Keys { get; }

    public ulong[] SpareKeys { get; }

    public int[] Index { get; }

    public int[] Counts { get; } = new int[3 * 256];

    /// <summary>The bucket of each unit (−1 when missing), for the bucket path.</summary>
    public long[] Bucket => _bucket ??= new long[Index.Length];

    /// <summary>The buckets holding more than one unit.</summary>
    public int[] Shared => _shared ??= new int[Index.Length];

    private long[]? _bucket;
    private int[]? _shared;
    private int[]? _bucketCounts;
    private int[]? _fill;

    /// <summary>Per-bucket counts, cleared (allocated once, on first use).</summary>
    public int[] BucketCounts(int length) => Cleared(ref _bucketCounts, length);

    /// <summary>Per-bucket fill positions, cleared.</summary>
    public int[] Fill(int length) => Cleared(ref _fill, length);

    private static int[] Cleared(ref int[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = new int[length];
        }
        else
        {
            Array.Clear(buffer, 0, length);
        }

        return buffer;
    }
}
