"""Deterministic table writers for the output bundle: German CSV and XLSX.

* CSV the way German spreadsheet software expects it: ``;`` separated, decimal
  comma, UTF-8 with BOM, missing values as empty cells, the key column as text.
* XLSX via openpyxl with fixed workbook timestamps and fixed ZIP entry times, so
  the same frame always gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pyogrio

from sozialraum._text import TEXTS, text
from sozialraum.report.qgis import FIXED_TIMESTAMP, write_layer_styles

__all__ = ["write_csv", "write_xlsx"]

#: Timestamp written into XLSX files (document properties and ZIP entries).
FIXED_DATETIME = (2000, 1, 1, 0, 0, 0)
_FIXED_ISO = "2000-01-01T00:00:00Z"


def write_csv(frame: pd.DataFrame, path: str | Path) -> None:
    """Write `frame` (index included) as a German CSV file.

    Floats are written with ``repr`` precision and a decimal comma; keys keep
    their leading zeros because they are text.
    """
    text = frame.to_csv(sep=";", decimal=",", index=True, lineterminator="\r\n", na_rep="")
    Path(path).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


def _cell(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, (str, bytes)):
        try:
            return item()
        except (TypeError, ValueError):
            pass
    return value


def write_xlsx(
    sheets: dict[str, pd.DataFrame],
    path: str | Path,
    *,
    notes: list[tuple[str, str]] | None = None,
    notes_title: str = "Erläuterung",
) -> None:
    """Write one sheet per frame (index as first column, as text) and an explanation sheet.

    Parameters
    ----------
    sheets : dict
        Sheet name (at most 31 characters) -> frame.
    notes : list of (column, explanation), optional
        Written to a last sheet `notes_title`.
    """
    from openpyxl import Workbook  # lazy: openpyxl only for XLSX files
    from openpyxl.styles import Font  # lazy: openpyxl only for XLSX files

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for name, frame in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        header = [frame.index.name or "key", *map(str, frame.columns)]
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        for key, row in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
            ws.append([str(key), *(_cell(v) for v in row)])
        ws.freeze_panes = "B2"
        for i, col in enumerate(header):
            values = frame.index if i == 0 else frame.iloc[:, i - 1]
            width = max([len(str(col))] + [len(str(v)) for v in values])
            ws.column_dimensions[ws.cell(row=1, column=i + 1).column_letter].width = min(
                width + 2, 60
            )
    if notes:
        ws = wb.create_sheet(title=notes_title[:31])
        for item in notes:
            ws.append(list(item))
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    wb.save(buffer)
    Path(path).write_bytes(_normalise_zip(buffer.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite an XLSX archive with fixed entry times and document timestamps."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    lambda m: m.group(1) + _FIXED_ISO.encode() + m.group(2),
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_DATETIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, content)
    return out.getvalue()


def write_gpkg(frame, path: str | Path, *, layer: str, styles=()) -> None:
    """Add `frame` (a GeoDataFrame indexed by the key) as `layer` to the GeoPackage `path`.

    The key becomes the first column (text). GDAL's own timestamps in
    ``gpkg_contents`` are fixed (config option ``OGR_CURRENT_DATE``) so the same
    inputs give the same file contents; `styles` (:class:`~sozialraum._qml.LayerStyle`)
    go into the ``layer_styles`` table with exactly one default.
    """


    data = frame.reset_index()
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_TIMESTAMP})
    try:
        pyogrio.write_dataframe(data, path, layer=layer, driver="GPKG")
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
    geometry_column = pyogrio.read_info(path, layer=layer).get("geometry_name") or "geom"
    if styles:
        write_layer_styles(path, layer, list(styles), geometry_column=geometry_column)


def column_notes(cfg, results, lang: str = "de") -> list[tuple[str, str]]:
    """(column, explanation) for every column of the published tables (XLSX notes sheet)."""

    notes: list[tuple[str, str]] = [
        (text("report.col.column", lang), text("report.col.meaning", lang)),
        (cfg.inputs.key, text("report.col.key", lang)),
    ]
    seen = {cfg.inputs.key}
    for lv in results.levels.values():
        for col in lv.frame.columns:
            if col in seen or col == "geometry":
                continue
            seen.add(col)
            ind = next((i for i in cfg.indicators if i.code == col), None)
            if ind is not None:
                label = ind.label_en if lang == "en" and ind.label_en else ind.label
                notes.append(
                    (
                        col,
                        text(
                            "report.col.indicator",
                            lang,
                            label=label,
                            formula=ind.formula(lang),
                            unit=ind.unit,
                        ),
                    )
                )
            elif col.endswith("_hinweis"):
                notes.append(
                    (col, text("report.col.hinweis", lang, column=col[: -len("_hinweis")]))
                )
            elif col.rsplit("_", 1)[0] in {n for n, _, _ in cfg.extra_indices}:
                name, part = col.rsplit("_", 1)
                spec = next(sp for n, sp, _ in cfg.extra_indices if n == name)
                notes.append((col, text(f"report.col.extra_{part}", lang, name=spec.name)))
            elif col in (lv.key for lv in results.levels.values()):
                notes.append((col, text("report.col.parent", lang)))
            else:
                key = f"report.col.{col}"

                notes.append((col, text(key, lang) if key in TEXTS else col))
    return notes
