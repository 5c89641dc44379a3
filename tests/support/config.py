"""Config files in tmp_path for the tests in tests/config/: a copy of the demo, a TOML file."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.demo import DEMO_DIR

from sozialraum import config as cfgmod


def _demo_copy(tmp_path: Path) -> Path:
    """The demo config next to copies of the demo files (paths relative to the config)."""
    for name in ("musterstadt.gpkg", "musterstadt_statistik.csv", "musterstadt_statistik.xlsx"):
        shutil.copy(DEMO_DIR / name, tmp_path / name)
    text = (cfgmod.TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8")
    path = tmp_path / "sozialraum.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cfg.toml"
    path.write_text(text, encoding="utf-8")
    return path

