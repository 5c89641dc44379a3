"""Tests of :mod:`sozialraum.io.boundaries`.

read_boundaries (vector files): formats, layers, geometries, CRS checks and their errors.

Every fixture is built in tmp_path; the expected values are written down by
hand (keys, areas of simple shapes), never taken from an earlier run.
"""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon, box
from support.io import X0, Y0, _digest, _districts, _write, _xlsx

import sozialraum as sr
from sozialraum.io import LoadReport, load_report


@pytest.mark.parametrize(
    ("suffix", "driver"),
    [
        (".gpkg", "GPKG"),
        (".shp", "ESRI Shapefile"),
        (".geojson", "GeoJSON"),
        (".fgb", "FlatGeobuf"),
    ],
)
def test_round_trip_formats(tmp_path, suffix, driver):
    path = tmp_path / f"grenzen{suffix}"
    _districts().to_file(path, driver=driver)
    before = _digest(path)
    b = sr.read_boundaries(path, key="SR_NR")
    if driver == "FlatGeobuf":
        # FlatGeobuf's spatial index stores features in Hilbert-curve order: that is the file
        assert sorted(b.index) == ["0101", "0102", "0201"]
        b = b.sort_index()
    assert list(b.index) == ["0101", "0102", "0201"]
    assert b.index.name == "SR_NR"
    assert "SR_NR" not in b.columns
    assert b.crs.to_epsg() == 25832
    assert list(b["name"]) == ["Gebiet 0101", "Gebiet 0102", "Gebiet 0201"]
    # every square is 1 km x 1 km
    assert b.area.round(6).tolist() == [1_000_000.0] * 3
    assert b.geometry.iloc[1].equals(box(X0 + 1000, Y0, X0 + 2000, Y0 + 1000))
    report = load_report(b)
    assert isinstance(report, LoadReport)
    assert report.kind == "boundaries" and report.crs == "EPSG:25832" and report.n_rows == 3
    assert report.repaired == () and not report.key_from_numbers
    assert _digest(path) == before  # input untouched


def test_layer_choice(tmp_path):
    path = tmp_path / "stadt.gpkg"
    _districts().to_file(path, layer="sozialraeume")
    _districts(keys=("01", "02")).rename(columns={"SR_NR": "ST_NR"}).to_file(
        path, layer="stadtteile"
    )
    with pytest.raises(sr.ConfigError) as err:
        sr.read_boundaries(path)
    msg = str(err.value)
    assert "stadt.gpkg" in msg and "2 layers" in msg
    assert "'sozialraeume'" in msg and "'stadtteile'" in msg and "layer=" in msg
    with pytest.raises(sr.ConfigError, match=r"no layer 'stadteile'.*Did you mean 'stadtteile'"):
        sr.read_boundaries(path, layer="stadteile")
    st = sr.read_boundaries(path, layer="stadtteile", key="ST_NR")
    assert list(st.index) == ["01", "02"]
    assert list(sr.read_boundaries(path, layer=0).index) == ["0101", "0102", "0201"]


def test_missing_file(tmp_path, gpkg):
    with pytest.raises(sr.FileFormatError, match=r"grenze\.gpkg' does not exist.*grenzen\.gpkg"):
        sr.read_boundaries(tmp_path / "grenze.gpkg")


def test_empty_and_unreadable_files(tmp_path):
    empty = tmp_path / "leer.gpkg"
    empty.write_bytes(b"")
    with pytest.raises(sr.FileFormatError, match=r"leer\.gpkg"):
        sr.read_boundaries(empty)
    no_features = tmp_path / "ohne.gpkg"
    _districts().iloc[:0].to_file(no_features)
    with pytest.raises(sr.FileFormatError, match=r"ohne\.gpkg.*no features"):
        sr.read_boundaries(no_features)


@pytest.mark.parametrize(
    ("geom", "kind"),
    [(Point(X0, Y0), "Point"), (LineString([(X0, Y0), (X0 + 10, Y0 + 10)]), "LineString")],
)
def test_non_polygonal_geometries(tmp_path, geom, kind):
    gdf = _districts()
    gdf = gdf.set_geometry([gdf.geometry.iloc[0], geom, gdf.geometry.iloc[2]])
    path = tmp_path / "gemischt.geojson"
    gdf.to_file(path, driver="GeoJSON")
    with pytest.raises(sr.GeometryError) as err:
        sr.read_boundaries(path)
    msg = str(err.value)
    assert "gemischt.geojson" in msg and kind in msg and "'0102'" in msg and "'0101'" not in msg


def test_null_and_empty_geometries(tmp_path):
    gdf = _districts()
    gdf = gdf.set_geometry([gdf.geometry.iloc[0], None, Polygon()])
    path = tmp_path / "leer_geom.gpkg"
    gdf.to_file(path)
    with pytest.raises(sr.GeometryError, match=r"leer_geom\.gpkg.*2 districts.*'0102', '0201'"):
        sr.read_boundaries(path)


def test_invalid_geometry_is_repaired_and_listed(tmp_path):
    # a bow-tie: two triangles of 250,000 m² each, touching in the middle
    bowtie = Polygon([(X0, Y0), (X0 + 1000, Y0 + 1000), (X0 + 1000, Y0), (X0, Y0 + 1000)])
    gdf = _districts()
    gdf = gdf.set_geometry([gdf.geometry.iloc[0], bowtie, gdf.geometry.iloc[2]])
    path = tmp_path / "ungueltig.gpkg"
    gdf.to_file(path)
    before = _digest(path)
    b = sr.read_boundaries(path)
    assert b.is_valid.all()
    assert b.geometry["0102"].geom_type == "MultiPolygon"
    assert b.geometry["0102"].area == pytest.approx(500_000.0)
    report = load_report(b)
    assert report.repaired_keys == ("0102",)
    assert "Self-intersection" in report.repaired[0][1]
    assert "0102" in repr(report)
    assert _digest(path) == before
    with pytest.raises(sr.GeometryError, match=r"'0102': Self-intersection.*repair=True"):
        sr.read_boundaries(path, repair=False)


def test_geometry_collection_keeps_polygonal_part(tmp_path):
    gc = shapely.GeometryCollection(
        [box(X0 + 1000, Y0, X0 + 2000, Y0 + 1000), LineString([(X0, Y0), (X0 + 5, Y0 + 5)])]
    )
    gdf = _districts()
    gdf = gdf.set_geometry([gdf.geometry.iloc[0], gc, gdf.geometry.iloc[2]])
    path = tmp_path / "sammlung.geojson"
    gdf.to_file(path, driver="GeoJSON")
    b = sr.read_boundaries(path)
    assert b.geometry["0102"].equals(box(X0 + 1000, Y0, X0 + 2000, Y0 + 1000))
    assert load_report(b).repaired_keys == ("0102",)


@pytest.mark.filterwarnings("ignore:'crs' was not provided:UserWarning")  # writing the fixture
def test_missing_crs_and_declaring_it(tmp_path):
    path = tmp_path / "ohne_crs.shp"
    _districts(crs=None).to_file(path)
    with pytest.raises(sr.CRSError) as err:
        sr.read_boundaries(path)
    msg = str(err.value)
    assert "ohne_crs.shp" in msg and "gdf.set_crs('EPSG:25832')" in msg and "crs=" in msg
    b = sr.read_boundaries(path, crs="EPSG:25832")
    assert b.crs.to_epsg() == 25832
    assert any("declared" in n for n in load_report(b).notes)


def test_declared_crs_conflicting_with_file(gpkg):
    with pytest.raises(sr.CRSError, match=r"grenzen\.gpkg' is in EPSG:25832.*crs='EPSG:25833'"):
        sr.read_boundaries(gpkg, crs="EPSG:25833")


def test_geographic_crs(tmp_path):
    path = tmp_path / "wgs84.gpkg"
    _districts().to_crs(4326).to_file(path)
    with pytest.raises(sr.CRSError) as err:
        sr.read_boundaries(path)
    msg = str(err.value)
    assert "wgs84.gpkg" in msg and "EPSG:4326" in msg and "projected" in msg
    assert "reproject=True" in msg and "allow_geographic=True" in msg
    b = sr.read_boundaries(path, allow_geographic=True)
    assert b.crs.to_epsg() == 4326 and list(b.index) == ["0101", "0102", "0201"]


@pytest.mark.parametrize(("crs", "expected"), [(25832, 25832), (25833, 25833)],
                         ids=["west-of-12E", "east-of-12E"])
def test_geographic_boundaries_reprojected(tmp_path, crs, expected):
    """A GeoJSON of an open-data portal is EPSG:4326: reproject=True gives ETRS89 / UTM,
    zone 33N east of 12° E (Berlin), with the areas of the projected original."""
    import pyproj

    # the same three squares in western Germany (9.6° E) or near Berlin (13.4° E)
    original = _districts(crs=crs) if crs == 25832 else _districts(
        crs=crs, x0=390_000.0, y0=5_820_000.0)
    path = tmp_path / "gebiete.geojson"
    original.to_crs(4326).to_file(path, driver="GeoJSON")
    b = sr.read_boundaries(path, reproject=True)
    assert b.crs.to_epsg() == expected
    lon = pyproj.Transformer.from_crs(b.crs, 4326, always_xy=True).transform(
        *b.geometry.union_all().centroid.coords[0])[0]
    assert (lon >= 12) == (expected == 25833)
    back = original.geometry
    # the same areas (the edges, straight in degrees, bend by millimetres in metres)
    np.testing.assert_allclose(b.geometry.area.to_numpy(), back.area.to_numpy(), rtol=1e-5)
    report = sr.load_report(b)
    assert report.reprojected_from == "EPSG:4326" and report.crs == f"EPSG:{expected}"
    # a projected file is left alone
    projected = tmp_path / "gebiete.gpkg"
    original.to_file(projected)
    same = sr.read_boundaries(projected, reproject=True)
    assert same.crs.to_epsg() == crs and sr.load_report(same).reprojected_from is None


def test_zone_prefixed_eastings(tmp_path):
    path = tmp_path / "zonenpraefix.gpkg"
    _districts(x0=32_000_000 + X0).to_file(path)
    with pytest.raises(sr.CRSError) as err:
        sr.read_boundaries(path)
    msg = str(err.value)
    assert "zonenpraefix.gpkg" in msg and "32540000" in msg
    assert "subtract 32,000,000" in msg and "EPSG:4647" in msg
    de = err.value.message("de")  # the fix is a phrase of its own, German in German
    assert "zonenpraefix.gpkg' liegt in EPSG:25832 vor, die x-Koordinaten (32540000 bis" in de
    assert "im GIS 32.000.000 von jeder x-Koordinate abziehen" in de and "subtract" not in de
    # the suggested fix works: declare EPSG:4647 and reproject
    raw = gpd.read_file(path).set_crs(4647, allow_override=True).to_crs(25832)
    assert raw.total_bounds[0] == pytest.approx(X0, abs=1e-3)


def test_gauss_krueger_coordinates_labelled_utm(tmp_path):
    path = tmp_path / "gk.gpkg"
    _districts(x0=3_540_000.0).to_file(path)
    with pytest.raises(sr.CRSError, match=r"gk\.gpkg.*Gauss-Krüger \(zone 3, EPSG:31467\)"):
        sr.read_boundaries(path)


def test_geojson_with_projected_coordinates(tmp_path):
    # GeoJSON readers assume EPSG:4326; metres in it are a wrong CRS, not degrees
    path = tmp_path / "meter.geojson"
    text = _districts().to_json()
    path.write_text(re.sub(r',\s*"crs":\s*\{[^{}]*\{[^{}]*\}\s*\}', "", text), encoding="utf-8")
    with pytest.raises(sr.CRSError, match=r"meter\.geojson.*projected metres.*crs='EPSG:25832'"):
        sr.read_boundaries(path)
    b = sr.read_boundaries(path, crs=25832)
    assert b.crs.to_epsg() == 25832 and b.area.iloc[0] == pytest.approx(1e6)


def test_read_boundaries_on_a_table_file(tmp_path):
    path = _write(tmp_path / "tabelle.csv", "SR_NR;EW\n0101;1\n")
    with pytest.raises(sr.GeometryError, match=r"tabelle\.csv.*no geometry column"):
        sr.read_boundaries(path)
    with pytest.raises(sr.FileFormatError, match=r"unknown table format '\.gpkg'"):
        sr.read_table(_write(tmp_path / "x.gpkg", "x"))


def test_positions_out_of_range(tmp_path, gpkg):
    with pytest.raises(sr.ConfigError, match=r"grenzen\.gpkg' has 1 layers \(0 to 0\); layer=3"):
        sr.read_boundaries(gpkg, layer=3)
    path = _xlsx(tmp_path / "eins.xlsx", {"A": [["SR_NR", "EW"], ["0101", 1]]})
    with pytest.raises(sr.ConfigError, match=r"eins\.xlsx' has 1 sheets \(0 to 0\); sheet=2"):
        sr.read_table(path, sheet=2)


def test_degrees_labelled_as_utm_are_refused(tmp_path):
    """Degrees saved with an EPSG:25832 label: a 25-district city 0.2 'metres' wide."""
    g = sr.datasets.musterstadt()[["name", "geometry"]].to_crs(4326)
    bad = g.set_crs(25832, allow_override=True)
    path = tmp_path / "grad_als_utm.gpkg"
    bad.reset_index().to_file(path, layer="sozialraeume")
    with pytest.raises(sr.CRSError) as info:
        sr.read_boundaries(path, key="SR_NR")
    msg = str(info.value)
    assert "grad_als_utm.gpkg" in msg and "longitude/latitude in degrees" in msg
    assert "set_crs(4326, allow_override=True).to_crs(25832)" in msg


@pytest.mark.filterwarnings("ignore:'crs' was not provided:UserWarning")  # writing the fixture
def test_file_and_layer_errors_speak_german(tmp_path, gpkg):
    with pytest.raises(sr.InputFileNotFoundError) as info:
        sr.read_boundaries(tmp_path / "grenzen.gkpg")
    de = info.value.message("de")
    assert de.startswith("Die Datei '")
    assert "grenzen.gkpg' existiert nicht. Meinten Sie 'grenzen.gpkg'?" in de
    assert "Did you mean 'grenzen.gpkg'?" in str(info.value)
    with pytest.raises(sr.ConfigError) as info:
        sr.read_boundaries(gpkg, layer="sozialraum")
    assert "grenzen.gpkg' hat keinen Layer 'sozialraum'. Meinten Sie 'sozialraeume'? Layer: " \
        "'sozialraeume'." in info.value.message("de")
    assert str(info.value).endswith("has no layer 'sozialraum'. Did you mean 'sozialraeume'? "
                                    "Layers: 'sozialraeume'.")
    path = tmp_path / "ohne_crs.shp"
    _districts(crs=None).to_file(path)
    with pytest.raises(sr.CRSError) as info:
        sr.read_boundaries(path)
    assert "ohne_crs.shp' hat kein Koordinatenbezugssystem (CRS)" in info.value.message("de")
    assert "has no coordinate reference system (CRS)" in str(info.value)
    assert info.value.key == "io.crs_missing"

