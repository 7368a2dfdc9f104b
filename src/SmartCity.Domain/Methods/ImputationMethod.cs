using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Methods;

/// <summary>How missing raw values of an indicator are filled before treatment and normalisation: a closed set of variants.</summary>
/// <remarks>Values that are present are never changed. Specification syntax: <c>none | mean | median | groupmean:ATTR | groupmedian:ATTR</c>.</remarks>
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

    /// <summary>Parses <c>none | mean | median | groupmean:ATTR | groupmedian:ATTR</c>.</summary>
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
            _ => ValidationErrors.Single(ErrorCodes.ImputationSpec, string.Empty, "Unknown imputation; expected none, mean, median, groupmean:ATTR or groupmedian:ATTR.", spec),
        };
    }

    /// <summary>Returns the specification text.</summary>
    /// <returns>The same as <see cref="Spec"/>.</returns>
    public override string ToString() => Spec;

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
