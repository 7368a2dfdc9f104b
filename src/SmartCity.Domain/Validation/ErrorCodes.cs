namespace SmartCity.Domain.Validation;

/// <summary>
/// The stable codes carried by <see cref="ValidationError.Code"/>. They are part of the public contract: a code is never
/// renamed or reused for another problem. <c>docs/error-codes.md</c> explains each one.
/// </summary>
public static class ErrorCodes
{
    /// <summary>A code is empty, too long, starts with a character other than a letter, or contains characters outside letters, digits, <c>_</c>, <c>-</c> and <c>.</c>.</summary>
    public const string CodeInvalid = "code.invalid";

    /// <summary>A label has neither an English nor an Indonesian text.</summary>
    public const string NameEmpty = "name.empty";

    /// <summary>A required text (edition, role, level name) is empty.</summary>
    public const string TextEmpty = "text.empty";

    /// <summary>A weight is NaN or infinite.</summary>
    public const string WeightNotFinite = "weight.not-finite";

    /// <summary>A weight is negative.</summary>
    public const string WeightNegative = "weight.negative";

    /// <summary>Every child of a group has weight zero, so the group's score is undefined.</summary>
    public const string GroupWeightsAllZero = "group.weights.all-zero";

    /// <summary>A group has no children.</summary>
    public const string GroupEmpty = "group.empty";

    /// <summary>Two nodes (groups or indicators) anywhere in the tree share a code.</summary>
    public const string NodeDuplicateCode = "node.duplicate-code";

    /// <summary>Warning: the root's weight is not 1; the root has no siblings, so its weight has no effect.</summary>
    public const string NodeWeightIgnored = "node.weight.ignored";

    /// <summary>Warning: a direction was given on a group; directions apply only to indicators and are ignored.</summary>
    public const string NodeDirectionIgnored = "node.direction.ignored";

    /// <summary>Warning: a method override on a node equals the setting it inherits, so it has no effect.</summary>
    public const string MethodOverrideRedundant = "method.override.redundant";

    /// <summary>A number that must be finite is NaN or infinite.</summary>
    public const string NumberNotFinite = "number.not-finite";

    /// <summary>Goalposts have lower ≥ upper.</summary>
    public const string GoalpostsOrder = "goalposts.order";

    /// <summary>The goalpost scale is not a positive finite number.</summary>
    public const string GoalpostsScale = "goalposts.scale";

    /// <summary>A scale's bounds are inconsistent (Likert minimum ≥ maximum, fewer than two levels, an empty checklist).</summary>
    public const string ScaleInvalid = "scale.invalid";

    /// <summary>Two named levels or checklist items of one scale share a name.</summary>
    public const string ScaleDuplicateName = "scale.duplicate-name";

    /// <summary>A value (goalpost, target or data value) lies outside its indicator's scale.</summary>
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

    /// <summary>The exponent of a generalised mean is zero, NaN or infinite.</summary>
    public const string AggregationExponent = "aggregation.exponent";

    /// <summary>An aggregation specification string cannot be parsed.</summary>
    public const string AggregationSpec = "aggregation.spec";

    /// <summary>A coverage threshold is outside [0, 1].</summary>
    public const string CoverageThresholdRange = "coverage-threshold.range";

    /// <summary>An imputation or treatment parameter is out of range (a winsorisation limit below 1, a threshold that is not finite).</summary>
    public const string MethodParameter = "method.parameter";

    /// <summary>A reference (an indicator's denominator, an award's node) names something that does not exist.</summary>
    public const string ReferenceMissing = "reference.missing";

    /// <summary>Size-class or maturity-level boundaries are not strictly increasing, or their count does not match the classes.</summary>
    public const string BoundariesInvalid = "boundaries.invalid";

    /// <summary>The JSON text is not well-formed (syntax error, truncated document, empty input).</summary>
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

    /// <summary>The JSON nesting is deeper than the reader allows.</summary>
    public const string JsonTooDeep = "json.too-deep";

    /// <summary>The document's <c>schemaVersion</c> is not one this version of the library reads.</summary>
    public const string JsonSchemaVersion = "json.schema-version";

    /// <summary>The document is larger than the reader allows.</summary>
    public const string JsonTooLarge = "json.too-large";

    /// <summary>A unit code in a dataset is not a valid code.</summary>
    public const string DataUnitInvalid = "data.unit-invalid";

    /// <summary>Two rows of a dataset share a unit code.</summary>
    public const string DataDuplicateUnit = "data.duplicate-unit";

    /// <summary>A dataset has no column for an indicator or denominator the framework needs.</summary>
    public const string DataColumnMissing = "data.column-missing";

    /// <summary>Two columns of a dataset share a name.</summary>
    public const string DataDuplicateColumn = "data.duplicate-column";

    /// <summary>A data cell is not a number (text in a numeric column, or an infinite value).</summary>
    public const string DataNotNumeric = "data.not-numeric";

    /// <summary>A dataset has no units.</summary>
    public const string DataEmpty = "data.empty";

    /// <summary>A denominator is zero or missing where the indicator has a value, so the per-capita value is undefined.</summary>
    public const string DataDenominatorZero = "data.denominator-zero";

    /// <summary>A unit attribute needed by a method (a group column for group imputation) is missing.</summary>
    public const string DataAttributeMissing = "data.attribute-missing";

    /// <summary>A normalisation meets a column it cannot scale: constant values (max = min, or standard deviation 0), a reference equal to the minimum, or fewer values than it needs.</summary>
    public const string NormalisationConstantColumn = "normalisation.constant-column";

    /// <summary>A geometric, harmonic or generalised mean meets a value ≤ 0 for some unit.</summary>
    public const string AggregationNonPositiveValue = "aggregation.non-positive-value";

    /// <summary>An outlier treatment meets an indicator with too few values to compute skewness and kurtosis (fewer than 4).</summary>
    public const string TreatmentTooFewValues = "treatment.too-few-values";

    /// <summary>A pairwise-comparison matrix is not square, has fewer than one row, or has names that do not match.</summary>
    public const string AhpMatrixShape = "ahp.matrix-shape";

    /// <summary>A pairwise-comparison entry is not a positive finite number.</summary>
    public const string AhpEntryInvalid = "ahp.entry-invalid";

    /// <summary>A pairwise-comparison matrix is not reciprocal (a_ij · a_ji ≠ 1) or its diagonal is not 1.</summary>
    public const string AhpNotReciprocal = "ahp.not-reciprocal";

    /// <summary>The consistency ratio is at or above the accepted limit (0.10 by default).</summary>
    public const string AhpInconsistent = "ahp.inconsistent";

    /// <summary>An uncertainty or sensitivity specification is invalid (a noise level that no group has, a noise factor outside [0, 1), no replicates, a replicate naming an unknown node).</summary>
    public const string AnalysisSpec = "analysis.spec";

    /// <summary>A programme definition is invalid: an evaluation stage without a framework, two editions with one label, award tiers not in increasing order of places, an award formula without parts.</summary>
    public const string ProgrammeSpec = "programme.spec";

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
