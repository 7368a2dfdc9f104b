using System.Globalization;
using OneOf;

namespace SmartCity.Domain.Validation;

/// <summary>Collects findings with paths while a composite value is validated.</summary>
internal sealed class ErrorCollector
{
    private readonly List<ValidationError> _items = [];

    public IReadOnlyList<ValidationError> Items => _items;

    public bool HasErrors => _items.Exists(e => e.IsError);

    public void Add(string code, string path, string message, object? attempted = null) =>
        _items.Add(new ValidationError(code, path, message, Format(attempted)));

    public void Warn(string code, string path, string message, object? attempted = null) =>
        _items.Add(new ValidationError(code, path, message, Format(attempted), ValidationSeverity.Warning));

    public void AddRange(IEnumerable<ValidationError> errors, string prefix = "")
    {
        foreach (var e in errors)
        {
            _items.Add(e.WithPathPrefix(prefix));
        }
    }

    /// <summary>Unwraps a factory result, recording its errors under <paramref name="prefix"/>.</summary>
    public T? Take<T>(OneOf<T, ValidationErrors> result, string prefix)
        where T : class
    {
        if (result.TryPickT0(out var value, out var errors))
        {
            return value;
        }

        AddRange(errors, prefix);
        return null;
    }

    public OneOf<T, ValidationErrors> Result<T>(Func<T> create) =>
        HasErrors ? ValidationErrors.Of(_items) : create();

    public ValidationErrors ToErrors() => ValidationErrors.Of(_items);

    internal static string? Format(object? value) => value switch
    {
        null => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
