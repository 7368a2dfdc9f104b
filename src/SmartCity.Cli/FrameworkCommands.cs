using System.CommandLine;
using System.Globalization;
using SmartCity.Domain.Catalogue;
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
            context.Out.WriteLine("CODE                   EDITION  GROUPS  INDICATORS  LEVELS  NAME");
            foreach (var f in BuiltInFrameworks.All)
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Code,-22} {f.Edition,-8} {f.Groups.Length,6}  {f.Indicators.Length,10}  {f.LevelCount,6}  {f.Name.Text}"));
            }

            return ExitCodes.Ok;
        });

        var name = new Argument<string>("NAME") { Description = "The code of a built-in framework (see 'smartcity frameworks list')." };
        var output = new Option<string?>("--out") { Description = "Write the JSON to this file instead of standard output." };
        var export = new Command("export", "Write a built-in framework as JSON.") { name, output };
        export.SetAction(result =>
        {
            var code = result.GetValue(name)!;
            var framework = BuiltInFrameworks.Find(code)
                ?? throw new CliException($"unknown framework '{code}'; known: {string.Join(", ", BuiltInFrameworks.All.Select(f => f.Code))}");
            if (result.GetValue(output) is { } file)
            {
                FileInput.Write(file, path => FrameworkJson.WriteFile(framework, path, indented: true));
                context.Error.WriteLine($"wrote {file}");
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
}
