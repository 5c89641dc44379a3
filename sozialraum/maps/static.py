"""Print-ready static maps (matplotlib, Agg backend): choropleths, small multiples, export.

The figures are A4 pages (landscape or portrait) with a German legend (class
bounds, number of areas per class, classification method), a neutral hatched
entry for hidden values, a metric scale bar, a north arrow, district labels,
an optional overlay of a higher level and a source and licence line.
"""

from __future__ import annotations

import collections
import dataclasses
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

from sozialraum._text import text
from sozialraum._util.choices import check_choice
from sozialraum._util.files import atomic_path
from sozialraum.errors import ConfigError, OutputExistsError
from sozialraum.maps import _furniture as fur
from sozialraum.maps.style import (
    EDGE_COLOR,
    MISSING_COLOR,
    MISSING_HATCHES,
    WORST_HATCH,
    Breaks,
    Classification,
    classification_colors,
    classify,
    default_palette,
    display_values,
    reason_text,
    shared_breaks,
    source_line,
    stichtag_text,
)

__all__ = ["plot_choropleth", "plot_small_multiples", "save_figure"]

FORMATS: tuple[str, ...] = ("png", "pdf", "svg")


def _check_lang(lang: str) -> str:
    return check_choice("lang", lang, ("de", "en"))


def draw_polygons(
    ax,
    frame: gpd.GeoDataFrame,
    color: str,
    *,
    hatch=None,
    gid=None,
    linewidth=0.35,
    edgecolor: str = EDGE_COLOR,
    hatchcolor: str = "#3a3a3a",
):
    """Draw `frame`'s polygons in one colour as one collection (with a gid for tests).

    Drawn as ``GeoSeries.plot`` draws polygons (normalised rings, one path per area, equal
    aspect, axis labels from the CRS), without its per-call overhead: geopandas defines a
    collection class and registers a legend handler on every call (demo city: 144 calls,
    0.8 s of 24 s CPU for the maps under cProfile). Anything but (multi)polygons goes
    through ``GeoSeries.plot`` itself.
    """
    if len(frame) == 0:
        return None
    geoms = shapely.normalize(frame.geometry.to_numpy())
    kinds = shapely.get_type_id(geoms)
    if not np.isin(kinds, (3, 6)).all():  # not only Polygon / MultiPolygon
        n_before = len(ax.collections)
        frame.geometry.plot(ax=ax, color=color, edgecolor=edgecolor, linewidth=linewidth,
                            hatch=hatch)
        coll = ax.collections[n_before]
    else:
        _axis_labels(ax, frame.crs)
        ax.set_aspect("equal")
        coll = PatchCollection([PathPatch(_polygon_path(g)) for g in geoms], facecolor=color,
                               edgecolor=edgecolor, linewidth=linewidth, hatch=hatch)
        ax.add_collection(coll, autolim=True)
        ax.autoscale_view()
    if hatch:
        coll.set_hatchcolor(hatchcolor)
        coll.set_hatch_linewidth(0.6)
    coll.set_gid(gid)
    return coll


def _polygon_path(polygon) -> MplPath:
    """One compound path of a (multi)polygon's rings, exterior then holes, per part."""
    parts = getattr(polygon, "geoms", [polygon])
    paths = []
    for part in parts:
        paths.append(MplPath(np.asarray(part.exterior.coords)[:, :2], closed=True))
        paths.extend(MplPath(np.asarray(r.coords)[:, :2], closed=True) for r in part.interiors)
    return MplPath.make_compound_path(*paths)


def _axis_labels(ax, crs) -> None:
    """The axis labels ``GeoSeries.plot`` sets (the maps switch their axes off)."""
    if crs:
        x_label = f"{crs.axis_info[0].name} [{crs.axis_info[0].unit_name}]"
        y_label = f"{crs.axis_info[1].name} [{crs.axis_info[1].unit_name}]"
        if crs.axis_info[0].direction == "north":
            x_label, y_label = y_label, x_label
    else:
        x_label, y_label = "x", "y"
    if ax.get_xlabel() == "":
        ax.set_xlabel(x_label, fontsize="small")
    if ax.get_ylabel() == "":
        ax.set_ylabel(y_label, fontsize="small")


def legend_patch(color: str, hatch: str | None = None) -> Patch:
    """A legend square drawn like the districts of that class."""
    patch = Patch(facecolor=color, edgecolor=EDGE_COLOR, linewidth=0.5, hatch=hatch)
    if hatch:
        patch.set_hatchcolor("#3a3a3a")
        patch.set_hatch_linewidth(0.6)
    return patch


def missing_labels(reasons: pd.Series, lang: str) -> list[str]:
    """The reason texts of hidden values, in the order :func:`draw_missing` hatches them."""
    hidden = reasons.dropna()
    return list(dict.fromkeys(reason_text(r, lang) for r in hidden.unique()))


def draw_missing(ax, data, reasons: pd.Series, lang: str, order: Sequence[str] | None = None
                 ) -> tuple[list, list]:
    """Neutral hatched districts for hidden values, one legend entry per reason text.

    `order`: reason texts whose position gives each its hatch (small multiples with one
    legend: the same hatch for a reason on every panel); default the order found here.
    """
    handles, labels = [], []
    hidden = reasons.dropna()
    texts = {r: reason_text(r, lang) for r in hidden.unique()}
    present = missing_labels(reasons, lang)
    order = list(order) + [t for t in present if t not in order] if order else present
    for label in [t for t in order if t in present]:
        j = order.index(label)
        keys = [k for k, r in hidden.items() if texts[r] == label]
        draw_polygons(ax, data.loc[keys], MISSING_COLOR, hatch=_missing_hatch(j),
                      gid=f"missing_{j}", hatchcolor="#8c8c8c")
        handles.append(_missing_patch(j))
        labels.append(f"{label} ({len(keys)})")
    return handles, labels


def _missing_hatch(j: int) -> str:
    return MISSING_HATCHES[j % len(MISSING_HATCHES)]


def _missing_patch(j: int) -> Patch:
    """The legend patch of the `j`-th reason of hidden values (see :func:`draw_missing`)."""
    patch = legend_patch(MISSING_COLOR, _missing_hatch(j))
    patch.set_hatchcolor("#8c8c8c")
    return patch


def draw_classified(
    ax, data, values, reasons, c: Classification, colors: list[str], worst: str | None, lang: str,
    missing_order: Sequence[str] | None = None,
) -> tuple[list, list]:
    """Draw the classes of `c` and the hidden values; return legend handles and labels."""
    # a map without differences has no worst class to hatch
    worst_index = None if c.scheme == "uniform" else {"high": c.k - 1, "low": 0, None: None}[worst]
    handles, labels = [], []
    for i in range(c.k):
        hatch = WORST_HATCH if i == worst_index else None
        draw_polygons(ax, data.loc[c.classes == i], colors[i], hatch=hatch, gid=f"class_{i}")
        handles.append(legend_patch(colors[i], hatch))
    labels = c.legend_labels(lang)
    mh, ml = draw_missing(ax, data, reasons, lang, missing_order)
    return handles + mh, labels + ml


def make_legend_title(column_label: str, c: Classification, lang: str) -> str:
    lines = [column_label, text("maps.legend.method", lang, method=c.method)]
    lines += list(c.notes)
    lines.append(text("maps.legend.count", lang))
    return "\n".join(lines)


def plot_choropleth(
    data: gpd.GeoDataFrame,
    column: str,
    scheme: str = "quantiles",
    k: int = 5,
    *,
    breaks: Breaks | Sequence[float] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    stichtag: object = None,
    source: str | None = None,
    geometry_source: str | None = None,
    licence: str | None = None,
    labels: str | None = "name",
    overlay: gpd.GeoDataFrame | None = None,
    overlay_name: str | None = None,
    unit: str | None = None,
    palette: str | None = None,
    worst: str | None = "high",
    legend_title: str | None = None,
    lang: str = "de",
    layout: str = "A4 landscape",
    ax=None,
    legend_ax=None,
    legend: bool = True,
    missing_order: Sequence[str] | None = None,
) -> Figure:
    """Draw a classified choropleth map of one column on an A4 page.

    Parameters
    ----------
    data : geopandas.GeoDataFrame
        Districts in a projected CRS in metres (EPSG:25832/25833), indexed by key.
    column : str
        The numeric column to map (a rate, an index score, a z-value). A
        companion ``column__reason`` marks hidden values (they get a neutral
        hatched patch and their own legend entry; classification uses the
        valid values only).
    scheme : {"quantiles", "fisher_jenks", "equal_interval", "std_mean", "user_defined"}
    k : int, default 5
        Number of classes.
    breaks : Breaks or sequence of float, optional
        Fixed upper class bounds, e.g. ``shared_breaks([df2019, df2024], column)``
        so that maps of several Stichtage are comparable.
    title, subtitle : str, optional
        The subtitle defaults to "Stand: <Stichtag>" (from `stichtag` or the
        single value of the ``Stichtag`` column).
    source, geometry_source, licence : str, optional
        Printed as "Datenquelle: <source>, Stand <Stichtag>; Geometrie: <geometry_source>,
        <licence>".
    labels : {"name", "key", None} or column name
        District labels (white halo; overlapping labels are left out).
    overlay : geopandas.GeoDataFrame, optional
        Boundaries of a higher level drawn on top (e.g. Stadtteile over Sozialräume).
    unit : str, optional
        Unit appended to the class bounds (``"%"``).
    palette : str, optional
        ColorBrewer palette: "YlOrRd" (default), "Reds", "Blues" ... or "RdBu_r"
        (default for ``std_mean``: diverging for z-values).
    worst : {"high", "low", None}
        Which end is the worst class; it gets a hatch besides its colour.
    lang : {"de", "en"}
    layout : {"A4 landscape", "A4 portrait"}
    ax : matplotlib Axes, optional
        Draw into an existing axes (no page texts; the legend goes below the map).
    legend_ax : matplotlib Axes, optional
        With `ax`: an axes that holds the legend instead (it is switched off).
    legend : bool, default True
        With `ax`: False draws no legend (small multiples with one legend for all); its
        entries are in ``fig.sozialraum_legend`` (handles, texts, title) either way.
    missing_order : list of str, optional
        Reason texts of hidden values in the order that gives each its hatch (small
        multiples with one legend: the same hatch for a reason on every panel).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import sozialraum as sr
    >>> g = sr.datasets.musterstadt()  # doctest: +SKIP
    >>> g["ew_u6_anteil"] = 100 * g["EW_U6"] / g["EW"]  # doctest: +SKIP
    >>> fig = sr.plot_choropleth(g, "ew_u6_anteil", unit="%")  # doctest: +SKIP
    """
    lang = _check_lang(lang)
    worst = check_choice("worst", worst, ("high", "low", None)) if worst is not None else None
    fur.check_projected(data)
    values, reasons = display_values(data, column)
    c = classify(values, scheme, k, breaks=breaks, unit=unit, lang=lang, column=column)
    pal = default_palette(c.scheme, palette)
    colors = classification_colors(pal, c)

    if ax is None:
        fig, p = fur.new_figure(layout)
        ax = fig.add_axes(p.map_rect)
        standalone = True
    else:
        fig, p, standalone = ax.figure, None, False
    handles, texts = draw_classified(ax, data, values, reasons, c, colors, worst, lang,
                                     missing_order)
    if overlay is not None:
        h, t = fur.add_overlay(ax, overlay, data.crs, lang, overlay_name)
        handles.append(h)
        texts.append(t)
    ltitle = make_legend_title(legend_title or column, c, lang)
    fig.sozialraum_legend = (list(handles), list(texts), ltitle)
    stand = stichtag_text(data, stichtag)
    if standalone:
        fur.finish_page(
            fig, p, ax, data, handles, texts, ltitle, title or legend_title or column, subtitle,
            stand, source_line(source, stand, geometry_source, licence, lang), lang,
        )
    else:
        fur.set_extent(ax, data.total_bounds)
        host = legend_ax if legend_ax is not None else ax
        if legend_ax is not None:
            legend_ax.set_axis_off()
        if legend:
            host.legend(
                handles,
                texts,
                title=ltitle,
                loc="upper left",
                bbox_to_anchor=(0.0, 1.0) if legend_ax is not None else (0.0, 0.0),
                frameon=False,
                fontsize=6.5,
                title_fontsize=7,
                alignment="left",
            )
        if title:
            ax.set_title(title, fontsize=9, loc="left")
    fur.add_scale_bar(ax, lang, fontsize=7 if standalone else 5.5)
    fur.add_north_arrow(ax, lang, size=10 if standalone else 7)
    fur.add_labels(ax, data, labels)
    fig.sozialraum_classification = c  # for callers and tests: the classes drawn
    return fig


#: Small multiples: the page's frame for the panels (figure fractions) and the height
#: of a legend below its map (inches: title lines and up to about seven classes).
_PANELS_LEFT, _PANELS_RIGHT, _PANELS_TOP, _PANELS_BOTTOM = 0.04, 0.97, 0.87, 0.05
_PANEL_LEGEND_IN = 1.65


def _legend_height(k: int, n_missing: int, title_lines: int = 4) -> float:
    """Inches a panel's legend needs: title lines and one line per class and reason
    (0.14 in a line at 6.5-7 pt), at least :data:`_PANEL_LEGEND_IN` (found in review:
    nine classes and two reasons ran into the next row's map and off the page)."""
    return max(_PANEL_LEGEND_IN, 0.14 * (title_lines + k + n_missing) + 0.1)


#: Between the rows of the grid (inches): room for the next panel's title under a legend,
#: and under a map's scale bar where one legend serves all panels.
_PANEL_GAP_IN = 0.3
_PANEL_GAP_ONE_LEGEND_IN = 0.45


def _row_gap(legend_h: float) -> float:
    return _PANEL_GAP_IN if legend_h else _PANEL_GAP_ONE_LEGEND_IN


def _grid_bottom(legend_h: float) -> float:
    # a map in the last row (one legend for all) keeps its scale bar off the source line
    return _PANELS_BOTTOM if legend_h else 0.085


def _panels_ratio(panels) -> float:
    """Height / width of the panels' map boxes: the areas with set_extent's margins."""
    bounds = np.array([f.total_bounds for f, _ in panels], dtype=float)
    if not np.isfinite(bounds).any():
        return 0.75  # no finite bounds at all: a box of the old proportions
    x0, y0 = np.nanmin(bounds[:, :2], axis=0)
    x1, y1 = np.nanmax(bounds[:, 2:], axis=0)
    w, h = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
    pad = 0.03 * max(w, h)
    return (h * 1.10 + 2 * pad) / (w + 2 * pad)  # the scale bar's margin included


_PANEL_WSPACE = 0.12


def _map_height(size, ratio: float, ncols: int, nrows: int, legend_h: float) -> float:
    """The height of each panel's map (inches) in a grid of `ncols` x `nrows` panels, each
    with `legend_h` inches of legend below its map (0: no legend rows)."""
    fig_w, fig_h = size
    panel_w = (_PANELS_RIGHT - _PANELS_LEFT) * fig_w / (ncols + _PANEL_WSPACE * (ncols - 1))
    rows_h = (_PANELS_TOP - _grid_bottom(legend_h)) * fig_h
    rows = 2 * nrows if legend_h else nrows
    gaps = (rows - 1) * _row_gap(legend_h)  # below each map and each legend but the last
    # height-limited (several rows, a tall city): what fits; never below a quarter row
    map_h = min(panel_w * ratio, (rows_h - gaps) / nrows - legend_h)
    return max(map_h, 0.25 * rows_h / nrows)


def _panel_grid(size, panels, ncols: int, nrows: int, legend_h: float = _PANEL_LEGEND_IN
                ) -> dict:
    """Grid parameters that give each panel's map the height its areas need.

    A map row as tall as the page allows left a wide city small in the middle of a tall
    box, its north arrow and scale bar far away and a band of white between map and
    legend (the demo's monitoring pages: two thirds of each panel white). The height of
    a map row is the panel width times the shape of the areas (with the margins of
    :func:`~sozialraum.maps._furniture.set_extent`), at most what the page has; the
    panels start under the page title (as a report's figure does; centred on the page,
    tried on the demo, they drifted away from their title), what is left stays below.
    With `legend_h` 0 the grid has map rows only (one legend for all, in a free cell).
    """
    fig_h = size[1]
    map_h = _map_height(size, _panels_ratio(panels), ncols, nrows, legend_h)
    rows = 2 * nrows if legend_h else nrows
    used = nrows * (map_h + legend_h) + (rows - 1) * _row_gap(legend_h)
    bottom = max(_grid_bottom(legend_h), _PANELS_TOP - used / fig_h)
    # matplotlib's hspace is a fraction of the mean row height; when `used` does not fit
    # (very many rows) the grid shrinks everything alike
    mean_row = (map_h + legend_h) / 2 if legend_h else map_h
    ratios = [map_h, legend_h] * nrows if legend_h else [map_h] * nrows
    return dict(left=_PANELS_LEFT, right=_PANELS_RIGHT, top=_PANELS_TOP, bottom=bottom,
                hspace=_row_gap(legend_h) / mean_row, wspace=_PANEL_WSPACE,
                height_ratios=ratios)


#: What one legend for all panels needs of its free cells (inches): the class bounds
#: with a count per panel, and a title of four lines over up to nine classes and the
#: reasons of withheld values.
_ONE_LEGEND_W_IN, _ONE_LEGEND_H_IN = 3.0, 2.4


def _one_legend_grid(size, panels, ncols: int, legend_h: float = _PANEL_LEGEND_IN
                     ) -> tuple[int, int] | None:
    """(ncols, nrows) of a grid with free cells for one legend of all panels, where its
    maps come out taller than with a legend below each map and the legend fits; else
    None.

    Three Stichtage of a wide city side by side on an A4 landscape page were maps 2.2 in
    tall above their legends, half of the page white (the demo's monitoring page); two
    columns with the legend in the fourth cell give maps 3.1 in tall. A full grid gets
    one more row for the legend (six panels of a wide city on A4 portrait: two columns,
    four rows). The free cells of the last row must hold the legend (found in review:
    one narrow free cell of four or five columns cut the legend off at the page edge).
    """
    n = len(panels)
    ratio = _panels_ratio(panels)
    fig_w = size[0]
    best = _map_height(size, ratio, ncols, math.ceil(n / ncols), legend_h)
    choice = None
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        if rows * cols == n:
            rows += 1  # a row of its own for the legend
        free = rows * cols - n
        cell_w = (_PANELS_RIGHT - _PANELS_LEFT) * fig_w / (cols + _PANEL_WSPACE * (cols - 1))
        h = _map_height(size, ratio, cols, rows, 0.0)
        if free * cell_w < _ONE_LEGEND_W_IN or h < max(_ONE_LEGEND_H_IN, legend_h + 0.3):
            continue
        if h > best * 1.05:
            best, choice = h, (cols, rows)
    return choice


def _shared_legend(ax, classes: list[Classification], class_handles: list, withheld,
                   order: list[str], title: str, titles, lang: str) -> None:
    """One legend for panels with the same classes: each class once (its bounds as the
    panel with the most decimals prints them), with its number of areas in every panel
    ("(8 / 5 / 3)", in the order of the panels); withheld values once per reason, with
    the hatch :func:`draw_missing` gave it (`order`, `withheld`: each panel's reasons)."""
    shown = max(classes, key=lambda c: c.decimals)
    handles = list(class_handles)
    texts = [f"{label} ({' / '.join(str(c.counts[i]) for c in classes)})"
             for i, label in enumerate(shown.labels)]
    per_panel = [collections.Counter(reason_text(r, lang) for r in w.dropna()) for w in withheld]
    for j, label in enumerate(order):
        handles.append(_missing_patch(j))
        texts.append(f"{label} ({' / '.join(str(n[label]) for n in per_panel)})")
    head = title.rsplit("\n", 1)[0]  # without "(Anzahl Gebiete)": said per panel below
    # the panels by the start of their titles ("31.12.2019 (auf heutige Grenzen
    # umgerechnet)": the day); in their order where that is too long for the legend
    short = " / ".join(str(t).split(" (")[0].strip() for t in titles)
    head += "\n" + (text("maps.legend.count_panels", lang, panels=short) if len(short) <= 48
                    else text("maps.legend.count_order", lang))
    ax.set_axis_off()
    ax.legend(handles, texts, title=head, loc="upper left", bbox_to_anchor=(0.0, 1.0),
              frameon=False, fontsize=7.5, title_fontsize=8, alignment="left")


def plot_small_multiples(
    data: gpd.GeoDataFrame | Mapping[str, gpd.GeoDataFrame] | Sequence[gpd.GeoDataFrame],
    columns: str | Sequence[str],
    scheme: str = "quantiles",
    k: int = 5,
    *,
    shared: bool | None = None,
    titles: Sequence[str] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    geometry_source: str | None = None,
    licence: str | None = None,
    unit: str | None = None,
    palette: str | None = None,
    labels: str | None = None,
    legend_title: str | None = None,
    ncols: int | None = None,
    lang: str = "de",
    layout: str = "A4 landscape",
) -> Figure:
    """Several maps on one page: several indicators, or one indicator at several Stichtage.

    Parameters
    ----------
    data : GeoDataFrame, or a mapping / list of GeoDataFrames
        One frame and a list of `columns` (several indicators), or several
        frames (e.g. ``{"2019": g2019, "2024": g2024}``) and one column.
    columns : str or list of str
    shared : bool, optional
        Same class bounds in every panel. Default: True for several frames
        (years stay comparable), False for several indicators.
    titles : list of str, optional
        Panel titles (default: the mapping keys, the Stichtag or the column).
    legend_title : str, optional
        First line of the legends (default: the column name).
    ncols : int, optional
        Columns of the grid; given, each panel has its legend below its map. Without
        it, panels of one column with the same classes get one legend in free cells of
        the grid where that makes the maps larger (``fig.sozialraum_legend``: its
        handles, texts and title), otherwise a legend each.

    Examples
    --------
    >>> years = {"2019": g19, "2024": g24}  # doctest: +SKIP
    >>> fig = plot_small_multiples(years, "sgb2_quote", unit="%")  # doctest: +SKIP
    """
    lang = _check_lang(lang)
    if isinstance(data, gpd.GeoDataFrame):
        cols = [columns] if isinstance(columns, str) else list(columns)
        panels = [(data, col) for col in cols]
        default_titles = cols
        shared = False if shared is None else shared
    else:
        if not isinstance(columns, str):
            raise ConfigError.from_key("maps.one_column")
        frames = list(data.values()) if isinstance(data, Mapping) else list(data)
        panels = [(f, columns) for f in frames]
        if isinstance(data, Mapping):
            default_titles = [str(key) for key in data]
        else:
            default_titles = [stichtag_text(f) or f"{i + 1}" for i, f in enumerate(frames)]
        shared = True if shared is None else shared
    if not panels:
        raise ConfigError.from_key("maps.no_panels")
    titles = list(titles) if titles is not None else default_titles
    if len(titles) != len(panels):
        raise ConfigError.from_key("maps.titles_count", n_titles=len(titles), n_panels=len(panels))
    breaks = None
    n = len(panels)
    if shared:
        breaks = shared_breaks([f for f, _ in panels], panels[0][1], scheme, k, lang=lang)
        if len({col for _, col in panels}) > 1:
            pooled = pd.concat([f[[col]].rename(columns={col: "_v"}) for f, col in panels])
            breaks = shared_breaks([pooled], "_v", scheme, k, lang=lang)
            # pooled into one frame: the note counts the maps, not the frame
            breaks = dataclasses.replace(breaks, note=text("maps.shared_note", lang, n=n))
    p = fur.page(layout)
    given_ncols = ncols
    ncols = ncols or (min(n, 3) if p.size[0] > p.size[1] else min(n, 2))
    nrows = math.ceil(n / ncols)
    # the same classes of one column everywhere: one legend in free cells where that gives
    # larger maps (several columns keep a legend each: each has its own title)
    same = shared and not given_ncols and len({col for _, col in panels}) == 1
    withheld = [display_values(f, col)[1] for f, col in panels]
    reasons = [missing_labels(w, lang) for w in withheld]
    k_shown = len(breaks.upper) if breaks is not None else k
    legend_h = _legend_height(k_shown, max(len(r) for r in reasons),
                              4 + (breaks is not None and breaks.note is not None))
    one = _one_legend_grid(p.size, panels, ncols, legend_h) if same else None
    missing_order = None
    if one is not None:  # one hatch per reason on every panel, as the one legend shows
        missing_order = list(dict.fromkeys(t for r in reasons for t in r))
        ncols, nrows = one
    fig = fur.agg_figure(p.size)
    if one is None:
        grid = fig.add_gridspec(2 * nrows, ncols,
                                **_panel_grid(p.size, panels, ncols, nrows, legend_h))
    else:
        grid = fig.add_gridspec(nrows, ncols, **_panel_grid(p.size, panels, ncols, nrows, 0.0))
    entries = []
    for i, ((frame, col), ptitle) in enumerate(zip(panels, titles, strict=True)):
        if one is None:
            row, colno = 2 * (i // ncols), i % ncols
            ax = fig.add_subplot(grid[row, colno])
            lax = fig.add_subplot(grid[row + 1, colno])
        else:
            ax, lax = fig.add_subplot(grid[i // ncols, i % ncols]), None
        plot_choropleth(
            frame,
            col,
            scheme,
            k,
            breaks=breaks,
            title=ptitle,
            unit=unit,
            palette=palette,
            labels=labels,
            lang=lang,
            ax=ax,
            legend_ax=lax,
            legend_title=legend_title or col,
            legend=one is None,
            missing_order=missing_order,
        )
        entries.append((fig.sozialraum_classification, *fig.sozialraum_legend))
    if one is not None:
        first_free = n - (nrows - 1) * ncols
        lax = fig.add_subplot(grid[nrows - 1, first_free:])  # the free cells of the last row
        classes = [c for c, _, _, _ in entries]
        _shared_legend(lax, classes, entries[0][1][:classes[0].k], withheld, missing_order,
                       entries[0][3], titles, lang)
        fig.sozialraum_legend = (lax.get_legend().legend_handles,
                                 [t.get_text() for t in lax.get_legend().get_texts()],
                                 lax.get_legend().get_title().get_text())
    stand = None if not isinstance(data, gpd.GeoDataFrame) else stichtag_text(data)
    sub = (
        subtitle
        if subtitle is not None
        else (text("maps.stand", lang, stichtag=stand) if stand else None)
    )
    fur.add_page_texts(
        fig, p, title, sub, source_line(source, stand, geometry_source, licence, lang)
    )
    return fig


def save_figure(
    fig: Figure,
    path: str | os.PathLike,
    formats: Sequence[str] | None = None,
    *,
    dpi: int = 300,
    force: bool = False,
) -> list[Path]:
    """Save a figure as PNG (300 dpi), PDF and/or SVG, atomically, never overwriting unasked.

    Parameters
    ----------
    path : path
        Target file. Its stem is used for every format; ``"karte"`` with the
        default formats writes karte.png, karte.pdf and karte.svg. A path with a
        suffix (``"karte.pdf"``) and no `formats` writes only that format.
    formats : sequence of {"png", "pdf", "svg"}, optional
    dpi : int, default 300
        Resolution of the PNG (PDF and SVG are vector graphics).
    force : bool, default False
        Replace existing files. Without it, nothing is written if any target exists.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if formats is None:
        formats = (suffix,) if suffix in FORMATS else FORMATS
    formats = [check_choice("format", f.lower().lstrip("."), FORMATS) for f in formats]
    stem = path.with_suffix("") if suffix in FORMATS else path
    targets = [stem.with_name(f"{stem.name}.{f}") for f in formats]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise OutputExistsError.from_key(
            "maps.file_exists", paths=", ".join(str(t) for t in existing)
        )
    metadata = {
        "png": {"Software": None},
        "pdf": {"CreationDate": None, "ModDate": None},
        "svg": {"Date": None},
    }
    import matplotlib  # lazy: matplotlib only when drawing

    # PDF fonts as Type 3 subsets (vector glyphs, embedded, print-ready): Type 42 subsetting
    # through fontTools took 0.35 s per PDF against 0.07 s (measured on the demo city)
    with matplotlib.rc_context({"svg.hashsalt": "sozialraum", "pdf.fonttype": 3}):
        for fmt, target in zip(formats, targets, strict=True):
            with atomic_path(target, force=force) as tmp:
                fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata[fmt])
    return targets
