using SmartCity.Domain.Collections;

namespace SmartCity.Domain.Frameworks;

/// <summary>
/// The one place that rebuilds a framework's tree. Every edit of the library (the public <see cref="FrameworkEdit"/>s,
/// uncertainty analysis, hierarchical AHP) maps nodes through <see cref="Rewrite(GroupNode, Func{FrameworkNode, FrameworkNode?})"/>
/// and copies nodes with <c>with</c> expressions, so a property added to a node is kept by every edit without further code.
/// The result is not validated: it goes into <see cref="RatingFramework.WithRoot"/> or <see cref="RatingFramework.Create"/>.
/// </summary>
internal static class TreeRewriter
{
    /// <summary>
    /// Rebuilds the tree bottom-up: each group's children are rewritten first, then <paramref name="map"/> sees the node
    /// (a group with its rewritten children) and returns its replacement, itself, or <see langword="null"/> to remove it.
    /// Unchanged subtrees are shared, not copied.
    /// </summary>
    /// <param name="root">The root.</param>
    /// <param name="map">The node mapping; it must return a group for the root.</param>
    /// <returns>The new root.</returns>
    /// <exception cref="InvalidOperationException">The mapping removed the root or turned it into an indicator.</exception>
    public static GroupNode Rewrite(GroupNode root, Func<FrameworkNode, FrameworkNode?> map) =>
        Rewrite((FrameworkNode)root, map) as GroupNode ?? throw new InvalidOperationException("A tree rewrite must keep a group at the root.");

    /// <summary>Rewrites one subtree (see <see cref="Rewrite(GroupNode, Func{FrameworkNode, FrameworkNode?})"/>).</summary>
    /// <param name="node">The subtree's top node.</param>
    /// <param name="map">The node mapping.</param>
    /// <returns>The new node, or <see langword="null"/> when it was removed.</returns>
    public static FrameworkNode? Rewrite(FrameworkNode node, Func<FrameworkNode, FrameworkNode?> map)
    {
        if (node is GroupNode g)
        {
            List<FrameworkNode>? children = null;
            for (var i = 0; i < g.Children.Count; i++)
            {
                var child = g.Children[i];
                var rewritten = Rewrite(child, map);
                if (children is null && !ReferenceEquals(rewritten, child))
                {
                    children = [.. g.Children.Take(i)];
                }

                if (children is not null && rewritten is not null)
                {
                    children.Add(rewritten);
                }
            }

            if (children is not null)
            {
                node = g with { Children = EquatableArray.Create(children) };
            }
        }

        return map(node);
    }

    /// <summary>Replaces the node with code <paramref name="code"/> by <paramref name="edit"/>'s result (null removes it); every other node is kept.</summary>
    /// <param name="root">The root.</param>
    /// <param name="code">The node's code.</param>
    /// <param name="edit">The edit of that node.</param>
    /// <returns>The new root.</returns>
    public static GroupNode Replace(GroupNode root, string code, Func<FrameworkNode, FrameworkNode?> edit) =>
        Rewrite(root, n => n.Code == code ? edit(n) : n);

    /// <summary>Finds a node by code in a tree that may not be validated yet (depth first, the first match).</summary>
    /// <param name="node">The top node.</param>
    /// <param name="code">The code.</param>
    /// <returns>The node, or <see langword="null"/>.</returns>
    public static FrameworkNode? Find(FrameworkNode node, string code)
    {
        if (node.Code == code)
        {
            return node;
        }

        if (node is GroupNode g)
        {
            foreach (var child in g.Children)
            {
                if (Find(child, code) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    /// <summary>Finds the parent of a node by code.</summary>
    /// <param name="node">The top node.</param>
    /// <param name="code">The child's code.</param>
    /// <returns>The parent, or <see langword="null"/> for the top node or an unknown code.</returns>
    public static GroupNode? ParentOf(FrameworkNode node, string code)
    {
        if (node is not GroupNode g)
        {
            return null;
        }

        foreach (var child in g.Children)
        {
            if (child.Code == code)
            {
                return g;
            }

            if (ParentOf(child, code) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Returns every code in a subtree, the top node first.</summary>
    /// <param name="node">The top node.</param>
    /// <returns>The codes, depth first.</returns>
    public static IEnumerable<string> Codes(FrameworkNode node)
    {
        yield return node.Code;
        if (node is GroupNode g)
        {
            foreach (var code in g.Children.SelectMany(Codes))
            {
                yield return code;
            }
        }
    }
}
