using NJsonSchema;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Tests.Properties;

namespace SmartCity.Domain.Tests.Serialization;

public class JsonSchemaTests
{
    private static readonly Lazy<JsonSchema> s_schema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "framework.schema.json"))).GetAwaiter().GetResult());

    public static TheoryData<RatingFramework> BuiltIns => [.. BuiltInFrameworks.All];

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void BuiltIn_ConformsToThePublishedSchema(RatingFramework framework)
    {
        var errors = s_schema.Value.Validate(FrameworkJson.Serialize(framework, indented: true));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(1234)]
    [InlineData(99999)]
    public void GeneratedFramework_ConformsToThePublishedSchema(int seed)
    {
        var errors = s_schema.Value.Validate(FrameworkJson.Serialize(RandomFrameworks.Build(seed)));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void Schema_RejectsAnUnknownProperty()
    {
        var json = FrameworkJson.Serialize(BuiltInFrameworks.Rkci2019).Replace("\"edition\":", "\"colour\":\"red\",\"edition\":", StringComparison.Ordinal);
        Assert.NotEmpty(s_schema.Value.Validate(json));
    }
}
