"""The vectorised contiguity (sozialraum._util.contiguity) against libpysal and spdep.

libpysal's ``Graph.build_contiguity`` (its own vertex-set algorithm, a Python dict
inversion) and R spdep's ``poly2nb`` edge lists in tests/data/spdep are the
references; the graphs must be *equal*, not just similar.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from libpysal.graph import Graph
from shapely.geometry import MultiPolygon, Polygon, box
from synthetic import grid_districts, voronoi_districts

import sozialraum as sr
from sozialraum._util.contiguity import grid_links, polygon_links
from sozialraum.errors import DuplicateKeyError
from sozialraum.weights import grid_weights

SPDEP = Path(__file__).resolve().parents[1] / "data" / "spdep"


def links(graph) -> set:
    adj = graph.adjacency
    adj = adj[adj != 0]
    return set(adj.index)


def tessellation(n: int, seed: int, jitter: float) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n)))
    xy = np.stack(np.meshgrid(np.arange(side), np.arange(side)), -1).reshape(-1, 2)[:n]
    xy = (xy + rng.uniform(-jitter, jitter, size=xy.shape)) * 100.0
    frame = shapely.box(-50, -50, side * 100 - 50, side * 100 - 50)
    cells = shapely.voronoi_polygons(shapely.multipoints(xy), extend_to=frame)
    polys = shapely.intersection(np.asarray(shapely.get_parts(cells)), frame)
    keys = pd.Index([f"k{i:04d}" for i in rng.permutation(len(polys))], name="SR_NR")
    return gpd.GeoDataFrame(geometry=polys, index=keys, crs=25832)


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(3, 150),
    seed=st.integers(0, 10_000),
    jitter=st.sampled_from([0.0, 0.2, 0.45]),  # 0: a square grid with 4-way vertices
    method=st.sampled_from(["queen", "rook"]),
)
def test_contiguity_equals_libpysal_on_random_tessellations(n, seed, jitter, method):
    d = tessellation(n, seed, jitter)
    ours = sr.spatial_weights(d, method, transform="B").graph
    theirs = Graph.build_contiguity(d, rook=method == "rook")
    assert ours == theirs  # same adjacency, order, isolates and weights
    assert list(ours.unique_ids) == list(d.index)


@pytest.mark.parametrize("method", ["queen", "rook"])
def test_contiguity_equals_libpysal_on_detailed_voronoi_districts(method):
    d = voronoi_districts(200, seed=4)
    ours = sr.spatial_weights(d, method, transform="B").graph
    assert ours == Graph.build_contiguity(d, rook=method == "rook")


@pytest.mark.parametrize("dataset", ["columbus", "sids2"])
@pytest.mark.parametrize("method", ["queen", "rook"])
def test_contiguity_equals_spdep_poly2nb(dataset, method):
    d = gpd.read_file(SPDEP / f"{dataset}.gpkg").set_index("fid0")
    d = d.set_crs("EPSG:3857", allow_override=True)
    edges = pd.read_csv(SPDEP / f"{dataset}__{method}__nb_edges.csv")
    ours = links(sr.spatial_weights(d, method).graph)
    assert ours == set(zip(edges["from_fid0"], edges["to_fid0"], strict=True))


def test_rook_needs_a_shared_segment_queen_a_shared_point():
    # b touches a at one corner only; c shares a side with a; both start at that corner
    a = Polygon([(1, 1), (0, 1), (0, 0), (1, 0)])  # first (and closing) vertex (1, 1)
    b = Polygon([(1, 1), (2, 1), (2, 2), (1, 2)])  # first (and closing) vertex (1, 1)
    c = box(1, 0, 2, 1)
    geoms = np.array([a, b, c])
    assert [x.tolist() for x in polygon_links(geoms)] == [[0, 0, 1, 1, 2, 2], [1, 2, 0, 2, 0, 1]]
    # rook: a-c share the segment (1,0)-(1,1); b-c share (1,1)-(2,1); a-b only a point
    assert [x.tolist() for x in polygon_links(geoms, rook=True)] == [[0, 1, 2, 2], [2, 2, 0, 1]]


def test_holes_and_multipolygons():
    outer = Polygon(box(0, 0, 4, 4).exterior.coords, [box(1, 1, 2, 2).exterior.coords])
    filler = box(1, 1, 2, 2)  # fills the hole: shares the hole's ring with `outer`
    two_parts = MultiPolygon([box(4, 0, 5, 4), box(7, 0, 8, 1)])  # side (4,0)-(4,4) with a
    corner = box(8, 1, 9, 2)  # touches the second part of c at (8, 1) only
    far = box(10, 10, 11, 11)
    d = gpd.GeoDataFrame(
        geometry=[outer, filler, two_parts, corner, far],
        index=pd.Index(list("abcef")),
        crs=25832,
    )
    both = {("a", "b"), ("b", "a"), ("a", "c"), ("c", "a")}
    for method, expected in (("queen", both | {("c", "e"), ("e", "c")}), ("rook", both)):
        g = sr.spatial_weights(d, method, transform="B").graph
        assert g == Graph.build_contiguity(d, rook=method == "rook")
        assert links(g) == expected
        assert list(g.isolates) == (["f"] if method == "queen" else ["e", "f"])


def test_grid_weights_equal_polygon_contiguity_of_the_cells():
    d = grid_districts(6, 7)
    rows = np.array([int(k[:2]) for k in d.index])
    cols = np.array([int(k[2:]) for k in d.index])
    drop = np.array([3, 17, 18, 30])  # a patch of a grid: some cells missing
    keep = np.setdiff1d(np.arange(len(d)), drop)
    for method in ("queen", "rook"):
        w = grid_weights(rows[keep], cols[keep], index=d.index[keep], method=method)
        ref = sr.spatial_weights(d.iloc[keep], method)
        assert w.graph == ref.graph
        assert w.info.method == method
    # the interior cell (3, 3) has 8 queen and 4 rook neighbours
    q = grid_weights(rows, cols, index=d.index)
    assert sorted(q.neighbors["0303"]) == sorted(
        ["0202", "0203", "0204", "0302", "0304", "0402", "0403", "0404"]
    )
    r = grid_weights(rows, cols, index=d.index, method="rook")
    assert sorted(r.neighbors["0303"]) == ["0203", "0302", "0304", "0403"]


def test_grid_links_by_hand_and_duplicates_refused():
    # cells (0,0) (0,1) (1,1) (2,2): queen links 0-1, 0-2, 1-2, 2-3; rook 0-1, 1-2
    r, c = np.array([0, 0, 1, 2]), np.array([0, 1, 1, 2])
    queen = [[0, 0, 1, 1, 2, 2, 2, 3], [1, 2, 0, 2, 0, 1, 3, 2]]
    assert [x.tolist() for x in grid_links(r, c)] == queen
    assert [x.tolist() for x in grid_links(r, c, rook=True)] == [[0, 1, 1, 2], [1, 0, 2, 1]]
    with pytest.raises(DuplicateKeyError, match="row, col"):
        grid_weights([0, 0], [1, 1], index=["a", "b"])
