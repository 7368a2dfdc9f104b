using SmartCity.Domain.Methods;

namespace SmartCity.Domain.Scoring;

/// <summary>The normalisation formulas (COINr's <c>n_*</c> functions, with the direction applied first).</summary>
internal static class Normalisers
{
    public static bool Apply(IndicatorStep step, ReadOnlySpan<double> x, Span<double> dst, Dataset data, ScoringWorkspace r, out string? problem)
    {
        problem = null;
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

                    var range = max - min;
                    var span = m.Upper - m.Lower;
                    for (var u = 0; u < x.Length; u++)
                    {
                        dst[u] = ((((d * x[u]) - min) / range) * span) + m.Lower;
                    }

                    return true;
                }

            case ZScoreNormalisation z:
                {
                    var mean = MeanOf(x, d);
                    var sd = Kernels.StandardDeviation(x, mean, d);
                    if (!(sd > 0))
                    {
                        problem = "the standard deviation is zero or undefined (fewer than 2 values)";
                        return false;
                    }

                    for (var u = 0; u < x.Length; u++)
                    {
                        dst[u] = ((((d * x[u]) - mean) / sd) * z.StandardDeviation) + z.Mean;
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
                        dst[u] = 1 - ((max - (d * x[u])) / (max - min));
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
                        var v = 1 - ((refValue - (d * x[u])) / (refValue - min));
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

                    for (var u = 0; u < x.Length; u++)
                    {
                        var v = ((d * x[u]) - min) / (t - min);
                        dst[u] = target.Cap && v > 1 ? 1 : v;
                    }

                    return true;
                }

            case GoalpostsNormalisation:
                {
                    var gp = step.Indicator.Goalposts!;
                    for (var u = 0; u < x.Length; u++)
                    {
                        var v = d > 0 ? (x[u] - gp.Lower) / (gp.Upper - gp.Lower) : (gp.Upper - x[u]) / (gp.Upper - gp.Lower);
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
                        var v = d > 0 ? (x[u] - lo) / (hi - lo) : (hi - x[u]) / (hi - lo);
                        dst[u] = (v * (s.Upper - s.Lower)) + s.Lower;
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

    private static double MeanOf(ReadOnlySpan<double> x, double d)
    {
        var mean = Kernels.Mean(x);
        return d * mean;
    }
}
