using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Scoring;

/// <summary>
/// The vectorised exact means give, bit for bit, what the scalar loop gives for the same unit (the scalar loop is the
/// formula of docs/scoring.md, one term at a time), and cached logs give the geometric means a full evaluation gives.
/// </summary>
public class ExactMeanProperties
{
    /// <summary>A value: Likert points, awkward decimals, negatives, wide magnitudes, or (with <paramref name="missing"/>) NaN.</summary>
    private static Gen<double> Value(bool missing) =>
        Gen.OneOf(
            Gen.Choose(1, 5).Select(i => (double)i),
            Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 7.0),
            Gen.Choose(-999, 999).Zip(Gen.Choose(-300, 300)).Select(t => (t.Item1 / 10.0) * Math.Pow(10, t.Item2)),
            missing ? Gen.Constant(double.NaN) : Gen.Choose(0, 100).Select(i => i / 3.0));

    [Property(MaxTest = 400)]
    public Property VectorBlocks_EqualTheScalarLoop_BitForBit()
    {
        var gen =
            from m in Gen.Choose(1, 40)
            from n in Gen.Choose(4, 19)
            from weights in Gen.Elements(1.0, 0.1, 1.0 / 3, 2.5, 7e-300, 3e250, 0).ArrayOf(m)
            from missing in Gen.Elements(false, true)
            from values in Value(missing).ArrayOf(m * n)
            from minPresent in Gen.Choose(1, 3)
            select (m, n, weights, values, minPresent);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (m, n, weights, values, minPresent) = t;
            var complete = !values.Any(double.IsNaN);
            var relative = new double[m];
            ExactMean.Relative(weights, relative);
            var bounds = new double[m];
            for (var k = 0; k < m; k++)
            {
                for (var u = 0; u < n; u++)
                {
                    var x = values[(k * n) + u];
                    bounds[k] = double.IsNaN(x) ? bounds[k] : Math.Max(bounds[k], Math.Abs(x));
                }
            }

            var order = new int[m];
            var sorted = new double[m];
            var weighted = new double[m];
            ExactMean.Prepare(relative, bounds, order, sorted, weighted);
            var offsets = order.Select(k => k * n).ToArray();
            var all = new double[n];
            ExactMean.Blocks(values, offsets, sorted, weighted, n, minPresent, complete, new double[m], all);

            // Each unit alone (n = 1 < Vector<double>.Count: the scalar loop), with the same weights and bounds.
            var one = new double[m];
            var single = new double[1];
            var unitOffsets = order.ToArray();
            for (var u = 0; u < n; u++)
            {
                for (var k = 0; k < m; k++)
                {
                    one[k] = values[(k * n) + u];
                }

                ExactMean.Blocks(one, unitOffsets, sorted, weighted, 1, minPresent, complete, new double[m], single);
                if (BitConverter.DoubleToInt64Bits(single[0]) != BitConverter.DoubleToInt64Bits(all[u]))
                {
                    return false.Label($"unit {u}: vector {all[u]:R}, scalar {single[0]:R}");
                }
            }

            return true.ToProperty();
        });
    }

    [Fact]
    public void Reaggregate_WithCachedLogs_EqualsAFullEvaluation_ForGeometricMeans()
    {
        var framework = SmallFramework(AggregationMethod.Geometric);
        var data = SmallData(framework);
        var plan = ScoringPlan.Compile(framework);
        var workspace = plan.CreateWorkspace(data.UnitCount);
        Assert.True(plan.Evaluate(data, workspace).IsT0);
        var rng = new Random(11);
        foreach (var code in new[] { "P1", "D1", "P2", "D3", "P1", "D2" })
        {
            var weight = 0.5 + rng.NextDouble();
            workspace.SetWeight(code, weight);
            Assert.True(plan.Reaggregate(workspace).IsT0);

            // The same weights in a fresh workspace, every log computed anew.
            var fresh = plan.CreateWorkspace(data.UnitCount);
            foreach (var node in new[] { "P1", "P2", "D1", "D2", "D3", "D4" })
            {
                fresh.SetWeight(node, workspace.ToResult().WeightOf(node));
            }

            Assert.True(plan.Evaluate(data, fresh).IsT0);
            for (var node = 0; node < plan.NodeCount; node++)
            {
                var cached = workspace.Scores(node).ToArray().Select(BitConverter.DoubleToInt64Bits);
                var full = fresh.Scores(node).ToArray().Select(BitConverter.DoubleToInt64Bits);
                Assert.Equal(full, cached);
            }
        }
    }

    /// <summary>Index ← P1 (D1, D2), P2 (D3, D4); each dimension of three indicators.</summary>
    private static RatingFramework SmallFramework(AggregationMethod method)
    {
        FrameworkNode Dim(string code, int first) =>
            GroupNode.Create(code, LocalizedText.Of(code), NodeRole.Dimension, [.. Enumerable.Range(first, 3).Select(i => (FrameworkNode)Indicator.Create($"I{i}", LocalizedText.Of($"I{i}"), weight: 1 + (i % 3)).GetValueOrThrow())]).GetValueOrThrow();
        FrameworkNode Pillar(string code, FrameworkNode a, FrameworkNode b) =>
            GroupNode.Create(code, LocalizedText.Of(code), NodeRole.Pillar, [a, b]).GetValueOrThrow();
        var root = GroupNode.Create("Index", LocalizedText.Of("Index"), NodeRole.Index, [Pillar("P1", Dim("D1", 0), Dim("D2", 3)), Pillar("P2", Dim("D3", 6), Dim("D4", 9))]).GetValueOrThrow();
        return RatingFramework.Create("em", LocalizedText.Of("em"), "test", root, new ScoringMethods(NormalisationMethod.MinMax(1, 100).AsT0, method)).GetValueOrThrow();
    }

    private static Dataset SmallData(RatingFramework f)
    {
        var rng = new Random(5);
        const int units = 23;
        var columns = f.Indicators.Select(i => i.Code).ToArray();
        var values = new double[units * columns.Length];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = rng.Next(0, 4) == 0 ? double.NaN : rng.NextDouble() * 1000;
        }

        return Dataset.CreateColumnMajor([.. Enumerable.Range(0, units).Select(u => $"U{u}")], columns, values).GetValueOrThrow();
    }
}
