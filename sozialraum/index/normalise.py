"""Normalisations, weights, aggregations and class schemes of the composite index (numpy core).

All functions take *oriented* values (multiplied by the indicator's direction,
so higher always means more deprivation) of the areas that enter the index,
and return arrays of the same shape; NaN marks a missing value and is ignored
in the statistics (mean, SD, ranks) of the other areas.
"""

from __future__ import annotations

import math

import numpy as np

from sozialraum._util.choices import check_choice
from sozialraum.errors import ConfigError

NORMALISATIONS: tuple[str, ...] = (
    "zscore", "zscore_sample", "minmax", "percentile", "rank", "distance", "imd_exponential",
)
WEIGHTINGS: tuple[str, ...] = ("equal", "explicit", "theme", "pca", "pca_theme", "random")
AGGREGATIONS: tuple[str, ...] = ("arithmetic", "geometric")
CLASS_METHODS: tuple[str, ...] = (
    "sd", "quantiles", "svi_flag", "natural_breaks", "fixed", "quantile_breaks",
)

#: normalisations whose values can be <= 0 (rescaled to [1, 100] before geometric means)
NON_POSITIVE = frozenset({"zscore", "zscore_sample", "minmax", "percentile", "distance"})

IMD_CONSTANT = 23.0


def _ranks(x: np.ndarray, method: str) -> np.ndarray:
    """Ranks (1 = smallest) of the non-missing values; ties 'average' or 'min'."""
    out = np.full(x.shape, np.nan)
    ok = ~np.isnan(x)
    v = x[ok]
    order = np.argsort(v, kind="mergesort")
    sorted_v = v[order]
    r = np.empty(len(v))
    i = 0
    while i < len(v):
        j = i
        while j + 1 < len(v) and sorted_v[j + 1] == sorted_v[i]:
            j += 1
        r[order[i: j + 1]] = (i + j) / 2 + 1 if method == "average" else i + 1
        i = j + 1
    out[ok] = r
    return out


def imd_exponential(x: np.ndarray) -> np.ndarray:
    """IMD exponential transform of ranks: ``X = -23 ln(1 - R (1 - exp(-100/23)))``.

    ``R = rank / n`` with rank 1 for the least deprived value, so the most
    deprived area gets exactly 100 and the least deprived about ``100/n``-ish
    small values; the transform stretches the deprived end.
    """
    r = _ranks(x, "average")
    n = np.count_nonzero(~np.isnan(x))
    big_r = r / n
    return -IMD_CONSTANT * np.log(1 - big_r * (1 - math.exp(-100 / IMD_CONSTANT)))


def normalise(x: np.ndarray, method: str, reference: float | None = None) -> np.ndarray:
    """Normalise one indicator's oriented values over the included areas.

    ``zscore``: ``(x - mean) / sd`` with the population SD (ddof 0);
    ``zscore_sample``: sample SD (ddof 1); ``minmax``: ``(x - min) / (max - min)``;
    ``percentile``: ``(rank_min - 1) / (n - 1)`` (Excel PERCENTRANK.INC, as the
    CDC SVI); ``rank``: average ranks 1..n; ``distance``: percent deviation
    from the (oriented) reference value, ``(x - ref) / |ref| * 100``;
    ``imd_exponential``: see :func:`imd_exponential`. A constant indicator
    gives 0 for z-scores and min-max (it carries no information).

    Examples
    --------
    >>> normalise(np.array([1.0, 2.0, 3.0]), "zscore").round(4).tolist()
    [-1.2247, 0.0, 1.2247]
    """
    check_choice("normalisation", method, NORMALISATIONS)
    x = np.asarray(x, dtype=float)
    ok = ~np.isnan(x)
    n = int(ok.sum())
    if n == 0:
        return np.full(x.shape, np.nan)
    if method in ("zscore", "zscore_sample"):
        ddof = 0 if method == "zscore" else 1
        mean = x[ok].mean()
        sd = x[ok].std(ddof=ddof) if n > ddof else 0.0
        return (x - mean) / sd if sd > 0 else np.where(ok, 0.0, np.nan)
    if method == "minmax":
        lo, hi = x[ok].min(), x[ok].max()
        return (x - lo) / (hi - lo) if hi > lo else np.where(ok, 0.0, np.nan)
    if method == "percentile":
        return (_ranks(x, "min") - 1) / (n - 1) if n > 1 else np.where(ok, 0.0, np.nan)
    if method == "rank":
        return _ranks(x, "average")
    if method == "distance":
        if reference is None or not np.isfinite(reference) or reference == 0:
            raise ConfigError.from_key(
                "index.distance_reference", example="IndexSpec(reference={column: value})"
            )
        return (x - reference) / abs(reference) * 100.0
    return imd_exponential(x)


def rescale_positive(v: np.ndarray) -> np.ndarray:
    """Linear rescale to [1, 100] (used before geometric means of non-positive values)."""
    ok = ~np.isnan(v)
    if not ok.any():
        return v
    lo, hi = np.nanmin(v), np.nanmax(v)
    if hi == lo:
        return np.where(ok, 50.5, np.nan)
    return 1 + 99 * (v - lo) / (hi - lo)


def aggregate_values(values: np.ndarray, weights: np.ndarray, method: str) -> np.ndarray:
    """Weighted arithmetic or geometric mean per row, re-weighting over non-missing values.

    ``arithmetic``: ``sum(w v) / sum(w)``; ``geometric``: ``prod(v ** w) ** (1 /
    sum(w))`` -- needs positive values (callers rescale first). Rows with no
    value are NaN.

    Examples
    --------
    >>> aggregate_values(np.array([[1.0, 4.0]]), np.array([0.5, 0.5]), "geometric").tolist()
    [2.0]
    """
    check_choice("aggregation", method, AGGREGATIONS)
    v = np.asarray(values, dtype=float)
    w = np.broadcast_to(np.asarray(weights, dtype=float), v.shape)
    ok = ~np.isnan(v)
    wsum = np.where(ok, w, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "arithmetic":
            s = np.where(ok, w * v, 0.0).sum(axis=1) / wsum
        else:
            if np.any(v[ok] <= 0):
                raise ConfigError.from_key("index.geometric_positive")
            s = np.exp(np.where(ok, w * np.log(np.where(ok, v, 1.0)), 0.0).sum(axis=1) / wsum)
    return np.where(wsum > 0, s, np.nan)


def pca_weights(values: np.ndarray) -> np.ndarray:
    """Weights from the first principal component: squared loadings (they sum to 1).

    Computed from the correlation matrix of the complete rows (OECD/JRC
    handbook: squared, unit-scaled loadings).
    """
    v = values[~np.isnan(values).any(axis=1)]
    m = values.shape[1]
    if m == 1:
        return np.ones(1)
    if len(v) < 3:
        raise ConfigError.from_key("index.pca_too_few")
    sd = v.std(axis=0)
    if np.any(sd == 0):
        raise ConfigError.from_key("index.pca_constant")
    corr = np.corrcoef(v, rowvar=False)
    vals, vecs = np.linalg.eigh(corr)
    first = vecs[:, np.argmax(vals)]
    w = first**2
    return w / w.sum()


#: Reference frames of a standardisation: the whole region or each municipality alone.
REFERENCES: tuple[str, ...] = ("region", "municipality")
#: The methods-text sentence of each reference frame (catalogue keys).
REFERENCE_TEXTS: dict[str, str] = {
    "region": "index.reference.region",
    "municipality": "index.reference.municipality",
}


def normalise_within(x: np.ndarray, method: str, groups: np.ndarray | None = None,
                     reference: float | None = None) -> np.ndarray:
    """:func:`normalise` separately within each group (e.g. each municipality of a region).

    ``groups`` holds one label per value (None: one group, the whole region). Means,
    SDs, ranks and percentiles are those of the values of the same group, so a z-score
    of 1 means "one SD above the mean of its own municipality".

    Examples
    --------
    >>> x = np.array([1.0, 2.0, 3.0, 10.0, 20.0, 30.0])
    >>> g = np.array(["A", "A", "A", "B", "B", "B"])
    >>> normalise_within(x, "zscore", g).round(4).tolist()
    [-1.2247, 0.0, 1.2247, -1.2247, 0.0, 1.2247]
    >>> normalise_within(x, "rank", g).tolist()
    [1.0, 2.0, 3.0, 1.0, 2.0, 3.0]
    """
    x = np.asarray(x, dtype=float)
    if groups is None:
        return normalise(x, method, reference)
    groups = np.asarray(groups, dtype=object)
    out = np.full(x.shape, np.nan)
    for g in dict.fromkeys(groups.tolist()):
        members = groups == g
        out[members] = normalise(x[members], method, reference)
    return out


def first_component(values: np.ndarray, reference: np.ndarray | None = None) -> np.ndarray:
    """Coefficients of the first principal component of standardised columns (unit length).

    The eigenvector of the largest eigenvalue of the correlation matrix, which
    is what R's ``prcomp(x, center = TRUE, scale. = TRUE)$rotation[, 1]`` gives
    (the RKI's GISD uses it per domain). The score of a row is
    ``standardised_row @ coefficients``. An eigenvector's sign is arbitrary:
    it is chosen so that the score correlates positively with `reference`
    (the GISD polarises every domain by unemployment); without a reference so
    that the coefficients sum to a positive number. Rows with a missing value
    are left out. Written with numpy (``eigh``), as scikit-learn's PCA would
    add a dependency for one eigenvector.

    Examples
    --------
    >>> x = np.array([[1.0, 2.0], [2.0, 4.5], [3.0, 5.5], [4.0, 8.0]])
    >>> first_component(x).round(4).tolist()
    [0.7071, 0.7071]
    """
    v = np.asarray(values, dtype=float)
    m = v.shape[1]
    if m == 1:
        return np.ones(1)
    ok = ~np.isnan(v).any(axis=1)
    v = v[ok]
    if len(v) < 3:
        raise ConfigError.from_key("index.pca_too_few")
    if np.any(v.std(axis=0) == 0):
        raise ConfigError.from_key("index.pca_constant")
    vals, vecs = np.linalg.eigh(np.corrcoef(v, rowvar=False))
    first = vecs[:, np.argmax(vals)]
    if reference is None:
        sign = 1.0 if first.sum() >= 0 else -1.0
    else:
        z = (v - v.mean(axis=0)) / v.std(axis=0, ddof=1)
        ref = np.asarray(reference, dtype=float)[ok]
        sign = 1.0 if np.corrcoef(ref, z @ first)[0, 1] >= 0 else -1.0
    return sign * first
