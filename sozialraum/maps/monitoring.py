"""Maps of monitoring over the years: change, trend and emerging hot spot patterns.

* :func:`plot_stichtage` draws one column of a panel on several Stichtage side by side
  with the same class bounds (:func:`~sozialraum.plot_small_multiples`), so the years
  are comparable.
* :func:`plot_change` maps a :class:`~sozialraum.ChangeResult` with a diverging
  palette centred on 0 (:func:`change_breaks`: symmetric classes, the middle one around
  0 in the neutral colour), withheld changes hatched with their reason, and the areas
  whose change exceeds chance outlined.
* :func:`plot_trend` maps a :class:`~sozialraum.TrendResult` (steigend / fallend /
  kein klarer Trend / zu wenige Stichtage).
* :func:`plot_emerging_hotspots` maps an :class:`~sozialraum.EmergingHotspotResult`
  with the catalogue's pattern names (reds for hot, blues for cold spots).

"""

from __future__ import annotations

import math
from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from sozialraum._text import format_number, text
from sozialraum._util.choices import check_choice
from sozialraum.errors import InputError
from sozialraum.indicators import STANDARD
from sozialraum.io.cells import reason_column
from sozialraum.maps import _furniture as fur
from sozialraum.maps.clusters import _draw_categories, _finish, _page
from sozialraum.maps.static import plot_choropleth, plot_small_multiples
from sozialraum.maps.style import Breaks, CategoryStyle
from sozialraum.monitoring import (
    CATEGORIES,
    ChangeResult,
    EmergingHotspotResult,
    TrendResult,
)
from sozialraum.monitoring.hotspots import ARCGIS_MIN_STEPS
from sozialraum.monitoring.panel import _find, _format_day, select, stichtage

__all__ = [
    "EHSA_STYLES",
    "TREND_STYLES",
    "change_breaks",
    "plot_change",
    "plot_emerging_hotspots",
    "plot_stichtage",
    "plot_trend",
]

#: trend directions: red up, blue down (ColorBrewer RdBu), grey none, hatched too few
TREND_STYLES: tuple[CategoryStyle, ...] = (
    CategoryStyle("up", "#d6604d", "///", "trend.up"),
    CategoryStyle("down", "#4393c3", None, "trend.down"),
    CategoryStyle("none", "#d9d9d9", None, "trend.none"),
    CategoryStyle("too_few", "#f7f7f7", "...", "trend.too_few"),
)

_HOT = ("#67000d", "#a50f15", "#cb181d", "#ef3b2c", "#fb6a4a", "#fc9272", "#fcbba1", "#fee0d2")
_COLD = ("#08306b", "#08519c", "#2171b5", "#4292c6", "#6baed6", "#9ecae1", "#c6dbef", "#deebf7")
_ORDER = ("intensifying", "persistent", "consecutive", "new", "diminishing", "oscillating",
          "sporadic", "historical")
_HATCHED = {"intensifying", "new"}  # the patterns a planner looks for first: a second cue
#: emerging hot spot patterns: reds (hot) and blues (cold), darkest for the strongest
EHSA_STYLES: tuple[CategoryStyle, ...] = tuple(
    CategoryStyle(f"{p}_{kind}", ramp[i], "///" if p in _HATCHED else None, f"ehsa.{p}_{kind}")
    for kind, ramp in (("hot", _HOT), ("cold", _COLD)) for i, p in enumerate(_ORDER)
) + (CategoryStyle("no_pattern", "#d9d9d9", None, "ehsa.no_pattern"),)
assert {s.code for s in EHSA_STYLES} == set(CATEGORIES)  # noqa: S101 - a table kept complete


def _nice_ceiling(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^e that is >= x (x > 0)."""
    e = math.floor(math.log10(x))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * 10**e >= x * (1 - 1e-12):
            return m * 10**e
    return 10.0 ** (e + 1)  # pragma: no cover - the loop always returns


def change_breaks(values, k: int = 5) -> Breaks:
    """Symmetric class bounds centred on 0 for a map of changes (`k` odd).

    The largest absolute change is rounded up to a readable number ``m`` (1, 2, 2.5 or
    5 times a power of 10); the ``k`` classes split ``[-m, m]`` evenly, so the middle
    class straddles 0 and gets the neutral colour of the diverging palette.

    Examples
    --------
    >>> b = change_breaks([-1.2, 0.3, 3.4], k=5)
    >>> b.lower, b.upper
    (-5.0, (-3.0, -1.0, 1.0, 3.0, 5.0))
    """
    if not (isinstance(k, int) and k >= 3 and k % 2 == 1):
        raise InputError.from_key("maps.monitoring.odd_k", given=repr(k))
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    top = float(np.abs(v).max()) if len(v) else 0.0
    m = _nice_ceiling(top) if top > 0 else 1.0
    width = 2 * m / k
    upper = tuple(round(-m + width * (i + 1), 10) for i in range(k))
    return Breaks(lower=-m, upper=upper)


def _aligned_result(data: gpd.GeoDataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    return frame.reindex(data.index)


def plot_change(
    data: gpd.GeoDataFrame,
    result: ChangeResult,
    *,
    k: int = 5,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    geometry_source: str | None = None,
    licence: str | None = None,
    labels: str | None = "name",
    outline_significant: bool = True,
    column_label: str | None = None,
    lang: str = "de",
    layout: str = "A4 landscape",
    ax=None,
) -> Figure:
    """Map the change between two Stichtage, diverging around 0, significant areas outlined.

    Parameters
    ----------
    data : geopandas.GeoDataFrame
        The districts (projected CRS), indexed by the same keys as `result`.
    result : ChangeResult
        From :func:`~sozialraum.change`.
    k : int, default 5
        Number of classes (odd, see :func:`change_breaks`).
    outline_significant : bool, default True
        Outline the areas labelled "signifikant gestiegen/gesunken" (only for a tested
        result).
    column_label : str, optional
        The column's name in the legend (default: the label of a standard indicator,
        else the column's code).

    Examples
    --------
    >>> import sozialraum as sr
    >>> p = sr.read_table(sr.datasets.get_path("musterstadt_statistik.csv"), key="SR_NR",
    ...                   stichtag="all")
    >>> ch = sr.change(p, "SGB2_QUOTE", base=2019, to=2024)
    >>> fig = plot_change(sr.datasets.musterstadt(), ch)
    """
    if not isinstance(result, ChangeResult):
        raise InputError.from_key("maps.monitoring.result_type", what="ChangeResult",
                                  given=type(result).__name__)
    frame = _aligned_result(data, result.to_frame(lang))
    keep = [c for c in ("name",) if c in data.columns] + [data.geometry.name]
    shown = data[keep].copy()
    shown["change"] = frame["change"].to_numpy()
    reasons = frame.get(reason_column("change"))
    if reasons is not None:
        shown[reason_column("change")] = reasons.to_numpy()
    unit = result.to_frame(lang).attrs["unit"]
    breaks = change_breaks(shown["change"], k)
    ind = STANDARD.get(result.column)
    name = (ind.label_en or ind.label if lang == "en" else ind.label) if ind else result.column
    if column_label is not None:
        name = column_label
    head = text("maps.monitoring.change_title", lang, column=name,
                base=_format_day(result.base), to=_format_day(result.to))
    legend = head + (f" ({unit})" if unit else "")
    overlay = overlay_name = None
    if outline_significant and result.tested:
        sig = frame["direction"].isin(["up", "down"]).fillna(False).to_numpy(dtype=bool)
        if sig.any():
            overlay = shown.loc[sig, [shown.geometry.name]]
            overlay_name = text("maps.monitoring.significant", lang,
                                alpha=format_number(result.alpha, 2, lang))
    fig = plot_choropleth(
        shown, "change", "user_defined", breaks=breaks, title=title or head, subtitle=subtitle,
        stichtag=result.to, source=source, geometry_source=geometry_source, licence=licence,
        labels=labels, overlay=overlay, overlay_name=overlay_name,
        unit="Pp." if unit in ("Prozentpunkte", "percentage points") else None,
        palette="RdBu_r", worst=None, legend_title=legend, lang=lang, layout=layout, ax=ax,
    )
    fig.sozialraum_change_breaks = breaks  # for callers and tests
    return fig


def _plot_codes(data, codes, styles, head, note, title, subtitle, stichtag, source,
                geometry_source, licence, labels, lang, layout, ax, only_present):
    check_choice("lang", lang, ("de", "en"))
    fur.check_projected(data)
    codes = codes.reindex(data.index).astype(object)
    codes = codes.where(pd.notna(codes), None)
    if only_present:
        present = set(codes.dropna())
        styles = tuple(s for s in styles if s.code in present)
    fig, pg, ax = _page(data, title, subtitle, stichtag, source, geometry_source, licence, lang,
                        layout, ax)
    handles, texts = _draw_categories(ax, data, codes, styles, {}, lang)
    ltitle = head + ("\n" + note if note else "")
    return _finish(fig, pg, ax, data, handles, texts, ltitle, title or head, subtitle, stichtag,
                   source, geometry_source, licence, labels, None, None, lang)


def plot_trend(
    data: gpd.GeoDataFrame,
    result: TrendResult,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    geometry_source: str | None = None,
    licence: str | None = None,
    labels: str | None = "name",
    lang: str = "de",
    layout: str = "A4 landscape",
    ax=None,
) -> Figure:
    """Map the trend direction per area (Theil-Sen / Mann-Kendall, :func:`~sozialraum.trend`).

    Every direction has a legend entry with its count, also an empty one, so the map
    says "no area falls" rather than leaving it out.
    """
    if not isinstance(result, TrendResult):
        raise InputError.from_key("maps.monitoring.result_type", what="TrendResult",
                                  given=type(result).__name__)
    days = result.stichtage
    head = text("maps.monitoring.trend_title", lang, first=_format_day(days[0]),
                last=_format_day(days[-1]), n=len(days))
    note = text("maps.monitoring.trend_note", lang, alpha=format_number(result.alpha, 2, lang),
                correction=text(f"stats.correction.{result.correction}", lang))
    return _plot_codes(data, result.values["direction"], TREND_STYLES, head, note, title,
                       subtitle, days[-1], source, geometry_source, licence, labels, lang,
                       layout, ax, only_present=False)


def plot_emerging_hotspots(
    data: gpd.GeoDataFrame,
    result: EmergingHotspotResult,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    geometry_source: str | None = None,
    licence: str | None = None,
    labels: str | None = "name",
    lang: str = "de",
    layout: str = "A4 landscape",
    ax=None,
) -> Figure:
    """Map the emerging hot spot pattern per area, with the catalogue's names.

    Only the patterns that occur get a legend entry (17 entries would hide the map);
    "kein Muster" is grey.
    """
    if not isinstance(result, EmergingHotspotResult):
        raise InputError.from_key("maps.monitoring.result_type",
                                  what="EmergingHotspotResult", given=type(result).__name__)
    days = result.stichtage
    head = text("maps.monitoring.ehsa_title", lang, first=_format_day(days[0]),
                last=_format_day(days[-1]), n=len(days))
    s = result.settings
    note = text("maps.monitoring.ehsa_note", lang,
                permutations=format_number(s.permutations, 0, lang), seed=s.seed,
                alpha=format_number(s.alpha, 2, lang),
                correction=text(f"stats.correction.{s.correction}", lang))
    if len(days) < ARCGIS_MIN_STEPS:
        note += "\n" + text("maps.monitoring.ehsa_few", lang, n=len(days))
    return _plot_codes(data, result.category, EHSA_STYLES, head, note, title, subtitle,
                       days[-1], source, geometry_source, licence, labels, lang, layout, ax,
                       only_present=True)


def plot_stichtage(
    data: gpd.GeoDataFrame,
    panel: pd.DataFrame,
    column: str,
    stichtage_: list | None = None,
    *,
    scheme: str = "quantiles",
    k: int = 5,
    title: str | None = None,
    unit: str | None = None,
    palette: str | None = None,
    labels: str | None = None,
    legend_title: str | None = None,
    source: str | None = None,
    geometry_source: str | None = None,
    licence: str | None = None,
    lang: str = "de",
    layout: str = "A4 landscape",
    subtitle: str | None = None,
    estimated: Sequence | None = None,
) -> Figure:
    """One column of a panel on several Stichtage, with class bounds shared by all maps.

    Parameters
    ----------
    data : geopandas.GeoDataFrame
        The districts (one boundary version), indexed by the panel's area keys.
    panel : pandas.DataFrame
        A panel (area key, ``Stichtag``), e.g. from :func:`~sozialraum.panel_indicators`;
        reason columns travel into the maps (withheld values hatched).
    column : str
    stichtage_ : list, optional
        The Stichtage to show (default all; years, "31.12.2024" or dates).
    subtitle : str, optional
        A line under the page title (e.g. that earlier values are estimates).
    estimated : list, optional
        Stichtage whose values were brought onto these boundaries from an earlier
        Gebietsstand: their map's title says so ("31.12.2019 (umgerechnet)").

    Examples
    --------
    >>> import sozialraum as sr
    >>> p = sr.read_table(sr.datasets.get_path("musterstadt_statistik.csv"), key="SR_NR",
    ...                   stichtag="all")
    >>> rates = sr.panel_indicators(p, ["SGB2_QUOTE"])
    >>> fig = plot_stichtage(sr.datasets.musterstadt(), rates, "SGB2_QUOTE", [2019, 2024])
    >>> len(fig.sozialraum_frames)
    2
    """
    days = stichtage(panel)
    chosen = days if stichtage_ is None else [_find(days, d, "panel") for d in stichtage_]
    keep = [c for c in ("name",) if c in data.columns] + [data.geometry.name]
    frames = {}
    for day in chosen:
        one = select(panel, day)
        cols = [column] + [c for c in (reason_column(column),) if c in one.columns]
        frame = data[keep].join(one[cols], how="left")
        label = _format_day(day)
        if estimated is not None and any(pd.Timestamp(day) == pd.Timestamp(e)
                                         for e in estimated):
            label = text("maps.mon.estimated_day", lang, day=label)
        frames[label] = frame
    ind = STANDARD.get(column)
    name = (ind.label_en or ind.label if lang == "en" else ind.label) if ind else column
    fig = plot_small_multiples(frames, column, scheme, k, shared=True, title=title or name,
                               subtitle=subtitle, unit=unit, palette=palette, labels=labels,
                               legend_title=legend_title or name, source=source,
                               geometry_source=geometry_source, licence=licence, lang=lang,
                               layout=layout)
    fig.sozialraum_frames = frames  # for callers and tests: what each map shows
    return fig
