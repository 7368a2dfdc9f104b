using BenchmarkDotNet.Running;

namespace SmartCity.Domain.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/SmartCity.Domain.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
#if DEBUG
        Console.Error.WriteLine("Benchmarks must run in Release: dotnet run -c Release ...");
#endif
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
