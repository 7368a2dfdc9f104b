using System.Globalization;
using SmartCity.Domain.Analysis;
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
public static class RubricAssert
{
    /// <summary>Expects a unit to rank within the top <paramref name="n"/> at a node.</summary>
    /// <param name="result">An evaluated result with ranks.</param>
    /// <param name="unit">The unit code.</param>
    /// <param name="n">The largest acceptable rank.</param>
    /// <param name="node">The node; the root when <see langword="null"/>.</param>
    /// <exception cref="RubricAssertionException">The unit ranks below the top n, or has no rank.</exception>
    public static void StaysInTopN(ScoreResult result, string unit, int n, string? node = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var code = node ?? result.Root;
        var rank = result.Rank(code, unit);
        if (rank is not { } r || r > n)
        {
            throw new RubricAssertionException(string.Create(CultureInfo.InvariantCulture, $"Expected {unit} in the top {n} at {code}, but it ranks {(rank is null ? "nowhere (missing score)" : rank.Value.ToString(CultureInfo.InvariantCulture))} (score {result.Score(code, unit)?.ToString(CultureInfo.InvariantCulture) ?? "missing"})."));
        }
    }

    /// <summary>Expects no unit's rank at a node to move by more than <paramref name="k"/> places.</summary>
    /// <param name="diff">A score diff (from <see cref="WhatIf"/> or <see cref="RubricDiff.EffectOn"/>).</param>
    /// <param name="k">The largest acceptable move.</param>
    /// <param name="node">The node; the root when <see langword="null"/>.</param>
    /// <exception cref="RubricAssertionException">Some unit moved further; the message lists the biggest movers.</exception>
    public static void NoRankMovesMoreThan(ScoreDiff diff, int k, string? node = null)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var movers = diff.BiggestMovers(node, 5).Where(c => Math.Abs(c.RankMove) > k).ToList();
        if (movers.Count > 0)
        {
            throw new RubricAssertionException($"Expected no rank at {node ?? diff.Root} to move by more than {k}, but: " +
                string.Join("; ", movers.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Unit} {c.RankBefore} → {c.RankAfter}"))) + ".");
        }
    }

    /// <summary>Expects the only difference between two editions to be the weights of the listed nodes.</summary>
    /// <param name="diff">The rubric diff.</param>
    /// <param name="nodes">The nodes whose weights are meant to change.</param>
    /// <exception cref="RubricAssertionException">Something else changed, or a listed weight did not.</exception>
    public static void OnlyTheseWeightsChanged(RubricDiff diff, params string[] nodes)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(nodes);
        var expected = new HashSet<string>(nodes, StringComparer.Ordinal);
        var unexpected = diff.Changes.Where(c => c.Kind != RubricChangeKind.WeightChanged || !expected.Contains(c.Node)).ToList();
        var unchanged = expected.Where(n => !diff.Changes.Any(c => c.Kind == RubricChangeKind.WeightChanged && c.Node == n)).ToList();
        if (unexpected.Count > 0 || unchanged.Count > 0)
        {
            throw new RubricAssertionException(
                (unexpected.Count > 0 ? "Unexpected changes: " + string.Join("; ", unexpected) + ". " : string.Empty)
                + (unchanged.Count > 0 ? "Weights expected to change but unchanged: " + string.Join(", ", unchanged) + "." : string.Empty));
        }
    }
}
