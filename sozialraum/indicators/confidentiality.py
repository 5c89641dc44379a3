"""Confidentiality (Geheimhaltung): the policy, primary and secondary suppression.

A :class:`ConfidentialityPolicy` is on by default everywhere in sozialraum:
counts of 1 and 2 are not published (0 is shown), areas under 300 inhabitants
do not enter an index, and counts may be rounded to multiples of 5.

:func:`suppress` turns a count table into the table that may be published:

1. **Primary suppression**: every cell (at every level of the hierarchy, so
   also a Stadtteil total) with ``1 <= value < min_count``.
2. **Secondary suppression**: the published totals must not reveal a
   suppressed cell. Every linear relation between published numbers is a
   *constraint group* ``total = part_1 + ... + part_k``: a parent total and its
   children (for every count column and every level: Sozialraum -> Stadtteil
   -> Stadtbezirk -> Stadt) and row relations such as ``EW = EW_M + EW_W``.
   For every group with exactly one hidden cell, the smallest other published
   cell is suppressed too (smallest positive cell first, because a hidden zero
   protects nothing: ``a + 0 = 2`` reveals ``a``), iterated to a fixed point.
   Then an exact linear-algebra audit looks for cells that are still
   determined by a *combination* of groups (the sum of several equations can
   isolate a cell although every single equation has two unknowns); for each
   such cell the smallest published cell of one of its groups is suppressed
   and the loop starts again. Last comes the attacker's audit
   (:func:`exposed_cells`): with every published cell, every equation and
   counts ``>= 0``, a linear programme bounds each hidden cell; a cell whose
   range is narrower than 1, or a small cell whose maximum stays below
   ``min_count`` (``a + b + c = 9`` over three small cells under a rule of 10),
   gets one more published cell of its groups suppressed, and the loop starts
   again. It ends when no protected cell can be narrowed that far; it is
   deterministic (ties broken by level, column order and key).

>>> import pandas as pd
>>> t = pd.DataFrame({"ST_NR": ["01", "01", "02"], "ALO": [2, 40, 17]},
...                  index=pd.Index(["0101", "0102", "0201"], name="SR_NR"))
>>> pub = suppress(t, hierarchy=["ST_NR"])
>>> pub.to_frame()["ALO"].tolist()  # 2 is primary, 40 secondary (else 42 - 40 = 2)
[<NA>, <NA>, 17]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from sozialraum._text import text
from sozialraum._util.choices import check_choice
from sozialraum.errors import (
    ColumnError,
    ConfidentialityError,
    ConfigError,
    DuplicateKeyError,
    InputError,
    Listed,
)
from sozialraum.io.cells import (
    CONFIDENTIAL,
    REASON_DTYPE,
    Reason,
    get_reasons,
    is_reason_column,
    reason_column,
)

__all__ = [
    "MUSTERSTADT_CONSTRAINTS",
    "ConfidentialityPolicy",
    "SuppressionResult",
    "determined_cells",
    "exposed_cells",
    "suppress",
]

#: Row relations (total, parts) between the demo city's count columns.
#: Other cities list their own relations the same way.
MUSTERSTADT_CONSTRAINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("EW", ("EW_M", "EW_W")),
    ("EW", ("EW_DEU", "EW_NDEU")),
    ("EW", ("EW_U6", "EW_6_14", "EW_15_17", "EW_18_64", "EW_65U")),
    ("EW", ("EW_U65", "EW_65U")),
    ("EW_U15", ("EW_U6", "EW_6_14")),
    ("EW_15_64", ("EW_15_17", "EW_18_64")),
    ("ALO", ("ALO_SGB2", "ALO_SGB3")),
)

CITY_LEVEL = "Stadt"


@dataclass(frozen=True)
class ConfidentialityPolicy:
    """The confidentiality rules applied to counts, rates and indices.

    Parameters
    ----------
    min_count : int, default 3
        Counts ``1 <= n < min_count`` are suppressed (so 1 and 2 by default);
        0 is always shown. ``min_count=1`` switches primary suppression off.
    min_population : int, default 300
        Areas with fewer inhabitants do not enter a composite index (Berlin's
        MSS and Hamburg's RISE use 300).
    round_to : int or None, default None
        Publish counts rounded to multiples of this number (e.g. 5), halves
        away from zero as the statistics offices round (25 -> 30 with 10, not
        to the even 20).
    enabled : bool, default True
        ``False`` switches every rule off (internal work tables only).

    Examples
    --------
    >>> ConfidentialityPolicy().description()[:34]
    'Geheimhaltung: Fallzahlen von 1 bi'
    >>> ConfidentialityPolicy(round_to=5).round_to
    5
    """

    min_count: int = 3
    min_population: int = 300
    round_to: int | None = None
    enabled: bool = True

    def __post_init__(self) -> None:
        for name in ("min_count", "min_population"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < (
                1 if name == "min_count" else 0
            ):
                low = 1 if name == "min_count" else 0
                raise ConfigError.from_key(
                    "conf.policy_number", name=name, low=low, given=repr(value)
                )
        if self.round_to is not None and (
            isinstance(self.round_to, bool) or not isinstance(self.round_to, (int, np.integer))
            or self.round_to < 1
        ):
            raise ConfigError.from_key("conf.policy_round_to", given=repr(self.round_to))

    @classmethod
    def disabled(cls) -> ConfidentialityPolicy:
        """A policy that suppresses nothing (for internal work tables only)."""
        return cls(enabled=False)

    def is_small(self, values: np.ndarray) -> np.ndarray:
        """Boolean mask of counts that primary suppression hides (NaN -> False)."""
        v = np.asarray(values, dtype=float)
        with np.errstate(invalid="ignore"):
            return self.enabled & (v >= 1) & (v < self.min_count)

    def description(self, lang: str = "de") -> str:
        """The policy as one sentence for map footnotes and the methods text."""
        if not self.enabled:
            return text("conf.off", lang)
        parts = []
        if self.min_count > 1:
            parts.append(text("conf.min_count", lang, max=self.min_count - 1))
        else:
            parts.append(text("conf.no_min_count", lang))
        if self.min_population > 0:
            parts.append(text("conf.min_population", lang, n=self.min_population))
        if self.round_to:
            parts.append(text("conf.round", lang, n=self.round_to))
        return text("conf.prefix", lang) + "; ".join(parts) + "."

    def __str__(self) -> str:
        return self.description()


@dataclass(frozen=True, repr=False)
class SuppressionResult:
    """The publishable tables after primary and secondary suppression.

    Attributes
    ----------
    tables : dict
        Level name -> published table (counts as Int64, suppressed cells
        missing, ``X__reason`` = ``suppressed`` / ``suppressed_secondary``).
        The finest level is named after the input's index; parents after their
        hierarchy column; the whole city is ``"Stadt"``.
    levels : tuple of str
        Level names, finest first.
    policy : ConfidentialityPolicy
    n_primary, n_secondary : int
        Number of cells suppressed by each rule (over all levels).
    constraints : tuple
        The row relations used.
    """

    tables: Mapping[str, pd.DataFrame]
    levels: tuple[str, ...]
    policy: ConfidentialityPolicy
    n_primary: int
    n_secondary: int
    constraints: tuple[tuple[str, tuple[str, ...]], ...] = ()
    columns: tuple[str, ...] = field(default=())

    def to_frame(self, level: str | None = None) -> pd.DataFrame:
        """The published table of `level` (default: the finest level)."""
        name = self.levels[0] if level is None else check_choice("level", level, self.levels)
        return self.tables[name].copy()

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}: {len(self.tables[k])}" for k in self.levels)
        return (f"SuppressionResult(levels=[{sizes}], columns={len(self.columns)}, "
                f"primary={self.n_primary}, secondary={self.n_secondary}, "
                f"policy={self.policy!r})")


# --------------------------------------------------------------------------------------------
# building the cell grid and the constraint groups


def _count_columns(
    counts: pd.DataFrame, columns: Sequence[str] | None, skip: set[str]
) -> list[str]:
    if columns is None:
        # integer columns, and float columns holding only whole numbers (counts read as
        # float must not escape suppression); decimals such as areas in ha are not counts
        out = []
        for c in counts.columns:
            if is_reason_column(c) or c in skip or pd.api.types.is_bool_dtype(counts[c].dtype):
                continue
            if pd.api.types.is_integer_dtype(counts[c].dtype):
                out.append(c)
            elif pd.api.types.is_float_dtype(counts[c].dtype):
                v = counts[c].to_numpy(dtype=float, na_value=np.nan)
                v = v[~np.isnan(v)]
                if len(v) and np.all(v == np.round(v)):
                    out.append(c)
        if not out:
            raise ColumnError.from_key("conf.no_count_columns")
        return out
    missing = [c for c in columns if c not in counts.columns]
    if missing:
        raise ColumnError.from_key(
            "conf.missing_columns", columns=Listed(missing),
            available=Listed(counts.columns, limit=12),
        )
    bad = [c for c in columns if not pd.api.types.is_numeric_dtype(counts[c].dtype)]
    if bad:
        raise InputError.from_key("conf.not_numeric", columns=Listed(bad))
    return list(columns)


class _Grid:
    """All cells of all levels, flattened, plus the constraint groups between them."""

    def __init__(self, counts, columns, hierarchy, constraints, city_total):
        self.columns = columns
        base = counts.index.name or "key"
        self.levels: list[str] = [base]
        self.frames: list[pd.DataFrame] = []
        self.reasons: list[pd.DataFrame] = []
        values = counts[columns].astype("Float64")
        reasons = pd.DataFrame({c: get_reasons(counts, c).astype(object) for c in columns},
                               index=counts.index)
        self.frames.append(values)
        self.reasons.append(reasons)
        parents: list[pd.Series] = []  # parent key per row of the previous level
        prev_keys = counts.index
        for col in hierarchy:
            if col not in counts.columns:
                raise ColumnError.from_key(
                    "conf.hierarchy_column", column=col,
                    available=Listed(counts.columns, limit=12),
                )
            key = counts[col].astype(str)
            if key.isna().any() or counts[col].isna().any():
                raise InputError.from_key(
                    "conf.hierarchy_keys_missing", column=col,
                    keys=Listed(counts.index[counts[col].isna()]),
                )
            if len(self.levels) == 1:
                parent_of_prev = key
            else:
                # nested? every previous-level unit must map to exactly one parent
                prev_col = hierarchy[len(self.levels) - 2]
                pairs = pd.DataFrame({"c": counts[prev_col].astype(str), "p": key})
                pairs = pairs.drop_duplicates()
                dup = pairs["c"][pairs["c"].duplicated()]
                if len(dup):
                    raise ConfigError.from_key(
                        "conf.hierarchy_not_nested", lower=prev_col, units=Listed(dup.unique()),
                        upper=col,
                    )
                parent_of_prev = pairs.set_index("c")["p"].reindex(prev_keys)
            parents.append(parent_of_prev)
            self.levels.append(col)
            self._add_parent_level(parent_of_prev, col)
            prev_keys = self.frames[-1].index
        if city_total:
            parent_of_prev = pd.Series(CITY_LEVEL, index=prev_keys)
            parents.append(parent_of_prev)
            self.levels.append(CITY_LEVEL)
            self._add_parent_level(parent_of_prev, CITY_LEVEL)
        # flatten
        self.offsets = []
        vals, rsn, meta = [], [], []
        off = 0
        for li, frame in enumerate(self.frames):
            self.offsets.append(off)
            arr = frame.to_numpy(dtype=float, na_value=np.nan)
            vals.append(arr.ravel())
            rsn.extend(self.reasons[li].to_numpy().ravel().tolist())
            for k in frame.index:
                for ci in range(len(columns)):
                    meta.append((li, ci, str(k)))
            off += arr.size
        self.values = np.concatenate(vals) if vals else np.zeros(0)
        self.input_reasons = rsn
        self.meta = meta
        # constraint groups: list of (cell ids, coefficients)
        self.groups: list[tuple[np.ndarray, np.ndarray]] = []
        ncol = len(columns)
        for li in range(1, len(self.frames)):
            child_keys = self.frames[li - 1].index
            parent_keys = self.frames[li].index
            ppos = {k: i for i, k in enumerate(parent_keys)}
            owner = np.array([ppos[p] for p in parents[li - 1].reindex(child_keys)])
            for pi in range(len(parent_keys)):
                kids = np.flatnonzero(owner == pi)
                for ci in range(ncol):
                    total = self.cell(li, pi, ci)
                    parts = [self.cell(li - 1, k, ci) for k in kids]
                    self._add_group(total, parts)
        colpos = {c: i for i, c in enumerate(columns)}
        for total_col, parts_cols in constraints:
            if total_col not in colpos or any(p not in colpos for p in parts_cols):
                continue  # relation not among the published columns
            for li, frame in enumerate(self.frames):
                for ri in range(len(frame.index)):
                    self._add_group(self.cell(li, ri, colpos[total_col]),
                                    [self.cell(li, ri, colpos[p]) for p in parts_cols])

    def _add_parent_level(self, parent_of_prev: pd.Series, name: str) -> None:
        child_vals = self.frames[-1]
        child_rsn = self.reasons[-1]
        grouped = child_vals.groupby(parent_of_prev.to_numpy(), sort=True)
        summed = grouped.sum(min_count=1)
        # a parent total is unknown if any child is unknown
        anyna = child_vals.isna().groupby(parent_of_prev.to_numpy(), sort=True).any()
        summed = summed.mask(anyna)
        summed.index.name = name
        rank = {r.value: i for i, r in enumerate(Reason)}
        keys = parent_of_prev.to_numpy()
        rsn = {}
        for c in child_vals.columns:
            child_r = child_rsn[c].to_numpy(dtype=object)
            child_na = child_vals[c].isna().to_numpy()
            out = []
            for p in summed.index:
                if not anyna.loc[p, c]:
                    out.append(None)
                    continue
                mine = [r for r, na, k in zip(child_r, child_na, keys, strict=True)
                        if k == p and na]
                known = [r for r in mine if isinstance(r, str)]
                out.append(min(known, key=rank.__getitem__) if known
                           else Reason.NOT_DELIVERED.value)
            rsn[c] = out
        self.frames.append(summed)
        self.reasons.append(pd.DataFrame(rsn, index=summed.index, dtype=object))

    def cell(self, level: int, row: int, col: int) -> int:
        return self.offsets[level] + row * len(self.columns) + col

    def _add_group(self, total: int, parts: list[int]) -> None:
        ids = np.array([total, *parts], dtype=int)
        coef = np.array([1.0] + [-1.0] * len(parts))
        self.groups.append((ids, coef))

    def sort_key(self, cell: int) -> tuple:
        li, ci, key = self.meta[cell]
        v = self.values[cell]
        return (v == 0, v, li, ci, key)


def _components(groups: Sequence[tuple[np.ndarray, np.ndarray]], hidden_ids: np.ndarray):
    """Connected components of the hidden cells that share an equation.

    Returns a list of ``(members, equations)``: the positions (into `hidden_ids`) of one
    component's cells and its equations as ``(group index, [(position, coef), ...])``.
    """
    pos = {int(c): i for i, c in enumerate(hidden_ids)}
    parent = list(range(len(hidden_ids)))  # union-find

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    rows = []
    for g, (ids, coef) in enumerate(groups):
        h = [(pos[int(c)], k) for c, k in zip(ids, coef, strict=True) if int(c) in pos]
        if not h:
            continue
        rows.append((g, h))
        r0 = find(h[0][0])
        for j, _ in h[1:]:
            rj = find(j)
            if rj != r0:
                parent[rj] = r0
    comp: dict[int, list[int]] = {}
    for i in range(len(hidden_ids)):
        comp.setdefault(find(i), []).append(i)
    comp_rows: dict[int, list] = {}
    for g, h in rows:
        comp_rows.setdefault(find(h[0][0]), []).append((g, h))
    return [(members, comp_rows.get(root, [])) for root, members in comp.items()]


def determined_cells(groups: Sequence[tuple[np.ndarray, np.ndarray]], hidden: np.ndarray,
                     tol: float = 1e-9) -> np.ndarray:
    """Hidden cells whose value follows from the published cells by linear algebra.

    Parameters
    ----------
    groups : sequence of (cell ids, coefficients)
        Linear equations ``sum(coef * value[ids]) = 0``.
    hidden : bool array
        Which cells are not published.

    Returns
    -------
    numpy.ndarray
        Ids of hidden cells that are uniquely determined (the unit vector of
        the cell lies in the row space of the equations restricted to the
        hidden cells). Connected components are solved separately.
    """
    hidden_ids = np.flatnonzero(hidden)
    out = []
    for members, eqs in _components(groups, hidden_ids):
        if not eqs:
            continue
        local = {m: i for i, m in enumerate(members)}
        a = np.zeros((len(eqs), len(members)))
        for r, (_g, h) in enumerate(eqs):
            for j, k in h:
                a[r, local[j]] += k
        _, s, vt = np.linalg.svd(a, full_matrices=True)
        rank = int((s > tol * max(1.0, s.max(initial=0.0))).sum())
        null = vt[rank:].T  # columns span the null space
        norms = np.sqrt((null**2).sum(axis=1)) if null.size else np.zeros(len(members))
        for m, i in local.items():
            if norms[i] < 1e-7:
                out.append(hidden_ids[m])
    return np.array(sorted(out), dtype=int)


def exposed_cells(groups: Sequence[tuple[np.ndarray, np.ndarray]], values: np.ndarray,
                  hidden: np.ndarray, protect: np.ndarray, small: np.ndarray,
                  min_count: int) -> list[int]:
    """Protected cells that a linear programme narrows too far (the attacker's audit).

    An attacker who knows every published cell, every equation and that counts are not
    negative can bound each hidden cell by linear programming (minimum and maximum over
    all tables consistent with what is published). A protected cell is exposed when its
    feasible range is narrower than 1 (its value follows, although no single combination
    of equations isolates it, as ``a + b = 0`` with ``a, b >= 0``) or, for a small
    (primary) cell, when its maximum stays below `min_count` (it is known to be small,
    as ``a + b + c = 9`` over three small cells under a rule of 10).

    Written by hand on scipy's HiGHS (``scipy.optimize.linprog``): no suppression library
    on PyPI audits a custom hierarchy of tables. At most two programmes per cell (its
    maximum, then its minimum where the maximum alone does not settle it): every
    solution is a feasible table, and every other cell that already reaches its bound in
    it needs no maximum of its own.

    A relation that the true values themselves break (a delivery whose ``EW`` is not
    ``EW_M + EW_W``) is left out: with it no table would be consistent and the programme
    would prove nothing. A programme the solver does not finish, or one without any
    solution, proves nothing either: its protected cells count as exposed. The programme
    is continuous (a relaxation of the integer tables): a range of at least 1 is checked,
    not that an integer other than the true value fits.

    Parameters
    ----------
    groups : sequence of (cell ids, coefficients)
        Linear equations ``sum(coef * value[ids]) = 0``.
    values : numpy.ndarray
        The true cell values (NaN where unknown).
    hidden, protect, small : bool arrays
        Cells not published; cells that must not be narrowed (a subset of `hidden`); the
        primary (small) cells among them.
    min_count : int
        The policy's smallest publishable count.

    Returns
    -------
    list of int
        The exposed cells' ids, sorted.
    """
    from scipy.optimize import linprog  # noqa: PLC0415 - only when a rule needs it

    groups = [(ids, coef) for ids, coef in groups if not _broken(ids, coef, values)]
    hidden_ids = np.flatnonzero(hidden)
    out: list[int] = []
    for members, eqs in _components(groups, hidden_ids):
        ids = hidden_ids[members]
        todo = [i for i, c in enumerate(ids) if protect[c]]
        if not todo or not eqs:
            continue
        rows, cols, vals, rhs = [], [], [], []
        local = {m: i for i, m in enumerate(members)}
        for r, (g, h) in enumerate(eqs):
            gids, gcoef = groups[g]
            known = ~hidden[gids]
            rhs.append(-float(np.dot(gcoef[known], values[gids[known]])))
            for j, k in h:
                rows.append(r)
                cols.append(local[j])
                vals.append(k)
        a_eq = csr_matrix((vals, (rows, cols)), shape=(len(eqs), len(members)))
        v = values[ids]
        # a small cell (1 <= v < min_count) must reach min_count, any other v + 1
        need = np.where(small[ids], float(min_count), v + 1.0)
        safe = np.zeros(len(ids), dtype=bool)

        def solve(obj, a_eq=a_eq, rhs=rhs):
            return linprog(obj, A_eq=a_eq, b_eq=rhs, bounds=(0, None), method="highs")

        for i in todo:
            if safe[i]:
                continue
            obj = np.zeros(len(ids))
            obj[i] = -1.0
            top = solve(obj)
            if top.status == 2:  # no consistent table (values unknown to us): unproved
                out.extend(int(ids[j]) for j in todo if not safe[j])
                break
            if top.status == 3:  # unbounded above: safe
                safe[i] = True
                continue
            if top.status != 0:  # the solver gave up (limits, numerics): not proved safe
                out.append(int(ids[i]))
                safe[i] = True
                continue
            safe |= top.x >= need - 1e-6  # a feasible table: who reaches its bound in it
            hi = -top.fun
            if not np.isnan(v[i]) and hi >= need[i] - 1e-6:
                continue
            if small[ids[i]] and not np.isnan(v[i]):
                out.append(int(ids[i]))  # known to be below min_count
                continue
            obj[i] = 1.0  # the range must be at least 1 wide
            low = solve(obj)
            safe[i] = True
            if low.status != 0 or hi - low.fun < 1.0 - 1e-6:
                out.append(int(ids[i]))
    return sorted(out)


def _broken(ids: np.ndarray, coef: np.ndarray, values: np.ndarray) -> bool:
    """Whether the true values break the relation (all known, and they do not add up)."""
    v = values[ids]
    if np.isnan(v).any():
        return False
    return abs(float(np.dot(coef, v))) > 1e-6 * max(1.0, float(np.abs(v).sum()))


def round_half_away(values: np.ndarray, step: int) -> np.ndarray:
    """Round to multiples of `step`, halves away from zero (25 -> 30, -25 -> -30 for 10).

    The statistics offices' rule (kaufmännisches Runden), not numpy's half to
    even; NaN stays NaN.
    """
    q = np.asarray(values, dtype=float) / step
    return np.sign(q) * np.floor(np.abs(q) + 0.5) * step


def suppress(
    counts: pd.DataFrame,
    policy: ConfidentialityPolicy | None = None,
    *,
    columns: Sequence[str] | None = None,
    hierarchy: Sequence[str] = (),
    constraints: Sequence[tuple[str, Sequence[str]]] = (),
    city_total: bool = True,
) -> SuppressionResult:
    """Apply primary and secondary suppression to a count table for publication.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts indexed by the district key; may carry ``X__reason`` columns
        (cells already secret stay secret and count as hidden).
    policy : ConfidentialityPolicy, optional
        Default ``ConfidentialityPolicy()`` (min_count 3).
    columns : list of str, optional
        Count columns to publish; default every integer column and every float
        column holding only whole numbers (so ``FLAECHE_HA`` with decimals is
        left out). Name the columns explicitly for a publication.
    hierarchy : list of str
        Columns of `counts` holding the parent key of each higher level, finest
        first (e.g. ``["ST_NR", "SB_NR"]``); the parents' totals are published too.
    constraints : list of (total, parts)
        Row relations between columns, e.g. ``[("EW", ("EW_M", "EW_W"))]``
        (:data:`MUSTERSTADT_CONSTRAINTS` for the demo city).
    city_total : bool, default True
        Whether the whole-city total is published (it usually is).

    Returns
    -------
    SuppressionResult
        ``.to_frame()`` is the published finest table, ``.to_frame("ST_NR")``
        a parent level; the input is not modified.

    Examples
    --------
    >>> import sozialraum as sr
    >>> g = sr.datasets.musterstadt(stichtag="31.12.2024")
    >>> pub = suppress(g, hierarchy=["ST_NR", "SB_NR"], constraints=MUSTERSTADT_CONSTRAINTS)
    >>> pub.levels
    ('SR_NR', 'ST_NR', 'SB_NR', 'Stadt')
    >>> pub.n_secondary > 0
    True
    """
    policy = ConfidentialityPolicy() if policy is None else policy
    if not isinstance(policy, ConfidentialityPolicy):
        raise ConfigError.from_key("conf.policy_type", given=type(policy).__name__)
    if counts.index.has_duplicates:
        raise DuplicateKeyError.from_key(
            "conf.duplicate_keys", keys=Listed(counts.index[counts.index.duplicated()].unique())
        )
    hierarchy = list(hierarchy)
    cols = _count_columns(counts, columns, set(hierarchy))
    cons = tuple((t, tuple(p)) for t, p in constraints)
    # a typo in a constraint would silently switch its protection off: refuse it
    unknown = sorted({c for t, p in cons for c in (t, *p) if c not in counts.columns})
    if unknown:
        raise ColumnError.from_key("conf.constraint_columns", columns=Listed(unknown))
    grid = _Grid(counts, cols, hierarchy, cons, city_total)
    v = grid.values
    n = len(v)
    given_secret = np.array([r in {x.value for x in CONFIDENTIAL} for r in grid.input_reasons])
    if np.any(v[~np.isnan(v)] < 0):
        bad = [grid.meta[i][2] for i in np.flatnonzero(v < 0)]
        raise InputError.from_key("conf.negative", cells=Listed(bad))
    status = np.zeros(n, dtype=np.int8)  # 0 published, 1 primary, 2 secondary, 3 hidden already
    status[np.isnan(v) | given_secret] = 3
    if policy.enabled:
        status[(status == 0) & policy.is_small(v)] = 1
        _secondary(grid, status, policy.min_count)
    # build the published tables
    tables = {}
    for li, name in enumerate(grid.levels):
        frame = grid.frames[li]
        ncell = frame.size
        st = status[grid.offsets[li]: grid.offsets[li] + ncell].reshape(frame.shape)
        vals = frame.to_numpy(dtype=float, na_value=np.nan).copy()
        vals[st > 0] = np.nan
        if policy.enabled and policy.round_to:
            vals = round_half_away(vals, policy.round_to)
        out = counts.drop(columns=[*cols, *[reason_column(c) for c in cols]],
                          errors="ignore").copy() if li == 0 else pd.DataFrame(index=frame.index)
        for ci, c in enumerate(cols):
            out[c] = pd.array(np.where(np.isnan(vals[:, ci]), None, vals[:, ci]), dtype="Int64") \
                if not pd.api.types.is_float_dtype(counts[c].dtype) else vals[:, ci]
            given = grid.reasons[li][c].to_numpy(dtype=object)
            rs = np.where(st[:, ci] == 1, Reason.SUPPRESSED.value,
                          np.where(st[:, ci] == 2, Reason.SUPPRESSED_SECONDARY.value,
                                   pd.Series(given).where(pd.notna(given), None).to_numpy()))
            rcol = pd.Series(pd.Categorical([r if isinstance(r, str) else None for r in rs],
                                            dtype=REASON_DTYPE), index=frame.index)
            if rcol.notna().any():
                out[reason_column(c)] = rcol
        out.attrs["policy"] = policy
        tables[name] = out
    return SuppressionResult(
        tables=tables, levels=tuple(grid.levels), policy=policy,
        n_primary=int((status == 1).sum()), n_secondary=int((status == 2).sum()),
        constraints=cons, columns=tuple(cols),
    )


def _secondary(grid: _Grid, status: np.ndarray, min_count: int = 1) -> None:
    """Secondary suppression in place: groups, the linear-algebra audit, the LP audit.

    A group protects its hidden cells only if they cannot be told apart from a publishable
    count: with one hidden cell it reveals the cell; with several hidden cells on the same
    side of the equation (all parts, say) it reveals their sum, and a sum ``1 <= s <
    min_count`` tells that each of them is small (``a + b = 2``: both are 0, 1 or 2), so
    one more cell is withheld.
    """
    v = grid.values
    secret = {x.value for x in CONFIDENTIAL}
    # cells that must not be derivable: ours (primary/secondary) and given secrets; a cell that
    # is merely not delivered may be derivable, it needs no protection
    given = np.array([r in secret for r in grid.input_reasons], dtype=bool)

    def protect(ids: np.ndarray, coef: np.ndarray) -> bool:
        mask = status[ids] > 0
        h = ids[mask]
        if not any(status[c] in (1, 2) or given[c] for c in h):
            return False
        if len(h) == 1:
            return True
        signs = coef[mask]
        if np.all(signs == signs[0]) and min_count > 1:  # their sum is known
            total = float(np.nansum(v[h]))
            return 1 <= total < min_count
        return False

    def pick(ids: np.ndarray) -> int | None:
        cands = [int(c) for c in ids if status[c] == 0]
        if not cands:
            return None
        return min(cands, key=grid.sort_key)

    for _ in range(len(v) + 1):
        changed = True
        while changed:
            changed = False
            for ids, coef in grid.groups:
                if protect(ids, coef):
                    c = pick(ids)
                    if c is not None:
                        status[c] = 2
                        changed = True
        hidden_mask = status > 0
        # only cells we must protect (ours or given secrets) need the audit
        must = (status == 1) | (status == 2) | given
        det = [int(c) for c in determined_cells(grid.groups, hidden_mask) if must[c]]
        if not det:
            # then the attacker's audit: bounds by linear programming with counts >= 0
            # small: ours and given secrets with a value 1 .. min_count - 1
            small = must & (v >= 1) & (v < min_count)
            det = exposed_cells(grid.groups, v, hidden_mask, must, small, min_count)
            if not det:
                return
        fixed = False
        for cell in det:
            for ids, _coef in grid.groups:
                if cell in ids:
                    c = pick(ids)
                    if c is not None:
                        status[c] = 2
                        fixed = True
                        break
            if fixed:
                break
        if not fixed:
            # every group of the determined cells is fully hidden: widen to any group that
            # touches a hidden cell and still has a published cell
            for ids, _coef in grid.groups:
                if (status[ids] > 0).any():
                    c = pick(ids)
                    if c is not None:
                        status[c] = 2
                        fixed = True
                        break
        if not fixed:  # pragma: no cover - everything is hidden, nothing left to reveal
            raise ConfidentialityError.from_key("conf.no_convergence")
