using BenchmarkDotNet.Attributes;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Benchmarks;

/// <summary>
/// Variance-based sensitivity analysis on the COINr comparison shape, the design of COINr's <c>get_sensitivity</c>
/// (Saltelli, N = 500, noise on the weights of levels 2 and 3 ± 25 % and the aggregation in {amean, gmean}: d = 3 inputs,
/// N·(d + 2) = 2,500 model runs). COINr rebuilds the whole coin per run (≈ 0.15 s each on these machines: ≈ 6 minutes).
/// The baseline is one vectorised pass over the 514 × 60 doubles.
/// </summary>
[MemoryDiagnoser]
public class SensitivityBenchmarks
{
    private RatingFramework _framework = null!;
    private Dataset _data = null!;
    private UncertaintySpec _spec = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_framework, _data, _spec) = UncertaintyBenchmarks.Shape();
    }

    /// <summary>Baseline: one vectorised pass over the 514 × 60 values.</summary>
    [Benchmark(Baseline = true)]
    public double Pass() => Passes.Sum(_data);

    /// <summary>The analysis with 1,000 bootstrap resamples for the intervals (the library's default), both cores.</summary>
    [Benchmark]
    public double Saltelli_N500() => SensitivityAnalysis.Run(_framework, _data, _spec, 500, 42).GetValueOrThrow().Indices[0].STi;

    /// <summary>The runs and the estimates alone (one bootstrap resample), both cores.</summary>
    [Benchmark]
    public double Saltelli_N500_NoIntervals() => SensitivityAnalysis.Run(_framework, _data, _spec, 500, 42, bootstrap: 1).GetValueOrThrow().Indices[0].STi;
}
