"""Tests of :mod:`sozialraum.maps._arcs`: the shared-arc geometry of the HTML map.

The encoded object is read back with an independent decoder (tests/support/arcs.py, written
from the format's description); tests/test_browser.py reads the polygons that Leaflet drew.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon
from support.arcs import _numbers, decode, decode_arcs, decode_rings
from synthetic import enclave_districts, grid_districts, voronoi_districts

from sozialraum.maps._arcs import ALPHABET, coded, digits, encode


def _shown(g: gpd.GeoDataFrame) -> np.ndarray:
    return g.geometry.to_crs("EPSG:4326").to_numpy()


def _topo(geoms: np.ndarray, precision: int) -> dict:
    topo = encode(geoms, precision)
    topo["k"] = [str(i) for i in range(len(geoms))]
    return topo


def test_digits_read_back_by_the_reference():
    values = np.array([0, 1, 31, 32, 1023, 1024, 2**31 - 1, 2**40 + 5, 7])
    text = digits(values)
    assert list(_numbers(text)) == values.tolist()
    assert digits(np.array([0, 31, 32])) == "A" + "f" + "gB"  # 32 = 0 + continue, then 1
    assert digits(np.array([], dtype=np.int64)) == ""


@pytest.mark.parametrize("precision", [5, 6])
def test_decoded_geometry_within_the_quantisation_step(precision):
    g = voronoi_districts(300, seed=4)
    shown = _shown(g)
    decoded = decode(_topo(shown, precision))
    assert len(decoded) == len(g)
    step = 10.0**-precision
    # every point moved at most half a step in each axis (the worst case is the diagonal)
    assert max(map(shapely.hausdorff_distance, decoded, shown)) <= step * np.sqrt(0.5) + 1e-12
    # in metres (EPSG:25832): precision 5 is about a metre, 6 about a decimetre
    back = gpd.GeoSeries(decoded, crs="EPSG:4326").to_crs(g.crs).to_numpy()
    metres = max(map(shapely.hausdorff_distance, back, g.geometry.to_numpy()))
    assert metres <= (0.7 if precision == 5 else 0.07)
    # the same points in the same order: each ring starts elsewhere, but has as many points
    assert (shapely.get_num_coordinates(decoded) == shapely.get_num_coordinates(shown)).all()


def test_shared_borders_identical_no_slivers():
    g = voronoi_districts(400, seed=5)
    decoded = np.array(decode(_topo(_shown(g), 5)))
    # a valid coverage: where two districts meet their edges match exactly
    assert shapely.coverage_is_valid(decoded)
    tree = shapely.STRtree(decoded)
    a, b = tree.query(decoded, predicate="intersects")
    pair = a < b
    a, b = a[pair], b[pair]
    overlap = shapely.area(shapely.intersection(decoded[a], decoded[b]))
    assert overlap.max() == 0.0
    # the districts that share a border before share it after, as a line
    before = g.geometry.to_numpy()
    neighbours = shapely.length(shapely.intersection(before[a], before[b])) > 1.0
    shared = shapely.length(shapely.intersection(decoded[a], decoded[b]))
    assert neighbours.sum() > 900 and (shared[neighbours] > 0).all()
    union = shapely.area(shapely.union_all(decoded))
    assert shapely.area(decoded).sum() == pytest.approx(union, rel=1e-12)


def test_each_segment_stored_once():
    g = grid_districts()  # 5 x 5 squares of 1 km
    topo = _topo(_shown(g), 6)
    # 40 inner unit edges between two squares; the outer boundary: 20 unit edges, merged
    # at the 4 corners (no junction there), 16 arcs
    assert topo["na"] == 56
    arcs = decode_arcs(topo)
    segments = [frozenset(s) for arc in arcs for s in zip(arc[:-1], arc[1:], strict=True)]
    assert len(segments) == len(set(segments)) == 60  # 6 x 5 across, 5 x 6 up
    uses = np.bincount(
        [j for polys in decode_rings(topo) for rings in polys for refs in rings for j, _ in refs],
        minlength=len(arcs),
    )
    assert sorted(np.unique(uses)) == [1, 2]
    assert (uses == 2).sum() == 40
    # a reused arc is walked backwards by the second district (the rings turn the same way)
    refs = [r for polys in decode_rings(topo) for rings in polys for refs in rings for r in refs]
    assert sum(rev for _, rev in refs) == 40


def test_holes_and_multipolygons_survive():
    g = enclave_districts()
    assert shapely.coverage_is_valid(g.geometry.to_numpy())
    shown = _shown(g)
    decoded = decode(_topo(shown, 6))
    ring, enclave, two, between, above = decoded
    assert ring.geom_type == "Polygon" and len(ring.interiors) == 1
    assert two.geom_type == "MultiPolygon" and len(two.geoms) == 2
    for got, want in zip(decoded, shown, strict=True):
        assert got.geom_type == want.geom_type
        assert shapely.hausdorff_distance(got, want) < 1e-6
        assert got.area == pytest.approx(want.area, rel=1e-4)
    # the hole and the enclave are one arc, walked in opposite directions
    rings = decode_rings(_topo(shown, 6))
    (hole,) = rings[0][0][1]
    (outer,) = rings[1][0][0]
    assert hole[0] == outer[0] and hole[1] != outer[1]
    assert shapely.equals(shapely.Polygon(ring.interiors[0]), enclave)
    assert shapely.coverage_is_valid(np.array(decoded))


def test_rounding_that_closes_a_ring_early_or_repeats_points():
    x0, y0 = 7.5, 50.5
    # a sliver a tenth of a step wide collapses; repeated points are dropped
    geoms = np.array(
        [
            Polygon(
                [
                    (x0, y0),
                    (x0 + 1e-3, y0),
                    (x0 + 1e-3, y0),
                    (x0 + 1e-3, y0 + 1e-3),
                    (x0, y0 + 1e-3),
                ]
            ),
            Polygon([(x0, y0 + 2e-3), (x0 + 1e-3, y0 + 2e-3), (x0 + 1e-3, y0 + 2e-3 + 1e-7)]),
        ]
    )
    decoded = decode(_topo(geoms, 5))
    assert len(decoded) == 2
    assert shapely.get_num_coordinates(decoded[0]) == 5  # 4 corners and the closing point
    assert shapely.hausdorff_distance(decoded[1], geoms[1]) < 1e-5


def test_few_distinct_values_as_codes():
    assert coded(["#fff", "#000", "#fff", None]) == (["#fff", "#000", None], "ABAC")
    assert coded([]) == ([], "")
    many = [f"{i}" for i in range(len(ALPHABET))]
    assert coded(many)[1] == ALPHABET
    assert coded([*many, "one more"]) is None
