using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// COINr's <c>Normalise(purse, global = TRUE)</c>: each edition is denominated, imputed and treated on its own, then every
/// indicator is normalised over all editions at once, and aggregated per unit and edition.
/// </summary>
internal static class PooledScoring
{
    /// <summary>Scores the editions into one workspace over their stacked rows (edition after edition, each in its row order).</summary>
    /// <param name="plan">The compiled framework.</param>
    /// <param name="editions">The editions, in time order.</param>
    /// <param name="paths">Per edition, the prefix of its errors' paths (<c>editions[year]</c>).</param>
    /// <param name="stacked">The editions' rows stacked.</param>
    public static OneOf<ScoringWorkspace, ValidationErrors> Run(ScoringPlan plan, IReadOnlyList<Dataset> editions, IReadOnlyList<string> paths, Dataset stacked)
    {
        var total = stacked.UnitCount;
        var pre = new double[plan.IndicatorCount * total];
        var offset = 0;
        for (var e = 0; e < editions.Count; e++)
        {
            var edition = editions[e];
            // Only the steps before normalisation, per edition: an edition that could not be normalised on its own (a
            // constant indicator that year, a single unit) still pools, as in COINr.
            var ws = plan.CreateWorkspace(edition.UnitCount);
            if (Pipeline.BindTo(plan, edition, ws) is { } bindErrors)
            {
                return bindErrors.WithPathPrefix(paths[e]);
            }

            ErrorCollector? prepareErrors = null;
            for (var i = 0; i < plan.IndicatorCount; i++)
            {
                if (Pipeline.Prepare(plan, i, edition.Column(ws.ColumnOfIndicator[i]), rawIsColumn: true, edition, ws, ref prepareErrors, out var source))
                {
                    source.CopyTo(pre.AsSpan((i * total) + offset, edition.UnitCount));
                }
            }

            if (prepareErrors is not null)
            {
                return prepareErrors.ToErrors().WithPathPrefix(paths[e]);
            }

            offset += edition.UnitCount;
        }

        var pooled = plan.CreateWorkspace(total);
        ErrorCollector? problems = null;
        for (var i = 0; i < plan.IndicatorCount; i++)
        {
            var step = plan.IndicatorSteps[i];
            var dst = pooled.ScoreBuffer.AsSpan(i * total, total);
            if (step.Normalisation is Methods.DistanceToReferenceNormalisation)
            {
                (problems ??= new()).Add(ErrorCodes.PanelSpec, step.Indicator.Code + ".normalisation", $"'{step.Indicator.Code}' is normalised by distance to a reference unit, which has no single value over pooled editions; score the editions separately.");
                continue;
            }

            if (!Normalisers.Apply(step, pre.AsSpan(i * total, total), dst, stacked, pooled, out var problem, out var inverts))
            {
                var code = inverts ? ErrorCodes.NormalisationInvertsOrder : ErrorCodes.NormalisationConstantColumn;
                (problems ??= new()).Add(code, step.Indicator.Code, $"Indicator '{step.Indicator.Code}' cannot be normalised with {step.Normalisation.Spec} over the pooled editions: {problem}.");
                continue;
            }

            pooled.NodeComplete[i] = !Kernels.HasMissing(dst);
            pooled.NodeBound[i] = Kernels.MaxAbs(dst);
        }

        if (problems is not null)
        {
            return problems.ToErrors();
        }

        pooled.Data = stacked;
        pooled.BoundData = stacked;
        return Pipeline.Aggregate(plan, pooled, computeRanks: false, onlyDirty: false).Match<OneOf<ScoringWorkspace, ValidationErrors>>(_ => pooled, e => e);
    }

    /// <summary>The scores of every node, row by row of the stacked dataset: <c>[node · rows + row]</c>.</summary>
    public static ReadOnlySpan<double> Scores(ScoringWorkspace ws) => ws.ScoreBuffer;
}
