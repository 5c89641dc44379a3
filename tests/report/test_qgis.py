"""Tests of :mod:`sozialraum.report.qgis`.

QGIS styles (QML) in the GeoPackage: the schema, classes as the static map, German labels.

Most tests look at the demo bundle built once per session (``bundle`` in
tests/report/conftest.py).
"""

from __future__ import annotations

import re
import sqlite3
import xml.etree.ElementTree as ET

from support.report import _styles

import sozialraum as sr


def test_layer_styles_table_follows_the_qgis_schema(bundle):
    gpkg = bundle.path / "geodaten" / "ergebnisse.gpkg"
    with sqlite3.connect(gpkg) as con:
        cols = [r[1] for r in con.execute("PRAGMA table_info(layer_styles)")]
        contents = con.execute(
            "SELECT data_type, identifier FROM gpkg_contents WHERE table_name = 'layer_styles'"
        ).fetchall()
    assert cols == [
        "id",
        "f_table_catalog",
        "f_table_schema",
        "f_table_name",
        "f_geometry_column",
        "styleName",
        "styleQML",
        "styleSLD",
        "useAsDefault",
        "description",
        "owner",
        "ui",
        "update_time",
    ]
    assert contents == [("attributes", "layer_styles")]
    styles = _styles(gpkg)
    for layer in ("sozialraeume", "stadtteile"):
        mine = styles[styles.f_table_name == layer]
        assert mine["useAsDefault"].sum() == 1
        default = mine[mine.useAsDefault == 1].iloc[0]
        assert default.f_geometry_column == "geom"
        assert 'attr="index_klasse"' in default.styleQML
        assert 'type="categorizedSymbol"' in default.styleQML
        # areas without an index value (e.g. below 300 inhabitants) keep a visible category
        assert 'value="" symbol=' in default.styleQML and "keine Angabe" in default.styleQML
    for qml in styles.styleQML:
        ET.fromstring(qml.split("\n", 1)[1])  # every style is well-formed XML


def test_qml_classes_match_the_static_map(bundle):
    """Same class bounds, colours and German legend labels as sr.plot_choropleth."""
    import matplotlib.pyplot as plt
    import pyogrio

    gpkg = bundle.path / "geodaten" / "ergebnisse.gpkg"
    styles = _styles(gpkg)
    mine = styles[styles.f_table_name == "sozialraeume"]
    qml = mine[mine.styleQML.str.contains('"index_wert" &gt;=', regex=False)]
    assert len(qml) == 1
    root = ET.fromstring(qml.styleQML.iloc[0].split("\n", 1)[1])
    renderer = root.find("renderer-v2")
    # a rule per class and an ELSE rule, so that areas without a value are drawn too
    assert renderer.get("type") == "RuleRenderer"
    rules = renderer.findall("rules/rule")
    assert len(rules) == 6 and rules[-1].get("filter") == "ELSE"
    ranges = rules[:-1]
    labels = [r.get("label") for r in ranges]
    # the static map of the same published values: its legend has the same entries
    fig = sr.plot_choropleth(bundle.base.map_frame, "index_wert", "quantiles", 5, palette="YlOrRd")
    legend_texts = [
        t.get_text()
        for ax in fig.axes
        for leg in ([ax.get_legend()] if ax.get_legend() else [])
        for t in leg.get_texts()
    ]
    legend_texts += [
        t.get_text().replace("\n", " ") for leg in fig.legends for t in leg.get_texts()
    ]
    plt.close(fig)
    for label in labels:
        assert label in legend_texts, (label, legend_texts)
    # colours: ColorBrewer YlOrRd with 5 classes, lowest first
    fills = []
    for sym in sorted(renderer.findall("symbols/symbol"), key=lambda s: int(s.get("name")))[:5]:
        opt = sym.find("layer/Option/Option[@name='color']")
        fills.append(tuple(int(v) for v in opt.get("value").split(",")[:3]))
    expected = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]
    assert fills == [tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in expected]
    # every published value falls into exactly one range, and the counts in the labels agree
    values = pyogrio.read_dataframe(gpkg, layer="sozialraeume")["index_wert"].dropna()
    bounds = [
        tuple(map(float, re.findall(r"[<>]=? (-?[\d.eE+-]+)", r.get("filter")))) for r in ranges
    ]
    counts = [0] * 5
    for v in values:
        hits = [
            i for i, (lo, up) in enumerate(bounds) if (lo <= v <= up if i == 0 else lo < v <= up)
        ]
        assert len(hits) == 1, v
        counts[hits[0]] += 1
    assert [int(re.search(r"\((\d+)\)$", lab).group(1)) for lab in labels] == counts
    assert sum(counts) == len(values) == bundle.frame()["index_wert"].notna().sum()
    # the industrial area (< 300 inhabitants) has no index value
    assert len(values) < len(sr.datasets.musterstadt())


def test_extra_index_columns_and_style(bundle):
    """The NRW-style index (higher = better): its own columns, map and a RdBu QML style whose
    hatched worst class is the LOWEST one."""
    frame = bundle.frame()
    for col in ("nrw_wert", "nrw_rang", "nrw_klasse"):
        assert col in frame.columns
    nrw = bundle.base.extra_indices["nrw"]
    assert (
        frame["nrw_rang"].dropna().astype(int).tolist()
        == nrw.rank.reindex(frame.index).dropna().astype(int).tolist()
    )
    # rank 1 (most deprived) has the LOWEST points: higher is better in this index
    best, worst = frame["nrw_wert"].idxmax(), frame["nrw_wert"].idxmin()
    assert frame.at[worst, "nrw_rang"] == 1
    assert frame.at[best, "nrw_rang"] == frame["nrw_rang"].max()
    assert "karten/sozialraeume_nrw_wert.pdf" in bundle.files
    styles = _styles(bundle.path / "geodaten" / "ergebnisse.gpkg")
    qml = styles[(styles.f_table_name == "sozialraeume")
                 & (styles.styleName == "sozialraeume: nrw")]
    root = ET.fromstring(qml.styleQML.iloc[0].split("\n", 1)[1])
    assert root.find("renderer-v2").get("type") == "RuleRenderer"
    symbols = sorted(root.findall("renderer-v2/symbols/symbol"), key=lambda x: int(x.get("name")))
    fills = [[ly.find("Option/Option[@name='style']").get("value") for ly in s.findall("layer")]
             for s in symbols]
    # the worst class: a solid fill in its colour with a hatch on top (as the static map);
    # the other classes solid; the last symbol is the ELSE rule "keine Angabe" (hatched grey)
    assert fills[0] == ["solid", "b_diagonal"] and all(f == ["solid"] for f in fills[1:-1])
    assert fills[-1] == ["solid", "dense6"]
    first = symbols[0].find("layer/Option/Option[@name='color']").get("value")
    # ColorBrewer RdBu centred on 0 points: the worst class (-9,1 to -2,1, the only one below
    # 0) in the darkest red of the 7-class palette, as far from 0 as the best class in blue
    assert first.startswith("178,24,43")
    rules = root.findall("renderer-v2/rules/rule")
    assert rules[-1].get("filter") == "ELSE" and rules[-1].get("label") == "keine Angabe"
    de = (bundle.path / "methodik.md").read_text(encoding="utf-8")
    assert "Zusätzlicher Index (Spalten nrw_wert, nrw_rang, nrw_klasse)" in de
    assert "Teilindex" in de


def test_qml_cluster_categories_have_german_labels(bundle):
    styles = _styles(bundle.path / "geodaten" / "ergebnisse.gpkg")
    lisa = styles[(styles.f_table_name == "sozialraeume")
                  & (styles.styleName == "sozialraeume: LISA-Cluster")]
    root = ET.fromstring(lisa.styleQML.iloc[0].split("\n", 1)[1])
    renderer = root.find("renderer-v2")
    assert renderer.get("type") == "categorizedSymbol"
    assert renderer.get("attr") == "lisa_cluster"
    cats = {c.get("value"): c.get("label") for c in renderer.findall("categories/category")}
    assert cats["HH"] == "Hotspot (hoch-hoch)"
    assert cats["LL"] == "Coldspot (niedrig-niedrig)"
    assert cats["island"] == "keine Nachbarn"
    assert cats[""] == "keine Angabe"
    assert set(bundle.frame()["lisa_cluster"].dropna()) <= set(cats)
    klass = styles[(styles.f_table_name == "sozialraeume")
                   & (styles.styleName == "sozialraeume: Indexklasse")]
    root = ET.fromstring(klass.styleQML.iloc[0].split("\n", 1)[1])
    values = [c.get("value") for c in root.findall("renderer-v2/categories/category")]
    assert values == ["hoch", "mittel", "niedrig", "sehr niedrig", ""]
    # the legend texts give the bounds, as on the printed index-class map
    labels = [c.get("label") for c in root.findall("renderer-v2/categories/category")]
    assert labels == ["hoch: unter -1,0", "mittel: -1,0 bis +1,0", "niedrig: über +1,0 bis +1,5",
                      "sehr niedrig: über +1,5", "keine Angabe"]

