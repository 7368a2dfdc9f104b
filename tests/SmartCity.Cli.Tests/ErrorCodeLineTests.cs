using SmartCity.Domain.Coinr;
using SmartCity.Domain.Validation;

namespace SmartCity.Cli.Tests;

/// <summary>
/// The CSV and COINr failures that used to share <c>data.not-numeric</c>, <c>reference.missing</c> or
/// <c>goalposts.order</c> with other kinds: each with its own code and path, read by the library and printed by the CLI.
/// </summary>
public class ErrorCodeLineTests
{
    private const string Meta = SmallCoinrCase.Meta;

    private const string Data = SmallCoinrCase.Data;

    private const string MetaWithGoalposts = """
        iCode,Level,Parent,Direction,Weight,Type,goalpost_lower,goalpost_upper
        a,1,G,1,1,Indicator,0,10
        b,1,G,-1,2,Indicator,,
        c,1,H,1,1,Indicator,,
        G,2,Index,1,1,Aggregate,,
        H,2,Index,1,1,Aggregate,,
        Index,3,,1,1,Aggregate,,
        """;

    public static TheoryData<string, string, string, string, string> Failures => new()
    {
        // iMeta, iData, expected code, expected path, a fragment of the message
        { Meta.Replace("b,1,G,-1,2,Indicator", "b,1,G,-1,2,Indictor", StringComparison.Ordinal), Data, ErrorCodes.CoinrUnknownType, "line 3.Type", "'Indictor' is not one of Indicator" },
        { Meta.Replace("b,1,G,-1,2,Indicator", "b,one,G,-1,2,Indicator", StringComparison.Ordinal), Data, ErrorCodes.CoinrCellInvalid, "line 3.Level", "'one' is not a whole number" },
        { Meta.Replace("b,1,G,-1,2,Indicator", "b,1,G,2,2,Indicator", StringComparison.Ordinal), Data, ErrorCodes.CoinrCellInvalid, "line 3.Direction", "must be 1 or -1" },
        { Meta.Replace("b,1,G,-1,2,Indicator", "b,1,G,-1,two,Indicator", StringComparison.Ordinal), Data, ErrorCodes.CoinrCellInvalid, "line 3.Weight", "'two' is not a number" },
        { Meta.Replace("b,1,G,-1,2,Indicator", "b,1,G,-1,Infinity,Indicator", StringComparison.Ordinal), Data, ErrorCodes.WeightNotFinite, "line 3.Weight", "finite" },
        { Meta.Replace("b,1,G,-1,2,Indicator", "b,1,G,-1,-2,Indicator", StringComparison.Ordinal), Data, ErrorCodes.WeightNegative, "line 3.Weight", "must not be negative" },
        { Meta.Replace("b,1,G,-1,2,Indicator", "b,2,G,-1,2,Indicator", StringComparison.Ordinal), Data, ErrorCodes.CoinrBrokenHierarchy, "line 3.Level", "indicators must be level 1" },
        { Meta.Replace("G,2,Index,1,1,Aggregate", "G,3,Index,1,1,Aggregate", StringComparison.Ordinal), Data, ErrorCodes.CoinrBrokenHierarchy, "line 2.Level", "exactly one level up" },
        { Meta.Replace("b,1,G,-1,2,Indicator", "b,1,,-1,2,Indicator", StringComparison.Ordinal), Data, ErrorCodes.CoinrBrokenHierarchy, "line 3.Parent", "an indicator needs a parent" },
        { Meta.Replace("G,2,Index,1,1,Aggregate", "G,2,H,1,1,Aggregate", StringComparison.Ordinal).Replace("H,2,Index,1,1,Aggregate", "H,2,G,1,1,Aggregate", StringComparison.Ordinal), Data, ErrorCodes.CoinrBrokenHierarchy, "line 5.Parent", "(a cycle)" },
        { Meta.Replace("H,2,Index,1,1,Aggregate", "H,2,,1,1,Aggregate", StringComparison.Ordinal).Replace("Index,3,,1,1,Aggregate", "Index,3,,1,1,Aggregate\nX,2,,1,1,Aggregate", StringComparison.Ordinal), Data, ErrorCodes.CoinrBrokenHierarchy, "Parent", "exactly one top aggregate" },
        { Meta.Replace("c,1,H,1,1,Indicator", "c,1,Q,1,1,Indicator", StringComparison.Ordinal), Data, ErrorCodes.ReferenceMissing, "line 4.Parent", "the parent 'Q' is not an Aggregate row" },
        { MetaWithGoalposts.Replace("Indicator,0,10", "Indicator,0,", StringComparison.Ordinal), Data, ErrorCodes.CoinrGoalpostsIncomplete, "line 2.goalpost_lower", "must both be given" },
        { MetaWithGoalposts.Replace("Indicator,0,10", "Indicator,low,10", StringComparison.Ordinal), Data, ErrorCodes.CoinrCellInvalid, "line 2.goalpost_lower", "'low' is not a number" },
        { Meta.Replace("a,1,G,1,1,Indicator", "a,1,G,1,1,Indicator,extra", StringComparison.Ordinal), Data, ErrorCodes.CsvRaggedRow, "line 2", "line 2 has 7 cells; the header has 6" },
        { Meta, Data.Replace("U3,Three,3,1,8", "U3,Three,3,1", StringComparison.Ordinal), ErrorCodes.CsvRaggedRow, "line 4", "line 4 has 4 cells; the header has 5" },
        { string.Empty, Data, ErrorCodes.CsvEmpty, "file", "the file is empty" },
        { Meta, Data.Replace("U3,Three,3,1,8", "U3,Three,3,abc,8", StringComparison.Ordinal), ErrorCodes.DataNotNumeric, "line 4.b", "'abc' is not a number" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void CoinrTables_EachKindOfFailure_HasItsOwnCodeAndPath(string meta, string data, string code, string path, string fragment)
    {
        var errors = CoinrTables.Read(new StringReader(meta), new StringReader(data)).AsT1;
        Assert.Contains(errors, e => e.Code == code && e.Path == path && e.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Code == ErrorCodes.DataNotNumeric && code != ErrorCodes.DataNotNumeric);
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public void Score_EachKindOfFailure_IsOneLineNamingFileLineProblemAndCode(string meta, string data, string code, string path, string fragment)
    {
        using var dir = new TempDir();
        var run = CliRun.Of("score", "--imeta", dir.File("iMeta.csv", meta), "--idata", dir.File("iData.csv", data));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        var lines = run.Error.Trim().Split('\n');
        Assert.All(lines, l => Assert.Matches(@"^smartcity: i(Meta|Data)\.csv: [^\n]+ \[[a-z0-9-]+(\.[a-z0-9-]+)+\]$", l.TrimEnd('\r')));
        var where = path.StartsWith("line ", StringComparison.Ordinal) ? $@"\b{path.Split('.')[0]}\b" : string.Empty;
        Assert.Contains(lines, l => l.TrimEnd('\r').EndsWith($" [{code}]", StringComparison.Ordinal) && l.Contains(fragment, StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(l, where));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CsvTable_AnUnterminatedQuote_IsMalformed_AndTheSwallowedRecordIsARaggedRow()
    {
        var errors = CoinrTables.Read(new StringReader(Meta), new StringReader("uCode,uName,a,b,c\nU1,\"One,1,5,3\n")).AsT1;
        var malformed = Assert.Single(errors, e => e.Code == ErrorCodes.CsvMalformed);
        Assert.StartsWith("line ", malformed.Path, StringComparison.Ordinal);
        Assert.Contains("a stray quote in ", malformed.Message, StringComparison.Ordinal);
        var ragged = Assert.Single(errors, e => e.Code == ErrorCodes.CsvRaggedRow);
        Assert.StartsWith("line ", ragged.Path, StringComparison.Ordinal); // the line where the swallowed record ends (CsvHelper's RawRow), not where it starts
        Assert.Contains("has 2 cells; the header has 5", ragged.Message, StringComparison.Ordinal);
        Assert.Equal(2, errors.Count);
    }
}
