"""Tests of :mod:`sozialraum.io.report`.

The load report: what a reader detected and converted.

Every fixture is built in tmp_path; the expected values are written down by
hand (keys, areas of simple shapes), never taken from an earlier run.
"""

from __future__ import annotations

from support.io import _xlsx

import sozialraum as sr
from sozialraum.io import load_report


def test_report_has_no_separators_when_none_were_needed(tmp_path):
    path = _xlsx(tmp_path / "zahlen.xlsx", {"Tabelle1": [["SR_NR", "EW"], ["0101", 3]]})
    t = sr.read_table(path)
    report = load_report(t)
    assert (report.decimal, report.thousands, report.sheet) == (None, None, "Tabelle1")
    assert "Stichtag" not in t.columns  # "Tabelle1" is not a date
    assert report.layout == "wide" and report.encoding is None

