using System.CommandLine;
using System.Globalization;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Coinr;

namespace SmartCity.Cli;

/// <summary><c>smartcity sensitivity</c>: Saltelli first-order and total indices of the mean rank shift.</summary>
internal static class SensitivityCommand
{
    private static readonly string[] Header = ["input", "Si", "Si_low", "Si_high", "STi", "STi_low", "STi_high"];

    public static Command Create(CliContext context)
    {
        var input = new ScoringInput();
        var n = CliOptions.Int("--n", "Base sample size N, at least 2 (runs: N·(d + 2)).", minimum: 2);
        n.Required = true;
        var seed = CliOptions.Seed("--seed", "Seed (the same seed gives the same indices).");
        seed.Required = true;
        var noise = UncertaintyCommand.NoiseOption("LEVEL=F[,LEVEL=F...]: each level's weight noise (F in [0, 1)) is one uncertain input.");
        noise.Required = true;
        var alternatives = UncertaintyCommand.AlternativesOption("aggregate=M1|M2[|...]: the choice of aggregation is one more input.");
        var bootstrap = new Option<int>("--bootstrap")
        {
            Description = "Bootstrap resamples for the confidence intervals, at least 1.",
            HelpName = "B",
            DefaultValueFactory = _ => 1000,
            CustomParser = r => CliOptions.ParseInt(r, minimum: 1) ?? 0,
        };
        var output = CliOptions.OutputDirectory("--out", "Folder for indices.csv; a previous run there is replaced whole.", required: true);
        var plot = CliOptions.OutputFile("--plot", "Also draw the indices with their bootstrap intervals as SVG (replaced only when the whole run succeeds).", "FILE.svg");
        var command = new Command("sensitivity", "Variance-based sensitivity analysis (Saltelli): which uncertain input moves the ranking.");
        input.AddTo(command);
        foreach (var option in new Option[] { n, seed, noise, alternatives, bootstrap, output, plot })
        {
            command.Options.Add(option);
        }

        command.SetAction(result =>
        {
            using var outputs = OutputTransaction.Begin(result, context);
            var folder = outputs.Folder(result.GetPath(output)!);
            var svg = result.GetPath(plot) is { } plotPath ? (Path: plotPath, Temp: outputs.File(plotPath)) : default;
            var loaded = input.Load(result);
            var count = result.GetValue(n)!.Value;
            var seedValue = result.GetValue(seed)!.Value;
            var spec = ScoringInput.Unwrap(UncertaintySpec.Create(result.GetValue(noise)!, result.GetValue(alternatives) ?? []), "--noise/--alternatives");
            var runs = (int)Math.Min(int.MaxValue, (long)count * (spec.Noise.Count + (spec.AggregationAlternatives.Count > 0 ? 1 : 0) + 2));
            var outcome = ProgressDisplay.Run(context, "runs", runs, progress =>
                UncertaintyCommand.UnwrapAnalysis(
                    SensitivityAnalysis.Run(loaded.Framework, loaded.Data, spec, count, seedValue, result.GetValue(bootstrap), new UncertaintyOptions { Progress = progress, CancellationToken = context.Cancellation }),
                    path => path == "bootstrap" ? "--bootstrap" : "--n",
                    loaded.FrameworkFile));
            CsvOutput.Write(folder, "indices.csv", Header, outcome.Indices.Select(i => new[] { i.Input }.Concat(new[] { i.Si, i.SiLow, i.SiHigh, i.STi, i.STiLow, i.STiHigh }.Select(DatasetCsv.Format))));
            if (svg.Path is not null)
            {
                try
                {
                    AnalysisPlots.Sensitivity(outcome, svg.Temp);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"{svg.Path}: cannot write: {ex.Message}", ex);
                }
            }

            var wrote = outputs.Commit();
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{outcome.Runs} runs (N = {outcome.BaseSamples})"));
            foreach (var line in wrote)
            {
                context.Out.WriteLine(line);
            }

            var table = ConsoleTables.Create("Input", ">Si", "[low, high]", ">STi", "[low, high]");
            foreach (var i in outcome.Indices)
            {
                table.Row(i.Input, F(i.Si), string.Create(CultureInfo.InvariantCulture, $"[{i.SiLow:0.000}, {i.SiHigh:0.000}]"), F(i.STi), string.Create(CultureInfo.InvariantCulture, $"[{i.STiLow:0.000}, {i.STiHigh:0.000}]"));
            }

            ConsoleTables.Write(context.Out, table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
