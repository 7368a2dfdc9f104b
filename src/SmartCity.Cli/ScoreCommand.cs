using System.CommandLine;
using System.Globalization;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Excel;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Methods;

namespace SmartCity.Cli;

/// <summary><c>smartcity score</c>: the whole pipeline on COINr tables or a framework and a dataset.</summary>
internal static class ScoreCommand
{
    public static Command Create(CliContext context)
    {
        var input = new ScoringInput();
        var output = CliOptions.OutputDirectory("--out", "Write normalised.csv, aggregated.csv, ranks.csv, contributions.csv (and imputed/treated files) into this folder; a previous run there is replaced whole.", required: false);
        var workbook = CliOptions.OutputFile("--out-xlsx", "Also (or instead) write every result table to this Excel workbook, one sheet per table (as COINr's export_to_excel).", "FILE.xlsx");
        var command = new Command("score", "Score units: impute, treat, normalise, aggregate, rank.");
        input.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(workbook);
        command.SetAction(result =>
        {
            using var outputs = OutputTransaction.Begin(result, context);
            var dir = result.GetPath(output);
            var folder = dir is null ? null : outputs.Folder(dir);
            var xlsx = result.GetPath(workbook);
            var xlsxTemp = xlsx is null ? null : outputs.File(xlsx);
            var loaded = input.Load(result);
            var plan = ScoringPlan.Compile(loaded.Framework);
            var scored = ScoringInput.Unwrap(plan.Score(loaded.Data), loaded.DataFile);
            if (folder is not null || xlsxTemp is not null)
            {
                var imputed = loaded.Framework.Indicators.Any(i => loaded.Framework.ImputationOf(i) is not NoImputation);
                var treated = loaded.Framework.Indicators.Any(i => loaded.Framework.TreatmentOf(i) is not NoTreatment);
                try
                {
                    if (folder is not null)
                    {
                        ResultsCsv.WriteFiles(scored, folder, imputed, treated);
                    }

                    if (xlsxTemp is not null)
                    {
                        ResultsWorkbook.WriteFile(scored, xlsxTemp, imputed, treated);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"{dir ?? xlsx}: cannot write: {ex.Message}", ex);
                }

                var wrote = outputs.Commit();
                context.Out.WriteLine($"scored {scored.UnitCount} units on {plan.IndicatorCount} indicators and {plan.GroupCount} aggregates");
                foreach (var line in wrote)
                {
                    context.Out.WriteLine(line);
                }
            }
            else
            {
                PrintRanking(context.Out, scored, loaded);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void PrintRanking(TextWriter output, ScoreResult scored, ScoringInput.Loaded loaded)
    {
        var plan = scored.Plan;
        var root = plan.NodeCodes[plan.RootIndex];
        var top = plan.Framework.Root.Children.Where(c => c is SmartCity.Domain.Frameworks.GroupNode).Select(c => c.Code).ToList();
        var names = loaded.Data.Attributes.TryGetValue("uName", out var n) ? n : default;
        var classes = loaded.Framework.SizeClasses is { } scheme && Populations(loaded.Data) is { } populations
            ? populations.Select(p => scheme.Classify(p)?.Code).ToArray()
            : null;
        var classRanks = classes is null ? null : scored.RanksWithin(root, classes).Select(r => r ?? double.NaN).ToArray();
        var ranks = scored.Ranks(root).Select(r => r ?? double.NaN).ToArray();
        var scores = scored.Scores(root).Select(s => s ?? double.NaN).ToArray();
        var order = Enumerable.Range(0, scored.UnitCount).OrderBy(u => double.IsNaN(ranks[u]) ? double.MaxValue : ranks[u]).ThenBy(u => scored.Units[u], StringComparer.Ordinal).ToList();
        const int nameWidth = 28; // longer names are cut with an ellipsis, so that a row stays on one line
        string[] columns = [">Rank", "Unit", "Name", .. classes is null ? Array.Empty<string>() : ["Class", ">InClass"], ">" + root, .. top.Select(t => ">" + t)];
        var table = ConsoleTables.Create(columns);
        foreach (var u in order)
        {
            var name = names.IsDefault ? scored.Units[u] : names[u] ?? scored.Units[u];
            if (name.Length > nameWidth)
            {
                name = name[..(nameWidth - 1)] + "…";
            }

            string[] cells = [Text(ranks[u], "0"), scored.Units[u], name, .. classes is null ? Array.Empty<string>() : [classes[u] ?? "-", Text(classRanks![u], "0")], Text(scores[u], "0.00"), .. top.Select(t => Text(scored.Scores(t)[u] ?? double.NaN, "0.00"))];
            table.Row(cells);
        }

        output.WriteLine($"{loaded.Framework.Name.Text} — {scored.UnitCount} units, {plan.IndicatorCount} indicators ({loaded.FrameworkFile}, {loaded.DataFile})");
        ConsoleTables.Write(output, table);
        output.WriteLine("Scores are shown rounded to 2 decimals; --out DIR writes them at full precision.");

        static double[]? Populations(Dataset data)
        {
            var column = data.IndexOfColumn("population");
            if (column >= 0)
            {
                return data.Column(column).ToArray();
            }

            if (!data.Attributes.TryGetValue("population", out var text))
            {
                return null;
            }

            return [.. text.Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN)];
        }

        static string Text(double v, string format) => double.IsNaN(v) ? "-" : v.ToString(format, CultureInfo.InvariantCulture);
    }
}
