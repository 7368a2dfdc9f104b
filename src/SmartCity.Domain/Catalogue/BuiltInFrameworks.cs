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
    private static readonly Lazy<RatingFramework> s_rkci = new(() => BuildRkci("2019"));
    private static readonly Lazy<RatingFramework> s_rkci2017 = new(() => BuildRkci("2017"));
    private static readonly Lazy<RatingFramework> s_rkci2021 = new(() => BuildRkci("2021"));
    private static readonly Lazy<RatingFramework> s_rkci2023 = new(() => BuildRkci("2023"));
    private static readonly Lazy<RatingFramework> s_readiness = new(BuildMenujuReadiness);
    private static readonly Lazy<RatingFramework> s_evaluation = new(BuildMenujuEvaluation);
    private static readonly Lazy<RatingFramework> s_giffinger = new(BuildGiffinger2007);
    private static readonly Lazy<RatingFramework> s_selection = new(() => BuildMenujuSelection(kominfo: true));
    private static readonly Lazy<RatingFramework> s_selection2018 = new(() => BuildMenujuSelection(kominfo: false));

    /// <summary>Gets RKCI (Rating Kota Cerdas Indonesia, ITB), 2019 edition: 3 quality-of-life pillars (economy with three aspects, society with four), 3 enablers, illustrative indicators on fixed goalposts.</summary>
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
    public static ImmutableArray<RatingFramework> All => [Rkci2017, Rkci2019, Rkci2021, Rkci2023, Menuju100Selection2018, Menuju100Selection, Menuju100Readiness, Menuju100Evaluation, Giffinger2007];

    /// <summary>
    /// Gets the candidate selection of Gerakan Menuju 100 Smart City with Kominfo's four parameters
    /// (aptika.kominfo.go.id 2019/08/6545, verified): Indeks Kota Berkinerja Tinggi (Kemendagri), Indeks Kota
    /// Berkelanjutan (Bappenas), Indeks Kota Hijau (PUPR) and Kemampuan Keuangan Daerah. Scales, normalisation and equal
    /// weights are illustrative.
    /// </summary>
    public static RatingFramework Menuju100Selection => s_selection.Value;

    /// <summary>
    /// Gets the candidate selection of the 2018 cohort with the seed article's three parameters: regional fiscal condition,
    /// the rating and status of local-government performance (EKPPD) and the green city index (secondary source).
    /// </summary>
    public static RatingFramework Menuju100Selection2018 => s_selection2018.Value;

    /// <summary>Finds a built-in by code (case-insensitive), such as <c>rkci-2019</c>.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The framework, or <see langword="null"/>.</returns>
    public static RatingFramework? Find(string code) =>
        All.FirstOrDefault(f => string.Equals(f.Code, Guard.Against.Null(code), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Gets RKCI's five maturity levels as named in 2017-2021 (ad hoc, initial, scattered, integrated, smart) on the
    /// absolute 0-100 scale of the Garuda Smart City maturity model: above 80 is smart (secondary source); the lower
    /// bands (20/40/60) are illustrative equal steps.
    /// </summary>
    public static ClassificationScheme RkciMaturityLevels { get; } = MaturityLevels("initial", "Initial", "2017-2021");

    /// <summary>Gets RKCI 2023's maturity levels: the second level is named initiative (ad hoc, initiative, scattered, integrated, smart); bands as <see cref="RkciMaturityLevels"/>.</summary>
    public static ClassificationScheme RkciMaturityLevels2023 { get; } = MaturityLevels("initiative", "Initiative", "2023");

    /// <summary>Gets RKCI 2017 (second edition, 93 cities): the RKCI tree with the 2017-2021 level names.</summary>
    public static RatingFramework Rkci2017 => s_rkci2017.Value;

    /// <summary>Gets RKCI 2021 (run with RTDI, the digital-transformation rating): the smart-society pillar is called masyarakat cerdas.</summary>
    public static RatingFramework Rkci2021 => s_rkci2021.Value;

    /// <summary>Gets RKCI 2023 (RKCI-RTDI, fifth edition): the second maturity level is named initiative.</summary>
    public static RatingFramework Rkci2023 => s_rkci2023.Value;

    /// <summary>Gets the RKCI editions, oldest first: 2017, 2019, 2021, 2023.</summary>
    public static ImmutableArray<RatingFramework> RkciEditions => [Rkci2017, Rkci2019, Rkci2021, Rkci2023];

    private static ClassificationScheme MaturityLevels(string secondCode, string secondName, string editions) => ClassificationScheme.Create(
        editions == "2023" ? "rkci-maturity-2023" : "rkci-maturity",
        T($"RKCI maturity levels ({editions})", $"Tingkat kematangan RKCI ({editions})"),
        [
            SchemeClass.Create("ad-hoc", T("Ad hoc", "Ad hoc")).GetValueOrThrow(),
            SchemeClass.Create(secondCode, T(secondName, secondName == "Initiative" ? "Inisiatif" : "Awal")).GetValueOrThrow(),
            SchemeClass.Create("scattered", T("Scattered", "Tersebar")).GetValueOrThrow(),
            SchemeClass.Create("integrated", T("Integrated", "Terintegrasi")).GetValueOrThrow(),
            SchemeClass.Create("smart", T("Smart", "Cerdas")).GetValueOrThrow(),
        ],
        [
            new ClassBoundary(20, BoundaryMembership.Above),
            new ClassBoundary(40, BoundaryMembership.Above),
            new ClassBoundary(60, BoundaryMembership.Above),
            new ClassBoundary(80, BoundaryMembership.Below),
        ],
        editions == "2023"
            ? "Level names: citylab.itb.ac.id 2024-02-05 (RKCI-RTDI 2023; secondary). Scale: Garuda maturity model, 0-100, above 80 smart (properti.kompas.com 2016-09-22; secondary). Bands 20/40/60: illustrative."
            : "Level names: KabarKampus 2017 (secondary). Scale: Garuda maturity model, 0-100, above 80 smart (properti.kompas.com 2016-09-22; secondary). Bands 20/40/60: illustrative.").GetValueOrThrow();

    private static Goalposts Posts(double worst, double best) => Goalposts.Create(worst, best, 100, truncate: true).GetValueOrThrow();

    private static RatingFramework BuildRkci(string edition)
    {
        var v2 = new Provenance(Confidence.Secondary, "Kabar24 2017 (verified structure); Barakata/PosMetro 2019 (2019 questionnaire areas)");
        var society = new Provenance(Confidence.Secondary, "Smart society = masyarakat cerdas / sosial cerdas, the social quality-of-life pillar; four aspects: Kediri 2021 seed, wahananews.co 2022. Indonesian aspect names: this library's translation");
        var economy = new Provenance(Confidence.Secondary, "Ekonomi cerdas judged on quality of life, IT base and economic innovation: Kediri 2021 seed. Indonesian aspect names: this library's translation");
        var posts = new Provenance(Confidence.Illustrative, "Illustrative indicator; goalposts: the plausible range for Indonesian cities (docs/programmes.md), not from an RKCI source");
        var yesNo = IndicatorScale.YesNo;
        var pct = IndicatorScale.Percentage;
        var likert = Likert(1, 5);
        Indicator Num(string code, LocalizedText name, double worst, double best, string unit, IndicatorScale? scale = null, Direction direction = Direction.HigherIsBetter) =>
            I(code, name, scale: scale, direction: direction, unit: unit, goalposts: direction == Direction.HigherIsBetter ? Posts(worst, best) : Posts(best, worst), provenance: posts);
        Indicator Mapped(string code, LocalizedText name, IndicatorScale scale) => I(code, name, scale: scale, normalisation: Scale0100, provenance: posts);
        var societyName = edition is "2021" or "2023" ? T("Smart society", "Masyarakat cerdas") : T("Smart society (smart social)", "Sosial cerdas");
        var aspect = NodeRole.Aspect;
        var root = G(
            "RKCI",
            T("RKCI smart city rating", "Rating Kota Cerdas Indonesia"),
            NodeRole.Index,
            1,
            new Provenance(Confidence.Verified, "Kabar24 2017: quality-of-life elements economy, social, environment; enablers governance, infrastructure & technology, people"),
            G("ECO", T("Smart economy", "Ekonomi cerdas"), NodeRole.Pillar, 1, economy,
                G("ECO_QOL", T("Quality of life", "Kualitas hidup"), aspect, 1, economy,
                    Num("eco_spend_pc", T("Average per-capita spending", "Pengeluaran per kapita"), 500, 3000, "thousand IDR per month"),
                    Num("eco_inflation", T("Consumer price inflation", "Inflasi IHK"), 10, 0, "% per year", direction: Direction.LowerIsBetter),
                    Mapped("eco_transit", T("Mass-transit service", "Layanan angkutan massal"), yesNo)),
                G("ECO_IT", T("IT base", "Basis teknologi informasi"), aspect, 1, economy,
                    Num("eco_digital_pay", T("Merchants accepting digital payment", "Pedagang yang menerima pembayaran digital"), 0, 100, "%", pct)),
                G("ECO_INNOV", T("Economic innovation", "Inovasi ekonomi"), aspect, 1, economy,
                    Num("eco_grdp_pc", T("Regional GDP per capita", "PDRB per kapita"), 20, 250, "million IDR per person"),
                    Num("eco_msme", T("Micro, small and medium enterprises per 1,000 people", "UMKM per 1.000 penduduk"), 0, 100, "per 1,000 people"),
                    Num("eco_tourism", T("Tourist visits per resident", "Kunjungan wisata per penduduk"), 0, 10, "visits per resident"))),
            G("SOC", societyName, NodeRole.Pillar, 1, society,
                G("SOC_READY", T("City readiness and capability", "Kesiapan dan kemampuan kota"), aspect, 1, society,
                    Num("soc_school", T("School participation rate (16-18)", "Angka partisipasi sekolah (16-18)"), 50, 100, "%", pct),
                    Num("soc_life_exp", T("Life expectancy at birth", "Angka harapan hidup"), 60, 80, "years")),
                G("SOC_SERVICE", T("Service availability", "Ketersediaan layanan"), aspect, 1, society,
                    Num("soc_housing", T("Households in adequate housing", "Rumah tangga dengan hunian layak"), 0, 100, "%", pct),
                    Mapped("soc_service", T("Public-service satisfaction", "Kepuasan pelayanan publik"), likert)),
                G("SOC_CULTURE", T("Socio-cultural readiness", "Kesiapan sosial budaya"), aspect, 1, society,
                    Num("soc_crime", T("Reported crimes per 100,000 people", "Kejahatan per 100.000 penduduk"), 500, 0, "per 100,000 people", direction: Direction.LowerIsBetter),
                    Num("soc_culture", T("Active arts and cultural groups per 100,000 people", "Kelompok seni dan budaya aktif per 100.000 penduduk"), 0, 50, "per 100,000 people")),
                G("SOC_TECH", T("Technology and governance support", "Dukungan teknologi dan tata kelola"), aspect, 1, society,
                    Num("soc_online_service", T("Public services available online", "Layanan publik yang tersedia daring"), 0, 100, "%", pct))),
            G("ENV", T("Smart environment", "Lingkungan cerdas"), NodeRole.Pillar, 1, v2,
                Num("env_green", T("Green open space share of city area", "Ruang terbuka hijau"), 0, 30, "%", pct),
                Num("env_waste", T("Household waste managed", "Sampah rumah tangga terkelola"), 0, 100, "%", pct),
                Num("env_water", T("Households with safe drinking water", "Akses air minum layak"), 0, 100, "%", pct),
                Num("env_pm25", T("Annual mean PM2.5", "Rata-rata tahunan PM2.5"), 75, 5, "µg/m³", direction: Direction.LowerIsBetter)),
            G("GOV", T("Smart governance & management", "Tata kelola cerdas"), NodeRole.Enabler, 1, v2,
                Mapped("gov_egov", T("E-government maturity", "Kematangan SPBE"), likert),
                Mapped("gov_open_data", T("Open-data portal", "Portal data terbuka"), yesNo),
                Mapped("gov_regulation", T("Smart-city regional regulation", "Peraturan daerah kota cerdas"), yesNo),
                Mapped("gov_masterplan", T("Smart-city masterplan", "Masterplan kota cerdas"), yesNo)),
            G("INF", T("Smart infrastructure & technology", "Infrastruktur & teknologi cerdas"), NodeRole.Enabler, 1, v2,
                Num("inf_broadband", T("Households with internet access", "Rumah tangga dengan akses internet"), 0, 100, "%", pct),
                Num("inf_road", T("Road length per 1,000 vehicles", "Panjang jalan per 1.000 kendaraan"), 0, 30, "km per 1,000 vehicles"),
                Mapped("inf_command", T("City operations (command) centre", "Pusat komando kota"), yesNo)),
            G("PEO", T("Smart people", "Manusia cerdas"), NodeRole.Enabler, 1, v2,
                Mapped("peo_digital", T("Digital literacy index", "Indeks literasi digital"), likert),
                Num("peo_tertiary", T("Adults with tertiary education", "Penduduk berpendidikan tinggi"), 0, 60, "%", pct),
                Num("peo_community", T("Active innovation communities", "Komunitas inovasi aktif"), 0, 100, "communities", IndicatorScale.Count)));
        return RatingFramework.Create(
            $"rkci-{edition}",
            T($"Rating Kota Cerdas Indonesia (RKCI) {edition}", $"Rating Kota Cerdas Indonesia {edition}"),
            edition,
            root,
            new ScoringMethods(NormalisationMethod.Goalposts),
            "ITB's biennial mapping of Indonesian cities: three quality-of-life elements (economy with three aspects, society with four, environment) and three enablers. The structure is from the sources; every indicator is an illustrative stand-in drawn from the questionnaire topics (RKCI's indicators, weights and scoring rules are not published). Indicators are normalised on fixed goalposts or scale mappings, so scores and maturity levels are absolute: they do not depend on which other cities entered.",
            "ITB PIKKC/SCCIC; Kabar24 2017; Barakata 2019; KabarKampus 2017; Kediri 2021; properti.kompas.com 2016",
            sizeClasses: SizeClassSchemes.Rkci,
            maturityLevels: edition == "2023" ? RkciMaturityLevels2023 : RkciMaturityLevels).GetValueOrThrow();
    }

    private static RatingFramework BuildMenujuReadiness()
    {
        var src = new Provenance(Confidence.Secondary, "Kompas 2020 (LIPI researcher summarising Kominfo)");
        var likert = Likert(1, 4);
        Indicator E(string code, string en, string id) =>
            I(code, T(en, id), scale: likert, normalisation: Scale0100, provenance: src, description: "Rated 1-4 (illustrative scale).");
        var seed = new Provenance(Confidence.Secondary, "Readiness items named in the 2018 and Batu 2019 seed articles: the regional head's vision and commitment, infrastructure, a Perda, human resources, a masterplan, an organisation running the programme, budgeting");
        var root = G(
            "READINESS",
            T("Smart-city readiness", "Kesiapan kota cerdas"),
            NodeRole.Index,
            1,
            src,
            G("LEADERSHIP", T("Regional head's vision and commitment", "Visi dan komitmen kepala daerah"), NodeRole.Element, 1, seed,
                I("lead_vision", T("Regional head's vision and commitment", "Visi dan komitmen kepala daerah"), scale: likert, normalisation: Scale0100, provenance: seed, description: "Rated 1-4 by the assessors' interview (illustrative scale).")),
            G("STRUCTURE", T("Structure", "Struktur"), NodeRole.Element, 1, src,
                E("str_hr", "Human resources", "Sumber daya manusia"),
                E("str_finance", "Budget", "Penganggaran"),
                E("str_governance", "Governance", "Tata kelola")),
            G("INFRASTRUCTURE", T("Infrastructure", "Infrastruktur"), NodeRole.Element, 1, src,
                E("inf_physical", "Physical infrastructure", "Infrastruktur fisik"),
                E("inf_digital", "Digital infrastructure", "Infrastruktur digital"),
                E("inf_social", "Social infrastructure", "Infrastruktur sosial")),
            G("SUPERSTRUCTURE", T("Superstructure", "Suprastruktur"), NodeRole.Element, 1, src,
                E("sup_regulation", "Regulation (a Perda on smart city)", "Regulasi (Perda smart city)"),
                E("sup_institution", "Organisation running the programme", "Kelembagaan"),
                E("sup_masterplan", "Masterplan", "Masterplan"),
                E("sup_implementation", "Implementation", "Implementasi")));
        return RatingFramework.Create(
            "menuju100-readiness",
            T("Gerakan Menuju 100 Smart City: readiness", "Gerakan Menuju 100 Smart City: kesiapan daerah"),
            "2017",
            root,
            ScoringMethods.Default,
            "Kominfo's readiness assessment of the candidates, which chooses the cohort: the regional head's vision and commitment, then the three elements structure, infrastructure and superstructure (with the Perda and the masterplan). Elements and items from secondary sources; the 1-4 rating scale and equal weights are illustrative.",
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

    private static RatingFramework BuildMenujuSelection(bool kominfo)
    {
        var src = kominfo
            ? new Provenance(Confidence.Verified, "aptika.kominfo.go.id/2019/08/6545: four selection parameters")
            : new Provenance(Confidence.Secondary, "2018 cohort seed article: Kondisi Keuangan Daerah, Peringkat dan Status Kinerja Penyelenggaraan Pemerintah Daerah (EKPPD), Indeks Kota Hijau");
        List<FrameworkNode> criteria =
        [
            I("fiscal_capacity", T("Regional fiscal capacity", kominfo ? "Kemampuan keuangan daerah" : "Kondisi keuangan daerah"), provenance: src, unit: "index (ratio to the national average; illustrative scale)", description: "Regions whose budget is mostly routine spending are disadvantaged (Okezone 2019)."),
            I("ekppd_index", T(kominfo ? "High-performing city index (local-government performance, EKPPD)" : "Local-government performance rating and status (EKPPD)", kominfo ? "Indeks Kota Berkinerja Tinggi" : "Peringkat dan status kinerja penyelenggaraan pemerintah daerah (EKPPD)"), provenance: src, unit: "score 0-4 (EKPPD; illustrative scale)"),
            I("green_city_index", T("Green city index", "Indeks kota hijau"), provenance: src, unit: "index 0-100 (PUPR; illustrative scale)"),
        ];
        if (kominfo)
        {
            criteria.Add(I("sustainable_city_index", T("Sustainable city index", "Indeks kota berkelanjutan"), provenance: src, unit: "index 0-100 (Bappenas; illustrative scale)"));
        }

        var root = G("SELECTION", T("Candidate selection", "Seleksi calon daerah"), NodeRole.Index, 1, src, [.. criteria]);
        return RatingFramework.Create(
            kominfo ? "menuju100-selection" : "menuju100-selection-2018",
            T("Gerakan Menuju 100 Smart City: candidate selection", "Gerakan Menuju 100 Smart City: seleksi calon daerah"),
            kominfo ? "2019" : "2018",
            root,
            ScoringMethods.Default,
            "Selection parameters that make the candidate list, before the readiness assessment. The parameters are from the cited source; min-max normalisation and equal weights are illustrative.",
            "Kominfo Ditjen Aptika; seed article on the 2018 cohort; Okezone 2019").GetValueOrThrow();
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
