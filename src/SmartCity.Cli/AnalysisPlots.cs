using System.Globalization;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Multivariate;
using SmartCity.Domain.Scoring;

namespace SmartCity.Cli;

/// <summary>The charts of <c>smartcity analyse --plot</c> and <c>sensitivity --plot</c>, as SVG with ScottPlot (COINr's <c>plot_*</c>).</summary>
internal static class AnalysisPlots
{
    /// <summary>Bar chart of one node's scores, best first (COINr <c>plot_bar</c>).</summary>
    public static void Bar(ScoreResult result, string node, string path)
    {
        var order = Enumerable.Range(0, result.UnitCount).Where(u => result.Scores(node)[u] is not null).OrderByDescending(u => result.Scores(node)[u]).ToList();
        var plot = new ScottPlot.Plot();
        double[] positions = [.. Enumerable.Range(0, order.Count).Select(i => (double)i)];
        var bars = plot.Add.Bars(positions, [.. order.Select(u => result.Scores(node)[u]!.Value)]);
        bars.Color = ScottPlot.Colors.SteelBlue;
        UnitTicks(plot, positions, [.. order.Select(u => result.Units[u])]);
        plot.Axes.Margins(bottom: 0);
        plot.Title($"{node}: scores");
        plot.YLabel("score");
        plot.SaveSvg(path, 900, 500);
    }

    /// <summary>Dot plot of every unit's score on each child of a node, one unit highlighted (COINr <c>plot_dot</c>).</summary>
    public static void Dots(ScoreResult result, string node, string? unit, string path)
    {
        var children = result.Framework.Find(node) is GroupNode g ? g.Children.Select(c => c.Code).ToList() : [node];
        var plot = new ScottPlot.Plot();
        for (var c = 0; c < children.Count; c++)
        {
            var scores = result.Scores(children[c]).Where(s => s is not null).Select(s => s!.Value).ToArray();
            var dots = plot.Add.ScatterPoints(Enumerable.Repeat((double)c, scores.Length).ToArray(), scores);
            dots.Color = ScottPlot.Colors.Gray;
            dots.MarkerSize = 5;
            if (unit is not null && result.Score(children[c], unit) is { } mine)
            {
                var me = plot.Add.ScatterPoints(new[] { (double)c }, new[] { mine });
                me.Color = ScottPlot.Colors.OrangeRed;
                me.MarkerSize = 10;
                if (c == 0)
                {
                    me.LegendText = unit;
                }
            }
        }

        UnitTicks(plot, [.. Enumerable.Range(0, children.Count).Select(i => (double)i)], [.. children]);
        plot.Title(unit is null ? $"{node}: scores by component" : $"{node}: scores by component, {unit} highlighted");
        plot.YLabel("score");
        if (unit is not null)
        {
            plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        }

        plot.SaveSvg(path, 900, 500);
    }

    /// <summary>Each column's values as a strip of points with its median, on one axis (COINr <c>plot_dist</c>).</summary>
    public static void Distributions(AnalysisData data, IReadOnlyList<string> columns, string path)
    {
        var plot = new ScottPlot.Plot();
        for (var c = 0; c < columns.Count; c++)
        {
            var values = data.ValuesOf(columns[c]).Where(v => v is not null).Select(v => v!.Value).ToArray();
            double[] xs = [.. values.Select((_, i) => c + (((i * 0.618034) % 1) - 0.5) * 0.5)];
            var dots = plot.Add.ScatterPoints(xs, values);
            dots.Color = ScottPlot.Colors.SteelBlue.WithAlpha(0.6);
            dots.MarkerSize = 4;
            if (values.Length > 0)
            {
                var sorted = values.Order().ToArray();
                var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
                var line = plot.Add.Line(c - 0.3, median, c + 0.3, median);
                line.Color = ScottPlot.Colors.Black;
                line.LineWidth = 2;
            }
        }

        UnitTicks(plot, [.. Enumerable.Range(0, columns.Count).Select(i => (double)i)], [.. columns]);
        plot.Title($"{data.Stage} values (line: median)");
        plot.SaveSvg(path, Math.Max(600, 40 * columns.Count), 500);
    }

    /// <summary>A correlation matrix as a heat map, blue (−1) to white (0) to red (+1), missing cells grey (COINr <c>plot_corr</c>).</summary>
    public static void Heatmap(CorrelationMatrix matrix, string path)
    {
        var plot = new ScottPlot.Plot();
        var rows = matrix.Rows.Length;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < matrix.Columns.Length; c++)
            {
                var y = rows - 1 - r;
                var value = matrix.Values[r][c];
                var rect = plot.Add.Rectangle(c - 0.5, c + 0.5, y - 0.5, y + 0.5);
                rect.FillColor = value is { } v ? Diverging(v) : ScottPlot.Colors.LightGray;
                rect.LineColor = ScottPlot.Colors.White;
                if (rows <= 25 && value is { } w)
                {
                    var text = plot.Add.Text(w.ToString("0.00", CultureInfo.InvariantCulture), c, y);
                    text.LabelFontSize = 9;
                    text.LabelAlignment = ScottPlot.Alignment.MiddleCenter;
                }
            }
        }

        UnitTicks(plot, [.. Enumerable.Range(0, matrix.Columns.Length).Select(i => (double)i)], [.. matrix.Columns]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, rows).Select(i => (double)(rows - 1 - i))], [.. matrix.Rows]);
        plot.Title($"{matrix.Method} correlations{(matrix.Significance > 0 ? string.Create(CultureInfo.InvariantCulture, $" (grey: p > {matrix.Significance})") : string.Empty)}");
        var size = Math.Max(500, 45 * Math.Max(rows, matrix.Columns.Length));
        plot.SaveSvg(path, size + 100, size);
    }

    /// <summary>The framework as a tree, root on the left, each node labelled with its effective weight (COINr <c>plot_framework</c>).</summary>
    public static void Framework(RatingFramework framework, string path)
    {
        var weights = framework.GetEffectiveWeights().ToDictionary(w => w.Code, w => w.Weight, StringComparer.Ordinal);
        var plot = new ScottPlot.Plot();
        var leaf = 0;
        Place(framework.Root, 0);
        plot.Axes.InvertY();
        plot.HideGrid();
        plot.Axes.Frameless();
        plot.Title($"{framework.Name.Text}: effective weights");
        plot.SaveSvg(path, 300 * framework.LevelCount, Math.Max(400, 18 * framework.Indicators.Length));

        double Place(FrameworkNode node, int depth)
        {
            double y;
            if (node is GroupNode group)
            {
                var ys = group.Children.Select(child => (child, Place(child, depth + 1))).ToList();
                y = ys.Average(p => p.Item2);
                foreach (var (child, cy) in ys)
                {
                    var line = plot.Add.Line(depth, y, depth + 1, cy);
                    line.Color = ScottPlot.Colors.Gray;
                }
            }
            else
            {
                y = leaf++;
            }

            var w = weights.TryGetValue(node.Code, out var e) ? e : 1;
            var label = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"{node.Code} {w * 100:0.#}%"), depth, y);
            label.LabelFontSize = framework.Indicators.Length > 40 ? 8 : 11;
            label.LabelAlignment = ScottPlot.Alignment.MiddleLeft;
            return y;
        }
    }

    /// <summary>First-order and total sensitivity indices with their bootstrap intervals (COINr <c>plot_sensitivity</c>).</summary>
    public static void Sensitivity(SensitivityResult result, string path)
    {
        var plot = new ScottPlot.Plot();
        var indices = result.Indices;
        for (var i = 0; i < indices.Length; i++)
        {
            var s = indices[i];
            Interval(plot, i - 0.12, s.SiLow, s.SiHigh, ScottPlot.Colors.SteelBlue);
            Interval(plot, i + 0.12, s.STiLow, s.STiHigh, ScottPlot.Colors.OrangeRed);
        }

        double[] xs = [.. Enumerable.Range(0, indices.Length).Select(i => (double)i)];
        var si = plot.Add.ScatterPoints(xs.Select(x => x - 0.12).ToArray(), indices.Select(s => s.Si).ToArray());
        si.Color = ScottPlot.Colors.SteelBlue;
        si.MarkerSize = 8;
        si.LegendText = "first order Si";
        var sti = plot.Add.ScatterPoints(xs.Select(x => x + 0.12).ToArray(), indices.Select(s => s.STi).ToArray());
        sti.Color = ScottPlot.Colors.OrangeRed;
        sti.MarkerSize = 8;
        sti.LegendText = "total STi";
        UnitTicks(plot, xs, [.. indices.Select(s => s.Input)]);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Sensitivity indices (N = {result.BaseSamples}; bars: bootstrap intervals)"));
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SaveSvg(path, Math.Max(600, 120 * indices.Length), 450);
    }

    private static void Interval(ScottPlot.Plot plot, double x, double low, double high, ScottPlot.Color color)
    {
        var line = plot.Add.Line(x, low, x, high);
        line.Color = color;
        line.LineWidth = 2;
    }

    private static void UnitTicks(ScottPlot.Plot plot, double[] positions, string[] labels)
    {
        if (positions.Length > 60)
        {
            return;
        }

        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -60;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleRight;
    }

    private static ScottPlot.Color Diverging(double r)
    {
        var t = Math.Clamp(Math.Abs(r), 0, 1);
        byte Mix(byte to) => (byte)Math.Round(255 + ((to - 255) * t));
        return r >= 0 ? new ScottPlot.Color(Mix(178), Mix(24), Mix(43)) : new ScottPlot.Color(Mix(33), Mix(102), Mix(172));
    }
}
