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
        Write("contributions.csv", w => WriteContributions(result, result.Root, w));
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
        WriteIndicatorTable(result, result.Scores, writer);

    /// <summary>Writes <c>uCode</c> + every aggregate's score, by level then code.</summary>
    /// <param name="result">The result.</param>
    /// <param name="writer">Where to write.</param>
    public static void WriteAggregated(ScoreResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        var nodes = AggregateOrder(result.Plan);
        WriteTable(result, [.. nodes.Select(n => result.Plan.NodeCodes[n])], nodes.Select(n => result.Scores(result.Plan.NodeCodes[n])).Select<ScoreColumn, Func<int, double?>>(s => u => s[u]).ToList(), writer);
    }

    /// <summary>Writes <c>uCode</c> + every aggregate's rank (1 = best, ties share the lowest rank, missing empty).</summary>
    /// <param name="result">The result.</param>
    /// <param name="writer">Where to write.</param>
    public static void WriteRanks(ScoreResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        var nodes = AggregateOrder(result.Plan);
        var codes = nodes.Select(n => result.Plan.NodeCodes[n]).ToList();
        WriteTable(result, codes, codes.Select(result.Ranks).Select<RankColumn, Func<int, double?>>(r => u => r[u]).ToList(), writer);
    }

    /// <summary>Writes <c>uCode</c> + each indicator's contribution to a node's score.</summary>
    /// <param name="result">The result.</param>
    /// <param name="node">The node, usually the root.</param>
    /// <param name="writer">Where to write.</param>
    public static void WriteContributions(ScoreResult result, string node, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = result.GetContributions(node);
        WriteTable(result, table.Indicators, table.Indicators.Select<string, Func<int, double?>>((_, j) => u => table[u, j]).ToList(), writer);
    }

    private static void WriteIndicatorTable(ScoreResult result, Func<string, ScoreColumn> column, TextWriter writer)
    {
        var codes = result.Framework.Indicators.Select(i => i.Code).ToList();
        WriteTable(result, codes, codes.Select(column).Select<ScoreColumn, Func<int, double?>>(c => u => c[u]).ToList(), writer);
    }

    private static void WriteTable(ScoreResult result, IReadOnlyList<string> header, IReadOnlyList<Func<int, double?>> columns, TextWriter writer)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.WriteField("uCode");
        foreach (var h in header)
        {
            csv.WriteField(h);
        }

        csv.NextRecord();
        var units = result.Units;
        for (var u = 0; u < units.Length; u++)
        {
            csv.WriteField(units[u]);
            foreach (var c in columns)
            {
                csv.WriteField(DatasetCsv.Format(c(u) ?? double.NaN));
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
        foreach (var report in result.TreatmentReports)
        {
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
        var treated = result.TreatmentReports;
        csv.WriteField("uCode");
        foreach (var report in treated)
        {
            csv.WriteField(report.Indicator);
        }

        csv.NextRecord();
        for (var u = 0; u < result.UnitCount; u++)
        {
            csv.WriteField(result.Units[u]);
            foreach (var report in treated)
            {
                csv.WriteField(report.PointFlags[u]);
            }

            csv.NextRecord();
        }
    }

    internal static List<int> AggregateOrder(ScoringPlan plan) =>
        [.. Enumerable.Range(plan.IndicatorCount, plan.GroupCount).OrderBy(n => plan.Levels[n]).ThenBy(n => plan.NodeCodes[n], StringComparer.Ordinal)];
}
