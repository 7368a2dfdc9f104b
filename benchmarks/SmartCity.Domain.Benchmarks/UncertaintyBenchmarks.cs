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
        // Min-max to [1, 100] so that the geometric mean is defined, as a COINr user must do too.
        _framework = CaseCShape.Framework(new ScoringMethods(NormalisationMethod.MinMax(1, 100).GetValueOrThrow()));
        _data = CaseCShape.Data(_framework);
        _spec = UncertaintySpec.Create([new WeightNoise(2, 0.25), new WeightNoise(3, 0.25)], [AggregationMethod.Arithmetic, AggregationMethod.Geometric]).GetValueOrThrow();
    }

    /// <summary>Baseline: the same 500 replicates, each rebuilt from scratch (new framework, full pipeline), as COINr does.</summary>
    [Benchmark(Baseline = true)]
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
