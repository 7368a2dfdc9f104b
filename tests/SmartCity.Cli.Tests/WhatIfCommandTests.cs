namespace SmartCity.Cli.Tests;

public class WhatIfCommandTests
{
    private static string[] Inputs() =>
        ["--imeta", Path.Combine(ConformanceTests.Root(), "caseA", "iMeta.csv"), "--idata", Path.Combine(ConformanceTests.Root(), "caseA", "iData.csv")];

    [Fact]
    public void WhatIf_WritesTheDiff_AndPrintsMovers()
    {
        using var dir = new TempDir();
        var run = CliRun.Of(["whatif", .. Inputs(), "--set", "weight:G1=5", "--set", "value:U01:i01=80", "--out", dir.Path]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("biggest movers at Index", run.Out, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(dir.Path, "score_diff.csv"));
        Assert.Equal("uCode,node,score_before,score_after,delta,rank_before,rank_after,rank_move", lines[0]);
        Assert.Equal(1 + (12 * 4), lines.Length);
        var index = lines.Skip(1).Select(l => l.Split(',')).Where(c => c[1] == "Index").ToList();
        Assert.Contains(index, c => c[4] != "0");
    }

    [Theory]
    [InlineData("weight:G1", "not weight:CODE=VALUE")]
    [InlineData("weight:G1=x", "'x'")]
    [InlineData("size:G1=2", "must start with")]
    [InlineData("weight:nope=2", "the framework has no node 'nope'")]
    [InlineData("value:U99:i01=3", "no unit 'U99'")]
    public void WhatIf_BadEdits_ExitTwo(string edit, string fragment)
    {
        using var dir = new TempDir();
        var run = CliRun.Of(["whatif", .. Inputs(), "--set", edit, "--out", dir.Path]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(fragment, run.Error, StringComparison.Ordinal);
    }
}
