using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Programmes;
using SmartCity.Domain.Scoring;

namespace SmartCity.Cli;

/// <summary>A programme run prepared for output: names, the final ranking, pillar profiles and levels, shared by the tables and the report.</summary>
internal sealed class Assessment
{
    public Assessment(ProgrammeResult result, Dataset input, string source, string lang = "en")
    {
        Text = new ReportText(lang);
        Result = result;
        Input = input;
        Source = source;
        Final = result.LastScored;
        Evaluation = result.Stages.Select(s => s.Evaluation).OfType<EvaluationResult>().LastOrDefault();
        AwardSchemes = [.. result.Stages.Select(s => s.Stage.Awards).OfType<AwardScheme>()];
        if (Final is null)
        {
            return;
        }

        var framework = Final.Stage.Framework!;
        var root = framework.Root.Code;
        var evaluation = Final.Evaluation;
        Profile = evaluation is not null
            ? [.. evaluation.BreakdownGroups.Select(g => new ProfileAxis(g, PillarLabel(framework, g)))]
            : [.. framework.Root.Children.Select(c => new ProfileAxis(c.Code, Text.L(c.Name)))];
        var scores = Final.Scores!;
        var data = scores.Data;
        var rootScores = scores.Scores(root).Select(s => s ?? double.NaN).ToArray();
        var ranks = scores.Ranks(root).Select(r => r ?? double.NaN).ToArray();
        var levels = Final.Levels(root);
        var latest = evaluation?.Editions[^1];
        System.Collections.Immutable.ImmutableArray<int?>? classRanks = Final.SizeClasses.IsDefaultOrEmpty ? null : scores.RanksWithin(root, Final.SizeClasses);
        Ranking = [.. Enumerable.Range(0, data.UnitCount)
            .Select(u => new RankedUnit(
                data.Units[u],
                NameOf(data.Units[u]),
                Final.SizeClasses.IsDefaultOrEmpty ? null : Final.SizeClasses[u],
                rootScores[u],
                ranks[u],
                classRanks is null ? double.NaN : classRanks.Value[u] ?? double.NaN,
                levels.IsDefaultOrEmpty ? null : levels[u]?.Code,
                [.. Profile.Select(a => evaluation is not null ? (evaluation.Breakdown(latest!, a.Code, data.Units[u]) ?? double.NaN) : scores.Scores(a.Code)[u] ?? double.NaN)],
                Final.Decisions[u].Passed))
            .OrderBy(r => double.IsNaN(r.Rank) ? double.MaxValue : r.Rank)
            .ThenBy(r => r.Unit, StringComparer.Ordinal)];
    }

    public ProgrammeResult Result { get; }

    /// <summary>Gets the report's language and words.</summary>
    public ReportText Text { get; }

    public Dataset Input { get; }

    public string Source { get; }

    /// <summary>Gets the last stage that scored its entrants (its ranking, profile and levels are reported).</summary>
    public StageResult? Final { get; }

    /// <summary>Gets the last evaluation stage's editions, or <see langword="null"/>.</summary>
    public EvaluationResult? Evaluation { get; }

    /// <summary>Gets the award schemes of the stages that grant awards.</summary>
    public IReadOnlyList<AwardScheme> AwardSchemes { get; }

    public IReadOnlyList<ProfileAxis> Profile { get; } = [];

    public IReadOnlyList<RankedUnit> Ranking { get; } = [];

    public string NameOf(string unit) => Input.Attribute(unit, "uName") ?? unit;

    public string? CategoryName(string code) => AwardSchemes.SelectMany(a => a.Categories).FirstOrDefault(c => c.Code == code)?.Name is { } n ? Text.L(n) : null;

    public string? TierName(string code) => AwardSchemes.SelectMany(a => a.Tiers).FirstOrDefault(t => t.Code == code)?.Name is { } n ? Text.L(n) : null;

    public string? ClassName(string? code) => code is null ? null : Result.Programme.SizeClasses?.Classes.FirstOrDefault(c => c.Code == code)?.Name is { } n ? Text.L(n) : code;

    public string? LevelName(string? code) => code is null ? null : Final?.Stage.Framework?.MaturityLevels?.Classes.FirstOrDefault(c => c.Code == code)?.Name is { } n ? Text.L(n) : code;

    private static string PillarLabel(RatingFramework framework, string group)
    {
        // The pillar name is the part after "Dimension: " in the name of the first group holding the pillar's indicators.
        var indicator = framework.Indicators.First(i => i.Tags.Contains($"pillar:{group}"));
        var parent = framework.Groups.FirstOrDefault(g => g.Children.Any(c => c.Code == indicator.Code));
        var name = parent?.Name.English ?? group;
        var colon = name.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? name : name[(colon + 2)..];
    }
}

/// <summary>One axis of the pillar profile: a child of the root, or a breakdown group of an evaluation.</summary>
internal sealed record ProfileAxis(string Code, string Name);

/// <summary>One unit of the final ranking.</summary>
internal sealed record RankedUnit(string Unit, string Name, string? SizeClass, double Score, double Rank, double ClassRank, string? Level, IReadOnlyList<double> Profile, bool Passed);
