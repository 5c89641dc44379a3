"""Small lattices shared by the tests in tests/autocorrelation/: chains, grids, an island city."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

import sozialraum as sr


def chain(n: int) -> gpd.GeoDataFrame:
    """n unit squares in a row (rook: i ~ i+1), keys '01'..'n' as text."""
    keys = pd.Index([f"{i + 1:02d}" for i in range(n)], name="SR_NR")
    cells = [box(i * 100, 0, (i + 1) * 100, 100) for i in range(n)]
    return gpd.GeoDataFrame(geometry=cells, index=keys, crs="EPSG:25832")


def grid(nx: int, ny: int) -> gpd.GeoDataFrame:
    keys = pd.Index([f"{r:02d}{c:02d}" for r in range(ny) for c in range(nx)], name="SR_NR")
    cells = [
        box(c * 100, r * 100, (c + 1) * 100, (r + 1) * 100) for r in range(ny) for c in range(nx)
    ]
    return gpd.GeoDataFrame(geometry=cells, index=keys, crs="EPSG:25832")


def island_city():
    d = grid(5, 5)
    exclave = gpd.GeoDataFrame(
        geometry=[box(5000, 5000, 5100, 5100)], index=pd.Index(["9901"], name="SR_NR"), crs=d.crs
    )
    return pd.concat([d, exclave])


GRID = grid(4, 4)


GRAPH = sr.spatial_weights(GRID, "queen")


def _noisy_grid():
    d = grid(8, 8)
    rng = np.random.default_rng(4)
    trend = np.array([float(i % 8 + i // 8) for i in range(64)])
    y = pd.Series(trend / 3 + rng.normal(size=64), index=d.index)
    return y, sr.spatial_weights(d, "queen")

