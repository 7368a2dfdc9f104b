using System.Collections.Immutable;
using OneOf;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Multivariate;

/// <summary>The principal component analysis of one group (COINr's <c>prcomp</c> result for it, centred and scaled).</summary>
/// <param name="Group">The group whose members were analysed; <see langword="null"/> for one analysis over the whole level.</param>
/// <param name="Columns">The members (the variables).</param>
/// <param name="Loadings">The first component's loadings, one per column (a unit vector): COINr's PCA weights.</param>
/// <param name="Components">Every component's loadings (<c>rotation</c> by column), largest variance first.</param>
/// <param name="Eigenvalues">The variance of each component (<c>sdev²</c>), largest first; they sum to the number of columns.</param>
/// <param name="VarianceExplained">Each component's share of the total variance, largest first.</param>
/// <param name="UnitsUsed">The number of units with every member present (the rows analysed).</param>
/// <param name="DroppedUnits">The units left out because a member was missing.</param>
public sealed record PcaGroup(
    string? Group,
    ImmutableArray<string> Columns,
    ImmutableArray<double> Loadings,
    ImmutableArray<ImmutableArray<double>> Components,
    ImmutableArray<double> Eigenvalues,
    ImmutableArray<double> VarianceExplained,
    int UnitsUsed,
    ImmutableArray<string> DroppedUnits)
{
    /// <inheritdoc/>
    public bool Equals(PcaGroup? other) =>
        other is not null && Group == other.Group && Columns.SequenceEqual(other.Columns) && Loadings.SequenceEqual(other.Loadings)
        && Sequences.Equal(Components, other.Components) && Eigenvalues.SequenceEqual(other.Eigenvalues)
        && VarianceExplained.SequenceEqual(other.VarianceExplained) && UnitsUsed == other.UnitsUsed && DroppedUnits.SequenceEqual(other.DroppedUnits);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Group, Columns.Length, UnitsUsed);
}

/// <summary>PCA per group at one level, with the weights it implies (COINr's <c>get_PCA</c>).</summary>
/// <param name="Stage">The stage analysed (COINr's default is <c>Raw</c>).</param>
/// <param name="Level">The level whose nodes are the variables.</param>
/// <param name="Groups">One analysis per group (or one for the whole level).</param>
/// <param name="Weights">
/// The PCA weights: each node's first-component loading in its group, as COINr (not squared, not normalised; they may be
/// negative, in which case a framework will not accept them as weights).
/// </param>
public sealed record PcaResult(DataStage Stage, int Level, ImmutableArray<PcaGroup> Groups, ImmutableArray<NodeWeight> Weights)
{
    /// <inheritdoc/>
    public bool Equals(PcaResult? other) =>
        other is not null && Stage == other.Stage && Level == other.Level && Groups.SequenceEqual(other.Groups) && Weights.SequenceEqual(other.Weights);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Stage, Level, Groups.Length);
}

/// <summary>
/// Principal component analysis on the correlation matrix (centred and scaled data, as <c>prcomp(center = TRUE,
/// scale = TRUE)</c>), with a Jacobi eigen-solver.
/// </summary>
/// <remarks>
/// <para>Units with a missing value in a group are dropped from that group's analysis (COINr: <c>na.omit</c>).</para>
/// <para>The sign of a component is arbitrary (R's is whatever LAPACK returns). Here each component is signed so that its
/// loadings sum to a positive number (the first non-zero loading positive when they sum to 0): compare with COINr up to sign.</para>
/// </remarks>
public static class Pca
{
    /// <summary>Runs the analysis.</summary>
    /// <param name="data">The data (levels above 1 need <see cref="DataStage.Aggregated"/>).</param>
    /// <param name="level">The level of the variables (COINr <c>Level</c> = 1).</param>
    /// <param name="byGroups">One analysis per parent group (COINr <c>by_groups = TRUE</c>), or one over the whole level.</param>
    /// <returns>
    /// The result, or <c>multivariate.level</c>, <c>multivariate.too-few-values</c> (fewer than 2 complete units in a group)
    /// or <c>multivariate.constant-column</c>.
    /// </returns>
    public static OneOf<PcaResult, ValidationErrors> Compute(AnalysisData data, int level = 1, bool byGroups = true)
    {
        Guard.Against.Null(data);
        var errors = new ErrorCollector();
        var codes = Correlations.LevelColumns(data, level, errors, "level");
        if (byGroups && level >= data.Framework.LevelCount && !errors.HasErrors)
        {
            errors.Add(ErrorCodes.MultivariateLevel, "level", "The top level has no parent group; pass byGroups: false.", level);
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var sets = byGroups
            ? Correlations.Groups(data, codes, level + 1).Select(g => ((string?)g.Group, g.Members)).ToList()
            : [(null, [.. codes])];
        var groups = ImmutableArray.CreateBuilder<PcaGroup>(sets.Count);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (group, members) in sets)
        {
            var one = Group(data, group, members, errors);
            if (one is null)
            {
                continue;
            }

            groups.Add(one);
            for (var i = 0; i < members.Count; i++)
            {
                weights[members[i]] = one.Loadings[i];
            }
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        return new PcaResult(data.Stage, level, groups.MoveToImmutable(), [.. codes.Where(weights.ContainsKey).Select(c => new NodeWeight(c, weights[c]))]);
    }

    private static PcaGroup? Group(AnalysisData data, string? group, List<string> members, ErrorCollector errors)
    {
        var path = group is null ? "level" : "groups." + group;
        var k = members.Count;
        var columns = members.Select(m => data.Column(data.ColumnIndex(m)).ToArray()).ToArray();
        var complete = new List<int>();
        var dropped = ImmutableArray.CreateBuilder<string>();
        for (var u = 0; u < data.UnitCount; u++)
        {
            if (columns.All(c => !double.IsNaN(c[u])))
            {
                complete.Add(u);
            }
            else
            {
                dropped.Add(data.Units[u]);
            }
        }

        var m = complete.Count;
        if (m < 2)
        {
            errors.Add(ErrorCodes.MultivariateTooFewValues, path, $"PCA needs at least 2 units with every value present; {(group is null ? "the level" : "group '" + group + "'")} has {m}.", m);
            return null;
        }

        // Standardise each column over the complete units (mean 0, sd 1 with n − 1).
        var z = new double[k][];
        for (var i = 0; i < k; i++)
        {
            var x = complete.Select(u => columns[i][u]).ToArray();
            var mean = Scoring.Kernels.Mean(x);
            var sd = Scoring.Kernels.StandardDeviation(x, mean, 1);
            if (!(sd > 0))
            {
                errors.Add(ErrorCodes.MultivariateConstantColumn, path + "." + members[i], $"'{members[i]}' is constant over the {m} complete units and cannot be scaled to unit variance.", members[i]);
                continue;
            }

            z[i] = [.. x.Select(v => (v - mean) / sd)];
        }

        if (errors.HasErrors)
        {
            return null;
        }

        var r = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = i; j < k; j++)
            {
                var s = 0.0;
                for (var u = 0; u < m; u++)
                {
                    s += z[i][u] * z[j][u];
                }

                r[i, j] = r[j, i] = s / (m - 1);
            }
        }

        var (values, vectors) = SymmetricEigen.Decompose(r);
        var total = values.Sum();
        var components = ImmutableArray.CreateBuilder<ImmutableArray<double>>(k);
        for (var c = 0; c < k; c++)
        {
            var v = new double[k];
            for (var i = 0; i < k; i++)
            {
                v[i] = vectors[i, c];
            }

            var sum = v.Sum();
            var flip = Math.Abs(sum) > 1e-12 ? sum < 0 : v.First(e => Math.Abs(e) > 1e-15) < 0;
            components.Add([.. v.Select(e => flip ? -e : e)]);
        }

        var comps = components.MoveToImmutable();
        return new PcaGroup(
            group,
            [.. members],
            comps[0],
            comps,
            [.. values],
            [.. values.Select(v => v / total)],
            m,
            dropped.ToImmutable());
    }
}

/// <summary>Eigenvalues and eigenvectors of a small symmetric matrix by the cyclic Jacobi method.</summary>
internal static class SymmetricEigen
{
    /// <summary>Decomposes <paramref name="matrix"/> (not modified): eigenvalues descending, eigenvectors as columns.</summary>
    public static (double[] Values, double[,] Vectors) Decompose(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            v[i, i] = 1;
        }

        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, diag = 0;
            for (var p = 0; p < n; p++)
            {
                diag += a[p, p] * a[p, p];
                for (var q = p + 1; q < n; q++)
                {
                    off += a[p, q] * a[p, q];
                }
            }

            if (off <= 1e-30 * Math.Max(diag, 1e-300))
            {
                break;
            }

            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    if (a[p, q] == 0)
                    {
                        continue;
                    }

                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[k, p];
                        var akq = a[k, q];
                        a[k, p] = (c * akp) - (s * akq);
                        a[k, q] = (s * akp) + (c * akq);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[p, k];
                        var aqk = a[q, k];
                        a[p, k] = (c * apk) - (s * aqk);
                        a[q, k] = (s * apk) + (c * aqk);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[k, p];
                        var vkq = v[k, q];
                        v[k, p] = (c * vkp) - (s * vkq);
                        v[k, q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }

        var order = Enumerable.Range(0, n).OrderByDescending(i => a[i, i]).ToArray();
        var values = order.Select(i => a[i, i]).ToArray();
        var vectors = new double[n, n];
        for (var c = 0; c < n; c++)
        {
            for (var r = 0; r < n; r++)
            {
                vectors[r, c] = v[r, order[c]];
            }
        }

        return (values, vectors);
    }
}
