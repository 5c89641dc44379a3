"""Tests of :mod:`sozialraum._util.graphs`: our link arrays against the libpysal Graph
made from them and against libpysal's own contiguity, and the Graph check without import."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from sozialraum._util.contiguity import polygon_links
from sozialraum._util.graphs import Links, binary_matrix, graph_from_links, is_graph


def _cells():
    import geopandas as gpd

    cells = [box(x, y, x + 1, y + 1) for y in range(3) for x in range(3)]
    cells.append(box(10, 10, 11, 11))  # an island
    keys = pd.Index([f"{i:02d}" for i in range(len(cells))], name="SR_NR")
    return gpd.GeoDataFrame(geometry=cells, index=keys, crs=25832)


@pytest.mark.parametrize("transform", ["R", "B"])
def test_link_matrix_equals_the_sparse_matrix_of_libpysals_graph(transform):
    from libpysal.graph import Graph

    d = _cells()
    heads, tails = polygon_links(d.geometry.to_numpy())
    links = Links(pd.Index(d.index.to_numpy(), name="focal"), heads, tails, transform)
    ours = links.sparse
    # libpysal's own queen contiguity, transformed by libpysal
    reference = Graph.build_contiguity(d, rook=False).transform(transform)
    assert list(reference.unique_ids) == list(d.index)
    theirs = binary_matrix(reference.sparse).multiply(reference.sparse).tocsr()
    np.testing.assert_array_equal(ours.toarray(), theirs.toarray())
    assert ours.has_sorted_indices and ours.diagonal().sum() == 0
    # the Graph made from the links is libpysal's graph
    made = graph_from_links(d.index, heads, tails).transform(transform)
    assert made == reference
    assert list(made.isolates) == ["09"]


def test_is_graph_needs_no_libpysal_for_other_objects():
    assert not is_graph("queen")
    assert not is_graph(np.eye(2))
    from libpysal.graph import Graph

    assert is_graph(Graph.from_arrays(["a", "b"], ["b", "a"], [1.0, 1.0]))


def test_binary_matrix_drops_the_diagonal_and_zero_weights():
    import scipy.sparse as sp

    m = sp.csr_matrix(np.array([[0.0, 0.5, 0.0], [0.25, 3.0, 0.0], [0.0, 0.0, 0.0]]))
    np.testing.assert_array_equal(binary_matrix(m).toarray(), [[0, 1, 0], [1, 0, 0], [0, 0, 0]])
