using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Serialization;

namespace SmartCity.Examples.Tests;

/// <summary>
/// The example ASP.NET minimal API, hosted in-process by WebApplicationFactory (Kestrel's rules: synchronous reads of the
/// request body are refused), posting the bundled example data as a service's client would.
/// </summary>
public sealed class WebApiTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private static readonly string s_examples = Path.Combine(AppContext.BaseDirectory, "examples");

    [Fact]
    public async Task Score_ReadsTheBodyAsynchronously_AndAnswersWithTheLibrarysResult()
    {
        var csv = await File.ReadAllTextAsync(Path.Combine(s_examples, "rkci-cities.csv"));
        using var client = factory.CreateClient();
        using var response = await client.PostAsync(new Uri("/frameworks/rkci-2019/score", UriKind.Relative), new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        var served = ResultJson.Deserialize<ScoreResult>(json).Match(r => r, e => throw new InvalidOperationException(e.ToString()));
        var framework = BuiltInFrameworks.Rkci2019;
        var expected = ScoringPlan.Compile(framework).Score(DatasetCsv.Read(framework, new StringReader(csv)).AsT0).AsT0;
        Assert.Equal(expected, served);
        Assert.Equal(expected.Rank(framework.Root.Code, "K001"), served.Rank(framework.Root.Code, "K001"));
    }

    [Fact]
    public async Task Score_MissingValues_AreNullInTheResponse_NeverNaN()
    {
        var csv = await File.ReadAllTextAsync(Path.Combine(s_examples, "rkci-cities.csv"));
        Assert.Contains(",,", csv, StringComparison.Ordinal); // the example has missing cells
        using var client = factory.CreateClient();
        using var response = await client.PostAsync(new Uri("/frameworks/rkci-2019/score", UriKind.Relative), new StringContent(csv, Encoding.UTF8, "text/csv"));
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", json, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json); // the whole body is one complete document
        Assert.Contains("null", json, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    [Fact]
    public async Task Score_BadData_Is400_ListingEveryProblemWithItsCode()
    {
        const string csv = "uCode,uName,eco_grdp_pc\nK001,Surabaya,abc\nK002,Bekasi\n";
        using var client = factory.CreateClient();
        using var response = await client.PostAsync(new Uri("/frameworks/rkci-2019/score", UriKind.Relative), new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var codes = doc.RootElement.EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.NotEmpty(codes);
        Assert.All(doc.RootElement.EnumerateArray(), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("path").GetString())));
        Assert.Contains("csv.ragged-row", codes);
    }

    [Fact]
    public async Task UnknownFramework_Is404()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync(new Uri("/frameworks/nope/score", UriKind.Relative), new StringContent("uCode\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Framework_IsServedInItsJsonFormat_AndReadsBack()
    {
        using var client = factory.CreateClient();
        var json = await client.GetStringAsync(new Uri("/frameworks/rkci-2019", UriKind.Relative));
        var back = FrameworkJson.Deserialize(json);
        Assert.True(back.IsT0);
        Assert.Equal(BuiltInFrameworks.Rkci2019, back.AsT0);
    }
}
