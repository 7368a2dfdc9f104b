using System.Globalization;
using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Panels;

/// <summary>How <see cref="PanelImputation.Impute"/> fills a unit's missing value from its other editions.</summary>
public enum PanelImputationKind
{
    /// <summary>The value of the latest earlier edition that has one (up to <c>maxTime</c> editions back); never a later one (COINr <c>imp_type = "latest"</c>).</summary>
    Latest = 0,

    /// <summary>Step interpolation: the value of the latest earlier observation; before the first observation, the first one (COINr <c>"constant"</c>, R's <c>approx(method = "constant", rule = 2)</c>).</summary>
    Constant = 1,

    /// <summary>Linear interpolation between observations; outside them, the nearest one (COINr <c>"linear"</c>, <c>approx(rule = 2)</c>); a series with a single observation is an error, as in COINr.</summary>
    Linear = 2,

    /// <summary>As <see cref="Linear"/>, but a series with a single observation is filled with it (not in COINr 1.1.14).</summary>
    LinearConstant = 3,
}

/// <summary>Panel imputation (COINr <c>impute_panel</c>): missing values filled from the same unit's other editions.</summary>
public static class PanelImputation
{
    /// <summary>Fills missing values of every numeric column from the unit's other editions. Present values never change.</summary>
    /// <param name="panel">The panel.</param>
    /// <param name="kind">The method.</param>
    /// <param name="maxTime">
    /// For <see cref="PanelImputationKind.Latest"/>: how many earlier editions of the panel to look back at most (COINr
    /// <c>max_time</c>: with 1, a gap at <c>t</c> is filled only from the edition before); <see langword="null"/> for all.
    /// The other kinds interpolate over every edition and do not use it, as in COINr.
    /// </param>
    /// <returns>The imputed panel, or <c>panel.spec</c> errors (a panel with one edition; <paramref name="maxTime"/> below 1; for <see cref="PanelImputationKind.Linear"/>, a series with missing values and one observation).</returns>
    public static OneOf<PanelData, ValidationErrors> Impute(PanelData panel, PanelImputationKind kind, int? maxTime = null)
    {
        Guard.Against.Null(panel);
        var errors = new ErrorCollector();
        if (panel.Times.Length < 2)
        {
            errors.Add(ErrorCodes.PanelSpec, "times", "Panel imputation needs at least two editions.");
        }

        if (maxTime is < 1)
        {
            errors.Add(ErrorCodes.PanelSpec, "maxTime", "maxTime must be at least 1.", maxTime.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var times = panel.Times;
        var filled = times.ToDictionary(t => t, t => new List<(int Unit, int Column, double Value)>());
        foreach (var unit in panel.Units)
        {
            // The unit's editions, ascending, and its row in each.
            var rows = times.Select(t => (Time: t, Row: panel.Edition(t).IndexOfUnit(unit))).Where(x => x.Row >= 0).ToArray();
            for (var c = 0; c < panel.Columns.Length; c++)
            {
                var y = rows.Select(x => panel.Edition(x.Time).Column(c)[x.Row]).ToArray();
                var observed = Enumerable.Range(0, y.Length).Where(k => !double.IsNaN(y[k])).ToArray();
                if (observed.Length == y.Length || observed.Length == 0)
                {
                    continue; // nothing to fill, or nothing to fill from
                }

                if (kind == PanelImputationKind.Linear && observed.Length == 1)
                {
                    errors.Add(ErrorCodes.PanelSpec, $"{unit}.{panel.Columns[c]}", $"Unit '{unit}' has one observation of '{panel.Columns[c]}'; linear interpolation needs two (use linear-constant).", unit);
                    continue;
                }

                for (var k = 0; k < y.Length; k++)
                {
                    if (!double.IsNaN(y[k]))
                    {
                        continue;
                    }

                    var v = kind switch
                    {
                        PanelImputationKind.Latest => Latest(panel, rows[k].Time, unit, c, maxTime),
                        PanelImputationKind.Constant => Step(rows, y, observed, k),
                        _ => observed.Length == 1 ? y[observed[0]] : Interpolate(rows, y, observed, k),
                    };
                    if (!double.IsNaN(v))
                    {
                        filled[rows[k].Time].Add((rows[k].Row, c, v));
                    }
                }
            }
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        return PanelData.Create(times.Select(t => KeyValuePair.Create(t, filled[t].Count == 0 ? panel.Edition(t) : panel.Edition(t).WithValues(filled[t]))));
    }

    /// <summary>The latest earlier edition's observed value, looking back at most <paramref name="maxTime"/> editions of the panel.</summary>
    private static double Latest(PanelData panel, int time, string unit, int column, int? maxTime)
    {
        var older = panel.Times.Where(t => t < time).OrderDescending().Take(maxTime ?? int.MaxValue);
        foreach (var t in older)
        {
            var d = panel.Edition(t);
            var row = d.IndexOfUnit(unit);
            if (row >= 0 && !double.IsNaN(d.Column(column)[row]))
            {
                return d.Column(column)[row];
            }
        }

        return double.NaN;
    }

    private static double Step((int Time, int Row)[] rows, double[] y, int[] observed, int k)
    {
        var before = observed.Where(o => rows[o].Time < rows[k].Time).ToArray();
        return before.Length > 0 ? y[before[^1]] : y[observed[0]];
    }

    private static double Interpolate((int Time, int Row)[] rows, double[] y, int[] observed, int k)
    {
        var t = rows[k].Time;
        var before = observed.Where(o => rows[o].Time < t).ToArray();
        var after = observed.Where(o => rows[o].Time > t).ToArray();
        if (before.Length == 0)
        {
            return y[after[0]];
        }

        if (after.Length == 0)
        {
            return y[before[^1]];
        }

        var (a, b) = (before[^1], after[0]);
        var (t0, t1) = ((double)rows[a].Time, (double)rows[b].Time);

        // R's approx: y0 + (y1 − y0)·(t − t0)/(t1 − t0).
        return y[a] + ((y[b] - y[a]) * ((t - t0) / (t1 - t0)));
    }
}
