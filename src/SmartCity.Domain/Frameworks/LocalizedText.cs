using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Frameworks;

/// <summary>A label in English and Indonesian; at least one of the two is present.</summary>
public sealed record LocalizedText
{
    private LocalizedText(string? english, string? indonesian)
    {
        English = english;
        Indonesian = indonesian;
    }

    /// <summary>Gets the English text, or <see langword="null"/>.</summary>
    public string? English { get; }

    /// <summary>Gets the Indonesian (Bahasa Indonesia) text, or <see langword="null"/>.</summary>
    public string? Indonesian { get; }

    /// <summary>Gets the English text when present, else the Indonesian one.</summary>
    public string Text => English ?? Indonesian ?? string.Empty;

    /// <summary>Creates a label; blank texts count as absent.</summary>
    /// <param name="english">The English text.</param>
    /// <param name="indonesian">The Indonesian text.</param>
    /// <returns>The label, or a <c>name.empty</c> error when both are blank.</returns>
    public static OneOf<LocalizedText, ValidationErrors> Create(string? english, string? indonesian = null)
    {
        var en = string.IsNullOrWhiteSpace(english) ? null : english;
        var id = string.IsNullOrWhiteSpace(indonesian) ? null : indonesian;
        return en is null && id is null
            ? ValidationErrors.Single(ErrorCodes.NameEmpty, string.Empty, "A name needs an English or an Indonesian text.")
            : new LocalizedText(en, id);
    }

    /// <summary>Creates a label from trusted texts, such as literals in code.</summary>
    /// <param name="english">The English text.</param>
    /// <param name="indonesian">The Indonesian text.</param>
    /// <returns>The label.</returns>
    /// <exception cref="ValidationException">Both texts are blank.</exception>
    public static LocalizedText Of(string? english, string? indonesian = null) => Create(english, indonesian).GetValueOrThrow();

    internal static LocalizedText Unchecked(string? english, string? indonesian) => new(english, indonesian);

    /// <summary>Returns <c>English / Indonesian</c>, or whichever is present.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => English is not null && Indonesian is not null ? $"{English} / {Indonesian}" : Text;
}
