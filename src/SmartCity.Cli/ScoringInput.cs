using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using OneOf;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Validation;

namespace SmartCity.Cli;

/// <summary>The input and method flags shared by <c>score</c> and the analysis commands.</summary>
internal sealed partial class ScoringInput
{
    public Option<string?> IMeta { get; } = new("--imeta") { Description = "COINr iMeta CSV (with --idata)." };

    public Option<string?> IData { get; } = new("--idata") { Description = "COINr iData CSV (with --imeta)." };

    public Option<string?> Framework { get; } = new("--framework") { Description = "Framework JSON (with --data)." };

    public Option<string?> Data { get; } = new("--data") { Description = "Dataset CSV: uCode + one column per indicator (with --framework)." };

    public Option<string?> Impute { get; } = new("--impute") { Description = "none | mean | median (default none)." };

    public Option<string?> Treat { get; } = new("--treat") { Description = "none | default | combine | winsorise:N (default none)." };

    public Option<string?> Normalise { get; } = new("--normalise") { Description = "minmax[:l,u] | zscore[:m,s] | rank | borda | prank | dist2max | fracmax | dist2ref:UNIT[:cap] | dist2targ[:cap] | goalposts | none (default minmax:0,100)." };

    public Option<string?> Aggregate { get; } = new("--aggregate") { Description = "amean | gmean | hmean | genmean:P | min | copeland; a comma list gives one per level, bottom-up (default amean)." };

    public Option<string?> Threshold { get; } = new("--threshold") { Description = "Coverage threshold in [0,1] for every aggregate." };

    public Option<string?> Weights { get; } = new("--weights") { Description = "imeta | equal (default imeta)." };

    public void AddTo(Command command)
    {
        foreach (var option in new[] { IMeta, IData, Framework, Data, Impute, Treat, Normalise, Aggregate, Threshold, Weights })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>A loaded input: the framework with the requested methods, its dataset and the file names for messages.</summary>
    public sealed record Loaded(RatingFramework Framework, Dataset Data, string FrameworkFile, string DataFile);

    public Loaded Load(ParseResult result)
    {
        var imeta = result.GetValue(IMeta);
        var idata = result.GetValue(IData);
        var frameworkFile = result.GetValue(Framework);
        var dataFile = result.GetValue(Data);
        var coinr = imeta is not null || idata is not null;
        var native = frameworkFile is not null || dataFile is not null;
        if (coinr == native)
        {
            throw new CliException("give either --imeta FILE --idata FILE, or --framework FILE.json --data FILE.csv");
        }

        RatingFramework framework;
        Dataset data;
        IReadOnlyDictionary<string, bool> caps = new Dictionary<string, bool>();
        string fFile, dFile;
        if (coinr)
        {
            fFile = imeta ?? throw new CliException("--idata needs --imeta FILE");
            dFile = idata ?? throw new CliException("--imeta needs --idata FILE");
            FileInput.Require(fFile);
            FileInput.Require(dFile);
            var read = FileInput.Read(fFile, _ => CoinrTables.ReadFiles(fFile, dFile));
            var input = Unwrap(read, null);
            framework = input.Framework;
            data = input.Data;
            caps = input.DistanceToTargetCaps;
        }
        else
        {
            fFile = frameworkFile ?? throw new CliException("--data needs --framework FILE.json");
            dFile = dataFile ?? throw new CliException("--framework needs --data FILE.csv");
            framework = Unwrap(FrameworkJson.Deserialize(FileInput.ReadText(fFile)), fFile);
            data = Unwrap(FileInput.Read(dFile, path => DatasetCsv.ReadFile(framework, path)), null);
        }

        framework = ApplyMethods(result, framework, caps, coinr, fFile);
        return new Loaded(framework, data, fFile, dFile);
    }

    private RatingFramework ApplyMethods(ParseResult result, RatingFramework framework, IReadOnlyDictionary<string, bool> caps, bool coinrDefaults, string file)
    {
        var normaliseText = result.GetValue(Normalise);
        var imputeText = result.GetValue(Impute);
        var treatText = result.GetValue(Treat);
        var aggregateText = result.GetValue(Aggregate);
        var thresholdText = result.GetValue(Threshold);
        var weightsText = result.GetValue(Weights) ?? "imeta";

        var methods = framework.Methods;
        var normalisation = normaliseText is null ? methods.Normalisation : Parse(NormalisationMethod.Parse(normaliseText), "--normalise");
        var imputation = imputeText is null ? methods.Imputation
            : imputeText is "none" or "mean" or "median" ? Parse(ImputationMethod.Parse(imputeText), "--impute")
            : throw new CliException($"--impute: '{imputeText}' is not one of none, mean, median");
        var treatment = treatText is null ? methods.Treatment : Parse(OutlierTreatment.Parse(treatText), "--treat");
        var missing = methods.MissingData;
        if (thresholdText is not null)
        {
            if (!double.TryParse(thresholdText, NumberStyles.Float, CultureInfo.InvariantCulture, out var t))
            {
                throw new CliException($"--threshold: '{thresholdText}' is not a number");
            }

            missing = Parse(MissingDataRule.WithCoverageThreshold(t), "--threshold");
        }

        AggregationMethod[] perLevel = [];
        var aggregation = methods.Aggregation;
        if (aggregateText is not null)
        {
            perLevel = [.. aggregateText.Split(',').Select(s => Parse(AggregationMethod.Parse(s.Trim()), "--aggregate"))];
            var aggregateLevels = framework.LevelCount - 1;
            if (perLevel.Length != 1 && perLevel.Length != aggregateLevels)
            {
                throw new CliException($"--aggregate: {perLevel.Length} methods given, but the framework has {aggregateLevels} aggregation levels (give one method, or one per level, bottom-up)");
            }

            aggregation = perLevel[0];
            if (perLevel.Length == 1)
            {
                perLevel = [];
            }
        }

        if (weightsText is not ("imeta" or "equal"))
        {
            throw new CliException($"--weights: '{weightsText}' is not one of imeta, equal");
        }

        // One edit list through the public editing API: every other property of the framework and its nodes is kept.
        var equal = weightsText == "equal";
        List<FrameworkEdit> edits = [FrameworkEdit.SetDefaults(new ScoringMethods(normalisation, aggregation, missing, imputation, treatment))];
        foreach (var g in framework.Groups)
        {
            if (equal && g != framework.Root)
            {
                edits.Add(FrameworkEdit.SetWeight(g.Code, 1));
            }

            if (perLevel.Length > 0)
            {
                edits.Add(FrameworkEdit.SetAggregation(g.Code, perLevel[framework.LevelOf(g.Code) - 2]));
            }

            if (thresholdText is not null)
            {
                edits.Add(FrameworkEdit.SetMissingData(g.Code, missing));
            }
        }

        foreach (var i in framework.Indicators)
        {
            if (equal)
            {
                edits.Add(FrameworkEdit.SetWeight(i.Code, 1));
            }

            if ((i.Normalisation ?? normalisation) is DistanceToTargetNormalisation && caps.TryGetValue(i.Code, out var cap))
            {
                edits.Add(FrameworkEdit.SetNormalisation(i.Code, NormalisationMethod.DistanceToTarget(cap)));
            }
        }

        return Unwrap(framework.Edit(edits), file);
    }

    private static T Parse<T>(OneOf<T, ValidationErrors> result, string option) =>
        result.Match(v => v, e => throw new CliException($"{option}: {e[0].Message} (got '{e[0].AttemptedValue}')"));

    /// <summary>Returns the value, or throws one CLI error listing every problem, one per line, each naming the file.</summary>
    public static T Unwrap<T>(OneOf<T, ValidationErrors> result, string? file) =>
        result.Match(v => v, errors => throw new CliException(Describe(errors, file)));

    public static string Describe(ValidationErrors errors, string? file) =>
        string.Join(Environment.NewLine + "smartcity: ", errors.Errors.Select(e => file is null ? e.Message : $"{file}: {Where(e)}{e.Message}"));

    private static string Where(ValidationError e)
    {
        if (e.Path.Length == 0)
        {
            return string.Empty;
        }

        var m = RowPath().Match(e.Path);
        return m.Success
            ? string.Create(CultureInfo.InvariantCulture, $"line {int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 2}, column {m.Groups[2].Value}: ")
            : $"{e.Path}: {e.Code}: ";
    }

    [GeneratedRegex(@"^rows\[(\d+)\]\.(.+)$")]
    private static partial Regex RowPath();
}
