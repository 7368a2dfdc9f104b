#!/usr/bin/env python3
"""Generates examples/indonesia-regions.csv: the 93 cities of rkci-cities.csv (same codes and the same RKCI values) and
12 regencies (kabupaten), with SYNTHETIC data for the built-in programmes: RKCI 2019 (registration, secondary-data
columns used by the validation stage to fill gaps) and Gerakan Menuju 100 Smart City (selection criteria, readiness
ratings, agreement, masterplan, and evaluation ratings for the editions 2021 and 2022). Deterministic (seeded).
Run: python3 generate_regions_example.py (after generate_rkci_example.py)."""
import csv, math, random

from generate_rkci_example import EXTRA_INDICATORS, INDICATORS, YES_CHANCE, city_rows

# (name, province, population at Sensus Penduduk 2020, BPS) for regencies that took part in Gerakan Menuju 100 Smart
# City. See README.md in this folder for the source and its caveats.
REGENCIES = [
    ("Kabupaten Bogor", "Jawa Barat", 5427068), ("Kabupaten Bandung", "Jawa Barat", 3623790),
    ("Kabupaten Tangerang", "Banten", 3245619), ("Kabupaten Bekasi", "Jawa Barat", 3113017),
    ("Kabupaten Malang", "Jawa Timur", 2654448), ("Kabupaten Sidoarjo", "Jawa Timur", 2082801),
    ("Kabupaten Banyumas", "Jawa Tengah", 1776918), ("Kabupaten Banyuwangi", "Jawa Timur", 1708114),
    ("Kabupaten Gresik", "Jawa Timur", 1311215), ("Kabupaten Sleman", "DI Yogyakarta", 1125804),
    ("Kabupaten Badung", "Bali", 548191), ("Kabupaten Kulon Progo", "DI Yogyakarta", 436395),
]

READINESS = ["str_hr", "str_finance", "str_governance", "inf_physical", "inf_digital", "inf_social",
             "sup_regulation", "sup_institution", "sup_implementation"]
DIMENSIONS = ["baseline", "output", "outcome", "impact", "quickwin"]
PILLARS = ["gov", "brand", "eco", "liv", "soc", "env"]
EVALUATION = [f"{d}_{p}_{k}" for d in DIMENSIONS for p in PILLARS for k in (1, 2, 3)]
EDITIONS = ["2021", "2022"]


def clamp(x, lo=0.0, hi=1.0):
    return min(hi, max(lo, x))


def rating(rng, q, lo, hi, noise=0.5):
    return int(clamp(round(lo + q * (hi - lo) + rng.gauss(0, noise)), lo, hi))


def main():
    cities, capacities = city_rows()
    rng = random.Random(100)
    units = []
    for row, capacity in zip(cities, capacities):
        units.append(({**row, "type": "kota", "rkci_registered": 1}, capacity))
    for k, (name, province, pop) in enumerate(REGENCIES):
        capacity = clamp(0.35 + 0.45 * rng.random())
        row = {"uCode": "R%03d" % (k + 1), "uName": name, "type": "kabupaten", "province": province, "population": pop,
               "rkci_registered": 0, **{ind: "" for ind in [*INDICATORS, *EXTRA_INDICATORS]}}
        units.append((row, capacity))

    rows = []
    for row, capacity in units:
        out = dict(row)
        # A city that registered for RKCI but answered little of the self-evaluation (drops out at the coverage gate).
        if out["uCode"] in ("K071", "K088"):
            for ind in list(INDICATORS)[::2]:
                out[ind] = ""
        # Secondary data (BPS, open sources) for most of a registered city's missing RKCI values.
        for ind, (kind, lo, hi, lower) in INDICATORS.items():
            value = ""
            if out["rkci_registered"] == 1 and out[ind] == "" and rng.random() < 0.8:
                q = clamp(capacity + rng.gauss(0, 0.2))
                q = 1 - q if lower else q
                if kind == "yesno":
                    base, slope = YES_CHANCE[ind]
                    value = 1 if rng.random() < base + slope * q else 0
                elif kind == "likert":
                    value = rating(rng, q, lo, hi)
                elif kind == "count":
                    value = int(round(q * hi))
                else:
                    value = round(lo + q * (hi - lo), 2)
            out["secondary." + ind] = value
        # Menuju 100 selection criteria.
        out["fiscal_capacity"] = round(0.3 + 3.0 * clamp(capacity + rng.gauss(0, 0.2)), 3)
        out["green_city_index"] = round(100 * clamp(0.2 + 0.7 * capacity + rng.gauss(0, 0.12)), 1)
        # Readiness (1-4 ratings), agreement and masterplan.
        for ind in READINESS:
            out[ind] = rating(rng, clamp(capacity + rng.gauss(0, 0.15)), 1, 4)
        out["agreement_signed"] = 1 if rng.random() < 0.9 else 0
        out["masterplan_done"] = 1 if rng.random() < 0.85 else 0
        # Evaluation ratings (1-4) for two editions; about 10 % of units have no 2021 evaluation (joined later).
        late = rng.random() < 0.1
        for e, edition in enumerate(EDITIONS):
            q0 = clamp(capacity + 0.08 * e + rng.gauss(0, 0.05))
            for ind in EVALUATION:
                out[f"{ind}@{edition}"] = "" if (late and e == 0) else rating(rng, clamp(q0 + rng.gauss(0, 0.12)), 1, 4, 0.4)
        rows.append(out)

    # Columns added later (selection parameters EKPPD and the sustainable-city index, the readiness items leader's
    # vision and masterplan), from their own seeded stream so the values above stay as they were.
    added = random.Random(2018)
    for out, (row, capacity) in zip(rows, units):
        out["ekppd_index"] = round(4 * clamp(0.35 + 0.5 * capacity + added.gauss(0, 0.12)), 3)
        out["sustainable_city_index"] = round(100 * clamp(0.25 + 0.6 * capacity + added.gauss(0, 0.12)), 1)
        out["lead_vision"] = rating(added, clamp(capacity + added.gauss(0, 0.25)), 1, 4)
        out["sup_masterplan"] = rating(added, clamp(capacity + added.gauss(0, 0.2)), 1, 4)

    # The masterplan's horizon (years; 5-10 per the sources) and its number of quick wins, from their own stream. A
    # finished masterplan in these synthetic data always has a horizon of 5-10 years and at least one quick win; an
    # unfinished one has neither.
    plans = random.Random(2020)
    for out, (row, capacity) in zip(rows, units):
        done = out["masterplan_done"] == 1
        out["masterplan_horizon_years"] = plans.choice([5, 5, 5, 10, 10]) if done else ""
        out["quick_wins"] = 1 + int(round(7 * clamp(capacity + plans.gauss(0, 0.2)))) if done else 0

    fields = ["uCode", "uName", "type", "province", "population", "rkci_registered", *INDICATORS, *EXTRA_INDICATORS,
              *("secondary." + i for i in INDICATORS), "fiscal_capacity", "ekppd_index", "green_city_index",
              "sustainable_city_index", "lead_vision", *READINESS, "sup_masterplan",
              "agreement_signed", "masterplan_done", "masterplan_horizon_years", "quick_wins", *(f"{i}@{e}" for e in EDITIONS for i in EVALUATION)]
    with open("indonesia-regions.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
