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
}
