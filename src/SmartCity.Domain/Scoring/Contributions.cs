using System.Collections.Immutable;
using System.Globalization;
using SmartCity.Domain.Methods;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// Per-indicator contributions to one node's score, for every unit. For each unit the contributions sum to the node's
/// score (to rounding), whatever the aggregation methods and the missing data.
/// </summary>
/// <remarks>
/// <para>A group's score is split among its present children into shares φ that sum to the score, and each child's share is
/// passed down in proportion to its own contributions:</para>
/// <list type="bullet">
/// <item>arithmetic mean: φ_c = w̃_c·x_c (w̃ = weights renormalised over the children present);</item>
/// <item>geometric mean: φ_c = s·w̃_c·ln x_c / ln s (log shares; when s = 1, φ_c = s·w̃_c);</item>
/// <item>harmonic mean: φ_c = s²·w̃_c / x_c;</item>
/// <item>generalised mean: φ_c = s·w̃_c·x_c^p / Σ w̃·x^p;</item>
/// <item>minimum: the whole score goes to the minimal child;</item>
/// <item>Copeland: φ_c = s·w̃_c (weight shares: the score depends on other units, so no value-based split exists).</item>
/// </list>
/// <para>A child whose score is 0 passes its share down by its children's weights. Missing children contribute nothing; when
/// the node's score is missing, the unit's contributions are missing (<see langword="null"/>). With arithmetic means throughout and no missing data,
/// the contribution of indicator i is its effective weight × its normalised value.</para>
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.ContributionTableJsonConverter))]
public sealed class ContributionTable : IEquatable<ContributionTable>
{
    private readonly double[] _values;
    private readonly double[] _totals;

    internal ContributionTable(string node, ImmutableArray<string> units, ImmutableArray<string> indicators, double[] values, double[] totals)
    {
        Node = node;
        Units = units;
        Indicators = indicators;
        _values = values;
        _totals = totals;
    }

    /// <summary>Gets the node whose score is decomposed.</summary>
    public string Node { get; }

    /// <summary>Gets the unit codes (rows).</summary>
    public ImmutableArray<string> Units { get; }

    /// <summary>Gets the indicator codes under the node (columns), in framework order.</summary>
    public ImmutableArray<string> Indicators { get; }

    /// <summary>Gets the node's score per unit (what each row sums to), <see langword="null"/> where the score is missing.</summary>
    public ScoreColumn Totals => new(_totals, 0, _totals.Length);

    /// <summary>Gets one contribution.</summary>
    /// <param name="unit">The row.</param>
    /// <param name="indicator">The column.</param>
    /// <returns>The contribution, <see langword="null"/> when the node's score is missing.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row or column is out of range.</exception>
    public double? this[int unit, int indicator]
    {
        get
        {
            IndexGuard.InRange(unit, Units.Length, nameof(unit));
            IndexGuard.InRange(indicator, Indicators.Length, nameof(indicator));
            return ScoreResult.Missing(_values[(unit * Indicators.Length) + indicator]);
        }
    }

    /// <summary>Returns one contribution by codes.</summary>
    /// <param name="unit">The unit code.</param>
    /// <param name="indicator">The indicator code.</param>
    /// <returns>The contribution, <see langword="null"/> when the node's score is missing.</returns>
    /// <exception cref="KeyNotFoundException">The unit or the indicator is not in the table.</exception>
    public double? Of(string unit, string indicator)
    {
        Guard.Against.Null(unit);
        Guard.Against.Null(indicator);
        var u = Units.IndexOf(unit);
        var i = Indicators.IndexOf(indicator);
        return u < 0 || i < 0 ? throw new KeyNotFoundException($"The table has no cell ({unit}, {indicator}).") : this[u, i];
    }

    /// <summary>Returns one unit's contributions.</summary>
    /// <param name="unit">The row.</param>
    /// <returns>One value per indicator (a read-only view).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row is out of range.</exception>
    public ScoreColumn Row(int unit)
    {
        Guard.Against.OutOfRange(unit, nameof(unit), 0, Units.Length - 1);
        return new(_values, unit * Indicators.Length, Indicators.Length);
    }

    /// <inheritdoc/>
    public bool Equals(ContributionTable? other) =>
        other is not null
        && Node == other.Node
        && Units.SequenceEqual(other.Units)
        && Indicators.SequenceEqual(other.Indicators)
        && _values.AsSpan().SequenceEqual(other._values)
        && _totals.AsSpan().SequenceEqual(other._totals);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ContributionTable);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Node, Units.Length, Indicators.Length);

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ContributionTable({Node}, units={Units.Length}, indicators={Indicators.Length})");

    /// <summary>Creates a table from its parts (as read back from JSON); the arrays are owned by the table.</summary>
    internal static ContributionTable FromParts(string node, ImmutableArray<string> units, ImmutableArray<string> indicators, double[] values, double[] totals) =>
        new(node, units, indicators, values, totals);
}

/// <summary>Computes <see cref="ContributionTable"/>s.</summary>
internal static class Contributions
{
    /// <summary>Tables of at least this many cells are computed in parallel.</summary>
    private const long ParallelCells = 1 << 20;

    public static ContributionTable Compute(ScoreResult r, int node) => Compute(r, node, 0, r.UnitCount);

    /// <summary>The rows of units <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> − 1 only.</summary>
    public static ContributionTable Compute(ScoreResult r, int node, int first, int count)
    {
        var plan = r.Plan;
        var data = r.Data;
        var n = r.UnitCount;
        var leaves = new List<int>();
        Leaves(plan, node, leaves);
        var column = new int[plan.IndicatorCount];
        for (var j = 0; j < leaves.Count; j++)
        {
            column[leaves[j]] = j;
        }

        var relative = RelativeWeights(plan, r);

        var values = new double[count * leaves.Count];
        var totals = new double[count];

        // Units are independent (each writes its own row): large tables are split over the cores.
        if ((long)count * leaves.Count >= ParallelCells)
        {
            Parallel.For(first, first + count, Unit);
        }
        else
        {
            for (var u = first; u < first + count; u++)
            {
                Unit(u);
            }
        }

        var units = first == 0 && count == n ? data.Units : data.Units.Slice(first, count);
        return new ContributionTable(plan.NodeCodes[node], units, [.. leaves.Select(l => plan.NodeCodes[l])], values, totals);

        void Unit(int u)
        {
            var row = values.AsSpan((u - first) * leaves.Count, leaves.Count);
            var s = r.ScoreBuffer[(node * n) + u];
            totals[u - first] = s;
            if (double.IsNaN(s))
            {
                row.Fill(double.NaN);
                return;
            }

            Pass(node, 1.0, u);

            void Pass(int k, double scale, int unit)
            {
                var score = r.ScoreBuffer[(k * n) + unit];
                if (k < plan.IndicatorCount)
                {
                    values[((unit - first) * leaves.Count) + column[k]] += scale * score;
                    return;
                }

                var step = plan.GroupSteps[k - plan.IndicatorCount];
                var wsum = PresentWeight(plan, step, r, relative, unit);
                if (!(wsum > 0))
                {
                    return; // no present child carries weight: only Copeland scores such a unit, and its score is 0
                }

                if (step.Aggregation is MinimumAggregation)
                {
                    for (var c = step.Start; c < step.End; c++)
                    {
                        var x = r.ScoreBuffer[(plan.ChildIndex[c] * n) + unit];
                        if (!double.IsNaN(x) && r.ChildWeights[c] > 0 && x == score)
                        {
                            Pass(plan.ChildIndex[c], scale, unit);
                            return;
                        }
                    }

                    return;
                }

                double powerSum = 0;
                if (step.Aggregation is GeneralisedMean gm)
                {
                    for (var c = step.Start; c < step.End; c++)
                    {
                        var x = r.ScoreBuffer[(plan.ChildIndex[c] * n) + unit];
                        if (!double.IsNaN(x))
                        {
                            powerSum += relative[c] / wsum * Math.Pow(x, gm.P);
                        }
                    }
                }

                for (var c = step.Start; c < step.End; c++)
                {
                    var child = plan.ChildIndex[c];
                    var x = r.ScoreBuffer[(child * n) + unit];
                    if (double.IsNaN(x))
                    {
                        continue;
                    }

                    var wt = relative[c] / wsum;
                    if (step.Aggregation is ArithmeticMean)
                    {
                        Pass(child, scale * wt, unit);
                        continue;
                    }

                    var share = step.Aggregation switch
                    {
                        GeometricMean => Math.Log(score) == 0 ? score * wt : score * wt * Math.Log(x) / Math.Log(score),
                        HarmonicMean => score * score * wt / x,
                        GeneralisedMean g => score * wt * Math.Pow(x, g.P) / powerSum,
                        _ => score * wt,
                    };
                    if (x != 0 && double.IsFinite(share / x))
                    {
                        Pass(child, scale * share / x, unit);
                    }
                    else
                    {
                        Spread(child, scale * share, unit);
                    }
                }
            }

            void Spread(int k, double amount, int unit)
            {
                if (k < plan.IndicatorCount)
                {
                    values[((unit - first) * leaves.Count) + column[k]] += amount;
                    return;
                }

                var step = plan.GroupSteps[k - plan.IndicatorCount];
                var wsum = PresentWeight(plan, step, r, relative, unit);
                if (!(wsum > 0))
                {
                    return;
                }

                for (var c = step.Start; c < step.End; c++)
                {
                    if (!double.IsNaN(r.ScoreBuffer[(plan.ChildIndex[c] * n) + unit]))
                    {
                        Spread(plan.ChildIndex[c], amount * relative[c] / wsum, unit);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Each child's weight relative to the largest weight of its group (so that no weight scale overflows or underflows),
    /// by child slot of the plan; computed once per table (per child and unit it made the split quadratic in group size).
    /// </summary>
    private static double[] RelativeWeights(ScoringPlan plan, ScoreResult r)
    {
        var relative = new double[r.ChildWeights.Length];
        foreach (var step in plan.GroupSteps)
        {
            var max = 0.0;
            for (var k = step.Start; k < step.End; k++)
            {
                max = Math.Max(max, r.ChildWeights[k]);
            }

            for (var c = step.Start; c < step.End; c++)
            {
                relative[c] = max > 0 ? r.ChildWeights[c] / max : 0;
            }
        }

        return relative;
    }

    private static double PresentWeight(ScoringPlan plan, GroupStep step, ScoreResult r, double[] relative, int unit)
    {
        var sum = 0.0;
        for (var c = step.Start; c < step.End; c++)
        {
            if (!double.IsNaN(r.ScoreBuffer[(plan.ChildIndex[c] * r.UnitCount) + unit]))
            {
                sum += relative[c];
            }
        }

        return sum;
    }

    private static void Leaves(ScoringPlan plan, int node, List<int> into)
    {
        if (node < plan.IndicatorCount)
        {
            into.Add(node);
            return;
        }

        var step = plan.GroupSteps[node - plan.IndicatorCount];
        for (var c = step.Start; c < step.End; c++)
        {
            Leaves(plan, plan.ChildIndex[c], into);
        }
    }
}
