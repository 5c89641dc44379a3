"""Read the inputs a config names, once, and record them for provenance."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyogrio
import shapely

from sozialraum._util.files import sha256
from sozialraum.errors import ColumnError, CRSError, Listed, Phrase
from sozialraum.io.boundaries import read_boundaries
from sozialraum.io.keys import check_ags
from sozialraum.io.postgis import is_database, redact
from sozialraum.io.tables import read_table
from sozialraum.join import join_indicators


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
    out = []
    for t in cfg.inputs.tables:
        frame = read_table(
            t.path,
            key=t.key or cfg.inputs.key,
            sheet=t.sheet,
            na_values=list(t.na_values) or None,
            layout=t.layout,
            stichtag=cfg.inputs.stichtag,
        )
        out.append((t, frame))
    return out


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


def boundaries_of(cfg, layer: str | None, key: str):
    """:func:`read_boundaries` of the config's boundary file (with ``[inputs].crs``); a CRS
    error gives the config's advice (:func:`config_crs_error`)."""
    inp = cfg.inputs
    try:
        return read_boundaries(inp.boundaries, layer=layer, key=key, crs=inp.crs)
    except CRSError as exc:
        raise config_crs_error(exc) from exc


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
        overlap = [c for c in table.columns if c in joined.columns]
        if "Stichtag" in overlap:
            table = table.drop(columns="Stichtag")
        joined, report = join_indicators(joined, table)
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
    return Inputs(boundaries, joined, levels, tuple(records), tuple(reports))


# --- check ----------------------------------------------------------------------------------
