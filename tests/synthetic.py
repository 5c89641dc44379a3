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
from shapely.geometry import box

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
