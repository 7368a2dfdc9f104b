using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Frameworks;

/// <summary>
/// A rating framework: an edition of a composite index such as RKCI 2019, with a tree of groups and indicators of any depth,
/// default methods, and optional size classes and maturity levels. Immutable and validated: every instance was checked by
/// <see cref="Create"/> or by the JSON reader.
/// </summary>
/// <remarks>
/// <para>Equality is by value over every defining property and the whole tree.</para>
/// <para>Levels follow COINr: indicators are level 1 and a group is one above its highest child.</para>
/// </remarks>
public sealed class RatingFramework : IEquatable<RatingFramework>
{
    private readonly FrozenDictionary<string, FrameworkNode> _byCode;
    private readonly FrozenDictionary<string, GroupNode> _parents;
    private readonly FrozenDictionary<string, int> _levels;

    private RatingFramework(
        string code,
        LocalizedText name,
        string edition,
        GroupNode root,
        ScoringMethods methods,
        string? description,
        string? source,
        EquatableArray<DenominatorVariable> denominators,
        ClassificationScheme? sizeClasses,
        ClassificationScheme? maturityLevels)
    {
        Code = code;
        Name = name;
        Edition = edition;
        Root = root;
        Methods = methods;
        Description = description;
        Source = source;
        Denominators = denominators;
        SizeClasses = sizeClasses;
        MaturityLevels = maturityLevels;

        var byCode = new Dictionary<string, FrameworkNode>(StringComparer.Ordinal);
        var parents = new Dictionary<string, GroupNode>(StringComparer.Ordinal);
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        var indicators = ImmutableArray.CreateBuilder<Indicator>();
        var groups = ImmutableArray.CreateBuilder<GroupNode>();
        Walk(root, null);
        _byCode = byCode.ToFrozenDictionary(StringComparer.Ordinal);
        _parents = parents.ToFrozenDictionary(StringComparer.Ordinal);
        _levels = levels.ToFrozenDictionary(StringComparer.Ordinal);
        Indicators = indicators.ToImmutable();
        Groups = groups.ToImmutable();

        int Walk(FrameworkNode node, GroupNode? parent)
        {
            byCode.TryAdd(node.Code, node);
            if (parent is not null)
            {
                parents.TryAdd(node.Code, parent);
            }

            var level = 1;
            if (node is GroupNode g)
            {
                groups.Add(g);
                foreach (var child in g.Children)
                {
                    level = Math.Max(level, Walk(child, g) + 1);
                }
            }
            else
            {
                indicators.Add((Indicator)node);
            }

            levels.TryAdd(node.Code, level);
            return level;
        }
    }

    /// <summary>Gets the framework's code, such as <c>rkci</c>.</summary>
    public string Code { get; }

    /// <summary>Gets the framework's name.</summary>
    public LocalizedText Name { get; }

    /// <summary>Gets the edition, such as <c>2019</c>.</summary>
    public string Edition { get; }

    /// <summary>Gets the root group (the index).</summary>
    public GroupNode Root { get; }

    /// <summary>Gets the default methods.</summary>
    public ScoringMethods Methods { get; }

    /// <summary>Gets a description, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <summary>Gets the source of the definition, or <see langword="null"/>.</summary>
    public string? Source { get; }

    /// <summary>Gets the denominator variables indicators may be divided by.</summary>
    public EquatableArray<DenominatorVariable> Denominators { get; }

    /// <summary>Gets the size-class scheme for rankings within class, or <see langword="null"/>.</summary>
    public ClassificationScheme? SizeClasses { get; }

    /// <summary>Gets the maturity levels (score bands), or <see langword="null"/>.</summary>
    public ClassificationScheme? MaturityLevels { get; }

    /// <summary>Gets the indicators, depth first in declared order.</summary>
    public ImmutableArray<Indicator> Indicators { get; }

    /// <summary>Gets the groups, the root first, depth first in declared order.</summary>
    public ImmutableArray<GroupNode> Groups { get; }

    /// <summary>Gets the number of levels: 1 + the root's level above the indicators.</summary>
    public int LevelCount => _levels[Root.Code];

    /// <summary>Creates a framework, checking the whole tree.</summary>
    /// <param name="code">The framework code.</param>
    /// <param name="name">The name.</param>
    /// <param name="edition">The edition, such as a year.</param>
    /// <param name="root">The root group.</param>
    /// <param name="methods">The default methods; COINr's defaults when <see langword="null"/>.</param>
    /// <param name="description">A description.</param>
    /// <param name="source">The source.</param>
    /// <param name="denominators">Denominator variables.</param>
    /// <param name="sizeClasses">A size-class scheme.</param>
    /// <param name="maturityLevels">Maturity levels.</param>
    /// <returns>The framework, or every error found (codes in <see cref="ErrorCodes"/>), with paths from the framework.</returns>
    public static OneOf<RatingFramework, ValidationErrors> Create(
        string code,
        LocalizedText name,
        string edition,
        GroupNode root,
        ScoringMethods? methods = null,
        string? description = null,
        string? source = null,
        IEnumerable<DenominatorVariable>? denominators = null,
        ClassificationScheme? sizeClasses = null,
        ClassificationScheme? maturityLevels = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(root);
        var errors = new ErrorCollector();
        var framework = CreateUnchecked(code, name, edition, root, methods ?? ScoringMethods.Default, description, source, EquatableArray.Create(denominators), sizeClasses, maturityLevels);
        FrameworkValidator.ValidateFramework(errors, framework);
        return errors.Result(() => framework);
    }

    internal static RatingFramework CreateUnchecked(
        string code,
        LocalizedText name,
        string edition,
        GroupNode root,
        ScoringMethods methods,
        string? description,
        string? source,
        EquatableArray<DenominatorVariable> denominators,
        ClassificationScheme? sizeClasses,
        ClassificationScheme? maturityLevels) =>
        new(code, name, edition, root, methods, description, source, denominators, sizeClasses, maturityLevels);

    /// <summary>Returns a copy with other default methods, validated again.</summary>
    /// <param name="methods">The new defaults.</param>
    /// <returns>The framework, or errors (for example a geometric mean that now meets values ≤ 0).</returns>
    public OneOf<RatingFramework, ValidationErrors> WithMethods(ScoringMethods methods) =>
        Create(Code, Name, Edition, Root, methods, Description, Source, Denominators, SizeClasses, MaturityLevels);

    /// <summary>Returns a copy with another tree, validated again.</summary>
    /// <param name="root">The new root.</param>
    /// <returns>The framework, or errors.</returns>
    public OneOf<RatingFramework, ValidationErrors> WithRoot(GroupNode root) =>
        Create(Code, Name, Edition, root, Methods, Description, Source, Denominators, SizeClasses, MaturityLevels);

    /// <summary>Finds a node by code.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The node, or <see langword="null"/>.</returns>
    public FrameworkNode? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Returns the parent of a node.</summary>
    /// <param name="code">The node's code.</param>
    /// <returns>The parent, or <see langword="null"/> for the root or an unknown code.</returns>
    public GroupNode? ParentOf(string code) => _parents.GetValueOrDefault(code);

    /// <summary>Returns a node's level: 1 for indicators, one above the highest child for groups.</summary>
    /// <param name="code">The node's code.</param>
    /// <returns>The level.</returns>
    /// <exception cref="KeyNotFoundException">No node has that code.</exception>
    public int LevelOf(string code) => _levels[code];

    /// <summary>Returns the normalisation that applies to an indicator.</summary>
    /// <param name="indicator">The indicator.</param>
    /// <returns>Its override or the framework default.</returns>
    public NormalisationMethod NormalisationOf(Indicator indicator) => indicator?.Normalisation ?? Methods.Normalisation;

    /// <summary>Returns the imputation that applies to an indicator.</summary>
    /// <param name="indicator">The indicator.</param>
    /// <returns>Its override or the framework default.</returns>
    public ImputationMethod ImputationOf(Indicator indicator) => indicator?.Imputation ?? Methods.Imputation;

    /// <summary>Returns the outlier treatment that applies to an indicator.</summary>
    /// <param name="indicator">The indicator.</param>
    /// <returns>Its override or the framework default.</returns>
    public OutlierTreatment TreatmentOf(Indicator indicator) => indicator?.Treatment ?? Methods.Treatment;

    /// <summary>Returns the aggregation that applies to a group.</summary>
    /// <param name="group">The group.</param>
    /// <returns>Its override or the framework default.</returns>
    public AggregationMethod AggregationOf(GroupNode group) => group?.Aggregation ?? Methods.Aggregation;

    /// <summary>Returns the missing-data rule that applies to a group.</summary>
    /// <param name="group">The group.</param>
    /// <returns>Its override or the framework default.</returns>
    public MissingDataRule MissingDataOf(GroupNode group) => group?.MissingData ?? Methods.MissingData;

    /// <summary>Computes every node's effective weight (the root's is 1; the indicators' sum to 1).</summary>
    /// <returns>The weights, in the order root, then depth first.</returns>
    public ImmutableArray<EffectiveWeight> GetEffectiveWeights()
    {
        var result = ImmutableArray.CreateBuilder<EffectiveWeight>();
        Visit(Root, 1.0);
        return result.ToImmutable();

        void Visit(FrameworkNode node, double weight)
        {
            result.Add(new EffectiveWeight(node.Code, weight));
            if (node is GroupNode g)
            {
                var sum = 0.0;
                foreach (var c in g.Children)
                {
                    sum += c.Weight;
                }

                foreach (var c in g.Children)
                {
                    Visit(c, weight * (c.Weight / sum));
                }
            }
        }
    }

    /// <summary>Returns the warnings of this framework: settings that have no effect.</summary>
    /// <returns>The warnings; empty when there are none.</returns>
    public ImmutableArray<ValidationError> GetWarnings()
    {
        var errors = new ErrorCollector();
        FrameworkValidator.ValidateFramework(errors, this);
        return [.. errors.Items.Where(e => !e.IsError)];
    }

    /// <inheritdoc/>
    public bool Equals(RatingFramework? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Code == other.Code
                && Name.Equals(other.Name)
                && Edition == other.Edition
                && Description == other.Description
                && Source == other.Source
                && Methods.Equals(other.Methods)
                && Denominators.Equals(other.Denominators)
                && Equals(SizeClasses, other.SizeClasses)
                && Equals(MaturityLevels, other.MaturityLevels)
                && Root.Equals(other.Root)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RatingFramework);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Code, Name, Edition, Methods, Denominators, SizeClasses, MaturityLevels, Root);

    /// <summary>Returns a description such as <c>RatingFramework(rkci 2019, groups=7, indicators=24, levels=3)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"RatingFramework({Code} {Edition}, groups={Groups.Length}, indicators={Indicators.Length}, levels={LevelCount})");

    /// <summary>Compares two frameworks by value.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(RatingFramework? left, RatingFramework? right) => Equals(left, right);

    /// <summary>Compares two frameworks by value.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(RatingFramework? left, RatingFramework? right) => !Equals(left, right);
}
