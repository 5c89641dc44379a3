"""Handlungsbedarf: level and dynamics of two indices combined into hoch / mittel / gering.

The rule is a matrix: one row per class of the status (level) index, from the least to the
most deprived class, one column per class of the dynamics index, from improving to
worsening. The default matrix is for the Berlin MSS classes (status 1 hoch .. 4 sehr
niedrig, dynamics positiv / stabil / negativ) and follows the MSS's "Gebiete mit besonderem
Aufmerksamkeitsbedarf" (status niedrig or sehr niedrig, or mittel with negative dynamics),
graded into three levels (our rule, stated in the methods text and docs/index.md):

======================  ========  ========  ========
Status \\ Dynamik        positiv   stabil    negativ
======================  ========  ========  ========
1 hoch                  gering    gering    gering
2 mittel                gering    gering    mittel
3 niedrig               mittel    hoch      hoch
4 sehr niedrig          hoch      hoch      hoch
======================  ========  ========  ========

>>> [row[2] for row in HANDLUNGSBEDARF_MSS]
['gering', 'mittel', 'hoch', 'hoch']
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from sozialraum.errors import ConfigError, InputError
from sozialraum.index.composite import IndexResult
from sozialraum.io.cells import combine_reasons

__all__ = [
    "HANDLUNGSBEDARF_LEVELS", "HANDLUNGSBEDARF_MSS", "NEED_TEXT", "check_matrix", "handlungsbedarf",
]

#: The three levels, from the least to the most need.
HANDLUNGSBEDARF_LEVELS: tuple[str, ...] = ("gering", "mittel", "hoch")

#: The catalogue key of each level (its word in the report's language: low, medium, high).
NEED_TEXT: dict[str, str] = {"gering": "need.gering", "mittel": "need.mittel", "hoch": "need.hoch"}

#: Rows: status class (least -> most deprived); columns: dynamics (improving -> worsening).
HANDLUNGSBEDARF_MSS: tuple[tuple[str, ...], ...] = (
    ("gering", "gering", "gering"),
    ("gering", "gering", "mittel"),
    ("mittel", "hoch", "hoch"),
    ("hoch", "hoch", "hoch"),
)


def check_matrix(matrix, n_status: int | None = None,
                 n_dynamics: int | None = None) -> tuple[tuple[str, ...], ...]:
    """The matrix as a tuple of tuples; every cell one of the levels, the shape as the classes."""
    try:
        rows = tuple(tuple(r) for r in matrix)
    except TypeError:
        rows = ()
    bad = [c for r in rows for c in r if c not in HANDLUNGSBEDARF_LEVELS]
    widths = {len(r) for r in rows}
    if not rows or bad or len(widths) != 1 or \
            (n_status is not None and len(rows) != n_status) or \
            (n_dynamics is not None and widths != {n_dynamics}):
        raise ConfigError.from_key("index.need_matrix", given=repr(matrix),
                                   rows=n_status if n_status is not None else "K",
                                   cols=n_dynamics if n_dynamics is not None else "D")
    return rows


def handlungsbedarf(status: IndexResult, dynamics: IndexResult,
                    matrix: Sequence[Sequence[str]] | None = None) -> pd.Series:
    """Handlungsbedarf per area: the matrix cell of its status class and dynamics class.

    Parameters
    ----------
    status, dynamics : IndexResult
        Level and change index of the same areas (e.g. MSS status and dynamics).
    matrix : list of lists of str, optional
        One row per status class (least to most deprived), one column per
        dynamics class (improving to worsening); cells "gering", "mittel",
        "hoch". Default :data:`HANDLUNGSBEDARF_MSS` (4 x 3 MSS classes); other
        class schemes need their own matrix.

    Returns
    -------
    Series
        Ordered categorical (gering < mittel < hoch), missing where either
        index is missing (reasons in ``.attrs["reasons"]``).

    Examples
    --------
    >>> import numpy as np
    >>> import sozialraum as sr
    >>> idx = pd.Index(list("abcdefgh"))
    >>> s = pd.DataFrame({"S": [-2., -1., 0., 1., 1.2, 1.5, 2., .5]}, index=idx)
    >>> d = pd.DataFrame({"D": [-2., 0., 2., 0., 0., 0., 2., 0.]}, index=idx)
    >>> st = sr.composite_index(s, sr.presets.berlin_mss_status(["S"], None, min_population=0))
    >>> dy = sr.composite_index(d, sr.presets.berlin_mss_dynamics(["D"], None, min_population=0))
    >>> handlungsbedarf(st, dy).tolist()
    ['gering', 'gering', 'mittel', 'gering', 'gering', 'gering', 'hoch', 'gering']
    """
    if not status.score.index.equals(dynamics.score.index):
        raise InputError.from_key("index.mss_areas_differ")
    k_s = status.spec.classes.n_classes if status.spec.classes else 0
    k_d = dynamics.spec.classes.n_classes if dynamics.spec.classes else 0
    rows = check_matrix(HANDLUNGSBEDARF_MSS if matrix is None else matrix, k_s, k_d)
    values = [rows[int(a)][int(b)] if pd.notna(a) and pd.notna(b) else None
              for a, b in zip(status.class_level, dynamics.class_level, strict=True)]
    out = pd.Series(pd.Categorical(values, categories=list(HANDLUNGSBEDARF_LEVELS),
                                   ordered=True), index=status.score.index,
                    name="handlungsbedarf")
    out.attrs["reasons"] = combine_reasons(status.reasons, dynamics.reasons)
    return out
