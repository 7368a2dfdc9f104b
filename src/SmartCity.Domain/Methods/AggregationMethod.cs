using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Methods;

/// <summary>
/// How a group's score is computed from its children's values: a closed set of immutable variants.
/// </summary>
/// <remarks>
/// Every method follows one missing-data rule (<see cref="MissingDataRule"/>): the children present for a unit are aggregated
/// with their weights renormalised. The specification syntax of <see cref="Parse(string)"/> is the one of
/// <c>smartcity score --aggregate</c>: <c>amean | gmean | hmean | genmean:P | min | copeland</c>.
/// </remarks>
public abstract record AggregationMethod
{
    private protected AggregationMethod()
    {
    }

    /// <summary>Gets the weighted arithmetic mean <c>Σw·x/Σw</c>, the framework default.</summary>
    public static ArithmeticMean Arithmetic { get; } = new();

    /// <summary>Gets the weighted geometric mean <c>exp(Σw·ln x/Σw)</c>; children must be positive.</summary>
    public static GeometricMean Geometric { get; } = new();

    /// <summary>Gets the weighted harmonic mean <c>Σw/Σ(w/x)</c>; children must be positive.</summary>
    public static HarmonicMean Harmonic { get; } = new();

    /// <summary>Gets the minimum over the children with a positive weight (fully non-compensatory).</summary>
    public static MinimumAggregation Minimum { get; } = new();

    /// <summary>Gets the weighted Copeland (outranking) score, computed across units.</summary>
    public static CopelandAggregation Copeland { get; } = new();

    /// <summary>Gets the specification text, such as <c>genmean:2</c>.</summary>
    public abstract string Spec { get; }

    /// <summary>Gets a value indicating whether the method needs every child value to be strictly positive.</summary>
    public abstract bool RequiresPositiveInputs { get; }

    /// <summary>Creates the weighted generalised (power) mean <c>(Σw·x^p/Σw)^(1/p)</c>.</summary>
    /// <param name="p">The exponent; finite and not zero (use the geometric mean for the limit p → 0).</param>
    /// <returns>The method, or an <c>aggregation.exponent</c> error.</returns>
    public static OneOf<GeneralisedMean, ValidationErrors> Generalised(double p) =>
        double.IsFinite(p) && p != 0
            ? new GeneralisedMean(p)
            : ValidationErrors.Single(ErrorCodes.AggregationExponent, "p", "The exponent must be finite and not zero (p → 0 is the geometric mean).", ErrorCollector.Format(p));

    /// <summary>Parses <c>amean | gmean | hmean | genmean:P | min | copeland</c> (case-insensitive).</summary>
    /// <param name="spec">The text.</param>
    /// <returns>The method, or an <c>aggregation.spec</c> / <c>aggregation.exponent</c> error.</returns>
    public static OneOf<AggregationMethod, ValidationErrors> Parse(string spec)
    {
        Guard.Against.Null(spec);
        var (head, tail) = SpecText.Split(spec);
        switch (head)
        {
            case "AMEAN" when tail is null:
                return Arithmetic;
            case "GMEAN" when tail is null:
                return Geometric;
            case "HMEAN" when tail is null:
                return Harmonic;
            case "MIN" when tail is null:
                return Minimum;
            case "COPELAND" when tail is null:
                return Copeland;
            case "GENMEAN" when tail is not null && SpecText.TryNumber(tail, out var p):
                return Generalised(p).Match<OneOf<AggregationMethod, ValidationErrors>>(m => m, e => e);
        }

        return ValidationErrors.Single(ErrorCodes.AggregationSpec, string.Empty, "Unknown aggregation; expected amean, gmean, hmean, genmean:P, min or copeland.", spec);
    }

    /// <summary>Returns the specification text.</summary>
    /// <returns>The same as <see cref="Spec"/>.</returns>
    public override string ToString() => Spec;
}

/// <summary>The weighted arithmetic mean <c>Σw·x/Σw</c> (COINr <c>a_amean</c>); fully compensatory.</summary>
public sealed record ArithmeticMean : AggregationMethod
{
    internal ArithmeticMean()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "amean";

    /// <inheritdoc/>
    public override bool RequiresPositiveInputs => false;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>The weighted geometric mean <c>exp(Σw·ln x/Σw)</c> (COINr <c>a_gmean</c>); needs x &gt; 0.</summary>
public sealed record GeometricMean : AggregationMethod
{
    internal GeometricMean()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "gmean";

    /// <inheritdoc/>
    public override bool RequiresPositiveInputs => true;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>The weighted harmonic mean <c>Σw/Σ(w/x)</c> (COINr <c>a_hmean</c>); needs x &gt; 0.</summary>
public sealed record HarmonicMean : AggregationMethod
{
    internal HarmonicMean()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "hmean";

    /// <inheritdoc/>
    public override bool RequiresPositiveInputs => true;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>
/// The weighted generalised mean <c>(Σw·x^p/Σw)^(1/p)</c> (COINr <c>a_genmean</c>, without its defect of returning missing
/// when any child is missing). For p ≤ 0 the children must be positive; for a non-integer p &gt; 0 they must not be negative
/// (0^p = 0); an integer p &gt; 0 takes any value (a negative mean of an odd power gives its real root).
/// </summary>
public sealed record GeneralisedMean : AggregationMethod
{
    internal GeneralisedMean(double p) => P = p;

    /// <summary>Gets the exponent.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public override string Spec => "genmean:" + SpecText.Num(P);

    /// <inheritdoc/>
    public override bool RequiresPositiveInputs => P <= 0;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>The minimum of the children with a positive weight; weights only select children.</summary>
public sealed record MinimumAggregation : AggregationMethod
{
    internal MinimumAggregation()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "min";

    /// <inheritdoc/>
    public override bool RequiresPositiveInputs => false;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>
/// The weighted Copeland score (COINr <c>a_copeland</c>): with weights normalised to sum 1 over the children present for both
/// units, <c>M[p,q] = Σw·[x_p &gt; x_q] + ½Σw·[x_p = x_q]</c>, and the score of p is <c>Σ_q sign(M[p,q] − ½)</c>. It depends on the
/// other units, and its values range over [−(n − 1), n − 1].
/// </summary>
public sealed record CopelandAggregation : AggregationMethod
{
    internal CopelandAggregation()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "copeland";

    /// <inheritdoc/>
    public override bool RequiresPositiveInputs => false;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}
