using System.Globalization;

namespace SmartCity.Cli.Tests;

/// <summary>Typed options (System.CommandLine parses and reports), Spectre.Console tables and the progress bar.</summary>
public class OptionsAndConsoleTests
{
    private static string[] CaseA() =>
        ["--imeta", Path.Combine(ConformanceTests.Root(), "caseA", "iMeta.csv"), "--idata", Path.Combine(ConformanceTests.Root(), "caseA", "iData.csv")];

    /// <summary>The error lines naming a problem (the usage hint that follows parse errors is not one).</summary>
    private static string[] ProblemLines(CliRun run) =>
        [.. run.Error.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && l != "Run 'smartcity --help' for usage.")];

    [Fact]
    public void CommandTable_NamesEveryCommandAsItIsBuilt_AndTheRootHelpListsThemAll()
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null);
        foreach (var (name, create) in CliApp.Commands)
        {
            Assert.Equal(name, create(context).Name);
        }

        Assert.Equal(CliApp.Commands.Length, CliApp.Commands.Select(c => c.Name).Distinct().Count());
        var help = CliRun.Of("--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var (name, _) in CliApp.Commands)
        {
            Assert.Contains("  " + name + " ", help.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AMistypedCommand_IsStillReportedWithTheWholeTree()
    {
        var run = CliRun.Of("scroe", "--imeta", "x.csv");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("scroe", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ahp", "--method <eigenvector|geometric>")]
    [InlineData("ahp", "--ri <alternative|classic>")]
    [InlineData("score", "--weights <equal|imeta>")]
    [InlineData("uncertainty", "--weights <equal|imeta>")]
    [InlineData("assess", "--program <menuju100|menuju100-2017|menuju100-2019|rkci-2017|rkci-2019|rkci-2021|rkci-2023> (REQUIRED)")]
    public void Help_ListsTheChoicesOfAChoiceOption(string command, string expected)
    {
        var run = CliRun.Of(command, "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(expected, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsTheBuiltInFrameworksForExport()
    {
        var run = CliRun.Of("frameworks", "export", "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var f in SmartCity.Domain.Catalogue.BuiltInFrameworks.All)
        {
            Assert.Contains(f.Code, run.Out, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string[], string> BadValues => new()
    {
        // arguments, the one problem line expected
        { ["ahp", "--matrix", "m.csv", "--method", "power"], "smartcity: --method: 'power' is not one of eigenvector, geometric" },
        { ["ahp", "--matrix", "m.csv", "--ri", "Classic"], "smartcity: --ri: 'Classic' is not one of classic, alternative" },
        { ["score", "--imeta", "m.csv", "--idata", "d.csv", "--impute", "knn"], "smartcity: --impute: Unknown imputation; expected none, mean, median, groupmean:ATTR, groupmedian:ATTR, rowmean[:LEVEL][:raw] or rowmedian[:LEVEL][:raw]. (got 'knn')" },
        { ["score", "--imeta", "m.csv", "--idata", "d.csv", "--weights", "random"], "smartcity: --weights: 'random' is not one of imeta, equal" },
        { ["score", "--imeta", "m.csv", "--idata", "d.csv", "--threshold", "abc"], "smartcity: --threshold: expected a number in [0, 1], got 'abc'" },
        { ["score", "--imeta", "m.csv", "--idata", "d.csv", "--threshold", "0,5"], "smartcity: --threshold: expected a number in [0, 1], got '0,5'" },
        { ["score", "--imeta", "m.csv", "--idata", "d.csv", "--threshold", "1.5"], "smartcity: --threshold: The coverage threshold must be in [0, 1]. (got '1.5')" },
        { ["score", "--imeta", "m.csv", "--idata", "d.csv", "--normalise", "softmax"], "smartcity: --normalise: " },
        { ["uncertainty", "--imeta", "m.csv", "--idata", "d.csv", "--n", "0", "--seed", "1", "--noise", "2=0.1", "--out", "o"], "smartcity: --n: expected a whole number of at least 1, got '0'" },
        { ["uncertainty", "--imeta", "m.csv", "--idata", "d.csv", "--n", "ten", "--seed", "1", "--noise", "2=0.1", "--out", "o"], "smartcity: --n: expected a whole number of at least 1, got 'ten'" },
        { ["uncertainty", "--imeta", "m.csv", "--idata", "d.csv", "--n", "5", "--seed", "-1", "--noise", "2=0.1", "--out", "o"], "smartcity: --seed: expected a whole number from 0 to 18446744073709551615, got '-1'" },
        { ["sensitivity", "--imeta", "m.csv", "--idata", "d.csv", "--n", "1", "--seed", "1", "--noise", "2=0.1", "--out", "o"], "smartcity: --n: expected a whole number of at least 2, got '1'" },
        { ["sensitivity", "--imeta", "m.csv", "--idata", "d.csv", "--n", "8", "--seed", "1", "--noise", "2=0.1", "--bootstrap", "0", "--out", "o"], "smartcity: --bootstrap: expected a whole number of at least 1, got '0'" },
        { ["assess", "--program", "iso-37120", "--out", "o"], "smartcity: unknown programme 'iso-37120'; known: rkci-2017, rkci-2019, rkci-2021, rkci-2023, menuju100-2017, menuju100, menuju100-2019" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadNumberOrChoice_ExitsTwo_WithOneLineNamingTheOption(string[] args, string expected)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        var line = Assert.Single(ProblemLines(run));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralBadValues_GiveOneLineEach_BeforeAnyFileIsRead()
    {
        var run = CliRun.Of("whatif", "--imeta", "missing.csv", "--idata", "missing.csv", "--set", "weight:G1=x", "--set", "size:G1=2", "--aggregate", "amean,median", "--out", "o");
        Assert.Equal(2, run.ExitCode);
        var lines = ProblemLines(run);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("--set: 'x' in 'weight:G1=x' is not a number", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("--set: 'size:G1=2' must start with weight: or value:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("smartcity: --aggregate: ", StringComparison.Ordinal) && l.Contains("'median'", StringComparison.Ordinal));
        Assert.DoesNotContain("missing.csv", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplayWithSampling_IsAParseError()
    {
        var run = CliRun.Of(["uncertainty", .. CaseA(), "--replay", "p.csv", "--n", "5", "--out", "o"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("smartcity: --replay recomputes the replicates of its file: give it without --n, --noise or --alternatives", Assert.Single(ProblemLines(run)));
    }

    [Fact]
    public void FrameworksList_PrintsAnAlignedPlainTable_WhenOutputIsRedirected()
    {
        var run = CliRun.Of("frameworks", "list");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.DoesNotContain('\u001b', run.Out); // no ANSI codes
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l)); // no trailing blanks
        Assert.Matches(@"^\s*Code\s+Edition\s+Groups\s+Indicators\s+Levels\s+Name$", lines[0]);
        Assert.Matches("^─+$", lines[1]);
        var frameworks = SmartCity.Domain.Catalogue.BuiltInFrameworks.All;
        Assert.Equal(frameworks.Length, lines.Count - 2);
        var nameColumn = lines[0].IndexOf("Name", StringComparison.Ordinal);
        for (var i = 0; i < frameworks.Length; i++)
        {
            var f = frameworks[i];
            var row = lines[i + 2];
            Assert.StartsWith("  " + f.Code + " ", row, StringComparison.Ordinal);
            Assert.Equal(nameColumn, row.IndexOf(f.Name.Text, StringComparison.Ordinal)); // the column is aligned
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $" {f.Indicators.Length} "), row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AssessFunnel_IsATable_WithTheLibrarysCounts()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("assess", "--program", "rkci-2019", "--out", dir.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        var expected = AssessCommandTests.RunLibrary(SmartCity.Domain.Catalogue.BuiltInProgrammes.Rkci2019);
        var lines = run.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*Stage\s+Entered\s+Passed\s+Filled values$"));
        foreach (var s in expected.Stages)
        {
            var filled = s.FilledValues.Length > 0 ? $@"\s+{s.FilledValues.Length}" : string.Empty;
            Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^\s*{s.Stage.Code}\s+{s.Entrants}\s+{s.Passed.Count()}{filled}$"));
        }
    }

    [Fact]
    public void ScoreRanking_IsATableInRankOrder()
    {
        var run = CliRun.Of(["score", .. CaseA()]);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.FindIndex(l => l.TrimStart().StartsWith("Rank", StringComparison.Ordinal));
        Assert.True(header > 0, run.Out);
        Assert.Matches("^─+$", lines[header + 1]);
        var ranks = lines.Skip(header + 2).TakeWhile(l => l.Length > 0 && !l.StartsWith("Scores are", StringComparison.Ordinal))
            .Select(l => int.Parse(l.TrimStart().Split(' ')[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(12, ranks.Count);
        Assert.Equal(ranks.Order(), ranks);
        Assert.Equal(1, ranks[0]);
    }

    [Fact]
    public void Render_KeepsBracketsAsText_AndUsesTheFixedWidth()
    {
        var table = ConsoleTables.Create("Unit", ">Score").Row("[b]U1[/]", "1.5").Row(new string('x', 300), "2");
        var text = ConsoleTables.Render(table, ConsoleTables.RedirectedWidth);
        Assert.Contains("[b]U1[/]", text, StringComparison.Ordinal);
        Assert.All(text.Split(Environment.NewLine), l => Assert.True(l.Length <= ConsoleTables.RedirectedWidth, l));
        Assert.Equal(text, ConsoleTables.Render(table, ConsoleTables.RedirectedWidth));
    }

    [Fact]
    public void ProgressBar_IsWantedOnlyOnTheRealUnredirectedStandardError_OutsideCi()
    {
        Assert.True(ProgressDisplay.IsWanted(Console.Error, errorRedirected: false, ci: null));
        Assert.False(ProgressDisplay.IsWanted(Console.Error, errorRedirected: true, ci: null));
        Assert.False(ProgressDisplay.IsWanted(Console.Error, errorRedirected: false, ci: "true"));
        Assert.False(ProgressDisplay.IsWanted(Console.Error, errorRedirected: false, ci: "TRUE"));
        using var captured = new StringWriter();
        Assert.False(ProgressDisplay.IsWanted(captured, errorRedirected: false, ci: null));
    }

    [Fact]
    public void ProgressBar_NeverWrites_WhenOutputIsRedirected()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var reporter = ProgressDisplay.Run<IProgress<int>?>(new CliContext(output, error), "replicates", 100, progress => progress);
        Assert.Null(reporter);
        Assert.Equal(string.Empty, error.ToString());
        Assert.Equal(string.Empty, output.ToString());

        using var dir = new TempDir();
        var run = CliRun.Of(["uncertainty", .. CaseA(), "--normalise", "minmax:1,100", "--n", "200", "--seed", "4", "--noise", "2=0.25", "--out", dir.Path]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(string.Empty, run.Error);
        Assert.DoesNotContain('\r', run.Out);
        Assert.DoesNotContain("[#", run.Out, StringComparison.Ordinal);

        var sensitivity = CliRun.Of(["sensitivity", .. CaseA(), "--normalise", "minmax:1,100", "--n", "8", "--seed", "4", "--noise", "2=0.25", "--bootstrap", "10", "--out", dir.Path]);
        Assert.True(sensitivity.ExitCode == 0, sensitivity.Error);
        Assert.Equal(string.Empty, sensitivity.Error);
    }
}
