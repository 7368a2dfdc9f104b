namespace SmartCity.Domain.Validation;

/// <summary>
/// Thrown by <see cref="ValidationResultExtensions.GetValueOrThrow{T}(OneOf.OneOf{T, ValidationErrors})"/> when a result holds
/// errors. Use it where the input is trusted (built-in definitions, tests); handle the <c>OneOf</c> result elsewhere.
/// </summary>
public sealed class ValidationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ValidationException"/> class.</summary>
    public ValidationException()
        : this("The value is invalid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ValidationException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public ValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ValidationException"/> class with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ValidationException"/> class from validation findings.</summary>
    /// <param name="errors">The findings.</param>
    public ValidationException(ValidationErrors errors)
        : base("The value is invalid:" + Environment.NewLine + errors)
    {
        Errors = errors;
    }

    /// <summary>Gets the findings, when the exception was made from them.</summary>
    public ValidationErrors? Errors { get; }
}
