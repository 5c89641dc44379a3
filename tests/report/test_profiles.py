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



def test_reading_hint_per_index_follows_its_direction():
    from sozialraum.report.profiles import direction_hints, hints_html

    worse = "höhere Werte bedeuten eine ungünstigere Lage (mehr Benachteiligung)."
    better = "höhere Werte bedeuten eine günstigere Lage (weniger Benachteiligung)."
    lines = direction_hints([("Status", False), ("Punkte", True)])
    assert lines == ["Lesehilfe: Die Indizes laufen in entgegengesetzte Richtungen:",
                     f"Status: {worse}", f"Punkte: {better}"]
    # the direction comes from the flag, not from the name
    assert direction_hints([("Punkte", False)]) == ["Lesehilfe:", f"Punkte: {worse}"]
    assert direction_hints([("Status", True)], "en")[1] == \
        "Status: higher values mean a more favourable situation (less deprivation)."
    assert direction_hints([]) == [] and hints_html([]) == ""
    assert "&lt;b&gt;" in hints_html([("<b>", True)])  # a name from the config is data


def test_region_profiles_state_each_index_direction(region_bundle):
    cfg, bundle = region_bundle
    base = bundle.levels["sozialraeume"]
    specs = [base.index.spec] + [r.spec for r in base.extra_indices.values()]
    assert {s.higher_is_better for s in specs} == {True, False}  # they run opposite ways
    page = (Path(bundle.path) / "profile" / "03199006-0101.html").read_text(encoding="utf-8")
    kp = (Path(bundle.path) / "kommunalprofile" / "03199006.html").read_text(encoding="utf-8")
    for html in (page, kp):
        assert "Die Indizes laufen in entgegengesetzte Richtungen" in html
        for spec in specs:
            kind = "günstigere" if spec.higher_is_better else "ungünstigere"
            assert f"{spec.name}: höhere Werte bedeuten eine {kind} Lage" in html
