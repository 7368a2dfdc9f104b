using SmartCity.Domain.Validation;

namespace SmartCity.Cli.Tests;

public class AnalyseCommandTests
{
    private static string[] CaseA()
    {
        var c = Path.Combine(ConformanceTests.Root(), "caseA");
        return ["--imeta", Path.Combine(c, "iMeta.csv"), "--idata", Path.Combine(c, "iData.csv")];
    }

    [Fact]
    public void Analyse_WritesCoinrsTables_AndThePlots()
    {
        using var dir = new TempDir();
        var plots = Path.Combine(dir.Path, "plots");
        var run = CliRun.Of(["analyse", .. CaseA(), "--stage", "normalised", "--optimise", "balance", "--opt-level", "2", "--out", dir.Path, "--plot", plots]);
        Assert.True(run.ExitCode == 0, run.Error);
        var stats = File.ReadAllLines(Path.Combine(dir.Path, "stats.csv"));
        Assert.StartsWith("iCode,Min,Max,Mean,Median,Std,Skew,Kurt,N.Avail", stats[0], StringComparison.Ordinal);
        Assert.Equal("0", stats[1].Split(',')[1]); // a normalised indicator's minimum is 0
        Assert.Equal("100", stats[1].Split(',')[2]);
        var weights = File.ReadAllLines(Path.Combine(dir.Path, "optimised_weights.csv"));
        Assert.Equal("iCode,OptWeight,Correlation,Desired,Obtained", weights[0]);
        var sum = weights.Skip(1).Sum(l => double.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, sum, 9);
        Assert.Contains("optimised weights (Balance, level 2", run.Out, StringComparison.Ordinal);
        foreach (var svg in new[] { "index_bar.svg", "index_dots.svg", "distributions.svg", "correlations.svg", "framework.svg" })
        {
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(plots, svg)), StringComparison.Ordinal);
        }

        var matrix = File.ReadAllLines(Path.Combine(dir.Path, "correlations.csv"));
        Assert.Equal(matrix.Length - 1, matrix[0].Split(',').Length - 1); // square

        // The tables and the plots inside the folder are one run (its manifest lists plots/…): a second run replaces it
        // whole, and a folder holding a file the tool did not write is refused and left as it was.
        Assert.Contains("plots/framework.svg", File.ReadAllText(Path.Combine(dir.Path, "smartcity-manifest.json")), StringComparison.Ordinal);
        Assert.True(CliRun.Of(["analyse", .. CaseA(), "--out", dir.Path]).ExitCode == 0);
        Assert.False(Directory.Exists(plots)); // the previous run's plots went with it
        File.WriteAllText(Path.Combine(dir.Path, "notes.txt"), "mine");
        var refused = CliRun.Of(["analyse", .. CaseA(), "--out", dir.Path]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("smartcity did not write (notes.txt)", refused.Error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir.Path, "notes.txt")));
    }

    [Fact]
    public void Analyse_PrintsTheSummary_AndRejectsABadThreshold()
    {
        var run = CliRun.Of(["analyse", .. CaseA()]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Raw data", run.Out, StringComparison.Ordinal);
        Assert.Contains("Cronbach's alpha:", run.Out, StringComparison.Ordinal);
        Assert.Contains("PCA, first component's share of variance:", run.Out, StringComparison.Ordinal);
        var bad = CliRun.Of(["analyse", .. CaseA(), "--corr-threshold", "2"]);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--corr-threshold", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyse_Unit_ReportsItsStrengthsWeaknessesAndProfile_AsTheLibrary()
    {
        using var dir = new TempDir();
        var examples = Path.GetDirectoryName(AssessCommandTests.Example())!;
        string[] input = ["--framework", Path.Combine(examples, "rkci-2019.json"), "--data", Path.Combine(examples, "rkci-cities.csv")];
        var output = Path.Combine(dir.Path, "out");
        var run = CliRun.Of(["analyse", .. input, "--unit", "K001", "--out", output]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("K001: strengths ", run.Out, StringComparison.Ordinal);
        Assert.Contains("pca.csv, stats.csv, strengths.csv, unit_summary.csv to ", run.Out, StringComparison.Ordinal);

        var f = SmartCity.Domain.Serialization.FrameworkJson.ReadFile(input[1]).GetValueOrThrow();
        var data = SmartCity.Domain.Coinr.DatasetCsv.ReadFile(f, input[3]).GetValueOrThrow();
        var scored = SmartCity.Domain.Scoring.ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        var sw = SmartCity.Domain.Multivariate.StrengthsWeaknesses.For(SmartCity.Domain.Multivariate.AnalysisData.FromResult(scored, SmartCity.Domain.Multivariate.DataStage.Raw), "K001").GetValueOrThrow();
        var strengths = File.ReadAllLines(Path.Combine(output, "strengths.csv"));
        Assert.Equal("uCode,Type,iCode,iName,Group,Rank,Value,Unit", strengths[0]);
        Assert.Equal(sw.Strengths.Select(s => s.Code).Concat(sw.Weaknesses.Select(s => s.Code)), strengths.Skip(1).Select(l => l.Split(',')[2]));
        var summary = File.ReadAllLines(Path.Combine(output, "unit_summary.csv"));
        Assert.Equal($"K001,{f.Root.Code},{f.Root.Name.Text},{f.LevelOf(f.Root.Code)},{SmartCity.Domain.Coinr.DatasetCsv.Format(scored.Score(f.Root.Code, "K001"))},{scored.Rank(f.Root.Code, "K001")}", summary[1]);
        Assert.Equal(1 + f.Indicators.Length + f.Groups.Length, summary.Length);

        var unknown = CliRun.Of(["analyse", .. input, "--unit", "K999"]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal($"smartcity: --unit: {input[3]} has no unit 'K999' [multivariate.unknown-code]", unknown.Error.Trim());
    }

    [Fact]
    public void Sensitivity_Plot_DrawsTheIndices()
    {
        using var dir = new TempDir();
        var svg = Path.Combine(dir.Path, "si.svg");
        var run = CliRun.Of(["sensitivity", .. CaseA(), "--n", "16", "--seed", "1", "--noise", "1=0.2", "--bootstrap", "20", "--out", dir.Path, "--plot", svg]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
    }
}
