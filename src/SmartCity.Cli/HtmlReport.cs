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

    public static void Write(Assessment a, string path) => FileInput.WriteText(path, Render(a));

    public static string Render(Assessment a)
    {
        var p = a.Result.Programme;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(p.Name.Text)} — assessment report</title>
            <style>
            body {"{"} font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem 2rem; color: #1d2330; {"}"}
            h1 {"{"} margin-bottom: .2rem; {"}"} h2 {"{"} margin-top: 2.2rem; border-bottom: 2px solid #dde3ec; padding-bottom: .3rem; {"}"}
            .note {"{"} background: #fff7e0; border-left: 4px solid #e0a800; padding: .5rem 1rem; {"}"}
            .cards {"{"} display: flex; gap: 1rem; flex-wrap: wrap; {"}"}
            .card {"{"} background: #f3f6fa; border-radius: 8px; padding: .7rem 1.2rem; min-width: 9rem; {"}"}
            .card b {"{"} display: block; font-size: 1.6rem; {"}"}
            table {"{"} border-collapse: collapse; margin: .8rem 0; font-size: .9rem; {"}"}
            th, td {"{"} border-bottom: 1px solid #e3e7ee; padding: .25rem .6rem; text-align: left; {"}"}
            td.num, th.num {"{"} text-align: right; font-variant-numeric: tabular-nums; {"}"}
            img.chart {"{"} max-width: 100%; height: auto; display: block; margin: .5rem 0; {"}"}
            .profiles {"{"} display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: .5rem; {"}"}
            .profiles figure {"{"} margin: 0; {"}"} .profiles figcaption {"{"} font-size: .85rem; text-align: center; {"}"}
            details {"{"} margin: .4rem 0; {"}"} summary {"{"} cursor: pointer; font-weight: 600; {"}"}
            </style>
            </head>
            <body>
            <h1>{E(p.Name.Text)}</h1>
            <p>{E(p.Name.Indonesian ?? string.Empty)} · edition {E(p.Edition)} · data: {E(a.Source)}</p>
            <p class="note">Stage sequences, award categories and tiers follow the cited sources; thresholds the sources do not give,
            indicator sets and award-to-indicator mappings are illustrative. In the bundled example, names, provinces and populations are
            real (BPS census 2020) and <b>every indicator value is synthetic</b>: the results say nothing about any real city.</p>
            """);
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
            });
            </script>
            </body>
            </html>
            """);
        return html.ToString();
    }

    private static void Summary(StringBuilder html, Assessment a)
    {
        var stages = a.Result.Stages;
        html.Append("<div class=\"cards\">");
        Card(html, "entered", stages[0].Entrants.ToString(CultureInfo.InvariantCulture));
        Card(html, "passed every stage", a.Result.Finalists.Count().ToString(CultureInfo.InvariantCulture));
        Card(html, "stages", stages.Length.ToString(CultureInfo.InvariantCulture));
        var awards = a.Result.Awards.Count();
        if (awards > 0)
        {
            Card(html, "awards", awards.ToString(CultureInfo.InvariantCulture));
        }

        html.Append("</div>\n");
    }

    private static void Funnel(StringBuilder html, Assessment a)
    {
        var stages = a.Result.Stages;
        html.Append("<h2 id=\"funnel\">Stage funnel</h2>\n");
        var plot = new Plot();
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
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, n).Select(i => (double)(n - i))], [.. stages.Select(s => s.Stage.Name.Text)]);
        plot.Axes.Margins(left: 0, right: 0.1);
        plot.XLabel("units (grey: entered, blue: passed)");
        plot.Title("Who passed each stage");
        Chart(html, plot, 900, 80 + (70 * n), "Stage funnel: units entering and passing each stage");
        html.Append("<table id=\"funnel-table\"><tr><th>stage</th><th>gates</th><th class=\"num\">entered</th><th class=\"num\">passed</th><th class=\"num\">failed</th><th class=\"num\">values filled</th></tr>\n");
        foreach (var s in stages)
        {
            var gates = s.Stage.Gates.Count == 0 ? "—" : string.Join("; ", s.Stage.Gates.Select(g => g.Description));
            if (s.Stage.GapFill is { } fill)
            {
                gates = $"{fill.Description}; {gates}";
            }

            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(s.Stage.Name.Text)}</td><td>{E(gates)}</td><td class=\"num\">{s.Entrants}</td><td class=\"num\">{s.Passed.Count()}</td><td class=\"num\">{s.Entrants - s.Passed.Count()}</td><td class=\"num\">{s.FilledValues.Length}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Ranking(StringBuilder html, Assessment a)
    {
        if (a.Final is null)
        {
            return;
        }

        var framework = a.Final.Stage.Framework!;
        var edition = a.Final.Evaluation is { } ev ? $", edition {ev.Editions[^1]}" : string.Empty;
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"ranking\">Ranking — {E(a.Final.Stage.Name.Text)}{E(edition)}</h2>\n");
        var ranked = a.Ranking.Where(r => !double.IsNaN(r.Score)).ToList();
        var plot = new Plot();
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
        plot.XLabel($"score of {framework.Root.Name.Text}");
        if (classes.Count > 1)
        {
            plot.Legend.ManualItems.AddRange(classes.Select((c, i) => new LegendItem { LabelText = a.ClassName(c) ?? "no class", FillColor = Palette[i % Palette.Length] }));
            plot.ShowLegend(Alignment.LowerRight);
        }

        Chart(html, plot, 900, 90 + (22 * ranked.Count), $"Ranking by {framework.Root.Name.Text}");
        var hasClass = a.Ranking.Any(r => r.SizeClass is not null);
        var hasLevel = a.Ranking.Any(r => r.Level is not null);
        html.Append("<table id=\"ranking-table\"><tr><th class=\"num\">rank</th><th>code</th><th>name</th>");
        html.Append(hasClass ? "<th>size class</th>" : string.Empty).Append("<th class=\"num\">score</th>").Append(hasLevel ? "<th>maturity level</th>" : string.Empty);
        foreach (var axis in a.Profile)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{E(axis.Name)}</th>");
        }

        html.Append("</tr>\n");
        foreach (var r in a.Ranking)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-unit=\"{E(r.Unit)}\"><td class=\"num\">{N(r.Rank, "0")}</td><td>{E(r.Unit)}</td><td>{E(r.Name)}</td>");
            html.Append(hasClass ? $"<td>{E(a.ClassName(r.SizeClass) ?? "—")}</td>" : string.Empty);
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num score\">{N(r.Score, "0.00")}</td>");
            html.Append(hasLevel ? $"<td>{E(r.Level ?? "—")}</td>" : string.Empty);
            foreach (var v in r.Profile)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{N(v, "0.00")}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Profiles(StringBuilder html, Assessment a)
    {
        if (a.Final is null || a.Profile.Count < 3)
        {
            return;
        }

        var shown = a.Ranking.Where(r => r.Passed && r.Profile.All(double.IsFinite)).ToList();
        if (shown.Count == 0)
        {
            return;
        }

        var median = Enumerable.Range(0, a.Profile.Count).Select(i => Median(shown.Select(r => r.Profile[i]))).ToArray();
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"profiles\">Pillar profiles</h2>\n<p>Each unit's scores on {string.Join(", ", a.Profile.Select(x => $"{E(x.Name)} ({E(x.Code.ToUpperInvariant())})"))} (filled), against the median of the units shown (dashed).</p>\n<div class=\"profiles\">\n");
        var labels = a.Profile.Select(x => x.Code.ToUpperInvariant()).ToArray();
        var radius = 1.15 * shown.SelectMany(r => r.Profile).Concat(median).Max();
        foreach (var r in shown)
        {
            var plot = new Plot();
            var radar = plot.Add.Radar([median, [.. r.Profile]]);
            radar.Series[0].FillColor = Colors.Transparent;
            radar.Series[0].LineColor = Colors.Gray;
            radar.Series[0].LinePattern = LinePattern.Dashed;
            radar.Series[1].FillColor = Palette[0].WithAlpha(0.35);
            radar.Series[1].LineColor = Palette[0];
            radar.PolarAxis.SetSpokes(labels, length: radius);
            plot.HideAxesAndGrid();
            plot.Title(r.Name, size: 14);
            html.Append("<figure>");
            Chart(html, plot, 300, 300, $"Pillar profile of {r.Name}");
            html.Append(CultureInfo.InvariantCulture, $"<figcaption>{E(r.Name)}: {string.Join(" · ", r.Profile.Select(v => N(v, "0.0")))}</figcaption></figure>\n");
        }

        html.Append("</div>\n");
    }

    private static void Awards(StringBuilder html, Assessment a)
    {
        var awards = a.Result.Awards.ToList();
        var scheme = a.AwardSchemes.Count > 0 ? a.AwardSchemes[0] : null;
        if (scheme is null)
        {
            return;
        }

        html.Append("<h2 id=\"awards\">Awards</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{scheme.Categories.Count} categories{(scheme.PerSizeClass ? ", ranked within each size class" : string.Empty)}; tiers: {string.Join(", ", scheme.Tiers.Select(t => $"{E(t.Name.Text)} (top {t.TopN})"))}. Tie rule: equal category scores are ordered by {(scheme.TieBreakNode is null ? "nothing" : $"the score of {E(scheme.TieBreakNode)}")}; units still equal share the better place, and all of them receive the tier.</p>\n");
        var classes = awards.Select(w => w.SizeClass).Distinct().OrderBy(c => a.Result.Programme.SizeClasses?.Classes.Select(x => x.Code).ToList().IndexOf(c ?? string.Empty) ?? 0).ToList();
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var c = 0; c < classes.Count; c++)
        {
            double stacked = 0;
            for (var t = 0; t < scheme.Tiers.Count; t++)
            {
                var count = awards.Count(w => w.SizeClass == classes[c] && w.Tier == scheme.Tiers[t].Code);
                bars.Add(new Bar { Position = c + 1, ValueBase = stacked, Value = stacked + count, FillColor = Palette[(t + 1) % Palette.Length], Label = count == 0 ? string.Empty : count.ToString(CultureInfo.InvariantCulture) });
                stacked += count;
            }
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. classes.Select((_, i) => (double)(i + 1))], [.. classes.Select(c => a.ClassName(c) ?? "all")]);
        plot.Legend.ManualItems.AddRange(scheme.Tiers.Select((t, i) => new LegendItem { LabelText = t.Name.Text, FillColor = Palette[(i + 1) % Palette.Length] }));
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.YLabel("awards");
        plot.Title("Awards per size class and tier");
        Chart(html, plot, 700, 380, "Awards per size class and tier");
        html.Append("<table id=\"awards-table\"><tr><th>category</th>");
        foreach (var c in classes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(a.ClassName(c) ?? "all")}</th>");
        }

        html.Append("</tr>\n");
        foreach (var category in scheme.Categories)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(category.Name.Text)}<br><small>{E(category.Basis.ToString())}</small></td>");
            foreach (var c in classes)
            {
                var winners = awards.Where(w => w.Category == category.Code && w.SizeClass == c)
                    .Select(w => $"{w.Place}. {E(a.NameOf(w.Unit))} ({N(w.Score, "0.0")}, {E(a.TierName(w.Tier) ?? w.Tier)})");
                html.Append(CultureInfo.InvariantCulture, $"<td>{string.Join("<br>", winners)}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
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
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"evaluation\">Evaluation index, editions {E(string.Join(", ", evaluation.Editions))}</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>The index is the weighted mean of {E(string.Join(", ", evaluation.Framework.Root.Children.Select(c => $"{c.Name.Text} ({c.Weight:0.##})")))}; the improvement is the index minus the previous edition's.</p>\n");
        var plot = new Plot();
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
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Margins(bottom: 0, top: 0.2);
        plot.YLabel("mean pillar score");
        plot.Title("Mean pillar score per edition");
        Chart(html, plot, 900, 380, "Mean pillar score per edition");
        html.Append("<table id=\"evaluation-table\"><tr><th>code</th><th>name</th>");
        foreach (var e in evaluation.Editions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">index {E(e)}</th>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">improvement {E(latest)}</th></tr>\n");
        foreach (var u in units.OrderByDescending(u => evaluation.Index(latest, u)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-unit=\"{E(u)}\"><td>{E(u)}</td><td>{E(a.NameOf(u))}</td>");
            foreach (var e in evaluation.Editions)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{N(evaluation.Index(e, u), "0.00")}</td>");
            }

            var improvement = evaluation.Improvement(latest, u);
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(improvement is { } change ? change.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "new")}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Decisions(StringBuilder html, Assessment a)
    {
        html.Append("<h2 id=\"decisions\">Every gate decision</h2>\n<p>For each stage, the units that did not pass, the first gate each failed, its value and the shortfall. (<code>stages.csv</code> lists every decision.)</p>\n");
        foreach (var s in a.Result.Stages)
        {
            var failed = s.Decisions.Where(d => !d.Passed).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<details><summary>{E(s.Stage.Name.Text)}: {s.Passed.Count()} of {s.Entrants} passed, {failed.Count} did not</summary>\n");
            if (failed.Count > 0)
            {
                html.Append("<table class=\"decisions\"><tr><th>code</th><th>name</th><th>failed gate</th><th class=\"num\">value</th><th class=\"num\">short by</th></tr>\n");
                foreach (var d in failed)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(d.Unit)}</td><td>{E(a.NameOf(d.Unit))}</td><td>{E(d.FailedGate?.Description ?? string.Empty)}</td><td class=\"num\">{N(d.Value, "0.###")}</td><td class=\"num\">{N(d.Shortfall, "0.###")}</td></tr>\n");
                }

                html.Append("</table>\n");
            }

            if (s.FilledValues.Length > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>{s.FilledValues.Length} missing values filled: {E(string.Join(", ", s.FilledValues.Select(v => $"{v.Unit} {v.Column} = {N(v.Value, "0.###")} ({v.Source})")))}</p>\n");
            }

            html.Append("</details>\n");
        }
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
