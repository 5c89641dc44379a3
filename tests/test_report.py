"""The output bundle: files, GeoPackage styles, tables, provenance, methods text, profiles,
confidentiality across every file, determinism and atomic writing."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sozialraum as sr
from sozialraum import config as cfgmod
from sozialraum.errors import OutputExistsError

DEMO_DIR = Path(sr.datasets.get_path("musterstadt.gpkg")).parent
RAW_CSV = DEMO_DIR / "musterstadt_statistik.csv"
CONFIDENTIAL_TEXT = "keine Angabe (Geheimhaltung)"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fast(cfg):
    """The demo config without maps (tables, GeoPackage, texts only) and few permutations."""
    return cfg.replace(
        maps=dataclasses.replace(cfg.maps, columns=(), html=False, clusters=False),
        hotspots=dataclasses.replace(cfg.hotspots, permutations=99),
    )


INPUTS = ("musterstadt.gpkg", "musterstadt_statistik.csv", "musterstadt_statistik.xlsx")


@pytest.fixture(scope="module")
def input_hashes():
    return {name: _sha(DEMO_DIR / name) for name in INPUTS}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory, input_hashes):
    """The full demo bundle (all maps), with 99 permutations to keep the suite fast."""
    out = tmp_path_factory.mktemp("full") / "musterstadt-ergebnis"
    return sr.run(cfgmod.demo_config(permutations=99), out=out)


@pytest.fixture(scope="module")
def fast_pair(tmp_path_factory):
    """Two runs of the same config into different folders (for determinism)."""
    cfg = _fast(cfgmod.demo_config())
    a = sr.run(cfg, out=tmp_path_factory.mktemp("a") / "out")
    b = sr.run(cfg, out=tmp_path_factory.mktemp("b") / "out")
    return a, b


@pytest.fixture(scope="module")
def raw_counts():
    """The demo counts for 31.12.2024, parsed straight from the CSV (not via sozialraum.io)."""
    raw = pd.read_csv(RAW_CSV, sep=";", dtype=str, encoding="utf-8-sig")
    raw = raw[raw["Stichtag"] == "31.12.2024"]
    values = raw["Wert"].str.replace("-", "0", regex=False).str.replace(",", ".", regex=False)
    raw = raw.assign(Wert=pd.to_numeric(values))
    return raw.pivot(index="SR_NR", columns="Merkmal", values="Wert")


# --- the files ---------------------------------------------------------------------------


def test_bundle_has_every_part(bundle):
    files = set(bundle.files)
    root = bundle.path
    assert root.is_dir() and not list(root.parent.glob(".musterstadt-ergebnis.tmp-*"))
    for stem in (
        "sozialraeume_index_wert",
        "sozialraeume_s1",
        "sozialraeume_lisa",
        "sozialraeume_gistar",
        "stadtteile_index_wert",
        "stadtteile_s4",
    ):
        for fmt in ("png", "pdf"):  # the demo's formats (SVG on request)
            assert f"karten/{stem}.{fmt}" in files
        assert f"karten/{stem}.svg" not in files
    assert {
        "karten/sozialraeume_karte.html",
        "karten/stadtteile_karte.html",
        "geodaten/ergebnisse.gpkg",
        "tabellen/sozialraeume.csv",
        "tabellen/stadtteile.csv",
        "tabellen/ergebnisse.xlsx",
        "methodik.md",
        "methods.md",
        "provenance.json",
        "profile/index.html",
        "profile/0101.html",
        "profile/1103.html",
    } <= files
    assert sum(f.startswith("profile/") for f in files) == 25 + 1
    assert (root / "karten/sozialraeume_index_wert.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (root / "karten/sozialraeume_index_wert.pdf").read_bytes()[:5] == b"%PDF-"
    html = (root / "karten/sozialraeume_karte.html").read_text(encoding="utf-8")
    assert not re.search(r'<script[^>]+src="https?://', html)  # offline map
    assert "Bundle(" in repr(bundle)


def test_inputs_are_not_modified(bundle, input_hashes):
    assert {name: _sha(DEMO_DIR / name) for name in INPUTS} == input_hashes


def test_summary_is_german(bundle):
    s = bundle.summary()
    assert s.splitlines()[0] == f"Fertig. Ergebnisse in {bundle.path}:"
    assert "GeoPackage mit QGIS-Stilen" in s and "25 Sozialraumprofile" in s
    assert "provenance.json" in s


# --- GeoPackage and QGIS styles -----------------------------------------------------------


def test_geopackage_layers_and_attributes(bundle):
    import pyogrio

    gpkg = bundle.path / "geodaten" / "ergebnisse.gpkg"
    layers = {str(name): geom for name, geom in pyogrio.list_layers(gpkg)}
    # the styles table is an attributes table without geometry, as QGIS writes it
    assert layers == {
        "sozialraeume": "MultiPolygon",
        "stadtteile": "MultiPolygon",
        "layer_styles": None,
    }
    g = pyogrio.read_dataframe(gpkg, layer="sozialraeume")
    assert g["SR_NR"].tolist() == list(bundle.frame().index)
    assert g["SR_NR"].iloc[0] == "0101"  # text key, leading zero kept
    assert g.crs.to_epsg() == 25832
    published = bundle.to_frame().reset_index()
    for col in ("index_wert", "S1", "lisa_cluster", "index_klasse", "einwohner"):
        left = g[col].astype(object).where(g[col].notna(), None).tolist()
        right = published[col].astype(object).where(published[col].notna(), None).tolist()
        assert left == right, col


def _styles(gpkg: Path) -> pd.DataFrame:
    with sqlite3.connect(gpkg) as con:
        return pd.read_sql("SELECT * FROM layer_styles ORDER BY id", con)


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
    assert len(values) < 25  # the industrial area (< 300 inhabitants) has no index value


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


# --- tables -----------------------------------------------------------------------------


def test_csv_is_german_format_and_equals_the_frame(bundle):
    path = bundle.path / "tabellen" / "sozialraeume.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    first = raw.decode("utf-8-sig").splitlines()[0]
    assert first.startswith("SR_NR;name;ST_NR;einwohner;flaeche_km2;S1;")
    back = pd.read_csv(
        path, sep=";", decimal=",", encoding="utf-8-sig", dtype={"SR_NR": str, "ST_NR": str}
    ).set_index("SR_NR")
    frame = bundle.to_frame()
    assert list(back.index) == list(frame.index)
    np.testing.assert_allclose(back["index_wert"], frame["index_wert"].astype(float))
    np.testing.assert_allclose(back["S3"], frame["S3"].astype(float))
    assert "0,88" in raw.decode("utf-8-sig")  # decimal comma (area of 0101)


def test_xlsx_sheets_and_text_keys(bundle):
    from openpyxl import load_workbook

    wb = load_workbook(bundle.path / "tabellen" / "ergebnisse.xlsx")
    assert wb.sheetnames == ["Sozialräume", "Stadtteile", "Erläuterung"]
    ws = wb["Sozialräume"]
    assert ws["A1"].value == "Schlüssel" and ws["A2"].value == "SR_NR"
    assert ws["A3"].value == "0101" and isinstance(ws["A3"].value, str)
    notes = {r[0].value: r[1].value for r in wb["Erläuterung"].iter_rows()}
    assert "ALO" in notes["S1"] and "EW_15_64" in notes["S1"]
    assert notes["index_rang"].startswith("Rang des Indexwerts")
    with zipfile.ZipFile(bundle.path / "tabellen" / "ergebnisse.xlsx") as z:
        core = z.read("docProps/core.xml").decode()
        assert "2000-01-01T00:00:00Z" in core
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}


def _xlsx_columns(ws) -> dict[str, int]:
    """Column number (1-based) of each code in the second header row."""
    return {c.value: c.column for c in ws[2] if c.value}


def _xlsx_row(ws, key: str) -> int:
    return next(c.row for c in ws["A"] if c.value == key)


def test_xlsx_number_formats_and_german_headers(bundle):
    from openpyxl import load_workbook

    wb = load_workbook(bundle.path / "tabellen" / "ergebnisse.xlsx")
    ws = wb["Sozialräume"]
    col = _xlsx_columns(ws)
    row = _xlsx_row(ws, "0101")
    assert row == 3  # two header rows, then the areas

    def cell(code):
        return ws.cell(row=row, column=col[code])

    # first header row: German labels (indicator label with its unit), second row: codes
    label = {code: ws.cell(row=1, column=i).value for code, i in col.items()}
    assert label["SR_NR"] == "Schlüssel" and label["name"] == "Name"
    assert label["einwohner"] == "Einwohner" and label["flaeche_km2"] == "Fläche in km²"
    assert label["SGB2_QUOTE"] == "SGB-II-Quote in %"
    assert label["S1"] == "S1 Arbeitslosigkeit (SGB II + III) in %"
    assert label["index_wert"] == "Indexwert" and label["lisa_p_korr"] == "p-Wert LISA, korrigiert"
    assert label["ST_NR"] == "Schlüssel Stadtteile"
    assert label["nrw_wert"].startswith("Wert Sozialindex")
    # number formats match the rounding: counts with thousands separators, rates 2,
    # scores 3, p-values 4 decimals; percentages are plain numbers (no Excel %)
    assert cell("einwohner").value == 3929 and cell("einwohner").number_format == "#,##0"
    assert cell("index_rang").number_format == "#,##0"
    assert cell("SGB2_QUOTE").value == pytest.approx(25.02)
    assert cell("SGB2_QUOTE").number_format == "#,##0.00"
    assert cell("flaeche_km2").number_format == "#,##0.00"
    assert cell("index_wert").value == pytest.approx(1.936)
    assert cell("index_wert").number_format == "0.000"
    for code in ("lisa_I", "lisa_p", "lisa_p_korr", "gi_z", "gi_p", "gi_p_korr"):
        assert cell(code).number_format == "0.0000", code
    assert cell("SR_NR").number_format == "@" and cell("lisa_text").number_format == "@"
    assert not any("%" in ws.cell(row=r, column=i).number_format
                   for r in range(3, 28) for i in col.values())
    # every column wide enough for its values
    assert ws.column_dimensions["B"].width >= len("Klostergut Heiligenborn")


def test_xlsx_frozen_and_printed_with_titles_on_every_page(bundle):
    from openpyxl import load_workbook

    wb = load_workbook(bundle.path / "tabellen" / "ergebnisse.xlsx")
    for title in ("Sozialräume", "Stadtteile"):
        ws = wb[title]
        assert ws["B2"].value == "name"
        assert ws.freeze_panes == "C3"  # header rows and key + name stay in view
        assert ws.print_title_rows == "$1:$2"
        assert ws.print_title_cols == "$A:$B"
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.page_setup.fitToHeight == 0
        assert 1 <= ws.page_setup.fitToWidth <= 8
        assert "Seite &P von &N" in ws.oddFooter.right.text
    # 37 columns of the Sozialräume do not fit on one page at a readable size
    assert wb["Sozialräume"].page_setup.fitToWidth > 1


def test_xlsx_marks_values_not_shown_with_signs_and_a_legend(bundle):
    from openpyxl import load_workbook

    wb = load_workbook(bundle.path / "tabellen" / "ergebnisse.xlsx")
    ws = wb["Sozialräume"]
    col = _xlsx_columns(ws)
    frame = bundle.frame()

    def value(key, code):
        return ws.cell(row=_xlsx_row(ws, key), column=col[code]).value

    # confidentiality: "x" (the CSV has an empty cell and the reason in S3_hinweis)
    assert frame.loc["1102", "S3_hinweis"] == "keine Angabe (Geheimhaltung)"
    assert value("1102", "S3") == "x" and value("1103", "S3") == "x"
    # too few inhabitants for the index: its own sign, also for rank, class and LISA
    assert frame.loc["0701", "index_hinweis"] == "keine Angabe (zu wenige Einwohner)"
    for code in ("index_wert", "index_rang", "index_klasse", "lisa_I", "gi_p"):
        assert value("0701", code) == "(x)", code
    # not meaningful (denominator 0) keeps the statistics office's "/"
    assert frame.loc["0701", "SPRACHFOERDERUNG_hinweis"] == "Nachweis nicht sinnvoll"
    assert value("0701", "SPRACHFOERDERUNG") == "/"
    # no value cell of an area is blank: every missing number carries a sign
    for r in range(3, 3 + len(frame)):
        for code, i in col.items():
            if not code.endswith(("_hinweis", "_text")):
                assert ws.cell(row=r, column=i).value is not None, (r, code)
    # the legend below the table explains exactly the signs used, and the footer repeats it
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3 + len(frame))]
    legend = {r[0]: r[1] for r in rows if r[0] in ("x", "(x)", "/", "...", ".")}
    assert legend["x"] == "keine Angabe (Geheimhaltung)"
    assert legend["(x)"].startswith("keine Angabe (zu wenige Einwohner")
    assert legend["/"].startswith("Nachweis nicht sinnvoll")
    assert ["Zeichenerklärung", None, None] == rows[1][:3]
    assert "x = keine Angabe (Geheimhaltung)" in ws.oddFooter.left.text
    # the notes sheet has the full legend, including how exact zeros are written
    notes = {r[0].value: r[1].value for r in wb["Erläuterung"].iter_rows()}
    assert notes["x"] == "keine Angabe (Geheimhaltung)" and "..." in notes
    assert notes["0"].startswith("genau null")


def test_csv_keys_keep_leading_zeros_when_read_as_text(bundle):
    path = bundle.path / "tabellen" / "sozialraeume.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel detects the encoding
    back = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig",
                       dtype={"SR_NR": str, "ST_NR": str})
    assert back["SR_NR"].iloc[0] == "0101" and back["ST_NR"].iloc[0] == "01"
    assert back["SR_NR"].str.len().eq(4).all()
    assert raw.decode("utf-8-sig").splitlines()[1].startswith("0101;")


def test_determinism_tables_and_geopackage(fast_pair, bundle):
    import pyogrio

    a, b = fast_pair
    for rel in (
        "tabellen/sozialraeume.csv",
        "tabellen/stadtteile.csv",
        "tabellen/ergebnisse.xlsx",
        "methodik.md",
        "methods.md",
    ):
        assert (a.path / rel).read_bytes() == (b.path / rel).read_bytes(), rel
    # tables do not depend on the maps: the full bundle has the same CSV
    assert (a.path / "tabellen/sozialraeume.csv").read_bytes() == (
        bundle.path / "tabellen/sozialraeume.csv"
    ).read_bytes()
    for layer in ("sozialraeume", "stadtteile"):
        ga = pyogrio.read_dataframe(a.path / "geodaten/ergebnisse.gpkg", layer=layer)
        gb = pyogrio.read_dataframe(b.path / "geodaten/ergebnisse.gpkg", layer=layer)
        pd.testing.assert_frame_equal(ga.drop(columns="geometry"), gb.drop(columns="geometry"))
        assert ga.geometry.geom_equals_exact(gb.geometry, tolerance=0).all()
    sa = _styles(a.path / "geodaten/ergebnisse.gpkg")
    sb = _styles(b.path / "geodaten/ergebnisse.gpkg")
    pd.testing.assert_frame_equal(sa, sb)
    pa = json.loads((a.path / "provenance.json").read_text(encoding="utf-8"))
    pb = json.loads((b.path / "provenance.json").read_text(encoding="utf-8"))
    assert pa == pb  # no timestamps, no output path: the record itself is reproducible


# --- provenance and methods ---------------------------------------------------------------


def test_provenance_records_inputs_config_and_versions(bundle):
    import pandas

    p = json.loads((bundle.path / "provenance.json").read_text(encoding="utf-8"))
    inputs = {(i["role"], Path(i["path"]).name): i for i in p["inputs"]}
    b = inputs[("boundaries", "musterstadt.gpkg")]
    assert b["sha256"] == _sha(DEMO_DIR / "musterstadt.gpkg")
    assert b["rows"] == 25 and b["layer"] == "sozialraeume"
    t = inputs[("table", "musterstadt_statistik.csv")]
    assert t["sha256"] == _sha(RAW_CSV)
    n_lines = len([ln for ln in RAW_CSV.read_bytes().splitlines() if ln.strip()]) - 1
    assert t["rows"] == n_lines and t["rows_used"] == 25
    assert inputs[("boundaries:stadtteile", "musterstadt.gpkg")]["rows"] == 11
    assert p["stichtag"] == "2024-12-31"
    assert p["inference"] == {
        "permutations": 99,
        "seed": 1,
        "alpha": 0.05,
        "correction": "fdr",
        "alternative": "two-sided",
    }
    assert "seeds" not in p
    assert p["config"]["hotspots"]["correction"] == "fdr"
    assert p["config"]["index"]["preset"] == "berlin_mss_status"
    assert p["confidentiality"]["policy"]["min_count"] == 3
    assert p["confidentiality"]["cells_suppressed_primary"] > 0
    assert p["versions"]["dependencies"]["pandas"] == pandas.__version__
    assert p["versions"]["python"].count(".") == 2
    text = json.dumps(p)
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text)  # no time stamps
    for rel, digest in p["outputs"].items():
        assert _sha(bundle.path / rel) == digest
    assert set(p["outputs"]) == set(bundle.files) - {"provenance.json", "manifest.json"}
    manifest = json.loads((bundle.path / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == set(bundle.files) - {"manifest.json"}
    assert {k: manifest["files"][k] for k in p["outputs"]} == p["outputs"]


def test_methods_text_states_the_inference_and_findings(bundle):
    de = (bundle.path / "methodik.md").read_text(encoding="utf-8")
    en = (bundle.path / "methods.md").read_text(encoding="utf-8")
    # as it was done: exact enumeration where a neighbourhood allows it, sampling elsewhere
    how = bundle.local_moran.to_frame()["inference"].value_counts()
    exact, sampled = int(how.get("exact", 0)), int(how.get("permutation", 0))
    # on the demo every tested neighbourhood is small enough to enumerate: no chance at all,
    # so neither a number of random permutations nor the seed is claimed
    assert (exact, sampled) == (22, 0)
    assert "für alle 22 getesteten Gebiete durch vollständige Aufzählung" in de
    hotspots = de.split("## Hotspot")[1].split("\n## ")[0]
    assert "zufälligen Permutationen" not in hotspots and "Startwert" not in hotspots
    assert "for all 22 tested areas by enumerating" in en
    assert "FDR (Benjamini-Hochberg)" in de and "α = 0,05" in de
    assert "Queen" in de
    assert "(ALO) / (EW_15_64) × 100" in de
    assert "Fallzahlen von 1 bis 2" in de
    lisa = bundle.local_moran.cluster
    hh = sorted(k for k in lisa.index if lisa[k] == "HH")
    frame = bundle.frame()
    if hh:
        sentence = next(line for line in de.splitlines() if "signifikanten Hotspot" in line)
        assert sentence.startswith(
            f"- {len(hh)} Sozialräume bilden einen signifikanten Hotspot hoher Benachteiligung"
        )
        for k in hh:
            assert f"{frame.at[k, 'name']} ({k})" in sentence
    truth = sr.datasets.musterstadt_truth()
    islands = [k for k in lisa.index if lisa[k] == "island"]
    exclave = truth["island"]
    if exclave in lisa.index:  # tested only if it has an index value
        assert islands == [exclave]
        assert (
            f"Ohne Nachbarn und daher nicht getestet: {frame.at[exclave, 'name']} ({exclave})" in de
        )
    else:
        assert pd.isna(frame.at[exclave, "index_wert"])
        assert f"{frame.at[exclave, 'name']} ({exclave})" in de  # named as not tested
    assert "Gewerbegebiet Hafenstraße (0701) (keine Angabe (zu wenige Einwohner))" in de
    assert "weniger als 30" in de  # the small-sample caveat, in German


def test_hotspots_recover_the_designed_deprivation_hotspot(bundle):
    """The demo city's generator planted a deprivation hotspot: LISA high-high and the worst
    index class find only areas of it (independent ground truth, not our own output)."""
    truth = set(sr.datasets.musterstadt_truth()["hotspot"])
    lisa = bundle.local_moran.cluster
    hh = {k for k in lisa.index if lisa[k] == "HH"}
    assert hh and hh <= truth
    worst = set(bundle.frame().index[bundle.frame()["index_klasse"] == "sehr niedrig"])
    assert worst and worst <= truth


def test_findings_say_so_when_nothing_is_significant(bundle):
    """No claim the statistics do not support: all 'ns' gives exactly that sentence."""
    from types import SimpleNamespace

    from sozialraum.report import methods as _methods

    base = bundle.base
    ns = pd.Series("ns", index=base.local_moran.cluster.index)
    ns.iloc[0] = "untestable"
    fake_lm = SimpleNamespace(cluster=ns)
    fake_gs = SimpleNamespace(cluster=pd.Series("ns", index=ns.index), bin=pd.Series(0, ns.index))
    fake_gm = SimpleNamespace(statistic=0.05, p_value=0.41)
    level = dataclasses.replace(
        base, local_moran=fake_lm, local_gstar=fake_gs, global_moran=fake_gm
    )
    results = SimpleNamespace(levels={"sozialraeume": level})
    found = _methods.findings(bundle.config, results, "de")
    joined = "\n".join(found)
    assert "kein LISA-Cluster signifikant" in joined
    assert "keinen signifikanten Hot- oder Coldspot" in joined
    assert "keine signifikante räumliche Autokorrelation" in joined
    assert "1 Sozialraum ist wegen zu weniger Nachbarn nicht testbar" in joined
    assert "Hotspot hoher Benachteiligung" not in joined


def test_findings_count_gstar_bins_only_at_the_chosen_level(bundle):
    """A Gi* area in the 90 % bin is not 'significant' at alpha = 0.05: the text keeps it apart.

    Gi* decides at alpha (its cluster is "ns" there); the bin keeps the 90 % level."""
    from types import SimpleNamespace

    from sozialraum.report import methods as _methods

    base = bundle.base
    keys = list(base.local_moran.cluster.index)
    codes = pd.Series("ns", index=keys)
    bins = pd.Series(0, index=keys)
    codes[keys[0]], bins[keys[0]] = "hot99", 3
    codes[keys[1]], bins[keys[1]] = "ns", 1  # 90 % bin, not significant at alpha = 0.05
    codes[keys[2]], bins[keys[2]] = "cold95", -2
    lisa = pd.Series("HH", index=keys[:1]).reindex(keys, fill_value="ns")
    gstar = SimpleNamespace(cluster=codes, bin=bins)
    level = dataclasses.replace(base, local_moran=SimpleNamespace(cluster=lisa), local_gstar=gstar)
    found = "\n".join(_methods.findings(bundle.config, SimpleNamespace(levels={"s": level}), "de"))
    name = lambda k: f"{base.frame.at[k, 'name']} ({k})"  # noqa: E731
    gstar_line = next(line for line in found.split("\n") if line.startswith("Getis-Ord Gi*"))
    assert name(keys[0]) in gstar_line and name(keys[2]) in gstar_line
    assert name(keys[1]) not in gstar_line  # 90 % only: not significant at 0.05
    weaker = next(line for line in found.split("\n") if "schwächeren Niveau" in line)
    assert name(keys[1]) in weaker
    assert "1 Sozialraum bildet einen signifikanten Hotspot" in found


# --- profiles ---------------------------------------------------------------------------


def test_profile_page(bundle, raw_counts):
    frame = bundle.frame()
    page = (bundle.path / "profile" / "0401.html").read_text(encoding="utf-8")
    assert "<svg" in page
    assert not re.search(r'(src|href)="https?://', page)  # self-contained, nothing to load
    assert "Sozialraumprofil: Bahnhofsviertel (0401)" in page
    area = frame.at["0401", "flaeche_km2"]
    assert f"{area:.2f}".replace(".", ",") + " km²" in page
    ew = int(raw_counts.at["0401", "EW"])
    assert f"{ew:,}".replace(",", ".") in page
    assert frame.at["0401", "index_klasse"] in page
    # the city value is computed from summed counts, never averaged rates
    city_s1 = raw_counts["ALO"].sum() / raw_counts["EW_15_64"].sum() * 100
    assert f"{city_s1:.1f}".replace(".", ",") + " %" in page
    assert frame.at["0401", "lisa_text"] in page


# --- confidentiality across every file ----------------------------------------------------


def _suppressed_cells(bundle, raw_counts) -> list[tuple[str, str, str, float]]:
    """(level, key, indicator, true value) of every rate hidden for confidentiality."""
    cells = []
    st_of = bundle.frame()["ST_NR"]
    for level, lv in bundle.levels.items():
        counts = raw_counts if level == "sozialraeume" else raw_counts.groupby(st_of).sum()
        for ind in bundle.config.indicators:
            col = f"{ind.code}_hinweis"
            if col not in lv.frame.columns:
                continue
            for key in lv.frame.index[lv.frame[col] == CONFIDENTIAL_TEXT]:
                num = sum(counts.at[key, c] for c in ind.numerator_columns)
                den = sum(counts.at[key, c] for c in ind.denominator_columns)
                if den > 0:  # with a zero denominator there is no value to leak
                    cells.append((level, str(key), ind.code, num / den * ind.scale))
    return cells


def _forms(value: float, precise_only: bool = False, one_decimal: bool = False) -> list[str]:
    """How a value could be written: full and 3-4 decimals; 2 (and 1) decimals if asked."""
    forms = [repr(value), f"{value:.4f}", f"{value:.3f}"]
    if not precise_only:
        forms.append(f"{value:.2f}")
    if one_decimal:
        forms.append(f"{value:.1f}")
    return forms + [f.replace(".", ",") for f in forms]


def _related(column: str, code: str, value: float) -> bool:
    """Cells of a row that could carry the hidden rate: its own column (and derived columns
    like norm_<code>) always; any other column too unless the value is a whole number (a
    hidden rate of exactly 0 equals every other zero of the row by coincidence)."""
    return code in str(column) or not float(value).is_integer()


def _number_in(text: str, form: str) -> bool:
    if form not in text:  # fast path; the regex only confirms number boundaries
        return False
    return re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d])", text) is not None


def _comma(form: str) -> str:
    return form.replace(".", ",")


def _decimals(form: str) -> int:
    return len(_comma(form).rsplit(",", 1)[-1]) if "," in _comma(form) else 0


def _shown(bundle) -> dict:
    """Published numbers: per area at one decimal (as its profile shows them), and under "*"
    every published number of every level at two decimals."""
    out: dict = {"*": set()}
    for lv in bundle.levels.values():
        frame = lv.frame.drop(columns="geometry")
        for key, row in frame.iterrows():
            nums = [
                float(v)
                for v in row.to_numpy()
                if isinstance(v, (int, float, np.number)) and not pd.isna(v)
            ]
            out["*"] |= {f"{v:.2f}".replace(".", ",") for v in nums}
            if lv is bundle.base:
                out[str(key)] = {f"{v:.1f}".replace(".", ",") for v in nums}
    return out


def scan_bundle(root: Path, cells, tables: dict, shown: dict | None = None) -> list[str]:
    """Every place in the bundle where a suppressed value shows up (empty list = clean).

    `shown` (area -> published numbers at one decimal) lets the check of an area's own
    profile page skip one-decimal forms that a published number of that area explains.
    """
    shown = shown or {}
    leaks: list[str] = []
    by_key = {}
    for level, key, code, value in cells:
        by_key.setdefault((level, key), []).append((code, value))
    # tables, row by row: no cell of the area's row holds the hidden value
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        suffix = path.suffix.lower()
        if suffix == ".csv":
            level = path.stem
            df = pd.read_csv(path, sep=";", decimal=",", dtype=str, encoding="utf-8-sig")
            for _, row in df.iterrows():
                for code, value in by_key.get((level, row.iloc[0]), []):
                    for name, cell in row.iloc[1:].dropna().items():
                        if _related(name, code, value) and cell in _forms(value):
                            leaks.append(f"{rel}: {row.iloc[0]} {code} in {name}")
        elif suffix == ".xlsx":
            from openpyxl import load_workbook

            wb = load_workbook(path)
            for ws in wb.worksheets:
                level = tables.get(ws.title)
                # result sheets: row 1 German labels, row 2 the codes (as in the CSV)
                header_row = 2 if level else 1
                for row in ws.iter_rows(min_row=header_row + 1, values_only=True):
                    header = [c.value for c in ws[header_row]]
                    for code, value in by_key.get((level, row[0]), []):
                        for name, cell in zip(header[1:], row[1:], strict=True):
                            if (
                                _related(name, code, value)
                                and isinstance(cell, (int, float))
                                and abs(cell - value) < 0.005
                            ):
                                leaks.append(f"{rel}/{ws.title}: {row[0]} {code} in {name}")
        elif suffix == ".gpkg":
            with sqlite3.connect(path) as con:
                for level in ("sozialraeume", "stadtteile"):
                    cur = con.execute(f'SELECT * FROM "{level}"')
                    names = [d[0] for d in cur.description]
                    for row in cur.fetchall():
                        rec = dict(zip(names, row, strict=True))
                        key = rec.get("SR_NR") or rec.get("ST_NR")
                        for code, value in by_key.get((level, key), []):
                            for name, cell in rec.items():
                                if (
                                    _related(name, code, value)
                                    and isinstance(cell, float)
                                    and abs(cell - value) < 0.005
                                ):
                                    leaks.append(f"{rel}/{level}: {key} {code} in {name}")
                styles = " ".join(r[0] for r in con.execute("SELECT styleQML FROM layer_styles"))
                for _, _, code, value in cells:
                    if float(value).is_integer():
                        continue
                    if any(_number_in(styles, f) for f in _forms(value, precise_only=True)):
                        leaks.append(f"{rel}/layer_styles: {code}")
        elif suffix in (".md", ".html", ".json", ".svg"):
            text = path.read_text(encoding="utf-8")
            for level, key, code, value in cells:
                if float(value).is_integer():
                    continue
                # the area's own profile page: every rounding (its numbers are few and
                # meaningful); elsewhere the 3+ decimal forms, and 2 decimals outside the maps
                own_page = rel == f"profile/{key}.html" and level == "sozialraeume"
                forms = _forms(value, precise_only=rel.startswith("karten/"), one_decimal=own_page)
                if own_page:
                    explained = shown.get(key, set())
                    forms = [f for f in forms if not (_decimals(f) == 1 and _comma(f) in explained)]
                else:
                    # elsewhere a two-decimal string that is some other published value is no
                    # evidence of a leak (the hidden value is never published: see the CSV check)
                    explained = shown.get("*", set())
                    forms = [f for f in forms if not (_decimals(f) == 2 and _comma(f) in explained)]
                for form in forms:
                    if _number_in(text, form):
                        leaks.append(f"{rel}: {key} {code} as {form}")
        elif suffix == ".pdf":
            data = path.read_bytes()
            chunks = [data]
            for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
                try:
                    chunks.append(zlib.decompress(m.group(1)))
                except zlib.error:
                    pass
            text = b"\n".join(chunks).decode("latin-1")
            for _, key, code, value in cells:
                if float(value).is_integer():
                    continue
                for form in _forms(value, precise_only=True):
                    if _number_in(text, form):
                        leaks.append(f"{rel}: {key} {code}")
    return leaks


def test_no_suppressed_value_appears_in_any_file(bundle, raw_counts):
    cells = _suppressed_cells(bundle, raw_counts)
    assert len(cells) >= 5, "the demo city must have suppressed cells for this test to bite"
    assert "sozialraeume" in {c[0] for c in cells}
    tables = {lv.label: name for name, lv in bundle.levels.items()}
    assert scan_bundle(bundle.path, cells, tables, _shown(bundle)) == []
    # the hidden cells are missing in the maps' data too (maps and styles are drawn from it)
    for level, key, code, _ in cells:
        assert pd.isna(bundle.levels[level].map_frame.at[key, code])


def test_the_scan_finds_a_planted_leak(bundle, raw_counts, tmp_path):
    """Negative control: the scanner would notice a leaked value in a CSV and in a profile."""
    import shutil

    cells = _suppressed_cells(bundle, raw_counts)
    level, key, code, value = next(
        c for c in cells if c[0] == "sozialraeume" and not float(c[3]).is_integer()
    )
    copy = tmp_path / "copy"
    shutil.copytree(bundle.path, copy)
    csv = copy / "tabellen" / "sozialraeume.csv"
    df = pd.read_csv(csv, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    df.loc[df["SR_NR"] == key, code] = f"{value:.2f}".replace(".", ",")
    csv.write_text(df.to_csv(sep=";", index=False), encoding="utf-8-sig")
    page = copy / "profile" / f"{key}.html"
    page.write_text(
        page.read_text(encoding="utf-8") + f"<p>{value:.1f}</p>".replace(".", ","), encoding="utf-8"
    )
    tables = {lv.label: name for name, lv in bundle.levels.items()}
    shown = _shown(bundle)
    assert f"{value:.1f}".replace(".", ",") not in shown[key], "pick a value not explained"
    leaks = scan_bundle(copy, cells, tables, shown)
    assert any(leak.startswith("tabellen/sozialraeume.csv") for leak in leaks)
    assert any(leak.startswith(f"profile/{key}.html") for leak in leaks)


# --- atomic writing -----------------------------------------------------------------------


def test_existing_bundle_is_not_overwritten(tmp_path):
    out = tmp_path / "ergebnis"
    out.mkdir()
    (out / "alt.txt").write_text("bleibt", encoding="utf-8")
    with pytest.raises(OutputExistsError) as info:
        sr.run(_fast(cfgmod.demo_config()), out=out)
    assert "--force" in info.value.message("de")
    assert (out / "alt.txt").read_text(encoding="utf-8") == "bleibt"
    # force=True replaces only an earlier bundle: a folder of other files is never deleted
    with pytest.raises(OutputExistsError) as info:
        sr.run(_fast(cfgmod.demo_config()), out=out, force=True)
    assert "kein Ergebnisordner von sozialraum" in info.value.message("de")
    assert (out / "alt.txt").read_text(encoding="utf-8") == "bleibt"
    (out / "alt.txt").unlink()
    out.rmdir()
    first = sr.run(_fast(cfgmod.demo_config()), out=out)
    assert sr.report.is_bundle(first.path)
    bundle = sr.run(_fast(cfgmod.demo_config()), out=out, force=True)
    assert (out / "methodik.md").is_file() and bundle.path == out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ergebnis"]  # no temp folder left


def test_failed_run_leaves_nothing(tmp_path, monkeypatch):
    from sozialraum.report import profiles as _profiles

    def boom(*args, **kwargs):
        raise RuntimeError("simulated failure while writing profiles")

    monkeypatch.setattr(_profiles, "write_profiles", boom)
    with pytest.raises(RuntimeError, match="simulated failure"):
        sr.run(_fast(cfgmod.demo_config()), out=tmp_path / "ergebnis")
    assert list(tmp_path.iterdir()) == []


def test_index_class_map_shows_the_index_classes(bundle):
    """The index map the methods text describes: classes of the index method (MSS: hoch ...
    sehr niedrig), one legend entry per class with the same counts as the index result."""
    from sozialraum.maps.style import classify
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
    assert "Hotspot (hoch-hoch)" in html
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html


def test_small_sample_note_from_structured_data_not_from_the_message():
    """The methods text's sentence on few areas takes the number from the warning's ``n`` (or
    from the number of areas passed), never from the English wording of the warning."""
    import warnings

    from sozialraum.errors import SmallSampleWarning
    from sozialraum.report.compute import _capture
    from sozialraum.report.methods import note_text

    def warns(message, **kwargs):
        def fn():
            warnings.warn(SmallSampleWarning(message, **kwargs), stacklevel=2)
            return 1

        return fn

    notes: list = []
    assert _capture(notes, warns("wording that names no number", n=8)) == 1
    _capture(notes, warns("another wording"), _areas=12)
    assert [n[:2] for n in notes] == [("SmallSampleWarning", 8), ("SmallSampleWarning", 12)]
    assert notes[0][2] == "wording that names no number"  # written as given to provenance.json
    assert "nur 8 Gebieten" in note_text(notes[0], "de")
    assert "only 12 areas" in note_text(notes[1], "en")


def test_provenance_and_html_maps_are_byte_identical_across_folders(bundle, tmp_path):
    """Two full runs into different folders: identical provenance.json and HTML maps."""
    other = sr.run(cfgmod.demo_config(permutations=99), out=tmp_path / "zweiter-lauf")
    htmls = sorted(p.relative_to(bundle.path) for p in bundle.path.rglob("*.html"))
    assert htmls and htmls == sorted(p.relative_to(other.path) for p in other.path.rglob("*.html"))
    for rel in htmls:
        assert (bundle.path / rel).read_bytes() == (other.path / rel).read_bytes(), rel
    a = (bundle.path / "provenance.json").read_bytes()
    b = (other.path / "provenance.json").read_bytes()
    assert a == b
    text = a.decode("utf-8")
    # no absolute path of this machine: inputs relative to the config's folder, no output folder
    for absolute in (str(tmp_path), str(bundle.path.parent), str(DEMO_DIR), str(Path.home())):
        assert absolute not in text
    assert '"path": "' + str(Path("/")) not in text
    p = json.loads(text)
    assert {Path(i["path"]).name for i in p["inputs"]} >= {"musterstadt.gpkg"}
    assert not any(Path(i["path"]).is_absolute() for i in p["inputs"])


def test_profiles_can_be_switched_off_and_licences_are_named_apart(tmp_path):
    """[profiles] enabled = false writes no profiles (and the summary claims none); the
    statistics' and the boundaries' licences appear as two named fields."""
    cfg = _fast(cfgmod.demo_config())
    cfg = cfg.replace(
        profiles=dataclasses.replace(cfg.profiles, enabled=False),
        inputs=dataclasses.replace(cfg.inputs, licence="dl-de/by-2-0",
                                   geometry_licence="dl-de/zero-2-0"),
    )
    b = sr.run(cfg, out=tmp_path / "ohne-profile")
    assert not any(f.startswith("profile/") for f in b.files)
    assert "Sozialraumprofile" not in b.summary("de")
    de = (b.path / "methodik.md").read_text(encoding="utf-8")
    assert "(Lizenz: dl-de/by-2-0) zum Stichtag" in de
    assert "(Lizenz: dl-de/zero-2-0)" in de
    text = "[profiles]\nenabled = false\n"
    loaded = cfgmod.loads((cfgmod.TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8") + text,
                          base=Path(sr.datasets.get_path("musterstadt.gpkg")).parent)
    assert loaded.profiles.enabled is False


def test_indicator_table_states_each_index_s_own_effect(bundle):
    """The NRW points are higher-is-better: there a higher S1 lowers the score, while it
    raises the MSS status index; the table says so per index, in neutral words."""
    de = (bundle.path / "methodik.md").read_text(encoding="utf-8")
    row = next(line for line in de.splitlines() if line.startswith("| S1 |"))
    assert "MSS Status-Index: ein höherer Wert erhöht den Indexwert" in row
    nrw = next(s for n, s, _ in bundle.config.extra_indices if n == "nrw")
    assert f"{nrw.name}: ein höherer Wert senkt den Indexwert" in row
    # an indicator in no index says so
    row65 = next(line for line in de.splitlines() if line.startswith("| ANTEIL\\_65U |")
                 or line.startswith("| ANTEIL_65U |"))
    assert "geht in keinen Index ein" in row65
    # the published NRW points really fall as S1 rises
    frame = bundle.frame()
    assert frame["nrw_wert"].corr(frame["S1"]) < -0.5
