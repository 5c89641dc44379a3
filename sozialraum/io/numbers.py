"""Private: turn text cells from a statistics office into numbers plus reason flags.

Used by :mod:`sozialraum.io`. Everything here works on lists of raw cells
(``str`` from a CSV, ``str``/``int``/``float``/``None`` from an XLSX sheet) and
knows nothing about files; the caller adds the file name to error messages.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sozialraum.io.cells import REASON_DTYPE, Reason
from sozialraum.io.columns import columns_from_rows

#: Statistics-office markers (Zeichenerklärung of the German statistics offices).
MARKERS: dict[str, Reason] = {
    ".": Reason.SECRET,  # Zahlenwert unbekannt oder geheim zu halten
    "x": Reason.SECRET,  # Tabellenfach gesperrt
    "X": Reason.SECRET,
    "-": Reason.TRUE_ZERO,  # genau null (nichts vorhanden)
    "\u2013": Reason.TRUE_ZERO,  # the same dash typeset as an en dash
    "/": Reason.NOT_MEANINGFUL,  # keine Angabe, da Zahlenwert nicht sicher genug / nicht sinnvoll
    "...": Reason.NOT_AVAILABLE,  # Angabe fällt später an
    "\u2026": Reason.NOT_AVAILABLE,  # the same as one ellipsis character
    "": Reason.NOT_DELIVERED,  # empty cell
}

_SIGN = r"[+-]?"
_PLAIN_INT = re.compile(rf"^{_SIGN}\d+$")
_ONE_COMMA = re.compile(rf"^{_SIGN}\d+,\d+$")
_ONE_DOT = re.compile(rf"^{_SIGN}\d+\.\d+$")
_GROUPED_DOT = re.compile(rf"^{_SIGN}\d{{1,3}}(\.\d{{3}})+(,\d+)?$")
_GROUPED_COMMA = re.compile(rf"^{_SIGN}\d{{1,3}}(,\d{{3}})+(\.\d+)?$")
_LEADING_DOT = re.compile(rf"^{_SIGN}[.,]\d+$")
_EXPONENT = re.compile(rf"^{_SIGN}\d+([.,]\d+)?[eE][+-]?\d+$")


def _looks_numeric(token: str) -> bool:
    return bool(
        _PLAIN_INT.match(token)
        or _ONE_COMMA.match(token)
        or _ONE_DOT.match(token)
        or _GROUPED_DOT.match(token)
        or _GROUPED_COMMA.match(token)
        or _LEADING_DOT.match(token)
        or _EXPONENT.match(token)
    )


def decimal_evidence(token: str) -> set[str]:
    """Which decimal separators `token` proves ("," and/or "."); empty if it proves none.

    ``"1,5"`` proves a decimal comma; ``"1.234"`` proves nothing (thousands
    separator or three decimals); ``"1.234,5"`` proves a decimal comma.
    """
    t = token.lstrip("+-")
    # A thousands-grouped number never starts with a 0 ("0.567" cannot be 567), so three
    # digits after the only separator prove nothing only when the integer part has no
    # leading zero.
    if _ONE_COMMA.match(t):
        whole, frac = t.split(",")
        return set() if len(frac) == 3 and not whole.startswith("0") else {","}
    if _ONE_DOT.match(t):
        whole, frac = t.split(".")
        return set() if len(frac) == 3 and not whole.startswith("0") else {"."}
    if "," in t and "." in t:
        if _GROUPED_DOT.match(t):
            return {","}
        if _GROUPED_COMMA.match(t):
            return {"."}
    if _GROUPED_DOT.match(t) and t.count(".") > 1:
        return {","}  # 1.234.567: dots can only be thousands separators
    if _GROUPED_COMMA.match(t) and t.count(",") > 1:
        return {"."}
    if _LEADING_DOT.match(t):
        return {t[0]}
    return set()


def is_ambiguous(token: str) -> bool:
    """True for ``"1.234"`` or ``"1,234"``: a thousands separator or three decimals."""
    t = token.lstrip("+-")
    return bool(re.fullmatch(r"[1-9]\d{0,2}[.,]\d{3}", t))


def infer_decimal(tokens: Iterable[str], sep: str | None) -> tuple[str | None, str]:
    """Infer the decimal separator from number-like tokens.

    Returns ``(decimal, how)``; `decimal` is None when the tokens contradict
    each other or are ambiguous without a convention (the caller raises).
    """
    seen: set[str] = set()
    ambiguous = False
    for token in tokens:
        seen |= decimal_evidence(token)
        ambiguous = ambiguous or is_ambiguous(token)
    if len(seen) == 2:
        return None, "mixed"
    if seen:
        return seen.pop(), "values"
    if sep == ";":
        return ",", "separator"  # the German convention: ';' because ',' is the decimal
    if sep == ",":
        return ".", "separator"
    if ambiguous:
        return None, "ambiguous"
    return ",", "default"  # nothing to decide: no token has a separator


def parse_number(token: str, decimal: str, thousands: str | None) -> float | None:
    """Parse one number token; None if it is not a number in this notation."""
    t = token.strip()
    if not t or not _looks_numeric(t):
        return None
    if thousands:
        grouped = _GROUPED_DOT if thousands == "." else _GROUPED_COMMA
        if thousands in t:
            if not grouped.match(t):
                return None
            t = t.replace(thousands, "")
    other = "." if decimal == "," else ","
    if other in t:
        return None  # the other separator in a token that is not grouped: not this notation
    t = t.replace(decimal, ".")
    try:
        value = float(t)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@dataclass(frozen=True)
class ParsedColumn:
    """A parsed value column: values, reasons, and the cells that failed to parse."""

    values: pd.Series  # Int64 or float64
    reasons: pd.Series  # REASON_DTYPE, missing where the value is an ordinary number
    bad: tuple[tuple[int, object], ...]  # (position, raw cell) that are not numbers
    n_numbers: int  # cells that were numbers (not markers)
    markers: tuple[tuple[str, int], ...]  # reason -> count


def classify_cell(
    cell: object,
    sentinels: frozenset[str],
    sentinel_numbers: frozenset[float],
) -> tuple[str, object]:
    """Return ``("number", float)``, ``("marker", Reason)`` or ``("text", str)`` for one cell.

    Text still has to go through :func:`parse_number`; numbers from XLSX
    cells arrive typed.
    """
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return "marker", Reason.NOT_DELIVERED
    if isinstance(cell, bool):
        return "text", str(cell)
    if isinstance(cell, int | float | np.integer | np.floating):
        value = float(cell)
        if value in sentinel_numbers:
            return "marker", Reason.NOT_DELIVERED
        return "number", value
    token = str(cell).strip()
    if token in sentinels:
        return "marker", Reason.NOT_DELIVERED
    if token in MARKERS:
        return "marker", MARKERS[token]
    return "text", token


@dataclass(frozen=True)
class CellKinds:
    """What each *distinct* cell of a column is (see :func:`classify_cells`)."""

    values: np.ndarray  # float64: the number (0 for "-" with dash_as="zero"), NaN otherwise
    reasons: np.ndarray  # int8 code into REASON_DTYPE's categories, -1 for an ordinary number
    bad: np.ndarray  # bool: neither a number nor a marker
    decimals: np.ndarray  # bool: written with decimals ("12,0"; 12.5 in XLSX)


_REASON_CODE = {c: i for i, c in enumerate(REASON_DTYPE.categories)}


def classify_cells(
    cells: Sequence[object],
    *,
    decimal: str,
    thousands: str | None,
    sentinels: frozenset[str],
    sentinel_numbers: frozenset[float],
    dash_as: str,
) -> CellKinds:
    """Classify each cell once: number, marker (with its reason) or bad.

    Called on the distinct cells of a column (:class:`sozialraum.io.columns.
    Column`), so a file of millions of rows costs one Python call per distinct
    cell; :func:`assemble` spreads the result back to the rows with numpy.
    """
    n = len(cells)
    values = np.full(n, np.nan)
    reasons = np.full(n, -1, dtype=np.int8)
    bad = np.zeros(n, dtype=bool)
    decimals = np.zeros(n, dtype=bool)
    for pos, cell in enumerate(cells):
        kind, payload = classify_cell(cell, sentinels, sentinel_numbers)
        if kind == "number" and isinstance(cell, float | np.floating):
            decimals[pos] = not float(cell).is_integer()
        if kind == "text":
            number = parse_number(payload, decimal, thousands)  # type: ignore[arg-type]
            if number is not None and number in sentinel_numbers:
                kind, payload = "marker", Reason.NOT_DELIVERED
            elif number is None:
                bad[pos] = True
                continue
            else:
                kind, payload = "number", number
                decimals[pos] = decimal in str(cell)
        if kind == "number":
            values[pos] = payload  # type: ignore[assignment]
            continue
        reason = Reason(payload)
        reasons[pos] = _REASON_CODE[reason.value]
        if reason is Reason.TRUE_ZERO and dash_as == "zero":
            values[pos] = 0.0
    return CellKinds(values, reasons, bad, decimals)


def assemble(
    codes: np.ndarray,
    kinds: CellKinds,
    uniques: Sequence[object],
    index: pd.Index,
    *,
    length: int | None = None,
    target: np.ndarray | None = None,
) -> ParsedColumn:
    """The :class:`ParsedColumn` of the rows with these `codes` (into `uniques`).

    With `target` (row positions, one per code) and `length` the values and
    reasons are placed at `target` in a column of `length` rows (missing
    elsewhere) on `index`: the same as building the column on `target` and
    reindexing it to ``range(length)``, without the intermediate copy.
    """
    values = kinds.values[codes]
    reasons = kinds.reasons[codes]
    is_bad = kinds.bad[codes]
    numbers = ~np.isnan(values)
    n_numbers = int(np.count_nonzero(numbers & (reasons < 0)))
    counted = np.bincount(reasons[reasons >= 0], minlength=len(_REASON_CODE))
    cats = REASON_DTYPE.categories
    markers = tuple(sorted((cats[i], int(k)) for i, k in enumerate(counted) if k))
    bad = tuple((int(p), uniques[codes[p]]) for p in np.flatnonzero(is_bad))
    nums = values[numbers]
    integral = not kinds.decimals[codes].any() and bool(
        np.all((np.mod(nums, 1) == 0) & (np.abs(nums) < 2**53))
    )
    if target is not None:
        full_values = np.full(length, np.nan)
        full_values[target] = values
        full_reasons = np.full(length, -1, dtype=np.int8)
        full_reasons[target] = reasons
        values, reasons = full_values, full_reasons
    missing = np.isnan(values)
    if integral:
        ints = np.where(missing, 0, values).astype(np.int64)
        series = pd.Series(pd.arrays.IntegerArray(ints, missing), index=index)
    else:
        series = pd.Series(values, index=index, dtype="float64")
    reason_series = pd.Series(pd.Categorical.from_codes(reasons, dtype=REASON_DTYPE), index=index)
    return ParsedColumn(values=series, reasons=reason_series, bad=bad, n_numbers=n_numbers,
                        markers=markers)


def parse_column(
    cells: Sequence[object],
    index: pd.Index,
    *,
    decimal: str,
    thousands: str | None,
    sentinels: frozenset[str],
    sentinel_numbers: frozenset[float],
    dash_as: str,
) -> ParsedColumn:
    """Parse the cells of one value column into numbers and reasons."""
    (column,) = columns_from_rows([[c] for c in cells], 1)
    kinds = classify_cells(column.uniques, decimal=decimal, thousands=thousands,
                           sentinels=sentinels, sentinel_numbers=sentinel_numbers,
                           dash_as=dash_as)
    return assemble(column.codes, kinds, column.uniques, index)


class CellPool:
    """The distinct cells of several columns, pooled so each is classified once.

    The value columns of a wide table share most of their cells ("12", "1.234",
    "."); :func:`pool_positions` maps each column's distinct cells into the pool.
    """

    def __init__(self) -> None:
        self.cells: list[object] = []
        self._index: dict[object, int] = {}

    def positions(self, uniques: Sequence[object]) -> np.ndarray:
        """Pool position of each of `uniques` (added if new)."""
        index, cells = self._index, self.cells
        out = np.empty(len(uniques), dtype=np.intp)
        for j, cell in enumerate(uniques):
            k = cell if type(cell) is str else (type(cell), cell)
            pos = index.get(k)
            if pos is None:
                pos = index[k] = len(cells)
                cells.append(cell)
            out[j] = pos
        return out


def take_kinds(kinds: CellKinds, positions: np.ndarray) -> CellKinds:
    """The kinds of the cells at `positions` of a pool."""
    return CellKinds(kinds.values[positions], kinds.reasons[positions], kinds.bad[positions],
                     kinds.decimals[positions])


def token_or_none(cell: object, sentinels: frozenset[str]) -> str | None:
    """The token of `cell` if it is text that looks like a number, else None."""
    if isinstance(cell, str):
        token = cell.strip()
        if token and token not in MARKERS and token not in sentinels and _looks_numeric(token):
            return token
    return None


def number_tokens(cells: Iterable[object], sentinels: frozenset[str]) -> list[str]:
    """The text cells that look like numbers (for :func:`infer_decimal`)."""
    out = []
    for cell in cells:
        if isinstance(cell, str):
            token = cell.strip()
            if token and token not in MARKERS and token not in sentinels and _looks_numeric(token):
                out.append(token)
    return out


def is_text_column(cells: Sequence[object], sentinels: frozenset[str]) -> bool:
    """True if no cell of the column is a number (markers and empty cells aside).

    Such a column (a ``name`` column, say) stays text automatically; a column
    with at least one number is a value column and every other cell must be a
    number or a marker.
    """
    has_text = False
    for cell in cells:
        if isinstance(cell, bool):
            has_text = True
            continue
        if isinstance(cell, int | float | np.integer | np.floating):
            if isinstance(cell, float) and math.isnan(cell):
                continue
            return False
        if cell is None:
            continue
        token = str(cell).strip()
        if token in MARKERS or token in sentinels:
            continue
        if _looks_numeric(token):
            return False
        has_text = True
    return has_text


def cell_to_text(cell: object) -> str:
    """An XLSX/CSV cell as text; integral floats lose their ``.0`` (101.0 -> "101")."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if hasattr(cell, "strftime") and not isinstance(cell, str):
        return cell.isoformat()  # type: ignore[union-attr]
    return str(cell)
