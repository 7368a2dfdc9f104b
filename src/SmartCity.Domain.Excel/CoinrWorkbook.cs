using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using OneOf;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Excel;

/// <summary>
/// Reads COINr's iMeta and iData tables from Excel workbooks (.xlsx): each sheet is read as the table it holds (first
/// row the header, one row per indicator or unit) and then by <see cref="CoinrTables"/>, so the rules are exactly those
/// of the CSV files. Every problem is reported with the workbook, sheet, row and cell.
/// </summary>
/// <remarks>
/// <para>Cells: text as it is; numbers in shortest round-trip form (the double Excel stores, unchanged); booleans as
/// <c>TRUE</c>/<c>FALSE</c>; dates as ISO 8601 text (<c>2024-01-31</c>, or with the time when it is not midnight); an
/// error cell (<c>#DIV/0!</c>, <c>#N/A</c>) as its text, which a numeric column then refuses. Formulas are read as
/// the value Excel saved with them. Empty rows are skipped; empty trailing cells are empty cells.</para>
/// <para>Bad content is an error result, never an exception: a file that is not an .xlsx workbook is
/// <see cref="ErrorCodes.ExcelUnreadable"/>, a missing sheet <see cref="ErrorCodes.ExcelSheetMissing"/>, and every
/// problem of the tables has the code the CSV reader gives it, with the path <c>SHEET!CELL</c> (such as
/// <c>iData!C5</c>; <c>SHEET!5:5</c> for a whole row, <c>SHEET</c> for the sheet). A missing file or a directory raises
/// <see cref="FileNotFoundException"/>, an unreadable one the <see cref="IOException"/> or
/// <see cref="UnauthorizedAccessException"/> of the file system. Streams are read whole and left open. See
/// <c>docs/io.md</c>.</para>
/// </remarks>
public static partial class CoinrWorkbook
{
    /// <summary>The sheet iMeta is read from by default.</summary>
    public const string IMetaSheet = "iMeta";

    /// <summary>The sheet iData is read from by default.</summary>
    public const string IDataSheet = "iData";

    /// <summary>The largest number of characters a sheet may hold (256 Mi), so that a small compressed workbook cannot exhaust memory.</summary>
    public const long MaxSheetCharacters = 256L * 1024 * 1024;

#pragma warning disable RS0026 // The file and stream overloads take the same optional sheet names, as the CSV readers take names.

    /// <summary>Reads iMeta and iData from two sheets of one workbook.</summary>
    /// <param name="path">The .xlsx file.</param>
    /// <param name="iMetaSheet">The sheet holding iMeta.</param>
    /// <param name="iDataSheet">The sheet holding iData.</param>
    /// <returns>The input, or every problem found (paths <c>SHEET!CELL</c>; messages name the file and sheet).</returns>
    /// <exception cref="ArgumentException">An argument is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist (nothing, or a directory).</exception>
    /// <exception cref="IOException">The file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    public static OneOf<CoinrInput, ValidationErrors> ReadFile(string path, string iMetaSheet = IMetaSheet, string iDataSheet = IDataSheet)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenRead(path);
        return Read(stream, Path.GetFileName(path), iMetaSheet, iDataSheet);
    }

    /// <summary>Reads iMeta and iData from two sheets of one workbook.</summary>
    /// <param name="workbook">The .xlsx bytes (read whole; left open).</param>
    /// <param name="name">The workbook's name in messages.</param>
    /// <param name="iMetaSheet">The sheet holding iMeta.</param>
    /// <param name="iDataSheet">The sheet holding iData.</param>
    /// <returns>The input, or every problem found.</returns>
    /// <exception cref="ArgumentException">An argument is null or empty.</exception>
    public static OneOf<CoinrInput, ValidationErrors> Read(Stream workbook, string name = "workbook.xlsx", string iMetaSheet = IMetaSheet, string iDataSheet = IDataSheet)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(iMetaSheet);
        ArgumentException.ThrowIfNullOrEmpty(iDataSheet);
        using var copy = Buffer(workbook);
        var meta = Sheet(copy, name, iMetaSheet, orOnlySheet: false);
        var data = Sheet(copy, name, iDataSheet, orOnlySheet: false);
        return Combine(meta, data);
    }

    /// <summary>
    /// Reads iMeta and iData from two files, each an .xlsx workbook or a CSV file (by extension: <c>.xlsx</c> and
    /// <c>.xlsm</c> are workbooks). From a workbook, the sheet <see cref="IMetaSheet"/> (or <see cref="IDataSheet"/>)
    /// is read, or its only sheet when it has one. Both may be the same workbook.
    /// </summary>
    /// <param name="iMetaPath">The iMeta workbook or CSV.</param>
    /// <param name="iDataPath">The iData workbook or CSV.</param>
    /// <returns>The input, or every problem found.</returns>
    /// <exception cref="ArgumentException">An argument is null or empty.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist (nothing, or a directory).</exception>
    /// <exception cref="IOException">A file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    public static OneOf<CoinrInput, ValidationErrors> ReadFiles(string iMetaPath, string iDataPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(iMetaPath);
        ArgumentException.ThrowIfNullOrEmpty(iDataPath);
        return Combine(FromFile(iMetaPath, IMetaSheet), FromFile(iDataPath, IDataSheet));
    }

#pragma warning restore RS0026

    /// <summary>Returns whether a path names an Excel workbook this package reads (<c>.xlsx</c> or <c>.xlsm</c>, any case).</summary>
    /// <param name="path">The path.</param>
    /// <returns><see langword="true"/> for a workbook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static bool IsWorkbook(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path);
        return extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".xlsm", StringComparison.OrdinalIgnoreCase);
    }

    private static SheetText FromFile(string path, string sheet)
    {
        if (!IsWorkbook(path))
        {
            using var stream = OpenRead(path);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return new SheetText(Path.GetFileName(path), null, reader.ReadToEnd(), [], null);
        }

        using var file = OpenRead(path);
        using var copy = Buffer(file);
        return Sheet(copy, Path.GetFileName(path), sheet, orOnlySheet: true);
    }

    private static FileStream OpenRead(string path)
    {
        if (Directory.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' is a directory, not a file.", path);
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
    }

    private static MemoryStream Buffer(Stream stream)
    {
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    /// <summary>Reads one sheet into CSV text, remembering which workbook row each CSV line came from.</summary>
    private static SheetText Sheet(MemoryStream workbook, string name, string sheet, bool orOnlySheet)
    {
        workbook.Position = 0;
        List<string> names;
        try
        {
            names = workbook.GetSheetNames();
        }
        catch (Exception ex) when (IsBadWorkbook(ex))
        {
            return Failed(name, sheet, new ValidationError(ErrorCodes.ExcelUnreadable, "file", $"{name}: not a readable Excel workbook (.xlsx): {FirstLine(ex.Message)}"));
        }

        var chosen = names.FirstOrDefault(n => string.Equals(n, sheet, StringComparison.Ordinal))
            ?? names.FirstOrDefault(n => string.Equals(n, sheet, StringComparison.OrdinalIgnoreCase))
            ?? (orOnlySheet && names.Count == 1 ? names[0] : null);
        if (chosen is null)
        {
            return Failed(name, sheet, new ValidationError(ErrorCodes.ExcelSheetMissing, sheet, $"{name}: no sheet named '{sheet}' (the workbook has {(names.Count == 0 ? "no sheets" : string.Join(", ", names.Select(n => $"'{n}'")))}).", sheet));
        }

        var csv = new StringBuilder();
        var rows = new List<int>();
        string[] header = [];
        try
        {
            workbook.Position = 0;
            var excelRow = 0;
            // Query's rows are typed dynamic, but each is an IDictionary<string, object?> (column letter -> value). Taking
            // them as object and casting is an ordinary cast; a cast of the dynamic value would go through the runtime
            // binder (Microsoft.CSharp), which needs code generation and is unavailable in the Native AOT tool.
            foreach (object row in workbook.Query(useHeaderRow: false, sheetName: chosen, excelType: ExcelType.XLSX))
            {
                excelRow++;
                var cells = ((IDictionary<string, object?>)row).Select(kv => (Column: ColumnIndex(kv.Key), Text: Text(kv.Value))).ToList();
                var width = cells.Count == 0 ? 0 : cells.Where(c => c.Text.Length > 0).Select(c => c.Column + 1).DefaultIfEmpty(0).Max();
                if (width == 0)
                {
                    continue; // an empty row
                }

                var line = new string[Math.Max(width, header.Length)];
                Array.Fill(line, string.Empty);
                foreach (var (column, text) in cells)
                {
                    if (column >= 0 && column < line.Length)
                    {
                        line[column] = text;
                    }
                }

                if (header.Length == 0)
                {
                    header = line;
                }

                AppendCsv(csv, line);

                // One entry per CSV line: a cell holding line breaks spans several lines of the CSV, all of this row.
                for (var l = 1 + line.Sum(c => c.Count(ch => ch == '\n')); l > 0; l--)
                {
                    rows.Add(excelRow);
                }

                if (csv.Length > MaxSheetCharacters)
                {
                    return Failed(name, chosen, new ValidationError(ErrorCodes.ExcelUnreadable, chosen, string.Create(CultureInfo.InvariantCulture, $"{name}: sheet '{chosen}' holds more than {MaxSheetCharacters / (1024 * 1024)} Mi characters.")));
                }
            }
        }
        catch (Exception ex) when (IsBadWorkbook(ex))
        {
            return Failed(name, chosen, new ValidationError(ErrorCodes.ExcelUnreadable, chosen, $"{name}: sheet '{chosen}' cannot be read: {FirstLine(ex.Message)}"));
        }

        return new SheetText($"{name}[{chosen}]", chosen, csv.ToString(), rows, null) { Header = header };
    }

    private static SheetText Failed(string name, string sheet, ValidationError error) =>
        new($"{name}[{sheet}]", sheet, string.Empty, [], error);

    /// <summary>A damaged package shows up as whatever the ZIP or XML layer throws; file-system failures and cancellation are not among them.</summary>
    private static bool IsBadWorkbook(Exception ex) =>
        ex is not (OutOfMemoryException or OperationCanceledException or FileNotFoundException or UnauthorizedAccessException or StackOverflowException);

    private static OneOf<CoinrInput, ValidationErrors> Combine(SheetText meta, SheetText data)
    {
        var failures = new[] { meta.Failure, data.Failure }.OfType<ValidationError>().Distinct().ToList(); // one workbook unreadable for both sheets is one error
        if (failures.Count > 0)
        {
            return ValidationErrors.Of(failures);
        }

        using var metaReader = new StringReader(meta.Csv);
        using var dataReader = new StringReader(data.Csv);
        return CoinrTables.Read(metaReader, dataReader, meta.Name, data.Name).Match<OneOf<CoinrInput, ValidationErrors>>(
            input => input,
            errors => ValidationErrors.Of(errors.Items.Select(e => Locate(e, meta, data))));
    }

    /// <summary>Rewrites a CSV error's <c>line N.column</c> path and message into the sheet's row and cell.</summary>
    private static ValidationError Locate(ValidationError e, SheetText meta, SheetText data)
    {
        var sheet = e.Message.StartsWith(data.Name + ":", StringComparison.Ordinal) ? data
            : e.Message.StartsWith(meta.Name + ":", StringComparison.Ordinal) ? meta
            : null;
        if (sheet?.SheetName is null)
        {
            return e;
        }

        var path = e.Path;
        var m = LinePath().Match(path);
        if (m.Success && sheet.RowOf(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)) is { } row)
        {
            var column = m.Groups[2].Success ? Array.IndexOf(sheet.Header, m.Groups[2].Value) : -1;
            path = column >= 0
                ? string.Create(CultureInfo.InvariantCulture, $"{sheet.SheetName}!{ColumnName(column)}{row}")
                : string.Create(CultureInfo.InvariantCulture, $"{sheet.SheetName}!{row}:{row}");
        }
        else if (path is "file" or "")
        {
            path = sheet.SheetName;
        }

        var message = LineWord().Replace(e.Message, w =>
            sheet.RowOf(int.Parse(w.Groups[1].Value, CultureInfo.InvariantCulture)) is { } r ? string.Create(CultureInfo.InvariantCulture, $"row {r}") : w.Value);
        return new ValidationError(e.Code, path, message, e.AttemptedValue, e.Severity);
    }

    private static void AppendCsv(StringBuilder csv, string[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            var c = cells[i];
            if (c.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                csv.Append('"').Append(c.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                csv.Append(c);
            }
        }

        csv.Append('\n');
    }

    /// <summary>The text of a cell as the CSV reader would see it (see the remarks of <see cref="CoinrWorkbook"/>).</summary>
    internal static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Returns the zero-based index of a column name such as <c>A</c> or <c>AB</c>, or −1.</summary>
    internal static int ColumnIndex(string name)
    {
        var index = 0;
        foreach (var c in name)
        {
            if (c is < 'A' or > 'Z')
            {
                return -1;
            }

            index = (index * 26) + (c - 'A' + 1);
            if (index > 16384)
            {
                return -1;
            }
        }

        return index - 1;
    }

    /// <summary>Returns the name of a zero-based column index: 0 is <c>A</c>, 26 is <c>AA</c>.</summary>
    internal static string ColumnName(int index)
    {
        var name = new StringBuilder();
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name.Insert(0, (char)('A' + ((n - 1) % 26)));
        }

        return name.ToString();
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }

    [GeneratedRegex(@"^line (\d+)(?:\.(.+))?$")]
    private static partial Regex LinePath();

    [GeneratedRegex(@"\bline (\d+)\b")]
    private static partial Regex LineWord();

    /// <summary>One sheet as CSV text: the name used in messages, the CSV, and the workbook row of each CSV line (1-based).</summary>
    private sealed record SheetText(string Name, string? SheetName, string Csv, List<int> Rows, ValidationError? Failure)
    {
        public string[] Header { get; init; } = [];

        public int? RowOf(int line) => line >= 1 && line <= Rows.Count ? Rows[line - 1] : null;
    }
}
