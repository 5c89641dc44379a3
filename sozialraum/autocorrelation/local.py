"""Local statistics: local Moran's I (LISA) and Getis-Ord Gi* (private module).

Public names are re-exported by :mod:`sozialraum.autocorrelation`; see its docstring
and docs/statistics.md for the conventions.
"""

from __future__ import annotations

import html
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp

# the normal tails as scipy.stats.norm computes them (sf(z) = ndtr(-z)), without importing
# scipy.stats (0.6 s CPU, most of the first LISA's imports)
from scipy.special import ndtr

from sozialraum._text import format_number, text
from sozialraum.autocorrelation import permutation as _perm
from sozialraum.autocorrelation.inference import (
    GSTAR_ALPHA,
    GSTAR_LEVELS,
    UNSET,
    Inference,
    _fmt_alpha,
    _prepare,
    _Settings,
    resolve,
    two_sided_only,
)
from sozialraum.errors import InputError, SmallSampleWarning
from sozialraum.weights import SpatialWeights, choice_error

if TYPE_CHECKING:  # libpysal is imported only when a Graph is made (sozialraum.weights)
    from libpysal.graph import Graph

__all__ = ["LocalGstarResult", "LocalMoranResult", "local_gstar", "local_moran"]

SMALL_N = 30
#: sampling engines of the local p-values (see :mod:`.permutation`)
METHODS = ("pooled", "per-area")
#: what LISA runs with when no setting is given
LOCAL_DEFAULTS = Inference()
#: what Gi* runs with when no setting is given: all three bins count
GSTAR_DEFAULTS = Inference(alpha=GSTAR_ALPHA)
_SHORT_CORRECTION = {
    "de": {
        "none": "ohne Korrektur",
        "bonferroni": "Bonferroni",
        "fdr": "FDR",
        "spdep": "Bonferroni je Nachbarschaft",
    },
    "en": {
        "none": "uncorrected",
        "bonferroni": "Bonferroni",
        "fdr": "FDR",
        "spdep": "Bonferroni per neighbourhood",
    },
}


def _local_inference(inference, defaults: Inference, what: str, **keywords) -> Inference:
    inf = resolve(inference, defaults, **keywords)
    two_sided_only(inf, what)
    return inf


def _warn_small(n: int, what: str, enabled: bool) -> None:
    if n < 3:
        raise InputError.from_key("stats.too_few_local", what=what, n=n)
    if enabled and n < SMALL_N:
        warnings.warn(
            f"{what} on only {n} areas (< {SMALL_N}). This is not refused, but read the "
            "result with care: each local test uses an area and its few neighbours, the "
            "normal approximation is poor, and an area with k neighbours has at most "
            f"C({n - 1}, k) distinct permutation outcomes, which bounds the smallest "
            "attainable p-value (see the 'min_p_attainable' and 'testable' columns). "
            "Silence with small_sample_warning=False or warnings.filterwarnings.",
            SmallSampleWarning,
            stacklevel=3,
        )


def _tails(
    v: np.ndarray, w: sp.csr_matrix, permutations: int, seed, method: str
) -> _perm.TailProbabilities:
    rng = np.random.default_rng(seed)
    return _perm.conditional_tails(v, w, permutations, rng, pooled=method == "pooled")


def _check_method(method: str) -> str:
    if method not in METHODS:
        raise choice_error("stats.choice", "stats.choice_hint", "method", method, METHODS)
    return method


def _series(a, index, name, dtype=None) -> pd.Series:
    if dtype == "string" and pd.StringDtype().storage == "pyarrow":
        # labels of a million areas: pandas validates object arrays cell by cell (0.1 s
        # at 1M, measured); pyarrow converts the same labels, missing ones to NA, at a
        # third of that, and the result is the same "string" Series
        import pyarrow as pa  # a dependency of the table reader, already imported there

        arr = pa.array(np.asarray(a, dtype=object), type=pa.large_string(), from_pandas=True)
        return pd.Series(pd.arrays.ArrowStringArray(arr), index=index, name=name)
    return pd.Series(a, index=index, name=name, dtype=dtype)


def _html_table(frame: pd.DataFrame, title: str) -> str:
    return f"<div><strong>{html.escape(title)}</strong>{frame.to_html(max_rows=30)}</div>"


# --- local Moran --------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # Series fields: compare .to_frame() instead
class LocalMoranResult(_Settings):
    """Local Moran's I (Anselin 1995) per area, indexed by the district key.

    Attributes
    ----------
    statistic : Series
        Ii = z_i / m2 * sum_j w_ij z_j, m2 = sum z^2 / n (spdep ``localmoran``).
    expected, variance, z_score : Series
        Conditional analytical moments (spdep ``conditional=TRUE``) and
        (Ii - expected) / sqrt(variance).
    p_value : Series
        Two-sided conditional-permutation p-value min(1, 2 min(P(S>=s), P(S<=s)));
        exact by enumeration where ``inference == "exact"``; the analytical
        two-sided normal p-value when ``permutations == 0``. NaN for islands.
    p_value_analytical : Series
        2 * (1 - Phi(|z_score|)).
    p_adjusted : Series
        p_value after the multiple-testing ``correction``.
    quadrant : Series
        "HH", "LL", "HL", "LH" from the signs of z and its spatial lag.
    cluster : Series
        quadrant where p_adjusted <= alpha, else "ns"; "untestable" where even the
        smallest attainable p-value could not pass alpha after the correction;
        "island" for areas without neighbours.
    min_p_attainable, testable, n_neighbours, inference : Series
        Small-n honesty: the smallest two-sided p-value the area's permutation
        distribution allows, whether it can pass alpha after correction, the number of
        neighbours and "exact" / "permutation" / "analytical" / "island".
    z, lag : Series
        Standardised value (sd with n-1) and its spatial lag (Moran scatterplot).
    settings : Inference
        The settings used; also as ``permutations``, ``seed``, ``alpha``,
        ``correction`` and ``alternative``. (``inference`` is the per-area method.)
    """

    statistic: pd.Series
    expected: pd.Series
    variance: pd.Series
    z_score: pd.Series
    p_value: pd.Series
    p_value_analytical: pd.Series
    p_adjusted: pd.Series
    quadrant: pd.Series
    cluster: pd.Series
    min_p_attainable: pd.Series
    testable: pd.Series
    n_neighbours: pd.Series
    inference: pd.Series
    z: pd.Series
    lag: pd.Series
    settings: Inference

    def labels(self, lang: str = "de") -> pd.Series:
        """German (or English) label per area; significance classes name alpha and correction."""
        return _labels(self.cluster, "cluster", self.alpha, self.correction, lang)

    def to_frame(self, lang: str = "de") -> pd.DataFrame:
        """All per-area columns plus the ``label`` in `lang`."""
        cols = [
            "statistic",
            "expected",
            "variance",
            "z_score",
            "p_value",
            "p_adjusted",
            "p_value_analytical",
            "quadrant",
            "cluster",
            "min_p_attainable",
            "testable",
            "n_neighbours",
            "inference",
            "z",
            "lag",
        ]
        out = pd.concat({c: getattr(self, c) for c in cols}, axis=1)
        out["label"] = self.labels(lang)
        return out

    def describe(self, lang: str = "de") -> str:
        """A methods-text sentence with permutations, seed, alpha and correction."""
        return _describe(
            "Lokales Moran's I (LISA)" if lang == "de" else "Local Moran's I (LISA)",
            self.permutations,
            self.seed,
            self.alpha,
            self.correction,
            lang,
        )

    def __repr__(self) -> str:
        return _repr(self, "LocalMoranResult")

    def _repr_html_(self) -> str:
        return _html_table(self.to_frame(), repr(self).splitlines()[0])


def local_moran(
    values: pd.Series,
    graph: SpatialWeights | Graph,
    permutations: int = UNSET,
    seed: int | None = UNSET,
    correction: str = UNSET,
    alpha: float = UNSET,
    *,
    inference: Inference | None = None,
    small_sample_warning: bool = True,
    method: str = "pooled",
) -> LocalMoranResult:
    """Local Moran's I with honest small-sample inference.

    Parameters
    ----------
    values : Series
        Indexed by the district key (any order).
    graph : SpatialWeights or libpysal.graph.Graph
        From :func:`sozialraum.spatial_weights` (row-standardised by default).
    permutations : int, default 9999 (``PERMUTATIONS``)
        Conditional permutations per area where exact enumeration is not possible
        (0: analytical p-values only).
    seed : int or None, default 1 (``SEED``)
    correction : {"none", "bonferroni", "fdr", "spdep"}, default "fdr" (``CORRECTION``)
        Multiple-testing correction: Bonferroni over all tested areas,
        Benjamini-Hochberg, or spdep's ``p.adjustSP`` (p * (neighbours + 1)).
    alpha : float, default 0.05 (``ALPHA``)
    inference : Inference, optional
        All settings in one value (alternative must be "two-sided"). Exclusive with
        the four keywords above: giving both is a :class:`~sozialraum.ConfigError`,
        so that no setting is silently dropped. Every setting is validated by
        :class:`~sozialraum.autocorrelation.Inference` either way.
    small_sample_warning : bool, default True
        Issue :class:`~sozialraum.SmallSampleWarning` when n < 30.
    method : {"pooled", "per-area"}, default "pooled"
        How sampled p-values are drawn (exact enumeration is used either way where
        possible). "pooled": rows whose weights are equal (contiguity, knn, binary or
        row-standardised) share one sorted null distribution per neighbour count,
        with the area's own value rejected, so every area still gets exactly
        `permutations` draws from its conditional permutation distribution, in
        O(n log P) instead of O(n P); other rows use the per-area engine.
        "per-area": the per-area engine for every row (the seeded results of
        sozialraum <= 0.1). Both are exact in distribution; only the random draws,
        and so the seeded values, differ.

    Examples
    --------
    >>> import geopandas as gpd, pandas as pd
    >>> from shapely.geometry import box
    >>> from sozialraum.weights import spatial_weights
    >>> cells = [box(x, y, x + 1, y + 1) for y in range(6) for x in range(6)]
    >>> keys = pd.Index([f"{i:04d}" for i in range(36)], name="SR_NR")
    >>> d = gpd.GeoDataFrame(geometry=cells, index=keys, crs=25832)
    >>> y = pd.Series([float(i % 6 + i // 6) for i in range(36)], index=keys)
    >>> lm = local_moran(y, spatial_weights(d, "queen"), permutations=999)
    >>> lm.to_frame().loc["0035", ["quadrant", "cluster"]].tolist()
    ['HH', 'HH']
    """
    inf = _local_inference(
        inference,
        LOCAL_DEFAULTS,
        "Local Moran's I",
        permutations=permutations,
        seed=seed,
        correction=correction,
        alpha=alpha,
    )
    permutations, seed, correction, alpha = inf.permutations, inf.seed, inf.correction, inf.alpha
    method = _check_method(method)
    prep = _prepare(values, graph)
    x, w, card, idx = prep.x, prep.w, prep.card, prep.index
    n = len(x)
    _warn_small(n, "Local Moran's I", small_sample_warning)
    z = x - x.mean()
    m2 = float(z @ z) / n
    lag = w @ z
    ii = z / m2 * lag
    ii[card == 0] = 0.0  # as spdep: an island's Ii is 0 (not -0.0 from a negative z)
    wi = np.asarray(w.sum(axis=1)).ravel()
    wi2 = np.asarray(w.power(2).sum(axis=1)).ravel()
    ei = -(z**2 * wi) / ((n - 1) * m2)
    vi = (z / m2) ** 2 * (n / (n - 2)) * (wi2 - wi**2 / (n - 1)) * (m2 - z**2 / (n - 1))
    island = card == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        zi = np.where(island, np.nan, (ii - ei) / np.sqrt(vi))
    p_an = 2 * ndtr(-np.abs(zi))

    sd = x.std(ddof=1)
    v = z / sd
    if permutations:
        tails = _tails(v, w, permutations, seed, method)
        p = tails.two_sided
        # z_i = 0: Ii is 0 in every permutation, so every outcome ties: p = 1
        p = np.where(~island & (np.abs(v) <= 1e-12), 1.0, p)
        min_p = tails.min_p
        inference = tails.method
    else:
        p = p_an
        min_p = np.where(island, np.nan, 0.0)
        inference = np.where(island, "island", "analytical").astype(object)
    p_adj = _perm.adjust(p, correction, card)
    best = _perm.best_adjusted(min_p, correction, card)
    testable = ~island & (best <= alpha)
    lz = w @ v
    # codes into the label arrays (fast at a million areas): HH HL LH LL ns untestable island
    q = 2 * (v <= 0) + (lz <= 0)
    # no neighbours: no spatial lag, no quadrant
    quadrant = np.array(["HH", "HL", "LH", "LL", None], dtype=object)[np.where(island, 4, q)]
    code = np.where(island, 6, np.where(p_adj <= alpha, q, np.where(testable, 4, 5)))
    cluster = np.array(["HH", "HL", "LH", "LL", "ns", "untestable", "island"], dtype=object)[code]
    s = lambda a, name, dtype=None: _series(a, idx, name, dtype)  # noqa: E731
    return LocalMoranResult(
        statistic=s(ii, "statistic"),
        expected=s(ei, "expected"),
        variance=s(vi, "variance"),
        z_score=s(zi, "z_score"),
        p_value=s(p, "p_value"),
        p_value_analytical=s(p_an, "p_value_analytical"),
        p_adjusted=s(p_adj, "p_adjusted"),
        quadrant=s(quadrant, "quadrant", "string"),
        cluster=s(cluster, "cluster", "string"),
        min_p_attainable=s(min_p, "min_p_attainable"),
        testable=s(testable, "testable"),
        n_neighbours=s(card, "n_neighbours"),
        inference=s(inference, "inference", "string"),
        z=s(v, "z"),
        lag=s(lz, "lag"),
        settings=inf,
    )


# --- Gi* ----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class LocalGstarResult(_Settings):
    """Getis-Ord Gi* (self included, binary weights) per area.

    Attributes
    ----------
    statistic : Series
        G*_i = sum_j w*_ij x_j / sum(x) (w*_ii = 1; spdep's ``internals`` "G*").
    z_score : Series
        spdep ``localG(include.self)``: (sum_j w*_ij x_j - W*_i mean) / sqrt(s^2
        (n S1_i - W*_i^2) / (n - 1)), s^2 with denominator n. Its sign always means
        "above / below the mean", also for variables with a negative mean.
    p_value : Series
        Two-sided conditional-permutation p-value (exact where possible) when
        ``permutations > 0``, else the analytical one. NaN for islands.
    p_value_analytical : Series
        2 * (1 - Phi(|z|)).
    p_adjusted : Series
        After ``correction``; the bins compare it with 0.01 / 0.05 / 0.10.
    bin : Series
        -3..3 like ArcGIS's Gi_Bin (sign of z times 3 / 2 / 1 at 99 / 95 / 90 %), at
        the fixed levels whatever `alpha` is (information).
    cluster : Series
        The significance decision at `alpha`: "hot99" ... "cold99" (named by the bin)
        where ``p_adjusted <= alpha`` and the bin is not 0, else "ns"; "untestable"
        (cannot reach min(alpha, 0.10) even in the best case), "island".
    settings : Inference
        The settings used; also as ``permutations`` ... ``alternative``.
    """

    statistic: pd.Series
    z_score: pd.Series
    p_value: pd.Series
    p_value_analytical: pd.Series
    p_adjusted: pd.Series
    bin: pd.Series
    cluster: pd.Series
    min_p_attainable: pd.Series
    testable: pd.Series
    n_neighbours: pd.Series
    inference: pd.Series
    settings: Inference
    levels: tuple = GSTAR_LEVELS

    def labels(self, lang: str = "de") -> pd.Series:
        return _labels(self.cluster, "gstar", self.alpha, self.correction, lang)

    def to_frame(self, lang: str = "de") -> pd.DataFrame:
        cols = [
            "statistic",
            "z_score",
            "p_value",
            "p_adjusted",
            "p_value_analytical",
            "bin",
            "cluster",
            "min_p_attainable",
            "testable",
            "n_neighbours",
            "inference",
        ]
        out = pd.concat({c: getattr(self, c) for c in cols}, axis=1)
        out["label"] = self.labels(lang)
        return out

    def describe(self, lang: str = "de") -> str:
        return _describe(
            "Getis-Ord Gi*", self.permutations, self.seed, self.alpha, self.correction, lang
        )

    def __repr__(self) -> str:
        return _repr(self, "LocalGstarResult")

    def _repr_html_(self) -> str:
        return _html_table(self.to_frame(), repr(self).splitlines()[0])


def local_gstar(
    values: pd.Series,
    graph: SpatialWeights | Graph,
    permutations: int = UNSET,
    seed: int | None = UNSET,
    correction: str = UNSET,
    alpha: float = UNSET,
    *,
    inference: Inference | None = None,
    small_sample_warning: bool = True,
    method: str = "pooled",
) -> LocalGstarResult:
    """Getis-Ord Gi* hot and cold spots (self included, binary weights).

    The neighbours are those of `graph` (its weights are made binary, the area itself
    is added), as spdep's ``localG(x, nb2listw(include.self(nb), style="B"))``. Bins
    follow ArcGIS's Gi_Bin at the fixed levels 90 / 95 / 99 % on the corrected
    p-values (column ``bin``, information). `alpha` decides significance: an area is a
    hot or cold spot (``cluster``, named by its bin) where ``p_adjusted <= alpha``, so
    with ``alpha=0.05`` the 90 % bins are "ns". The default ``alpha=0.10``
    (``GSTAR_ALPHA``) counts all three bins; above 0.10 nothing weaker than the 90 %
    bin is shown. Areas that cannot reach min(alpha, 0.10) are "untestable".
    The settings (`permutations`, `seed`, `correction`, `alpha` or one `inference`)
    and `method` work as in :func:`local_moran`.

    Examples
    --------
    >>> import geopandas as gpd, pandas as pd
    >>> from shapely.geometry import box
    >>> from sozialraum.weights import spatial_weights
    >>> cells = [box(x, y, x + 1, y + 1) for y in range(6) for x in range(6)]
    >>> keys = pd.Index([f"{i:04d}" for i in range(36)], name="SR_NR")
    >>> d = gpd.GeoDataFrame(geometry=cells, index=keys, crs=25832)
    >>> y = pd.Series([float(i % 6 + i // 6) for i in range(36)], index=keys)
    >>> gs = local_gstar(y, spatial_weights(d, "queen"), permutations=999)
    >>> gs.to_frame().loc["0035", "cluster"], gs.to_frame().loc["0000", "cluster"]
    ('hot99', 'cold99')
    """
    inf = _local_inference(
        inference,
        GSTAR_DEFAULTS,
        "Gi*",
        permutations=permutations,
        seed=seed,
        correction=correction,
        alpha=alpha,
    )
    permutations, seed, correction, alpha = inf.permutations, inf.seed, inf.correction, inf.alpha
    method = _check_method(method)
    prep = _prepare(values, graph)
    x, card, idx = prep.x, prep.card, prep.index
    n = len(x)
    _warn_small(n, "Gi*", small_sample_warning)
    b = prep.w.copy()
    b.data[:] = 1.0
    lx = b @ x + x
    wi = card + 1.0
    xbar = x.mean()
    s2 = float(((x - xbar) ** 2).sum()) / n
    var = s2 * (n * wi - wi**2) / (n - 1)
    z = (lx - wi * xbar) / np.sqrt(var)
    total = x.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        g = lx / total if total != 0 else np.full(n, np.nan)
    island = card == 0
    p_an = np.where(island, np.nan, 2 * ndtr(-np.abs(z)))
    if permutations:
        v = (x - xbar) / x.std(ddof=1)
        tails = _tails(v, b, permutations, seed, method)
        p, min_p, inference = tails.two_sided, tails.min_p, tails.method
    else:
        p = p_an
        min_p = np.where(island, np.nan, 0.0)
        inference = np.where(island, "island", "analytical").astype(object)
    p_adj = _perm.adjust(p, correction, card)
    best = _perm.best_adjusted(min_p, correction, card)
    # the significance decision is alpha's; nothing weaker than the 90 % bin is shown
    threshold = min(alpha, max(GSTAR_LEVELS))
    testable = ~island & (best <= threshold)
    lv1, lv2, lv3 = sorted(GSTAR_LEVELS)
    level = np.select([p_adj <= lv1, p_adj <= lv2, p_adj <= lv3], [3, 2, 1], 0)
    bins = np.where(island, 0, np.sign(z).astype(int) * level)  # fixed levels: information
    significant = ~island & (bins != 0) & (p_adj <= threshold)
    names = ["cold99", "cold95", "cold90", "ns", "hot90", "hot95", "hot99", "untestable", "island"]
    code = np.where(island, 8, np.where(significant, bins + 3, np.where(testable, 3, 7)))
    cluster = np.array(names, dtype=object)[code]
    s = lambda a, name, dtype=None: _series(a, idx, name, dtype)  # noqa: E731
    return LocalGstarResult(
        statistic=s(g, "statistic"),
        z_score=s(z, "z_score"),
        p_value=s(p, "p_value"),
        p_value_analytical=s(p_an, "p_value_analytical"),
        p_adjusted=s(p_adj, "p_adjusted"),
        bin=s(bins, "bin", "int64"),
        cluster=s(cluster, "cluster", "string"),
        min_p_attainable=s(min_p, "min_p_attainable"),
        testable=s(testable, "testable"),
        n_neighbours=s(card, "n_neighbours"),
        inference=s(inference, "inference", "string"),
        settings=inf,
    )


# --- shared presentation ------------------------------------------------------------------


def _labels(cluster: pd.Series, family: str, alpha: float, correction: str, lang: str) -> pd.Series:
    corr = _SHORT_CORRECTION["en" if lang == "en" else "de"][correction]
    cache: dict[str, str] = {}
    for code in cluster.unique():
        if code in ("island", "untestable"):
            cache[code] = text(f"cluster.{code}", lang)
        elif code == "ns":
            cache[code] = text(
                "stats.ns_suffix",
                lang,
                label=text("cluster.ns", lang),
                alpha=_fmt_alpha(alpha, lang),
                correction=corr,
            )
        else:
            base = text(f"{family}.{code}", lang)
            fixed = dict(zip("950", GSTAR_LEVELS, strict=True))  # hot99, hot95, hot90
            level = alpha if family == "cluster" else fixed[code[-1]]
            cache[code] = text(
                "stats.significant_suffix",
                lang,
                label=base,
                alpha=_fmt_alpha(level, lang),
                correction=corr,
            )
    return cluster.map(cache).astype("string").rename("label")


def _describe(stat: str, permutations, seed, alpha, correction, lang) -> str:
    inference = (
        text(
            "stats.inference_perm",
            lang,
            permutations=format_number(permutations, 0, lang),
            seed=seed,
        )
        if permutations
        else text("stats.inference_analytical", lang)
    )
    corr = text(f"stats.correction.{correction}", lang)
    return text(
        "stats.describe_local",
        lang,
        statistic=stat,
        inference=inference,
        alpha=_fmt_alpha(alpha, lang),
        correction=corr,
    )


def _repr(res, name: str) -> str:
    counts = res.cluster.value_counts()
    summary = ", ".join(f"{k}: {int(v)}" for k, v in counts.items())
    exact = int((res.inference == "exact").sum())
    return (
        f"{name}(n={len(res.cluster)}, permutations={res.permutations}, seed={res.seed!r}, "
        f"alpha={res.alpha}, correction={res.correction!r}, alternative={res.alternative!r})\n"
        f"  clusters: {summary}\n"
        f"  exact p-values: {exact} areas; untestable: {int((res.cluster == 'untestable').sum())}"
    )
