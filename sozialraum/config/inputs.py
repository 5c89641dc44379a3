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
from sozialraum.io.boundaries import read_boundaries
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


def read_inputs(cfg) -> Inputs:
    """Read boundaries, tables and level boundaries of `cfg`; join the tables to the areas."""

    inp = cfg.inputs
    boundaries = read_boundaries(inp.boundaries, layer=inp.layer, key=inp.key)
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
            g = read_boundaries(inp.boundaries, layer=lv.layer, key=lv.key)
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
