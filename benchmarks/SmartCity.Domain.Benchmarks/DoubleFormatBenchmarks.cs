using System.Globalization;
using BenchmarkDotNet.Attributes;
using SmartCity.Domain.Coinr;

namespace SmartCity.Domain.Benchmarks;

/// <summary>
/// One double to text, per number: <see cref="double.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>
/// with the default format (what <c>CsvRowWriter.Number</c> called before) against the Coinr package's internal
/// <c>ShortestDouble.Format</c> (its source is compiled into this project, the package shows its internals only to its
/// tests), each over the same 100,000 doubles into one buffer. <c>scores</c>: COINr scores, <c>(x − min) / (max − min) ×
/// 100</c> at full precision (100 indicators of 1,000 log-normal values); <c>bits</c>: random finite bit patterns (any
/// exponent, mostly 16–17 digits in scientific notation).
/// </summary>
[MemoryDiagnoser]
public class DoubleFormatBenchmarks
{
    private const int Count = 100_000;

    private readonly char[] _buffer = new char[64];
    private double[] _values = [];

    /// <summary>Gets or sets which doubles: <c>scores</c> or <c>bits</c>.</summary>
    [Params("scores", "bits")]
    public string Values { get; set; } = "scores";

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(17);
        _values = new double[Count];
        if (Values == "scores")
        {
            var raw = new double[1000];
            for (var start = 0; start < Count; start += raw.Length)
            {
                var scale = Math.Exp((rng.NextDouble() * 12) - 4);
                for (var u = 0; u < raw.Length; u++)
                {
                    raw[u] = scale * Math.Exp(rng.NextDouble() * 3);
                }

                var (min, max) = (raw.Min(), raw.Max());
                for (var u = 0; u < raw.Length; u++)
                {
                    _values[start + u] = (raw[u] - min) / (max - min) * 100;
                }
            }
        }
        else
        {
            for (var k = 0; k < Count; k++)
            {
                double v;
                do
                {
                    v = BitConverter.Int64BitsToDouble(rng.NextInt64() ^ (rng.NextInt64() << 1));
                }
                while (!double.IsFinite(v));
                _values[k] = v;
            }
        }

        // The same text (ShortestDoubleTests proves it for all but four powers of two, none of them here).
        foreach (var v in _values)
        {
            if (ShortestDouble.Format(v, _buffer) is var n && !_buffer.AsSpan(0, n).SequenceEqual(v.ToString(CultureInfo.InvariantCulture)))
            {
                throw new InvalidOperationException($"{v:R}: ShortestDouble wrote {new string(_buffer, 0, n)}");
            }
        }
    }

    /// <summary>Baseline: <see cref="double.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>, default format, invariant culture.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int TryFormat()
    {
        var total = 0;
        foreach (var v in _values)
        {
            v.TryFormat(_buffer, out var written, default, CultureInfo.InvariantCulture);
            total += written;
        }

        return total;
    }

    /// <summary>The Coinr package's Ryū formatter (the same text).</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int ShortestDoubleFormat()
    {
        var total = 0;
        foreach (var v in _values)
        {
            total += ShortestDouble.Format(v, _buffer);
        }

        return total;
    }
}
