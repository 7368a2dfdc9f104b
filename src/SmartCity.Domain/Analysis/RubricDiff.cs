using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Analysis;

/// <summary>The kind of a difference between two editions of a framework.</summary>
public enum RubricChangeKind
{
    /// <summary>A node exists only in the new edition.</summary>
    Added = 0,

    /// <summary>A node exists only in the old edition.</summary>
    Removed = 1,

    /// <summary>A node has another parent.</summary>
    Moved = 2,

    /// <summary>A node's weight changed.</summary>
    WeightChanged = 3,

    /// <summary>A node's method override changed: aggregation, missing-data rule, normalisation, imputation or treatment.</summary>
    MethodChanged = 4,

    /// <summary>One of the framework's default methods changed.</summary>
    DefaultsChanged = 5,

    /// <summary>An indicator's direction flipped.</summary>
    DirectionChanged = 6,

    /// <summary>A node's name changed, in English or in Indonesian.</summary>
    Renamed = 7,

    /// <summary>Another property of a node changed: description, unit, tier, provenance, tags, scale, goalposts, target, denominator, role, or its kind (group or indicator).</summary>
    PropertyChanged = 8,

    /// <summary>A group's children (those in both editions) are in another order.</summary>
    Reordered = 9,

    /// <summary>A framework-level property changed: code, name, edition, description, source, denominators, size classes or maturity levels.</summary>
    FrameworkChanged = 10,
}

/// <summary>One difference between two editions, as one short line (<see cref="ToString"/>).</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Node">The node code (empty for framework-level changes and defaults).</param>
/// <param name="Property">The property that changed, such as <c>weight</c>, <c>unit</c>, <c>name (English)</c>, <c>normalisation</c>; for added, removed and moved nodes, <c>node</c>.</param>
/// <param name="Before">The old value as text (empty when added; <c>(none)</c> when unset; <c>(framework default)</c> for no override).</param>
/// <param name="After">The new value as text (empty when removed).</param>
public readonly record struct RubricChange(RubricChangeKind Kind, string Node, string Property, string Before, string After)
{
    private const int MaxValueLength = 60;

    /// <summary>
    /// Returns the change as one short line, such as <c>weight of GOV: 1 → 2</c>,
    /// <c>direction of inflation flipped: higher is better → lower is better</c>, <c>moved i4: G2 → G1</c> or
    /// <c>added i9: indicator under G2</c>. Long texts are shortened with <c>…</c> (<see cref="Before"/> and <see cref="After"/> hold them whole).
    /// </summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind switch
    {
        RubricChangeKind.Added => $"added {Node}: {Short(After)}",
        RubricChangeKind.Removed => $"removed {Node}: {Short(Before)}",
        RubricChangeKind.Moved => $"moved {Node}: {Before} → {After}",
        RubricChangeKind.DirectionChanged => $"direction of {Node} flipped: {Before} → {After}",
        RubricChangeKind.Reordered => $"order of the children of {Node}: {Short(Before)} → {Short(After)}",
        RubricChangeKind.DefaultsChanged => $"default {Property}: {Short(Before)} → {Short(After)}",
        RubricChangeKind.FrameworkChanged => $"framework {Property}: {Short(Before)} → {Short(After)}",
        _ => $"{Property} of {Node}: {Short(Before)} → {Short(After)}",
    };

    private static string Short(string text) => text.Length <= MaxValueLength ? text : string.Concat(text.AsSpan(0, MaxValueLength - 1), "…");
}

/// <summary>
/// Every difference between two editions of a framework (say the evaluation weights of two years), one line each, and
/// its effect on a dataset's ranks. Two editions that are not <see cref="RatingFramework.Equals(RatingFramework?)"/>
/// always have at least one change; equal editions have none. It serialises with <see cref="Serialization.ResultJson"/>
/// (both editions and the changes); reading it back compares the editions again and checks the stored changes.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.RubricDiffJsonConverter))]
public sealed class RubricDiff
{
    private const string None = "(none)";
    private const string Default = "(framework default)";

    private RubricDiff(RatingFramework before, RatingFramework after, ImmutableArray<RubricChange> changes)
    {
        Before = before;
        After = after;
        Changes = changes;
    }

    /// <summary>Gets the old edition.</summary>
    public RatingFramework Before { get; }

    /// <summary>Gets the new edition.</summary>
    public RatingFramework After { get; }

    /// <summary>
    /// Gets every change: framework-level properties, then the defaults, then nodes in the old edition's order (root
    /// first, depth first), then added nodes in the new edition's order.
    /// </summary>
    public ImmutableArray<RubricChange> Changes { get; }

    /// <summary>Gets a value indicating whether the editions are the same (no change).</summary>
    public bool IsEmpty => Changes.IsEmpty;

    /// <summary>Compares two editions; nodes are matched by code (a re-coded node shows as removed and added).</summary>
    /// <param name="before">The old edition.</param>
    /// <param name="after">The new edition.</param>
    /// <returns>The diff.</returns>
    public static RubricDiff Compare(RatingFramework before, RatingFramework after)
    {
        Guard.Against.Null(before);
        Guard.Against.Null(after);
        var changes = ImmutableArray.CreateBuilder<RubricChange>();
        CompareFramework(before, after, changes);
        CompareDefaults(before.Methods, after.Methods, changes);
        foreach (var node in PreOrder(before.Root))
        {
            var other = after.Find(node.Code);
            if (other is null)
            {
                changes.Add(new RubricChange(RubricChangeKind.Removed, node.Code, "node", $"{Kind(node)} under {before.ParentOf(node.Code)?.Code ?? "(root)"}", string.Empty));
                continue;
            }

            var parentBefore = before.ParentOf(node.Code)?.Code ?? "(root)";
            var parentAfter = after.ParentOf(node.Code)?.Code ?? "(root)";
            if (parentBefore != parentAfter)
            {
                changes.Add(new RubricChange(RubricChangeKind.Moved, node.Code, "node", parentBefore, parentAfter));
            }

            CompareNode(node, other, changes);
        }

        foreach (var node in PreOrder(after.Root).Where(n => before.Find(n.Code) is null))
        {
            changes.Add(new RubricChange(RubricChangeKind.Added, node.Code, "node", string.Empty, $"{Kind(node)} under {after.ParentOf(node.Code)?.Code ?? "(root)"}"));
        }

        return new RubricDiff(before, after, changes.ToImmutable());
    }

    /// <summary>Scores a dataset with both editions and compares the results over the aggregates both have.</summary>
    /// <param name="data">The dataset (it must hold the columns both editions need).</param>
    /// <returns>The score diff, or the scoring errors.</returns>
    public OneOf<ScoreDiff, ValidationErrors> EffectOn(Dataset data)
    {
        var before = ScoringPlan.Compile(Before).Score(data);
        if (before.TryPickT1(out var errors, out var b))
        {
            return errors;
        }

        var after = ScoringPlan.Compile(After).Score(data);
        return after.TryPickT1(out errors, out var a) ? errors : ScoreDiff.Compare(b, a).WithCauses(Changes.Select(c => c.ToString()));
    }

    /// <summary>Returns the changes of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The changes.</returns>
    public IEnumerable<RubricChange> Of(RubricChangeKind kind) => Changes.Where(c => c.Kind == kind);

    private static void CompareFramework(RatingFramework a, RatingFramework b, ImmutableArray<RubricChange>.Builder changes)
    {
        void Add(string property, string before, string after) => changes.Add(new RubricChange(RubricChangeKind.FrameworkChanged, string.Empty, property, before, after));
        if (a.Code != b.Code)
        {
            Add("code", a.Code, b.Code);
        }

        CompareName(a.Name, b.Name, (p, x, y) => Add(p, x, y));
        if (a.Edition != b.Edition)
        {
            Add("edition", a.Edition, b.Edition);
        }

        if (a.Description != b.Description)
        {
            Add("description", a.Description ?? None, b.Description ?? None);
        }

        if (a.Source != b.Source)
        {
            Add("source", a.Source ?? None, b.Source ?? None);
        }

        if (!a.Denominators.Equals(b.Denominators))
        {
            var count = changes.Count;
            foreach (var d in a.Denominators)
            {
                var other = b.Denominators.FirstOrDefault(x => x.Code == d.Code);
                if (other is null)
                {
                    Add("denominator " + d.Code, Describe(d), "(removed)");
                }
                else if (!d.Equals(other))
                {
                    Add("denominator " + d.Code, Describe(d), Describe(other));
                }
            }

            foreach (var d in b.Denominators.Where(d => !a.Denominators.Any(x => x.Code == d.Code)))
            {
                Add("denominator " + d.Code, "(none)", Describe(d));
            }

            if (changes.Count == count)
            {
                Add("denominators order", string.Join(", ", a.Denominators.Select(d => d.Code)), string.Join(", ", b.Denominators.Select(d => d.Code)));
            }
        }

        if (!Equals(a.SizeClasses, b.SizeClasses))
        {
            Add("size classes", Describe(a.SizeClasses), Describe(b.SizeClasses));
        }

        if (!Equals(a.MaturityLevels, b.MaturityLevels))
        {
            Add("maturity levels", Describe(a.MaturityLevels), Describe(b.MaturityLevels));
        }
    }

    private static void CompareDefaults(ScoringMethods a, ScoringMethods b, ImmutableArray<RubricChange>.Builder changes)
    {
        void Add(string property, object before, object after)
        {
            if (!before.Equals(after))
            {
                changes.Add(new RubricChange(RubricChangeKind.DefaultsChanged, string.Empty, property, before.ToString()!, after.ToString()!));
            }
        }

        var count = changes.Count;
        Add("normalisation", a.Normalisation, b.Normalisation);
        Add("aggregation", a.Aggregation, b.Aggregation);
        Add("missing-data rule", a.MissingData, b.MissingData);
        Add("imputation", a.Imputation, b.Imputation);
        Add("treatment", a.Treatment, b.Treatment);
        if (changes.Count == count && !a.Equals(b))
        {
            changes.Add(new RubricChange(RubricChangeKind.DefaultsChanged, string.Empty, "methods", a.ToString(), b.ToString()));
        }
    }

    private static void CompareNode(FrameworkNode a, FrameworkNode b, ImmutableArray<RubricChange>.Builder changes)
    {
        var code = a.Code;
        void Add(RubricChangeKind kind, string property, string before, string after) => changes.Add(new RubricChange(kind, code, property, before, after));
        void Property<T>(RubricChangeKind kind, string property, T before, T after, Func<T, string> text)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after))
            {
                Add(kind, property, text(before), text(after));
            }
        }

        CompareName(a.Name, b.Name, (p, x, y) => Add(RubricChangeKind.Renamed, p, x, y));
        Property(RubricChangeKind.WeightChanged, "weight", a.Weight, b.Weight, Num);
        Property(RubricChangeKind.PropertyChanged, "description", a.Description, b.Description, d => d ?? None);
        Property(RubricChangeKind.PropertyChanged, "tags", a.Tags, b.Tags, t => t.Count == 0 ? None : string.Join(", ", t));
        Property(RubricChangeKind.PropertyChanged, "provenance", a.Provenance, b.Provenance, p => p?.ToString() ?? None);
        switch (a, b)
        {
            case (GroupNode ga, GroupNode gb):
                Property(RubricChangeKind.PropertyChanged, "role", ga.Role, gb.Role, r => r.ToString());
                Property(RubricChangeKind.MethodChanged, "aggregation", ga.Aggregation, gb.Aggregation, m => m?.ToString() ?? Default);
                Property(RubricChangeKind.MethodChanged, "missing-data rule", ga.MissingData, gb.MissingData, m => m?.ToString() ?? Default);
                var inBoth = ga.Children.Select(c => c.Code).Where(c => gb.Children.Any(x => x.Code == c)).ToList();
                var inBothAfter = gb.Children.Select(c => c.Code).Where(c => ga.Children.Any(x => x.Code == c)).ToList();
                if (!inBoth.SequenceEqual(inBothAfter, StringComparer.Ordinal))
                {
                    Add(RubricChangeKind.Reordered, "children", string.Join(", ", inBoth), string.Join(", ", inBothAfter));
                }

                break;
            case (Indicator ia, Indicator ib):
                Property(RubricChangeKind.DirectionChanged, "direction", ia.Direction, ib.Direction, Describe);
                Property(RubricChangeKind.PropertyChanged, "scale", ia.Scale, ib.Scale, s => s.ToString());
                Property(RubricChangeKind.PropertyChanged, "unit", ia.Unit, ib.Unit, u => u ?? None);
                Property(RubricChangeKind.PropertyChanged, "goalposts", ia.Goalposts, ib.Goalposts, g => g?.ToString() ?? None);
                Property(RubricChangeKind.PropertyChanged, "target", ia.Target, ib.Target, t => t is { } v ? Num(v) : None);
                Property(RubricChangeKind.PropertyChanged, "tier", ia.Tier, ib.Tier, t => t.ToString());
                Property(RubricChangeKind.PropertyChanged, "denominator", ia.Denominator, ib.Denominator, d => d ?? None);
                Property(RubricChangeKind.MethodChanged, "normalisation", ia.Normalisation, ib.Normalisation, m => m?.ToString() ?? Default);
                Property(RubricChangeKind.MethodChanged, "imputation", ia.Imputation, ib.Imputation, m => m?.ToString() ?? Default);
                Property(RubricChangeKind.MethodChanged, "treatment", ia.Treatment, ib.Treatment, m => m?.ToString() ?? Default);
                break;
            default:
                Add(RubricChangeKind.PropertyChanged, "kind", Kind(a), Kind(b));
                break;
        }
    }

    private static void CompareName(LocalizedText a, LocalizedText b, Action<string, string, string> add)
    {
        if (a.English != b.English)
        {
            add("name (English)", a.English ?? None, b.English ?? None);
        }

        if (a.Indonesian != b.Indonesian)
        {
            add("name (Indonesian)", a.Indonesian ?? None, b.Indonesian ?? None);
        }
    }

    private static IEnumerable<FrameworkNode> PreOrder(FrameworkNode node) =>
        node is GroupNode g ? g.Children.SelectMany(PreOrder).Prepend(node) : [node];

    private static string Kind(FrameworkNode node) => node is GroupNode g ? $"group ({g.Role})" : "indicator";

    private static string Describe(Direction d) => d == Direction.HigherIsBetter ? "higher is better" : "lower is better";

    private static string Describe(DenominatorVariable d) => d.Unit is null ? d.Name.ToString() : $"{d.Name} ({d.Unit})";

    private static string Describe(ClassificationScheme? s) => s?.ToString() ?? None;

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
