"""Emerging hot spots: Gi* per Stichtag, the trend of each area's z-scores, ArcGIS's patterns.

:func:`emerging_hotspots` runs Getis-Ord Gi* (:func:`~sozialraum.local_gstar`, with the
shared :class:`~sozialraum.Inference`) on every Stichtag, tests the trend of each
area's Gi* z-scores with the exact Mann-Kendall test (:func:`mann_kendall`) and sorts
each area into one of the patterns of ArcGIS Pro's *Emerging Hot Spot Analysis*
("How Emerging Hot Spot Analysis works", pro.arcgis.com, Space Time Pattern Mining
toolbox, learnmoreemerging.htm). R's sfdep (``emerging_hotspot_analysis``,
R/emerging-hostpot-classifications.R, commit 008a59b) implements the same list.

The rules
---------
Per area, over its ``n`` Stichtage: a *hot bin* is a Stichtag on which the area is a
significant Gi* hot spot (``p_adjusted <= alpha`` after the correction of that
Stichtag, z > 0), a *cold bin* likewise with z < 0. "90 %" means at least 90 % of the
``n`` Stichtage (``10 * count >= 9 * n``). The trend is significant if the
Mann-Kendall p-value of the z-scores is at most `trend_alpha`. For hot spots (cold
spots mirror every rule, with "increasing" meaning z falling further below 0):

* **new** (neu): hot on the last Stichtag, and never significant (hot or cold) before.
* **consecutive** (fortlaufend): an uninterrupted run of at least two hot bins at the
  end, never significant before the run, less than 90 % hot.
* **intensifying** (zunehmend): hot on the last Stichtag and in at least 90 %, z-scores
  significantly increasing.
* **persistent** (fortbestehend): hot on the last Stichtag and in at least 90 %, no
  significant trend.
* **diminishing** (abnehmend): hot on the last Stichtag and in at least 90 %, z-scores
  significantly decreasing.
* **sporadic** (sporadisch): hot on the last Stichtag, hot before but not in one run
  (on again, off again), less than 90 % hot, never a cold spot.
* **oscillating** (oszillierend): hot on the last Stichtag, a cold spot on an earlier
  one, less than 90 % hot.
* **historical** (historisch): not hot on the last Stichtag, but hot in at least 90 %.
* **no pattern** (kein Muster): none of these.

The state on the last Stichtag decides first: an area hot then gets a hot-spot
pattern (so 9 cold bins and a final hot one are "oscillating hot", not "historical
cold"), as in sfdep's order of tests.

Where ArcGIS and sfdep differ we follow ArcGIS Pro's wording: sfdep counts significant
bins of either sign for "intensifying hot spot" and does not ask its last bin to be hot
(ArcGIS: hot bins, final one included; so a diminishing cold spot, z rising towards 0,
is "intensifying hot" in sfdep); does not ask for a final hot
bin for "persistent" and "sporadic" (sfdep follows ArcMap 10.x's older sporadic text;
an area hot only in early years is "sporadic" there and "no pattern" here); calls an
area "historical" only if its last z-score is negative (ArcGIS: "the most recent time
period is not hot"). Like sfdep, "new" and "consecutive" need no earlier significant
bin of either sign (an earlier cold spot makes it "oscillating"); sfdep's final run for
"consecutive" counts significant bins of either sign (cold bins followed by hot ones are
"consecutive" there, "oscillating" here). Differences in the
statistic: ArcGIS and sfdep use a space-time neighbourhood (sfdep's ``k = 1`` time
lag); here each Stichtag is analysed on its own, with its own city mean, so the
z-scores are those of the per-Stichtag Gi* hot spot maps. sfdep uses one threshold
(default 0.01) for bins and trend; here the bins use ``alpha`` (0.05, FDR per
Stichtag, as ArcGIS Pro corrects with FDR) and the trend ``trend_alpha`` (0.05).

Few Stichtage
-------------
ArcGIS requires at least 10 time steps for the trend. Municipal monitoring usually
has fewer; :func:`emerging_hotspots` runs from 3 Stichtage and warns below 10
(:class:`~sozialraum.SmallSampleWarning`), and says in its description what follows:
with fewer than 10 Stichtage "90 %" means *every* Stichtage (so intensifying,
persistent and diminishing need a hot bin on all of them) and no area can be
historical ((n - 1) / n < 0.9). The Mann-Kendall test is exact; with 4 Stichtage its
smallest p-value is 1/12, so intensifying and diminishing cannot occur at 0.05; with 6
(the demo city, 2019-2024) it is 2/720 = 0.0028.
"""

from __future__ import annotations

import html
import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sozialraum._text import format_number, text
from sozialraum.autocorrelation import local_gstar
from sozialraum.autocorrelation.inference import UNSET, Inference, _fmt_alpha, resolve
from sozialraum.errors import InputError, Listed, MissingDataError, SmallSampleWarning
from sozialraum.monitoring.panel import _format_day
from sozialraum.monitoring.trends import _wide_values, mann_kendall
from sozialraum.weights import sparse_weights

__all__ = [
    "CATEGORIES",
    "EHSA_DEFAULTS",
    "EmergingHotspotResult",
    "classify_pattern",
    "emerging_hotspots",
]

#: the pattern codes, hot spots first, then cold spots, then "no_pattern"
CATEGORIES: tuple[str, ...] = tuple(
    f"{p}_{kind}" for kind in ("hot", "cold") for p in (
        "new", "consecutive", "intensifying", "persistent", "diminishing", "sporadic",
        "oscillating", "historical")
) + ("no_pattern",)
_LABEL_KEYS: dict[str, str] = {
    "new_hot": "ehsa.new_hot", "consecutive_hot": "ehsa.consecutive_hot",
    "intensifying_hot": "ehsa.intensifying_hot", "persistent_hot": "ehsa.persistent_hot",
    "diminishing_hot": "ehsa.diminishing_hot", "sporadic_hot": "ehsa.sporadic_hot",
    "oscillating_hot": "ehsa.oscillating_hot", "historical_hot": "ehsa.historical_hot",
    "new_cold": "ehsa.new_cold", "consecutive_cold": "ehsa.consecutive_cold",
    "intensifying_cold": "ehsa.intensifying_cold", "persistent_cold": "ehsa.persistent_cold",
    "diminishing_cold": "ehsa.diminishing_cold", "sporadic_cold": "ehsa.sporadic_cold",
    "oscillating_cold": "ehsa.oscillating_cold", "historical_cold": "ehsa.historical_cold",
    "no_pattern": "ehsa.no_pattern",
}
#: the settings of the per-Stichtag Gi* when none are given (999 permutations, FDR)
EHSA_DEFAULTS = Inference(permutations=999, seed=1, alpha=0.05, correction="fdr")
#: significance level of the Mann-Kendall trend of the z-scores
TREND_ALPHA = 0.05
#: ArcGIS's minimum number of time steps for the trend
ARCGIS_MIN_STEPS = 10
MIN_STICHTAGE = 3


def _at_least_90(count: int, n: int) -> bool:
    return 10 * count >= 9 * n


def classify_pattern(z, significant, trend_tau: float, trend_p: float,
                     trend_alpha: float = TREND_ALPHA) -> str:
    """The pattern of one area from its Gi* z-scores and significance per Stichtag.

    Parameters
    ----------
    z : array-like
        Gi* z-scores in time order (only their sign matters here).
    significant : array-like of bool
        Whether the area is a significant hot or cold spot on each Stichtag.
    trend_tau, trend_p : float
        Kendall's tau and Mann-Kendall p-value of the z-scores (NaN: no trend).
    trend_alpha : float, default 0.05

    Returns
    -------
    str
        One of :data:`CATEGORIES` (rules in the module text).

    Examples
    --------
    >>> classify_pattern([0.1, 0.3, -0.2, 0.5, 1.0, 3.1], [0, 0, 0, 0, 0, 1], 0.6, 0.09)
    'new_hot'
    >>> classify_pattern([2.1, 2.5, 2.9, 3.4, 3.9, 4.2], [1, 1, 1, 1, 1, 1], 1.0, 0.0028)
    'intensifying_hot'
    """
    z = np.asarray(z, dtype=float)
    sig = np.asarray(significant, dtype=bool)
    n = len(z)
    hot, cold = sig & (z > 0), sig & (z < 0)
    trend = trend_p <= trend_alpha if np.isfinite(trend_p) else False
    for kind, mine, other, sign in (("hot", hot, cold, 1.0), ("cold", cold, hot, -1.0)):
        if not mine[-1]:
            continue
        if _at_least_90(int(mine.sum()), n):
            if trend and sign * trend_tau > 0:
                return f"intensifying_{kind}"
            if trend and sign * trend_tau < 0:
                return f"diminishing_{kind}"
            return f"persistent_{kind}"
        if other[:-1].any():
            return f"oscillating_{kind}"
        run = n - int(np.flatnonzero(~mine)[-1]) - 1  # length of the final run
        if not mine[: n - run].any():
            return f"new_{kind}" if run == 1 else f"consecutive_{kind}"
        return f"sporadic_{kind}"
    if _at_least_90(int(hot.sum()), n):
        return "historical_hot"
    if _at_least_90(int(cold.sum()), n):
        return "historical_cold"
    return "no_pattern"


@dataclass(frozen=True, repr=False)
class EmergingHotspotResult:
    """Emerging hot spot patterns per area.

    Attributes
    ----------
    category : Series
        One of :data:`CATEGORIES` per area.
    z_score, p_adjusted : DataFrame
        Gi* per area (rows) and Stichtag (columns).
    significant : DataFrame
        Bool, the area is a significant hot or cold spot on that Stichtag.
    trend : DataFrame
        Mann-Kendall of the z-scores per area: tau, p_value, min_p, method.
    settings : Inference
        The Gi* settings (also ``permutations``, ``seed``, ``alpha``, ``correction``).
    trend_alpha : float
    """

    category: pd.Series
    z_score: pd.DataFrame
    p_adjusted: pd.DataFrame
    significant: pd.DataFrame
    trend: pd.DataFrame
    settings: Inference
    trend_alpha: float

    @property
    def stichtage(self) -> tuple:
        return tuple(self.z_score.columns)

    @property
    def permutations(self) -> int:
        return self.settings.permutations

    @property
    def seed(self) -> int | None:
        return self.settings.seed

    def labels(self, lang: str = "de") -> pd.Series:
        cache = {c: text(_LABEL_KEYS[c], lang) for c in CATEGORIES}
        return self.category.map(cache).astype("string").rename("label")

    def to_frame(self, lang: str = "de") -> pd.DataFrame:
        """Per area: category, label, the trend of z, the number of hot and cold bins."""
        z, sig = self.z_score, self.significant
        out = pd.DataFrame({
            "category": self.category,
            "label": self.labels(lang),
            "tau": self.trend["tau"],
            "trend_p_value": self.trend["p_value"],
            "trend_min_p": self.trend["min_p"],
            "n_stichtage": z.shape[1],
            "n_hot": (sig & (z > 0)).sum(axis=1).astype("int64"),
            "n_cold": (sig & (z < 0)).sum(axis=1).astype("int64"),
            "z_last": z.iloc[:, -1],
        }, index=self.category.index)
        out.attrs = {"settings": self.settings.to_dict(), "trend_alpha": self.trend_alpha,
                     "stichtage": self.stichtage}
        return out

    def describe(self, lang: str = "de") -> str:
        """The method in a few sentences, with what few Stichtage mean."""
        s = self.settings
        days = self.stichtage
        inference = (text("stats.inference_perm", lang,
                          permutations=format_number(s.permutations, 0, lang), seed=s.seed)
                     if s.permutations else text("stats.inference_analytical", lang))
        out = text("ehsa.describe", lang, inference=inference, alpha=_fmt_alpha(s.alpha, lang),
                   correction=text(f"stats.correction.{s.correction}", lang),
                   trend_alpha=_fmt_alpha(self.trend_alpha, lang), n=len(days),
                   first=_format_day(days[0]), last=_format_day(days[-1]))
        if len(days) < ARCGIS_MIN_STEPS:
            out += " " + text("ehsa.few_stichtage", lang, n=len(days))
            min_p = 2.0 / math.factorial(len(days))
            if min_p > self.trend_alpha:
                out += text("ehsa.no_trend_test", lang, n=len(days),
                            min_p=format_number(min_p, 3, lang))
        return out

    def __repr__(self) -> str:
        counts = self.category.value_counts()
        summary = ", ".join(f"{k}: {int(v)}" for k, v in counts.items())
        return (f"EmergingHotspotResult(areas={len(self.category)}, "
                f"stichtage={len(self.stichtage)}, permutations={self.permutations}, "
                f"seed={self.seed!r}, alpha={self.settings.alpha}, "
                f"correction={self.settings.correction!r}, trend_alpha={self.trend_alpha})\n"
                f"  {summary}")

    def _repr_html_(self) -> str:
        title = html.escape(repr(self).splitlines()[0])
        return f"<div><strong>{title}</strong>{self.to_frame().to_html(max_rows=30)}</div>"


def emerging_hotspots(
    values: pd.DataFrame,
    graph,
    column: str | None = None,
    *,
    permutations: int = UNSET,
    seed: int | None = UNSET,
    alpha: float = UNSET,
    correction: str = UNSET,
    inference: Inference | None = None,
    trend_alpha: float = TREND_ALPHA,
    small_sample_warning: bool = True,
) -> EmergingHotspotResult:
    """Emerging hot spot analysis: Gi* per Stichtag, Mann-Kendall on z, ArcGIS's patterns.

    Parameters
    ----------
    values : pandas.DataFrame
        Areas x Stichtage (columns in time order), or a long panel (area key,
        ``Stichtag``) with `column`. Every area needs a value on every Stichtag, on one
        boundary version (the graph's areas).
    graph : SpatialWeights or libpysal.graph.Graph
        The neighbours, as for :func:`~sozialraum.local_gstar`.
    column : str, optional
        The panel's column.
    permutations, seed, alpha, correction : optional
        The Gi* settings (default :data:`EHSA_DEFAULTS`: 999 permutations, seed 1,
        alpha 0.05, FDR per Stichtag), or one `inference`.
    trend_alpha : float, default 0.05
        Significance level of the Mann-Kendall trend of the z-scores.
    small_sample_warning : bool, default True
        Warn below 10 Stichtage (ArcGIS's minimum) and below 30 areas (Gi*).

    Returns
    -------
    EmergingHotspotResult
        ``.to_frame()`` per area: category, label ("neuer Hot Spot" ...), tau,
        trend_p_value, n_hot, n_cold; ``.z_score`` and ``.significant`` per Stichtag.

    Examples
    --------
    >>> import geopandas as gpd, numpy as np, pandas as pd
    >>> from shapely.geometry import box
    >>> from sozialraum.weights import spatial_weights
    >>> cells = [box(x, y, x + 1, y + 1) for y in range(6) for x in range(6)]
    >>> keys = pd.Index([f"{i:02d}" for i in range(36)], name="SR")
    >>> g = spatial_weights(gpd.GeoDataFrame(geometry=cells, index=keys, crs=25832), "queen")
    >>> base = np.random.default_rng(0).normal(10, 1, 36)
    >>> corner = np.isin(np.arange(36), [28, 29, 34, 35])  # the top-right 2 x 2 block
    >>> v = pd.DataFrame({y: base + corner * (8 if y >= 2023 else 0) for y in range(2019, 2025)},
    ...                  index=keys)
    >>> r = emerging_hotspots(v, g, small_sample_warning=False)
    >>> r.to_frame().loc["35", "category"]
    'consecutive_hot'
    """
    inf = resolve(inference, EHSA_DEFAULTS, permutations=permutations, seed=seed, alpha=alpha,
                  correction=correction)
    Inference(alpha=trend_alpha)  # the shared check of alpha
    table = _wide_values(values, column)
    n = table.shape[1]
    if n < MIN_STICHTAGE:
        raise InputError.from_key("monitoring.too_few_stichtage", what="emerging_hotspots",
                                  min=MIN_STICHTAGE, n=n)
    # the ids from the links: our own contiguity needs no libpysal Graph (its import alone
    # took 0.7 s of the demo's run); Gi* reads the same matrix
    ids, _ = sparse_weights(graph, key="stats.graph_type")
    missing = ids.difference(table.index, sort=False)
    extra = table.index.difference(ids, sort=False)
    if len(missing) or len(extra):
        raise InputError.from_key("monitoring.keys_differ", n_missing=len(missing),
                                  missing=Listed(missing), n_extra=len(extra),
                                  extra=Listed(extra))
    key_name = table.index.name
    table = table.reindex(ids)
    gaps = table.isna()
    if gaps.to_numpy().any():
        rows = gaps.any(axis=1)
        raise MissingDataError.from_key("monitoring.incomplete", what="emerging_hotspots",
                                        n=int(gaps.to_numpy().sum()),
                                        keys=Listed(table.index[rows.to_numpy()]))
    if small_sample_warning and n < ARCGIS_MIN_STEPS:
        warnings.warn(
            f"Emerging hot spot analysis on only {n} Stichtage (ArcGIS requires at least "
            f"{ARCGIS_MIN_STEPS} for the trend). With fewer than 10, '90 % of the Stichtage' "
            "means all of them and no area can be historical; see describe(). Silence with "
            "small_sample_warning=False.",
            SmallSampleWarning,
            stacklevel=2,
        )
    z, p_adj, sig = {}, {}, {}
    for i, day in enumerate(table.columns):
        series = table[day].rename(None)
        series.index.name = table.index.name
        # Gi*'s few-areas warning once, not once per Stichtag
        res = local_gstar(series, graph, inference=inf,
                          small_sample_warning=small_sample_warning and i == 0)
        z[day] = res.z_score
        p_adj[day] = res.p_adjusted
        sig[day] = res.cluster.str.startswith("hot") | res.cluster.str.startswith("cold")
    z_f, p_f = pd.DataFrame(z), pd.DataFrame(p_adj)
    sig_f = pd.DataFrame(sig).astype(bool)
    index = z_f.index.rename(key_name)
    for f in (z_f, p_f, sig_f):
        f.index = index
        f.columns = pd.DatetimeIndex(table.columns, name="Stichtag")
    trend_rows, cats = [], []
    for key in index:
        mk = mann_kendall(z_f.loc[key].to_numpy())
        trend_rows.append({"tau": mk["tau"], "p_value": mk["p_value"], "min_p": mk["min_p"],
                           "method": mk["method"]})
        cats.append(classify_pattern(z_f.loc[key].to_numpy(), sig_f.loc[key].to_numpy(),
                                     mk["tau"], mk["p_value"], trend_alpha))
    trend = pd.DataFrame(trend_rows, index=index)
    category = pd.Series(cats, index=index, name="category", dtype="string")
    return EmergingHotspotResult(category=category, z_score=z_f, p_adjusted=p_f,
                                 significant=sig_f, trend=trend, settings=inf,
                                 trend_alpha=float(trend_alpha))
