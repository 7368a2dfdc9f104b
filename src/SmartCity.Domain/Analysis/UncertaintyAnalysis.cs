using System.Collections.Immutable;
using System.Globalization;
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

    /// <summary>
    /// Gets the most memory, in bytes, that the run may need by the estimate made before anything is allocated (the
    /// replicates' scores, ranks and parameters, the workspaces, a sensitivity analysis's samples and bootstrap). A run
    /// estimated above it returns <c>analysis.too-large</c>. <see langword="null"/> (the default) allows half of the memory
    /// available to the process (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not positive.</exception>
    public long? MemoryLimit
    {
        get;
        init => field = value is { } v ? Guard.Against.OutOfRange(v, nameof(MemoryLimit), 1, long.MaxValue) : null;
    }
}

/// <summary>
/// Monte Carlo uncertainty analysis: each replicate draws noisy weights and an aggregation alternative, re-scores
/// incrementally (normalised values are reused; only aggregation and the index's ranks are recomputed) and ranks the
/// index. Seeded and deterministic: the same seed gives bit-identical results whatever the number of threads, and every
/// replicate's parameters are kept and can be replayed.
/// </summary>
public static class UncertaintyAnalysis
{
    /// <summary>The fewest replicates worth a thread of their own (a thread evaluates the data once per plan first).</summary>
    private const int ReplicatesPerThread = 32;

    /// <summary>Runs <paramref name="replicates"/> replicates.</summary>
    /// <param name="framework">The framework (its own weights and methods are the nominal case).</param>
    /// <param name="data">The dataset.</param>
    /// <param name="spec">What varies.</param>
    /// <param name="replicates">The number of replicates, ≥ 1.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="options">Threads, cancellation, progress and the memory limit.</param>
    /// <returns>
    /// The result, or the errors that prevent the run: <c>analysis.too-large</c> (checked before anything is allocated),
    /// an aggregation alternative that the framework's normalisation cannot feed, bad data.
    /// </returns>
    public static OneOf<UncertaintyResult, ValidationErrors> Run(RatingFramework framework, Dataset data, UncertaintySpec spec, int replicates, ulong seed, UncertaintyOptions? options = null)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(data);
        Guard.Against.Null(spec);
        options ??= new UncertaintyOptions();
        if (replicates < 1)
        {
            return ValidationErrors.Single(ErrorCodes.AnalysisSpec, "replicates", "At least one replicate is needed.", replicates.ToString(CultureInfo.InvariantCulture));
        }

        var levels = spec.Noise.ToDictionary(n => n.Level, n => n.Factor);
        foreach (var level in levels.Keys.Where(l => l >= framework.LevelCount))
        {
            return ValidationErrors.Single(ErrorCodes.AnalysisSpec, "noise", $"Level {level} has no weights that vary: the framework's levels below the index are 1 to {framework.LevelCount - 1}.", level.ToString(CultureInfo.InvariantCulture));
        }

        if (CheckSize(framework, data.UnitCount, replicates, spec, options) is { } tooLarge)
        {
            return tooLarge;
        }

        var drawn = DrawParameters(framework, spec, replicates, seed);
        if (drawn.TryPickT1(out var drawErrors, out var parameters))
        {
            return drawErrors;
        }

        return Execute(framework, data, parameters, options);
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
        var capacity = varying.Length + dirichletGroups.Sum(d => d.Group.Children.Count) + spec.ExcludableIndicators.Count;
        for (var r = 0; r < replicates; r++)
        {
            var rng = SplitMix64.ForReplicate(seed, r);
            var weights = new List<NodeWeight>(capacity);
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
    /// <param name="options">Threads, cancellation, progress and the memory limit.</param>
    /// <returns>The result, or errors (an unknown node, a weight that is negative or not finite, <c>analysis.too-large</c>, scoring errors).</returns>
    public static OneOf<UncertaintyResult, ValidationErrors> Replay(RatingFramework framework, Dataset data, IReadOnlyList<ReplicateParameters> replicates, UncertaintyOptions? options = null)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(data);
        Guard.Against.Null(replicates);
        options ??= new UncertaintyOptions();
        var errors = new ErrorCollector();
        var weightsPerReplicate = 0;
        foreach (var p in replicates)
        {
            weightsPerReplicate = Math.Max(weightsPerReplicate, p.Weights.Count);
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

        if (replicates.Count == 0)
        {
            return ValidationErrors.Single(ErrorCodes.AnalysisSpec, "replicates", "At least one replicate is needed.", "0");
        }

        // The parameters exist already; what is checked is what the run adds (its own copy of them included).
        var plans = 1 + replicates.Select(p => p.MethodKey).Distinct(StringComparer.Ordinal).Count();
        if (CheckSize(framework, data.UnitCount, replicates.Count, weightsPerReplicate, plans, options) is { } tooLarge)
        {
            return tooLarge;
        }

        return Execute(framework, data, replicates, options);
    }

    /// <summary>
    /// Compiles one plan per method combination (the framework's own first, shared by every alternative that equals it),
    /// evaluates the nominal case and runs the replicates.
    /// </summary>
    private static OneOf<UncertaintyResult, ValidationErrors> Execute(RatingFramework framework, Dataset data, IReadOnlyList<ReplicateParameters> replicates, UncertaintyOptions options)
    {
        var compiled = CompilePlans(framework, replicates.Select(p => (p.MethodKey, p.Aggregation, p.Normalisation, p.Imputation)));
        if (compiled.TryPickT1(out var planErrors, out var planned))
        {
            return planErrors;
        }

        var (plans, planOfKey) = planned;
        var nominal = Nominal(plans[0], data);
        if (nominal.TryPickT1(out var nominalErrors, out var nominalCase))
        {
            return nominalErrors;
        }

        var n = data.UnitCount;
        var count = replicates.Count;
        var nominalScores = ImmutableArray.Create(nominalCase.Workspace.Scores(plans[0].RootIndex));
        var nominalRanks = ImmutableArray.Create(nominalCase.Ranks);

        // Every replicate writes its whole row, so the arrays need not be zeroed first.
        var scores = GC.AllocateUninitializedArray<double>(count * n);
        var ranks = GC.AllocateUninitializedArray<double>(count * n);
        var planOf = new int[count];
        for (var r = 0; r < count; r++)
        {
            planOf[r] = planOfKey[replicates[r].MethodKey];
        }

        var batch = new StoringBatch(replicates, planOf, scores, ranks, n);
        if (RunBatch(plans, nominalCase.Workspace, data, batch, options) is { } failure)
        {
            return failure;
        }

        return new UncertaintyResult(data.Units, framework.Root.Code, nominalScores, nominalRanks, [.. replicates], scores, ranks);
    }

    /// <summary>
    /// Returns the plans for the method combinations used: the framework's own at 0, then one per distinct combination that
    /// differs from it (an aggregation alternative that every group already uses shares plan 0), and each key's plan.
    /// </summary>
    internal static OneOf<(ScoringPlan[] Plans, Dictionary<string, int> PlanOfKey), ValidationErrors> CompilePlans(
        RatingFramework framework, IEnumerable<(string Key, AggregationMethod? Aggregation, NormalisationMethod? Normalisation, ImputationMethod? Imputation)> combinations)
    {
        var plans = new List<ScoringPlan> { ScoringPlan.Compile(framework) };
        var planOfKey = new Dictionary<string, int>(StringComparer.Ordinal) { ["||"] = 0 };
        foreach (var (key, aggregation, normalisation, imputation) in combinations)
        {
            if (planOfKey.ContainsKey(key))
            {
                continue;
            }

            if (normalisation is null && imputation is null && aggregation is { } same && framework.Groups.All(g => framework.AggregationOf(g).Equals(same)))
            {
                planOfKey[key] = 0;
                continue;
            }

            var candidate = framework;
            if (normalisation is not null || imputation is not null)
            {
                var methods = new ScoringMethods(normalisation ?? framework.Methods.Normalisation, framework.Methods.Aggregation, framework.Methods.MissingData, imputation ?? framework.Methods.Imputation, framework.Methods.Treatment);
                var clearNormalisation = normalisation is not null;
                var clearImputation = imputation is not null;
                var cleared = TreeRewriter.Rewrite(framework.Root, n => n is Indicator i
                    ? i with { Normalisation = clearNormalisation ? null : i.Normalisation, Imputation = clearImputation ? null : i.Imputation }
                    : n);
                if (framework.With(cleared, methods).TryPickT1(out var invalidMethods, out candidate))
                {
                    return invalidMethods;
                }
            }

            if (aggregation is { } a)
            {
                var alternative = candidate.WithRoot(TreeRewriter.Rewrite(candidate.Root, n => n is GroupNode g ? g with { Aggregation = a } : n));
                if (alternative.TryPickT1(out var invalid, out candidate))
                {
                    return invalid;
                }
            }

            planOfKey[key] = plans.Count;
            plans.Add(ScoringPlan.Compile(candidate));
        }

        return (plans.ToArray(), planOfKey);
    }

    /// <summary>Evaluates the nominal case without ranks and ranks the index alone (the only ranks an analysis needs).</summary>
    internal static OneOf<(ScoringWorkspace Workspace, double[] Ranks), ValidationErrors> Nominal(ScoringPlan plan, Dataset data)
    {
        var workspace = plan.CreateWorkspace(data.UnitCount);
        if (plan.Evaluate(data, workspace, computeRanks: false).TryPickT1(out var errors, out _))
        {
            return errors;
        }

        var ranks = new double[data.UnitCount];
        Kernels.RankDescending(workspace.Scores(plan.RootIndex), ranks, new RankScratch(data.UnitCount));
        return (workspace, ranks);
    }

    /// <summary>Checks a drawn run's sizes before anything is allocated (see the other overload).</summary>
    internal static ValidationErrors? CheckSize(RatingFramework framework, int units, long replicates, UncertaintySpec spec, UncertaintyOptions options)
    {
        var (weightsPerReplicate, plans) = Shape(framework, spec);
        return CheckSize(framework, units, replicates, weightsPerReplicate, plans, options);
    }

    /// <summary>The estimated bytes of a drawn run (what <see cref="CheckSize(RatingFramework, int, long, UncertaintySpec, UncertaintyOptions)"/> compares with the limit).</summary>
    internal static long EstimateBytes(RatingFramework framework, int units, long replicates, UncertaintySpec spec, UncertaintyOptions options)
    {
        var (weightsPerReplicate, plans) = Shape(framework, spec);
        return EstimateBytes(framework, units, replicates, weightsPerReplicate, plans, options);
    }

    /// <summary>The weights each drawn replicate lists and the most plans a run compiles.</summary>
    private static (int Weights, int Plans) Shape(RatingFramework framework, UncertaintySpec spec)
    {
        var weights = spec.VaryingNodes(framework).Length
            + spec.Dirichlet.Sum(d => framework.Groups.Where(g => g.Children.Count > 0 && framework.LevelOf(g.Children[0].Code) == d.Level).Sum(g => g.Children.Count))
            + spec.ExcludableIndicators.Count;
        var plans = 1 + (Math.Max(1, spec.AggregationAlternatives.Count) * Math.Max(1, spec.NormalisationAlternatives.Count) * Math.Max(1, spec.ImputationAlternatives.Count));
        return (weights, plans);
    }

    /// <summary>The estimated bytes of a run: scores and ranks, parameters, one workspace per plan and thread, statistics.</summary>
    private static long EstimateBytes(RatingFramework framework, int units, long replicates, int weightsPerReplicate, int plans, UncertaintyOptions options) =>
        (replicates * units * 2 * sizeof(double)) // scores and ranks
        + (replicates * ReplicateBytes(weightsPerReplicate))
        + (Threads(replicates, options) * plans * WorkspaceBytes(framework, units))
        + (units * 96L); // rank statistics and the nominal case

    /// <summary>
    /// Checks the sizes the caller controls before anything is allocated: the values of the result must fit one array
    /// and the estimated memory must stay within the limit.
    /// </summary>
    private static ValidationErrors? CheckSize(RatingFramework framework, int units, long replicates, int weightsPerReplicate, int plans, UncertaintyOptions options)
    {
        var values = replicates * units;
        if (values > Array.MaxLength)
        {
            return TooLarge(
                "replicates",
                replicates,
                string.Create(CultureInfo.InvariantCulture, $"{replicates:N0} replicates × {units:N0} units are {values:N0} scores, more than the {Array.MaxLength:N0} one result can hold (replicates × units ≤ {Array.MaxLength:N0})."));
        }

        var bytes = EstimateBytes(framework, units, replicates, weightsPerReplicate, plans, options);
        return CheckMemory("replicates", replicates, bytes, string.Create(CultureInfo.InvariantCulture, $"{replicates:N0} replicates × {units:N0} units (scores, ranks and parameters)"), options);
    }

    /// <summary>Returns <c>analysis.too-large</c> when <paramref name="bytes"/> exceed the memory limit.</summary>
    internal static ValidationErrors? CheckMemory(string path, long attempted, long bytes, string what, UncertaintyOptions options)
    {
        var (limit, source) = options.MemoryLimit is { } set
            ? (set, "UncertaintyOptions.MemoryLimit")
            : (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2, "half the memory available to the process");
        return bytes <= limit
            ? null
            : TooLarge(path, attempted, $"{what} would need about {FormatBytes(bytes)}, more than the limit of {FormatBytes(limit)} ({source}).");
    }

    /// <summary>The memory of one replicate's parameters: the record, its weights and its cached key.</summary>
    internal static long ReplicateBytes(int weights) => 160 + (weights * 16L);

    /// <summary>The memory of one workspace: every node's scores, imputed values, logs, ranks and scratch, per unit.</summary>
    internal static long WorkspaceBytes(RatingFramework framework, int units)
    {
        var indicators = framework.Indicators.Length;
        var nodes = indicators + framework.Groups.Length;
        return units * 8L * (nodes + (3L * indicators) + framework.Groups.Length + 12);
    }

    /// <summary>The threads a run of <paramref name="replicates"/> uses: at most one per core, and one per <see cref="ReplicatesPerThread"/> replicates.</summary>
    internal static int Threads(long replicates, UncertaintyOptions options) =>
        (int)Math.Max(1, Math.Min(Cores(options), (replicates + ReplicatesPerThread - 1) / ReplicatesPerThread));

    /// <summary>The threads an analysis may use at most: <see cref="UncertaintyOptions.MaxDegreeOfParallelism"/>, or one per core.</summary>
    internal static int Cores(UncertaintyOptions options) =>
        options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;

    private static ValidationErrors TooLarge(string path, long attempted, string message) =>
        ValidationErrors.Single(ErrorCodes.AnalysisTooLarge, path, message, attempted.ToString(CultureInfo.InvariantCulture));

    private static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
    };

    /// <summary>
    /// Runs the replicates of <paramref name="batch"/>: one worker per thread over a contiguous block, each with one
    /// evaluated workspace per plan (thread 0 reuses the nominal one for plan 0). A replicate sets only its own weights and
    /// re-aggregates the groups they change; the groups it leaves clean hold the values of the same weights, so every
    /// replicate's result is the same whatever ran before it on its thread, and the output is the same whatever the number
    /// of threads.
    /// </summary>
    internal static ValidationErrors? RunBatch(ScoringPlan[] plans, ScoringWorkspace nominal, Dataset data, ReplicateBatch batch, UncertaintyOptions options)
    {
        var count = batch.Count;
        var done = 0;
        var step = Math.Max(1, count / 100);
        ValidationErrors? failure = null;
        var threads = Threads(count, options);
        var token = options.CancellationToken;
        token.ThrowIfCancellationRequested();
        void Block(int t)
        {
            var worker = new Worker(plans, data, t == 0 ? nominal : null);
            var start = (int)((long)count * t / threads);
            var end = (int)((long)count * (t + 1) / threads);
            for (var r = start; r < end && Volatile.Read(ref failure) is null; r++)
            {
                token.ThrowIfCancellationRequested();
                if (!batch.Skip(r))
                {
                    var plan = batch.PlanOf(r);
                    var workspace = worker.WorkspaceFor(plan, out var evaluationErrors);
                    if (workspace is null)
                    {
                        Interlocked.CompareExchange(ref failure, evaluationErrors, null);
                        return;
                    }

                    worker.Apply(plan, workspace, batch.WeightsOf(r, ref worker.Buffer));
                    if (plans[plan].Reaggregate(workspace, computeRanks: false).TryPickT1(out var e, out _))
                    {
                        Interlocked.CompareExchange(ref failure, e, null);
                        return;
                    }

                    var rootScores = workspace.Scores(plans[plan].RootIndex);
                    Kernels.RankDescending(rootScores, worker.Ranks, worker.Scratch);
                    batch.Store(r, rootScores, worker.Ranks);
                }

                var reached = Interlocked.Increment(ref done);
                if (options.Progress is { } progress && (reached % step == 0 || reached == count))
                {
                    progress.Report(reached);
                }
            }
        }

        if (threads == 1)
        {
            Block(0);
        }
        else
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = token }, Block);
        }

        return failure;
    }

    /// <summary>The replicates of a run, as the shared loop of <see cref="RunBatch"/> sees them.</summary>
    internal abstract class ReplicateBatch
    {
        /// <summary>Gets the number of replicates.</summary>
        public abstract int Count { get; }

        /// <summary>Returns the index of the plan replicate <paramref name="replicate"/> uses.</summary>
        public abstract int PlanOf(int replicate);

        /// <summary>Returns the replicate's weights (every node not listed has its framework weight), in <paramref name="buffer"/> if needed.</summary>
        public abstract ReadOnlySpan<NodeWeight> WeightsOf(int replicate, ref NodeWeight[]? buffer);

        /// <summary>Whether the replicate needs no computation (its output is filled in afterwards).</summary>
        public virtual bool Skip(int replicate) => false;

        /// <summary>Keeps the replicate's output; called concurrently for different replicates.</summary>
        public abstract void Store(int replicate, ReadOnlySpan<double> scores, ReadOnlySpan<double> ranks);
    }

    /// <summary>An uncertainty run: every replicate's scores and ranks are kept.</summary>
    private sealed class StoringBatch(IReadOnlyList<ReplicateParameters> replicates, int[] planOf, double[] scores, double[] ranks, int units) : ReplicateBatch
    {
        public override int Count => replicates.Count;

        public override int PlanOf(int replicate) => planOf[replicate];

        public override ReadOnlySpan<NodeWeight> WeightsOf(int replicate, ref NodeWeight[]? buffer) => replicates[replicate].Weights.AsSpan();

        public override void Store(int replicate, ReadOnlySpan<double> scores1, ReadOnlySpan<double> ranks1)
        {
            scores1.CopyTo(scores.AsSpan(replicate * units, units));
            ranks1.CopyTo(ranks.AsSpan(replicate * units, units));
        }
    }

    /// <summary>A thread's buffers: one evaluated workspace per plan, the weights last set on each, and rank scratch.</summary>
    private sealed class Worker
    {
        private readonly ScoringPlan[] _plans;
        private readonly Dataset _data;
        private readonly ScoringWorkspace?[] _workspaces;
        private readonly string[]?[] _lastNodes;

        public Worker(ScoringPlan[] plans, Dataset data, ScoringWorkspace? nominal)
        {
            _plans = plans;
            _data = data;
            _workspaces = new ScoringWorkspace?[plans.Length];
            _workspaces[0] = nominal;
            _lastNodes = new string[]?[plans.Length];
            Scratch = new RankScratch(data.UnitCount);
            Ranks = new double[data.UnitCount];
        }

        public NodeWeight[]? Buffer;

        public RankScratch Scratch { get; }

        public double[] Ranks { get; }

        public ScoringWorkspace? WorkspaceFor(int plan, out ValidationErrors? errors)
        {
            errors = null;
            if (_workspaces[plan] is { } workspace)
            {
                return workspace;
            }

            workspace = _plans[plan].CreateWorkspace(_data.UnitCount);
            if (_plans[plan].Evaluate(_data, workspace, computeRanks: false).TryPickT1(out errors, out _))
            {
                return null;
            }

            _workspaces[plan] = workspace;
            return workspace;
        }

        /// <summary>
        /// Sets a replicate's weights. When it sets the same nodes as the replicate before it on this workspace (as every
        /// drawn replicate does), only the weights that differ mark groups for recomputation; otherwise the framework's
        /// weights are restored first.
        /// </summary>
        public void Apply(int plan, ScoringWorkspace workspace, ReadOnlySpan<NodeWeight> weights)
        {
            var last = _lastNodes[plan];
            var same = last is not null && last.Length == weights.Length;
            for (var k = 0; same && k < weights.Length; k++)
            {
                same = string.Equals(last![k], weights[k].Node, StringComparison.Ordinal);
            }

            if (!same)
            {
                workspace.ResetWeights();
                var nodes = new string[weights.Length];
                for (var k = 0; k < weights.Length; k++)
                {
                    nodes[k] = weights[k].Node;
                }

                _lastNodes[plan] = nodes;
            }

            foreach (var w in weights)
            {
                workspace.SetWeight(w.Node, w.Weight);
            }
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

    internal UncertaintyResult(ImmutableArray<string> units, string node, ImmutableArray<double> nominalScores, ImmutableArray<double> nominalRanks, ImmutableArray<ReplicateParameters> replicates, double[] scores, double[] ranks)
    {
        Units = units;
        Node = node;
        NominalScores = [.. nominalScores.Select(ScoreResult.Missing)];
        NominalRanks = [.. nominalRanks.Select(ScoreDiff.RankOf)];
        Replicates = replicates;
        _scores = scores;
        _ranks = ranks;
        RankStatistics = ComputeStatistics(units, NominalRanks, ranks, replicates.Length);
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

    /// <summary>
    /// The rank statistics of every unit. Ranks are whole numbers from 1 to the number of units, so when there are enough
    /// replicates, counting them (histograms for a block of units at a time, small enough to stay in the cache) gives the
    /// exact order statistics without sorting; with few replicates, sorting each unit's ranks is cheaper. Both give the
    /// same numbers; memory stays linear in the units and the replicates.
    /// </summary>
    internal static ImmutableArray<RankStatistics> ComputeStatistics(ImmutableArray<string> units, ImmutableArray<int?> nominal, double[] ranks, int replicates)
    {
        var n = units.Length;
        var bins = n + 1;
        var stats = ImmutableArray.CreateBuilder<RankStatistics>(n);
        var counting = bins + replicates <= 4.0 * replicates * Math.Log2(replicates + 1);
        var block = counting ? Math.Max(1, 16384 / bins) : 1;
        var histogram = counting ? new int[block * bins] : [];
        var sorted = counting ? [] : new double[replicates];
        Span<double> q = stackalloc double[3];
        var sums = new double[block];
        var counts = new int[block];
        for (var u0 = 0; u0 < n; u0 += block)
        {
            var width = Math.Min(block, n - u0);
            Array.Clear(sums);
            Array.Clear(counts);
            if (counting)
            {
                Array.Clear(histogram);
                for (var r = 0; r < replicates; r++)
                {
                    var row = ranks.AsSpan((r * n) + u0, width);
                    for (var k = 0; k < width; k++)
                    {
                        var rank = row[k];
                        if (!double.IsNaN(rank))
                        {
                            histogram[(k * bins) + (int)rank]++;
                            sums[k] += rank;
                            counts[k]++;
                        }
                    }
                }
            }

            for (var k = 0; k < width; k++)
            {
                var u = u0 + k;
                var c = counts[k];
                if (!counting)
                {
                    for (var r = 0; r < replicates; r++)
                    {
                        var rank = ranks[(r * n) + u];
                        if (!double.IsNaN(rank))
                        {
                            sorted[c++] = rank;
                            sums[k] += rank;
                        }
                    }

                    sorted.AsSpan(0, c).Sort();
                }

                if (c == 0)
                {
                    stats.Add(new RankStatistics(units[u], nominal[u], null, null, null, null));
                    continue;
                }

                if (counting)
                {
                    Quantiles(histogram.AsSpan(k * bins, bins), c, q);
                }
                else
                {
                    for (var i = 0; i < 3; i++)
                    {
                        q[i] = Quantile(sorted.AsSpan(0, c), Probabilities[i]);
                    }
                }

                stats.Add(new RankStatistics(units[u], nominal[u], sums[k] / c, q[0], q[1], q[2]));
            }
        }

        return stats.MoveToImmutable();
    }

    /// <summary>The probabilities of the median, Q5 and Q95, in the order of <see cref="Quantiles"/>' output.</summary>
    private static ReadOnlySpan<double> Probabilities => [0.5, 0.05, 0.95];

    /// <summary>The type-7 quantiles at <see cref="Probabilities"/> of the <paramref name="count"/> ranks counted in <paramref name="histogram"/>, in one scan.</summary>
    private static void Quantiles(ReadOnlySpan<int> histogram, int count, Span<double> into)
    {
        // The order statistics needed (0-based positions in the sorted ranks): each probability's floor and the one after,
        // visited in increasing position so that one scan of the histogram finds them all.
        Span<int> positions = stackalloc int[6];
        Span<int> order = stackalloc int[6];
        Span<double> values = stackalloc double[6];
        for (var i = 0; i < 3; i++)
        {
            var lo = (int)Math.Floor((count - 1) * Probabilities[i]);
            positions[2 * i] = lo;
            positions[(2 * i) + 1] = Math.Min(lo + 1, count - 1);
        }

        for (var i = 0; i < 6; i++)
        {
            var j = i;
            for (; j > 0 && positions[order[j - 1]] > positions[i]; j--)
            {
                order[j] = order[j - 1];
            }

            order[j] = i;
        }

        var next = 0;
        var seen = 0;
        for (var rank = 0; rank < histogram.Length && next < 6; rank++)
        {
            seen += histogram[rank];
            while (next < 6 && seen > positions[order[next]])
            {
                values[order[next++]] = rank;
            }
        }

        for (var i = 0; i < 3; i++)
        {
            var h = (count - 1) * Probabilities[i];
            into[i] = values[2 * i] + ((h - positions[2 * i]) * (values[(2 * i) + 1] - values[2 * i]));
        }
    }

    /// <summary>R's type-7 quantile of sorted values (not empty).</summary>
    private static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
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
