"""Private: the line charts of the Sozialraum profiles, one per series of ``[monitoring]``.

:func:`chart_series` takes the published series of ``monitoring/`` (the values of
``zeitreihe_lang.csv``: rounded, withheld values missing with their reason) once per run
and splits them by area. Each chart is drawn twice from the same :class:`Chart`: as
inline SVG for the HTML page (:func:`chart_svg`, no script, no network; every point
carries its value and Stichtag in ``data-`` attributes and a ``<title>``) and on the PDF
page with matplotlib (:func:`draw_chart`). A withheld value is a gap in the line, never a
point, and it is named under the chart with its reason (:func:`withheld_note`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import numpy as np
import pandas as pd

from sozialraum._text import format_number, text
from sozialraum.monitoring import STICHTAG
from sozialraum.report.frames import reason_texts
from sozialraum.report.maps import _map_column, column_label, column_unit
from sozialraum.report.monitoring import INDEX

#: decimals shown in the charts (the CSV keeps more): rates as in the profile table
SHOWN_DECIMALS = {INDEX: 2}
_DEFAULT_DECIMALS = 1

CHART_CSS = """
.charts{display:flex;gap:1.2em;flex-wrap:wrap}.charts figure{margin:0;flex:0 1 20em}
.charts svg{width:100%;height:auto}.charts figcaption{font-weight:600;font-size:.95em}
.charts .gaps{color:#555;font-size:.8em;margin:.2em 0 0}
"""


@dataclass(frozen=True)
class Chart:
    """One area's series of one column: a value or None (withheld) per Stichtag."""

    column: str
    label: str
    unit: str
    days: tuple  # Timestamps in time order
    values: tuple  # as in zeitreihe_lang.csv (rounded), or None where withheld
    reasons: tuple  # the reason text where withheld, else None
    decimals: int
    estimated: tuple = ()  # Stichtage whose value was brought onto today's boundaries


def chart_series(cfg, results) -> dict[str, list[Chart]]:
    """Key -> the area's charts (one per series of ``[monitoring]``); empty without it."""
    m = results.monitoring
    if m is None:
        return {}
    lang = cfg.language
    flat = m.values.reset_index()
    key_name = m.values.index.names[0]
    flat[key_name] = flat[key_name].astype(str)
    out: dict[str, list[Chart]] = {}
    order = {d: i for i, d in enumerate(m.stichtage)}
    flat = flat[flat[STICHTAG].isin(order)].copy()
    flat["_order"] = flat[STICHTAG].map(order)
    flat = flat.sort_values([key_name, "_order"], kind="stable").reset_index(drop=True)
    reasons = {col: reason_texts(flat, col, lang) for col in m.columns}
    shares = m.interpolated if m.interpolated is not None else pd.Series(dtype=float)
    estimated_at: dict[str, tuple] = {}
    for (k, day), share in shares.items():
        if share > 0 and day in order:
            estimated_at[str(k)] = (*estimated_at.get(str(k), ()), day)
    for key, rows in flat.groupby(key_name, sort=False):
        charts = []
        for col in m.columns:
            raw = pd.to_numeric(rows[col]).to_numpy(dtype=float)
            why = reasons[col].loc[rows.index]
            unit = column_unit(cfg, col) or ""
            charts.append(Chart(
                column=col,
                label=column_label(cfg, _map_column(cfg, col), lang),
                unit=unit,
                days=tuple(rows[STICHTAG]),
                values=tuple(None if np.isnan(v) else float(v) for v in raw),
                reasons=tuple(None if pd.isna(r) else str(r) for r in why),
                decimals=SHOWN_DECIMALS.get(col, _DEFAULT_DECIMALS),
                estimated=tuple(sorted(estimated_at.get(str(key), ()))),
            ))
        out[str(key)] = charts
    return out


def _day(d) -> str:
    return pd.Timestamp(d).strftime("%d.%m.%Y")


def day_labels(days) -> list[str]:
    """The x-axis labels: the years when they are distinct, else the dates (``31.12.24``)."""
    years = [pd.Timestamp(d).year for d in days]
    if len(set(years)) == len(years):
        return [str(y) for y in years]
    return [pd.Timestamp(d).strftime("%d.%m.%y") for d in days]


def nice_ticks(lo: float, hi: float, n: int = 4) -> list[float]:
    """About `n` round tick values covering ``[lo, hi]`` (steps 1, 2, 2.5, 5 x 10^k).

    >>> nice_ticks(8.2, 11.9)
    [8.0, 10.0, 12.0]
    >>> nice_ticks(5.0, 5.0)
    [4.5, 5.0, 5.5]
    """
    if hi - lo <= 0:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / max(n - 1, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1.0, 2.0, 2.5, 5.0, 10.0) if s * power >= raw * 0.999)
    first = math.floor(lo / step + 1e-9) * step
    last = math.ceil(hi / step - 1e-9) * step
    count = int(round((last - first) / step)) + 1
    return [round(first + i * step, 10) for i in range(count)]


def value_text(chart: Chart, value: float, lang: str) -> str:
    s = format_number(value, chart.decimals, lang)
    return f"{s} {chart.unit}" if chart.unit else s


def estimated_note(charts, lang: str) -> str | None:
    """"Geschätzt (auf die heutigen Grenzen umgerechnet): 31.12.2019, ..." or None."""
    days = sorted({d for ch in charts for d in ch.estimated})
    if not days:
        return None
    return text("profile.series_estimated", lang, days=", ".join(_day(d) for d in days))


def withheld_note(chart: Chart, lang: str) -> str | None:
    """"Nicht veröffentlicht (...): 31.12.2021: reason; ..." or None (nothing withheld)."""
    items: dict[str, list[str]] = {}
    for day, v, r in zip(chart.days, chart.values, chart.reasons, strict=True):
        if v is None:
            items.setdefault(r or text("report.style.missing", lang), []).append(_day(day))
    if not items:
        return None
    parts = "; ".join(f"{', '.join(days)}: {why}" for why, days in items.items())
    return text("profile.series_withheld", lang, items=parts)


# --- SVG (HTML profiles) --------------------------------------------------------------------

_W, _H = 300, 150
_LEFT, _RIGHT, _TOP, _BOTTOM = 46, 12, 16, 24


def _frame(chart: Chart):
    """x positions (by date), y ticks and the value -> pixel map of a chart."""
    shown = [v for v in chart.values if v is not None]
    ticks = nice_ticks(min(shown), max(shown)) if shown else [0.0, 1.0]
    lo, hi = ticks[0], ticks[-1]
    t = np.array([pd.Timestamp(d).value for d in chart.days], dtype=float)
    span = (t[-1] - t[0]) or 1.0
    inset = 16  # the first and last value labels clear the axis labels
    width = _W - _LEFT - _RIGHT - 2 * inset
    xs = [_LEFT + inset + (width * (v - t[0]) / span if len(t) > 1 else width / 2) for v in t]
    py0, py1 = _H - _BOTTOM, _TOP  # pixel y of lo and hi

    def y(v):
        return py0 - (v - lo) / (hi - lo) * (py0 - py1)

    return xs, ticks, y, (lo, hi, py0, py1)


def _runs(values):
    """Index runs of consecutive published values (a withheld value breaks the line)."""
    run: list[int] = []
    for i, v in enumerate(values):
        if v is None:
            if run:
                yield run
            run = []
        else:
            run.append(i)
    if run:
        yield run


def chart_svg(chart: Chart, lang: str) -> str:
    """The chart as inline SVG; every published point carries ``data-stichtag``,
    ``data-wert`` (as in zeitreihe_lang.csv) and a ``<title>``; the plot's value range
    and its pixel rows are in ``data-ymin``/``data-ymax``/``data-py0``/``data-py1``."""
    xs, ticks, y, (lo, hi, py0, py1) = _frame(chart)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" width="{_W}" '
        f'height="{_H}" role="img" class="series" data-column="{escape(chart.column, True)}" '
        f'data-ymin="{lo!r}" data-ymax="{hi!r}" data-py0="{py0}" data-py1="{py1}" '
        'font-family="system-ui,Arial,sans-serif" font-size="10">',
        f"<title>{escape(chart.label)}</title>",
    ]
    for tv in ticks:
        py = round(y(tv), 1)
        out.append(f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{py}" y2="{py}" '
                   'stroke="#e2e2e2" stroke-width="0.8"/>')
        out.append(f'<text x="{_LEFT - 4}" y="{py + 3.5}" text-anchor="end" fill="#555">'
                   f"{escape(format_number(tv, _tick_decimals(ticks), lang))}</text>")
    for x, lab in zip(xs, day_labels(chart.days), strict=True):
        out.append(f'<text x="{round(x, 1)}" y="{_H - 8}" text-anchor="middle" fill="#555">'
                   f"{escape(lab)}</text>")
    for run in _runs(chart.values):
        pts = " ".join(f"{round(xs[i], 1)},{round(y(chart.values[i]), 1)}" for i in run)
        if len(run) > 1:
            out.append(f'<polyline points="{pts}" fill="none" stroke="#08519c" '
                       'stroke-width="1.8"/>')
    for i, (day, v) in enumerate(zip(chart.days, chart.values, strict=True)):
        if v is None:
            continue
        px, py = round(xs[i], 1), round(y(v), 1)
        label = value_text(chart, v, lang)
        out.append(
            f'<circle cx="{px}" cy="{py}" r="2.6" fill="#08519c" data-stichtag="{_day(day)}" '
            f'data-wert="{v!r}"><title>{_day(day)}: {escape(label)}</title></circle>'
        )
        out.append(f'<text x="{px}" y="{round(py - 5, 1)}" text-anchor="middle" '
                   f'font-size="8.5" fill="#08306b">'
                   f"{escape(format_number(v, chart.decimals, lang))}</text>")
    out.append("</svg>")
    return "".join(out)


def _tick_decimals(ticks) -> int:
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    return 0 if step >= 1 and all(float(v).is_integer() for v in ticks) else (
        1 if step * 10 >= 1 - 1e-9 else 2)


def chart_section_html(charts: list[Chart], lang: str) -> str:
    """The profile's section of line charts (heading, one figure per series, notes)."""
    figs = []
    for ch in charts:
        unit = f" ({escape(ch.unit)})" if ch.unit else ""
        note = withheld_note(ch, lang)
        gaps = f'<p class="gaps">{escape(note)}</p>' if note else ""
        svg = chart_svg(ch, lang) if any(v is not None for v in ch.values) else ""
        figs.append(f"<figure><figcaption>{escape(ch.label)}{unit}</figcaption>"
                    f"{svg}{gaps}</figure>")
    notes = [text("profile.series_note", lang)]
    if any(ch.column == INDEX for ch in charts):
        notes.append(text("profile.series_index_note", lang))
    estimated = estimated_note(charts, lang)
    if estimated:
        notes.append(estimated)
    return (f"<h2>{escape(text('profile.h.series', lang))}</h2>"
            f'<div class="charts">{"".join(figs)}</div>'
            f'<p class="foot">{escape(" ".join(notes))}</p>')


# --- matplotlib (PDF profiles) --------------------------------------------------------------


def draw_chart(ax, chart: Chart, lang: str, *, size: float = 6.0) -> None:
    """Draw `chart` into the matplotlib axes `ax` (vector; NaN breaks the line)."""
    t = [pd.Timestamp(d).to_pydatetime() for d in chart.days]
    v = np.array([np.nan if x is None else x for x in chart.values], dtype=float)
    shown = v[~np.isnan(v)]
    ticks = nice_ticks(float(shown.min()), float(shown.max())) if len(shown) else [0.0, 1.0]
    ax.plot(t, v, color="#08519c", linewidth=1.2, marker="o", markersize=2.5,
            gid=f"series:{chart.column}")
    for x, val in zip(t, chart.values, strict=True):
        if val is not None:
            ax.annotate(format_number(val, chart.decimals, lang), (x, val),
                        xytext=(0, 3), textcoords="offset points", ha="center",
                        fontsize=size - 1, color="#08306b")
    ax.set_ylim(ticks[0], ticks[-1] + (ticks[-1] - ticks[0]) * 0.12)
    ax.set_yticks(ticks, [format_number(x, _tick_decimals(ticks), lang) for x in ticks],
                  fontsize=size - 1)
    ax.set_xticks(t, day_labels(chart.days), fontsize=size - 1)
    if len(t) > 1:
        pad = (t[-1] - t[0]) * 0.06
        ax.set_xlim(t[0] - pad, t[-1] + pad)
    ax.grid(axis="y", color="#e2e2e2", linewidth=0.5)
    ax.tick_params(length=2, pad=1.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    unit = f" ({chart.unit})" if chart.unit else ""
    ax.set_title(f"{chart.label}{unit}", fontsize=size + 1, loc="left", pad=3)
