using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Tests.Scoring;

/// <summary>
/// No public member can mutate a result the library returns. The result types are found by reflection: every public type of
/// the result namespaces reachable from the return types of public methods and properties (through generic arguments,
/// arrays, tuples and the public properties of the types found), so a new result type is checked without editing a list.
/// </summary>
public class ResultImmutabilityTests
{
    private static readonly string[] ResultNamespaces =
    [
        "SmartCity.Domain.Scoring", "SmartCity.Domain.Programmes", "SmartCity.Domain.Analysis", "SmartCity.Domain.Weights", "SmartCity.Domain.Testing",
        "SmartCity.Domain.Multivariate", "SmartCity.Domain.Panels",
    ];

    /// <summary>The documented mutable type: a workspace for hot loops, never published as a result.</summary>
    private static readonly Type[] DocumentedMutable = [typeof(ScoringWorkspace)];

    private static readonly Type[] MutableCollections =
    [
        typeof(List<>), typeof(Dictionary<,>), typeof(HashSet<>), typeof(SortedDictionary<,>), typeof(SortedSet<>), typeof(Queue<>), typeof(Stack<>),
        typeof(ICollection<>), typeof(IList<>), typeof(IDictionary<,>), typeof(ISet<>), typeof(ImmutableArray<>.Builder), typeof(ImmutableDictionary<,>.Builder),
    ];

    public static IEnumerable<Type> ResultTypes()
    {
        var assembly = typeof(ScoreResult).Assembly;
        var found = new HashSet<Type>();
        var queue = new Queue<Type>();
        foreach (var type in assembly.GetExportedTypes())
        {
            foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (!m.Name.StartsWith('<')) // a record's compiler-generated <Clone>$ returns its own type
                {
                    Enqueue(m.ReturnType);
                }
            }

            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                Enqueue(p.PropertyType);
            }
        }

        while (queue.Count > 0)
        {
            var t = queue.Dequeue();
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Enqueue(p.PropertyType);
            }
        }

        return found.OrderBy(t => t.FullName, StringComparer.Ordinal);

        void Enqueue(Type t)
        {
            if (t.IsByRef || t.IsPointer)
            {
                t = t.GetElementType()!;
            }

            if (t.IsArray)
            {
                Enqueue(t.GetElementType()!);
                return;
            }

            if (t.IsGenericType)
            {
                foreach (var a in t.GetGenericArguments())
                {
                    Enqueue(a);
                }

                if (t.Assembly != assembly)
                {
                    return;
                }

                t = t.GetGenericTypeDefinition();
            }

            if (t.Assembly == assembly && t.IsPublic && !t.IsEnum && !t.IsInterface && !(t.IsAbstract && t.IsSealed)
                && !typeof(Exception).IsAssignableFrom(t) && !typeof(Delegate).IsAssignableFrom(t)
                && ResultNamespaces.Contains(t.Namespace) && !DocumentedMutable.Contains(t) && found.Add(t))
            {
                queue.Enqueue(t);
            }
        }
    }

    [Fact]
    public void TheReflectionFindsTheKnownResultTypes()
    {
        var types = ResultTypes().ToList();
        Assert.Contains(typeof(ScoreResult), types);
        Assert.Contains(typeof(ContributionTable), types);
        Assert.Contains(typeof(TreatmentReport), types);
        Assert.Contains(typeof(Dataset), types);
        Assert.Contains(typeof(SmartCity.Domain.Analysis.ScoreDiff), types);
        Assert.Contains(typeof(SmartCity.Domain.Analysis.UncertaintyResult), types);
        Assert.Contains(typeof(SmartCity.Domain.Analysis.SensitivityResult), types);
        Assert.Contains(typeof(SmartCity.Domain.Analysis.RemovalEffect), types);
        Assert.Contains(typeof(SmartCity.Domain.Programmes.ProgrammeResult), types);
        Assert.Contains(typeof(SmartCity.Domain.Programmes.StageResult), types);
        Assert.Contains(typeof(SmartCity.Domain.Programmes.EvaluationResult), types);
        Assert.Contains(typeof(SmartCity.Domain.Programmes.Award), types);
        Assert.Contains(typeof(SmartCity.Domain.Weights.AhpResult), types);
        Assert.Contains(typeof(SmartCity.Domain.Analysis.TargetSeekResult), types);
        Assert.Contains(typeof(SmartCity.Domain.Analysis.ScreeningResult), types);
        Assert.Contains(typeof(SmartCity.Domain.Multivariate.StatisticsTable), types);
        Assert.Contains(typeof(SmartCity.Domain.Multivariate.PcaGroup), types);
        Assert.Contains(typeof(SmartCity.Domain.Multivariate.OptimisedWeightsResult), types);
        Assert.Contains(typeof(SmartCity.Domain.Panels.PanelScoreResult), types);
        Assert.Contains(typeof(SmartCity.Domain.Panels.PanelTrend), types);
        Assert.DoesNotContain(typeof(ScoringWorkspace), types);
    }

    [Fact]
    public void NoPublicMemberOfAResultTypeCanMutateIt()
    {
        var problems = ResultTypes().SelectMany(Problems).ToList();
        Assert.True(problems.Count == 0, "Mutable result members:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void TheWorkspaceIsTheMutableOne_AndTheCheckWouldCatchIt()
    {
        // The check is not vacuous: the documented mutable workspace fails it (void SetWeight, ResetWeights).
        Assert.NotEmpty(Problems(typeof(ScoringWorkspace)));
    }

    private static IEnumerable<string> Problems(Type t)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static;
        foreach (var p in t.GetProperties(All))
        {
            if (p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
            {
                yield return $"{t.Name}.{p.Name} has a public setter";
            }

            if (IsMutableCollection(p.PropertyType))
            {
                yield return $"{t.Name}.{p.Name} exposes a mutable {p.PropertyType.Name}";
            }
        }

        foreach (var f in t.GetFields(All))
        {
            if (!f.IsInitOnly && !f.IsLiteral)
            {
                yield return $"{t.Name}.{f.Name} is a writable public field";
            }

            if (IsMutableCollection(f.FieldType))
            {
                yield return $"{t.Name}.{f.Name} exposes a mutable {f.FieldType.Name}";
            }
        }

        foreach (var m in t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (m.ReturnType == typeof(void) && !m.IsSpecialName && m.Name != "Deconstruct" && m.DeclaringType != typeof(object))
            {
                yield return $"{t.Name}.{m.Name}() is a public void method";
            }
        }
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static bool IsMutableCollection(Type type)
    {
        if (type.IsArray)
        {
            return true;
        }

        if (type.IsGenericType && MutableCollections.Contains(type.GetGenericTypeDefinition()))
        {
            return true;
        }

        return type == typeof(ArrayList) || type == typeof(Hashtable) || type == typeof(IList) || type == typeof(IDictionary);
    }
}
