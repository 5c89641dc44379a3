"""spatial_weights(cross_border="keep" | "cut") in a region of several municipalities."""

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

import sozialraum as sr
from sozialraum.errors import ConfigError


def _row():
    # four squares in a row: a, b in municipality 1; c, d in municipality 2
    d = gpd.GeoDataFrame(
        {"AGS": ["03159001", "03159001", "03159002", "03159002"]},
        geometry=[box(i, 0, i + 1, 1) for i in range(4)],
        index=pd.Index(["03159001-0101", "03159001-0102", "03159002-0101", "03159002-0102"]),
        crs=25832,
    )
    return d


def test_keep_is_the_default_and_stated():
    d = _row()
    g = sr.spatial_weights(d, municipality="AGS")
    assert sorted(g.neighbors["03159001-0102"]) == ["03159001-0101", "03159002-0101"]
    assert g.info.cross_border == "keep" and g.info.municipalities == 2
    assert "beibehalten" in g.info.describe("de")
    assert "kept" in g.info.describe("en")
    plain = sr.spatial_weights(d)
    assert "Gemeindegrenzen" not in plain.info.describe("de")


def test_cut_removes_exactly_the_border_links():
    d = _row()
    g = sr.spatial_weights(d, municipality=d["AGS"], cross_border="cut", transform="B")
    assert sorted(g.neighbors["03159001-0102"]) == ["03159001-0101"]
    assert sorted(g.neighbors["03159002-0101"]) == ["03159002-0102"]
    assert g.info.links_cut == 2  # b->c and c->b
    assert g.n_edges == 4
    assert "gekappt (2 gerichtete Verbindungen entfernt)" in g.info.describe("de")


def test_cut_can_make_an_island():
    d = _row().iloc[:3]  # c alone in municipality 2
    g = sr.spatial_weights(d, municipality="AGS", cross_border="cut")
    assert list(g.isolates) == ["03159002-0101"]
    assert sr.weights_summary(g).islands == ("03159002-0101",)


def test_cut_needs_a_municipality():
    with pytest.raises(ConfigError) as info:
        sr.spatial_weights(_row(), cross_border="cut")
    assert "municipality=" in info.value.message("de")
    with pytest.raises(ConfigError):
        sr.spatial_weights(_row(), municipality="GKZ")
