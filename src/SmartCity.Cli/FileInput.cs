namespace SmartCity.Cli;

/// <summary>Reads user files, turning every I/O failure into a one-line <see cref="CliException"/>.</summary>
internal static class FileInput
{
    /// <summary>The largest input file read (512 MiB); larger ones are refused rather than exhausting memory.</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    public static string ReadText(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CliException(Directory.Exists(path) ? $"{path}: is a directory, not a file" : $"{path}: file not found");
            }

            if (info.Length > MaxBytes)
            {
                throw new CliException($"{path}: file is larger than {MaxBytes / (1024 * 1024)} MiB");
            }

            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"{path}: cannot read: {ex.Message}", ex);
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
            throw new CliException($"{path}: cannot read: {ex.Message}", ex);
        }
    }

    /// <summary>Throws a one-line <see cref="CliException"/> unless the file exists.</summary>
    public static void Require(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(Directory.Exists(path) ? $"{path}: is a directory, not a file" : $"{path}: file not found");
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
            throw new CliException($"{path}: cannot write: {ex.Message}", ex);
        }
    }
}
