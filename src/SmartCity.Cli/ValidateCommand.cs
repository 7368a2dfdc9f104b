using System.CommandLine;
using SmartCity.Domain.Serialization;

namespace SmartCity.Cli;

/// <summary><c>smartcity validate FILE</c>: every problem of a framework file, one per line.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A framework JSON file." };
        file.AcceptLegalFilePathsOnly();
        var command = new Command("validate", "Check a framework JSON file and print every problem (code, path, message).") { file };
        command.SetAction(result =>
        {
            var path = result.GetValue(file)!.ToString();
            var findings = FrameworkJson.Validate(FileInput.ReadText(path));
            foreach (var f in findings)
            {
                var writer = f.IsError ? context.Error : context.Out;
                writer.WriteLine($"{path}: {f}");
            }

            var errors = findings.Count(f => f.IsError);
            if (errors > 0)
            {
                context.Error.WriteLine($"{path}: invalid ({errors} error{(errors == 1 ? string.Empty : "s")}, {findings.Count - errors} warning{(findings.Count - errors == 1 ? string.Empty : "s")})");
                return ExitCodes.InvalidInput;
            }

            context.Out.WriteLine($"{path}: valid{(findings.Count > 0 ? $" ({findings.Count} warning{(findings.Count == 1 ? string.Empty : "s")})" : string.Empty)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
