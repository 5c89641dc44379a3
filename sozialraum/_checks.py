"""Private: read a config's inputs, record them for provenance, and check them.

:func:`read_inputs` is the first stage of :func:`sozialraum.report.run`;
:func:`check_inputs` is ``sozialraum check``: it runs the same reading code but
collects every problem (missing layer, missing columns, keys that do not join,
indicator columns absent from the tables) into one ConfigError, and writes
nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ._missing import is_reason_column
from .errors import SozialraumError, format_values

__all__ = ["InputRecord", "Inputs", "check_inputs", "read_inputs", "sha256"]


def sha256(path: str | Path) -> str:
    """SHA-256 hex digest of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


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
        from openpyxl import load_workbook

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


def _layer_rows(path: Path, layer: str | None) -> int:
    import pyogrio

    return int(pyogrio.read_info(path, layer=layer)["features"])


def _record(role, path: Path, layer, rows, rows_used) -> InputRecord:
    return InputRecord(
        role, str(path), sha256(path), path.stat().st_size, layer, int(rows), int(rows_used)
    )


def _read_tables(cfg) -> list[tuple[Any, pd.DataFrame]]:
    from .io import read_table

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
    from .io import read_boundaries
    from .join import join_indicators

    inp = cfg.inputs
    boundaries = read_boundaries(inp.boundaries, layer=inp.layer, key=inp.key)
    records = [
        _record(
            "boundaries",
            inp.boundaries,
            inp.layer,
            _layer_rows(inp.boundaries, inp.layer),
            len(boundaries),
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
                    _layer_rows(inp.boundaries, lv.layer),
                    len(g),
                )
            )
        else:
            g = boundaries[[lv.key, "geometry"]].dissolve(by=lv.key)
        levels[lv.name] = g
    return Inputs(boundaries, joined, levels, tuple(records), tuple(reports))


# --- check ----------------------------------------------------------------------------------


def _indicator_columns(indicator: Any) -> list[str]:
    cols: list[str] = []
    for attr in ("numerator", "denominator"):
        value = getattr(indicator, attr, None)
        if isinstance(value, str):
            cols.append(value)
        elif isinstance(value, (list, tuple)):
            cols.extend(str(v) for v in value)
    return cols


def check_inputs(cfg) -> dict:
    """Check the inputs of `cfg` (files, layers, columns, keys); raise one ConfigError."""
    import pyogrio

    from .config import _did_you_mean, _Problems

    problems = _Problems(str(cfg.path or "<config>"))
    inp = cfg.inputs
    bfile = inp.boundaries.name

    # boundaries: layers and columns, checked before reading (German messages)
    try:
        layers = [str(row[0]) for row in pyogrio.list_layers(inp.boundaries)]
    except Exception as exc:  # pyogrio raises its own DataSourceError hierarchy
        problems.add("[inputs].boundaries", "check.read_failed", detail=str(exc).splitlines()[0])
        problems.raise_if_any()
    needed_layers = [("[inputs].layer", inp.layer)] + [
        (f"[inputs.levels[{i}]].layer", lv.layer) for i, lv in enumerate(inp.levels)
    ]
    for where, layer in needed_layers:
        if layer is not None and layer not in layers:
            problems.add(
                where,
                "check.layer_missing",
                layer=layer,
                file=bfile,
                layers=", ".join(layers),
                hint=_did_you_mean(layer, layers),
            )
    if inp.layer is None or inp.layer in layers:
        fields = list(pyogrio.read_info(inp.boundaries, layer=inp.layer)["fields"])
        wanted = [("[inputs].key", inp.key)]
        if inp.name:
            wanted.append(("[inputs].name", inp.name))
        wanted += [(f"[inputs.levels[{i}]].key", lv.key) for i, lv in enumerate(inp.levels)]
        for where, col in wanted:
            if col not in fields:
                problems.add(
                    where,
                    "check.column_missing",
                    column=col,
                    file=bfile,
                    columns=format_values(fields, 12),
                    hint=_did_you_mean(col, fields),
                )
    for i, lv in enumerate(inp.levels):
        if lv.layer and lv.layer in layers:
            lfields = list(pyogrio.read_info(inp.boundaries, layer=lv.layer)["fields"])
            if lv.key not in lfields:
                problems.add(
                    f"[inputs.levels[{i}]].key",
                    "check.column_missing",
                    column=lv.key,
                    file=f"{bfile} ({lv.layer})",
                    columns=format_values(lfields, 12),
                    hint=_did_you_mean(lv.key, lfields),
                )
    problems.raise_if_any()

    from .io import read_boundaries

    try:
        boundaries = read_boundaries(inp.boundaries, layer=inp.layer, key=inp.key)
    except SozialraumError as exc:
        problems.add("[inputs].boundaries", "check.read_failed", detail=str(exc).splitlines()[0])
        problems.raise_if_any()
    keys_b = set(map(str, boundaries.index))
    columns: set[str] = set(boundaries.columns)
    for i, t in enumerate(inp.tables):
        where = f"[inputs.tables[{i}]]"
        try:
            ((_, table),) = _read_tables(cfg.replace(inputs=_one_table(inp, t)))
        except SozialraumError as exc:
            from .cli import _localized

            problems.add(where, "check.read_failed", detail=_localized(exc, "de").splitlines()[0])
            continue
        keys_t = set(map(str, table.index))
        only_t = sorted(keys_t - keys_b)
        only_b = sorted(keys_b - keys_t)
        if keys_t and not keys_t & keys_b:
            problems.add(
                where,
                "check.no_match",
                table=format_values(sorted(keys_t), 3),
                boundaries=format_values(sorted(keys_b), 3),
            )
        else:
            if only_t:
                problems.add(
                    where, "check.keys_only_table", n=len(only_t), keys=format_values(only_t)
                )
            if only_b:
                problems.add(
                    where, "check.keys_only_boundaries", n=len(only_b), keys=format_values(only_b)
                )
        columns |= {c for c in table.columns if not is_reason_column(c)}
    if inp.population not in columns:
        problems.add(
            "[inputs].population",
            "check.column_missing",
            column=inp.population,
            file="den Tabellen",
            columns=format_values(sorted(columns), 8),
            hint=_did_you_mean(inp.population, sorted(columns)),
        )
    if inp.area and inp.area not in columns:
        problems.add(
            "[inputs].area",
            "check.column_missing",
            column=inp.area,
            file="den Tabellen",
            columns=format_values(sorted(columns), 8),
            hint=_did_you_mean(inp.area, sorted(columns)),
        )
    from .config import _code

    for ind in cfg.indicators:
        for col in _indicator_columns(ind):
            if col not in columns:
                problems.add(
                    "[indicators]",
                    "check.indicator_column",
                    code=_code(ind),
                    column=col,
                    hint=_did_you_mean(col, sorted(columns)),
                )
    problems.raise_if_any()
    return {"n_areas": len(boundaries), "n_columns": len(columns - set(boundaries.columns))}


def _one_table(inp, table):
    import dataclasses

    return dataclasses.replace(inp, tables=(table,))
