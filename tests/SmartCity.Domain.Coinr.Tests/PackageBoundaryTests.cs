using System.Reflection;
using System.Runtime.CompilerServices;
using SmartCity.Domain.Frameworks;

namespace SmartCity.Domain.Coinr.Tests;

public class PackageBoundaryTests
{
    private static IEnumerable<string> FriendsOf(Assembly assembly) =>
        assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName);

    [Fact]
    public void TheCore_ShowsItsInternalsToItsTestsAndBenchmarksOnly_NotToThePackageOrTheCli()
    {
        var friends = FriendsOf(typeof(RatingFramework).Assembly).ToList();
        Assert.DoesNotContain("SmartCity.Domain.Coinr", friends);
        Assert.DoesNotContain("SmartCity.Cli", friends);
        Assert.All(friends, f => Assert.True(f.EndsWith(".Tests", StringComparison.Ordinal) || f.EndsWith(".Benchmarks", StringComparison.Ordinal), f));
    }

    [Fact]
    public void ThePackage_ShowsItsInternalsToItsOwnTestsOnly()
    {
        Assert.Equal(new[] { "SmartCity.Domain.Coinr.Tests" }, FriendsOf(typeof(DatasetCsv).Assembly));
    }

    [Fact]
    public void ThePackage_DependsOnTheCoreAndCsFastFloatOnly()
    {
        var references = typeof(DatasetCsv).Assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n != "OneOf" && !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "mscorlib")
            .Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "SmartCity.Domain", "csFastFloat" }, references); // ordinal: upper case first
    }
}
