using System.Collections.Immutable;
using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Multivariate;

/// <summary>Cronbach's alpha of one group's members.</summary>
/// <param name="Group">The group code.</param>
/// <param name="Columns">The members analysed.</param>
/// <param name="Alpha">The alpha: at most 1 without missing values; with missing values the pairwise covariances can give more, as in COINr. <see langword="null"/> when undefined (every covariance missing or summing to 0).</param>
public sealed record GroupAlpha(string Group, ImmutableArray<string> Columns, double? Alpha)
{
    /// <inheritdoc/>
    public bool Equals(GroupAlpha? other) => other is not null && Group == other.Group && Columns.SequenceEqual(other.Columns) && Alpha.Equals(other.Alpha);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Group, Columns.Length, Alpha);
}

/// <summary>Cronbach's alpha, a measure of the internal consistency of a group of indicators, as COINr's <c>get_cronbach</c>.</summary>
/// <remarks>
/// From the covariance matrix C of the columns, each covariance over the units where both values are present
/// (<c>use = "pairwise.complete.obs"</c>): <c>alpha = k²·c̄ / ΣC</c>, where ΣC sums every element and c̄ is the mean of
/// the off-diagonal ones. Without missing values this is the usual <c>k/(k−1)·(1 − Σvar/var(Σ))</c>, at most 1. With
/// missing values the pairwise matrix need not be positive semi-definite, and alpha can exceed 1, as COINr's does.
/// </remarks>
public static class Cronbach
{
    /// <summary>The alpha of a set of columns.</summary>
    /// <param name="data">The data.</param>
    /// <param name="columns">At least two column codes.</param>
    /// <returns>The alpha (null when undefined), or <c>multivariate.unknown-code</c> / <c>multivariate.too-few-values</c>.</returns>
    public static OneOf<double?, ValidationErrors> Alpha(AnalysisData data, IReadOnlyList<string> columns)
    {
        Guard.Against.Null(data);
        Guard.Against.Null(columns);
        var errors = new ErrorCollector();
        data.CheckCodes(columns, errors, "columns");
        if (columns.Count < 2)
        {
            errors.Add(ErrorCodes.MultivariateTooFewValues, "columns", "Cronbach's alpha needs at least two columns.", columns.Count);
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        return Compute(data, columns);
    }

    /// <summary>The alpha of each group at <paramref name="level"/> + 1 over its members at <paramref name="level"/> (COINr <c>get_cronbach(iCodes = group, Level = level)</c> for every group).</summary>
    /// <param name="data">The data (levels above 1 need <see cref="DataStage.Aggregated"/>).</param>
    /// <param name="level">The level of the members (1 = indicators).</param>
    /// <param name="groupLevel">The level of the groups; <paramref name="level"/> + 1 when <see langword="null"/>.</param>
    /// <returns>One alpha per group with at least two members, in framework order, or errors.</returns>
    public static OneOf<ImmutableArray<GroupAlpha>, ValidationErrors> ByGroup(AnalysisData data, int level = 1, int? groupLevel = null)
    {
        Guard.Against.Null(data);
        var errors = new ErrorCollector();
        var codes = Correlations.LevelColumns(data, level, errors, "level");
        var g = groupLevel ?? level + 1;
        if (g <= level || g > data.Framework.LevelCount)
        {
            errors.Add(ErrorCodes.MultivariateLevel, "groupLevel", $"The group level must be above {level} and at most {data.Framework.LevelCount}.", g);
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        return Correlations.Groups(data, codes, g)
            .Where(x => x.Members.Count >= 2)
            .Select(x => new GroupAlpha(x.Group, [.. x.Members], Compute(data, x.Members)))
            .ToImmutableArray();
    }

    private static double? Compute(AnalysisData data, IReadOnlyList<string> columns)
    {
        var k = columns.Count;
        var spans = columns.Select(data.ColumnIndex).ToArray();
        double all = 0, diagonal = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var c = Covariance(data.Column(spans[i]), data.Column(spans[j]));
                if (double.IsNaN(c))
                {
                    continue;
                }

                all += c;
                if (i == j)
                {
                    diagonal += c;
                }
            }
        }

        var mean = (all - diagonal) / (k * (k - 1.0));
        var alpha = k * k * mean / all;
        return double.IsFinite(alpha) ? alpha : null;
    }

    /// <summary>The sample covariance (n − 1) over the complete pairs; NaN with fewer than 2.</summary>
    internal static double Covariance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double sx = 0, sy = 0;
        var n = 0;
        for (var u = 0; u < x.Length; u++)
        {
            if (!double.IsNaN(x[u]) && !double.IsNaN(y[u]))
            {
                sx += x[u];
                sy += y[u];
                n++;
            }
        }

        if (n < 2)
        {
            return double.NaN;
        }

        double mx = sx / n, my = sy / n, cx = 0, cy = 0;
        for (var u = 0; u < x.Length; u++)
        {
            if (!double.IsNaN(x[u]) && !double.IsNaN(y[u]))
            {
                cx += x[u] - mx;
                cy += y[u] - my;
            }
        }

        mx += cx / n;
        my += cy / n;
        var s = 0.0;
        for (var u = 0; u < x.Length; u++)
        {
            if (!double.IsNaN(x[u]) && !double.IsNaN(y[u]))
            {
                s += (x[u] - mx) * (y[u] - my);
            }
        }

        return s / (n - 1);
    }
}
