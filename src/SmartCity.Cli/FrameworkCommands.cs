using System.CommandLine;
using System.Globalization;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Serialization;

namespace SmartCity.Cli;

/// <summary><c>smartcity frameworks list|export</c>.</summary>
internal static class FrameworkCommands
{
    public static Command Create(CliContext context)
    {
        var frameworks = new Command("frameworks", "List or export the built-in rating frameworks.");

        var list = new Command("list", "List the built-in frameworks.");
        list.SetAction(_ =>
        {
            var table = ConsoleTables.Create("Code", "Edition", ">Groups", ">Indicators", ">Levels", "Name");
            foreach (var f in BuiltInFrameworks.All)
            {
                table.Row(f.Code, f.Edition, Int(f.Groups.Length), Int(f.Indicators.Length), Int(f.LevelCount), f.Name.Text);
            }

            ConsoleTables.Write(context.Out, table);
            return ExitCodes.Ok;
        });

        var name = CliOptions.ChoiceArgument<RatingFramework>(
            "NAME",
            "The code of a built-in framework (see 'smartcity frameworks list').",
            [.. BuiltInFrameworks.All.Select(f => new KeyValuePair<string, RatingFramework>(f.Code, f))],
            code => $"unknown framework '{code}'; known: {string.Join(", ", BuiltInFrameworks.All.Select(f => f.Code))}");
        var output = CliOptions.OutputFile("--out", "Write the JSON to this file instead of standard output (replaced only once complete).");
        var export = new Command("export", "Write a built-in framework as JSON.") { name, output };
        export.SetAction(result =>
        {
            var framework = result.GetValue(name)!;
            if (result.GetPath(output) is { } file)
            {
                using var outputs = OutputTransaction.Begin(result, context);
                FileInput.Write(outputs.File(file), path => FrameworkJson.WriteFile(framework, path, indented: true));
                foreach (var line in outputs.Commit())
                {
                    context.Error.WriteLine(line);
                }
            }
            else
            {
                FrameworkJson.Write(framework, context.Out, indented: true);
            }

            return ExitCodes.Ok;
        });

        frameworks.Subcommands.Add(list);
        frameworks.Subcommands.Add(export);
        return frameworks;
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
