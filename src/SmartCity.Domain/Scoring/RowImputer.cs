using SmartCity.Domain.Methods;

namespace SmartCity.Domain.Scoring;

/// <summary>Row-wise imputation (COINr <c>Impute(impute_by = "row")</c>): see <see cref="RowImputation"/>.</summary>
internal static class RowImputer
{
    /// <summary>
    /// Fills the missing values of indicator <paramref name="indicator"/> (its denominated column <paramref name="x"/>) from
    /// each unit's values of the other indicators in its row group. Allocates (a path that is not a re-scoring hot loop).
    /// </summary>
    public static void Impute(ScoringPlan plan, int indicator, RowImputation method, Span<double> x, Dataset data, ScoringWorkspace r)
    {
        var n = x.Length;
        if (!Kernels.HasMissing(x))
        {
            return;
        }

        var members = Members(plan, indicator, method.GroupLevel);
        var (ownMin, ownMax, _) = Kernels.MinMax(x, plan.IndicatorSteps[indicator].Direction);
        var others = new List<double[]>(members.Count);
        foreach (var j in members)
        {
            if (j != indicator)
            {
                var raw = new double[n];
                if (r.ColumnOfDenominator[j] >= 0)
                {
                    Kernels.Divide(data.Column(r.ColumnOfIndicator[j]), data.Column(r.ColumnOfDenominator[j]), raw);
                }
                else
                {
                    data.Column(r.ColumnOfIndicator[j]).CopyTo(raw);
                }

                others.Add(Column(plan, j, method.NormaliseFirst, raw, out _, out _));
            }
        }

        var row = new double[others.Count];
        var scratch = new double[others.Count];
        var d = plan.IndicatorSteps[indicator].Direction;
        for (var u = 0; u < n; u++)
        {
            if (!double.IsNaN(x[u]))
            {
                continue;
            }

            for (var k = 0; k < others.Count; k++)
            {
                row[k] = others[k][u];
            }

            var v = method.Median ? Kernels.Median(row, scratch) : Kernels.Mean(row);
            if (double.IsNaN(v))
            {
                continue; // no other value in the row: stays missing
            }

            var back = method.NormaliseFirst ? d * ((v * (ownMax - ownMin)) + ownMin) : v;
            if (double.IsFinite(back))
            {
                x[u] = back;
            }
        }
    }

    /// <summary>The indicators whose ancestor at <paramref name="level"/> is the one of <paramref name="indicator"/> (every indicator without a level), itself included.</summary>
    private static List<int> Members(ScoringPlan plan, int indicator, int? level)
    {
        var members = new List<int>();
        var group = level is { } l ? AncestorAt(plan, indicator, l) : -1;
        for (var j = 0; j < plan.IndicatorCount; j++)
        {
            if (level is null || AncestorAt(plan, j, level.Value) == group)
            {
                members.Add(j);
            }
        }

        return members;
    }

    /// <summary>The node index of the ancestor of <paramref name="node"/> at a level (the root when the level is above it).</summary>
    private static int AncestorAt(ScoringPlan plan, int node, int level)
    {
        var k = node;
        while (plan.Levels[k] < level && plan.ParentGroup[k] >= 0)
        {
            k = plan.IndicatorCount + plan.ParentGroup[k];
        }

        return k;
    }

    /// <summary>The column as the row statistic reads it: <c>(d·x − min)/(max − min)</c>, or the raw values.</summary>
    private static double[] Column(ScoringPlan plan, int indicator, bool normalise, ReadOnlySpan<double> x, out double min, out double max)
    {
        var d = plan.IndicatorSteps[indicator].Direction;
        (min, max, _) = Kernels.MinMax(x, d);
        var result = x.ToArray();
        if (normalise)
        {
            for (var u = 0; u < result.Length; u++)
            {
                result[u] = ((d * x[u]) - min) / (max - min); // a constant column gives 0/0 = NaN, as COINr
            }
        }

        return result;
    }
}
