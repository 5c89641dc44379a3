"""Shared arcs and quantised, delta-encoded coordinates for the offline HTML map.

Each piece of boundary between two junctions is stored once (an *arc*), however many
districts it borders; coordinates are integers on a grid of ``10**-precision`` degrees
(precision 5: 1.1 m north-south, 0.7 m east-west at 50 degrees N; precision 6: ten times
finer), written as differences from the previous point, as text of 5-bit digits. The page
turns it back into the GeoJSON FeatureCollection that Leaflet draws with
:data:`DECODER_JS`. A border is decoded from the same points for both districts, so the
two sides are identical: no gaps or slivers, whatever the rounding.

Why our own format and decoder: the TopoJSON builder on PyPI (``topojson``) builds the
same topology, but TopoJSON's JSON layout (an array per point, an object per geometry)
alone was 2.5 MB for the 10,000-district benchmark map, more than the whole page may
take; folium's ``TopoJson`` element loads its decoder (topojson-client) from a CDN, and the
Leaflet files we inline have none. Building the arcs is a few numpy steps on the rounded
coordinates, decoding is 50 lines of JavaScript.

Format (``"v": 1``), a JSON object::

    {"v": 1, "p": precision, "o": [ox, oy], "na": number of arcs,
     "a": arc digits, "g": geometry digits, "k": [keys], "n": [labels], "e": [keys]}

Digits: each character of ``ALPHABET`` is a value d in 0..63; its low 5 bits are data,
d >= 32 says another digit follows; least significant group first. A signed number v is
written as its zigzag code (2v for v >= 0, -2v-1 below).

``"a"``: for each arc its number of points m (>= 2), then m pairs of signed (dx, dy), each
point's difference from the previous point; the previous point runs on across arcs and is
(0, 0) before the first. A point (X, Y) is the position ((ox + X) / 10**p, (oy + Y) / 10**p)
in degrees (longitude, latitude).

``"g"``: for each feature the number of polygons, for each polygon its number of rings
(the exterior first, then the holes), for each ring its number of arcs, and for each arc
one number r = 2 * zigzag(j - previous j) + reversed, with j the arc's index (running on
across the whole stream, 0 before the first). A ring is the points of its arcs in order (a
reversed arc backwards), without the first point of each arc after the first.

``"k"``, ``"n"``, ``"e"`` are written by the map (the key, its HTML-escaped label and, only
when escaping changes a key, the escaped keys).
"""

from __future__ import annotations

import numpy as np
import shapely

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_CODES = np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)


def _zigzag(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.int64)
    return np.where(v >= 0, 2 * v, -2 * v - 1)


def digits(values: np.ndarray) -> str:
    """Non-negative integers as text of 5-bit digits (see the module docstring)."""
    v = np.asarray(values, dtype=np.int64)
    if len(v) == 0:
        return ""
    if v.min() < 0:  # pragma: no cover - internal: callers pass zigzag codes and counts
        raise ValueError("digits() encodes non-negative integers")
    length = np.ones(len(v), dtype=np.int64)
    rest = v >> 5
    while rest.any():
        length += rest > 0
        rest >>= 5
    width = int(length.max())
    shifts = 5 * np.arange(width, dtype=np.int64)
    groups = (v[:, None] >> shifts) & 31
    more = np.arange(width)[None, :] < (length[:, None] - 1)
    chars = _CODES[groups + 32 * more]
    used = np.arange(width)[None, :] < length[:, None]
    return chars[used].tobytes().decode("ascii")


def encode(geoms: np.ndarray, precision: int) -> dict:
    """Shared arcs of polygon geometries in degrees (EPSG:4326) as the format above.

    Returns the object without ``k``, ``n``, ``e``. Parts that are not polygons are left
    out; a ring that rounding shrinks below three points is kept as it is.
    """
    geoms = np.asarray(geoms, dtype=object)
    parts, feature_of_part = shapely.get_parts(geoms, return_index=True)
    is_poly = shapely.get_type_id(parts) == 3
    parts, feature_of_part = parts[is_poly], feature_of_part[is_poly]
    rings, poly_of_ring = shapely.get_rings(parts, return_index=True)
    coords, ring_of_coord = shapely.get_coordinates(rings, return_index=True)
    scale = 10.0 ** int(precision)
    q = np.rint(coords * scale).astype(np.int64)
    origin = q.min(axis=0) if len(q) else np.zeros(2, dtype=np.int64)
    q -= origin

    # drop each ring's closing point and points that rounding made equal to the one before
    last = np.r_[ring_of_coord[1:] != ring_of_coord[:-1], True]
    same = np.r_[False, (q[1:] == q[:-1]).all(axis=1) & (ring_of_coord[1:] == ring_of_coord[:-1])]
    keep = ~last & ~same
    q, ring_of_coord = q[keep], ring_of_coord[keep]
    first = np.r_[True, ring_of_coord[1:] != ring_of_coord[:-1]]
    starts = np.flatnonzero(first)
    ends = np.r_[starts[1:], len(q)]
    # ... and the last point when it equals the first (the ring closed early after rounding)
    wraps = (ends - starts > 1) & (q[ends - 1] == q[starts]).all(axis=1)
    if wraps.any():
        keep = np.ones(len(q), dtype=bool)
        keep[ends[wraps] - 1] = False
        q, ring_of_coord = q[keep], ring_of_coord[keep]
        starts = np.flatnonzero(np.r_[True, ring_of_coord[1:] != ring_of_coord[:-1]])
        ends = np.r_[starts[1:], len(q)]

    # a junction is a point with other than two neighbours in the graph of all ring edges
    key = (q[:, 0] << 32) | q[:, 1]
    _, vid = np.unique(key, return_inverse=True)
    vid = vid.ravel()
    nxt = np.arange(1, len(q) + 1)
    nxt[ends - 1] = starts
    a, b = vid, vid[nxt]
    edge = np.unique(np.minimum(a, b) * (len(key) + 1) + np.maximum(a, b))
    edge_a, edge_b = edge // (len(key) + 1), edge % (len(key) + 1)
    degree = np.bincount(edge_a, minlength=int(vid.max(initial=0)) + 1)
    degree += np.bincount(edge_b, minlength=len(degree))
    degree[edge_a[edge_a == edge_b]] -= 1  # a point repeated on its own: one neighbour less
    junction = degree[vid] != 2

    table: dict[bytes, int] = {}
    arcs: list[np.ndarray] = []
    refs_of_ring: list[list[int]] = []
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        pts = q[s:e]
        cut = np.flatnonzero(junction[s:e])
        if len(cut) == 0:  # a ring without junctions: one closed arc from its smallest point
            r = int(np.argmin(vid[s:e]))
            ring = np.concatenate([pts[r:], pts[:r], pts[r : r + 1]])
            pieces = [ring]
        else:
            r = int(cut[0])
            ring = np.concatenate([pts[r:], pts[:r], pts[r : r + 1]])
            bounds = np.r_[cut - r, len(pts)]
            pieces = [ring[i : j + 1] for i, j in zip(bounds[:-1], bounds[1:], strict=True)]
        refs = []
        for piece in pieces:
            forward = piece.tobytes()
            j = table.get(forward)
            if j is not None:
                refs.append(2 * j)
                continue
            j = table.get(piece[::-1].tobytes())
            if j is not None:
                refs.append(2 * j + 1)
                continue
            j = len(arcs)
            table[forward] = j
            arcs.append(piece)
            refs.append(2 * j)
        refs_of_ring.append(refs)

    # arc stream: count, then the differences (running on across arcs)
    counts = np.array([len(p) for p in arcs], dtype=np.int64)
    points = np.concatenate(arcs) if arcs else np.zeros((0, 2), dtype=np.int64)
    deltas = np.diff(points, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    flat = _zigzag(deltas).ravel()
    offsets = 2 * np.r_[0, np.cumsum(counts)[:-1]] if len(counts) else np.zeros(0, np.int64)
    arc_stream = np.insert(flat, offsets, counts)

    # geometry stream: polygons per feature, rings per polygon, arcs per ring, references
    ring_refs = iter(refs_of_ring)
    kept_rings = np.unique(ring_of_coord)  # rings with at least one point
    ring_poly = poly_of_ring[kept_rings]
    rings_per_poly = np.bincount(ring_poly, minlength=len(parts))
    polys_per_feature = np.bincount(feature_of_part, minlength=len(geoms))
    out: list[int] = []
    previous = 0
    poly = 0
    for n_polys in polys_per_feature.tolist():
        out.append(n_polys)
        for _ in range(n_polys):
            n_rings = int(rings_per_poly[poly])
            poly += 1
            out.append(n_rings)
            for _ in range(n_rings):
                refs = next(ring_refs)
                out.append(len(refs))
                for ref in refs:
                    j, rev = ref >> 1, ref & 1
                    d = j - previous
                    previous = j
                    out.append(2 * (2 * d if d >= 0 else -2 * d - 1) + rev)
    return {
        "v": 1,
        "p": int(precision),
        "o": [int(origin[0]), int(origin[1])],
        "na": len(arcs),
        "a": digits(arc_stream),
        "g": digits(np.asarray(out, dtype=np.int64)),
    }


def coded(values: list) -> tuple[list, str] | None:
    """A per-district list of few distinct values as (the values, one character each).

    A layer's 10,000 fill colours take 10 bytes each as a JSON list, one as a code;
    ``sozialraumCodes(values, codes)`` in :data:`DECODER_JS` gives the list back. None
    when there are more distinct values than characters.
    """
    distinct = list(dict.fromkeys(values))
    if len(distinct) > len(ALPHABET):
        return None
    index = {v: i for i, v in enumerate(distinct)}
    return distinct, "".join(ALPHABET[index[v]] for v in values)


#: Turns the object above into a GeoJSON FeatureCollection (features with properties
#: i, k and the tooltip header h). Hand-written: see the module docstring for why. Its
#: positions are Leaflet ``LatLng`` objects, one per point of an arc, which both districts
#: of a border share: a layer built with ``coordsToLatLng: sozialraumLatLng`` takes them as
#: they are instead of making a new object for every point of every district (at 10,000
#: districts that garbage was most of the time to the first paint).
DECODER_JS = """
function sozialraumDecode(t) {
    var A = "ALPHABET", D = new Int8Array(128), i, j, q;
    for (i = 0; i < 64; i++) { D[A.charCodeAt(i)] = i; }
    function reader(s) {
        var pos = 0;
        return function () {
            var v = 0, m = 1, d;
            do { d = D[s.charCodeAt(pos++)]; v += (d & 31) * m; m *= 32; } while (d & 32);
            return v;
        };
    }
    function signed(z) { return z % 2 ? -(z + 1) / 2 : z / 2; }
    var scale = Math.pow(10, t.p), ox = t.o[0], oy = t.o[1];
    var a = reader(t.a), x = 0, y = 0, arcs = new Array(t.na), n, pts;
    for (i = 0; i < t.na; i++) {
        n = a(); pts = new Array(n);
        for (j = 0; j < n; j++) {
            x += signed(a()); y += signed(a());
            pts[j] = new L.LatLng((oy + y) / scale, (ox + x) / scale);
        }
        arcs[i] = pts;
    }
    var g = reader(t.g), arc = 0, keys = t.k, esc = t.e || t.k, features = new Array(keys.length);
    var P, R, Q, r, p, polys, rings, ring, c, m, k;
    for (i = 0; i < keys.length; i++) {
        P = g(); polys = [];
        for (p = 0; p < P; p++) {
            R = g(); rings = [];
            for (r = 0; r < R; r++) {
                Q = g(); ring = [];
                for (q = 0; q < Q; q++) {
                    c = g(); arc += signed(Math.floor(c / 2)); pts = arcs[arc]; m = pts.length;
                    for (k = q ? 1 : 0; k < m; k++) { ring.push(pts[c % 2 ? m - 1 - k : k]); }
                }
                rings.push(ring);
            }
            polys.push(rings);
        }
        features[i] = {type: "Feature",
            properties: {i: i, k: keys[i], h: "<b>" + t.n[i] + "</b> (" + esc[i] + ")"},
            geometry: P === 1 ? {type: "Polygon", coordinates: polys[0]}
                : {type: "MultiPolygon", coordinates: polys}};
    }
    return {type: "FeatureCollection", features: features};
}
function sozialraumLatLng(p) { return p; }
function sozialraumCodes(values, codes) {
    var A = "ALPHABET", out = new Array(codes.length), i;
    for (i = 0; i < codes.length; i++) { out[i] = values[A.indexOf(codes.charAt(i))]; }
    return out;
}
""".replace("ALPHABET", ALPHABET)
