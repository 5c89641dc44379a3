"""Tests of :mod:`sozialraum.maps.interactive`.

Interactive maps: the HTML that explore() writes (offline assets, allow-list, legends,
same classes and colours as the static map, simplification of large inputs).

The page is rendered to a string and inspected; tests/test_browser.py opens it in Chromium.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest
import shapely
from matplotlib.colors import to_rgba
from support.arcs import features, topologies
from synthetic import grid_districts, voronoi_districts

import sozialraum as sr
from sozialraum.errors import ColumnError, InputError, OutputExistsError
from sozialraum.io.cells import REASON_DTYPE
from sozialraum.maps.interactive import _prepare_geometry

SOURCE = dict(
    source="Kommunalstatistik Musterstadt",
    geometry_source="Musterstadt (fiktiv)",
    licence="dl-de/by-2-0",
)


@pytest.fixture
def grid():
    g = grid_districts()
    g["quote"] = np.arange(1.0, 26.0) + 0.25  # 1.25 .. 25.25
    g["EW"] = pd.array(np.arange(987_601, 987_626), dtype="Int64")  # raw counts: never shown
    reasons = pd.Series(pd.Categorical([None] * len(g), dtype=REASON_DTYPE), index=g.index)
    reasons["0303"] = "secret"
    g["quote__reason"] = reasons
    g.loc["0303", "quote"] = 31.4159  # flagged secret: the value must not reach the page
    g["Stichtag"] = pd.Timestamp("2024-12-31")
    return g


def _html(m) -> str:
    return m.get_root().render()


def _contains_number(page: str, number: int) -> bool:
    """True if `number` occurs as a whole number (not inside a coordinate or another number)."""
    return re.search(rf"(?<![\d.,]){number}(?![\d])", page) is not None


def _features(page: str) -> list[dict]:
    """The districts as the page's decoder gives them to Leaflet (tests/support/arcs.py)."""
    return features(page)


def test_offline_page_needs_no_network(grid):
    page = _html(sr.explore(grid, ["quote"], **SOURCE))
    tags = re.findall(r"<(?:script|link|img)\b[^>]*>", page)
    for tag in tags:
        assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", tag), tag
    for cdn in ("cdn.jsdelivr", "cdnjs", "jquery", "bootstrap", "font-awesome", "fontawesome"):
        assert cdn not in page.lower()
    assert "url(images/" not in page  # Leaflet's CSS images are inlined as data URIs
    assert "data:image/png;base64," in page
    assert "sourceMappingURL" not in page
    assert "L.geoJSON" in page and "L.map(" in page
    # Leaflet itself is inlined from xstatic-leaflet
    from xstatic.pkg import leaflet

    assert f"Leaflet {leaflet.VERSION}" in page or "leafletjs.com" in page
    assert page.count("<script>") >= 2


def test_online_mode_links_only_leaflet(grid):
    page = _html(sr.explore(grid, ["quote"], offline=False))
    srcs = re.findall(r"<script src=\"([^\"]+)\"", page)
    hrefs = re.findall(r"<link rel=\"stylesheet\" href=\"([^\"]+)\"", page)
    assert len(srcs) == 1 and srcs[0].endswith("leaflet.js")
    assert len(hrefs) == 1 and hrefs[0].endswith("leaflet.css")


def test_allow_list_raw_counts_and_suppressed_values_absent(grid):
    m = sr.explore(grid, ["quote"], unit="%")
    page = _html(m)
    for count in grid["EW"]:
        assert not _contains_number(page, int(count))
    assert "EW" not in re.findall(r'"([A-Za-z_]+)":', page)
    # the secret value neither raw nor formatted
    for form in ("31.4159", "31,4159", "31,4", "31.4", "31,42"):
        assert form not in page
    assert "keine Angabe (Geheimhaltung)" in page
    # only geometry, key and name go into the page's geometry object
    (topo,) = topologies(page)
    assert sorted(topo) == ["a", "g", "k", "n", "na", "o", "p", "v"]
    assert len(topo["k"]) == 25 and topo["k"][0] == "0101"
    decoded = _features(page)
    assert len(decoded) == 25
    assert {tuple(sorted(f["properties"])) for f in decoded} == {("h", "i", "k")}


def test_tooltips_german_numbers_name_and_key(grid):
    m = sr.explore(grid, ["quote"], unit="%")
    info = m.sozialraum_layers[0]
    keys = list(grid.index)
    assert info.texts[keys.index("0102")] == "2,2 %"  # 2.25 -> one decimal, German comma
    assert info.texts[keys.index("0303")] == "keine Angabe (Geheimhaltung)"
    headers = {f["properties"]["k"]: f["properties"]["h"] for f in _features(_html(m))}
    assert headers["0102"] == "<b>Bezirk 1-2</b> (0102)"


def test_same_classes_and_colours_as_static_map(grid):
    fig = sr.plot_choropleth(grid, "quote", "quantiles", 4, unit="%", labels=None)
    m = sr.explore(grid, ["quote"], scheme="quantiles", k=4, unit="%")
    info = m.sozialraum_layers[0]
    static = Counter()
    for coll in fig.axes[0].collections:
        gid = coll.get_gid() or ""
        if gid.startswith(("class_", "missing_")):
            static[tuple(np.round(coll.get_facecolor()[0], 6))] += len(coll.get_paths())
    interactive = Counter(tuple(np.round(to_rgba(c), 6)) for c in info.colors)
    assert static == interactive
    static_labels = [t.get_text() for t in fig.legends[0].get_texts()][:4]
    for label in static_labels:
        assert label in info.legend_html


def test_legends_stepped_and_categorical_and_layers(grid):
    g = grid.copy()
    codes = ["HH", "HH", "LL", "island"] + ["ns"] * 21
    lisa = pd.DataFrame(
        {"cluster": codes, "p_value": [0.001, 0.02, 0.03, np.nan] + [0.4] * 21}, index=g.index
    )
    lisa.attrs.update(permutations=9999, alpha=0.05, correction="fdr", seed=1)
    m = sr.explore(
        g, ["quote"], results={"LISA Quote": lisa}, titles={"quote": "Quote"}, title="Testkarte"
    )
    page = _html(m)
    assert '"Quote"' in page and '"LISA Quote"' in page  # both in the layer control
    assert "L.control.layers" in page
    choro, cluster = m.sozialraum_layers
    assert 'class="sr-step"' in choro.legend_html
    assert 'class="sr-cat"' in cluster.legend_html
    for text in (
        "Hotspot (hoch-hoch) (2)",
        "Coldspot (niedrig-niedrig) (1)",
        "Ausreißer hoch (hoch-niedrig) (0)",
        "nicht testbar (zu wenige Gebiete) (0)",
        "keine Nachbarn (1)",
        "9.999 Permutationen",
        "FDR (Benjamini-Hochberg)",
    ):
        assert text in cluster.legend_html, text
    assert cluster.colors[0] == "#ca0020" and cluster.colors[2] == "#0571b0"
    assert cluster.texts[0] == "Hotspot (hoch-hoch) (p = 0,001)"
    assert "Testkarte" in page and "Stand: 31.12.2024" in page


def test_cluster_code_column_becomes_categorical_layer(grid):
    g = grid.copy()
    g["gi"] = ["hot99"] + ["ns"] * 23 + ["cold95"]
    m = sr.explore(g, ["gi"])
    info = m.sozialraum_layers[0]
    assert info.kind == "categories"
    assert info.colors[0] == "#b2182b" and info.colors[-1] == "#67a9cf"
    assert "Hotspot (99 % Konfidenz) (1)" in info.legend_html


def test_reprojection_for_display_only(grid):
    before = grid.copy()
    page = _html(sr.explore(grid, ["quote"]))
    pd.testing.assert_frame_equal(grid, before)
    assert grid.crs.to_epsg() == 25832
    coords = shapely.get_coordinates(_features(page)[0]["geometry"])
    # EPSG:25832 x=400000, y=5600000 is about 7.6 E, 50.5 N
    assert 7.0 < coords[:, 0].min() < 8.0 and 50.0 < coords[:, 1].min() < 51.0
    # on the grid of 1e-6 degrees (precision 6 up to 1,000 districts)
    assert np.abs(coords * 1e6 - np.rint(coords * 1e6)).max() < 1e-6


def test_tiles_osm_with_attribution(grid):
    page = _html(sr.explore(grid, ["quote"], tiles="OpenStreetMap"))
    assert "tile.openstreetmap.org" in page
    assert "OpenStreetMap" in page and "contributors" in page


def test_save_is_atomic_and_refuses_overwrite(grid, tmp_path):
    m = sr.explore(grid, ["quote"])
    target = tmp_path / "karte.html"
    m.save(target)
    first = target.read_text(encoding="utf-8")
    assert first.startswith("<!DOCTYPE html>")
    with pytest.raises(OutputExistsError):
        m.save(target)
    m.save(target, force=True)
    assert sr.maps.save_html(m, tmp_path / "b.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.html", "karte.html"]


def test_errors(grid):
    with pytest.raises(ColumnError, match="'nope'"):
        sr.explore(grid, ["nope"])
    with pytest.raises(InputError, match="at least one"):
        sr.explore(grid, [])
    with pytest.raises(InputError, match="unique"):
        sr.explore(
            grid,
            ["quote"],
            results={"quote": pd.DataFrame({"cluster": ["ns"] * 25}, index=grid.index)},
        )


def test_coverage_simplification_keeps_shared_boundaries():
    g = voronoi_districts(1200, seed=3)
    assert shapely.coverage_is_valid(g.geometry.to_numpy())
    before = int(shapely.get_num_coordinates(g.geometry.to_numpy()).sum())
    prepared = _prepare_geometry(g, "name", "auto", "auto")
    shown = prepared.frame.to_crs(g.crs).geometry.to_numpy()
    after = int(shapely.get_num_coordinates(shown).sum())
    assert len(shown) == len(g)
    assert after < 0.6 * before
    # no gaps and no overlaps: the parts add up to their union, which is the original area
    union = shapely.union_all(shown).area
    assert shapely.area(shown).sum() == pytest.approx(union, rel=1e-4)
    assert union == pytest.approx(g.area.sum(), rel=1e-4)
    # every pair of neighbours before is still a pair of neighbours after
    tree = shapely.STRtree(g.geometry.to_numpy())
    pairs = tree.query(g.geometry.to_numpy(), predicate="touches")
    sample = pairs[:, pairs[0] < pairs[1]][:, :300]
    assert all(shapely.intersects(shown[a], shown[b]) for a, b in sample.T)


def test_demo_city_all_levels(tmp_path):
    for level in ("sozialraeume", "stadtteile", "stadtbezirke"):
        g = sr.datasets.musterstadt(level=level)
        g["quote"] = 100 * g["SGB2"].astype(float) / g["EW_U65"].astype(float)
        m = sr.explore(g, ["quote"], k=5 if len(g) > 10 else 2, unit="%", **SOURCE)
        path = tmp_path / f"{level}.html"
        m.save(path)
        page = path.read_text(encoding="utf-8")
        assert len(topologies(page)[0]["k"]) == len(g) == len(_features(page))
        for count in g["EW"]:
            assert not _contains_number(page, int(count))
