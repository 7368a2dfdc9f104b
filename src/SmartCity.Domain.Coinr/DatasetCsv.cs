using System.Globalization;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Programmes;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Coinr;

/// <summary>Reads a dataset CSV: a <c>uCode</c> column, numeric columns for the framework's indicators and denominators, any other columns as text attributes.</summary>
public static class DatasetCsv
{
    /// <summary>Reads a dataset for a framework from a file.</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="path">The CSV file.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    public static OneOf<Dataset, ValidationErrors> ReadFile(RatingFramework framework, string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(framework, reader, Path.GetFileName(path));
    }

    /// <summary>Reads a dataset for a framework.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The name used in messages.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    public static OneOf<Dataset, ValidationErrors> Read(RatingFramework framework, TextReader reader, string name = "data.csv")
    {
        ArgumentNullException.ThrowIfNull(framework);
        return Read(reader, name, _ => [.. framework.Indicators.Select(i => i.Code).Concat(framework.Denominators.Select(d => d.Code))]);
    }

    /// <summary>Reads a dataset for a programme from a file.</summary>
    /// <param name="programme">The programme whose stages' columns must be present.</param>
    /// <param name="path">The CSV file.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    public static OneOf<Dataset, ValidationErrors> ReadFile(Programme programme, string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(programme, reader, Path.GetFileName(path));
    }

    /// <summary>
    /// Reads a dataset for a programme: the columns every stage reads (<see cref="Programme.DataColumns"/>) are numeric
    /// and required; secondary-data columns of gap-filling stages are numeric when present; the rest are text attributes.
    /// </summary>
    /// <param name="programme">The programme.</param>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The name used in messages.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    public static OneOf<Dataset, ValidationErrors> Read(Programme programme, TextReader reader, string name = "data.csv")
    {
        ArgumentNullException.ThrowIfNull(programme);
        var prefixes = programme.SecondaryColumnPrefixes.ToList();
        return Read(reader, name, table => [.. programme.DataColumns
            .Concat(table.Header.Where(h => prefixes.Exists(p => h.StartsWith(p, StringComparison.Ordinal))))
            .Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>Reads the CSV text; <paramref name="numeric"/> names the numeric columns given the header.</summary>
    private static OneOf<Dataset, ValidationErrors> Read(TextReader reader, string name, Func<CsvTable, IReadOnlyList<string>> numeric)
    {
        var errors = new ErrorCollector();
        var table = CsvTable.Read(reader, name, errors);
        if (table is null)
        {
            return errors.ToErrors();
        }

        var data = Read(table, numeric(table), [], errors);
        return data is null || errors.HasErrors ? errors.ToErrors() : data;
    }

    internal static Dataset? Read(CsvTable table, IReadOnlyList<string> numeric, IReadOnlyList<string> attributes, ErrorCollector errors)
    {
        var name = table.Name;
        var uCode = table.IndexOf("uCode");
        if (uCode < 0)
        {
            errors.Add(ErrorCodes.DataColumnMissing, "line 1", $"{name}: the column 'uCode' is missing.", "uCode");
            return null;
        }

        var numericIndex = new List<int>();
        foreach (var code in numeric)
        {
            var i = table.IndexOf(code);
            if (i < 0)
            {
                errors.Add(ErrorCodes.DataColumnMissing, "line 1", $"{name}: the column '{code}' is missing (needed by the framework).", code);
            }

            numericIndex.Add(i);
        }

        if (errors.HasErrors)
        {
            return null;
        }

        var units = new List<string>();
        var values = new double[table.Rows.Count * numeric.Count];
        var n = table.Rows.Count;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < n; r++)
        {
            var (line, cells) = table.Rows[r];
            var code = cells[uCode].Trim();
            if (!Codes.IsValid(code))
            {
                errors.Add(ErrorCodes.DataUnitInvalid, $"line {line}.uCode", $"{name}: line {line}, column uCode: '{code}' is not a valid unit code.", code);
            }
            else if (!seen.TryAdd(code, line))
            {
                errors.Add(ErrorCodes.DataDuplicateUnit, $"line {line}.uCode", $"{name}: line {line}, column uCode: '{code}' is already used on line {seen[code]}.", code);
            }

            units.Add(code);
            for (var c = 0; c < numeric.Count; c++)
            {
                var cell = cells[numericIndex[c]];
                if (!CsvTable.TryParseNumber(cell, out var v))
                {
                    errors.Add(ErrorCodes.DataNotNumeric, $"line {line}.{numeric[c]}", $"{name}: line {line}, column {numeric[c]} (unit {code}): '{cell}' is not a number.", cell);
                }

                values[(c * n) + r] = v;
            }
        }

        if (errors.HasErrors)
        {
            return null;
        }

        var numericSet = new HashSet<string>(numeric, StringComparer.Ordinal) { "uCode" };
        var attributeColumns = table.Header.Where(h => !numericSet.Contains(h)).Union(attributes.Where(a => table.IndexOf(a) >= 0)).Distinct().ToList();
        var attrs = new Dictionary<string, IReadOnlyList<string?>>(StringComparer.Ordinal);
        foreach (var a in attributeColumns)
        {
            var i = table.IndexOf(a);
            attrs[a] = [.. table.Rows.Select(row => row.Cells[i].Trim() is { Length: > 0 } v && v != "NA" ? v : null)];
        }

        var created = Dataset.CreateColumnMajor(units, numeric, values, attrs);
        if (created.TryPickT1(out var dataErrors, out var dataset))
        {
            foreach (var e in dataErrors)
            {
                errors.AddRange([new ValidationError(e.Code, e.Path, $"{name}: {e.Message}", e.AttemptedValue)]);
            }

            return null;
        }

        return dataset;
    }

    /// <summary>Formats a double in shortest round-trip form; NaN as an empty cell.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format(double value) => double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture);
}
