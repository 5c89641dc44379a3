"""Shared test settings and fixtures (layout: tests/README.md).

Fixtures used by one test module live in that module; fixtures shared by the modules of one
folder live in that folder's conftest.py; plain helpers shared by several modules live in
tests/support/ (imported as ``from support.report import ...``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import matplotlib
import pytest
from hypothesis import HealthCheck, settings
from support.demo import DEMO_DIR

from sozialraum import config as cfgmod
from sozialraum.report.compute import compute

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
collect_ignore = ["qgis_render.py", "support"]


@pytest.fixture
def demo_cfg(tmp_path) -> Path:
    """The demo config in tmp_path, with copies of the demo files, maps reduced for speed."""
    for name in ("musterstadt.gpkg", "musterstadt_statistik.csv", "musterstadt_statistik.xlsx"):
        shutil.copy(DEMO_DIR / name, tmp_path / name)
    text = (cfgmod.TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8")
    for old, new in (
        ('columns = ["index", "nrw", "S1", "S3", "S4"]', 'columns = ["index"]'),
        ('levels = ["sozialraeume", "stadtteile"]\n#', 'levels = ["stadtteile"]\n#'),
        ("html = true", "html = false"),
        ("clusters = true", "clusters = false"),
    ):
        # fail loudly when the demo config changes, instead of silently not reducing it
        assert text.count(old) == 1, f"demo.toml no longer contains {old!r} once"
        text = text.replace(old, new)
    path = tmp_path / "sozialraum.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def demo():
    """The demo config (99 permutations) and its computed results, to draw the bundle's maps."""
    cfg = cfgmod.demo_config(permutations=99)
    return cfg, compute(cfg, progress=lambda *a, **k: None)

