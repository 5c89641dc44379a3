"""Deterministic table writers for the output bundle: German CSV and XLSX.

* CSV the way German spreadsheet software expects it: ``;`` separated, decimal
  comma, UTF-8 with BOM, missing values as empty cells, the key column as text.
* XLSX via openpyxl with fixed workbook timestamps and fixed ZIP entry times, so
  the same frame always gives the same bytes.

Names are data: a text cell (or header cell) that begins with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return would be read as a formula by Excel or LibreOffice. In the XLSX
such a cell is written as text with the "quote prefix" style (shown as it is, never
evaluated, not even after editing the cell); in the CSV it gets a leading ``'`` (OWASP's
rule against CSV injection). Numbers stay numbers: a negative value is not escaped.
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

#: First characters that make a spreadsheet read a text cell as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters Excel refuses in a sheet name.
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")

#: Timestamp written into XLSX files (document properties and ZIP entries).
FIXED_DATETIME = (2000, 1, 1, 0, 0, 0)
_FIXED_ISO = "2000-01-01T00:00:00Z"


def is_formula_text(value: object) -> bool:
    """True for a text that a spreadsheet would evaluate (it begins like a formula)."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_text(value: object) -> object:
    """`value`, with a leading ``'`` if it is a text that begins like a formula (OWASP).

    The cost: a reader of the CSV sees ``'-1+1`` instead of ``-1+1`` and a program reading
    the file gets the ``'`` too; the XLSX file carries the same text without it.

    >>> csv_text("=1+1"), csv_text("-1+1"), csv_text(-1.5), csv_text("Nord")
    ("'=1+1", "'-1+1", -1.5, 'Nord')
    """
    return "'" + value if is_formula_text(value) else value


def _escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every text cell, the index and the header escaped by :func:`csv_text`."""
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if isinstance(series.dtype, pd.CategoricalDtype):
            series = series.astype(object)
        if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            out[col] = series.map(csv_text, na_action="ignore")
    out.index = out.index.map(csv_text)
    out.index.name = csv_text(out.index.name)
    out.columns = [csv_text(c) for c in out.columns]
    return out


def write_csv(frame: pd.DataFrame, path: str | Path) -> None:
    """Write `frame` (index included) as a German CSV file.

    Floats are written with ``repr`` precision and a decimal comma; keys keep
    their leading zeros because they are text. A text cell or header that begins with
    ``= + - @``, a tab or a carriage return gets a leading ``'`` (:func:`csv_text`), so
    that no spreadsheet opening the file runs it as a formula.
    """
    text = _escape_frame(frame).to_csv(
        sep=";", decimal=",", index=True, lineterminator="\r\n", na_rep=""
    )
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


def _as_text(cell) -> None:
    """Show a formula-like text cell as text: never a formula, not even after editing."""
    if is_formula_text(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def sheet_names(names, *, reserved=()) -> dict[str, str]:
    """A valid, distinct XLSX sheet name for each name (a level's label).

    Excel allows at most 31 characters, none of ``[ ] : * ? / \\``, no ``'`` at either
    end and no two names that differ only in case; those characters become ``_``, longer
    names are cut, a name taken already (or in `reserved`) gets `` (2)``, `` (3)`` ...

    >>> sheet_names(["Sozialräume", "a/b", "A/B", ""])
    {'Sozialräume': 'Sozialräume', 'a/b': 'a_b', 'A/B': 'A_B (2)', '': '_'}
    """
    taken = {r.lower() for r in reserved}
    out: dict[str, str] = {}
    for name in names:
        if name in out:
            continue
        clean = _SHEET_BAD.sub("_", "".join(c if c.isprintable() else "_" for c in name))
        stem = clean.strip("'")[:31].strip("'") or "_"
        candidate, n = stem, 1
        while candidate.lower() in taken or candidate.lower() == "history":
            n += 1
            suffix = f" ({n})"
            candidate = stem[: 31 - len(suffix)] + suffix
        taken.add(candidate.lower())
        out[name] = candidate
    return out


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
        Sheet name -> frame; names are made valid and distinct by :func:`sheet_names`.
    notes : list of (column, explanation), optional
        Written to a last sheet `notes_title`.

    A text cell that begins like a formula (``= + - @``, tab, carriage return) is written
    as text with the quote-prefix style: Excel and LibreOffice show it and never evaluate it.
    """
    from openpyxl import Workbook  # lazy: openpyxl only for XLSX files
    from openpyxl.styles import Font  # lazy: openpyxl only for XLSX files

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    titles = sheet_names(list(sheets), reserved=(sheet_names([notes_title])[notes_title],))
    for name, frame in sheets.items():
        ws = wb.create_sheet(title=titles[name])
        header = [frame.index.name or "key", *map(str, frame.columns)]
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
            _as_text(cell)
        for key, row in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
            ws.append([str(key), *(_cell(v) for v in row)])
            for cell in ws[ws.max_row]:
                _as_text(cell)
        ws.freeze_panes = "B2"
        for i, col in enumerate(header):
            values = frame.index if i == 0 else frame.iloc[:, i - 1]
            width = max([len(str(col))] + [len(str(v)) for v in values])
            ws.column_dimensions[ws.cell(row=1, column=i + 1).column_letter].width = min(
                width + 2, 60
            )
    if notes:
        ws = wb.create_sheet(title=sheet_names([notes_title])[notes_title])
        for item in notes:
            ws.append(list(item))
            for cell in ws[ws.max_row]:
                _as_text(cell)
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
        # GeoPackage 1.3: GDAL 3.6 (Debian 12, QGIS 3.22) warns on every read of a 1.4 file
        options = {} if Path(path).exists() else {"VERSION": "1.3"}
        pyogrio.write_dataframe(data, path, layer=layer, driver="GPKG", dataset_options=options)
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
