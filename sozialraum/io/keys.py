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
    InputError,
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

# --------------------------------------------------------------------------- municipality keys

#: Separator of a combined key: municipality key, separator, local Sozialraum number.
KEY_SEPARATOR = "-"
_DIGITS = re.compile(r"^[0-9]+$")


def _as_text_series(values, name: str) -> pd.Series:
    if isinstance(values, pd.Series):
        series = values
    elif isinstance(values, pd.Index):
        series = values.to_series(index=values)
    else:
        series = pd.Series(list(np.atleast_1d(np.asarray(values, dtype=object))), dtype=object)
    text, _ = keys_to_text(series)
    return text.rename(name if series.name is None else series.name)


def check_ags(
    values,
    *,
    path: Path | str = "<Daten>",
    column: str = "AGS",
    kind: str = "auto",
    kreis: str | None = None,
) -> pd.Series:
    """Check official municipality keys (AGS, 8 digits, or ARS, 12 digits) and return them as text.

    An AGS is Land (2 digits, 01-16), Regierungsbezirk (1), Kreis (2) and Gemeinde (3);
    an ARS inserts the 4-digit Gemeindeverband after the Kreis. Checked: the length, only
    digits (a key read as a number lost its leading zero), the Land code, and that every
    key lies in the same Kreis (the first five digits; or in `kreis` if given).

    Parameters
    ----------
    values : Series, Index, list or str
        The keys.
    path, column : str
        Named in the error message (file and column the keys come from).
    kind : {"auto", "AGS", "ARS"}
        ``auto``: 8 digits are an AGS, 12 an ARS (all keys of one kind).
    kreis : str, optional
        The 5-digit Kreis key (Land, Regierungsbezirk, Kreis) all keys must start with.
        Without it the keys must share one Kreis part; pass ``kreis=""`` to allow
        several Kreise.

    Returns
    -------
    Series of str
        The keys as text, leading zeros kept, same index.

    Raises
    ------
    InputError
        With the file, the column and the first offending values (German by default).

    Examples
    --------
    >>> check_ags(["03159001", "03159002"]).tolist()
    ['03159001', '03159002']
    >>> check_ags([3159001])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sozialraum.errors.InputError: '<Daten>', column 'AGS': 1 key(s) are not ...
    """
    keys = _as_text_series(values, column)
    lengths = {"AGS": (8,), "ARS": (12,), "auto": (8, 12)}
    if kind not in lengths:
        raise InputError.from_key("io.ags_kind", given=repr(kind))
    if keys.isna().any():
        check_keys(keys, path, column, duplicates=False)
    bad = [k for k in keys if not _DIGITS.match(k) or len(k) not in lengths[kind]]
    if bad:
        expected = {"AGS": "8", "ARS": "12", "auto": "8 (AGS) oder 12 (ARS)"}[kind]
        raise InputError.from_key(
            "io.ags_format", path=path, column=column, n=len(bad), expected=expected,
            values=Listed(list(dict.fromkeys(bad))),
        )
    if kind == "auto" and len({len(k) for k in keys}) > 1:
        raise InputError.from_key(
            "io.ags_mixed", path=path, column=column,
            values=Listed(list(dict.fromkeys(keys))),
        )
    land = [k for k in keys if not 1 <= int(k[:2]) <= 16]
    if land:
        raise InputError.from_key(
            "io.ags_land", path=path, column=column, n=len(land),
            values=Listed(list(dict.fromkeys(land))),
        )
    parts = list(dict.fromkeys(k[:5] for k in keys))
    if kreis is None and len(parts) > 1:
        raise InputError.from_key(
            "io.ags_kreis_mixed", path=path, column=column, kreise=Listed(parts),
        )
    if kreis:
        if not (_DIGITS.match(str(kreis)) and len(str(kreis)) == 5):
            raise InputError.from_key("io.ags_kreis_given", given=repr(kreis))
        outside = [k for k in keys if not k.startswith(str(kreis))]
        if outside:
            raise InputError.from_key(
                "io.ags_kreis_outside", path=path, column=column, kreis=str(kreis),
                n=len(outside), values=Listed(list(dict.fromkeys(outside))),
            )
    return keys


def ags_from_ars(ars) -> pd.Series | str:
    """The 8-digit AGS of a 12-digit ARS (Land, RB, Kreis + the last three digits).

    Examples
    --------
    >>> ags_from_ars("031590016016")
    '03159016'
    """
    scalar = isinstance(ars, str)
    keys = check_ags([ars] if scalar else ars, column="ARS", kind="ARS", kreis="")
    out = keys.str[:5] + keys.str[9:]
    return out.iloc[0] if scalar else out


def combine_keys(ags, local, *, sep: str = KEY_SEPARATOR) -> pd.Series | str:
    """The region-wide key of a Sozialraum: municipality key, `sep`, local number.

    Sozialraum numbers repeat between municipalities ("0101" in every town); with the
    municipality key in front they are unique in the region. Both parts stay text, leading
    zeros kept. Scalars give a str, Series an aligned Series (named ``SR_ID``).

    Examples
    --------
    >>> combine_keys("05558012", "0101")
    '05558012-0101'
    >>> combine_keys(pd.Series(["03159001", "03159002"]), pd.Series(["0101", "0101"])).tolist()
    ['03159001-0101', '03159002-0101']
    """
    if isinstance(ags, str) and isinstance(local, str):
        if not local or sep in local:
                    raise InputError.from_key("io.local_key_bad", sep=sep, values=Listed([local]))
        return f"{ags}{sep}{local}"
    a = _as_text_series(ags, "AGS")
    loc = _as_text_series(local, "SR_NR")
    if isinstance(ags, pd.Series) and isinstance(local, pd.Series):
        loc = loc.reindex(a.index)
    else:
        loc.index = a.index
    bad = [v for v in loc if v is None or pd.isna(v) or not v or sep in v]
    if bad:
            raise InputError.from_key("io.local_key_bad", sep=sep, values=Listed(bad))
    return (a + sep + loc).rename("SR_ID")


def split_key(key, *, sep: str = KEY_SEPARATOR):
    """Split combined keys into (municipality key, local number): the inverse of combine_keys.

    Examples
    --------
    >>> split_key("05558012-0101")
    ('05558012', '0101')
    >>> ags, local = split_key(pd.Series(["03159001-0101", "03159002-0203"]))
    >>> ags.tolist(), local.tolist()
    (['03159001', '03159002'], ['0101', '0203'])
    """
    scalar = isinstance(key, str)
    keys = _as_text_series([key] if scalar else key, "SR_ID")
    parts = keys.str.split(sep, n=1, regex=False)
    bad = [k for k, p in zip(keys, parts, strict=True) if len(p) != 2 or not p[0] or not p[1]]
    if bad:
        raise InputError.from_key("io.combined_key_bad", sep=sep, values=Listed(bad))
    ags = parts.str[0].rename("AGS")
    local = parts.str[1].rename("SR_NR")
    if scalar:
        return ags.iloc[0], local.iloc[0]
    return ags, local
