using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SmartCity.Cli;

/// <summary>
/// Console tables drawn by Spectre.Console. They are rendered as plain text (no ANSI codes, no colours) so that they
/// read the same on a terminal, in a file or in a test's captured output; lines carry no trailing blanks.
/// </summary>
/// <remarks>
/// On a terminal (the writer is the process's standard output and it is not redirected) the table fits the window's
/// width; otherwise it is laid out for a fixed <see cref="RedirectedWidth"/>, so redirected output does not depend on
/// the terminal the command was started from.
/// </remarks>
internal static class ConsoleTables
{
    /// <summary>The width, in characters, tables are laid out for when the output is not a terminal.</summary>
    public const int RedirectedWidth = 200;

    /// <summary>Creates a table with a header row underlined by a rule and no other borders.</summary>
    /// <param name="columns">The column headers; a header starting with <c>&gt;</c> is a right-aligned (numeric) column.</param>
    public static Table Create(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var c in columns)
        {
            var right = c.StartsWith('>');
            var column = new TableColumn(new Text(TerminalText.Escape(right ? c[1..] : c)));
            table.AddColumn(right ? column.RightAligned() : column);
        }

        return table;
    }

    /// <summary>Adds a row of plain cells: never read as Spectre markup (brackets are kept as they are), control characters escaped (<see cref="TerminalText"/>).</summary>
    public static Table Row(this Table table, params string[] cells)
    {
        table.AddRow([.. cells.Select(c => new Text(TerminalText.Escape(c)))]);
        return table;
    }

    /// <summary>Writes a rendered table (or any Spectre widget) to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, IRenderable renderable)
    {
        var terminal = ReferenceEquals(TerminalText.Unwrap(writer), Console.Out) && !Console.IsOutputRedirected;
        writer.Write(Render(renderable, terminal ? TerminalWidth() : RedirectedWidth));
    }

    /// <summary>Renders as plain text at the given width: no ANSI codes, no trailing blanks, no blank first or last line.</summary>
    public static string Render(IRenderable renderable, int width)
    {
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(buffer),
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Width = width;
        console.Profile.Capabilities.Unicode = true;
        console.Write(renderable);
        var lines = buffer.ToString().Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Concat(lines.Select(l => l + Environment.NewLine));
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 20 ? Console.WindowWidth : RedirectedWidth;
        }
        catch (IOException)
        {
            return RedirectedWidth;
        }
    }
}
