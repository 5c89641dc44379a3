"""Subgroup tables as XLSX (number formats, signs for suppressed cells) and population pyramids.

The table comes from :func:`sozialraum.indicators.subgroups.subgroup_table` (confidentiality
already applied to every cell and margin); here it is only written and drawn. A suppressed
count is never drawn or written as a number: the XLSX shows the statistics offices' sign
("x"), the pyramid leaves the bar out and writes the sign at the axis.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from sozialraum._text import format_number, text
from sozialraum._util.files import atomic_path
from sozialraum.errors import ColumnError, Listed
from sozialraum.indicators.subgroups import subgroup_table
from sozialraum.report.tables import NUMBER_FORMATS, REASON_SIGNS

__all__ = ["SHARE_FORMAT", "population_pyramid", "write_subgroup_xlsx"]

#: Excel number format of the shares (one decimal; Excel shows the reader's decimal comma).
SHARE_FORMAT = "0.0"


def write_subgroup_xlsx(table, path: str | Path, *, lang: str = "de",
                        force: bool = False) -> Path:
    """Write every level of a :class:`~sozialraum.indicators.subgroups.SubgroupTable` to XLSX.

    One sheet per level; columns area key (text), Gruppierung, Gruppe,
    Anzahl (``#,##0``), Anteil in % (``0.0``); a value that is not published
    shows its sign ("x" for confidentiality, "/" for a share of 0
    inhabitants), explained below the table. Written atomically.
    """
    from openpyxl import Workbook  # lazy: openpyxl only when writing XLSX
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    bold, right = Font(bold=True), Alignment(horizontal="right")
    for level in table.levels:
        frame = table.to_frame(level, lang=lang)
        ws = wb.create_sheet(title=str(level)[:31])
        key = frame.columns[0]
        ws.append([text("sub.head.key", lang), text("sub.head.grouping", lang),
                   text("sub.head.group", lang), text("sub.head.count", lang),
                   text("sub.head.share", lang)])
        for c in ws[1]:
            c.font = bold
        used = set()
        for row in frame.itertuples(index=False):
            sign = REASON_SIGNS.get(row.grund, ".") if isinstance(row.grund, str) else "."
            n = int(row.anzahl) if pd.notna(row.anzahl) else sign
            share = float(row.anteil) if pd.notna(row.anteil) else sign
            ws.append([str(getattr(row, key)), row.gruppierung, row.gruppe, n, share])
            r = ws.max_row
            ws.cell(r, 1).number_format = NUMBER_FORMATS["text"]
            for col, value, fmt in ((4, n, NUMBER_FORMATS["count"]), (5, share, SHARE_FORMAT)):
                cell = ws.cell(r, col)
                if isinstance(value, str):
                    cell.alignment = right
                    used.add(value)
                else:
                    cell.number_format = fmt
        for letter, width in zip("ABCDE", (12, 22, 22, 12, 12), strict=True):
            ws.column_dimensions[letter].width = width
        if used:
            ws.append([])
            ws.append([text("report.sign.title", lang)])
            ws.cell(ws.max_row, 1).font = bold
            meanings = {"x": "report.sign.secret", "/": "report.sign.not_meaningful"}
            for sign in sorted(used):
                ws.append([sign, text(meanings.get(sign, "report.sign.other"), lang)])
    with atomic_path(path, force=force) as tmp:
        wb.save(tmp)
    return path


def population_pyramid(table, key: str, ages: Sequence[tuple[str, str, str]], *,
                       level: str | None = None, lang: str = "de"):
    """A population pyramid of one area from published counts (matplotlib Figure).

    Parameters
    ----------
    table : SubgroupTable
    key : str
        The area.
    ages : list of (label, left column, right column)
        Age groups from young to old with the count columns of the two sexes
        (e.g. ``("unter 6 Jahre", "EW_M_U6", "EW_W_U6")``): a pyramid needs
        age by sex; columns that are not cross-tabulated cannot be drawn.
    level : str, optional
        Level of `key` (default: the finest).

    Returns
    -------
    matplotlib.figure.Figure
        Bars to the left (first column, ``männlich``) and right (second,
        ``weiblich``); axis ticks as absolute numbers in the language's
        format (``1.000``); a suppressed count gets no bar but its sign.
    """
    import matplotlib.pyplot as plt  # lazy: matplotlib only when drawing
    from matplotlib.ticker import FuncFormatter

    pub = table.suppression.to_frame(level)
    lacking = [c for _, a, b in ages for c in (a, b) if c not in pub.columns]
    if lacking:
        raise ColumnError.from_key("sub.columns", columns=Listed(lacking),
                                   available=Listed(list(pub.columns), 12))
    row = pub.loc[key]
    fig, ax = plt.subplots(figsize=(6, 0.5 * len(ages) + 1.5))
    labels = [a[0] for a in ages]
    top = 0.0
    for i, (_, left, right) in enumerate(ages):
        for col, sign_dir, colour in ((left, -1, "#4575b4"), (right, 1, "#d73027")):
            value = row[col]
            if pd.isna(value):
                reason = pub.get(f"{col}__reason", pd.Series(dtype=object)).get(key)
                sign = REASON_SIGNS.get(reason, ".") if isinstance(reason, str) else "."
                ax.text(sign_dir * 0.5, i, sign, ha="right" if sign_dir < 0 else "left",
                        va="center", gid=f"sign:{col}")
                continue
            ax.barh(i, sign_dir * float(value), color=colour, gid=f"bar:{col}")
            top = max(top, float(value))
    ax.set_yticks(range(len(ages)), labels)
    lim = top * 1.1 if top > 0 else 1.0
    ax.set_xlim(-lim, lim)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(abs(v), 0, lang)))
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_title(text("sub.pyramid_title", lang, key=key))
    ax.text(0.02, 0.98, text("sub.male", lang), transform=ax.transAxes, va="top")
    ax.text(0.98, 0.98, text("sub.female", lang), transform=ax.transAxes, va="top", ha="right")
    ax.set_xlabel(text("sub.head.count", lang))
    fig.tight_layout()
    return fig


# --- the bundle's subgroup table (EW_<age>_<sex>_<nat>) ------------------------------------

#: The documented scheme of subgroup counts: EW_<age group>_<sex>_<nationality>.
SCHEME_AGES = ("U6", "6_14", "15_17", "18_64", "65U")
SCHEME_SEXES = ("M", "W")
SCHEME_NATS = ("DEU", "NDEU")
#: catalogue keys (literal, so that the catalogue test sees them)
_AGE_KEYS = {"U6": "sub.age_u6", "6_14": "sub.age_6_14", "15_17": "sub.age_15_17",
             "18_64": "sub.age_18_64", "65U": "sub.age_65"}
_SEX_KEYS = {"M": "sub.male", "W": "sub.female"}
_NAT_KEYS = {"DEU": "sub.german", "NDEU": "sub.non_german"}


def scheme_columns(columns) -> list[str]:
    """The 20 subgroup count columns of the scheme if all are present, else [].

    >>> cols = [f"EW_{a}_{s}_{n}" for a in SCHEME_AGES for s in "MW" for n in SCHEME_NATS]
    >>> len(scheme_columns(["EW", *cols])), scheme_columns(["EW", *cols[1:]])
    (20, [])
    """
    wanted = [f"EW_{a}_{s}_{n}" for a in SCHEME_AGES for s in SCHEME_SEXES for n in SCHEME_NATS]
    present = set(columns)
    return wanted if all(c in present for c in wanted) else []


def subgroup_scheme(cfg, joined: pd.DataFrame):
    """The run's subgroup groupings, or None (no scheme columns, or ``[subgroups] enabled =
    false``).

    Returns ``(counts, groups, relations)``: `joined` with the age x sex sums added where
    they are not delivered (``EW_<age>_<sex>``, the pyramid's cells), the groupings
    (age x sex x nationality, age x sex, and sex, nationality, age group where those margins
    are delivered) and every relation between them (each margin = the sum of its cells) plus
    the config's ``constraints`` whose columns exist.
    """
    cells = scheme_columns(joined.columns)
    if cfg.subgroups is False or not cells:
        return None
    lang = cfg.language
    counts = joined.copy()
    for c in cells:
        counts[c] = pd.to_numeric(joined[c])
    age_sex = {}
    for a in SCHEME_AGES:
        for s in SCHEME_SEXES:
            col = f"EW_{a}_{s}"
            if col not in counts.columns:
                counts[col] = counts[f"{col}_DEU"] + counts[f"{col}_NDEU"]
            age_sex[col] = (f"{col}_DEU", f"{col}_NDEU")

    def label(*parts):
        return " · ".join(parts)

    t = lambda k: text(k, lang)  # noqa: E731
    groups = {
        t("sub.grouping.age_sex_nat"): {
            label(t(_AGE_KEYS[a]), t(_SEX_KEYS[s]), t(_NAT_KEYS[n])): f"EW_{a}_{s}_{n}"
            for a in SCHEME_AGES for s in SCHEME_SEXES for n in SCHEME_NATS},
        t("sub.grouping.age_sex"): {
            label(t(_AGE_KEYS[a]), t(_SEX_KEYS[s])): f"EW_{a}_{s}"
            for a in SCHEME_AGES for s in SCHEME_SEXES},
    }
    margins = {"sub.sex": {t(_SEX_KEYS[s]): f"EW_{s}" for s in SCHEME_SEXES},
               "sub.nationality": {t(_NAT_KEYS[n]): f"EW_{n}" for n in SCHEME_NATS},
               "sub.age": {t(_AGE_KEYS[a]): f"EW_{a}" for a in SCHEME_AGES}}
    for key, parts in margins.items():
        if all(c in counts.columns for c in parts.values()):
            groups[t(key)] = parts
    relations = [(c, parts) for c, parts in age_sex.items()]
    for a in SCHEME_AGES:
        if f"EW_{a}" in counts.columns:
            relations.append((f"EW_{a}", tuple(f"EW_{a}_{s}" for s in SCHEME_SEXES)))
    for s in SCHEME_SEXES:
        if f"EW_{s}" in counts.columns:
            relations.append((f"EW_{s}", tuple(f"EW_{a}_{s}" for a in SCHEME_AGES)))
    for n in SCHEME_NATS:
        if f"EW_{n}" in counts.columns:
            relations.append((f"EW_{n}", tuple(f"EW_{a}_{s}_{n}" for a in SCHEME_AGES
                                               for s in SCHEME_SEXES)))
    relations += [(tot, tuple(parts)) for tot, parts in cfg.constraints
                  if tot in counts.columns and all(p in counts.columns for p in parts)]
    return counts, groups, relations


def bundle_subgroups(cfg, joined: pd.DataFrame, suppression=None):
    """The run's subgroup table, or None (see :func:`subgroup_scheme`).

    `suppression`: the run's joint suppression (``Results.suppression``, which covers the
    subgroup cells, their margins and every other published count); the table then
    publishes exactly its cells. Without it the table is suppressed on its own, with the
    hierarchy of the run's levels and the region total.
    """
    scheme = subgroup_scheme(cfg, joined)
    if scheme is None:
        return None
    counts, groups, relations = scheme
    hierarchy = [lv.key for lv in cfg.inputs.levels if lv.key in counts.columns]
    return subgroup_table(counts, groups, total=cfg.inputs.population,
                          policy=cfg.policy, hierarchy=hierarchy, constraints=relations,
                          suppression=suppression)
