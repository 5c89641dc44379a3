"""Private: the Kommunalprofil of one municipality as a one-page A4 PDF (matplotlib, vector).

The same content as the HTML page (:mod:`sozialraum.report.kommunalprofile`): the map
of the municipality's Sozialräume by index class (neighbours grey), its facts, the table
of its Sozialräume, its indices against the region (population-weighted means of the
published values), the key indicators against the region with their change, and the
population pyramid from the published counts (a withheld cell shows its sign, no bar).
Every number comes from the same published tables as the HTML page; every text from the
catalogue; strings from the data are drawn as plain text (mathtext off). The page
machinery (:func:`page_context`, :func:`draw_table`, :func:`draw_note`,
:func:`save_page`) is shared with the PDF Sozialraumprofile
(:mod:`sozialraum.report.profiles_pdf`).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
import shapely

from sozialraum._text import text
from sozialraum._util.dates import format_stichtag
from sozialraum._util.files import disk_full_first
from sozialraum._util.version import __version__
from sozialraum.report.kommunalprofile import (
    AGE_GROUPS,
    AGE_TEXTS,
    BAR_COLOURS,
    BAR_GROUPS,
    MISSING_FILL,
    PALETTES,
    PYRAMID,
    _fmt,
    _sign,
    _signed,
    bar_cells,
    bar_label,
    index_means,
    withheld_text,
)
from sozialraum.report.maps import licences
from sozialraum.report.profiles import direction_hints

#: A4 portrait in inches
A4 = (8.27, 11.69)
_SMALL, _TINY = 7.0, 6.0


def _cell(value, decimals: int, lang: str, sign=None, unit: str = "") -> str:
    s = _fmt(value, decimals, lang)
    if sign is not None or s is None:
        return sign or "."
    return s + (f" {unit}" if unit else "")


def draw_table(ax, rows, header, widths, *, size=_SMALL, align=None):
    """A plain table (header bold) filling the axes from the top; returns the bottom of
    its last row in axes coordinates (1.0 = the top of the axes)."""
    ax.set_axis_off()
    inches = ax.get_position().width * ax.figure.get_figwidth()
    # characters that fit a column: average glyph width about 0.55 of the font size
    fits = [max(3, int(w * inches * 72 / (size * 0.55))) for w in widths]
    # bold headers are wider: wrap them at about 0.62 of the font size per glyph
    head = [textwrap.fill(str(v), max(3, int(fits[c] * 0.55 / 0.62)), break_long_words=False)
            for c, v in enumerate(header)]
    lines = max(v.count("\n") + 1 for v in head)
    n = len(rows) + lines
    h = min(1.0 / max(n, 1), 0.085)
    xs = [0.0]
    for w in widths[:-1]:
        xs.append(xs[-1] + w)
    align = align or ["left"] * len(header)
    top = 1.0 - lines * h
    for c, value in enumerate(head):
        right = align[c] == "right"
        ax.text(xs[c] + (widths[c] - 0.01 if right else 0.0), top + 0.2 * h, value,
                fontsize=size, va="bottom", ha="right" if right else "left",
                fontweight="bold", transform=ax.transAxes, linespacing=1.0)
    ax.plot([0, sum(widths)], [top, top], color="#888888", linewidth=0.5,
            transform=ax.transAxes)
    for r, row in enumerate(rows):
        y = top - (r + 0.5) * h
        for c, value in enumerate(row):
            right = align[c] == "right"
            value = str(value)
            if len(value) > fits[c]:
                value = value[: fits[c] - 1] + "…"
            ax.text(xs[c] + (widths[c] - 0.01 if right else 0.0), y, value, fontsize=size,
                    va="center", ha="right" if right else "left", transform=ax.transAxes)
    return top - len(rows) * h


def save_page(fig, path: Path, title: str) -> None:
    """Save `fig` as a one-page PDF and close it; no creation date in the file, so that the
    same results give the same bytes (provenance.json's checksums)."""
    import matplotlib.pyplot as plt  # lazy: matplotlib only when drawing

    try:
        with disk_full_first():
            fig.savefig(path, format="pdf", metadata={
                "Title": title, "Creator": f"sozialraum {__version__}", "CreationDate": None})
    finally:
        plt.close(fig)


def page_context():
    """The rc settings of every PDF page: data strings as plain text (mathtext off),
    the page's base font size, compressed streams."""
    import matplotlib.pyplot as plt  # lazy: matplotlib only when drawing

    return plt.rc_context({"text.parse_math": False, "font.size": _SMALL,
                           "pdf.compression": 9})


def draw_note(fig, x: float, y: float, value: str, width: int) -> None:
    """A small grey note, wrapped, hanging from (x, y) in figure coordinates."""
    wrapped = "\n".join(textwrap.fill(part, width, break_on_hyphens=False)
                         for part in value.split("\n"))
    fig.text(x, y, wrapped, fontsize=5, color="#444444", va="top", linespacing=1.3)


def _map(ax, geoms, mun: pd.Series, ags: str, levels: pd.Series, k: int):
    own = geoms[mun.reindex(geoms.index) == ags]
    minx, miny, maxx, maxy = own.total_bounds
    span = max(maxx - minx, maxy - miny) * 1.15 + 200.0
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    window = (cx - span / 2, cy - span / 2, cx + span / 2, cy + span / 2)
    near = geoms.iloc[geoms.sindex.query(shapely.box(*window), predicate="intersects")]
    others = near[mun.reindex(near.index) != ags]
    if len(others):
        others.clip(shapely.box(*window)).plot(ax=ax, color="#eeeeee", edgecolor="#bbbbbb",
                                               linewidth=0.3)
    palette = PALETTES.get(k, PALETTES[5])
    colours = []
    for key in own.index:
        lev = levels.get(key)
        ok = lev is not None and pd.notna(lev) and int(lev) < len(palette)
        colours.append(palette[int(lev)] if ok else MISSING_FILL)
    own.plot(ax=ax, color=colours, edgecolor="#555555", linewidth=0.4)
    outline = shapely.union_all(own.to_numpy()).boundary
    for line in getattr(outline, "geoms", [outline]):
        xy = shapely.get_coordinates(line)
        ax.plot(xy[:, 0], xy[:, 1], color="#222222", linewidth=1.2)
    ax.set_xlim(window[0], window[2])
    ax.set_ylim(window[1], window[3])
    ax.set_aspect("equal")
    ax.set_axis_off()


def _pyramid(ax, counts: pd.DataFrame, ags: str, lang: str):
    own_total = float(counts.at[ags, "EW"])
    reg_total = float(counts.at["__region__", "EW"])
    top = 0.0
    for i, age in enumerate(AGE_GROUPS):
        for sex, side, colour in (("M", -1, "#3182bd"), ("W", 1, "#de2d26")):
            col = PYRAMID[(age, sex)]
            sign = _sign(counts, col, ags)
            reg = float(counts.at["__region__", col]) / reg_total * 100 \
                if not _sign(counts, col, "__region__") else None
            if sign:
                ax.text(side * 0.3, i, sign, ha="right" if side < 0 else "left",
                        va="center", fontsize=_SMALL, gid=f"sign:{col}")
            else:
                own = float(counts.at[ags, col]) / own_total * 100
                ax.barh(i, side * own, color=colour, alpha=0.75, gid=f"bar:{col}")
                top = max(top, own)
            if reg is not None:
                ax.plot([side * reg] * 2, [i - 0.4, i + 0.4], color="black", linewidth=1.0)
                top = max(top, reg)
    from matplotlib.ticker import FuncFormatter  # lazy: matplotlib only when drawing

    lim = top * 1.15 or 1.0
    ax.set_xlim(-lim, lim)
    ax.set_yticks(range(len(AGE_GROUPS)), [text(AGE_TEXTS[a], lang) for a in AGE_GROUPS],
                  fontsize=_TINY)
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _: _fmt(abs(v), 0, lang) + " %"))
    ax.tick_params(axis="x", labelsize=_TINY)
    ax.axvline(0, color="black", linewidth=0.6)
    ax.text(0.02, 1.02, text("kprofil.men", lang), transform=ax.transAxes, fontsize=_SMALL)
    ax.text(0.98, 1.02, text("kprofil.women", lang), transform=ax.transAxes, fontsize=_SMALL,
            ha="right")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _bars(ax, cells, labels, lang: str):
    """Inhabitants by age group (young at the bottom), sex and nationality as bars with
    their counts; a withheld count gets its sign and no bar (never a bar of 0)."""
    from matplotlib.patches import Patch  # lazy: matplotlib only when drawing
    from matplotlib.ticker import FuncFormatter  # lazy: matplotlib only when drawing

    top = max([v for *_, v, _ in cells if v is not None], default=0.0) or 1.0
    height = 0.19
    for i, age in enumerate(AGE_GROUPS):
        mine = [c for c in cells if c[0] == age]
        for j, (_, _sex, _nat, col, value, sign) in enumerate(mine):
            y = i + (1.5 - j) * (height + 0.02)
            if sign:
                ax.text(top * 0.01, y, sign, va="center", fontsize=_TINY, style="italic",
                        color="#555555", gid=f"sign:{col}")
                continue
            ax.barh(y, value, height=height, color=BAR_COLOURS[j], gid=f"bar:{col}")
            ax.text(value + top * 0.01, y, _fmt(value, 0, lang), va="center", fontsize=4.5)
    ax.set_xlim(0, top * 1.22)
    ax.set_ylim(-0.55, len(AGE_GROUPS) - 0.45)
    ax.set_yticks(range(len(AGE_GROUPS)), labels, fontsize=5)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _fmt(v, 0, lang)))
    ax.tick_params(axis="x", labelsize=_TINY)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(color=BAR_COLOURS[j], label=bar_label(sex, nat, lang))
               for j, (sex, nat) in enumerate(BAR_GROUPS)]
    ax.legend(handles=handles, fontsize=5, loc="lower left", bbox_to_anchor=(-0.62, 1.0),
              ncol=2, frameon=False, handlelength=1.0, columnspacing=0.8)


def profile_pdf(cfg, results, ags: str, numbers: dict, geoms, path: Path) -> Path:
    """Draw the Kommunalprofil of `ags` on one A4 page and save it as PDF at `path`."""
    import matplotlib.pyplot as plt  # lazy: matplotlib only when drawing

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
    title = f"{name} ({ags})" if isinstance(name, str) else ags
    pop = cfg.inputs.population
    pop_sign = _sign(counts, pop, ags)
    ew, ew_region = counts.at[ags, pop], counts.at["__region__", pop]

    with page_context():
        fig = plt.figure(figsize=A4)
        fig.text(0.06, 0.965, f"{t('kprofil.title')}: {title}", fontsize=14, fontweight="bold")
        fig.text(0.06, 0.948, t("kprofil.sub", n=int(mun.nunique()),
                                stichtag=format_stichtag(cfg.inputs.stichtag)), fontsize=8)

        # map + legend, facts
        index = base.index
        sch = index.spec.classes if index is not None else None
        k = sch.n_classes if sch is not None else 5
        level_of = index.class_level if index is not None else pd.Series(dtype="Int64")
        _map(fig.add_axes((0.04, 0.70, 0.42, 0.24)), geoms, mun, ags, level_of, k)
        if sch is not None:
            palette = PALETTES.get(k, PALETTES[5])
            items = [(palette[i], lab) for i, lab in enumerate(sch.class_labels(lang))
                     if i < len(palette)] + [(MISSING_FILL, t("kprofil.no_value"))]
            for i, (colour, lab) in enumerate(items):
                y = 0.69 - i * 0.011
                fig.patches.append(plt.Rectangle((0.06, y), 0.012, 0.008, facecolor=colour,
                                                 edgecolor="#999999", linewidth=0.4,
                                                 transform=fig.transFigure))
                fig.text(0.077, y + 0.001, lab, fontsize=_TINY)
        area = pd.to_numeric(frame.loc[keys, "flaeche_km2"]).sum() \
            if "flaeche_km2" in frame else None
        share = None if pop_sign else 100.0 * float(ew) / float(ew_region)
        density = None if pop_sign or not area else float(ew) / float(area)
        facts = [
            (t("kprofil.ags"), ags),
            (t("kprofil.population"), _cell(ew, 0, lang, pop_sign)),
            (t("kprofil.share_region"), _cell(share, 1, lang, pop_sign, "%")),
            (t("kprofil.area"), _cell(area, 2, lang, None, "km²")),
            (t("kprofil.density"), _cell(density, 0, lang, pop_sign, t("kprofil.per_km2"))),
            (t("kprofil.n_areas", level=base.label), str(len(keys))),
        ]
        draw_table(fig.add_axes((0.52, 0.80, 0.42, 0.13)), facts[1:], facts[0], [0.6, 0.4],
               align=["left", "right"])

        # indices of the municipality against the region
        idx_rows = []
        means = index_means(base, keys)
        for spec, own, reg in means:
            diff = _signed(own - reg, 2, lang) if own is not None and reg is not None else "."
            idx_rows.append((spec.name[:34], _cell(own, 2, lang), _cell(reg, 2, lang), diff))
        fig.text(0.52, 0.785, t("kprofil.h.index"), fontsize=9, fontweight="bold")
        draw_table(fig.add_axes((0.52, 0.68, 0.42, 0.10)), idx_rows,
               (t("report.index"), t("kprofil.municipality"), t("kprofil.region"),
                t("kprofil.diff")), [0.46, 0.18, 0.18, 0.18], size=_TINY,
               align=["left", "right", "right", "right"])
        hints = direction_hints([(spec.name, spec.higher_is_better) for spec, _, _ in means],
                                lang)
        draw_note(fig, 0.52, 0.70, "\n".join([*hints, t("kprofil.mean_note")]), 100)

        # the Sozialräume
        rows = []
        for key in keys:
            r = frame.loc[key]
            local = str(key)[len(ags) + 1:] if str(key).startswith(f"{ags}-") else str(key)
            sign = None if pd.notna(r.get("index_wert")) else "."
            klass = r.get("index_klasse")
            rows.append((local, str(r.get("name") or "")[:28], _cell(r.get("einwohner"), 0, lang),
                         _cell(r.get("index_wert"), 2, lang, sign),
                         _cell(r.get("index_rang"), 0, lang, sign),
                         klass if isinstance(klass, str) else (sign or ".")))
        size = _TINY if len(rows) <= 26 else 4.5
        draw_table(fig.add_axes((0.06, 0.355, 0.42, 0.27)), rows,
               tuple(t(h) for h in ("kprofil.key", "kprofil.name", "kprofil.population",
                                    "kprofil.index_value", "kprofil.index_rank",
                                    "kprofil.index_class")),
               [0.09, 0.32, 0.19, 0.13, 0.1, 0.17], size=size,
               align=["left", "left", "right", "right", "right", "left"])

        # key indicators with their change
        prev = numbers["previous"]
        ind_rows = []
        for ind in cfg.indicators:
            if ind.code not in rates.columns:
                continue
            label = ind.label_en if lang == "en" and ind.label_en else ind.label
            own_sign = _sign(rates, ind.code, ags)
            own = None if own_sign else round(float(rates.at[ags, ind.code]), 2)
            reg_sign = _sign(rates, ind.code, "__region__")
            reg = None if reg_sign else round(float(rates.at["__region__", ind.code]), 2)
            diff = _signed(own - reg, 1, lang) if own is not None and reg is not None else "."
            # shown rounded once from the rate (rounding the 2-decimal value again could be off by
            # one in the last digit: 3,0502 -> 3,05 -> 3,0); the differences use the tables' values
            shown = [None if s else rates.at[k, ind.code]
                     for s, k in ((own_sign, ags), (reg_sign, "__region__"))]
            row = [label[:40], _cell(shown[0], 1, lang, own_sign),
                   _cell(shown[1], 1, lang, reg_sign), diff]
            if prev is not None:
                prates = prev[1]
                psign = _sign(prates, ind.code, ags) if ind.code in prates.columns else "..."
                row.append(own_sign or psign or _signed(
                    own - round(float(prates.at[ags, ind.code]), 2), 1, lang))
            ind_rows.append(row)
        head = [t("kprofil.indicator"), t("kprofil.municipality"), t("kprofil.region"),
                t("kprofil.diff")]
        widths = [0.5, 0.16, 0.16, 0.18]
        if prev is not None:
            head.append(t("kprofil.change", since=format_stichtag(prev[0].date())))
            widths = [0.44, 0.12, 0.12, 0.12, 0.2]
        fig.text(0.52, 0.595, t("kprofil.h.indicators"), fontsize=9, fontweight="bold")
        draw_table(fig.add_axes((0.52, 0.39, 0.44, 0.195)), ind_rows, head, widths, size=_TINY,
               align=["left"] + ["right"] * (len(head) - 1))

        # population structure
        fig.text(0.06, 0.325, t("kprofil.h.population"), fontsize=9, fontweight="bold")
        if numbers["pyramid"] and not pop_sign:
            _pyramid(fig.add_axes((0.13, 0.12, 0.33, 0.18)), counts, ags, lang)
            draw_note(fig, 0.06, 0.095, t("kprofil.pyramid_note"), 80)
        age_rows = {}
        for age in AGE_GROUPS:
            col = f"EW_{age}"
            if col not in counts.columns:
                continue
            sign = _sign(counts, col, ags) or pop_sign
            share = None if sign else 100.0 * float(counts.at[ags, col]) / float(ew)
            reg_sign = _sign(counts, col, "__region__")
            reg_share = None if reg_sign else \
                100.0 * float(counts.at["__region__", col]) / float(ew_region)
            age_rows[age] = (t(AGE_TEXTS[age]), _cell(counts.at[ags, col], 0, lang, sign),
                             _cell(share, 1, lang, sign, "%"),
                             _cell(reg_share, 1, lang, reg_sign, "%"))
        if numbers["bars"]:
            # the bars by age, sex and nationality; each age group's count and shares (the
            # HTML page's age table) in its label
            labels = [text("kprofil.bars_age", lang, age=age_rows[a][0],
                           count=age_rows[a][1], share=age_rows[a][2].replace(" %", ""),
                           region=age_rows[a][3].replace(" %", "")).replace(": ", ":\n", 1)
                      if a in age_rows else t(AGE_TEXTS[a]) for a in AGE_GROUPS]
            fig.text(0.52, 0.318, textwrap.fill(t("kprofil.h.bars"), 64), fontsize=7,
                     fontweight="bold", va="bottom")
            cells = bar_cells(counts, ags, lang)
            _bars(fig.add_axes((0.70, 0.115, 0.27, 0.165)), cells, labels, lang)
            withheld = withheld_text(cells, lang)
            note = t("kprofil.bars_note") + (f"\n{withheld}" if withheld else "")
            draw_note(fig, 0.52, 0.095, note, 88)
        elif age_rows:
            draw_table(fig.add_axes((0.56, 0.17, 0.40, 0.13)), list(age_rows.values()),
                   tuple(t(h) for h in ("kprofil.age_group", "kprofil.count", "kprofil.share",
                                        "kprofil.share_region_col")),
                   [0.4, 0.2, 0.2, 0.2], size=_TINY, align=["left", "right", "right", "right"])

        signs = " · ".join(f"{s} = {t(k)}" for s, k in (
            ("x", "report.sign.secret"), ("(x)", "report.sign.below_population"),
            (".", "kprofil.sign.other")))
        source = "; ".join(s for s in (cfg.inputs.source, cfg.inputs.geometry_source,
                                       licences(cfg.inputs, lang)) if s)
        foot = [cfg.policy.description(lang), signs, t("profile.source", source=source or "–"),
                t("profile.made_with", version=__version__)]
        draw_note(fig, 0.06, 0.075, "\n".join(foot), 190)
        save_page(fig, path, f"{t('kprofil.title')}: {title}")
    return path
