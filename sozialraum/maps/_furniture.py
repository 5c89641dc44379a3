"""Map furniture for the static maps: page layout, scale bar, north arrow, labels, texts."""

from __future__ import annotations

import hashlib
import io
import math
import textwrap
from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import matplotlib as mpl
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from PIL import Image, PngImagePlugin
from shapely import Point, box
from shapely.ops import polylabel

from sozialraum._text import format_number, text
from sozialraum._util.choices import check_choice
from sozialraum.errors import CRSError, DuplicateKeyError, GeometryError, Listed
from sozialraum.maps._png import png_bytes

LAYOUTS: tuple[str, ...] = ("A4 landscape", "A4 portrait")
#: The scale bar's bottom and the top of its bar, as fractions of the map's height (the
#: labels above it add their font height).
SCALE_BAR_BOTTOM = 0.02
SCALE_BAR_TOP = SCALE_BAR_BOTTOM + 1.6 * 0.012
A4 = (11.69, 8.27)  # inches, landscape


@dataclass(frozen=True)
class Page:
    """Positions (figure fractions) of the parts of a map page."""

    size: tuple[float, float]
    map_rect: tuple[float, float, float, float]
    legend_anchor: tuple[float, float]
    title_y: float
    subtitle_y: float
    source_y: float


def page(layout: str) -> Page:
    """The page geometry of an A4 layout."""
    layout = check_choice("layout", layout, LAYOUTS)
    if layout == "A4 landscape":
        return Page(A4, (0.03, 0.07, 0.64, 0.80), (0.69, 0.86), 0.95, 0.905, 0.025)
    return Page(A4[::-1], (0.05, 0.30, 0.90, 0.58), (0.05, 0.285), 0.965, 0.935, 0.018)


def new_figure(layout: str) -> tuple[Figure, Page]:
    """An empty A4 figure (not registered with pyplot, so nothing leaks between calls)."""
    p = page(layout)
    return agg_figure(p.size), p


class MapFigure(Figure):
    """A matplotlib Figure that shows itself in Jupyter as a PNG, without pyplot.

    The maps are not registered with pyplot (nothing leaks between calls, the user's
    backend stays as it is), so Jupyter's inline backend would not show them; IPython
    shows any object with ``_repr_png_``, so a map returned by a cell is drawn there.
    """

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=72, metadata={"Software": None})
        return buffer.getvalue()


def agg_figure(size: tuple[float, float]) -> Figure:
    """A Figure with an Agg canvas (needed to measure label extents)."""
    # Agg canvas directly: no pyplot, so the user's backend (Jupyter inline) stays untouched
    fig = MapFigure(figsize=size, dpi=100)
    _FileCanvas(fig)
    return fig


#: Agg renderers by (width, height, dpi), shared by the map canvases of this process
#: (the most recently used last; a few page sizes at most).
_RENDERERS: dict[tuple[int, int, float], RendererAgg] = {}
_MAX_RENDERERS = 4


class _FileCanvas(FigureCanvasAgg):
    """An Agg canvas whose ``draw_idle`` does nothing and whose renderer is shared.

    Agg has no window: its ``draw_idle`` renders the whole figure at once, and
    ``GeoSeries.plot`` calls it after every layer, so a map with eight layers was drawn
    eight times before it was saved (measured on the demo city: 40 % of the drawing time,
    most of it tick labels of axes that are switched off later). A saved or shown figure
    is drawn by ``savefig`` as always.

    Every map page of one size and resolution is drawn by the same renderer: a new one
    allocates and clears a 35 MB buffer for an A4 page at 300 dpi, and matplotlib caches
    text extents per renderer, so the names, legend texts and furniture that recur on every
    map of a level are measured once (a figure is drawn from scratch, the buffer cleared,
    each time it is saved). The pixels of a canvas (``buffer_rgba``) are therefore those of
    the map drawn last; a map is saved (or shown) right after it is drawn.
    """

    def draw_idle(self, *args, **kwargs) -> None:
        return None

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = (w, h, self.figure.dpi)
        if self._lastKey != key:
            renderer = _RENDERERS.pop(key, None) or RendererAgg(w, h, self.figure.dpi)
            _RENDERERS[key] = renderer
            while len(_RENDERERS) > _MAX_RENDERERS:
                del _RENDERERS[next(iter(_RENDERERS))]
            self.renderer, self._lastKey = renderer, key
        return self.renderer

    def print_png(self, filename_or_obj, *, metadata=None, pil_kwargs=None, **_settings):
        """Write the figure to a PNG file as matplotlib does, but an opaque page by hand.

        A map page has no transparent pixel; its alpha channel is all 255 and only made
        the file larger and slower to compress. An opaque page is written as RGB without
        row filters by :func:`sozialraum.maps._png.png_bytes` (measured on the demo city:
        0.08 s per 300 dpi A4 page against 0.22 s in Pillow, as many bytes, the same
        pixels); a figure with any transparent pixel is written by Pillow as RGBA, as
        before. `_settings` are what ``savefig`` passes to a canvas outside matplotlib
        (dpi, facecolor ...): it has applied them to the figure already, as for
        matplotlib's own ``print_png``.
        """
        if pil_kwargs is not None:  # the caller chose the encoding: matplotlib's way
            return super().print_png(filename_or_obj, metadata=metadata, pil_kwargs=pil_kwargs)
        FigureCanvasAgg.draw(self)
        rgba = np.asarray(self.buffer_rgba())
        texts = {
            "Software": f"Matplotlib version{mpl.__version__}, https://matplotlib.org/",
            **(metadata or {}),
        }
        texts = {k: v for k, v in texts.items() if v is not None}
        dpi = self.figure.dpi
        if _opaque(rgba):
            data = png_bytes(rgba, dpi, texts)
            if hasattr(filename_or_obj, "write"):
                filename_or_obj.write(data)
            else:
                with open(filename_or_obj, "wb") as f:
                    f.write(data)
            return None
        size = (rgba.shape[1], rgba.shape[0])
        image = Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1)
        info = PngImagePlugin.PngInfo()
        for key, value in texts.items():
            info.add_text(key, value)
        image.save(filename_or_obj, format="png", pnginfo=info, dpi=(dpi, dpi))
        return None


def _opaque(rgba: np.ndarray) -> bool:
    """True if no pixel of an (h, w, 4) RGBA page is transparent: each pixel read as one
    little-endian 32-bit number has its alpha byte on top (3x faster than the minimum of
    the alpha channel: 2 ms for an A4 page at 300 dpi)."""
    if rgba.flags.c_contiguous:
        return bool((rgba.view("<u4") >= 0xFF000000).all())
    return bool(rgba[..., 3].min() == 255)


def check_projected(data: gpd.GeoDataFrame) -> None:
    """Static maps measure in metres: the CRS must be projected with metre units."""
    if not isinstance(data, gpd.GeoDataFrame):
        raise GeometryError.from_key("maps.not_geodataframe", type=type(data).__name__)
    crs = data.crs
    if crs is None:
        raise CRSError.from_key("maps.no_crs")
    if not crs.is_projected:
        raise CRSError.from_key("maps.geographic_crs", crs=crs.to_string())
    unit = (crs.axis_info[0].unit_name or "").lower() if crs.axis_info else ""
    if unit not in ("metre", "meter", "m"):
        raise CRSError.from_key("maps.crs_not_metres", crs=crs.to_string(), unit=repr(unit))
    if not data.index.is_unique:
        dup = data.index[data.index.duplicated()].unique()
        raise DuplicateKeyError.from_key("maps.duplicate_keys", keys=Listed(dup))
    if data.geometry.isna().any() or data.geometry.is_empty.any():
        bad = data.index[data.geometry.isna() | data.geometry.is_empty]
        raise GeometryError.from_key("maps.empty_geometries", keys=Listed(bad))


def set_extent(ax, bounds, bottom_margin: float = 0.10) -> None:
    """Equal-aspect extent around `bounds` (room for the scale bar below), filling the axes box."""
    xmin, ymin, xmax, ymax = bounds
    w, h = xmax - xmin, ymax - ymin
    pad = 0.03 * max(w, h)
    x0, x1 = xmin - pad, xmax + pad
    y0, y1 = ymin - pad - bottom_margin * h, ymax + pad
    pos = ax.get_position(original=True)  # the box given, not one shrunk by an earlier aspect
    fw, fh = ax.figure.get_size_inches()
    box_ratio = (pos.height * fh) / (pos.width * fw)  # height / width of the axes on paper
    data_ratio = (y1 - y0) / (x1 - x0)
    if data_ratio < box_ratio:  # too wide: grow y symmetrically
        extra = (box_ratio * (x1 - x0) - (y1 - y0)) / 2
        y0, y1 = y0 - extra, y1 + extra
    else:
        extra = ((y1 - y0) / box_ratio - (x1 - x0)) / 2
        x0, x1 = x0 - extra, x1 + extra
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()


def nice_length(max_length: float) -> float:
    """The largest 1, 2 or 5 x 10^n metres not above `max_length`.

    >>> nice_length(3700.0)
    2000.0
    """
    if max_length <= 0:
        raise ValueError("max_length must be positive")
    exp = math.floor(math.log10(max_length))
    for m in (5, 2, 1):
        if m * 10**exp <= max_length:
            return float(m * 10**exp)
    return float(10**exp)


def add_scale_bar(ax, lang: str = "de", fontsize: float = 7) -> float:
    """Draw a metric scale bar in the lower left corner of `ax` (data units = metres).

    Returns the bar length in metres. The bar is two rectangles with the gid
    ``"scalebar"`` whose widths add up to that length.
    """
    ax.figure.canvas.draw_idle  # noqa: B018 - axes limits are final before this is called
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    length = nice_length(0.25 * (x1 - x0))
    height = 0.012 * (y1 - y0)
    left, bottom = x0 + 0.03 * (x1 - x0), y0 + SCALE_BAR_BOTTOM * (y1 - y0)
    half = length / 2
    for i, color in enumerate(("#000000", "#ffffff")):
        ax.add_patch(
            Rectangle(
                (left + i * half, bottom),
                half,
                height,
                facecolor=color,
                edgecolor="#000000",
                linewidth=0.6,
                gid="scalebar",
                zorder=20,
            )
        )
    km = length >= 1000

    def fmt(v: float) -> str:
        value = v / 1000 if km else v
        return format_number(value, 0 if float(value).is_integer() else 1, lang)

    unit = "km" if km else "m"
    effects = [patheffects.withStroke(linewidth=2, foreground="white")]
    for x, label in (
        (left, "0"),
        (left + half, fmt(half)),
        (left + length, f"{fmt(length)} {unit}"),
    ):
        ax.text(
            x,
            bottom + 1.6 * height,
            label,
            ha="center",
            va="bottom",
            fontsize=fontsize,
            zorder=21,
            path_effects=effects,
            gid="scalebar_label",
        )
    return length


def add_north_arrow(ax, lang: str = "de", size: float = 10) -> None:
    """A north arrow in the upper right corner (grid north = up in a UTM projection)."""
    ax.annotate(
        text("maps.north", lang),
        xy=(0.96, 0.97),
        xytext=(0.96, 0.87),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=size,
        fontweight="bold",
        gid="north_arrow",
        zorder=22,
        arrowprops={
            "facecolor": "black",
            "edgecolor": "black",
            "width": 3,
            "headwidth": 9,
            "headlength": 9,
        },
    )


def _wrap(label: str, width: int = 14) -> str:
    """Wrap a long name at spaces and hyphens, never inside a word."""
    if len(label) <= width:
        return label
    wrapped = textwrap.wrap(label, width=width, break_long_words=False, break_on_hyphens=True)
    return "\n".join(wrapped) or label


def _one_line(label: str) -> str:
    """A name from the data as label text: tabs, line breaks and other unprintable
    characters (such as a right-to-left override) become spaces."""
    return "".join(c if c.isprintable() else " " for c in label)


def label_fontsize(n: int) -> float | None:
    """Font size of district labels by number of districts (None: too many to label)."""
    if n <= 15:
        return 7.5
    if n <= 40:
        return 6.5
    if n <= 120:
        return 5.5
    if n <= 250:
        return 4.5
    return None


#: Last parts of German place names where a long word may be split with a hyphen
#: ("Bahnhofs-/viertel") when the whole word does not fit on the map.
NAME_PARTS: tuple[str, ...] = (
    "allee", "anger", "bach", "bahnhof", "berg", "breite", "brink", "brücke", "burg", "born",
    "dorf", "feld", "felde", "garten", "gärten", "gebiet", "grund", "hafen", "hagen", "hausen",
    "heide", "heim", "hof", "höhe", "holz", "horst", "kamp", "kirchen", "kolonie", "land",
    "markt", "mühle", "park", "platz", "quartier", "ring", "rode", "sang", "siedlung", "stadt",
    "straße", "strasse", "tal", "viertel", "vorstadt", "wald", "weg", "wiese", "winkel",
)


def _split_word(word: str) -> str:
    r"""Split a long compound at a known last part: 'Bahnhofsviertel' -> 'Bahnhofs-\nviertel'."""
    if len(word) < 10 or "-" in word:
        return word
    low = word.lower()
    for part in sorted(NAME_PARTS, key=len, reverse=True):
        if low.endswith(part) and len(word) - len(part) >= 4:
            return f"{word[: -len(part)]}-\n{word[-len(part):]}"
    return word


def label_variants(name: str) -> list[str]:
    r"""The ways to write a district name on the map, widest first: wrapped at spaces,
    at hyphens, then long compounds split at a known last part.

    >>> label_variants("Bahnhofsviertel")
    ['Bahnhofsviertel', 'Bahnhofs-\nviertel']
    """
    out = [_wrap(name), _wrap(name, 9)]
    out.append("\n".join(_split_word(line) for line in out[-1].split("\n")))
    return list(dict.fromkeys(out))


def _anchors(geom, n: int = 4):
    """Points inside a district to try for its label: the pole of inaccessibility of its
    largest part first, then points around it, nearest first.

    Every map of a level labels the same districts: the points are computed once per
    geometry (by its exact WKB) and process (demo city: 427 searches for 25 + 7 districts).
    """
    return list(_anchors_of(shapely.to_wkb(geom), n))


@lru_cache(maxsize=4096)
def _anchors_of(wkb: bytes, n: int) -> tuple:
    geom = shapely.from_wkb(wkb)
    part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    size = math.sqrt(part.area)
    try:
        pole = polylabel(part, tolerance=max(size / 100, 1e-9))
    except Exception:  # noqa: BLE001 - a degenerate polygon: fall back to a point inside
        pole = part.representative_point()
    x0, y0, x1, y1 = part.bounds
    points = [pole]
    steps = [(dx, dy) for dx in range(-n, n + 1) for dy in range(-n, n + 1) if dx or dy]
    steps.sort(key=lambda d: d[0] ** 2 + (1.5 * d[1]) ** 2)
    for dx, dy in steps:
        pt = Point(pole.x + dx * (x1 - x0) / (2 * n), pole.y + dy * (y1 - y0) / (2 * n))
        if part.contains(pt):
            points.append(pt)
    return tuple(points)


def add_labels(ax, data: gpd.GeoDataFrame, labels, fontsize: float | None = None) -> list:
    """District labels (the name, else the key) with a white halo, never overlapping.

    Larger districts are labelled first. A name that would overlap a label placed before
    is tried at other points inside its district, then wrapped narrower (at hyphens, long
    compounds split at a known last part); only when no way of writing it fits anywhere
    the short key is tried, and a label that still does not fit is hidden.
    Returns the visible text artists.
    """
    if labels is None:
        return []
    n = len(data)
    size = fontsize if fontsize is not None else label_fontsize(n)
    if size is None:
        return []
    keys = [_one_line(str(k)) for k in data.index]
    if labels == "key":
        texts = keys
    else:
        column = "name" if labels == "name" else labels
        if column not in data.columns:
            texts = keys
        else:
            texts = [
                _one_line(str(v)) if v == v and v is not None and str(v).strip() else k
                for k, v in zip(keys, data[column], strict=True)
            ]
    order = np.argsort(-data.geometry.area.to_numpy(), kind="stable")
    effects = [patheffects.withStroke(linewidth=2.2, foreground="white")]
    fig = ax.figure
    renderer = _renderer(fig)
    to_px = ax.transData.transform
    placed = np.empty((0, 4))  # x0, y0, x1, y1 of the labels placed, in pixels
    visible = []
    for i in order:
        geom = data.geometry.iloc[i]
        anchors = _anchors(geom)
        t = ax.text(
            anchors[0].x,
            anchors[0].y,
            "",
            ha="center",
            va="center",
            fontsize=size,
            path_effects=effects,
            zorder=15,
            gid="district_label",
            linespacing=0.95,
            color="#1a1a1a",
        )
        variants = label_variants(texts[i])
        if texts[i] != keys[i]:
            variants.append(keys[i])
        spot = None
        for variant in variants:
            t.set_text(variant)
            t.set_position((0.0, 0.0))
            ext = t.get_window_extent(renderer=renderer)
            w, h = ext.width * 1.02, ext.height * 1.05
            for pt in anchors:
                px, py = to_px((pt.x, pt.y))
                box = (px - w / 2, py - h / 2, px + w / 2, py + h / 2)
                if not np.any(
                    (box[0] < placed[:, 2]) & (placed[:, 0] < box[2])
                    & (box[1] < placed[:, 3]) & (placed[:, 1] < box[3])
                ):
                    spot = (variant, pt, box)
                    break
            if spot:
                break
        if spot is None:
            t.set_visible(False)
            continue
        variant, pt, box = spot
        t.set_text(variant)
        t.set_position((pt.x, pt.y))
        placed = np.vstack([placed, box])
        visible.append(t)
    return visible


def add_overlay(ax, overlay: gpd.GeoDataFrame, crs, lang: str = "de", name: str | None = None):
    """Draw a higher level's boundaries over the map; returns the legend handle."""
    if overlay.crs is None:
        raise CRSError.from_key("maps.overlay_no_crs")
    shown = overlay.to_crs(crs) if overlay.crs != crs else overlay
    shown.boundary.plot(ax=ax, color="#252525", linewidth=1.4, zorder=12, gid="overlay")
    label = text("maps.overlay", lang, name=name or text("maps.overlay_default", lang))
    return Line2D([], [], color="#252525", linewidth=1.4), label


#: Page margins (inches) and the gap between map, legend and texts.
MARGIN_IN = 0.35
GAP_IN = 0.18


def _fig_box(fig, artist, renderer):
    """The extent of an artist in figure fractions."""
    return artist.get_window_extent(renderer=renderer).transformed(fig.transFigure.inverted())


def _renderer(fig):
    get = getattr(fig.canvas, "get_renderer", None)
    return get() if get is not None else fig._get_renderer()


def _map_extent(bounds, geometry, axes_w_in: float, axes_h_in: float):
    """Padded data extent (x0, y0, x1, y1) with room for the scale bar (lower left) and the
    north arrow (upper right) where they would cover an area."""
    xmin, ymin, xmax, ymax = bounds
    pad = 0.02 * max(xmax - xmin, ymax - ymin)
    x0, y0, x1, y1 = xmin - pad, ymin - pad, xmax + pad, ymax + pad
    shape = _union(geometry)
    w, h = x1 - x0, y1 - y0
    # the scale bar with its labels: SCALE_BAR_TOP of the height, a third of the width
    top = SCALE_BAR_TOP + 0.16 / max(axes_h_in, 1.0)
    if shape.intersects(box(x0, y0, x0 + 0.36 * w, y0 + top * h)):
        y0 = y1 - h / (1 - top)
    # the north arrow: the top right 8 % of the width, 17 % of the height
    if shape.intersects(box(x1 - 0.08 * w, y1 - 0.17 * h, x1, y1)):
        x1 = x0 + w / 0.92
    return x0, y0, x1, y1


#: The union of the areas of the maps drawn last, by the digest of their WKB (a page asks
#: four times while it is laid out; every map of a level has the same areas).
_UNIONS: dict[bytes, object] = {}


def _union(geometry):
    key = hashlib.blake2b(b"".join(shapely.to_wkb(geometry.to_numpy()))).digest()
    if key not in _UNIONS:
        if len(_UNIONS) >= 8:
            _UNIONS.clear()
        _UNIONS[key] = geometry.union_all()
    return _UNIONS[key]


def _fit(extent, region, fig_w: float, fig_h: float):
    """The largest box (figure fractions) of the extent's aspect in `region` (top left)."""
    x0, y0, x1, y1 = extent
    left, bottom, right, top = region
    rw, rh = (right - left) * fig_w, (top - bottom) * fig_h
    if rw <= 0 or rh <= 0:
        return None
    s = min(rw / (x1 - x0), rh / (y1 - y0))
    w, h = (x1 - x0) * s / fig_w, (y1 - y0) * s / fig_h
    return left, top - h, w, h


def legend_text(label: str, width: int = 30) -> str:
    r"""A legend entry wrapped to about `width` characters, before a bracket or after a colon
    where possible, so that the legend and not the map gives way.

    >>> legend_text("keine Angabe (zu wenige Einwohner) (1)")
    'keine Angabe\n(zu wenige Einwohner) (1)'
    """
    if len(label) <= width or "\n" in label:
        return label
    bracket = label.find(" (")
    if 8 <= bracket <= width + 4 and len(label) - bracket > 6:  # never the count alone
        head, rest = label[:bracket], label[bracket + 1 :]
    elif 0 < label.find(": ") <= width:
        colon = label.find(": ")
        head, rest = label[: colon + 1], label[colon + 2 :]
    else:
        return "\n".join(_words(label, width)) or label
    return head + "\n" + "\n".join(_words(rest, width + 4))


def _words(text_: str, width: int) -> list[str]:
    """Lines of at most about `width` characters, broken at spaces only."""
    return textwrap.wrap(text_, width, break_on_hyphens=False, break_long_words=False)


def finish_page(fig: Figure, p: Page, ax, data, handles, labels, legend_title, title,
                subtitle, stand, source, lang) -> None:
    """Lay out a standalone map page: title, subtitle (default: "Stand: <Stichtag>") and
    source line, the legend, and the map as large as the page allows.

    The legend goes right of the map or below it, whichever leaves the larger map; the map
    keeps its aspect, starts under the titles and the legend follows its edge. The scale bar
    and the north arrow get room outside the areas only where they would cover one.
    """
    if subtitle is None and stand:
        subtitle = text("maps.stand", lang, stichtag=stand)
    add_page_texts(fig, p, title, subtitle, source)
    leg = fig.legend(
        handles,
        [legend_text(t) for t in labels],
        title="\n".join(legend_text(line, 42) for line in (legend_title or "").split("\n"))
        or None,
        loc="upper left",
        bbox_to_anchor=(0.0, 1.0),
        frameon=False,
        fontsize=8.5,
        title_fontsize=9,
        alignment="left",
        handlelength=2.2,
        handleheight=1.5,
        borderaxespad=0.0,
        borderpad=0.0,
    )
    fw, fh = fig.get_size_inches()
    mx, my, gx, gy = MARGIN_IN / fw, MARGIN_IN / fh, GAP_IN / fw, GAP_IN / fh
    r = _renderer(fig)
    top, bottom = 1 - my, my
    for t in fig.texts:
        box = _fig_box(fig, t, r)
        if t.get_gid() in ("title", "subtitle"):
            top = min(top, box.y0 - gy)
        elif t.get_gid() == "source":
            bottom = max(bottom, box.y1 + gy)
    lbox = _fig_box(fig, leg, r)
    lw, lh = lbox.width, lbox.height
    best = None
    for where, region in (
        ("right", (mx, bottom, 1 - mx - lw - gx, top)),
        ("below", (mx, bottom + lh + gy, 1 - mx, top)),
    ):
        first = _fit(_map_extent(data.total_bounds, data.geometry, 1.0, 1.0), region, fw, fh)
        if first is None:
            continue
        extent = _map_extent(data.total_bounds, data.geometry, first[2] * fw, first[3] * fh)
        fit = _fit(extent, region, fw, fh)
        if best is None or fit[2] * fit[3] > best[1][2] * best[1][3]:
            best = (where, fit, extent)
    where, (x, y, w, h), (x0, y0, x1, y1) = best
    ax.set_position((x, y, w, h))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    if where == "right":
        leg.set_bbox_to_anchor((x + w + gx, y + h), transform=fig.transFigure)
    else:
        leg.set_bbox_to_anchor((x, y - gy), transform=fig.transFigure)
    fig.sozialraum_layout = where  # for tests: where the legend went


def add_page_texts(fig: Figure, p: Page, title, subtitle, source) -> None:
    """Title, subtitle and the source line of a page (a title wider than the page is set
    smaller, down to 11 pt)."""
    fw, fh = fig.get_size_inches()
    left, width = MARGIN_IN / fw, 1 - 2 * MARGIN_IN / fw
    top = 1 - MARGIN_IN / fh
    if title:
        t = fig.text(left, top, title, fontsize=15, fontweight="bold", va="top", gid="title")
        r = _renderer(fig)
        while _fig_box(fig, t, r).width > width and t.get_fontsize() > 11:
            t.set_fontsize(t.get_fontsize() - 0.5)
        top = _fig_box(fig, t, r).y0 - 0.08 / fh
    if subtitle:
        fig.text(
            left, top, subtitle, fontsize=10.5, va="top", color="#333333", gid="subtitle"
        )
    if source:
        fig.text(
            left,
            MARGIN_IN / fh,
            source,
            fontsize=6.5,
            va="bottom",
            color="#444444",
            gid="source",
            wrap=True,
        )
