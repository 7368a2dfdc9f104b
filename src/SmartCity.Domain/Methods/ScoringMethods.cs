namespace SmartCity.Domain.Methods;

/// <summary>
/// The framework-wide default methods. Groups may override <see cref="Aggregation"/> and <see cref="MissingData"/>;
/// indicators may override <see cref="Normalisation"/>, <see cref="Imputation"/> and <see cref="Treatment"/>.
/// </summary>
public sealed record ScoringMethods
{
    /// <summary>Initializes a new instance of the <see cref="ScoringMethods"/> class; every argument left out takes its default.</summary>
    /// <param name="normalisation">Default normalisation; min-max to [0, 100] when <see langword="null"/>.</param>
    /// <param name="aggregation">Default aggregation; the weighted arithmetic mean when <see langword="null"/>.</param>
    /// <param name="missingData">Default missing-data rule; skip and renormalise, no threshold, when <see langword="null"/>.</param>
    /// <param name="imputation">Default imputation; none when <see langword="null"/>.</param>
    /// <param name="treatment">Default outlier treatment; none when <see langword="null"/>.</param>
    public ScoringMethods(
        NormalisationMethod? normalisation = null,
        AggregationMethod? aggregation = null,
        MissingDataRule? missingData = null,
        ImputationMethod? imputation = null,
        OutlierTreatment? treatment = null)
    {
        Normalisation = normalisation ?? NormalisationMethod.MinMaxDefault;
        Aggregation = aggregation ?? AggregationMethod.Arithmetic;
        MissingData = missingData ?? MissingDataRule.SkipAndRenormalise;
        Imputation = imputation ?? ImputationMethod.None;
        Treatment = treatment ?? OutlierTreatment.None;
    }

    /// <summary>Gets COINr's defaults: min-max [0, 100], weighted arithmetic mean, skip missing, no imputation, no treatment.</summary>
    public static ScoringMethods Default { get; } = new();

    /// <summary>Gets the default normalisation.</summary>
    public NormalisationMethod Normalisation { get; }

    /// <summary>Gets the default aggregation.</summary>
    public AggregationMethod Aggregation { get; }

    /// <summary>Gets the default missing-data rule.</summary>
    public MissingDataRule MissingData { get; }

    /// <summary>Gets the default imputation.</summary>
    public ImputationMethod Imputation { get; }

    /// <summary>Gets the default outlier treatment.</summary>
    public OutlierTreatment Treatment { get; }

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"ScoringMethods(normalise={Normalisation.Spec}, aggregate={Aggregation.Spec}, missing={MissingData}, impute={Imputation.Spec}, treat={Treatment.Spec})";
}
