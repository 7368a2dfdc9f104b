using MiniExcelLibs;
using SmartCity.Domain.Excel;

namespace SmartCity.Cli.Tests;

/// <summary><c>score</c> reads iMeta/iData from .xlsx and writes every result table to one workbook.</summary>
public class ExcelCommandTests
{
    private static readonly string[][] Meta =
    [
        ["iCode", "Level", "Parent", "Direction", "Weight", "Type"],
        ["a", "1", "G", "1", "1", "Indicator"],
        ["b", "1", "G", "-1", "2", "Indicator"],
        ["c", "1", "H", "1", "1", "Indicator"],
        ["G", "2", "Index", "1", "1", "Aggregate"],
        ["H", "2", "Index", "1", "1", "Aggregate"],
        ["Index", "3", "", "1", "1", "Aggregate"],
    ];

    private static readonly string[][] Data =
    [
        ["uCode", "uName", "a", "b", "c"],
        ["U1", "One", "1", "5", "3"],
        ["U2", "Two", "2", "", "4"],
        ["U3", "Three", "3", "1", "8"],
        ["U4", "Four", "5", "2", "1"],
    ];

    private static string Book(TempDir dir, string name)
    {
        var sheets = new Dictionary<string, object>
        {
            ["iMeta"] = Rows(Meta),
            ["iData"] = Rows(Data),
        };
        var path = dir.File(name);
        MiniExcel.SaveAs(path, sheets, printHeader: false);
        return path;

        static List<Dictionary<string, object?>> Rows(string[][] rows) =>
            [.. rows.Select((r, i) => r.Select((c, j) => (Key: ((char)('A' + j)).ToString(), Value: i > 0 && double.TryParse(c, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (object?)(c.Length == 0 ? null : c)))
                .ToDictionary(kv => kv.Key, kv => kv.Value))];
    }

    private static string Csv(TempDir dir, string name, string[][] rows) => dir.File(name, string.Join('\n', rows.Select(r => string.Join(',', r))) + "\n");

    [Fact]
    public void Score_FromAWorkbook_EqualsScoreFromCsv_AndWritesAResultsWorkbook()
    {
        using var dir = new TempDir();
        var book = Book(dir, "input.xlsx");
        var fromCsv = CliRun.Of("score", "--imeta", Csv(dir, "iMeta.csv", Meta), "--idata", Csv(dir, "iData.csv", Data));
        var fromBook = CliRun.Of("score", "--imeta", book, "--idata", book);
        Assert.True(fromBook.ExitCode == 0, fromBook.Error);
        Assert.Equal(0, fromCsv.ExitCode);
        Assert.Equal(fromCsv.Out.Split('\n').Skip(1), fromBook.Out.Split('\n').Skip(1)); // the same table; line 1 names the files

        var output = Path.Combine(dir.Path, "results.xlsx");
        var run = CliRun.Of("score", "--imeta", book, "--idata", book, "--out-xlsx", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"wrote {output}", run.Out, StringComparison.Ordinal);
        Assert.Equal(["Data.Normalised", "Data.Aggregated", "Results.Ranks", "Results.Contributions"], MiniExcel.GetSheetNames(output));
        var ranks = MiniExcel.Query(output, useHeaderRow: true, sheetName: "Results.Ranks").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(4, ranks.Count);
        Assert.All(ranks, r => Assert.IsType<double>(r["Index"]));
    }

    [Fact]
    public void Score_OutXlsxOntoTheInputWorkbook_IsRefused()
    {
        using var dir = new TempDir();
        var book = Book(dir, "input.xlsx");
        var before = File.ReadAllBytes(book);
        var run = CliRun.Of("score", "--imeta", book, "--idata", book, "--out-xlsx", book);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(book));
    }

    [Fact]
    public void Score_BadWorkbook_ExitsTwoWithTheCode()
    {
        using var dir = new TempDir();
        var fake = dir.File("fake.xlsx", "uCode,a\nU1,1\n");
        var run = CliRun.Of("score", "--imeta", fake, "--idata", fake);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("[excel.unreadable]", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);

        var book = Book(dir, "book.xlsx");
        var wrongSheet = CliRun.Of("score", "--imeta", book, "--idata", Csv(dir, "iData.csv", Data));
        Assert.True(wrongSheet.ExitCode == 0, wrongSheet.Error); // iMeta's sheet is found by name in a workbook of two sheets
        Assert.True(CoinrWorkbook.IsWorkbook(book));
    }
}
