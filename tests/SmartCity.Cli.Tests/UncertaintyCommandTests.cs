namespace SmartCity.Cli.Tests;

public class UncertaintyCommandTests
{
    private static string[] Inputs() =>
        ["--imeta", Path.Combine(ConformanceTests.Root(), "caseA", "iMeta.csv"), "--idata", Path.Combine(ConformanceTests.Root(), "caseA", "iData.csv"), "--normalise", "minmax:1,100"];

    [Fact]
    public void Uncertainty_WritesTheThreeFiles_AndReplayReproducesThemExactly()
    {
        using var dir = new TempDir();
        var first = Path.Combine(dir.Path, "run");
        var run = CliRun.Of(["uncertainty", .. Inputs(), "--n", "50", "--seed", "7", "--noise", "2=0.25", "--alternatives", "aggregate=amean|gmean", "--out", first]);
        Assert.True(run.ExitCode == 0, run.Error);
        var stats = File.ReadAllLines(Path.Combine(first, "rank_stats.csv"));
        Assert.Equal("uCode,Nominal,Mean,Median,Q5,Q95", stats[0]);
        Assert.Equal(13, stats.Length);
        var parameters = File.ReadAllLines(Path.Combine(first, "replicate_params.csv"));
        Assert.Equal("rep,aggregate,G1,G2,G3", parameters[0]);
        Assert.Equal(51, parameters.Length);
        Assert.StartsWith("uCode,Nominal,r_1,r_2", File.ReadAllLines(Path.Combine(first, "replicate_scores.csv"))[0], StringComparison.Ordinal);

        var second = Path.Combine(dir.Path, "replay");
        var replay = CliRun.Of(["uncertainty", .. Inputs(), "--replay", Path.Combine(first, "replicate_params.csv"), "--out", second]);
        Assert.True(replay.ExitCode == 0, replay.Error);
        Assert.Equal(File.ReadAllText(Path.Combine(first, "replicate_scores.csv")), File.ReadAllText(Path.Combine(second, "replicate_scores.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(first, "rank_stats.csv")), File.ReadAllText(Path.Combine(second, "rank_stats.csv")));
    }

    [Fact]
    public void Replay_ReadsAQuotedParameterFile_LikeTheUnquotedOne()
    {
        using var dir = new TempDir();
        var first = Path.Combine(dir.Path, "run");
        Assert.Equal(0, CliRun.Of(["uncertainty", .. Inputs(), "--n", "12", "--seed", "3", "--noise", "2=0.25", "--alternatives", "aggregate=amean|gmean", "--out", first]).ExitCode);
        // As a spreadsheet saves it: every field quoted, CRLF line ends, a blank line.
        var quoted = File.ReadAllLines(Path.Combine(first, "replicate_params.csv"))
            .Select(line => string.Join(",", line.Split(',').Select(cell => $"\"{cell}\"")));
        var file = dir.File("quoted.csv", string.Join("\r\n", quoted.Take(3).Append(string.Empty).Concat(quoted.Skip(3))) + "\r\n");
        var second = Path.Combine(dir.Path, "replay");
        var replay = CliRun.Of(["uncertainty", .. Inputs(), "--replay", file, "--out", second]);
        Assert.True(replay.ExitCode == 0, replay.Error);
        Assert.Equal(File.ReadAllText(Path.Combine(first, "replicate_scores.csv")), File.ReadAllText(Path.Combine(second, "replicate_scores.csv")));
    }

    [Fact]
    public void Replay_BadCell_NamesItsLineAndColumn()
    {
        using var dir = new TempDir();
        var file = dir.File("p.csv", "rep,aggregate,G1\n1,amean,0.5\n\n2,amean,\"heavy, very\"\n");
        var run = CliRun.Of(["uncertainty", .. Inputs(), "--replay", file, "--out", Path.Combine(dir.Path, "o")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 4, column G1: 'heavy, very' is not a number", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Uncertainty_Plot_WritesAnSvgOfTheRankIntervals()
    {
        using var dir = new TempDir();
        var svg = Path.Combine(dir.Path, "intervals.svg");
        var run = CliRun.Of(["uncertainty", .. Inputs(), "--n", "40", "--seed", "2", "--noise", "2=0.25", "--out", dir.Path, "--plot", svg]);
        Assert.True(run.ExitCode == 0, run.Error);
        var text = File.ReadAllText(svg);
        Assert.Contains("<svg", text, StringComparison.Ordinal);
        Assert.Contains("rank intervals over 40 replicates", text, StringComparison.Ordinal);
        Assert.Contains("U09", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Uncertainty_SameSeed_SameFiles()
    {
        using var dir = new TempDir();
        string Run(string name)
        {
            var outDir = Path.Combine(dir.Path, name);
            Assert.Equal(0, CliRun.Of(["uncertainty", .. Inputs(), "--n", "30", "--seed", "11", "--noise", "2=0.2,1=0.1", "--out", outDir]).ExitCode);
            return File.ReadAllText(Path.Combine(outDir, "replicate_scores.csv"));
        }

        Assert.Equal(Run("a"), Run("b"));
    }

    [Theory]
    [InlineData(new[] { "--n", "10", "--seed", "1", "--noise", "2=1.5" }, "noise factor")]
    [InlineData(new[] { "--n", "10", "--seed", "1", "--noise", "two" }, "--noise: 'two'")]
    [InlineData(new[] { "--n", "10", "--noise", "2=0.1" }, "--seed")]
    [InlineData(new[] { "--seed", "1", "--noise", "2=0.1" }, "--n")]
    [InlineData(new[] { "--n", "10", "--seed", "1", "--noise", "2=0.1", "--alternatives", "aggregate=amean|median" }, "--alternatives")]
    [InlineData(new[] { "--n", "10", "--seed", "1", "--noise", "3=0.1" }, "Level 3")]
    public void Uncertainty_BadFlags_ExitTwo(string[] flags, string fragment)
    {
        using var dir = new TempDir();
        var run = CliRun.Of(["uncertainty", .. Inputs(), .. flags, "--out", dir.Path]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(fragment, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Uncertainty_TooManyReplicates_ExitsTwo_WithOneLineNamingTheLimit()
    {
        using var dir = new TempDir();
        var c = Path.Combine(ConformanceTests.Root(), "caseA");
        var run = CliRun.Of("uncertainty", "--imeta", Path.Combine(c, "iMeta.csv"), "--idata", Path.Combine(c, "iData.csv"), "--n", "2147483647", "--seed", "1", "--noise", "2=0.1", "--out", dir.Path);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("smartcity: --n: 2,147,483,647 replicates × ", line, StringComparison.Ordinal);
        Assert.EndsWith("[analysis.too-large]", line.TrimEnd(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
