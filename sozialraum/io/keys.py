"""District keys as text, key checks and column errors shared by the readers."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from sozialraum.errors import (
    ColumnError,
    DuplicateKeyError,
    FileFormatError,
    InputFileNotFoundError,
    Listed,
    MissingDataError,
    Phrase,
    _fill,
)

# --------------------------------------------------------------------------- message values


class PerLanguage(Listed):
    """A value already written in each language: ``PerLanguage(de="...", en="...")``."""

    def __init__(self, **texts: str):
        super().__init__([])
        self.texts = texts

    def __len__(self) -> int:
        return 1

    def render(self, lang: str) -> str:
        return self.texts[lang]


class Phrases(Listed):
    """Several phrases (or plain texts) joined by `sep`, at most `limit`, then "and N more"."""

    def __init__(self, items: Iterable[object], limit: int = 5, sep: str = ", "):
        super().__init__(items, limit)
        self.sep = sep

    def render(self, lang: str) -> str:
        shown = self.sep.join(_one(i, lang) for i in self.items[: self.limit])
        rest = len(self.items) - self.limit
        if rest <= 0:
            return shown
        return _fill("io.and_more", lang, {"shown": shown, "n": rest})


_PLACE = re.compile(r"^(line|row|feature) (\d+)$")


class Places(Listed):
    """Positions in a file ("line 4", "row 2", "feature 7") in each language, quoted like Listed."""

    def render(self, lang: str) -> str:
        quoted = [f"'{_one(place(w), lang)}'" for w in self.items[: self.limit]]
        return Phrases(quoted + self.items[self.limit :], self.limit).render(lang)


def place(where: object) -> object:
    """A position label ("line 4", "row 2", "feature 7") as a Phrase; other values unchanged."""
    m = _PLACE.match(str(where))
    return Phrase(f"io.place_{m.group(1)}", n=int(m.group(2))) if m else where


def _one(item: object, lang: str) -> str:
    return item.render(lang) if isinstance(item, (Listed, Phrase)) else str(item)


def did_you_mean(value: str, options: Sequence[str]) -> Phrase | str:
    """The hint " Did you mean 'x'?" in each language, or "" if nothing is close.

    >>> did_you_mean("SR_NRR", ["SR_NR", "NAME"]).render("de")
    " Meinten Sie 'SR_NR'?"
    """
    close = _closest(value, options)
    return Phrase("io.hint_did_you_mean", hint=repr(close)) if close is not None else ""

# --------------------------------------------------------------------------- helpers


def _check_file(path: str | os.PathLike) -> Path:
    p = Path(path)
    if not p.exists():
        near: Phrase | str = ""
        if p.parent.is_dir():
            close = difflib.get_close_matches(p.name, [c.name for c in p.parent.iterdir()], n=1)
            if close:
                near = Phrase("io.hint_did_you_mean", hint=f"'{close[0]}'")
        raise InputFileNotFoundError.from_key(
            "io.file_not_found", path=p, hint=near, cwd=Path.cwd()
        )
    if p.is_dir() and p.suffix.lower() not in {".gdb"}:
        raise FileFormatError.from_key("io.path_is_folder", path=p)
    return p


def _closest(value: str, options: Sequence[str]) -> str | None:
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    if not close:
        lowered = {o.lower(): o for o in options}
        if value.lower() in lowered:
            close = [lowered[value.lower()]]
    return close[0] if close else None


def missing_column_error(
    path: Path | str, column: str, columns: Sequence[str], what: str, argument: str = "key"
) -> ColumnError:
    """A ColumnError naming the file, the column, what exists and a did-you-mean hint.

    `what` is the kind of column: "key", "text", "Merkmal", "value" (catalogue
    ``io.column_kind_<what>``).
    """
    return ColumnError.from_key(
        "io.missing_column",
        path=path,
        what=Phrase(f"io.column_kind_{what.lower()}"),
        column=column,
        hint=did_you_mean(column, columns),
        columns=Listed(columns, limit=12),
        argument=argument,
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
        raise MissingDataError.from_key(
            "io.keys_blank", path=path, column=column, n=len(blank), rows=Places(blank)
        )
    dup_mask = keys.duplicated(keep=False)
    if duplicates and dup_mask.any():
        dups = list(dict.fromkeys(keys[dup_mask]))
        details: list[object] = []
        for k in dups[:5]:  # the message shows five; the rest only counts
            rows = [where[i] for i in np.flatnonzero((keys == k).to_numpy())]
            details.append(Phrase("io.key_at", key=repr(k), rows=Phrases(map(place, rows), 10**9)))
        details += dups[5:]
        raise DuplicateKeyError.from_key(
            "io.keys_duplicate", path=path, column=column, n=len(dups),
            keys=Phrases(details, sep="; "),
        )
