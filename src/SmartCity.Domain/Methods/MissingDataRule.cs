using System.Globalization;
using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Methods;

/// <summary>
/// The missing-data rule of aggregation, the same for every method: the children present for a unit are aggregated with
/// their weights renormalised; with a coverage threshold, the aggregate is missing when the present children are fewer than
/// that share of all children.
/// </summary>
/// <remarks>An aggregate with no present child is always missing. Coverage counts children, not weights (as COINr's
/// <c>dat_thresh</c>).</remarks>
public sealed record MissingDataRule
{
    private MissingDataRule(double? coverageThreshold) => CoverageThreshold = coverageThreshold;

    /// <summary>Gets the rule without a threshold: any present child is enough (COINr's default).</summary>
    public static MissingDataRule SkipAndRenormalise { get; } = new((double?)null);

    /// <summary>Gets the coverage threshold in [0, 1], or <see langword="null"/> for none.</summary>
    public double? CoverageThreshold { get; }

    /// <summary>Creates the rule with a coverage threshold.</summary>
    /// <param name="threshold">The minimum share of present children, in [0, 1].</param>
    /// <returns>The rule, or a <c>coverage-threshold.range</c> error.</returns>
    public static OneOf<MissingDataRule, ValidationErrors> WithCoverageThreshold(double threshold) =>
        double.IsFinite(threshold) && threshold is >= 0 and <= 1
            ? new MissingDataRule(threshold)
            : ValidationErrors.Single(ErrorCodes.CoverageThresholdRange, "coverageThreshold", "The coverage threshold must be in [0, 1].", ErrorCollector.Format(threshold));

    /// <summary>Returns whether an aggregate with <paramref name="present"/> of <paramref name="total"/> children is computed.</summary>
    /// <param name="present">The number of children present.</param>
    /// <param name="total">The number of children.</param>
    /// <returns><see langword="true"/> when the aggregate has a value.</returns>
    public bool IsCovered(int present, int total) =>
        present > 0 && (CoverageThreshold is not { } t || (double)present / total >= t);

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => CoverageThreshold is { } t
        ? string.Create(CultureInfo.InvariantCulture, $"skip-and-renormalise (coverage >= {t})")
        : "skip-and-renormalise";
}
