using FsCheck;
using FsCheck.Fluent;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Properties;

/// <summary>
/// The shape of a plain, positive-only framework (min–max 1–100, no imputation, no treatment): each entry of
/// <see cref="Groups"/> is a child of the index, 0 an indicator directly under it and k a group of k indicators.
/// Weights (1–4, 0 for a code of 0), directions and coverage rules are read cyclically from their arrays.
/// </summary>
public sealed record FrameworkShape(int[] Groups, int[] Weights, bool[] LowerIsBetter, int Aggregation, int Coverage)
{
    public int IndicatorCount => Groups.Sum(g => Math.Max(1, g));

    public RatingFramework Build()
    {
        var counter = 0;
        var leaf = 0;
        var children = Groups.Select(g => g == 0 ? Indicator() : Group(g)).ToList();
        if (children.All(c => c.Weight == 0))
        {
            children[0] = RandomFrameworks.Reweight(children[0], 1);
        }

        var root = GroupNode.Create("Index", LocalizedText.Of("Index"), NodeRole.Pillar, children).GetValueOrThrow();
        var methods = new ScoringMethods(
            NormalisationMethod.MinMax(1, 100).GetValueOrThrow(),
            (Aggregation % 3) switch { 0 => AggregationMethod.Arithmetic, 1 => AggregationMethod.Geometric, _ => AggregationMethod.Harmonic },
            Coverage == 0 ? MissingDataRule.SkipAndRenormalise : MissingDataRule.WithCoverageThreshold(Coverage / 10.0).GetValueOrThrow(),
            ImputationMethod.None,
            OutlierTreatment.None);
        return RatingFramework.Create("shape", LocalizedText.Of("Shape"), "2024", root, methods).GetValueOrThrow();

        double Weight(int k) => Weights.Length == 0 ? 1 : Weights[k % Weights.Length];

        FrameworkNode Group(int size)
        {
            var code = "g" + counter++;
            var weight = Weight(counter);
            var members = Enumerable.Range(0, size).Select(_ => Indicator()).ToList();
            if (members.All(m => m.Weight == 0))
            {
                members[0] = RandomFrameworks.Reweight(members[0], 1);
            }

            return GroupNode.Create(code, LocalizedText.Of("Group " + code), NodeRole.Dimension, members, weight == 0 ? 1 : weight).GetValueOrThrow();
        }

        FrameworkNode Indicator()
        {
            var k = leaf++;
            var lower = LowerIsBetter.Length > 0 && LowerIsBetter[k % LowerIsBetter.Length];
            return SmartCity.Domain.Frameworks.Indicator.Create(
                "i" + k,
                LocalizedText.Of("Indicator i" + k),
                IndicatorScale.Ratio,
                lower ? Direction.LowerIsBetter : Direction.HigherIsBetter,
                Weight(k + 1)).GetValueOrThrow();
        }
    }

    public override string ToString() =>
        $"Shape {{ Groups = [{string.Join(", ", Groups)}], Weights = [{string.Join(", ", Weights)}], LowerIsBetter = [{string.Join(", ", LowerIsBetter)}], Aggregation = {Aggregation}, Coverage = {Coverage} }}";
}

/// <summary>
/// A table of <see cref="Units"/> rows: cell (u, j) is read cyclically from <see cref="Cells"/> (codes 0–99); a code
/// of at least 100 − <see cref="MissingPercent"/> is missing, any other code c is the value 1 + c. Rows 0 and 1 are
/// never missing and a column whose present values are all equal gets row 1 raised by one, so no column is constant.
/// </summary>
public sealed record TableShape(int Units, int[] Cells, int MissingPercent)
{
    public Dataset Build(IReadOnlyList<string> columns)
    {
        var codes = Enumerable.Range(0, Units).Select(i => "U" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var values = new double[Units, columns.Count];
        for (var j = 0; j < columns.Count; j++)
        {
            for (var u = 0; u < Units; u++)
            {
                var code = Cells.Length == 0 ? 0 : Cells[((u * columns.Count) + j) % Cells.Length];
                values[u, j] = u >= 2 && code >= 100 - MissingPercent ? double.NaN : 1 + (code % (100 - MissingPercent));
            }

            var present = Enumerable.Range(0, Units).Select(u => values[u, j]).Where(v => !double.IsNaN(v)).Distinct().Count();
            if (present < 2)
            {
                values[1, j] = values[0, j] + 1;
            }
        }

        var groups = codes.Select((_, i) => (string?)("P" + (i % 3))).ToArray();
        return Dataset.Create(codes, [.. columns], values, new Dictionary<string, IReadOnlyList<string?>> { ["province"] = groups }).GetValueOrThrow();
    }

    public override string ToString() => $"Table {{ Units = {Units}, Cells = [{string.Join(", ", Cells)}], MissingPercent = {MissingPercent} }}";
}

/// <summary>A framework, its data, and a free integer the property reads as it likes (a unit index, a threshold…).</summary>
public sealed record AnalysisCase(FrameworkShape Shape, TableShape Table, int Pick, bool Flag)
{
    /// <summary>The framework of <see cref="Shape"/> and the table of <see cref="Table"/> over its indicators.</summary>
    public (RatingFramework Framework, Dataset Data) Build()
    {
        var f = Shape.Build();
        return (f, Table.Build([.. f.Indicators.Select(i => i.Code)]));
    }

    public override string ToString() => $"{Shape}, {Table}, Pick = {Pick}, Flag = {Flag}";
}

/// <summary>
/// FsCheck arbitraries of analysis cases built from small integer arrays, with a shrinker: a failure shrinks to fewer
/// groups, indicators and units, smaller codes (present values, equal weights, arithmetic aggregation, no coverage
/// rule) and a smaller pick — never to a seed of <see cref="System.Random"/>.
/// </summary>
public static class AnalysisCases
{
    /// <summary>Cases with 1–4 children of the index, <paramref name="minUnits"/>–<paramref name="maxUnits"/> units, at most <paramref name="missingPercent"/> % missing cells.</summary>
    public static Arbitrary<AnalysisCase> Arbitrary(int minUnits = 6, int maxUnits = 39, int missingPercent = 10, int maxPick = 255)
    {
        var shape =
            from children in Gen.Choose(1, 4)
            from groups in Gen.Choose(0, 4).ArrayOf(children)
            from weights in Gen.Choose(0, 4).ArrayOf()
            from lower in Gen.Elements(false, false, true).ArrayOf()
            from aggregation in Gen.Choose(0, 2)
            from coverage in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 9)))
            select new FrameworkShape(groups, weights, lower, aggregation, coverage);
        var gen =
            from s in shape
            from units in Gen.Choose(minUnits, maxUnits)
            from cells in Gen.Choose(0, 99).ArrayOf(units * s.IndicatorCount)
            from missing in Gen.Choose(0, missingPercent)
            from pick in Gen.Choose(0, maxPick)
            from flag in Gen.Elements(false, true)
            select new AnalysisCase(s, new TableShape(units, cells, missing), pick, flag);
        return Arb.From(gen, c => Shrink(c, minUnits, shape: true));
    }

    /// <summary>Tables for a fixed set of columns (the shape is ignored: the property builds its own framework).</summary>
    public static Arbitrary<AnalysisCase> Tables(int columns, int minUnits, int maxUnits, int missingPercent)
    {
        var shape = new FrameworkShape([columns], [1], [false], 0, 0);
        var gen =
            from units in Gen.Choose(minUnits, maxUnits)
            from cells in Gen.Choose(0, 99).ArrayOf(units * columns)
            from missing in Gen.Choose(0, missingPercent)
            from pick in Gen.Choose(0, 255)
            from flag in Gen.Elements(false, true)
            select new AnalysisCase(shape, new TableShape(units, cells, missing), pick, flag);
        return Arb.From(gen, c => Shrink(c, minUnits, shape: false));
    }

    private static IEnumerable<AnalysisCase> Shrink(AnalysisCase c, int minUnits, bool shape)
    {
        var s = c.Shape;
        var t = c.Table;
        foreach (var g in shape ? Array(s.Groups, 1, x => Toward(0, x)) : [])
        {
            yield return c with { Shape = s with { Groups = g } };
        }

        foreach (var units in Toward(minUnits, t.Units))
        {
            yield return c with { Table = t with { Units = units } };
        }

        foreach (var m in Toward(0, t.MissingPercent))
        {
            yield return c with { Table = t with { MissingPercent = m } };
        }

        foreach (var p in Toward(0, c.Pick))
        {
            yield return c with { Pick = p };
        }

        if (c.Flag)
        {
            yield return c with { Flag = false };
        }

        if (!shape)
        {
            foreach (var cells in Array(t.Cells, 1, x => Toward(0, x)))
            {
                yield return c with { Table = t with { Cells = cells } };
            }

            yield break;
        }

        foreach (var a in Toward(0, s.Aggregation))
        {
            yield return c with { Shape = s with { Aggregation = a } };
        }

        foreach (var v in Toward(0, s.Coverage))
        {
            yield return c with { Shape = s with { Coverage = v } };
        }

        foreach (var w in Array(s.Weights, 0, x => Toward(1, x)))
        {
            yield return c with { Shape = s with { Weights = w } };
        }

        foreach (var l in Array(s.LowerIsBetter, 0, x => x ? [false] : []))
        {
            yield return c with { Shape = s with { LowerIsBetter = l } };
        }

        foreach (var cells in Array(t.Cells, 1, x => Toward(0, x)))
        {
            yield return c with { Table = t with { Cells = cells } };
        }
    }

    /// <summary>Towards <paramref name="target"/>: the target itself, halfway, one step.</summary>
    public static IEnumerable<int> Toward(int target, int x)
    {
        if (x == target)
        {
            yield break;
        }

        yield return target;
        var half = target + ((x - target) / 2);
        if (half != target && half != x)
        {
            yield return half;
        }

        var step = x - Math.Sign(x - target);
        if (step != target && step != half)
        {
            yield return step;
        }
    }

    /// <summary>
    /// An array's first or second half, then without one of its elements (never shorter than <paramref name="minLength"/>),
    /// then with one element shrunk.
    /// </summary>
    public static IEnumerable<T[]> Array<T>(T[] xs, int minLength, Func<T, IEnumerable<T>> element)
    {
        if (xs.Length / 2 >= Math.Max(1, minLength) && xs.Length > 3)
        {
            yield return xs[..(xs.Length / 2)];
            yield return xs[(xs.Length / 2)..];
        }

        if (xs.Length > minLength)
        {
            for (var k = 0; k < xs.Length; k++)
            {
                yield return [.. xs.Take(k), .. xs.Skip(k + 1)];
            }
        }

        for (var k = 0; k < xs.Length; k++)
        {
            foreach (var smaller in element(xs[k]))
            {
                var copy = (T[])xs.Clone();
                copy[k] = smaller;
                yield return copy;
            }
        }
    }
}
