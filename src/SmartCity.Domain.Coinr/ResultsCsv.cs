using System.Globalization;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Coinr;

/// <summary>The tables <see cref="ResultsCsv"/> writes, each in COINr's CSV layout.</summary>
public enum ResultsTable
{
    /// <summary><c>normalised.csv</c>: <c>uCode</c> + every indicator's normalised values.</summary>
    Normalised,

    /// <summary><c>aggregated.csv</c>: <c>uCode</c> + every aggregate's score, by level then code.</summary>
    Aggregated,

    /// <summary><c>ranks.csv</c>: <c>uCode</c> + every aggregate's rank (1 = best, ties share the lowest rank, missing empty).</summary>
    Ranks,

    /// <summary><c>contributions.csv</c>: <c>uCode</c> + each indicator's contribution to the root's score.</summary>
    Contributions,

    /// <summary><c>imputed.csv</c>: <c>uCode</c> + every indicator's values after imputation.</summary>
    Imputed,

    /// <summary><c>treated.csv</c>: <c>uCode</c> + every indicator's values after outlier treatment.</summary>
    Treated,

    /// <summary><c>treatment_details.csv</c>: per treated indicator, the skewness/kurtosis checks and winsorised points (COINr's <c>Dets_Table</c>).</summary>
    TreatmentDetails,

    /// <summary><c>treated_points.csv</c>: <c>uCode</c> + per treated indicator, how each point was treated (COINr's <c>Flags</c>).</summary>
    TreatedPoints,
}

/// <summary>
/// Writes scoring results in COINr's CSV layout: <c>uCode</c> first, one column per indicator or aggregate, doubles in
/// shortest round-trip form, an empty cell for missing. Aggregate columns are ordered by level, then by code. Output is
/// UTF-8 without a byte-order mark; streams and writers are left open.
/// </summary>
/// <remarks>
/// The async forms build a table in memory, then write it with one asynchronous call (no synchronous I/O on the stream,
/// so they may write an ASP.NET response body). See <c>docs/io.md</c>.
/// </remarks>
public static class ResultsCsv
{
    /// <summary>Bytes of contributions per block computed while writing (under the large-object heap's 85,000 bytes, so
    /// that the blocks are short-lived gen-0 arrays rather than large objects that stay until a full collection).</summary>
    private const int ContributionBlockBytes = 64 * 1024;

    /// <summary>Returns the file name a table is written to by <see cref="WriteFiles(ScoreResult, string, bool, bool)"/>, such as <c>normalised.csv</c>.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The file name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="table"/> is not a defined value.</exception>
    public static string FileName(ResultsTable table) => table switch
    {
        ResultsTable.Normalised => "normalised.csv",
        ResultsTable.Aggregated => "aggregated.csv",
        ResultsTable.Ranks => "ranks.csv",
        ResultsTable.Contributions => "contributions.csv",
        ResultsTable.Imputed => "imputed.csv",
        ResultsTable.Treated => "treated.csv",
        ResultsTable.TreatmentDetails => "treatment_details.csv",
        ResultsTable.TreatedPoints => "treated_points.csv",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a results table."),
    };

    /// <summary>
    /// Writes the result's tables into <paramref name="directory"/>: normalised, aggregated, ranks and contributions;
    /// imputed when <paramref name="includeImputed"/>; treated, treatment details and treated points when
    /// <paramref name="includeTreated"/>. Existing files are replaced. The files are written concurrently, the largest
    /// first (see <see cref="WriteFiles(ScoreResult, Func{string, Stream}, bool, bool)"/>).
    /// </summary>
    /// <param name="result">An evaluated result (with ranks).</param>
    /// <param name="directory">The output folder, created if needed.</param>
    /// <param name="includeImputed">Whether to write <c>imputed.csv</c>.</param>
    /// <param name="includeTreated">Whether to write <c>treated.csv</c>, <c>treatment_details.csv</c> and <c>treated_points.csv</c>.</param>
    /// <returns>The names of the files written, in order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">A file cannot be written (also <see cref="UnauthorizedAccessException"/>).</exception>
    public static IReadOnlyList<string> WriteFiles(ScoreResult result, string directory, bool includeImputed, bool includeTreated)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        return WriteFiles(result, name => new FileStream(Path.Combine(directory, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), includeImputed, includeTreated);
    }

    /// <summary>
    /// Writes the same tables as <see cref="WriteFiles(ScoreResult, string, bool, bool)"/>, each as UTF-8 (no byte-order
    /// mark) into the stream <paramref name="createFile"/> returns for its file name, such as an entry of an archive, a
    /// blob or a file that is hashed as it is written; each stream is disposed when its table is written.
    /// </summary>
    /// <remarks>
    /// The tables are written concurrently, the largest first (a large table's formatting is itself spread over the
    /// cores, but its writes are not: with the two big tables, normalised values and contributions, on two cores, both
    /// stay busy while each one's blocks are encoded and written), so <paramref name="createFile"/> is called from
    /// several threads, once per file name.
    /// </remarks>
    /// <param name="result">An evaluated result (with ranks).</param>
    /// <param name="createFile">Returns a new writable stream for a file name (<see cref="FileName"/>).</param>
    /// <param name="includeImputed">Whether to write <c>imputed.csv</c>.</param>
    /// <param name="includeTreated">Whether to write <c>treated.csv</c>, <c>treatment_details.csv</c> and <c>treated_points.csv</c>.</param>
    /// <returns>The names of the files written, in order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">A stream cannot be created or written (also <see cref="UnauthorizedAccessException"/>): the first failure, as thrown.</exception>
    public static IReadOnlyList<string> WriteFiles(ScoreResult result, Func<string, Stream> createFile, bool includeImputed, bool includeTreated)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(createFile);
        var tables = Tables(includeImputed, includeTreated).ToArray();
        var order = Enumerable.Range(0, tables.Length).OrderByDescending(i => Cells(result, tables[i])).ToArray();
        var failures = new Exception?[tables.Length];
        var next = -1;
        void Worker()
        {
            for (var k = Interlocked.Increment(ref next); k < order.Length; k = Interlocked.Increment(ref next))
            {
                var i = order[k];
                if (Array.Exists(failures, f => f is not null))
                {
                    return;
                }

                try
                {
                    using var stream = createFile(FileName(tables[i])) ?? throw new InvalidOperationException($"{nameof(createFile)} returned null for {FileName(tables[i])}.");
                    WriteUtf8(result, tables[i], stream);
                }
                catch (Exception ex)
                {
                    failures[i] = ex;
                }
            }
        }

        var workers = Math.Clamp(Environment.ProcessorCount, 1, tables.Length);
        if (workers == 1)
        {
            Worker();
        }
        else
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ => Worker());
        }

        if (Array.Find(failures, f => f is not null) is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return [.. tables.Select(FileName)];
    }

    /// <summary>The number of cells of a table, to write the largest first.</summary>
    private static long Cells(ScoreResult result, ResultsTable table) => table switch
    {
        ResultsTable.Normalised or ResultsTable.Contributions or ResultsTable.Imputed or ResultsTable.Treated or ResultsTable.TreatedPoints =>
            (long)result.UnitCount * result.Framework.Indicators.Length,
        _ => (long)result.UnitCount * Math.Max(1, result.Plan.NodeCodes.Length - result.Framework.Indicators.Length),
    };

    /// <summary>Writes the result's tables into <paramref name="directory"/> asynchronously; see <see cref="WriteFiles(ScoreResult, string, bool, bool)"/>.</summary>
    /// <param name="result">An evaluated result (with ranks).</param>
    /// <param name="directory">The output folder, created if needed.</param>
    /// <param name="includeImputed">Whether to write <c>imputed.csv</c>.</param>
    /// <param name="includeTreated">Whether to write <c>treated.csv</c>, <c>treatment_details.csv</c> and <c>treated_points.csv</c>.</param>
    /// <param name="cancellationToken">Cancels the writing (files already written stay).</param>
    /// <returns>The names of the files written, in order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">A file cannot be written (also <see cref="UnauthorizedAccessException"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<IReadOnlyList<string>> WriteFilesAsync(ScoreResult result, string directory, bool includeImputed, bool includeTreated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var table in Tables(includeImputed, includeTreated))
        {
            var name = FileName(table);
            var stream = new FileStream(Path.Combine(directory, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await WriteAsync(result, table, stream, cancellationToken).ConfigureAwait(false);
            }

            written.Add(name);
        }

        return written;
    }

    /// <summary>Writes one table.</summary>
    /// <param name="result">An evaluated result (with ranks).</param>
    /// <param name="table">The table.</param>
    /// <param name="writer">Where to write; left open.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="table"/> is not a defined value.</exception>
    public static void Write(ScoreResult result, ResultsTable table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var chunk in Spec(result, table).Render())
        {
            writer.Write(chunk.Span);
        }
    }

    /// <summary>Writes one table as UTF-8 (no byte-order mark).</summary>
    /// <param name="result">An evaluated result (with ranks).</param>
    /// <param name="table">The table.</param>
    /// <param name="stream">Where to write; left open.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="table"/> is not a defined value.</exception>
    public static void Write(ScoreResult result, ResultsTable table, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        WriteUtf8(result, table, stream);
    }

    /// <summary>
    /// Encodes each formatted block straight into one byte buffer and writes it with one call: no copy through a
    /// <see cref="StreamWriter"/>'s buffers. Blocks end at line ends, so no surrogate pair is split between two of them.
    /// </summary>
    private static void WriteUtf8(ScoreResult result, ResultsTable table, Stream stream)
    {
        var bytes = new byte[1 << 16];
        foreach (var chunk in Spec(result, table).Render())
        {
            var n = Encode(chunk.Span, ref bytes); // before the call: Encode may replace the buffer
            stream.Write(bytes, 0, n);
        }
    }

    /// <summary>Encodes <paramref name="chunk"/> as UTF-8 into <paramref name="bytes"/> (grown when too small); returns the length.</summary>
    private static int Encode(ReadOnlySpan<char> chunk, ref byte[] bytes)
    {
        var max = CsvFiles.Utf8.GetMaxByteCount(chunk.Length);
        if (bytes.Length < max)
        {
            bytes = new byte[max];
        }

        return CsvFiles.Utf8.GetBytes(chunk, bytes);
    }

#pragma warning disable RS0026 // Like .NET's own WriteAsync overloads, each takes an optional cancellation token.
    /// <summary>Writes one table asynchronously: formatted in blocks of rows, each written with one asynchronous call.</summary>
    /// <param name="result">An evaluated result (with ranks).</param>
    /// <param name="table">The table.</param>
    /// <param name="writer">Where to write; left open.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the table is written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="table"/> is not a defined value.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task WriteAsync(ScoreResult result, ResultsTable table, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var chunk in Spec(result, table).Render())
        {
            await writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes one table as UTF-8 (no byte-order mark) asynchronously: formatted in blocks of rows, each written with one asynchronous call (safe on an ASP.NET response body).</summary>
    /// <param name="result">An evaluated result (with ranks).</param>
    /// <param name="table">The table.</param>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the table is written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="table"/> is not a defined value.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task WriteAsync(ScoreResult result, ResultsTable table, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = new byte[1 << 16];
        foreach (var chunk in Spec(result, table).Render())
        {
            var n = Encode(chunk.Span, ref bytes);
            await stream.WriteAsync(bytes.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        }
    }

#pragma warning restore RS0026

    private static IEnumerable<ResultsTable> Tables(bool includeImputed, bool includeTreated)
    {
        yield return ResultsTable.Normalised;
        yield return ResultsTable.Aggregated;
        yield return ResultsTable.Ranks;
        yield return ResultsTable.Contributions;
        if (includeImputed)
        {
            yield return ResultsTable.Imputed;
        }

        if (includeTreated)
        {
            yield return ResultsTable.Treated;
            yield return ResultsTable.TreatmentDetails;
            yield return ResultsTable.TreatedPoints;
        }
    }

    private static CsvTableWriter Spec(ScoreResult result, ResultsTable table) => table switch
    {
        ResultsTable.Normalised => IndicatorTable(result, result.Scores),
        ResultsTable.Aggregated => Aggregated(result),
        ResultsTable.Ranks => Ranks(result),
        ResultsTable.Contributions => Contributions(result, result.Root),
        ResultsTable.Imputed => IndicatorTable(result, result.Imputed),
        ResultsTable.Treated => IndicatorTable(result, result.Treated),
        ResultsTable.TreatmentDetails => TreatmentDetails(result),
        ResultsTable.TreatedPoints => TreatedPoints(result),
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Not a results table."),
    };

    private static CsvTableWriter Aggregated(ScoreResult result)
    {
        var nodes = AggregateOrder(result.Plan);
        var columns = nodes.Select(n => result.Scores(result.Plan.NodeCodes[n])).ToArray();
        return UnitTable(result, [.. nodes.Select(n => result.Plan.NodeCodes[n])], columns.Length, (u, row) => Fill(columns, u, row));
    }

    private static CsvTableWriter Ranks(ScoreResult result)
    {
        var codes = AggregateOrder(result.Plan).Select(n => result.Plan.NodeCodes[n]).ToList();
        var columns = codes.Select(c => result.Ranks(c)).ToArray();
        return UnitTable(result, codes, columns.Length, (u, row) =>
        {
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = columns[c][u];
            }
        });
    }

    /// <summary>One unit's value of each column.</summary>
    private static void Fill(ScoreColumn[] columns, int unit, Span<double?> row)
    {
        for (var c = 0; c < row.Length; c++)
        {
            row[c] = columns[c][unit];
        }
    }

    /// <summary>Writes <c>uCode</c> + each indicator's contribution to a node's score (<see cref="ResultsTable.Contributions"/> is this for the root).</summary>
    /// <param name="result">An evaluated result.</param>
    /// <param name="node">The code of a node, usually the root.</param>
    /// <param name="writer">Where to write; left open.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteContributions(ScoreResult result, string node, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var chunk in Contributions(result, node).Render())
        {
            writer.Write(chunk.Span);
        }
    }

    private static CsvTableWriter Contributions(ScoreResult result, string node)
    {
        // Block by block of units, never the whole table: each rendering thread keeps the block its rows fall in.
        var indicators = result.GetContributions(node, 0, 0).Indicators;
        var unitsPerBlock = Math.Max(1, ContributionBlockBytes / sizeof(double) / Math.Max(1, indicators.Length));
        var block = new ThreadLocal<(int First, ContributionTable? Table)>();
        return UnitTable(result, indicators, indicators.Length, (u, row) =>
        {
            var (first, table) = block.Value;
            if (table is null || u < first || u >= first + table.Units.Length)
            {
                first = u;
                table = result.GetContributions(node, u, Math.Min(unitsPerBlock, result.UnitCount - u));
                block.Value = (first, table);
            }

            var values = table.Row(u - first);
            for (var j = 0; j < row.Length; j++)
            {
                row[j] = values[j];
            }
        });
    }

    private static CsvTableWriter IndicatorTable(ScoreResult result, Func<string, ScoreColumn> column)
    {
        var codes = result.Framework.Indicators.Select(i => i.Code).ToList();
        var columns = codes.Select(column).ToArray();
        return UnitTable(result, codes, columns.Length, (u, row) => Fill(columns, u, row));
    }

    /// <summary>A table of <c>uCode</c> + one number per column for each unit; <paramref name="fill"/> gives a unit's numbers.</summary>
    private static CsvTableWriter UnitTable(ScoreResult result, IReadOnlyList<string> header, int columns, RowFill fill)
    {
        var units = result.Units;
        return new CsvTableWriter(["uCode", .. header], units.Length, columns + 1, (u, row) =>
        {
            row.Text(units[u]);
            var values = row.Scratch(columns);
            fill(u, values);
            row.Numbers(values);
        });
    }

    /// <summary>Fills <paramref name="values"/> (one per column) with a unit's numbers, <see langword="null"/> where missing.</summary>
    private delegate void RowFill(int unit, Span<double?> values);

    private static CsvTableWriter TreatmentDetails(ScoreResult result)
    {
        string[] header = ["iCode", "check_SkewKurt0.Pass", "check_SkewKurt0.Skew", "check_SkewKurt0.Kurt", "winsorise.nwin", "check_SkewKurt1.Pass", "check_SkewKurt1.Skew", "check_SkewKurt1.Kurt", "check_SkewKurt2.Pass", "check_SkewKurt2.Skew", "check_SkewKurt2.Kurt"];
        var reports = result.TreatmentReports;
        return new CsvTableWriter(header, reports.Length, header.Length, (i, row) =>
        {
            var report = reports[i];
            row.Text(report.Indicator);
            for (var stage = 0; stage < 3; stage++)
            {
                var check = report.Checks.FirstOrDefault(c => c.Stage == stage);
                var has = report.Checks.Any(c => c.Stage == stage);
                row.Text(has ? (check.Pass ? "TRUE" : "FALSE") : string.Empty);
                row.Number(has ? check.Skewness : null);
                row.Number(has ? check.Kurtosis : null);
                if (stage == 0)
                {
                    row.Text(report.WinsorisedPoints?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
                }
            }
        });
    }

    private static CsvTableWriter TreatedPoints(ScoreResult result)
    {
        var treated = result.TreatmentReports;
        return new CsvTableWriter(["uCode", .. treated.Select(r => r.Indicator)], result.UnitCount, treated.Length + 1, (u, row) =>
        {
            row.Text(result.Units[u]);
            foreach (var report in treated)
            {
                row.Literal(report.PointFlags[u]); // COINr's flags (+log_CT, ...), not user text
            }
        });
    }

    internal static List<int> AggregateOrder(ScoringPlan plan) =>
        [.. Enumerable.Range(plan.IndicatorCount, plan.GroupCount).OrderBy(n => plan.Levels[n]).ThenBy(n => plan.NodeCodes[n], StringComparer.Ordinal)];
}
