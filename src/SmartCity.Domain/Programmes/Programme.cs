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
    private Stage(string code, LocalizedText name, RatingFramework? framework, EquatableArray<Gate> gates, GapFill? gapFill, EquatableArray<string> editions, AwardScheme? awards)
    {
        Code = code;
        Name = name;
        Framework = framework;
        Gates = gates;
        GapFill = gapFill;
        Editions = editions;
        Awards = awards;
    }

    /// <summary>Gets the stage code.</summary>
    public string Code { get; }

    /// <summary>Gets the stage name.</summary>
    public LocalizedText Name { get; }

    /// <summary>Gets the framework that scores the stage, or <see langword="null"/> for a stage without scoring (a kick-off, a fact check).</summary>
    public RatingFramework? Framework { get; }

    /// <summary>Gets the gates, applied in order; a unit's decision names the first it fails.</summary>
    public EquatableArray<Gate> Gates { get; }

    /// <summary>Gets how the stage fills missing indicator values before scoring, or <see langword="null"/>.</summary>
    public GapFill? GapFill { get; }

    /// <summary>
    /// Gets the editions of an evaluation stage, oldest first (empty for a single-edition stage). An evaluation stage
    /// reads indicator <c>x</c> of edition <c>e</c> from the column <c>x@e</c>, scores every edition
    /// (<see cref="StageResult.Evaluation"/>), and applies its gates and awards to the latest edition.
    /// </summary>
    public EquatableArray<string> Editions { get; }

    /// <summary>Gets the awards the stage grants to the units that pass its gates, or <see langword="null"/>.</summary>
    public AwardScheme? Awards { get; }

    /// <summary>Gets the data columns the stage reads: its framework's indicators and denominators (per edition) and its required facts.</summary>
    public IEnumerable<string> DataColumns
    {
        get
        {
            var codes = Framework is null ? [] : Framework.Indicators.Select(i => i.Code).Concat(Framework.Denominators.Select(d => d.Code));
            var columns = Editions.Count == 0 ? codes : codes.SelectMany(c => Editions.Select(e => Panel.WideColumn(c, e)));
            return columns.Concat(Gates.OfType<RequiredCriterionGate>().Select(g => g.Column)).Concat(Gates.OfType<ColumnRangeGate>().Select(g => g.Column));
        }
    }

    /// <summary>Creates a stage.</summary>
    /// <param name="code">The code.</param>
    /// <param name="name">The name.</param>
    /// <param name="framework">The framework that scores it, or <see langword="null"/>.</param>
    /// <param name="gates">The gates.</param>
    /// <param name="gapFill">How missing values are filled before scoring, or <see langword="null"/>.</param>
    /// <param name="editions">The editions of an evaluation stage, oldest first, or <see langword="null"/>.</param>
    /// <param name="awards">The awards granted to the units that pass, or <see langword="null"/>.</param>
    /// <returns>
    /// The stage, or errors (invalid code; a gate or award naming a node the framework lacks, or needing scores without
    /// a framework; TopN ≤ 0; coverage outside [0, 1]; gap filling, editions or awards without a framework; bad edition labels).
    /// </returns>
    public static OneOf<Stage, ValidationErrors> Create(
        string code,
        LocalizedText name,
        RatingFramework? framework,
        IEnumerable<Gate> gates,
        GapFill? gapFill = null,
        IEnumerable<string>? editions = null,
        AwardScheme? awards = null)
    {
        Guard.Against.Null(name);
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
                ClassQuotaGate q => q.Node,
                CoverageGate c => c.Node,
                _ => null,
            };
            if (node is not null && framework is null)
            {
                errors.Add(ErrorCodes.ProgrammeSpec, path, $"'{list[i]}' needs scores, but the stage has no framework.", node);
            }
            else if (node is not null && framework?.Find(node) is null)
            {
                errors.Add(ErrorCodes.ReferenceMissing, path, $"The framework has no node '{node}'.", node);
            }

            if (list[i] is TopNGate { N: <= 0 } top)
            {
                errors.Add(ErrorCodes.ProgrammeSpec, path, "A top-N gate needs N of at least 1.", top.N);
            }

            if (list[i] is ClassQuotaGate quota)
            {
                if (quota.Quotas.Count == 0 || quota.Quotas.Any(q => q.N <= 0))
                {
                    errors.Add(ErrorCodes.ProgrammeSpec, path, "A per-class quota gate needs at least one class, and every quota at least 1.", quota.Description);
                }

                foreach (var dup in quota.Quotas.GroupBy(q => q.SizeClass).Where(g => g.Count() > 1))
                {
                    errors.Add(ErrorCodes.ProgrammeSpec, path, $"The size class '{dup.Key}' has two quotas.", dup.Key);
                }
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

        var editionList = EquatableArray.Create(editions ?? []);
        if (editionList.Count > 0)
        {
            errors.AddRange(Panel.CheckEditions(editionList).Items, "editions");
        }

        if (framework is null && (gapFill is not null || editionList.Count > 0 || awards is not null))
        {
            errors.Add(ErrorCodes.ProgrammeSpec, "framework", "Gap filling, editions and awards need a framework that scores the stage.");
        }

        if (awards is not null && framework is not null)
        {
            foreach (var node in awards.Nodes.Where(n => framework.Find(n) is null))
            {
                errors.Add(ErrorCodes.ReferenceMissing, "awards", $"The framework has no node '{node}'.", node);
            }
        }

        return errors.Result(() => new Stage(code, name, framework, list, gapFill, editionList, awards));
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
    private Programme(string code, LocalizedText name, string edition, EquatableArray<Stage> stages, ClassificationScheme? sizeClasses, string populationAttribute, Eligibility? eligibility)
    {
        Code = code;
        Name = name;
        Edition = edition;
        Stages = stages;
        SizeClasses = sizeClasses;
        PopulationAttribute = populationAttribute;
        Eligibility = eligibility;
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

    /// <summary>
    /// Gets who the programme is for (RKCI: cities, <c>type = kota</c>), or <see langword="null"/> for every unit. A unit
    /// outside it is not eligible: it enters no stage and fails no gate (<see cref="ProgrammeResult.NotEligible"/>).
    /// </summary>
    public Eligibility? Eligibility { get; }

    /// <summary>Creates a programme.</summary>
    /// <param name="code">The code.</param>
    /// <param name="name">The name.</param>
    /// <param name="edition">The edition.</param>
    /// <param name="stages">The stages, in order; codes unique.</param>
    /// <param name="sizeClasses">The size classes for per-class gates.</param>
    /// <param name="populationAttribute">Where the population is found.</param>
    /// <param name="eligibility">Who the programme is for, or <see langword="null"/> for every unit.</param>
    /// <returns>The programme, or errors.</returns>
    public static OneOf<Programme, ValidationErrors> Create(string code, LocalizedText name, string edition, IEnumerable<Stage> stages, ClassificationScheme? sizeClasses = null, string populationAttribute = "population", Eligibility? eligibility = null)
    {
        Guard.Against.Null(name);
        var list = EquatableArray.Create(stages);
        var errors = new ErrorCollector();
        Codes.Check(errors, code, "code");
        if (list.Count == 0)
        {
            errors.Add(ErrorCodes.ProgrammeNoStages, "stages", "A programme needs at least one stage.");
        }

        foreach (var dup in list.GroupBy(s => s.Code).Where(g => g.Count() > 1))
        {
            errors.Add(ErrorCodes.ProgrammeDuplicateStage, "stages", $"Two stages share the code '{dup.Key}'.", dup.Key);
        }

        if (sizeClasses is null && list.Any(s => s.Gates.Any(g => g is TopNGate { PerSizeClass: true } or ClassQuotaGate) || s.Awards is { PerSizeClass: true }))
        {
            errors.Add(ErrorCodes.ReferenceMissing, "sizeClasses", "A per-size-class gate or award needs the programme's size classes.");
        }

        if (sizeClasses is not null && list.SelectMany(s => s.Gates).OfType<ClassQuotaGate>().SelectMany(g => g.Quotas).FirstOrDefault(q => !sizeClasses.Classes.Any(c => c.Code == q.SizeClass)) is { SizeClass: not null } unknown)
        {
            errors.Add(ErrorCodes.ReferenceMissing, "stages", $"A quota names the size class '{unknown.SizeClass}', which the programme's size classes lack.", unknown.SizeClass);
        }

        return errors.Result(() => new Programme(code, name, edition, list, sizeClasses, populationAttribute, eligibility));
    }

    /// <summary>Gets the data columns the stages read (indicators, per edition for evaluation stages, and required facts), each once.</summary>
    public IEnumerable<string> DataColumns => Stages.SelectMany(s => s.DataColumns).Distinct(StringComparer.Ordinal);

    /// <summary>Gets the prefixes of optional secondary-data columns read by gap-filling stages.</summary>
    public IEnumerable<string> SecondaryColumnPrefixes => Stages.Select(s => s.GapFill).OfType<SecondaryColumnsGapFill>().Select(g => g.Prefix).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Returns the columns a dataset for this programme holds as numbers, given the header of a table: every
    /// <see cref="DataColumns"/> column (required), then the header's columns that start with one of the
    /// <see cref="SecondaryColumnPrefixes"/> (secondary data of gap-filling stages, numeric when present), each once.
    /// The other columns of a table are text attributes.
    /// </summary>
    /// <param name="header">The column names of the table.</param>
    /// <returns>The numeric columns.</returns>
    public IReadOnlyList<string> NumericColumns(IEnumerable<string> header)
    {
        Guard.Against.Null(header);
        var prefixes = SecondaryColumnPrefixes.ToList();
        return [.. DataColumns
            .Concat(header.Where(h => prefixes.Exists(p => h.StartsWith(p, StringComparison.Ordinal))))
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Runs every stage on a dataset: each stage fills gaps if it has a rule, scores the units that passed the previous
    /// stage, applies its gates (explaining every decision) and grants its awards. Values filled by a stage are what
    /// later stages see.
    /// </summary>
    /// <param name="data">The dataset: the columns every stage needs (<see cref="DataColumns"/>), and the population for size classes.</param>
    /// <returns>
    /// The stage results, or errors: <c>programme.population-missing</c> when the programme has size classes and the data
    /// have no population column; <c>programme.population-invalid</c> for an eligible unit whose population is missing,
    /// not a number, negative or not finite (the path names the row and the column); otherwise the first failing stage's
    /// errors (with the stage in the path).
    /// </returns>
    public OneOf<ProgrammeResult, ValidationErrors> Run(Dataset data)
    {
        Guard.Against.Null(data);
        var notEligible = Eligibility is null ? [] : data.Units.Where(u => !Eligibility.Admits(data, u)).ToImmutableArray();
        var entrants = data.Units.Except(notEligible, StringComparer.Ordinal).ToList();
        if (SizeClasses is not null && CheckPopulations(data, entrants) is { } invalid)
        {
            return invalid;
        }

        var results = ImmutableArray.CreateBuilder<StageResult>();
        var current = data;
        var plans = new Dictionary<RatingFramework, ScoringPlan>(ReferenceEqualityComparer.Instance); // RKCI scores four stages with one framework
        foreach (var stage in Stages)
        {
            var filled = ImmutableArray<FilledValue>.Empty;
            if (stage.GapFill is { } gapFill)
            {
                (current, filled) = gapFill.Apply(current, entrants, stage.DataColumns);
            }

            var subset = current.Subset(entrants);
            ScoreResult? scores = null;
            EvaluationResult? evaluation = null;
            if (subset.UnitCount == 0)
            {
                // Nobody passed the previous stage: this stage has no entrants, no scores and no decisions.
                results.Add(new StageResult(stage, [], null, filled, null, [], []));
                continue;
            }

            if (stage.Framework is { } framework && stage.Editions.Count > 0)
            {
                var run = Panel.FromWide(subset, stage.Editions).Match(p => Evaluation.Run(framework, p), e => e);
                if (run.TryPickT1(out var errors, out evaluation))
                {
                    return errors.WithPathPrefix(stage.Code);
                }

                scores = evaluation.Latest;
            }
            else if (stage.Framework is { } single)
            {
                if (!plans.TryGetValue(single, out var plan))
                {
                    plans[single] = plan = ScoringPlan.Compile(single);
                }

                var scored = plan.Score(subset);
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

            var decided = decisions.MoveToImmutable();
            var awards = stage.Awards is { } scheme && scores is not null
                ? scheme.Grant(scores, classes, [.. decided.Select(d => d.Passed)])
                : [];
            var stageResult = new StageResult(stage, decided, scores, filled, evaluation, awards, classes is null ? [] : [.. classes], SizeClasses?.Classes.Select(c => c.Code));
            results.Add(stageResult);
            entrants = [.. stageResult.Passed];
        }

        return new ProgrammeResult(this, results.ToImmutable(), current, notEligible);
    }

    private ValidationErrors? CheckPopulations(Dataset data, List<string> units)
    {
        if (data.IndexOfColumn(PopulationAttribute) < 0 && !data.Attributes.ContainsKey(PopulationAttribute))
        {
            return ValidationErrors.Single(
                ErrorCodes.ProgrammePopulationMissing,
                PopulationAttribute,
                $"The data have no '{PopulationAttribute}' column; {Code} puts every unit in a size class by its population.");
        }

        var errors = new ErrorCollector();
        var numeric = data.IndexOfColumn(PopulationAttribute) >= 0;
        foreach (var unit in units)
        {
            var row = data.IndexOfUnit(unit);
            var text = numeric ? null : data.Attribute(unit, PopulationAttribute);
            var value = Population(data, unit);
            var problem = double.IsNaN(value) && string.IsNullOrWhiteSpace(text) ? "is missing"
                : double.IsNaN(value) ? "is not a number"
                : !double.IsFinite(value) ? "is not finite"
                : value < 0 ? "is negative"
                : null;
            if (problem is not null)
            {
                var shown = text ?? value.ToString(CultureInfo.InvariantCulture);
                errors.Add(
                    ErrorCodes.ProgrammePopulationInvalid,
                    string.Create(CultureInfo.InvariantCulture, $"row {row + 1}.{PopulationAttribute}"),
                    string.Create(CultureInfo.InvariantCulture, $"row {row + 1} (unit {unit}), column {PopulationAttribute}: the population {problem}{(problem == "is missing" ? string.Empty : $" ('{Shorten(shown)}')")}; a size class needs a population of 0 or more."),
                    Shorten(shown));
            }
        }

        return errors.HasErrors ? errors.ToErrors() : null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

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
                        var score = scores!.RawScores(s.Node)[u];
                        if (!(score >= s.Minimum))
                        {
                            return new GateDecision(unit, false, gate, ScoreResult.Missing(score), double.IsNaN(score) ? null : s.Minimum - score);
                        }

                        break;
                    }

                case TopNGate t:
                    {
                        var rank = t.PerSizeClass ? scores!.RanksWithin(t.Node, classes!)[u] ?? double.NaN : RankAmongEntrants(scores!, t.Node, u);
                        if (!(rank <= t.N))
                        {
                            return new GateDecision(unit, false, gate, ScoreResult.Missing(rank), double.IsNaN(rank) ? null : rank - t.N, t.PerSizeClass ? classes![u] : null, t.N);
                        }

                        break;
                    }

                case ClassQuotaGate q:
                    {
                        var sizeClass = classes![u];
                        var places = q.QuotaOf(sizeClass);
                        var rank = scores!.RanksWithin(q.Node, classes!)[u] ?? double.NaN;
                        if (places is null || !(rank <= places))
                        {
                            return new GateDecision(unit, false, gate, ScoreResult.Missing(rank), double.IsNaN(rank) || places is null ? null : rank - places, sizeClass, places);
                        }

                        break;
                    }

                case RequiredCriterionGate r:
                    {
                        var column = data.IndexOfColumn(r.Column);
                        var value = column < 0 ? double.NaN : data.Column(column)[u];
                        if (value != 1)
                        {
                            return new GateDecision(unit, false, gate, ScoreResult.Missing(value), 1);
                        }

                        break;
                    }

                case ColumnRangeGate g:
                    {
                        var column = data.IndexOfColumn(g.Column);
                        var value = column < 0 ? double.NaN : data.Column(column)[u];
                        if (!(value >= g.Minimum && value <= g.Maximum))
                        {
                            return new GateDecision(unit, false, gate, ScoreResult.Missing(value), double.IsNaN(value) ? null : value < g.Minimum ? g.Minimum - value : value - g.Maximum);
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

        return new GateDecision(unit, true, null, null, 0);
    }

    private static double RankAmongEntrants(ScoreResult scores, string node, int u)
    {
        var s = scores.RawScores(node);
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

/// <summary>Who a programme is for: the units whose text attribute <see cref="Attribute"/> holds one of <see cref="Values"/> (RKCI: <c>type</c> is <c>kota</c>).</summary>
public sealed record Eligibility
{
    private Eligibility(string attribute, EquatableArray<string> values, LocalizedText description)
    {
        Attribute = attribute;
        Values = values;
        Description = description;
    }

    /// <summary>Gets the attribute (a text column such as <c>type</c>).</summary>
    public string Attribute { get; }

    /// <summary>Gets the admitted values (compared ignoring case).</summary>
    public EquatableArray<string> Values { get; }

    /// <summary>Gets a description for readers, such as "cities (kota) only: RKCI rates cities".</summary>
    public LocalizedText Description { get; }

    /// <summary>Creates an eligibility rule.</summary>
    /// <param name="attribute">The attribute.</param>
    /// <param name="values">The admitted values; at least one.</param>
    /// <param name="description">A description for readers.</param>
    /// <returns>The rule, or <c>programme.spec</c> when no value is given.</returns>
    public static OneOf<Eligibility, ValidationErrors> Create(string attribute, IEnumerable<string> values, LocalizedText description)
    {
        Guard.Against.NullOrWhiteSpace(attribute);
        Guard.Against.Null(description);
        var list = EquatableArray.Create(Guard.Against.Null(values));
        return list.Count == 0
            ? ValidationErrors.Single(ErrorCodes.ProgrammeSpec, "values", "An eligibility rule needs at least one admitted value.")
            : new Eligibility(attribute, list, description);
    }

    /// <summary>Returns whether a unit is eligible.</summary>
    /// <param name="data">The dataset.</param>
    /// <param name="unit">The unit code.</param>
    /// <returns><see langword="true"/> when the unit's attribute is one of the values.</returns>
    public bool Admits(Dataset data, string unit)
    {
        Guard.Against.Null(data);
        var value = data.Attribute(unit, Attribute);
        return value is not null && Values.Any(v => string.Equals(v, value.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Attribute} in ({string.Join(", ", Values)})";
}

/// <summary>What one stage decided.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.StageResultJsonConverter))]
public sealed class StageResult
{
    internal StageResult(Stage stage, ImmutableArray<GateDecision> decisions, ScoreResult? scores, ImmutableArray<FilledValue> filled, EvaluationResult? evaluation, ImmutableArray<Award> awards, ImmutableArray<string?> sizeClasses, IEnumerable<string>? sizeClassCodes = null)
    {
        SizeClassCodes = sizeClassCodes;
        Stage = stage;
        Decisions = decisions;
        Scores = scores;
        FilledValues = filled;
        Evaluation = evaluation;
        Awards = awards;
        SizeClasses = sizeClasses;
    }

    /// <summary>Gets the stage.</summary>
    public Stage Stage { get; }

    private IEnumerable<string>? SizeClassCodes { get; }

    /// <summary>Gets one decision per entrant, in dataset order.</summary>
    public ImmutableArray<GateDecision> Decisions { get; }

    /// <summary>Gets the stage's scores of its entrants (the latest edition's for an evaluation stage), or <see langword="null"/> for a stage without a framework.</summary>
    public ScoreResult? Scores { get; }

    /// <summary>Gets the values the stage filled before scoring.</summary>
    public ImmutableArray<FilledValue> FilledValues { get; }

    /// <summary>Gets every edition's scores, improvements and breakdown for an evaluation stage, or <see langword="null"/>.</summary>
    public EvaluationResult? Evaluation { get; }

    /// <summary>Gets the awards the stage granted.</summary>
    public ImmutableArray<Award> Awards { get; }

    /// <summary>Gets each entrant's size class (dataset order; <see langword="null"/> where the population is missing); empty when the programme has no size classes.</summary>
    public ImmutableArray<string?> SizeClasses { get; }

    /// <summary>
    /// Gets the award places the stage could not give: per category, class and tier, where fewer units competed than
    /// the tier has places (empty when the stage grants no awards). Classes are the programme's size classes.
    /// </summary>
    public ImmutableArray<AwardVacancy> AwardVacancies => Stage.Awards is { } scheme && Scores is not null
        ? scheme.Vacancies(Scores, SizeClasses.IsDefaultOrEmpty ? null : SizeClasses, [.. Decisions.Select(d => d.Passed)], scheme.PerSizeClass ? SizeClassCodes : null)
        : [];

    /// <summary>Gets the units that passed.</summary>
    public IEnumerable<string> Passed => Decisions.Where(d => d.Passed).Select(d => d.Unit);

    /// <summary>Gets the number of entrants.</summary>
    public int Entrants => Decisions.Length;

    /// <summary>Returns every entrant's maturity level at a node, from the stage framework's levels.</summary>
    /// <param name="node">The node code.</param>
    /// <returns>One level per entrant (dataset order); empty when the stage has no scores or its framework no maturity levels.</returns>
    public ImmutableArray<SchemeClass?> Levels(string node) =>
        Scores is not null && Stage.Framework?.MaturityLevels is { } levels ? Maturity.LevelsOf(Scores, levels, node) : [];
}

/// <summary>The outcome of a programme: every stage's decisions (a funnel), levels and awards.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.ProgrammeResultJsonConverter))]
public sealed class ProgrammeResult
{
    internal ProgrammeResult(Programme programme, ImmutableArray<StageResult> stages, Dataset data, ImmutableArray<string> notEligible)
    {
        Programme = programme;
        Stages = stages;
        Data = data;
        NotEligible = notEligible.IsDefault ? [] : notEligible;
    }

    /// <summary>
    /// Gets the units outside the programme's <see cref="Programme.Eligibility"/> (a kabupaten in a city rating), in
    /// dataset order. They entered no stage: not eligible is not a failed gate.
    /// </summary>
    public ImmutableArray<string> NotEligible { get; }

    /// <summary>Gets the programme.</summary>
    public Programme Programme { get; }

    /// <summary>Gets the stage results, in order.</summary>
    public ImmutableArray<StageResult> Stages { get; }

    /// <summary>Gets the data after every stage's gap filling.</summary>
    public Dataset Data { get; }

    /// <summary>Gets the units that passed the last stage.</summary>
    public IEnumerable<string> Finalists => Stages[^1].Passed;

    /// <summary>Gets every award granted, stage by stage.</summary>
    public IEnumerable<Award> Awards => Stages.SelectMany(s => s.Awards);

    /// <summary>Gets the last stage that scored its entrants, or <see langword="null"/>.</summary>
    public StageResult? LastScored => Stages.LastOrDefault(s => s.Scores is not null);
}
