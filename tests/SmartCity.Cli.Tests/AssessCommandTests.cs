using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Programmes;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Validation;

namespace SmartCity.Cli.Tests;

public class AssessCommandTests
{
    internal static string Example()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", "indonesia-regions.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("examples/indonesia-regions.csv was not found above the test directory.");
    }

    internal static ProgrammeResult RunLibrary(Programme programme) =>
        programme.Run(DatasetCsv.ReadFile(DatasetColumns.FromHeader(programme.NumericColumns), Example()).GetValueOrThrow()).GetValueOrThrow();

    private static List<string[]> Csv(string dir, string file) =>
        [.. File.ReadAllLines(Path.Combine(dir, file)).Skip(1).Select(l => l.Split(','))];

    /// <summary>A programme result read back from result.json holds what the library computed, stage by stage.</summary>
    /// <remarks>ImmutableArray's own Equals compares references, so its contents are compared with SequenceEqual.</remarks>
    private static void AssertSame(ProgrammeResult expected, ProgrammeResult back)
    {
        Assert.Same(expected.Programme, back.Programme);
        Assert.Equal(expected.Data, back.Data);
        Assert.Equal(expected.Finalists, back.Finalists);
        Assert.Equal(expected.Stages.Length, back.Stages.Length);
        for (var k = 0; k < expected.Stages.Length; k++)
        {
            var (e, b) = (expected.Stages[k], back.Stages[k]);
            Assert.Same(e.Stage, b.Stage);
            Assert.True(e.Decisions.SequenceEqual(b.Decisions), e.Stage.Code + ": decisions differ");
            Assert.Equal(e.Scores, b.Scores);
            Assert.True(e.FilledValues.SequenceEqual(b.FilledValues), e.Stage.Code + ": FilledValues differ");
            Assert.True(e.Awards.SequenceEqual(b.Awards), e.Stage.Code + ": Awards differ");
            AssertSame(e.Evaluation, b.Evaluation);
            Assert.True(e.SizeClasses.SequenceEqual(b.SizeClasses), e.Stage.Code + ": SizeClasses differ");
        }
    }

    private static void AssertSame(EvaluationResult? expected, EvaluationResult? back)
    {
        Assert.Equal(expected is null, back is null);
        if (expected is not null && back is not null)
        {
            Assert.True(expected.Editions.SequenceEqual(back.Editions));
            Assert.Equal(expected.BreakdownTag, back.BreakdownTag);
            Assert.True(expected.Results.SequenceEqual(back.Results), "the editions' score results differ");
        }
    }

    [Fact]
    public void ProgramsList_ShowsBothProgrammesAndTheirStages()
    {
        var run = CliRun.Of("programs", "list");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("rkci-2019", run.Out, StringComparison.Ordinal);
        Assert.Contains("kickoff → self-evaluation → stage-1 → validation → stage-2", run.Out, StringComparison.Ordinal);
        Assert.Contains("selection → readiness → mou → masterplan → evaluation", run.Out, StringComparison.Ordinal);
        Assert.Contains("rkci-2017", run.Out, StringComparison.Ordinal);
        Assert.Contains("rkci-2023", run.Out, StringComparison.Ordinal);
        Assert.Contains("menuju100-2019", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AssessRkci_OnTheBundledExample_RunsEveryStage_AndExplainsEveryDecision()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("assess", "--program", "rkci-2019", "--out", dir.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        var expected = RunLibrary(BuiltInProgrammes.Rkci2019);

        var funnel = Csv(dir.Path, "funnel.csv");
        Assert.Equal(expected.Stages.Select(s => $"{s.Stage.Code}:{s.Entrants}:{s.Passed.Count()}"), funnel.Select(r => $"{r[0]}:{r[2]}:{r[3]}"));
        Assert.Equal(["93", "93", "93", "30", "30"], funnel.Select(r => r[2])); // the 12 regencies are not eligible
        Assert.Equal("30", funnel[2][3]); // stage 1 selects 30: 8 besar, 11 sedang, 11 kecil

        var decisions = Csv(dir.Path, "stages.csv");
        Assert.Equal(expected.Stages.Sum(s => s.Entrants), decisions.Count);
        Assert.All(decisions.Where(d => d[3] == "0"), d => Assert.True(d[4].Length > 0 && d[6].Length > 0, string.Join(",", d)));
        Assert.DoesNotContain(decisions, d => d[1] == "R001");
        Assert.Contains(decisions, d => d[0] == "stage-1" && d[3] == "0" && d[7].Contains("; the top ", StringComparison.Ordinal) && d[7].Contains(" of the class pass", StringComparison.Ordinal));

        // Filled values: only where the city's own value was missing, from its secondary column.
        var data = DatasetCsv.ReadFile(DatasetColumns.FromHeader(BuiltInProgrammes.Rkci2019.NumericColumns), Example()).GetValueOrThrow();
        var filled = Csv(dir.Path, "filled.csv");
        Assert.NotEmpty(filled);
        Assert.All(filled, f =>
        {
            Assert.True(double.IsNaN(data.Value(f[1], f[2])));
            Assert.Equal(data.Value(f[1], "secondary." + f[2]), double.Parse(f[3], CultureInfo.InvariantCulture));
        });

        // Awards: nine categories per size class; cumulative tiers: every trophy holder has the certificate too.
        var awards = Csv(dir.Path, "awards.csv");
        Assert.Equal(expected.Awards.Count(), awards.Count);
        Assert.Equal(9, awards.Select(a => a[1]).Distinct().Count());
        Assert.All(awards.Where(a => a[5] == "trophy"), t => Assert.Contains(awards, c => c[5] == "certificate" && c[1] == t[1] && c[3] == t[3] && c[6] == t[6]));
        Assert.Equal(7, awards.Count(a => a[1] == "kota-menuju-cerdas" && a[3] == "besar" && a[5] == "certificate"));
        Assert.Equal(5, awards.Count(a => a[1] == "kota-menuju-cerdas" && a[3] == "besar" && a[5] == "trophy"));
        Assert.Equal(["besar", "kecil", "sedang"], awards.Select(a => a[3]).Distinct().Order());

        var levels = Csv(dir.Path, "levels.csv");
        Assert.Equal(30 * 7, levels.Count); // RKCI and its six children for every finalist
        Assert.All(levels, l => Assert.Contains(l[5], new[] { "ad-hoc", "initial", "scattered", "integrated", "smart" }));

        // result.json is the library's own ProgrammeResult JSON: it reads back, equal to what the library computes.
        var json = File.ReadAllText(Path.Combine(dir.Path, "result.json"));
        Assert.Equal(ResultJson.Serialize(expected, indented: true) + Environment.NewLine, json);
        var back = ResultJson.DeserializeProgrammeResult(json, BuiltInProgrammes.Rkci2019).GetValueOrThrow();
        AssertSame(expected, back);
        Assert.Equal(awards.Count, back.Awards.Count());
        Assert.Contains(back.Stages[2].Decisions, d => d.FailedGate is ClassQuotaGate);
    }

    [Fact]
    public void AssessMenuju100_EvaluatesTwoEditions_WithImprovement()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("assess", "--program", "menuju100", "--data", Example(), "--out", dir.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        var expected = RunLibrary(BuiltInProgrammes.Menuju100);
        var evaluation = expected.Stages[^1].Evaluation!;

        var funnel = Csv(dir.Path, "funnel.csv");
        Assert.Equal(["selection", "readiness", "mou", "masterplan", "evaluation"], funnel.Select(r => r[0]));
        Assert.Equal("50", funnel[1][3]); // the readiness assessment chooses the cohort of 50
        var rows = Csv(dir.Path, "evaluation.csv");
        var latest = rows.Where(r => r[0] == "2022").ToList();
        Assert.Equal(expected.Finalists.Count(), latest.Count);
        foreach (var r in latest)
        {
            var before = rows.Single(x => x[0] == "2021" && x[1] == r[1]);
            if (before[3].Length == 0)
            {
                Assert.Equal(string.Empty, r[4]); // joined in 2022: no improvement
                continue;
            }

            var improvement = double.Parse(r[3], CultureInfo.InvariantCulture) - double.Parse(before[3], CultureInfo.InvariantCulture);
            Assert.Equal(improvement, double.Parse(r[4], CultureInfo.InvariantCulture), 12);
            Assert.Equal(evaluation.Index("2022", r[1]), double.Parse(r[3], CultureInfo.InvariantCulture));
        }

        Assert.Contains(rows, r => r[0] == "2021" && r[3].Length == 0);

        var back = ResultJson.DeserializeProgrammeResult(File.ReadAllText(Path.Combine(dir.Path, "result.json")), BuiltInProgrammes.Menuju100).GetValueOrThrow();
        AssertSame(expected, back);
        Assert.Equal(evaluation.Index("2022", latest[0][1]), back.Stages[^1].Evaluation!.Index("2022", latest[0][1]));
    }

    [Fact]
    public void Assess_BadInput_ExitsTwo_NamingTheProblem()
    {
        using var dir = new TempDir();
        var unknown = CliRun.Of("assess", "--program", "nope", "--out", dir.Path);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown programme 'nope'; known: rkci-2017, rkci-2019", unknown.Error, StringComparison.Ordinal);

        var lines = File.ReadAllLines(Example());
        var header = lines[0].Split(',');
        var column = Array.IndexOf(header, "agreement_signed");
        var noColumn = dir.File("no-column.csv", string.Join('\n', lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != column)))));
        var missing = CliRun.Of("assess", "--program", "menuju100", "--data", noColumn, "--out", Path.Combine(dir.Path, "out"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no-column.csv: the column 'agreement_signed' is missing", missing.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", missing.Error, StringComparison.Ordinal);

        var cells = lines[3].Split(',');
        cells[Array.IndexOf(header, "fiscal_capacity")] = "high";
        var badCell = dir.File("bad-cell.csv", string.Join('\n', lines.Take(3).Append(string.Join(',', cells)).Concat(lines.Skip(4))));
        var bad = CliRun.Of("assess", "--program", "menuju100", "--data", badCell, "--out", Path.Combine(dir.Path, "out"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("bad-cell.csv: line 4, column fiscal_capacity", bad.Error, StringComparison.Ordinal);

        cells = lines[3].Split(',');
        cells[Array.IndexOf(header, "str_hr")] = "7";
        var outOfScale = dir.File("out-of-scale.csv", string.Join('\n', lines.Take(3).Append(string.Join(',', cells)).Concat(lines.Skip(4))));
        var scale = CliRun.Of("assess", "--program", "menuju100", "--data", outOfScale, "--out", Path.Combine(dir.Path, "out"));
        Assert.Equal(2, scale.ExitCode);
        Assert.Contains(ErrorCodes.ScaleValueOutOfRange, scale.Error, StringComparison.Ordinal);
        Assert.Contains("str_hr", scale.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_WithoutOrWithABadPopulation_ExitsTwo_NamingTheColumnAndRow()
    {
        using var dir = new TempDir();
        var lines = File.ReadAllLines(Example());
        var header = lines[0].Split(',');
        var column = Array.IndexOf(header, "population");
        var noColumn = dir.File("no-population.csv", string.Join('\n', lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != column)))));
        var missing = CliRun.Of("assess", "--program", "rkci-2019", "--data", noColumn, "--out", Path.Combine(dir.Path, "out"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains(ErrorCodes.ProgrammePopulationMissing, missing.Error, StringComparison.Ordinal);
        Assert.Contains("'population'", missing.Error, StringComparison.Ordinal);
        foreach (var (value, word) in new[] { ("-2874314", "negative"), ("many", "not a number") })
        {
            var cells = lines[1].Split(',');
            cells[column] = value;
            var file = dir.File($"bad-population-{word.Replace(' ', '-')}.csv", string.Join('\n', lines.Take(1).Append(string.Join(',', cells)).Concat(lines.Skip(2))));
            var bad = CliRun.Of("assess", "--program", "rkci-2019", "--data", file, "--out", Path.Combine(dir.Path, "out"));
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains(ErrorCodes.ProgrammePopulationInvalid, bad.Error, StringComparison.Ordinal);
            Assert.Contains("row 1 (unit K001), column population", bad.Error, StringComparison.Ordinal);
            Assert.Contains(word, bad.Error, StringComparison.Ordinal);
        }
    }
}

/// <summary>Runs only where Debian's Chromium is installed; under CI (CI=true) it always runs, so a missing browser fails.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (HeadlessChromium.Executable is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it).";
        }
    }
}

/// <summary>Debian's Chromium run headless, as the machine documentation prescribes (no sandbox as root, no background networking).</summary>
internal static partial class HeadlessChromium
{
    public static string? Executable { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public static string Run(string url, string extra, string profile)
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--window-size=1100,1400", $"--user-data-dir={profile}", extra, url,
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish within 90 s.");
        }

        return stdout.Result;
    }
}

public partial class ReportBrowserTests
{
    [BrowserFact]
    public void Report_ReadsInIndonesianByDefault_AndInEnglishOnRequest()
    {
        using var dir = new TempDir();
        var id = Path.Combine(dir.Path, "id");
        var en = Path.Combine(dir.Path, "en");
        Assert.Equal(0, CliRun.Of("assess", "--program", "rkci-2019", "--out", id).ExitCode);
        Assert.Equal(0, CliRun.Of("assess", "--program", "rkci-2019", "--out", en, "--lang", "en").ExitCode);
        var domId = HeadlessChromium.Run(new Uri(Path.Combine(id, "report.html")).AbsoluteUri, "--dump-dom", Path.Combine(dir.Path, "profile-id"));
        var domEn = HeadlessChromium.Run(new Uri(Path.Combine(en, "report.html")).AbsoluteUri, "--dump-dom", Path.Combine(dir.Path, "profile-en"));
        Assert.Contains("<html lang=\"id\">", domId, StringComparison.Ordinal);
        Assert.Contains("Corong per kelas kota", domId, StringComparison.Ordinal);
        Assert.Contains("peringkat di kelas", domId, StringComparison.Ordinal);
        Assert.Contains("Kota besar", domId, StringComparison.Ordinal);
        Assert.Contains("Piala", domId, StringComparison.Ordinal);
        Assert.Matches("peringkat ke-\\d+ di Kota (besar|sedang|kecil); \\d+ teratas di kelas ini lolos", domId);
        Assert.Contains("<html lang=\"en\">", domEn, StringComparison.Ordinal);
        Assert.Contains("Funnel per size class", domEn, StringComparison.Ordinal);
        Assert.Contains("Trophy", domEn, StringComparison.Ordinal);
        Assert.Matches("ranked \\d+(st|nd|rd|th) among Large city; the top 8 of the class pass", domEn);
        Assert.DoesNotContain("Corong", domEn, StringComparison.Ordinal);

        // Every text the gates, gap fills, awards, levels and pillars produce is in the page's language.
        var textId = VisibleText(domId);
        var textEn = VisibleText(domEn);
        foreach (var english in new[]
        {
            "data coverage", "within each size class", "within size class", "fill missing values", "= yes", "top 8", "Large city",
            "Medium city", "Small city", "Trophy", "Certificate", "Integrated", "Scattered", "Smart people", "score of", "passed",
            "not eligible", "ranked ", "the top ", "index is", "improvement",
        })
        {
            Assert.DoesNotContain(english, textId, StringComparison.Ordinal);
        }

        foreach (var indonesian in new[]
        {
            "kelengkapan data", "di setiap kelas kota", "nilai kosong", "= ya", "teratas", "Kota besar", "Kota sedang", "Kota kecil",
            "Piala", "Piagam", "Terintegrasi", "Tersebar", "lolos", "tidak memenuhi syarat", "peringkat", "kenaikan",
        })
        {
            Assert.DoesNotContain(indonesian, textEn, StringComparison.Ordinal);
        }

        Assert.Contains("kelengkapan data RKCI ≥ 50 %", textId, StringComparison.Ordinal);
        Assert.Contains("data coverage of RKCI ≥ 50 %", textEn, StringComparison.Ordinal);
        foreach (var dom in new[] { domId, domEn })
        {
            // At 1100 px the page never scrolls sideways: wide tables scroll inside their own box.
            var overflow = PageOverflow().Match(dom);
            Assert.True(overflow.Success, "the page's load handler did not measure the page width");
            Assert.True(int.Parse(overflow.Groups[1].Value, CultureInfo.InvariantCulture) <= 0, $"the page is {overflow.Groups[1].Value} px wider than the window");

            var rendered = ChartsRendered().Match(dom);
            Assert.True(rendered.Success, "the page's load handler did not run");
            Assert.Equal(rendered.Groups[2].Value, rendered.Groups[1].Value);
        }
    }

    [BrowserFact]
    public void Report_RendersInHeadlessChromium_WithEveryChartAndTheExpectedNumbers()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("assess", "--program", "rkci-2019", "--out", dir.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        var report = new Uri(Path.Combine(dir.Path, "report.html")).AbsoluteUri;

        var dom = HeadlessChromium.Run(report, "--dump-dom", Path.Combine(dir.Path, "profile-dom"));

        // Every chart image was decoded by the browser (set by the page's load handler).
        var rendered = ChartsRendered().Match(dom);
        Assert.True(rendered.Success, "the page's load handler did not run");
        Assert.Equal(rendered.Groups[2].Value, rendered.Groups[1].Value);
        Assert.True(int.Parse(rendered.Groups[1].Value, CultureInfo.InvariantCulture) >= 4);

        // The numbers shown are the library's: the stage-2 leader's score, and the funnel.
        var expected = AssessCommandTests.RunLibrary(BuiltInProgrammes.Rkci2019);
        var final = expected.Stages[^1];
        var leader = final.Passed.OrderByDescending(u => final.Scores!.Score("RKCI", u)).First();
        var score = final.Scores!.Score("RKCI", leader)!.Value.ToString("0.00", CultureInfo.InvariantCulture);
        Assert.Matches($"<tr data-unit=\"{leader}\"><td class=\"num\">1</td>.*?<td class=\"num score\">{Regex.Escape(score)}</td>", dom);
        Assert.Contains("<td class=\"num\">93</td><td class=\"num\">30</td><td class=\"num\">63</td>", dom, StringComparison.Ordinal);
        var trophy = expected.Awards.First(a => a.Category == "kota-menuju-cerdas" && a.Place == 1);
        Assert.Contains($"1. {BuiltInNames(trophy.Unit)} (", dom, StringComparison.Ordinal);

        // And it paints: a screenshot of a rendered page is far larger than one of a blank page.
        var png = Path.Combine(dir.Path, "report.png");
        HeadlessChromium.Run(report, $"--screenshot={png}", Path.Combine(dir.Path, "profile-png"));
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], bytes.Take(4));
        Assert.True(bytes.Length > 50_000, $"screenshot is only {bytes.Length} bytes");
    }

    private static string BuiltInNames(string unit) =>
        File.ReadLines(AssessCommandTests.Example()).Select(l => l.Split(',')).First(c => c[0] == unit)[1];

    /// <summary>The text a reader sees: the DOM without style, script, chart data and tags.</summary>
    private static string VisibleText(string dom) =>
        System.Net.WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(dom, "<(style|script)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline), "<[^>]+>", " "));

    [GeneratedRegex("data-page-overflow=\"(-?\\d+)\"")]
    private static partial Regex PageOverflow();

    [GeneratedRegex("data-charts-rendered=\"(\\d+)/(\\d+)\"")]
    private static partial Regex ChartsRendered();
}
