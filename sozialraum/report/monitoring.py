"""Private: the monitoring part of a run, ``[monitoring]`` -> the folder ``monitoring/``.

:func:`compute_monitoring` reads every table with ``stichtag="all"``, suppresses the counts
of every Stichtag with :func:`~sozialraum.suppress_panel` (the run's policy, hierarchy and
row relations), computes the rates per Stichtag from the *published* counts
(:func:`~sozialraum.panel_indicators`), the index per Stichtag (the same spec, each
Stichtag standardised on its own), the changes (:func:`~sozialraum.change`, Fisher's exact
test on the published counts), the trends (:func:`~sozialraum.trend`) and the emerging hot
spots (:func:`~sozialraum.emerging_hotspots` with the run's Inference). The write functions
are in :mod:`sozialraum.report.monitoring_write`.
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from sozialraum.autocorrelation.inference import Inference
from sozialraum.config.checking import chosen_stichtage, read_panel
from sozialraum.config.inputs import boundaries_of
from sozialraum.errors import SozialraumWarning
from sozialraum.harmonise import areal_interpolate, crosswalk
from sozialraum.index.composite import composite_index
from sozialraum.io.cells import REASON_DTYPE, get_reasons, reason_column
from sozialraum.monitoring import (
    STICHTAG,
    change,
    emerging_hotspots,
    panel_indicators,
    select,
    stichtage,
    suppress_panel,
    trend,
)
from sozialraum.monitoring.changes import CORRECTIONS
from sozialraum.report.frames import DECIMALS_RATE, DECIMALS_SCORE, _count_columns, _weights_kwargs
from sozialraum.weights import spatial_weights

#: the column name of the index in the monitoring tables and maps
INDEX = "index"


@dataclass
class MonitoringResults:
    """What :func:`compute_monitoring` produced (private scratch)."""

    stichtage: list  # the chosen Stichtage (Timestamps, in time order)
    base: pd.Timestamp
    latest: pd.Timestamp
    columns: tuple
    values: pd.DataFrame  # panel (key, Stichtag): published, rounded values + reasons
    changes: dict = field(default_factory=dict)  # (column, base, to) -> ChangeResult
    trends: dict = field(default_factory=dict)  # column -> TrendResult
    ehsa: Any = None
    ehsa_column: str | None = None
    ehsa_excluded: tuple = ()
    boundaries_missing: dict = field(default_factory=dict)  # Stichtag -> keys absent
    harmonised: bool = False  # series brought onto the current boundaries
    harmonised_from: dict = field(default_factory=dict)  # Stichtag -> layer of its boundaries
    # (key, Stichtag) -> share of the area's value estimated by areal interpolation
    interpolated: pd.Series | None = None
    n_changes_withheld: int = 0
    notes: list = field(default_factory=list)
    correction: str = "fdr"


def _quiet(notes: list, fn, *args, **kwargs):
    """Call `fn`, recording our warnings (few areas, few Stichtage) once as notes."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SozialraumWarning)
        out = fn(*args, **kwargs)
    for w in caught:
        if issubclass(w.category, SozialraumWarning):
            note = (w.category.__name__, getattr(w.message, "n", None), str(w.message).strip())
            if note not in notes:
                notes.append(note)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return out


def _published_values(cfg, rates, counts, chosen, notes) -> pd.DataFrame:
    """The panel of the monitoring columns: rounded, hidden values missing with reasons."""
    mon = cfg.monitoring
    out = pd.DataFrame(index=rates.index)
    for col in mon.columns:
        if col == INDEX:
            continue
        r = get_reasons(rates, col)
        v = pd.to_numeric(rates[col]).astype("Float64").astype(float)
        out[col] = v.where(r.isna().to_numpy()).round(DECIMALS_RATE)
        if r.notna().any():
            out[reason_column(col)] = r
    if INDEX in mon.columns and cfg.index is not None:
        score = pd.Series(np.nan, index=rates.index)
        reason = pd.Series(pd.NA, index=rates.index, dtype=object)
        pop = cfg.inputs.population
        for day in chosen:
            data = select(rates, day).join(select(counts, day)[[pop]])
            res = _quiet(notes, composite_index, data, cfg.index)
            tab = res.to_frame(details=False)
            rows = rates.index.get_level_values(STICHTAG) == day
            keys = rates.index[rows].get_level_values(0)
            score[rows] = pd.to_numeric(tab["score"]).astype(float).reindex(keys).to_numpy()
            if "score__reason" in tab.columns:
                reason[rows] = tab["score__reason"].astype(object).reindex(keys).to_numpy()
        out[INDEX] = score.round(DECIMALS_SCORE)
        if reason.notna().any():
            out[reason_column(INDEX)] = reason.astype(REASON_DTYPE)
    out.attrs = dict(rates.attrs)
    return out


def _pairs(mon, chosen, base) -> list[tuple]:
    if mon.changes == "consecutive":
        return list(itertools.pairwise(chosen))
    return [(base, d) for d in chosen if d > base]


def _round_within(values: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Whole numbers with the totals of every group of areas the crosswalk links kept.

    The targets fed by the same source areas (a split area's parts; the two sides of a
    moved boundary) form a group; within it, largest-remainder rounding keeps the group's
    sum of every count (the sources' total) exact.
    """
    new = pd.Index(values.index)
    old = pd.Index(table["old"].unique())
    link = coo_matrix((np.ones(len(table)), (old.get_indexer(table["old"]) + len(new),
                                             new.get_indexer(table["new"]))),
                      shape=(len(old) + len(new),) * 2)
    _, group = connected_components(link, directed=False)
    group = group[: len(new)]
    out = values.copy()
    for c in values.columns:
        v = values[c].to_numpy(dtype=float)
        r = np.floor(v + 1e-9)
        for g in np.unique(group[~np.isnan(v)]):
            members = np.flatnonzero((group == g) & ~np.isnan(v))
            short = int(round(v[members].sum() - r[members].sum()))
            order = members[np.argsort(-(v[members] - r[members]), kind="stable")]
            r[order[:short]] += 1
        out[c] = pd.array(np.where(np.isnan(v), np.nan, r), dtype="Float64").astype("Int64")
    return out


def _harmonise(cfg, panel, boundaries, chosen, counts_cols, missing):
    """Stichtage on an earlier Gebietsstand brought onto the current boundaries by area.

    A Stichtag whose areas are those of one of ``[monitoring].earlier_boundaries`` (all of
    its keys, and not all current ones) gets the counts of those areas shared out onto the
    current ones with :func:`~sozialraum.areal_interpolate` (by area), rounded to whole
    numbers within each group of linked areas (:func:`_round_within`), so the totals stay
    exact. Returns the panel on the current areas, the interpolated share per (key,
    Stichtag) and the layer each harmonised Stichtag came from; `missing` loses the
    Stichtage that were harmonised.
    """
    layers = cfg.monitoring.earlier_boundaries
    key = cfg.inputs.key
    current = pd.Index(boundaries.index)
    days = panel.index.get_level_values(STICHTAG)
    shares, sources, parts = {}, {}, []
    earlier = {layer: boundaries_of(cfg, layer, key) for layer in layers}
    for day in chosen:
        rows = panel[days == day]
        have = pd.Index(rows.index.get_level_values(0))
        shares[day] = pd.Series(0.0, index=current)
        match = None
        if day in missing:
            match = next((layer for layer, b in earlier.items()
                          if set(b.index) <= set(have) and not set(current) <= set(have)), None)
        if match is None:
            parts.append(rows[have.isin(current)])
            continue
        old = earlier[match]
        src = old[[old.geometry.name]].join(rows.droplevel(STICHTAG)[counts_cols])
        for c in counts_cols:
            src[c] = pd.to_numeric(src[c]).astype("Float64").astype(float)
        target = boundaries[[boundaries.geometry.name]]
        est = areal_interpolate(src, target, extensive=counts_cols)
        table = crosswalk(old, target)
        frame = _round_within(pd.DataFrame(est[counts_cols]), table)
        frame.index = pd.MultiIndex.from_arrays(
            [frame.index, pd.DatetimeIndex([day] * len(frame))], names=rows.index.names)
        parts.append(frame)
        shares[day] = est["interpolated_share"].astype(float)
        sources[day] = match
        missing.pop(day, None)
    out = pd.concat(parts)
    out.attrs = {}
    wide = pd.DataFrame(shares)
    wide.columns.name = STICHTAG
    long = wide.stack().rename("interpolated_share")
    long.index.names = [key if current.name is None else current.name, STICHTAG]
    return out, long, sources


def compute_monitoring(cfg, results) -> MonitoringResults | None:
    """The monitoring results of `cfg` (None when ``[monitoring]`` is off)."""
    mon = cfg.monitoring
    if not mon.enabled:
        return None
    inp = cfg.inputs
    panel = read_panel(cfg)
    chosen, base = chosen_stichtage(cfg, stichtage(panel))
    panel = panel[panel.index.get_level_values(STICHTAG).isin(chosen)]
    boundaries = results.inputs.boundaries
    # boundary versions: every area of the current boundaries on every Stichtag?
    missing = {}
    for day in chosen:
        have = set(panel.index[panel.index.get_level_values(STICHTAG) == day]
                   .get_level_values(0))
        absent = [k for k in boundaries.index if k not in have]
        if absent:
            missing[day] = absent
    counts_cols = [c for c in _count_columns(cfg) if c in panel.columns]
    panel, interpolated, sources = _harmonise(cfg, panel, boundaries, chosen, counts_cols,
                                              missing)
    joined = results.inputs.joined
    hierarchy = [lv.key for lv in inp.levels]
    for h in hierarchy:
        panel = panel.assign(**{h: joined[h].reindex(panel.index.get_level_values(0))
                                .astype(str).to_numpy()})
    constraints = [(t, tuple(p)) for t, p in cfg.constraints
                   if t in counts_cols and all(x in counts_cols for x in p)]
    notes: list = []
    pairs = _pairs(mon, chosen, base)
    # the counts of every Stichtag, suppressed on their own; count changes are not
    # published (changes=[]): every published change is one of rates made from these
    # published counts, withheld by change() wherever either Stichtag's rate is withheld
    sup = suppress_panel(panel[counts_cols + hierarchy], cfg.policy, columns=counts_cols,
                         hierarchy=hierarchy, constraints=constraints, changes=[])
    counts = sup.to_frame().reindex(panel.index)
    # only the indicators the series need: the columns and the index's inputs
    needed = set(mon.columns) | (set(getattr(cfg.index, "columns", ()) or ())
                                 if INDEX in mon.columns else set())
    indicators = [i for i in cfg.indicators if i.code in needed
                  and all(c in counts.columns for c in i.input_columns)]
    rates = _quiet(notes, panel_indicators, counts, indicators, policy=cfg.policy)
    values = _published_values(cfg, rates, counts, chosen, notes)
    columns = tuple(c for c in mon.columns if c in values.columns)
    hs = cfg.hotspots
    correction = hs.correction if hs.correction in CORRECTIONS else "fdr"
    out = MonitoringResults(stichtage=chosen, base=base, latest=chosen[-1], columns=columns,
                            values=values, boundaries_missing=missing, notes=notes,
                            correction=correction, harmonised=bool(sources),
                            harmonised_from=sources, interpolated=interpolated)
    by_code = {i.code: i for i in indicators}
    for col in columns:
        for b, t in pairs:
            ind = by_code.get(col)
            if ind is not None and not ind.is_rate:  # a rate from counts: tested
                ch = change(counts, ind, base=b, to=t, alpha=hs.alpha, correction=correction,
                            policy=cfg.policy)
            else:
                ch = change(values, col, base=b, to=t, alpha=hs.alpha, correction=correction,
                            policy=cfg.policy, is_index=col == INDEX)
            out.changes[(col, b, t)] = ch
            out.n_changes_withheld += int((ch.values["direction"] == "hidden").sum())
        out.trends[col] = trend(values, col, alpha=hs.alpha, correction=correction)
    if mon.ehsa and columns:
        col = INDEX if INDEX in columns else columns[0]
        table = values[col].unstack(STICHTAG)
        table = table.reindex(index=boundaries.index, columns=chosen)
        complete = table.index[table.notna().all(axis=1).to_numpy()]
        if len(complete) >= 3:
            graph = _quiet(notes, spatial_weights, boundaries.loc[complete],
                           **_weights_kwargs(cfg))
            inference = Inference(permutations=mon.permutations or hs.permutations,
                                  seed=hs.seed, alpha=hs.alpha, correction=hs.correction)
            wide_values = table.loc[complete]
            wide_values.columns = pd.DatetimeIndex(chosen, name=STICHTAG)
            out.ehsa = _quiet(notes, emerging_hotspots, wide_values, graph,
                              inference=inference)
            out.ehsa_column = col
            out.ehsa_excluded = tuple(k for k in boundaries.index if k not in set(complete))
    return out

