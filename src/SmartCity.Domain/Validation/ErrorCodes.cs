namespace SmartCity.Domain.Validation;

/// <summary>
/// The stable codes carried by <see cref="ValidationError.Code"/>, one per kind of failure. They are part of the public
/// contract: a code is never renamed, and never reused for another kind of failure. <see cref="All"/> describes each one
/// (what failed, its usual cause and how to fix it); <c>docs/error-codes.md</c> is generated from that table.
/// </summary>
public static partial class ErrorCodes
{
    /// <summary>A code (of a node, unit, class, tier, role or denominator) is empty, longer than 128 characters, does not start with a letter, or contains characters other than ASCII letters, digits, <c>_</c>, <c>-</c> and <c>.</c>.</summary>
    public const string CodeInvalid = "code.invalid";

    /// <summary>A label has neither an English nor an Indonesian text.</summary>
    public const string NameEmpty = "name.empty";

    /// <summary>A required text (an edition, a scale level's or checklist item's name) is empty.</summary>
    public const string TextEmpty = "text.empty";

    /// <summary>A weight is NaN or infinite.</summary>
    public const string WeightNotFinite = "weight.not-finite";

    /// <summary>A weight is negative.</summary>
    public const string WeightNegative = "weight.negative";

    /// <summary>A weight that must be positive (a part of an award formula) is zero or negative.</summary>
    public const string WeightNotPositive = "weight.not-positive";

    /// <summary>Every child of a group has weight zero, so the group's score is undefined.</summary>
    public const string GroupWeightsAllZero = "group.weights.all-zero";

    /// <summary>A group (or an iMeta aggregate) has no children.</summary>
    public const string GroupEmpty = "group.empty";

    /// <summary>Two nodes (groups or indicators) anywhere in the tree, or a node and a denominator, share a code.</summary>
    public const string NodeDuplicateCode = "node.duplicate-code";

    /// <summary>Warning: The root's weight is not 1; the root has no siblings, so its weight has no effect.</summary>
    public const string NodeWeightIgnored = "node.weight.ignored";

    /// <summary>Warning: A direction was given on a group; directions apply only to indicators and are ignored.</summary>
    public const string NodeDirectionIgnored = "node.direction.ignored";

    /// <summary>Warning: A method override on a node equals the setting it inherits, so it has no effect.</summary>
    public const string MethodOverrideRedundant = "method.override.redundant";

    /// <summary>A number that must be finite (a goalpost, a target, a boundary, a normalisation bound, a gate threshold) is NaN or infinite.</summary>
    public const string NumberNotFinite = "number.not-finite";

    /// <summary>Goalposts have lower ≥ upper.</summary>
    public const string GoalpostsOrder = "goalposts.order";

    /// <summary>The goalpost scale is not a positive finite number.</summary>
    public const string GoalpostsScale = "goalposts.scale";

    /// <summary>A scale's bounds are inconsistent (Likert minimum ≥ maximum, fewer than two levels, an empty checklist).</summary>
    public const string ScaleInvalid = "scale.invalid";

    /// <summary>Two named levels or checklist items of one scale share a name.</summary>
    public const string ScaleDuplicateName = "scale.duplicate-name";

    /// <summary>A value (a goalpost, a target or a data value) lies outside its indicator's scale.</summary>
    public const string ScaleValueOutOfRange = "scale.value-out-of-range";

    /// <summary>A min-max or scale-mapping normalisation has lower ≥ upper.</summary>
    public const string NormalisationRange = "normalisation.range";

    /// <summary>A z-score normalisation has a standard deviation that is not positive.</summary>
    public const string NormalisationStandardDeviation = "normalisation.standard-deviation";

    /// <summary>A goalposts normalisation applies to an indicator without goalposts.</summary>
    public const string NormalisationGoalpostsMissing = "normalisation.goalposts-missing";

    /// <summary>A distance-to-target normalisation applies to an indicator without a target.</summary>
    public const string NormalisationTargetMissing = "normalisation.target-missing";

    /// <summary>A scale-mapping normalisation applies to an indicator whose scale has no fixed bounds.</summary>
    public const string NormalisationScaleUnbounded = "normalisation.scale-unbounded";

    /// <summary>A normalisation specification string cannot be parsed.</summary>
    public const string NormalisationSpec = "normalisation.spec";

    /// <summary>A geometric, harmonic or generalised (p ≤ 0) mean sits over children whose values can be ≤ 0.</summary>
    public const string AggregationRequiresPositive = "aggregation.requires-positive";

    /// <summary>Warning: A geometric, harmonic or generalised (p ≤ 0) mean needs positive values, and whether its children stay positive depends on the data.</summary>
    public const string AggregationPositivityDependsOnData = "aggregation.positivity-depends-on-data";

    /// <summary>The exponent of a generalised mean is zero, NaN or infinite.</summary>
    public const string AggregationExponent = "aggregation.exponent";

    /// <summary>An aggregation specification string cannot be parsed.</summary>
    public const string AggregationSpec = "aggregation.spec";

    /// <summary>A coverage threshold (a missing-data rule's or a coverage gate's share) is outside [0, 1].</summary>
    public const string CoverageThresholdRange = "coverage-threshold.range";

    /// <summary>An outlier-treatment parameter is out of range (a winsorisation limit below 1, a threshold that is not positive or not finite).</summary>
    public const string MethodParameter = "method.parameter";

    /// <summary>An imputation specification string cannot be parsed.</summary>
    public const string ImputationSpec = "imputation.spec";

    /// <summary>An outlier-treatment specification string cannot be parsed.</summary>
    public const string TreatmentSpec = "treatment.spec";

    /// <summary>A reference names something that does not exist: an indicator's denominator, a gate's or award's node, a scenario's or replicate's node, a unit or column of the dataset, an iMeta parent, a per-size-class rule without size classes.</summary>
    public const string ReferenceMissing = "reference.missing";

    /// <summary>Size-class or maturity-level boundaries are not strictly increasing, or their count does not match the classes.</summary>
    public const string BoundariesInvalid = "boundaries.invalid";

    /// <summary>A classification scheme (size classes, maturity levels) has no class.</summary>
    public const string SchemeNoClasses = "scheme.no-classes";

    /// <summary>Two classes of one classification scheme share a code.</summary>
    public const string SchemeDuplicateClass = "scheme.duplicate-class";

    /// <summary>The JSON text is not well-formed (a syntax error, a truncated document, empty input, or <c>null</c> instead of an object).</summary>
    public const string JsonMalformed = "json.malformed";

    /// <summary>A JSON property is not part of the format.</summary>
    public const string JsonUnknownProperty = "json.unknown-property";

    /// <summary>A JSON property appears twice in one object.</summary>
    public const string JsonDuplicateProperty = "json.duplicate-property";

    /// <summary>A required JSON property is missing or null.</summary>
    public const string JsonMissingProperty = "json.missing-property";

    /// <summary>A JSON value has the wrong type, or a number does not fit a double.</summary>
    public const string JsonWrongType = "json.wrong-type";

    /// <summary>A <c>kind</c> discriminator is missing or names no known variant.</summary>
    public const string JsonUnknownKind = "json.unknown-kind";

    /// <summary>A JSON value is not a valid token: a misspelt literal (<c>tru</c>, <c>nul</c>), a bare word, or a malformed number.</summary>
    public const string JsonInvalidToken = "json.invalid-token";

    /// <summary>The JSON nesting is deeper than the reader allows.</summary>
    public const string JsonTooDeep = "json.too-deep";

    /// <summary>The document's <c>schemaVersion</c> is not one this version of the library reads.</summary>
    public const string JsonSchemaVersion = "json.schema-version";

    /// <summary>The document is larger than the reader allows.</summary>
    public const string JsonTooLarge = "json.too-large";

    /// <summary>A result document parses but its parts do not fit together: a node, unit or stage that its framework, dataset or programme does not have, or a list with the wrong number of values.</summary>
    public const string JsonResultMismatch = "json.result-mismatch";

    /// <summary>A unit code in a dataset is not a valid code.</summary>
    public const string DataUnitInvalid = "data.unit-invalid";

    /// <summary>Two rows of a dataset share a unit code.</summary>
    public const string DataDuplicateUnit = "data.duplicate-unit";

    /// <summary>A dataset has no column for an indicator, a denominator or an edition the framework or programme needs.</summary>
    public const string DataColumnMissing = "data.column-missing";

    /// <summary>Two columns of a dataset or a CSV header share a name, or a name is both a numeric column and an attribute.</summary>
    public const string DataDuplicateColumn = "data.duplicate-column";

    /// <summary>A dataset column has an empty name.</summary>
    public const string DataColumnNameEmpty = "data.column-name-empty";

    /// <summary>A data value is not a number: text in a numeric column of a dataset, or an infinite value.</summary>
    public const string DataNotNumeric = "data.not-numeric";

    /// <summary>A dataset has no units.</summary>
    public const string DataEmpty = "data.empty";

    /// <summary>A denominator is zero or missing where the indicator has a value, so the per-capita value is undefined.</summary>
    public const string DataDenominatorZero = "data.denominator-zero";

    /// <summary>A unit attribute needed by a method (the group column of a group imputation) is missing.</summary>
    public const string DataAttributeMissing = "data.attribute-missing";

    /// <summary>A denominator is negative where the indicator has a value: dividing would invert the indicator's order for that unit.</summary>
    public const string DataDenominatorNegative = "data.denominator-negative";

    /// <summary>A denominator is so small (for example 1e-320) that the per-capita value overflows to infinity.</summary>
    public const string DataDenominatorOverflow = "data.denominator-overflow";

    /// <summary>A normalisation meets a column it cannot scale: constant values (max = min, or standard deviation 0), a reference equal to the minimum, or fewer values than it needs.</summary>
    public const string NormalisationConstantColumn = "normalisation.constant-column";

    /// <summary>A normalisation's formula would invert the order of the data: fraction of the maximum on higher-is-better values whose maximum is not positive, or a distance to a target that lies at or below the worst value.</summary>
    public const string NormalisationInvertsOrder = "normalisation.inverts-order";

    /// <summary>A normalisation's result is not a finite number for some unit (its parameters scale the values beyond the range of a double).</summary>
    public const string NormalisationNotFinite = "normalisation.not-finite";

    /// <summary>A geometric, harmonic or generalised mean meets a value ≤ 0 for some unit.</summary>
    public const string AggregationNonPositiveValue = "aggregation.non-positive-value";

    /// <summary>An outlier treatment meets an indicator with too few values to compute skewness and kurtosis (fewer than 4).</summary>
    public const string TreatmentTooFewValues = "treatment.too-few-values";

    /// <summary>A pairwise-comparison matrix is not square, has fewer than one row, or its criteria do not match (the names given, or a group's children).</summary>
    public const string AhpMatrixShape = "ahp.matrix-shape";

    /// <summary>Two criteria of a pairwise-comparison matrix have the same name (compared exactly, ordinal).</summary>
    public const string AhpDuplicateCriterion = "ahp.duplicate-criterion";

    /// <summary>A pairwise-comparison entry is not a positive finite number.</summary>
    public const string AhpEntryInvalid = "ahp.entry-invalid";

    /// <summary>A pairwise-comparison matrix is not reciprocal (a_ij · a_ji ≠ 1) or its diagonal is not 1.</summary>
    public const string AhpNotReciprocal = "ahp.not-reciprocal";

    /// <summary>The consistency ratio is at or above the accepted limit (0.10 by default).</summary>
    public const string AhpInconsistent = "ahp.inconsistent";

    /// <summary>A group is given more than one pairwise-comparison judgement in a hierarchical AHP.</summary>
    public const string AhpDuplicateJudgement = "ahp.duplicate-judgement";

    /// <summary>A budget allocation has no expert, or an expert's row does not have one entry per criterion.</summary>
    public const string BudgetShape = "budget.shape";

    /// <summary>A budget-allocation entry is negative, NaN or infinite.</summary>
    public const string BudgetEntryInvalid = "budget.entry-invalid";

    /// <summary>An expert's budget allocation gives no points at all.</summary>
    public const string BudgetNoPoints = "budget.no-points";

    /// <summary>An uncertainty, sensitivity or element-removal setting is out of range (a noise level that no group has, a noise factor outside [0, 1), a level given twice, no replicates, N below 2).</summary>
    public const string AnalysisSpec = "analysis.spec";

    /// <summary>An uncertainty or sensitivity run is too large: its results would not fit one array (replicates × units above 2,147,483,591 scores), or the memory it needs by the estimate made before allocating (scores and ranks of every replicate, parameters, workspaces, Saltelli samples, bootstrap resamples) exceeds the limit: <c>UncertaintyOptions.MemoryLimit</c>, by default half the memory available to the process.</summary>
    public const string AnalysisTooLarge = "analysis.too-large";
    /// <summary>A target-seeking request is invalid: an unknown unit, node, indicator or maturity level, a target at an indicator, a rank outside 1..units, a bound that is not finite or given twice.</summary>
    public const string SeekSpec = "seek.spec";

    /// <summary>Panel data are invalid: no edition, a time given twice, editions with different numeric columns, fewer than two editions or a maxTime below 1 for panel imputation, a series with one observation for linear interpolation, a distance-to-reference normalisation pooled over editions, a trend option out of range (use_latest below 1, an interpolation time outside the editions, a per that is zero or not finite or given with CAGR).</summary>
    public const string PanelSpec = "panel.spec";

    /// <summary>A long-format panel CSV has no time column, names as its time column the unit code or a column the framework needs, or has a time that is not a whole number.</summary>
    public const string PanelTime = "panel.time";

    /// <summary>A long-format panel CSV gives the same unit twice for one time point.</summary>
    public const string PanelDuplicateRow = "panel.duplicate-row";

    /// <summary>A multivariate analysis names a node, unit or column that its data does not have.</summary>
    public const string MultivariateUnknownCode = "multivariate.unknown-code";

    /// <summary>A multivariate analysis is given a level outside the framework's levels, or one that has no groups to analyse.</summary>
    public const string MultivariateLevel = "multivariate.level";

    /// <summary>A multivariate analysis has too few values: fewer than two columns, or fewer than two units with every value present.</summary>
    public const string MultivariateTooFewValues = "multivariate.too-few-values";

    /// <summary>A principal component analysis is given a column with zero variance over the complete units, which cannot be scaled to unit variance.</summary>
    public const string MultivariateConstantColumn = "multivariate.constant-column";

    /// <summary>A setting of a multivariate analysis, weight optimisation or screening is out of range (a threshold outside [0, 1], a target share that is negative or not one per component, a tolerance or iteration limit that is not positive).</summary>
    public const string MultivariateSpec = "multivariate.spec";

    /// <summary>A programme definition is invalid: a stage that needs scores without a framework, a top-N gate with N below 1, no edition or two editions with one label, an award scheme without categories or tiers, tiers not in increasing order of places, an award formula without parts.</summary>
    public const string ProgrammeSpec = "programme.spec";

    /// <summary>A programme has no stage.</summary>
    public const string ProgrammeNoStages = "programme.no-stages";

    /// <summary>Two stages of a programme share a code.</summary>
    public const string ProgrammeDuplicateStage = "programme.duplicate-stage";

    /// <summary>Two categories of an award scheme share a code.</summary>
    public const string AwardDuplicateCategory = "award.duplicate-category";

    /// <summary>A programme with size classes runs on data without a population column.</summary>
    public const string ProgrammePopulationMissing = "programme.population-missing";

    /// <summary>An eligible unit's population is missing, not a number, negative or not finite, so it has no size class.</summary>
    public const string ProgrammePopulationInvalid = "programme.population-invalid";

    // CSV files and COINr tables.

    /// <summary>A CSV file cannot be parsed: a stray quote in a cell (`"Tw"o`), or an unterminated quoted field.</summary>
    public const string CsvMalformed = "csv.malformed";

    /// <summary>A CSV file is empty: it has no header row.</summary>
    public const string CsvEmpty = "csv.empty";

    /// <summary>A file given as an Excel workbook cannot be read as one: not an .xlsx (ZIP) package, or a damaged part.</summary>
    public const string ExcelUnreadable = "excel.unreadable";

    /// <summary>An Excel workbook has no sheet of the name asked for (and more than one sheet to choose from).</summary>
    public const string ExcelSheetMissing = "excel.sheet-missing";

    /// <summary>A CSV row has a different number of cells from the header.</summary>
    public const string CsvRaggedRow = "csv.ragged-row";

    // Any input file.

    /// <summary>An input is larger than the reader's limit (characters of text, or memory for its numbers); refused before the limit is passed.</summary>
    public const string InputTooLarge = "input.too-large";

    /// <summary>An input is not text: it holds NUL bytes (a binary file, a device, a sparse file) or bytes that are not UTF-8.</summary>
    public const string InputNotText = "input.not-text";

    /// <summary>There is no input file at a path: nothing, or a directory.</summary>
    public const string InputNotFound = "input.not-found";

    /// <summary>An input file exists but cannot be read (permissions, an I/O error).</summary>
    public const string InputUnreadable = "input.unreadable";

    /// <summary>An iMeta row's <c>Type</c> is not one of Indicator, Aggregate, Group, Denominator, Other.</summary>
    public const string CoinrUnknownType = "coinr.unknown-type";

    /// <summary>An iMeta cell is not a valid value for its column (a Level that is not a whole number, a Direction other than 1 or -1, text in a number column, a flag other than TRUE or FALSE).</summary>
    public const string CoinrCellInvalid = "coinr.cell-invalid";

    /// <summary>The iMeta Level and Parent columns do not form one tree (an indicator not at level 1, a parent not exactly one level up, an indicator without a parent, a cycle, not exactly one top aggregate).</summary>
    public const string CoinrBrokenHierarchy = "coinr.broken-hierarchy";

    /// <summary>An iMeta row gives only one of <c>goalpost_lower</c> and <c>goalpost_upper</c>.</summary>
    public const string CoinrGoalpostsIncomplete = "coinr.goalposts-incomplete";

    // --- Framework edits (FrameworkEdit, RatingFramework.Edit, scenarios) ---

    /// <summary>An edit names a node code that the framework (as edited by the edits before it) does not have.</summary>
    public const string EditNodeUnknown = "edit.node-unknown";

    /// <summary>An edit applies to the other kind of node: a direction or indicator method on a group, an aggregation or missing-data rule on an indicator, a parent that is an indicator.</summary>
    public const string EditNodeKind = "edit.node-kind";

    /// <summary>An edit would remove, move or re-weight the root (the root has no parent and no siblings).</summary>
    public const string EditRoot = "edit.root";

    /// <summary>A move would put a node under itself or one of its own descendants.</summary>
    public const string EditMoveIntoSubtree = "edit.move-into-subtree";

    /// <summary>An add or move gives a position outside 0 … the number of children of the new parent.</summary>
    public const string EditPosition = "edit.position";
}
