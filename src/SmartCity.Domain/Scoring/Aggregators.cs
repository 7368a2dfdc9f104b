using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SmartCity.Domain.Methods;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// Aggregation of a group from its children, one missing-data rule for every method: the children present for a unit are
/// aggregated with their weights renormalised; with a coverage threshold the aggregate is missing when too few are present.
/// </summary>
internal static class Aggregators
{
    /// <summary>
    /// Computes group <paramref name="g"/>'s scores into <paramref name="dst"/> (and the bound of their magnitudes); returns a
    /// problem description or null. Every mean is order-independent (<see cref="ExactMean"/>) and uses the weights relative
    /// to the group's largest one, so the scale of the weights does not matter.
    /// </summary>
    public static string? Apply(ScoringPlan plan, int g, ScoringWorkspace r, Span<double> dst)
    {
        var step = plan.GroupSteps[g];
        var n = r.UnitCount;
        var m = step.ChildCount;
        var aggregation = step.Aggregation;
        var children = plan.ChildIndex.AsSpan()[step.Start..step.End];
        var relative = r.GroupRelative.AsSpan(0, m);
        ExactMean.Relative(r.ChildWeights.AsSpan(step.Start, m), relative);
        var threshold = step.MissingData.CoverageThreshold;
        var minPresent = threshold is { } limit ? Math.Max(1, MinimumPresent(limit, m)) : 1;
        var order = r.GroupOrder.AsSpan(0, m);
        var sorted = r.GroupSorted.AsSpan(0, m);
        var weighted = r.GroupWeightedBound.AsSpan(0, m);
        var bounds = r.GroupBounds.AsSpan(0, m);
        var childBound = 0.0;
        for (var k = 0; k < m; k++)
        {
            bounds[k] = r.NodeBound[children[k]];
            childBound = Math.Max(childBound, bounds[k]);
        }

        // A mean lies between its smallest and largest child: the children's bound bounds it.
        r.NodeBound[plan.IndicatorCount + g] = aggregation is CopelandAggregation ? Math.Max(0, n - 1) : childBound;
        ExactMean.Prepare(relative, bounds, order, sorted, weighted);

        switch (aggregation)
        {
            case CopelandAggregation:
                Copeland(plan, step, r, order, sorted, dst);
                return null;
            case MinimumAggregation:
                Minimum(plan, step, r, relative, minPresent, dst);
                return null;
            case ArithmeticMean:
                {
                    var offsets = r.GroupOffsets.AsSpan(0, m);
                    var complete = true;
                    for (var j = 0; j < m; j++)
                    {
                        offsets[j] = children[order[j]] * n;
                        complete &= r.NodeComplete[children[order[j]]];
                    }

                    ExactMean.Blocks(r.ScoreBuffer, offsets, sorted, weighted, n, minPresent, complete, r.GroupScaled, dst);
                    return null;
                }

            case GeometricMean:
                return GeometricGroup(plan, step, r, minPresent, dst);
            case HarmonicMean or GeneralisedMean:
                return PerUnit(plan, step, r, minPresent, dst);
            default:
                throw new InvalidOperationException($"Unknown aggregation {aggregation}.");
        }
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

    /// <summary>The minimum over the present children with a positive weight (order-independent by nature).</summary>
    private static void Minimum(ScoringPlan plan, GroupStep step, ScoringWorkspace r, ReadOnlySpan<double> relative, int minPresent, Span<double> dst)
    {
        var n = r.UnitCount;
        var scores = r.ScoreBuffer;
        for (var u = 0; u < n; u++)
        {
            var min = double.PositiveInfinity;
            var present = 0;
            var weighted = false;
            for (var k = 0; k < step.ChildCount; k++)
            {
                var x = scores[(plan.ChildIndex[step.Start + k] * n) + u];
                if (double.IsNaN(x))
                {
                    continue;
                }

                present++;
                if (relative[k] > 0)
                {
                    weighted = true;
                    min = Math.Min(min, x);
                }
            }

            dst[u] = present >= minPresent && weighted ? min : double.NaN;
        }
    }

    /// <summary>
    /// The weighted geometric mean <c>exp(Σŵ·ln x/Σŵ)</c>: the order-independent arithmetic mean of the logs, with the logs of
    /// every child column kept until its scores change (<see cref="ScoringWorkspace.LogValid"/>): indicators' for the whole
    /// evaluation, groups' until they are aggregated again, so a re-aggregation that changed only weights takes the logs of
    /// the children it left clean from the cache. The logs are the same numbers either way.
    /// </summary>
    private static string? GeometricGroup(ScoringPlan plan, GroupStep step, ScoringWorkspace r, int minPresent, Span<double> dst)
    {
        var n = r.UnitCount;
        var m = step.ChildCount;
        r.LogBuffer ??= new double[plan.NodeCount * n];
        r.LogBound ??= new double[plan.NodeCount];
        var bounds = r.GroupBounds.AsSpan(0, m);
        for (var k = 0; k < m; k++)
        {
            var child = plan.ChildIndex[step.Start + k];
            if (!r.LogValid[child])
            {
                if (Logs(r.ScoreBuffer.AsSpan(child * n, n), r.LogBuffer.AsSpan(child * n, n), out r.LogBound[child]) is { } bad)
                {
                    return NonPositive(plan, step, r, step.Start + k, bad, r.ScoreBuffer[(child * n) + bad]);
                }

                r.LogValid[child] = true;
            }

            bounds[k] = r.LogBound[child];
        }

        var relative = r.GroupRelative.AsSpan(0, m);
        var order = r.GroupOrder.AsSpan(0, m);
        var sorted = r.GroupSorted.AsSpan(0, m);
        var weighted = r.GroupWeightedBound.AsSpan(0, m);
        ExactMean.Prepare(relative, bounds, order, sorted, weighted);
        var offsets = r.GroupOffsets.AsSpan(0, m);
        var complete = true;
        for (var j = 0; j < m; j++)
        {
            var child = plan.ChildIndex[step.Start + order[j]];
            offsets[j] = child * n;
            complete &= r.NodeComplete[child];
        }

        ExactMean.Blocks(r.LogBuffer, offsets, sorted, weighted, n, minPresent, complete, r.GroupScaled, dst);
        LibmVector.Exp(dst[..n], dst); // Math.Exp of each, four at a time where that gives the same bits
        return null;
    }

    /// <summary>ln of every present value (missing stays NaN) and the largest |ln x|; returns the index of the first value ≤ 0, or null.</summary>
    internal static int? Logs(ReadOnlySpan<double> x, Span<double> logs, out double bound) => Logs(x, logs, out bound, LibmVector.Enabled);

    /// <summary>
    /// <see cref="Logs(ReadOnlySpan{double}, Span{double}, out double)"/>, four values at a time with <paramref name="vector"/>
    /// (<see cref="LibmVector"/>: the same bits as Math.Log): a block holding a value ≤ 0 is left to the scalar loop, which
    /// writes the logs before it and returns its index, as without vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int? Logs(ReadOnlySpan<double> x, Span<double> logs, out double bound, bool vector)
    {
        var u = 0;
        bound = 0;
        if (vector && LibmVector.IsSupported)
        {
            ref var xs = ref MemoryMarshal.GetReference(x);
            ref var ys = ref MemoryMarshal.GetReference(logs[..x.Length]);
            var max = Vector256<double>.Zero;
            var missing = Vector256.Create(double.NaN);
            for (; u <= x.Length - LibmVector.Width; u += LibmVector.Width)
            {
                var v = Vector256.LoadUnsafe(ref xs, (nuint)u);
                var present = Vector256.Equals(v, v).AsInt64();
                var positive = Vector256.GreaterThan(v, Vector256<double>.Zero).AsInt64();
                if (Vector256.AndNot(present, positive) != Vector256<long>.Zero)
                {
                    break;
                }

                var y = LibmVector.LogLanes(v, out var outside);
                outside &= present; // subnormal or +∞; a missing value's log is not taken
                if (outside != Vector256<long>.Zero)
                {
                    y = LibmVector.ScalarLog(y, v, outside);
                }

                y = Vector256.ConditionalSelect(present.AsDouble(), y, missing);
                max = Avx.Max(max, Vector256.ConditionalSelect(present.AsDouble(), Vector256.Abs(y), Vector256<double>.Zero));
                y.StoreUnsafe(ref ys, (nuint)u);
            }

            for (var j = 0; j < LibmVector.Width; j++)
            {
                bound = Math.Max(bound, max.GetElement(j));
            }
        }

        for (; u < x.Length; u++)
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
            bound = Math.Max(bound, Math.Abs(logs[u]));
        }

        return null;
    }

    /// <summary>
    /// The harmonic and generalised means, unit by unit, scaled by the unit's own extreme value so that no power or
    /// reciprocal overflows: harmonic <c>X / mean(X/x)</c> with X the smallest child; generalised
    /// <c>X·mean((x/X)^p)^(1/p)</c> with X the largest |x| (p &gt; 0) or the smallest x (p &lt; 0). The means are
    /// order-independent (<see cref="ExactMean.Unit"/>).
    /// </summary>
    private static string? PerUnit(ScoringPlan plan, GroupStep step, ScoringWorkspace r, int minPresent, Span<double> dst)
    {
        var n = r.UnitCount;
        var m = step.ChildCount;
        var scores = r.ScoreBuffer;
        var order = r.GroupOrder.AsSpan(0, m);
        var sorted = r.GroupSorted.AsSpan(0, m);
        var terms = r.GroupScaled.AsSpan(0, m);
        var weights = r.GroupWeightedBound.AsSpan(0, m);
        var (kBits, lBits) = ExactMean.Headroom(m);
        var harmonic = step.Aggregation is HarmonicMean;
        var p = harmonic ? -1 : ((GeneralisedMean)step.Aggregation).P;
        var integer = p == Math.Floor(p);
        for (var u = 0; u < n; u++)
        {
            var present = 0;
            var extreme = p > 0 ? 0.0 : double.PositiveInfinity;
            for (var j = 0; j < m; j++)
            {
                var slot = step.Start + order[j];
                var x = scores[(plan.ChildIndex[slot] * n) + u];
                if (double.IsNaN(x))
                {
                    continue;
                }

                // p ≤ 0 (and the harmonic mean) needs x > 0; a fractional p > 0 needs x ≥ 0 (0^p = 0); an integer p > 0 takes any x.
                if (p <= 0 ? !(x > 0) : !integer && x < 0)
                {
                    return NonPositive(plan, step, r, slot, u, x);
                }

                extreme = p > 0 ? Math.Max(extreme, Math.Abs(x)) : Math.Min(extreme, x);
                terms[present] = x;
                weights[present] = sorted[j];
                present++;
            }

            if (present < minPresent || present == 0)
            {
                dst[u] = double.NaN;
                continue;
            }

            if (extreme == 0)
            {
                dst[u] = ExactMean.Unit(weights[..present], terms[..present], kBits, lBits) is var z && double.IsNaN(z) ? double.NaN : 0;
                continue;
            }

            for (var t = 0; t < present; t++)
            {
                terms[t] = harmonic ? extreme / terms[t] : Math.Pow(terms[t] / extreme, p);
            }

            var q = ExactMean.Unit(weights[..present], terms[..present], kBits, lBits);
            dst[u] = harmonic ? extreme / q
                : q >= 0 ? extreme * Math.Pow(q, 1 / p)
                : -extreme * Math.Pow(-q, 1 / p); // only an odd integer p gives a negative mean: its real root
        }

        return null;
    }

    private static string NonPositive(ScoringPlan plan, GroupStep step, ScoringWorkspace r, int k, int u, double x) =>
        $"'{step.Aggregation.Spec}' of '{step.Group.Code}' needs positive values, but '{plan.NodeCodes[plan.ChildIndex[k]]}' is {Pipeline.Describe(x)} for unit '{r.Data!.Units[u]}'; normalise to a positive range such as minmax:1,100.";

    /// <summary>
    /// Weighted Copeland: for units p and q, with weights normalised over the children present for both,
    /// M = Σw·[x_p &gt; x_q] + ½Σw·[x_p = x_q]; score(p) = Σ_q sign(M − ½) over the other covered units. The weights are
    /// the relative ones, added in ascending order, so the sums depend only on which weights take part.
    /// </summary>
    private static void Copeland(ScoringPlan plan, GroupStep step, ScoringWorkspace r, ReadOnlySpan<int> order, ReadOnlySpan<double> sorted, Span<double> dst)
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
                for (var j = 0; j < total; j++)
                {
                    var child = plan.ChildIndex[step.Start + order[j]];
                    var xp = scores[(child * n) + p];
                    var xq = scores[(child * n) + q];
                    if (double.IsNaN(xp) || double.IsNaN(xq))
                    {
                        continue;
                    }

                    var w = sorted[j];
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
