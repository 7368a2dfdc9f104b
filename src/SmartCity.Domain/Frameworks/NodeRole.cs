using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Frameworks;

/// <summary>
/// The role of a group node: data, not a fixed list. The well-known roles cover RKCI (pillars and enablers), Kominfo
/// (dimensions, elements), Giffinger (characteristics, factors) and U4SSC (categories); any other role can be created.
/// </summary>
/// <remarks>Roles compare by name, ordinally.</remarks>
public sealed record NodeRole
{
    private NodeRole(string name) => Name = name;

    /// <summary>Gets the role of a composite index (usually the root).</summary>
    public static NodeRole Index { get; } = new("index");

    /// <summary>Gets the role of a pillar (RKCI quality-of-life element, Kominfo smart dimension).</summary>
    public static NodeRole Pillar { get; } = new("pillar");

    /// <summary>Gets the role of an enabler (RKCI enabling element).</summary>
    public static NodeRole Enabler { get; } = new("enabler");

    /// <summary>Gets the role of a dimension.</summary>
    public static NodeRole Dimension { get; } = new("dimension");

    /// <summary>Gets the role of a sub-dimension.</summary>
    public static NodeRole SubDimension { get; } = new("sub-dimension");

    /// <summary>Gets the role of an aspect.</summary>
    public static NodeRole Aspect { get; } = new("aspect");

    /// <summary>Gets the role of a characteristic (Giffinger).</summary>
    public static NodeRole Characteristic { get; } = new("characteristic");

    /// <summary>Gets the role of a factor (Giffinger).</summary>
    public static NodeRole Factor { get; } = new("factor");

    /// <summary>Gets the role of a readiness element (Kominfo structure, infrastructure, superstructure).</summary>
    public static NodeRole Element { get; } = new("element");

    /// <summary>Gets the role of an evaluation dimension (Kominfo baseline, output, outcome, impact, quick win).</summary>
    public static NodeRole EvaluationDimension { get; } = new("evaluation-dimension");

    /// <summary>Gets the role name, such as <c>pillar</c>.</summary>
    public string Name { get; }

    /// <summary>Creates a role, well-known or custom.</summary>
    /// <param name="name">The role name; a valid code (letters, digits, <c>_ - .</c>, starting with a letter).</param>
    /// <returns>The role, or a <c>code.invalid</c> error.</returns>
    public static OneOf<NodeRole, ValidationErrors> Create(string name) =>
        Codes.IsValid(Guard.Against.Null(name)) ? new NodeRole(name) : ValidationErrors.Single(ErrorCodes.CodeInvalid, string.Empty, "A role name must be a valid code.", name);

    internal static NodeRole Unchecked(string name) => new(name);

    /// <summary>Returns the role name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
