"""Tests of :mod:`sozialraum.autocorrelation.inference`.

The Inference settings: invalid values refused by every statistic, keywords vs. one value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support.autocorrelation import _noisy_grid

import sozialraum as sr
from sozialraum.errors import ConfigError


@pytest.mark.parametrize(
    "bad",
    [
        {"permutations": -1},
        {"permutations": True},
        {"permutations": 9.0},
        {"permutations": 100_000},
        {"seed": True},
        {"seed": "abc"},
        {"seed": 1.5},
        {"seed": -3},
        {"alpha": 0.0},
        {"alpha": True},
        {"alpha": "0.05"},
    ],
)
def test_invalid_settings_are_refused_everywhere(bad):
    """Defect: seed=True was accepted, seed='abc' reached numpy, run() skipped checks."""
    (name,) = bad
    y, g = _noisy_grid()
    for fn in (sr.local_moran, sr.local_gstar, sr.global_moran, sr.global_geary):
        if fn in (sr.global_moran, sr.global_geary) and name == "alpha":
            continue  # the global functions take no alpha keyword
        with pytest.raises(ConfigError) as info:
            fn(y, g, **bad)
        assert info.value.key == f"stats.{name}" and info.value.field == name
        assert repr(bad[name]) in str(info.value) and repr(bad[name]) in info.value.message("de")
    with pytest.raises(ConfigError) as info:
        sr.Inference(**bad)
    assert info.value.key == f"stats.{name}"


def test_inference_value_and_keywords():
    y, g = _noisy_grid()
    inf = sr.Inference(permutations=199, seed=3, alpha=0.1, correction="bonferroni")
    a = sr.local_moran(y, g, inference=inf)
    b = sr.local_moran(y, g, 199, 3, "bonferroni", 0.1)
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())
    assert a.settings == b.settings == inf
    assert (a.permutations, a.seed, a.alpha, a.correction, a.alternative) == (
        199, 3, 0.1, "bonferroni", "two-sided"
    )
    # defaults live in one place
    assert sr.local_moran(y, g, permutations=0).settings == sr.Inference(permutations=0)
    assert sr.local_gstar(y, g, permutations=0).alpha == 0.10
    gm = sr.global_moran(y, g, permutations=99)
    assert gm.settings == sr.Inference(permutations=99, alternative="greater", correction="none")
    gm2 = sr.global_moran(y, g, inference=sr.Inference(permutations=99, alternative="greater"))
    assert gm2.settings == gm.settings and gm2.p_value == gm.p_value
    assert gm.to_frame().loc["Moran's I", "permutations"] == 99
    with pytest.raises(ConfigError, match="not both") as info:
        sr.local_moran(y, g, seed=2, inference=inf)
    assert "nicht beides" in info.value.message("de")
    with pytest.raises(ConfigError, match="two-sided"):
        sr.local_gstar(y, g, inference=inf.replace(alternative="greater"))
    with pytest.raises(ConfigError, match="Inference"):
        sr.local_moran(y, g, inference={"permutations": 9})
    with pytest.raises(ConfigError, match="Did you mean 'less'"):
        sr.Inference(alternative="les")
    with pytest.raises(ConfigError) as info:
        sr.Inference(correction="fdx")
    assert "Meinten Sie 'fdr'?" in info.value.message("de")
    # every invalid field at once (for the config's problem list)
    problems = sr.Inference.problems(seed="x", alpha=2, permutations=9)
    assert [p.field for p in problems] == ["seed", "alpha"]
    # numpy numbers are fine and become plain numbers
    inf2 = sr.Inference(permutations=np.int64(99), seed=np.int32(2), alpha=np.float64(0.1))
    assert type(inf2.permutations) is int and type(inf2.seed) is int
    assert inf2.to_dict() == {
        "permutations": 99, "seed": 2, "alpha": 0.1, "correction": "fdr",
        "alternative": "two-sided",
    }
    assert sr.Inference(seed=None).seed is None

