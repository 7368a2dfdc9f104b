using System.Text.RegularExpressions;
using SmartCity.Domain.Validation;

namespace SmartCity.Cli.Tests;

/// <summary>Bad input files, mutated from valid ones: every message line is short, names the file and carries a catalogued code.</summary>
public partial class InputMessageTests
{
    private const string Meta = "iCode,Level,Parent,Direction,Weight,Type\na,1,G,1,1,Indicator\nb,1,G,-1,2,Indicator\nG,2,,1,1,Aggregate\n";
    private const string Data = "uCode,uName,a,b\nU1,One,1,5\nU2,Two,2,4\nU3,Three,3,1\n";

    public static TheoryData<string, string> Mutations => new()
    {
        { "binary", "\u0000\u0001PNG\u0000" },
        { "huge cell", Data.Replace("U2,Two,2,4", "U2,Two," + new string('9', 100) + "x" + new string('z', 2_000_000) + ",4", StringComparison.Ordinal) },
        { "huge code", Data.Replace("U2,", new string('=', 500_000) + ",", StringComparison.Ordinal) },
        { "stray quote", Data.Replace("Two", "T\"wo", StringComparison.Ordinal) },
        { "ragged", Data.Replace("U3,Three,3,1", "U3,Three,3", StringComparison.Ordinal) },
        { "duplicate header", Data.Replace("uName", "a", StringComparison.Ordinal) },
        { "empty", string.Empty },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Score_WithAMutatedIData_PrintsShortCodedLinesNamingTheFile(string what, string data)
    {
        using var dir = new TempDir();
        var run = CliRun.Of("score", "--imeta", dir.File("iMeta.csv", Meta), "--idata", dir.File("iData.csv", data));
        Assert.True(run.ExitCode == 2, what + ": " + run.Error);
        AssertShortCodedLines(run.Error, "iData.csv");
    }

    [Fact]
    public void Validate_ABinaryFile_IsOneNotTextLine()
    {
        using var dir = new TempDir();
        var file = dir.File("f.json");
        File.WriteAllBytes(file, new byte[4096]);
        var run = CliRun.Of("validate", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("[input.not-text]", run.Error, StringComparison.Ordinal);
        AssertShortCodedLines(run.Error, "f.json");
    }

    [Fact]
    public void Score_AnUnreadableIData_NamesIData()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("score", "--imeta", dir.File("iMeta.csv", Meta), "--idata", dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("iMeta.csv", run.Error, StringComparison.Ordinal);
        Assert.Contains("[input.not-found]", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"schemaVersion\": tru}", "did you mean true?")]
    [InlineData("{\"schemaVersion\": nul}", "did you mean null?")]
    public void Validate_AMisspeltJsonLiteral_IsOneShortInvalidTokenLine(string json, string hint)
    {
        using var dir = new TempDir();
        var file = dir.File("typo.json", json + new string(' ', 20_000) + "\"padding\"");
        var run = CliRun.Of("validate", file);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Trim().Split('\n'), l => l.Contains(ErrorCodes.JsonInvalidToken, StringComparison.Ordinal));
        Assert.StartsWith(file, line, StringComparison.Ordinal);
        Assert.Contains(hint, line, StringComparison.Ordinal);
        Assert.True(line.Length <= 300 + file.Length, line);
        Assert.DoesNotContain(ErrorCodes.JsonMissingProperty, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Uncertainty_ReplayOfADirectory_SaysItIsADirectory()
    {
        using var dir = new TempDir();
        var replay = Directory.CreateDirectory(Path.Combine(dir.Path, "params")).FullName;
        var run = CliRun.Of("uncertainty", "--imeta", dir.File("iMeta.csv", Meta), "--idata", dir.File("iData.csv", Data), "--replay", replay, "--out", Path.Combine(dir.Path, "out"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is a directory", run.Error, StringComparison.Ordinal);
        Assert.Contains("[input.not-found]", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    private static void AssertShortCodedLines(string error, string file)
    {
        var codes = ErrorCodes.All.Select(c => c.Code).ToHashSet();
        var lines = error.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l =>
        {
            Assert.True(l.Length <= 300, $"{l.Length} characters: {l[..Math.Min(l.Length, 120)]}");
            Assert.Contains(file, l, StringComparison.Ordinal);
            var m = CodeAtEnd().Match(l);
            Assert.True(m.Success && codes.Contains(m.Groups[1].Value), l);
        });
    }

    [GeneratedRegex(@"\[([a-z0-9.-]+)\]$")]
    private static partial Regex CodeAtEnd();
}
