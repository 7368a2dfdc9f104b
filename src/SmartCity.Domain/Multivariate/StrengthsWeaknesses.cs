using System.Collections.Immutable;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Multivariate;

/// <summary>Settings of <see cref="StrengthsWeaknesses"/>, with COINr's <c>get_str_weak</c> defaults.</summary>
/// <param name="Top">How many strengths (<c>topN</c> = 5).</param>
/// <param name="Bottom">How many weaknesses (<c>bottomN</c> = 5).</param>
/// <param name="DiscardWorstRank">Leave out indicators on which the unit has the worst rank of all units (<c>min_discard = TRUE</c>).</param>
/// <param name="MinimumUniqueShare">Leave out indicators whose share of distinct values (missing counting as one value, over all units) is not above this; <see langword="null"/> = keep all (<c>unq_discard = NULL</c>).</param>
/// <param name="AdjustDirection">Multiply by the indicator's direction before ranking; <see langword="null"/> = only for <see cref="DataStage.Raw"/> data (COINr's default).</param>
/// <param name="ReportLevel">The level of the group reported with each indicator (<c>report_level</c> = 2).</param>
/// <param name="GroupAttribute">A text attribute of the data (such as a province or size class): ranks are then within the unit's class (<c>use_group</c>); <see langword="null"/> = over all units.</param>
public sealed record StrengthsOptions(int Top = 5, int Bottom = 5, bool DiscardWorstRank = true, double? MinimumUniqueShare = null, bool? AdjustDirection = null, int ReportLevel = 2, string? GroupAttribute = null)
{
    /// <summary>Gets COINr's defaults.</summary>
    public static StrengthsOptions Default { get; } = new();
}

/// <summary>One indicator listed as a strength or weakness.</summary>
/// <param name="Code">The indicator code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Group">Its group at the report level.</param>
/// <param name="Rank">The unit's rank on it (1 = best; ties share the lowest rank).</param>
/// <param name="Value">The unit's value in the data (not direction-adjusted, not rounded).</param>
/// <param name="Unit">The indicator's unit of measure.</param>
public sealed record IndicatorStanding(string Code, string Name, string? Group, int Rank, double Value, string? Unit);

/// <summary>A unit's top and bottom indicators by rank (COINr <c>get_str_weak</c>).</summary>
/// <param name="Unit">The unit code.</param>
/// <param name="Strengths">The best-ranked indicators, best first.</param>
/// <param name="Weaknesses">The worst-ranked indicators, in increasing rank (the worst last), as COINr.</param>
public sealed record StrengthsAndWeaknesses(string Unit, ImmutableArray<IndicatorStanding> Strengths, ImmutableArray<IndicatorStanding> Weaknesses)
{
    /// <inheritdoc/>
    public bool Equals(StrengthsAndWeaknesses? other) =>
        other is not null && Unit == other.Unit && Strengths.SequenceEqual(other.Strengths) && Weaknesses.SequenceEqual(other.Weaknesses);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Unit, Strengths.Length, Weaknesses.Length);
}

/// <summary>One row of a unit profile: a node's score and rank for the unit.</summary>
/// <param name="Code">The node code.</param>
/// <param name="Name">The node's name.</param>
/// <param name="Level">Its level.</param>
/// <param name="Score">The unit's score, <see langword="null"/> when missing.</param>
/// <param name="Rank">The unit's rank among all units, <see langword="null"/> when missing.</param>
public sealed record UnitSummaryRow(string Code, string Name, int Level, double? Score, int? Rank);

/// <summary>A unit's strengths, weaknesses and profile (COINr <c>get_str_weak</c>, <c>get_unit_summary</c>).</summary>
public static class StrengthsWeaknesses
{
    /// <summary>A unit's top and bottom indicators by rank.</summary>
    /// <param name="data">The data (COINr's default is <c>Raw</c>; directions are then applied before ranking).</param>
    /// <param name="unit">The unit code.</param>
    /// <param name="options">Settings; <see cref="StrengthsOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The lists (shorter than asked when fewer indicators qualify), or <c>multivariate.unknown-code</c> / <c>multivariate.spec</c>.</returns>
    public static OneOf<StrengthsAndWeaknesses, ValidationErrors> For(AnalysisData data, string unit, StrengthsOptions? options = null)
    {
        Guard.Against.Null(data);
        Guard.Against.Null(unit);
        var o = options ?? StrengthsOptions.Default;
        var framework = data.Framework;
        var errors = new ErrorCollector();
        var row = data.UnitIndex(unit);
        if (row < 0)
        {
            errors.Add(ErrorCodes.MultivariateUnknownCode, "unit", $"The data has no unit '{unit}'.", unit);
        }

        var indicators = framework.Indicators.Where(i => data.Contains(i.Code)).ToArray();
        if (o.Top < 1 || o.Top > indicators.Length || o.Bottom < 1 || o.Bottom > indicators.Length)
        {
            errors.Add(ErrorCodes.MultivariateSpec, "options.top", $"Top and bottom must be between 1 and the number of indicators ({indicators.Length}).", o.Top);
        }

        if (o.MinimumUniqueShare is { } q && !(q >= 0 && q <= 1))
        {
            errors.Add(ErrorCodes.MultivariateSpec, "options.minimumUniqueShare", "The unique-value share must be between 0 and 1.", q);
        }

        if (o.ReportLevel < 2 || o.ReportLevel > framework.LevelCount)
        {
            errors.Add(ErrorCodes.MultivariateLevel, "options.reportLevel", $"The report level must be between 2 and {framework.LevelCount}.", o.ReportLevel);
        }

        ImmutableArray<string?> classes = default;
        if (o.GroupAttribute is { } attribute && !data.Source.Attributes.TryGetValue(attribute, out classes))
        {
            errors.Add(ErrorCodes.MultivariateUnknownCode, "options.groupAttribute", $"The data has no attribute '{attribute}'.", attribute);
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var adjust = o.AdjustDirection ?? data.Stage == DataStage.Raw;
        var n = data.UnitCount;
        var candidates = new List<(Indicator Indicator, int Rank, double Value)>();
        var keys = new double[n];
        foreach (var indicator in indicators)
        {
            var x = data.Column(data.ColumnIndex(indicator.Code));
            if (double.IsNaN(x[row]))
            {
                continue;
            }

            if (o.MinimumUniqueShare is { } share)
            {
                var distinct = new HashSet<double>();
                foreach (var v in x)
                {
                    distinct.Add(double.IsNaN(v) ? double.NaN : v);
                }

                if (!((double)distinct.Count / n > share))
                {
                    continue;
                }
            }

            var direction = adjust && indicator.Direction == Direction.LowerIsBetter ? -1.0 : 1.0;
            var mine = direction * x[row];
            int rank = 1, worst = 0;
            for (var u = 0; u < n; u++)
            {
                if (double.IsNaN(x[u]) || (!classes.IsDefault && classes[u] != classes[row]))
                {
                    continue;
                }

                keys[u] = direction * x[u];
                if (keys[u] > mine)
                {
                    rank++;
                }
            }

            if (o.DiscardWorstRank)
            {
                // The worst rank in the comparison set (COINr: the max of the rank column): 1 + the count above the minimum.
                var min = double.PositiveInfinity;
                for (var u = 0; u < n; u++)
                {
                    if (!double.IsNaN(x[u]) && (classes.IsDefault || classes[u] == classes[row]))
                    {
                        min = Math.Min(min, keys[u]);
                    }
                }

                worst = 1;
                for (var u = 0; u < n; u++)
                {
                    if (!double.IsNaN(x[u]) && (classes.IsDefault || classes[u] == classes[row]) && keys[u] > min)
                    {
                        worst++;
                    }
                }

                if (rank == worst)
                {
                    continue;
                }
            }

            candidates.Add((indicator, rank, x[row]));
        }

        // Stable sort by rank, ties in framework order (R's order()).
        var sorted = candidates.Select((c, i) => (c, i)).OrderBy(p => p.c.Rank).ThenBy(p => p.i).Select(p => p.c).ToList();
        IndicatorStanding Standing((Indicator Indicator, int Rank, double Value) c) =>
            new(c.Indicator.Code, c.Indicator.Name.Text, AnalysisData.AncestorAt(framework, c.Indicator.Code, o.ReportLevel), c.Rank, c.Value, c.Indicator.Unit);
        var strengths = sorted.Take(o.Top).Select(Standing).ToImmutableArray();
        var weaknesses = sorted.Skip(Math.Max(0, sorted.Count - o.Bottom)).Select(Standing).ToImmutableArray();
        return new StrengthsAndWeaknesses(unit, strengths, weaknesses);
    }

    /// <summary>A unit's scores and ranks at the given levels, the highest level first (COINr <c>get_unit_summary</c>, unrounded).</summary>
    /// <param name="result">The scoring result (COINr's <c>Aggregated</c> data set).</param>
    /// <param name="unit">The unit code.</param>
    /// <param name="levels">The levels to list; every level when <see langword="null"/>.</param>
    /// <returns>The rows, or <c>multivariate.unknown-code</c> / <c>multivariate.level</c>.</returns>
    public static OneOf<ImmutableArray<UnitSummaryRow>, ValidationErrors> Summary(ScoreResult result, string unit, IReadOnlyList<int>? levels = null)
    {
        Guard.Against.Null(result);
        Guard.Against.Null(unit);
        var framework = result.Framework;
        var errors = new ErrorCollector();
        if (!result.Units.Contains(unit))
        {
            errors.Add(ErrorCodes.MultivariateUnknownCode, "unit", $"The result has no unit '{unit}'.", unit);
        }

        var wanted = levels ?? [.. Enumerable.Range(1, framework.LevelCount)];
        foreach (var l in wanted.Where(l => l < 1 || l > framework.LevelCount))
        {
            errors.Add(ErrorCodes.MultivariateLevel, "levels", $"Levels must be between 1 and {framework.LevelCount}.", l);
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var rows = ImmutableArray.CreateBuilder<UnitSummaryRow>();
        var codes = result.NodeCodes.Select((c, i) => (c, i)).Where(p => wanted.Contains(framework.LevelOf(p.c)))
            .OrderByDescending(p => framework.LevelOf(p.c)).ThenBy(p => p.i).Select(p => p.c);
        foreach (var code in codes)
        {
            var rank = framework.Find(code) is GroupNode ? result.Rank(code, unit) : IndicatorRank(result, code, unit);
            rows.Add(new UnitSummaryRow(code, framework.Find(code)!.Name.Text, framework.LevelOf(code), result.Score(code, unit), rank));
        }

        return rows.ToImmutable();
    }

    private static int? IndicatorRank(ScoreResult result, string code, string unit)
    {
        var scores = result.Scores(code);
        var mine = result.Score(code, unit);
        if (mine is null)
        {
            return null;
        }

        var rank = 1;
        foreach (var s in scores)
        {
            if (s > mine)
            {
                rank++;
            }
        }

        return rank;
    }
}
