using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests;

public class DocumentationTests
{
    [Fact]
    public void EveryErrorCode_IsListedInDocsErrorCodes()
    {
        // The rows come from ErrorCodes.All (see Validation/ErrorCodesDocTests); each code has one row with its severity.
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "error-codes.md"));
        Assert.NotEmpty(ErrorCodes.All);
        Assert.All(ErrorCodes.All, i => Assert.Single(
            doc.Split('\n'),
            l => l.StartsWith($"| `{i.Code}` | {(i.Severity == ValidationSeverity.Warning ? "warning" : "error")} | {i.Summary} |", StringComparison.Ordinal)));
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartCity.Domain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("SmartCity.Domain.sln not found above the test directory.");
    }
}
