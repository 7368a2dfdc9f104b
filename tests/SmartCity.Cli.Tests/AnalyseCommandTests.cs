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
    public void Sensitivity_Plot_DrawsTheIndices()
    {
        using var dir = new TempDir();
        var svg = Path.Combine(dir.Path, "si.svg");
        var run = CliRun.Of(["sensitivity", .. CaseA(), "--n", "16", "--seed", "1", "--noise", "1=0.2", "--bootstrap", "20", "--out", dir.Path, "--plot", svg]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
    }
}
