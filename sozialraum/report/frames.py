"""The published frame of a level: rounded values, ranks, classes and reasons in words."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from sozialraum._text import text
from sozialraum.index.need import NEED_TEXT
from sozialraum.io.cells import Reason, get_reasons, reason_column


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

INDEX_COLUMN = "index_wert"
#: The word for an index's frame of reference in the tables (column <prefix>_bezug).
BEZUG_TEXTS = {"region": "report.bezug.region", "municipality": "report.bezug.municipality"}
DECIMALS_RATE = 2


DECIMALS_SCORE = 3


DECIMALS_P = 4


def _index_columns(frame, map_frame, index, prefix: str, lang: str, idx,
                   region: bool = False) -> None:
    """Add <prefix>_wert, _rang, _klasse (and _hinweis where missing) of an index result."""
    itab = index.to_frame(lang=lang, details=False).reindex(idx)
    col = f"{prefix}_wert"
    score = pd.to_numeric(itab["score"]).astype(float).round(DECIMALS_SCORE)
    frame[col] = score
    frame[f"{prefix}_rang"] = pd.to_numeric(itab["rank"]).round(0).astype("Int64")
    frame[f"{prefix}_klasse"] = itab["class"].astype("string")
    if region:  # a region of several municipalities: the frame of comparison, per row
        frame[f"{prefix}_bezug"] = pd.Series(
            text(BEZUG_TEXTS[index.reference], lang), index=idx, dtype="string")
    map_frame[col] = score
    if "score__reason" in itab.columns:
        map_frame[reason_column(col)] = itab["score__reason"]
    if score.isna().any():
        tmp = pd.DataFrame({col: score}, index=idx)
        if "score__reason" in itab.columns:
            tmp[reason_column(col)] = itab["score__reason"]
        frame[f"{prefix}_hinweis"] = reason_texts(tmp, col, lang)


#: Column of the Handlungsbedarf (gering / mittel / hoch) in the published tables.
NEED_COLUMN = "handlungsbedarf"


def published_frame(
    cfg, level, key, geo, pub, rates, index, area, lm, gs, *, parents, base, extra=None,
    need=None,
):
    """The published table of one level and the frame the maps are drawn from.

    Returns (frame, map_frame): `frame` has German reason texts (CSV/XLSX/GPKG),
    `map_frame` the same rounded values with ``__reason`` columns for the maps.
    """

    lang = cfg.language
    region = bool(getattr(cfg.inputs, "municipality", None))
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
        _index_columns(frame, map_frame, index, "index", lang, idx, region)
    for name, result in (extra or {}).items():
        _index_columns(frame, map_frame, result, name, lang, idx, region)
    if need is not None:
        frame[NEED_COLUMN] = pd.array(
            [text(NEED_TEXT[v], lang) if isinstance(v, str) else None
             for v in need.reindex(idx)], dtype="string")
        map_frame[NEED_COLUMN] = frame[NEED_COLUMN]
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


# --- helpers of the run (compute and monitoring) --------------------------------------------


def _count_columns(cfg) -> list[str]:
    cols: list[str] = []
    for ind in cfg.indicators:
        for c in (*ind.numerator_columns, *ind.denominator_columns):
            if c not in cols:
                cols.append(c)
    if cfg.inputs.population not in cols:
        cols.insert(0, cfg.inputs.population)
    return cols


def _weights_kwargs(cfg) -> dict:
    w = cfg.weights
    kwargs: dict = {"method": w.method, "islands": w.islands,
                    "cross_border": getattr(w, "cross_border", "keep")}
    if w.k is not None:
        kwargs["k"] = w.k
    if w.threshold is not None:
        kwargs["threshold"] = w.threshold
    return kwargs
