using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Excel;

/// <summary>
/// Writes every result table to one Excel workbook, one sheet per table, as COINr's <c>export_to_excel</c> writes a
/// coin: a header row, then one row per unit (or indicator), each sheet named after where COINr keeps the table
/// (<c>Data.Normalised</c>, <c>Data.Aggregated</c>...). The tables are exactly those of <see cref="ResultsCsv"/>,
/// column for column.
/// </summary>
/// <remarks>
/// A cell is written as a number when its CSV text is a finite number in shortest round-trip form (so the double is
/// the one the library computed, unrounded), as text otherwise (codes such as <c>001</c> stay text), and left empty
/// for a missing value. Text is stored as text, never as a formula. The header row is frozen and filtered. See
/// <c>docs/io.md</c>.
/// </remarks>
public static class ResultsWorkbook
{
    /// <summary>Returns the sheet a table is written to, such as <c>Data.Normalised</c> (at most 31 characters, as Excel requires).</summary>
    /// <param name="table">The table.</param>
    /// <returns>The sheet name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="table"/> is not a defined value.</exception>
    public static string SheetName(ResultsTable table) => table switch
    {
        ResultsTable.Imputed => "Data.Imputed",
        ResultsTable.Treated => "Data.Treated",
        ResultsTable.Normalised => "Data.Normalised",
        ResultsTable.Aggregated => "Data.Aggregated",
        ResultsTable.Ranks => "Results.Ranks",
        ResultsTable.Contributions => "Results.Contributions",
        ResultsTable.TreatmentDetails => "Analysis.Treated.Dets_Table",
        ResultsTable.TreatedPoints => "Analysis.Treated.Flags",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a results table."),
    };

    /// <summary>Returns the tables written, in sheet order: imputed and treated data (when asked for), normalised, aggregated, ranks, contributions, then the treatment details.</summary>
    /// <param name="includeImputed">Whether to include the imputed data.</param>
    /// <param name="includeTreated">Whether to include the treated data, the treatment details and the treated points.</param>
    /// <returns>The tables.</returns>
    public static IReadOnlyList<ResultsTable> Tables(bool includeImputed, bool includeTreated)
    {
        var tables = new List<ResultsTable>();
        if (includeImputed)
        {
            tables.Add(ResultsTable.Imputed);
        }

        if (includeTreated)
        {
            tables.Add(ResultsTable.Treated);
        }

        tables.AddRange([ResultsTable.Normalised, ResultsTable.Aggregated, ResultsTable.Ranks, ResultsTable.Contributions]);
        if (includeTreated)
        {
            tables.AddRange([ResultsTable.TreatmentDetails, ResultsTable.TreatedPoints]);
        }

        return tables;
    }

    /// <summary>Writes the workbook to a file (replacing it).</summary>
    /// <param name="result">An evaluated result (with ranks).</param>
    /// <param name="path">The .xlsx file.</param>
    /// <param name="includeImputed">Whether to write the imputed data.</param>
    /// <param name="includeTreated">Whether to write the treated data, the treatment details and the treated points.</param>
    /// <returns>The names of the sheets written, in order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The file cannot be written (also <see cref="UnauthorizedAccessException"/>).</exception>
    public static IReadOnlyList<string> WriteFile(ScoreResult result, string path, bool includeImputed, bool includeTreated)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        return Write(result, stream, includeImputed, includeTreated);
    }

    /// <summary>Writes the workbook to a stream (left open).</summary>
    /// <param name="result">An evaluated result (with ranks).</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="includeImputed">Whether to write the imputed data.</param>
    /// <param name="includeTreated">Whether to write the treated data, the treatment details and the treated points.</param>
    /// <returns>The names of the sheets written, in order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<string> Write(ScoreResult result, Stream stream, bool includeImputed, bool includeTreated)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var table in Tables(includeImputed, includeTreated))
        {
            sheets[SheetName(table)] = Rows(result, table);
        }

        // MiniExcel names each row's cells by its keys; the header is written as the first row, so that every cell of it stays text.
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheets, printHeader: false, excelType: ExcelType.XLSX);
        buffer.Position = 0;
        buffer.CopyTo(stream);
        return [.. sheets.Keys];
    }

    /// <summary>The table's CSV (the layout of <see cref="ResultsCsv"/>), as rows of typed cells: the header as text, then each row.</summary>
    internal static List<Dictionary<string, object?>> Rows(ScoreResult result, ResultsTable table)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        ResultsCsv.Write(result, table, text);
        using var reader = new StringReader(text.ToString());
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false });
        var rows = new List<Dictionary<string, object?>>();
        string[]? keys = null;
        while (parser.Read())
        {
            var record = parser.Record ?? [];
            keys ??= [.. Enumerable.Range(0, record.Length).Select(i => CoinrWorkbook.ColumnName(i))];
            var row = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                var cell = i < record.Length ? record[i] : string.Empty;
                row[keys[i]] = rows.Count == 0 ? cell : Cell(cell);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A number when the text is one in shortest round-trip form, nothing when empty, else the text.</summary>
    internal static object? Cell(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            && double.IsFinite(v)
            && string.Equals(v.ToString("R", CultureInfo.InvariantCulture), text, StringComparison.Ordinal)
            ? v
            : text;
    }
}
