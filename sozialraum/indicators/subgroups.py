"""Subgroup tables: inhabitants by age group, sex and nationality per area, suppressed.

Every subgroup count and its margins (the area total, the parents' totals along the
hierarchy) go through :func:`~sozialraum.indicators.confidentiality.suppress` together, with
one row relation ``total = sum of the groups`` per grouping, so no published margin reveals a
suppressed cell. Shares are computed from the published counts only (a share of a suppressed
count, or of a suppressed total, is missing with the reason).

Only groupings whose counts exist are tabulated; a cross-tabulation (age x sex) needs its own
count columns (e.g. ``EW_M_U6``) and is a grouping like any other.

>>> import sozialraum as sr
>>> g = sr.datasets.musterstadt(stichtag="31.12.2024")
>>> t = subgroup_table(g, musterstadt_subgroups(), hierarchy=["ST_NR"])
>>> sorted(t.to_frame()["gruppierung"].unique())
['Alter', 'Geschlecht', 'Staatsangehörigkeit']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sozialraum._text import text
from sozialraum.errors import ColumnError, ConfigError, Listed
from sozialraum.indicators.confidentiality import (
    ConfidentialityPolicy,
    SuppressionResult,
    suppress,
)
from sozialraum.io.cells import REASON_DTYPE, Reason, get_reasons

__all__ = ["SubgroupTable", "musterstadt_subgroups", "subgroup_table"]

#: Subgroup key -> (catalogue key of its label, count column) per grouping of the demo city.
_MUSTERSTADT = {
    "sex": (("sub.male", "EW_M"), ("sub.female", "EW_W")),
    "nationality": (("sub.german", "EW_DEU"), ("sub.non_german", "EW_NDEU")),
    "age": (("sub.age_u6", "EW_U6"), ("sub.age_6_14", "EW_6_14"), ("sub.age_15_17", "EW_15_17"),
            ("sub.age_18_64", "EW_18_64"), ("sub.age_65", "EW_65U")),
}
_GROUPING = {"sex": "sub.sex", "nationality": "sub.nationality", "age": "sub.age"}


def musterstadt_subgroups(lang: str = "de") -> dict[str, dict[str, str]]:
    """The demo city's groupings: {grouping: {subgroup label: count column}}, in `lang`.

    Examples
    --------
    >>> musterstadt_subgroups("en")["Sex"]
    {'male': 'EW_M', 'female': 'EW_W'}
    """
    return {text(_GROUPING[g], lang): {text(k, lang): col for k, col in parts}
            for g, parts in _MUSTERSTADT.items()}


@dataclass(frozen=True, repr=False)
class SubgroupTable:
    """Result of :func:`subgroup_table`.

    Attributes
    ----------
    suppression : SuppressionResult
        The published counts of every level (totals and subgroups).
    groups : dict
        {grouping: {subgroup: column}} as given.
    total : str
        The total column (the denominator of the shares).
    """

    suppression: SuppressionResult
    groups: Mapping[str, Mapping[str, str]]
    total: str

    @property
    def levels(self) -> tuple[str, ...]:
        return self.suppression.levels

    def to_frame(self, level: str | None = None, lang: str = "de") -> pd.DataFrame:
        """Long table: one row per area, grouping and subgroup, plus the total row.

        Columns: the area key, ``gruppierung``, ``gruppe``, ``anzahl`` (Int64,
        missing if suppressed), ``anteil`` (percent of the area's total, from
        published counts only), ``grund`` (reason code where a value is missing).
        """
        pub = self.suppression.to_frame(level)
        key = pub.index.name or "key"
        total = pd.to_numeric(pub[self.total]).astype("Float64")
        total_reason = get_reasons(pub, self.total)
        rows = []
        for grouping, parts in self.groups.items():
            for label, col in [(text("sub.total", lang), self.total), *parts.items()]:
                n = pd.to_numeric(pub[col]).astype("Float64")
                reason = get_reasons(pub, col)
                share = (n / total * 100).where(total > 0)
                share_reason = reason.where(reason.notna(), total_reason)
                share_reason = share_reason.where(share.isna(), None)
                share_reason = share_reason.where(
                    ~(share.isna() & share_reason.isna() & (total == 0)),
                    Reason.NOT_MEANINGFUL.value)
                for k in pub.index:
                    rows.append((k, grouping, label, n[k], share[k],
                                 reason[k] if isinstance(reason[k], str) else
                                 share_reason[k] if isinstance(share_reason[k], str) else None))
        out = pd.DataFrame(rows, columns=[key, "gruppierung", "gruppe", "anzahl", "anteil",
                                          "grund"])
        out["anzahl"] = out["anzahl"].astype("Float64").round(0).astype("Int64")
        out["anteil"] = out["anteil"].astype("Float64")
        out["grund"] = pd.Categorical(out["grund"], dtype=REASON_DTYPE)
        return out

    def __repr__(self) -> str:
        return (f"SubgroupTable({len(self.groups)} groupings, total={self.total!r}, "
                f"levels={list(self.levels)}, primary={self.suppression.n_primary}, "
                f"secondary={self.suppression.n_secondary})")


def subgroup_table(
    counts: pd.DataFrame,
    groups: Mapping[str, Mapping[str, str]],
    *,
    total: str = "EW",
    policy: ConfidentialityPolicy | None = None,
    hierarchy: Sequence[str] = (),
    constraints: Sequence[tuple[str, Sequence[str]]] = (),
    suppression: SuppressionResult | None = None,
) -> SubgroupTable:
    """Counts and shares of subgroups per area with confidentiality on every cell and margin.

    Parameters
    ----------
    counts : DataFrame
        Counts indexed by the area key (e.g. :func:`sozialraum.datasets.musterstadt`).
    groups : dict
        {grouping: {subgroup label: count column}}, e.g. :func:`musterstadt_subgroups`.
        The subgroups of a grouping must add up to `total` (checked).
    total : str
        The total column (inhabitants).
    hierarchy : list of str
        Parent key columns, finest first: their totals are published and protected too.
    constraints : list of (total, parts)
        Further row relations of columns published elsewhere (e.g.
        ``MUSTERSTADT_CONSTRAINTS``), so this table and the others cannot be
        combined to reveal a cell; their columns are suppressed together.
    suppression : SuppressionResult, optional
        A suppression that already covers every column of `groups` and their relations,
        e.g. one joint suppression of everything a publication shows (the report's
        ``Results.suppression``): the table then publishes exactly its cells, so a cell
        withheld there is withheld here. Its levels replace `hierarchy`; `policy` and
        `constraints` are not used.

    Returns
    -------
    SubgroupTable
    """
    if not groups:
        raise ConfigError.from_key("sub.no_groups")
    cols = [total] + [c for parts in groups.values() for c in parts.values()]
    lacking = [c for c in dict.fromkeys(cols) if c not in counts.columns]
    if lacking:
        raise ColumnError.from_key("sub.columns", columns=Listed(lacking),
                                   available=Listed(list(counts.columns), 12))
    for grouping, parts in groups.items():
        s = counts[list(parts.values())].apply(pd.to_numeric).sum(axis=1, min_count=1)
        t = pd.to_numeric(counts[total])
        bad = counts.index[(s.notna() & t.notna() & ~np.isclose(s, t)).to_numpy()]
        if len(bad):
            raise ConfigError.from_key("sub.not_additive", grouping=grouping, total=total,
                                       keys=Listed(list(bad)))
    relations = [(total, tuple(parts.values())) for parts in groups.values()]
    relations += [(t, tuple(p)) for t, p in constraints]
    columns = list(dict.fromkeys(cols + [c for t, p in relations for c in (t, *p)]))
    if suppression is not None:
        lacking = [c for c in columns if c not in suppression.columns]
        if lacking:
            raise ColumnError.from_key("sub.columns", columns=Listed(lacking),
                                       available=Listed(list(suppression.columns), 12))
        return SubgroupTable(suppression=suppression,
                             groups={g: dict(p) for g, p in groups.items()}, total=total)
    keep = [c for c in counts.columns if c in columns or c in hierarchy
            or c.split("__")[0] in columns]
    result = suppress(counts[keep], policy, columns=columns, hierarchy=hierarchy,
                      constraints=relations)
    return SubgroupTable(suppression=result, groups={g: dict(p) for g, p in groups.items()},
                         total=total)
