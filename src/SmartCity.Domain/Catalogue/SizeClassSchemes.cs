using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Catalogue;

/// <summary>Built-in city-size classification schemes.</summary>
public static class SizeClassSchemes
{
    /// <summary>
    /// Gets RKCI's classes: kota kecil &lt; 200,000 inhabitants; kota sedang 200,000–1,000,000; kota besar &gt; 1,000,000. A city
    /// of exactly 200,000 is sedang (the class "starts at" 200,000); one of exactly 1,000,000 is sedang (besar is "more than" 1 M).
    /// </summary>
    /// <remarks>Secondary sources (KabarKampus 2017, Seruji 2017, PPID Bontang 2017); the same cut-offs as BPS' SCDI paper.</remarks>
    public static ClassificationScheme Rkci { get; } = ClassificationScheme.Create(
        "rkci-size",
        LocalizedText.Of("RKCI city-size classes", "Kelas ukuran kota RKCI"),
        [
            SchemeClass.Create("kecil", LocalizedText.Of("Small city", "Kota kecil")).GetValueOrThrow(),
            SchemeClass.Create("sedang", LocalizedText.Of("Medium city", "Kota sedang")).GetValueOrThrow(),
            SchemeClass.Create("besar", LocalizedText.Of("Large city", "Kota besar")).GetValueOrThrow(),
        ],
        [new ClassBoundary(200_000, BoundaryMembership.Above), new ClassBoundary(1_000_000, BoundaryMembership.Below)],
        "RKCI 2017/2019 (KabarKampus 2017; Seruji 2017; PPID Bontang 2017) — secondary sources").GetValueOrThrow();

    /// <summary>
    /// Gets the spatial-planning classes of urban areas (PP 26/2008 as reported): kecil ≤ 100,000; sedang &gt; 100,000–500,000;
    /// besar &gt; 500,000–1,000,000; metropolitan &gt; 1,000,000. Every boundary belongs to the class below it.
    /// </summary>
    /// <remarks>Sources conflict on the lower bound of kecil (50,000) and on boundary inclusivity; this follows the
    /// "≤ / &gt;" reading attributed to PP 26/2008 (Indonesian Wikipedia). Check the regulation before relying on a boundary case.</remarks>
    public static ClassificationScheme SpatialPlanning { get; } = ClassificationScheme.Create(
        "spatial-planning-size",
        LocalizedText.Of("Urban-area size classes (spatial planning)", "Klasifikasi kawasan perkotaan (penataan ruang)"),
        [
            SchemeClass.Create("kecil", LocalizedText.Of("Small urban area", "Kawasan perkotaan kecil")).GetValueOrThrow(),
            SchemeClass.Create("sedang", LocalizedText.Of("Medium urban area", "Kawasan perkotaan sedang")).GetValueOrThrow(),
            SchemeClass.Create("besar", LocalizedText.Of("Large urban area", "Kawasan perkotaan besar")).GetValueOrThrow(),
            SchemeClass.Create("metropolitan", LocalizedText.Of("Metropolitan area", "Kawasan metropolitan")).GetValueOrThrow(),
        ],
        [
            new ClassBoundary(100_000, BoundaryMembership.Below),
            new ClassBoundary(500_000, BoundaryMembership.Below),
            new ClassBoundary(1_000_000, BoundaryMembership.Below),
        ],
        "UU 26/2007 art. 41; thresholds as attributed to PP 26/2008 (id.wikipedia) — sources conflict on the boundaries").GetValueOrThrow();
}
