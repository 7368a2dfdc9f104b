using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Scoring;

/// <summary>
/// Issue 11.2 and 11.4: the result of a mean depends only on the multiset of (weight, value) pairs of a unit, and only on
/// the ratios of the weights, bit for bit.
/// </summary>
public class OrderIndependenceProperties
{
    private static readonly AggregationMethod[] Methods =
    [
        AggregationMethod.Arithmetic,
        AggregationMethod.Geometric,
        AggregationMethod.Harmonic,
        AggregationMethod.Generalised(2).AsT0,
        AggregationMethod.Generalised(0.5).AsT0,
        AggregationMethod.Generalised(-1.5).AsT0,
        AggregationMethod.Minimum,
    ];

    /// <summary>
    /// A framework: group G of <paramref name="equal"/> children of weight <paramref name="w"/> plus children of other
    /// weights, and a second group H; the root aggregates both. No normalisation: values are used as given.
    /// </summary>
    private static RatingFramework Framework(int equal, double w, double[] others, AggregationMethod method)
    {
        var g = new List<FrameworkNode>();
        for (var k = 0; k < equal; k++)
        {
            g.Add(Indicator.Create($"e{k}", LocalizedText.Of($"e{k}"), weight: w).GetValueOrThrow());
        }

        for (var k = 0; k < others.Length; k++)
        {
            g.Add(Indicator.Create($"o{k}", LocalizedText.Of($"o{k}"), weight: others[k]).GetValueOrThrow());
        }

        var h = new FrameworkNode[] { Indicator.Create("h0", LocalizedText.Of("h0"), weight: 1).GetValueOrThrow(), Indicator.Create("h1", LocalizedText.Of("h1"), weight: 3).GetValueOrThrow() };
        var root = GroupNode.Create(
            "Index",
            LocalizedText.Of("Index"),
            NodeRole.Index,
            [GroupNode.Create("G", LocalizedText.Of("G"), NodeRole.Dimension, g, 2).GetValueOrThrow(), GroupNode.Create("H", LocalizedText.Of("H"), NodeRole.Dimension, h, 1).GetValueOrThrow()]).GetValueOrThrow();
        return RatingFramework.Create("oi", LocalizedText.Of("oi"), "test", root, new ScoringMethods(NormalisationMethod.None, method)).GetValueOrThrow();
    }

    private static Dataset Data(RatingFramework f, double[][] rows)
    {
        var columns = f.Indicators.Select(i => i.Code).ToArray();
        var values = new double[rows.Length * columns.Length];
        for (var u = 0; u < rows.Length; u++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                values[(c * rows.Length) + u] = rows[u][c];
            }
        }

        return Dataset.CreateColumnMajor([.. Enumerable.Range(0, rows.Length).Select(u => $"U{u}")], columns, values).GetValueOrThrow();
    }

    /// <summary>A value: Likert points, awkward decimals, wide magnitudes, or missing (NaN) with <paramref name="missing"/>.</summary>
    private static Gen<double> Value(bool missing) =>
        Gen.OneOf(
            Gen.Choose(1, 5).Select(i => (double)i),
            Gen.Choose(1, 1_000_000).Select(i => i / 7.0),
            Gen.Choose(1, 999).Zip(Gen.Choose(-300, 300)).Select(t => (t.Item1 / 10.0) * Math.Pow(10, t.Item2)),
            missing ? Gen.Constant(double.NaN) : Gen.Choose(1, 5).Select(i => i + 0.1));

    [Property(MaxTest = 300)]
    public Property PermutingValuesAmongEqualWeightSiblings_GivesBitIdenticalScoresAndRanks()
    {
        var gen =
            from equal in Gen.Choose(2, 9)
            from weightPick in Gen.Choose(0, 4)
            from others in Gen.Choose(0, 3).SelectMany(c => Gen.Choose(1, 7).Select(i => i * 0.3).ArrayOf(c))
            from method in Gen.Choose(0, Methods.Length - 1)
            from missing in Gen.Elements(false, true)
            from rows in Many(Value(missing).ArrayOf(equal + others.Length + 2), 2, 6)
            from seed in Gen.Choose(0, int.MaxValue)
            select (equal, weightPick, others, method, rows, seed);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            double[] weights = [1, 0.1, 1.0 / 3, 7e-300, 3e250];
            var f = Framework(t.equal, weights[t.weightPick], t.others, Methods[t.method]);
            var rng = new Random(t.seed);

            // Unit 0 is copied into a new last unit with its equal-weight values shuffled; the same shuffle of unit 0 in place
            // gives a second dataset.
            var original = t.rows.Select(r => (double[])r.Clone()).ToArray();
            var permuted = (double[])original[0].Clone();
            var head = permuted.AsSpan(0, t.equal).ToArray();
            rng.Shuffle(head);
            head.CopyTo(permuted, 0);
            var withCopy = Data(f, [.. original, permuted]);
            var inPlace = Data(f, [permuted, .. original.Skip(1)]);
            var plan = ScoringPlan.Compile(f);
            var a = plan.Score(withCopy);
            var b = plan.Score(Data(f, original));
            var c = plan.Score(inPlace);
            if (a.IsT1 || b.IsT1 || c.IsT1)
            {
                // Data a method refuses (e.g. values ≤ 0 for a geometric mean) are refused in every order.
                return a.IsT1 && b.IsT1 && c.IsT1;
            }

            var last = original.Length;
            foreach (var code in new[] { "G", "Index" })
            {
                var sa = a.AsT0.Scores(code);
                var sc = c.AsT0.Scores(code);
                var sb = b.AsT0.Scores(code);
                if (!Same(sa[0], sa[last]) || !Same(sa[0], sc[0]) || !Same(sb[0], sc[0]) || a.AsT0.Ranks(code)[0] != a.AsT0.Ranks(code)[last])
                {
                    return false;
                }

                for (var u = 1; u < last; u++)
                {
                    if (!Same(sa[u], sc[u]) || b.AsT0.Ranks(code)[u] != c.AsT0.Ranks(code)[u])
                    {
                        return false;
                    }
                }
            }

            return true;
        });
    }

    [Property(MaxTest = 300)]
    public Property ScalingAllSiblingWeightsByAPowerOfTwo_GivesBitIdenticalScoresAndRanks()
    {
        // Integer weights 1..7 times 2^e stay exact for e in [−1071, 1000] (subnormal weights included), so the ratios are
        // unchanged and the results must be bit-identical.
        var gen =
            from weights in Many(Gen.Choose(1, 7).Select(i => (double)i), 1, 5)
            from e in Gen.OneOf(Gen.Choose(-1071, -1000), Gen.Choose(-300, 300), Gen.Choose(990, 1000))
            from method in Gen.Choose(0, Methods.Length - 1)
            from missing in Gen.Elements(false, true)
            from rows in Many(Value(missing).ArrayOf(2 + weights.Length + 2), 2, 5)
            select (weights, e, method, rows);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var factor = Math.ScaleB(1, t.e);
            var reference = Framework(2, t.weights[0], t.weights[1..], Methods[t.method]);
            var scaled = Framework(2, t.weights[0] * factor, [.. t.weights[1..].Select(w => w * factor)], Methods[t.method]);
            var one = ScoringPlan.Compile(reference).Score(Data(reference, t.rows));
            var two = ScoringPlan.Compile(scaled).Score(Data(scaled, t.rows));
            if (one.IsT1 || two.IsT1)
            {
                return one.IsT1 && two.IsT1;
            }

            foreach (var code in new[] { "G", "Index" })
            {
                for (var u = 0; u < t.rows.Length; u++)
                {
                    if (!Same(one.AsT0.Scores(code)[u], two.AsT0.Scores(code)[u]) || one.AsT0.Ranks(code)[u] != two.AsT0.Ranks(code)[u])
                    {
                        return false;
                    }
                }
            }

            return true;
        });
    }

    [Property(MaxTest = 200)]
    public Property ScalingAllSiblingWeightsByAnyPositiveFactor_KeepsTheScores(PositiveInt pick)
    {
        // Any positive finite factor: the scaled weights are rounded, so their ratios may move by an ulp; scores agree to 1e-13.
        double[] factors = [1e308 / 7, 1e300, 1e-300, 5e-324 * 3, 1e-320, 0.1, 3];
        var gen =
            from weights in Many(Gen.Choose(1, 7).Select(i => (double)i), 1, 5)
            from rows in Many(Value(true).ArrayOf(2 + weights.Length + 2), 2, 5)
            select (weights, rows);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var factor = factors[pick.Get % factors.Length];
            var reference = Framework(2, t.weights[0], t.weights[1..], AggregationMethod.Arithmetic);
            var scaled = Framework(2, t.weights[0] * factor, [.. t.weights[1..].Select(w => w * factor)], AggregationMethod.Arithmetic);
            var one = ScoringPlan.Compile(reference).Score(Data(reference, t.rows)).GetValueOrThrow();
            var two = ScoringPlan.Compile(scaled).Score(Data(scaled, t.rows)).GetValueOrThrow();
            var relativeError = factor >= 1e-300 ? 1e-13 : 2e-2; // subnormal weights keep few bits: 1e-320 × 7 has 3 significant digits
            for (var u = 0; u < t.rows.Length; u++)
            {
                var x = one.Scores("Index")[u];
                var y = two.Scores("Index")[u];
                if (x is null != y is null || (x is { } vx && Math.Abs(vx - y!.Value) > relativeError * Math.Max(1e-300, Math.Abs(vx))))
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Fact]
    public void WeightsOfEveryScale_GiveTheScoresOfWeightsOne()
    {
        // 11.2: 1e308 made every score Infinity; all 1e308 gave empty aggregates; 5e-324 rounded 53.507 to 54.
        double[][] rows = [[53.507, 60, 1, 2, 4], [40, 70.25, 2, 1, 5], [10, 20, 3, 3, 6]];
        var reference = Framework(2, 1, [1], AggregationMethod.Arithmetic);
        var expected = ScoringPlan.Compile(reference).Score(Data(reference, rows)).GetValueOrThrow();
        foreach (var w in new[] { 1e308, 5e-324, 1e-320, double.MaxValue, double.Epsilon * 2 })
        {
            var f = Framework(2, w, [w], AggregationMethod.Arithmetic);
            var actual = ScoringPlan.Compile(f).Score(Data(f, rows)).GetValueOrThrow();
            for (var u = 0; u < rows.Length; u++)
            {
                Assert.Equal(expected.Scores("G")[u], actual.Scores("G")[u]);
                Assert.Equal(expected.Scores("Index")[u], actual.Scores("Index")[u]);
                Assert.Equal(expected.Ranks("Index")[u], actual.Ranks("Index")[u]);
            }
        }

        Assert.Equal((53.507 + 60 + 1) / 3, expected.Scores("G")[0]!.Value, 1e-12);
    }

    [Fact]
    public void OneHugeWeight_DominatesWithoutOverflow()
    {
        // whatif --set weight:GOV=1e308: the score is (almost exactly) the heavy child's value, never Infinity.
        double[][] rows = [[53.507, 60, 1, 2, 4], [40, 70.25, 2, 1, 5]];
        var f = Framework(1, 1e308, [1, 1], AggregationMethod.Arithmetic);
        var workspace = ScoringPlan.Compile(f).CreateWorkspace(2);
        var plan = workspace.Plan;
        plan.Evaluate(Data(f, rows), workspace).Switch(_ => { }, e => Assert.Fail(e.ToString()));
        Assert.Equal(53.507, workspace.Scores("G")[0], 1e-12);
        Assert.Equal(40, workspace.Scores("G")[1], 1e-12);
        workspace.SetWeight("e0", 1);
        plan.Reaggregate(workspace).Switch(_ => { }, e => Assert.Fail(e.ToString()));
        Assert.Equal((53.507 + 60 + 1) / 3, workspace.Scores("G")[0], 1e-12);
        Assert.Equal(1, workspace.Ranks("G")[0]);
        Assert.Equal(2, workspace.Ranks("G")[1]);
    }

    [Fact]
    public void LikertUnits_WithTheSameAnswersInAnotherOrder_Tie()
    {
        // 11.4: integers 1–5, equal weights, min-max normalised: the same answers in another order must tie exactly.
        var indicators = Enumerable.Range(0, 12).Select(k => (FrameworkNode)Indicator.Create($"q{k}", LocalizedText.Of($"q{k}")).GetValueOrThrow()).ToArray();
        var root = GroupNode.Create("Index", LocalizedText.Of("Index"), NodeRole.Index, indicators).GetValueOrThrow();
        var f = RatingFramework.Create("likert", LocalizedText.Of("likert"), "test", root, ScoringMethods.Default).GetValueOrThrow();
        var rng = new Random(7);
        var rows = new List<double[]> { Enumerable.Repeat(1.0, 12).ToArray(), Enumerable.Repeat(5.0, 12).ToArray() };
        for (var u = 0; u < 40; u++)
        {
            var row = Enumerable.Range(0, 12).Select(_ => (double)rng.Next(1, 6)).ToArray();
            rows.Add(row);
            var shuffled = (double[])row.Clone();
            rng.Shuffle(shuffled);
            rows.Add(shuffled);
        }

        var result = ScoringPlan.Compile(f).Score(Data(f, [.. rows])).GetValueOrThrow();
        for (var u = 2; u < rows.Count; u += 2)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(result.Scores("Index")[u]!.Value), BitConverter.DoubleToInt64Bits(result.Scores("Index")[u + 1]!.Value));
            Assert.Equal(result.Ranks("Index")[u], result.Ranks("Index")[u + 1]);
        }
    }

    private static Gen<T[]> Many<T>(Gen<T> item, int lo, int hi) => Gen.Choose(lo, hi).SelectMany(item.ArrayOf);

    private static bool Same(double? x, double? y) =>
        x is null ? y is null : y is not null && BitConverter.DoubleToInt64Bits(x.Value) == BitConverter.DoubleToInt64Bits(y.Value);
}
