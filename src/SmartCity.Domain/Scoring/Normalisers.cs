using SmartCity.Domain.Methods;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// The normalisation formulas (COINr's <c>n_*</c> functions, with the direction applied first). Where a difference of two
/// finite values would overflow (data near ±1.8e308), the same ratio is computed from halved values; where COINr's formula
/// would invert the order of the data, the column is refused (<c>normalisation.inverts-order</c>).
/// </summary>
internal static class Normalisers
{
    public static bool Apply(IndicatorStep step, ReadOnlySpan<double> x, Span<double> dst, Dataset data, ScoringWorkspace r, out string? problem, out bool inverts)
    {
        problem = null;
        inverts = false;
        var d = step.Direction;
        switch (step.Normalisation)
        {
            case MinMaxNormalisation m:
                {
                    var (min, max, count) = Kernels.MinMax(x, d);
                    if (count > 0 && max == min)
                    {
                        problem = "every value is the same (max = min)";
                        return false;
                    }

                    MinMax(x, dst, d, min, max, m.Lower, m.Upper);
                    return true;
                }

            case ZScoreNormalisation z:
                {
                    var mean = MeanOf(x, d);
                    var sd = Kernels.StandardDeviation(x, mean, d);
                    var c = 1.0;
                    if (!double.IsFinite(sd) || sd < 1e-140 || Kernels.MaxAbs(x) > 1e300)
                    {
                        // Data on a scale whose squares (or differences) overflow or underflow: the same formula on x/c.
                        c = Kernels.MaxAbs(x);
                        if (c > 0)
                        {
                            mean = d * Kernels.Mean(x, 1 / c);
                            sd = Kernels.StandardDeviation(x, mean, d, 1 / c);
                        }
                    }

                    if (!(sd > 0))
                    {
                        problem = "the standard deviation is zero or undefined (fewer than 2 values)";
                        return false;
                    }

                    var inv = 1 / c;
                    for (var u = 0; u < x.Length; u++)
                    {
                        var y = c == 1 ? d * x[u] : d * (x[u] * inv);
                        dst[u] = (((y - mean) / sd) * z.StandardDeviation) + z.Mean;
                    }

                    return true;
                }

            case RankNormalisation:
                Kernels.RankAscending(x, d, dst, r.RankKeys);
                return true;

            case BordaNormalisation:
                Kernels.RankAscending(x, d, dst, r.RankKeys);
                for (var u = 0; u < dst.Length; u++)
                {
                    dst[u] -= 1;
                }

                return true;

            case PercentileRankNormalisation:
                {
                    var n = Kernels.RankAscending(x, d, dst, r.RankKeys);
                    if (n < 2)
                    {
                        problem = "fewer than 2 values";
                        return false;
                    }

                    for (var u = 0; u < dst.Length; u++)
                    {
                        dst[u] = (dst[u] - 1) / (n - 1);
                    }

                    return true;
                }

            case DistanceToMaxNormalisation:
                {
                    var (min, max, count) = Kernels.MinMax(x, d);
                    if (count > 0 && max == min)
                    {
                        problem = "every value is the same (max = min)";
                        return false;
                    }

                    for (var u = 0; u < x.Length; u++)
                    {
                        dst[u] = 1 - Ratio(max, d * x[u], max, min);
                    }

                    return true;
                }

            case FractionOfMaxNormalisation:
                {
                    // Higher is better: x / max(x). Lower is better: min(x) / x, so that the best (smallest) value gets 1.
                    var (min, max, count) = Kernels.MinMax(x, 1.0);
                    if (count == 0)
                    {
                        problem = "no values";
                        return false;
                    }

                    if (d > 0 ? max == 0 : min <= 0)
                    {
                        problem = d > 0 ? "the maximum is zero" : "lower-is-better values must be positive";
                        return false;
                    }

                    if (d > 0 && max < 0)
                    {
                        inverts = true;
                        problem = $"every value is negative (the maximum is {Pipeline.Describe(max)}), so x/max would rank the worst unit first; use min-max";
                        return false;
                    }

                    for (var u = 0; u < x.Length; u++)
                    {
                        dst[u] = d > 0 ? x[u] / max : min / x[u];
                    }

                    return true;
                }

            case DistanceToReferenceNormalisation reference:
                {
                    var refValue = d * x[data.IndexOfUnit(reference.UnitCode)];
                    var (min, _, _) = Kernels.MinMax(x, d);
                    if (double.IsNaN(refValue) || refValue == min)
                    {
                        problem = double.IsNaN(refValue) ? $"the reference unit '{reference.UnitCode}' has no value" : $"the reference unit '{reference.UnitCode}' has the minimum value";
                        return false;
                    }

                    for (var u = 0; u < x.Length; u++)
                    {
                        var v = 1 - Ratio(refValue, d * x[u], refValue, min);
                        dst[u] = reference.Cap && v > 1 ? 1 : v;
                    }

                    return true;
                }

            case DistanceToTargetNormalisation target:
                {
                    var t = step.Indicator.Target!.Value * d;
                    var (min, _, _) = Kernels.MinMax(x, d);
                    if (t == min)
                    {
                        problem = "the target equals the minimum value";
                        return false;
                    }

                    if (t < min)
                    {
                        inverts = true;
                        problem = $"the target {Pipeline.Describe(step.Indicator.Target!.Value)} lies beyond the worst value, on the wrong side of the data, so the best unit would get the lowest score";
                        return false;
                    }

                    for (var u = 0; u < x.Length; u++)
                    {
                        var v = Ratio(d * x[u], min, t, min);
                        dst[u] = target.Cap && v > 1 ? 1 : v;
                    }

                    return true;
                }

            case GoalpostsNormalisation:
                {
                    var gp = step.Indicator.Goalposts!;
                    for (var u = 0; u < x.Length; u++)
                    {
                        var v = d > 0 ? Ratio(x[u], gp.Lower, gp.Upper, gp.Lower) : Ratio(gp.Upper, x[u], gp.Upper, gp.Lower);
                        if (gp.Truncate)
                        {
                            v = v > 1 ? 1 : v < 0 ? 0 : v;
                        }

                        dst[u] = v * gp.Scale;
                    }

                    return true;
                }

            case ScaleMappingNormalisation s:
                {
                    var scale = step.Indicator.Scale;
                    var lo = scale.Minimum!.Value;
                    var hi = scale.Maximum!.Value;
                    for (var u = 0; u < x.Length; u++)
                    {
                        var v = d > 0 ? Ratio(x[u], lo, hi, lo) : Ratio(hi, x[u], hi, lo);
                        dst[u] = Scale(v, s.Lower, s.Upper);
                    }

                    return true;
                }

            case NoNormalisation:
                for (var u = 0; u < x.Length; u++)
                {
                    dst[u] = d * x[u];
                }

                return true;

            default:
                throw new InvalidOperationException($"Unknown normalisation {step.Normalisation}.");
        }
    }

    /// <summary>
    /// Min-max, COINr's operations in COINr's order: <c>((d·x − min)/(max − min))·(u − l) + l</c>; when a difference
    /// overflows, the same ratio from halved values and <see cref="Scale"/>.
    /// </summary>
    public static void MinMax(ReadOnlySpan<double> x, Span<double> dst, double d, double min, double max, double lower, double upper)
    {
        var range = max - min;
        var span = upper - lower;
        if (double.IsFinite(range) && double.IsFinite(span))
        {
            for (var u = 0; u < x.Length; u++)
            {
                dst[u] = ((((d * x[u]) - min) / range) * span) + lower;
            }

            return;
        }

        for (var u = 0; u < x.Length; u++)
        {
            dst[u] = Scale(Ratio(d * x[u], min, max, min), lower, upper);
        }
    }

    /// <summary><c>(a − b)/(c − e)</c>; when a difference overflows, from halved values (the same ratio).</summary>
    public static double Ratio(double a, double b, double c, double e)
    {
        var num = a - b;
        var den = c - e;
        return double.IsFinite(num) && double.IsFinite(den) ? num / den : ((a * 0.5) - (b * 0.5)) / ((c * 0.5) - (e * 0.5));
    }

    /// <summary><c>v·(u − l) + l</c>; when u − l overflows, <c>(l + t) + t</c> with <c>t = v·(u/2 − l/2)</c>, which stays in range.</summary>
    public static double Scale(double v, double lower, double upper)
    {
        var span = upper - lower;
        if (double.IsFinite(span))
        {
            return (v * span) + lower;
        }

        var t = v * ((upper * 0.5) - (lower * 0.5));
        return (lower + t) + t;
    }

    private static double MeanOf(ReadOnlySpan<double> x, double d)
    {
        var mean = Kernels.Mean(x);
        return d * mean;
    }
}
