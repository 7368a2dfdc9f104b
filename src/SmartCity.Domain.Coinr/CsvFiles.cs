using System.Text;

namespace SmartCity.Domain.Coinr;

/// <summary>Opens CSV files and wraps streams for the readers and writers of this package.</summary>
internal static class CsvFiles
{
    /// <summary>UTF-8 without a byte-order mark, as every file of this package is written.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>UTF-8 that refuses bytes that are not UTF-8 (<see cref="DecoderFallbackException"/>) instead of replacing them.</summary>
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Opens a file for reading; a directory is reported as <see cref="FileNotFoundException"/> (there is no file at that path).</summary>
    public static FileStream OpenRead(string path, bool useAsync)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' is a directory, not a file.", path);
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, useAsync ? FileOptions.Asynchronous | FileOptions.SequentialScan : FileOptions.SequentialScan);
    }

    /// <summary>A reader over a caller's stream: UTF-8 (bytes that are not UTF-8 raise <see cref="DecoderFallbackException"/>) unless a byte-order mark says otherwise; the stream is left open.</summary>
    public static StreamReader Reader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 65536, leaveOpen: true);
    }
}
