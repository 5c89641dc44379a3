"""libpysal Graphs made lazily, and the links sozialraum builds itself (private; for
:mod:`sozialraum.weights`).

Hand-written because importing libpysal costs about 1.8 s on a quiet machine (its
package ``__init__`` loads io, examples, the legacy weights and scikit-learn) and a
LISA on our own contiguity does not need it: :class:`Links` holds the links as position
arrays and gives the CSR matrix the statistics use; :func:`graph_from_links` makes
the libpysal Graph from them when one is asked for. :func:`graph_type` imports libpysal
on first use; :func:`is_graph` checks for a Graph without importing it. The Graph
operations of :func:`sozialraum.weights.spatial_weights` (islands connected to their
nearest areas, links cut at municipal borders) live here too.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp
import shapely

if TYPE_CHECKING:
    import geopandas as gpd
    from libpysal.graph import Graph

__all__ = [
    "Links",
    "binary_matrix",
    "connect_islands",
    "cut_borders",
    "graph_from_links",
    "graph_type",
    "is_graph",
]


@dataclass(frozen=True)
class Links:
    """Binary links as positions (both directions, sorted by head, then tail) on `index`."""

    index: pd.Index
    heads: np.ndarray
    tails: np.ndarray
    transform: str  # "R" or "B"

    @cached_property
    def sparse(self) -> sp.csr_matrix:
        """The weights as a CSR matrix (no diagonal, sorted indices; made once, as the
        Graph's ``sparse``: not to be changed in place)."""
        n = len(self.index)
        counts = np.bincount(self.heads, minlength=n)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        if self.transform == "R":
            # as libpysal's transform("R"): weight / row sum, i.e. 1 / k (islands: none)
            data = 1.0 / np.repeat(counts.astype(float), counts)
        else:
            data = np.ones(len(self.heads))
        index_type = np.int32 if max(n, len(self.heads)) < 2**31 else np.int64
        return sp.csr_matrix(
            (data, self.tails.astype(index_type), indptr.astype(index_type)), shape=(n, n)
        )


def graph_type():
    """libpysal's Graph class, importing libpysal on first use."""
    # libpysal: heavy (about 1.8 s to import); only for methods libpysal builds and .graph
    from libpysal.graph import Graph

    return Graph


def is_graph(obj) -> bool:
    """``isinstance(obj, Graph)`` without importing libpysal (no Graph exists before)."""
    return "libpysal.graph" in sys.modules and isinstance(obj, graph_type())


def graph_from_links(index: pd.Index, heads: np.ndarray, tails: np.ndarray) -> Graph:
    """Binary Graph on `index` from position links (sorted by head, then tail).

    Areas without a link become libpysal isolates (a self-link of weight 0), so the
    graph keeps every area, in the order of `index`.
    """
    n = len(index)
    has = np.zeros(n, dtype=bool)
    has[heads] = True
    iso = np.flatnonzero(~has)
    h = np.concatenate([heads, iso])
    t = np.concatenate([tails, iso])
    w = np.concatenate([np.ones(len(heads)), np.zeros(len(iso))])
    order = np.lexsort((t, h))
    # libpysal's canonical order (both levels in the order of the ids, rows sorted by
    # focal then neighbour) built directly: Graph.from_arrays would re-sort by labels
    levels = pd.Index(index.to_numpy(), dtype=index.dtype)
    Graph = graph_type()  # noqa: N806
    mi = pd.MultiIndex(
        levels=[levels, levels],
        codes=[h[order], t[order]],
        names=["focal", "neighbor"],
        verify_integrity=False,
    )
    return Graph(pd.Series(w[order], index=mi, name="weight"), is_sorted=True)


def binary_matrix(matrix) -> sp.csr_matrix:
    """Binary CSR matrix of the non-zero off-diagonal links (a new matrix)."""
    m = sp.csr_matrix(matrix, dtype=float, copy=True)
    m.setdiag(0)
    m.eliminate_zeros()
    m.data[:] = 1.0
    return m


def connect_islands(graph: Graph, geoms: gpd.GeoSeries, k: int) -> tuple[Graph, tuple]:
    """Connect every area without a neighbour symmetrically to its `k` nearest areas.

    Returns the new Graph (ids in the original order) and the keys of those areas.
    """
    Graph = graph_type()  # noqa: N806
    card = np.diff(binary_matrix(graph.sparse).indptr)
    isl = graph.unique_ids[card == 0]
    if len(isl) == 0:
        return graph, ()
    cent = shapely.get_coordinates(shapely.centroid(geoms.to_numpy()))
    pos = {key: i for i, key in enumerate(geoms.index)}
    adj = graph.adjacency
    keep = adj.to_numpy() != 0
    heads = list(adj.index.get_level_values(0)[keep])
    tails = list(adj.index.get_level_values(1)[keep])
    for key in isl:
        d = np.hypot(*(cent - cent[pos[key]]).T)
        d[pos[key]] = np.inf
        for j in np.argsort(d, kind="stable")[:k]:
            other = geoms.index[j]
            heads += [key, other]
            tails += [other, key]
    links = pd.DataFrame({"h": heads, "t": tails}).drop_duplicates()
    new = Graph.from_arrays(
        links["h"].to_numpy(),
        links["t"].to_numpy(),
        np.ones(len(links)),
    )
    # keep the original id order (from_arrays orders by first appearance)
    new = _reorder(new, graph.unique_ids)
    return new, tuple(str(k_) for k_ in isl)


def _reorder(graph: Graph, ids: pd.Index) -> Graph:
    Graph = graph_type()  # noqa: N806
    adj = graph.adjacency.reset_index()
    order = {key: i for i, key in enumerate(ids)}
    adj["_f"] = adj["focal"].map(order)
    adj["_n"] = adj["neighbor"].map(order)
    adj = adj.sort_values(["_f", "_n"], kind="stable")
    return Graph.from_arrays(
        adj["focal"].to_numpy(), adj["neighbor"].to_numpy(), adj["weight"].to_numpy()
    )


def cut_borders(graph: Graph, mun: pd.Series) -> tuple[Graph, int]:
    """Remove every link between areas of different municipalities; return (graph, removed)."""
    Graph = graph_type()  # noqa: N806
    adj = graph.adjacency
    focal = adj.index.get_level_values(0)
    neighbor = adj.index.get_level_values(1)
    m = mun.reindex(graph.unique_ids)
    cross = (m.reindex(focal).to_numpy() != m.reindex(neighbor).to_numpy()) & \
        (adj.to_numpy() != 0)
    if not cross.any():
        return graph, 0
    keep = (~cross) & (adj.to_numpy() != 0)
    heads = list(focal[keep])
    tails = list(neighbor[keep])
    weights = list(adj.to_numpy()[keep])
    alone = [k for k in graph.unique_ids if k not in set(heads)]
    heads += alone
    tails += alone
    weights += [0.0] * len(alone)  # an island: libpysal's self-link of weight 0
    new = Graph.from_arrays(np.asarray(heads, dtype=object), np.asarray(tails, dtype=object),
                            np.asarray(weights, dtype=float))
    return _reorder(new, graph.unique_ids), int(cross.sum())
