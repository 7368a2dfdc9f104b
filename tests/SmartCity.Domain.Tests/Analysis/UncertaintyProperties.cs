using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Tests.Properties;
using SmartCity.Domain.Tests.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Analysis;

public class UncertaintyProperties
{
    private static readonly UncertaintySpec Spec =
        UncertaintySpec.Create([new WeightNoise(1, 0.3), new WeightNoise(2, 0.3)], [AggregationMethod.Arithmetic, AggregationMethod.Geometric]).GetValueOrThrow();

    /// <summary>
    /// Seeded runs are bit-identical whatever the number of threads (each thread re-aggregates only the groups its
    /// replicates change, starting from a different replicate), and replaying any subset of the replicates, in any
    /// order, gives each replicate's scores and ranks again.
    /// </summary>
    [Property(MaxTest = 25)]
    public Property Runs_AreBitIdentical_AcrossThreads_AndReplays() =>
        Prop.ForAll(
            Gen.Choose(1, 200).ToArbitrary(),
            Gen.Choose(2, 6).ToArbitrary(),
            Draws.Arbitrary(1024),
            (replicates, threads, draws) =>
            {
                // The analysis seed is a parameter of the library (its Monte Carlo stream), not a test generator's.
                var seed = draws.Count;
                var rng = draws.Open();
                var f = RandomFrameworks.Build(rng, positiveOnly: true, plain: true, grouped: true).WithMethods(new ScoringMethods(NormalisationMethod.MinMax(1, 100).AsT0)).AsT0;
                var data = RandomData.For(f, rng, units: 30);
                var one = UncertaintyAnalysis.Run(f, data, Spec, replicates, (ulong)seed, new UncertaintyOptions { MaxDegreeOfParallelism = 1 }).GetValueOrThrow();
                var many = UncertaintyAnalysis.Run(f, data, Spec, replicates, (ulong)seed, new UncertaintyOptions { MaxDegreeOfParallelism = threads }).GetValueOrThrow();
                var picked = Enumerable.Range(0, replicates).Where(r => r == 0 || (r * 7 + seed) % 3 != 0).Reverse().ToArray();
                var replay = UncertaintyAnalysis.Replay(f, data, [.. picked.Select(r => one.Replicates[r])], new UncertaintyOptions { MaxDegreeOfParallelism = threads }).GetValueOrThrow();
                return Enumerable.Range(0, replicates).All(r => one.Scores(r).SequenceEqual(many.Scores(r)) && one.Ranks(r).SequenceEqual(many.Ranks(r)))
                    && one.RankStatistics.SequenceEqual(many.RankStatistics)
                    && picked.Select((r, k) => one.Scores(r).SequenceEqual(replay.Scores(k)) && one.Ranks(r).SequenceEqual(replay.Ranks(k))).All(x => x);
            });
}
