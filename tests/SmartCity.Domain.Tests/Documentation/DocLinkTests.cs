using System.Text.RegularExpressions;

namespace SmartCity.Domain.Tests.Documentation;

/// <summary>Every relative link of the docs leads somewhere: the file exists and, for a #fragment, so does the heading.</summary>
public partial class DocLinkTests
{
    [Fact]
    public void EveryRelativeLink_ResolvesToAFileAndHeading()
    {
        var root = MarkdownFences.RepositoryRoot();
        var broken = new List<string>();
        var links = 0;
        foreach (var file in MarkdownFences.DocumentationFiles(root))
        {
            var text = File.ReadAllText(Path.Combine(root, file));
            foreach (Match link in Link().Matches(Prose(text)))
            {
                var target = link.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                links++;
                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var path = hash < 0 ? target : target[..hash];
                var fragment = hash < 0 ? null : target[(hash + 1)..];
                var resolved = path.Length == 0 ? Path.Combine(root, file) : Path.GetFullPath(Path.Combine(root, Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));
                if (!resolved.StartsWith(root, StringComparison.Ordinal) || (!File.Exists(resolved) && !Directory.Exists(resolved)))
                {
                    broken.Add($"{file}: ({target}): no such file in the repository");
                }
                else if (fragment is not null && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(File.ReadAllText(resolved)).Contains(fragment))
                {
                    broken.Add($"{file}: ({target}): no heading with that anchor");
                }
            }
        }

        Assert.True(links > 10, $"only {links} relative links found: is the link pattern still right?");
        Assert.True(broken.Count == 0, string.Join('\n', broken));
    }

    [Theory]
    [InlineData("## Evaluation editions (panel data)", "evaluation-editions-panel-data")]
    [InlineData("# Command line: `smartcity`", "command-line-smartcity")]
    [InlineData("## From COINr to SmartCity.Domain", "from-coinr-to-smartcitydomain")]
    [InlineData("## What-if, uncertainty and AHP", "what-if-uncertainty-and-ahp")]
    public void Anchors_AreGitHubs(string heading, string anchor) => Assert.Contains(anchor, Anchors(heading));

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces → '-', repeats numbered.</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(Prose(markdown, keepInlineCode: true)))
        {
            var slug = new string([.. heading.Groups["text"].Value.Trim().ToLowerInvariant()
                .Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')
                .Select(c => c == ' ' ? '-' : c)]);
            var unique = slug;
            for (var n = 1; !anchors.Add(unique); n++)
            {
                unique = $"{slug}-{n}";
            }
        }

        return anchors;
    }

    /// <summary>The Markdown without its fenced blocks (and inline code, unless kept), so that code is not read as links.</summary>
    private static string Prose(string markdown, bool keepInlineCode = false)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var kept = new List<string>();
        string? fence = null;
        foreach (var line in lines)
        {
            var trimmed = line.TrimStart();
            if (fence is null && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed[..3];
                continue;
            }

            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.Trim().All(c => c == fence[0]))
                {
                    fence = null;
                }

                continue;
            }

            kept.Add(keepInlineCode ? line : InlineCode().Replace(line, string.Empty));
        }

        return string.Join('\n', kept);
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();
}
