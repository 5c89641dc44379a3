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
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._missing import Reason, get_reasons, is_reason_column, reason_column
from ._text import text
from .errors import SozialraumWarning

INDEX_COLUMN = "index_wert"


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


# --- helpers ----------------------------------------------------------------------------


def _code(ind) -> str:
    return ind.code


def _count_columns(cfg) -> list[str]:
    cols: list[str] = []
    for ind in cfg.indicators:
        for c in (*ind.numerator_columns, *ind.denominator_columns):
            if c not in cols:
                cols.append(c)
    if cfg.inputs.population not in cols:
        cols.insert(0, cfg.inputs.population)
    return cols


def _capture(notes: list, fn, *args, **kwargs):
    """Call `fn`; record our own warnings (e.g. few areas) as notes, re-issue all others."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SozialraumWarning)
        result = fn(*args, **kwargs)
    for w in caught:
        if issubclass(w.category, SozialraumWarning):
            msg = str(w.message).strip()
            m = re.search(r"on only (\d+) areas", msg)
            note = (w.category.__name__, int(m.group(1)) if m else None, msg)
            if msg and note not in notes:
                notes.append(note)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return result


def reason_texts(frame: pd.DataFrame, column: str, lang: str) -> pd.Series:
    """German (or English) text of the reason of every hidden value of `column`."""
    reasons = get_reasons(frame, column).astype(object)
    values = frame[column] if column in frame.columns else pd.Series(np.nan, index=frame.index)
    out = pd.Series(pd.NA, index=frame.index, dtype="string")
    for key in frame.index:
        r = reasons.get(key)
        if isinstance(r, str) and r != Reason.TRUE_ZERO.value:
            out[key] = text(f"reason.{r}", lang)
        elif pd.isna(values.get(key)):
            out[key] = text("reason.not_delivered", lang)
    return out


def hidden(frame: pd.DataFrame, column: str) -> pd.Series:
    """True where `column` must not be shown (missing, or a reason other than true zero)."""
    reasons = get_reasons(frame, column).astype(object)
    has_reason = reasons.notna() & (reasons != Reason.TRUE_ZERO.value)
    return has_reason | frame[column].isna()


# --- compute ------------------------------------------------------------------------------


def compute(cfg, *, progress) -> Results:
    """Run the analysis of `cfg` (reads the inputs, writes nothing)."""
    import sozialraum as sr

    from ._checks import read_inputs
    from .confidentiality import suppress

    progress(1, "step.read")
    inputs = read_inputs(cfg)
    joined = inputs.joined
    inp = cfg.inputs

    progress(2, "step.indicators")
    counts_cols = _count_columns(cfg)
    hierarchy = [lv.key for lv in inp.levels]
    constraints = [
        (total, tuple(parts))
        for total, parts in cfg.constraints
        if total in counts_cols and all(p in counts_cols for p in parts)
    ]
    keep = [
        c
        for c in joined.columns
        if c in counts_cols
        or c in hierarchy
        or (is_reason_column(c) and c[: -len("__reason")] in counts_cols)
    ]
    counts = pd.DataFrame(joined[keep])
    sup = suppress(
        counts, cfg.policy, columns=counts_cols, hierarchy=hierarchy, constraints=constraints
    )
    results = Results(inputs=inputs, suppression=sup)

    # level tables: (name, label, key, published counts, geometry frame)
    base_geo = inputs.boundaries
    level_specs = [(inp.level, inp.level_label, inp.key, sup.to_frame(), base_geo)]
    for lv in inp.levels:
        level_specs.append(
            (lv.name, lv.label, lv.key, sup.to_frame(lv.key), inputs.levels[lv.name])
        )

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
    for name, label, key, pub, geo in level_specs:
        rates = sr.compute_indicators(pub, list(cfg.indicators), policy=cfg.policy)
        index = None
        if cfg.index is not None:
            data = rates.join(pub[[inp.population]])
            index = _capture(results.notes, sr.composite_index, data, cfg.index)
        extras = {
            n: _capture(results.notes, sr.composite_index, rates.join(pub[[inp.population]]), spec)
            for n, spec, _ in cfg.extra_indices
        }
        per_level[name] = (label, key, pub, geo, rates, index)
        extra_results[name] = extras

    # city-wide rates from the summed counts (never averaged rates)
    city_counts = sup.to_frame("Stadt") if "Stadt" in getattr(sup, "levels", ()) else None
    if city_counts is None:
        summed = counts[counts_cols].sum().to_frame().T
        summed.index = pd.Index(["Stadt"], name="Stadt")
        city_counts = summed
    results.city = sr.compute_indicators(city_counts, list(cfg.indicators), policy=cfg.policy)

    progress(4, "step.weights")
    base_name = inp.level
    label, key, pub, geo, rates, index = per_level[base_name]
    hs = cfg.hotspots
    variable = _variable_series(cfg, rates, index)
    valid = variable.dropna().index
    results.excluded_hotspots = tuple(k for k in variable.index if k not in set(valid))
    graph = _capture(results.notes, sr.spatial_weights, base_geo.loc[valid], **_weights_kwargs(cfg))
    from .weights import weights_summary

    summary = weights_summary(graph)
    results.weights_text = {lang: summary.describe(lang) for lang in ("de", "en")}

    progress(5, "step.hotspots", permutations=hs.permutations)
    values = variable.loc[valid]
    lm = gs = gm = None
    if "local_moran" in hs.statistics:
        lm = _capture(
            results.notes,
            sr.local_moran,
            values,
            graph,
            permutations=hs.permutations,
            seed=hs.seed,
            correction=hs.correction,
            alpha=hs.alpha,
        )
    if "gstar" in hs.statistics:
        gs = _capture(
            results.notes,
            sr.local_gstar,
            values,
            graph,
            permutations=hs.permutations,
            seed=hs.seed,
            correction=hs.correction,
            alpha=hs.alpha,
        )
    gm = _capture(
        results.notes, sr.global_moran, values, graph, permutations=hs.permutations, seed=hs.seed
    )

    progress(6, "step.levels", levels=", ".join(s[1] for s in level_specs))
    from .report import LevelResult

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
        )
    return results


def _variable_series(cfg, rates, index) -> pd.Series:
    var = cfg.hotspots.variable
    if var == "index":
        if index is None:
            from .errors import ConfigError

            raise ConfigError("[hotspots].variable = 'index' needs an [index] section.")
        score = index.to_frame()["score"]
        return pd.to_numeric(score).astype(float).round(DECIMALS_SCORE)
    values = rates[var].where(~hidden(rates, var))
    return pd.to_numeric(values).astype(float).round(DECIMALS_RATE)


def _weights_kwargs(cfg) -> dict:
    w = cfg.weights
    kwargs: dict = {"method": w.method, "islands": w.islands}
    if w.k is not None:
        kwargs["k"] = w.k
    if w.threshold is not None:
        kwargs["threshold"] = w.threshold
    return kwargs


DECIMALS_RATE = 2
DECIMALS_SCORE = 3
DECIMALS_P = 4


def _index_columns(frame, map_frame, index, prefix: str, lang: str, idx) -> None:
    """Add <prefix>_wert, _rang, _klasse (and _hinweis where missing) of an index result."""
    itab = index.to_frame(lang=lang, details=False).reindex(idx)
    col = f"{prefix}_wert"
    score = pd.to_numeric(itab["score"]).astype(float).round(DECIMALS_SCORE)
    frame[col] = score
    frame[f"{prefix}_rang"] = pd.to_numeric(itab["rank"]).round(0).astype("Int64")
    frame[f"{prefix}_klasse"] = itab["class"].astype("string")
    map_frame[col] = score
    if "score__reason" in itab.columns:
        map_frame[reason_column(col)] = itab["score__reason"]
    if score.isna().any():
        tmp = pd.DataFrame({col: score}, index=idx)
        if "score__reason" in itab.columns:
            tmp[reason_column(col)] = itab["score__reason"]
        frame[f"{prefix}_hinweis"] = reason_texts(tmp, col, lang)


def published_frame(
    cfg, level, key, geo, pub, rates, index, area, lm, gs, *, parents, base, extra=None
):
    """The published table of one level and the frame the maps are drawn from.

    Returns (frame, map_frame): `frame` has German reason texts (CSV/XLSX/GPKG),
    `map_frame` the same rounded values with ``__reason`` columns for the maps.
    """
    import geopandas as gpd

    lang = cfg.language
    idx = geo.index
    frame = pd.DataFrame(index=idx.copy())
    frame.index.name = key
    name_col = cfg.inputs.name
    if name_col and name_col in geo.columns:
        frame["name"] = geo[name_col].astype("string")
    for p in parents:
        if base is not None and p in base.columns and p != key:
            frame[p] = base[p].reindex(idx).astype("string")
    pop = cfg.inputs.population
    ew = pd.to_numeric(pub[pop].reindex(idx)).astype("Float64")
    ew = ew.where(~hidden(pub.reindex(idx), pop))
    frame["einwohner"] = ew.round(0).astype("Int64")
    frame["flaeche_km2"] = pd.to_numeric(area.reindex(idx)).astype(float).round(2)
    map_frame = pd.DataFrame(index=idx.copy())
    for ind in cfg.indicators:
        c = ind.code
        r = rates.reindex(idx)
        values = pd.to_numeric(r[c]).astype(float).where(~hidden(r, c)).round(DECIMALS_RATE)
        frame[c] = values
        map_frame[c] = values
        rc = reason_column(c)
        if rc in r.columns and r[rc].notna().any():
            map_frame[rc] = r[rc]
        if values.isna().any():
            frame[f"{c}_hinweis"] = reason_texts(r.assign(**{c: values}), c, lang)
    if index is not None:
        _index_columns(frame, map_frame, index, "index", lang, idx)
    for name, result in (extra or {}).items():
        _index_columns(frame, map_frame, result, name, lang, idx)
    for prefix, res, stat in (("lisa", lm, "statistic"), ("gi", gs, "z_score")):
        if res is None:
            continue
        t = res.to_frame(lang=lang).reindex(idx)
        frame[f"{prefix}_cluster"] = t["cluster"].astype("string")
        frame[f"{prefix}_text"] = t["label"].astype("string")
        if stat == "statistic":
            frame["lisa_I"] = pd.to_numeric(t["statistic"]).astype(float).round(DECIMALS_P)
        else:
            frame["gi_z"] = pd.to_numeric(t["z_score"]).astype(float).round(DECIMALS_P)
        frame[f"{prefix}_p"] = pd.to_numeric(t["p_value"]).astype(float).round(DECIMALS_P)
        if "p_adjusted" in t.columns:
            frame[f"{prefix}_p_korr"] = (
                pd.to_numeric(t["p_adjusted"]).astype(float).round(DECIMALS_P)
            )
        missing = frame[f"{prefix}_cluster"].isna()
        if missing.any() and INDEX_COLUMN in frame.columns:
            # areas without a value were not tested: say why (the index's reason)
            why = frame.get("index_hinweis", pd.Series(pd.NA, index=idx, dtype="string"))
            frame.loc[missing, f"{prefix}_text"] = why[missing]
        map_frame[f"{prefix}_cluster"] = frame[f"{prefix}_cluster"]
    geometry = geo.geometry.reindex(idx)
    if name_col and name_col in geo.columns:
        map_frame.insert(0, "name", geo[name_col].astype("string"))
    out = gpd.GeoDataFrame(frame, geometry=geometry.values, crs=geo.crs)
    mf = gpd.GeoDataFrame(map_frame, geometry=geometry.values, crs=geo.crs)
    mf.index.name = key
    return out, mf


# --- writing ------------------------------------------------------------------------------


def write_bundle(cfg, results: Results, folder: Path, *, progress):
    """Write maps, GeoPackage, tables, profiles, methods texts and provenance into `folder`."""
    from . import _methods, _profiles, _provenance
    from ._bundle_maps import write_maps
    from ._export import column_notes, write_csv, write_gpkg, write_xlsx
    from .report import Bundle

    folder = Path(folder)
    lang = cfg.language
    progress(7, "step.maps")
    write_maps(cfg, results, folder / "karten")

    progress(8, "step.gpkg")
    (folder / "geodaten").mkdir()
    gpkg = folder / "geodaten" / "ergebnisse.gpkg"
    from ._bundle_maps import layer_styles

    for name, lv in results.levels.items():
        write_gpkg(lv.frame, gpkg, layer=name, styles=layer_styles(cfg, lv))

    progress(9, "step.tables")
    (folder / "tabellen").mkdir()
    sheets = {}
    for name, lv in results.levels.items():
        table = lv.frame.drop(columns="geometry")
        write_csv(table, folder / "tabellen" / f"{name}.csv")
        sheets[lv.label] = table
    write_xlsx(
        sheets,
        folder / "tabellen" / "ergebnisse.xlsx",
        notes=column_notes(cfg, results, lang),
        notes_title=text("report.notes_sheet", lang),
    )

    findings = {lg: _methods.findings(cfg, results, lg) for lg in ("de", "en")}
    progress(10, "step.profiles")
    _profiles.write_profiles(cfg, results, folder / "profile")

    progress(11, "step.methods")
    (folder / "methodik.md").write_text(
        _methods.methods_markdown(cfg, results, "de", findings["de"]), encoding="utf-8"
    )
    (folder / "methods.md").write_text(
        _methods.methods_markdown(cfg, results, "en", findings["en"]), encoding="utf-8"
    )

    progress(12, "step.provenance")
    provenance = _provenance.write_provenance(cfg, results, folder)
    files = tuple(
        sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    )
    return Bundle(
        path=folder,
        config=cfg,
        levels=dict(results.levels),
        files=files,
        figures=tuple(sorted(f for f in files if f.startswith("karten/"))),
        findings=tuple(findings["de"]),
        findings_en=tuple(findings["en"]),
        notes=tuple(dict.fromkeys(_methods.note_text(n, lang) for n in results.notes)),
        suppression=results.suppression,
        provenance=provenance,
    )
