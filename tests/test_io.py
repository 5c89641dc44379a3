"""Tests of sozialraum.io.read_boundaries (vector files) and its errors.

Every fixture is built in tmp_path; the expected values are written down by
hand (keys, areas of simple shapes), never taken from an earlier run.
"""

from __future__ import annotations

import hashlib
import re

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, Polygon, box

import sozialraum as sr
from sozialraum.io import LoadReport, load_report
from sozialraum.io.cells import REASON_DTYPE

CRS = "EPSG:25832"
X0, Y0 = 540_000.0, 5_730_000.0  # a plausible UTM 32N location (metres)


def _digest(path):
    """Hash of a file, or of every file of a Shapefile set."""
    h = hashlib.sha256()
    for p in sorted(path.parent.glob(path.stem + ".*")):
        h.update(p.read_bytes())
    return h.hexdigest()


def _districts(keys=("0101", "0102", "0201"), crs=CRS, x0=X0, y0=Y0, **extra):
    geoms = [box(x0 + i * 1000, y0, x0 + (i + 1) * 1000, y0 + 1000) for i in range(len(keys))]
    data = {"SR_NR": list(keys), "name": [f"Gebiet {k}" for k in keys], **extra}
    return gpd.GeoDataFrame(data, geometry=geoms, crs=crs)


@pytest.fixture
def gpkg(tmp_path):
    path = tmp_path / "grenzen.gpkg"
    _districts().to_file(path, layer="sozialraeume")
    return path


# ------------------------------------------------------------------ round trips


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


def test_numeric_keys_become_text_and_are_reported(tmp_path):
    path = tmp_path / "zahlen.gpkg"
    _districts(keys=[101, 102, 201]).to_file(path)
    b = sr.read_boundaries(path)
    assert list(b.index) == ["101", "102", "201"]
    assert pd.api.types.is_string_dtype(b.index.dtype)
    report = load_report(b)
    assert report.key_from_numbers is True
    assert any("Leading zeros may have been lost" in n for n in report.notes)


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


# ------------------------------------------------------------------ file and key errors


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


def test_missing_key_column_lists_columns_and_hint(gpkg):
    with pytest.raises(sr.ColumnError) as err:
        sr.read_boundaries(gpkg, key="SRNR")
    msg = str(err.value)
    assert "grenzen.gpkg" in msg and "'SRNR'" in msg
    assert "Did you mean 'SR_NR'?" in msg and "'name'" in msg


def test_duplicate_keys(tmp_path):
    path = tmp_path / "doppelt.gpkg"
    _districts(keys=("0101", "0102", "0101", "0103", "0103")).to_file(path)
    with pytest.raises(sr.DuplicateKeyError) as err:
        sr.read_boundaries(path)
    msg = str(err.value)
    assert "doppelt.gpkg" in msg and "'SR_NR'" in msg
    assert "'0101' (feature 1, feature 3)" in msg and "'0103' (feature 4, feature 5)" in msg


def test_null_keys(tmp_path):
    path = tmp_path / "ohneschluessel.gpkg"
    _districts(keys=("0101", None, "0201")).to_file(path)
    with pytest.raises(sr.MissingDataError, match=r"ohneschluessel\.gpkg.*'SR_NR'.*'feature 2'"):
        sr.read_boundaries(path)


# ------------------------------------------------------------------ geometries


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


# ------------------------------------------------------------------ CRS


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
    assert "to_crs(25832)" in msg and "allow_geographic=True" in msg
    b = sr.read_boundaries(path, allow_geographic=True)
    assert b.crs.to_epsg() == 4326 and list(b.index) == ["0101", "0102", "0201"]


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


# ================================================================== read_table


def _write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def _reasons(frame, column):
    return [None if pd.isna(v) else v for v in frame[f"{column}__reason"]]


def _values(frame, column):
    return [None if pd.isna(v) else v for v in frame[column]]


def test_csv_semicolon_decimal_comma_bom(tmp_path):
    path = _write(
        tmp_path / "stat.csv",
        "SR_NR;name;EW;FLAECHE_HA\r\n0101;Altstadt;1234;12,5\r\n0102;Mühlenbach;87;1.234,75\r\n",
        "utf-8-sig",
    )
    before = _digest(path)
    t = sr.read_table(path)
    assert list(t.index) == ["0101", "0102"] and t.index.name == "SR_NR"
    assert str(t["EW"].dtype) == "Int64" and _values(t, "EW") == [1234, 87]
    assert t["FLAECHE_HA"].dtype == "float64"
    assert t["FLAECHE_HA"].tolist() == [12.5, 1234.75]
    assert t["name"].tolist() == ["Altstadt", "Mühlenbach"]
    report = load_report(t)
    assert (report.encoding, report.sep, report.decimal, report.thousands) == (
        "utf-8-sig", ";", ",", "."
    )
    assert report.layout == "wide" and report.text_columns == ("name",)
    assert _digest(path) == before


def test_csv_comma_decimal_point_and_thousands(tmp_path):
    path = _write(
        tmp_path / "english.csv",
        'SR_NR,EW,Q\n0101,"1,234",1.5\n0102,"12,345,678",0.25\n',
    )
    t = sr.read_table(path)
    assert _values(t, "EW") == [1234, 12_345_678]
    assert t["Q"].tolist() == [1.5, 0.25]
    report = load_report(t)
    assert (report.sep, report.decimal, report.thousands) == (",", ".", ",")


def test_csv_tab_separated(tmp_path):
    path = _write(tmp_path / "tab.tsv", "SR_NR\tEW\tQ\n0101\t5\t0,5\n0102\t7\t1,75\n")
    t = sr.read_table(path)
    assert load_report(t).sep == "\t"
    assert _values(t, "EW") == [5, 7] and t["Q"].tolist() == [0.5, 1.75]


def test_csv_cp1252_with_umlauts(tmp_path):
    path = _write(
        tmp_path / "windows.csv", "SR_NR;Straße;EW\n0101;Grüner Weg;10\n0102;Süßstraße;-\n",
        "cp1252",
    )
    t = sr.read_table(path)
    assert load_report(t).encoding == "cp1252"
    assert t["Straße"].tolist() == ["Grüner Weg", "Süßstraße"]
    assert _values(t, "EW") == [10, 0]


def test_german_thousands_only_with_evidence_and_declared(tmp_path):
    # "1.234" next to "2,5": the comma is the decimal, the dot groups thousands
    path = _write(tmp_path / "tausend.csv", "SR_NR;EW;Q\n0101;1.234;2,5\n0102;17;3\n")
    t = sr.read_table(path)
    assert _values(t, "EW") == [1234, 17]
    # tab separated without any evidence: ambiguous, must be declared
    amb = _write(tmp_path / "mehrdeutig.tsv", "SR_NR\tEW\n0101\t1.234\n0102\t17\n")
    with pytest.raises(sr.InputError) as err:
        sr.read_table(amb)
    msg = str(err.value)
    assert "mehrdeutig.tsv" in msg and "'1.234'" in msg and "'EW'" in msg and "decimal=" in msg
    assert _values(sr.read_table(amb, decimal=","), "EW") == [1234, 17]
    assert sr.read_table(amb, decimal=".")["EW"].tolist() == [1.234, 17.0]


def test_mixed_decimal_separators(tmp_path):
    path = _write(tmp_path / "gemischt.csv", "SR_NR;A;B\n0101;1,5;2.5\n0102;1;2\n")
    pattern = r"gemischt\.csv' mixes decimal.*'1,5'.*'A'.*'2\.5'.*'B'"
    with pytest.raises(sr.InputError, match=pattern):
        sr.read_table(path)


def test_markers_become_reasons(tmp_path):
    path = _write(
        tmp_path / "marker.csv",
        "SR_NR;EW;SGB2\n0101;100;.\n0102;200;x\n0103;300;-\n0104;400;/\n0105;500;...\n0106;600;\n"
        "0107;700;-9999\n0108;800;k.A.\n0109;900;12\n",
    )
    t = sr.read_table(path, na_values=[-9999, "k.A."])
    assert _values(t, "SGB2") == [None, None, 0, None, None, None, None, None, 12]
    assert _reasons(t, "SGB2") == [
        "secret", "secret", "true_zero", "not_meaningful", "not_available", "not_delivered",
        "not_delivered", "not_delivered", None,
    ]
    assert str(t["SGB2"].dtype) == "Int64"
    assert "EW__reason" not in t.columns  # no markers in EW: no reason column
    assert t["SGB2__reason"].dtype == REASON_DTYPE
    counts = {(c, r): n for c, r, n in load_report(t).markers}
    assert counts[("SGB2", "secret")] == 2 and counts[("SGB2", "not_delivered")] == 3
    # the dash as missing, on request
    t2 = sr.read_table(path, na_values=[-9999, "k.A."], dash_as="missing")
    assert _values(t2, "SGB2")[2] is None and _reasons(t2, "SGB2")[2] == "true_zero"
    # without the sentinels, -9999 is a number and k.A. is not
    with pytest.raises(sr.InputError, match=r"marker\.csv', column 'SGB2'.*'k\.A\.' \(line 9\)"):
        sr.read_table(path)


def test_unparseable_values_name_file_column_values_lines(tmp_path):
    path = _write(
        tmp_path / "kaputt.csv", "SR_NR;EW;HH\n0101;abc;1\n0102;12a;2\n0103;5;3\n0104;7 8;4\n"
    )
    with pytest.raises(sr.InputError) as err:
        sr.read_table(path)
    msg = str(err.value)
    assert "kaputt.csv" in msg and "column 'EW'" in msg
    assert "'abc' (line 2), '12a' (line 3), '7 8' (line 5)" in msg
    assert "text_columns=['EW']" in msg and "na_values" in msg
    t = sr.read_table(path, text_columns=["EW"])
    assert t["EW"].tolist() == ["abc", "12a", "5", "7 8"] and _values(t, "HH") == [1, 2, 3, 4]


def test_structural_errors(tmp_path):
    empty = _write(tmp_path / "leer.csv", "")
    with pytest.raises(sr.FileFormatError, match=r"leer\.csv' is empty"):
        sr.read_table(empty)
    bom_only = _write(tmp_path / "nurbom.csv", "", "utf-8-sig")
    with pytest.raises(sr.FileFormatError, match=r"nurbom\.csv' is empty"):
        sr.read_table(bom_only)
    header = _write(tmp_path / "kopf.csv", "SR_NR;EW\n")
    pattern = r"kopf\.csv' has a header .*'SR_NR', 'EW'.* no data"
    with pytest.raises(sr.FileFormatError, match=pattern):
        sr.read_table(header)
    nokey = _write(tmp_path / "schluessel.csv", "SR_Nr;EW\n0101;1\n")
    pattern = r"schluessel\.csv' has no key column 'SR_NR'.*'SR_Nr'"
    with pytest.raises(sr.ColumnError, match=pattern):
        sr.read_table(nokey)
    ragged = _write(tmp_path / "zeilen.csv", "SR_NR;EW;HH\n0101;1;2\n0102;3\n")
    with pytest.raises(sr.FileFormatError, match=r"zeilen\.csv', line 3 has 2 fields.*3"):
        sr.read_table(ragged)
    dup = _write(tmp_path / "doppelt.csv", "SR_NR;EW\n0101;1\n0102;2\n0101;3\n")
    with pytest.raises(sr.DuplicateKeyError, match=r"doppelt\.csv.*'0101' \(line 2, line 4\)"):
        sr.read_table(dup)
    blank = _write(tmp_path / "luecke.csv", "SR_NR;EW\n0101;1\n ;2\n")
    with pytest.raises(sr.MissingDataError, match=r"luecke\.csv', column 'SR_NR'.*'line 3'"):
        sr.read_table(blank)
    with pytest.raises(sr.FileFormatError, match=r"does not exist"):
        sr.read_table(tmp_path / "fehlt.csv")
    xls = _write(tmp_path / "alt.xls", "x")
    with pytest.raises(sr.FileFormatError, match=r"alt\.xls.*\.xlsx"):
        sr.read_table(xls)


LONG = (
    "Stichtag;SR_NR;Merkmal;Wert\n"
    "31.12.2023;0101;EW;1200\n31.12.2023;0101;FLAECHE_HA;12,5\n"
    "31.12.2023;0102;EW;-\n31.12.2023;0102;FLAECHE_HA;3,25\n"
    "31.12.2024;0101;EW;1250\n31.12.2024;0101;FLAECHE_HA;12,5\n"
    "31.12.2024;0102;EW;.\n"
)


def test_long_layout_stichtag_choice(tmp_path):
    path = _write(tmp_path / "lang.csv", LONG, "utf-8-sig")
    # no Stichtag chosen: the latest, as sozialraum.datasets does, and the load report says so
    default = sr.read_table(path)
    assert default["Stichtag"].unique().tolist() == [pd.Timestamp("2024-12-31")]
    note = " ".join(sr.load_report(default).notes)
    assert "31.12.2023, 31.12.2024" in note and "the latest, 31.12.2024, was read" in note
    assert "stichtag=" in note
    t = sr.read_table(path, stichtag="31.12.2023")
    assert list(t.columns) == ["Stichtag", "EW", "FLAECHE_HA", "EW__reason"]
    assert t["Stichtag"].tolist() == [pd.Timestamp("2023-12-31")] * 2
    assert _values(t, "EW") == [1200, 0] and _reasons(t, "EW") == [None, "true_zero"]
    assert t["FLAECHE_HA"].tolist() == [12.5, 3.25]
    for same in ("2023-12-31", 2023):
        pd.testing.assert_frame_equal(sr.read_table(path, stichtag=same), t)
    latest = sr.read_table(path, stichtag=2024)
    assert _values(latest, "EW") == [1250, None]
    assert _reasons(latest, "EW") == [None, "secret"]
    # the row 0102/FLAECHE_HA is absent in 2024: not delivered
    assert _reasons(latest, "FLAECHE_HA") == [None, "not_delivered"]
    pattern = r"no data for the Stichtag 31\.12\.2020.*31\.12\.2023"
    with pytest.raises(sr.ConfigError, match=pattern):
        sr.read_table(path, stichtag=2020)
    both = sr.read_table(path, stichtag="all")
    assert both.index.names == ["SR_NR", "Stichtag"]
    assert both.loc[("0101", pd.Timestamp("2024-12-31")), "EW"] == 1250
    assert load_report(both).stichtage == (
        pd.Timestamp("2023-12-31").date(), pd.Timestamp("2024-12-31").date()
    )


def test_long_layout_duplicates_and_explicit_names(tmp_path):
    dup = _write(tmp_path / "lang_doppelt.csv", LONG + "31.12.2023;0101;EW;1300\n")
    with pytest.raises(sr.DuplicateKeyError) as err:
        sr.read_table(dup, stichtag=2023)
    msg = str(err.value)
    assert "lang_doppelt.csv" in msg and "'0101' at 31.12.2023, 'EW' (line 2 and line 9)" in msg
    custom = _write(
        tmp_path / "eigen.csv", "Gebiet;Kennziffer;Anzahl\n0101;EW;3\n0101;HH;2\n0102;EW;4\n"
    )
    t = sr.read_table(custom, key="Gebiet", layout="long", variable="Kennziffer", value="Anzahl")
    assert list(t.index) == ["0101", "0102"] and list(t.columns[:2]) == ["EW", "HH"]
    assert _values(t, "HH") == [2, None] and _reasons(t, "HH") == [None, "not_delivered"]
    with pytest.raises(sr.ColumnError, match=r"eigen\.csv.*layout='long'.*variable=\.\.\."):
        sr.read_table(custom, key="Gebiet", layout="long")
    bad = _write(tmp_path / "lang_kaputt.csv", "SR_NR;Merkmal;Wert\n0101;EW;12\n0102;EW;zwölf\n")
    with pytest.raises(sr.InputError, match=r"column 'Wert' \(Merkmal 'EW'\).*'zwölf' \(line 3\)"):
        sr.read_table(bad)


def _xlsx(path, sheets):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_xlsx_text_and_numeric_keys_and_sheets(tmp_path):
    path = _xlsx(
        tmp_path / "stat.xlsx",
        {
            "31.12.2023": [["SR_NR", "name", "EW", "Q"], ["0101", "Nord", 10, 0.5],
                           ["0102", "Süd", "-", 1.25]],
            "Zahlen": [["SR_NR", "EW"], [101, 10], [102.0, "x"], [201, "7"]],
        },
    )
    before = _digest(path)
    with pytest.raises(sr.ConfigError, match=r"stat\.xlsx' has 2 sheets: '31\.12\.2023', 'Zahlen'"):
        sr.read_table(path)
    with pytest.raises(sr.ConfigError, match=r"no sheet 'zahlen'.*Did you mean 'Zahlen'"):
        sr.read_table(path, sheet="zahlen")
    t = sr.read_table(path, sheet="31.12.2023")
    assert list(t.index) == ["0101", "0102"]
    assert _values(t, "EW") == [10, 0] and _reasons(t, "EW") == [None, "true_zero"]
    assert t["Q"].tolist() == [0.5, 1.25] and t["name"].tolist() == ["Nord", "Süd"]
    assert t["Stichtag"].tolist() == [pd.Timestamp("2023-12-31")] * 2  # from the sheet name
    n = sr.read_table(path, sheet=1)
    assert list(n.index) == ["101", "102", "201"]
    assert _values(n, "EW") == [10, None, 7] and _reasons(n, "EW") == [None, "secret", None]
    assert load_report(n).key_from_numbers and load_report(n).sheet == "Zahlen"
    assert _digest(path) == before


def test_wide_with_several_stichtage_and_declared_stichtag(tmp_path):
    path = _write(
        tmp_path / "breit.csv",
        "SR_NR;Jahr;EW\n0101;2023;5\n0102;2023;6\n0101;2024;7\n0102;2024;8\n",
    )
    latest = sr.read_table(path)
    assert _values(latest, "EW") == [7, 8]
    assert "2 Stichtage in the file" in " ".join(sr.load_report(latest).notes)
    assert _values(sr.read_table(path, stichtag=2023), "EW") == [5, 6]
    plain = _write(tmp_path / "ohne.csv", "SR_NR;EW\n0101;5\n")
    t = sr.read_table(plain, stichtag="31.12.2022")
    assert t["Stichtag"].tolist() == [pd.Timestamp("2022-12-31")]
    assert "Stichtag" not in sr.read_table(plain).columns


def test_integers_written_with_decimals_stay_float_and_semicolon_convention(tmp_path):
    path = _write(tmp_path / "quote.csv", "SR_NR;Q;EW\n0101;12,0;1.234\n0102;7,0;5\n")
    t = sr.read_table(path)
    assert t["Q"].dtype == "float64" and t["Q"].tolist() == [12.0, 7.0]
    assert str(t["EW"].dtype) == "Int64" and _values(t, "EW") == [1234, 5]
    # ';' without any decimal evidence: the German convention (decimal comma, '.' thousands)
    conv = _write(tmp_path / "konvention.csv", "SR_NR;EW\n0101;1.234\n0102;5\n")
    t2 = sr.read_table(conv)
    assert _values(t2, "EW") == [1234, 5]
    assert (load_report(t2).decimal, load_report(t2).thousands) == (",", ".")


def _german(value, decimals):
    text = f"{value:,.{decimals}f}"  # 1,234,567.89
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


@settings(max_examples=40, deadline=None)
@given(
    counts=st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=12),
    cents=st.lists(st.integers(min_value=-(10**8), max_value=10**8), min_size=1, max_size=12),
    german=st.booleans(),
)
def test_property_number_formats_round_trip(tmp_path_factory, counts, cents, german):
    n = min(len(counts), len(cents))
    keys = [f"{i:04d}" for i in range(1, n + 1)]
    floats = [c / 100 for c in cents[:n]]
    if german:
        lines = ["SR_NR;Anzahl;Quote"] + [
            f"{k};{_german(c, 0)};{_german(f, 2)}"
            for k, c, f in zip(keys, counts, floats, strict=False)
        ]
        text, name = "\n".join(lines) + "\n", "de.csv"
    else:
        lines = ["SR_NR,Anzahl,Quote"] + [
            f'{k},"{c:,}","{f:,.2f}"' for k, c, f in zip(keys, counts, floats, strict=False)
        ]
        text, name = "\n".join(lines) + "\n", "en.csv"
    path = tmp_path_factory.mktemp("zahlen") / name
    path.write_text(text, encoding="utf-8")
    t = sr.read_table(path)
    assert list(t.index) == keys
    assert _values(t, "Anzahl") == counts[:n]
    assert t["Quote"].tolist() == pytest.approx(floats, abs=1e-9)
    assert load_report(t).decimal == ("," if german else ".")


def test_report_has_no_separators_when_none_were_needed(tmp_path):
    path = _xlsx(tmp_path / "zahlen.xlsx", {"Tabelle1": [["SR_NR", "EW"], ["0101", 3]]})
    t = sr.read_table(path)
    report = load_report(t)
    assert (report.decimal, report.thousands, report.sheet) == (None, None, "Tabelle1")
    assert "Stichtag" not in t.columns  # "Tabelle1" is not a date
    assert report.layout == "wide" and report.encoding is None


def test_read_boundaries_on_a_table_file(tmp_path):
    path = _write(tmp_path / "tabelle.csv", "SR_NR;EW\n0101;1\n")
    with pytest.raises(sr.GeometryError, match=r"tabelle\.csv.*no geometry column"):
        sr.read_boundaries(path)
    with pytest.raises(sr.FileFormatError, match=r"unknown table format '\.gpkg'"):
        sr.read_table(_write(tmp_path / "x.gpkg", "x"))


def test_excel_separator_hint_line(tmp_path):
    path = _write(tmp_path / "excel.csv", "sep=;\r\nSR_NR;EW;Q\r\n0101;5;1,5\r\n", "cp1252")
    t = sr.read_table(path)
    assert list(t.index) == ["0101"] and _values(t, "EW") == [5] and t["Q"].tolist() == [1.5]
    assert load_report(t).sep == ";"
    bad = _write(tmp_path / "excel2.csv", "sep=;\nSR_NR;EW\n0101;5\n0102;fünf\n", "cp1252")
    with pytest.raises(sr.InputError, match=r"'fünf' \(line 4\)"):
        sr.read_table(bad)


@settings(max_examples=30, deadline=None)
@given(
    data=st.data(),
    n_keys=st.integers(min_value=1, max_value=6),
    merkmale=st.lists(st.sampled_from(["EW", "HH", "SGB2", "ALO"]), min_size=1, unique=True),
)
def test_property_long_layout_equals_wide_whatever_the_row_order(
    tmp_path_factory, data, n_keys, merkmale
):
    keys = [f"{i:04d}" for i in range(1, n_keys + 1)]
    cells = {
        (k, m): data.draw(st.one_of(st.integers(0, 99_999).map(str), st.sampled_from([".", "-"])))
        for k in keys
        for m in merkmale
    }
    rows = data.draw(st.permutations([f"{k};{m};{v}" for (k, m), v in cells.items()]))
    folder = tmp_path_factory.mktemp("lang")
    long_path = folder / "lang.csv"
    long_path.write_text("SR_NR;Merkmal;Wert\n" + "\n".join(rows) + "\n", encoding="utf-8")
    wide_path = folder / "breit.csv"
    wide_path.write_text(
        "SR_NR;" + ";".join(merkmale) + "\n"
        + "\n".join(k + ";" + ";".join(cells[(k, m)] for m in merkmale) for k in keys) + "\n",
        encoding="utf-8",
    )
    long = sr.read_table(long_path)
    wide = sr.read_table(wide_path)
    long = long.loc[keys, [c for c in wide.columns]]  # order of first appearance may differ
    pd.testing.assert_frame_equal(long, wide)
    for (k, m), v in cells.items():
        expected = None if v == "." else (0 if v == "-" else int(v))
        got = wide.at[k, m]
        assert (expected is None and pd.isna(got)) or got == expected


def test_positions_out_of_range(tmp_path, gpkg):
    with pytest.raises(sr.ConfigError, match=r"grenzen\.gpkg' has 1 layers \(0 to 0\); layer=3"):
        sr.read_boundaries(gpkg, layer=3)
    path = _xlsx(tmp_path / "eins.xlsx", {"A": [["SR_NR", "EW"], ["0101", 1]]})
    with pytest.raises(sr.ConfigError, match=r"eins\.xlsx' has 1 sheets \(0 to 0\); sheet=2"):
        sr.read_table(path, sheet=2)


def test_named_columns_that_do_not_exist(tmp_path):
    path = _write(tmp_path / "namen.csv", "SR_NR;Merkmal;Wert\n0101;EW;1\n")
    with pytest.raises(sr.ColumnError, match=r"no text column 'Nmae'.*text_columns=\.\.\."):
        sr.read_table(path, text_columns=["Nmae"])
    with pytest.raises(sr.ColumnError, match=r"no Merkmal column 'merkmal'.*'Merkmal'.*variable="):
        sr.read_table(path, variable="merkmal", value="Wert")


def test_leading_zero_proves_the_decimal_point(tmp_path):
    """'0.567' cannot be a thousands-grouped number: the column's dots are decimal points,
    also in the otherwise ambiguous '1.234' (found by review: it was read as 567 and 1234)."""
    path = tmp_path / "quoten.csv"
    path.write_text("SR_NR;Quote\n0101;1.234\n0102;0.567\n", encoding="utf-8")
    t = sr.read_table(path, key="SR_NR")
    assert t["Quote"].tolist() == [1.234, 0.567]
    # the German reading stays the default when nothing contradicts it
    path2 = tmp_path / "einwohner.csv"
    path2.write_text("SR_NR;EW\n0101;1.234\n0102;12.345\n", encoding="utf-8")
    assert sr.read_table(path2, key="SR_NR")["EW"].tolist() == [1234, 12345]


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


def test_shipped_long_csv_and_xlsx_read_with_the_contract_defaults():
    """sr.read_table(path, key=...) on the statistics office's files of the demo city: the
    latest Stichtag (noted in the load report), the same values from CSV and XLSX."""
    csv = sr.read_table(sr.datasets.get_path("musterstadt_statistik.csv"), key="SR_NR")
    xlsx = sr.read_table(sr.datasets.get_path("musterstadt_statistik.xlsx"), key="SR_NR")
    assert csv.index.tolist() == xlsx.index.tolist() and csv.index[0] == "0101"
    assert csv["Stichtag"].unique().tolist() == [pd.Timestamp("2024-12-31")]
    assert xlsx["Stichtag"].unique().tolist() == [pd.Timestamp("2024-12-31")]
    assert csv["EW"].tolist() == xlsx["EW"].tolist()
    assert "the latest, '31.12.2024', was read" in " ".join(sr.load_report(xlsx).notes)


# ------------------------------------------------------------------ messages in both languages


def test_table_errors_speak_german_and_english(tmp_path):
    nokey = _write(tmp_path / "schluessel.csv", "SR_Nr;EW\n0101;1\n")
    with pytest.raises(sr.ColumnError) as info:
        sr.read_table(nokey)
    de, en = info.value.message("de"), str(info.value)
    assert "schluessel.csv' hat keine Schlüsselspalte 'SR_NR'. Meinten Sie 'SR_Nr'?" in de
    assert "Spalten in der Datei: 'SR_Nr', 'EW'" in de and "key=..." in de
    assert "Did you mean" not in de and "column" not in de
    assert "has no key column 'SR_NR'. Did you mean 'SR_Nr'? Columns in the file" in en

    dup = _write(tmp_path / "doppelt.csv", "SR_NR;EW\n0101;1\n0102;2\n0101;3\n")
    with pytest.raises(sr.DuplicateKeyError) as info:
        sr.read_table(dup)
    assert "doppelt.csv', Spalte 'SR_NR': 1 Schlüssel kommen mehrfach vor: '0101' " \
        "(Zeile 2, Zeile 4)" in info.value.message("de")
    assert "'0101' (line 2, line 4)" in str(info.value)

    bad = _write(tmp_path / "werte.csv", "SR_NR;EW\n0101;12\n0102;zwölf\n")
    with pytest.raises(sr.InputError) as info:
        sr.read_table(bad)
    de = info.value.message("de")
    assert "werte.csv', Spalte 'EW': 1 Zellen sind weder Zahlen" in de
    assert "'zwölf' (Zeile 3)" in de and "text_columns=['EW']" in de
    assert "line" not in de and "'zwölf' (line 3)" in str(info.value)

    ragged = _write(tmp_path / "tab.tsv", "SR_NR\tEW\tHH\n0101\t1\t2\n0102\t3\n")
    with pytest.raises(sr.FileFormatError) as info:
        sr.read_table(ragged)
    assert "tab.tsv', Zeile 3 hat 2 Felder, die Kopfzeile 3 (Trennzeichen Tabulator)" in \
        info.value.message("de")
    assert "line 3 has 2 fields, the header has 3 (separator tab)" in str(info.value)

    many = _write(tmp_path / "viele.csv", "SR_NR;EW\n" + "".join(f";{i}\n" for i in range(7)))
    with pytest.raises(sr.MissingDataError) as info:
        sr.read_table(many)
    assert "7 Zeilen haben keinen Schlüssel: 'Zeile 2', 'Zeile 3', 'Zeile 4', 'Zeile 5', " \
        "'Zeile 6' und 2 weitere" in info.value.message("de")
    assert "'line 6' and 2 more" in str(info.value)


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
