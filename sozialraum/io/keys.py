"""District keys as text, key checks and column errors shared by the readers."""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from sozialraum.errors import (
    ColumnError,
    DuplicateKeyError,
    FileFormatError,
    InputFileNotFoundError,
    MissingDataError,
    format_values,
)

# --------------------------------------------------------------------------- helpers


def _check_file(path: str | os.PathLike) -> Path:
    p = Path(path)
    if not p.exists():
        near = ""
        if p.parent.is_dir():
            close = difflib.get_close_matches(p.name, [c.name for c in p.parent.iterdir()], n=1)
            if close:
                near = f" Did you mean '{close[0]}'?"
        raise InputFileNotFoundError(
            f"The file '{p}' does not exist.{near} Check the path (relative paths start in "
            f"'{Path.cwd()}')."
        )
    if p.is_dir() and p.suffix.lower() not in {".gdb"}:
        raise FileFormatError(f"'{p}' is a folder, not a file. Give the path of the file itself.")
    return p


def _did_you_mean(value: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    if not close:
        lowered = {o.lower(): o for o in options}
        if value.lower() in lowered:
            close = [lowered[value.lower()]]
    return f" Did you mean {close[0]!r}?" if close else ""


def missing_column_error(
    path: Path | str, column: str, columns: Sequence[str], what: str, argument: str = "key"
):
    """A ColumnError naming the file, the column, what exists and a did-you-mean hint."""
    listed = format_values(columns, limit=12)
    return ColumnError(
        f"'{path}' has no {what} column {column!r}.{_did_you_mean(column, columns)} "
        f"Columns in the file: {listed}. Pass the right name with {argument}=..."
    )


def keys_to_text(values: pd.Series) -> tuple[pd.Series, bool]:
    """Key values as text; numbers lose a ``.0`` (101.0 -> "101"). Returns (keys, converted)."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return values.astype("str"), True
    if pd.api.types.is_integer_dtype(values.dtype):
        out = pd.Series(
            [None if pd.isna(v) else str(int(v)) for v in values], index=values.index, dtype="str"
        )
        return out, True
    if pd.api.types.is_float_dtype(values.dtype):
        out = [
            None if pd.isna(v) else (str(int(v)) if float(v).is_integer() else repr(float(v)))
            for v in values
        ]
        return pd.Series(out, index=values.index, dtype="str"), True
    converted = False
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
            out.append(None)
        elif isinstance(v, str):
            out.append(v)
        else:
            converted = True
            if isinstance(v, float) and v.is_integer():
                out.append(str(int(v)))
            else:
                out.append(str(v))
    return pd.Series(out, index=values.index, dtype="str"), converted


def check_keys(
    keys: pd.Series,
    path: Path | str,
    column: str,
    where: Sequence[str] | None = None,
    *,
    duplicates: bool = True,
) -> None:
    """Raise on missing (null or blank) and duplicate keys, naming rows/lines."""
    where = list(where) if where is not None else [f"row {i + 1}" for i in range(len(keys))]
    blank = [where[i] for i, k in enumerate(keys) if k is None or pd.isna(k) or not str(k).strip()]
    if blank:
        raise MissingDataError(
            f"'{path}', column {column!r}: {len(blank)} rows have no key: "
            f"{format_values(blank)}. Every district needs a key; fill them in or remove the rows."
        )
    dup_mask = keys.duplicated(keep=False)
    if duplicates and dup_mask.any():
        dups = list(dict.fromkeys(keys[dup_mask]))
        details = []
        for k in dups[:5]:
            rows = [where[i] for i in np.flatnonzero((keys == k).to_numpy())]
            details.append(f"{k!r} ({', '.join(rows)})")
        more = f" and {len(dups) - 5} more" if len(dups) > 5 else ""
        raise DuplicateKeyError(
            f"'{path}', column {column!r}: {len(dups)} keys occur more than once: "
            f"{'; '.join(details)}{more}. Keys must be unique; remove the duplicate rows or "
            "choose the right key column."
        )
