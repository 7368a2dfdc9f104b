using OneOf;

namespace SmartCity.Domain.Validation;

/// <summary>Helpers for <c>OneOf&lt;T, ValidationErrors&gt;</c> results.</summary>
public static class ValidationResultExtensions
{
    /// <summary>Returns the value, or throws when the result holds errors.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="result">The result of a factory or reader.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ValidationException">The result holds errors.</exception>
    public static T GetValueOrThrow<T>(this OneOf<T, ValidationErrors> result) =>
        result.Match(value => value, errors => throw new ValidationException(errors));
}
