using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Methods;

/// <summary>
/// How one indicator's raw values are put on a common scale: a closed set of immutable variants that mirror COINr's
/// normalisation functions, plus <see cref="ScaleMapping"/> for Likert, yes/no, level and checklist scales.
/// </summary>
/// <remarks>
/// <para>Every method first multiplies the raw values by the indicator's direction (−1 when lower is better) and then applies
/// its formula over all units of the column; missing values are ignored and stay missing. The exact formulas are in
/// <c>docs/scoring.md</c>.</para>
/// <para>Create variants through the static members; the specification syntax of <see cref="Parse(string)"/> is the one of
/// <c>smartcity score --normalise</c>.</para>
/// </remarks>
public abstract record NormalisationMethod
{
    private protected NormalisationMethod()
    {
    }

    /// <summary>Gets min-max scaling to [0, 100], the framework default (COINr's default).</summary>
    public static MinMaxNormalisation MinMaxDefault { get; } = new(0, 100);

    /// <summary>Gets the rank normalisation (COINr <c>n_rank</c>).</summary>
    public static RankNormalisation Rank { get; } = new();

    /// <summary>Gets the Borda normalisation: rank − 1 (COINr <c>n_borda</c>).</summary>
    public static BordaNormalisation Borda { get; } = new();

    /// <summary>Gets the percentile rank: (rank − 1)/(n − 1) (COINr <c>n_prank</c>).</summary>
    public static PercentileRankNormalisation PercentileRank { get; } = new();

    /// <summary>Gets the distance to the maximum: 1 − (max − y)/(max − min) (COINr <c>n_dist2max</c>).</summary>
    public static DistanceToMaxNormalisation DistanceToMax { get; } = new();

    /// <summary>Gets the fraction of the best value (COINr <c>n_fracmax</c>, with the direction honoured).</summary>
    public static FractionOfMaxNormalisation FractionOfMax { get; } = new();

    /// <summary>Gets the goalposts normalisation, reading the indicator's goalposts.</summary>
    public static GoalpostsNormalisation Goalposts { get; } = new();

    /// <summary>Gets the identity: raw values are used as they are (the direction is still applied).</summary>
    public static NoNormalisation None { get; } = new();

    /// <summary>Gets the specification text of this method, such as <c>minmax:0,100</c>; <see cref="Parse"/> reads it back.</summary>
    public abstract string Spec { get; }

    /// <summary>Gets what is known about the smallest value this method produces.</summary>
    public abstract OutputBound LowerBound { get; }

    /// <summary>Creates min-max scaling to [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    /// <param name="lower">The value given to the worst unit.</param>
    /// <param name="upper">The value given to the best unit.</param>
    /// <returns>The method, or <c>number.not-finite</c> / <c>normalisation.range</c> errors.</returns>
    public static OneOf<MinMaxNormalisation, ValidationErrors> MinMax(double lower, double upper)
    {
        var errors = new ErrorCollector();
        CheckRange(errors, lower, upper);
        return errors.Result(() => new MinMaxNormalisation(lower, upper));
    }

    /// <summary>Creates z-score standardisation with the given mean and standard deviation.</summary>
    /// <param name="mean">The mean of the output.</param>
    /// <param name="standardDeviation">The standard deviation of the output; must be positive.</param>
    /// <returns>The method, or <c>number.not-finite</c> / <c>normalisation.standard-deviation</c> errors.</returns>
    public static OneOf<ZScoreNormalisation, ValidationErrors> ZScore(double mean = 0, double standardDeviation = 1)
    {
        var errors = new ErrorCollector();
        Finite(errors, mean, "mean");
        Finite(errors, standardDeviation, "standardDeviation");
        if (double.IsFinite(standardDeviation) && standardDeviation <= 0)
        {
            errors.Add(ErrorCodes.NormalisationStandardDeviation, "standardDeviation", "The standard deviation must be positive.", standardDeviation);
        }

        return errors.Result(() => new ZScoreNormalisation(mean, standardDeviation));
    }

    /// <summary>Creates the distance to a reference unit (COINr <c>n_dist2ref</c>).</summary>
    /// <param name="unitCode">The code of the reference unit.</param>
    /// <param name="cap">Whether values above the reference are capped at 1.</param>
    /// <returns>The method, or a <c>code.invalid</c> error.</returns>
    public static OneOf<DistanceToReferenceNormalisation, ValidationErrors> DistanceToReference(string unitCode, bool cap = false)
    {
        Guard.Against.Null(unitCode);
        var errors = new ErrorCollector();
        Codes.Check(errors, unitCode, "unitCode");
        return errors.Result(() => new DistanceToReferenceNormalisation(unitCode, cap));
    }

    /// <summary>Creates the distance to the indicator's target (COINr <c>n_dist2targ</c>).</summary>
    /// <param name="cap">Whether values beyond the target are capped at 1.</param>
    /// <returns>The method.</returns>
    public static DistanceToTargetNormalisation DistanceToTarget(bool cap = false) => new(cap);

    /// <summary>Creates the mapping of a bounded scale (Likert, yes/no, levels, checklist, percentage) onto [lower, upper].</summary>
    /// <param name="lower">The value of the worst point of the scale.</param>
    /// <param name="upper">The value of the best point of the scale.</param>
    /// <returns>The method, or range errors.</returns>
    public static OneOf<ScaleMappingNormalisation, ValidationErrors> ScaleMapping(double lower = 0, double upper = 100)
    {
        var errors = new ErrorCollector();
        CheckRange(errors, lower, upper);
        return errors.Result(() => new ScaleMappingNormalisation(lower, upper));
    }

    /// <summary>
    /// Parses a specification: <c>minmax[:l,u] | zscore[:m,s] | rank | borda | prank | dist2max | fracmax |
    /// dist2ref:UNITCODE[:cap] | dist2targ[:cap] | goalposts | scale[:l,u] | none</c> (case-insensitive).
    /// </summary>
    /// <param name="spec">The text.</param>
    /// <returns>The method, or a <c>normalisation.spec</c> error (or the errors of the variant's factory).</returns>
    public static OneOf<NormalisationMethod, ValidationErrors> Parse(string spec)
    {
        Guard.Against.Null(spec);
        var (head, tail) = SpecText.Split(spec);
        switch (head)
        {
            case "MINMAX" when tail is null:
                return MinMaxDefault;
            case "MINMAX" when SpecText.TryPair(tail, out var l, out var u):
                return Widen(MinMax(l, u));
            case "ZSCORE" when tail is null:
                return new ZScoreNormalisation(0, 1);
            case "ZSCORE" when SpecText.TryPair(tail, out var m, out var s):
                return Widen(ZScore(m, s));
            case "RANK" when tail is null:
                return Rank;
            case "BORDA" when tail is null:
                return Borda;
            case "PRANK" when tail is null:
                return PercentileRank;
            case "DIST2MAX" when tail is null:
                return DistanceToMax;
            case "FRACMAX" when tail is null:
                return FractionOfMax;
            case "GOALPOSTS" when tail is null:
                return Goalposts;
            case "NONE" when tail is null:
                return None;
            case "DIST2TARG" when tail is null:
                return DistanceToTarget();
            case "DIST2TARG" when SpecText.TryFlag(tail, out var capTarget):
                return DistanceToTarget(capTarget);
            case "DIST2REF" when tail is not null:
                {
                    var parts = tail.Split(':');
                    if (parts.Length == 1)
                    {
                        return Widen(DistanceToReference(parts[0].Trim()));
                    }

                    if (parts.Length == 2 && SpecText.TryFlag(parts[1], out var capRef))
                    {
                        return Widen(DistanceToReference(parts[0].Trim(), capRef));
                    }

                    break;
                }

            case "SCALE" when tail is null:
                return new ScaleMappingNormalisation(0, 100);
            case "SCALE" when SpecText.TryPair(tail, out var sl, out var su):
                return Widen(ScaleMapping(sl, su));
        }

        return ValidationErrors.Single(
            ErrorCodes.NormalisationSpec,
            string.Empty,
            "Unknown normalisation; expected minmax[:l,u], zscore[:m,s], rank, borda, prank, dist2max, fracmax, dist2ref:UNIT[:cap], dist2targ[:cap], goalposts, scale[:l,u] or none.",
            spec);
    }

    /// <summary>Returns the specification text.</summary>
    /// <returns>The same as <see cref="Spec"/>.</returns>
    public override string ToString() => Spec;

    private static OneOf<NormalisationMethod, ValidationErrors> Widen<T>(OneOf<T, ValidationErrors> result)
        where T : NormalisationMethod => result.Match<OneOf<NormalisationMethod, ValidationErrors>>(v => v, e => e);

    private static void Finite(ErrorCollector errors, double value, string path)
    {
        if (!double.IsFinite(value))
        {
            errors.Add(ErrorCodes.NumberNotFinite, path, "The number must be finite.", value);
        }
    }

    private static void CheckRange(ErrorCollector errors, double lower, double upper)
    {
        Finite(errors, lower, "lower");
        Finite(errors, upper, "upper");
        if (double.IsFinite(lower) && double.IsFinite(upper) && lower >= upper)
        {
            errors.Add(ErrorCodes.NormalisationRange, "upper", "The upper end must be greater than the lower end.", upper);
        }
    }
}

/// <summary>Min-max scaling: <c>(y − min)/(max − min)·(upper − lower) + lower</c> (COINr <c>n_minmax</c>).</summary>
public sealed record MinMaxNormalisation : NormalisationMethod
{
    internal MinMaxNormalisation(double lower, double upper)
    {
        Lower = lower;
        Upper = upper;
    }

    /// <summary>Gets the value given to the worst unit.</summary>
    public double Lower { get; }

    /// <summary>Gets the value given to the best unit.</summary>
    public double Upper { get; }

    /// <inheritdoc/>
    public override string Spec => $"minmax:{SpecText.Num(Lower)},{SpecText.Num(Upper)}";

    /// <inheritdoc/>
    public override OutputBound LowerBound => Lower > 0 ? OutputBound.Positive : OutputBound.MayBeNonPositive;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>Z-score: <c>(y − mean)/sd·s + m</c>, with the sample standard deviation (n − 1) (COINr <c>n_zscore</c>).</summary>
public sealed record ZScoreNormalisation : NormalisationMethod
{
    internal ZScoreNormalisation(double mean, double standardDeviation)
    {
        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    /// <summary>Gets the mean of the output.</summary>
    public double Mean { get; }

    /// <summary>Gets the standard deviation of the output.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc/>
    public override string Spec => $"zscore:{SpecText.Num(Mean)},{SpecText.Num(StandardDeviation)}";

    /// <inheritdoc/>
    public override OutputBound LowerBound => OutputBound.MayBeNonPositive;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>Rank, ascending, ties share the lowest rank: the best unit gets n (COINr <c>n_rank</c>).</summary>
public sealed record RankNormalisation : NormalisationMethod
{
    internal RankNormalisation()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "rank";

    /// <inheritdoc/>
    public override OutputBound LowerBound => OutputBound.Positive;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>Borda score: rank − 1 (COINr <c>n_borda</c>).</summary>
public sealed record BordaNormalisation : NormalisationMethod
{
    internal BordaNormalisation()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "borda";

    /// <inheritdoc/>
    public override OutputBound LowerBound => OutputBound.MayBeNonPositive;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>Percentile rank: (rank − 1)/(n − 1), n = non-missing values (COINr <c>n_prank</c>).</summary>
public sealed record PercentileRankNormalisation : NormalisationMethod
{
    internal PercentileRankNormalisation()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "prank";

    /// <inheritdoc/>
    public override OutputBound LowerBound => OutputBound.MayBeNonPositive;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>Distance to the maximum: <c>1 − (max − y)/(max − min)</c> (COINr <c>n_dist2max</c>).</summary>
public sealed record DistanceToMaxNormalisation : NormalisationMethod
{
    internal DistanceToMaxNormalisation()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "dist2max";

    /// <inheritdoc/>
    public override OutputBound LowerBound => OutputBound.MayBeNonPositive;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>
/// Fraction of the best value: <c>x/max(x)</c> when higher is better, <c>min(x)/x</c> when lower is better.
/// </summary>
/// <remarks>COINr's <c>n_fracmax</c> gives <c>x/min(x)</c> for a lower-is-better indicator, which still rises with the raw
/// value; this library honours the direction instead (documented in <c>docs/coinr-differences.md</c>).</remarks>
public sealed record FractionOfMaxNormalisation : NormalisationMethod
{
    internal FractionOfMaxNormalisation()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "fracmax";

    /// <inheritdoc/>
    public override OutputBound LowerBound => OutputBound.DependsOnData;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>Distance to a reference unit: <c>1 − (y_ref − y)/(y_ref − min)</c>, optionally capped at 1 (COINr <c>n_dist2ref</c>).</summary>
public sealed record DistanceToReferenceNormalisation : NormalisationMethod
{
    internal DistanceToReferenceNormalisation(string unitCode, bool cap)
    {
        UnitCode = unitCode;
        Cap = cap;
    }

    /// <summary>Gets the code of the reference unit.</summary>
    public string UnitCode { get; }

    /// <summary>Gets a value indicating whether values beyond the reference are capped at 1.</summary>
    public bool Cap { get; }

    /// <inheritdoc/>
    public override string Spec => Cap ? $"dist2ref:{UnitCode}:cap" : $"dist2ref:{UnitCode}";

    /// <inheritdoc/>
    public override OutputBound LowerBound => OutputBound.MayBeNonPositive;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>Distance to the indicator's target: <c>(y − min)/(t − min)</c> with <c>t = direction·target</c>, optionally capped at 1 (COINr <c>n_dist2targ</c>).</summary>
public sealed record DistanceToTargetNormalisation : NormalisationMethod
{
    internal DistanceToTargetNormalisation(bool cap) => Cap = cap;

    /// <summary>Gets a value indicating whether values beyond the target are capped at 1.</summary>
    public bool Cap { get; }

    /// <inheritdoc/>
    public override string Spec => Cap ? "dist2targ:cap" : "dist2targ";

    /// <inheritdoc/>
    public override OutputBound LowerBound => OutputBound.MayBeNonPositive;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>
/// Goalposts from the indicator: <c>(x − lo)/(hi − lo)</c> when higher is better, <c>(hi − x)/(hi − lo)</c> when lower is better,
/// clipped to [0, 1] when the goalposts truncate, times the goalposts' scale (COINr <c>n_goalposts</c> with <c>use_iMeta</c>).
/// </summary>
public sealed record GoalpostsNormalisation : NormalisationMethod
{
    internal GoalpostsNormalisation()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "goalposts";

    /// <inheritdoc/>
    public override OutputBound LowerBound => OutputBound.MayBeNonPositive;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>
/// Maps a bounded scale linearly onto [<see cref="Lower"/>, <see cref="Upper"/>]: the scale's worst point (its minimum, or its
/// maximum when lower is better) becomes <see cref="Lower"/>, its best point <see cref="Upper"/>. Unlike min-max it does not
/// depend on the other units.
/// </summary>
public sealed record ScaleMappingNormalisation : NormalisationMethod
{
    internal ScaleMappingNormalisation(double lower, double upper)
    {
        Lower = lower;
        Upper = upper;
    }

    /// <summary>Gets the value of the scale's worst point.</summary>
    public double Lower { get; }

    /// <summary>Gets the value of the scale's best point.</summary>
    public double Upper { get; }

    /// <inheritdoc/>
    public override string Spec => $"scale:{SpecText.Num(Lower)},{SpecText.Num(Upper)}";

    /// <inheritdoc/>
    public override OutputBound LowerBound => Lower > 0 ? OutputBound.Positive : OutputBound.MayBeNonPositive;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>No normalisation: <c>y = direction·x</c>.</summary>
public sealed record NoNormalisation : NormalisationMethod
{
    internal NoNormalisation()
    {
    }

    /// <inheritdoc/>
    public override string Spec => "none";

    /// <inheritdoc/>
    public override OutputBound LowerBound => OutputBound.DependsOnData;

    /// <inheritdoc/>
    public override string ToString() => Spec;
}
