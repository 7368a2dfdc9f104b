using SmartCity.Domain.Validation;
using SmartCity.TestSupport;

namespace SmartCity.Domain.Coinr.Tests;

public class CoinrTablesTests
{
    [Fact]
    public async Task FilesStreamsAndReaders_GiveTheSameInput()
    {
        using var dir = new TempDir();
        var meta = dir.File("iMeta.csv", TestFiles.IMeta);
        var data = dir.File("iData.csv", TestFiles.IData);
        var expected = CoinrTables.ReadFiles(meta, data).GetValueOrThrow();
        Assert.Equal(new[] { "i1", "i2", "i3" }, expected.Framework.Indicators.Select(i => i.Code));
        Assert.Equal("Ind 2, with a comma", expected.Framework.Find("i2")!.Name.Text);
        Assert.Equal("Alpha, the first", expected.Data.Attribute("A", "uName"));

        var inputs = new List<CoinrInput>
        {
            CoinrTables.Read(TestFiles.Utf8(TestFiles.IMeta), TestFiles.Utf8(TestFiles.IData)).GetValueOrThrow(),
            CoinrTables.Read(new StringReader(TestFiles.IMeta), new StringReader(TestFiles.IData)).GetValueOrThrow(),
            (await CoinrTables.ReadFilesAsync(meta, data)).GetValueOrThrow(),
            (await CoinrTables.ReadAsync(new StringReader(TestFiles.IMeta), new StringReader(TestFiles.IData))).GetValueOrThrow(),
            (await CoinrTables.ReadAsync(new AsyncOnlyStream(TestFiles.Utf8(TestFiles.IMeta)), new AsyncOnlyStream(TestFiles.Utf8(TestFiles.IData)))).GetValueOrThrow(),
        };
        foreach (var input in inputs)
        {
            Assert.Equal(expected.Framework.Root, input.Framework.Root);
            TestFiles.AssertSameData(expected.Data, input.Data);
        }
    }

    [Fact]
    public void Problems_NameTheFileLineAndColumn()
    {
        var meta = TestFiles.IMeta.Replace("i3,Ind 3,1,P2,1,2,Indicator", "i3,Ind 3,1,P2,1,-2,Indicator", StringComparison.Ordinal);
        var errors = CoinrTables.Read(new StringReader(meta), new StringReader(TestFiles.IData), "m.csv", "d.csv").AsT1;
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCodes.WeightNegative, error.Code);
        Assert.Equal("line 4.Weight", error.Path);
        Assert.StartsWith("m.csv: line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllZeroWeightsInAGroup_AreReportedAtTheGroupsRow()
    {
        var meta = TestFiles.IMeta
            .Replace("i1,Ind 1,1,P1,1,1,Indicator", "i1,Ind 1,1,P1,1,0,Indicator", StringComparison.Ordinal)
            .Replace("i2,\"Ind 2, with a comma\",1,P1,-1,1,Indicator", "i2,Ind 2,1,P1,-1,0,Indicator", StringComparison.Ordinal);
        var errors = CoinrTables.Read(new StringReader(meta), new StringReader(TestFiles.IData)).AsT1;
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCodes.GroupWeightsAllZero, error.Code);
        Assert.StartsWith("line 5", error.Path, StringComparison.Ordinal);
        Assert.Contains("iCode P1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RaggedRow_IsAnErrorNotAnException()
    {
        var errors = CoinrTables.Read(new StringReader(TestFiles.IMeta), new StringReader("uCode,i1,i2,i3\nA,1,2\n")).AsT1;
        Assert.Contains(errors, e => e.Path == "line 2" && e.Message.Contains("has 3 cells", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingFile_IsFileNotFoundException()
    {
        using var dir = new TempDir();
        var meta = dir.File("iMeta.csv", TestFiles.IMeta);
        Assert.Throws<FileNotFoundException>(() => CoinrTables.ReadFiles(meta, Path.Combine(dir.Path, "iData.csv")));
        await Assert.ThrowsAsync<FileNotFoundException>(() => CoinrTables.ReadFilesAsync(dir.Path, meta));
    }

    [Fact]
    public void DistanceToTargetCaps_CannotBeChangedThroughACast()
    {
        var meta = "iCode,Level,Parent,Direction,Weight,Type,Target,dist2targ_cap_max\ni1,1,Index,1,1,Indicator,10,TRUE\ni2,1,Index,1,1,Indicator,5,\nIndex,2,,,1,Aggregate,,\n";
        var input = CoinrTables.Read(new StringReader(meta), new StringReader("uCode,i1,i2\nA,1,2\nB,3,4\n")).GetValueOrThrow();
        Assert.Equal(new KeyValuePair<string, bool>("i1", true), Assert.Single(input.DistanceToTargetCaps));
        Assert.IsNotType<Dictionary<string, bool>>(input.DistanceToTargetCaps);
    }
}
