using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Analysis;

/// <summary>
/// Target seeking: the smallest change of a unit's raw indicator values that makes it reach a rank, a score or a maturity
/// level at a group — for each indicator alone, and the cheapest combination under bounds — exact under the framework's
/// own methods (imputation, treatment, normalisation with goalposts that move when the unit becomes the column's minimum
/// or maximum, aggregation, ranks).
/// </summary>
/// <remarks>
/// <para><b>One indicator.</b> The raw value moves only in the direction that improves it, from its current value to its
/// limit (<see cref="IndicatorBound"/>; by default the best value observed in the column). Each trial value is scored by
/// the exact pipeline: the indicator's column is re-imputed, re-treated and re-normalised over all units (so min-max
/// ranges move when the unit passes the maximum), and only the groups above it are re-aggregated. When the target
/// measure is proven monotone in the value (<see cref="SingleIndicatorSeek.MonotonicityProven"/>) the search is a
/// bisection down to adjacent doubles: the value reported meets the target and the double just before it does not. The
/// reported value is finally checked by a full re-score of the edited dataset.</para>
/// <para><b>Combinations.</b> The cost of a move is |Δx| / (max − min of the raw column), summed over indicators. The
/// search ranks the movable indicators by the score gained per unit of cost when moved to their limits, moves them in
/// that order until the target is met, bisects the last one, then shrinks the earlier ones back as far as the target
/// allows; the cheapest single-indicator move is taken instead when it costs less. When the unit's score is linear in
/// every move (arithmetic means of min-max or goalpost values, moves within the observed range — the default limits) this
/// is the optimum of the resulting fractional knapsack; otherwise it is a good combination, never dearer than the best
/// single move.</para>
/// </remarks>
public static class TargetSeeking
{
    /// <summary>Runs a target search.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="data">The dataset.</param>
    /// <param name="request">The unit, target, bounds and movable indicators.</param>
    /// <returns>The result, or <c>seek.spec</c> errors (an unknown unit, node, indicator or level; a rank outside 1..units; a bound that is not finite), or the scoring errors of the dataset.</returns>
    public static OneOf<TargetSeekResult, ValidationErrors> Run(RatingFramework framework, Dataset data, TargetSeekRequest request)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(data);
        Guard.Against.Null(request);
        var plan = ScoringPlan.Compile(framework);
        var errors = Validate(plan, data, request, out var levelIndex);
        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var workspace = plan.CreateWorkspace(data.UnitCount);
        if (plan.Evaluate(data, workspace, computeRanks: false).TryPickT1(out var scoringErrors, out _))
        {
            return scoringErrors;
        }

        var seeker = new Seeker(plan, data, workspace, request, levelIndex);
        return seeker.Solve();
    }

    private static ErrorCollector Validate(ScoringPlan plan, Dataset data, TargetSeekRequest request, out int levelIndex)
    {
        var errors = new ErrorCollector();
        levelIndex = -1;
        if (data.IndexOfUnit(request.Unit) < 0)
        {
            errors.Add(ErrorCodes.SeekSpec, "unit", $"The dataset has no unit '{request.Unit}'.", request.Unit);
        }

        var target = request.Target;
        var node = plan.IndexOf(target.Node);
        if (node < plan.IndicatorCount)
        {
            errors.Add(ErrorCodes.SeekSpec, "target.node", node < 0 ? $"The framework has no node '{target.Node}'." : $"'{target.Node}' is an indicator; a target is set at a group.", target.Node);
        }

        switch (target)
        {
            case RankTarget { Rank: var rank } when rank < 1 || rank > data.UnitCount:
                errors.Add(ErrorCodes.SeekSpec, "target.rank", $"The rank must be between 1 and {data.UnitCount}, the number of units.", rank.ToString(CultureInfo.InvariantCulture));
                break;
            case ScoreTarget { Score: var score } when !double.IsFinite(score):
                errors.Add(ErrorCodes.SeekSpec, "target.score", "The score must be a finite number.", ErrorCollector.Format(score));
                break;
            case LevelTarget level:
                var levels = plan.Framework.MaturityLevels;
                levelIndex = -1;
                for (var k = 0; levels is not null && k < levels.Classes.Count; k++)
                {
                    if (levels.Classes[k].Code == level.Level)
                    {
                        levelIndex = k;
                    }
                }

                if (levelIndex < 0)
                {
                    errors.Add(ErrorCodes.SeekSpec, "target.level", levels is null ? "The framework has no maturity levels." : $"The framework's maturity levels have no class '{level.Level}'.", level.Level);
                }

                break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var b = 0; b < request.Bounds.Count; b++)
        {
            var bound = request.Bounds[b];
            var path = string.Create(CultureInfo.InvariantCulture, $"bounds[{b}]");
            var i = plan.IndexOf(bound.Indicator ?? string.Empty);
            if (i < 0 || i >= plan.IndicatorCount)
            {
                errors.Add(ErrorCodes.SeekSpec, path + ".indicator", $"'{bound.Indicator}' is not an indicator of the framework.", bound.Indicator);
            }
            else if (!seen.Add(bound.Indicator!))
            {
                errors.Add(ErrorCodes.SeekSpec, path + ".indicator", $"'{bound.Indicator}' has two bounds.", bound.Indicator);
            }

            if (bound.Limit is { } limit && !double.IsFinite(limit))
            {
                errors.Add(ErrorCodes.SeekSpec, path + ".limit", "A limit must be a finite number.", ErrorCollector.Format(limit));
            }

            if (bound.MaxRelativeChange is { } rel && !(double.IsFinite(rel) && rel >= 0))
            {
                errors.Add(ErrorCodes.SeekSpec, path + ".maxRelativeChange", "A relative change must be a finite number of at least 0.", ErrorCollector.Format(rel));
            }
        }

        for (var m = 0; m < request.Movable.Count; m++)
        {
            var code = request.Movable[m] ?? string.Empty;
            var i = plan.IndexOf(code);
            if (i < 0 || i >= plan.IndicatorCount)
            {
                errors.Add(ErrorCodes.SeekSpec, string.Create(CultureInfo.InvariantCulture, $"movable[{m}]"), $"'{code}' is not an indicator of the framework.", code);
            }
        }

        return errors;
    }

    /// <summary>Whether the target measure is proven non-decreasing in indicator <paramref name="i"/>'s improvement (see the remarks of <see cref="SingleIndicatorSeek"/>).</summary>
    internal static bool IsMonotone(ScoringPlan plan, Dataset data, int i, bool rankTarget)
    {
        var step = plan.IndicatorSteps[i];
        if (step.Treatment is not NoTreatment)
        {
            return false; // winsorising and the log fallback switch on and off with the column's shape
        }

        if (!rankTarget)
        {
            return true; // every normalisation is non-decreasing in the unit's own value, every aggregation in each child
        }

        // Ranks also need every other unit's score not to rise: true of every normalisation but the z-score (the
        // standard deviation may fall), and of imputations that do not read this column.
        if (step.Normalisation is ZScoreNormalisation)
        {
            return false;
        }

        var column = data.Column(data.IndexOfColumn(step.Indicator.Code));
        var missing = Kernels.HasMissing(column);
        if (missing && step.Imputation is not NoImputation)
        {
            return false;
        }

        for (var j = 0; j < plan.IndicatorCount; j++)
        {
            if (j != i && plan.IndicatorSteps[j].Imputation is RowImputation && Kernels.HasMissing(data.Column(data.IndexOfColumn(plan.IndicatorSteps[j].Indicator.Code))))
            {
                return false; // other columns' row imputation reads this column's range
            }
        }

        return true;
    }

    /// <summary>The search state: the workspace, the working raw columns, and the target measure.</summary>
    private sealed class Seeker
    {
        private const int MaxBisections = 2200;
        private readonly ScoringPlan _plan;
        private readonly Dataset _data;
        private readonly ScoringWorkspace _ws;
        private readonly TargetSeekRequest _request;
        private readonly int _levelIndex;
        private readonly int _unit;
        private readonly int _node;
        private readonly int _n;
        private readonly double[]?[] _columns;
        private readonly double[] _original;

        public Seeker(ScoringPlan plan, Dataset data, ScoringWorkspace ws, TargetSeekRequest request, int levelIndex)
        {
            _plan = plan;
            _data = data;
            _ws = ws;
            _request = request;
            _levelIndex = levelIndex;
            _unit = data.IndexOfUnit(request.Unit);
            _node = plan.IndexOf(request.Target.Node);
            _n = data.UnitCount;
            _columns = new double[plan.IndicatorCount][];
            _original = new double[plan.IndicatorCount];
            for (var i = 0; i < plan.IndicatorCount; i++)
            {
                _original[i] = data.Column(data.IndexOfColumn(plan.NodeCodes[i]))[_unit];
            }
        }

        public TargetSeekResult Solve()
        {
            var baseline = _plan.Score(_data).AsT0;
            var current = Outcome(baseline);
            var alreadyMet = Met(current.Score, current.Rank);
            var movable = new List<(int Indicator, double Limit, double Scale)>();
            var single = ImmutableArray.CreateBuilder<SingleIndicatorSeek>();
            for (var i = 0; i < _plan.IndicatorCount; i++)
            {
                var code = _plan.NodeCodes[i];
                if (_request.Movable.Count > 0 && !_request.Movable.AsSpan().Contains(code))
                {
                    continue;
                }

                var monotone = IsMonotone(_plan, _data, i, _request.Target is RankTarget);
                if (alreadyMet)
                {
                    single.Add(new SingleIndicatorSeek(code, SeekStatus.AlreadyMet, null, null, monotone));
                    continue;
                }

                var (limit, scale) = LimitOf(i);
                if (double.IsNaN(limit))
                {
                    single.Add(new SingleIndicatorSeek(code, SeekStatus.NotMovable, null, null, monotone));
                    continue;
                }

                movable.Add((i, limit, scale));
                single.Add(SolveSingle(i, limit, scale, monotone));
            }

            var combination = alreadyMet
                ? new CombinedSeek(SeekStatus.AlreadyMet, [], 0, current)
                : SolveCombination(movable, single);
            return new TargetSeekResult(_request.Unit, _request.Target, current, single.ToImmutable(), combination);
        }

        /// <summary>The limit of indicator <paramref name="i"/> (NaN when it cannot move) and its cost scale.</summary>
        private (double Limit, double Scale) LimitOf(int i)
        {
            var step = _plan.IndicatorSteps[i];
            var d = step.Direction;
            var x0 = _original[i];
            var raw = _data.Column(_data.IndexOfColumn(step.Indicator.Code));
            var (min, max, count) = Kernels.MinMax(raw, 1.0);
            var range = max - min;
            var scale = count > 0 && range > 0 ? range : Math.Abs(x0) > 0 ? Math.Abs(x0) : 1;
            if (double.IsNaN(x0))
            {
                return (double.NaN, scale);
            }

            double limit;
            var bound = _request.Bounds.AsSpan().ToArray().FirstOrDefault(b => b.Indicator == step.Indicator.Code);
            if (bound?.Limit is null && bound?.MaxRelativeChange is null)
            {
                limit = d > 0 ? max : min;
                if (step.Indicator.Denominator is { } den)
                {
                    // The best ratio in the column, at this unit's denominator.
                    var ratios = new double[_n];
                    Kernels.Divide(raw, _data.Column(_data.IndexOfColumn(den)), ratios);
                    var (rmin, rmax, _) = Kernels.MinMax(ratios, 1.0);
                    limit = (d > 0 ? rmax : rmin) * _data.Column(_data.IndexOfColumn(den))[_unit];
                }
            }
            else
            {
                limit = bound.Limit ?? (x0 + (d * bound.MaxRelativeChange!.Value * Math.Abs(x0)));
                if (bound.Limit is not null && bound.MaxRelativeChange is { } rel)
                {
                    var relLimit = x0 + (d * rel * Math.Abs(x0));
                    limit = d > 0 ? Math.Min(limit, relLimit) : Math.Max(limit, relLimit);
                }
            }

            var s = step.Indicator.Scale;
            if (d > 0 && s.Maximum is { } smax)
            {
                limit = Math.Min(limit, smax);
            }
            else if (d < 0 && s.Minimum is { } smin)
            {
                limit = Math.Max(limit, smin);
            }

            if (s.IsWholeNumber)
            {
                limit = d > 0 ? Math.Floor(limit) : Math.Ceiling(limit);
            }

            return (d * (limit - x0) > 0 ? limit : double.NaN, scale);
        }

        private SingleIndicatorSeek SolveSingle(int i, double limit, double scale, bool monotone)
        {
            var code = _plan.NodeCodes[i];
            var x0 = _original[i];
            var d = _plan.IndicatorSteps[i].Direction;
            if (!MetWith(i, limit))
            {
                Set(i, x0);
                var atLimit = new IndicatorMove(code, x0, limit, Math.Abs(limit - x0) / scale);
                return new SingleIndicatorSeek(code, SeekStatus.Unreachable, atLimit, Rescore([(i, limit)]).Outcome, monotone);
            }

            var lo = x0;
            var hi = limit;
            if (!monotone)
            {
                (lo, hi) = Scan(i, x0, limit, d);
            }

            hi = Bisect(i, lo, hi);
            Set(i, x0);
            var (value, outcome) = Verify([(i, hi)], last: 0);
            return new SingleIndicatorSeek(code, SeekStatus.Reached, new IndicatorMove(code, x0, value[0].Value, Math.Abs(value[0].Value - x0) / scale), outcome, monotone);
        }

        /// <summary>Without a monotonicity proof: the first of the other units' values and a grid, in order of improvement, that meets the target, and the sample before it.</summary>
        private (double Lo, double Hi) Scan(int i, double x0, double limit, double d)
        {
            var samples = new List<double>();
            var column = _data.Column(_data.IndexOfColumn(_plan.NodeCodes[i]));
            foreach (var v in column)
            {
                if (d * (v - x0) > 0 && d * (limit - v) > 0)
                {
                    samples.Add(v);
                }
            }

            const int grid = 32;
            for (var k = 1; k < grid; k++)
            {
                samples.Add(x0 + ((limit - x0) * k / grid));
            }

            samples.Add(limit);
            samples.Sort((a, b) => (d * a).CompareTo(d * b));
            var lo = x0;
            foreach (var s in samples)
            {
                if (MetWith(i, s))
                {
                    return (lo, s);
                }

                lo = s;
            }

            return (lo, limit);
        }

        /// <summary>Bisects between <paramref name="lo"/> (not met) and <paramref name="hi"/> (met) down to adjacent doubles (whole numbers on a whole-number scale); returns the met end.</summary>
        private double Bisect(int i, double lo, double hi)
        {
            var whole = _plan.IndicatorSteps[i].Indicator.Scale.IsWholeNumber;
            for (var k = 0; k < MaxBisections; k++)
            {
                var mid = lo + ((hi - lo) / 2);
                if (whole)
                {
                    mid = hi > lo ? Math.Floor(mid) : Math.Ceiling(mid);
                    if (mid == lo)
                    {
                        mid = lo + Math.Sign(hi - lo);
                    }
                }

                if (mid == lo || mid == hi)
                {
                    break;
                }

                if (MetWith(i, mid))
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            return hi;
        }

        private CombinedSeek SolveCombination(List<(int Indicator, double Limit, double Scale)> movable, ImmutableArray<SingleIndicatorSeek>.Builder single)
        {
            if (movable.Count == 0)
            {
                return new CombinedSeek(SeekStatus.NotMovable, [], 0, null);
            }

            foreach (var (i, limit, _) in movable)
            {
                Set(i, limit);
            }

            if (!Measure(out _))
            {
                var all = movable.Select(m => (m.Indicator, m.Limit)).ToList();
                ResetAll(movable);
                var moves = all.Select(a => Move(a.Indicator, a.Limit, movable)).ToImmutableArray();
                return new CombinedSeek(SeekStatus.Unreachable, moves, moves.Sum(m => m.Cost), Rescore(all).Outcome);
            }

            ResetAll(movable);

            // Score gained per unit of cost, each indicator alone at its limit.
            Measure(out var baseScore);
            var ranked = new List<(int Indicator, double Limit, double Scale, double Efficiency)>();
            foreach (var (i, limit, scale) in movable)
            {
                Set(i, limit);
                Measure(out var s);
                Set(i, _original[i]);
                var cost = Math.Abs(limit - _original[i]) / scale;
                var gain = double.IsNaN(s) ? double.NegativeInfinity : s - (double.IsNaN(baseScore) ? 0 : baseScore);
                ranked.Add((i, limit, scale, gain / cost));
            }

            ranked.Sort((a, b) => b.Efficiency.CompareTo(a.Efficiency));
            var chosen = new List<(int Indicator, double Value)>();
            foreach (var (i, limit, _, _) in ranked)
            {
                if (MetWith(i, limit))
                {
                    var value = Bisect(i, _original[i], limit);
                    Set(i, value);
                    chosen.Add((i, value));
                    break;
                }

                chosen.Add((i, limit));
            }

            // Shrink the earlier moves back as far as the target allows, dearest first.
            for (var k = chosen.Count - 2; k >= 0; k--)
            {
                var (i, value) = chosen[k];
                if (MetWith(i, _original[i]))
                {
                    chosen[k] = (i, _original[i]);
                    continue;
                }

                var shrunk = Bisect(i, _original[i], value);
                Set(i, shrunk);
                chosen[k] = (i, shrunk);
            }

            ResetAll(movable);
            chosen.RemoveAll(c => c.Value == _original[c.Indicator]);
            var (values, outcome) = Verify(chosen, last: chosen.Count - 1);
            var combined = values.Select(v => Move(v.Indicator, v.Value, movable)).ToImmutableArray();
            var total = combined.Sum(m => m.Cost);
            var best = single.Where(s => s.Status == SeekStatus.Reached).OrderBy(s => s.Move!.Cost).FirstOrDefault();
            if (best is not null && best.Move!.Cost < total)
            {
                return new CombinedSeek(SeekStatus.Reached, [best.Move], best.Move.Cost, best.Outcome);
            }

            return new CombinedSeek(SeekStatus.Reached, combined, total, outcome);
        }

        private IndicatorMove Move(int i, double value, List<(int Indicator, double Limit, double Scale)> movable)
        {
            var scale = movable.First(m => m.Indicator == i).Scale;
            return new IndicatorMove(_plan.NodeCodes[i], _original[i], value, Math.Abs(value - _original[i]) / scale);
        }

        private void ResetAll(List<(int Indicator, double Limit, double Scale)> movable)
        {
            foreach (var (i, _, _) in movable)
            {
                Set(i, _original[i]);
            }
        }

        /// <summary>
        /// Scores the edited dataset with the full pipeline; if the target is not met there (a last-bit difference from the
        /// incremental path), nudges the move at <paramref name="last"/> one double (one step on a whole-number scale) further, up to 64 times.
        /// </summary>
        private (List<(int Indicator, double Value)> Values, SeekOutcome Outcome) Verify(List<(int Indicator, double Value)> values, int last)
        {
            var (result, outcome) = Rescore(values);
            for (var k = 0; k < 64 && !Met(outcome.Score, outcome.Rank) && last >= 0; k++)
            {
                var (i, v) = values[last];
                var d = _plan.IndicatorSteps[i].Direction;
                var next = _plan.IndicatorSteps[i].Indicator.Scale.IsWholeNumber ? v + d : d > 0 ? Math.BitIncrement(v) : Math.BitDecrement(v);
                values[last] = (i, next);
                (result, outcome) = Rescore(values);
            }

            _ = result;
            return (values, outcome);
        }

        private (ScoreResult Result, SeekOutcome Outcome) Rescore(IEnumerable<(int Indicator, double Value)> values)
        {
            var data = _data.WithValues(values.Select(v => (_unit, _data.IndexOfColumn(_plan.NodeCodes[v.Indicator]), v.Value)));
            var result = _plan.Score(data).Match(r => r, _ => null!);
            return result is null ? (null!, new SeekOutcome(null, null, [])) : (result, Outcome(result));
        }

        private SeekOutcome Outcome(ScoreResult result)
        {
            var node = _request.Target.Node;
            var unit = _request.Unit;
            var table = result.GetContributions(node, result.Data.IndexOfUnit(unit), 1);
            var contributions = table.Indicators.Select((c, j) => new IndicatorContribution(c, table[0, j])).ToImmutableArray();
            return new SeekOutcome(result.Score(node, unit), result.Rank(node, unit), contributions);
        }

        private void Set(int i, double value)
        {
            var column = _columns[i] ??= _data.Column(_data.IndexOfColumn(_plan.NodeCodes[i])).ToArray();
            column[_unit] = value;
            IncrementalScoring.Recompute(_plan, _ws, _data, i, column);
        }

        private bool MetWith(int i, double value)
        {
            Set(i, value);
            return Measure(out _);
        }

        /// <summary>Re-aggregates what changed; whether the target is met, and the unit's score at the node.</summary>
        private bool Measure(out double score)
        {
            score = double.NaN;
            if (Pipeline.Aggregate(_plan, _ws, computeRanks: false, onlyDirty: true).IsT1)
            {
                return false;
            }

            var scores = _ws.ScoreBuffer.AsSpan(_node * _n, _n);
            score = scores[_unit];
            if (double.IsNaN(score))
            {
                return false;
            }

            if (_request.Target is RankTarget rank)
            {
                var better = 0;
                foreach (var s in scores)
                {
                    if (s > score)
                    {
                        better++;
                    }
                }

                return better + 1 <= rank.Rank;
            }

            return Met(score, null);
        }

        private bool Met(double? score, int? rank) => _request.Target switch
        {
            RankTarget t => rank is { } r && r <= t.Rank,
            ScoreTarget t => score is { } s && s >= t.Score,
            LevelTarget => score is { } s && LevelIndexOf(s) >= _levelIndex,
            _ => false,
        };

        private int LevelIndexOf(double score)
        {
            var levels = _plan.Framework.MaturityLevels!;
            var c = levels.Classify(score);
            for (var k = 0; c is not null && k < levels.Classes.Count; k++)
            {
                if (levels.Classes[k] == c)
                {
                    return k;
                }
            }

            return -1;
        }
    }
}
