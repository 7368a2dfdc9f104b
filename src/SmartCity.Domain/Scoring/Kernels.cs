using System.Numerics;
using System.Runtime.InteropServices;

namespace SmartCity.Domain.Scoring;

/// <summary>Numeric kernels over columns. NaN means missing and is skipped by every statistic.</summary>
internal static class Kernels
{
    /// <summary>The mean of the present values, as R computes it: the plain mean plus a correction pass. NaN when none.</summary>
    public static double Mean(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        var n = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                n++;
            }
        }

        if (n == 0)
        {
            return double.NaN;
        }

        var mean = sum / n;
        if (double.IsFinite(mean))
        {
            var t = 0.0;
            foreach (var v in x)
            {
                if (!double.IsNaN(v))
                {
                    t += v - mean;
                }
            }

            mean += t / n;
        }

        return mean;
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

    /// <summary>The minimum and maximum of the present values of <c>d·x</c>; (NaN, NaN) when none. Vectorised.</summary>
    public static (double Min, double Max, int Count) MinMax(ReadOnlySpan<double> x, double direction)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        var count = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count * 2)
        {
            var vmin = new Vector<double>(double.PositiveInfinity);
            var vmax = new Vector<double>(double.NegativeInfinity);
            var vcount = Vector<long>.Zero;
            var vd = new Vector<double>(direction);
            var lanes = MemoryMarshal.Cast<double, Vector<double>>(x);
            foreach (var lane in lanes)
            {
                var y = lane * vd;
                var present = Vector.Equals(y, y);
                vmin = Vector.Min(vmin, Vector.ConditionalSelect(present, y, new Vector<double>(double.PositiveInfinity)));
                vmax = Vector.Max(vmax, Vector.ConditionalSelect(present, y, new Vector<double>(double.NegativeInfinity)));
                vcount -= present;
            }

            for (var k = 0; k < Vector<double>.Count; k++)
            {
                min = Math.Min(min, vmin[k]);
                max = Math.Max(max, vmax[k]);
                count += (int)vcount[k];
            }

            i = lanes.Length * Vector<double>.Count;
        }

        for (; i < x.Length; i++)
        {
            var y = direction * x[i];
            if (!double.IsNaN(y))
            {
                min = Math.Min(min, y);
                max = Math.Max(max, y);
                count++;
            }
        }

        return count == 0 ? (double.NaN, double.NaN, 0) : (min, max, count);
    }

    /// <summary>
    /// Ranks <c>d·x</c> ascending with ties sharing the lowest rank (R <c>rank(ties.method = "min")</c>); missing stays NaN.
    /// Returns the number of values present.
    /// </summary>
    public static int RankAscending(ReadOnlySpan<double> x, double direction, Span<double> dst, double[] keys, int[] index)
    {
        var n = 0;
        for (var u = 0; u < x.Length; u++)
        {
            var y = direction * x[u];
            if (double.IsNaN(y))
            {
                dst[u] = double.NaN;
            }
            else
            {
                keys[n] = y;
                index[n] = u;
                n++;
            }
        }

        var k = keys.AsSpan(0, n);
        var idx = index.AsSpan(0, n);
        k.Sort(idx);
        for (var j = 0; j < n;)
        {
            var end = j + 1;
            while (end < n && k[end] == k[j])
            {
                end++;
            }

            for (var t = j; t < end; t++)
            {
                dst[idx[t]] = j + 1;
            }

            j = end;
        }

        return n;
    }

    /// <summary>Ranks scores descending (1 = best), ties sharing the lowest rank, missing stays NaN (COINr <c>rank_df</c>).</summary>
    public static void RankDescending(ReadOnlySpan<double> scores, Span<double> dst, double[] keys, int[] index) =>
        RankAscending(scores, -1.0, dst, keys, index);

    /// <summary>Sum, count, minimum and maximum of the present values, in one vectorised pass.</summary>
    public static (double Sum, int Count, double Min, double Max) Summary(ReadOnlySpan<double> x)
    {
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        var count = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var vsum = Vector<double>.Zero;
            var vcount = Vector<long>.Zero;
            var vmin = new Vector<double>(double.PositiveInfinity);
            var vmax = new Vector<double>(double.NegativeInfinity);
            var lanes = MemoryMarshal.Cast<double, Vector<double>>(x);
            foreach (var v in lanes)
            {
                var present = Vector.Equals(v, v);
                vsum += Vector.ConditionalSelect(present, v, Vector<double>.Zero);
                vcount -= present;
                vmin = Vector.Min(vmin, Vector.ConditionalSelect(present, v, new Vector<double>(double.PositiveInfinity)));
                vmax = Vector.Max(vmax, Vector.ConditionalSelect(present, v, new Vector<double>(double.NegativeInfinity)));
            }

            for (var k = 0; k < Vector<double>.Count; k++)
            {
                sum += vsum[k];
                count += (int)vcount[k];
                min = Math.Min(min, vmin[k]);
                max = Math.Max(max, vmax[k]);
            }

            i = lanes.Length * Vector<double>.Count;
        }

        for (; i < x.Length; i++)
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

    /// <summary>Σ(x − mean) over the present values (R's correction pass of <c>mean</c>), vectorised.</summary>
    public static double Deviation(ReadOnlySpan<double> x, double mean)
    {
        double t = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var vt = Vector<double>.Zero;
            var vm = new Vector<double>(mean);
            var lanes = MemoryMarshal.Cast<double, Vector<double>>(x);
            foreach (var v in lanes)
            {
                vt += Vector.ConditionalSelect(Vector.Equals(v, v), v - vm, Vector<double>.Zero);
            }

            t = Vector.Sum(vt);
            i = lanes.Length * Vector<double>.Count;
        }

        for (; i < x.Length; i++)
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
