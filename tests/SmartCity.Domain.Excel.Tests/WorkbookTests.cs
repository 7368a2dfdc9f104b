using System.Globalization;
using System.IO.Compression;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using MiniExcelLibs;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Excel.Tests;

public class WorkbookTests
{
    private static string Fixture(string caseName, string file) => Path.Combine(AppContext.BaseDirectory, "fixtures", "coinr", caseName, file);

    private static string[][] Csv(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split(','))];

    /// <summary>A workbook with one sheet per table, cells typed as a spreadsheet would hold them (numbers as numbers).</summary>
    private static MemoryStream Workbook(params (string Sheet, string[][] Rows)[] sheets)
    {
        var value = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (sheet, rows) in sheets)
        {
            var width = rows.Max(r => r.Length);
            value[sheet] = rows.Select((r, i) => Enumerable.Range(0, width).ToDictionary(
                j => CoinrWorkbook.ColumnName(j),
                j => j >= r.Length ? null : i == 0 ? r[j] : ResultsWorkbook.Cell(r[j]))).ToList();
        }

        var stream = new MemoryStream();
        stream.SaveAs(value, printHeader: false, excelType: ExcelType.XLSX);
        stream.Position = 0;
        return stream;
    }

    private static void AssertSameInput(CoinrInput expected, CoinrInput actual)
    {
        // The framework is named after its source (iMeta.csv, or book.xlsx[iMeta]); everything else is the same.
        Assert.Equal(
            FrameworkJson.Serialize(expected.Framework).Replace(expected.Framework.Name.Text, "NAME", StringComparison.Ordinal),
            FrameworkJson.Serialize(actual.Framework).Replace(actual.Framework.Name.Text, "NAME", StringComparison.Ordinal));
        Assert.Equal(expected.Data.Units.ToArray(), actual.Data.Units.ToArray());
        Assert.Equal(expected.Data.Columns.ToArray(), actual.Data.Columns.ToArray());
        for (var c = 0; c < expected.Data.Columns.Length; c++)
        {
            Assert.Equal(expected.Data.Column(c).ToArray(), actual.Data.Column(c).ToArray());
        }

        Assert.Equal(expected.Data.Attributes.Keys.Order(StringComparer.Ordinal), actual.Data.Attributes.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("caseA")]
    [InlineData("caseB/B01_zscore10_2_amean")]
    [InlineData("caseB/B06_goalposts_amean")]
    [InlineData("caseC")]
    [InlineData("caseD")]
    public void Workbook_ReadsTheSameInputAsItsSheetsSavedAsCsv(string caseName)
    {
        var meta = Fixture(caseName, "iMeta.csv");
        var data = Fixture(caseName, "iData.csv");
        var expected = CoinrTables.ReadFiles(meta, data).GetValueOrThrow();
        using var workbook = Workbook(("iMeta", Csv(meta)), ("iData", Csv(data)));
        var actual = CoinrWorkbook.Read(workbook, "case.xlsx").GetValueOrThrow();
        AssertSameInput(expected, actual);
    }

    [Fact]
    public void ReadFiles_TakesWorkbooksAndCsvFiles_AndTheOnlySheetOfAWorkbook()
    {
        var meta = Fixture("caseA", "iMeta.csv");
        var data = Fixture("caseA", "iData.csv");
        var expected = CoinrTables.ReadFiles(meta, data).GetValueOrThrow();
        var dir = Directory.CreateTempSubdirectory("smartcity-excel-tests-").FullName;
        try
        {
            var book = Path.Combine(dir, "data.xlsx");
            using (var workbook = Workbook(("Sheet1", Csv(data))))
            {
                File.WriteAllBytes(book, workbook.ToArray());
            }

            AssertSameInput(expected, CoinrWorkbook.ReadFiles(meta, book).GetValueOrThrow());
            Assert.True(CoinrWorkbook.IsWorkbook("A.XLSX"));
            Assert.False(CoinrWorkbook.IsWorkbook("a.csv"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A workbook as Excel writes it: shared strings, a missing (empty) row, a boolean and an inline string.</summary>
    [Fact]
    public void HandWrittenWorkbook_WithSharedStringsAndGaps_IsReadCellByCell()
    {
        using var workbook = Package(
            [("iMeta", """
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>
                <row r="2"><c r="A2" t="s"><v>6</v></c><c r="B2"><v>1</v></c><c r="C2" t="s"><v>8</v></c><c r="D2"><v>1</v></c><c r="E2"><v>1</v></c><c r="F2" t="s"><v>7</v></c></row>
                <row r="4"><c r="A4" t="inlineStr"><is><t>b</t></is></c><c r="B4"><v>1</v></c><c r="C4" t="s"><v>8</v></c><c r="D4"><v>-1</v></c><c r="E4"><v>2</v></c><c r="F4" t="s"><v>7</v></c></row>
                <row r="5"><c r="A5" t="s"><v>8</v></c><c r="B5"><v>2</v></c><c r="D5"><v>1</v></c><c r="E5"><v>1</v></c><c r="F5" t="s"><v>9</v></c></row>
                """),
            ("iData", """
                <row r="1"><c r="A1" t="s"><v>10</v></c><c r="B1" t="s"><v>6</v></c><c r="C1" t="inlineStr"><is><t>b</t></is></c></row>
                <row r="2"><c r="A2" t="s"><v>11</v></c><c r="B2"><v>0.1</v></c><c r="C2"><v>3</v></c></row>
                <row r="3"><c r="A3" t="s"><v>12</v></c><c r="B3"><v>2.5E-3</v></c></row>
                <row r="6"><c r="A6" t="s"><v>13</v></c><c r="B6"><v>7</v></c><c r="C6"><v>1</v></c></row>
                """)],
            ["iCode", "Level", "Parent", "Direction", "Weight", "Type", "a", "Indicator", "Index", "Aggregate", "uCode", "U1", "U2", "U3"]);
        var input = CoinrWorkbook.Read(workbook, "excel.xlsx").GetValueOrThrow();
        Assert.Equal(["U1", "U2", "U3"], input.Data.Units.ToArray());
        var a = input.Data.IndexOfColumn("a");
        var b = input.Data.IndexOfColumn("b");
        Assert.Equal([0.1, 0.0025, 7], input.Data.Column(a).ToArray());
        Assert.True(double.IsNaN(input.Data.Column(b)[1]));
        Assert.Equal(2, input.Framework.Indicators.Length);
    }

    [Fact]
    public void BadCell_IsReportedWithItsSheetAndCell_AfterEmptyRows()
    {
        var meta = Csv(Fixture("caseA", "iMeta.csv"));
        var data = Csv(Fixture("caseA", "iData.csv"));
        data[2][3] = "lots";
        var withGap = data.Take(2).Append(Array.Empty<string>()).Concat(data.Skip(2)).ToArray(); // row 3 of the sheet is empty
        using var workbook = Workbook(("iMeta", meta), ("iData", withGap));
        var errors = CoinrWorkbook.Read(workbook, "book.xlsx").AsT1;
        var error = Assert.Single(errors.Errors);
        Assert.Equal("iData!D4", error.Path);
        Assert.Contains("book.xlsx[iData]: row 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("'lots'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadWorkbooks_AreTypedErrors_NeverExceptions()
    {
        using var notZip = new MemoryStream(Encoding.UTF8.GetBytes("uCode,a\nU1,1\n"));
        Assert.Equal(ErrorCodes.ExcelUnreadable, Assert.Single(CoinrWorkbook.Read(notZip).AsT1.Errors).Code);

        using var emptyZip = new MemoryStream();
        using (new ZipArchive(emptyZip, ZipArchiveMode.Create, leaveOpen: true))
        {
        }

        emptyZip.Position = 0;
        Assert.All(CoinrWorkbook.Read(emptyZip).AsT1.Errors, e => Assert.Contains(e.Code, new[] { ErrorCodes.ExcelUnreadable, ErrorCodes.ExcelSheetMissing }));

        var good = Workbook(("iMeta", Csv(Fixture("caseA", "iMeta.csv"))), ("iData", Csv(Fixture("caseA", "iData.csv")))).ToArray();
        using var truncated = new MemoryStream(good[..(good.Length / 2)]);
        Assert.Equal(ErrorCodes.ExcelUnreadable, CoinrWorkbook.Read(truncated).AsT1.Errors.First().Code);

        using var wrongSheets = new MemoryStream(good);
        var missing = CoinrWorkbook.Read(wrongSheets, "b.xlsx", "Meta", "Data").AsT1.Errors.ToList();
        Assert.Equal(2, missing.Count);
        Assert.All(missing, e => Assert.Equal(ErrorCodes.ExcelSheetMissing, e.Code));
        Assert.Contains("'iMeta', 'iData'", missing[0].Message, StringComparison.Ordinal);

        var random = new Random(5);
        for (var i = 0; i < 60; i++)
        {
            var bytes = (byte[])good.Clone();
            for (var k = 0; k < 1 + random.Next(8); k++)
            {
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            }

            using var damaged = new MemoryStream(bytes);
            var read = CoinrWorkbook.Read(damaged); // a result, whatever the damage: never an exception
            Assert.True(read.IsT0 || read.AsT1.Errors.Any());
        }
    }

    [Fact]
    public void Results_AreWrittenOneSheetPerTable_CellForCellAsTheCsv()
    {
        var input = CoinrTables.ReadFiles(Fixture("caseA", "iMeta.csv"), Fixture("caseA", "iData.csv")).GetValueOrThrow();
        var m = input.Framework.Methods;
        var framework = input.Framework.Edit([FrameworkEdit.SetDefaults(new ScoringMethods(m.Normalisation, m.Aggregation, m.MissingData, ImputationMethod.ColumnMean, OutlierTreatment.Parse("default").AsT0))]).GetValueOrThrow();
        var result = ScoringPlan.Compile(framework).Score(input.Data).GetValueOrThrow();
        using var stream = new MemoryStream();
        var sheets = ResultsWorkbook.Write(result, stream, includeImputed: true, includeTreated: true);
        Assert.Equal(["Data.Imputed", "Data.Treated", "Data.Normalised", "Data.Aggregated", "Results.Ranks", "Results.Contributions", "Analysis.Treated.Dets_Table", "Analysis.Treated.Flags"], sheets);
        stream.Position = 0;
        Assert.Equal(sheets, stream.GetSheetNames());
        foreach (var table in ResultsWorkbook.Tables(includeImputed: true, includeTreated: true))
        {
            using var csv = new StringWriter(CultureInfo.InvariantCulture);
            ResultsCsv.Write(result, table, csv);
            var expected = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
            stream.Position = 0;
            var actual = stream.Query(useHeaderRow: false, sheetName: ResultsWorkbook.SheetName(table)).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(expected.Count, actual.Count);
            for (var r = 0; r < expected.Count; r++)
            {
                for (var c = 0; c < expected[r].Length; c++)
                {
                    var cell = actual[r][CoinrWorkbook.ColumnName(c)];
                    var text = expected[r][c];
                    if (r > 0 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    {
                        Assert.Equal(number, Assert.IsType<double>(cell)); // the very double, not a rounded one
                    }
                    else
                    {
                        Assert.Equal(text, CoinrWorkbook.Text(cell));
                    }
                }
            }
        }
    }

    [Fact]
    public void Ranks_MatchCoinrsOwnRanks()
    {
        var input = CoinrTables.ReadFiles(Fixture("caseA", "iMeta.csv"), Fixture("caseA", "iData.csv")).GetValueOrThrow();
        var result = ScoringPlan.Compile(input.Framework).Score(input.Data).GetValueOrThrow();
        using var stream = new MemoryStream();
        ResultsWorkbook.Write(result, stream, includeImputed: false, includeTreated: false);
        stream.Position = 0;
        var sheet = stream.Query(useHeaderRow: true, sheetName: "Results.Ranks").Cast<IDictionary<string, object?>>().ToList();
        var coinr = Csv(Fixture("caseA", "ranks.csv"));
        Assert.Equal(coinr.Length - 1, sheet.Count);
        for (var r = 1; r < coinr.Length; r++)
        {
            var row = sheet.Single(s => (string?)s["uCode"] == coinr[r][0]);
            for (var c = 1; c < coinr[0].Length; c++)
            {
                Assert.Equal(double.Parse(coinr[r][c], CultureInfo.InvariantCulture), Assert.IsType<double>(row[coinr[0][c]]));
            }
        }
    }

    [Property]
    public bool Cell_KeepsEveryFiniteDoubleExactly_AndTextAsText(NormalFloat number, NonEmptyString text)
    {
        var v = number.Get;
        var asNumber = ResultsWorkbook.Cell(v.ToString("R", CultureInfo.InvariantCulture));
        var asText = ResultsWorkbook.Cell("0" + text.Get);
        var keptText = asText is string s ? s == "0" + text.Get : asText is double d && d.ToString("R", CultureInfo.InvariantCulture) == "0" + text.Get;
        return asNumber is double back && BitConverter.DoubleToInt64Bits(back) == BitConverter.DoubleToInt64Bits(v) && keptText;
    }

    [Property]
    public bool ColumnNames_RoundTrip(PositiveInt n)
    {
        var index = (n.Get % 16384) - 1 + 1;
        return CoinrWorkbook.ColumnIndex(CoinrWorkbook.ColumnName(index)) == index;
    }

    [Fact]
    public void ColumnNames_AreExcels() =>
        Assert.Equal(["A", "Z", "AA", "AZ", "BA", "XFD"], new[] { 0, 25, 26, 51, 52, 16383 }.Select(CoinrWorkbook.ColumnName));

    /// <summary>Builds an .xlsx package by hand, as Excel lays it out (shared strings, sheets in xl/worksheets).</summary>
    private static MemoryStream Package((string Name, string Rows)[] sheets, string[] shared)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Put(string path, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }

            const string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            const string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
            Put("[Content_Types].xml", $"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{string.Concat(sheets.Select((_, i) => $"""<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""))}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
            Put("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Put("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>{string.Concat(sheets.Select((s, i) => $"""<sheet name="{s.Name}" sheetId="{i + 1}" r:id="rId{i + 1}"/>"""))}</sheets></workbook>""");
            Put("xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{string.Concat(sheets.Select((_, i) => $"""<Relationship Id="rId{i + 1}" Type="{rel}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>"""))}<Relationship Id="rId{sheets.Length + 1}" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            Put("xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{ns}" count="{shared.Length}" uniqueCount="{shared.Length}">{string.Concat(shared.Select(s => $"<si><t>{s}</t></si>"))}</sst>""");
            for (var i = 0; i < sheets.Length; i++)
            {
                Put($"xl/worksheets/sheet{i + 1}.xml", $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><sheetData>{sheets[i].Rows}</sheetData></worksheet>""");
            }
        }

        stream.Position = 0;
        return stream;
    }
}
