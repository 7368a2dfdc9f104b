namespace SmartCity.Cli.Tests;

/// <summary>The small COINr case the CLI tests score: three indicators in two groups under an index, four units, one value missing.</summary>
internal static class SmallCoinrCase
{
    public const string Meta = """
        iCode,Level,Parent,Direction,Weight,Type
        a,1,G,1,1,Indicator
        b,1,G,-1,2,Indicator
        c,1,H,1,1,Indicator
        G,2,Index,1,1,Aggregate
        H,2,Index,1,1,Aggregate
        Index,3,,1,1,Aggregate
        """;

    public const string Data = """
        uCode,uName,a,b,c
        U1,One,1,5,3
        U2,Two,2,,4
        U3,Three,3,1,8
        U4,Four,5,2,1
        """;
}
