"""The demo city Musterstadt as the tests find it (the shipped files)."""

from __future__ import annotations

from pathlib import Path

import sozialraum as sr

DEMO_DIR = Path(sr.datasets.get_path("musterstadt.gpkg")).parent
