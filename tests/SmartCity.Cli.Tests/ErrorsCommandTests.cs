using SmartCity.Domain.Validation;

namespace SmartCity.Cli.Tests;

public class ErrorsCommandTests
{
    [Fact]
    public void Errors_ListsEveryCode_OneLineEach()
    {
        var run = CliRun.Of("errors");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Trim().Split('\n');
        Assert.Equal(ErrorCodes.All.Length, lines.Length);
        Assert.All(ErrorCodes.All.Zip(lines), p => Assert.StartsWith(p.First.Code + " ", p.Second, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("node.weight.ignored ", StringComparison.Ordinal) && l.Contains(" warning ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("coinr.broken-hierarchy")]
    [InlineData("[coinr.broken-hierarchy]")]
    public void Errors_Code_PrintsItsSummaryAndRemedy(string argument)
    {
        var run = CliRun.Of("errors", argument);
        Assert.Equal(0, run.ExitCode);
        var info = ErrorCodes.Find(ErrorCodes.CoinrBrokenHierarchy)!;
        Assert.Equal($"coinr.broken-hierarchy (error, COINr tables)\n{info.Summary}\n{info.Remedy}", run.Out.Trim().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Errors_UnknownCode_ExitsTwo()
    {
        var run = CliRun.Of("errors", "no.such-code");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown error code 'no.such-code'", run.Error, StringComparison.Ordinal);
    }
}
