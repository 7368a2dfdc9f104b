using System.Globalization;
using System.Text;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Validation;

namespace SmartCity.Cli;

/// <summary>
/// Reads user files with a byte cap counted while reading (so devices and pipes are caught too), turning every I/O
/// failure into a one-line <see cref="CliException"/> that names the file and ends with its code.
/// </summary>
internal static class FileInput
{
    /// <summary>The environment variable that sets the most bytes read from one input file.</summary>
    public const string MaxBytesVariable = "SMARTCITY_MAX_INPUT_BYTES";

    /// <summary>The default cap for a JSON document read whole (512 MiB).</summary>
    public const long DefaultMaxTextBytes = 512L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Gets the limits for the CSV readers: the library's defaults, with the text limit from <see cref="MaxBytesVariable"/> when it is set.</summary>
    public static CsvLimits CsvLimits => MaxBytesFromEnvironment() is { } max ? CsvLimits.Default with { MaxTextLength = max } : CsvLimits.Default;

    /// <summary>Gets the cap for a file read whole as text: <see cref="DefaultMaxTextBytes"/>, or <see cref="MaxBytesVariable"/> when it is set.</summary>
    public static long MaxTextBytes => MaxBytesFromEnvironment() ?? DefaultMaxTextBytes;

    /// <summary>Reads a whole UTF-8 text file (a JSON document), refusing more than <see cref="MaxTextBytes"/> bytes, NUL bytes and bytes that are not UTF-8.</summary>
    public static string ReadText(string path)
    {
        Require(path);
        var max = MaxTextBytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > max)
            {
                throw TooLarge(path, max);
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[65536];
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (chunk.AsSpan(0, n).Contains((byte)0))
                {
                    throw NotText(path, "it holds NUL bytes");
                }

                if (buffer.Length + n > max)
                {
                    throw TooLarge(path, max);
                }

                buffer.Write(chunk, 0, n);
            }

            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            if (bytes.StartsWith("\uFEFF"u8))
            {
                bytes = bytes[3..];
            }

            try
            {
                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw NotText(path, "bytes that are not UTF-8");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or ArgumentException or NotSupportedException)
        {
            throw Unreadable(path, ex);
        }
    }

    /// <summary>Opens a file for a library reader: a missing file or a directory, and every I/O failure while reading, become one-line <see cref="CliException"/>s naming this file.</summary>
    public static Stream Open(string path)
    {
        Require(path);
        try
        {
            var max = CsvLimits.MaxTextLength;
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > max)
            {
                stream.Dispose();
                throw TooLarge(path, max);
            }

            return new NamedStream(path, stream, max);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or ArgumentException or NotSupportedException)
        {
            throw Unreadable(path, ex);
        }
    }

    /// <summary>Reads a file with a reader of the caller's: a missing file or a directory, and every I/O failure, become one-line <see cref="CliException"/>s.</summary>
    public static T Read<T>(string path, Func<string, T> read)
    {
        Require(path);
        try
        {
            return read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, ex);
        }
    }

    /// <summary>Throws a one-line <see cref="CliException"/> unless the file exists.</summary>
    public static void Require(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(Directory.Exists(path) ? $"{path}: is a directory, not a file; give the file inside it [{ErrorCodes.InputNotFound}]" : $"{path}: file not found [{ErrorCodes.InputNotFound}]");
        }
    }

    public static void WriteText(string path, string text) => Write(path, p => File.WriteAllText(p, text));

    /// <summary>Writes a file with a writer of the caller's (its folder created first): every I/O failure becomes a one-line <see cref="CliException"/>.</summary>
    public static void Write(string path, Action<string> write)
    {
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            write(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"{path}: cannot write: {OneLine(ex.Message)}", ex);
        }
    }

    internal static CliException TooLarge(string path, long max) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}: the file is larger than the limit of {max} bytes; set {MaxBytesVariable} to raise it [{ErrorCodes.InputTooLarge}]"));

    internal static CliException NotText(string path, string why) =>
        new($"{path}: not a text CSV/JSON file ({why}); give the file itself, saved as UTF-8 [{ErrorCodes.InputNotText}]");

    private static CliException Unreadable(string path, Exception ex) =>
        ex is CliException c ? c : new CliException($"{path}: cannot read: {OneLine(ex.Message)} [{ErrorCodes.InputUnreadable}]", ex);

    private static string OneLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 200 ? line : string.Concat(line.AsSpan(0, 200), "…");
    }

    private static long? MaxBytesFromEnvironment() =>
        long.TryParse(Environment.GetEnvironmentVariable(MaxBytesVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0 ? max : null;

    /// <summary>A read-only stream that names its file in every read failure, and refuses more than <paramref name="max"/> bytes and NUL bytes as they are read.</summary>
    private sealed class NamedStream(string path, Stream inner, long max) : Stream
    {
        private long _total;

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return Check(buffer, inner.Read(buffer));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Unreadable(path, ex);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                return Check(buffer.Span, n);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Unreadable(path, ex);
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Check(ReadOnlySpan<byte> buffer, int n)
        {
            _total += n;
            if (_total > max)
            {
                throw TooLarge(path, max);
            }

            if (buffer[..n].Contains((byte)0))
            {
                throw NotText(path, "it holds NUL bytes");
            }

            return n;
        }
    }
}
