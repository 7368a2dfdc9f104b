using System.Globalization;
using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Frameworks;

/// <summary>
/// Fixed goalposts of an indicator, on its raw scale: the worst (<see cref="Lower"/>) and best (<see cref="Upper"/>) reference
/// values when higher is better (reversed roles when lower is better), a multiplier, and whether values beyond the posts are
/// clipped. They are COINr's <c>goalpost_lower</c>, <c>goalpost_upper</c>, <c>goalpost_scale</c> and <c>goalpost_trunc2posts</c>.
/// </summary>
public sealed record Goalposts
{
    private Goalposts(double lower, double upper, double scale, bool truncate)
    {
        Lower = lower;
        Upper = upper;
        Scale = scale;
        Truncate = truncate;
    }

    /// <summary>Gets the lower goalpost (raw units).</summary>
    public double Lower { get; }

    /// <summary>Gets the upper goalpost (raw units).</summary>
    public double Upper { get; }

    /// <summary>Gets the multiplier of the [0, 1] result, such as 100.</summary>
    public double Scale { get; }

    /// <summary>Gets a value indicating whether results are clipped to [0, 1] before scaling.</summary>
    public bool Truncate { get; }

    /// <summary>Creates goalposts.</summary>
    /// <param name="lower">The lower post.</param>
    /// <param name="upper">The upper post; greater than <paramref name="lower"/>.</param>
    /// <param name="scale">The multiplier; positive and finite.</param>
    /// <param name="truncate">Whether values beyond the posts are clipped.</param>
    /// <returns>The goalposts, or <c>number.not-finite</c>, <c>goalposts.order</c> or <c>goalposts.scale</c> errors.</returns>
    public static OneOf<Goalposts, ValidationErrors> Create(double lower, double upper, double scale = 1, bool truncate = true)
    {
        var errors = new ErrorCollector();
        Validate(errors, lower, upper, scale, string.Empty);
        return errors.Result(() => new Goalposts(lower, upper, scale, truncate));
    }

    internal static Goalposts Unchecked(double lower, double upper, double scale, bool truncate) => new(lower, upper, scale, truncate);

    internal static void Validate(ErrorCollector errors, double lower, double upper, double scale, string path)
    {
        if (!double.IsFinite(lower))
        {
            errors.Add(ErrorCodes.NumberNotFinite, ValidationError.JoinPath(path, "lower"), "The lower goalpost must be finite.", lower);
        }

        if (!double.IsFinite(upper))
        {
            errors.Add(ErrorCodes.NumberNotFinite, ValidationError.JoinPath(path, "upper"), "The upper goalpost must be finite.", upper);
        }

        if (double.IsFinite(lower) && double.IsFinite(upper) && lower >= upper)
        {
            errors.Add(ErrorCodes.GoalpostsOrder, ValidationError.JoinPath(path, "upper"), string.Create(CultureInfo.InvariantCulture, $"The lower goalpost ({lower}) must be below the upper one."), upper);
        }

        if (!double.IsFinite(scale) || scale <= 0)
        {
            errors.Add(ErrorCodes.GoalpostsScale, ValidationError.JoinPath(path, "scale"), "The goalpost scale must be a positive finite number.", scale);
        }
    }

    /// <summary>Returns <c>[lower, upper]×scale</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Lower}, {Upper}]x{Scale}{(Truncate ? " truncated" : string.Empty)}");
}
