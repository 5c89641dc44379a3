"""Tests of :mod:`sozialraum.report.maps`.

What the demo bundle's maps print is true: district names as labels, index classes with
their bounds, cluster legends that say what "hoch" means, the neutral colour, the HTML map.

The figures are drawn by the bundle's own map jobs (``report.maps.map_jobs``) from the demo
city, without writing files; expected values are written out by hand from the method
definitions (MSS and NRW class rules), never taken from an earlier run.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from matplotlib.colors import to_hex
from support.maps import LAYOUTS, _figure, _labels
from synthetic import grid_districts

import sozialraum as sr
from sozialraum import config as cfgmod
from sozialraum.maps.style import classify, neutral_color
from sozialraum.report import maps as bundle_maps


def _legend(fig) -> list[str]:
    return [t.get_text().replace("\n", " ") for leg in fig.legends for t in leg.get_texts()]


def _title(fig) -> str:
    return fig.legends[0].get_title().get_text().replace("\n", " ")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(
    "stem", ["sozialraeume_index_klasse", "sozialraeume_lisa", "stadtteile_index_wert"]
)
def test_districts_are_labelled_by_their_names(demo, stem, layout):
    fig, data = _figure(demo, stem, layout)
    shown = _labels(fig)
    names = data["name"]
    # every district with a part big enough is labelled, and by its name, never its key
    assert not set(shown) & set(map(str, data.index))
    assert set(shown) == set(names)
    if stem.startswith("sozialraeume"):
        # the most deprived area of the demo (0401) is named on the map
        assert names["0401"] == "Bahnhofsviertel" and "Bahnhofsviertel" in shown


def test_mss_class_legend_shows_the_class_bounds(demo):
    fig, _ = _figure(demo, "sozialraeume_index_klasse")
    _, results = demo
    classes = results.levels["sozialraeume"].index.classes("de")
    n = {name: int((classes == name).sum()) for name in ("hoch", "mittel", "niedrig")}
    n["sehr niedrig"] = int((classes == "sehr niedrig").sum())
    # MSS 2021: < -1 | -1 .. +1 | > +1 .. +1,5 | > +1,5 (z-values; a value on a bound
    # belongs to the class nearer the average)
    assert _legend(fig)[:4] == [
        f"hoch: unter -1,0 ({n['hoch']})",
        f"mittel: -1,0 bis +1,0 ({n['mittel']})",
        f"niedrig: über +1,0 bis +1,5 ({n['niedrig']})",
        f"sehr niedrig: über +1,5 ({n['sehr niedrig']})",
    ]


def test_nrw_class_legend_bounds_are_true_for_every_area(demo):
    """The NRW index is published in points, higher = better: its classes are read in
    standard deviations of the points, and every area's z-value lies in its class."""
    fig, _ = _figure(demo, "sozialraeume_nrw_klasse")
    assert "Grenzen in Standardabweichungen" in _title(fig)
    texts = [t.rsplit(" (", 1)[0] for t in _legend(fig)[:5]]
    assert texts == [
        "weit überdurchschnittlich: über +1,5",
        "überdurchschnittlich: über +0,5 bis +1,5",
        "durchschnittlich: -0,5 bis +0,5",
        "unterdurchschnittlich: -1,5 bis unter -0,5",
        "weit unterdurchschnittlich: unter -1,5",
    ]
    _, results = demo
    res = results.levels["sozialraeume"].extra_indices["nrw"]
    score = pd.to_numeric(res.score, errors="coerce").astype(float)
    z = (score - score.mean()) / score.std(ddof=0)
    level = pd.to_numeric(res.class_level, errors="coerce")
    inside = {
        0: lambda v: v > 1.5,
        1: lambda v: 0.5 < v <= 1.5,
        2: lambda v: -0.5 <= v <= 0.5,
        3: lambda v: -1.5 <= v < -0.5,
        4: lambda v: v < -1.5,
    }
    checked = 0
    for key, v in z.dropna().items():
        assert inside[int(level[key])](round(v, 10)), (key, v, int(level[key]))
        checked += 1
    assert checked == int(score.notna().sum()) > 20


def test_data_driven_index_classes_show_their_value_range():
    g = sr.datasets.musterstadt()
    rates = sr.compute_indicators(g, ["S1", "S3", "S4"]).join(g["EW"])
    spec = sr.presets.berlin_mss_status(["S1", "S3", "S4"], population="EW", missing="reweight")
    spec = dataclasses.replace(spec, classes=sr.index.ClassScheme("quantiles", k=4))
    res = sr.composite_index(rates, spec)
    bounds, note = bundle_maps.class_bounds(res, res.score.round(3), "de")
    level = pd.to_numeric(res.class_level, errors="coerce")
    for i, text in enumerate(bounds):
        v = res.score.round(3)[level == i]
        lo, hi = (f"{x:.3f}".replace(".", ",") for x in (v.min(), v.max()))
        assert text == f"{lo} bis {hi}"
    assert note == "kleinster bis größter Indexwert der Klasse"


def test_cluster_legends_say_what_high_means(demo):
    fig, _ = _figure(demo, "sozialraeume_lisa")
    legend = _legend(fig)
    assert any(t.startswith("Hotspot: hohe Indexwerte (mehr Benachteiligung) (") for t in legend)
    assert any(
        t.startswith("Coldspot: niedrige Indexwerte (weniger Benachteiligung) (") for t in legend
    )
    fig, _ = _figure(demo, "sozialraeume_gistar")
    title = _title(fig)
    assert "Hotspot: hohe Indexwerte (mehr Benachteiligung)" in title
    assert "Coldspot: niedrige Indexwerte (weniger Benachteiligung)" in title


def test_cluster_meaning_follows_the_variable():
    cfg = cfgmod.demo_config()
    assert bundle_maps.cluster_values(cfg) == "index_more"  # MSS: high = more deprivation
    nrw = cfg.replace(index=dataclasses.replace(cfg.index, higher_is_better=True))
    assert bundle_maps.cluster_values(nrw) == "index_less"
    s4 = cfg.replace(hotspots=dataclasses.replace(cfg.hotspots, variable="S4"))
    assert bundle_maps.cluster_values(s4) == "values"
    g = grid_districts()
    lisa = pd.DataFrame({"cluster": ["HH"] * 3 + ["LL"] * 2 + ["ns"] * 20}, index=g.index)
    texts = {
        values: _legend(sr.plot_clusters(g, lisa, values=values, labels=None))[:4]
        for values in ("index_less", "values")
    }
    assert texts["index_less"][0] == "Hotspot: hohe Indexwerte (weniger Benachteiligung) (3)"
    assert texts["index_less"][3] == "Coldspot: niedrige Indexwerte (mehr Benachteiligung) (2)"
    # an indicator: only "high values", no judgement of the people it counts
    assert texts["values"][0] == "Hotspot: hohe Werte (3)"
    assert texts["values"][3] == "Coldspot: niedrige Werte (2)"
    en = _legend(sr.plot_clusters(g, lisa, values="index_more", labels=None, lang="en"))
    assert en[0] == "Hot spot: high index values (more deprivation) (3)"
    plain = _legend(sr.plot_clusters(g, lisa, labels=None))
    assert plain[0] == "Hotspot (hoch-hoch) (3)"


def _class_face(fig, i: int) -> str:
    coll = next(c for c in fig.axes[0].collections if c.get_gid() == f"class_{i}")
    return to_hex(coll.get_facecolor()[0])


def test_nrw_points_map_has_zero_in_the_neutral_colour(demo):
    fig, _ = _figure(demo, "sozialraeume_nrw_wert")
    c = fig.sozialraum_classification
    bounds = [c.lower, *c.upper]
    holding = [i for i in range(c.k) if bounds[i] < 0 <= bounds[i + 1]]
    assert len(holding) == 1 and c.counts[holding[0]] > 0
    assert _class_face(fig, holding[0]) == neutral_color("RdBu") == "#f7f7f7"
    # and no other class is drawn in the neutral colour
    others = [_class_face(fig, i) for i in range(c.k) if i != holding[0] and c.counts[i]]
    assert "#f7f7f7" not in others


@pytest.mark.parametrize("higher_is_better", [False, True])
def test_fixed_index_classes_show_their_cut_points(higher_is_better):
    """Fixed cut points are compared with the published score (closed on the right): the
    legend gives them as they are, and every area's published score lies in its class."""
    g = sr.datasets.musterstadt()
    rates = sr.compute_indicators(g, ["S1", "S3", "S4"]).join(g["EW"])
    spec = sr.presets.berlin_mss_status(["S1", "S3", "S4"], population="EW", missing="reweight")
    spec = dataclasses.replace(spec, higher_is_better=higher_is_better,
                               classes=sr.index.ClassScheme("fixed", (-0.5, 0.5), labels=None))
    res = sr.composite_index(rates, spec)
    bounds, note = bundle_maps.class_bounds(res, res.score, "de")
    expected = ["bis -0,5", "über -0,5 bis +0,5", "über +0,5"]
    assert bounds == (expected[::-1] if higher_is_better else expected) and note is None
    inside = [lambda v: v <= -0.5, lambda v: -0.5 < v <= 0.5, lambda v: v > 0.5]
    if higher_is_better:
        inside = inside[::-1]
    level = pd.to_numeric(res.class_level, errors="coerce")
    for key, v in res.score.dropna().items():
        assert inside[int(level[key])](v), (key, v, int(level[key]))


def test_index_class_map_shows_the_index_classes(bundle):
    """The index map the methods text describes: classes of the index method (MSS: hoch ...
    sehr niedrig), one legend entry per class with the same counts as the index result."""
    from sozialraum.report import maps as _bundle_maps

    lv = bundle.base
    data, column, breaks, stem = _bundle_maps._class_map_input(lv, lv.map_frame, "index_wert", "de")
    classes = lv.index.classes("de")
    # the class names with their bounds (MSS: z-values, a value on a cut belongs to the
    # class nearer the average)
    assert breaks.labels == (
        "hoch: unter -1,0",
        "mittel: -1,0 bis +1,0",
        "niedrig: über +1,0 bis +1,5",
        "sehr niedrig: über +1,5",
    )
    result = classify(data[column], breaks=breaks)
    assert result.labels == breaks.labels
    names = ("hoch", "mittel", "niedrig", "sehr niedrig")
    assert list(result.counts) == [int((classes == lab).sum()) for lab in names]
    # areas without an index value are not classified (hatched "keine Angabe" in the map)
    assert set(result.classes[result.classes < 0].index) == set(classes[classes.isna()].index)
    for ext in ("png", "pdf"):
        assert (bundle.path / "karten" / f"sozialraeume_{stem}.{ext}").is_file()


def test_interactive_bundle_map_has_german_layers_and_clusters(bundle):
    """The offline HTML map names its layers as the static maps do and carries the LISA and
    Gi* results, the source line and no CDN reference."""
    html = (bundle.path / "karten" / "sozialraeume_karte.html").read_text(encoding="utf-8")
    titles = ("MSS Status-Index", "S1 Arbeitslosigkeit (SGB II + III)", "LISA-Cluster",
              "Hotspots Gi*", "Grenzen Stadtteile", "Datenquelle: Kommunalstatistik Musterstadt")
    for title in titles:
        assert title in html, title
    # the cluster legend says what "hoch" means, as the printed LISA map does
    assert "Hotspot: hohe Indexwerte" in html and "Hotspot (hoch-hoch)" not in html
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html

