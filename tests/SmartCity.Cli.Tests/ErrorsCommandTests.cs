using SmartCity.Domain.Validation;

namespace SmartCity.Cli.Tests;

public class ErrorsCommandTests
{
    [Fact]
    public void Errors_ListsEveryCode_AsATableRow_InTableOrder()
    {
        var run = CliRun.Of("errors");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.StartsWith("Code ", lines[0].TrimStart(), StringComparison.Ordinal);
        Assert.Contains("What failed", lines[0], StringComparison.Ordinal);
        // A row starts with its code in the first column; a long summary continues on lines whose first column is blank.
        var indent = lines[0].Length - lines[0].TrimStart().Length;
        var rows = lines.Skip(2).Where(l => l.Length > indent && l[indent] != ' ').Select(l => l[indent..]).ToList();
        Assert.Equal(ErrorCodes.All.Select(i => i.Code), rows.Select(l => l.Split(' ')[0]));
        Assert.Contains(rows, l => l.StartsWith("node.weight.ignored ", StringComparison.Ordinal) && l.Contains(" warning ", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', run.Out);
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
