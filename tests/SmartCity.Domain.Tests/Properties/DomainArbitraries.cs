using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using SmartCity.Domain.Frameworks;

namespace SmartCity.Domain.Tests.Properties;

/// <summary>The FsCheck generators of the test suite: frameworks, invalid edits and the draws behind them, all shrinking.</summary>
public static class DomainArbitraries
{
    // The draws each generated framework was built from, so that the shrinker can shrink them (by reference: equal
    // frameworks from different draws stay apart).
    private static readonly ConditionalWeakTable<RatingFramework, Draws> Sources = [];

    /// <summary>Random choices for the generators that take a <see cref="System.Random"/>; see <see cref="Properties.Draws"/>.</summary>
    public static Arbitrary<Draws> Draws() => Properties.Draws.Arbitrary();

    /// <summary>Frameworks of <see cref="RandomFrameworks"/>; a failing one shrinks through its draws to a smaller framework.</summary>
    public static Arbitrary<RatingFramework> Frameworks() =>
        Arb.From(
            Properties.Draws.Arbitrary(1024).Generator.Select(Framework),
            f => Sources.TryGetValue(f, out var draws) ? Properties.Draws.Shrink(draws).Select(Framework) : []);

    /// <summary>One of <see cref="InvalidEdit.All"/> with the draws that build its framework and pick its node; shrinks the draws.</summary>
    public static Arbitrary<InvalidEdit> InvalidEdits() =>
        Arb.From(
            from draws in Properties.Draws.Arbitrary(1024).Generator
            from edit in Gen.Elements(InvalidEdit.All.ToArray())
            select edit with { Draws = draws },
            edit => Properties.Draws.Shrink(edit.Draws).Select(d => edit with { Draws = d }));

    private static RatingFramework Framework(Draws draws)
    {
        var framework = RandomFrameworks.Build(draws.Open());
        Sources.AddOrUpdate(framework, draws);
        return framework;
    }
}
