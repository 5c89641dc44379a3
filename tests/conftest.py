"""Shared test settings. Fixtures specific to one module live in that module's test file."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")  # no GUI, same rendering everywhere

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"

# Property tests: no per-example deadline (CI machines are shared and slow); fewer examples in CI.
settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=60
)
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=40
)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's top folder."""
    return REPO


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """tests/data (offline fixtures with a README naming their sources)."""
    return DATA

# runs under Debian's /usr/bin/python3 with QGIS' bindings (tests/test_qgis.py), not here
collect_ignore = ["qgis_render.py"]
