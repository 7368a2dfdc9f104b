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
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.RatingFrameworkJsonConverter))]
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
        Guard.Against.Null(name);
        Guard.Against.Null(root);
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

    /// <summary>Returns a copy with another tree and other defaults, validated again; every other property is kept.</summary>
    internal OneOf<RatingFramework, ValidationErrors> With(GroupNode root, ScoringMethods methods) =>
        Create(Code, Name, Edition, root, methods, Description, Source, Denominators, SizeClasses, MaturityLevels);

    /// <summary>Returns a copy with other default methods, validated again.</summary>
    /// <param name="methods">The new defaults.</param>
    /// <returns>The framework, or errors (for example a geometric mean that now meets values ≤ 0).</returns>
    public OneOf<RatingFramework, ValidationErrors> WithMethods(ScoringMethods methods)
    {
        Guard.Against.Null(methods);
        return With(Root, methods);
    }

    /// <summary>Returns a copy with another tree, validated again.</summary>
    /// <param name="root">The new root.</param>
    /// <returns>The framework, or errors.</returns>
    public OneOf<RatingFramework, ValidationErrors> WithRoot(GroupNode root) => With(root, Methods);

    /// <summary>
    /// Returns a copy with the edits applied in order, validated again. Every property the edits do not name is kept
    /// (node names, descriptions, tags, provenance, tiers, units, goalposts, targets, denominators, the root's metadata,
    /// size classes, maturity levels). See <see cref="FrameworkEdit"/> and <c>docs/editing.md</c>.
    /// </summary>
    /// <example>
    /// <code>
    /// using static SmartCity.Domain.Frameworks.FrameworkEdit;
    /// var edited = framework.Edit(SetWeight("GOV", 2), SetDirection("inflation", Direction.LowerIsBetter), Move("x", "ECO"));
    /// </code>
    /// </example>
    /// <param name="edits">The edits; each sees the framework as changed by the ones before it.</param>
    /// <returns>
    /// The edited framework (this instance when there are no edits), or every error: the edit's own problems with the path
    /// <c>edits[i]</c> (<c>edit.node-unknown</c>, <c>edit.node-kind</c>, <c>edit.root</c>, <c>edit.move-into-subtree</c>,
    /// <c>edit.position</c>, <c>node.duplicate-code</c>, <c>code.invalid</c>, <c>weight.negative</c>, <c>weight.not-finite</c>),
    /// then the validation of the edited framework, with paths from the framework.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="edits"/>, an edit or one of its codes is null.</exception>
    public OneOf<RatingFramework, ValidationErrors> Edit(params IEnumerable<FrameworkEdit> edits)
    {
        Guard.Against.Null(edits);
        return FrameworkEditor.Apply(this, edits.Select((e, i) => (i, e)));
    }

    /// <summary>Returns a copy with one node's weight changed, validated again; shorthand for <c>Edit(FrameworkEdit.SetWeight(node, weight))</c>.</summary>
    /// <param name="node">The node code (not the root's).</param>
    /// <param name="weight">The new weight, relative to the siblings: finite and ≥ 0.</param>
    /// <returns>The framework, or errors (<c>edit.node-unknown</c>, <c>edit.root</c>, <c>weight.negative</c>, <c>weight.not-finite</c>, <c>group.weights.all-zero</c>).</returns>
    public OneOf<RatingFramework, ValidationErrors> WithWeight(string node, double weight) => Edit(FrameworkEdit.SetWeight(node, weight));

    /// <summary>Finds a node by code.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The node, or <see langword="null"/>.</returns>
    public FrameworkNode? Find(string code)
    {
        Guard.Against.Null(code);
        return _byCode.GetValueOrDefault(code);
    }

    /// <summary>Returns the parent of a node.</summary>
    /// <param name="code">The node's code.</param>
    /// <returns>The parent, or <see langword="null"/> for the root or an unknown code.</returns>
    public GroupNode? ParentOf(string code)
    {
        Guard.Against.Null(code);
        return _parents.GetValueOrDefault(code);
    }

    /// <summary>Returns a node's level: 1 for indicators, one above the highest child for groups.</summary>
    /// <param name="code">The node's code.</param>
    /// <returns>The level.</returns>
    /// <exception cref="KeyNotFoundException">No node has that code.</exception>
    public int LevelOf(string code)
    {
        Guard.Against.Null(code);
        return _levels[code];
    }

    /// <summary>Returns the normalisation that applies to an indicator.</summary>
    /// <param name="indicator">The indicator.</param>
    /// <returns>Its override or the framework default.</returns>
    public NormalisationMethod NormalisationOf(Indicator indicator) => Guard.Against.Null(indicator).Normalisation ?? Methods.Normalisation;

    /// <summary>Returns the imputation that applies to an indicator.</summary>
    /// <param name="indicator">The indicator.</param>
    /// <returns>Its override or the framework default.</returns>
    public ImputationMethod ImputationOf(Indicator indicator) => Guard.Against.Null(indicator).Imputation ?? Methods.Imputation;

    /// <summary>Returns the outlier treatment that applies to an indicator.</summary>
    /// <param name="indicator">The indicator.</param>
    /// <returns>Its override or the framework default.</returns>
    public OutlierTreatment TreatmentOf(Indicator indicator) => Guard.Against.Null(indicator).Treatment ?? Methods.Treatment;

    /// <summary>Returns the aggregation that applies to a group.</summary>
    /// <param name="group">The group.</param>
    /// <returns>Its override or the framework default.</returns>
    public AggregationMethod AggregationOf(GroupNode group) => Guard.Against.Null(group).Aggregation ?? Methods.Aggregation;

    /// <summary>Returns the missing-data rule that applies to a group.</summary>
    /// <param name="group">The group.</param>
    /// <returns>Its override or the framework default.</returns>
    public MissingDataRule MissingDataOf(GroupNode group) => Guard.Against.Null(group).MissingData ?? Methods.MissingData;

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
                // Relative to the largest sibling first, so that no scale of the weights overflows or underflows.
                var max = 0.0;
                foreach (var c in g.Children)
                {
                    max = Math.Max(max, c.Weight);
                }

                var sum = 0.0;
                foreach (var c in g.Children)
                {
                    sum += c.Weight / max;
                }

                foreach (var c in g.Children)
                {
                    Visit(c, weight * (c.Weight / max / sum));
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
