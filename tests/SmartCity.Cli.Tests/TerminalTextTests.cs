namespace SmartCity.Cli.Tests;

/// <summary>Names and cells holding escape sequences are printed as text, never sent raw to the terminal.</summary>
public class TerminalTextTests
{
    private const string Meta = """
        iCode,Level,Parent,Direction,Weight,Type
        a,1,G,1,1,Indicator
        b,1,G,1,1,Indicator
        G,2,Index,1,1,Aggregate
        Index,3,,1,1,Aggregate
        """;

    private static bool HasRawControl(string text) =>
        text.Any(c => c != '\n' && c != '\r' && TerminalText.MustEscape(c));

    [Theory]
    [InlineData("\u001b[2J", "\\x1B[2J")]
    [InlineData("\u001b]0;pwned\u0007", "\\x1B]0;pwned\\x07")]
    [InlineData("a\u009bb", "a\\x9Bb")]
    [InlineData("x\u007fy", "x\\x7Fy")]
    [InlineData("evil\u202Etxt.exe", "evil\\u202Etxt.exe")]
    [InlineData("tab\there\nnext", "tab\\there\\nnext")]
    [InlineData("plain [bold]text[/] é ü 漢", "plain [bold]text[/] é ü 漢")]
    public void Escape_ShowsControlCharactersAsEscapes(string raw, string shown) =>
        Assert.Equal(shown, TerminalText.Escape(raw));

    [Fact]
    public void Writer_KeepsItsOwnLineBreaks_AndEscapesEverythingElse()
    {
        using var inner = new StringWriter();
        using var writer = new TerminalText.Writer(inner);
        writer.WriteLine("one\u001b[31m");
        writer.Write("two\r\nthree\rfour\u0085");
        writer.Write('\u001b');
        Assert.Equal("one\\x1B[31m" + Environment.NewLine + "two\r\nthree\\rfour\\x85\\x1B", inner.ToString());
    }

    [Fact]
    public void Score_Table_EscapesUnitCodesAndNames()
    {
        using var dir = new TempDir();
        var data = "uCode,uName,a,b\nU1,\"\u001b[31mRed\u001b]0;title\u0007\",1,2\nU2,\"Two\u202Eowt\",3,4\nU3,\"[red]markup[/]\",2,2\n";
        var run = CliRun.Of("score", "--imeta", dir.File("iMeta.csv", Meta), "--idata", dir.File("iData.csv", data));
        Assert.Equal(0, run.ExitCode);
        Assert.False(HasRawControl(run.Out), run.Out);
        Assert.Contains("\\x1B[31mRed", run.Out, StringComparison.Ordinal);
        Assert.Contains("Two\\u202Eowt", run.Out, StringComparison.Ordinal);
        Assert.Contains("[red]markup[/]", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_EscapeTheValuesAndPathsTheyQuote()
    {
        using var dir = new TempDir();
        var data = "uCode,uName,a,b\nU1,One,\"1\u001b[2J\",2\nU2,Two,3,4\n";
        var run = CliRun.Of("score", "--imeta", dir.File("iMeta.csv", Meta), "--idata", dir.File("iData.csv", data));
        Assert.Equal(2, run.ExitCode);
        Assert.False(HasRawControl(run.Error), run.Error);

        var missing = CliRun.Of("validate", Path.Combine(dir.Path, "no\u001b[2Jsuch.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.False(HasRawControl(missing.Error), missing.Error);
        Assert.Contains("no\\x1B[2Jsuch.json", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_MoversTableAndMessages_AreEscaped()
    {
        using var dir = new TempDir();
        var data = "uCode,a,b\nU1,1,2\nU2,3,4\nU3,2,5\n";
        var run = CliRun.Of("whatif", "--imeta", dir.File("iMeta.csv", Meta), "--idata", dir.File("iData.csv", data), "--set", "weight:a=3", "--out", Path.Combine(dir.Path, "out\u001b[1m"));
        Assert.Equal(0, run.ExitCode);
        Assert.False(HasRawControl(run.Out), run.Out);
        Assert.Contains("out\\x1B[1m", run.Out, StringComparison.Ordinal);
    }
}
