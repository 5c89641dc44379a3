"""Synthetic Zensus 2022 grid tables in the published format (for tests and benchmarks).

The layout follows the published CSV files (``;``, midpoints in EPSG:3035, INSPIRE ids of the
lower left corner, decimal commas): ``GITTER_ID_100m;x_mp_100m;y_mp_100m;<values>``. Cells
are given by their grid row (northing / resolution) and column (easting / resolution).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

SUFFIX = {100: "100m", 1000: "1km", 10000: "10km"}


def grid_text(rows, cols, values: Mapping[str, Sequence[object]], resolution: int = 100,
              ) -> pd.DataFrame:
    """The cells as the published table, every cell as text (numbers with decimal commas)."""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    suffix = SUFFIX[resolution]
    north = pd.Series(rows * resolution).astype(str)
    east = pd.Series(cols * resolution).astype(str)
    out = pd.DataFrame({
        f"GITTER_ID_{suffix}": f"CRS3035RES{resolution}mN" + north + "E" + east,
        f"x_mp_{suffix}": pd.Series(cols * resolution + resolution // 2).astype(str),
        f"y_mp_{suffix}": pd.Series(rows * resolution + resolution // 2).astype(str),
    })
    for name, cells in values.items():
        cells = pd.Series(list(cells) if not isinstance(cells, np.ndarray) else cells)
        if pd.api.types.is_float_dtype(cells.dtype):
            cells = cells.map(lambda v: f"{v:.2f}".replace(".", ","))
        out[name] = cells.astype(str).to_numpy()
    return out


def write_zensus_grid(path: Path, rows, cols, values: Mapping[str, Sequence[object]],
                      resolution: int = 100, encoding: str = "utf-8") -> Path:
    """Write a grid table as published; returns `path`."""
    frame = grid_text(rows, cols, values, resolution)
    path = Path(path)
    frame.to_csv(path, sep=";", index=False, encoding=encoding, lineterminator="\n")
    return path
