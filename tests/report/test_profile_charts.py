"""sozialraum/report/profile_charts.py: line charts of the [monitoring] series per area.

The HTML charts are read back from the profiles of the monitoring bundle
(tests/report/conftest.py) and compared with ``monitoring/zeitreihe_lang.csv``: the
values in the points' attributes and titles, the drawn polyline inverted from pixels to
values, gaps where a Stichtag is withheld and the reason named under the chart.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from support.monitoring import KEY, de_number, monitoring_csv, named_with_reason, series_columns

from sozialraum._util.files import safe_names
from sozialraum.report.profile_charts import nice_ticks

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def bundle(monitoring_bundle):
    return monitoring_bundle




def _charts(page: str) -> dict:
    """data-column -> (svg element, the figure's gap note or None)."""
    out = {}
    for fig in re.findall(r"<figure>.*?</figure>", page, flags=re.S):
        svg = re.search(r'<svg [^>]*class="series".*?</svg>', fig, flags=re.S)
        note = re.search(r'<p class="gaps">(.*?)</p>', fig, flags=re.S)
        caption = re.search(r"<figcaption>(.*?)</figcaption>", fig, flags=re.S).group(1)
        el = ET.fromstring(svg.group(0)) if svg else None
        out[caption] = (el, note.group(1) if note else None)
    return out


def test_html_line_charts_carry_the_values_of_zeitreihe_lang(bundle):
    from html import unescape

    long = monitoring_csv(bundle, "zeitreihe_lang.csv")
    series = series_columns(long)
    units = {i.code: i.unit for i in bundle.config.indicators}
    days = list(dict.fromkeys(long["stichtag"]))  # in time order, as in the CSV
    stems = safe_names(list(long[KEY].unique()), reserved=("index",))
    gaps = checked = 0
    for key, rows in long.groupby(KEY):
        page = (bundle.path / "profile" / f"{stems[key]}.html").read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="https?://', page) and "<script" not in page
        charts = {}
        for caption, (svg, note) in _charts(page).items():
            column = svg.get("data-column") if svg is not None else None
            charts[column or caption] = (svg, note)
        assert len(_charts(page)) == len(series)
        for col in series:
            code = "index" if col == "index_wert" else col
            unit = units.get(code) or ""
            decimals = 2 if code == "index" else 1
            by_day = rows.set_index("stichtag").reindex(days)
            published = by_day[col].dropna()
            if published.empty:  # everything withheld: no chart, only the reasons
                svg, note = next(v for v in _charts(page).values() if v[0] is None)
            else:
                svg, note = charts[code]
            for day, value in by_day[col].items():
                if pd.isna(value):
                    gaps += 1
                    reason = by_day.at[day, f"{col}_hinweis"]
                    assert named_with_reason(day, reason, unescape(note or "")), (key, col, day)
            if svg is None:
                continue
            points = {c.get("data-stichtag"): c for c in svg.iter(f"{SVG}circle")}
            assert set(points) == set(published.index)  # a withheld value is never drawn
            lo, hi = float(svg.get("data-ymin")), float(svg.get("data-ymax"))
            py0, py1 = float(svg.get("data-py0")), float(svg.get("data-py1"))
            assert lo <= published.min() and hi >= published.max()

            def value_at(py, lo=lo, hi=hi, py0=py0, py1=py1):
                return lo + (py0 - py) / (py0 - py1) * (hi - lo)

            tol = 0.06 / (py0 - py1) * (hi - lo) + 1e-9  # pixels are rounded to 0.1
            for day, value in published.items():
                c = points[day]
                assert float(c.get("data-wert")) == pytest.approx(value, abs=1e-12)
                title = c.find(f"{SVG}title").text
                shown = de_number(value, decimals) + (f" {unit}" if unit else "")
                assert title == f"{day}: {shown}"
                assert value_at(float(c.get("cy"))) == pytest.approx(value, abs=tol)
                checked += 1
            # the line joins consecutive published Stichtage only, at the values
            at = {(c.get("cx"), c.get("cy")): d for d, c in points.items()}
            for line in svg.iter(f"{SVG}polyline"):
                pts = [tuple(p.split(",")) for p in line.get("points").split()]
                line_days = [at[p] for p in pts]
                idx = [days.index(d) for d in line_days]
                assert idx == list(range(idx[0], idx[0] + len(idx)))
    assert gaps > 0 and checked > 0


def test_nice_ticks_cover_the_range_with_round_steps():
    for lo, hi in [(8.2, 11.9), (-1.26, -0.988), (0.0, 0.0), (20.96, 27.95), (-0.9, 2.7)]:
        ticks = nice_ticks(lo, hi)
        assert ticks[0] <= lo and ticks[-1] >= hi and 3 <= len(ticks) <= 7
        steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
        assert len(steps) == 1
        step = steps.pop()
        mantissa = step / 10 ** math.floor(math.log10(step))
        assert round(mantissa, 6) in (1.0, 2.0, 2.5, 5.0)


def test_estimated_values_before_the_reform_are_said_under_the_charts(bundle):
    """Issue 13: every output says which values were brought onto today's boundaries: the
    profile names exactly the Stichtage whose interpolated_share in zeitreihe_lang.csv is
    above 0, and an area taken over unchanged says nothing of the kind."""
    long = monitoring_csv(bundle, "zeitreihe_lang.csv")
    share = pd.to_numeric(long["interpolated_share"].astype(str).str.replace(",", "."))
    stems = safe_names(list(long[KEY].unique()), reserved=("index",))
    estimated_areas = 0
    for key, rows in long.groupby(KEY):
        page = (bundle.path / "profile" / f"{stems[key]}.html").read_text(encoding="utf-8")
        days = list(rows.loc[share[rows.index] > 0, "stichtag"])
        if days:
            estimated_areas += 1
            assert f"Geschätzt: die Werte vom {', '.join(days)} lagen" in page, key
        else:
            assert "Geschätzt:" not in page, key
    assert estimated_areas >= 3, "the demo's reform must give estimated areas"
