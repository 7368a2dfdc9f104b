using System.Globalization;
using csFastFloat;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Coinr;

/// <summary>A small CSV file (an iMeta table) read whole: a header and rows of text cells, each row with its line number.</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    private CsvTable(string name, string[] header, IReadOnlyList<(int Line, string[] Cells)> rows)
    {
        Name = name;
        Header = header;
        Rows = rows;
        _index = IndexHeader(header);
    }

    /// <summary>Gets the file name used in messages.</summary>
    public string Name { get; }

    /// <summary>Gets the header cells.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Gets the rows with their line numbers (the header is line 1).</summary>
    public IReadOnlyList<(int Line, string[] Cells)> Rows { get; }

    /// <summary>Returns the index of a column (its first occurrence), or −1; constant time.</summary>
    /// <param name="column">The column name (exact match).</param>
    /// <returns>The index.</returns>
    public int IndexOf(string column) => _index.TryGetValue(column, out var i) ? i : -1;

    /// <summary>Maps each header cell to its first index.</summary>
    internal static Dictionary<string, int> IndexHeader(IReadOnlyList<string> header)
    {
        var index = new Dictionary<string, int>(header.Count, StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(header[i], i);
        }

        return index;
    }

    /// <summary>Reads a CSV whole (comma separated, optional BOM, RFC 4180 quoting); the reader is left open.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="errors">Where problems are recorded (path <c>line N</c>).</param>
    /// <param name="limits">The limits.</param>
    /// <returns>The table, or <see langword="null"/> when it cannot be read.</returns>
    internal static CsvTable? Read(TextReader reader, string name, ErrorCollector errors, CsvLimits limits)
    {
        var csv = new CsvRecordReader(reader, name, errors, limits.MaxTextLength);
        if (!csv.Read())
        {
            Empty(name, errors);
            return null;
        }

        var header = ReadHeader(csv, errors);

        var rows = new List<(int, string[])>();
        while (csv.Read())
        {
            Add(csv, header, rows, errors);
        }

        return new CsvTable(name, header, rows);
    }

    /// <summary>Reads a CSV whole asynchronously: the text is only read with <see cref="TextReader.ReadAsync(Memory{char}, CancellationToken)"/>; the reader is left open.</summary>
    internal static async Task<CsvTable?> ReadAsync(TextReader reader, string name, ErrorCollector errors, CsvLimits limits, CancellationToken cancellationToken)
    {
        var csv = new CsvRecordReader(reader, name, errors, limits.MaxTextLength);
        if (!await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Empty(name, errors);
            return null;
        }

        var header = ReadHeader(csv, errors);

        var rows = new List<(int, string[])>();
        while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Add(csv, header, rows, errors);
        }

        return new CsvTable(name, header, rows);
    }

    /// <summary>Takes the header from the current record (cells trimmed, a byte-order mark removed) and reports duplicate columns.</summary>
    internal static string[] ReadHeader(CsvRecordReader csv, ErrorCollector errors)
    {
        var header = new string[csv.Count];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = csv.Cell(i).Trim().TrimStart('\uFEFF').ToString();
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in header)
        {
            if (!seen.Add(h))
            {
                errors.Add(ErrorCodes.DataDuplicateColumn, "line 1", $"{csv.Name}: the column {CsvRecordReader.Shorten(h)} appears twice in the header.", Truncate(h));
            }
        }

        return header;
    }

    /// <summary>Reports <c>csv.empty</c>.</summary>
    internal static void Empty(string name, ErrorCollector errors) =>
        errors.Add(ErrorCodes.CsvEmpty, "file", $"{name}: the file is empty; expected a header row.");

    /// <summary>Checks the current record has as many cells as the header (<c>csv.ragged-row</c> when not).</summary>
    internal static bool CheckWidth(CsvRecordReader csv, int width, ErrorCollector errors)
    {
        if (csv.Count == width)
        {
            return true;
        }

        errors.Add(ErrorCodes.CsvRaggedRow, string.Create(CultureInfo.InvariantCulture, $"line {csv.Line}"), string.Create(CultureInfo.InvariantCulture, $"{csv.Name}: line {csv.Line} has {csv.Count} cells; the header has {width}."));
        return false;
    }

    /// <summary>Cuts a value echoed in an error to 200 characters.</summary>
    internal static string Truncate(string value) => value.Length <= 200 ? value : string.Concat(value.AsSpan(0, 200), "…");

    private static void Add(CsvRecordReader csv, string[] header, List<(int, string[])> rows, ErrorCollector errors)
    {
        if (!CheckWidth(csv, header.Length, errors))
        {
            return;
        }

        var cells = new string[csv.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = csv.CellString(i);
        }

        rows.Add((csv.Line, cells));
    }

    /// <summary>Parses a number cell: empty or NA is missing (NaN); anything else must be a finite invariant-culture number.</summary>
    internal static bool TryParseNumber(string cell, out double value) => TryParseNumber(cell.AsSpan(), out value);

    /// <summary>Parses a number cell: empty or NA is missing (NaN); anything else must be a finite invariant-culture number.</summary>
    internal static bool TryParseNumber(ReadOnlySpan<char> cell, out double value)
    {
        var text = cell.Trim();
        if (text.Length == 0 || text is "NA" or "NaN" or "nan")
        {
            value = double.NaN;
            return true;
        }

        // fast_float (correctly rounded, so the same double as double.Parse) for the common case; .NET's parser decides the rest.
        if (FastDoubleParser.TryParseDouble(text, out var consumed, out value, NumberStyles.Float, '.') && consumed == text.Length && double.IsFinite(value))
        {
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}
