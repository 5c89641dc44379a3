"""Reference frames of an index in a region: all areas together, or each municipality alone.

``composite_index(..., reference="municipality")`` runs the index core once per
municipality (same spec, same weights) and ranks and classifies within it; these
helpers split and reassemble the arrays.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from sozialraum.errors import ColumnError, ConfigError, Listed, MissingDataError
from sozialraum.index.normalise import _ranks


def municipality_keys(data: pd.DataFrame, municipality, reference: str) -> pd.Series | None:
    """The municipality key per area (text), or None without one in the region frame."""
    if municipality is None:
        if reference == "region":
            return None
        municipality = "AGS"
    if isinstance(municipality, str):
        if municipality not in data.columns:
            raise ColumnError.from_key(
                "index.municipality_column", column=municipality,
                available=Listed([c for c in data.columns if "__" not in str(c)], 12),
            )
        series = data[municipality]
    else:
        series = pd.Series(municipality)
        missing = data.index.difference(series.index)
        if len(missing):
            raise MissingDataError.from_key("index.municipality_missing", keys=Listed(missing))
        series = series.reindex(data.index)
    if series.isna().any():
        raise MissingDataError.from_key(
            "index.municipality_missing", keys=Listed(data.index[series.isna().to_numpy()]))
    return series.astype(str).rename("municipality")


def _labels(groups: np.ndarray) -> list:
    return list(dict.fromkeys(groups.tolist()))


def core_within(core: Callable[..., dict], spec, x: np.ndarray, groups: np.ndarray | None
                ) -> dict:
    """`core` (the index's numpy core) over all areas, or separately per municipality."""
    if groups is None:
        return core(spec, x, spec.normalisation, spec.weighting, spec.aggregation)
    if spec.weighting in ("pca", "random"):
        raise ConfigError.from_key("index.reference_weighting", weighting=spec.weighting)
    labels = _labels(groups)
    small = [g for g in labels if int((groups == g).sum()) < 3]
    if small:
        raise MissingDataError.from_key(
            "index.reference_too_few", name=spec.name, municipalities=Listed(small))
    parts = {g: core(spec, x[groups == g], spec.normalisation, spec.weighting,
                     spec.aggregation) for g in labels}
    first = parts[labels[0]]
    out = dict(first)
    for key in ("normalised", "subindices", "raw", "deprivation", "contributions"):
        if first[key] is None:
            continue
        arr = np.full((len(x),) + first[key].shape[1:], np.nan)
        for g in labels:
            arr[groups == g] = parts[g][key]
        out[key] = arr
    return out


def _rank_desc(d: np.ndarray) -> np.ndarray:
    """Rank 1 = largest value; ties share the smaller rank ('min')."""
    ok = ~np.isnan(d)
    r = np.full(d.shape, np.nan)
    r[ok] = _ranks(-d[ok], "min")
    return r


def rank_desc_within(d: np.ndarray, groups: np.ndarray | None) -> np.ndarray:
    """Ranks (1 = most deprived) over all areas or within each municipality."""
    if groups is None:
        return _rank_desc(d)
    out = np.full(d.shape, np.nan)
    for g in _labels(groups):
        members = groups == g
        out[members] = _rank_desc(d[members])
    return out


def classify_within(spec, d: np.ndarray, groups: np.ndarray | None,
                    published_scale: float) -> np.ndarray:
    """Class levels from the spec's scheme over all areas or within each municipality."""
    if groups is None:
        return spec.classes.classify(d, published_scale=published_scale)
    out = np.full(d.shape, -1)
    for g in _labels(groups):
        members = groups == g
        out[members] = spec.classes.classify(d[members], published_scale=published_scale)
    return out
