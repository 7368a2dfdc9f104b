using System.Numerics;
using System.Runtime.InteropServices;
using SmartCity.Domain.Methods;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// Aggregation of a group from its children, one missing-data rule for every method: the children present for a unit are
/// aggregated with their weights renormalised; with a coverage threshold the aggregate is missing when too few are present.
/// </summary>
internal static class Aggregators
{
    /// <summary>Computes the group's scores into <paramref name="dst"/>; returns a problem description or null.</summary>
    public static string? Apply(ScoringPlan plan, GroupStep step, ScoreResult r, Span<double> dst)
    {
        var n = r.UnitCount;
        var scores = r.ScoreBuffer;
        var num = r.Numerator.AsSpan();
        var den = r.Denominator.AsSpan();
        var present = r.Present.AsSpan();
        num.Clear();
        den.Clear();
        present.Clear();
        var aggregation = step.Aggregation;

        if (aggregation is CopelandAggregation)
        {
            Copeland(plan, step, r, dst);
            return null;
        }

        if (aggregation is MinimumAggregation)
        {
            num.Fill(double.PositiveInfinity);
        }

        for (var k = step.Start; k < step.End; k++)
        {
            var child = scores.AsSpan(plan.ChildIndex[k] * n, n);
            var w = r.ChildWeights[k];
            switch (aggregation)
            {
                case ArithmeticMean:
                    AccumulateArithmetic(child, w, num, den, present);
                    break;
                case GeometricMean:
                    for (var u = 0; u < n; u++)
                    {
                        var x = child[u];
                        if (double.IsNaN(x))
                        {
                            continue;
                        }

                        if (x <= 0)
                        {
                            return NonPositive(plan, step, r, k, u, x);
                        }

                        num[u] += w * Math.Log(x);
                        den[u] += w;
                        present[u]++;
                    }

                    break;
                case HarmonicMean:
                    for (var u = 0; u < n; u++)
                    {
                        var x = child[u];
                        if (double.IsNaN(x))
                        {
                            continue;
                        }

                        if (x <= 0)
                        {
                            return NonPositive(plan, step, r, k, u, x);
                        }

                        num[u] += w / x;
                        den[u] += w;
                        present[u]++;
                    }

                    break;
                case GeneralisedMean g:
                    for (var u = 0; u < n; u++)
                    {
                        var x = child[u];
                        if (double.IsNaN(x))
                        {
                            continue;
                        }

                        if (g.RequiresPositiveInputs && x <= 0)
                        {
                            return NonPositive(plan, step, r, k, u, x);
                        }

                        num[u] += w * Math.Pow(x, g.P);
                        den[u] += w;
                        present[u]++;
                    }

                    break;
                case MinimumAggregation:
                    for (var u = 0; u < n; u++)
                    {
                        var x = child[u];
                        if (double.IsNaN(x))
                        {
                            continue;
                        }

                        present[u]++;
                        if (w > 0)
                        {
                            den[u] += w;
                            num[u] = Math.Min(num[u], x);
                        }
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown aggregation {aggregation}.");
            }
        }

        var rule = step.MissingData;
        var total = step.ChildCount;
        var threshold = rule.CoverageThreshold;
        for (var u = 0; u < n; u++)
        {
            var covered = present[u] > 0 && (threshold is not { } t || (double)present[u] / total >= t);
            if (!covered || !(den[u] > 0))
            {
                dst[u] = double.NaN;
                continue;
            }

            dst[u] = aggregation switch
            {
                ArithmeticMean => num[u] / den[u],
                GeometricMean => Math.Exp(num[u] / den[u]),
                HarmonicMean => den[u] / num[u],
                GeneralisedMean g => Math.Pow(num[u] / den[u], 1 / g.P),
                _ => num[u],
            };
        }

        return null;
    }

    /// <summary>num += w·x, den += w, present += 1 where x is present. Vectorised: the hot loop of the default pipeline.</summary>
    private static void AccumulateArithmetic(ReadOnlySpan<double> child, double w, Span<double> num, Span<double> den, Span<int> present)
    {
        var u = 0;
        if (Vector.IsHardwareAccelerated && child.Length >= Vector<double>.Count)
        {
            var vw = new Vector<double>(w);
            var cx = MemoryMarshal.Cast<double, Vector<double>>(child);
            var cn = MemoryMarshal.Cast<double, Vector<double>>(num);
            var cd = MemoryMarshal.Cast<double, Vector<double>>(den);
            for (var j = 0; j < cx.Length; j++)
            {
                var x = cx[j];
                var mask = Vector.Equals(x, x);
                cn[j] += Vector.ConditionalSelect(mask, vw * x, Vector<double>.Zero);
                cd[j] += Vector.ConditionalSelect(mask, vw, Vector<double>.Zero);
            }

            for (var j = 0; j < cx.Length * Vector<double>.Count; j++)
            {
                present[j] += double.IsNaN(child[j]) ? 0 : 1;
            }

            u = cx.Length * Vector<double>.Count;
        }

        for (; u < child.Length; u++)
        {
            var x = child[u];
            if (!double.IsNaN(x))
            {
                num[u] += w * x;
                den[u] += w;
                present[u]++;
            }
        }
    }

    private static string NonPositive(ScoringPlan plan, GroupStep step, ScoreResult r, int k, int u, double x) =>
        $"'{step.Aggregation.Spec}' of '{step.Group.Code}' needs positive values, but '{plan.NodeCodes[plan.ChildIndex[k]]}' is {Pipeline.Describe(x)} for unit '{r.Data!.Units[u]}'; normalise to a positive range such as minmax:1,100.";

    /// <summary>
    /// Weighted Copeland: for units p and q, with weights normalised over the children present for both,
    /// M = Σw·[x_p &gt; x_q] + ½Σw·[x_p = x_q]; score(p) = Σ_q sign(M − ½) over the other covered units.
    /// </summary>
    private static void Copeland(ScoringPlan plan, GroupStep step, ScoreResult r, Span<double> dst)
    {
        var n = r.UnitCount;
        var scores = r.ScoreBuffer;
        var total = step.ChildCount;
        var covered = new bool[n];
        for (var u = 0; u < n; u++)
        {
            var present = 0;
            for (var k = step.Start; k < step.End; k++)
            {
                present += double.IsNaN(scores[(plan.ChildIndex[k] * n) + u]) ? 0 : 1;
            }

            covered[u] = step.MissingData.IsCovered(present, total);
        }

        for (var p = 0; p < n; p++)
        {
            if (!covered[p])
            {
                dst[p] = double.NaN;
                continue;
            }

            var score = 0.0;
            for (var q = 0; q < n; q++)
            {
                if (q == p || !covered[q])
                {
                    continue;
                }

                double wins = 0, ties = 0, weight = 0;
                for (var k = step.Start; k < step.End; k++)
                {
                    var xp = scores[(plan.ChildIndex[k] * n) + p];
                    var xq = scores[(plan.ChildIndex[k] * n) + q];
                    if (double.IsNaN(xp) || double.IsNaN(xq))
                    {
                        continue;
                    }

                    var w = r.ChildWeights[k];
                    weight += w;
                    if (xp > xq)
                    {
                        wins += w;
                    }
                    else if (xp == xq)
                    {
                        ties += w;
                    }
                }

                if (weight > 0)
                {
                    var m = (wins / weight) + (0.5 * (ties / weight));
                    score += Math.Sign(m - 0.5);
                }
            }

            dst[p] = score;
        }
    }
}
