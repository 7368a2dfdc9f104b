using System.Globalization;
using OneOf;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Frameworks;

/// <summary>Which side a value exactly on a boundary falls on.</summary>
public enum BoundaryMembership
{
    /// <summary>A value equal to the boundary belongs to the class below it (the class is "up to and including" the boundary).</summary>
    Below = 0,

    /// <summary>A value equal to the boundary belongs to the class above it (the class above "starts at" the boundary).</summary>
    Above = 1,
}

/// <summary>A boundary between two adjacent classes of a <see cref="ClassificationScheme"/>.</summary>
public sealed record ClassBoundary
{
    /// <summary>Initializes a new instance of the <see cref="ClassBoundary"/> class.</summary>
    /// <param name="value">The boundary value; validated by <see cref="ClassificationScheme.Create"/>.</param>
    /// <param name="membership">Which class a value equal to the boundary belongs to.</param>
    public ClassBoundary(double value, BoundaryMembership membership)
    {
        Value = value;
        Membership = membership;
    }

    /// <summary>Gets the boundary value.</summary>
    public double Value { get; }

    /// <summary>Gets which class a value equal to the boundary belongs to.</summary>
    public BoundaryMembership Membership { get; }

    /// <summary>Returns <c>&lt;= v</c> or <c>&lt; v</c> for the class below.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(Membership == BoundaryMembership.Below ? "<=" : "<")} {Value}");
}

/// <summary>One class of a <see cref="ClassificationScheme"/>: a size class (kota kecil) or a maturity level (integrated).</summary>
public sealed record SchemeClass
{
    private SchemeClass(string code, LocalizedText name)
    {
        Code = code;
        Name = name;
    }

    /// <summary>Gets the class code.</summary>
    public string Code { get; }

    /// <summary>Gets the class name.</summary>
    public LocalizedText Name { get; }

    /// <summary>Creates a class.</summary>
    /// <param name="code">The code.</param>
    /// <param name="name">The name.</param>
    /// <returns>The class, or a <c>code.invalid</c> error.</returns>
    public static OneOf<SchemeClass, ValidationErrors> Create(string code, LocalizedText name)
    {
        Guard.Against.Null(name);
        return Codes.IsValid(code) ? new SchemeClass(code, name) : ValidationErrors.Single(ErrorCodes.CodeInvalid, "code", "A class code must be a valid code.", code);
    }

    internal static SchemeClass Unchecked(string code, LocalizedText name) => new(code, name);

    /// <summary>Returns the code and name.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Code} ({Name})";
}

/// <summary>
/// Ordered classes split by numeric boundaries: city-size classes by population (RKCI's, the spatial-planning
/// regulation's, user-defined) or maturity levels by score. Each boundary states which side a value exactly on it falls.
/// </summary>
public sealed record ClassificationScheme
{
    private ClassificationScheme(string code, LocalizedText name, EquatableArray<SchemeClass> classes, EquatableArray<ClassBoundary> boundaries, string? source)
    {
        Code = code;
        Name = name;
        Classes = classes;
        Boundaries = boundaries;
        Source = source;
    }

    /// <summary>Gets the scheme's code.</summary>
    public string Code { get; }

    /// <summary>Gets the scheme's name.</summary>
    public LocalizedText Name { get; }

    /// <summary>Gets the classes, lowest first.</summary>
    public EquatableArray<SchemeClass> Classes { get; }

    /// <summary>Gets the boundaries, ascending; one fewer than the classes.</summary>
    public EquatableArray<ClassBoundary> Boundaries { get; }

    /// <summary>Gets the source of the scheme, or <see langword="null"/>.</summary>
    public string? Source { get; }

    /// <summary>Creates a scheme.</summary>
    /// <param name="code">The code.</param>
    /// <param name="name">The name.</param>
    /// <param name="classes">The classes, lowest first; at least one, distinct codes.</param>
    /// <param name="boundaries">The boundaries, strictly ascending and finite, one fewer than the classes.</param>
    /// <param name="source">The source.</param>
    /// <returns>The scheme, or <c>code.invalid</c>, <c>scheme.no-classes</c>, <c>scheme.duplicate-class</c>, <c>boundaries.invalid</c>, <c>number.not-finite</c> errors.</returns>
    public static OneOf<ClassificationScheme, ValidationErrors> Create(string code, LocalizedText name, IEnumerable<SchemeClass> classes, IEnumerable<ClassBoundary> boundaries, string? source = null)
    {
        Guard.Against.Null(name);
        var scheme = new ClassificationScheme(code, name, EquatableArray.Create(classes), EquatableArray.Create(boundaries), string.IsNullOrWhiteSpace(source) ? null : source);
        var errors = new ErrorCollector();
        Validate(errors, scheme, string.Empty);
        return errors.Result(() => scheme);
    }

    internal static ClassificationScheme Unchecked(string code, LocalizedText name, EquatableArray<SchemeClass> classes, EquatableArray<ClassBoundary> boundaries, string? source) =>
        new(code, name, classes, boundaries, source);

    /// <summary>Returns the class <paramref name="value"/> falls into.</summary>
    /// <param name="value">The value, such as a population or a score.</param>
    /// <returns>The class, or <see langword="null"/> when the value is NaN or infinite.</returns>
    public SchemeClass? Classify(double value)
    {
        if (!double.IsFinite(value))
        {
            return null;
        }

        var i = 0;
        foreach (var b in Boundaries)
        {
            var above = b.Membership == BoundaryMembership.Below ? value > b.Value : value >= b.Value;
            if (!above)
            {
                break;
            }

            i++;
        }

        return Classes[i];
    }

    internal static void Validate(ErrorCollector errors, ClassificationScheme scheme, string path)
    {
        Codes.Check(errors, scheme.Code, ValidationError.JoinPath(path, "code"));
        if (scheme.Classes.Count == 0)
        {
            errors.Add(ErrorCodes.SchemeNoClasses, ValidationError.JoinPath(path, "classes"), "A scheme needs at least one class.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < scheme.Classes.Count; i++)
        {
            var c = scheme.Classes[i];
            var cp = ValidationError.JoinPath(path, string.Create(CultureInfo.InvariantCulture, $"classes[{i}]"));
            Codes.Check(errors, c.Code, ValidationError.JoinPath(cp, "code"));
            if (c.Code is not null && !seen.Add(c.Code))
            {
                errors.Add(ErrorCodes.SchemeDuplicateClass, ValidationError.JoinPath(cp, "code"), "Two classes share this code.", c.Code);
            }
        }

        if (scheme.Boundaries.Count != scheme.Classes.Count - 1)
        {
            errors.Add(ErrorCodes.BoundariesInvalid, ValidationError.JoinPath(path, "boundaries"), string.Create(CultureInfo.InvariantCulture, $"{scheme.Classes.Count} classes need {scheme.Classes.Count - 1} boundaries."), scheme.Boundaries.Count);
        }

        for (var i = 0; i < scheme.Boundaries.Count; i++)
        {
            var b = scheme.Boundaries[i];
            var bp = ValidationError.JoinPath(path, string.Create(CultureInfo.InvariantCulture, $"boundaries[{i}].value"));
            if (!double.IsFinite(b.Value))
            {
                errors.Add(ErrorCodes.NumberNotFinite, bp, "A boundary must be finite.", b.Value);
            }
            else if (i > 0 && !(b.Value > scheme.Boundaries[i - 1].Value))
            {
                errors.Add(ErrorCodes.BoundariesInvalid, bp, "Boundaries must be strictly ascending.", b.Value);
            }
        }
    }

    /// <summary>Returns a description such as <c>rkci-size: small &lt; 200000 medium &lt;= 1000000 large</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var parts = new List<string>();
        for (var i = 0; i < Classes.Count; i++)
        {
            parts.Add(Classes[i].Code);
            if (i < Boundaries.Count)
            {
                parts.Add(Boundaries[i].ToString());
            }
        }

        return Code + ": " + string.Join(' ', parts);
    }
}
