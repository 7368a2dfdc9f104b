namespace SmartCity.Domain.Frameworks;

/// <summary>Copies of nodes with one property changed, for the library's own edits (the result is validated by the framework it goes into).</summary>
internal static class NodeEdits
{
    public static FrameworkNode WithWeight(this FrameworkNode node, double weight) => node switch
    {
        GroupNode g => new GroupNode(g.Code, g.Name, g.Role, g.Children, weight, g.Aggregation, g.MissingData, g.Description, g.Tags, g.Provenance),
        Indicator i => new Indicator(i.Code, i.Name, i.Scale, i.Direction, weight, i.Unit, i.Goalposts, i.Target, i.Tier, i.Denominator, i.Normalisation, i.Imputation, i.Treatment, i.Description, i.Tags, i.Provenance),
        _ => throw new InvalidOperationException("Unknown node."),
    };
}
