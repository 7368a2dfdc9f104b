using System.Text;
using System.Text.RegularExpressions;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Validation;

/// <summary>
/// docs/error-codes.md holds, between its markers, the tables generated from <see cref="ErrorCodes.All"/>. Regenerate them
/// with <c>SMARTCITY_UPDATE_DOCS=1 dotnet test tests/SmartCity.Domain.Tests --filter ErrorCodesDoc</c>.
/// </summary>
public partial class ErrorCodesDocTests
{
    internal const string Begin = "<!-- BEGIN generated from ErrorCodes.All: edit src/SmartCity.Domain/Validation/ErrorCodes.Catalogue.cs, not this table -->";
    internal const string End = "<!-- END generated from ErrorCodes.All -->";
    internal const string Regenerate = "SMARTCITY_UPDATE_DOCS=1 dotnet test tests/SmartCity.Domain.Tests --filter ErrorCodesDoc";

    private static string DocPath => Path.Combine(DocumentationTests.RepoRoot(), "docs", "error-codes.md");

    /// <summary>The generated part of the page: one section per area, one row per code, in table order.</summary>
    internal static string Render()
    {
        var text = new StringBuilder();
        foreach (var area in ErrorCodes.All.GroupBy(i => i.Area))
        {
            text.Append("\n### ").Append(area.Key).Append("\n\n");
            text.Append("| code | severity | what failed | cause and fix |\n|---|---|---|---|\n");
            foreach (var i in area)
            {
                var severity = i.Severity == ValidationSeverity.Warning ? "warning" : "error";
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"| `{i.Code}` | {severity} | {i.Summary} | {i.Remedy} |\n");
            }
        }

        return text.Append('\n').ToString();
    }

    [Fact]
    public void ErrorCodesDoc_IsGeneratedFromTheTable()
    {
        var doc = File.ReadAllText(DocPath).ReplaceLineEndings("\n");
        var start = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/error-codes.md lacks the markers of its generated part:\n{Begin}\n{End}");
        Assert.Contains(Regenerate, doc[..start], StringComparison.Ordinal);

        var current = doc[(start + Begin.Length)..end];
        var expected = Render();
        if (current == expected)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("SMARTCITY_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(DocPath, doc[..(start + Begin.Length)] + expected + doc[end..]);
            return;
        }

        var a = current.Split('\n');
        var b = expected.Split('\n');
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(k => a[k] != b[k], Math.Min(a.Length, b.Length));
        var offset = doc[..(start + Begin.Length)].Count(c => c == '\n') + 1;
        Assert.Fail(
            $"docs/error-codes.md differs from ErrorCodes.All from line {offset + line}:\n" +
            $"  page:  {(line < a.Length ? a[line] : "(end)")}\n" +
            $"  table: {(line < b.Length ? b[line] : "(end)")}\n" +
            $"Edit the table in src/SmartCity.Domain/Validation/ErrorCodes.Catalogue.cs, then regenerate the page: {Regenerate}");
    }

    [Fact]
    public void ErrorCodesDoc_Render_HasOneRowPerCode_UnderItsArea()
    {
        var rendered = Render();
        Assert.All(ErrorCodes.All, i => Assert.Single(Regex.Matches(rendered, $@"^\| `{Regex.Escape(i.Code)}` \|", RegexOptions.Multiline)));
        Assert.Equal(ErrorCodes.All.Select(i => i.Area).Distinct().Count(), Regex.Count(rendered, "^### ", RegexOptions.Multiline));
        Assert.Contains("| `node.weight.ignored` | warning |", rendered, StringComparison.Ordinal);
        Assert.Contains("| `weight.negative` | error |", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorCodesDoc_Docs_NameOnlyCodesThatExist()
    {
        // Any `prefix.rest` in backticks whose prefix is one of the codes' prefixes must be a code (or a family such as `json.*`).
        var prefixes = ErrorCodes.All.Select(i => i.Code.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        var known = ErrorCodes.All.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        var root = DocumentationTests.RepoRoot();
        var pages = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md").Append(Path.Combine(root, "README.md"));
        string[] notCodes = ["json.schemas"]; // VS Code's setting, in json-format.md
        var unknown = new List<string>();
        foreach (var page in pages)
        {
            foreach (Match m in Backticked().Matches(File.ReadAllText(page)))
            {
                var token = m.Groups[1].Value;
                if (prefixes.Contains(token.Split('.')[0]) && !known.Contains(token) && !notCodes.Contains(token) && !token.EndsWith(".*", StringComparison.Ordinal) && !FileName().IsMatch(token))
                {
                    unknown.Add($"{Path.GetFileName(page)}: `{token}`");
                }
            }
        }

        Assert.True(unknown.Count == 0, "Docs name codes that ErrorCodes.All lacks:\n" + string.Join("\n", unknown));
    }

    [GeneratedRegex(@"`([a-z][a-z0-9-]*(?:\.[a-z0-9*-]+)+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"\.(csv|json|md|svg|html|txt|cs|props|sln)$")]
    private static partial Regex FileName();
}
