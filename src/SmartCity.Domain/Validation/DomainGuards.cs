using System.Runtime.CompilerServices;
using SmartCity.Domain.Validation;

#pragma warning disable IDE0130 // GuardClauses' documented extension point is its own namespace.
namespace Ardalis.GuardClauses;
#pragma warning restore IDE0130

/// <summary>Guard clauses for the domain's numbers; each returns its input.</summary>
internal static class DomainGuards
{
    /// <summary>Throws when <paramref name="input"/> is NaN or infinite.</summary>
    public static double NotFinite(this IGuardClause guard, double input, [CallerArgumentExpression(nameof(input))] string? parameterName = null)
    {
        _ = guard;
        if (!double.IsFinite(input))
        {
            throw new ArgumentOutOfRangeException(parameterName, input, "The value must be a finite number.");
        }

        return input;
    }

    /// <summary>Throws when <paramref name="input"/> is not a valid code.</summary>
    public static string InvalidCode(this IGuardClause guard, string input, [CallerArgumentExpression(nameof(input))] string? parameterName = null)
    {
        _ = guard;
        if (!Codes.IsValid(input))
        {
            throw new ArgumentException($"'{input}' is not a valid code.", parameterName);
        }

        return input;
    }
}
