"""Trend over several Stichtage: Theil-Sen slope and the exact Mann-Kendall test.

Per area, :func:`trend` gives

* the **Theil-Sen slope** per year (the median of all pairwise slopes,
  :func:`scipy.stats.theilslopes`, with its 95 % interval): robust against one odd year;
* **Kendall's tau** (tau-b) of the values against time and the **Mann-Kendall**
  p-value, two-sided. The Mann-Kendall test *is* the test of Kendall's tau against
  time. With the few Stichtage of municipal monitoring the normal approximation is
  poor, so the p-value is **exact**: under "no trend" every ordering of the values over
  the Stichtage is equally likely, and p is the share of orderings whose ``|S|``
  (concordant minus discordant pairs) is at least the observed one. Without ties this
  is :func:`scipy.stats.kendalltau` with ``method="exact"``. With tied values (equal
  counts in two years) scipy refuses the exact method; we then enumerate all ``n!``
  orderings of the tied values ourselves (exact conditional on the ties, up to
  :data:`EXACT_MAX_N` Stichtage) and say so in ``method`` ("exact_ties"); beyond that
  the tie-corrected normal approximation (``method="asymptotic"``) is used.

Small-n honesty: with ``n`` Stichtage and no ties the smallest two-sided p-value any
series can reach is ``2 / n!`` (n = 4: 1/12 = 0.083; n = 5: 0.017; n = 6: 0.0028).
Where even a perfectly monotone series could not reach `alpha`, the label is "zu wenige
Stichtage für einen Trendtest", not "kein klarer Trend": the data could not have shown
a trend. Missing values (suppressed, not delivered) are left out of an area's series;
``n`` says how many Stichtage it kept.

>>> import pandas as pd
>>> v = pd.DataFrame([[1.0, 2, 3, 4, 5, 6], [3.0, 1, 2, 3, 2, 1], [1.0, 2, 3, 4, None, None]],
...                  index=pd.Index(["a", "b", "c"], name="SR"), columns=range(2019, 2025))
>>> t = trend(v, correction="none").to_frame()
>>> t[["slope", "p_value", "label"]].round(4).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[[1.0, 0.0028, 'steigend'], [-0.25, 0.5778, 'kein klarer Trend'],
 [1.0, 0.0833, 'zu wenige Stichtage für einen Trendtest']]
"""

from __future__ import annotations

import html
import itertools
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from sozialraum._text import format_number, text
from sozialraum._util.choices import check_choice
from sozialraum._util.dates import parse_stichtag
from sozialraum.autocorrelation import permutation as _perm
from sozialraum.autocorrelation.inference import ALPHA, CORRECTION, Inference
from sozialraum.errors import ConfigError, InputError, Listed
from sozialraum.monitoring.changes import CORRECTIONS
from sozialraum.monitoring.panel import _format_day, wide

__all__ = ["EXACT_MAX_N", "TrendResult", "mann_kendall", "trend", "years_between"]

#: up to this many Stichtage, tied series get the exact p-value by enumerating all orderings
EXACT_MAX_N = 9
_DIRECTION_KEYS = {"up": "trend.up", "down": "trend.down", "none": "trend.none",
                   "too_few": "trend.too_few"}


@lru_cache(maxsize=16)
def _orderings(n: int) -> np.ndarray:
    """All n! orderings of range(n) (n! x n, int8), lexicographic; read-only."""
    out = np.array(list(itertools.permutations(range(n))), dtype=np.int8)
    out.setflags(write=False)
    return out


@lru_cache(maxsize=256)
def _s_distribution(ranks: tuple[int, ...]) -> np.ndarray:
    """S = sum_{i<j} sign(v_j - v_i) over every ordering of the values with these ranks."""
    n = len(ranks)
    values = np.asarray(ranks)[_orderings(n)]  # each row: one ordering of the values
    s = np.zeros(len(values), dtype=np.int64)
    for i, j in itertools.combinations(range(n), 2):
        s += np.sign(values[:, j] - values[:, i])
    return s


def mann_kendall(values, times=None) -> dict:
    """Kendall's tau-b against time and the two-sided Mann-Kendall p-value.

    Parameters
    ----------
    values : array-like
        The series in time order, without missing values.
    times : array-like, optional
        Increasing times (only their order matters); default 0, 1, 2 ...

    Returns
    -------
    dict
        ``tau`` (tau-b; NaN for a constant series), ``s`` (concordant minus discordant
        pairs), ``p_value``, ``min_p`` (the smallest p-value any ordering of these
        values could give), ``n`` and ``method`` ("exact", "exact_ties", "asymptotic").

    Examples
    --------
    >>> r = mann_kendall([1, 2, 3, 4])
    >>> r["p_value"], r["min_p"]  # 2 of the 4! = 24 orderings are as extreme
    (0.08333333333333333, 0.08333333333333333)
    """
    y = np.asarray(values, dtype=float)
    n = len(y)
    t = np.arange(n, dtype=float) if times is None else np.asarray(times, dtype=float)
    if n < 2:
        return {"tau": np.nan, "s": 0, "p_value": np.nan, "min_p": np.nan, "n": n,
                "method": "none"}
    s = int(sum(np.sign(y[j] - y[i]) for i, j in itertools.combinations(range(n), 2)))
    _, counts = np.unique(y, return_counts=True)
    n0 = n * (n - 1) // 2
    n2 = int((counts * (counts - 1) // 2).sum())
    s_max = n0 - n2
    tau = s / math.sqrt(n0 * (n0 - n2)) if s_max > 0 else np.nan
    ties = n2 > 0
    if s_max == 0:
        return {"tau": np.nan, "s": 0, "p_value": 1.0, "min_p": 1.0, "n": n,
                "method": "exact_ties"}
    # scipy.stats only when a trend is computed (0.4 s of every CLI start otherwise)
    from scipy.stats import kendalltau  # noqa: PLC0415

    if not ties:
        res = kendalltau(t, y, method="exact")
        p, method = float(res.pvalue), "exact"
        min_p = 2.0 / math.factorial(n)
    elif n <= EXACT_MAX_N:
        ranks = tuple(int(r) for r in np.unique(y, return_inverse=True)[1])
        dist = _s_distribution(tuple(sorted(ranks)))
        absd = np.abs(dist)
        p = float(np.mean(absd >= abs(s)))
        min_p = float(np.mean(absd >= s_max))
        method = "exact_ties"
    else:
        res = kendalltau(t, y, method="asymptotic")
        p, method = float(res.pvalue), "asymptotic"
        var = (n * (n - 1) * (2 * n + 5) - (counts * (counts - 1) * (2 * counts + 5)).sum()) / 18
        from_max = s_max / math.sqrt(var)  # scipy's asymptotic z, at the largest |S|
        min_p = float(math.erfc(from_max / math.sqrt(2)))
    return {"tau": float(tau), "s": s, "p_value": min(1.0, p), "min_p": min(1.0, min_p),
            "n": n, "method": method}


def years_between(days) -> np.ndarray:
    """Time in years since the first Stichtag: whole years where every Stichtag falls on
    the same day of the year (31.12. each year), else days / 365.2425.

    >>> years_between(pd.to_datetime(["2019-12-31", "2020-12-31", "2024-12-31"])).tolist()
    [0.0, 1.0, 5.0]
    """
    days = pd.DatetimeIndex(days)
    if len(set(zip(days.month, days.day, strict=True))) == 1:
        return (days.year - days.year[0]).to_numpy(dtype=float)
    return ((days - days[0]).days / 365.2425).to_numpy(dtype=float)


@dataclass(frozen=True, repr=False)
class TrendResult:
    """Trend per area over the Stichtage.

    Attributes
    ----------
    values : pandas.DataFrame
        Per area: ``slope`` (Theil-Sen, per year), ``slope_low`` / ``slope_high``
        (95 % interval), ``tau`` (Kendall's tau-b), ``s``, ``p_value`` (Mann-Kendall,
        two-sided), ``p_adjusted``, ``n`` (Stichtage with a value), ``min_p`` (the
        smallest p-value reachable with them), ``method`` and ``direction`` ("up",
        "down", "none", "too_few").
    stichtage : tuple of Timestamp
    alpha : float
    correction : str
    """

    values: pd.DataFrame
    stichtage: tuple
    alpha: float
    correction: str

    def labels(self, lang: str = "de") -> pd.Series:
        """"steigend", "fallend", "kein klarer Trend" or "zu wenige Stichtage ..."."""
        cache = {k: text(v, lang) for k, v in _DIRECTION_KEYS.items()}
        return self.values["direction"].map(cache).astype("string").rename("label")

    def to_frame(self, lang: str = "de") -> pd.DataFrame:
        out = self.values.copy()
        out["label"] = self.labels(lang)
        out.attrs = {"alpha": self.alpha, "correction": self.correction,
                     "stichtage": self.stichtage}
        return out

    def describe(self, lang: str = "de") -> str:
        n = len(self.stichtage)
        min_p = 2.0 / math.factorial(n) if n >= 2 else 1.0
        out = text("trend.describe", lang, n=n, first=_format_day(self.stichtage[0]),
                   last=_format_day(self.stichtage[-1]),
                   alpha=format_number(self.alpha, 2, lang),
                   correction=text(f"stats.correction.{self.correction}", lang),
                   min_p=format_number(min_p, 4, lang))
        asymptotic = int((self.values["method"] == "asymptotic").sum())
        if asymptotic:
            out += text("trend.asymptotic", lang, n=asymptotic, max=EXACT_MAX_N)
        return out

    def __repr__(self) -> str:
        counts = self.values["direction"].value_counts()
        summary = ", ".join(f"{k}: {int(v)}" for k, v in counts.items())
        return (f"TrendResult(areas={len(self.values)}, stichtage={len(self.stichtage)}, "
                f"alpha={self.alpha}, correction={self.correction!r})\n  {summary}")

    def _repr_html_(self) -> str:
        title = html.escape(repr(self).splitlines()[0])
        return f"<div><strong>{title}</strong>{self.to_frame().to_html(max_rows=30)}</div>"


def _wide_values(values, column) -> pd.DataFrame:
    if not isinstance(values, pd.DataFrame):
        raise InputError.from_key("monitoring.values_type", what="values",
                                  given=type(values).__name__)
    if isinstance(values.index, pd.MultiIndex):
        if column is None:
            raise InputError.from_key("monitoring.needs_column", what="values")
        return wide(values, column)
    try:
        days = [pd.Timestamp(parse_stichtag(c)) for c in values.columns]
    except (ConfigError, TypeError, ValueError) as err:
        raise InputError.from_key("monitoring.wide_columns", what="values",
                                  columns=Listed(list(values.columns))) from err
    if any(b <= a for a, b in itertools.pairwise(days)):
        raise InputError.from_key("monitoring.wide_columns", what="values",
                                  columns=Listed(list(values.columns)))
    bad = [c for c in values.columns if not pd.api.types.is_numeric_dtype(values[c].dtype)]
    if bad:
        raise InputError.from_key("monitoring.not_numeric", column=str(bad[0]), what="values",
                                  dtype=str(values[bad[0]].dtype))
    out = values.astype("Float64").astype(float)
    out.columns = pd.DatetimeIndex(days, name="Stichtag")
    return out


def trend(
    values: pd.DataFrame,
    column: str | None = None,
    *,
    alpha: float = ALPHA,
    correction: str = CORRECTION,
) -> TrendResult:
    """Theil-Sen slope and exact Mann-Kendall trend test per area.

    Parameters
    ----------
    values : pandas.DataFrame
        Areas x Stichtage (columns: dates, "31.12.2024" or years, in time order), or a
        long panel (area key, ``Stichtag``) with `column`.
    column : str, optional
        The panel's column (values with a reason count as missing).
    alpha : float, default 0.05
    correction : {"fdr", "bonferroni", "none"}, default "fdr"
        Multiple-testing correction over the areas (Benjamini-Hochberg by default, as
        for the local statistics). "zu wenige Stichtage" is decided on the best
        adjusted p-value an area could reach.

    Returns
    -------
    TrendResult
        ``.to_frame()``: slope, slope_low, slope_high, tau, s, p_value, p_adjusted, n,
        min_p, method, direction and label.

    Examples
    --------
    >>> import sozialraum as sr
    >>> p = sr.read_table(sr.datasets.get_path("musterstadt_statistik.csv"), key="SR_NR",
    ...                   stichtag="all")
    >>> rates = sr.panel_indicators(p, ["SGB2_QUOTE"])
    >>> t = sr.trend(rates, "SGB2_QUOTE")
    >>> int(t.to_frame()["n"].max()), round(float(t.to_frame()["min_p"].min()), 4)
    (6, 0.0028)
    """
    Inference(alpha=alpha)  # the shared check of alpha
    check_choice("correction", correction, CORRECTIONS)
    table = _wide_values(values, column)
    from scipy.stats import theilslopes  # noqa: PLC0415 - see mann_kendall

    days = tuple(table.columns)
    x_all = years_between(table.columns)
    rows = []
    for _key, row in table.iterrows():
        y = row.to_numpy(dtype=float)
        ok = ~np.isnan(y)
        x, y = x_all[ok], y[ok]
        mk = mann_kendall(y, x)
        if len(y) >= 2:
            ts = theilslopes(y, x)
            slope, low, high = float(ts.slope), float(ts.low_slope), float(ts.high_slope)
        else:
            slope = low = high = np.nan
        rows.append({"slope": slope, "slope_low": low, "slope_high": high, "tau": mk["tau"],
                     "s": mk["s"], "p_value": mk["p_value"], "n": mk["n"],
                     "min_p": mk["min_p"], "method": mk["method"]})
    out = pd.DataFrame(rows, index=table.index)
    p = out["p_value"].to_numpy(dtype=float)
    card = np.zeros(len(p))
    p_adj = _perm.adjust(p, correction, card)
    min_p = out["min_p"].to_numpy(dtype=float)
    best = _perm.best_adjusted(np.where(np.isnan(p), np.nan, min_p), correction, card)
    constant = out["method"].eq("exact_ties").to_numpy() & out["tau"].isna().to_numpy()
    too_few = (np.isnan(p) | (best > alpha)) & ~constant
    sig = ~too_few & (p_adj <= alpha)
    tau = out["tau"].to_numpy(dtype=float)
    direction = np.where(too_few, "too_few", np.where(
        sig & (tau > 0), "up", np.where(sig & (tau < 0), "down", "none")))
    out.insert(list(out.columns).index("n"), "p_adjusted", p_adj)
    out["n"] = out["n"].astype("int64")
    out["s"] = out["s"].astype("int64")
    out["method"] = out["method"].astype("string")
    out["direction"] = pd.Series(direction, index=out.index, dtype="string")
    return TrendResult(values=out, stichtage=days, alpha=float(alpha), correction=correction)
