"""Map furniture for the static maps: page layout, scale bar, north arrow, labels, texts."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from sozialraum._text import format_number, text
from sozialraum._util.choices import check_choice
from sozialraum.errors import CRSError, DuplicateKeyError, GeometryError, Listed

LAYOUTS: tuple[str, ...] = ("A4 landscape", "A4 portrait")
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


def agg_figure(size: tuple[float, float]) -> Figure:
    """A Figure with an Agg canvas (needed to measure label extents)."""
    # Agg canvas directly: no pyplot, so the user's backend (Jupyter inline) stays untouched
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(fig)
    return fig


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
    pos = ax.get_position()
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
    left, bottom = x0 + 0.03 * (x1 - x0), y0 + 0.035 * (y1 - y0)
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


def add_labels(ax, data: gpd.GeoDataFrame, labels, fontsize: float | None = None) -> list:
    """District labels (name or key) with a white halo; overlapping ones are hidden.

    Larger districts are labelled first; a label that would overlap an
    earlier one is hidden (set invisible), so the remaining ones stay readable.
    Returns the visible text artists.
    """
    if labels is None:
        return []
    n = len(data)
    size = fontsize if fontsize is not None else label_fontsize(n)
    if size is None:
        return []
    if labels == "key":
        texts = [str(k) for k in data.index]
    else:
        column = "name" if labels == "name" else labels
        if column not in data.columns:
            texts = [str(k) for k in data.index]
        else:
            texts = [
                str(v) if v == v and v is not None else str(k)
                for k, v in zip(data.index, data[column], strict=True)
            ]
    points = data.geometry.representative_point()
    order = np.argsort(-data.geometry.area.to_numpy())
    effects = [patheffects.withStroke(linewidth=2.2, foreground="white")]
    artists = []
    for i in order:
        pt = points.iloc[i]
        artists.append(
            ax.text(
                pt.x,
                pt.y,
                _wrap(_one_line(texts[i])),
                ha="center",
                va="center",
                fontsize=size,
                path_effects=effects,
                zorder=15,
                gid="district_label",
                linespacing=0.95,
                color="#1a1a1a",
            )
        )
    fig = ax.figure
    get = getattr(fig.canvas, "get_renderer", None)
    renderer = get() if get is not None else fig._get_renderer()
    keys = [_one_line(str(data.index[i])) for i in order]
    placed = []
    visible = []
    for t, key in zip(artists, keys, strict=True):
        box = t.get_window_extent(renderer=renderer).expanded(1.02, 1.05)
        if any(box.overlaps(b) for b in placed) and t.get_text() != key:
            t.set_text(key)  # a long name does not fit: try the short key instead
            box = t.get_window_extent(renderer=renderer).expanded(1.02, 1.05)
        if any(box.overlaps(b) for b in placed):
            t.set_visible(False)
            continue
        placed.append(box)
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


def finish_page(fig: Figure, p: Page, handles, labels, legend_title, title, subtitle, stand,
                source, lang) -> None:
    """The page legend (right of the map), title, subtitle (default: "Stand: <Stichtag>")
    and source line of a standalone map page."""
    fig.legend(
        handles,
        labels,
        title=legend_title,
        loc="upper left",
        bbox_to_anchor=p.legend_anchor,
        frameon=False,
        fontsize=8.5,
        title_fontsize=9,
        alignment="left",
        handlelength=2.2,
        handleheight=1.5,
    )
    if subtitle is None and stand:
        subtitle = text("maps.stand", lang, stichtag=stand)
    add_page_texts(fig, p, title, subtitle, source)


def add_page_texts(fig: Figure, p: Page, title, subtitle, source) -> None:
    """Title, subtitle and the source line of a page."""
    if title:
        fig.text(
            0.03 if p.size[0] > p.size[1] else 0.05,
            p.title_y,
            title,
            fontsize=15,
            fontweight="bold",
            va="top",
            gid="title",
        )
    if subtitle:
        fig.text(
            0.03 if p.size[0] > p.size[1] else 0.05,
            p.subtitle_y,
            subtitle,
            fontsize=10.5,
            va="top",
            color="#333333",
            gid="subtitle",
        )
    if source:
        fig.text(
            0.03 if p.size[0] > p.size[1] else 0.05,
            p.source_y,
            source,
            fontsize=6.5,
            va="bottom",
            color="#444444",
            gid="source",
            wrap=True,
        )
