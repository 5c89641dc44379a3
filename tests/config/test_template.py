"""Tests of :mod:`sozialraum.config.template`.

The demo config and the template written by ``sozialraum init``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from support.config import _demo_copy
from support.demo import DEMO_DIR

import sozialraum as sr
from sozialraum import config as cfgmod
from sozialraum.errors import ConfigError, OutputExistsError


def test_demo_config_builds_the_api_dataclasses(tmp_path):
    cfg = sr.load_config(_demo_copy(tmp_path))
    # indicators are the API's own objects, identical to the catalogue entries
    assert [i.code for i in cfg.indicators][:3] == ["S1", "S3", "S4"]
    assert cfg.indicators[0] == sr.indicators.STANDARD["S1"]
    assert all(isinstance(i, sr.Indicator) for i in cfg.indicators)
    # the index is the preset's IndexSpec with the config's extra fields applied
    expected = dataclasses.replace(
        sr.presets.berlin_mss_status(
            ["S1", "S3", "S4"], population="EW", policy=sr.ConfidentialityPolicy(3, 300)
        ),
        missing="reweight",
        max_missing=1,
    )
    assert isinstance(cfg.index, sr.IndexSpec)
    assert cfg.index == expected
    assert cfg.policy == sr.ConfidentialityPolicy(min_count=3, min_population=300)
    # the additional NRW-style index: the preset's spec, named "nrw" (column prefix)
    ((name, nrw, source),) = cfg.extra_indices
    assert name == "nrw" and source["preset"] == "nrw_sozialbericht"
    themes = {
        "Arbeit": ["S1"],
        "Armut": ["SGB2_QUOTE", "S4", "ALTERSARMUT"],
        "Familie": ["ALLEINERZIEHENDE"],
        "Bildung": ["SPRACHFOERDERUNG"],
    }
    assert nrw == dataclasses.replace(
        sr.presets.nrw_sozialbericht(themes, population="EW", policy=cfg.policy),
        missing="reweight",
        max_missing=2,
    )
    assert ("ALO", ("ALO_SGB2", "ALO_SGB3")) in cfg.constraints
    assert cfg.inputs.stichtag == dt.date(2024, 12, 31)
    assert cfg.inputs.key == "SR_NR"
    # paths are relative to the config file
    assert cfg.inputs.boundaries == tmp_path / "musterstadt.gpkg"
    assert cfg.inputs.tables[0].path == tmp_path / "musterstadt_statistik.csv"
    assert cfg.output == tmp_path / "musterstadt-ergebnis"
    assert cfg.hotspots == cfgmod.HotspotSettings(
        ("local_moran", "gstar"), "index", 9999, 1, 0.05, "fdr"
    )
    assert cfg.weights.method == "queen"
    assert cfg.inputs.levels == (
        cfgmod.LevelInput("stadtteile", "ST_NR", "Stadtteile", "stadtteile"),
    )


def test_demo_config_equals_loaded_file():
    # sozialraum demo and load_config on the same file give identical settings
    a = cfgmod.demo_config()
    b = cfgmod.loads((cfgmod.TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8"), base=DEMO_DIR)
    assert a.indicators == b.indicators and a.index == b.index and a.policy == b.policy
    assert a.hotspots.permutations == 9999  # the README demo uses 9999 permutations


def test_template_is_valid_and_never_overwritten(tmp_path):
    target = tmp_path / "neu.toml"
    assert cfgmod.write_template(target) == target
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# ====")
    assert "sozialraum check" in text
    with pytest.raises(OutputExistsError):
        cfgmod.write_template(target)
    assert target.read_text(encoding="utf-8") == text  # untouched
    # the template parses; its only problems are the placeholder input files
    with pytest.raises(ConfigError) as info:
        sr.load_config(target)
    wheres = sorted(p.where for p in info.value.problems)
    assert wheres == ["[inputs.tables[0]].path", "[inputs].boundaries"]

