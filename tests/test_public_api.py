"""The public surface of ``sozialraum`` (its ``__init__``): a sorted ``__all__`` that resolves,
a light import (names load lazily), submodules reachable but not star-exported.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import sozialraum as sr


def test_public_surface_is_sorted_and_resolves():
    assert sr.__all__ == sorted(sr.__all__)
    for name in sr.__all__:
        assert getattr(sr, name) is not None, name
    with pytest.raises(AttributeError):
        sr.does_not_exist  # noqa: B018


def test_import_is_light():
    """`import sozialraum` must not pull in matplotlib, folium or esda (CLI start-up time)."""
    code = (
        "import sys, sozialraum; "
        "heavy = [m for m in ('matplotlib', 'folium', 'esda', 'geopandas', 'numba') "
        "if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert out.stdout.strip() == ""


def test_submodules_reachable_but_not_star_exported():
    import sozialraum.indicators

    assert sr.indicators is sozialraum.indicators
    assert "STANDARD" in dir(sr.indicators)
    namespace: dict[str, object] = {}
    exec("from sozialraum import *", namespace)  # noqa: S102
    assert "io" not in namespace and "index" not in namespace
    assert "read_table" in namespace and "datasets" in namespace

