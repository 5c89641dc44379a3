"""Tests of :mod:`sozialraum.report.compute`.

The computed results: the hotspots recover the demo city's designed hotspot.

Most tests look at the demo bundle built once per session (``bundle`` in
tests/report/conftest.py).
"""

from __future__ import annotations

import sozialraum as sr


def test_hotspots_recover_the_designed_deprivation_hotspot(bundle):
    """The demo city's generator planted a deprivation hotspot: LISA high-high and the worst
    index class find only areas of it (independent ground truth, not our own output)."""
    truth = set(sr.datasets.musterstadt_truth()["hotspot"])
    lisa = bundle.local_moran.cluster
    hh = {k for k in lisa.index if lisa[k] == "HH"}
    assert hh and hh <= truth
    worst = set(bundle.frame().index[bundle.frame()["index_klasse"] == "sehr niedrig"])
    assert worst and worst <= truth

