using System.Collections.Immutable;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Analysis;

/// <summary>What a unit is screened on (COINr <c>unit_screen</c>).</summary>
public enum ScreeningRule
{
    /// <summary>Data availability below the threshold removes the unit (<c>"byNA"</c>).</summary>
    ByMissing,

    /// <summary>A share of non-zero values below the threshold removes the unit (<c>"byzeros"</c>).</summary>
    ByZeros,

    /// <summary>Either of the two removes the unit (<c>"byNAandzeros"</c>).</summary>
    ByMissingAndZeros,
}

/// <summary>Why a unit was kept or removed.</summary>
public enum ScreeningReason
{
    /// <summary>Kept: it passes the rule.</summary>
    Passed,

    /// <summary>Removed: its data availability is below the threshold.</summary>
    LowData,

    /// <summary>Removed: its share of non-zero values is below the threshold.</summary>
    LowNonZero,

    /// <summary>Removed: both its availability and its non-zero share are below their thresholds.</summary>
    LowDataAndNonZero,

    /// <summary>Kept by the forced-inclusion list although the rule would remove it.</summary>
    ForcedIn,

    /// <summary>Removed by the forced-exclusion list.</summary>
    ForcedOut,
}

/// <summary>Settings of <see cref="Screening"/>, with COINr's <c>Screen</c> defaults.</summary>
/// <param name="Rule">What to screen on.</param>
/// <param name="DataThreshold">The minimum share of indicators with data (COINr <c>dat_thresh</c> = 2/3); a unit strictly below is removed.</param>
/// <param name="NonZeroThreshold">The minimum share of non-zero values among the present ones (<c>nonzero_thresh</c> = 0.05).</param>
/// <param name="ForceInclude">Units kept whatever the rule says (<c>Force</c> with <c>Include = TRUE</c>).</param>
/// <param name="ForceExclude">Units removed whatever the rule says (<c>Include = FALSE</c>); exclusion wins over inclusion, as COINr applies it last.</param>
public sealed record ScreeningOptions(
    ScreeningRule Rule = ScreeningRule.ByMissing,
    double DataThreshold = 2.0 / 3.0,
    double NonZeroThreshold = 0.05,
    ImmutableArray<string> ForceInclude = default,
    ImmutableArray<string> ForceExclude = default)
{
    /// <inheritdoc/>
    public bool Equals(ScreeningOptions? other) =>
        other is not null && Rule == other.Rule && DataThreshold.Equals(other.DataThreshold) && NonZeroThreshold.Equals(other.NonZeroThreshold)
        && Screening.OrEmpty(ForceInclude).SequenceEqual(Screening.OrEmpty(other.ForceInclude)) && Screening.OrEmpty(ForceExclude).SequenceEqual(Screening.OrEmpty(other.ForceExclude));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Rule, DataThreshold, NonZeroThreshold);
}

/// <summary>One unit's screening (a row of COINr's <c>DataSummary</c>).</summary>
/// <param name="Unit">The unit code.</param>
/// <param name="Missing">The number of indicators without data (<c>N_missing</c>).</param>
/// <param name="Zeros">The number of indicators equal to 0 (<c>N_zero</c>).</param>
/// <param name="DataAvailability">1 − Missing / indicators (<c>Dat_Avail</c>).</param>
/// <param name="NonZeroShare">1 − Zeros / present indicators (<c>Non_Zero</c>); <see langword="null"/> when none is present.</param>
/// <param name="LowData">DataAvailability &lt; the data threshold (<c>LowData</c>).</param>
/// <param name="LowNonZero">NonZeroShare &lt; the non-zero threshold (<c>LowNonZero</c>).</param>
/// <param name="Included">Whether the unit is kept (<c>Included</c>).</param>
/// <param name="Reason">Why.</param>
public sealed record UnitScreening(string Unit, int Missing, int Zeros, double DataAvailability, double? NonZeroShare, bool LowData, bool LowNonZero, bool Included, ScreeningReason Reason);

/// <summary>The result of screening: who was kept, who was removed and why, and the screened dataset (COINr's <c>Screened</c> data set).</summary>
/// <param name="Options">The settings used.</param>
/// <param name="Units">One row per unit of the input, in its order.</param>
/// <param name="Data">The dataset with only the kept units, in input order (every column and attribute kept).</param>
public sealed record ScreeningResult(ScreeningOptions Options, ImmutableArray<UnitScreening> Units, Dataset Data)
{
    /// <summary>Gets the removed units' codes (COINr <c>RemovedUnits</c>), in input order.</summary>
    public ImmutableArray<string> Removed => [.. Units.Where(u => !u.Included).Select(u => u.Unit)];

    /// <summary>Scores the screened dataset.</summary>
    /// <param name="plan">The scoring plan.</param>
    /// <returns>The result on the kept units, or the scoring errors.</returns>
    public OneOf<ScoreResult, ValidationErrors> Score(ScoringPlan plan) => Guard.Against.Null(plan).Score(Data);

    /// <inheritdoc/>
    public bool Equals(ScreeningResult? other) =>
        other is not null && Options == other.Options && Units.SequenceEqual(other.Units) && Data.Equals(other.Data);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Options, Units.Length, Data);
}

/// <summary>
/// Unit screening by data availability and zeros, as COINr's <c>Screen</c>: a pipeline step before scoring that removes
/// units with too little data, with forced inclusions and exclusions, and reports every unit's figures and reason.
/// </summary>
/// <remarks>The figures count the framework's indicators in the raw data (denominators and other columns are ignored).</remarks>
public static class Screening
{
    internal static ImmutableArray<string> OrEmpty(ImmutableArray<string> a) => a.IsDefault ? [] : a;

    /// <summary>Screens a dataset.</summary>
    /// <param name="framework">The framework whose indicators are counted.</param>
    /// <param name="data">The dataset; it must hold every indicator's column.</param>
    /// <param name="options">Settings; COINr's defaults (by missing data, 2/3) when <see langword="null"/>.</param>
    /// <returns>
    /// The result, or errors: <c>multivariate.spec</c> (a threshold outside [0, 1]), <c>multivariate.unknown-code</c> (a
    /// forced unit or an indicator column not in the data), <c>data.empty</c> (every unit removed).
    /// </returns>
    public static OneOf<ScreeningResult, ValidationErrors> Run(RatingFramework framework, Dataset data, ScreeningOptions? options = null)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(data);
        var o = options ?? new ScreeningOptions();
        var include = OrEmpty(o.ForceInclude);
        var exclude = OrEmpty(o.ForceExclude);
        o = o with { ForceInclude = include, ForceExclude = exclude };
        var errors = new ErrorCollector();
        if (!Enum.IsDefined(o.Rule))
        {
            errors.Add(ErrorCodes.MultivariateSpec, "options.rule", "Unknown screening rule.", o.Rule.ToString());
        }

        if (!(o.DataThreshold >= 0 && o.DataThreshold <= 1))
        {
            errors.Add(ErrorCodes.MultivariateSpec, "options.dataThreshold", "The data threshold must be between 0 and 1.", o.DataThreshold);
        }

        if (!(o.NonZeroThreshold >= 0 && o.NonZeroThreshold <= 1))
        {
            errors.Add(ErrorCodes.MultivariateSpec, "options.nonZeroThreshold", "The non-zero threshold must be between 0 and 1.", o.NonZeroThreshold);
        }

        foreach (var (list, name) in new[] { (include, "forceInclude"), (exclude, "forceExclude") })
        {
            foreach (var u in list.Where(u => u is null || data.IndexOfUnit(u) < 0))
            {
                errors.Add(ErrorCodes.MultivariateUnknownCode, "options." + name, $"The dataset has no unit '{u}'.", u);
            }
        }

        var columns = new List<int>();
        foreach (var indicator in framework.Indicators)
        {
            var c = data.IndexOfColumn(indicator.Code);
            if (c < 0)
            {
                errors.Add(ErrorCodes.MultivariateUnknownCode, "columns." + indicator.Code, $"The dataset has no column for the indicator '{indicator.Code}'.", indicator.Code);
            }

            columns.Add(c);
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var k = columns.Count;
        var rows = ImmutableArray.CreateBuilder<UnitScreening>(data.UnitCount);
        var kept = new List<string>();
        for (var u = 0; u < data.UnitCount; u++)
        {
            int missing = 0, zeros = 0;
            foreach (var c in columns)
            {
                var v = data.Column(c)[u];
                if (double.IsNaN(v))
                {
                    missing++;
                }
                else if (v == 0)
                {
                    zeros++;
                }
            }

            var availability = 1 - ((double)missing / k);
            double? nonZero = k - missing > 0 ? 1 - ((double)zeros / (k - missing)) : null;
            var lowData = availability < o.DataThreshold;
            var lowNonZero = nonZero is { } nz && nz < o.NonZeroThreshold;
            var passes = o.Rule switch
            {
                ScreeningRule.ByMissing => !lowData,
                ScreeningRule.ByZeros => !lowNonZero,
                _ => !lowData && !lowNonZero,
            };
            var unit = data.Units[u];
            var forcedOut = exclude.Contains(unit);
            var forcedIn = !forcedOut && include.Contains(unit);
            var included = forcedOut ? false : forcedIn || passes;
            var reason = forcedOut ? ScreeningReason.ForcedOut
                : passes ? ScreeningReason.Passed
                : forcedIn ? ScreeningReason.ForcedIn
                : o.Rule switch
                {
                    ScreeningRule.ByMissing => ScreeningReason.LowData,
                    ScreeningRule.ByZeros => ScreeningReason.LowNonZero,
                    _ => lowData && lowNonZero ? ScreeningReason.LowDataAndNonZero : lowData ? ScreeningReason.LowData : ScreeningReason.LowNonZero,
                };
            rows.Add(new UnitScreening(unit, missing, zeros, availability, nonZero, lowData, lowNonZero, included, reason));
            if (included)
            {
                kept.Add(unit);
            }
        }

        if (kept.Count == 0)
        {
            return ValidationErrors.Single(ErrorCodes.DataEmpty, "units", "Screening removed every unit.");
        }

        return new ScreeningResult(o, rows.MoveToImmutable(), data.Subset(kept));
    }
}
