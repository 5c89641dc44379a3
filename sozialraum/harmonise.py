"""Boundary crosswalks and areal interpolation: values from old areas onto new ones.

When a city redraws its Sozialräume, a time series breaks: the 2021 counts sit on
the old areas, the 2024 counts on the new ones. A *crosswalk* says how much of each
old area's value goes to each new area; *areal interpolation* applies it.

Shares come from intersection areas (the value of an old area is assumed spread
evenly over its area) or, better, from a finer population layer (points or
polygons with a count: a 100 m grid, building blocks), which puts the value where
the people live. Counts (extensive variables) are shared out and their totals are
kept; rates (intensive variables) are averaged with the weights of the new area.
Prefer interpolating the counts and recomputing the rates from them.

The area-weighted case is :func:`tobler.area_weighted.area_interpolate` (given our
table of intersection areas in float64: tobler's own is float32), wrapped with our
checks (equal, projected CRS; unique keys; columns present; missing values
kept missing instead of tobler's silent 0). tobler has no interpolation with a
point or polygon population layer, so that case is computed here from the
crosswalk table (a sparse matrix product).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy import sparse

from sozialraum.errors import (
    ColumnError,
    CRSError,
    DuplicateKeyError,
    GeometryError,
    InputError,
    Listed,
    Phrase,
    SozialraumWarning,
    with_messages,
)

__all__ = ["areal_interpolate", "crosswalk"]

#: A source whose share going to one target is at least 1 - _WHOLE lies wholly in it.
_WHOLE = 1e-6
#: Sources covered by the targets to less than this share of their area are reported.
_COVERED = 0.99


# ------------------------------------------------------------------ checks


def _check_areas(frame, role: str) -> gpd.GeoDataFrame:
    if not isinstance(frame, gpd.GeoDataFrame):
        raise InputError.from_key("crosswalk.type", role=role, given=type(frame).__name__)
    crs = frame.crs
    if crs is None:
        raise CRSError.from_key("crosswalk.no_crs", role=role)
    if not crs.is_projected:
        raise CRSError.from_key("crosswalk.crs_not_projected", role=role, name=crs.name)
    index = frame.index
    if index.hasnans:
        raise InputError.from_key("crosswalk.missing_keys", role=role, n=int(index.isna().sum()))
    if index.has_duplicates:
        dup = index[index.duplicated()].unique()
        raise DuplicateKeyError.from_key(
            "crosswalk.duplicate_keys", role=role, n=len(dup), keys=Listed(dup)
        )
    geoms = frame.geometry.to_numpy()
    ok = np.isin(shapely.get_type_id(geoms), [3, 6]) & ~shapely.is_empty(geoms)
    if not ok.all():
        raise GeometryError.from_key(
            "crosswalk.not_polygons", role=role, n=int((~ok).sum()), keys=Listed(index[~ok])
        )
    return frame


def _same_crs(a, b, role_a: str, role_b: str) -> None:
    if a.crs != b.crs:
        raise CRSError.from_key(
            "crosswalk.crs_differ", a=role_a, b=role_b, crs_a=a.crs.name, crs_b=b.crs.name,
            epsg=a.crs.to_epsg() or a.crs.name,
        )


def _weight_column(weights: gpd.GeoDataFrame, column: str | None) -> str:
    numeric = [
        c for c in weights.columns
        if c != weights.geometry.name and pd.api.types.is_numeric_dtype(weights[c])
    ]
    if column is None:
        if len(numeric) != 1:
            raise ColumnError.from_key(
                "crosswalk.weight_column_choose", n=len(numeric), columns=Listed(numeric)
            )
        column = numeric[0]
    if column not in weights.columns:
        raise ColumnError.from_key(
            "crosswalk.weight_column_missing", column=column, available=Listed(numeric)
        )
    values = pd.to_numeric(weights[column], errors="coerce").astype("float64")
    bad = values.isna() | (values < 0)
    if bad.any():
        raise InputError.from_key(
            "crosswalk.weight_values", column=column, n=int(bad.sum()),
            rows=Listed(weights.index[bad.to_numpy()]),
        )
    return column


# ------------------------------------------------------------------ the table


def _area_table(old: gpd.GeoDataFrame, new: gpd.GeoDataFrame) -> sparse.csr_matrix:
    """Intersection areas a_ij (m²) as a sparse old x new matrix."""
    a, b = old.geometry.to_numpy(), new.geometry.to_numpy()
    i, j = shapely.STRtree(b).query(a, predicate="intersects")
    area = shapely.area(shapely.intersection(a[i], b[j]))
    keep = area > 0
    return sparse.csr_matrix((area[keep], (i[keep], j[keep])), shape=(len(a), len(b)))


def _population_table(old, new, weights, column) -> sparse.csr_matrix:
    """Population p_ij of the weight layer in old area i and new area j.

    A point counts where it lies (on a shared edge: in the first area, so that it
    counts once); a polygon's count is shared by area among the pieces it overlaps.
    """
    values = pd.to_numeric(weights[column]).astype("float64").to_numpy()
    geoms = weights.geometry.to_numpy()
    kinds = shapely.get_type_id(geoms)
    a, b = old.geometry.to_numpy(), new.geometry.to_numpy()
    out = sparse.csr_matrix((len(a), len(b)))
    points = np.isin(kinds, [0, 4])
    if points.any():
        pts = shapely.get_point(geoms[points], 0) if (kinds[points] == 4).any() else geoms[points]
        where_old = _first_hit(a, pts)
        where_new = _first_hit(b, pts)
        ok = (where_old >= 0) & (where_new >= 0)
        out = out + sparse.csr_matrix(
            (values[points][ok], (where_old[ok], where_new[ok])), shape=out.shape
        )
    polys = np.isin(kinds, [3, 6])
    if polys.any():
        pieces = _area_table(old, new).tocoo()
        atoms = shapely.intersection(a[pieces.row], b[pieces.col])
        w_geoms, w_values = geoms[polys], values[polys]
        wi, ai = shapely.STRtree(atoms).query(w_geoms, predicate="intersects")
        share = shapely.area(shapely.intersection(w_geoms[wi], atoms[ai]))
        share = share / shapely.area(w_geoms[wi])
        pop = np.bincount(ai, weights=w_values[wi] * share, minlength=len(atoms))
        out = out + sparse.csr_matrix((pop, (pieces.row, pieces.col)), shape=out.shape)
    if not (points | polys).all():
        raise GeometryError.from_key(
            "crosswalk.weight_geometry", n=int((~(points | polys)).sum()),
            rows=Listed(weights.index[~(points | polys)]),
        )
    out.eliminate_zeros()
    return out.tocsr()


def _first_hit(areas: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Index of the first area covering each point, -1 where none does."""
    pi, ai = shapely.STRtree(areas).query(points, predicate="intersects")
    hit = np.full(len(points), -1)
    order = np.lexsort((ai, pi))
    pi, ai = pi[order], ai[order]
    first = np.r_[True, pi[1:] != pi[:-1]] if len(pi) else np.array([], dtype=bool)
    hit[pi[first]] = ai[first]
    return hit


class _Table:
    """The crosswalk in matrix form: masses (area or population) and the shares."""

    def __init__(self, old, new, weights=None, weight_column=None):
        self.area = _area_table(old, new)
        if weights is None:
            self.mass, self.by_population = self.area, np.zeros(len(old), dtype=bool)
            self.target_by_population = np.zeros(len(new), dtype=bool)
        else:
            pop = _population_table(old, new, weights, weight_column)
            has = np.asarray(pop.sum(axis=1)).ravel() > 0
            # a source without any population in the layer is shared by area instead
            self.by_population = has
            rows = sparse.diags(has.astype(float)) @ pop + sparse.diags((~has).astype(float)) @ (
                self.area
            )
            self.mass = sparse.csr_matrix(rows)
            self.target_by_population = np.asarray(pop.sum(axis=0)).ravel() > 0
            self.pop = pop
        self.mass = sparse.csr_matrix(self.mass)
        self.mass.eliminate_zeros()
        m = self.mass.tocoo()
        order = np.lexsort((m.col, m.row))
        self.row, self.col, self.data = m.row[order], m.col[order], m.data[order]
        n_old, n_new = self.mass.shape
        self.source_mass = np.bincount(self.row, weights=self.data, minlength=n_old)
        #: target x source masses for the new areas' side: population where the new
        #: area has any in the layer, else area (a mean needs one unit per target)
        area_t = self.area.T.tocsr()
        if weights is None:
            by_target = area_t
        else:
            use = self.target_by_population.astype(float)
            by_target = sparse.diags(use) @ self.pop.T.tocsr() + sparse.diags(1 - use) @ area_t
        self.by_target = sparse.csr_matrix(by_target)
        self.target_mass = np.asarray(self.by_target.sum(axis=1)).ravel()
        #: per entry (sorted by old, new): share of the old area's value, of the new area's mass
        self.entry_share_of_old = self.data / self.source_mass[self.row]
        target_entry = np.asarray(self.by_target[self.col, self.row]).ravel()
        with np.errstate(invalid="ignore", divide="ignore"):
            self.entry_share_of_new = np.where(
                self.target_mass[self.col] > 0, target_entry / self.target_mass[self.col], 0.0
            )
        self.share_of_old = sparse.csr_matrix(
            (self.entry_share_of_old, (self.row, self.col)), shape=self.mass.shape
        )
        old_area = shapely.area(old.geometry.to_numpy())
        self.covered = np.asarray(self.area.sum(axis=1)).ravel() / old_area

    def intensive_weights(self) -> sparse.csr_matrix:
        """Target x source weights of a weighted mean (rows sum to 1 where reached)."""
        total = self.target_mass
        return sparse.diags(1.0 / np.where(total > 0, total, 1.0)) @ self.by_target

    def interpolated_share(self) -> np.ndarray:
        """Per target: share of its mass from sources split between several targets."""
        split = self.entry_share_of_old < 1 - _WHOLE
        flags = sparse.csr_matrix(
            (split.astype(float), (self.col, self.row)), shape=self.by_target.shape
        )
        part = np.asarray(self.by_target.multiply(flags).sum(axis=1)).ravel()
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.target_mass > 0, part / self.target_mass, np.nan)


# ------------------------------------------------------------------ public


def crosswalk(
    old: gpd.GeoDataFrame,
    new: gpd.GeoDataFrame,
    weights: gpd.GeoDataFrame | None = None,
    *,
    weight_column: str | None = None,
) -> pd.DataFrame:
    """The correspondence between two sets of areas: who gives how much to whom.

    Parameters
    ----------
    old, new : geopandas.GeoDataFrame
        Polygons indexed by their keys (unique), in the same projected CRS.
    weights : geopandas.GeoDataFrame, optional
        A finer population layer: points (e.g. a 100 m grid's centres) or polygons
        (building blocks) with a count column. Without it, shares are by area.
    weight_column : str, optional
        The count column of `weights`; may be left out if it has one numeric column.

    Returns
    -------
    pandas.DataFrame
        One row per pair that overlaps: ``old``, ``new`` (the keys), ``area``
        (m² in common), ``population`` (with `weights`), ``share_of_old`` (the
        share of the old area's value that goes to the new one; the shares of an
        old area sum to 1), ``share_of_new`` (the share of the new area's area or
        population that comes from the old one) and ``weight`` (``"population"``
        or ``"area"``: an old area without any population in `weights` is shared
        by area).

    Examples
    --------
    >>> import geopandas as gpd, shapely
    >>> old = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 2, 1)], crs=25832,
    ...                        index=pd.Index(["A"], name="alt"))
    >>> new = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)],
    ...                        crs=25832, index=pd.Index(["A1", "A2"], name="neu"))
    >>> crosswalk(old, new)[["old", "new", "share_of_old", "share_of_new"]]
      old new  share_of_old  share_of_new
    0   A  A1           0.5           1.0
    1   A  A2           0.5           1.0
    """
    _check_areas(old, "old")
    _check_areas(new, "new")
    _same_crs(old, new, "old", "new")
    if weights is not None:
        weight_column = _prepare_weights(weights, old, weight_column)
    table = _Table(old, new, weights, weight_column)
    rows, cols = table.row, table.col
    frame = pd.DataFrame(
        {
            "old": old.index.to_numpy()[rows],
            "new": new.index.to_numpy()[cols],
            "area": np.asarray(table.area.tocsr()[rows, cols]).ravel(),
        }
    )
    if weights is not None:
        frame["population"] = np.asarray(table.pop.tocsr()[rows, cols]).ravel()
    frame["share_of_old"] = table.entry_share_of_old
    frame["share_of_new"] = table.entry_share_of_new
    frame["weight"] = np.where(table.by_population[rows], "population", "area")
    return frame


def _prepare_weights(weights, old, weight_column) -> str:
    if not isinstance(weights, gpd.GeoDataFrame):
        raise InputError.from_key("crosswalk.type", role="weights", given=type(weights).__name__)
    if weights.crs is None:
        raise CRSError.from_key("crosswalk.no_crs", role="weights")
    _same_crs(old, weights, "old", "weights")
    return _weight_column(weights, weight_column)


def areal_interpolate(
    source: gpd.GeoDataFrame,
    target: gpd.GeoDataFrame,
    extensive: Sequence[str] = (),
    intensive: Sequence[str] = (),
    weights: gpd.GeoDataFrame | None = None,
    *,
    weight_column: str | None = None,
) -> gpd.GeoDataFrame:
    """Bring values of `source` areas onto `target` areas (e.g. old onto new boundaries).

    Parameters
    ----------
    source, target : geopandas.GeoDataFrame
        Polygons indexed by their keys (unique), in the same projected CRS.
    extensive : list of str
        Count columns of `source` (Anzahl: inhabitants, SGB II recipients): each
        source's value is shared out by the :func:`crosswalk` shares, so the total
        is kept wherever the targets cover the source.
    intensive : list of str
        Rate or mean columns of `source` (Quote, Anteil, Dichte): the target gets
        the weighted mean of the sources it overlaps (weights: area or population
        in common). Better interpolate the counts and recompute the rates.
    weights : geopandas.GeoDataFrame, optional
        A finer population layer (points or polygons with a count), see
        :func:`crosswalk`. Without it, by area (:func:`tobler.area_weighted.area_interpolate`).
    weight_column : str, optional
        The count column of `weights`.

    Returns
    -------
    geopandas.GeoDataFrame
        On the target's index and geometry: the interpolated columns (float) and
        ``interpolated_share``, the share of each target's area (or population)
        that comes from source areas split between several targets: there the
        value is an estimate; 0 means the target is a union of whole source areas
        and its values are exact sums. A target that overlaps no source gets
        missing values. A missing source value makes every target it reaches
        missing (never filled with 0).

    Warns
    -----
    SozialraumWarning
        If a source area is less than 99 % covered by the targets: its whole
        value still goes to the targets it overlaps.

    Examples
    --------
    >>> import geopandas as gpd, shapely
    >>> old = gpd.GeoDataFrame({"EW": [100, 50]}, crs=25832,
    ...     geometry=[shapely.box(0, 0, 2, 1), shapely.box(2, 0, 3, 1)],
    ...     index=pd.Index(["A", "B"], name="alt"))
    >>> new = gpd.GeoDataFrame(crs=25832, geometry=[shapely.box(0, 0, 1, 1),
    ...     shapely.box(1, 0, 3, 1)], index=pd.Index(["X", "Y"], name="neu"))
    >>> out = areal_interpolate(old, new, extensive=["EW"])
    >>> out["EW"].to_dict(), out["interpolated_share"].to_dict()
    ({'X': 50.0, 'Y': 100.0}, {'X': 1.0, 'Y': 0.5})
    """
    _check_areas(source, "source")
    _check_areas(target, "target")
    _same_crs(source, target, "source", "target")
    extensive, intensive = list(extensive), list(intensive)
    missing = [c for c in extensive + intensive if c not in source.columns]
    if missing:
        raise ColumnError.from_key(
            "crosswalk.missing_columns", columns=Listed(missing),
            available=Listed([c for c in source.columns if c != source.geometry.name], limit=12),
        )
    if not extensive and not intensive:
        raise InputError.from_key("crosswalk.no_columns")
    values = {}
    for c in extensive + intensive:
        col = source[c]
        if not pd.api.types.is_numeric_dtype(col):
            raise InputError.from_key("crosswalk.not_numeric", column=c, dtype=str(col.dtype))
        values[c] = pd.to_numeric(col).astype("float64")
    if weights is not None:
        weight_column = _prepare_weights(weights, source, weight_column)
    table = _Table(source, target, weights, weight_column)
    low = table.covered < _COVERED
    if low.any():
        warnings.warn(
            _warning(
                "crosswalk.partly_covered", n=int(low.sum()),
                keys=Listed(source.index[low]), share=float(table.covered[low].min()),
            ),
            stacklevel=2,
        )
    out = gpd.GeoDataFrame(index=target.index.copy(), geometry=target.geometry.to_numpy(),
                           crs=target.crs)
    out = out.rename_geometry(target.geometry.name) if target.geometry.name != "geometry" else out
    if weights is None:
        estimated = _by_tobler(source, target, values, extensive, intensive, table.area)
    else:
        estimated = _by_table(table, values, extensive, intensive)
    reached = table.mass.T.tocsr()  # target x source: where a target's value comes from
    no_source = table.target_mass <= 0
    for c in extensive + intensive:
        v = estimated[c].copy()
        gaps = values[c].isna().to_numpy().astype(float)
        v[(reached @ gaps) > 0] = np.nan
        v[no_source] = np.nan
        out[c] = v
    out["interpolated_share"] = table.interpolated_share()
    return out


def _warning(key: str, **values) -> SozialraumWarning:
    return with_messages(SozialraumWarning(Phrase(key, **values).render("en")), key, **values)


def _by_tobler(source, target, values, extensive, intensive, areas) -> dict[str, np.ndarray]:
    """tobler's area_interpolate on our float64 table of intersection areas.

    tobler builds its own table in float32 (shares good to about 1e-7, so totals
    drift by that much); passing the table computed here keeps them exact.
    """
    # tobler is heavy (rasterio, statsmodels): loaded on first use
    from tobler.area_weighted import area_interpolate

    filled = gpd.GeoDataFrame(
        {c: v.fillna(0.0).to_numpy() for c, v in values.items()},
        geometry=source.geometry.to_numpy(), crs=source.crs,
    )
    goal = gpd.GeoDataFrame(geometry=target.geometry.to_numpy(), crs=target.crs)
    result = area_interpolate(
        filled, goal, extensive_variables=extensive or None,
        intensive_variables=intensive or None, table=areas.tocsr(), allocate_total=True,
    )
    return {c: result[c].to_numpy(dtype="float64") for c in extensive + intensive}


def _by_table(table: _Table, values, extensive, intensive) -> dict[str, np.ndarray]:
    out = {}
    to_new = table.share_of_old.T.tocsr()
    for c in extensive:
        out[c] = to_new @ values[c].fillna(0.0).to_numpy()
    mean = table.intensive_weights()
    for c in intensive:
        out[c] = mean @ values[c].fillna(0.0).to_numpy()
    return out
