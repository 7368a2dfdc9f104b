using FsCheck.Xunit;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Tests.Properties;
using SmartCity.Domain.Tests.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Analysis;

public class SensitivityAnalysisTests
{
    private static (SmartCity.Domain.Frameworks.RatingFramework, SmartCity.Domain.Scoring.Dataset) Case()
    {
        var f = RandomFrameworks.Build(8, positiveOnly: true, plain: true).WithMethods(new ScoringMethods(NormalisationMethod.MinMax(1, 100).AsT0)).AsT0;
        return (f, RandomData.For(f, 8, units: 40));
    }

    [Fact]
    public void AnInputWithNoEffect_HasZeroIndices_AndTheOtherCarriesTheVariance()
    {
        var (f, data) = Case();
        var spec = UncertaintySpec.Create([new WeightNoise(2, 0)], [AggregationMethod.Arithmetic, AggregationMethod.Harmonic]).AsT0;
        var result = SensitivityAnalysis.Run(f, data, spec, 64, 5, bootstrap: 200).GetValueOrThrow();
        var weights = result.Indices.Single(i => i.Input == "weights-level-2");
        var aggregation = result.Indices.Single(i => i.Input == "aggregation");
        Assert.Equal(0, weights.Si);
        Assert.Equal(0, weights.STi);
        Assert.True(aggregation.STi > 0.5, $"STi of aggregation {aggregation.STi}");
        Assert.Equal(64 * 4, result.Runs);
    }

    [Fact]
    public void Run_IsSeeded_AndIntervalsBracketTheEstimates()
    {
        var (f, data) = Case();
        var spec = UncertaintySpec.Create([new WeightNoise(1, 0.5), new WeightNoise(2, 0.5)], [AggregationMethod.Arithmetic, AggregationMethod.Geometric]).AsT0;
        var one = SensitivityAnalysis.Run(f, data, spec, 40, 11, bootstrap: 300).GetValueOrThrow();
        var two = SensitivityAnalysis.Run(f, data, spec, 40, 11, bootstrap: 300, new UncertaintyOptions { MaxDegreeOfParallelism = 1 }).GetValueOrThrow();
        Assert.True(one.Indices.SequenceEqual(two.Indices));
        foreach (var i in one.Indices)
        {
            Assert.InRange(i.STi, i.STiLow - 1e-12, i.STiHigh + 1e-12);
            Assert.True(i.STi >= 0);
        }
    }

    [Fact]
    public void UnitTargets_MeasureOneUnitsScoreOrRank()
    {
        var (f, data) = Case();
        var spec = UncertaintySpec.Create([new WeightNoise(1, 0.5), new WeightNoise(2, 0.5)]).AsT0;
        var score = SensitivityAnalysis.Run(f, data, spec, 32, 2, bootstrap: 50, target: SensitivityTarget.UnitScore(data.Units[5])).GetValueOrThrow();
        var rank = SensitivityAnalysis.Run(f, data, spec, 32, 2, bootstrap: 50, target: SensitivityTarget.UnitRank(data.Units[5])).GetValueOrThrow();
        Assert.True(score.OutputVariance > 0);
        Assert.NotEqual(score.OutputVariance, rank.OutputVariance);
        var nobody = SensitivityAnalysis.Run(f, data, spec, 8, 2, target: SensitivityTarget.UnitRank("nobody")).AsT1[0];
        Assert.Equal((ErrorCodes.ReferenceMissing, "target", "nobody"), (nobody.Code, nobody.Path, nobody.AttemptedValue));
    }

    [Fact]
    public void NoInputs_OrTooFewSamples_AreErrors()
    {
        var (f, data) = Case();
        var none = UncertaintySpec.Create([]).AsT0;
        Assert.Equal(ErrorCodes.AnalysisSpec, SensitivityAnalysis.Run(f, data, none, 10, 1).AsT1[0].Code);
        var spec = UncertaintySpec.Create([new WeightNoise(2, 0.1)]).AsT0;
        Assert.Equal(ErrorCodes.AnalysisSpec, SensitivityAnalysis.Run(f, data, spec, 1, 1).AsT1[0].Code);
    }

    [Fact]
    public void SizesBeyondTheLimits_AreRefusedBeforeAllocating()
    {
        var (f, data) = Case();
        var spec = UncertaintySpec.Create([new WeightNoise(1, 0.5), new WeightNoise(2, 0.5)], [AggregationMethod.Arithmetic, AggregationMethod.Geometric]).AsT0;

        // d = 3 inputs: N·5 runs. The largest N whose runs fit one array passes that check and meets the memory limit.
        var fits = Array.MaxLength / 5;
        var runs = SensitivityAnalysis.Run(f, data, spec, fits + 1, 1).AsT1.Single();
        Assert.Equal((ErrorCodes.AnalysisTooLarge, "baseSamples"), (runs.Code, runs.Path));
        Assert.Contains("runs, more than the 2,147,483,591", runs.Message, StringComparison.Ordinal);
        var memory = SensitivityAnalysis.Run(f, data, spec, fits, 1).AsT1.Single();
        Assert.Equal((ErrorCodes.AnalysisTooLarge, "baseSamples"), (memory.Code, memory.Path));
        Assert.Contains("more than the limit of", memory.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.AnalysisTooLarge, SensitivityAnalysis.Run(f, data, spec, int.MaxValue, 1).AsT1.Single().Code);

        var bootstrap = SensitivityAnalysis.Run(f, data, spec, 8, 1, bootstrap: int.MaxValue).AsT1.Single();
        Assert.Equal((ErrorCodes.AnalysisTooLarge, "bootstrap"), (bootstrap.Code, bootstrap.Path));
        var resamples = SensitivityAnalysis.Run(f, data, spec, 8, 1, bootstrap: 100_000_000, new UncertaintyOptions { MemoryLimit = 64 << 20 }).AsT1.Single();
        Assert.Contains("(UncertaintyOptions.MemoryLimit)", resamples.Message, StringComparison.Ordinal);
        Assert.True(SensitivityAnalysis.Run(f, data, spec, 8, 1, bootstrap: 10, new UncertaintyOptions { MemoryLimit = 64 << 20 }).IsT0);
    }

    [Fact]
    public void Indices_AreTheSame_WhateverTheNumberOfThreads_AndWithRepeatedRuns()
    {
        // Two alternatives: about half of the AB runs of the aggregation input repeat their A run and are not recomputed.
        // 6,000 resamples of 50: the bootstrap runs on up to four threads, each resample from its own point of the stream.
        var (f, data) = Case();
        var spec = UncertaintySpec.Create([new WeightNoise(1, 0.4), new WeightNoise(2, 0.4)], [AggregationMethod.Arithmetic, AggregationMethod.Geometric]).AsT0;
        var reference = SensitivityAnalysis.Run(f, data, spec, 50, 9, bootstrap: 6000, new UncertaintyOptions { MaxDegreeOfParallelism = 1 }).GetValueOrThrow();
        foreach (var threads in new[] { 2, 3, 7 })
        {
            var other = SensitivityAnalysis.Run(f, data, spec, 50, 9, bootstrap: 6000, new UncertaintyOptions { MaxDegreeOfParallelism = threads }).GetValueOrThrow();
            Assert.True(reference.Indices.SequenceEqual(other.Indices), $"{threads} threads");
            Assert.Equal(reference.OutputVariance, other.OutputVariance);
        }
    }

    [Property(MaxTest = 300)]
    public bool SplitMix64_Skip_IsThatManyDraws(ulong seed, byte draws)
    {
        // The bootstrap's resample k starts at draw k·N of one stream: skipping must land where drawing does.
        var drawn = new SplitMix64(seed);
        for (var i = 0; i < draws; i++)
        {
            drawn.NextUInt64();
        }

        var skipped = new SplitMix64(seed).Skip(draws);
        return drawn.NextUInt64() == skipped.NextUInt64() && drawn.NextUInt64() == skipped.NextUInt64();
    }
}
