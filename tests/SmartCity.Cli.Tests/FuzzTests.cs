using System.Diagnostics;
using System.Globalization;
using System.Text;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Serialization;
using Xunit.Abstractions;

namespace SmartCity.Cli.Tests;

/// <summary>
/// Random mutations of valid CSV and JSON inputs, run through the command's in-process entry point for
/// <c>score</c>, <c>validate</c> and <c>whatif</c>: never exit 1 (an internal error), never an exception, never an
/// output holding inf or NaN. Bounded in time (a few seconds) and deterministic: the seed is fixed (override it with
/// <c>SMARTCITY_FUZZ_SEED</c>; <c>SMARTCITY_FUZZ_SECONDS</c> sets a longer budget), each failing case is printed with
/// its seed and mutations.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    /// <summary>The time budget: 4 s, or <c>SMARTCITY_FUZZ_SECONDS</c> for a longer exploration.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("SMARTCITY_FUZZ_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 4);

    /// <summary>At least this many cases run, however slow the machine (so that the test always tests something).</summary>
    private const int MinimumCases = 20;

    private const string Meta = """
        iCode,iName,Level,Parent,Direction,Weight,Type
        a,Alpha,1,G,1,1,Indicator
        b,Beta,1,G,-1,2,Indicator
        c,Gamma,1,H,1,1,Indicator
        d,Delta,1,H,1,0.5,Indicator
        G,Group G,2,Index,1,1,Aggregate
        H,Group H,2,Index,1,1,Aggregate
        Index,Index,3,,1,1,Aggregate

        """;

    private const string Data = """
        uCode,uName,a,b,c,d
        U1,One,1,5,3,10
        U2,Two,2,,4,12.5
        U3,Three,3,1,8,7
        U4,Four,5,2,1,9
        U5,Five,4,3,2,11
        U6,Six,0.5,4,6,8

        """;

    /// <summary>The framework of <see cref="Meta"/> as JSON, written by the library (so that the seed is valid).</summary>
    private static readonly string Framework = FrameworkText();

    private static readonly string[] Specials =
    [
        "NaN", "nan", "-NaN", "Infinity", "-Infinity", "inf", "-inf", "∞", "1e308", "-1e308", "1e309", "-1e309", "5e-324",
        "1e-320", "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
        "0", "-0", "", " ", "1,5", "0x10", "1_000", "٣", "true", "null", "\"", "\u001b[2J", "\u0000", "\ufeff1", "9".PadLeft(400, '9'),
    ];

    [Fact]
    public void MutatedInputs_NeverCrash_NeverWriteNonFiniteNumbers()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SMARTCITY_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 20261202;
        var random = new Random(seed);
        using var dir = new TempDir();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var cases = 0;
        while (cases < MinimumCases || (clock.Elapsed < Budget && cases < 100_000))
        {
            var caseSeed = random.Next();
            var failure = RunCase(dir, caseSeed, cases);
            if (failure is not null)
            {
                failures.Add(failure);
            }

            cases++;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {cases} cases in {clock.Elapsed.TotalSeconds:0.0} s, {failures.Count} failures"));
        foreach (var f in failures.Take(20))
        {
            output.WriteLine(f);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(5)));
    }

    /// <summary>Runs one case from its own seed (so that a failing case can be rerun alone); returns the failure, if any.</summary>
    internal static string? RunCase(TempDir dir, int caseSeed, int index)
    {
        var random = new Random(caseSeed);
        var target = random.Next(5);
        var meta = Encoding.UTF8.GetBytes(Meta);
        var data = Encoding.UTF8.GetBytes(Data);
        var framework = Encoding.UTF8.GetBytes(Framework);
        var applied = new List<string>();
        switch (target)
        {
            case 0:
                meta = Mutate(meta, random, applied);
                break;
            case 1:
            case 2:
                data = Mutate(data, random, applied);
                break;
            default:
                framework = Mutate(framework, random, applied);
                break;
        }

        var folder = Path.Combine(dir.Path, "case" + index.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var metaFile = Path.Combine(folder, "iMeta.csv");
        var dataFile = Path.Combine(folder, "iData.csv");
        var frameworkFile = Path.Combine(folder, "framework.json");
        File.WriteAllBytes(metaFile, meta);
        File.WriteAllBytes(dataFile, data);
        File.WriteAllBytes(frameworkFile, framework);
        var outDir = Path.Combine(folder, "out");
        string[] args = target switch
        {
            0 or 1 => ["score", "--imeta", metaFile, "--idata", dataFile, .. random.Next(2) == 0 ? new[] { "--out", outDir } : [], .. Methods(random)],
            2 => ["whatif", "--imeta", metaFile, "--idata", dataFile, "--set", random.Next(2) == 0 ? "weight:a=3" : "value:U1:c=100", "--out", outDir],
            3 => ["validate", frameworkFile],
            _ => ["score", "--framework", frameworkFile, "--data", dataFile, "--out", outDir],
        };

        CliRun run;
        try
        {
            run = CliRun.Of(args);
        }
        catch (Exception ex)
        {
            return Describe(caseSeed, args, applied, $"exception escaped: {ex.GetType().Name}: {ex.Message}");
        }

        if (run.ExitCode is not (0 or 2))
        {
            return Describe(caseSeed, args, applied, $"exit {run.ExitCode}: {FirstLine(run.Error)}");
        }

        if (Directory.Exists(outDir))
        {
            foreach (var file in Directory.EnumerateFiles(outDir, "*.csv"))
            {
                if (NonFinite(File.ReadAllLines(file)) is { } where)
                {
                    return Describe(caseSeed, args, applied, $"{Path.GetFileName(file)} holds '{where}'");
                }
            }
        }

        Directory.Delete(folder, recursive: true);
        return null;
    }

    private static string[] Methods(Random random) => random.Next(6) switch
    {
        0 => ["--normalise", "zscore"],
        1 => ["--aggregate", "gmean"],
        2 => ["--impute", "mean"],
        3 => ["--treat", "default"],
        4 => ["--normalise", "rank", "--aggregate", "hmean"],
        _ => [],
    };

    private static byte[] Mutate(byte[] input, Random random, List<string> applied)
    {
        var bytes = new List<byte>(input);
        var count = 1 + random.Next(3);
        for (var m = 0; m < count && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(9))
            {
                case 0:
                    var bit = (byte)(1 << random.Next(8));
                    bytes[at] ^= bit;
                    applied.Add(string.Create(CultureInfo.InvariantCulture, $"flip byte {at} bit {bit}"));
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    applied.Add(string.Create(CultureInfo.InvariantCulture, $"truncate at {at}"));
                    break;
                case 2:
                case 3:
                    ReplaceCell(bytes, random, applied, Specials[random.Next(Specials.Length)]);
                    break;
                case 4:
                    var lines = Lines(bytes);
                    var line = random.Next(lines.Count);
                    lines.Insert(line, lines[line]);
                    Set(bytes, lines);
                    applied.Add(string.Create(CultureInfo.InvariantCulture, $"duplicate line {line}"));
                    break;
                case 5:
                    var without = Lines(bytes);
                    var removed = random.Next(without.Count);
                    without.RemoveAt(removed);
                    Set(bytes, without);
                    applied.Add(string.Create(CultureInfo.InvariantCulture, $"delete line {removed}"));
                    break;
                case 6:
                    var bom = random.Next(2) == 0 ? 0 : at;
                    bytes.InsertRange(bom, [0xEF, 0xBB, 0xBF]);
                    applied.Add(string.Create(CultureInfo.InvariantCulture, $"BOM at {bom}"));
                    break;
                case 7:
                    var control = (byte)random.Next(0x20);
                    bytes.Insert(at, control);
                    applied.Add(string.Create(CultureInfo.InvariantCulture, $"control 0x{control:X2} at {at}"));
                    break;
                default:
                    var junk = new byte[1 + random.Next(4)];
                    random.NextBytes(junk);
                    bytes.InsertRange(at, junk);
                    applied.Add(string.Create(CultureInfo.InvariantCulture, $"{junk.Length} random bytes at {at}"));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Replaces one cell of a CSV (or one JSON number or string) by <paramref name="value"/>.</summary>
    private static void ReplaceCell(List<byte> bytes, Random random, List<string> applied, string value)
    {
        var text = Encoding.UTF8.GetString([.. bytes]);
        var separators = new List<int> { -1 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is ',' or '\n' or ':')
            {
                separators.Add(i);
            }
        }

        var k = random.Next(separators.Count);
        var start = separators[k] + 1;
        var end = start;
        while (end < text.Length && text[end] is not (',' or '\n' or '\r' or '}' or ']'))
        {
            end++;
        }

        if (text.TrimStart().StartsWith('{'))
        {
            value = random.Next(2) == 0 ? value : "\"" + value + "\"";
        }

        var replaced = text[..start] + value + text[end..];
        bytes.Clear();
        bytes.AddRange(Encoding.UTF8.GetBytes(replaced));
        applied.Add($"cell at {start.ToString(CultureInfo.InvariantCulture)} := '{TerminalText.Escape(value.Length > 20 ? value[..20] + "…" : value)}'");
    }

    private static List<byte[]> Lines(List<byte> bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Count; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lines.Add([.. bytes.GetRange(start, i - start + 1)]);
                start = i + 1;
            }
        }

        lines.Add([.. bytes.GetRange(start, bytes.Count - start)]);
        return lines;
    }

    private static void Set(List<byte> bytes, List<byte[]> lines)
    {
        bytes.Clear();
        foreach (var l in lines)
        {
            bytes.AddRange(l);
        }
    }

    /// <summary>Returns the first cell (after the first column) that spells a non-finite number, or null.</summary>
    private static string? NonFinite(string[] lines)
    {
        foreach (var line in lines.Skip(1))
        {
            foreach (var cell in line.Split(',').Skip(1))
            {
                var c = cell.Trim().Trim('"').ToUpperInvariant();
                if (c is "NAN" or "-NAN" or "INF" or "-INF" or "+INF" or "INFINITY" or "-INFINITY" or "+INFINITY" or "∞" or "-∞")
                {
                    return cell;
                }
            }
        }

        return null;
    }

    private static string FrameworkText()
    {
        var input = CoinrTables.Read(new StringReader(Meta), new StringReader(Data)).AsT0;
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        FrameworkJson.Write(input.Framework, writer, indented: true);
        return writer.ToString();
    }

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd();

    private static string Describe(int caseSeed, string[] args, List<string> applied, string problem) =>
        $"case seed {caseSeed.ToString(CultureInfo.InvariantCulture)} ({args[0]}, {string.Join("; ", applied)}): {TerminalText.Escape(problem)}";
}
