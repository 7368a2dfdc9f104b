using System.Reflection;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Multivariate;
using SmartCity.Domain.Panels;
using SmartCity.Domain.Programmes;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Scoring;

/// <summary>
/// In the public results a missing value is <see langword="null"/>, never NaN: a scan of the result types' public members
/// that are plain <see cref="double"/>s (each left one is listed with why it cannot be missing), and a scenario with a
/// missing value that must come out as <see langword="null"/> in every result that reports it.
/// </summary>
public class MissingIsNullTests
{
    /// <summary>The public <c>double</c> members of result types that are never missing, each with the reason.</summary>
    private static readonly Dictionary<string, string> NeverMissing = new(StringComparer.Ordinal)
    {
        ["ScoreResult.Coverage"] = "a share of the indicators with data, 0 when none (never NaN)",
        ["Award.Score"] = "awards are given only to units with a category score",
        ["AhpResult.Weights"] = "computed only from a valid positive matrix",
        ["AhpResult.LambdaMax"] = "computed only from a valid positive matrix",
        ["AhpResult.ConsistencyIndex"] = "computed only from a valid positive matrix",
        ["AhpResult.ConsistencyRatio"] = "computed only from a valid positive matrix (0 for n ≤ 2)",
        ["AhpResult.RandomIndex"] = "a table value",
        ["AhpResult.WeightOf"] = "a weight of a valid AHP result",
        ["SensitivityIndex.Si"] = "0 when the output does not vary", ["SensitivityIndex.SiLow"] = "a bootstrap percentile of Si",
        ["SensitivityIndex.SiHigh"] = "a bootstrap percentile of Si", ["SensitivityIndex.STi"] = "0 when the output does not vary",
        ["SensitivityIndex.STiLow"] = "a bootstrap percentile of STi", ["SensitivityIndex.STiHigh"] = "a bootstrap percentile of STi",
        ["SensitivityResult.OutputVariance"] = "a variance of finite measures",
        ["ScoreResult.WeightOf"] = "a weight: validated finite and ≥ 0",
        ["FilledValue.Value"] = "gap filling records only the finite values it filled in",
        ["ScreeningOptions.DataThreshold"] = "an input threshold, validated in [0, 1]",
        ["ScreeningOptions.NonZeroThreshold"] = "an input threshold, validated in [0, 1]",
        ["UnitScreening.DataAvailability"] = "1 − missing/indicators: a share, defined for every unit",
        ["ScoreTarget.Score"] = "an input target score, validated finite",
        ["IndicatorMove.From"] = "moves start only from a present raw value (an indicator missing for the unit is not moved)",
        ["IndicatorMove.To"] = "the raw value a move reaches: finite, within the indicator's bounds",
        ["IndicatorMove.Cost"] = "|to − from| over the column's raw range: finite, ≥ 0",
        ["IndicatorMove.Change"] = "to − from of two finite values",
        ["CombinedSeek.Cost"] = "a sum of move costs (0 when no move is needed)",
        ["UncertaintyResult.Quantile"] = "a static helper (R's type-7 quantile of a list the caller gives), not a result value",

        // Multivariate (docs/multivariate.md) and panels (docs/panel.md).
        ["ColumnStatistics.AvailableShare"] = "available / units: a share, and a dataset has at least one unit",
        ["ComponentFit.Weight"] = "|θ|/Σ|θ| of the optimiser's finite point, 1/n when every θ is 0",
        ["IndicatorStanding.Value"] = "an indicator missing for the unit is never a strength or weakness (it is skipped)",
        ["PcaGroup.Loadings"] = "an eigenvector of a correlation matrix, computed only with 2+ complete units and no constant column",
        ["PcaGroup.Components"] = "eigenvectors of a correlation matrix, computed only with 2+ complete units and no constant column",
        ["PcaGroup.Eigenvalues"] = "eigenvalues of a correlation matrix, computed only with 2+ complete units and no constant column",
        ["PcaGroup.VarianceExplained"] = "eigenvalue / trace, and the trace of a correlation matrix is its size (≥ 1)",
        ["PanelTrend.Availability"] = "observed editions / editions: a share, and a panel has at least one edition",
        ["TrendOptions.Per"] = "an input number of time units, validated finite and non-zero",
        ["PanelData.Value"] = "input data (NaN = missing, as Dataset.Value, whose editions it reads)",
        ["StatisticsThresholds.Skewness"] = "an input threshold, validated finite",
        ["StatisticsThresholds.Kurtosis"] = "an input threshold, validated finite",
        ["StatisticsThresholds.Availability"] = "an input share, validated in [0, 1]",
        ["StatisticsThresholds.NonZero"] = "an input share, validated in [0, 1]",
        ["StatisticsThresholds.Unique"] = "an input share, validated in [0, 1]",
        ["CorrelationOptions.Significance"] = "an input level, validated in [0, 1]",
        ["CorrelationMatrix.Significance"] = "the validated input level, carried",
        ["OptimisationOptions.Tolerance"] = "an input, validated positive and finite",
        ["OptimisedWeightsResult.Tolerance"] = "the validated input tolerance, carried",

        // Inputs carried by results (validated finite when created), not computed values.
        ["NodeWeight.Weight"] = "an input weight, validated finite and ≥ 0", ["WeightNoise.Factor"] = "an input, validated",
        ["DirichletWeights.Concentration"] = "an input, validated", ["AwardFormulaPart.Weight"] = "an input weight",
        ["CoverageGate.Share"] = "an input threshold in [0, 1]", ["ScoreThresholdGate.Minimum"] = "an input threshold, validated finite",
        ["ColumnRangeGate.Minimum"] = "an input bound, Gate.InRange rejects NaN", ["ColumnRangeGate.Maximum"] = "an input bound (+∞: no upper bound), Gate.InRange rejects NaN",

        // The dataset is input data: NaN is its documented missing value (docs/scoring.md), read and written as an empty cell.
        ["Dataset.Column"] = "input data (NaN = missing is the Dataset's documented convention)",
        ["Dataset.Value"] = "input data (NaN = missing is the Dataset's documented convention)",
        ["SetValueEdit.Value"] = "an edit of input data: NaN clears the value, as Dataset.WithValue",
    };

    [Fact]
    public void NoPublicResultMember_IsAPlainDouble_UnlessListedAsNeverMissing()
    {
        var found = new List<string>();
        foreach (var t in ResultImmutabilityTests.ResultTypes())
        {
            const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = t.GetProperties(Flags).Select(p => (p.Name, Type: p.PropertyType))
                .Concat(t.GetMethods(Flags).Where(m => !m.IsSpecialName && !m.Name.StartsWith('<') && m.Name is not ("Equals" or "GetHashCode" or "ToString" or "Deconstruct"))
                    .Select(m => (m.Name, Type: m.ReturnType)));
            found.AddRange(members.Where(m => IsPlainFloatingPoint(m.Type)).Select(m => $"{t.Name}.{m.Name}").Distinct());
        }

        var unexplained = found.Where(f => !NeverMissing.ContainsKey(f)).ToList();
        Assert.True(unexplained.Count == 0, "Result members that can hold NaN for missing (make them double?/int? or list why they cannot be missing):\n" + string.Join("\n", unexplained));
        Assert.Contains("Award.Score", found); // the scan sees the members it lists (it is not vacuous)
    }

    private static bool IsPlainFloatingPoint(Type t)
    {
        if (t == typeof(double) || t == typeof(float))
        {
            return true;
        }

        if (t.IsArray)
        {
            return IsPlainFloatingPoint(t.GetElementType()!);
        }

        return t.IsGenericType && t.GetGenericTypeDefinition() != typeof(Nullable<>) && t.GetGenericArguments().Any(IsPlainFloatingPoint);
    }

    /// <summary>Two indicators under two groups; unit C has no data at all, so every score of C is missing.</summary>
    private static (RatingFramework Framework, Dataset Data) WithAMissingUnit()
    {
        var f = Samples.Small();
        var data = RandomData.For(f, 7, units: 8, missing: 0);
        foreach (var indicator in f.Indicators)
        {
            data = data.WithValue(data.Units[2], indicator.Code, double.NaN).AsT0;
        }

        return (f, data);
    }

    [Fact]
    public void AUnitWithoutData_IsNull_InScoreChange()
    {
        var (f, data) = WithAMissingUnit();
        var missing = data.Units[2];
        var diff = WhatIf.Run(f, data, new Scenario([FrameworkEdit.SetWeight(f.Root.Children[0].Code, 3)])).GetValueOrThrow();
        var change = diff.Changes.Single(c => c.Node == f.Root.Code && c.Unit == missing);
        Assert.Null(change.ScoreBefore);
        Assert.Null(change.ScoreAfter);
        Assert.Null(change.RankBefore);
        Assert.Null(change.RankAfter);
        Assert.Null(change.Delta);
        Assert.Null(change.RankMove);
        Assert.DoesNotContain(diff.BiggestMovers(count: 100), c => c.Unit == missing);

        // A unit that gains a score has a rank after but none before: no move.
        var gained = WhatIf.Run(f, data, new Scenario(f.Indicators.Select(i => (ScenarioEdit)DataEdit.SetValue(missing, i.Code, 1)))).GetValueOrThrow()
            .Changes.Single(c => c.Node == f.Root.Code && c.Unit == missing);
        Assert.Null(gained.ScoreBefore);
        Assert.NotNull(gained.ScoreAfter);
        Assert.NotNull(gained.RankAfter);
        Assert.Null(gained.Delta);
        Assert.Null(gained.RankMove);
    }

    [Fact]
    public void AUnitWithoutData_IsNull_InTheUncertaintyResult_AndElementRemoval()
    {
        var (f, data) = WithAMissingUnit();
        var spec = UncertaintySpec.Create([new WeightNoise(1, 0.3)]).GetValueOrThrow();
        var run = UncertaintyAnalysis.Run(f, data, spec, 20, 9).GetValueOrThrow();
        Assert.Null(run.NominalScores[2]);
        Assert.Null(run.NominalRanks[2]);
        Assert.NotNull(run.NominalRanks[0]);
        Assert.All(Enumerable.Range(0, 20), r => Assert.Null(run.Scores(r)[2]));
        Assert.All(Enumerable.Range(0, 20), r => Assert.Null(run.Ranks(r)[2]));
        var s = run.RankStatistics[2];
        Assert.Equal(new RankStatistics(data.Units[2], null, null, null, null, null), s);
        Assert.NotNull(run.RankStatistics[0].Median);

        var removal = ElementRemoval.Run(f, data, 1).GetValueOrThrow();
        Assert.All(removal, e => Assert.Null(e.RankMoves[2]));
        Assert.All(removal, e => Assert.NotNull(e.MeanAbsoluteRankChange));
    }

    [Fact]
    public void AUnitWithoutData_IsNull_InTheGateDecision_AndGetsNoAward()
    {
        var (f, data) = WithAMissingUnit();
        var scores = ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        var stage = Stage.Create("s", Samples.Name("Stage"), f, [Gate.ScoreAtLeast(f.Root.Code, -1e9)]).GetValueOrThrow();
        var programme = Programme.Create("p", Samples.Name("P"), "2026", [stage]).GetValueOrThrow();
        var decision = programme.Run(data).GetValueOrThrow().Stages[0].Decisions.Single(d => d.Unit == data.Units[2]);
        Assert.False(decision.Passed);
        Assert.Null(decision.Value);
        Assert.Null(decision.Shortfall);
        Assert.Contains("missing", decision.ToString(), StringComparison.Ordinal);
        var passed = programme.Run(data).GetValueOrThrow().Stages[0].Decisions.First(d => d.Passed);
        Assert.Null(passed.Value);
        Assert.Equal(0, passed.Shortfall);

        var scheme = AwardScheme.Create([AwardCategory.Create("all", Samples.Name("All"), AwardBasis.Node(f.Root.Code)).GetValueOrThrow()], [new AwardTier("top", Samples.Name("Top"), 100)], perSizeClass: false).GetValueOrThrow();
        var awards = scheme.Grant(scores, null);
        Assert.Equal(data.UnitCount - 1, awards.Length);
        Assert.DoesNotContain(awards, a => a.Unit == data.Units[2]);
        Assert.All(awards, a => Assert.False(double.IsNaN(a.Score)));
    }

    [Fact]
    public void AUnitWithoutData_IsNull_InTheMultivariateResults_AndTheirJson()
    {
        var (f, data) = WithAMissingUnit();
        var missing = data.Units[2];
        var scores = ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        var summary = StrengthsWeaknesses.Summary(scores, missing).GetValueOrThrow();
        Assert.All(summary, row => Assert.Null(row.Score));
        Assert.All(summary, row => Assert.Null(row.Rank));
        Assert.Empty(StrengthsWeaknesses.For(AnalysisData.FromResult(scores, DataStage.Raw), missing).GetValueOrThrow().Strengths);

        // A column with no value at all: every statistic of it is null, and so is its every correlation.
        var empty = data;
        foreach (var u in data.Units)
        {
            empty = empty.WithValue(u, "i1", double.NaN).GetValueOrThrow();
        }

        var raw = AnalysisData.FromDataset(f, empty).GetValueOrThrow();
        var stats = IndicatorStatistics.Compute(raw).GetValueOrThrow();
        var i1 = stats["i1"];
        Assert.Equal((0, 0.0), (i1.Available, i1.AvailableShare));
        Assert.All(new[] { i1.Minimum, i1.Maximum, i1.Mean, i1.Median, i1.StandardDeviation, i1.Skewness, i1.Kurtosis, i1.NonZeroShare, i1.UniqueShare, i1.SameShare }, Assert.Null);
        Assert.Null(i1.Outliers);
        var matrix = Correlations.Matrix(raw, raw.Columns, options: CorrelationOptions.Unfiltered).GetValueOrThrow();
        Assert.All(matrix.Columns, c => Assert.Null(matrix["i1", c]));
        Assert.NotNull(matrix["i2", "i3"]);

        foreach (var json in new[] { ResultJson.Serialize(stats), ResultJson.Serialize(matrix), ResultJson.Serialize(summary) })
        {
            Assert.Matches(@"[:\[,]null\b", json);
            Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
            Assert.DoesNotContain("Infinity", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AUnitWithoutData_IsNull_InThePanelResults_AndTheirJson()
    {
        var (f, data) = WithAMissingUnit();
        var missing = data.Units[2];
        var later = RandomData.For(f, 8, units: 8, missing: 0);
        var panel = PanelData.Create(new Dictionary<int, Dataset> { [2020] = data, [2021] = data, [2022] = later }).GetValueOrThrow();

        // Pooled scores: the missing unit has no score in 2020 and 2021, and one in 2022 — one observation, no trend.
        var scores = PanelScoring.Score(f, panel).GetValueOrThrow();
        Assert.Null(scores.Score(f.Root.Code, missing, 2020));
        Assert.Null(scores.Rank(f.Root.Code, missing, 2021));
        Assert.NotNull(scores.Score(f.Root.Code, missing, 2022));
        var trend = PanelTrends.OfScores(scores, f.Root.Code).Single(t => t.Unit == missing);
        Assert.Equal(new PanelTrend(missing, f.Root.Code, null, null, null, 1.0 / 3), trend);

        // Imputation has nothing to fill a unit's all-missing series from: it stays missing.
        var imputed = PanelImputation.Impute(PanelData.Create(new Dictionary<int, Dataset> { [2020] = data, [2021] = data }).GetValueOrThrow(), PanelImputationKind.LinearConstant).GetValueOrThrow();
        Assert.All(f.Indicators, i => Assert.True(double.IsNaN(imputed.Value(missing, i.Code, 2021))));

        foreach (var json in new[] { ResultJson.Serialize(scores), ResultJson.Serialize(PanelTrends.OfScores(scores, f.Root.Code)) })
        {
            Assert.Matches(@"[:\[,]null\b", json);
            Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        }
    }
}
