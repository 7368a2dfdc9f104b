using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Multivariate;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Tests.Properties;
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
    public Property ACorrelationMatrix_IsSymmetric_WithOnesOnTheDiagonal_AndPValuesInZeroToOne() =>
        Prop.ForAll(AnalysisCases.Arbitrary(missingPercent: 20), c =>
        {
            var (f, d) = c.Build();
            var data = AnalysisData.FromDataset(f, d).GetValueOrThrow();
            var codes = data.Columns;
            var m = Correlations.Matrix(data, codes, options: new CorrelationOptions(c.Flag ? CorrelationMethod.Spearman : CorrelationMethod.Pearson, 0)).GetValueOrThrow();
            for (var i = 0; i < codes.Length; i++)
            {
                // No column is constant and rows 0 and 1 are always present and differ: r(x, x) is defined and 1.
                Assert.Equal(1, m.Values[i][i]!.Value, 12);
                for (var j = 0; j < codes.Length; j++)
                {
                    Assert.Equal(m.Values[i][j], m.Values[j][i]);
                    Assert.Equal(m.PValues[i][j], m.PValues[j][i]);
                    Assert.True(m.Values[i][j] is null or >= -1 and <= 1, $"r({codes[i]}, {codes[j]}) = {m.Values[i][j]}");
                    Assert.True(m.PValues[i][j] is null or >= 0 and <= 1, $"p({codes[i]}, {codes[j]}) = {m.PValues[i][j]}");
                }
            }
        });

    [Property(MaxTest = 60)]
    public Property CronbachsAlpha_WithoutMissingValues_IsAtMostOne() =>
        // Only without missing values: COINr's pairwise covariances (each over the units where both values are present)
        // need not form a positive semi-definite matrix, and then alpha exceeds 1 (FsCheck found 1.2 for two indicators
        // over 6 units with values missing), in COINr as here.
        Prop.ForAll(AnalysisCases.Arbitrary(missingPercent: 0), c =>
        {
            var (f, d) = c.Build();
            var data = AnalysisData.FromDataset(f, d).GetValueOrThrow();
            foreach (var g in Cronbach.ByGroup(data).GetValueOrThrow())
            {
                Assert.True(g.Alpha is null || g.Alpha <= 1 + 1e-12, $"{g.Group}: {g.Alpha}");
            }
        });

    [Property(MaxTest = 200)]
    public void Pca_OfARankOneMatrix_HasOneComponent_WithEqualLoadingsUpToSign(int[] ts, sbyte[] slopes)
    {
        // Columns a_j·t + j with a_j ≠ 0: every correlation is ±1, so PC1 explains everything and |loading| = 1/√k.
        var t = ts.Select(v => (double)v).Distinct().ToArray();
        if (t.Length < 3)
        {
            t = [.. t.Concat([1e3, -1e3, 7]).Distinct()];
        }

        var f = Samples.Small();
        var a = Enumerable.Range(0, 5).Select(j => slopes.Length == 0 ? 1.0 : (slopes[j % slopes.Length] is var s && s < 0 ? -1 : 1) * (1 + (Math.Abs((int)slopes[j % slopes.Length]) % 9))).ToArray();
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
        Assert.Equal(5, pca.Eigenvalues[0], 9); // the trace of a 5 × 5 correlation matrix, all on one component
        for (var j = 0; j < 5; j++)
        {
            Assert.Equal(1 / Math.Sqrt(5), Math.Abs(pca.Loadings[j]), 9);
            Assert.Equal(Math.Sign(a[j] * a[0]), Math.Sign(pca.Loadings[j] * pca.Loadings[0]));
        }

        Assert.True(pca.Loadings.Sum() >= 0);
    }

    /// <summary>The small framework's five indicators over 2–13 units from a shrinkable array; multiples of 5 are missing.</summary>
    private static AnalysisData Data(int[] cells, byte units) =>
        AnalysisData.FromDataset(Samples.Small(), DatasetOf(cells, units)).GetValueOrThrow();

    private static Dataset DatasetOf(int[] cells, byte units)
    {
        var n = 2 + (units % 12);
        var values = new double[n, 5];
        for (var u = 0; u < n; u++)
        {
            for (var j = 0; j < 5; j++)
            {
                var code = cells.Length == 0 ? 0 : cells[((u * 5) + j) % cells.Length];
                values[u, j] = code % 5 == 0 ? double.NaN : code % 50; // few distinct values: ties and repeats
            }
        }

        return Dataset.Create([.. Enumerable.Range(0, n).Select(u => "U" + u)], ["i1", "i2", "i3", "i4", "i5"], values).GetValueOrThrow();
    }

    [Property(MaxTest = 25)]
    public void OptimisedWeights_InfoMax_NeverEndsWorseThanItsStart(int[] cells, byte units, bool level2)
    {
        var f = Samples.Small();
        var data = DatasetOf(cells, (byte)(units | 8)); // 10+ units
        var outcome = OptimisedWeights.InfoMax(f, data, level2 ? 2 : 1);
        if (outcome.TryPickT1(out var errors, out var result))
        {
            Assert.NotEmpty(errors); // data the framework cannot score (a constant column) or without correlations
            return;
        }

        Assert.Equal(1, result.Weights.Sum(w => w.Weight), 12);
        Assert.All(result.Weights, w => Assert.True(w.Weight >= 0));
        Assert.Null(result.MaxShareDeviation);
        if (result.Objective is { } end && result.InitialObjective is { } start)
        {
            Assert.True(end <= start + 1e-9, $"infomax ended at {end}, started at {start}"); // −Σ r: lower is better
        }
    }

    [Property(MaxTest = 500)]
    public void Statistics_AreOrdered_CountedOverThePresentValues_AndFlaggedAtTheirThresholds(int[] cells, byte units)
    {
        var data = Data(cells, units);
        var table = IndicatorStatistics.Compute(data).GetValueOrThrow();
        var t = table.Thresholds;
        foreach (var c in table.Columns)
        {
            var x = data.Column(data.ColumnIndex(c.Code)).ToArray().Where(v => !double.IsNaN(v)).ToArray();
            Assert.Equal(x.Length, c.Available);
            Assert.Equal((double)x.Length / data.UnitCount, c.AvailableShare);
            Assert.Equal(x.Count(v => v != 0), c.NonZero);
            Assert.Equal(x.Distinct().Count(), c.Unique);
            Assert.Equal(x.Length == 0 ? 0 : x.GroupBy(v => v).Max(g => g.Count()), c.Same);
            Assert.Equal(c.AvailableShare < t.Availability, c.LowAvailability);
            Assert.Equal((double)c.NonZero / data.UnitCount < t.NonZero, c.LowNonZero);
            Assert.Equal((double)c.Unique / data.UnitCount < t.Unique, c.LowUnique);
            if (x.Length == 0)
            {
                Assert.Equal((null, null, null, null), (c.Minimum, c.Maximum, c.Mean, c.Median));
                continue;
            }

            Assert.Equal(x.Min(), c.Minimum);
            Assert.Equal(x.Max(), c.Maximum);
            Assert.InRange(c.Median!.Value, c.Minimum!.Value, c.Maximum!.Value);
            Assert.InRange(c.Mean!.Value, c.Minimum.Value - 1e-9, c.Maximum.Value + 1e-9);
            Assert.True(x.Length < 2 ? c.StandardDeviation is null : c.StandardDeviation >= 0);
            Assert.True(c.Skewness is null || (x.Length >= 3 && c.StandardDeviation > 0), $"{c.Code}: skewness {c.Skewness} of {x.Length} values");
            Assert.True(c.Kurtosis is null || x.Length >= 4, $"{c.Code}: kurtosis {c.Kurtosis} of {x.Length} values");
            Assert.Equal(c.Skewness is null || c.Kurtosis is null, c.Outliers is null);
            foreach (var share in new[] { c.NonZeroShare, c.UniqueShare, c.SameShare })
            {
                Assert.InRange(share!.Value, 0, 1);
            }
        }
    }

    [Property(MaxTest = 300)]
    public void StrengthsAndWeaknesses_AreTheUnitsBestAndWorstRanks_OnItsOwnValues(int[] cells, byte units, byte unit, byte top, byte bottom)
    {
        var data = Data(cells, units);
        var u = data.Units[unit % data.UnitCount];
        var options = new StrengthsOptions(Top: 1 + (top % 5), Bottom: 1 + (bottom % 5));
        var sw = StrengthsWeaknesses.For(data, u, options).GetValueOrThrow();
        Assert.True(sw.Strengths.Length <= options.Top && sw.Weaknesses.Length <= options.Bottom);
        Assert.Equal(sw.Strengths.Select(s => s.Rank).Order(), sw.Strengths.Select(s => s.Rank));
        Assert.Equal(sw.Weaknesses.Select(s => s.Rank).Order(), sw.Weaknesses.Select(s => s.Rank));
        if (sw.Strengths.Length > 0)
        {
            Assert.True(sw.Strengths[0].Rank <= sw.Weaknesses[^1].Rank);
        }

        var row = data.UnitIndex(u);
        foreach (var s in sw.Strengths.Concat(sw.Weaknesses))
        {
            // Raw data: ranked with the indicator's direction; rank = 1 + the units strictly better; never the worst rank.
            var x = data.Column(data.ColumnIndex(s.Code)).ToArray();
            var sign = data.Framework.Indicators.Single(i => i.Code == s.Code).Direction == SmartCity.Domain.Frameworks.Direction.LowerIsBetter ? -1 : 1;
            Assert.Equal(x[row], s.Value);
            Assert.Equal(1 + x.Count(v => !double.IsNaN(v) && sign * v > sign * x[row]), s.Rank);
            Assert.Contains(x, v => !double.IsNaN(v) && sign * v < sign * x[row]);
        }
    }

    [Property(MaxTest = 12)]
    public Property OptimisedWeights_SumToOne_AndReportHowCloseTheTargetWasReached() =>
        Prop.ForAll(AnalysisCases.Tables(columns: 5, minUnits: 25, maxUnits: 25, missingPercent: 5), c => BalanceReportsItsDeviation(c.Table, c.Flag));

    private static void BalanceReportsItsDeviation(TableShape table, bool level2)
    {
        var f = Samples.Small();
        var data = table.Build(["i1", "i2", "i3", "i4", "i5"]);
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
    public Property Screening_KeepsExactlyThePassingOrForcedUnits() =>
        Prop.ForAll(AnalysisCases.Arbitrary(missingPercent: 30), ScreeningKeepsThePassingOrForced);

    private static void ScreeningKeepsThePassingOrForced(AnalysisCase c)
    {
        var (f, data) = c.Build();

        // With the flag, a threshold a unit can sit exactly on (1 − j / indicators); otherwise one of 256 in [0, 1].
        var m = f.Indicators.Length;
        var t = c.Flag ? 1 - ((double)(c.Pick % (m + 1)) / m) : c.Pick / 255.0;
        var forcedIn = data.Units.Where((_, i) => i % 5 == 3).ToArray();
        var forcedOut = data.Units.Where((_, i) => i % 7 == 4).ToArray();
        var outcome = Screening.Run(f, data, new ScreeningOptions(DataThreshold: t, ForceInclude: [.. forcedIn], ForceExclude: [.. forcedOut]));
        // Computed here from the data: a unit's missing cells over the framework's indicators.
        var missing = data.Units.Select(u => f.Indicators.Count(i => double.IsNaN(data.Column(data.IndexOfColumn(i.Code))[data.IndexOfUnit(u)]))).ToArray();
        bool Kept(int u) => !forcedOut.Contains(data.Units[u]) && (forcedIn.Contains(data.Units[u]) || 1 - ((double)missing[u] / m) >= t);
        if (outcome.TryPickT1(out var errors, out var result))
        {
            Assert.Equal(ErrorCodes.DataEmpty, errors[0].Code);
            Assert.DoesNotContain(Enumerable.Range(0, data.UnitCount), Kept);
            return;
        }

        Assert.Equal(data.Units, result.Units.Select(r => r.Unit));
        for (var u = 0; u < data.UnitCount; u++)
        {
            var row = result.Units[u];
            Assert.Equal(missing[u], row.Missing);
            Assert.Equal(1 - ((double)missing[u] / m), row.DataAvailability);
            Assert.Equal(Kept(u), row.Included);
        }

        Assert.Equal(result.Units.Where(u => u.Included).Select(u => u.Unit), result.Data.Units);
    }
}
