"""Helpers for the bundle tests in tests/report/: the fast demo config, hashes, QGIS styles."""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
from pathlib import Path

import pandas as pd
from support.demo import DEMO_DIR

RAW_CSV = DEMO_DIR / "musterstadt_statistik.csv"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fast(cfg):
    """The demo config without maps (tables, GeoPackage, texts only) and few permutations."""
    return cfg.replace(
        maps=dataclasses.replace(cfg.maps, columns=(), html=False, clusters=False),
        hotspots=dataclasses.replace(cfg.hotspots, permutations=99),
    )


INPUTS = ("musterstadt.gpkg", "musterstadt_statistik.csv", "musterstadt_statistik.xlsx")


def _styles(gpkg: Path) -> pd.DataFrame:
    with sqlite3.connect(gpkg) as con:
        return pd.read_sql("SELECT * FROM layer_styles ORDER BY id", con)

