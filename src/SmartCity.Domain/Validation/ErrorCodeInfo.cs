namespace SmartCity.Domain.Validation;

/// <summary>
/// The description of one error code of <see cref="ErrorCodes"/>: what failed, where in the library it is reported, its
/// usual cause and how to fix it. <see cref="ErrorCodes.All"/> lists one per code.
/// </summary>
public sealed record ErrorCodeInfo
{
    internal ErrorCodeInfo(string code, ValidationSeverity severity, string area, string summary, string remedy)
    {
        Code = code;
        Severity = severity;
        Area = area;
        Summary = summary;
        Remedy = remedy;
    }

    /// <summary>Gets the stable code, such as <c>weight.negative</c>.</summary>
    public string Code { get; }

    /// <summary>Gets the severity findings with this code always have: an error makes the factory or reader fail, a warning never does.</summary>
    public ValidationSeverity Severity { get; }

    /// <summary>Gets the part of the library that reports the code, as a short heading such as <c>JSON documents</c> or <c>COINr tables</c>.</summary>
    public string Area { get; }

    /// <summary>Gets one sentence saying what the failure is.</summary>
    public string Summary { get; }

    /// <summary>Gets the usual cause and how to fix it.</summary>
    public string Remedy { get; }
}
