using System.CommandLine;
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
        var set = new Option<string[]>("--set") { Description = "weight:CODE=VALUE or value:UNIT:CODE=VALUE (an empty VALUE clears it); repeatable.", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string>("--out") { Description = "Folder for score_diff.csv.", Required = true };
        var command = new Command("whatif", "What changes when weights or values change: score and rank diff per unit and aggregate.");
        input.AddTo(command);
        command.Options.Add(set);
        command.Options.Add(output);
        command.SetAction(result =>
        {
            var loaded = input.Load(result);
            var edits = (result.GetValue(set) ?? []).Select(ParseEdit).ToList();
            if (edits.Count == 0)
            {
                throw new CliException("give at least one --set weight:CODE=VALUE or --set value:UNIT:CODE=VALUE");
            }

            var diff = ScoringInput.Unwrap(WhatIf.Run(loaded.Framework, loaded.Data, new Scenario(edits)), "--set");
            var dir = result.GetValue(output)!;
            CsvOutput.Write(dir, "score_diff.csv", Header, diff.Changes.Select(c => new[] { c.Unit, c.Node }.Concat(new[] { c.ScoreBefore, c.ScoreAfter, c.Delta, c.RankBefore, c.RankAfter, c.RankMove }.Select(DatasetCsv.Format))));
            context.Out.WriteLine($"wrote score_diff.csv to {dir}; biggest movers at {diff.Root}:");
            foreach (var c in diff.BiggestMovers(count: 10))
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Unit,-10} rank {c.RankBefore,4} → {c.RankAfter,4} ({(c.RankMove >= 0 ? "+" : string.Empty)}{c.RankMove}), score {c.ScoreBefore:0.###} → {c.ScoreAfter:0.###} ({(c.Delta >= 0 ? "+" : string.Empty)}{c.Delta:0.###})"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static ScenarioEdit ParseEdit(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? text : text[..colon];
        var rest = colon < 0 ? string.Empty : text[(colon + 1)..];
        var eq = rest.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            throw new CliException($"--set: '{text}' is not weight:CODE=VALUE or value:UNIT:CODE=VALUE");
        }

        var target = rest[..eq];
        var valueText = rest[(eq + 1)..].Trim();
        double value;
        if (kind == "value" && valueText.Length == 0)
        {
            value = double.NaN;
        }
        else if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            throw new CliException($"--set: '{valueText}' in '{text}' is not a number");
        }

        switch (kind)
        {
            case "weight":
                return FrameworkEdit.SetWeight(target, value);
            case "value":
                var parts = target.Split(':');
                if (parts.Length != 2)
                {
                    throw new CliException($"--set: '{text}' is not value:UNIT:CODE=VALUE");
                }

                return ScenarioEdit.SetValue(parts[0], parts[1], value);
            default:
                throw new CliException($"--set: '{text}' must start with weight: or value:");
        }
    }
}
