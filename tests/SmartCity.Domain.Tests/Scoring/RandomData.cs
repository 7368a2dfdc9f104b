using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Scoring;

/// <summary>Random datasets for a framework: skewed positive values, some missing, never a constant column.</summary>
public static class RandomData
{
    /// <summary>The data of a fixed seed (an example).</summary>
    public static Dataset For(RatingFramework framework, int seed, int units = 0, double missing = 0.1) =>
        For(framework, new Random(seed), units, missing);

    /// <summary>The data whose every value is read from <paramref name="rng"/> (from <see cref="Properties.Draws"/> in properties: zeros give 6 units and no missing value).</summary>
    public static Dataset For(RatingFramework framework, Random rng, int units = 0, double missing = 0.1)
    {
        var n = units > 0 ? units : rng.Next(6, 40);
        var codes = Enumerable.Range(0, n).Select(i => "U" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var columns = framework.Indicators.Select(i => i.Code).ToArray();
        var values = new double[n, columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            for (var u = 0; u < n; u++)
            {
                // Shifted by u times the golden ratio (mod 1): still uniform, and zero draws (a shrunk case) give a spread of values, not a constant column.
                var x = (rng.NextDouble() + (u * 0.6180339887498949)) % 1;
                values[u, c] = Math.Round(Math.Exp(x * 3) * 10, 3);
            }

            // At least two distinct present values: units 0 and 1 are never missing and differ. Units 2 and 3 are never
            // missing either, so that every column has the four values outlier treatment needs (skewness and kurtosis):
            // fewer is a validation error (treatment.too-few-values), not a case these properties are about.
            values[0, c] = 1;
            values[1, c] = 2;
            for (var u = 4; u < n; u++)
            {
                // 1 − x rather than x: a zero draw (what a shrunk case reads) is a present value.
                if (1 - rng.NextDouble() <= missing)
                {
                    values[u, c] = double.NaN;
                }
            }
        }

        var groups = codes.Select((_, i) => (string?)("P" + (i % 3))).ToArray();
        return Dataset.Create(codes, columns, values, new Dictionary<string, IReadOnlyList<string?>> { ["province"] = groups }).GetValueOrThrow();
    }
}
