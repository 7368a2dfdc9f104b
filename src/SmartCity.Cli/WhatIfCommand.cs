using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Frameworks;

namespace SmartCity.Cli;

/// <summary><c>smartcity whatif</c>: apply weight and value edits, write the score diff, print the biggest movers.</summary>
internal static class WhatIfCommand
{
    private static readonly string[] Header = ["uCode", "node", "score_before", "score_after", "delta", "rank_before", "rank_after", "rank_move"];

    public static Command Create(CliContext context)
    {
        var input = new ScoringInput();
        var set = new Option<ScenarioEdit[]>("--set")
        {
            Description = "weight:CODE=VALUE or value:UNIT:CODE=VALUE (an empty VALUE clears it); repeatable, at least one.",
            HelpName = "EDIT",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = ParseEdits,
        };
        var output = CliOptions.OutputDirectory("--out", "Folder for score_diff.csv; a previous run there is replaced whole.", required: true);
        var command = new Command("whatif", "What changes when weights or values change: score and rank diff per unit and aggregate.");
        input.AddTo(command);
        command.Options.Add(set);
        command.Options.Add(output);
        command.SetAction(result =>
        {
            using var outputs = OutputTransaction.Begin(result, context);
            var folder = outputs.Folder(result.GetPath(output)!);
            var loaded = input.Load(result);
            var edits = result.GetValue(set)!;
            var diff = ScoringInput.Unwrap(WhatIf.Run(loaded.Framework, loaded.Data, new Scenario(edits)), "--set");
            CsvOutput.Write(folder, "score_diff.csv", Header, diff.Changes.Select(c => new[] { c.Unit, c.Node }.Concat(new double?[] { c.ScoreBefore, c.ScoreAfter, c.Delta, c.RankBefore, c.RankAfter, c.RankMove }.Select(DatasetCsv.Format))));
            foreach (var line in outputs.Commit())
            {
                context.Out.WriteLine(line);
            }

            context.Out.WriteLine($"biggest movers at {diff.Root}:");
            var table = ConsoleTables.Create("Unit", ">Rank before", ">Rank after", ">Move", ">Score before", ">Score after", ">Delta");
            foreach (var c in diff.BiggestMovers(count: 10))
            {
                table.Row(
                    c.Unit,
                    Number(c.RankBefore, "0"),
                    Number(c.RankAfter, "0"),
                    Signed(c.RankMove, "0"),
                    Number(c.ScoreBefore, "0.###"),
                    Number(c.ScoreAfter, "0.###"),
                    Signed(c.Delta, "0.###"));
            }

            ConsoleTables.Write(context.Out, table);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Parses every <c>--set</c>; each bad edit is one parse error.</summary>
    private static ScenarioEdit[] ParseEdits(ArgumentResult result)
    {
        var edits = new List<ScenarioEdit>();
        foreach (var token in result.Tokens)
        {
            if (ParseEdit(token.Value, out var error) is { } edit)
            {
                edits.Add(edit);
            }
            else
            {
                result.AddError(error!);
            }
        }

        return [.. edits];
    }

    /// <summary>Parses <c>weight:CODE=VALUE</c> or <c>value:UNIT:CODE=VALUE</c>; on failure returns null and the message.</summary>
    internal static ScenarioEdit? ParseEdit(string text, out string? error)
    {
        error = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? text : text[..colon];
        var rest = colon < 0 ? string.Empty : text[(colon + 1)..];
        var eq = rest.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            error = $"--set: '{text}' is not weight:CODE=VALUE or value:UNIT:CODE=VALUE";
            return null;
        }

        var target = rest[..eq];
        var valueText = rest[(eq + 1)..].Trim();
        double value;
        if (kind == "value" && valueText.Length == 0)
        {
            value = double.NaN;
        }
        else if (CliOptions.ParseDouble(valueText) is { } v)
        {
            value = v;
        }
        else
        {
            error = $"--set: '{valueText}' in '{text}' is not a number";
            return null;
        }

        switch (kind)
        {
            case "weight":
                return FrameworkEdit.SetWeight(target, value);
            case "value":
                var parts = target.Split(':');
                if (parts.Length != 2)
                {
                    error = $"--set: '{text}' is not value:UNIT:CODE=VALUE";
                    return null;
                }

                return DataEdit.SetValue(parts[0], parts[1], value);
            default:
                error = $"--set: '{text}' must start with weight: or value:";
                return null;
        }
    }

    private static string Number(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Signed(double? v, string format) => v is { } x ? (x >= 0 ? "+" : string.Empty) + x.ToString(format, CultureInfo.InvariantCulture) : "-";
}
