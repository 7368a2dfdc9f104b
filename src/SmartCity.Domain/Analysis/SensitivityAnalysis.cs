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

    internal abstract double Measure(UncertaintyResult result, int replicate);

    private sealed record MeanRankShiftTarget : SensitivityTarget
    {
        internal override double Measure(UncertaintyResult result, int replicate)
        {
            var ranks = result.RawRanks(replicate);
            var nominal = result.RawNominalRanks;
            double sum = 0;
            var count = 0;
            for (var u = 0; u < ranks.Length; u++)
            {
                if (!double.IsNaN(ranks[u]) && !double.IsNaN(nominal[u]))
                {
                    sum += Math.Abs(ranks[u] - nominal[u]);
                    count++;
                }
            }

            return count == 0 ? 0 : sum / count;
        }
    }

    private sealed record UnitTarget(string Unit, bool Rank) : SensitivityTarget
    {
        internal override string? TargetUnit => Unit;

        internal override double Measure(UncertaintyResult result, int replicate)
        {
            var u = result.Units.IndexOf(Unit);
            return Rank ? result.RawRanks(replicate)[u] : result.RawScores(replicate)[u];
        }
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
/// resamples of the N base samples. Seeded and deterministic; runs in parallel through <see cref="UncertaintyAnalysis.Replay"/>.
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
    /// <param name="options">Threads, cancellation, progress.</param>
    /// <param name="target">What each run measures; the mean absolute rank shift when <see langword="null"/>.</param>
    /// <returns>The indices, or errors.</returns>
    public static OneOf<SensitivityResult, ValidationErrors> Run(RatingFramework framework, Dataset data, UncertaintySpec spec, int baseSamples, ulong seed, int bootstrap = 1000, UncertaintyOptions? options = null, SensitivityTarget? target = null)
    {
        target ??= SensitivityTarget.MeanAbsoluteRankShift;
        Guard.Against.Null(framework);
        Guard.Against.Null(spec);
        var inputs = spec.Noise.Select(n => "weights-level-" + n.Level.ToString(CultureInfo.InvariantCulture)).ToList();
        if (spec.AggregationAlternatives.Count > 0)
        {
            inputs.Add("aggregation");
        }

        var d = inputs.Count;
        if (d == 0 || baseSamples < 2 || bootstrap < 1)
        {
            return ValidationErrors.Single(ErrorCodes.AnalysisSpec, string.Empty, "Sensitivity analysis needs at least one uncertain input, N ≥ 2 and at least one bootstrap resample.");
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

        var rng = SplitMix64.ForReplicate(seed, -1);
        var a = new double[baseSamples, d];
        var b = new double[baseSamples, d];
        for (var j = 0; j < baseSamples; j++)
        {
            for (var i = 0; i < d; i++)
            {
                a[j, i] = rng.NextDouble();
                b[j, i] = rng.NextDouble();
            }
        }

        // Runs: A (N), B (N), then AB_i (N each): AB_i is A with column i from B.
        var runs = new List<ReplicateParameters>(baseSamples * (d + 2));
        ReplicateParameters Make(int index, Func<int, double> u)
        {
            var weights = new List<NodeWeight>();
            for (var p = 0; p < pools.Count; p++)
            {
                var set = pools[p].Sets[Math.Min(baseSamples - 1, (int)(u(p) * baseSamples))];
                for (var k = 0; k < set.Length; k++)
                {
                    weights.Add(new NodeWeight(pools[p].Nodes[k], set[k]));
                }
            }

            AggregationMethod? aggregation = spec.AggregationAlternatives.Count == 0
                ? null
                : spec.AggregationAlternatives[Math.Min(spec.AggregationAlternatives.Count - 1, (int)(u(d - 1) * spec.AggregationAlternatives.Count))];
            return new ReplicateParameters(index, aggregation, weights);
        }

        for (var j = 0; j < baseSamples; j++)
        {
            runs.Add(Make(runs.Count + 1, i => a[j, i]));
        }

        for (var j = 0; j < baseSamples; j++)
        {
            runs.Add(Make(runs.Count + 1, i => b[j, i]));
        }

        for (var c = 0; c < d; c++)
        {
            for (var j = 0; j < baseSamples; j++)
            {
                runs.Add(Make(runs.Count + 1, i => i == c ? b[j, i] : a[j, i]));
            }
        }

        var replayed = UncertaintyAnalysis.Replay(framework, data, runs, options);
        if (replayed.TryPickT1(out var errors, out var result))
        {
            return errors;
        }

        if (target.TargetUnit is { } unit && data.IndexOfUnit(unit) < 0)
        {
            return ValidationErrors.Single(ErrorCodes.ReferenceMissing, "target", $"The target unit '{unit}' is not in the dataset.", unit);
        }

        var y = new double[runs.Count];
        for (var r = 0; r < runs.Count; r++)
        {
            y[r] = target.Measure(result, r);
        }

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

        var sample = new int[baseSamples];
        for (var k = 0; k < bootstrap; k++)
        {
            for (var j = 0; j < baseSamples; j++)
            {
                sample[j] = boot.NextInt(baseSamples);
            }

            var (_, s, t) = Estimate(y, baseSamples, d, sample);
            for (var i = 0; i < d; i++)
            {
                siBoot[i][k] = s[i];
                stiBoot[i][k] = t[i];
            }
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

        return new SensitivityResult(indices.MoveToImmutable(), baseSamples, runs.Count, variance);
    }

    /// <summary>The Saltelli estimators over the base samples listed in <paramref name="sample"/> (with repeats, for the bootstrap).</summary>
    private static (double Variance, double[] Si, double[] STi) Estimate(double[] y, int n, int d, int[] sample)
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
        var si = new double[d];
        var sti = new double[d];
        for (var i = 0; i < d; i++)
        {
            double first = 0, total = 0;
            foreach (var j in sample)
            {
                var ya = y[j];
                var yb = y[n + j];
                var yab = y[((2 + i) * n) + j];
                first += yb * (yab - ya);
                total += (ya - yab) * (ya - yab);
            }

            si[i] = variance > 0 ? first / sample.Length / variance : 0;
            sti[i] = variance > 0 ? total / (2.0 * sample.Length * variance) : 0;
        }

        return (variance, si, sti);
    }
}
