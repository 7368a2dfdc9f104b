using SmartCity.Domain.Frameworks;

namespace SmartCity.Domain.Coinr;

/// <summary>
/// Which columns of a dataset CSV are numeric (required, each cell a number or empty/<c>NA</c> for missing); every other
/// column except <c>uCode</c> is read as a text attribute. Chosen once the header is known, so a rule may depend on it.
/// </summary>
/// <example>
/// <code>
/// DatasetColumns.Of(framework);                       // the framework's indicators and denominators
/// DatasetColumns.Of(["pop", "area"]);                 // a fixed list
/// DatasetColumns.FromHeader(programme.NumericColumns); // a rule over the header (here: an assessment programme's)
/// </code>
/// </example>
public sealed class DatasetColumns
{
    private readonly Func<IReadOnlyList<string>, IEnumerable<string>> _select;

    private DatasetColumns(Func<IReadOnlyList<string>, IEnumerable<string>> select) => _select = select;

    /// <summary>The columns a framework scores: its indicators, then its denominators.</summary>
    /// <param name="framework">The framework.</param>
    /// <returns>The column rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> is null.</exception>
    public static DatasetColumns Of(RatingFramework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        string[] columns = [.. framework.Indicators.Select(i => i.Code).Concat(framework.Denominators.Select(d => d.Code))];
        return new DatasetColumns(_ => columns);
    }

    /// <summary>A fixed list of numeric columns.</summary>
    /// <param name="numericColumns">The column names, each required.</param>
    /// <returns>The column rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="numericColumns"/> is null.</exception>
    public static DatasetColumns Of(IEnumerable<string> numericColumns)
    {
        ArgumentNullException.ThrowIfNull(numericColumns);
        string[] columns = [.. numericColumns];
        return new DatasetColumns(_ => columns);
    }

    /// <summary>A rule that picks the numeric columns from the header, such as <c>Programme.NumericColumns</c>.</summary>
    /// <param name="numericColumns">Given the header's column names, returns the numeric columns (each required).</param>
    /// <returns>The column rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="numericColumns"/> is null.</exception>
    public static DatasetColumns FromHeader(Func<IReadOnlyList<string>, IEnumerable<string>> numericColumns)
    {
        ArgumentNullException.ThrowIfNull(numericColumns);
        return new DatasetColumns(numericColumns);
    }

    /// <summary>Returns the numeric columns for a table with this header, each once, in order.</summary>
    /// <param name="header">The header's column names.</param>
    /// <returns>The numeric columns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> is null.</exception>
    public IReadOnlyList<string> NumericColumns(IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return [.. (_select(header) ?? []).Distinct(StringComparer.Ordinal)];
    }
}
