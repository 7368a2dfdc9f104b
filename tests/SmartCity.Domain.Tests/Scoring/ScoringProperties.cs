using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Tests.Properties;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Scoring;

[Properties(Arbitrary = [typeof(DomainArbitraries)])]
public class ScoringProperties
{
    private static (RatingFramework Framework, Dataset Data, ScoreResult Result) Scored(Draws draws, ScoringMethods? methods = null, bool plain = false)
    {
        var rng = draws.Open();
        var framework = RandomFrameworks.Build(rng, positiveOnly: true, plain: plain);
        if (methods is not null)
        {
            framework = framework.WithMethods(methods).GetValueOrThrow();
        }

        var data = RandomData.For(framework, rng);
        var result = ScoringPlan.Compile(framework).Score(data).GetValueOrThrow();
        return (framework, data, result);
    }

    [Property(MaxTest = 200)]
    public void Plan_AgreesWithTheNaiveReference(Draws draws)
    {
        var (f, data, result) = Scored(draws, plain: true);
        foreach (var code in f.Groups.Select(g => g.Code).Concat(f.Indicators.Select(i => i.Code)))
        {
            for (var u = 0; u < data.UnitCount; u++)
            {
                var expected = NaiveScorer.Score(f, data, code, u);
                var actual = result.Scores(code)[u].OrNaN();
                Assert.True(double.IsNaN(expected) ? double.IsNaN(actual) : Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{code}/{data.Units[u]}: naive {expected}, plan {actual}");
            }
        }
    }

    [Property(MaxTest = 200)]
    public void Contributions_SumToTheScore_ForEveryMethod(Draws draws, PositiveInt pick)
    {
        AggregationMethod[] methods = [AggregationMethod.Arithmetic, AggregationMethod.Geometric, AggregationMethod.Harmonic, AggregationMethod.Generalised(2).AsT0, AggregationMethod.Generalised(-1).AsT0, AggregationMethod.Minimum, AggregationMethod.Copeland];
        var method = methods[pick.Get % methods.Length];
        var rng = draws.Open();
        var f0 = RandomFrameworks.Build(rng, positiveOnly: true);
        var f = f0.WithMethods(new ScoringMethods(NormalisationMethod.MinMax(1, 100).AsT0, method is CopelandAggregation ? AggregationMethod.Arithmetic : method)).GetValueOrThrow();
        if (method is CopelandAggregation)
        {
            // Copeland at the root only (its values can be ≤ 0, so it cannot sit under a geometric mean).
            f = f.WithRoot(RandomFrameworks.WithChildren(f.Root, f.Root.Children, AggregationMethod.Copeland)).GetValueOrThrow();
        }

        var data = RandomData.For(f, rng);
        var result = ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        foreach (var g in f.Groups)
        {
            var table = result.GetContributions(g.Code);
            for (var u = 0; u < data.UnitCount; u++)
            {
                var score = result.Scores(g.Code)[u].OrNaN();
                var sum = 0.0;
                foreach (var v in table.Row(u))
                {
                    sum += v.OrNaN();
                }

                Assert.True(double.IsNaN(score) ? double.IsNaN(sum) : Math.Abs(sum - score) <= 1e-9 * Math.Max(1, Math.Abs(score)), $"{method.Spec} {g.Code}/{u}: contributions sum {sum}, score {score}");
            }
        }
    }

    [Property(MaxTest = 100)]
    public void Contributions_WithArithmeticMeansAndNoMissingData_AreEffectiveWeightTimesValue(Draws draws)
    {
        var rng = draws.Open();
        var f = RandomFrameworks.Build(rng, positiveOnly: true).WithMethods(new ScoringMethods(NormalisationMethod.MinMax(1, 100).AsT0)).GetValueOrThrow();
        var data = RandomData.For(f, rng, missing: 0);
        var result = ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        var weights = f.GetEffectiveWeights().ToDictionary(w => w.Code, w => w.Weight);
        var table = result.GetContributions(f.Root.Code);
        for (var u = 0; u < data.UnitCount; u++)
        {
            for (var j = 0; j < table.Indicators.Length; j++)
            {
                var code = table.Indicators[j];
                Assert.Equal(weights[code] * result.Scores(code)[u]!.Value, table[u, j]!.Value, 1e-9);
            }
        }
    }

    [Property(MaxTest = 150)]
    public void Score_IsMonotoneInAHigherIsBetterIndicator(Draws draws, PositiveInt unitPick, PositiveInt indicatorPick, PositiveInt raise)
    {
        // Without outlier treatment: treatment is not monotone (raising a value can switch an indicator from winsorising
        // to the log transform, which lowers that unit's normalised value); docs/scoring.md says so.
        var (f, data, result) = Scored(draws, plain: true);
        var u = unitPick.Get % data.UnitCount;
        var indicator = f.Indicators[indicatorPick.Get % f.Indicators.Length];
        var before = data.Value(data.Units[u], indicator.Code);
        if (double.IsNaN(before))
        {
            return;
        }

        var delta = indicator.Direction == Direction.HigherIsBetter ? raise.Get : -raise.Get;
        var changed = data.WithValue(data.Units[u], indicator.Code, before + delta).GetValueOrThrow();
        var after = ScoringPlan.Compile(f).Score(changed).GetValueOrThrow();
        var root = f.Root.Code;
        if (!double.IsNaN(result.Scores(root)[u].OrNaN()))
        {
            Assert.True(after.Scores(indicator.Code)[u].OrNaN() >= result.Scores(indicator.Code)[u].OrNaN() - 1e-9, $"improving {indicator.Code} lowered its normalised value");
            if (f.Groups.All(g => f.AggregationOf(g) is not MinimumAggregation))
            {
                Assert.True(after.Scores(root)[u].OrNaN() >= result.Scores(root)[u].OrNaN() - 1e-9, $"improving {indicator.Code} lowered the index from {result.Scores(root)[u].OrNaN()} to {after.Scores(root)[u].OrNaN()}");
            }
        }
    }

    [Property(MaxTest = 150)]
    public void Scores_AreInvariantToScalingSiblingWeights(Draws draws, PositiveInt factor)
    {
        var (f, data, result) = Scored(draws);
        var scaled = f.WithRoot(Scale(f.Root, factor.Get * 1.7)).GetValueOrThrow();
        var other = ScoringPlan.Compile(scaled).Score(data).GetValueOrThrow();
        foreach (var g in f.Groups)
        {
            for (var u = 0; u < data.UnitCount; u++)
            {
                var a = result.Scores(g.Code)[u].OrNaN();
                var b = other.Scores(g.Code)[u].OrNaN();
                Assert.True(double.IsNaN(a) ? double.IsNaN(b) : Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a)));
            }
        }

        static GroupNode Scale(GroupNode g, double c) =>
            RandomFrameworks.WithChildren(g, g.Children.Select(child => RandomFrameworks.Reweight(child is GroupNode cg ? Scale(cg, c) : child, child.Weight * c)));
    }

    [Property(MaxTest = 150)]
    public void Means_AreOrdered_ArithmeticAtLeastGeometricAtLeastHarmonic(Draws draws)
    {
        var rng = draws.Open();
        var f = RandomFrameworks.Build(rng, positiveOnly: true);
        var data = RandomData.For(f, rng);
        double[] Index(AggregationMethod m)
        {
            var framework = f.WithMethods(new ScoringMethods(NormalisationMethod.MinMax(1, 100).AsT0, m)).GetValueOrThrow();
            var stripped = framework.WithRoot(StripOverrides(framework.Root)).GetValueOrThrow();
            return ScoringPlan.Compile(stripped).Score(data).GetValueOrThrow().Scores(f.Root.Code).OrNaN();
        }

        var am = Index(AggregationMethod.Arithmetic);
        var gm = Index(AggregationMethod.Geometric);
        var hm = Index(AggregationMethod.Harmonic);
        for (var u = 0; u < am.Length; u++)
        {
            if (double.IsNaN(am[u]))
            {
                continue;
            }

            Assert.True(am[u] >= gm[u] - 1e-9 && gm[u] >= hm[u] - 1e-9, $"unit {u}: AM {am[u]}, GM {gm[u]}, HM {hm[u]}");
        }

        static GroupNode StripOverrides(GroupNode g) =>
            new(g.Code, g.Name, g.Role, [.. g.Children.Select(c => c is GroupNode cg ? StripOverrides(cg) : c)], g.Weight, null, g.MissingData, g.Description, g.Tags, g.Provenance);
    }

    [Property(MaxTest = 100)]
    public void Scores_DoNotDependOnTheOrderOfUnits(Draws draws)
    {
        var (f, data, result) = Scored(draws);
        var order = Enumerable.Range(0, data.UnitCount).Reverse().ToArray();
        var values = new double[data.UnitCount, data.Columns.Length];
        for (var u = 0; u < order.Length; u++)
        {
            for (var c = 0; c < data.Columns.Length; c++)
            {
                values[u, c] = data.Column(c)[order[u]];
            }
        }

        var attributes = data.Attributes.ToDictionary(a => a.Key, a => (IReadOnlyList<string?>)[.. order.Select(i => a.Value[i])]);
        var shuffled = Dataset.Create([.. order.Select(i => data.Units[i])], data.Columns, values, attributes).GetValueOrThrow();
        var other = ScoringPlan.Compile(f).Score(shuffled).GetValueOrThrow();
        foreach (var unit in data.Units)
        {
            Assert.Equal(result.Score(f.Root.Code, unit).OrNaN(), other.Score(f.Root.Code, unit).OrNaN(), 1e-9);
            Assert.Equal(result.Rank(f.Root.Code, unit), other.Rank(f.Root.Code, unit));
        }
    }
}
