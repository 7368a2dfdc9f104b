using System.Reflection;
using BenchmarkDotNet.Attributes;
using SmartCity.Domain.Coinr;

namespace SmartCity.Domain.Benchmarks;

/// <summary>
/// <see cref="DatasetCsv.Read(DatasetColumns, TextReader, string, CsvLimits?)"/> on one thread against the same read
/// with its numbers parsed over the cores (the default past about a million numeric cells): the same generated iData
/// table as <see cref="CsvReadBenchmarks"/>, held in memory. <c>Sequential</c> sets the threshold out of reach: it is
/// internal (<c>CsvLimits.Parallel</c>), and the package shows its internals to its own tests only, so by reflection.
/// </summary>
[MemoryDiagnoser]
public class CsvParallelReadBenchmarks
{
    private static readonly CsvLimits OneThread = NeverParallel();

    private string _text = string.Empty;
    private DatasetColumns _columns = DatasetColumns.Of([]);

    /// <summary>Gets or sets the shape: units × numeric columns.</summary>
    [Params("20000x200", "4000x2000")]
    public string Shape { get; set; } = "20000x200";

    [GlobalSetup]
    public void Setup()
    {
        var x = Shape.IndexOf('x', StringComparison.Ordinal);
        (_text, var columns) = CsvTables.IData(int.Parse(Shape.AsSpan(0, x), System.Globalization.CultureInfo.InvariantCulture), int.Parse(Shape.AsSpan(x + 1), System.Globalization.CultureInfo.InvariantCulture), seed: 7);
        _columns = DatasetColumns.Of(columns);
        var one = Read(OneThread);
        var cores = Read(CsvLimits.Default);
        for (var c = 0; c < columns.Length; c++)
        {
            if (!one.Column(c).SequenceEqual(cores.Column(c)))
            {
                throw new InvalidOperationException($"column {columns[c]}: the parallel read gave other values");
            }
        }
    }

    /// <summary>One thread: tokenise, parse, transpose.</summary>
    [Benchmark(Baseline = true)]
    public int Sequential() => Read(OneThread).UnitCount;

    /// <summary>The default: the numbers parsed on the thread pool while the text is tokenised, the transpose in parallel.</summary>
    [Benchmark]
    public int Parallel() => Read(CsvLimits.Default).UnitCount;

    private static CsvLimits NeverParallel()
    {
        var limits = CsvLimits.Default with { };
        var parallel = typeof(CsvLimits).GetProperty("Parallel", BindingFlags.NonPublic | BindingFlags.Instance) ?? throw new InvalidOperationException("CsvLimits.Parallel is gone");
        var settings = parallel.GetValue(limits)!;
        var cells = (int)settings.GetType().GetProperty("BlockCells")!.GetValue(settings)!;
        var chars = (int)settings.GetType().GetProperty("BlockChars")!.GetValue(settings)!;
        parallel.SetValue(limits, Activator.CreateInstance(settings.GetType(), long.MaxValue, chars, cells));
        return limits;
    }

    private Scoring.Dataset Read(CsvLimits limits)
    {
        var read = DatasetCsv.Read(_columns, new StringReader(_text), "bench.csv", limits);
        return read.IsT0 ? read.AsT0 : throw new InvalidOperationException(read.AsT1.ToString());
    }
}
