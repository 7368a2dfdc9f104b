using System.Globalization;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Programmes;

namespace SmartCity.Cli;

/// <summary>The report's words in Indonesian (<c>id</c>) or English (<c>en</c>), and names taken from the model in that language.</summary>
internal sealed class ReportText
{
    private static readonly Dictionary<string, (string En, string Id)> Words = new(StringComparer.Ordinal)
    {
        ["report"] = ("assessment report", "laporan penilaian"),
        ["edition"] = ("edition", "edisi"),
        ["data"] = ("data", "data"),
        ["note"] = (
            "Stage sequences, award categories and tiers follow the cited sources; thresholds the sources do not give, indicator sets and award-to-indicator mappings are illustrative. In the bundled example, names, provinces and populations are real (BPS census 2020) and <b>every indicator value is synthetic</b>: the results say nothing about any real city.",
            "Urutan tahap, kategori penghargaan dan tingkatannya mengikuti sumber yang dikutip; ambang yang tidak disebut sumber, daftar indikator dan pemetaan penghargaan ke indikator bersifat ilustratif. Pada contoh bawaan, nama, provinsi dan jumlah penduduk adalah data nyata (Sensus Penduduk 2020, BPS) dan <b>semua nilai indikator adalah sintetis</b>: hasilnya tidak menggambarkan kota mana pun."),
        ["not eligible"] = ("not eligible (they enter no stage)", "tidak memenuhi syarat (tidak mengikuti tahap mana pun)"),
        ["entered"] = ("entered", "peserta"),
        ["passed every stage"] = ("passed every stage", "lolos semua tahap"),
        ["stages"] = ("stages", "tahap"),
        ["awards"] = ("awards", "penghargaan"),
        ["Stage funnel"] = ("Stage funnel", "Corong tahapan"),
        ["units (grey: entered, blue: passed)"] = ("units (grey: entered, blue: passed)", "daerah (abu-abu: peserta, biru: lolos)"),
        ["Who passed each stage"] = ("Who passed each stage", "Yang lolos di setiap tahap"),
        ["stage"] = ("stage", "tahap"),
        ["gates"] = ("gates", "syarat lolos"),
        ["passed"] = ("passed", "lolos"),
        ["failed"] = ("failed", "tidak lolos"),
        ["values filled"] = ("values filled", "nilai dilengkapi"),
        ["Funnel per size class"] = ("Funnel per size class", "Corong per kelas kota"),
        ["Ranking"] = ("Ranking", "Peringkat"),
        ["score of"] = ("score of", "skor"),
        ["no class"] = ("no class", "tanpa kelas"),
        ["rank"] = ("rank", "peringkat"),
        ["rank in class"] = ("rank in class", "peringkat di kelas"),
        ["code"] = ("code", "kode"),
        ["name"] = ("name", "nama"),
        ["size class"] = ("size class", "kelas kota"),
        ["score"] = ("score", "skor"),
        ["maturity level"] = ("maturity level", "tingkat kematangan"),
        ["levels note"] = ("Maturity levels are bands of the absolute 0–100 score (fixed goalposts per indicator, so a level does not depend on who else entered):", "Tingkat kematangan adalah rentang skor mutlak 0–100 (batas tetap per indikator, sehingga tingkat tidak bergantung pada peserta lain):"),
        ["Pillar profiles"] = ("Pillar profiles", "Profil pilar"),
        ["profiles note"] = ("Each finalist's scores (filled) against the median of the units shown (dashed grey), on the axes", "Skor setiap finalis (area berwarna) dibandingkan median daerah yang ditampilkan (garis putus abu-abu), pada sumbu"),
        ["scale"] = ("scale", "skala"),
        ["Pillar profile of"] = ("Pillar profile of", "Profil pilar"),
        ["Awards"] = ("Awards", "Penghargaan"),
        ["categories"] = ("categories", "kategori"),
        [", ranked within each size class"] = (", ranked within each size class", ", diperingkat dalam setiap kelas kota"),
        ["tiers note"] = ("Tiers are cumulative: every trophy winner also holds the certificate. Places per tier:", "Tingkatan bersifat kumulatif: setiap penerima piala juga menerima piagam. Jumlah tempat per tingkatan:"),
        ["top"] = ("top", "terbaik"),
        ["tie note"] = ("Equal category scores are ordered by the overall index; units still equal share the better place and all receive the tier.", "Skor kategori yang sama diurutkan menurut indeks keseluruhan; yang masih sama berbagi tempat yang lebih baik dan semuanya menerima tingkatan itu."),
        ["all"] = ("all", "semua"),
        ["Awards per size class and tier"] = ("Awards per size class and tier", "Penghargaan per kelas kota dan tingkatan"),
        ["category"] = ("category", "kategori"),
        ["vacancies note"] = ("Places left empty because fewer cities competed than the tier has places:", "Tempat yang kosong karena peserta lebih sedikit daripada jumlah tempat:"),
        ["Every gate decision"] = ("Every gate decision", "Semua keputusan tahap"),
        ["decisions note"] = ("For each stage, the units that did not pass, the first condition each missed and why, in plain words (stages.csv lists every decision).", "Untuk setiap tahap: daerah yang tidak lolos, syarat pertama yang tidak terpenuhi dan alasannya (stages.csv memuat semua keputusan)."),
        ["failed gate"] = ("failed gate", "syarat tidak terpenuhi"),
        ["why"] = ("why", "alasan"),
        ["value"] = ("value", "nilai"),
        ["short by"] = ("short by", "kurang"),
        ["missing values filled"] = ("missing values filled", "nilai kosong dilengkapi"),
        ["Evaluation index, editions"] = ("Evaluation index, editions", "Indeks evaluasi, edisi"),
        ["mean pillar score"] = ("mean pillar score", "rata-rata skor pilar"),
        ["Mean pillar score per edition"] = ("Mean pillar score per edition", "Rata-rata skor pilar per edisi"),
        ["index is"] = ("The index is the weighted mean of", "Indeks adalah rata-rata tertimbang dari"),
        ["improvement is"] = ("the improvement is the index minus the previous edition's.", "kenaikan adalah indeks dikurangi indeks edisi sebelumnya."),
        ["index"] = ("index", "indeks"),
        ["improvement"] = ("improvement", "kenaikan"),
        ["new"] = ("new", "baru"),
        ["source"] = ("Source", "Sumber"),
        ["pillar"] = ("pillar", "pilar"),
        ["axis"] = ("axis", "sumbu"),
    };

    public ReportText(string lang)
    {
        Lang = lang == "id" ? "id" : "en";
    }

    /// <summary>Gets the language code written into <c>&lt;html lang&gt;</c>.</summary>
    public string Lang { get; }

    private bool Id => Lang == "id";

    public string this[string key] => Words.TryGetValue(key, out var w) ? (Id ? w.Id : w.En) : key;

    public string L(LocalizedText text) => Id ? text.Indonesian ?? text.English ?? string.Empty : text.English ?? text.Indonesian ?? string.Empty;

    public string Confidence(Confidence confidence) => (confidence, Id) switch
    {
        (Domain.Frameworks.Confidence.Verified, false) => "verified",
        (Domain.Frameworks.Confidence.Verified, true) => "terverifikasi",
        (Domain.Frameworks.Confidence.Secondary, false) => "secondary source",
        (Domain.Frameworks.Confidence.Secondary, true) => "sumber sekunder",
        (_, false) => "illustrative",
        _ => "ilustratif",
    };

    public string PassedOf(int passed, int entrants, int failed) => Id
        ? string.Create(CultureInfo.InvariantCulture, $"{passed} dari {entrants} lolos, {failed} tidak")
        : string.Create(CultureInfo.InvariantCulture, $"{passed} of {entrants} passed, {failed} did not");

    public string Vacancy(string tier, int places, int competitors) => Id
        ? string.Create(CultureInfo.InvariantCulture, $"{tier}: {places} tempat, hanya {competitors} peserta")
        : string.Create(CultureInfo.InvariantCulture, $"{tier}: {places} places, only {competitors} competed");

    /// <summary>Describes a gate's condition in the report's language, with size classes by name.</summary>
    public string Gate(Gate gate, Assessment a) => (gate, Id) switch
    {
        (ScoreThresholdGate g, false) => string.Create(CultureInfo.InvariantCulture, $"score of {g.Node} ≥ {g.Minimum}"),
        (ScoreThresholdGate g, true) => string.Create(CultureInfo.InvariantCulture, $"skor {g.Node} ≥ {g.Minimum}"),
        (TopNGate g, false) => string.Create(CultureInfo.InvariantCulture, $"top {g.N} at {g.Node}{(g.PerSizeClass ? " within each size class" : string.Empty)}"),
        (TopNGate g, true) => string.Create(CultureInfo.InvariantCulture, $"{g.N} teratas pada {g.Node}{(g.PerSizeClass ? " di setiap kelas kota" : string.Empty)}"),
        (ClassQuotaGate g, false) => string.Create(CultureInfo.InvariantCulture, $"top {string.Join(" / ", g.Quotas.Select(q => $"{q.N} {a.ClassName(q.SizeClass)}"))} at {g.Node}, within each size class"),
        (ClassQuotaGate g, true) => string.Create(CultureInfo.InvariantCulture, $"{string.Join(" / ", g.Quotas.Select(q => $"{q.N} {a.ClassName(q.SizeClass)}"))} teratas pada {g.Node}, di setiap kelas kota"),
        (RequiredCriterionGate g, false) => $"{g.Column} = yes",
        (RequiredCriterionGate g, true) => $"{g.Column} = ya",
        (ColumnRangeGate g, true) => double.IsPositiveInfinity(g.Maximum) ? string.Create(CultureInfo.InvariantCulture, $"{g.Column} ≥ {g.Minimum}") : string.Create(CultureInfo.InvariantCulture, $"{g.Column} antara {g.Minimum} dan {g.Maximum}"),
        (CoverageGate g, false) => string.Create(CultureInfo.InvariantCulture, $"data coverage of {g.Node} ≥ {g.Share:P0}"),
        (CoverageGate g, true) => string.Create(CultureInfo.InvariantCulture, $"kelengkapan data {g.Node} ≥ {g.Share:P0}"),
        _ => gate.Description,
    };

    /// <summary>Describes a gap-filling rule in the report's language.</summary>
    public string Fill(GapFill fill) => (fill, Id) switch
    {
        (SecondaryColumnsGapFill f, true) => $"nilai kosong diisi dari kolom '{f.Prefix}<kolom>'",
        (SecondaryDatasetGapFill f, true) => $"nilai kosong diisi dari {f.Source}",
        _ => fill.Description,
    };

    /// <summary>Describes what an award category is scored on, in the report's language.</summary>
    public string Basis(AwardBasis basis) => basis switch
    {
        NodeAwardBasis n => $"{this["score"]} {n.NodeCode}",
        FormulaAwardBasis f => string.Join(" + ", f.Parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Weight:0.##} × {p.Node}"))),
        _ => basis.ToString(),
    };

    /// <summary>Explains a decision in plain words: "ranked 39th; the top 30 pass" / "peringkat ke-39; 30 teratas lolos".</summary>
    public string Reason(GateDecision d, Assessment a)
    {
        if (!Id)
        {
            var reason = d.Reason;
            return d.SizeClass is { } c ? reason.Replace($" in {c}", $" among {a.ClassName(c)}", StringComparison.Ordinal) : reason;
        }

        var value = d.Value;
        var cls = a.ClassName(d.SizeClass);
        return d.FailedGate switch
        {
            TopNGate t => value is { } r ? string.Create(CultureInfo.InvariantCulture, $"peringkat ke-{r:0}{(cls is null ? string.Empty : $" di {cls}")}; {d.Places ?? t.N} teratas lolos") : "skor kosong, tidak ada peringkat",
            ClassQuotaGate => value is { } r ? string.Create(CultureInfo.InvariantCulture, $"peringkat ke-{r:0} di {cls}; {d.Places ?? 0} teratas di kelas ini lolos") : d.Places is null ? $"{cls ?? "tanpa kelas"}: tidak ada kuota" : "skor kosong, tidak ada peringkat",
            ScoreThresholdGate s => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"skor {v:0.##}; minimal {s.Minimum:0.##} untuk lolos") : "skor kosong",
            RequiredCriterionGate c => value is null ? $"{c.Column} tidak diisi" : $"{c.Column} belum terpenuhi",
            ColumnRangeGate g => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{g.Column} bernilai {v:0.##}; syaratnya {Gate(g, a)}") : $"{g.Column} tidak diisi",
            CoverageGate c => string.Create(CultureInfo.InvariantCulture, $"kelengkapan data {value ?? 0:P0}; minimal {c.Share:P0} untuk lolos"),
            _ => "tidak lolos",
        };
    }
}
