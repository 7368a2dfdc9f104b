using SmartCity.Domain.Analysis;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Multivariate;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Tests.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Multivariate;

public class MultivariateTests
{
    private static readonly string[] Units = ["A", "B", "C", "D", "E", "F", "G"];

    /// <summary>The small framework (G1: i1..i3, G2: i4, i5 lower-is-better) with hand-made raw data.</summary>
    private static (RatingFramework Framework, Dataset Data) Hand()
    {
        var f = Samples.Small();
        double n = double.NaN;
        var values = new double[,]
        {
            { 1, 10, 5, 0, 7 },
            { 2, 20, 3, 0, 6 },
            { 3, 30, 4, 1, 5 },
            { 4, 40, 1, 0, 4 },
            { 10, 100, 2, 3, 3 },
            { n, n, 6, 2, 2 },
            { 0, 5, n, 0, 1 },
        };
        return (f, Dataset.Create(Units, ["i1", "i2", "i3", "i4", "i5"], values).GetValueOrThrow());
    }

    private static AnalysisData Raw() => AnalysisData.FromDataset(Hand().Framework, Hand().Data).GetValueOrThrow();

    private static T RoundTrip<T>(T value)
    {
        var json = ResultJson.Serialize(value);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        var back = ResultJson.Deserialize<T>(json).Match(v => v, e => throw new ValidationException(e));
        Assert.Equal(json, ResultJson.Serialize(back));
        if (value is System.Collections.IEnumerable items)
        {
            Assert.Equal(items.Cast<object>(), ((System.Collections.IEnumerable)back!).Cast<object>());
        }
        else
        {
            Assert.Equal(value, back);
        }

        return back;
    }

    [Fact]
    public void Statistics_AreCoinrsGetStats()
    {
        var table = IndicatorStatistics.Compute(Raw()).GetValueOrThrow();
        var i1 = table["i1"];
        Assert.Equal(0, i1.Minimum);
        Assert.Equal(10, i1.Maximum);
        Assert.Equal(3.3333333333333335, i1.Mean!.Value, 14);
        Assert.Equal(2.5, i1.Median);
        Assert.Equal(3.559026084010437, i1.StandardDeviation!.Value, 13);
        Assert.Equal(1.6267016727471517, i1.Skewness!.Value, 13);
        Assert.Equal(3.050692520775621, i1.Kurtosis!.Value, 12);
        Assert.Equal(6, i1.Available);
        Assert.Equal(5, i1.NonZero);
        Assert.Equal(6, i1.Unique);
        Assert.Equal(1, i1.Same);
        Assert.Equal(6.0 / 7, i1.AvailableShare);
        Assert.Equal(5.0 / 6, i1.NonZeroShare);
        Assert.False(i1.LowAvailability); // 6/7 ≥ 0.65
        Assert.False(i1.Outliers); // skew 1.63 is not above 2

        // i4: 3 non-zero of 7 units: Frc.NonZero divides by the available values, the flag by all units (as COINr).
        var i4 = table["i4"];
        Assert.Equal(3.0 / 7, i4.NonZeroShare);
        Assert.True(i4.LowNonZero);
        Assert.Equal(4, i4.Same); // four zeros
        Assert.Equal(4, i4.Unique);
        Assert.False(i4.LowUnique); // 4 distinct of 7 units = 0.571 ≥ 0.5
    }

    [Fact]
    public void Statistics_UndefinedMomentsAreNull_AndBadThresholdsAreErrors()
    {
        var f = Samples.Small();
        var data = Dataset.Create(["A", "B"], ["i1", "i2", "i3", "i4", "i5"], new double[,] { { 1, 2, 3, 4, 5 }, { 2, double.NaN, 3, 4, 5 } }).GetValueOrThrow();
        var table = IndicatorStatistics.Compute(AnalysisData.FromDataset(f, data).GetValueOrThrow()).GetValueOrThrow();
        Assert.Null(table["i1"].Skewness);
        Assert.Null(table["i1"].Outliers);
        Assert.Null(table["i2"].StandardDeviation);
        Assert.Null(table["i3"].Skewness);
        Assert.Equal(0, table["i3"].StandardDeviation);
        var bad = IndicatorStatistics.Compute(Raw(), new StatisticsThresholds(Availability: 1.5));
        Assert.Equal(ErrorCodes.MultivariateSpec, bad.AsT1[0].Code);
        Assert.Equal(ErrorCodes.MultivariateUnknownCode, IndicatorStatistics.Compute(Raw(), columns: ["nope"]).AsT1[0].Code);
    }

    [Fact]
    public void Pearson_UsesPairwiseCompleteObservations_AndItsPValueIsTheTTest()
    {
        var data = Raw();
        var m = Correlations.Matrix(data, ["i1", "i2", "i3"], options: CorrelationOptions.Unfiltered).GetValueOrThrow();
        Assert.Equal(1, m["i1", "i1"]);
        Assert.Equal(6, m.Pairs[0][1]); // F is missing in both, G in neither
        Assert.Equal(5, m.Pairs[0][2]); // G is missing in i3
        var i1 = new double[] { 1, 2, 3, 4, 10, 0 };
        var i2 = new double[] { 10, 20, 30, 40, 100, 5 };
        Assert.Equal(NaivePearson(i1, i2), m["i1", "i2"]!.Value, 14);
        Assert.Equal(m["i1", "i2"], m["i2", "i1"]);

        // r = 0.5 over 10 pairs: t = 1.633 on 8 df, p = 0.14111328125 (R: cor.test).
        Assert.Equal(0.14111328125, Distributions.PearsonPValue(0.5, 10), 12);
    }

    [Fact]
    public void Spearman_RanksEachPairsCompleteCases_WithAverageRanks_AndRsExactPValue()
    {
        var x = new double?[] { 1, 2, 3, 4, 5 };
        var y = new double?[] { 1, 2, 3, 5, 4 };
        Assert.Equal(0.9, Correlations.Coefficient(x, y, CorrelationMethod.Spearman)!.Value, 14);

        // Exact: P(S ≤ 2) = 5/120 (the identity and 4 adjacent swaps), two-sided 1/12 — R's cor.test gives 0.08333.
        Assert.Equal(1.0 / 12, Distributions.SpearmanPValue(0.9, 5, ties: false), 14);

        // Ties share their average rank: (1, 2.5, 2.5, 4) against (1, 2, 3, 4).
        var tied = Correlations.Coefficient([1.0, 2, 2, 3], [1.0, 2, 3, 4], CorrelationMethod.Spearman)!.Value;
        Assert.Equal(NaivePearson([1, 2.5, 2.5, 4], [1, 2, 3, 4]), tied, 14);

        // A missing value removes the pair before ranking.
        var withMissing = Correlations.Coefficient([1.0, null, 3, 4, 100], [4.0, 1, 3, 2, 1], CorrelationMethod.Spearman)!.Value;
        Assert.Equal(NaivePearson([1, 2, 3, 4], [4, 3, 2, 1]), withMissing, 14);
    }

    [Fact]
    public void Spearman_EdgeworthAndExactAgree_AtTheirBoundary()
    {
        // n = 9 (exact, all permutations) and n = 10 (AS 89's Edgeworth series) give close p-values for the same rho.
        var p9 = Distributions.SpearmanPValue(0.6, 9, ties: false);
        var p10 = Distributions.SpearmanPValue(0.6, 10, ties: false);
        Assert.InRange(p9, 0.05, 0.15);
        Assert.InRange(p10, 0.04, 0.1);
        Assert.True(p10 < p9);
        Assert.Equal(1, Distributions.SpearmanPValue(0, 12, ties: false), 1);
    }

    [Fact]
    public void Significance_Filter_MakesInsignificantCoefficientsNull_ButKeepsTheDiagonal()
    {
        var data = Raw();
        var filtered = Correlations.Matrix(data, ["i1", "i3", "i5"]).GetValueOrThrow();
        var unfiltered = Correlations.Matrix(data, ["i1", "i3", "i5"], options: CorrelationOptions.Unfiltered).GetValueOrThrow();
        for (var r = 0; r < 3; r++)
        {
            Assert.Equal(1, filtered.Values[r][r]);
            for (var c = 0; c < 3; c++)
            {
                var p = unfiltered.PValues[r][c]!.Value;
                Assert.Equal(p > 0.05 ? null : unfiltered.Values[r][c], filtered.Values[r][c]);
            }
        }
    }

    [Fact]
    public void WithinGroups_Flags_AndAncestors_FollowTheTree()
    {
        var (f, d) = Hand();
        var result = ScoringPlan.Compile(f).Score(d).GetValueOrThrow();
        var aggregated = AnalysisData.FromResult(result, DataStage.Aggregated);
        var within = Correlations.WithinGroups(aggregated, 1, 2, CorrelationOptions.Unfiltered).GetValueOrThrow();
        Assert.Equal(["i1-i2", "i1-i3", "i2-i3", "i4-i5"], within.Select(p => p.First + "-" + p.Second));
        Assert.All(within.Take(3), p => Assert.Equal("G1", p.Group));

        // i1 and i2 are almost collinear: flagged; nothing in G2 reaches 0.9.
        var flags = Correlations.Flags(aggregated).GetValueOrThrow();
        Assert.Contains(flags, p => p.First == "i1" && p.Second == "i2");
        Assert.All(flags, p => Assert.True(p.Correlation > 0.9));
        var low = Correlations.Flags(aggregated, 0, FlagSide.Low).GetValueOrThrow();
        Assert.All(low, p => Assert.True(p.Correlation < 0));

        var ancestors = Correlations.WithAncestors(aggregated, 1, options: CorrelationOptions.Unfiltered).GetValueOrThrow();
        Assert.Equal(10, ancestors.Length); // 5 with their parent, 5 with the index
        Assert.Equal(("i4", "G2"), (ancestors[3].First, ancestors[3].Second));
        Assert.Equal("Index", ancestors[^1].Second);
        var expected = Correlations.Coefficient(result.Scores("i4").ToArray(), result.Scores("G2").ToArray());
        Assert.Equal(expected, ancestors[3].Correlation);
        Assert.Equal(ErrorCodes.MultivariateUnknownCode, Correlations.WithAncestors(Raw(), 1).AsT1[0].Code);
        Assert.Equal(ErrorCodes.MultivariateLevel, Correlations.Levels(Raw(), 2).AsT1[0].Code);
        var levels = Correlations.Levels(aggregated, 1, 2, CorrelationOptions.Unfiltered).GetValueOrThrow();
        Assert.Equal(["G1", "G2"], levels.Columns.ToArray());
    }

    [Fact]
    public void Cronbach_WithoutMissingValues_IsTheTextbookAlpha()
    {
        var data = Raw();
        var alpha = Cronbach.Alpha(data, ["i3", "i5"]).GetValueOrThrow()!.Value;

        // Complete rows of i3 and i5 are A..F (G lacks i3), but i5 alone is complete; pairwise covariances.
        var i3 = new double[] { 5, 3, 4, 1, 2, 6 };
        var i5 = new double[] { 7, 6, 5, 4, 3, 2, 1 };
        var c35 = Cov(i3, i5[..6]);
        var all = Cov(i3, i3) + Cov(i5, i5) + (2 * c35);
        Assert.Equal(4 * c35 / all, alpha, 13);

        var groups = Cronbach.ByGroup(data).GetValueOrThrow();
        Assert.Equal(["G1", "G2"], groups.Select(g => g.Group));
        Assert.Equal(ErrorCodes.MultivariateTooFewValues, Cronbach.Alpha(data, ["i1"]).AsT1[0].Code);
    }

    [Fact]
    public void Pca_DropsIncompleteUnits_AndLoadingsAreAUnitVector()
    {
        var pca = Pca.Compute(Raw()).GetValueOrThrow();
        Assert.Equal(2, pca.Groups.Length);
        var g1 = pca.Groups[0];
        Assert.Equal("G1", g1.Group);
        Assert.Equal(["F", "G"], g1.DroppedUnits.ToArray());
        Assert.Equal(5, g1.UnitsUsed);
        Assert.Equal(1, g1.Loadings.Sum(l => l * l), 12);
        Assert.Equal(3, g1.Eigenvalues.Sum(), 12);
        Assert.Equal(1, g1.VarianceExplained.Sum(), 12);
        Assert.True(g1.Eigenvalues[0] >= g1.Eigenvalues[1] && g1.Eigenvalues[1] >= g1.Eigenvalues[2]);
        Assert.Equal(["i1", "i2", "i3", "i4", "i5"], pca.Weights.Select(w => w.Node));
        Assert.Equal(g1.Loadings[0], pca.Weights[0].Weight);

        // Two variables: the correlation matrix [[1, r], [r, 1]] has eigenvalues 1 ± |r| and PC1 (1, ±1)/√2.
        var g2 = pca.Groups[1];
        var r = Correlations.Matrix(Raw(), ["i4", "i5"], options: CorrelationOptions.Unfiltered).GetValueOrThrow()["i4", "i5"]!.Value;
        Assert.Equal(1 + Math.Abs(r), g2.Eigenvalues[0], 12);
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(g2.Loadings[0]), 12);
        Assert.Equal(Math.Sign(r), Math.Sign(g2.Loadings[0] * g2.Loadings[1]));

        var whole = Pca.Compute(Raw(), byGroups: false).GetValueOrThrow();
        Assert.Null(Assert.Single(whole.Groups).Group);
    }

    [Fact]
    public void Pca_RejectsAConstantColumn_AndTooFewUnits()
    {
        var f = Samples.Small();
        var data = Dataset.Create(["A", "B", "C"], ["i1", "i2", "i3", "i4", "i5"], new double[,] { { 1, 2, 3, 4, 5 }, { 2, 3, 3, 1, double.NaN }, { 3, 1, 3, 2, double.NaN } }).GetValueOrThrow();
        var errors = Pca.Compute(AnalysisData.FromDataset(f, data).GetValueOrThrow()).AsT1;
        Assert.Contains(errors, e => e.Code == ErrorCodes.MultivariateConstantColumn && e.Path == "groups.G1.i3");
        Assert.Contains(errors, e => e.Code == ErrorCodes.MultivariateTooFewValues && e.Path == "groups.G2");
    }

    [Fact]
    public void OptimisedWeights_Balance_ReachesEqualShares_FarCloserThanCoinrsDefaultTolerance()
    {
        var f = Samples.Small();
        var data = RandomData.For(f, 11, units: 40, missing: 0);
        var tight = OptimisedWeights.Balance(f, data, 2).GetValueOrThrow();
        var loose = OptimisedWeights.Balance(f, data, 2, options: new OptimisationOptions(Tolerance: 0.1)).GetValueOrThrow();
        Assert.True(tight.Converged);
        Assert.Equal(1, tight.Weights.Sum(w => w.Weight), 12);
        Assert.All(tight.Weights, w => Assert.True(w.Weight >= 0));
        Assert.True(tight.MaxShareDeviation < 1e-6, $"deviation {tight.MaxShareDeviation} loose {loose.MaxShareDeviation} evals {tight.Evaluations} conv {tight.Converged} w {string.Join(",", tight.Weights)} r {string.Join(",", tight.Components.Select(c => c.Correlation))}");
        Assert.True(tight.MaxShareDeviation <= loose.MaxShareDeviation);
        Assert.True(tight.Evaluations > loose.Evaluations);
        Assert.True(tight.Objective < tight.InitialObjective);

        // The reported correlations are those of the returned weights.
        var reweighted = tight.ApplyTo(f).GetValueOrThrow();
        var scored = ScoringPlan.Compile(reweighted).Score(data).GetValueOrThrow();
        foreach (var c in tight.Components)
        {
            Assert.Equal(Correlations.Coefficient(scored.Scores(c.Node).ToArray(), scored.Scores("Index").ToArray())!.Value, c.Correlation!.Value, 12);
            Assert.Equal(0.5, c.TargetShare!.Value, 14);
        }

        // At level 1 equal shares cannot be reached (G2 weighs 3 times G1); the tight search still does at least as well.
        var level1 = OptimisedWeights.Balance(f, data, 1).GetValueOrThrow();
        var level1Loose = OptimisedWeights.Balance(f, data, 1, options: new OptimisationOptions(Tolerance: 0.1)).GetValueOrThrow();
        Assert.True(level1.Objective <= level1Loose.Objective);
        Assert.True(level1.MaxShareDeviation > 0.01);

        RoundTrip(tight);
    }

    [Fact]
    public void OptimisedWeights_InfoMax_RaisesTheSumOfCorrelations_AndBadTargetsAreErrors()
    {
        var f = Samples.Small();
        var data = RandomData.For(f, 5, units: 30, missing: 0);
        var result = OptimisedWeights.InfoMax(f, data, 2).GetValueOrThrow();
        Assert.Equal(["G1", "G2"], result.Weights.Select(w => w.Node));
        Assert.True(result.Objective <= result.InitialObjective);
        Assert.Null(result.MaxShareDeviation);
        Assert.Equal(ErrorCodes.MultivariateSpec, OptimisedWeights.Balance(f, data, 1, [1, 2]).AsT1[0].Code);
        Assert.Equal(ErrorCodes.MultivariateSpec, OptimisedWeights.Balance(f, data, 1, [1, 2, -1, 1, 1]).AsT1[0].Code);
        Assert.Equal(ErrorCodes.MultivariateLevel, OptimisedWeights.InfoMax(f, data, 3).AsT1[0].Code);
    }

    [Fact]
    public void Screening_RemovesStrictlyBelowTheThreshold_WithForcedUnits_AndSaysWhy()
    {
        var (f, d) = Hand();

        // F has 3 of 5 indicators (0.6), G 4 of 5 (0.8): exactly at the threshold is kept (strict <).
        var atBoundary = Screening.Run(f, d, new ScreeningOptions(DataThreshold: 0.6)).GetValueOrThrow();
        Assert.Empty(atBoundary.Removed);
        Assert.Equal(["F"], Screening.Run(f, d, new ScreeningOptions(DataThreshold: 0.8)).GetValueOrThrow().Removed.ToArray());
        var above = Screening.Run(f, d, new ScreeningOptions(DataThreshold: 0.81, ForceInclude: ["G"], ForceExclude: ["A"])).GetValueOrThrow();
        Assert.Equal(["A", "F"], above.Removed.ToArray());
        Assert.Equal(["B", "C", "D", "E", "G"], above.Data.Units.ToArray());
        Assert.Equal(ScreeningReason.ForcedOut, above.Units[0].Reason);
        Assert.Equal(ScreeningReason.LowData, above.Units[5].Reason);
        Assert.Equal(ScreeningReason.ForcedIn, above.Units[6].Reason);
        Assert.Equal(0.6, above.Units[5].DataAvailability, 15);

        // G: zeros on i1 and i4 of its 4 present values: non-zero share 0.5.
        var zeros = Screening.Run(f, d, new ScreeningOptions(ScreeningRule.ByZeros, NonZeroThreshold: 0.6)).GetValueOrThrow();
        Assert.Equal(["G"], zeros.Removed.ToArray());
        Assert.Equal(0.5, zeros.Units[6].NonZeroShare);
        var both = Screening.Run(f, d, new ScreeningOptions(ScreeningRule.ByMissingAndZeros, DataThreshold: 0.81, NonZeroThreshold: 0.6)).GetValueOrThrow();
        Assert.Equal(ScreeningReason.LowDataAndNonZero, both.Units[6].Reason);
        Assert.True(both.Score(ScoringPlan.Compile(f)).IsT0);
        RoundTrip(above);

        Assert.Equal(ErrorCodes.MultivariateUnknownCode, Screening.Run(f, d, new ScreeningOptions(ForceInclude: ["Z"])).AsT1[0].Code);
        Assert.Equal(ErrorCodes.MultivariateSpec, Screening.Run(f, d, new ScreeningOptions(DataThreshold: 2)).AsT1[0].Code);
        Assert.Equal(ErrorCodes.DataEmpty, Screening.Run(f, d, new ScreeningOptions(DataThreshold: 1, ForceExclude: ["A", "B", "C", "D", "E"])).AsT1[0].Code);
    }

    [Fact]
    public void StrengthsAndWeaknesses_RankWithDirections_AndDropTheWorstRank()
    {
        var data = Raw();

        // E: i1 rank 1, i2 rank 1, i3 rank 5 of 6, i4 rank 1, i5 (lower is better, value 3) rank 3.
        var sw = StrengthsWeaknesses.For(data, "E", new StrengthsOptions(Top: 2, Bottom: 2)).GetValueOrThrow();
        Assert.Equal(["i1", "i2"], sw.Strengths.Select(s => s.Code));
        Assert.Equal(["i5", "i3"], sw.Weaknesses.Select(s => s.Code));
        Assert.Equal(3, sw.Weaknesses[0].Rank);
        Assert.Equal("G2", sw.Weaknesses[0].Group);

        // A is last on i5 (7, lower is better): with the worst-rank rule it is not listed at all.
        var a = StrengthsWeaknesses.For(data, "A", new StrengthsOptions(Top: 5, Bottom: 5)).GetValueOrThrow();
        Assert.DoesNotContain(a.Strengths, s => s.Code == "i5");
        var kept = StrengthsWeaknesses.For(data, "A", new StrengthsOptions(Top: 5, Bottom: 5, DiscardWorstRank: false)).GetValueOrThrow();
        Assert.Equal(7, kept.Weaknesses.Single(s => s.Code == "i5").Rank);
        RoundTrip(sw);
        Assert.Equal(ErrorCodes.MultivariateUnknownCode, StrengthsWeaknesses.For(data, "nope").AsT1[0].Code);
    }

    [Fact]
    public void UnitSummary_ListsTheHighestLevelFirst_WithScoresAndRanks()
    {
        var (f, d) = Hand();
        var result = ScoringPlan.Compile(f).Score(d).GetValueOrThrow();
        var rows = StrengthsWeaknesses.Summary(result, "E", [3, 2]).GetValueOrThrow();
        Assert.Equal(["Index", "G1", "G2"], rows.Select(r => r.Code));
        Assert.Equal(result.Rank("Index", "E"), rows[0].Rank);
        Assert.Equal(result.Score("G2", "E"), rows[2].Score);
        var all = StrengthsWeaknesses.Summary(result, "E").GetValueOrThrow();
        Assert.Equal(8, all.Length);
        Assert.Equal(1, all.Single(r => r.Code == "i1").Rank);
        RoundTrip(all);
        Assert.Equal(ErrorCodes.MultivariateLevel, StrengthsWeaknesses.Summary(result, "E", [4]).AsT1[0].Code);
    }

    [Fact]
    public void EveryResult_RoundTripsThroughResultJson()
    {
        var (f, d) = Hand();
        var result = ScoringPlan.Compile(f).Score(d).GetValueOrThrow();
        var aggregated = AnalysisData.FromResult(result, DataStage.Aggregated);
        RoundTrip(IndicatorStatistics.Compute(aggregated).GetValueOrThrow());
        RoundTrip(Correlations.Levels(aggregated, 1).GetValueOrThrow());
        RoundTrip(Correlations.WithinGroups(aggregated, 1, 2).GetValueOrThrow());
        RoundTrip(Cronbach.ByGroup(aggregated).GetValueOrThrow());
        RoundTrip(Pca.Compute(aggregated).GetValueOrThrow());
    }

    [Fact]
    public void Stages_AreTheCoinrDataSets()
    {
        var (f, d) = Hand();
        var result = ScoringPlan.Compile(f).Score(d).GetValueOrThrow();
        Assert.Equal(d.Value("E", "i1"), AnalysisData.FromResult(result, DataStage.Raw).Value("E", "i1"));
        Assert.Equal(result.Score("i1", "E"), AnalysisData.FromResult(result, DataStage.Normalised).Value("E", "i1"));
        Assert.Null(AnalysisData.FromResult(result, DataStage.Imputed).Value("F", "i1"));
        Assert.Equal(5, AnalysisData.FromResult(result, DataStage.Treated).Columns.Length);
        Assert.Equal(8, AnalysisData.FromResult(result, DataStage.Aggregated).Columns.Length);
        Assert.Equal(["G1", "G2"], AnalysisData.FromResult(result, DataStage.Aggregated).ColumnsAtLevel(2).ToArray());
        var missing = Dataset.Create(["A"], ["i1"], new double[,] { { 1 } }).GetValueOrThrow();
        Assert.Equal(4, AnalysisData.FromDataset(f, missing).AsT1.Count);
    }

    internal static double NaivePearson(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        var sxy = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        return sxy / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
    }

    private static double Cov(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        return x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / (x.Length - 1);
    }
}
