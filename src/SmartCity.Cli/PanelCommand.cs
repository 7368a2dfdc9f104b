using System.CommandLine;
using System.Globalization;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Panels;
using SmartCity.Domain.Serialization;

namespace SmartCity.Cli;

/// <summary><c>smartcity panel</c>: scores, ranks and trends of a long-format panel (one row per unit and time).</summary>
internal static class PanelCommand
{
    private static readonly KeyValuePair<string, PanelImputationKind?>[] Imputations =
    [
        new("latest", PanelImputationKind.Latest),
        new("constant", PanelImputationKind.Constant),
        new("linear", PanelImputationKind.Linear),
        new("linear-constant", PanelImputationKind.LinearConstant),
    ];

    private static readonly KeyValuePair<string, TrendMetric>[] Trends =
    [
        new("cagr", TrendMetric.Cagr),
        new("change", TrendMetric.PercentChange),
    ];

    public static Command Create(CliContext context)
    {
        var framework = CliOptions.File("--framework", "The framework (JSON).", "F.json");
        framework.Required = true;
        var data = CliOptions.File("--data", "The panel in long format: uCode, Time and the indicator columns, one row per unit and time.", "LONG.csv");
        data.Required = true;
        var pooled = new Option<bool>("--pooled") { Description = "Normalise every indicator over all editions at once, so scores compare across times (the default)." };
        var perEdition = new Option<bool>("--per-edition") { Description = "Score each edition on its own." };
        var impute = CliOptions.Choice("--impute-panel", "Fill a unit's missing values from its other editions before scoring: latest, constant, linear or linear-constant.", Imputations);
        var trend = CliOptions.Choice("--trend", "The trend measure of trends.csv: cagr (the default) or change (percentage change per time unit).", Trends);
        var output = CliOptions.OutputDirectory("--out", "Write scores.csv, ranks.csv and trends.csv into this folder; a previous run there is replaced whole.", required: true);
        var command = new Command("panel", "Score a panel (several editions of the same data) and report the trend of every unit at every group.");
        foreach (var o in new Option[] { framework, data, pooled, perEdition, impute, trend, output })
        {
            command.Options.Add(o);
        }

        command.Validators.Add(r =>
        {
            if (r.GetResult(pooled) is not null && r.GetResult(perEdition) is not null)
            {
                r.AddError("give --pooled or --per-edition, not both");
            }
        });
        command.SetAction(result =>
        {
            using var outputs = OutputTransaction.Begin(result, context);
            var dir = result.GetPath(output)!;
            var folder = outputs.Folder(dir);
            var fFile = result.GetPath(framework)!;
            var dFile = result.GetPath(data)!;
            var f = ScoringInput.Unwrap(FileInput.Read(fFile, FrameworkJson.ReadFile), fFile);
            var panel = ScoringInput.Unwrap(FileInput.Read(dFile, p => PanelCsv.ReadFile(f, p, limits: FileInput.CsvLimits)), null); // each message names the file and line
            if (result.GetValue(impute) is { } kind)
            {
                panel = ScoringInput.Unwrap(PanelImputation.Impute(panel, kind), dFile);
            }

            var scores = ScoringInput.Unwrap(PanelScoring.Score(f, panel, pooled: !result.GetValue(perEdition)), dFile);
            var metric = result.GetValue(trend);
            var groups = scores.NodeCodes.Where((_, k) => scores.Levels[k] > 1).ToList();
            var rows = scores.Times.SelectMany(t => scores.Units.Where(u => panel.Edition(t).IndexOfUnit(u) >= 0).Select(u => (t, u))).ToList();
            try
            {
                CsvOutput.Write(folder, "scores.csv", ["uCode", "Time", .. scores.NodeCodes], rows.Select(x => Row(x.u, x.t, scores.NodeCodes.Select(n => DatasetCsv.Format(scores.Score(n, x.u, x.t))))));
                CsvOutput.Write(folder, "ranks.csv", ["uCode", "Time", .. groups], rows.Select(x => Row(x.u, x.t, groups.Select(n => scores.Rank(n, x.u, x.t)?.ToString(CultureInfo.InvariantCulture) ?? string.Empty))));
                CsvOutput.Write(
                    folder,
                    "trends.csv",
                    ["uCode", "Node", "Trend", "FirstTime", "LatestTime", "Availability"],
                    groups.SelectMany(g => PanelTrends.OfScores(scores, g, metric)).Select(x => (IEnumerable<string>)
                        [x.Unit, x.Node, DatasetCsv.Format(x.Value), Time(x.FirstTime), Time(x.LatestTime), DatasetCsv.Format(x.Availability)]));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"{dir}: cannot write: {ex.Message}", ex);
            }

            var wrote = outputs.Commit();
            context.Out.WriteLine($"scored {scores.Units.Length} units over {scores.Times.Length} editions ({(scores.Pooled ? "pooled" : "per edition")})");
            foreach (var line in wrote)
            {
                context.Out.WriteLine(line);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static IEnumerable<string> Row(string unit, int time, IEnumerable<string> cells) =>
        [unit, time.ToString(CultureInfo.InvariantCulture), .. cells];

    private static string Time(int? t) => t?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
