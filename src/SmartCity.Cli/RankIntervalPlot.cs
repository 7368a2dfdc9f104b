using SmartCity.Domain.Analysis;

namespace SmartCity.Cli;

/// <summary>Draws the rank intervals of an uncertainty analysis as SVG with ScottPlot.</summary>
internal static class RankIntervalPlot
{
    public static void Save(UncertaintyResult result, string path, string title)
    {
        var order = result.RankStatistics.Where(s => s.Nominal is not null && s.Q5 is not null).OrderBy(s => s.Nominal).ToList();
        var plot = new ScottPlot.Plot();
        for (var i = 0; i < order.Count; i++)
        {
            var s = order[i];
            var line = plot.Add.Line(i + 1, s.Q5!.Value, i + 1, s.Q95!.Value);
            line.LineWidth = order.Count > 60 ? 1.5f : 3;
            line.Color = ScottPlot.Colors.SteelBlue;
        }

        double[] positions = [.. Enumerable.Range(1, order.Count).Select(i => (double)i)];
        double[] nominalRanks = [.. order.Select(s => (double)s.Nominal!.Value)];
        double[] medians = [.. order.Select(s => s.Median!.Value)];
        var nominal = plot.Add.ScatterPoints(positions, nominalRanks);
        nominal.Color = ScottPlot.Colors.Black;
        nominal.MarkerSize = 4;
        nominal.LegendText = "nominal rank";
        var median = plot.Add.ScatterPoints(positions, medians);
        median.Color = ScottPlot.Colors.OrangeRed;
        median.MarkerSize = 4;
        median.MarkerShape = ScottPlot.MarkerShape.OpenCircle;
        median.LegendText = "median rank (bar: 5th–95th percentile)";
        if (order.Count <= 40)
        {
            plot.Axes.Bottom.SetTicks(positions, [.. order.Select(s => s.Unit)]);
            plot.Axes.Bottom.TickLabelStyle.Rotation = -60;
            plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleRight;
        }

        plot.Axes.InvertY();
        plot.Title(title);
        plot.XLabel("units, by nominal rank");
        plot.YLabel("rank (1 = best)");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SaveSvg(path, 900, 500);
    }
}
