"""Private: the folder ``monitoring/`` of the bundle and the methods text on the time series.

Tables (:func:`monitoring_tables`): the series in long and wide form, the changes, the
trends and the emerging hot spots, as CSV (German, CSV-injection escaped by
:func:`~sozialraum.report.tables.write_csv`) and one XLSX with the bundle's number formats
and signs. Maps (:func:`monitoring_jobs`, run in the bundle's map pool): change maps,
small multiples with shared breaks, trend maps and the emerging hot spot map, in the
configured formats. File names come from :func:`~sozialraum._util.files.slug`.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from sozialraum._text import text
from sozialraum.io.cells import get_reasons
from sozialraum.monitoring import STICHTAG
from sozialraum.report.frames import DECIMALS_P, DECIMALS_RATE, DECIMALS_SCORE, reason_texts
from sozialraum.report.maps import (
    _map_column,
    _static,
    _Stems,
    column_label,
    column_unit,
    display_frame,
    licences,
    palette_for,
)
from sozialraum.report.monitoring import INDEX
from sozialraum.report.tables import (
    OTHER_SIGN,
    REASON_SIGNS,
    cell_signs,
    write_csv,
    write_xlsx,
)

FOLDER = "monitoring"


def _day(d) -> str:
    return pd.Timestamp(d).strftime("%d.%m.%Y")


def _label(cfg, col: str, lang: str) -> str:
    return column_label(cfg, _map_column(cfg, col), lang)


def _name_of(cfg, results) -> pd.Series:
    base = next(iter(results.levels.values()))
    if "name" in base.frame.columns:
        return base.frame["name"].astype("string")
    return pd.Series(pd.NA, index=base.frame.index, dtype="string")


def _head(col: str) -> str:
    """The column of a series in the tables: the index as ``index_wert`` (as in tabellen/)."""
    return "index_wert" if col == INDEX else col


def _decimals(col: str) -> int:
    return DECIMALS_SCORE if col == INDEX else DECIMALS_RATE


# --- tables ---------------------------------------------------------------------------------


def _interpolated(m, keys, day=None) -> np.ndarray:
    """The interpolated share of each key (on one Stichtag, or the largest over all)."""
    share = m.interpolated
    if day is not None:
        one = share[share.index.get_level_values(STICHTAG) == day].droplevel(STICHTAG)
    else:
        one = share.groupby(level=0).max()
    return one.reindex(keys).fillna(0.0).round(DECIMALS_P).to_numpy()


def long_table(cfg, results, lang: str) -> pd.DataFrame:
    """Area x Stichtag rows, one column per series (+ ``_hinweis`` where withheld)."""
    m = results.monitoring
    v = m.values
    key = v.index.names[0]
    names = _name_of(cfg, results)
    keys = v.index.get_level_values(0)
    out = pd.DataFrame(index=pd.Index(keys, name=key))
    out["name"] = names.reindex(keys).to_numpy()
    out["stichtag"] = [_day(d) for d in v.index.get_level_values(STICHTAG)]
    flat = v.reset_index(drop=True)
    for col in m.columns:
        values = flat[col].to_numpy(dtype=float)
        out[_head(col)] = values
        if np.isnan(values).any():
            out[f"{_head(col)}_hinweis"] = reason_texts(flat, col, lang).to_numpy()
    if m.harmonised:  # share of the value estimated from an earlier Gebietsstand
        share = m.interpolated.reindex(v.index).fillna(0.0)
        out["interpolated_share"] = share.round(DECIMALS_P).to_numpy()
    return out


def wide_table(cfg, results, lang: str) -> pd.DataFrame:
    """One row per area, one column per series and Stichtag (``S1_2024``)."""
    m = results.monitoring
    v = m.values
    key = v.index.names[0]
    keys = pd.Index(v.index.get_level_values(0).unique(), name=key)
    out = pd.DataFrame(index=keys)
    out["name"] = _name_of(cfg, results).reindex(keys).to_numpy()
    years = [d.year for d in m.stichtage]
    tags = [str(y) for y in years] if len(set(years)) == len(years) else [
        d.strftime("%Y%m%d") for d in m.stichtage]
    for col in m.columns:
        for day, tag in zip(m.stichtage, tags, strict=True):
            rows = v.index.get_level_values(STICHTAG) == day
            one = v[rows].droplevel(STICHTAG).reindex(keys)
            name = f"{_head(col)}_{tag}"
            values = one[col].to_numpy(dtype=float)
            out[name] = values
            if np.isnan(values).any():
                out[f"{name}_hinweis"] = reason_texts(one, col, lang).to_numpy()
    if m.harmonised:
        for day, tag in zip(m.stichtage, tags, strict=True):
            if day in m.harmonised_from:
                out[f"interpolated_share_{tag}"] = _interpolated(m, keys, day)
    return out


def _signs_by_row(frame: pd.DataFrame, reasons: pd.Series, numeric) -> pd.DataFrame:
    """Signs of the missing numbers of a row-per-result table: the row's reason's sign."""
    out = pd.DataFrame(pd.NA, index=frame.index, columns=frame.columns, dtype="object")
    for col in numeric:
        missing = frame[col].isna().to_numpy()
        for i in np.flatnonzero(missing):
            r = reasons.iloc[i]
            out.iat[i, frame.columns.get_loc(col)] = (REASON_SIGNS.get(r, OTHER_SIGN)
                                                      if isinstance(r, str) else
                                                      REASON_SIGNS["not_meaningful"])
    return out


def change_table(cfg, results, lang: str) -> tuple[pd.DataFrame, pd.Series]:
    """Every published change, long: area x series x pair; and the reason of each row."""
    m = results.monitoring
    names = _name_of(cfg, results)
    parts, reasons = [], []
    for (col, b, t), ch in m.changes.items():
        f = ch.to_frame(lang)
        d = _decimals(col)
        part = pd.DataFrame(index=f.index)
        part["name"] = names.reindex(f.index).to_numpy()
        part["merkmal"] = _head(col)
        part["basis"] = _day(b)
        part["ziel"] = _day(t)
        part["einheit"] = f.attrs.get("unit") or ""
        part["wert_basis"] = f["value_base"].round(d)
        part["wert_ziel"] = f["value_to"].round(d)
        part["veraenderung"] = f["change"].round(d)
        part["veraenderung_prozent"] = f["change_relative"].round(DECIMALS_RATE)
        part["p"] = f["p_value"].round(DECIMALS_P)
        part["p_korr"] = f["p_adjusted"].round(DECIMALS_P)
        part["ergebnis"] = f["label"].astype("string")
        if m.harmonised:  # the larger share estimated of the two Stichtage
            part["interpolated_share"] = np.maximum(_interpolated(m, f.index, b),
                                                    _interpolated(m, f.index, t))
        parts.append(part)
        reasons.append(get_reasons(ch.values, "change").astype(object))
    out = pd.concat(parts)
    out.index.name = m.values.index.names[0]
    return out, pd.concat(reasons).reset_index(drop=True)


def trend_table(cfg, results, lang: str) -> pd.DataFrame:
    m = results.monitoring
    names = _name_of(cfg, results)
    parts = []
    for col, tr in m.trends.items():
        f = tr.to_frame(lang)
        d = _decimals(col)
        part = pd.DataFrame(index=f.index)
        part["name"] = names.reindex(f.index).to_numpy()
        part["merkmal"] = _head(col)
        part["steigung_je_jahr"] = f["slope"].round(d + 1)
        part["steigung_unten"] = f["slope_low"].round(d + 1)
        part["steigung_oben"] = f["slope_high"].round(d + 1)
        part["tau"] = f["tau"].round(DECIMALS_P)
        part["p"] = f["p_value"].round(DECIMALS_P)
        part["p_korr"] = f["p_adjusted"].round(DECIMALS_P)
        part["min_p"] = f["min_p"].round(DECIMALS_P)
        part["n_stichtage"] = f["n"].astype("Int64")
        part["ergebnis"] = f["label"].astype("string")
        if m.harmonised:  # the largest share estimated on any Stichtag of the series
            part["interpolated_share"] = _interpolated(m, f.index)
        parts.append(part)
    out = pd.concat(parts)
    out.index.name = m.values.index.names[0]
    return out


def ehsa_table(cfg, results, lang: str) -> pd.DataFrame | None:
    m = results.monitoring
    if m.ehsa is None:
        return None
    f = m.ehsa.to_frame(lang)
    out = pd.DataFrame(index=f.index)
    out["name"] = _name_of(cfg, results).reindex(f.index).to_numpy()
    out["merkmal"] = _head(m.ehsa_column)
    out["muster"] = f["category"].astype("string")
    out["ergebnis"] = f["label"].astype("string")
    out["tau"] = f["tau"].round(DECIMALS_P)
    out["trend_p"] = f["trend_p_value"].round(DECIMALS_P)
    out["n_hot"] = f["n_hot"].astype("Int64")
    out["n_cold"] = f["n_cold"].astype("Int64")
    out["z_letzter"] = f["z_last"].round(DECIMALS_P)
    if m.harmonised:
        out["interpolated_share"] = _interpolated(m, f.index)
    return out


_KINDS = {"wert_basis": "rate", "wert_ziel": "rate", "veraenderung": "rate",
          "veraenderung_prozent": "rate", "p": "p", "p_korr": "p", "min_p": "p", "tau": "p",
          "trend_p": "p", "z_letzter": "p", "steigung_je_jahr": "p", "steigung_unten": "p",
          "steigung_oben": "p", "n_stichtage": "count", "n_hot": "count", "n_cold": "count",
          "interpolated_share": "p"}


def _kinds(frame: pd.DataFrame) -> dict[str, str]:
    out = {}
    for c in frame.columns:
        if c in _KINDS:
            out[c] = _KINDS[c]
        elif c.startswith("index_wert") and not c.endswith("_hinweis"):
            out[c] = "score"
        elif not pd.api.types.is_numeric_dtype(frame[c]):
            out[c] = "text"
        else:
            out[c] = "rate"
    return out


_SHEETS = {"zeitreihe_lang": "report.mon.sheet.zeitreihe_lang",
           "zeitreihe_breit": "report.mon.sheet.zeitreihe_breit",
           "veraenderung": "report.mon.sheet.veraenderung", "trend": "report.mon.sheet.trend",
           "hotspots_zeit": "report.mon.sheet.hotspots_zeit"}
_NOTES = (("stichtag", "report.mon.col.stichtag"), ("merkmal", "report.mon.col.merkmal"),
          ("basis", "report.mon.col.basis"), ("ziel", "report.mon.col.ziel"),
          ("einheit", "report.mon.col.einheit"), ("veraenderung", "report.mon.col.veraenderung"),
          ("veraenderung_prozent", "report.mon.col.veraenderung_prozent"),
          ("p", "report.mon.col.p"), ("p_korr", "report.mon.col.p_korr"),
          ("steigung_je_jahr", "report.mon.col.steigung_je_jahr"),
          ("min_p", "report.mon.col.min_p"), ("muster", "report.mon.col.muster"))


def write_monitoring_tables(cfg, results, folder: Path) -> list[Path]:
    """The CSV tables and ``monitoring.xlsx`` into `folder` (which exists)."""
    lang = cfg.language
    long = long_table(cfg, results, lang)
    wide = wide_table(cfg, results, lang)
    changes, change_reasons = change_table(cfg, results, lang)
    trends = trend_table(cfg, results, lang)
    ehsa = ehsa_table(cfg, results, lang)
    files = {"zeitreihe_lang": long, "zeitreihe_breit": wide, "veraenderung": changes,
             "trend": trends}
    if ehsa is not None:
        files["hotspots_zeit"] = ehsa
    written = []
    for stem, frame in files.items():
        path = folder / f"{stem}.csv"
        write_csv(frame, path)
        written.append(path)
    numeric = [c for c in changes.columns if c in _KINDS]
    change_signs = _signs_by_row(changes.reset_index(drop=True), change_reasons, numeric)
    change_signs.index = changes.index
    sheet = {k: text(key, lang) for k, key in _SHEETS.items() if k in files}
    sheets = {sheet[k]: f for k, f in files.items()}
    signs = {sheet[k]: cell_signs(f, lang) for k, f in files.items()}
    signs[sheet["veraenderung"]] = change_signs
    kinds: dict[str, str] = {}
    for f in files.values():
        kinds.update(_kinds(f))
    notes = [(c, text(key, lang)) for c, key in _NOTES]
    path = folder / "monitoring.xlsx"
    write_xlsx(sheets, path, notes=notes, notes_title=text("report.notes_sheet", lang),
               kinds=kinds, signs=signs, title_columns=2, lang=lang)
    written.append(path)
    return written


# --- maps -----------------------------------------------------------------------------------


#: Stichtage side by side on one A4 page (more make the legends overlap)
MAX_SHOWN = 3


def shown_stichtage(m) -> list:
    """The Stichtage of the small multiples: the base, the latest and one between (shared
    class bounds over the Stichtage shown)."""
    days = [d for d in m.stichtage if d >= m.base]
    if len(days) <= MAX_SHOWN:
        return days
    return [days[0], days[(len(days) - 1) // 2], days[-1]]


def monitoring_jobs(cfg, results, folder: Path) -> list:
    """One job per monitoring map (into `folder`, which must exist when they run)."""
    m = results.monitoring
    if m is None:
        return []
    lang = cfg.language
    inp = cfg.inputs
    base = next(iter(results.levels.values()))
    data = display_frame(base.map_frame[[c for c in ("name",) if c in base.map_frame.columns]
                                        + [base.map_frame.geometry.name]])
    texts = dict(source=inp.source or None, geometry_source=inp.geometry_source or None,
                 licence=licences(inp, lang) or None, lang=lang, layout=cfg.maps.layout)
    stems = _Stems()
    jobs = []
    # Stichtage brought onto today's boundaries, and the areas whose values are estimates
    estimated = sorted(m.harmonised_from) if m.harmonised else []
    est_keys = []
    if estimated and m.interpolated is not None:
        share = m.interpolated
        est_keys = sorted({str(k) for (k, _), v in share.items() if v > 0})

    def said(days) -> str | None:
        """The subtitle of a map that shows (or is computed from) estimated values."""
        days = [d for d in estimated if d in set(days)]
        if not days or not est_keys:
            return None
        shown = ", ".join(est_keys[:6]) + (" …" if len(est_keys) > 6 else "")
        return text("maps.mon.estimated", lang, days=", ".join(_day(d) for d in days),
                    n=len(est_keys), areas=shown)

    for col in m.columns:
        label = _label(cfg, col, lang)
        ch = m.changes.get((col, m.base, m.latest))
        if ch is not None:
            title = text("report.mon.map.change", lang, label=label, base=_day(m.base),
                         to=_day(m.latest))
            jobs.append(partial(_static, cfg, "plot_change", (data, ch),
                                dict(title=title, subtitle=said([m.base, m.latest]),
                                     column_label=label, **texts),
                                folder / stems(f"veraenderung_{_head(col)}")))
        palette = palette_for(cfg, _map_column(cfg, col))[0]
        shown = shown_stichtage(m)
        title = text("report.mon.map.series", lang, label=label, first=_day(shown[0]),
                     last=_day(shown[-1]))
        unit = column_unit(cfg, col)
        jobs.append(partial(_static, cfg, "plot_stichtage", (data, m.values, col, shown),
                            dict(scheme=cfg.maps.scheme, k=cfg.maps.k, title=title, unit=unit,
                                 palette=palette, legend_title=label,
                                 estimated=[d for d in estimated if d in set(shown)],
                                 **texts),
                            folder / stems(f"zeitreihe_{_head(col)}")))
        title = text("report.mon.map.trend", lang, label=label, first=_day(m.stichtage[0]),
                     last=_day(m.stichtage[-1]))
        jobs.append(partial(_static, cfg, "plot_trend", (data, m.trends[col]),
                            dict(title=title, subtitle=said(m.stichtage), **texts),
                            folder / stems(f"trend_{_head(col)}")))
    if m.ehsa is not None:
        title = text("report.mon.map.ehsa", lang, label=_label(cfg, m.ehsa_column, lang),
                     first=_day(m.stichtage[0]), last=_day(m.stichtage[-1]))
        jobs.append(partial(_static, cfg, "plot_emerging_hotspots", (data, m.ehsa),
                            dict(title=title, subtitle=said(m.stichtage), **texts),
                            folder / stems(f"hotspots_zeit_{_head(m.ehsa_column)}")))
    return jobs


# --- methods text and provenance ------------------------------------------------------------


def methods_lines(cfg, results, lang: str, q) -> list[str]:
    """The methods section on the time series (Markdown lines); `q` quotes data texts."""
    m = results.monitoring
    if m is None:
        return []
    lines = ["", f"## {text('methods.h.monitoring', lang)}", ""]
    pairs = text({"base": "methods.mon.pairs_base",
                  "consecutive": "methods.mon.pairs_consecutive"}[cfg.monitoring.changes], lang)
    cols = ", ".join(q(_label(cfg, c, lang)) for c in m.columns)
    lines.append(text("methods.mon.data", lang, n=len(m.stichtage),
                      days=", ".join(_day(d) for d in m.stichtage), base=_day(m.base),
                      pairs=pairs, columns=cols))
    if INDEX in m.columns:
        lines += ["", text("methods.mon.index", lang)]
    lines += ["", text("methods.mon.confidentiality", lang, n=m.n_changes_withheld)]
    described = []
    for (col, b, t), ch in m.changes.items():
        if b == m.base and t == m.latest:
            described.append("- " + q(ch.describe(lang, label=_label(cfg, col, lang))))
            counts = ch.values["direction"].value_counts()
            tr = m.trends[col].values["direction"].value_counts()
            described.append("  " + text(
                "methods.mon.counts" if ch.tested else "methods.mon.counts_untested", lang,
                label=q(_label(cfg, col, lang)), base=_day(b),
                to=_day(t), up=int(counts.get("up", 0)), down=int(counts.get("down", 0)),
                hidden=int(counts.get("hidden", 0)), t_up=int(tr.get("up", 0)),
                t_down=int(tr.get("down", 0)), too_few=int(tr.get("too_few", 0))))
    lines += ["", *described]
    if m.trends:
        lines += ["", q(next(iter(m.trends.values())).describe(lang))]
    if m.ehsa is not None:
        lines += ["", q(m.ehsa.describe(lang)) + " " + text(
            "methods.mon.ehsa_on", lang, label=q(_label(cfg, m.ehsa_column, lang)))]
        if m.ehsa_excluded:
            lines.append(text("methods.mon.ehsa_excluded", lang,
                              areas=", ".join(q(str(k)) for k in m.ehsa_excluded[:8])))
    n_areas = len(next(iter(results.levels.values())).frame)
    if m.harmonised:
        share = m.interpolated
        touched = sorted({str(k) for k in share.index[share.to_numpy() > 0].get_level_values(0)})
        lines += ["", text(
            "methods.mon.boundaries_harmonised", lang,
            days=", ".join(_day(d) for d in m.harmonised_from),
            layers=", ".join(q(x) for x in dict.fromkeys(m.harmonised_from.values())),
            n=n_areas, n_areas=len(touched), areas=", ".join(q(k) for k in touched[:8]))]
    if m.boundaries_missing:
        details = "; ".join(f"{_day(d)}: {len(k)}" for d, k in m.boundaries_missing.items())
        lines += ["", text("methods.mon.boundaries_missing", lang, n_days=len(
            m.boundaries_missing), details=details)]
    elif not m.harmonised:
        lines += ["", text("methods.mon.boundaries_same", lang, n=n_areas)]
    lines += ["", text("methods.mon.files", lang,
                       shown=", ".join(_day(d) for d in shown_stichtage(m)))]
    return lines


def provenance_block(cfg, results) -> dict | None:
    """What provenance.json records about the time series."""
    m = results.monitoring
    if m is None:
        return None
    return {
        "stichtage": [pd.Timestamp(d).date().isoformat() for d in m.stichtage],
        "base": pd.Timestamp(m.base).date().isoformat(),
        "latest": pd.Timestamp(m.latest).date().isoformat(),
        "columns": list(m.columns),
        "changes": cfg.monitoring.changes,
        "correction": m.correction,
        "standardisation": "per_stichtag",
        "boundaries": "unchanged" if not m.boundaries_missing else {
            _day(d): [str(k) for k in keys] for d, keys in m.boundaries_missing.items()},
        "harmonised": m.harmonised,
        "harmonised_from": {_day(d): layer for d, layer in m.harmonised_from.items()},
        "interpolation": "area (sozialraum.areal_interpolate, tobler)" if m.harmonised else None,
        "change_cells_withheld": int(m.n_changes_withheld),
        "ehsa": None if m.ehsa is None else {
            "column": m.ehsa_column, "inference": m.ehsa.settings.to_dict(),
            "trend_alpha": m.ehsa.trend_alpha,
            "excluded": [str(k) for k in m.ehsa_excluded]},
        "notes": [n[2] for n in m.notes],
    }

