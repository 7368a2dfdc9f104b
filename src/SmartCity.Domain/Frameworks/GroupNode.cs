using System.Globalization;
using OneOf;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Frameworks;

/// <summary>
/// A group of the framework's tree: it aggregates its children (groups or indicators) into a score, with its own
/// <see cref="Aggregation"/> and <see cref="MissingData"/> rule or the framework's defaults.
/// </summary>
public sealed record GroupNode : FrameworkNode
{
    internal GroupNode(
        string code,
        LocalizedText name,
        NodeRole role,
        EquatableArray<FrameworkNode> children,
        double weight,
        AggregationMethod? aggregation,
        MissingDataRule? missingData,
        string? description,
        EquatableArray<string> tags,
        Provenance? provenance)
        : base(code, name, weight, description, tags, provenance)
    {
        Role = role;
        Children = children;
        Aggregation = aggregation;
        MissingData = missingData;
    }

    /// <summary>Gets the role of the group, such as pillar or enabler.</summary>
    public NodeRole Role { get; internal init; }

    /// <summary>Gets the children in their declared order.</summary>
    public EquatableArray<FrameworkNode> Children { get; internal init; }

    /// <summary>Gets the aggregation of this group, or <see langword="null"/> to use the framework's default.</summary>
    public AggregationMethod? Aggregation { get; internal init; }

    /// <summary>Gets the missing-data rule of this group, or <see langword="null"/> to use the framework's default.</summary>
    public MissingDataRule? MissingData { get; internal init; }

    /// <summary>Creates a group.</summary>
    /// <param name="code">The code, unique in the framework.</param>
    /// <param name="name">The name.</param>
    /// <param name="role">The role.</param>
    /// <param name="children">The children; at least one, with at least one positive weight, codes unique in the subtree.</param>
    /// <param name="weight">The weight relative to the siblings.</param>
    /// <param name="aggregation">The aggregation override.</param>
    /// <param name="missingData">The missing-data override.</param>
    /// <param name="description">A description.</param>
    /// <param name="tags">Free tags.</param>
    /// <param name="provenance">Where the definition comes from.</param>
    /// <returns>
    /// The group, or errors: <c>code.invalid</c>, <c>weight.not-finite</c>, <c>weight.negative</c>, <c>group.empty</c>,
    /// <c>group.weights.all-zero</c>, <c>node.duplicate-code</c>, <c>aggregation.requires-positive</c>.
    /// </returns>
    public static OneOf<GroupNode, ValidationErrors> Create(
        string code,
        LocalizedText name,
        NodeRole role,
        IEnumerable<FrameworkNode> children,
        double weight = 1,
        AggregationMethod? aggregation = null,
        MissingDataRule? missingData = null,
        string? description = null,
        IEnumerable<string>? tags = null,
        Provenance? provenance = null)
    {
        Guard.Against.Null(name);
        Guard.Against.Null(role);
        Guard.Against.Null(children);
        var group = new GroupNode(code, name, role, EquatableArray.Create(children), weight, aggregation, missingData, description, EquatableArray.Create(tags), provenance);
        var errors = new ErrorCollector();
        FrameworkValidator.ValidateSubtree(errors, group, string.Empty, defaults: null);
        return errors.Result(() => group);
    }

    /// <summary>Returns a short description such as <c>Group(ECO, pillar, children=3, weight=1)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Group({Code}, {Role}, children={Children.Count}, weight={Weight}{(Aggregation is null ? string.Empty : ", aggregate=" + Aggregation.Spec)})");
}
