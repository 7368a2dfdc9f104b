using System.Globalization;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Coinr;

/// <summary>
/// How much a CSV reader of this package reads before it refuses an input with <c>input.too-large</c>: the characters
/// of text, and the memory for the numeric cells (rows × numeric columns × 8 bytes, checked while the rows are read,
/// before anything that size is allocated). A limit is counted while reading, so a device or a pipe is caught too.
/// </summary>
/// <param name="MaxTextLength">The most characters of text read from one file, stream or reader (for UTF-8 text, about the bytes).</param>
/// <param name="MaxValueBytes">The most bytes the numeric cells of one table may take as doubles.</param>
public sealed record CsvLimits(long MaxTextLength, long MaxValueBytes)
{
    /// <summary>The default text limit: 2 GiB of characters.</summary>
    public const long DefaultMaxTextLength = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Gets the default limits: <see cref="DefaultMaxTextLength"/> characters of text, and numbers taking at most half
    /// of the memory available to the process (<see cref="GC.GetGCMemoryInfo()"/>) when it is read.
    /// </summary>
    public static CsvLimits Default => new(DefaultMaxTextLength, Math.Max(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2, 64L * 1024 * 1024));

    /// <summary>Gets the most characters of text read from one input; must be positive.</summary>
    public long MaxTextLength { get; init; } = MaxTextLength > 0 ? MaxTextLength : throw new ArgumentOutOfRangeException(nameof(MaxTextLength), MaxTextLength, "The limit must be positive.");

    /// <summary>Gets the most bytes the numbers of one table may take; must be positive.</summary>
    public long MaxValueBytes { get; init; } = MaxValueBytes > 0 ? MaxValueBytes : throw new ArgumentOutOfRangeException(nameof(MaxValueBytes), MaxValueBytes, "The limit must be positive.");

    /// <summary>Gets how a large dataset read is spread over the cores (not a limit, and not public: the tests make small tables take the parallel path).</summary>
    internal ParallelReads Parallel { get; init; } = ParallelReads.Default;
}

/// <summary>How a dataset read is spread over the cores: see <see cref="DatasetRows.Pipeline"/>.</summary>
/// <param name="FromValues">The numeric cells parsed on one thread before the rest are parsed over the cores, and from which the column-major copy is made in parallel.</param>
/// <param name="BlockChars">A block of records is sent to be parsed once it holds this many characters of text …</param>
/// <param name="BlockCells">… or this many cells.</param>
internal sealed record ParallelReads(long FromValues, int BlockChars, int BlockCells)
{
    /// <summary>
    /// Gets the defaults: with more than one core, parallel from about a million numeric cells (some 20 MB of text, a
    /// tenth of a second on one core), blocks of 128 K characters or 32 K cells; with one core, never.
    /// </summary>
    public static ParallelReads Default => new(Environment.ProcessorCount > 1 ? 1L << 20 : long.MaxValue, 1 << 17, 1 << 15);
}

/// <summary>An input refused while it was read (too large, or not text): turned into one error by the readers.</summary>
internal sealed class InputRefusedException : Exception
{
    private InputRefusedException(ValidationError error)
        : base(error.Message) => Error = error;

    public ValidationError Error { get; }

    public static InputRefusedException TooLarge(string name, long maxChars) => new(new ValidationError(
        ErrorCodes.InputTooLarge,
        "file",
        string.Create(CultureInfo.InvariantCulture, $"{name}: the file is larger than the limit of {Describe(maxChars)} of text; raise CsvLimits.MaxTextLength (CLI: SMARTCITY_MAX_INPUT_BYTES) if it really is this big.")));

    public static InputRefusedException TooManyValues(string name, long rows, int columns, long maxBytes) => new(new ValidationError(
        ErrorCodes.InputTooLarge,
        "file",
        string.Create(CultureInfo.InvariantCulture, $"{name}: {rows} rows × {columns} numeric columns need more than the limit of {Describe(maxBytes)} of memory (half the memory available); raise CsvLimits.MaxValueBytes if the machine has more.")));

    public static InputRefusedException NotText(string name, string why) => new(new ValidationError(
        ErrorCodes.InputNotText,
        "file",
        $"{name}: not a text CSV file ({why}); give the CSV file itself, saved as UTF-8."));

    internal static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 30} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
