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

from sozialraum.autocorrelation.inference import Inference
from sozialraum.config.checking import chosen_stichtage, read_panel
from sozialraum.errors import SozialraumWarning
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
    harmonised: bool = False  # hook: series brought onto the current boundaries
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
    keys = panel.index.get_level_values(0)
    panel = panel[keys.isin(boundaries.index)]
    # boundary versions: every area of the current boundaries on every Stichtag?
    missing = {}
    for day in chosen:
        have = set(panel.index[panel.index.get_level_values(STICHTAG) == day]
                   .get_level_values(0))
        absent = [k for k in boundaries.index if k not in have]
        if absent:
            missing[day] = absent
    # hook: with sr.areal_interpolate on main, series on other boundaries would be brought
    # onto the current ones here (harmonised=True); until then only the same areas are used
    joined = results.inputs.joined
    hierarchy = [lv.key for lv in inp.levels]
    for h in hierarchy:
        panel = panel.assign(**{h: joined[h].reindex(panel.index.get_level_values(0))
                                .astype(str).to_numpy()})
    counts_cols = [c for c in _count_columns(cfg) if c in panel.columns]
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
                            correction=correction)
    by_code = {i.code: i for i in indicators}
    for col in columns:
        for b, t in pairs:
            ind = by_code.get(col)
            if ind is not None and not ind.is_rate:  # a rate from counts: tested
                ch = change(counts, ind, base=b, to=t, alpha=hs.alpha, correction=correction,
                            policy=cfg.policy)
            else:
                ch = change(values, col, base=b, to=t, alpha=hs.alpha, correction=correction,
                            policy=cfg.policy)
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

