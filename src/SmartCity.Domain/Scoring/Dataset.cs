using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// A table of units (cities, regencies) × numeric columns (indicators, denominators), with missing values, plus text
/// attributes per unit (name, province, size class, any group column). Immutable.
/// </summary>
/// <remarks>
/// <para>A missing value is <see cref="double.NaN"/>. Infinite values are rejected. Values are stored column by column,
/// so that a column is one contiguous span (<see cref="Column(int)"/>).</para>
/// <para>Rows keep the order they were given in.</para>
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.DatasetJsonConverter))]
public sealed class Dataset : IEquatable<Dataset>
{
    private readonly double[] _values;
    private readonly FrozenDictionary<string, int> _unitIndex;
    private readonly FrozenDictionary<string, int> _columnIndex;

    private Dataset(ImmutableArray<string> units, ImmutableArray<string> columns, double[] values, ImmutableDictionary<string, ImmutableArray<string?>> attributes)
    {
        Units = units;
        Columns = columns;
        _values = values;
        Attributes = attributes;
        _unitIndex = units.Select((u, i) => (u, i)).ToFrozenDictionary(x => x.u, x => x.i, StringComparer.Ordinal);
        _columnIndex = columns.Select((c, i) => (c, i)).ToFrozenDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>Gets the unit codes, in row order.</summary>
    public ImmutableArray<string> Units { get; }

    /// <summary>Gets the numeric column names.</summary>
    public ImmutableArray<string> Columns { get; }

    /// <summary>Gets the text attributes by name (such as <c>uName</c>, <c>province</c>); each holds one value per unit, <see langword="null"/> when absent.</summary>
    public ImmutableDictionary<string, ImmutableArray<string?>> Attributes { get; }

    /// <summary>Gets the number of units.</summary>
    public int UnitCount => Units.Length;

    /// <summary>Creates a dataset.</summary>
    /// <param name="units">The unit codes, one per row.</param>
    /// <param name="columns">The numeric column names.</param>
    /// <param name="values">The values, <c>values[row, column]</c>; NaN for missing.</param>
    /// <param name="attributes">Text attributes, each with one value per row.</param>
    /// <returns>
    /// The dataset, or errors: <c>data.empty</c>, <c>data.unit-invalid</c>, <c>data.duplicate-unit</c>,
    /// <c>data.column-name-empty</c>, <c>data.duplicate-column</c>, <c>data.not-numeric</c> (an infinite value), with paths such as <c>rows[3].i05</c>.
    /// </returns>
    public static OneOf<Dataset, ValidationErrors> Create(
        IReadOnlyList<string> units,
        IReadOnlyList<string> columns,
        double[,] values,
        IReadOnlyDictionary<string, IReadOnlyList<string?>>? attributes = null)
    {
        Guard.Against.Null(units);
        Guard.Against.Null(columns);
        Guard.Against.Null(values);
        if (values.GetLength(0) != units.Count || values.GetLength(1) != columns.Count)
        {
            throw new ArgumentException($"values is {values.GetLength(0)}×{values.GetLength(1)}; expected {units.Count}×{columns.Count}.", nameof(values));
        }

        var columnMajor = new double[units.Count * columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            for (var r = 0; r < units.Count; r++)
            {
                columnMajor[(c * units.Count) + r] = values[r, c];
            }
        }

        return CreateColumnMajor(units, columns, columnMajor, attributes);
    }

    /// <summary>Creates a dataset from column-major values: column <c>c</c> is <c>values[c·n .. (c+1)·n)</c>.</summary>
    /// <param name="units">The unit codes.</param>
    /// <param name="columns">The numeric column names.</param>
    /// <param name="values">The values, column by column; copied.</param>
    /// <param name="attributes">Text attributes.</param>
    /// <returns>The dataset, or errors as <see cref="Create"/>.</returns>
    public static OneOf<Dataset, ValidationErrors> CreateColumnMajor(
        IReadOnlyList<string> units,
        IReadOnlyList<string> columns,
        ReadOnlySpan<double> values,
        IReadOnlyDictionary<string, IReadOnlyList<string?>>? attributes = null) =>
        CreateColumnMajorCore(units, columns, values, owned: null, attributes);

    /// <summary>
    /// Creates a dataset over column-major values without copying them, as <see cref="CreateColumnMajor"/> otherwise (for large tables: a reader that builds the
    /// column-major array once hands it over with <c>ImmutableCollectionsMarshal.AsImmutableArray</c> and never writes it
    /// again).
    /// </summary>
    /// <param name="units">The unit codes.</param>
    /// <param name="columns">The numeric column names.</param>
    /// <param name="values">The values, column by column; kept, not copied.</param>
    /// <param name="attributes">Text attributes.</param>
    /// <returns>The dataset, or errors as <see cref="Create"/>.</returns>
    public static OneOf<Dataset, ValidationErrors> WrapColumnMajor(
        IReadOnlyList<string> units,
        IReadOnlyList<string> columns,
        ImmutableArray<double> values,
        IReadOnlyDictionary<string, IReadOnlyList<string?>>? attributes = null)
    {
        var owned = ImmutableCollectionsMarshal.AsArray(values) ?? [];
        return CreateColumnMajorCore(units, columns, owned, owned, attributes);
    }

    private static OneOf<Dataset, ValidationErrors> CreateColumnMajorCore(
        IReadOnlyList<string> units,
        IReadOnlyList<string> columns,
        ReadOnlySpan<double> values,
        double[]? owned,
        IReadOnlyDictionary<string, IReadOnlyList<string?>>? attributes)
    {
        Guard.Against.Null(units);
        Guard.Against.Null(columns);
        if (values.Length != units.Count * columns.Count)
        {
            throw new ArgumentException($"values has {values.Length} cells; expected {units.Count}×{columns.Count}.", nameof(values));
        }

        var errors = new ErrorCollector();
        if (units.Count == 0)
        {
            errors.Add(ErrorCodes.DataEmpty, "rows", "The dataset has no units.");
        }

        var seenUnits = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < units.Count; r++)
        {
            var u = units[r];
            if (!Codes.IsValid(u))
            {
                errors.Add(ErrorCodes.DataUnitInvalid, Row(r) + ".uCode", "A unit code must be 1-128 ASCII letters, digits, '_', '-' or '.', starting with a letter.", u ?? "null");
            }
            else if (!seenUnits.TryAdd(u, r))
            {
                errors.Add(ErrorCodes.DataDuplicateUnit, Row(r) + ".uCode", $"The unit code '{u}' is already used by row {seenUnits[u] + 1}.", u);
            }
        }

        var seenColumns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            if (string.IsNullOrEmpty(c))
            {
                errors.Add(ErrorCodes.DataColumnNameEmpty, "columns", "A column has an empty name.", c);
            }
            else if (!seenColumns.Add(c))
            {
                errors.Add(ErrorCodes.DataDuplicateColumn, "columns", $"The column '{c}' appears twice.", c);
            }
        }

        var infinite = Kernels.HasInfinite(values); // one vectorised pass: usually there are none to report
        for (var c = 0; infinite && c < columns.Count; c++)
        {
            for (var r = 0; r < units.Count; r++)
            {
                var v = values[(c * units.Count) + r];
                if (double.IsInfinity(v))
                {
                    errors.Add(ErrorCodes.DataNotNumeric, Row(r) + "." + columns[c], "The value is infinite.", v);
                }
            }
        }

        var attrs = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string?>>(StringComparer.Ordinal);
        if (attributes is not null)
        {
            foreach (var (name, vals) in attributes)
            {
                if (vals.Count != units.Count)
                {
                    throw new ArgumentException($"Attribute '{name}' has {vals.Count} values; expected {units.Count}.", nameof(attributes));
                }

                if (seenColumns.Contains(name))
                {
                    errors.Add(ErrorCodes.DataDuplicateColumn, "attributes." + name, $"'{name}' is both a numeric column and an attribute.", name);
                }

                attrs[name] = [.. vals];
            }
        }

        var copy = owned ?? values.ToArray();
        return errors.Result(() => new Dataset([.. units], [.. columns], copy, attrs.ToImmutable()));
    }

    /// <summary>Returns the index of a unit.</summary>
    /// <param name="unit">The unit code.</param>
    /// <returns>The row index, or −1.</returns>
    public int IndexOfUnit(string unit)
    {
        Guard.Against.Null(unit);
        return _unitIndex.TryGetValue(unit, out var i) ? i : -1;
    }

    /// <summary>Returns the index of a column.</summary>
    /// <param name="column">The column name.</param>
    /// <returns>The column index, or −1.</returns>
    public int IndexOfColumn(string column)
    {
        Guard.Against.Null(column);
        return _columnIndex.TryGetValue(column, out var i) ? i : -1;
    }

    /// <summary>Returns one column's values, one per unit in row order.</summary>
    /// <param name="column">The column index.</param>
    /// <returns>The values; NaN for missing.</returns>
    public ReadOnlySpan<double> Column(int column) => _values.AsSpan(column * UnitCount, UnitCount);

    /// <summary>The values, column-major (never written: results share it instead of copying columns).</summary>
    internal double[] Values => _values;

    /// <summary>Returns one value.</summary>
    /// <param name="unit">The unit code.</param>
    /// <param name="column">The column name.</param>
    /// <returns>The value, NaN when missing.</returns>
    /// <exception cref="KeyNotFoundException">The unit or column does not exist.</exception>
    public double Value(string unit, string column)
    {
        Guard.Against.Null(unit);
        Guard.Against.Null(column);
        return _values[(_columnIndex[column] * UnitCount) + _unitIndex[unit]];
    }

    /// <summary>Returns a copy with one value changed (NaN to clear it).</summary>
    /// <param name="unit">The unit code.</param>
    /// <param name="column">The column name.</param>
    /// <param name="value">The new value.</param>
    /// <returns>The new dataset, or a <c>data.not-numeric</c> error for an infinite value.</returns>
    /// <exception cref="KeyNotFoundException">The unit or column does not exist.</exception>
    public OneOf<Dataset, ValidationErrors> WithValue(string unit, string column, double value)
    {
        Guard.Against.Null(unit);
        Guard.Against.Null(column);
        if (double.IsInfinity(value))
        {
            return ValidationErrors.Single(ErrorCodes.DataNotNumeric, $"{unit}.{column}", "The value is infinite.", ErrorCollector.Format(value));
        }

        var copy = (double[])_values.Clone();
        copy[(_columnIndex[column] * UnitCount) + _unitIndex[unit]] = value;
        return new Dataset(Units, Columns, copy, Attributes);
    }

    /// <summary>Returns a copy with several values changed (finite values, known rows and columns).</summary>
    internal Dataset WithValues(IEnumerable<(int Unit, int Column, double Value)> edits)
    {
        var copy = (double[])_values.Clone();
        foreach (var (unit, column, value) in edits)
        {
            copy[(column * UnitCount) + unit] = value;
        }

        return new Dataset(Units, Columns, copy, Attributes);
    }

    /// <summary>Returns the dataset with some columns only, each under a new name (all units and attributes kept).</summary>
    internal Dataset SelectColumns(IReadOnlyList<(int Source, string Name)> columns)
    {
        var values = new double[columns.Count * UnitCount];
        for (var c = 0; c < columns.Count; c++)
        {
            Column(columns[c].Source).CopyTo(values.AsSpan(c * UnitCount, UnitCount));
        }

        return new Dataset(Units, [.. columns.Select(c => c.Name)], values, Attributes);
    }

    /// <summary>Returns the dataset restricted to some units (in this dataset's row order), with all columns and attributes.</summary>
    /// <param name="units">The units to keep; unknown codes are ignored.</param>
    /// <returns>The subset.</returns>
    public Dataset Subset(IEnumerable<string> units)
    {
        Guard.Against.Null(units);
        var keep = new HashSet<string>(units, StringComparer.Ordinal);
        var rows = Enumerable.Range(0, UnitCount).Where(r => keep.Contains(Units[r])).ToArray();
        var values = new double[rows.Length * Columns.Length];
        for (var c = 0; c < Columns.Length; c++)
        {
            for (var k = 0; k < rows.Length; k++)
            {
                values[(c * rows.Length) + k] = _values[(c * UnitCount) + rows[k]];
            }
        }

        var attributes = Attributes.ToImmutableDictionary(a => a.Key, a => rows.Select(r => a.Value[r]).ToImmutableArray(), StringComparer.Ordinal);
        return new Dataset([.. rows.Select(r => Units[r])], Columns, values, attributes);
    }

    /// <summary>Returns a unit's text attribute, or <see langword="null"/>.</summary>
    /// <param name="unit">The unit code.</param>
    /// <param name="attribute">The attribute name.</param>
    /// <returns>The value.</returns>
    public string? Attribute(string unit, string attribute)
    {
        Guard.Against.Null(unit);
        Guard.Against.Null(attribute);
        return  Attributes.TryGetValue(attribute, out var values) && IndexOfUnit(unit) is var i and >= 0 ? values[i] : null;
    }

    /// <summary>Returns whether two datasets hold the same units, columns, values (missing equals missing) and attributes, in the same order.</summary>
    /// <param name="other">The other dataset.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(Dataset? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Units.SequenceEqual(other.Units)
                && Columns.SequenceEqual(other.Columns)
                && _values.AsSpan().SequenceEqual(other._values)
                && Attributes.Count == other.Attributes.Count
                && Attributes.All(a => other.Attributes.TryGetValue(a.Key, out var v) && a.Value.SequenceEqual(v))));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Dataset);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(UnitCount, Columns.Length, UnitCount > 0 ? Units[0] : null);

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Dataset(units={UnitCount}, columns={Columns.Length}, attributes={Attributes.Count})");

    internal static string Row(int r) => string.Create(CultureInfo.InvariantCulture, $"rows[{r}]");
}
