using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Methods;

/// <summary>How missing raw values of an indicator are filled before treatment and normalisation: a closed set of variants.</summary>
/// <remarks>Values that are present are never changed. Specification syntax: <c>none | mean | median | groupmean:ATTR |
/// groupmedian:ATTR | rowmean[:LEVEL][:raw] | rowmedian[:LEVEL][:raw]</c>.</remarks>
public abstract record ImputationMethod
{
    private protected ImputationMethod()
    {
    }

    /// <summary>Gets "no imputation": missing values stay missing.</summary>
    public static NoImputation None { get; } = new();

    /// <summary>Gets the column mean over all units with a value (COINr <c>i_mean</c>).</summary>
    public static ColumnMeanImputation ColumnMean { get; } = new();

    /// <summary>Gets the column median over all units with a value (COINr <c>i_median</c>).</summary>
    public static ColumnMedianImputation ColumnMedian { get; } = new();

    /// <summary>Gets the specification text.</summary>
    public abstract string Spec { get; }

    /// <summary>Creates the mean within the unit's group, by a unit attribute such as a province (COINr <c>i_mean_grp</c>).</summary>
    /// <param name="attribute">The unit attribute that defines the groups.</param>
    /// <returns>The method, or a <c>code.invalid</c> error.</returns>
    public static OneOf<GroupMeanImputation, ValidationErrors> GroupMean(string attribute) =>
        Codes.IsValid(Guard.Against.Null(attribute)) ? new GroupMeanImputation(attribute) : InvalidAttribute(attribute);

    /// <summary>Creates the median within the unit's group, by a unit attribute (COINr <c>i_median_grp</c>).</summary>
    /// <param name="attribute">The unit attribute that defines the groups.</param>
    /// <returns>The method, or a <c>code.invalid</c> error.</returns>
    public static OneOf<GroupMedianImputation, ValidationErrors> GroupMedian(string attribute) =>
        Codes.IsValid(Guard.Against.Null(attribute)) ? new GroupMedianImputation(attribute) : InvalidAttribute(attribute);

    /// <summary>
    /// Creates row-wise imputation by the mean (COINr <c>Impute(impute_by = "row", f_i = "i_mean")</c>): a unit's missing
    /// value is estimated from the unit's own values of the other indicators, within the indicator's group at
    /// <paramref name="groupLevel"/>, after min-max normalising each column to [0, 1] (direction applied), then mapped back
    /// to the indicator's raw scale.
    /// </summary>
    /// <param name="groupLevel">The framework level whose groups bound the row (2 = the indicator's parent); <see langword="null"/> for every indicator of the framework (COINr's <c>group_level = NULL</c>).</param>
    /// <param name="normaliseFirst">Whether columns are min-max normalised before the row mean is taken (COINr's <c>normalise_first</c>, <see langword="true"/> by default for rows); without it the raw values are averaged.</param>
    /// <returns>The method, or a <c>method.parameter</c> error for a level below 2.</returns>
    public static OneOf<RowImputation, ValidationErrors> RowMean(int? groupLevel = null, bool normaliseFirst = true) => Row(median: false, groupLevel, normaliseFirst);

    /// <summary>Creates row-wise imputation by the median (COINr <c>impute_by = "row", f_i = "i_median"</c>); see <see cref="RowMean"/>.</summary>
    /// <param name="groupLevel">The framework level whose groups bound the row; <see langword="null"/> for every indicator.</param>
    /// <param name="normaliseFirst">Whether columns are min-max normalised first.</param>
    /// <returns>The method, or a <c>method.parameter</c> error for a level below 2.</returns>
    public static OneOf<RowImputation, ValidationErrors> RowMedian(int? groupLevel = null, bool normaliseFirst = true) => Row(median: true, groupLevel, normaliseFirst);

    /// <summary>Parses <c>none | mean | median | groupmean:ATTR | groupmedian:ATTR | rowmean[:LEVEL][:raw] | rowmedian[:LEVEL][:raw]</c>.</summary>
    /// <param name="spec">The text.</param>
    /// <returns>The method, or an <c>imputation.spec</c> error.</returns>
    public static OneOf<ImputationMethod, ValidationErrors> Parse(string spec)
    {
        Guard.Against.Null(spec);
        var (head, tail) = SpecText.Split(spec);
        return (head, tail) switch
        {
            ("NONE", null) => None,
            ("MEAN", null) => ColumnMean,
            ("MEDIAN", null) => ColumnMedian,
            ("GROUPMEAN", { } a) => GroupMean(a).Match<OneOf<ImputationMethod, ValidationErrors>>(m => m, e => e),
            ("GROUPMEDIAN", { } a) => GroupMedian(a).Match<OneOf<ImputationMethod, ValidationErrors>>(m => m, e => e),
            ("ROWMEAN" or "ROWMEDIAN", var rest) when ParseRow(rest, out var level, out var normaliseFirst) =>
                Row(head == "ROWMEDIAN", level, normaliseFirst).Match<OneOf<ImputationMethod, ValidationErrors>>(m => m, e => e),
            _ => ValidationErrors.Single(ErrorCodes.ImputationSpec, string.Empty, "Unknown imputation; expected none, mean, median, groupmean:ATTR, groupmedian:ATTR, rowmean[:LEVEL][:raw] or rowmedian[:LEVEL][:raw].", spec),
        };
    }

    /// <summary>Returns the specification text.</summary>
    /// <returns>The same as <see cref="Spec"/>.</returns>
    public override string ToString() => Spec;

    private static OneOf<RowImputation, ValidationErrors> Row(bool median, int? groupLevel, bool normaliseFirst) =>
        groupLevel is < 2
            ? ValidationErrors.Single(ErrorCodes.MethodParameter, "groupLevel", "The group level of row imputation must be at least 2 (the indicators' parents).", groupLevel.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : new RowImputation(median, groupLevel, normaliseFirst);

    /// <summary>Reads the tail of <c>rowmean[:LEVEL][:raw]</c>.</summary>
    private static bool ParseRow(string? tail, out int? level, out bool normaliseFirst)
    {
        level = null;
        normaliseFirst = true;
        if (tail is null)
        {
            return true;
        }

        var parts = tail.Split(':');
        if (parts.Length > 2)
        {
            return false;
        }

        foreach (var part in parts)
        {
            var p = part.Trim();
            if (string.Equals(p, "raw", StringComparison.OrdinalIgnoreCase) && normaliseFirst)
            {
                normaliseFirst = false;
            }
            else if (level is null && normaliseFirst && int.TryParse(p, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var l))
            {
                level = l;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static ValidationErrors InvalidAttribute(string attribute) =>
        ValidationErrors.Single(ErrorCodes.CodeInvalid, "attribute", "The group attribute must be a valid code.", attribute);
}

/// <summary>No imputation.</summary>
public sealed record NoImputation : ImputationMethod
{
    internal NoImputation()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "none";

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>Missing values become the mean of the indicator's present values.</summary>
public sealed record ColumnMeanImputation : ImputationMethod
{
    internal ColumnMeanImputation()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "mean";

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>Missing values become the median of the indicator's present values.</summary>
public sealed record ColumnMedianImputation : ImputationMethod
{
    internal ColumnMedianImputation()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "median";

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>Missing values become the mean of the present values in the unit's group (units sharing an attribute value).</summary>
public sealed record GroupMeanImputation : ImputationMethod
{
    internal GroupMeanImputation(string attribute) => Attribute = attribute;

    /// <summary>Gets the unit attribute that defines the groups.</summary>
    public string Attribute { get; }

    /// <inheritdoc/>
    public override string Spec => "groupmean:" + Attribute;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>Missing values become the median of the present values in the unit's group.</summary>
public sealed record GroupMedianImputation : ImputationMethod
{
    internal GroupMedianImputation(string attribute) => Attribute = attribute;

    /// <summary>Gets the unit attribute that defines the groups.</summary>
    public string Attribute { get; }

    /// <inheritdoc/>
    public override string Spec => "groupmedian:" + Attribute;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>
/// Row-wise imputation (COINr <c>Impute(impute_by = "row")</c>): a unit's missing value of an indicator becomes the mean
/// (or median) of the unit's values of the other indicators in the same group at <see cref="GroupLevel"/>, each column
/// first multiplied by its direction and min-max normalised to [0, 1] over all units (<see cref="NormaliseFirst"/>), the
/// result mapped back to the indicator's raw scale: <c>x = d·(v·(max − min) + min)</c> with min and max of <c>d·x</c>.
/// </summary>
/// <remarks>
/// <para>The row is read before any imputation (the other indicators' observed values, after denomination). A column
/// whose values are all equal normalises to NaN, as in COINr, and so takes no part in other indicators' rows; a missing
/// value of such an indicator becomes the constant. A unit with no other observed value in the row stays missing.</para>
/// </remarks>
public sealed record RowImputation : ImputationMethod
{
    internal RowImputation(bool median, int? groupLevel, bool normaliseFirst)
    {
        Median = median;
        GroupLevel = groupLevel;
        NormaliseFirst = normaliseFirst;
    }

    /// <summary>Gets a value indicating whether the row median is used instead of the row mean.</summary>
    public bool Median { get; }

    /// <summary>Gets the level (≥ 2) whose groups bound the row, or <see langword="null"/> for every indicator of the framework.</summary>
    public int? GroupLevel { get; }

    /// <summary>Gets a value indicating whether each column is min-max normalised (direction applied) before the row statistic.</summary>
    public bool NormaliseFirst { get; }

    /// <inheritdoc/>
    public override string Spec =>
        (Median ? "rowmedian" : "rowmean")
        + (GroupLevel is { } l ? ":" + l.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)
        + (NormaliseFirst ? string.Empty : ":raw");

    /// <inheritdoc/>
    public override string ToString() => Spec;
}
