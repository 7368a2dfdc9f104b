using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Validation;
using SmartCity.TestSupport;

namespace SmartCity.Domain.Coinr.Tests;

public class DatasetCsvTests
{
    private static readonly RatingFramework Rkci = FrameworkJson.ReadFile(TestFiles.Example("rkci-2019.json")).GetValueOrThrow();

    [Fact]
    public async Task EveryOverload_ReadsTheSameDataset()
    {
        var path = TestFiles.Example("rkci-cities.csv");
        var text = await File.ReadAllTextAsync(path);
        var fromFile = DatasetCsv.ReadFile(Rkci, path).GetValueOrThrow();
        Assert.Equal(93, fromFile.UnitCount);
        Assert.Equal("Surabaya", fromFile.Attribute("K001", "uName"));
        using (var stream = File.OpenRead(path))
        {
            TestFiles.AssertSameData(fromFile, DatasetCsv.Read(Rkci, stream).GetValueOrThrow());
        }

        TestFiles.AssertSameData(fromFile, DatasetCsv.Read(Rkci, new StringReader(text)).GetValueOrThrow());
        TestFiles.AssertSameData(fromFile, (await DatasetCsv.ReadFileAsync(Rkci, path)).GetValueOrThrow());
        TestFiles.AssertSameData(fromFile, (await DatasetCsv.ReadAsync(Rkci, new StringReader(text))).GetValueOrThrow());
        await using var asyncOnly = new AsyncOnlyStream(File.OpenRead(path));
        TestFiles.AssertSameData(fromFile, (await DatasetCsv.ReadAsync(Rkci, asyncOnly, "rkci-cities.csv")).GetValueOrThrow());
        Assert.True(asyncOnly.AsyncCalls > 0);
    }

    [Fact]
    public void QuotedCells_KeepTheirCommasAndQuotes()
    {
        var csv = "uCode,uName,x\nA,\"Kota \"\"A\"\", Jawa\",1.5\nB,B,NA\n";
        var data = DatasetCsv.Read(DatasetColumns.Of(["x"]), new StringReader(csv)).GetValueOrThrow();
        Assert.Equal("Kota \"A\", Jawa", data.Attribute("A", "uName"));
        Assert.Equal(1.5, data.Value("A", "x"));
        Assert.True(double.IsNaN(data.Value("B", "x")));
    }

    [Theory]
    [InlineData("uCode,uName,x\nA,\"Tw\"o,1\n")]   // text after a closing quote
    [InlineData("uCode,uName,x\nA,Tw\"o,1\n")]     // a quote inside an unquoted cell
    public void StrayQuote_IsMalformed_NotReadAsAGuess(string csv)
    {
        var read = DatasetCsv.Read(DatasetColumns.Of(["x"]), new StringReader(csv), "d.csv");
        Assert.True(read.IsT1, "a stray quote must not be read silently");
        var error = Assert.Single(read.AsT1.Errors);
        Assert.Equal(ErrorCodes.CsvMalformed, error.Code);
        Assert.Equal("line 2", error.Path);
        Assert.StartsWith("d.csv: line 2: a stray quote in ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrayQuote_IsMalformed_Async()
    {
        var read = await DatasetCsv.ReadAsync(DatasetColumns.Of(["x"]), new StringReader("uCode,uName,x\nA,\"Tw\"o,1\n"), "d.csv");
        Assert.Equal(ErrorCodes.CsvMalformed, Assert.Single(read.AsT1.Errors).Code);
    }

    [Fact]
    public void BadCells_AreErrorsWithTheirLineAndColumn()
    {
        var csv = "uCode,x,y\nA,1,2\nB,abc,3\nA,4,5\n";
        var errors = DatasetCsv.Read(DatasetColumns.Of(["x", "y", "z"]), new StringReader(csv), "mine.csv").AsT1;
        var missing = Assert.Single(errors);
        Assert.Equal(ErrorCodes.DataColumnMissing, missing.Code);
        Assert.Contains("mine.csv", missing.Message, StringComparison.Ordinal);

        errors = DatasetCsv.Read(DatasetColumns.Of(["x", "y"]), new StringReader(csv), "mine.csv").AsT1;
        Assert.Contains(errors, e => e.Code == ErrorCodes.DataNotNumeric && e.Path == "line 3.x" && e.AttemptedValue == "abc");
        Assert.Contains(errors, e => e.Code == ErrorCodes.DataDuplicateUnit && e.Path == "line 4.uCode");
    }

    [Fact]
    public void FromHeader_ChoosesTheNumericColumnsFromTheHeader()
    {
        var csv = "uCode,a,s.a,note\nA,1,2,hello\n";
        var columns = DatasetColumns.FromHeader(header => header.Where(h => h.StartsWith("s.", StringComparison.Ordinal)).Prepend("a"));
        var data = DatasetCsv.Read(columns, new StringReader(csv)).GetValueOrThrow();
        Assert.Equal(new[] { "a", "s.a" }, data.Columns);
        Assert.Equal("hello", data.Attribute("A", "note"));
    }

    [Fact]
    public void ProgrammeColumns_ReadTheBundledExample()
    {
        var programme = BuiltInProgrammes.Rkci2019;
        var data = DatasetCsv.ReadFile(DatasetColumns.FromHeader(programme.NumericColumns), TestFiles.Example("indonesia-regions.csv")).GetValueOrThrow();
        Assert.All(programme.DataColumns, c => Assert.True(data.IndexOfColumn(c) >= 0, c));
        Assert.Contains(data.Columns, c => c.StartsWith("secondary.", StringComparison.Ordinal));
        Assert.True(programme.Run(data).IsT0);
    }

    [Fact]
    public async Task MissingFileOrDirectory_IsFileNotFoundException()
    {
        using var dir = new TempDir();
        Assert.Throws<FileNotFoundException>(() => DatasetCsv.ReadFile(Rkci, Path.Combine(dir.Path, "none.csv")));
        var ex = Assert.Throws<FileNotFoundException>(() => DatasetCsv.ReadFile(Rkci, dir.Path));
        Assert.Contains("is a directory", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FileNotFoundException>(() => DatasetCsv.ReadFileAsync(Rkci, dir.Path));
    }

    [Fact]
    public async Task CancelledRead_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DatasetCsv.ReadAsync(Rkci, new StringReader("uCode\nA\n"), cancellationToken: cancelled.Token));
    }

    [Fact]
    public void ReadersAndStreams_AreLeftOpen()
    {
        var stream = TestFiles.Utf8("uCode,x\nA,1\n");
        Assert.True(DatasetCsv.Read(DatasetColumns.Of(["x"]), stream).IsT0);
        Assert.True(stream.CanRead);
        var reader = new StringReader("uCode,x\nA,1\n");
        Assert.True(DatasetCsv.Read(DatasetColumns.Of(["x"]), reader).IsT0);
        Assert.Equal(-1, reader.Peek());
    }

    [Fact]
    public void EmptyInput_IsAnError()
    {
        var errors = DatasetCsv.Read(Rkci, new StringReader(string.Empty)).AsT1;
        var e = Assert.Single(errors);
        Assert.Equal((ErrorCodes.CsvEmpty, "file"), (e.Code, e.Path));
    }
}
