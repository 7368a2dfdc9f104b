using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Panels;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Coinr;

/// <summary>
/// Reads panel data from one long-format CSV (COINr's iData for a purse): a <c>uCode</c> column, a time column (by default
/// <c>Time</c>, whole numbers such as years) and the framework's indicator and denominator columns; one row per unit and
/// time point. Other columns are kept as text attributes of each edition.
/// </summary>
public static partial class PanelCsv
{
    /// <summary>Reads a panel for a framework from a file.</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="path">The CSV file; its name is used in messages.</param>
    /// <param name="timeColumn">The time column's name.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>).</param>
    /// <returns>
    /// The panel, or every problem, each naming the file and the line (and column) of the offending row (path
    /// <c>line N.COLUMN</c>, header problems <c>line 1</c>): <c>panel.time</c> (a missing time column, a time column that
    /// is also <c>uCode</c> or an indicator, or a time that is not a whole number), <c>panel.duplicate-row</c> (a unit
    /// given twice for one time), <c>data.unit-invalid</c>, <c>data.not-numeric</c>, <c>data.column-missing</c>,
    /// <c>data.empty</c> (no row after the header) and the <c>csv.*</c> codes.
    /// </returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static OneOf<PanelData, ValidationErrors> ReadFile(RatingFramework framework, string path, string timeColumn = "Time", CsvLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        using var stream = CsvFiles.OpenRead(path, useAsync: false);
        using var reader = CsvFiles.Reader(stream);
        return Read(framework, reader, Path.GetFileName(path), timeColumn, limits);
    }

    /// <summary>Reads a panel for a framework from CSV text.</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="timeColumn">The time column's name.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>).</param>
    /// <returns>The panel, or every problem with its line (see <see cref="ReadFile"/>).</returns>
    public static OneOf<PanelData, ValidationErrors> Read(RatingFramework framework, TextReader reader, string name = "data.csv", string timeColumn = "Time", CsvLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeColumn);
        var l = limits ?? CsvLimits.Default;
        var errors = new ErrorCollector();
        CsvTable? table;
        try
        {
            table = CsvTable.Read(reader, name, errors, l);
        }
        catch (InputRefusedException ex)
        {
            return ValidationErrors.Of([ex.Error]);
        }

        if (table is null || errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var uCode = table.IndexOf("uCode");
        var time = table.IndexOf(timeColumn);
        if (uCode < 0)
        {
            errors.Add(ErrorCodes.DataColumnMissing, "line 1", $"{name}: the column 'uCode' is missing.", "uCode");
        }

        if (time < 0)
        {
            errors.Add(ErrorCodes.PanelTime, "line 1", $"{name}: the time column {CsvRecordReader.Shorten(timeColumn)} is missing.", CsvTable.Truncate(timeColumn));
        }

        var numeric = DatasetColumns.Of(framework).NumericColumns(table.Header);
        var numericIndex = numeric.Select(table.IndexOf).ToArray();
        for (var c = 0; c < numeric.Count; c++)
        {
            if (numericIndex[c] < 0)
            {
                errors.Add(ErrorCodes.DataColumnMissing, "line 1", $"{name}: the column {CsvRecordReader.Shorten(numeric[c])} is missing (needed by the framework).", CsvTable.Truncate(numeric[c]));
            }
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        if (numeric.Contains(timeColumn, StringComparer.Ordinal) || timeColumn == "uCode")
        {
            errors.Add(ErrorCodes.PanelTime, "line 1", $"{name}: the time column {CsvRecordReader.Shorten(timeColumn)} is also {(timeColumn == "uCode" ? "the unit code column" : "a column the framework needs")}; name the column that holds the time.", CsvTable.Truncate(timeColumn));
            return errors.ToErrors();
        }

        if (table.Rows.Count == 0)
        {
            errors.Add(ErrorCodes.DataEmpty, "rows", $"{name}: there is no row after the header (line 1).");
            return errors.ToErrors();
        }

        var taken = new HashSet<int>(numericIndex) { uCode, time };
        var attributeIndex = Enumerable.Range(0, table.Header.Count).Where(i => !taken.Contains(i) && table.IndexOf(table.Header[i]) == i).ToArray();
        var byTime = new SortedDictionary<int, List<(int Line, string Unit, double[] Values, string[] Cells)>>();
        var seen = new Dictionary<(string Unit, int Time), int>();
        foreach (var (lineNumber, cells) in table.Rows)
        {
            var line = lineNumber.ToString(CultureInfo.InvariantCulture);
            var unit = cells[uCode].Trim();
            var ok = true;
            if (!Codes.IsValid(unit))
            {
                errors.Add(ErrorCodes.DataUnitInvalid, $"line {line}.uCode", $"{name}: line {line}, column uCode: {CsvRecordReader.Shorten(unit)} is not a valid unit code.", CsvTable.Truncate(unit));
                ok = false;
            }

            var text = cells[time].Trim();
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var t))
            {
                errors.Add(ErrorCodes.PanelTime, $"line {line}.{timeColumn}", $"{name}: line {line}, column {CsvTable.Truncate(timeColumn)}: {CsvRecordReader.Shorten(text)} is not a whole-number time.", CsvTable.Truncate(text));
                ok = false;
            }

            var values = new double[numeric.Count];
            for (var c = 0; c < numeric.Count; c++)
            {
                var cell = cells[numericIndex[c]];
                if (!CsvTable.TryParseNumber(cell, out values[c]))
                {
                    errors.Add(ErrorCodes.DataNotNumeric, $"line {line}.{numeric[c]}", $"{name}: line {line}, column {numeric[c]} (unit {CsvTable.Truncate(unit)}): {CsvRecordReader.Shorten(cell)} is not a number.", CsvTable.Truncate(cell));
                    ok = false;
                }
            }

            if (!ok)
            {
                continue;
            }

            if (!seen.TryAdd((unit, t), lineNumber))
            {
                errors.Add(ErrorCodes.PanelDuplicateRow, $"line {line}.uCode", string.Create(CultureInfo.InvariantCulture, $"{name}: line {line}: unit '{unit}' at time {t} is already given on line {seen[(unit, t)]}."), unit);
                continue;
            }

            if (!byTime.TryGetValue(t, out var rows))
            {
                byTime[t] = rows = [];
            }

            rows.Add((lineNumber, unit, values, cells));
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        var editions = new List<KeyValuePair<int, Dataset>>(byTime.Count);
        foreach (var (t, rows) in byTime)
        {
            var values = new double[numeric.Count * rows.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                for (var c = 0; c < numeric.Count; c++)
                {
                    values[(c * rows.Count) + r] = rows[r].Values[c];
                }
            }

            // Text attributes as the dataset reader keeps them: trimmed, an empty cell or NA is missing.
            var attributes = attributeIndex.ToDictionary(
                i => table.Header[i],
                i => (IReadOnlyList<string?>)[.. rows.Select(x => x.Cells[i].Trim() is { Length: > 0 } v && v != "NA" ? v : null)],
                StringComparer.Ordinal);
            var data = Dataset.WrapColumnMajor([.. rows.Select(x => x.Unit)], [.. numeric], ImmutableCollectionsMarshal.AsImmutableArray(values), attributes);
            if (data.TryPickT1(out var bad, out var dataset))
            {
                // Not expected (every row was checked above); a row's error still names its line, never an edition's row index.
                foreach (var e in bad)
                {
                    var m = RowPath().Match(e.Path);
                    var path = m.Success ? string.Create(CultureInfo.InvariantCulture, $"line {rows[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)].Line}{m.Groups[2].Value}") : "line 1";
                    errors.Add(e.Code, path, $"{name}: {path}: {e.Message}", e.AttemptedValue);
                }
            }
            else
            {
                editions.Add(KeyValuePair.Create(t, dataset));
            }
        }

        if (errors.HasErrors)
        {
            return errors.ToErrors();
        }

        return PanelData.Create(editions);
    }

    [GeneratedRegex(@"^rows\[(\d+)\](.*)$")]
    private static partial Regex RowPath();
}
