using System.Globalization;

namespace SmartCity.Domain.Frameworks;

/// <summary>
/// A node's effective weight: the product, from the node up to the root, of its weight divided by the sum of its siblings'
/// weights (COINr <c>get_eff_weights</c>). The indicators' effective weights sum to 1.
/// </summary>
/// <remarks>With missing data a unit's score is not Σ(effective weight × value): the weights of present children are renormalised per unit.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.EffectiveWeightJsonConverter))]
public sealed record EffectiveWeight
{
    internal EffectiveWeight(string code, double weight)
    {
        Code = code;
        Weight = weight;
    }

    /// <summary>Gets the node code.</summary>
    public string Code { get; }

    /// <summary>Gets the effective weight in [0, 1].</summary>
    public double Weight { get; }

    /// <summary>Returns <c>code=weight</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Code}={Weight}");
}
