using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Serialization;

namespace SmartCity.Domain.Benchmarks;

/// <summary>Loading and validating frameworks: the cost of the safety net around the scoring core.</summary>
[MemoryDiagnoser]
public class FrameworkBenchmarks
{
    private string _json = string.Empty;
    private RatingFramework _framework = null!;

    [Params("rkci-2019", "menuju100-evaluation")]
    public string Framework { get; set; } = "rkci-2019";

    [GlobalSetup]
    public void Setup()
    {
        _framework = BuiltInFrameworks.Find(Framework)!;
        _json = FrameworkJson.Serialize(_framework);
    }

    /// <summary>Baseline: parse the same text into a JsonDocument, with no mapping or validation.</summary>
    [Benchmark(Baseline = true)]
    public int ParseOnly()
    {
        using var doc = JsonDocument.Parse(_json);
        return doc.RootElement.GetProperty("root").GetProperty("children").GetArrayLength();
    }

    /// <summary>Strict deserialisation, mapping and full validation.</summary>
    [Benchmark]
    public RatingFramework? Deserialize() => FrameworkJson.Deserialize(_json).Match<RatingFramework?>(f => f, _ => null);

    /// <summary>Full validation of an already-built tree.</summary>
    [Benchmark]
    public RatingFramework? Validate() => _framework.WithRoot(_framework.Root).Match<RatingFramework?>(f => f, _ => null);

    /// <summary>Writing the framework as JSON.</summary>
    [Benchmark]
    public string Serialize() => FrameworkJson.Serialize(_framework);
}
