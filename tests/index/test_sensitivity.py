"""Tests of :mod:`sozialraum.index.sensitivity`.

The sensitivity analysis: seeded, and a case whose answer is clear.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from support.index import frame

import sozialraum as sr
from sozialraum.index import (
    ClassScheme,
    IndexSpec,
)


def test_sensitivity_analysis_seeded_and_clear_case():
    rng = np.random.default_rng(5)
    base = rng.normal(size=30)
    d = frame(A=base + rng.normal(scale=0.1, size=30), B=base + rng.normal(scale=0.1, size=30),
              C=base + rng.normal(scale=0.1, size=30))
    d.loc["0030", ["A", "B", "C"]] = [10.0, 11.0, 12.0]  # one obviously most deprived area
    spec = IndexSpec(["A", "B", "C"], classes=ClassScheme("quantiles", k=5))
    r1 = sr.sensitivity_analysis(d, spec, runs=200, seed=7)
    r2 = sr.sensitivity_analysis(d, spec, runs=200, seed=7)
    pd.testing.assert_frame_equal(r1.table, r2.table)
    t = r1.table
    assert t.loc["0030", "median_rank"] == 1 and t.loc["0030", "rank_p95"] == 1
    assert t.loc["0030", "share_worst_class"] == 1.0 and bool(t.loc["0030", "robust"])
    assert (t["rank_p05"] <= t["median_rank"]).all() and (t["median_rank"] <= t["rank_p95"]).all()
    assert set(r1.alternatives["aggregations"]) == {"arithmetic", "geometric"}
    assert "runs=200, seed=7" in repr(r1)

