"""Tests of :mod:`sozialraum._util.dates`.

Stichtag parsing: the accepted spellings and the refused ones.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import sozialraum as sr
from sozialraum._util.dates import format_stichtag, parse_stichtag


@pytest.mark.parametrize(
    "given",
    ["31.12.2024", "2024-12-31", 2024, "2024", dt.date(2024, 12, 31), pd.Timestamp("2024-12-31")],
)
def test_parse_stichtag_forms(given):
    assert parse_stichtag(given) == dt.date(2024, 12, 31)
    assert format_stichtag(given) == "31.12.2024"


@pytest.mark.parametrize("bad", ["31.13.2024", "Ende 2024", 12, None])
def test_parse_stichtag_rejects_with_hint(bad):
    with pytest.raises(sr.ConfigError, match="31.12.2024"):
        parse_stichtag(bad)

