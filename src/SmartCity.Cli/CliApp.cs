using System.CommandLine;

namespace SmartCity.Cli;

/// <summary>The command tree; <see cref="Run"/> is the whole program, callable in-process by tests.</summary>
internal static class CliApp
{
    /// <summary>Every command, by the name it is invoked with, in the order help lists them.</summary>
    internal static readonly (string Name, Func<CliContext, Command> Create)[] Commands =
    [
        ("frameworks", FrameworkCommands.Create),
        ("validate", ValidateCommand.Create),
        ("score", ScoreCommand.Create),
        ("ahp", AhpCommand.Create),
        ("uncertainty", UncertaintyCommand.Create),
        ("whatif", WhatIfCommand.Create),
        ("sensitivity", SensitivityCommand.Create),
        ("seek", SeekCommand.Create),
        ("panel", PanelCommand.Create),
        ("analyse", AnalyseCommand.Create),
        ("programs", ProgrammeCommands.CreateList),
        ("assess", ProgrammeCommands.CreateAssess),
        ("errors", ErrorsCommand.Create),
    ];

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

        // Only the command that runs is built when the first argument names one (building every command's options
        // costs a short process more than its own work); help, --version and unknown commands get the whole tree.
        var only = args.Length > 0 ? Array.FindIndex(Commands, c => string.Equals(c.Name, args[0], StringComparison.Ordinal)) : -1;
        for (var i = 0; i < Commands.Length; i++)
        {
            if (only < 0 || i == only)
            {
                root.Subcommands.Add(Commands[i].Create(context));
            }
        }

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
