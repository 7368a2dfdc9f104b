using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Panels;

/// <summary>
/// Panel data: several editions (years) of the same kind of dataset, one <see cref="Dataset"/> per time point (COINr's
/// purse). Immutable. Units may join or leave between editions; every edition has the same numeric columns.
/// </summary>
public sealed class PanelData
{
    private readonly ImmutableDictionary<int, Dataset> _editions;

    private PanelData(ImmutableArray<int> times, ImmutableDictionary<int, Dataset> editions)
    {
        Times = times;
        _editions = editions;
        Units = [.. times.SelectMany(t => editions[t].Units).Distinct(StringComparer.Ordinal)];
        Columns = editions[times[0]].Columns;
    }

    /// <summary>Gets the time points, ascending.</summary>
    public ImmutableArray<int> Times { get; }

    /// <summary>Gets every unit that appears in some edition, in order of first appearance.</summary>
    public ImmutableArray<string> Units { get; }

    /// <summary>Gets the numeric columns (the same in every edition).</summary>
    public ImmutableArray<string> Columns { get; }

    /// <summary>Creates a panel from one dataset per time point.</summary>
    /// <param name="editions">The datasets by time point (a year).</param>
    /// <returns>The panel, or <c>panel.spec</c> errors: no edition, or editions whose numeric columns differ.</returns>
    public static OneOf<PanelData, ValidationErrors> Create(IEnumerable<KeyValuePair<int, Dataset>> editions)
    {
        Guard.Against.Null(editions);
        var errors = new ErrorCollector();
        var map = ImmutableDictionary.CreateBuilder<int, Dataset>();
        foreach (var (time, data) in editions)
        {
            Guard.Against.Null(data);
            if (!map.TryAdd(time, data))
            {
                errors.Add(ErrorCodes.PanelSpec, Path(time), $"The time {time.ToString(CultureInfo.InvariantCulture)} is given twice.", time.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (map.Count == 0)
        {
            errors.Add(ErrorCodes.PanelSpec, "editions", "A panel needs at least one edition.");
            return errors.ToErrors();
        }

        var times = map.Keys.Order().ToImmutableArray();
        var columns = map[times[0]].Columns;
        foreach (var t in times.Skip(1))
        {
            if (!map[t].Columns.SequenceEqual(columns))
            {
                errors.Add(ErrorCodes.PanelSpec, Path(t) + ".columns", $"The edition {t.ToString(CultureInfo.InvariantCulture)} has other numeric columns than the edition {times[0].ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        return errors.Result(() => new PanelData(times, map.ToImmutable()));
    }

    /// <summary>Returns the dataset of one time point.</summary>
    /// <param name="time">The time point.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="KeyNotFoundException">The panel has no such time point.</exception>
    public Dataset Edition(int time) => _editions[time];

    /// <summary>Returns one value, or NaN when missing or when the unit is not in that edition.</summary>
    /// <param name="unit">The unit code.</param>
    /// <param name="column">The column.</param>
    /// <param name="time">The time point.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The panel has no such time point or column.</exception>
    public double Value(string unit, string column, int time)
    {
        var d = Edition(time);
        var u = d.IndexOfUnit(Guard.Against.Null(unit));
        var c = d.IndexOfColumn(Guard.Against.Null(column));
        if (c < 0)
        {
            throw new KeyNotFoundException($"No column '{column}'.");
        }

        return u < 0 ? double.NaN : d.Column(c)[u];
    }

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PanelData(times={Times.Length}, units={Units.Length}, columns={Columns.Length})");

    internal ImmutableDictionary<int, Dataset> Editions => _editions;

    internal static string Path(int time) => string.Create(CultureInfo.InvariantCulture, $"editions[{time}]");

    /// <summary>The editions stacked (time after time, each in its row order), with row codes <c>r0, r1, ...</c>.</summary>
    internal Dataset Stacked()
    {
        var rows = Times.Sum(t => _editions[t].UnitCount);
        var codes = new List<string>(rows);
        var values = new double[rows * Columns.Length];
        var names = Times.SelectMany(t => _editions[t].Attributes.Keys).Distinct(StringComparer.Ordinal).ToArray();
        var attributes = names.ToDictionary(n => n, _ => new List<string?>(rows), StringComparer.Ordinal);
        var offset = 0;
        foreach (var t in Times)
        {
            var d = _editions[t];
            codes.AddRange(Enumerable.Range(codes.Count, d.UnitCount).Select(k => "r" + k.ToString(CultureInfo.InvariantCulture)));
            for (var c = 0; c < Columns.Length; c++)
            {
                d.Column(c).CopyTo(values.AsSpan((c * rows) + offset, d.UnitCount));
            }

            foreach (var n in names)
            {
                attributes[n].AddRange(d.Attributes.TryGetValue(n, out var a) ? a : Enumerable.Repeat<string?>(null, d.UnitCount));
            }

            offset += d.UnitCount;
        }

        var result = Dataset.CreateColumnMajor(codes, Columns, values, attributes.ToDictionary(a => a.Key, a => (IReadOnlyList<string?>)a.Value, StringComparer.Ordinal));
        return result.Match(s => s, e => throw new InvalidOperationException(e.ToString()));
    }
}
