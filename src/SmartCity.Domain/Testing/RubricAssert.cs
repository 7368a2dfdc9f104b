using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Testing;

/// <summary>Thrown by <see cref="RubricAssert"/> when a rubric expectation fails; every test framework reports it as a failure.</summary>
public sealed class RubricAssertionException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RubricAssertionException"/> class.</summary>
    public RubricAssertionException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RubricAssertionException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public RubricAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RubricAssertionException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public RubricAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Expectations for rubric authors' own tests, usable from any test framework (xunit, NUnit, MSTest): each throws a
/// <see cref="RubricAssertionException"/> with a readable message when it fails. See <c>docs/rubric-testing.md</c>.
/// </summary>
/// <remarks>
/// Failure messages name units by name and code (the dataset's <c>uName</c> attribute, when it has one), give rank and
/// score before → after, say how many units broke the expectation, list what caused the change (the scenario's edits or
/// the rubric changes) and, per failing unit, the indicators whose contribution to the node changed most. An unknown
/// unit or node code fails with a <see cref="RubricAssertionException"/> that says so.
/// </remarks>
public static class RubricAssert
{
    private const int MaxListed = 5;
    private const int MaxDrivers = 3;

    /// <summary>Expects a unit to rank within the top <paramref name="n"/> at a group.</summary>
    /// <param name="result">A scored result.</param>
    /// <param name="unit">The unit code.</param>
    /// <param name="n">The largest acceptable rank.</param>
    /// <param name="node">The group; the root when <see langword="null"/>.</param>
    /// <exception cref="RubricAssertionException">The unit ranks below the top n or has no score, or the unit or node is unknown.</exception>
    public static void StaysInTopN(ScoreResult result, string unit, int n, string? node = null)
    {
        Guard.Against.Null(result);
        Guard.Against.Null(unit);
        var code = node ?? RootOf(result);
        RequireGroup(result, code);
        RequireUnit(result, unit);
        double? rank = result.Rank(code, unit);
        if (Missing(rank) || rank > n)
        {
            throw new RubricAssertionException(string.Create(CultureInfo.InvariantCulture,
                $"Expected {Name(result, unit)} in the top {n} at {code}, but it {RankText(rank, UnitsOf(result).Length)} (score {ScoreText(result.Score(code, unit))})."));
        }
    }

    /// <summary>Expects a unit to rank within the top <paramref name="n"/> at a group after a change.</summary>
    /// <param name="diff">A score diff (from <see cref="WhatIf"/> or <see cref="RubricDiff.EffectOn"/>).</param>
    /// <param name="unit">The unit code.</param>
    /// <param name="n">The largest acceptable rank after the change.</param>
    /// <param name="node">The group; the root when <see langword="null"/>.</param>
    /// <exception cref="RubricAssertionException">
    /// The unit ranks below the top n after the change (the message gives rank and score before → after, the causes and the
    /// indicators that drove the change), or the unit or node is unknown.
    /// </exception>
    public static void StaysInTopNAfter(ScoreDiff diff, string unit, int n, string? node = null)
    {
        Guard.Against.Null(diff);
        Guard.Against.Null(unit);
        var code = node ?? diff.Root;
        RequireGroup(diff.After, code);
        RequireUnit(diff.After, unit);
        double? rank = diff.After.Rank(code, unit);
        if (Missing(rank) || rank > n)
        {
            var change = diff.Changes.First(c => c.Node == code && c.Unit == unit);
            throw new RubricAssertionException(string.Create(CultureInfo.InvariantCulture,
                $"Expected {Name(diff.After, unit)} in the top {n} at {code} after the change, but it {RankText(rank, UnitsOf(diff.After).Length)}:")
                + Environment.NewLine + "- " + Line(diff, change) + Causes(diff));
        }
    }

    /// <summary>Expects no unit's rank at a group to move by more than <paramref name="k"/> places.</summary>
    /// <param name="diff">A score diff (from <see cref="WhatIf"/> or <see cref="RubricDiff.EffectOn"/>).</param>
    /// <param name="k">The largest acceptable move.</param>
    /// <param name="node">The group; the root when <see langword="null"/>.</param>
    /// <exception cref="RubricAssertionException">
    /// Some unit moved further: the message says how many, lists the biggest movers with rank and score before → after and
    /// the indicators that drove each move, and the causes of the change. Also thrown for an unknown node.
    /// </exception>
    public static void NoRankMovesMoreThan(ScoreDiff diff, int k, string? node = null)
    {
        Guard.Against.Null(diff);
        var code = node ?? diff.Root;
        if (!diff.Changes.Any(c => c.Node == code))
        {
            throw new RubricAssertionException($"Expected ranks at '{code}', but the diff has no group '{code}' in both results (groups: {string.Join(", ", diff.Changes.Select(c => c.Node).Distinct())}).");
        }

        var broken = diff.Changes.Where(c => c.Node == code && c.RankMove is { } m && Math.Abs(m) > k)
            .OrderByDescending(c => Math.Abs(c.RankMove!.Value)).ThenBy(c => c.Unit, StringComparer.Ordinal).ToList();
        if (broken.Count > 0)
        {
            var total = diff.Changes.Count(c => c.Node == code);
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
                $"Expected no rank at {code} to move by more than {k} {(k == 1 ? "place" : "places")}, but {broken.Count} of {total} units did{(broken.Count > MaxListed ? $" (the {MaxListed} biggest moves listed)" : string.Empty)}:"));
            foreach (var c in broken.Take(MaxListed))
            {
                text.AppendLine().Append("- ").Append(Line(diff, c));
            }

            throw new RubricAssertionException(text.Append(Causes(diff)).ToString());
        }
    }

    /// <summary>
    /// Expects the only differences between two editions to be the weights of the listed nodes, and each of those weights
    /// to have changed. Every other difference (names, units, tiers, provenance, methods, directions, structure, defaults,
    /// framework metadata) fails.
    /// </summary>
    /// <param name="diff">The rubric diff.</param>
    /// <param name="nodes">The nodes whose weights are meant to change.</param>
    /// <exception cref="RubricAssertionException">Something else changed, or a listed weight did not; a listed code that is in neither edition is named as unknown.</exception>
    public static void OnlyTheseWeightsChanged(RubricDiff diff, params string[] nodes)
    {
        Guard.Against.Null(diff);
        Guard.Against.Null(nodes);
        var unknown = nodes.Where(n => diff.Before.Find(n) is null && diff.After.Find(n) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new RubricAssertionException($"Unknown node {string.Join(", ", unknown.Select(n => "'" + n + "'"))}: neither edition has it.");
        }

        var expected = new HashSet<string>(nodes, StringComparer.Ordinal);
        var unexpected = diff.Changes.Where(c => c.Kind != RubricChangeKind.WeightChanged || !expected.Contains(c.Node)).ToList();
        var unchanged = expected.Where(n => !diff.Changes.Any(c => c.Kind == RubricChangeKind.WeightChanged && c.Node == n)).ToList();
        if (unexpected.Count > 0 || unchanged.Count > 0)
        {
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"Expected only the weights of {string.Join(", ", nodes)} to change"));
            if (unexpected.Count > 0)
            {
                text.Append(string.Create(CultureInfo.InvariantCulture, $", but {unexpected.Count} other {(unexpected.Count == 1 ? "change" : "changes")}:"));
                foreach (var c in unexpected)
                {
                    text.AppendLine().Append("- ").Append(c);
                }
            }

            if (unchanged.Count > 0)
            {
                text.Append(unexpected.Count > 0 ? Environment.NewLine + "and" : ", but").Append(" these weights did not change: ").Append(string.Join(", ", unchanged)).Append('.');
            }

            var weights = diff.Changes.Where(c => c.Kind == RubricChangeKind.WeightChanged && expected.Contains(c.Node)).ToList();
            if (weights.Count > 0)
            {
                text.AppendLine().Append("Weight changes: ").Append(string.Join("; ", weights));
            }

            throw new RubricAssertionException(text.ToString());
        }
    }

    // The one place that reads results (Score, Rank, GetContributions by code), so that the result type can change under it.
    private static string RootOf(ScoreResult result) => result.Plan.NodeCodes[result.Plan.RootIndex];

    private static ImmutableArray<string> UnitsOf(ScoreResult result) => result.Data?.Units ?? [];

    private static string Name(ScoreResult result, string unit) =>
        result.Data?.Attribute(unit, "uName") is { Length: > 0 } name && name != unit ? $"{name} ({unit})" : unit;

    private static void RequireUnit(ScoreResult result, string unit)
    {
        var units = UnitsOf(result);
        if (!units.Contains(unit))
        {
            throw new RubricAssertionException($"Unknown unit '{unit}': the result has {units.Length} units ({List(units)}).");
        }
    }

    private static void RequireGroup(ScoreResult result, string node)
    {
        Guard.Against.Null(node);
        var framework = result.Plan.Framework;
        switch (framework.Find(node))
        {
            case null:
                throw new RubricAssertionException($"Unknown node '{node}': the framework {framework.Code} {framework.Edition} has no such group (groups: {List(framework.Groups.Select(g => g.Code))}).");
            case Indicator:
                throw new RubricAssertionException($"'{node}' is an indicator; ranks are kept for groups (groups: {List(framework.Groups.Select(g => g.Code))}).");
        }
    }

    private static string List(IEnumerable<string> codes)
    {
        var all = codes.ToList();
        return all.Count <= 10 ? string.Join(", ", all) : string.Join(", ", all.Take(10)) + ", …";
    }

    private static bool Missing(double? value) => value is null;

    private static string RankText(double? rank, int units) =>
        Missing(rank) ? "has no rank (missing score)" : string.Create(CultureInfo.InvariantCulture, $"ranks {rank} of {units}");

    private static string ScoreText(double? score) => Missing(score) ? "missing" : score!.Value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Signed(double value) => (value >= 0 ? "+" : "−") + Math.Abs(value).ToString("0.###", CultureInfo.InvariantCulture);

    private static string RankOrMissing(double? rank) => Missing(rank) ? "none" : rank!.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One failing unit: rank and score before → after, then the indicators whose contribution changed most.</summary>
    private static string Line(ScoreDiff diff, ScoreChange c)
    {
        double? scoreBefore = c.ScoreBefore;
        double? scoreAfter = c.ScoreAfter;
        var line = $"{Name(diff.After, c.Unit)}: rank {RankOrMissing(c.RankBefore)} → {RankOrMissing(c.RankAfter)}, score {ScoreText(scoreBefore)} → {ScoreText(scoreAfter)}";
        if (!Missing(scoreBefore) && !Missing(scoreAfter))
        {
            line += $" ({Signed(scoreAfter!.Value - scoreBefore!.Value)})";
        }

        var (children, indicators) = Drivers(diff, c.Node, c.Unit);
        if (children.Count > 1)
        {
            line += "; contribution changes by part: " + string.Join(", ", children);
        }

        return indicators.Count == 0 ? line : line + "; indicators that changed most: " + string.Join(", ", indicators);
    }

    /// <summary>
    /// The change of the unit's contributions to the node: summed by the node's children (largest first), and the indicators
    /// whose contribution changed most (an indicator in one result only counts 0 in the other).
    /// </summary>
    private static (List<string> Children, List<string> Indicators) Drivers(ScoreDiff diff, string node, string unit)
    {
        var before = diff.Before.GetContributions(node);
        var after = diff.After.GetContributions(node);
        var ub = before.Units.IndexOf(unit);
        var ua = after.Units.IndexOf(unit);
        if (ub < 0 || ua < 0)
        {
            return ([], []);
        }

        var deltas = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < after.Indicators.Length; i++)
        {
            deltas[after.Indicators[i]] = after[ua, i] ?? double.NaN;
        }

        for (var i = 0; i < before.Indicators.Length; i++)
        {
            deltas[before.Indicators[i]] = deltas.GetValueOrDefault(before.Indicators[i]) - (before[ub, i] ?? double.NaN);
        }

        var changed = deltas.Where(d => !double.IsNaN(d.Value) && Math.Abs(d.Value) > 1e-9).ToList();
        var byChild = changed
            .GroupBy(d => ChildOf(diff.After.Plan.Framework, node, d.Key) ?? ChildOf(diff.Before.Plan.Framework, node, d.Key) ?? d.Key, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Delta: g.Sum(d => d.Value)))
            .Where(g => Math.Abs(g.Delta) > 1e-9)
            .OrderByDescending(g => Math.Abs(g.Delta)).ThenBy(g => g.Code, StringComparer.Ordinal)
            .Select(g => $"{g.Code} {Signed(g.Delta)}").ToList();
        var top = changed.OrderByDescending(d => Math.Abs(d.Value)).ThenBy(d => d.Key, StringComparer.Ordinal)
            .Take(MaxDrivers).Select(d => $"{d.Key} {Signed(d.Value)}").ToList();
        return (byChild, top);
    }

    /// <summary>The child of <paramref name="node"/> whose subtree holds <paramref name="indicator"/>, or null.</summary>
    private static string? ChildOf(RatingFramework framework, string node, string indicator)
    {
        for (var c = indicator; framework.ParentOf(c) is { } parent; c = parent.Code)
        {
            if (parent.Code == node)
            {
                return c;
            }
        }

        return null;
    }

    private static string Causes(ScoreDiff diff) =>
        diff.Causes.IsEmpty ? string.Empty : Environment.NewLine + "Caused by: " + string.Join("; ", diff.Causes);
}
