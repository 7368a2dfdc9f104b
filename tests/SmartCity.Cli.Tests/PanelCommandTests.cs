using System.Globalization;
using System.Text;
using System.Collections.Immutable;
using System.Text.Json;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Panels;
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

    /// <summary>Index → G (a, b): a framework file beside a long CSV of three years, in which U2's a is missing in 2021 and 2022.</summary>
    private static (string Framework, string Data) SmallPanel(TempDir dir, string timeColumn = "Time")
    {
        var f = RatingFramework.Create(
            "two",
            LocalizedText.Of("Two"),
            "1",
            GroupNode.Create("Index", LocalizedText.Of("Index"), NodeRole.Index, [
                GroupNode.Create("G", LocalizedText.Of("G"), NodeRole.Pillar, [
                    Indicator.Create("a", LocalizedText.Of("a")).GetValueOrThrow(),
                    Indicator.Create("b", LocalizedText.Of("b")).GetValueOrThrow()]).GetValueOrThrow()]).GetValueOrThrow()).GetValueOrThrow();
        var framework = dir.File("two.json");
        FrameworkJson.WriteFile(f, framework);
        var data = dir.File("long.csv", $"""
            uCode,{timeColumn},a,b
            U1,2020,1,10
            U2,2020,2,20
            U3,2020,3,30
            U1,2021,2,11
            U2,2021,,21
            U3,2021,4,31
            U1,2022,3,12
            U2,2022,,22
            U3,2022,5,33

            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        return (framework, data);
    }

    [Fact]
    public void Panel_Json_IsOneDocumentOnStdout_WhoseResultAndTrendsReadBackAsTheLibraryComputesThem()
    {
        using var dir = new TempDir();
        var (framework, data) = SmallPanel(dir);
        var run = CliRun.Of("panel", "--framework", framework, "--data", data, "--impute-panel", "latest", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var document = JsonDocument.Parse(run.Out); // nothing but the JSON on stdout
        Assert.Equal(["result", "trends"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("NaN", run.Out, StringComparison.Ordinal);

        var f = FrameworkJson.ReadFile(framework).GetValueOrThrow();
        var expected = PanelScoring.Score(f, PanelImputation.Impute(PanelCsv.ReadFile(f, data).GetValueOrThrow(), PanelImputationKind.Latest).GetValueOrThrow()).GetValueOrThrow();
        var result = ResultJson.Deserialize<PanelScoreResult>(document.RootElement.GetProperty("result").GetRawText()).GetValueOrThrow();
        Assert.Equal(ResultJson.Serialize(expected), ResultJson.Serialize(result));
        var trends = ResultJson.Deserialize<ImmutableArray<PanelTrend>>(document.RootElement.GetProperty("trends").GetRawText()).GetValueOrThrow();
        Assert.Equal([.. PanelTrends.OfScores(expected, "G"), .. PanelTrends.OfScores(expected, "Index")], trends.ToArray());
        Assert.Empty(Directory.GetDirectories(dir.Path)); // --json alone writes no folder
    }

    [Fact]
    public void Panel_Out_WritesTheCsvTables_AndTheirJson_UnderACustomTimeColumn()
    {
        using var dir = new TempDir();
        var (framework, data) = SmallPanel(dir, "Year");
        var output = Path.Combine(dir.Path, "out");
        var run = CliRun.Of("panel", "--framework", framework, "--data", data, "--time-column", "Year", "--impute-panel", "linear-constant", "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("wrote ranks.csv, result.json, scores.csv, trends.csv, trends.json to", run.Out, StringComparison.Ordinal);
        Assert.StartsWith("uCode,Year,a,b,G,Index", File.ReadAllLines(Path.Combine(output, "scores.csv"))[0], StringComparison.Ordinal);
        Assert.Equal("uCode,Year,G,Index", File.ReadAllLines(Path.Combine(output, "ranks.csv"))[0]);
        var result = ResultJson.Deserialize<PanelScoreResult>(File.ReadAllText(Path.Combine(output, "result.json"))).GetValueOrThrow();
        Assert.Equal(2, result.Panel.Value("U2", "a", 2022)); // U2's one observation fills both gaps (linear-constant)
        var trends = ResultJson.Deserialize<ImmutableArray<PanelTrend>>(File.ReadAllText(Path.Combine(output, "trends.json"))).GetValueOrThrow();
        Assert.Equal(File.ReadAllLines(Path.Combine(output, "trends.csv")).Length - 1, trends.Length);

        var noTime = CliRun.Of("panel", "--framework", framework, "--data", data, "--out", Path.Combine(dir.Path, "out2"));
        Assert.Equal(2, noTime.ExitCode);
        Assert.Equal("smartcity: long.csv: the time column 'Time' is missing. [panel.time]", noTime.Error.Trim());
    }

    [Fact]
    public void Panel_MaxTime_LimitsHowFarLatestLooksBack()
    {
        using var dir = new TempDir();
        var (framework, data) = SmallPanel(dir);
        double? A2022(params string[] extra)
        {
            var run = CliRun.Of(["panel", "--framework", framework, "--data", data, "--impute-panel", "latest", .. extra, "--json"]);
            Assert.True(run.ExitCode == 0, run.Error);
            using var document = JsonDocument.Parse(run.Out);
            var result = ResultJson.Deserialize<PanelScoreResult>(document.RootElement.GetProperty("result").GetRawText()).GetValueOrThrow();
            var v = result.Panel.Value("U2", "a", 2022);
            return double.IsNaN(v) ? null : v;
        }

        Assert.Equal(2, A2022()); // from 2020, two editions back
        Assert.Equal(2, A2022("--max-time", "2"));
        Assert.Null(A2022("--max-time", "1")); // 2021 has no value either: COINr's max_time = 1 stops there
    }

    [Fact]
    public void Panel_TrendOptions_AreTheLibrarysGetTrends()
    {
        using var dir = new TempDir();
        var (framework, data) = SmallPanel(dir);
        var run = CliRun.Of("panel", "--framework", framework, "--data", data, "--trend", "change", "--trend-latest", "2", "--trend-per", "2", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var document = JsonDocument.Parse(run.Out);
        var result = ResultJson.Deserialize<PanelScoreResult>(document.RootElement.GetProperty("result").GetRawText()).GetValueOrThrow();
        var options = new TrendOptions(TrendMetric.PercentChange, UseLatest: 2, Per: 2);
        var expected = result.NodeCodes.Where((_, k) => result.Levels[k] > 1).SelectMany(g => PanelTrends.Get(result, g, options).GetValueOrThrow()).ToArray();
        var trends = document.RootElement.GetProperty("trends");
        Assert.Equal(expected.Length, trends.GetArrayLength());
        Assert.Equal(ResultJson.Serialize(expected.ToImmutableArray()), ResultJson.Serialize(ResultJson.Deserialize<ImmutableArray<PanelTrend>>(trends.GetRawText()).GetValueOrThrow()));

        var bad = CliRun.Of("panel", "--framework", framework, "--data", data, "--trend", "cagr", "--trend-per", "2", "--json");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("panel.spec", bad.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--impute-panel linear --max-time 1 --json", "--max-time applies to --impute-panel latest only")]
    [InlineData("--max-time 1 --json", "--max-time applies to --impute-panel latest only")]
    [InlineData("--impute-panel latest --max-time 0 --json", "--max-time: expected a whole number of at least 1, got '0'")]
    [InlineData("--time-column \" \" --json", "--time-column: expected a column name")]
    [InlineData("", "give --out DIR, --json, or both")]
    public void Panel_BadOptions_AreOneLineParseErrors(string options, string message)
    {
        using var dir = new TempDir();
        var (framework, data) = SmallPanel(dir);
        var args = System.Text.RegularExpressions.Regex.Matches(options, "\"[^\"]*\"|\\S+").Select(m => m.Value.Trim('"'));
        var run = CliRun.Of(["panel", "--framework", framework, "--data", data, .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"smartcity: {message}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Panel_ErrorsOfAnEdition_NameItsTime_AndImputationErrorsTheUnitAndColumn()
    {
        using var dir = new TempDir();
        var (framework, _) = SmallPanel(dir);
        var constant = dir.File("constant.csv", "uCode,Time,a,b\nU1,2020,1,1\nU2,2020,2,2\nU1,2021,5,1\nU2,2021,5,2\n");
        var run = CliRun.Of("panel", "--framework", framework, "--data", constant, "--per-edition", "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"smartcity: {constant}: Time 2021, a: Indicator 'a' cannot be normalised with minmax:0,100: every value is the same (max = min). [normalisation.constant-column]", run.Error.Trim());
        Assert.Equal(string.Empty, run.Out);

        var (_, data) = SmallPanel(dir);
        var linear = CliRun.Of("panel", "--framework", framework, "--data", data, "--impute-panel", "linear", "--json");
        Assert.Equal(2, linear.ExitCode);
        Assert.Equal($"smartcity: {data}: U2.a: Unit 'U2' has one observation of 'a'; linear interpolation needs two (use linear-constant). [panel.spec]", linear.Error.Trim());
    }
}
