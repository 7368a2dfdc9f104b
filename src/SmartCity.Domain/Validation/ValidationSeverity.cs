namespace SmartCity.Domain.Validation;

/// <summary>How serious a validation finding is.</summary>
public enum ValidationSeverity
{
    /// <summary>The input is invalid: the factory or reader that found it returns errors instead of a value.</summary>
    Error = 0,

    /// <summary>The input is valid but a setting in it has no effect; reported, never fatal.</summary>
    Warning = 1,
}
