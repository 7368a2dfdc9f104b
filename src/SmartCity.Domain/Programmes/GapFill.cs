using System.Collections.Immutable;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Programmes;

/// <summary>
/// How a stage fills a unit's missing indicator values before scoring (RKCI: when a city's documents are incomplete,
/// the team fills the gaps from open sources and secondary data). A closed set of variants. Only missing values are
/// filled, never an observed one; every filled value is reported (<see cref="FilledValue"/>), and the filled data is
/// what later stages see.
/// </summary>
public abstract record GapFill
{
    private protected GapFill()
    {
    }

    /// <summary>Gets a readable description.</summary>
    public abstract string Description { get; }

    /// <summary>Fills a missing value of column <c>x</c> from the column <c>{prefix}x</c> of the same dataset (for example <c>secondary.eco_grdp_pc</c>).</summary>
    /// <param name="prefix">The prefix of the secondary-data columns.</param>
    /// <returns>The rule.</returns>
    public static SecondaryColumnsGapFill FromColumns(string prefix = "secondary.") => new(Guard.Against.Null(prefix));

    /// <summary>Fills a missing value from the same unit and column of another dataset (a secondary source).</summary>
    /// <param name="secondary">The secondary data; units and columns it lacks fill nothing.</param>
    /// <param name="source">The source's name, reported with every filled value.</param>
    /// <returns>The rule.</returns>
    public static SecondaryDatasetGapFill FromDataset(Dataset secondary, string source) => new(Guard.Against.Null(secondary), Guard.Against.Null(source));

    /// <summary>Returns the description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Description;

    /// <summary>Looks up the secondary value of a column for a unit of <paramref name="data"/>; NaN when there is none.</summary>
    internal abstract double Lookup(Dataset data, int unit, string column);

    /// <summary>Gets the name of the source reported for a filled value of a column.</summary>
    internal abstract string SourceOf(string column);

    /// <summary>Fills the missing values of <paramref name="columns"/> for <paramref name="units"/>; returns the filled dataset and what was filled.</summary>
    internal (Dataset Data, ImmutableArray<FilledValue> Filled) Apply(Dataset data, IReadOnlyCollection<string> units, IEnumerable<string> columns)
    {
        var edits = new List<(int Unit, int Column, double Value)>();
        var filled = ImmutableArray.CreateBuilder<FilledValue>();
        var rows = units.Select(data.IndexOfUnit).Where(r => r >= 0).Order().ToList();
        foreach (var column in columns)
        {
            var c = data.IndexOfColumn(column);
            if (c < 0)
            {
                continue;
            }

            var values = data.Column(c);
            foreach (var r in rows)
            {
                if (!double.IsNaN(values[r]))
                {
                    continue;
                }

                var v = Lookup(data, r, column);
                if (double.IsFinite(v))
                {
                    edits.Add((r, c, v));
                    filled.Add(new FilledValue(data.Units[r], column, v, SourceOf(column)));
                }
            }
        }

        return (edits.Count == 0 ? data : data.WithValues(edits), filled.ToImmutable());
    }
}

/// <summary>Fills column <c>x</c> from column <see cref="Prefix"/><c>x</c> of the same dataset.</summary>
/// <param name="Prefix">The prefix of the secondary columns.</param>
public sealed record SecondaryColumnsGapFill(string Prefix) : GapFill
{
    /// <inheritdoc/>
    public override string Description => $"fill missing values from columns '{Prefix}<column>'";

    /// <inheritdoc/>
    public override string ToString() => Description;

    internal override double Lookup(Dataset data, int unit, string column)
    {
        var c = data.IndexOfColumn(Prefix + column);
        return c < 0 ? double.NaN : data.Column(c)[unit];
    }

    internal override string SourceOf(string column) => Prefix + column;
}

/// <summary>Fills a missing value from the same unit and column of <see cref="Secondary"/>.</summary>
/// <param name="Secondary">The secondary data.</param>
/// <param name="Source">The source's name.</param>
public sealed record SecondaryDatasetGapFill(Dataset Secondary, string Source) : GapFill
{
    /// <inheritdoc/>
    public override string Description => $"fill missing values from {Source}";

    /// <inheritdoc/>
    public override string ToString() => Description;

    internal override double Lookup(Dataset data, int unit, string column)
    {
        var r = Secondary.IndexOfUnit(data.Units[unit]);
        var c = Secondary.IndexOfColumn(column);
        return r < 0 || c < 0 ? double.NaN : Secondary.Column(c)[r];
    }

    internal override string SourceOf(string column) => Source;
}

/// <summary>A value a stage filled: which unit and column, the value, and where it came from.</summary>
/// <param name="Unit">The unit code.</param>
/// <param name="Column">The data column.</param>
/// <param name="Value">The value filled in.</param>
/// <param name="Source">The secondary source (a column name or a source name).</param>
public readonly record struct FilledValue(string Unit, string Column, double Value, string Source);
