"""Private: a CSV file as cells, read as Python's :mod:`csv` module reads it.

:func:`read_csv_columns` gives the factorised columns of
:mod:`sozialraum.io.columns` (pyarrow, streaming the file, where it reads the
same; else :mod:`csv` on the whole text);
:func:`_read_csv` the rows as lists (for ``config.inspect``).
"""

from __future__ import annotations

import codecs
import csv
import io as _io
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sozialraum.errors import FileFormatError
from sozialraum.io.columns import Column, ColumnBuilder, Lines, arrow_columns, trim_heap
from sozialraum.io.keys import Phrase, place

_SEP_NAMES = {";": "';'", ",": "','", "\t": "tab"}


def _sep_name(sep: str) -> object:
    """The separator as shown in a message: "';'", or the word for a tab in each language."""
    return Phrase("io.sep_tab") if sep == "\t" else _SEP_NAMES.get(sep, repr(sep))


@dataclass
class _Cells:
    """A table as raw cells plus where each row came from."""

    header: list[str]
    rows: list[list[object]]
    where: list[str]  # "line 5" (CSV) or "row 5" (XLSX) per data row
    report: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- CSV


def _decode(path: Path, raw: bytes, encoding: str | None) -> tuple[str, str]:
    if encoding is not None:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise FileFormatError.from_key(
                "io.csv_encoding", path=path, encoding=encoding, detail=exc
            ) from exc
    try:
        text = raw.decode("utf-8-sig")
        return text, "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise FileFormatError.from_key("io.csv_not_text", path=path, detail=exc) from exc


#: Characters the separator detection looks at (whole lines of them).
SNIFF_CHARS = 1 << 20

#: Lines above the header that a statistics office's export may hold (a title, "Stand: ..."),
#: looked for among this many first lines.
TITLE_LINES = 30


def _filled(cells: Sequence[object]) -> int:
    """The number of cells that are not empty or blank."""
    return sum(1 for c in cells if c is not None and str(c).strip())


#: A cell that is a number (an area's key or value): a row with one is no footnote.
_NUMBER = re.compile(r"^\s*[-+]?\d[\d.,]*\s*$")


def title_rows(rows: Sequence[Sequence[object]]) -> int:
    """How many leading rows are a title above the header: rows with at most one filled
    cell ("Bevölkerung nach Quartieren", "Stand: 31.12.2024") or none, followed within
    :data:`TITLE_LINES` rows by one with two or more that begins with a name, not a number
    (the header; ``SR;`` above ``0101;5`` is a header of one named column). 0 if there is
    none."""
    for i, row in enumerate(rows[:TITLE_LINES]):
        filled = [str(c).strip() for c in row if c is not None and str(c).strip()]
        if len(filled) >= 2:
            return i if i and not _NUMBER.match(filled[0]) else 0
    return 0


def _title_lines(text: str, sep: str) -> int:
    """The leading lines of `text` that :func:`title_rows` takes for a title (lines ended
    by LF or CRLF; a title line holds no quoted line break)."""
    head = text[: 1 << 16]
    if "\r" in head.replace("\r\n", ""):
        return 0  # CR alone ends the lines (old Mac files): no title looked for
    lines = head.split("\n")[:TITLE_LINES]
    try:
        cells = [next(csv.reader([ln.rstrip("\r")], delimiter=sep, strict=True), [])
                 for ln in lines]
    except csv.Error:
        return 0  # a quoted line break among the first lines: no title above the header
    return title_rows(cells)


def _titles_in(text: str, skip: int) -> int:
    """The title lines (not blank) among the first `skip` lines of `text`."""
    return sum(1 for ln in text.split("\n", skip)[:skip] if ln.strip())


def _drop_lines(text: str, n: int) -> str:
    """`text` without its first `n` lines."""
    pos = 0
    for _ in range(n):
        pos = text.index("\n", pos) + 1
    return text[pos:]


def _sniff_sep(text: str, complete: bool = True) -> str | None:
    """The separator; `text` may be the file's beginning only (`complete` False).

    Then `text` must be longer than :data:`SNIFF_CHARS`; None if the detection
    would need lines beyond it (fewer than 50 lines in the first 1 MB).
    """
    head = text[:SNIFF_CHARS]
    if len(head) < len(text) and "\n" in head:
        head = head[: head.rindex("\n")]  # whole lines only; enough for 50 lines of a table
    lines = [ln for ln in head.splitlines() if ln.strip()][:50 + TITLE_LINES]
    if len(lines) < 50 and len(head) < len(text):
        if not complete:
            return None
        lines = [ln for ln in text.splitlines() if ln.strip()][:50 + TITLE_LINES]
    best = None
    for sep in (";", "\t", ","):
        rows = list(csv.reader(lines, delimiter=sep))
        body = rows[title_rows(rows):][:50]  # this separator's own title rows left out
        counts = {len(r) for r in body}
        if len(counts) == 1 and counts.pop() > 1:
            return sep
        header = body[0] if body else []
        if best is None or len(header) > best[1]:
            best = (sep, len(header))
    return best[0] if best else ";"


def _csv_text(path: Path, sep: str | None, encoding: str | None
              ) -> tuple[str, str, str, int, int]:
    """The decoded text, separator, encoding used, lines skipped before it and how many of
    them were a title (:func:`title_rows`)."""
    raw = path.read_bytes()
    text, used = _decode(path, raw, encoding)
    del raw
    if not text.strip():
        raise FileFormatError.from_key("io.csv_empty", path=path)
    offset = 0  # lines skipped before the header, for line numbers in messages
    first, _, rest = text[:4096].partition("\n")
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        # Excel's separator hint line ("sep=;"): use it and skip it
        sep = sep or first.strip()[4]
        text, offset = text.partition("\n")[2], 1
    if sep is None:
        sep = _sniff_sep(text)
    skip = _title_lines(text, sep)  # a title above the header ("Stand: 31.12.2024")
    titles = _titles_in(text, skip)
    if skip:
        text, offset = _drop_lines(text, skip), offset + skip
    return text, sep, used, offset, titles


#: How a footnote below a table begins: a word of the offices' notes or a note mark.
_NOTE_START = re.compile(
    r"^(quelle|datenquelle|hinweis|hinweise|anmerkung|anmerkungen|erläuterung|erläuterungen"
    r"|zeichenerklärung|zeichen|legende|fußnote|fussnote|stand|source|note|notes)\b"
    r"|^(\d{1,2}\)|\*+\)?|[¹²³⁴⁵⁶⁷⁸⁹])\s*\S", re.I)


def is_note(cells: Sequence[object]) -> bool:
    """True for a footnote row below a table ("Quelle: Statistikstelle", "1) ohne ..."):
    its first filled cell begins as the offices' notes do and no cell is a number (the
    last area's row, "Am Hafen;.;.", is none)."""
    filled = [str(c).strip() for c in cells if c is not None and str(c).strip()]
    return bool(filled) and bool(_NOTE_START.match(filled[0])) and not any(
        _NUMBER.match(c) for c in filled)


def _csv_records(path: Path, text: str, sep: str, offset: int, report: dict | None = None):
    """Yield the header, then ``(line, record)`` per data row, as the csv module reads them.

    Rows with fewer fields than the header after the last data row that read as
    footnotes (:func:`is_note`) are left out and counted in ``report["footnotes"]`` (the
    first one's place, their number); such a row above a
    data row is an error, as every short row is.
    """
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=sep)
    header: list[str] | None = None
    pending: list[tuple[str, list[str]]] = []  # short rows that may be footnotes
    for record in reader:
        if not any(c.strip() for c in record):
            continue
        if header is None:
            header = [c.strip() for c in record]
            yield header
            continue
        line = f"line {reader.line_num + offset}"
        if len(record) < len(header) and is_note(record):
            pending.append((line, record))
            continue
        if pending:  # a data row below: the short row was not a footnote
            first, short = pending[0]
            raise FileFormatError.from_key(
                "io.csv_too_few_fields", path=path, line=place(first), n=len(short),
                n_header=len(header), sep=_sep_name(sep),
            )
        if len(record) > len(header):
            if any(c.strip() for c in record[len(header) :]):
                raise FileFormatError.from_key(
                    "io.csv_too_many_fields", path=path, line=place(line), n=len(record),
                    n_header=len(header), sep=_sep_name(sep),
                )
            record = record[: len(header)]
        elif len(record) < len(header):
            raise FileFormatError.from_key(
                "io.csv_too_few_fields", path=path, line=place(line), n=len(record),
                n_header=len(header), sep=_sep_name(sep),
            )
        yield line, record
    if pending and report is not None:
        report["footnotes"] = (pending[0][0], len(pending))




def _read_csv(path: Path, sep: str | None, encoding: str | None) -> _Cells:
    text, sep, used, offset, titles = _csv_text(path, sep, encoding)
    report = {"encoding": used, "sep": sep, **({"titles": titles} if titles else {})}
    records = _csv_records(path, text, sep, offset, report)
    header = next(records, None)
    if header is None:
        raise FileFormatError.from_key("io.csv_empty", path=path)
    rows: list[list[object]] = []
    where: list[str] = []
    for line, record in records:
        rows.append(list(record))
        where.append(line)
    return _Cells(header, rows, where, report=report)


@dataclass
class _Table:
    """A table as factorised columns (:class:`~sozialraum.io.columns.Column`)."""

    header: list[str]
    columns: list[Column]
    where: Sequence[str]  # "line 5" (CSV) or "row 5" (XLSX) per data row
    report: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


#: Bytes of the file decoded at a time on the streaming path (the first piece a little more,
#: so that the separator detection sees more than SNIFF_CHARS characters).
PIECE_BYTES = 1 << 20


def _pieces(f, decoder, first: bytes):
    """The decoded text of binary file `f`, piece by piece (`first` already read)."""
    chunk = first
    while True:
        nxt = f.read(PIECE_BYTES)
        yield decoder.decode(chunk, final=not nxt)
        if not nxt:
            return
        chunk = nxt


def _stream_columns(path: Path, sep: str | None, encoding: str | None) -> _Table | None:
    """The CSV as columns read piece by piece through pyarrow; None where it does not apply.

    Hand-written so that a 100 MB file is never held as bytes, text and parsed
    table at once (the whole-text path needs about seven times the file size). It
    makes the same decisions as :func:`_csv_text` on the file's beginning (the
    encoding: UTF-8 with or without BOM, else cp1252, unless given; an Excel
    ``sep=`` line; the separator) and hands the rest to
    :func:`~sozialraum.io.columns.arrow_columns`. A decoding error anywhere
    restarts with cp1252; None (the whole-text path decides, with its messages)
    for an empty or undecodable file, a quote that does not enclose a whole field
    (see :class:`~sozialraum.io.columns._Quotes`), NUL, an unknown encoding or
    when the beginning does not suffice for a decision.
    """
    candidates = [encoding] if encoding is not None else ["utf-8-sig", "cp1252"]
    for candidate in candidates:
        try:
            decoder = codecs.getincrementaldecoder(candidate)()
        except LookupError:
            return None
        with path.open("rb") as f:
            first_bytes = max(PIECE_BYTES, 4 * SNIFF_CHARS) + 8  # > SNIFF_CHARS characters
            raw = f.read(first_bytes)
            used = candidate
            if encoding is None and candidate == "utf-8-sig":
                used = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
            pieces = _pieces(f, decoder, raw)
            try:
                head = next(pieces)
                complete = len(raw) < first_bytes
                if not head.strip():
                    return None  # empty (or a long run of blanks): the whole-text path
                offset, use_sep = 0, sep
                first = head[:4096].partition("\n")[0]
                if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
                    if "\n" not in head:
                        return None
                    use_sep = use_sep or first.strip()[4]
                    head, offset = head.partition("\n")[2], 1
                if use_sep is None:
                    if not complete and len(head) <= SNIFF_CHARS:
                        return None
                    use_sep = _sniff_sep(head, complete=complete)
                    if use_sep is None:
                        return None
                skip = _title_lines(head, use_sep)
                titles = _titles_in(head, skip)
                if skip:
                    if head.count("\n") <= skip:
                        return None
                    head, offset = _drop_lines(head, skip), offset + skip
                fast = arrow_columns(itertools.chain([head], pieces), use_sep,
                                     first_line=1 + offset)
            except UnicodeDecodeError:
                continue  # the next candidate, as _decode does
        if fast is None:
            return None
        header, columns, lines = fast
        return _Table(header, columns, Lines(lines),
                      report={"encoding": used, "sep": use_sep,
                              **({"titles": titles} if titles else {})})
    return None


def read_csv_columns(path: Path, sep: str | None, encoding: str | None) -> _Table:
    """The CSV as columns: pyarrow where it reads as the csv module does, else the csv module.

    The pyarrow path streams the file (:func:`_stream_columns`); the csv module
    reads the whole text.
    """
    fast = _stream_columns(path, sep, encoding)
    if fast is not None:
        return fast
    trim_heap()  # the blocks of a streamed read given up late (a stray quote near the end)
    text, sep, used, offset, titles = _csv_text(path, sep, encoding)
    report = {"encoding": used, "sep": sep, **({"titles": titles} if titles else {})}
    records = _csv_records(path, text, sep, offset, report)
    header = next(records, None)
    if header is None:
        raise FileFormatError.from_key("io.csv_empty", path=path)
    builder = ColumnBuilder(len(header))
    where: list[str] = []
    for line, record in records:
        builder.add(record)
        where.append(line)
    return _Table(header, builder.columns(), where, report=report)
