using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using OneOf;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Excel;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Validation;

namespace SmartCity.Cli;

/// <summary>The input and method flags shared by <c>score</c> and the analysis commands.</summary>
internal sealed partial class ScoringInput
{
    public Option<FileInfo?> IMeta { get; } = CliOptions.File("--imeta", "COINr iMeta: a CSV, or an .xlsx workbook (its sheet iMeta, or its only sheet); with --idata.");

    public Option<FileInfo?> IData { get; } = CliOptions.File("--idata", "COINr iData: a CSV, or an .xlsx workbook (its sheet iData, or its only sheet); with --imeta.");

    public Option<FileInfo?> Framework { get; } = CliOptions.File("--framework", "Framework JSON (with --data).", "FILE.json");

    public Option<FileInfo?> Data { get; } = CliOptions.File("--data", "Dataset CSV: uCode + one column per indicator (with --framework).", "FILE.csv");

    public Option<ImputationMethod?> Impute { get; } = CliOptions.Spec(
        "--impute",
        "Imputation of missing values (default none): none | mean | median | groupmean:ATTR | groupmedian:ATTR | rowmean[:LEVEL][:raw] | rowmedian[:LEVEL][:raw].",
        "SPEC",
        ImputationMethod.Parse);

    public Option<int?> WinMax { get; } = CliOptions.Int("--winmax", "Treatment: the most points winsorised (COINr winmax, default 5); implies --treat default when --treat is not given.", minimum: 1);

    public Option<double?> SkewThreshold { get; } = PositiveNumber("--skew-threshold", "Treatment: |skewness| threshold (COINr skew_thresh, default 2).");

    public Option<double?> KurtThreshold { get; } = PositiveNumber("--kurt-threshold", "Treatment: excess kurtosis threshold (COINr kurt_thresh, default 3.5).");

    public Option<string[]> LevelThreshold { get; } = new("--level-threshold")
    {
        Description = "LEVEL=T: coverage threshold T in [0,1] for the aggregates of one level (2 = the indicators' parents); repeatable, overrides --threshold there.",
        HelpName = "LEVEL=T",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<OutlierTreatment?> Treat { get; } = CliOptions.Spec("--treat", "Outlier treatment (default none).", "none|default|combine|winsorise:N", OutlierTreatment.Parse);

    public Option<NormalisationMethod?> Normalise { get; } = CliOptions.Spec(
        "--normalise",
        "minmax[:l,u] | zscore[:m,s] | rank | borda | prank | dist2max | fracmax | dist2ref:UNIT[:cap] | dist2targ[:cap] | goalposts | none (default minmax:0,100).",
        "SPEC",
        NormalisationMethod.Parse);

    public Option<AggregationMethod[]?> Aggregate { get; } = new("--aggregate")
    {
        Description = "amean | gmean | hmean | genmean:P | min | copeland; a comma list gives one per level, bottom-up (default amean).",
        HelpName = "METHOD[,METHOD...]",
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = ParseAggregations,
    };

    public Option<MissingDataRule?> Threshold { get; } = new("--threshold")
    {
        Description = "Coverage threshold in [0,1] for every aggregate.",
        HelpName = "T",
        CustomParser = result =>
        {
            var text = CliOptions.Token(result);
            if (CliOptions.ParseDouble(text) is { } t)
            {
                return CliOptions.FromSpec(result, text, _ => MissingDataRule.WithCoverageThreshold(t));
            }

            result.AddError($"--threshold: expected a number in [0, 1], got '{text}'");
            return null;
        },
    };

    public Option<WeightSource?> Weights { get; } = CliOptions.Choice<WeightSource?>(
        "--weights",
        "Weights: imeta keeps the input's own, equal sets every weight to 1 (default imeta).",
        [new("imeta", WeightSource.Input), new("equal", WeightSource.Equal)]);

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { IMeta, IData, Framework, Data, Impute, Treat, WinMax, SkewThreshold, KurtThreshold, Normalise, Aggregate, Threshold, LevelThreshold, Weights })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var coinr = result.GetResult(IMeta) is not null || result.GetResult(IData) is not null;
            var native = result.GetResult(Framework) is not null || result.GetResult(Data) is not null;
            if (coinr == native)
            {
                result.AddError("give either --imeta FILE --idata FILE, or --framework FILE.json --data FILE.csv");
            }
            else if (coinr && (result.GetResult(IMeta) is null || result.GetResult(IData) is null))
            {
                result.AddError(result.GetResult(IMeta) is null ? "--idata needs --imeta FILE" : "--imeta needs --idata FILE");
            }
            else if (native && (result.GetResult(Framework) is null || result.GetResult(Data) is null))
            {
                result.AddError(result.GetResult(Framework) is null ? "--data needs --framework FILE.json" : "--framework needs --data FILE.csv");
            }
        });
    }

    /// <summary>A loaded input: the framework with the requested methods, its dataset and the file names for messages.</summary>
    public sealed record Loaded(RatingFramework Framework, Dataset Data, string FrameworkFile, string DataFile);

    public Loaded Load(ParseResult result)
    {
        var imeta = result.GetPath(IMeta);
        var idata = result.GetPath(IData);
        var frameworkFile = result.GetPath(Framework);
        var dataFile = result.GetPath(Data);
        var coinr = imeta is not null || idata is not null;

        RatingFramework framework;
        Dataset data;
        IReadOnlyDictionary<string, bool> caps = new Dictionary<string, bool>();
        string fFile, dFile;
        if (coinr)
        {
            fFile = imeta ?? throw new CliException("--idata needs --imeta FILE");
            dFile = idata ?? throw new CliException("--imeta needs --idata FILE");
            // A workbook is read through the Excel package; CSV files each through their own stream, so a failure names
            // the file it happened in (FileInput.Open checks that each exists).
            CoinrInput input;
            if (CoinrWorkbook.IsWorkbook(fFile) || CoinrWorkbook.IsWorkbook(dFile))
            {
                FileInput.Require(fFile);
                FileInput.Require(dFile);
                input = Unwrap(FileInput.Read(fFile, _ => CoinrWorkbook.ReadFiles(fFile, dFile)), null);
            }
            else
            {
                using var metaStream = FileInput.Open(fFile);
                using var dataStream = FileInput.Open(dFile);
                input = Unwrap(CoinrTables.Read(metaStream, dataStream, Path.GetFileName(fFile), Path.GetFileName(dFile), FileInput.CsvLimits), null);
            }

            framework = input.Framework;
            data = input.Data;
            caps = input.DistanceToTargetCaps;
        }
        else
        {
            fFile = frameworkFile ?? throw new CliException("--data needs --framework FILE.json");
            dFile = dataFile ?? throw new CliException("--framework needs --data FILE.csv");
            framework = Unwrap(FileInput.Read(fFile, FrameworkJson.ReadFile), fFile);
            using var dataStream = FileInput.Open(dFile);
            data = Unwrap(DatasetCsv.Read(framework, dataStream, Path.GetFileName(dFile), FileInput.CsvLimits), null);
        }

        ReleaseReadBuffers(data);
        framework = ApplyMethods(result, framework, caps, coinr, fFile);
        return new Loaded(framework, data, fFile, dFile);
    }

    /// <summary>The size of the values (64 MB) from which a read is large enough to collect after.</summary>
    private const long LargeRead = 64L << 20;

    /// <summary>
    /// After a large read, gives the reader's row blocks (garbage now, as large as the dataset itself) back to the
    /// operating system before scoring allocates as much again: without it they stay committed until the runtime
    /// decides to collect, and the process peaks at the dataset three times over (docs/benchmarks.md, 20,000 × 2,000).
    /// </summary>
    private static void ReleaseReadBuffers(Dataset data)
    {
        if ((long)data.UnitCount * data.Columns.Length * sizeof(double) >= LargeRead)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    private RatingFramework ApplyMethods(ParseResult result, RatingFramework framework, IReadOnlyDictionary<string, bool> caps, bool coinrDefaults, string file)
    {
        var threshold = result.GetValue(Threshold);
        var equalWeights = result.GetValue(Weights) == WeightSource.Equal;

        var methods = framework.Methods;
        var normalisation = result.GetValue(Normalise) ?? methods.Normalisation;
        var imputation = result.GetValue(Impute) ?? methods.Imputation;
        var treatment = WithThresholds(result, result.GetValue(Treat) ?? methods.Treatment);
        var perLevelThreshold = ParseLevelThresholds(result.GetValue(LevelThreshold) ?? [], framework.LevelCount);
        var missing = threshold ?? methods.MissingData;

        AggregationMethod[] perLevel = [];
        var aggregation = methods.Aggregation;
        if (result.GetValue(Aggregate) is { Length: > 0 } given) // an array option not given is empty
        {
            perLevel = given;
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

        // One edit list through the public editing API: every other property of the framework and its nodes is kept.
        List<FrameworkEdit> edits = [FrameworkEdit.SetDefaults(new ScoringMethods(normalisation, aggregation, missing, imputation, treatment))];
        foreach (var g in framework.Groups)
        {
            if (equalWeights && g != framework.Root)
            {
                edits.Add(FrameworkEdit.SetWeight(g.Code, 1));
            }

            if (perLevel.Length > 0)
            {
                edits.Add(FrameworkEdit.SetAggregation(g.Code, perLevel[framework.LevelOf(g.Code) - 2]));
            }

            if (perLevelThreshold.TryGetValue(framework.LevelOf(g.Code), out var levelRule))
            {
                edits.Add(FrameworkEdit.SetMissingData(g.Code, levelRule));
            }
            else if (threshold is not null)
            {
                edits.Add(FrameworkEdit.SetMissingData(g.Code, threshold));
            }
        }

        foreach (var i in framework.Indicators)
        {
            if (equalWeights)
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

    /// <summary>Applies <c>--winmax</c>, <c>--skew-threshold</c> and <c>--kurt-threshold</c> to the treatment (COINr's default one when none is set).</summary>
    private OutlierTreatment WithThresholds(ParseResult result, OutlierTreatment treatment)
    {
        var winmax = result.GetValue(WinMax);
        var skew = result.GetValue(SkewThreshold);
        var kurt = result.GetValue(KurtThreshold);
        if (winmax is null && skew is null && kurt is null)
        {
            return treatment;
        }

        var t = treatment is NoTreatment ? OutlierTreatment.CoinrDefault : treatment;
        var limit = winmax ?? t.WinsorisationLimit;
        var s = skew ?? t.SkewnessThreshold;
        var k = kurt ?? t.KurtosisThreshold;
        return t is WinsoriseOnlyTreatment
            ? Unwrap(OutlierTreatment.WinsoriseOnly(limit, s, k), "--treat")
            : Unwrap(OutlierTreatment.WinsoriseThenLog(limit, s, k, t is WinsoriseThenLogTreatment { CombineWithWinsorised: true }), "--treat");
    }

    /// <summary>Parses every <c>--level-threshold LEVEL=T</c>.</summary>
    private static Dictionary<int, MissingDataRule> ParseLevelThresholds(string[] items, int levels)
    {
        var rules = new Dictionary<int, MissingDataRule>();
        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !int.TryParse(item[..eq], NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level < 2 || level > levels)
            {
                throw new CliException($"--level-threshold: '{item}' is not LEVEL=T with LEVEL from 2 to {levels.ToString(CultureInfo.InvariantCulture)}");
            }

            if (CliOptions.ParseDouble(item[(eq + 1)..]) is not { } t)
            {
                throw new CliException($"--level-threshold: '{item}' is not LEVEL=T with T a number in [0, 1]");
            }

            rules[level] = Unwrap(MissingDataRule.WithCoverageThreshold(t), "--level-threshold");
        }

        return rules;
    }

    private static Option<double?> PositiveNumber(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "X",
        CustomParser = r =>
        {
            if (CliOptions.ParseDouble(CliOptions.Token(r)) is { } v && v > 0)
            {
                return v;
            }

            r.AddError($"{name}: expected a positive number, got '{CliOptions.Token(r)}'");
            return null;
        },
    };

    /// <summary>Parses <c>--aggregate M1[,M2...]</c> with the library's parser; each bad method is one parse error.</summary>
    private static AggregationMethod[]? ParseAggregations(ArgumentResult result)
    {
        var methods = new List<AggregationMethod>();
        foreach (var part in CliOptions.Token(result).Split(','))
        {
            if (CliOptions.FromSpec(result, part.Trim(), AggregationMethod.Parse) is { } method)
            {
                methods.Add(method);
            }
        }

        return methods.Count == 0 ? null : [.. methods];
    }

    /// <summary>Returns the value, or throws one CLI error listing every problem, one per line, each naming the file and ending with the code in brackets.</summary>
    public static T Unwrap<T>(OneOf<T, ValidationErrors> result, string? file) =>
        result.Match(v => v, errors => throw new CliException(Describe(errors, file)));

    public static string Describe(ValidationErrors errors, string? file) =>
        string.Join(Environment.NewLine + "smartcity: ", errors.Errors.Select(e => $"{(file is null ? e.Message : $"{file}: {Where(e)}{e.Message}")} [{e.Code}]"));

    private static string Where(ValidationError e)
    {
        if (e.Path.Length == 0)
        {
            return string.Empty;
        }

        var m = RowPath().Match(e.Path);
        return m.Success
            ? string.Create(CultureInfo.InvariantCulture, $"line {int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 2}, column {m.Groups[2].Value}: ")
            : $"{e.Path}: ";
    }

    [GeneratedRegex(@"^rows\[(\d+)\]\.(.+)$")]
    private static partial Regex RowPath();
}

/// <summary>Where <c>--weights</c> takes the weights from.</summary>
internal enum WeightSource
{
    /// <summary>The input's own weights (iMeta's Weight column, or the framework's).</summary>
    Input,

    /// <summary>Every weight set to 1.</summary>
    Equal,
}
