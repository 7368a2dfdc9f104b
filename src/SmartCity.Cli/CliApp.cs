using System.CommandLine;

namespace SmartCity.Cli;

/// <summary>The command tree; <see cref="Run"/> is the whole program, callable in-process by tests.</summary>
internal static class CliApp
{
    /// <summary>Runs the command line; everything printed goes through <see cref="TerminalText.Writer"/> (control characters escaped).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="cancellation">Cancelled on Ctrl-C: the run stops, deletes its temporary outputs and leaves every output as it was (exit code <see cref="ExitCodes.Cancelled"/>).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellation = default)
    {
        stdout = new TerminalText.Writer(stdout);
        stderr = new TerminalText.Writer(stderr);
        var context = new CliContext(stdout, stderr, cancellation);
        var root = new RootCommand("smartcity: rating frameworks and composite-indicator scoring (SmartCity.Domain).");
        root.Subcommands.Add(FrameworkCommands.Create(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(ScoreCommand.Create(context));
        root.Subcommands.Add(AhpCommand.Create(context));
        root.Subcommands.Add(UncertaintyCommand.Create(context));
        root.Subcommands.Add(WhatIfCommand.Create(context));
        root.Subcommands.Add(SensitivityCommand.Create(context));
        root.Subcommands.Add(SeekCommand.Create(context));
        root.Subcommands.Add(PanelCommand.Create(context));
        root.Subcommands.Add(AnalyseCommand.Create(context));
        root.Subcommands.Add(ProgrammeCommands.CreateList(context));
        root.Subcommands.Add(ProgrammeCommands.CreateAssess(context));
        root.Subcommands.Add(ErrorsCommand.Create(context));

        ParseResult parsed;
        try
        {
            parsed = root.Parse(args);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            stderr.WriteLine($"smartcity: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        if (parsed.Errors.Count > 0)
        {
            // One line per problem: System.CommandLine's own messages can span lines (a list of suggestions).
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"smartcity: {string.Join(' ', error.Message.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
            }

            stderr.WriteLine("Run 'smartcity --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            stderr.WriteLine("smartcity: cancelled; no output was changed");
            return ExitCodes.Cancelled;
        }
        catch (CliException ex)
        {
            stderr.WriteLine($"smartcity: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            stderr.WriteLine($"smartcity: unexpected failure: {ex.GetType().Name}: {ex.Message}");
            if (Environment.GetEnvironmentVariable("SMARTCITY_DEBUG") == "1")
            {
                stderr.WriteLine(ex);
            }

            return ExitCodes.Unexpected;
        }
    }
}

/// <summary>Where commands write, and the token Ctrl-C cancels.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, CancellationToken Cancellation = default);
