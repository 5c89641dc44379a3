"""Fixtures shared by the test modules of this folder."""

from __future__ import annotations

import pytest
from support.io import _districts


@pytest.fixture
def gpkg(tmp_path):
    path = tmp_path / "grenzen.gpkg"
    _districts().to_file(path, layer="sozialraeume")
    return path

