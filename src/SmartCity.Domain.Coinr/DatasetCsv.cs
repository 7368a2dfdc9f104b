using System.Globalization;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Coinr;

/// <summary>
/// Reads a dataset CSV: a <c>uCode</c> column (one row per unit), numeric columns (for a framework: its indicators and
/// denominators), and any other columns as text attributes. Numbers use the invariant culture; an empty cell or
/// <c>NA</c> is missing.
/// </summary>
/// <remarks>
/// <para>Every reader reads the whole table and returns the dataset or every problem found, each with its line and
/// column (<c>data.*</c> codes). Bad content is an error result; failing to get the content is an exception: a missing
/// file or a directory raises <see cref="FileNotFoundException"/>, an unreadable one the <see cref="IOException"/> or
/// <see cref="UnauthorizedAccessException"/> of the file system, a cancelled read <see cref="OperationCanceledException"/>.</para>
/// <para>Streams are read as UTF-8 unless a byte-order mark says otherwise; streams and readers are left open. The async
/// forms read only asynchronously (safe on an ASP.NET request body) and check the token before each record. See
/// <c>docs/io.md</c>.</para>
/// </remarks>
public static class DatasetCsv
{
#pragma warning disable RS0026 // Each stream, reader and file overload takes the optional arguments of .NET's own I/O methods (a name for messages, a cancellation token).

    /// <summary>Reads a dataset for a framework from a file.</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="path">The CSV file; its name is used in messages.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing, or a directory).</exception>
    /// <exception cref="IOException">The file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    public static OneOf<Dataset, ValidationErrors> ReadFile(RatingFramework framework, string path) =>
        ReadFile(DatasetColumns.Of(framework), path);

    /// <summary>Reads a dataset for a framework from a stream.</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="stream">The CSV bytes.</param>
    /// <param name="name">The name used in messages.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    public static OneOf<Dataset, ValidationErrors> Read(RatingFramework framework, Stream stream, string name = "data.csv") =>
        Read(DatasetColumns.Of(framework), stream, name);

    /// <summary>Reads a dataset for a framework.</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The name used in messages.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    public static OneOf<Dataset, ValidationErrors> Read(RatingFramework framework, TextReader reader, string name = "data.csv") =>
        Read(DatasetColumns.Of(framework), reader, name);

    /// <summary>Reads a dataset for a framework from a file asynchronously.</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="path">The CSV file; its name is used in messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing, or a directory).</exception>
    /// <exception cref="IOException">The file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<OneOf<Dataset, ValidationErrors>> ReadFileAsync(RatingFramework framework, string path, CancellationToken cancellationToken = default) =>
        ReadFileAsync(DatasetColumns.Of(framework), path, cancellationToken);

    /// <summary>Reads a dataset for a framework from a stream asynchronously (only asynchronous reads of the stream).</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="stream">The CSV bytes.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<OneOf<Dataset, ValidationErrors>> ReadAsync(RatingFramework framework, Stream stream, string name = "data.csv", CancellationToken cancellationToken = default) =>
        ReadAsync(DatasetColumns.Of(framework), stream, name, cancellationToken);

    /// <summary>Reads a dataset for a framework asynchronously.</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<OneOf<Dataset, ValidationErrors>> ReadAsync(RatingFramework framework, TextReader reader, string name = "data.csv", CancellationToken cancellationToken = default) =>
        ReadAsync(DatasetColumns.Of(framework), reader, name, cancellationToken);

    /// <summary>Reads a dataset from a file, with the numeric columns chosen by <paramref name="columns"/>.</summary>
    /// <param name="columns">Which columns are numeric.</param>
    /// <param name="path">The CSV file; its name is used in messages.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing, or a directory).</exception>
    /// <exception cref="IOException">The file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    public static OneOf<Dataset, ValidationErrors> ReadFile(DatasetColumns columns, string path)
    {
        ArgumentNullException.ThrowIfNull(columns);
        using var stream = CsvFiles.OpenRead(path, useAsync: false);
        return Read(columns, stream, Path.GetFileName(path));
    }

    /// <summary>Reads a dataset from a stream, with the numeric columns chosen by <paramref name="columns"/>.</summary>
    /// <param name="columns">Which columns are numeric.</param>
    /// <param name="stream">The CSV bytes.</param>
    /// <param name="name">The name used in messages.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    public static OneOf<Dataset, ValidationErrors> Read(DatasetColumns columns, Stream stream, string name = "data.csv")
    {
        using var reader = CsvFiles.Reader(stream);
        return Read(columns, reader, name);
    }

    /// <summary>Reads a dataset, with the numeric columns chosen by <paramref name="columns"/>.</summary>
    /// <param name="columns">Which columns are numeric.</param>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The name used in messages.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    public static OneOf<Dataset, ValidationErrors> Read(DatasetColumns columns, TextReader reader, string name = "data.csv")
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        var errors = new ErrorCollector();
        return FromTable(CsvTable.Read(reader, name, errors), columns, errors);
    }

    /// <summary>Reads a dataset from a file asynchronously, with the numeric columns chosen by <paramref name="columns"/>.</summary>
    /// <param name="columns">Which columns are numeric.</param>
    /// <param name="path">The CSV file; its name is used in messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing, or a directory).</exception>
    /// <exception cref="IOException">The file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<OneOf<Dataset, ValidationErrors>> ReadFileAsync(DatasetColumns columns, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var stream = CsvFiles.OpenRead(path, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(columns, stream, Path.GetFileName(path), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a dataset from a stream asynchronously (only asynchronous reads of the stream), with the numeric columns chosen by <paramref name="columns"/>.</summary>
    /// <param name="columns">Which columns are numeric.</param>
    /// <param name="stream">The CSV bytes.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<OneOf<Dataset, ValidationErrors>> ReadAsync(DatasetColumns columns, Stream stream, string name = "data.csv", CancellationToken cancellationToken = default)
    {
        using var reader = CsvFiles.Reader(stream);
        return await ReadAsync(columns, reader, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a dataset asynchronously, with the numeric columns chosen by <paramref name="columns"/>.</summary>
    /// <param name="columns">Which columns are numeric.</param>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<OneOf<Dataset, ValidationErrors>> ReadAsync(DatasetColumns columns, TextReader reader, string name = "data.csv", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        var errors = new ErrorCollector();
        return FromTable(await CsvTable.ReadAsync(reader, name, errors, cancellationToken).ConfigureAwait(false), columns, errors);
    }

#pragma warning restore RS0026

    private static OneOf<Dataset, ValidationErrors> FromTable(CsvTable? table, DatasetColumns columns, ErrorCollector errors)
    {
        if (table is null)
        {
            return errors.ToErrors();
        }

        var data = Read(table, columns.NumericColumns(table.Header), [], errors);
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

    /// <summary>Formats a result value in shortest round-trip form; <see langword="null"/> (missing) as an empty cell.</summary>
    /// <param name="value">The value, or <see langword="null"/>.</param>
    /// <returns>The text.</returns>
    public static string Format(double? value) => value is { } v ? Format(v) : string.Empty;
}
