using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SmartCity.Domain.Tests.Documentation;

/// <summary>One fenced code block of a Markdown file.</summary>
/// <param name="File">The file, relative to the repository root, with '/' separators.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Info">The fence's info string (``` csharp → "csharp"), trimmed; empty when there is none.</param>
/// <param name="Code">The block's text, without the fences and without the fence's indentation.</param>
public sealed record MarkdownFence(string File, int Line, string Info, string Code)
{
    /// <summary>Gets the language: the info string's first word, lower-cased.</summary>
    public string Language => Info.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant() ?? string.Empty;

    /// <summary>Gets whether the fence says C# (csharp, cs or c#).</summary>
    public bool IsCSharp => Language is "csharp" or "cs" or "c#";

    /// <summary>Gets whether this is a program's documented output (```text output): the C# block just before must print it.</summary>
    public bool IsExpectedOutput => Language == "text" && Info.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Contains("output");

    /// <summary>Gets the 1-based line of the block's first line of code.</summary>
    public int CodeLine => Line + 1;

    /// <summary>Gets the name a test case shows: <c>file:line</c> of the opening fence.</summary>
    public string Key => $"{File}:{Line}";

    /// <summary>Returns <see cref="Key"/>.</summary>
    /// <returns>The key.</returns>
    public override string ToString() => Key;
}

/// <summary>Finds the documentation and its fenced code blocks.</summary>
public static partial class MarkdownFences
{
    /// <summary>The repository root: the folder above the test's output that holds SmartCity.Domain.sln.</summary>
    /// <returns>Its full path.</returns>
    public static string RepositoryRoot()
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

    /// <summary>The Markdown files whose code the tests compile: README.md, and every .md under docs/, examples/ and src/.</summary>
    /// <param name="root">The repository root.</param>
    /// <returns>Paths relative to the root, '/'-separated, sorted.</returns>
    public static IReadOnlyList<string> DocumentationFiles(string root)
    {
        var files = new List<string> { "README.md" };
        foreach (var folder in new[] { "docs", "examples", "src" })
        {
            var dir = Path.Combine(root, folder);
            if (Directory.Exists(dir))
            {
                files.AddRange(Directory.EnumerateFiles(dir, "*.md", SearchOption.AllDirectories)
                    .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                    .Where(f => !f.Split('/').Any(part => part is "bin" or "obj")));
            }
        }

        return [.. files.Where(f => File.Exists(Path.Combine(root, f))).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Every fenced block of every documentation file.</summary>
    /// <param name="root">The repository root.</param>
    /// <returns>The blocks, file by file, in order.</returns>
    public static IReadOnlyList<MarkdownFence> All(string root) =>
        [.. DocumentationFiles(root).SelectMany(f => Parse(f, File.ReadAllText(Path.Combine(root, f))))];

    /// <summary>The fenced blocks (``` or ~~~, three or more) of one Markdown text. An unclosed fence runs to the end.</summary>
    /// <param name="file">The file name to record.</param>
    /// <param name="text">The Markdown.</param>
    /// <returns>The blocks in order.</returns>
    public static IReadOnlyList<MarkdownFence> Parse(string file, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var fences = new List<MarkdownFence>();
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Opening().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var indent = open.Groups["indent"].Value.Length;
            var marker = open.Groups["fence"].Value;
            var info = open.Groups["info"].Value.Trim();
            var body = new List<string>();
            var j = i + 1;
            for (; j < lines.Length; j++)
            {
                var trimmed = lines[j].Trim();
                if (trimmed.Length >= marker.Length && trimmed.All(c => c == marker[0]))
                {
                    break;
                }

                var line = lines[j];
                var strip = 0;
                while (strip < indent && strip < line.Length && line[strip] == ' ')
                {
                    strip++;
                }

                body.Add(line[strip..]);
            }

            fences.Add(new MarkdownFence(file, i + 1, info, string.Join('\n', body)));
            i = j;
        }

        return fences;
    }

    /// <summary>
    /// Whether a block's text is C# (so that a fence without a language, or with another one, is a mistake). Honest but
    /// not eager: it needs a semicolon and C#'s own marks, so shell, JSON, CSV, Mermaid and program output do not count.
    /// C# is either text that parses as C# with no error and uses C# syntax (a <c>var x =</c>, <c>new</c>, a lambda, a
    /// <c>using</c> directive, a type, <c>return</c>, a member call statement), or a fragment — say a method without its
    /// class — of which at least two lines end in a semicolon, most lines end as C# lines do, and two kinds of those marks
    /// occur.
    /// </summary>
    /// <param name="code">The block's text.</param>
    /// <returns>True when the text looks like C#.</returns>
    public static bool LooksLikeCSharp(string code)
    {
        if (!code.Contains(';', StringComparison.Ordinal))
        {
            return false;
        }

        var marks = CSharpMarks().Count(m => m.IsMatch(code));
        if (marks == 0)
        {
            return false;
        }

        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest));
        var unit = (CompilationUnitSyntax)tree.GetRoot();
        if (!tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) && (unit.Members.Count > 0 || unit.Usings.Count > 0))
        {
            return true;
        }

        var lines = code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)).ToList();
        var statements = lines.Count(l => l.EndsWith(';'));
        var shaped = lines.Count(l => l[^1] is ';' or '{' or '}' or ')' or ',' || l.StartsWith('[') && l.EndsWith(']'));
        return statements >= 2 && shaped >= 0.6 * lines.Count && marks >= 2;
    }

    private static Regex[] CSharpMarks() =>
    [
        VarDeclaration(),
        NewExpression(),
        Lambda(),
        UsingDirective(),
        TypeDeclaration(),
        ReturnStatement(),
        MemberCallStatement(),
    ];

    [GeneratedRegex(@"^(?<indent> {0,3})(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex Opening();

    [GeneratedRegex(@"\bvar\s+\w+\s*=")]
    private static partial Regex VarDeclaration();

    [GeneratedRegex(@"\bnew\s*[\w\[(]")]
    private static partial Regex NewExpression();

    [GeneratedRegex(@"\)\s*=>|\w\s*=>")]
    private static partial Regex Lambda();

    [GeneratedRegex(@"^\s*using\s+(static\s+)?[\w.]+\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"\b(class|record|struct|interface|namespace|enum)\s+[A-Z]\w*")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\breturn\b[^;\n]*;")]
    private static partial Regex ReturnStatement();

    [GeneratedRegex(@"\b[A-Za-z_]\w*\.[A-Za-z_]\w*(<[^>\n]*>)?\([^;\n]*\)\s*;")]
    private static partial Regex MemberCallStatement();
}
