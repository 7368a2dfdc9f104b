using System.Text.RegularExpressions;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Serialization;

namespace SmartCity.Domain.Tests;

/// <summary>The README's quick start, compiled and checked. Keep the two in step: a test below compares them.</summary>
public partial class ReadmeExamples
{
    [Fact]
    public void QuickStart_Runs()
    {
        // --- begin quick start ---
        var economy = GroupNode.Create("ECO", LocalizedText.Of("Economy", "Ekonomi"), NodeRole.Pillar, [
            Indicator.Create("grdp", LocalizedText.Of("GRDP per capita")).AsT0,
            Indicator.Create("inflation", LocalizedText.Of("Inflation"), direction: Direction.LowerIsBetter, weight: 2).AsT0]).AsT0;
        var root = GroupNode.Create("Index", LocalizedText.Of("Index"), NodeRole.Index, [economy]).AsT0;

        var message = RatingFramework.Create("my-rubric", LocalizedText.Of("My rubric"), "2026", root).Match(
            framework => $"{framework.Indicators.Length} indicators, {FrameworkJson.Serialize(framework).Length} bytes of JSON",
            errors => string.Join("; ", errors.Select(e => $"{e.Code} at {e.Path}")));

        var rkci = BuiltInFrameworks.Rkci2019; // 3 pillars + 3 enablers, five maturity levels, RKCI size classes
        // --- end quick start ---

        Assert.StartsWith("2 indicators, ", message, StringComparison.Ordinal);
        Assert.Equal(6, rkci.Root.Children.Count);
    }

    [Fact]
    public void QuickStart_IsTheCodeInTheReadme()
    {
        var readme = File.ReadAllText(FindUp("README.md"));
        var block = QuickStartBlock().Match(readme).Groups[1].Value;
        var source = File.ReadAllText(FindUp(Path.Combine("tests", "SmartCity.Domain.Tests", "ReadmeExamples.cs")));
        var start = source.IndexOf("// --- begin quick start ---", StringComparison.Ordinal);
        var end = source.IndexOf("// --- end quick start ---", StringComparison.Ordinal);
        var code = source[start..end].Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0);
        var documented = block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("using ", StringComparison.Ordinal));
        Assert.Equal(documented, code);
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }

    [GeneratedRegex("## Quick start\\s+```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex QuickStartBlock();
}
