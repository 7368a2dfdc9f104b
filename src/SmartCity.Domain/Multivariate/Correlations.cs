using System.Collections.Immutable;
using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Multivariate;

/// <summary>A correlation coefficient.</summary>
public enum CorrelationMethod
{
    /// <summary>Pearson's product-moment correlation (COINr's default <c>cortype = "pearson"</c>).</summary>
    Pearson,

    /// <summary>Spearman's rank correlation: Pearson's on the ranks, ties sharing their average rank.</summary>
    Spearman,
}

/// <summary>How correlations are computed and filtered, with COINr's <c>get_corr</c> defaults.</summary>
/// <param name="Method">The coefficient.</param>
/// <param name="Significance">
/// Coefficients whose two-sided p-value exceeds this become <see langword="null"/> (COINr <c>pval</c> = 0.05); 0 keeps every
/// coefficient. A coefficient whose p-value is undefined (fewer than 3 pairs) is kept.
/// </param>
public sealed record CorrelationOptions(CorrelationMethod Method = CorrelationMethod.Pearson, double Significance = 0.05)
{
    /// <summary>Gets COINr's defaults: Pearson, p-values above 0.05 set to missing.</summary>
    public static CorrelationOptions Default { get; } = new();

    /// <summary>Gets Pearson correlations with no significance filter (<c>pval = 0</c>).</summary>
    public static CorrelationOptions Unfiltered { get; } = new(CorrelationMethod.Pearson, 0);
}

/// <summary>
/// A correlation matrix between two sets of columns (COINr <c>get_corr(make_long = FALSE)</c>), each coefficient over the
/// units where both values are present (<c>use = "pairwise.complete.obs"</c>).
/// </summary>
/// <param name="Method">The coefficient.</param>
/// <param name="Significance">The p-value filter applied (0 = none).</param>
/// <param name="Rows">The row codes.</param>
/// <param name="Columns">The column codes.</param>
/// <param name="Values">
/// <c>Values[r][c]</c>: the coefficient in [−1, 1]; <see langword="null"/> when a column is constant or has fewer than 2
/// pairs with the other, or when its p-value exceeds <paramref name="Significance"/>.
/// </param>
/// <param name="PValues"><c>PValues[r][c]</c>: the two-sided p-value (as R's <c>cor.test</c>), 0 on a column with itself; <see langword="null"/> when undefined.</param>
/// <param name="Pairs"><c>Pairs[r][c]</c>: the number of units with both values present.</param>
public sealed record CorrelationMatrix(
    CorrelationMethod Method,
    double Significance,
    ImmutableArray<string> Rows,
    ImmutableArray<string> Columns,
    ImmutableArray<ImmutableArray<double?>> Values,
    ImmutableArray<ImmutableArray<double?>> PValues,
    ImmutableArray<ImmutableArray<int>> Pairs)
{
    /// <summary>Returns one coefficient.</summary>
    /// <param name="row">The row code.</param>
    /// <param name="column">The column code.</param>
    /// <returns>The coefficient, or <see langword="null"/>.</returns>
    /// <exception cref="KeyNotFoundException">No such row or column.</exception>
    public double? this[string row, string column]
    {
        get
        {
            var r = Rows.IndexOf(row);
            var c = Columns.IndexOf(column);
            if (r < 0 || c < 0)
            {
                throw new KeyNotFoundException($"The matrix has no cell ({row}, {column}).");
            }

            return Values[r][c];
        }
    }

    /// <inheritdoc/>
    public bool Equals(CorrelationMatrix? other) =>
        other is not null && Method == other.Method && Significance.Equals(other.Significance) && Rows.SequenceEqual(other.Rows) && Columns.SequenceEqual(other.Columns)
        && Sequences.Equal(Values, other.Values) && Sequences.Equal(PValues, other.PValues) && Sequences.Equal(Pairs, other.Pairs);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Method, Rows.Length, Columns.Length);
}

/// <summary>One correlation between two columns.</summary>
/// <param name="First">The first code (the lower-level node for correlations with parents).</param>
/// <param name="Second">The second code (the ancestor for correlations with parents).</param>
/// <param name="Group">The group both belong to (within-group correlations and flags), or the ancestor's level code; <see langword="null"/> otherwise.</param>
/// <param name="Correlation">The coefficient, <see langword="null"/> when undefined or filtered out by significance.</param>
/// <param name="PValue">The two-sided p-value, <see langword="null"/> when undefined.</param>
/// <param name="Pairs">The number of units with both values present.</param>
public sealed record CorrelationPair(string First, string Second, string? Group, double? Correlation, double? PValue, int Pairs);

/// <summary>Which side of the threshold <see cref="Correlations.Flags"/> reports (COINr <c>thresh_type</c>).</summary>
public enum FlagSide
{
    /// <summary>Correlations above the threshold (<c>"high"</c>, the default): possible double counting.</summary>
    High,

    /// <summary>Correlations below the threshold (<c>"low"</c>).</summary>
    Low,
}

/// <summary>Correlations between indicators, groups and the index, as COINr's <c>get_corr</c>, <c>get_corr_flags</c> and <c>get_pvals</c>.</summary>
public static class Correlations
{
    /// <summary>The correlation matrix between two sets of columns.</summary>
    /// <param name="data">The data.</param>
    /// <param name="rows">The row codes.</param>
    /// <param name="columns">The column codes; the rows when <see langword="null"/>.</param>
    /// <param name="options">Coefficient and significance filter; <see cref="CorrelationOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The matrix, or <c>multivariate.unknown-code</c> / <c>multivariate.spec</c>.</returns>
    public static OneOf<CorrelationMatrix, ValidationErrors> Matrix(AnalysisData data, IReadOnlyList<string> rows, IReadOnlyList<string>? columns = null, CorrelationOptions? options = null)
    {
        Guard.Against.Null(data);
        Guard.Against.Null(rows);
        var o = options ?? CorrelationOptions.Default;
        var cols = columns ?? rows;
        var errors = new ErrorCollector();
        data.CheckCodes(rows, errors, "rows");
        data.CheckCodes(cols, errors, "columns");
        CheckOptions(o, errors);
        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var scratch = new Scratch(data.UnitCount);
        var values = ImmutableArray.CreateBuilder<ImmutableArray<double?>>(rows.Count);
        var pvalues = ImmutableArray.CreateBuilder<ImmutableArray<double?>>(rows.Count);
        var pairs = ImmutableArray.CreateBuilder<ImmutableArray<int>>(rows.Count);
        foreach (var r in rows)
        {
            var v = ImmutableArray.CreateBuilder<double?>(cols.Count);
            var p = ImmutableArray.CreateBuilder<double?>(cols.Count);
            var n = ImmutableArray.CreateBuilder<int>(cols.Count);
            foreach (var c in cols)
            {
                var cell = Cell(data, r, c, o, scratch);
                v.Add(cell.Correlation);
                p.Add(cell.PValue);
                n.Add(cell.Pairs);
            }

            values.Add(v.MoveToImmutable());
            pvalues.Add(p.MoveToImmutable());
            pairs.Add(n.MoveToImmutable());
        }

        return new CorrelationMatrix(o.Method, o.Significance, [.. rows], [.. cols], values.MoveToImmutable(), pvalues.MoveToImmutable(), pairs.MoveToImmutable());
    }

    /// <summary>The correlation matrix between the nodes of two levels (COINr <c>get_corr(Levels = c(a, b))</c>, wide).</summary>
    /// <param name="data">The data; levels above 1 need <see cref="DataStage.Aggregated"/>.</param>
    /// <param name="level">The level of the rows (1 = indicators).</param>
    /// <param name="againstLevel">The level of the columns; <paramref name="level"/> when <see langword="null"/>.</param>
    /// <param name="options">Coefficient and significance filter.</param>
    /// <returns>The matrix, or <c>multivariate.level</c> when the data has no column at a level.</returns>
    public static OneOf<CorrelationMatrix, ValidationErrors> Levels(AnalysisData data, int level, int? againstLevel = null, CorrelationOptions? options = null)
    {
        Guard.Against.Null(data);
        var errors = new ErrorCollector();
        var rows = LevelColumns(data, level, errors, "level");
        var cols = LevelColumns(data, againstLevel ?? level, errors, "againstLevel");
        return errors.HasErrors ? errors.ToErrors() : Matrix(data, rows, cols, options);
    }

    /// <summary>
    /// The correlations between the nodes of a level that share a group at a higher level (COINr <c>get_corr</c> with
    /// <c>Levels = c(l, l)</c> and <c>grouplev</c>): each unordered pair once, no self-correlations.
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="level">The level of the nodes correlated.</param>
    /// <param name="groupLevel">The level of the groups (above <paramref name="level"/>).</param>
    /// <param name="options">Coefficient and significance filter.</param>
    /// <returns>The pairs, group by group in framework order, or errors.</returns>
    public static OneOf<ImmutableArray<CorrelationPair>, ValidationErrors> WithinGroups(AnalysisData data, int level, int groupLevel, CorrelationOptions? options = null)
    {
        Guard.Against.Null(data);
        var o = options ?? CorrelationOptions.Default;
        var errors = new ErrorCollector();
        var codes = LevelColumns(data, level, errors, "level");
        if (groupLevel <= level || groupLevel > data.Framework.LevelCount)
        {
            errors.Add(ErrorCodes.MultivariateLevel, "groupLevel", $"The group level must be above {level} and at most {data.Framework.LevelCount}.", groupLevel);
        }

        CheckOptions(o, errors);
        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var scratch = new Scratch(data.UnitCount);
        var result = ImmutableArray.CreateBuilder<CorrelationPair>();
        foreach (var (group, members) in Groups(data, codes, groupLevel))
        {
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    var cell = Cell(data, members[i], members[j], o, scratch);
                    result.Add(new CorrelationPair(members[i], members[j], group, cell.Correlation, cell.PValue, cell.Pairs));
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The correlation of each node of a level with its ancestors (COINr <c>get_corr(withparent = TRUE)</c>, or
    /// <c>withparent = "family"</c> for every level above): <see cref="CorrelationPair.First"/> is the node,
    /// <see cref="CorrelationPair.Second"/> its ancestor.
    /// </summary>
    /// <param name="data">The data; it must be <see cref="DataStage.Aggregated"/> (ancestors are groups).</param>
    /// <param name="level">The level of the nodes.</param>
    /// <param name="ancestorLevel">The ancestors' level; every level above (parent, grandparent, …, index) when <see langword="null"/>.</param>
    /// <param name="options">Coefficient and significance filter.</param>
    /// <returns>The pairs, level by level upwards, or errors.</returns>
    public static OneOf<ImmutableArray<CorrelationPair>, ValidationErrors> WithAncestors(AnalysisData data, int level, int? ancestorLevel = null, CorrelationOptions? options = null)
    {
        Guard.Against.Null(data);
        var o = options ?? CorrelationOptions.Default;
        var errors = new ErrorCollector();
        var codes = LevelColumns(data, level, errors, "level");
        var top = data.Framework.LevelCount;
        if (ancestorLevel is { } a && (a <= level || a > top))
        {
            errors.Add(ErrorCodes.MultivariateLevel, "ancestorLevel", $"The ancestor level must be above {level} and at most {top}.", a);
        }

        if (data.Stage != DataStage.Aggregated)
        {
            errors.Add(ErrorCodes.MultivariateUnknownCode, "data", $"Correlations with ancestors need the Aggregated stage; the data is {data.Stage}.", data.Stage.ToString());
        }

        CheckOptions(o, errors);
        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var scratch = new Scratch(data.UnitCount);
        var result = ImmutableArray.CreateBuilder<CorrelationPair>();
        var from = ancestorLevel ?? level + 1;
        var to = ancestorLevel ?? top;
        for (var l = from; l <= to; l++)
        {
            foreach (var code in codes)
            {
                var ancestor = AnalysisData.AncestorAt(data.Framework, code, l);
                if (ancestor is null)
                {
                    continue;
                }

                var cell = Cell(data, code, ancestor, o, scratch);
                result.Add(new CorrelationPair(code, ancestor, null, cell.Correlation, cell.PValue, cell.Pairs));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Flags pairs of indicators in the same group whose correlation is above (or below) a threshold, as COINr's
    /// <c>get_corr_flags</c>: no significance filter, strict comparison, each unordered pair once.
    /// </summary>
    /// <param name="data">The data (COINr's examples use <c>Normalised</c>).</param>
    /// <param name="threshold">The threshold in [−1, 1]; COINr <c>cor_thresh</c> = 0.9.</param>
    /// <param name="side">Above (<see cref="FlagSide.High"/>, default) or below the threshold.</param>
    /// <param name="method">The coefficient.</param>
    /// <param name="groupLevel">The level of the groups (COINr <c>grouplev</c> = 2).</param>
    /// <returns>The flagged pairs, group by group, or errors.</returns>
    public static OneOf<ImmutableArray<CorrelationPair>, ValidationErrors> Flags(AnalysisData data, double threshold = 0.9, FlagSide side = FlagSide.High, CorrelationMethod method = CorrelationMethod.Pearson, int groupLevel = 2)
    {
        Guard.Against.Null(data);
        Guard.Against.EnumOutOfRange(side);
        if (!(threshold >= -1 && threshold <= 1))
        {
            return ValidationErrors.Single(ErrorCodes.MultivariateSpec, "threshold", "The correlation threshold must be between −1 and 1.", threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        return WithinGroups(data, 1, groupLevel, new CorrelationOptions(method, 0)).MapT0(pairs => pairs
            .Where(p => p.Correlation is { } r && (side == FlagSide.High ? r > threshold : r < threshold))
            .ToImmutableArray());
    }

    /// <summary>The coefficient between two columns over their complete pairs; <see langword="null"/> when undefined.</summary>
    /// <param name="x">The first column (<see langword="null"/> = missing).</param>
    /// <param name="y">The second column, as long as <paramref name="x"/>.</param>
    /// <param name="method">The coefficient.</param>
    /// <returns>The coefficient in [−1, 1], or <see langword="null"/> (fewer than 2 pairs, or a constant column).</returns>
    public static double? Coefficient(IReadOnlyList<double?> x, IReadOnlyList<double?> y, CorrelationMethod method = CorrelationMethod.Pearson)
    {
        Guard.Against.Null(x);
        Guard.Against.Null(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException("The two columns must have the same length.", nameof(y));
        }

        var a = x.Select(v => v ?? double.NaN).ToArray();
        var b = y.Select(v => v ?? double.NaN).ToArray();
        var r = Compute(a, b, method, new Scratch(a.Length), out _, out _);
        return Statistics(r);
    }

    internal static void CheckOptions(CorrelationOptions o, ErrorCollector errors)
    {
        if (!Enum.IsDefined(o.Method))
        {
            errors.Add(ErrorCodes.MultivariateSpec, "options.method", "Unknown correlation method.", o.Method.ToString());
        }

        if (!(o.Significance >= 0 && o.Significance <= 1))
        {
            errors.Add(ErrorCodes.MultivariateSpec, "options.significance", "The significance level must be between 0 and 1 (0 = no filter).", o.Significance);
        }
    }

    internal static ImmutableArray<string> LevelColumns(AnalysisData data, int level, ErrorCollector errors, string path)
    {
        var codes = data.ColumnsAtLevel(level);
        if (codes.IsEmpty)
        {
            errors.Add(ErrorCodes.MultivariateLevel, path, $"The {data.Stage} data has no column at level {level}{(level > 1 && data.Stage != DataStage.Aggregated ? " (groups are in the Aggregated stage only)" : string.Empty)}.", level);
        }

        return codes;
    }

    /// <summary>The groups at <paramref name="groupLevel"/> with their members among <paramref name="codes"/>, in framework order.</summary>
    internal static List<(string Group, List<string> Members)> Groups(AnalysisData data, IReadOnlyList<string> codes, int groupLevel)
    {
        var groups = new List<(string Group, List<string> Members)>();
        foreach (var code in codes)
        {
            var group = AnalysisData.AncestorAt(data.Framework, code, groupLevel);
            if (group is null)
            {
                continue;
            }

            var k = groups.FindIndex(g => g.Group == group);
            if (k < 0)
            {
                groups.Add((group, [code]));
            }
            else
            {
                groups[k].Members.Add(code);
            }
        }

        return groups;
    }

    internal static (double? Correlation, double? PValue, int Pairs) Cell(AnalysisData data, string a, string b, CorrelationOptions o, Scratch scratch)
    {
        var x = data.Column(data.ColumnIndex(a));
        var y = data.Column(data.ColumnIndex(b));
        var r = Compute(x, y, o.Method, scratch, out var n, out var ties);
        double p;
        if (a == b)
        {
            p = 0; // get_pvals puts 0 on the diagonal
        }
        else
        {
            p = o.Method == CorrelationMethod.Pearson ? Distributions.PearsonPValue(r, n) : Distributions.SpearmanPValue(r, n, ties);
        }

        var pv = Statistics(p);
        var value = Statistics(r);
        if (o.Significance > 0 && pv is { } pp && pp > o.Significance)
        {
            value = null;
        }

        return (value, pv, n);
    }

    internal static double Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, CorrelationMethod method, Scratch s, out int n, out bool ties)
    {
        n = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                s.X[n] = x[i];
                s.Y[n] = y[i];
                n++;
            }
        }

        ties = false;
        if (n < 2)
        {
            return double.NaN;
        }

        var a = s.X.AsSpan(0, n);
        var b = s.Y.AsSpan(0, n);
        if (method == CorrelationMethod.Spearman)
        {
            var tiesA = AverageRanks(a, s);
            var tiesB = AverageRanks(b, s);
            ties = tiesA || tiesB;
        }

        return Pearson(a, b);
    }

    /// <summary>Pearson's r of two complete columns: two-pass means, clamped to [−1, 1]; NaN when a column is constant.</summary>
    internal static double Pearson(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var ma = Scoring.Kernels.Mean(a);
        var mb = Scoring.Kernels.Mean(b);
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var da = a[i] - ma;
            var db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }

        if (saa == 0 || sbb == 0)
        {
            return double.NaN;
        }

        return Math.Clamp(sab / Math.Sqrt(saa * sbb), -1, 1);
    }

    /// <summary>Replaces the values by their ranks, ties sharing the average rank (R's <c>rank</c>); returns whether there were ties.</summary>
    internal static bool AverageRanks(Span<double> v, Scratch s)
    {
        var n = v.Length;
        var order = s.Order.AsSpan(0, n);
        var keys = s.Keys.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            keys[i] = v[i];
        }

        keys.Sort(order);
        var ties = false;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && keys[j + 1] == keys[i])
            {
                j++;
            }

            ties |= j > i;
            var rank = ((i + j) / 2.0) + 1;
            for (var k = i; k <= j; k++)
            {
                v[order[k]] = rank;
            }

            i = j + 1;
        }

        return ties;
    }

    internal static double? Statistics(double x) => double.IsFinite(x) ? x : null;

    /// <summary>Buffers for the complete pairs of one correlation (not thread-safe; one per call).</summary>
    internal sealed class Scratch(int n)
    {
        public double[] X { get; } = new double[n];

        public double[] Y { get; } = new double[n];

        public double[] Keys { get; } = new double[n];

        public int[] Order { get; } = new int[n];
    }
}

/// <summary>Element-wise equality of nested immutable arrays, for the records' equality.</summary>
internal static class Sequences
{
    public static bool Equal<T>(ImmutableArray<ImmutableArray<T>> a, ImmutableArray<ImmutableArray<T>> b) =>
        a.Length == b.Length && a.Zip(b).All(p => p.First.SequenceEqual(p.Second));
}
