using System.CommandLine;
using System.Globalization;
using SmartCity.Domain.Analysis;
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
        var screen = CliOptions.Choice<ScreeningRule?>(
            "--screen",
            "Screen units before scoring (COINr Screen, unit_screen): byNA removes units below --screen-data of the indicators with data, byzeros those below --screen-nonzero non-zero values, byNAandzeros either.",
            [new("byNA", ScreeningRule.ByMissing), new("byzeros", ScreeningRule.ByZeros), new("byNAandzeros", ScreeningRule.ByMissingAndZeros)]);
        var screenData = Share("--screen-data", "With --screen: the least share of indicators with data a unit needs (COINr dat_thresh, default 2/3).");
        var screenNonZero = Share("--screen-nonzero", "With --screen: the least share of non-zero values among a unit's present ones (COINr nonzero_thresh, default 0.05).");
        var forceInclude = new Option<string?>("--force-include") { Description = "With --screen: comma list of units kept whatever the rule says (COINr Force, Include = TRUE).", HelpName = "UNITS" };
        var forceExclude = new Option<string?>("--force-exclude") { Description = "With --screen: comma list of units removed whatever the rule says (Include = FALSE; exclusion wins).", HelpName = "UNITS" };
        var command = new Command("score", "Score units: screen, impute, treat, normalise, aggregate, rank.");
        input.AddTo(command);
        foreach (var o in new Option[] { output, workbook, screen, screenData, screenNonZero, forceInclude, forceExclude })
        {
            command.Options.Add(o);
        }

        command.Validators.Add(r =>
        {
            if (r.GetResult(screen) is null && new Option[] { screenData, screenNonZero, forceInclude, forceExclude }.FirstOrDefault(o => r.GetResult(o) is not null) is { } alone)
            {
                r.AddError($"{alone.Name} needs --screen byNA|byzeros|byNAandzeros");
            }
        });
        command.SetAction(result =>
        {
            using var outputs = OutputTransaction.Begin(result, context);
            var dir = result.GetPath(output);
            var folder = dir is null ? null : outputs.Folder(dir);
            var xlsx = result.GetPath(workbook);
            var xlsxTemp = xlsx is null ? null : outputs.File(xlsx);
            var loaded = input.Load(result);
            ScreeningResult? screening = null;
            if (result.GetValue(screen) is { } rule)
            {
                var defaults = new ScreeningOptions();
                var options = new ScreeningOptions(rule, result.GetValue(screenData) ?? defaults.DataThreshold, result.GetValue(screenNonZero) ?? defaults.NonZeroThreshold, Units(result.GetValue(forceInclude)), Units(result.GetValue(forceExclude)));
                screening = Screening.Run(loaded.Framework, loaded.Data, options).Match(
                    s => s,
                    errors => throw new CliException(string.Join(Environment.NewLine + "smartcity: ", errors.Errors.Select(e => $"{OptionOf(e.Path)}: {loaded.DataFile}: {e.Message} [{e.Code}]"))));
                loaded = loaded with { Data = screening.Data };
            }

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
                        ResultsCsv.WriteFiles(scored, name => outputs.CreateFile(folder, name), imputed, treated);
                        if (screening is not null)
                        {
                            WriteScreening(folder, screening);
                        }
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
                PrintScreening(context.Out, screening);
                context.Out.WriteLine($"scored {scored.UnitCount} units on {plan.IndicatorCount} indicators and {plan.GroupCount} aggregates");
                foreach (var line in wrote)
                {
                    context.Out.WriteLine(line);
                }
            }
            else
            {
                PrintScreening(context.Out, screening);
                PrintRanking(context.Out, scored, loaded);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<double?> Share(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "T",
        CustomParser = r =>
        {
            if (CliOptions.ParseDouble(CliOptions.Token(r)) is { } v && v >= 0 && v <= 1)
            {
                return v;
            }

            r.AddError($"{CliOptions.NameOf(r)}: expected a number in [0, 1], got '{CliOptions.Token(r)}'");
            return null;
        },
    };

    private static System.Collections.Immutable.ImmutableArray<string> Units(string? list) =>
        list is null ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string OptionOf(string path) => path switch
    {
        _ when path.StartsWith("options.forceInclude", StringComparison.Ordinal) => "--force-include",
        _ when path.StartsWith("options.forceExclude", StringComparison.Ordinal) => "--force-exclude",
        _ => "--screen",
    };

    /// <summary>One line naming every removed unit and why (never a silent drop).</summary>
    private static void PrintScreening(TextWriter output, ScreeningResult? screening)
    {
        if (screening is null)
        {
            return;
        }

        var removed = screening.Units.Where(u => !u.Included).ToList();
        output.WriteLine(removed.Count == 0
            ? $"screening ({Rule(screening.Options.Rule)}) removed no unit"
            : $"screening ({Rule(screening.Options.Rule)}) removed {removed.Count} of {screening.Units.Length} units: {string.Join(", ", removed.Select(u => $"{u.Unit} ({u.Reason})"))}");
    }

    private static void WriteScreening(string folder, ScreeningResult screening) =>
        CsvOutput.Write(folder, "screening.csv", ["uCode", "N_missing", "N_zero", "Dat_Avail", "Non_Zero", "LowData", "LowNonZero", "Included", "Reason"], screening.Units.Select(u => new[]
        {
            u.Unit, u.Missing.ToString(CultureInfo.InvariantCulture), u.Zeros.ToString(CultureInfo.InvariantCulture), DatasetCsv.Format(u.DataAvailability), DatasetCsv.Format(u.NonZeroShare),
            u.LowData ? "TRUE" : "FALSE", u.LowNonZero ? "TRUE" : "FALSE", u.Included ? "TRUE" : "FALSE", u.Reason.ToString(),
        }));

    private static string Rule(ScreeningRule rule) => rule switch
    {
        ScreeningRule.ByZeros => "byzeros",
        ScreeningRule.ByMissingAndZeros => "byNAandzeros",
        _ => "byNA",
    };

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
