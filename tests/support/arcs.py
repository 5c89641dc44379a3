"""A reference decoder of the HTML map's geometry format (sozialraum/maps/_arcs.py, format 1).

Written from the format's description in that module's docstring, in plain Python and
sharing no code with the encoder or with the page's JavaScript decoder, so that the tests
check the format, not one implementation against itself.
"""

from __future__ import annotations

import json
import re

import shapely

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _numbers(text: str):
    value, weight = 0, 1
    for ch in text:
        d = ALPHABET.index(ch)
        value += (d % 32) * weight
        weight *= 32
        if d < 32:
            yield value
            value, weight = 0, 1
    assert weight == 1, "digit stream ends inside a number"


def _signed(z: int) -> int:
    return z // 2 if z % 2 == 0 else -(z + 1) // 2


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """The arcs as lists of (longitude, latitude)."""
    nums = _numbers(topo["a"])
    scale = 10 ** topo["p"]
    ox, oy = topo["o"]
    x = y = 0
    arcs = []
    for _ in range(topo["na"]):
        m = next(nums)
        assert m >= 2
        pts = []
        for _ in range(m):
            x += _signed(next(nums))
            y += _signed(next(nums))
            pts.append(((ox + x) / scale, (oy + y) / scale))
        arcs.append(pts)
    assert next(nums, None) is None, "digits left after the last arc"
    return arcs


def decode_rings(topo: dict) -> list[list[list[list[int]]]]:
    """Per feature, per polygon, per ring: the signed arc references (index, reversed)."""
    nums = _numbers(topo["g"])
    j = 0
    out = []
    for _ in range(len(topo["k"])):
        polys = []
        for _ in range(next(nums)):
            rings = []
            for _ in range(next(nums)):
                refs = []
                for _ in range(next(nums)):
                    r = next(nums)
                    j += _signed(r // 2)
                    refs.append((j, r % 2 == 1))
                rings.append(refs)
            polys.append(rings)
        out.append(polys)
    assert next(nums, None) is None, "digits left after the last feature"
    return out


def decode(topo: dict) -> list:
    """The features' shapely geometries (Polygon or MultiPolygon) in degrees."""
    arcs = decode_arcs(topo)
    geoms = []
    for polys in decode_rings(topo):
        shapes = []
        for rings in polys:
            coords = []
            for refs in rings:
                ring: list[tuple[float, float]] = []
                for n, (j, rev) in enumerate(refs):
                    pts = arcs[j][::-1] if rev else arcs[j]
                    ring.extend(pts if n == 0 else pts[1:])
                coords.append(ring)
            shapes.append(shapely.Polygon(coords[0], coords[1:]))
        geoms.append(shapes[0] if len(shapes) == 1 else shapely.MultiPolygon(shapes))
    return geoms


def topologies(page: str) -> list[dict]:
    """Every encoded geometry object in an HTML page (the districts first, then overlays)."""
    decoder = json.JSONDecoder()
    # the page's JSON is safe inside <script>: "</" is written "<\\/", which JSON reads back
    return [
        decoder.raw_decode(page, m.end())[0]
        for m in re.finditer(r"sozialraumDecode\((?=\{\"v\":1,)", page)
    ]


def features(page: str) -> list[dict]:
    """The districts of a page as the decoder gives them to Leaflet: properties i, k, h."""
    topo = topologies(page)[0]
    esc = topo.get("e", topo["k"])
    return [
        {
            "properties": {"i": i, "k": k, "h": f"<b>{topo['n'][i]}</b> ({esc[i]})"},
            "geometry": geom,
        }
        for i, (k, geom) in enumerate(zip(topo["k"], decode(topo), strict=True))
    ]
