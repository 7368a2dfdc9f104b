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
    public static string? Apply(ScoringPlan plan, GroupStep step, ScoringWorkspace r, Span<double> dst)
    {
        var n = r.UnitCount;
        var scores = r.ScoreBuffer;
        var num = r.Numerator.AsSpan();
        var den = r.Denominator.AsSpan();
        var present = r.Present.AsSpan();
        var aggregation = step.Aggregation;

        if (aggregation is CopelandAggregation)
        {
            Copeland(plan, step, r, dst);
            return null;
        }

        if (aggregation is ArithmeticMean)
        {
            var threshold = step.MissingData.CoverageThreshold;
            var children = plan.ChildIndex.AsSpan()[step.Start..step.End];
            var weights = r.ChildWeights.AsSpan(step.Start, step.ChildCount);
            var complete = true;
            foreach (var c in children)
            {
                complete &= r.NodeComplete[c];
            }

            if (complete)
            {
                CompleteArithmeticGroup(scores, n, children, weights, dst);
            }
            else
            {
                ArithmeticGroup(scores, n, children, weights, threshold is { } limit ? Math.Max(1, MinimumPresent(limit, step.ChildCount)) : 1, dst);
            }

            return null;
        }

        if (aggregation is GeometricMean)
        {
            var threshold = step.MissingData.CoverageThreshold;
            return GeometricGroup(plan, step, r, threshold is { } limit ? Math.Max(1, MinimumPresent(limit, step.ChildCount)) : 1, dst);
        }

        // The general path (harmonic, generalised, minimum) accumulates in the shared buffers.
        num.Fill(aggregation is MinimumAggregation ? double.PositiveInfinity : 0);
        den.Clear();
        present.Clear();

        for (var k = step.Start; k < step.End; k++)
        {
            var child = scores.AsSpan(plan.ChildIndex[k] * n, n);
            var w = r.ChildWeights[k];
            switch (aggregation)
            {
                case HarmonicMean or GeneralisedMean:
                    var harmonic = aggregation is HarmonicMean;
                    var p = harmonic ? 0 : ((GeneralisedMean)aggregation).P;
                    for (var u = 0; u < n; u++)
                    {
                        var x = child[u];
                        if (double.IsNaN(x))
                        {
                            continue;
                        }

                        if (x <= 0 && aggregation.RequiresPositiveInputs)
                        {
                            return NonPositive(plan, step, r, k, u, x);
                        }

                        // The summand of each mean: w/x or w·x^p; the finishing step below inverts it.
                        num[u] += harmonic ? w / x : w * Math.Pow(x, p);
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
        var minPresent = rule.CoverageThreshold is { } t ? Math.Max(1, MinimumPresent(t, total)) : 1;
        switch (aggregation)
        {
            default:
                for (var u = 0; u < n; u++)
                {
                    if (present[u] < minPresent || !(den[u] > 0))
                    {
                        dst[u] = double.NaN;
                        continue;
                    }

                    dst[u] = aggregation switch
                    {
                        HarmonicMean => den[u] / num[u],
                        GeneralisedMean g => Math.Pow(num[u] / den[u], 1 / g.P),
                        _ => num[u],
                    };
                }

                break;
        }

        return null;
    }

    /// <summary>The smallest number of present children that meets a coverage threshold (present / total ≥ t).</summary>
    private static int MinimumPresent(double threshold, int total)
    {
        for (var k = 0; k <= total; k++)
        {
            if ((double)k / total >= threshold)
            {
                return k;
            }
        }

        return total + 1;
    }

    /// <summary>
    /// The weighted geometric mean <c>exp(Σw·ln x/Σw)</c> over the children present, with the logs of indicator columns
    /// computed once per evaluation (they do not change when only weights do) and the sums vectorised. Same operations in
    /// the same order as the formula, so results are identical to a per-unit loop.
    /// </summary>
    private static string? GeometricGroup(ScoringPlan plan, GroupStep step, ScoringWorkspace r, int minPresent, Span<double> dst)
    {
        var n = r.UnitCount;
        var num = r.Numerator.AsSpan();
        var den = r.Denominator.AsSpan();
        var present = r.Present.AsSpan();
        num.Clear();
        den.Clear();
        present.Clear();
        for (var k = step.Start; k < step.End; k++)
        {
            var child = plan.ChildIndex[k];
            var w = r.ChildWeights[k];
            ReadOnlySpan<double> logs;
            if (child < plan.IndicatorCount)
            {
                r.LogBuffer ??= new double[plan.IndicatorCount * n];
                var cached = r.LogBuffer.AsSpan(child * n, n);
                if (!r.LogValid[child])
                {
                    if (Logs(r.ScoreBuffer.AsSpan(child * n, n), cached) is { } bad)
                    {
                        return NonPositive(plan, step, r, k, bad, r.ScoreBuffer[(child * n) + bad]);
                    }

                    r.LogValid[child] = true;
                }

                logs = cached;
            }
            else
            {
                r.LogScratch ??= new double[n];
                if (Logs(r.ScoreBuffer.AsSpan(child * n, n), r.LogScratch) is { } bad)
                {
                    return NonPositive(plan, step, r, k, bad, r.ScoreBuffer[(child * n) + bad]);
                }

                logs = r.LogScratch;
            }

            var u = 0;
            if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
            {
                var vw = new Vector<double>(w);
                var cl = MemoryMarshal.Cast<double, Vector<double>>(logs);
                var cn = MemoryMarshal.Cast<double, Vector<double>>(num);
                var cd = MemoryMarshal.Cast<double, Vector<double>>(den);
                var cp = MemoryMarshal.Cast<double, Vector<double>>(present);
                for (var j = 0; j < cl.Length; j++)
                {
                    var x = cl[j];
                    var mask = Vector.Equals(x, x);
                    cn[j] += Vector.ConditionalSelect(mask, vw * x, Vector<double>.Zero);
                    cd[j] += Vector.ConditionalSelect(mask, vw, Vector<double>.Zero);
                    cp[j] += Vector.ConditionalSelect(mask, Vector<double>.One, Vector<double>.Zero);
                }

                u = cl.Length * Vector<double>.Count;
            }

            for (; u < n; u++)
            {
                if (!double.IsNaN(logs[u]))
                {
                    num[u] += w * logs[u];
                    den[u] += w;
                    present[u]++;
                }
            }
        }

        for (var u = 0; u < n; u++)
        {
            dst[u] = present[u] >= minPresent && den[u] > 0 ? Math.Exp(num[u] / den[u]) : double.NaN;
        }

        return null;
    }

    /// <summary>ln of every present value (missing stays NaN); returns the index of the first value ≤ 0, or null.</summary>
    private static int? Logs(ReadOnlySpan<double> x, Span<double> logs)
    {
        for (var u = 0; u < x.Length; u++)
        {
            var v = x[u];
            if (double.IsNaN(v))
            {
                logs[u] = double.NaN;
                continue;
            }

            if (!(v > 0))
            {
                return u;
            }

            logs[u] = Math.Log(v);
        }

        return null;
    }

    /// <summary>
    /// The weighted arithmetic mean of a group whose children have a value for every unit: no masks, the sums in
    /// registers. The same operations in the same order as the masked path, so the results are identical.
    /// </summary>
    private static void CompleteArithmeticGroup(double[] scores, int n, ReadOnlySpan<int> children, ReadOnlySpan<double> weights, Span<double> dst)
    {
        var den = 0.0;
        foreach (var w in weights)
        {
            den += w;
        }

        if (!(den > 0))
        {
            dst.Fill(double.NaN);
            return;
        }

        var u = 0;
        ref var origin = ref MemoryMarshal.GetArrayDataReference(scores);
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var width = Vector<double>.Count;
            var vden = new Vector<double>(den);
            var output = MemoryMarshal.Cast<double, Vector<double>>(dst);
            for (var j = 0; j < output.Length; j++)
            {
                var num = Vector<double>.Zero;
                var at = (nuint)(j * width);
                for (var k = 0; k < children.Length; k++)
                {
                    num += new Vector<double>(weights[k]) * Vector.LoadUnsafe(ref origin, ((nuint)children[k] * (nuint)n) + at);
                }

                output[j] = num / vden;
            }

            u = output.Length * width;
        }

        for (; u < n; u++)
        {
            var num = 0.0;
            for (var k = 0; k < children.Length; k++)
            {
                num += weights[k] * scores[(children[k] * n) + u];
            }

            dst[u] = num / den;
        }
    }

    /// <summary>
    /// The weighted arithmetic mean of a group, block by block of units: the sums stay in registers across the children,
    /// each child value is read once. Children are summed in declared order, as COINr does.
    /// </summary>
    private static void ArithmeticGroup(double[] scores, int n, ReadOnlySpan<int> children, ReadOnlySpan<double> weights, int minPresent, Span<double> dst)
    {
        var u = 0;
        ref var origin = ref MemoryMarshal.GetArrayDataReference(scores);
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var width = Vector<double>.Count;
            var vmin = new Vector<double>(minPresent);
            var nan = new Vector<double>(double.NaN);
            var output = MemoryMarshal.Cast<double, Vector<double>>(dst);
            for (var j = 0; j < output.Length; j++)
            {
                var num = Vector<double>.Zero;
                var den = Vector<double>.Zero;
                var present = Vector<double>.Zero;
                var at = (nuint)(j * width);
                for (var k = 0; k < children.Length; k++)
                {
                    var x = Vector.LoadUnsafe(ref origin, ((nuint)children[k] * (nuint)n) + at);
                    var w = new Vector<double>(weights[k]);
                    var mask = Vector.Equals(x, x);
                    num += Vector.ConditionalSelect(mask, w * x, Vector<double>.Zero);
                    den += Vector.ConditionalSelect(mask, w, Vector<double>.Zero);
                    present += Vector.ConditionalSelect(mask, Vector<double>.One, Vector<double>.Zero);
                }

                var ok = Vector.GreaterThanOrEqual(present, vmin) & Vector.GreaterThan(den, Vector<double>.Zero);
                output[j] = Vector.ConditionalSelect(ok, num / den, nan);
            }

            u = output.Length * width;
        }

        for (; u < n; u++)
        {
            double num = 0, den = 0;
            var present = 0;
            for (var k = 0; k < children.Length; k++)
            {
                var x = scores[(children[k] * n) + u];
                if (!double.IsNaN(x))
                {
                    num += weights[k] * x;
                    den += weights[k];
                    present++;
                }
            }

            dst[u] = present >= minPresent && den > 0 ? num / den : double.NaN;
        }
    }

    private static string NonPositive(ScoringPlan plan, GroupStep step, ScoringWorkspace r, int k, int u, double x) =>
        $"'{step.Aggregation.Spec}' of '{step.Group.Code}' needs positive values, but '{plan.NodeCodes[plan.ChildIndex[k]]}' is {Pipeline.Describe(x)} for unit '{r.Data!.Units[u]}'; normalise to a positive range such as minmax:1,100.";

    /// <summary>
    /// Weighted Copeland: for units p and q, with weights normalised over the children present for both,
    /// M = Σw·[x_p &gt; x_q] + ½Σw·[x_p = x_q]; score(p) = Σ_q sign(M − ½) over the other covered units.
    /// </summary>
    private static void Copeland(ScoringPlan plan, GroupStep step, ScoringWorkspace r, Span<double> dst)
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
