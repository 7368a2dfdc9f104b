using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Analysis;

/// <summary>A noise factor for the weights of every node at one level: each weight becomes <c>w·(1 + U(−f, f))</c>.</summary>
/// <param name="Level">The level (1 = indicators, as in iMeta).</param>
/// <param name="Factor">f, in [0, 1).</param>
public readonly record struct WeightNoise(int Level, double Factor);

/// <summary>
/// Dirichlet weights for the children of every group at one level: the siblings' weights are drawn from
/// Dirichlet(α·w̃), w̃ their nominal weights normalised to sum 1, and scaled back to the nominal sum. Larger α: less spread.
/// </summary>
/// <param name="Level">The level of the weighted nodes (1 = indicators).</param>
/// <param name="Concentration">α, positive.</param>
public readonly record struct DirichletWeights(int Level, double Concentration);

/// <summary>
/// What varies in an uncertainty analysis: noisy weights at chosen levels (as COINr's <c>get_noisy_weights</c>) and a
/// choice among alternative aggregation methods applied to every group.
/// </summary>
public sealed record UncertaintySpec
{
    private UncertaintySpec(EquatableArray<WeightNoise> noise, EquatableArray<AggregationMethod> aggregations)
    {
        Noise = noise;
        AggregationAlternatives = aggregations;
    }

    /// <summary>Gets the Dirichlet weight levels (drawn instead of uniform noise at those levels).</summary>
    public EquatableArray<DirichletWeights> Dirichlet { get; private init; }

    /// <summary>Gets the normalisation alternatives (each replaces the framework default and per-indicator overrides); empty for none.</summary>
    public EquatableArray<NormalisationMethod> NormalisationAlternatives { get; private init; }

    /// <summary>Gets the imputation alternatives; empty for none.</summary>
    public EquatableArray<ImputationMethod> ImputationAlternatives { get; private init; }

    /// <summary>Gets the indicators that each replicate excludes with probability ½ (an excluded indicator gets weight 0).</summary>
    public EquatableArray<string> ExcludableIndicators { get; private init; }

    /// <summary>Returns a copy with more uncertain inputs.</summary>
    /// <param name="dirichlet">Dirichlet weight levels (a level may not also have uniform noise).</param>
    /// <param name="normalisations">Normalisation alternatives.</param>
    /// <param name="imputations">Imputation alternatives.</param>
    /// <param name="excludable">Indicators that may be excluded.</param>
    /// <returns>The specification, or <c>analysis.spec</c> errors.</returns>
    public OneOf<UncertaintySpec, ValidationErrors> With(
        IEnumerable<DirichletWeights>? dirichlet = null,
        IEnumerable<NormalisationMethod>? normalisations = null,
        IEnumerable<ImputationMethod>? imputations = null,
        IEnumerable<string>? excludable = null)
    {
        var d = dirichlet?.ToImmutableArray() ?? [];
        var errors = new ErrorCollector();
        foreach (var x in d)
        {
            if (x.Level < 1 || !double.IsFinite(x.Concentration) || x.Concentration <= 0)
            {
                errors.Add(ErrorCodes.AnalysisSpec, "dirichlet", "A Dirichlet level is ≥ 1 with a positive finite concentration.", x.Level);
            }

            if (Noise.Any(n => n.Level == x.Level))
            {
                errors.Add(ErrorCodes.AnalysisSpec, "dirichlet", $"Level {x.Level} already has uniform weight noise.", x.Level);
            }
        }

        return errors.Result(() => new UncertaintySpec(Noise, AggregationAlternatives)
        {
            Dirichlet = [.. d],
            NormalisationAlternatives = [.. normalisations ?? []],
            ImputationAlternatives = [.. imputations ?? []],
            ExcludableIndicators = [.. excludable ?? []],
        });
    }

    /// <summary>Gets the weight noise per level.</summary>
    public EquatableArray<WeightNoise> Noise { get; }

    /// <summary>Gets the aggregation alternatives; empty means the framework's own methods in every replicate.</summary>
    public EquatableArray<AggregationMethod> AggregationAlternatives { get; }

    /// <summary>Creates a specification.</summary>
    /// <param name="noise">Weight noise per level; each level at most once, factors in [0, 1).</param>
    /// <param name="aggregationAlternatives">Alternative aggregation methods, each chosen with equal probability.</param>
    /// <returns>The specification, or <c>analysis.spec</c> errors.</returns>
    public static OneOf<UncertaintySpec, ValidationErrors> Create(IEnumerable<WeightNoise> noise, IEnumerable<AggregationMethod>? aggregationAlternatives = null)
    {
        Guard.Against.Null(noise);
        var list = noise.ToImmutableArray();
        var errors = new ErrorCollector();
        foreach (var n in list)
        {
            if (n.Level < 1)
            {
                errors.Add(ErrorCodes.AnalysisSpec, "noise", "A level is 1 (indicators) or more.", n.Level);
            }

            if (!double.IsFinite(n.Factor) || n.Factor < 0 || n.Factor >= 1)
            {
                errors.Add(ErrorCodes.AnalysisSpec, "noise", "A noise factor must be in [0, 1).", n.Factor);
            }
        }

        foreach (var dup in list.GroupBy(n => n.Level).Where(g => g.Count() > 1))
        {
            errors.Add(ErrorCodes.AnalysisSpec, "noise", $"Level {dup.Key} is given more than once.", dup.Key);
        }

        return errors.Result(() => new UncertaintySpec([.. list.OrderBy(n => n.Level)], [.. aggregationAlternatives ?? []]));
    }

    /// <summary>Returns the nodes whose weight varies: every node (but the root) at a noisy level.</summary>
    internal ImmutableArray<string> VaryingNodes(RatingFramework framework)
    {
        var levels = Noise.ToDictionary(n => n.Level, n => n.Factor);
        return [.. framework.Groups.SelectMany(g => g.Children).Where(c => levels.ContainsKey(framework.LevelOf(c.Code))).Select(c => c.Code)];
    }

    /// <summary>Returns a description such as <c>noise 2=0.25,3=0.25; aggregate amean|gmean</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        "noise " + string.Join(',', Noise.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Level}={n.Factor}")))
        + (AggregationAlternatives.Count == 0 ? string.Empty : "; aggregate " + string.Join('|', AggregationAlternatives.Select(a => a.Spec)));
}

/// <summary>A node's weight in one replicate.</summary>
/// <param name="Node">The node code.</param>
/// <param name="Weight">The weight.</param>
public readonly record struct NodeWeight(string Node, double Weight);

/// <summary>The parameters of one replicate: the aggregation used and the weight of every varying node. Replaying them reproduces the replicate exactly.</summary>
public sealed record ReplicateParameters
{
    /// <summary>Initializes a new instance of the <see cref="ReplicateParameters"/> class.</summary>
    /// <param name="index">The replicate's number, from 1.</param>
    /// <param name="aggregation">The aggregation applied to every group, or <see langword="null"/> for the framework's own methods.</param>
    /// <param name="weights">The weights of the varying nodes; nodes not listed keep their weight.</param>
    public ReplicateParameters(int index, AggregationMethod? aggregation, IEnumerable<NodeWeight> weights)
    {
        Index = index;
        Aggregation = aggregation;
        Weights = EquatableArray.Create(weights);
    }

    /// <summary>Initializes a new instance of the <see cref="ReplicateParameters"/> class with method alternatives.</summary>
    /// <param name="index">The replicate's number, from 1.</param>
    /// <param name="aggregation">The aggregation, or <see langword="null"/>.</param>
    /// <param name="normalisation">The normalisation applied to every indicator, or <see langword="null"/> for the framework's.</param>
    /// <param name="imputation">The imputation applied to every indicator, or <see langword="null"/> for the framework's.</param>
    /// <param name="weights">The weights of the varying nodes.</param>
    public ReplicateParameters(int index, AggregationMethod? aggregation, NormalisationMethod? normalisation, ImputationMethod? imputation, IEnumerable<NodeWeight> weights)
        : this(index, aggregation, weights)
    {
        Normalisation = normalisation;
        Imputation = imputation;
    }

    /// <summary>Gets the normalisation applied to every indicator, or <see langword="null"/> for the framework's.</summary>
    public NormalisationMethod? Normalisation { get; }

    /// <summary>Gets the imputation applied to every indicator, or <see langword="null"/> for the framework's.</summary>
    public ImputationMethod? Imputation { get; }

    internal string MethodKey => field ??= $"{Aggregation?.Spec}|{Normalisation?.Spec}|{Imputation?.Spec}";

    /// <summary>Gets the replicate's number, from 1.</summary>
    public int Index { get; }

    /// <summary>Gets the aggregation applied to every group, or <see langword="null"/> for the framework's own.</summary>
    public AggregationMethod? Aggregation { get; }

    /// <summary>Gets the weights of the varying nodes.</summary>
    public EquatableArray<NodeWeight> Weights { get; }

    /// <inheritdoc/>
    /// <remarks>Compares the parameters only (not the cached method key), so a replicate read back from JSON equals the original.</remarks>
    public bool Equals(ReplicateParameters? other) =>
        other is not null && Index == other.Index && Equals(Aggregation, other.Aggregation) && Equals(Normalisation, other.Normalisation)
        && Equals(Imputation, other.Imputation) && Weights.Equals(other.Weights);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Index, Aggregation, Normalisation, Imputation, Weights);

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Replicate({Index}, {Aggregation?.Spec ?? "framework"}, weights={Weights.Count})");
}
