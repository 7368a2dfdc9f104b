using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Programmes;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Programmes;

public class ProgrammeTests
{
    /// <summary>Ten units: i1..i5 rise with the unit number; a regulation fact; populations across the RKCI classes.</summary>
    internal static Dataset Data()
    {
        var units = Enumerable.Range(1, 10).Select(u => "C" + u.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var columns = new[] { "i1", "i2", "i3", "i4", "i5", "perda" };
        var values = new double[10, 6];
        for (var u = 0; u < 10; u++)
        {
            for (var c = 0; c < 5; c++)
            {
                values[u, c] = c == 4 ? 10 - u : u + 1; // i5 is lower-is-better
            }

            values[u, 5] = u % 4 == 3 ? 0 : 1;
        }

        values[2, 0] = double.NaN;
        var populations = new string?[] { "150000", "90000", "250000", "400000", "700000", "1200000", "2000000", "180000", "600000", "1500000" };
        return Dataset.Create(units, columns, values, new Dictionary<string, IReadOnlyList<string?>> { ["population"] = populations }).GetValueOrThrow();
    }

    [Fact]
    public void Run_NarrowsTheFunnel_AndExplainsEveryDecision()
    {
        var f = Samples.Small();
        var programme = Programme.Create("demo", Samples.Name("Demo"), "2026", [
            Stage.Create("selection", Samples.Name("Selection"), null, [Gate.Required("perda")]).GetValueOrThrow(),
            Stage.Create("stage1", Samples.Name("Stage 1"), f, [Gate.MinimumCoverage("Index", 1), Gate.ScoreAtLeast("Index", 30)]).GetValueOrThrow(),
            Stage.Create("stage2", Samples.Name("Stage 2"), f, [Gate.TopN("Index", 3)]).GetValueOrThrow(),
        ]).GetValueOrThrow();
        var result = programme.Run(Data()).GetValueOrThrow();

        Assert.Equal(10, result.Stages[0].Entrants);
        Assert.Equal(result.Stages[0].Passed.Count(), result.Stages[1].Entrants);
        Assert.Equal(result.Stages[1].Passed.Count(), result.Stages[2].Entrants);
        Assert.Equal(8, result.Stages[1].Entrants);
        Assert.All(result.Stages[1].Passed, u => Assert.True(result.Stages[1].Scores!.Score("Index", u) >= 30));
        var selection = result.Stages[0];
        var noRegulation = selection.Decisions.Single(d => d.Unit == "C04");
        Assert.False(noRegulation.Passed);
        Assert.Equal(Gate.Required("perda"), noRegulation.FailedGate);
        Assert.Equal("C04 failed perda = yes: perda is not yes", noRegulation.ToString());
        Assert.Equal(1, noRegulation.Shortfall);

        var stage1 = result.Stages[1];
        var missing = stage1.Decisions.Single(d => d.Unit == "C03");
        Assert.Equal(Gate.MinimumCoverage("Index", 1), missing.FailedGate);
        Assert.Equal(0.8, missing.Value!.Value, 12);
        var low = stage1.Decisions.First(d => d.FailedGate is ScoreThresholdGate);
        Assert.True(low.Value < 30 && Math.Abs(low.Shortfall!.Value - (30 - low.Value!.Value)) < 1e-12);

        Assert.Equal(3, result.Finalists.Count());
        Assert.All(result.Stages[2].Decisions.Where(d => !d.Passed), d => Assert.True(d.Shortfall >= 1));
        Assert.Equal(["C10", "C09", "C07"], result.Finalists.OrderByDescending(u => result.Stages[2].Scores!.Score("Index", u)));
    }

    [Fact]
    public void TopN_PerSizeClass_RanksWithinRkciClasses()
    {
        var f = Samples.Small();
        var programme = Programme.Create("demo", Samples.Name("Demo"), "2026", [
            Stage.Create("awards", Samples.Name("Awards"), f, [Gate.TopN("Index", 1, perSizeClass: true)]).GetValueOrThrow(),
        ], SizeClassSchemes.Rkci).GetValueOrThrow();
        var winners = programme.Run(Data()).GetValueOrThrow().Finalists.ToList();
        // kecil: C01, C02, C08 → C08; sedang: C03, C04, C05, C09 → C09; besar: C06, C07, C10 → C10.
        Assert.Equal(["C08", "C09", "C10"], winners.Order());
    }

    [Fact]
    public void Create_ReportsBadGatesAndProgrammes()
    {
        var f = Samples.Small();
        var errors = Stage.Create("s", Samples.Name("S"), f, [Gate.ScoreAtLeast("nope", 1), Gate.TopN("Index", 0), Gate.MinimumCoverage("G1", 1.5)]).AsT1;
        Assert.Equal([ErrorCodes.ReferenceMissing, ErrorCodes.ProgrammeSpec, ErrorCodes.CoverageThresholdRange], errors.Select(e => e.Code));
        Assert.Equal(("gates[1]", "0"), (errors[1].Path, errors[1].AttemptedValue));
        var noFramework = Assert.Single(Stage.Create("s", Samples.Name("S"), null, [Gate.ScoreAtLeast("Index", 1)]).AsT1);
        Assert.Equal((ErrorCodes.ProgrammeSpec, "gates[0]"), (noFramework.Code, noFramework.Path));
        var perClass = Stage.Create("s", Samples.Name("S"), f, [Gate.TopN("Index", 2, perSizeClass: true)]).GetValueOrThrow();
        Assert.Equal(ErrorCodes.ReferenceMissing, Programme.Create("p", Samples.Name("P"), "1", [perClass]).AsT1[0].Code);
        var noStages = Assert.Single(Programme.Create("p", Samples.Name("P"), "1", []).AsT1);
        Assert.Equal((ErrorCodes.ProgrammeNoStages, "stages"), (noStages.Code, noStages.Path));
        var plain = Stage.Create("s", Samples.Name("S"), f, [Gate.ScoreAtLeast("Index", 1)]).GetValueOrThrow();
        var twice = Assert.Single(Programme.Create("p", Samples.Name("P"), "1", [plain, plain]).AsT1);
        Assert.Equal((ErrorCodes.ProgrammeDuplicateStage, "stages", "s"), (twice.Code, twice.Path, twice.AttemptedValue));
    }
}

public class MaturityTests
{
    [Fact]
    public void LevelsOf_MapsScoresToRkciLevels_AndMissingToNull()
    {
        var f = BuiltInFrameworks.Rkci2019;
        var columns = f.Indicators.Select(i => i.Code).ToArray();
        var values = new double[3, columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            var scale = f.Indicators[c].Scale;
            var lo = scale.Minimum ?? 0;
            var hi = scale.Maximum ?? 100;
            values[0, c] = lo;
            values[1, c] = hi;
            values[2, c] = double.NaN;
        }

        values[2, 0] = 1; // the third unit has one value only; min-max needs two distinct values per column
        values[0, 0] = 0;
        var data = Dataset.Create(["A", "B", "C"], columns, values).GetValueOrThrow();
        var result = ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        var levels = Maturity.LevelsOf(result, f.MaturityLevels!, f.Root.Code);
        Assert.Equal("ad-hoc", levels[0]!.Code);
        Assert.Equal("smart", levels[1]!.Code);
        Assert.Equal(BuiltInFrameworks.RkciMaturityLevels.Classify(result.Score(f.Root.Code, "C")!.Value)!.Code, levels[2]!.Code);
    }

    [Fact]
    public void InRange_PassesValuesInsideTheBounds_AndExplainsTheOthers()
    {
        var programme = Programme.Create("plan", Samples.Name("Plan"), "2026", [
            Stage.Create("masterplan", Samples.Name("Masterplan"), null, [Gate.InRange("i1", 5, 8)]).GetValueOrThrow(),
        ]).GetValueOrThrow();
        var stage = programme.Run(ProgrammeTests.Data()).GetValueOrThrow().Stages[0];

        Assert.Equal(["C05", "C06", "C07", "C08"], stage.Passed);
        Assert.Equal(3, stage.Decisions.Single(d => d.Unit == "C02").Shortfall);
        Assert.Equal(2, stage.Decisions.Single(d => d.Unit == "C10").Shortfall);
        var missing = stage.Decisions.Single(d => d.Unit == "C03");
        Assert.False(missing.Passed);
        Assert.Null(missing.Value);
        Assert.Equal("i1 is missing", missing.Reason);
        Assert.Equal("i1 in 5–8", Gate.InRange("i1", 5, 8).Description);
        Assert.Equal("i1 ≥ 1", Gate.InRange("i1", 1).Description);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gate.InRange("i1", 9, 8));
    }

    [Fact]
    public void Menuju100_MasterplanStage_ChecksTheSourcedHorizonAndTheQuickWins()
    {
        var stage = BuiltInProgrammes.Menuju100Cohort("2018", "2021", "2022").Stages.Single(s => s.Code == "masterplan");

        Assert.Contains(Gate.InRange("masterplan_horizon_years", 5, 10), stage.Gates);
        Assert.Contains(Gate.InRange("quick_wins", 1), stage.Gates);
        Assert.Contains("masterplan_horizon_years", stage.DataColumns);
    }
}
