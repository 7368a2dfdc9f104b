using System.Collections.Immutable;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Programmes;
using SmartCity.Domain.Validation;
using static SmartCity.Domain.Catalogue.Def;

namespace SmartCity.Domain.Catalogue;

/// <summary>
/// The built-in assessment programmes: RKCI 2019 and Gerakan Menuju 100 Smart City. Their stage sequences, the number of
/// finalists, the award categories and the two award tiers are from the sources in <c>docs/catalogue.md</c>; every
/// threshold the sources do not give (coverage minimums, readiness pass mark, selection size, certificate count) and the
/// mapping of award categories to indicators are illustrative and say so.
/// </summary>
public static class BuiltInProgrammes
{
    private static readonly Lazy<Programme> s_rkci = new(BuildRkci2019);
    private static readonly Lazy<Programme> s_menuju = new(() => Menuju100For("2021", "2022"));

    /// <summary>
    /// Gets RKCI 2019: kick-off (registered cities) → self-evaluation (at least half the questionnaire answered;
    /// illustrative) → stage 1 (top 30, verified) → validation (gaps filled from <c>secondary.*</c> columns, then at
    /// least 80 % coverage; illustrative) → stage 2 (the finalists' mapping, with awards in the nine 2019 categories per
    /// size class: a trophy for the top 5, a certificate for the top 7).
    /// </summary>
    public static Programme Rkci2019 => s_rkci.Value;

    /// <summary>
    /// Gets Gerakan Menuju 100 Smart City with the evaluation editions 2021 and 2022 (see <see cref="Menuju100For"/>):
    /// selection by fiscal capacity and green city index → readiness assessment → agreement → masterplan → annual evaluation.
    /// </summary>
    public static Programme Menuju100 => s_menuju.Value;

    /// <summary>Gets every built-in programme.</summary>
    public static ImmutableArray<Programme> All => [Rkci2019, Menuju100];

    /// <summary>Gets the RKCI 2019 award scheme: nine categories per size class, trophy (top 5) and certificate (top 7), ties broken by the overall index.</summary>
    public static AwardScheme Rkci2019Awards { get; } = BuildRkciAwards();

    /// <summary>Finds a built-in programme by code (case-insensitive).</summary>
    /// <param name="code">The code.</param>
    /// <returns>The programme, or <see langword="null"/>.</returns>
    public static Programme? Find(string code) =>
        All.FirstOrDefault(p => string.Equals(p.Code, Guard.Against.Null(code), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Builds Gerakan Menuju 100 Smart City for given evaluation editions: (1) selection — the top 50 candidates on
    /// fiscal capacity and green city index (the real programme took 25, 50 and 25 regions in 2017–2019; 50 is
    /// illustrative); (2) readiness — readiness index at least 50 of 100 (illustrative); (3) agreement — the column
    /// <c>agreement_signed</c> is 1; (4) masterplan — <c>masterplan_done</c> is 1; (5) annual evaluation — the
    /// evaluation index of every edition (columns <c>x@edition</c>), its improvement and the per-pillar breakdown.
    /// </summary>
    /// <param name="editions">The evaluation editions, oldest first.</param>
    /// <returns>The programme.</returns>
    public static Programme Menuju100For(params string[] editions)
    {
        Guard.Against.Null(editions);
        var selection = BuiltInFrameworks.Menuju100Selection;
        var readiness = BuiltInFrameworks.Menuju100Readiness;
        Stage[] stages =
        [
            Stage.Create("selection", T("Selection by fiscal capacity and green city index", "Seleksi: kapasitas fiskal dan indeks kota hijau"), selection, [Gate.TopN("SELECTION", 50)]).GetValueOrThrow(),
            Stage.Create("readiness", T("Readiness assessment", "Penilaian kesiapan"), readiness, [Gate.ScoreAtLeast("READINESS", 50)]).GetValueOrThrow(),
            Stage.Create("agreement", T("Agreement (memorandum of understanding)", "Penandatanganan nota kesepahaman"), null, [Gate.Required("agreement_signed")]).GetValueOrThrow(),
            Stage.Create("masterplan", T("Smart-city masterplan and quick wins", "Penyusunan masterplan dan quick win"), null, [Gate.Required("masterplan_done")]).GetValueOrThrow(),
            Stage.Create("evaluation", T("Annual evaluation", "Evaluasi tahunan"), BuiltInFrameworks.Menuju100Evaluation, [], editions: editions).GetValueOrThrow(),
        ];
        return Programme.Create(
            "menuju100",
            T("Gerakan Menuju 100 Smart City", "Gerakan Menuju 100 Smart City"),
            string.Join("/", editions),
            stages).GetValueOrThrow();
    }

    private static Programme BuildRkci2019()
    {
        var rkci = BuiltInFrameworks.Rkci2019;
        Stage[] stages =
        [
            Stage.Create("kickoff", T("Kick-off and registration", "Kick-off dan pendaftaran"), null, [Gate.Required("rkci_registered")]).GetValueOrThrow(),
            Stage.Create("self-evaluation", T("Online self-evaluation", "Evaluasi mandiri daring"), rkci, [Gate.MinimumCoverage("RKCI", 0.5)]).GetValueOrThrow(),
            Stage.Create("stage-1", T("Stage 1: top 30", "Tahap 1: 30 besar"), rkci, [Gate.TopN("RKCI", 30)]).GetValueOrThrow(),
            Stage.Create("validation", T("Validation and field survey", "Validasi dan survei lapangan"), rkci, [Gate.MinimumCoverage("RKCI", 0.8)], gapFill: GapFill.FromColumns()).GetValueOrThrow(),
            Stage.Create("stage-2", T("Stage 2: mapping by ITB assessors", "Tahap 2: pemetaan oleh asesor ITB"), rkci, [], awards: Rkci2019Awards).GetValueOrThrow(),
        ];
        return Programme.Create(
            "rkci-2019",
            T("Rating Kota Cerdas Indonesia 2019", "Rating Kota Cerdas Indonesia 2019"),
            "2019",
            stages,
            SizeClassSchemes.Rkci).GetValueOrThrow();
    }

    private static AwardScheme BuildRkciAwards()
    {
        var category = new Provenance(Confidence.Verified, "Pemkot Magelang 2019: the nine 2019 categories; mapping to this library's illustrative indicators: illustrative");
        AwardCategory C(string code, string en, string id, AwardBasis basis) =>
            AwardCategory.Create(code, T(en, id), basis, category).GetValueOrThrow();
        AwardCategory[] categories =
        [
            C("kota-menuju-cerdas", "Towards a smart city (overall)", "Kota Menuju Cerdas", AwardBasis.Node("RKCI")),
            C("smart-economy", "Smart economy", "Ekonomi cerdas", AwardBasis.Node("ECO")),
            C("smart-social", "Smart social", "Sosial cerdas", AwardBasis.Node("SOC")),
            C("smart-environment", "Smart environment", "Lingkungan cerdas", AwardBasis.Node("ENV")),
            C("smart-health", "Smart health", "Kesehatan cerdas", AwardBasis.Formula(("soc_life_exp", 1), ("env_water", 1), ("env_pm25", 1))),
            C("safe-secure", "Safe and secure city", "Keamanan dan kebencanaan", AwardBasis.Formula(("soc_crime", 1), ("inf_command", 1))),
            C("city-development", "City development and management", "Pembangunan dan pengelolaan kota", AwardBasis.Formula(("gov_masterplan", 1), ("gov_regulation", 1), ("inf_road", 1))),
            C("digital-government", "Digital-government readiness", "Kesiapan pemerintahan digital", AwardBasis.Formula(("gov_egov", 2), ("gov_open_data", 1), ("inf_broadband", 1))),
            C("integration-readiness", "Integration readiness", "Kesiapan integrasi", AwardBasis.Formula(("inf_command", 1), ("gov_masterplan", 1), ("peo_digital", 1))),
        ];
        AwardTier[] tiers =
        [
            new("trophy", T("Trophy", "Piala"), 5),
            new("certificate", T("Certificate", "Piagam"), 7),
        ];
        return AwardScheme.Create(categories, tiers, perSizeClass: true, tieBreakNode: "RKCI").GetValueOrThrow();
    }
}
