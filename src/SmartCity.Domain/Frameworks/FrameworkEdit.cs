using System.Globalization;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Methods;

namespace SmartCity.Domain.Frameworks;

/// <summary>
/// One immutable edit of a framework's definition, applied with <see cref="RatingFramework.Edit"/> (several in one
/// expression) or used in a what-if <see cref="Scenario"/>. A closed set of variants, made by the static factories.
/// </summary>
/// <remarks>
/// <para>An edit changes exactly what it names and keeps every other property of the framework and of every node (names,
/// descriptions, tags, provenance, tiers, units, goalposts, targets, denominators, size classes, maturity levels,
/// the root's metadata). Nodes are named by code; an edit sees the framework as changed by the edits before it.</para>
/// <para>Method edits take <see langword="null"/> to clear a node's override, so that it uses the framework default again.</para>
/// <para>Codes: <see cref="Recode"/> changes a node's code and nothing else. Datasets are matched to indicators by code, so
/// a re-coded indicator needs its dataset column renamed as well.</para>
/// </remarks>
public abstract record FrameworkEdit : ScenarioEdit
{
    private protected FrameworkEdit()
    {
    }

    /// <summary>Sets a node's weight (relative to its siblings). The root has no siblings and cannot be re-weighted.</summary>
    /// <param name="node">The node code.</param>
    /// <param name="weight">The new weight: finite and ≥ 0.</param>
    /// <returns>The edit.</returns>
    public static SetWeightEdit SetWeight(string node, double weight) => new(Guard.Against.Null(node), weight);

    /// <summary>Sets an indicator's direction.</summary>
    /// <param name="indicator">The indicator code.</param>
    /// <param name="direction">The new direction.</param>
    /// <returns>The edit.</returns>
    public static SetDirectionEdit SetDirection(string indicator, Direction direction) => new(Guard.Against.Null(indicator), direction);

    /// <summary>Sets or clears an indicator's normalisation override.</summary>
    /// <param name="indicator">The indicator code.</param>
    /// <param name="normalisation">The method, or <see langword="null"/> for the framework default.</param>
    /// <returns>The edit.</returns>
    public static SetNormalisationEdit SetNormalisation(string indicator, NormalisationMethod? normalisation) => new(Guard.Against.Null(indicator), normalisation);

    /// <summary>Sets or clears an indicator's imputation override.</summary>
    /// <param name="indicator">The indicator code.</param>
    /// <param name="imputation">The method, or <see langword="null"/> for the framework default.</param>
    /// <returns>The edit.</returns>
    public static SetImputationEdit SetImputation(string indicator, ImputationMethod? imputation) => new(Guard.Against.Null(indicator), imputation);

    /// <summary>Sets or clears an indicator's outlier-treatment override.</summary>
    /// <param name="indicator">The indicator code.</param>
    /// <param name="treatment">The method, or <see langword="null"/> for the framework default.</param>
    /// <returns>The edit.</returns>
    public static SetTreatmentEdit SetTreatment(string indicator, OutlierTreatment? treatment) => new(Guard.Against.Null(indicator), treatment);

    /// <summary>Sets or clears a group's aggregation override.</summary>
    /// <param name="group">The group code.</param>
    /// <param name="aggregation">The method, or <see langword="null"/> for the framework default.</param>
    /// <returns>The edit.</returns>
    public static SetAggregationEdit SetAggregation(string group, AggregationMethod? aggregation) => new(Guard.Against.Null(group), aggregation);

    /// <summary>Sets or clears a group's missing-data rule.</summary>
    /// <param name="group">The group code.</param>
    /// <param name="missingData">The rule, or <see langword="null"/> for the framework default.</param>
    /// <returns>The edit.</returns>
    public static SetMissingDataEdit SetMissingData(string group, MissingDataRule? missingData) => new(Guard.Against.Null(group), missingData);

    /// <summary>Replaces the framework's default methods (the settings of every node without an override).</summary>
    /// <param name="methods">The new defaults.</param>
    /// <returns>The edit.</returns>
    public static SetDefaultsEdit SetDefaults(ScoringMethods methods) => new(Guard.Against.Null(methods));

    /// <summary>Renames a node (any node, the root included); its code stays.</summary>
    /// <param name="node">The node code.</param>
    /// <param name="name">The new name.</param>
    /// <returns>The edit.</returns>
    public static RenameNodeEdit Rename(string node, LocalizedText name) => new(Guard.Against.Null(node), Guard.Against.Null(name));

    /// <summary>Changes a node's code (any node, the root included); everything else stays.</summary>
    /// <param name="node">The current code.</param>
    /// <param name="newCode">The new code: valid and not used by another node.</param>
    /// <returns>The edit.</returns>
    public static RecodeNodeEdit Recode(string node, string newCode) => new(Guard.Against.Null(node), Guard.Against.Null(newCode));

    /// <summary>Adds a node (an indicator or a whole group) to a group.</summary>
    /// <param name="parent">The parent group's code.</param>
    /// <param name="node">The node; none of its codes may be in the framework yet.</param>
    /// <param name="position">The index among the parent's children; the last when <see langword="null"/>.</param>
    /// <returns>The edit.</returns>
    public static AddNodeEdit Add(string parent, FrameworkNode node, int? position = null) => new(Guard.Against.Null(parent), Guard.Against.Null(node), position);

    /// <summary>Removes a node and its subtree. The root cannot be removed.</summary>
    /// <param name="node">The node code.</param>
    /// <returns>The edit.</returns>
    public static RemoveNodeEdit Remove(string node) => new(Guard.Against.Null(node));

    /// <summary>Moves a node (with its subtree and its weight) to another group, or to another position in the same group.</summary>
    /// <param name="node">The node code; not the root.</param>
    /// <param name="parent">The new parent group's code; not the node itself or one of its descendants.</param>
    /// <param name="position">The index among the new parent's children (counted without the node); the last when <see langword="null"/>.</param>
    /// <returns>The edit.</returns>
    public static MoveNodeEdit Move(string node, string parent, int? position = null) => new(Guard.Against.Null(node), Guard.Against.Null(parent), position);

    internal static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Text(object? method) => method?.ToString() ?? "(framework default)";
}

/// <summary>Sets a node's weight (relative to its siblings).</summary>
/// <param name="Node">The node code.</param>
/// <param name="Weight">The new weight.</param>
public sealed record SetWeightEdit(string Node, double Weight) : FrameworkEdit
{
    /// <summary>Returns the edit as text, such as <c>SetWeight(GOV, 2)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SetWeight({Node}, {Num(Weight)})";
}

/// <summary>Sets an indicator's direction.</summary>
/// <param name="Indicator">The indicator code.</param>
/// <param name="Direction">The new direction.</param>
public sealed record SetDirectionEdit(string Indicator, Direction Direction) : FrameworkEdit
{
    /// <summary>Returns the edit as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SetDirection({Indicator}, {Direction})";
}

/// <summary>Sets or clears an indicator's normalisation override.</summary>
/// <param name="Indicator">The indicator code.</param>
/// <param name="Normalisation">The method, or <see langword="null"/> for the framework default.</param>
public sealed record SetNormalisationEdit(string Indicator, NormalisationMethod? Normalisation) : FrameworkEdit
{
    /// <summary>Returns the edit as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SetNormalisation({Indicator}, {Text(Normalisation)})";
}

/// <summary>Sets or clears an indicator's imputation override.</summary>
/// <param name="Indicator">The indicator code.</param>
/// <param name="Imputation">The method, or <see langword="null"/> for the framework default.</param>
public sealed record SetImputationEdit(string Indicator, ImputationMethod? Imputation) : FrameworkEdit
{
    /// <summary>Returns the edit as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SetImputation({Indicator}, {Text(Imputation)})";
}

/// <summary>Sets or clears an indicator's outlier-treatment override.</summary>
/// <param name="Indicator">The indicator code.</param>
/// <param name="Treatment">The method, or <see langword="null"/> for the framework default.</param>
public sealed record SetTreatmentEdit(string Indicator, OutlierTreatment? Treatment) : FrameworkEdit
{
    /// <summary>Returns the edit as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SetTreatment({Indicator}, {Text(Treatment)})";
}

/// <summary>Sets or clears a group's aggregation override.</summary>
/// <param name="Group">The group code.</param>
/// <param name="Aggregation">The method, or <see langword="null"/> for the framework default.</param>
public sealed record SetAggregationEdit(string Group, AggregationMethod? Aggregation) : FrameworkEdit
{
    /// <summary>Returns the edit as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SetAggregation({Group}, {Text(Aggregation)})";
}

/// <summary>Sets or clears a group's missing-data rule.</summary>
/// <param name="Group">The group code.</param>
/// <param name="MissingData">The rule, or <see langword="null"/> for the framework default.</param>
public sealed record SetMissingDataEdit(string Group, MissingDataRule? MissingData) : FrameworkEdit
{
    /// <summary>Returns the edit as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SetMissingData({Group}, {Text(MissingData)})";
}

/// <summary>Replaces the framework's default methods.</summary>
/// <param name="Methods">The new defaults.</param>
public sealed record SetDefaultsEdit(ScoringMethods Methods) : FrameworkEdit
{
    /// <summary>Returns the edit as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SetDefaults({Methods})";
}

/// <summary>Renames a node.</summary>
/// <param name="Node">The node code.</param>
/// <param name="Name">The new name.</param>
public sealed record RenameNodeEdit(string Node, LocalizedText Name) : FrameworkEdit
{
    /// <summary>Returns the edit as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"Rename({Node}, {Name})";
}

/// <summary>Changes a node's code.</summary>
/// <param name="Node">The current code.</param>
/// <param name="NewCode">The new code.</param>
public sealed record RecodeNodeEdit(string Node, string NewCode) : FrameworkEdit
{
    /// <summary>Returns the edit as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"Recode({Node} → {NewCode})";
}

/// <summary>Adds a node to a group.</summary>
/// <param name="Parent">The parent group's code.</param>
/// <param name="Node">The node.</param>
/// <param name="Position">The index among the parent's children; the last when <see langword="null"/>.</param>
public sealed record AddNodeEdit(string Parent, FrameworkNode Node, int? Position = null) : FrameworkEdit
{
    /// <summary>Returns the edit as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"Add({Node?.Code} under {Parent}{(Position is { } p ? string.Create(CultureInfo.InvariantCulture, $" at {p}") : string.Empty)})";
}

/// <summary>Removes a node and its subtree.</summary>
/// <param name="Node">The node code.</param>
public sealed record RemoveNodeEdit(string Node) : FrameworkEdit
{
    /// <summary>Returns the edit as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"Remove({Node})";
}

/// <summary>Moves a node to another group or position.</summary>
/// <param name="Node">The node code.</param>
/// <param name="Parent">The new parent group's code.</param>
/// <param name="Position">The index among the new parent's children (counted without the node); the last when <see langword="null"/>.</param>
public sealed record MoveNodeEdit(string Node, string Parent, int? Position = null) : FrameworkEdit
{
    /// <summary>Returns the edit as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"Move({Node} under {Parent}{(Position is { } p ? string.Create(CultureInfo.InvariantCulture, $" at {p}") : string.Empty)})";
}
