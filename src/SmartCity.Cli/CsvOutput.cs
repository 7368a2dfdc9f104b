using System.Globalization;
using CsvHelper;

namespace SmartCity.Cli;

/// <summary>Writes one output table into a folder, turning I/O failures into a one-line <see cref="CliException"/>.</summary>
internal static class CsvOutput
{
    public static void Write(string directory, string fileName, IReadOnlyList<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        try
        {
            Directory.CreateDirectory(directory);
            using var writer = new StreamWriter(Path.Combine(directory, fileName));
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            foreach (var h in header)
            {
                csv.WriteField(h);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.NextRecord();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{directory}: cannot write: {ex.Message}", ex);
        }
    }
}
