using System.Globalization;
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
public static class PanelCsv
{
    /// <summary>Reads a panel for a framework from a file.</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="path">The CSV file; its name is used in messages.</param>
    /// <param name="timeColumn">The time column's name.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>).</param>
    /// <returns>
    /// The panel, or every problem with its line: <c>panel.time</c> (a missing time column, or a time that is not a whole
    /// number), <c>panel.duplicate-row</c> (a unit given twice for one time), the dataset codes (<c>data.*</c>) and
    /// <c>panel.spec</c>.
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

        var taken = new HashSet<int>(numericIndex) { uCode, time };
        var attributeIndex = Enumerable.Range(0, table.Header.Count).Where(i => !taken.Contains(i) && table.IndexOf(table.Header[i]) == i).ToArray();
        var byTime = new SortedDictionary<int, List<(int Line, string[] Cells)>>();
        var seen = new Dictionary<(string Unit, int Time), int>();
        foreach (var row in table.Rows)
        {
            var line = row.Line.ToString(CultureInfo.InvariantCulture);
            var text = row.Cells[time].Trim();
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var t))
            {
                errors.Add(ErrorCodes.PanelTime, $"line {line}.{timeColumn}", $"{name}: line {line}, column {timeColumn}: {CsvRecordReader.Shorten(text)} is not a whole-number time.", CsvTable.Truncate(text));
                continue;
            }

            var unit = row.Cells[uCode].Trim();
            if (!seen.TryAdd((unit, t), row.Line))
            {
                errors.Add(ErrorCodes.PanelDuplicateRow, $"line {line}.uCode", string.Create(CultureInfo.InvariantCulture, $"{name}: line {line}: unit '{CsvTable.Truncate(unit)}' at time {t} is already given on line {seen[(unit, t)]}."), CsvTable.Truncate(unit));
                continue;
            }

            if (!byTime.TryGetValue(t, out var rows))
            {
                byTime[t] = rows = [];
            }

            rows.Add(row);
        }

        var editions = new List<KeyValuePair<int, Dataset>>(byTime.Count);
        foreach (var (t, rows) in byTime)
        {
            var values = new double[numeric.Count * rows.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                var (line, cells) = rows[r];
                for (var c = 0; c < numeric.Count; c++)
                {
                    var cell = cells[numericIndex[c]];
                    if (!CsvTable.TryParseNumber(cell, out values[(c * rows.Count) + r]))
                    {
                        var at = line.ToString(CultureInfo.InvariantCulture);
                        errors.Add(ErrorCodes.DataNotNumeric, $"line {at}.{numeric[c]}", $"{name}: line {at}, column {numeric[c]}: {CsvRecordReader.Shorten(cell)} is not a number.", CsvTable.Truncate(cell));
                    }
                }
            }

            var attributes = attributeIndex.ToDictionary(i => table.Header[i], i => (IReadOnlyList<string?>)rows.Select(x => (string?)x.Cells[i]).ToArray(), StringComparer.Ordinal);
            var data = Dataset.CreateColumnMajor([.. rows.Select(x => x.Cells[uCode].Trim())], [.. numeric], values, attributes);
            if (data.TryPickT1(out var bad, out var dataset))
            {
                errors.AddRange(bad.WithPathPrefix(string.Create(CultureInfo.InvariantCulture, $"editions[{t}]")));
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
}
