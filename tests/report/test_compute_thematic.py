"""Several thematic indices, an overall index from them and the Handlungsbedarf in one run.

The demo city with a temporary config: three sub-indices (Alterung, Integration,
sozioökonomische Lage), an overall index ``from = [...]`` in points and five classes (as
Castrop-Rauxel's Sozialbericht), and a Handlungsbedarf from the MSS status index and an MSS
dynamics index over delivered two-year changes, as index numbers (2022 = 100) because a
delivered rate cannot be negative; computed here from the demo's 2022 and 2024 counts and
added to a copy of the statistics table.
"""

from __future__ import annotations

import dataclasses
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sozialraum as sr
from sozialraum.config import loads
from sozialraum.config.template import TEMPLATE_DIR
from sozialraum.errors import ConfigError

DEMO = Path(str(resources.files("sozialraum.boundaries")))
SUBS = ("alterung", "integration", "soziooekonomie")
MSS = {(0, 0): "gering", (0, 1): "gering", (0, 2): "gering",
       (1, 0): "gering", (1, 1): "gering", (1, 2): "mittel",
       (2, 0): "mittel", (2, 1): "hoch", (2, 2): "hoch",
       (3, 0): "hoch", (3, 1): "hoch", (3, 2): "hoch"}

EXTRA = '''
[[indicators.custom]]
code = "D1"
rate = "D1"
scale = 1
unit = "Messzahl (2022 = 100)"
label = "Veränderung Arbeitslosigkeit"
theme = "Arbeit"

[[indicators.custom]]
code = "D3"
rate = "D3"
scale = 1
unit = "Messzahl (2022 = 100)"
label = "Veränderung Transferbezug"

[[indicators.custom]]
code = "D4"
rate = "D4"
scale = 1
unit = "Messzahl (2022 = 100)"
label = "Veränderung Kinderarmut"

[index]
preset = "berlin_mss_status"
columns = ["S1", "S3", "S4"]
population = "EW"
missing = "reweight"
max_missing = 1

[[index.extra]]
name = "alterung"
title = "Alterung"
preset = "nrw_sozialbericht"
themes = { Alterung = ["ANTEIL_65U", "ALTERSARMUT"] }
missing = "reweight"
max_missing = 1

[[index.extra]]
name = "integration"
title = "Integration"
preset = "nrw_sozialbericht"
themes = { Integration = ["SPRACHFOERDERUNG", "NICHTDEUTSCHE"] }
missing = "reweight"
max_missing = 1

[[index.extra]]
name = "soziooekonomie"
title = "Sozioökonomische Lage"
preset = "nrw_sozialbericht"
themes = { Lage = ["S1", "SGB2_QUOTE", "S4"] }
missing = "reweight"
max_missing = 1

[[index.extra]]
name = "gesamt"
title = "Gesamtindex"
from = ["alterung", "integration", "soziooekonomie"]

[[index.extra]]
name = "dynamik"
preset = "berlin_mss_dynamics"
columns = ["D1", "D3", "D4"]
missing = "reweight"
max_missing = 1

[index.handlungsbedarf]
status = "index"
dynamik = "dynamik"
'''


def _config_text(table: Path) -> str:
    src = (TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8")
    start, end = src.index("[index]"), src.index("[confidentiality]")
    src = src[:start] + src[end:]
    ind = src.index("[index]") if "[index]" in src else src.index("[confidentiality]")
    src = src[:ind] + EXTRA + "\n" + src[ind:]
    src = src.replace('path = "musterstadt_statistik.csv"', f'path = "{table.as_posix()}"')
    maps = '["index", "alterung", "integration", "soziooekonomie", "gesamt"]'
    src = src.replace('columns = ["index", "nrw", "S1", "S3", "S4"]', f"columns = {maps}")
    src = src.replace('levels = ["sozialraeume", "stadtteile"]', 'levels = ["sozialraeume"]')
    src = src.replace('formats = ["png", "pdf"]', 'formats = ["png"]')
    src = src.replace("html = true", "html = false").replace("clusters = true",
                                                                 "clusters = false")
    src = src.replace("permutations = 9999", "permutations = 99")
    return src


def _table_with_changes(tmp: Path) -> Path:
    """The demo statistics plus D1, D3, D4 = S1, S3, S4 of 2024 as index numbers (2022 = 100)."""
    long = pd.read_csv(DEMO / "musterstadt_statistik.csv", sep=";", dtype=str,
                       encoding="utf-8-sig")
    now = sr.compute_indicators(sr.datasets.musterstadt(stichtag="31.12.2024"),
                                ["S1", "S3", "S4"])
    before = sr.compute_indicators(sr.datasets.musterstadt(stichtag="31.12.2022"),
                                   ["S1", "S3", "S4"])
    rows = []
    for code in ("S1", "S3", "S4"):
        change = now[code] / before[code].where(before[code] > 0) * 100
        for key, value in change.items():
            if pd.notna(value):
                rows.append({"Stichtag": "31.12.2024", "SR_NR": key,
                             "Merkmal": code.replace("S", "D", 1),
                             "Wert": f"{value:.4f}".replace(".", ",")})
    out = tmp / "statistik_mit_dynamik.csv"
    pd.concat([long, pd.DataFrame(rows)]).to_csv(out, sep=";", index=False, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("thematic")
    cfg = loads(_config_text(_table_with_changes(tmp)), base=DEMO, source="test.toml")
    return sr.run(cfg, out=tmp / "ergebnis")


def test_one_map_per_index(bundle):
    maps = sorted(p.name for p in (bundle.path / "karten").glob("*.png"))
    for name in (*SUBS, "gesamt"):
        assert f"sozialraeume_{name}_wert.png" in maps
        assert f"sozialraeume_{name}_klasse.png" in maps
    assert any(m.startswith("sozialraeume_index") for m in maps), maps


def test_columns_of_every_index_in_the_table(bundle):
    table = pd.read_csv(bundle.path / "tabellen" / "sozialraeume.csv", sep=";", dtype=str,
                        encoding="utf-8-sig")
    for name in (*SUBS, "gesamt", "dynamik"):
        for part in ("wert", "rang", "klasse"):
            assert f"{name}_{part}" in table.columns
    assert "handlungsbedarf" in table.columns
    labels = set(table["gesamt_klasse"].dropna())
    assert labels <= {"weit überdurchschnittlich", "überdurchschnittlich", "durchschnittlich",
                      "unterdurchschnittlich", "weit unterdurchschnittlich"}
    assert len(labels) >= 3


def test_overall_index_is_the_sum_of_z_standardised_sub_indices(bundle):
    lv = bundle.levels["sozialraeume"]
    subs = pd.DataFrame({n: lv.extra_indices[n].score for n in SUBS})
    ok = subs.notna().all(axis=1)
    # each sub-index is published in points (higher = better): deprivation = -points;
    # z with the population SD over the areas that have all three; points = -(sum of z)
    dep = -subs[ok]
    z = (dep - dep.mean()) / dep.std(ddof=0)
    expected = -z.sum(axis=1)
    got = lv.extra_indices["gesamt"].score
    np.testing.assert_allclose(got[ok].to_numpy(float), expected.to_numpy(), atol=1e-9)
    assert got[~ok].isna().all()
    assert (~ok).sum() >= 1  # the industrial area below 300 inhabitants has no sub-index
    # rank 1 = the most deprived = the lowest points
    rank = lv.extra_indices["gesamt"].rank
    assert rank[got.idxmin()] == 1


def test_handlungsbedarf_follows_the_matrix_in_the_run(bundle):
    lv = bundle.levels["sozialraeume"]
    status, dyn = lv.index, lv.extra_indices["dynamik"]
    checked = 0
    for key, value in lv.need.items():
        a, b = status.class_level[key], dyn.class_level[key]
        if pd.isna(a) or pd.isna(b):
            assert pd.isna(value)
            continue
        assert value == MSS[(int(a), int(b))], key
        checked += 1
    assert checked >= 20
    table = pd.read_csv(bundle.path / "tabellen" / "sozialraeume.csv", sep=";", dtype=str,
                        encoding="utf-8-sig").set_index("SR_NR")
    assert table["handlungsbedarf"].dropna().isin(["gering", "mittel", "hoch"]).all()
    # and in the area profile
    key = lv.need.dropna().index[0]
    profile = (bundle.path / "profile" / f"{key}.html").read_text(encoding="utf-8")
    assert f"<th>Handlungsbedarf</th><td>{lv.need[key]}</td>" in profile
    assert table["handlungsbedarf"].reindex(lv.need.index).fillna("-").tolist() == \
        lv.need.astype(object).fillna("-").tolist()


def test_methods_paragraph_per_index_and_the_rule(bundle):
    md = (bundle.path / "methodik.md").read_text(encoding="utf-8")
    for name in (*SUBS, "gesamt", "dynamik"):
        assert f"Spalten {name}_wert, {name}_rang, {name}_klasse" in md
    for title in ("„Alterung“", "„Integration“", "„Sozioökonomische Lage“"):
        assert title in md
    assert ("„Gesamtindex“ fasst die Indizes „Alterung“, „Integration“, „Sozioökonomische "
            "Lage“ zusammen") in md
    assert "## Handlungsbedarf" in md
    assert "| Niveau / Entwicklung | positiv | stabil | negativ |" in md
    assert "| sehr niedrig | hoch | hoch | hoch |" in md
    assert "| mittel | gering | gering | mittel |" in md
    en = (bundle.path / "methods.md").read_text(encoding="utf-8")
    assert "| Level / change |" in en and "| very low | high | high | high |" in en


def test_config_errors_name_the_problem():
    src = _config_text(DEMO / "musterstadt_statistik.csv")
    bad = src.replace('from = ["alterung", "integration", "soziooekonomie"]',
                      'from = ["alterung", "integratoin"]')
    with pytest.raises(ConfigError, match="integratoin"):
        loads(bad, base=DEMO, source="test.toml")
    bad = src.replace('dynamik = "dynamik"', 'dynamik = "dynamik"\nmatrix = [["hoch"]]')
    with pytest.raises(ConfigError, match="needs 4 rows") as info:
        loads(bad, base=DEMO, source="test.toml")
    assert "die Matrix braucht 4 Zeilen" in info.value.message("de")


def test_old_single_index_config_still_loads():
    cfg = sr.config.demo_config()
    assert cfg.need is None and [n for n, _, _ in cfg.extra_indices] == ["nrw"]
    assert dataclasses.replace(cfg).index.name == "MSS Status-Index"
