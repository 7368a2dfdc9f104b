using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Analysis;

/// <summary>The kind of a structural change between two editions of a framework.</summary>
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

    /// <summary>A node's method (aggregation, missing-data rule, normalisation, imputation, treatment) or direction changed.</summary>
    MethodChanged = 4,

    /// <summary>The framework's default methods changed.</summary>
    DefaultsChanged = 5,
}

/// <summary>One structural change.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Node">The node code (empty for the defaults).</param>
/// <param name="Before">The old value, as text (empty when added).</param>
/// <param name="After">The new value, as text (empty when removed).</param>
public readonly record struct RubricChange(RubricChangeKind Kind, string Node, string Before, string After)
{
    /// <summary>Returns a line such as <c>WeightChanged GOV: 1 → 2</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Kind} {Node}: {Before} → {After}";
}

/// <summary>The structural difference between two editions of a framework (say the evaluation weights of two years), and its effect on a dataset's ranks.</summary>
public sealed class RubricDiff
{
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

    /// <summary>Gets every change, nodes in the old edition's order, then added nodes.</summary>
    public ImmutableArray<RubricChange> Changes { get; }

    /// <summary>Compares two editions node by node (nodes are matched by code).</summary>
    /// <param name="before">The old edition.</param>
    /// <param name="after">The new edition.</param>
    /// <returns>The diff.</returns>
    public static RubricDiff Compare(RatingFramework before, RatingFramework after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = ImmutableArray.CreateBuilder<RubricChange>();
        if (!before.Methods.Equals(after.Methods))
        {
            changes.Add(new RubricChange(RubricChangeKind.DefaultsChanged, string.Empty, before.Methods.ToString(), after.Methods.ToString()));
        }

        foreach (var node in All(before))
        {
            var other = after.Find(node.Code);
            if (other is null)
            {
                changes.Add(new RubricChange(RubricChangeKind.Removed, node.Code, Describe(node), string.Empty));
                continue;
            }

            var parentBefore = before.ParentOf(node.Code)?.Code ?? string.Empty;
            var parentAfter = after.ParentOf(node.Code)?.Code ?? string.Empty;
            if (parentBefore != parentAfter)
            {
                changes.Add(new RubricChange(RubricChangeKind.Moved, node.Code, parentBefore, parentAfter));
            }

            if (node.Weight != other.Weight && before.ParentOf(node.Code) is not null)
            {
                changes.Add(new RubricChange(RubricChangeKind.WeightChanged, node.Code, Num(node.Weight), Num(other.Weight)));
            }

            var methodsBefore = Methods(before, node);
            var methodsAfter = Methods(after, other);
            if (methodsBefore != methodsAfter)
            {
                changes.Add(new RubricChange(RubricChangeKind.MethodChanged, node.Code, methodsBefore, methodsAfter));
            }
        }

        foreach (var node in All(after).Where(n => before.Find(n.Code) is null))
        {
            changes.Add(new RubricChange(RubricChangeKind.Added, node.Code, string.Empty, Describe(node)));
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
        return after.TryPickT1(out errors, out var a) ? errors : ScoreDiff.Compare(b, a);
    }

    /// <summary>Returns the changes of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The changes.</returns>
    public IEnumerable<RubricChange> Of(RubricChangeKind kind) => Changes.Where(c => c.Kind == kind);

    private static IEnumerable<FrameworkNode> All(RatingFramework f) => f.Groups.Cast<FrameworkNode>().Concat(f.Indicators);

    private static string Describe(FrameworkNode node) => node is GroupNode g ? $"group ({g.Role})" : "indicator";

    private static string Methods(RatingFramework f, FrameworkNode node) => node switch
    {
        GroupNode g => $"aggregate={f.AggregationOf(g).Spec}; missing={f.MissingDataOf(g)}",
        Indicator i => $"direction={i.Direction}; normalise={f.NormalisationOf(i).Spec}; impute={f.ImputationOf(i).Spec}; treat={f.TreatmentOf(i).Spec}",
        _ => string.Empty,
    };

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
