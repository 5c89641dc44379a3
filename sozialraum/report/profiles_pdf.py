"""Private: the Sozialraumprofil of one area as a one-page A4 PDF (matplotlib, vector).

``[profiles] formats = ["pdf"]``. The content is the HTML page's
(:func:`~sozialraum.report.profiles.profile_content`: facts, published indicators
against the city, index class and hotspot results; a withheld value shows its reason),
the locator map at profile scale from the simplified display geometries (the extract
only, clipped, so a page stays a few dozen KB on a city of any size) and the line charts
of the ``[monitoring]`` series (:mod:`sozialraum.report.profile_charts`). The page
machinery is the Kommunalprofile's (:mod:`sozialraum.report.kommunalprofile_pdf`);
strings from the data are drawn as plain text (mathtext off).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import shapely

from sozialraum._text import text
from sozialraum._util.version import __version__
from sozialraum.report.kommunalprofile_pdf import (
    A4,
    draw_note,
    draw_table,
    page_context,
    save_page,
)
from sozialraum.report.profile_charts import INDEX, draw_chart, estimated_note, withheld_note
from sozialraum.report.profiles import locator_window, profile_content

#: charts on one page (rows of three); further series are named as being in the CSV
MAX_CHARTS = 6


def _patch(geoms, **style):
    """One matplotlib PathPatch of (multi)polygons (rings as closed sub-paths).

    Drawn directly instead of ``GeoSeries.plot``, which renders the whole figure on Agg
    after every layer (a quarter of a page's time)."""
    from matplotlib.patches import PathPatch  # lazy: matplotlib only when drawing
    from matplotlib.path import Path as MplPath  # lazy: matplotlib only when drawing

    verts, codes = [], []
    for geom in geoms:
        for poly in getattr(geom, "geoms", [geom]):
            if poly.is_empty or poly.geom_type != "Polygon":
                continue
            for ring in (poly.exterior, *poly.interiors):
                xy = np.asarray(ring.coords)[:, :2]
                verts.append(xy)
                codes.append([MplPath.MOVETO] + [MplPath.LINETO] * (len(xy) - 2)
                             + [MplPath.CLOSEPOLY])
    if not verts:
        return None
    return PathPatch(MplPath(np.concatenate(verts), np.concatenate(codes)), **style)


def _locator(ax, geoms, key) -> None:
    window, near = locator_window(geoms, key)
    clipped = shapely.clip_by_rect(near.to_numpy(), *window.bounds)
    others = [g for k, g in zip(near.index, clipped, strict=True) if k != key]
    for patch in (_patch(others, facecolor="#eeeeee", edgecolor="#999999", linewidth=0.4),
                  _patch([geoms.loc[key]], facecolor="#e6550d", edgecolor="#7f2704",
                         linewidth=0.9)):
        if patch is not None:
            ax.add_patch(patch)
    x0, y0, x1, y1 = window.bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color("#cccccc")
        spine.set_linewidth(0.5)


#: the height of a table row in figure coordinates (about 9.7 pt on A4)
_ROW = 0.0115


def _table_at(fig, top: float, heading: str, rows, header, widths, align) -> float:
    """A heading and a table hanging from `top` (figure coordinates, full width); returns
    the bottom of the table. :func:`draw_table` fills its axes from the top with rows of
    at most 0.085 of the axes' height, so the axes are made tall enough for `_ROW`."""
    fig.text(0.06, top, heading, fontsize=9, fontweight="bold")
    n = len(rows) + 2  # a header of up to two lines
    size = 6.0 if n <= 20 else 5.0
    row = _ROW if n <= 20 else 0.0085
    height = max(row * n, row / 0.085)
    ax = fig.add_axes((0.06, top - 0.008 - height, 0.88, height))
    end = draw_table(ax, rows, header, widths, size=size, align=align)
    return top - 0.008 - height * (1.0 - end)


def profile_pdf(cfg, results, key: str, geoms, path: Path, charts=None) -> Path:
    """Draw the Sozialraumprofil of `key` on one A4 page and save it as PDF at `path`.

    `geoms`: :func:`~sozialraum.report.profiles.display_geometries`; `charts`: the area's
    :class:`~sozialraum.report.profile_charts.Chart` list (None or empty: no charts).
    """
    import matplotlib.pyplot as plt  # lazy: matplotlib only when drawing

    lang = cfg.language
    t = lambda k, **v: text(k, lang, **v)  # noqa: E731
    c = profile_content(cfg, results, key)
    heading = f"{t('profile.title')}: {c.title}"
    with page_context():
        fig = plt.figure(figsize=A4)
        lines = textwrap.wrap(heading, 62, break_on_hyphens=False) or [heading]
        fig.text(0.06, 0.965, "\n".join(lines), fontsize=14 if len(lines) == 1 else 11,
                 fontweight="bold", va="bottom", linespacing=1.1)
        fig.text(0.06, 0.950, f"{c.level} · {t('profile.stichtag', stichtag=c.stichtag)}",
                 fontsize=8, va="top")

        _locator(fig.add_axes((0.06, 0.70, 0.36, 0.235)), geoms, key)
        draw_table(fig.add_axes((0.47, 0.80, 0.47, 0.135)),
                   [(k, v.text) for k, v in c.facts[1:]], (c.facts[0][0], c.facts[0][1].text),
                   [0.55, 0.45], align=["left", "right"])

        y = _table_at(fig, 0.675, t("profile.h.indicators"),
                      [(label, v.text, cv.text, diff) for label, v, cv, diff in c.indicators],
                      (t("profile.indicator"), t("profile.value"), t("profile.city"),
                       t("profile.diff")), [0.44, 0.24, 0.14, 0.18],
                      ["left", "right", "right", "right"])
        draw_note(fig, 0.06, y - 0.004, t("profile.city_note"), 160)
        y = _table_at(fig, y - 0.03, t("profile.h.index"),
                      [(k, v.text) for k, v in c.index[1:]],
                      (c.index[0][0], c.index[0][1].text) if c.index else ("", ""),
                      [0.35, 0.65], ["left", "left"])
        # the reading hints (which way each index runs), then the hot spot note; 5 pt
        # lines at 1.3 spacing are about 0.008 of the A4 page height each
        draw_note(fig, 0.06, y - 0.004, "\n".join([*c.hints, c.hotspot_note]), 160)
        y -= 0.03 + 0.008 * len(c.hints)

        if charts:
            _charts(fig, charts, y, lang)

        foot = [c.policy, t("profile.source", source=c.source),
                t("profile.made_with", version=__version__)]
        draw_note(fig, 0.06, 0.05, "\n".join(foot), 190)
        save_page(fig, path, heading)
    return path


def _charts(fig, charts, top: float, lang: str) -> None:
    """The line charts in rows of three between `top` and the foot of the page."""
    t = lambda k, **v: text(k, lang, **v)  # noqa: E731
    fig.text(0.06, top, t("profile.h.series"), fontsize=9, fontweight="bold")
    shown = charts[:MAX_CHARTS]
    n_rows = (len(shown) + 2) // 3
    bottom = 0.105
    row_h = min((top - 0.02 - bottom) / n_rows, 0.17)
    for i, ch in enumerate(shown):
        r, col = divmod(i, 3)
        x = 0.06 + col * 0.31
        y = top - 0.02 - (r + 1) * row_h
        ax = fig.add_axes((x + 0.035, y + 0.045, 0.235, row_h - 0.075))
        if any(v is not None for v in ch.values):
            draw_chart(ax, ch, lang)
        else:
            ax.set_axis_off()
            unit = f" ({ch.unit})" if ch.unit else ""
            ax.set_title(f"{ch.label}{unit}", fontsize=7, loc="left", pad=3)
        note = withheld_note(ch, lang)
        if note:
            draw_note(fig, x, y + 0.03, note, 62)
    notes = [t("profile.series_note")]
    if any(ch.column == INDEX for ch in shown):
        notes.append(t("profile.series_index_note"))
    if estimated_note(shown, lang):
        notes.append(estimated_note(shown, lang))
    if len(charts) > MAX_CHARTS:
        notes.append(t("profile.series_more", n=len(charts) - MAX_CHARTS))
    draw_note(fig, 0.06, top - 0.02 - n_rows * row_h + 0.005, " ".join(notes), 190)
