"""Tests of :mod:`sozialraum.config.sections`.

The sections that become the API's dataclasses: the index and extra indices.
"""

from __future__ import annotations

import pytest
from support.config import _demo_copy

import sozialraum as sr
from sozialraum.errors import ConfigError


def test_extra_index_needs_a_column_name(tmp_path):
    demo = _demo_copy(tmp_path)
    demo.write_text(
        demo.read_text(encoding="utf-8").replace('name = "nrw"', 'name = "NRW Index"'),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        sr.load_config(demo)
    problem = next(p for p in info.value.problems if p.where == "[index.extra[0]].name")
    assert "nrw_wert" in problem.de


def test_index_column_must_be_a_computed_indicator(tmp_path):
    demo = _demo_copy(tmp_path)
    demo.write_text(
        demo.read_text(encoding="utf-8").replace(
            'columns = ["S1", "S3", "S4"]', 'columns = ["S1", "S3", "S5"]'
        ),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        sr.load_config(demo)
    (problem,) = info.value.problems
    assert problem.where == "[index]"
    assert "'S5'" in problem.de and "berechnet: S1, S3, S4," in problem.de


def test_unknown_index_argument_is_named(tmp_path):
    demo = _demo_copy(tmp_path)
    text = demo.read_text(encoding="utf-8").replace(
        'population = "EW"\n# gesperrte', 'populaton = "EW"\n# gesperrte'
    )
    demo.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        sr.load_config(demo)
    (problem,) = info.value.problems
    assert problem.where == "[index]"
    assert "'populaton'" in problem.de and "Meinten Sie 'population'?" in problem.de

