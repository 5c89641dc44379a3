"""Tests of :mod:`sozialraum.maps.clusters`.

Static maps of local statistics: LISA / Gi* cluster maps, significance, Moran scatterplot.

Expected values are computed by hand in the tests (class bounds from the
percentile definition, Moran's I from an explicit weight matrix), never taken
from an earlier run of the code under test.
"""

from __future__ import annotations

import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from support.maps import _cluster_frame, _collections, _legend_texts, _legend_title
from synthetic import grid_districts

import sozialraum as sr
from sozialraum.errors import (
    InputError,
    SmallSampleWarning,
)
from sozialraum.maps import (
    plot_moran_scatter,
    plot_significance,
)


def test_cluster_map_colours_legend_and_note():
    g = grid_districts()
    fig = sr.plot_clusters(g, _cluster_frame(g.index), labels=None)
    texts = _legend_texts(fig)
    assert texts == [
        "Hotspot (hoch-hoch) (3)",
        "Ausreißer hoch (hoch-niedrig) (1)",
        "Ausreißer niedrig (niedrig-hoch) (0)",
        "Coldspot (niedrig-niedrig) (2)",
        "nicht signifikant (18)",
        "nicht testbar (zu wenige Gebiete) (0)",
        "keine Nachbarn (1)",
    ]
    title = _legend_title(fig)
    assert "999 Permutationen, α = 0,05" in title
    assert "Korrektur: FDR (Benjamini-Hochberg)" in title
    assert "seed) 7" in title
    colls = _collections(fig)
    assert tuple(colls["cat_HH"].get_facecolor()[0]) == pytest.approx(to_rgba("#ca0020"))
    assert tuple(colls["cat_LL"].get_facecolor()[0]) == pytest.approx(to_rgba("#0571b0"))
    assert tuple(colls["cat_ns"].get_facecolor()[0]) == pytest.approx(to_rgba("#d9d9d9"))
    assert tuple(colls["cat_island"].get_facecolor()[0]) == pytest.approx(to_rgba("#ffffff"))
    assert colls["cat_island"].get_hatch()
    assert "cat_LH" not in colls  # empty: legend entry only
    assert len(colls["cat_HH"].get_paths()) == 3


def test_gstar_dispatch_and_errors():
    g = grid_districts()
    f = pd.DataFrame(
        {"cluster": ["hot99", "hot95", "cold90"] + ["ns"] * 22, "bin": 0}, index=g.index
    )
    fig = sr.plot_clusters(g, f, labels=None)
    texts = _legend_texts(fig)
    assert texts[0] == "Hotspot (99 % Konfidenz) (1)"
    assert "Coldspot (90 % Konfidenz) (1)" in texts and "Coldspot (99 % Konfidenz) (0)" in texts
    assert "Getis-Ord Gi*" in _legend_title(fig)
    bad = f.copy()
    bad.loc["0101", "cluster"] = "XX"
    with pytest.raises(InputError, match="'XX'"):
        sr.plot_clusters(g, bad)
    other = f.rename(index={"0101": "9999"})
    with pytest.raises(InputError, match="'9999'"):
        sr.plot_clusters(g, other)


def test_significance_map_levels():
    g = grid_districts()
    fig = plot_significance(g, _cluster_frame(g.index), labels=None)
    texts = _legend_texts(fig)
    # p: 0.0005 | 0.005 | 0.03, 0.01, 0.02, 0.04 | island | 18 x 0.5
    assert texts[:4] == ["p < 0,001 (1)", "p < 0,01 (1)", "p < 0,05 (4)", "nicht signifikant (18)"]
    assert texts[-1] == "keine Nachbarn (1)"
    assert "p-Wert nach Korrektur" in _legend_title(fig)


def test_moran_scatter_slope_is_morans_i():
    g = grid_districts()
    rng = np.random.default_rng(11)
    y = np.arange(25, dtype=float) + rng.normal(scale=3, size=25)
    g["y"] = y
    # independent reference: queen contiguity on the 5 x 5 grid by index arithmetic
    w = np.zeros((25, 25))
    for a in range(25):
        for b in range(25):
            ra, ca, rb, cb = a // 5, a % 5, b // 5, b % 5
            if a != b and abs(ra - rb) <= 1 and abs(ca - cb) <= 1:
                w[a, b] = 1.0
    w = w / w.sum(axis=1, keepdims=True)
    z = y - y.mean()
    moran_i = len(y) / w.sum() * (z @ w @ z) / (z @ z)
    graph = sr.spatial_weights(g, method="queen")
    fig = plot_moran_scatter(g, "y", graph)
    assert fig.sozialraum_slope == pytest.approx(moran_i, abs=1e-10)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend[0] == f"Moran's I = {moran_i:.3f}".replace(".", ",")


def test_demo_city_local_moran_cluster_map():
    g = sr.datasets.musterstadt()
    truth = sr.datasets.musterstadt_truth()
    g["quote"] = 100 * g["SGB2"].astype(float) / g["EW_U65"].astype(float)
    graph = sr.spatial_weights(g)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)  # 25 areas, expected here
        lisa = sr.local_moran(g["quote"], graph, permutations=999, seed=1)
    frame = lisa.to_frame()
    fig = sr.plot_clusters(g, lisa)
    colls = _collections(fig)
    counts = Counter(frame["cluster"])
    for code, n in counts.items():
        assert len(colls[f"cat_{code}"].get_paths()) == n
    island = truth["island"] if isinstance(truth["island"], str) else truth["island"]["SR_NR"]
    assert frame.loc[island, "cluster"] == "island"
    # the legend states the inference as it was done, counted from the per-area methods
    exact = int((frame["inference"] == "exact").sum())
    sampled = int((frame["inference"] == "permutation").sum())
    assert exact + sampled == int(frame["testable"].sum())
    title = " ".join(_legend_title(fig).split())
    if sampled:
        assert f"Gebiete: {sampled} mit 999 Permutationen, {exact} exakt" in title
    else:
        assert f"exakt für alle {exact} Gebiete" in title and "Permutationen" not in title
    assert lisa.correction == "fdr"  # the default of sr.local_moran
    assert "Korrektur: FDR (Benjamini-Hochberg)" in _legend_title(fig)


def test_gstar_legend_names_its_fixed_levels_not_one_alpha():
    """Gi* bins stand for 90/95/99 % (ArcGIS Gi_Bin): the legend says so instead of 'α = …'."""
    import warnings

    import matplotlib.pyplot as plt

    g = sr.datasets.musterstadt()
    rates = sr.compute_indicators(g, sr.indicators.standard_indicators("SGB2_QUOTE"))
    graph = sr.spatial_weights(g, method="queen")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sr.SmallSampleWarning)
        gs = sr.local_gstar(rates["SGB2_QUOTE"], graph, permutations=99, seed=1, alpha=0.05)
    fig = sr.plot_clusters(g.join(rates), gs)
    titles = [" ".join(leg.get_title().get_text().split()) for leg in fig.legends]
    plt.close(fig)
    assert any("Stufen 90 / 95 / 99 %" in t for t in titles), titles
    assert not any("α =" in t for t in titles), titles



@pytest.mark.parametrize("n_sampled", [0, 4])
def test_legend_says_exact_or_sampled_as_it_was_done(n_sampled):
    """Issue 10: a legend saying '999 Permutationen, Startwert 7' over p-values that
    were all enumerated exactly is false; the seed matters only where draws were random."""
    g = grid_districts()
    frame = _cluster_frame(g.index)
    methods = ["exact"] * len(frame)
    methods[-1] = "island"  # not tested, counted in neither group
    for i in range(n_sampled):
        methods[i] = "permutation"
    frame["inference"] = methods
    fig = sr.plot_clusters(g, frame, labels=None)
    title = " ".join(_legend_title(fig).split())
    n_exact = len(frame) - 1 - n_sampled
    if n_sampled:
        assert f"Gebiete: {n_sampled} mit 999 Permutationen, {n_exact} exakt (aufgezählt)" in title
        assert "Startwert (seed) 7" in title
    else:
        assert f"exakt für alle {n_exact} Gebiete (aufgezählt)" in title
        assert "Permutationen" not in title and "Startwert" not in title
    assert "α = 0,05" in title and "Korrektur: FDR (Benjamini-Hochberg)" in title
