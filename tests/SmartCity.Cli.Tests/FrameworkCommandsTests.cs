namespace SmartCity.Cli.Tests;

public class FrameworkCommandsTests
{
    [Fact]
    public void List_ShowsEveryBuiltIn()
    {
        var run = CliRun.Of("frameworks", "list");
        Assert.Equal(0, run.ExitCode);
        foreach (var code in new[] { "rkci-2019", "menuju100-readiness", "menuju100-evaluation", "giffinger-2007" })
        {
            Assert.Contains(code, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Export_ThenValidate_IsValid()
    {
        using var dir = new TempDir();
        var file = dir.File("rkci.json");
        Assert.Equal(0, CliRun.Of("frameworks", "export", "rkci-2019", "--out", file).ExitCode);
        var run = CliRun.Of("validate", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("valid", run.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void Export_ToStandardOutput_WritesJson()
    {
        var run = CliRun.Of("frameworks", "export", "giffinger-2007");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("{", run.Out.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("\"schemaVersion\": 1", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_UnknownName_ExitsTwoWithOneLine()
    {
        var run = CliRun.Of("frameworks", "export", "iso-37120");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown framework 'iso-37120'", run.Error, StringComparison.Ordinal);
        // One line for the problem (a parse error now), then the usage hint.
        Assert.Equal([$"smartcity: unknown framework 'iso-37120'; known: {string.Join(", ", SmartCity.Domain.Catalogue.BuiltInFrameworks.All.Select(f => f.Code))}", "Run 'smartcity --help' for usage."], run.Error.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Validate_InvalidFile_PrintsEveryProblemOnePerLine_AndExitsTwo()
    {
        using var dir = new TempDir();
        var file = dir.File("bad.json", """
            {"schemaVersion":1,"code":"x","name":{"en":"X"},"edition":"1","root":{"code":"R","name":{"en":"r"},"role":"index","children":[
             {"kind":"indicator","code":"a","name":{"en":"a"},"weight":-1},
             {"kind":"indicator","code":"a","name":{"en":"b"},"goalposts":{"lower":2,"upper":1}}]}}
            """);
        var run = CliRun.Of("validate", file);
        Assert.Equal(2, run.ExitCode);
        var lines = run.Error.Trim().Split('\n');
        Assert.Contains(lines, l => l.Contains("weight.negative at root.children[0].weight", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("node.duplicate-code at root.children[1].code", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("goalposts.order at root.children[1].goalposts.upper", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.StartsWith(file, l, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedJson_NamesTheFileAndLine()
    {
        using var dir = new TempDir();
        var file = dir.File("broken.json", "{\"schemaVersion\":1,\n\"code\": }");
        var run = CliRun.Of("validate", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("json.malformed", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 2", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFile_ExitsTwoWithoutStackTrace()
    {
        var run = CliRun.Of("validate", "/nonexistent/f.json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("smartcity: /nonexistent/f.json: file not found [input.not-found]", run.Error.Trim());
    }

    [Fact]
    public void UnknownCommand_ExitsTwo()
    {
        var run = CliRun.Of("frobnicate");
        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(run.Error);
    }
}
