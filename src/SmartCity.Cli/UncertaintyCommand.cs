using System.CommandLine;
using System.Globalization;
using CsvHelper;
using OneOf;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;

namespace SmartCity.Cli;

/// <summary><c>smartcity uncertainty</c>: Monte Carlo rank intervals, seeded and replayable.</summary>
internal static class UncertaintyCommand
{
    public static Command Create(CliContext context)
    {
        var input = new ScoringInput();
        var n = CliOptions.Int("--n", "Number of replicates.", minimum: 1);
        var seed = CliOptions.Seed("--seed", "Seed (the same seed gives bit-identical results on any number of threads).");
        var noise = NoiseOption("LEVEL=F[,LEVEL=F...]: weights at LEVEL (1 = indicators) become w·(1 + U(−F, F)), F in [0, 1).");
        var alternatives = AlternativesOption("aggregate=M1|M2[|...]: each replicate aggregates every group with one of these, equally likely.");
        var replay = CliOptions.File("--replay", "Recompute exactly the replicates of a replicate_params.csv (instead of --n, --noise, --alternatives).", "PARAMS.csv");
        var output = CliOptions.OutputDirectory("--out", "Folder for rank_stats.csv, replicate_params.csv, replicate_scores.csv; a previous run there is replaced whole.", required: true);
        var plot = CliOptions.OutputFile("--plot", "Also draw the rank intervals into this SVG file (replaced only when the whole run succeeds).", "FILE.svg");
        var command = new Command("uncertainty", "Uncertainty analysis: noisy weights and alternative methods, rank statistics per unit.");
        input.AddTo(command);
        foreach (var option in new Option[] { n, seed, noise, alternatives, replay, output, plot })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetResult(replay) is not null)
            {
                if (result.GetResult(n) is not null || result.GetResult(noise) is not null || result.GetResult(alternatives) is not null)
                {
                    result.AddError("--replay recomputes the replicates of its file: give it without --n, --noise or --alternatives");
                }

                return;
            }

            if (result.GetResult(n) is null)
            {
                result.AddError("--n N is required (or --replay PARAMS.csv)");
            }

            if (result.GetResult(seed) is null)
            {
                result.AddError("--seed S is required, so that the run can be repeated");
            }

            if (result.GetResult(noise) is null)
            {
                result.AddError("--noise LEVEL=F[,LEVEL=F...] is required (for example --noise 2=0.25,3=0.25)");
            }
        });
        command.SetAction(result =>
        {
            using var outputs = OutputTransaction.Begin(result, context);
            var dir = result.GetPath(output)!;
            var folder = outputs.Folder(dir);
            var svg = result.GetPath(plot) is { } plotPath ? (Path: plotPath, Temp: outputs.File(plotPath)) : default;
            var loaded = input.Load(result);
            UncertaintyResult outcome;
            if (result.GetPath(replay) is { } replayFile)
            {
                var replicates = ReadParams(replayFile, loaded.Framework);
                outcome = ProgressDisplay.Run(context, "replicates", replicates.Count, progress =>
                    UnwrapAnalysis(UncertaintyAnalysis.Replay(loaded.Framework, loaded.Data, replicates, new UncertaintyOptions { Progress = progress, CancellationToken = context.Cancellation }), _ => "--replay", loaded.FrameworkFile));
            }
            else
            {
                var count = result.GetValue(n)!.Value;
                var seedValue = result.GetValue(seed)!.Value;
                var spec = ScoringInput.Unwrap(UncertaintySpec.Create(result.GetValue(noise)!, result.GetValue(alternatives) ?? []), "--noise/--alternatives");
                outcome = ProgressDisplay.Run(context, "replicates", count, progress =>
                    UnwrapAnalysis(UncertaintyAnalysis.Run(loaded.Framework, loaded.Data, spec, count, seedValue, new UncertaintyOptions { Progress = progress, CancellationToken = context.Cancellation }), _ => "--n", loaded.FrameworkFile));
            }

            try
            {
                Write(Path.Combine(folder, "rank_stats.csv"), outcome, WriteStats);
                Write(Path.Combine(folder, "replicate_params.csv"), outcome, (csv, o) => WriteParams(csv, o, loaded.Framework));
                Write(Path.Combine(folder, "replicate_scores.csv"), outcome, WriteScores);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"{dir}: cannot write: {ex.Message}", ex);
            }

            if (svg.Path is not null)
            {
                try
                {
                    RankIntervalPlot.Save(outcome, svg.Temp, $"{loaded.Framework.Name.Text}: rank intervals over {outcome.Replicates.Length} replicates");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"{svg.Path}: cannot write: {ex.Message}", ex);
                }
            }

            var wrote = outputs.Commit();
            var widest = outcome.RankStatistics.Where(s => s.Q5 is not null).OrderByDescending(s => s.Q95 - s.Q5).Take(5);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{outcome.Replicates.Length} replicates of {outcome.Units.Length} units"));
            foreach (var line in wrote)
            {
                context.Out.WriteLine(line);
            }

            context.Out.WriteLine("widest rank intervals (Q5–Q95):");
            var table = ConsoleTables.Create("Unit", ">Nominal", ">Q5", ">Median", ">Q95");
            foreach (var s in widest)
            {
                table.Row(s.Unit, Format(s.Nominal), Format(s.Q5), Format(s.Median), Format(s.Q95));
            }

            ConsoleTables.Write(context.Out, table);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Unwraps an analysis's result. A run refused as too large (<c>analysis.too-large</c>, checked before anything is
    /// allocated) is one line naming the option that sized it; other errors are described as usual.
    /// </summary>
    internal static T UnwrapAnalysis<T>(OneOf<T, ValidationErrors> result, Func<string, string> optionOfPath, string? file) =>
        result.Match(v => v, errors => throw new CliException(errors.Errors.FirstOrDefault(e => e.Code == ErrorCodes.AnalysisTooLarge) is { } tooLarge
            ? $"{optionOfPath(tooLarge.Path)}: {tooLarge.Message} [{tooLarge.Code}]"
            : ScoringInput.Describe(errors, file)));

    /// <summary>Creates <c>--noise LEVEL=F[,LEVEL=F...]</c>: each part is checked here, the levels against the framework later.</summary>
    internal static Option<WeightNoise[]?> NoiseOption(string description) => new("--noise")
    {
        Description = description,
        HelpName = "LEVEL=F[,LEVEL=F...]",
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result =>
        {
            var text = CliOptions.Token(result);
            var noise = new List<WeightNoise>();
            foreach (var part in text.Split(','))
            {
                var kv = part.Split('=');
                if (kv.Length != 2
                    || !int.TryParse(kv[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var level)
                    || CliOptions.ParseDouble(kv[1].Trim()) is not { } factor)
                {
                    result.AddError($"--noise: '{part}' is not LEVEL=F (for example 2=0.25)");
                    continue;
                }

                noise.Add(new WeightNoise(level, factor));
            }

            return UncertaintySpec.Create(noise).Match<WeightNoise[]?>(
                _ => [.. noise],
                errors =>
                {
                    CliOptions.AddErrors(result, errors, text);
                    return null;
                });
        },
    };

    /// <summary>Creates <c>--alternatives aggregate=M1|M2[|...]</c>, each method read by the library's parser.</summary>
    internal static Option<AggregationMethod[]?> AlternativesOption(string description) => new("--alternatives")
    {
        Description = description,
        HelpName = "aggregate=M1|M2[|...]",
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result =>
        {
            var text = CliOptions.Token(result);
            var kv = text.Split('=', 2);
            if (kv.Length != 2 || kv[0].Trim() != "aggregate")
            {
                result.AddError($"--alternatives: '{text}' is not aggregate=M1|M2[|...]");
                return null;
            }

            var methods = new List<AggregationMethod>();
            foreach (var m in kv[1].Split('|'))
            {
                if (CliOptions.FromSpec(result, m.Trim(), AggregationMethod.Parse) is { } method)
                {
                    methods.Add(method);
                }
            }

            return [.. methods];
        },
    };

    private static string Format(double? v) => v is { } x ? x.ToString("0.#", CultureInfo.InvariantCulture) : "-";

    private static List<ReplicateParameters> ReadParams(string file, RatingFramework framework)
    {
        var lines = CsvInput.Read(file);
        var header = lines.Count > 0 ? lines[0].Cells : [];
        if (header.Count < 2 || header[0] != "rep" || header[1] != "aggregate")
        {
            throw new CliException($"{file}: line 1: expected the columns rep, aggregate, then one column per node whose weight varies");
        }

        foreach (var node in header.Skip(2))
        {
            if (framework.Find(node) is null)
            {
                throw new CliException($"{file}: line 1, column {node}: no node of the framework has this code");
            }
        }

        var result = new List<ReplicateParameters>();
        for (var i = 1; i < lines.Count; i++)
        {
            var (line, cells) = (lines[i].Line, lines[i].Cells);
            if (cells.Count != header.Count)
            {
                throw new CliException($"{file}: line {line} has {cells.Count} cells; the header has {header.Count}");
            }

            if (!int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rep))
            {
                throw new CliException($"{file}: line {line}, column rep: '{cells[0]}' is not a whole number");
            }

            AggregationMethod? aggregation = cells[1].Length == 0
                ? null
                : AggregationMethod.Parse(cells[1]).Match(a => a, e => throw new CliException($"{file}: line {line}, column aggregate: {e[0].Message}"));
            var weights = new List<NodeWeight>();
            for (var c = 2; c < header.Count; c++)
            {
                if (cells[c].Length == 0)
                {
                    continue;
                }

                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var w))
                {
                    throw new CliException($"{file}: line {line}, column {header[c]}: '{cells[c]}' is not a number");
                }

                weights.Add(new NodeWeight(header[c], w));
            }

            result.Add(new ReplicateParameters(rep, aggregation, weights));
        }

        if (result.Count == 0)
        {
            throw new CliException($"{file}: no replicates");
        }

        return result;
    }

    private static void Write(string path, UncertaintyResult outcome, Action<CsvWriter, UncertaintyResult> body)
    {
        using var writer = new StreamWriter(path);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        body(csv, outcome);
    }

    private static void WriteStats(CsvWriter csv, UncertaintyResult o)
    {
        foreach (var h in new[] { "uCode", "Nominal", "Mean", "Median", "Q5", "Q95" })
        {
            csv.WriteField(h);
        }

        csv.NextRecord();
        foreach (var s in o.RankStatistics)
        {
            csv.WriteField(s.Unit);
            foreach (var v in new double?[] { s.Nominal, s.Mean, s.Median, s.Q5, s.Q95 })
            {
                csv.WriteField(DatasetCsv.Format(v));
            }

            csv.NextRecord();
        }
    }

    private static void WriteParams(CsvWriter csv, UncertaintyResult o, RatingFramework framework)
    {
        var nodes = o.Replicates.SelectMany(p => p.Weights.Select(w => w.Node)).Distinct().ToList();
        csv.WriteField("rep");
        csv.WriteField("aggregate");
        foreach (var node in nodes)
        {
            csv.WriteField(node);
        }

        csv.NextRecord();
        var uniform = framework.Groups.All(g => g.Aggregation is null) ? framework.Methods.Aggregation.Spec : string.Empty;
        foreach (var p in o.Replicates)
        {
            csv.WriteField(p.Index.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(p.Aggregation?.Spec ?? uniform);
            var weights = p.Weights.ToDictionary(w => w.Node, w => w.Weight);
            foreach (var node in nodes)
            {
                csv.WriteField(weights.TryGetValue(node, out var w) ? DatasetCsv.Format(w) : string.Empty);
            }

            csv.NextRecord();
        }
    }

    private static void WriteScores(CsvWriter csv, UncertaintyResult o)
    {
        csv.WriteField("uCode");
        csv.WriteField("Nominal");
        foreach (var p in o.Replicates)
        {
            csv.WriteField("r_" + p.Index.ToString(CultureInfo.InvariantCulture));
        }

        csv.NextRecord();
        for (var u = 0; u < o.Units.Length; u++)
        {
            csv.WriteField(o.Units[u]);
            csv.WriteField(DatasetCsv.Format(o.NominalScores[u]));
            for (var r = 0; r < o.Replicates.Length; r++)
            {
                csv.WriteField(DatasetCsv.Format(o.Scores(r)[u]));
            }

            csv.NextRecord();
        }
    }
}
