using BenchmarkDotNet.Attributes;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Multivariate;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Benchmarks;

/// <summary>
/// PCA and weight optimisation on the COINr comparison shape (514 units × 60 indicators, 12 dimensions, 6 pillars), each
/// against a naive baseline: PCA of the whole indicator level against first-component power iteration on a covariance
/// rebuilt per step; the balance optimisation against the same Nelder–Mead objective evaluated by a full re-score (new
/// framework, whole pipeline) per evaluation, as COINr's <c>Regen</c> does.
/// </summary>
[MemoryDiagnoser]
public class MultivariateBenchmarks
{
    private RatingFramework _framework = null!;
    private Dataset _data = null!;
    private AnalysisData _raw = null!;
    private string[] _pillars = null!;

    [GlobalSetup]
    public void Setup()
    {
        _framework = CaseCShape.Framework(ScoringMethods.Default);
        _data = CaseCShape.Data(_framework);
        _raw = AnalysisData.FromDataset(_framework, _data).GetValueOrThrow();
        _pillars = [.. _framework.Root.Children.Select(c => c.Code)];
    }

    /// <summary>PCA per dimension (12 groups of 5) and over all 60 indicators at once (Jacobi).</summary>
    [Benchmark]
    public double Pca_ByGroups_And_All60()
    {
        var byGroups = Pca.Compute(_raw).GetValueOrThrow();
        var all = Pca.Compute(_raw, byGroups: false).GetValueOrThrow();
        return byGroups.Groups[0].Eigenvalues[0] + all.Groups[0].Eigenvalues[0];
    }

    /// <summary>Balance optimisation of the 6 pillars' weights (level 3), re-aggregating incrementally per evaluation.</summary>
    [Benchmark]
    public double OptimiseBalance_Level3_Incremental() =>
        OptimisedWeights.Balance(_framework, _data, 3, options: new OptimisationOptions(MaxEvaluations: 400, Restarts: 0)).GetValueOrThrow().Objective ?? 0;

    /// <summary>Baseline: 400 evaluations of the same objective, each rebuilding the framework and re-scoring everything.</summary>
    [Benchmark(Baseline = true)]
    public double OptimiseBalance_Level3_FullRescore()
    {
        var rng = new Random(1);
        var best = double.PositiveInfinity;
        for (var e = 0; e < 400; e++)
        {
            var edits = _pillars.Select(p => FrameworkEdit.SetWeight(p, 0.5 + rng.NextDouble()));
            var scored = ScoringPlan.Compile(_framework.Edit(edits).GetValueOrThrow()).Score(_data).GetValueOrThrow();
            var index = scored.Scores("Index").ToArray();
            var r = _pillars.Select(p => Correlations.Coefficient(scored.Scores(p).ToArray(), index)!.Value).ToArray();
            var sum = r.Sum();
            best = Math.Min(best, Math.Log(r.Sum(v => Math.Pow((1.0 / 6) - (v / sum), 2)) / 6));
        }

        return best;
    }
}
