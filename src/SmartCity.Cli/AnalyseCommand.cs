using System.CommandLine;
using System.Globalization;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Multivariate;
using SmartCity.Domain.Scoring;

namespace SmartCity.Cli;

/// <summary>
/// <c>smartcity analyse</c>: the multivariate analysis of JRC step 4 and optimised weights (COINr's <c>get_stats</c>,
/// <c>get_corr</c>, <c>get_corr_flags</c>, <c>get_cronbach</c>, <c>get_PCA</c>, <c>get_opt_weights</c>).
/// </summary>
internal static class AnalyseCommand
{
    private static readonly KeyValuePair<string, DataStage>[] Stages =
    [
        new("raw", DataStage.Raw), new("imputed", DataStage.Imputed), new("treated", DataStage.Treated),
        new("normalised", DataStage.Normalised), new("aggregated", DataStage.Aggregated),
    ];

    private static readonly KeyValuePair<string, CorrelationMethod>[] Methods = [new("pearson", CorrelationMethod.Pearson), new("spearman", CorrelationMethod.Spearman)];

    private static readonly KeyValuePair<string, OptimisationGoal?>[] Goals = [new("balance", OptimisationGoal.Balance), new("infomax", OptimisationGoal.InfoMax)];

    public static Command Create(CliContext context)
    {
        var input = new ScoringInput();
        var stage = CliOptions.Choice("--stage", "Data set analysed (COINr dset): raw (default), imputed, treated, normalised, aggregated.", Stages);
        stage.DefaultValueFactory = _ => DataStage.Raw;
        var method = CliOptions.Choice("--method", "Correlation: pearson (default) or spearman.", Methods);
        method.DefaultValueFactory = _ => CorrelationMethod.Pearson;
        var level = CliOptions.Int("--level", "Level of the variables for correlations, Cronbach's alpha and PCA (1 = indicators; default 1).", minimum: 1);
        var threshold = new Option<double?>("--corr-threshold")
        {
            Description = "Flag pairs in one group correlated above this (COINr get_corr_flags; default 0.9).",
            HelpName = "R",
            CustomParser = r => CliOptions.ParseDouble(CliOptions.Token(r)) is { } v && v >= -1 && v <= 1 ? v : Fail(r, "a number from -1 to 1"),
        };
        var optimise = CliOptions.Choice("--optimise", "Also optimise the weights of --opt-level: balance (equal correlation shares) or infomax.", Goals);
        var optLevel = CliOptions.Int("--opt-level", "Level whose weights --optimise changes (default 1), below the index.", minimum: 1);
        var output = CliOptions.OutputDirectory("--out", "Write stats.csv, correlations.csv, corr_flags.csv, cronbach.csv, pca.csv (and optimised_weights.csv, strengths.csv, unit_summary.csv) into this folder; a previous run there is replaced whole.", required: false);
        var unit = new Option<string?>("--unit") { Description = "Also report this unit's strengths and weaknesses (COINr get_str_weak, on the --stage data) and its scores and ranks at every level (get_unit_summary).", HelpName = "UNIT" };
        var plots = CliOptions.OutputDirectory("--plot", "Write SVG charts into this folder: index bar chart, distributions, correlation heat map, framework tree with effective weights.", required: false);
        var command = new Command("analyse", "Multivariate analysis: statistics, correlations and collinear pairs, Cronbach's alpha, PCA, optimised weights.");
        input.AddTo(command);
        foreach (var option in new Option[] { stage, method, level, threshold, optimise, optLevel, unit, output, plots })
        {
            command.Options.Add(option);
        }

        command.SetAction(result =>
        {
            using var outputs = OutputTransaction.Begin(result, context);
            var dir = result.GetPath(output);
            var folder = dir is null ? null : outputs.Folder(dir);
            var plotDir = result.GetPath(plots);
            var plotFolder = plotDir is null ? null : outputs.Folder(plotDir);
            var loaded = input.Load(result);
            var file = loaded.FrameworkFile;
            var scored = ScoringInput.Unwrap(ScoringPlan.Compile(loaded.Framework).Score(loaded.Data), loaded.DataFile);
            var data = AnalysisData.FromResult(scored, result.GetValue(stage));
            var aggregated = AnalysisData.FromResult(scored, DataStage.Aggregated);
            var corr = new CorrelationOptions(result.GetValue(method), 0.05);
            var lvl = result.GetValue(level) ?? 1;
            var stats = ScoringInput.Unwrap(IndicatorStatistics.Compute(data), file);
            var matrix = ScoringInput.Unwrap(Correlations.Levels(data, lvl, options: corr), file);
            var flags = ScoringInput.Unwrap(Correlations.Flags(data, result.GetValue(threshold) ?? 0.9, FlagSide.High, corr.Method), file);
            var alpha = lvl < loaded.Framework.LevelCount ? ScoringInput.Unwrap(Cronbach.ByGroup(data, lvl), file) : [];
            var pca = lvl < loaded.Framework.LevelCount ? ScoringInput.Unwrap(Pca.Compute(data, lvl), file) : null;
            OptimisedWeightsResult? optimised = null;
            if (result.GetValue(optimise) is { } goal)
            {
                var ol = result.GetValue(optLevel) ?? 1;
                var options = new OptimisationOptions(corr.Method);
                optimised = ScoringInput.Unwrap(
                    goal == OptimisationGoal.Balance ? OptimisedWeights.Balance(loaded.Framework, loaded.Data, ol, options: options) : OptimisedWeights.InfoMax(loaded.Framework, loaded.Data, ol, options),
                    file);
            }

            UnitReport? report = null;
            if (result.GetValue(unit) is { } u)
            {
                if (!scored.Units.Contains(u))
                {
                    throw new CliException($"--unit: {loaded.DataFile} has no unit '{u}' [{Domain.Validation.ErrorCodes.MultivariateUnknownCode}]");
                }

                var n = Math.Min(5, loaded.Framework.Indicators.Length);
                report = new UnitReport(
                    ScoringInput.Unwrap(StrengthsWeaknesses.For(data, u, new StrengthsOptions(Top: n, Bottom: n)), file),
                    ScoringInput.Unwrap(StrengthsWeaknesses.Summary(scored, u), file));
            }

            Print(context.Out, data, stats, flags, alpha, pca, optimised);
            if (report is not null)
            {
                Print(context.Out, report);
            }

            try
            {
                if (folder is not null)
                {
                    Write(folder, stats, matrix, flags, alpha, pca, optimised, report);
                }

                if (plotFolder is not null)
                {
                    AnalysisPlots.Bar(scored, scored.Root, Path.Combine(plotFolder, "index_bar.svg"));
                    AnalysisPlots.Distributions(data, data.ColumnsAtLevel(1), Path.Combine(plotFolder, "distributions.svg"));
                    AnalysisPlots.Heatmap(matrix, Path.Combine(plotFolder, "correlations.svg"));
                    AnalysisPlots.Framework(loaded.Framework, Path.Combine(plotFolder, "framework.svg"));
                    AnalysisPlots.Dots(scored, scored.Root, null, Path.Combine(plotFolder, "index_dots.svg"));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"{dir ?? plotDir}: cannot write: {ex.Message}", ex);
            }

            if (folder is not null || plotFolder is not null)
            {
                foreach (var line in outputs.Commit())
                {
                    context.Out.WriteLine(line);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static double? Fail(System.CommandLine.Parsing.ArgumentResult r, string expected)
    {
        r.AddError($"{CliOptions.NameOf(r)}: expected {expected}, got '{CliOptions.Token(r)}'");
        return null;
    }

    private static void Print(TextWriter output, AnalysisData data, StatisticsTable stats, IReadOnlyList<CorrelationPair> flags, IReadOnlyList<GroupAlpha> alpha, PcaResult? pca, OptimisedWeightsResult? optimised)
    {
        output.WriteLine($"{data.Framework.Name.Text} — {data.UnitCount} units, {data.Stage} data");
        var flagged = stats.Columns.Where(c => c.LowAvailability || c.LowNonZero || c.LowUnique || c.Outliers == true).ToList();
        output.WriteLine(flagged.Count == 0 ? "statistics: no column flagged" : $"statistics: {flagged.Count} of {stats.Columns.Length} columns flagged");
        if (flagged.Count > 0)
        {
            var table = ConsoleTables.Create("Column", ">Avail", ">Skew", ">Kurt", "Flags");
            foreach (var c in flagged)
            {
                var why = string.Join(' ', new[] { c.LowAvailability ? "low-data" : null, c.LowNonZero ? "zeros" : null, c.LowUnique ? "few-unique" : null, c.Outliers == true ? "outliers" : null }.Where(w => w is not null));
                table.Row(c.Code, F(c.AvailableShare), F(c.Skewness), F(c.Kurtosis), why);
            }

            ConsoleTables.Write(output, table);
        }

        output.WriteLine(flags.Count == 0 ? "collinear pairs: none" : $"collinear pairs: {string.Join(", ", flags.Select(p => $"{p.First}~{p.Second} ({F(p.Correlation)}, {p.Group})"))}");
        if (alpha.Count > 0)
        {
            output.WriteLine($"Cronbach's alpha: {string.Join(", ", alpha.Select(a => $"{a.Group} {F(a.Alpha)}"))}");
        }

        if (pca is not null)
        {
            output.WriteLine($"PCA, first component's share of variance: {string.Join(", ", pca.Groups.Select(g => $"{g.Group ?? "all"} {F(g.VarianceExplained[0])}"))}");
        }

        if (optimised is not null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"optimised weights ({optimised.Goal}, level {optimised.Level}, {optimised.Evaluations} evaluations, {(optimised.Converged ? "converged" : "budget exhausted")}{(optimised.MaxShareDeviation is { } d ? $", largest share deviation {d:0.######}" : string.Empty)}):"));
            var table = ConsoleTables.Create("Node", ">Weight", ">Corr", ">Target", ">Obtained");
            foreach (var c in optimised.Components)
            {
                table.Row(c.Node, F(c.Weight), F(c.Correlation), F(c.TargetShare), F(c.ObtainedShare));
            }

            ConsoleTables.Write(output, table);
        }
    }

    private static void Print(TextWriter output, UnitReport report)
    {
        var sw = report.Standings;
        output.WriteLine($"{sw.Unit}: strengths {string.Join(", ", sw.Strengths.Select(s => $"{s.Code} (rank {I(s.Rank)})"))}; weaknesses {string.Join(", ", sw.Weaknesses.Select(s => $"{s.Code} (rank {I(s.Rank)})"))}");
        var table = ConsoleTables.Create("Node", ">Level", ">Score", ">Rank");
        foreach (var row in report.Summary.Where(r => r.Level > 1)) // the indicators are in unit_summary.csv
        {
            table.Row(row.Code, I(row.Level), F(row.Score), row.Rank is { } r ? I(r) : "-");
        }

        ConsoleTables.Write(output, table);
    }

    private static void Write(string dir, StatisticsTable stats, CorrelationMatrix matrix, IReadOnlyList<CorrelationPair> flags, IReadOnlyList<GroupAlpha> alpha, PcaResult? pca, OptimisedWeightsResult? optimised, UnitReport? report)
    {
        if (report is not null)
        {
            var sw = report.Standings;
            CsvOutput.Write(dir, "strengths.csv", ["uCode", "Type", "iCode", "iName", "Group", "Rank", "Value", "Unit"],
                sw.Strengths.Select(s => ("Strength", s)).Concat(sw.Weaknesses.Select(s => ("Weakness", s)))
                    .Select(x => new[] { sw.Unit, x.Item1, x.s.Code, x.s.Name, x.s.Group ?? string.Empty, I(x.s.Rank), N(x.s.Value), x.s.Unit ?? string.Empty }));
            CsvOutput.Write(dir, "unit_summary.csv", ["uCode", "Code", "Name", "Level", "Score", "Rank"],
                report.Summary.Select(r => new[] { sw.Unit, r.Code, r.Name, I(r.Level), N(r.Score), r.Rank is { } k ? I(k) : string.Empty }));
        }

        CsvOutput.Write(dir, "stats.csv", ["iCode", "Min", "Max", "Mean", "Median", "Std", "Skew", "Kurt", "N.Avail", "N.NonZero", "N.Unique", "N.Same", "Frc.Avail", "Frc.NonZero", "Frc.Unique", "Frc.Same", "Flag.Avail", "Flag.NonZero", "Flag.Unique", "Flag.SkewKurt"],
            stats.Columns.Select(c => new[]
            {
                c.Code, N(c.Minimum), N(c.Maximum), N(c.Mean), N(c.Median), N(c.StandardDeviation), N(c.Skewness), N(c.Kurtosis),
                I(c.Available), I(c.NonZero), I(c.Unique), I(c.Same), N(c.AvailableShare), N(c.NonZeroShare), N(c.UniqueShare), N(c.SameShare),
                c.LowAvailability ? "LOW" : "ok", c.LowNonZero ? "LOW" : "ok", c.LowUnique ? "LOW" : "ok", c.Outliers switch { true => "OUT", false => "ok", null => string.Empty },
            }));
        CsvOutput.Write(dir, "correlations.csv", ["Var1", .. matrix.Columns], matrix.Rows.Select((r, i) => new[] { r }.Concat(matrix.Values[i].Select(N))));
        CsvOutput.Write(dir, "corr_flags.csv", ["Group", "Ind1", "Ind2", "Corr"], flags.Select(p => new[] { p.Group ?? string.Empty, p.First, p.Second, N(p.Correlation) }));
        CsvOutput.Write(dir, "cronbach.csv", ["Group", "Alpha", "Members"], alpha.Select(a => new[] { a.Group, N(a.Alpha), string.Join(' ', a.Columns) }));
        CsvOutput.Write(dir, "pca.csv", ["Group", "iCode", "Loading1", "VarianceExplained1", "UnitsUsed"],
            (pca?.Groups ?? []).SelectMany(g => g.Columns.Select((c, i) => new[] { g.Group ?? "All", c, N(g.Loadings[i]), N(g.VarianceExplained[0]), I(g.UnitsUsed) })));
        if (optimised is not null)
        {
            CsvOutput.Write(dir, "optimised_weights.csv", ["iCode", "OptWeight", "Correlation", "Desired", "Obtained"],
                optimised.Components.Select(c => new[] { c.Node, N(c.Weight), N(c.Correlation), N(c.TargetShare), N(c.ObtainedShare) }));
        }
    }

    private static string N(double? v) => v is { } x ? DatasetCsv.Format(x) : string.Empty;

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string F(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    /// <summary>The unit report of <c>--unit</c>: strengths and weaknesses, and the unit's scores and ranks at every level.</summary>
    private sealed record UnitReport(StrengthsAndWeaknesses Standings, IReadOnlyList<UnitSummaryRow> Summary);
}
