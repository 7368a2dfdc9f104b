using System.Text;
using System.Text.Json;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Serialization;

public class FrameworkJsonTests
{
    private const string Minimal = """
        {"schemaVersion":1,"code":"m","name":{"en":"M"},"edition":"1",
         "root":{"code":"R","name":{"en":"R"},"role":"index","children":[{"kind":"indicator","code":"i1","name":{"en":"I"}}]}}
        """;

    [Fact]
    public void Deserialize_Minimal_AppliesDefaults()
    {
        var f = FrameworkJson.Deserialize(Minimal).GetValueOrThrow();
        var i = Assert.Single(f.Indicators);
        Assert.Equal(1, i.Weight);
        Assert.Equal(Direction.HigherIsBetter, i.Direction);
        Assert.Equal(IndicatorScale.Ratio, i.Scale);
        Assert.Equal(IndicatorTier.Core, i.Tier);
        Assert.Equal(SmartCity.Domain.Methods.ScoringMethods.Default, f.Methods);
    }

    [Fact]
    public void Serialize_WritesSchemaVersionCamelCaseAndKinds()
    {
        var json = FrameworkJson.Serialize(Samples.Small());
        Assert.StartsWith("{\"schemaVersion\":1,\"code\":\"small\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"indicator\"", json, StringComparison.Ordinal);
        Assert.Contains("\"direction\":\"lowerIsBetter\"", json, StringComparison.Ordinal);
        Assert.Contains("\"normalisation\":{\"kind\":\"minMax\",\"lower\":0,\"upper\":100}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_WritesDoublesInRoundTripForm()
    {
        var i = Indicator.Create("x", Samples.Name("x"), weight: 0.1 + 0.2).AsT0;
        var f = RatingFramework.Create("f", Samples.Name("f"), "1", Samples.Group("R", i)).AsT0;
        var json = FrameworkJson.Serialize(f);
        Assert.Contains("\"weight\":0.30000000000000004", json, StringComparison.Ordinal);
        Assert.Equal(0.1 + 0.2, FrameworkJson.Deserialize(json).AsT0.Indicators[0].Weight);
    }

    public static TheoryData<RatingFramework> BuiltIns => [.. BuiltInFrameworks.All];

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void BuiltIns_RoundTrip(RatingFramework framework)
    {
        var back = FrameworkJson.Deserialize(FrameworkJson.Serialize(framework, indented: true)).GetValueOrThrow();
        Assert.Equal(framework, back);
        Assert.Empty(FrameworkJson.Validate(FrameworkJson.Serialize(framework)));
    }

    public static TheoryData<string, string, string> BadDocuments => new()
    {
        { Minimal.Replace("\"edition\":\"1\"", "\"edition\":\"1\",\"colour\":\"red\"", StringComparison.Ordinal), ErrorCodes.JsonUnknownProperty, "colour" },
        { Minimal.Replace("\"edition\":\"1\"", "\"edition\":\"1\",\"edition\":\"2\"", StringComparison.Ordinal), ErrorCodes.JsonDuplicateProperty, "" },
        { Minimal.Replace("\"edition\":\"1\",", string.Empty, StringComparison.Ordinal), ErrorCodes.JsonMissingProperty, "" },
        { Minimal.Replace("\"code\":\"m\"", "\"code\":null", StringComparison.Ordinal), ErrorCodes.JsonMissingProperty, "" },
        { Minimal.Replace("\"schemaVersion\":1", "\"schemaVersion\":\"one\"", StringComparison.Ordinal), ErrorCodes.JsonWrongType, "schemaVersion" },
        { Minimal.Replace("\"kind\":\"indicator\"", "\"kind\":\"sensor\"", StringComparison.Ordinal), ErrorCodes.JsonUnknownKind, "" },
        { Minimal.Replace("\"kind\":\"indicator\",", string.Empty, StringComparison.Ordinal), ErrorCodes.JsonUnknownKind, "" },
        { Minimal.Replace("\"name\":{\"en\":\"I\"}", "\"name\":{\"en\":\"I\"},\"weight\":1e999", StringComparison.Ordinal), ErrorCodes.WeightNotFinite, "root.children[0].weight" },
        { Minimal.Replace("\"schemaVersion\":1", "\"schemaVersion\":2", StringComparison.Ordinal), ErrorCodes.JsonSchemaVersion, "schemaVersion" },
        { Minimal[..40], ErrorCodes.JsonMalformed, "" },
        { "", ErrorCodes.JsonMalformed, "" },
        { "null", ErrorCodes.JsonMalformed, "" },
        { "[1,2,3]", ErrorCodes.JsonWrongType, "" },
        { "{\"schemaVersion\":1,} ", ErrorCodes.JsonMalformed, "" },
        { Minimal.Replace("\"weight\"", "\"Weight\"", StringComparison.Ordinal).Replace("\"name\":{\"en\":\"I\"}", "\"name\":{\"en\":\"I\"},\"Weight\":2", StringComparison.Ordinal), ErrorCodes.JsonUnknownProperty, "Weight" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void Deserialize_BadDocument_GivesOneJsonErrorWithPath(string json, string code, string pathPart)
    {
        var result = FrameworkJson.Deserialize(json);
        Assert.True(result.IsT1);
        var error = Assert.Single(result.AsT1);
        Assert.Equal(code, error.Code);
        Assert.Contains(pathPart, error.Path, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Deserialize_GroupsNestedOneHundredThousandDeep_GivesTooDeep()
    {
        const int depth = 100_000;
        var open = "{\"kind\":\"group\",\"code\":\"g\",\"name\":{\"en\":\"g\"},\"role\":\"pillar\",\"children\":[";
        var json = "{\"schemaVersion\":1,\"code\":\"m\",\"name\":{\"en\":\"M\"},\"edition\":\"1\",\"root\":{\"code\":\"R\",\"name\":{\"en\":\"R\"},\"role\":\"index\",\"children\":["
            + string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat("]}", depth)) + "]}}";
        Assert.Equal(ErrorCodes.JsonTooDeep, Assert.Single(FrameworkJson.Deserialize(json).AsT1).Code);
    }

    [Fact]
    public void Deserialize_ArraysNestedOneHundredThousandDeep_GivesOneJsonError()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        Assert.StartsWith("json.", Assert.Single(FrameworkJson.Deserialize(json).AsT1).Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_FiftyMegabytesOfWhitespace_GivesMalformed()
    {
        var json = new string(' ', 50 * 1024 * 1024);
        Assert.Equal(ErrorCodes.JsonMalformed, Assert.Single(FrameworkJson.Deserialize(json).AsT1).Code);
    }

    [Fact]
    public void Deserialize_HugeNumberLiterals_GiveAnErrorNotAnInfiniteValue()
    {
        var json = Minimal.Replace("\"name\":{\"en\":\"I\"}", "\"name\":{\"en\":\"I\"},\"weight\":1" + new string('0', 100_000), StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.WeightNotFinite, Assert.Single(FrameworkJson.Deserialize(json).AsT1).Code);
        var likert = Minimal.Replace("\"name\":{\"en\":\"I\"}", "\"name\":{\"en\":\"I\"},\"scale\":{\"kind\":\"likert\",\"low\":1,\"high\":99999999999999999999}", StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.JsonWrongType, Assert.Single(FrameworkJson.Deserialize(likert).AsT1).Code);
    }

    [Fact]
    public void Deserialize_WithByteOrderMark_IsAccepted_AsTextAndAsBytes()
    {
        Assert.True(FrameworkJson.Deserialize("\uFEFF" + Minimal).IsT0);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Minimal)).ToArray();
        Assert.True(FrameworkJson.Deserialize(bytes).IsT0);
    }

    [Fact]
    public void Deserialize_InvalidFramework_ReportsEveryProblemWithJsonPaths()
    {
        var json = """
            {"schemaVersion":1,"code":"x","name":{"en":"X"},"edition":"1",
             "root":{"code":"R","name":{"en":"r"},"role":"index","children":[
               {"kind":"group","code":"A","name":{"en":"a"},"role":"pillar","children":[]},
               {"kind":"indicator","code":"i1","name":{"en":"i"},"weight":-1,"goalposts":{"lower":5,"upper":1}},
               {"kind":"indicator","code":"i1","name":{"en":"j"},"scale":{"kind":"likert","low":1,"high":5},"target":7,
                "normalisation":{"kind":"minMax","lower":3,"upper":3}}]}}
            """;
        var errors = FrameworkJson.Deserialize(json).AsT1;
        var found = errors.Select(e => (e.Code, e.Path)).ToHashSet();
        Assert.Contains((ErrorCodes.GroupEmpty, "root.children[0].children"), found);
        Assert.Contains((ErrorCodes.WeightNegative, "root.children[1].weight"), found);
        Assert.Contains((ErrorCodes.GoalpostsOrder, "root.children[1].goalposts.upper"), found);
        Assert.Contains((ErrorCodes.NodeDuplicateCode, "root.children[2].code"), found);
        Assert.Contains((ErrorCodes.ScaleValueOutOfRange, "root.children[2].target"), found);
        Assert.Contains((ErrorCodes.NormalisationRange, "root.children[2].normalisation.upper"), found);
    }

    [Fact]
    public void Validate_DirectionOnGroup_IsAWarningNotAnError()
    {
        var json = Minimal.Replace("\"role\":\"index\"", "\"role\":\"index\",\"direction\":\"lowerIsBetter\"", StringComparison.Ordinal);
        var finding = Assert.Single(FrameworkJson.Validate(json));
        Assert.Equal(ErrorCodes.NodeDirectionIgnored, finding.Code);
        Assert.Equal(ValidationSeverity.Warning, finding.Severity);
        Assert.Equal("root.direction", finding.Path);
        Assert.True(FrameworkJson.Deserialize(json).IsT0);
    }

    [Theory]
    [InlineData("bad role")]
    [InlineData("")]
    [InlineData("9pillar")]
    public void Deserialize_AGroupRoleThatIsNotACode_IsCodeInvalidAtItsRole(string role)
    {
        var json = Minimal.Replace("\"role\":\"index\"", $"\"role\":\"{role}\"", StringComparison.Ordinal);
        Assert.True(NodeRole.Create(role).IsT1);
        var error = Assert.Single(FrameworkJson.Deserialize(json).AsT1.Errors);
        Assert.Equal(ErrorCodes.CodeInvalid, error.Code);
        Assert.Equal("root.role", error.Path);
    }

    [Fact]
    public void JsonSerializer_WritesAFrameworkInTheFrameworkJsonFormat_AndReadsItBackEqual()
    {
        var framework = BuiltInFrameworks.Rkci2019;
        var json = JsonSerializer.Serialize(framework);
        Assert.Equal(FrameworkJson.Serialize(framework), json);
        Assert.Equal(framework, JsonSerializer.Deserialize<RatingFramework>(json));
        var wrapped = JsonSerializer.Serialize(new[] { framework });
        Assert.Equal(framework, Assert.Single(JsonSerializer.Deserialize<RatingFramework[]>(wrapped)!));
    }

    [Fact]
    public void JsonSerializer_ReadingAnInvalidFramework_ThrowsAJsonExceptionNamingTheError()
    {
        var json = Minimal.Replace("\"role\":\"index\"", "\"role\":\"bad role\"", StringComparison.Ordinal);
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RatingFramework>(json));
        Assert.Contains(ErrorCodes.CodeInvalid, ex.Message, StringComparison.Ordinal);
    }
}
