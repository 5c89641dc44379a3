"""Synthetic district layers for tests and benchmarks (not the demo city).

:func:`grid_districts` gives a small regular grid whose true distances are
known (1 km squares); :func:`voronoi_districts` gives many irregular districts
with detailed, *shared* boundaries (a valid polygon coverage), like real
statistical districts, to test simplification and to benchmark large maps.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

ORIGIN = (400_000.0, 5_600_000.0)  # EPSG:25832, somewhere in western Germany


def grid_districts(rows: int = 5, cols: int = 5, size: float = 1000.0) -> gpd.GeoDataFrame:
    """A rows x cols grid of square districts (EPSG:25832), keys "0101".. (row, column)."""
    records = []
    for i in range(rows):
        for j in range(cols):
            x0, y0 = ORIGIN[0] + j * size, ORIGIN[1] + i * size
            records.append(
                {
                    "SR_NR": f"{i + 1:02d}{j + 1:02d}",
                    "name": f"Bezirk {i + 1}-{j + 1}",
                    "geometry": box(x0, y0, x0 + size, y0 + size),
                }
            )
    return gpd.GeoDataFrame(records, crs="EPSG:25832").set_index("SR_NR")


def enclave_districts() -> gpd.GeoDataFrame:
    """A district with a hole holding another district, a district in two parts, neighbours."""
    x0, y0 = ORIGIN

    def poly(*xy, holes=()):
        return Polygon(
            [(x0 + x, y0 + y) for x, y in xy], [[(x0 + x, y0 + y) for x, y in h] for h in holes]
        )

    square = [(300, 300), (600, 300), (600, 600), (300, 600)]
    ring = poly((0, 0), (900, 0), (900, 400), (900, 900), (0, 900), holes=[square[::-1]])
    enclave = poly(*square)
    two_parts = MultiPolygon(
        [
            poly((900, 0), (1200, 0), (1200, 400), (900, 400)),
            poly((1500, 0), (1800, 0), (1800, 400), (1500, 400)),
        ]
    )
    between = poly((1200, 0), (1500, 0), (1500, 400), (1200, 400))
    above = poly((900, 400), (1200, 400), (1500, 400), (1800, 400), (1800, 900), (900, 900))
    return gpd.GeoDataFrame(
        {"name": ["Ring", "Insel", "Zweiteilig", "Mitte", "Oben"]},
        geometry=[ring, enclave, two_parts, between, above],
        index=["01", "02", "03", "04", "05"],
        crs="EPSG:25832",
    )


def voronoi_districts(
    n: int, seed: int = 1, *, segment: float = 15.0, amplitude: float = 4.0
) -> gpd.GeoDataFrame:
    """`n` Voronoi districts with wiggly shared boundaries (EPSG:25832).

    The edges are densified every `segment` metres and every vertex is moved
    by a smooth function of its own coordinates (at most `amplitude` metres),
    so a vertex shared by two districts moves identically in both: the
    districts stay a gap-free coverage with many vertices per boundary.
    """
    rng = np.random.default_rng(seed)
    side = 250.0 * np.sqrt(n)  # about 6 ha per district, like dense urban blocks
    pts = rng.uniform(0, side, size=(n, 2)) + np.asarray(ORIGIN)
    frame = box(ORIGIN[0], ORIGIN[1], ORIGIN[0] + side, ORIGIN[1] + side)
    cells = shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=frame)
    polys = shapely.intersection(np.asarray(shapely.get_parts(cells)), frame)
    polys = shapely.segmentize(polys, segment)

    def wiggle(coords: np.ndarray) -> np.ndarray:
        coords = np.round(coords, 2)  # shared vertices computed twice become identical
        x, y = coords[:, 0], coords[:, 1]
        dx = amplitude * np.sin(x / 23.0) * np.cos(y / 31.0)
        dy = amplitude * np.cos(x / 29.0) * np.sin(y / 19.0)
        edge = (
            np.isclose(x, ORIGIN[0])
            | np.isclose(x, ORIGIN[0] + side)
            | np.isclose(y, ORIGIN[1])
            | np.isclose(y, ORIGIN[1] + side)
        )
        return np.round(np.column_stack([x + np.where(edge, 0, dx), y + np.where(edge, 0, dy)]), 2)

    polys = shapely.transform(polys, wiggle)
    keys = [f"{i:05d}" for i in range(len(polys))]
    g = gpd.GeoDataFrame(
        {"SR_NR": keys, "name": [f"Gebiet {k}" for k in keys]},
        geometry=list(polys),
        crs="EPSG:25832",
    ).set_index("SR_NR")
    g["wert"] = np.round(rng.gamma(3.0, 4.0, len(g)), 2)
    return g


#: Debian's headless Chromium as the browser tests and the map benchmark start it: no
#: background networking (this machine's network is closed; Chromium would retry forever).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def synthetic_city(
    folder, n: int = 500, *, seed: int = 7, segment: float = 5.0, percentages: bool = False
) -> dict:
    """Write a synthetic city of `n` areas as a statistics office would deliver it.

    ``grenzen.gpkg`` (layer ``gebiete``: ``GEB_NR`` keys with leading zeros, ``GEB_NAME``,
    ``BEZ_NR`` of 12 Bezirke, detailed shared boundaries densified every `segment` metres)
    and ``statistik.csv`` (``;``, decimal commas, the key and a name column again).
    With ``percentages=False`` the table holds counts (``EW``, ``EW_15_64``, ``ALO``,
    ``SGB2``, ...); with ``percentages=True`` it holds what many offices publish instead:
    ``EW`` plus shares in percent (``ALO_ANT``, ``SGB2_ANT``, ``NDEU_ANT``, ``EW65_ANT``)
    with one decimal. Deprivation rises towards one corner, so hotspots exist.

    Returns the paths and the column names (a dict).
    """
    from pathlib import Path

    import pandas as pd

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    g = voronoi_districts(n, seed=seed, segment=segment).drop(columns="wert")
    rng = np.random.default_rng(seed)
    c = g.geometry.centroid
    x = (c.x - c.x.min()) / (c.x.max() - c.x.min())
    y = (c.y - c.y.min()) / (c.y.max() - c.y.min())
    keys = [f"{i + 1:04d}" for i in range(len(g))]
    bez = (np.minimum((x * 4).astype(int), 3) + 4 * np.minimum((y * 3).astype(int), 2) + 1)
    bounds = gpd.GeoDataFrame(
        {"GEB_NR": keys, "GEB_NAME": [f"Quartier {k}" for k in keys],
         "BEZ_NR": [f"{b:02d}" for b in bez]},
        geometry=g.geometry.values, crs="EPSG:25832",
    )
    gpkg = folder / "grenzen.gpkg"
    bounds.to_file(gpkg, layer="gebiete", driver="GPKG")
    depr = np.clip(0.15 + 0.7 * (x.to_numpy() * y.to_numpy()) + rng.normal(0, 0.08, len(g)), 0, 1)
    ew = rng.integers(150, 4000, len(g))
    ew[rng.choice(len(g), 5, replace=False)] = rng.integers(20, 120, 5)  # a few tiny areas
    ew_15_64 = np.round(ew * rng.uniform(0.6, 0.7, len(g))).astype(int)
    ew_u65 = np.round(ew * rng.uniform(0.75, 0.85, len(g))).astype(int)
    ew_65u = ew - ew_u65
    ew_u15 = np.round(ew * rng.uniform(0.1, 0.17, len(g))).astype(int)
    alo = rng.binomial(ew_15_64, 0.02 + 0.10 * depr)
    sgb2 = rng.binomial(ew_u65, 0.03 + 0.25 * depr)
    sgb2_u15 = rng.binomial(ew_u15, 0.05 + 0.40 * depr)
    grusi = rng.binomial(ew_65u, 0.01 + 0.08 * depr)
    ndeu = rng.binomial(ew, 0.05 + 0.30 * depr)
    table = pd.DataFrame({"GEB_NR": keys, "GEB_NAME": bounds["GEB_NAME"], "EW": ew})
    if percentages:
        def pct(a, b):
            return np.where(b > 0, np.round(100 * a / np.maximum(b, 1), 1), np.nan)
        table["ALO_ANT"] = pct(alo, ew_15_64)
        table["SGB2_ANT"] = pct(sgb2, ew_u65)
        table["NDEU_ANT"] = pct(ndeu, ew)
        table["EW65_ANT"] = pct(ew_65u, ew)
        columns = ["ALO_ANT", "SGB2_ANT", "NDEU_ANT", "EW65_ANT"]
    else:
        table = table.assign(EW_15_64=ew_15_64, EW_U65=ew_u65, EW_65U=ew_65u, EW_U15=ew_u15,
                             ALO=alo, SGB2=sgb2, SGB2_U15=sgb2_u15, GRUSI=grusi, EW_NDEU=ndeu)
        columns = ["EW_15_64", "EW_U65", "EW_65U", "EW_U15", "ALO", "SGB2", "SGB2_U15",
                   "GRUSI", "EW_NDEU"]
    csv = folder / "statistik.csv"
    text = table.to_csv(sep=";", index=False, decimal=",", na_rep="")
    csv.write_text(text, encoding="utf-8")
    return {"boundaries": gpkg, "layer": "gebiete", "table": csv, "key": "GEB_NR",
            "name": "GEB_NAME", "parent": "BEZ_NR", "columns": columns}
