"""Tests of :mod:`sozialraum.maps.static`.

Static maps: inspect the figures (legend texts, patches, colours, hatches, scale bar)
and compare a few key maps with baseline images.

Expected values are computed by hand in the tests (class bounds from the
percentile definition, Moran's I from an explicit weight matrix), never taken
from an earlier run of the code under test.

Baselines: tests/data/baseline/*.png; regenerate with
``SOZIALRAUM_REGEN_BASELINE=1 python -m pytest tests/maps/test_static.py -k baseline``
(see tests/data/baseline/README.md) and look at the new pictures before committing them.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.testing.compare import compare_images
from support.maps import _cluster_frame, _collections, _labels, _legend_texts, _legend_title
from synthetic import grid_districts

import sozialraum as sr
from sozialraum.errors import (
    ColumnError,
    ConfigError,
    CRSError,
    InputError,
    OutputExistsError,
    SmallSampleWarning,
)
from sozialraum.io.cells import REASON_DTYPE
from sozialraum.maps import (
    plot_small_multiples,
    save_figure,
    shared_breaks,
)

BASELINE = Path(__file__).resolve().parents[1] / "data" / "baseline"


SOURCE = dict(
    source="Kommunalstatistik Musterstadt",
    geometry_source="Musterstadt (fiktiv)",
    licence="dl-de/by-2-0",
)


def _grid_with_values() -> pd.DataFrame:
    """5 x 5 grid; the values 1..25 row by row; key '0303' secret, '0101' below population."""
    g = grid_districts()
    g["quote"] = np.arange(1.0, 26.0)
    reasons = pd.Series(pd.Categorical([None] * len(g), dtype=REASON_DTYPE), index=g.index)
    reasons["0303"] = "secret"
    reasons["0101"] = "below_population"
    g["quote__reason"] = reasons
    g.loc["0303", "quote"] = 77.77  # still in the frame, but flagged secret: must not be shown
    g["Stichtag"] = pd.Timestamp("2024-12-31")
    return g


@pytest.fixture
def grid():
    return _grid_with_values()


def test_quantile_legend_bounds_counts_and_unit(grid):
    fig = sr.plot_choropleth(grid, "quote", "quantiles", 4, unit="%", labels=None)
    # valid values: 2..25 without 13 (key 0303 hidden) -> 23 values
    valid = np.array([v for v in range(2, 26) if v != 13], dtype=float)
    # hand computation of the quartiles (linear interpolation between order statistics):
    # position p*(n-1) in the sorted values, n = 23
    expected = []
    for p in (0.25, 0.5, 0.75):
        pos = p * 22
        lo = int(np.floor(pos))
        expected.append(valid[lo] + (pos - lo) * (valid[lo + 1] - valid[lo]))
    assert expected == [7.5, 14.0, 19.5]
    texts = _legend_texts(fig)
    # counts per class (intervals closed on the right): 2..7 | 8..12, 14 | 15..19 | 20..25
    assert texts[:4] == [
        "2,0 – 7,5 % (6)",
        "7,5 – 14,0 % (6)",
        "14,0 – 19,5 % (5)",
        "19,5 – 25,0 % (6)",
    ]
    assert "keine Angabe (zu wenige Einwohner) (1)" in texts
    assert "keine Angabe (Geheimhaltung) (1)" in texts
    assert "Klassen: Quantile" in _legend_title(fig)
    assert "(Anzahl Gebiete)" in _legend_title(fig)


def test_patches_colours_and_hatches(grid):
    fig = sr.plot_choropleth(grid, "quote", "equal_interval", 3, labels=None)
    colls = _collections(fig)
    # YlOrRd with 3 classes (ColorBrewer): #ffeda0 #feb24c #f03b20
    expected_colours = ["#ffeda0", "#feb24c", "#f03b20"]
    n_paths = 0
    for i, hexcol in enumerate(expected_colours):
        coll = colls[f"class_{i}"]
        assert tuple(coll.get_facecolor()[0]) == pytest.approx(to_rgba(hexcol))
        n_paths += len(coll.get_paths())
    # the worst (highest) class is hatched as well as coloured, the others are not
    assert colls["class_2"].get_hatch() == "///"
    assert not colls["class_0"].get_hatch()
    # 23 valid districts in the classes, the two hidden ones in neutral hatched patches
    assert n_paths == 23
    hidden = [c for gid, c in colls.items() if gid.startswith("missing_")]
    assert sorted(len(c.get_paths()) for c in hidden) == [1, 1]
    assert all(c.get_hatch() for c in hidden)
    assert all(tuple(c.get_facecolor()[0]) == pytest.approx(to_rgba("#f0f0f0")) for c in hidden)
    # equal intervals over 2..25: width 23/3; hand-computed counts 8, 7, 8 (13 hidden)
    assert _legend_texts(fig)[:3] == ["2,0 – 9,7 (8)", "9,7 – 17,3 (7)", "17,3 – 25,0 (8)"]


def test_suppressed_value_is_not_classified(grid):
    fig = sr.plot_choropleth(grid, "quote", "quantiles", 4, labels="key")
    # 77.77 (secret) would be the maximum; the top bound is 25
    assert fig.sozialraum_classification.upper[-1] == 25.0
    labels = [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "district_label"]
    assert "0303" in labels  # the area itself is still labelled


def test_scale_bar_length_in_metres(grid):
    fig = sr.plot_choropleth(grid, "quote", labels=None)
    ax = fig.axes[0]
    bars = [p for p in ax.patches if p.get_gid() == "scalebar"]
    assert len(bars) == 2
    width = sum(p.get_width() for p in bars)
    # the grid cells are exactly 1000 m wide, so 1 km of bar = one cell in data units
    assert width == pytest.approx(1000.0)
    labels = [t.get_text() for t in ax.texts if t.get_gid() == "scalebar_label"]
    assert labels == ["0", "0,5", "1 km"]
    x0, x1 = ax.get_xlim()
    assert bars[0].get_x() >= x0 and bars[1].get_x() + bars[1].get_width() <= x1
    assert any(t.get_gid() == "north_arrow" for t in ax.texts)


def test_page_texts_sizes_and_language(grid):
    fig = sr.plot_choropleth(grid, "quote", title="Testquote", unit="%", **SOURCE)
    texts = {t.get_gid(): t.get_text() for t in fig.texts}
    assert texts["title"] == "Testquote"
    assert texts["subtitle"] == "Stand: 31.12.2024"
    assert texts["source"] == (
        "Datenquelle: Kommunalstatistik Musterstadt, Stand 31.12.2024; "
        "Geometrie: Musterstadt (fiktiv), dl-de/by-2-0"
    )
    assert tuple(fig.get_size_inches()) == pytest.approx((11.69, 8.27))
    portrait = sr.plot_choropleth(grid, "quote", layout="A4 portrait")
    assert tuple(portrait.get_size_inches()) == pytest.approx((8.27, 11.69))
    en = sr.plot_choropleth(grid, "quote", "quantiles", 4, unit="%", lang="en")
    assert _legend_texts(en)[0] == "2.0 – 7.5 % (6)"
    assert "Classes: Quantiles" in _legend_title(en)
    assert "not published (confidentiality) (1)" in _legend_texts(en)


def test_fisher_jenks_and_method_names(grid):
    g = grid.copy()
    g["z"] = [1.0] * 8 + [5.0] * 8 + [9.0] * 9
    fig = sr.plot_choropleth(g, "z", "fisher_jenks", 3, labels=None)
    # (a legend title line longer than 42 characters is wrapped on the page)
    assert "Natürliche Unterbrechungen (Fisher-Jenks)" in _legend_title(fig).replace("\n", " ")
    # three well separated groups: natural breaks at the group maxima 1 / 5 / 9
    assert fig.sozialraum_classification.upper == (1.0, 5.0, 9.0)
    # the first class holds a single value: shown alone, the next one says "über"
    assert _legend_texts(fig) == ["1 (8)", "über 1 bis 5 (8)", "5 – 9 (9)"]


def test_std_mean_has_no_infinite_bounds_and_diverging_palette():
    g = grid_districts()
    rng = np.random.default_rng(3)
    g["z"] = rng.normal(size=len(g))
    fig = sr.plot_choropleth(g, "z", "std_mean", labels=None)
    texts = " ".join(_legend_texts(fig))
    assert "inf" not in texts and "nan" not in texts
    c = fig.sozialraum_classification
    mean, sd = g["z"].mean(), g["z"].std(ddof=1)  # sample standard deviation
    # cut points are mean + m * sd (m = -2, -1, 1, 2) that lie inside the data range
    inside = [mean + m * sd for m in (-2, -1, 1, 2) if g["z"].min() < mean + m * sd < g["z"].max()]
    assert len(inside) >= 2
    assert c.upper[:-1] == pytest.approx(inside, rel=1e-9)
    assert c.lower == g["z"].min() and c.upper[-1] == g["z"].max()
    # diverging RdBu_r: the lowest class is blue, the highest red
    colls = _collections(fig)
    first = colls.get("class_0")
    last = colls.get(f"class_{c.k - 1}")
    assert first.get_facecolor()[0][2] > first.get_facecolor()[0][0]
    assert last.get_facecolor()[0][0] > last.get_facecolor()[0][2]


def test_fewer_distinct_values_than_classes_is_a_clear_error(grid):
    g = grid.copy()
    g["few"] = [1.0, 2.0, 3.0] * 8 + [1.0]
    with pytest.raises(InputError, match=r"only 3 distinct values.*fewer classes"):
        sr.plot_choropleth(g, "few", "quantiles", 5)
    with pytest.raises(InputError, match="distinct"):
        sr.plot_choropleth(g, "few", "fisher_jenks", 4)


def test_bad_inputs_name_column_and_values(grid):
    with pytest.raises(ColumnError, match="'nicht_da'"):
        sr.plot_choropleth(grid, "nicht_da")
    g = grid.copy()
    g["text"] = ["a"] * 24 + ["x"]
    with pytest.raises(InputError, match="'text'.*'a', 'x'"):
        sr.plot_choropleth(g, "text")
    with pytest.raises(CRSError, match="geographic"):
        sr.plot_choropleth(grid.to_crs("EPSG:4326"), "quote")
    with pytest.raises(ConfigError, match="Did you mean 'quantiles'"):
        sr.plot_choropleth(grid, "quote", "quantile")
    with pytest.raises(ConfigError, match="strictly increasing"):
        sr.plot_choropleth(grid, "quote", breaks=[5, 3])


def test_input_not_mutated(grid):
    before = grid.copy()
    sr.plot_choropleth(grid, "quote", overlay=grid.dissolve(by=grid.index.str[:2]))
    pd.testing.assert_frame_equal(grid, before)


def test_user_breaks_and_shared_breaks_across_stichtage(grid):
    fig = sr.plot_choropleth(grid, "quote", breaks=[10, 20], labels=None)
    # a last class up to the maximum is added; lower bound = minimum
    assert _legend_texts(fig)[:3] == ["2 – 10 (9)", "10 – 20 (9)", "20 – 25 (5)"]
    assert "Vorgegebene Klassengrenzen" in _legend_title(fig)
    later = grid.copy()
    later["quote"] = later["quote"] * 2
    br = shared_breaks([grid, later], "quote", "equal_interval", 2)
    # pooled valid values 2..25 and 4..50 (13 and 26 hidden): min 2, max 50 -> bounds 26, 50
    assert (br.lower, br.upper) == (2.0, (26.0, 50.0))
    a = sr.plot_choropleth(grid, "quote", breaks=br, labels=None)
    b = sr.plot_choropleth(later, "quote", breaks=br, labels=None)
    la, lb = _legend_texts(a), _legend_texts(b)
    assert [t.rsplit(" (", 1)[0] for t in la[:2]] == [t.rsplit(" (", 1)[0] for t in lb[:2]]
    assert la[:2] == ["2 – 26 (23)", "26 – 50 (0)"]
    # later: 4, 6, .., 50 without 26 (hidden): 4..24 -> 11, 28..50 -> 12
    assert lb[:2] == ["2 – 26 (11)", "26 – 50 (12)"]
    assert "gleiche Klassen für alle 2 Karten" in _legend_title(a)


def test_overlay_drawn_and_in_legend(grid):
    st = grid.dissolve(by=grid.index.str[:2])
    fig = sr.plot_choropleth(grid, "quote", overlay=st, overlay_name="Stadtteile", labels=None)
    assert "Grenzen Stadtteile" in _legend_texts(fig)
    assert any(c.get_gid() == "overlay" for c in fig.axes[0].collections)


def test_labels_have_halo_and_do_not_overlap(grid):
    fig = sr.plot_choropleth(grid, "quote", labels="name")
    ax = fig.axes[0]
    labels = [t for t in ax.texts if t.get_gid() == "district_label" and t.get_visible()]
    assert len(labels) >= 20
    assert all(t.get_path_effects() for t in labels)
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in labels]
    overlaps = sum(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert overlaps == 0


def test_small_multiples_indicators_and_years(grid):
    g = grid.copy()
    g["other"] = np.linspace(100, 500, 25)
    fig = plot_small_multiples(g, ["quote", "other"], "quantiles", 4, title="Zwei Merkmale")
    maps = [ax for ax in fig.axes if any(c.get_gid() for c in ax.collections)]
    assert len(maps) == 2
    first = [t.get_text() for t in fig.axes[1].get_legend().get_texts()]
    assert first[0] == "2,0 – 7,5 (6)"
    later = grid.copy()
    later["quote"] = later["quote"] + 5
    fig2 = plot_small_multiples({"2019": grid, "2024": later}, "quote", "equal_interval", 3)
    legends = [ax.get_legend() for ax in fig2.axes if ax.get_legend() is not None]
    bounds = [[t.get_text().rsplit(" (", 1)[0] for t in leg.get_texts()][:3] for leg in legends]
    assert bounds[0] == bounds[1]  # shared classes
    # pooled valid values 2..25 and 7..30 (13 / 18 hidden): 2 .. 30 in three equal classes
    assert bounds[0] == ["2,0 – 11,3", "11,3 – 20,7", "20,7 – 30,0"]
    assert [ax.get_title(loc="left") for ax in fig2.axes if ax.get_title(loc="left")] == [
        "2019",
        "2024",
    ]


def test_small_multiples_of_a_wide_city_fill_their_map_boxes():
    """The demo city is wider than tall: each panel's map box has the city's shape, so the
    areas fill the box (before: a box as tall as the page allowed, the city in 42 % of its
    height, north arrow and scale bar far from the map); the legend follows the map."""
    g = sr.datasets.musterstadt()
    g["q"] = g["EW_U6"] / g["EW"] * 100
    # own classes per panel (not shared): a legend below each map, three columns
    fig = plot_small_multiples(g, ["q", "EW"], shared=False)
    fig.canvas.draw()
    maps = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert len(maps) == 2
    x0, y0, x1, y1 = g.total_bounds
    for ax in maps:
        lo, hi = ax.get_ylim()
        # set_extent's margins: 3 % around, 10 % for the scale bar below: 1 / 1.2 at most
        assert (y1 - y0) / (hi - lo) > 0.8
        legend = fig.axes[fig.axes.index(ax) + 1]
        gap = ax.get_position().y0 - legend.get_position().y1
        assert 0 < gap < 0.05  # the legend right below its map, in page fractions


def test_three_stichtage_of_a_wide_city_share_one_legend_in_the_free_cell():
    """Three Stichtage side by side left half of the demo's monitoring page white (maps
    2.2 in tall over their legends): with the same classes in every panel, two columns
    and one legend in the fourth cell give maps about 3 in tall; the legend counts the
    areas of each class in every panel, in the panels' order."""
    g = sr.datasets.musterstadt()
    g["q"] = g["EW_U6"] / g["EW"] * 100
    later = g.copy()
    later["q"] = later["q"] * 1.2
    days = {"31.12.2019": g, "31.12.2021": later, "31.12.2024": g}
    fig = plot_small_multiples(days, "q", unit="%", legend_title="Anteil unter 6")
    fig.canvas.draw()
    maps = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert [ax.get_title(loc="left") for ax in maps] == list(days)
    heights = [ax.get_position().height * fig.get_size_inches()[1] for ax in maps]
    assert min(heights) > 2.8
    x0, y0, x1, y1 = g.total_bounds
    for ax in maps:
        lo, hi = ax.get_ylim()
        assert (y1 - y0) / (hi - lo) > 0.8  # the box has the city's shape
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    assert len(legends) == 1
    host = next(ax for ax in fig.axes if ax.get_legend() is not None)
    assert host not in maps
    # the free cell: right of the third map, below the second
    assert host.get_position().x0 > maps[2].get_position().x1
    assert host.get_position().y1 <= maps[1].get_position().y0 + 1e-9
    title = legends[0].get_title().get_text()
    assert title.splitlines()[0] == "Anteil unter 6"
    assert title.splitlines()[-1] == "(Anzahl Gebiete: 31.12.2019 / 31.12.2021 / 31.12.2024)"
    texts = [t.get_text() for t in legends[0].get_texts()]
    # each class counted by hand in every panel from the bounds the legend prints
    bounds = fig.sozialraum_classification.upper
    lower = -np.inf
    for i, upper in enumerate(bounds):
        counts = [int(((f["q"] > lower) & (f["q"] <= upper)).sum()) if i else
                  int((f["q"] <= upper).sum()) for f in days.values()]
        assert texts[i].endswith(f"({counts[0]} / {counts[1]} / {counts[2]})"), texts[i]
        lower = upper
    # bigger maps than with a legend below each (the layout asked for with ncols=3)
    old = plot_small_multiples(days, "q", unit="%", ncols=3)
    old_maps = [ax for ax in old.axes if ax.get_title(loc="left")]
    assert max(ax.get_position().height for ax in old_maps) * 1.2 < min(
        ax.get_position().height for ax in maps)


def test_save_figure_formats_dpi_and_no_overwrite(grid, tmp_path):
    fig = sr.plot_choropleth(grid, "quote", labels=None)
    paths = save_figure(fig, tmp_path / "karte")
    assert [p.name for p in paths] == ["karte.png", "karte.pdf", "karte.svg"]
    from PIL import Image

    with Image.open(paths[0]) as im:
        assert im.size[0] == pytest.approx(11.69 * 300, abs=2)
    assert paths[1].read_bytes()[:5] == b"%PDF-"
    assert b"<svg" in paths[2].read_bytes()[:500]
    before = paths[0].read_bytes()
    with pytest.raises(OutputExistsError, match="karte.png"):
        save_figure(fig, tmp_path / "karte", dpi=50)
    assert paths[0].read_bytes() == before
    only = save_figure(fig, tmp_path / "karte.png", dpi=50, force=True)
    assert only == [tmp_path / "karte.png"]
    assert paths[0].read_bytes() != before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_agg_backend_is_used():
    import sozialraum.maps.static  # noqa: F401

    assert matplotlib.get_backend().lower() == "agg"


@pytest.mark.parametrize("level", ["sozialraeume", "stadtteile", "stadtbezirke"])
def test_demo_city_levels_render(level, tmp_path):
    g = sr.datasets.musterstadt(level=level)
    g["quote"] = 100 * g["SGB2"].astype(float) / g["EW_U65"].astype(float)
    k = 5 if len(g) >= 10 else 2
    fig = sr.plot_choropleth(g, "quote", "quantiles", k, unit="%", **SOURCE)
    colls = _collections(fig)
    assert sum(len(c.get_paths()) for gid, c in colls.items() if gid.startswith("class_")) == len(g)
    assert save_figure(fig, tmp_path / "k.png", dpi=40)[0].stat().st_size > 1000


def _baseline_maps():
    g = _grid_with_values()
    yield (
        "choropleth_grid",
        sr.plot_choropleth(
            g,
            "quote",
            "quantiles",
            4,
            unit="%",
            title="Testkarte",
            overlay=g.dissolve(by=g.index.str[:2]),
            overlay_name="Zeilen",
            **SOURCE,
        ),
    )
    h = grid_districts()
    yield "clusters_grid", sr.plot_clusters(h, _cluster_frame(h.index), title="Cluster", **SOURCE)


@pytest.mark.parametrize("name", ["choropleth_grid", "clusters_grid"])
def test_baseline_images(name, tmp_path):
    fig = dict(_baseline_maps())[name]
    actual = tmp_path / f"{name}.png"
    fig.savefig(actual, dpi=60)
    expected = BASELINE / f"{name}.png"
    if os.environ.get("SOZIALRAUM_REGEN_BASELINE") == "1":
        BASELINE.mkdir(parents=True, exist_ok=True)
        expected.write_bytes(actual.read_bytes())
        pytest.skip(f"baseline {expected.name} regenerated: look at it before committing")
    assert expected.exists(), f"missing baseline {expected}; see tests/data/baseline/README.md"
    result = compare_images(str(expected), str(actual), tol=2.0)
    assert result is None, result


def test_docs_code_blocks_run(tmp_path, monkeypatch):
    """Every Python block of docs/maps.md runs (in a temporary folder, blocks in order)."""
    import re

    doc = (Path(__file__).resolve().parents[2] / "docs" / "maps.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", doc, re.S)
    assert len(blocks) >= 3
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)  # the demo city has 25 areas
        for block in blocks:
            exec(compile(block, "docs/maps.md", "exec"), namespace)  # noqa: S102
    assert (tmp_path / "karte.html").exists()
    assert sorted(p.name for p in tmp_path.glob("sgb2_quote.*")) == [
        "sgb2_quote.pdf",
        "sgb2_quote.png",
        "sgb2_quote.svg",
    ]


def test_duplicate_keys_and_bad_k_are_clear_errors(grid):
    from sozialraum.errors import DuplicateKeyError

    doubled = pd.concat([grid, grid.iloc[[0]]])
    with pytest.raises(DuplicateKeyError, match="'0101'"):
        sr.plot_choropleth(doubled, "quote")
    with pytest.raises(DuplicateKeyError, match="'0101'"):
        sr.explore(doubled, ["quote"])
    with pytest.raises(ConfigError, match="from 2 to 9"):
        sr.plot_choropleth(grid, "quote", k=1)
    with pytest.raises(ConfigError, match="from 2 to 9"):
        sr.plot_choropleth(grid, "quote", k=2.5)


def test_classification_repr_is_readable(grid):
    c = sr.plot_choropleth(grid, "quote", "quantiles", 4, labels=None).sozialraum_classification
    assert repr(c) == (
        "Classification(Quantile; '2,0 – 7,5': 6, '7,5 – 14,0': 6, '14,0 – 19,5': 5, "
        "'19,5 – 25,0': 6; without value: 2)"
    )


def test_mostly_equal_values_give_one_clear_message():
    """Quantiles that collapse into one class: a clear InputError naming a way out that works
    (review found 'use k=2' followed by a palette error for k=1)."""
    import matplotlib.pyplot as plt

    g = sr.datasets.musterstadt()
    d = g.copy()
    d["few"] = np.where(np.arange(len(d)) % 3 == 0, 0.38, 0.5)
    with pytest.raises(sr.InputError, match="scheme='fisher_jenks'"):
        sr.plot_choropleth(d, "few", scheme="quantiles", k=2)
    fig = sr.plot_choropleth(d, "few", scheme="fisher_jenks", k=2)  # the advice works
    plt.close(fig)


def test_label_falls_back_to_the_key_without_a_name():
    g = grid_districts()
    g["v"] = np.arange(25.0)
    g.loc["0202", "name"] = None
    fig = sr.plot_choropleth(g, "v")
    shown = _labels(fig)
    assert "0202" in shown and "Bezirk 1-1" in shown
    fig = sr.plot_choropleth(g.drop(columns="name"), "v")
    assert set(_labels(fig)) == set(g.index)



def test_one_legend_merges_the_withheld_entries_and_names_long_panels_by_order():
    g = sr.datasets.musterstadt()
    g["q"] = g["EW_U6"] / g["EW"] * 100
    hidden = g.copy()
    hidden.loc[hidden.index[:2], "q"] = np.nan
    hidden["q__reason"] = pd.Series(pd.NA, index=hidden.index, dtype="string")
    hidden.loc[hidden.index[:2], "q__reason"] = "suppressed"
    titles = ["31.12.2019 (auf heutige Grenzen umgerechnet)",
              "31.12.2021 (auf heutige Grenzen umgerechnet)", "31.12.2024 – neuer Gebietsstand"]
    fig = plot_small_multiples([g, hidden, g], "q", titles=titles)
    legend = next(ax.get_legend() for ax in fig.axes if ax.get_legend() is not None)
    texts = [t.get_text().replace("\n", " ") for t in legend.get_texts()]
    withheld = [t for t in texts if t.startswith("keine Angabe")]
    assert withheld == ["keine Angabe (Geheimhaltung) (0 / 2 / 0)"]
    assert legend.get_title().get_text().splitlines()[-1] == (
        "(Anzahl Gebiete je Karte, in der Reihenfolge der Karten)")


def _withheld(g, keys_reasons):
    out = g.copy()
    out["q__reason"] = pd.Series(pd.NA, index=out.index, dtype="string")
    for key, reason in keys_reasons:
        out.loc[key, "q"] = np.nan
        out.loc[key, "q__reason"] = reason
    return out


def test_one_legend_gives_each_reason_one_hatch_on_every_panel():
    """Found in review: each panel hatched its reasons in its own order, so "Geheimhaltung"
    was xxxx on one map and \\\\ on the next while the one legend showed xxxx."""
    g = sr.datasets.musterstadt()
    g["q"] = g["EW_U6"] / g["EW"] * 100
    a, b = g.index[:2]
    first = _withheld(g, [(a, "suppressed")])
    second = _withheld(g, [(b, "below_population"), (a, "suppressed")])
    second.loc[b, "q__reason"] = "below_population"  # listed first in this frame
    second = second.loc[[b, *[k for k in second.index if k != b]]]
    fig = plot_small_multiples({"2019": first, "2021": second, "2024": g}, "q")
    legend = next(ax.get_legend() for ax in fig.axes if ax.get_legend() is not None)
    in_legend = {t.get_text().rsplit(" (", 1)[0]: h.get_hatch()
                 for t, h in zip(legend.get_texts(), legend.legend_handles, strict=True)
                 if t.get_text().startswith("keine Angabe")}
    assert len(set(in_legend.values())) == 2
    maps = [ax for ax in fig.axes if ax.get_title(loc="left")]
    for ax in maps:
        for coll in ax.collections:
            if str(coll.get_gid()).startswith("missing_"):
                hatch = coll.get_hatch()
                assert hatch in in_legend.values()
    # the area withheld for secrecy has the legend's secrecy hatch on both maps
    secret = in_legend["keine Angabe (Geheimhaltung)"]
    found = [coll.get_hatch() for ax in maps[:2] for coll in ax.collections
             if str(coll.get_gid()).startswith("missing_")]
    assert found.count(secret) == 2


def test_one_legend_lists_each_class_once_when_the_panels_print_other_decimals():
    g = sr.datasets.musterstadt()
    g["q"] = np.arange(len(g), dtype=float) % 6 + 1.0  # whole numbers
    frac = g.copy()
    frac.loc[frac.index[0], "q"] = 2.5  # one estimate on new boundaries
    fig = plot_small_multiples({"2019": g, "2021": frac, "2024": g}, "q", "equal_interval", 3)
    legend = next(ax.get_legend() for ax in fig.axes if ax.get_legend() is not None)
    texts = [t.get_text() for t in legend.get_texts()]
    assert len(texts) == 3
    assert all(t.endswith(")") and t.count(" / ") == 2 for t in texts)
    counts = [[int(x) for x in t.rsplit("(", 1)[1].rstrip(")").split(" / ")] for t in texts]
    assert [sum(col) for col in zip(*counts, strict=True)] == [len(g)] * 3


@pytest.mark.parametrize(("layout", "n", "k"), [
    (layout, n, k) for layout in ("A4 landscape", "A4 portrait")
    for n, k in ((2, 9), (3, 9), (4, 9), (5, 9), (6, 9), (7, 5), (9, 5))
    if not (n == 9 and layout == "A4 portrait")  # too many for two columns: docs/maps.md
])
def test_small_multiples_keep_every_legend_on_the_page(layout, n, k):
    """Found in review: one narrow free cell of four or five columns cut the legend off at
    the page edge, and nine classes with two reasons ran below the page. Wide and tall
    cities, two to six panels with nine classes, seven and nine with five, two reasons:
    every legend inside the page and clear of the maps (seven and more panels of nine
    classes each, or nine on a portrait page, do not fit with a legend each: docs/maps.md)."""
    from matplotlib.transforms import Bbox

    g = sr.datasets.musterstadt()
    g["q"] = g["EW_U6"] / g["EW"] * 100
    g = _withheld(g, [(g.index[0], "suppressed"), (g.index[1], "below_population")])
    tall = g.copy()
    tall["geometry"] = tall.geometry.rotate(90, origin=tall.geometry.union_all().centroid)
    for city in (g, tall):
        fig = plot_small_multiples({f"31.12.{2015 + i}": city for i in range(n)}, "q", k=k,
                                   layout=layout, unit="%", title="Titel", source="Amt")
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        inv = fig.transFigure.inverted()
        maps = [ax for ax in fig.axes if ax.get_title(loc="left")]
        assert len(maps) == n
        for ax in fig.axes:
            leg = ax.get_legend()
            if leg is None:
                continue
            bb = leg.get_window_extent(r).transformed(inv)
            assert bb.x0 >= 0 and bb.x1 <= 1.0 and bb.y0 >= 0 and bb.y1 <= 1.0, (n, layout, bb)
            for m in maps:
                if m is not ax:
                    box = m.get_window_extent(r).transformed(inv)
                    assert Bbox.intersection(box, bb) is None or (
                        Bbox.intersection(box, bb).width * Bbox.intersection(box, bb).height
                        < 1e-4), (n, layout)


def test_several_columns_with_shared_classes_keep_a_legend_each_and_count_the_maps():
    g = sr.datasets.musterstadt()
    g["u6"] = g["EW_U6"] / g["EW"] * 100
    g["u6b"] = g["u6"] * 1.1
    g["u6c"] = g["u6"] * 0.9
    fig = plot_small_multiples(g, ["u6", "u6b", "u6c"], shared=True)
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    assert len(legends) == 3
    titles = [leg.get_title().get_text().splitlines()[0] for leg in legends]
    assert titles == ["u6", "u6b", "u6c"]
    assert all("gleiche Klassen für alle 3 Karten" in leg.get_title().get_text()
               for leg in legends)


def test_a_stichtag_with_every_value_withheld_is_a_hatched_panel_not_a_crash():
    # found in review: classify took the minimum of no values (a fully suppressed year)
    g = sr.datasets.musterstadt()
    g["q"] = g["EW_U6"] / g["EW"] * 100
    hidden = _withheld(g, [(k, "suppressed") for k in g.index])
    fig = plot_small_multiples({"2019": g, "2021": hidden, "2024": g}, "q")
    legend = next(ax.get_legend() for ax in fig.axes if ax.get_legend() is not None)
    texts = [t.get_text() for t in legend.get_texts()]
    assert texts[-1] == f"keine Angabe (Geheimhaltung) (0 / {len(g)} / 0)"
    assert all(" / 0 / " in t for t in texts[:-1])
