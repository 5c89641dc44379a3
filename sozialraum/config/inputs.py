"""Read the inputs a config names, once, and record them for provenance."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyogrio
import pyproj
import shapely

from sozialraum._util.files import sha256
from sozialraum.errors import (
    ColumnError,
    CRSError,
    DuplicateKeyError,
    Listed,
    Phrase,
    SozialraumError,
)
from sozialraum.io.boundaries import metric_crs, read_boundaries
from sozialraum.io.cells import is_reason_column, reason_column
from sozialraum.io.keys import Phrases, check_ags, place
from sozialraum.io.postgis import is_database, redact
from sozialraum.io.report import load_report
from sozialraum.io.tables import read_table
from sozialraum.join import join_indicators, pad_key


@dataclass(frozen=True)
class InputRecord:
    """One input file as recorded in provenance.json."""

    role: str
    path: str
    sha256: str
    bytes: int
    layer: str | None
    rows: int  # features / table rows in the file (data rows, header excluded)
    rows_used: int  # rows after reading (e.g. areas after pivoting a long table)

    def to_dict(self) -> dict:
        return {
            "role": self.role,
            "path": self.path,
            "sha256": self.sha256,
            "bytes": self.bytes,
            "layer": self.layer,
            "rows": self.rows,
            "rows_used": self.rows_used,
        }


@dataclass(frozen=True)
class Inputs:
    """What :func:`read_inputs` returns."""

    boundaries: Any  # GeoDataFrame indexed by the key
    joined: Any  # GeoDataFrame: boundaries + every table column
    levels: dict  # level name -> GeoDataFrame of the level's boundaries (indexed by its key)
    records: tuple[InputRecord, ...]
    join_reports: tuple
    # per table whose rows were not all areas: (file name, what was left out)
    left_out: tuple[tuple[str, Phrases], ...] = ()


def _file_rows(path: Path, sheet: object = None) -> int:
    """Data rows in a file (header excluded): CSV lines or XLSX rows of the sheet."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook  # lazy: openpyxl only for XLSX files

        wb = load_workbook(path, read_only=True)
        try:
            if sheet is None:
                ws = wb.worksheets[0]
            elif isinstance(sheet, int):
                ws = wb.worksheets[sheet]
            else:
                ws = wb[sheet]
            return max((ws.max_row or 1) - 1, 0)
        finally:
            wb.close()
    data = path.read_bytes()
    lines = [ln for ln in data.splitlines() if ln.strip()]
    return max(len(lines) - 1, 0)


def _layer_rows(path: Path, layer: str | None, frame=None) -> int:
    if is_database(path):
        return len(frame)  # the table as read
    return int(pyogrio.read_info(path, layer=layer)["features"])


def _record(role, path: Path, layer, rows, rows_used, frame=None) -> InputRecord:
    if is_database(path):
        # a database has no file to hash: the SHA-256 of what was read (keys, attributes,
        # geometry as WKB), and the address without password
        digest = hashlib.sha256(pd.util.hash_pandas_object(
            frame.drop(columns=frame.geometry.name).astype(str), index=True).to_numpy().tobytes())
        digest.update(b"".join(shapely.to_wkb(frame.geometry.to_numpy())))
        return InputRecord(role, redact(str(path)), digest.hexdigest(), 0, layer, int(rows),
                           int(rows_used))
    return InputRecord(
        role, str(path), sha256(path), path.stat().st_size, layer, int(rows), int(rows_used)
    )


def _read_tables(cfg) -> list[tuple[Any, pd.DataFrame]]:
    return [(t, table_of(cfg, t, cfg.inputs.stichtag)) for t in cfg.inputs.tables]


def table_of(cfg, t, stichtag):
    """:func:`read_table` of the config's table entry `t` at `stichtag` (``"all"``: every
    Stichtag), keys padded to ``[inputs].key_width``."""
    try:
        frame = read_table(
            t.path, key=t.key or cfg.inputs.key, sheet=t.sheet,
            na_values=list(t.na_values) or None, layout=t.layout, stichtag=stichtag,
            sep=t.sep, encoding=t.encoding, decimal=t.decimal, thousands=t.thousands,
            text_columns=list(t.text_columns) or None, variable=t.variable, value=t.value)
    except SozialraumError as exc:
        raise config_error(exc) from exc
    return padded_keys(cfg, frame, t.path)


def padded_keys(cfg, frame, path):
    """`frame` with its all-digit keys (the index, or its first level) padded with leading
    zeros to ``[inputs].key_width``; unchanged without one. Two keys that become one (``"1"``
    and ``"01"``) raise :class:`~sozialraum.DuplicateKeyError` naming the file."""
    width = getattr(cfg.inputs, "key_width", None)
    if width is None:
        return frame
    index = frame.index
    keys = index.get_level_values(0) if isinstance(index, pd.MultiIndex) else index
    new = pd.Index([pad_key(str(k), width) for k in keys], name=keys.name, dtype="str")
    if isinstance(index, pd.MultiIndex):
        new = pd.MultiIndex.from_arrays([new, *(index.get_level_values(i)
                                                for i in range(1, index.nlevels))],
                                        names=index.names)
    if new.has_duplicates and not index.has_duplicates:
        clash = sorted({str(k) for k, d in zip(keys, new.duplicated(keep=False), strict=True)
                        if d})
        raise DuplicateKeyError.from_key("check.keys_collide_width", path=path, width=width,
                                         keys=Listed(clash))
    attrs = frame.attrs
    frame = frame.set_axis(new)
    frame.attrs = attrs
    return frame


# read_boundaries' CRS errors advise its crs= argument; a config user sets [inputs].crs
_CONFIG_CRS_KEYS = {
    "io.crs_missing": "check.crs_missing",
    "io.crs_degrees_but_metres": "check.crs_degrees_but_metres",
    "io.crs_metres_but_degrees": "check.crs_metres_but_degrees",
    "io.crs_conflict": "check.crs_conflict",
    "io.crs_geographic": "check.crs_geographic",
    "io.crs_eastings": "io.crs_eastings",  # the same text, with the fix below
}
_CONFIG_CRS_FIXES = {
    "io.crs_fix_zone_prefix": "check.crs_fix_zone_prefix",
    "io.crs_fix_gauss_krueger": "check.crs_fix_gauss_krueger",
}


#: Errors of the readers whose advice names a Python argument (``sep=...``): a config
#: user gets the config key instead (the same values, a ``cfg.`` text of the catalogue).
_CONFIG_ADVICE = {
    "io.bad_values": "cfg.io.bad_values",
    "io.csv_not_text": "cfg.io.csv_not_text",
    "io.csv_too_many_fields": "cfg.io.csv_too_many_fields",
    "io.csv_too_few_fields": "cfg.io.csv_too_few_fields",
    "io.sheet_choose": "cfg.io.sheet_choose",
    "io.sheet_position": "cfg.io.sheet_position",
    "io.layer_choose": "cfg.io.layer_choose",
    "io.layer_position": "cfg.io.layer_position",
    "io.geometry_not_polygon": "cfg.io.geometry_not_polygon",
    "io.long_columns": "cfg.io.long_columns",
    "io.missing_column": "cfg.io.missing_column",
    "io.csv_encoding": "cfg.io.csv_encoding",
    "io.decimal_mixed": "cfg.io.decimal_mixed",
    "io.decimal_ambiguous": "cfg.io.decimal_ambiguous",
}


def config_error(exc: BaseException) -> BaseException:
    """`exc` with the advice of a config file instead of Python's, where it has one (the
    CRS errors: :func:`config_crs_error`; ``sep=`` -> ``sep = ";"`` in the table's entry);
    else `exc` itself."""
    if isinstance(exc, CRSError):
        return config_crs_error(exc)
    key = _CONFIG_ADVICE.get(getattr(exc, "key", None) or "")
    if key is None or not isinstance(exc, SozialraumError):
        return exc
    values = dict(exc.values or {})
    if "argument" in values:  # the missing column's setting, as TOML
        arg = values["argument"]
        values["argument"] = f'{arg} = ["..."]' if arg == "text_columns" else f'{arg} = "..."'
    return type(exc).from_key(key, **values)


def config_crs_error(exc: BaseException) -> BaseException:
    """`exc` with the advice of a config file (``[inputs].crs``, the GIS) instead of Python's
    (``crs=``, ``gdf.set_crs``), if it is such a CRS error; else `exc` itself."""
    key = _CONFIG_CRS_KEYS.get(getattr(exc, "key", None) or "")
    if not isinstance(exc, CRSError) or key is None:
        return exc
    values = dict(exc.values or {})
    fix = values.get("fix")
    if isinstance(fix, Phrase) and fix.key in _CONFIG_CRS_FIXES:
        values["fix"] = Phrase(_CONFIG_CRS_FIXES[fix.key], **fix.values)
    return CRSError.from_key(key, **values)


def left_out_parts(report) -> Phrases | None:
    """What of a table was not read as areas (its title, totals and footnote rows), as a
    phrase for ``check`` and the methods text; None if nothing."""
    if report is None:
        return None
    parts: list[Phrase] = []
    if report.title_rows:
        parts.append(Phrase("check.left_out_titles", n=report.title_rows))
    if report.totals_rows:
        by_label: dict[str, list[str]] = {}
        for label, where in report.totals_rows:  # one per Stichtag or Merkmal in a long table
            by_label.setdefault(label, []).append(where)
        parts.append(Phrase("check.left_out_totals", rows=Phrases(
            [Phrase("check.left_out_total", label=label, where=place(places[0]))
             if len(places) == 1 else
             Phrase("check.left_out_total_many", label=label, n=len(places),
                    where=place(places[0]))
             for label, places in by_label.items()], sep="; ")))
    if report.footnote_rows:
        parts.append(Phrase("check.left_out_footnotes", n=report.footnote_rows,
                            where=place(report.footnotes_from)))
    return Phrases(parts, sep=", ") if parts else None


def join_table(joined, table):
    """Join one table of a config to the areas (and the tables joined before).

    A text column of the table that is already there (the name column of the boundaries and
    of the statistics office's table, a Bezirk name) is taken from what came first: the
    boundaries, as ``[inputs].name`` says, or an earlier table. A number column of the
    table replaces a text column of the same name in the boundaries (a GeoJSON of an
    open-data portal may carry ``EW`` as text): the statistics are the table's. The
    table's Stichtag column is dropped (the run has one Stichtag). Number columns in both
    must agree (:func:`join_indicators`); where they differ the error gives the config's
    advice. ``check`` calls this too, so that it refuses what ``run`` would.
    """
    shared = [c for c in table.columns if c in joined.columns and not is_reason_column(c)]
    numeric = pd.api.types.is_numeric_dtype
    theirs = [c for c in shared if c == "Stichtag" or not numeric(table[c].dtype)]
    if theirs:
        table = table.drop(columns=theirs + [reason_column(c) for c in theirs
                                             if reason_column(c) in table.columns])
    replaced = [c for c in shared if c not in theirs and not numeric(joined[c].dtype)]
    if replaced:
        joined = joined.drop(columns=replaced + [reason_column(c) for c in replaced
                                                 if reason_column(c) in joined.columns])
    try:
        return join_indicators(joined, table)
    except ColumnError as exc:
        if getattr(exc, "key", None) != "join.columns_differ":
            raise
        raise ColumnError.from_key("check.columns_differ", **(exc.values or {})) from exc


def _target_zone(cfg) -> bool | int:
    """The UTM zone that the areas' layer is reprojected to (when it is in degrees), so that
    every other layer of the file (levels, earlier Gebietsstände) lands in the same one;
    True (each layer's own) where it cannot be told without reading the layer."""
    inp = cfg.inputs
    if is_database(inp.boundaries):
        return True
    try:
        info = pyogrio.read_info(inp.boundaries, layer=inp.layer)
        crs = pyproj.CRS.from_user_input(info["crs"]) if info.get("crs") else None
        bounds = info.get("total_bounds")
    except Exception:  # noqa: BLE001 - the reading proper gives the message
        return True
    if crs is None or not crs.is_geographic or bounds is None:
        return True
    return metric_crs((bounds[0] + bounds[2]) / 2)


def boundaries_of(cfg, layer: str | None, key: str):
    """:func:`read_boundaries` of the config's boundary file (with ``[inputs].crs``, degrees
    reprojected, keys padded to ``[inputs].key_width``); a CRS error gives the config's
    advice (:func:`config_crs_error`)."""
    inp = cfg.inputs
    try:
        # boundaries in degrees (a GeoJSON of an open-data portal) are reprojected to
        # ETRS89 / UTM; the methods text says so
        frame = read_boundaries(inp.boundaries, layer=layer, key=key, crs=inp.crs,
                                reproject=_target_zone(cfg) if layer != inp.layer else True)
    except SozialraumError as exc:
        raise config_error(exc) from exc
    # [inputs].key_width concerns the areas' key (a level's own layer keeps its keys)
    return padded_keys(cfg, frame, inp.boundaries) if key == inp.key else frame


def _check_municipality(cfg, boundaries) -> None:
    """``[inputs] municipality``: the column exists and holds valid official keys (AGS/ARS)."""
    column = getattr(cfg.inputs, "municipality", None)
    if not column:
        return
    if column not in boundaries.columns:
        raise ColumnError.from_key(
            "config.municipality_column", path=cfg.inputs.boundaries, column=column,
            available=Listed([c for c in boundaries.columns if c != "geometry"], 12),
        )
    check_ags(boundaries[column], path=cfg.inputs.boundaries, column=column, kreis="")


def read_inputs(cfg) -> Inputs:
    """Read boundaries, tables and level boundaries of `cfg`; join the tables to the areas."""

    inp = cfg.inputs
    boundaries = boundaries_of(cfg, inp.layer, inp.key)
    records = [
        _record(
            "boundaries",
            inp.boundaries,
            inp.layer,
            _layer_rows(inp.boundaries, inp.layer, boundaries),
            len(boundaries),
            boundaries,
        )
    ]
    _check_municipality(cfg, boundaries)
    joined = boundaries
    reports = []
    left_out: list[tuple[str, Phrases]] = []
    for t, table in _read_tables(cfg):
        records.append(
            _record(
                "table",
                t.path,
                t.sheet if isinstance(t.sheet, str) else None,
                _file_rows(t.path, t.sheet),
                len(table),
            )
        )
        parts = left_out_parts(load_report(table))
        if parts is not None:
            left_out.append((Path(t.path).name, parts))
        joined, report = join_table(joined, table)
        reports.append(report)
    levels = {}
    for lv in inp.levels:
        if lv.layer:
            g = boundaries_of(cfg, lv.layer, lv.key)
            records.append(
                _record(
                    f"boundaries:{lv.name}",
                    inp.boundaries,
                    lv.layer,
                    _layer_rows(inp.boundaries, lv.layer, g),
                    len(g),
                    g,
                )
            )
        else:
            g = boundaries[[lv.key, "geometry"]].dissolve(by=lv.key)
        levels[lv.name] = g
    return Inputs(boundaries, joined, levels, tuple(records), tuple(reports), tuple(left_out))


# --- check ----------------------------------------------------------------------------------
