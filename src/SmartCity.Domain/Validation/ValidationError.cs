using System.Globalization;

namespace SmartCity.Domain.Validation;

/// <summary>
/// One problem found in a framework, a dataset or a document: a stable code, where it is, what is wrong, and the value that was
/// attempted.
/// </summary>
/// <remarks>
/// <para>Codes are stable, dotted and lower-case (for example <c>weight.negative</c>), one per kind of failure; they are the
/// constants of <see cref="ErrorCodes"/>, and <see cref="ErrorCodes.Find"/> gives each one's description and fix (also in
/// <c>docs/error-codes.md</c>). Messages are for people and may change between versions; match on <see cref="Code"/>.</para>
/// <para>Paths follow the JSON layout of the object, for example <c>root.children[2].children[5].weight</c>. An empty path means
/// the object itself.</para>
/// </remarks>
public sealed record ValidationError
{
    /// <summary>Initializes a new instance of the <see cref="ValidationError"/> class.</summary>
    /// <param name="code">The stable error code.</param>
    /// <param name="path">Where the problem is; empty for the object itself.</param>
    /// <param name="message">A readable description.</param>
    /// <param name="attemptedValue">The offending value as text, when there is one.</param>
    /// <param name="severity">Error (the default) or warning.</param>
    public ValidationError(string code, string path, string message, string? attemptedValue = null, ValidationSeverity severity = ValidationSeverity.Error)
    {
        Code = Guard.Against.Null(code);
        Path = Guard.Against.Null(path);
        Message = Guard.Against.Null(message);
        AttemptedValue = attemptedValue;
        Severity = severity;
    }

    /// <summary>Gets the stable, dotted, lower-case code, such as <c>weight.negative</c>.</summary>
    public string Code { get; }

    /// <summary>Gets where the problem is, such as <c>root.children[2].weight</c>; empty for the object itself.</summary>
    public string Path { get; }

    /// <summary>Gets a readable description of the problem.</summary>
    public string Message { get; }

    /// <summary>Gets the value that was attempted, formatted with the invariant culture, or <see langword="null"/>.</summary>
    public string? AttemptedValue { get; }

    /// <summary>Gets whether this is an error or a warning.</summary>
    public ValidationSeverity Severity { get; }

    /// <summary>Gets a value indicating whether this finding is an error.</summary>
    public bool IsError => Severity == ValidationSeverity.Error;

    /// <summary>Returns a copy with <paramref name="prefix"/> put in front of the path.</summary>
    /// <param name="prefix">The path of the enclosing object, such as <c>root.children[0]</c>.</param>
    /// <returns>The relocated error.</returns>
    public ValidationError WithPathPrefix(string prefix) =>
        string.IsNullOrEmpty(prefix) ? this : new ValidationError(Code, JoinPath(prefix, Path), Message, AttemptedValue, Severity);

    /// <summary>Returns the finding as one line: <c>error code at path: message (value: v)</c>.</summary>
    /// <returns>The formatted line.</returns>
    public override string ToString()
    {
        var kind = Severity == ValidationSeverity.Error ? "error" : "warning";
        var where = Path.Length == 0 ? "(root)" : Path;
        var value = AttemptedValue is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (value: {AttemptedValue})");
        return $"{kind} {Code} at {where}: {Message}{value}";
    }

    internal static string JoinPath(string prefix, string path)
    {
        if (prefix.Length == 0)
        {
            return path;
        }

        if (path.Length == 0)
        {
            return prefix;
        }

        return path[0] == '[' ? prefix + path : prefix + "." + path;
    }
}
