"""Maps of change, trend and emerging hot spots: classes, colours, outlines and legend texts."""

from __future__ import annotations

import warnings

import mapclassify
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from support.monitoring import demo_on_current_boundaries

import sozialraum as sr
from sozialraum.errors import InputError
from sozialraum.maps.monitoring import (
    EHSA_STYLES,
    change_breaks,
    plot_change,
    plot_emerging_hotspots,
    plot_stichtage,
    plot_trend,
)
from sozialraum.monitoring import CATEGORIES


@pytest.fixture(scope="module")
def city():
    p = sr.read_table(sr.datasets.get_path("musterstadt_statistik.csv"), key="SR_NR",
                      stichtag="all")
    return p, sr.datasets.musterstadt()


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def legend_texts(fig):
    return [t.get_text().replace("\n", " ") for leg in fig.legends for t in leg.get_texts()]


def collection(fig, gid):
    return next(c for c in fig.axes[0].collections if c.get_gid() == gid)


def test_change_breaks_symmetric_and_readable():
    b = change_breaks([-1.2, 0.3, 3.4])
    assert (b.lower, b.upper) == (-5.0, (-3.0, -1.0, 1.0, 3.0, 5.0))
    b = change_breaks([0.02, -0.17], k=3)
    assert b.lower == -0.2 and b.upper == pytest.approx((-0.0666666667, 0.0666666667, 0.2))
    b = change_breaks([7.0, -24.0], k=7)
    assert b.lower == -25.0 and b.upper[3] == pytest.approx(25 / 7) and b.upper[-1] == 25.0
    assert change_breaks([np.nan, 0.0]).upper[-1] == 1.0  # no change at all: still a map
    with pytest.raises(InputError, match="odd number"):
        change_breaks([1.0], k=4)


def test_change_map_diverges_around_zero_and_outlines_the_significant(city):
    p, g = city
    ch = sr.change(p, "SGB2_QUOTE", base=2019, to=2024)
    fig = plot_change(g, ch)
    c = fig.sozialraum_classification
    assert c.k == 5 and fig.sozialraum_change_breaks.lower == -fig.sozialraum_change_breaks.upper[
        -1]
    # the middle class (around 0) is the neutral colour of RdBu, increases red, decreases blue
    middle = collection(fig, "class_2")
    assert to_hex(middle.get_facecolor()[0]) == "#f7f7f7"
    colours = [to_hex(collection(fig, f"class_{i}").get_facecolor()[0])
               for i in range(5) if (c.classes == i).any()]
    assert colours  # at least one class drawn
    values = ch.values["change"].reindex(g.index)
    assert ((c.classes == 2) == (values.abs() <= 1.0 * fig.sozialraum_change_breaks.upper[2])
            ).all()
    texts = legend_texts(fig)
    assert any("Pp." in t for t in texts)
    sig = int(ch.values["direction"].isin(["up", "down"]).sum())
    outlined = [a for a in fig.axes[0].collections if a.get_gid() == "overlay"]
    assert (len(outlined) == 1) == (sig > 0)
    if sig:
        assert any("Fisher-Test, 0,05" in t for t in texts)
    assert fig.legends[0].get_title().get_text().startswith("Veränderung SGB-II-Quote")
    en = plot_change(g, ch, lang="en")
    assert en.legends[0].get_title().get_text().startswith("Change in SGB II rate")


def test_change_map_takes_the_given_column_label_over_the_standard_one(city):
    # the bundle's index map said "Veränderung index ..." in its legend
    p, g = city
    ch = sr.change(p, "SGB2_QUOTE", base=2019, to=2024)
    fig = plot_change(g, ch, column_label="MSS Status-Index")
    title = fig.legends[0].get_title().get_text().replace("\n", " ")
    assert title.startswith("Veränderung MSS Status-Index 31.12.2019")
    assert "SGB" not in title


def test_withheld_changes_are_hatched_with_their_reason(city):
    p, g = city
    ch = sr.change(p, "ALTERSARMUT", base=2019, to=2024)
    hidden = ch.values["direction"].eq("hidden")
    assert hidden.any()  # the demo city has small GRUSI_65U counts
    fig = plot_change(g, ch)
    texts = legend_texts(fig)
    assert any(t.startswith("keine Angabe (Geheimhaltung)") for t in texts)
    assert any(c.get_gid() == "missing_0" for c in fig.axes[0].collections)


def test_trend_map_has_every_direction_in_the_legend(city):
    p, g = city
    rates = sr.panel_indicators(p, ["SGB2_QUOTE"])
    tr = sr.trend(rates, "SGB2_QUOTE")
    fig = plot_trend(g, tr)
    texts = legend_texts(fig)
    assert [t.rsplit(" (", 1)[0] for t in texts] == [
        "steigend", "fallend", "kein klarer Trend", "zu wenige Stichtage für einen Trendtest"]
    counts = [int(t.rsplit("(", 1)[1].rstrip(")")) for t in texts]
    assert sum(counts) == len(g)  # every area drawn (the reform's new ones: too few Stichtage)
    drawn = tr.values["direction"].reindex(g.index)  # not the old areas of the reform
    assert counts == [int((drawn == d).sum()) for d in ("up", "down", "none", "too_few")]
    assert "Mann-Kendall" in fig.legends[0].get_title().get_text()


def test_emerging_hotspot_map_uses_the_catalogue_names(city):
    _, g = city
    # EHSA needs every area on every Stichtag: the counts before the boundary reform
    # brought onto the current Sozialräume by area
    rates = sr.panel_indicators(demo_on_current_boundaries()[0], ["SGB2_QUOTE"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sr.SmallSampleWarning)
        e = sr.emerging_hotspots(rates, sr.spatial_weights(g, "queen"), "SGB2_QUOTE")
    fig = plot_emerging_hotspots(g, e)
    texts = legend_texts(fig)
    present = e.category.value_counts()
    want = [f"{e.labels().loc[e.category == code].iloc[0]} ({present[code]})"
            for code in [s.code for s in EHSA_STYLES] if code in present]
    assert texts == want
    title = fig.legends[0].get_title().get_text()
    assert "999 Permutationen" in title and "nur 6 Stichtage" in title
    en = legend_texts(plot_emerging_hotspots(g, e, lang="en"))
    assert any(t.startswith("no pattern detected") for t in en)


def test_every_pattern_has_a_style_hot_red_cold_blue():
    assert [s.code for s in EHSA_STYLES if s.code != "no_pattern"] and (
        {s.code for s in EHSA_STYLES} == set(CATEGORIES))
    for s in EHSA_STYLES:
        r, _, b = (int(s.color[i:i + 2], 16) for i in (1, 3, 5))
        if s.code.endswith("_hot"):
            assert r > b
        elif s.code.endswith("_cold"):
            assert b > r


def test_wrong_result_type_is_refused(city):
    _, g = city
    with pytest.raises(InputError, match="ChangeResult"):
        plot_change(g, pd.Series([1.0]))
    with pytest.raises(InputError, match="TrendResult"):
        plot_trend(g, None)


def test_stichtage_side_by_side_share_their_class_bounds(city):
    p, g = city
    rates = sr.panel_indicators(p, ["ALTERSARMUT"])
    fig = plot_stichtage(g, rates, "ALTERSARMUT", [2019, "31.12.2024"], unit="%")
    assert list(fig.sozialraum_frames) == ["31.12.2019", "31.12.2024"]
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    assert len(legends) == 2
    bounds = [[t.get_text().rsplit(" (", 1)[0] for t in leg.get_texts()][:5] for leg in legends]
    assert bounds[0] == bounds[1]  # the same classes in both years
    # the pooled quintile bounds of both years (mapclassify, as shared_breaks computes them)
    pooled = pd.concat([f["ALTERSARMUT"] for f in fig.sozialraum_frames.values()]).dropna()
    q = mapclassify.Quantiles(pooled.to_numpy(), k=5).bins
    for i in range(5):
        assert bounds[0][i].endswith(f"{q[i]:.1f} %".replace(".", ","))
    # withheld values of each year are hatched with their reason
    one = fig.sozialraum_frames["31.12.2019"]
    assert one["ALTERSARMUT__reason"].notna().sum() >= 1
    assert any("Geheimhaltung" in t.get_text() for t in legends[0].get_texts())
    with pytest.raises(sr.ConfigError, match="31.12.2030"):
        plot_stichtage(g, rates, "ALTERSARMUT", [2030])
