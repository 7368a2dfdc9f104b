namespace SmartCity.Domain.Serialization;

/// <summary>Opens input files and buffers input with a size cap, synchronously or asynchronously (never sync I/O on the async path).</summary>
internal static class InputFile
{
    /// <summary>Opens a file for reading; a directory is reported as <see cref="FileNotFoundException"/> (there is no file at that path).</summary>
    public static FileStream OpenRead(string path, bool useAsync)
    {
        Guard.Against.NullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' is a directory, not a file.", path);
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync ? FileOptions.Asynchronous | FileOptions.SequentialScan : FileOptions.SequentialScan);
    }

    /// <summary>Creates (or truncates) a file for writing, creating its folder if needed.</summary>
    public static FileStream Create(string path, bool useAsync)
    {
        Guard.Against.NullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync ? FileOptions.Asynchronous : FileOptions.None);
    }

    /// <summary>Reads a stream to its end; <see langword="null"/> when it holds more than <paramref name="maxBytes"/> bytes.</summary>
    public static byte[]? ReadAll(Stream stream, long maxBytes)
    {
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a stream to its end asynchronously; <see langword="null"/> when it holds more than <paramref name="maxBytes"/> bytes.</summary>
    public static async Task<byte[]?> ReadAllAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads text to its end; <see langword="null"/> when it holds more than <paramref name="maxChars"/> characters.</summary>
    public static string? ReadAll(TextReader reader, long maxChars)
    {
        var text = new System.Text.StringBuilder();
        var chunk = new char[16384];
        int n;
        while ((n = reader.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (text.Length + n > maxChars)
            {
                return null;
            }

            text.Append(chunk, 0, n);
        }

        return text.ToString();
    }

    /// <summary>Reads text to its end asynchronously; <see langword="null"/> when it holds more than <paramref name="maxChars"/> characters.</summary>
    public static async Task<string?> ReadAllAsync(TextReader reader, long maxChars, CancellationToken cancellationToken)
    {
        var text = new System.Text.StringBuilder();
        var chunk = new char[16384];
        int n;
        while ((n = await reader.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text.Length + n > maxChars)
            {
                return null;
            }

            text.Append(chunk, 0, n);
        }

        return text.ToString();
    }
}
