using System.Globalization;
using CsvHelper;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Coinr;

/// <summary>
/// Writes scoring results in COINr's CSV layout: <c>uCode</c> first, one column per indicator or aggregate, doubles in
/// shortest round-trip form, an empty cell for missing. Aggregate columns are ordered by level, then by code.
/// </summary>
public static class ResultsCsv
{
    /// <summary>Writes every output file into <paramref name="directory"/>; returns the file names written.</summary>
    /// <param name="result">An evaluated result (with ranks).</param>
    /// <param name="directory">The output folder, created if needed.</param>
    /// <param name="includeImputed">Whether to write <c>imputed.csv</c>.</param>
    /// <param name="includeTreated">Whether to write <c>treated.csv</c>, <c>treatment_details.csv</c> and <c>treated_points.csv</c>.</param>
    /// <returns>The names of the files written.</returns>
    public static IReadOnlyList<string> WriteAll(ScoreResult result, string directory, bool includeImputed, bool includeTreated)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        void Write(string name, Action<TextWriter> body)
        {
            using (var writer = new StreamWriter(Path.Combine(directory, name)))
            {
                body(writer);
            }

            written.Add(name);
        }

        Write("normalised.csv", w => WriteNormalised(result, w));
        Write("aggregated.csv", w => WriteAggregated(result, w));
        Write("ranks.csv", w => WriteRanks(result, w));
        Write("contributions.csv", w => WriteContributions(result, result.Plan.NodeCodes[result.Plan.RootIndex], w));
        if (includeImputed)
        {
            Write("imputed.csv", w => WriteIndicatorTable(result, result.Imputed, w));
        }

        if (includeTreated)
        {
            Write("treated.csv", w => WriteIndicatorTable(result, result.Treated, w));
            Write("treatment_details.csv", w => WriteTreatmentDetails(result, w));
            Write("treated_points.csv", w => WriteTreatedPoints(result, w));
        }

        return written;
    }

    /// <summary>Writes <c>uCode</c> + every indicator's normalised values.</summary>
    /// <param name="result">The result.</param>
    /// <param name="writer">Where to write.</param>
    public static void WriteNormalised(ScoreResult result, TextWriter writer) =>
        WriteIndicatorTable(result, i => result.Scores(i), writer);

    /// <summary>Writes <c>uCode</c> + every aggregate's score, by level then code.</summary>
    /// <param name="result">The result.</param>
    /// <param name="writer">Where to write.</param>
    public static void WriteAggregated(ScoreResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        var nodes = AggregateOrder(result.Plan);
        WriteTable(result, [.. nodes.Select(n => result.Plan.NodeCodes[n])], nodes.Select<int, Func<int, double>>(n => u => result.Scores(n)[u]).ToList(), writer);
    }

    /// <summary>Writes <c>uCode</c> + every aggregate's rank (1 = best, ties share the lowest rank, missing empty).</summary>
    /// <param name="result">The result.</param>
    /// <param name="writer">Where to write.</param>
    public static void WriteRanks(ScoreResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        var nodes = AggregateOrder(result.Plan);
        var codes = nodes.Select(n => result.Plan.NodeCodes[n]).ToList();
        WriteTable(result, codes, codes.Select<string, Func<int, double>>(c => u => result.Ranks(c)[u]).ToList(), writer);
    }

    /// <summary>Writes <c>uCode</c> + each indicator's contribution to a node's score.</summary>
    /// <param name="result">The result.</param>
    /// <param name="node">The node, usually the root.</param>
    /// <param name="writer">Where to write.</param>
    public static void WriteContributions(ScoreResult result, string node, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = result.GetContributions(node);
        WriteTable(result, table.Indicators, table.Indicators.Select<string, Func<int, double>>((_, j) => u => table[u, j]).ToList(), writer);
    }

    private static void WriteIndicatorTable(ScoreResult result, Func<int, ReadOnlySpan<double>> column, TextWriter writer)
    {
        var plan = result.Plan;
        var columns = Enumerable.Range(0, plan.IndicatorCount).ToList();
        WriteTable(result, [.. columns.Select(i => plan.NodeCodes[i])], columns.Select<int, Func<int, double>>(i => u => column(i)[u]).ToList(), writer);
    }

    private static void WriteTable(ScoreResult result, IReadOnlyList<string> header, IReadOnlyList<Func<int, double>> columns, TextWriter writer)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.WriteField("uCode");
        foreach (var h in header)
        {
            csv.WriteField(h);
        }

        csv.NextRecord();
        var units = result.Data!.Units;
        for (var u = 0; u < units.Length; u++)
        {
            csv.WriteField(units[u]);
            foreach (var c in columns)
            {
                csv.WriteField(DatasetCsv.Format(c(u)));
            }

            csv.NextRecord();
        }
    }

    private static void WriteTreatmentDetails(ScoreResult result, TextWriter writer)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        string[] header = ["iCode", "check_SkewKurt0.Pass", "check_SkewKurt0.Skew", "check_SkewKurt0.Kurt", "winsorise.nwin", "check_SkewKurt1.Pass", "check_SkewKurt1.Skew", "check_SkewKurt1.Kurt", "check_SkewKurt2.Pass", "check_SkewKurt2.Skew", "check_SkewKurt2.Kurt"];
        foreach (var h in header)
        {
            csv.WriteField(h);
        }

        csv.NextRecord();
        for (var i = 0; i < result.Plan.IndicatorCount; i++)
        {
            if (result.Treatment(i) is not { } report)
            {
                continue;
            }

            csv.WriteField(report.Indicator);
            for (var stage = 0; stage < 3; stage++)
            {
                var check = report.Checks.FirstOrDefault(c => c.Stage == stage);
                var has = report.Checks.Any(c => c.Stage == stage);
                csv.WriteField(has ? (check.Pass ? "TRUE" : "FALSE") : string.Empty);
                csv.WriteField(has ? DatasetCsv.Format(check.Skewness) : string.Empty);
                csv.WriteField(has ? DatasetCsv.Format(check.Kurtosis) : string.Empty);
                if (stage == 0)
                {
                    csv.WriteField(report.WinsorisedPoints?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
                }
            }

            csv.NextRecord();
        }
    }

    private static void WriteTreatedPoints(ScoreResult result, TextWriter writer)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        var treated = Enumerable.Range(0, result.Plan.IndicatorCount).Where(i => result.Treatment(i) is not null).ToList();
        csv.WriteField("uCode");
        foreach (var i in treated)
        {
            csv.WriteField(result.Plan.NodeCodes[i]);
        }

        csv.NextRecord();
        for (var u = 0; u < result.UnitCount; u++)
        {
            csv.WriteField(result.Data!.Units[u]);
            foreach (var i in treated)
            {
                csv.WriteField(result.Treatment(i)!.PointFlags[u]);
            }

            csv.NextRecord();
        }
    }

    internal static List<int> AggregateOrder(ScoringPlan plan) =>
        [.. Enumerable.Range(plan.IndicatorCount, plan.GroupCount).OrderBy(n => plan.Levels[n]).ThenBy(n => plan.NodeCodes[n], StringComparer.Ordinal)];
}
