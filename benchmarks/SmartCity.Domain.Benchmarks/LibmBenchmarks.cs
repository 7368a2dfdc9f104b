using BenchmarkDotNet.Attributes;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Benchmarks;

/// <summary>
/// The geometric mean's transcendental functions alone: scalar <see cref="Math.Log(double)"/> / <see cref="Math.Exp"/> per
/// value against <see cref="LibmVector"/> (the same bits, four lanes at a time), over one column of the COINr shape (514
/// units) and a whole table (514 × 60 = 30,840). Log inputs are scores in [1, 100]; exp inputs are their logs, as the
/// geometric mean takes them. Run pinned to one core: <c>taskset -c 1 dotnet ... --filter '*LibmBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class LibmBenchmarks
{
    private double[] _scores = null!;
    private double[] _logs = null!;
    private double[] _out = null!;
    private Dataset _data = null!;

    [Params(514, 30_840)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _scores = [.. Enumerable.Range(0, N).Select(_ => 1 + (99 * rng.NextDouble()))];
        _logs = [.. _scores.Select(v => Math.Log(v))];
        _out = new double[N];
        (_, _data, _) = UncertaintyBenchmarks.Shape();
        if (!LibmVector.Enabled)
        {
            Console.Error.WriteLine("LibmVector is off on this machine: the vector benchmarks measure the scalar calls.");
        }
    }

    /// <summary>Baseline: one vectorised pass over the 514 × 60 values of the COINr shape.</summary>
    [Benchmark(Baseline = true)]
    public double Pass() => Passes.Sum(_data);

    [Benchmark]
    public double ScalarLog()
    {
        for (var u = 0; u < _scores.Length; u++)
        {
            _out[u] = Math.Log(_scores[u]);
        }

        return _out[^1];
    }

    [Benchmark]
    public double VectorLog()
    {
        LibmVector.Log(_scores, _out);
        return _out[^1];
    }

    [Benchmark]
    public double ScalarExp()
    {
        for (var u = 0; u < _logs.Length; u++)
        {
            _out[u] = Math.Exp(_logs[u]);
        }

        return _out[^1];
    }

    [Benchmark]
    public double VectorExp()
    {
        LibmVector.Exp(_logs, _out);
        return _out[^1];
    }
}
