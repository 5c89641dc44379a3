"""Tests of :mod:`sozialraum.io.keys`.

District keys as text: numeric keys, duplicates, empty keys, a missing key column.

Every fixture is built in tmp_path; the expected values are written down by
hand (keys, areas of simple shapes), never taken from an earlier run.
"""

from __future__ import annotations

import pandas as pd
import pytest
from support.io import _districts

import sozialraum as sr
from sozialraum.io import load_report


def test_numeric_keys_become_text_and_are_reported(tmp_path):
    path = tmp_path / "zahlen.gpkg"
    _districts(keys=[101, 102, 201]).to_file(path)
    b = sr.read_boundaries(path)
    assert list(b.index) == ["101", "102", "201"]
    assert pd.api.types.is_string_dtype(b.index.dtype)
    report = load_report(b)
    assert report.key_from_numbers is True
    assert any("Leading zeros may have been lost" in n for n in report.notes)


def test_missing_key_column_lists_columns_and_hint(gpkg):
    with pytest.raises(sr.ColumnError) as err:
        sr.read_boundaries(gpkg, key="SRNR")
    msg = str(err.value)
    assert "grenzen.gpkg" in msg and "'SRNR'" in msg
    assert "Did you mean 'SR_NR'?" in msg and "'name'" in msg


def test_duplicate_keys(tmp_path):
    path = tmp_path / "doppelt.gpkg"
    _districts(keys=("0101", "0102", "0101", "0103", "0103")).to_file(path)
    with pytest.raises(sr.DuplicateKeyError) as err:
        sr.read_boundaries(path)
    msg = str(err.value)
    assert "doppelt.gpkg" in msg and "'SR_NR'" in msg
    assert "'0101' (feature 1, feature 3)" in msg and "'0103' (feature 4, feature 5)" in msg


def test_null_keys(tmp_path):
    path = tmp_path / "ohneschluessel.gpkg"
    _districts(keys=("0101", None, "0201")).to_file(path)
    with pytest.raises(sr.MissingDataError, match=r"ohneschluessel\.gpkg.*'SR_NR'.*'feature 2'"):
        sr.read_boundaries(path)

