namespace SmartCity.Domain.Validation;

/// <summary>The rules for codes of nodes, units, classes and levels.</summary>
public static class Codes
{
    /// <summary>The longest code accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>
    /// Returns whether <paramref name="code"/> is a valid code: 1 to 128 characters, starting with a letter, then letters, digits,
    /// <c>_</c>, <c>-</c> or <c>.</c> (ASCII only, so that codes are safe as CSV headers, file names and JSON keys).
    /// </summary>
    /// <param name="code">The candidate.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > MaxLength || !char.IsAsciiLetter(code[0]))
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    internal static void Check(ErrorCollector errors, string? code, string path)
    {
        if (!IsValid(code))
        {
            errors.Add(ErrorCodes.CodeInvalid, path, "A code must be 1-128 ASCII letters, digits, '_', '-' or '.', starting with a letter.", code ?? "null");
        }
    }
}
