using System.Globalization;

namespace SmartCity.Domain.Methods;

/// <summary>Shared parsing helpers for method specification strings such as <c>minmax:0,100</c>.</summary>
internal static class SpecText
{
    public static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static bool TryPair(string text, out double first, out double second)
    {
        first = second = 0;
        var parts = text.Split(',');
        return parts.Length == 2 && TryNumber(parts[0].Trim(), out first) && TryNumber(parts[1].Trim(), out second);
    }

    public static bool TryFlag(string text, out bool value)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "CAP":
            case "TRUE":
            case "1":
                value = true;
                return true;
            case "FALSE":
            case "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static (string Head, string? Tail) Split(string spec)
    {
        var trimmed = spec.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (trimmed.ToUpperInvariant(), null) : (trimmed[..colon].Trim().ToUpperInvariant(), trimmed[(colon + 1)..].Trim());
    }
}
