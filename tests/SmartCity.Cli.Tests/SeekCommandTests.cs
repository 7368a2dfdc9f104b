using SmartCity.Domain.Analysis;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Validation;

namespace SmartCity.Cli.Tests;

public class SeekCommandTests
{
    [Fact]
    public void Seek_PrintsEachIndicator_AndWritesJsonTheLibraryReads()
    {
        using var dir = new TempDir();
        var c = Path.Combine(ConformanceTests.Root(), "caseA");
        var json = dir.File("seek.json");
        var unit = File.ReadAllLines(Path.Combine(c, "iData.csv"))[5].Split(',')[0].Trim('"');
        var run = CliRun.Of("seek", "--imeta", Path.Combine(c, "iMeta.csv"), "--idata", Path.Combine(c, "iData.csv"), "--unit", unit, "--rank", "1", "--json", json);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("combination:", run.Out, StringComparison.Ordinal);
        var result = ResultJson.Deserialize<TargetSeekResult>(File.ReadAllText(json)).GetValueOrThrow();
        Assert.Equal(unit, result.Unit);
        Assert.Equal(1, ((RankTarget)result.Target).Rank);
        Assert.Contains($"wrote {json}", run.Out, StringComparison.Ordinal);

        // The JSON goes through the output transaction: never onto an input, and left as it was when the run fails.
        var onInput = CliRun.Of("seek", "--imeta", Path.Combine(c, "iMeta.csv"), "--idata", Path.Combine(c, "iData.csv"), "--unit", unit, "--rank", "1", "--json", Path.Combine(c, "iData.csv"));
        Assert.Equal(2, onInput.ExitCode);
        Assert.Contains("write the output elsewhere", onInput.Error, StringComparison.Ordinal);
        File.WriteAllText(json, "previous");
        var failed = CliRun.Of("seek", "--imeta", Path.Combine(c, "iMeta.csv"), "--idata", Path.Combine(c, "iData.csv"), "--unit", "NO_SUCH_UNIT", "--rank", "1", "--json", json);
        Assert.Equal(2, failed.ExitCode);
        Assert.Equal("previous", File.ReadAllText(json));
    }

    [Fact]
    public void Seek_NeedsExactlyOneTarget_AndRefusesABadBound()
    {
        var c = Path.Combine(ConformanceTests.Root(), "caseA");
        var none = CliRun.Of("seek", "--imeta", Path.Combine(c, "iMeta.csv"), "--idata", Path.Combine(c, "iData.csv"), "--unit", "X");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("exactly one target", none.Error, StringComparison.Ordinal);
        Assert.Throws<CliException>(() => SeekCommand.ParseBound("x=abc"));
        Assert.Equal(0.2, SeekCommand.ParseBound("x=20%").MaxRelativeChange!.Value, 12);
        Assert.Equal(7.5, SeekCommand.ParseBound("x=7.5").Limit);
    }
}
