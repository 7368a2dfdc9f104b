using System.Globalization;
using OneOf;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Frameworks;

/// <summary>
/// The measurement scale of an indicator's raw values: a closed set of immutable variants. A scale says which values are
/// valid and, when bounded, lets <see cref="Methods.ScaleMappingNormalisation"/> map it onto a score range.
/// </summary>
public abstract record IndicatorScale
{
    private protected IndicatorScale()
    {
    }

    /// <summary>Gets the ratio (continuous) scale: any finite value.</summary>
    public static RatioScale Ratio { get; } = new();

    /// <summary>Gets the percentage scale: values in [0, 100].</summary>
    public static PercentageScale Percentage { get; } = new();

    /// <summary>Gets the count scale: whole numbers ≥ 0.</summary>
    public static CountScale Count { get; } = new();

    /// <summary>Gets the yes/no scale: 0 (no) or 1 (yes).</summary>
    public static YesNoScale YesNo { get; } = new();

    /// <summary>Gets the smallest valid value, or <see langword="null"/> when unbounded.</summary>
    public abstract double? Minimum { get; }

    /// <summary>Gets the largest valid value, or <see langword="null"/> when unbounded.</summary>
    public abstract double? Maximum { get; }

    /// <summary>Gets a value indicating whether only whole numbers are valid.</summary>
    public abstract bool IsWholeNumber { get; }

    /// <summary>Gets the name of the variant as written in JSON (<c>ratio</c>, <c>likert</c>, ...).</summary>
    public abstract string Kind { get; }

    /// <summary>Returns whether <paramref name="value"/> is a valid raw value on this scale (finite, within bounds, whole where required).</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public bool Contains(double value) =>
        double.IsFinite(value)
        && (Minimum is not { } min || value >= min)
        && (Maximum is not { } max || value <= max)
        && (!IsWholeNumber || value == Math.Floor(value));

    /// <summary>Creates a Likert scale from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    /// <param name="minimum">The lowest point, usually 1.</param>
    /// <param name="maximum">The highest point, such as 5.</param>
    /// <returns>The scale, or a <c>scale.invalid</c> error.</returns>
    public static OneOf<LikertScale, ValidationErrors> Likert(int minimum, int maximum) =>
        minimum < maximum
            ? new LikertScale(minimum, maximum)
            : ValidationErrors.Single(ErrorCodes.ScaleInvalid, "maximum", "A Likert scale needs minimum < maximum.", maximum.ToString(CultureInfo.InvariantCulture));

    /// <summary>Creates an ordinal scale of named levels; the raw value is the level's position, 1 for the first.</summary>
    /// <param name="levels">The level names, lowest first; at least two, distinct.</param>
    /// <returns>The scale, or <c>scale.invalid</c> / <c>scale.duplicate-name</c> errors.</returns>
    public static OneOf<LevelScale, ValidationErrors> Levels(IEnumerable<string> levels)
    {
        Guard.Against.Null(levels);
        var list = EquatableArray.Create(levels);
        var errors = new ErrorCollector();
        CheckNames(errors, list, "levels", minimum: 2);
        return errors.Result(() => new LevelScale(list));
    }

    /// <summary>Creates a checklist scale; the raw value is the number of items met, 0 to the number of items.</summary>
    /// <param name="items">The checklist items; at least one, distinct.</param>
    /// <returns>The scale, or <c>scale.invalid</c> / <c>scale.duplicate-name</c> errors.</returns>
    public static OneOf<ChecklistScale, ValidationErrors> Checklist(IEnumerable<string> items)
    {
        Guard.Against.Null(items);
        var list = EquatableArray.Create(items);
        var errors = new ErrorCollector();
        CheckNames(errors, list, "items", minimum: 1);
        return errors.Result(() => new ChecklistScale(list));
    }

    internal static void CheckNames(ErrorCollector errors, EquatableArray<string> names, string path, int minimum)
    {
        if (names.Count < minimum)
        {
            errors.Add(ErrorCodes.ScaleInvalid, path, string.Create(CultureInfo.InvariantCulture, $"The scale needs at least {minimum} entries."), names.Count);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                errors.Add(ErrorCodes.TextEmpty, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), "A name must not be empty.");
            }
            else if (!seen.Add(names[i]))
            {
                errors.Add(ErrorCodes.ScaleDuplicateName, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), "The name appears twice.", names[i]);
            }
        }
    }
}

/// <summary>A continuous scale: any finite value.</summary>
public sealed record RatioScale : IndicatorScale
{
    internal RatioScale()
    {
    }

    /// <inheritdoc/>
    public override double? Minimum => null;

    /// <inheritdoc/>
    public override double? Maximum => null;

    /// <inheritdoc/>
    public override bool IsWholeNumber => false;

    /// <inheritdoc/>
    public override string Kind => "ratio";

    /// <inheritdoc/>
    public override string ToString() => Kind;
}

/// <summary>A percentage: values in [0, 100].</summary>
public sealed record PercentageScale : IndicatorScale
{
    internal PercentageScale()
    {
    }

    /// <inheritdoc/>
    public override double? Minimum => 0;

    /// <inheritdoc/>
    public override double? Maximum => 100;

    /// <inheritdoc/>
    public override bool IsWholeNumber => false;

    /// <inheritdoc/>
    public override string Kind => "percentage";

    /// <inheritdoc/>
    public override string ToString() => Kind;
}

/// <summary>A count: whole numbers ≥ 0.</summary>
public sealed record CountScale : IndicatorScale
{
    internal CountScale()
    {
    }

    /// <inheritdoc/>
    public override double? Minimum => 0;

    /// <inheritdoc/>
    public override double? Maximum => null;

    /// <inheritdoc/>
    public override bool IsWholeNumber => true;

    /// <inheritdoc/>
    public override string Kind => "count";

    /// <inheritdoc/>
    public override string ToString() => Kind;
}

/// <summary>A yes/no fact: 0 (no) or 1 (yes).</summary>
public sealed record YesNoScale : IndicatorScale
{
    internal YesNoScale()
    {
    }

    /// <inheritdoc/>
    public override double? Minimum => 0;

    /// <inheritdoc/>
    public override double? Maximum => 1;

    /// <inheritdoc/>
    public override bool IsWholeNumber => true;

    /// <inheritdoc/>
    public override string Kind => "yesNo";

    /// <inheritdoc/>
    public override string ToString() => Kind;
}

/// <summary>A Likert scale: whole numbers from <see cref="Low"/> to <see cref="High"/>.</summary>
public sealed record LikertScale : IndicatorScale
{
    internal LikertScale(int low, int high)
    {
        Low = low;
        High = high;
    }

    /// <summary>Gets the lowest point.</summary>
    public int Low { get; }

    /// <summary>Gets the highest point.</summary>
    public int High { get; }

    /// <inheritdoc/>
    public override double? Minimum => Low;

    /// <inheritdoc/>
    public override double? Maximum => High;

    /// <inheritdoc/>
    public override bool IsWholeNumber => true;

    /// <inheritdoc/>
    public override string Kind => "likert";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"likert {Low}..{High}");
}

/// <summary>Named ordered levels; the raw value is the level's position, 1 for the first (lowest).</summary>
public sealed record LevelScale : IndicatorScale
{
    internal LevelScale(EquatableArray<string> levels) => Names = levels;

    /// <summary>Gets the level names, lowest first.</summary>
    public EquatableArray<string> Names { get; }

    /// <inheritdoc/>
    public override double? Minimum => 1;

    /// <inheritdoc/>
    public override double? Maximum => Names.Count;

    /// <inheritdoc/>
    public override bool IsWholeNumber => true;

    /// <inheritdoc/>
    public override string Kind => "levels";

    /// <inheritdoc/>
    public override string ToString() => "levels " + Names;
}

/// <summary>A checklist; the raw value is the number of items met, from 0 to the number of items.</summary>
public sealed record ChecklistScale : IndicatorScale
{
    internal ChecklistScale(EquatableArray<string> items) => Items = items;

    /// <summary>Gets the checklist items.</summary>
    public EquatableArray<string> Items { get; }

    /// <inheritdoc/>
    public override double? Minimum => 0;

    /// <inheritdoc/>
    public override double? Maximum => Items.Count;

    /// <inheritdoc/>
    public override bool IsWholeNumber => true;

    /// <inheritdoc/>
    public override string Kind => "checklist";

    /// <inheritdoc/>
    public override string ToString() => "checklist " + Items;
}
