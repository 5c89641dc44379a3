"""Tests of :mod:`sozialraum.maps._furniture`.

Map furniture: long names split for labels, a map that fills its page.

The figures are drawn by the bundle's own map jobs (``report.maps.map_jobs``) from the demo
city, without writing files; expected values are written out by hand from the method
definitions (MSS and NRW class rules), never taken from an earlier run.
"""

from __future__ import annotations

import math

import pytest
from support.maps import LAYOUTS, _figure

from sozialraum.maps import _furniture as fur


def test_long_compounds_are_split_at_a_known_last_part():
    assert fur.label_variants("Bahnhofsviertel") == ["Bahnhofsviertel", "Bahnhofs-\nviertel"]
    assert fur.label_variants("Güterbahnhof")[-1] == "Güter-\nbahnhof"
    assert fur.label_variants("Altstadt-Nord") == ["Altstadt-Nord", "Altstadt-\nNord"]
    assert fur.label_variants("Nordring") == ["Nordring"]  # short: never split


#: Share of the A4 page covered by the map's axes (the areas plus a 2 % margin). Before the
#: layout was computed from the legend's size it was 0.345 (landscape) / 0.342 (portrait)
#: for every demo map; now 0.45-0.62 / 0.39.
MIN_SHARE = {"A4 landscape": 0.44, "A4 portrait": 0.38}


def _box(fig, artist):
    return fur._fig_box(fig, artist, fur._renderer(fig))


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(
    "stem",
    ["sozialraeume_index_klasse", "sozialraeume_nrw_klasse", "sozialraeume_lisa",
     "sozialraeume_gistar", "stadtteile_index_wert"],
)
def test_map_fills_the_page(demo, stem, layout):
    fig, _ = _figure(demo, stem, layout)
    fig.canvas.draw()
    ax = fig.axes[0]
    pos = ax.get_position()
    assert pos.width * pos.height >= MIN_SHARE[layout], (pos.width * pos.height)
    # the map touches the page margins on the side that limits it
    margin_x = fur.MARGIN_IN / fig.get_size_inches()[0]
    legend = _box(fig, fig.legends[0])
    assert math.isclose(pos.x0, margin_x, abs_tol=1e-6)
    # nothing overlaps: map, legend, title and source line each in their own place
    boxes = {"legend": legend, **{t.get_gid(): _box(fig, t) for t in fig.texts}}
    for name, b in boxes.items():
        assert not pos.overlaps(b), name
        assert b.x0 >= 0 and b.x1 <= 1 and b.y0 >= 0 and b.y1 <= 1, name
    assert not legend.overlaps(boxes["source"]) and not legend.overlaps(boxes["title"])


