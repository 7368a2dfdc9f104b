using System.Collections.Immutable;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Analysis;

/// <summary>Options of an uncertainty run.</summary>
public sealed record UncertaintyOptions
{
    /// <summary>Gets the most threads to use; 0 (the default) uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Gets the token that cancels the run (an <see cref="OperationCanceledException"/> is then thrown).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Gets where progress (replicates done) is reported, about a hundred times per run.</summary>
    public IProgress<int>? Progress { get; init; }
}

/// <summary>
/// Monte Carlo uncertainty analysis: each replicate draws noisy weights and an aggregation alternative, re-scores
/// incrementally (normalised values are reused; only aggregation and the index's ranks are recomputed) and ranks the
/// index. Seeded and deterministic: the same seed gives bit-identical results whatever the number of threads, and every
/// replicate's parameters are kept and can be replayed.
/// </summary>
public static class UncertaintyAnalysis
{
    /// <summary>Runs <paramref name="replicates"/> replicates.</summary>
    /// <param name="framework">The framework (its own weights and methods are the nominal case).</param>
    /// <param name="data">The dataset.</param>
    /// <param name="spec">What varies.</param>
    /// <param name="replicates">The number of replicates, ≥ 1.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="options">Threads, cancellation and progress.</param>
    /// <returns>The result, or the errors that prevent scoring (an aggregation alternative that the framework's normalisation cannot feed, bad data).</returns>
    public static OneOf<UncertaintyResult, ValidationErrors> Run(RatingFramework framework, Dataset data, UncertaintySpec spec, int replicates, ulong seed, UncertaintyOptions? options = null)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(data);
        Guard.Against.Null(spec);
        if (replicates < 1)
        {
            return ValidationErrors.Single(ErrorCodes.AnalysisSpec, "replicates", "At least one replicate is needed.", replicates.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var levels = spec.Noise.ToDictionary(n => n.Level, n => n.Factor);
        foreach (var level in levels.Keys.Where(l => l >= framework.LevelCount))
        {
            return ValidationErrors.Single(ErrorCodes.AnalysisSpec, "noise", $"Level {level} has no weights that vary: the framework's levels below the index are 1 to {framework.LevelCount - 1}.", level.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var drawn = DrawParameters(framework, spec, replicates, seed);
        if (drawn.TryPickT1(out var drawErrors, out var parameters))
        {
            return drawErrors;
        }

        return Replay(framework, data, parameters, options);
    }

    /// <summary>Draws the replicates' parameters: per replicate, its own seeded stream gives every varying weight, then the aggregation.</summary>
    internal static OneOf<ReplicateParameters[], ValidationErrors> DrawParameters(RatingFramework framework, UncertaintySpec spec, int replicates, ulong seed)
    {
        var levels = spec.Noise.ToDictionary(n => n.Level, n => n.Factor);
        var varying = spec.VaryingNodes(framework);
        var nominalWeights = varying.Select(code => framework.Find(code)!.Weight).ToArray();
        var factors = varying.Select(code => levels[framework.LevelOf(code)]).ToArray();
        var dirichletGroups = spec.Dirichlet
            .SelectMany(d => framework.Groups.Where(g => g.Children.Count > 0 && framework.LevelOf(g.Children[0].Code) == d.Level).Select(g => (Group: g, d.Concentration)))
            .ToList();
        foreach (var code in spec.ExcludableIndicators.Where(c => framework.Find(c) is not Indicator))
        {
            return ValidationErrors.Single(ErrorCodes.ReferenceMissing, "excludable", $"'{code}' is not an indicator of the framework.", code);
        }

        var alternatives = spec.AggregationAlternatives;
        var parameters = new ReplicateParameters[replicates];
        for (var r = 0; r < replicates; r++)
        {
            var rng = SplitMix64.ForReplicate(seed, r);
            var weights = new List<NodeWeight>(varying.Length);
            for (var k = 0; k < varying.Length; k++)
            {
                weights.Add(new NodeWeight(varying[k], nominalWeights[k] * (1 + (factors[k] * ((2 * rng.NextDouble()) - 1)))));
            }

            foreach (var (group, alpha) in dirichletGroups)
            {
                var total = group.Children.Sum(c => c.Weight);
                var draws = group.Children.Select(c => c.Weight > 0 ? rng.NextGamma(alpha * c.Weight / total) : 0).ToArray();
                var sum = draws.Sum();
                for (var c = 0; c < draws.Length; c++)
                {
                    weights.Add(new NodeWeight(group.Children[c].Code, sum > 0 ? total * draws[c] / sum : group.Children[c].Weight));
                }
            }

            foreach (var code in spec.ExcludableIndicators)
            {
                if (rng.NextDouble() < 0.5)
                {
                    weights.RemoveAll(w => w.Node == code);
                    weights.Add(new NodeWeight(code, 0));
                }
            }

            var aggregation = alternatives.Count == 0 ? null : alternatives[rng.NextInt(alternatives.Count)];
            var normalisation = spec.NormalisationAlternatives.Count == 0 ? null : spec.NormalisationAlternatives[rng.NextInt(spec.NormalisationAlternatives.Count)];
            var imputation = spec.ImputationAlternatives.Count == 0 ? null : spec.ImputationAlternatives[rng.NextInt(spec.ImputationAlternatives.Count)];
            parameters[r] = new ReplicateParameters(r + 1, aggregation, normalisation, imputation, weights);
        }

        return parameters;
    }

    /// <summary>Recomputes the given replicates exactly (for example parameters read back from <c>replicate_params.csv</c>).</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="data">The dataset.</param>
    /// <param name="replicates">The replicates' parameters.</param>
    /// <param name="options">Threads, cancellation and progress.</param>
    /// <returns>The result, or errors (an unknown node, a weight that is negative or not finite, scoring errors).</returns>
    public static OneOf<UncertaintyResult, ValidationErrors> Replay(RatingFramework framework, Dataset data, IReadOnlyList<ReplicateParameters> replicates, UncertaintyOptions? options = null)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(data);
        Guard.Against.Null(replicates);
        options ??= new UncertaintyOptions();
        var errors = new ErrorCollector();
        foreach (var p in replicates)
        {
            foreach (var w in p.Weights)
            {
                if (framework.Find(w.Node) is null || framework.Root.Code == w.Node)
                {
                    errors.Add(ErrorCodes.ReferenceMissing, $"replicate[{p.Index}].{w.Node}", $"Replicate {p.Index} sets the weight of '{w.Node}', which is not a weighted node of the framework.", w.Node);
                }
                else if (!double.IsFinite(w.Weight))
                {
                    errors.Add(ErrorCodes.WeightNotFinite, $"replicate[{p.Index}].{w.Node}", $"Replicate {p.Index}: the weight of '{w.Node}' must be a finite number.", w.Weight);
                }
                else if (w.Weight < 0)
                {
                    errors.Add(ErrorCodes.WeightNegative, $"replicate[{p.Index}].{w.Node}", $"Replicate {p.Index}: the weight of '{w.Node}' must not be negative.", w.Weight);
                }
            }
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        // One plan per method combination used; the nominal case is the framework's own plan (key "||").
        var plans = new Dictionary<string, ScoringPlan>(StringComparer.Ordinal) { ["||"] = ScoringPlan.Compile(framework) };
        foreach (var p in replicates.DistinctBy(p => p.MethodKey).Where(p => p.MethodKey != "||"))
        {
            var candidate = framework;
            if (p.Normalisation is not null || p.Imputation is not null)
            {
                var methods = new ScoringMethods(p.Normalisation ?? framework.Methods.Normalisation, framework.Methods.Aggregation, framework.Methods.MissingData, p.Imputation ?? framework.Methods.Imputation, framework.Methods.Treatment);
                var clearNormalisation = p.Normalisation is not null;
                var clearImputation = p.Imputation is not null;
                var cleared = TreeRewriter.Rewrite(framework.Root, n => n is Indicator i
                    ? i with { Normalisation = clearNormalisation ? null : i.Normalisation, Imputation = clearImputation ? null : i.Imputation }
                    : n);
                if (framework.With(cleared, methods).TryPickT1(out var invalidMethods, out candidate))
                {
                    return invalidMethods;
                }
            }

            if (p.Aggregation is { } a)
            {
                var alternative = candidate.WithRoot(TreeRewriter.Rewrite(candidate.Root, n => n is GroupNode g ? g with { Aggregation = a } : n));
                if (alternative.TryPickT1(out var invalid, out candidate))
                {
                    return invalid;
                }
            }

            plans[p.MethodKey] = ScoringPlan.Compile(candidate);
        }

        var nominal = plans["||"].Score(data);
        if (nominal.TryPickT1(out var nominalErrors, out var nominalResult))
        {
            return nominalErrors;
        }

        var n = data.UnitCount;
        var rootCode = framework.Root.Code;
        var scores = new double[replicates.Count * n];
        var ranks = new double[replicates.Count * n];
        var done = 0;
        var step = Math.Max(1, replicates.Count / 100);
        ValidationErrors? failure = null;
        // One worker (buffers evaluated once per plan) per thread, each over a contiguous block of replicates. Every
        // replicate depends only on its own parameters, so the output is the same whatever the number of threads.
        var threads = Math.Max(1, Math.Min(replicates.Count, options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount));
        var token = options.CancellationToken;
        token.ThrowIfCancellationRequested();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = token }, t =>
        {
            var worker = new Worker(plans, data);
            var start = (int)((long)replicates.Count * t / threads);
            var end = (int)((long)replicates.Count * (t + 1) / threads);
            for (var r = start; r < end && Volatile.Read(ref failure) is null; r++)
            {
                token.ThrowIfCancellationRequested();
                var p = replicates[r];
                var result = worker.ResultFor(p.MethodKey, out var evaluationErrors);
                if (result is null)
                {
                    Interlocked.CompareExchange(ref failure, evaluationErrors, null);
                    return;
                }

                result.ResetWeights();
                foreach (var w in p.Weights)
                {
                    result.SetWeight(w.Node, w.Weight);
                }

                if (result.Plan.Reaggregate(result, computeRanks: false).TryPickT1(out var e, out _))
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                    return;
                }

                var rootScores = result.Scores(rootCode);
                rootScores.CopyTo(scores.AsSpan(r * n, n));
                Kernels.RankDescending(rootScores, ranks.AsSpan(r * n, n), worker.Scratch);
                var count = Interlocked.Increment(ref done);
                if (options.Progress is { } progress && (count % step == 0 || count == replicates.Count))
                {
                    progress.Report(count);
                }
            }
        });

        if (failure is not null)
        {
            return failure;
        }

        return new UncertaintyResult(data.Units, rootCode, [.. nominalResult.RawScores(rootCode)], [.. nominalResult.RawRanks(rootCode)], [.. replicates], scores, ranks);
    }

    /// <summary>A thread's buffers: one evaluated workspace per plan, and rank scratch.</summary>
    private sealed class Worker(Dictionary<string, ScoringPlan> plans, Dataset data)
    {
        private readonly Dictionary<string, ScoringWorkspace> _results = new(StringComparer.Ordinal);

        public RankScratch Scratch { get; } = new(data.UnitCount);

        public ScoringWorkspace? ResultFor(string key, out ValidationErrors? errors)
        {
            errors = null;
            if (_results.TryGetValue(key, out var result))
            {
                return result;
            }

            var plan = plans[key];
            result = plan.CreateWorkspace(data.UnitCount);
            if (plan.Evaluate(data, result, computeRanks: false).TryPickT1(out errors, out _))
            {
                return null;
            }

            _results[key] = result;
            return result;
        }
    }
}

/// <summary>
/// The outcome of an uncertainty analysis: the index's nominal score and rank per unit, every replicate's parameters,
/// scores and ranks, and the rank statistics (mean, median, 5th and 95th percentile, R's type-7 quantile).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.UncertaintyResultJsonConverter))]
public sealed class UncertaintyResult
{
    private readonly double[] _scores;
    private readonly double[] _ranks;
    private readonly double[] _nominalRanks;

    internal UncertaintyResult(ImmutableArray<string> units, string node, ImmutableArray<double> nominalScores, ImmutableArray<double> nominalRanks, ImmutableArray<ReplicateParameters> replicates, double[] scores, double[] ranks)
    {
        Units = units;
        Node = node;
        _nominalRanks = [.. nominalRanks];
        NominalScores = [.. nominalScores.Select(ScoreResult.Missing)];
        NominalRanks = [.. nominalRanks.Select(ScoreDiff.RankOf)];
        Replicates = replicates;
        _scores = scores;
        _ranks = ranks;
        // Ranks are whole numbers from 1 to the number of units, so per-unit histograms (filled in one sequential pass
        // over the replicates) give the exact order statistics without sorting.
        var n = units.Length;
        var bins = n + 1;
        var histogram = new int[n * bins];
        var sums = new double[n];
        var counts = new int[n];
        for (var r = 0; r < replicates.Length; r++)
        {
            var row = ranks.AsSpan(r * n, n);
            for (var u = 0; u < n; u++)
            {
                var rank = row[u];
                if (!double.IsNaN(rank))
                {
                    histogram[(u * bins) + (int)rank]++;
                    sums[u] += rank;
                    counts[u]++;
                }
            }
        }

        var stats = ImmutableArray.CreateBuilder<RankStatistics>(n);
        for (var u = 0; u < n; u++)
        {
            var h = histogram.AsSpan(u * bins, bins);
            var c = counts[u];
            stats.Add(c == 0
                ? new RankStatistics(units[u], NominalRanks[u], null, null, null, null)
                : new RankStatistics(units[u], NominalRanks[u], sums[u] / c, Quantile(h, c, 0.5), Quantile(h, c, 0.05), Quantile(h, c, 0.95)));
        }

        RankStatistics = stats.MoveToImmutable();
    }

    /// <summary>Gets the unit codes.</summary>
    public ImmutableArray<string> Units { get; }

    /// <summary>Gets the node whose scores and ranks are analysed (the index).</summary>
    public string Node { get; }

    /// <summary>Gets the nominal scores (the framework as given), per unit; <see langword="null"/> where missing.</summary>
    public ImmutableArray<double?> NominalScores { get; }

    /// <summary>Gets the nominal ranks (1 is best), per unit; <see langword="null"/> where the score is missing.</summary>
    public ImmutableArray<int?> NominalRanks { get; }

    /// <summary>Gets every replicate's parameters.</summary>
    public ImmutableArray<ReplicateParameters> Replicates { get; }

    /// <summary>Gets the rank statistics per unit.</summary>
    public ImmutableArray<RankStatistics> RankStatistics { get; }

    /// <summary>Returns one replicate's scores of the index, per unit: a read-only view, <see langword="null"/> where missing.</summary>
    /// <param name="replicate">The replicate's position (0-based).</param>
    /// <returns>The scores.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The replicate is out of range.</exception>
    public ScoreColumn Scores(int replicate)
    {
        Guard.Against.OutOfRange(replicate, nameof(replicate), 0, Replicates.Length - 1);
        return new ScoreColumn(_scores, replicate * Units.Length, Units.Length);
    }

    /// <summary>Returns one replicate's ranks of the index, per unit: a read-only view, <see langword="null"/> where the score is missing.</summary>
    /// <param name="replicate">The replicate's position (0-based).</param>
    /// <returns>The ranks.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The replicate is out of range.</exception>
    public RankColumn Ranks(int replicate)
    {
        Guard.Against.OutOfRange(replicate, nameof(replicate), 0, Replicates.Length - 1);
        return new RankColumn(_ranks, replicate * Units.Length, Units.Length);
    }

    /// <summary>One replicate's scores, NaN where missing, for the library's own loops.</summary>
    internal ReadOnlySpan<double> RawScores(int replicate) => _scores.AsSpan(replicate * Units.Length, Units.Length);

    /// <summary>One replicate's ranks, NaN where missing, for the library's own loops.</summary>
    internal ReadOnlySpan<double> RawRanks(int replicate) => _ranks.AsSpan(replicate * Units.Length, Units.Length);

    /// <summary>The nominal ranks, NaN where missing, for the library's own loops.</summary>
    internal ReadOnlySpan<double> RawNominalRanks => _nominalRanks;

    private static double Quantile(ReadOnlySpan<int> histogram, int count, double p)
    {
        if (count == 0)
        {
            return double.NaN;
        }

        var h = (count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, count - 1);
        double low = double.NaN, high = double.NaN;
        var seen = 0;
        for (var rank = 0; rank < histogram.Length && double.IsNaN(high); rank++)
        {
            seen += histogram[rank];
            if (double.IsNaN(low) && seen > lo)
            {
                low = rank;
            }

            if (seen > hi)
            {
                high = rank;
            }
        }

        return low + ((h - lo) * (high - low));
    }

    /// <summary>R's default (type 7) quantile of sorted values: h = (n − 1)p, linear interpolation; NaN when empty.</summary>
    /// <param name="sorted">The values, ascending.</param>
    /// <param name="p">The probability in [0, 1].</param>
    /// <returns>The quantile.</returns>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        Guard.Against.Null(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}

/// <summary>
/// A unit's rank statistics over the replicates in which it is ranked; the statistics are <see langword="null"/> when it
/// is ranked in none (its score is always missing).
/// </summary>
/// <param name="Unit">The unit code.</param>
/// <param name="Nominal">The nominal rank, or <see langword="null"/> when the nominal score is missing.</param>
/// <param name="Mean">The mean rank.</param>
/// <param name="Median">The median rank.</param>
/// <param name="Q5">The 5th percentile rank.</param>
/// <param name="Q95">The 95th percentile rank.</param>
public readonly record struct RankStatistics(string Unit, int? Nominal, double? Mean, double? Median, double? Q5, double? Q95);
