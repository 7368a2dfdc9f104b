using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck.Xunit;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Programmes;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Tests.Infrastructure;
using SmartCity.Domain.Tests.Properties;
using SmartCity.Domain.Tests.Scoring;
using SmartCity.Domain.Validation;
using SmartCity.Domain.Weights;

namespace SmartCity.Domain.Tests.Serialization;

[Properties(Arbitrary = [typeof(DomainArbitraries)])]
public class ResultJsonTests
{
    private static (RatingFramework Framework, Dataset Data) Case(int seed = 3, bool treated = false) => Case(new Random(seed), treated);

    private static (RatingFramework Framework, Dataset Data) Case(Random rng, bool treated)
    {
        var methods = new ScoringMethods(NormalisationMethod.MinMax(1, 100).AsT0, treatment: treated ? OutlierTreatment.CoinrDefault : null);
        var f = RandomFrameworks.Build(rng, positiveOnly: true, plain: true).WithMethods(methods).GetValueOrThrow();
        return (f, RandomData.For(f, rng, units: 30));
    }

    private static T RoundTrip<T>(T value)
    {
        var json = ResultJson.Serialize(value);
        AssertNoNonFinite(json);
        var back = ResultJson.Deserialize<T>(json).Match(v => v, e => throw new ValidationException(e));
        Assert.Equal(json, ResultJson.Serialize(back)); // what is read back writes the same document
        return back;
    }

    private static void AssertNoNonFinite(string json)
    {
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", json, StringComparison.Ordinal);
    }

    [Property(MaxTest = 40)]
    public void ScoreResult_RoundTrips_ToAnEqualResult(Draws draws, bool treated)
    {
        var (f, data) = Case(draws.Open(), treated);
        var scored = ScoringPlan.Compile(f).Score(data);
        if (scored.IsT1)
        {
            return; // some random cases cannot be treated (too few values)
        }

        var result = scored.AsT0;
        var back = RoundTrip(result);
        Assert.Equal(result, back);
        Assert.Equal(result.Data, back.Data);
        Assert.Equal(result.GetContributions(f.Root.Code), back.GetContributions(f.Root.Code));
        foreach (var unit in result.Units)
        {
            Assert.Equal(result.Score(f.Root.Code, unit), back.Score(f.Root.Code, unit));
            Assert.Equal(result.Rank(f.Root.Code, unit), back.Rank(f.Root.Code, unit));
            Assert.Equal(result.Coverage(f.Root.Code, unit), back.Coverage(f.Root.Code, unit));
        }
    }

    [Fact]
    public void ScoreResult_AfterAWeightChange_KeepsTheWeightsInEffect()
    {
        var (f, data) = Case();
        var plan = ScoringPlan.Compile(f);
        var workspace = plan.CreateWorkspace(data.UnitCount);
        Assert.True(plan.Evaluate(data, workspace).IsT0);
        var child = f.Root.Children[0].Code;
        workspace.SetWeight(child, 9);
        Assert.True(plan.Reaggregate(workspace).IsT0);
        var result = workspace.ToResult();
        var back = RoundTrip(result);
        Assert.Equal(9, back.WeightOf(child));
        Assert.Equal(result, back);
        Assert.Equal(result.GetContributions(f.Root.Code), back.GetContributions(f.Root.Code));
    }

    [Fact]
    public void AMissingScore_IsWrittenAsNull()
    {
        var f = Samples.Small();
        var values = new double[3, f.Indicators.Length];
        for (var i = 0; i < f.Indicators.Length; i++)
        {
            values[0, i] = double.NaN; // U1 has no data at all: every score is missing
            values[1, i] = 1 + i;
            values[2, i] = 10 + i;
        }

        var data = Dataset.Create(["U1", "U2", "U3"], [.. f.Indicators.Select(i => i.Code)], values).GetValueOrThrow();
        var result = ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        Assert.Null(result.Score(f.Root.Code, "U1"));
        var json = ResultJson.Serialize(result);
        AssertNoNonFinite(json);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("code").GetString() == f.Root.Code);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("scores")[0].ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ranks")[0].ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("scores")[1].ValueKind);
        Assert.Equal(1, root.GetProperty("ranks")[2].GetInt32());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("data").GetProperty("columns")[0].GetProperty("values")[0].ValueKind);
        Assert.Equal(result, ResultJson.Deserialize<ScoreResult>(json).AsT0);
    }

    [Fact]
    public void ScoreResult_Json_HasTheDocumentedShape()
    {
        var (f, data) = Case();
        var result = ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        using var doc = JsonDocument.Parse(ResultJson.Serialize(result));
        var r = doc.RootElement;
        Assert.Equal(f.Code, r.GetProperty("framework").GetProperty("code").GetString());
        Assert.Equal(f.Root.Code, r.GetProperty("root").GetString());
        Assert.Equal(data.Units, r.GetProperty("units").EnumerateArray().Select(u => u.GetString()!));
        Assert.Equal(result.NodeCodes, r.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()!));
        var node = r.GetProperty("nodes").EnumerateArray().Last();
        Assert.Equal("group", node.GetProperty("kind").GetString());
        Assert.Equal(data.UnitCount, node.GetProperty("coverage").GetArrayLength());
    }

    [Fact]
    public void ContributionTable_TreatmentReport_Dataset_RoundTrip()
    {
        var (f, data) = Case(5, treated: true);
        var result = ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        var table = result.GetContributions(f.Root.Code);
        Assert.Equal(table, RoundTrip(table));
        Assert.Equal(data, RoundTrip(data));
        Assert.NotEmpty(result.TreatmentReports);
        foreach (var report in result.TreatmentReports)
        {
            Assert.Equal(report, RoundTrip(report));
        }
    }

    [Fact]
    public void ScoreDiff_RoundTrips()
    {
        var (f, data) = Case();
        var diff = WhatIf.Run(f, data, new Scenario([FrameworkEdit.SetWeight(f.Root.Children[0].Code, 5)])).GetValueOrThrow();
        var back = RoundTrip(diff);
        Assert.Equal(diff.Root, back.Root);
        Assert.True(diff.Changes.SequenceEqual(back.Changes));
        Assert.True(diff.Causes.SequenceEqual(back.Causes));
        Assert.NotEmpty(back.Causes);
        Assert.Equal(diff.Before, back.Before);
        Assert.Equal(diff.After, back.After);
    }

    [Fact]
    public void UncertaintyAndSensitivityResults_RoundTrip()
    {
        var (f, data) = Case();
        var spec = UncertaintySpec.Create([new WeightNoise(1, 0.25)], [AggregationMethod.Arithmetic, AggregationMethod.Geometric]).GetValueOrThrow();
        var u = UncertaintyAnalysis.Run(f, data, spec, 20, 42).GetValueOrThrow();
        var ub = RoundTrip(u);
        Assert.True(u.Units.SequenceEqual(ub.Units));
        Assert.True(u.NominalScores.SequenceEqual(ub.NominalScores));
        Assert.True(u.NominalRanks.SequenceEqual(ub.NominalRanks));
        Assert.True(u.Replicates.SequenceEqual(ub.Replicates));
        Assert.True(u.RankStatistics.SequenceEqual(ub.RankStatistics));
        for (var r = 0; r < u.Replicates.Length; r++)
        {
            Assert.True(u.Scores(r).SequenceEqual(ub.Scores(r)));
            Assert.True(u.Ranks(r).SequenceEqual(ub.Ranks(r)));
        }

        var s = SensitivityAnalysis.Run(f, data, spec, 16, 5, bootstrap: 50).GetValueOrThrow();
        var sb = RoundTrip(s);
        Assert.True(s.Indices.SequenceEqual(sb.Indices));
        Assert.Equal((s.BaseSamples, s.Runs, s.OutputVariance), (sb.BaseSamples, sb.Runs, sb.OutputVariance));
    }

    [Fact]
    public void ElementRemoval_And_Ahp_RoundTrip()
    {
        var (f, data) = Case();
        var effects = ElementRemoval.Run(f, data, 1).GetValueOrThrow();
        Assert.True(effects.SequenceEqual(RoundTrip(effects)));
        var ahp = Ahp.Compute(["A", "B", "C"], new double[,] { { 1, 3, 5 }, { 1.0 / 3, 1, 3 }, { 1.0 / 5, 1.0 / 3, 1 } }).GetValueOrThrow();
        Assert.Equal(ahp, RoundTrip(ahp));
    }

    [Fact]
    public void EvaluationResult_RoundTrips()
    {
        var (f, data) = Case();
        var later = RandomData.For(f, 99, units: 30);
        var panel = Panel.Create([("2021", data), ("2022", later)]).GetValueOrThrow();
        var evaluation = Evaluation.Run(f, panel).GetValueOrThrow();
        var back = RoundTrip(evaluation);
        Assert.True(evaluation.Editions.SequenceEqual(back.Editions));
        Assert.Equal(evaluation.BreakdownTag, back.BreakdownTag);
        Assert.True(evaluation.Results.SequenceEqual(back.Results));
        Assert.Equal(evaluation.Framework, back.Framework);
    }

    [Fact]
    public void AwardsAndGateDecisions_RoundTrip()
    {
        ImmutableArray<Award> awards = [new Award("smart-economy", "large", "K01", "trophy", 1, 71.5), new Award("smart-economy", null, "K02", "certificate", 6, double.NaN)];
        var back = RoundTrip(awards);
        Assert.Equal(awards[0], back[0]);
        Assert.True(double.IsNaN(back[1].Score));
        var decision = new GateDecision("K01", false, Gate.ScoreAtLeast("Index", 40), 37.5, 2.5);
        Assert.Equal(decision, RoundTrip(decision));
        Assert.Contains("\"kind\":\"scoreAtLeast\"", ResultJson.Serialize(decision), StringComparison.Ordinal);
    }

    [Fact]
    public void ProgrammeResult_RoundTrips_GivenItsProgramme()
    {
        var f = Samples.Small();
        var programme = Programme.Create("demo", Samples.Name("Demo"), "2026", [
            Stage.Create("stage1", Samples.Name("Stage 1"), f, [Gate.MinimumCoverage("Index", 0.5), Gate.ScoreAtLeast("Index", 20)]).GetValueOrThrow(),
            Stage.Create("stage2", Samples.Name("Stage 2"), f, [Gate.TopN("Index", 3)]).GetValueOrThrow(),
        ]).GetValueOrThrow();
        var result = programme.Run(RandomData.For(f, 7, units: 12)).GetValueOrThrow();
        var json = ResultJson.Serialize(result);
        AssertNoNonFinite(json);
        var back = ResultJson.DeserializeProgrammeResult(json, programme).Match(r => r, e => throw new ValidationException(e));
        Assert.Equal(json, ResultJson.Serialize(back));
        Assert.Equal(result.Data, back.Data);
        Assert.True(result.Finalists.SequenceEqual(back.Finalists));
        for (var k = 0; k < result.Stages.Length; k++)
        {
            Assert.Same(result.Stages[k].Stage, back.Stages[k].Stage);
            Assert.True(result.Stages[k].Decisions.SequenceEqual(back.Stages[k].Decisions));
            Assert.Equal(result.Stages[k].Scores, back.Stages[k].Scores);
            Assert.Equal(ResultJson.Serialize(result.Stages[k]), ResultJson.Serialize(back.Stages[k]));
        }

        Assert.True(ResultJson.Deserialize<ProgrammeResult>(json).IsT1); // needs its programme
        var other = Programme.Create("other", Samples.Name("Other"), "2026", [.. programme.Stages]).GetValueOrThrow();
        Assert.Equal(ErrorCodes.JsonResultMismatch, ResultJson.DeserializeProgrammeResult(json, other).AsT1[0].Code);
    }

    [Fact]
    public void BadDocuments_AreErrors_NotExceptions()
    {
        Assert.StartsWith("json.", ResultJson.Deserialize<ScoreResult>("{").AsT1[0].Code, StringComparison.Ordinal);
        Assert.True(ResultJson.Deserialize<ScoreResult>("null").IsT1);
        var (f, data) = Case();
        var json = ResultJson.Serialize(ScoringPlan.Compile(f).Score(data).GetValueOrThrow());
        var broken = json.Replace($"\"code\":\"{f.Root.Code}\"", "\"code\":\"\"", StringComparison.Ordinal);
        Assert.True(ResultJson.Deserialize<ScoreResult>(broken).IsT1);
    }

    [Theory]
    [InlineData("score")]
    [InlineData("rank")]
    [InlineData("weight")]
    public void ATamperedScoreResult_IsAResultMismatch_NamingNodeAndUnit(string tampering)
    {
        var (f, data) = Case();
        var result = ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        var json = ResultJson.Serialize(result);
        var doc = JsonNode.Parse(json)!.AsObject();
        var nodes = doc["nodes"]!.AsArray();
        var root = nodes.Single(n => (string?)n!["code"] == f.Root.Code)!;
        var child = nodes.Single(n => (string?)n!["code"] == f.Root.Children[0].Code)!;
        switch (tampering)
        {
            case "score":
                root["scores"]![0] = (double)root["scores"]![0]! + 10;
                break;
            case "rank":
                root["ranks"]![0] = 50;
                break;
            default:
                child["weight"] = (double)child["weight"]! == 3 ? 7 : 3;
                break;
        }

        var tampered = doc.ToJsonString();
        Assert.NotEqual(json, tampered);
        var error = Assert.Single(ResultJson.Deserialize<ScoreResult>(tampered).AsT1);
        Assert.Equal(ErrorCodes.JsonResultMismatch, error.Code);
        Assert.Contains($"'{f.Root.Code}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{data.Units[0]}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnHonestScoreResult_StillReadsBackEqual_AndANegativeWeightIsAMismatch()
    {
        var (f, data) = Case();
        var result = ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        var json = ResultJson.Serialize(result);
        Assert.Equal(result, ResultJson.Deserialize<ScoreResult>(json).GetValueOrThrow());
        var doc = JsonNode.Parse(json)!.AsObject();
        doc["nodes"]!.AsArray().Single(n => (string?)n!["code"] == f.Root.Children[0].Code)!["weight"] = -1;
        Assert.Equal(ErrorCodes.JsonResultMismatch, Assert.Single(ResultJson.Deserialize<ScoreResult>(doc.ToJsonString()).AsT1).Code);
    }

    [Fact]
    public void ScoreAndRankColumns_RoundTrip_AsArraysWithNullForMissing()
    {
        var f = Samples.Small();
        var values = new double[3, f.Indicators.Length];
        for (var i = 0; i < f.Indicators.Length; i++)
        {
            values[0, i] = double.NaN;
            values[1, i] = 1 + i;
            values[2, i] = 10 + i;
        }

        var data = Dataset.Create(["U1", "U2", "U3"], [.. f.Indicators.Select(i => i.Code)], values).GetValueOrThrow();
        var result = ScoringPlan.Compile(f).Score(data).GetValueOrThrow();
        var scores = result.Scores(f.Root.Code);
        var ranks = result.Ranks(f.Root.Code);
        var scoresJson = ResultJson.Serialize(scores);
        Assert.StartsWith("[null,", scoresJson, StringComparison.Ordinal);
        Assert.Equal("[null,2,1]", ResultJson.Serialize(ranks));
        Assert.Equal(scores.ToArray(), RoundTrip(scores).ToArray());
        Assert.Equal(ranks.ToArray(), RoundTrip(ranks).ToArray());
        Assert.True(ResultJson.Deserialize<RankColumn>("[0,1]").IsT1);
    }

    [Fact]
    public void EffectiveWeights_RoundTrip()
    {
        var weights = BuiltInFrameworks.Rkci2019.GetEffectiveWeights();
        var back = RoundTrip(weights);
        Assert.Equal(weights.ToArray(), back.ToArray());
        Assert.Equal(ErrorCodes.JsonResultMismatch, ResultJson.Deserialize<ImmutableArray<EffectiveWeight>>("[{\"code\":\"a\",\"weight\":2}]").AsT1[0].Code);
    }

    [Fact]
    public void RubricDiff_RoundTrips_AndTamperedChangesAreAMismatch()
    {
        var before = Samples.Small();
        var after = before.WithWeight(before.Root.Children[0].Code, 5).GetValueOrThrow();
        var diff = RubricDiff.Compare(before, after);
        Assert.False(diff.IsEmpty);
        var back = RoundTrip(diff);
        Assert.Equal(diff.Before, back.Before);
        Assert.Equal(diff.After, back.After);
        Assert.Equal(diff.Changes.ToArray(), back.Changes.ToArray());
        Assert.Equal(diff.Changes[0], RoundTrip(diff.Changes[0]));
        Assert.Equal(diff.Changes.ToArray(), RoundTrip(diff.Changes).ToArray());
        var tampered = ResultJson.Serialize(diff).Replace("\"after\":\"5\"", "\"after\":\"6\"", StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.JsonResultMismatch, Assert.Single(ResultJson.Deserialize<RubricDiff>(tampered).AsT1).Code);
    }
}
