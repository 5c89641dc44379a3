#!/usr/bin/env python
"""Generate the fictional demo city "Musterstadt (fiktiv)" (synthetic data).

Everything in this folder except README.md and this script is written by it:

* ``musterstadt.gpkg``            boundaries, EPSG:25832, layers ``sozialraeume`` (the
  current Gebietsstand, from 31.12.2022), ``sozialraeume_2019`` (before the reform),
  ``stadtteile``, ``stadtbezirke``, ``stadt``
* ``musterstadt_statistik.csv``   long format as a statistics office delivers it
* ``musterstadt_statistik.xlsx``  one wide sheet per Stichtag
* ``musterstadt_generator.json``  seed, latent fields and the designed edge cases

The city is fictional and all numbers are synthetic. The script is deterministic:
the same seed gives the same content (the CSV, JSON and XLSX byte for byte, the
GeoPackage in geometry and attributes). Run it with::

    python boundaries/generate.py --out /tmp/musterstadt      # a fresh folder
    python boundaries/generate.py --force                      # replace the shipped files

How it works
------------
1. A fine random tessellation (~1,850 Voronoi cells of a jittered 200 m grid) is
   noded together with a wiggly city outline on a 1 cm grid (so neighbouring
   polygons share identical vertices) and polygonised.
2. 24 Sozialräume grow from hand-placed seeds over adjacent cells (a multi-source
   shortest-path growth with random edge costs: irregular, zigzag boundaries);
   the 25th is an exclave a few hundred metres west of the main body.
   Stadtteile and Stadtbezirke are coverage unions of their Sozialräume.
3. A smooth random field plus a designed deprived cluster around the station
   (north of the old town) gives a latent deprivation value per Sozialraum; a
   separate, mostly independent field (older suburbs) drives ageing.
4. Counts for six Stichtage are drawn from binomial/multinomial models of these
   fields, nested so that parts sum to totals and numerators never exceed
   their denominators.
5. The boundary reform of 31.12.2022 (drawn after the old boundaries, so they do not
   change with it): 0901 is split into 0903 and 0904, the edge of 1001 along 1002 goes
   to 1002. Fields and counts are made for the pieces both Gebietsstände agree on and
   summed per Sozialraum of the Gebietsstand valid at each Stichtag. Designed trends:
   0601 rises into the station cluster, 0301 recovers (``designed_trends`` in the JSON).
"""

from __future__ import annotations

import argparse
import heapq
import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

SEED = 13  # chosen among seeds 1-20: the clearest designed patterns (see README)
VERSION = "1.0"
CRS = "EPSG:25832"
# Centre of the fictional city: in the forested Solling upland (Lower Saxony),
# away from any real town.
CENTER = (538_000.0, 5_731_000.0)
GRID = 0.01  # metres: coordinates are rounded to centimetres
TARGET_EW_2024 = 75_000
YEARS = (2019, 2020, 2021, 2022, 2023, 2024)
STICHTAGE = tuple(f"31.12.{y}" for y in YEARS)
NOTE = (
    "Musterstadt ist eine fiktive Stadt; alle Grenzen und Zahlen sind synthetisch "
    "(fiktiv/synthetisch, zufällig erzeugt). Musterstadt is a fictional city; all "
    "boundaries and numbers are synthetic."
)

# Merkmal codes in the order of the CSV rows and XLSX columns.
MERKMALE = (
    "EW", "EW_M", "EW_W", "EW_DEU", "EW_NDEU",
    "EW_U6", "EW_6_14", "EW_15_17", "EW_18_64", "EW_65U", "EW_80U",
    "EW_U15", "EW_15_64", "EW_U65",
    "SGB2", "SGB2_U15", "ALO", "ALO_SGB2", "ALO_SGB3",
    "HH", "HH_KIND", "HH_AE", "GRUSI", "GRUSI_65U",
    "ESU", "ESU_SPRACH", "ESU_UEBERGEW", "WOGEL_HH", "FLAECHE_HA",
)  # fmt: skip

BEZIRKE = {"1": "Mitte", "2": "Nord", "3": "Ost", "4": "Süd-West"}
# ST_NR -> (name, SB_NR)
STADTTEILE = {
    "01": ("Altstadt", "1"),
    "02": ("Schloßberg", "1"),
    "03": ("Mühlenbach", "1"),
    "04": ("Bahnhofsviertel", "2"),
    "05": ("Nordstadt", "2"),
    "06": ("Brückenfeld", "2"),
    "07": ("Hafen", "3"),
    "08": ("Eichenbrink", "3"),
    "09": ("Buchenhagen", "4"),
    "10": ("Wiesenfeld", "4"),
    "11": ("Sollingrode", "4"),
}
# SR_NR -> (name, seed x km, seed y km from CENTER, growth speed)
SOZIALRAEUME = {
    "0101": ("Altstadt-Nord", 0.1, 0.5, 0.55),
    "0102": ("Altstadt-Süd", 0.0, -0.5, 0.55),
    "0103": ("Am Schloßpark", -0.9, 0.1, 0.6),
    "0201": ("Schloßberg", -1.9, -0.4, 0.9),
    "0202": ("Lindenhöhe", -1.6, 0.9, 0.8),
    "0301": ("Mühlenviertel", 1.0, -0.2, 0.6),
    "0302": ("An der Mühlenbreite", 1.3, -1.3, 0.8),
    "0401": ("Bahnhofsviertel", 0.5, 1.5, 0.6),
    "0402": ("Güterbahnhof", 1.5, 1.3, 0.7),
    "0403": ("Nordring", -0.5, 1.7, 0.65),
    "0501": ("Nordstadt", 0.3, 2.8, 0.8),
    "0502": ("Vogelsang", -1.3, 3.0, 1.1),
    "0601": ("Brückenfeld", 1.9, 2.5, 0.9),
    "0602": ("Hasenwinkel", 2.4, 3.5, 1.1),
    "0701": ("Gewerbegebiet Hafenstraße", 3.3, 1.1, 0.75),
    "0702": ("Hafenviertel", 2.4, 0.0, 0.8),
    "0801": ("Eichenbrink", 4.0, -0.6, 1.2),
    "0802": ("Teichgärten", 2.7, -2.2, 1.1),
    "0901": ("Buchenhagen", -0.5, -2.0, 0.9),
    "0902": ("Am Hirtenanger", 0.6, -3.0, 1.1),
    "1001": ("Wiesenfeld", -2.6, -1.9, 1.0),
    "1002": ("Flachsbreite", -1.5, -3.1, 1.1),
    "1101": ("Sollingrode", -3.6, 0.3, 1.2),
    "1102": ("Am Haferkamp", -3.2, 1.9, 1.1),
    "1103": ("Klostergut Heiligenborn", None, None, None),  # the exclave
}
ISLAND = "1103"
INDUSTRIAL = "0701"
# designed deprived cluster at the station on the last Stichtag (2024) and on the first
HOTSPOT = ("0401", "0402", "0101", "0601")
HOTSPOT_2019 = ("0401", "0402", "0101", "0301")
STATION = (0.5, 1.4)  # km from CENTER
NEWBUILD = "1002"  # a new housing estate: grows over the years
GENTRIFYING = "0102"  # deprivation slowly falling
# The boundary reform: from REFORM_STICHTAG on, SPLIT's old area is two new ones (grown
# from two seeds inside it) and the cells of MOVED[0] that touch MOVED[1] belong to
# MOVED[1] (the new estate grew across the old boundary). Both changes stay inside their
# Stadtteil, so Stadtteile, Stadtbezirke and the city keep their boundaries.
REFORM_YEAR = 2022
REFORM_STICHTAG = f"31.12.{REFORM_YEAR}"
SPLIT = ("0901", ("0903", "0904"))
NEW_SOZIALRAEUME = {"0903": "Buchenhagen-Nord", "0904": "Buchenhagen-Süd"}
MOVED = ("1001", "1002")
#: GeoPackage layers of the Sozialräume per Gebietsstand: layer -> (valid from, valid to)
GEBIETSSTAENDE = {
    "sozialraeume_2019": ("31.12.2019", "31.12.2021"),
    "sozialraeume": (REFORM_STICHTAG, None),
}
# Designed trends (latent deprivation per year, on top of the slow drift of every area):
# EMERGING rises into the station cluster's hot spot in the last years, RECOVERING
# (part of the cluster in 2019) falls out of it.
EMERGING = "0601"
RECOVERING = "0301"
TREND_PER_YEAR = {EMERGING: 0.3, RECOVERING: -0.3}
#: lift of the 2024 latent value (after the softened top): the level it rises to
EMERGING_LIFT = {EMERGING: 0.3}


def _smooth_blob(rng, cx, cy, rx, ry, n_harm, amp, n=720):
    """A closed wiggly curve around (cx, cy): an ellipse with random harmonics."""
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    r = np.ones_like(t)
    for k in range(2, n_harm + 2):
        r += amp * k**-1.4 * rng.normal() * np.cos(k * t + rng.uniform(0, 2 * np.pi))
    xy = np.column_stack([cx + rx * r * np.cos(t), cy + ry * r * np.sin(t)])
    return shapely.Polygon(np.round(xy / GRID) * GRID)


def _cells(rng, outline):
    """Polygonise a jittered-grid Voronoi tessellation clipped by `outline` on the cm grid."""
    minx, miny, maxx, maxy = outline.buffer(600).bounds
    step = 200.0
    xs = np.arange(minx, maxx, step)
    ys = np.arange(miny, maxy, step)
    gx, gy = np.meshgrid(xs, ys)
    pts = np.column_stack([gx.ravel(), gy.ravel()])
    pts = pts + rng.uniform(-0.42, 0.42, pts.shape) * step
    vor = shapely.voronoi_polygons(
        shapely.multipoints(pts), extend_to=shapely.box(minx, miny, maxx, maxy)
    )
    lines = list(shapely.boundary(shapely.get_parts(vor))) + [outline.exterior]
    noded = shapely.union_all(lines, grid_size=GRID)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    inside = shapely.contains_properly(outline, shapely.point_on_surface(faces))
    cells = faces[inside]
    # deterministic order: by centroid (row-major)
    c = shapely.centroid(cells)
    order = np.lexsort((np.round(shapely.get_x(c), 2), np.round(shapely.get_y(c), 2)))
    return cells[order]


def _adjacency(cells):
    """Cells sharing an edge segment (exact, the coordinates are identical on both sides)."""
    owner: dict[tuple, list[int]] = {}
    for i, poly in enumerate(cells):
        ring = np.round(shapely.get_coordinates(poly.exterior) / GRID).astype(np.int64)
        for a, b in zip(ring[:-1], ring[1:], strict=True):
            ta, tb = tuple(a), tuple(b)
            key = (ta, tb) if ta <= tb else (tb, ta)
            owner.setdefault(key, []).append(i)
    nbrs: list[set[int]] = [set() for _ in cells]
    for idx in owner.values():
        for i in idx:
            nbrs[i].update(j for j in idx if j != i)
    return [sorted(s) for s in nbrs]


def _grow(rng, cells, nbrs, seeds, speeds):
    """Multi-source shortest-path growth with random edge costs; returns a label per cell."""
    cen = shapely.get_coordinates(shapely.centroid(cells))
    n = len(cells)
    noise = {}
    label = np.full(n, -1)
    dist = np.full(n, np.inf)
    heap = []
    for s, (cell, speed) in enumerate(zip(seeds, speeds, strict=True)):
        dist[cell] = 0.0
        heapq.heappush(heap, (0.0, s, cell, speed))
    while heap:
        d, s, i, speed = heapq.heappop(heap)
        if label[i] != -1:
            continue
        label[i] = s
        for j in nbrs[i]:
            if label[j] != -1:
                continue
            key = (min(i, j), max(i, j))
            if key not in noise:
                noise[key] = rng.lognormal(0.0, 0.45)
            nd = d + np.hypot(*(cen[i] - cen[j])) * noise[key] / speed
            if nd < dist[j]:
                dist[j] = nd
                heapq.heappush(heap, (nd, s, j, speed))
    return label


def _random_field(rng, xy_km, n_waves=12, wavelength=(4.0, 9.0)):
    """A smooth isotropic random field (random Fourier features), standardised."""
    val = np.zeros(len(xy_km))
    for _ in range(n_waves):
        lam = rng.uniform(*wavelength)
        ang = rng.uniform(0, np.pi)
        k = 2 * np.pi / lam * np.array([np.cos(ang), np.sin(ang)])
        val += rng.normal() * np.cos(xy_km @ k + rng.uniform(0, 2 * np.pi))
    return (val - val.mean()) / val.std()


def _z(x):
    x = np.asarray(x, dtype=float)
    return (x - x.mean()) / x.std()


def _logistic(x):
    return 1.0 / (1.0 + np.exp(-x))


def _logit(p):
    return np.log(p / (1 - p))


@dataclass(frozen=True)
class City:
    """The generated boundaries: Sozialraum keys and geometries, the coarser levels by key.

    ``keys``/``sr_geoms`` are the current Gebietsstand (from REFORM_STICHTAG on),
    ``old_keys``/``old_geoms`` the one before. ``atoms`` are the pieces both agree on
    (``(old key, new key)`` per piece): counts are drawn per piece and summed per version.
    """

    keys: list  # SR_NR in order (current Gebietsstand)
    sr_geoms: np.ndarray
    st_geoms: dict
    sb_geoms: dict
    city_geom: object
    n_cells: int
    old_keys: list = None
    old_geoms: np.ndarray = None
    atoms: list = None
    atom_geoms: np.ndarray = None


def sr_name(key: str) -> str:
    return NEW_SOZIALRAEUME[key] if key in NEW_SOZIALRAEUME else SOZIALRAEUME[key][0]


def _reform_labels(rng, cells, nbrs, label: np.ndarray) -> np.ndarray:
    """The cells' keys after the reform: SPLIT's cells grown from two seeds, MOVED's edge."""
    new = label.copy()
    old, (north, south) = SPLIT
    mine = np.flatnonzero(label == old)
    cen = shapely.get_coordinates(shapely.centroid(cells[mine]))
    # the two seeds: the cells farthest apart along the area's main axis
    centred = cen - cen.mean(axis=0)
    axis = np.linalg.svd(centred, full_matrices=False)[2][0]
    proj = centred @ axis
    ends = [int(np.argmax(proj)), int(np.argmin(proj))]
    if cen[ends[0], 1] < cen[ends[1], 1]:
        ends.reverse()  # the first seed is the northern end
    pos = {c: j for j, c in enumerate(mine)}
    sub_nbrs = [[pos[j] for j in nbrs[c] if j in pos] for c in mine]
    halves = _grow(rng, cells[mine], sub_nbrs, ends, [1.0, 1.0])
    new[mine] = np.where(halves == 0, north, south)
    source, target = MOVED
    edge = [i for i in np.flatnonzero(label == source) if any(label[j] == target for j in nbrs[i])]
    new[edge] = target
    return new


def build_geometry(rng) -> City:
    """The boundaries of all four levels and both Gebietsstände (see the module docstring)."""
    cx, cy = CENTER
    outline = _smooth_blob(rng, cx, cy, 5100.0, 4300.0, n_harm=24, amp=0.35)
    cells = _cells(rng, outline)
    nbrs = _adjacency(cells)
    cen = shapely.get_coordinates(shapely.centroid(cells))
    grown = [k for k, v in SOZIALRAEUME.items() if v[1] is not None]
    seeds, speeds = [], []
    for k in grown:
        _, sx, sy, sp = SOZIALRAEUME[k]
        target = np.array([cx + sx * 1000, cy + sy * 1000])
        seeds.append(int(np.argmin(np.hypot(*(cen - target).T))))
        speeds.append(sp)
    label = _grow(rng, cells, nbrs, seeds, speeds)
    sr = {k: shapely.coverage_union_all(cells[label == i]) for i, k in enumerate(grown)}
    # the exclave: a small wiggly blob west of the main body, clearly detached
    west = shapely.get_coordinates(outline.exterior)
    wy = cy + 300.0
    row = west[np.abs(west[:, 1] - wy) < 400]
    edge_x = row[:, 0].min()
    island = _smooth_blob(rng, edge_x - 1050.0, wy, 560.0, 360.0, n_harm=10, amp=0.5, n=240)
    sr[ISLAND] = island
    old_keys = sorted(sr)
    old_geoms = np.array([sr[k] for k in old_keys], dtype=object)
    # the reform (drawn after everything above: the old Gebietsstand is unchanged by it)
    old_label = np.array(grown, dtype=object)[label]
    new_label = _reform_labels(rng, cells, nbrs, old_label)
    changed = {SPLIT[0], *SPLIT[1], *MOVED}
    new = {k: g for k, g in sr.items() if k not in changed}
    for k in sorted(set(new_label) & changed):
        new[k] = shapely.coverage_union_all(cells[new_label == k])
    keys = sorted(new)
    sr_geoms = np.array([new[k] for k in keys], dtype=object)
    pairs = sorted({(str(o), str(n)) for o, n in zip(old_label, new_label, strict=True)})
    atom_geoms = []
    for o, n in pairs:
        if o not in changed:
            atom_geoms.append(sr[o])
        else:
            atom_geoms.append(shapely.coverage_union_all(
                cells[(old_label == o) & (new_label == n)]))
    atoms = [*pairs, (ISLAND, ISLAND)]
    atom_geoms = np.array([*atom_geoms, island], dtype=object)
    st_geoms = {
        st: shapely.coverage_union_all(old_geoms[[k[:2] == st for k in old_keys]])
        for st in STADTTEILE
    }
    sb_geoms = {
        sb: shapely.coverage_union_all([g for st, g in st_geoms.items() if STADTTEILE[st][1] == sb])
        for sb in BEZIRKE
    }
    city_geom = shapely.coverage_union_all(list(sb_geoms.values()))
    city = City(keys, sr_geoms, st_geoms, sb_geoms, city_geom, len(cells),
                old_keys, old_geoms, atoms, atom_geoms)
    _check_geometry(city)
    return city


def _check_geometry(city: City) -> None:
    """Refuse to write a broken city (a guard for other seeds; the tests check more)."""
    levels = {
        "sozialraeume": city.sr_geoms,
        "sozialraeume_2019": city.old_geoms,
        "pieces": city.atom_geoms,
        "stadtteile": np.array(list(city.st_geoms.values()), dtype=object),
        "stadtbezirke": np.array(list(city.sb_geoms.values()), dtype=object),
    }
    for name, geoms in levels.items():
        if shapely.is_empty(geoms).any() or not shapely.is_valid(geoms).all():
            raise RuntimeError(f"generator produced empty or invalid {name}")
        if not shapely.coverage_is_valid(geoms):
            raise RuntimeError(f"generator produced an invalid coverage of {name}")
        gap = shapely.union_all(geoms).symmetric_difference(city.city_geom).area
        if gap > 1.0:
            raise RuntimeError(f"{name} do not cover the city ({gap:.1f} m² differ)")
    for keys, geoms in ((city.keys, city.sr_geoms), (city.old_keys, city.old_geoms)):
        parts = {k: len(shapely.get_parts(g)) for k, g in zip(keys, geoms, strict=True)}
        if any(n != 1 for n in parts.values()):
            raise RuntimeError(f"a Sozialraum in several parts: {parts}")
        island = geoms[keys.index(ISLAND)]
        if shapely.union_all(np.delete(geoms, keys.index(ISLAND))).distance(island) < 200:
            raise RuntimeError("the exclave touches the main body")


def _piece_index(city: City) -> dict:
    """Old key -> position among the pieces, for the areas the reform left whole."""
    olds = [o for o, _ in city.atoms]
    return {o: i for i, o in enumerate(olds) if olds.count(o) == 1}


def _sr_fields(rng, city: City):
    """Latent deprivation and ageing per piece (see City), plus 2024 population sizes."""
    n = len(city.atoms)
    cx, cy = CENTER
    # fine evaluation points: a 100 m grid over the city, each point in its piece
    minx, miny, maxx, maxy = city.city_geom.bounds
    xs, ys = np.meshgrid(np.arange(minx, maxx, 100.0) + 50, np.arange(miny, maxy, 100.0) + 50)
    grid = shapely.points(xs.ravel(), ys.ravel())
    pts_xy, pts_sr = [], []
    for i, g in enumerate(city.atom_geoms):
        inside = shapely.contains(g, grid)
        cand = grid[inside] if inside.any() else np.array([g.point_on_surface()])
        xy = shapely.get_coordinates(cand)
        pts_xy.append(xy)
        pts_sr.append(np.full(len(xy), i))
    pts_xy = np.vstack(pts_xy)
    pts_sr = np.concatenate(pts_sr)
    km = (pts_xy - np.array([cx, cy])) / 1000.0
    r = np.hypot(km[:, 0], km[:, 1])
    # population density per 100 m x 100 m point: dense core, thin outskirts, noisy
    dens = (np.exp(-r / 1.4) + 0.05) * rng.lognormal(0.0, 0.35, len(r))
    pop = np.bincount(pts_sr, weights=dens, minlength=n)
    # deprivation: smooth random field + designed bump at the station
    field = _random_field(rng, km, wavelength=(7.0, 14.0))
    bump = np.exp(-np.sum((km - np.array(STATION)) ** 2, axis=1) / (2 * 0.9**2))
    dep_pt = 0.6 * field + 2.4 * bump
    dep = np.bincount(pts_sr, weights=dep_pt * dens, minlength=n) / pop
    idx = _piece_index(city)
    for k in HOTSPOT:
        dep[idx[k]] += 0.45
    dep[idx[ISLAND]] = 0.0  # a rural estate of average means
    dep = _z(dep)
    dep = np.where(dep > 1.2, 1.2 + 0.5 * (dep - 1.2), dep)  # a softer top: realistic maxima
    for k, lift in EMERGING_LIFT.items():
        dep[idx[k]] += lift
    # ageing: older suburbs (distance from the centre) + own smooth field,
    # made nearly orthogonal to deprivation so the two patterns differ
    field2 = _random_field(rng, km, n_waves=10)
    age_pt = 0.8 * _z(np.minimum(r, 4.0)) + 0.6 * field2
    age = np.bincount(pts_sr, weights=age_pt * dens, minlength=n) / pop
    age = _z(age)
    age = age - (age @ dep) / (dep @ dep) * dep  # remove the linear part explained by dep
    age = _z(age - 0.15 * dep)
    # population 2024: scaled to the target total
    ew = pop / pop.sum()
    ew_ind, ew_isl = 175.0, 420.0  # industrial area, exclave estate
    ew[idx[INDUSTRIAL]] = 0.0
    ew[idx[ISLAND]] = 0.0
    ew = ew / ew.sum() * (TARGET_EW_2024 - ew_ind - ew_isl)
    ew[idx[INDUSTRIAL]] = ew_ind
    ew[idx[ISLAND]] = ew_isl
    return dep, age, ew


def version(city: City, year: int) -> tuple[list, np.ndarray]:
    """The Sozialraum keys and geometries valid on 31.12. of `year`."""
    if year >= REFORM_YEAR:
        return city.keys, city.sr_geoms
    return city.old_keys, city.old_geoms


def build_statistics(rng, city: City, dep, age, ew2024):
    """Counts per Stichtag x Sozialraum of the Gebietsstand valid then.

    The counts are drawn per piece (see City) and summed per Sozialraum, so the two
    Gebietsstände hold the same people: dict year -> dict Merkmal -> int array in the
    order of :func:`version`'s keys.
    """
    pieces = _piece_counts(rng, city, dep, age, ew2024)
    out = {}
    for year in YEARS:
        keys, geoms = version(city, year)
        member = np.array([[(n if year >= REFORM_YEAR else o) == k for o, n in city.atoms]
                           for k in keys], dtype=np.int64)  # Sozialraum x piece
        table = {m: member @ v for m, v in pieces[year].items() if m != "FLAECHE_HA"}
        table["FLAECHE_HA"] = np.round(shapely.area(geoms) / 10_000.0, 2)
        out[year] = {m: table[m] for m in MERKMALE}
    return out


def _piece_counts(rng, city: City, dep, age, ew2024):
    """Counts per Stichtag x piece: dict year -> dict Merkmal -> int array."""
    n = len(city.atoms)
    idx = _piece_index(city)
    newbuild = [i for i, (o, nk) in enumerate(city.atoms) if nk == NEWBUILD]
    growth = rng.normal(0.002, 0.005, n)
    growth[newbuild] = 0.05  # Flachsbreite and the part of Wiesenfeld it grew into
    growth[idx[INDUSTRIAL]] = -0.01
    dep_trend = rng.normal(0.0, 0.015, n)
    for k in HOTSPOT:
        dep_trend[idx[k]] += 0.03
    dep_trend[idx[GENTRIFYING]] = -0.06
    for k, per_year in TREND_PER_YEAR.items():
        dep_trend[idx[k]] = per_year
    # city-wide SGB II level by year (pandemic 2020/21, refugees from Ukraine 2022)
    level = {2019: 0.0, 2020: 0.04, 2021: 0.02, 2022: 0.08, 2023: 0.09, 2024: 0.1}
    area_ha = np.zeros(n)
    out = {}
    for year in YEARS:
        dt = year - 2024
        d = dep + dep_trend * dt
        lv = level[year]
        ew = np.maximum(np.round(ew2024 * (1 + growth * dt) * rng.lognormal(0, 0.004, n)), 60)
        ew = ew.astype(np.int64)
        p65 = np.clip(0.215 + 0.045 * age - 0.006 * d + 0.0025 * dt, 0.08, 0.40)
        pu18 = np.clip(0.165 + 0.022 * d - 0.014 * age - 0.0005 * dt, 0.08, 0.30)
        p = np.column_stack([pu18 * 0.33, pu18 * 0.50, pu18 * 0.17, 1 - p65 - pu18, p65])
        ages = np.array([rng.multinomial(e, pp / pp.sum()) for e, pp in zip(ew, p, strict=True)])
        u6, a6_14, a15_17, a18_64, a65 = ages.T
        a80 = rng.binomial(a65, np.clip(0.33 + 0.04 * age + 0.004 * dt, 0.1, 0.6))
        u15 = u6 + a6_14
        a15_64 = a15_17 + a18_64
        u65 = ew - a65
        w = rng.binomial(ew, 0.508 + 0.006 * age)
        ndeu = rng.binomial(ew, _logistic(_logit(0.115) + 0.55 * d + 0.05 * (year - 2019)))
        sgb2_u15 = rng.binomial(u15, _logistic(_logit(0.15) + 0.75 * d + lv))
        sgb2_adult = rng.binomial(a15_64, _logistic(_logit(0.08) + 0.72 * d + lv))
        sgb2 = sgb2_u15 + sgb2_adult
        alo_sgb2 = rng.binomial(sgb2_adult, 0.37)
        alo_sgb3 = rng.binomial(a15_64 - alo_sgb2, _logistic(_logit(0.021) + 0.2 * d))
        hh_size = np.clip(1.95 + 2.0 * (pu18 - 0.165) + 0.04 * d - 0.06 * age, 1.5, 2.6)
        hh = np.round(ew / hh_size * rng.lognormal(0, 0.01, n)).astype(np.int64)
        u18 = u15 + a15_17
        hh_kind = np.minimum(rng.binomial(u18, 0.6), hh)
        hh_ae = rng.binomial(hh_kind, _logistic(_logit(0.19) + 0.45 * d))
        wogel = rng.binomial(hh, _logistic(_logit(0.022) + 0.55 * d))
        grusi_65 = rng.binomial(a65, _logistic(_logit(0.027) + 0.8 * d))
        grusi_18_64 = rng.binomial(a18_64, _logistic(_logit(0.006) + 0.5 * d))
        esu = rng.binomial(u6, 0.16)
        esu_sprach = rng.binomial(esu, _logistic(_logit(0.17) + 0.85 * d))
        esu_ueber = rng.binomial(esu, _logistic(_logit(0.09) + 0.3 * d))
        out[year] = {
            "EW": ew, "EW_M": ew - w, "EW_W": w, "EW_DEU": ew - ndeu, "EW_NDEU": ndeu,
            "EW_U6": u6, "EW_6_14": a6_14, "EW_15_17": a15_17, "EW_18_64": a18_64,
            "EW_65U": a65, "EW_80U": a80, "EW_U15": u15, "EW_15_64": a15_64, "EW_U65": u65,
            "SGB2": sgb2, "SGB2_U15": sgb2_u15, "ALO": alo_sgb2 + alo_sgb3,
            "ALO_SGB2": alo_sgb2, "ALO_SGB3": alo_sgb3,
            "HH": hh, "HH_KIND": hh_kind, "HH_AE": hh_ae,
            "GRUSI": grusi_65 + grusi_18_64, "GRUSI_65U": grusi_65,
            "ESU": esu, "ESU_SPRACH": esu_sprach, "ESU_UEBERGEW": esu_ueber,
            "WOGEL_HH": wogel, "FLAECHE_HA": area_ha,
        }  # fmt: skip
    return out


# --------------------------------------------------------------------------- writers

LAYER_DESCRIPTIONS = {
    "sozialraeume": (
        "Sozialräume der fiktiven Musterstadt, Gebietsstand ab 31.12.2022 (aktuell; "
        "synthetisch, erfunden)"
    ),
    "sozialraeume_2019": (
        "Sozialräume der fiktiven Musterstadt, Gebietsstand 31.12.2019 bis 31.12.2021 (vor der "
        "Gebietsreform; synthetisch, erfunden)"
    ),
    "stadtteile": "Stadtteile der fiktiven Musterstadt (synthetisch, erfunden)",
    "stadtbezirke": "Stadtbezirke der fiktiven Musterstadt (synthetisch, erfunden)",
    "stadt": "Stadtgebiet der fiktiven Musterstadt (synthetisch, erfunden)",
}
CITY_NAME = "Musterstadt (fiktiv)"
CITY_AGS = "99999999"
FIXED_TIME = (2025, 1, 1, 0, 0, 0)  # timestamps inside the XLSX (zip entries, core.xml)


def _layers(city: City):
    """The layers as (name, GeoDataFrame) pairs (geopandas imported lazily).

    ``sozialraeume`` is the current Gebietsstand, ``sozialraeume_2019`` the one before the
    reform (see GEBIETSSTAENDE); the coarser levels did not change.
    """
    import geopandas as gpd
    import pandas as pd

    def sozialraeume(keys, geoms):
        frame = pd.DataFrame(
            {
                "SR_NR": keys,
                "name": [sr_name(k) for k in keys],
                "ST_NR": [k[:2] for k in keys],
                "SB_NR": [STADTTEILE[k[:2]][1] for k in keys],
            },
            dtype="string",
        )
        return gpd.GeoDataFrame(frame, geometry=list(geoms), crs=CRS)

    st = pd.DataFrame(
        {
            "ST_NR": list(STADTTEILE),
            "name": [v[0] for v in STADTTEILE.values()],
            "SB_NR": [v[1] for v in STADTTEILE.values()],
        },
        dtype="string",
    )
    sb = pd.DataFrame({"SB_NR": list(BEZIRKE), "name": list(BEZIRKE.values())}, dtype="string")
    town = pd.DataFrame({"AGS": [CITY_AGS], "name": [CITY_NAME]}, dtype="string")
    return [
        ("sozialraeume", sozialraeume(city.keys, city.sr_geoms)),
        ("sozialraeume_2019", sozialraeume(city.old_keys, city.old_geoms)),
        ("stadtteile", gpd.GeoDataFrame(st, geometry=list(city.st_geoms.values()), crs=CRS)),
        ("stadtbezirke", gpd.GeoDataFrame(sb, geometry=list(city.sb_geoms.values()), crs=CRS)),
        ("stadt", gpd.GeoDataFrame(town, geometry=[city.city_geom], crs=CRS)),
    ]


def write_gpkg(path: Path, city: City) -> None:
    import pyogrio

    # GDAL stamps "now" into gpkg_contents.last_change unless told otherwise: fix it
    # for reproducible files, and restore the caller's setting afterwards
    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2025-01-01T00:00:00.000Z"})
    try:
        for i, (name, gdf) in enumerate(_layers(city)):
            multi = gdf.set_geometry(
                [
                    g if g.geom_type == "MultiPolygon" else shapely.MultiPolygon([g])
                    for g in gdf.geometry
                ]
            )
            pyogrio.write_dataframe(
                multi,
                path,
                layer=name,
                driver="GPKG",
                append=i > 0,
                geometry_type="MultiPolygon",
                layer_options={"DESCRIPTION": LAYER_DESCRIPTIONS[name], "IDENTIFIER": name},
            )
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})
    _add_column_descriptions(path)


COLUMN_DESCRIPTIONS = {
    "SR_NR": (
        "Sozialraum-Nr.",
        "Schlüssel des Sozialraums (Text, 4 Stellen: Stadtteil-Nr. + laufende Nr.)",
    ),
    "ST_NR": ("Stadtteil-Nr.", "Schlüssel des Stadtteils (Text, 2 Stellen)"),
    "SB_NR": ("Stadtbezirk-Nr.", "Schlüssel des Stadtbezirks (Text, 1 Stelle)"),
    "AGS": ("AGS", "Amtlicher Gemeindeschlüssel (fiktiv: 99999999, keine echte Gemeinde)"),
    "name": ("Name", "Name (erfunden)"),
    "geom": ("Geometrie", "Grenze (synthetisch, EPSG:25832)"),
}


def _add_column_descriptions(path: Path) -> None:
    """Describe every column in the GeoPackage schema extension (gpkg_data_columns)."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        con.executescript(
            """
            CREATE TABLE IF NOT EXISTS gpkg_data_columns (
              table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT,
              description TEXT, mime_type TEXT, constraint_name TEXT,
              CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
              CONSTRAINT gdc_tn UNIQUE (table_name, name));
            CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (
              constraint_name TEXT NOT NULL, constraint_type TEXT NOT NULL, value TEXT,
              min NUMERIC, min_is_inclusive BOOLEAN, max NUMERIC, max_is_inclusive BOOLEAN,
              description TEXT,
              CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value));
            """
        )
        for table in LAYER_DESCRIPTIONS:
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            for col in cols:
                if col not in COLUMN_DESCRIPTIONS:
                    continue
                title, desc = COLUMN_DESCRIPTIONS[col]
                con.execute(
                    "INSERT INTO gpkg_data_columns"
                    " (table_name, column_name, name, title, description) VALUES (?, ?, ?, ?, ?)",
                    (table, col, col, title, desc + " (Musterstadt, fiktiv/synthetisch)"),
                )
        for ext_table in ("gpkg_data_columns", "gpkg_data_column_constraints"):
            con.execute(
                "INSERT INTO gpkg_extensions"
                " (table_name, column_name, extension_name, definition, scope)"
                " VALUES (?, NULL, 'gpkg_schema',"
                " 'http://www.geopackage.org/spec/#extension_schema', 'read-write')",
                (ext_table,),
            )
        con.commit()
    finally:
        con.close()


def _wert(merkmal: str, value) -> str:
    if merkmal == "FLAECHE_HA":
        return f"{value:.2f}".replace(".", ",")
    return "-" if value == 0 else str(int(value))


def csv_bytes(city: City, stats) -> bytes:
    """Long format: Stichtag;SR_NR;Merkmal;Wert, CRLF, UTF-8 with BOM, '-' for a true zero."""
    rows = ["Stichtag;SR_NR;Merkmal;Wert"]
    for year, stichtag in zip(YEARS, STICHTAGE, strict=True):
        for i, key in enumerate(version(city, year)[0]):
            for m in MERKMALE:
                rows.append(f"{stichtag};{key};{m};{_wert(m, stats[year][m][i])}")
    return ("\r\n".join(rows) + "\r\n").encode("utf-8-sig")


def xlsx_bytes(city: City, stats) -> bytes:
    """One wide sheet per Stichtag; keys as text cells; '-' for a true zero; fixed timestamps."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    fixed = dt.datetime(*FIXED_TIME)
    wb.properties.creator = "Musterstadt-Generator (fiktiv, synthetisch)"
    wb.properties.title = "Musterstadt (fiktiv): Statistik nach Sozialräumen"
    wb.properties.description = NOTE
    wb.properties.created = fixed
    wb.properties.modified = fixed
    for year, stichtag in zip(YEARS, STICHTAGE, strict=True):
        ws = wb.create_sheet(stichtag)
        ws.append(["SR_NR", "name", *MERKMALE])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for i, key in enumerate(version(city, year)[0]):
            values = []
            for m in MERKMALE:
                v = stats[year][m][i]
                values.append(float(v) if m == "FLAECHE_HA" else ("-" if v == 0 else int(v)))
            ws.append([key, sr_name(key), *values])
            ws.cell(row=i + 2, column=1).number_format = "@"  # keys are text
        ws.freeze_panes = "C2"
        ws.column_dimensions["B"].width = 28
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps "now" into docProps/core.xml and the zip entries: make them fixed
    stamp = dt.datetime(*FIXED_TIME).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms)",
                    rf"\g<1>{stamp}\g<2>",
                    text,
                )
                data = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, data)
    return out.getvalue()


def _by_area(city: City, keys, new: bool, values, weights) -> dict:
    """Weighted means of piece values per Sozialraum of one Gebietsstand (4 decimals)."""
    out = {}
    for k in keys:
        mine = [i for i, (o, n) in enumerate(city.atoms) if (n if new else o) == k]
        w = np.asarray(weights, dtype=float)[mine]
        out[k] = round(float(np.asarray(values)[mine] @ w / w.sum()), 4)
    return out


def truth(city: City, dep, age, stats, ew2024) -> dict:
    """The generator's ground truth (everything the tests and docs may rely on)."""
    moved = city.atoms.index(MOVED)
    split_old, split_new = SPLIT
    return {
        "name": CITY_NAME,
        "note": NOTE,
        "fiktiv": True,
        "synthetisch": True,
        "version": VERSION,
        "seed": SEED,
        "generator": "boundaries/generate.py",
        "crs": CRS,
        "center": list(CENTER),
        "location": "Solling (Niedersachsen), bewaldetes Bergland, nicht auf einer realen Stadt",
        "ags": CITY_AGS,
        "stichtage": list(STICHTAGE),
        "merkmale": list(MERKMALE),
        "n_cells": city.n_cells,
        "island": ISLAND,
        "industrial": INDUSTRIAL,
        "hotspot": list(HOTSPOT),
        "hotspot_2019": list(HOTSPOT_2019),
        "designed_trends": {
            "emerging": {
                "SR_NR": EMERGING, "latent_per_year": TREND_PER_YEAR[EMERGING],
                "rate": "SGB2/EW_U65",
                "ehsa": ["new_hot", "consecutive_hot"], "trend": "steigend",
                "note": "steigt in den letzten Jahren in den Hot Spot am Bahnhof auf",
            },
            "recovering": {
                "SR_NR": RECOVERING, "latent_per_year": TREND_PER_YEAR[RECOVERING],
                "rate": "SGB2/EW_U65", "trend": "fallend",
                "note": "2019 Teil des Hot Spots am Bahnhof, erholt sich bis 2024",
            },
        },  # fmt: skip
        "reform": {
            "stichtag": REFORM_STICHTAG,
            "gebietsstaende": {
                layer: {"gueltig_ab": a, "gueltig_bis": b}
                for layer, (a, b) in GEBIETSSTAENDE.items()
            },
            "split": {split_old: list(split_new)},
            "moved": {
                "from": MOVED[0], "to": MOVED[1],
                "flaeche_ha": round(float(city.atom_geoms[moved].area) / 10_000.0, 2),
            },
            "pieces": [list(a) for a in city.atoms],
            "latent_deprivation_before": _by_area(city, city.old_keys, False, dep, ew2024),
        },  # fmt: skip
        "newbuild": NEWBUILD,
        "gentrifying": GENTRIFYING,
        "station_xy": [CENTER[0] + STATION[0] * 1000, CENTER[1] + STATION[1] * 1000],
        "latent_deprivation": _by_area(city, city.keys, True, dep, ew2024),
        "latent_ageing": _by_area(city, city.keys, True, age, ew2024),
        "ew_total": {s: int(stats[y]["EW"].sum()) for y, s in zip(YEARS, STICHTAGE, strict=True)},
        "deprivation_rates": {
            "SGB2": "EW_U65",
            "SGB2_U15": "EW_U15",
            "ALO": "EW_15_64",
            "GRUSI_65U": "EW_65U",
            "HH_AE": "HH_KIND",
            "WOGEL_HH": "HH",
            "ESU_SPRACH": "ESU",
        },  # fmt: skip
        "ageing_rate": {"EW_65U": "EW"},
    }


def generate(seed: int = SEED):
    """Build everything in memory: (city, stats, truth dict)."""
    # one independent stream per stage (numpy SeedSequence): a change in one stage
    # does not re-roll the random numbers of the others
    rng_geometry, rng_fields, rng_counts = (np.random.default_rng([seed, i]) for i in range(3))
    city = build_geometry(rng_geometry)
    dep, age, ew = _sr_fields(rng_fields, city)
    stats = build_statistics(rng_counts, city, dep, age, ew)
    t = truth(city, dep, age, stats, ew)
    t["seed"] = seed
    return city, stats, t


FILES = (
    "musterstadt.gpkg",
    "musterstadt_statistik.csv",
    "musterstadt_statistik.xlsx",
    "musterstadt_generator.json",
)


def write_all(out: Path, *, seed: int = SEED, force: bool = False) -> list[Path]:
    """Generate and write the four files into `out` (atomically, each one)."""
    try:
        from sozialraum._util.files import atomic_path
        from sozialraum.errors import OutputExistsError
    except ImportError:  # run from a source tree without installing the package
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from sozialraum._util.files import atomic_path
        from sozialraum.errors import OutputExistsError

    out = Path(out)
    existing = [f for f in FILES if (out / f).exists()]
    if existing and not force:
        raise OutputExistsError(
            f"{out} already holds {', '.join(existing)}. Pass --force to replace them "
            "or --out to write into another folder."
        )
    city, stats, t = generate(seed)
    payloads = {
        "musterstadt_statistik.csv": csv_bytes(city, stats),
        "musterstadt_statistik.xlsx": xlsx_bytes(city, stats),
        "musterstadt_generator.json": (
            json.dumps(t, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        ).encode("utf-8"),
    }
    written = []
    with atomic_path(out / "musterstadt.gpkg", force=force) as tmp:
        write_gpkg(tmp, city)
    written.append(out / "musterstadt.gpkg")
    for name, data in payloads.items():
        with atomic_path(out / name, force=force) as tmp:
            tmp.write_bytes(data)
        written.append(out / name)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate the fictional demo city Musterstadt (synthetic data)."
    )
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent, help="output folder"
    )
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
