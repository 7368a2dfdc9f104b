using System.Reflection;
using System.Text.RegularExpressions;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Validation;

/// <summary>The code table is complete and consistent with every place in src/ that reports a code.</summary>
public partial class ErrorCodesTests
{
    private static readonly string[] Constants = [.. typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => f.Name)];

    private static string ValueOf(string constant) => (string)typeof(ErrorCodes).GetField(constant)!.GetValue(null)!;

    [Fact]
    public void EveryConstant_HasExactlyOneEntryInTheTable_AndNoTwoEntriesShareACode()
    {
        Assert.NotEmpty(Constants);
        var codes = ErrorCodes.All.Select(i => i.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        var values = Constants.Select(ValueOf).ToList();
        Assert.Equal(values.Count, values.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(values.Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryEntry_IsAStableDottedCode_WithASummaryAndARemedy()
    {
        Assert.All(ErrorCodes.All, i =>
        {
            Assert.Matches(CodeShape(), i.Code);
            Assert.False(string.IsNullOrWhiteSpace(i.Area), i.Code);
            Assert.True(i.Summary.Length > 10 && i.Summary.EndsWith('.'), $"{i.Code}: the summary is one full sentence.");
            Assert.True(i.Remedy.Length > 10 && i.Remedy.EndsWith('.'), $"{i.Code}: the remedy is full sentences.");
            Assert.DoesNotContain('|', i.Summary + i.Remedy);
        });

        // Entries of one area are together, so the generated page has one section per area.
        var areas = ErrorCodes.All.Select(i => i.Area).ToList();
        var runs = areas.Where((a, k) => k == 0 || areas[k - 1] != a).ToList();
        Assert.Equal(runs.Count, runs.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryConstant_IsDocumentedWithItsTableSummary()
    {
        // IntelliSense shows the XML summary; it must say what the table (and so docs/error-codes.md) says.
        var xml = System.Xml.Linq.XDocument.Load(Path.ChangeExtension(typeof(ErrorCodes).Assembly.Location, ".xml"));
        var summaries = xml.Descendants("member").ToDictionary(m => (string)m.Attribute("name")!, m => m.Element("summary"));
        Assert.All(Constants, name =>
        {
            var summary = summaries[$"F:SmartCity.Domain.Validation.ErrorCodes.{name}"]!;
            var text = string.Concat(summary.Nodes().Select(n => n is System.Xml.Linq.XElement { Name.LocalName: "c" } c ? $"`{c.Value}`" : n.ToString())).Trim();
            var info = ErrorCodes.Find(ValueOf(name))!;
            Assert.Equal((info.Severity == ValidationSeverity.Warning ? "Warning: " : string.Empty) + info.Summary, text);
        });
    }

    [Fact]
    public void Find_ReturnsTheEntryOfACode_AndNullForAnUnknownOne()
    {
        var info = ErrorCodes.Find("weight.negative");
        Assert.NotNull(info);
        Assert.Equal((ErrorCodes.WeightNegative, ValidationSeverity.Error), (info.Code, info.Severity));
        Assert.Equal(ValidationSeverity.Warning, ErrorCodes.Find(ErrorCodes.NodeWeightIgnored)!.Severity);
        Assert.Null(ErrorCodes.Find("weight.Negative"));
        Assert.Null(ErrorCodes.Find("no.such-code"));
        Assert.Throws<ArgumentNullException>(() => ErrorCodes.Find(null!));
    }

    [Fact]
    public void EveryCodeReportedInSrc_IsInTheTable_WithTheSeverityItIsReportedWith()
    {
        var sources = SourceFiles().ToList();
        Assert.NotEmpty(sources);
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (file, text) in sources)
        {
            foreach (Match m in Reference().Matches(text))
            {
                referenced.Add(m.Groups[1].Value);
            }

            foreach (Match m in Emission().Matches(text))
            {
                var argument = m.Groups["arg"].Value.Trim();
                var warns = m.Groups["method"].Value == "Warn" || (m.Groups["ctor"].Success && m.Value.Contains("ValidationSeverity.Warning", StringComparison.Ordinal));
                var constant = Regex.Match(argument, @"^ErrorCodes\.(\w+)$");
                if (constant.Success)
                {
                    var info = ErrorCodes.Find(ValueOf(constant.Groups[1].Value));
                    var expected = warns ? ValidationSeverity.Warning : ValidationSeverity.Error;
                    if (info is null)
                    {
                        problems.Add($"{file}: ErrorCodes.{constant.Groups[1].Value} has no entry in ErrorCodes.All");
                    }
                    else if (info.Severity != expected)
                    {
                        problems.Add($"{file}: {info.Code} is reported as {expected} but the table says {info.Severity}; give the other kind its own code");
                    }
                }
                else if (!PassThrough(file, argument))
                {
                    problems.Add($"{file}: a finding is created with the code '{argument}'; use an ErrorCodes constant");
                }
            }

            // A code written as a literal bypasses the table.
            foreach (var code in ErrorCodes.All.Select(i => i.Code).Where(c => text.Contains($"\"{c}\"", StringComparison.Ordinal)))
            {
                if (!file.EndsWith("ErrorCodes.cs", StringComparison.Ordinal))
                {
                    problems.Add($"{file}: the literal \"{code}\"; use the ErrorCodes constant");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        referenced.ExceptWith(["All", "Find"]);
        Assert.Empty(referenced.Except(Constants));
        Assert.True(!Constants.Except(referenced).Any(), $"Codes no code in src/ reports: {string.Join(", ", Constants.Except(referenced))}");
    }

    [Fact]
    public void TheSourceScan_SeesEveryWayOfReportingACode()
    {
        // Guards the test above: the patterns must match the ways src/ creates findings.
        const string sample = """
            errors.Add(ErrorCodes.GroupEmpty, "x", "m");
            errors.Warn(ErrorCodes.NodeWeightIgnored, "x", "m");
            (errors ??= new()).Add(ErrorCodes.NormalisationConstantColumn, "x", "m");
            ValidationErrors.Single(ErrorCodes.CodeInvalid, "x", "m");
            new ValidationError(ErrorCodes.JsonMalformed, string.Empty, "m");
            errors.Add(
                ErrorCodes.AggregationRequiresPositive,
                "x");
            errors.Add("literal.code", "x", "m");
            """;
        var found = Emission().Matches(sample).Select(m => m.Groups["arg"].Value.Trim()).ToList();
        Assert.Equal(["ErrorCodes.GroupEmpty", "ErrorCodes.NodeWeightIgnored", "ErrorCodes.NormalisationConstantColumn", "ErrorCodes.CodeInvalid", "ErrorCodes.JsonMalformed", "ErrorCodes.AggregationRequiresPositive", "\"literal.code\""], found);
        Assert.False(PassThrough("src/SmartCity.Domain/Programmes/Programme.cs", "\"literal.code\""));
    }

    private static bool PassThrough(string file, string argument) =>
        argument is "e.Code" // an existing finding re-worded or re-located
        || (argument is "code" or "Code" && (file.Contains("/Validation/", StringComparison.Ordinal) || file.EndsWith("/ErrorCollector.cs", StringComparison.Ordinal) || file.EndsWith("JsonErrors.cs", StringComparison.Ordinal)));

    private static IEnumerable<(string File, string Text)> SourceFiles()
    {
        var root = Path.Combine(DocumentationTests.RepoRoot(), "src");
        foreach (var path in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(DocumentationTests.RepoRoot(), path).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            var code = File.ReadAllLines(path).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal));
            yield return (relative, string.Join('\n', code));
        }
    }

    [GeneratedRegex(@"^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$")]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"\bErrorCodes\.([A-Z]\w*)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"(?:(?:\berrors|\(errors \?\?= new\(\)\))\.(?<method>Add|Warn)|ValidationErrors\.Single|(?<ctor>new ValidationError))\(\s*(?<arg>[^,()]+?)\s*,[^;]*;")]
    private static partial Regex Emission();
}
