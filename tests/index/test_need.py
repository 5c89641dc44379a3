"""Handlungsbedarf: the status x dynamics matrix, checked cell by cell."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import sozialraum as sr
from sozialraum.errors import ConfigError
from sozialraum.index.need import handlungsbedarf

# the documented rule (docs/index.md, sozialraum/index/need.py), written out independently:
# rows status 1 hoch .. 4 sehr niedrig, columns dynamics positiv, stabil, negativ
EXPECTED = {
    (0, 0): "gering", (0, 1): "gering", (0, 2): "gering",
    (1, 0): "gering", (1, 1): "gering", (1, 2): "mittel",
    (2, 0): "mittel", (2, 1): "hoch", (2, 2): "hoch",
    (3, 0): "hoch", (3, 1): "hoch", (3, 2): "hoch",
}


def _results():
    """12 areas, one per cell: status levels 0..3 x dynamics levels 0..2 via fixed cuts."""
    idx = pd.Index([f"{i:02d}" for i in range(12)], name="SR_NR")
    status = np.repeat([0.0, 1.0, 2.0, 3.0], 3)  # z = -1.34, -0.45, 0.45, 1.34
    dyn = np.tile([0.0, 1.0, 2.0], 4)  # z = -1.22, 0, 1.22
    s_spec = sr.IndexSpec(["S"], classes=sr.ClassScheme("fixed", (-1.0, 0.0, 1.0)))
    d_spec = sr.IndexSpec(["D"], classes=sr.ClassScheme("fixed", (-0.5, 0.5)))
    st = sr.composite_index(pd.DataFrame({"S": status}, index=idx), s_spec)
    dy = sr.composite_index(pd.DataFrame({"D": dyn}, index=idx), d_spec)
    return st, dy


def test_every_cell_of_the_matrix():
    st, dy = _results()
    # the construction really puts one area in each cell
    cells = list(zip(st.class_level.astype(int), dy.class_level.astype(int), strict=True))
    assert sorted(cells) == sorted(EXPECTED)
    need = handlungsbedarf(st, dy)
    for key, cell in zip(need.index, cells, strict=True):
        assert need[key] == EXPECTED[cell], (key, cell)
    assert list(need.cat.categories) == ["gering", "mittel", "hoch"] and need.cat.ordered
    assert need.value_counts().to_dict() == {"gering": 5, "mittel": 2, "hoch": 5}


def test_own_matrix_and_its_checks():
    st, dy = _results()
    everything_high = [["hoch"] * 3] * 4
    assert set(handlungsbedarf(st, dy, everything_high)) == {"hoch"}
    with pytest.raises(ConfigError, match="4"):
        handlungsbedarf(st, dy, [["hoch"] * 3] * 3)  # 3 rows for 4 status classes
    with pytest.raises(ConfigError):
        handlungsbedarf(st, dy, [["hoch", "sehr hoch", "gering"]] * 4)


def test_missing_class_gives_no_need():
    idx = pd.Index([f"{i:02d}" for i in range(12)], name="SR_NR")
    st, _ = _results()
    d = pd.DataFrame({"D": np.tile([0.0, 1.0, 2.0], 4), "EW": [100] + [1000] * 11}, index=idx)
    dy = sr.composite_index(d, sr.IndexSpec(["D"], population="EW",
                                            classes=sr.ClassScheme("fixed", (-0.5, 0.5))))
    need = handlungsbedarf(st, dy)
    assert pd.isna(need.iloc[0]) and need.iloc[1:].notna().all()
    assert need.attrs["reasons"].iloc[0] == "below_population"


def test_mss_presets_with_the_default_matrix():
    """With the MSS presets: status 'sehr niedrig' is always 'hoch'."""
    idx = pd.Index(list("abcdefgh"))
    s = pd.DataFrame({"S": [-2.0, -1.0, 0.0, 1.0, 1.2, 1.5, 2.0, 0.5]}, index=idx)
    d = pd.DataFrame({"D": [-2.0, 0.0, 2.0, 0.0, 0.0, 0.0, 2.0, 0.0]}, index=idx)
    st = sr.composite_index(s, sr.presets.berlin_mss_status(["S"], None, min_population=0))
    dy = sr.composite_index(d, sr.presets.berlin_mss_dynamics(["D"], None, min_population=0))
    codes = sr.presets.mss_status_dynamics(st, dy)
    need = handlungsbedarf(st, dy)
    for code, value in zip(codes, need, strict=True):
        level, sign = int(code[0]) - 1, code[1:]
        col = {"+": 0, "+/-": 1, "-": 2}[sign]
        assert value == EXPECTED[(level, col)], code
