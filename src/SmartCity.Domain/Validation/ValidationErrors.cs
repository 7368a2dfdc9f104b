using System.Collections;
using System.Collections.Immutable;
using SmartCity.Domain.Collections;

namespace SmartCity.Domain.Validation;

/// <summary>
/// A non-empty list of validation findings, returned by factories and readers instead of a value. It holds at least one
/// error and may also hold warnings found at the same time.
/// </summary>
/// <remarks>Equality compares the findings in order.</remarks>
public sealed class ValidationErrors : IReadOnlyList<ValidationError>, IEquatable<ValidationErrors>
{
    private readonly EquatableArray<ValidationError> _items;

    private ValidationErrors(EquatableArray<ValidationError> items) => _items = items;

    /// <summary>Gets the findings, errors and warnings, in the order they were found.</summary>
    public EquatableArray<ValidationError> Items => _items;

    /// <summary>Gets the findings whose severity is <see cref="ValidationSeverity.Error"/>.</summary>
    public IEnumerable<ValidationError> Errors => _items.Where(e => e.IsError);

    /// <inheritdoc/>
    public int Count => _items.Count;

    /// <inheritdoc/>
    public ValidationError this[int index] => _items[index];

    /// <summary>Creates the list from findings that contain at least one error.</summary>
    /// <param name="items">The findings.</param>
    /// <returns>The list.</returns>
    /// <exception cref="ArgumentException"><paramref name="items"/> holds no error.</exception>
    public static ValidationErrors Of(IEnumerable<ValidationError> items)
    {
        Guard.Against.Null(items);
        var array = items.ToImmutableArray();
        if (!array.Any(e => e.IsError))
        {
            throw new ArgumentException("A ValidationErrors value needs at least one error.", nameof(items));
        }

        return new ValidationErrors(array);
    }

    /// <summary>Creates the list holding one error.</summary>
    /// <param name="code">The code.</param>
    /// <param name="path">The path.</param>
    /// <param name="message">The message.</param>
    /// <param name="attemptedValue">The attempted value.</param>
    /// <returns>The list.</returns>
    public static ValidationErrors Single(string code, string path, string message, string? attemptedValue = null) =>
        new(ImmutableArray.Create(new ValidationError(code, path, message, attemptedValue))); // the error guards its arguments

    /// <summary>Returns a copy whose paths all start with <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The enclosing path.</param>
    /// <returns>The relocated list.</returns>
    public ValidationErrors WithPathPrefix(string prefix) => new(_items.Select(e => e.WithPathPrefix(prefix)).ToImmutableArray());

    /// <summary>Returns whether any finding has the given code.</summary>
    /// <param name="code">The code to look for.</param>
    /// <returns><see langword="true"/> if a finding carries <paramref name="code"/>.</returns>
    public bool Contains(string code) => _items.Any(e => e.Code == code);

    /// <inheritdoc/>
    public IEnumerator<ValidationError> GetEnumerator() => ((IEnumerable<ValidationError>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(ValidationErrors? other) => other is not null && _items.Equals(other._items);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ValidationErrors);

    /// <inheritdoc/>
    public override int GetHashCode() => _items.GetHashCode();

    /// <summary>Returns every finding, one per line.</summary>
    /// <returns>The findings as text.</returns>
    public override string ToString() => string.Join(Environment.NewLine, _items);
}
