"""Tests of :mod:`sozialraum.report.results`.

The output bundle: files, GeoPackage styles, tables, provenance, methods text, profiles,
confidentiality across every file, determinism and atomic writing.
"""

from __future__ import annotations


def test_summary_is_german(bundle):
    s = bundle.summary()
    assert s.splitlines()[0] == f"Fertig. Ergebnisse in {bundle.path}:"
    assert "GeoPackage mit QGIS-Stilen" in s and "25 Sozialraumprofile" in s
    assert "provenance.json" in s

