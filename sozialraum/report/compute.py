"""Private: the stages of :func:`sozialraum.report.run`.

:func:`compute` runs the analysis (nothing is written), :func:`write_bundle`
writes the bundle into a (temporary) folder. Each stage calls the public API of
the earlier modules only (read_boundaries/read_table, join_indicators, suppress,
compute_indicators, composite_index, spatial_weights, local_moran/local_gstar,
plot_choropleth/plot_clusters/explore).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sozialraum._util.dates import format_stichtag
from sozialraum.autocorrelation.global_ import global_moran
from sozialraum.autocorrelation.local import local_gstar, local_moran
from sozialraum.config.checking import constraint_problems, shadow_problems
from sozialraum.config.inputs import read_inputs
from sozialraum.config.problems import _Problems
from sozialraum.errors import (
    ConfigError,
    InputError,
    Listed,
    SmallSampleWarning,
    SozialraumWarning,
)
from sozialraum.index.composite import composite_index
from sozialraum.index.need import handlungsbedarf
from sozialraum.indicators.rates import compute_indicators
from sozialraum.io.cells import (
    combine_reasons,
    get_reasons,
    is_reason_column,
    reason_column,
)
from sozialraum.report.disclosure import delivered_rates, published_levels
from sozialraum.report.frames import (
    DECIMALS_RATE,
    DECIMALS_SCORE,
    _weights_kwargs,
    hidden,
    published_frame,
)
from sozialraum.report.kommunalprofile import previous_stichtag
from sozialraum.report.monitoring import compute_monitoring
from sozialraum.report.results import LevelResult
from sozialraum.weights import spatial_weights, weights_summary


@dataclass
class Results:
    """Everything :func:`compute` produced (mutable scratch, private)."""

    inputs: Any
    suppression: Any
    levels: dict = field(default_factory=dict)  # name -> LevelResult
    city: Any = None  # one-row frame of city-wide rates
    notes: list = field(default_factory=list)
    weights_text: dict = field(default_factory=dict)  # lang -> description
    excluded_hotspots: tuple = ()
    previous_stichtag: Any = None  # the earlier Stichtag of a dynamics index (or None)
    monitoring: Any = None  # MonitoringResults ([monitoring]) or None


# --- helpers ----------------------------------------------------------------------------


def _code(ind) -> str:
    return ind.code


def _capture(notes: list, fn, *args, _areas: int | None = None, **kwargs):
    """Call `fn`; record our own warnings (e.g. few areas) as notes, re-issue all others.

    A note is ``(kind, n, message)``: `n` is the number of areas of a
    :class:`SmallSampleWarning` (its ``n``, else `_areas`, the number of areas
    passed to `fn`), so that the methods text writes its own sentence without
    reading the English message.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SozialraumWarning)
        result = fn(*args, **kwargs)
    for w in caught:
        if issubclass(w.category, SozialraumWarning):
            msg = str(w.message).strip()
            n = None
            if issubclass(w.category, SmallSampleWarning):
                n = getattr(w.message, "n", None) or _areas
            note = (w.category.__name__, n, msg)
            if msg and note not in notes:
                notes.append(note)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return result






def _previous_rates(cfg, joined: pd.DataFrame) -> tuple[object, dict]:
    """The published rates of every level on the latest earlier Stichtag of the tables.

    The earlier counts are suppressed exactly like the run's (same policy, hierarchy
    and constraints), so a change is computed from published values only. Returns
    (Stichtag, {level name: rates}).
    """
    prev = previous_stichtag(cfg)
    if prev is None:
        raise ConfigError.from_key("report.changes_no_previous",
                                   stichtag=format_stichtag(cfg.inputs.stichtag))
    day, frame = prev
    frame = frame.reindex(joined.index)
    for c in joined.columns:  # hierarchy keys and attributes come from the boundaries
        if c not in frame.columns and not is_reason_column(c) and \
                c in {cfg.inputs.municipality, *(lv.key for lv in cfg.inputs.levels)}:
            frame[c] = joined[c]
    _, _, _, _, pubs = published_levels(cfg, frame)
    return day, {name: compute_indicators(pub, list(cfg.indicators), policy=cfg.policy)
                 for name, pub in pubs.items()}


def _changes(now: pd.DataFrame, before: pd.DataFrame, codes) -> pd.DataFrame:
    """Change of every published rate (now - before); withheld where either value is,
    with that reason (else the earlier value could be recovered from the change)."""
    out = {}
    before = before.reindex(now.index)
    for c in codes:
        a = pd.to_numeric(now[c]).astype(float).where(~hidden(now, c))
        b = pd.to_numeric(before[c]).astype(float).where(~hidden(before, c))
        out[c] = a - b
        reasons = combine_reasons(get_reasons(now, c), get_reasons(before, c))
        if reasons.notna().any():
            out[reason_column(c)] = reasons
    return pd.DataFrame(out, index=now.index)


# --- compute ------------------------------------------------------------------------------


#: Control characters no output can hold (XML refuses them, C strings end at NUL).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _check_control_characters(cfg, inputs) -> None:
    """Refuse keys and names with a NUL or another control character before any work
    (the XLSX file could not hold them, GDAL cuts a text at NUL)."""
    inp = cfg.inputs
    frames = [(inp.key, inputs.joined, [inp.name, *(lv.key for lv in inp.levels)])]
    frames += [(lv.key, inputs.levels[lv.name], ["name"]) for lv in inp.levels]
    for key, frame, columns in frames:
        for column, values in [(key, frame.index), *((c, frame[c]) for c in columns
                                                     if c in frame.columns)]:
            bad = [v for v in pd.unique(np.asarray(values, dtype=object))
                   if isinstance(v, str) and _CONTROL.search(v)]
            if bad:
                raise InputError.from_key(
                    "report.control_character", column=column, values=Listed(bad)
                )


def compute(cfg, *, progress, monitoring: bool = True) -> Results:
    """Run the analysis of `cfg` (reads the inputs, writes nothing).

    With ``monitoring=False`` the years ([monitoring]) are left out (``results.monitoring``
    stays None): :func:`~sozialraum.report.run.run` computes them with
    :func:`~sozialraum.report.monitoring.compute_monitoring` while the workers already
    draw the maps of the Stichtag.
    """

    progress(1, "step.read")
    inputs = read_inputs(cfg)
    joined = inputs.joined
    inp = cfg.inputs
    _check_control_characters(cfg, inputs)

    progress(2, "step.indicators")
    # a constraint naming an unknown column would silently lose its protection: refuse it
    problems = _Problems(str(cfg.path or "<config>"))
    input_columns = {c for c in joined.columns if not is_reason_column(c)}
    constraint_problems(cfg, input_columns, problems)
    shadow_problems(cfg, input_columns, problems)
    problems.raise_if_any()
    joined, counts, counts_cols, sup, level_pubs = published_levels(cfg, joined)
    results = Results(inputs=inputs, suppression=sup)

    # level tables: (name, label, key, published counts, geometry frame)
    base_geo = inputs.boundaries
    pop = inp.population
    level_specs = [(inp.level, inp.level_label, inp.key, level_pubs[inp.level], base_geo)]
    for lv in inp.levels:
        level_specs.append((lv.name, lv.label, lv.key, level_pubs[lv.name],
                            inputs.levels[lv.name]))
    previous = _previous_rates(cfg, joined) if any(
        src.get("changes") for _, _, src in cfg.extra_indices) else None
    if previous is not None:
        results.previous_stichtag = previous[0]

    # area in km² per level: from the area column (hectares) if given, else the geometry
    areas = {}
    for name, _, key, _, geo in level_specs:
        if inp.area and inp.area in joined.columns:
            ha = pd.to_numeric(joined[inp.area]).astype(float)
            by = joined.index if key == inp.key else joined[key].astype(str)
            areas[name] = ha.groupby(by).sum() / 100.0
        else:
            areas[name] = geo.geometry.area / 1e6

    progress(3, "step.index")
    per_level = {}
    extra_results: dict = {}
    needs: dict = {}
    for name, label, key, pub, geo in level_specs:
        rates = compute_indicators(pub, list(cfg.indicators), policy=cfg.policy)
        frame_args = _reference_args(cfg, joined, pub, is_base=key == inp.key)
        index = None
        if cfg.index is not None:
            data = rates.join(pub[[inp.population]])
            index = _capture(results.notes, composite_index, data, cfg.index, **frame_args)
        extras: dict = {}
        for n, spec, source in cfg.extra_indices:
            if "from" in source:  # an overall index from the scores of earlier indices
                data = _sub_scores({"index": index, **extras}, source["from"])
                data = data.join(pub[[inp.population]])
            elif source.get("changes"):  # dynamics: changes since the previous Stichtag
                data = _changes(rates, previous[1][name], [i.code for i in cfg.indicators])
                data = data.join(pub[[inp.population]])
            else:
                data = rates.join(pub[[inp.population]])
            extras[n] = _capture(results.notes, composite_index, data, spec, **frame_args)
        per_level[name] = (label, key, pub, geo, rates, index)
        extra_results[name] = extras
        if cfg.need is not None:
            status, dyn, matrix = cfg.need
            found = {"index": index, **extras}
            needs[name] = handlungsbedarf(found[status], found[dyn], matrix)

    # city-wide rates from the summed counts (never averaged rates)
    city_counts = sup.to_frame("Stadt") if "Stadt" in getattr(sup, "levels", ()) else None
    if city_counts is None:
        summed = counts[counts_cols].sum().to_frame().T
        summed.index = pd.Index(["Stadt"], name="Stadt")
        city_counts = summed
    city_key = joined.index.to_series().map(lambda _: "Stadt").rename("Stadt")
    city_counts = delivered_rates(cfg, joined.assign(Stadt=city_key), "Stadt", city_counts, pop)
    results.city = compute_indicators(city_counts, list(cfg.indicators), policy=cfg.policy)

    progress(4, "step.weights")
    base_name = inp.level
    label, key, pub, geo, rates, index = per_level[base_name]
    hs = cfg.hotspots
    variable = _variable_series(cfg, rates, index)
    valid = variable.dropna().index
    results.excluded_hotspots = tuple(k for k in variable.index if k not in set(valid))
    w = cfg.weights
    if w.method == "knn" and isinstance(w.k, int) and w.k >= len(valid):
        # areas without a value are not tested: fewer than `sozialraum check` could know
        raise ConfigError.from_key("report.weights_k_tested", k=w.k, n=len(valid))
    wkw = _weights_kwargs(cfg)
    if inp.municipality:
        wkw["municipality"] = joined[inp.municipality].loc[valid].astype(str)
    graph = _capture(results.notes, spatial_weights, base_geo.loc[valid], **wkw)

    summary = weights_summary(graph)
    results.weights_text = {lang: summary.describe(lang) for lang in ("de", "en")}

    inference = hs.inference
    progress(5, "step.hotspots", permutations=inference.permutations)
    values = variable.loc[valid]
    lm = gs = gm = None
    if "local_moran" in hs.statistics:
        lm = _capture(
            results.notes, local_moran, values, graph, inference=inference, _areas=len(values)
        )
    if "gstar" in hs.statistics:
        gs = _capture(
            results.notes, local_gstar, values, graph, inference=inference, _areas=len(values)
        )
    # one test (no correction), for positive autocorrelation: the global defaults
    gm = _capture(
        results.notes,
        global_moran,
        values,
        graph,
        permutations=inference.permutations,
        seed=inference.seed,
    )

    progress(6, "step.levels", levels=", ".join(s[1] for s in level_specs))

    for name, (label, key, pub, geo, rates, index) in per_level.items():
        is_base = name == base_name
        frame, map_frame = published_frame(
            cfg,
            name,
            key,
            geo,
            pub,
            rates,
            index,
            areas[name],
            lm if is_base else None,
            gs if is_base else None,
            parents=[lv.key for lv in inp.levels] if is_base else [],
            base=joined if is_base else None,
            extra=extra_results[name],
            need=needs.get(name),
        )
        results.levels[name] = LevelResult(
            name=name,
            label=label,
            key=key,
            frame=frame,
            map_frame=map_frame,
            rates=rates,
            counts=pub,
            index=index,
            local_moran=lm if is_base else None,
            local_gstar=gs if is_base else None,
            global_moran=gm if is_base else None,
            graph=graph if is_base else None,
            extra_indices=extra_results[name],
            need=needs.get(name),
        )
    if monitoring:
        results.monitoring = compute_monitoring(cfg, results)  # [monitoring]: None when off
    return results


def _sub_scores(found: dict, names) -> pd.DataFrame:
    """The published scores of the named indices, with why a score is missing."""
    out = {}
    for n in names:
        res = found[n]
        out[n] = res.score
        if res.reasons.notna().any():
            out[reason_column(n)] = res.reasons
    return pd.DataFrame(out)


def _variable_series(cfg, rates, index) -> pd.Series:
    var = cfg.hotspots.variable
    if var == "index":
        if index is None:
            raise ConfigError.from_key("config.hotspots_needs_index")
        score = index.to_frame()["score"]
        return pd.to_numeric(score).astype(float).round(DECIMALS_SCORE)
    values = rates[var].where(~hidden(rates, var))
    return pd.to_numeric(values).astype(float).round(DECIMALS_RATE)


def _reference_args(cfg, joined, pub, *, is_base: bool) -> dict:
    """composite_index's frame of reference: the config's for the base level (with the
    municipality key of every area); higher levels are always compared region-wide."""
    column = cfg.inputs.municipality
    if not column:
        return {}
    if not is_base:
        return {"reference": "region"}
    mun = joined[column].astype(str).reindex(pub.index)
    return {"reference": cfg.index_reference, "municipality": mun}


