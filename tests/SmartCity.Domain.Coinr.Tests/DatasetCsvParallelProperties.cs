using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneOf;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;
using SmartCity.TestSupport;

namespace SmartCity.Domain.Coinr.Tests;

/// <summary>
/// A dataset CSV with every kind of trouble a read reports, in any order: numbers in every form and cells that are not
/// numbers, quoted cells (with commas, doubled quotes and line breaks), stray quotes, invalid and duplicate unit codes,
/// ragged rows, blank lines and every line end; and the knobs of a parallel read small enough to split it into many blocks.
/// </summary>
public sealed record MessyCsv(string Text, string[] Numeric, long FromValues, int BlockChars, int BlockCells)
{
    public override string ToString() =>
        $"parallel from {FromValues} values, blocks of {BlockChars} chars / {BlockCells} cells, numeric [{string.Join(',', Numeric)}]:\n{Text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n\n", StringComparison.Ordinal)}";
}

public static class MessyCsvArbitraries
{
    private static readonly Gen<string> Number = Gen.OneOf(
        Gen.Choose(-100_000, 100_000).Select(i => (i / 64.0).ToString("R", CultureInfo.InvariantCulture)),
        ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => f.Get.ToString("R", CultureInfo.InvariantCulture)),
        ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => f.Get.ToString("E3", CultureInfo.InvariantCulture)),
        Gen.Elements("0", "-0", "1e5", "+2", " -1.5 ", ".5", "5.", "1E-320", "\"3.25\"", "\" 7 \""));

    private static readonly Gen<string> Missing = Gen.Elements(string.Empty, "NA", "NaN", "nan", " ");

    private static readonly Gen<string> NotANumber = Gen.Elements(
        "abc", "\"1,5\"", "1e400", "Infinity", "0x10", "1 2", "x\"y", "\"a\"\"b\"", "\"12\"x", "\"two\nlines\"", "-");

    private static readonly Gen<string> NumberCell = Gen.Frequency(
        (12, Number),
        (3, Missing),
        (1, NotANumber));

    private static readonly Gen<string> Note = Gen.Elements(
        "plain", string.Empty, "NA", "\"Kota A, Jawa\"", "\"two\nlines\"", "\"three\r\nline\rends\"", "\"a \"\"quoted\"\" cell\"", "Tw\"o", "\"Tw\"o", "\"\"");

    private static readonly Gen<string> LineEnd = Gen.Frequency((6, Gen.Constant("\n")), (3, Gen.Constant("\r\n")), (1, Gen.Constant("\r")));

    private static readonly Gen<string> Unit = Gen.Frequency(
        (20, Gen.Choose(0, 1_000_000).Select(i => $"U{i}")),
        (2, Gen.Choose(0, 5).Select(i => $"D{i}")), // duplicates, often
        (1, Gen.Elements("9x", string.Empty, "bad code", "\"Q1\"", " W2 ")));

    /// <summary>One record: its cells in header order (ragged now and then), its line end, and sometimes a blank line before it.</summary>
    private static Gen<string> Record(int[] order) =>
        from unit in Unit
        from numbers in NumberCell.ArrayOf(order.Length - 2)
        from note in Note
        from ragged in Gen.Frequency((30, Gen.Constant(0)), (1, Gen.Constant(-1)), (1, Gen.Constant(1)))
        from blank in Gen.Frequency((15, Gen.Constant(string.Empty)), (1, LineEnd))
        from end in LineEnd
        select blank + Cells(order, unit, numbers, note, ragged) + end;

    public static Arbitrary<MessyCsv> Tables() => Arb.From(
        from numeric in Gen.Choose(1, 6)
        from rotate in Gen.Choose(0, numeric + 1)
        from units in Gen.Choose(1, 120)
        from layout in Gen.Constant(Layout(numeric, rotate))
        from records in Record(layout).ArrayOf(units)
        from lastEnd in Gen.Elements(true, false)
        from start in Gen.Elements(0L, 1L, numeric * 5L, numeric * 40L)
        from chars in Gen.Elements(1, 40, 300, 5000)
        from cells in Gen.Elements(1, 9, 64, 1 << 15)
        select new MessyCsv(Text(layout, numeric, records, lastEnd), [.. Enumerable.Range(0, numeric).Select(c => $"n{c}")], start, chars, cells));

    /// <summary>The header's columns: uCode, the numeric columns and a note, rotated (index 0 = uCode, 1… = numeric, last = note).</summary>
    private static int[] Layout(int numeric, int rotate)
    {
        var order = Enumerable.Range(0, numeric + 2).ToArray();
        return [.. order.Skip(rotate), .. order.Take(rotate)];
    }

    private static string Cells(int[] order, string unit, string[] numbers, string note, int ragged)
    {
        var cells = order.Select(k => k == 0 ? unit : k == order.Length - 1 ? note : numbers[k - 1]).ToList();
        if (ragged < 0)
        {
            cells.RemoveAt(cells.Count - 1);
        }
        else if (ragged > 0)
        {
            cells.Add("extra");
        }

        return string.Join(',', cells);
    }

    private static string Text(int[] order, int numeric, string[] records, bool lastEnd)
    {
        var text = new StringBuilder(string.Join(',', order.Select(k => k == 0 ? "uCode" : k == numeric + 1 ? "note" : $"n{k - 1}"))).Append('\n');
        foreach (var r in records)
        {
            text.Append(r);
        }

        var s = text.ToString();
        return lastEnd ? s : s.TrimEnd('\r', '\n');
    }
}

/// <summary>The parallel read (the numbers parsed over the cores, block by block) gives exactly what the sequential read gives.</summary>
[Properties(Arbitrary = [typeof(MessyCsvArbitraries)])]
public class DatasetCsvParallelProperties
{
    private static readonly CsvLimits Sequential = new(1 << 30, 1L << 32) { Parallel = new ParallelReads(long.MaxValue, 1 << 17, 1 << 15) };

    /// <summary>Every entry point (reader and stream, sync and async), parallel from any row and with blocks of any size: the same doubles bit for bit, attributes and units, or the same problems in the same order.</summary>
    [Property(MaxTest = 300)]
    public void ParallelRead_IsTheSequentialRead(MessyCsv table)
    {
        var columns = DatasetColumns.Of(table.Numeric);
        var parallel = Sequential with { Parallel = new ParallelReads(table.FromValues, table.BlockChars, table.BlockCells) };
        var expected = DatasetCsv.Read(columns, new StringReader(table.Text), "m.csv", Sequential);
        AssertSame(expected, DatasetCsv.Read(columns, new StringReader(table.Text), "m.csv", parallel));
        AssertSame(expected, DatasetCsv.ReadAsync(columns, new StringReader(table.Text), "m.csv", parallel).GetAwaiter().GetResult());
        AssertSame(expected, DatasetCsv.Read(columns, TestFiles.Utf8(table.Text), "m.csv", parallel));
        using var body = new AsyncOnlyStream(TestFiles.Utf8(table.Text));
        AssertSame(expected, DatasetCsv.ReadAsync(columns, body, "m.csv", parallel).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task AMemoryLimit_ReachedInTheParallelPart_IsTheSameOneError()
    {
        // 1,000 numeric columns: blocks of 65 rows; the limit (100 rows) is reached by the second block, at row 66.
        const int numeric = 1000;
        var text = new StringBuilder("uCode,").AppendJoin(',', Enumerable.Range(0, numeric).Select(c => $"c{c}")).Append('\n');
        for (var u = 0; u < 200; u++)
        {
            text.Append(CultureInfo.InvariantCulture, $"U{u}").Append(string.Concat(Enumerable.Repeat(",1.5", numeric))).Append('\n');
        }

        var columns = DatasetColumns.FromHeader(h => h.Skip(1));
        var limit = new CsvLimits(1 << 30, 100L * numeric * sizeof(double));
        var expected = DatasetCsv.Read(columns, new StringReader(text.ToString()), "m.csv", limit with { Parallel = Sequential.Parallel });
        var e = Assert.Single(expected.AsT1);
        Assert.Contains("66 rows × 1000 numeric columns", e.Message, StringComparison.Ordinal);
        var parallel = limit with { Parallel = new ParallelReads(10 * numeric, 3000, 100) };
        AssertSame(expected, DatasetCsv.Read(columns, new StringReader(text.ToString()), "m.csv", parallel));
        AssertSame(expected, await DatasetCsv.ReadAsync(columns, new StringReader(text.ToString()), "m.csv", parallel));
    }

    [Fact]
    public async Task ALargeTable_ParallelByDefault_IsTheSequentialRead()
    {
        // 3,000 units × 400 columns: 1.2 million cells, past the default threshold; every 997th cell is not a number,
        // every 101st is quoted, a few notes break their line.
        const int units = 3000, numeric = 400;
        var rnd = new Random(3);
        var text = new StringBuilder("uCode,note,").AppendJoin(',', Enumerable.Range(0, numeric).Select(c => $"c{c}")).Append("\r\n");
        var k = 0;
        for (var u = 0; u < units; u++)
        {
            text.Append(CultureInfo.InvariantCulture, $"U{u},").Append(u % 7 == 0 ? "\"a\nb\"" : "n");
            for (var c = 0; c < numeric; c++, k++)
            {
                var v = (rnd.NextDouble() * 1000).ToString("R", CultureInfo.InvariantCulture);
                text.Append(',').Append(k % 997 == 0 ? "bad" : k % 101 == 0 ? $"\"{v}\"" : k % 20 == 0 ? string.Empty : v);
            }

            text.Append(u % 2 == 0 ? "\n" : "\r\n");
        }

        var csv = text.ToString();
        var columns = DatasetColumns.FromHeader(h => h.Skip(2));
        Assert.True(CsvLimits.Default.Parallel.FromValues <= (long)units * numeric || Environment.ProcessorCount == 1);
        var expected = DatasetCsv.Read(columns, new StringReader(csv), "big.csv", Sequential);
        var errors = expected.AsT1.Items;
        Assert.Equal((units * numeric / 997) + 1, errors.Count);
        Assert.All(errors, e => Assert.Equal(ErrorCodes.DataNotNumeric, e.Code));
        AssertSame(expected, DatasetCsv.Read(columns, new StringReader(csv), "big.csv"));

        var good = csv.Replace(",bad", ",1", StringComparison.Ordinal);
        var sequential = DatasetCsv.Read(columns, new StringReader(good), "big.csv", Sequential);
        Assert.True(sequential.IsT0);
        AssertSame(sequential, DatasetCsv.Read(columns, new StringReader(good), "big.csv"));
        AssertSame(sequential, await DatasetCsv.ReadAsync(columns, TestFiles.Utf8(good), "big.csv"));
    }

    [Fact]
    public async Task TooMuchText_InTheParallelPart_IsOneTooLargeError()
    {
        // Bad cells before the limit is reached: the one error is still only the refusal.
        var csv = "uCode,x\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => i % 10 == 0 ? $"U{i},bad\n" : $"U{i},{i}\n"));
        var limits = new CsvLimits(20_000, 1 << 20) { Parallel = new ParallelReads(0, 50, 8) };
        var e = Assert.Single(DatasetCsv.Read(DatasetColumns.Of(["x"]), new TrickleReader(new StringReader(csv)), "d.csv", limits).AsT1);
        Assert.Equal((ErrorCodes.InputTooLarge, "file"), (e.Code, e.Path));
        var reader = new TrickleReader(new StringReader(csv));
        Assert.Equal(e, Assert.Single((await DatasetCsv.ReadAsync(DatasetColumns.Of(["x"]), reader, "d.csv", limits)).AsT1));
        Assert.True(reader.Reads > 10, "refused in the middle, not at the first read");
    }

    [Fact]
    public async Task Cancelling_TheParallelPart_ThrowsAndStopsReading()
    {
        var csv = "uCode,x,y\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"U{i},{i},{i * 0.5}\n"));
        var limits = CsvLimits.Default with { Parallel = new ParallelReads(0, 100, 16) };
        using var cts = new CancellationTokenSource();
        var reader = new TrickleReader(new StringReader(csv), cts, cancelAfter: 3);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DatasetCsv.ReadAsync(DatasetColumns.Of(["x", "y"]), reader, "d.csv", limits, cts.Token));
        Assert.Equal(3, reader.Reads);
    }

    [Fact]
    public async Task TheParallelPart_OnlyReadsTheStreamAsynchronously()
    {
        var csv = "uCode,x\n" + string.Concat(Enumerable.Range(0, 30_000).Select(i => $"U{i},{i}\n"));
        await using var body = new AsyncOnlyStream(TestFiles.Utf8(csv));
        var data = (await DatasetCsv.ReadAsync(DatasetColumns.Of(["x"]), body, "d.csv", CsvLimits.Default with { Parallel = new ParallelReads(0, 1000, 100) })).GetValueOrThrow();
        Assert.Equal(29_999, data.Value("U29999", "x"));
        Assert.True(body.AsyncCalls > 1);
    }

    private static void AssertSame(OneOf<Dataset, ValidationErrors> expected, OneOf<Dataset, ValidationErrors> actual)
    {
        Assert.Equal(expected.IsT0, actual.IsT0);
        if (expected.IsT1)
        {
            Assert.Equal(expected.AsT1.Items.ToArray(), actual.AsT1.Items.ToArray());
            return;
        }

        var (e, a) = (expected.AsT0, actual.AsT0);
        TestFiles.AssertSameData(e, a);
        for (var c = 0; c < e.Columns.Length; c++)
        {
            Assert.Equal(e.Column(c).ToArray().Select(BitConverter.DoubleToInt64Bits), a.Column(c).ToArray().Select(BitConverter.DoubleToInt64Bits));
        }
    }

    /// <summary>A reader that gives at most 1,000 characters a read, and cancels a token after some reads.</summary>
    private sealed class TrickleReader(TextReader inner, CancellationTokenSource? cts = null, int cancelAfter = -1) : TextReader
    {
        public int Reads { get; private set; }

        public override int Read(Span<char> buffer)
        {
            Reads++;
            return inner.Read(buffer[..Math.Min(buffer.Length, 1000)]);
        }

        public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Reads++;
            if (Reads == cancelAfter && cts is not null)
            {
                await cts.CancelAsync();
            }

            return inner.Read(buffer.Span[..Math.Min(buffer.Length, 1000)]);
        }
    }
}
