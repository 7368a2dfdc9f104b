using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Multivariate;

/// <summary>
/// Which values of the pipeline a multivariate analysis runs on: COINr's data sets (<c>dset</c>) by their names here.
/// </summary>
public enum DataStage
{
    /// <summary>The indicators' values as given (COINr <c>Raw</c>): before denominating, imputing, treating or normalising.</summary>
    Raw,

    /// <summary>The indicators after denominating and imputing (COINr <c>Imputed</c>; <c>Denominated</c> when nothing is imputed).</summary>
    Imputed,

    /// <summary>The indicators after outlier treatment (COINr <c>Treated</c>): the imputed values where an indicator was not treated.</summary>
    Treated,

    /// <summary>The indicators' normalised values (COINr <c>Normalised</c>).</summary>
    Normalised,

    /// <summary>The normalised indicators and every group's score, index included (COINr <c>Aggregated</c>).</summary>
    Aggregated,
}

/// <summary>
/// An immutable table of units × node columns taken from one <see cref="DataStage"/> of the pipeline, with the framework
/// it belongs to: the input of every multivariate analysis (statistics, correlations, Cronbach's alpha, PCA, strengths and
/// weaknesses). Missing values are <see langword="null"/>.
/// </summary>
/// <remarks>Columns are node codes in the framework's order: indicators first, then groups bottom-up (the index last).</remarks>
public sealed class AnalysisData
{
    private readonly double[] _values;
    private readonly FrozenDictionary<string, int> _columnIndex;
    private readonly FrozenDictionary<string, int> _unitIndex;

    private AnalysisData(RatingFramework framework, DataStage stage, ImmutableArray<string> units, ImmutableArray<string> columns, double[] values, Dataset source)
    {
        Framework = framework;
        Stage = stage;
        Units = units;
        Columns = columns;
        _values = values;
        Source = source;
        _columnIndex = columns.Select((c, i) => (c, i)).ToFrozenDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        _unitIndex = units.Select((u, i) => (u, i)).ToFrozenDictionary(x => x.u, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>Gets the framework whose nodes the columns are.</summary>
    public RatingFramework Framework { get; }

    /// <summary>Gets the stage the values come from.</summary>
    public DataStage Stage { get; }

    /// <summary>Gets the unit codes, in dataset row order.</summary>
    public ImmutableArray<string> Units { get; }

    /// <summary>Gets the node codes of the columns.</summary>
    public ImmutableArray<string> Columns { get; }

    /// <summary>Gets the number of units.</summary>
    public int UnitCount => Units.Length;

    /// <summary>Gets the dataset the values were computed from (its text attributes are used for groups).</summary>
    public Dataset Source { get; }

    /// <summary>Takes the raw indicator columns of a dataset (COINr <c>Raw</c>).</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="data">The dataset; it must hold a column for every indicator.</param>
    /// <returns>The table, or the error <c>multivariate.unknown-code</c> naming each indicator the dataset lacks.</returns>
    public static OneOf<AnalysisData, ValidationErrors> FromDataset(RatingFramework framework, Dataset data)
    {
        Guard.Against.Null(framework);
        Guard.Against.Null(data);
        var errors = new ErrorCollector();
        var n = data.UnitCount;
        var codes = framework.Indicators.Select(i => i.Code).ToImmutableArray();
        var values = new double[codes.Length * n];
        for (var c = 0; c < codes.Length; c++)
        {
            var column = data.IndexOfColumn(codes[c]);
            if (column < 0)
            {
                errors.Add(ErrorCodes.MultivariateUnknownCode, "columns." + codes[c], $"The dataset has no column for the indicator '{codes[c]}'.", codes[c]);
                continue;
            }

            data.Column(column).CopyTo(values.AsSpan(c * n, n));
        }

        return errors.Result(() => new AnalysisData(framework, DataStage.Raw, data.Units, codes, values, data));
    }

    /// <summary>Takes one stage of a scoring result.</summary>
    /// <param name="result">The result.</param>
    /// <param name="stage">The stage: indicators only, except <see cref="DataStage.Aggregated"/>, which adds every group.</param>
    /// <returns>The table.</returns>
    public static AnalysisData FromResult(ScoreResult result, DataStage stage)
    {
        Guard.Against.Null(result);
        Guard.Against.EnumOutOfRange(stage);
        var framework = result.Framework;
        var n = result.UnitCount;
        var codes = stage == DataStage.Aggregated
            ? result.NodeCodes
            : framework.Indicators.Select(i => i.Code).ToImmutableArray();
        var values = new double[codes.Length * n];
        for (var c = 0; c < codes.Length; c++)
        {
            var target = values.AsSpan(c * n, n);
            if (stage == DataStage.Raw)
            {
                var column = result.Data.IndexOfColumn(codes[c]);
                result.Data.Column(column).CopyTo(target);
                continue;
            }

            var column2 = stage switch
            {
                DataStage.Imputed => result.Imputed(codes[c]),
                DataStage.Treated => result.Treated(codes[c]),
                _ => result.Scores(codes[c]),
            };
            for (var u = 0; u < n; u++)
            {
                target[u] = column2[u] ?? double.NaN;
            }
        }

        return new AnalysisData(framework, stage, result.Units, codes, values, result.Data);
    }

    /// <summary>Returns one value.</summary>
    /// <param name="unit">The unit code.</param>
    /// <param name="column">The node code.</param>
    /// <returns>The value, or <see langword="null"/> when missing.</returns>
    /// <exception cref="KeyNotFoundException">No such unit or column.</exception>
    public double? Value(string unit, string column)
    {
        Guard.Against.Null(unit);
        Guard.Against.Null(column);
        var x = _values[(ColumnIndex(column) * UnitCount) + _unitIndex[unit]];
        return double.IsNaN(x) ? null : x;
    }

    /// <summary>Returns one column's values.</summary>
    /// <param name="column">The node code.</param>
    /// <returns>One value per unit, <see langword="null"/> where missing.</returns>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public ImmutableArray<double?> ValuesOf(string column)
    {
        Guard.Against.Null(column);
        var span = Column(ColumnIndex(column));
        var builder = ImmutableArray.CreateBuilder<double?>(span.Length);
        foreach (var x in span)
        {
            builder.Add(double.IsNaN(x) ? null : x);
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Returns whether the table has a column.</summary>
    /// <param name="column">The node code.</param>
    /// <returns><see langword="true"/> when it has.</returns>
    public bool Contains(string column) => _columnIndex.ContainsKey(Guard.Against.Null(column));

    /// <summary>Returns the columns of the nodes at one level, in framework order.</summary>
    /// <param name="level">The level (1 = indicators).</param>
    /// <returns>The codes; empty when the table has none at that level.</returns>
    public ImmutableArray<string> ColumnsAtLevel(int level) => [.. Columns.Where(c => Framework.LevelOf(c) == level)];

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"AnalysisData({Stage}, units={UnitCount}, columns={Columns.Length})");

    internal int ColumnIndex(string column) =>
        _columnIndex.TryGetValue(column, out var c) ? c : throw new KeyNotFoundException($"The analysis data has no column '{column}'.");

    internal int UnitIndex(string unit) => _unitIndex.TryGetValue(unit, out var u) ? u : -1;

    internal ReadOnlySpan<double> Column(int column) => _values.AsSpan(column * UnitCount, UnitCount);

    /// <summary>The unit's group code at <paramref name="level"/> for a node (the node itself at its own level), or null.</summary>
    internal static string? AncestorAt(RatingFramework framework, string code, int level)
    {
        var current = code;
        while (framework.LevelOf(current) < level)
        {
            var parent = framework.ParentOf(current);
            if (parent is null)
            {
                return null;
            }

            current = parent.Code;
        }

        return framework.LevelOf(current) == level ? current : null;
    }

    /// <summary>Checks a list of codes against the table; adds <c>multivariate.unknown-code</c> for each unknown one.</summary>
    internal void CheckCodes(IEnumerable<string> codes, ErrorCollector errors, string path)
    {
        foreach (var c in codes)
        {
            if (c is null || !_columnIndex.ContainsKey(c))
            {
                errors.Add(ErrorCodes.MultivariateUnknownCode, path, $"The {Stage} data has no column '{c}'.", c);
            }
        }
    }
}
