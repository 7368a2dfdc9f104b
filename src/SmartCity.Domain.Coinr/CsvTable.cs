using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Coinr;

/// <summary>A CSV file read whole: a header and rows of text cells, each row with its line number.</summary>
internal sealed class CsvTable
{
    private CsvTable(string name, IReadOnlyList<string> header, IReadOnlyList<(int Line, string[] Cells)> rows)
    {
        Name = name;
        Header = header;
        Rows = rows;
    }

    /// <summary>Gets the file name used in messages.</summary>
    public string Name { get; }

    /// <summary>Gets the header cells.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Gets the rows with their line numbers (the header is line 1).</summary>
    public IReadOnlyList<(int Line, string[] Cells)> Rows { get; }

    /// <summary>Returns the index of a column, or −1.</summary>
    /// <param name="column">The column name (exact match).</param>
    /// <returns>The index.</returns>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Reads a CSV (comma separated, invariant culture, optional BOM, RFC 4180 quoting); the reader is left open.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="errors">Where problems are recorded (path <c>line N</c>).</param>
    /// <returns>The table, or <see langword="null"/> when it cannot be read.</returns>
    internal static CsvTable? Read(TextReader reader, string name, ErrorCollector errors)
    {
        var rows = new List<(int, string[])>();
        string[]? header = null;
        try
        {
            using var parser = new CsvParser(reader, Configuration(name, errors), leaveOpen: true);
            while (parser.Read())
            {
                Add(parser, name, errors, ref header, rows);
            }
        }
        catch (CsvHelperException ex)
        {
            errors.Add(ErrorCodes.CsvMalformed, "file", $"{name}: not a readable CSV file: {ex.Message.Split('\n')[0]}");
            return null;
        }

        return Finish(name, header, rows, errors);
    }

    /// <summary>Reads a CSV asynchronously: the text is only read with <see cref="TextReader.ReadAsync(Memory{char}, CancellationToken)"/>; the reader is left open.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="errors">Where problems are recorded (path <c>line N</c>).</param>
    /// <param name="cancellationToken">Checked before each record.</param>
    /// <returns>The table, or <see langword="null"/> when it cannot be read.</returns>
    internal static async Task<CsvTable?> ReadAsync(TextReader reader, string name, ErrorCollector errors, CancellationToken cancellationToken)
    {
        var rows = new List<(int, string[])>();
        string[]? header = null;
        try
        {
            using var parser = new CsvParser(reader, Configuration(name, errors), leaveOpen: true);
            cancellationToken.ThrowIfCancellationRequested();
            while (await parser.ReadAsync().ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Add(parser, name, errors, ref header, rows);
            }
        }
        catch (CsvHelperException ex)
        {
            errors.Add(ErrorCodes.CsvMalformed, "file", $"{name}: not a readable CSV file: {ex.Message.Split('\n')[0]}");
            return null;
        }

        return Finish(name, header, rows, errors);
    }

    /// <summary>
    /// The reading rules. A stray quote (<c>"Tw"o</c>: a quote inside an unquoted cell or text after a closing quote)
    /// is reported as <c>csv.malformed</c> with its line, never read as some guess of the cell.
    /// </summary>
    private static CsvConfiguration Configuration(string name, ErrorCollector errors) => new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        DetectColumnCountChanges = false,
        BadDataFound = bad => errors.Add(
            ErrorCodes.CsvMalformed,
            string.Create(CultureInfo.InvariantCulture, $"line {bad.Context.Parser?.RawRow}"),
            string.Create(CultureInfo.InvariantCulture, $"{name}: line {bad.Context.Parser?.RawRow}: a stray quote in {Shorten(bad.Field)}: quote the whole cell and double the quotes inside it")),
        TrimOptions = TrimOptions.None,
    };

    private static string Shorten(string field) => field.Length <= 40 ? $"'{field}'" : $"'{field[..40]}…'";

    private static void Add(CsvParser parser, string name, ErrorCollector errors, ref string[]? header, List<(int, string[])> rows)
    {
        var record = parser.Record ?? [];
        var line = parser.RawRow;
        if (header is null)
        {
            header = [.. record.Select(h => h.Trim().TrimStart('\uFEFF'))];
            return;
        }

        if (record.Length == 1 && record[0].Length == 0)
        {
            return; // blank line
        }

        if (record.Length != header.Length)
        {
            errors.Add(ErrorCodes.CsvRaggedRow, $"line {line}", $"{name}: line {line} has {record.Length} cells; the header has {header.Length}.");
            return;
        }

        rows.Add((line, record));
    }

    private static CsvTable? Finish(string name, string[]? header, List<(int, string[])> rows, ErrorCollector errors)
    {
        if (header is null || header.Length == 0)
        {
            errors.Add(ErrorCodes.CsvEmpty, "file", $"{name}: the file is empty; expected a header row.");
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in header)
        {
            if (!seen.Add(h))
            {
                errors.Add(ErrorCodes.DataDuplicateColumn, "line 1", $"{name}: the column '{h}' appears twice in the header.", h);
            }
        }

        return new CsvTable(name, header, rows);
    }

    /// <summary>Parses a number cell: empty or NA is missing (NaN); anything else must be a finite invariant-culture number.</summary>
    internal static bool TryParseNumber(string cell, out double value)
    {
        var text = cell.Trim();
        if (text.Length == 0 || text is "NA" or "NaN" or "nan")
        {
            value = double.NaN;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}
