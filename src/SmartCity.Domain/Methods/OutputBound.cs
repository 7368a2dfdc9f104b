namespace SmartCity.Domain.Methods;

/// <summary>What is known about the smallest value a normalisation or aggregation can produce.</summary>
public enum OutputBound
{
    /// <summary>Every value produced is strictly positive.</summary>
    Positive = 0,

    /// <summary>Values of zero or below can be produced.</summary>
    MayBeNonPositive = 1,

    /// <summary>It depends on the data (no normalisation, fraction of maximum).</summary>
    DependsOnData = 2,
}
