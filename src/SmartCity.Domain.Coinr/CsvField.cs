using System.Buffers;
using System.Globalization;

namespace SmartCity.Domain.Coinr;

/// <summary>
/// Writes one CSV cell as every writer of this package does: RFC 4180 quoting, and text that a spreadsheet would run
/// as a formula neutralised as OWASP recommends. See <c>docs/io.md</c>.
/// </summary>
/// <remarks>
/// A text cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is written with a
/// single quote in front, inside double quotes (<c>=HYPERLINK(…)</c> becomes <c>"'=HYPERLINK(…)"</c>), so a spreadsheet
/// shows it as text instead of running it. A cell that is a number (<c>-1.5</c>, <c>+2</c>, <c>-1E-05</c>) is written
/// as it is. The readers of this package read cells as they are: the quote stays, so a neutralised cell read back is
/// the text with the quote in front (input is never rewritten).
/// </remarks>
public static class CsvField
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>Returns the cell text as written to a CSV file: neutralised when formula-like, quoted when needed.</summary>
    /// <param name="value">The cell's text; <see langword="null"/> is an empty cell.</param>
    /// <returns>The text to write between separators.</returns>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var formula = IsFormulaLike(value);
        if (!formula && !NeedsQuoting(value))
        {
            return value;
        }

        return string.Concat("\"", formula ? "'" : string.Empty, value.Replace("\"", "\"\"", StringComparison.Ordinal), "\"");
    }

    /// <summary>Whether a spreadsheet would take the text for a formula: it starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return, and is not a number.</summary>
    /// <param name="value">The cell's text.</param>
    /// <returns>Whether <see cref="Escape"/> neutralises it.</returns>
    public static bool IsFormulaLike(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0
            && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(value, NumberStyles.Float & ~(NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite), CultureInfo.InvariantCulture, out _);
    }

    /// <summary>Whether the text must be quoted: a comma, quote or line break inside, or a space at either end.</summary>
    internal static bool NeedsQuoting(string value) =>
        value.AsSpan().IndexOfAny(NeedsQuotes) >= 0 || value[0] == ' ' || value[^1] == ' ';
}
