using System.Reflection;
using System.Text.RegularExpressions;
using SmartCity.Domain.Tests.Documentation;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Validation;

/// <summary>
/// Ardalis.GuardClauses is the one way the core's public API rejects programmer errors: the source uses no other guard
/// helper, and every public static entry point given a null where it takes none throws <see cref="ArgumentNullException"/>
/// naming the parameter — never a <see cref="NullReferenceException"/> from deeper down.
/// </summary>
public sealed partial class GuardClauseTests
{
    [Fact]
    public void CoreSource_GuardsOnlyThroughGuardAgainst()
    {
        var src = Path.Combine(MarkdownFences.RepositoryRoot(), "src", "SmartCity.Domain");
        var offenders = new List<string>();
        var guards = 0;
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (OtherGuard().IsMatch(lines[i]))
                {
                    offenders.Add($"{Path.GetRelativePath(src, file)}:{i + 1}: {lines[i].Trim()}");
                }

                guards += GuardAgainst().Count(lines[i]);
            }
        }

        Assert.True(offenders.Count == 0, "Guard with Guard.Against instead:\n" + string.Join('\n', offenders));
        Assert.True(guards > 50, $"only {guards} Guard.Against calls found: is the scan still reading the source?");
    }

    [Fact]
    public void PublicStaticMethods_GivenNull_ThrowArgumentNullException_NamingTheParameter()
    {
        var methods = typeof(RatingFramework).Assembly.GetExportedTypes()
            .Where(t => !t.IsGenericTypeDefinition)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(Invocable);
        var (checkedCalls, failures) = CallEachWithNull(null, methods);
        Assert.True(checkedCalls > 40, $"only {checkedCalls} calls checked");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void PublicInstanceMethods_GivenNull_ThrowArgumentNullException_NamingTheParameter()
    {
        var framework = Samples.Small();
        var data = Dataset.Create(["a", "b", "c"], [.. framework.Indicators.Select(i => i.Code)],
            new double[3, framework.Indicators.Length].Fill((u, i) => u + i + 1.0)).GetValueOrThrow();
        var plan = ScoringPlan.Compile(framework);
        var result = plan.Score(data).GetValueOrThrow();
        var workspace = plan.CreateWorkspace(data.UnitCount);
        plan.Evaluate(data, workspace);
        object[] samples = [framework, framework.Root, framework.Indicators[0], data, plan, result, workspace, result.GetContributions(framework.Root.Code)];
        var checkedCalls = 0;
        var failures = new List<string>();
        foreach (var sample in samples)
        {
            var methods = sample.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.DeclaringType!.Assembly == typeof(RatingFramework).Assembly && m.Name is not ("Equals" or "<Clone>$") && Invocable(m));
            var (n, f) = CallEachWithNull(sample, methods);
            checkedCalls += n;
            failures.AddRange(f);
        }

        Assert.True(checkedCalls > 20, $"only {checkedCalls} calls checked");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static bool Invocable(MethodInfo m) =>
        !m.IsGenericMethodDefinition && !m.IsSpecialName && m.GetParameters().Length > 0
        && !typeof(Task).IsAssignableFrom(m.ReturnType) && !m.ReturnType.IsByRefLike
        && m.GetParameters().All(p => !p.ParameterType.IsByRef && !p.ParameterType.IsPointer && !p.ParameterType.IsByRefLike);

    /// <summary>Calls each method once per non-nullable reference parameter, with null there and samples elsewhere.</summary>
    private static (int Checked, List<string> Failures) CallEachWithNull(object? target, IEnumerable<MethodInfo> methods)
    {
        var nullability = new NullabilityInfoContext();
        var checkedCalls = 0;
        var failures = new List<string>();
        foreach (var method in methods)
        {
            var parameters = method.GetParameters();
            for (var k = 0; k < parameters.Length; k++)
            {
                var p = parameters[k];
                if (p.ParameterType.IsValueType || nullability.Create(p).WriteState != NullabilityState.NotNull)
                {
                    continue;
                }

                var args = parameters.Select((q, i) => i == k ? null : Sample(q)).ToArray();
                if (args.Where((a, i) => i != k && a is null && !parameters[i].ParameterType.IsValueType && nullability.Create(parameters[i]).WriteState == NullabilityState.NotNull).Any())
                {
                    continue; // another required argument has no sample: the null could be reported for it instead
                }

                checkedCalls++;
                var name = $"{method.DeclaringType!.Name}.{method.Name}({p.Name}: null)";
                try
                {
                    method.Invoke(target, args);
                    failures.Add($"{name} did not throw");
                }
                catch (TargetInvocationException e) when (e.InnerException is ArgumentNullException ane)
                {
                    if (ane.ParamName != p.Name)
                    {
                        failures.Add($"{name} named '{ane.ParamName}'");
                    }
                }
                catch (TargetInvocationException e)
                {
                    failures.Add($"{name} threw {e.InnerException!.GetType().Name}: {e.InnerException.Message}");
                }
            }
        }

        return (checkedCalls, failures);
    }

    private static object? Sample(ParameterInfo p)
    {
        var t = p.ParameterType;
        if (p.HasDefaultValue)
        {
            return p.DefaultValue is null && t.IsValueType ? Activator.CreateInstance(t) : p.DefaultValue;
        }

        if (t.IsValueType)
        {
            return t.IsEnum ? Enum.GetValues(t).GetValue(0) : Activator.CreateInstance(t);
        }

        return t == typeof(string) ? "x" : null;
    }

    [GeneratedRegex(@"ArgumentNullException\.ThrowIf|ArgumentException\.ThrowIf|ArgumentOutOfRangeException\.ThrowIf|\?\? throw new ArgumentNullException")]
    private static partial Regex OtherGuard();

    [GeneratedRegex(@"Guard\.Against\.")]
    private static partial Regex GuardAgainst();
}

internal static class ArrayFill
{
    public static double[,] Fill(this double[,] values, Func<int, int, double> f)
    {
        for (var i = 0; i < values.GetLength(0); i++)
        {
            for (var j = 0; j < values.GetLength(1); j++)
            {
                values[i, j] = f(i, j);
            }
        }

        return values;
    }
}
