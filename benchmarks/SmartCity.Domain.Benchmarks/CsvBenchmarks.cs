using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CsvHelper;
using CsvHelper.Configuration;
using nietras.SeparatedValues;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Benchmarks;

/// <summary>
/// Reading a COINr iData table (a <c>uCode</c> column, then numeric columns, 5 % empty cells, values in 17 significant
/// digits) into column-major doubles, from text in memory, by this package's reader and by three well-kept .NET CSV
/// libraries: CsvHelper (what the CLI used before), Sep and Sylvan.Data.Csv — every reader doing the same work (every cell
/// parsed to a double, empty = NaN, stored column-major). <c>Pass</c> scans the text once (a vectorised count of its
/// separators): the memory-bound floor. <c>Naive</c> splits lines and cells into strings.
/// </summary>
/// <remarks>
/// <c>DatasetCsvRead</c> is this package's whole public path (header checks, unit codes, duplicate detection, limits, the
/// <see cref="Scoring.Dataset"/> built), so it does more than the others; every other reader's values are checked against
/// it once, bit for bit, before the measurements.
/// </remarks>
[MemoryDiagnoser]
public class CsvReadBenchmarks
{
    private string _text = string.Empty;
    private string[] _columns = [];

    /// <summary>Gets or sets the shape: units × numeric columns.</summary>
    [Params("2000x200", "20000x200")]
    public string Shape { get; set; } = "2000x200";

    private int Rows => int.Parse(Shape.AsSpan(0, Shape.IndexOf('x', StringComparison.Ordinal)), CultureInfo.InvariantCulture);

    private int Columns => int.Parse(Shape.AsSpan(Shape.IndexOf('x', StringComparison.Ordinal) + 1), CultureInfo.InvariantCulture);

    [GlobalSetup]
    public void Setup()
    {
        (_text, _columns) = CsvTables.IData(Rows, Columns, seed: 7);
        var dataset = ReadDataset();
        var expected = new double[dataset.UnitCount * _columns.Length];
        for (var c = 0; c < _columns.Length; c++)
        {
            dataset.Column(c).CopyTo(expected.AsSpan(c * dataset.UnitCount));
        }

        foreach (var (name, read) in new (string, Func<double[]>)[] { ("Naive", ReadNaive), ("CsvHelper", ReadCsvHelperParser), ("Sep", ReadSep), ("Sylvan", ReadSylvan) })
        {
            if (!read().AsSpan().SequenceEqual(expected))
            {
                throw new InvalidOperationException($"{name} read other values than DatasetCsv");
            }
        }
    }

    /// <summary>Baseline: one vectorised pass over the text (the commas and line ends counted).</summary>
    [Benchmark(Baseline = true)]
    public int Pass() => _text.AsSpan().Count(',') + _text.AsSpan().Count('\n');

    /// <summary>Lines and cells split into strings, each parsed with <see cref="double.Parse(string, IFormatProvider)"/>.</summary>
    [Benchmark]
    public double Naive() => ReadNaive()[^1];

    private double[] ReadNaive()
    {
        var lines = _text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var rows = lines.Length - 1;
        var values = new double[rows * _columns.Length];
        for (var r = 0; r < rows; r++)
        {
            var cells = lines[r + 1].TrimEnd('\r').Split(',');
            for (var c = 0; c < _columns.Length; c++)
            {
                var cell = cells[c + 1];
                values[(c * rows) + r] = cell.Length == 0 ? double.NaN : double.Parse(cell, CultureInfo.InvariantCulture);
            }
        }

        return values;
    }

    /// <summary>CsvHelper 33's parser (a string per cell), <see cref="double.Parse(string, IFormatProvider)"/>.</summary>
    [Benchmark]
    public double CsvHelperParser() => ReadCsvHelperParser()[^1];

    private double[] ReadCsvHelperParser()
    {
        using var reader = new StringReader(_text);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var columns = new List<double>[_columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = [];
        }

        parser.Read();
        while (parser.Read())
        {
            for (var c = 0; c < columns.Length; c++)
            {
                var cell = parser[c + 1];
                columns[c].Add(cell.Length == 0 ? double.NaN : double.Parse(cell, CultureInfo.InvariantCulture));
            }
        }

        return ColumnMajor(columns);
    }

    /// <summary>Sep 0.17 (SIMD, its own csFastFloat parsing), unescaping quotes, one thread.</summary>
    [Benchmark]
    public double Sep() => ReadSep()[^1];

    private double[] ReadSep()
    {
        using var reader = nietras.SeparatedValues.Sep.New(',').Reader(o => o with { Unescape = true, CultureInfo = CultureInfo.InvariantCulture }).FromText(_text);
        var columns = new List<double>[_columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = [];
        }

        foreach (var row in reader)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                var cell = row[c + 1];
                columns[c].Add(cell.Span.IsEmpty ? double.NaN : cell.Parse<double>());
            }
        }

        return ColumnMajor(columns);
    }

    /// <summary>Sylvan.Data.Csv 1.4 (a data reader over spans), <c>GetDouble</c>.</summary>
    [Benchmark]
    public double Sylvan() => ReadSylvan()[^1];

    private double[] ReadSylvan()
    {
        using var reader = global::Sylvan.Data.Csv.CsvDataReader.Create(new StringReader(_text));
        var columns = new List<double>[_columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = [];
        }

        while (reader.Read())
        {
            for (var c = 0; c < columns.Length; c++)
            {
                columns[c].Add(reader.GetFieldSpan(c + 1).IsEmpty ? double.NaN : reader.GetDouble(c + 1));
            }
        }

        return ColumnMajor(columns);
    }

    /// <summary>The whole public path: <see cref="DatasetCsv.Read(DatasetColumns, TextReader, string, CsvLimits?)"/>.</summary>
    [Benchmark]
    public int DatasetCsvRead() => ReadDataset().UnitCount;

    private Scoring.Dataset ReadDataset()
    {
        var read = DatasetCsv.Read(DatasetColumns.Of(_columns), new StringReader(_text));
        return read.IsT0 ? read.AsT0 : throw new InvalidOperationException(read.AsT1.ToString());
    }

    private static double[] ColumnMajor(List<double>[] columns)
    {
        var rows = columns[0].Count;
        var values = new double[rows * columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c].CopyTo(values, c * rows);
        }

        return values;
    }
}

/// <summary>
/// Writing a table of doubles (units × columns, shortest round-trip form, empty cells for missing values) as CSV into a
/// UTF-8 stream that discards its bytes: CsvHelper's writer, Sep's writer, this package's table writer (which formats a
/// few blocks of rows in parallel), a <see cref="StringBuilder"/> of <c>ToString("R")</c> strings (naive) and, as the
/// floor, the formatting alone (<see cref="double.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>
/// into one buffer, one thread).
/// </summary>
[MemoryDiagnoser]
public class CsvWriteBenchmarks
{
    private double[] _values = [];
    private string[] _header = [];
    private Scoring.ScoreResult _scored = null!;
    private int _rows;
    private int _columns;

    /// <summary>Gets or sets the shape: units × numeric columns.</summary>
    [Params("2000x200", "20000x200")]
    public string Shape { get; set; } = "2000x200";

    [GlobalSetup]
    public void Setup()
    {
        var x = Shape.IndexOf('x', StringComparison.Ordinal);
        _rows = int.Parse(Shape.AsSpan(0, x), CultureInfo.InvariantCulture);
        _columns = int.Parse(Shape.AsSpan(x + 1), CultureInfo.InvariantCulture);
        (_values, _header) = CsvTables.Values(_rows, _columns, seed: 11);
        var indicators = _header.Skip(1).Select(code => (Frameworks.FrameworkNode)Frameworks.Indicator.Create(code, Frameworks.LocalizedText.Of(code)).GetValueOrThrow()).ToList();
        var root = Frameworks.GroupNode.Create("Index", Frameworks.LocalizedText.Of("Index"), Frameworks.NodeRole.Index, indicators).GetValueOrThrow();
        var framework = Frameworks.RatingFramework.Create("csv", Frameworks.LocalizedText.Of("CSV"), "bench", root, new Methods.ScoringMethods(Methods.NormalisationMethod.None, Methods.AggregationMethod.Arithmetic)).GetValueOrThrow();
        var units = Enumerable.Range(0, _rows).Select(r => "u" + r.ToString(CultureInfo.InvariantCulture)).ToArray();
        var data = Scoring.Dataset.CreateColumnMajor(units, _header[1..], _values).GetValueOrThrow();
        _scored = Scoring.ScoringPlan.Compile(framework).Score(data).GetValueOrThrow();
    }

    /// <summary>Baseline: only the formatting, each value into the same char buffer, one thread.</summary>
    [Benchmark(Baseline = true)]
    public int FormatOnly()
    {
        Span<char> buffer = stackalloc char[32];
        var total = 0;
        foreach (var v in _values)
        {
            if (!double.IsNaN(v))
            {
                v.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
                total += written;
            }
        }

        return total;
    }

    /// <summary>A string per cell appended to a <see cref="StringBuilder"/>, the whole text written at the end.</summary>
    [Benchmark]
    public long Naive()
    {
        var text = new StringBuilder();
        text.AppendJoin(',', _header).Append("\r\n");
        for (var r = 0; r < _rows; r++)
        {
            text.Append('u').Append(r.ToString(CultureInfo.InvariantCulture));
            for (var c = 0; c < _columns; c++)
            {
                var v = _values[(c * _rows) + r];
                text.Append(',').Append(double.IsNaN(v) ? string.Empty : v.ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append("\r\n");
        }

        using var writer = Discard();
        writer.Write(text);
        writer.Flush();
        return writer.BaseStream.Position;
    }

    /// <summary>CsvHelper 33's writer, each number formatted to a string by the caller (its type converters are slower).</summary>
    [Benchmark]
    public long CsvHelperWriter()
    {
        using var writer = Discard();
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" }, leaveOpen: true))
        {
            foreach (var h in _header)
            {
                csv.WriteField(h);
            }

            csv.NextRecord();
            for (var r = 0; r < _rows; r++)
            {
                csv.WriteField("u" + r.ToString(CultureInfo.InvariantCulture));
                for (var c = 0; c < _columns; c++)
                {
                    var v = _values[(c * _rows) + r];
                    csv.WriteField(double.IsNaN(v) ? string.Empty : v.ToString("R", CultureInfo.InvariantCulture));
                }

                csv.NextRecord();
            }
        }

        writer.Flush();
        return writer.BaseStream.Position;
    }

    /// <summary>Sep 0.17's writer (numbers formatted straight into its buffer), one thread.</summary>
    [Benchmark]
    public long Sep()
    {
        using var writer = Discard();
        using (var csv = nietras.SeparatedValues.Sep.New(',').Writer(o => o with { CultureInfo = CultureInfo.InvariantCulture }).To(writer, leaveOpen: true))
        {
            for (var r = 0; r < _rows; r++)
            {
                using var row = csv.NewRow();
                row[_header[0]].Set("u" + r.ToString(CultureInfo.InvariantCulture));
                for (var c = 0; c < _columns; c++)
                {
                    var v = _values[(c * _rows) + r];
                    var col = row[_header[c + 1]];
                    if (double.IsNaN(v))
                    {
                        col.Set(string.Empty);
                    }
                    else
                    {
                        col.Format(v);
                    }
                }
            }
        }

        writer.Flush();
        return writer.BaseStream.Position;
    }

    /// <summary>
    /// This package's writer: <see cref="ResultsCsv.Write(Scoring.ScoreResult, ResultsTable, TextWriter)"/> of the
    /// normalised table of a result scored without normalisation (so the table is these values): blocks of rows formatted
    /// in parallel, written in order.
    /// </summary>
    [Benchmark]
    public long OwnWriter()
    {
        using var writer = Discard();
        ResultsCsv.Write(_scored, ResultsTable.Normalised, writer);
        writer.Flush();
        return writer.BaseStream.Position;
    }

    private static StreamWriter Discard() => new(new MemoryCountingStream(), new UTF8Encoding(false), 1 << 16);

    /// <summary>A stream that keeps no bytes, only their count (so writers pay for encoding, not for storage).</summary>
    private sealed class MemoryCountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}

/// <summary>Generated COINr-style tables for the CSV benchmarks.</summary>
internal static class CsvTables
{
    /// <summary>Column-major values (5 % missing, spread over 12 orders of magnitude) and a header (<c>uCode</c>, <c>i1</c>…).</summary>
    public static (double[] Values, string[] Header) Values(int rows, int columns, int seed)
    {
        var rng = new Random(seed);
        var values = new double[rows * columns];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = rng.NextDouble() < 0.05 ? double.NaN : Math.Exp((rng.NextDouble() * 28) - 14);
        }

        var header = new string[columns + 1];
        header[0] = "uCode";
        for (var c = 0; c < columns; c++)
        {
            header[c + 1] = "i" + (c + 1).ToString(CultureInfo.InvariantCulture);
        }

        return (values, header);
    }

    /// <summary>The text of an iData table with those values (17 significant digits, as R and Python write them), and its numeric columns.</summary>
    public static (string Text, string[] Columns) IData(int rows, int columns, int seed)
    {
        var (values, header) = Values(rows, columns, seed);
        var text = new StringBuilder(rows * columns * 20);
        text.AppendJoin(',', header).Append('\n');
        for (var r = 0; r < rows; r++)
        {
            text.Append('u').Append(r);
            for (var c = 0; c < columns; c++)
            {
                text.Append(',');
                var v = values[(c * rows) + r];
                if (!double.IsNaN(v))
                {
                    text.Append(v.ToString("G17", CultureInfo.InvariantCulture));
                }
            }

            text.Append('\n');
        }

        return (text.ToString(), header[1..]);
    }
}
