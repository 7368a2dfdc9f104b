using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Panels;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Validation;

namespace SmartCity.Cli;

/// <summary><c>smartcity panel</c>: scores, ranks and trends of a long-format panel (one row per unit and time).</summary>
internal static partial class PanelCommand
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
        var data = CliOptions.File("--data", "The panel in long format: uCode, the time column and the indicator columns, one row per unit and time.", "LONG.csv");
        data.Required = true;
        var timeColumn = new Option<string>("--time-column")
        {
            Description = "The name of the time column of --data (whole numbers such as years); default Time, as COINr's time_col.",
            HelpName = "NAME",
            DefaultValueFactory = _ => "Time",
        };
        timeColumn.Validators.Add(r =>
        {
            if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>()))
            {
                r.AddError("--time-column: expected a column name");
            }
        });
        var pooled = new Option<bool>("--pooled") { Description = "Normalise every indicator over all editions at once, so scores compare across times (the default)." };
        var perEdition = new Option<bool>("--per-edition") { Description = "Score each edition on its own." };
        var impute = CliOptions.Choice("--impute-panel", "Fill a unit's missing values from its other editions before scoring: latest, constant, linear or linear-constant (COINr impute_panel).", Imputations);
        var maxTime = CliOptions.Int("--max-time", "With --impute-panel latest: look back at most N editions for a value (COINr max_time; default: all).", minimum: 1);
        var trend = CliOptions.Choice("--trend", "The trend measure of trends.csv: cagr (the default) or change (percentage change per time unit).", Trends);
        var trendLatest = CliOptions.Int("--trend-latest", "Trends over the latest N editions only (COINr get_trends use_latest; default: every edition).", minimum: 2);
        var trendPer = new Option<double?>("--trend-per") { Description = "With --trend change: the percentage change per this many time units (COINr prc_change per; default 1).", HelpName = "K" };
        var output = CliOptions.OutputDirectory("--out", "Write scores.csv, ranks.csv, trends.csv, result.json and trends.json into this folder; a previous run there is replaced whole.", required: false);
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON document on standard output ({\"result\": the panel scores, \"trends\": the trends}, as ResultJson writes them) instead of the summary." };
        var command = new Command("panel", "Score a panel (several editions of the same data) and report the trend of every unit at every group.");
        foreach (var o in new Option[] { framework, data, timeColumn, pooled, perEdition, impute, maxTime, trend, trendLatest, trendPer, output, json })
        {
            command.Options.Add(o);
        }

        command.Validators.Add(r =>
        {
            if (r.GetResult(pooled) is not null && r.GetResult(perEdition) is not null)
            {
                r.AddError("give --pooled or --per-edition, not both");
            }

            if (r.GetResult(maxTime) is not null && r.GetValue(impute) != PanelImputationKind.Latest)
            {
                r.AddError("--max-time applies to --impute-panel latest only (constant and linear interpolate over every edition, as in COINr)");
            }

            if (r.GetResult(output) is null && !r.GetValue(json))
            {
                r.AddError("give --out DIR, --json, or both");
            }
        });
        command.SetAction(result =>
        {
            using var outputs = OutputTransaction.Begin(result, context);
            var dir = result.GetPath(output);
            var folder = dir is null ? null : outputs.Folder(dir);
            var fFile = result.GetPath(framework)!;
            var dFile = result.GetPath(data)!;
            var time = result.GetValue(timeColumn)!.Trim();
            var f = ScoringInput.Unwrap(FileInput.Read(fFile, FrameworkJson.ReadFile), fFile);
            var panel = ScoringInput.Unwrap(FileInput.Read(dFile, p => PanelCsv.ReadFile(f, p, time, FileInput.CsvLimits)), null); // each message names the file and line
            if (result.GetValue(impute) is { } kind)
            {
                panel = Unwrap(PanelImputation.Impute(panel, kind, result.GetValue(maxTime)), dFile, panel, time);
            }

            var scores = Unwrap(PanelScoring.Score(f, panel, pooled: !result.GetValue(perEdition)), dFile, panel, time);
            var metric = result.GetValue(trend);
            var groups = scores.NodeCodes.Where((_, k) => scores.Levels[k] > 1).ToList();
            var options = new TrendOptions(metric, UseLatest: result.GetValue(trendLatest), Per: result.GetValue(trendPer) ?? 1);
            var trends = groups.SelectMany(g => Unwrap(PanelTrends.Get(scores, g, options), dFile, panel, time)).ToImmutableArray();
            if (folder is not null)
            {
                Write(folder, dir!, scores, groups, trends, time);
            }

            var wrote = folder is null ? [] : outputs.Commit();
            if (result.GetValue(json))
            {
                var document = new JsonObject
                {
                    ["result"] = JsonNode.Parse(ResultJson.Serialize(scores)),
                    ["trends"] = JsonNode.Parse(ResultJson.Serialize(trends)),
                };
                context.Out.WriteLine(document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Ok;
            }

            context.Out.WriteLine($"scored {scores.Units.Length} units over {scores.Times.Length} editions ({(scores.Pooled ? "pooled" : "per edition")})");
            foreach (var line in wrote)
            {
                context.Out.WriteLine(line);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(string folder, string dir, PanelScoreResult scores, List<string> groups, ImmutableArray<PanelTrend> trends, string time)
    {
        var panel = scores.Panel;
        var rows = scores.Times.SelectMany(t => scores.Units.Where(u => panel.Edition(t).IndexOfUnit(u) >= 0).Select(u => (t, u))).ToList();
        try
        {
            CsvOutput.Write(folder, "scores.csv", ["uCode", time, .. scores.NodeCodes], rows.Select(x => Row(x.u, x.t, scores.NodeCodes.Select(n => DatasetCsv.Format(scores.Score(n, x.u, x.t))))));
            CsvOutput.Write(folder, "ranks.csv", ["uCode", time, .. groups], rows.Select(x => Row(x.u, x.t, groups.Select(n => scores.Rank(n, x.u, x.t)?.ToString(CultureInfo.InvariantCulture) ?? string.Empty))));
            CsvOutput.Write(
                folder,
                "trends.csv",
                ["uCode", "Node", "Trend", "FirstTime", "LatestTime", "Availability"],
                trends.Select(x => (IEnumerable<string>)[x.Unit, x.Node, DatasetCsv.Format(x.Value), Time(x.FirstTime), Time(x.LatestTime), DatasetCsv.Format(x.Availability)]));
            FileInput.WriteText(Path.Combine(folder, "result.json"), ResultJson.Serialize(scores, indented: true) + Environment.NewLine);
            FileInput.WriteText(Path.Combine(folder, "trends.json"), ResultJson.Serialize(trends, indented: true) + Environment.NewLine);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{dir}: cannot write: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The value, or one line per error naming the data file: an edition's path (<c>editions[2019].rows[3].i1</c>) is
    /// given as its time, unit and column (<c>Time 2019, unit K004, i1</c>), never as an internal index.
    /// </summary>
    private static T Unwrap<T>(OneOf.OneOf<T, ValidationErrors> result, string file, PanelData panel, string time) =>
        result.Match(v => v, errors => throw new CliException(ScoringInput.Describe(ValidationErrors.Of(errors.Select(e => new ValidationError(e.Code, Where(e.Path, panel, time), e.Message, e.AttemptedValue, e.Severity))), file)));

    private static string Where(string path, PanelData panel, string time)
    {
        var m = EditionPath().Match(path);
        if (!m.Success)
        {
            return path;
        }

        var t = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var where = $"{time} {t.ToString(CultureInfo.InvariantCulture)}";
        if (m.Groups[2].Success && panel.Times.Contains(t) && int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) is var row && row < panel.Edition(t).UnitCount)
        {
            where += $", unit {panel.Edition(t).Units[row]}";
        }

        return m.Groups[3].Value.Length == 0 ? where : $"{where}, {m.Groups[3].Value}";
    }

    private static IEnumerable<string> Row(string unit, int time, IEnumerable<string> cells) =>
        [unit, time.ToString(CultureInfo.InvariantCulture), .. cells];

    private static string Time(int? t) => t?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    [GeneratedRegex(@"^editions\[(-?\d+)\](?:\.rows\[(\d+)\])?\.?(.*)$")]
    private static partial Regex EditionPath();
}
