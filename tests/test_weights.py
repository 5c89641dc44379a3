"""Tests of :mod:`sozialraum.weights`.

Spatial weights: methods, islands, keys, CRS checks, summary and metadata.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import MultiPolygon, Point, box
from support.spdep import (
    CASES,
    DATA,
    DATASETS,
    districts,
    graph,
    ref,
)

import sozialraum as sr
from sozialraum.errors import ConfigError, CRSError, DuplicateKeyError, GeometryError, InputError


@pytest.mark.parametrize(("dataset", "weights"), CASES)
def test_neighbour_sets_equal_spdep(dataset, weights):
    edges = ref(dataset, weights, "nb_edges")
    adj = graph(dataset, weights).adjacency.reset_index()
    ours = set(zip(adj["focal"], adj["neighbor"], strict=True))
    theirs = set(zip(edges["from_fid0"], edges["to_fid0"], strict=True))
    assert ours == theirs
    # row-standardised weights equal spdep style "W"
    w = adj.set_index(["focal", "neighbor"])["weight"]
    w_ref = edges.set_index(["from_fid0", "to_fid0"])["w_W"]
    np.testing.assert_allclose(w.loc[w_ref.index].to_numpy(), w_ref.to_numpy(), rtol=1e-12)


@pytest.mark.parametrize("dataset", DATASETS)
def test_planar_centroids_equal_sf(dataset):
    from sozialraum.weights import _centroids

    c = _centroids(districts(dataset).geometry)
    r = pd.read_csv(DATA / f"{dataset}__centroids.csv").set_index("fid0")
    np.testing.assert_allclose(c.x.to_numpy(), r["cx"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(c.y.to_numpy(), r["cy"].to_numpy(), rtol=1e-12)


@pytest.mark.parametrize(("dataset", "weights"), CASES)
def test_summary_matches_manifest(dataset, weights):
    import json

    meta = json.loads((DATA / "MANIFEST.json").read_text())["datasets"][dataset][weights]
    s = sr.weights_summary(graph(dataset, weights))
    assert s.n_links == meta["n_links"]
    assert s.min_neighbours == meta["min_card"]
    assert s.max_neighbours == meta["max_card"]
    assert s.mean_neighbours == pytest.approx(meta["mean_card"], rel=1e-12)
    assert s.n_components == meta["n_components"]
    assert s.symmetric == meta["symmetric"]
    assert list(s.islands) == meta["islands"]


def grid(nx: int = 3, ny: int = 3, *, crs="EPSG:25832", size: float = 100.0) -> gpd.GeoDataFrame:
    """nx*ny square cells of `size` metres with keys '0101', '0102', ... (row-major)."""
    cells, keys = [], []
    for row in range(ny):
        for col in range(nx):
            cells.append(box(col * size, row * size, (col + 1) * size, (row + 1) * size))
            keys.append(f"{row + 1:02d}{col + 1:02d}")
    return gpd.GeoDataFrame(
        {"name": keys}, geometry=cells, index=pd.Index(keys, name="SR_NR"), crs=crs
    )


def neighbours(graph) -> dict[str, set[str]]:
    adj = graph.adjacency
    out: dict[str, set[str]] = {str(k): set() for k in graph.unique_ids}
    for (f, n), w in adj.items():
        if w != 0 and f != n:
            out[str(f)].add(str(n))
    return out


def test_queen_and_rook_on_a_grid_by_hand():
    d = grid()
    queen = neighbours(sr.spatial_weights(d, "queen"))
    rook = neighbours(sr.spatial_weights(d, "rook"))
    assert queen["0202"] == {"0101", "0102", "0103", "0201", "0203", "0301", "0302", "0303"}
    assert rook["0202"] == {"0102", "0201", "0203", "0302"}
    assert queen["0101"] == {"0102", "0201", "0202"}
    assert rook["0101"] == {"0102", "0201"}


def test_row_standardised_by_default_and_binary_on_request():
    d = grid()
    g = sr.spatial_weights(d, "rook")
    rows = g.adjacency.groupby(level=0).sum()
    np.testing.assert_allclose(rows.to_numpy(), 1.0)
    assert g.adjacency.loc[("0101", "0102")] == pytest.approx(0.5)
    b = sr.spatial_weights(d, "rook", transform="B")
    assert set(b.adjacency.unique()) == {1}
    assert sr.weights_info(b).transform == "B"


def test_any_index_order_keeps_text_keys():
    d = grid()
    shuffled = d.iloc[[4, 0, 8, 2, 6, 1, 3, 5, 7]]
    g = sr.spatial_weights(shuffled, "queen")
    assert list(g.unique_ids) == list(shuffled.index)  # order kept
    assert all(isinstance(k, str) and len(k) == 4 for k in g.unique_ids)  # leading zeros kept
    assert neighbours(g) == neighbours(sr.spatial_weights(d, "queen"))


def test_multipolygons_and_exclave_island():
    d = grid(2, 1)
    # '0102' gets a detached second part far away: still one area, still neighbour of 0101
    multi = MultiPolygon([d.geometry.iloc[1], box(1000, 1000, 1100, 1100)])
    exclave = box(5000, 5000, 5100, 5100)
    d = pd.concat(
        [
            d,
            gpd.GeoDataFrame(
                {"name": ["0201"]},
                geometry=[exclave],
                index=pd.Index(["0201"], name="SR_NR"),
                crs=d.crs,
            ),
        ]
    )
    d.loc["0102", "geometry"] = multi
    g = sr.spatial_weights(d, "queen")
    assert neighbours(g) == {"0101": {"0102"}, "0102": {"0101"}, "0201": set()}
    s = sr.weights_summary(g)
    assert s.islands == ("0201",)
    assert s.n_components == 2
    assert s.component_sizes == (2, 1)
    assert (s.min_neighbours, s.max_neighbours) == (0, 1)
    assert s.mean_neighbours == pytest.approx(2 / 3)
    text = repr(s)
    assert "islands: 1 ('0201')" in text and "policy 'keep'" in text
    assert "keine Nachbarn" not in text  # repr is English; the German goes to describe()
    assert "0201" in s.describe() and "Ohne Nachbarn" in s.describe()


def test_island_policy_knn_connects_and_records():
    d = grid(2, 2)
    island = gpd.GeoDataFrame(
        {"name": ["0901"]},
        geometry=[box(1000, 0, 1100, 100)],
        index=pd.Index(["0901"], name="SR_NR"),
        crs=d.crs,
    )
    d = pd.concat([d, island])
    g = sr.spatial_weights(d, "queen", islands="knn", islands_k=1)
    nb = neighbours(g)
    # nearest centroid to (1050, 50) is cell '0102' (centroid (150, 50)); link is symmetric
    assert nb["0901"] == {"0102"}
    assert "0901" in nb["0102"]
    assert list(g.unique_ids) == list(d.index)
    info = sr.weights_info(g)
    assert info.islands == "knn" and info.islands_connected == ("0901",)
    assert sr.weights_summary(g).islands == ()
    assert "0901" in info.describe() and "nächstgelegenen" in info.describe()
    # row-standardised after connecting
    np.testing.assert_allclose(g.adjacency.groupby(level=0).sum().to_numpy(), 1.0)


def test_fuzzy_bridges_gaps_up_to_tolerance():
    a, b = box(0, 0, 100, 100), box(100.5, 0, 200, 100)  # 0.5 m digitising gap
    d = gpd.GeoDataFrame(geometry=[a, b], index=pd.Index(["01", "02"]), crs=25832)
    assert sr.weights_summary(sr.spatial_weights(d, "queen")).islands == ("01", "02")
    assert neighbours(sr.spatial_weights(d, "fuzzy", tolerance=1.0))["01"] == {"02"}
    assert neighbours(sr.spatial_weights(d, "fuzzy", tolerance=0.4))["01"] == set()
    assert sr.weights_info(sr.spatial_weights(d, "fuzzy")).parameters == {"tolerance": 1.0}


def test_knn_and_distance_band_by_hand():
    d = grid(4, 1)  # centroids at x = 50, 150, 250, 350
    knn = neighbours(sr.spatial_weights(d, "knn", k=2))
    assert knn["0101"] == {"0102", "0103"}
    assert knn["0103"] in ({"0102", "0104"},)
    band = neighbours(sr.spatial_weights(d, "distance", threshold=150))
    assert band["0101"] == {"0102"} and band["0102"] == {"0101", "0103"}
    assert sr.weights_info(sr.spatial_weights(d, "knn", k=2)).parameters == {"k": 2}


def test_higher_order():
    d = grid(5, 1)
    cum = neighbours(sr.spatial_weights(d, "rook", order=2))
    assert cum["0101"] == {"0102", "0103"}
    exact = neighbours(sr.spatial_weights(d, "rook", order=2, cumulative=False))
    assert exact["0101"] == {"0103"} and exact["0103"] == {"0101", "0105"}


@pytest.mark.parametrize("crs", [None, "EPSG:4326"])
def test_projected_crs_required(crs):
    d = grid(2, 1, crs=crs)
    with pytest.raises(CRSError, match="EPSG:25832"):
        sr.spatial_weights(d)


def test_undefined_cartesian_crs_is_refused_with_fix(tmp_path):

    g = gpd.read_file(Path(__file__).parent / "data" / "spdep" / "columbus.gpkg")
    with pytest.raises(CRSError, match="allow_override=True"):
        sr.spatial_weights(g)
    assert sr.spatial_weights(g.set_crs(3857, allow_override=True)).n == 49


def test_bad_inputs_have_clear_errors():
    d = grid(2, 2)
    with pytest.raises(ConfigError, match="Did you mean 'queen'"):
        sr.spatial_weights(d, "quen")
    dup = d.copy()
    dup.index = pd.Index(["0101", "0101", "0201", "0202"], name="SR_NR")
    with pytest.raises(DuplicateKeyError, match="'0101'"):
        sr.spatial_weights(dup)
    empty = d.copy()
    empty.loc["0102", "geometry"] = None
    with pytest.raises(GeometryError, match="'0102'"):
        sr.spatial_weights(empty)
    points = d.copy()
    points.loc["0201", "geometry"] = Point(1, 1)
    with pytest.raises(GeometryError, match="'0201'"):
        sr.spatial_weights(points, "queen")
    with pytest.raises(ConfigError, match="threshold"):
        sr.spatial_weights(d, "distance")
    with pytest.raises(ConfigError, match="'k'"):
        sr.spatial_weights(d, "knn", k=4)
    with pytest.raises(InputError, match="GeoDataFrame"):
        sr.spatial_weights(pd.DataFrame({"a": [1]}))


def test_input_not_mutated():
    d = grid()
    before = d.copy()
    sr.spatial_weights(d.iloc[::-1], "queen", islands="knn")
    pd.testing.assert_frame_equal(d, before)


def test_summary_of_foreign_graph_says_unknown():
    from libpysal.graph import Graph

    d = grid(2, 2)
    g = Graph.build_contiguity(d)
    s = sr.weights_summary(g)
    assert s.info is None and "method='unknown'" in repr(s)
    # a libpysal operation on the bare graph returns a graph without our record (documented)
    assert sr.weights_info(sr.spatial_weights(d).graph.transform("B")) is None
    frame = sr.weights_summary(sr.spatial_weights(d)).to_frame()
    assert frame.loc["method", "value"] == "queen" and frame.loc["n", "value"] == 4


def _with_island() -> gpd.GeoDataFrame:
    d = grid()
    island = gpd.GeoDataFrame(
        {"name": ["0901"]},
        geometry=[box(1000, 0, 1100, 100)],
        index=pd.Index(["0901"], name="SR_NR"),
        crs=d.crs,
    )
    return pd.concat([d, island])


def test_metadata_survives_transform_and_copy():
    """The record is held next to the graph, not patched onto libpysal's object."""
    from libpysal.graph import Graph

    w = sr.spatial_weights(_with_island(), "rook", transform="B")
    assert isinstance(w, sr.SpatialWeights) and isinstance(w.graph, Graph)
    assert not hasattr(w.graph, "_sozialraum_weights")  # nothing written onto the Graph
    before = sr.weights_summary(w)
    for derived in (w.transform("r"), w.transform("R").copy(), w.copy()):
        assert isinstance(derived, sr.SpatialWeights)
        info = sr.weights_info(derived)
        assert (info.method, info.islands, info.parameters) == ("rook", "keep", {})
        after = sr.weights_summary(derived)
        assert after.islands == before.islands == ("0901",)
        assert after.n_components == before.n_components == 2
        assert after.component_sizes == before.component_sizes
    assert sr.weights_info(w.transform("r")).transform == "R"
    np.testing.assert_allclose(
        w.transform("r").adjacency.groupby(level=0).sum().drop("0901").to_numpy(), 1.0
    )
    assert "zeilenstandardisiert" in sr.weights_summary(w.transform("r")).describe()
    # operations that change the neighbours return a plain Graph without the record
    assert sr.weights_info(w.higher_order(2)) is None


def test_spatial_weights_forward_the_graph_api():
    d = grid()
    w = sr.spatial_weights(d, "rook")
    g = w.graph
    pd.testing.assert_series_equal(w.adjacency, g.adjacency)
    pd.testing.assert_series_equal(w.cardinalities, g.cardinalities)
    assert w.neighbors == g.neighbors and len(w) == len(g)
    pd.testing.assert_series_equal(w["0101"], g["0101"])
    assert "queen" not in repr(w) and "rook" in repr(w)
    # the statistics take both and give the same result
    y = pd.Series(np.arange(9.0) ** 1.5, index=d.index)
    a = sr.global_moran(y, w, permutations=99).to_frame()
    b = sr.global_moran(y, g, permutations=99).to_frame()
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(InputError, match="libpysal.graph.Graph"):
        sr.weights_summary("queen")
    with pytest.raises(InputError, match="libpysal.graph.Graph"):
        sr.local_moran(y, "queen")


def test_weights_errors_speak_german():
    with pytest.raises(CRSError) as info:
        sr.spatial_weights(grid(crs=None))
    assert info.value.key == "weights.no_crs"
    assert "projiziertes System" in info.value.message("de")
    with pytest.raises(ConfigError) as info:
        sr.spatial_weights(grid(), "quen")
    assert "Meinten Sie 'queen'?" in info.value.message("de")
    assert "Did you mean 'queen'?" in str(info.value)

