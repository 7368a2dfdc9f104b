using System.Globalization;
using OneOf;
using OneOf.Types;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Scoring;

/// <summary>The evaluation of a plan: denominate → impute → treat → normalise → aggregate → rank.</summary>
internal static class Pipeline
{
    public static OneOf<Success, ValidationErrors> Run(ScoringPlan plan, Dataset data, ScoringWorkspace r, bool computeRanks)
    {
        if (!ReferenceEquals(r.BoundData, data) && BindTo(plan, data, r) is { } bindErrors)
        {
            return bindErrors;
        }

        r.Data = data;
        r.HasRanks = false;
        r.Valid = false;
        Array.Clear(r.LogValid);
        ErrorCollector? errors = null;
        var n = r.UnitCount;
        for (var i = 0; i < plan.IndicatorCount; i++)
        {
            var step = plan.IndicatorSteps[i];
            var raw = data.Column(r.ColumnOfIndicator[i]);
            var dst = r.ScoreBuffer.AsSpan(i * n, n);
            if (r.ColumnOfDenominator[i] < 0 && step.Treatment is NoTreatment && step.Normalisation is MinMaxNormalisation minmax && step.Imputation is NoImputation or ColumnMeanImputation)
            {
                // The default pipeline, fused: one summary pass, one correction pass, one fill-and-scale pass.
                r.TreatmentReports[i] = null;
                r.NodeBound[i] = Math.Max(Math.Abs(minmax.Lower), Math.Abs(minmax.Upper));
                if (!FusedMinMax(step, minmax, raw, dst, r, i, out r.NodeComplete[i]))
                {
                    (errors ??= new()).Add(ErrorCodes.NormalisationConstantColumn, step.Indicator.Code, $"Indicator '{step.Indicator.Code}' cannot be normalised with {step.Normalisation.Spec}: every value is the same (max = min).");
                }

                continue;
            }

            if (!Prepare(plan, i, raw, rawIsColumn: true, data, r, ref errors, out var source))
            {
                continue;
            }

            var normalised = Normalisers.Apply(step, source, dst, data, r, out var problem, out var inverts);
            r.NodeComplete[i] = normalised && !Kernels.HasMissing(dst);
            r.NodeBound[i] = Kernels.MaxAbs(dst);
            if (!normalised)
            {
                var message = $"Indicator '{step.Indicator.Code}' cannot be normalised with {step.Normalisation.Spec}: {problem}.";
                if (inverts)
                {
                    (errors ??= new()).Add(ErrorCodes.NormalisationInvertsOrder, step.Indicator.Code, message);
                }
                else
                {
                    (errors ??= new()).Add(ErrorCodes.NormalisationConstantColumn, step.Indicator.Code, message);
                }
            }
            else if (!double.IsFinite(r.NodeBound[i]))
            {
                var u = Kernels.FirstInfinite(dst);
                (errors ??= new()).Add(ErrorCodes.NormalisationNotFinite, Dataset.Row(u) + "." + step.Indicator.Code, $"Unit '{data.Units[u]}': {step.Normalisation.Spec} of '{step.Indicator.Code}' gives {Describe(dst[u])}; its parameters scale the values beyond the range of a double.", source[u]);
            }
        }

        if (errors is not null)
        {
            r.BoundData = null; // a failed evaluation cannot be re-aggregated
            return errors.ToErrors();
        }

        return Aggregate(plan, r, computeRanks, onlyDirty: false);
    }

    /// <summary>
    /// The steps of indicator <paramref name="i"/> before normalisation — denominate, impute, treat — from
    /// <paramref name="raw"/> (the dataset's own column when <paramref name="rawIsColumn"/>, which then needs no copy
    /// when nothing is divided or imputed), into the workspace's buffers; <paramref name="source"/> is what normalisation
    /// reads. False, with a <c>treatment.too-few-values</c> error added to <paramref name="errors"/>, when the treatment
    /// has too few values. One step for the pipeline, re-scoring one indicator (<see cref="IncrementalScoring"/>) and
    /// pooled panels (<see cref="PooledScoring"/>).
    /// </summary>
    internal static bool Prepare(ScoringPlan plan, int i, ReadOnlySpan<double> raw, bool rawIsColumn, Dataset data, ScoringWorkspace r, ref ErrorCollector? errors, out ReadOnlySpan<double> source)
    {
        var n = r.UnitCount;
        var step = plan.IndicatorSteps[i];
        if (rawIsColumn && r.ColumnOfDenominator[i] < 0 && step.Imputation is NoImputation)
        {
            r.ImputedFromRaw[i] = true;
            source = raw;
        }
        else
        {
            r.ImputedFromRaw[i] = false;
            var imputed = r.ImputedBuffer.AsSpan(i * n, n);
            if (r.ColumnOfDenominator[i] >= 0)
            {
                Kernels.Divide(raw, data.Column(r.ColumnOfDenominator[i]), imputed);
            }
            else
            {
                raw.CopyTo(imputed);
            }

            Impute(plan, i, step.Imputation, imputed, data, r);
            source = imputed;
        }

        if (step.Treatment is NoTreatment)
        {
            r.TreatmentReports[i] = null;
            return true;
        }

        r.TreatedBuffer ??= new double[plan.IndicatorCount * n];
        var treated = r.TreatedBuffer.AsSpan(i * n, n);
        source.CopyTo(treated);
        var report = Treatment.Apply(step.Indicator.Code, step.Treatment, treated);
        r.TreatmentReports[i] = report;
        source = treated;
        if (report is null)
        {
            (errors ??= new()).Add(ErrorCodes.TreatmentTooFewValues, step.Indicator.Code, $"Indicator '{step.Indicator.Code}' has fewer than 4 values; skewness and kurtosis need at least 4.");
            return false;
        }

        return true;
    }

    /// <summary>Binds a workspace to a dataset's columns (indicator and denominator columns, scale and attribute checks); the errors, or null.</summary>
    internal static ValidationErrors? BindTo(ScoringPlan plan, Dataset data, ScoringWorkspace r)
    {
        var errors = Bind(plan, data, r);
        if (errors is not null)
        {
            r.BoundData = null;
            return errors.ToErrors();
        }

        r.BoundData = data;
        return null;
    }

    /// <summary>Aggregates every group (or only the dirty ones, children before parents) and ranks what changed.</summary>
    public static OneOf<Success, ValidationErrors> Aggregate(ScoringPlan plan, ScoringWorkspace r, bool computeRanks, bool onlyDirty)
    {
        ErrorCollector? errors = null;
        var n = r.UnitCount;
        var rankAll = !onlyDirty || !r.HasRanks;
        r.HasRanks = false;
        r.Valid = false;
        for (var g = 0; g < plan.GroupCount; g++)
        {
            if (onlyDirty && !r.Dirty[g])
            {
                continue;
            }

            var step = plan.GroupSteps[g];
            var output = r.ScoreBuffer.AsSpan((plan.IndicatorCount + g) * n, n);
            r.LogValid[plan.IndicatorCount + g] = false; // its scores change: the cached logs (geometric parents) go stale
            var problem = Aggregators.Apply(plan, g, r, output);
            r.NodeComplete[plan.IndicatorCount + g] = problem is null && !Kernels.HasMissing(output);
            if (problem is not null)
            {
                (errors ??= new()).Add(ErrorCodes.AggregationNonPositiveValue, step.Group.Code, problem);
            }
        }

        if (errors is not null)
        {
            return errors.ToErrors();
        }

        if (computeRanks)
        {
            for (var g = 0; g < plan.GroupCount; g++)
            {
                if (rankAll || r.Dirty[g])
                {
                    Kernels.RankDescending(r.ScoreBuffer.AsSpan((plan.IndicatorCount + g) * n, n), r.RankBuffer.AsSpan(g * n, n), r.RankKeys);
                }
            }

            r.HasRanks = true;
        }

        // A group whose ranks were not recomputed stays dirty only for ranks; mark everything computed as clean, unless
        // ranks were skipped, in which case the next ranked pass must rank everything again.
        Array.Clear(r.Dirty);
        r.Valid = true;
        return default(Success);
    }

    private static bool FusedMinMax(IndicatorStep step, MinMaxNormalisation m, ReadOnlySpan<double> raw, Span<double> dst, ScoringWorkspace r, int i, out bool complete)
    {
        var n = r.UnitCount;
        var (sum, count, min, max) = Kernels.Summary(raw);
        complete = count == n || (step.Imputation is ColumnMeanImputation && count > 0);
        var impute = step.Imputation is ColumnMeanImputation;
        r.ImputedFromRaw[i] = !impute;
        var fill = impute ? Kernels.CorrectedMean(raw, sum, count) : double.NaN;
        var d = step.Direction;
        var ymin = d > 0 ? min : -max;
        var ymax = d > 0 ? max : -min;
        if (count > 0 && ymax == ymin)
        {
            return false;
        }

        if (!double.IsFinite(ymax - ymin) || !double.IsFinite(m.Upper - m.Lower))
        {
            // A difference overflows (data or bounds near ±1.8e308): the overflow-safe formula, unfused.
            var filled = impute ? r.ImputedBuffer.AsSpan(i * n, n) : dst;
            raw.CopyTo(filled);
            Kernels.Fill(filled, fill);
            Normalisers.MinMax(filled, dst, d, ymin, ymax, m.Lower, m.Upper);
            return true;
        }

        Kernels.FillMinMax(raw, impute ? r.ImputedBuffer.AsSpan(i * n, n) : default, dst, fill, d, ymin, ymax - ymin, m.Upper - m.Lower, m.Lower);
        return true;
    }

    private static ErrorCollector? Bind(ScoringPlan plan, Dataset data, ScoringWorkspace r)
    {
        var errors = new ErrorCollector();
        for (var i = 0; i < plan.IndicatorCount; i++)
        {
            var step = plan.IndicatorSteps[i];
            var code = step.Indicator.Code;
            var column = data.IndexOfColumn(code);
            r.ColumnOfIndicator[i] = column;
            if (column < 0)
            {
                errors.Add(ErrorCodes.DataColumnMissing, "columns", $"The dataset has no column for indicator '{code}'.", code);
                continue;
            }

            r.ColumnOfDenominator[i] = -1;
            if (step.Indicator.Denominator is { } den)
            {
                var dc = data.IndexOfColumn(den);
                r.ColumnOfDenominator[i] = dc;
                if (dc < 0)
                {
                    errors.Add(ErrorCodes.DataColumnMissing, "columns", $"The dataset has no column for denominator '{den}' of indicator '{code}'.", den);
                }
                else
                {
                    var x = data.Column(column);
                    var d = data.Column(dc);
                    for (var u = 0; u < x.Length; u++)
                    {
                        if (double.IsNaN(x[u]))
                        {
                            continue;
                        }

                        var at = Dataset.Row(u) + "." + den;
                        if (double.IsNaN(d[u]) || d[u] == 0)
                        {
                            errors.Add(ErrorCodes.DataDenominatorZero, at, $"Unit '{data.Units[u]}' has a value for '{code}' but its denominator '{den}' is {(d[u] == 0 ? "zero" : "missing")}.", d[u] == 0 ? 0.0 : null);
                        }
                        else if (d[u] < 0)
                        {
                            errors.Add(ErrorCodes.DataDenominatorNegative, at, $"Unit '{data.Units[u]}': the denominator '{den}' of '{code}' is negative; dividing would invert the order.", d[u]);
                        }
                        else if (!double.IsFinite(x[u] / d[u]))
                        {
                            errors.Add(ErrorCodes.DataDenominatorOverflow, at, $"Unit '{data.Units[u]}': '{code}' divided by its denominator '{den}' overflows (the denominator is {Describe(d[u])}).", d[u]);
                        }
                    }
                }
            }

            var scale = step.Indicator.Scale;
            if (scale.Minimum is not null || scale.Maximum is not null || scale.IsWholeNumber)
            {
                var x = data.Column(column);
                for (var u = 0; u < x.Length; u++)
                {
                    if (!double.IsNaN(x[u]) && !scale.Contains(x[u]))
                    {
                        errors.Add(ErrorCodes.ScaleValueOutOfRange, Dataset.Row(u) + "." + code, $"Unit '{data.Units[u]}': the value is outside the {scale} scale of '{code}'.", x[u]);
                    }
                }
            }

            if (step.Imputation is GroupMeanImputation { Attribute: var a1 } && !data.Attributes.ContainsKey(a1))
            {
                errors.Add(ErrorCodes.DataAttributeMissing, "attributes", $"Group imputation of '{code}' needs the unit attribute '{a1}'.", a1);
            }

            if (step.Imputation is GroupMedianImputation { Attribute: var a2 } && !data.Attributes.ContainsKey(a2))
            {
                errors.Add(ErrorCodes.DataAttributeMissing, "attributes", $"Group imputation of '{code}' needs the unit attribute '{a2}'.", a2);
            }

            if (step.Imputation is RowImputation { GroupLevel: { } level } && level > plan.Levels[plan.RootIndex])
            {
                errors.Add(ErrorCodes.ImputationSpec, code + ".imputation", $"Row imputation of '{code}' groups by level {level}, but the framework has {plan.Levels[plan.RootIndex]} levels.", level.ToString(CultureInfo.InvariantCulture));
            }

            if (step.Normalisation is DistanceToReferenceNormalisation { UnitCode: var refUnit } && data.IndexOfUnit(refUnit) < 0)
            {
                errors.Add(ErrorCodes.ReferenceMissing, code + ".normalisation", $"The reference unit '{refUnit}' of '{code}' is not in the dataset.", refUnit);
            }
        }

        return errors.HasErrors ? errors : null;
    }

    internal static void Impute(ScoringPlan plan, int indicator, ImputationMethod method, Span<double> x, Dataset data, ScoringWorkspace r)
    {
        switch (method)
        {
            case NoImputation:
                return;
            case RowImputation row:
                RowImputer.Impute(plan, indicator, row, x, data, r);
                return;
            case ColumnMeanImputation:
                Kernels.Fill(x, Kernels.Mean(x));
                return;
            case ColumnMedianImputation:
                Kernels.Fill(x, Kernels.Median(x, r.SortKeys));
                return;
            case GroupMeanImputation g:
                ImputeByGroup(x, data.Attributes[g.Attribute], median: false, r.SortKeys);
                return;
            case GroupMedianImputation g:
                ImputeByGroup(x, data.Attributes[g.Attribute], median: true, r.SortKeys);
                return;
        }
    }

    private static void ImputeByGroup(Span<double> x, System.Collections.Immutable.ImmutableArray<string?> groups, bool median, double[] scratch)
    {
        var missing = new List<int>();
        for (var u = 0; u < x.Length; u++)
        {
            if (double.IsNaN(x[u]))
            {
                missing.Add(u);
            }
        }

        var original = x.ToArray();
        foreach (var u in missing)
        {
            if (groups[u] is not { } group)
            {
                continue;
            }

            var members = new List<double>();
            for (var v = 0; v < original.Length; v++)
            {
                if (string.Equals(groups[v], group, StringComparison.Ordinal) && !double.IsNaN(original[v]))
                {
                    members.Add(original[v]);
                }
            }

            if (members.Count > 0)
            {
                var values = members.ToArray();
                x[u] = median ? Kernels.Median(values, scratch) : Kernels.Mean(values);
            }
        }
    }

    internal static string Describe(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
