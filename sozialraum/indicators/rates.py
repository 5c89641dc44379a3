"""Indicators (rates) from counts, aggregation along a hierarchy, smoothing and change.

Counts (Anzahl: inhabitants, SGB-II recipients ...) and rates (Quote, Anteil)
are different kinds of numbers. Counts can be summed over areas; rates cannot
be averaged. So the pipeline is always::

    counts --aggregate()--> counts of a coarser level --compute_indicators()--> rates

An :class:`Indicator` says how a rate is made from counts: numerator (one
column or the sum of several), denominator, scale (100 = percent, 1000 = per
1,000), a German label, the unit, the theme and the direction (+1 if a higher
value means more deprivation). :data:`STANDARD` is the catalogue for the demo
city's column codes; another city maps its own columns by building its own
``Indicator`` objects (or ``dataclasses.replace(STANDARD["SGB2_QUOTE"],
numerator="SGBII_Empf", denominator="EW_0_64")``).

Missing values carry reasons (:mod:`sozialraum._missing`): a rate with
denominator 0 is missing with ``not_meaningful``; a rate whose numerator is
suppressed (or secret) is suppressed too, because the rate times the published
denominator would reveal the count.

>>> import pandas as pd
>>> counts = pd.DataFrame({"SGB2": [120, 2, 0], "EW_U65": [1000, 400, 0]},
...                       index=pd.Index(["0101", "0102", "0103"], name="SR_NR"))
>>> rates = compute_indicators(counts, ["SGB2_QUOTE"])
>>> rates["SGB2_QUOTE"].tolist()
[12.0, nan, nan]
>>> rates["SGB2_QUOTE__reason"].tolist()
[nan, 'suppressed', 'not_meaningful']
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sozialraum._text import text
from sozialraum._util.choices import check_choice
from sozialraum.errors import (
    ColumnError,
    ConfigError,
    InputError,
    Listed,
    MissingDataError,
)
from sozialraum.indicators.confidentiality import (
    MUSTERSTADT_CONSTRAINTS,
    ConfidentialityPolicy,
    SuppressionResult,
    suppress,
)
from sozialraum.io.cells import (
    REASON_DTYPE,
    Reason,
    combine_reasons,
    get_reasons,
    is_reason_column,
    reason_column,
)
from sozialraum.io.keys import Phrases

__all__ = [
    "MUSTERSTADT_CONSTRAINTS",
    "STANDARD",
    "THEMES",
    "ConfidentialityPolicy",
    "Indicator",
    "SuppressionResult",
    "aggregate",
    "aggregate_rates",
    "compute_indicators",
    "rate_change",
    "smooth_rates",
    "standard_indicators",
    "suppress",
]

#: The themes an indicator can belong to.
THEMES: tuple[str, ...] = (
    "Armut", "Arbeit", "Bildung", "Gesundheit", "Demografie", "Integration", "Wohnen",
)


@dataclass(frozen=True)
class Indicator:
    """How an indicator is made: a rate from counts, or a rate as the office delivered it.

    Parameters
    ----------
    code : str
        Name of the rate column in the result (e.g. ``"SGB2_QUOTE"``).
    numerator : str or tuple of str, optional
        Count column, or several columns that are summed (``("SGB2", "GRUSI")``).
    denominator : str or tuple of str, optional
        Count column(s) of the population at risk. Required with `numerator`; optional
        with `rate`.
    scale : float, default 100
        100 gives percent, 1000 per 1,000 inhabitants. With `rate`: the scale of the
        delivered values (100 if the office delivers percent, 1 for proportions).
    label : str
        German label for maps and tables.
    unit : str, default "%"
    theme : str
        One of :data:`THEMES`.
    direction : {1, -1}
        +1 if a higher value means more deprivation or need, -1 otherwise.
    label_en : str, optional
        English label.
    rate : str, optional
        A column that already holds the rate or share (as many statistics offices deliver
        their tables), instead of `numerator`. With a `denominator` the implied counts
        (rate / scale x denominator) are what confidentiality checks and what higher levels
        sum; without one, higher levels are population-weighted means (see
        :func:`aggregate_rates`) and no small-count rule can be applied to the rate.

    Examples
    --------
    >>> Indicator("TRANSFER", ("SGB2", "GRUSI"), "EW", label="Transferbezug",
    ...           theme="Armut").numerator
    ('SGB2', 'GRUSI')
    >>> Indicator("ALO", rate="ALO_ANT", denominator="EW_15_64").is_rate
    True
    """

    code: str
    numerator: str | tuple[str, ...] | None = None
    denominator: str | tuple[str, ...] | None = None
    scale: float = 100.0
    label: str = ""
    unit: str = "%"
    theme: str = "Armut"
    direction: int = 1
    label_en: str = ""
    rate: str | None = None

    def __post_init__(self) -> None:
        if not (isinstance(self.code, str) and self.code):
            raise ConfigError.from_key("indicators.bad_code", given=repr(self.code))
        if self.rate is not None:
            if not (isinstance(self.rate, str) and self.rate):
                raise ConfigError.from_key("indicators.bad_rate", code=self.code,
                                           given=repr(self.rate))
            if self.numerator is not None:
                raise ConfigError.from_key("indicators.rate_and_numerator", code=self.code)
        elif self.numerator is None or self.denominator is None:
            raise ConfigError.from_key("indicators.needs_counts_or_rate", code=self.code)
        for name in ("numerator", "denominator"):
            value = getattr(self, name)
            if value is None:
                continue
            cols = (value,) if isinstance(value, str) else tuple(value)
            if not cols or not all(isinstance(c, str) and c for c in cols):
                raise ConfigError.from_key("indicators.bad_columns", code=self.code, name=name,
                                           given=repr(value))
            object.__setattr__(self, name, cols[0] if len(cols) == 1 else cols)
        if self.direction not in (1, -1) or isinstance(self.direction, bool):
            raise ConfigError.from_key("indicators.bad_direction", code=self.code,
                                       given=repr(self.direction))
        check_choice("theme", self.theme, THEMES)
        if isinstance(self.scale, bool) or not (
            isinstance(self.scale, (int, float)) and self.scale > 0
        ):
            raise ConfigError.from_key("indicators.bad_scale", code=self.code,
                                       given=repr(self.scale))
        if not self.label:
            object.__setattr__(self, "label", self.code)

    @property
    def is_rate(self) -> bool:
        """True if the values are delivered as a rate (`rate`), not computed from counts."""
        return self.rate is not None

    @property
    def numerator_columns(self) -> tuple[str, ...]:
        """The numerator as a tuple of column names (empty for a delivered rate)."""
        if self.numerator is None:
            return ()
        return (self.numerator,) if isinstance(self.numerator, str) else self.numerator

    @property
    def denominator_columns(self) -> tuple[str, ...]:
        """The denominator as a tuple of column names (may be empty for a delivered rate)."""
        if self.denominator is None:
            return ()
        return (self.denominator,) if isinstance(self.denominator, str) else self.denominator

    @property
    def input_columns(self) -> tuple[str, ...]:
        """Every input column the indicator reads (rate, numerator and denominator parts)."""
        cols = ((self.rate,) if self.rate else ()) + self.numerator_columns
        return cols + self.denominator_columns

    def formula(self, lang: str = "de") -> str:
        """How the value is made, in words for the methods text and the column notes.

        >>> STANDARD["S3"].formula()
        '(SGB2 + GRUSI) / (EW) × 100'
        >>> Indicator("ALO", rate="ALO_ANT", denominator="EW_15_64").formula()  # doctest: +ELLIPSIS
        'wie geliefert (Spalte ALO_ANT); höhere Ebenen: Summe der implizierten Zählwerte ...'
        """
        scale = f"{self.scale:g}"
        den = " + ".join(self.denominator_columns)
        if not self.is_rate:
            return f"({' + '.join(self.numerator_columns)}) / ({den}) × {scale}"
        key = "indicators.formula_rate_den" if den else "indicators.formula_rate"
        return text(key, lang, rate=self.rate, den=den, scale=scale)

    @property
    def implied_column(self) -> str:
        """Name of the implied-count column of a delivered rate with a denominator."""
        return f"{self.code}__anzahl"

    def implied_counts(self, frame: pd.DataFrame) -> pd.Series:
        """Implied counts ``rate / scale x denominator`` of a delivered rate (float)."""
        r = pd.to_numeric(frame[self.rate]).astype(float)
        den, _ = _sum_columns(frame, self.denominator_columns)
        return (r / self.scale * den).rename(self.implied_column)


def _ind(code, num, den, label, label_en, theme, direction=1, scale=100.0, unit="%"):
    return Indicator(code, num, den, scale, label, unit, theme, direction, label_en)


#: Standard indicators for the demo city's Merkmal codes (see docs/index.md).
STANDARD: dict[str, Indicator] = {
    i.code: i
    for i in [
        _ind("SGB2_QUOTE", "SGB2", "EW_U65", "SGB-II-Quote", "SGB II rate", "Armut"),
        _ind("KINDERARMUT", "SGB2_U15", "EW_U15", "Kinderarmut (SGB II unter 15 J.)",
             "child poverty (SGB II, under 15)", "Armut"),
        _ind("ALO_QUOTE", "ALO", "EW_15_64", "Arbeitslosenanteil (SGB II + III, 15-64 J.)",
             "unemployment (SGB II + III, aged 15-64)", "Arbeit"),
        _ind("ALO_SGB2_QUOTE", "ALO_SGB2", "EW_15_64", "Arbeitslose SGB II (15-64 J.)",
             "unemployed SGB II (aged 15-64)", "Arbeit"),
        _ind("TRANSFER", ("SGB2", "GRUSI"), "EW", "Transferbezug (SGB II + XII)",
             "transfer receipt (SGB II + XII)", "Armut"),
        _ind("ALTERSARMUT", "GRUSI_65U", "EW_65U", "Altersarmut (Grundsicherung 65+)",
             "old-age poverty (basic income 65+)", "Armut"),
        _ind("ALLEINERZIEHENDE", "HH_AE", "HH_KIND", "Alleinerziehende (% der Haushalte mit "
             "Kindern)", "single parents (% of households with children)", "Armut"),
        _ind("WOHNGELD", "WOGEL_HH", "HH", "Wohngeldhaushalte", "housing benefit households",
             "Wohnen"),
        _ind("SPRACHFOERDERUNG", "ESU_SPRACH", "ESU", "Sprachförderbedarf (Schuleingangs"
             "untersuchung)", "language support need (school entry exam)", "Bildung"),
        _ind("UEBERGEWICHT", "ESU_UEBERGEW", "ESU", "Übergewicht (Schuleingangsuntersuchung)",
             "overweight (school entry exam)", "Gesundheit"),
        _ind("NICHTDEUTSCHE", "EW_NDEU", "EW", "Anteil Nichtdeutsche", "share non-German",
             "Integration"),
        _ind("ANTEIL_65U", "EW_65U", "EW", "Anteil 65 Jahre und älter", "share aged 65+",
             "Demografie"),
        _ind("ANTEIL_80U", "EW_80U", "EW", "Anteil 80 Jahre und älter", "share aged 80+",
             "Demografie"),
        _ind("ANTEIL_U18", ("EW_U6", "EW_6_14", "EW_15_17"), "EW", "Anteil unter 18 Jahren",
             "share under 18", "Demografie"),
        _ind("ANTEIL_U6", "EW_U6", "EW", "Anteil unter 6 Jahren", "share under 6", "Demografie"),
        _ind("EW_DICHTE", "EW", "FLAECHE_HA", "Einwohner je Hektar", "inhabitants per hectare",
             "Wohnen", scale=1.0, unit="EW/ha"),
    ]
}
# Berlin MSS 2021 names of the three status indicators on the demo city's codes
STANDARD["S1"] = _ind("S1", "ALO", "EW_15_64", "S1 Arbeitslosigkeit (SGB II + III)",
                      "S1 unemployment (SGB II + III)", "Arbeit")
STANDARD["S3"] = _ind("S3", ("SGB2", "GRUSI"), "EW", "S3 Transferbezug (SGB II + XII)",
                      "S3 transfer receipt (SGB II + XII)", "Armut")
STANDARD["S4"] = _ind("S4", "SGB2_U15", "EW_U15", "S4 Kinderarmut (SGB II unter 15 J.)",
                      "S4 child poverty (SGB II, under 15)", "Armut")


def standard_indicators(*codes: str) -> list[Indicator]:
    """Indicators from :data:`STANDARD` by code (all of them if no code is given).

    >>> [i.code for i in standard_indicators("S1", "S3", "S4")]
    ['S1', 'S3', 'S4']
    """
    if not codes:
        return list(STANDARD.values())
    return [STANDARD[check_choice("indicator", c, list(STANDARD))] for c in codes]


def _resolve(indicators) -> list[Indicator]:
    if isinstance(indicators, (Indicator, str)):
        indicators = [indicators]
    if isinstance(indicators, Mapping):
        indicators = list(indicators.values())
    out = []
    for i in indicators:
        out.append(standard_indicators(i)[0] if isinstance(i, str) else i)
        if not isinstance(out[-1], Indicator):
            raise ConfigError.from_key("indicators.type", given=repr(i))
    codes = [i.code for i in out]
    dup = {c for c in codes if codes.count(c) > 1}
    if dup:
        raise ConfigError.from_key("indicators.codes_repeated", codes=Listed(sorted(dup)))
    return out


def _check_columns(frame: pd.DataFrame, columns, what: str) -> None:
    missing = [c for c in dict.fromkeys(columns) if c not in frame.columns]
    if missing:
        raise ColumnError.from_key(
            "indicators.missing_columns", what=what, columns=Listed(missing),
            available=Listed(frame.columns, limit=12),
        )


def _sum_columns(frame: pd.DataFrame, cols: Sequence[str]) -> tuple[pd.Series, pd.Series]:
    """Sum count columns (missing if any part is missing) and combine their reasons."""
    values = [pd.to_numeric(frame[c], errors="raise").astype("Float64") for c in cols]
    total = values[0].copy()
    for v in values[1:]:
        total = total + v  # NA propagates
    reasons = combine_reasons(*[get_reasons(frame, c) for c in cols])
    missing_no_reason = total.isna() & reasons.isna()
    if missing_no_reason.any():
        reasons = reasons.astype(object).where(~missing_no_reason, Reason.NOT_DELIVERED.value)
        reasons = reasons.astype(REASON_DTYPE)
    return total.astype(float), reasons


def _needed_columns(ind: Indicator, frame: pd.DataFrame) -> tuple[str, ...]:
    """The columns `ind` reads from `frame` (a higher level holds implied counts instead)."""
    if ind.is_rate and ind.rate not in frame.columns and ind.implied_column in frame.columns:
        return (ind.implied_column, *ind.denominator_columns)
    return ind.input_columns


def _delivered_rate(frame: pd.DataFrame, ind: Indicator, policy) -> tuple[np.ndarray, pd.Series]:
    """A rate as delivered: checked for plausibility, its implied count checked for size."""
    rate = pd.to_numeric(frame[ind.rate], errors="raise").astype(float).to_numpy()
    reasons = get_reasons(frame, ind.rate).astype(object)
    missing = np.isnan(rate) & reasons.isna().to_numpy()
    reasons[missing] = Reason.NOT_DELIVERED.value
    bad = (rate < 0) | ((ind.unit == "%") & (rate > ind.scale))
    if np.any(bad[~np.isnan(rate)]):
        keys = frame.index[np.nan_to_num(bad, nan=False).astype(bool)]
        raise InputError.from_key("indicators.rate_out_of_range", code=ind.code, column=ind.rate,
                                  keys=Listed(keys), values=Listed(rate[bad]),
                                  high=ind.scale if ind.unit == "%" else "∞")
    if ind.denominator_columns:
        den, den_r = _sum_columns(frame, ind.denominator_columns)
        reasons = combine_reasons(reasons.astype(REASON_DTYPE), den_r).astype(object)
        implied = np.round(rate / ind.scale * den.to_numpy())
        zero_den = (den.to_numpy() == 0) & ~np.isnan(rate)
        reasons[zero_den & reasons.isna().to_numpy()] = Reason.NOT_MEANINGFUL.value
        reasons[policy.is_small(implied) & reasons.isna().to_numpy()] = Reason.SUPPRESSED.value
    return rate, reasons


def _check_share(counts: pd.DataFrame, ind: Indicator, n: np.ndarray, d: np.ndarray) -> None:
    """Refuse a share (unit %) whose numerator exceeds its denominator in some area.

    The numerator of a share counts a part of the denominator's people (unemployed of
    those aged 15-65), so more of them than the denominator is a wrong column, a wrong
    age band or a typing error, never a rate above 100 %.
    """
    over = (n > d) & ~np.isnan(n) & ~np.isnan(d)
    if not over.any():
        return
    cases = [f"{k!r}: {_num(a)} > {_num(b)}"
             for k, a, b in zip(counts.index[over], n[over], d[over], strict=True)]
    raise InputError.from_key(
        "indicators.numerator_above_denominator", code=ind.code,
        numerator=" + ".join(ind.numerator_columns),
        denominator=" + ".join(ind.denominator_columns),
        n=int(over.sum()), cases=Phrases(cases),
    )


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def aggregate_rates(
    rates: pd.Series,
    mapping: pd.Series,
    population: pd.Series,
    *,
    coverage: float = 0.9,
) -> pd.DataFrame:
    """Population-weighted rates of a coarser level, for rates delivered without a denominator.

    A parent's value is ``sum(rate_i x population_i) / sum(population_i)`` over its areas
    that have a value, published only where those areas hold at least `coverage` of the
    parent's population (otherwise missing with reason ``not_delivered``). This is the
    mean a rate delivered without its denominator allows; it equals the rate of the summed
    counts when each area's denominator is proportional to its population. Rates delivered
    with a denominator are aggregated as implied counts instead (exact).

    Returns
    -------
    pandas.DataFrame
        Indexed by the parent key: the rate (named as `rates`), ``coverage`` (share of the
        parent's population with a value) and the reason column where values are missing.

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.Index(["a", "b", "c"], name="SR")
    >>> out = aggregate_rates(pd.Series([10.0, 20.0, None], idx, name="Q"),
    ...                       pd.Series(["1", "1", "2"], idx), pd.Series([100, 300, 50], idx))
    >>> out["Q"].tolist()[0], out["coverage"].tolist()
    (17.5, [1.0, 0.0])
    """
    keys = mapping.reindex(rates.index).astype(str).to_numpy()
    pop = pd.to_numeric(population.reindex(rates.index)).astype(float).to_numpy()
    r = rates.astype(float).to_numpy()
    has = ~np.isnan(r) & ~np.isnan(pop)
    frame = pd.DataFrame({"w": np.where(has, r * pop, 0.0), "p": np.where(has, pop, 0.0),
                          "all": np.nan_to_num(pop)}, index=keys)
    sums = frame.groupby(level=0, sort=True).sum()
    cov = (sums["p"] / sums["all"].where(sums["all"] > 0)).fillna(0.0)
    value = (sums["w"] / sums["p"].where(sums["p"] > 0)).where(cov >= coverage)
    out = pd.DataFrame({rates.name: value.to_numpy(), "coverage": cov.round(4).to_numpy()},
                       index=pd.Index(sums.index, name=mapping.name))
    if out[rates.name].isna().any():
        reasons = np.where(out[rates.name].isna(), Reason.NOT_DELIVERED.value, None)
        out[reason_column(rates.name)] = pd.Categorical(reasons, dtype=REASON_DTYPE)
    return out


def compute_indicators(
    counts: pd.DataFrame,
    indicators,
    *,
    policy: ConfidentialityPolicy | None = None,
    smoothing: str | None = None,
    graph=None,
    population: str | None = None,
) -> pd.DataFrame:
    """Compute rates from counts.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts indexed by the district key, optionally with ``X__reason``
        columns (e.g. from :func:`suppress` or the readers).
    indicators : list of Indicator or str
        Indicator objects or codes from :data:`STANDARD`.
    policy : ConfidentialityPolicy, optional
        Default ``ConfidentialityPolicy()``: a rate whose numerator (or any part
        of a summed numerator) is between 1 and ``min_count - 1`` is suppressed
        (primary rule on the rate). For a
        publication that is safe against derivation from totals, pass counts
        through :func:`suppress` first: its secondary suppressions travel into
        the rates as reasons.
    smoothing : {None, "global", "spatial"}
        Empirical Bayes smoothing (off by default); see :func:`smooth_rates`.
    graph : libpysal.graph.Graph, optional
        Needed for ``smoothing="spatial"``.
    population : str, optional
        If given, rates of areas below ``policy.min_population`` inhabitants
        are missing with reason ``below_population``.

    Returns
    -------
    pandas.DataFrame
        One column per indicator (float, in the indicator's scale), plus
        ``code__reason`` where values are missing. ``.attrs["policy"]`` and
        ``.attrs["indicators"]`` record what was applied.

    Notes
    -----
    A panel of several Stichtage (index (key, ``Stichtag``)) works row by row; smoothing
    is refused there (it would pool the Stichtage): use
    :func:`sozialraum.monitoring.panel_indicators`, which smooths each Stichtag alone.
    """
    policy = ConfidentialityPolicy() if policy is None else policy
    inds = _resolve(indicators)
    needed = [c for i in inds for c in _needed_columns(i, counts)]
    _check_columns(counts, needed + ([population] if population else []), "compute_indicators")
    check_choice("smoothing", smoothing, [None, "global", "spatial"])
    if smoothing is not None and "Stichtag" in (counts.index.names or ()):
        # rates are row by row and work on a panel; smoothing would pool the Stichtage
        raise ConfigError.from_key("indicators.smooth_panel")
    out = pd.DataFrame(index=counts.index.copy())
    small_area = None
    if population is not None and policy.enabled:
        pop = pd.to_numeric(counts[population]).astype("Float64")
        small_area = (pop < policy.min_population).fillna(False).to_numpy(dtype=bool)
    for ind in inds:
        if ind.is_rate and ind.rate in counts.columns:
            rate, reasons = _delivered_rate(counts, ind, policy)
            if small_area is not None:
                reasons[small_area & reasons.isna().to_numpy()] = Reason.BELOW_POPULATION.value
            out[ind.code] = np.where(reasons.isna().to_numpy(), rate, np.nan)
            r = reasons.astype(REASON_DTYPE)
            if r.notna().any():
                out[reason_column(ind.code)] = r
            continue
        num_cols = (ind.implied_column,) if ind.is_rate else ind.numerator_columns
        num, num_r = _sum_columns(counts, num_cols)
        den, den_r = _sum_columns(counts, ind.denominator_columns)
        reasons = combine_reasons(num_r, den_r).astype(object)
        n, d = num.to_numpy(), den.to_numpy()
        if np.any(n[~np.isnan(n)] < 0) or np.any(d[~np.isnan(d)] < 0):
            raise InputError.from_key(
                "indicators.negative", code=ind.code,
                keys=Listed(counts.index[(num < 0) | (den < 0)]),
            )
        if ind.unit == "%" and not ind.is_rate:
            _check_share(counts, ind, n, d)
        if smoothing is not None:
            rate = smooth_rates(num, den, method=smoothing, graph=graph).to_numpy() * ind.scale
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                rate = np.where(d > 0, n / np.where(d > 0, d, 1.0) * ind.scale, np.nan)
        zero_den = (d == 0) & ~np.isnan(n)
        reasons[zero_den & reasons.isna().to_numpy()] = Reason.NOT_MEANINGFUL.value
        # a small part of a summed numerator is revealed too (rate x denominator - the other,
        # published parts), so every part is checked, not only the sum
        primary = policy.is_small(np.round(n) if ind.is_rate else n)
        if len(ind.numerator_columns) > 1:
            for c in ind.numerator_columns:
                part = pd.to_numeric(counts[c]).astype("Float64").to_numpy(dtype=float,
                                                                           na_value=np.nan)
                primary |= policy.is_small(part)
        reasons[primary & reasons.isna().to_numpy()] = Reason.SUPPRESSED.value
        if small_area is not None:
            reasons[small_area & reasons.isna().to_numpy()] = Reason.BELOW_POPULATION.value
        rate = np.where(reasons.isna().to_numpy(), rate, np.nan)
        out[ind.code] = rate
        r = reasons.astype(REASON_DTYPE)
        if r.notna().any():
            out[reason_column(ind.code)] = r
    out.attrs["policy"] = policy
    out.attrs["indicators"] = tuple(inds)
    out.attrs["smoothing"] = smoothing
    return out


def aggregate(
    counts: pd.DataFrame,
    mapping: str | Mapping | pd.Series,
    *,
    columns: Sequence[str] | None = None,
    name: str | None = None,
) -> pd.DataFrame:
    """Sum counts to a coarser level (Sozialraum -> Stadtteil -> ..., or any mapping).

    Rates are never averaged: aggregate the counts, then call
    :func:`compute_indicators` on the result.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts indexed by the district key.
    mapping : str, dict or Series
        A column of `counts` holding the parent key (``"ST_NR"``), or a mapping
        key -> parent key. Every key must be mapped.
    columns : list of str, optional
        Columns to sum; default every integer column. Add extensive float
        columns explicitly (e.g. ``FLAECHE_HA``); never pass rates.
    name : str, optional
        Name of the result's index (default: the column name or ``"parent"``).

    Returns
    -------
    pandas.DataFrame
        Sums per parent; a parent's sum is missing if any child value is
        missing, with the child's reason (highest precedence).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"ST_NR": ["01", "01", "02"], "EW": [100, 200, 50]},
    ...                  index=pd.Index(["0101", "0102", "0201"], name="SR_NR"))
    >>> aggregate(c, "ST_NR")["EW"].tolist()
    [300, 50]
    """
    if isinstance(mapping, str):
        _check_columns(counts, [mapping], "aggregate")
        parent = counts[mapping]
        name = name or mapping
    else:
        parent = pd.Series(mapping) if isinstance(mapping, Mapping) else mapping
        parent = parent.reindex(counts.index)
        named = isinstance(mapping, pd.Series) and mapping.name
        name = name or (mapping.name if named else "parent")
    if parent.isna().any():
        raise InputError.from_key(
            "indicators.no_parent", keys=Listed(counts.index[parent.isna().to_numpy()])
        )
    parent = parent.astype(str)
    if columns is None:
        columns = [c for c in counts.columns if not is_reason_column(c)
                   and pd.api.types.is_integer_dtype(counts[c].dtype)]
        if not columns:
            raise InputError.from_key("indicators.no_count_columns")
    else:
        _check_columns(counts, columns, "aggregate")
    keys = parent.to_numpy()
    out = pd.DataFrame(index=pd.Index(sorted(set(keys)), name=name, dtype=object))
    for c in columns:
        col = counts[c]
        if not pd.api.types.is_numeric_dtype(col.dtype):
            raise InputError.from_key("indicators.not_numeric", column=c)
        summed = col.groupby(keys, sort=True).sum(min_count=1)
        anyna = col.isna().groupby(keys, sort=True).any()
        summed = summed.astype("Int64" if pd.api.types.is_integer_dtype(col.dtype) else float)
        summed[anyna.to_numpy()] = pd.NA if summed.dtype == "Int64" else np.nan
        out[c] = summed.to_numpy()
        if anyna.any():
            r = get_reasons(counts, c)
            r = r.astype(object).where(r.notna() | ~col.isna(), Reason.NOT_DELIVERED.value)
            per = []
            for p in out.index:
                mine = r[keys == p]
                per.append(combine_reasons(*[mine.iloc[[i]].reset_index(drop=True)
                                             for i in range(len(mine))]).iloc[0]
                           if anyna[p] else None)
            out[reason_column(c)] = pd.Categorical(per, dtype=REASON_DTYPE)
    return out


def smooth_rates(events, population, *, method: str = "global", graph=None) -> pd.Series:
    """Empirical Bayes smoothed rates (as proportions, not percent).

    Global (Marshall 1991): with the pooled rate ``b = sum(e) / sum(n)``, the
    population-weighted variance ``s2 = sum(n_i (r_i - b)^2) / sum(n)`` and
    ``a = s2 - b / mean(n)`` (set to 0 if negative), each raw rate ``r_i`` is
    shrunk to ``w_i r_i + (1 - w_i) b`` with ``w_i = a / (a + b / n_i)``.
    Small areas move most towards the city rate. Spatial: the same with the
    pooled rate and variance of each area's neighbourhood (the area and its
    neighbours in `graph`; esda's ``Spatial_Empirical_Bayes``).

    Parameters
    ----------
    events, population : pandas.Series
        Numerator and denominator counts on the same index, complete, with
        population > 0.
    method : {"global", "spatial"}
    graph : libpysal.graph.Graph
        Required for ``"spatial"``; its ids must be the series' index.

    Examples
    --------
    >>> import pandas as pd
    >>> s = smooth_rates(pd.Series([1, 10]), pd.Series([10, 100]))
    >>> [round(v, 4) for v in s]  # a <= 0: both shrink to the pooled rate 11/110
    [0.1, 0.1]
    """
    check_choice("method", method, ["global", "spatial"])
    e = pd.Series(events).astype(float)
    n = pd.Series(population).astype(float).reindex(e.index)
    if e.isna().any() or n.isna().any() or (n <= 0).any():
        bad = e.index[(e.isna() | n.isna() | ~(n > 0)).to_numpy()]
        raise MissingDataError.from_key("indicators.smooth_incomplete", keys=Listed(bad))
    if method == "global":
        r = e / n
        b = e.sum() / n.sum()
        s2 = (n * (r - b) ** 2).sum() / n.sum()
        a = max(s2 - b / n.mean(), 0.0)
        w = a / (a + b / n) if (a > 0 or b > 0) else pd.Series(1.0, index=n.index)
        return (w * r + (1 - w) * b).rename(None)
    if graph is None:
        raise ConfigError.from_key("indicators.smooth_needs_graph")
    from esda.smoothing import Spatial_Empirical_Bayes  # lazy: esda only for spatial smoothing

    ids = list(graph.unique_ids)
    if set(map(str, ids)) != set(map(str, e.index)):
        raise InputError.from_key("indicators.smooth_graph_ids")
    w = graph.to_W()
    w.id_order = list(e.index)
    with warnings.catch_warnings():
        # esda divides by neighbourhood sizes with numpy; warnings are numerical noise here
        warnings.simplefilter("ignore", RuntimeWarning)
        res = Spatial_Empirical_Bayes(e.to_numpy(), n.to_numpy(), w).r.ravel()
    return pd.Series(res, index=e.index)


def rate_change(
    later: pd.DataFrame,
    earlier: pd.DataFrame,
    columns: Sequence[str] | None = None,
    *,
    prefix: str = "",
) -> pd.DataFrame:
    """Change of rates between two Stichtage (later minus earlier).

    For percent rates the result is in percentage points. Keys present in only
    one frame get a missing change with reason ``not_delivered``; reasons of
    either year travel into the change.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"S1": [10.0, 5.0]}, index=["0101", "0102"])
    >>> b = pd.DataFrame({"S1": [8.0, 6.0]}, index=["0101", "0102"])
    >>> rate_change(a, b, prefix="D_")["D_S1"].tolist()
    [2.0, -1.0]
    """
    if columns is None:
        columns = [c for c in later.columns if not is_reason_column(c) and c in earlier.columns]
    _check_columns(later, columns, "rate_change (later)")
    _check_columns(earlier, columns, "rate_change (earlier)")
    index = later.index.union(earlier.index, sort=False)
    out = pd.DataFrame(index=index)
    for c in columns:
        a = pd.to_numeric(later[c]).astype(float).reindex(index)
        b = pd.to_numeric(earlier[c]).astype(float).reindex(index)
        ra = get_reasons(later, c).reindex(index)
        rb = get_reasons(earlier, c).reindex(index)
        absent = ~index.isin(later.index) | ~index.isin(earlier.index)
        r = combine_reasons(ra, rb).astype(object)
        r[absent & r.isna().to_numpy()] = Reason.NOT_DELIVERED.value
        r[(a.isna() | b.isna()).to_numpy() & r.isna().to_numpy()] = Reason.NOT_DELIVERED.value
        out[prefix + c] = (a - b).where(r.isna())
        r = r.astype(REASON_DTYPE)
        if r.notna().any():
            out[reason_column(prefix + c)] = r
    return out

