using System.Text.Json;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Serialization;

/// <summary>Turns the serializer's exceptions into <c>json.*</c> validation errors with a JSON path.</summary>
internal static class JsonErrors
{
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
            ErrorCodes.JsonMissingProperty => FirstSentence(message) + location,
            ErrorCodes.JsonUnknownKind => "The 'kind' discriminator is missing or names no known variant" + location + ".",
            ErrorCodes.JsonTooDeep => "The document is nested too deeply" + location + ".",
            ErrorCodes.JsonWrongType => "The value has the wrong type or is out of range" + location + ".",
            _ => "The JSON text is not well-formed" + location + ": " + FirstSentence((ex.InnerException?.Message ?? message)),
        };
        if (code == ErrorCodes.JsonUnknownProperty && ExtractQuoted(message) is { } name)
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
