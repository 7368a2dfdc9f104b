using System.Collections.Immutable;
using System.Globalization;

namespace SmartCity.Domain.Weights;

/// <summary>The random-index table used for the consistency ratio.</summary>
public enum RandomIndexTable
{
    /// <summary>Saaty's classic table (500 random matrices): n = 1…15 → 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59.</summary>
    SaatyClassic = 0,

    /// <summary>The alternative table ("Saaty 2008", as in ahpsurvey): 0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59; 1.6 above 15.</summary>
    Alternative = 1,
}

/// <summary>How the priority vector is derived from the pairwise-comparison matrix.</summary>
public enum AhpMethod
{
    /// <summary>The normalised principal eigenvector (Saaty).</summary>
    Eigenvector = 0,

    /// <summary>The normalised geometric means of the rows (Crawford and Williams' logarithmic least squares).</summary>
    GeometricMean = 1,
}

/// <summary>The result of an AHP weighting: weights by criterion, λmax, consistency index and ratio.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.AhpResultJsonConverter))]
public sealed record AhpResult
{
    internal AhpResult(ImmutableArray<string> criteria, ImmutableArray<double> weights, double lambdaMax, double consistencyIndex, double consistencyRatio, double randomIndex, AhpMethod method)
    {
        Criteria = criteria;
        Weights = weights;
        LambdaMax = lambdaMax;
        ConsistencyIndex = consistencyIndex;
        ConsistencyRatio = consistencyRatio;
        RandomIndex = randomIndex;
        Method = method;
    }

    /// <inheritdoc/>
    public bool Equals(AhpResult? other) =>
        other is not null && Criteria.SequenceEqual(other.Criteria) && Weights.SequenceEqual(other.Weights) && LambdaMax.Equals(other.LambdaMax)
        && ConsistencyIndex.Equals(other.ConsistencyIndex) && ConsistencyRatio.Equals(other.ConsistencyRatio) && RandomIndex.Equals(other.RandomIndex) && Method == other.Method;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Criteria.Length, LambdaMax, Method);

    /// <summary>Gets the criteria, in matrix order.</summary>
    public ImmutableArray<string> Criteria { get; }

    /// <summary>Gets the weights, summing to 1, in matrix order.</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>Gets the principal eigenvalue λmax (≥ n; n for a perfectly consistent matrix).</summary>
    public double LambdaMax { get; }

    /// <summary>Gets the consistency index CI = (λmax − n)/(n − 1); 0 for n ≤ 2.</summary>
    public double ConsistencyIndex { get; }

    /// <summary>Gets the consistency ratio CR = CI/RI; 0 when RI is 0 (n ≤ 2, always consistent).</summary>
    public double ConsistencyRatio { get; }

    /// <summary>Gets the random index used.</summary>
    public double RandomIndex { get; }

    /// <summary>Gets the method that derived the weights.</summary>
    public AhpMethod Method { get; }

    /// <summary>Returns the weight of a criterion.</summary>
    /// <param name="criterion">The criterion's name.</param>
    /// <returns>The weight.</returns>
    /// <exception cref="KeyNotFoundException">No such criterion.</exception>
    public double WeightOf(string criterion)
    {
        var i = Criteria.IndexOf(criterion);
        return i >= 0 ? Weights[i] : throw new KeyNotFoundException($"No criterion '{criterion}'.");
    }

    /// <summary>Returns a summary such as <c>AHP(n=3, λmax=3.0385, CI=0.0193, CR=0.0332)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"AHP(n={Criteria.Length}, λmax={LambdaMax:0.####}, CI={ConsistencyIndex:0.####}, CR={ConsistencyRatio:0.####})");
}
