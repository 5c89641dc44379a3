"""Tests of :mod:`sozialraum.io.cells`.

Reason flags: precedence when combined, column naming and round trip.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sozialraum.io import cells as _missing


def test_combine_reasons_precedence_and_true_zero_not_inherited():
    idx = pd.Index(["0101", "0102", "0103", "0104"], name="SR_NR")
    a = pd.Series(
        pd.Categorical(["secret", None, "true_zero", None], dtype=_missing.REASON_DTYPE), index=idx
    )
    b = pd.Series(
        pd.Categorical(
            ["not_delivered", "not_meaningful", None, None], dtype=_missing.REASON_DTYPE
        ),
        index=idx,
    )
    out = _missing.combine_reasons(a, b)
    assert list(out.astype(object).where(out.notna(), None)) == [
        "secret",
        "not_meaningful",
        None,
        None,
    ]
    assert out.index.equals(idx)


def test_reason_columns_naming_and_roundtrip():
    frame = pd.DataFrame({"EW": [10, 0]}, index=pd.Index(["1", "2"], name="k"))
    assert _missing.reason_column("EW") == "EW__reason"
    assert _missing.get_reasons(frame, "EW").isna().all()
    reasons = pd.Series(["true_zero", None], index=frame.index)
    out = _missing.with_reasons(frame, "EW", reasons)
    assert _missing.value_columns(out) == ["EW"]
    assert out.loc["2", "EW__reason"] is np.nan or pd.isna(out.loc["2", "EW__reason"])
    assert out.loc["1", "EW__reason"] == "true_zero"
    assert "EW__reason" not in frame.columns  # input not modified

