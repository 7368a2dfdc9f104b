using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Catalogue;

/// <summary>Terse constructors for the built-in definitions; every value still goes through the public factories.</summary>
internal static class Def
{
    public static readonly Provenance Illustrative = new(Confidence.Illustrative, "Illustrative stand-in, not an official definition");

    public static LocalizedText T(string en, string? id = null) => LocalizedText.Of(en, id);

    public static GroupNode G(string code, LocalizedText name, NodeRole role, double weight, Provenance? provenance, params FrameworkNode[] children) =>
        GroupNode.Create(code, name, role, children, weight, provenance: provenance).GetValueOrThrow();

    public static Indicator I(
        string code,
        LocalizedText name,
        IndicatorScale? scale = null,
        Direction direction = Direction.HigherIsBetter,
        string? unit = null,
        double weight = 1,
        Provenance? provenance = null,
        NormalisationMethod? normalisation = null,
        IndicatorTier? tier = null,
        string? denominator = null,
        string? description = null,
        IEnumerable<string>? tags = null,
        Goalposts? goalposts = null) =>
        Indicator.Create(code, name, scale, direction, weight, unit, goalposts: goalposts, normalisation: normalisation, tier: tier, denominator: denominator, description: description, tags: tags, provenance: provenance ?? Illustrative).GetValueOrThrow();

    public static IndicatorScale Likert(int low, int high) => IndicatorScale.Likert(low, high).GetValueOrThrow();

    public static NormalisationMethod Scale0100 { get; } = NormalisationMethod.ScaleMapping(0, 100).GetValueOrThrow();
}
