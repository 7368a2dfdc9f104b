using System.Collections.Immutable;
using OneOf;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Weights;

/// <summary>
/// Pairwise judgements among the children of one group of a framework. Immutable: the matrix is copied in and read
/// through the indexer or <see cref="ToArray"/>.
/// </summary>
public sealed record AhpJudgement
{
    private readonly double[,] _matrix;

    /// <summary>Initializes a new instance of the <see cref="AhpJudgement"/> class.</summary>
    /// <param name="group">The group's code.</param>
    /// <param name="criteria">The children's codes, in matrix order (each child of the group exactly once).</param>
    /// <param name="matrix">The pairwise-comparison matrix (copied; its shape is checked by <see cref="HierarchicalAhp.Apply"/>).</param>
    public AhpJudgement(string group, ImmutableArray<string> criteria, double[,] matrix)
    {
        Group = Guard.Against.Null(group);
        Criteria = criteria.IsDefault ? [] : criteria;
        _matrix = (double[,])Guard.Against.Null(matrix).Clone();
    }

    /// <summary>Gets the group's code.</summary>
    public string Group { get; }

    /// <summary>Gets the children's codes, in matrix order.</summary>
    public ImmutableArray<string> Criteria { get; }

    /// <summary>Gets the number of rows of the matrix.</summary>
    public int Rows => _matrix.GetLength(0);

    /// <summary>Gets the number of columns of the matrix.</summary>
    public int Columns => _matrix.GetLength(1);

    /// <summary>Gets one judgement: how much more important criterion <paramref name="row"/> is than <paramref name="column"/>.</summary>
    /// <param name="row">The row (0-based).</param>
    /// <param name="column">The column (0-based).</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row or column is out of range.</exception>
    public double this[int row, int column]
    {
        get
        {
            Guard.Against.OutOfRange(row, nameof(row), 0, Rows - 1);
            Guard.Against.OutOfRange(column, nameof(column), 0, Columns - 1);
            return _matrix[row, column];
        }
    }

    /// <summary>Gets the matrix itself, for the library's own reading (never handed out).</summary>
    internal double[,] Matrix => _matrix;

    /// <summary>Copies the matrix into a new array.</summary>
    /// <returns>The pairwise-comparison matrix.</returns>
    public double[,] ToArray() => (double[,])_matrix.Clone();

    /// <inheritdoc/>
    public bool Equals(AhpJudgement? other) =>
        other is not null && Group == other.Group && Criteria.SequenceEqual(other.Criteria) && Rows == other.Rows && Columns == other.Columns
        && _matrix.Cast<double>().SequenceEqual(other._matrix.Cast<double>());

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Group, Criteria.Length, Rows, Columns);
}

/// <summary>
/// Hierarchical AHP over a framework's tree: each judged group's children get the AHP weights of its matrix; the global
/// priority of a node is then its effective weight (<see cref="RatingFramework.GetEffectiveWeights"/>).
/// </summary>
public static class HierarchicalAhp
{
    /// <summary>Returns the framework with the weights derived from the judgements.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="judgements">One judgement per group to weigh; groups not judged keep their weights.</param>
    /// <param name="method">Eigenvector or geometric mean.</param>
    /// <param name="table">The random-index table.</param>
    /// <param name="maxConsistencyRatio">The largest accepted CR (exclusive).</param>
    /// <returns>The re-weighted framework and each group's AHP result, or every error (with the group in the path).</returns>
    public static OneOf<(RatingFramework Framework, ImmutableDictionary<string, AhpResult> Results), ValidationErrors> Apply(
        RatingFramework framework,
        IEnumerable<AhpJudgement> judgements,
        AhpMethod method = AhpMethod.Eigenvector,
        RandomIndexTable table = RandomIndexTable.SaatyClassic,
        double maxConsistencyRatio = 0.10)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(judgements);
        var errors = new ErrorCollector();
        var results = ImmutableDictionary.CreateBuilder<string, AhpResult>(StringComparer.Ordinal);
        foreach (var j in judgements)
        {
            if (framework.Find(j.Group) is not GroupNode group)
            {
                errors.Add(ErrorCodes.ReferenceMissing, j.Group, $"'{j.Group}' is not a group of the framework.", j.Group);
                continue;
            }

            var children = group.Children.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            if (!children.SetEquals(j.Criteria) || j.Criteria.Length != children.Count)
            {
                errors.Add(ErrorCodes.AhpMatrixShape, j.Group, $"The criteria of '{j.Group}' must be its children, each once: {string.Join(", ", group.Children.Select(c => c.Code))}.");
                continue;
            }

            var computed = Ahp.Compute(j.Criteria, j.Matrix, method, table, maxConsistencyRatio);
            if (computed.TryPickT1(out var ahpErrors, out var result))
            {
                errors.AddRange(ahpErrors, j.Group);
                continue;
            }

            if (!results.TryAdd(j.Group, result))
            {
                errors.Add(ErrorCodes.AhpDuplicateJudgement, j.Group, $"'{j.Group}' is judged twice.", j.Group);
            }
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        // Each judged group's children take the AHP weights; the rewriter sees each group with its children already rewritten.
        var root = TreeRewriter.Rewrite(framework.Root, n => n is GroupNode g && results.TryGetValue(g.Code, out var ahp)
            ? g with { Children = EquatableArray.Create(g.Children.Select(c => c with { Weight = ahp.WeightOf(c.Code) })) }
            : n);
        var weighted = framework.WithRoot(root);
        return weighted.Match<OneOf<(RatingFramework, ImmutableDictionary<string, AhpResult>), ValidationErrors>>(f => (f, results.ToImmutable()), e => e);
    }
}
