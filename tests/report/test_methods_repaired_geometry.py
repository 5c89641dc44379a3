"""A geometry repaired on load is stated with its area change (load report, methods text)."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Polygon, box

import sozialraum as sr
from sozialraum.io import load_report
from sozialraum.report.methods import repair_sentence


@pytest.fixture
def bowtie_file(tmp_path):
    # a bow-tie crossing itself in (100, 100): as drawn its signed area is 0; make_valid
    # keeps both triangles (base 200 m on x=0 or x=200, height 100 m): 2 x 10,000 m²
    bowtie = Polygon([(0, 0), (200, 200), (200, 0), (0, 200), (0, 0)])
    gdf = gpd.GeoDataFrame({"SR_NR": ["0101", "0102"]},
                           geometry=[box(300, 0, 400, 100), bowtie], crs="EPSG:25832")
    path = tmp_path / "grenzen.gpkg"
    gdf.to_file(path, layer="sr")
    return path


def test_load_report_keeps_area_before_and_after(bowtie_file):
    b = sr.read_boundaries(bowtie_file, layer="sr", key="SR_NR")
    report = load_report(b)
    assert report.repaired_keys == ("0102",)
    ((key, before, after),) = report.repaired_area
    assert key == "0102"
    assert before == pytest.approx(0.0, abs=1e-9)  # shapely's area of the crossing ring
    assert after == pytest.approx(2 * 0.5 * 200 * 100)  # two triangles, base 200, height 100
    assert b.geometry["0102"].area == pytest.approx(20000.0)
    assert "0102: 0 → 20.000 m² (– %)" in repair_sentence(report, "de")


def test_methods_sentence_states_the_area_change(tmp_path):
    # a polygon with a spike folded back on itself: valid part 100 x 100 m
    spiky = Polygon([(0, 0), (100, 0), (100, 100), (50, 100), (50, 150), (50, 100),
                     (0, 100), (0, 0)])
    gdf = gpd.GeoDataFrame({"SR_NR": ["07"]}, geometry=[spiky], crs="EPSG:25832")
    path = tmp_path / "spike.gpkg"
    gdf.to_file(path, layer="sr")
    report = load_report(sr.read_boundaries(path, layer="sr", key="SR_NR"))
    ((_, before, after),) = report.repaired_area
    assert before == pytest.approx(10000.0) and after == pytest.approx(10000.0)
    de = repair_sentence(report, "de")
    assert de.startswith("Ungültige Gebietsgeometrien (Anzahl: 1;")
    assert "07: 10.000 → 10.000 m² (0,00 %)" in de
    assert "07: 10,000 → 10,000 m² (0.00 %)" in repair_sentence(report, "en")
    clean = load_report(sr.read_boundaries(sr.datasets.get_path("musterstadt.gpkg"),
                                           layer="sozialraeume", key="SR_NR"))
    assert repair_sentence(clean, "de") == ""
