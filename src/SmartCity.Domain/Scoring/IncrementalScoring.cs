using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// Re-scores one indicator of an evaluated workspace from new raw values (denominate, impute, treat, normalise that
/// column), marks its ancestors for <see cref="Pipeline.Aggregate"/>: the step target seeking repeats.
/// </summary>
internal static class IncrementalScoring
{
    /// <summary>Recomputes indicator <paramref name="indicator"/> from <paramref name="raw"/>; false when the column cannot be treated or normalised.</summary>
    public static bool Recompute(ScoringPlan plan, ScoringWorkspace r, Dataset data, int indicator, ReadOnlySpan<double> raw)
    {
        var n = r.UnitCount;
        var step = plan.IndicatorSteps[indicator];
        ErrorCollector? errors = null; // a failure is reported as false: the caller says what it means for its search
        if (!Pipeline.Prepare(plan, indicator, raw, rawIsColumn: false, data, r, ref errors, out var source))
        {
            return false;
        }

        var dst = r.ScoreBuffer.AsSpan(indicator * n, n);
        if (!Normalisers.Apply(step, source, dst, data, r, out _, out _))
        {
            return false;
        }

        r.NodeComplete[indicator] = !Kernels.HasMissing(dst);
        r.NodeBound[indicator] = Kernels.MaxAbs(dst);
        r.LogValid[indicator] = false;
        for (var g = plan.ParentGroup[indicator]; g >= 0 && !r.Dirty[g]; g = plan.ParentGroup[plan.IndicatorCount + g])
        {
            r.Dirty[g] = true;
        }

        return true;
    }
}
