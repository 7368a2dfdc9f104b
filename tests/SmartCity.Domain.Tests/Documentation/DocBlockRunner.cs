using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Frameworks;
using Xunit.Sdk;

namespace SmartCity.Domain.Tests.Documentation;

/// <summary>What running one documented C# block did.</summary>
/// <param name="IsProgram">True for top-level statements (run as a console app), false for type declarations (a library).</param>
/// <param name="FactsRun">How many [Fact] methods of a library block ran.</param>
/// <param name="Output">What the block wrote to standard output.</param>
public sealed record DocBlockRun(bool IsProgram, int FactsRun, string Output);

/// <summary>
/// Compiles one ```csharp block of the docs with Roslyn, as a .NET 10 console app (top-level statements) or a library
/// (type declarations only), against the SmartCity.Domain and SmartCity.Domain.Coinr assemblies, OneOf, xunit and the
/// BCL, with the SDK's implicit usings and nullable reference types on; warnings count as errors, as in this repository.
/// A program is run in-process with the repository root as working directory and its standard output captured; a
/// library's [Fact] methods are invoked. Every failure is an <see cref="XunitException"/> naming the file and the line.
/// </summary>
public static class DocBlockRunner
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    private static readonly Lock s_gate = new();

    /// <summary>The global usings of a console app made with <c>dotnet new console</c> (ImplicitUsings).</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    /// <summary>Compiles and runs one block.</summary>
    /// <param name="block">The block.</param>
    /// <param name="repositoryRoot">The working directory while it runs.</param>
    /// <returns>What it did.</returns>
    public static DocBlockRun Run(MarkdownFence block, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(block);
        var (assemblyBytes, pdbBytes, isProgram) = Compile(block);
        var context = new AssemblyLoadContext(block.Key, isCollectible: true);
        try
        {
            using var pe = new MemoryStream(assemblyBytes);
            using var pdb = new MemoryStream(pdbBytes);
            var assembly = context.LoadFromStream(pe, pdb);
            return isProgram ? RunProgram(block, assembly, repositoryRoot) : RunFacts(block, assembly, repositoryRoot);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Compiles one block; compilation errors and warnings fail with the block's file and line.</summary>
    /// <param name="block">The block.</param>
    /// <returns>The assembly, its portable PDB, and whether it is a program.</returns>
    public static (byte[] Assembly, byte[] Pdb, bool IsProgram) Compile(MarkdownFence block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var parse = new CSharpParseOptions(LanguageVersion.Latest);

        // #line maps every diagnostic and stack frame back to the Markdown file.
        var source = SourceText.From($"#line {block.CodeLine} \"{block.File}\"\n{block.Code}\n", Encoding.UTF8);
        var tree = CSharpSyntaxTree.ParseText(source, parse, path: block.File);
        var usings = CSharpSyntaxTree.ParseText(SourceText.From(ImplicitUsings, Encoding.UTF8), parse, path: "ImplicitUsings.g.cs");
        var isProgram = ((CompilationUnitSyntax)tree.GetRoot()).Members.OfType<GlobalStatementSyntax>().Any();
        var options = new CSharpCompilationOptions(
                isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Debug,
                warningLevel: 9999)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                ["CS8019"] = ReportDiagnostic.Suppress, // an unnecessary using: the implicit usings overlap with the block's own
                ["CS1701"] = ReportDiagnostic.Suppress, // assembly version unification: the .NET SDK's default NoWarn, as in a console app
                ["CS1702"] = ReportDiagnostic.Suppress,
            });
        var name = "DocBlock_" + new string([.. block.Key.Select(c => char.IsLetterOrDigit(c) ? c : '_')]);
        var compilation = CSharpCompilation.Create(name, [usings, tree], s_references.Value, options);

        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emitted = compilation.Emit(
            pe,
            pdb,
            options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb),
            embeddedTexts: [EmbeddedText.FromSource(block.File, source)]);
        var problems = emitted.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && !d.IsSuppressed))
            .OrderBy(d => d.Location.GetMappedLineSpan().StartLinePosition.Line)
            .Select(Describe)
            .ToList();
        if (!emitted.Success || problems.Count > 0)
        {
            throw new XunitException($"{block.Key}: the ```{block.Info} block does not compile ({problems.Count} problem(s); warnings count):\n" + string.Join('\n', problems));
        }

        return (pe.ToArray(), pdb.ToArray(), isProgram);
    }

    private static string Describe(Diagnostic d)
    {
        var span = d.Location.GetMappedLineSpan();
        var where = span.IsValid ? $"{span.Path}:{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}" : "(no location)";
        return $"  {where}: {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static DocBlockRun RunProgram(MarkdownFence block, Assembly assembly, string root)
    {
        var entry = assembly.EntryPoint ?? throw new XunitException($"{block.Key}: the block compiled without an entry point.");
        object?[] arguments = entry.GetParameters().Length == 1 ? [Array.Empty<string>()] : [];
        var output = Capture(block, root, () => Await(entry.Invoke(null, arguments)), out var exitCode);
        if (exitCode is { } code and not 0)
        {
            throw new XunitException($"{block.Key}: the program exited with code {code}.\nIts output:\n{output}");
        }

        return new DocBlockRun(true, 0, output);
    }

    private static DocBlockRun RunFacts(MarkdownFence block, Assembly assembly, string root)
    {
        var facts = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m.GetCustomAttribute<FactAttribute>() is { Skip: null } fact && fact.GetType() == typeof(FactAttribute))
                .Select(m => (Type: t, Method: m)))
            .ToList();
        var output = new StringBuilder();
        foreach (var (type, method) in facts)
        {
            output.Append(Capture(block, root, () => RunFact(type, method), out _));
        }

        return new DocBlockRun(false, facts.Count, output.ToString());
    }

    private static int? RunFact(Type type, MethodInfo method)
    {
        var instance = method.IsStatic ? null : Activator.CreateInstance(type);
        try
        {
            return Await(method.Invoke(instance, null));
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    private static int? Await(object? returned) => returned switch
    {
        Task<int> task => task.GetAwaiter().GetResult(),
        Task task => Done(task),
        int code => code,
        _ => null,
    };

    private static int? Done(Task task)
    {
        task.GetAwaiter().GetResult();
        return null;
    }

    /// <summary>Runs the code with the working directory and standard output redirected, one block at a time.</summary>
    private static string Capture(MarkdownFence block, string root, Func<int?> run, out int? exitCode)
    {
        lock (s_gate)
        {
            var directory = Environment.CurrentDirectory;
            var stdout = Console.Out;
            using var writer = new StringWriter { NewLine = "\n" };
            Exception? failure = null;
            int? code = null;
            try
            {
                Environment.CurrentDirectory = root;
                Console.SetOut(writer);
                var worker = Task.Run(() =>
                {
                    try
                    {
                        code = run();
                    }
                    catch (TargetInvocationException e) when (e.InnerException is not null)
                    {
                        failure = e.InnerException;
                    }
                });
                if (!worker.Wait(s_timeout))
                {
                    throw new XunitException($"{block.Key}: the block did not finish within {s_timeout.TotalSeconds} s.\nIts output so far:\n{writer}");
                }
            }
            finally
            {
                Console.SetOut(stdout);
                Environment.CurrentDirectory = directory;
            }

            if (failure is not null)
            {
                throw new XunitException($"{block.Key}: the block threw {failure.GetType().FullName}: {failure.Message}\n{failure.StackTrace}\nIts output:\n{writer}");
            }

            exitCode = code;
            return writer.ToString();
        }
    }

    /// <summary>The BCL (the running framework's own assemblies) and the libraries a doc block may use, with their dependencies.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
        {
            if (string.Equals(Path.GetDirectoryName(path), framework, StringComparison.Ordinal))
            {
                paths[Path.GetFileNameWithoutExtension(path)] = path;
            }
        }

        var pending = new Stack<Assembly>([
            typeof(RatingFramework).Assembly,
            typeof(CoinrTables).Assembly,
            typeof(SmartCity.Domain.Excel.ResultsWorkbook).Assembly,
            typeof(OneOf.OneOf<,>).Assembly,
            typeof(Assert).Assembly,
            typeof(FactAttribute).Assembly,
            typeof(Xunit.Abstractions.ITestOutputHelper).Assembly,
        ]);
        while (pending.TryPop(out var assembly))
        {
            var simple = assembly.GetName().Name!;
            if (paths.ContainsKey(simple) || string.IsNullOrEmpty(assembly.Location))
            {
                continue;
            }

            paths[simple] = assembly.Location;
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (!paths.ContainsKey(reference.Name!))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        return [.. paths.Values.Order(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
