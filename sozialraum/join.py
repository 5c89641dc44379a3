"""Joining a statistics table to district boundaries, with a report of every key.

:func:`join_indicators` never drops a district and never guesses: keys that
would only match after normalising (spaces, lost leading zeros, ``101.0``)
are reported with a suggested fix, and joined only when asked
(``normalize_keys=True`` or ``key_width=4``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from sozialraum._text import Language, text
from sozialraum.errors import (
    ColumnError,
    ConfigError,
    DuplicateKeyError,
    InputError,
    Listed,
    MissingDataError,
    Phrase,
    format_values,
)
from sozialraum.io.cells import Reason, get_reasons, is_reason_column, reason_column, with_reasons
from sozialraum.io.keys import PerLanguage, Phrases, keys_to_text

__all__ = ["JoinReport", "join_indicators"]

_FLOATISH = re.compile(r"^[+-]?\d+\.0+$")


@dataclass(frozen=True)
class JoinReport:
    """What happened to every key when a table was joined to boundaries.

    Attributes
    ----------
    key : str or None
        Name of the key (the boundaries' index name).
    n_boundaries, n_table, n_matched : int
        Districts in the boundaries, rows in the table, districts with data.
    only_in_boundaries : tuple of str
        Districts without a row in the table: kept, with missing values and
        the reason ``not_delivered``.
    only_in_table : tuple of str
        Table keys without a district: not added (they have no geometry).
    near_matches : tuple of (table_key, boundary_key, kind)
        Keys that match only after normalising; `kind` is ``"whitespace"``,
        ``"number_format"`` (``"101.0"``) or ``"leading_zeros"`` (or several
        joined by ``+``). Not joined unless normalisation was requested.
    normalized : tuple of (original, new)
        Table keys changed by ``normalize_keys=True`` / ``key_width=`` (with
        ``key_width=`` also the boundaries' keys, padded for matching).
    normalization : str or None
        Which normalisation was applied.
    shared_columns : tuple of str
        Columns in both inputs with equal values; taken once (from the boundaries).
    suffixed_columns : tuple of str
        Columns in both inputs with different values, renamed with `suffixes`.
    notes : tuple of str
        Further remarks (e.g. numeric keys converted to text).
    """

    key: str | None
    n_boundaries: int
    n_table: int
    n_matched: int
    only_in_boundaries: tuple[str, ...] = ()
    only_in_table: tuple[str, ...] = ()
    near_matches: tuple[tuple[str, str, str], ...] = ()
    normalized: tuple[tuple[str, str], ...] = ()
    normalization: str | None = None
    shared_columns: tuple[str, ...] = ()
    suffixed_columns: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    key_width_hint: int | None = None

    @property
    def complete(self) -> bool:
        """True if every district has data and every table row found its district."""
        return not self.only_in_boundaries and not self.only_in_table

    @property
    def suggestion(self) -> str | None:
        """How to fix near matches (English), or None."""
        return self._hint("en")

    def _hint(self, lang: Language) -> str | None:
        if not self.near_matches:
            return None
        kinds = {k for *_, kind in self.near_matches for k in kind.split("+")}
        width = self.key_width_hint
        hints = []
        if "leading_zeros" in kinds:
            # the side whose keys are shorter lost their zeros
            sides = {"table" if len(_clean(t)) < len(_clean(b)) else "boundaries"
                     for t, b, kind in self.near_matches if "leading_zeros" in kind}
            if "table" in sides:
                hints.append(
                    text("join.hint.leading_zeros", lang, width=width if width else 4)
                )
            if "boundaries" in sides:
                hints.append(text("join.hint.leading_zeros_boundaries", lang,
                                  width=width if width else 4))
        if "number_format" in kinds:
            hints.append(text("join.hint.number_format", lang))
        if "whitespace" in kinds:
            hints.append(text("join.hint.whitespace", lang))
        return " ".join(hints)

    def summary(self, lang: Language = "de") -> str:
        """A readable summary, German by default (``lang="en"`` for English).

        Examples
        --------
        >>> r = JoinReport(key="SR_NR", n_boundaries=2, n_table=2, n_matched=2)
        >>> print(r.summary())
        Verknüpfung über SR_NR: 2 Gebiete, 2 Tabellenzeilen, 2 verknüpft.
        Alle Schlüssel passen.
        """
        lines = [
            text(
                "join.summary",
                lang,
                key=self.key or "Index",
                n_boundaries=self.n_boundaries,
                n_table=self.n_table,
                n_matched=self.n_matched,
            )
        ]
        if self.normalized:
            pairs = ", ".join(f"{a!r} -> {b!r}" for a, b in self.normalized[:5])
            more = f" (+{len(self.normalized) - 5})" if len(self.normalized) > 5 else ""
            lines.append(
                text("join.normalized", lang, n=len(self.normalized), how=self.normalization,
                     pairs=pairs + more)
            )
        if self.only_in_boundaries:
            lines.append(
                text("join.only_boundaries", lang, n=len(self.only_in_boundaries),
                     keys=_listed(self.only_in_boundaries, lang))
            )
        if self.only_in_table:
            lines.append(
                text("join.only_table", lang, n=len(self.only_in_table),
                     keys=_listed(self.only_in_table, lang))
            )
        if self.near_matches:
            pairs = ", ".join(f"{t!r} ~ {b!r}" for t, b, _ in self.near_matches[:5])
            more = f" (+{len(self.near_matches) - 5})" if len(self.near_matches) > 5 else ""
            lines.append(text("join.near", lang, n=len(self.near_matches), pairs=pairs + more))
            lines.append(self._hint(lang) or "")
        if self.shared_columns:
            lines.append(text("join.shared", lang, columns=", ".join(self.shared_columns)))
        if self.suffixed_columns:
            lines.append(text("join.suffixed", lang, columns=", ".join(self.suffixed_columns)))
        if self.complete:
            lines.append(text("join.complete", lang))
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """One row per key: ``status`` ("matched", "only_in_boundaries", "only_in_table")
        and ``near_match`` (the partner key that matches after normalising)."""
        partner_t = {t: b for t, b, _ in self.near_matches}
        partner_b = {b: t for t, b, _ in self.near_matches}
        rows = [(k, "only_in_boundaries", partner_b.get(k)) for k in self.only_in_boundaries]
        rows += [(k, "only_in_table", partner_t.get(k)) for k in self.only_in_table]
        frame = pd.DataFrame(rows, columns=["key", "status", "near_match"]).astype("str")
        frame["near_match"] = frame["near_match"].where(frame["near_match"] != "None")
        return frame.set_index("key")

    def raise_if_unmatched(self) -> None:
        """Raise :class:`~sozialraum.MissingDataError` if any key did not match."""
        if self.complete:
            return
        parts = []
        if self.only_in_boundaries:
            parts.append(Phrase(
                "join.unmatched_boundaries", n=len(self.only_in_boundaries),
                keys=Listed(self.only_in_boundaries),
            ))
        if self.only_in_table:
            parts.append(Phrase(
                "join.unmatched_table", n=len(self.only_in_table), keys=Listed(self.only_in_table)
            ))
        hint = (
            PerLanguage(**{lang: f" {self._hint(lang)}" for lang in ("de", "en")})
            if self.suggestion else ""
        )
        raise MissingDataError.from_key(
            "join.unmatched",
            key=repr(self.key) if self.key else Phrase("join.the_index"),
            parts=Phrases(parts, sep="; "),
            hint=hint,
        )

    def __repr__(self) -> str:
        head = (
            f"JoinReport(key={self.key!r}, boundaries={self.n_boundaries}, table={self.n_table}, "
            f"matched={self.n_matched}"
        )
        extra = []
        if self.only_in_boundaries:
            extra.append(f"only_in_boundaries=[{format_values(self.only_in_boundaries)}]")
        if self.only_in_table:
            extra.append(f"only_in_table=[{format_values(self.only_in_table)}]")
        if self.near_matches:
            extra.append(f"near_matches={len(self.near_matches)}")
        if self.normalization:
            extra.append(f"normalization={self.normalization!r}")
        out = ", ".join([head, *extra]) + ")"
        if self.suggestion:
            out += f"\n  hint: {self.suggestion}"
        return out

    def _repr_html_(self) -> str:
        rows = [
            ("Schlüssel", self.key or "Index"),
            ("Gebiete (Geometrie)", self.n_boundaries),
            ("Tabellenzeilen", self.n_table),
            ("verknüpft", self.n_matched),
            ("nur in den Gebieten", _listed(self.only_in_boundaries, "de") or "–"),
            ("nur in der Tabelle", _listed(self.only_in_table, "de") or "–"),
        ]
        if self.near_matches:
            rows.append(
                ("passen erst nach Normalisierung",
                 ", ".join(f"{t!r} ~ {b!r}" for t, b, _ in self.near_matches[:5]))
            )
            rows.append(("Hinweis", self._hint("de")))
        if self.normalization:
            changed = f"{self.normalization}: {len(self.normalized)} Schlüssel"
            rows.append(("normalisiert", changed))
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(a))}</th>"
            f"<td style='text-align:left'>{html.escape(str(b))}</td></tr>"
            for a, b in rows
        )
        return f"<table class='sozialraum-joinreport'><caption>JoinReport</caption>{body}</table>"


def _listed(values, lang: Language) -> str:
    """format_values in the report's language ("and 3 more" / "und 3 weitere")."""
    out = format_values(values)
    if lang == "de":
        out = re.sub(r" and (\d+) more$", r" und \1 weitere", out)
    return out


def _normal_form(key: str) -> str:
    """The key without spaces, without a ``.0`` and without leading zeros."""
    s = _clean(key)
    return (s.lstrip("0") or "0") if s.isdigit() else s


def _clean(key: str) -> str:
    """The key without surrounding spaces and without a trailing ``.0``."""
    s = key.strip()
    return s.split(".")[0] if _FLOATISH.match(s) else s


def _difference(a: str, b: str) -> str:
    """How two keys with the same normal form differ, e.g. ``"leading_zeros+whitespace"``."""
    kinds = set()
    if a.strip() != a or b.strip() != b:
        kinds.add("whitespace")
    if _FLOATISH.match(a.strip()) or _FLOATISH.match(b.strip()):
        kinds.add("number_format")
    if _clean(a) != _clean(b):
        kinds.add("leading_zeros")
    return "+".join(sorted(kinds))


def pad_key(key: str, width: int) -> str:
    """An all-digit key padded with leading zeros to `width` (after stripping spaces, ``.0``)."""
    s = _clean(key)
    return s.zfill(width) if s.isdigit() else s


def _refuse_positional(b: pd.DataFrame, t: pd.DataFrame) -> None:
    """A RangeIndex on one side only is no key (``geopandas.read_postgis``): say what to pass."""
    for frame, other, side in ((b, t, "boundaries"), (t, b, "table")):
        positional = isinstance(frame.index, pd.RangeIndex) and frame.index.name is None
        if positional and not isinstance(other.index, pd.RangeIndex):
            name = other.index.name
            on = repr(str(name)) if name is not None and name in frame.columns else "'<key>'"
            raise InputError.from_key(f"join.positional_index.{side}", on=on)


def _text_keys(index: pd.Index, side: str, notes: list[str]) -> list[str]:
    if isinstance(index, pd.MultiIndex):
        raise InputError.from_key(
            "join.multiindex", side=_side(side), levels=", ".join(map(str, index.names))
        )
    series, converted = keys_to_text(pd.Series(index, dtype=index.dtype))
    if converted:
        notes.append(
            f"The {side}'s keys are numbers ({index.dtype}); they were compared as text."
        )
    keys = series.tolist()
    nulls = [i + 1 for i, k in enumerate(keys) if k is None or pd.isna(k)]
    if nulls:
        raise MissingDataError.from_key(
            "join.keys_missing", side=_side(side), n=len(nulls), rows=Listed(nulls)
        )
    dup = pd.Series(keys).duplicated(keep=False)
    if dup.any():
        dups = list(dict.fromkeys(k for k, d in zip(keys, dup, strict=True) if d))
        raise DuplicateKeyError.from_key(
            "join.keys_duplicate", side=_side(side), n=len(dups), keys=Listed(dups)
        )
    return keys


def _side(side: str) -> Phrase:
    """"boundaries" or "table" as the subject of a message, in each language."""
    return Phrase(f"join.side_{side}")


def _set_on(frame: pd.DataFrame, column: str, side: str) -> pd.DataFrame:
    if column not in frame.columns and frame.index.name == column:
        return frame  # already the index (read_table / read_boundaries with key=)
    if column not in frame.columns:
        raise ColumnError.from_key(
            "join.missing_column", side=_side(side), column=column,
            columns=Listed(list(frame.columns), limit=12),
        )
    return frame.set_index(column)


def join_indicators(
    boundaries: gpd.GeoDataFrame,
    table: pd.DataFrame,
    *,
    on: str | tuple[str, str] | None = None,
    normalize_keys: bool = False,
    key_width: int | None = None,
    suffixes: tuple[str, str] | None = None,
    strict: bool = False,
) -> tuple[gpd.GeoDataFrame, JoinReport]:
    """Join a statistics table to district boundaries on the district key.

    Parameters
    ----------
    boundaries : geopandas.GeoDataFrame
        The districts, indexed by their key (as from :func:`read_boundaries`).
    table : pandas.DataFrame
        The statistics, indexed by the key (as from :func:`read_table`).
    on : str or (str, str), optional
        Join on these columns instead of the indexes (one name for both, or
        (boundaries column, table column)); the column becomes the index.
    normalize_keys : bool, default False
        Match table keys that differ only by spaces, a ``.0`` or lost leading
        zeros to the one boundary key with the same normalised form. Applied
        changes are listed in the report.
    key_width : int, optional
        Pad all-digit keys of both sides (integer or text) with leading zeros
        to this width (``101`` / ``"101"`` -> ``"0101"`` with 4), after
        stripping spaces and ``.0``; the result keeps the boundaries' index.
    suffixes : (str, str), optional
        Columns in both inputs whose values differ raise a ColumnError; with
        suffixes they are kept from both, renamed (``("", "_tabelle")``).
        Columns with equal values on the matched keys are taken once.
    strict : bool, default False
        Raise :class:`~sozialraum.MissingDataError` unless every key matched.

    Returns
    -------
    (geopandas.GeoDataFrame, JoinReport)
        The boundaries in their order with their index, plus the table's
        columns; districts without data keep missing values with the reason
        ``not_delivered`` in ``<column>__reason`` for numeric columns.

    Raises
    ------
    DuplicateKeyError
        A key occurs twice on either side (also after normalising).
    ColumnError
        A column exists on both sides with different values (and no `suffixes`).

    Examples
    --------
    >>> import sozialraum as sr
    >>> b = sr.read_boundaries(sr.datasets.get_path("musterstadt.gpkg"), layer="sozialraeume")
    >>> t = sr.read_table(sr.datasets.get_path("musterstadt_statistik.csv"), stichtag=2024)
    >>> joined, report = sr.join_indicators(b, t)
    >>> report.complete, len(joined) == len(b)
    (True, True)
    """
    if not isinstance(boundaries, gpd.GeoDataFrame):
        raise InputError.from_key("join.boundaries_type", given=type(boundaries).__name__)
    if not isinstance(table, pd.DataFrame):
        raise InputError.from_key("join.table_type", given=type(table).__name__)
    if key_width is not None and (not isinstance(key_width, int) or key_width < 1):
        raise ConfigError.from_key("join.key_width", given=repr(key_width))
    notes: list[str] = []
    b, t = boundaries, table
    if on is not None:
        b_on, t_on = (on, on) if isinstance(on, str) else tuple(on)
        b = _set_on(b, b_on, "boundaries")
        t = _set_on(t, t_on, "table")
    _refuse_positional(b, t)
    if isinstance(t, gpd.GeoDataFrame):
        t = pd.DataFrame(t.drop(columns=t.geometry.name))
        notes.append("The table's geometry column was dropped; the boundaries' geometry is used.")
    b_keys = _text_keys(b.index, "boundaries", notes)
    t_keys = _text_keys(t.index, "table", notes)

    normalized: list[tuple[str, str]] = []
    if key_width is not None:  # both sides: either may have lost its zeros
        padded = [pad_key(k, key_width) for k in b_keys]
        if len(set(padded)) < len(padded):
            dup = pd.Series(padded).duplicated(keep=False)
            raise DuplicateKeyError.from_key(
                "join.boundary_keys_collide", how=f"key_width={key_width}",
                keys=Listed([o for o, d in zip(b_keys, dup, strict=True) if d]),
            )
        normalized += [(o, n) for o, n in zip(b_keys, padded, strict=True) if o != n]
        b_keys = padded
    b_set = set(b_keys)
    how = None
    if key_width is not None or normalize_keys:
        how = f"key_width={key_width}" if key_width is not None else "normalize_keys"
        by_norm: dict[str, list[str]] = {}
        for k in b_keys:
            by_norm.setdefault(_normal_form(k), []).append(k)
        new_keys = []
        for k in t_keys:
            new = k
            if key_width is not None:
                new = pad_key(k, key_width)
            elif k not in b_set:
                candidates = by_norm.get(_normal_form(k), [])
                if len(candidates) == 1:
                    new = candidates[0]
            if new != k:
                normalized.append((k, new))
            new_keys.append(new)
        dup = pd.Series(new_keys).duplicated(keep=False)
        if dup.any():
            clash = [o for o, d in zip(t_keys, dup, strict=True) if d]
            raise DuplicateKeyError.from_key("join.keys_collide", how=how, keys=Listed(clash))
        t_keys = new_keys
    t_set = set(t_keys)
    only_b = [k for k in b_keys if k not in t_set]
    only_t = [k for k in t_keys if k not in b_set]
    near: list[tuple[str, str, str]] = []
    if only_b and only_t:
        b_norm: dict[str, list[str]] = {}
        for k in only_b:
            b_norm.setdefault(_normal_form(k), []).append(k)
        for k in only_t:
            for partner in b_norm.get(_normal_form(k), []):
                near.append((k, partner, _difference(k, partner)))
    width_hint = None
    for keys in (b_keys, t_keys):  # the wider side kept its zeros
        lengths = {len(k) for k in keys}
        if len(lengths) == 1 and all(k.isdigit() for k in keys):
            width_hint = max(width_hint or 0, lengths.pop())

    # --- align the table to the boundaries (their order, their index) -------------------
    t_aligned = t.copy()
    t_aligned.index = pd.Index(t_keys, dtype="str")
    t_aligned = t_aligned.reindex(pd.Index(b_keys, dtype="str"))
    t_aligned.index = b.index
    geom = b.geometry.name
    shared, suffixed = [], []
    matched_mask = pd.Series([k in t_set for k in b_keys], index=b.index)
    overlap = [c for c in t_aligned.columns if c in b.columns or c == geom]
    differing = []
    for c in overlap:
        if c == geom:
            differing.append(c)
            continue
        left = b.loc[matched_mask.to_numpy(), c].astype("object")
        right = t_aligned.loc[matched_mask.to_numpy(), c].astype("object")
        same = all(
            (pd.isna(x) and pd.isna(y)) or (not pd.isna(x) and not pd.isna(y) and str(x) == str(y))
            for x, y in zip(left, right, strict=True)
        )
        (shared if same else differing).append(c)
    if differing and suffixes is None:
        examples = []
        for c in differing[:3]:
            if c == geom:
                continue
            diff = [k for k, x, y in zip(b.index, b[c], t_aligned[c], strict=True)
                    if matched_mask[k] and str(x) != str(y)]
            examples.append(Phrase(
                "join.column_example", column=repr(c), key=repr(diff[0]),
                left=repr(b.at[diff[0], c]), right=repr(t_aligned.at[diff[0], c]),
            ))
        raise ColumnError.from_key(
            "join.columns_differ",
            columns=Listed(differing),
            examples=Phrase("join.examples", examples=Phrases(examples)) if examples else "",
        )
    t_aligned = t_aligned.drop(columns=shared)
    rename_b, rename_t = {}, {}
    if differing:
        left_sfx, right_sfx = suffixes  # type: ignore[misc]
        for c in differing:
            rename_b[c] = f"{c}{left_sfx}"
            rename_t[c] = f"{c}{right_sfx}"
            suffixed.append(c)
            if reason_column(c) in t_aligned.columns:
                rename_t[reason_column(c)] = reason_column(f"{c}{right_sfx}")
        if geom in rename_b:
            rename_b.pop(geom)
    out_b = pd.DataFrame(b).rename(columns=rename_b)
    t_aligned = t_aligned.rename(columns=rename_t)

    # --- reasons for districts without a row -----------------------------------------------
    missing_rows = pd.Series(~matched_mask.to_numpy(), index=b.index)
    values = [c for c in t_aligned.columns if not is_reason_column(c)]
    numeric = [
        c for c in values
        if pd.api.types.is_numeric_dtype(t_aligned[c].dtype)
        and not pd.api.types.is_bool_dtype(t_aligned[c].dtype)
    ]
    if missing_rows.any():
        for c in numeric:
            reasons = get_reasons(t_aligned, c).astype("object")
            reasons[missing_rows] = Reason.NOT_DELIVERED.value
            t_aligned = with_reasons(t_aligned, c, reasons)
    reason_cols = [c for c in t_aligned.columns if is_reason_column(c)]
    t_aligned = t_aligned[[c for c in t_aligned.columns if not is_reason_column(c)] + reason_cols]
    joined = pd.concat([out_b, t_aligned], axis=1)
    joined = gpd.GeoDataFrame(joined, geometry=geom, crs=boundaries.crs)
    report = JoinReport(
        key=b.index.name if b.index.name is not None else None,
        n_boundaries=len(b_keys),
        n_table=len(t_keys),
        n_matched=len(b_keys) - len(only_b),
        only_in_boundaries=tuple(only_b),
        only_in_table=tuple(only_t),
        near_matches=tuple(near),
        normalized=tuple(normalized),
        normalization=how,
        shared_columns=tuple(shared),
        suffixed_columns=tuple(suffixed),
        notes=tuple(notes),
        key_width_hint=width_hint,
    )
    joined.attrs = {"join_report": report}
    if strict:
        report.raise_if_unmatched()
    return joined, report
