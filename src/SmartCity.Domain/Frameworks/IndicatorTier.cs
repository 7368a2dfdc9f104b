using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Frameworks;

/// <summary>
/// The tier of an indicator: ISO 37120's core / supporting / profile, U4SSC's core / advanced, or a custom tier.
/// </summary>
/// <remarks>Tiers are labels: scoring treats every tier alike. Leave profile (context) indicators out of a framework, or give them weight 0.</remarks>
public sealed record IndicatorTier
{
    private IndicatorTier(string name) => Name = name;

    /// <summary>Gets the core tier, the default.</summary>
    public static IndicatorTier Core { get; } = new("core");

    /// <summary>Gets the supporting tier.</summary>
    public static IndicatorTier Supporting { get; } = new("supporting");

    /// <summary>Gets the profile (context) tier.</summary>
    public static IndicatorTier Profile { get; } = new("profile");

    /// <summary>Gets the advanced tier (U4SSC).</summary>
    public static IndicatorTier Advanced { get; } = new("advanced");

    /// <summary>Gets the tier name.</summary>
    public string Name { get; }

    /// <summary>Creates a tier.</summary>
    /// <param name="name">The tier name; a valid code.</param>
    /// <returns>The tier, or a <c>code.invalid</c> error.</returns>
    public static OneOf<IndicatorTier, ValidationErrors> Create(string name) =>
        Codes.IsValid(Guard.Against.Null(name)) ? new IndicatorTier(name) : ValidationErrors.Single(ErrorCodes.CodeInvalid, string.Empty, "A tier name must be a valid code.", name);

    internal static IndicatorTier Unchecked(string name) => new(name);

    /// <summary>Returns the tier name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
