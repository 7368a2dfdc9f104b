#!/usr/bin/env python3
"""Generates examples/rkci-cities.csv: real Indonesian cities (kota) with their 2020 census population, and SYNTHETIC
indicator values for the illustrative RKCI 2019 framework. Deterministic (seeded). Run: python3 generate_rkci_example.py"""
import csv, math, random

# (name, province, population at Sensus Penduduk 2020, BPS). See README.md in this folder for the source and its caveats.
CITIES = [
    ("Surabaya", "Jawa Timur", 2874314), ("Bekasi", "Jawa Barat", 2543676), ("Bandung", "Jawa Barat", 2444160),
    ("Medan", "Sumatera Utara", 2435252), ("Depok", "Jawa Barat", 2056335), ("Tangerang", "Banten", 1895486),
    ("Palembang", "Sumatera Selatan", 1668848), ("Semarang", "Jawa Tengah", 1653524), ("Makassar", "Sulawesi Selatan", 1423877),
    ("Tangerang Selatan", "Banten", 1354350), ("Batam", "Kepulauan Riau", 1196396), ("Bandar Lampung", "Lampung", 1184949),
    ("Bogor", "Jawa Barat", 1043070), ("Pekanbaru", "Riau", 983356), ("Padang", "Sumatera Barat", 909040),
    ("Malang", "Jawa Timur", 843810), ("Samarinda", "Kalimantan Timur", 827994), ("Denpasar", "Bali", 726599),
    ("Tasikmalaya", "Jawa Barat", 716155), ("Serang", "Banten", 692101), ("Balikpapan", "Kalimantan Timur", 688318),
    ("Pontianak", "Kalimantan Barat", 658685), ("Banjarmasin", "Kalimantan Selatan", 657663), ("Jambi", "Jambi", 606200),
    ("Cimahi", "Jawa Barat", 568400), ("Surakarta", "Jawa Tengah", 522364), ("Manado", "Sulawesi Utara", 451916),
    ("Kupang", "Nusa Tenggara Timur", 442758), ("Cilegon", "Banten", 434896), ("Mataram", "Nusa Tenggara Barat", 429651),
    ("Jayapura", "Papua", 398478), ("Bengkulu", "Bengkulu", 373591), ("Yogyakarta", "DI Yogyakarta", 373589),
    ("Palu", "Sulawesi Tengah", 373218), ("Ambon", "Maluku", 347288), ("Sukabumi", "Jawa Barat", 346325),
    ("Kendari", "Sulawesi Tenggara", 345107), ("Cirebon", "Jawa Barat", 333303), ("Dumai", "Riau", 316782),
    ("Pekalongan", "Jawa Tengah", 307150), ("Palangka Raya", "Kalimantan Tengah", 293500), ("Binjai", "Sumatera Utara", 291842),
    ("Kediri", "Jawa Timur", 286796), ("Sorong", "Papua Barat", 284410), ("Tegal", "Jawa Tengah", 273825),
    ("Pematangsiantar", "Sumatera Utara", 268254), ("Banjarbaru", "Kalimantan Selatan", 253442), ("Banda Aceh", "Aceh", 252899),
    ("Tarakan", "Kalimantan Utara", 242786), ("Probolinggo", "Jawa Timur", 239649), ("Singkawang", "Kalimantan Barat", 235064),
    ("Lubuklinggau", "Sumatera Selatan", 234166), ("Tanjungpinang", "Kepulauan Riau", 227663), ("Padangsidimpuan", "Sumatera Utara", 225544),
    ("Bitung", "Sulawesi Utara", 225134), ("Pangkalpinang", "Kepulauan Bangka Belitung", 218569), ("Batu", "Jawa Timur", 213046),
    ("Pasuruan", "Jawa Timur", 208006), ("Ternate", "Maluku Utara", 205001), ("Banjar", "Jawa Barat", 200973),
    ("Gorontalo", "Gorontalo", 198539), ("Madiun", "Jawa Timur", 195175), ("Prabumulih", "Sumatera Selatan", 193196),
    ("Salatiga", "Jawa Tengah", 192322), ("Lhokseumawe", "Aceh", 188202), ("Langsa", "Aceh", 185971),
    ("Palopo", "Sulawesi Selatan", 184681), ("Bontang", "Kalimantan Timur", 178917), ("Tanjungbalai", "Sumatera Utara", 176027),
    ("Tebing Tinggi", "Sumatera Utara", 172838), ("Metro", "Lampung", 168676), ("Baubau", "Sulawesi Tenggara", 159248),
    ("Bima", "Nusa Tenggara Barat", 155140), ("Parepare", "Sulawesi Selatan", 151454), ("Blitar", "Jawa Timur", 149149),
    ("Pagar Alam", "Sumatera Selatan", 143844), ("Payakumbuh", "Sumatera Barat", 139576), ("Gunungsitoli", "Sumatera Utara", 136017),
    ("Mojokerto", "Jawa Timur", 132434), ("Kotamobagu", "Sulawesi Utara", 123722), ("Magelang", "Jawa Tengah", 121526),
    ("Bukittinggi", "Sumatera Barat", 121028), ("Tidore Kepulauan", "Maluku Utara", 114480), ("Tomohon", "Sulawesi Utara", 100587),
    ("Sungai Penuh", "Jambi", 95913), ("Pariaman", "Sumatera Barat", 94224), ("Subulussalam", "Aceh", 90751),
    ("Sibolga", "Sumatera Utara", 89584), ("Tual", "Maluku", 88280), ("Solok", "Sumatera Barat", 73438),
    ("Sawahlunto", "Sumatera Barat", 65138), ("Padang Panjang", "Sumatera Barat", 56311), ("Sabang", "Aceh", 41197),
]

# indicator: (kind, low, high, lower_is_better). The ranges are what Indonesian cities typically report (BPS city
# statistics, SPBE and digital-literacy indices, RTH and waste-management reports), so that the absolute goalposts of the
# built-in RKCI framework give plausible maturity levels: most cities between initial and scattered, few integrated.
# They are ranges for SYNTHETIC values, not data of any city.
INDICATORS = {
    "eco_grdp_pc": ("ratio", 25, 160, False), "eco_spend_pc": ("ratio", 900, 2300, False), "eco_inflation": ("ratio", 1.0, 5.5, True),
    "eco_msme": ("ratio", 15, 60, False), "eco_tourism": ("ratio", 0.2, 4, False), "eco_transit": ("yesno", 0, 1, False),
    "soc_school": ("pct", 65, 90, False), "soc_crime": ("ratio", 60, 320, True), "soc_life_exp": ("ratio", 68, 76, False),
    "soc_housing": ("pct", 45, 88, False), "soc_service": ("likert", 2, 4, False),
    "env_green": ("pct", 3, 20, False), "env_waste": ("pct", 30, 85, False), "env_water": ("pct", 70, 97, False), "env_pm25": ("ratio", 15, 45, True),
    "gov_egov": ("likert", 1, 4, False), "gov_open_data": ("yesno", 0, 1, False), "gov_regulation": ("yesno", 0, 1, False), "gov_masterplan": ("yesno", 0, 1, False),
    "inf_broadband": ("pct", 55, 90, False), "inf_road": ("ratio", 1, 10, False), "inf_command": ("yesno", 0, 1, False),
    "peo_digital": ("likert", 2, 4, False), "peo_tertiary": ("pct", 8, 30, False), "peo_community": ("count", 0, 30, False),
}

# Chance of "yes" for a yes/no indicator: base + slope * quality (a smart-city Perda is rare, a masterplan common).
YES_CHANCE = {"eco_transit": (0.05, 0.5), "gov_open_data": (0.1, 0.5), "gov_regulation": (0.02, 0.3), "gov_masterplan": (0.1, 0.6), "inf_command": (0.05, 0.55)}

# Indicators added for the aspects of smart economy (IT base) and smart society (socio-cultural readiness, technology and
# governance support). Drawn from their own seeded stream after the others, so the values above stay as they were.
EXTRA_INDICATORS = {
    "eco_digital_pay": ("pct", 10, 60, False), "soc_culture": ("ratio", 2, 25, False), "soc_online_service": ("pct", 20, 70, False),
}

def city_rows():
    """The city rows (code, name, province, population and the RKCI indicators) and each city's latent capacity."""
    rng = random.Random(2019)
    rows, capacities = [], []
    for k, (name, province, pop) in enumerate(CITIES):
        code = "K%03d" % (k + 1)
        size = (math.log(pop) - math.log(40000)) / (math.log(3000000) - math.log(40000))  # 0 small .. 1 large
        capacity = min(1, max(0, 0.55 * size + 0.45 * rng.random()))  # a latent "smartness", synthetic
        row = {"uCode": code, "uName": name, "province": province, "population": pop}
        for ind, (kind, lo, hi, lower) in INDICATORS.items():
            q = min(1, max(0, capacity + rng.gauss(0, 0.22)))
            if lower:
                q = 1 - q
            if kind == "yesno":
                base, slope = YES_CHANCE[ind]
                v = 1 if rng.random() < base + slope * q else 0
            elif kind == "likert":
                v = int(min(hi, max(lo, round(lo + q * (hi - lo) + rng.gauss(0, 0.5)))))
            elif kind == "count":
                v = int(round(q * hi * (0.5 + size)))
            else:
                v = round(lo + q * (hi - lo), 2)
            if rng.random() < 0.04:
                v = ""  # missing: RKCI fills such gaps from secondary data; here they stay missing
            row[ind] = v
        rows.append(row)
        capacities.append(capacity)
    extra = random.Random(2021)
    for row, capacity in zip(rows, capacities):
        for ind, (kind, lo, hi, lower) in EXTRA_INDICATORS.items():
            q = min(1, max(0, capacity + extra.gauss(0, 0.22)))
            v = round(lo + q * (hi - lo), 2)
            row[ind] = "" if extra.random() < 0.04 else v
    return rows, capacities

def main():
    rows, _ = city_rows()
    with open("rkci-cities.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["uCode", "uName", "province", "population", *INDICATORS, *EXTRA_INDICATORS])
        w.writeheader()
        w.writerows(rows)

if __name__ == "__main__":
    main()
