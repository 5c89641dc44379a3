"""Static maps of local spatial statistics: LISA / Gi* clusters, significance, Moran scatterplot.

The local results come from :func:`sozialraum.local_moran` and
:func:`sozialraum.local_gstar`; only their documented ``.to_frame()`` columns
(``cluster``, ``label``, ``p_value``, ``p_adjusted``) and attributes
(``permutations``, ``seed``, ``alpha``, ``correction``, ``alternative``) are
used, so a plain DataFrame with those columns (attributes in ``frame.attrs``)
works too.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from sozialraum._text import TEXTS, format_number, text
from sozialraum._util.choices import check_choice
from sozialraum.errors import ColumnError, InputError, Listed
from sozialraum.maps import _furniture as fur
from sozialraum.maps.static import _check_lang, draw_missing, draw_polygons, legend_patch
from sozialraum.maps.style import (
    CLUSTER_STYLES,
    GSTAR_STYLES,
    SIGNIFICANCE_STYLES,
    CategoryStyle,
    source_line,
    stichtag_text,
)

__all__ = [
    "plot_clusters",
    "plot_moran_scatter",
    "plot_significance",
    "result_frame",
    "result_meta",
]

MORAN_CODES = frozenset(s.code for s in CLUSTER_STYLES)
GSTAR_CODES = frozenset(s.code for s in GSTAR_STYLES)
_META = ("permutations", "seed", "alpha", "correction", "alternative")


def result_frame(result, lang: str = "de") -> pd.DataFrame:
    """The ``.to_frame()`` of a local result (a DataFrame is taken as it is)."""
    if isinstance(result, pd.DataFrame):
        return result
    to_frame = getattr(result, "to_frame", None)
    if to_frame is None:
        raise InputError.from_key("maps.not_a_result", type=type(result).__name__)
    try:
        return to_frame(lang=lang)
    except TypeError:
        return to_frame()


def result_meta(result) -> dict:
    """permutations, seed, alpha, correction, alternative of a result (None where unknown).

    Also ``exact`` and ``sampled``: how many areas got their p-value by complete
    enumeration and how many by random permutations (from the per-area ``inference``
    column; None when the result does not have it), so that a legend can say how the
    inference was done rather than how it was configured.
    """
    if isinstance(result, pd.DataFrame):
        attrs, methods = result.attrs, result.get("inference")
    else:
        attrs, methods = {}, getattr(result, "inference", None)
    meta = {name: getattr(result, name, attrs.get(name)) for name in _META}
    if isinstance(methods, pd.Series):
        counts = methods.astype("string").value_counts()
        meta["exact"] = int(counts.get("exact", 0))
        meta["sampled"] = int(counts.get("permutation", 0))
    return meta


def result_kind(frame: pd.DataFrame) -> str:
    """'moran' or 'gstar', from the cluster codes (and the Gi* ``bin`` column)."""
    if "cluster" not in frame.columns:
        raise ColumnError.from_key("maps.no_cluster_column", columns=Listed(frame.columns, 12))
    codes = set(frame["cluster"].dropna().astype(str))
    if "bin" in frame.columns or (codes & {c for c in GSTAR_CODES if c not in MORAN_CODES}):
        kind, allowed = "gstar", GSTAR_CODES
    else:
        kind, allowed = "moran", MORAN_CODES
    unknown = sorted(codes - allowed)
    if unknown:
        raise InputError.from_key(
            "maps.unknown_codes", codes=Listed(unknown), allowed=Listed(sorted(allowed), 10)
        )
    return kind


def _aligned(data: gpd.GeoDataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    extra = frame.index.difference(data.index)
    if len(extra):
        raise InputError.from_key("maps.result_keys", keys=Listed(extra))
    return frame.reindex(data.index)


def _correction_text(correction, lang: str) -> str:
    if correction is None or correction is False or str(correction).lower() in ("none", ""):
        return text("maps.correction.none", lang)
    key = f"maps.correction.{str(correction).lower()}"

    return text(key, lang) if key in TEXTS else str(correction)


def inference_note(meta: dict, lang: str = "de", kind: str = "moran") -> str:
    """'9.999 Permutationen, α = 0,05, Korrektur: FDR (Benjamini-Hochberg)'.

    For Gi* (``kind="gstar"``) the bins stand for fixed levels (90, 95, 99 %
    confidence, as ArcGIS's Gi_Bin), so the note names those instead of one α.

    When `meta` carries the counts ``exact`` and ``sampled`` (see `result_meta`), the
    note states the inference as it was done: complete enumeration for all tested areas
    (no permutations, no seed: nothing random happened), or the permutations for the
    sampled areas next to the number enumerated exactly, with the seed. Without the
    counts it names the configured permutations and the seed, as before.
    """
    perms = meta.get("permutations")
    alpha = meta.get("alpha")
    exact, sampled = meta.get("exact"), meta.get("sampled")
    perm_text = (
        format_number(perms, 0, lang) if perms is not None else text("maps.unknown", lang)
    )
    if exact is not None and sampled is not None and (exact or sampled):
        if not sampled:
            how = text("maps.inference.exact", lang, exact=format_number(exact, 0, lang))
        elif exact:
            how = text(
                "maps.inference.mixed",
                lang,
                permutations=perm_text,
                sampled=format_number(sampled, 0, lang),
                exact=format_number(exact, 0, lang),
            )
        else:
            how = text("maps.inference.sampled", lang, permutations=perm_text)
        perm_text, show_seed = how, bool(sampled)
    else:
        perm_text = text("maps.inference.sampled", lang, permutations=perm_text)
        show_seed = True
    note = text(
        "maps.gstar.note" if kind == "gstar" else "maps.cluster.note",
        lang,
        inference=perm_text,
        alpha=format_number(alpha, 3, lang).rstrip("0").rstrip(",.")
        if alpha is not None
        else text("maps.unknown", lang),
        correction=_correction_text(meta.get("correction"), lang),
    )
    if show_seed and meta.get("seed") is not None:
        note += ",\n" + text("maps.cluster.seed", lang, seed=meta["seed"])
    return note


#: What a high value means, for the legend of a cluster map (see plot_clusters).
VALUES: tuple[str, ...] = ("index_more", "index_less", "values")


def _meaning_labels(kind: str, values: str | None, lang: str) -> dict[str, str]:
    """Legend texts of the hot and cold spots that say what "hoch" means."""
    if values is None or kind != "moran":
        return {}
    return {
        code: text(f"maps.meaning.{spot}", lang, what=text(f"maps.meaning.{end}.{values}", lang))
        for code, spot, end in (("HH", "hot", "high"), ("LL", "cold", "low"))
    }


def _draw_categories(
    ax, data, codes: pd.Series, styles: tuple[CategoryStyle, ...], labels: dict, lang: str
) -> tuple[list, list]:
    """Draw every category (legend entry even when empty) and the districts without a result."""
    handles, texts = [], []
    for st in styles:
        keys = codes.index[codes == st.code]
        draw_polygons(ax, data.loc[keys], st.color, hatch=st.hatch, gid=f"cat_{st.code}")
        handles.append(legend_patch(st.color, st.hatch))
        texts.append(f"{labels.get(st.code) or text(st.text_key, lang)} ({len(keys)})")
    missing = codes.isna()
    if missing.any():
        reasons = pd.Series(np.where(missing, "missing", None), index=codes.index, dtype=object)
        reasons[~missing] = None
        mh, ml = draw_missing(ax, data, reasons, lang)
        handles += mh
        texts += ml
    return handles, texts


def _page(data, title, subtitle, stichtag, source, geometry_source, licence, lang, layout, ax):
    if ax is None:
        fig, p = fur.new_figure(layout)
        ax = fig.add_axes(p.map_rect)
    else:
        fig, p = ax.figure, None
    return fig, p, ax


def _finish(
    fig,
    p,
    ax,
    data,
    handles,
    texts,
    ltitle,
    title,
    subtitle,
    stichtag,
    source,
    geometry_source,
    licence,
    labels,
    overlay,
    overlay_name,
    lang,
):
    if overlay is not None:
        h, t = fur.add_overlay(ax, overlay, data.crs, lang, overlay_name)
        handles.append(h)
        texts.append(t)
    stand = stichtag_text(data, stichtag)
    if p is not None:
        fur.finish_page(
            fig, p, ax, data, handles, texts, ltitle, title, subtitle, stand,
            source_line(source, stand, geometry_source, licence, lang), lang,
        )
    else:
        fur.set_extent(ax, data.total_bounds)
        ax.legend(
            handles,
            texts,
            title=ltitle,
            loc="upper left",
            bbox_to_anchor=(0.0, 0.0),
            frameon=False,
            fontsize=6,
            title_fontsize=6.5,
            alignment="left",
        )
        if title:
            ax.set_title(title, fontsize=9, loc="left")
    fur.add_scale_bar(ax, lang, fontsize=7 if p is not None else 5.5)
    fur.add_north_arrow(ax, lang, size=10 if p is not None else 7)
    fur.add_labels(ax, data, labels)
    return fig


def plot_clusters(
    data: gpd.GeoDataFrame,
    local_result,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    stichtag: object = None,
    source: str | None = None,
    geometry_source: str | None = None,
    licence: str | None = None,
    labels: str | None = "name",
    overlay: gpd.GeoDataFrame | None = None,
    overlay_name: str | None = None,
    lang: str = "de",
    layout: str = "A4 landscape",
    ax=None,
    values: str | None = None,
) -> Figure:
    """Map the clusters of a local Moran (LISA) or Getis-Ord Gi* result.

    Fixed colours: hotspot HH red, coldspot LL blue, outliers LH light blue and
    HL light red, not significant grey, no neighbours white and hatched, not
    testable light grey with dots; for Gi* red / blue ramps by confidence.
    Every category is in the legend (with its count, also when empty), and the
    legend states permutations, alpha, correction and seed of the result.

    Parameters
    ----------
    data : geopandas.GeoDataFrame
        The districts (projected CRS in metres), indexed by the same keys as the result.
    local_result : result of ``sr.local_moran`` / ``sr.local_gstar``, or a DataFrame
        with a ``cluster`` column (attributes in ``frame.attrs``).
    values : {None, "index_more", "index_less", "values"}
        What "hoch" means, so the legend says it: ``"index_more"`` for an index where a
        higher value means more deprivation ("Hotspot: hohe Indexwerte (mehr
        Benachteiligung)"), ``"index_less"`` where it means less (NRW points),
        ``"values"`` for an indicator ("Hotspot: hohe Werte", no judgement of the
        people counted). None keeps the plain "Hotspot (hoch-hoch)".

    Examples
    --------
    >>> lisa = sr.local_moran(g["sgb2_quote"], sr.spatial_weights(g))  # doctest: +SKIP
    >>> fig = sr.plot_clusters(g, lisa)  # doctest: +SKIP
    """
    lang = _check_lang(lang)
    fur.check_projected(data)
    frame = result_frame(local_result, lang)
    kind = result_kind(frame)
    frame = _aligned(data, frame)
    styles = CLUSTER_STYLES if kind == "moran" else GSTAR_STYLES
    codes = frame["cluster"].astype(object).where(frame["cluster"].notna(), None)
    # legend texts come from _text (the result's per-row labels also carry p-values)
    values = check_choice("values", values, VALUES) if values is not None else None
    labels_by_code = _meaning_labels(kind, values, lang)
    fig, p, ax = _page(
        data, title, subtitle, stichtag, source, geometry_source, licence, lang, layout, ax
    )
    handles, texts = _draw_categories(ax, data, codes, styles, labels_by_code, lang)
    head = text("maps.cluster.title" if kind == "moran" else "maps.gstar.title", lang)
    ltitle = head + "\n" + inference_note(result_meta(local_result), lang, kind)
    if kind == "gstar" and values is not None:
        ltitle += "\n" + "\n".join(
            text(f"maps.meaning.{spot}", lang, what=text(f"maps.meaning.{end}.{values}", lang))
            for spot, end in (("hot", "high"), ("cold", "low"))
        )
    return _finish(
        fig,
        p,
        ax,
        data,
        handles,
        texts,
        ltitle,
        title or head,
        subtitle,
        stichtag,
        source,
        geometry_source,
        licence,
        labels,
        overlay,
        overlay_name,
        lang,
    )


def plot_significance(
    data: gpd.GeoDataFrame,
    local_result,
    *,
    p: str = "auto",
    title: str | None = None,
    subtitle: str | None = None,
    stichtag: object = None,
    source: str | None = None,
    geometry_source: str | None = None,
    licence: str | None = None,
    labels: str | None = "name",
    lang: str = "de",
    layout: str = "A4 landscape",
    ax=None,
) -> Figure:
    """Map the significance of a local statistic: p < 0,001 / 0,01 / 0,05, not significant.

    Parameters
    ----------
    p : {"auto", "adjusted", "raw"}
        Which p-value: ``"adjusted"`` (after the result's multiple-testing
        correction, column ``p_adjusted``), ``"raw"`` (``p_value``); ``"auto"``
        takes the adjusted one when the result has it.
    """
    lang = _check_lang(lang)
    p_choice = check_choice("p", p, ("auto", "adjusted", "raw"))
    fur.check_projected(data)
    frame = _aligned(data, result_frame(local_result, lang))
    if p_choice == "auto":
        p_choice = "adjusted" if "p_adjusted" in frame.columns else "raw"
    column = "p_adjusted" if p_choice == "adjusted" else "p_value"
    if column not in frame.columns:
        raise ColumnError.from_key(
            "maps.result_no_column", column=repr(column), columns=Listed(frame.columns, 12)
        )
    pv = pd.to_numeric(frame[column], errors="coerce").astype(float)
    cluster = (
        frame["cluster"].astype(object)
        if "cluster" in frame.columns
        else pd.Series(None, index=frame.index, dtype=object)
    )
    codes = pd.Series(None, index=frame.index, dtype=object)
    codes[pv >= 0.05] = "ns"
    codes[pv < 0.05] = "p05"
    codes[pv < 0.01] = "p01"
    codes[pv < 0.001] = "p001"
    for special in ("untestable", "island"):
        codes[cluster == special] = special
    fig, pg, ax = _page(
        data, title, subtitle, stichtag, source, geometry_source, licence, lang, layout, ax
    )
    handles, texts = _draw_categories(ax, data, codes, SIGNIFICANCE_STYLES, {}, lang)
    corrected = str(result_meta(local_result).get("correction") or "none").lower() != "none"
    adjusted = column == "p_adjusted" and corrected
    pname = text("maps.sig.p_adjusted" if adjusted else "maps.sig.p_raw", lang)
    head = text("maps.sig.title", lang, pname=pname)
    ltitle = head + "\n" + inference_note(result_meta(local_result), lang)
    return _finish(
        fig,
        pg,
        ax,
        data,
        handles,
        texts,
        ltitle,
        title or head,
        subtitle,
        stichtag,
        source,
        geometry_source,
        licence,
        labels,
        None,
        None,
        lang,
    )


def moran_scatter_data(values: pd.Series, graph) -> pd.DataFrame:
    """Standardised values ``z`` and their spatial lag (row-standardised weights).

    Districts without neighbours have no lag and are left out (``island`` True).
    The least-squares slope of ``lag`` on ``z`` over all districts equals
    Moran's I for row-standardised weights.
    """
    y = pd.to_numeric(values, errors="coerce").astype(float)
    if y.isna().any():
        raise InputError.from_key("maps.scatter_missing", keys=Listed(y.index[y.isna()]))
    z = (y - y.mean()) / y.std(ddof=0)
    g = graph.transform("r")
    lag = pd.Series(np.asarray(g.lag(z.reindex(g.unique_ids).to_numpy())), index=g.unique_ids)
    islands = set(getattr(graph, "isolates", []))
    out = pd.DataFrame({"z": z, "lag": lag.reindex(z.index)})
    out["island"] = out.index.isin(islands)
    return out


def plot_moran_scatter(
    data: pd.DataFrame,
    column: str,
    graph,
    *,
    local_result=None,
    title: str | None = None,
    lang: str = "de",
    ax=None,
) -> Figure:
    """Moran scatterplot: standardised value against the mean of the neighbours.

    The regression line's slope is Moran's I (row-standardised weights); points
    are coloured by cluster when a local result is given.

    Parameters
    ----------
    data : DataFrame
        Holds `column`, indexed by the district key.
    graph : libpysal.graph.Graph
        The spatial weights (e.g. ``sr.spatial_weights(data)``).
    """
    lang = _check_lang(lang)
    if column not in data.columns:
        raise ColumnError.from_key("maps.no_column", column=repr(column))
    sd = moran_scatter_data(data[column], graph)
    shown = sd[~sd["island"]]
    # Moran's I = n / S0 * z'Wz / z'z; with row-standardised weights S0 = number of districts
    # that have neighbours (an island's row is all zero)
    n, s0 = len(sd), int((~sd["island"]).sum())
    slope = float(n / s0 * (sd["z"] * sd["lag"].fillna(0)).sum() / (sd["z"] ** 2).sum())
    if ax is None:
        fig = fur.agg_figure((6.5, 6.5))
        ax = fig.add_axes((0.13, 0.10, 0.82, 0.70))
        standalone = True
    else:
        fig, standalone = ax.figure, False
    colors = pd.Series("#737373", index=shown.index, dtype=object)
    handles = []
    if local_result is not None:
        frame = _aligned(data, result_frame(local_result, lang)).reindex(shown.index)
        styles = {
            s.code: s for s in (GSTAR_STYLES if result_kind(frame) == "gstar" else CLUSTER_STYLES)
        }
        for code, st in styles.items():
            hit = frame["cluster"] == code
            if hit.any():
                colors[hit] = (
                    st.color if st.code not in ("ns", "untestable", "island") else "#bdbdbd"
                )
                handles.append(
                    Line2D(
                        [],
                        [],
                        marker="o",
                        linestyle="",
                        markerfacecolor=colors[hit].iloc[0],
                        markeredgecolor="#333333",
                        label=text(st.text_key, lang),
                    )
                )
    ax.scatter(
        shown["z"],
        shown["lag"],
        c=list(colors),
        edgecolors="#333333",
        linewidths=0.4,
        s=28,
        zorder=3,
        gid="points",
    )
    ax.axhline(0, color="#969696", linewidth=0.8)
    ax.axvline(0, color="#969696", linewidth=0.8)
    lim = 1.1 * float(max(np.abs(shown[["z", "lag"]].to_numpy()).max(), 1.0))
    xs = np.array([-lim, lim])
    ax.plot(
        xs,
        slope * xs,
        color="#b2182b",
        linewidth=1.3,
        gid="regression",
        label=text("maps.scatter.slope", lang, value=format_number(slope, 3, lang)),
    )
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_xlabel(text("maps.scatter.x", lang, column=column))
    ax.set_ylabel(text("maps.scatter.y", lang))
    heading = title or text("maps.scatter.title", lang, column=column)
    if standalone:
        fig.text(0.02, 0.975, heading, fontsize=12, fontweight="bold", va="top", gid="title")
    else:
        ax.set_title(heading, loc="left", fontsize=10)
    for qx, qy, q in (
        (0.97, 0.97, "HH"),
        (0.03, 0.03, "LL"),
        (0.03, 0.97, "LH"),
        (0.97, 0.03, "HL"),
    ):
        ax.text(
            qx,
            qy,
            q,
            transform=ax.transAxes,
            ha="right" if qx > 0.5 else "left",
            va="top" if qy > 0.5 else "bottom",
            fontsize=9,
            color="#525252",
        )
    reg = Line2D(
        [],
        [],
        color="#b2182b",
        linewidth=1.3,
        label=text("maps.scatter.slope", lang, value=format_number(slope, 3, lang)),
    )
    n_isl = int(sd["island"].sum())
    if n_isl:
        handles.append(
            Line2D([], [], linestyle="", label=text("maps.scatter.islands", lang, n=n_isl))
        )
    ax.legend(
        handles=[reg, *handles],
        loc="lower left",
        bbox_to_anchor=(0.0, 1.01),
        fontsize=7.5,
        frameon=False,
        ncol=2,
    )
    fig.sozialraum_slope = slope
    return fig
