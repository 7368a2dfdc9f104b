using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using SmartCity.Domain.Validation;

namespace SmartCity.Cli;

/// <summary>One record of a CSV file: its line number (the header is line 1) and its cells, trimmed.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Cells);

/// <summary>
/// Reads the CLI's small CSV inputs (an AHP matrix, replicate parameters) through CsvHelper, as every CSV the CLI reads:
/// RFC 4180 quoting (a quoted field may hold commas), blank lines skipped, cells trimmed. Failures are one-line
/// <see cref="CliException"/>s.
/// </summary>
internal static class CsvInput
{
    /// <summary>Reads every record, the header first.</summary>
    public static IReadOnlyList<CsvRecord> Read(string path) => FileInput.Read(path, ReadRecords);

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static List<CsvRecord> ReadRecords(string path)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectColumnCountChanges = false,
            BadDataFound = bad => throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{path}: line {bad.Context.Parser?.RawRow}: a stray quote in a cell; quote the whole cell and double the quotes inside it [{ErrorCodes.CsvMalformed}]")),
            IgnoreBlankLines = true,
        };
        var records = new List<CsvRecord>();
        try
        {
            using var stream = FileInput.Open(path);
            using var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvParser(reader, config);
            while (parser.Read())
            {
                var cells = (parser.Record ?? []).Select(c => c.Trim()).ToArray();
                if (cells.All(c => c.Length == 0))
                {
                    continue;
                }

                records.Add(new CsvRecord(parser.RawRow, cells));
            }
        }
        catch (CsvHelperException ex) when (ex.InnerException is System.Text.DecoderFallbackException)
        {
            throw FileInput.NotText(path, "bytes that are not UTF-8");
        }
        catch (CsvHelperException ex)
        {
            var first = ex.Message.Split('\n')[0];
            throw new CliException($"{path}: not a readable CSV file: {(first.Length <= 200 ? first : first[..200] + "…")} [{ErrorCodes.CsvMalformed}]", ex);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw FileInput.NotText(path, "bytes that are not UTF-8");
        }

        return records;
    }
}
