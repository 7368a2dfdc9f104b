using System.Collections.Immutable;
using OneOf;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Multivariate;

/// <summary>What <see cref="OptimisedWeights"/> aims for (COINr <c>optype</c>).</summary>
public enum OptimisationGoal
{
    /// <summary>The components' correlations with the index, as shares of their sum, match target shares (<c>"balance"</c>).</summary>
    Balance,

    /// <summary>The sum of the components' correlations with the index is maximal (<c>"infomax"</c>).</summary>
    InfoMax,
}

/// <summary>Settings of the weight optimisation.</summary>
/// <param name="Method">The correlation (COINr <c>cortype</c>, Pearson by default).</param>
/// <param name="Tolerance">
/// Nelder–Mead's relative tolerance on the objective (COINr <c>toler</c>, whose default 0.1 stops after a handful of
/// evaluations); here 1e-10 by default.
/// </param>
/// <param name="MaxEvaluations">The budget of objective evaluations over all restarts (COINr <c>maxiter</c> = 500 iterations).</param>
/// <param name="Restarts">How many times the simplex is rebuilt around the best point after it converges, to escape a collapsed simplex.</param>
public sealed record OptimisationOptions(CorrelationMethod Method = CorrelationMethod.Pearson, double Tolerance = 1e-10, int MaxEvaluations = 20000, int Restarts = 4)
{
    /// <summary>Gets the defaults: Pearson, tolerance 1e-10, 20 000 evaluations, 4 restarts.</summary>
    public static OptimisationOptions Default { get; } = new();
}

/// <summary>One component of the optimised level.</summary>
/// <param name="Node">The node code.</param>
/// <param name="Weight">Its optimised weight (the level's weights sum to 1).</param>
/// <param name="Correlation">Its correlation with the index under the optimised weights; <see langword="null"/> when undefined.</param>
/// <param name="TargetShare">Its target share of the correlations' sum (Balance), <see langword="null"/> for InfoMax.</param>
/// <param name="ObtainedShare">Its correlation as a share of the correlations' sum under the optimised weights (COINr's <c>Obtained</c> for Balance).</param>
public sealed record ComponentFit(string Node, double Weight, double? Correlation, double? TargetShare, double? ObtainedShare);

/// <summary>The result of a weight optimisation (COINr <c>get_opt_weights</c>), with how close the target was reached.</summary>
/// <param name="Goal">Balance or InfoMax.</param>
/// <param name="Level">The level whose weights were optimised.</param>
/// <param name="Components">One per node of the level, in framework order.</param>
/// <param name="Weights">The optimised weights of the level's nodes, summing to 1 (COINr's <c>OptWeight</c>).</param>
/// <param name="Objective">
/// COINr's objective at the optimised weights: <c>log(Σ(target − share)²/n)</c> for Balance (−∞ when the target is met
/// exactly is reported as <see langword="null"/>), <c>−Σ correlations</c> for InfoMax.
/// </param>
/// <param name="InitialObjective">The same objective at the starting weights (the targets for Balance, the framework's weights for InfoMax).</param>
/// <param name="MaxShareDeviation">Balance: the largest |target share − obtained share| under the optimised weights; <see langword="null"/> for InfoMax.</param>
/// <param name="Evaluations">The number of objective evaluations (each a re-aggregation).</param>
/// <param name="Converged">Whether the simplex converged within <see cref="OptimisationOptions.Tolerance"/> before the evaluation budget ran out.</param>
/// <param name="Tolerance">The tolerance used.</param>
public sealed record OptimisedWeightsResult(
    OptimisationGoal Goal,
    int Level,
    ImmutableArray<ComponentFit> Components,
    ImmutableArray<NodeWeight> Weights,
    double? Objective,
    double? InitialObjective,
    double? MaxShareDeviation,
    int Evaluations,
    bool Converged,
    double Tolerance)
{
    /// <summary>Returns the framework with the optimised weights set on the level's nodes.</summary>
    /// <param name="framework">The framework that was optimised.</param>
    /// <returns>The re-weighted framework, or the edit's errors.</returns>
    public OneOf<RatingFramework, ValidationErrors> ApplyTo(RatingFramework framework)
    {
        Guard.Against.Null(framework);
        return framework.Edit(Weights.Select(w => FrameworkEdit.SetWeight(w.Node, w.Weight)));
    }

    /// <inheritdoc/>
    public bool Equals(OptimisedWeightsResult? other) =>
        other is not null && Goal == other.Goal && Level == other.Level && Components.SequenceEqual(other.Components) && Weights.SequenceEqual(other.Weights)
        && Objective.Equals(other.Objective) && InitialObjective.Equals(other.InitialObjective) && MaxShareDeviation.Equals(other.MaxShareDeviation)
        && Evaluations == other.Evaluations && Converged == other.Converged && Tolerance.Equals(other.Tolerance);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Goal, Level, Objective, Evaluations);
}

/// <summary>
/// Weights at one level chosen so that the components' correlations with the index match target shares ("balance") or
/// are as large as possible ("infomax"), as COINr's <c>get_opt_weights</c>: Nelder–Mead over the level's weights, each
/// evaluation re-aggregating the index.
/// </summary>
/// <remarks>
/// <para>Differences from COINr: weights are kept ≥ 0 (the search runs over θ with w = |θ|/Σ|θ|; COINr's may go negative);
/// the tolerance is 1e-10, not 0.1, with restarts; the shares reported are those of the returned weights (COINr's come from
/// the last evaluation); no p-value filter is applied to the correlations (COINr's <c>get_corr</c> drops those with p &gt; 0.05,
/// which makes its objective undefined).</para>
/// </remarks>
public static class OptimisedWeights
{
    /// <summary>Optimises for target shares of the correlations ("balance").</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="data">The dataset.</param>
    /// <param name="level">The level whose weights change (1 = indicators), below the index.</param>
    /// <param name="targets">One relative importance per node of the level, in framework order (scaled to sum to 1); equal when <see langword="null"/> (COINr <c>itarg = "equal"</c>).</param>
    /// <param name="options">Settings; <see cref="OptimisationOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The result, or errors (<c>multivariate.level</c>, <c>multivariate.spec</c>, scoring errors).</returns>
    public static OneOf<OptimisedWeightsResult, ValidationErrors> Balance(RatingFramework framework, Dataset data, int level, IReadOnlyList<double>? targets = null, OptimisationOptions? options = null) =>
        Run(framework, data, level, OptimisationGoal.Balance, targets, options ?? OptimisationOptions.Default);

    /// <summary>Optimises for the largest sum of the correlations ("infomax").</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="data">The dataset.</param>
    /// <param name="level">The level whose weights change, below the index.</param>
    /// <param name="options">Settings.</param>
    /// <returns>The result, or errors.</returns>
    public static OneOf<OptimisedWeightsResult, ValidationErrors> InfoMax(RatingFramework framework, Dataset data, int level, OptimisationOptions? options = null) =>
        Run(framework, data, level, OptimisationGoal.InfoMax, null, options ?? OptimisationOptions.Default);

    private static OneOf<OptimisedWeightsResult, ValidationErrors> Run(RatingFramework framework, Dataset data, int level, OptimisationGoal goal, IReadOnlyList<double>? targets, OptimisationOptions options)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(data);
        var errors = new ErrorCollector();
        if (level < 1 || level >= framework.LevelCount)
        {
            errors.Add(ErrorCodes.MultivariateLevel, "level", $"The level must be between 1 and {framework.LevelCount - 1}.", level);
            return errors.ToErrors();
        }

        var plan = ScoringPlan.Compile(framework);
        var nodes = plan.NodeCodes.Where(c => c != framework.Root.Code && framework.LevelOf(c) == level).ToArray();
        var n = nodes.Length;
        double[]? target = null;
        if (goal == OptimisationGoal.Balance)
        {
            var t = targets ?? Enumerable.Repeat(1.0, n).ToArray();
            if (t.Count != n)
            {
                errors.Add(ErrorCodes.MultivariateSpec, "targets", $"Give one target per node of level {level} ({n}); got {t.Count}.", t.Count);
            }
            else if (t.Any(x => !(x >= 0) || !double.IsFinite(x)) || !(t.Sum() > 0))
            {
                errors.Add(ErrorCodes.MultivariateSpec, "targets", "Targets must be finite, not negative, and not all zero.");
            }
            else
            {
                var sum = t.Sum();
                target = [.. t.Select(x => x / sum)];
            }
        }

        if (!(options.Tolerance > 0) || !double.IsFinite(options.Tolerance))
        {
            errors.Add(ErrorCodes.MultivariateSpec, "options.tolerance", "The tolerance must be a positive number.", options.Tolerance);
        }

        if (options.MaxEvaluations < 1 || options.Restarts < 0)
        {
            errors.Add(ErrorCodes.MultivariateSpec, "options.maxEvaluations", "The evaluation budget must be at least 1 and restarts not negative.", options.MaxEvaluations);
        }

        if (!Enum.IsDefined(options.Method))
        {
            errors.Add(ErrorCodes.MultivariateSpec, "options.method", "Unknown correlation method.", options.Method.ToString());
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var workspace = plan.CreateWorkspace(data.UnitCount);
        if (plan.Evaluate(data, workspace, computeRanks: false).TryPickT1(out var scoringErrors, out _))
        {
            return scoringErrors;
        }

        var evaluator = new Evaluator(plan, workspace, nodes, framework.Root.Code, goal, target, options.Method);
        var start = goal == OptimisationGoal.Balance ? target! : nodes.Select(c => framework.Find(c)!.Weight).ToArray();
        var startSum = start.Sum();
        start = startSum > 0 ? [.. start.Select(x => x / startSum)] : [.. Enumerable.Repeat(1.0 / n, n)];
        var initial = evaluator.Evaluate(start);
        var (best, evaluations, converged) = NelderMead.Minimise(evaluator.Loss, start, options.Tolerance, options.MaxEvaluations, options.Restarts);
        var weights = Evaluator.Normalise(best);
        var final = evaluator.Evaluate(weights);
        var shares = final.Correlations.Sum();
        var components = ImmutableArray.CreateBuilder<ComponentFit>(n);
        for (var k = 0; k < n; k++)
        {
            var r = final.Correlations[k];
            components.Add(new ComponentFit(
                nodes[k],
                weights[k],
                Statistics(r),
                target?[k],
                Statistics(r / shares)));
        }

        double? deviation = target is null ? null : Statistics(target.Select((t, k) => Math.Abs(t - (final.Correlations[k] / shares))).Max());
        return new OptimisedWeightsResult(
            goal,
            level,
            components.MoveToImmutable(),
            [.. nodes.Select((c, k) => new NodeWeight(c, weights[k]))],
            Statistics(final.Objective),
            Statistics(initial.Objective),
            deviation,
            evaluations,
            converged,
            options.Tolerance);
    }

    private static double? Statistics(double x) => double.IsFinite(x) ? x : null;

    /// <summary>Re-aggregates under candidate weights and measures the objective. Mutable; one per optimisation.</summary>
    private sealed class Evaluator(ScoringPlan plan, ScoringWorkspace workspace, string[] nodes, string root, OptimisationGoal goal, double[]? target, CorrelationMethod method)
    {
        private readonly Correlations.Scratch _scratch = new(workspace.UnitCount);
        private readonly double[] _weights = new double[nodes.Length];

        public static double[] Normalise(ReadOnlySpan<double> theta)
        {
            var w = new double[theta.Length];
            var sum = 0.0;
            for (var k = 0; k < theta.Length; k++)
            {
                w[k] = Math.Abs(theta[k]);
                sum += w[k];
            }

            for (var k = 0; k < w.Length; k++)
            {
                w[k] = sum > 0 ? w[k] / sum : 1.0 / w.Length;
            }

            return w;
        }

        /// <summary>The quantity minimised: the mean squared share deviation (Balance) or −Σr (InfoMax); +∞ when undefined.</summary>
        public double Loss(double[] theta)
        {
            var sum = 0.0;
            for (var k = 0; k < theta.Length; k++)
            {
                sum += Math.Abs(theta[k]);
            }

            if (!(sum > 0) || !double.IsFinite(sum))
            {
                return double.PositiveInfinity;
            }

            for (var k = 0; k < theta.Length; k++)
            {
                _weights[k] = Math.Abs(theta[k]) / sum;
            }

            var (loss, _, _) = Measure(_weights);
            return double.IsNaN(loss) ? double.PositiveInfinity : loss;
        }

        public (double Objective, double[] Correlations) Evaluate(double[] weights)
        {
            var (_, objective, correlations) = Measure(weights);
            return (objective, [.. correlations]);
        }

        private (double Loss, double Objective, double[] Correlations) Measure(double[] weights)
        {
            var correlations = new double[nodes.Length];
            for (var k = 0; k < nodes.Length; k++)
            {
                workspace.SetWeight(nodes[k], weights[k]);
            }

            if (plan.Reaggregate(workspace, computeRanks: false).IsT1)
            {
                Array.Fill(correlations, double.NaN);
                return (double.NaN, double.NaN, correlations);
            }

            var index = workspace.Scores(root);
            for (var k = 0; k < nodes.Length; k++)
            {
                correlations[k] = Correlations.Compute(workspace.Scores(nodes[k]), index, method, _scratch, out _, out _);
            }

            if (goal == OptimisationGoal.InfoMax)
            {
                var s = -correlations.Sum();
                return (s, s, correlations);
            }

            var total = correlations.Sum();
            var ss = 0.0;
            for (var k = 0; k < nodes.Length; k++)
            {
                var d = target![k] - (correlations[k] / total);
                ss += d * d;
            }

            var mean = ss / nodes.Length;
            return (mean, Math.Log(mean), correlations);
        }
    }
}

/// <summary>Nelder–Mead simplex minimisation with R's <c>optim</c> coefficients (reflection 1, contraction 0.5, expansion 2) and restarts.</summary>
internal static class NelderMead
{
    public static (double[] Best, int Evaluations, bool Converged) Minimise(Func<double[], double> f, double[] start, double tolerance, int maxEvaluations, int restarts)
    {
        var best = (double[])start.Clone();
        var bestValue = f(best);
        var evaluations = 1;
        var converged = false;
        for (var round = 0; round <= restarts && evaluations < maxEvaluations; round++)
        {
            var (x, fx, used, ok) = Run(f, best, bestValue, tolerance, maxEvaluations - evaluations);
            evaluations += used;
            var improved = fx < bestValue - (tolerance * (Math.Abs(bestValue) + tolerance));
            if (fx <= bestValue)
            {
                best = x;
                bestValue = fx;
            }

            converged = ok;
            if (!ok || !improved || bestValue <= 1e-30)
            {
                break;
            }
        }

        return (best, evaluations, converged);
    }

    private static (double[] X, double Fx, int Evaluations, bool Converged) Run(Func<double[], double> f, double[] start, double fStart, double tolerance, int budget)
    {
        var n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        simplex[0] = (double[])start.Clone();
        values[0] = fStart;
        var size = 0.1 * start.Max(Math.Abs);
        size = size > 0 ? size : 0.1;
        var used = 0;
        for (var i = 0; i < n; i++)
        {
            var v = (double[])start.Clone();
            v[i] += size;
            simplex[i + 1] = v;
            values[i + 1] = f(v);
            used++;
        }

        var centroid = new double[n];
        while (true)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(i => values[i]).ToArray();
            simplex = [.. order.Select(i => simplex[i])];
            values = [.. order.Select(i => values[i])];
            var low = values[0];
            var high = values[n];
            if (high <= low + (tolerance * (Math.Abs(low) + tolerance)) || low <= 1e-30)
            {
                return (simplex[0], low, used, true);
            }

            if (used >= budget)
            {
                return (simplex[0], low, used, false);
            }

            Array.Clear(centroid);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    centroid[j] += simplex[i][j] / n;
                }
            }

            var reflected = Step(centroid, simplex[n], 1);
            var fr = f(reflected);
            used++;
            if (fr < values[0])
            {
                var expanded = Step(centroid, simplex[n], 2);
                var fe = f(expanded);
                used++;
                (simplex[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
                continue;
            }

            if (fr < values[n - 1])
            {
                (simplex[n], values[n]) = (reflected, fr);
                continue;
            }

            var outside = fr < values[n];
            var contracted = Step(centroid, simplex[n], outside ? 0.5 : -0.5);
            var fc = f(contracted);
            used++;
            if (fc < Math.Min(fr, values[n]))
            {
                (simplex[n], values[n]) = (contracted, fc);
                continue;
            }

            // Shrink towards the best vertex.
            for (var i = 1; i <= n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    simplex[i][j] = simplex[0][j] + (0.5 * (simplex[i][j] - simplex[0][j]));
                }

                values[i] = f(simplex[i]);
                used++;
            }
        }
    }

    private static double[] Step(double[] centroid, double[] worst, double coefficient)
    {
        var x = new double[centroid.Length];
        for (var j = 0; j < x.Length; j++)
        {
            x[j] = centroid[j] + (coefficient * (centroid[j] - worst[j]));
        }

        return x;
    }
}
