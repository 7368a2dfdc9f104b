using System.Collections.Immutable;
using OneOf;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Multivariate;

/// <summary>The thresholds of the flags of <see cref="IndicatorStatistics"/>, with COINr's <c>get_stats</c> defaults.</summary>
/// <param name="Skewness">|skewness| above this (together with <paramref name="Kurtosis"/>) flags outliers; COINr <c>t_skew</c> = 2.</param>
/// <param name="Kurtosis">Excess kurtosis above this (together with <paramref name="Skewness"/>) flags outliers; <c>t_kurt</c> = 3.5.</param>
/// <param name="Availability">A share of available values below this is flagged low; <c>t_avail</c> = 0.65.</param>
/// <param name="NonZero">A share of non-zero values (over all units) below this is flagged low; <c>t_zero</c> = 0.5.</param>
/// <param name="Unique">A share of unique values (over all units) below this is flagged low; <c>t_unq</c> = 0.5.</param>
public sealed record StatisticsThresholds(double Skewness = 2, double Kurtosis = 3.5, double Availability = 0.65, double NonZero = 0.5, double Unique = 0.5)
{
    /// <summary>Gets COINr's default thresholds.</summary>
    public static StatisticsThresholds Default { get; } = new();
}

/// <summary>
/// The statistics of one column, as a row of COINr's <c>get_stats</c> table (unrounded). Statistics of the available
/// values; <see langword="null"/> where undefined (no value, or too few for the sd, skewness or kurtosis).
/// </summary>
/// <param name="Code">The node code.</param>
/// <param name="Minimum">The minimum (<c>Min</c>).</param>
/// <param name="Maximum">The maximum (<c>Max</c>).</param>
/// <param name="Mean">The mean (<c>Mean</c>).</param>
/// <param name="Median">The median (<c>Median</c>).</param>
/// <param name="StandardDeviation">The sample standard deviation, n − 1 (<c>Std</c>).</param>
/// <param name="Skewness">Type-2 sample skewness (<c>Skew</c>; needs 3 values).</param>
/// <param name="Kurtosis">Type-2 sample excess kurtosis (<c>Kurt</c>; needs 4 values).</param>
/// <param name="Available">The number of present values (<c>N.Avail</c>).</param>
/// <param name="NonZero">The number of present values that are not zero (<c>N.NonZero</c>).</param>
/// <param name="Unique">The number of distinct present values (<c>N.Unique</c>).</param>
/// <param name="Same">The count of the most frequent value (<c>N.Same</c>).</param>
/// <param name="AvailableShare">Available / all units (<c>Frc.Avail</c>).</param>
/// <param name="NonZeroShare">NonZero / Available (<c>Frc.NonZero</c>).</param>
/// <param name="UniqueShare">Unique / Available (<c>Frc.Unique</c>).</param>
/// <param name="SameShare">Same / Available (<c>Frc.Same</c>).</param>
/// <param name="LowAvailability">AvailableShare &lt; the threshold (<c>Flag.Avail</c> = "LOW").</param>
/// <param name="LowNonZero">NonZero / <b>all units</b> &lt; the threshold (<c>Flag.NonZero</c> = "LOW"), as COINr.</param>
/// <param name="LowUnique">Unique / <b>all units</b> &lt; the threshold (<c>Flag.Unique</c> = "LOW"), as COINr.</param>
/// <param name="Outliers">|Skewness| &gt; its threshold and Kurtosis &gt; its threshold (<c>Flag.SkewKurt</c> = "OUT"); <see langword="null"/> when either is undefined.</param>
public sealed record ColumnStatistics(
    string Code,
    double? Minimum,
    double? Maximum,
    double? Mean,
    double? Median,
    double? StandardDeviation,
    double? Skewness,
    double? Kurtosis,
    int Available,
    int NonZero,
    int Unique,
    int Same,
    double AvailableShare,
    double? NonZeroShare,
    double? UniqueShare,
    double? SameShare,
    bool LowAvailability,
    bool LowNonZero,
    bool LowUnique,
    bool? Outliers);

/// <summary>The statistics table of a stage (COINr's <c>get_stats</c>): one row per column, with the thresholds used.</summary>
/// <param name="Stage">The stage analysed.</param>
/// <param name="Thresholds">The flag thresholds.</param>
/// <param name="Columns">One row per column, in the data's column order.</param>
public sealed record StatisticsTable(DataStage Stage, StatisticsThresholds Thresholds, ImmutableArray<ColumnStatistics> Columns)
{
    /// <summary>Returns the row of one column.</summary>
    /// <param name="code">The node code.</param>
    /// <returns>The row.</returns>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public ColumnStatistics this[string code] => Columns.FirstOrDefault(c => c.Code == code) ?? throw new KeyNotFoundException($"No statistics for '{code}'.");

    /// <inheritdoc/>
    public bool Equals(StatisticsTable? other) =>
        other is not null && Stage == other.Stage && Thresholds == other.Thresholds && Columns.SequenceEqual(other.Columns);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Stage, Thresholds, Columns.Length);
}

/// <summary>Per-column descriptive statistics and flags, as COINr's <c>get_stats</c>.</summary>
public static class IndicatorStatistics
{
    /// <summary>Computes the statistics of every column (or the given ones) of the data.</summary>
    /// <param name="data">The data (a <see cref="DataStage"/>; COINr's default is <c>Raw</c>). Directions are not applied, as COINr.</param>
    /// <param name="thresholds">The flag thresholds; <see cref="StatisticsThresholds.Default"/> when <see langword="null"/>.</param>
    /// <param name="columns">The columns; every column of the data when <see langword="null"/>.</param>
    /// <returns>The table, or <c>multivariate.unknown-code</c> / <c>multivariate.spec</c> (a share threshold outside [0, 1]).</returns>
    public static OneOf<StatisticsTable, ValidationErrors> Compute(AnalysisData data, StatisticsThresholds? thresholds = null, IReadOnlyList<string>? columns = null)
    {
        Guard.Against.Null(data);
        var t = thresholds ?? StatisticsThresholds.Default;
        var errors = new ErrorCollector();
        var codes = columns ?? data.Columns;
        data.CheckCodes(codes, errors, "columns");
        foreach (var (name, value) in new[] { ("availability", t.Availability), ("nonZero", t.NonZero), ("unique", t.Unique) })
        {
            if (!(value >= 0 && value <= 1))
            {
                errors.Add(ErrorCodes.MultivariateSpec, "thresholds." + name, "A share threshold must be between 0 and 1.", value);
            }
        }

        if (!double.IsFinite(t.Skewness) || !double.IsFinite(t.Kurtosis))
        {
            errors.Add(ErrorCodes.MultivariateSpec, "thresholds", "The skewness and kurtosis thresholds must be finite.");
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var scratch = new double[data.UnitCount];
        var rows = ImmutableArray.CreateBuilder<ColumnStatistics>(codes.Count);
        foreach (var code in codes)
        {
            rows.Add(Of(code, data.Column(data.ColumnIndex(code)), t, scratch));
        }

        return new StatisticsTable(data.Stage, t, rows.MoveToImmutable());
    }

    internal static ColumnStatistics Of(string code, ReadOnlySpan<double> x, StatisticsThresholds t, double[] scratch)
    {
        var n = x.Length;
        var (sum, available, min, max) = Kernels.Summary(x);
        var mean = Kernels.CorrectedMean(x, sum, available);
        var sd = Kernels.StandardDeviation(x, mean, 1);
        var median = Kernels.Median(x, scratch);
        double? skew = available >= 3 ? Finite(Treatment.Skewness(x)) : null;
        double? kurt = available >= 4 ? Finite(Treatment.Kurtosis(x)) : null;
        var nonZero = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v) && v != 0)
            {
                nonZero++;
            }
        }

        // Distinct values and the largest tie: the present values sorted (scratch holds them after Median).
        var present = scratch.AsSpan(0, available);
        var unique = 0;
        var same = 0;
        for (var i = 0; i < available;)
        {
            var j = i;
            while (j < available && present[j] == present[i])
            {
                j++;
            }

            unique++;
            same = Math.Max(same, j - i);
            i = j;
        }

        var availableShare = (double)available / n;
        return new ColumnStatistics(
            code,
            available > 0 ? min : null,
            available > 0 ? max : null,
            Finite(mean),
            Finite(median),
            Finite(sd),
            skew,
            kurt,
            available,
            nonZero,
            unique,
            same,
            availableShare,
            available > 0 ? (double)nonZero / available : null,
            available > 0 ? (double)unique / available : null,
            available > 0 ? (double)same / available : null,
            !(availableShare >= t.Availability),
            !((double)nonZero / n >= t.NonZero),
            !((double)unique / n >= t.Unique),
            skew is null || kurt is null ? null : Math.Abs(skew.Value) > t.Skewness && kurt.Value > t.Kurtosis);
    }

    internal static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
