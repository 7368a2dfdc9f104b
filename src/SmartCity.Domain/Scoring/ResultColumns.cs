using System.Collections;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// A read-only view of one node's values in a <see cref="ScoreResult"/> (scores, imputed or treated values), one per unit
/// in dataset row order; <see langword="null"/> where missing. It copies nothing and cannot change the result. It serialises
/// as a JSON array, <see langword="null"/> where missing (<see cref="Serialization.ResultJson"/>).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.ScoreColumnJsonConverter))]
public readonly struct ScoreColumn : IReadOnlyList<double?>
{
    private readonly double[]? _values;
    private readonly int _start;

    internal ScoreColumn(double[] values, int start, int count)
    {
        _values = values;
        _start = start;
        Count = count;
    }

    /// <summary>Gets the number of units.</summary>
    public int Count { get; }

    /// <summary>Gets one unit's value.</summary>
    /// <param name="index">The unit's row (0 … <see cref="Count"/> − 1).</param>
    /// <returns>The value, or <see langword="null"/> when missing.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row is out of range.</exception>
    public double? this[int index]
    {
        get
        {
            IndexGuard.InRange(index, Count, nameof(index));
            return ScoreResult.Missing(_values![_start + index]);
        }
    }

    /// <summary>Copies the values into a new array.</summary>
    /// <returns>One value per unit, <see langword="null"/> where missing.</returns>
    public double?[] ToArray()
    {
        var copy = new double?[Count];
        for (var u = 0; u < Count; u++)
        {
            copy[u] = this[u];
        }

        return copy;
    }

    /// <inheritdoc/>
    public IEnumerator<double?> GetEnumerator()
    {
        for (var u = 0; u < Count; u++)
        {
            yield return this[u];
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The values as a span, NaN where missing, for the library's own loops.</summary>
    internal ReadOnlySpan<double> Raw => _values is null ? default : _values.AsSpan(_start, Count);
}

/// <summary>
/// A read-only view of one group's ranks in a <see cref="ScoreResult"/>, one per unit in dataset row order: 1 is best,
/// ties share the lowest rank, <see langword="null"/> where the score is missing. It copies nothing. It serialises as a JSON
/// array, <see langword="null"/> where missing (<see cref="Serialization.ResultJson"/>).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.RankColumnJsonConverter))]
public readonly struct RankColumn : IReadOnlyList<int?>
{
    private readonly double[]? _ranks;
    private readonly int _start;

    internal RankColumn(double[] ranks, int start, int count)
    {
        _ranks = ranks;
        _start = start;
        Count = count;
    }

    /// <summary>Gets the number of units.</summary>
    public int Count { get; }

    /// <summary>Gets one unit's rank.</summary>
    /// <param name="index">The unit's row (0 … <see cref="Count"/> − 1).</param>
    /// <returns>The rank, or <see langword="null"/> when the score is missing.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row is out of range.</exception>
    public int? this[int index]
    {
        get
        {
            IndexGuard.InRange(index, Count, nameof(index));
            var r = _ranks![_start + index];
            return double.IsNaN(r) ? null : (int)r;
        }
    }

    /// <summary>Copies the ranks into a new array.</summary>
    /// <returns>One rank per unit, <see langword="null"/> where missing.</returns>
    public int?[] ToArray()
    {
        var copy = new int?[Count];
        for (var u = 0; u < Count; u++)
        {
            copy[u] = this[u];
        }

        return copy;
    }

    /// <inheritdoc/>
    public IEnumerator<int?> GetEnumerator()
    {
        for (var u = 0; u < Count; u++)
        {
            yield return this[u];
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
