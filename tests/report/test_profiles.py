"""Tests of :mod:`sozialraum.report.profiles`.

The Sozialraumprofile: one HTML page per area, and switching them off.

Most tests look at the demo bundle built once per session (``bundle`` in
tests/report/conftest.py).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from support.report import _fast

import sozialraum as sr
from sozialraum import config as cfgmod


def test_profile_page(bundle, raw_counts):
    frame = bundle.frame()
    page = (bundle.path / "profile" / "0401.html").read_text(encoding="utf-8")
    assert "<svg" in page
    assert not re.search(r'(src|href)="https?://', page)  # self-contained, nothing to load
    assert "Sozialraumprofil: Bahnhofsviertel (0401)" in page
    area = frame.at["0401", "flaeche_km2"]
    assert f"{area:.2f}".replace(".", ",") + " km²" in page
    ew = int(raw_counts.at["0401", "EW"])
    assert f"{ew:,}".replace(",", ".") in page
    assert frame.at["0401", "index_klasse"] in page
    # the city value is computed from summed counts, never averaged rates
    city_s1 = raw_counts["ALO"].sum() / raw_counts["EW_15_64"].sum() * 100
    assert f"{city_s1:.1f}".replace(".", ",") + " %" in page
    assert frame.at["0401", "lisa_text"] in page


def test_profiles_can_be_switched_off_and_licences_are_named_apart(tmp_path):
    """[profiles] enabled = false writes no profiles (and the summary claims none); the
    statistics' and the boundaries' licences appear as two named fields."""
    cfg = _fast(cfgmod.demo_config())
    cfg = cfg.replace(
        profiles=dataclasses.replace(cfg.profiles, enabled=False),
        inputs=dataclasses.replace(cfg.inputs, licence="dl-de/by-2-0",
                                   geometry_licence="dl-de/zero-2-0"),
    )
    b = sr.run(cfg, out=tmp_path / "ohne-profile")
    assert not any(f.startswith("profile/") for f in b.files)
    assert "Sozialraumprofile" not in b.summary("de")
    de = (b.path / "methodik.md").read_text(encoding="utf-8")
    assert "(Lizenz: dl-de/by-2-0) zum Stichtag" in de
    assert "(Lizenz: dl-de/zero-2-0)" in de
    text = "[profiles]\nenabled = false\n"
    loaded = cfgmod.loads((cfgmod.TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8") + text,
                          base=Path(sr.datasets.get_path("musterstadt.gpkg")).parent)
    assert loaded.profiles.enabled is False

