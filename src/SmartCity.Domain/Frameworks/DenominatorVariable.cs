using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Frameworks;

/// <summary>
/// A variable that indicators can be divided by before scoring (population, area, GDP): a data column, not an indicator
/// (COINr's iMeta rows of type <c>Denominator</c>).
/// </summary>
public sealed record DenominatorVariable
{
    private DenominatorVariable(string code, LocalizedText name, string? unit)
    {
        Code = code;
        Name = name;
        Unit = unit;
    }

    /// <summary>Gets the code, which is also the data column.</summary>
    public string Code { get; }

    /// <summary>Gets the name.</summary>
    public LocalizedText Name { get; }

    /// <summary>Gets the unit, or <see langword="null"/>.</summary>
    public string? Unit { get; }

    /// <summary>Creates a denominator variable.</summary>
    /// <param name="code">The code.</param>
    /// <param name="name">The name.</param>
    /// <param name="unit">The unit.</param>
    /// <returns>The variable, or a <c>code.invalid</c> error.</returns>
    public static OneOf<DenominatorVariable, ValidationErrors> Create(string code, LocalizedText name, string? unit = null)
    {
        Guard.Against.Null(name);
        return Codes.IsValid(code) ? new DenominatorVariable(code, name, unit) : ValidationErrors.Single(ErrorCodes.CodeInvalid, "code", "A denominator code must be a valid code.", code);
    }

    internal static DenominatorVariable Unchecked(string code, LocalizedText name, string? unit) => new(code, name, unit);

    /// <summary>Returns the code.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Code;
}
