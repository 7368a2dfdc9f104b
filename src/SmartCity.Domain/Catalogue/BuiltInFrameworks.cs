using System.Collections.Immutable;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;
using static SmartCity.Domain.Catalogue.Def;

namespace SmartCity.Domain.Catalogue;

/// <summary>
/// The built-in frameworks. Structure marked verified in <c>docs/catalogue.md</c> comes from the cited sources; every node
/// whose <see cref="FrameworkNode.Provenance"/> says <see cref="Confidence.Illustrative"/> is a stand-in to be replaced by the
/// official definition (RKCI's indicators and weights, for example, are not published).
/// </summary>
public static class BuiltInFrameworks
{
    private static readonly Lazy<RatingFramework> s_rkci = new(BuildRkci2019);
    private static readonly Lazy<RatingFramework> s_readiness = new(BuildMenujuReadiness);
    private static readonly Lazy<RatingFramework> s_evaluation = new(BuildMenujuEvaluation);
    private static readonly Lazy<RatingFramework> s_giffinger = new(BuildGiffinger2007);
    private static readonly Lazy<RatingFramework> s_selection = new(BuildMenujuSelection);

    /// <summary>Gets RKCI (Rating Kota Cerdas Indonesia, ITB), 2019 edition: 3 quality-of-life pillars, 3 enablers, illustrative indicators.</summary>
    public static RatingFramework Rkci2019 => s_rkci.Value;

    /// <summary>Gets the Gerakan Menuju 100 Smart City readiness model: structure, infrastructure and superstructure, three elements each.</summary>
    public static RatingFramework Menuju100Readiness => s_readiness.Value;

    /// <summary>
    /// Gets the Gerakan Menuju 100 Smart City evaluation index: baseline 10 %, output 20 %, outcome 30 %, impact 30 %, quick win
    /// 10 % (the weights of the edition published by Kab. Sleman), each rated on the six smart pillars.
    /// </summary>
    public static RatingFramework Menuju100Evaluation => s_evaluation.Value;

    /// <summary>Gets Giffinger et al. (2007), European medium-sized cities: six characteristics, z-scores, unweighted means.</summary>
    public static RatingFramework Giffinger2007 => s_giffinger.Value;

    /// <summary>Gets every built-in framework, by code.</summary>
    public static ImmutableArray<RatingFramework> All => [Rkci2019, Menuju100Selection, Menuju100Readiness, Menuju100Evaluation, Giffinger2007];

    /// <summary>
    /// Gets the candidate selection of Gerakan Menuju 100 Smart City: fiscal capacity and the green city index
    /// (criteria named by the minister in 2019, secondary source); the scales, normalisation and equal weights are illustrative.
    /// </summary>
    public static RatingFramework Menuju100Selection => s_selection.Value;

    /// <summary>Finds a built-in by code (case-insensitive), such as <c>rkci-2019</c>.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The framework, or <see langword="null"/>.</returns>
    public static RatingFramework? Find(string code) =>
        All.FirstOrDefault(f => string.Equals(f.Code, Guard.Against.Null(code), StringComparison.OrdinalIgnoreCase));

    /// <summary>Gets RKCI's five maturity levels with illustrative equal score bands (the real bands are not published).</summary>
    public static ClassificationScheme RkciMaturityLevels { get; } = ClassificationScheme.Create(
        "rkci-maturity",
        T("RKCI maturity levels", "Tingkat kematangan RKCI"),
        [
            SchemeClass.Create("ad-hoc", T("Ad hoc")).GetValueOrThrow(),
            SchemeClass.Create("initial", T("Initial")).GetValueOrThrow(),
            SchemeClass.Create("scattered", T("Scattered")).GetValueOrThrow(),
            SchemeClass.Create("integrated", T("Integrated")).GetValueOrThrow(),
            SchemeClass.Create("smart", T("Smart")).GetValueOrThrow(),
        ],
        [
            new ClassBoundary(20, BoundaryMembership.Above),
            new ClassBoundary(40, BoundaryMembership.Above),
            new ClassBoundary(60, BoundaryMembership.Above),
            new ClassBoundary(80, BoundaryMembership.Above),
        ],
        "Level names: KabarKampus 2017 (secondary). Score bands (20/40/60/80 on 0-100): illustrative.").GetValueOrThrow();

    private static RatingFramework BuildRkci2019()
    {
        var v2 = new Provenance(Confidence.Secondary, "Kabar24 2017 (verified structure); Barakata/PosMetro 2019 (2019 questionnaire areas)");
        var yesNo = IndicatorScale.YesNo;
        var pct = IndicatorScale.Percentage;
        var likert = Likert(1, 5);
        var root = G(
            "RKCI",
            T("RKCI smart city rating", "Rating Kota Cerdas Indonesia"),
            NodeRole.Index,
            1,
            new Provenance(Confidence.Verified, "Kabar24 2017: quality-of-life elements economy, social, environment; enablers governance, infrastructure & technology, people"),
            G("ECO", T("Smart economy", "Ekonomi cerdas"), NodeRole.Pillar, 1, v2,
                I("eco_grdp_pc", T("Regional GDP per capita", "PDRB per kapita"), unit: "million IDR per person"),
                I("eco_spend_pc", T("Average per-capita spending", "Pengeluaran per kapita"), unit: "thousand IDR per month"),
                I("eco_inflation", T("Consumer price inflation", "Inflasi IHK"), direction: Direction.LowerIsBetter, unit: "% per year"),
                I("eco_msme", T("Micro, small and medium enterprises per 1,000 people", "UMKM per 1.000 penduduk"), unit: "per 1,000 people"),
                I("eco_tourism", T("Tourist visits per resident", "Kunjungan wisata per penduduk"), unit: "visits per resident"),
                I("eco_transit", T("Mass-transit service", "Layanan angkutan massal"), scale: yesNo)),
            G("SOC", T("Smart social", "Sosial cerdas"), NodeRole.Pillar, 1, v2,
                I("soc_school", T("School participation rate (16-18)", "Angka partisipasi sekolah (16-18)"), scale: pct, unit: "%"),
                I("soc_crime", T("Reported crimes per 100,000 people", "Kejahatan per 100.000 penduduk"), direction: Direction.LowerIsBetter, unit: "per 100,000 people"),
                I("soc_life_exp", T("Life expectancy at birth", "Angka harapan hidup"), unit: "years"),
                I("soc_housing", T("Households in adequate housing", "Rumah tangga dengan hunian layak"), scale: pct, unit: "%"),
                I("soc_service", T("Public-service satisfaction", "Kepuasan pelayanan publik"), scale: likert, normalisation: Scale0100)),
            G("ENV", T("Smart environment", "Lingkungan cerdas"), NodeRole.Pillar, 1, v2,
                I("env_green", T("Green open space share of city area", "Ruang terbuka hijau"), scale: pct, unit: "%"),
                I("env_waste", T("Household waste managed", "Sampah rumah tangga terkelola"), scale: pct, unit: "%"),
                I("env_water", T("Households with safe drinking water", "Akses air minum layak"), scale: pct, unit: "%"),
                I("env_pm25", T("Annual mean PM2.5", "Rata-rata tahunan PM2.5"), direction: Direction.LowerIsBetter, unit: "µg/m³")),
            G("GOV", T("Smart governance & management", "Tata kelola cerdas"), NodeRole.Enabler, 1, v2,
                I("gov_egov", T("E-government maturity", "Kematangan SPBE"), scale: likert, normalisation: Scale0100),
                I("gov_open_data", T("Open-data portal", "Portal data terbuka"), scale: yesNo),
                I("gov_regulation", T("Smart-city regional regulation", "Peraturan daerah kota cerdas"), scale: yesNo),
                I("gov_masterplan", T("Smart-city masterplan", "Masterplan kota cerdas"), scale: yesNo)),
            G("INF", T("Smart infrastructure & technology", "Infrastruktur & teknologi cerdas"), NodeRole.Enabler, 1, v2,
                I("inf_broadband", T("Households with internet access", "Rumah tangga dengan akses internet"), scale: pct, unit: "%"),
                I("inf_road", T("Road length per 1,000 vehicles", "Panjang jalan per 1.000 kendaraan"), unit: "km per 1,000 vehicles"),
                I("inf_command", T("City operations (command) centre", "Pusat komando kota"), scale: yesNo)),
            G("PEO", T("Smart people", "Masyarakat cerdas"), NodeRole.Enabler, 1, v2,
                I("peo_digital", T("Digital literacy index", "Indeks literasi digital"), scale: likert, normalisation: Scale0100),
                I("peo_tertiary", T("Adults with tertiary education", "Penduduk berpendidikan tinggi"), scale: pct, unit: "%"),
                I("peo_community", T("Active innovation communities", "Komunitas inovasi aktif"), scale: IndicatorScale.Count, unit: "communities")));
        return RatingFramework.Create(
            "rkci-2019",
            T("Rating Kota Cerdas Indonesia (RKCI) 2019", "Rating Kota Cerdas Indonesia 2019"),
            "2019",
            root,
            ScoringMethods.Default,
            "ITB's biennial mapping of Indonesian cities: three quality-of-life elements and three enablers. The structure is from the sources; every indicator is an illustrative stand-in drawn from the 2019 questionnaire topics (RKCI's indicators, weights and scoring rules are not published).",
            "ITB PIKKC/SCCIC; Kabar24 2017; Barakata 2019; KabarKampus 2017",
            sizeClasses: SizeClassSchemes.Rkci,
            maturityLevels: RkciMaturityLevels).GetValueOrThrow();
    }

    private static RatingFramework BuildMenujuReadiness()
    {
        var src = new Provenance(Confidence.Secondary, "Kompas 2020 (LIPI researcher summarising Kominfo)");
        var likert = Likert(1, 4);
        Indicator E(string code, string en, string id) =>
            I(code, T(en, id), scale: likert, normalisation: Scale0100, provenance: src, description: "Rated 1-4 (illustrative scale).");
        var root = G(
            "READINESS",
            T("Smart-city readiness", "Kesiapan kota cerdas"),
            NodeRole.Index,
            1,
            src,
            G("STRUCTURE", T("Structure", "Struktur"), NodeRole.Element, 1, src,
                E("str_hr", "Human resources", "Sumber daya manusia"),
                E("str_finance", "Finance", "Anggaran"),
                E("str_governance", "Governance", "Tata kelola")),
            G("INFRASTRUCTURE", T("Infrastructure", "Infrastruktur"), NodeRole.Element, 1, src,
                E("inf_physical", "Physical infrastructure", "Infrastruktur fisik"),
                E("inf_digital", "Digital infrastructure", "Infrastruktur digital"),
                E("inf_social", "Social infrastructure", "Infrastruktur sosial")),
            G("SUPERSTRUCTURE", T("Superstructure", "Suprastruktur"), NodeRole.Element, 1, src,
                E("sup_regulation", "Regulation", "Regulasi"),
                E("sup_institution", "Institutions", "Kelembagaan"),
                E("sup_implementation", "Implementation", "Implementasi")));
        return RatingFramework.Create(
            "menuju100-readiness",
            T("Gerakan Menuju 100 Smart City: readiness", "Gerakan Menuju 100 Smart City: kesiapan daerah"),
            "2017",
            root,
            ScoringMethods.Default,
            "Kominfo's readiness model, assessed before the six pillars. Elements and sub-elements from a secondary source; the 1-4 rating scale and equal weights are illustrative.",
            "Kominfo Ditjen Aptika; Kompas Properti 2020").GetValueOrThrow();
    }

    private static RatingFramework BuildMenujuEvaluation()
    {
        var weights = new Provenance(Confidence.Verified, "Kominfo Kab. Sleman, Monev smart city (weights 10/20/30/30/10)");
        (string Code, string En, string Id, Confidence Confidence, (string En, string Id)[] Subs)[] pillars =
        [
            ("gov", "Smart governance", "Smart governance", Confidence.Verified, [("Public service", "Pelayanan publik"), ("Efficient bureaucracy", "Manajemen birokrasi efisien"), ("Public-policy efficiency", "Efisiensi kebijakan publik")]),
            ("brand", "Smart branding", "Smart branding", Confidence.Verified, [("Tourism branding", "Branding pariwisata"), ("Business branding", "Branding bisnis"), ("City-appearance branding", "Branding wajah kota")]),
            ("eco", "Smart economy", "Smart economy", Confidence.Secondary, [("Industry ecosystem", "Ekosistem industri"), ("Community welfare", "Kesejahteraan masyarakat"), ("Financial-transaction ecosystem", "Ekosistem transaksi keuangan")]),
            ("liv", "Smart living", "Smart living", Confidence.Secondary, [("Harmonious lifestyle", "Harmonisasi pola hidup"), ("Health quality", "Kualitas kesehatan"), ("Transport modes", "Moda transportasi")]),
            ("soc", "Smart society", "Smart society", Confidence.Secondary, [("Citizen community", "Komunitas warga"), ("Learning ecosystem", "Ekosistem belajar"), ("Security system", "Sistem keamanan")]),
            ("env", "Smart environment", "Smart environment", Confidence.Secondary, [("Environmental protection", "Proteksi lingkungan"), ("Waste management", "Tata kelola sampah dan limbah"), ("Responsible energy management", "Tata kelola energi bertanggung jawab")]),
        ];
        (string Code, string En, string Id, double Weight)[] dimensions =
        [
            ("BASELINE", "Baseline", "Baseline", 10),
            ("OUTPUT", "Output", "Output", 20),
            ("OUTCOME", "Outcome", "Outcome", 30),
            ("IMPACT", "Impact", "Impact", 30),
            ("QUICKWIN", "Quick win", "Quick win", 10),
        ];
        var rating = Likert(1, 4);
        var dims = dimensions.Select(d => (FrameworkNode)G(
            d.Code,
            T(d.En, d.Id),
            NodeRole.EvaluationDimension,
            d.Weight,
            weights,
            [.. pillars.Select(p => (FrameworkNode)G(
                $"{d.Code.ToLowerInvariant()}_{p.Code}",
                T($"{d.En}: {p.En}", $"{d.Id}: {p.Id}"),
                NodeRole.Pillar,
                1,
                new Provenance(p.Confidence, "Kominfo six pillars (Cilacap, Arika 2024, Kemendagri Blora; SoloSmartCity, BINUS for economy, living, society, environment)"),
                [.. p.Subs.Select((s, k) => (FrameworkNode)I(
                    $"{d.Code.ToLowerInvariant()}_{p.Code}_{k + 1}",
                    T($"{d.En}: {s.En}", $"{d.Id}: {s.Id}"),
                    scale: rating,
                    normalisation: NormalisationMethod.None,
                    description: "Assessor rating 1-4 (scale maximum not verified; illustrative).",
                    tags: [$"pillar:{p.Code}"]))]))]));
        var root = G("INDEX", T("Smart-city evaluation index", "Indeks evaluasi smart city"), NodeRole.Index, 1, weights, [.. dims]);
        return RatingFramework.Create(
            "menuju100-evaluation",
            T("Gerakan Menuju 100 Smart City: evaluation index", "Gerakan Menuju 100 Smart City: indeks evaluasi"),
            "sleman",
            root,
            ScoringMethods.Default,
            "The annual evaluation: five weighted evaluation dimensions, each rated on the six pillars and their sub-dimensions (tagged pillar:*). Dimension weights are those published by Kab. Sleman; other editions use other weights. Ratings are used as given (no normalisation).",
            "Kominfo Pedoman Evaluasi Smart City; Kominfo Kab. Sleman").GetValueOrThrow();
    }

    private static RatingFramework BuildMenujuSelection()
    {
        var src = new Provenance(Confidence.Secondary, "Okezone 2019 (Minister Rudiantara: fiscal capacity and the green city index, plus other ministries' criteria)");
        var root = G(
            "SELECTION",
            T("Candidate selection", "Seleksi calon daerah"),
            NodeRole.Index,
            1,
            src,
            I("fiscal_capacity", T("Regional fiscal capacity index", "Indeks kapasitas fiskal daerah"), provenance: src, unit: "index (Kemenkeu, ratio to the national average)", description: "Regions whose budget is mostly routine spending are disadvantaged. Scale illustrative."),
            I("green_city_index", T("Green city index", "Indeks kota hijau"), provenance: src, unit: "index 0-100 (illustrative scale)", description: "PUPR's green city programme index. Scale illustrative."));
        return RatingFramework.Create(
            "menuju100-selection",
            T("Gerakan Menuju 100 Smart City: candidate selection", "Gerakan Menuju 100 Smart City: seleksi daerah"),
            "2019",
            root,
            ScoringMethods.Default,
            "Selection of candidate regions by fiscal capacity and green city index. The criteria are from a secondary source; min-max normalisation and equal weights are illustrative (the real selection also used other ministries' criteria and an assessment of the regional head's vision).",
            "Kominfo; Okezone 2019; Grid 2019").GetValueOrThrow();
    }

    private static RatingFramework BuildGiffinger2007()
    {
        var v2 = new Provenance(Confidence.Secondary, "Giffinger et al. 2007; characteristic/theory pairs per Springer EJFR Table 2");
        var illustrative = new Provenance(Confidence.Illustrative, "Stand-in for the report's 74 indicators (not reproduced here)");
        (string Code, string En, string Theory, (string Code, string En, Direction Direction)[] Indicators)[] characteristics =
        [
            ("ECONOMY", "Smart economy", "competitiveness", [("eco_rnd", "R&D expenditure share of GDP", Direction.HigherIsBetter), ("eco_unemployment", "Unemployment rate", Direction.LowerIsBetter)]),
            ("PEOPLE", "Smart people", "social and human capital", [("peo_tertiary", "Population with tertiary education", Direction.HigherIsBetter), ("peo_lifelong", "Participation in lifelong learning", Direction.HigherIsBetter)]),
            ("GOVERNANCE", "Smart governance", "participation", [("gov_turnout", "Turnout at city elections", Direction.HigherIsBetter), ("gov_egov", "Online public services", Direction.HigherIsBetter)]),
            ("MOBILITY", "Smart mobility", "transport and ICT", [("mob_transit", "Public-transport network per inhabitant", Direction.HigherIsBetter), ("mob_broadband", "Households with broadband", Direction.HigherIsBetter)]),
            ("ENVIRONMENT", "Smart environment", "natural resources", [("env_green", "Green space share", Direction.HigherIsBetter), ("env_pm10", "Summer smog (ozone) days", Direction.LowerIsBetter)]),
            ("LIVING", "Smart living", "quality of life", [("liv_life_exp", "Life expectancy", Direction.HigherIsBetter), ("liv_crime", "Crime rate", Direction.LowerIsBetter)]),
        ];
        var root = G(
            "INDEX",
            T("Smart city performance"),
            NodeRole.Index,
            1,
            new Provenance(Confidence.Verified, "smart-cities.eu model page (z-scores, unweighted additive aggregation over available values)"),
            [.. characteristics.Select(c => (FrameworkNode)G(
                c.Code,
                T(c.En),
                NodeRole.Characteristic,
                1,
                v2,
                [.. c.Indicators.Select(i => (FrameworkNode)I(i.Code, T(i.En), direction: i.Direction, provenance: illustrative, tags: [$"theory:{c.Theory.Replace(' ', '-')}"]))]))]);
        return RatingFramework.Create(
            "giffinger-2007",
            T("European Smart Cities (Giffinger et al. 2007)"),
            "2007",
            root,
            new ScoringMethods(NormalisationMethod.ZScore(0, 1).GetValueOrThrow(), AggregationMethod.Arithmetic, MissingDataRule.SkipAndRenormalise),
            "Ranking of European medium-sized cities (70 cities): six characteristics; z-transformed indicators, aggregated without weights as the mean of the values present. The 31 factors and 74 indicators are not reproduced; the indicators here are illustrative stand-ins.",
            "Giffinger, Fertner, Kramar, Kalasek, Pichler-Milanović, Meijers (2007), Smart cities – Ranking of European medium-sized cities, TU Wien").GetValueOrThrow();
    }
}
