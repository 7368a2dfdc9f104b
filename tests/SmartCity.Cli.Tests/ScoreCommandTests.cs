using SmartCity.Domain.Coinr;
using SmartCity.Domain.Validation;

namespace SmartCity.Cli.Tests;

public class ScoreCommandTests
{
    private const string Meta = SmallCoinrCase.Meta;

    private const string Data = SmallCoinrCase.Data;

    private static CliRun Score(TempDir dir, string meta, string data, params string[] extra) =>
        CliRun.Of(["score", "--imeta", dir.File("iMeta.csv", meta), "--idata", dir.File("iData.csv", data), .. extra]);

    [Fact]
    public void Score_WithoutOut_PrintsARankingTable()
    {
        using var dir = new TempDir();
        var run = Score(dir, Meta, Data);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Rank", run.Out, StringComparison.Ordinal);
        Assert.Contains("Three", run.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void Score_WithOut_WritesTheDocumentedFiles()
    {
        using var dir = new TempDir();
        var outDir = Path.Combine(dir.Path, "out");
        var run = Score(dir, Meta, Data, "--impute", "mean", "--treat", "winsorise:2", "--out", outDir);
        Assert.Equal(0, run.ExitCode);
        foreach (var f in new[] { "normalised.csv", "aggregated.csv", "ranks.csv", "contributions.csv", "imputed.csv", "treated.csv", "treatment_details.csv" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        }

        var aggregated = File.ReadAllLines(Path.Combine(outDir, "aggregated.csv"));
        Assert.Equal("uCode,G,H,Index", aggregated[0]);
        var imputed = File.ReadAllLines(Path.Combine(outDir, "imputed.csv"));
        Assert.Equal("U2,2,2.6666666666666665,4", imputed[2]);
    }

    [Fact]
    public void Score_ContributionsSumToTheIndex()
    {
        using var dir = new TempDir();
        var outDir = Path.Combine(dir.Path, "out");
        Assert.Equal(0, Score(dir, Meta, Data, "--out", outDir).ExitCode);
        var index = File.ReadAllLines(Path.Combine(outDir, "aggregated.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var sums = File.ReadAllLines(Path.Combine(outDir, "contributions.csv")).Skip(1)
            .Select(l => l.Split(',').Skip(1).Where(c => c.Length > 0).Sum(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        for (var i = 0; i < index.Count; i++)
        {
            Assert.Equal(index[i], sums[i], 1e-10);
        }
    }

    public static TheoryData<string, string, string[], string[]> BadInputs => new()
    {
        // meta, data, extra flags, expected fragments of the one error line
        { Meta.Replace("Direction,", "Dir,", StringComparison.Ordinal), Data, [], ["iMeta.csv", "required column 'Direction'"] },
        { Meta, Data.Replace("uCode,uName,a,b,c", "uCode,uName,a,b,x", StringComparison.Ordinal), [], ["iData.csv", "column 'c' is missing"] },
        { Meta, Data.Replace("U3,Three,3,1,8", "U3,Three,3,abc,8", StringComparison.Ordinal), [], ["iData.csv", "line 4", "column b", "'abc' is not a number"] },
        { Meta.Replace("c,1,H,1,1,Indicator", "c,1,Q,1,1,Indicator", StringComparison.Ordinal), Data, [], ["iMeta.csv", "line 4", "Parent", "'Q'"] },
        { Meta.Replace("G,2,Index,1,1,Aggregate", "G,2,H,1,1,Aggregate", StringComparison.Ordinal).Replace("H,2,Index,1,1,Aggregate", "H,2,G,1,1,Aggregate", StringComparison.Ordinal), Data, [], ["iMeta.csv", "cycle"] },
        { Meta, Data.Replace("U4,Four", "U1,Four", StringComparison.Ordinal), [], ["iData.csv", "line 5", "uCode", "'U1' is already used on line 2"] },
        { Meta, Data.Replace("U1,One,1,5,3", "U1,One,1,5,3", StringComparison.Ordinal).Replace(",3\n", ",1\n", StringComparison.Ordinal).Replace(",4\n", ",1\n", StringComparison.Ordinal).Replace(",8\n", ",1\n", StringComparison.Ordinal), [], ["iData.csv", "'c'", "max = min"] },
        { Meta, Data, ["--aggregate", "gmean"], ["iMeta.csv", "needs positive values", "minmax:1,100"] },
        { Meta, Data, ["--normalise", "minmax:1,100", "--aggregate", "gmean,hmean,amean"], ["--aggregate", "2 aggregation levels"] },
        { Meta, Data, ["--normalise", "softmax"], ["--normalise", "softmax"] },
        { Meta, Data, ["--threshold", "1.5"], ["--threshold", "[0, 1]"] },
        { Meta.Replace("b,1,G,-1,2,Indicator", "b,1,G,-1,-2,Indicator", StringComparison.Ordinal), Data, [], ["iMeta.csv", "line 3", "Weight", "negative"] },
        { Meta.Replace("b,1,G,-1,2,Indicator", "b,1,G,0,2,Indicator", StringComparison.Ordinal), Data, [], ["iMeta.csv", "line 3", "Direction"] },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Score_BadInput_ExitsTwoWithOneReadableLine(string meta, string data, string[] extra, string[] fragments)
    {
        using var dir = new TempDir();
        var run = Score(dir, meta, data, extra);
        Assert.Equal(2, run.ExitCode);
        var lines = run.Error.Trim().Split('\n');
        Assert.Contains(lines, line => fragments.All(f => line.Contains(f, StringComparison.Ordinal)));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void Score_GeometricMeanMeetingZeroAtRunTime_ExitsTwo()
    {
        using var dir = new TempDir();
        var run = Score(dir, Meta, Data, "--normalise", "none", "--aggregate", "gmean");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("needs positive values", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_NeitherInputPair_ExitsTwo()
    {
        var run = CliRun.Of("score", "--imeta", "x.csv");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--idata", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_NativeFrameworkAndData_Works()
    {
        using var dir = new TempDir();
        var framework = dir.File("f.json");
        Assert.Equal(0, CliRun.Of("frameworks", "export", "giffinger-2007", "--out", framework).ExitCode);
        var header = "uCode,eco_rnd,eco_unemployment,peo_tertiary,peo_lifelong,gov_turnout,gov_egov,mob_transit,mob_broadband,env_green,env_pm10,liv_life_exp,liv_crime";
        var rows = Enumerable.Range(1, 6).Select(u => "C" + u + "," + string.Join(",", Enumerable.Range(1, 12).Select(i => ((u * 7 + i * 3) % 11 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var data = dir.File("d.csv", header + "\n" + string.Join("\n", rows) + "\n");
        var run = CliRun.Of("score", "--framework", framework, "--data", data, "--out", Path.Combine(dir.Path, "o"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("uCode,ECONOMY,ENVIRONMENT,GOVERNANCE,LIVING,MOBILITY,PEOPLE,INDEX", File.ReadAllLines(Path.Combine(dir.Path, "o", "aggregated.csv"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Score_Screen_RemovesTheUnitsTheLibraryRemoves_AndSaysWhich()
    {
        using var dir = new TempDir();
        var examples = Path.GetDirectoryName(AssessCommandTests.Example())!;
        string[] input = ["--framework", Path.Combine(examples, "rkci-2019.json"), "--data", Path.Combine(examples, "rkci-cities.csv")];
        var output = Path.Combine(dir.Path, "out");
        var run = CliRun.Of(["score", .. input, "--screen", "byNA", "--screen-data", "0.95", "--force-exclude", "K002", "--out", output]);
        Assert.True(run.ExitCode == 0, run.Error);

        var f = SmartCity.Domain.Serialization.FrameworkJson.ReadFile(input[1]).GetValueOrThrow();
        var data = DatasetCsv.ReadFile(f, input[3]).GetValueOrThrow();
        var expected = SmartCity.Domain.Analysis.Screening.Run(f, data, new SmartCity.Domain.Analysis.ScreeningOptions(DataThreshold: 0.95, ForceExclude: ["K002"])).GetValueOrThrow();
        Assert.Contains($"removed {expected.Removed.Length} of {data.UnitCount} units: ", run.Out, StringComparison.Ordinal);
        Assert.Contains("K002 (ForcedOut)", run.Out, StringComparison.Ordinal);
        var screening = File.ReadAllLines(Path.Combine(output, "screening.csv"));
        Assert.Equal("uCode,N_missing,N_zero,Dat_Avail,Non_Zero,LowData,LowNonZero,Included,Reason", screening[0]);
        Assert.Equal(data.UnitCount + 1, screening.Length); // every unit, kept or not
        Assert.Equal(expected.Removed, screening.Skip(1).Where(l => l.Split(',')[7] == "FALSE").Select(l => l.Split(',')[0]));
        var ranked = File.ReadAllLines(Path.Combine(output, "ranks.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(expected.Data.Units, ranked);

        var alone = CliRun.Of(["score", .. input, "--screen-data", "0.9"]);
        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("--screen-data needs --screen byNA|byzeros|byNAandzeros", alone.Error, StringComparison.Ordinal);
        var unknown = CliRun.Of(["score", .. input, "--screen", "byNA", "--force-include", "K999"]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal($"smartcity: --force-include: {input[3]}: The dataset has no unit 'K999'. [multivariate.unknown-code]", unknown.Error.Trim());
        var everyone = CliRun.Of(["score", .. input, "--screen", "byNA", "--screen-data", "1", "--force-exclude", string.Join(',', data.Units)]);
        Assert.Equal(2, everyone.ExitCode);
        Assert.Contains("[data.empty]", everyone.Error, StringComparison.Ordinal);
    }
}
