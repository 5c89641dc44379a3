"""An indicator code that is also an input column is refused by `check` and by `run`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import sozialraum as sr
from sozialraum import config as cfgmod
from sozialraum.errors import ConfigError

DEMO_DIR = Path(sr.datasets.get_path("musterstadt.gpkg")).parent

SHADOW = """
[[indicators.custom]]
code = "EW_65U"
numerator = "GRUSI_65U"
denominator = "EW_65U"
label = "Altersarmut, unter dem Namen der Einwohnerspalte"
theme = "Armut"
"""


def _demo_with_shadow(tmp_path: Path) -> Path:
    for name in ("musterstadt.gpkg", "musterstadt_statistik.csv"):
        shutil.copy(DEMO_DIR / name, tmp_path / name)
    text = (cfgmod.TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8")
    path = tmp_path / "sozialraum.toml"
    path.write_text(text + SHADOW, encoding="utf-8")
    return path


def _problems(exc: ConfigError, lang: str) -> str:
    return "\n".join(getattr(p, lang) for p in exc.problems)


def test_check_refuses_a_code_that_hides_an_input_column(tmp_path):
    path = _demo_with_shadow(tmp_path)
    with pytest.raises(ConfigError) as info:
        cfgmod.check_config(path)
    de, en = _problems(info.value, "de"), _problems(info.value, "en")
    assert "Indikator-Code 'EW_65U' ist zugleich der Name einer Spalte" in de
    assert "'EW_65U_QUOTE'" in de
    assert "the indicator code 'EW_65U' is also the name of an input column" in en
    # the demo's own indicators do not shadow anything: only this one is named
    assert de.count("Indikator-Code") == 1


def test_run_refuses_it_too_before_writing(tmp_path):
    path = _demo_with_shadow(tmp_path)
    out = tmp_path / "bundle"
    with pytest.raises(ConfigError) as info:
        sr.run(path, out)
    assert "Indikator-Code 'EW_65U'" in _problems(info.value, "de")
    assert not out.exists()


def test_check_names_the_file_when_a_numerator_exceeds_its_denominator(tmp_path):
    """Issue 11: 5,000 unemployed of 2,615 inhabitants aged 15-65 is refused by `check`."""
    for name in ("musterstadt.gpkg", "musterstadt_statistik.csv"):
        shutil.copy(DEMO_DIR / name, tmp_path / name)
    text = (cfgmod.TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8")
    path = tmp_path / "sozialraum.toml"
    path.write_text(text + """
[[indicators.custom]]
code = "ALO_ANTEIL"
numerator = "EW"
denominator = "EW_65U"
label = "Einwohner je Einwohner ab 65 (vertauscht)"
theme = "Armut"
""", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        cfgmod.check_config(path)
    de = _problems(info.value, "de")
    assert "musterstadt_statistik.csv: Indikator ALO_ANTEIL: der Zähler (EW) ist größer" in de
    assert "Nenner (EW_65U)" in de
    # every area has more inhabitants than inhabitants aged 65+: all of them are named
    table = sr.read_table(tmp_path / "musterstadt_statistik.csv", key="SR_NR")
    assert f"in {len(table)} Gebiet(en)" in de
    first = table.index[0]
    assert f"'{first}': {table.loc[first, 'EW']} > {table.loc[first, 'EW_65U']}" in de
