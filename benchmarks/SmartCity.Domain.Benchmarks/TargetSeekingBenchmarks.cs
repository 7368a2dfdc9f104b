using BenchmarkDotNet.Attributes;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Benchmarks;

/// <summary>
/// Target seeking on the COINr comparison shape: one indicator, a rank target at the index. The naive baseline bisects
/// with a full re-score of an edited dataset per step (<see cref="Dataset.WithValue"/> + <see cref="ScoringPlan.Score"/>);
/// <see cref="TargetSeeking.Run"/> re-scores only the indicator's column and the groups above it.
/// </summary>
[MemoryDiagnoser]
public class TargetSeekingBenchmarks
{
    private RatingFramework _framework = null!;
    private Dataset _data = null!;
    private ScoringPlan _plan = null!;
    private string _unit = null!;
    private string _indicator = null!;
    private int _rank;

    [GlobalSetup]
    public void Setup()
    {
        _framework = CaseCShape.Framework(Methods.ScoringMethods.Default);
        _data = CaseCShape.Data(_framework);
        _plan = ScoringPlan.Compile(_framework);
        var result = _plan.Score(_data).GetValueOrThrow();
        var root = _framework.Root.Code;
        _indicator = _framework.Indicators[0].Code;
        var column = _data.IndexOfColumn(_indicator);

        // A unit ranked 41-59 whose value of the indicator is present (a missing one gives the bisection no start).
        _unit = result.Units.First(u => result.Rank(root, u) is > 40 and < 60 && !double.IsNaN(_data.Column(column)[_data.IndexOfUnit(u)]));
        _rank = result.Rank(root, _unit)!.Value - 10;
    }

    /// <summary>Baseline: bisection with a full re-score per step, to adjacent doubles.</summary>
    [Benchmark(Baseline = true)]
    public double NaiveBisection()
    {
        var root = _framework.Root.Code;
        var i = _data.IndexOfColumn(_indicator);
        var column = _data.Column(i).ToArray();
        var lo = column[_data.IndexOfUnit(_unit)];
        var hi = column.Where(v => !double.IsNaN(v)).Max();
        while (true)
        {
            var mid = lo + ((hi - lo) / 2);
            if (mid == lo || mid == hi)
            {
                return hi;
            }

            var rank = _plan.Score(_data.WithValue(_unit, _indicator, mid).GetValueOrThrow()).GetValueOrThrow().Rank(root, _unit);
            if (rank <= _rank)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }
    }

    /// <summary>The library's search for the same indicator alone (incremental re-scoring).</summary>
    [Benchmark]
    public SeekStatus SingleIndicator() =>
        TargetSeeking.Run(_framework, _data, new TargetSeekRequest(_unit, SeekTarget.ForRank(_framework.Root.Code, _rank), movable: [_indicator])).GetValueOrThrow().Single[0].Status;
}
