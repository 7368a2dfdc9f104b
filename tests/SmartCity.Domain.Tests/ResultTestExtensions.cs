using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Tests;

/// <summary>NaN for missing, for tests whose arithmetic compares with a NaN-based reference.</summary>
internal static class ResultTestExtensions
{
    public static double OrNaN(this double? x) => x ?? double.NaN;

    public static double OrNaN(this int? x) => x ?? double.NaN;

    public static double[] OrNaN(this ScoreColumn column) => [.. column.Select(x => x ?? double.NaN)];

    public static double[] OrNaN(this RankColumn column) => [.. column.Select(x => x is { } r ? (double)r : double.NaN)];
}
