"""Contracts of the monitoring functions: inputs not mutated, keys kept verbatim (also hostile
ones), the same seed gives the same result."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from synthetic import grid_districts

import sozialraum as sr

HOSTILE = ["../x", "=cmd|' /C calc'!A0", "<img src=x onerror=alert(1)>", "00x7", "a;b"]


def hostile_panel(n_years=6):
    rng = np.random.default_rng(2)
    keys = HOSTILE + [f"{i:04d}" for i in range(20)]
    days = pd.to_datetime([f"{y}-12-31" for y in range(2019, 2019 + n_years)])
    idx = pd.MultiIndex.from_product([keys, days], names=["SR_NR", "Stichtag"])
    ew = rng.integers(300, 3000, len(idx))
    return pd.DataFrame({"EW_U65": ew, "SGB2": rng.binomial(ew, 0.12)}, index=idx)


def test_inputs_not_mutated_and_hostile_keys_kept():
    p = hostile_panel()
    before = p.copy()
    rates = sr.panel_indicators(p, ["SGB2_QUOTE"])
    ch = sr.change(p, "SGB2_QUOTE", base=2019, to=2024)
    tr = sr.trend(rates, "SGB2_QUOTE")
    pub = sr.suppress_panel(p, columns=["EW_U65", "SGB2"])
    pd.testing.assert_frame_equal(p, before)
    for frame in (ch.to_frame(), tr.to_frame(), pub.change_frame(2019, 2020)):
        assert list(frame.index[:5]) == HOSTILE
    assert set(rates.index.get_level_values("SR_NR")) == set(p.index.get_level_values("SR_NR"))
    # HTML views escape keys: a key is data, never markup
    for res in (ch, tr):
        html = res._repr_html_()
        assert "<img src=x" not in html and "&lt;img src=x" in html


def test_emerging_hotspots_same_seed_same_result_and_input_kept():
    d = grid_districts(6, 6)
    g = sr.spatial_weights(d, "queen")
    rng = np.random.default_rng(4)
    v = pd.DataFrame(rng.normal(10, 2, (36, 6)), index=d.index, columns=range(2019, 2025))
    before = v.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sr.SmallSampleWarning)
        a = sr.emerging_hotspots(v, g, permutations=199, seed=11)
        b = sr.emerging_hotspots(v, g, permutations=199, seed=11)
        other = sr.emerging_hotspots(v, g, inference=sr.Inference(permutations=199, seed=12,
                                                                  alpha=0.05))
    pd.testing.assert_frame_equal(v, before)
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())
    pd.testing.assert_frame_equal(a.p_adjusted, b.p_adjusted)
    assert not a.p_adjusted.equals(other.p_adjusted)  # the seed is used
    assert list(a.to_frame().index) == list(d.index)
    assert a.to_frame().attrs["settings"]["seed"] == 11
    with pytest.raises(sr.ConfigError, match="permutations"):
        sr.emerging_hotspots(v, g, permutations=-1)
