using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.Contracts;
using System.Runtime.CompilerServices;

namespace SmartCity.Domain.Collections;

/// <summary>
/// An immutable array with value equality: two arrays are equal when they hold equal elements in the same order.
/// </summary>
/// <typeparam name="T">The element type; its own <see cref="IEquatable{T}"/> defines element equality.</typeparam>
/// <remarks>
/// <para>Records that hold collections use this type so that their generated equality compares contents, not references.</para>
/// <para>The default value of this type is the empty array.</para>
/// </remarks>
#pragma warning disable CA1000 // Static members on the generic type are the conventional shape (ImmutableArray<T>.Empty).
[CollectionBuilder(typeof(EquatableArray), nameof(EquatableArray.Create))]
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    private readonly ImmutableArray<T> _items;

    /// <summary>Initializes a new instance of the <see cref="EquatableArray{T}"/> struct wrapping <paramref name="items"/>.</summary>
    /// <param name="items">The items; a default array is treated as empty.</param>
    public EquatableArray(ImmutableArray<T> items) => _items = items.IsDefault ? ImmutableArray<T>.Empty : items;

    /// <summary>Gets the empty array.</summary>
    public static EquatableArray<T> Empty => default;

    /// <summary>Gets the number of elements.</summary>
    public int Count => _items.IsDefault ? 0 : _items.Length;

    /// <summary>Gets the element at <paramref name="index"/>.</summary>
    /// <param name="index">The zero-based index.</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    public T this[int index] => AsImmutableArray()[index];

    /// <summary>Returns the elements as a span.</summary>
    /// <returns>A read-only span over the elements.</returns>
    [Pure]
    public ReadOnlySpan<T> AsSpan() => _items.IsDefault ? default : _items.AsSpan();

    /// <summary>Returns the elements as an immutable array (never a default one).</summary>
    /// <returns>The wrapped array.</returns>
    [Pure]
    public ImmutableArray<T> AsImmutableArray() => _items.IsDefault ? ImmutableArray<T>.Empty : _items;

    /// <inheritdoc/>
    public bool Equals(EquatableArray<T> other) => AsSpan().SequenceEqual(other.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in AsSpan())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Returns a short description such as <c>[a, b, c]</c>.</summary>
    /// <returns>The elements, comma separated, in brackets.</returns>
    public override string ToString() => "[" + string.Join(", ", AsImmutableArray()) + "]";

    /// <summary>Returns an enumerator over the elements.</summary>
    /// <returns>The enumerator.</returns>
    public ImmutableArray<T>.Enumerator GetEnumerator() => AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)AsImmutableArray()).GetEnumerator();

    /// <summary>Compares two arrays by content.</summary>
    /// <param name="left">The first array.</param>
    /// <param name="right">The second array.</param>
    /// <returns><see langword="true"/> when both hold equal elements in the same order.</returns>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Compares two arrays by content.</summary>
    /// <param name="left">The first array.</param>
    /// <param name="right">The second array.</param>
    /// <returns><see langword="true"/> when the arrays differ in length or in any element.</returns>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <summary>Wraps an immutable array.</summary>
    /// <param name="items">The items.</param>
    public static implicit operator EquatableArray<T>(ImmutableArray<T> items) => new(items);

    /// <summary>Wraps an immutable array (the named alternative to the implicit conversion).</summary>
    /// <param name="items">The items.</param>
    /// <returns>The equatable array.</returns>
    public static EquatableArray<T> FromImmutableArray(ImmutableArray<T> items) => new(items);
}

#pragma warning restore CA1000

/// <summary>Factory methods for <see cref="EquatableArray{T}"/>.</summary>
public static class EquatableArray
{
    /// <summary>Creates an equatable array holding a copy of <paramref name="items"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The items, copied; <see langword="null"/> gives the empty array.</param>
    /// <returns>The array.</returns>
    public static EquatableArray<T> Create<T>(IEnumerable<T>? items)
        where T : IEquatable<T> => items is null ? default : new EquatableArray<T>([.. items]);

    /// <summary>Creates an equatable array holding a copy of <paramref name="items"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The items, copied.</param>
    /// <returns>The array.</returns>
    public static EquatableArray<T> Create<T>(params ReadOnlySpan<T> items)
        where T : IEquatable<T> => new([.. items]);
}
