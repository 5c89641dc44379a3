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
file exactly as Python's :mod:`csv` module would (no quote characters, no NUL,
the same number of fields on every line, no empty lines in between); otherwise,
or without pyarrow, the caller reads with :mod:`csv` into the same columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
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
        remap = np.empty(len(self.uniques), dtype=np.intp)
        for j, u in enumerate(self.uniques):
            remap[j] = seen.setdefault(func(u), len(seen))
        return Column(remap[self.codes] if len(self.uniques) else self.codes, list(seen))

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
    """Positions ``"line N"`` of the data rows, made only when a message needs one."""

    def __init__(self, numbers: np.ndarray, word: str = "line"):
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
        blank = np.array([not str(u).strip() for u in c.uniques], dtype=bool)
        out &= blank[c.codes] if len(blank) else out
    return out


def arrow_columns(text: str, sep: str, first_line: int):
    """Read CSV `text` with pyarrow; None where only :mod:`csv` reads it right.

    Returns ``(header, columns, lines)``: the stripped header cells, one
    :class:`Column` per header cell and the line number of each data row
    (counted as :mod:`csv` counts them, the first line of `text` being
    `first_line`). Blank rows are dropped, as the csv path does.
    """
    try:
        import pyarrow as pa  # optional: the fast path; the csv module reads without it
        import pyarrow.compute as pc
        import pyarrow.csv as pacsv
    except ImportError:
        return None
    if '"' in text or "\x00" in text:
        return None  # quoting rules and NUL: leave them to the csv module
    if "\r" in text:
        # without quotes a lone CR ends a line as for the csv module; the count stays the same
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    start, line = 0, first_line
    while True:  # the header is the first line with a non-blank cell
        end = text.find("\n", start)
        head = text[start:] if end < 0 else text[start:end]
        if any(c.strip() for c in head.split(sep)):
            break
        if end < 0:
            return None
        start, line = end + 1, line + 1
    header = [c.strip() for c in head.split(sep)]
    if end < 0:
        return None
    data = text.encode("utf-8")
    start = len(text[: end + 1].encode("utf-8"))  # the first byte after the header line
    stop = len(data)
    while data.endswith(b"\n\n", start, stop):
        stop -= 1  # trailing empty lines: the csv module skips them too
    body = memoryview(data)[start:stop]
    n_lines = data.count(b"\n", start, stop) + (0 if data.endswith(b"\n", start, stop) else 1)
    if stop <= start:
        return None
    names = [f"f{i}" for i in range(len(header))]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(body),
            read_options=pacsv.ReadOptions(column_names=names, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(delimiter=sep, quote_char=False,
                                             ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=False,
                null_values=[], quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None  # e.g. a row with more or fewer fields: the csv path names its line
    del body, data
    if table.num_rows != n_lines:
        return None
    columns = []
    for i in range(len(header)):
        # one dictionary for all chunks, in order of first appearance (chunks are in file order)
        chunks = pc.dictionary_encode(table.column(i)).unify_dictionaries().chunks
        codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks])
        uniques = chunks[0].dictionary.to_pylist() if chunks else []
        columns.append(Column(codes, uniques))
    del table
    lines = np.arange(line + 1, line + 1 + n_lines, dtype=np.int64)
    blank = blank_rows(columns)
    if blank.any():
        keep = np.flatnonzero(~blank)
        columns = [c.take(keep) for c in columns]
        lines = lines[keep]
    return header, columns, lines
