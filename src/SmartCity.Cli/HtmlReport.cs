using System.Globalization;
using System.Net;
using System.Text;
using ScottPlot;

namespace SmartCity.Cli;

/// <summary>
/// A self-contained HTML report of an assessment: the stage funnel, the ranking, each unit's pillar profile, awards per
/// class, the evaluation editions and every gate decision. Charts are drawn by ScottPlot as SVG and embedded as data
/// URIs (one file, no network, no script needed to see it); every number in a chart is also in a table.
/// </summary>
internal static class HtmlReport
{
    private static readonly Color[] Palette = [Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.Crimson, Colors.MediumPurple, Colors.GoldenRod, Colors.Teal];

    /// <summary>The font the page and the charts share (the page lists it first; the SVG charts name it too).</summary>
    private const string FontFamily = "DejaVu Sans";

    public static void Write(Assessment a, string path) => FileInput.WriteText(path, Render(a));

    public static string Render(Assessment a)
    {
        var p = a.Result.Programme;
        var t = a.Text;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{t.Lang}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(t.L(p.Name))} — {E(t["report"])}</title>
            <style>
            html, body {"{"} box-sizing: border-box; {"}"}
            body {"{"} font-family: "{FontFamily}", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem 2rem; color: #1d2330; {"}"}
            h1 {"{"} margin-bottom: .2rem; {"}"} h2 {"{"} margin-top: 2.2rem; border-bottom: 2px solid #dde3ec; padding-bottom: .3rem; {"}"}
            .note {"{"} background: #fff7e0; border-left: 4px solid #e0a800; padding: .5rem 1rem; {"}"}
            .cards {"{"} display: flex; gap: 1rem; flex-wrap: wrap; {"}"}
            .card {"{"} background: #f3f6fa; border-radius: 8px; padding: .7rem 1.2rem; min-width: 9rem; {"}"}
            .card b {"{"} display: block; font-size: 1.6rem; {"}"}
            table {"{"} border-collapse: collapse; margin: .8rem 0; font-size: .9rem; {"}"}
            th, td {"{"} border-bottom: 1px solid #e3e7ee; padding: .25rem .6rem; text-align: left; {"}"}
            td.num, th.num {"{"} text-align: right; font-variant-numeric: tabular-nums; {"}"}
            .wide {"{"} max-width: 100%; overflow-x: auto; {"}"}
            img.chart {"{"} max-width: 100%; height: auto; display: block; margin: .5rem 0; {"}"}
            .profiles {"{"} display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: .5rem; {"}"}
            .profiles figure {"{"} margin: 0; {"}"} .profiles figcaption {"{"} font-size: .85rem; text-align: center; {"}"}
            details {"{"} margin: .4rem 0; {"}"} summary {"{"} cursor: pointer; font-weight: 600; {"}"}
            </style>
            </head>
            <body>
            <h1>{E(t.L(p.Name))}</h1>
            <p>{E(t["edition"])} {E(p.Edition)} · {E(t["data"])}: {E(a.Source)}</p>
            <p class="note">{t["note"]}</p>
            """);
        if (a.Result.NotEligible.Length > 0 && p.Eligibility is { } eligibility)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p id=\"not-eligible\">{E(t.L(eligibility.Description))}: {a.Result.NotEligible.Length} {E(t["not eligible"])} ({E(string.Join(", ", a.Result.NotEligible.Select(a.NameOf)))}).</p>\n");
        }

        Summary(html, a);
        Funnel(html, a);
        Ranking(html, a);
        Profiles(html, a);
        Awards(html, a);
        Evaluation(html, a);
        Decisions(html, a);
        html.Append("""
            <script>
            // Marks the page once every chart image has been decoded (read by the end-to-end browser test).
            window.addEventListener('load', function () {
              var charts = Array.prototype.slice.call(document.querySelectorAll('img.chart'));
              var ok = charts.filter(function (c) { return c.complete && c.naturalWidth > 0; }).length;
              document.body.setAttribute('data-charts-rendered', ok + '/' + charts.length);
              document.body.setAttribute('data-page-overflow', String(document.scrollingElement.scrollWidth - window.innerWidth));
            });
            </script>
            </body>
            </html>
            """);
        // Wide tables scroll inside their own box, so the page itself never scrolls sideways.
        return html.ToString().Replace("<table", "<div class=\"wide\"><table", StringComparison.Ordinal).Replace("</table>", "</table></div>", StringComparison.Ordinal);
    }

    private static void Summary(StringBuilder html, Assessment a)
    {
        var t = a.Text;
        var stages = a.Result.Stages;
        html.Append("<div class=\"cards\">");
        Card(html, t["entered"], stages[0].Entrants.ToString(CultureInfo.InvariantCulture));
        Card(html, t["passed every stage"], a.Result.Finalists.Count().ToString(CultureInfo.InvariantCulture));
        Card(html, t["stages"], stages.Length.ToString(CultureInfo.InvariantCulture));
        var awards = a.Result.Awards.Count();
        if (awards > 0)
        {
            Card(html, t["awards"], awards.ToString(CultureInfo.InvariantCulture));
        }

        html.Append("</div>\n");
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(FontFamily);
        return plot;
    }

    private static void Funnel(StringBuilder html, Assessment a)
    {
        var t = a.Text;
        var stages = a.Result.Stages;
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"funnel\">{E(t["Stage funnel"])}</h2>\n");
        var plot = NewPlot();
        var n = stages.Length;
        var bars = new List<Bar>();
        for (var i = 0; i < n; i++)
        {
            var s = stages[i];
            var position = n - i;
            bars.Add(new Bar { Position = position, Value = s.Entrants, FillColor = Colors.LightGray, Label = string.Empty });
            bars.Add(new Bar { Position = position, Value = s.Passed.Count(), FillColor = Palette[0], Label = s.Passed.Count().ToString(CultureInfo.InvariantCulture) });
        }

        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontSize = 14;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, n).Select(i => (double)(n - i))], [.. stages.Select(s => t.L(s.Stage.Name))]);
        plot.Axes.Margins(left: 0, right: 0.1);
        plot.XLabel(t["units (grey: entered, blue: passed)"]);
        plot.Title(t["Who passed each stage"]);
        Chart(html, plot, 900, 80 + (70 * n), t["Stage funnel"]);
        html.Append(CultureInfo.InvariantCulture, $"<table id=\"funnel-table\"><tr><th>{E(t["stage"])}</th><th>{E(t["gates"])}</th><th class=\"num\">{E(t["entered"])}</th><th class=\"num\">{E(t["passed"])}</th><th class=\"num\">{E(t["failed"])}</th><th class=\"num\">{E(t["values filled"])}</th></tr>\n");
        foreach (var s in stages)
        {
            var gates = s.Stage.Gates.Count == 0 ? "—" : string.Join("; ", s.Stage.Gates.Select(g => t.Gate(g, a)));
            if (s.Stage.GapFill is { } fill)
            {
                gates = $"{t.Fill(fill)}; {gates}";
            }

            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(t.L(s.Stage.Name))}</td><td>{E(gates)}</td><td class=\"num\">{s.Entrants}</td><td class=\"num\">{s.Passed.Count()}</td><td class=\"num\">{s.Entrants - s.Passed.Count()}</td><td class=\"num\">{s.FilledValues.Length}</td></tr>\n");
        }

        html.Append("</table>\n");
        var classes = a.Result.Programme.SizeClasses;
        if (classes is null)
        {
            return;
        }

        // The funnel per size class: who entered and passed each stage, class by class.
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(t["Funnel per size class"])}</h3>\n<table id=\"funnel-class-table\"><tr><th>{E(t["stage"])}</th>");
        foreach (var c in classes.Classes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{E(t.L(c.Name))}: {E(t["entered"])}</th><th class=\"num\">{E(t["passed"])}</th>");
        }

        html.Append("</tr>\n");
        foreach (var s in stages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(t.L(s.Stage.Name))}</td>");
            foreach (var c in classes.Classes)
            {
                var entered = s.SizeClasses.IsDefaultOrEmpty ? 0 : s.SizeClasses.Count(x => x == c.Code);
                var passed = s.SizeClasses.IsDefaultOrEmpty ? 0 : s.Decisions.Where((d, i) => d.Passed && s.SizeClasses[i] == c.Code).Count();
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{entered}</td><td class=\"num\">{passed}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Ranking(StringBuilder html, Assessment a)
    {
        if (a.Final is null)
        {
            return;
        }

        var t = a.Text;
        var framework = a.Final.Stage.Framework!;
        var edition = a.Final.Evaluation is { } ev ? $", {t["edition"]} {ev.Editions[^1]}" : string.Empty;
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"ranking\">{E(t["Ranking"])} — {E(t.L(a.Final.Stage.Name))}{E(edition)}</h2>\n");
        var ranked = a.Ranking.Where(r => !double.IsNaN(r.Score)).ToList();
        var plot = NewPlot();
        var classes = ranked.Select(r => r.SizeClass).Distinct().ToList();
        var bars = ranked.Select((r, i) => new Bar
        {
            Position = ranked.Count - i,
            Value = r.Score,
            FillColor = Palette[classes.IndexOf(r.SizeClass) % Palette.Length],
            Label = r.Score.ToString("0.0", CultureInfo.InvariantCulture),
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plot.Axes.Left.SetTicks([.. ranked.Select((_, i) => (double)(ranked.Count - i))], [.. ranked.Select(r => r.Name)]);
        plot.Axes.Margins(left: 0, right: 0.08);
        plot.XLabel($"{t["score of"]} {t.L(framework.Root.Name)} (0-100)");
        if (classes.Count > 1)
        {
            plot.Legend.ManualItems.AddRange(classes.Select((c, i) => new LegendItem { LabelText = a.ClassName(c) ?? t["no class"], FillColor = Palette[i % Palette.Length] }));
            plot.ShowLegend(Edge.Bottom);
        }

        Chart(html, plot, 900, 120 + (22 * ranked.Count), $"{t["Ranking"]}: {t.L(framework.Root.Name)}");
        var hasClass = a.Ranking.Any(r => r.SizeClass is not null);
        var hasLevel = a.Ranking.Any(r => r.Level is not null);
        html.Append(CultureInfo.InvariantCulture, $"<table id=\"ranking-table\"><tr><th class=\"num\">{E(t["rank"])}</th>");
        html.Append(hasClass ? $"<th class=\"num\">{E(t["rank in class"])}</th>" : string.Empty);
        html.Append(CultureInfo.InvariantCulture, $"<th>{E(t["code"])}</th><th>{E(t["name"])}</th>");
        html.Append(hasClass ? $"<th>{E(t["size class"])}</th>" : string.Empty).Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{E(t["score"])}</th>").Append(hasLevel ? $"<th>{E(t["maturity level"])}</th>" : string.Empty);
        foreach (var axis in a.Profile)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{E(axis.Name)}</th>");
        }

        html.Append("</tr>\n");
        foreach (var r in a.Ranking)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-unit=\"{E(r.Unit)}\"><td class=\"num\">{N(r.Rank, "0")}</td>");
            html.Append(hasClass ? $"<td class=\"num\">{N(r.ClassRank, "0")}</td>" : string.Empty);
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(r.Unit)}</td><td>{E(r.Name)}</td>");
            html.Append(hasClass ? $"<td>{E(a.ClassName(r.SizeClass) ?? "—")}</td>" : string.Empty);
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num score\">{N(r.Score, "0.00")}</td>");
            html.Append(hasLevel ? $"<td>{E(a.LevelName(r.Level) ?? "—")}</td>" : string.Empty);
            foreach (var v in r.Profile)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{N(v, "0.00")}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
        if (framework.MaturityLevels is { } levels)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(t["levels note"])} {E(string.Join(", ", levels.Classes.Select((c, i) => $"{t.L(c.Name)} {LevelRange(levels, i)}")))}. {(levels.Source is { } source ? $"{E(t["source"])}: {E(source)}" : string.Empty)}</p>\n");
        }
    }

    private static string LevelRange(SmartCity.Domain.Frameworks.ClassificationScheme levels, int i)
    {
        var low = i == 0 ? "0" : levels.Boundaries[i - 1].Value.ToString(CultureInfo.InvariantCulture);
        var high = i == levels.Classes.Count - 1 ? "100" : levels.Boundaries[i].Value.ToString(CultureInfo.InvariantCulture);
        return $"{low}–{high}";
    }

    private static void Profiles(StringBuilder html, Assessment a)
    {
        if (a.Final is null || a.Profile.Count < 3)
        {
            return;
        }

        var t = a.Text;
        var shown = a.Ranking.Where(r => r.Passed && r.Profile.All(double.IsFinite)).ToList();
        if (shown.Count == 0)
        {
            return;
        }

        var median = Enumerable.Range(0, a.Profile.Count).Select(i => Median(shown.Select(r => r.Profile[i]))).ToArray();
        var evaluation = a.Final.Evaluation is not null;
        var top = evaluation ? 4.0 : 100.0;
        double[] rings = evaluation ? [1, 2, 3, 4] : [20, 40, 60, 80, 100];
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"profiles\">{E(t["Pillar profiles"])}</h2>\n<p>{E(t["profiles note"])} {E(string.Join(", ", a.Profile.Select(x => x.Name)))}; {E(t["scale"])} 0–{top.ToString(CultureInfo.InvariantCulture)} ({E(string.Join(", ", rings.Select(x => x.ToString(CultureInfo.InvariantCulture))))}).</p>\n<div class=\"profiles\">\n");
        var labels = a.Profile.Select(x => ShortName(x.Name)).ToArray();
        foreach (var r in shown)
        {
            var plot = NewPlot();
            var radar = plot.Add.Radar([median, [.. r.Profile]]);
            radar.Series[0].FillColor = Colors.Transparent;
            radar.Series[0].LineColor = Colors.Gray;
            radar.Series[0].LinePattern = LinePattern.Dashed;
            radar.Series[1].FillColor = Palette[0].WithAlpha(0.35);
            radar.Series[1].LineColor = Palette[0];
            radar.PolarAxis.SetSpokes(labels, length: top * 1.08);
            radar.PolarAxis.SetCircles(rings, [.. rings.Select(x => x.ToString(CultureInfo.InvariantCulture))]);
            plot.HideAxesAndGrid();
            plot.Title(r.Name, size: 14);
            html.Append("<figure>");
            Chart(html, plot, 380, 380, $"{t["Pillar profile of"]} {r.Name}");
            html.Append(CultureInfo.InvariantCulture, $"<figcaption>{E(r.Name)}: {string.Join(" · ", r.Profile.Select((v, i) => $"{E(a.Profile[i].Name)} {N(v, "0.0")}"))}</figcaption></figure>\n");
        }

        html.Append("</div>\n");
    }

    private static void Awards(StringBuilder html, Assessment a)
    {
        var t = a.Text;
        var stage = a.Result.Stages.LastOrDefault(s => s.Stage.Awards is not null);
        var scheme = stage?.Stage.Awards;
        if (stage is null || scheme is null)
        {
            return;
        }

        var awards = stage.Awards;
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"awards\">{E(t["Awards"])}</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{scheme.Categories.Count} {E(t["categories"])}{(scheme.PerSizeClass ? E(t[", ranked within each size class"]) : string.Empty)}. {E(t["tiers note"])} {E(string.Join("; ", scheme.Tiers.Select(x => $"{t.L(x.Name)}: {t["top"]} {x.TopN} ({t.Confidence(x.Provenance?.Confidence ?? SmartCity.Domain.Frameworks.Confidence.Illustrative)}){string.Concat(x.Places.Select(p => $", {(p.Category is { } pc ? a.CategoryName(pc) ?? pc : "*")}/{a.ClassName(p.SizeClass) ?? "*"}: {t["top"]} {p.TopN} ({t.Confidence(p.Confidence)})"))}")))}. {E(t["tie note"])}</p>\n");
        var classes = a.Result.Programme.SizeClasses?.Classes.Select(c => (string?)c.Code).ToList() ?? [null];
        var plot = NewPlot();
        var bars = new List<Bar>();
        var groupWidth = scheme.Tiers.Count + 1;
        for (var c = 0; c < classes.Count; c++)
        {
            for (var k = 0; k < scheme.Tiers.Count; k++)
            {
                var count = awards.Count(w => w.SizeClass == classes[c] && w.Tier == scheme.Tiers[k].Code);
                bars.Add(new Bar { Position = (c * groupWidth) + k + 1, Value = count, FillColor = Palette[(k + 1) % Palette.Length], Label = count.ToString(CultureInfo.InvariantCulture) });
            }
        }

        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 13;
        plot.Axes.Bottom.SetTicks([.. classes.Select((_, c) => (c * groupWidth) + ((scheme.Tiers.Count + 1) / 2.0))], [.. classes.Select(c => a.ClassName(c) ?? t["all"])]);
        plot.Legend.ManualItems.AddRange(scheme.Tiers.Select((x, i) => new LegendItem { LabelText = t.L(x.Name), FillColor = Palette[(i + 1) % Palette.Length] }));
        plot.ShowLegend(Edge.Bottom);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.YLabel(t["awards"]);
        plot.Title(t["Awards per size class and tier"]);
        Chart(html, plot, 760, 380, t["Awards per size class and tier"]);
        html.Append(CultureInfo.InvariantCulture, $"<table id=\"awards-count-table\"><tr><th>{E(t["size class"])}</th>{string.Concat(scheme.Tiers.Select(x => $"<th class=\"num\">{E(t.L(x.Name))}</th>"))}</tr>\n");
        foreach (var c in classes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(a.ClassName(c) ?? t["all"])}</td>{string.Concat(scheme.Tiers.Select(x => $"<td class=\"num\">{awards.Count(w => w.SizeClass == c && w.Tier == x.Code)}</td>"))}</tr>\n");
        }

        html.Append("</table>\n");
        html.Append(CultureInfo.InvariantCulture, $"<table id=\"awards-table\"><tr><th>{E(t["category"])}</th>");
        foreach (var c in classes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(a.ClassName(c) ?? t["all"])}</th>");
        }

        html.Append("</tr>\n");
        foreach (var category in scheme.Categories)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(t.L(category.Name))}<br><small>{E(t.Basis(category.Basis))}</small></td>");
            foreach (var c in classes)
            {
                var winners = awards.Where(w => w.Category == category.Code && w.SizeClass == c).GroupBy(w => w.Unit)
                    .Select(g => $"{g.First().Place}. {E(a.NameOf(g.Key))} ({N(g.First().Score, "0.0")}, {E(string.Join(" + ", g.Select(w => a.TierName(w.Tier) ?? w.Tier)))})");
                html.Append(CultureInfo.InvariantCulture, $"<td>{string.Join("<br>", winners)}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
        var vacancies = stage.AwardVacancies;
        if (vacancies.Length > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p id=\"vacancies\">{E(t["vacancies note"])}</p>\n<ul>\n");
            foreach (var v in vacancies)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(a.CategoryName(v.Category) ?? v.Category)}, {E(a.ClassName(v.SizeClass) ?? t["all"])}: {E(t.Vacancy(a.TierName(v.Tier) ?? v.Tier, v.Places, v.Competitors))}</li>\n");
            }

            html.Append("</ul>\n");
        }
    }

    private static void Evaluation(StringBuilder html, Assessment a)
    {
        var evaluation = a.Evaluation;
        if (evaluation is null)
        {
            return;
        }

        var latest = evaluation.Editions[^1];
        var units = evaluation.Latest.Data!.Units;
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"evaluation\">{E(a.Text["Evaluation index, editions"])} {E(string.Join(", ", evaluation.Editions))}</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(a.Text["index is"])} {E(string.Join(", ", evaluation.Framework.Root.Children.Select(c => $"{a.Text.L(c.Name)} ({c.Weight:0.##})")))}; {E(a.Text["improvement is"])}</p>\n");
        var plot = NewPlot();
        var bars = new List<Bar>();
        for (var e = 0; e < evaluation.Editions.Length; e++)
        {
            for (var g = 0; g < evaluation.BreakdownGroups.Length; g++)
            {
                var mean = Mean(units.Select(u => evaluation.Breakdown(evaluation.Editions[e], evaluation.BreakdownGroups[g], u) ?? double.NaN));
                bars.Add(new Bar { Position = (g * (evaluation.Editions.Length + 1)) + e + 1, Value = mean, FillColor = Palette[e % Palette.Length], Label = N(mean, "0.00") });
            }
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(
            [.. evaluation.BreakdownGroups.Select((_, g) => (g * (evaluation.Editions.Length + 1)) + ((evaluation.Editions.Length + 1) / 2.0))],
            [.. a.Profile.Select(x => x.Name)]);
        plot.Legend.ManualItems.AddRange(evaluation.Editions.Select((e, i) => new LegendItem { LabelText = e, FillColor = Palette[i % Palette.Length] }));
        plot.ShowLegend(Edge.Right);
        plot.Axes.Margins(bottom: 0, top: 0.2);
        plot.YLabel(a.Text["mean pillar score"]);
        plot.Title(a.Text["Mean pillar score per edition"]);
        Chart(html, plot, 900, 380, a.Text["Mean pillar score per edition"]);
        html.Append(CultureInfo.InvariantCulture, $"<table id=\"evaluation-table\"><tr><th>{E(a.Text["code"])}</th><th>{E(a.Text["name"])}</th>");
        foreach (var e in evaluation.Editions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{E(a.Text["index"])} {E(e)}</th>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{E(a.Text["improvement"])} {E(latest)}</th></tr>\n");
        foreach (var u in units.OrderByDescending(u => evaluation.Index(latest, u)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-unit=\"{E(u)}\"><td>{E(u)}</td><td>{E(a.NameOf(u))}</td>");
            foreach (var e in evaluation.Editions)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{N(evaluation.Index(e, u), "0.00")}</td>");
            }

            var improvement = evaluation.Improvement(latest, u);
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(improvement is { } change ? change.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : E(a.Text["new"]))}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Decisions(StringBuilder html, Assessment a)
    {
        var t = a.Text;
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"decisions\">{E(t["Every gate decision"])}</h2>\n<p>{E(t["decisions note"])}</p>\n");
        foreach (var s in a.Result.Stages)
        {
            var failed = s.Decisions.Where(d => !d.Passed).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<details><summary>{E(t.L(s.Stage.Name))}: {E(t.PassedOf(s.Passed.Count(), s.Entrants, failed.Count))}</summary>\n");
            if (failed.Count > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<table class=\"decisions\"><tr><th>{E(t["code"])}</th><th>{E(t["name"])}</th><th>{E(t["failed gate"])}</th><th>{E(t["why"])}</th><th class=\"num\">{E(t["value"])}</th><th class=\"num\">{E(t["short by"])}</th></tr>\n");
                foreach (var d in failed)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(d.Unit)}</td><td>{E(a.NameOf(d.Unit))}</td><td>{E(d.FailedGate is { } gate ? t.Gate(gate, a) : string.Empty)}</td><td class=\"why\">{E(t.Reason(d, a))}</td><td class=\"num\">{N(d.Value, "0.###")}</td><td class=\"num\">{N(d.Shortfall, "0.###")}</td></tr>\n");
                }

                html.Append("</table>\n");
            }

            if (s.FilledValues.Length > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>{s.FilledValues.Length} {E(t["missing values filled"])}: {E(string.Join(", ", s.FilledValues.Select(v => $"{v.Unit} {v.Column} = {N(v.Value, "0.###")} ({v.Source})")))}</p>\n");
            }

            html.Append("</details>\n");
        }
    }

    /// <summary>A pillar's name without the "smart"/"cerdas" every pillar shares, for a radar axis ("Ekonomi cerdas" → "Ekonomi").</summary>
    private static string ShortName(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !w.Equals("cerdas", StringComparison.OrdinalIgnoreCase) && !w.Equals("smart", StringComparison.OrdinalIgnoreCase)).ToArray();
        var shortName = words.Length == 0 ? name : string.Join(' ', words);
        shortName = shortName.Replace(" & ", " &\n", StringComparison.Ordinal);
        return string.Concat(char.ToUpperInvariant(shortName[0]).ToString(), shortName[1..]);
    }

    private static void Card(StringBuilder html, string label, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><b>{E(value)}</b>{E(label)}</div>");

    private static void Chart(StringBuilder html, Plot plot, int width, int height, string alt)
    {
        var svg = plot.GetSvgXml(width, height);
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
        html.Append(CultureInfo.InvariantCulture, $"<img class=\"chart\" width=\"{width}\" height=\"{height}\" alt=\"{E(alt)}\" src=\"data:image/svg+xml;base64,{data}\">\n");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double Mean(IEnumerable<double> values)
    {
        var present = values.Where(double.IsFinite).ToList();
        return present.Count == 0 ? double.NaN : present.Average();
    }

    private static string N(double value, string format) => double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string N(double? value, string format) => N(value ?? double.NaN, format);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
