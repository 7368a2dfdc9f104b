using System.Globalization;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Programmes;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Tests.Programmes;

public class GapFillTests
{
    private static Dataset Data(double secondaryForC03, double secondaryForC01)
    {
        string[] units = ["C01", "C02", "C03", "C04"];
        string[] columns = ["i1", "i2", "i3", "i4", "i5", "secondary.i1"];
        var values = new double[4, 6];
        for (var u = 0; u < 4; u++)
        {
            for (var c = 0; c < 5; c++)
            {
                values[u, c] = c == 4 ? 10 - u : u + 1;
            }

            values[u, 5] = double.NaN;
        }

        values[2, 0] = double.NaN;
        values[2, 5] = secondaryForC03;
        values[0, 5] = secondaryForC01;
        return Dataset.Create(units, columns, values).GetValueOrThrow();
    }

    [Fact]
    public void FromColumns_FillsOnlyMissingValues_ReportsEach_AndLaterStagesSeeThem()
    {
        var f = Samples.Small();
        var programme = Programme.Create("p", Samples.Name("P"), "1", [
            Stage.Create("validation", Samples.Name("Validation"), f, [Gate.MinimumCoverage("Index", 1)], gapFill: GapFill.FromColumns()).GetValueOrThrow(),
            Stage.Create("final", Samples.Name("Final"), f, []).GetValueOrThrow(),
        ]).GetValueOrThrow();
        var data = Data(secondaryForC03: 2.5, secondaryForC01: 99);

        var result = programme.Run(data).GetValueOrThrow();

        var filled = Assert.Single(result.Stages[0].FilledValues);
        Assert.Equal(new FilledValue("C03", "i1", 2.5, "secondary.i1"), filled);
        Assert.All(result.Stages[0].Decisions, d => Assert.True(d.Passed)); // C03 is complete after filling
        Assert.Equal(1, result.Data.Value("C01", "i1")); // an observed value is never overwritten
        Assert.Equal(2.5, result.Data.Value("C03", "i1"));
        Assert.Equal(2.5, result.Stages[1].Scores!.Data!.Value("C03", "i1"));
        Assert.True(double.IsNaN(data.Value("C03", "i1"))); // the input is not changed
        Assert.Empty(result.Stages[1].FilledValues);
    }

    [Fact]
    public void WithoutASecondaryValue_TheGapStays_AndTheCoverageGateExplainsIt()
    {
        var f = Samples.Small();
        var stage = Stage.Create("validation", Samples.Name("Validation"), f, [Gate.MinimumCoverage("Index", 1)], gapFill: GapFill.FromColumns()).GetValueOrThrow();
        var result = Programme.Create("p", Samples.Name("P"), "1", [stage]).GetValueOrThrow().Run(Data(double.NaN, double.NaN)).GetValueOrThrow();

        Assert.Empty(result.Stages[0].FilledValues);
        var decision = result.Stages[0].Decisions.Single(d => d.Unit == "C03");
        Assert.False(decision.Passed);
        Assert.Equal(0.2, decision.Shortfall!.Value, 12);
    }

    [Fact]
    public void FromDataset_FillsFromAnotherSource_ByUnitAndColumn()
    {
        var f = Samples.Small();
        var secondary = Dataset.Create(["C03", "C99"], ["i1"], new double[,] { { 7 }, { 8 } }).GetValueOrThrow();
        var stage = Stage.Create("validation", Samples.Name("Validation"), f, [], gapFill: GapFill.FromDataset(secondary, "BPS 2019")).GetValueOrThrow();
        var result = Programme.Create("p", Samples.Name("P"), "1", [stage]).GetValueOrThrow().Run(Data(double.NaN, double.NaN)).GetValueOrThrow();

        Assert.Equal(new FilledValue("C03", "i1", 7, "BPS 2019"), Assert.Single(result.Stages[0].FilledValues));
    }

    [Fact]
    public void AStageWithNoEntrants_HasNoScoresAndNoDecisions()
    {
        var f = Samples.Small();
        var programme = Programme.Create("p", Samples.Name("P"), "1", [
            Stage.Create("impossible", Samples.Name("I"), f, [Gate.ScoreAtLeast("Index", 1000)]).GetValueOrThrow(),
            Stage.Create("final", Samples.Name("F"), f, []).GetValueOrThrow(),
        ]).GetValueOrThrow();
        var result = programme.Run(Data(double.NaN, double.NaN)).GetValueOrThrow();
        Assert.Equal(4, result.Stages[0].Entrants);
        Assert.Equal(0, result.Stages[1].Entrants);
        Assert.Null(result.Stages[1].Scores);
        Assert.Empty(result.Finalists);
        Assert.Same(result.Stages[0], result.LastScored);
    }

    [Fact]
    public void GapFillEditionsAndAwards_NeedAFramework()
    {
        var errors = Stage.Create("s", Samples.Name("S"), null, [], gapFill: GapFill.FromColumns()).AsT1;
        Assert.Equal(ErrorCodes.ProgrammeSpec, Assert.Single(errors).Code);
    }
}

public class EvaluationTests
{
    private static readonly RatingFramework Framework = BuiltInFrameworks.Menuju100Evaluation;

    /// <summary>A wide dataset with ratings per unit and edition from a function (NaN leaves a unit out of an edition).</summary>
    private static Dataset Wide(string[] units, string[] editions, Func<string, string, string, double> rating)
    {
        var columns = editions.SelectMany(e => Framework.Indicators.Select(i => Panel.WideColumn(i.Code, e))).ToArray();
        var values = new double[units.Length, columns.Length];
        for (var u = 0; u < units.Length; u++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                var parts = columns[c].Split('@');
                values[u, c] = rating(units[u], parts[1], parts[0]);
            }
        }

        return Dataset.Create(units, columns, values).GetValueOrThrow();
    }

    [Fact]
    public void Run_ScoresEveryEdition_WithImprovementAndPillarBreakdown()
    {
        var data = Wide(["A", "B", "C", "D"], ["2021", "2022"], (unit, edition, indicator) => (unit, edition) switch
        {
            ("A", "2021") => 2,
            ("A", _) => 3,
            ("B", _) => 3,
            ("C", "2021") => double.NaN, // joined in 2022
            ("C", _) => 4,
            _ => indicator.Contains("_gov_", StringComparison.Ordinal) ? 4 : 1,
        });
        var panel = Panel.FromWide(data, ["2021", "2022"]).GetValueOrThrow();

        var result = Evaluation.Run(Framework, panel).GetValueOrThrow();

        Assert.Equal("gov brand eco liv soc env", string.Join(' ', result.BreakdownGroups));
        Assert.Equal(2, result.Index("2021", "A")!.Value, 12);
        Assert.Equal(3, result.Index("2022", "A")!.Value, 12);
        Assert.Equal(1, result.Improvement("2022", "A")!.Value, 12);
        Assert.Equal(0, result.Improvement("2022", "B")!.Value, 12);
        Assert.Null(result.Improvement("2022", "C"));
        Assert.Null(result.Improvement("2021", "A"));
        Assert.Equal(4, result.Breakdown("2022", "gov", "D")!.Value, 12);
        Assert.Equal(1, result.Breakdown("2022", "env", "D")!.Value, 12);
        Assert.Equal(1.5, result.Index("2022", "D")!.Value, 12); // (4 + 5 × 1) / 6 in every dimension
        Assert.Equal(0.3, result.Framework.GetEffectiveWeights().Single(w => w.Code == "IMPACT").Weight, 12);
    }

    [Fact]
    public void Breakdown_IsTheIndexSplitByPillar_ForArithmeticAggregationAndCompleteData()
    {
        var random = new Random(7);
        var data = Wide([.. Enumerable.Range(1, 12).Select(i => "U" + i.ToString(CultureInfo.InvariantCulture))], ["2022"], (_, _, _) => random.Next(1, 5));
        var result = Evaluation.Run(Framework, Panel.FromWide(data, ["2022"]).GetValueOrThrow()).GetValueOrThrow();
        foreach (var unit in data.Units)
        {
            var meanOfPillars = result.BreakdownGroups.Average(p => result.Breakdown("2022", p, unit)!.Value);
            Assert.Equal(result.Index("2022", unit)!.Value, meanOfPillars, 12);
        }
    }

    [Fact]
    public void Panel_ReportsBadEditions()
    {
        var data = Wide(["A", "B"], ["2021"], (_, _, _) => 2);
        Assert.Equal(ErrorCodes.DataColumnMissing, Assert.Single(Panel.FromWide(data, ["2021", "2030"]).AsT1).Code);
        Assert.Equal(ErrorCodes.ProgrammeSpec, Assert.Single(Panel.FromWide(data, ["2021", "2021"]).AsT1).Code);
        Assert.Equal(ErrorCodes.ProgrammeSpec, Assert.Single(Panel.Create([]).AsT1).Code);
    }

    [Fact]
    public void AnEvaluationStage_ReadsEditionColumns_AndGatesOnTheLatestEdition()
    {
        var data = Wide(["A", "B", "C"], ["2021", "2022"], (unit, edition, _) => unit switch
        {
            "A" => edition == "2021" ? 3 : 2,
            "B" => 3,
            _ => edition == "2021" ? 1 : 3,
        });
        var stage = Stage.Create("evaluation", Samples.Name("Evaluation"), Framework, [Gate.ScoreAtLeast("INDEX", 2.5)], editions: ["2021", "2022"]).GetValueOrThrow();
        var result = Programme.Create("p", Samples.Name("P"), "1", [stage]).GetValueOrThrow().Run(data).GetValueOrThrow();

        Assert.Equal(["B", "C"], result.Finalists);
        Assert.Equal(2, result.Stages[0].Evaluation!.Improvement("2022", "C")!.Value, 12);
        Assert.Equal(0.5, result.Stages[0].Decisions[0].Shortfall!.Value, 12);
        Assert.Contains("impact_gov_1@2022", stage.DataColumns);
    }
}

public class AwardTests
{
    /// <summary>Four units in one class: U1 best; U2 and U3 equal on G2 but U2 better on G1; U4 worst.</summary>
    private static ScoreResult Scores()
    {
        var values = new double[,]
        {
            { 10, 10, 10, 10, 1 },
            { 8, 6, 6, 6, 5 },
            { 4, 6, 6, 6, 5 },
            { 1, 1, 1, 1, 10 },
        };
        var data = Dataset.Create(["U1", "U2", "U3", "U4"], ["i1", "i2", "i3", "i4", "i5"], values).GetValueOrThrow();
        return ScoringPlan.Compile(Samples.Small()).Score(data).GetValueOrThrow();
    }

    private static AwardScheme Scheme(string? tieBreak, AwardBasis? basis = null) => AwardScheme.Create(
        [AwardCategory.Create("cat", Samples.Name("Category"), basis ?? AwardBasis.Node("G2")).GetValueOrThrow()],
        [new AwardTier("gold", Samples.Name("Gold"), 1), new AwardTier("silver", Samples.Name("Silver"), 2)],
        perSizeClass: false,
        tieBreakNode: tieBreak).GetValueOrThrow();

    [Fact]
    public void TiedUnits_SharePlace_AndAllReceiveTheTierAtTheBoundary()
    {
        var awards = Scheme(null).Grant(Scores(), null);
        // Tiers are cumulative: the gold medallist holds silver as well.
        Assert.Equal([("U1", "gold", 1), ("U1", "silver", 1), ("U2", "silver", 2), ("U3", "silver", 2)], awards.Select(a => (a.Unit, a.Tier, a.Place)));
        Assert.Equal(awards[2].Score, awards[3].Score);
        Assert.Equal(100, awards[0].Score, 12);
        Assert.All(awards, a => Assert.Null(a.SizeClass));
    }

    [Fact]
    public void ATieBreakNode_OrdersEqualScores()
    {
        var awards = Scheme("Index").Grant(Scores(), null);
        Assert.Equal(["U1", "U1", "U2"], awards.Select(a => a.Unit));
        Assert.Equal(2, awards[2].Place);
    }

    [Fact]
    public void FormulaCategories_AreWeightedMeansOfNodeScores()
    {
        var scores = Scores();
        var awards = Scheme(null, AwardBasis.Formula(("i1", 3), ("G2", 1))).Grant(scores, null);
        foreach (var a in awards)
        {
            Assert.Equal(((3 * scores.Score("i1", a.Unit)!.Value) + scores.Score("G2", a.Unit)!.Value) / 4, a.Score, 12);
        }

        Assert.Equal(["U1", "U1", "U2"], awards.Select(a => a.Unit));
    }

    [Fact]
    public void PlacesPerCategoryAndClass_OverrideTheTier_AndVacanciesAreReported()
    {
        var scores = Scores();
        var tier = new AwardTier("cert", Samples.Name("Certificate"), 1, null, [new TierPlaces("cat", "b", 3, Confidence.Verified, "a source")]);
        var scheme = AwardScheme.Create([AwardCategory.Create("cat", Samples.Name("Category"), AwardBasis.Node("G2")).GetValueOrThrow()], [tier], perSizeClass: true).GetValueOrThrow();
        string?[] classes = ["a", "b", "b", "a"];
        var awards = scheme.Grant(scores, classes);
        Assert.Equal([("a", "U1"), ("b", "U2"), ("b", "U3")], awards.Select(a => (a.SizeClass, a.Unit)));
        Assert.Equal(3, tier.PlacesFor("cat", "b"));
        Assert.Equal(1, tier.PlacesFor("cat", "a"));
        Assert.Equal(Confidence.Verified, tier.ConfidenceFor("cat", "b"));
        Assert.Equal(Confidence.Illustrative, tier.ConfidenceFor("cat", "a"));
        // Class b has 3 places and 2 competitors; a class with nobody has every place empty.
        Assert.Equal(
            [new AwardVacancy("cat", "b", "cert", 3, 2), new AwardVacancy("cat", "c", "cert", 1, 0)],
            scheme.Vacancies(scores, classes, null, ["a", "b", "c"]).ToArray());
    }

    [Fact]
    public void IneligibleUnits_AndUnitsWithoutAClass_GetNothing()
    {
        var scheme = AwardScheme.Create(
            [AwardCategory.Create("cat", Samples.Name("Category"), AwardBasis.Node("Index")).GetValueOrThrow()],
            [new AwardTier("top", Samples.Name("Top"), 1)],
            perSizeClass: true).GetValueOrThrow();
        var awards = scheme.Grant(Scores(), ["kecil", "kecil", "besar", null], [false, true, true, true]);
        Assert.Equal([("kecil", "U2"), ("besar", "U3")], awards.Select(a => (a.SizeClass, a.Unit)).OrderBy(a => a.Unit));
    }

    [Fact]
    public void Create_ReportsBadSchemes()
    {
        var category = AwardCategory.Create("cat", Samples.Name("C"), AwardBasis.Node("G1")).GetValueOrThrow();
        var tiers = AwardScheme.Create([category], [new AwardTier("a", Samples.Name("A"), 5), new AwardTier("b", Samples.Name("B"), 5)], false).AsT1;
        Assert.Equal(ErrorCodes.ProgrammeSpec, Assert.Single(tiers).Code);
        var zero = Assert.Single(AwardCategory.Create("f", Samples.Name("F"), AwardBasis.Formula(("i1", 0))).AsT1);
        Assert.Equal((ErrorCodes.WeightNotPositive, "basis.parts[0]"), (zero.Code, zero.Path));
        var nan = Assert.Single(AwardCategory.Create("f", Samples.Name("F"), AwardBasis.Formula(("i1", double.NaN))).AsT1);
        Assert.Equal((ErrorCodes.WeightNotFinite, "basis.parts[0]"), (nan.Code, nan.Path));
        Assert.Equal(ErrorCodes.ProgrammeSpec, Assert.Single(AwardCategory.Create("f", Samples.Name("F"), AwardBasis.Formula()).AsT1).Code);
        var unknown = AwardScheme.Create([AwardCategory.Create("x", Samples.Name("X"), AwardBasis.Node("nope")).GetValueOrThrow()], [new AwardTier("a", Samples.Name("A"), 1)], true).GetValueOrThrow();
        Assert.Equal(ErrorCodes.ReferenceMissing, Assert.Single(Stage.Create("s", Samples.Name("S"), Samples.Small(), [], awards: unknown).AsT1).Code);
        var perClass = AwardScheme.Create([category], [new AwardTier("a", Samples.Name("A"), 1)], true).GetValueOrThrow();
        var stage = Stage.Create("s", Samples.Name("S"), Samples.Small(), [], awards: perClass).GetValueOrThrow();
        Assert.Equal(ErrorCodes.ReferenceMissing, Assert.Single(Programme.Create("p", Samples.Name("P"), "1", [stage]).AsT1).Code);
    }
}

public class BuiltInProgrammeTests
{
    [Fact]
    public void Rkci2019_FollowsThe2019Stages_WithNineCategoriesAndTwoTiers()
    {
        var p = BuiltInProgrammes.Rkci2019;
        Assert.Equal(["kickoff", "self-evaluation", "stage-1", "validation", "stage-2"], p.Stages.Select(s => s.Code));
        var quota = Assert.IsType<ClassQuotaGate>(Assert.Single(p.Stages[2].Gates));
        Assert.Equal(30, quota.Total);
        Assert.Equal(8, quota.QuotaOf("besar"));
        Assert.Equal(Confidence.Secondary, quota.Quotas.Single(q => q.SizeClass == "besar").Confidence);
        Assert.All(quota.Quotas.Where(q => q.SizeClass != "besar"), q => Assert.Equal(Confidence.Illustrative, q.Confidence));
        Assert.IsType<SecondaryColumnsGapFill>(p.Stages[3].GapFill);
        var awards = p.Stages[4].Awards!;
        Assert.Equal(9, awards.Categories.Count);
        Assert.Contains(awards.Categories, c => c.Code == "digital-government" && c.Basis is FormulaAwardBasis);
        Assert.Equal(["trophy", "certificate"], awards.Tiers.Select(t => t.Code));
        Assert.Equal(5, awards.Tiers[0].PlacesFor("kota-menuju-cerdas", "besar"));
        Assert.Equal(7, awards.Tiers[1].PlacesFor("kota-menuju-cerdas", "besar"));
        Assert.Equal(Confidence.Verified, awards.Tiers[1].ConfidenceFor("kota-menuju-cerdas", "besar"));
        Assert.Equal(Confidence.Illustrative, awards.Tiers[1].ConfidenceFor("smart-economy", "kecil"));
        Assert.True(awards.PerSizeClass);
        Assert.Same(SizeClassSchemes.Rkci, p.SizeClasses);
        Assert.Same(p, BuiltInProgrammes.Find("RKCI-2019"));
    }

    [Fact]
    public void Menuju100_SelectsAssessesAgreesPlansAndEvaluates()
    {
        var p = BuiltInProgrammes.Menuju100;
        Assert.Equal(["selection", "readiness", "mou", "masterplan", "evaluation"], p.Stages.Select(s => s.Code));
        Assert.Equal(["fiscal_capacity", "ekppd_index", "green_city_index"], p.Stages[0].Framework!.Indicators.Select(i => i.Code));
        Assert.Equal(Gate.TopN("SELECTION", 120), Assert.Single(p.Stages[0].Gates));
        Assert.Equal(Gate.TopN("READINESS", 50), Assert.Single(p.Stages[1].Gates));
        Assert.Contains(p.Stages[1].Framework!.Indicators, i => i.Code == "lead_vision");
        Assert.Contains(p.Stages[1].Framework!.Indicators, i => i.Code == "sup_masterplan");
        Assert.Equal(["2021", "2022"], p.Stages[4].Editions);
        Assert.Contains("agreement_signed", p.DataColumns);
        Assert.Contains("quickwin_env_3@2021", p.DataColumns);
        Assert.Equal(["2019", "2020"], BuiltInProgrammes.Menuju100For("2019", "2020").Stages[4].Editions);
    }

    [Theory]
    [InlineData("2017", 80, 25, 3)]
    [InlineData("2018", 120, 50, 3)]
    [InlineData("2019", 107, 25, 4)]
    public void Menuju100Cohorts_HaveTheSourcedCandidateAndCohortSizes(string year, int candidates, int cohort, int parameters)
    {
        var p = BuiltInProgrammes.Menuju100Cohort(year, "2021", "2022");
        Assert.Equal(Gate.TopN("SELECTION", candidates), Assert.Single(p.Stages[0].Gates));
        Assert.Equal(Gate.TopN("READINESS", cohort), Assert.Single(p.Stages[1].Gates));
        Assert.Equal(parameters, p.Stages[0].Framework!.Indicators.Length);
        Assert.Equal(parameters == 4, p.Stages[0].Framework!.Indicators.Any(i => i.Code == "sustainable_city_index"));
        Assert.Throws<ArgumentOutOfRangeException>(() => BuiltInProgrammes.Menuju100Cohort("2020"));
    }

    [Fact]
    public void RkciEditions_HaveTheirCategoriesAndLevelNames()
    {
        Assert.Equal(["2017", "2019", "2021", "2023"], BuiltInFrameworks.RkciEditions.Select(f => f.Edition));
        Assert.Equal(12, BuiltInProgrammes.Rkci2017.Stages[^1].Awards!.Categories.Count);
        Assert.Equal(9, BuiltInProgrammes.Rkci2019.Stages[^1].Awards!.Categories.Count);
        Assert.Contains(BuiltInProgrammes.Rkci2021.Stages[^1].Awards!.Categories, c => c.Code == "digital-readiness");
        Assert.Contains(BuiltInProgrammes.Rkci2023.Stages[^1].Awards!.Categories, c => c.Code == "circular-economy");
        Assert.Equal("initiative", BuiltInFrameworks.Rkci2023.MaturityLevels!.Classes[1].Code);
        Assert.Equal("initial", BuiltInFrameworks.Rkci2019.MaturityLevels!.Classes[1].Code);
        Assert.Equal("Masyarakat cerdas", BuiltInFrameworks.Rkci2021.Find("SOC")!.Name.Indonesian);
        Assert.Equal("Sosial cerdas", BuiltInFrameworks.Rkci2019.Find("SOC")!.Name.Indonesian);
        Assert.Equal(4, ((GroupNode)BuiltInFrameworks.Rkci2019.Find("SOC")!).Children.Count);
        Assert.Equal(3, ((GroupNode)BuiltInFrameworks.Rkci2019.Find("ECO")!).Children.Count);
    }
}

public class RkciOnTheExampleTests
{
    private static readonly Lazy<ProgrammeResult> s_run = new(() =>
    {
        var programme = BuiltInProgrammes.Rkci2019;
        var path = Path.Combine(DocumentationTests.RepoRoot(), "examples", "indonesia-regions.csv");
        var data = SmartCity.Domain.Coinr.DatasetCsv.ReadFile(SmartCity.Domain.Coinr.DatasetColumns.FromHeader(programme.NumericColumns), path).GetValueOrThrow();
        return programme.Run(data).GetValueOrThrow();
    });

    [Fact]
    public void FinalistsComeFromEveryClass_AndRegenciesAreNotEligible()
    {
        var run = s_run.Value;
        Assert.Equal(12, run.NotEligible.Length);
        Assert.All(run.NotEligible, u => Assert.StartsWith("R", u, StringComparison.Ordinal));
        Assert.DoesNotContain(run.Stages[0].Decisions, d => d.Unit.StartsWith('R'));
        var stage1 = run.Stages[2];
        var passed = stage1.Decisions.Select((d, i) => (d, c: stage1.SizeClasses[i])).Where(x => x.d.Passed).GroupBy(x => x.c).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(8, passed["besar"]);
        Assert.Equal(11, passed["sedang"]);
        Assert.Equal(11, passed["kecil"]);
        var failed = stage1.Decisions.First(d => !d.Passed);
        Assert.Matches(@"^ranked \d+(st|nd|rd|th) in (besar|sedang|kecil); the top \d+ of the class pass$", failed.Reason);
    }

    [Fact]
    public void TiersAreCumulative_AndLevelsSitOnTheAbsoluteScale()
    {
        var run = s_run.Value;
        var final = run.Stages[^1];
        var trophies = final.Awards.Where(a => a.Tier == "trophy").ToList();
        Assert.NotEmpty(trophies);
        Assert.All(trophies, t => Assert.Contains(final.Awards, a => a.Tier == "certificate" && a.Unit == t.Unit && a.Category == t.Category && a.SizeClass == t.SizeClass));
        Assert.Equal(7, final.Awards.Count(a => a.Category == "kota-menuju-cerdas" && a.SizeClass == "besar" && a.Tier == "certificate"));
        Assert.Equal(5, final.Awards.Count(a => a.Category == "kota-menuju-cerdas" && a.SizeClass == "besar" && a.Tier == "trophy"));
        // A level is the band of the absolute 0-100 score: scoring one finalist alone gives the same level.
        var levels = final.Levels("RKCI");
        var alone = ScoringPlan.Compile(final.Stage.Framework!).Score(final.Scores!.Data!.Subset([final.Scores.Units[0]])).GetValueOrThrow();
        Assert.Equal(levels[0], Maturity.LevelsOf(alone, final.Stage.Framework!.MaturityLevels!, "RKCI")[0]);
        Assert.Equal(final.Scores.Score("RKCI", final.Scores.Units[0])!.Value, alone.Score("RKCI", final.Scores.Units[0])!.Value, 9);
        // The Garuda scale: most cities below 60, none at "smart" on realistic (synthetic) data.
        Assert.True(levels.Count(l => l?.Code is "smart") <= 1);
        Assert.True(levels.Count(l => l?.Code is "ad-hoc" or "initial" or "scattered") > levels.Length / 2);
    }

    [Fact]
    public void TheResult_RoundTripsThroughResultJson_WithQuotaGatesAndEligibility()
    {
        var run = s_run.Value;
        var json = SmartCity.Domain.Serialization.ResultJson.Serialize(run);
        var back = SmartCity.Domain.Serialization.ResultJson.DeserializeProgrammeResult(json, BuiltInProgrammes.Rkci2019).GetValueOrThrow();
        Assert.Equal(run.NotEligible.ToArray(), back.NotEligible.ToArray());
        Assert.Equal(run.Stages[2].Decisions.ToArray(), back.Stages[2].Decisions.ToArray());
        Assert.IsType<ClassQuotaGate>(back.Stages[2].Decisions.First(d => !d.Passed).FailedGate);
        Assert.Equal(run.Stages[^1].Awards.ToArray(), back.Stages[^1].Awards.ToArray());
        Assert.Equal(run.Stages[^1].AwardVacancies.ToArray(), back.Stages[^1].AwardVacancies.ToArray());
        Assert.Equal(json, SmartCity.Domain.Serialization.ResultJson.Serialize(back));
    }

    [Fact]
    public void MissingOrBadPopulations_AreCodedErrors_NamingRowAndColumn()
    {
        var programme = BuiltInProgrammes.Rkci2019;
        var good = Dataset.Create(["K1"], ["rkci_registered"], new double[,] { { 1 } }, new Dictionary<string, IReadOnlyList<string?>> { ["type"] = ["kota"] }).GetValueOrThrow();
        var missing = Assert.Single(programme.Run(good).AsT1);
        Assert.Equal(ErrorCodes.ProgrammePopulationMissing, missing.Code);
        Assert.Equal("population", missing.Path);
        foreach (var (text, word) in new[] { ("-5", "negative"), ("many", "not a number"), ("", "missing") })
        {
            var data = Dataset.Create(["K1"], ["rkci_registered"], new double[,] { { 1 } }, new Dictionary<string, IReadOnlyList<string?>> { ["type"] = ["kota"], ["population"] = [text] }).GetValueOrThrow();
            var error = Assert.Single(programme.Run(data).AsT1);
            Assert.Equal(ErrorCodes.ProgrammePopulationInvalid, error.Code);
            Assert.Equal("row 1.population", error.Path);
            Assert.Contains(word, error.Message, StringComparison.Ordinal);
        }
    }
}
