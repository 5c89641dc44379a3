"""Read the statistics office's tables (CSV with ; and decimal commas, XLSX)."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from sozialraum._util.choices import check_choice
from sozialraum._util.dates import parse_stichtag
from sozialraum.errors import (
    ColumnError,
    ConfigError,
    DuplicateKeyError,
    FileFormatError,
    InputError,
    Listed,
    Phrase,
)
from sozialraum.io import numbers as V
from sozialraum.io.cells import Reason, is_reason_column, reason_column
from sozialraum.io.columns import Column, Lines, columns_from_rows, trim_heap
from sozialraum.io.csvfile import (  # noqa: F401
    _Cells,
    _read_csv,
    _Table,
    is_note,
    read_csv_columns,
)
from sozialraum.io.keys import (
    Phrases,
    Places,
    _check_file,
    check_keys,
    missing_column_error,
    place,
)
from sozialraum.io.report import REPORT_ATTR, LoadReport
from sozialraum.io.xlsxfile import _read_xlsx  # noqa: F401  (config.inspect)


def read_table(
    path: str | os.PathLike,
    key: str = "SR_NR",
    *,
    sheet: str | int | None = None,
    na_values: Sequence[object] | None = None,
    layout: Literal["auto", "wide", "long"] = "auto",
    stichtag: object = None,
    variable: str | None = None,
    value: str | None = None,
    text_columns: Sequence[str] | None = None,
    sep: str | None = None,
    decimal: str | None = None,
    thousands: str | None = None,
    encoding: str | None = None,
    dash_as: Literal["zero", "missing"] = "zero",
) -> pd.DataFrame:
    """Read a statistics table (CSV or XLSX), indexed by the district key as text.

    Every cell is read as text first, so keys keep their leading zeros; value
    columns are then converted here, and the statistics offices' markers
    become missing values (or 0) *with a reason* in a companion column
    ``<column>__reason`` (see :class:`sozialraum._missing.Reason`):

    ======  ==========================================  =======================
    cell    meaning                                     result
    ======  ==========================================  =======================
    ``.``   secret / unknown                            missing, ``secret``
    ``x``   locked (secret)                             missing, ``secret``
    ``-``   exactly zero                                0, ``true_zero`` [1]_
    ``/``   not meaningful                              missing, ``not_meaningful``
    ``...`` not yet available                           missing, ``not_available``
    empty   not delivered                               missing, ``not_delivered``
    na_     user sentinel (e.g. ``-9999``, ``"k.A."``)  missing, ``not_delivered``
    ======  ==========================================  =======================

    .. [1] ``dash_as="missing"`` gives a missing value with ``true_zero``.

    A table as an office exports it is read as it stands: title rows above the header
    (rows with at most one filled cell, such as "Stand: 31.12.2024"), a totals row (its key,
    or with an empty key another cell, reads "Stadt insgesamt", "Summe", "Gesamtstadt" ...)
    and footnote rows after the last area ("Quelle: ...": words first, no number) are left
    out; the load report counts them (``title_rows``, ``totals_rows``, ``footnote_rows``)
    and messages keep the file's own line and row numbers. Shares written with a percent
    sign (``"5,5 %"``) are the numbers 5.5; XLSX cells formatted as a percent (Excel stores
    5,5 % as 0.055) are read as the sheet shows them (5.5); the load report notes both.

    Parameters
    ----------
    path : str or path-like
        ``.csv``/``.txt``/``.tsv`` or ``.xlsx``/``.xlsm``.
    key : str, default "SR_NR"
        The key column; becomes the index (text, leading zeros kept).
    sheet : str or int, optional
        The XLSX sheet (name or 0-based position); needed with several sheets.
        A sheet named like a date (``"31.12.2024"``) gives the Stichtag of a
        wide sheet without a Stichtag column.
    na_values : sequence, optional
        Further cell values meaning "not delivered", e.g. ``[-9999, "k.A."]``.
    layout : {"auto", "wide", "long"}, default "auto"
        ``"long"``: one row per key, [Stichtag], Merkmal with a value column.
        ``"auto"`` detects long when columns named like Merkmal/Indikator/
        Variable and Wert/Value exist (or `variable`/`value` are given).
    stichtag : date, str, int or "all", optional
        Which Stichtag to keep when the table has several (``"31.12.2024"``,
        ``"2024-12-31"``, ``2024``); ``"all"`` keeps all with the index
        (key, Stichtag). For a table without a Stichtag column it declares one.
    variable, value : str, optional
        Names of the Merkmal and value columns of a long table.
    text_columns : sequence of str, optional
        Columns to keep as text although they contain numbers. Columns without
        any number (a ``name`` column) stay text automatically.
    sep, decimal, thousands, encoding : str, optional
        Override the detection for CSV files (sep ``;``/``,``/tab; decimal
        comma or point; thousands separator; utf-8, utf-8-sig or cp1252).
    dash_as : {"zero", "missing"}, default "zero"
        How to read ``-`` (exactly zero).

    Returns
    -------
    pandas.DataFrame
        Indexed by `key` (or by (key, ``Stichtag``) with ``stichtag="all"``);
        counts as ``Int64``, decimals as ``float64``, a ``Stichtag`` column
        (Timestamp) when known, reason columns where markers occurred; the
        :class:`LoadReport` in ``.attrs["load_report"]``.

    Raises
    ------
    FileFormatError
        Missing, unreadable or empty file, header only, ragged rows.
    ConfigError
        Several sheets or Stichtage and none chosen; unknown sheet or Stichtag.
    ColumnError
        No key column (or no Merkmal/value column with ``layout="long"``).
    InputError
        Cells in a value column that are neither numbers nor markers.
    MissingDataError, DuplicateKeyError
        Keys missing or not unique (per Stichtag; per Merkmal in a long table).

    Examples
    --------
    >>> import sozialraum as sr
    >>> path = sr.datasets.get_path("musterstadt_statistik.csv")
    >>> t = sr.read_table(path, key="SR_NR", stichtag="31.12.2024")
    >>> t.index[0], str(t["EW"].dtype)
    ('0101', 'Int64')
    """
    return read_table_impl(
        _check_file(path),
        key,
        sheet=sheet,
        na_values=na_values,
        layout=layout,
        stichtag=stichtag,
        variable=variable,
        value=value,
        text_columns=text_columns,
        sep=sep,
        decimal=decimal,
        thousands=thousands,
        encoding=encoding,
        dash_as=dash_as,
    )



CSV_SUFFIXES = {".csv", ".txt", ".tsv", ".tab"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
VARIABLE_NAMES = ("merkmal", "indikator", "indicator", "variable", "kennzahl", "merkmalscode")
VALUE_NAMES = ("wert", "value", "werte", "values")
STICHTAG_NAMES = ("stichtag", "datum", "date", "jahr", "year")
# --------------------------------------------------------------------------- shared


#: A key or label of a totals row ("Stadt insgesamt", "Summe", "Gesamtstadt"): not an area.
_TOTAL = re.compile(r"^(((stadt|gemeinde|kreis|region|bezirk|stadtgebiet)\s+)?"
                    r"(insgesamt|gesamt|summe|total|zusammen)|gesamtstadt)"
                    r"\s*(\d\)|\*+|:)?$", re.I)  # the whole cell: "Gesamt-Nord" is an area


#: A number written with a percent sign ("5,5 %", "12%"), as some exports give shares.
_PERCENT = re.compile(r"^\s*([+-]?\d[\d.,]*)\s*%\s*$")


def _is_percent_column(column: Column, sentinels) -> bool:
    """True if some cells of `column` are numbers with a percent sign and every other one is
    a number, a statistics-office marker or a sentinel (then the sign is only the unit)."""
    found = False
    for u in column.uniques:
        if not isinstance(u, str):
            continue
        t = u.strip()
        if _PERCENT.match(t):
            found = True
        elif t and t not in V.MARKERS and t not in sentinels and not V._looks_numeric(t):
            return False
    return found


def _without_percent(cell: object) -> object:
    m = _PERCENT.match(cell) if isinstance(cell, str) else None
    return m.group(1) if m else cell


def _left_out_notes(report: dict) -> list[str]:
    """The load report's notes on the rows that are no area (see ``_without_totals_and_notes``)."""
    out = []
    if report.get("titles"):
        out.append(f"{report['titles']} title row(s) above the header left out.")
    if report.get("totals"):
        out.append(f"{len(report['totals'])} totals row(s) left out (not an area): "
                   + ", ".join(f"{label!r} ({where})" for label, where in report["totals"]) + ".")
    if report.get("footnotes"):
        where, n = report["footnotes"]
        out.append(f"{n} footnote row(s) below the table left out (from {where}).")
    return out


def _without_totals_and_notes(column: dict, key: str, where, report: dict):
    """The columns and row places without the rows that are no area: a totals row (its key,
    or with an empty key one of its cells, reads like "Stadt insgesamt") and footnote rows
    after the last area (:func:`is_note`); recorded in `report`
    (``"totals"``: label and place of each, ``"footnotes"``: the first's place, their
    number)."""
    keys = column[key]
    # a key of digits (nearly all of them) is no totals word: only the others are looked at
    total_code = np.zeros(len(keys.uniques), dtype=bool)
    empty_code = np.zeros(len(keys.uniques), dtype=bool)
    for j, u in enumerate(keys.uniques):
        if u is None or (isinstance(u, str) and not u.isdigit()):
            t = V.cell_to_text(u).strip()
            total_code[j], empty_code[j] = bool(_TOTAL.match(t)), not t
    n = len(keys)
    totals = total_code[keys.codes] if n else np.zeros(0, dtype=bool)
    for i in np.flatnonzero(empty_code[keys.codes]) if empty_code.any() else ():
        # an empty key: the row's first text (its label, "Insgesamt") decides
        label = next((V.cell_to_text(c.cell(i)).strip() for c in column.values()
                      if isinstance(c.cell(i), str) and c.cell(i).strip()), "")
        totals[i] = bool(_TOTAL.match(label))
    notes_rows = np.zeros(n, dtype=bool)
    for i in range(n - 1, -1, -1):  # footnotes: the last rows, one filled cell of words each
        if totals[i]:
            continue
        cells = [c.cell(i) for c in column.values()]
        filled = [c for c in cells if c is not None and str(c).strip()]
        if not is_note(filled):
            break
        notes_rows[i] = True
    drop = totals | notes_rows
    if not drop.any():
        return column, where
    if totals.any():
        report["totals"] = [
            (next((V.cell_to_text(c.cell(i)).strip() for c in column.values()
                   if _TOTAL.match(V.cell_to_text(c.cell(i)).strip())), ""), where[i])
            for i in np.flatnonzero(totals)]
    if notes_rows.any():
        first, n = where[int(np.flatnonzero(notes_rows)[0])], int(notes_rows.sum())
        if report.get("footnotes"):  # short footnote rows below these (the csv path)
            n += report["footnotes"][1]
        report["footnotes"] = (first, n)
    keep = np.flatnonzero(~drop)
    kept = (Lines(np.asarray(where.numbers)[keep], where.word) if isinstance(where, Lines)
            else [where[i] for i in keep])  # no string per row for a streamed file
    return {h: c.take(keep) for h, c in column.items()}, kept


def _find_column(header: Sequence[str], given: str | None, names: Sequence[str], path, what,
                 argument=None):
    if given is not None:
        if given not in header:
            raise missing_column_error(path, given, header, what, argument or "key")
        return given
    lowered = {h.lower(): h for h in header}
    for n in names:
        if n in lowered:
            return lowered[n]
    return None


def _parse_stichtage(path, name, column: Column, where) -> Column:
    """The Stichtag column as dates (a Column of ``datetime.date``), each distinct cell once."""
    parsed, failed = [], []
    for j, cell in enumerate(column.uniques):
        try:
            if isinstance(cell, float) and cell.is_integer():
                cell = int(cell)
            parsed.append(parse_stichtag(cell.strip() if isinstance(cell, str) else cell))
        except ConfigError:
            parsed.append(None)
            failed.append(j)
    if failed:
        rows = np.flatnonzero(np.isin(column.codes, failed))
        bad = [Phrase("io.key_at", key=repr(column.cell(i)), rows=place(where[i]))
               for i in rows[:5]]
        raise InputError.from_key(
            "io.stichtag_cells", path=path, column=name, n=len(rows),
            cells=Phrases(bad + list(rows[5:])),
        )
    return Column(column.codes, parsed).mapped(lambda day: day)


def _timestamps(days: Column, rows: np.ndarray) -> np.ndarray:
    """The Stichtage of `rows` (codes into ``days.uniques``) as datetime64, converted once each."""
    return pd.to_datetime(pd.Series(days.uniques)).to_numpy()[rows]


def _bad_values_error(path, column, bad, where, decimal, thousands, merkmal=None):
    shown = [Phrase("io.key_at", key=repr(cell), rows=place(where[pos])) for pos, cell in bad[:5]]
    return InputError.from_key(
        "io.bad_values",
        path=path,
        label=(
            Phrase("io.label_column_merkmal", column=column, merkmal=merkmal)
            if merkmal else Phrase("io.label_column", column=column)
        ),
        n=len(bad),
        cells=Phrases(shown + [cell for _, cell in bad[5:]]),
        decimal=decimal,
        thousands=Phrase("io.read_thousands", thousands=thousands) if thousands else "",
        column=column,
    )


def _decimal(path, tokens_by_col, sep, decimal, thousands):
    """Decide decimal and thousands separators for the whole file."""
    if decimal is not None:
        check_choice("decimal", decimal, [",", "."])
        return decimal, thousands if thousands is not None else ("." if decimal == "," else ",")
    # distinct tokens suffice: the evidence is a set
    tokens = list(dict.fromkeys(t for ts in tokens_by_col.values() for t in ts))
    found, how = V.infer_decimal(tokens, sep)
    if found is None:
        if how == "mixed":
            pairs = [(c, t) for c, ts in tokens_by_col.items() for t in ts]
            comma = [(c, t) for c, t in pairs if "," in V.decimal_evidence(t)]
            point = [(c, t) for c, t in pairs if "." in V.decimal_evidence(t)]
            raise InputError.from_key(
                "io.decimal_mixed", path=path, comma=comma[0][1], comma_column=comma[0][0],
                point=point[0][1], point_column=point[0][0],
            )
        amb = [(c, t) for c, ts in tokens_by_col.items() for t in ts if V.is_ambiguous(t)]
        raise InputError.from_key(
            "io.decimal_ambiguous", path=path, value=amb[0][1], column=amb[0][0]
        )
    return found, thousands if thousands is not None else ("." if found == "," else ",")


def _sentinels(na_values):
    texts, numbers = set(), set()
    for v in na_values or ():
        if isinstance(v, bool):
            texts.add(str(v))
        elif isinstance(v, int | float):
            numbers.add(float(v))
            texts.add(str(v))
        else:
            s = str(v).strip()
            texts.add(s)
            for dec in (".", ","):
                num = V.parse_number(s, dec, None)
                if num is not None:
                    numbers.add(num)
    return frozenset(texts), frozenset(numbers)


def read_table_impl(
    path: Path,
    key: str,
    *,
    sheet,
    na_values,
    layout,
    stichtag,
    variable,
    value,
    text_columns,
    sep,
    decimal,
    thousands,
    encoding,
    dash_as,
) -> pd.DataFrame:
    check_choice("layout", layout, ["auto", "wide", "long"])
    check_choice("dash_as", dash_as, ["zero", "missing"])
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        sheet_cells = _read_xlsx(path, sheet)
        cells = _Table(sheet_cells.header,
                       columns_from_rows(sheet_cells.rows, len(sheet_cells.header)),
                       sheet_cells.where, sheet_cells.report, sheet_cells.notes)
        del sheet_cells
    elif suffix in CSV_SUFFIXES:
        if sep is not None:
            check_choice("sep", sep, [";", ",", "\t", "|"])
        cells = read_csv_columns(path, sep, encoding)
    elif suffix == ".xls":
        raise FileFormatError.from_key("io.xls_old", path=path)
    else:
        raise FileFormatError.from_key("io.table_format", path=path, suffix=suffix)
    header = [h if h else f"column_{i + 1}" for i, h in enumerate(cells.header)]
    dup = [h for h in dict.fromkeys(header) if header.count(h) > 1]
    if dup:
        raise FileFormatError.from_key("io.header_duplicate", path=path, columns=Listed(dup))
    if not len(cells.where):
        raise FileFormatError.from_key("io.no_rows", path=path, columns=Listed(header))
    if key not in header:
        raise missing_column_error(path, key, header, "key")
    column = dict(zip(header, cells.columns, strict=True))
    cells.columns = []  # held by `column` only, so _wide can free each once converted
    notes = list(cells.notes)
    column, cells.where = _without_totals_and_notes(column, key, cells.where, cells.report)
    notes += _left_out_notes(cells.report)
    if not len(cells.where):
        raise FileFormatError.from_key("io.no_rows", path=path, columns=Listed(header))
    sentinels, sentinel_numbers = _sentinels(na_values)
    percent = []
    for h in header:
        if h != key and _is_percent_column(column[h], sentinels):
            column[h] = column[h].mapped(_without_percent)
            percent.append(h)
    shown = cells.report.get("percent_columns")
    if shown:
        notes.append(f"Cells of {', '.join(map(repr, shown))} formatted as percent in the "
                     "workbook: read as shown (0.055 -> 5.5).")
    if percent:
        notes.append(f"Percent signs removed from the values of {', '.join(map(repr, percent))} "
                     "(the numbers are the percentages as given).")
    text_columns = list(text_columns or [])
    for t in text_columns:
        if t not in header:
            raise missing_column_error(path, t, header, "text", "text_columns")

    raw_keys = column[key]
    key_from_numbers = any(
        isinstance(k, int | float) and not isinstance(k, bool) for k in raw_keys.uniques
    )
    keys = raw_keys.mapped(V.cell_to_text)
    if key_from_numbers:
        notes.append(
            f"Key cells in column {key!r} are stored as numbers; they were converted to text "
            "(101.0 -> '101'). Leading zeros may have been lost in the file already."
        )
    if any(not k.strip() for k in keys.uniques):
        check_keys(pd.Series([k if k.strip() else None for k in keys.cells()], dtype="object"),
                   path, key, cells.where, duplicates=False)

    var_col = _find_column(header, variable, VARIABLE_NAMES, path, "Merkmal", "variable")
    val_col = _find_column(header, value, VALUE_NAMES, path, "value", "value")
    if layout == "long" and (var_col is None or val_col is None):
        missing = "merkmal" if var_col is None else "value"
        raise ColumnError.from_key(
            "io.long_columns", path=path, missing=Phrase(f"io.column_kind_{missing}"),
            columns=Listed(header, limit=12),
        )
    is_long = layout == "long" or (layout == "auto" and var_col is not None and val_col is not None)
    st_col = _find_column(header, None, STICHTAG_NAMES, path, "Stichtag")
    dates = _parse_stichtage(path, st_col, column[st_col], cells.where) if st_col else None
    if st_col is None and "sheet" in cells.report and stichtag is None:
        try:
            from_sheet = parse_stichtag(cells.report["sheet"])
        except ConfigError:
            from_sheet = None
        if from_sheet is not None and not cells.report["sheet"].strip().isdigit():
            stichtag = from_sheet
            notes.append(f"Stichtag {from_sheet:%d.%m.%Y} taken from the sheet name.")

    if is_long:
        frame, markers, dec, thou, texts = _long(
            path, cells, column, keys, dates, var_col, val_col, st_col, key,
            sentinels, sentinel_numbers, cells.report.get("sep"), decimal, thousands, dash_as,
            notes,
        )
    else:
        frame, markers, dec, thou, texts = _wide(
            path, cells, column, keys, dates, st_col, key, text_columns,
            sentinels, sentinel_numbers, cells.report.get("sep"), decimal, thousands, dash_as,
        )
    frame, stichtage = _select_stichtag(
        path, frame, key, stichtag, has_column=dates is not None, notes=notes
    )
    frame.attrs = {
        REPORT_ATTR: LoadReport(
            path=str(path),
            kind="table",
            key=key,
            n_rows=len(frame),
            sheet=cells.report.get("sheet"),
            encoding=cells.report.get("encoding"),
            sep=cells.report.get("sep"),
            decimal=dec,
            thousands=thou,
            layout="long" if is_long else "wide",
            stichtage=tuple(stichtage),
            key_from_numbers=key_from_numbers,
            markers=tuple(markers),
            text_columns=tuple(texts),
            title_rows=int(cells.report.get("titles") or 0),
            totals_rows=tuple(cells.report.get("totals") or ()),
            footnote_rows=int((cells.report.get("footnotes") or ("", 0))[1]),
            footnotes_from=(cells.report.get("footnotes") or (None, 0))[0],
            notes=tuple(notes),
        )
    }
    return frame


def _wide(path, cells, column, keys, dates, st_col, key, text_columns,
          sentinels, sentinel_numbers, sep, decimal, thousands, dash_as):
    others = [h for h in column if h not in (key, st_col)]
    texts = [h for h in others
             if h in text_columns or V.is_text_column(column[h].uniques, sentinels)]
    numeric = [h for h in others if h not in texts]
    pool = V.CellPool()  # the value columns share most cells: each is looked at once
    where_in_pool = {h: pool.positions(column[h].uniques) for h in numeric}
    pooled = [V.token_or_none(c, sentinels) for c in pool.cells]
    tokens = {h: [pooled[j] for j in where_in_pool[h] if pooled[j] is not None]
              for h in numeric}
    dec, thou = _decimal(path, tokens, sep, decimal, thousands)
    pool_kinds = V.classify_cells(pool.cells, decimal=dec, thousands=thou, sentinels=sentinels,
                                  sentinel_numbers=sentinel_numbers, dash_as=dash_as)
    pairs = keys.codes.astype(np.int64)
    if dates is not None:
        pairs = pairs * len(dates.uniques) + dates.codes
    if _any_repeated(pairs):  # the message names every line of a duplicate
        ids = keys.cells()
        labels = (
            ids if dates is None
            else [f"{k} @ {d:%d.%m.%Y}" for k, d in zip(ids, dates.cells(), strict=True)]
        )
        check_keys(pd.Series(labels, dtype="object"), path, key, cells.where)
    index = pd.RangeIndex(len(keys))
    data: dict[str, pd.Series] = {}
    reasons: dict[str, pd.Series] = {}
    markers = []
    for h in others:
        if h in texts:
            text = column[h].mapped(lambda c: V.cell_to_text(c).strip() or None)
            data[h] = pd.Series(text.values(), index=index, dtype="str")
            continue
        c = column.pop(h)  # its codes and cells go as its numbers arrive (a 100 MB file: 80 MB)
        parsed = V.assemble(c.codes, V.take_kinds(pool_kinds, where_in_pool[h]), c.uniques,
                            index)
        if parsed.bad:
            raise _bad_values_error(path, h, parsed.bad, cells.where, dec, thou)
        data[h] = parsed.values
        trim_heap()  # the temporaries freed between the columns kept (see trim_heap)
        if parsed.reasons.notna().any():
            reasons[reason_column(h)] = parsed.reasons
        markers += [(h, r, n) for r, n in parsed.markers]
    frame = pd.DataFrame(data, index=index, copy=False)  # the Series are ours: no copy
    if dates is not None:
        frame.insert(0, "Stichtag", pd.Series(_timestamps(dates, dates.codes), index=index))
    for name, series in reasons.items():
        frame[name] = series
    frame.index = pd.Index(keys.values(), dtype="str", name=key)
    used = decimal is not None or any(tokens.values())  # else the separators were irrelevant
    return frame, markers, dec if used else None, thou if used else None, texts


def _any_repeated(ids: np.ndarray) -> bool:
    """True if a value occurs twice in `ids` (non-negative integers)."""
    if len(ids) and ids.max() < 8 * len(ids):
        return bool(np.bincount(ids).max() > 1)  # O(n), no hashing
    return bool(pd.Series(ids).duplicated().any())


def _long_duplicates(path, cells, keys, dates, variables):
    """The error for (key, Stichtag, Merkmal) given twice, naming both lines of each."""
    ids, names = keys.cells(), variables.cells()
    stamps = dates.cells() if dates is not None else [None] * len(ids)
    seen: dict[tuple, int] = {}
    dups: list[str] = []
    for i, combo in enumerate(zip(ids, stamps, names, strict=True)):
        if combo in seen:
            k, d, v = combo
            dups.append(Phrase(
                "io.long_duplicate_at" if d is not None else "io.long_duplicate",
                key=repr(k), day=d, merkmal=repr(v),
                first=place(cells.where[seen[combo]]), second=place(cells.where[i]),
            ))
        else:
            seen[combo] = i
    return DuplicateKeyError.from_key(
        "io.long_duplicates_stichtag" if dates else "io.long_duplicates",
        path=path, n=len(dups), rows=Phrases(dups, sep="; "),
    )


def _long(path, cells, column, keys, dates, var_col, val_col, st_col, key,
          sentinels, sentinel_numbers, sep, decimal, thousands, dash_as, notes):
    variables = column[var_col].mapped(lambda c: V.cell_to_text(c).strip())
    blank = [j for j, v in enumerate(variables.uniques) if not v]
    if blank:
        empty = [cells.where[i] for i in np.flatnonzero(np.isin(variables.codes, blank))]
        raise InputError.from_key(
            "io.long_no_merkmal", path=path, column=var_col, n=len(empty), rows=Places(empty)
        )
    n_days = len(dates.uniques) if dates is not None else 1
    row_id = keys.codes.astype(np.int64) * n_days
    if dates is not None:
        row_id += dates.codes
    if _any_repeated(row_id * len(variables.uniques) + variables.codes):
        raise _long_duplicates(path, cells, keys, dates, variables)
    # the rows of the result: (key, Stichtag) in file order
    row_of, rows = pd.factorize(row_id)
    n_rows = len(rows)
    tokens = {val_col: V.number_tokens(column[val_col].uniques, sentinels)}
    dec, thou = _decimal(path, tokens, sep, decimal, thousands)
    order = variables.uniques
    by_var = np.split(np.argsort(variables.codes, kind="stable"),
                      np.cumsum(np.bincount(variables.codes, minlength=len(order)))[:-1])
    vals = column[val_col]
    kinds = V.classify_cells(vals.uniques, decimal=dec, thousands=thou, sentinels=sentinels,
                             sentinel_numbers=sentinel_numbers, dash_as=dash_as)
    data: dict[str, pd.Series] = {}
    reasons: dict[str, pd.Series] = {}
    markers = []
    full = pd.RangeIndex(n_rows)
    for v, idx in zip(order, by_var, strict=True):
        target = row_of[idx]
        parsed = V.assemble(vals.codes[idx], kinds, vals.uniques, full, length=n_rows,
                            target=target)
        if parsed.bad:
            where = {pos: cells.where[idx[pos]] for pos, _ in parsed.bad[:5]}
            raise _bad_values_error(path, val_col, parsed.bad, where, dec, thou, merkmal=v)
        rs = parsed.reasons
        absent = np.ones(n_rows, dtype=bool)
        absent[target] = False
        if absent.any():
            rs[absent] = Reason.NOT_DELIVERED.value
            markers.append((v, Reason.NOT_DELIVERED.value + " (row absent)", int(absent.sum())))
        data[v] = parsed.values
        if rs.notna().any():
            reasons[reason_column(v)] = rs
        markers += [(v, r, n) for r, n in parsed.markers]
    frame = pd.DataFrame(data, index=full, copy=False)  # the Series are ours: no copy
    texts = []
    first = None
    for h in column:
        if h in (key, var_col, val_col, st_col):
            continue
        if first is None:
            # the first line of each row: row_of numbers the rows in order of first appearance,
            # so a row starts where row_of exceeds every earlier code (O(n), unlike np.unique)
            seen = np.maximum.accumulate(row_of)
            first = np.flatnonzero(np.concatenate(([True], row_of[1:] > seen[:-1])))
            del seen
        text = column[h].mapped(lambda c: V.cell_to_text(c).strip())
        if len(pd.unique(row_of.astype(np.int64) * len(text.uniques) + text.codes)) == n_rows:
            per_row = np.asarray([t or None for t in text.uniques], dtype=object)
            frame.insert(len(texts), h, pd.Series(per_row[text.codes[first]], index=full,
                                                  dtype="str"))
            texts.append(h)
        else:
            notes.append(f"Column {h!r} differs between the Merkmale of one district; not kept.")
    if dates is not None:
        frame.insert(0, "Stichtag", pd.Series(_timestamps(dates, rows % n_days), index=full))
    for name, series in reasons.items():
        frame[name] = series
    frame.index = pd.Index(np.asarray(keys.uniques, dtype=object)[rows // n_days], dtype="str",
                           name=key)
    used = decimal is not None or any(tokens.values())  # else the separators were irrelevant
    return frame, markers, dec if used else None, thou if used else None, texts


def _select_stichtag(path, frame, key, stichtag, *, has_column, notes):
    """Keep one Stichtag (or all, indexed by (key, Stichtag)); returns (frame, stichtage)."""
    if not has_column:
        if isinstance(stichtag, str) and stichtag == "all":
            raise ConfigError.from_key("io.stichtag_all_without_column", path=path)
        if stichtag is None:
            return frame, []
        day = parse_stichtag(stichtag)
        frame.insert(0, "Stichtag", pd.Series(pd.Timestamp(day), index=frame.index))
        return frame, [day]
    days = sorted({ts.date() for ts in frame["Stichtag"].unique()})
    listed = ", ".join(d.strftime("%d.%m.%Y") for d in days)
    if isinstance(stichtag, str) and stichtag == "all":
        out = frame.set_index("Stichtag", append=True)
        return out, days
    if stichtag is None:
        # the latest, as sozialraum.datasets does; said in the load report, never silently
        day = days[-1]
        if len(days) > 1:
            notes.append(
                f"{len(days)} Stichtage in the file ({listed}); the latest, {day:%d.%m.%Y}, was "
                f"read. Choose another with stichtag=..., or stichtag='all' for all of them "
                f"(indexed by ({key!r}, 'Stichtag'))."
            )
    else:
        day = parse_stichtag(stichtag)
        if day not in days:
            raise ConfigError.from_key(
                "io.stichtag_not_in_file", path=path, day=day, stichtage=listed
            )
    keep = (frame["Stichtag"] == pd.Timestamp(day)).to_numpy()
    out = frame.loc[keep].copy()
    empty = [c for c in out.columns if is_reason_column(c) and out[c].isna().all()]
    return out.drop(columns=empty), [day]
