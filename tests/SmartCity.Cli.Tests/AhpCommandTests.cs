using System.Text.Json;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Validation;
using SmartCity.Domain.Weights;

namespace SmartCity.Cli.Tests;

public class AhpCommandTests
{
    [Fact]
    public void Ahp_WritesWeightsAndConsistencyAsJson()
    {
        using var dir = new TempDir();
        var matrix = dir.File("m.csv", "criterion,Economy,Society,Environment\nEconomy,1,3,5\nSociety,1/3,1,3\nEnvironment,1/5,1/3,1\n");
        var output = dir.File("w.json");
        var run = CliRun.Of("ahp", "--matrix", matrix, "--out", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("CR 0.033199", run.Out, StringComparison.Ordinal);

        // The file is the library's own AhpResult JSON: it reads back, equal to what the library computes.
        var text = File.ReadAllText(output);
        var back = ResultJson.Deserialize<AhpResult>(text).GetValueOrThrow();
        var expected = Ahp.Compute(["Economy", "Society", "Environment"], new double[,] { { 1, 3, 5 }, { 1.0 / 3, 1, 3 }, { 1.0 / 5, 1.0 / 3, 1 } }).GetValueOrThrow();
        Assert.Equal(expected, back);
        Assert.Equal(ResultJson.Serialize(expected, indented: true) + Environment.NewLine, text);
        Assert.Equal(0.637, back.Weights[0], 3);
        Assert.Equal(3.0385, back.LambdaMax, 4);
        Assert.Equal(0.0332, back.ConsistencyRatio, 4);

        // The names docs/cli.md promises.
        using var json = JsonDocument.Parse(text);
        Assert.Equal(["Economy", "Society", "Environment"], json.RootElement.GetProperty("criteria").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(back.Weights[0], json.RootElement.GetProperty("weights")[0].GetDouble());
        Assert.Equal(back.LambdaMax, json.RootElement.GetProperty("lambdaMax").GetDouble());
        Assert.Equal(back.ConsistencyIndex, json.RootElement.GetProperty("consistencyIndex").GetDouble());
        Assert.Equal(back.ConsistencyRatio, json.RootElement.GetProperty("consistencyRatio").GetDouble());
    }

    [Fact]
    public void Ahp_InconsistentMatrix_ExitsTwo_UnlessAccepted()
    {
        using var dir = new TempDir();
        var matrix = dir.File("m.csv", "x,A,B,C\nA,1,9,1/9\nB,1/9,1,9\nC,9,1/9,1\n");
        var run = CliRun.Of("ahp", "--matrix", matrix);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("consistency ratio", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, CliRun.Of("ahp", "--matrix", matrix, "--accept-inconsistent").ExitCode);
    }

    [Fact]
    public void Ahp_QuotedCriterionNamesWithCommas_AreOneCellEach()
    {
        using var dir = new TempDir();
        var matrix = dir.File("m.csv", "\"criterion\",\"Economy, jobs\",\"Society\"\r\n\"Economy, jobs\",1,3\r\n\r\nSociety,\"1/3\",1\r\n");
        var run = CliRun.Of("ahp", "--matrix", matrix);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Economy, jobs", run.Out, StringComparison.Ordinal);
        Assert.Contains("0.750000", run.Out, StringComparison.Ordinal);
        Assert.Contains("0.250000", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x,A,B\nA,1,two\nB,1/2,1\n", "line 2, column B: 'two'")]
    [InlineData("x,A,B\nA,1,2\n", "must be square")]
    [InlineData("x,A,B\nA,1,2\nC,1/2,1\n", "same order")]
    [InlineData("x,A,B\nA,1,2\nB,3,1\n", "must be 1/2")]
    [InlineData("x,A,B\nA,1,2\nB,1/2,\"1\"x\n", "line 3: a stray quote in a cell; quote the whole cell and double the quotes inside it [csv.malformed]")]
    public void Ahp_BadMatrix_ExitsTwoWithOneLine(string csv, string fragment)
    {
        using var dir = new TempDir();
        var run = CliRun.Of("ahp", "--matrix", dir.File("m.csv", csv));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(fragment, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
