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
    for layer in ("sozialraeume", "sozialraeume_2019", "stadtteile", "stadtbezirke", "stadt"):
        g = gpd.read_file(DEMO / "musterstadt.gpkg", layer=layer)
        if layer.startswith("sozialraeume"):
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


def demo_on_current_boundaries(columns=("EW", "EW_U65", "SGB2", "EW_65U", "GRUSI_65U")):
    """The demo city's counts of every Stichtag on the current Sozialräume.

    Stichtage before the boundary reform are on the old Sozialräume; their counts are
    brought onto the current ones by area with :func:`sozialraum.areal_interpolate`
    (verified against tobler in tests/test_harmonise.py). Returns the long panel (SR_NR,
    Stichtag) of float counts and the ``interpolated_share`` per area and Stichtag.
    """
    import pandas as pd

    current = sr.datasets.musterstadt()[["geometry"]]
    frames, shares = [], {}
    for day in sr.datasets.STICHTAGE:
        g = sr.datasets.musterstadt(stichtag=day)
        if list(g.index) == list(current.index):
            tab = pd.DataFrame(g[list(columns)]).astype(float)
            shares[pd.Timestamp(day)] = pd.Series(0.0, index=current.index)
        else:
            out = sr.areal_interpolate(g[[*columns, "geometry"]], current, extensive=columns)
            tab = pd.DataFrame(out[list(columns)])
            shares[pd.Timestamp(day)] = out["interpolated_share"]
        tab.index = pd.MultiIndex.from_arrays(
            [tab.index, pd.DatetimeIndex([pd.Timestamp(day)] * len(tab))],
            names=[KEY, "Stichtag"])
        frames.append(tab)
    return pd.concat(frames), pd.DataFrame(shares)


def de_number(value: float, decimals: int) -> str:
    """German decimal comma, as the profiles print it (no grouping; no "-0,0")."""
    s = f"{value:.{decimals}f}"
    if float(s) == 0:
        s = s.lstrip("-")
    return s.replace(".", ",")


def named_with_reason(day: str, reason: str, words: str) -> bool:
    """`day` is listed with `reason` ("31.12.2019, 31.12.2020: reason") in `words`."""
    import re

    dates = r"(?:\d\d\.\d\d\.\d{4}, )*"
    pattern = dates + re.escape(day) + r"(?:, \d\d\.\d\d\.\d{4})*: " + re.escape(reason)
    return re.search(pattern, words) is not None


def series_columns(long) -> list[str]:
    """The value series of ``zeitreihe_lang.csv`` (interpolated_share says how, it is none)."""
    return [c for c in long.columns
            if c not in (KEY, "name", "stichtag", "interpolated_share")
            and not c.endswith("_hinweis")]
