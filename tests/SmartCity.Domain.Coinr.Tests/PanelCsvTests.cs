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
}
