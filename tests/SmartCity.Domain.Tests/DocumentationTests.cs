using System.Reflection;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests;

public class DocumentationTests
{
    [Fact]
    public void EveryErrorCode_IsListedInDocsErrorCodes()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "error-codes.md"));
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.Contains($"`{code}`", doc, StringComparison.Ordinal));
        Assert.Equal(codes.Count, codes.Distinct().Count());
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
