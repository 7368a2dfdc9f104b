namespace SmartCity.Domain.Tests.Documentation;

/// <summary>
/// The docs' code is code: every ```csharp (```cs, ```c#) block of README.md and of the Markdown under docs/, examples/
/// and src/ is compiled and run (see <see cref="DocBlockRunner"/>), and no C# hides in a fence of another language.
/// A block followed directly by a ```text output fence must print exactly that text.
/// </summary>
/// <remarks>
/// A block is a complete program on its own: <c>using</c> directives, then top-level statements, run with the repository
/// root as working directory (so <c>examples/rkci-2019.json</c> resolves) — or type declarations only (for example an
/// xunit test class), whose [Fact] methods are invoked. The blocks change the process's working directory and standard
/// output while they run, so this collection runs alone.
/// </remarks>
[Collection(DocsCollection.Name)]
public class DocCodeTests
{
    /// <summary>Every C# block, by <c>file:line</c> of its opening fence.</summary>
    /// <returns>The keys.</returns>
    public static TheoryData<string> CSharpBlocks()
    {
        var data = new TheoryData<string>();
        foreach (var block in MarkdownFences.All(MarkdownFences.RepositoryRoot()).Where(b => b.IsCSharp))
        {
            data.Add(block.Key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CSharpBlocks))]
    public void CSharpBlock_CompilesAndRuns(string key)
    {
        var root = MarkdownFences.RepositoryRoot();
        var fences = MarkdownFences.All(root);
        var index = fences.ToList().FindIndex(f => f.Key == key);
        Assert.True(index >= 0, $"{key}: no such block any more (the docs changed after the tests were discovered).");
        var block = fences[index];

        var run = DocBlockRunner.Run(block, root);

        Assert.True(run.IsProgram || run.FactsRun > 0 || !block.Code.Contains("[Fact", StringComparison.Ordinal), $"{key}: a [Fact] was declared but none ran.");
        if (ExpectedOutput(fences, index) is { } expected)
        {
            Assert.True(run.IsProgram, $"{key}: only a program's output can be documented.");
            var (want, got) = (Normalise(expected.Code), Normalise(run.Output));
            Assert.True(want == got, $"{key}: the program printed\n{got}\nbut the ```text output block at {expected.Key} says\n{want}");
        }
    }

    [Fact]
    public void TheReadme_RubricTesting_AndCoinrMap_HaveCSharpBlocks()
    {
        var blocks = MarkdownFences.All(MarkdownFences.RepositoryRoot()).Where(b => b.IsCSharp).ToList();
        Assert.Contains(blocks, b => b.File == "README.md");
        Assert.Contains(blocks, b => b.File == "docs/rubric-testing.md");
        Assert.Contains(blocks, b => b.File == "docs/coinr-map.md");
    }

    [Fact]
    public void NoFence_HoldsCSharpUnderAnotherLanguage_OrNone()
    {
        var mislabelled = MarkdownFences.All(MarkdownFences.RepositoryRoot())
            .Where(b => !b.IsCSharp && MarkdownFences.LooksLikeCSharp(b.Code))
            .Select(b => $"{b.Key}: ```{b.Info} holds C#; fence it as ```csharp (a complete program or type declarations)")
            .ToList();
        Assert.True(mislabelled.Count == 0, string.Join('\n', mislabelled));
    }

    [Fact]
    public void EveryDocumentedOutput_FollowsAProgram()
    {
        var fences = MarkdownFences.All(MarkdownFences.RepositoryRoot());
        var stray = fences
            .Select((f, i) => (Fence: f, Index: i))
            .Where(p => p.Fence.IsExpectedOutput && (p.Index == 0 || ExpectedOutput(fences, p.Index - 1) is null))
            .Select(p => $"{p.Fence.Key}: a ```text output block must come directly after the ```csharp block that prints it")
            .ToList();
        Assert.True(stray.Count == 0, string.Join('\n', stray));
    }

    [Theory]
    [InlineData("var x = Compute();\nConsole.WriteLine(x);")]
    [InlineData("using SmartCity.Domain.Scoring;\n\nvar plan = ScoringPlan.Compile(framework);")]
    [InlineData("[Fact]\npublic void Weights_Move()\n{\n    var diff = RubricDiff.Compare(a, b);\n    RubricAssert.OnlyTheseWeightsChanged(diff, \"IMPACT\");\n}")]
    [InlineData("public sealed class Rubric\n{\n    public int Weight { get; init; }\n}")]
    [InlineData("app.MapGet(\"/scores\", (string unit) => result.Score(\"Index\", unit));")]
    public void LooksLikeCSharp_FindsCSharp(string code) => Assert.True(MarkdownFences.LooksLikeCSharp(code));

    [Theory]
    [InlineData("dotnet test SmartCity.Domain.sln -c Release")]
    [InlineData("for f in out/*.csv; do wc -l \"$f\"; done; echo done;")]
    [InlineData("export CI=true; cd src; dotnet build;")]
    [InlineData("{ \"code\": \"my-rubric\", \"weight\": 2, \"children\": [ { \"kind\": \"indicator\" } ] }")]
    [InlineData("criterion,Economy,Society\nEconomy,1,3\nSociety,1/3,1")]
    [InlineData("smartcity: iData.csv: line 4, column b (unit U3): 'abc' is not a number.\nsmartcity: iMeta.csv: line 2; the parent chain loops.")]
    [InlineData("SmartCity.Domain.Testing.RubricAssertionException: Expected no rank at INDEX to move by more than 2, but: R3 5 → 1; R7 2 → 6.")]
    [InlineData("flowchart LR\n  raw[raw values] --> den[denominate; x / d] --> imp[impute]")]
    [InlineData("Bandung    63.64  rank 2\nSurabaya   33.33  rank 3; grdp 33.33 + inflation 0.00")]
    public void LooksLikeCSharp_LeavesOtherTextAlone(string text) => Assert.False(MarkdownFences.LooksLikeCSharp(text));

    [Fact]
    public void Parse_ReadsLanguages_Lines_AndIndentedFences()
    {
        var fences = MarkdownFences.Parse("x.md", "# T\n\n```csharp\nvar a = 1;\n```\n\n- item\n  ```bash\n  ls\n  ```\n````\n```\nnested\n```\n````\n");
        Assert.Collection(
            fences,
            f => Assert.Equal(("x.md:3", "csharp", "var a = 1;", true), (f.Key, f.Language, f.Code, f.IsCSharp)),
            f => Assert.Equal(("x.md:8", "bash", "ls", false), (f.Key, f.Language, f.Code, f.IsCSharp)),
            f => Assert.Equal(("x.md:11", string.Empty, "```\nnested\n```"), (f.Key, f.Language, f.Code)));
    }

    [Fact]
    public void Runner_ReportsACompileErrorAtTheDocLine()
    {
        var block = new MarkdownFence("docs/x.md", 10, "csharp", "using System;\n\nvar n = 1;\nn.NoSuchMember();");
        var e = Assert.ThrowsAny<Exception>(() => DocBlockRunner.Run(block, MarkdownFences.RepositoryRoot()));
        Assert.Contains("docs/x.md:14:", e.Message, StringComparison.Ordinal);
        Assert.Contains("CS1061", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runner_ReportsAnExceptionWithTheDocLine_AndCapturesOutput()
    {
        var block = new MarkdownFence("docs/x.md", 20, "csharp", "Console.WriteLine(File.Exists(\"SmartCity.Domain.sln\"));\nthrow new InvalidOperationException(\"boom\");");
        var e = Assert.ThrowsAny<Exception>(() => DocBlockRunner.Run(block, MarkdownFences.RepositoryRoot()));
        Assert.Contains("docs/x.md:20: the block threw System.InvalidOperationException: boom", e.Message, StringComparison.Ordinal);
        Assert.Contains("docs/x.md:line 22", e.Message, StringComparison.Ordinal);
        Assert.Contains("True", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runner_RunsTheFactsOfALibraryBlock_AndAFailingAssertFails()
    {
        const string Passing = "using Xunit;\n\npublic class T\n{\n    [Fact]\n    public void A() => Assert.Equal(2, 1 + 1);\n\n    [Fact]\n    public void B() => Console.Write(\"b\");\n}";
        var run = DocBlockRunner.Run(new MarkdownFence("docs/x.md", 1, "csharp", Passing), MarkdownFences.RepositoryRoot());
        Assert.Equal((false, 2, "b"), (run.IsProgram, run.FactsRun, run.Output));

        var failing = new MarkdownFence("docs/x.md", 1, "csharp", Passing.Replace("1 + 1", "1 + 2", StringComparison.Ordinal));
        var e = Assert.ThrowsAny<Exception>(() => DocBlockRunner.Run(failing, MarkdownFences.RepositoryRoot()));
        Assert.Contains("Assert.Equal() Failure", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runner_TreatsWarningsAsErrors_AndSeesOnlyThePublicApi()
    {
        var nullable = new MarkdownFence("docs/x.md", 1, "csharp", "string? s = null;\nConsole.WriteLine(s.Length);");
        Assert.Contains("CS8602", Assert.ThrowsAny<Exception>(() => DocBlockRunner.Compile(nullable)).Message, StringComparison.Ordinal);

        var internals = new MarkdownFence("docs/x.md", 1, "csharp", "using SmartCity.Domain.Validation;\n\nvar c = new ErrorCollector();");
        Assert.Contains("CS0122", Assert.ThrowsAny<Exception>(() => DocBlockRunner.Compile(internals)).Message, StringComparison.Ordinal);
    }

    /// <summary>The ```text output fence directly after the block at <paramref name="index"/>, if that block is C#.</summary>
    private static MarkdownFence? ExpectedOutput(IReadOnlyList<MarkdownFence> fences, int index)
    {
        if (index + 1 >= fences.Count || !fences[index].IsCSharp)
        {
            return null;
        }

        var (block, next) = (fences[index], fences[index + 1]);
        var between = File.ReadAllLines(Path.Combine(MarkdownFences.RepositoryRoot(), block.File))
            .Skip(block.Line + block.Code.Split('\n').Length + 1)
            .Take(next.Line - 1 - (block.Line + block.Code.Split('\n').Length + 1));
        return next.File == block.File && next.IsExpectedOutput && between.All(string.IsNullOrWhiteSpace) ? next : null;
    }

    private static string Normalise(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim('\n');
}

/// <summary>The doc blocks change the working directory and Console.Out: nothing else runs meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DocsCollection
{
    public const string Name = "Docs (run alone)";
}
