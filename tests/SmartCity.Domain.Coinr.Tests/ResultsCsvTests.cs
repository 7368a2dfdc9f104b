using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;
using SmartCity.TestSupport;

namespace SmartCity.Domain.Coinr.Tests;

public class ResultsCsvTests
{
    /// <summary>Writes one number through the package's table writer.</summary>
    private static class OneNumber
    {
        public static void WriteOne(double value, TextWriter writer)
        {
            var table = new CsvTableWriter(["x"], 1, 1, (_, row) => row.Number(value));
            foreach (var block in table.Render())
            {
                writer.Write(block.Span);
            }
        }
    }

    private static ScoreResult Scored()
    {
        var input = CoinrTables.Read(new StringReader(TestFiles.IMeta), new StringReader(TestFiles.IData)).GetValueOrThrow();
        return ScoringPlan.Compile(input.Framework).Score(input.Data).GetValueOrThrow();
    }

    [Fact]
    public void Contributions_WrittenBlockByBlock_AreTheWholeTable_CellByCell()
    {
        // 3,000 units × 300 indicators: many blocks of units (27 per block here), rendered by several threads.
        const int units = 3000, count = 300;
        var meta = new StringBuilder("iCode,Level,Parent,Direction,Weight,Type\n");
        for (var i = 0; i < count; i++)
        {
            meta.Append(CultureInfo.InvariantCulture, $"i{i},1,D{i % 6},{(i % 5 == 0 ? -1 : 1)},{1 + (i % 3)},Indicator\n");
        }

        for (var d = 0; d < 6; d++)
        {
            meta.Append(CultureInfo.InvariantCulture, $"D{d},2,Index,1,1,Aggregate\n");
        }

        meta.Append("Index,3,,1,1,Aggregate\n");
        var data = new StringBuilder("uCode," + string.Join(',', Enumerable.Range(0, count).Select(i => $"i{i}")) + "\n");
        for (var u = 0; u < units; u++)
        {
            data.Append(CultureInfo.InvariantCulture, $"U{u},");
            data.AppendJoin(',', Enumerable.Range(0, count).Select(i => (u * 31 + i * 17) % 97 == 0 ? string.Empty : ((u * 7919 + i * 104729) % 1000 / 7.0).ToString("R", CultureInfo.InvariantCulture)));
            data.Append('\n');
        }

        var input = CoinrTables.Read(new StringReader(meta.ToString()), new StringReader(data.ToString())).GetValueOrThrow();
        var result = ScoringPlan.Compile(input.Framework).Score(input.Data).GetValueOrThrow();
        var table = result.GetContributions("Index");
        var text = new StringWriter();
        ResultsCsv.Write(result, ResultsTable.Contributions, text);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(units + 1, lines.Length);

        // Blocks of several hundred kilobytes, encoded straight into bytes (the buffer grows past its first 64 KB).
        var bytes = new MemoryStream();
        ResultsCsv.Write(result, ResultsTable.Contributions, bytes);
        Assert.Equal(text.ToString(), Encoding.UTF8.GetString(bytes.ToArray()));
        Assert.Equal("uCode," + string.Join(',', table.Indicators), lines[0].TrimEnd('\r'));
        for (var u = 0; u < units; u++)
        {
            var cells = lines[u + 1].TrimEnd('\r').Split(',');
            Assert.Equal(result.Units[u], cells[0]);
            for (var j = 0; j < table.Indicators.Length; j++)
            {
                Assert.Equal(table[u, j], cells[j + 1].Length == 0 ? null : double.Parse(cells[j + 1], CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task EveryTable_IsTheSameThroughEveryOverload()
    {
        var result = Scored();
        using var dir = new TempDir();
        var files = ResultsCsv.WriteFiles(result, Path.Combine(dir.Path, "sync"), includeImputed: true, includeTreated: false);
        Assert.Equal(new[] { "normalised.csv", "aggregated.csv", "ranks.csv", "contributions.csv", "imputed.csv" }, files);
        var asyncFiles = await ResultsCsv.WriteFilesAsync(result, Path.Combine(dir.Path, "async"), includeImputed: true, includeTreated: false);
        Assert.Equal(files, asyncFiles);
        foreach (var table in new[] { ResultsTable.Normalised, ResultsTable.Aggregated, ResultsTable.Ranks, ResultsTable.Contributions, ResultsTable.Imputed })
        {
            var name = ResultsCsv.FileName(table);
            var expected = await File.ReadAllTextAsync(Path.Combine(dir.Path, "sync", name));
            Assert.Equal(expected, await File.ReadAllTextAsync(Path.Combine(dir.Path, "async", name)));

            var text = new StringWriter();
            ResultsCsv.Write(result, table, text);
            Assert.Equal(expected, text.ToString());

            var stream = new MemoryStream();
            ResultsCsv.Write(result, table, stream);
            Assert.Equal(expected, Encoding.UTF8.GetString(stream.ToArray()));

            var asyncText = new StringWriter();
            await ResultsCsv.WriteAsync(result, table, asyncText);
            Assert.Equal(expected, asyncText.ToString());

            var body = new MemoryStream();
            var asyncOnly = new AsyncOnlyStream(body);
            await ResultsCsv.WriteAsync(result, table, asyncOnly);
            Assert.Equal(expected, Encoding.UTF8.GetString(body.ToArray()));
            Assert.True(asyncOnly.AsyncCalls > 0);
        }
    }

    [Fact]
    public void WriteFiles_IntoCallersStreams_WritesEachTableOnce_AsTheFiles()
    {
        var result = Scored();
        using var dir = new TempDir();
        var files = ResultsCsv.WriteFiles(result, dir.Path, includeImputed: true, includeTreated: true);
        var streams = new System.Collections.Concurrent.ConcurrentDictionary<string, MemoryStream>();
        var disposed = new System.Collections.Concurrent.ConcurrentBag<string>();

        var names = ResultsCsv.WriteFiles(result, name => streams.AddOrUpdate(name, _ => new TrackedStream(name, disposed), (_, _) => throw new InvalidOperationException($"{name} asked for twice")), includeImputed: true, includeTreated: true);

        Assert.Equal(files, names);
        Assert.Equal(files.Order(StringComparer.Ordinal), disposed.Order(StringComparer.Ordinal));
        foreach (var name in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Path, name)), streams[name].ToArray());
        }
    }

    private sealed class TrackedStream(string name, System.Collections.Concurrent.ConcurrentBag<string> disposed) : MemoryStream
    {
        protected override void Dispose(bool disposing)
        {
            disposed.Add(name);
            base.Dispose(disposing);
        }
    }

    [Fact]
    public void WriteFiles_WhenOneFileCannotBeWritten_ThrowsThatFilesError_NotAnAggregate()
    {
        var result = Scored();
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "contributions.csv")); // a folder where a file must go

        var ex = Record.Exception(() => ResultsCsv.WriteFiles(result, dir.Path, includeImputed: false, includeTreated: false));

        Assert.True(ex is IOException or UnauthorizedAccessException, $"got {ex?.GetType().Name}");
        Assert.Contains("contributions.csv", ex!.Message, StringComparison.Ordinal);
    }

    /// <summary>Doubles from their whole bit range (any exponent, any mantissa), and FsCheck's own normal floats.</summary>
    public static class AnyDouble
    {
        public static Arbitrary<double> Values() => Arb.From(Gen.OneOf(
            Gen.Choose(int.MinValue, int.MaxValue).Two().Select(t => BitConverter.Int64BitsToDouble(((long)t.Item1 << 32) | unchecked((uint)t.Item2))),
            ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => f.Get)));
    }

    [Property(MaxTest = 5000, Arbitrary = [typeof(AnyDouble)])]
    public bool Numbers_AreWrittenInShortestRoundTripForm_AsDoubleToStringR(double value)
    {
        // The table writer formats with the default format; its text must be R's, and read back as the same double.
        if (double.IsNaN(value))
        {
            return true;
        }

        var text = new StringWriter();
        OneNumber.WriteOne(value, text);
        var cell = text.ToString().Split("\r\n")[1];
        return cell == value.ToString("R", CultureInfo.InvariantCulture)
            && BitConverter.DoubleToInt64Bits(double.Parse(cell, CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(value);
    }

    [Theory]
    [InlineData(double.NaN, "")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(-0.0, "-0")]
    [InlineData(1E+15, "1000000000000000")]
    [InlineData(1E-05, "1E-05")]
    [InlineData(33.333333333333336, "33.333333333333336")]
    public void Numbers_AreWrittenAsDotNetWritesThem_NaNAsAnEmptyCell(double value, string cell)
    {
        var text = new StringWriter();
        OneNumber.WriteOne(value, text);
        Assert.Equal("x\r\n" + cell + "\r\n", text.ToString());
    }

    [Fact]
    public void TheFourPowersOfTwoWhoseDotNetTextDoesNotRoundTrip_AreWrittenAsDotNetWritesThem()
    {
        // ±2^-25 and ±2^-958 (dotnet/runtime#131131): the writer's text is the runtime's, as for every other double.
        foreach (var value in new[] { Math.ScaleB(1, -25), -Math.ScaleB(1, -25), Math.ScaleB(1, -958), -Math.ScaleB(1, -958) })
        {
            var text = new StringWriter();
            OneNumber.WriteOne(value, text);
            Assert.Equal("x\r\n" + value.ToString(CultureInfo.InvariantCulture) + "\r\n", text.ToString());
        }
    }

    [Fact]
    public void Tables_HaveCoinrsLayout()
    {
        var result = Scored();
        string Table(ResultsTable t)
        {
            var w = new StringWriter();
            ResultsCsv.Write(result, t, w);
            return w.ToString();
        }

        var ranks = Table(ResultsTable.Ranks).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("uCode,P1,P2,Index", ranks[0]);
        Assert.Equal(5, ranks.Length);
        var normalised = Table(ResultsTable.Normalised).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("uCode,i1,i2,i3", normalised[0]);
        var b = normalised[2].Split(',');
        Assert.Equal("B", b[0]);
        Assert.Equal(100.0 / 3, double.Parse(b[1], CultureInfo.InvariantCulture), 12);
        Assert.Equal(string.Empty, b[3]); // NA in iData: missing, an empty cell
    }

    [Fact]
    public void TheStreamIsLeftOpen_AndHasNoByteOrderMark()
    {
        var stream = new MemoryStream();
        ResultsCsv.Write(Scored(), ResultsTable.Aggregated, stream);
        Assert.True(stream.CanWrite);
        Assert.Equal((byte)'u', stream.ToArray()[0]);
    }

    [Fact]
    public void AnUndefinedTable_IsAProgrammerError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ResultsCsv.FileName((ResultsTable)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResultsCsv.Write(Scored(), (ResultsTable)99, new StringWriter()));
    }
    [Property(MaxTest = 25)]
    public bool LargeTables_FormattedAheadOfTheWriter_AreTheRowByRowText(PositiveInt rowsSeed, PositiveInt widthSeed)
    {
        // Past 2^17 cells the writer formats the next batch of blocks while the caller writes this one: the text must
        // still be the rows in order, each written as Numbers and Number write it (missing, NaN → empty; ±Infinity).
        var rows = 400 + (rowsSeed.Get % 1600);
        var width = 330 + (widthSeed.Get % 300);
        double? Cell(int r, int c) => ((r * 31) + (c * 7)) % 23 switch
        {
            0 => null,
            1 => double.NaN,
            2 => (r + c) % 2 == 0 ? double.PositiveInfinity : double.NegativeInfinity,
            _ => ((r * 7919) + (c * 104729)) % 100003 / 7.0 - 5000,
        };

        var table = new CsvTableWriter([.. Enumerable.Range(0, width).Select(c => $"c{c}")], rows, width, (r, row) =>
        {
            var cells = row.Scratch(width - 1);
            for (var c = 1; c < width; c++)
            {
                cells[c - 1] = Cell(r, c);
            }

            row.Number(Cell(r, 0));
            row.Numbers(cells);
        });
        var text = new StringBuilder();
        foreach (var block in table.Render())
        {
            text.Append(block.Span);
        }

        var expected = new StringBuilder(string.Join(',', Enumerable.Range(0, width).Select(c => $"c{c}"))).Append("\r\n");
        for (var r = 0; r < rows; r++)
        {
            expected.AppendJoin(',', Enumerable.Range(0, width).Select(c => Cell(r, c) is { } v && !double.IsNaN(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty)).Append("\r\n");
        }

        return text.Equals(expected);
    }

    [Fact]
    public void LargeTables_LeftAfterTheFirstBlocks_StopFormatting_AndRenderAgainInFull()
    {
        // A caller whose write fails leaves the enumeration early: the batch in flight is waited for, nothing throws, and a
        // new enumeration starts from the header again.
        const int rows = 5000, width = 200;
        var written = 0;
        var table = new CsvTableWriter([.. Enumerable.Range(0, width).Select(c => $"c{c}")], rows, width, (r, row) =>
        {
            Interlocked.Increment(ref written);
            for (var c = 0; c < width; c++)
            {
                row.Number(r + c);
            }
        });
        var first = table.Render().Take(3).Sum(b => b.Length);
        Assert.True(first > 0);
        var formattedWhenLeft = Volatile.Read(ref written);
        Assert.True(formattedWhenLeft < rows, $"{formattedWhenLeft} rows formatted for 3 blocks");
        Thread.Sleep(50);
        Assert.Equal(formattedWhenLeft, Volatile.Read(ref written));

        var whole = new StringBuilder();
        foreach (var block in table.Render())
        {
            whole.Append(block.Span);
        }

        var lines = whole.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows + 1, lines.Length);
        Assert.Equal(string.Join(',', Enumerable.Range(rows - 1, width)), lines[^1]);
    }
}
