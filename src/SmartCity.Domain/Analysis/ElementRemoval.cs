using System.Collections.Immutable;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Analysis;

/// <summary>The effect of removing one component (its weight set to 0) on the index ranks.</summary>
/// <param name="Node">The removed node.</param>
/// <param name="MeanAbsoluteRankChange">
/// The mean over units of |nominal rank − rank without the node| (COINr's <c>MeanAbsDiff</c>), over the units ranked
/// both ways; <see langword="null"/> when there are none.
/// </param>
/// <param name="RankMoves">
/// Per unit, in dataset row order, nominal rank − rank without the node: <b>positive means the unit moved up</b> when the
/// node is removed. The sign of <see cref="ScoreChange.RankMove"/> and of COINr's <c>RankDiffs</c>;
/// <see langword="null"/> where either rank is missing.
/// </param>
public sealed record RemovalEffect(string Node, double? MeanAbsoluteRankChange, ImmutableArray<int?> RankMoves)
{
    /// <inheritdoc/>
    public bool Equals(RemovalEffect? other) =>
        other is not null && Node == other.Node && MeanAbsoluteRankChange.Equals(other.MeanAbsoluteRankChange) && RankMoves.SequenceEqual(other.RankMoves);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Node, MeanAbsoluteRankChange, RankMoves.Length);
}

/// <summary>
/// Removes each component of a level in turn — its weight set to 0, the rest renormalised, as COINr's
/// <c>remove_elements</c> — and reports how the index ranks change. Incremental: only aggregation is recomputed.
/// </summary>
public static class ElementRemoval
{
    /// <summary>Runs the removals.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="data">The dataset.</param>
    /// <param name="level">The level whose nodes are removed one at a time (1 = indicators); below the index.</param>
    /// <returns>One effect per node of the level, in framework order, or errors.</returns>
    public static OneOf<ImmutableArray<RemovalEffect>, ValidationErrors> Run(RatingFramework framework, Dataset data, int level)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(data);
        if (level < 1 || level >= framework.LevelCount)
        {
            return ValidationErrors.Single(ErrorCodes.AnalysisSpec, "level", $"The level must be between 1 and {framework.LevelCount - 1}.", level.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var plan = ScoringPlan.Compile(framework);
        var result = plan.CreateWorkspace(data.UnitCount);
        if (plan.Evaluate(data, result).TryPickT1(out var errors, out _))
        {
            return errors;
        }

        var root = framework.Root.Code;
        var nominal = result.Ranks(root).ToArray();
        var effects = ImmutableArray.CreateBuilder<RemovalEffect>();
        var nodes = framework.Groups.Cast<FrameworkNode>().Concat(framework.Indicators)
            .Where(n => n.Code != root && framework.LevelOf(n.Code) == level)
            .OrderBy(n => plan.IndexOf(n.Code));
        foreach (var node in nodes)
        {
            result.ResetWeights();
            result.SetWeight(node.Code, 0);
            if (plan.Reaggregate(result).TryPickT1(out errors, out _))
            {
                return errors;
            }

            var ranks = result.Ranks(root);
            var moves = new int?[data.UnitCount];
            long sum = 0;
            var count = 0;
            for (var u = 0; u < moves.Length; u++)
            {
                var move = ScoreDiff.RankOf(nominal[u]) - ScoreDiff.RankOf(ranks[u]);
                moves[u] = move;
                if (move is { } m)
                {
                    sum += Math.Abs(m);
                    count++;
                }
            }

            effects.Add(new RemovalEffect(node.Code, count == 0 ? null : (double)sum / count, [.. moves]));
        }

        return effects.ToImmutable();
    }
}
