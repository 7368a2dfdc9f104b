using System.CommandLine;
using System.Globalization;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Serialization;

namespace SmartCity.Cli;

/// <summary><c>smartcity seek</c>: the smallest raw change that brings a unit to a rank, score or maturity level.</summary>
internal static class SeekCommand
{
    public static Command Create(CliContext context)
    {
        var input = new ScoringInput();
        var unit = new Option<string>("--unit") { Description = "The unit (uCode) to move.", HelpName = "UNIT", Required = true };
        var node = new Option<string?>("--node") { Description = "The group the target is set at (default: the index).", HelpName = "CODE" };
        var rank = CliOptions.Int("--rank", "Target: rank N or better.", minimum: 1);
        var score = new Option<double?>("--score")
        {
            Description = "Target: a score of at least S.",
            HelpName = "S",
            CustomParser = r => CliOptions.ParseDouble(CliOptions.Token(r)) is { } v ? v : Fail(r),
        };
        var level = new Option<string?>("--level") { Description = "Target: this maturity level or a higher one.", HelpName = "LEVEL" };
        var bounds = new Option<string[]>("--bound")
        {
            Description = "CODE=LIMIT (the raw value it may reach) or CODE=P% (at most P % change); repeatable (default limit: the best value in the column).",
            HelpName = "BOUND",
            AllowMultipleArgumentsPerToken = false,
        };
        var movable = new Option<string?>("--movable") { Description = "Comma list of the indicators that may move (default: all).", HelpName = "CODES" };
        var json = CliOptions.OutputFile("--json", "Write the full result as JSON (ResultJson); the file is replaced only when the run succeeds, and never an input.", "FILE.json");
        var command = new Command("seek", "Target seeking: the smallest change of raw indicator values that reaches a rank, score or maturity level.");
        input.AddTo(command);
        foreach (var o in new Option[] { unit, node, rank, score, level, bounds, movable, json })
        {
            command.Options.Add(o);
        }

        command.Validators.Add(r =>
        {
            var given = new[] { r.GetResult(rank), r.GetResult(score), r.GetResult(level) }.Count(x => x is not null);
            if (given != 1)
            {
                r.AddError("give exactly one target: --rank N, --score S or --level LEVEL");
            }
        });
        command.SetAction(result =>
        {
            using var outputs = OutputTransaction.Begin(result, context);
            var jsonTemp = result.GetPath(json) is { } jsonPath ? outputs.File(jsonPath) : null;
            var loaded = input.Load(result);
            var at = result.GetValue(node) ?? loaded.Framework.Root.Code;
            SeekTarget target = result.GetValue(rank) is { } n ? SeekTarget.ForRank(at, n)
                : result.GetValue(score) is { } s ? SeekTarget.ForScore(at, s)
                : SeekTarget.ForLevel(at, result.GetValue(level)!);
            var parsed = (result.GetValue(bounds) ?? []).Select(ParseBound).ToArray();
            var request = new TargetSeekRequest(
                result.GetValue(unit)!,
                target,
                parsed,
                result.GetValue(movable)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var seek = ScoringInput.Unwrap(TargetSeeking.Run(loaded.Framework, loaded.Data, request), null);
            if (jsonTemp is not null)
            {
                FileInput.WriteText(jsonTemp, ResultJson.Serialize(seek, indented: true) + Environment.NewLine);
            }

            var o = context.Out;
            o.WriteLine($"{seek.Unit}: {target}; now score {Num(seek.Current.Score)}, rank {seek.Current.Rank?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
            var table = ConsoleTables.Create("Indicator", "Status", ">From", ">To", ">Change", ">Cost", ">Score", ">Rank");
            foreach (var x in seek.Single)
            {
                table.Row(x.Indicator, x.Status.ToString(), Num(x.Move?.From), Num(x.Move?.To), Num(x.Move?.Change), Num(x.Move?.Cost), Num(x.Outcome?.Score), x.Outcome?.Rank?.ToString(CultureInfo.InvariantCulture) ?? "-");
            }

            ConsoleTables.Write(o, table);
            var c = seek.Combination;
            o.WriteLine($"combination: {c.Status}, cost {Num(c.Cost)}, score {Num(c.Outcome?.Score)}, rank {c.Outcome?.Rank?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
            foreach (var m in c.Moves)
            {
                o.WriteLine($"  {m.Indicator}: {Num(m.From)} -> {Num(m.To)}");
            }

            if (jsonTemp is not null)
            {
                foreach (var line in outputs.Commit())
                {
                    o.WriteLine(line);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static double? Fail(System.CommandLine.Parsing.ArgumentResult r)
    {
        r.AddError($"{CliOptions.NameOf(r)}: expected a number, got '{CliOptions.Token(r)}'");
        return null;
    }

    /// <summary>Parses <c>CODE=LIMIT</c> or <c>CODE=+P%</c>.</summary>
    internal static IndicatorBound ParseBound(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new CliException($"--bound: '{text}' is not CODE=LIMIT or CODE=+P%");
        }

        var code = text[..eq].Trim();
        var value = text[(eq + 1)..].Trim();
        if (value.EndsWith('%') && CliOptions.ParseDouble(value.TrimStart('+').TrimEnd('%')) is { } p)
        {
            return new IndicatorBound(code, MaxRelativeChange: p / 100);
        }

        return CliOptions.ParseDouble(value) is { } limit ? new IndicatorBound(code, Limit: limit) : throw new CliException($"--bound: '{value}' in '{text}' is not a number or a percentage");
    }

    private static string Num(double? v) => v is { } x ? x.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
