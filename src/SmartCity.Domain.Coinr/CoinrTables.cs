using System.Collections.Immutable;
using System.Globalization;
using OneOf;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Scoring;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Coinr;

/// <summary>A framework and dataset read from COINr tables, plus the iMeta settings that depend on the methods chosen later.</summary>
/// <param name="Framework">The framework (COINr's default methods; per-indicator <c>Normalise</c> overrides applied).</param>
/// <param name="Data">The dataset.</param>
/// <param name="DistanceToTargetCaps">Per-indicator <c>dist2targ_cap_max</c> values from iMeta (an immutable map; indicators without a value are absent).</param>
public sealed record CoinrInput(RatingFramework Framework, Dataset Data, IReadOnlyDictionary<string, bool> DistanceToTargetCaps);

/// <summary>
/// Reads COINr's iMeta and iData tables (COINr 1.x <c>new_coin</c> rules) into a <see cref="RatingFramework"/> and a
/// <see cref="Dataset"/>. Every problem is reported with the file, line and column.
/// </summary>
/// <remarks>
/// <para>Bad content is an error result; failing to get the content is an exception: a missing file or a directory
/// raises <see cref="FileNotFoundException"/>, an unreadable one the <see cref="IOException"/> or
/// <see cref="UnauthorizedAccessException"/> of the file system, a cancelled read <see cref="OperationCanceledException"/>.
/// Streams are read as UTF-8 unless a byte-order mark says otherwise; streams and readers are left open. The async forms
/// read only asynchronously (safe on an ASP.NET request body). See <c>docs/io.md</c>.</para>
/// </remarks>
public static class CoinrTables
{
    private static readonly string[] Required = ["iCode", "Level", "Parent", "Direction", "Weight", "Type"];

#pragma warning disable RS0026 // Each stream, reader and file overload takes the optional arguments of .NET's own I/O methods (names for messages, a cancellation token).

    /// <summary>Reads iMeta and iData files.</summary>
    /// <param name="iMetaPath">The iMeta CSV.</param>
    /// <param name="iDataPath">The iData CSV.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <returns>The input, or every problem found; paths read <c>line N.column</c> and messages name the file.</returns>
    /// <exception cref="FileNotFoundException">A file does not exist (nothing, or a directory).</exception>
    /// <exception cref="IOException">A file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    public static OneOf<CoinrInput, ValidationErrors> ReadFiles(string iMetaPath, string iDataPath, CsvLimits? limits = null)
    {
        using var meta = CsvFiles.OpenRead(iMetaPath, useAsync: false);
        using var data = CsvFiles.OpenRead(iDataPath, useAsync: false);
        return Read(meta, data, Path.GetFileName(iMetaPath), Path.GetFileName(iDataPath), limits);
    }

    /// <summary>Reads iMeta and iData from streams.</summary>
    /// <param name="iMeta">The iMeta CSV bytes.</param>
    /// <param name="iData">The iData CSV bytes.</param>
    /// <param name="iMetaName">The name of iMeta in messages.</param>
    /// <param name="iDataName">The name of iData in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <returns>The input, or every problem found.</returns>
    public static OneOf<CoinrInput, ValidationErrors> Read(Stream iMeta, Stream iData, string iMetaName = "iMeta.csv", string iDataName = "iData.csv", CsvLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(iMetaName);
        ArgumentNullException.ThrowIfNull(iDataName);
        using var meta = CsvFiles.Reader(iMeta);
        using var data = CsvFiles.Reader(iData);
        var l = limits ?? CsvLimits.Default;
        return DatasetCsv.Guarded(errors =>
        {
            DatasetCsv.CheckLength(iMeta, iMetaName, l);
            DatasetCsv.CheckLength(iData, iDataName, l);
            return ReadTables(meta, data, iMetaName, iDataName, errors, l);
        });
    }

    /// <summary>Reads iMeta and iData from text.</summary>
    /// <param name="iMeta">The iMeta CSV text.</param>
    /// <param name="iData">The iData CSV text.</param>
    /// <param name="iMetaName">The name of iMeta in messages.</param>
    /// <param name="iDataName">The name of iData in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <returns>The input, or every problem found.</returns>
    public static OneOf<CoinrInput, ValidationErrors> Read(TextReader iMeta, TextReader iData, string iMetaName = "iMeta.csv", string iDataName = "iData.csv", CsvLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(iMeta);
        ArgumentNullException.ThrowIfNull(iData);
        ArgumentNullException.ThrowIfNull(iMetaName);
        ArgumentNullException.ThrowIfNull(iDataName);
        var l = limits ?? CsvLimits.Default;
        return DatasetCsv.Guarded(errors => ReadTables(iMeta, iData, iMetaName, iDataName, errors, l));
    }

    /// <summary>Reads iMeta and iData files asynchronously.</summary>
    /// <param name="iMetaPath">The iMeta CSV.</param>
    /// <param name="iDataPath">The iData CSV.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The input, or every problem found; paths read <c>line N.column</c> and messages name the file.</returns>
    /// <exception cref="FileNotFoundException">A file does not exist (nothing, or a directory).</exception>
    /// <exception cref="IOException">A file cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<OneOf<CoinrInput, ValidationErrors>> ReadFilesAsync(string iMetaPath, string iDataPath, CsvLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var meta = CsvFiles.OpenRead(iMetaPath, useAsync: true);
        await using (meta.ConfigureAwait(false))
        {
            var data = CsvFiles.OpenRead(iDataPath, useAsync: true);
            await using (data.ConfigureAwait(false))
            {
                return await ReadAsync(meta, data, Path.GetFileName(iMetaPath), Path.GetFileName(iDataPath), limits, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads iMeta and iData from streams asynchronously (only asynchronous reads of the streams).</summary>
    /// <param name="iMeta">The iMeta CSV bytes.</param>
    /// <param name="iData">The iData CSV bytes.</param>
    /// <param name="iMetaName">The name of iMeta in messages.</param>
    /// <param name="iDataName">The name of iData in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The input, or every problem found.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<OneOf<CoinrInput, ValidationErrors>> ReadAsync(Stream iMeta, Stream iData, string iMetaName = "iMeta.csv", string iDataName = "iData.csv", CsvLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(iMetaName);
        ArgumentNullException.ThrowIfNull(iDataName);
        using var meta = CsvFiles.Reader(iMeta);
        using var data = CsvFiles.Reader(iData);
        var l = limits ?? CsvLimits.Default;
        return await DatasetCsv.GuardedAsync(errors =>
        {
            DatasetCsv.CheckLength(iMeta, iMetaName, l);
            DatasetCsv.CheckLength(iData, iDataName, l);
            return ReadTablesAsync(meta, data, iMetaName, iDataName, errors, l, cancellationToken);
        }).ConfigureAwait(false);
    }

    /// <summary>Reads iMeta and iData from text asynchronously.</summary>
    /// <param name="iMeta">The iMeta CSV text.</param>
    /// <param name="iData">The iData CSV text.</param>
    /// <param name="iMetaName">The name of iMeta in messages.</param>
    /// <param name="iDataName">The name of iData in messages.</param>
    /// <param name="limits">The limits on text and memory (default <see cref="CsvLimits.Default"/>); beyond them the result is one <c>input.too-large</c> error.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The input, or every problem found.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<OneOf<CoinrInput, ValidationErrors>> ReadAsync(TextReader iMeta, TextReader iData, string iMetaName = "iMeta.csv", string iDataName = "iData.csv", CsvLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(iMeta);
        ArgumentNullException.ThrowIfNull(iData);
        ArgumentNullException.ThrowIfNull(iMetaName);
        ArgumentNullException.ThrowIfNull(iDataName);
        var l = limits ?? CsvLimits.Default;
        return await DatasetCsv.GuardedAsync(errors => ReadTablesAsync(iMeta, iData, iMetaName, iDataName, errors, l, cancellationToken)).ConfigureAwait(false);
    }

#pragma warning restore RS0026

    /// <summary>
    /// Reads iMeta whole, then iData row by row straight into the numbers. When iMeta has problems, iData is still read
    /// for its CSV problems (stray quotes, ragged rows), so one run reports both files.
    /// </summary>
    private static CoinrInput? ReadTables(TextReader iMeta, TextReader iData, string iMetaName, string iDataName, ErrorCollector errors, CsvLimits limits)
    {
        var meta = CsvTable.Read(iMeta, iMetaName, errors, limits);
        var parsed = meta is null || errors.HasErrors ? null : ParseMeta(meta, errors);
        var ok = parsed is not null && !errors.HasErrors;
        var data = DatasetCsv.Read(new CsvRecordReader(iData, iDataName, errors, limits.MaxTextLength), ok ? _ => parsed!.Value.Numeric : null, errors, limits);
        return ok && data is not null && !errors.HasErrors ? new CoinrInput(parsed!.Value.Framework, data, parsed.Value.Caps.ToImmutableDictionary(StringComparer.Ordinal)) : null;
    }

    /// <summary>Reads iMeta and iData asynchronously; see <see cref="ReadTables"/>.</summary>
    private static async Task<CoinrInput?> ReadTablesAsync(TextReader iMeta, TextReader iData, string iMetaName, string iDataName, ErrorCollector errors, CsvLimits limits, CancellationToken cancellationToken)
    {
        var meta = await CsvTable.ReadAsync(iMeta, iMetaName, errors, limits, cancellationToken).ConfigureAwait(false);
        var parsed = meta is null || errors.HasErrors ? null : ParseMeta(meta, errors);
        var ok = parsed is not null && !errors.HasErrors;
        var data = await DatasetCsv.ReadAsync(new CsvRecordReader(iData, iDataName, errors, limits.MaxTextLength), ok ? _ => parsed!.Value.Numeric : null, errors, limits, cancellationToken).ConfigureAwait(false);
        return ok && data is not null && !errors.HasErrors ? new CoinrInput(parsed!.Value.Framework, data, parsed.Value.Caps.ToImmutableDictionary(StringComparer.Ordinal)) : null;
    }

    private sealed record Row(int Line, string Code, int Level, string? Parent, double Direction, double Weight, string Type, string[] Cells);

    private static (RatingFramework Framework, IReadOnlyList<string> Numeric, IReadOnlyDictionary<string, bool> Caps)? ParseMeta(CsvTable meta, ErrorCollector errors)
    {
        var name = meta.Name;
        foreach (var column in Required)
        {
            if (meta.IndexOf(column) < 0)
            {
                errors.Add(ErrorCodes.DataColumnMissing, "line 1", $"{name}: the required column '{column}' is missing (need {string.Join(", ", Required)}).", column);
            }
        }

        if (errors.HasErrors)
        {
            return null;
        }

        int Col(string c) => meta.IndexOf(c);
        var rows = new List<Row>();
        var byCode = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var (line, cells) in meta.Rows)
        {
            string Cell(string c) => Col(c) is var i and >= 0 ? cells[i].Trim() : string.Empty;
            var where = $"{name}: line {line}";
            var code = Cell("iCode");
            var type = Cell("Type");
            if (!Codes.IsValid(code))
            {
                errors.Add(ErrorCodes.CodeInvalid, $"line {line}.iCode", $"{where}, column iCode: '{code}' is not a valid code (letters, digits, '_', '-', '.', starting with a letter, no spaces).", code);
                continue;
            }

            if (type is not ("Indicator" or "Aggregate" or "Group" or "Denominator" or "Other"))
            {
                errors.Add(ErrorCodes.CoinrUnknownType, $"line {line}.Type", $"{where}, column Type: '{type}' is not one of Indicator, Aggregate, Group, Denominator, Other.", type);
                continue;
            }

            var isNode = type is "Indicator" or "Aggregate";
            var level = 0;
            if (isNode && !int.TryParse(Cell("Level"), NumberStyles.Integer, CultureInfo.InvariantCulture, out level))
            {
                errors.Add(ErrorCodes.CoinrCellInvalid, $"line {line}.Level", $"{where}, column Level (iCode {code}): '{Cell("Level")}' is not a whole number.", Cell("Level"));
            }

            var direction = 1.0;
            if (type == "Indicator")
            {
                var d = Cell("Direction");
                if (!(CsvTable.TryParseNumber(d, out direction) && direction is 1 or -1))
                {
                    errors.Add(ErrorCodes.CoinrCellInvalid, $"line {line}.Direction", $"{where}, column Direction (iCode {code}): '{d}' must be 1 or -1.", d);
                }
            }

            var weight = 1.0;
            if (isNode)
            {
                var w = Cell("Weight");
                if (double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out weight) && !double.IsFinite(weight))
                {
                    errors.Add(ErrorCodes.WeightNotFinite, $"line {line}.Weight", $"{where}, column Weight (iCode {code}): the weight must be a finite number.", w);
                }
                else if (!CsvTable.TryParseNumber(w, out weight) || double.IsNaN(weight))
                {
                    errors.Add(ErrorCodes.CoinrCellInvalid, $"line {line}.Weight", $"{where}, column Weight (iCode {code}): '{w}' is not a number.", w);
                }
                else if (weight < 0)
                {
                    errors.Add(ErrorCodes.WeightNegative, $"line {line}.Weight", $"{where}, column Weight (iCode {code}): the weight must not be negative.", weight);
                }
            }

            var parent = Cell("Parent");
            var row = new Row(line, code, level, parent.Length == 0 || parent == "NA" ? null : parent, direction, weight, type, cells);
            if (!byCode.TryAdd(code, row))
            {
                errors.Add(ErrorCodes.NodeDuplicateCode, $"line {line}.iCode", $"{where}, column iCode: '{code}' is already defined on line {byCode[code].Line}.", code);
                continue;
            }

            rows.Add(row);
        }

        if (errors.HasErrors)
        {
            return null;
        }

        var nodes = rows.Where(r => r.Type is "Indicator" or "Aggregate").ToList();
        foreach (var r in nodes)
        {
            var where = $"{name}: line {r.Line}";
            if (r.Type == "Indicator" && r.Level != 1)
            {
                errors.Add(ErrorCodes.CoinrBrokenHierarchy, $"line {r.Line}.Level", $"{where}, column Level (iCode {r.Code}): indicators must be level 1.", r.Level);
            }

            if (r.Parent is null)
            {
                continue;
            }

            if (!byCode.TryGetValue(r.Parent, out var parent) || parent.Type != "Aggregate")
            {
                errors.Add(ErrorCodes.ReferenceMissing, $"line {r.Line}.Parent", $"{where}, column Parent (iCode {r.Code}): the parent '{r.Parent}' is not an Aggregate row of {name}.", r.Parent);
            }
            else if (parent.Level != r.Level + 1)
            {
                errors.Add(ErrorCodes.CoinrBrokenHierarchy, $"line {r.Line}.Level", $"{where} (iCode {r.Code}): level {r.Level} but its parent '{parent.Code}' is level {parent.Level}; a parent must be exactly one level up.", r.Level);
            }
        }

        foreach (var r in nodes.Where(r => r.Type == "Indicator" && r.Parent is null))
        {
            errors.Add(ErrorCodes.CoinrBrokenHierarchy, $"line {r.Line}.Parent", $"{name}: line {r.Line}, column Parent (iCode {r.Code}): an indicator needs a parent.", string.Empty);
        }

        // Cycles: follow parents; a chain longer than the number of rows loops.
        foreach (var r in nodes)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { r.Code };
            for (var p = r.Parent; p is not null && byCode.TryGetValue(p, out var pr); p = pr.Parent)
            {
                if (!seen.Add(p))
                {
                    errors.Add(ErrorCodes.CoinrBrokenHierarchy, $"line {r.Line}.Parent", $"{name}: line {r.Line}, column Parent (iCode {r.Code}): the parent chain loops through '{p}' (a cycle).", p);
                    break;
                }
            }
        }

        var roots = nodes.Where(r => r.Type == "Aggregate" && r.Parent is null).ToList();
        if (roots.Count != 1)
        {
            errors.Add(ErrorCodes.CoinrBrokenHierarchy, "Parent", roots.Count == 0
                ? $"{name}: no Aggregate row has an empty Parent; exactly one top aggregate (the index) is needed."
                : $"{name}: {roots.Count} Aggregate rows have an empty Parent ({string.Join(", ", roots.Select(r => r.Code))}, lines {string.Join(", ", roots.Select(r => r.Line))}); exactly one top aggregate is needed.");
        }

        var childrenOf = nodes.Where(c => c.Parent is not null).ToLookup(c => c.Parent!, StringComparer.Ordinal);
        foreach (var agg in nodes.Where(r => r.Type == "Aggregate"))
        {
            if (!childrenOf.Contains(agg.Code))
            {
                errors.Add(ErrorCodes.GroupEmpty, $"line {agg.Line}.iCode", $"{name}: line {agg.Line} (iCode {agg.Code}): the aggregate has no children.", agg.Code);
            }
        }

        if (errors.HasErrors)
        {
            return null;
        }

        var caps = new Dictionary<string, bool>(StringComparer.Ordinal);
        var indicators = new Dictionary<string, FrameworkNode>(StringComparer.Ordinal);
        foreach (var r in nodes.Where(r => r.Type == "Indicator"))
        {
            var ind = BuildIndicator(meta, r, caps, errors);
            if (ind is not null)
            {
                indicators[r.Code] = ind;
            }
        }

        if (errors.HasErrors)
        {
            return null;
        }

        var aggregateRole = NodeRole.Create("aggregate").GetValueOrThrow();
        FrameworkNode? Build(Row r)
        {
            if (r.Type == "Indicator")
            {
                return indicators[r.Code];
            }

            var children = new List<FrameworkNode>();
            foreach (var c in childrenOf[r.Code])
            {
                if (Build(c) is not { } child)
                {
                    return null;
                }

                children.Add(child);
            }

            var label = Label(meta, r);
            var created = GroupNode.Create(r.Code, label, r.Parent is null ? NodeRole.Index : aggregateRole, children, r.Weight);
            if (created.TryPickT1(out var groupErrors, out var group))
            {
                foreach (var e in groupErrors)
                {
                    errors.AddRange([AtRow(e, r, $"{name}: line {r.Line}")]);
                }

                return null;
            }

            return group;
        }

        if (Build(roots[0]) is not GroupNode root)
        {
            return null;
        }

        var denominators = rows.Where(r => r.Type == "Denominator").Select(r => DenominatorVariable.Create(r.Code, Label(meta, r)).GetValueOrThrow()).ToList();
        var framework = RatingFramework.Create("coinr-imeta", LocalizedText.Of(meta.Name), "imeta", root, ScoringMethods.Default, source: meta.Name, denominators: denominators);
        if (framework.TryPickT1(out var frameworkErrors, out var valid))
        {
            foreach (var e in frameworkErrors)
            {
                errors.AddRange([new ValidationError(e.Code, e.Path, $"{name}: {DescribePath(root, e.Path)}{e.Message}", e.AttemptedValue, e.Severity)]);
            }

            return null;
        }

        var numeric = rows.Where(r => r.Type is "Indicator" or "Denominator").Select(r => r.Code).ToList();
        return (valid, numeric, caps);
    }

    private static Indicator? BuildIndicator(CsvTable meta, Row r, Dictionary<string, bool> caps, ErrorCollector errors)
    {
        var where = $"{meta.Name}: line {r.Line}";
        string Cell(string c) => meta.IndexOf(c) is var i and >= 0 ? r.Cells[i].Trim() : string.Empty;
        double? Number(string column)
        {
            var text = Cell(column);
            if (!CsvTable.TryParseNumber(text, out var v))
            {
                errors.Add(ErrorCodes.CoinrCellInvalid, $"line {r.Line}.{column}", $"{where}, column {column} (iCode {r.Code}): '{text}' is not a number.", text);
                return null;
            }

            return double.IsNaN(v) ? null : v;
        }

        bool? Flag(string column)
        {
            var text = Cell(column).ToUpperInvariant();
            return text switch
            {
                "" or "NA" => null,
                "TRUE" or "T" or "1" => true,
                "FALSE" or "F" or "0" => false,
                _ => Fail(),
            };

            bool? Fail()
            {
                errors.Add(ErrorCodes.CoinrCellInvalid, $"line {r.Line}.{column}", $"{where}, column {column} (iCode {r.Code}): '{Cell(column)}' is not TRUE or FALSE.", Cell(column));
                return null;
            }
        }

        Goalposts? goalposts = null;
        var lo = Number("goalpost_lower");
        var hi = Number("goalpost_upper");
        if (lo is not null || hi is not null)
        {
            if (lo is null || hi is null)
            {
                errors.Add(ErrorCodes.CoinrGoalpostsIncomplete, $"line {r.Line}.goalpost_lower", $"{where} (iCode {r.Code}): goalpost_lower and goalpost_upper must both be given.");
            }
            else
            {
                var created = Goalposts.Create(lo.Value, hi.Value, Number("goalpost_scale") ?? 1, Flag("goalpost_trunc2posts") ?? true);
                if (created.TryPickT1(out var gpErrors, out var gp))
                {
                    foreach (var e in gpErrors)
                    {
                        errors.Add(e.Code, $"line {r.Line}.goalpost_{(e.Path.Length == 0 ? "lower" : e.Path)}", $"{where} (iCode {r.Code}): {e.Message}", e.AttemptedValue);
                    }
                }
                else
                {
                    goalposts = gp;
                }
            }
        }

        if (Flag("dist2targ_cap_max") is { } cap)
        {
            caps[r.Code] = cap;
        }

        NormalisationMethod? normalisation = null;
        var spec = Cell("Normalise");
        if (spec.Length > 0 && spec != "NA")
        {
            var parsed = NormalisationMethod.Parse(spec);
            if (parsed.TryPickT1(out var specErrors, out var method))
            {
                errors.Add(ErrorCodes.NormalisationSpec, $"line {r.Line}.Normalise", $"{where}, column Normalise (iCode {r.Code}): {specErrors[0].Message}", spec);
            }
            else
            {
                normalisation = method;
            }
        }

        var target = Number("Target");
        var denominator = Cell("Denominator");
        var unit = Cell("Unit");
        var built = Indicator.Create(
            r.Code,
            Label(meta, r),
            IndicatorScale.Ratio,
            r.Direction < 0 ? Direction.LowerIsBetter : Direction.HigherIsBetter,
            r.Weight,
            unit.Length == 0 ? null : unit,
            goalposts,
            target,
            IndicatorTier.Core,
            denominator.Length == 0 || denominator == "NA" ? null : denominator,
            normalisation);
        if (built.TryPickT1(out var indicatorErrors, out var indicator))
        {
            foreach (var e in indicatorErrors)
            {
                errors.AddRange([AtRow(e, r, where)]);
            }

            return null;
        }

        return indicator;
    }

    /// <summary>Moves a finding of a node factory (path relative to the node) to the iMeta row that defines the node.</summary>
    private static ValidationError AtRow(ValidationError e, Row r, string where) => new(
        e.Code,
        e.Path.Length == 0 ? $"line {r.Line}" : $"line {r.Line}.{e.Path}",
        $"{where} (iCode {r.Code}){(e.Path.Length > 0 ? ", " + e.Path : string.Empty)}: {e.Message}",
        e.AttemptedValue,
        e.Severity);

    private static LocalizedText Label(CsvTable meta, Row r)
    {
        var i = meta.IndexOf("iName");
        var name = i >= 0 ? r.Cells[i].Trim() : string.Empty;
        return LocalizedText.Of(name.Length > 0 ? name : r.Code);
    }

    /// <summary>Turns a framework path such as <c>root.children[1].children[0].weight</c> into <c>iCode 'i03', weight: </c>.</summary>
    internal static string DescribePath(GroupNode root, string path)
    {
        FrameworkNode node = root;
        var rest = path.StartsWith("root", StringComparison.Ordinal) ? path[4..] : path;
        while (rest.StartsWith(".children[", StringComparison.Ordinal) && node is GroupNode g)
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (!int.TryParse(rest[10..close], NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) || i >= g.Children.Count)
            {
                break;
            }

            node = g.Children[i];
            rest = rest[(close + 1)..];
        }

        return $"iCode '{node.Code}'{(rest.Length > 1 ? ", " + rest.TrimStart('.') : string.Empty)}: ";
    }
}
