"""Interactive maps (folium / Leaflet) that also work offline, from a single HTML file.

:func:`explore` builds one base layer per indicator, index or cluster result
(switched with a layer control), German tooltips formatted in Python, and a
German legend written as plain HTML/CSS that uses the same classification and
colours as the static map (:mod:`sozialraum.maps.style`).

Only what is shown goes into the page: the geometry object is built here from the
district key, the name and the formatted texts of the mapped columns, so raw
counts and hidden (suppressed) values never reach the HTML source. The geometry
goes in as shared arcs with quantised, delta-encoded coordinates
(:mod:`sozialraum.maps._arcs`: each border once, 10,000 districts in about 1.2 MB)
and is decoded in the page into the GeoJSON layers Leaflet draws.

With ``offline=True`` (the default) ``m.save("karte.html")`` writes a
self-contained file: Leaflet's JavaScript and CSS are inlined from the
installed ``xstatic-leaflet`` package, its images become data URIs, and none
of folium's CDN assets (jQuery, Bootstrap, Font Awesome) are referenced.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import html
import itertools
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from folium.map import Layer
from folium.template import Template

from sozialraum._text import format_number, text
from sozialraum._util.choices import check_choice
from sozialraum._util.files import atomic_path
from sozialraum.errors import (
    ColumnError,
    CRSError,
    DuplicateKeyError,
    GeometryError,
    InputError,
    Listed,
)
from sozialraum.maps._arcs import DECODER_JS, coded, encode
from sozialraum.maps._offline import leaflet_assets
from sozialraum.maps.clusters import (
    CLUSTER_STYLES,
    GSTAR_CODES,
    GSTAR_STYLES,
    MORAN_CODES,
    VALUES,
    _meaning_labels,
    inference_note,
    result_frame,
    result_kind,
    result_meta,
)
from sozialraum.maps.style import (
    MISSING_COLOR,
    Breaks,
    classification_colors,
    classify,
    default_palette,
    display_values,
    reason_text,
    source_line,
    stichtag_text,
)

__all__ = ["SozialraumMap", "explore", "save_html"]

#: "auto" simplification starts above this many vertices in the whole layer
AUTO_SIMPLIFY_VERTICES = 50_000
LEAFLET_CDN_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
LEAFLET_CDN_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"

#: branca draws every element id at random (16 bytes of urandom), so the same map gave other
#: HTML bytes on every run. While one of our maps is built or rendered the ids come instead
#: from a counter seeded by the map's content: the same data give byte-identical HTML (its
#: checksum is in provenance.json). Outside our maps branca's random ids are unchanged.
_IDS: contextvars.ContextVar = contextvars.ContextVar("sozialraum_folium_ids", default=None)
_random_id = Element._generate_id


def _generate_id(cls) -> str:
    ids = _IDS.get()
    return next(ids) if ids is not None else _random_id()


Element._generate_id = classmethod(_generate_id)


def _id_counter(seed: str):
    return (hashlib.sha256(f"{seed}:{i}".encode()).hexdigest()[:32] for i in itertools.count())


def _deterministic_ids(fn):
    """Build the map of `fn` with element ids from a counter seeded by its data and options."""

    @functools.wraps(fn)
    def wrapper(data, *args, **kwargs):
        # plain values only (a repr with a memory address would change on every run)
        columns = kwargs.get("columns", args[0] if args else None)
        seed = hashlib.sha256(repr((
            list(map(str, getattr(data, "index", ()))),
            list(map(str, getattr(data, "columns", ()))),
            [columns] if isinstance(columns, str) else list(map(str, columns or ())),
            str(kwargs.get("title")),
        )).encode()).hexdigest()
        ids = _id_counter(seed)
        token = _IDS.set(ids)
        try:
            m = fn(data, *args, **kwargs)
        finally:
            _IDS.reset(token)
        if isinstance(m, SozialraumMap):
            m._sozialraum_ids = ids  # elements added while rendering continue the count
        return m

    return wrapper


def _script_json(value: object) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _per_district(values: list) -> str:
    """A per-district list for a <script>: few distinct values as one character each."""
    packed = coded(values)
    if packed is None:
        return _script_json(values)
    return f"sozialraumCodes({_script_json(packed[0])}, {_script_json(packed[1])})"


class _Raw(Element):
    """Raw HTML put into the page as it is (already escaped by the caller)."""

    _template = Template("{{ this.content }}")

    def __init__(self, content: str):
        super().__init__()
        self.content = content


class SozialraumMap(folium.Map):
    """A folium.Map that can render itself without any network access.

    ``offline=True`` inlines Leaflet (from xstatic-leaflet) and references no
    CDN; ``offline=False`` links Leaflet from its CDN (and nothing else).
    :meth:`save` writes atomically and refuses to overwrite unless
    ``force=True``.
    """

    def __init__(self, *args, offline: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.offline = offline
        # instance attributes shadow folium's class-level CDN lists
        self.default_js = [] if offline else [("leaflet", LEAFLET_CDN_JS)]
        self.default_css = [] if offline else [("leaflet_css", LEAFLET_CDN_CSS)]
        self.sozialraum_layers: list[LayerInfo] = []

    def render(self, **kwargs):
        ids = getattr(self, "_sozialraum_ids", None)
        token = _IDS.set(ids) if ids is not None else None
        try:
            self._render(**kwargs)
        finally:
            if token is not None:
                _IDS.reset(token)

    def _render(self, **kwargs):
        if self.offline:
            js, css, _version = leaflet_assets()
            figure = self.get_root()
            figure.header.add_child(_Raw(f"<style>{css}</style>"), name="leaflet_css", index=0)
            figure.header.add_child(_Raw(f"<script>{js}</script>"), name="leaflet", index=0)
        super().render(**kwargs)

    def save(self, outfile, close_file: bool = True, *, force: bool = False, **kwargs):
        """Write the page to `outfile` (atomically; an existing file only with ``force=True``)."""
        if not isinstance(outfile, (str, os.PathLike)):
            return super().save(outfile, close_file=close_file, **kwargs)
        page = self.get_root().render(**kwargs)
        with atomic_path(Path(outfile), force=force) as tmp:
            Path(tmp).write_text(page, encoding="utf-8")
        return None


def save_html(m: folium.Map, path: str | os.PathLike, *, force: bool = False) -> Path:
    """Save a map from :func:`explore` (same as ``m.save(path, force=force)``)."""
    if isinstance(m, SozialraumMap):
        m.save(path, force=force)
    else:
        with atomic_path(Path(path), force=force) as tmp:
            Path(tmp).write_text(m.get_root().render(), encoding="utf-8")
    return Path(path)


@dataclass
class LayerInfo:
    """What one layer shows (kept on the map as ``m.sozialraum_layers`` for checks)."""

    name: str
    kind: str  # "classes" or "categories"
    colors: list[str]  # colour per district, in data order
    legend_html: str
    texts: list[str] = field(default_factory=list)
    classification: object = None


class _GeoData(MacroElement):
    _template = Template(
        """{% macro script(this, kwargs) %}
    var {{ this.get_name() }} = sozialraumDecode({{ this.payload }});
{% endmacro %}"""
    )

    def __init__(self, payload: str):
        super().__init__()
        self._name = "SozialraumGeo"
        self.payload = payload


class _DistrictLayer(Layer):
    """One choropleth / cluster layer over the shared district GeoJSON."""

    _template = Template(
        """{% macro script(this, kwargs) %}
    var {{ this.get_name() }}_c = {{ this.colors }};
    var {{ this.get_name() }}_t = {{ this.texts }};
    var {{ this.get_name() }}_p = {{ this.patterns }};
    // built when first shown: a hidden layer costs nothing before the first paint
    var {{ this.get_name() }} = L.layerGroup();
    {{ this.get_name() }}.once("add", function () {
        var districts = L.geoJSON({{ this.geo }}, {
            coordsToLatLng: sozialraumLatLng,
            {%- if this.canvas %} renderer: L.canvas(), {%- endif %}
            style: function (f) {
                return {fillColor: {{ this.get_name() }}_c[f.properties.i], fillOpacity: 0.85,
                        color: "#636363", weight: 0.6, opacity: 1, className: "sr-district"};
            },
            {%- if not this.canvas %}
            onEachFeature: function (f, l) {
                l.on("add", function () {
                    sozialraumPattern(l, {{ this.get_name() }}_p[f.properties.i]);
                });
            }
            {%- endif %}
        });
        // one tooltip for the layer, filled for the district under the mouse (not 10,000)
        districts.bindTooltip(function (l) {
            return l.feature.properties.h + "<br>" + {{ this.label }} + ": "
                + {{ this.get_name() }}_t[l.feature.properties.i];
        }, {sticky: true});
        {{ this.get_name() }}.addLayer(districts);
    });
{% endmacro %}"""
    )

    def __init__(self, name, geo, colors, texts, patterns, label, show, canvas):
        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "SozialraumLayer"
        self.geo = geo
        self.colors = _per_district(colors)
        self.texts = _script_json(texts)
        self.patterns = _per_district(patterns)
        self.label = _script_json(label)
        self.canvas = canvas


class _Boundaries(Layer):
    _template = Template(
        """{% macro script(this, kwargs) %}
    var {{ this.get_name() }} = L.geoJSON(sozialraumDecode({{ this.payload }}), {
        interactive: false, coordsToLatLng: sozialraumLatLng,
        style: function () {
            return {fill: false, color: "#252525", weight: 2.2, opacity: 1,
                    className: "sr-boundary"};
        }
    });
{% endmacro %}"""
    )

    def __init__(self, name, payload):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "SozialraumBoundaries"
        self.payload = payload


_PATTERN_JS = """
function sozialraumPattern(layer, kind) {
    if (!kind || !layer._path || !layer._map) { return; }
    var svg = layer._path.ownerSVGElement;
    var fill = layer.options.fillColor || "#ffffff";
    var id = "sr-pattern-" + kind + "-" + fill.replace("#", "");
    if (!svg.querySelector("#" + id)) {
        var ns = "http://www.w3.org/2000/svg";
        var defs = svg.querySelector("defs")
            || svg.insertBefore(document.createElementNS(ns, "defs"), svg.firstChild);
        var p = document.createElementNS(ns, "pattern");
        p.setAttribute("id", id); p.setAttribute("patternUnits", "userSpaceOnUse");
        p.setAttribute("width", "8"); p.setAttribute("height", "8");
        var bg = document.createElementNS(ns, "rect");
        bg.setAttribute("width", "8"); bg.setAttribute("height", "8");
        bg.setAttribute("fill", fill);
        p.appendChild(bg);
        if (kind === "dots") {
            var c = document.createElementNS(ns, "circle");
            c.setAttribute("cx", "4"); c.setAttribute("cy", "4"); c.setAttribute("r", "1.1");
            c.setAttribute("fill", "#525252");
            p.appendChild(c);
        } else {
            var lines = kind === "cross" ? ["M0,0 L8,8", "M8,0 L0,8"]
                : ["M-2,2 L2,-2", "M0,8 L8,0", "M6,10 L10,6"];
            lines.forEach(function (d) {
                var e = document.createElementNS(ns, "path");
                e.setAttribute("d", d);
                e.setAttribute("stroke", kind === "cross" ? "#8c8c8c" : "#1a1a1a");
                e.setAttribute("stroke-opacity", kind === "cross" ? "1" : "0.7");
                e.setAttribute("stroke-width", kind === "cross" ? "1" : "1.4");
                p.appendChild(e);
            });
        }
        defs.appendChild(p);
    }
    layer._path.setAttribute("fill", "url(#" + id + ")");
}
"""

_LEGEND_CSS = """
.leaflet-container.sr-plain { background: #ffffff; }
.leaflet-bottom.leaflet-right { max-width: calc(100% - 140px); }
.leaflet-bottom.leaflet-right .leaflet-control-attribution { white-space: normal; }
.sr-legend-box { background: rgba(255,255,255,0.93); padding: 8px 10px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.35); font: 12px/1.35 "DejaVu Sans", Arial, sans-serif;
  color: #1a1a1a; max-width: 300px; }
.sr-map-title { font-weight: bold; font-size: 14px; margin-bottom: 2px; }
.sr-map-sub { color: #444; margin-bottom: 6px; }
.sr-legend-title { font-weight: bold; margin-bottom: 2px; }
.sr-legend-note { color: #444; font-size: 11px; margin-bottom: 4px; white-space: pre-line; }
.sr-row { display: flex; align-items: center; }
.sr-step .sr-row { margin: 0; }
.sr-cat .sr-row { margin: 2px 0; }
.sr-swatch { display: inline-block; width: 22px; height: 15px; margin-right: 7px;
  border: 1px solid #636363; flex: none; }
.sr-step .sr-swatch { border-bottom-width: 0; }
.sr-step .sr-row:last-of-type .sr-swatch { border-bottom-width: 1px; }
.sr-hatch { background-image: repeating-linear-gradient(135deg, rgba(26,26,26,0.7) 0 1.5px,
  transparent 1.5px 5px); }
.sr-dots { background-image: radial-gradient(#525252 1px, transparent 1.3px);
  background-size: 5px 5px; }
.sr-cross { background-image: repeating-linear-gradient(45deg, #8c8c8c 0 1px, transparent 1px 6px),
  repeating-linear-gradient(135deg, #8c8c8c 0 1px, transparent 1px 6px); }
"""


@dataclass(frozen=True)
class _Prepared:
    frame: gpd.GeoDataFrame
    payload: str  # the encoded geometry (maps._arcs), JSON for a <script>
    n: int


def _prepare_geometry(data: gpd.GeoDataFrame, name_column: str, simplify, precision) -> _Prepared:
    """Simplify the shared boundaries (topology kept), reproject to WGS84, encode (maps._arcs)."""
    if not isinstance(data, gpd.GeoDataFrame):
        raise GeometryError.from_key("maps.explore_needs_geodataframe")
    if data.crs is None:
        raise CRSError.from_key("maps.no_crs")
    if not data.index.is_unique:
        dup = data.index[data.index.duplicated()].unique()
        raise DuplicateKeyError.from_key("maps.duplicate_keys", keys=Listed(dup))
    if data.geometry.isna().any() or data.geometry.is_empty.any():
        bad = data.index[data.geometry.isna() | data.geometry.is_empty]
        raise GeometryError.from_key("maps.empty_geometries", keys=Listed(bad))
    n = len(data)
    geoms = data.geometry.to_numpy()
    if simplify == "auto":
        simplify = None
        if (
            data.crs.is_projected
            and int(shapely.get_num_coordinates(geoms).sum()) > AUTO_SIMPLIFY_VERTICES
        ):
            simplify = 0.02 * float(np.sqrt(np.median(shapely.area(geoms))))
    if simplify:
        if not data.crs.is_projected:
            raise CRSError.from_key("maps.simplify_needs_projected")
        # coverage_simplify keeps shared edges shared: no gaps or slivers between districts
        geoms = shapely.coverage_simplify(geoms, float(simplify), simplify_boundary=True)
    shown = gpd.GeoSeries(geoms, index=data.index, crs=data.crs).to_crs("EPSG:4326")
    if precision == "auto":
        precision = 6 if n <= 1000 else 5
    topology = encode(shown.to_numpy(), int(precision))
    names = (
        data[name_column]
        if name_column in data.columns
        else pd.Series(index=data.index, dtype=object)
    )
    keys = [str(key) for key in data.index]
    topology["k"] = keys
    topology["n"] = [
        html.escape(str(name) if isinstance(name, str) and name else key)
        for key, name in zip(keys, names, strict=True)
    ]
    escaped = [html.escape(key) for key in keys]
    if escaped != keys:
        topology["e"] = escaped
    payload = _script_json(topology)
    return _Prepared(gpd.GeoDataFrame(geometry=shown, index=data.index), payload, n)


def _legend_rows(rows: list[tuple[str, str, str | None]], stepped: bool) -> str:
    klass = "sr-step" if stepped else "sr-cat"
    out = [f'<div class="{klass}">']
    for color, label, pattern in rows:
        extra = {"hatch": " sr-hatch", "cross": " sr-cross", "dots": " sr-dots"}.get(
            pattern or "", ""
        )
        out.append(
            f'<div class="sr-row"><span class="sr-swatch{extra}" style="background-color:{color}">'
            f"</span><span>{html.escape(label)}</span></div>"
        )
    out.append("</div>")
    return "".join(out)


def _class_layer(data, column, label, scheme, k, breaks, palette, unit, lang, worst="high"):
    values, reasons = display_values(data, column)
    c = classify(values, scheme, k, breaks=breaks, unit=unit, lang=lang, column=column)
    colors = classification_colors(default_palette(c.scheme, palette), c)
    fills, texts, patterns = [], [], []
    suffix = f" {unit}" if unit else ""
    worst = {"high": c.k - 1, "low": 0}.get(worst, -2)  # -2: no class is hatched
    for key in data.index:
        cls = int(c.classes[key])
        if cls < 0:
            fills.append(MISSING_COLOR)
            texts.append(html.escape(reason_text(reasons[key], lang)))
            patterns.append("cross")
        else:
            fills.append(colors[cls])
            texts.append(html.escape(format_number(values[key], max(c.decimals, 1), lang) + suffix))
            patterns.append("hatch" if cls == worst else None)
    rows = [
        (colors[i], lab, "hatch" if i == worst else None)
        for i, lab in enumerate(c.legend_labels(lang))
    ]
    hidden = reasons.dropna()
    for rtext in dict.fromkeys(reason_text(r, lang) for r in hidden):
        n = sum(reason_text(r, lang) == rtext for r in hidden)
        rows.append((MISSING_COLOR, f"{rtext} ({n})", "cross"))
    notes = [
        text("maps.legend.method", lang, method=c.method),
        *c.notes,
        text("maps.legend.count", lang),
    ]
    legend = (
        f'<div class="sr-legend-title">{html.escape(label)}</div>'
        f'<div class="sr-legend-note">{html.escape(chr(10).join(notes))}</div>'
        + _legend_rows(rows[: c.k], stepped=True)
        + _legend_rows(rows[c.k :], stepped=False)
    )
    return LayerInfo(label, "classes", fills, legend, texts, c), patterns


def _category_layer(data, frame, meta, label, lang, values=None):
    kind = result_kind(frame)
    meaning = _meaning_labels(kind, values, lang)  # the printed map's hot/cold spot texts
    styles = CLUSTER_STYLES if kind == "moran" else GSTAR_STYLES
    by_code = {s.code: s for s in styles}
    frame = frame.reindex(data.index)
    row_labels = (
        frame["label"]
        if "label" in frame.columns
        else pd.Series(None, index=frame.index, dtype=object)
    )
    pcol = (
        "p_adjusted"
        if "p_adjusted" in frame.columns
        else ("p_value" if "p_value" in frame.columns else None)
    )
    fills, texts, patterns = [], [], []
    for key in data.index:
        code = frame.at[key, "cluster"]
        if not isinstance(code, str):
            fills.append(MISSING_COLOR)
            texts.append(html.escape(text("maps.missing", lang)))
            patterns.append("cross")
            continue
        st = by_code[code]
        fills.append(st.color)
        t = row_labels[key] if isinstance(row_labels[key], str) else text(st.text_key, lang)
        plain = text(st.text_key, lang)
        if code in meaning and t.startswith(plain):  # the tooltip says it as the legend does
            t = meaning[code] + t[len(plain):]
        if (
            pcol is not None
            and pd.notna(frame.at[key, pcol])
            and code not in ("island", "untestable")
        ):
            pv = float(frame.at[key, pcol])
            shown = (
                format_number(pv, 3, lang) if pv >= 0.001 else "< " + format_number(0.001, 3, lang)
            )
            t += f" (p = {shown})"
        texts.append(html.escape(t))
        patterns.append(_pattern(st.hatch))
    codes = frame["cluster"]
    rows = [
        (s.color, f"{meaning.get(s.code) or text(s.text_key, lang)} "
                  f"({int((codes == s.code).sum())})", _pattern(s.hatch))
        for s in styles
    ]
    n_missing = int(codes.isna().sum())
    if n_missing:
        rows.append((MISSING_COLOR, f"{text('maps.missing', lang)} ({n_missing})", "cross"))
    head = text("maps.cluster.title" if kind == "moran" else "maps.gstar.title", lang)
    note = inference_note(meta, lang, kind)
    legend = (
        f'<div class="sr-legend-title">{html.escape(label)}</div>'
        f'<div class="sr-legend-note">{html.escape(head + chr(10) + note)}</div>'
        + _legend_rows(rows, stepped=False)
    )
    return LayerInfo(label, "categories", fills, legend, texts), patterns


def _pattern(hatch: str | None) -> str | None:
    """The browser pattern that stands for a matplotlib hatch of the static map."""
    if not hatch:
        return None
    return "dots" if "." in hatch else ("cross" if "x" in hatch else "hatch")


def _is_code_column(series: pd.Series) -> bool:
    if pd.api.types.is_numeric_dtype(series):
        return False
    vals = set(series.dropna().astype(str))
    return bool(vals) and vals <= (MORAN_CODES | GSTAR_CODES)


@_deterministic_ids
def explore(
    data: gpd.GeoDataFrame,
    columns: Sequence[str] | str | None = None,
    *,
    results: Mapping[str, object] | None = None,
    offline: bool = True,
    tiles: str | None = None,
    scheme: str = "quantiles",
    k: int = 5,
    breaks: Breaks | Sequence[float] | None = None,
    palette: str | Mapping[str, str] | None = None,
    worst: str | Mapping[str, str] | None = "high",
    values: str | None = None,
    unit: str | Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
    name_column: str = "name",
    overlay: gpd.GeoDataFrame | None = None,
    overlay_name: str | None = None,
    title: str | None = None,
    stichtag: object = None,
    source: str | None = None,
    geometry_source: str | None = None,
    licence: str | None = None,
    simplify: float | str | None = "auto",
    precision: int | str = "auto",
    renderer: str = "auto",
    lang: str = "de",
    width: str = "100%",
    height: str = "100%",
) -> SozialraumMap:
    """An interactive map: one switchable layer per indicator, index or cluster result.

    Parameters
    ----------
    data : geopandas.GeoDataFrame
        Districts indexed by key, with a ``name`` column.
    columns : list of str
        Numeric columns (classified like :func:`plot_choropleth`) or columns of
        cluster codes. Only these columns, the key and the name reach the HTML.
    results : mapping of layer title -> local result, optional
        Cluster layers from ``sr.local_moran`` / ``sr.local_gstar``.
    offline : bool, default True
        Self-contained HTML: Leaflet inlined, no CDN, no request at all.
    tiles : {None, "OpenStreetMap"}
        Background: none (plain) or OpenStreetMap with its attribution (needs network).
    scheme, k, breaks, palette, worst, unit
        As for :func:`plot_choropleth`; `palette`, `worst` and `unit` may map column ->
        value (the bundle gives each layer the palette of its printed map).
    values : {None, "index_more", "index_less", "values"}
        What "hoch" means on the cluster layers, as for :func:`plot_clusters`.
    titles : mapping column -> layer title, optional
    simplify : "auto", float (metres) or None
        Topology-preserving simplification of the shared boundaries
        (``shapely.coverage_simplify``); "auto" simplifies only layers with
        more than 50,000 vertices, by 2 % of the median district's side length
        (e.g. 5 m for 6 ha districts: less than a pixel at street zoom).
    precision : "auto" or int
        Decimals of the WGS84 coordinates: the page's coordinates lie on a grid of
        ``10**-precision`` degrees (auto: 6, about 0.1 m, up to 1,000 districts; 5 above:
        1.1 m north-south, 0.7 m east-west in Germany, every point within 0.7 m). Shared
        borders stay identical on both sides whatever the precision.
    renderer : {"auto", "svg", "canvas"}
        Leaflet renderer; "auto" uses SVG up to 3,000 districts, canvas above.

    Returns
    -------
    SozialraumMap
        A folium.Map; ``m.save("karte.html")`` writes the page.

    Examples
    --------
    >>> m = sr.explore(g, columns=["sgb2_quote"], unit="%")  # doctest: +SKIP
    >>> m.save("karte.html")  # doctest: +SKIP
    """
    lang = check_choice("lang", lang, ("de", "en"))
    tiles = check_choice("tiles", tiles, ("OpenStreetMap", None)) if tiles is not None else None
    renderer = check_choice("renderer", renderer, ("auto", "svg", "canvas"))
    values = check_choice("values", values, VALUES) if values is not None else None
    cols = [columns] if isinstance(columns, str) else list(columns or [])
    results = dict(results or {})
    if not cols and not results:
        raise InputError.from_key("maps.explore_nothing")
    missing = [c for c in cols if c not in data.columns]
    if missing:
        raise ColumnError.from_key(
            "maps.explore_missing_columns",
            missing=Listed(missing),
            columns=Listed([c for c in data.columns if c != "geometry"], 12),
        )
    prepared = _prepare_geometry(data, name_column, simplify, precision)
    canvas = renderer == "canvas" or (renderer == "auto" and prepared.n > 3000)
    m = SozialraumMap(
        offline=offline,
        tiles=None,
        width=width,
        height=height,
        control_scale=False,
        prefer_canvas=canvas,
    )
    # the view first: layers added before it would be projected and drawn twice (world view)
    xmin, ymin, xmax, ymax = prepared.frame.total_bounds
    m.fit_bounds([[ymin, xmin], [ymax, xmax]])
    if tiles == "OpenStreetMap":
        folium.TileLayer("OpenStreetMap", control=False).add_to(m)  # attribution from xyzservices
    m.get_root().header.add_child(_Raw(f"<style>{_LEGEND_CSS}</style>"), name="sozialraum_css")
    m.get_root().header.add_child(_Raw(f"<script>{_PATTERN_JS}</script>"), name="sozialraum_js")
    m.get_root().header.add_child(_Raw(f"<script>{DECODER_JS}</script>"), name="sozialraum_geo")
    geo = _GeoData(prepared.payload)
    m.add_child(geo)
    titles = dict(titles or {})
    layers: list[tuple[LayerInfo, list]] = []
    for col in cols:
        label = titles.get(col, col)
        if _is_code_column(data[col]):
            frame = pd.DataFrame({"cluster": data[col].astype(object)}, index=data.index)
            layers.append(_category_layer(data, frame, {}, label, lang))
        else:
            col_unit, col_palette, col_worst = (
                opt.get(col) if isinstance(opt, Mapping) else opt for opt in (unit, palette, worst)
            )
            layers.append(
                _class_layer(data, col, label, scheme, k, breaks, col_palette, col_unit, lang,
                             worst="high" if col_worst is None and isinstance(worst, Mapping)
                             else col_worst)
            )
    for label, result in results.items():
        frame = result_frame(result, lang)
        extra = frame.index.difference(data.index)
        if len(extra):
            raise InputError.from_key(
                "maps.explore_result_keys", label=repr(label), keys=Listed(extra)
            )
        layers.append(
            _category_layer(data, frame, result_meta(result), str(label), lang, values)
        )
    names = [info.name for info, _ in layers]
    if len(set(names)) != len(names):
        raise InputError.from_key("maps.layer_titles", names=Listed(names))
    for i, (info, patterns) in enumerate(layers):
        # Leaflet puts layer names (layer control) and the tooltip label in as HTML
        m.add_child(
            _DistrictLayer(
                html.escape(info.name),
                geo.get_name(),
                info.colors,
                info.texts,
                patterns if not canvas else [None] * len(patterns),
                html.escape(info.name),
                show=(i == 0),
                canvas=canvas,
            )
        )
        m.sozialraum_layers.append(info)
    if overlay is not None:
        ov = _prepare_geometry(overlay, name_column, None, precision)
        oname = text("maps.overlay", lang, name=overlay_name or text("maps.overlay_default", lang))
        m.add_child(_Boundaries(html.escape(oname), ov.payload))
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    stand = stichtag_text(data, stichtag)
    head = ""
    if title:
        head += f'<div class="sr-map-title">{html.escape(title)}</div>'
    if stand:
        head += (
            f'<div class="sr-map-sub">{html.escape(text("maps.stand", lang, stichtag=stand))}</div>'
        )
    hide = ' style="display:none"'
    blocks = "".join(
        # the attribute holds the name as the layer control knows it (escaped once)
        f'<div class="sr-legend" data-layer="{html.escape(html.escape(info.name))}"'
        f"{'' if i == 0 else hide}>{info.legend_html}</div>"
        for i, (info, _) in enumerate(layers)
    )
    attribution = source_line(source, stand, geometry_source, licence, lang)
    m.add_child(_Legend(head + blocks, attribution, plain=tiles is None))
    return m


class _Legend(MacroElement):
    _template = Template(
        """{% macro script(this, kwargs) %}
    var {{ this.get_name() }} = L.control({position: "bottomright"});
    {{ this.get_name() }}.onAdd = function () {
        var div = L.DomUtil.create("div", "sr-legend-box");
        div.innerHTML = {{ this.content }};
        L.DomEvent.disableClickPropagation(div);
        return div;
    };
    {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
    {{ this._parent.get_name() }}.on("baselayerchange", function (e) {
        document.querySelectorAll(".sr-legend").forEach(function (el) {
            el.style.display = el.getAttribute("data-layer") === e.name ? "" : "none";
        });
    });
    {%- if this.attribution %}
    {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.attribution }});
    {%- endif %}
    L.control.scale({imperial: false, position: "bottomleft"}).addTo({{ this._parent.get_name() }});
    {%- if this.plain %}
    {{ this._parent.get_name() }}.getContainer().classList.add("sr-plain");
    {%- endif %}
    window.sozialraumReady = true;
{% endmacro %}"""
    )

    def __init__(self, content: str, attribution: str | None, plain: bool = True):
        super().__init__()
        self.plain = plain
        self._name = "SozialraumLegend"
        self.content = _script_json(content)
        self.attribution = _script_json(html.escape(attribution)) if attribution else None
