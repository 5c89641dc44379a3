#!/usr/bin/env python
"""Generate the fictional demo region "Landkreis Musterkreis (fiktiv)" (synthetic data).

A Kreis of six municipalities with about 91 Sozialräume. Musterstadt (its 26
Sozialräume, geometry and statistics as shipped in this folder) is one of them;
the other five and the Kreis outline are drawn here. Written files:

* ``musterkreis.gpkg``            layers ``sozialraeume``, ``gemeinden``, ``kreis``
  (EPSG:25832)
* ``musterkreis_statistik.csv``   long format as a statistics office delivers it,
  two Stichtage, Merkmale as Musterstadt's plus subgroup counts
* ``musterkreis_generator.json``  seed, municipalities, latent fields, designed cases

Every name, key and number is invented. The municipality keys (AGS) look like
Lower Saxony's (Land 03, Kreis 03199) but the Kreis 03199 does not exist. The
script is deterministic: the same seed (and the same Musterstadt files) give the
same content (CSV and JSON byte for byte, the GeoPackage in geometry and
attributes). Run it with::

    python boundaries/generate_kreis.py --out /tmp/musterkreis   # a fresh folder
    python boundaries/generate_kreis.py --force                  # replace the shipped files

Regenerate after a change of the Musterstadt files (``generate.py``).

How it works
------------
1. A wiggly Kreis outline around Musterstadt; a jittered 500 m Voronoi
   tessellation of the Kreis outside the city, noded together with the city's
   Sozialraum boundaries on a 1 cm grid, so neighbouring polygons share vertices
   (Musterstadt's Sozialräume gain the vertices where cells meet them).
2. Five municipalities grow from seeds around the city over adjacent cells (the
   growth of ``generate.py``); within each, its Sozialräume grow from seeds
   placed densely near the town centre. One rural municipality gets only four.
3. Latent deprivation: a smooth random field plus a lift at each town centre;
   ageing: distance from the centre (rural areas older). Counts are binomial and
   multinomial draws nested as in ``generate.py``; Musterstadt keeps its own.
4. Subgroups (age group x sex x nationality) split each Sozialraum's age
   groups by multivariate hypergeometric draws, so that every margin equals the
   published totals (``EW_M``, ``EW_NDEU``, the five age groups).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

import numpy as np
import shapely

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import (  # noqa: E402  (the Musterstadt generator's growth helpers)
    _adjacency,
    _grow,
    _logistic,
    _logit,
    _random_field,
    _smooth_blob,
)

SEED = 5
VERSION = "1.0"
CRS = "EPSG:25832"
GRID = 0.01
CELL = 500.0  # metres between the seeds of the Voronoi cells outside the city
STICHTAGE = ("31.12.2023", "31.12.2024")
YEARS = (2023, 2024)
KREIS = "03199"  # Land 03 (Niedersachsen), RB 1, Kreis 99: no real Kreis has this key
KREIS_NAME = "Landkreis Musterkreis (fiktiv)"
NOTE = (
    "Der Landkreis Musterkreis und seine Gemeinden sind fiktiv; alle Grenzen, Schlüssel und "
    "Zahlen sind synthetisch (fiktiv/synthetisch, zufällig erzeugt; der Kreisschlüssel 03199 "
    "existiert nicht). Musterkreis and its municipalities are fictional; all boundaries, keys "
    "and numbers are synthetic."
)
MERKMALE = (
    "EW", "EW_M", "EW_W", "EW_DEU", "EW_NDEU",
    "EW_U6", "EW_6_14", "EW_15_17", "EW_18_64", "EW_65U", "EW_80U",
    "EW_U15", "EW_15_64", "EW_U65",
    "SGB2", "SGB2_U15", "ALO", "ALO_SGB2", "ALO_SGB3",
    "HH", "HH_KIND", "HH_AE", "GRUSI", "GRUSI_65U",
    "ESU", "ESU_SPRACH", "ESU_UEBERGEW", "WOGEL_HH", "FLAECHE_HA",
)  # fmt: skip
AGE_GROUPS = ("U6", "6_14", "15_17", "18_64", "65U")
SEXES = ("M", "W")
NATIONALITIES = ("DEU", "NDEU")
#: Subgroup counts: EW_<age group>_<sex>_<nationality>, age groups as the EW_<age> columns.
SUBGROUPS = tuple(f"EW_{a}_{s}_{n}" for a in AGE_GROUPS for s in SEXES for n in NATIONALITIES)

MUSTERSTADT_AGS = "03199001"
# AGS -> (name, Sozialräume, inhabitants 2024, centre (km from Musterstadt's centre),
#         growth speed of the municipality, deprivation lift, ageing shift)
GEMEINDEN = {
    MUSTERSTADT_AGS: ("Musterstadt (fiktiv)", 26, None, (0.0, 0.0), None, 0.0, 0.0),
    "03199002": ("Beispielhausen (fiktiv)", 20, 46_000, (13.0, 5.0), 1.0, 0.25, -0.2),
    "03199003": ("Probstedt (fiktiv)", 16, 33_000, (-12.5, 4.5), 1.0, -0.1, 0.2),
    "03199004": ("Exempelfeld (fiktiv)", 14, 27_000, (9.0, -8.5), 0.95, 0.1, 0.0),
    "03199005": ("Musterbrück (fiktiv)", 11, 19_000, (-9.0, -8.0), 0.9, -0.25, 0.35),
    "03199006": ("Kleinmusterhof (fiktiv)", 4, 5_200, (0.5, 10.5), 0.75, -0.6, 0.8),
}
RURAL = "03199006"
# names of the Sozialräume outside Musterstadt: the first is the town centre
SR_NAMES = (
    "Ortskern", "Am Bahnhof", "Kirchberg", "Am Anger", "Feldmark", "Heidekamp",
    "Mühlenfeld", "Eschenhof", "Birkenweg", "Im Winkel", "Brunnenhof", "Lindenplatz",
    "Am Wall", "Sandberg", "Hohe Geest", "Bruchwiesen", "Steinkamp", "Kuhlenfeld",
    "Am Forst", "Wiesengrund",
)  # fmt: skip


# --------------------------------------------------------------------------- Musterstadt


def read_musterstadt(folder: Path):
    """Musterstadt's Sozialräume (keys, names, geometries) and its statistics per Stichtag."""
    import pyogrio

    gdf = pyogrio.read_dataframe(folder / "musterstadt.gpkg", layer="sozialraeume")
    gdf = gdf.sort_values("SR_NR", kind="stable")
    keys = [str(k) for k in gdf["SR_NR"]]
    names = [str(n) for n in gdf["name"]]
    geoms = np.array(list(gdf.geometry), dtype=object)
    text = (folder / "musterstadt_statistik.csv").read_text(encoding="utf-8-sig")
    stats: dict = {s: {k: {} for k in keys} for s in STICHTAGE}
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        if row["Stichtag"] in stats and row["Merkmal"] in MERKMALE:
            value = row["Wert"]
            value = 0 if value == "-" else (
                float(value.replace(",", ".")) if row["Merkmal"] == "FLAECHE_HA" else int(value))
            stats[row["Stichtag"]][row["SR_NR"]][row["Merkmal"]] = value
    latent = json.loads((folder / "musterstadt_generator.json").read_text(encoding="utf-8"))
    return keys, names, geoms, stats, latent


# --------------------------------------------------------------------------- geometry


def _outside_cells(rng, kreis, city_sr):
    """Cells of the Kreis outside the city, and the city's Sozialräume, noded together."""
    city = shapely.union_all(city_sr)
    minx, miny, maxx, maxy = kreis.buffer(1000).bounds
    xs = np.arange(minx, maxx, CELL)
    ys = np.arange(miny, maxy, CELL)
    gx, gy = np.meshgrid(xs, ys)
    pts = np.column_stack([gx.ravel(), gy.ravel()])
    pts = pts + rng.uniform(-0.42, 0.42, pts.shape) * CELL
    vor = shapely.voronoi_polygons(
        shapely.multipoints(pts), extend_to=shapely.box(minx, miny, maxx, maxy)
    )
    vlines = shapely.difference(shapely.boundary(shapely.get_parts(vor)), city)
    lines = [g for g in shapely.get_parts(vlines) if not g.is_empty]
    lines += list(shapely.boundary(city_sr)) + [kreis.exterior]
    noded = shapely.union_all(lines, grid_size=GRID)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    pos = shapely.point_on_surface(faces)
    faces = faces[shapely.contains_properly(kreis, pos)]
    pos = shapely.point_on_surface(faces)
    in_city = shapely.contains(city, pos)
    sr_faces = []
    for g in city_sr:
        mine = faces[in_city & shapely.contains(g, pos)]
        sr_faces.append(shapely.coverage_union_all(mine))
    cells = faces[~in_city]
    c = shapely.centroid(cells)
    order = np.lexsort((np.round(shapely.get_x(c), 2), np.round(shapely.get_y(c), 2)))
    return cells[order], np.array(sr_faces, dtype=object)


def _kreis_outline(rng, city):
    """A wiggly outline about 34 x 26 km that holds the city with at least 3 km to spare."""
    cx, cy = shapely.get_coordinates(city.centroid)[0]
    for _ in range(50):
        outline = _smooth_blob(rng, cx + 300.0, cy + 900.0, 17_500.0, 13_500.0,
                               n_harm=18, amp=0.22)
        if outline.is_valid and outline.contains(city.buffer(3000)):
            return outline
    raise RuntimeError("no Kreis outline holds the city")  # a guard for other seeds


def _seeds_within(rng, cen, members, centre, n):
    """n seed cells in a municipality: density-weighted farthest-point sampling."""
    xy = cen[members]
    r = np.hypot(*(xy - centre).T) / 1000.0
    weight = np.exp(-r / 2.0) + 0.03
    chosen = [int(np.argmin(r))]
    for _ in range(n - 1):
        d = np.min(np.hypot(*(xy[:, None, :] - xy[chosen][None, :, :]).transpose(2, 0, 1)),
                   axis=1)
        score = weight * d**2 * rng.uniform(0.6, 1.0, len(d))
        score[chosen] = -1
        chosen.append(int(np.argmax(score)))
    return np.flatnonzero(members)[chosen]


def build_geometry(rng, city_sr):
    """Kreis outline, the cells outside the city, municipalities and their Sozialräume."""
    city = shapely.union_all(city_sr)
    cx, cy = shapely.get_coordinates(city.centroid)[0]
    kreis = _kreis_outline(rng, city)
    cells, city_sr = _outside_cells(rng, kreis, city_sr)
    nbrs = _adjacency(cells)
    cen = shapely.get_coordinates(shapely.centroid(cells))
    others = [a for a in GEMEINDEN if a != MUSTERSTADT_AGS]
    centres = {}
    seeds, speeds = [], []
    for a in others:
        dx, dy = GEMEINDEN[a][3]
        target = np.array([cx + dx * 1000, cy + dy * 1000])
        cell = int(np.argmin(np.hypot(*(cen - target).T)))
        centres[a] = cen[cell]
        seeds.append(cell)
        speeds.append(GEMEINDEN[a][4])
    gem_label = _grow(rng, cells, nbrs, seeds, speeds)
    if (gem_label < 0).any():
        raise RuntimeError("cells not reached by any municipality")
    sr = {}  # (AGS, SR_NR) -> geometry
    for i, a in enumerate(others):
        members = gem_label == i
        n = GEMEINDEN[a][1]
        sr_seeds = _seeds_within(rng, cen, members, centres[a], n)
        r = np.hypot(*(cen[sr_seeds] - centres[a]).T) / 1000.0
        sr_speed = 0.6 + 0.25 * r
        sub_cells = np.flatnonzero(members)
        pos = {c: j for j, c in enumerate(sub_cells)}
        sub_nbrs = [[pos[j] for j in nbrs[c] if j in pos] for c in sub_cells]
        lab = _grow(rng, cells[sub_cells], sub_nbrs, [pos[s] for s in sr_seeds], list(sr_speed))
        # number the Sozialräume from the centre outwards: Ortsteil (2 digits) + running number
        order = np.argsort(r, kind="stable")
        for rank, j in enumerate(order):
            local = f"{rank // 3 + 1:02d}{rank % 3 + 1:02d}"
            sr[(a, local)] = (shapely.coverage_union_all(cells[sub_cells[lab == j]]), rank)
    return kreis, city_sr, sr, centres, len(cells)


# --------------------------------------------------------------------------- statistics


def _counts(rng, dep, age, ew, area_ha, year):
    """One Stichtag's counts of the Sozialräume outside Musterstadt (generate.py's model)."""
    n = len(ew)
    dt = year - 2024
    lv = 0.1 + 0.01 * dt
    p65 = np.clip(0.225 + 0.05 * age - 0.006 * dep + 0.0025 * dt, 0.08, 0.40)
    pu18 = np.clip(0.165 + 0.02 * dep - 0.012 * age, 0.08, 0.30)
    p = np.column_stack([pu18 * 0.33, pu18 * 0.50, pu18 * 0.17, 1 - p65 - pu18, p65])
    ages = np.array([rng.multinomial(e, pp / pp.sum()) for e, pp in zip(ew, p, strict=True)])
    u6, a6_14, a15_17, a18_64, a65 = ages.T
    a80 = rng.binomial(a65, np.clip(0.33 + 0.04 * age, 0.1, 0.6))
    u15 = u6 + a6_14
    a15_64 = a15_17 + a18_64
    w = rng.binomial(ew, 0.506 + 0.006 * age)
    ndeu = rng.binomial(ew, _logistic(_logit(0.085) + 0.55 * dep + 0.05 * (year - 2019)))
    sgb2_u15 = rng.binomial(u15, _logistic(_logit(0.13) + 0.75 * dep + lv))
    sgb2_adult = rng.binomial(a15_64, _logistic(_logit(0.07) + 0.72 * dep + lv))
    alo_sgb2 = rng.binomial(sgb2_adult, 0.37)
    alo_sgb3 = rng.binomial(a15_64 - alo_sgb2, _logistic(_logit(0.02) + 0.2 * dep))
    hh_size = np.clip(2.05 + 2.0 * (pu18 - 0.165) + 0.04 * dep - 0.05 * age, 1.5, 2.7)
    hh = np.round(ew / hh_size * rng.lognormal(0, 0.01, n)).astype(np.int64)
    hh_kind = np.minimum(rng.binomial(u15 + a15_17, 0.6), hh)
    hh_ae = rng.binomial(hh_kind, _logistic(_logit(0.17) + 0.45 * dep))
    wogel = rng.binomial(hh, _logistic(_logit(0.02) + 0.55 * dep))
    grusi_65 = rng.binomial(a65, _logistic(_logit(0.024) + 0.8 * dep))
    grusi_18_64 = rng.binomial(a18_64, _logistic(_logit(0.005) + 0.5 * dep))
    esu = rng.binomial(u6, 0.16)
    return {
        "EW": ew, "EW_M": ew - w, "EW_W": w, "EW_DEU": ew - ndeu, "EW_NDEU": ndeu,
        "EW_U6": u6, "EW_6_14": a6_14, "EW_15_17": a15_17, "EW_18_64": a18_64,
        "EW_65U": a65, "EW_80U": a80, "EW_U15": u15, "EW_15_64": a15_64, "EW_U65": ew - a65,
        "SGB2": sgb2_u15 + sgb2_adult, "SGB2_U15": sgb2_u15, "ALO": alo_sgb2 + alo_sgb3,
        "ALO_SGB2": alo_sgb2, "ALO_SGB3": alo_sgb3,
        "HH": hh, "HH_KIND": hh_kind, "HH_AE": hh_ae,
        "GRUSI": grusi_65 + grusi_18_64, "GRUSI_65U": grusi_65,
        "ESU": esu, "ESU_SPRACH": rng.binomial(esu, _logistic(_logit(0.15) + 0.85 * dep)),
        "ESU_UEBERGEW": rng.binomial(esu, _logistic(_logit(0.09) + 0.3 * dep)),
        "WOGEL_HH": wogel, "FLAECHE_HA": area_ha,
    }  # fmt: skip


def _subgroups(rng, row: dict) -> dict:
    """Age group x sex x nationality with the row's margins (multivariate hypergeometric)."""
    ages = np.array([row[f"EW_{a}"] for a in AGE_GROUPS], dtype=np.int64)
    men = rng.multivariate_hypergeometric(ages, int(row["EW_M"]))
    cells = np.column_stack([men, ages - men]).ravel()  # U6_M, U6_W, 6_14_M, ...
    ndeu = rng.multivariate_hypergeometric(cells, int(row["EW_NDEU"]))
    out = {}
    for i, (a, s) in enumerate((a, s) for a in AGE_GROUPS for s in SEXES):
        out[f"EW_{a}_{s}_DEU"] = int(cells[i] - ndeu[i])
        out[f"EW_{a}_{s}_NDEU"] = int(ndeu[i])
    return out


def build_region(seed: int = SEED, folder: Path = HERE) -> dict:
    """Everything in memory: layers, statistics and the ground truth."""
    rng_geometry, rng_fields, rng_counts, rng_sub = (
        np.random.default_rng([seed, i]) for i in range(4))
    ms_keys, ms_names, ms_geoms, ms_stats, ms_truth = read_musterstadt(folder)
    kreis, ms_geoms, sr, centres, n_cells = build_geometry(rng_geometry, ms_geoms)

    rows = []  # one dict per Sozialraum, sorted by the combined key
    for k, name, g in zip(ms_keys, ms_names, ms_geoms, strict=True):
        rows.append({"AGS": MUSTERSTADT_AGS, "SR_NR": k, "name": name, "geometry": g,
                     "dep": float(ms_truth["latent_deprivation"][k]),
                     "age": float(ms_truth["latent_ageing"][k])})
    # latent fields outside the city: smooth field + a lift at each town centre
    others = sorted(sr)
    cents = np.array([shapely.get_coordinates(sr[k][0].centroid)[0] for k in others])
    origin = shapely.get_coordinates(shapely.union_all(ms_geoms).centroid)[0]
    field = _random_field(rng_fields, (cents - origin) / 1000.0, wavelength=(8.0, 16.0))
    for (a, local), f, xy in zip(others, field, cents, strict=True):
        r = float(np.hypot(*(xy - centres[a])) / 1000.0)
        _, _, _, _, _, lift, ageing = GEMEINDEN[a]
        dep = 0.45 * f + 1.1 * np.exp(-(r**2) / 2.0) - 0.35 + lift
        age = 0.25 * rng_fields.normal() + 0.12 * r + ageing - 0.2
        rows.append({"AGS": a, "SR_NR": local, "name": "", "geometry": sr[(a, local)][0],
                     "dep": float(dep), "age": float(age), "rank": sr[(a, local)][1],
                     "r": r})
    rows.sort(key=lambda row: (row["AGS"], row["SR_NR"]))
    for row in rows:
        row["SR_ID"] = f"{row['AGS']}-{row['SR_NR']}"
        if row["AGS"] != MUSTERSTADT_AGS:
            row["name"] = SR_NAMES[row["rank"]]
    # inhabitants 2024 outside the city: a dense centre, shares compressed (sqrt) to
    # keep Sozialräume of planning size
    ew2024 = {}
    for a, spec in GEMEINDEN.items():
        if a == MUSTERSTADT_AGS:
            continue
        mine = [row for row in rows if row["AGS"] == a]
        area = np.array([row["geometry"].area / 1e6 for row in mine])
        dens = np.exp(-np.array([row["r"] for row in mine]) / 1.5) + 0.04
        share = np.sqrt(area * dens) * rng_counts.lognormal(0, 0.15, len(mine))
        share = share / share.sum()
        for row, s in zip(mine, share, strict=True):
            ew2024[row["SR_ID"]] = int(round(spec[2] * s))
    outside = [i for i, row in enumerate(rows) if row["AGS"] != MUSTERSTADT_AGS]
    dep_o = np.array([rows[i]["dep"] for i in outside])
    age_o = np.array([rows[i]["age"] for i in outside])
    ew_o = np.array([ew2024[rows[i]["SR_ID"]] for i in outside], dtype=np.int64)
    area_o = np.array([round(rows[i]["geometry"].area / 10_000.0, 2) for i in outside])
    growth = rng_counts.normal(0.002, 0.006, len(outside))
    stats = {}
    for year, stichtag in zip(YEARS, STICHTAGE, strict=True):
        ew = np.maximum(np.round(ew_o * (1 + growth * (year - 2024))), 60).astype(np.int64)
        counts = _counts(rng_counts, dep_o, age_o, ew, area_o, year)
        table = {}
        for j, i in enumerate(outside):
            table[rows[i]["SR_ID"]] = {m: counts[m][j].item() for m in MERKMALE}
        for row in rows:
            if row["AGS"] == MUSTERSTADT_AGS:
                table[row["SR_ID"]] = dict(ms_stats[stichtag][row["SR_NR"]])
        for row in rows:  # subgroups of every Sozialraum (Musterstadt's too)
            table[row["SR_ID"]].update(_subgroups(rng_sub, table[row["SR_ID"]]))
        stats[stichtag] = table
    gem_geoms = {a: shapely.coverage_union_all([r["geometry"] for r in rows if r["AGS"] == a])
                 for a in GEMEINDEN}
    kreis_geom = shapely.coverage_union_all(list(gem_geoms.values()))
    _check(rows, gem_geoms, kreis_geom, kreis)
    return {"rows": rows, "gemeinden": gem_geoms, "kreis": kreis_geom, "stats": stats,
            "truth": _truth(seed, rows, stats, n_cells, centres)}


def _check(rows, gem_geoms, kreis_geom, outline) -> None:
    """Refuse to write a broken region (a guard for other seeds; the tests check more)."""
    geoms = np.array([r["geometry"] for r in rows], dtype=object)
    if shapely.is_empty(geoms).any() or not shapely.is_valid(geoms).all():
        raise RuntimeError("empty or invalid Sozialräume")
    if not shapely.coverage_is_valid(geoms):
        raise RuntimeError("the Sozialräume are no valid coverage")
    if abs(kreis_geom.area - outline.area) > 10.0:
        raise RuntimeError("the Sozialräume do not tile the Kreis")


def _truth(seed, rows, stats, n_cells, centres) -> dict:
    latest = stats[STICHTAGE[-1]]
    local = [r["SR_NR"] for r in rows]
    repeated = sorted({k for k in local if local.count(k) > 1})
    return {
        "name": KREIS_NAME,
        "note": NOTE,
        "fiktiv": True,
        "synthetisch": True,
        "version": VERSION,
        "seed": seed,
        "generator": "boundaries/generate_kreis.py",
        "crs": CRS,
        "kreis": KREIS,
        "land": "03",
        "stichtage": list(STICHTAGE),
        "merkmale": list(MERKMALE),
        "subgroups": list(SUBGROUPS),
        "n_cells_outside": n_cells,
        "musterstadt": MUSTERSTADT_AGS,
        "rural": RURAL,
        "gemeinden": {
            a: {"name": spec[0], "n_sozialraeume": sum(r["AGS"] == a for r in rows),
                "ew": int(sum(latest[r["SR_ID"]]["EW"] for r in rows if r["AGS"] == a)),
                **({"centre_xy": [round(float(v), 2) for v in centres[a]]}
                   if a in centres else {})}
            for a, spec in GEMEINDEN.items()
        },
        "repeated_numbers": repeated,
        "n_sozialraeume": len(rows),
        "latent_deprivation": {r["SR_ID"]: round(r["dep"], 4) for r in rows},
        "latent_ageing": {r["SR_ID"]: round(r["age"], 4) for r in rows},
        "ew_total": {s: int(sum(t[k]["EW"] for k in t)) for s, t in stats.items()},
    }


# --------------------------------------------------------------------------- writers

LAYER_DESCRIPTIONS = {
    "sozialraeume": "Sozialräume des fiktiven Landkreises Musterkreis (synthetisch, erfunden)",
    "gemeinden": "Gemeinden des fiktiven Landkreises Musterkreis (synthetisch, erfunden)",
    "kreis": "Kreisgebiet des fiktiven Landkreises Musterkreis (synthetisch, erfunden)",
}


def _wert(merkmal: str, value) -> str:
    if merkmal == "FLAECHE_HA":
        return f"{value:.2f}".replace(".", ",")
    return "-" if value == 0 else str(int(value))


def csv_bytes(region: dict) -> bytes:
    """Long format: Stichtag;SR_ID;Merkmal;Wert, CRLF, UTF-8 with BOM, '-' for a true zero."""
    lines = ["Stichtag;SR_ID;Merkmal;Wert"]
    for stichtag, table in region["stats"].items():
        for row in region["rows"]:
            values = table[row["SR_ID"]]
            for m in (*MERKMALE, *SUBGROUPS):
                lines.append(f"{stichtag};{row['SR_ID']};{m};{_wert(m, values[m])}")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def write_gpkg(path: Path, region: dict) -> None:
    import geopandas as gpd
    import pandas as pd
    import pyogrio

    rows = region["rows"]
    sr = pd.DataFrame({"SR_ID": [r["SR_ID"] for r in rows], "AGS": [r["AGS"] for r in rows],
                       "SR_NR": [r["SR_NR"] for r in rows], "name": [r["name"] for r in rows],
                       "KREIS": KREIS}, dtype="string")
    gem = pd.DataFrame({"AGS": list(GEMEINDEN), "name": [v[0] for v in GEMEINDEN.values()],
                        "KREIS": KREIS}, dtype="string")
    kr = pd.DataFrame({"KREIS": [KREIS], "name": [KREIS_NAME]}, dtype="string")
    layers = [
        ("sozialraeume", gpd.GeoDataFrame(sr, geometry=[r["geometry"] for r in rows], crs=CRS)),
        ("gemeinden", gpd.GeoDataFrame(gem, geometry=list(region["gemeinden"].values()),
                                       crs=CRS)),
        ("kreis", gpd.GeoDataFrame(kr, geometry=[region["kreis"]], crs=CRS)),
    ]
    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2025-01-01T00:00:00.000Z"})
    try:
        for i, (name, gdf) in enumerate(layers):
            multi = gdf.set_geometry([g if g.geom_type == "MultiPolygon"
                                      else shapely.MultiPolygon([g]) for g in gdf.geometry])
            pyogrio.write_dataframe(
                multi, path, layer=name, driver="GPKG", append=i > 0,
                geometry_type="MultiPolygon",
                layer_options={"DESCRIPTION": LAYER_DESCRIPTIONS[name], "IDENTIFIER": name},
            )
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})


FILES = ("musterkreis.gpkg", "musterkreis_statistik.csv", "musterkreis_generator.json")


def write_all(out: Path, *, seed: int = SEED, force: bool = False,
              musterstadt: Path = HERE) -> list[Path]:
    """Generate and write the three files into `out` (atomically, each one)."""
    sys.path.insert(0, str(HERE.parent))
    from sozialraum._util.files import atomic_path
    from sozialraum.errors import OutputExistsError

    out = Path(out)
    existing = [f for f in FILES if (out / f).exists()]
    if existing and not force:
        raise OutputExistsError(
            f"{out} already holds {', '.join(existing)}. Pass --force to replace them "
            "or --out to write into another folder."
        )
    region = build_region(seed, musterstadt)
    payloads = {
        "musterkreis_statistik.csv": csv_bytes(region),
        "musterkreis_generator.json": (
            json.dumps(region["truth"], ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        ).encode("utf-8"),
    }
    written = []
    with atomic_path(out / "musterkreis.gpkg", force=force) as tmp:
        write_gpkg(tmp, region)
    written.append(out / "musterkreis.gpkg")
    for name, data in payloads.items():
        with atomic_path(out / name, force=force) as tmp:
            tmp.write_bytes(data)
        written.append(out / name)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate the fictional demo region Musterkreis (synthetic data)."
    )
    parser.add_argument("--out", type=Path, default=HERE, help="output folder")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    parser.add_argument("--force", action="store_true", help="replace existing files")
    args = parser.parse_args(argv)
    try:
        files = write_all(args.out, seed=args.seed, force=args.force)
    except FileExistsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for f in files:
        print(f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
