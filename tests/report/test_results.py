"""Tests of :mod:`sozialraum.report.results`.

The written Bundle: its summary.

Most tests look at the demo bundle built once per session (``bundle`` in
tests/report/conftest.py).
"""

from __future__ import annotations

import sozialraum as sr


def test_summary_is_german(bundle):
    s = bundle.summary()
    assert s.splitlines()[0] == f"Fertig. Ergebnisse in {bundle.path}:"
    n = len(sr.datasets.musterstadt())  # the Sozialräume of the Stichtag 31.12.2024
    assert "GeoPackage mit QGIS-Stilen" in s and f"{n} Sozialraumprofile" in s
    assert "provenance.json" in s

