using System.Text.RegularExpressions;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

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
        var framework = RatingFramework.Create("my-rubric", LocalizedText.Of("My rubric"), "2026", root).GetValueOrThrow();

        var data = Dataset.Create(["Bandung", "Surabaya", "Malang"], ["grdp", "inflation"],
            new double[,] { { 120, 2.1 }, { 180, 2.9 }, { 70, 1.8 } }).GetValueOrThrow();
        var result = ScoringPlan.Compile(framework).Score(data).Match(r => r, errors => throw new ValidationException(errors));
        var score = result.Score("Index", "Surabaya");     // min-max to [0, 100], weighted arithmetic mean; null when missing
        var rank = result.Rank("Index", "Surabaya");       // 1 = best, ties share the lowest rank; null when missing
        var parts = result.GetContributions("Index");      // per-indicator contributions, summing to each score
        // --- end quick start ---

        // Surabaya: grdp (180 − 70)/(180 − 70)·100 = 100, inflation −2.9 is the worst: 0; weights 1 and 2 → 100/3.
        Assert.Equal(100.0 / 3, score!.Value, 12);
        Assert.Equal(3, rank);
        Assert.Equal(score.Value, parts[1, 0]!.Value + parts[1, 1]!.Value, 12);
        Assert.Equal(1, result.Rank("Index", "Malang"));
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
