"""Tests of :mod:`sozialraum.config.reader`.

Typed reading of a section: required keys, wrong types.
"""

from __future__ import annotations

import pytest
from support.config import _demo_copy, _write

import sozialraum as sr
from sozialraum.errors import ConfigError


def test_missing_required_keys(tmp_path):
    path = _write(tmp_path, "[inputs]\n[indicators]\nstandard = ['S1']\n")
    with pytest.raises(ConfigError) as info:
        sr.load_config(path)
    wheres = {p.where for p in info.value.problems}
    assert {"[inputs].boundaries", "[inputs].key", "[inputs].stichtag", "[inputs].tables"} <= wheres


def test_wrong_types_and_bad_custom_indicator(tmp_path):
    demo = _demo_copy(tmp_path)
    text = demo.read_text(encoding="utf-8")
    text = text.replace("permutations = 9999", 'permutations = "viele"')
    text = text.replace(
        'standard = ["S1", "S3", "S4", "SGB2_QUOTE", "ALTERSARMUT", '
        '"ALLEINERZIEHENDE",\n            "SPRACHFOERDERUNG", "NICHTDEUTSCHE", '
        '"ANTEIL_65U"]',
        'standard = ["S1", "S3", "S4"]\n[[indicators.custom]]\ncode = "X"\n'
        'numerator = "ALO"\ndenominator = "EW"\nnenner = "EW"\n',
    )
    demo.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        sr.load_config(demo)
    msgs = {p.where: p.de for p in info.value.problems}
    assert "Zahl" in msgs["[hotspots].permutations"]
    assert "'nenner'" in msgs["[indicators.custom[0]]"]

