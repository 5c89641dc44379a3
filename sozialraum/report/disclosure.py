"""Private: one joint suppression of every count the bundle publishes.

The tables of every level (``tabellen/``, the GeoPackage, the maps), the subgroup table
(``tabellen/untergruppen.xlsx``) and the Kommunalprofile (municipality and region totals,
age groups, the pyramid's cells) share columns (``EW``, ``EW_M`` ...) and relations between
them (``EW = EW_M + EW_W``, a municipality = the sum of its Sozialräume). Suppressed one by
one, a cell withheld in one output could be published in another, or follow from another's
margins. So all of them go through **one**
:func:`~sozialraum.indicators.confidentiality.suppress`: the union of their columns, every
relation between them (the config's ``constraints`` and the subgroup margins), the hierarchy
of the run's levels (with the municipality, for the Kommunalprofile) and the region total.
Every output reads its numbers from this one result.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sozialraum.errors import ConfigError
from sozialraum.indicators.confidentiality import CITY_LEVEL, suppress
from sozialraum.indicators.rates import aggregate_rates, compute_indicators
from sozialraum.io.cells import (
    REASON_DTYPE,
    Reason,
    combine_reasons,
    get_reasons,
    is_reason_column,
    reason_column,
)
from sozialraum.report.frames import _count_columns
from sozialraum.report.subgroups import SCHEME_AGES, subgroup_scheme

__all__ = [
    "delivered_rates", "hierarchy_of", "level_numbers", "published_levels", "with_implied_counts",
]


def with_implied_counts(cfg, joined: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Add the implied counts of rates delivered with a denominator (rate / scale x den).

    They are what confidentiality checks (primary and secondary, like any count) and what
    higher levels sum; the published rate of every level is recomputed from them.
    """
    cols = []
    out = joined
    for ind in cfg.indicators:
        if ind.is_rate and ind.denominator_columns:
            implied = ind.implied_counts(joined)
            parts = [ind.rate, *ind.denominator_columns]
            reasons = combine_reasons(*[get_reasons(joined, c) for c in parts])
            out = out.assign(**{ind.implied_column: implied})
            if reasons.notna().any():
                out[reason_column(ind.implied_column)] = reasons
            cols.append(ind.implied_column)
    return out, cols


def delivered_rates(cfg, joined, level_key, pub, population) -> pd.DataFrame:
    """Put rates delivered without a denominator into a level's table.

    The finest level takes them as delivered; a higher level gets the population-weighted
    mean of its areas (:func:`~sozialraum.indicators.aggregate_rates`), or nothing (reason
    ``not_meaningful``) when no population column is named.
    """
    for ind in cfg.indicators:
        if not (ind.is_rate and not ind.denominator_columns):
            continue
        rate = pd.to_numeric(joined[ind.rate]).astype(float)
        reasons = get_reasons(joined, ind.rate)
        if level_key is None:
            pub = pub.assign(**{ind.rate: rate.reindex(pub.index)})
            if reasons.notna().any():
                pub[reason_column(ind.rate)] = reasons.reindex(pub.index)
            continue
        mapping = joined[level_key].astype(str)
        if population and population in joined.columns:
            agg = aggregate_rates(rate.rename(ind.rate), mapping, joined[population])
            pub = pub.assign(**{ind.rate: agg[ind.rate].reindex(pub.index)})
            if reason_column(ind.rate) in agg.columns:
                pub[reason_column(ind.rate)] = agg[reason_column(ind.rate)].reindex(pub.index)
        else:
            pub = pub.assign(**{ind.rate: np.nan})
            pub[reason_column(ind.rate)] = pd.Categorical(
                [Reason.NOT_MEANINGFUL.value] * len(pub), dtype=REASON_DTYPE
            )
    return pub


def hierarchy_of(cfg, joined: pd.DataFrame) -> list[str]:
    """The keys of the run's levels, finest first, with the municipality among them.

    A region's Kommunalprofile publish municipality totals, so the municipality
    (``[inputs] municipality``) is a level of the suppression even where it is not one of
    ``[[inputs.levels]]``: it goes where it nests (below the first level it lies in).
    """
    keys = [lv.key for lv in cfg.inputs.levels]
    column = getattr(cfg.inputs, "municipality", None)
    if not column or column in keys or column not in joined.columns:
        return keys
    mun = joined[column].astype(str)

    def nests(fine: pd.Series, coarse: pd.Series) -> bool:
        return bool((coarse.groupby(fine.to_numpy()).nunique() <= 1).all())

    for i in range(len(keys) + 1):
        below = all(nests(joined[k].astype(str), mun) for k in keys[:i])
        above = all(nests(mun, joined[k].astype(str)) for k in keys[i:])
        if below and above:
            return [*keys[:i], column, *keys[i:]]
    raise ConfigError.from_key("report.municipality_not_nested", column=column)


def published_levels(cfg, joined: pd.DataFrame):
    """The joint suppression of `joined`'s published counts and every level's table.

    The columns: the indicators' counts, the population, the implied counts of delivered
    rates and, where the subgroup counts exist (:func:`~sozialraum.report.subgroups.
    subgroup_scheme`), the subgroup cells, their sums and margins, and the age groups
    of the Kommunalprofile; the relations: the config's ``constraints`` among them and
    every subgroup margin.

    Returns (joined with implied counts and subgroup sums, counts, count columns,
    suppression result, {level name: published counts with delivered rates}).
    """
    inp = cfg.inputs
    counts_cols = _count_columns(cfg)
    joined, implied_cols = with_implied_counts(cfg, joined)
    counts_cols += implied_cols
    hierarchy = hierarchy_of(cfg, joined)
    relations = []
    scheme = subgroup_scheme(cfg, joined)
    if scheme is not None:
        joined, groups, relations = scheme
        sub_cols = [c for parts in groups.values() for c in parts.values()]
        sub_cols += [c for t, p in relations for c in (t, *p)]
        counts_cols = list(dict.fromkeys([*counts_cols, *sub_cols]))
    if getattr(inp, "municipality", None):  # the Kommunalprofile's age groups
        ages = [f"EW_{a}" for a in SCHEME_AGES if f"EW_{a}" in joined.columns]
        counts_cols = list(dict.fromkeys([*counts_cols, *ages]))
    constraints = [
        (total, tuple(parts))
        for total, parts in [*cfg.constraints, *relations]
        if total in counts_cols and all(p in counts_cols for p in parts)
    ]
    constraints = list(dict.fromkeys(constraints))
    keep = [
        c
        for c in joined.columns
        if c in counts_cols
        or c in hierarchy
        or (is_reason_column(c) and c[: -len("__reason")] in counts_cols)
    ]
    counts = pd.DataFrame(joined[keep])
    for c in counts_cols:
        if not pd.api.types.is_numeric_dtype(counts[c].dtype):
            counts[c] = pd.to_numeric(counts[c])
    sup = suppress(
        counts, cfg.policy, columns=counts_cols, hierarchy=hierarchy, constraints=constraints
    )
    pop = inp.population
    pubs = {inp.level: delivered_rates(cfg, joined, None, sup.to_frame(), pop)}
    for lv in inp.levels:
        pubs[lv.name] = delivered_rates(cfg, joined, lv.key, sup.to_frame(lv.key), pop)
    return joined, counts, counts_cols, sup, pubs


def level_numbers(cfg, joined: pd.DataFrame, sup, key: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(published counts, rates from them) of one level of the joint suppression `sup`.

    `key` is a level's key column, or ``"Stadt"`` for the region total; the rates are
    computed exactly as for the bundle's tables (counts summed, never rates averaged).
    """
    pub = sup.to_frame(key)
    if key == CITY_LEVEL:
        joined = joined.assign(**{CITY_LEVEL: CITY_LEVEL})
    pub = delivered_rates(cfg, joined, key, pub, cfg.inputs.population)
    return pub, compute_indicators(pub, list(cfg.indicators), policy=cfg.policy)
