using BenchmarkDotNet.Attributes;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Benchmarks;

/// <summary>
/// Uncertainty analysis on the COINr comparison shape: weights of levels 2 and 3 ± 25 %, aggregation in {amean, gmean},
/// 500 replicates. COINr 1.1.14 takes 76 s for this on these machines (it rebuilds the whole coin per replicate).
/// The baseline is one vectorised pass over the 514 × 60 doubles, so the ratios are in passes.
/// </summary>
[MemoryDiagnoser]
public class UncertaintyBenchmarks
{
    private RatingFramework _framework = null!;
    private Dataset _data = null!;
    private UncertaintySpec _spec = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_framework, _data, _spec) = Shape();
    }

    /// <summary>The framework (min-max to [1, 100] so that the geometric mean is defined, as a COINr user must do too), data and spec.</summary>
    internal static (RatingFramework, Dataset, UncertaintySpec) Shape()
    {
        var framework = CaseCShape.Framework(new ScoringMethods(NormalisationMethod.MinMax(1, 100).GetValueOrThrow()));
        var spec = UncertaintySpec.Create([new WeightNoise(2, 0.25), new WeightNoise(3, 0.25)], [AggregationMethod.Arithmetic, AggregationMethod.Geometric]).GetValueOrThrow();
        return (framework, CaseCShape.Data(framework), spec);
    }

    /// <summary>Baseline: one vectorised pass over the 514 × 60 values.</summary>
    [Benchmark(Baseline = true)]
    public double Pass() => Passes.Sum(_data);

    /// <summary>The same 500 replicates, each rebuilt from scratch (new framework, full pipeline), as COINr does.</summary>
    [Benchmark]
    public double CaseC_N500_FullRebuild()
    {
        var run = UncertaintyAnalysis.Run(_framework, _data, _spec, 500, 42).GetValueOrThrow();
        var total = 0.0;
        foreach (var p in run.Replicates)
        {
            var root = Rebuild(_framework.Root, p);
            var framework = _framework.WithRoot(root).GetValueOrThrow();
            total += ScoringPlan.Compile(framework).Score(_data).GetValueOrThrow().RawScores(0)[0];
        }

        return total;
    }

    /// <summary>The uncertainty analysis: incremental re-scoring on both cores.</summary>
    [Benchmark]
    public double CaseC_N500() => UncertaintyAnalysis.Run(_framework, _data, _spec, 500, 42).GetValueOrThrow().RankStatistics[0].Mean ?? double.NaN;

    private static GroupNode Rebuild(GroupNode g, ReplicateParameters p)
    {
        var weights = p.Weights.ToDictionary(w => w.Node, w => w.Weight);
        FrameworkNode Node(FrameworkNode n)
        {
            var w = weights.TryGetValue(n.Code, out var v) ? v : n.Weight;
            return n switch
            {
                GroupNode group => GroupNode.Create(group.Code, group.Name, group.Role, group.Children.Select(Node), w, p.Aggregation).GetValueOrThrow(),
                Indicator i => Indicator.Create(i.Code, i.Name, i.Scale, i.Direction, w).GetValueOrThrow(),
                _ => throw new InvalidOperationException(),
            };
        }

        return (GroupNode)Node(g);
    }
}

/// <summary>
/// The uncertainty analysis of <see cref="UncertaintyBenchmarks"/> at N = 1 … 5,000 replicates on both cores, beside the
/// one-pass baseline: the fixed cost (plans, the nominal case, workspaces, threads, rank statistics) is what N = 1 costs;
/// the rest grows with N.
/// </summary>
[MemoryDiagnoser]
public class UncertaintyScalingBenchmarks
{
    private RatingFramework _framework = null!;
    private Dataset _data = null!;
    private UncertaintySpec _spec = null!;

    [Params(1, 10, 100, 500, 5000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_framework, _data, _spec) = UncertaintyBenchmarks.Shape();
    }

    /// <summary>Baseline: one vectorised pass over the 514 × 60 values.</summary>
    [Benchmark(Baseline = true)]
    public double Pass() => Passes.Sum(_data);

    /// <summary>N replicates, both cores.</summary>
    [Benchmark]
    public double CaseC() => UncertaintyAnalysis.Run(_framework, _data, _spec, N, 42).GetValueOrThrow().RankStatistics[0].Mean ?? double.NaN;

    /// <summary>N replicates, one thread.</summary>
    [Benchmark]
    public double CaseC_OneThread() => UncertaintyAnalysis.Run(_framework, _data, _spec, N, 42, new UncertaintyOptions { MaxDegreeOfParallelism = 1 }).GetValueOrThrow().RankStatistics[0].Mean ?? double.NaN;
}
