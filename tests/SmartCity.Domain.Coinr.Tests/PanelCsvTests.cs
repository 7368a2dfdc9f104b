using System.Text;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Coinr.Tests;

public class PanelCsvTests
{
    private static readonly RatingFramework Rkci = FrameworkJson.ReadFile(TestFiles.Example("rkci-2019.json")).GetValueOrThrow();

    // Two editions of the RKCI example in long format: 2020 is 2019 plus one, and unit K002 is absent from 2020.
    private static string LongCsv(out SmartCity.Domain.Scoring.Dataset year)
    {
        year = DatasetCsv.ReadFile(Rkci, TestFiles.Example("rkci-cities.csv")).GetValueOrThrow();
        var text = new StringBuilder("uCode,Time,").AppendJoin(',', year.Columns).Append('\n');
        foreach (var t in new[] { 2020, 2019 })
        {
            for (var u = 0; u < year.UnitCount; u++)
            {
                if (t == 2020 && year.Units[u] == "K002")
                {
                    continue;
                }

                text.Append(year.Units[u]).Append(',').Append(t);
                for (var c = 0; c < year.Columns.Length; c++)
                {
                    var v = year.Column(c)[u];
                    text.Append(',').Append(DatasetCsv.Format(t == 2020 ? v + 1 : v));
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    [Fact]
    public void LongFormat_ReadsOneEditionPerTime()
    {
        var panel = PanelCsv.Read(Rkci, new StringReader(LongCsv(out var year))).GetValueOrThrow();
        Assert.Equal([2019, 2020], panel.Times.ToArray());
        Assert.Equal(year.UnitCount, panel.Edition(2019).UnitCount);
        Assert.Equal(year.UnitCount - 1, panel.Edition(2020).UnitCount);
        var column = year.Columns[0];
        for (var u = 0; u < year.UnitCount; u++)
        {
            var v = year.Column(0)[u];
            Assert.Equal(v, panel.Value(year.Units[u], column, 2019));
            Assert.Equal(year.Units[u] == "K002" ? double.NaN : v + 1, panel.Value(year.Units[u], column, 2020));
        }
    }

    [Fact]
    public void BadTimes_AndDuplicateRows_AreCodedErrorsWithTheirLine()
    {
        var text = LongCsv(out _);
        var lines = text.Split('\n');
        var first = lines[1].Split(',');
        var badTime = string.Join(',', first.Take(1).Append("2020.5").Concat(first.Skip(2)));
        var bad = text + lines[1] + "\n" + badTime + "\n";
        var errors = PanelCsv.Read(Rkci, new StringReader(bad), "long.csv").AsT1;
        Assert.Equal([ErrorCodes.PanelDuplicateRow, ErrorCodes.PanelTime], errors.Select(e => e.Code));
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {lines.Length}.uCode"), errors[0].Path);
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {lines.Length + 1}.Time"), errors[1].Path);

        var noTime = PanelCsv.Read(Rkci, new StringReader(text), timeColumn: "Year").AsT1;
        Assert.Equal(ErrorCodes.PanelTime, Assert.Single(noTime).Code);
    }

    /// <summary>Index → G (a, b): two indicators, one group.</summary>
    private static readonly RatingFramework Two = RatingFramework.Create(
        "two",
        LocalizedText.Of("Two"),
        "1",
        GroupNode.Create("Index", LocalizedText.Of("Index"), NodeRole.Index, [
            GroupNode.Create("G", LocalizedText.Of("G"), NodeRole.Pillar, [
                Indicator.Create("a", LocalizedText.Of("a")).GetValueOrThrow(),
                Indicator.Create("b", LocalizedText.Of("b")).GetValueOrThrow()]).GetValueOrThrow()]).GetValueOrThrow()).GetValueOrThrow();

    private const string Good = "uCode,Time,a,b,uName\nU1,2019,1,2,One\nU2,2019,3,4,Two\nU1,2020,5,6,One\nU2,2020,7,8, NA \n";

    private static string Replace(string line, string with) => Good.Replace(line, with, StringComparison.Ordinal);

    public static TheoryData<string, string, string, string, string> Failures => new()
    {
        // CSV, time column, code, path, a fragment of the message
        { Replace("U1,2020,5,6", "U1,20x,5,6"), "Time", ErrorCodes.PanelTime, "line 4.Time", "line 4, column Time: '20x' is not a whole-number time" },
        { Replace("U1,2020,5,6", "U1,2020.5,5,6"), "Time", ErrorCodes.PanelTime, "line 4.Time", "'2020.5' is not a whole-number time" },
        { Replace("U1,2020,5,6", "U1,,5,6"), "Time", ErrorCodes.PanelTime, "line 4.Time", "line 4, column Time" },
        { Replace("U2,2019,3,4", "2bad,2019,3,4"), "Time", ErrorCodes.DataUnitInvalid, "line 3.uCode", "line 3, column uCode: '2bad' is not a valid unit code" },
        { Replace("U2,2019,3,4", ",2019,3,4"), "Time", ErrorCodes.DataUnitInvalid, "line 3.uCode", "line 3, column uCode" },
        { Replace("U2,2020,7,8", "U2,2020,7,abc"), "Time", ErrorCodes.DataNotNumeric, "line 5.b", "line 5, column b (unit U2): 'abc' is not a number" },
        { Replace("U2,2020,7,8", "U2,2020,Infinity,8"), "Time", ErrorCodes.DataNotNumeric, "line 5.a", "'Infinity' is not a number" },
        { Good + "U1,2019,9,9,One\n", "Time", ErrorCodes.PanelDuplicateRow, "line 6.uCode", "line 6: unit 'U1' at time 2019 is already given on line 2" },
        { Replace("U1,2020,5,6,One", "U1,2020,5,6"), "Time", ErrorCodes.CsvRaggedRow, "line 4", "line 4 has 4 cells; the header has 5" },
        { Good.Replace("uCode,", "unit,", StringComparison.Ordinal), "Time", ErrorCodes.DataColumnMissing, "line 1", "the column 'uCode' is missing" },
        { Good.Replace(",b,", ",c,", StringComparison.Ordinal), "Time", ErrorCodes.DataColumnMissing, "line 1", "the column 'b' is missing" },
        { Good, "Year", ErrorCodes.PanelTime, "line 1", "the time column 'Year' is missing" },
        { Good, "a", ErrorCodes.PanelTime, "line 1", "the time column 'a' is also a column the framework needs" },
        { Good, "uCode", ErrorCodes.PanelTime, "line 1", "the time column 'uCode' is also the unit code column" },
        { Good.Replace(",uName", ",a", StringComparison.Ordinal), "Time", ErrorCodes.DataDuplicateColumn, "line 1", "the column 'a' appears twice" },
        { "uCode,Time,a,b\n", "Time", ErrorCodes.DataEmpty, "rows", "there is no row after the header (line 1)" },
        { string.Empty, "Time", ErrorCodes.CsvEmpty, "file", "the file is empty" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void EveryFailure_NamesTheFileAndTheLineOfTheRow_NeverAnEditionOrRowIndex(string csv, string timeColumn, string code, string path, string fragment)
    {
        var errors = PanelCsv.Read(Two, new StringReader(csv), "long.csv", timeColumn).AsT1;
        var error = Assert.Single(errors, e => e.Code == code);
        Assert.Equal(path, error.Path);
        Assert.StartsWith("long.csv: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.All(errors, e => Assert.DoesNotContain("editions", e.Path, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain("rows[", e.Path + e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryBadRow_IsReported_InLineOrder()
    {
        var csv = Good.Replace("U2,2019,3,4", "2bad,2019,x,4", StringComparison.Ordinal).Replace("U1,2020,5,6", "U1,next,5,6", StringComparison.Ordinal);
        var errors = PanelCsv.Read(Two, new StringReader(csv), "long.csv").AsT1;
        Assert.Equal(["line 3.uCode", "line 3.a", "line 4.Time"], errors.Select(e => e.Path));
    }

    [Fact]
    public void ACustomTimeColumn_AndTheAttributes_AreReadAsTheDatasetReaderReadsThem()
    {
        var panel = PanelCsv.Read(Two, new StringReader(Good.Replace("Time", "Year", StringComparison.Ordinal)), timeColumn: "Year").GetValueOrThrow();
        Assert.Equal([2019, 2020], panel.Times.ToArray());
        Assert.Equal(7, panel.Value("U2", "a", 2020));
        Assert.Equal(new string?[] { "One", null }, panel.Edition(2020).Attributes["uName"].AsEnumerable()); // " NA " is missing, as in DatasetCsv
        Assert.False(panel.Edition(2020).Attributes.ContainsKey("Year"));
    }
}
