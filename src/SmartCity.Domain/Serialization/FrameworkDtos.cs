using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartCity.Domain.Serialization;

#pragma warning disable SA1649, CA1812 // DTOs: one file, created by the serializer.

internal sealed record FrameworkDocumentDto(
    int SchemaVersion,
    string Code,
    LocalizedTextDto Name,
    string Edition,
    GroupDto Root,
    MethodsDto? Methods = null,
    string? Description = null,
    string? Source = null,
    List<DenominatorDto>? Denominators = null,
    SchemeDto? SizeClasses = null,
    SchemeDto? MaturityLevels = null);

internal sealed record LocalizedTextDto(string? En = null, string? Id = null);

internal sealed record ProvenanceDto(ConfidenceDto Confidence, string? Source = null);

internal enum ConfidenceDto
{
    [JsonStringEnumMemberName("verified")]
    Verified,
    [JsonStringEnumMemberName("secondary")]
    Secondary,
    [JsonStringEnumMemberName("illustrative")]
    Illustrative,
}

internal enum DirectionDto
{
    [JsonStringEnumMemberName("higherIsBetter")]
    HigherIsBetter,
    [JsonStringEnumMemberName("lowerIsBetter")]
    LowerIsBetter,
}

internal enum MembershipDto
{
    [JsonStringEnumMemberName("below")]
    Below,
    [JsonStringEnumMemberName("above")]
    Above,
}

internal sealed record DenominatorDto(string Code, LocalizedTextDto Name, string? Unit = null);

internal sealed record SchemeDto(string Code, LocalizedTextDto Name, List<SchemeClassDto> Classes, List<BoundaryDto> Boundaries, string? Source = null);

internal sealed record SchemeClassDto(string Code, LocalizedTextDto Name);

internal sealed record BoundaryDto(double Value, MembershipDto Membership);

internal sealed record MethodsDto(
    NormalisationDto? Normalisation = null,
    AggregationDto? Aggregation = null,
    MissingDataDto? MissingData = null,
    ImputationDto? Imputation = null,
    TreatmentDto? Treatment = null);

internal sealed record MissingDataDto(double? CoverageThreshold = null);

internal sealed record GoalpostsDto(double Lower, double Upper, double Scale = 1, bool Truncate = true);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(GroupDto), "group")]
[JsonDerivedType(typeof(IndicatorDto), "indicator")]
internal abstract record NodeDto;

internal sealed record GroupDto(
    string Code,
    LocalizedTextDto Name,
    string Role,
    List<NodeDto> Children,
    double Weight = 1,
    AggregationDto? Aggregation = null,
    MissingDataDto? MissingData = null,
    string? Description = null,
    List<string>? Tags = null,
    ProvenanceDto? Provenance = null,
    DirectionDto? Direction = null) : NodeDto;

internal sealed record IndicatorDto(
    string Code,
    LocalizedTextDto Name,
    ScaleDto? Scale = null,
    DirectionDto Direction = DirectionDto.HigherIsBetter,
    double Weight = 1,
    string? Unit = null,
    GoalpostsDto? Goalposts = null,
    double? Target = null,
    string? Tier = null,
    string? Denominator = null,
    NormalisationDto? Normalisation = null,
    ImputationDto? Imputation = null,
    TreatmentDto? Treatment = null,
    string? Description = null,
    List<string>? Tags = null,
    ProvenanceDto? Provenance = null) : NodeDto;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RatioScaleDto), "ratio")]
[JsonDerivedType(typeof(PercentageScaleDto), "percentage")]
[JsonDerivedType(typeof(CountScaleDto), "count")]
[JsonDerivedType(typeof(YesNoScaleDto), "yesNo")]
[JsonDerivedType(typeof(LikertScaleDto), "likert")]
[JsonDerivedType(typeof(LevelsScaleDto), "levels")]
[JsonDerivedType(typeof(ChecklistScaleDto), "checklist")]
internal abstract record ScaleDto;

internal sealed record RatioScaleDto : ScaleDto;

internal sealed record PercentageScaleDto : ScaleDto;

internal sealed record CountScaleDto : ScaleDto;

internal sealed record YesNoScaleDto : ScaleDto;

internal sealed record LikertScaleDto(int Low, int High) : ScaleDto;

internal sealed record LevelsScaleDto(List<string> Names) : ScaleDto;

internal sealed record ChecklistScaleDto(List<string> Items) : ScaleDto;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MinMaxDto), "minMax")]
[JsonDerivedType(typeof(ZScoreDto), "zScore")]
[JsonDerivedType(typeof(RankDto), "rank")]
[JsonDerivedType(typeof(BordaDto), "borda")]
[JsonDerivedType(typeof(PercentileRankDto), "percentileRank")]
[JsonDerivedType(typeof(DistanceToMaxDto), "distanceToMax")]
[JsonDerivedType(typeof(FractionOfMaxDto), "fractionOfMax")]
[JsonDerivedType(typeof(DistanceToReferenceDto), "distanceToReference")]
[JsonDerivedType(typeof(DistanceToTargetDto), "distanceToTarget")]
[JsonDerivedType(typeof(GoalpostsNormalisationDto), "goalposts")]
[JsonDerivedType(typeof(ScaleMappingDto), "scaleMapping")]
[JsonDerivedType(typeof(NoNormalisationDto), "none")]
internal abstract record NormalisationDto;

internal sealed record MinMaxDto(double Lower, double Upper) : NormalisationDto;

internal sealed record ZScoreDto(double Mean, double StandardDeviation) : NormalisationDto;

internal sealed record RankDto : NormalisationDto;

internal sealed record BordaDto : NormalisationDto;

internal sealed record PercentileRankDto : NormalisationDto;

internal sealed record DistanceToMaxDto : NormalisationDto;

internal sealed record FractionOfMaxDto : NormalisationDto;

internal sealed record DistanceToReferenceDto(string UnitCode, bool Cap = false) : NormalisationDto;

internal sealed record DistanceToTargetDto(bool Cap = false) : NormalisationDto;

internal sealed record GoalpostsNormalisationDto : NormalisationDto;

internal sealed record ScaleMappingDto(double Lower, double Upper) : NormalisationDto;

internal sealed record NoNormalisationDto : NormalisationDto;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ArithmeticMeanDto), "arithmeticMean")]
[JsonDerivedType(typeof(GeometricMeanDto), "geometricMean")]
[JsonDerivedType(typeof(HarmonicMeanDto), "harmonicMean")]
[JsonDerivedType(typeof(GeneralisedMeanDto), "generalisedMean")]
[JsonDerivedType(typeof(MinimumDto), "minimum")]
[JsonDerivedType(typeof(CopelandDto), "copeland")]
internal abstract record AggregationDto;

internal sealed record ArithmeticMeanDto : AggregationDto;

internal sealed record GeometricMeanDto : AggregationDto;

internal sealed record HarmonicMeanDto : AggregationDto;

internal sealed record GeneralisedMeanDto(double P) : AggregationDto;

internal sealed record MinimumDto : AggregationDto;

internal sealed record CopelandDto : AggregationDto;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(NoImputationDto), "none")]
[JsonDerivedType(typeof(ColumnMeanDto), "columnMean")]
[JsonDerivedType(typeof(ColumnMedianDto), "columnMedian")]
[JsonDerivedType(typeof(GroupMeanDto), "groupMean")]
[JsonDerivedType(typeof(GroupMedianDto), "groupMedian")]
[JsonDerivedType(typeof(RowImputationDto), "row")]
internal abstract record ImputationDto;

internal sealed record NoImputationDto : ImputationDto;

internal sealed record ColumnMeanDto : ImputationDto;

internal sealed record ColumnMedianDto : ImputationDto;

internal sealed record GroupMeanDto(string Attribute) : ImputationDto;

internal sealed record GroupMedianDto(string Attribute) : ImputationDto;

internal sealed record RowImputationDto(bool Median = false, int? GroupLevel = null, bool NormaliseFirst = true) : ImputationDto;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(NoTreatmentDto), "none")]
[JsonDerivedType(typeof(WinsoriseThenLogDto), "winsoriseThenLog")]
[JsonDerivedType(typeof(WinsoriseOnlyDto), "winsoriseOnly")]
internal abstract record TreatmentDto;

internal sealed record NoTreatmentDto : TreatmentDto;

internal sealed record WinsoriseThenLogDto(int WinsorisationLimit = 5, double SkewnessThreshold = 2, double KurtosisThreshold = 3.5, bool CombineWithWinsorised = false) : TreatmentDto;

internal sealed record WinsoriseOnlyDto(int WinsorisationLimit = 5, double SkewnessThreshold = 2, double KurtosisThreshold = 3.5) : TreatmentDto;

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Strict,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    AllowOutOfOrderMetadataProperties = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 256)]
[JsonSerializable(typeof(FrameworkDocumentDto))]
internal sealed partial class SmartCityJsonContext : JsonSerializerContext;
