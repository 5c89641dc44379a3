"""sozialraum/report/monitoring_write.py: the files of monitoring/ (tables, maps), safe names."""

from __future__ import annotations

import json
import re

import pytest
from openpyxl import load_workbook
from support.monitoring import HOSTILE
from support.monitoring import monitoring_csv as _csv

import sozialraum as sr


@pytest.fixture
def bundle(monitoring_bundle):
    """The monitoring bundle (tests/report/conftest.py), built once per session."""
    return monitoring_bundle




def test_demo_writes_the_monitoring_folder(bundle):
    files = set(bundle.files)
    tables = {"zeitreihe_lang.csv", "zeitreihe_breit.csv", "veraenderung.csv", "trend.csv",
              "hotspots_zeit.csv", "monitoring.xlsx"}
    maps = {f"{kind}_{col}.png" for kind in ("veraenderung", "zeitreihe", "trend")
            for col in ("index_wert", "sgb2_quote")} | {"hotspots_zeit_index_wert.png"}
    assert {f"monitoring/{f}" for f in tables | maps} <= files
    manifest = json.loads((bundle.path / "manifest.json").read_text(encoding="utf-8"))
    listed = json.dumps(manifest)
    assert all(f"monitoring/{f}" in listed for f in tables | maps)
    prov = json.loads((bundle.path / "provenance.json").read_text(encoding="utf-8"))
    mon = prov["monitoring"]
    assert mon["stichtage"] == [f"{y}-12-31" for y in range(2019, 2025)]
    assert mon["base"] == "2019-12-31" and mon["latest"] == "2024-12-31"
    assert mon["columns"] == ["index", "SGB2_QUOTE"]
    assert mon["ehsa"]["inference"]["permutations"] == 99
    assert prov["config"]["monitoring"]["permutations"] == 99
    long = _csv(bundle, "zeitreihe_lang.csv")
    n = len(sr.datasets.musterstadt())  # the current Sozialräume, every Stichtag on them
    assert len(long) == n * 6
    wide = _csv(bundle, "zeitreihe_breit.csv")
    assert len(wide) == n and "SGB2_QUOTE_2019" in wide.columns and "index_wert_2024" in wide


def test_hostile_names_stay_text(bundle):
    long = (bundle.path / "monitoring" / "zeitreihe_lang.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in long  # CSV-injection escaped like tabellen/
    assert re.search(r"(^|;)=HYPERLINK", long, flags=re.M) is None
    wb = load_workbook(bundle.path / "monitoring" / "monitoring.xlsx")
    found = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert found and all(c.data_type == "s" for c in found)
    assert all(c.value == HOSTILE["0101"] for c in found)
    for f in bundle.files:
        if f.startswith("monitoring/"):
            assert re.fullmatch(r"monitoring/[a-z0-9_.-]+", f), f
    assert all(p.resolve().is_relative_to(bundle.path.resolve())
               for p in bundle.path.rglob("*"))


def test_the_index_change_is_a_difference_named_by_its_label(bundle):
    """The index has no natural zero: veraenderung.csv gives no change in % for it (the
    demo showed -56.7 % for -0.254 -> -0.110), the rates keep theirs; the methods text
    names both columns by their labels, never by their codes."""
    ch = _csv(bundle, "veraenderung.csv")
    index = ch[ch["merkmal"] == "index_wert"]
    rate = ch[ch["merkmal"] == "SGB2_QUOTE"]
    assert len(index) > 0 and index["veraenderung"].notna().sum() >= 20
    assert index["veraenderung_prozent"].isna().all()
    assert rate["veraenderung_prozent"].notna().sum() >= 20
    assert set(index["ergebnis"].dropna()) <= {"nicht getestet (Indexwert)",
                                               "keine Angabe (Geheimhaltung)",
                                               "keine Angabe (zu wenige Einwohner)",
                                               "nicht geliefert", "Nachweis nicht sinnvoll"}
    methods = (bundle.path / "methodik.md").read_text(encoding="utf-8")
    lines = [ln for ln in methods.splitlines() if ln.startswith("- Veränderung ")]
    assert len(lines) == 2
    assert all("index_wert" not in ln and "SGB2_QUOTE" not in ln for ln in lines)
    assert any("keinen natürlichen Nullpunkt" in ln for ln in lines)
    assert "ohne Zufallstest" in methods  # the index's counts line: no "0 significant"
