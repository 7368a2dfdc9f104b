using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Benchmarks;

/// <summary>
/// The COINr comparison shape (conformance case C): 514 units × 60 indicators → 12 dimensions → 6 pillars → index,
/// 13 lower-is-better indicators, 5 % of cells missing, generated from a seed. The scale sweep widens it: more units, or
/// more indicators per dimension (50 gives 600 indicators).
/// </summary>
public static class CaseCShape
{
    public const int Units = 514;
    public const int IndicatorsPerDimension = 5;

    public static RatingFramework Framework(ScoringMethods methods, int seed = 42, int indicatorsPerDimension = IndicatorsPerDimension)
    {
        var rng = new Random(seed);
        var pillars = new List<FrameworkNode>();
        var i = 0;
        for (var p = 1; p <= 6; p++)
        {
            var dims = new List<FrameworkNode>();
            for (var d = 1; d <= 2; d++)
            {
                var dim = ((p - 1) * 2) + d;
                var inds = new List<FrameworkNode>();
                for (var k = 0; k < indicatorsPerDimension; k++)
                {
                    i++;
                    inds.Add(Indicator.Create(
                        $"i{i:D2}",
                        LocalizedText.Of($"Indicator {i}"),
                        direction: i % 5 == 3 && i <= 65 && i / 5 < 13 ? Direction.LowerIsBetter : Direction.HigherIsBetter,
                        weight: rng.Next(1, 4)).GetValueOrThrow());
                }

                dims.Add(GroupNode.Create($"D{dim:D2}", LocalizedText.Of($"Dimension {dim}"), NodeRole.Dimension, inds, rng.Next(1, 3)).GetValueOrThrow());
            }

            pillars.Add(GroupNode.Create($"P{p}", LocalizedText.Of($"Pillar {p}"), NodeRole.Pillar, dims, rng.Next(1, 3)).GetValueOrThrow());
        }

        var root = GroupNode.Create("Index", LocalizedText.Of("Index"), NodeRole.Index, pillars).GetValueOrThrow();
        return RatingFramework.Create("case-c", LocalizedText.Of("Case C shape"), "bench", root, methods).GetValueOrThrow();
    }

    public static Dataset Data(RatingFramework framework, int seed = 42, double missing = 0.05, int units = Units)
    {
        var rng = new Random(seed);
        var columns = framework.Indicators.Select(x => x.Code).ToArray();
        var values = new double[units * columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            for (var u = 0; u < units; u++)
            {
                values[(c * units) + u] = rng.NextDouble() < missing && u > 1 ? double.NaN : Math.Exp(rng.NextDouble() * 4);
            }
        }

        var codes = Enumerable.Range(1, units).Select(u => $"R{u:D3}").ToArray();
        return Dataset.CreateColumnMajor(codes, columns, values).GetValueOrThrow();
    }
}
