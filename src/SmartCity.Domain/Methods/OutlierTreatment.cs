using System.Globalization;
using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Methods;

/// <summary>
/// How outliers of an indicator are treated before normalisation: a closed set of variants modelled on COINr's <c>Treat</c>.
/// </summary>
/// <remarks>
/// An indicator passes when <c>|skewness| &lt; SkewnessThreshold</c> or <c>kurtosis &lt; KurtosisThreshold</c> (sample skewness
/// and excess kurtosis, type 2). Specification syntax: <c>none | default | combine | winsorise:N</c>.
/// </remarks>
public abstract record OutlierTreatment
{
    private protected OutlierTreatment(int winsorisationLimit, double skewnessThreshold, double kurtosisThreshold)
    {
        WinsorisationLimit = winsorisationLimit;
        SkewnessThreshold = skewnessThreshold;
        KurtosisThreshold = kurtosisThreshold;
    }

    /// <summary>Gets "no treatment".</summary>
    public static NoTreatment None { get; } = new();

    /// <summary>Gets COINr's default: winsorise up to 5 points, else log-transform the original values.</summary>
    public static WinsoriseThenLogTreatment CoinrDefault { get; } = new(5, 2, 3.5, combine: false);

    /// <summary>Gets the combine variant: winsorise up to 5 points, else log-transform the winsorised values.</summary>
    public static WinsoriseThenLogTreatment Combine { get; } = new(5, 2, 3.5, combine: true);

    /// <summary>Gets the most points winsorisation may change before it gives up.</summary>
    public int WinsorisationLimit { get; }

    /// <summary>Gets the absolute skewness at or above which an indicator may fail.</summary>
    public double SkewnessThreshold { get; }

    /// <summary>Gets the excess kurtosis at or above which an indicator may fail.</summary>
    public double KurtosisThreshold { get; }

    /// <summary>Gets the specification text.</summary>
    public abstract string Spec { get; }

    /// <summary>Creates the winsorise-then-log treatment with explicit parameters.</summary>
    /// <param name="winsorisationLimit">The most points to winsorise (≥ 1).</param>
    /// <param name="skewnessThreshold">The skewness threshold (finite, &gt; 0).</param>
    /// <param name="kurtosisThreshold">The kurtosis threshold (finite).</param>
    /// <param name="combine">Whether the log is applied to the winsorised values (<see langword="true"/>) or to the original ones.</param>
    /// <returns>The treatment, or <c>method.parameter</c> errors.</returns>
    public static OneOf<WinsoriseThenLogTreatment, ValidationErrors> WinsoriseThenLog(int winsorisationLimit = 5, double skewnessThreshold = 2, double kurtosisThreshold = 3.5, bool combine = false)
    {
        var errors = Check(winsorisationLimit, skewnessThreshold, kurtosisThreshold);
        return errors.Result(() => new WinsoriseThenLogTreatment(winsorisationLimit, skewnessThreshold, kurtosisThreshold, combine));
    }

    /// <summary>Creates winsorisation without the log fallback.</summary>
    /// <param name="winsorisationLimit">The most points to winsorise (≥ 1).</param>
    /// <param name="skewnessThreshold">The skewness threshold.</param>
    /// <param name="kurtosisThreshold">The kurtosis threshold.</param>
    /// <returns>The treatment, or <c>method.parameter</c> errors.</returns>
    public static OneOf<WinsoriseOnlyTreatment, ValidationErrors> WinsoriseOnly(int winsorisationLimit = 5, double skewnessThreshold = 2, double kurtosisThreshold = 3.5)
    {
        var errors = Check(winsorisationLimit, skewnessThreshold, kurtosisThreshold);
        return errors.Result(() => new WinsoriseOnlyTreatment(winsorisationLimit, skewnessThreshold, kurtosisThreshold));
    }

    /// <summary>Parses <c>none | default | combine | winsorise:N</c>.</summary>
    /// <param name="spec">The text.</param>
    /// <returns>The treatment, or a <c>treatment.spec</c> error (<c>method.parameter</c> for a winsorisation limit below 1).</returns>
    public static OneOf<OutlierTreatment, ValidationErrors> Parse(string spec)
    {
        Guard.Against.Null(spec);
        var (head, tail) = SpecText.Split(spec);
        switch (head)
        {
            case "NONE" when tail is null:
                return None;
            case "DEFAULT" when tail is null:
                return CoinrDefault;
            case "COMBINE" when tail is null:
                return Combine;
            case "WINSORISE" or "WINSORIZE" when tail is null:
                return new WinsoriseOnlyTreatment(5, 2, 3.5);
            case "WINSORISE" or "WINSORIZE" when int.TryParse(tail, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n):
                return WinsoriseOnly(n).Match<OneOf<OutlierTreatment, ValidationErrors>>(t => t, e => e);
        }

        return ValidationErrors.Single(ErrorCodes.TreatmentSpec, string.Empty, "Unknown treatment; expected none, default, combine or winsorise:N.", spec);
    }

    /// <summary>Returns the specification text.</summary>
    /// <returns>The same as <see cref="Spec"/>.</returns>
    public override string ToString() => Spec;

    private static ErrorCollector Check(int limit, double skew, double kurt)
    {
        var errors = new ErrorCollector();
        if (limit < 1)
        {
            errors.Add(ErrorCodes.MethodParameter, "winsorisationLimit", "The winsorisation limit must be at least 1.", limit);
        }

        if (!double.IsFinite(skew) || skew <= 0)
        {
            errors.Add(ErrorCodes.MethodParameter, "skewnessThreshold", "The skewness threshold must be a positive finite number.", skew);
        }

        if (!double.IsFinite(kurt))
        {
            errors.Add(ErrorCodes.MethodParameter, "kurtosisThreshold", "The kurtosis threshold must be finite.", kurt);
        }

        return errors;
    }
}

/// <summary>No outlier treatment.</summary>
public sealed record NoTreatment : OutlierTreatment
{
    internal NoTreatment()
        : base(0, 2, 3.5)
    {
    }

    /// <inheritdoc/>
    public override string Spec => "none";

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>
/// COINr's default treatment: winsorise iteratively on the side of the skew until the indicator passes or the limit is
/// reached; if it still fails, apply <c>log(v − min(v) + 0.01·(max(v) − min(v)))</c> to the original values (or, with
/// <see cref="CombineWithWinsorised"/>, to the winsorised ones).
/// </summary>
public sealed record WinsoriseThenLogTreatment : OutlierTreatment
{
    internal WinsoriseThenLogTreatment(int winsorisationLimit, double skewnessThreshold, double kurtosisThreshold, bool combine)
        : base(winsorisationLimit, skewnessThreshold, kurtosisThreshold) => CombineWithWinsorised = combine;

    /// <summary>Gets a value indicating whether the log applies to the winsorised values (COINr <c>combine_treat = TRUE</c>).</summary>
    public bool CombineWithWinsorised { get; }

    /// <inheritdoc/>
    public override string Spec => (WinsorisationLimit, SkewnessThreshold, KurtosisThreshold) == (5, 2, 3.5)
        ? (CombineWithWinsorised ? "combine" : "default")
        : string.Create(CultureInfo.InvariantCulture, $"{(CombineWithWinsorised ? "combine" : "default")}(winmax={WinsorisationLimit},skew={SkewnessThreshold},kurt={KurtosisThreshold})");

    /// <inheritdoc/>
    public override string ToString() => Spec;
}

/// <summary>Winsorisation only: as <see cref="WinsoriseThenLogTreatment"/> but without the log fallback.</summary>
public sealed record WinsoriseOnlyTreatment : OutlierTreatment
{
    internal WinsoriseOnlyTreatment(int winsorisationLimit, double skewnessThreshold, double kurtosisThreshold)
        : base(winsorisationLimit, skewnessThreshold, kurtosisThreshold)
    {
    }

    /// <inheritdoc/>
    public override string Spec => string.Create(CultureInfo.InvariantCulture, $"winsorise:{WinsorisationLimit}");

    /// <inheritdoc/>
    public override string ToString() => Spec;
}
