using BenchmarkDotNet.Attributes;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Benchmarks;

/// <summary>
/// The ranks of the 19 aggregates of the COINr comparison shape (514 units each), ties → minimum rank, missing →
/// missing: the step that dominated <see cref="PipelineBenchmarks.FullPipelineWithRanks"/>. <c>Pass</c> is the same
/// one-pass baseline as there (a vectorised sum over the 514 × 60 raw values).
/// </summary>
[MemoryDiagnoser]
public class RankBenchmarks
{
    private Dataset _data = null!;
    private double[][] _aggregates = null!;
    private double[] _ranks = null!;
    private RankScratch _scratch = null!;

    [GlobalSetup]
    public void Setup()
    {
        var framework = CaseCShape.Framework(new ScoringMethods(NormalisationMethod.MinMaxDefault, AggregationMethod.Arithmetic, imputation: ImputationMethod.ColumnMean));
        _data = CaseCShape.Data(framework);
        var plan = ScoringPlan.Compile(framework);
        var workspace = plan.CreateWorkspace(_data.UnitCount);
        plan.Evaluate(_data, workspace);
        _aggregates = [.. Enumerable.Range(0, plan.GroupCount).Select(g => workspace.Scores(plan.IndicatorCount + g).ToArray())];
        _ranks = new double[_data.UnitCount];
        _scratch = new RankScratch(_data.UnitCount);
    }

    /// <summary>One vectorised pass over the raw values (the reference).</summary>
    [Benchmark(Baseline = true)]
    public double Pass() => Passes.Sum(_data);

    /// <summary>Naive: sort the unit indices by score with a comparison, then assign minimum ranks over tie groups.</summary>
    [Benchmark]
    public double Naive()
    {
        var order = new int[_ranks.Length];
        foreach (var scores in _aggregates)
        {
            for (var u = 0; u < order.Length; u++)
            {
                order[u] = u;
            }

            Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]));
            for (var j = 0; j < order.Length;)
            {
                var end = j + 1;
                while (end < order.Length && scores[order[end]] == scores[order[j]])
                {
                    end++;
                }

                for (var t = j; t < end; t++)
                {
                    _ranks[order[t]] = j + 1;
                }

                j = end;
            }
        }

        return _ranks[0];
    }

    /// <summary>The LSD radix sort of truncated order-preserving keys (the general path, used for infinite ranges).</summary>
    [Benchmark]
    public double Radix()
    {
        foreach (var scores in _aggregates)
        {
            Kernels.RadixRank(scores, 1.0, _ranks, _scratch, descending: true);
        }

        return _ranks[0];
    }

    /// <summary>What the pipeline uses: one counting pass into 4n value buckets, shared buckets resolved by comparison.</summary>
    [Benchmark]
    public double Buckets()
    {
        foreach (var scores in _aggregates)
        {
            Kernels.RankDescending(scores, _ranks, _scratch);
        }

        return _ranks[0];
    }
}
