using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Coinr;

/// <summary>
/// Builds a dataset from CSV records as they are read: each numeric cell is parsed from its span straight into blocks
/// of doubles (no string per cell; a block is some 64 K values, a few rows of every column, column by column, so that
/// the final column-major array is made of contiguous copies), unit codes and text attributes are kept as strings. The memory for the numbers is
/// checked against <see cref="CsvLimits.MaxValueBytes"/> before each block is allocated. Past
/// <see cref="ParallelReads.FromValues"/> numeric cells, the numbers are parsed over the cores (<see cref="Pipeline"/>).
/// </summary>
internal sealed partial class DatasetRows
{
    private const int BlockValues = 1 << 16;

    private readonly string _name;
    private readonly IReadOnlyList<string> _numeric;
    private readonly int[] _numericIndex;
    private readonly int _uCode;
    private readonly string[] _attributes;
    private readonly int[] _attributeIndex;
    private readonly List<string?>[] _attributeValues;
    private readonly ErrorCollector _errors;
    private readonly CsvLimits _limits;
    private readonly List<string> _units = [];
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);
    private readonly List<double[]> _blocks = [];
    private readonly int _rowsPerBlock;
    private double[]? _block;
    private int _blockRows;

    private DatasetRows(string name, string[] header, Dictionary<string, int> index, IReadOnlyList<string> numeric, int[] numericIndex, int uCode, ErrorCollector errors, CsvLimits limits)
    {
        _name = name;
        _numeric = numeric;
        _numericIndex = numericIndex;
        _uCode = uCode;
        _errors = errors;
        _limits = limits;
        _rowsPerBlock = Math.Max(1, BlockValues / Math.Max(1, numeric.Count));
        var numericSet = new HashSet<string>(numeric, StringComparer.Ordinal) { "uCode" };
        _attributes = [.. header.Where(h => !numericSet.Contains(h)).Distinct(StringComparer.Ordinal)];
        _attributeIndex = [.. _attributes.Select(a => index[a])];
        _attributeValues = [.. _attributes.Select(_ => new List<string?>())];
    }

    /// <summary>Checks the header has <c>uCode</c> and every numeric column; <see langword="null"/> (errors recorded) when not.</summary>
    public static DatasetRows? Start(string name, string[] header, IReadOnlyList<string> numeric, ErrorCollector errors, CsvLimits limits)
    {
        var index = CsvTable.IndexHeader(header);
        if (!index.TryGetValue("uCode", out var uCode))
        {
            errors.Add(ErrorCodes.DataColumnMissing, "line 1", $"{name}: the column 'uCode' is missing.", "uCode");
            return null;
        }

        var numericIndex = new int[numeric.Count];
        var missing = false;
        for (var c = 0; c < numeric.Count; c++)
        {
            if (!index.TryGetValue(numeric[c], out numericIndex[c]))
            {
                errors.Add(ErrorCodes.DataColumnMissing, "line 1", $"{name}: the column {CsvRecordReader.Shorten(numeric[c])} is missing (needed by the framework).", CsvTable.Truncate(numeric[c]));
                missing = true;
            }
        }

        return missing || errors.HasErrors ? null : new DatasetRows(name, header, index, numeric, numericIndex, uCode, errors, limits);
    }

    /// <summary>Gets whether the records from here on are parsed over the cores: at least <see cref="ParallelReads.FromValues"/> numeric cells have been read on one thread.</summary>
    public bool ParallelFromHere => _numeric.Count > 0 && (long)_units.Count * _numeric.Count >= _limits.Parallel.FromValues;

    /// <summary>Adds the current record (its width already checked).</summary>
    public void Add(CsvRecordReader csv)
    {
        var code = Admit(csv, _errors, out var block, out var row);
        var m = _numeric.Count;
        for (int c = 0, at = row; c < m; c++, at += _rowsPerBlock)
        {
            var cell = csv.Cell(_numericIndex[c]);
            if (!CsvTable.TryParseNumber(cell, out block[at]))
            {
                NotNumeric(_errors, csv.Line, c, code, cell);
                block[at] = double.NaN;
            }
        }
    }

    /// <summary>
    /// Takes the current record (its width already checked) except its numbers: checks its unit code (problems into
    /// <paramref name="errors"/>), gives it the next row of the blocks (a new block when needed, within the memory
    /// limit), and keeps its attributes and unit code. Its numbers go to row <paramref name="row"/> of <paramref name="block"/>.
    /// </summary>
    /// <returns>The unit code.</returns>
    private string Admit(CsvRecordReader csv, ErrorCollector errors, out double[] block, out int row)
    {
        var line = csv.Line;
        var code = csv.Cell(_uCode).Trim().ToString();
        if (!Codes.IsValid(code))
        {
            errors.Add(ErrorCodes.DataUnitInvalid, string.Create(CultureInfo.InvariantCulture, $"line {line}.uCode"), string.Create(CultureInfo.InvariantCulture, $"{_name}: line {line}, column uCode: {CsvRecordReader.Shorten(code)} is not a valid unit code."), CsvTable.Truncate(code));
        }
        else if (!_seen.TryAdd(code, line))
        {
            errors.Add(ErrorCodes.DataDuplicateUnit, string.Create(CultureInfo.InvariantCulture, $"line {line}.uCode"), string.Create(CultureInfo.InvariantCulture, $"{_name}: line {line}, column uCode: '{code}' is already used on line {_seen[code]}."), code);
        }

        if (_block is null || _blockRows == _rowsPerBlock)
        {
            NewBlock();
        }

        block = _block;
        row = _blockRows++;
        for (var a = 0; a < _attributes.Length; a++)
        {
            var value = csv.Cell(_attributeIndex[a]).Trim();
            _attributeValues[a].Add(value.Length > 0 && value is not "NA" ? value.ToString() : null);
        }

        _units.Add(code);
        return code;
    }

    /// <summary>Records <c>data.not-numeric</c> for numeric column <paramref name="c"/> of the unit on <paramref name="line"/>.</summary>
    private void NotNumeric(ErrorCollector errors, int line, int c, string code, ReadOnlySpan<char> cell)
    {
        var text = cell.ToString();
        errors.Add(ErrorCodes.DataNotNumeric, $"line {line.ToString(CultureInfo.InvariantCulture)}.{_numeric[c]}", $"{_name}: line {line.ToString(CultureInfo.InvariantCulture)}, column {_numeric[c]} (unit {CsvTable.Truncate(code)}): {CsvRecordReader.Shorten(text)} is not a number.", CsvTable.Truncate(text));
    }

    /// <summary>Creates the dataset: each block's columns copied into one column-major array.</summary>
    public Dataset? Finish()
    {
        if (_errors.HasErrors)
        {
            return null;
        }

        var n = _units.Count;
        var m = _numeric.Count;
        var values = GC.AllocateUninitializedArray<double>(checked(n * m)); // every cell is written below
        if ((long)n * m >= _limits.Parallel.FromValues && _blocks.Count > 1)
        {
            Parallel.For(0, _blocks.Count, b => Transpose(b, values, n));
        }
        else
        {
            for (var b = 0; b < _blocks.Count; b++)
            {
                Transpose(b, values, n);
            }
        }

        _blocks.Clear();
        _block = null;
        var attrs = new Dictionary<string, IReadOnlyList<string?>>(StringComparer.Ordinal);
        for (var a = 0; a < _attributes.Length; a++)
        {
            attrs[_attributes[a]] = _attributeValues[a];
        }

        var created = Dataset.WrapColumnMajor(_units, _numeric, ImmutableCollectionsMarshal.AsImmutableArray(values), attrs);
        if (created.TryPickT1(out var dataErrors, out var dataset))
        {
            foreach (var e in dataErrors)
            {
                _errors.AddRange([new ValidationError(e.Code, e.Path, $"{_name}: {e.Message}", e.AttemptedValue)]);
            }

            return null;
        }

        return dataset;
    }

    /// <summary>Copies block <paramref name="b"/> (its rows of each column) into its rows of every column of <paramref name="values"/>.</summary>
    private void Transpose(int b, double[] values, int n)
    {
        var block = _blocks[b];
        var row = b * _rowsPerBlock;
        var rows = Math.Min(_rowsPerBlock, n - row);
        for (var c = 0; c < _numeric.Count; c++)
        {
            block.AsSpan(c * _rowsPerBlock, rows).CopyTo(values.AsSpan((c * n) + row, rows));
        }
    }

    [MemberNotNull(nameof(_block))]
    private void NewBlock()
    {
        var m = _numeric.Count;
        long rows = _units.Count + _rowsPerBlock;
        if (checked(rows * m * sizeof(double)) > _limits.MaxValueBytes)
        {
            throw InputRefusedException.TooManyValues(_name, _units.Count + 1, m, _limits.MaxValueBytes);
        }

        _block = new double[_rowsPerBlock * m];
        _blocks.Add(_block);
        _blockRows = 0;
    }
}
