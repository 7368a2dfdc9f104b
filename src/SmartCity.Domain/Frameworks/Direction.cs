namespace SmartCity.Domain.Frameworks;

/// <summary>Whether higher or lower raw values of an indicator are better. The numeric values are COINr's <c>Direction</c>.</summary>
public enum Direction
{
    /// <summary>Lower raw values are better (COINr −1): the values are multiplied by −1 before normalising.</summary>
    LowerIsBetter = -1,

    /// <summary>Higher raw values are better (COINr 1).</summary>
    HigherIsBetter = 1,
}
