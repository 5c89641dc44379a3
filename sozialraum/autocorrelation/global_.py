"""Spatial autocorrelation: global Moran's I and Geary's C, local Moran (LISA), Gi*.

The formulas follow R spdep 1.2-7 (tested against it to 1e-9); where spdep and esda
disagree we follow the conventions in docs/statistics.md:

* local Moran ``Ii = z_i / m2 * sum_j w_ij z_j`` with ``m2 = sum z^2 / n`` (spdep's
  default ``mlvar=TRUE``; esda's ``Is`` is (n-1)/n of it) and the *conditional*
  analytical moments (spdep ``conditional=TRUE``);
* local p-values are two-sided conditional-permutation p-values
  ``min(1, 2 * min(P(S >= s), P(S <= s)))``, exact by enumeration where there are at
  most 200,000 neighbour sets (see :mod:`sozialraum._permutation`);
* Geary's z is positive for positive autocorrelation (spdep), esda's has the other sign;
* Gi* includes the area itself with binary weights (spdep ``localG(include.self)``)
  and its z keeps its sign for variables with a negative mean;
* areas without neighbours: global statistics use n minus the number of islands
  (spdep ``adjust.n=TRUE``); local statistics mark them "island" ("keine Nachbarn")
  with NaN p-values instead of esda's spuriously significant 1/(permutations+1).

Examples
--------
>>> import geopandas as gpd, pandas as pd
>>> from shapely.geometry import box
>>> from sozialraum.weights import spatial_weights
>>> cells = [box(x, y, x + 1, y + 1) for y in range(6) for x in range(6)]
>>> keys = pd.Index([f"{i:04d}" for i in range(36)], name="SR_NR")
>>> d = gpd.GeoDataFrame(geometry=cells, index=keys, crs=25832)
>>> y = pd.Series([float(i % 6 + i // 6) for i in range(36)], index=keys)
>>> gm = global_moran(y, spatial_weights(d, "rook"), permutations=99, seed=1)
>>> round(gm.statistic, 4), gm.p_value
(0.8889, 0.01)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

# the normal tails as scipy.stats.norm computes them (sf(z) = ndtr(-z)), without importing
# scipy.stats (0.6 s CPU, most of the first LISA's imports)
from scipy.special import ndtr

from sozialraum._text import format_number, html_table, text
from sozialraum.autocorrelation.inference import (
    GLOBAL_ALTERNATIVE,
    UNSET,
    Inference,
    _prepare,
    _Settings,
    resolve,
)
from sozialraum.autocorrelation.shuffle import geary_sums, moran_sums
from sozialraum.errors import InputError, Listed
from sozialraum.weights import SpatialWeights

if TYPE_CHECKING:  # libpysal is imported only when a Graph is made (sozialraum.weights)
    from libpysal.graph import Graph

__all__ = [
    "GlobalGearyResult",
    "GlobalMoranResult",
    "global_geary",
    "global_moran",
    "global_moran_rate",
]

Alternative = Literal["greater", "less", "two-sided"]
Correction = Literal["none", "bonferroni", "fdr", "spdep"]
#: what a global statistic runs with when no setting is given
GLOBAL_DEFAULTS = Inference(alternative=GLOBAL_ALTERNATIVE, correction="none")


def _global_inference(inference, permutations, seed, alternative) -> Inference:
    inf = resolve(
        inference, GLOBAL_DEFAULTS, permutations=permutations, seed=seed, alternative=alternative
    )
    # a single test: no multiple-testing correction (recorded as such)
    return inf if inf.correction == "none" else inf.replace(correction="none")


def _one_sided(z: float, alternative: str) -> float:
    if alternative == "greater":
        return float(ndtr(-z))
    if alternative == "less":
        return float(ndtr(z))
    return float(min(1.0, 2 * ndtr(-abs(z))))


def _perm_p(sims: np.ndarray, obs: float, alternative: str) -> float:
    """(#{sim >= obs} + 1) / (P + 1) per tail; ties within 1e-9 relative count."""
    tol = 1e-9 * max(1.0, abs(obs))
    ge = (np.count_nonzero(sims >= obs - tol) + 1) / (len(sims) + 1)
    le = (np.count_nonzero(sims <= obs + tol) + 1) / (len(sims) + 1)
    if alternative == "greater":
        return float(ge)
    if alternative == "less":
        return float(le)
    return float(min(1.0, 2 * min(ge, le)))


def _constants(w: sp.csr_matrix, n_adj: int) -> dict:
    s0 = float(w.sum())
    s1 = 0.5 * float((w + w.T).power(2).sum())
    rs = np.asarray(w.sum(axis=1)).ravel()
    cs = np.asarray(w.sum(axis=0)).ravel()
    s2 = float(((rs + cs) ** 2).sum())
    return {"S0": s0, "S1": s1, "S2": s2, "n": n_adj, "rs": rs, "cs": cs}


def _describe_global(res, lang: str) -> str:
    if res.permutations:
        inference = text(
            "stats.global_perm",
            lang,
            permutations=format_number(res.permutations, 0, lang),
            seed=res.seed,
        )
    else:
        inference = text("stats.inference_analytical", lang)
    p = (
        format_number(res.p_value, 4, lang)
        if res.p_value >= 1e-4
        else ("< 0,0001" if lang == "de" else "< 0.0001")
    )
    return text(
        "stats.describe_global",
        lang,
        name=res.name,
        value=format_number(res.statistic, 3, lang),
        z=format_number(res.z_score, 2, lang),
        p=p,
        alternative=text(f"stats.alternative.{res.alternative}", lang),
        inference=inference,
    )


# --- global Moran -------------------------------------------------------------------------


#: the columns of a global result's ``to_frame()`` (Moran's I and Geary's C alike)
_GLOBAL_COLUMNS = (
    "statistic",
    "expected",
    "variance",
    "z_score",
    "p_value",
    "p_value_randomisation",
    "variance_normality",
    "z_normality",
    "p_value_normality",
    "p_value_permutation",
    "n",
    "n_islands",
    "permutations",
    "seed",
    "alternative",
)


def _global_frame(result) -> pd.DataFrame:
    return pd.DataFrame([{c: getattr(result, c) for c in _GLOBAL_COLUMNS}], index=[result.name])


@dataclass(frozen=True)
class _GlobalResult(_Settings):
    """The fields and methods Moran's I and Geary's C results share."""

    statistic: float
    expected: float
    variance: float
    z_score: float
    p_value: float
    p_value_randomisation: float
    variance_normality: float
    z_normality: float
    p_value_normality: float
    p_value_permutation: float
    n: int
    n_islands: int
    settings: Inference
    simulated: np.ndarray = field(repr=False, compare=False)

    def describe(self, lang: str = "de") -> str:
        """One sentence for the methods text (German by default)."""
        return _describe_global(self, lang)

    def to_frame(self) -> pd.DataFrame:
        """One row with the statistic, moments, z-scores and p-values."""
        return _global_frame(self)

    def _repr_html_(self) -> str:
        kind = "html.global.p_perm" if self.permutations else "html.global.p_analytical"
        rows = [
            (self.name, format_number(self.statistic, 4)),
            (text("html.global.expected"), format_number(self.expected, 4)),
            (text("html.global.z"), format_number(self.z_score, 3)),
            (text(kind), format_number(self.p_value, 4) if self.p_value >= 1e-4 else "< 0,0001"),
            (text("html.global.alternative"), text(f"stats.alternative.{self.alternative}")),
            (text("html.global.permutations"), self.permutations),
            (text("html.global.seed"), "–" if self.seed is None else self.seed),
            (text("html.global.n"), self.n),
            (text("html.global.islands"), self.n_islands),
        ]
        return html_table(type(self).__name__, rows, "sozialraum-global")


@dataclass(frozen=True)
class GlobalMoranResult(_GlobalResult):
    """Global Moran's I with analytical and permutation inference.

    ``variance`` and ``z_score`` are under randomisation (spdep ``moran.test``
    default); ``*_normality`` under the normality assumption. ``p_value`` is the
    permutation p-value when ``permutations > 0`` (``(#{I* >= I} + 1) /
    (permutations + 1)`` for ``alternative="greater"``), otherwise the analytical
    randomisation p-value. ``scatter`` holds the Moran scatterplot data: the
    standardised value ``z`` and its spatial lag ``lag``.
    """

    scatter: pd.DataFrame = field(repr=False, compare=False)
    name: str = "Moran's I"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.name}={self.statistic:.4f}, "
            f"expected={self.expected:.4f}, z={self.z_score:.3f}, p={self.p_value:.4g} "
            f"({'permutation' if self.permutations else 'analytical'}, "
            f"alternative={self.alternative!r}), n={self.n}, permutations={self.permutations}, "
            f"seed={self.seed!r})"
        )


def global_moran(
    values: pd.Series,
    graph: SpatialWeights | Graph,
    permutations: int = UNSET,
    seed: int | None = UNSET,
    *,
    alternative: Alternative = UNSET,
    inference: Inference | None = None,
) -> GlobalMoranResult:
    """Global Moran's I (as R spdep ``moran.test`` / ``moran.mc``).

    Parameters
    ----------
    values : Series
        Indexed by the district key (any order; aligned to the graph).
    graph : SpatialWeights or libpysal.graph.Graph
        From :func:`sozialraum.spatial_weights` (row-standardised by default).
    permutations : int, default 9999 (``PERMUTATIONS``)
        Random permutations for the pseudo p-value (0: analytical only).
    seed : int or None, default 1 (``SEED``)
        Seed of the permutation test; the same seed gives the same result.
    alternative : {"greater", "less", "two-sided"}, default "greater"
        "greater" tests for positive autocorrelation.
    inference : Inference, optional
        All settings in one value (its alternative applies, its correction is recorded
        as "none"). Exclusive with the keywords above: giving both is a ConfigError.
        The result's ``.settings`` is the Inference used.

    Notes
    -----
    With islands, n is the number of areas with neighbours (spdep ``adjust.n``):
    ``I = n'/S0 * z'Wz / z'z``, ``E[I] = -1/(n'-1)``. The kurtosis uses all areas.

    Examples
    --------
    >>> import sozialraum as sr
    >>> from sozialraum.weights import spatial_weights
    >>> import geopandas as gpd, pandas as pd
    >>> from shapely.geometry import box
    >>> d = gpd.GeoDataFrame(geometry=[box(i, 0, i + 1, 1) for i in range(5)],
    ...                      index=pd.Index(list("abcde")), crs=25832)
    >>> gm = global_moran(pd.Series([1., 2, 3, 4, 5], index=list("abcde")),
    ...                   spatial_weights(d, "rook"), permutations=0)
    >>> round(gm.statistic, 4), gm.expected
    (0.6, -0.25)
    """
    inf = _global_inference(inference, permutations, seed, alternative)
    permutations, seed, alternative = inf.permutations, inf.seed, inf.alternative
    prep = _prepare(values, graph)
    x, w = prep.x, prep.w
    n_all = len(x)
    n_isl = int((prep.card == 0).sum())
    n = n_all - n_isl
    if n < 4:
        raise InputError.from_key("stats.too_few_global", what="Global Moran's I", n=n)
    c = _constants(w, n)
    z = x - x.mean()
    zz = float(z @ z)
    k = n_all * float((z**4).sum()) / zz**2
    lag = w @ z
    stat = n / c["S0"] * float(z @ lag) / zz
    ei = -1.0 / (n - 1)
    s0, s1, s2, nn = c["S0"], c["S1"], c["S2"], n * n
    vi = n * (s1 * (nn - 3 * n + 3) - n * s2 + 3 * s0**2)
    vi -= k * (s1 * (nn - n) - 2 * n * s2 + 6 * s0**2)
    vi = vi / ((n - 1) * (n - 2) * (n - 3) * s0**2) - ei**2
    vn = (nn * s1 - n * s2 + 3 * s0**2) / (s0**2 * (nn - 1)) - ei**2
    zr = (stat - ei) / np.sqrt(vi)
    zn = (stat - ei) / np.sqrt(vn)

    sims = np.empty(0)
    p_perm = np.nan
    if permutations:
        sims = n / s0 * moran_sums(z, w, permutations, seed) / zz
        p_perm = _perm_p(sims, stat, alternative)
    p_rand = _one_sided(zr, alternative)
    sd = x.std(ddof=1)
    zs = (x - x.mean()) / sd
    scatter = pd.DataFrame({"z": zs, "lag": w @ zs}, index=prep.index)
    return GlobalMoranResult(
        statistic=float(stat),
        expected=ei,
        variance=float(vi),
        z_score=float(zr),
        p_value=float(p_perm if permutations else p_rand),
        p_value_randomisation=p_rand,
        variance_normality=float(vn),
        z_normality=float(zn),
        p_value_normality=_one_sided(zn, alternative),
        p_value_permutation=float(p_perm),
        n=n_all,
        n_islands=n_isl,
        settings=inf,
        scatter=scatter,
        simulated=sims,
    )


def global_moran_rate(
    events: pd.Series,
    population: pd.Series,
    graph: SpatialWeights | Graph,
    permutations: int = UNSET,
    seed: int | None = UNSET,
    *,
    alternative: Alternative = UNSET,
    inference: Inference | None = None,
) -> GlobalMoranResult:
    """Empirical-Bayes Moran's I for rates (Assunção & Reis 1999).

    Each rate r_i = e_i / b_i is standardised as ``(r_i - r) / sqrt(v_i)`` with the
    global rate r = sum e / sum b, ``s2 = sum b_i (r_i - r)^2 / sum b``,
    ``a = s2 - r / mean(b)`` and ``v_i = a + r / b_i`` (``v_i = r / b_i`` where that
    is negative, as esda's ``assuncao_rate``); Moran's I of those values is returned
    (areas with few inhabitants no longer dominate by their noisy rates).

    Parameters
    ----------
    events, population : Series
        Counts (e.g. SGB2 and EW) indexed by the district key; population > 0.
    permutations, seed, alternative, inference
        As for :func:`global_moran`.
    """
    inf = _global_inference(inference, permutations, seed, alternative)
    e = _prepare(events, graph, "events").x
    prep = _prepare(population, graph, "population")
    b = prep.x
    if (b <= 0).any():
        raise InputError.from_key("stats.population_positive", keys=Listed(prep.index[b <= 0]))
    if (e < 0).any():
        raise InputError.from_key("stats.events_negative", keys=Listed(prep.index[e < 0]))
    y = pd.Series(assuncao_reis(e, b), index=prep.index, name="eb_rate")
    res = global_moran(y, graph, inference=inf)
    return GlobalMoranResult(**{**res.__dict__, "name": "EB Moran's I"})


def assuncao_reis(events: np.ndarray, population: np.ndarray) -> np.ndarray:
    """EB-standardised rates of Assunção & Reis (1999), see :func:`global_moran_rate`."""
    e = np.asarray(events, dtype=float)
    b = np.asarray(population, dtype=float)
    r = e / b
    rbar = e.sum() / b.sum()
    s2 = float((b * (r - rbar) ** 2).sum() / b.sum())
    a = s2 - rbar / b.mean()
    v = a + rbar / b
    v = np.where(v < 0, rbar / b, v)
    return (r - rbar) / np.sqrt(v)


# --- global Geary -------------------------------------------------------------------------


@dataclass(frozen=True)
class GlobalGearyResult(_GlobalResult):
    """Global Geary's C (as spdep ``geary.test``/``geary.mc``).

    ``z_score = (E[C] - C) / sd``: positive for positive autocorrelation (spdep's sign;
    esda's ``z_rand`` has the opposite sign). ``alternative="greater"`` tests for
    positive autocorrelation (small C); the permutation p-value is then
    ``(#{C* <= C} + 1) / (permutations + 1)``.
    """

    name: str = "Geary's C"

    def __repr__(self) -> str:
        return (
            f"GlobalGearyResult(C={self.statistic:.4f}, z={self.z_score:.3f} "
            f"(positive = positive autocorrelation), p={self.p_value:.4g}, "
            f"alternative={self.alternative!r}, n={self.n}, permutations={self.permutations}, "
            f"seed={self.seed!r})"
        )


def global_geary(
    values: pd.Series,
    graph: SpatialWeights | Graph,
    permutations: int = UNSET,
    seed: int | None = UNSET,
    *,
    alternative: Alternative = UNSET,
    inference: Inference | None = None,
) -> GlobalGearyResult:
    """Global Geary's C with spdep's sign convention (z > 0: positive autocorrelation).

    ``C = (n'-1) / (2 S0) * sum_ij w_ij (x_i - x_j)^2 / sum (x_i - mean)^2``.
    Settings (`permutations`, `seed`, `alternative` or one `inference`) as for
    :func:`global_moran`.

    Examples
    --------
    >>> import geopandas as gpd, pandas as pd
    >>> from shapely.geometry import box
    >>> from sozialraum.weights import spatial_weights
    >>> d = gpd.GeoDataFrame(geometry=[box(i, 0, i + 1, 1) for i in range(5)],
    ...                      index=pd.Index(list("abcde")), crs=25832)
    >>> gc = global_geary(pd.Series([1., 2, 3, 4, 5], index=list("abcde")),
    ...                   spatial_weights(d, "rook"), permutations=0)
    >>> round(gc.statistic, 4), gc.z_score > 0
    (0.2, True)
    """
    inf = _global_inference(inference, permutations, seed, alternative)
    permutations, seed, alternative = inf.permutations, inf.seed, inf.alternative
    prep = _prepare(values, graph)
    x, w = prep.x, prep.w
    n_all = len(x)
    n_isl = int((prep.card == 0).sum())
    n = n_all - n_isl
    if n < 4:
        raise InputError.from_key("stats.too_few_global", what="Geary's C", n=n)
    c = _constants(w, n)
    s0, s1, s2, nn = c["S0"], c["S1"], c["S2"], n * n
    rc = c["rs"] + c["cs"]
    z = x - x.mean()
    zz = float(z @ z)
    k = n_all * float((z**4).sum()) / zz**2

    # sum_ij w_ij (z_i - z_j)^2 = sum_i z_i^2 (r_i + c_i) - 2 z'Wz
    stat = float((z**2 @ rc - 2 * float(z @ (w @ z))) * (n - 1) / (2 * s0 * zz))
    vc = (n - 1) * s1 * (nn - 3 * n + 3 - k * (n - 1))
    vc -= 0.25 * (n - 1) * s2 * (nn + 3 * n - 6 - k * (nn - n + 2))
    vc += s0**2 * (nn - 3 - k * (n - 1) ** 2)
    vc /= n * (n - 2) * (n - 3) * s0**2
    vn = ((2 * s1 + s2) * (n - 1) - 4 * s0**2) / (2 * (n + 1) * s0**2)
    zr = (1.0 - stat) / np.sqrt(vc)
    zn = (1.0 - stat) / np.sqrt(vn)
    sims = np.empty(0)
    p_perm = np.nan
    if permutations:
        sims = geary_sums(z, w, permutations, seed) * (n - 1) / (2 * s0 * zz)
        # positive autocorrelation = small C: flip so that "greater" means small C
        p_perm = _perm_p(-sims, -stat, alternative)
    p_rand = _one_sided(zr, alternative)
    return GlobalGearyResult(
        statistic=stat,
        expected=1.0,
        variance=float(vc),
        z_score=float(zr),
        p_value=float(p_perm if permutations else p_rand),
        p_value_randomisation=p_rand,
        variance_normality=float(vn),
        z_normality=float(zn),
        p_value_normality=_one_sided(zn, alternative),
        p_value_permutation=float(p_perm),
        n=n_all,
        n_islands=n_isl,
        settings=inf,
        simulated=sims,
    )

