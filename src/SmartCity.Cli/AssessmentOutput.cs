using System.Globalization;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Serialization;

namespace SmartCity.Cli;

/// <summary>Writes an assessment's tables (CSV) and its whole result (JSON, through <see cref="ResultJson"/>, so it reads back with <see cref="ResultJson.DeserializeProgrammeResult"/>).</summary>
internal static class AssessmentOutput
{
    public static void Write(Assessment a, string dir)
    {
        var result = a.Result;
        var f = (Func<double, string>)DatasetCsv.Format;
        CsvOutput.Write(dir, "funnel.csv", ["stage", "name", "entrants", "passed", "failed", "filled_values"], result.Stages.Select(s => new[]
        {
            s.Stage.Code, s.Stage.Name.Text, Int(s.Entrants), Int(s.Passed.Count()), Int(s.Entrants - s.Passed.Count()), Int(s.FilledValues.Length),
        }));
        CsvOutput.Write(dir, "stages.csv", ["stage", "uCode", "uName", "passed", "failed_gate", "value", "shortfall", "explanation"], result.Stages.SelectMany(s => s.Decisions.Select(d => new[]
        {
            s.Stage.Code, d.Unit, a.NameOf(d.Unit), d.Passed ? "1" : "0", d.FailedGate?.Description ?? string.Empty, d.Passed ? string.Empty : DatasetCsv.Format(d.Value), d.Passed ? string.Empty : DatasetCsv.Format(d.Shortfall), d.ToString(),
        })));
        CsvOutput.Write(dir, "filled.csv", ["stage", "uCode", "column", "value", "source"], result.Stages.SelectMany(s => s.FilledValues.Select(v => new[]
        {
            s.Stage.Code, v.Unit, v.Column, f(v.Value), v.Source,
        })));
        CsvOutput.Write(
            dir,
            "scores.csv",
            ["stage", "rank", "uCode", "uName", "size_class", "score", "level", "passed", .. a.Profile.Select(p => p.Code)],
            a.Ranking.Select(r => new[] { a.Final!.Stage.Code, f(r.Rank), r.Unit, r.Name, r.SizeClass ?? string.Empty, f(r.Score), r.Level ?? string.Empty, r.Passed ? "1" : "0" }.Concat(r.Profile.Select(f))));
        CsvOutput.Write(dir, "levels.csv", ["stage", "uCode", "uName", "node", "score", "level"], Levels(a).Select(l => new[]
        {
            l.Stage, l.Unit, a.NameOf(l.Unit), l.Node, f(l.Score), l.Level ?? string.Empty,
        }));
        CsvOutput.Write(dir, "awards.csv", ["stage", "category", "category_name", "size_class", "place", "tier", "uCode", "uName", "score"], result.Stages.SelectMany(s => s.Awards.Select(w => new[]
        {
            s.Stage.Code, w.Category, a.CategoryName(w.Category) ?? w.Category, w.SizeClass ?? string.Empty, Int(w.Place), w.Tier, w.Unit, a.NameOf(w.Unit), f(w.Score),
        })));
        var evaluation = a.Evaluation;
        var dimensions = evaluation?.Framework.Root.Children.Select(c => c.Code).ToList() ?? [];
        var pillars = evaluation?.BreakdownGroups.ToList() ?? [];
        CsvOutput.Write(
            dir,
            "evaluation.csv",
            ["edition", "uCode", "uName", "index", "improvement", .. dimensions, .. pillars.Select(p => "pillar:" + p)],
            evaluation is null ? [] : evaluation.Editions.SelectMany(e => evaluation.Results[evaluation.Editions.IndexOf(e)].Data!.Units.Select(u =>
                new[] { e, u, a.NameOf(u), DatasetCsv.Format(evaluation.Index(e, u)), DatasetCsv.Format(evaluation.Improvement(e, u)) }
                    .Concat(dimensions.Select(d => DatasetCsv.Format(evaluation.Score(e, d, u))))
                    .Concat(pillars.Select(p => DatasetCsv.Format(evaluation.Breakdown(e, p, u)))))));
        FileInput.WriteText(Path.Combine(dir, "result.json"), ResultJson.Serialize(result, indented: true) + Environment.NewLine);
    }

    public static IEnumerable<(string Stage, string Unit, string Node, double Score, string? Level)> Levels(Assessment a)
    {
        if (a.Final?.Stage.Framework is not { MaturityLevels: not null } framework)
        {
            yield break;
        }

        var scores = a.Final.Scores!;
        string[] nodes = [framework.Root.Code, .. framework.Root.Children.Select(c => c.Code)];
        foreach (var node in nodes)
        {
            var levels = a.Final.Levels(node);
            for (var u = 0; u < levels.Length; u++)
            {
                yield return (a.Final.Stage.Code, scores.Units[u], node, scores.Scores(node)[u] ?? double.NaN, levels[u]?.Code);
            }
        }
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
