using System.Globalization;
using OneOf;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Frameworks;

/// <summary>
/// A leaf of the framework's tree: one measured quantity, with its scale, direction, optional goalposts and target, and
/// optional method overrides.
/// </summary>
public sealed record Indicator : FrameworkNode
{
    internal Indicator(
        string code,
        LocalizedText name,
        IndicatorScale scale,
        Direction direction,
        double weight,
        string? unit,
        Goalposts? goalposts,
        double? target,
        IndicatorTier tier,
        string? denominator,
        NormalisationMethod? normalisation,
        ImputationMethod? imputation,
        OutlierTreatment? treatment,
        string? description,
        EquatableArray<string> tags,
        Provenance? provenance)
        : base(code, name, weight, description, tags, provenance)
    {
        Scale = scale;
        Direction = direction;
        Unit = unit;
        Goalposts = goalposts;
        Target = target;
        Tier = tier;
        Denominator = denominator;
        Normalisation = normalisation;
        Imputation = imputation;
        Treatment = treatment;
    }

    /// <summary>Gets the measurement scale of the raw values.</summary>
    public IndicatorScale Scale { get; internal init; }

    /// <summary>Gets whether higher or lower values are better.</summary>
    public Direction Direction { get; internal init; }

    /// <summary>Gets the unit of the raw values (such as <c>%</c>, <c>km/1000 people</c>), or <see langword="null"/>.</summary>
    public string? Unit { get; internal init; }

    /// <summary>Gets the goalposts, or <see langword="null"/>.</summary>
    public Goalposts? Goalposts { get; internal init; }

    /// <summary>Gets the target on the raw scale, or <see langword="null"/>.</summary>
    public double? Target { get; internal init; }

    /// <summary>Gets the tier (core, supporting, ...).</summary>
    public IndicatorTier Tier { get; internal init; }

    /// <summary>Gets the code of the denominator the raw value is divided by (per-capita values), or <see langword="null"/>.</summary>
    public string? Denominator { get; internal init; }

    /// <summary>Gets the normalisation override, or <see langword="null"/> for the framework default.</summary>
    public NormalisationMethod? Normalisation { get; internal init; }

    /// <summary>Gets the imputation override, or <see langword="null"/> for the framework default.</summary>
    public ImputationMethod? Imputation { get; internal init; }

    /// <summary>Gets the outlier-treatment override, or <see langword="null"/> for the framework default.</summary>
    public OutlierTreatment? Treatment { get; internal init; }

    /// <summary>Creates an indicator.</summary>
    /// <param name="code">The code, unique in the framework.</param>
    /// <param name="name">The name.</param>
    /// <param name="scale">The measurement scale; the ratio scale when <see langword="null"/>.</param>
    /// <param name="direction">Whether higher or lower values are better.</param>
    /// <param name="weight">The weight relative to the siblings.</param>
    /// <param name="unit">The unit.</param>
    /// <param name="goalposts">Goalposts, on the scale.</param>
    /// <param name="target">A target, on the scale.</param>
    /// <param name="tier">The tier; core when <see langword="null"/>.</param>
    /// <param name="denominator">The code of a denominator declared by the framework.</param>
    /// <param name="normalisation">A normalisation override.</param>
    /// <param name="imputation">An imputation override.</param>
    /// <param name="treatment">An outlier-treatment override.</param>
    /// <param name="description">A description.</param>
    /// <param name="tags">Free tags.</param>
    /// <param name="provenance">Where the definition comes from.</param>
    /// <returns>
    /// The indicator, or errors: <c>code.invalid</c>, <c>weight.not-finite</c>, <c>weight.negative</c>, <c>number.not-finite</c>,
    /// <c>scale.value-out-of-range</c>, <c>normalisation.goalposts-missing</c>, <c>normalisation.target-missing</c>,
    /// <c>normalisation.scale-unbounded</c>.
    /// </returns>
    public static OneOf<Indicator, ValidationErrors> Create(
        string code,
        LocalizedText name,
        IndicatorScale? scale = null,
        Direction direction = Direction.HigherIsBetter,
        double weight = 1,
        string? unit = null,
        Goalposts? goalposts = null,
        double? target = null,
        IndicatorTier? tier = null,
        string? denominator = null,
        NormalisationMethod? normalisation = null,
        ImputationMethod? imputation = null,
        OutlierTreatment? treatment = null,
        string? description = null,
        IEnumerable<string>? tags = null,
        Provenance? provenance = null)
    {
        Guard.Against.Null(name);
        var indicator = new Indicator(
            code, name, scale ?? IndicatorScale.Ratio, direction, weight, unit, goalposts, target, tier ?? IndicatorTier.Core, denominator,
            normalisation, imputation, treatment, description, EquatableArray.Create(tags), provenance);
        var errors = new ErrorCollector();
        FrameworkValidator.ValidateIndicator(errors, indicator, string.Empty, ScoringMethods.Default.Normalisation);
        return errors.Result(() => indicator);
    }

    /// <summary>Returns a short description such as <c>Indicator(i01, weight=1, higher-is-better)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Indicator({Code}, weight={Weight}, {(Direction == Direction.HigherIsBetter ? "higher" : "lower")}-is-better, {Scale}{(Normalisation is null ? string.Empty : ", normalise=" + Normalisation.Spec)})");
}
