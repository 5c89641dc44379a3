"""The monitoring bundle of tests/report (a demo copy with hostile names, 99 permutations)."""

from __future__ import annotations

import dataclasses
import shutil

import geopandas as gpd

import sozialraum as sr
from sozialraum.config import TEMPLATE_DIR

DEMO = sr.datasets.get_path("musterstadt.gpkg").parent
HOSTILE = {"0101": '=HYPERLINK("http://example.invalid","x")', "0402": "<b>$\\alpha$</b> & Co"}
KEY = "SR_NR"


def build_monitoring_bundle(folder):
    """Run the demo with [monitoring] on a copy whose names are hostile; small maps only;
    profiles as HTML and PDF."""
    gpkg = folder / "musterstadt.gpkg"
    for layer in ("sozialraeume", "stadtteile", "stadtbezirke", "stadt"):
        g = gpd.read_file(DEMO / "musterstadt.gpkg", layer=layer)
        if layer == "sozialraeume":
            for k, name in HOSTILE.items():
                g.loc[g[KEY] == k, "name"] = name
        g.to_file(gpkg, layer=layer, driver="GPKG")
    shutil.copy(DEMO / "musterstadt_statistik.csv", folder / "musterstadt_statistik.csv")
    text = (TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8")
    text = text.replace("permutations = 9999", "permutations = 99")
    text = text.replace("permutations = 999\n", "permutations = 99\n")
    text = text.replace('formats = ["png", "pdf"]', 'formats = ["png"]')
    text = text.replace("html = true", "html = false")
    assert "[profiles]" not in text
    text += '\n[profiles]\nformats = ["html", "pdf"]\n'  # tests/report/test_profiles*.py
    (folder / "sozialraum.toml").write_text(text, encoding="utf-8")
    cfg = sr.load_config(folder / "sozialraum.toml")
    cfg = cfg.replace(maps=dataclasses.replace(cfg.maps, dpi=60, columns=("index",),
                                               levels=("sozialraeume",)))
    b = sr.run(cfg, folder / "out")
    return b


def monitoring_csv(bundle, name):
    """A CSV of the bundle's monitoring/ folder, keys as text."""
    import pandas as pd

    return pd.read_csv(bundle.path / "monitoring" / name, sep=";", decimal=",",
                       dtype={KEY: str}, encoding="utf-8-sig", keep_default_na=True)
