using FsCheck;
using FsCheck.Fluent;
using SmartCity.Domain.Frameworks;

namespace SmartCity.Domain.Tests.Properties;

/// <summary>The FsCheck generators of the test suite.</summary>
public static class DomainArbitraries
{
    public static Arbitrary<RatingFramework> Frameworks() =>
        Gen.Choose(0, int.MaxValue - 1).Select(seed => RandomFrameworks.Build(seed)).ToArbitrary();

    public static Arbitrary<InvalidEdit> InvalidEdits() =>
        Gen.Choose(0, int.MaxValue - 1)
            .SelectMany(seed => Gen.Elements(InvalidEdit.All.ToArray()).Select(edit => edit with { Seed = seed }))
            .ToArbitrary();
}
