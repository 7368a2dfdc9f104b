using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Coinr.Tests;

/// <summary>Size limits, text that is not text, long values in messages, wide tables, and the writer's formula neutralisation.</summary>
public class CsvLimitsAndScaleTests
{
    private static readonly DatasetColumns X = DatasetColumns.Of(["x"]);

    [Fact]
    public void MoreTextThanTheLimit_IsOneTooLargeError_NamingTheLimit()
    {
        var csv = "uCode,x\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"U{i},{i}\n"));
        var errors = DatasetCsv.Read(X, new StringReader(csv), "d.csv", new CsvLimits(1000, 1 << 20)).AsT1;
        var e = Assert.Single(errors);
        Assert.Equal((ErrorCodes.InputTooLarge, "file"), (e.Code, e.Path));
        Assert.StartsWith("d.csv: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("1000 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("CsvLimits.MaxTextLength", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStreamWithoutEnd_IsRefusedAtTheLimit_NotReadIntoMemory()
    {
        // Like a pipe or a device: no length, an endless supply of valid text.
        var errors = DatasetCsv.Read(X, new EndlessStream("uCode,x\n"u8.ToArray(), "U1,1\n"u8.ToArray()), "pipe", new CsvLimits(1 << 20, 1 << 30)).AsT1;
        Assert.Equal(ErrorCodes.InputTooLarge, Assert.Single(errors).Code);
    }

    [Fact]
    public async Task MoreNumbersThanTheMemoryLimit_AreRefusedBeforeTheyAreAllocated()
    {
        var csv = "uCode,x\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"U{i},{i}\n"));
        var limits = new CsvLimits(1 << 20, 64);
        var e = Assert.Single(DatasetCsv.Read(X, new StringReader(csv), "d.csv", limits).AsT1);
        Assert.Equal(ErrorCodes.InputTooLarge, e.Code);
        Assert.Contains("numeric columns need more than the limit", e.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.InputTooLarge, Assert.Single((await DatasetCsv.ReadAsync(X, new StringReader(csv), "d.csv", limits)).AsT1).Code);
    }

    [Fact]
    public void ASeekableStreamLongerThanTheLimit_IsRefusedBeforeReading()
    {
        var stream = new MemoryStream(new byte[10_000]);
        Assert.Equal(ErrorCodes.InputTooLarge, Assert.Single(DatasetCsv.Read(X, stream, "big", new CsvLimits(100, 1 << 20)).AsT1).Code);
        Assert.Equal(0, stream.Position);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0 })]                                  // /dev/zero, a sparse file
    [InlineData(new byte[] { (byte)'u', (byte)'C', 0x89, 0x50, 0x4E, 0x47, 0xFF })] // binary, not UTF-8
    public void BinaryInput_IsOneNotTextError(byte[] bytes)
    {
        var e = Assert.Single(DatasetCsv.Read(X, new MemoryStream(bytes), "img.png").AsT1);
        Assert.Equal(ErrorCodes.InputNotText, e.Code);
        Assert.StartsWith("img.png: not a text CSV file", e.Message, StringComparison.Ordinal);
        var meta = Assert.Single(CoinrTables.Read(new MemoryStream(bytes), TestFiles.Utf8(TestFiles.IData)).AsT1);
        Assert.Equal(ErrorCodes.InputNotText, meta.Code);
        Assert.StartsWith("iMeta.csv: ", meta.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHugeCell_IsCutInTheMessage()
    {
        var cell = new string('z', 1_000_000);
        var errors = DatasetCsv.Read(X, new StringReader($"uCode,x\nA,{cell}\n{cell},1\nB,\"{cell}\"x\n"), "d.csv").AsT1;
        Assert.Contains(errors, e => e.Code == ErrorCodes.DataNotNumeric);
        Assert.Contains(errors, e => e.Code == ErrorCodes.DataUnitInvalid);
        Assert.Contains(errors, e => e.Code == ErrorCodes.CsvMalformed);
        Assert.All(errors, e => Assert.True(e.Message.Length <= 300, $"{e.Code}: {e.Message.Length} characters"));
        Assert.All(errors, e => Assert.True((e.AttemptedValue?.Length ?? 0) <= 201, e.Code));
    }

    [Fact]
    public void AWideTable_IsReadWhole_WithEveryColumnInPlace()
    {
        const int columns = 20_000;
        var header = "uCode,uName," + string.Join(',', Enumerable.Range(0, columns).Select(c => $"c{c}"));
        var rows = string.Concat(Enumerable.Range(0, 3).Select(r => $"\nU{r},Unit {r}," + string.Join(',', Enumerable.Range(0, columns).Select(c => (r * columns) + c))));
        var data = DatasetCsv.Read(DatasetColumns.FromHeader(h => h.Skip(2)), new StringReader(header + rows)).GetValueOrThrow();
        Assert.Equal(columns, data.Columns.Length);
        Assert.Equal((2 * columns) + 12345, data.Value("U2", "c12345"));
        Assert.Equal("Unit 1", data.Attribute("U1", "uName"));
    }

    [Fact]
    public void RecordsAcrossBufferRefills_QuotedLineBreaks_AndEveryLineEnd_ReadAsCsvHelperReadsThem()
    {
        var sb = new StringBuilder("\uFEFFuCode,note,x\r\n");
        for (var i = 0; i < 30_000; i++)
        {
            var note = (i % 4) switch { 0 => "\"two\nlines\"", 1 => "\"a \"\"quoted\"\", cell\"", 2 => "plain", _ => string.Empty };
            sb.Append(CultureInfo.InvariantCulture, $"U{i},{note},{i * 0.1}").Append((i % 3) switch { 0 => "\r\n", 1 => "\n", _ => "\r" });
        }

        var text = sb.ToString();
        var data = DatasetCsv.Read(X, new StringReader(text)).GetValueOrThrow();
        using var parser = new CsvHelper.CsvParser(new StringReader(text), CultureInfo.InvariantCulture);
        parser.Read();
        var row = 0;
        while (parser.Read())
        {
            var record = parser.Record!;
            Assert.Equal(record[0], data.Units[row]);
            Assert.Equal(record[1].Length == 0 ? null : record[1], data.Attribute(record[0], "note"));
            Assert.Equal(double.Parse(record[2], CultureInfo.InvariantCulture), data.Value(record[0], "x"));
            row++;
        }

        Assert.Equal(30_000, row);
    }

    [Property(MaxTest = 300)]
    public void NumberCells_ParseToTheSameDoubleAsDotNet(double value, int format)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        string[] formats = ["R", "E16", "F6", "G5", "E3"];
        var text = value.ToString(formats[Math.Abs(format % formats.Length)], CultureInfo.InvariantCulture);
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(double.IsFinite(expected), CsvTable.TryParseNumber(text, out var parsed)); // "G5" of double.MaxValue rounds up past it: infinite, refused
        if (double.IsFinite(expected))
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(parsed));
        }
    }

    [Theory]
    [InlineData("1e5", 1e5)]
    [InlineData("+2", 2)]
    [InlineData(" -1.5 ", -1.5)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5)]
    [InlineData("1E-320", 1e-320)]
    public void NumberCells_AcceptWhatDotNetAccepts(string text, double expected)
    {
        Assert.True(CsvTable.TryParseNumber(text, out var v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("Infinity")]
    [InlineData("1,5")]
    [InlineData("0x10")]
    [InlineData("1 2")]
    public void NumberCells_RefuseWhatIsNotAFiniteNumber(string text) => Assert.False(CsvTable.TryParseNumber(text, out _));

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("+1+cmd|' /C calc'!A0", "\"'+1+cmd|' /C calc'!A0\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("-x", "\"'-x\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("+2", "+2")]
    [InlineData("-1E-05", "-1E-05")]
    [InlineData("Kota A, Jawa", "\"Kota A, Jawa\"")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void CsvField_NeutralisesFormulas_KeepsNumbers_AndQuotes(string value, string expected) =>
        Assert.Equal(expected, CsvField.Escape(value));

    [Fact]
    public void ANeutralisedCell_ReadsBackWithItsQuote_InputIsNeverRewritten()
    {
        var csv = $"uCode,uName,x\nA,{CsvField.Escape("=SUM(1)")},1\n";
        Assert.Equal("'=SUM(1)", DatasetCsv.Read(X, new StringReader(csv)).GetValueOrThrow().Attribute("A", "uName"));
    }

    [Fact]
    public async Task ABigResultsTable_FormattedInParallel_IsEveryValueInOrder()
    {
        const int units = 300, indicators = 500; // 150,000 cells: the parallel path
        var rnd = new Random(7);
        var header = "uCode," + string.Join(',', Enumerable.Range(0, indicators).Select(i => $"i{i}"));
        var meta = "iCode,Level,Parent,Direction,Weight,Type\n" + string.Concat(Enumerable.Range(0, indicators).Select(i => $"i{i},1,G,1,1,Indicator\n")) + "G,2,,,1,Aggregate\n";
        var data = header + string.Concat(Enumerable.Range(0, units).Select(u => $"\nU{u}," + string.Join(',', Enumerable.Range(0, indicators).Select(_ => (rnd.NextDouble() * 100).ToString("R", CultureInfo.InvariantCulture)))));
        var input = CoinrTables.Read(new StringReader(meta), new StringReader(data)).GetValueOrThrow();
        var result = ScoringPlan.Compile(input.Framework).Score(input.Data).GetValueOrThrow();
        var text = new StringWriter();
        ResultsCsv.Write(result, ResultsTable.Normalised, text);
        var lines = text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(units + 1, lines.Length);
        for (var u = 0; u < units; u++)
        {
            var cells = lines[u + 1].Split(',');
            Assert.Equal($"U{u}", cells[0]);
            for (var i = 0; i < indicators; i += 37)
            {
                Assert.Equal(result.Scores($"i{i}")[u], double.Parse(cells[i + 1], CultureInfo.InvariantCulture));
            }
        }

        var asyncText = new StringWriter();
        await ResultsCsv.WriteAsync(result, ResultsTable.Normalised, asyncText);
        Assert.Equal(text.ToString(), asyncText.ToString());
    }

    /// <summary>A stream with no length that repeats a line forever after its first bytes.</summary>
    private sealed class EndlessStream(byte[] head, byte[] line) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++, _position++)
            {
                buffer[offset + i] = _position < head.Length ? head[_position] : line[(_position - head.Length) % line.Length];
            }

            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
