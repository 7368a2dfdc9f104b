using SmartCity.Domain.Collections;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Properties;

/// <summary>
/// Builds valid frameworks of random shape: every kind of scale, method override and option appears. Properties build
/// them from <see cref="Draws"/> (so that a failure shrinks to a small framework); examples from a fixed seed.
/// </summary>
public static class RandomFrameworks
{
    /// <summary>The framework of a fixed seed (an example; its code is <c>gen-</c> and the seed).</summary>
    public static RatingFramework Build(int seed, int maxDepth = 3, bool positiveOnly = false, bool plain = false) =>
        Build(new Random(seed), "gen-" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture), maxDepth, positiveOnly, plain);

    /// <summary>The framework whose every choice is read from <paramref name="rng"/> (all zeros give the smallest framework: one indicator under the index, or under one group with <paramref name="grouped"/>).</summary>
    /// <param name="rng">Where every choice is read from.</param>
    /// <param name="code">The framework's code.</param>
    /// <param name="maxDepth">The deepest level of groups.</param>
    /// <param name="positiveOnly">Only methods whose results are positive (ratio scales, min–max 1–100), so that geometric and harmonic means apply.</param>
    /// <param name="plain">No imputation and no outlier treatment.</param>
    /// <param name="grouped">Every child of the index is a group (so that the framework has at least three levels).</param>
    public static RatingFramework Build(Random rng, string code = "gen", int maxDepth = 3, bool positiveOnly = false, bool plain = false, bool grouped = false)
    {
        var counter = 0;
        var root = (GroupNode)Node(0);
        var methods = new ScoringMethods(
            positiveOnly ? NormalisationMethod.MinMax(1, 100).GetValueOrThrow() : Pick(rng, DefaultNormalisations),
            positiveOnly ? Pick<AggregationMethod>(rng, [AggregationMethod.Arithmetic, AggregationMethod.Geometric, AggregationMethod.Harmonic]) : AggregationMethod.Arithmetic,
            rng.Next(3) == 0 ? MissingDataRule.WithCoverageThreshold(Math.Round(rng.NextDouble(), 2)).GetValueOrThrow() : MissingDataRule.SkipAndRenormalise,
            plain ? ImputationMethod.None : Pick<ImputationMethod>(rng, [ImputationMethod.None, ImputationMethod.ColumnMean, ImputationMethod.ColumnMedian]),
            plain ? OutlierTreatment.None : Pick<OutlierTreatment>(rng, [OutlierTreatment.None, OutlierTreatment.CoinrDefault, OutlierTreatment.Combine]));
        return RatingFramework.Create(
            code,
            LocalizedText.Of(rng.Next(2) == 0 ? "Generated" : null, "Buatan"),
            (2000 + rng.Next(30)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            root,
            methods,
            rng.Next(2) == 0 ? null : "A generated framework.",
            sizeClasses: rng.Next(2) == 0 ? SmartCity.Domain.Catalogue.SizeClassSchemes.Rkci : null).GetValueOrThrow();

        FrameworkNode Node(int depth)
        {
            var code = (depth == 0 ? "Index" : "n") + counter++;
            var asGroup = depth == 0 || (depth == 1 && grouped) || (depth < maxDepth && rng.Next(3) != 0);
            var weight = depth == 0 ? 1 : RandomWeight(rng);
            if (asGroup)
            {
                var n = rng.Next(1, 5);
                var children = new List<FrameworkNode>();
                for (var i = 0; i < n; i++)
                {
                    children.Add(Node(depth + 1));
                }

                if (children.All(c => c.Weight == 0))
                {
                    children[0] = Reweight(children[0], 1);
                }

                return GroupNode.Create(
                    code,
                    LocalizedText.Of("Group " + code),
                    Pick<NodeRole>(rng, [NodeRole.Pillar, NodeRole.Enabler, NodeRole.Dimension, NodeRole.Create("custom-role").GetValueOrThrow()]),
                    children,
                    weight,
                    aggregation: positiveOnly || rng.Next(3) != 0 ? null : Pick<AggregationMethod>(rng, [AggregationMethod.Arithmetic, AggregationMethod.Minimum, AggregationMethod.Copeland, AggregationMethod.Generalised(2).GetValueOrThrow()]),
                    missingData: rng.Next(4) == 0 ? MissingDataRule.WithCoverageThreshold(0.5).GetValueOrThrow() : null,
                    tags: rng.Next(3) == 0 ? ["tag-a", "tag-b"] : null).GetValueOrThrow();
            }

            var scale = positiveOnly ? IndicatorScale.Ratio : Pick<IndicatorScale>(rng, [
                IndicatorScale.Ratio,
                IndicatorScale.Percentage,
                IndicatorScale.Count,
                IndicatorScale.YesNo,
                IndicatorScale.Likert(1, 5).GetValueOrThrow(),
                IndicatorScale.Levels(["low", "mid", "high"]).GetValueOrThrow(),
                IndicatorScale.Checklist(["a", "b", "c", "d"]).GetValueOrThrow(),
            ]);
            Goalposts? goalposts = scale is RatioScale && rng.Next(2) == 0
                ? Goalposts.Create(-rng.Next(100), rng.Next(1, 100), Pick<double>(rng, [1.0, 100.0]), rng.Next(2) == 0).GetValueOrThrow()
                : null;
            double? target = scale is RatioScale && rng.Next(2) == 0 ? rng.NextDouble() * 50 : null;
            NormalisationMethod? normalisation = positiveOnly ? null : (rng.Next(4), scale) switch
            {
                (0, not RatioScale and not CountScale) => NormalisationMethod.ScaleMapping(0, 100).GetValueOrThrow(),
                (1, _) when goalposts is not null => NormalisationMethod.Goalposts,
                (2, _) when target is not null => NormalisationMethod.DistanceToTarget(rng.Next(2) == 0),
                (3, _) => Pick<NormalisationMethod>(rng, [NormalisationMethod.Rank, NormalisationMethod.ZScore(10, 2).GetValueOrThrow(), NormalisationMethod.PercentileRank]),
                _ => null,
            };
            return Indicator.Create(
                code,
                LocalizedText.Of("Indicator " + code, rng.Next(2) == 0 ? "Indikator " + code : null),
                scale,
                rng.Next(3) == 0 ? Direction.LowerIsBetter : Direction.HigherIsBetter,
                weight,
                unit: rng.Next(2) == 0 ? "%" : null,
                goalposts: goalposts,
                target: target,
                tier: Pick<IndicatorTier>(rng, [IndicatorTier.Core, IndicatorTier.Supporting]),
                normalisation: normalisation,
                imputation: !plain && rng.Next(5) == 0 ? ImputationMethod.GroupMean("province").GetValueOrThrow() : null,
                treatment: !plain && rng.Next(5) == 0 ? OutlierTreatment.WinsoriseOnly(3).GetValueOrThrow() : null,
                provenance: rng.Next(3) == 0 ? new Provenance(Confidence.Illustrative, "test") : null).GetValueOrThrow();
        }
    }

    private static readonly NormalisationMethod[] DefaultNormalisations =
    [
        NormalisationMethod.MinMaxDefault,
        NormalisationMethod.ZScore(0, 1).GetValueOrThrow(),
        NormalisationMethod.Rank,
        NormalisationMethod.DistanceToMax,
    ];

    private static double RandomWeight(Random rng) => rng.Next(6) switch
    {
        0 => 0,
        1 => 0.1 + rng.Next(90) / 10.0,
        _ => rng.Next(1, 5),
    };

    private static T Pick<T>(Random rng, T[] items) => items[rng.Next(items.Length)];

    public static FrameworkNode Reweight(FrameworkNode node, double weight) => node with { Weight = weight };

    public static GroupNode WithChildren(GroupNode g, IEnumerable<FrameworkNode> children, AggregationMethod? aggregation = null) =>
        g with { Children = EquatableArray.Create(children), Aggregation = aggregation ?? g.Aggregation };
}
