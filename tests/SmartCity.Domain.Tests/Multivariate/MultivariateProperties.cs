using FsCheck.Xunit;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Multivariate;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Tests.Properties;
using SmartCity.Domain.Tests.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Multivariate;

public class MultivariateProperties
{
    /// <summary>Two columns from shrinkable integer arrays; multiples of 7 are missing.</summary>
    private static (double?[] X, double?[] Y) Columns(int[] xs, int[] ys)
    {
        var n = Math.Min(xs.Length, ys.Length);
        static double? Cell(int v) => v % 7 == 0 ? null : v;
        return ([.. xs.Take(n).Select(Cell)], [.. ys.Take(n).Select(Cell)]);
    }

    [Property(MaxTest = 500)]
    public void ACorrelation_IsInMinusOneToOne_AndSymmetric(int[] xs, int[] ys, bool spearman)
    {
        var (x, y) = Columns(xs, ys);
        var method = spearman ? CorrelationMethod.Spearman : CorrelationMethod.Pearson;
        var r = Correlations.Coefficient(x, y, method);
        Assert.Equal(r, Correlations.Coefficient(y, x, method));
        if (r is { } v)
        {
            Assert.InRange(v, -1, 1);
        }

        // A column with itself: 1 unless constant or too short.
        var self = Correlations.Coefficient(x, x, method);
        Assert.True(self is null || Math.Abs(self.Value - 1) < 1e-12);
    }

    [Property(MaxTest = 60)]
    public void ACorrelationMatrix_IsSymmetric_WithPValuesInZeroToOne(int seed, bool spearman)
    {
        var f = RandomFrameworks.Build(seed, positiveOnly: true, plain: true);
        var data = AnalysisData.FromDataset(f, RandomData.For(f, seed, missing: 0.2)).GetValueOrThrow();
        var codes = data.Columns;
        var m = Correlations.Matrix(data, codes, options: new CorrelationOptions(spearman ? CorrelationMethod.Spearman : CorrelationMethod.Pearson, 0)).GetValueOrThrow();
        for (var i = 0; i < codes.Length; i++)
        {
            for (var j = 0; j < codes.Length; j++)
            {
                Assert.Equal(m.Values[i][j], m.Values[j][i]);
                Assert.Equal(m.PValues[i][j], m.PValues[j][i]);
                Assert.True(m.Values[i][j] is null or >= -1 and <= 1);
                Assert.True(m.PValues[i][j] is null or >= 0 and <= 1);
            }
        }
    }

    [Property(MaxTest = 60)]
    public void CronbachsAlpha_IsAtMostOne(int seed)
    {
        var f = RandomFrameworks.Build(seed, positiveOnly: true, plain: true);
        var data = AnalysisData.FromDataset(f, RandomData.For(f, seed, missing: 0.15)).GetValueOrThrow();
        foreach (var g in Cronbach.ByGroup(data).GetValueOrThrow())
        {
            Assert.True(g.Alpha is null || g.Alpha <= 1 + 1e-12, $"{g.Group}: {g.Alpha}");
        }
    }

    [Property(MaxTest = 200)]
    public void Pca_OfARankOneMatrix_HasOneComponent_WithEqualLoadingsUpToSign(int[] ts, int seed)
    {
        // Columns a_j·t + b_j with a_j ≠ 0: every correlation is ±1, so PC1 explains everything and |loading| = 1/√k.
        var t = ts.Select(v => (double)v).Distinct().ToArray();
        if (t.Length < 3)
        {
            t = [.. t, 1e3, -1e3, 7];
        }

        var rng = new Random(seed);
        var f = Samples.Small();
        var a = Enumerable.Range(0, 5).Select(_ => (rng.NextDouble() + 0.1) * (rng.Next(2) == 0 ? -1 : 1)).ToArray();
        var values = new double[t.Length, 5];
        for (var u = 0; u < t.Length; u++)
        {
            for (var j = 0; j < 5; j++)
            {
                values[u, j] = (a[j] * t[u]) + j;
            }
        }

        var units = Enumerable.Range(0, t.Length).Select(u => "U" + u).ToArray();
        var data = AnalysisData.FromDataset(f, Dataset.Create(units, ["i1", "i2", "i3", "i4", "i5"], values).GetValueOrThrow()).GetValueOrThrow();
        var pca = Pca.Compute(data, byGroups: false).GetValueOrThrow().Groups[0];
        Assert.Equal(1, pca.VarianceExplained[0], 9);
        for (var j = 0; j < 5; j++)
        {
            Assert.Equal(1 / Math.Sqrt(5), Math.Abs(pca.Loadings[j]), 9);
            Assert.Equal(Math.Sign(a[j] * a[0]), Math.Sign(pca.Loadings[j] * pca.Loadings[0]));
        }

        Assert.True(pca.Loadings.Sum() >= 0);
    }

    [Property(MaxTest = 12)]
    public void OptimisedWeights_SumToOne_AndReportHowCloseTheTargetWasReached(int seed, bool level2)
    {
        var f = Samples.Small();
        var data = RandomData.For(f, seed, units: 25, missing: 0.05);
        var level = level2 ? 2 : 1;
        var result = OptimisedWeights.Balance(f, data, level).GetValueOrThrow();
        Assert.Equal(1, result.Weights.Sum(w => w.Weight), 12);
        Assert.All(result.Weights, w => Assert.True(w.Weight >= 0));

        // The reported deviation is that of the returned weights, recomputed from scratch.
        var scored = ScoringPlan.Compile(result.ApplyTo(f).GetValueOrThrow()).Score(data).GetValueOrThrow();
        var r = result.Components.Select(c => Correlations.Coefficient(scored.Scores(c.Node).ToArray(), scored.Scores("Index").ToArray())!.Value).ToArray();
        var shares = r.Select(v => v / r.Sum()).ToArray();
        var deviation = result.Components.Select((c, k) => Math.Abs(c.TargetShare!.Value - shares[k])).Max();
        Assert.Equal(deviation, result.MaxShareDeviation!.Value, 9);
        if (level2)
        {
            Assert.True(deviation < 1e-6 || !result.Converged || result.Weights.Any(w => w.Weight < 1e-6), $"deviation {deviation}");
        }
    }

    [Property(MaxTest = 100)]
    public void Screening_KeepsExactlyThePassingOrForcedUnits(int seed, byte threshold)
    {
        var f = RandomFrameworks.Build(seed, positiveOnly: true, plain: true);
        var data = RandomData.For(f, seed, missing: 0.3);
        var t = threshold / 255.0;
        var forcedIn = data.Units.Where((_, i) => i % 5 == 3).ToArray();
        var forcedOut = data.Units.Where((_, i) => i % 7 == 4).ToArray();
        var outcome = Screening.Run(f, data, new ScreeningOptions(DataThreshold: t, ForceInclude: [.. forcedIn], ForceExclude: [.. forcedOut]));
        if (outcome.TryPickT1(out var errors, out var result))
        {
            Assert.Equal(ErrorCodes.DataEmpty, errors[0].Code);
            return;
        }

        foreach (var row in result.Units)
        {
            var expected = !forcedOut.Contains(row.Unit) && (forcedIn.Contains(row.Unit) || row.DataAvailability >= t);
            Assert.Equal(expected, row.Included);
            Assert.Equal(1 - ((double)row.Missing / f.Indicators.Length), row.DataAvailability);
        }

        Assert.Equal(result.Units.Where(u => u.Included).Select(u => u.Unit), result.Data.Units);
    }
}
