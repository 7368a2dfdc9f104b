using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartCity.Domain.Coinr;

namespace SmartCity.Cli;

/// <summary>Writes an assessment's tables (CSV) and its whole result (JSON).</summary>
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
        FileInput.WriteText(Path.Combine(dir, "result.json"), Json(a));
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

    private static string Json(Assessment a)
    {
        var result = a.Result;
        var evaluation = a.Evaluation;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("programme", result.Programme.Code);
            w.WriteString("name", result.Programme.Name.Text);
            w.WriteString("edition", result.Programme.Edition);
            w.WriteString("data", a.Source);
            w.WriteStartArray("stages");
            foreach (var s in result.Stages)
            {
                w.WriteStartObject();
                w.WriteString("code", s.Stage.Code);
                w.WriteString("name", s.Stage.Name.Text);
                w.WriteString("framework", s.Stage.Framework?.Code);
                Strings(w, "gates", s.Stage.Gates.Select(g => g.Description));
                w.WriteNumber("entrants", s.Entrants);
                w.WriteNumber("passed", s.Passed.Count());
                w.WriteStartArray("decisions");
                foreach (var d in s.Decisions)
                {
                    w.WriteStartObject();
                    w.WriteString("unit", d.Unit);
                    w.WriteBoolean("passed", d.Passed);
                    if (!d.Passed)
                    {
                        w.WriteString("failedGate", d.FailedGate?.Description);
                        Number(w, "value", d.Value);
                        Number(w, "shortfall", d.Shortfall);
                    }

                    w.WriteString("explanation", d.ToString());
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("filled");
                foreach (var v in s.FilledValues)
                {
                    w.WriteStartObject();
                    w.WriteString("unit", v.Unit);
                    w.WriteString("column", v.Column);
                    Number(w, "value", v.Value);
                    w.WriteString("source", v.Source);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("awards");
                foreach (var x in s.Awards)
                {
                    w.WriteStartObject();
                    w.WriteString("category", x.Category);
                    w.WriteString("sizeClass", x.SizeClass);
                    w.WriteNumber("place", x.Place);
                    w.WriteString("tier", x.Tier);
                    w.WriteString("unit", x.Unit);
                    Number(w, "score", x.Score);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("ranking");
            foreach (var r in a.Ranking)
            {
                w.WriteStartObject();
                w.WriteString("unit", r.Unit);
                w.WriteString("name", r.Name);
                w.WriteString("sizeClass", r.SizeClass);
                Number(w, "rank", r.Rank);
                Number(w, "score", r.Score);
                w.WriteString("level", r.Level);
                w.WriteStartObject("profile");
                for (var i = 0; i < a.Profile.Count; i++)
                {
                    Number(w, a.Profile[i].Code, r.Profile[i]);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("levels");
            foreach (var l in Levels(a))
            {
                w.WriteStartObject();
                w.WriteString("unit", l.Unit);
                w.WriteString("node", l.Node);
                Number(w, "score", l.Score);
                w.WriteString("level", l.Level);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (evaluation is not null)
            {
                w.WriteStartObject("evaluation");
                Strings(w, "editions", evaluation.Editions);
                w.WriteStartArray("units");
                foreach (var u in evaluation.Latest.Data!.Units)
                {
                    w.WriteStartObject();
                    w.WriteString("unit", u);
                    foreach (var e in evaluation.Editions)
                    {
                        w.WriteStartObject(e);
                        Number(w, "index", evaluation.Index(e, u));
                        Number(w, "improvement", evaluation.Improvement(e, u));
                        w.WriteStartObject("pillars");
                        foreach (var p in evaluation.BreakdownGroups)
                        {
                            Number(w, p, evaluation.Breakdown(e, p, u));
                        }

                        w.WriteEndObject();
                        w.WriteEndObject();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes a number, or null when missing.</summary>
    private static void Number(Utf8JsonWriter w, string name, double? value) => Number(w, name, value ?? double.NaN);

    /// <summary>Writes a number, or null for NaN (JSON has no NaN).</summary>
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
