using SmartCity.Domain.Analysis;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Tests.Properties;
using SmartCity.Domain.Tests.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Analysis;

public class UncertaintyAnalysisTests
{
    private static (RatingFramework, SmartCity.Domain.Scoring.Dataset) Case(int seed = 3)
    {
        var f = RandomFrameworks.Build(seed, positiveOnly: true, plain: true).WithMethods(new ScoringMethods(NormalisationMethod.MinMax(1, 100).AsT0)).AsT0;
        return (f, RandomData.For(f, seed, units: 40));
    }

    private static UncertaintySpec Spec(double f = 0.25) =>
        UncertaintySpec.Create([new WeightNoise(1, f), new WeightNoise(2, f)], [AggregationMethod.Arithmetic, AggregationMethod.Geometric]).GetValueOrThrow();

    [Fact]
    public void SeededRuns_AreBitIdentical_WhateverTheNumberOfThreads()
    {
        var (f, data) = Case();
        var one = UncertaintyAnalysis.Run(f, data, Spec(), 200, 42, new UncertaintyOptions { MaxDegreeOfParallelism = 1 }).GetValueOrThrow();
        var four = UncertaintyAnalysis.Run(f, data, Spec(), 200, 42, new UncertaintyOptions { MaxDegreeOfParallelism = 4 }).GetValueOrThrow();
        for (var r = 0; r < 200; r++)
        {
            Assert.True(one.Scores(r).SequenceEqual(four.Scores(r)));
            Assert.True(one.Ranks(r).SequenceEqual(four.Ranks(r)));
            Assert.Equal(one.Replicates[r], four.Replicates[r]);
        }

        for (var u = 0; u < one.RankStatistics.Length; u++)
        {
            Assert.True(one.RankStatistics[u].Equals(four.RankStatistics[u]), $"{one.RankStatistics[u]} vs {four.RankStatistics[u]}");
        }

        var other = UncertaintyAnalysis.Run(f, data, Spec(), 200, 43).GetValueOrThrow();
        Assert.NotEqual(one.Replicates[0], other.Replicates[0]);
    }

    [Fact]
    public void Replay_ReproducesEveryReplicateExactly()
    {
        var (f, data) = Case(5);
        var run = UncertaintyAnalysis.Run(f, data, Spec(), 60, 7).GetValueOrThrow();
        var replay = UncertaintyAnalysis.Replay(f, data, run.Replicates.Reverse().ToArray()).GetValueOrThrow();
        for (var r = 0; r < 60; r++)
        {
            Assert.True(run.Scores(r).SequenceEqual(replay.Scores(59 - r)));
        }
    }

    [Fact]
    public void ReplicateWeights_StayWithinTheNoiseBand_AndTheAlternativesAreBothUsed()
    {
        var (f, data) = Case(9);
        var run = UncertaintyAnalysis.Run(f, data, Spec(0.25), 300, 1).GetValueOrThrow();
        foreach (var p in run.Replicates)
        {
            foreach (var w in p.Weights)
            {
                var nominal = f.Find(w.Node)!.Weight;
                Assert.InRange(w.Weight, (nominal * 0.75) - 1e-12, (nominal * 1.25) + 1e-12);
            }
        }

        Assert.Equal(2, run.Replicates.Select(p => p.Aggregation!.Spec).Distinct().Count());
    }

    [Fact]
    public void NoNoise_NoAlternatives_ReproducesTheNominalRanks()
    {
        var (f, data) = Case(11);
        var spec = UncertaintySpec.Create([new WeightNoise(2, 0)]).GetValueOrThrow();
        var run = UncertaintyAnalysis.Run(f, data, spec, 10, 5).GetValueOrThrow();
        foreach (var s in run.RankStatistics)
        {
            Assert.True(s.Nominal is null ? s.Mean is null : s.Mean == s.Nominal && s.Q5 == s.Nominal && s.Q95 == s.Nominal);
        }
    }

    [Theory]
    [InlineData(137)] // enough replicates to count ranks in histograms
    [InlineData(3)] // so few that each unit's ranks are sorted
    [InlineData(1)]
    public void RankStatistics_EqualTheSortedListDefinition(int replicates)
    {
        var (f, data) = Case(21);
        var run = UncertaintyAnalysis.Run(f, data, Spec(0.4), replicates, 3).GetValueOrThrow();
        for (var u = 0; u < run.Units.Length; u++)
        {
            var ranks = Enumerable.Range(0, replicates).Select(r => run.Ranks(r)[u]).OfType<int>().Select(v => (double)v).Order().ToList();
            var s = run.RankStatistics[u];
            Assert.Equal(ranks.Count == 0, s.Mean is null);
            Assert.Equal(ranks.Count == 0 ? double.NaN : ranks.Average(), s.Mean.OrNaN(), 9);
            Assert.Equal(UncertaintyResult.Quantile(ranks, 0.5), s.Median.OrNaN());
            Assert.Equal(UncertaintyResult.Quantile(ranks, 0.05), s.Q5.OrNaN(), 12);
            Assert.Equal(UncertaintyResult.Quantile(ranks, 0.95), s.Q95.OrNaN(), 12);
        }
    }

    [Theory]
    [InlineData(0.05, 1.15)]
    [InlineData(0.5, 2.5)]
    [InlineData(0.95, 3.85)]
    public void Quantile_IsRsType7(double p, double expected) =>
        Assert.Equal(expected, UncertaintyResult.Quantile([1.0, 2, 3, 4], p), 12);

    [Fact]
    public void GeometricAlternative_OverMinMaxFromZero_IsReportedNotThrown()
    {
        var f = RandomFrameworks.Build(3, positiveOnly: true, plain: true).WithMethods(new ScoringMethods(NormalisationMethod.MinMaxDefault)).AsT0;
        var data = RandomData.For(f, 3, units: 20);
        var spec = UncertaintySpec.Create([new WeightNoise(2, 0.1)], [AggregationMethod.Geometric]).GetValueOrThrow();
        Assert.Contains(UncertaintyAnalysis.Run(f, data, spec, 5, 1).AsT1, e => e.Code == ErrorCodes.AggregationRequiresPositive);
    }

    [Fact]
    public void BadSpecs_AreErrors()
    {
        Assert.Equal(ErrorCodes.AnalysisSpec, UncertaintySpec.Create([new WeightNoise(2, 1.5)]).AsT1[0].Code);
        Assert.Equal(ErrorCodes.AnalysisSpec, UncertaintySpec.Create([new WeightNoise(2, 0.1), new WeightNoise(2, 0.2)]).AsT1[0].Code);
        var (f, data) = Case();
        var tooHigh = UncertaintySpec.Create([new WeightNoise(f.LevelCount, 0.1)]).AsT0;
        Assert.Equal(ErrorCodes.AnalysisSpec, UncertaintyAnalysis.Run(f, data, tooHigh, 5, 1).AsT1[0].Code);
        var unknown = Assert.Single(UncertaintyAnalysis.Replay(f, data, [new ReplicateParameters(1, null, [new NodeWeight("nope", 1)])]).AsT1);
        Assert.Equal((ErrorCodes.ReferenceMissing, "replicate[1].nope"), (unknown.Code, unknown.Path));
        var leaf = f.Indicators[0].Code;
        var nan = Assert.Single(UncertaintyAnalysis.Replay(f, data, [new ReplicateParameters(1, null, [new NodeWeight(leaf, double.NaN)])]).AsT1);
        Assert.Equal((ErrorCodes.WeightNotFinite, $"replicate[1].{leaf}"), (nan.Code, nan.Path));
        var negative = Assert.Single(UncertaintyAnalysis.Replay(f, data, [new ReplicateParameters(1, null, [new NodeWeight(leaf, -1)])]).AsT1);
        Assert.Equal((ErrorCodes.WeightNegative, $"replicate[1].{leaf}"), (negative.Code, negative.Path));
    }

    [Fact]
    public void ReplicatesTimesUnits_BeyondOneArray_IsRefusedBeforeAllocating()
    {
        var (f, data) = Case(); // 40 units
        var fits = Array.MaxLength / 40; // 53,687,089 × 40 ≤ Array.MaxLength
        var over = UncertaintyAnalysis.Run(f, data, Spec(), fits + 1, 1).AsT1.Single();
        Assert.Equal((ErrorCodes.AnalysisTooLarge, "replicates", (fits + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), (over.Code, over.Path, over.AttemptedValue));
        Assert.Contains("more than the 2,147,483,591 one result can hold", over.Message, StringComparison.Ordinal);

        // One replicate fewer fits an array, but not the memory: refused by the estimate, again before allocating.
        var memory = UncertaintyAnalysis.Run(f, data, Spec(), fits, 1).AsT1.Single();
        Assert.Equal(ErrorCodes.AnalysisTooLarge, memory.Code);
        Assert.Contains("GiB, more than the limit of", memory.Message, StringComparison.Ordinal);
        Assert.Contains("half the memory available to the process", memory.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.AnalysisTooLarge, UncertaintyAnalysis.Run(f, data, Spec(), int.MaxValue, 1).AsT1.Single().Code);
    }

    [Fact]
    public void MemoryLimit_IsInclusive_AndNamedWhenExceeded()
    {
        var (f, data) = Case();
        var options = new UncertaintyOptions { MaxDegreeOfParallelism = 2 };
        var estimate = UncertaintyAnalysis.EstimateBytes(f, data.UnitCount, 100, Spec(), options);
        Assert.True(estimate > 100 * 40 * 16, $"the estimate {estimate} covers at least the scores and ranks");
        Assert.True(UncertaintyAnalysis.Run(f, data, Spec(), 100, 1, options with { MemoryLimit = estimate }).IsT0);
        var refused = UncertaintyAnalysis.Run(f, data, Spec(), 100, 1, options with { MemoryLimit = estimate - 1 }).AsT1.Single();
        Assert.Equal((ErrorCodes.AnalysisTooLarge, "replicates"), (refused.Code, refused.Path));
        Assert.Contains("(UncertaintyOptions.MemoryLimit)", refused.Message, StringComparison.Ordinal);
        var replay = UncertaintyAnalysis.Run(f, data, Spec(), 100, 1).GetValueOrThrow().Replicates;
        Assert.Equal(ErrorCodes.AnalysisTooLarge, UncertaintyAnalysis.Replay(f, data, replay, new UncertaintyOptions { MemoryLimit = 1024 }).AsT1.Single().Code);
        Assert.Throws<ArgumentOutOfRangeException>(() => new UncertaintyOptions { MemoryLimit = 0 });
    }

    [Fact]
    public void AnAlternativeEqualToTheFrameworksMethod_GivesTheNominalScores()
    {
        // amean is the framework's own aggregation: those replicates share the nominal plan and, without noise, its scores.
        var (f, data) = Case(13);
        var spec = UncertaintySpec.Create([new WeightNoise(2, 0)], [AggregationMethod.Arithmetic]).GetValueOrThrow();
        var run = UncertaintyAnalysis.Run(f, data, spec, 40, 2).GetValueOrThrow();
        for (var r = 0; r < 40; r++)
        {
            Assert.True(run.Scores(r).SequenceEqual(run.NominalScores));
            Assert.True(run.Ranks(r).SequenceEqual(run.NominalRanks));
        }
    }

    [Fact]
    public void Progress_IsReported_AndCancellationStopsTheRun()
    {
        var (f, data) = Case();
        var reports = new List<int>();
        UncertaintyAnalysis.Run(f, data, Spec(), 100, 1, new UncertaintyOptions { Progress = new SyncProgress(reports.Add), MaxDegreeOfParallelism = 1 });
        Assert.Equal(100, reports.Max());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => UncertaintyAnalysis.Run(f, data, Spec(), 100, 1, new UncertaintyOptions { CancellationToken = cancelled.Token }));
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (this)
            {
                report(value);
            }
        }
    }
}

public class UncertaintyInputsTests
{
    [Fact]
    public void Dirichlet_KeepsEachGroupsTotalWeight_AndVariesTheShares()
    {
        var f = SmartCity.Domain.Tests.Infrastructure.Samples.Small();
        var data = RandomData.For(f, 2, units: 20, missing: 0);
        var spec = UncertaintySpec.Create([]).GetValueOrThrow().With(dirichlet: [new DirichletWeights(1, 20)]).GetValueOrThrow();
        var run = UncertaintyAnalysis.Run(f, data, spec, 50, 9).GetValueOrThrow();
        foreach (var p in run.Replicates)
        {
            var w = p.Weights.ToDictionary(x => x.Node, x => x.Weight);
            Assert.Equal(6.0, w["i1"] + w["i2"] + w["i3"], 9);
            Assert.Equal(2.0, w["i4"] + w["i5"], 9);
        }

        Assert.True(run.Replicates.Select(p => p.Weights.First(x => x.Node == "i1").Weight).Distinct().Count() > 40);
    }

    [Fact]
    public void Exclusion_SetsTheWeightToZero_InAboutHalfTheReplicates()
    {
        var f = SmartCity.Domain.Tests.Infrastructure.Samples.Small();
        var data = RandomData.For(f, 2, units: 20, missing: 0);
        var spec = UncertaintySpec.Create([]).GetValueOrThrow().With(excludable: ["i1"]).GetValueOrThrow();
        var run = UncertaintyAnalysis.Run(f, data, spec, 400, 3).GetValueOrThrow();
        var excluded = run.Replicates.Count(p => p.Weights.Any(w => w.Node == "i1" && w.Weight == 0));
        Assert.InRange(excluded, 150, 250);
        var notIndicator = UncertaintyAnalysis.Run(f, data, UncertaintySpec.Create([]).GetValueOrThrow().With(excludable: ["G1"]).GetValueOrThrow(), 5, 1).AsT1[0];
        Assert.Equal((ErrorCodes.ReferenceMissing, "excludable", "G1"), (notIndicator.Code, notIndicator.Path, notIndicator.AttemptedValue));
    }

    [Fact]
    public void NormalisationAlternatives_ChangeTheScores_AndReplayExactly()
    {
        var f = SmartCity.Domain.Tests.Infrastructure.Samples.Small();
        var data = RandomData.For(f, 2, units: 20, missing: 0);
        var spec = UncertaintySpec.Create([new WeightNoise(2, 0.1)]).GetValueOrThrow().With(normalisations: [NormalisationMethod.MinMaxDefault, NormalisationMethod.ZScore(10, 2).AsT0], imputations: [ImputationMethod.ColumnMean]).GetValueOrThrow();
        var run = UncertaintyAnalysis.Run(f, data, spec, 60, 4).GetValueOrThrow();
        Assert.Equal(2, run.Replicates.Select(p => p.Normalisation!.Spec).Distinct().Count());
        var replay = UncertaintyAnalysis.Replay(f, data, run.Replicates).GetValueOrThrow();
        for (var r = 0; r < 60; r++)
        {
            Assert.True(run.Scores(r).SequenceEqual(replay.Scores(r)));
        }

        var z = Enumerable.Range(0, 60).First(r => run.Replicates[r].Normalisation is ZScoreNormalisation);
        Assert.InRange(run.Scores(z).OrNaN().Average(), 8, 12);
    }
}
