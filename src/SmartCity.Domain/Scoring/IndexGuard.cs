using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// Range checks for the result views' indexers, the inner loops of every table writer: a plain unsigned comparison inline,
/// the throw out of line (a guard clause's generic range check measured several per cent of writing a large table).
/// </summary>
internal static class IndexGuard
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 0 ≤ <paramref name="index"/> &lt; <paramref name="count"/>.</summary>
    public static void InRange(int index, int count, string name)
    {
        if ((uint)index >= (uint)count)
        {
            Throw(index, count, name);
        }
    }

    [DoesNotReturn]
    private static void Throw(int index, int count, string name) =>
        throw new ArgumentOutOfRangeException(name, index, string.Create(CultureInfo.InvariantCulture, $"Input {name} was out of range: it must be from 0 to {count - 1}."));
}
