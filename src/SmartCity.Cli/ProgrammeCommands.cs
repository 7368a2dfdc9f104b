using System.CommandLine;
using System.Globalization;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Programmes;
using SmartCity.Domain.Scoring;

namespace SmartCity.Cli;

/// <summary><c>smartcity programs list</c> and <c>smartcity assess</c>.</summary>
internal static class ProgrammeCommands
{
    /// <summary>The bundled example (embedded): 93 cities and 12 regencies, real names and populations, synthetic values.</summary>
    public const string ExampleName = "indonesia-regions.csv";

    public static Command CreateList(CliContext context)
    {
        var programs = new Command("programs", "List the built-in assessment programmes.");
        var list = new Command("list", "List the built-in programmes and their stages.");
        list.SetAction(_ =>
        {
            context.Out.WriteLine("CODE        EDITION    STAGES");
            foreach (var p in BuiltInProgrammes.All)
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Code,-11} {p.Edition,-10} {string.Join(" → ", p.Stages.Select(s => s.Code))}"));
                context.Out.WriteLine($"{string.Empty,-22} {p.Name.Text}");
            }

            return ExitCodes.Ok;
        });
        programs.Subcommands.Add(list);
        return programs;
    }

    public static Command CreateAssess(CliContext context)
    {
        var program = new Option<string>("--program") { Description = "The built-in programme (see 'smartcity programs list').", Required = true };
        var data = new Option<string?>("--data") { Description = "The data CSV (uCode, population, every stage's columns). Default: the bundled example of 105 Indonesian cities and regencies (synthetic values)." };
        var output = new Option<string>("--out") { Description = "Folder for stages.csv, funnel.csv, scores.csv, levels.csv, awards.csv, filled.csv, evaluation.csv, result.json and report.html.", Required = true };
        var command = new Command("assess", "Run an assessment programme end to end: stages and gates, gap filling, maturity levels, evaluation editions, awards; write tables and an HTML report.")
        {
            program, data, output,
        };
        command.SetAction(result =>
        {
            var code = result.GetValue(program)!;
            var programme = BuiltInProgrammes.Find(code)
                ?? throw new CliException($"unknown programme '{code}'; known: {string.Join(", ", BuiltInProgrammes.All.Select(p => p.Code))}");
            var dataFile = result.GetValue(data);
            var (dataset, source) = dataFile is null ? (ReadExample(programme), $"bundled example ({ExampleName})") : (ScoringInput.Unwrap(FileInput.Read(dataFile, path => DatasetCsv.ReadFile(DatasetColumns.FromHeader(programme.NumericColumns), path)), null), dataFile);
            var run = ScoringInput.Unwrap(programme.Run(dataset), dataFile ?? ExampleName);
            var dir = result.GetValue(output)!;
            var assessment = new Assessment(run, dataset, source);
            AssessmentOutput.Write(assessment, dir);
            HtmlReport.Write(assessment, Path.Combine(dir, "report.html"));
            Summarise(context.Out, assessment, dir);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Dataset ReadExample(Programme programme)
    {
        using var stream = typeof(ProgrammeCommands).Assembly.GetManifestResourceStream(ExampleName)
            ?? throw new InvalidOperationException("The bundled example is missing from the assembly.");
        return ScoringInput.Unwrap(DatasetCsv.Read(DatasetColumns.FromHeader(programme.NumericColumns), stream, ExampleName), null);
    }

    private static void Summarise(TextWriter o, Assessment a, string dir)
    {
        var p = a.Result.Programme;
        o.WriteLine($"{p.Name.Text} ({p.Edition}) on {a.Source}");
        foreach (var s in a.Result.Stages)
        {
            var filled = s.FilledValues.Length > 0 ? $", {s.FilledValues.Length} values filled" : string.Empty;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {s.Stage.Code,-16} {s.Entrants,4} entered → {s.Passed.Count(),4} passed{filled}"));
        }

        var awards = a.Result.Awards.ToList();
        if (awards.Count > 0)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  awards: {awards.Count} ({string.Join(", ", awards.GroupBy(x => x.Tier).Select(g => $"{g.Count()} {g.Key}"))})"));
        }

        o.WriteLine($"wrote stages.csv, funnel.csv, scores.csv, levels.csv, awards.csv, filled.csv, evaluation.csv, result.json and report.html to {dir}");
    }
}
