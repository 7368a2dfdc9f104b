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
            var table = ConsoleTables.Create("Code", "Edition", "Stages", "Name");
            foreach (var p in BuiltInProgrammes.All)
            {
                table.Row(p.Code, p.Edition, string.Join(" → ", p.Stages.Select(s => s.Code)), p.Name.Text);
            }

            ConsoleTables.Write(context.Out, table);
            return ExitCodes.Ok;
        });
        programs.Subcommands.Add(list);
        return programs;
    }

    public static Command CreateAssess(CliContext context)
    {
        var program = CliOptions.Choice<Programme>(
            "--program",
            "The built-in programme (see 'smartcity programs list').",
            [.. BuiltInProgrammes.All.Select(p => new KeyValuePair<string, Programme>(p.Code, p))],
            code => $"unknown programme '{code}'; known: {string.Join(", ", BuiltInProgrammes.All.Select(p => p.Code))}");
        program.Required = true;
        var data = CliOptions.File("--data", "The data CSV (uCode, population, every stage's columns). Default: the bundled example of 105 Indonesian cities and regencies (synthetic values).", "FILE.csv");
        var output = CliOptions.OutputDirectory("--out", "Folder for stages.csv, funnel.csv, scores.csv, levels.csv, awards.csv, filled.csv, evaluation.csv, result.json and report.html; a previous run there is replaced whole.", required: true);
        var lang = CliOptions.Choice<string>(
            "--lang",
            "The report's language: id (Indonesian) or en (English). Default: id, the built-in programmes being Indonesian.",
            [new("id", "id"), new("en", "en")],
            code => $"unknown language '{code}'; known: id, en");
        var command = new Command("assess", "Run an assessment programme end to end: eligibility, stages and gates (per size class), gap filling, absolute maturity levels, evaluation editions, cumulative awards; write tables and an HTML report (Indonesian or English).")
        {
            program, data, output, lang,
        };
        command.SetAction(result =>
        {
            using var outputs = OutputTransaction.Begin(result, context);
            var dir = result.GetPath(output)!;
            var folder = outputs.Folder(dir);
            var programme = result.GetValue(program)!;
            var dataFile = result.GetPath(data);
            var (dataset, source) = dataFile is null ? (ReadExample(programme), $"bundled example ({ExampleName})") : (ScoringInput.Unwrap(FileInput.Read(dataFile, path => DatasetCsv.ReadFile(DatasetColumns.FromHeader(programme.NumericColumns), path)), null), dataFile);
            var run = ScoringInput.Unwrap(programme.Run(dataset), dataFile ?? ExampleName);
            var assessment = new Assessment(run, dataset, source, result.GetValue(lang) ?? "id");
            AssessmentOutput.Write(assessment, folder);
            HtmlReport.Write(assessment, Path.Combine(folder, "report.html"));
            Summarise(context.Out, assessment, outputs.Commit());
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

    private static void Summarise(TextWriter o, Assessment a, IReadOnlyList<string> wrote)
    {
        var p = a.Result.Programme;
        o.WriteLine($"{p.Name.Text} ({p.Edition}) on {a.Source}");
        var funnel = ConsoleTables.Create("Stage", ">Entered", ">Passed", ">Filled values");
        foreach (var s in a.Result.Stages)
        {
            funnel.Row(s.Stage.Code, Int(s.Entrants), Int(s.Passed.Count()), s.FilledValues.Length > 0 ? Int(s.FilledValues.Length) : string.Empty);
        }

        ConsoleTables.Write(o, funnel);
        if (a.Result.NotEligible.Length > 0)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"not eligible: {a.Result.NotEligible.Length} ({a.Result.Programme.Eligibility?.Description.Text})"));
        }

        var awards = a.Result.Awards.ToList();
        if (awards.Count > 0)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"awards: {awards.Count} ({string.Join(", ", awards.GroupBy(x => x.Tier).Select(g => $"{g.Count()} {g.Key}"))}; tiers are cumulative: a trophy holder also has the certificate)"));
        }

        foreach (var line in wrote)
        {
            o.WriteLine(line);
        }
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
