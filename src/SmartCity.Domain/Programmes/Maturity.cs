using System.Collections.Immutable;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Programmes;

/// <summary>Maturity levels from score bands (RKCI: ad hoc, initial, scattered, integrated, smart).</summary>
public static class Maturity
{
    /// <summary>Returns every unit's level at a node.</summary>
    /// <param name="result">An evaluated result.</param>
    /// <param name="levels">The score bands (a framework's <see cref="RatingFramework.MaturityLevels"/>).</param>
    /// <param name="node">The node code.</param>
    /// <returns>One level per unit, in dataset order; <see langword="null"/> where the score is missing.</returns>
    public static ImmutableArray<SchemeClass?> LevelsOf(ScoreResult result, ClassificationScheme levels, string node)
    {
        Guard.Against.Null(result);
        Guard.Against.Null(levels);
        var scores = result.RawScores(node);
        var builder = ImmutableArray.CreateBuilder<SchemeClass?>(scores.Length);
        foreach (var s in scores)
        {
            builder.Add(levels.Classify(s));
        }

        return builder.MoveToImmutable();
    }
}
