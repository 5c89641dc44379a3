"""Tests of :mod:`sozialraum.io.grid_aggregate`: grid counts summed into districts.

References are computed independently: geopandas ``sjoin`` of the midpoints (centroid),
``overlay`` of the cell squares and tobler's ``area_interpolate`` (area shares), summed by
hand with pandas. The districts are drawn in EPSG:3035 and handed over in EPSG:25832, so
the reprojection is part of every test.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon, box
from support.zensus import write_zensus_grid

import sozialraum as sr
from sozialraum.errors import ColumnError, CRSError, GeometryError

RES = 1000
R0, C0 = 2700, 4300  # rows/cols of the patch's first cell (northing / easting in km)


@pytest.fixture(scope="module")
def grid(tmp_path_factory):
    """An 8 x 9 patch of 1 km cells; 'Einwohner' whole, 'Kinder' with two dashes."""
    rr, cc = np.meshgrid(np.arange(8) + R0, np.arange(9) + C0, indexing="ij")
    rows, cols = rr.ravel(), cc.ravel()
    rng = np.random.default_rng(5)
    pop = rng.integers(0, 400, len(rows))
    kids = [str(v) for v in rng.integers(0, 60, len(rows))]
    kids[3] = kids[40] = "\u2013"
    path = write_zensus_grid(tmp_path_factory.mktemp("grid") / "g.csv", rows, cols,
                             {"Einwohner": pop, "Kinder": kids}, resolution=RES)
    return sr.read_zensus_grid(path)


def _km(x, y):
    return (C0 + x) * RES, (R0 + y) * RES


@pytest.fixture(scope="module")
def areas():
    """Three districts (EPSG:25832) that cut cells and leave some cells outside."""
    a = Polygon([_km(0.3, 0.2), _km(4.37, 0.2), _km(4.37, 5.61), _km(0.3, 4.1)])
    b = Polygon([_km(4.37, 0.2), _km(8.6, 0.2), _km(8.6, 3.33), _km(4.37, 3.33)])
    c = Polygon([_km(4.37, 3.33), _km(8.6, 3.33), _km(7.2, 7.7), _km(4.37, 5.61)])
    d = gpd.GeoDataFrame({"name": ["A", "B", "C"]}, geometry=[a, b, c], crs="EPSG:3035",
                         index=pd.Index(["01", "02", "03"], name="SR_NR"))
    return d.to_crs("EPSG:25832")


def _midpoints(grid):
    return gpd.GeoDataFrame(grid[["Einwohner", "Kinder"]], crs="EPSG:3035", geometry=
                            gpd.points_from_xy(grid["x_mp_1km"], grid["y_mp_1km"]))


def test_centroid_sums_equal_a_geopandas_sjoin(grid, areas):
    sums, report = sr.aggregate_grid(grid, areas, ["Einwohner", "Kinder"], method="centroid")
    joined = gpd.sjoin(_midpoints(grid), areas.to_crs("EPSG:3035"), predicate="within")
    assert not joined.index.duplicated().any()  # no midpoint on a boundary in this layout
    expected = joined.groupby("SR_NR")[["Einwohner", "Kinder"]].sum().reindex(areas.index,
                                                                              fill_value=0)
    assert sums.index.equals(areas.index)
    assert str(sums["Einwohner"].dtype) == "Int64"
    assert sums["Einwohner"].tolist() == expected["Einwohner"].astype(int).tolist()
    assert sums["Kinder"].tolist() == expected["Kinder"].astype(int).tolist()
    assert report.n_cells == 72
    assert report.n_used == len(joined) and report.n_outside == 72 - len(joined)
    assert report.n_split == 0
    share = dict(report.share_assigned)["Einwohner"]
    assert share == pytest.approx(joined["Einwohner"].sum() / grid["Einwohner"].sum())
    # the two dashes are missing cells, left out of the sums and reported
    kids_missing = dict((c, (n, k)) for c, n, k in report.missing)["Kinder"]
    assert kids_missing[0] == 2
    per = report.to_frame()
    assert per["cells"].tolist() == joined.groupby("SR_NR").size().reindex(areas.index).tolist()
    assert per["missing_Kinder"].sum() == int(joined["Kinder"].isna().sum())


def test_area_sums_equal_overlay_and_tobler(grid, areas):
    tobler = pytest.importorskip("tobler")
    sums, report = sr.aggregate_grid(grid, areas, ["Einwohner", "Kinder"], method="area")
    cells = sr.grid_cells(grid)[["Einwohner", "Kinder", "geometry"]]
    cells["Kinder"] = cells["Kinder"].astype(float)
    cells["Einwohner"] = cells["Einwohner"].astype(float)
    target = areas.to_crs("EPSG:3035").reset_index()
    pieces = gpd.overlay(cells.reset_index(), target, how="intersection", keep_geom_type=True)
    pieces["share"] = pieces.geometry.area / RES**2
    for col in ["Einwohner", "Kinder"]:
        by_hand = (pieces[col] * pieces["share"]).groupby(pieces["SR_NR"]).sum()
        np.testing.assert_allclose(sums[col].to_numpy(), by_hand.reindex(areas.index).to_numpy(),
                                   rtol=1e-9)
    ref = tobler.area_weighted.area_interpolate(cells, target, extensive_variables=["Einwohner"],
                                                allocate_total=False)
    # tobler's area table is single precision (relative differences ~1e-8)
    np.testing.assert_allclose(sums["Einwohner"].to_numpy(), ref["Einwohner"].to_numpy(),
                               rtol=1e-7)
    n_pieces = pieces.groupby("GITTER_ID_1km").size()
    assert report.n_split == int((n_pieces > 1).sum())
    assert report.n_used == len(n_pieces) and report.n_outside == 72 - len(n_pieces)
    total = (pieces["Einwohner"] * pieces["share"]).sum()
    assert dict(report.share_assigned)["Einwohner"] == pytest.approx(
        total / grid["Einwohner"].sum(), rel=1e-12)


@pytest.mark.parametrize("method", ["centroid", "area"])
def test_totals_are_conserved_when_the_districts_cover_the_grid(grid, method):
    x0, y0 = _km(0, 0)
    x1, y1 = _km(9, 8)
    cut = x0 + 4321.5
    cover = gpd.GeoDataFrame(geometry=[box(x0 - 5, y0 - 5, cut, y1 + 5), box(cut, y0 - 5, x1 + 5,
                                                                             y1 + 5)],
                             crs="EPSG:3035", index=["W", "O"]).to_crs("EPSG:25832")
    sums, report = sr.aggregate_grid(grid, cover, ["Einwohner"], method=method)
    assert float(sums["Einwohner"].sum()) == pytest.approx(float(grid["Einwohner"].sum()),
                                                           rel=1e-9)
    assert dict(report.share_assigned)["Einwohner"] == pytest.approx(1.0, rel=1e-9)
    assert report.n_outside == 0
    assert report.n_split == (8 if method == "area" else 0)  # the cut runs through one column


def test_a_midpoint_on_a_shared_boundary_goes_to_the_first_district(grid):
    x0, y0 = _km(0, 0)
    x1, y1 = _km(9, 8)
    line = x0 + 4500  # exactly the midpoints of one column of cells
    two = gpd.GeoDataFrame(geometry=[box(x0, y0, line, y1), box(line, y0, x1, y1)],
                           crs="EPSG:3035", index=["W", "O"])
    sums, report = sr.aggregate_grid(grid, two, ["Einwohner"])
    on_line = grid["x_mp_1km"] == line
    assert report.n_split == 8
    assert sums.loc["W", "Einwohner"] == grid.loc[grid["x_mp_1km"] <= line, "Einwohner"].sum()
    assert sums["Einwohner"].sum() == grid["Einwohner"].sum()  # nothing counted twice
    assert on_line.sum() == 8


@pytest.mark.parametrize("method", ["centroid", "area"])
def test_dask_engine_equals_the_in_memory_result(grid, areas, method):
    pytest.importorskip("dask_geopandas")
    mem, mem_report = sr.aggregate_grid(grid, areas, ["Einwohner", "Kinder"], method=method)
    dsk, dsk_report = sr.aggregate_grid(grid, areas, ["Einwohner", "Kinder"], method=method,
                                        engine="dask", npartitions=3)
    pd.testing.assert_frame_equal(mem, dsk, check_exact=False, rtol=1e-12)
    assert dsk_report.npartitions == 3 and dsk_report.engine == "dask"
    for name in ("n_used", "n_outside", "n_split", "missing"):
        assert getattr(mem_report, name) == getattr(dsk_report, name), name
    pd.testing.assert_frame_equal(mem_report.per_area, dsk_report.per_area)


def test_bad_input(grid, areas):
    with pytest.raises(CRSError):
        sr.aggregate_grid(grid, areas.set_crs(None, allow_override=True), ["Einwohner"])
    with pytest.raises(ColumnError, match="'Einwohnr'"):
        sr.aggregate_grid(grid, areas, ["Einwohnr"])
    texts = grid.assign(Name="x")
    with pytest.raises(ColumnError, match="not numeric") as err:
        sr.aggregate_grid(texts, areas, ["Name"])
    assert "Quoten" in err.value.message("de")
    bowtie = Polygon([_km(0, 0), _km(3, 3), _km(3, 0), _km(0, 3)])
    bad = gpd.GeoDataFrame(geometry=[bowtie], crs="EPSG:3035", index=["07"])
    with pytest.raises(GeometryError) as err:
        sr.aggregate_grid(grid, bad, ["Einwohner"], method="area")
    assert "'07'" in err.value.message("de") and "ungültige" in err.value.message("de")
    with pytest.raises(sr.ConfigError, match="Did you mean 'area'"):
        sr.aggregate_grid(grid, areas, ["Einwohner"], method="areal")


def test_input_not_changed_and_report_shows(grid, areas):
    before_grid, before_areas = grid.copy(), areas.copy()
    _, report = sr.aggregate_grid(grid, areas, ["Einwohner"], method="area")
    pd.testing.assert_frame_equal(grid, before_grid)
    pd.testing.assert_frame_equal(areas, before_areas)
    assert "Flächenanteile" in report._repr_html_()
    assert "GridAggregationReport(method='area'" in repr(report)


@settings(max_examples=25)
@given(cut=st.floats(0.3, 0.7), angle=st.floats(-0.25, 0.25), seed=st.integers(0, 10_000),
       method=st.sampled_from(["centroid", "area"]))
def test_counts_are_conserved_for_any_cut_of_a_cover(cut, angle, seed, method):
    """Two districts covering the patch, split by a slanted line: the total never changes."""
    rng = np.random.default_rng(seed)
    rr, cc = np.meshgrid(np.arange(5) + R0, np.arange(6) + C0, indexing="ij")
    keep = rng.random(rr.size) < 0.8
    keep[0] = True
    x = cc.ravel()[keep] * RES + RES // 2
    y = rr.ravel()[keep] * RES + RES // 2
    g = pd.DataFrame({"x_mp_1km": x, "y_mp_1km": y,
                      "Einwohner": pd.array(rng.integers(0, 500, keep.sum()), dtype="Int64")})
    x0, y0 = _km(-1, -1)
    x1, y1 = _km(7, 6)
    xa = x0 + cut * (x1 - x0)
    xb = xa + angle * (y1 - y0)
    west = Polygon([(x0, y0), (xa, y0), (xb, y1), (x0, y1)])
    east = Polygon([(xa, y0), (x1, y0), (x1, y1), (xb, y1)])
    two = gpd.GeoDataFrame(geometry=[west, east], crs="EPSG:3035", index=["W", "O"])
    sums, report = sr.aggregate_grid(g, two.to_crs("EPSG:25832"), ["Einwohner"], method=method)
    assert float(sums["Einwohner"].sum()) == pytest.approx(float(g["Einwohner"].sum()), rel=1e-9)
    assert report.n_outside == 0
