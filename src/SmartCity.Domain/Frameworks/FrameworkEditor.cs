using System.Globalization;
using OneOf;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Frameworks;

/// <summary>Applies <see cref="FrameworkEdit"/>s through the <see cref="TreeRewriter"/> and validates the result once.</summary>
internal static class FrameworkEditor
{
    /// <summary>Applies edits in order.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="edits">The edits, each with the index used in error paths (<c>edits[i]</c>).</param>
    /// <returns>The edited framework (the same instance when nothing changed), or every error found.</returns>
    public static OneOf<RatingFramework, ValidationErrors> Apply(RatingFramework framework, IEnumerable<(int Index, FrameworkEdit Edit)> edits)
    {
        var errors = new ErrorCollector();
        var root = framework.Root;
        var methods = framework.Methods;
        foreach (var (index, edit) in edits)
        {
            Guard.Against.Null(edit, nameof(edits));
            var path = string.Create(CultureInfo.InvariantCulture, $"edits[{index}]");
            if (edit is SetDefaultsEdit d)
            {
                Guard.Against.Null(d.Methods, nameof(edits));
                methods = d.Methods;
                continue;
            }

            root = ApplyOne(root, edit, path, errors) ?? root;
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        if (ReferenceEquals(root, framework.Root) && ReferenceEquals(methods, framework.Methods))
        {
            return framework;
        }

        return framework.With(root, methods);
    }

    private static GroupNode? ApplyOne(GroupNode root, FrameworkEdit edit, string path, ErrorCollector errors)
    {
        switch (edit)
        {
            case SetWeightEdit w:
                if (Target(root, w.Node, edit, path, errors, notRoot: "has no siblings, so it has no weight to set") is null)
                {
                    return null;
                }

                if (!double.IsFinite(w.Weight))
                {
                    errors.Add(ErrorCodes.WeightNotFinite, path + ".weight", $"{edit}: a weight must be finite.", w.Weight);
                    return null;
                }

                if (w.Weight < 0)
                {
                    errors.Add(ErrorCodes.WeightNegative, path + ".weight", $"{edit}: a weight must not be negative.", w.Weight);
                    return null;
                }

                return TreeRewriter.Replace(root, w.Node, n => n with { Weight = w.Weight });
            case SetDirectionEdit e:
                return OnIndicator(root, e.Indicator, edit, path, errors, i => i with { Direction = e.Direction });
            case SetNormalisationEdit e:
                return OnIndicator(root, e.Indicator, edit, path, errors, i => i with { Normalisation = e.Normalisation });
            case SetImputationEdit e:
                return OnIndicator(root, e.Indicator, edit, path, errors, i => i with { Imputation = e.Imputation });
            case SetTreatmentEdit e:
                return OnIndicator(root, e.Indicator, edit, path, errors, i => i with { Treatment = e.Treatment });
            case SetAggregationEdit e:
                return OnGroup(root, e.Group, edit, path, errors, g => g with { Aggregation = e.Aggregation });
            case SetMissingDataEdit e:
                return OnGroup(root, e.Group, edit, path, errors, g => g with { MissingData = e.MissingData });
            case RenameNodeEdit e:
                Guard.Against.Null(e.Name, nameof(edit));
                return Target(root, e.Node, edit, path, errors) is null ? null : TreeRewriter.Replace(root, e.Node, n => n with { Name = e.Name });
            case RecodeNodeEdit e:
                Guard.Against.Null(e.NewCode, nameof(edit));
                if (Target(root, e.Node, edit, path, errors) is null)
                {
                    return null;
                }

                if (!Codes.IsValid(e.NewCode))
                {
                    errors.Add(ErrorCodes.CodeInvalid, path + ".newCode", $"{edit}: '{e.NewCode}' is not a valid code (1-128 ASCII letters, digits, '_', '-' or '.', starting with a letter).", e.NewCode);
                    return null;
                }

                if (e.NewCode != e.Node && TreeRewriter.Find(root, e.NewCode) is not null)
                {
                    errors.Add(ErrorCodes.NodeDuplicateCode, path + ".newCode", $"{edit}: the code '{e.NewCode}' is already used by another node.", e.NewCode);
                    return null;
                }

                return TreeRewriter.Replace(root, e.Node, n => n with { Code = e.NewCode });
            case RemoveNodeEdit e:
                return Target(root, e.Node, edit, path, errors, notRoot: "cannot be removed") is null ? null : TreeRewriter.Replace(root, e.Node, _ => null);
            case AddNodeEdit e:
            {
                Guard.Against.Null(e.Node, nameof(edit));
                if (Parent(root, e.Parent, edit, path, errors) is not { } parent)
                {
                    return null;
                }

                var taken = TreeRewriter.Codes(e.Node).Where(c => TreeRewriter.Find(root, c) is not null).ToList();
                if (taken.Count > 0)
                {
                    errors.Add(ErrorCodes.NodeDuplicateCode, path + ".node.code", $"{edit}: the framework already has a node with the code {string.Join(", ", taken.Select(c => "'" + c + "'"))}.", taken[0]);
                    return null;
                }

                return Position(parent.Children.Count, e.Position, edit, path, errors) is { } at ? Insert(root, parent.Code, e.Node, at) : null;
            }

            case MoveNodeEdit e:
            {
                if (Target(root, e.Node, edit, path, errors, notRoot: "cannot be moved") is not { } node || Parent(root, e.Parent, edit, path, errors) is not { } parent)
                {
                    return null;
                }

                if (TreeRewriter.Find(node, e.Parent) is not null)
                {
                    errors.Add(ErrorCodes.EditMoveIntoSubtree, path + ".parent", e.Parent == e.Node
                        ? $"{edit}: a node cannot be moved under itself."
                        : $"{edit}: '{e.Parent}' is inside '{e.Node}', so the node would be moved under itself.", e.Parent);
                    return null;
                }

                var without = TreeRewriter.Replace(root, e.Node, _ => null);
                var count = parent.Children.Count - (parent.Children.Any(c => c.Code == e.Node) ? 1 : 0);
                return Position(count, e.Position, edit, path, errors) is { } at ? Insert(without, parent.Code, node, at) : null;
            }

            default:
                throw new ArgumentException($"Unknown edit {edit.GetType().Name}.", nameof(edit));
        }
    }

    private static GroupNode Insert(GroupNode root, string parent, FrameworkNode node, int position) =>
        TreeRewriter.Replace(root, parent, n =>
        {
            var g = (GroupNode)n;
            return g with { Children = EquatableArray.Create([.. g.Children.Take(position), node, .. g.Children.Skip(position)]) };
        });

    private static int? Position(int count, int? position, FrameworkEdit edit, string path, ErrorCollector errors)
    {
        var at = position ?? count;
        if (at < 0 || at > count)
        {
            errors.Add(ErrorCodes.EditPosition, path + ".position", string.Create(CultureInfo.InvariantCulture, $"{edit}: the position must be between 0 and {count}."), at);
            return null;
        }

        return at;
    }

    private static FrameworkNode? Target(GroupNode root, string code, FrameworkEdit edit, string path, ErrorCollector errors, string? notRoot = null)
    {
        Guard.Against.Null(code, nameof(edit));
        var node = TreeRewriter.Find(root, code);
        if (node is null)
        {
            errors.Add(ErrorCodes.EditNodeUnknown, path + ".node", $"{edit}: the framework has no node '{code}'.", code);
            return null;
        }

        if (notRoot is not null && ReferenceEquals(node, root))
        {
            errors.Add(ErrorCodes.EditRoot, path + ".node", $"{edit}: '{code}' is the root, which {notRoot}.", code);
            return null;
        }

        return node;
    }

    private static GroupNode? Parent(GroupNode root, string code, FrameworkEdit edit, string path, ErrorCollector errors)
    {
        Guard.Against.Null(code, nameof(edit));
        switch (TreeRewriter.Find(root, code))
        {
            case null:
                errors.Add(ErrorCodes.EditNodeUnknown, path + ".parent", $"{edit}: the framework has no node '{code}'.", code);
                return null;
            case GroupNode g:
                return g;
            default:
                errors.Add(ErrorCodes.EditNodeKind, path + ".parent", $"{edit}: '{code}' is an indicator; only groups have children.", code);
                return null;
        }
    }

    private static GroupNode? OnIndicator(GroupNode root, string code, FrameworkEdit edit, string path, ErrorCollector errors, Func<Indicator, Indicator> change)
    {
        switch (Target(root, code, edit, path, errors))
        {
            case null:
                return null;
            case Indicator:
                return TreeRewriter.Replace(root, code, n => change((Indicator)n));
            default:
                errors.Add(ErrorCodes.EditNodeKind, path + ".node", $"{edit}: '{code}' is a group; directions and indicator methods apply to indicators.", code);
                return null;
        }
    }

    private static GroupNode? OnGroup(GroupNode root, string code, FrameworkEdit edit, string path, ErrorCollector errors, Func<GroupNode, GroupNode> change)
    {
        switch (Target(root, code, edit, path, errors))
        {
            case null:
                return null;
            case GroupNode:
                return TreeRewriter.Replace(root, code, n => change((GroupNode)n));
            default:
                errors.Add(ErrorCodes.EditNodeKind, path + ".node", $"{edit}: '{code}' is an indicator; aggregations and missing-data rules apply to groups.", code);
                return null;
        }
    }
}
