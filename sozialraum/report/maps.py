"""Private: the bundle's maps (PNG/PDF/SVG, offline HTML) and matching QGIS styles.

Static maps, the interactive map and the QGIS styles are classified by the
same function (:func:`sozialraum.maps.style.classify`) on the same published
(rounded) values with the same palette, so the class bounds, colours and German
legend labels agree between the printed map, the browser map and QGIS.
"""

from __future__ import annotations

import io
import math
from functools import partial
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from sozialraum import maps as _maps
from sozialraum._text import format_number, text
from sozialraum._util.dates import format_stichtag
from sozialraum._util.files import slug
from sozialraum.index.need import HANDLUNGSBEDARF_LEVELS, NEED_TEXT
from sozialraum.io.cells import reason_column
from sozialraum.maps.style import (
    CLUSTER_STYLES,
    GSTAR_STYLES,
    MISSING_COLOR,
    Breaks,
    class_colors,
    classification_colors,
    classify,
    display_values,
)
from sozialraum.report.frames import DECIMALS_SCORE, INDEX_COLUMN, NEED_COLUMN
from sozialraum.report.parallel import Workers, collect, run_jobs
from sozialraum.report.qgis import LayerStyle, StyleClass

#: Palette of every choropleth in the bundle (ColorBrewer, colour-blind safe).
PALETTE = "YlOrRd"
#: Handlungsbedarf gering / mittel / hoch (ColorBrewer YlOrRd, 3 classes)
NEED_COLOURS = ("#ffeda0", "#feb24c", "#f03b20")


def _map_column(cfg, column: str) -> str:
    if column == "index":
        return INDEX_COLUMN
    if column in {n for n, _, _ in cfg.extra_indices}:
        return f"{column}_wert"
    return column


def _spec_of(cfg, column: str):
    """The IndexSpec behind a mapped index column (None for indicators)."""
    if column in ("index", INDEX_COLUMN):
        return cfg.index
    for name, spec, _ in cfg.extra_indices:
        if column in (name, f"{name}_wert"):
            return spec
    return None


def palette_for(cfg, column: str) -> tuple[str, str]:
    """(palette, worst end): YlOrRd with the worst class high; for an index where higher is
    better (e.g. NRW points) the diverging RdBu with the worst class low."""
    spec = _spec_of(cfg, column)
    if spec is not None and getattr(spec, "higher_is_better", False):
        return "RdBu", "low"
    return PALETTE, "high"


def cluster_values(cfg) -> str:
    """What "hoch" means on the cluster maps of ``[hotspots].variable`` (see plot_clusters):
    for the index its direction, for an indicator just "high values"."""
    spec = _spec_of(cfg, cfg.hotspots.variable)
    if spec is None:
        return "values"
    return "index_less" if getattr(spec, "higher_is_better", False) else "index_more"


def column_label(cfg, column: str, lang: str, level=None) -> str:
    """Title/legend label of a mapped column."""
    spec = _spec_of(cfg, column)
    if spec is not None:
        return getattr(spec, "name", "") or text("report.index", lang)
    ind = next((i for i in cfg.indicators if i.code == column), None)
    if ind is None:
        return column
    return (ind.label_en if lang == "en" and ind.label_en else ind.label) or column


def column_unit(cfg, column: str) -> str | None:
    ind = next((i for i in cfg.indicators if i.code == column), None)
    return ind.unit if ind is not None else None


def _map_levels(cfg, results) -> list[str]:
    names = list(results.levels)
    return [n for n in names if not cfg.maps.levels or n in cfg.maps.levels]


def _page_texts(cfg, lv, lang):
    inp = cfg.inputs
    return dict(
        stichtag=format_stichtag(inp.stichtag),
        source=inp.source or None,
        geometry_source=inp.geometry_source or None,
        licence=licences(inp, lang) or None,
        lang=lang,
        layout=cfg.maps.layout,
    )


def licences(inp, lang: str) -> str:
    """The licence line: the statistics' and the boundaries' licences, each named."""
    if inp.geometry_licence and inp.geometry_licence != inp.licence:
        return text("report.licences", lang, stats=inp.licence or "–", geo=inp.geometry_licence)
    return inp.licence


def write_maps(cfg, results, folder: Path, *, progress=None, workers: Workers | None = None,
               extra_jobs=()) -> list[Path]:
    """Draw every configured map of every configured level into `folder`.

    Each map is one job (:func:`~sozialraum.report.parallel.run_jobs` runs them on every
    core); the geometry is simplified for display once per level
    (:func:`display_frame`), never for the statistics. File names are made from the level
    name and the column with :func:`~sozialraum._util.files.slug`, so a code from the
    data can neither leave the folder nor run as anything. `workers`, if given, are the
    processes :func:`~sozialraum.report.run.run` started before the analysis
    (:func:`~sozialraum.report.parallel.start_workers` with :func:`warm_up`).
    """
    return start_maps(cfg, results, folder, workers=workers, extra_jobs=extra_jobs)(progress)


def start_maps(cfg, results, folder: Path, *, workers: Workers | None = None, extra_jobs=()):
    """Like :func:`write_maps`, but with `workers` the maps are drawn meanwhile: returns a
    function ``finish(progress=None) -> list[Path]`` that waits for them (without workers
    it draws them then)."""
    folder.mkdir(parents=True)
    jobs = map_jobs(cfg, results, folder) + list(extra_jobs)  # e.g. monitoring/ in one pool
    return start_jobs(jobs, workers=workers)


def start_jobs(jobs, *, workers: Workers | None = None, before=None):
    """Send `jobs` to `workers` (or keep them to run in this process); returns ``finish``.

    ``finish(progress=None) -> list[Path]`` waits for them and returns their files;
    `before` is the ``finish`` of jobs sent earlier: waited for first, and counted in the
    same progress (``progress(done, total)`` over both).
    """
    jobs = list(jobs)
    submitted = workers.submit(jobs) if workers is not None and jobs else None
    earlier = before.n if before is not None else 0

    def finish(progress=None) -> list[Path]:
        total = earlier + len(jobs)
        paths = []
        if before is not None:
            paths = before((lambda done, _n: progress(done, total)) if progress else None)
        shifted = (lambda done, _n: progress(earlier + done, total)) if progress else None
        if submitted is not None:
            done = collect(submitted, progress=shifted)
        else:
            done = run_jobs(jobs, progress=shifted)
        return paths + [path for paths_ in done for path in paths_]

    finish.n = earlier + len(jobs)
    return finish


def display_frame(frame):
    """`frame` with its polygons simplified for drawing: shared borders stay shared
    (``shapely.coverage_simplify``) and no deviation exceeds 1/3000 of the map's extent,
    a third of a pixel of an A4 map at 300 dpi."""
    if len(frame) == 0:
        return frame
    minx, miny, maxx, maxy = frame.total_bounds
    tolerance = max(maxx - minx, maxy - miny) / 3000.0
    geoms = frame.geometry.to_numpy()
    try:
        simple = shapely.coverage_simplify(geoms, tolerance)
    except shapely.errors.GEOSException:  # not a valid coverage: simplify each area alone
        simple = shapely.simplify(geoms, tolerance, preserve_topology=True)
    out = frame.copy()
    out[out.geometry.name] = simple
    return out


def map_jobs(cfg, results, folder: Path) -> list:
    """One callable per map file group (static map in its formats, or HTML map)."""
    lang = cfg.language
    levels = list(results.levels.values())
    base = levels[0]
    jobs = []
    stems = _Stems()
    for name in _map_levels(cfg, results):
        lv = results.levels[name]
        data = display_frame(lv.map_frame)
        overlay = overlay_name = None
        if lv is base and len(levels) > 1:
            overlay = display_frame(levels[1].map_frame[["geometry"]])
            overlay_name = levels[1].label
        common = dict(overlay=overlay, overlay_name=overlay_name, **_page_texts(cfg, lv, lang))
        stem_of = lambda part, name=name: folder / stems(f"{name}_{part}")  # noqa: E731
        for column in cfg.maps.columns:
            col = _map_column(cfg, column)
            if col == NEED_COLUMN:  # categorical: gering / mittel / hoch
                need_map = _need_map_input(lv, data, lang)
                if need_map is not None:
                    label = text("report.map.need", lang)
                    kwargs = dict(breaks=need_map[2], title=f"{label} – {lv.label}",
                                  legend_title=label, palette=PALETTE, worst="high", **common)
                    jobs.append(partial(_static, cfg, "plot_choropleth", need_map[:2], kwargs,
                                        stem_of(NEED_COLUMN)))
                continue
            if col not in data.columns:
                continue
            palette, worst = palette_for(cfg, col)
            label = column_label(cfg, col, lang)
            kwargs = dict(scheme=cfg.maps.scheme, k=cfg.maps.k, title=f"{label} – {lv.label}",
                          legend_title=label, unit=column_unit(cfg, col), palette=palette,
                          worst=worst, **common)
            jobs.append(partial(_static, cfg, "plot_choropleth", (data, col), kwargs,
                                stem_of(col)))
            class_map = _class_map_input(lv, data, col, lang)
            if class_map is not None:
                class_data, class_col, class_breaks, stem = class_map
                kwargs = dict(breaks=class_breaks, title=f"{label} – {lv.label}",
                              legend_title=label, palette=PALETTE, worst="high", **common)
                jobs.append(partial(_static, cfg, "plot_choropleth", (class_data, class_col),
                                    kwargs, stem_of(stem)))
        if cfg.maps.clusters and lv is base:
            for stem, res in (("lisa", lv.local_moran), ("gistar", lv.local_gstar)):
                if res is None:
                    continue
                title = text(f"report.map.{stem}", lang,
                             variable=column_label(cfg, cfg.hotspots.variable, lang),
                             level=lv.label)
                jobs.append(partial(_static, cfg, "plot_clusters",
                                    (data, _with_excluded(res, data, lang)),
                                    dict(title=title, values=cluster_values(cfg), **common),
                                    stem_of(stem)))
        if cfg.maps.html:
            jobs.append(partial(_html, cfg, _html_layers(cfg, lv, data, base), data, lv.label,
                                overlay, overlay_name,
                                folder / f"{stems(name, '_karte')}.html"))
    return jobs


class _Stems:
    """File name stems made from data: :func:`slug` of the lower-cased text, distinct.

    Two texts that give the same slug (``a/b`` and ``a_b``) get ``-2``, ``-3`` ..., so one
    map never replaces another.
    """

    def __init__(self):
        self.given: dict[tuple[str, str], str] = {}

    def __call__(self, raw: str, suffix: str = "") -> str:
        if (raw, suffix) not in self.given:
            stem = candidate = slug(raw.lower()) + suffix
            taken = set(self.given.values())
            n = 1
            while candidate in taken:
                n += 1
                candidate = f"{stem}-{n}"
            self.given[raw, suffix] = candidate
        return self.given[raw, suffix]


def _static(cfg, plot: str, args, kwargs, stem: Path) -> list[Path]:
    """Draw one static map (`plot` names the function of :mod:`sozialraum.maps`) and save
    it in the configured formats."""
    import matplotlib.pyplot as plt  # lazy: matplotlib only when drawing

    # names and labels are data: a "$" in them is text, never matplotlib's mathtext
    with plt.rc_context({"text.parse_math": False}):
        fig = getattr(_maps, plot)(*args, **kwargs)
        try:
            return list(_maps.save_figure(fig, stem, cfg.maps.formats, dpi=cfg.maps.dpi))
        finally:
            plt.close(fig)


def _html_layers(cfg, lv, data, base) -> dict:
    """The cluster layers of a level's interactive map (the base level only)."""
    lang = cfg.language
    cluster_layers = {}
    if cfg.maps.clusters and lv is base:
        for stem, res in (("lisa", lv.local_moran), ("gistar", lv.local_gstar)):
            if res is not None:
                key = "report.style.gi" if stem == "gistar" else "report.style.lisa"
                cluster_layers[text(key, lang)] = _with_excluded(res, data, lang)
    return cluster_layers


def _html(cfg, cluster_layers, data, title, overlay, overlay_name, target: Path) -> list[Path]:
    """The offline interactive map of one level (only frames and texts: a job is sent to a
    worker process as it is)."""
    lang = cfg.language
    # the Handlungsbedarf is a category, drawn in print only (not a choropleth layer)
    cols = [_map_column(cfg, c) for c in cfg.maps.columns
            if _map_column(cfg, c) in data.columns and c != NEED_COLUMN]
    texts = _page_texts(cfg, None, lang)
    texts.pop("layout")
    m = _maps.explore(
        data,
        columns=cols,
        results=cluster_layers or None,
        offline=True,
        titles={c: column_label(cfg, c, lang) for c in cols},
        unit={c: u for c in cols if (u := column_unit(cfg, c))},
        palette={c: palette_for(cfg, c)[0] for c in cols},
        worst={c: palette_for(cfg, c)[1] for c in cols},
        values=cluster_values(cfg),
        overlay=overlay,
        overlay_name=overlay_name,
        title=title,
        **texts,
    )
    m.save(str(target))
    return [target]


def expected_jobs(cfg) -> int:
    """About how many map jobs `cfg` gives (before the analysis: to start workers)."""
    n_levels = 1 + len(getattr(cfg.inputs, "levels", ()) or ())
    if cfg.maps.levels:
        n_levels = min(n_levels, len(cfg.maps.levels))
    per_level = len(cfg.maps.columns) + (1 if cfg.maps.html else 0)
    return n_levels * per_level + (2 if cfg.maps.clusters else 0)


def warm_up() -> None:
    """Draw and save a tiny map and build a tiny HTML map, in memory: a worker started
    before the analysis imports matplotlib and folium and loads its fonts meanwhile."""
    import matplotlib  # lazy: matplotlib only when drawing

    frame = gpd.GeoDataFrame(
        {"name": ["Nord", "Süd", "Ost", "West"], "v": [1.0, 2.0, 3.0, 4.0]},
        geometry=[shapely.box(x, y, x + 500, y + 500) for x, y in
                  ((0, 0), (500, 0), (0, 500), (500, 500))],
        index=pd.Index(["1", "2", "3", "4"], name="key"),
        crs="EPSG:25832",
    )
    with matplotlib.rc_context({"text.parse_math": False, "pdf.fonttype": 3}):
        fig = _maps.plot_choropleth(frame, "v", k=2, title="Titel", source="Quelle")
        fig.savefig(io.BytesIO(), format="png", dpi=20)
        fig.savefig(io.BytesIO(), format="pdf")
    _maps.explore(frame, columns=["v"], k=2, offline=True).get_root().render()


def _class_map_input(lv, data, col: str, lang: str):
    """Map an index by its own classes (as the methods text describes them), or None.

    Returns (frame, column, Breaks, file stem): the column holds the class level
    0 .. K-1 (least to most deprived); the legend shows the class names.
    """

    if not col.endswith("_wert"):
        return None
    prefix = col[: -len("_wert")]
    result = lv.index if prefix == "index" else lv.extra_indices.get(prefix)
    if result is None or result.spec.classes is None:
        return None
    names = tuple(str(c) for c in result.classes(lang).cat.categories)
    if len(names) < 2:
        return None
    level = pd.to_numeric(result.class_level, errors="coerce").astype(float)
    bounds, note = class_bounds(result, data[col].reindex(level.index), lang)
    labels = tuple(
        text("maps.class_bounds", lang, name=n, bounds=b) if b else n
        for n, b in zip(names, bounds, strict=True)
    )
    out = data.copy()
    level_col = f"{prefix}_klasse_stufe"
    out[level_col] = level.reindex(out.index)
    if reason_column(col) in out.columns:
        out[reason_column(level_col)] = out[reason_column(col)]
    breaks = Breaks(
        lower=-0.5,
        upper=tuple(i + 0.5 for i in range(len(labels))),
        scheme="index_classes",
        labels=labels,
        note=note,
    )
    return out, level_col, breaks, f"{prefix}_klasse"


def _need_map_input(lv, data, lang: str):
    """The Handlungsbedarf as levels 0 (gering) .. 2 (hoch) with the catalogue's words as
    legend (and why an area has none), or None when the level has no Handlungsbedarf."""
    need = getattr(lv, "need", None)
    if need is None:
        return None
    level = pd.Series([HANDLUNGSBEDARF_LEVELS.index(v) if isinstance(v, str) else float("nan")
                       for v in need.reindex(data.index)], index=data.index, dtype=float)
    out = data.copy()
    out["handlungsbedarf_stufe"] = level
    reasons = need.attrs.get("reasons")
    if reasons is not None and pd.Series(reasons).notna().any():
        out[reason_column("handlungsbedarf_stufe")] = pd.Series(reasons).reindex(data.index)
    labels = tuple(text(NEED_TEXT[v], lang) for v in HANDLUNGSBEDARF_LEVELS)
    breaks = Breaks(lower=-0.5, upper=tuple(i + 0.5 for i in range(len(labels))),
                    scheme="index_classes", labels=labels)
    return out, "handlungsbedarf_stufe", breaks


def _sd_intervals(cuts) -> list[tuple[float, float, bool, bool]]:
    """(low, high, low included, high included) per class of an ``sd`` scheme, in SD of the
    deprivation score: a value on a cut belongs to the class nearer the average."""
    edges = [-math.inf, *cuts, math.inf]
    return [(lo, hi, lo < 0, hi >= 0) for lo, hi in zip(edges[:-1], edges[1:], strict=True)]


def _bound_text(lo, hi, lo_in, hi_in, fmt, lang) -> str:
    if lo == -math.inf:
        return text("maps.bound.upto" if hi_in else "maps.bound.below", lang, hi=fmt(hi))
    if hi == math.inf:
        return text("maps.bound.from" if lo_in else "maps.bound.above", lang, lo=fmt(lo))
    key = f"maps.bound.{'in' if lo_in else 'ex'}_{'in' if hi_in else 'ex'}"
    return text(key, lang, lo=fmt(lo), hi=fmt(hi))


def class_bounds(result, published: pd.Series, lang: str) -> tuple[list[str], str | None]:
    """The bounds of each index class, least to most deprived, and a note on their unit.

    ``sd`` classes: the cut points in standard deviations of the published index (its
    orientation: for ``higher_is_better`` the signs turn), exact and with the boundary rule
    of the method; they are index values themselves when the index is z-standardised.
    ``fixed`` classes: the cut points on the published score. Data-driven classes (quantiles,
    natural breaks, the SVI flag): the lowest and highest published value in each class.
    """
    spec = result.spec
    scheme = spec.classes
    sign = -1.0 if spec.higher_is_better else 1.0
    if scheme.method in ("sd", "fixed"):
        if scheme.method == "sd":
            intervals = _sd_intervals(scheme.cuts)
            scale = 1.0
            same = (spec.score_normalisation == "zscore" and spec.score_scale == 1.0)
            note = None if same else text("maps.bound.sd_note", lang)
            if sign < 0:  # the published index runs the other way: -z, bounds and sides swap
                intervals = [(-hi, -lo, hi_in, lo_in) for lo, hi, lo_in, hi_in in intervals]
        else:  # cut points on the published score, intervals closed on the right
            edges = [-math.inf, *scheme.cuts, math.inf]
            intervals = [(lo, hi, False, True) for lo, hi in zip(edges[:-1], edges[1:],
                                                                 strict=True)]
            if sign < 0:  # least deprived = highest published values first
                intervals = intervals[::-1]
            scale, note = 1.0, None
        finite = [abs(v * scale) for iv in intervals for v in iv[:2] if math.isfinite(v)]
        decimals = next((d for d in range(1, 4)
                         if all(abs(round(v, d) - v) < 1e-9 for v in finite)), 3)
        signed = any(v < 0 for iv in intervals for v in iv[:2] if math.isfinite(v))

        def fmt(v):
            out = format_number(v * scale, decimals, lang)
            return f"+{out}" if signed and v > 0 else out

        return [_bound_text(*iv, fmt, lang) for iv in intervals], note
    level = pd.to_numeric(result.class_level, errors="coerce")
    values = pd.to_numeric(published, errors="coerce")
    out = []
    for i in range(scheme.n_classes):
        v = values[level == i].dropna()
        if v.empty:
            out.append("")
        elif v.min() == v.max():
            out.append(format_number(v.min(), DECIMALS_SCORE, lang))
        else:
            lo, hi = (format_number(x, DECIMALS_SCORE, lang) for x in (v.min(), v.max()))
            out.append(text("maps.bound.in_in", lang, lo=lo, hi=hi))
    return out, text("maps.bound.observed_note", lang)


def _with_excluded(result, data, lang):
    """The result's frame on every area of `data`; areas not tested keep a missing cluster."""
    frame = result.to_frame(lang=lang).reindex(data.index)
    for attr in ("permutations", "seed", "alpha", "correction", "alternative"):
        frame.attrs[attr] = getattr(result, attr, None)
    return frame


# --- QGIS styles ----------------------------------------------------------------------------


def _graduated(cfg, lv, col: str, lang: str, default: bool) -> LayerStyle | None:
    values, _ = display_values(lv.map_frame, col)
    if values.dropna().nunique() < 2:
        return None
    c = classify(
        values, cfg.maps.scheme, cfg.maps.k, unit=column_unit(cfg, col), lang=lang, column=col
    )
    palette, worst = palette_for(cfg, col)
    colors = classification_colors(palette, c)
    labels = c.legend_labels(lang)
    bounds = [c.lower, *c.upper]
    classes = tuple(
        StyleClass(
            label=labels[i],
            color=colors[i],
            lower=bounds[i],
            upper=bounds[i + 1],
            hatch=(i == (c.k - 1 if worst == "high" else 0)),
        )
        for i in range(c.k)
    )
    method = {
        "quantiles": "Quantile",
        "fisher_jenks": "Jenks",
        "equal_interval": "EqualInterval",
        "std_mean": "StdDev",
    }.get(c.scheme, "Fixed")
    short = text("report.index", lang) if col == INDEX_COLUMN else col.removesuffix("_wert")
    return LayerStyle(
        name=short,
        column=col,
        kind="graduated",
        classes=classes,
        description=f"{column_label(cfg, col, lang)}; {c.method}",
        default=default,
        method=method,
        missing_label=text("report.style.missing", lang),
        missing_color=MISSING_COLOR,
    )


#: The static maps' hatch patterns as QGIS brush styles (drawn over the class colour).
QGIS_HATCH = {"///": "b_diagonal", "////": "f_diagonal", "...": "dense6"}


def _categorized(name: str, column: str, items, lang: str) -> LayerStyle:
    classes = []
    for value, label, color, hatch in items:
        brush = QGIS_HATCH.get(hatch, "b_diagonal") if isinstance(hatch, str) else hatch
        # the pale "not testable" / "no neighbours" classes get a grey hatch, the dark
        # classes a dark one, as on the static maps
        grey = value in ("untestable", "island")
        classes.append(StyleClass(label=label, color=color, value=value, hatch=brush,
                                  hatch_color="#8c8c8c" if grey else "#3a3a3a"))
    classes.append(
        StyleClass(label=text("report.style.missing", lang), color=MISSING_COLOR, value="",
                   hatch="dense6", hatch_color="#8c8c8c")
    )
    return LayerStyle(
        name=name[:30],
        column=column,
        kind="categorized",
        classes=tuple(classes),
        description=name,
        default=False,
    )


def layer_styles(cfg, lv) -> list[LayerStyle]:
    """QGIS styles of one level's layer: the index map is the default."""

    lang = cfg.language
    styles: list[LayerStyle] = []
    columns = [_map_column(cfg, c) for c in cfg.maps.columns] or [INDEX_COLUMN]
    if INDEX_COLUMN in lv.frame.columns and INDEX_COLUMN not in columns:
        columns.insert(0, INDEX_COLUMN)
    for col in columns:
        if col == NEED_COLUMN and col in lv.map_frame.columns:
            items = [(text(NEED_TEXT[v], lang), text(NEED_TEXT[v], lang), colour, None)
                     for v, colour in zip(HANDLUNGSBEDARF_LEVELS, NEED_COLOURS, strict=True)]
            styles.append(_categorized(text("report.map.need", lang), col, items, lang))
        elif col in lv.map_frame.columns:
            style = _graduated(cfg, lv, col, lang, default=False)
            if style is not None:
                styles.append(style)
    results = [("index", lv.index, text("report.style.index_class", lang))]
    results += [
        (name, res, f"{name}: {text('report.style.index_class', lang)}")
        for name, res in lv.extra_indices.items()
    ]
    for prefix, result, style_name in results:
        column = f"{prefix}_klasse"
        if result is None or column not in lv.frame.columns:
            continue
        # classes ordered from least to most deprived: light to dark; the legend text names
        # each class with its bounds, as the printed index-class map does
        labels = list(result.classes(lang).cat.categories)
        colors = class_colors(PALETTE, max(len(labels), 3))[-len(labels) :] if labels else []
        value_col = INDEX_COLUMN if prefix == "index" else f"{prefix}_wert"
        published = (lv.map_frame[value_col] if value_col in lv.map_frame.columns
                     else result.score).reindex(result.class_level.index)
        bounds, _ = class_bounds(result, published, lang) if labels else ([], None)
        items = [
            (lab, text("maps.class_bounds", lang, name=lab, bounds=b) if b else lab, col,
             i == len(labels) - 1)
            for i, (lab, col, b) in enumerate(zip(labels, colors, bounds, strict=True))
        ]
        styles.append(_categorized(style_name, column, items, lang))
    for prefix, table in (("lisa", CLUSTER_STYLES), ("gi", GSTAR_STYLES)):
        if f"{prefix}_cluster" not in lv.frame.columns:
            continue
        items = [(s.code, text(s.text_key, lang), s.color, s.hatch) for s in table]
        styles.append(
            _categorized(text(f"report.style.{prefix}", lang), f"{prefix}_cluster", items, lang)
        )
    if not styles:
        return []
    # the default: the index classes (categorized, with a "keine Angabe" entry, so areas
    # without a value stay visible; QGIS' graduated renderer does not draw NULL values),
    # else the index values, else the first style
    first = next(
        (s for s in styles if s.column == "index_klasse"),
        next((s for s in styles if s.column == INDEX_COLUMN), styles[0]),
    )
    return [LayerStyle(**{**s.__dict__, "default": s is first}) for s in styles]
