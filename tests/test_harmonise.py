"""Tests of sozialraum.harmonise: crosswalk tables and areal interpolation.

References: tobler's ``area_interpolate`` called directly, and hand computations
with shapely intersections written out below (loops over every pair of areas),
on the public Columbus dataset (tests/data/spdep/columbus.gpkg, from R spdep) and
on small hand-made layouts.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from scipy.sparse import csr_matrix
from tobler.area_weighted import area_interpolate

import sozialraum as sr


@pytest.fixture(scope="module")
def columbus(data_dir):
    g = gpd.read_file(data_dir / "spdep" / "columbus.gpkg")
    # the file's CRS is an undefined local Cartesian one (units called metres):
    # declare a projected CRS; shares of areas do not depend on the unit
    g = g.set_crs(25832, allow_override=True)
    g.index = pd.Index([f"C{int(v):02d}" for v in g["fid0"]], name="col_id")
    return g[["CRIME", "HOVAL", "INC", "geometry"]]


def _grid(frame, nx, ny, pad=0.0):
    minx, miny, maxx, maxy = frame.total_bounds
    xs = np.linspace(minx - pad, maxx + pad, nx + 1)
    ys = np.linspace(miny - pad, maxy + pad, ny + 1)
    cells = [shapely.box(xs[i], ys[j], xs[i + 1], ys[j + 1]) for j in range(ny) for i in range(nx)]
    keys = pd.Index([f"G{k:03d}" for k in range(len(cells))], name="cell")
    return gpd.GeoDataFrame(geometry=cells, index=keys, crs=frame.crs)


def _hand_area(source, target, extensive, intensive):
    """Area-weighted interpolation from its definition, pair by pair with shapely."""
    out = {c: {} for c in extensive + intensive}
    for j, tg in target.geometry.items():
        parts = {i: sg.intersection(tg).area for i, sg in source.geometry.items()}
        covered = sum(parts.values())
        for c in extensive:
            out[c][j] = sum(
                source.at[i, c] * a / sum(source.geometry[i].intersection(t).area
                                          for t in target.geometry)
                for i, a in parts.items() if a > 0
            )
        for c in intensive:
            out[c][j] = sum(source.at[i, c] * a / covered for i, a in parts.items() if a > 0)
    return pd.DataFrame(out).loc[target.index]


def test_area_interpolation_equals_tobler_and_hand_computation(columbus):
    grid = _grid(columbus, 7, 6, pad=0.01)
    got = sr.areal_interpolate(columbus, grid, extensive=["CRIME"], intensive=["HOVAL", "INC"])
    assert list(got.index) == list(grid.index) and got.index.name == "cell"
    assert got.crs == grid.crs
    assert got.geometry.geom_equals(grid.geometry).all()
    reached = got["interpolated_share"].notna()
    # tobler directly, with a table of intersection areas computed here in float64
    # (tobler's own table is float32: with it, it agrees to about 1e-7 only)
    a, b = columbus.geometry.to_numpy(), grid.geometry.to_numpy()
    table = np.array([[ai.intersection(bj).area for bj in b] for ai in a])
    ref = area_interpolate(columbus, grid, extensive_variables=["CRIME"],
                           intensive_variables=["HOVAL", "INC"], table=csr_matrix(table))
    own = area_interpolate(columbus, grid, extensive_variables=["CRIME"],
                           intensive_variables=["HOVAL", "INC"])
    for c in ("CRIME", "HOVAL", "INC"):
        np.testing.assert_allclose(got.loc[reached, c], ref.loc[reached, c], rtol=1e-9)
        np.testing.assert_allclose(got.loc[reached, c], own.loc[reached, c], rtol=1e-6)
    hand = _hand_area(columbus, grid, ["CRIME"], ["HOVAL", "INC"])
    for c in ("CRIME", "HOVAL", "INC"):
        np.testing.assert_allclose(got.loc[reached, c], hand.loc[reached, c], rtol=1e-9)
    # cells in the corners of the bounding box touch no tract: missing, not 0
    empty = [j for j, g in grid.geometry.items() if not columbus.union_all().intersects(g)]
    assert empty and got.loc[empty, "CRIME"].isna().all()
    assert (own.loc[empty, "CRIME"] == 0).all()  # tobler says 0 there
    # totals of the count are kept exactly (the grid covers every tract)
    assert got["CRIME"].sum() == pytest.approx(columbus["CRIME"].sum(), rel=1e-12)
    # interpolated share by hand: the cell's area in tracts the grid cuts, over its area
    # in tracts; a tract wholly inside one cell adds to it exactly
    for j, cell in grid.geometry[reached].items():
        parts = [(t.intersection(cell).area, t.area) for t in columbus.geometry]
        cut = sum(a for a, whole in parts if 0 < a < whole * (1 - 1e-6))
        share = cut / sum(a for a, _ in parts)
        assert got.at[j, "interpolated_share"] == pytest.approx(share, rel=1e-9, abs=1e-12)
    assert 0 < got["interpolated_share"].min() < 0.9 and got["interpolated_share"].max() == 1.0


def test_dissolved_and_resplit_columbus(columbus):
    groups = pd.Series([f"D{i % 7}" for i in range(len(columbus))], index=columbus.index)
    dissolved = columbus.assign(group=groups.to_numpy()).dissolve("group")[["geometry"]]
    merged = sr.areal_interpolate(columbus, dissolved, extensive=["CRIME"])
    # a union of whole tracts: the values are exact sums, nothing interpolated
    expected = columbus["CRIME"].groupby(groups).sum()
    np.testing.assert_allclose(merged["CRIME"], expected.loc[merged.index], rtol=1e-12)
    assert (merged["interpolated_share"] == 0).all()
    # re-split the dissolved areas by a vertical line: halves of the groups
    minx, miny, maxx, maxy = columbus.total_bounds
    mid = (minx + maxx) / 2
    halves = []
    for key, geom in dissolved.geometry.items():
        for side, box in (("W", shapely.box(minx - 1, miny - 1, mid, maxy + 1)),
                          ("E", shapely.box(mid, miny - 1, maxx + 1, maxy + 1))):
            part = geom.intersection(box)
            if part.area > 0:
                halves.append((f"{key}{side}", part))
    resplit = gpd.GeoDataFrame(
        geometry=[shapely.MultiPolygon(shapely.get_parts(p)) if p.geom_type != "Polygon" else p
                  for _, p in halves],
        index=pd.Index([k for k, _ in halves], name="half"), crs=columbus.crs,
    )
    out = sr.areal_interpolate(columbus, resplit, extensive=["CRIME"])
    assert out["CRIME"].sum() == pytest.approx(columbus["CRIME"].sum(), rel=1e-12)
    hand = _hand_area(columbus, resplit, ["CRIME"], [])
    np.testing.assert_allclose(out["CRIME"], hand["CRIME"], rtol=1e-9)
    # the interpolated share of a half: share of its area in tracts cut by the line
    for key, geom in resplit.geometry.items():
        parts = [(t.intersection(geom).area, t.area) for t in columbus.geometry]
        cut = sum(a for a, whole in parts if 0 < a < whole * (1 - 1e-6))
        assert out.at[key, "interpolated_share"] == pytest.approx(cut / geom.area, rel=1e-9)


def _two_by_one():
    old = gpd.GeoDataFrame(
        {"EW": [100.0, 60.0, 30.0], "QUOTE": [0.1, 0.2, 0.4]},
        geometry=[shapely.box(0, 0, 2, 1), shapely.box(2, 0, 3, 1), shapely.box(3, 0, 4, 1)],
        index=pd.Index(["0101", "0102", "0103"], name="SR_NR"), crs=25832,
    )
    new = gpd.GeoDataFrame(
        geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 3, 1), shapely.box(3, 0, 4, 1)],
        index=pd.Index(["0104", "0105", "0103"], name="SR_NR"), crs=25832,
    )
    return old, new


def test_crosswalk_by_area_small_layout():
    old, new = _two_by_one()
    cw = sr.crosswalk(old, new)
    assert list(cw.columns) == ["old", "new", "area", "share_of_old", "share_of_new", "weight"]
    got = {(o, n): (a, so, sn) for o, n, a, so, sn in
           cw[["old", "new", "area", "share_of_old", "share_of_new"]].itertuples(index=False)}
    assert got == {
        ("0101", "0104"): (1.0, 0.5, 1.0),
        ("0101", "0105"): (1.0, 0.5, 0.5),
        ("0102", "0105"): (1.0, 1.0, 0.5),
        ("0103", "0103"): (1.0, 1.0, 1.0),
    }
    assert (cw["weight"] == "area").all()
    assert cw.groupby("old")["share_of_old"].sum().eq(1.0).all()


def _points_weights():
    rng = np.random.default_rng(5)
    xy = rng.uniform([0, 0], [4, 1], size=(400, 2))
    counts = rng.integers(0, 9, 400).astype(float)
    counts[xy[:, 0] < 1] *= 3  # more people in the west
    return gpd.GeoDataFrame(
        {"EW": counts, "other": 1.0}, geometry=shapely.points(xy), crs=25832
    )


def test_crosswalk_by_population_points_matches_hand_count():
    old, new = _two_by_one()
    pts = _points_weights()
    cw = sr.crosswalk(old, new, pts, weight_column="EW")
    assert (cw["weight"] == "population").all()
    # hand: people of each point in the old and new area that contain it
    pop = {}
    for p, c in zip(pts.geometry, pts["EW"], strict=True):
        o = next(k for k, g in old.geometry.items() if g.intersects(p))
        n = next(k for k, g in new.geometry.items() if g.intersects(p))
        pop[(o, n)] = pop.get((o, n), 0.0) + c
    got = cw.set_index(["old", "new"])
    for (o, n), value in pop.items():
        assert got.at[(o, n), "population"] == pytest.approx(value)
        total_old = sum(v for (a, _), v in pop.items() if a == o)
        total_new = sum(v for (_, b), v in pop.items() if b == n)
        assert got.at[(o, n), "share_of_old"] == pytest.approx(value / total_old, rel=1e-12)
        assert got.at[(o, n), "share_of_new"] == pytest.approx(value / total_new, rel=1e-12)
    out = sr.areal_interpolate(old, new, extensive=["EW"], intensive=["QUOTE"],
                               weights=pts, weight_column="EW")
    share = pop[("0101", "0104")] / (pop[("0101", "0104")] + pop[("0101", "0105")])
    assert share > 0.6  # the west is more populous: more than the area share 0.5
    assert out.at["0104", "EW"] == pytest.approx(100 * share, rel=1e-12)
    assert out.at["0105", "EW"] == pytest.approx(100 * (1 - share) + 60, rel=1e-12)
    assert out["EW"].sum() == pytest.approx(old["EW"].sum(), rel=1e-12)
    # rates: population-weighted mean of the overlapping old areas
    p1, p2 = pop[("0101", "0105")], pop[("0102", "0105")]
    assert out.at["0105", "QUOTE"] == pytest.approx((0.1 * p1 + 0.2 * p2) / (p1 + p2), rel=1e-12)
    assert out.at["0103", "QUOTE"] == pytest.approx(0.4)
    # interpolated share: 0104 wholly from the split 0101, 0105 partly, 0103 not at all
    assert out.at["0104", "interpolated_share"] == 1.0
    assert out.at["0105", "interpolated_share"] == pytest.approx(p1 / (p1 + p2), rel=1e-12)
    assert out.at["0103", "interpolated_share"] == 0.0
    with pytest.raises(sr.ColumnError, match="weight_column") as info:
        sr.crosswalk(old, new, pts)  # two numeric columns: which one?
    assert "weight_column" in info.value.message("de")


def test_crosswalk_by_population_polygons_matches_hand_computation():
    old, new = _two_by_one()
    blocks = gpd.GeoDataFrame(
        {"EW": [40.0, 10.0, 25.0, 0.0]},
        geometry=[shapely.box(0, 0, 1.5, 1), shapely.box(1.5, 0, 2.5, 1),
                  shapely.box(2.5, 0, 3.5, 0.5), shapely.box(3.5, 0, 4, 1)],
        crs=25832,
    )
    cw = sr.crosswalk(old, new, blocks).set_index(["old", "new"])
    # hand: each block's people shared by area among the pieces old ∩ new
    hand = {}
    for o, og in old.geometry.items():
        for n, ng in new.geometry.items():
            atom = og.intersection(ng)
            if atom.area == 0:
                continue
            hand[(o, n)] = sum(c * b.intersection(atom).area / b.area
                               for b, c in zip(blocks.geometry, blocks["EW"], strict=True))
    assert set(cw.index) == set(hand)
    for pair, value in hand.items():
        assert cw.at[pair, "population"] == pytest.approx(value, rel=1e-12)
    assert cw.at[("0101", "0104"), "share_of_old"] == pytest.approx(
        hand[("0101", "0104")] / (hand[("0101", "0104")] + hand[("0101", "0105")])
    )


def test_source_without_population_is_shared_by_area():
    old, new = _two_by_one()
    pts = _points_weights()
    pts = pts[~(pts.geometry.x < 2)].drop(columns="other")  # nobody lives in 0101 now
    cw = sr.crosswalk(old, new, pts)
    row = cw[cw["old"] == "0101"]
    assert (row["weight"] == "area").all()
    np.testing.assert_allclose(row["share_of_old"], [0.5, 0.5])
    assert (cw.loc[cw["old"] != "0101", "weight"] == "population").all()
    out = sr.areal_interpolate(old, new, extensive=["EW"], weights=pts)
    assert out.at["0104", "EW"] == pytest.approx(50.0)
    assert out["EW"].sum() == pytest.approx(190.0, rel=1e-12)


def test_missing_values_stay_missing_and_inputs_untouched():
    old, new = _two_by_one()
    old.loc["0102", "EW"] = np.nan
    before = old.copy()
    out = sr.areal_interpolate(old, new, extensive=["EW"], intensive=["QUOTE"])
    pd.testing.assert_frame_equal(old, before)
    assert np.isnan(out.at["0105", "EW"])  # gets part of the missing 0102
    assert out.at["0104", "EW"] == pytest.approx(50.0)
    assert out.at["0103", "EW"] == pytest.approx(30.0)
    assert out.at["0105", "QUOTE"] == pytest.approx(0.15)


def test_integer_counts_and_partial_cover_warning():
    old, new = _two_by_one()
    old["EW"] = pd.array([100, 60, 30], dtype="Int64")
    smaller = new.drop(index="0103")
    with pytest.warns(sr.SozialraumWarning, match="0103") as record:
        out = sr.areal_interpolate(old, smaller, extensive=["EW"])
    assert "Zielflächen" in record[0].message.localized["de"]
    assert out["EW"].dtype == "float64" and out["EW"].sum() == pytest.approx(160.0)


def test_errors_are_clear_and_german():
    old, new = _two_by_one()
    with pytest.raises(sr.CRSError, match="different coordinate reference systems") as info:
        sr.areal_interpolate(old, new.set_crs(25833, allow_override=True), extensive=["EW"])
    assert "verschiedenen Koordinatensystemen" in info.value.message("de")
    with pytest.raises(sr.CRSError, match="not projected"):
        sr.crosswalk(old.set_crs(4326, allow_override=True), new)
    with pytest.raises(sr.CRSError, match="no coordinate reference system"):
        sr.crosswalk(old.set_crs(None, allow_override=True), new)
    dup = pd.concat([new, new.iloc[:1]])
    with pytest.raises(sr.DuplicateKeyError, match="'0104'"):
        sr.crosswalk(old, dup)
    with pytest.raises(sr.ColumnError, match="'EWW'") as info:
        sr.areal_interpolate(old, new, extensive=["EWW"])
    assert "keine Spalte" in info.value.message("de")
    with pytest.raises(sr.InputError, match="extensive"):
        sr.areal_interpolate(old, new)
    with pytest.raises(sr.InputError, match="not numeric"):
        sr.areal_interpolate(old.assign(NAME="x"), new, intensive=["NAME"])
    with pytest.raises(sr.InputError, match="GeoDataFrame"):
        sr.crosswalk(pd.DataFrame(old.drop(columns="geometry")), new)
    lines = new.set_geometry([shapely.LineString([(0, 0), (1, 1)])] * 3)
    with pytest.raises(sr.GeometryError, match="non-polygonal"):
        sr.crosswalk(old, lines)
    bad = _points_weights()
    bad.loc[3, "EW"] = -1
    with pytest.raises(sr.InputError, match="negative"):
        sr.crosswalk(old, new, bad, weight_column="EW")
    with pytest.raises(sr.ColumnError, match="'POP'"):
        sr.crosswalk(old, new, bad, weight_column="POP")


# ------------------------------------------------------------------ the demo city's reform


@pytest.fixture(scope="module")
def demo_reform():
    truth = sr.datasets.musterstadt_truth()
    current = sr.datasets.musterstadt()
    before = [s for s in truth["stichtage"]
              if sr.datasets.gebietsstand(s) != sr.datasets.gebietsstand()]
    counts = [c for c in truth["merkmale"] if c != "FLAECHE_HA"]
    return truth, current, before, counts


def test_demo_split_area_is_conserved_exactly_on_the_new_boundaries(demo_reform):
    truth, current, before, counts = demo_reform
    (old_key, parts), = truth["reform"]["split"].items()
    source, target = truth["reform"]["moved"]["from"], truth["reform"]["moved"]["to"]
    assert before  # the Stichtage before the reform of 31.12.2022
    for stichtag in before:
        old = sr.datasets.musterstadt(stichtag=stichtag)
        assert old_key in old.index and not set(parts) & set(old.index)
        out = sr.areal_interpolate(old[[*counts, "geometry"]], current[["geometry"]],
                                   extensive=counts)
        for c in counts:
            # the parts hold exactly the old area's count, the moved boundary's two areas
            # exactly their old sum, every other area its own count
            assert out.loc[list(parts), c].sum() == pytest.approx(old.at[old_key, c], abs=1e-9)
            assert out.loc[[source, target], c].sum() == pytest.approx(
                old.loc[[source, target], c].sum(), abs=1e-9)
            same = [k for k in current.index if k not in (*parts, source, target)]
            np.testing.assert_allclose(out.loc[same, c], old.loc[same, c].astype(float),
                                       rtol=0, atol=1e-9)
            assert out[c].sum() == pytest.approx(old[c].sum(), abs=1e-6)
        assert (out.loc[list(parts), "interpolated_share"] == 1.0).all()
        assert (out.loc[same, "interpolated_share"] == 0.0).all()
        assert 0 < out.at[target, "interpolated_share"] < 1
        # by area: the parts get the old area's count in proportion to their areas
        area = current.geometry.loc[list(parts)].area
        np.testing.assert_allclose(out.loc[list(parts), "EW"],
                                   old.at[old_key, "EW"] * area / area.sum(), rtol=1e-9)
        # and tobler itself (its own float32 table) agrees to about 1e-6
        ref = area_interpolate(old[["EW", "geometry"]].astype({"EW": float}),
                               current[["geometry"]], extensive_variables=["EW"])
        np.testing.assert_allclose(out["EW"].to_numpy(), ref["EW"].to_numpy(), rtol=1e-5)


def test_demo_split_area_series_is_continuous(demo_reform):
    """On the current boundaries the split area's parts together have one series over all
    Stichtage: the old area's counts before the reform, the parts' own after it."""
    truth, current, before, counts = demo_reform
    (old_key, parts), = truth["reform"]["split"].items()
    series = []
    for stichtag in truth["stichtage"]:
        g = sr.datasets.musterstadt(stichtag=stichtag)
        if stichtag in before:
            g = sr.areal_interpolate(g[["EW", "geometry"]], current[["geometry"]],
                                     extensive=["EW"])
        series.append(float(g.loc[list(parts), "EW"].sum()))
    change = np.diff(series) / np.array(series[:-1])
    assert np.abs(change).max() < 0.06, series  # no jump at the reform
