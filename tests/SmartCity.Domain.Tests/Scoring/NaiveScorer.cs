using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Tests.Scoring;

/// <summary>
/// A deliberately simple reference: recursive, LINQ, straight from the formulas in COINR_SEMANTICS.md, for min-max and
/// z-score normalisation and the mean family. The fast engine must agree with it.
/// </summary>
public static class NaiveScorer
{
    public static double Score(RatingFramework f, Dataset data, string node, int unit)
    {
        var n = f.Find(node)!;
        if (n is Indicator i)
        {
            var d = i.Direction == Direction.LowerIsBetter ? -1.0 : 1.0;
            var column = Enumerable.Range(0, data.UnitCount).Select(u => d * data.Value(data.Units[u], i.Code)).ToList();
            var present = column.Where(v => !double.IsNaN(v)).ToList();
            var y = column[unit];
            return f.NormalisationOf(i) switch
            {
                MinMaxNormalisation m => (y - present.Min()) / (present.Max() - present.Min()) * (m.Upper - m.Lower) + m.Lower,
                ZScoreNormalisation z => (y - present.Average()) / Math.Sqrt(present.Sum(v => (v - present.Average()) * (v - present.Average())) / (present.Count - 1)) * z.StandardDeviation + z.Mean,
                _ => throw new NotSupportedException(),
            };
        }

        var g = (GroupNode)n;
        var kids = g.Children.Select(c => (c.Weight, X: Score(f, data, c.Code, unit))).ToList();
        var have = kids.Where(k => !double.IsNaN(k.X)).ToList();
        var rule = f.MissingDataOf(g);
        if (have.Count == 0 || (rule.CoverageThreshold is { } t && (double)have.Count / kids.Count < t) || have.Sum(k => k.Weight) == 0)
        {
            return double.NaN;
        }

        var w = have.Sum(k => k.Weight);
        return f.AggregationOf(g) switch
        {
            ArithmeticMean => have.Sum(k => k.Weight * k.X) / w,
            GeometricMean => Math.Exp(have.Sum(k => k.Weight * Math.Log(k.X)) / w),
            HarmonicMean => w / have.Sum(k => k.Weight / k.X),
            GeneralisedMean p => Math.Pow(have.Sum(k => k.Weight * Math.Pow(k.X, p.P)) / w, 1 / p.P),
            MinimumAggregation => have.Where(k => k.Weight > 0).Min(k => k.X),
            _ => throw new NotSupportedException(),
        };
    }
}
