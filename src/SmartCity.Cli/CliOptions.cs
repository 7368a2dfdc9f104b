using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Cli;

/// <summary>
/// Typed, declared options: numbers, choices, files and method specifications are parsed by System.CommandLine
/// through these parsers, so that a bad value is a parse error (one line naming the option, exit code 2) before any
/// command runs.
/// </summary>
/// <remarks>
/// Numbers are parsed with the invariant culture and <see cref="NumberStyles.Float"/> (a decimal point, no thousands
/// separators: <c>1,5</c> is refused, not read as 15); non-finite numbers are refused. Choices are matched exactly
/// (ordinal) and listed by <c>--help</c> through their completions.
/// </remarks>
internal static class CliOptions
{
    /// <summary>Creates an optional whole-number option of at least <paramref name="minimum"/>.</summary>
    public static Option<int?> Int(string name, string description, int minimum, string helpName = "N") =>
        new(name) { Description = description, HelpName = helpName, CustomParser = r => ParseInt(r, minimum) };

    /// <summary>Creates an optional seed option: a whole number from 0 to <see cref="ulong.MaxValue"/>.</summary>
    public static Option<ulong?> Seed(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "S",
            CustomParser = r =>
            {
                var text = Token(r);
                if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                r.AddError($"{NameOf(r)}: expected a whole number from 0 to {ulong.MaxValue.ToString(CultureInfo.InvariantCulture)}, got '{text}'");
                return null;
            },
        };

    /// <summary>
    /// Creates an optional choice among fixed words: the value is the one paired with the word given; <c>--help</c>
    /// lists the words. A word not among them is a parse error naming the option and the words.
    /// </summary>
    public static Option<T> Choice<T>(string name, string description, IReadOnlyList<KeyValuePair<string, T>> choices, Func<string, string>? unknown = null)
    {
        var option = new Option<T>(name) { Description = description, CustomParser = ChoiceParser(choices, unknown) };
        option.CompletionSources.Clear();
        option.CompletionSources.Add([.. choices.Select(c => c.Key)]);
        return option;
    }

    /// <summary>Creates a required choice argument (see <see cref="Choice{T}"/>).</summary>
    public static Argument<T> ChoiceArgument<T>(string name, string description, IReadOnlyList<KeyValuePair<string, T>> choices, Func<string, string>? unknown = null)
    {
        var argument = new Argument<T>(name) { Description = description, CustomParser = ChoiceParser(choices, unknown) };
        argument.CompletionSources.Clear();
        argument.CompletionSources.Add([.. choices.Select(c => c.Key)]);
        return argument;
    }

    /// <summary>
    /// Creates an optional option whose text is read by one of the library's specification parsers
    /// (<c>minmax:0,100</c>, <c>winsorise:2</c>...): every error of the parser becomes a parse error
    /// <c>--option: message (got 'value')</c>.
    /// </summary>
    public static Option<T?> Spec<T>(string name, string description, string helpName, Func<string, OneOf<T, ValidationErrors>> parse)
        where T : class =>
        new(name) { Description = description, HelpName = helpName, CustomParser = r => FromSpec(r, Token(r), parse) };

    /// <summary>Creates an option holding a file path (the path as given is kept for messages: see <see cref="GetPath"/>).</summary>
    public static Option<FileInfo?> File(string name, string description, string helpName = "FILE")
    {
        var option = new Option<FileInfo?>(name) { Description = description, HelpName = helpName };
        option.AcceptLegalFilePathsOnly();
        return option;
    }

    /// <summary>Creates an option holding a folder path (the path as given is kept for messages: see <see cref="GetPath"/>).</summary>
    public static Option<DirectoryInfo?> Directory(string name, string description, bool required)
    {
        var option = new Option<DirectoryInfo?>(name) { Description = description, HelpName = "DIR", Required = required };
        option.AcceptLegalFilePathsOnly();
        return option;
    }

    /// <summary>Creates an option naming an output file, written through <see cref="OutputTransaction"/> (never taken for an input).</summary>
    public static Option<FileInfo?> OutputFile(string name, string description, string helpName = "FILE") =>
        OutputTransaction.MarkOutput(File(name, description, helpName));

    /// <summary>Creates an option naming an output folder, written through <see cref="OutputTransaction"/> (never taken for an input).</summary>
    public static Option<DirectoryInfo?> OutputDirectory(string name, string description, bool required) =>
        OutputTransaction.MarkOutput(Directory(name, description, required));

    /// <summary>Returns the path of a file or folder option exactly as the user typed it, or <see langword="null"/> when not given.</summary>
    public static string? GetPath<T>(this ParseResult result, Option<T> option)
        where T : FileSystemInfo? =>
        result.GetValue(option)?.ToString();

    /// <summary>Parses the option's one token as a whole number of at least <paramref name="minimum"/>, or adds a parse error.</summary>
    public static int? ParseInt(ArgumentResult result, int minimum)
    {
        var text = Token(result);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum)
        {
            return value;
        }

        result.AddError($"{NameOf(result)}: expected a whole number of at least {minimum.ToString(CultureInfo.InvariantCulture)}, got '{text}'");
        return null;
    }

    /// <summary>Parses a finite number (invariant culture, no thousands separators), or returns <see langword="null"/>.</summary>
    public static double? ParseDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>Reads a specification with a library parser, turning each of its errors into a parse error.</summary>
    public static T? FromSpec<T>(ArgumentResult result, string text, Func<string, OneOf<T, ValidationErrors>> parse)
        where T : class =>
        parse(text).Match<T?>(
            value => value,
            errors =>
            {
                AddErrors(result, errors, text);
                return null;
            });

    /// <summary>Adds one parse error per validation error: <c>--option: message (got 'value')</c>.</summary>
    public static void AddErrors(ArgumentResult result, ValidationErrors errors, string text)
    {
        foreach (var e in errors.Errors)
        {
            result.AddError($"{NameOf(result)}: {e.Message} (got '{e.AttemptedValue ?? text}')");
        }
    }

    /// <summary>Gets the name of the option (or argument) being parsed, for messages.</summary>
    public static string NameOf(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;

    /// <summary>Gets the single token of a one-value option or argument.</summary>
    public static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    private static Func<ArgumentResult, T?> ChoiceParser<T>(IReadOnlyList<KeyValuePair<string, T>> choices, Func<string, string>? unknown) =>
        result =>
        {
            var text = Token(result);
            foreach (var c in choices)
            {
                if (string.Equals(c.Key, text, StringComparison.Ordinal))
                {
                    return c.Value;
                }
            }

            result.AddError(unknown?.Invoke(text) ?? $"{NameOf(result)}: '{text}' is not one of {string.Join(", ", choices.Select(c => c.Key))}");
            return default;
        };
}
