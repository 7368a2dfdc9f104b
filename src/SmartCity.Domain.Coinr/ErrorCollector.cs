using System.Globalization;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Coinr;

/// <summary>Collects the findings of one read, built only from the core's public <see cref="ValidationError"/> and <see cref="ValidationErrors"/>.</summary>
internal sealed class ErrorCollector
{
    private readonly List<ValidationError> _items = [];

    public bool HasErrors => _items.Exists(e => e.IsError);

    /// <summary>Gets the number of findings so far.</summary>
    public int Count => _items.Count;

    public void Add(string code, string path, string message, object? attempted = null) =>
        _items.Add(new ValidationError(code, path, message, Format(attempted)));

    public void AddRange(IEnumerable<ValidationError> errors) => _items.AddRange(errors);

    /// <summary>Adds the findings <paramref name="start"/> to <paramref name="end"/> (exclusive) of another collector, in order.</summary>
    public void AddRange(ErrorCollector other, int start, int end)
    {
        if (end > start)
        {
            _items.AddRange(other._items.GetRange(start, end - start));
        }
    }

    /// <summary>Forgets every finding (a collector reused for the next block of a parallel read).</summary>
    public void Clear() => _items.Clear();

    public ValidationErrors ToErrors() => ValidationErrors.Of(_items);

    private static string? Format(object? value) => value switch
    {
        null => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
