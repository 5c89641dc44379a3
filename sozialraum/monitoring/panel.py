"""Panels of Stichtage: indicators per Stichtag and confidentiality across Stichtage.

A *panel* is the long table ``read_table(path, key=..., stichtag="all")`` returns:
one row per area and Stichtag, indexed by (area key, ``Stichtag``) with the Stichtag
as a pandas Timestamp. :func:`panel_indicators` computes rates per Stichtag with the
ordinary machinery (:func:`~sozialraum.compute_indicators`), :func:`wide` turns one
column into a table areas x Stichtage, and :func:`suppress_panel` makes the counts of
every Stichtag *and their changes* publishable.

Confidentiality across Stichtage
--------------------------------
Each Stichtag is suppressed on its own (primary and secondary suppression with the
hierarchy and row relations, :func:`~sozialraum.suppress`). Publishing changes adds
one equation per change, ``D = x_to - x_base``. If ``x_base`` is suppressed and
``x_to`` and ``D`` are published, ``x_base = x_to - D`` is disclosed. So a change is
published only where **both** Stichtage's cells are published (at every level of the
hierarchy); otherwise it is missing with the reason of the hidden cell. Then every
published change is a difference of two published numbers: the equations it adds lie
in the span of what each Stichtag publishes anyway, so nothing suppressed in any
Stichtag becomes derivable, whatever combination of changes an attacker uses (the
tests check this with an attacker using linear algebra and linear programming, and
show that a version without the rule is broken). With ``round_to`` the changes are
differences of the *rounded* published counts, so they reveal nothing the rounding
hid.

>>> import pandas as pd
>>> idx = pd.MultiIndex.from_product([["01", "02"], pd.to_datetime(["2023-12-31",
...                                   "2024-12-31"])], names=["SR_NR", "Stichtag"])
>>> p = pd.DataFrame({"ALO": [2, 10, 30, 31]}, index=idx)
>>> pub = suppress_panel(p, city_total=False)
>>> pub.change_frame("2023", "2024")["ALO"].tolist()  # 2 -> 10: the change would reveal 2
[<NA>, 1]
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sozialraum._util.dates import parse_stichtag
from sozialraum.errors import (
    ConfigError,
    DuplicateKeyError,
    InputError,
    Listed,
)
from sozialraum.indicators import ConfidentialityPolicy, compute_indicators, suppress
from sozialraum.indicators.confidentiality import SuppressionResult, round_half_away
from sozialraum.io.cells import (
    CONFIDENTIAL,
    REASON_DTYPE,
    Reason,
    combine_reasons,
    get_reasons,
    is_reason_column,
    reason_column,
)

__all__ = [
    "STICHTAG",
    "PanelSuppressionResult",
    "panel_indicators",
    "select",
    "stichtage",
    "suppress_panel",
    "wide",
]

#: Name of the Stichtag level of a panel's index (as read_table names it).
STICHTAG = "Stichtag"


def check_panel(panel: object, what: str = "panel") -> str:
    """Validate a long panel; return the name of its area key level."""
    if not isinstance(panel, pd.DataFrame):
        raise InputError.from_key("monitoring.values_type", what=what,
                                  given=type(panel).__name__)
    idx = panel.index
    if not (isinstance(idx, pd.MultiIndex) and idx.nlevels == 2
            and STICHTAG in idx.names
            and pd.api.types.is_datetime64_any_dtype(idx.get_level_values(STICHTAG))):
        raise InputError.from_key("monitoring.not_panel", what=what,
                                  given=repr(list(idx.names)))
    if idx.has_duplicates:
        day_at = idx.names.index(STICHTAG)
        dup = [f"{t[1 - day_at]} ({_format_day(t[day_at])})"
               for t in idx[idx.duplicated()].unique()]
        raise DuplicateKeyError.from_key("monitoring.duplicates", what=what, keys=Listed(dup))
    return next(n for n in idx.names if n != STICHTAG)


def stichtage(panel: pd.DataFrame) -> list[pd.Timestamp]:
    """The Stichtage of a panel, in time order.

    >>> import pandas as pd
    >>> idx = pd.MultiIndex.from_tuples([("a", pd.Timestamp("2024-12-31")),
    ...     ("a", pd.Timestamp("2023-12-31"))], names=["SR", "Stichtag"])
    >>> [d.year for d in stichtage(pd.DataFrame({"x": [1, 2]}, index=idx))]
    [2023, 2024]
    """
    check_panel(panel)
    return sorted(pd.unique(panel.index.get_level_values(STICHTAG)))


def _format_day(day) -> str:
    return pd.Timestamp(day).strftime("%d.%m.%Y")


def _find(days: Sequence[pd.Timestamp], value: object, what: str) -> pd.Timestamp:
    """The Stichtag of `days` that `value` names (a date, "31.12.2024" or a year)."""
    day = pd.Timestamp(parse_stichtag(value))
    if day not in days:
        raise ConfigError.from_key(
            "monitoring.stichtag_missing", day=_format_day(day), what=what,
            stichtage=Listed([_format_day(d) for d in days], limit=12),
        )
    return day


def select(panel: pd.DataFrame, stichtag: object) -> pd.DataFrame:
    """The rows of one Stichtag, indexed by the area key (reason columns kept).

    >>> import pandas as pd
    >>> idx = pd.MultiIndex.from_product([["a", "b"], pd.to_datetime(["2023-12-31"])],
    ...                                  names=["SR", "Stichtag"])
    >>> select(pd.DataFrame({"x": [1, 2]}, index=idx), 2023)["x"].tolist()
    [1, 2]
    """
    check_panel(panel)
    day = _find(stichtage(panel), stichtag, "panel")
    rows = panel.index.get_level_values(STICHTAG) == day
    out = panel.loc[rows].droplevel(STICHTAG)
    out.attrs = dict(panel.attrs)
    return out


def wide(panel: pd.DataFrame, column: str) -> pd.DataFrame:
    """One column of a panel as a table areas x Stichtage (columns in time order).

    Values with a reason (suppressed, secret, not delivered ...) are missing; an area
    absent on a Stichtag is missing too. Nothing is filled. Areas keep the panel's order.

    >>> import pandas as pd
    >>> idx = pd.MultiIndex.from_product([["a", "b"], pd.to_datetime(["2023-12-31",
    ...                                   "2024-12-31"])], names=["SR", "Stichtag"])
    >>> wide(pd.DataFrame({"x": [1.0, 2.0, 3.0, 5.0]}, index=idx), "x").to_numpy().tolist()
    [[1.0, 2.0], [3.0, 5.0]]
    """
    key = check_panel(panel)
    _check_column(panel, column, "panel")
    values = pd.to_numeric(panel[column]).astype("Float64").astype(float)
    values = values.where(get_reasons(panel, column).isna().to_numpy())
    out = values.unstack(STICHTAG)
    keys = panel.index.get_level_values(key).unique()  # the panel's order, not sorted
    out = out.reindex(index=keys, columns=sorted(out.columns))
    out.index.name = key
    out.columns.name = STICHTAG
    return out


def _check_column(frame: pd.DataFrame, column: str, what: str) -> None:
    if column not in frame.columns:
        raise InputError.from_key(
            "monitoring.missing_column", column=column, what=what,
            available=Listed([c for c in frame.columns if not is_reason_column(c)], limit=12),
        )
    if not pd.api.types.is_numeric_dtype(frame[column].dtype):
        raise InputError.from_key("monitoring.not_numeric", column=column, what=what,
                                  dtype=str(frame[column].dtype))


def _stack(frames: Mapping[pd.Timestamp, pd.DataFrame], key: str) -> pd.DataFrame:
    parts = []
    for day, frame in frames.items():
        f = frame.copy()
        f.index = pd.MultiIndex.from_arrays(
            [f.index, pd.DatetimeIndex([day] * len(f))], names=[key, STICHTAG]
        )
        parts.append(f)
    out = pd.concat(parts)
    for c in out.columns:
        if is_reason_column(c):
            out[c] = out[c].astype(REASON_DTYPE)
    return out


def panel_indicators(
    panel: pd.DataFrame,
    indicators,
    *,
    policy: ConfidentialityPolicy | None = None,
    smoothing: str | None = None,
    graph=None,
    population: str | None = None,
) -> pd.DataFrame:
    """Rates per Stichtag: :func:`~sozialraum.compute_indicators` on each Stichtag.

    Each Stichtag is computed on its own, so smoothing uses that Stichtag's city rate
    and neighbours, and the confidentiality rules apply per Stichtag. The result is a
    panel (area key, Stichtag) in the input's row order with one column per indicator
    and its reason columns. For published *changes* of these rates use
    :func:`~sozialraum.change`, which withholds a change wherever either Stichtag's
    rate is withheld.

    Examples
    --------
    >>> import sozialraum as sr
    >>> p = sr.read_table(sr.datasets.get_path("musterstadt_statistik.csv"), key="SR_NR",
    ...                   stichtag="all")
    >>> r = panel_indicators(p, ["SGB2_QUOTE"])
    >>> r.index.names, len(stichtage(r))
    (FrozenList(['SR_NR', 'Stichtag']), 6)
    """
    key = check_panel(panel)
    out = {}
    for day in stichtage(panel):
        counts = select(panel, day)
        out[day] = compute_indicators(counts, indicators, policy=policy, smoothing=smoothing,
                                      graph=graph, population=population)
    first = next(iter(out.values()))
    result = _stack(out, key).reindex(panel.index)  # the input's row order
    result.attrs = dict(first.attrs)
    return result


# --------------------------------------------------------------------------------------------
# confidentiality across Stichtage


@dataclass(frozen=True, repr=False)
class PanelSuppressionResult:
    """Publishable counts of every Stichtag and their changes.

    Attributes
    ----------
    years : dict
        Stichtag -> :class:`~sozialraum.indicators.SuppressionResult` of that Stichtag.
    changes : dict
        (base, to) -> {level: table of changes ``to - base``}; a change is missing
        (with the reason of the hidden cell) where either Stichtag's cell is not
        published.
    levels : tuple of str
        Level names, finest first (as in each Stichtag's result).
    policy : ConfidentialityPolicy
    n_changes_suppressed : int
        Change cells withheld because a Stichtag's cell is hidden (all levels).
    """

    years: Mapping[pd.Timestamp, SuppressionResult]
    changes: Mapping[tuple[pd.Timestamp, pd.Timestamp], Mapping[str, pd.DataFrame]]
    levels: tuple[str, ...]
    policy: ConfidentialityPolicy
    columns: tuple[str, ...]
    n_changes_suppressed: int

    @property
    def stichtage(self) -> list[pd.Timestamp]:
        return sorted(self.years)

    def to_frame(self, level: str | None = None) -> pd.DataFrame:
        """The published counts of `level` (default the finest) as a panel."""
        frames = {d: self.years[d].to_frame(level) for d in self.stichtage}
        name = self.levels[0] if level is None else level
        return _stack(frames, name).sort_index()

    def change_frame(self, base: object, to: object, level: str | None = None) -> pd.DataFrame:
        """The published changes from `base` to `to` at `level` (default the finest)."""
        pairs = list(self.changes)
        days = sorted({d for p in pairs for d in p})
        b, t = _find(days, base, "changes"), _find(days, to, "changes")
        if (b, t) not in self.changes:
            raise ConfigError.from_key(
                "monitoring.stichtag_missing", day=f"{_format_day(b)} -> {_format_day(t)}",
                what="changes",
                stichtage=Listed([f"{_format_day(x)} -> {_format_day(y)}" for x, y in pairs]),
            )
        name = self.levels[0] if level is None else level
        return self.changes[(b, t)][name].copy()

    def __repr__(self) -> str:
        n1 = sum(r.n_primary for r in self.years.values())
        n2 = sum(r.n_secondary for r in self.years.values())
        return (f"PanelSuppressionResult(stichtage={len(self.years)}, levels={self.levels}, "
                f"columns={len(self.columns)}, primary={n1}, secondary={n2}, "
                f"changes={len(self.changes)}, changes_suppressed={self.n_changes_suppressed})")


def _pairs(days: list[pd.Timestamp], changes) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    if isinstance(changes, str):
        if changes == "consecutive":
            return list(itertools.pairwise(days))
        if changes == "base":
            return [(days[0], d) for d in days[1:]]
        if changes == "all":
            return list(itertools.combinations(days, 2))
        raise ConfigError.from_key("monitoring.changes_pairs", given=repr(changes))
    try:
        pairs = [(_find(days, b, "panel"), _find(days, t, "panel")) for b, t in changes]
    except (TypeError, ValueError) as err:
        if isinstance(err, ConfigError):
            raise
        raise ConfigError.from_key("monitoring.changes_pairs", given=repr(changes)) from err
    for b, t in pairs:
        if b == t:
            raise ConfigError.from_key("monitoring.same_stichtag", day=_format_day(b))
    return pairs


def publish_change(value_base: np.ndarray, value_to: np.ndarray, hidden_base: np.ndarray,
                   hidden_to: np.ndarray) -> np.ndarray:
    """The publishable change: ``to - base`` only where neither Stichtag's cell is hidden.

    This is the cross-Stichtag rule; everything else in :func:`suppress_panel` is
    bookkeeping. A hidden cell of either Stichtag hides the change (else
    ``x_base = x_to - change`` would disclose it).
    """
    diff = np.asarray(value_to, dtype=float) - np.asarray(value_base, dtype=float)
    return np.where(np.asarray(hidden_base) | np.asarray(hidden_to), np.nan, diff)


def suppress_panel(
    panel: pd.DataFrame,
    policy: ConfidentialityPolicy | None = None,
    *,
    columns: Sequence[str] | None = None,
    hierarchy: Sequence[str] = (),
    constraints: Sequence[tuple[str, Sequence[str]]] = (),
    city_total: bool = True,
    changes: str | Sequence[tuple[object, object]] = "consecutive",
) -> PanelSuppressionResult:
    """Suppress the counts of every Stichtag and publish only safe changes between them.

    Parameters
    ----------
    panel : pandas.DataFrame
        Counts indexed by (area key, ``Stichtag``); hierarchy columns (``ST_NR`` ...)
        per row. Not modified.
    policy, columns, hierarchy, constraints, city_total
        As for :func:`~sozialraum.suppress`, applied to each Stichtag.
    changes : {"consecutive", "base", "all"} or list of (base, to)
        Which changes to publish: each Stichtag against the one before (default),
        every Stichtag against the first, every pair, or the pairs given.

    Returns
    -------
    PanelSuppressionResult
        ``.to_frame()`` the published counts as a panel, ``.change_frame(base, to)``
        the published changes (Int64 for integer counts; missing with the reason of the
        hidden cell where either Stichtag's cell is suppressed, secret or missing).

    Examples
    --------
    >>> import pandas as pd
    >>> idx = pd.MultiIndex.from_product([["01", "02", "03"], pd.to_datetime(
    ...     ["2023-12-31", "2024-12-31"])], names=["SR_NR", "Stichtag"])
    >>> p = pd.DataFrame({"X": [40, 41, 2, 9, 17, 20]}, index=idx)
    >>> pub = suppress_panel(p)
    >>> pub.change_frame(2023, 2024)["X"].tolist()  # 2 primary, 17 secondary in 2023
    [1, <NA>, <NA>]
    >>> pub.change_frame(2023, 2024)["X__reason"].tolist()[1:]
    ['suppressed', 'suppressed_secondary']
    """
    key = check_panel(panel)
    policy = ConfidentialityPolicy() if policy is None else policy
    days = stichtage(panel)
    pairs = _pairs(days, changes)
    years: dict[pd.Timestamp, SuppressionResult] = {}
    raw: dict[pd.Timestamp, SuppressionResult] = {}
    kw = dict(columns=columns, hierarchy=hierarchy, constraints=constraints,
              city_total=city_total)
    for day in days:
        counts = select(panel, day)
        years[day] = suppress(counts, policy, **kw)
        if pairs:  # the true totals of every level, for the changes of published cells
            cols = list(years[day].columns)
            raw[day] = suppress(counts, ConfidentialityPolicy.disabled(),
                                **(kw | {"columns": cols}))
    first = years[days[0]]
    out: dict = {}
    withheld = 0
    secret = {r.value for r in CONFIDENTIAL}
    for b, t in pairs:
        per_level = {}
        for level in first.levels:
            pub_b, pub_t = years[b].to_frame(level), years[t].to_frame(level)
            raw_b, raw_t = raw[b].to_frame(level), raw[t].to_frame(level)
            index = pub_b.index.union(pub_t.index, sort=False)
            table = pd.DataFrame(index=index)
            for c in first.columns:
                vb = _values(raw_b, c, index, policy)
                vt = _values(raw_t, c, index, policy)
                rb = get_reasons(pub_b, c).reindex(index)
                rt = get_reasons(pub_t, c).reindex(index)
                hb = pub_b[c].reindex(index).isna().to_numpy()
                ht = pub_t[c].reindex(index).isna().to_numpy()
                value = publish_change(vb, vt, hb, ht)
                reasons = combine_reasons(rb, rt).astype(object)
                missing = np.isnan(value) & reasons.isna().to_numpy()
                reasons[missing] = Reason.NOT_DELIVERED.value
                withheld += int(np.sum(np.isin(reasons.to_numpy(dtype=object), list(secret))))
                integer = pd.api.types.is_integer_dtype(pub_b[c].dtype)
                table[c] = (pd.array(np.where(np.isnan(value), None, value), dtype="Int64")
                            if integer else value)
                r = reasons.astype(REASON_DTYPE)
                if r.notna().any():
                    table[reason_column(c)] = r.to_numpy()
            table.index.name = level if level != first.levels[0] else key
            per_level[level] = table
        out[(b, t)] = per_level
    return PanelSuppressionResult(years=years, changes=out, levels=first.levels, policy=policy,
                                  columns=first.columns, n_changes_suppressed=withheld)


def _values(raw: pd.DataFrame, column: str, index: pd.Index,
            policy: ConfidentialityPolicy) -> np.ndarray:
    """True values on `index`, rounded as they are published (NaN where absent)."""
    v = raw[column].reindex(index).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    if policy.enabled and policy.round_to:
        v = round_half_away(v, policy.round_to)
    return v
