using System.Collections.Immutable;
using SmartCity.Domain.Methods;

namespace SmartCity.Domain.Scoring;

/// <summary>COINr's outlier treatment (<c>Treat</c> with <c>winsorise</c>, <c>log_CT</c> and <c>check_SkewKurt</c>), step for step.</summary>
internal static class Treatment
{
    /// <summary>Treats <paramref name="x"/> in place; returns the report, or null when there are fewer than 4 values.</summary>
    public static TreatmentReport? Apply(string code, OutlierTreatment treatment, Span<double> x)
    {
        var original = x.ToArray();
        var check0 = Check(x, treatment, 0);
        if (check0 is null)
        {
            return null;
        }

        var checks = ImmutableArray.CreateBuilder<TreatmentCheck>();
        checks.Add(check0.Value);
        var flags = new string[x.Length];
        Array.Fill(flags, string.Empty);
        if (check0.Value.Pass || check0.Value.Skewness is null)
        {
            return new TreatmentReport(code, checks.ToImmutable(), null, [.. flags]);
        }

        // Winsorise: while failing and below the limit, set the points at the extreme on the side of the skew to the
        // next value in; nwin counts the points at the last extreme(s) (COINr's imax/imin are overwritten each round).
        List<int> imax = [];
        List<int> imin = [];
        var nwin = 0;
        var passing = false;
        TreatmentCheck check1 = check0.Value;
        while (!passing && nwin < treatment.WinsorisationLimit)
        {
            if (Skewness(x) >= 0)
            {
                imax = Extremes(x, max: true);
                x.ReplaceAt(imax, NextValue(x, imax, max: true));
            }
            else
            {
                imin = Extremes(x, max: false);
                x.ReplaceAt(imin, NextValue(x, imin, max: false));
            }

            nwin = imax.Count + imin.Count;
            check1 = Check(x, treatment, 1)!.Value;
            passing = check1.Pass;
        }

        checks.Add(check1);
        foreach (var i in imax)
        {
            flags[i] = "winhi";
        }

        foreach (var i in imin)
        {
            flags[i] = "winlo";
        }

        if (passing || treatment is not WinsoriseThenLogTreatment log)
        {
            return new TreatmentReport(code, checks.ToImmutable(), nwin, [.. flags]);
        }

        // log_CT: log(v − min + 0.01·(max − min)), on the original values unless combining.
        if (!log.CombineWithWinsorised)
        {
            original.CopyTo(x);
        }

        var (min, max, _) = Kernels.MinMax(x, 1.0);
        var shift = 0.01 * (max - min);
        if (!double.IsFinite(shift))
        {
            shift = (0.01 * max) - (0.01 * min); // max − min overflows (data near ±1.8e308)
        }

        for (var u = 0; u < x.Length; u++)
        {
            var a = x[u] - min + shift;
            // log(a) = log(a/2) + ln 2 when the difference overflows.
            x[u] = double.IsFinite(a) ? Math.Log(a) : Math.Log((x[u] * 0.5) - (min * 0.5) + (shift * 0.5)) + Math.Log(2);
        }

        checks.Add(Check(x, treatment, 2)!.Value);
        for (var u = 0; u < flags.Length; u++)
        {
            flags[u] += "+log_CT";
        }

        return new TreatmentReport(code, checks.ToImmutable(), nwin, [.. flags]);
    }

    private static void ReplaceAt(this Span<double> x, List<int> positions, double value)
    {
        foreach (var i in positions)
        {
            x[i] = value;
        }
    }

    private static List<int> Extremes(ReadOnlySpan<double> x, bool max)
    {
        var (lo, hi, _) = Kernels.MinMax(x, 1.0);
        var target = max ? hi : lo;
        var positions = new List<int>();
        for (var u = 0; u < x.Length; u++)
        {
            if (x[u] == target)
            {
                positions.Add(u);
            }
        }

        return positions;
    }

    private static double NextValue(ReadOnlySpan<double> x, List<int> exclude, bool max)
    {
        var best = max ? double.NegativeInfinity : double.PositiveInfinity;
        var skip = new HashSet<int>(exclude);
        for (var u = 0; u < x.Length; u++)
        {
            if (skip.Contains(u) || double.IsNaN(x[u]))
            {
                continue;
            }

            best = max ? Math.Max(best, x[u]) : Math.Min(best, x[u]);
        }

        return best;
    }

    private static TreatmentCheck? Check(ReadOnlySpan<double> x, OutlierTreatment t, int stage)
    {
        var n = 0;
        foreach (var v in x)
        {
            n += double.IsNaN(v) ? 0 : 1;
        }

        if (n < 4)
        {
            return null;
        }

        var skew = Skewness(x);
        var kurt = Kurtosis(x);
        var pass = Math.Abs(skew) < t.SkewnessThreshold || kurt < t.KurtosisThreshold;
        return new TreatmentCheck(stage, pass, ScoreResult.Missing(skew), ScoreResult.Missing(kurt));
    }

    /// <summary>Sample skewness, type 2 (e1071 / Excel): √n·Σd³/(Σd²)^1.5 · √(n(n−1))/(n−2).</summary>
    internal static double Skewness(ReadOnlySpan<double> x)
    {
        var (n, s2, s3, _) = CentralSums(x);
        var y = Math.Sqrt(n) * s3 / Math.Pow(s2, 1.5);
        return y * Math.Sqrt(n * (n - 1.0)) / (n - 2);
    }

    /// <summary>Sample excess kurtosis, type 2: ((n+1)(r−3)+6)(n−1)/((n−2)(n−3)) with r = n·Σd⁴/(Σd²)².</summary>
    internal static double Kurtosis(ReadOnlySpan<double> x)
    {
        var (n, s2, _, s4) = CentralSums(x);
        var r = n * s4 / (s2 * s2);
        return (((n + 1) * (r - 3)) + 6) * (n - 1) / ((n - 2.0) * (n - 3));
    }

    /// <summary>The count and the sums of d², d³ and d⁴ of the present values, d = x − mean (R's mean).</summary>
    private static (int N, double S2, double S3, double S4) CentralSums(ReadOnlySpan<double> x)
    {
        var mean = Kernels.Mean(x);
        double s2 = 0, s3 = 0, s4 = 0;
        var n = 0;
        foreach (var v in x)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            var d = v - mean;
            var d2 = d * d;
            s2 += d2;
            s3 += d2 * d;
            s4 += d2 * d2;
            n++;
        }

        if (double.IsFinite(s4) && s2 > 1e-250)
        {
            return (n, s2, s3, s4);
        }

        // Data on a scale whose powers overflow or underflow (1e200, 1e-200): skewness and kurtosis do not depend on the
        // scale, so the same sums of d/c, with c the largest |d| (from halved values, which cannot overflow).
        var c = 0.0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                c = Math.Max(c, Math.Abs((v * 0.5) - (mean * 0.5)));
            }
        }

        if (!(c > 0))
        {
            return (n, s2, s3, s4);
        }

        s2 = s3 = s4 = 0;
        foreach (var v in x)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            var d = ((v * 0.5) - (mean * 0.5)) / c;
            var d2 = d * d;
            s2 += d2;
            s3 += d2 * d;
            s4 += d2 * d2;
        }

        return (n, s2, s3, s4);
    }
}
