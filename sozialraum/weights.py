"""Spatial weights: which Sozialräume are neighbours, and how much they count.

One dispatch point, :func:`spatial_weights`, returns :class:`SpatialWeights` (a
:class:`libpysal.graph.Graph` with its record) on the district key (text, any order).
Areas without a neighbour ("islands", e.g. an exclave) are never dropped: they stay
in the graph as libpysal isolates and are reported by :func:`weights_summary`; the
policy ``islands="knn"`` connects them to their nearest areas instead, and records
that it did.

How the graph was built (method, parameters, island policy) is needed later for the
methods text and map legends. ``libpysal.graph.Graph`` has no metadata slot, and every
libpysal operation (``transform``, ``copy`` ...) returns a new object, so a record
patched onto the instance (as this module once did, with ``object.__setattr__``)
was lost by the first such operation. Decision: :func:`spatial_weights` returns a small
frozen :class:`SpatialWeights` value that *holds* the Graph (``.graph``) and how it was
built (``.info``, a :class:`WeightsInfo`); nothing is written onto libpysal's object.

* Everything derivable from the graph (neighbour counts, islands, connected components,
  symmetry) is never stored: :func:`weights_summary` recomputes it, so it cannot go
  stale.
* Attribute access is forwarded to the graph (``.adjacency``, ``.neighbors``,
  ``.cardinalities``, ``.sparse``, ``.unique_ids``, ``g["0101"]``, ``len(g)`` ...), so
  code written for the returned Graph keeps working. ``.transform(...)`` and
  ``.copy()`` return a SpatialWeights again, with the record kept (``transform``
  updated); other libpysal operations change the neighbours and return a plain Graph,
  without a record, because the record would no longer describe it.
* Our functions (the statistics, :func:`weights_summary`, :func:`weights_info`, the
  report and the maps) accept a SpatialWeights or a plain Graph (see :func:`as_graph`);
  for esda or other libpysal code pass ``.graph``. A graph built by hand has no record:
  the summary then says "unknown" rather than guessing.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import box
>>> d = gpd.GeoDataFrame(
...     {"SR_NR": ["0101", "0102", "0103"]},
...     geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(5, 5, 6, 6)],
...     crs="EPSG:25832",
... ).set_index("SR_NR")
>>> g = spatial_weights(d, method="queen")
>>> weights_summary(g).islands
('0103',)
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import scipy.sparse as sp
import shapely
from scipy.sparse.csgraph import connected_components

from sozialraum._text import TEXTS, html_table, text
from sozialraum._util.contiguity import grid_links, polygon_links
from sozialraum._util.graphs import (
    Links,
    binary_matrix,
    connect_islands,
    cut_borders,
    graph_from_links,
    graph_type,
    is_graph,
)
from sozialraum.errors import (
    ConfigError,
    CRSError,
    DuplicateKeyError,
    GeometryError,
    InputError,
    Listed,
    format_values,
)

if TYPE_CHECKING:
    from libpysal.graph import Graph

__all__ = [
    "SpatialWeights",
    "WeightsInfo",
    "WeightsSummary",
    "as_graph",
    "grid_weights",
    "spatial_weights",
    "weights_info",
    "weights_summary",
]

Method = Literal["queen", "rook", "fuzzy", "knn", "distance"]
METHODS: tuple[str, ...] = ("queen", "rook", "fuzzy", "knn", "distance")
ISLAND_POLICIES: tuple[str, ...] = ("keep", "knn")
TRANSFORMS: tuple[str, ...] = ("R", "B")
#: Policies for neighbours across a municipal border in a region.
CROSS_BORDER: tuple[str, ...] = ("keep", "cut")
CROSS_BORDER_TEXTS = {"keep": "weights.cross_border.keep", "cut": "weights.cross_border.cut"}


@dataclass(frozen=True)
class WeightsInfo:
    """How a graph was built (``.info`` of what :func:`spatial_weights` returns).

    Attributes
    ----------
    method : str
        "queen", "rook", "fuzzy", "knn" or "distance".
    parameters : dict
        The method's parameters (``k``, ``tolerance`` in CRS units, ``threshold``,
        ``order``, ``cumulative``).
    transform : str
        "R" (row-standardised) or "B" (binary); after ``.transform(t)`` libpysal's code
        of `t` (upper case).
    islands : str
        The island policy: "keep" or "knn".
    islands_connected : tuple of str
        Keys that had no neighbour and were connected by the "knn" policy.
    islands_k : int
        How many nearest areas each island was connected to.
    cross_border : str
        The policy for neighbours in different municipalities: "keep" or "cut".
    municipalities : int or None
        Number of municipalities (None: no municipality key was given).
    links_cut : int
        Directed links removed by ``cross_border="cut"``.
    """

    method: str
    parameters: dict = field(default_factory=dict)
    transform: str = "R"
    islands: str = "keep"
    islands_connected: tuple = ()
    islands_k: int = 1
    cross_border: str = "keep"
    municipalities: int | None = None
    links_cut: int = 0

    def describe(self, lang: str = "de") -> str:
        """One sentence for the methods text."""
        params = ", ".join(f"{k}={v}" for k, v in self.parameters.items() if v is not None)
        method = text(f"weights.method.{self.method}", lang)
        if params:
            method = f"{method}, {params}"
        out = text(
            "weights.describe",
            lang,
            method=method,
            transform=(
                text(f"weights.transform.{self.transform}", lang)
                if f"weights.transform.{self.transform}" in TEXTS
                else self.transform
            ),
        )
        if self.islands_connected:
            out += " " + text(
                "weights.islands_connected",
                lang,
                keys=", ".join(self.islands_connected),
                k=self.islands_k,
            )
        if self.municipalities is not None:
            out += " " + text(
                CROSS_BORDER_TEXTS[self.cross_border], lang,
                n=self.municipalities, cut=self.links_cut,
            )
        return out


@dataclass(frozen=True)
class WeightsSummary:
    """Structure of a spatial weights graph (see :func:`weights_summary`)."""

    n: int
    n_links: int
    mean_neighbours: float
    min_neighbours: int
    max_neighbours: int
    islands: tuple
    n_components: int
    component_sizes: tuple
    symmetric: bool
    info: WeightsInfo | None

    def to_frame(self) -> pd.DataFrame:
        """The summary as a one-column table (German row labels are not used here)."""
        rows = {
            "n": self.n,
            "n_links": self.n_links,
            "mean_neighbours": self.mean_neighbours,
            "min_neighbours": self.min_neighbours,
            "max_neighbours": self.max_neighbours,
            "islands": ", ".join(self.islands),
            "n_components": self.n_components,
            "symmetric": self.symmetric,
            "method": self.info.method if self.info else "unknown",
            "island_policy": self.info.islands if self.info else "unknown",
        }
        return pd.Series(rows, name="value").to_frame()

    def describe(self, lang: str = "de") -> str:
        """A short paragraph for the methods text (German by default)."""
        parts = []
        if self.info is not None:
            parts.append(self.info.describe(lang))
        parts.append(
            text(
                "weights.summary",
                lang,
                n=self.n,
                mean=f"{self.mean_neighbours:.1f}".replace(".", "," if lang == "de" else "."),
                min=self.min_neighbours,
                max=self.max_neighbours,
                components=self.n_components,
            )
        )
        if self.islands:
            parts.append(text("weights.islands", lang, keys=", ".join(self.islands)))
        return " ".join(parts)

    def __repr__(self) -> str:
        method = "unknown" if self.info is None else self.info.method
        policy = "unknown" if self.info is None else self.info.islands
        lines = [
            f"WeightsSummary(method={method!r}, n={self.n}, links={self.n_links})",
            f"  neighbours: mean {self.mean_neighbours:.2f}, min {self.min_neighbours}, "
            f"max {self.max_neighbours}",
            f"  islands: {len(self.islands)}"
            + (f" ({format_values(self.islands)})" if self.islands else "")
            + f", policy {policy!r}",
            f"  connected components: {self.n_components} (sizes {list(self.component_sizes)})",
        ]
        if self.info is not None and self.info.islands_connected:
            lines.append(f"  connected by knn: {format_values(self.info.islands_connected)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = _info_rows(self.info)
        rows += [
            (text("html.weights.areas"), self.n),
            (text("html.weights.links"), self.n_links),
            (text("html.weights.neighbours"),
             text("html.weights.neighbours_value", mean=f"{self.mean_neighbours:.2f}".replace(
                 ".", ","), min=self.min_neighbours, max=self.max_neighbours)),
            (text("html.weights.islands"),
             f"{len(self.islands)}" + (f" ({format_values(self.islands)})" if self.islands
                                       else "")),
            (text("html.weights.components"),
             f"{self.n_components} ({', '.join(map(str, self.component_sizes))})"),
        ]
        if self.info is not None and self.info.islands_connected:
            rows.append((text("html.weights.connected"),
                         format_values(self.info.islands_connected)))
        return html_table("WeightsSummary", rows, "sozialraum-weights")


def _info_rows(info: WeightsInfo | None) -> list[tuple[str, object]]:
    """Method, transformation and island policy of `info` as table rows (German)."""
    if info is None:
        return [(text("html.weights.method"), "?")]
    method = text(f"weights.method.{info.method}") if f"weights.method.{info.method}" in TEXTS \
        else info.method
    transform = (text(f"weights.transform.{info.transform}")
                 if f"weights.transform.{info.transform}" in TEXTS else info.transform)
    return [
        (text("html.weights.method"), method),
        (text("html.weights.transform"), transform),
        (text("html.weights.policy"), text(f"html.weights.policy_{info.islands}")),
    ]


class SpatialWeights:
    """Spatial weights from :func:`spatial_weights`: a libpysal Graph and how it was built.

    Attributes
    ----------
    graph : libpysal.graph.Graph
        The graph itself (pass this to esda or other libpysal code).
    info : WeightsInfo or None
        Method, parameters, transform and island policy.

    Attribute access is forwarded to `graph` (``.adjacency``, ``.neighbors``,
    ``.cardinalities``, ``g["0101"]``, ``len(g)`` ...). ``transform`` and ``copy``
    return a SpatialWeights with the record kept; other libpysal operations return
    plain Graphs (see the module docstring). Islands and components are recomputed
    from the graph by :func:`weights_summary`, never stored. Only ``transform`` and
    ``copy`` are our own; every other name (also libpysal's ``summary()`` and
    ``describe()``) is the graph's. Immutable, like the Graph.

    Contiguity built by sozialraum itself (queen, rook, grid cells) holds its links as
    arrays and makes the Graph on first use of ``.graph`` (or of a forwarded name):
    importing libpysal costs about 1.8 s on a quiet machine (its package ``__init__``
    loads io, examples, the legacy weights and scikit-learn), which the statistics
    do not need (:func:`sparse_weights`). The Graph made then is the one built eagerly
    before (``_graph_from_links`` and libpysal's ``transform``).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> d = gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(5, 5, 6, 6)],
    ...                      index=pd.Index(["a", "b", "c"]), crs=25832)
    >>> w = spatial_weights(d, "rook").transform("B")
    >>> w.info.method, w.info.transform, weights_summary(w).islands
    ('rook', 'B', ('c',))
    """

    __slots__ = ("_graph", "_links", "info")
    #: our own names: never forwarded to the graph
    _OWN = frozenset(__slots__) | {"graph"}

    def __init__(self, graph: Graph, info: WeightsInfo | None = None) -> None:
        if not is_graph(graph):
            raise InputError.from_key("weights.graph_type", given=type(graph).__name__)
        object.__setattr__(self, "_graph", graph)
        object.__setattr__(self, "_links", None)
        object.__setattr__(self, "info", info)

    @classmethod
    def _from_links(cls, links: Links, info: WeightsInfo | None) -> SpatialWeights:
        """Weights on our own link arrays; the Graph is made when it is asked for."""
        self = object.__new__(cls)
        object.__setattr__(self, "_graph", None)
        object.__setattr__(self, "_links", links)
        object.__setattr__(self, "info", info)
        return self

    @property
    def graph(self) -> Graph:
        """The libpysal Graph (made on first access for our own contiguity)."""
        if self._graph is None:
            links = self._links
            graph = graph_from_links(links.index, links.heads, links.tails)
            object.__setattr__(self, "_graph", graph.transform(links.transform))
        return self._graph

    def __setattr__(self, name, value):
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self):
        return (self._graph, self._links, self.info)

    def __setstate__(self, state):
        for name, value in zip(self.__slots__, state, strict=True):
            object.__setattr__(self, name, value)

    def __getattr__(self, name: str):
        # only called for names the class does not have; never for our own fields
        # (guards copy/pickle, which look up attributes before __init__ ran)
        if name.startswith("__") or name in SpatialWeights._OWN:
            raise AttributeError(name)
        return getattr(self.graph, name)

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(dir(self.graph)))

    def __getitem__(self, item):
        return self.graph[item]

    def __len__(self) -> int:
        return len(self._links.index) if self._graph is None else len(self.graph)

    def __eq__(self, other) -> bool:
        if isinstance(other, SpatialWeights):
            return self.info == other.info and self.graph == other.graph
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a Graph is not hashable either

    def transform(self, transformation: str) -> SpatialWeights:
        """libpysal's ``Graph.transform``, keeping the record (with the new transform)."""
        info = self.info
        if info is not None:
            info = dataclasses.replace(info, transform=str(transformation).upper())
        code = str(transformation).upper()
        if self._graph is None and code in TRANSFORMS:
            return SpatialWeights._from_links(dataclasses.replace(self._links, transform=code),
                                              info)
        return SpatialWeights(self.graph.transform(transformation), info)

    def copy(self, deep: bool = True) -> SpatialWeights:
        """A copy of the graph with the same record."""
        if self._graph is None:  # the link arrays are never changed: nothing to copy
            return SpatialWeights._from_links(self._links, self.info)
        return SpatialWeights(self.graph.copy(deep=deep), self.info)

    def _size(self) -> tuple[int, int]:
        """(areas, links) without making the Graph."""
        if self._graph is None:
            return len(self._links.index), len(self._links.heads)
        return self._graph.n, self._graph.n_edges

    def __repr__(self) -> str:
        method = "unknown" if self.info is None else self.info.method
        transform = "unknown" if self.info is None else self.info.transform
        n, links = self._size()
        return (
            f"SpatialWeights(method={method!r}, transform={transform!r}, "
            f"n={n}, links={links})"
        )

    def _repr_html_(self) -> str:
        rows = _info_rows(self.info)
        n, links = self._size()
        rows += [(text("html.weights.areas"), n), (text("html.weights.links"), links)]
        return html_table("SpatialWeights", rows, "sozialraum-weights")


def sparse_weights(weights, *, key: str = "weights.graph_type") -> tuple[pd.Index, sp.spmatrix]:
    """(ids, weights as a sparse matrix in ids order) of a SpatialWeights or a Graph.

    For our own contiguity without making the libpysal Graph (see :class:`SpatialWeights`);
    for a Graph its ``unique_ids`` and ``sparse``. The matrix may hold a zero diagonal
    (libpysal's isolates) and must not be changed in place.

    Raises
    ------
    InputError
        For anything else (message from the catalogue entry `key`).
    """
    if isinstance(weights, SpatialWeights) and weights._graph is None:
        links = weights._links
        return links.index, links.sparse
    graph = as_graph(weights, key=key)
    return graph.unique_ids, graph.sparse


def spatial_weights(
    districts: gpd.GeoDataFrame | gpd.GeoSeries,
    method: Method = "queen",
    *,
    k: int = 6,
    tolerance: float | None = None,
    threshold: float | None = None,
    order: int = 1,
    cumulative: bool = True,
    transform: Literal["R", "B"] = "R",
    islands: Literal["keep", "knn"] = "keep",
    islands_k: int = 1,
    municipality: str | pd.Series | None = None,
    cross_border: Literal["keep", "cut"] = "keep",
) -> SpatialWeights:
    """Build spatial weights between districts.

    Parameters
    ----------
    districts : GeoDataFrame or GeoSeries
        Polygons (or MultiPolygons) indexed by the district key, in a projected CRS
        (metres, e.g. EPSG:25832). The index order does not matter; keys stay as given.
    method : {"queen", "rook", "fuzzy", "knn", "distance"}
        ``queen``: areas sharing at least one boundary vertex; ``rook``: sharing a
        boundary segment (both built by :mod:`sozialraum._util.contiguity`, equal to
        libpysal's ``Graph.build_contiguity``, about 5-10x faster); ``fuzzy``: areas
        closer than `tolerance` metres (bridges digitising gaps and slivers); ``knn``:
        the `k` nearest centroids (planar, asymmetric); ``distance``: all centroids
        within `threshold` metres.
    k : int, default 6
        Number of neighbours for ``knn``.
    tolerance : float, optional
        Largest gap in CRS units (metres) still counted as contiguous (``fuzzy``);
        default 1.0.
    threshold : float
        Distance band in CRS units (``distance``; required).
    order : int, default 1
        Higher-order contiguity: neighbours up to (``cumulative=True``) or exactly
        (``cumulative=False``) `order` steps away.
    transform : {"R", "B"}, default "R"
        Row-standardised or binary weights.
    islands : {"keep", "knn"}, default "keep"
        ``keep``: areas without neighbours stay isolated (local statistics label
        them "keine Nachbarn"); ``knn``: connect each island symmetrically to its
        `islands_k` nearest areas (recorded in :func:`weights_info`).
    municipality : str or Series, optional
        In a region of several municipalities: the municipality key of every area, a
        column of `districts` or a Series on its index. Needed for ``cross_border``
        and recorded (the methods text states the policy).
    cross_border : {"keep", "cut"}, default "keep"
        ``keep``: areas on both sides of a municipal border are neighbours like any
        others (a hotspot may span several municipalities); ``cut``: every link
        between areas of different municipalities is removed, last (also links made
        by ``islands="knn"``), so an area may become an island.

    Returns
    -------
    SpatialWeights
        The :class:`libpysal.graph.Graph` on ``districts.index`` (``.graph``; its
        attributes are also reachable directly) with a :class:`WeightsInfo` (``.info``).

    Raises
    ------
    CRSError
        Missing or non-projected CRS.
    GeometryError
        Empty, missing or non-polygonal geometries.
    DuplicateKeyError
        A key occurs twice.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> d = gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)],
    ...                      index=pd.Index(["0102", "0101"], name="SR_NR"), crs=25832)
    >>> g = spatial_weights(d, method="rook")
    >>> sorted(g.neighbors["0101"])
    ['0102']
    """
    method = _choice("method", method, METHODS)
    islands = _choice("islands", islands, ISLAND_POLICIES)
    cross_border = _choice("cross_border", cross_border, CROSS_BORDER)
    mun = _municipalities(districts, municipality, cross_border)

    def record() -> dict:
        """The WeightsInfo fields both paths share (`params` as it stands when called)."""
        return dict(method=method, parameters=params, transform=transform, islands=islands,
                    islands_k=int(islands_k), cross_border=cross_border,
                    municipalities=None if mun is None else int(mun.nunique()))

    transform = _choice("transform", str(transform).upper(), TRANSFORMS)
    geoms = _validate_districts(districts, polygons=method in ("queen", "rook", "fuzzy"))
    if islands == "knn" and not (1 <= int(islands_k) < len(geoms)):
        raise ConfigError.from_key("weights.islands_k", given=islands_k)
    if not (isinstance(order, int | np.integer) and order >= 1):
        raise ConfigError.from_key("weights.order", given=order)

    params: dict = {}
    links = None
    if method in ("queen", "rook"):
        heads, tails = polygon_links(geoms.to_numpy(), method == "rook")
        links = Links(_ids(geoms.index), heads, tails, transform)
        alone = len(np.unique(heads)) < len(geoms)
        if order == 1 and not (islands == "knn" and alone) and cross_border != "cut":
            # our own contiguity, nothing libpysal must change: no Graph needed yet
            return SpatialWeights._from_links(links, WeightsInfo(**record()))
        graph = graph_from_links(geoms.index, heads, tails)
    else:
        Graph = graph_type()  # noqa: N806  (libpysal's class, imported on first use)
    if method == "fuzzy":
        tol = 1.0 if tolerance is None else float(tolerance)
        if not tol >= 0:
            raise ConfigError.from_key("weights.tolerance", given=tolerance)
        params["tolerance"] = tol
        # libpysal buffers *both* polygons by `buffer`, so a gap of 2*buffer is bridged
        graph = Graph.build_fuzzy_contiguity(geoms, buffer=tol / 2.0)
    elif method == "knn":
        if not (isinstance(k, int | np.integer) and 1 <= k < len(geoms)):
            raise ConfigError.from_key("weights.k", max=len(geoms) - 1, given=k)
        params["k"] = int(k)
        graph = Graph.build_knn(_centroids(geoms), k=int(k), coplanar="clique")
    elif method == "distance":
        if threshold is None or not float(threshold) > 0:
            raise ConfigError.from_key("weights.threshold", given=threshold)
        params["threshold"] = float(threshold)
        graph = Graph.build_distance_band(_centroids(geoms), float(threshold), binary=True)

    if order > 1:
        params["order"] = int(order)
        params["cumulative"] = bool(cumulative)
        graph = graph.higher_order(k=int(order), lower_order=bool(cumulative))

    connected: tuple = ()
    if islands == "knn":
        graph, connected = connect_islands(graph, geoms, int(islands_k))

    cut = 0
    if mun is not None and cross_border == "cut":
        graph, cut = cut_borders(graph, mun)

    graph = graph.transform(transform)
    info = WeightsInfo(**record(), islands_connected=connected, links_cut=cut)
    return SpatialWeights(graph, info)


def _ids(index: pd.Index) -> pd.Index:
    """The ids as the Graph holds them (``unique_ids``: values and dtype of the keys)."""
    return pd.Index(index.to_numpy(), dtype=index.dtype, name="focal")


def as_graph(weights, *, key: str = "weights.graph_type") -> Graph:
    """The libpysal Graph of `weights` (a :class:`SpatialWeights` or a Graph itself).

    Raises
    ------
    InputError
        For anything else (message from the catalogue entry `key`).
    """
    if isinstance(weights, SpatialWeights):
        return weights.graph
    if is_graph(weights):
        return weights
    raise InputError.from_key(key, given=type(weights).__name__)


def weights_info(graph: SpatialWeights | Graph) -> WeightsInfo | None:
    """How `graph` was built, or None for a graph not made by :func:`spatial_weights`."""
    if isinstance(graph, SpatialWeights):
        return graph.info
    as_graph(graph)  # a Graph, or the error
    return None


def weights_summary(graph: SpatialWeights | Graph) -> WeightsSummary:
    """Summarise a graph: neighbour counts, islands, connected components.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> d = gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)],
    ...                      index=pd.Index(["a", "b"]), crs=25832)
    >>> s = weights_summary(spatial_weights(d))
    >>> (s.n, s.min_neighbours, s.n_components)
    (2, 1, 1)
    """
    info = weights_info(graph)
    ids, matrix = sparse_weights(graph)
    binary = binary_matrix(matrix)
    card = np.diff(binary.indptr)
    isl = tuple(str(i) for i in ids[card == 0])
    # as libpysal's Graph.n_components / component_labels
    n_components, labels = connected_components(matrix)
    sizes = np.sort(np.bincount(labels))[::-1]
    symmetric = (binary != binary.T).nnz == 0
    return WeightsSummary(
        n=len(ids),
        n_links=int(card.sum()),
        mean_neighbours=float(card.mean()),
        min_neighbours=int(card.min()),
        max_neighbours=int(card.max()),
        islands=isl,
        n_components=int(n_components),
        component_sizes=tuple(int(v) for v in sizes),
        symmetric=bool(symmetric),
        info=info,
    )


def neighbour_counts(graph: SpatialWeights | Graph) -> pd.Series:
    """Number of neighbours with a non-zero weight per area (islands: 0)."""
    ids, matrix = sparse_weights(graph)
    return pd.Series(np.diff(binary_matrix(matrix).indptr), index=ids).astype(int)


# --- private helpers ----------------------------------------------------------------------


def choice_error(key: str, hint_key: str, name: str, value: object, options) -> ConfigError:
    """ConfigError `key` naming the options, or `hint_key` with a did-you-mean hint."""
    options = tuple(options)
    listed = ", ".join(repr(o) for o in options)
    words = [o for o in options if isinstance(o, str)]
    close = difflib.get_close_matches(value, words, n=1) if isinstance(value, str) else []
    if close:
        return ConfigError.from_key(
            hint_key, name=name, choices=listed, given=repr(value), hint=close[0]
        )
    return ConfigError.from_key(key, name=name, choices=listed, given=repr(value))


def _choice(name: str, value: object, options: tuple[str, ...]) -> str:
    if value not in options:
        raise choice_error("weights.choice", "weights.choice_hint", name, value, options)
    return value  # type: ignore[return-value]


def _validate_districts(districts, *, polygons: bool) -> gpd.GeoSeries:
    if isinstance(districts, gpd.GeoDataFrame):
        geoms = districts.geometry
    elif isinstance(districts, gpd.GeoSeries):
        geoms = districts
    else:
        raise InputError.from_key("weights.districts_type", given=type(districts).__name__)
    crs = geoms.crs
    if crs is None:
        raise CRSError.from_key("weights.no_crs")
    if not crs.is_projected:
        key = "weights.crs_geographic" if crs.is_geographic else "weights.crs_not_projected"
        raise CRSError.from_key(key, name=crs.name)
    index = geoms.index
    if index.has_duplicates:
        dup = index[index.duplicated()].unique()
        raise DuplicateKeyError.from_key(
            "weights.duplicate_keys", name=index.name or "index", n=len(dup), keys=Listed(dup)
        )
    if len(geoms) < 2:
        raise InputError.from_key("weights.too_few", n=len(geoms))
    bad = geoms.isna() | geoms.is_empty
    if bad.any():
        raise GeometryError.from_key(
            "weights.empty_geometry", n=int(bad.sum()), keys=Listed(index[bad.to_numpy()])
        )
    if polygons:
        types = shapely.get_type_id(geoms.to_numpy())
        ok = np.isin(types, [3, 6])  # Polygon, MultiPolygon
        if not ok.all():
            raise GeometryError.from_key(
                "weights.not_polygons", n=int((~ok).sum()), keys=Listed(index[~ok])
            )
    return geoms


def grid_weights(
    rows,
    cols,
    index=None,
    method: Literal["queen", "rook"] = "queen",
    *,
    transform: Literal["R", "B"] = "R",
) -> SpatialWeights:
    """Contiguity of grid cells straight from their row and column numbers (no polygons).

    For raster-like layers (e.g. the Zensus 100 m / 1 km grid, cell ids decoded to
    rows and columns): ``rook`` links the 4 cells sharing a side, ``queen`` also the
    4 diagonal ones. Missing cells are allowed (a patch of a grid).

    Parameters
    ----------
    rows, cols : array-like of int
        Row and column number of every cell.
    index : array-like, optional
        The cell keys (default: ``rows`` and ``cols`` as "r_c" text).
    method : {"queen", "rook"}, default "queen"
    transform : {"R", "B"}, default "R"

    Examples
    --------
    >>> w = grid_weights([0, 0, 1, 1], [0, 1, 0, 1], index=["a", "b", "c", "d"])
    >>> sorted(w.neighbors["a"]), w.info.method
    (['b', 'c', 'd'], 'queen')
    """
    method = _choice("method", method, ("queen", "rook"))
    transform = _choice("transform", str(transform).upper(), TRANSFORMS)
    r = np.asarray(rows)
    c = np.asarray(cols)
    if index is None:
        index = pd.Index([f"{a}_{b}" for a, b in zip(r, c, strict=True)])
    index = pd.Index(index)
    if index.has_duplicates:
        dup = index[index.duplicated()].unique()
        raise DuplicateKeyError.from_key(
            "weights.duplicate_keys", name=index.name or "index", n=len(dup), keys=Listed(dup)
        )
    cells = pd.Index(list(zip(r.tolist(), c.tolist(), strict=True)))
    if cells.has_duplicates:
        dup = cells[cells.duplicated()].unique()
        raise DuplicateKeyError.from_key(
            "weights.duplicate_keys", name="(row, col)", n=len(dup), keys=Listed(dup)
        )
    heads, tails = grid_links(r, c, rook=method == "rook")
    info = WeightsInfo(method=method, parameters={"grid": True}, transform=transform)
    return SpatialWeights._from_links(Links(_ids(index), heads, tails, transform), info)


def _centroids(geoms: gpd.GeoSeries) -> gpd.GeoSeries:
    """Planar centroids (area-weighted over all parts, as sf::st_centroid / GEOS)."""
    return gpd.GeoSeries(shapely.centroid(geoms.to_numpy()), index=geoms.index, crs=geoms.crs)


def _municipalities(districts, municipality, cross_border: str) -> pd.Series | None:
    """The municipality key per area (text), or None; "cut" without one is an error."""
    if municipality is None:
        if cross_border == "cut":
            raise ConfigError.from_key("weights.cross_border_needs")
        return None
    if isinstance(municipality, str):
        columns = getattr(districts, "columns", ())
        if municipality not in columns:
            raise ConfigError.from_key(
                "weights.municipality_column", column=municipality,
                available=Listed([c for c in columns if c != "geometry"], 12),
            )
        series = districts[municipality]
    else:
        series = pd.Series(municipality).reindex(districts.index)
    if series.isna().any():
        raise ConfigError.from_key(
            "weights.municipality_missing", keys=Listed(districts.index[series.isna()]))
    return series.astype(str)
