using BenchmarkDotNet.Attributes;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Programmes;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Benchmarks;

/// <summary>A whole programme on the bundled example (105 cities and regencies): every stage, gate, gap fill, evaluation edition and award.</summary>
[MemoryDiagnoser]
public class ProgrammeBenchmarks
{
    private Dataset _data = null!;
    private Programme _programme = null!;

    [Params("rkci-2019", "menuju100")]
    public string Programme { get; set; } = "rkci-2019";

    [GlobalSetup]
    public void Setup()
    {
        _programme = BuiltInProgrammes.Find(Programme)!;
        var file = FindUp(Path.Combine("examples", "indonesia-regions.csv"));
        _data = DatasetCsv.ReadFile(DatasetColumns.FromHeader(_programme.NumericColumns), file).GetValueOrThrow();
    }

    /// <summary>Run every stage of the programme.</summary>
    [Benchmark]
    public int Run() => _programme.Run(_data).Match(r => r.Finalists.Count(), _ => -1);

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} was not found above {AppContext.BaseDirectory}.");
    }
}
