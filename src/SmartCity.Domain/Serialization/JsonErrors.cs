using System.Text.Json;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Serialization;

/// <summary>Turns the serializer's exceptions into <c>json.*</c> validation errors with a JSON path.</summary>
internal static class JsonErrors
{
    /// <summary>The longest message text kept from the serializer (the rest is cut, so a huge token is never echoed whole).</summary>
    private const int MaxDetail = 120;

    public static ValidationError From(JsonException ex)
    {
        var path = NormalisePath(ex.Path ?? PathFromMessage(ex.Message));
        var message = ex.Message;
        var location = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
        var code = Classify(message, ex.InnerException);
        var text = code switch
        {
            ErrorCodes.JsonUnknownProperty => "The property is not part of the format" + location + ".",
            ErrorCodes.JsonDuplicateProperty => "The property appears twice in one object" + location + ".",
            ErrorCodes.JsonMissingProperty => MissingProperty(message) + location + ".",
            ErrorCodes.JsonUnknownKind => "The 'kind' discriminator is missing or names no known variant" + location + ".",
            ErrorCodes.JsonTooDeep => "The document is nested too deeply" + location + ".",
            ErrorCodes.JsonWrongType => "The value has the wrong type or is out of range" + Expected(message) + location + ".",
            ErrorCodes.JsonInvalidToken => InvalidToken(message) + location + ".",
            ErrorCodes.InputNotText => "Not a text JSON file (it holds NUL bytes or bytes that are not UTF-8); give the JSON file itself, saved as UTF-8" + location + ".",
            _ => "The JSON text is not well-formed" + location + ": " + Short(FirstSentence(ex.InnerException?.Message ?? message)),
        };
        if (code == ErrorCodes.JsonUnknownProperty && ExtractQuoted(message) is { } name && !EndsWithSegment(path, name))
        {
            path = ValidationError.JoinPath(path, name);
        }

        return new ValidationError(code, path, text);
    }

    private static string Classify(string message, Exception? inner)
    {
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return ErrorCodes.JsonUnknownProperty;
        }

        if (message.Contains("'0x00'", StringComparison.Ordinal) || message.Contains("invalid UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            return ErrorCodes.InputNotText;
        }

        // A closing bracket, comma or colon where a value should start: a value is missing (malformed), not a misspelt token.
        if (message.StartsWith("'}' is an invalid start of a value", StringComparison.Ordinal)
            || message.StartsWith("']' is an invalid start of a value", StringComparison.Ordinal)
            || message.StartsWith("',' is an invalid start of a value", StringComparison.Ordinal)
            || message.StartsWith("':' is an invalid start of a value", StringComparison.Ordinal))
        {
            return ErrorCodes.JsonMalformed;
        }

        if (message.Contains("is an invalid JSON literal", StringComparison.Ordinal)
            || message.Contains("is an invalid start of a value", StringComparison.Ordinal)
            || message.Contains("Invalid leading zero", StringComparison.Ordinal)
            || message.Contains("within a number", StringComparison.Ordinal)
            || message.Contains("invalid end of a number", StringComparison.Ordinal))
        {
            return ErrorCodes.JsonInvalidToken;
        }

        if (message.Contains("uplicate", StringComparison.Ordinal))
        {
            return ErrorCodes.JsonDuplicateProperty;
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal) || message.Contains("null", StringComparison.OrdinalIgnoreCase))
        {
            return ErrorCodes.JsonMissingProperty;
        }

        if (message.Contains("discriminator", StringComparison.Ordinal) || message.Contains("polymorphic", StringComparison.Ordinal))
        {
            return ErrorCodes.JsonUnknownKind;
        }

        if (message.Contains("depth", StringComparison.OrdinalIgnoreCase) || (inner?.Message.Contains("depth", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return ErrorCodes.JsonTooDeep;
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return ErrorCodes.JsonWrongType;
        }

        return ErrorCodes.JsonMalformed;
    }

    /// <summary>A misspelt literal or a bare word: names what was expected, never echoes the text that follows it.</summary>
    private static string InvalidToken(string message)
    {
        const string literal = "Expected the literal '";
        var at = message.IndexOf(literal, StringComparison.Ordinal);
        if (at >= 0)
        {
            var end = message.IndexOf('\'', at + literal.Length);
            if (end > at)
            {
                var expected = message[(at + literal.Length)..end];
                return $"The value is not a JSON token: a misspelt literal (did you mean {expected}?)";
            }
        }

        if (message.Contains("leading zero", StringComparison.Ordinal) || message.Contains("number", StringComparison.Ordinal))
        {
            return "The value is not a JSON token: a malformed number";
        }

        return "The value is not a JSON token: JSON literals are true, false and null, text is in double quotes";
    }

    /// <summary>"A required property is missing: 'code' (in a group object)", from the serializer's message without its type names.</summary>
    private static string MissingProperty(string message)
    {
        const string including = "including: ";
        var at = message.IndexOf(including, StringComparison.Ordinal);
        var where = TypeName(message) is { } type ? $" (in {Describe(type)})" : string.Empty;
        if (at >= 0)
        {
            var names = message[(at + including.Length)..];
            var stop = names.IndexOf(". ", StringComparison.Ordinal);
            names = (stop >= 0 ? names[..stop] : names).TrimEnd('.');
            return $"A required property is missing: {Short(names)}{where}";
        }

        return $"A required value is missing or null{where}";
    }

    /// <summary>", expected an integer": what the serializer wanted, in words.</summary>
    private static string Expected(string message) =>
        TypeName(message) is { } type && !type.EndsWith("FrameworkDocumentDto", StringComparison.Ordinal) ? $": expected {Describe(type)}" : string.Empty; // the document type is named for any of its own properties: no help

    /// <summary>The .NET type a serializer message names (<c>System.Nullable`1[System.Int32]</c>, <c>...GroupDto</c>), if any.</summary>
    private static string? TypeName(string message)
    {
        foreach (var marker in new[] { "converted to ", "for type '" })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            // The name runs to the first quote, space or end of sentence (dots inside it are namespaces).
            var rest = message[(at + marker.Length)..].TrimStart('\'');
            var end = new[] { rest.IndexOf(". ", StringComparison.Ordinal), rest.IndexOf('\'', StringComparison.Ordinal), rest.IndexOf(' ', StringComparison.Ordinal) }
                .Where(i => i >= 0).DefaultIfEmpty(rest.Length).Min();
            return rest[..end].TrimEnd('.');
        }

        return null;
    }

    /// <summary>Says a .NET type in words: "an integer", "a number", "a group object".</summary>
    internal static string Describe(string type)
    {
        var inner = type.Contains('[', StringComparison.Ordinal) ? type[(type.LastIndexOf('[') + 1)..].TrimEnd(']') : type;
        if (type.Contains("ImmutableArray", StringComparison.Ordinal) || type.Contains("List`", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal))
        {
            return "an array";
        }

        if (type.Contains("Dictionary", StringComparison.Ordinal))
        {
            return "an object";
        }

        var simple = inner[(inner.LastIndexOf('.') + 1)..];
        return simple switch
        {
            "Int32" or "Int64" or "Int16" or "Byte" or "UInt32" or "UInt64" => "an integer",
            "Double" or "Single" or "Decimal" => "a number",
            "String" => "text",
            "Boolean" => "true or false",
            _ when simple.EndsWith("Dto", StringComparison.Ordinal) && simple.Length > 3 => $"a{(IsVowel(simple[0]) ? "n" : string.Empty)} {Words(simple[..^3])} object",
            _ => "a value of another type",
        };
    }

    private static bool IsVowel(char c) => "AEIOUaeiou".Contains(c, StringComparison.Ordinal);

    /// <summary>"FrameworkDocument" → "framework document".</summary>
    private static string Words(string pascal)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private static bool EndsWithSegment(string path, string name) =>
        path == name || path.EndsWith("." + name, StringComparison.Ordinal);

    private static string Short(string text) => text.Length <= MaxDetail ? text : string.Concat(text.AsSpan(0, MaxDetail), "…");

    private static string NormalisePath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return string.Empty;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string? PathFromMessage(string message)
    {
        var at = message.IndexOf("Path: ", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var end = message.IndexOf(" |", at, StringComparison.Ordinal);
        return end < 0 ? message[(at + 6)..].TrimEnd('.') : message[(at + 6)..end];
    }

    private static string? ExtractQuoted(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = message.IndexOf('\'', start + 1);
        return end > start + 1 ? message[(start + 1)..end] : null;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message.TrimEnd('.') : message[..cut];
    }
}
