using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Infrastructure;

/// <summary>Small hand-made frameworks for tests.</summary>
public static class Samples
{
    public static LocalizedText Name(string en) => LocalizedText.Of(en);

    public static Indicator Indicator(string code, double weight = 1, Direction direction = Direction.HigherIsBetter) =>
        SmartCity.Domain.Frameworks.Indicator.Create(code, Name(code), direction: direction, weight: weight).GetValueOrThrow();

    public static GroupNode Group(string code, params FrameworkNode[] children) =>
        GroupNode.Create(code, Name(code), NodeRole.Pillar, children).GetValueOrThrow();

    public static GroupNode Group(string code, double weight, params FrameworkNode[] children) =>
        GroupNode.Create(code, Name(code), NodeRole.Pillar, children, weight).GetValueOrThrow();

    /// <summary>Index → G1 (i1 w1, i2 w2, i3 w3), G2 (i4, i5 lower-is-better) with weights 1 and 3.</summary>
    public static RatingFramework Small(ScoringMethods? methods = null) =>
        RatingFramework.Create(
            "small",
            Name("Small"),
            "1",
            GroupNode.Create("Index", Name("Index"), NodeRole.Index, [
                Group("G1", 1, Indicator("i1", 1), Indicator("i2", 2), Indicator("i3", 3)),
                Group("G2", 3, Indicator("i4"), Indicator("i5", direction: Direction.LowerIsBetter)),
            ]).GetValueOrThrow(),
            methods).GetValueOrThrow();
}
