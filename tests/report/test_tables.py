"""Tests of :mod:`sozialraum.report.tables`.

The bundle's tables: German CSV, XLSX (formats, headers, signs), GeoPackage, determinism.

Most tests look at the demo bundle built once per session (``bundle`` in
tests/report/conftest.py).
"""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pandas as pd
import pytest
from support.report import _fast, _styles

import sozialraum as sr
from sozialraum import config as cfgmod


@pytest.fixture(scope="module")
def fast_pair(tmp_path_factory):
    """Two runs of the same config into different folders (for determinism)."""
    cfg = _fast(cfgmod.demo_config())
    a = sr.run(cfg, out=tmp_path_factory.mktemp("a") / "out")
    b = sr.run(cfg, out=tmp_path_factory.mktemp("b") / "out")
    return a, b


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
    # decimal comma (the area of 0101 in km², from the delivered hectares)
    km2 = sr.datasets.musterstadt().at["0101", "FLAECHE_HA"] / 100
    assert f"{km2:.2f}".replace(".", ",") in raw.decode("utf-8-sig")


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
    raw = sr.datasets.musterstadt()  # the delivered counts of 31.12.2024
    assert cell("einwohner").value == raw.at["0101", "EW"]
    assert cell("einwohner").number_format == "#,##0"
    assert cell("index_rang").number_format == "#,##0"
    assert cell("SGB2_QUOTE").value == pytest.approx(
        round(100 * raw.at["0101", "SGB2"] / raw.at["0101", "EW_U65"], 2))
    assert cell("SGB2_QUOTE").number_format == "#,##0.00"
    assert cell("flaeche_km2").number_format == "#,##0.00"
    assert cell("index_wert").value == pytest.approx(bundle.frame().at["0101", "index_wert"])
    assert cell("index_wert").number_format == "0.000"
    for code in ("lisa_I", "lisa_p", "lisa_p_korr", "gi_z", "gi_p", "gi_p_korr"):
        assert cell(code).number_format == "0.0000", code
    assert cell("SR_NR").number_format == "@" and cell("lisa_text").number_format == "@"
    assert not any("%" in ws.cell(row=r, column=i).number_format
                   for r in range(3, 3 + len(raw)) for i in col.values())
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
    secret = [(k, c.removesuffix("_hinweis")) for c in frame.columns if c.endswith("_hinweis")
              and c.removesuffix("_hinweis") in col
              for k in frame.index[frame[c] == "keine Angabe (Geheimhaltung)"]]
    assert len(secret) >= 1
    assert all(value(k, code) == "x" for k, code in secret)
    # too few inhabitants for the index: its own sign, also for rank, class and LISA
    assert frame.loc["0701", "index_hinweis"] == "keine Angabe (zu wenige Einwohner)"
    for code in ("index_wert", "index_rang", "index_klasse", "lisa_I", "gi_p"):
        assert value("0701", code) == "(x)", code
    # not meaningful (denominator 0) keeps the statistics office's "/": wherever the
    # delivered school-entry count is 0 (the reformed demo of 2024 has no such area)
    esu = sr.datasets.musterstadt()["ESU"]
    for key in frame.index:
        if esu[key] == 0:
            assert frame.loc[key, "SPRACHFOERDERUNG_hinweis"] == "Nachweis nicht sinnvoll"
            assert value(key, "SPRACHFOERDERUNG") == "/"
        else:
            assert value(key, "SPRACHFOERDERUNG") != "/"
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
    # "exactly the signs used": "/" only where a denominator is 0 (none in the 2024 demo)
    if (esu.reindex(frame.index) == 0).any():
        assert legend["/"].startswith("Nachweis nicht sinnvoll")
    else:
        assert "/" not in legend
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

