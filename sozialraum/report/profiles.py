"""Private: one "Sozialraumprofil" per area, as a self-contained HTML page.

Each page holds a small locator map (inline SVG of the simplified areas), the
area in km², the population, the indicator table against the city value
(computed from summed counts), the index score, rank and class, and the
results of the hotspot analysis. Only published values are used: a value
hidden by the confidentiality policy shows its reason instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from sozialraum._text import format_number, format_plain, text
from sozialraum._util.dates import format_stichtag
from sozialraum._util.files import inside, safe_names
from sozialraum._util.version import __version__
from sozialraum.report.maps import licences
from sozialraum.report.profile_charts import CHART_CSS, chart_section_html, chart_series

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2em auto;
max-width:60em;color:#222;line-height:1.4}
h1{font-size:1.5em;margin-bottom:0}.sub{color:#555;margin-top:.2em}
table{border-collapse:collapse;margin:1em 0;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.grid{display:flex;gap:2em;flex-wrap:wrap}.grid>div{flex:1 1 22em}
.map svg{width:100%;height:auto;border:1px solid #ccc}
.foot{color:#666;font-size:.85em;margin-top:2em}
.hidden{color:#777;font-style:italic}
@media print{body{margin:0}}
"""


def _fmt(value, decimals: int, lang: str) -> str | None:
    if value is None or pd.isna(value):
        return None
    return format_number(float(value), decimals, lang)


def direction_hints(indices, lang: str = "de") -> list[str]:
    """A reading hint per index: which way its values run, from its spec's direction.

    `indices`: (name, higher_is_better) pairs, e.g. ``(res.spec.name,
    res.spec.higher_is_better)`` of every index a page shows. The first line is the title
    and, where the indices run in opposite directions (the MSS status index: higher = more
    deprived, the NRW points: higher = better), says so.

    >>> direction_hints([("MSS", False), ("Alterung", True)])[1:]
    ['MSS: höhere Werte bedeuten eine ungünstigere Lage (mehr Benachteiligung).', \
'Alterung: höhere Werte bedeuten eine günstigere Lage (weniger Benachteiligung).']
    """
    indices = list(indices)
    if not indices:
        return []
    title = text("profile.direction.title", lang) + ":"
    if len({bool(b) for _, b in indices}) > 1:
        title = f"{text('profile.direction.title', lang)}: " \
            f"{text('profile.direction.opposite', lang)}"
    return [title] + [text("profile.direction.better" if better else "profile.direction.worse",
                           lang, name=name) for name, better in indices]


def hints_html(indices, lang: str = "de") -> str:
    """:func:`direction_hints` as a small paragraph (every name escaped)."""
    return hint_paragraph(direction_hints(indices, lang))


def hint_paragraph(lines) -> str:
    """Reading-hint lines as a small HTML paragraph (each line escaped; '' for none)."""
    if not lines:
        return ""
    return '<p class="foot hint">' + "<br>".join(escape(x) for x in lines) + "</p>"


def display_geometries(geo) -> gpd.GeoSeries:
    """The areas simplified for the locator maps (display only; the statistics use the full
    geometry): a tolerance of 1/400 of the median area's extent keeps every shape
    recognisable at profile scale and drops the vertices no screen can show."""
    geoms = geo.geometry
    extent = np.sqrt(np.nanmedian(geoms.area.to_numpy())) if len(geoms) else 0.0
    return geoms.simplify(max(extent / 400.0, 0.5), preserve_topology=True)


def _svg_path(geom, x0: float, y0: float, f: float) -> str:
    """SVG path data of a (multi)polygon in the extract's pixel frame (y down)."""
    parts = []
    for poly in getattr(geom, "geoms", [geom]):
        if poly.is_empty or poly.geom_type != "Polygon":
            continue
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            px = np.round((xy[:, 0] - x0) * f, 1)
            py = np.round((y0 - xy[:, 1]) * f, 1)
            pts = " ".join(f"{a:g} {b:g}" for a, b in zip(px[:-1], py[:-1], strict=True))
            parts.append(f"M{pts}Z")
    return "".join(parts)


def locator_window(geoms, key, margin: float = 1.6):
    """The square extract around area `key` (a shapely box) and the areas touching it."""
    minx, miny, maxx, maxy = geoms.loc[[key]].total_bounds
    span = max(maxx - minx, maxy - miny) * margin + 200.0
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    window = shapely.box(cx - span / 2, cy - span / 2, cx + span / 2, cy + span / 2)
    near = geoms.iloc[geoms.sindex.query(window, predicate="intersects")]
    return window, near


def _map_svg(geoms, key, size: int = 360) -> str:
    """A small locator map: the area highlighted, its surroundings in grey (inline SVG).

    Drawn by hand from the simplified geometries (:func:`display_geometries`), clipped to
    the extract (:func:`locator_window`): matplotlib drew the whole city into every
    profile (2.9 MB and 0.17 s per profile on a city of 500 areas); this is a few KB and
    milliseconds. No text from the data goes into the SVG.
    """
    window, near = locator_window(geoms, key)
    x0, _, x1, y0 = window.bounds
    f = size / (x1 - x0)
    clipped = shapely.clip_by_rect(near.to_numpy(), *window.bounds)
    others = "".join(
        _svg_path(g, x0, y0, f) for k, g in zip(near.index, clipped, strict=True) if k != key
    )
    own = _svg_path(geoms.loc[key], x0, y0, f)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="{size}" height="{size}" role="img">'
        f'<path d="{others}" fill="#eeeeee" stroke="#999999" stroke-width="0.6"/>'
        f'<path d="{own}" fill="#e6550d" stroke="#7f2704" stroke-width="1.4"/></svg>'
    )


def _city_values(results) -> dict:
    city = results.city
    return {
        c: float(city[c].iloc[0])
        for c in city.columns
        if not c.endswith("__reason") and pd.notna(city[c].iloc[0])
    }


@dataclass(frozen=True)
class Cell:
    """One shown value of a profile: its text, and whether it stands for a withheld value
    (then `text` is the reason, shown in grey italics / as such in the PDF)."""

    text: str
    withheld: bool = False


@dataclass(frozen=True)
class ProfileContent:
    """Everything a profile shows of one area, as plain text (escaped by the HTML writer,
    drawn as plain text by the PDF writer); built by :func:`profile_content`."""

    key: str
    title: str  # "name (key)" or the key
    level: str
    stichtag: str
    facts: list  # (label, Cell)
    indicators: list  # (label, Cell value, Cell city, difference text)
    index: list  # (label, Cell)
    hotspot_note: str
    policy: str
    source: str
    hints: list = field(default_factory=list)  # direction_hints of the indices


def profile_content(cfg, results, key: str) -> ProfileContent:
    """The published facts, indicators and index results of area `key` (texts in
    ``cfg.language``); a withheld value is a :class:`Cell` with its reason."""
    lang = cfg.language
    t = lambda k, **v: text(k, lang, **v)  # noqa: E731
    base = next(iter(results.levels.values()))
    frame = base.frame
    row = frame.loc[key]
    name = row.get("name") if "name" in frame.columns else None
    title = f"{name} ({key})" if isinstance(name, str) else key
    missing = Cell(t("report.style.missing"), True)

    def cell(value, decimals=1, unit=""):
        s = _fmt(value, decimals, lang)
        return missing if s is None else Cell(s + (f" {unit}" if unit else ""))

    facts = [
        (t("profile.key"), Cell(key)),
        (t("profile.area"), cell(row.get("flaeche_km2"), 2, "km²")),
        (t("profile.population"), cell(row.get("einwohner"), 0)),
    ]
    density = None
    if pd.notna(row.get("einwohner")) and pd.notna(row.get("flaeche_km2")) and row["flaeche_km2"]:
        density = float(row["einwohner"]) / float(row["flaeche_km2"])
    facts.append((t("profile.density"), cell(density, 0, t("profile.per_km2"))))
    for lv in list(results.levels.values())[1:]:
        if lv.key in frame.columns and isinstance(row.get(lv.key), str):
            parent = lv.frame["name"].get(row[lv.key]) if "name" in lv.frame.columns else None
            facts.append((lv.label, Cell(f"{parent} ({row[lv.key]})" if parent else row[lv.key])))

    city = _city_values(results)
    indicators = []
    for ind in cfg.indicators:
        label = ind.label_en if lang == "en" and ind.label_en else ind.label
        value = row.get(ind.code)
        note = row.get(f"{ind.code}_hinweis") if f"{ind.code}_hinweis" in frame.columns else None
        shown = Cell(note, True) if pd.isna(value) and isinstance(note, str) \
            else cell(value, 1, ind.unit)
        cval = city.get(ind.code)
        diff = ""
        if not pd.isna(value) and cval is not None:
            delta = float(value) - round(cval, 2)
            diff = cell(delta, 1).text
            if round(delta, 1) > 0:
                diff = "+" + diff  # the sign says above / below the city value
        indicators.append((label, shown, cell(cval, 1, ind.unit), diff))

    idx = []
    if "index_wert" in frame.columns:
        n_ranked = int(frame["index_rang"].notna().sum())
        rank = row.get("index_rang")
        note = row.get("index_hinweis") if "index_hinweis" in frame.columns else None
        idx.append((t("profile.index_score"), cell(row.get("index_wert"), 2)))
        idx.append((t("profile.index_rank"), missing if pd.isna(rank)
                    else Cell(t("profile.rank_of", rank=int(rank), n=n_ranked))))
        klass = row.get("index_klasse")
        idx.append((t("profile.index_class"), Cell(klass) if isinstance(klass, str)
                    else Cell(note if isinstance(note, str) else missing.text, True)))
    for name, res in base.extra_indices.items():
        if f"{name}_wert" not in frame.columns:
            continue
        klass = row.get(f"{name}_klasse")
        shown = cell(row.get(f"{name}_wert"), 2)
        if isinstance(klass, str) and not shown.withheld:
            shown = Cell(f"{shown.text} · {klass}")
        idx.append((res.spec.name, shown))
    need = row.get("handlungsbedarf") if "handlungsbedarf" in frame.columns else None
    if isinstance(need, str):
        idx.append((t("report.head.handlungsbedarf"), Cell(need)))
    for prefix, label in (("lisa", "profile.lisa"), ("gi", "profile.gi")):
        col = f"{prefix}_text"
        if col in frame.columns:
            value = row.get(col)
            p = row.get(f"{prefix}_p_korr", row.get(f"{prefix}_p"))
            extra = f" (p = {_fmt(p, 4, lang)})" if p is not None and pd.notna(p) else ""
            idx.append((t(label), Cell(value + extra) if isinstance(value, str) else missing))
    shown_idx = ([base.index] if "index_wert" in frame.columns and base.index is not None else [])
    shown_idx += [res for name, res in base.extra_indices.items()
                  if f"{name}_wert" in frame.columns]
    hints = direction_hints([(res.spec.name, res.spec.higher_is_better) for res in shown_idx],
                            lang)

    hs = cfg.hotspots
    source = "; ".join(
        s for s in (cfg.inputs.source, cfg.inputs.geometry_source, licences(cfg.inputs, lang)) if s
    )
    return ProfileContent(
        key=key, title=title, level=base.label,
        stichtag=format_stichtag(cfg.inputs.stichtag), facts=facts, indicators=indicators,
        index=idx,
        hints=hints,
        hotspot_note=t("profile.hotspot_note", permutations=format_number(hs.permutations, 0, lang),
                       seed=hs.seed, alpha=format_plain(hs.alpha, lang),
                       corr=text(f"stats.correction.{hs.correction}", lang)),
        policy=cfg.policy.description(lang),
        source=source or "–",
    )


def _html_cell(c: Cell) -> str:
    return f'<span class="hidden">{escape(c.text)}</span>' if c.withheld else escape(c.text)


def profile_html(cfg, results, key: str, geoms=None, charts=None) -> str:
    """The profile page of area `key` (HTML text); `geoms` from :func:`display_geometries`,
    `charts` the area's series from :func:`~sozialraum.report.profile_charts.chart_series`
    (None: no line charts)."""

    lang = cfg.language
    t = lambda k, **v: text(k, lang, **v)  # noqa: E731
    c = profile_content(cfg, results, key)
    base = next(iter(results.levels.values()))
    title = escape(c.title)
    fact_rows = "".join(f"<tr><th>{escape(k)}</th><td>{_html_cell(v)}</td></tr>"
                        for k, v in c.facts)
    ind_rows = "".join(
        f"<tr><td>{escape(label)}</td><td class=n>{_html_cell(v)}</td>"
        f"<td class=n>{_html_cell(cv)}</td><td class=n>{escape(diff)}</td></tr>"
        for label, v, cv, diff in c.indicators
    )
    ind_table = (
        f"<table><tr><th>{t('profile.indicator')}</th><th>{t('profile.value')}</th>"
        f"<th>{t('profile.city')}</th><th>{t('profile.diff')}</th></tr>{ind_rows}</table>"
    )
    idx_table = "<table>" + "".join(
        f"<tr><th>{escape(k)}</th><td>{_html_cell(v)}</td></tr>" for k, v in c.index
    ) + "</table>"
    idx_table += hint_paragraph(c.hints)
    series = chart_section_html(charts, lang) if charts else ""
    css = CHART_CSS if series else ""
    svg = _map_svg(geoms if geoms is not None else display_geometries(base.map_frame), key)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(t("profile.title"))}: {title}</title><style>{_CSS}{css}</style></head>
<body>
<h1>{escape(t("profile.title"))}: {title}</h1>
<p class="sub">{escape(c.level)} · {escape(t("profile.stichtag", stichtag=c.stichtag))}</p>
<div class="grid"><div class="map">{svg}</div>
<div><table>{fact_rows}</table></div></div>
<h2>{escape(t("profile.h.indicators"))}</h2>
{ind_table}
<p class="foot">{escape(t("profile.city_note"))}</p>
<h2>{escape(t("profile.h.index"))}</h2>
{idx_table}
<p class="foot">{escape(c.hotspot_note)}</p>
{series}<p class="foot">{escape(c.policy)}<br>
{escape(t("profile.source", source=c.source))}<br>
{escape(t("profile.made_with", version=__version__))}</p>
</body></html>
"""


def write_profiles(cfg, results, folder: Path, *, progress=None, draw_pdf=None) -> list[Path]:
    """Write the profiles of every area of the base level and an index page into `folder`.

    ``[profiles] formats``: ``"html"`` writes ``<name>.html``; ``"pdf"`` writes
    ``<name>.pdf`` with `draw_pdf` (:func:`sozialraum.report.profiles_pdf.profile_pdf`,
    passed in by the writer: that module builds on this one). With ``[monitoring]`` each
    profile gets the line charts of its series. File names come from
    :func:`~sozialraum._util.files.safe_names` (a key such as ``../x`` or ``index`` can
    neither leave the folder nor replace the index page); the index page links every key
    to its files.
    """
    folder.mkdir(parents=True)
    lang = cfg.language
    formats = cfg.profiles.formats
    base = next(iter(results.levels.values()))
    geoms = display_geometries(base.map_frame)
    series = chart_series(cfg, results)
    keys = [str(k) for k in base.frame.index]
    names = safe_names(keys, reserved=("index",))
    written = []
    links = []
    for i, key in enumerate(keys):
        charts = series.get(key)
        if "html" in formats:
            path = inside(folder, f"{names[key]}.html")
            path.write_text(profile_html(cfg, results, key, geoms, charts), encoding="utf-8")
            written.append(path)
        if "pdf" in formats and draw_pdf is not None:
            written.append(draw_pdf(cfg, results, key, geoms, inside(folder, f"{names[key]}.pdf"),
                                    charts))
        if progress is not None:
            progress(i + 1, len(keys))
        name = base.frame.at[key, "name"] if "name" in base.frame.columns else ""
        stem = escape(names[key], quote=True)
        label = f"{escape(key)} {escape(str(name or ''))}"
        if "html" in formats:
            entry = f'<a href="{stem}.html">{label}</a>'
            if "pdf" in formats:
                entry += f' (<a href="{stem}.pdf">PDF</a>)'
        else:
            entry = f'<a href="{stem}.pdf">{label}</a> (PDF)'
        links.append(f"<li>{entry}</li>")
    title = text("profile.index_title", lang, level=base.label)
    (folder / "index.html").write_text(
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title><style>{_CSS}</style></head><body><h1>{escape(title)}</h1><ul>{''.join(links)}"
        "</ul></body></html>\n",
        encoding="utf-8",
    )
    return written
