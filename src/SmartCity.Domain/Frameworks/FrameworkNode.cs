using SmartCity.Domain.Collections;

namespace SmartCity.Domain.Frameworks;

/// <summary>
/// A node of a rating framework's tree: a <see cref="GroupNode"/> (index, pillar, enabler, dimension, ...) or an
/// <see cref="Indicator"/> (a leaf). Closed: no other kinds exist.
/// </summary>
/// <remarks>
/// <para>A node's <see cref="Weight"/> is relative to its siblings' weights: only ratios matter, and the weight of the root
/// has no effect.</para>
/// <para>Equality is by value, over every property and the whole subtree.</para>
/// </remarks>
public abstract record FrameworkNode
{
    private protected FrameworkNode(string code, LocalizedText name, double weight, string? description, EquatableArray<string> tags, Provenance? provenance)
    {
        Code = code;
        Name = name;
        Weight = weight;
        Description = description;
        Tags = tags;
        Provenance = provenance;
    }

    /// <summary>Gets the node's code, unique in its framework (the COINr <c>iCode</c>).</summary>
    public string Code { get; internal init; }

    /// <summary>Gets the node's name.</summary>
    public LocalizedText Name { get; internal init; }

    /// <summary>Gets the weight relative to the siblings: finite and ≥ 0.</summary>
    public double Weight { get; internal init; }

    /// <summary>Gets a description, or <see langword="null"/>.</summary>
    public string? Description { get; internal init; }

    /// <summary>Gets free tags for cross-cutting classifications (IMD areas, U4SSC smart/sustainable/structural, SDGs).</summary>
    public EquatableArray<string> Tags { get; internal init; }

    /// <summary>Gets where the node's definition comes from, or <see langword="null"/>.</summary>
    public Provenance? Provenance { get; internal init; }
}
