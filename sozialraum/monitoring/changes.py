"""Change between two Stichtage: absolute, in percentage points, relative, and against chance.

:func:`change` compares one column (or one indicator) of a panel between a base
Stichtag and a later one, per area. For a rate made from counts (numerator and
denominator, e.g. SGB-II recipients per inhabitants under 65) it also asks whether the
change is larger than the random fluctuation expected for an area of that size.

The test
--------
Fisher's exact test of two proportions on the 2 x 2 table ::

              cases      not cases
    to        k_to       n_to - k_to
    base      k_base     n_base - k_base

conditional on its margins (the hypergeometric distribution of ``k_to`` given the
total number of cases), two-sided as :func:`scipy.stats.fisher_exact` defines it: the
probability of every table at most as likely as the observed one (Fisher 1935;
Agresti 2013, *Categorical Data Analysis*, 3rd ed., section 3.5). Why this test: the
rates are shares of a population at risk (binomial), the test is exact for any area
size (small Sozialräume with few cases are exactly where a normal approximation
fails), and it is fast for areas of thousands of inhabitants. Boschloo's unconditional
test is a little more powerful but too slow for such sizes; the conditional test of
two Poisson rates (``k_to`` given ``k_base + k_to``) fits rare events and gives almost
the same answer for small rates. Read the result with care: both Stichtage count
largely the same people, so the years are not independent samples; the test asks
whether the change exceeds what chance alone would produce for this area size, not
whether a cause changed. Several areas are tested at once: ``correction`` (default
"fdr", Benjamini-Hochberg over the tested areas, as for the local statistics) keeps
the share of false "significant" labels in check.

Confidentiality: a change (and its p-value) is withheld wherever either Stichtag's
value is withheld (suppressed, secret, below the population minimum ...), with that
reason; else ``value_base = value_to - change`` would disclose it. For a count column
this function applies the primary rule only (one column, no totals); to publish count
tables with their totals and row relations, suppress them with
:func:`~sozialraum.suppress_panel` and use its changes.

>>> import pandas as pd
>>> idx = pd.MultiIndex.from_product([["01", "02"], pd.to_datetime(["2019-12-31",
...                                   "2024-12-31"])], names=["SR_NR", "Stichtag"])
>>> p = pd.DataFrame({"SGB2": [100, 160, 40, 44], "EW_U65": [1000, 1000, 400, 400]},
...                  index=idx)
>>> ch = change(p, "SGB2_QUOTE", base=2019, to=2024)
>>> ch.to_frame()[["change", "label"]].values.tolist()
[[6.0, 'signifikant gestiegen'], [1.0, 'im Rahmen des Zufalls']]
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sozialraum._text import format_number, text
from sozialraum._util.choices import check_choice
from sozialraum.autocorrelation import permutation as _perm
from sozialraum.autocorrelation.inference import ALPHA, CORRECTION, Inference
from sozialraum.errors import ConfigError, InputError, Listed
from sozialraum.indicators import STANDARD, ConfidentialityPolicy, Indicator, compute_indicators
from sozialraum.io.cells import REASON_DTYPE, Reason, combine_reasons, get_reasons, reason_column
from sozialraum.monitoring.panel import _find, _format_day, check_panel, select, stichtage

__all__ = ["CORRECTIONS", "ChangeResult", "change", "fisher_p"]

#: corrections offered for several areas tested at once
CORRECTIONS = ("none", "bonferroni", "fdr")
_DIRECTION_KEYS = {"up": "change.up", "down": "change.down", "chance": "change.chance",
                   "untested": "change.untested"}
#: Why a change was not tested, by kind: a rate given without its counts; a count or any
#: other value is no proportion, which is what the test compares
_UNTESTED_KEYS = {"rate": "change.untested", "value": "change.untested",
                  "count": "change.untested_no_share", "index": "change.untested_index"}
#: The methods text's sentence on an untested change, by kind
_UNTESTED_DESCRIBE_KEYS = {"rate": "change.describe_untested", "count": "change.describe_count",
                           "value": "change.describe_value", "index": "change.describe_index"}
#: Kinds whose change in % of a base value above 0 is given; not for an index, which has
#: no natural zero (-0.25 -> -0.11 would read "-57 %")
RELATIVE_KINDS = frozenset({"rate", "count", "value"})


def fisher_p(k_base: int, n_base: int, k_to: int, n_to: int) -> float:
    """Two-sided p-value of Fisher's exact test that two proportions are equal.

    >>> round(fisher_p(100, 1000, 160, 1000), 7)
    8.25e-05
    """
    table = [[k_to, n_to - k_to], [k_base, n_base - k_base]]
    # scipy.stats only here: importing it took 0.43 s of every CLI start (config checking
    # imports this module)
    from scipy.stats import fisher_exact  # noqa: PLC0415

    return float(fisher_exact(table, alternative="two-sided").pvalue)


@dataclass(frozen=True, repr=False)
class ChangeResult:
    """The change of one column between two Stichtage, per area.

    Attributes
    ----------
    column : str
    base, to : pandas.Timestamp
    kind : {"rate", "count", "value", "index"}
        A rate (change in the rate's unit: percentage points for %), a count, any other
        number, or an index (``change(is_index=True)``: absolute change only, no natural
        zero, so no change in %).
    unit : str
        Unit of ``change`` (German; ``to_frame`` documents it in ``.attrs["unit"]``).
    tested : bool
        Whether the test against chance was possible (a rate from counts).
    values : pandas.DataFrame
        ``value_base``, ``value_to``, ``change``, ``change_relative`` (in % of the base
        value; missing where it is not above 0, and for kind "index"), ``p_value``,
        ``p_adjusted``, ``direction`` ("up", "down", "chance", "untested" or "hidden")
        and ``change__reason``.
    alpha : float
    correction : str
    """

    column: str
    base: pd.Timestamp
    to: pd.Timestamp
    kind: str
    unit: str
    tested: bool
    values: pd.DataFrame
    alpha: float
    correction: str

    def labels(self, lang: str = "de") -> pd.Series:
        """The direction in words ("signifikant gestiegen" ...), the reason where withheld."""
        reasons = get_reasons(self.values, "change")
        out = []
        for d, r in zip(self.values["direction"], reasons, strict=True):
            if d == "hidden":
                out.append(text(f"reason.{r}", lang))
            elif d == "untested":
                out.append(text(_UNTESTED_KEYS[self.kind], lang))
            else:
                out.append(text(_DIRECTION_KEYS[d], lang))
        return pd.Series(out, index=self.values.index, name="label", dtype="string")

    def to_frame(self, lang: str = "de") -> pd.DataFrame:
        """The values with a ``label`` column; ``.attrs`` hold base, to, unit and the test."""
        out = self.values.copy()
        out["label"] = self.labels(lang)
        unit = text("change.unit_pp", lang) if self.unit == "pp" else self.unit
        out.attrs = {"column": self.column, "base": self.base, "to": self.to, "unit": unit,
                     "alpha": self.alpha, "correction": self.correction,
                     "test": "fisher_exact" if self.tested else None}
        return out

    def describe(self, lang: str = "de", label: str | None = None) -> str:
        """One sentence for the methods text; `label` names the column (default its code)."""
        pp = text("change.pp_suffix", lang) if self.unit == "pp" else ""
        values = dict(column=self.column if label is None else label,
                      base=_format_day(self.base), to=_format_day(self.to), pp=pp)
        if not self.tested:
            return text(_UNTESTED_DESCRIBE_KEYS[self.kind], lang, **values)
        alpha = format_number(self.alpha, 2, lang)
        corr = text(f"stats.correction.{self.correction}", lang)
        return text("change.describe", lang, **values, alpha=alpha, correction=corr)

    def __repr__(self) -> str:
        counts = self.values["direction"].value_counts()
        summary = ", ".join(f"{k}: {int(v)}" for k, v in counts.items())
        return (f"ChangeResult(column={self.column!r}, base={_format_day(self.base)}, "
                f"to={_format_day(self.to)}, kind={self.kind!r}, tested={self.tested}, "
                f"alpha={self.alpha}, correction={self.correction!r})\n  {summary}")

    def _repr_html_(self) -> str:
        title = html.escape(repr(self).splitlines()[0])
        return f"<div><strong>{title}</strong>{self.to_frame().to_html(max_rows=30)}</div>"


def _indicator_for(panel: pd.DataFrame, column) -> Indicator | None:
    """The Indicator that `column` names, if its rate must be made from the panel's counts."""
    if isinstance(column, Indicator):
        return column
    if isinstance(column, str) and column in panel.columns:
        return None
    if isinstance(column, str) and column in STANDARD:
        return STANDARD[column]
    raise InputError.from_key(
        "monitoring.missing_column", column=str(column), what="panel",
        available=Listed([c for c in panel.columns if not str(c).endswith("__reason")],
                         limit=12),
    )


def _counts(frame: pd.DataFrame, cols) -> np.ndarray:
    total = np.zeros(len(frame))
    for c in cols:
        total = total + pd.to_numeric(frame[c]).astype("Float64").to_numpy(dtype=float,
                                                                          na_value=np.nan)
    return total


def change(
    panel: pd.DataFrame,
    column: str | Indicator,
    *,
    base: object,
    to: object,
    alpha: float = ALPHA,
    correction: str = CORRECTION,
    policy: ConfidentialityPolicy | None = None,
    is_index: bool = False,
) -> ChangeResult:
    """Change of a column or indicator between two Stichtage, with a test against chance.

    Parameters
    ----------
    panel : pandas.DataFrame
        A panel indexed by (area key, ``Stichtag``), e.g. counts from
        ``read_table(..., stichtag="all")`` or rates from :func:`panel_indicators`.
    column : str or Indicator
        A column of `panel`, or an indicator (an :class:`~sozialraum.Indicator` or a
        code of :data:`~sozialraum.indicators.STANDARD` that is not a column) whose
        numerator and denominator counts are in `panel`: then the rate is computed per
        Stichtag and the change is tested (Fisher's exact test, see the module text).
        An integer column is a count (small counts withheld by `policy`); a rate column
        of :func:`panel_indicators` keeps its unit.
    base, to : date, str or int
        The two Stichtage (``2019``, ``"31.12.2019"``, a date); `base` first.
    alpha : float, default 0.05
        Significance level of the labels.
    correction : {"fdr", "bonferroni", "none"}, default "fdr"
        Multiple-testing correction over the tested areas.
    policy : ConfidentialityPolicy, optional
        For rates computed here and for counts (default ``ConfidentialityPolicy()``).
    is_index : bool, default False
        The column is an index (a sum of z-scores, a score): it has no natural zero, so
        only the difference is given, no change in % (kind ``"index"``).

    Returns
    -------
    ChangeResult
        ``.to_frame()`` per area: both values, ``change`` (percentage points for a
        percent rate), ``change_relative`` (% of a base value above 0; not for an
        index), ``p_value``, ``p_adjusted``, ``direction`` and ``label``
        ("signifikant gestiegen", "signifikant gesunken", "im Rahmen des Zufalls",
        "nicht getestet (keine Zählwerte)" for a rate or value given without counts,
        "nicht getestet (kein Anteil)" for a count, "nicht getestet (Indexwert)", or the
        reason a value is withheld).

    Examples
    --------
    >>> import sozialraum as sr
    >>> p = sr.read_table(sr.datasets.get_path("musterstadt_statistik.csv"), key="SR_NR",
    ...                   stichtag="all")
    >>> ch = sr.change(p, "SGB2_QUOTE", base=2019, to=2024)
    >>> ch.to_frame().attrs["unit"], ch.tested
    ('Prozentpunkte', True)
    """
    check_panel(panel)
    Inference(alpha=alpha)  # the shared check of alpha
    check_choice("correction", correction, CORRECTIONS)
    policy = ConfidentialityPolicy() if policy is None else policy
    days = stichtage(panel)
    b, t = _find(days, base, "panel"), _find(days, to, "panel")
    if b == t:
        raise ConfigError.from_key("monitoring.same_stichtag", day=_format_day(b))
    if b > t:
        raise ConfigError.from_key("monitoring.base_after", base=_format_day(b),
                                   to=_format_day(t))
    fb, ft = select(panel, b), select(panel, t)
    index = fb.index.union(ft.index, sort=False)
    ind = _indicator_for(panel, column)
    k = n = None
    if ind is not None:
        needed = [c for c in ind.input_columns if c not in panel.columns]
        if needed:
            raise InputError.from_key("monitoring.not_a_rate", column=ind.code,
                                      needed=Listed(needed))
        name, kind = ind.code, "rate"
        rb = compute_indicators(fb, [ind], policy=policy)
        rt = compute_indicators(ft, [ind], policy=policy)
        vb, vt = rb[name].reindex(index), rt[name].reindex(index)
        reasons = combine_reasons(get_reasons(rb, name).reindex(index),
                                  get_reasons(rt, name).reindex(index))
        unit = "pp" if ind.unit == "%" else ind.unit
        tested = not ind.is_rate
        if tested:
            k = (_counts(fb.reindex(index), ind.numerator_columns),
                 _counts(ft.reindex(index), ind.numerator_columns))
            n = (_counts(fb.reindex(index), ind.denominator_columns),
                 _counts(ft.reindex(index), ind.denominator_columns))
    else:
        name = column
        known = {i.code: i for i in panel.attrs.get("indicators", ())}
        vb = pd.to_numeric(fb[name]).astype("Float64").astype(float).reindex(index)
        vt = pd.to_numeric(ft[name]).astype("Float64").astype(float).reindex(index)
        reasons = combine_reasons(get_reasons(fb, name).reindex(index),
                                  get_reasons(ft, name).reindex(index)).astype(object)
        if name in known:
            kind = "rate"
            unit = "pp" if known[name].unit == "%" else known[name].unit
        elif pd.api.types.is_integer_dtype(panel[name].dtype):
            kind, unit = "count", ""
            small = policy.is_small(vb.to_numpy()) | policy.is_small(vt.to_numpy())
            reasons[small & reasons.isna().to_numpy()] = Reason.SUPPRESSED.value
        else:
            kind, unit = "value", ""
        if is_index:
            kind = "index"
        tested = False
        reasons = reasons.astype(REASON_DTYPE)
    reasons = reasons.astype(object)
    absent = (vb.isna() | vt.isna()).to_numpy() & reasons.isna().to_numpy()
    reasons[absent] = Reason.NOT_DELIVERED.value
    hidden = reasons.notna().to_numpy()
    a, z = vb.to_numpy(dtype=float), vt.to_numpy(dtype=float)
    a, z = np.where(hidden, np.nan, a), np.where(hidden, np.nan, z)
    diff = z - a
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(a > 0, diff / a * 100.0, np.nan)
    if kind not in RELATIVE_KINDS:
        rel = np.full(len(index), np.nan)
    p = np.full(len(index), np.nan)
    if tested:
        kb, kt = k
        nb, nt = n
        for i in np.flatnonzero(~hidden):
            counts = np.array([kb[i], nb[i], kt[i], nt[i]])
            valid = (np.all(np.isfinite(counts)) and np.all(counts == np.round(counts))
                     and 0 <= kb[i] <= nb[i] and 0 <= kt[i] <= nt[i] and nb[i] > 0 and nt[i] > 0)
            if valid:
                p[i] = fisher_p(int(kb[i]), int(nb[i]), int(kt[i]), int(nt[i]))
    p_adj = _perm.adjust(p, correction, np.zeros(len(p)))
    direction = np.where(hidden, "hidden", np.where(np.isnan(p), "untested", np.where(
        p_adj <= alpha, np.where(diff > 0, "up", np.where(diff < 0, "down", "chance")),
        "chance")))
    values = pd.DataFrame({
        "value_base": a, "value_to": z, "change": diff, "change_relative": rel,
        "p_value": p, "p_adjusted": p_adj, "direction": direction,
    }, index=index)
    values["direction"] = values["direction"].astype("string")
    r = pd.Series(reasons.to_numpy(), index=index).astype(REASON_DTYPE)
    if r.notna().any():
        values[reason_column("change")] = r
    return ChangeResult(column=name, base=b, to=t, kind=kind, unit=unit, tested=tested,
                        values=values, alpha=float(alpha), correction=correction)
