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
        var n = new Option<int?>("--n") { Description = "Base sample size N (runs: N·(d + 2))." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed." };
        var noise = new Option<string?>("--noise") { Description = "LEVEL=F[,LEVEL=F...]: each level's weight noise is one uncertain input." };
        var alternatives = new Option<string?>("--alternatives") { Description = "aggregate=M1|M2[|...]: the choice of aggregation is one more input." };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the confidence intervals (default 1000).", DefaultValueFactory = _ => 1000 };
        var output = new Option<string>("--out") { Description = "Folder for indices.csv.", Required = true };
        var command = new Command("sensitivity", "Variance-based sensitivity analysis (Saltelli): which uncertain input moves the ranking.");
        input.AddTo(command);
        foreach (var option in new Option[] { n, seed, noise, alternatives, bootstrap, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(result =>
        {
            var loaded = input.Load(result);
            var count = result.GetValue(n) ?? throw new CliException("--n N is required");
            var seedValue = result.GetValue(seed) ?? throw new CliException("--seed S is required, so that the run can be repeated");
            var spec = ScoringInput.Unwrap(UncertaintySpec.Create(UncertaintyCommand.ParseNoise(result.GetValue(noise)), UncertaintyCommand.ParseAlternatives(result.GetValue(alternatives))), "--noise/--alternatives");
            var outcome = ScoringInput.Unwrap(SensitivityAnalysis.Run(loaded.Framework, loaded.Data, spec, count, seedValue, result.GetValue(bootstrap)), loaded.FrameworkFile);
            var dir = result.GetValue(output)!;
            CsvOutput.Write(dir, "indices.csv", Header, outcome.Indices.Select(i => new[] { i.Input }.Concat(new[] { i.Si, i.SiLow, i.SiHigh, i.STi, i.STiLow, i.STiHigh }.Select(DatasetCsv.Format))));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{outcome.Runs} runs (N = {outcome.BaseSamples}); wrote indices.csv to {dir}"));
            foreach (var i in outcome.Indices)
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {i.Input,-18} Si {i.Si,7:0.000} [{i.SiLow:0.000}, {i.SiHigh:0.000}]   STi {i.STi,7:0.000} [{i.STiLow:0.000}, {i.STiHigh:0.000}]"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
