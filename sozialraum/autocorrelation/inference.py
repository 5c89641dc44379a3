"""Input checks shared by the spatial statistics (private)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from libpysal.graph import Graph

from sozialraum.errors import (
    ConfigError,
    DuplicateKeyError,
    InputError,
    MissingDataError,
    format_values,
)


@dataclass(frozen=True)
class _Prepared:
    index: pd.Index
    x: np.ndarray  # values in graph order
    w: sp.csr_matrix  # weights as given, diagonal removed, zeros eliminated
    card: np.ndarray  # neighbours per area


def _prepare(values, graph: Graph, name: str = "values") -> _Prepared:
    if not isinstance(graph, Graph):
        raise InputError(
            f"'graph' needs to be a libpysal.graph.Graph (from sr.spatial_weights), "
            f"{type(graph).__name__} was given instead."
        )
    if not isinstance(values, pd.Series):
        raise InputError(
            f"{name!r} needs to be a pandas Series indexed by the district key, "
            f"{type(values).__name__} was given. Example: data['SGB2_QUOTE']."
        )
    if values.index.has_duplicates:
        dup = values.index[values.index.duplicated()].unique()
        raise DuplicateKeyError(f"{name!r} has duplicate keys: {format_values(dup)}.")
    ids = graph.unique_ids
    label = f"{name!r}" + (f" (column {values.name!r})" if values.name is not None else "")
    missing = ids.difference(values.index, sort=False)
    extra = values.index.difference(ids, sort=False)
    if len(missing) or len(extra):
        parts = []
        if len(missing):
            parts.append(
                f"{len(missing)} key(s) of the weights are missing: {format_values(missing)}"
            )
        if len(extra):
            parts.append(f"{len(extra)} key(s) are not in the weights: {format_values(extra)}")
        raise InputError(
            f"{label} and the weights do not have the same keys: "
            + "; ".join(parts)
            + ". Were leading zeros lost? Build the weights from the same districts."
        )
    aligned = values.reindex(ids)
    try:
        x = (
            pd.to_numeric(aligned, errors="raise")
            .astype("Float64")
            .to_numpy(dtype=float, na_value=np.nan)
        )
    except (TypeError, ValueError) as err:
        raise InputError(f"{label} must be numeric ({aligned.dtype} given).") from err
    bad = ~np.isfinite(x)
    if bad.any():
        raise MissingDataError(
            f"{label} has {int(bad.sum())} missing or infinite value(s) at the keys "
            f"{format_values(ids[bad])}. Spatial statistics need a value for every area: "
            "drop those areas from the districts *before* building the weights, or fill "
            "them deliberately."
        )
    if np.ptp(x) == 0:
        raise InputError(f"{label} is constant ({x[0]!r}); autocorrelation is undefined.")
    w = graph.sparse.tocsr(copy=True).astype(float)
    w.setdiag(0)
    w.eliminate_zeros()
    w.sort_indices()
    # the graph's ids are named 'focal' by libpysal: results carry the user's key name
    index = pd.Index(ids, name=values.index.name)
    return _Prepared(index=index, x=x, w=w, card=np.diff(w.indptr))


def _rng_check(permutations: int, seed) -> int:
    if not (isinstance(permutations, int | np.integer) and permutations >= 0):
        raise ConfigError(
            f"'permutations' needs to be an integer >= 0. {permutations!r} was given instead."
        )
    return int(permutations)


def _fmt_alpha(alpha: float, lang: str) -> str:
    s = f"{alpha:g}"
    return s.replace(".", ",") if lang == "de" else s
