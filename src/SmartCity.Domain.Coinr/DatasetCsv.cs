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
/// <para>A large table (past about a million numeric cells, with more than one core) is read by one thread as before,
/// while its numbers are parsed on the thread pool, block by block; the dataset and the problems are the same.</para>
/// </remarks>
public static class DatasetCsv
{
#pragma warning disable RS0026 // Each stream, reader and file overload takes the optional arguments of .NET's own I/O methods (a name for messages, a cancellation token).

    /// <summary>Reads a dataset for a framework from a file.</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="path">The CSV file; its name is used in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing, or a directory).</exception>
    /// <exception cref="IOException">The file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    public static OneOf<Dataset, ValidationErrors> ReadFile(RatingFramework framework, string path, CsvLimits? limits = null) =>
        ReadFile(DatasetColumns.Of(framework), path, limits);

    /// <summary>Reads a dataset for a framework from a stream.</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="stream">The CSV bytes.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    public static OneOf<Dataset, ValidationErrors> Read(RatingFramework framework, Stream stream, string name = "data.csv", CsvLimits? limits = null) =>
        Read(DatasetColumns.Of(framework), stream, name, limits);

    /// <summary>Reads a dataset for a framework.</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    public static OneOf<Dataset, ValidationErrors> Read(RatingFramework framework, TextReader reader, string name = "data.csv", CsvLimits? limits = null) =>
        Read(DatasetColumns.Of(framework), reader, name, limits);

    /// <summary>Reads a dataset for a framework from a file asynchronously.</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="path">The CSV file; its name is used in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing, or a directory).</exception>
    /// <exception cref="IOException">The file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<OneOf<Dataset, ValidationErrors>> ReadFileAsync(RatingFramework framework, string path, CsvLimits? limits = null, CancellationToken cancellationToken = default) =>
        ReadFileAsync(DatasetColumns.Of(framework), path, limits, cancellationToken);

    /// <summary>Reads a dataset for a framework from a stream asynchronously (only asynchronous reads of the stream).</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="stream">The CSV bytes.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<OneOf<Dataset, ValidationErrors>> ReadAsync(RatingFramework framework, Stream stream, string name = "data.csv", CsvLimits? limits = null, CancellationToken cancellationToken = default) =>
        ReadAsync(DatasetColumns.Of(framework), stream, name, limits, cancellationToken);

    /// <summary>Reads a dataset for a framework asynchronously.</summary>
    /// <param name="framework">The framework whose indicators and denominators must be columns.</param>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<OneOf<Dataset, ValidationErrors>> ReadAsync(RatingFramework framework, TextReader reader, string name = "data.csv", CsvLimits? limits = null, CancellationToken cancellationToken = default) =>
        ReadAsync(DatasetColumns.Of(framework), reader, name, limits, cancellationToken);

    /// <summary>Reads a dataset from a file, with the numeric columns chosen by <paramref name="columns"/>.</summary>
    /// <param name="columns">Which columns are numeric.</param>
    /// <param name="path">The CSV file; its name is used in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing, or a directory).</exception>
    /// <exception cref="IOException">The file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    public static OneOf<Dataset, ValidationErrors> ReadFile(DatasetColumns columns, string path, CsvLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        using var stream = CsvFiles.OpenRead(path, useAsync: false);
        return Read(columns, stream, Path.GetFileName(path), limits);
    }

    /// <summary>Reads a dataset from a stream, with the numeric columns chosen by <paramref name="columns"/>.</summary>
    /// <param name="columns">Which columns are numeric.</param>
    /// <param name="stream">The CSV bytes.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    public static OneOf<Dataset, ValidationErrors> Read(DatasetColumns columns, Stream stream, string name = "data.csv", CsvLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(name);
        using var reader = CsvFiles.Reader(stream);
        var l = limits ?? CsvLimits.Default;
        return Guarded(errors =>
        {
            CheckLength(stream, name, l);
            return Read(new CsvRecordReader(reader, name, errors, l.MaxTextLength), columns.NumericColumns, errors, l);
        });
    }

    /// <summary>Reads a dataset, with the numeric columns chosen by <paramref name="columns"/>.</summary>
    /// <param name="columns">Which columns are numeric.</param>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    public static OneOf<Dataset, ValidationErrors> Read(DatasetColumns columns, TextReader reader, string name = "data.csv", CsvLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        var l = limits ?? CsvLimits.Default;
        return Guarded(errors => Read(new CsvRecordReader(reader, name, errors, l.MaxTextLength), columns.NumericColumns, errors, l));
    }

    /// <summary>Reads a dataset from a file asynchronously, with the numeric columns chosen by <paramref name="columns"/>.</summary>
    /// <param name="columns">Which columns are numeric.</param>
    /// <param name="path">The CSV file; its name is used in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing, or a directory).</exception>
    /// <exception cref="IOException">The file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<OneOf<Dataset, ValidationErrors>> ReadFileAsync(DatasetColumns columns, string path, CsvLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var stream = CsvFiles.OpenRead(path, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(columns, stream, Path.GetFileName(path), limits, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a dataset from a stream asynchronously (only asynchronous reads of the stream), with the numeric columns chosen by <paramref name="columns"/>.</summary>
    /// <param name="columns">Which columns are numeric.</param>
    /// <param name="stream">The CSV bytes.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<OneOf<Dataset, ValidationErrors>> ReadAsync(DatasetColumns columns, Stream stream, string name = "data.csv", CsvLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(name);
        using var reader = CsvFiles.Reader(stream);
        var l = limits ?? CsvLimits.Default;
        return await GuardedAsync(errors =>
        {
            CheckLength(stream, name, l);
            return ReadAsync(new CsvRecordReader(reader, name, errors, l.MaxTextLength), columns.NumericColumns, errors, l, cancellationToken);
        }).ConfigureAwait(false);
    }

    /// <summary>Reads a dataset asynchronously, with the numeric columns chosen by <paramref name="columns"/>.</summary>
    /// <param name="columns">Which columns are numeric.</param>
    /// <param name="reader">The CSV text.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dataset, or every problem with its line and column.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<OneOf<Dataset, ValidationErrors>> ReadAsync(DatasetColumns columns, TextReader reader, string name = "data.csv", CsvLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        var l = limits ?? CsvLimits.Default;
        return await GuardedAsync(errors => ReadAsync(new CsvRecordReader(reader, name, errors, l.MaxTextLength), columns.NumericColumns, errors, l, cancellationToken)).ConfigureAwait(false);
    }

#pragma warning restore RS0026

    /// <summary>Reads a dataset table from <paramref name="csv"/>: the header, then each row straight into the numbers.</summary>
    /// <param name="csv">The records.</param>
    /// <param name="numericFor">Picks the numeric columns from the header; <see langword="null"/> to only check the CSV's structure.</param>
    /// <param name="errors">Where problems are recorded.</param>
    /// <param name="limits">The limits.</param>
    /// <returns>The dataset, or <see langword="null"/> (problems recorded).</returns>
    internal static Dataset? Read(CsvRecordReader csv, Func<IReadOnlyList<string>, IReadOnlyList<string>>? numericFor, ErrorCollector errors, CsvLimits limits)
    {
        if (!csv.Read())
        {
            CsvTable.Empty(csv.Name, errors);
            return null;
        }

        var header = CsvTable.ReadHeader(csv, errors);
        var rows = numericFor is null ? null : DatasetRows.Start(csv.Name, header, numericFor(header), errors, limits);
        if (rows is null)
        {
            while (csv.Read())
            {
                CsvTable.CheckWidth(csv, header.Length, errors);
            }

            return null;
        }

        while (!rows.ParallelFromHere && csv.Read())
        {
            if (CsvTable.CheckWidth(csv, header.Length, errors))
            {
                rows.Add(csv);
            }
        }

        if (rows.ParallelFromHere)
        {
            ReadInParallel(csv, rows, header.Length);
        }

        return rows.Finish();
    }

    /// <summary>Reads the rest of a large table, its numbers parsed over the cores (<see cref="DatasetRows.Pipeline"/>).</summary>
    private static void ReadInParallel(CsvRecordReader csv, DatasetRows rows, int width)
    {
        var pipeline = rows.StartParallel(csv);
        try
        {
            while (true)
            {
                if (pipeline.Full)
                {
                    pipeline.Retire(); // waits for the oldest block
                }

                if (!csv.Read())
                {
                    break;
                }

                if (CsvTable.CheckWidth(csv, width, pipeline.Errors))
                {
                    pipeline.Add(csv);
                }
            }

            pipeline.Close();
            while (pipeline.Pending)
            {
                pipeline.Retire();
            }

            pipeline.Done();
        }
        catch
        {
            pipeline.Abandon();
            throw;
        }
    }

    /// <summary>Reads a dataset table asynchronously; see <see cref="Read(CsvRecordReader, Func{IReadOnlyList{string}, IReadOnlyList{string}}?, ErrorCollector, CsvLimits)"/>.</summary>
    internal static async Task<Dataset?> ReadAsync(CsvRecordReader csv, Func<IReadOnlyList<string>, IReadOnlyList<string>>? numericFor, ErrorCollector errors, CsvLimits limits, CancellationToken cancellationToken)
    {
        if (!await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            CsvTable.Empty(csv.Name, errors);
            return null;
        }

        var header = CsvTable.ReadHeader(csv, errors);
        var rows = numericFor is null ? null : DatasetRows.Start(csv.Name, header, numericFor(header), errors, limits);
        if (rows is null)
        {
            while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                CsvTable.CheckWidth(csv, header.Length, errors);
            }

            return null;
        }

        while (!rows.ParallelFromHere && await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (CsvTable.CheckWidth(csv, header.Length, errors))
            {
                rows.Add(csv);
            }
        }

        if (rows.ParallelFromHere)
        {
            await ReadInParallelAsync(csv, rows, header.Length, cancellationToken).ConfigureAwait(false);
        }

        return rows.Finish();
    }

    /// <summary>Reads the rest of a large table asynchronously (only asynchronous reads of the text), its numbers parsed over the cores.</summary>
    private static async Task ReadInParallelAsync(CsvRecordReader csv, DatasetRows rows, int width, CancellationToken cancellationToken)
    {
        var pipeline = rows.StartParallel(csv);
        try
        {
            while (true)
            {
                if (pipeline.Full)
                {
                    await pipeline.Oldest.ConfigureAwait(false);
                    pipeline.Retire();
                }

                if (!await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                if (CsvTable.CheckWidth(csv, width, pipeline.Errors))
                {
                    pipeline.Add(csv);
                }
            }

            pipeline.Close();
            while (pipeline.Pending)
            {
                await pipeline.Oldest.ConfigureAwait(false);
                pipeline.Retire();
            }

            pipeline.Done();
        }
        catch
        {
            await pipeline.AbandonAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs a read, turning an input refused while reading (too large, not text) into its one error.</summary>
    internal static OneOf<T, ValidationErrors> Guarded<T>(Func<ErrorCollector, T?> read)
        where T : class
    {
        var errors = new ErrorCollector();
        try
        {
            var value = read(errors);
            return value is null || errors.HasErrors ? errors.ToErrors() : value;
        }
        catch (InputRefusedException ex)
        {
            return ValidationErrors.Of([ex.Error]);
        }
    }

    /// <summary>Runs a read asynchronously; see <see cref="Guarded{T}(Func{ErrorCollector, T})"/>.</summary>
    internal static async Task<OneOf<T, ValidationErrors>> GuardedAsync<T>(Func<ErrorCollector, Task<T?>> read)
        where T : class
    {
        var errors = new ErrorCollector();
        try
        {
            var value = await read(errors).ConfigureAwait(false);
            return value is null || errors.HasErrors ? errors.ToErrors() : value;
        }
        catch (InputRefusedException ex)
        {
            return ValidationErrors.Of([ex.Error]);
        }
    }

    /// <summary>Refuses a seekable stream longer than the text limit before reading it.</summary>
    internal static void CheckLength(Stream stream, string name, CsvLimits limits)
    {
        if (stream.CanSeek && stream.Length - stream.Position > limits.MaxTextLength)
        {
            throw InputRefusedException.TooLarge(name, limits.MaxTextLength);
        }
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
