"""Private: one "Kommunalprofil" per municipality of a region, as a self-contained HTML page.

Written into ``kommunalprofile/`` of a bundle whose config names ``[inputs]
municipality``. Each page holds a map of the municipality's Sozialräume coloured by
index class (inline SVG of the simplified areas, the neighbouring municipalities in
grey), the index of its Sozialräume against the region (and the municipality's
population-weighted mean against the region's), key indicators of the municipality
against the region with their change since the previous Stichtag (where the tables
hold one), and the population structure (age groups and a small pyramid by sex, as
inline SVG). Municipality and region values are rates recomputed from summed counts
(never averaged rates), published through the confidentiality policy: a suppressed
value shows its sign. Every text comes from the catalogue; every string from the data
is escaped.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd
import shapely

from sozialraum._text import format_number, text
from sozialraum._util.dates import format_stichtag
from sozialraum._util.files import inside, safe_names
from sozialraum._util.version import __version__
from sozialraum.config.inputs import table_of
from sozialraum.indicators.confidentiality import CITY_LEVEL
from sozialraum.report.disclosure import level_numbers, published_levels
from sozialraum.report.frames import hidden
from sozialraum.report.maps import licences
from sozialraum.report.profiles import _CSS, _svg_path, display_geometries, hints_html
from sozialraum.report.tables import REASON_SIGNS, cell_signs

AGE_GROUPS = ("U6", "6_14", "15_17", "18_64", "65U")
#: catalogue keys of the age groups (literal, so that the catalogue test sees them)
AGE_TEXTS = {
    "U6": "kprofil.age.U6",
    "6_14": "kprofil.age.6_14",
    "15_17": "kprofil.age.15_17",
    "18_64": "kprofil.age.18_64",
    "65U": "kprofil.age.65U",
}
#: fill colours of the index classes, least to most deprived (ColorBrewer YlOrRd)
PALETTES = {
    3: ("#ffeda0", "#feb24c", "#f03b20"),
    4: ("#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"),
    5: ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"),
    6: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"),
}
MISSING_FILL = "#ffffff"
_EXTRA_CSS = """
.legend span{display:inline-block;width:1em;height:1em;border:1px solid #999;
vertical-align:middle;margin:0 .3em 0 .8em}
.pyr svg{width:100%;max-width:26em;height:auto}
.bars svg{width:100%;max-width:32em;height:auto}
td.k{white-space:nowrap}
"""


# --- the numbers --------------------------------------------------------------------------


#: the pyramid's cells: inhabitants by age group and sex (sums of the subgroup counts)
PYRAMID = {(age, sex): f"EW_{age}_{sex}" for age in AGE_GROUPS for sex in ("M", "W")}


#: the bar chart's bars per age group: sex x nationality (the subgroup table's cells)
BAR_GROUPS = (("M", "DEU"), ("M", "NDEU"), ("W", "DEU"), ("W", "NDEU"))
BAR_COLOURS = ("#08519c", "#6baed6", "#a50f15", "#fc9272")
#: catalogue keys of sex and nationality (literal, so that the catalogue test sees them)
SEX_TEXTS = {"M": "sub.male", "W": "sub.female"}
NAT_TEXTS = {"DEU": "sub.german", "NDEU": "sub.non_german"}


def bar_column(age: str, sex: str, nat: str) -> str:
    return f"EW_{age}_{sex}_{nat}"


def bar_label(sex: str, nat: str, lang: str) -> str:
    """The legend text of a bar: ``männlich · deutsch``."""
    return f"{text(SEX_TEXTS[sex], lang)} · {text(NAT_TEXTS[nat], lang)}"


def bar_cells(counts: pd.DataFrame, ags: str, lang: str) -> list[tuple]:
    """The bars of one municipality: (age, sex, nat, column, count or None, sign or None).

    A count the joint suppression withholds has no value but its sign: it is drawn as
    withheld (no bar, the sign) and named below the chart, never as 0.
    """
    out = []
    for age in AGE_GROUPS:
        for sex, nat in BAR_GROUPS:
            col = bar_column(age, sex, nat)
            sign = _sign(counts, col, ags)
            out.append((age, sex, nat, col, None if sign else float(counts.at[ags, col]), sign))
    return out


def withheld_text(cells, lang: str) -> str | None:
    """The sentence naming every withheld bar (None if all are shown)."""
    names = [f"{text(AGE_TEXTS[a], lang)} · {bar_label(s, n, lang)} ({sign})"
             for a, s, n, _, _, sign in cells if sign]
    return text("kprofil.bars_withheld", lang, cells="; ".join(names)) if names else None


def _with_region(own: pd.DataFrame, region: pd.DataFrame) -> pd.DataFrame:
    """The municipalities' rows and the region's row (index ``"__region__"``)."""
    region = region.copy()
    region.index = pd.Index(["__region__"])
    out = pd.concat([own, region[[c for c in own.columns if c in region.columns]]])
    out.index.name = own.index.name
    return out


def _numbers(cfg, joined: pd.DataFrame, sup) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(counts, rates) of every municipality and the region from the joint suppression."""
    column = cfg.inputs.municipality
    pub, rates = level_numbers(cfg, joined, sup, column)
    pub_r, rates_r = level_numbers(cfg, joined, sup, CITY_LEVEL)
    pub.index = pub.index.astype(str)
    rates.index = rates.index.astype(str)
    return _with_region(pub, pub_r), _with_region(rates, rates_r)


def previous_stichtag(cfg) -> tuple[object, pd.DataFrame] | None:
    """The latest Stichtag before the run's in the tables, and its joined table (or None)."""
    frames = []
    for t in cfg.inputs.tables:
        frame = table_of(cfg, t, "all")
        if "Stichtag" not in frame.index.names:
            return None
        frames.append(frame)
    if not frames:
        return None
    days = sorted(set.intersection(*[set(f.index.get_level_values("Stichtag")) for f in frames]))
    earlier = [d for d in days if d < pd.Timestamp(cfg.inputs.stichtag)]
    if not earlier:
        return None
    day = earlier[-1]
    parts = [f.loc[f.index.get_level_values("Stichtag") == day].droplevel("Stichtag")
             for f in frames]
    joined = parts[0]
    for p in parts[1:]:
        joined = joined.join(p[[c for c in p.columns if c not in joined.columns]])
    return day, joined


def region_numbers(cfg, results) -> dict:
    """Everything the profiles show, computed once for the region (private).

    Counts and rates of the municipalities and the region are the cells of the run's joint
    suppression (``results.suppression``, :mod:`sozialraum.report.disclosure`): the
    Gemeinden table, ``untergruppen.xlsx`` and the profiles withhold the same cells. The
    earlier Stichtag is suppressed the same way (its own joint suppression).
    """
    joined = results.inputs.joined
    column = cfg.inputs.municipality
    mun = joined[column].astype(str)
    counts, rates = _numbers(cfg, joined, results.suppression)
    out = {"mun": mun, "counts": counts, "rates": rates, "previous": None,
           "pyramid": all(c in counts.columns for c in PYRAMID.values()),
           "bars": all(bar_column(a, s, n) in counts.columns
                       for a in AGE_GROUPS for s, n in BAR_GROUPS)}
    prev = previous_stichtag(cfg)
    if prev is not None:
        day, frame = prev
        frame = frame.reindex(joined.index)
        for c in {column, *(lv.key for lv in cfg.inputs.levels)}:
            if c in joined.columns:  # the hierarchy keys come from the boundaries
                frame[c] = joined[c]
        pjoined, _, _, psup, _ = published_levels(cfg, frame)
        out["previous"] = (day, _numbers(cfg, pjoined, psup)[1])
    return out


def weighted_mean(score: pd.Series, population: pd.Series) -> float | None:
    """Population-weighted mean of the published index values (areas with both shown)."""
    ok = score.notna() & population.notna()
    if not ok.any() or float(population[ok].sum()) == 0:
        return None
    s = score[ok].astype(float)
    w = population[ok].astype(float)
    return float((s * w).sum() / w.sum())


def index_means(base, keys) -> list[tuple]:
    """(spec, municipality mean, region mean) of every index of the base level: the
    population-weighted means of the published values (the municipality's areas `keys`)."""
    frame = base.frame
    pop = pd.to_numeric(frame["einwohner"]).astype(float)
    out = []
    found = [("index", base.index)] + list(getattr(base, "extra_indices", {}).items())
    for prefix, res in found:
        col = f"{prefix}_wert"
        if res is None or col not in frame.columns:
            continue
        score = pd.to_numeric(frame[col]).astype(float)
        out.append((res.spec, weighted_mean(score[keys], pop[keys]), weighted_mean(score, pop)))
    return out


# --- the page -----------------------------------------------------------------------------


def _sign(frame: pd.DataFrame, column: str, key) -> str | None:
    """The confidentiality sign of a hidden value (None if shown)."""
    if column not in frame.columns:
        return REASON_SIGNS["not_available"]
    if not bool(hidden(frame, column).get(key, True)):
        return None
    reason_col = f"{column}__reason"
    reason = frame[reason_col].get(key) if reason_col in frame.columns else None
    return REASON_SIGNS.get(str(reason), ".") if isinstance(reason, str) else "."


def _map_svg(geoms, mun: pd.Series, ags: str, levels: pd.Series, k: int, size=420) -> str:
    """The municipality's Sozialräume coloured by index class, its neighbours grey."""
    own = geoms[mun.reindex(geoms.index) == ags]
    minx, miny, maxx, maxy = own.total_bounds
    span = max(maxx - minx, maxy - miny) * 1.15 + 200.0
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    x0, y0 = cx - span / 2, cy + span / 2
    f = size / span
    window = (cx - span / 2, cy - span / 2, cx + span / 2, cy + span / 2)
    near = geoms.iloc[geoms.sindex.query(shapely.box(*window), predicate="intersects")]
    clipped = pd.Series(shapely.clip_by_rect(near.to_numpy(), *window), index=near.index)
    others = "".join(_svg_path(g, x0, y0, f) for key, g in clipped.items()
                     if mun.get(key) != ags)
    palette = PALETTES.get(k, PALETTES[5])
    paths = []
    for key in own.index:
        lev = levels.get(key)
        fill = palette[int(lev)] if lev is not None and pd.notna(lev) and int(lev) < len(
            palette) else MISSING_FILL
        paths.append(f'<path d="{_svg_path(clipped[key], x0, y0, f)}" fill="{fill}" '
                     'stroke="#555555" stroke-width="0.7"/>')
    outline = shapely.union_all(own.to_numpy())
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="{size}" height="{size}" role="img">'
        f'<path d="{others}" fill="#eeeeee" stroke="#bbbbbb" stroke-width="0.5"/>'
        + "".join(paths)
        + f'<path d="{_svg_path(outline, x0, y0, f)}" fill="none" stroke="#222222" '
        'stroke-width="2"/></svg>'
    )


def _pyramid_svg(counts: pd.DataFrame, ags: str, lang: str) -> str:
    """Population by age group and sex: shares of the municipality (bars) and of the region
    (black ticks); a suppressed cell is drawn as its sign. Texts from the catalogue only."""
    width, row, mid, half = 360, 26, 215, 125.0
    own_total = float(counts.at[ags, "EW"])
    reg_total = float(counts.at["__region__", "EW"])
    cells = {}
    for age in AGE_GROUPS:
        for sex in ("M", "W"):
            col = PYRAMID[(age, sex)]
            sign = _sign(counts, col, ags)
            own = None if sign else float(counts.at[ags, col]) / own_total
            reg = None if _sign(counts, col, "__region__") else \
                float(counts.at["__region__", col]) / reg_total
            cells[(age, sex)] = (own, reg, sign)
    top = max([max(o or 0.0, r or 0.0) for o, r, _ in cells.values()]) or 1.0
    scale = half / top
    parts = [
        f'<text x="{mid - 60}" y="14" font-size="11" text-anchor="middle">'
        f'{escape(text("kprofil.men", lang))}</text>',
        f'<text x="{mid + 60}" y="14" font-size="11" text-anchor="middle">'
        f'{escape(text("kprofil.women", lang))}</text>',
    ]
    for i, age in enumerate(reversed(AGE_GROUPS)):
        y = 22 + i * row
        parts.append(f'<text x="4" y="{y + 16}" font-size="11">'
                     f"{escape(text(AGE_TEXTS[age], lang))}</text>")
        for sex, side in (("M", -1), ("W", 1)):
            own, reg, sign = cells[(age, sex)]
            base = mid + side * 2
            if own is None:
                parts.append(f'<text x="{base + side * 10}" y="{y + 16}" font-size="11" '
                             f'text-anchor="middle">{escape(sign)}</text>')
            else:
                w = round(own * scale, 1)
                x = round(base - w, 1) if side < 0 else base
                colour = "#3182bd" if sex == "M" else "#de2d26"
                parts.append(f'<rect x="{x}" y="{y + 3}" width="{w}" height="{row - 6}" '
                             f'fill="{colour}" fill-opacity="0.75"/>')
            if reg is not None:
                rx = round(base + side * reg * scale, 1)
                parts.append(f'<line x1="{rx}" x2="{rx}" y1="{y + 1}" y2="{y + row - 1}" '
                             'stroke="#000000" stroke-width="1.5"/>')
    height = 22 + len(AGE_GROUPS) * row + 6
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img">{"".join(parts)}</svg>')


def _bars_svg(counts: pd.DataFrame, ags: str, lang: str) -> str:
    """Inhabitants by age group, sex and nationality as horizontal bars (inline SVG).

    Each bar carries its count in the language's format as a label and in
    ``data-count`` (with its column in ``data-column``); a withheld count has no bar,
    only its sign. Texts from the catalogue only.
    """
    cells = bar_cells(counts, ags, lang)
    width, left, bar, gap = 440, 78, 9, 9
    right = width - 52
    top = max([v for *_, v, _ in cells if v is not None], default=0.0) or 1.0
    scale = (right - left) / top
    parts = []
    for i, (sex, nat) in enumerate(BAR_GROUPS):  # legend
        x = 4 + (i % 2) * 200
        y = 6 + (i // 2) * 15
        parts.append(f'<rect x="{x}" y="{y}" width="10" height="10" fill="{BAR_COLOURS[i]}"/>'
                     f'<text x="{x + 14}" y="{y + 9}" font-size="11">'
                     f"{escape(bar_label(sex, nat, lang))}</text>")
    y = 42
    for age in AGE_GROUPS:
        parts.append(f'<text x="4" y="{y + 2 * (bar + 1) + 4}" font-size="11">'
                     f"{escape(text(AGE_TEXTS[age], lang))}</text>")
        for i, (a, sex, nat, col, value, sign) in enumerate(c for c in cells if c[0] == age):
            shown = sign if sign else format_number(value, 0, lang)
            title = f"{text(AGE_TEXTS[a], lang)} · {bar_label(sex, nat, lang)}: {shown}"
            parts.append(f'<g data-column="{escape(col)}" data-count="{escape(shown)}">'
                         f"<title>{escape(title)}</title>")
            if sign:
                parts.append(f'<text x="{left + 2}" y="{y + bar - 1}" font-size="10" '
                             f'font-style="italic" fill="#555555">{escape(sign)}</text>')
            else:
                w = round(value * scale, 1)
                parts.append(f'<rect x="{left}" y="{y}" width="{w}" height="{bar}" '
                             f'fill="{BAR_COLOURS[i]}"/>'
                             f'<text x="{round(left + w + 3, 1)}" y="{y + bar - 1}" '
                             f'font-size="9">{escape(shown)}</text>')
            parts.append("</g>")
            y += bar + 1
        y += gap
    parts.append(f'<line x1="{left}" x2="{left}" y1="38" y2="{y - gap + 2}" stroke="#000000" '
                 'stroke-width="0.8"/>')
    height = y + 2
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img">{"".join(parts)}</svg>')


def _fmt(value, decimals: int, lang: str) -> str | None:
    if value is None or pd.isna(value):
        return None
    return format_number(float(value), decimals, lang)


def _signed(value, decimals: int, lang: str) -> str:
    s = format_number(float(value), decimals, lang)
    return "+" + s if round(float(value), decimals) > 0 else s


def _rows(rows) -> str:
    return "".join("<tr>" + "".join(rows_) + "</tr>" for rows_ in rows)


def profile_html(cfg, results, ags: str, numbers: dict, geoms) -> str:
    """The Kommunalprofil page of municipality `ags` (HTML text)."""
    lang = cfg.language
    t = lambda k, **v: text(k, lang, **v)  # noqa: E731
    levels = list(results.levels.values())
    base = levels[0]
    frame = base.frame
    mun, counts, rates = numbers["mun"], numbers["counts"], numbers["rates"]
    keys = [k for k in frame.index if mun.get(k) == ags]
    gem = next((lv for lv in levels[1:] if lv.key == cfg.inputs.municipality), None)
    name = gem.frame["name"].get(ags) if gem is not None and "name" in gem.frame.columns \
        else None
    title = escape(f"{name} ({ags})" if isinstance(name, str) else ags)
    n_mun = int(mun.nunique())
    stichtag = format_stichtag(cfg.inputs.stichtag)
    sign_html = lambda s: f'<span class="hidden">{escape(s)}</span>'  # noqa: E731

    def num(value, decimals=1, unit="", sign=None):
        s = _fmt(value, decimals, lang)
        if sign is not None or s is None:
            return sign_html(sign or ".")
        return escape(s + (f" {unit}" if unit else ""))

    # facts
    pop_sign = _sign(counts, cfg.inputs.population, ags)
    ew = counts.at[ags, cfg.inputs.population]
    ew_region = counts.at["__region__", cfg.inputs.population]
    area = pd.to_numeric(frame.loc[keys, "flaeche_km2"]).sum() if "flaeche_km2" in frame else None
    facts = [
        (t("kprofil.ags"), escape(ags)),
        (t("kprofil.population"), num(ew, 0, sign=pop_sign)),
        (t("kprofil.share_region"),
         num(None if pop_sign else 100.0 * float(ew) / float(ew_region), 1, "%", pop_sign)),
        (t("kprofil.area"), num(area, 2, "km²")),
        (t("kprofil.density"),
         num(None if pop_sign or not area else float(ew) / float(area), 0,
             t("kprofil.per_km2"), pop_sign)),
        (t("kprofil.n_areas", level=base.label), escape(str(len(keys)))),
    ]
    fact_html = _rows([(f"<th>{escape(k)}</th>", f"<td>{v}</td>") for k, v in facts])

    # the map and its legend
    index = base.index
    sch = index.spec.classes if index is not None else None
    k = sch.n_classes if sch is not None else 5
    level_of = index.class_level if index is not None else pd.Series(dtype="Int64")
    svg = _map_svg(geoms, mun, ags, level_of, k)
    legend = ""
    if sch is not None:
        palette = PALETTES.get(k, PALETTES[5])
        items = [f'<span style="background:{palette[i]}"></span>{escape(lab)}'
                 for i, lab in enumerate(sch.class_labels(lang)) if i < len(palette)]
        items.append(f'<span style="background:{MISSING_FILL}"></span>'
                     f'{escape(t("kprofil.no_value"))}')
        legend = f'<p class="legend">{"".join(items)}</p>'

    # the index of its Sozialräume against the region
    idx_html = f"<p>{escape(t('kprofil.no_index'))}</p>"
    if "index_wert" in frame.columns:
        n_ranked = int(frame["index_rang"].notna().sum())
        shown = [c for c in ("einwohner", "index_wert", "index_hinweis") if c in frame.columns]
        hidden_signs = cell_signs(frame.loc[keys, shown], lang)
        rows = []
        for key in keys:
            r = frame.loc[key]
            sign = None if pd.notna(r["index_wert"]) else (
                hidden_signs.at[key, "index_wert"]
                if pd.notna(hidden_signs.at[key, "index_wert"]) else ".")
            local = str(key)[len(ags) + 1:] if str(key).startswith(f"{ags}-") else str(key)
            klass = (escape(r["index_klasse"]) if isinstance(r["index_klasse"], str)
                     else sign_html(sign or "."))
            rows.append((
                f"<td class=k>{escape(local)}</td>",
                f"<td>{escape(str(r.get('name') or ''))}</td>",
                f"<td class=n>{num(r.get('einwohner'), 0)}</td>",
                f"<td class=n>{num(r['index_wert'], 2, sign=sign)}</td>",
                f"<td class=n>{num(r['index_rang'], 0, sign=sign)}</td>",
                f"<td>{klass}</td>",
            ))
        pop = pd.to_numeric(frame["einwohner"]).astype(float)
        score = pd.to_numeric(frame["index_wert"]).astype(float)
        own_mean = weighted_mean(score[keys], pop[keys])
        reg_mean = weighted_mean(score, pop)
        head = "".join(f"<th>{escape(t(h))}</th>" for h in (
            "kprofil.key", "kprofil.name", "kprofil.population", "kprofil.index_value",
            "kprofil.index_rank", "kprofil.index_class"))
        mean_rows = [
            (f"<th>{escape(t('kprofil.mean_municipality'))}</th>",
             f"<td class=n>{num(own_mean, 2)}</td>"),
            (f"<th>{escape(t('kprofil.mean_region'))}</th>",
             f"<td class=n>{num(reg_mean, 2)}</td>"),
        ]
        if own_mean is not None and reg_mean is not None:
            mean_rows.append((f"<th>{escape(t('kprofil.diff'))}</th>",
                              f"<td class=n>{escape(_signed(own_mean - reg_mean, 2, lang))}</td>"))
        if gem is not None and "index_wert" in gem.frame.columns:
            gr = gem.frame.loc[ags]
            mean_rows.append((
                f"<th>{escape(t('kprofil.index_gemeinde', level=gem.label))}</th>",
                f"<td class=n>{num(gr['index_wert'], 2)} · "
                + (escape(t("kprofil.rank_of", rank=int(gr["index_rang"]),
                            n=int(gem.frame["index_rang"].notna().sum())))
                   if pd.notna(gr["index_rang"]) else sign_html("."))
                + "</td>"))
        reference = index.describe_reference(lang) if index is not None else ""
        intro = t("kprofil.index_intro", name=index.spec.name, n=n_ranked, level=base.label)
        means = index_means(base, keys)
        all_rows = [(f"<td>{escape(spec.name)}</td>", f"<td class=n>{num(own, 2)}</td>",
                     f"<td class=n>{num(reg, 2)}</td>",
                     "<td class=n>" + (escape(_signed(own - reg, 2, lang))
                                       if own is not None and reg is not None
                                       else sign_html(".")) + "</td>")
                    for spec, own, reg in means]
        all_head = "".join(f"<th>{escape(t(h))}</th>" for h in (
            "report.index", "kprofil.municipality", "kprofil.region", "kprofil.diff"))
        idx_html = (
            f"<p>{escape(intro)} {escape(reference)}</p>"
            f"<table><tr>{head}</tr>{_rows(rows)}</table>"
            f"<table>{_rows(mean_rows)}</table>"
            f"<table><tr>{all_head}</tr>{_rows(all_rows)}</table>"
            + hints_html([(spec.name, spec.higher_is_better) for spec, _, _ in means], lang)
            + f"<p class=foot>{escape(t('kprofil.mean_note'))}</p>"
        )

    # key indicators against the region, with their change
    prev = numbers["previous"]
    ind_rows = []
    for ind in cfg.indicators:
        if ind.code not in rates.columns:
            continue
        label = ind.label_en if lang == "en" and ind.label_en else ind.label
        own_sign = _sign(rates, ind.code, ags)
        own = round(float(rates.at[ags, ind.code]), 2) if not own_sign else None
        reg_sign = _sign(rates, ind.code, "__region__")
        reg = round(float(rates.at["__region__", ind.code]), 2) if not reg_sign else None
        diff = (escape(_signed(own - reg, 1, lang)) if own is not None and reg is not None
                else sign_html("."))
        # shown rounded once from the rate (rounding the 2-decimal value again could be off
        # by one in the last digit: 3,0502 -> 3,05 -> 3,0); the differences use the tables'
        shown = [None if s else rates.at[k, ind.code]
                 for s, k in ((own_sign, ags), (reg_sign, "__region__"))]
        cells = [f"<td>{escape(label)}</td>",
                 f"<td class=n>{num(shown[0], 1, ind.unit, own_sign)}</td>",
                 f"<td class=n>{num(shown[1], 1, ind.unit, reg_sign)}</td>",
                 f"<td class=n>{diff}</td>"]
        if prev is not None:
            prates = prev[1]
            psign = _sign(prates, ind.code, ags) if ind.code in prates.columns else "..."
            if own is None or psign:
                cells.append(f"<td class=n>{sign_html(own_sign or psign)}</td>")
            else:
                before = round(float(prates.at[ags, ind.code]), 2)
                cells.append(f"<td class=n>{escape(_signed(own - before, 1, lang))}</td>")
        ind_rows.append(cells)
    heads = ["kprofil.indicator", "kprofil.municipality", "kprofil.region", "kprofil.diff"]
    ind_head = "".join(f"<th>{escape(t(h))}</th>" for h in heads)
    if prev is not None:
        ind_head += f"<th>{escape(t('kprofil.change', since=format_stichtag(prev[0].date())))}</th>"
    ind_html = f"<table><tr>{ind_head}</tr>{_rows(ind_rows)}</table>"

    # population structure
    age_rows = []
    for age in AGE_GROUPS:
        col = f"EW_{age}"
        if col not in counts.columns:
            continue
        sign = _sign(counts, col, ags) or pop_sign
        share = None if sign else 100.0 * float(counts.at[ags, col]) / float(ew)
        reg_share = 100.0 * float(counts.at["__region__", col]) / float(ew_region)
        age_rows.append((f"<td>{escape(t(AGE_TEXTS[age]))}</td>",
                         f"<td class=n>{num(counts.at[ags, col], 0, sign=sign)}</td>",
                         f"<td class=n>{num(share, 1, '%', sign)}</td>",
                         f"<td class=n>{num(reg_share, 1, '%')}</td>"))
    pop_html = ""
    if age_rows:
        head = "".join(f"<th>{escape(t(h))}</th>" for h in (
            "kprofil.age_group", "kprofil.count", "kprofil.share", "kprofil.share_region_col"))
        pop_html = f"<table><tr>{head}</tr>{_rows(age_rows)}</table>"
    if numbers["pyramid"] and not pop_sign:
        pop_html += (f'<div class="pyr">{_pyramid_svg(counts, ags, lang)}</div>'
                     f"<p class=foot>{escape(t('kprofil.pyramid_note'))}</p>")
    if numbers["bars"]:
        withheld = withheld_text(bar_cells(counts, ags, lang), lang)
        pop_html += (f"<h3>{escape(t('kprofil.h.bars'))}</h3>"
                     f'<div class="bars">{_bars_svg(counts, ags, lang)}</div>'
                     f"<p class=foot>{escape(t('kprofil.bars_note'))}"
                     + (f"<br>{escape(withheld)}" if withheld else "") + "</p>")

    signs = " · ".join(f"{s} = {t(k)}" for s, k in (
        ("x", "report.sign.secret"), ("(x)", "report.sign.below_population"),
        (".", "kprofil.sign.other")))
    source = "; ".join(
        s for s in (cfg.inputs.source, cfg.inputs.geometry_source, licences(cfg.inputs, lang)) if s
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(t("kprofil.title"))}: {title}</title><style>{_CSS}{_EXTRA_CSS}</style></head>
<body>
<h1>{escape(t("kprofil.title"))}: {title}</h1>
<p class="sub">{escape(t("kprofil.sub", n=n_mun, stichtag=stichtag))}</p>
<div class="grid"><div class="map">{svg}{legend}</div>
<div><table>{fact_html}</table></div></div>
<h2>{escape(t("kprofil.h.index"))}</h2>
{idx_html}
<h2>{escape(t("kprofil.h.indicators"))}</h2>
{ind_html}
<p class="foot">{escape(t("kprofil.indicator_note"))}</p>
<h2>{escape(t("kprofil.h.population"))}</h2>
{pop_html}
<p class="foot">{escape(cfg.policy.description(lang))}<br>{escape(signs)}<br>
{escape(t("profile.source", source=source or "–"))}<br>
{escape(t("profile.made_with", version=__version__))}</p>
</body></html>
"""


def write_kommunalprofile(cfg, results, folder: Path, *, progress=None,
                          draw_pdf=None) -> list[Path]:
    """Write one Kommunalprofil per municipality and an index page into `folder`.

    `draw_pdf` (``kommunalprofile_pdf.profile_pdf``) also writes each as a one-page PDF
    next to its HTML page.

    File names are the municipality keys made safe (:func:`safe_names`), so a key can
    neither leave the folder nor replace the index page.
    """
    folder.mkdir(parents=True)
    lang = cfg.language
    numbers = region_numbers(cfg, results)
    base = next(iter(results.levels.values()))
    geoms = display_geometries(base.map_frame)
    gem = next((lv for lv in list(results.levels.values())[1:]
                if lv.key == cfg.inputs.municipality), None)
    keys = sorted(numbers["mun"].unique())
    names = safe_names(keys, reserved=("index",))
    written, links = [], []
    for i, ags in enumerate(keys):
        path = inside(folder, f"{names[ags]}.html")
        path.write_text(profile_html(cfg, results, ags, numbers, geoms), encoding="utf-8")
        written.append(path)
        if draw_pdf is not None:
            written.append(draw_pdf(cfg, results, ags, numbers, geoms,
                                    inside(folder, f"{names[ags]}.pdf")))
        if progress is not None:
            progress(i + 1, len(keys))
        name = gem.frame["name"].get(ags, "") if gem is not None and \
            "name" in gem.frame.columns else ""
        pdf_link = (f' (<a href="{escape(names[ags], quote=True)}.pdf">PDF</a>)'
                    if draw_pdf is not None else "")
        links.append(f'<li><a href="{escape(names[ags], quote=True)}.html">{escape(ags)} '
                     f"{escape(str(name or ''))}</a>{pdf_link}</li>")
    title = text("kprofil.index_title", lang)
    (folder / "index.html").write_text(
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title><style>{_CSS}</style></head><body><h1>{escape(title)}</h1><ul>{''.join(links)}"
        "</ul></body></html>\n",
        encoding="utf-8",
    )
    return written

