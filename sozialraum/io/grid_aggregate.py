"""Sum Zensus grid counts into districts: by cell centroid or by area shares, reported.

Kept in the loading stage because it is how grid data get onto the planner's districts,
before anything is joined or computed; it uses only the grid reader and geopandas.

The assignment is done in the grid's CRS, EPSG:3035 (LAEA, an *equal-area* projection):
the districts are reprojected to it (few polygons instead of millions of cells), and the
area shares of a cell are exact there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from sozialraum._text import html_table, text
from sozialraum._util.choices import check_choice
from sozialraum.errors import ColumnError, CRSError, GeometryError, Listed
from sozialraum.io.grid import GRID_CRS, grid_description
from sozialraum.io.keys import missing_column_error

_METHOD_TEXT = {"centroid": "html.grid.method_centroid", "area": "html.grid.method_area"}


@dataclass(frozen=True)
class GridAggregationReport:
    """What :func:`aggregate_grid` did with the cells.

    Attributes
    ----------
    method : {"centroid", "area"}
    engine : {"memory", "dask"}
    npartitions : int
        Partitions of the grid (1 in memory).
    n_cells : int
        Cells of the grid.
    n_used : int
        Cells assigned (wholly or partly) to at least one district.
    n_outside : int
        Cells outside every district (their counts are in no sum).
    n_split : int
        Cells split across several districts (``method="area"``); with
        ``method="centroid"`` the cells whose midpoint lies on a shared boundary
        (assigned to the first district in the order of `areas`).
    share_assigned : tuple of (column, share)
        The share of each column's grid total that went into the sums (1.0: conserved).
    missing : tuple of (column, cells, districts)
        Missing cells (markers) per column and the districts they fall in: their sums are
        over the cells with values only.
    per_area : pandas.DataFrame
        Per district: ``cells`` (cells with any share), ``cells_split`` and
        ``missing_<column>`` counts.
    """

    method: str
    engine: str
    npartitions: int
    n_cells: int
    n_used: int
    n_outside: int
    n_split: int
    share_assigned: tuple[tuple[str, float], ...]
    missing: tuple[tuple[str, int, int], ...]
    per_area: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """The per-district counts (a copy)."""
        return self.per_area.copy()

    def __repr__(self) -> str:
        shares = ", ".join(f"{c}={s:.6f}" for c, s in self.share_assigned)
        return (f"GridAggregationReport(method={self.method!r}, engine={self.engine!r}, "
                f"cells={self.n_cells}, used={self.n_used}, outside={self.n_outside}, "
                f"split={self.n_split}, share_assigned: {shares})")

    def _repr_html_(self) -> str:
        rows = [(text("html.grid.method"), text(_METHOD_TEXT[self.method])),
                (text("html.grid.cells"), self.n_cells),
                (text("html.grid.used"), self.n_used),
                (text("html.grid.outside"), self.n_outside),
                (text("html.grid.split") if self.method == "area"
                 else text("html.grid.on_boundary"), self.n_split)]
        rows += [(text("html.grid.share", column=c), f"{s:.4%}") for c, s in self.share_assigned]
        rows += [(text("html.grid.missing", column=c), n) for c, n, _ in self.missing]
        return html_table("GridAggregationReport", rows, "sozialraum-gridreport")


def aggregate_grid(
    grid: pd.DataFrame,
    areas,
    columns: list[str],
    method: Literal["centroid", "area"] = "centroid",
    *,
    engine: Literal["memory", "dask"] = "memory",
    npartitions: int = 4,
) -> tuple[pd.DataFrame, GridAggregationReport]:
    """Sum grid counts (Anzahlen) into districts, by cell centroid or by area shares.

    ``method="centroid"`` gives each cell wholly to the district its midpoint lies in (a
    midpoint on a shared boundary goes to the first of those districts, in the order of
    `areas`, so no cell is counted twice). ``method="area"`` splits each cell by the
    shares of its area in the districts (uniform density within a cell, as tobler's
    ``area_interpolate`` assumes). Cells outside every district, or the part of a cell
    outside, count in no sum; the report says how much of each total was assigned.

    Only counts can be summed: recompute rates and averages (Quoten, Durchschnitte) from
    summed counts afterwards. Missing cells (markers) are left out of the sums and
    counted in the report, per district in ``report.per_area``. The Zensus values are
    perturbed cell by cell (cell-key method), so a sum of many cells carries the sum of
    their small deviations.

    Parameters
    ----------
    grid : pandas.DataFrame
        From :func:`read_zensus_grid` (midpoints ``x_mp_<res>``/``y_mp_<res>``, EPSG:3035).
    areas : geopandas.GeoDataFrame
        The districts, indexed by their key, in any CRS (reprojected to EPSG:3035).
    columns : list of str
        The count columns of `grid` to sum.
    method : {"centroid", "area"}, default "centroid"
    engine : {"memory", "dask"}, default "memory"
        ``"dask"`` joins the cells to the districts with dask-geopandas, in `npartitions`
        partitions of the grid (the same result; for grids too big for one join).
    npartitions : int, default 4
        Partitions with ``engine="dask"``.

    Returns
    -------
    sums : pandas.DataFrame
        One row per district (the index of `areas`, every district, 0 where no cell
        falls), one column per count; ``Int64`` for whole counts by centroid, ``float64``
        by area share.
    report : GridAggregationReport

    Examples
    --------
    >>> import pandas as pd, geopandas as gpd
    >>> from shapely.geometry import box
    >>> grid = pd.DataFrame({"x_mp_1km": [500, 1500, 2500], "y_mp_1km": [500, 500, 500],
    ...                      "Einwohner": [10, 20, 30]})
    >>> areas = gpd.GeoDataFrame({"geometry": [box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)]},
    ...                          index=pd.Index(["01", "02"], name="SR_NR"), crs="EPSG:3035")
    >>> sums, report = aggregate_grid(grid, areas, ["Einwohner"])
    >>> sums["Einwohner"].tolist(), report.n_outside
    ([10, 20], 1)
    """
    method = check_choice("method", method, ("centroid", "area"))
    engine = check_choice("engine", engine, ("memory", "dask"))
    info = grid_description(grid)
    for c in columns:
        if c not in grid.columns:
            raise missing_column_error("grid", c, list(grid.columns), "value", argument="columns")
        if not pd.api.types.is_numeric_dtype(grid[c].dtype):
            raise ColumnError.from_key("io.grid.not_counts", column=c, dtype=str(grid[c].dtype))
    if areas.crs is None:
        raise CRSError.from_key("io.grid.no_crs")
    geoms = areas.geometry.to_crs(GRID_CRS).to_numpy()
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        raise GeometryError.from_key("io.grid.invalid_areas", n=int(invalid.sum()),
                                     keys=Listed(areas.index[invalid]))
    x = grid[info["x"]].to_numpy(dtype=float)
    y = grid[info["y"]].to_numpy(dtype=float)
    values = np.column_stack([grid[c].to_numpy(dtype=float, na_value=np.nan) for c in columns]) \
        if columns else np.zeros((len(grid), 0))
    res = float(info["resolution"])
    if engine == "memory":
        cell, area, share, ties = assign_cells(x, y, res, geoms, method)
        parts = 1
    else:
        cell, area, share, ties = _assign_dask(x, y, res, geoms, method, npartitions)
        parts = npartitions
    return _summarise(grid, areas, columns, values, (cell, area, share, ties), method, engine,
                      parts)


def assign_cells(x: np.ndarray, y: np.ndarray, res: float, geoms: np.ndarray,
                 method: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(cell position, district position, share) for every part of a cell in a district.

    The fourth item is the number of cells whose midpoint lies on a shared boundary.
    Centroid: one pair per cell whose midpoint is in (or on) a district, the first
    district in the order of `geoms` on a tie, share 1. Area: one pair per cell and
    district they overlap in, share = overlap / cell area.
    """
    tree = shapely.STRtree(geoms)
    points = shapely.points(x, y)
    cell, area = tree.query(points, predicate="intersects")
    if method == "centroid":
        return _first_per_cell(cell, area)
    return (*_area_pairs(x, y, res, cell, area, geoms), 0)


def _first_per_cell(cell: np.ndarray, area: np.ndarray):
    """One pair per cell: the first district in the order of the districts; and the ties."""
    order = np.lexsort((area, cell))
    cell, area = cell[order], area[order]
    first = np.ones(len(cell), dtype=bool)
    first[1:] = cell[1:] != cell[:-1]
    ties = len(np.unique(cell[~first]))
    return cell[first], area[first], np.ones(int(first.sum())), ties


def _area_pairs(x, y, res, cell, area, geoms):
    """Area shares, intersecting only the cells that a district boundary crosses.

    A cell that no boundary crosses lies wholly in the district of its midpoint (share 1)
    or wholly outside every district; a cell that a boundary crosses can overlap only the
    districts whose boundary crosses it and the one its midpoint lies in. Querying the
    boundaries (lines) and the midpoints is about 2.5 times faster than asking the
    polygons which cells they contain (300,000 cells, 1,000 districts).
    """
    half = res / 2
    boxes = shapely.box(x - half, y - half, x + half, y + half)
    bc, ba = shapely.STRtree(shapely.boundary(geoms)).query(boxes, predicate="intersects")
    crossed = np.zeros(len(x), dtype=bool)
    crossed[bc] = True
    inner = ~crossed[cell]
    cand = np.unique(np.column_stack([np.concatenate([bc, cell[~inner]]),
                                      np.concatenate([ba, area[~inner]])]), axis=0)
    cc, ca = cand[:, 0], cand[:, 1]
    share = shapely.area(shapely.intersection(boxes[cc], geoms[ca])) / (res * res)
    keep = share > 0
    out_c = np.concatenate([cell[inner], cc[keep]])
    out_a = np.concatenate([area[inner], ca[keep]])
    out_s = np.concatenate([np.ones(int(inner.sum())), share[keep]])
    order = np.lexsort((out_a, out_c))
    return out_c[order], out_a[order], out_s[order]


def _assign_dask(x, y, res, geoms, method, npartitions):
    """The same pairs through dask-geopandas' partitioned spatial join."""
    import dask_geopandas  # optional, heavy (dask): only for the distributed engine
    half = res / 2
    shapes = (shapely.points(x, y) if method == "centroid"
              else shapely.box(x - half, y - half, x + half, y + half))
    cells = gpd.GeoDataFrame({"cell": np.arange(len(x))}, geometry=shapes, crs=GRID_CRS)
    districts = gpd.GeoDataFrame({"area": np.arange(len(geoms))}, geometry=geoms, crs=GRID_CRS)
    dcells = dask_geopandas.from_geopandas(cells, npartitions=npartitions)
    joined = dask_geopandas.sjoin(dcells, districts, predicate="intersects", how="inner")

    def shares(part: pd.DataFrame) -> pd.DataFrame:
        cell = part["cell"].to_numpy()
        area = part["area"].to_numpy()
        if method == "centroid":
            share = np.ones(len(part))
        else:
            whole = shapely.within(part.geometry.to_numpy(), geoms[area])
            share = np.ones(len(part))
            rest = ~whole
            if rest.any():
                share[rest] = shapely.area(shapely.intersection(
                    part.geometry.to_numpy()[rest], geoms[area[rest]])) / (res * res)
        return pd.DataFrame({"cell": cell, "area": area, "share": share})

    meta = pd.DataFrame({"cell": np.array([], dtype=np.int64),
                         "area": np.array([], dtype=np.int64), "share": np.array([], float)})
    pairs = joined.map_partitions(shares, meta=meta).compute(scheduler="threads")
    cell = pairs["cell"].to_numpy(dtype=np.int64)
    area = pairs["area"].to_numpy(dtype=np.int64)
    share = pairs["share"].to_numpy(dtype=float)
    if method == "centroid":
        return _first_per_cell(cell, area)
    keep = share > 0
    order = np.lexsort((area[keep], cell[keep]))
    return cell[keep][order], area[keep][order], share[keep][order], 0


def _summarise(grid, areas, columns, values, pairs, method, engine, parts):
    cell, area, share, ties = pairs
    n_cells, n_areas = len(grid), len(areas)
    sums = {}
    missing, shares = [], []
    per_area = {"cells": np.bincount(area, minlength=n_areas)}
    counts_per_cell = np.bincount(cell, minlength=n_cells)
    split = counts_per_cell > 1
    per_area["cells_split"] = np.bincount(area[split[cell]], minlength=n_areas)
    for j, c in enumerate(columns):
        v = values[cell, j]
        known = ~np.isnan(v)
        total = float(np.nansum(values[:, j]))
        s = np.bincount(area[known], weights=v[known] * share[known], minlength=n_areas)
        whole = (method == "centroid" and pd.api.types.is_integer_dtype(grid[c].dtype))
        sums[c] = pd.array(np.rint(s).astype(np.int64), dtype="Int64") if whole else s
        shares.append((c, float(s.sum()) / total if total else 1.0))
        miss = np.bincount(area[~known], minlength=n_areas)
        per_area[f"missing_{c}"] = miss
        n_miss = int(np.isnan(values[:, j]).sum())
        if n_miss:
            missing.append((c, n_miss, int(np.count_nonzero(miss))))
    index = areas.index
    report = GridAggregationReport(
        method=method, engine=engine, npartitions=parts, n_cells=n_cells,
        n_used=int(np.count_nonzero(counts_per_cell)),
        n_outside=int(np.count_nonzero(counts_per_cell == 0)),
        n_split=int(ties if method == "centroid" else np.count_nonzero(split)),
        share_assigned=tuple(shares), missing=tuple(missing),
        per_area=pd.DataFrame(per_area, index=index),
    )
    return pd.DataFrame(sums, index=index), report

