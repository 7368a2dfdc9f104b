using System.Globalization;
using System.Text;

namespace SmartCity.Cli;

/// <summary>
/// Makes text from files safe to print on a terminal: control characters are shown as escapes instead of being sent
/// raw, so a unit name holding <c>ESC [ 2 J</c> cannot clear the screen, move the cursor, retitle the window or
/// reorder the line with bidirectional overrides.
/// </summary>
/// <remarks>
/// Escaped: C0 controls (U+0000–U+001F, tab and line breaks included, as <c>\t</c>, <c>\n</c>, <c>\r</c> and
/// <c>\xHH</c>), DEL (<c>\x7F</c>), C1 controls (U+0080–U+009F, <c>\xHH</c>), and the invisible formatting characters
/// that reorder or hide text: bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
/// marks U+200E, U+200F, U+061C, the line and paragraph separators U+2028, U+2029 and the zero-width characters
/// U+200B–U+200D, U+2060 and U+FEFF (as <c>\uHHHH</c>). A backslash is kept as it is. Everything the command prints
/// goes through <see cref="Writer"/>, which keeps its own line breaks and escapes everything else.
/// </remarks>
internal static class TerminalText
{
    /// <summary>Returns whether <paramref name="c"/> is printed as an escape.</summary>
    public static bool MustEscape(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F)
        || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
        || (c >= '\u200B' && c <= '\u200F') || c is '\u061C' or '\u2028' or '\u2029' or '\u2060' or '\uFEFF';

    /// <summary>Returns <paramref name="text"/> with every character of <see cref="MustEscape"/> replaced by its escape (line breaks included).</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(MustEscape))
        {
            return text ?? string.Empty;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            Append(sb, c);
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, char c)
    {
        if (!MustEscape(c))
        {
            sb.Append(c);
            return;
        }

        _ = c switch
        {
            '\t' => sb.Append("\\t"),
            '\n' => sb.Append("\\n"),
            '\r' => sb.Append("\\r"),
            < '\u0100' => sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)),
            _ => sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>Returns the writer a <see cref="Writer"/> wraps, or <paramref name="writer"/> itself (to ask whether it is the console).</summary>
    public static TextWriter Unwrap(TextWriter writer) => writer is Writer w ? w.Inner : writer;

    /// <summary>
    /// A writer that escapes (see <see cref="Escape"/>) every character written except its own line breaks
    /// (<see cref="TextWriter.WriteLine()"/>, and <c>\n</c> or <c>\r\n</c> within a write, as the command's messages
    /// and tables end their lines).
    /// </summary>
    public sealed class Writer(TextWriter inner) : TextWriter(CultureInfo.InvariantCulture)
    {
        /// <summary>The writer escaped text goes to.</summary>
        public TextWriter Inner { get; } = inner;

        /// <inheritdoc/>
        public override Encoding Encoding => Inner.Encoding;

        /// <inheritdoc/>
        public override void Write(char value)
        {
            if (value == '\n' || !MustEscape(value))
            {
                Inner.Write(value);
            }
            else
            {
                Inner.Write(Escape(value.ToString()));
            }
        }

        /// <inheritdoc/>
        public override void Write(string? value)
        {
            if (value is null)
            {
                return;
            }

            if (!value.Any(MustEscape))
            {
                Inner.Write(value);
                return;
            }

            var sb = new StringBuilder(value.Length + 16);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '\n' || (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n'))
                {
                    sb.Append(c);
                }
                else
                {
                    Append(sb, c);
                }
            }

            Inner.Write(sb.ToString());
        }

        /// <inheritdoc/>
        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        /// <inheritdoc/>
        public override void WriteLine() => Inner.WriteLine();

        /// <inheritdoc/>
        public override void WriteLine(string? value)
        {
            Write(value);
            Inner.WriteLine();
        }

        /// <inheritdoc/>
        public override void Flush() => Inner.Flush();
    }
}
