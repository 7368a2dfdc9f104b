using System.Numerics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Benchmarks;

/// <summary>
/// The full pipeline on the COINr comparison shape (514 units × 60 → 12 → 6 → 1, 5 % missing). COINr 1.1.14 needs
/// 0.194 s for the full pipeline and 0.111 s for the aggregation on this shape on these machines.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private RatingFramework _framework = null!;
    private Dataset _data = null!;
    private ScoringPlan _plan = null!;
    private ScoringWorkspace _result = null!;
    private string _weightNode = string.Empty;
    private int _flip;
    private OnePassPipeline _onePass = null!;

    [GlobalSetup]
    public void Setup()
    {
        _framework = CaseCShape.Framework(new ScoringMethods(NormalisationMethod.MinMaxDefault, AggregationMethod.Arithmetic, imputation: ImputationMethod.ColumnMean));
        _data = CaseCShape.Data(_framework);
        _plan = ScoringPlan.Compile(_framework);
        _result = _plan.CreateWorkspace(_data.UnitCount);
        _plan.Evaluate(_data, _result);
        _weightNode = "D07";
        _onePass = new OnePassPipeline(_framework, _data);
        var index = _result.Scores(_plan.RootIndex)[0];
        if (Math.Abs(_onePass.Evaluate() - index) > 1e-9 * Math.Abs(index))
        {
            throw new InvalidOperationException($"The one-pass baseline computes {_onePass.Evaluate()}, the pipeline {index}: not the same work.");
        }
    }

    /// <summary>
    /// Baseline: the machine's own limit, one vectorised pass (a <see cref="Vector{T}"/> sum) over the same doubles (the
    /// raw values of every indicator). Every other figure is reported as a multiple of it, measured in the same run.
    /// </summary>
    [Benchmark(Baseline = true)]
    public double Pass() => Passes.Sum(_data);

    /// <summary>
    /// The one-pass baseline: the same steps at the same arithmetic, each in one vectorised pass and nothing else (one pass
    /// for each column's mean, min and max; one for (x − min) / (max − min) × 100, a division per value as COINr orders it;
    /// one multiply-add per child and unit with plain, order-dependent sums). No validation, no missing-value bookkeeping
    /// beyond the imputation, no exact sums: the floor for this arithmetic, not a usable pipeline.
    /// </summary>
    [Benchmark]
    public double OnePass() => _onePass.Evaluate();

    /// <summary>
    /// <see cref="OnePass"/> multiplying by 100 / (max − min) instead of dividing by the range: what the division costs.
    /// Not COINr's arithmetic (results move by an ulp), so not what the pipeline does.
    /// </summary>
    [Benchmark]
    public double OnePassReciprocal() => _onePass.Evaluate(reciprocal: true);

    /// <summary>A straightforward LINQ implementation of the same pipeline (mean imputation, min-max, weighted means).</summary>
    [Benchmark]
    public double NaiveLinq() => NaivePipeline.Score(_framework, _data).Sum();

    /// <summary>Impute by column mean → min-max [0, 100] → weighted arithmetic mean at every level, into a reused workspace (no ranks).</summary>
    [Benchmark]
    public double FullPipeline()
    {
        _plan.Evaluate(_data, _result, computeRanks: false);
        return _result.Scores(_plan.RootIndex)[0];
    }

    /// <summary>The same, with ranks of every aggregate.</summary>
    [Benchmark]
    public double FullPipelineWithRanks()
    {
        _plan.Evaluate(_data, _result, computeRanks: true);
        return _result.Scores(_plan.RootIndex)[0];
    }

    /// <summary>Aggregation only, of all 19 aggregates, on the normalised data already in the workspace.</summary>
    /// <remarks>Calls the full aggregation directly: <see cref="ScoringPlan.Reaggregate"/> would skip every group, as no weight changed.</remarks>
    [Benchmark]
    public double Aggregate()
    {
        Pipeline.Aggregate(_plan, _result, computeRanks: false, onlyDirty: false);
        return _result.Scores(_plan.RootIndex)[0];
    }

    /// <summary>One weight changed, then re-scored (aggregation and ranks).</summary>
    [Benchmark]
    public double Rescore()
    {
        _flip ^= 1;
        _result.SetWeight(_weightNode, _flip == 0 ? 1 : 2.5);
        _plan.Reaggregate(_result, computeRanks: true);
        return _result.Scores(_plan.RootIndex)[0];
    }
}

/// <summary>
/// The scale sweep: the same pipeline (impute, min-max, three levels of weighted means, no ranks) at 514, 5,140 and 51,400
/// units × 60 indicators, and 5,140 × 600, each against one vectorised pass over its own data.
/// </summary>
[MemoryDiagnoser]
public class PipelineScaleBenchmarks
{
    private Dataset _data = null!;
    private ScoringPlan _plan = null!;
    private ScoringWorkspace _workspace = null!;

    /// <summary>Gets or sets the shape: units × indicators.</summary>
    [Params("514x60", "5140x60", "51400x60", "5140x600")]
    public string Shape { get; set; } = "514x60";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('x');
        var units = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        var indicators = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var framework = CaseCShape.Framework(new ScoringMethods(NormalisationMethod.MinMaxDefault, AggregationMethod.Arithmetic, imputation: ImputationMethod.ColumnMean), indicatorsPerDimension: indicators / 12);
        _data = CaseCShape.Data(framework, units: units);
        _plan = ScoringPlan.Compile(framework);
        _workspace = _plan.CreateWorkspace(_data.UnitCount);
        _plan.Evaluate(_data, _workspace);
    }

    /// <summary>One vectorised pass over the raw values.</summary>
    [Benchmark(Baseline = true)]
    public double Pass() => Passes.Sum(_data);

    /// <summary>The full pipeline into a reused workspace, no ranks.</summary>
    [Benchmark]
    public double FullPipeline()
    {
        _plan.Evaluate(_data, _workspace, computeRanks: false);
        return _workspace.Scores(_plan.RootIndex)[0];
    }

    /// <summary>The full pipeline with the ranks of every aggregate.</summary>
    [Benchmark]
    public double FullPipelineWithRanks()
    {
        _plan.Evaluate(_data, _workspace, computeRanks: true);
        return _workspace.Scores(_plan.RootIndex)[0];
    }
}

/// <summary>The reference pass: a <see cref="Vector{T}"/> sum of every value of every column (missing values included: the work is the same).</summary>
internal static class Passes
{
    public static double Sum(Dataset data)
    {
        var total = Vector<double>.Zero;
        var rest = 0.0;
        for (var c = 0; c < data.Columns.Length; c++)
        {
            var column = data.Column(c);
            var lanes = MemoryMarshal.Cast<double, Vector<double>>(column);
            var a = Vector<double>.Zero;
            var b = Vector<double>.Zero;
            var j = 0;
            for (; j + 1 < lanes.Length; j += 2)
            {
                a += lanes[j];
                b += lanes[j + 1];
            }

            for (; j < lanes.Length; j++)
            {
                a += lanes[j];
            }

            total += a + b;
            for (var i = lanes.Length * Vector<double>.Count; i < column.Length; i++)
            {
                rest += column[i];
            }
        }

        return Vector.Sum(total) + rest;
    }
}

/// <summary>The one-pass baseline of <see cref="PipelineBenchmarks.OnePass"/>: each step one vectorised pass.</summary>
internal sealed class OnePassPipeline
{
    private readonly Dataset _data;
    private readonly int[] _columns;
    private readonly double[] _signs;
    private readonly double[][] _values;
    private readonly (int Target, int[] Children, double[] Weights)[] _groups;

    public OnePassPipeline(RatingFramework framework, Dataset data)
    {
        _data = data;
        var indicators = framework.Indicators;
        _columns = [.. indicators.Select(i => data.IndexOfColumn(i.Code))];
        _signs = [.. indicators.Select(i => i.Direction == Direction.LowerIsBetter ? -1.0 : 1.0)];
        var index = new Dictionary<string, int>();
        for (var i = 0; i < indicators.Length; i++)
        {
            index[indicators[i].Code] = i;
        }

        var groups = new List<(int, int[], double[])>();
        int Visit(FrameworkNode node)
        {
            if (node is Indicator indicator)
            {
                return index[indicator.Code];
            }

            var group = (GroupNode)node;
            var children = group.Children.Select(Visit).ToArray();
            var target = index.Count;
            index[group.Code] = target;
            groups.Add((target, children, [.. group.Children.Select(c => c.Weight)]));
            return target;
        }

        Visit(framework.Root);
        _groups = [.. groups];
        _values = [.. Enumerable.Range(0, index.Count).Select(_ => new double[data.UnitCount])];
    }

    public double Evaluate(bool reciprocal = false)
    {
        var n = _data.UnitCount;
        var width = Vector<double>.Count;
        for (var i = 0; i < _columns.Length; i++)
        {
            var raw = _data.Column(_columns[i]);
            var sign = new Vector<double>(_signs[i]);
            var sum = Vector<double>.Zero;
            var count = Vector<double>.Zero;
            var min = new Vector<double>(double.PositiveInfinity);
            var max = new Vector<double>(double.NegativeInfinity);
            var u = 0;
            for (; u + width <= n; u += width)
            {
                var x = new Vector<double>(raw.Slice(u)) * sign;
                var present = Vector.Equals(x, x);
                sum += Vector.ConditionalSelect(present, x, Vector<double>.Zero);
                count += Vector.ConditionalSelect(present, Vector<double>.One, Vector<double>.Zero);
                min = Vector.Min(min, Vector.ConditionalSelect(present, x, min));
                max = Vector.Max(max, Vector.ConditionalSelect(present, x, max));
            }

            double s = Vector.Sum(sum), c = Vector.Sum(count), lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (var k = 0; k < width; k++)
            {
                lo = Math.Min(lo, min[k]);
                hi = Math.Max(hi, max[k]);
            }

            for (; u < n; u++)
            {
                var x = raw[u] * _signs[i];
                if (!double.IsNaN(x))
                {
                    s += x;
                    c++;
                    lo = Math.Min(lo, x);
                    hi = Math.Max(hi, x);
                }
            }

            var mean = new Vector<double>(s / c);
            var low = new Vector<double>(lo);
            var range = new Vector<double>(hi - lo);
            var hundred = new Vector<double>(100);
            var output = _values[i];
            var scale = hundred / range;
            for (u = 0; u + width <= n; u += width)
            {
                var x = new Vector<double>(raw.Slice(u)) * sign;
                x = Vector.ConditionalSelect(Vector.Equals(x, x), x, mean);
                (reciprocal ? (x - low) * scale : (x - low) / range * hundred).CopyTo(output.AsSpan(u));
            }

            for (; u < n; u++)
            {
                var x = raw[u] * _signs[i];
                output[u] = ((double.IsNaN(x) ? s / c : x) - lo) / (hi - lo) * 100;
            }
        }

        foreach (var (target, children, weights) in _groups)
        {
            var output = _values[target];
            var total = weights.Sum();
            Array.Clear(output);
            for (var k = 0; k < children.Length; k++)
            {
                var child = _values[children[k]];
                var w = new Vector<double>(weights[k] / total);
                var u = 0;
                for (; u + width <= n; u += width)
                {
                    (new Vector<double>(output.AsSpan(u)) + (w * new Vector<double>(child.AsSpan(u)))).CopyTo(output.AsSpan(u));
                }

                for (; u < n; u++)
                {
                    output[u] += weights[k] / total * child[u];
                }
            }
        }

        return _values[_groups[^1].Target][0];
    }
}

/// <summary>The naive baseline: lists, LINQ and recursion, the way a first implementation would do it.</summary>
internal static class NaivePipeline
{
    public static List<double> Score(RatingFramework f, Dataset data)
    {
        var normalised = new Dictionary<string, List<double>>();
        foreach (var indicator in f.Indicators)
        {
            var d = indicator.Direction == Direction.LowerIsBetter ? -1.0 : 1.0;
            var raw = data.Column(data.IndexOfColumn(indicator.Code)).ToArray().ToList();
            var mean = raw.Where(v => !double.IsNaN(v)).Average();
            var imputed = raw.Select(v => double.IsNaN(v) ? mean : v).Select(v => d * v).ToList();
            var min = imputed.Min();
            var max = imputed.Max();
            normalised[indicator.Code] = imputed.Select(v => (v - min) / (max - min) * 100).ToList();
        }

        return Enumerable.Range(0, data.UnitCount).Select(u => Node(f.Root, u)).ToList();

        double Node(FrameworkNode node, int u)
        {
            if (node is Indicator i)
            {
                return normalised[i.Code][u];
            }

            var kids = ((GroupNode)node).Children.Select(c => (c.Weight, X: Node(c, u))).Where(k => !double.IsNaN(k.X)).ToList();
            return kids.Sum(k => k.Weight * k.X) / kids.Sum(k => k.Weight);
        }
    }
}
