using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Properties;

/// <summary>One way of breaking a valid framework, and the error code (and path suffix) that must report it.</summary>
public sealed record InvalidEdit(string Name, string ExpectedCode, string PathSuffix, Func<GroupNode, Random, GroupNode> Apply)
{
    /// <summary>The draws that build the framework to break and then pick the node the edit breaks.</summary>
    public Draws Draws { get; init; } = new([]);

    public override string ToString() => $"{Name} ({Draws})";

    public static IReadOnlyList<InvalidEdit> All { get; } =
    [
        new("negative weight", ErrorCodes.WeightNegative, ".weight", (root, rng) => EditChild(root, rng, n => RandomFrameworks.Reweight(n, -1))),
        new("NaN weight", ErrorCodes.WeightNotFinite, ".weight", (root, rng) => EditChild(root, rng, n => RandomFrameworks.Reweight(n, double.NaN))),
        new("infinite weight", ErrorCodes.WeightNotFinite, ".weight", (root, rng) => EditChild(root, rng, n => RandomFrameworks.Reweight(n, double.PositiveInfinity))),
        new("all-zero weights", ErrorCodes.GroupWeightsAllZero, ".children", (root, _) => RandomFrameworks.WithChildren(root, root.Children.Select(c => RandomFrameworks.Reweight(c, 0)))),
        new("empty group", ErrorCodes.GroupEmpty, ".children", (root, _) => RandomFrameworks.WithChildren(root, [.. root.Children, RandomFrameworks.WithChildren(Leafless("EMPTYGROUP"), [])])),
        new("duplicate code", ErrorCodes.NodeDuplicateCode, ".code", (root, _) => RandomFrameworks.WithChildren(root, [.. root.Children, Leaf(root.Children[0].Code)])),
        new("bad code", ErrorCodes.CodeInvalid, ".code", (root, _) => RandomFrameworks.WithChildren(root, [.. root.Children, Leaf("1 bad code")])),
        new("goalposts reversed", ErrorCodes.GoalpostsOrder, ".goalposts.upper", (root, _) => RandomFrameworks.WithChildren(root, [.. root.Children, Leaf("GPX", goalposts: Goalposts.Unchecked(5, 1, 1, true))])),
        new("target off the Likert scale", ErrorCodes.ScaleValueOutOfRange, ".target", (root, _) => RandomFrameworks.WithChildren(root, [.. root.Children, Leaf("LIKX", scale: IndicatorScale.Likert(1, 5).GetValueOrThrow(), target: 6)])),
        new("missing denominator", ErrorCodes.ReferenceMissing, ".denominator", (root, _) => RandomFrameworks.WithChildren(root, [.. root.Children, Leaf("DENX", denominator: "population")])),
        new("geometric mean over z-scores", ErrorCodes.AggregationRequiresPositive, ".aggregation", (root, _) => RandomFrameworks.WithChildren(root, [.. root.Children, RandomFrameworks.WithChildren(Leafless("GEOX"), [Leaf("GEOX1", normalisation: NormalisationMethod.ZScore(0, 1).GetValueOrThrow())], AggregationMethod.Geometric)])),
        new("goalposts normalisation without goalposts", ErrorCodes.NormalisationGoalpostsMissing, ".goalposts", (root, _) => RandomFrameworks.WithChildren(root, [.. root.Children, Leaf("GPN", normalisation: NormalisationMethod.Goalposts)])),
        new("empty name", ErrorCodes.NameEmpty, ".name", (root, _) => RandomFrameworks.WithChildren(root, [.. root.Children, Leaf("NONAME", name: LocalizedText.Unchecked(" ", null))])),
    ];

    private static GroupNode EditChild(GroupNode root, Random rng, Func<FrameworkNode, FrameworkNode> edit)
    {
        var i = rng.Next(root.Children.Count);
        var children = root.Children.ToArray();
        children[i] = edit(children[i]);
        return RandomFrameworks.WithChildren(root, children);
    }

    private static GroupNode Leafless(string code) =>
        new(code, LocalizedText.Of(code), NodeRole.Pillar, default, 1, null, null, null, default, null);

    private static Indicator Leaf(string code, IndicatorScale? scale = null, Goalposts? goalposts = null, double? target = null, string? denominator = null, NormalisationMethod? normalisation = null, LocalizedText? name = null) =>
        new(code, name ?? LocalizedText.Of(code), scale ?? IndicatorScale.Ratio, Direction.HigherIsBetter, 1, null, goalposts, target, IndicatorTier.Core, denominator, normalisation, null, null, null, default, null);
}
