// An ASP.NET minimal API embedding SmartCity.Domain, as a service developer would write it: the request body is read
// asynchronously (Kestrel forbids synchronous reads), bad data is a 400 listing every problem with its code and path,
// and results are written through the library's source-generated JSON contract (a missing score is null, never NaN).
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Validation;

var builder = WebApplication.CreateBuilder(args);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ResultJson.TypeInfoResolver));
var app = builder.Build();

// POST /frameworks/rkci-2019/score with a dataset CSV (uCode, uName, one column per indicator) as the body.
app.MapPost("/frameworks/{code}/score", async (string code, HttpRequest request, CancellationToken cancellationToken) =>
{
    if (BuiltInFrameworks.Find(code) is not { } framework)
    {
        return Results.NotFound();
    }

    var read = await DatasetCsv.ReadAsync(framework, request.Body, "body.csv", cancellationToken: cancellationToken);
    return read.Match(
        data => ScoringPlan.Compile(framework).Score(data).Match(
            result => Results.Text(ResultJson.Serialize(result), "application/json"),
            Problem),
        Problem);
});

// GET /frameworks/rkci-2019: the framework itself, in its versioned JSON format.
app.MapGet("/frameworks/{code}", (string code) =>
    BuiltInFrameworks.Find(code) is { } framework
        ? Results.Text(FrameworkJson.Serialize(framework), "application/json")
        : Results.NotFound());

app.Run();

static IResult Problem(ValidationErrors errors) => Results.BadRequest(
    errors.Select(e => new ProblemLine(e.Code, e.Path, e.Message)).ToArray());

/// <summary>One problem of a rejected request.</summary>
/// <param name="Code">The stable error code (docs/error-codes.md).</param>
/// <param name="Path">Where: a CSV line and column, or a JSON path.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record ProblemLine(string Code, string Path, string Message);

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
