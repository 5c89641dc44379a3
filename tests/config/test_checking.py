"""Tests of :mod:`sozialraum.config.checking`.

``sozialraum check``: the problems of a config and its inputs, at once.
"""

from __future__ import annotations

import pytest
from support.config import _demo_copy

import sozialraum as sr
from sozialraum import config as cfgmod
from sozialraum.errors import ConfigError


def test_check_config_on_demo(tmp_path):
    summary = cfgmod.check_config(_demo_copy(tmp_path))
    assert summary["n_areas"] == len(sr.datasets.musterstadt(stichtag=summary["stichtag"]))
    assert summary["stichtag"] == "31.12.2024"
    assert summary["n_indicators"] == 9
    assert not (tmp_path / "musterstadt-ergebnis").exists()  # check writes nothing


def test_check_config_finds_input_problems(tmp_path):
    demo = _demo_copy(tmp_path)
    text = demo.read_text(encoding="utf-8")
    text = text.replace('key = "SR_NR"\nname', 'key = "SR_NUMMER"\nname')
    text = text.replace('layer = "stadtteile"', 'layer = "stadtteil"')
    demo.write_text(text, encoding="utf-8")
    cfg = sr.load_config(demo)  # the file itself is fine
    with pytest.raises(ConfigError) as info:
        cfgmod.check_config(cfg)
    msgs = {p.where: p.de for p in info.value.problems}
    assert "'SR_NUMMER'" in msgs["[inputs].key"] and "Meinten Sie 'SR_NR'?" in msgs["[inputs].key"]
    assert "'stadtteil'" in msgs["[inputs.levels[0]].layer"]
    assert "Meinten Sie 'stadtteile'?" in msgs["[inputs.levels[0]].layer"]


def test_check_config_keys_that_do_not_join(tmp_path):
    demo = _demo_copy(tmp_path)
    csv = tmp_path / "musterstadt_statistik.csv"
    raw = csv.read_bytes().decode("utf-8-sig")
    # leading zeros lost for every key of Stadtteil 01 (a classic spreadsheet accident)
    raw = raw.replace(";0101;", ";101;").replace(";0102;", ";102;")
    csv.write_bytes(b"\xef\xbb\xbf" + raw.encode("utf-8"))
    with pytest.raises(ConfigError) as info:
        cfgmod.check_config(demo)
    text = "\n".join(p.de for p in info.value.problems)
    assert "'101', '102'" in text
    assert "'0101', '0102'" in text


def test_constraint_with_unknown_column_is_refused_by_check_and_run(tmp_path):
    # sr.suppress() refuses such a constraint; the bundle path dropped it silently
    demo = _demo_copy(tmp_path)
    text = demo.read_text(encoding="utf-8")
    assert '{ total = "EW", parts = ["EW_M", "EW_W"] }' in text
    demo.write_text(text.replace('parts = ["EW_M", "EW_W"]', 'parts = ["EW_M", "EW_WW"]'),
                    encoding="utf-8")
    cfg = sr.load_config(demo)  # the file itself is fine
    for attempt in (lambda: cfgmod.check_config(demo),
                    lambda: sr.run(cfg, out=tmp_path / "out", permutations=99)):
        with pytest.raises(ConfigError) as info:
            attempt()
        msgs = {p.where: p.de for p in info.value.problems}
        msg = msgs["[confidentiality].constraints[0]"]
        assert "'EW_WW'" in msg and "Meinten Sie 'EW_W'?" in msg
        assert len(info.value.problems) == 1
    assert not (tmp_path / "out").exists()


def test_check_one_bad_cell_is_one_problem(tmp_path):
    demo = _demo_copy(tmp_path)
    csv = tmp_path / "musterstadt_statistik.csv"
    raw = csv.read_bytes().decode("utf-8-sig")
    raw = raw.replace("31.12.2024;0101;EW;", "31.12.2024;0101;EW;x", 1)  # one bad cell
    csv.write_bytes(b"\xef\xbb\xbf" + raw.encode("utf-8"))
    with pytest.raises(ConfigError) as info:
        cfgmod.check_config(demo)
    (problem,) = info.value.problems  # no follow-up "column missing" for the unread table
    assert problem.where == "[inputs.tables[0]]" and "'x" in problem.de

