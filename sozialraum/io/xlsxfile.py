"""Private: an XLSX sheet as cells, as openpyxl reads them (python-calamine where it agrees).

openpyxl parses the sheet's XML in Python: a 17 MB sheet takes over a minute,
87 % of it in openpyxl. python-calamine (Rust) reads the same cells about five
times faster but differs in a few places; :func:`_read_xlsx_calamine` maps them
onto openpyxl's values or leaves the file to openpyxl:

* an empty cell is ``""`` (openpyxl: None) -> None;
* a date without time is ``datetime.date`` (openpyxl: ``datetime.datetime``)
  -> ``datetime.datetime`` at midnight;
* a whole number is a float (``5.0``; openpyxl: ``5``): the reader treats both
  alike (value, text ``"5"``, no decimals), so they are kept;
* an error cell (``#N/A``) is ``""`` (openpyxl: the text ``"#N/A"``, a bad
  value), and text with leading or trailing blanks stored without
  ``xml:space="preserve"`` is stripped (openpyxl keeps the blanks): a sheet
  with either, found by a scan of its XML, is read with openpyxl; so is a
  workbook with chart sheets or one python-calamine cannot open.
"""

from __future__ import annotations

import datetime as _dt
import re
import warnings
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from sozialraum._util.dates import parse_stichtag
from sozialraum.errors import ConfigError, FileFormatError, Listed
from sozialraum.io import numbers as V
from sozialraum.io.csvfile import TITLE_LINES, _Cells, _filled, title_rows
from sozialraum.io.keys import did_you_mean


def sheet_cells(path: Path, name: str, records: Iterable[Sequence[object]]) -> _Cells:
    """The header (the first non-blank row below a title, :func:`title_rows`), data rows
    and their row numbers of one sheet."""
    header: list[str] | None = None
    rows: list[list[object]] = []
    where: list[str] = []
    # the header is the first row with two filled cells, if one of the first TITLE_LINES
    # non-blank rows is (the rows above it are a title: "Stand: 31.12.2024"), else the first
    above: list[tuple[int, list[object]]] = []
    numbered = enumerate(records, start=1)
    for number, record in numbered:
        cells = list(record)
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        above.append((number, cells))
        if len(above) > TITLE_LINES or _filled(cells) >= 2:
            break
    titles = title_rows([c for _, c in above])
    if above:
        header = [V.cell_to_text(c).strip() for c in above[titles][1]]
        for number, cells in above[titles + 1:]:
            rows.append(cells)
            where.append(f"row {number}")
    for number, record in numbered:
        cells = list(record)
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        rows.append(cells)
        where.append(f"row {number}")
    if header is None:
        raise FileFormatError.from_key("io.sheet_empty", path=path, sheet=name)
    width = len(header)
    while width and not header[width - 1] and all(
        len(r) < width or r[width - 1] is None for r in rows
    ):
        width -= 1
    header = header[:width]
    rows = [(r + [None] * width)[:width] for r in rows]
    return _Cells(header, rows, where,
                  report={"sheet": name, **({"titles": titles} if titles else {})})


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# an error cell; a <t> without attributes (no xml:space="preserve") with a blank at either end
_DIFFERS = re.compile(rb"""\st=["']e["']|<t>(?:\s|[^<]*\s</t>)""")


def _sheet_member(z: zipfile.ZipFile, choose) -> str:
    """The package member of a sheet; `choose` picks its ``<sheet>`` element from the
    workbook's list."""
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    target = targets[choose(list(book.iter(f"{_MAIN}sheet"))).get(f"{_REL}id")]
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def _xml_differs(path: Path, position: int) -> bool:
    """True if the sheet at `position` or the shared strings hold what python-calamine reads
    differently from openpyxl (error cells, unpreserved blanks); True when in doubt."""
    try:
        with zipfile.ZipFile(path) as z:
            member = _sheet_member(z, lambda sheets: sheets[position])
            names = set(z.namelist())
            members = [member] + [m for m in ("xl/sharedStrings.xml",) if m in names]
            for m in members:
                with z.open(m) as f:
                    carry = b""
                    while chunk := f.read(1 << 22):
                        text = carry + chunk
                        # a cell or string cut by the chunk waits for the next chunk
                        cut = max(text.rfind(b"<c "), text.rfind(b"<si>"), 0)
                        if _DIFFERS.search(text, 0, cut):
                            return True
                        carry = text[cut:]
                    if _DIFFERS.search(carry):
                        return True
    except Exception:  # anything unexpected in the package: openpyxl decides
        return True
    return False


def _read_xlsx_calamine(path: Path, sheet: str | int | None) -> _Cells | None:
    """The sheet's cells read by python-calamine and mapped onto openpyxl's (module docstring);
    None where openpyxl must read."""
    try:
        import python_calamine  # optional: the fast path; openpyxl reads without it
    except ImportError:
        return None
    try:
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        meta = wb.sheets_metadata
        names = list(wb.sheet_names)
    except Exception:  # openpyxl reads it or gives the message for an unreadable file
        return None
    try:
        if any(str(m.typ) != "SheetTypeEnum.WorkSheet" for m in meta):
            return None
        name, chosen_note = _choose_sheet(path, names, sheet)
        if _xml_differs(path, names.index(name)):
            return None
        try:
            records = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception:
            return None
    finally:
        wb.close()
    date, combine, midnight = _dt.date, _dt.datetime.combine, _dt.time()
    mapped = (
        [None if c == "" else combine(c, midnight) if type(c) is date else c for c in r]
        for r in records
    )
    cells = sheet_cells(path, name, mapped)
    if chosen_note:
        cells.notes.append(chosen_note)
    return cells


def _read_xlsx(path: Path, sheet: str | int | None) -> _Cells:
    """The sheet's cells as openpyxl gives them: python-calamine where it reads the same;
    numbers shown as percent (cell format ``0,0 %``) as shown, see :func:`_as_shown`."""
    cells = _read_xlsx_calamine(path, sheet)
    cells = cells if cells is not None else _read_xlsx_openpyxl(path, sheet)
    return _as_shown(path, cells)


#: Built-in number formats that show a percent (0 %, 0.00 %).
_PERCENT_FORMATS = {9, 10}
_CELL_STYLE = re.compile(rb"""<c\s[^>]*?r=["']([A-Z]+)\d+["'][^>]*?\ss=["'](\d+)["']"""
                         rb"""|<c\s[^>]*?\ss=["'](\d+)["'][^>]*?r=["']([A-Z]+)\d+["']""")


def _percent_styles(z: zipfile.ZipFile) -> set[int]:
    """The cell styles (indexes into ``cellXfs``) whose number format shows a percent."""
    if "xl/styles.xml" not in z.namelist():
        return set()
    styles = ET.fromstring(z.read("xl/styles.xml"))
    percent = set(_PERCENT_FORMATS)
    for fmt in styles.iter(f"{_MAIN}numFmt"):
        code = fmt.get("formatCode", "").replace('\\%', "").split('"')
        # a % outside quoted text ("0.0%"; not "0 \"%-Punkte\"")
        if any("%" in part for part in code[::2]):
            percent.add(int(fmt.get("numFmtId", "-1")))
    xfs = next(styles.iter(f"{_MAIN}cellXfs"), None)
    if xfs is None:
        return set()
    return {i for i, xf in enumerate(xfs.iter(f"{_MAIN}xf"))
            if int(xf.get("numFmtId", "0")) in percent}


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _percent_columns(path: Path, name: str) -> set[int]:
    """The columns (0 = A) of sheet `name` with a cell formatted as a percent; empty when
    unsure (the values are then taken as stored)."""
    try:
        with zipfile.ZipFile(path) as z:
            styles = _percent_styles(z)
            if not styles:
                return set()
            member = _sheet_member(
                z, lambda sheets: next(e for e in sheets if e.get("name") == name))
            found: set[int] = set()

            def scan(text: bytes, end: int) -> None:
                for m in _CELL_STYLE.finditer(text, 0, end):
                    col, style = m.group(1, 2) if m.group(1) else m.group(4, 3)
                    if int(style) in styles:
                        found.add(_column_index(col))

            with z.open(member) as f:
                carry = b""
                while chunk := f.read(1 << 22):
                    text = carry + chunk
                    cut = max(text.rfind(b"<c "), 0)  # a cell cut by the chunk waits
                    scan(text, cut)
                    carry = text[cut:]
                scan(carry, len(carry))
            return found
    except Exception:  # an unusual package: the values as stored
        return set()


def _as_shown(path: Path, cells: _Cells) -> _Cells:
    """Numbers of columns formatted as a percent, as the sheet shows them: Excel stores
    5,5 % as 0.055; a share of 5.5 (per cent) is what the table says. Recorded in
    ``report["percent_columns"]``."""
    columns = _percent_columns(path, cells.report.get("sheet", ""))
    columns = {i for i in columns if i < len(cells.header)}
    if not columns:
        return cells
    for row in cells.rows:
        for i in columns:
            v = row[i]
            if isinstance(v, int | float) and not isinstance(v, bool):
                row[i] = round(v * 100, 10)
    cells.report["percent_columns"] = [cells.header[i] for i in sorted(columns)]
    return cells


def _read_xlsx_openpyxl(path: Path, sheet: str | int | None) -> _Cells:
    import openpyxl  # lazy: openpyxl only for XLSX files

    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it does not read (default styles, data
            # validation, conditional formatting); they do not change the cell values.
            warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\..*")
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, InvalidFileException, KeyError ...
        raise FileFormatError.from_key(
            "io.xlsx_unreadable", path=path, error=type(exc).__name__, detail=exc
        ) from exc
    try:
        name, chosen_note = _choose_sheet(path, list(wb.sheetnames), sheet)
        cells = sheet_cells(path, name, wb[name].iter_rows(values_only=True))
    finally:
        wb.close()
    if chosen_note:
        cells.notes.append(chosen_note)
    return cells


def _choose_sheet(path: Path, names: list[str], sheet: str | int | None):
    """The name of the sheet to read and a note if it was chosen by its date."""
    chosen_note = None
    if sheet is None:
        if len(names) > 1:
            days = _sheet_days(names)
            if days is None:
                raise ConfigError.from_key(
                    "io.sheet_choose", path=path, n=len(names), sheets=Listed(names, limit=20)
                )
            name = max(days, key=days.get)
            chosen_note = (
                f"{len(names)} sheets named as Stichtage; the latest, {name!r}, was read "
                "(choose another with sheet=...)."
            )
        else:
            name = names[0]
    elif isinstance(sheet, int) and not isinstance(sheet, bool):
        if not 0 <= sheet < len(names):
            raise ConfigError.from_key(
                "io.sheet_position", path=path, n=len(names), last=len(names) - 1,
                sheet=sheet, sheets=Listed(names, limit=20),
            )
        name = names[sheet]
    elif sheet in names:
        name = str(sheet)
    else:
        raise ConfigError.from_key(
            "io.sheet_unknown", path=path, sheet=sheet, hint=did_you_mean(str(sheet), names),
            sheets=Listed(names, limit=20),
        )
    return name, chosen_note


def _sheet_days(names: Sequence[str]) -> dict[str, object] | None:
    """Sheet name -> Stichtag if every sheet is named like a Stichtag, else None."""
    days = {}
    for n in names:
        try:
            days[n] = parse_stichtag(n.strip())
        except ConfigError:
            return None
    return days


