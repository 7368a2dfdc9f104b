using System.Globalization;

namespace SmartCity.Cli.Tests;

/// <summary>
/// Every COINr case in tests/fixtures/coinr (COINr's own outputs, copied into the repository) run through <c>smartcity score</c> and compared cell by cell.
/// A case folder that this table does not map fails the suite, so new cases cannot be skipped silently.
/// </summary>
public class ConformanceTests
{
    public static TheoryData<string, string[], string[], double> Cases => new()
    {
        { "caseA", [], ["normalised.csv", "aggregated.csv", "ranks.csv"], 1e-12 },
        { "caseB/B01_zscore10_2_amean", ["--normalise", "zscore:10,2"], ["normalised.csv", "aggregated.csv", "ranks.csv"], 1e-12 },
        { "caseB/B03_minmax1_100_gmean", ["--normalise", "minmax:1,100", "--aggregate", "gmean"], ["normalised.csv", "aggregated.csv", "ranks.csv"], 1e-12 },
        { "caseB/B05_rank_amean", ["--normalise", "rank"], ["normalised.csv", "aggregated.csv", "ranks.csv"], 1e-12 },
        { "caseB/B06_goalposts_amean", ["--normalise", "goalposts"], ["normalised.csv", "aggregated.csv", "ranks.csv"], 1e-12 },
        { "caseC/C2_no_impute_skipNA", [], ["normalised_i01-i30.csv>normalised.csv", "normalised_i31-i60.csv>normalised.csv", "aggregated.csv", "ranks.csv"], 1e-9 },
        { "caseD/D1_treat_default", ["--treat", "default"], ["treated.csv", "treated_points.csv", "treatment_details.csv", "normalised.csv", "aggregated.csv", "ranks.csv"], 1e-12 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_MatchesCoinrCellByCell(string folder, string[] flags, string[] files, double tolerance)
    {
        var caseDir = Path.Combine(Root(), folder);
        var inputs = File.Exists(Path.Combine(caseDir, "iMeta.csv")) ? caseDir : Path.GetDirectoryName(caseDir)!;
        using var output = new TempDir();
        var run = CliRun.Of([
            "score", "--imeta", Path.Combine(inputs, "iMeta.csv"), "--idata", Path.Combine(inputs, "iData.csv"), .. flags, "--out", output.Path,
        ]);
        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var spec in files)
        {
            var parts = spec.Split('>');
            var expected = Path.Combine(caseDir, parts[0]);
            var actual = Path.Combine(output.Path, parts.Length > 1 ? parts[1] : parts[0]);
            CompareTables(expected, actual, tolerance);
        }
    }

    [Fact]
    public void EveryPublishedCase_IsCovered()
    {
        var root = Root();
        var known = Cases.Select(row => (string)row[0]).ToHashSet();
        var published = Directory.EnumerateFiles(root, "*.csv", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is "aggregated.csv")
            .Select(f => Path.GetRelativePath(root, Path.GetDirectoryName(f)!).Replace('\\', '/'))
            .ToList();
        Assert.NotEmpty(published);
        Assert.All(published, p => Assert.Contains(p, known));
    }

    internal static void CompareTables(string expectedPath, string actualPath, double tolerance)
    {
        var expected = Read(expectedPath);
        var actual = Read(actualPath);
        var cells = 0;
        foreach (var (unit, row) in expected.Rows)
        {
            Assert.True(actual.Rows.ContainsKey(unit), $"{Path.GetFileName(actualPath)}: unit {unit} missing");
            foreach (var (column, want) in row)
            {
                Assert.True(actual.Rows[unit].TryGetValue(column, out var got), $"{Path.GetFileName(actualPath)}: column {column} missing");
                cells++;
                if (double.TryParse(want, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && double.TryParse(got, NumberStyles.Float, CultureInfo.InvariantCulture, out var g))
                {
                    var scale = Math.Max(1, Math.Abs(w));
                    Assert.True(Math.Abs(w - g) <= tolerance * scale, $"{Path.GetFileName(expectedPath)} {unit}/{column}: expected {want}, got {got}");
                }
                else
                {
                    Assert.True(want == got, $"{Path.GetFileName(expectedPath)} {unit}/{column}: expected '{want}', got '{got}'");
                }
            }
        }

        Assert.True(cells > 0, $"{expectedPath} has no cells");
    }

    private static (string[] Header, Dictionary<string, Dictionary<string, string>> Rows) Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        var rows = new Dictionary<string, Dictionary<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            rows[cells[0]] = header.Skip(1).Zip(cells.Skip(1)).ToDictionary(p => p.First, p => p.Second);
        }

        return (header, rows);
    }

    /// <summary>The COINr fixtures inside this repository (tests/fixtures/coinr); never a folder outside it.</summary>
    internal static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartCity.Domain.sln")))
            {
                var fixtures = Path.Combine(dir.FullName, "tests", "fixtures", "coinr");
                return Directory.Exists(fixtures)
                    ? fixtures
                    : throw new DirectoryNotFoundException($"{fixtures} is missing; the conformance fixtures are part of the repository.");
            }
        }

        throw new DirectoryNotFoundException("SmartCity.Domain.sln was not found above the test directory.");
    }
}
