using System.CommandLine;
using SmartCity.Domain.Validation;

namespace SmartCity.Cli;

/// <summary><c>smartcity errors [CODE]</c>: the error codes, or one code's description and fix (from <see cref="ErrorCodes.All"/>).</summary>
internal static class ErrorsCommand
{
    public static Command Create(CliContext context)
    {
        var code = new Argument<string?>("CODE") { Arity = ArgumentArity.ZeroOrOne, Description = "A code from an error line, such as coinr.broken-hierarchy; without it, every code is listed." };
        var command = new Command("errors", "List the error codes, or explain one: what failed, its usual cause and how to fix it.") { code };
        command.SetAction(result =>
        {
            if (result.GetValue(code) is not { } wanted)
            {
                var table = ConsoleTables.Create("Code", "Severity", "Area", "What failed");
                foreach (var i in ErrorCodes.All)
                {
                    table.Row(i.Code, i.Severity == ValidationSeverity.Warning ? "warning" : "error", i.Area, i.Summary);
                }

                ConsoleTables.Write(context.Out, table);
                return ExitCodes.Ok;
            }

            var info = ErrorCodes.Find(wanted.Trim().Trim('[', ']'))
                ?? throw new CliException($"unknown error code '{wanted}'; run 'smartcity errors' for the list");
            context.Out.WriteLine($"{info.Code} ({(info.Severity == ValidationSeverity.Warning ? "warning" : "error")}, {info.Area})");
            context.Out.WriteLine(info.Summary);
            context.Out.WriteLine(info.Remedy);
            return ExitCodes.Ok;
        });
        return command;
    }
}
