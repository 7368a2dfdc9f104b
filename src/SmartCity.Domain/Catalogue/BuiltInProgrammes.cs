using System.Collections.Immutable;
using SmartCity.Domain.Collections;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Programmes;
using SmartCity.Domain.Validation;
using static SmartCity.Domain.Catalogue.Def;

namespace SmartCity.Domain.Catalogue;

/// <summary>
/// The built-in assessment programmes: the RKCI editions 2017, 2019, 2021 and 2023, and the three cohorts of Gerakan
/// Menuju 100 Smart City (2017, 2018, 2019). Stage sequences, finalist and cohort counts, award categories and tiers carry
/// their confidence (verified, secondary, illustrative) in <c>docs/programmes.md</c>; every number no source gives
/// (coverage minimums, the sedang/kecil finalist quotas, award places outside RKCI 2019's kota besar) is illustrative and
/// says so in its provenance.
/// </summary>
public static class BuiltInProgrammes
{
    private static readonly Lazy<Programme> s_rkci2017 = new(() => BuildRkci("2017"));
    private static readonly Lazy<Programme> s_rkci2019 = new(() => BuildRkci("2019"));
    private static readonly Lazy<Programme> s_rkci2021 = new(() => BuildRkci("2021"));
    private static readonly Lazy<Programme> s_rkci2023 = new(() => BuildRkci("2023"));
    private static readonly Lazy<Programme> s_menuju = new(() => Menuju100For("2021", "2022"));
    private static readonly Lazy<Programme> s_menuju2017 = new(() => Menuju100Cohort("2017", "2021", "2022"));
    private static readonly Lazy<Programme> s_menuju2019 = new(() => Menuju100Cohort("2019", "2021", "2022"));

    /// <summary>
    /// Gets RKCI 2019: kick-off (registered cities) → self-evaluation (at least half the questionnaire answered;
    /// illustrative) → stage 1 (30 finalists spread over the size classes: 8 kota besar, secondary source; 11 sedang and
    /// 11 kecil, illustrative) → validation (gaps filled from <c>secondary.*</c> columns, then at least 80 % coverage;
    /// illustrative) → stage 2 (the finalists' mapping, with awards in the nine 2019 categories per size class). Only
    /// cities (<c>type</c> = <c>kota</c>) are eligible.
    /// </summary>
    public static Programme Rkci2019 => s_rkci2019.Value;

    /// <summary>Gets RKCI 2017: 93 cities, 31 finalists (secondary; the split over classes illustrative), field visits with a citizen survey (n = 400), the main category's top 5 per class (verified) and 12 of the 13 categories.</summary>
    public static Programme Rkci2017 => s_rkci2017.Value;

    /// <summary>Gets RKCI 2021, run together with RTDI: categories kota menuju cerdas, ekonomi cerdas, masyarakat cerdas, mobilitas cerdas, digital readiness (RTDI, top 5 per class), kota tangguh and energi cerdas.</summary>
    public static Programme Rkci2021 => s_rkci2021.Value;

    /// <summary>Gets RKCI 2023 (RKCI-RTDI): 30 cities rated, maturity levels with "initiative", eight of the ten categories (the sources name the additions infrastructure, mobility, governance and circular economy).</summary>
    public static Programme Rkci2023 => s_rkci2023.Value;

    /// <summary>
    /// Gets Gerakan Menuju 100 Smart City, cohort 2018 (see <see cref="Menuju100Cohort"/>), with the evaluation editions
    /// 2021 and 2022.
    /// </summary>
    public static Programme Menuju100 => s_menuju.Value;

    /// <summary>Gets every built-in programme.</summary>
    public static ImmutableArray<Programme> All => [Rkci2017, Rkci2019, Rkci2021, Rkci2023, s_menuju2017.Value, Menuju100, s_menuju2019.Value];

    /// <summary>Gets the RKCI 2019 award scheme: nine categories per size class, cumulative tiers (certificate, and a trophy as well for the best), ties broken by the overall index.</summary>
    public static AwardScheme Rkci2019Awards => Rkci2019.Stages[^1].Awards!;

    /// <summary>Finds a built-in programme by code (case-insensitive).</summary>
    /// <param name="code">The code.</param>
    /// <returns>The programme, or <see langword="null"/>.</returns>
    public static Programme? Find(string code) =>
        All.FirstOrDefault(p => string.Equals(p.Code, Guard.Against.Null(code), StringComparison.OrdinalIgnoreCase));

    /// <summary>Builds Gerakan Menuju 100 Smart City's 2018 cohort for given evaluation editions (<see cref="Menuju100Cohort"/> with <c>2018</c>).</summary>
    /// <param name="editions">The evaluation editions, oldest first.</param>
    /// <returns>The programme.</returns>
    public static Programme Menuju100For(params string[] editions) => Menuju100Cohort("2018", editions);

    /// <summary>
    /// Builds one cohort of Gerakan Menuju 100 Smart City, in the sources' order: (1) selection parameters → candidates
    /// (2017: 80 invited; 2018: 120 candidates; 2019: 107 invited; secondary); (2) readiness assessment (the regional head's
    /// vision and commitment, structure, infrastructure, superstructure with the Perda and the masterplan) → the cohort
    /// (25, 50, 25; secondary); (3) the cohort signs the memorandum of understanding (<c>agreement_signed</c>); (4) the
    /// masterplan for 5-10 years with quick wins (<c>masterplan_done</c>; <c>masterplan_horizon_years</c> in 5-10, secondary:
    /// Kintis; <c>quick_wins</c> at least 1, illustrative: no source gives a count); (5) the yearly evaluation with its improvement
    /// (columns <c>x@edition</c>). 2017 and 2018 select on the 2018 seed's three parameters, 2019 on Kominfo's four.
    /// </summary>
    /// <param name="cohort">The cohort year: 2017, 2018 or 2019.</param>
    /// <param name="editions">The evaluation editions, oldest first.</param>
    /// <returns>The programme.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The cohort is not 2017, 2018 or 2019.</exception>
    public static Programme Menuju100Cohort(string cohort, params string[] editions)
    {
        Guard.Against.Null(editions);
        var (candidates, size) = cohort switch
        {
            "2017" => (80, 25),
            "2018" => (120, 50),
            "2019" => (107, 25),
            _ => throw new ArgumentOutOfRangeException(nameof(cohort), cohort, "Menuju 100 Smart City had the cohorts 2017, 2018 and 2019."),
        };
        var selection = cohort == "2019" ? BuiltInFrameworks.Menuju100Selection : BuiltInFrameworks.Menuju100Selection2018;
        Stage[] stages =
        [
            Stage.Create("selection", T($"Selection parameters → {candidates} candidates", $"Parameter seleksi → {candidates} calon daerah"), selection, [Gate.TopN("SELECTION", candidates)]).GetValueOrThrow(),
            Stage.Create("readiness", T($"Readiness assessment → cohort of {size}", $"Penilaian kesiapan → {size} daerah terpilih"), BuiltInFrameworks.Menuju100Readiness, [Gate.TopN("READINESS", size)]).GetValueOrThrow(),
            Stage.Create("mou", T("Memorandum of understanding signed", "Penandatanganan nota kesepahaman (MoU)"), null, [Gate.Required("agreement_signed")]).GetValueOrThrow(),
            Stage.Create("masterplan", T("Masterplan for 5-10 years with quick wins", "Masterplan 5-10 tahun dan quick win"), null, [Gate.Required("masterplan_done"), Gate.InRange("masterplan_horizon_years", 5, 10), Gate.InRange("quick_wins", 1)]).GetValueOrThrow(),
            Stage.Create("evaluation", T("Yearly evaluation and improvement", "Evaluasi tahunan dan peningkatan"), BuiltInFrameworks.Menuju100Evaluation, [], editions: editions).GetValueOrThrow(),
        ];
        return Programme.Create(
            cohort == "2018" ? "menuju100" : $"menuju100-{cohort}",
            T($"Gerakan Menuju 100 Smart City, cohort {cohort}", $"Gerakan Menuju 100 Smart City, angkatan {cohort}"),
            $"{cohort}: {string.Join("/", editions)}",
            stages,
            SizeClassSchemes.SpatialPlanning).GetValueOrThrow();
    }

    private static Programme BuildRkci(string edition)
    {
        var framework = BuiltInFrameworks.RkciEditions.First(f => f.Edition == edition);
        const string Illus = "illustrative: no source gives this class's number";
        ClassQuota[] quotas = edition switch
        {
            "2017" => [new("besar", 5, Confidence.Illustrative, "31 finalists of 93 (jateng.antaranews.com, secondary); split over the classes in proportion to 14/43/36 cities: " + Illus), new("sedang", 14, Confidence.Illustrative, Illus), new("kecil", 12, Confidence.Illustrative, Illus)],
            "2019" => [new("besar", 8, Confidence.Secondary, "KataBatam 2019: Batam one of 8 finalists in kota besar (30 of 93 in all)"), new("sedang", 11, Confidence.Illustrative, Illus), new("kecil", 11, Confidence.Illustrative, Illus)],
            _ => [new("besar", 8, Confidence.Illustrative, "30 cities rated in 2023 (citylab.itb.ac.id, secondary); " + Illus), new("sedang", 11, Confidence.Illustrative, Illus), new("kecil", 11, Confidence.Illustrative, Illus)],
        };
        var validation = edition == "2017"
            ? T("Field visits and citizen survey (n = 400)", "Kunjungan lapangan dan survei warga (n = 400)")
            : T("Validation and field survey", "Validasi dan survei lapangan");
        Stage[] stages =
        [
            Stage.Create("kickoff", T("Kick-off and registration", "Kick-off dan pendaftaran"), null, [Gate.Required("rkci_registered")]).GetValueOrThrow(),
            Stage.Create("self-evaluation", T("Online self-evaluation", "Evaluasi mandiri daring"), framework, [Gate.MinimumCoverage("RKCI", 0.5)]).GetValueOrThrow(),
            Stage.Create("stage-1", T($"Stage 1: {quotas.Sum(q => q.N)} finalists over the size classes", $"Tahap 1: {quotas.Sum(q => q.N)} finalis per kelas kota"), framework, [Gate.TopNPerClass("RKCI", quotas)]).GetValueOrThrow(),
            Stage.Create("validation", validation, framework, [Gate.MinimumCoverage("RKCI", 0.8)], gapFill: GapFill.FromColumns()).GetValueOrThrow(),
            Stage.Create("stage-2", T("Stage 2: mapping by ITB assessors", "Tahap 2: pemetaan oleh asesor ITB"), framework, [], awards: Awards(edition)).GetValueOrThrow(),
        ];
        return Programme.Create(
            $"rkci-{edition}",
            T($"Rating Kota Cerdas Indonesia {edition}", $"Rating Kota Cerdas Indonesia {edition}"),
            edition,
            stages,
            SizeClassSchemes.Rkci,
            eligibility: Eligibility.Create("type", ["kota"], T("Cities (kota) only: RKCI rates cities; a regency (kabupaten) is not eligible", "Hanya kota: RKCI menilai kota; kabupaten tidak termasuk")).GetValueOrThrow()).GetValueOrThrow();
    }

    private static AwardScheme Awards(string edition)
    {
        var cats = edition switch
        {
            "2017" => new Provenance(Confidence.Secondary, "13 categories in 2017 (Batam seed); 10 named by Batam (BatamHumas 2017), Digital Government and Integration Readiness (KabarKampus 2017); the 13th not found. Mapping to indicators: illustrative"),
            "2019" => new Provenance(Confidence.Verified, "Pemkot Magelang 2019: the nine 2019 categories; mapping to this library's illustrative indicators: illustrative"),
            "2021" => new Provenance(Confidence.Secondary, "BangsaOnline 2021, Kediri 2021, MediaBatam 2021, Tribun 2021, pgrikotabjb.or.id 2022, memontum.com; mapping to indicators: illustrative"),
            _ => new Provenance(Confidence.Secondary, "citylab.itb.ac.id 2024-02-05: 10 categories, adding infrastructure, mobility, governance and circular economy; two of the ten not identified; mapping to indicators: illustrative"),
        };
        AwardCategory C(string code, string en, string id, AwardBasis basis) => AwardCategory.Create(code, T(en, id), basis, cats).GetValueOrThrow();
        var overall = C("kota-menuju-cerdas", "Towards a smart city (overall)", "Kota Menuju Cerdas", AwardBasis.Node("RKCI"));
        var economy = C("smart-economy", "Smart economy", "Ekonomi cerdas", AwardBasis.Node("ECO"));
        var society = C("smart-society", "Smart society", edition is "2021" or "2023" ? "Masyarakat cerdas" : "Sosial cerdas", AwardBasis.Node("SOC"));
        var environment = C("smart-environment", "Smart environment", "Lingkungan cerdas", AwardBasis.Node("ENV"));
        var health = C("smart-health", "Smart health", "Kesehatan cerdas", AwardBasis.Formula(("soc_life_exp", 1), ("env_water", 1), ("env_pm25", 1)));
        var safe = C("safe-secure", "Safe and secure city", "Keamanan dan kebencanaan", AwardBasis.Formula(("soc_crime", 1), ("inf_command", 1)));
        var digital = C("digital-government", "Digital-government readiness", "Kesiapan pemerintahan digital", AwardBasis.Formula(("gov_egov", 2), ("gov_open_data", 1), ("inf_broadband", 1)));
        var integration = C("integration-readiness", "Integration readiness", "Kesiapan integrasi", AwardBasis.Formula(("inf_command", 1), ("gov_masterplan", 1), ("peo_digital", 1)));
        var mobility = C("smart-mobility", "Smart mobility", "Mobilitas cerdas", AwardBasis.Formula(("eco_transit", 1), ("inf_road", 1)));
        var infrastructure = C("infrastructure-readiness", "Infrastructure readiness", "Kesiapan infrastruktur", AwardBasis.Node("INF"));
        AwardCategory[] categories = edition switch
        {
            "2017" =>
            [
                overall, health, C("innovation-ecosystem", "Innovation ecosystem", "Ekosistem inovasi", AwardBasis.Node("ECO_INNOV")), safe,
                C("competitive-ecosystem", "Competitive ecosystem", "Ekosistem kompetitif", AwardBasis.Formula(("eco_grdp_pc", 1), ("eco_msme", 1))),
                C("fintech-ecosystem", "Financial-technology ecosystem", "Ekosistem teknologi finansial", AwardBasis.Node("ECO_IT")),
                mobility, economy, environment, infrastructure, digital, integration,
            ],
            "2019" =>
            [
                overall, economy, society, environment, health, safe,
                C("city-development", "City development and management", "Pembangunan dan pengelolaan kota", AwardBasis.Formula(("gov_masterplan", 1), ("gov_regulation", 1), ("inf_road", 1))),
                digital, integration,
            ],
            "2021" =>
            [
                overall, economy, society, mobility,
                C("digital-readiness", "City with the best digital readiness (RTDI)", "Kota dengan kesiapan digital terbaik", AwardBasis.Formula(("gov_egov", 1), ("inf_broadband", 1), ("peo_digital", 1), ("soc_online_service", 1))),
                C("resilient-city", "Resilient city", "Kota tangguh", AwardBasis.Formula(("soc_crime", 1), ("inf_command", 1), ("env_water", 1))),
                C("smart-energy", "Smart energy", "Energi cerdas", AwardBasis.Formula(("env_pm25", 1), ("eco_transit", 1))),
            ],
            _ =>
            [
                overall, economy, society, environment, infrastructure, mobility,
                C("smart-governance", "Smart governance", "Tata kelola cerdas", AwardBasis.Node("GOV")),
                C("circular-economy", "Circular economy", "Ekonomi sirkular", AwardBasis.Node("env_waste")),
            ],
        };
        const string Places = "illustrative: no source gives the number of places";
        var trophyPlaces = ImmutableArray.CreateBuilder<TierPlaces>();
        var certificatePlaces = ImmutableArray.CreateBuilder<TierPlaces>();
        if (edition == "2019")
        {
            const string Src = "MediaBatam 2019: kota besar, a certificate (piagam) to seven cities and a trophy (piala) as well to the five best";
            trophyPlaces.Add(new TierPlaces("kota-menuju-cerdas", "besar", 5, Confidence.Verified, Src));
            certificatePlaces.Add(new TierPlaces("kota-menuju-cerdas", "besar", 7, Confidence.Verified, Src));
        }
        else if (edition == "2017")
        {
            const string Src = "Kabar24 2017, Kumparan 2017: top 5 per class in the main category";
            foreach (var c in new[] { "besar", "sedang", "kecil" })
            {
                trophyPlaces.Add(new TierPlaces("kota-menuju-cerdas", c, 5, Confidence.Verified, Src));
                certificatePlaces.Add(new TierPlaces("kota-menuju-cerdas", c, 5, Confidence.Verified, Src));
            }
        }
        else if (edition == "2021")
        {
            const string Src = "Tribun 2021: five digital-readiness winners per class";
            foreach (var c in new[] { "besar", "sedang", "kecil" })
            {
                trophyPlaces.Add(new TierPlaces("digital-readiness", c, 5, Confidence.Secondary, Src));
                certificatePlaces.Add(new TierPlaces("digital-readiness", c, 5, Confidence.Secondary, Src));
            }
        }

        AwardTier[] tiers =
        [
            new("trophy", T("Trophy", "Piala"), 3, new Provenance(Confidence.Illustrative, Places), EquatableArray.Create(trophyPlaces.ToArray())),
            new("certificate", T("Certificate", "Piagam"), 5, new Provenance(Confidence.Illustrative, Places), EquatableArray.Create(certificatePlaces.ToArray())),
        ];
        return AwardScheme.Create(categories, tiers, perSizeClass: true, tieBreakNode: "RKCI").GetValueOrThrow();
    }
}
