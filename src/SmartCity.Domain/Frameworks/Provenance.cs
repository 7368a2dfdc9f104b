namespace SmartCity.Domain.Frameworks;

/// <summary>How far a piece of a built-in framework can be trusted.</summary>
public enum Confidence
{
    /// <summary>Read in an official or primary source.</summary>
    Verified = 0,

    /// <summary>Read only in a secondary source (news, a thesis, a third-party summary): probable.</summary>
    Secondary = 1,

    /// <summary>Not from a source: an illustrative stand-in, to be replaced by the real definition.</summary>
    Illustrative = 2,
}

/// <summary>Where a node of a framework comes from, and how far it can be trusted.</summary>
public sealed record Provenance
{
    /// <summary>Initializes a new instance of the <see cref="Provenance"/> class.</summary>
    /// <param name="confidence">How far it can be trusted.</param>
    /// <param name="source">The source, such as a citation or URL; <see langword="null"/> when there is none.</param>
    public Provenance(Confidence confidence, string? source = null)
    {
        Confidence = confidence;
        Source = string.IsNullOrWhiteSpace(source) ? null : source;
    }

    /// <summary>Gets the confidence.</summary>
    public Confidence Confidence { get; }

    /// <summary>Gets the source, or <see langword="null"/>.</summary>
    public string? Source { get; }

    /// <summary>Returns <c>confidence (source)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Source is null ? Confidence.ToString() : $"{Confidence} ({Source})";
}
