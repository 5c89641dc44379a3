"""Tests of :mod:`sozialraum.config.problems`.

Every problem of a config reported at once, with its key path.
"""

from __future__ import annotations

import pytest
from support.config import _write

import sozialraum as sr
from sozialraum.errors import ConfigError


def test_every_problem_is_reported_at_once(tmp_path):
    path = _write(
        tmp_path,
        """
language = "de"
[inputs]
boundaries = "fehlt.gpkg"
key = "SR_NR"
stichtag = "31.12.2024"
tabels = []
[[inputs.tables]]
path = "auch_fehlt.csv"
[indicators]
standard = ["S1", "SGB2_QUOTA"]
[index]
preset = "berlin_mss_stats"
[hotspots]
permutations = 5
correction = "fdx"
alpha = 0.9
[maps]
k = 12
""",
    )
    with pytest.raises(ConfigError) as info:
        sr.load_config(path)
    err = info.value
    wheres = [p.where for p in err.problems]
    assert "[inputs].boundaries" in wheres
    assert "[inputs.tables[0]].path" in wheres
    assert "[inputs]" in wheres  # unknown key 'tabels'
    assert "[indicators].standard" in wheres
    assert "[index].preset" in wheres
    assert "[hotspots].permutations" in wheres
    assert "[hotspots].correction" in wheres
    assert "[hotspots].alpha" in wheres
    assert "[maps].k" in wheres
    assert len(err.problems) == 9
    de = err.message("de")
    assert de.startswith("9 Problem(e) in der Konfiguration")
    assert "Meinten Sie 'tables'?" in de  # did-you-mean for the unknown key
    assert "Meinten Sie 'SGB2_QUOTE'?" in de
    assert "Meinten Sie 'berlin_mss_status'?" in de
    assert "Meinten Sie 'fdr'?" in de
    assert "fehlt.gpkg" in de
    assert "Did you mean 'tables'?" in str(err)  # the exception itself is English

