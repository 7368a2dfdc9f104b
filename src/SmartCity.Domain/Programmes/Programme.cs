using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Programmes;

/// <summary>One stage of a programme: it scores its entrants with a framework (or not at all) and applies gates.</summary>
public sealed record Stage
{
    private Stage(string code, LocalizedText name, RatingFramework? framework, EquatableArray<Gate> gates)
    {
        Code = code;
        Name = name;
        Framework = framework;
        Gates = gates;
    }

    /// <summary>Gets the stage code.</summary>
    public string Code { get; }

    /// <summary>Gets the stage name.</summary>
    public LocalizedText Name { get; }

    /// <summary>Gets the framework that scores the stage, or <see langword="null"/> for a stage without scoring (a kick-off, a fact check).</summary>
    public RatingFramework? Framework { get; }

    /// <summary>Gets the gates, applied in order; a unit's decision names the first it fails.</summary>
    public EquatableArray<Gate> Gates { get; }

    /// <summary>Creates a stage.</summary>
    /// <param name="code">The code.</param>
    /// <param name="name">The name.</param>
    /// <param name="framework">The framework that scores it, or <see langword="null"/>.</param>
    /// <param name="gates">The gates.</param>
    /// <returns>The stage, or errors (invalid code; a gate naming a node the framework lacks, or needing scores without a framework; TopN ≤ 0; coverage outside [0, 1]).</returns>
    public static OneOf<Stage, ValidationErrors> Create(string code, LocalizedText name, RatingFramework? framework, IEnumerable<Gate> gates)
    {
        ArgumentNullException.ThrowIfNull(name);
        var list = EquatableArray.Create(gates);
        var errors = new ErrorCollector();
        Codes.Check(errors, code, "code");
        for (var i = 0; i < list.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"gates[{i}]");
            var node = list[i] switch
            {
                ScoreThresholdGate s => s.Node,
                TopNGate t => t.Node,
                CoverageGate c => c.Node,
                _ => null,
            };
            if (node is not null && framework?.Find(node) is null)
            {
                errors.Add(ErrorCodes.ReferenceMissing, path, framework is null ? $"'{list[i]}' needs scores, but the stage has no framework." : $"The framework has no node '{node}'.", node);
            }

            if (list[i] is TopNGate { N: <= 0 } top)
            {
                errors.Add(ErrorCodes.MethodParameter, path, "N must be positive.", top.N);
            }

            if (list[i] is CoverageGate cov && !(cov.Share is >= 0 and <= 1))
            {
                errors.Add(ErrorCodes.CoverageThresholdRange, path, "The coverage share must be in [0, 1].", cov.Share);
            }

            if (list[i] is ScoreThresholdGate st && !double.IsFinite(st.Minimum))
            {
                errors.Add(ErrorCodes.NumberNotFinite, path, "The threshold must be finite.", st.Minimum);
            }
        }

        return errors.Result(() => new Stage(code, name, framework, list));
    }

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"Stage({Code}, gates: {string.Join("; ", Gates)})";
}

/// <summary>
/// An assessment programme: ordered stages, each selecting among the units that passed the previous one (RKCI:
/// self-evaluation → stage-1 top 30 → validation → stage 2; Menuju 100 Smart City: selection → readiness → …).
/// </summary>
public sealed record Programme
{
    private Programme(string code, LocalizedText name, string edition, EquatableArray<Stage> stages, ClassificationScheme? sizeClasses, string populationAttribute)
    {
        Code = code;
        Name = name;
        Edition = edition;
        Stages = stages;
        SizeClasses = sizeClasses;
        PopulationAttribute = populationAttribute;
    }

    /// <summary>Gets the programme code.</summary>
    public string Code { get; }

    /// <summary>Gets the name.</summary>
    public LocalizedText Name { get; }

    /// <summary>Gets the edition.</summary>
    public string Edition { get; }

    /// <summary>Gets the stages, in order.</summary>
    public EquatableArray<Stage> Stages { get; }

    /// <summary>Gets the size classes used by per-class gates, or <see langword="null"/>.</summary>
    public ClassificationScheme? SizeClasses { get; }

    /// <summary>Gets the data column or attribute holding each unit's population (for size classes).</summary>
    public string PopulationAttribute { get; }

    /// <summary>Creates a programme.</summary>
    /// <param name="code">The code.</param>
    /// <param name="name">The name.</param>
    /// <param name="edition">The edition.</param>
    /// <param name="stages">The stages, in order; codes unique.</param>
    /// <param name="sizeClasses">The size classes for per-class gates.</param>
    /// <param name="populationAttribute">Where the population is found.</param>
    /// <returns>The programme, or errors.</returns>
    public static OneOf<Programme, ValidationErrors> Create(string code, LocalizedText name, string edition, IEnumerable<Stage> stages, ClassificationScheme? sizeClasses = null, string populationAttribute = "population")
    {
        ArgumentNullException.ThrowIfNull(name);
        var list = EquatableArray.Create(stages);
        var errors = new ErrorCollector();
        Codes.Check(errors, code, "code");
        if (list.Count == 0)
        {
            errors.Add(ErrorCodes.GroupEmpty, "stages", "A programme needs at least one stage.");
        }

        foreach (var dup in list.GroupBy(s => s.Code).Where(g => g.Count() > 1))
        {
            errors.Add(ErrorCodes.NodeDuplicateCode, "stages", $"Two stages share the code '{dup.Key}'.", dup.Key);
        }

        if (sizeClasses is null && list.Any(s => s.Gates.Any(g => g is TopNGate { PerSizeClass: true })))
        {
            errors.Add(ErrorCodes.ReferenceMissing, "sizeClasses", "A per-size-class gate needs the programme's size classes.");
        }

        return errors.Result(() => new Programme(code, name, edition, list, sizeClasses, populationAttribute));
    }

    /// <summary>Runs every stage on a dataset: each stage scores the units that passed the previous one and explains every decision.</summary>
    /// <param name="data">The dataset: the columns every stage's framework needs, the required facts, and the population for size classes.</param>
    /// <returns>The stage results, or the first stage's errors (with the stage in the path).</returns>
    public OneOf<ProgrammeResult, ValidationErrors> Run(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var entrants = data.Units.ToList();
        var results = ImmutableArray.CreateBuilder<StageResult>();
        foreach (var stage in Stages)
        {
            var subset = data.Subset(entrants);
            ScoreResult? scores = null;
            if (stage.Framework is { } framework)
            {
                var scored = ScoringPlan.Compile(framework).Score(subset);
                if (scored.TryPickT1(out var errors, out scores))
                {
                    return errors.WithPathPrefix(stage.Code);
                }
            }

            var classes = SizeClasses is null ? null : subset.Units.Select(u => SizeClasses.Classify(Population(subset, u))?.Code).ToList();
            var decisions = ImmutableArray.CreateBuilder<GateDecision>(subset.UnitCount);
            for (var u = 0; u < subset.UnitCount; u++)
            {
                decisions.Add(Decide(stage, subset, scores, classes, u));
            }

            var stageResult = new StageResult(stage, decisions.MoveToImmutable(), scores);
            results.Add(stageResult);
            entrants = [.. stageResult.Passed];
        }

        return new ProgrammeResult(this, results.ToImmutable());
    }

    private double Population(Dataset data, string unit)
    {
        var column = data.IndexOfColumn(PopulationAttribute);
        if (column >= 0)
        {
            return data.Column(column)[data.IndexOfUnit(unit)];
        }

        return double.TryParse(data.Attribute(unit, PopulationAttribute), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : double.NaN;
    }

    private static GateDecision Decide(Stage stage, Dataset data, ScoreResult? scores, List<string?>? classes, int u)
    {
        var unit = data.Units[u];
        foreach (var gate in stage.Gates)
        {
            switch (gate)
            {
                case ScoreThresholdGate s:
                    {
                        var score = scores!.Scores(s.Node)[u];
                        if (!(score >= s.Minimum))
                        {
                            return new GateDecision(unit, false, gate, score, double.IsNaN(score) ? double.NaN : s.Minimum - score);
                        }

                        break;
                    }

                case TopNGate t:
                    {
                        var rank = t.PerSizeClass ? scores!.RanksWithin(t.Node, classes!)[u] : RankAmongEntrants(scores!, t.Node, u);
                        if (!(rank <= t.N))
                        {
                            return new GateDecision(unit, false, gate, rank, double.IsNaN(rank) ? double.NaN : rank - t.N);
                        }

                        break;
                    }

                case RequiredCriterionGate r:
                    {
                        var column = data.IndexOfColumn(r.Column);
                        var value = column < 0 ? double.NaN : data.Column(column)[u];
                        if (value != 1)
                        {
                            return new GateDecision(unit, false, gate, value, 1);
                        }

                        break;
                    }

                case CoverageGate c:
                    {
                        var coverage = scores!.Coverage(c.Node, unit);
                        if (coverage < c.Share)
                        {
                            return new GateDecision(unit, false, gate, coverage, c.Share - coverage);
                        }

                        break;
                    }
            }
        }

        return new GateDecision(unit, true, null, double.NaN, 0);
    }

    private static double RankAmongEntrants(ScoreResult scores, string node, int u)
    {
        var s = scores.Scores(node);
        if (double.IsNaN(s[u]))
        {
            return double.NaN;
        }

        var better = 0;
        foreach (var v in s)
        {
            better += v > s[u] ? 1 : 0;
        }

        return better + 1;
    }

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"Programme({Code} {Edition}, stages: {string.Join(" → ", Stages.Select(s => s.Code))})";
}

/// <summary>What one stage decided.</summary>
public sealed class StageResult
{
    internal StageResult(Stage stage, ImmutableArray<GateDecision> decisions, ScoreResult? scores)
    {
        Stage = stage;
        Decisions = decisions;
        Scores = scores;
    }

    /// <summary>Gets the stage.</summary>
    public Stage Stage { get; }

    /// <summary>Gets one decision per entrant, in dataset order.</summary>
    public ImmutableArray<GateDecision> Decisions { get; }

    /// <summary>Gets the stage's scores of its entrants, or <see langword="null"/> for a stage without a framework.</summary>
    public ScoreResult? Scores { get; }

    /// <summary>Gets the units that passed.</summary>
    public IEnumerable<string> Passed => Decisions.Where(d => d.Passed).Select(d => d.Unit);

    /// <summary>Gets the number of entrants.</summary>
    public int Entrants => Decisions.Length;
}

/// <summary>The outcome of a programme: every stage's decisions (a funnel).</summary>
public sealed class ProgrammeResult
{
    internal ProgrammeResult(Programme programme, ImmutableArray<StageResult> stages)
    {
        Programme = programme;
        Stages = stages;
    }

    /// <summary>Gets the programme.</summary>
    public Programme Programme { get; }

    /// <summary>Gets the stage results, in order.</summary>
    public ImmutableArray<StageResult> Stages { get; }

    /// <summary>Gets the units that passed the last stage.</summary>
    public IEnumerable<string> Finalists => Stages[^1].Passed;
}
