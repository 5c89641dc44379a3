"""Private: a table as factorised columns (one code per row + the distinct cells).

A statistics table of 100 MB has millions of cells but few distinct ones (the
Stichtage, keys and Merkmale repeat; counts repeat too). :func:`sozialraum.io.
tables.read_table` therefore keeps each column as a :class:`Column`: an integer
code per row and the distinct raw cells in order of first appearance. Every
per-cell rule of the reader (markers, numbers, dates, text) is applied once per
*distinct* cell with the same Python functions as before and spread back to the
rows with numpy, so the results are the same cell for cell.

:func:`arrow_columns` reads a CSV with pyarrow's multi-threaded C++ reader, every
column as text (markers and leading zeros survive), and factorises each column
with ``pyarrow.compute.dictionary_encode``. It is used only where it reads the
file exactly as Python's :mod:`csv` module would (quotes only around whole
fields, see :class:`_Quotes`; no NUL, the same number of fields on every line, no
empty lines in between); otherwise, or without pyarrow, the caller reads with
:mod:`csv` into the same columns.
"""

from __future__ import annotations

import csv
import ctypes
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Column:
    """One column: `codes` (one per row) index into `uniques` (distinct raw cells)."""

    codes: np.ndarray
    uniques: list

    def __len__(self) -> int:
        return len(self.codes)

    def cell(self, row: int) -> object:
        """The raw cell of one row."""
        return self.uniques[self.codes[row]]

    def cells(self, rows: Iterable[int] | None = None) -> list:
        """The raw cells of `rows` (all rows if None), as a list."""
        codes = self.codes if rows is None else self.codes[np.asarray(list(rows), dtype=np.intp)]
        u = self.uniques
        return [u[c] for c in codes]

    def take(self, rows: np.ndarray) -> Column:
        """The column restricted to `rows` (same distinct cells; some may go unused)."""
        return Column(self.codes[rows], self.uniques)

    def mapped(self, func: Callable[[object], object]) -> Column:
        """`func` applied to every distinct cell; equal results merged (first appearance kept)."""
        seen: dict[object, int] = {}
        remap = np.empty(len(self.uniques), dtype=self.codes.dtype)
        same = True  # every cell its own result: the codes can be shared, not copied
        for j, u in enumerate(self.uniques):
            remap[j] = code = seen.setdefault(func(u), len(seen))
            same = same and code == j
        if same:
            return Column(self.codes, list(seen))
        return Column(remap[self.codes], list(seen))

    def values(self, dtype: object = object) -> np.ndarray:
        """The cells of every row as a numpy array."""
        return np.asarray(self.uniques, dtype=dtype)[self.codes] if self.uniques else (
            np.empty(0, dtype=dtype)
        )


def _key(cell: object) -> object:
    # 1, 1.0 and True are equal as dict keys but different cells; str is by far the commonest
    return cell if type(cell) is str else (type(cell), cell)


class ColumnBuilder:
    """Collects rows of raw cells into factorised columns (the :mod:`csv`/XLSX path)."""

    def __init__(self, width: int):
        self._seen: list[dict] = [{} for _ in range(width)]
        self._uniques: list[list] = [[] for _ in range(width)]
        self._codes: list[list[int]] = [[] for _ in range(width)]

    def add(self, record: Sequence[object]) -> None:
        for seen, uniques, codes, cell in zip(self._seen, self._uniques, self._codes, record,
                                              strict=True):
            k = _key(cell)
            code = seen.get(k)
            if code is None:
                code = seen[k] = len(uniques)
                uniques.append(cell)
            codes.append(code)

    def columns(self) -> list[Column]:
        return [Column(np.asarray(c, dtype=np.intp), u)
                for c, u in zip(self._codes, self._uniques, strict=True)]


def columns_from_rows(rows: Sequence[Sequence[object]], width: int) -> list[Column]:
    """Factorised columns of `rows` (each of length `width`)."""
    builder = ColumnBuilder(width)
    for r in rows:
        builder.add(r)
    return builder.columns()


class Lines(Sequence[str]):
    """Positions ``"line N"`` of the data rows, made only when a message needs one.

    `numbers` is a numpy array or a ``range`` (no 8 bytes per row when the rows are
    consecutive lines, as on the pyarrow path without blank rows).
    """

    def __init__(self, numbers: np.ndarray | range, word: str = "line"):
        self.numbers, self.word = numbers, word

    def __len__(self) -> int:
        return len(self.numbers)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [f"{self.word} {n}" for n in self.numbers[i]]
        return f"{self.word} {int(self.numbers[i])}"


def blank_rows(columns: Sequence[Column]) -> np.ndarray:
    """True for rows whose cells are all empty or whitespace (the csv path skips them)."""
    out = np.ones(len(columns[0]), dtype=bool) if columns else np.zeros(0, dtype=bool)
    for c in columns:
        if not out.any():
            break  # no row left that could be blank: the other columns need not be looked at
        blank = np.array([not str(u).strip() for u in c.uniques], dtype=bool)
        out &= blank[c.codes] if len(blank) else out
    return out


#: Bytes of text pyarrow parses at a time; each block is factorised and its text dropped
#: (1 MB: the peak memory of a 100 MB file is lower than with 4 or 16 MB, the time the same).
BLOCK_SIZE = 1 << 20


class _Stop(Exception):
    """The text holds something only the csv module reads right (a quote, NUL)."""


class _Quotes:
    """Checks, piece by piece, that every quote is one pyarrow reads as the csv module does.

    The csv module's default dialect (``excel``: quote ``"``, ``""`` inside a quoted
    field for one quote, no escape character, no initial spaces skipped) and
    pyarrow with ``quote_char='"'``, ``double_quote=True`` and
    ``newlines_in_values=True`` give the same cells where every field is either
    free of quotes or quoted as a whole: ``"`` right at the start of the field,
    the closing ``"`` right before the separator or the line end, quotes inside
    only doubled. Separators and LF inside quotes are then parts of the cell for
    both. Anything else (a quote inside an unquoted field, text after the closing
    quote, a quote never closed, a CR inside quotes, which pyarrow would see as
    LF after the line-end normalisation of :class:`_Body`) fails the check and
    the caller reads the file with the csv module.

    Counted, not parsed: the quotes of the text alternate between opening and
    closing (a doubled quote inside is a closing and an opening one), so with the
    count carried from piece to piece each quote's role is known, and the rule
    is that an opening quote follows a separator, a line end or a closing quote,
    a closing quote is followed by a separator, a line end, an opening quote or
    the end of the text, and no CR lies between an opening and its closing quote
    (numpy on the UTF-8 bytes of each piece with a quote; the separator is ASCII).
    `feed` takes the raw pieces (before the CR/CRLF normalisation), so a quoted
    field may span any number of pieces and blocks. The header line is checked
    with :attr:`record` instead (a regular expression of one record).
    """

    def __init__(self, sep: str):
        s = re.escape(sep)
        quoted = r'"[^"\r]*(?:""[^"\r]*)*"'
        field = rf'(?:{quoted}|[^"{s}\r\n]*)'
        self.record = re.compile(rf"{field}(?:{s}{field})*")  # one record without its line end
        self._sep = sep
        self._ok = np.zeros(256, dtype=bool)  # the bytes that may neighbour a quote
        self._ok[[ord(sep), 10, 13, 34]] = True
        self._inside = False  # an odd number of quotes so far: within a quoted field
        self._prev = 10  # the last byte before the next piece (as if after a line end)
        self._closed_last = False  # the last piece ended with a closing quote
        self.seen = False  # a quote was seen

    def feed(self, piece: str) -> bool:
        """Check `piece` (the text after the previous one); False if the csv module must read."""
        if not piece:
            return True
        if self._closed_last and piece[0] not in (self._sep, "\n", "\r", '"'):
            return False  # text right after a closing quote
        self._closed_last = False
        if '"' not in piece:
            if self._inside and "\r" in piece:
                return False
            self._prev = ord(piece[-1]) if ord(piece[-1]) < 128 else 0
            return True
        self.seen = True
        raw = np.frombuffer(piece.encode("utf-8", "surrogatepass"), dtype=np.uint8)
        ext = np.empty(len(raw) + 1, dtype=np.uint8)
        ext[0], ext[1:] = self._prev, raw
        q = np.flatnonzero(raw == 34) + 1  # positions in ext
        opening = (np.arange(len(q)) % 2 == 0) != self._inside
        before = ext[q[opening] - 1]
        if not self._ok[before].all():
            return False  # an opening quote inside a field
        closing = q[~opening]
        last_closes = len(closing) and closing[-1] == len(raw)
        after = ext[closing[:-1] + 1] if last_closes else ext[closing + 1]
        if not self._ok[after].all():
            return False  # text after a closing quote
        cr = np.flatnonzero(raw == 13) + 1
        if len(cr):
            quotes_before = np.searchsorted(q, cr) + self._inside
            if (quotes_before % 2 == 1).any():
                return False  # a CR inside quotes
        self._inside = bool((len(q) + self._inside) % 2)
        self._closed_last = bool(last_closes)
        self._prev = int(ext[-1])
        return True

    def finish(self) -> bool:
        """At the end of the text: True if no quoted field is left open."""
        return not self._inside


def _quotes_for(sep: str) -> _Quotes | None:
    """A :class:`_Quotes` for `sep`; None for a separator it cannot check (quotes then stop)."""
    return _Quotes(sep) if len(sep) == 1 and sep.isascii() and sep not in '"\r\n' else None


class _Body:
    """The data lines of a CSV as a binary file for pyarrow, built from decoded pieces.

    Hand-written because the pyarrow path must see exactly the lines the csv
    module would see, without the whole file in memory: CR and CRLF become LF
    (a CR at the end of a piece waits for the next one), the run of newlines at
    the end shrinks to one (the csv module skips trailing empty lines), a NUL or
    a quote that fails `quotes` (:class:`_Quotes`; every quote if None) stops
    the read (recorded in `stopped`), and the newlines passed on are counted for
    the check against pyarrow's row count. An exception of the pieces (a
    UnicodeDecodeError) is kept in `error` and ends the stream.
    """

    def __init__(self, first: str, pieces: Iterator[str], quotes: _Quotes | None = None):
        self._quotes = quotes
        self._pending = [first]
        self._pieces = pieces
        self._buffer = b""
        self._cr = ""  # a CR at the end of a piece (maybe the first half of CRLF)
        self._newlines = ""  # trailing newlines not yet passed on
        self._done = False
        self.newlines_out = 0
        self.chars_out = 0
        self.last = ""
        self.stopped = False
        self.error: BaseException | None = None
        self.closed = False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def close(self) -> None:
        self.closed = True

    def _next_text(self) -> str | None:
        """The next stretch of normalised text to pass on, None at the end."""
        while not self._done:
            piece = self._pending.pop() if self._pending else next(self._pieces, None)
            if piece is None:
                if self._quotes is not None and not self._quotes.finish():
                    raise _Stop
                self._done = True
                text = self._cr and "\n"
                self._cr = ""
                return self._emit(text, final=True)
            if "\x00" in piece:
                raise _Stop
            if self._quotes is None:
                if '"' in piece:
                    raise _Stop
            elif not self._quotes.feed(piece):
                raise _Stop
            piece = self._cr + piece
            self._cr = ""
            if piece.endswith("\r"):
                piece, self._cr = piece[:-1], "\r"
            if "\r" in piece:
                piece = piece.replace("\r\n", "\n").replace("\r", "\n")
            out = self._emit(piece, final=False)
            if out:
                return out
        return None

    def _emit(self, text: str, *, final: bool) -> str:
        text = self._newlines + text
        body = text.rstrip("\n")
        self._newlines = text[len(body):]
        if final:  # the trailing run of newlines shrinks to one
            body, self._newlines = body + self._newlines[:1], ""
        if body:
            self.newlines_out += body.count("\n")
            self.chars_out += len(body)
            self.last = body[-1]
        return body

    def read(self, n: int = -1) -> bytes:
        try:
            while n < 0 or len(self._buffer) < n:
                text = self._next_text()
                if text is None:
                    break
                self._buffer += text.encode("utf-8")
        except _Stop:
            self.stopped, self._done, self._buffer = True, True, b""
        except Exception as exc:  # raised again by arrow_columns
            self.error, self._done, self._buffer = exc, True, b""
        if n < 0 or n >= len(self._buffer):
            out, self._buffer = self._buffer, b""
        else:
            out, self._buffer = self._buffer[:n], self._buffer[n:]
        return out


def _split_header(pieces: Iterator[str], sep: str,
                  quotes: _Quotes | None) -> tuple[list[str], int, str] | None:
    """The header cells, the number of lines before it and the raw text after its line.

    The header is the first line with a non-blank cell (CR, LF and CRLF end a
    line); a line with quotes is split as the csv module splits it if `quotes`
    accepts it as one record (a header over several lines is not). None if
    there is no such line, nothing after it, a NUL, or a quote not accepted.
    """
    text, skipped = "", 0
    for piece in pieces:
        if "\x00" in piece:
            return None
        text += piece
        while True:
            ends = [i for i in (text.find("\r"), text.find("\n")) if i >= 0]
            if not ends:
                break
            i = min(ends)
            if text[i] == "\r" and i + 1 == len(text):
                break  # maybe CRLF: wait for the next piece
            head, rest = text[:i], text[i + (2 if text.startswith("\r\n", i) else 1):]
            if '"' in head:
                if quotes is None or quotes.record.fullmatch(head) is None:
                    return None
                cells = next(csv.reader([head], delimiter=sep))
            else:
                cells = head.split(sep)
            if any(c.strip() for c in cells):
                return [c.strip() for c in cells], skipped, rest
            text, skipped = rest, skipped + 1
    return None  # no header line, or no line end after it


def _code_dtype(n: int) -> np.dtype:
    """The smallest signed integer type for codes 0..n-1 (a Stichtag column needs one byte)."""
    for t in (np.int8, np.int16, np.int32):
        if n <= np.iinfo(t).max:
            return np.dtype(t)
    return np.dtype(np.int64)


def trim_heap() -> None:
    """Give the heap's free memory back to the system (glibc only; elsewhere nothing).

    Why: the blocks' text, freed one by one, stays in glibc's heap between the
    small arrays of codes kept from each block, so the heap grows by several
    times the file size (a wide 100 MB file: 500 MB, against 150 MB of codes);
    trimmed every 8 blocks and after each column's unification it stays near
    the codes (the read's CPU time did not change measurably).
    """
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def arrow_columns(pieces: str | Iterable[str], sep: str, first_line: int):
    """Read CSV text with pyarrow, block by block; None where only :mod:`csv` reads it right.

    `pieces` is the decoded text, whole or as consecutive pieces (an iterator
    reading the file), so the file's text is never held at once: pyarrow's
    streaming reader parses :data:`BLOCK_SIZE` bytes at a time, each block's
    columns are dictionary-encoded (all columns as text, so markers and leading
    zeros survive) and only the codes and the distinct cells are kept; the blocks'
    dictionaries are unified at the end in order of first appearance, as
    :class:`ColumnBuilder` orders them.

    Returns ``(header, columns, lines)``: the stripped header cells, one
    :class:`Column` per header cell (codes of the smallest integer type) and the
    line number of each data row (counted as :mod:`csv` counts them, the first
    line of the text being `first_line`; a row whose quoted cells hold line
    ends is numbered by its last line, as ``csv.reader.line_num`` does). Blank
    rows (``;;;``) are dropped, as the csv path does. None if the text has a NUL,
    a quote :class:`_Quotes` does not accept, a row with another number of
    fields, no header or no data line. An exception raised by `pieces` propagates.
    """
    try:
        import pyarrow as pa  # optional: the fast path; the csv module reads without it
        import pyarrow.compute as pc
        import pyarrow.csv as pacsv
    except ImportError:
        return None
    pieces = iter([pieces] if isinstance(pieces, str) else pieces)
    quotes = _quotes_for(sep)
    found = _split_header(pieces, sep, quotes)
    if found is None:
        return None
    header, skipped, rest = found
    line = first_line + skipped  # the header's line
    body = _Body(rest, pieces, quotes)
    # the system allocator hands freed blocks back; pyarrow's default pool (mimalloc) keeps
    # them, and the blocks' text would stay in the process after the read
    pool = pa.system_memory_pool()
    names = [f"f{i}" for i in range(len(header))]
    chunks: list[list] = [[] for _ in names]
    n_rows = 0
    try:
        reader = pacsv.open_csv(
            body,
            read_options=pacsv.ReadOptions(column_names=names, block_size=BLOCK_SIZE,
                                           use_threads=False),
            parse_options=pacsv.ParseOptions(
                delimiter=sep, quote_char='"' if quotes is not None else False,
                double_quote=True, escape_char=False, newlines_in_values=quotes is not None,
                ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=False,
                null_values=[], quoted_strings_can_be_null=False,
            ),
            memory_pool=pool,
        )
        for batch in reader:
            n_rows += batch.num_rows
            for i in range(len(names)):
                chunks[i].append(pc.dictionary_encode(batch.column(i), memory_pool=pool))
            del batch
            if len(chunks[0]) % 8 == 0:
                trim_heap()  # the freed blocks between the codes kept
    except (pa.ArrowInvalid, pa.ArrowException):
        if body.error is not None:
            raise body.error from None
        return None  # e.g. a row with more or fewer fields: the csv path names its line
    if body.error is not None:
        raise body.error
    n_lines = body.newlines_out + (0 if body.last == "\n" else 1)
    quoted = quotes is not None and quotes.seen
    if body.stopped or not body.chars_out or (n_rows != n_lines and not quoted):
        return None
    columns = []
    shared: dict[str, str] = {}
    for i in range(len(names)):
        # one dictionary for all blocks, in order of first appearance (blocks are in file order)
        unified = pa.chunked_array(chunks[i], type=chunks[i][0].type)
        unified = unified.unify_dictionaries(memory_pool=pool)
        chunks[i] = []
        parts = unified.chunks
        codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in parts],
                               dtype=_code_dtype(len(parts[0].dictionary)))
        # equal cells of different columns ("12", ".") become one str object: the value
        # columns of a wide file share most of their cells
        uniques = [shared.setdefault(u, u) for u in parts[0].dictionary.to_pylist()]
        del unified, parts
        trim_heap()
        columns.append(Column(codes, uniques))
    trim_heap()
    lines: np.ndarray | range = range(line + 1, line + 1 + n_rows)
    if quoted:
        # line ends inside quoted cells: each is a line of the file (csv's line_num counts it)
        inside = np.zeros(n_rows, dtype=np.int64)
        for c in columns:
            per_cell = np.array([u.count("\n") for u in c.uniques], dtype=np.int64)
            if per_cell.any():
                inside += per_cell[c.codes]
        if n_rows + int(inside.sum()) != n_lines:
            return None  # e.g. an empty line between the rows: the csv path decides
        if inside.any():
            lines = np.arange(line + 1, line + 1 + n_rows, dtype=np.int64) + np.cumsum(inside)
    blank = blank_rows(columns)
    if blank.any():
        keep = np.flatnonzero(~blank)
        columns = [c.take(keep) for c in columns]
        lines = np.asarray(lines, dtype=np.int64)[keep]
    return header, columns, lines
