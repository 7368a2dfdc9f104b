using System.Globalization;
using System.Text;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Validation;

namespace SmartCity.Cli.Tests;

public class PanelCommandTests
{
    [Fact]
    public void Panel_WritesScoresRanksAndTrends_AndRefusesADuplicateRow()
    {
        using var dir = new TempDir();
        var examples = Path.GetDirectoryName(AssessCommandTests.Example())!;
        var framework = Path.Combine(examples, "rkci-2019.json");
        var f = FrameworkJson.ReadFile(framework).GetValueOrThrow();
        var year = DatasetCsv.ReadFile(f, Path.Combine(examples, "rkci-cities.csv")).GetValueOrThrow();
        var text = new StringBuilder("uCode,Time,").AppendJoin(',', year.Columns).Append('\n');
        foreach (var t in new[] { 2019, 2020, 2021 })
        {
            for (var u = 0; u < year.UnitCount; u++)
            {
                text.Append(year.Units[u]).Append(',').Append(t.ToString(CultureInfo.InvariantCulture));
                for (var c = 0; c < year.Columns.Length; c++)
                {
                    var v = year.Column(c)[u];
                    text.Append(',').Append(DatasetCsv.Format(v)); // the same values each year (scale-bound columns stay in range): every trend is 0
                }

                text.Append('\n');
            }
        }

        var data = dir.File("long.csv", text.ToString());
        var output = Path.Combine(dir.Path, "out");
        var run = CliRun.Of("panel", "--framework", framework, "--data", data, "--trend", "change", "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("over 3 editions (pooled)", run.Out, StringComparison.Ordinal);
        var scores = File.ReadAllLines(Path.Combine(output, "scores.csv"));
        Assert.Equal(1 + (3 * year.UnitCount), scores.Length);
        Assert.StartsWith("uCode,Time,", scores[0], StringComparison.Ordinal);
        var ranks = File.ReadAllLines(Path.Combine(output, "ranks.csv"));
        Assert.Equal(scores.Length, ranks.Length);
        var trends = File.ReadAllLines(Path.Combine(output, "trends.csv"));
        Assert.Equal("uCode,Node,Trend,FirstTime,LatestTime,Availability", trends[0]);
        Assert.Contains(trends, l => l.EndsWith(",0,2019,2021,1", StringComparison.Ordinal));

        var bad = dir.File("bad.csv", text.ToString() + text.ToString().Split('\n')[1] + "\n");
        var refused = CliRun.Of("panel", "--framework", framework, "--data", bad, "--per-edition", "--out", Path.Combine(dir.Path, "out2"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("[panel.duplicate-row]", refused.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out2")));
    }

    [Fact]
    public void Panel_ABadLongCsv_IsOneLinePerProblem_NamingTheFileAndLine()
    {
        using var dir = new TempDir();
        var examples = Path.GetDirectoryName(AssessCommandTests.Example())!;
        var framework = Path.Combine(examples, "rkci-2019.json");
        var f = FrameworkJson.ReadFile(framework).GetValueOrThrow();
        var columns = SmartCity.Domain.Coinr.DatasetColumns.Of(f).NumericColumns([]).ToList();
        var header = "uCode,Time," + string.Join(',', columns);
        string Row(string unit, string time, string first) => $"{unit},{time},{first}" + string.Concat(Enumerable.Repeat(",1", columns.Count - 1));
        var text = string.Join('\n', header, Row("K001", "2019", "1"), Row("K002", "20x", "1"), Row("3bad", "2019", "1"), Row("K001", "2020", "abc"), Row("K001", "2019", "2")) + "\n";
        var run = CliRun.Of("panel", "--framework", framework, "--data", dir.File("long.csv", text), "--out", Path.Combine(dir.Path, "out"));
        Assert.Equal(2, run.ExitCode);
        var lines = run.Error.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(
            [
                "smartcity: long.csv: line 3, column Time: '20x' is not a whole-number time. [panel.time]",
                "smartcity: long.csv: line 4, column uCode: '3bad' is not a valid unit code. [data.unit-invalid]",
                $"smartcity: long.csv: line 5, column {columns[0]} (unit K001): 'abc' is not a number. [data.not-numeric]",
                "smartcity: long.csv: line 6: unit 'K001' at time 2019 is already given on line 2. [panel.duplicate-row]",
            ],
            lines);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
    }
}
