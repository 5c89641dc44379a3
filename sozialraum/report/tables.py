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
from sozialraum.io.cells import Reason
from sozialraum.report.qgis import FIXED_TIMESTAMP, write_layer_styles

__all__ = ["cell_signs", "column_kinds", "column_labels", "write_csv", "write_xlsx"]

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


#: Number formats by kind of column, matching the rounding of the published frame
#: (``report/frames.py``: rates 2, index scores 3, statistics and p-values 4 decimals).
NUMBER_FORMATS: dict[str, str] = {
    "text": "@",
    "count": "#,##0",
    "rate": "#,##0.00",
    "score": "0.000",
    "p": "0.0000",
}

#: The sign of a value that is not shown, by its reason (statistics-office practice).
REASON_SIGNS: dict[str, str] = {
    Reason.SECRET.value: "x",
    Reason.SUPPRESSED.value: "x",
    Reason.SUPPRESSED_SECONDARY.value: "x",
    Reason.BELOW_POPULATION.value: "(x)",
    Reason.NOT_MEANINGFUL.value: "/",
    Reason.NOT_AVAILABLE.value: "...",
    Reason.NOT_DELIVERED.value: ".",
}
#: the sign of a missing value whose reason is not one of the above (e.g. not tested)
OTHER_SIGN = "."
#: legend order and texts (catalogue keys) of the signs
SIGN_TEXTS: tuple[tuple[str, str], ...] = (
    ("x", "report.sign.secret"),
    ("(x)", "report.sign.below_population"),
    ("/", "report.sign.not_meaningful"),
    ("...", "report.sign.not_available"),
    (".", "report.sign.other"),
)


def write_xlsx(
    sheets: dict[str, pd.DataFrame],
    path: str | Path,
    *,
    notes: list[tuple[str, str]] | None = None,
    notes_title: str = "Erläuterung",
    labels: dict[str, str] | None = None,
    kinds: dict[str, str] | None = None,
    signs: dict[str, pd.DataFrame] | None = None,
    title_columns: int = 1,
    lang: str = "de",
) -> None:
    """Write one sheet per frame, ready to print, and an explanation sheet.

    Each sheet has two header rows: the readable label (`labels`, falling back to the
    code) and below it the column code as in the CSV; then one row per area (the key,
    the index, as text). Numbers keep their values and get a fixed number format per
    column (`kinds`, see :data:`NUMBER_FORMATS`; counts with thousands separators);
    a value that is not shown gets the sign from `signs` (a frame of strings aligned
    to the sheet, e.g. ``"x"`` for confidentiality) and a legend below the table and in
    the page footer. The header rows and the first `title_columns` columns (key, name)
    are frozen and printed on every page (A4 landscape, as many pages wide as needed
    at a readable size).

    Parameters
    ----------
    sheets : dict
        Sheet name -> frame; names are made valid and distinct by :func:`sheet_names`.
    notes : list of (column, explanation), optional
        Written to a last sheet `notes_title`, followed by the legend of the signs.

    A text cell that begins like a formula (``= + - @``, tab, carriage return) is written
    as text with the quote-prefix style: Excel and LibreOffice show it and never evaluate it.
    """
    from openpyxl import Workbook  # lazy: openpyxl only for XLSX files
    from openpyxl.styles import Alignment, Font  # lazy: openpyxl only for XLSX files
    from openpyxl.utils import get_column_letter  # lazy: openpyxl only for XLSX files

    labels = labels or {}
    kinds = kinds or {}
    signs = signs or {}
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    code_font = Font(italic=True, size=9, color="555555")
    wrap = Alignment(wrap_text=True, vertical="bottom")
    right = Alignment(horizontal="right")
    legend = [(sign, text(key, lang)) for sign, key in SIGN_TEXTS]
    titles = sheet_names(list(sheets), reserved=(sheet_names([notes_title])[notes_title],))
    for name, frame in sheets.items():
        ws = wb.create_sheet(title=titles[name])
        codes = [frame.index.name or "key", *map(str, frame.columns)]
        ws.append([labels.get(c, c) for c in codes])
        ws.append(codes)
        for cell in (*ws[1], *ws[2]):
            _as_text(cell)
        sign_frame = signs.get(name)
        used: set[str] = set()
        for key, row in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
            cells = [str(key)]
            for col, value in zip(frame.columns, row, strict=True):
                v = _cell(value)
                if v is None and sign_frame is not None and col in sign_frame.columns:
                    sign = sign_frame.at[key, col]
                    if isinstance(sign, str) and sign:
                        v = sign
                        used.add(sign)
                cells.append(v)
            ws.append(cells)
            for cell in ws[ws.max_row]:
                _as_text(cell)
        n_rows = len(frame) + 2
        widths = []
        for i, code in enumerate(codes, start=1):
            letter = get_column_letter(i)
            kind = "text" if i == 1 else kinds.get(code, _kind_of(frame[code]))
            fmt = NUMBER_FORMATS[kind]
            values = frame.index if i == 1 else frame[code]
            shown = [_shown(v, kind) for v in values]
            words = str(ws.cell(row=1, column=i).value).split()
            longest_word = max(map(len, words), default=0)
            width = min(max([len(code), 9, min(longest_word, 16), *map(len, shown)]) + 2, 40)
            widths.append(width)
            ws.column_dimensions[letter].width = width
            ws.cell(row=1, column=i).font = bold
            ws.cell(row=1, column=i).alignment = wrap
            ws.cell(row=2, column=i).font = code_font
            for r in range(3, n_rows + 1):
                c = ws.cell(row=r, column=i)
                if isinstance(c.value, str) and kind != "text":
                    c.alignment = right  # a sign stands where the number would
                else:
                    c.number_format = fmt
        lines = max(
            -(-len(str(ws.cell(row=1, column=i).value)) // max(int(w) - 1, 1))
            for i, w in enumerate(widths, start=1)
        )
        ws.row_dimensions[1].height = 13 * max(lines, 1) + 2
        if used:
            ws.append([])
            ws.append([text("report.sign.title", lang)])
            ws.cell(row=ws.max_row, column=1).font = bold
            for sign, meaning in legend:
                if sign in used:
                    ws.append([sign, meaning])
            ws.oddFooter.left.text = "; ".join(f"{s} = {m}" for s, m in legend if s in used)
            ws.oddFooter.left.size = 8
        ws.oddFooter.right.text = text("report.sign.page", lang)
        ws.oddFooter.right.size = 8
        ws.oddHeader.left.text = titles[name].replace("&", "&&")  # & starts a header code
        ws.oddHeader.left.size = 9
        n_titles = max(1, min(title_columns, len(codes)))
        ws.freeze_panes = ws.cell(row=3, column=n_titles + 1).coordinate
        ws.print_title_rows = "1:2"
        ws.print_title_cols = f"A:{get_column_letter(n_titles)}"
        ws.print_area = f"A1:{get_column_letter(len(codes))}{n_rows}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = _pages_wide(widths, n_titles)
        ws.page_setup.fitToHeight = 0  # as many pages tall as the rows need
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.gridLines = True
        ws.page_margins.left = ws.page_margins.right = 0.4
    if notes:
        ws = wb.create_sheet(title=sheet_names([notes_title])[notes_title])
        for item in notes:
            ws.append(list(item))
            for cell in ws[ws.max_row]:
                _as_text(cell)
        ws.cell(row=1, column=1).font = bold
        ws.cell(row=1, column=2).font = bold
        ws.append([])
        ws.append([text("report.sign.title", lang)])
        ws.cell(row=ws.max_row, column=1).font = bold
        for sign, meaning in legend:
            ws.append([sign, meaning])
        ws.append([text("report.sign.zero_sign", lang), text("report.sign.zero", lang)])
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 100
        ws.freeze_panes = "A2"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
    buffer = io.BytesIO()
    wb.save(buffer)
    Path(path).write_bytes(_normalise_zip(buffer.getvalue()))


#: width (Excel character units) that fits across an A4 landscape page at a readable size
_PAGE_WIDTH = 170


def _pages_wide(widths: list[float], titles: int) -> int:
    """How many pages wide a sheet prints: every page repeats the `titles` columns."""
    fixed = sum(widths[:titles])
    room = max(_PAGE_WIDTH - fixed, 20)
    pages, used = 1, 0.0
    for w in widths[titles:]:
        if used and used + w > room:
            pages, used = pages + 1, 0.0
        used += w
    return pages


def _kind_of(values: pd.Series) -> str:
    """The number-format kind of a column without an explicit kind (from its dtype)."""
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        return "text"
    if pd.api.types.is_integer_dtype(values):
        return "count"
    return "rate"


def _shown(value: object, kind: str) -> str:
    """The value as Excel shows it (German), to size the column."""
    v = _cell(value)
    if v is None:
        return ""
    if kind == "text" or isinstance(v, str) or isinstance(v, bool):
        return str(v)
    decimals = {"count": 0, "rate": 2, "score": 3, "p": 4}[kind]
    return f"{float(v):,.{decimals}f}"


def column_kinds(frame: pd.DataFrame, cfg) -> dict[str, str]:
    """The number-format kind (:data:`NUMBER_FORMATS`) of each column of a published frame."""
    rates = {i.code for i in cfg.indicators}
    kinds: dict[str, str] = {}
    for col in frame.columns:
        if col in rates or col == "flaeche_km2":
            kinds[col] = "rate"
        elif col == "einwohner" or col.endswith("_rang"):
            kinds[col] = "count"
        elif col.endswith("_wert"):
            kinds[col] = "score"
        elif col in ("lisa_I", "gi_z") or col.endswith(("_p", "_p_korr")):
            kinds[col] = "p"
        elif not pd.api.types.is_numeric_dtype(frame[col]):
            kinds[col] = "text"
    return kinds


def column_labels(cfg, results, lang: str = "de") -> dict[str, str]:
    """The readable header (first header row of the XLSX) of every published column."""
    labels = {cfg.inputs.key: text("report.head.key", lang)}
    indicators = {i.code: i for i in cfg.indicators}
    extra = {n: sp for n, sp, _ in cfg.extra_indices}
    level_keys = {lv.key: lv.label for lv in results.levels.values()}
    for lv in results.levels.values():
        labels.setdefault(lv.key, text("report.head.key", lang))
        for col in lv.frame.columns:
            if col in labels or col == "geometry":
                continue
            base, _, part = col.rpartition("_")
            if col in indicators:
                ind = indicators[col]
                label = ind.label_en if lang == "en" and ind.label_en else ind.label
                labels[col] = text("report.head.unit", lang, label=label, unit=ind.unit)
            elif f"report.head.{col}" in TEXTS:
                labels[col] = text(f"report.head.{col}", lang)
            elif base in extra and f"report.head.extra_{part}" in TEXTS:
                labels[col] = text(f"report.head.extra_{part}", lang, name=extra[base].name)
            elif col.endswith("_hinweis"):
                labels[col] = text("report.head.hinweis", lang, column=col[: -len("_hinweis")])
            elif col in level_keys:
                labels[col] = text("report.head.parent", lang, level=level_keys[col])
    return labels


def cell_signs(frame: pd.DataFrame, lang: str = "de") -> pd.DataFrame:
    """The sign of every value the published `frame` does not show (NA where shown).

    The reason comes from the column's ``<column>_hinweis`` (the index's for its rank
    and class, the ``lisa_text``/``gi_text`` for the local statistics); a reason text
    maps back to its :class:`~sozialraum.io.cells.Reason` and :data:`REASON_SIGNS`.
    Notes and text columns (``_hinweis``, ``_text``) stay empty.
    """
    by_text = {
        text(f"reason.{r}", lg): sign for r, sign in REASON_SIGNS.items() for lg in ("de", "en")
    }
    out = pd.DataFrame(pd.NA, index=frame.index, columns=frame.columns, dtype="object")
    for col in frame.columns:
        if col == "geometry" or col.endswith(("_hinweis", "_text")):
            continue
        missing = frame[col].isna()
        if not missing.any():
            continue
        base = col.rpartition("_")[0]
        for source in (f"{col}_hinweis", f"{base}_hinweis", f"{col.split('_')[0]}_text"):
            if source in frame.columns:
                why = frame[source]
                break
        else:
            why = pd.Series(pd.NA, index=frame.index)
        for key in frame.index[missing.to_numpy()]:
            reason = why.get(key)
            out.at[key, col] = by_text.get(reason, OTHER_SIGN) if isinstance(reason, str) \
                else OTHER_SIGN
    return out


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
