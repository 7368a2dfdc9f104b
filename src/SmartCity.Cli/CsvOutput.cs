using SmartCity.Domain.Coinr;

namespace SmartCity.Cli;

/// <summary>
/// Writes one output table, turning I/O failures into a one-line <see cref="CliException"/>. Every cell goes through
/// <see cref="CsvField.Escape"/>: RFC 4180 quoting, and text a spreadsheet would run as a formula (<c>=…</c>,
/// <c>+…</c>, <c>-…</c>, <c>@…</c>, a leading tab or CR) neutralised with a leading single quote; numbers stay numbers.
/// </summary>
internal static class CsvOutput
{
    /// <summary>Writes the table to <paramref name="fileName"/> in <paramref name="directory"/> (created if needed).</summary>
    public static void Write(string directory, string fileName, IReadOnlyList<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        try
        {
            Directory.CreateDirectory(directory);
            using var stream = new FileStream(Path.Combine(directory, fileName), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            Write(stream, header, rows);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{directory}: cannot write: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the table as UTF-8 (no byte-order mark, <c>\r\n</c> line ends) to a stream, which is left open.</summary>
    public static void Write(Stream stream, IReadOnlyList<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        WriteRow(writer, header);
        foreach (var row in rows)
        {
            WriteRow(writer, row);
        }
    }

    private static void WriteRow(TextWriter writer, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                writer.Write(',');
            }

            writer.Write(CsvField.Escape(cell));
            first = false;
        }

        writer.Write("\r\n");
    }
}
