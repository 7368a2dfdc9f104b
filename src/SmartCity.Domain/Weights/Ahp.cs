using System.Globalization;
using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Weights;

/// <summary>
/// Weights from a pairwise-comparison matrix (Saaty's analytic hierarchy process): the principal eigenvector or the
/// geometric-mean method, λmax, consistency index and ratio, with a selectable random-index table.
/// </summary>
/// <remarks>
/// <para>Entry a_ij says how much more important criterion i is than j (Saaty's 1–9 scale; a_ji = 1/a_ij). The matrix
/// must be square, positive and reciprocal (to 1e-9 relative), with a unit diagonal.</para>
/// <para>A consistency ratio ≥ the limit (0.10 by default) is an <c>ahp.inconsistent</c> error unless the caller accepts
/// it. For n ≤ 2 every reciprocal matrix is consistent and CR is 0 (no division by a zero random index).</para>
/// </remarks>
public static class Ahp
{
    private static readonly double[] s_classic = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];
    private static readonly double[] s_alternative = [0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59];

    /// <summary>Returns the random index for <paramref name="n"/> criteria.</summary>
    /// <param name="n">The matrix size, ≥ 1.</param>
    /// <param name="table">The table.</param>
    /// <returns>The random index; above 15 the classic table repeats its last value and the alternative gives 1.6.</returns>
    public static double RandomIndex(int n, RandomIndexTable table = RandomIndexTable.SaatyClassic)
    {
        Guard.Against.NegativeOrZero(n);
        var values = table == RandomIndexTable.SaatyClassic ? s_classic : s_alternative;
        return n <= values.Length ? values[n - 1] : table == RandomIndexTable.SaatyClassic ? values[^1] : 1.6;
    }

    /// <summary>Computes AHP weights.</summary>
    /// <param name="criteria">The criterion names, in matrix order.</param>
    /// <param name="matrix">The pairwise-comparison matrix, <c>matrix[i, j] = a_ij</c>.</param>
    /// <param name="method">Eigenvector (default) or geometric mean.</param>
    /// <param name="table">The random-index table.</param>
    /// <param name="maxConsistencyRatio">The largest accepted CR (exclusive): 0.10 by default; <see cref="double.PositiveInfinity"/> accepts any.</param>
    /// <returns>The result, or <c>ahp.*</c> errors (two criteria of the same name, every bad entry with its row and column).</returns>
    public static OneOf<AhpResult, ValidationErrors> Compute(
        IReadOnlyList<string> criteria,
        double[,] matrix,
        AhpMethod method = AhpMethod.Eigenvector,
        RandomIndexTable table = RandomIndexTable.SaatyClassic,
        double maxConsistencyRatio = 0.10)
    {
        Guard.Against.Null(criteria);
        Guard.Against.Null(matrix);
        var n = criteria.Count;
        var errors = new ErrorCollector();
        if (n < 1 || matrix.GetLength(0) != n || matrix.GetLength(1) != n)
        {
            errors.Add(ErrorCodes.AhpMatrixShape, string.Empty, string.Create(CultureInfo.InvariantCulture, $"The matrix is {matrix.GetLength(0)}×{matrix.GetLength(1)} for {n} criteria; it must be square with one row and column per criterion."));
            return errors.ToErrors();
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var name = Guard.Against.Null(criteria[i], nameof(criteria));
            if (!seen.Add(name))
            {
                errors.Add(ErrorCodes.AhpDuplicateCriterion, string.Create(CultureInfo.InvariantCulture, $"criteria[{i}]"), $"'{name}' names two criteria; each criterion needs its own name.", name);
            }
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var a = matrix[i, j];
                var where = string.Create(CultureInfo.InvariantCulture, $"[{criteria[i]}, {criteria[j]}]");
                if (!double.IsFinite(a) || a <= 0)
                {
                    errors.Add(ErrorCodes.AhpEntryInvalid, where, "An entry must be a positive finite number.", a);
                }
                else if (i == j && a != 1)
                {
                    errors.Add(ErrorCodes.AhpNotReciprocal, where, "The diagonal must be 1.", a);
                }
                else if (j > i && double.IsFinite(matrix[j, i]) && Math.Abs((a * matrix[j, i]) - 1) > 1e-9)
                {
                    errors.Add(ErrorCodes.AhpNotReciprocal, where, string.Create(CultureInfo.InvariantCulture, $"a[{criteria[j]}, {criteria[i]}] must be 1/{a} (got {matrix[j, i]})."), a);
                }
            }
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var w = method == AhpMethod.Eigenvector ? PrincipalEigenvector(matrix, n) : GeometricMeans(matrix, n);
        // λmax = mean over i of (A·w)_i / w_i (exact for the eigenvector; Saaty's estimate for the geometric-mean weights).
        var lambda = 0.0;
        for (var i = 0; i < n; i++)
        {
            var aw = 0.0;
            for (var j = 0; j < n; j++)
            {
                aw += matrix[i, j] * w[j];
            }

            lambda += aw / w[i];
        }

        lambda /= n;
        var ci = n <= 2 ? 0 : Math.Max(0, (lambda - n) / (n - 1));
        var ri = RandomIndex(n, table);
        var cr = ri > 0 ? ci / ri : 0;
        if (!(cr < maxConsistencyRatio))
        {
            return ValidationErrors.Single(
                ErrorCodes.AhpInconsistent,
                string.Empty,
                string.Create(CultureInfo.InvariantCulture, $"The consistency ratio is {cr:0.####} (CI {ci:0.####}, RI {ri}); judgements with CR ≥ {maxConsistencyRatio} should be revised, or accepted explicitly."),
                cr.ToString("R", CultureInfo.InvariantCulture));
        }

        return new AhpResult([.. criteria], [.. w], lambda, ci, cr, ri, method);
    }

    /// <summary>Parses a comparison entry: a number or a fraction such as <c>1/3</c> (invariant culture).</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when parsed.</returns>
    public static bool TryParseEntry(string? text, out double value)
    {
        value = double.NaN;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('/');
        if (parts.Length == 1)
        {
            return double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var num)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var den)
            && den != 0)
        {
            value = num / den;
            return true;
        }

        return false;
    }

    /// <summary>Power iteration to 1e-15 (at most 10,000 steps); the matrix is positive, so the principal eigenvector is positive and unique.</summary>
    private static double[] PrincipalEigenvector(double[,] a, int n)
    {
        var w = new double[n];
        Array.Fill(w, 1.0 / n);
        var next = new double[n];
        for (var iteration = 0; iteration < 10_000; iteration++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                var v = 0.0;
                for (var j = 0; j < n; j++)
                {
                    v += a[i, j] * w[j];
                }

                next[i] = v;
                sum += v;
            }

            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                next[i] /= sum;
                change = Math.Max(change, Math.Abs(next[i] - w[i]));
            }

            (w, next) = (next, w);
            if (change < 1e-15)
            {
                break;
            }
        }

        return w;
    }

    private static double[] GeometricMeans(double[,] a, int n)
    {
        var w = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var log = 0.0;
            for (var j = 0; j < n; j++)
            {
                log += Math.Log(a[i, j]);
            }

            w[i] = Math.Exp(log / n);
            sum += w[i];
        }

        for (var i = 0; i < n; i++)
        {
            w[i] /= sum;
        }

        return w;
    }
}
