namespace SmartCity.Cli.Tests;

public class SensitivityCommandTests
{
    [Fact]
    public void Sensitivity_WritesIndices()
    {
        using var dir = new TempDir();
        var c = Path.Combine(ConformanceTests.Root(), "caseA");
        var run = CliRun.Of("sensitivity", "--imeta", Path.Combine(c, "iMeta.csv"), "--idata", Path.Combine(c, "iData.csv"), "--normalise", "minmax:1,100",
            "--n", "32", "--seed", "3", "--noise", "1=0.3,2=0.3", "--alternatives", "aggregate=amean|gmean", "--bootstrap", "100", "--out", dir.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = File.ReadAllLines(Path.Combine(dir.Path, "indices.csv"));
        Assert.Equal("input,Si,Si_low,Si_high,STi,STi_low,STi_high", lines[0]);
        Assert.Equal(["weights-level-1", "weights-level-2", "aggregation"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains("160 runs", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Sensitivity_WithoutSeed_ExitsTwo()
    {
        using var dir = new TempDir();
        var c = Path.Combine(ConformanceTests.Root(), "caseA");
        var run = CliRun.Of("sensitivity", "--imeta", Path.Combine(c, "iMeta.csv"), "--idata", Path.Combine(c, "iData.csv"), "--n", "8", "--noise", "2=0.1", "--out", dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--seed", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--n", "2147483647", "--n: N = 2,147,483,647 base samples with 1 inputs are")]
    [InlineData("--bootstrap", "2147483647", "--bootstrap: 2,147,483,647 bootstrap resamples are more than")]
    public void Sensitivity_TooLarge_ExitsTwo_WithOneLine(string option, string value, string expected)
    {
        using var dir = new TempDir();
        var c = Path.Combine(ConformanceTests.Root(), "caseA");
        string[] args = ["sensitivity", "--imeta", Path.Combine(c, "iMeta.csv"), "--idata", Path.Combine(c, "iData.csv"), "--seed", "1", "--noise", "2=0.1", "--out", dir.Path];
        var run = CliRun.Of([.. args, .. option == "--n" ? new[] { "--n", value } : ["--n", "8", option, value]]);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("smartcity: " + expected, line, StringComparison.Ordinal);
        Assert.EndsWith("[analysis.too-large]", line.TrimEnd(), StringComparison.Ordinal);
    }
}
