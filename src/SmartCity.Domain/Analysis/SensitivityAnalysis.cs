using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Analysis;

/// <summary>First-order and total sensitivity indices of one uncertain input, with bootstrap confidence intervals.</summary>
/// <param name="Input">The input: <c>weights-level-L</c> or <c>aggregation</c>.</param>
/// <param name="Si">First-order index.</param>
/// <param name="SiLow">Lower end of the 95 % bootstrap interval of Si.</param>
/// <param name="SiHigh">Upper end of the 95 % bootstrap interval of Si.</param>
/// <param name="STi">Total index.</param>
/// <param name="STiLow">Lower end of the 95 % bootstrap interval of STi.</param>
/// <param name="STiHigh">Upper end of the 95 % bootstrap interval of STi.</param>
public readonly record struct SensitivityIndex(string Input, double Si, double SiLow, double SiHigh, double STi, double STiLow, double STiHigh);

/// <summary>What a sensitivity analysis measures in each run.</summary>
public abstract record SensitivityTarget
{
    private protected SensitivityTarget()
    {
    }

    /// <summary>Gets COINr's default: the mean over units of |rank − nominal rank| of the index.</summary>
    public static SensitivityTarget MeanAbsoluteRankShift { get; } = new MeanRankShiftTarget();

    /// <summary>One unit's score of the index.</summary>
    /// <param name="unit">The unit code.</param>
    /// <returns>The target.</returns>
    public static SensitivityTarget UnitScore(string unit) => new UnitTarget(Guard.Against.Null(unit), Rank: false);

    /// <summary>One unit's rank of the index.</summary>
    /// <param name="unit">The unit code.</param>
    /// <returns>The target.</returns>
    public static SensitivityTarget UnitRank(string unit) => new UnitTarget(Guard.Against.Null(unit), Rank: true);

    internal virtual string? TargetUnit => null;

    /// <summary>Measures one run from the index's scores and ranks (NaN where missing); <paramref name="unit"/> is the target unit's row, or −1.</summary>
    internal abstract double Measure(ReadOnlySpan<double> scores, ReadOnlySpan<double> ranks, ReadOnlySpan<double> nominalRanks, int unit);

    private sealed record MeanRankShiftTarget : SensitivityTarget
    {
        internal override double Measure(ReadOnlySpan<double> scores, ReadOnlySpan<double> ranks, ReadOnlySpan<double> nominalRanks, int unit)
        {
            double sum = 0;
            var count = 0;
            for (var u = 0; u < ranks.Length; u++)
            {
                if (!double.IsNaN(ranks[u]) && !double.IsNaN(nominalRanks[u]))
                {
                    sum += Math.Abs(ranks[u] - nominalRanks[u]);
                    count++;
                }
            }

            return count == 0 ? 0 : sum / count;
        }
    }

    private sealed record UnitTarget(string Unit, bool Rank) : SensitivityTarget
    {
        internal override string? TargetUnit => Unit;

        internal override double Measure(ReadOnlySpan<double> scores, ReadOnlySpan<double> ranks, ReadOnlySpan<double> nominalRanks, int unit) =>
            Rank ? ranks[unit] : scores[unit];
    }
}

/// <summary>The result of a variance-based sensitivity analysis.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.SensitivityResultJsonConverter))]
public sealed class SensitivityResult
{
    internal SensitivityResult(ImmutableArray<SensitivityIndex> indices, int baseSamples, int runs, double variance)
    {
        Indices = indices;
        BaseSamples = baseSamples;
        Runs = runs;
        OutputVariance = variance;
    }

    /// <summary>Gets the indices, one per uncertain input.</summary>
    public ImmutableArray<SensitivityIndex> Indices { get; }

    /// <summary>Gets N, the number of base samples.</summary>
    public int BaseSamples { get; }

    /// <summary>Gets the number of model runs, N·(d + 2).</summary>
    public int Runs { get; }

    /// <summary>Gets the variance of the output over the A and B samples.</summary>
    public double OutputVariance { get; }
}

/// <summary>
/// Variance-based sensitivity analysis (Saltelli design, N·(d + 2) runs) of the mean absolute rank shift of the index
/// against its nominal ranking (COINr's default target). The uncertain inputs are the weight noise of each level (the
/// input's uniform draw selects one of N noisy weight sets drawn from the seed, as COINr does) and, when given, the
/// choice among alternative aggregation methods.
/// </summary>
/// <remarks>
/// Estimators (COINR_SEMANTICS): <c>Si = mean(yB·(yABi − yA))/Var(y)</c>, <c>STi = Σ(yA − yABi)²/(2N·Var(y))</c>, with
/// Var(y) over the A and B runs. Confidence intervals: 2.5 % and 97.5 % percentiles of the estimates over bootstrap
/// resamples of the N base samples. Seeded and deterministic, in parallel on the incremental machinery of
/// <see cref="UncertaintyAnalysis"/>: the runs are computed base sample by base sample (B, A, then each AB_i), so
/// that consecutive runs differ in one input and re-aggregate only the groups it changes; a run that repeats another
/// (AB_i selecting the same weight set or method as A) is not recomputed. Only each run's output is kept.
/// </remarks>
public static class SensitivityAnalysis
{
    /// <summary>Runs the analysis.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="data">The dataset.</param>
    /// <param name="spec">The uncertain inputs.</param>
    /// <param name="baseSamples">N, at least 2.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="bootstrap">The number of bootstrap resamples.</param>
    /// <param name="options">Threads, cancellation, progress and the memory limit.</param>
    /// <param name="target">What each run measures; the mean absolute rank shift when <see langword="null"/>.</param>
    /// <returns>The indices, or errors (<c>analysis.spec</c>, <c>analysis.too-large</c> before anything is allocated, scoring errors).</returns>
    public static OneOf<SensitivityResult, ValidationErrors> Run(RatingFramework framework, Dataset data, UncertaintySpec spec, int baseSamples, ulong seed, int bootstrap = 1000, UncertaintyOptions? options = null, SensitivityTarget? target = null)
    {
        target ??= SensitivityTarget.MeanAbsoluteRankShift;
        Guard.Against.Null(framework);
        Guard.Against.Null(data);
        Guard.Against.Null(spec);
        options ??= new UncertaintyOptions();
        var inputs = spec.Noise.Select(n => "weights-level-" + n.Level.ToString(CultureInfo.InvariantCulture)).ToList();
        var alternatives = spec.AggregationAlternatives;
        if (alternatives.Count > 0)
        {
            inputs.Add("aggregation");
        }

        var d = inputs.Count;
        if (d == 0 || baseSamples < 2 || bootstrap < 1)
        {
            return ValidationErrors.Single(ErrorCodes.AnalysisSpec, string.Empty, "Sensitivity analysis needs at least one uncertain input, N ≥ 2 and at least one bootstrap resample.");
        }

        var unit = -1;
        if (target.TargetUnit is { } targetUnit && (unit = data.IndexOfUnit(targetUnit)) < 0)
        {
            return ValidationErrors.Single(ErrorCodes.ReferenceMissing, "target", $"The target unit '{targetUnit}' is not in the dataset.", targetUnit);
        }

        var levelNodes = spec.Noise.Select(n => UncertaintySpec.Create([n]).Match(single => single.VaryingNodes(framework).Length, _ => 0)).ToArray();
        if (CheckSize(framework, data.UnitCount, baseSamples, d, bootstrap, levelNodes, Math.Max(1, alternatives.Count) + 1, options) is { } tooLarge)
        {
            return tooLarge;
        }

        // A pool of N noisy weight sets per level, drawn from the seed; an input's uniform value selects one set.
        var pools = new List<(string[] Nodes, double[][] Sets)>();
        foreach (var noise in spec.Noise)
        {
            var levelSpec = UncertaintySpec.Create([noise]);
            if (levelSpec.TryPickT1(out var specErrors, out var single))
            {
                return specErrors;
            }

            var draw = UncertaintyAnalysis.DrawParameters(framework, single, baseSamples, seed ^ (ulong)(noise.Level * 7919));
            if (draw.TryPickT1(out var drawErrors, out var sets))
            {
                return drawErrors;
            }

            pools.Add(([.. sets[0].Weights.Select(w => w.Node)], [.. sets.Select(s => s.Weights.Select(w => w.Weight).ToArray())]));
        }

        // A (N × d) and B (N × d), drawn row by row.
        var rng = SplitMix64.ForReplicate(seed, -1);
        var a = new double[baseSamples * d];
        var b = new double[baseSamples * d];
        for (var j = 0; j < baseSamples; j++)
        {
            for (var i = 0; i < d; i++)
            {
                a[(j * d) + i] = rng.NextDouble();
                b[(j * d) + i] = rng.NextDouble();
            }
        }

        var compiled = UncertaintyAnalysis.CompilePlans(framework, alternatives.Select(m => (m.Spec + "||", (AggregationMethod?)m, (NormalisationMethod?)null, (ImputationMethod?)null)));
        if (compiled.TryPickT1(out var planErrors, out var planned))
        {
            return planErrors;
        }

        var nominal = UncertaintyAnalysis.Nominal(planned.Plans[0], data);
        if (nominal.TryPickT1(out var nominalErrors, out var nominalCase))
        {
            return nominalErrors;
        }

        // Runs: A (N), B (N), then AB_i (N each): AB_i is A with column i from B. They are computed base sample by base
        // sample (B_j, A_j, then each AB_ij), so that consecutive runs on a thread differ in one input and re-aggregate only
        // the groups it moves; an AB_ij that selects the same sets and method as A_j is A_j.
        var planOfAlternative = alternatives.Select(m => planned.PlanOfKey[m.Spec + "||"]).ToArray();
        var batch = new SaltelliBatch(pools, planOfAlternative, a, b, baseSamples, d, target, nominalCase.Ranks, unit);
        if (UncertaintyAnalysis.RunBatch(planned.Plans, nominalCase.Workspace, data, batch, options) is { } failure)
        {
            return failure;
        }

        var y = batch.Outputs();
        var all = Enumerable.Range(0, baseSamples).ToArray();
        var (variance, si, sti) = Estimate(y, baseSamples, d, all);
        var boot = new SplitMix64(seed ^ 0xB007_5EEDUL);
        var siBoot = new double[d][];
        var stiBoot = new double[d][];
        for (var i = 0; i < d; i++)
        {
            siBoot[i] = new double[bootstrap];
            stiBoot[i] = new double[bootstrap];
        }

        // Resample k draws its N indices from the bootstrap stream at draw k·N, so that resamples can be estimated on
        // any thread, in any order, with the draws and the estimates a single loop would make.
        var threads = (int)Math.Clamp(Math.Min((long)bootstrap * baseSamples / 65_536, UncertaintyAnalysis.Cores(options)), 1, bootstrap);
        var perThread = (bootstrap + threads - 1) / threads;
        void Resamples(int t)
        {
            var sample = new int[baseSamples];
            var s = new double[d];
            var st = new double[d];
            var last = Math.Min(bootstrap, (t + 1) * perThread);
            for (var k = t * perThread; k < last; k++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                var draws = boot.Skip((ulong)k * (ulong)baseSamples);
                for (var j = 0; j < baseSamples; j++)
                {
                    sample[j] = draws.NextInt(baseSamples);
                }

                Estimate(y, baseSamples, d, sample, s, st);
                for (var i = 0; i < d; i++)
                {
                    siBoot[i][k] = s[i];
                    stiBoot[i][k] = st[i];
                }
            }
        }

        if (threads == 1)
        {
            Resamples(0);
        }
        else
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = options.CancellationToken }, Resamples);
        }

        var indices = ImmutableArray.CreateBuilder<SensitivityIndex>(d);
        for (var i = 0; i < d; i++)
        {
            Array.Sort(siBoot[i]);
            Array.Sort(stiBoot[i]);
            indices.Add(new SensitivityIndex(
                inputs[i],
                si[i],
                UncertaintyResult.Quantile(siBoot[i], 0.025),
                UncertaintyResult.Quantile(siBoot[i], 0.975),
                sti[i],
                UncertaintyResult.Quantile(stiBoot[i], 0.025),
                UncertaintyResult.Quantile(stiBoot[i], 0.975)));
        }

        return new SensitivityResult(indices.MoveToImmutable(), baseSamples, y.Length, variance);
    }

    /// <summary>
    /// Checks N and the bootstrap count before anything is allocated: the runs must fit one array and the estimated memory
    /// (weight pools, the A and B samples, every run's output, the bootstrap's estimates, the workspaces) the limit.
    /// </summary>
    internal static ValidationErrors? CheckSize(RatingFramework framework, int units, int baseSamples, int inputs, int bootstrap, IReadOnlyList<int> levelNodes, int plans, UncertaintyOptions options)
    {
        var runs = (long)baseSamples * (inputs + 2);
        if (runs > Array.MaxLength)
        {
            return ValidationErrors.Single(ErrorCodes.AnalysisTooLarge, "baseSamples", string.Create(CultureInfo.InvariantCulture, $"N = {baseSamples:N0} base samples with {inputs} inputs are {runs:N0} runs, more than the {Array.MaxLength:N0} one analysis can hold (N × (inputs + 2) ≤ {Array.MaxLength:N0})."), baseSamples.ToString(CultureInfo.InvariantCulture));
        }

        if (bootstrap > Array.MaxLength)
        {
            return ValidationErrors.Single(ErrorCodes.AnalysisTooLarge, "bootstrap", string.Create(CultureInfo.InvariantCulture, $"{bootstrap:N0} bootstrap resamples are more than the {Array.MaxLength:N0} one analysis can hold."), bootstrap.ToString(CultureInfo.InvariantCulture));
        }

        long pools = 0;
        foreach (var nodes in levelNodes)
        {
            pools += baseSamples * (UncertaintyAnalysis.ReplicateBytes(nodes) + (nodes * 8L) + 32);
        }

        var bytes = pools
            + (2L * baseSamples * inputs * sizeof(double)) // A and B
            + (2L * baseSamples * inputs * sizeof(int)) // the inputs' choices in A and B
            + (runs * (sizeof(double) + (2 * sizeof(int)))) // outputs, duplicates, order
            + (2L * inputs * bootstrap * sizeof(double)) + (baseSamples * 2L * sizeof(int)) // bootstrap estimates and resample
            + (UncertaintyAnalysis.Threads(runs, options) * plans * UncertaintyAnalysis.WorkspaceBytes(framework, units));
        return UncertaintyAnalysis.CheckMemory("baseSamples", baseSamples, bytes, string.Create(CultureInfo.InvariantCulture, $"N = {baseSamples:N0} base samples ({runs:N0} runs) and {bootstrap:N0} bootstrap resamples"), options);
    }

    /// <summary>The Saltelli runs, computed base sample by base sample; each run keeps only the measured output.</summary>
    private sealed class SaltelliBatch : UncertaintyAnalysis.ReplicateBatch
    {
        private readonly List<(string[] Nodes, double[][] Sets)> _pools;
        private readonly int[] _planOfAlternative;
        private readonly int _n;
        private readonly int _d;
        private readonly SensitivityTarget _target;
        private readonly double[] _nominalRanks;
        private readonly int _unit;
        private readonly int _weights;

        /// <summary>Per base sample (N × d), the choice of each input in A and in B: a pool set, or an alternative.</summary>
        private readonly int[] _aChoices;
        private readonly int[] _bChoices;

        /// <summary>Per run (in output order: A, B, AB_1 … AB_d), the run whose output it repeats (identical choices), or −1.</summary>
        private readonly int[] _duplicateOf;

        /// <summary>Execution order: per base sample, B, A, then AB_i from the last input down (the aggregation, then the highest weight level).</summary>
        private readonly int[] _order;
        private readonly double[] _y;

        public SaltelliBatch(List<(string[] Nodes, double[][] Sets)> pools, int[] planOfAlternative, double[] a, double[] b, int n, int d, SensitivityTarget target, double[] nominalRanks, int unit)
        {
            _pools = pools;
            _planOfAlternative = planOfAlternative;
            _n = n;
            _d = d;
            _target = target;
            _nominalRanks = nominalRanks;
            _unit = unit;
            _weights = pools.Sum(p => p.Nodes.Length);
            var runs = n * (d + 2);
            _y = new double[runs];
            _aChoices = new int[n * d];
            _bChoices = new int[n * d];
            _duplicateOf = new int[runs];
            _order = new int[runs];
            for (var j = 0; j < n; j++)
            {
                for (var i = 0; i < d; i++)
                {
                    _aChoices[(j * d) + i] = Choice(i, a[(j * d) + i]);
                    _bChoices[(j * d) + i] = Choice(i, b[(j * d) + i]);
                }

                _duplicateOf[j] = -1;
                _duplicateOf[n + j] = -1;
                for (var c = 0; c < d; c++)
                {
                    _duplicateOf[((2 + c) * n) + j] = _aChoices[(j * d) + c] == _bChoices[(j * d) + c] ? j : -1;
                }

                var e = j * (d + 2);
                _order[e++] = n + j;
                _order[e++] = j;
                for (var c = d - 1; c >= 0; c--)
                {
                    _order[e++] = ((2 + c) * n) + j;
                }
            }
        }

        public override int Count => _order.Length;

        public override int PlanOf(int replicate)
        {
            var run = _order[replicate];
            return _planOfAlternative.Length == 0 ? 0 : _planOfAlternative[ChoiceOf(run, _d - 1)];
        }

        public override ReadOnlySpan<NodeWeight> WeightsOf(int replicate, ref NodeWeight[]? buffer)
        {
            buffer ??= new NodeWeight[_weights];
            var run = _order[replicate];
            var k = 0;
            for (var p = 0; p < _pools.Count; p++)
            {
                var (nodes, sets) = _pools[p];
                var set = sets[ChoiceOf(run, p)];
                for (var w = 0; w < nodes.Length; w++)
                {
                    buffer[k++] = new NodeWeight(nodes[w], set[w]);
                }
            }

            return buffer;
        }

        public override bool Skip(int replicate) => _duplicateOf[_order[replicate]] >= 0;

        public override void Store(int replicate, ReadOnlySpan<double> scores, ReadOnlySpan<double> ranks) =>
            _y[_order[replicate]] = _target.Measure(scores, ranks, _nominalRanks, _unit);

        /// <summary>Returns every run's output, the duplicates filled in.</summary>
        public double[] Outputs()
        {
            for (var r = 0; r < _y.Length; r++)
            {
                if (_duplicateOf[r] >= 0)
                {
                    _y[r] = _y[_duplicateOf[r]];
                }
            }

            return _y;
        }

        /// <summary>Run <paramref name="run"/>'s choice for input <paramref name="input"/>: AB_c takes input c from B, the others from A.</summary>
        private int ChoiceOf(int run, int input)
        {
            var (block, j) = Math.DivRem(run, _n);
            var fromB = block == 1 || block - 2 == input;
            return (fromB ? _bChoices : _aChoices)[(j * _d) + input];
        }

        /// <summary>The set (weight inputs) or alternative (the aggregation input, last) that a uniform value selects, as before: ⌊u·count⌋.</summary>
        private int Choice(int input, double u)
        {
            var count = input < _pools.Count ? _n : _planOfAlternative.Length;
            return Math.Min(count - 1, (int)(u * count));
        }
    }

    /// <summary>The Saltelli estimators over the base samples listed in <paramref name="sample"/> (with repeats, for the bootstrap).</summary>
    private static (double Variance, double[] Si, double[] STi) Estimate(double[] y, int n, int d, int[] sample)
    {
        var si = new double[d];
        var sti = new double[d];
        return (Estimate(y, n, d, sample, si, sti), si, sti);
    }

    /// <summary>
    /// The estimates of one (re)sample into <paramref name="si"/> and <paramref name="sti"/>; returns Var(y). The d inputs'
    /// sums run in one pass over the sample, each in the sample's order (the same sums as one pass per input).
    /// </summary>
    private static double Estimate(double[] y, int n, int d, int[] sample, double[] si, double[] sti)
    {
        double mean = 0;
        foreach (var j in sample)
        {
            mean += y[j] + y[n + j];
        }

        mean /= 2.0 * sample.Length;
        double variance = 0;
        foreach (var j in sample)
        {
            variance += ((y[j] - mean) * (y[j] - mean)) + ((y[n + j] - mean) * (y[n + j] - mean));
        }

        variance /= (2.0 * sample.Length) - 1;
        Span<double> first = d <= 64 ? stackalloc double[d] : new double[d];
        Span<double> total = d <= 64 ? stackalloc double[d] : new double[d];
        first.Clear();
        total.Clear();
        foreach (var j in sample)
        {
            var ya = y[j];
            var yb = y[n + j];
            for (var i = 0; i < d; i++)
            {
                var yab = y[((2 + i) * n) + j];
                first[i] += yb * (yab - ya);
                total[i] += (ya - yab) * (ya - yab);
            }
        }

        for (var i = 0; i < d; i++)
        {
            si[i] = variance > 0 ? first[i] / sample.Length / variance : 0;
            sti[i] = variance > 0 ? total[i] / (2.0 * sample.Length * variance) : 0;
        }

        return variance;
    }
}
