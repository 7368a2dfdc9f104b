using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Programmes;

/// <summary>What an award category ranks: one node's score, or its own formula over several nodes. A closed set of variants.</summary>
public abstract record AwardBasis
{
    private protected AwardBasis()
    {
    }

    /// <summary>Gets the nodes the basis reads.</summary>
    public abstract IEnumerable<string> Nodes { get; }

    /// <summary>Ranks on one node's score (a pillar, an enabler, the index).</summary>
    /// <param name="node">The node code.</param>
    /// <returns>The basis.</returns>
    public static NodeAwardBasis Node(string node) => new(Guard.Against.Null(node));

    /// <summary>
    /// Ranks on a weighted mean of node scores — for categories that match no pillar, such as digital-government
    /// readiness. A unit missing any part's score gets no category score (and no award in the category).
    /// </summary>
    /// <param name="parts">The nodes (indicators or groups) and their weights (positive).</param>
    /// <returns>The basis.</returns>
    public static FormulaAwardBasis Formula(params (string Node, double Weight)[] parts) => new(EquatableArray.Create(Guard.Against.Null(parts).Select(p => new AwardFormulaPart(p.Node, p.Weight))));

    /// <summary>Returns a readable description.</summary>
    /// <returns>The text.</returns>
    public abstract override string ToString();

    internal abstract double Score(ScoreResult scores, int unit);
}

/// <summary>Ranks on <see cref="NodeCode"/>'s score.</summary>
/// <param name="NodeCode">The node code.</param>
public sealed record NodeAwardBasis(string NodeCode) : AwardBasis
{
    /// <inheritdoc/>
    public override IEnumerable<string> Nodes => [NodeCode];

    /// <inheritdoc/>
    public override string ToString() => $"score of {NodeCode}";

    internal override double Score(ScoreResult scores, int unit) => scores.RawScores(NodeCode)[unit];
}

/// <summary>Ranks on the weighted mean Σ wᵢ·sᵢ / Σ wᵢ of the parts' scores.</summary>
/// <param name="Parts">The nodes and weights.</param>
public sealed record FormulaAwardBasis(EquatableArray<AwardFormulaPart> Parts) : AwardBasis
{
    /// <inheritdoc/>
    public override IEnumerable<string> Nodes => Parts.Select(p => p.Node);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"weighted mean of {string.Join(", ", Parts.Select(p => $"{p.Node}×{p.Weight}"))}");

    internal override double Score(ScoreResult scores, int unit)
    {
        double sum = 0, weight = 0;
        foreach (var (node, w) in Parts)
        {
            var s = scores.RawScores(node)[unit];
            if (double.IsNaN(s))
            {
                return double.NaN;
            }

            sum += w * s;
            weight += w;
        }

        return sum / weight;
    }
}

/// <summary>One part of an award formula: a node and its weight.</summary>
/// <param name="Node">The node code (an indicator's normalised score or a group's score).</param>
/// <param name="Weight">The weight (positive).</param>
public readonly record struct AwardFormulaPart(string Node, double Weight);

/// <summary>An award category (RKCI 2019: kota menuju cerdas, smart economy, …, digital-government readiness).</summary>
public sealed record AwardCategory
{
    private AwardCategory(string code, LocalizedText name, AwardBasis basis, Provenance? provenance)
    {
        Code = code;
        Name = name;
        Basis = basis;
        Provenance = provenance;
    }

    /// <summary>Gets the category code.</summary>
    public string Code { get; }

    /// <summary>Gets the name.</summary>
    public LocalizedText Name { get; }

    /// <summary>Gets what the category ranks.</summary>
    public AwardBasis Basis { get; }

    /// <summary>Gets where the category (and its mapping to nodes) comes from.</summary>
    public Provenance? Provenance { get; }

    /// <summary>Creates a category.</summary>
    /// <param name="code">The code.</param>
    /// <param name="name">The name.</param>
    /// <param name="basis">What it ranks.</param>
    /// <param name="provenance">Where it comes from.</param>
    /// <returns>The category, or errors (invalid code; a formula without parts or with a weight that is not positive and finite).</returns>
    public static OneOf<AwardCategory, ValidationErrors> Create(string code, LocalizedText name, AwardBasis basis, Provenance? provenance = null)
    {
        Guard.Against.Null(name);
        Guard.Against.Null(basis);
        var errors = new ErrorCollector();
        Codes.Check(errors, code, "code");
        if (basis is FormulaAwardBasis formula)
        {
            if (formula.Parts.Count == 0)
            {
                errors.Add(ErrorCodes.ProgrammeSpec, "basis", "An award formula needs at least one part.");
            }

            for (var i = 0; i < formula.Parts.Count; i++)
            {
                var partPath = string.Create(CultureInfo.InvariantCulture, $"basis.parts[{i}]");
                if (!double.IsFinite(formula.Parts[i].Weight))
                {
                    errors.Add(ErrorCodes.WeightNotFinite, partPath, "A formula weight must be a finite number.", formula.Parts[i].Weight);
                }
                else if (!(formula.Parts[i].Weight > 0))
                {
                    errors.Add(ErrorCodes.WeightNotPositive, partPath, "A formula weight must be positive.", formula.Parts[i].Weight);
                }
            }
        }

        return errors.Result(() => new AwardCategory(code, name, basis, provenance));
    }
}

/// <summary>
/// An award tier: the units placed within the top <see cref="TopN"/> of a category receive it. Tiers are cumulative
/// (RKCI 2019, kota besar: a certificate to the seven best, and a trophy as well to the five best).
/// </summary>
/// <param name="Code">The tier code.</param>
/// <param name="Name">The name.</param>
/// <param name="TopN">The last place that receives the tier, where <see cref="Places"/> gives no other number.</param>
/// <param name="Provenance">Where <see cref="TopN"/> comes from, or <see langword="null"/>.</param>
/// <param name="Places">Numbers of places for particular categories or size classes, each with its confidence; the most specific match wins (category and class, then class, then category).</param>
public sealed record AwardTier(string Code, LocalizedText Name, int TopN, Provenance? Provenance = null, EquatableArray<TierPlaces> Places = default)
{
    /// <summary>Returns the number of places of the tier in a category and size class.</summary>
    /// <param name="category">The category code.</param>
    /// <param name="sizeClass">The size class, or <see langword="null"/>.</param>
    /// <returns>The last place that receives the tier.</returns>
    public int PlacesFor(string category, string? sizeClass) => Match(category, sizeClass)?.TopN ?? TopN;

    /// <summary>Returns whether the number of places in a category and size class is verified, secondary or illustrative.</summary>
    /// <param name="category">The category code.</param>
    /// <param name="sizeClass">The size class, or <see langword="null"/>.</param>
    /// <returns>The confidence (illustrative when nothing says otherwise).</returns>
    public Confidence ConfidenceFor(string category, string? sizeClass) => Match(category, sizeClass)?.Confidence ?? Provenance?.Confidence ?? Confidence.Illustrative;

    private TierPlaces? Match(string category, string? sizeClass)
    {
        if (Places.Count == 0)
        {
            return null;
        }

        return Places.Where(p => p.Category == category && p.SizeClass == sizeClass && sizeClass is not null).Select(p => (TierPlaces?)p).FirstOrDefault()
            ?? Places.Where(p => p.Category is null && p.SizeClass == sizeClass && sizeClass is not null).Select(p => (TierPlaces?)p).FirstOrDefault()
            ?? Places.Where(p => p.Category == category && p.SizeClass is null).Select(p => (TierPlaces?)p).FirstOrDefault();
    }
}

/// <summary>The number of places of a tier in one category and/or size class (<see langword="null"/> for any), and where it comes from.</summary>
/// <param name="Category">The category code, or <see langword="null"/> for every category.</param>
/// <param name="SizeClass">The size class, or <see langword="null"/> for every class.</param>
/// <param name="TopN">The last place that receives the tier (at least 1).</param>
/// <param name="Confidence">Verified, secondary or illustrative.</param>
/// <param name="Source">The source, or why it is illustrative.</param>
public readonly record struct TierPlaces(string? Category, string? SizeClass, int TopN, Confidence Confidence, string? Source = null);

/// <summary>A tier that could not give all its places in a category and class: fewer units competed than the tier has places.</summary>
/// <param name="Category">The category code.</param>
/// <param name="SizeClass">The size class, or <see langword="null"/> when ranked overall.</param>
/// <param name="Tier">The tier code.</param>
/// <param name="Places">The places the tier has.</param>
/// <param name="Competitors">The units with a category score that competed.</param>
public readonly record struct AwardVacancy(string Category, string? SizeClass, string Tier, int Places, int Competitors);

/// <summary>
/// Award categories ranked per size class (or overall), with tiers and a tie rule.
/// </summary>
/// <remarks>
/// <para><b>Tie rule.</b> In each category and class, units are ordered by the category score, higher first; units
/// without a score are not placed. Equal scores are ordered by the <see cref="TieBreakNode"/>'s score (higher first)
/// when one is set. Units still equal share a place — the best of the places they occupy ("1, 2, 2, 4") — so every unit
/// tied at a tier's boundary receives the tier, and a tier may go to more than <see cref="AwardTier.TopN"/> units.</para>
/// <para>Tiers are cumulative: a unit receives every tier whose number of places in the category and class
/// (<see cref="AwardTier.PlacesFor"/>) is at least its place — one <see cref="Award"/> per tier, best tier first. A class
/// with fewer competitors than a tier's places leaves places empty (<see cref="Vacancies"/>).</para>
/// </remarks>
public sealed record AwardScheme
{
    private AwardScheme(EquatableArray<AwardCategory> categories, EquatableArray<AwardTier> tiers, bool perSizeClass, string? tieBreakNode)
    {
        Categories = categories;
        Tiers = tiers;
        PerSizeClass = perSizeClass;
        TieBreakNode = tieBreakNode;
    }

    /// <summary>Gets the categories.</summary>
    public EquatableArray<AwardCategory> Categories { get; }

    /// <summary>Gets the tiers, best first.</summary>
    public EquatableArray<AwardTier> Tiers { get; }

    /// <summary>Gets a value indicating whether each category is ranked within each size class.</summary>
    public bool PerSizeClass { get; }

    /// <summary>Gets the node whose score breaks ties on a category score, or <see langword="null"/> (ties share the place).</summary>
    public string? TieBreakNode { get; }

    /// <summary>Gets the nodes the scheme reads.</summary>
    public IEnumerable<string> Nodes => Categories.SelectMany(c => c.Basis.Nodes).Concat(TieBreakNode is null ? [] : [TieBreakNode]).Distinct(StringComparer.Ordinal);

    /// <summary>Creates a scheme.</summary>
    /// <param name="categories">The categories; codes unique.</param>
    /// <param name="tiers">The tiers, best first, with increasing <see cref="AwardTier.TopN"/>.</param>
    /// <param name="perSizeClass">Whether to rank within size classes.</param>
    /// <param name="tieBreakNode">The node breaking ties, or <see langword="null"/>.</param>
    /// <returns>The scheme, or errors.</returns>
    public static OneOf<AwardScheme, ValidationErrors> Create(IEnumerable<AwardCategory> categories, IEnumerable<AwardTier> tiers, bool perSizeClass, string? tieBreakNode = null)
    {
        var cats = EquatableArray.Create(categories);
        var list = EquatableArray.Create(tiers);
        var errors = new ErrorCollector();
        if (cats.Count == 0)
        {
            errors.Add(ErrorCodes.ProgrammeSpec, "categories", "An award scheme needs at least one category.");
        }

        foreach (var dup in cats.GroupBy(c => c.Code).Where(g => g.Count() > 1))
        {
            errors.Add(ErrorCodes.AwardDuplicateCategory, "categories", $"Two categories share the code '{dup.Key}'.", dup.Key);
        }

        if (list.Count == 0)
        {
            errors.Add(ErrorCodes.ProgrammeSpec, "tiers", "An award scheme needs at least one tier.");
        }

        for (var i = 0; i < list.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"tiers[{i}]");
            Codes.Check(errors, list[i].Code, path + ".code");
            if (list[i].TopN <= 0 || (i > 0 && list[i].TopN <= list[i - 1].TopN))
            {
                errors.Add(ErrorCodes.ProgrammeSpec, path, "Tiers go best first: each tier's TopN must be positive and larger than the previous tier's.", list[i].TopN);
            }

            if (list[i].Places.Any(p => p.TopN <= 0))
            {
                errors.Add(ErrorCodes.ProgrammeSpec, path + ".places", "Every tier's number of places must be at least 1.");
            }
        }

        return errors.Result(() => new AwardScheme(cats, list, perSizeClass, tieBreakNode));
    }

    /// <summary>Grants the awards on a stage's scores.</summary>
    /// <param name="scores">The scores of the units competing.</param>
    /// <param name="sizeClasses">One size-class code per unit (row order), or <see langword="null"/> when not per class; units with no class are not placed.</param>
    /// <param name="eligible">Whether each unit (row order) may receive awards, or <see langword="null"/> for all.</param>
    /// <returns>The awards, by category, class, place and unit code.</returns>
    public ImmutableArray<Award> Grant(ScoreResult scores, IReadOnlyList<string?>? sizeClasses, IReadOnlyList<bool>? eligible = null)
    {
        Guard.Against.Null(scores);
        var data = scores.Data;
        if (PerSizeClass && sizeClasses is null)
        {
            throw new ArgumentException("The scheme ranks per size class; give each unit's class.", nameof(sizeClasses));
        }

        var awards = ImmutableArray.CreateBuilder<Award>();
        var tieBreak = TieBreakNode is null ? null : scores.RawScores(TieBreakNode).ToArray();
        foreach (var category in Categories)
        {
            var entries = Enumerable.Range(0, data.UnitCount)
                .Where(u => eligible is null || eligible[u])
                .Select(u => (Unit: u, Class: PerSizeClass ? sizeClasses![u] : null, Score: category.Basis.Score(scores, u), Tie: tieBreak is null ? 0 : tieBreak[u]))
                .Where(e => !double.IsNaN(e.Score) && (!PerSizeClass || e.Class is not null))
                .ToList();
            foreach (var group in entries.GroupBy(e => e.Class).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var members = group.ToList();
                var placed = members
                    .Select(e => (Entry: e, Place: 1 + members.Count(o => o.Score > e.Score || (o.Score == e.Score && Better(o.Tie, e.Tie)))))
                    .OrderBy(p => p.Place)
                    .ThenBy(p => data.Units[p.Entry.Unit], StringComparer.Ordinal);
                foreach (var (e, place) in placed.ToList())
                {
                    foreach (var tier in Tiers.Where(t => place <= t.PlacesFor(category.Code, group.Key)))
                    {
                        awards.Add(new Award(category.Code, group.Key, data.Units[e.Unit], tier.Code, place, e.Score));
                    }
                }
            }
        }

        return awards.ToImmutable();
    }

    /// <summary>Returns the places left empty: per category, class and tier, where fewer units competed than the tier has places.</summary>
    /// <param name="scores">The scores of the units competing.</param>
    /// <param name="sizeClasses">One size-class code per unit, or <see langword="null"/> when not per class.</param>
    /// <param name="eligible">Whether each unit may receive awards, or <see langword="null"/> for all.</param>
    /// <param name="classes">The classes to report (a class with no competitor at all has every place empty), or <see langword="null"/> for the classes present.</param>
    /// <returns>The vacancies, by category, class and tier.</returns>
    public ImmutableArray<AwardVacancy> Vacancies(ScoreResult scores, IReadOnlyList<string?>? sizeClasses, IReadOnlyList<bool>? eligible = null, IEnumerable<string>? classes = null)
    {
        Guard.Against.Null(scores);
        var data = scores.Data;
        IReadOnlyList<string?> keys = PerSizeClass
            ? [.. (classes ?? (sizeClasses ?? throw new ArgumentException("The scheme ranks per size class; give each unit's class.", nameof(sizeClasses))).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)).Select(c => (string?)c)]
            : [null];
        var vacancies = ImmutableArray.CreateBuilder<AwardVacancy>();
        foreach (var category in Categories)
        {
            foreach (var key in keys)
            {
                var competitors = Enumerable.Range(0, data.UnitCount).Count(u =>
                    (eligible is null || eligible[u]) && (!PerSizeClass || sizeClasses![u] == key) && !double.IsNaN(category.Basis.Score(scores, u)));
                foreach (var tier in Tiers)
                {
                    var places = tier.PlacesFor(category.Code, key);
                    if (competitors < places)
                    {
                        vacancies.Add(new AwardVacancy(category.Code, key, tier.Code, places, competitors));
                    }
                }
            }
        }

        return vacancies.ToImmutable();
    }

    private static bool Better(double other, double self) => !double.IsNaN(other) && (double.IsNaN(self) || other > self);
}

/// <summary>An award given: category, size class, unit, tier, place and the category score. Tiers are cumulative, so a unit holding a trophy also has a certificate record.</summary>
/// <param name="Category">The category code.</param>
/// <param name="SizeClass">The size class, or <see langword="null"/> when ranked overall.</param>
/// <param name="Unit">The unit code.</param>
/// <param name="Tier">The tier code.</param>
/// <param name="Place">The place within the category and class (1 is best; tied units share the best place).</param>
/// <param name="Score">The category score.</param>
public readonly record struct Award(string Category, string? SizeClass, string Unit, string Tier, int Place, double Score);
