using System.CommandLine;

namespace SmartCity.Cli;

/// <summary>The command tree; <see cref="Run"/> is the whole program, callable in-process by tests.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var context = new CliContext(stdout, stderr);
        var root = new RootCommand("smartcity: rating frameworks and composite-indicator scoring (SmartCity.Domain).");
        root.Subcommands.Add(FrameworkCommands.Create(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(ScoreCommand.Create(context));
        root.Subcommands.Add(AhpCommand.Create(context));
        root.Subcommands.Add(UncertaintyCommand.Create(context));
        root.Subcommands.Add(WhatIfCommand.Create(context));
        root.Subcommands.Add(SensitivityCommand.Create(context));
        root.Subcommands.Add(SeekCommand.Create(context));
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
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
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

/// <summary>Where commands write.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error);
