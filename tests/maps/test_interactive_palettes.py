"""The HTML map uses the printed map's palette per layer and its hot/cold spot texts
(newcomer check: the NRW layer was YlOrRd in the browser, RdBu on paper; the cluster
legend said "Hotspot (hoch-hoch)" where the print says what "hoch" means)."""

from __future__ import annotations

import numpy as np
from synthetic import grid_districts

import sozialraum as sr
from sozialraum.maps.style import class_colors


def _data():
    d = grid_districts(5, 5)
    rng = np.random.default_rng(3)
    d["punkte"] = np.arange(25, dtype=float) + rng.uniform(0, 0.5, 25)
    d["quote"] = np.arange(25, dtype=float)[::-1] + rng.uniform(0, 0.5, 25)
    return d


def test_each_layer_gets_its_palette():
    d = _data()
    m = sr.explore(d, columns=["punkte", "quote"], k=5, offline=True,
                   palette={"punkte": "RdBu", "quote": "YlOrRd"})
    page = m.get_root().render().lower()
    for color in class_colors("RdBu", 5) + class_colors("YlOrRd", 5):
        assert color.lower() in page
    # one palette for every layer, as before: no RdBu colour on the page
    page = sr.explore(d, columns=["punkte", "quote"], k=5, offline=True,
                      palette="YlOrRd").get_root().render().lower()
    assert not any(c.lower() in page for c in class_colors("RdBu", 5)
                   if c.lower() not in [x.lower() for x in class_colors("YlOrRd", 5)])


def test_cluster_legend_says_what_high_means():
    d = _data()
    lisa = sr.local_moran(d["quote"], sr.spatial_weights(d, "queen"), permutations=99, seed=1,
                          small_sample_warning=False)
    plain = sr.explore(d, results={"LISA": lisa}, offline=True).get_root().render()
    assert "Hotspot (hoch-hoch)" in plain
    page = sr.explore(d, results={"LISA": lisa}, offline=True, values="index_more"
                      ).get_root().render()
    assert "Hotspot: hohe Indexwerte" in page and "Coldspot: niedrige Indexwerte" in page
    assert "Hotspot (hoch-hoch)" not in page
