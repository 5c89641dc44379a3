"""Why a value is missing: reason flags that travel beside the data.

A value column ``X`` may have a companion column ``X__reason`` (see
:func:`reason_column`) holding one :class:`Reason` per row, or missing where
the value is an ordinary number. Readers create these columns from the
statistics office's markers; derived values (rates, z-scores, index, classes)
inherit the reason of the inputs they were computed from; maps and exports
turn the reason into a German legend entry via ``_text``.

Decision (documented in docs/data.md): the statistics-office dash ``-``
("genau null", nothing there) is read as the value 0 *with* the flag
``true_zero``: the zero is known, so rates stay computable, and the flag
still shows where it came from. ``read_table(..., dash_as="missing")`` gives
a missing value instead.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

REASON_SUFFIX = "__reason"


class Reason(StrEnum):
    """Reasons a value is missing or flagged; ordered from most to least binding.

    When a derived value combines inputs with different reasons, the one
    listed first wins (:func:`combine_reasons`): a rate computed from a
    secret count is secret, whatever its denominator says.
    """

    SECRET = "secret"  # '.' or 'x' from the statistics office
    SUPPRESSED = "suppressed"  # primary suppression by our confidentiality policy
    SUPPRESSED_SECONDARY = "suppressed_secondary"  # secondary (complementary) suppression
    BELOW_POPULATION = "below_population"  # area below the minimum population for an index
    NOT_MEANINGFUL = "not_meaningful"  # '/' or a rate with denominator 0
    NOT_AVAILABLE = "not_available"  # '...' not yet available
    NOT_DELIVERED = "not_delivered"  # empty cell, user sentinel, key absent from the table
    TRUE_ZERO = "true_zero"  # '-' exactly zero (the value itself is 0)


#: Reasons ordered by precedence (first wins).
PRECEDENCE: tuple[Reason, ...] = tuple(Reason)

#: Reasons that mean "must not be published".
CONFIDENTIAL: frozenset[Reason] = frozenset(
    {Reason.SECRET, Reason.SUPPRESSED, Reason.SUPPRESSED_SECONDARY}
)

#: The pandas dtype of reason columns.
REASON_DTYPE = pd.CategoricalDtype([r.value for r in Reason])


def reason_column(column: str) -> str:
    """Name of the reason column that belongs to value column `column`."""
    return f"{column}{REASON_SUFFIX}"


def is_reason_column(column: object) -> bool:
    """True if `column` is a reason column (ends in ``__reason``)."""
    return isinstance(column, str) and column.endswith(REASON_SUFFIX)


def value_columns(frame: pd.DataFrame) -> list[str]:
    """The columns of `frame` that are not reason columns (order kept)."""
    return [c for c in frame.columns if not is_reason_column(c)]


def empty_reasons(index: pd.Index) -> pd.Series:
    """A reason series with no reasons set, on `index`."""
    return pd.Series(pd.Categorical([None] * len(index), dtype=REASON_DTYPE), index=index)


def get_reasons(frame: pd.DataFrame, column: str) -> pd.Series:
    """The reasons of `column` in `frame` (all missing if it has no reason column)."""
    name = reason_column(column)
    if name in frame.columns:
        return frame[name].astype(REASON_DTYPE)
    return empty_reasons(frame.index)


def combine_reasons(*reasons: pd.Series) -> pd.Series:
    """Combine reason series element-wise; the reason with the highest precedence wins.

    ``TRUE_ZERO`` is not inherited by derived values (a zero count gives a
    valid rate of 0), so it is dropped here.
    """
    if not reasons:
        raise ValueError("combine_reasons needs at least one series")
    index = reasons[0].index
    rank = {r.value: i for i, r in enumerate(PRECEDENCE)}
    best = np.full(len(index), len(PRECEDENCE), dtype=int)
    for series in reasons:
        codes = series.astype(object).map(
            lambda v: rank.get(v, len(PRECEDENCE)) if isinstance(v, str) else len(PRECEDENCE)
        )
        best = np.minimum(best, codes.to_numpy(dtype=int))
    values = [
        None if b >= len(PRECEDENCE) or PRECEDENCE[b] is Reason.TRUE_ZERO else PRECEDENCE[b].value
        for b in best
    ]
    return pd.Series(pd.Categorical(values, dtype=REASON_DTYPE), index=index)


def with_reasons(frame: pd.DataFrame, column: str, reasons: pd.Series) -> pd.DataFrame:
    """Return a copy of `frame` with the reason column of `column` set (or dropped if empty)."""
    out = frame.copy()
    name = reason_column(column)
    reasons = reasons.reindex(out.index).astype(REASON_DTYPE)
    if reasons.notna().any():
        out[name] = reasons
    elif name in out.columns:
        out = out.drop(columns=name)
    return out
