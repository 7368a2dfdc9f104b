using System.Collections.Immutable;
using System.Globalization;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// What COINr-style outlier treatment did to one indicator: skewness, kurtosis and the pass test before treatment (stage
/// 0), after winsorising (stage 1) and after the log transform (stage 2), the points winsorised, and per-point flags.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.TreatmentReportJsonConverter))]
public sealed record TreatmentReport
{
    internal TreatmentReport(string indicator, ImmutableArray<TreatmentCheck> checks, int? winsorisedPoints, ImmutableArray<string> flags)
    {
        Indicator = indicator;
        Checks = checks;
        WinsorisedPoints = winsorisedPoints;
        PointFlags = flags;
    }

    /// <summary>Gets the indicator code.</summary>
    public string Indicator { get; }

    /// <summary>Gets the checks made: stage 0 always, stage 1 after winsorising, stage 2 after the log transform.</summary>
    public ImmutableArray<TreatmentCheck> Checks { get; }

    /// <summary>Gets COINr's <c>nwin</c>: the number of points at the last winsorised extreme(s), or <see langword="null"/> when winsorisation did not run.</summary>
    public int? WinsorisedPoints { get; }

    /// <summary>Gets one flag per unit: empty, <c>winhi</c>, <c>winlo</c>, <c>log_CT</c>, <c>winhi+log_CT</c>, <c>+log_CT</c> (COINr's <c>Treated_Points</c>).</summary>
    public ImmutableArray<string> PointFlags { get; }

    /// <inheritdoc/>
    public bool Equals(TreatmentReport? other) =>
        other is not null && Indicator == other.Indicator && Checks.SequenceEqual(other.Checks) && WinsorisedPoints == other.WinsorisedPoints && PointFlags.SequenceEqual(other.PointFlags);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Indicator, Checks.Length, WinsorisedPoints);

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"TreatmentReport({Indicator}, stages={Checks.Length}, nwin={WinsorisedPoints?.ToString(CultureInfo.InvariantCulture) ?? "-"})";
}

/// <summary>One skewness/kurtosis check of a treatment.</summary>
/// <param name="Stage">0 before treatment, 1 after winsorising, 2 after the log transform.</param>
/// <param name="Pass">Whether <c>|skew| &lt; threshold</c> or <c>kurtosis &lt; threshold</c>.</param>
/// <param name="Skewness">The sample skewness (type 2); <see langword="null"/> when undefined (the values do not vary).</param>
/// <param name="Kurtosis">The sample excess kurtosis (type 2); <see langword="null"/> when undefined.</param>
public readonly record struct TreatmentCheck(int Stage, bool Pass, double? Skewness, double? Kurtosis);
