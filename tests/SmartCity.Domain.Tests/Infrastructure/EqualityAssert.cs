namespace SmartCity.Domain.Tests.Infrastructure;

/// <summary>The equality and hash contract, checked the NodaTime way: equal values, equal hashes, every unequal case.</summary>
public static class EqualityAssert
{
    public static void Holds<T>(T value, T equal, params T[] unequal)
        where T : class, IEquatable<T>
    {
        Assert.NotSame(value, equal);
        Assert.True(value.Equals(equal));
        Assert.True(equal.Equals(value));
        Assert.True(value.Equals((object)equal));
        Assert.Equal(value.GetHashCode(), equal.GetHashCode());
        Assert.False(value.Equals(null));
        Assert.False(value.Equals((object?)null));
        foreach (var other in unequal)
        {
            Assert.False(value.Equals(other), $"{value} should differ from {other}");
            Assert.False(other.Equals(value));
            Assert.False(value.Equals((object)other));
        }
    }
}
