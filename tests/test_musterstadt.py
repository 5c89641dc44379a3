"""Invariants of the shipped demo city Musterstadt (boundaries/, synthetic data).

The files are read directly with pyogrio/geopandas/pandas/openpyxl (not through
sozialraum.datasets), so these tests check the delivered files themselves.
Statistics are checked against hand computations (Moran's I by its formula) and
esda's permutation inference; never against earlier output of the generator.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import sys
import zipfile
from pathlib import Path

import esda
import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely
from libpysal.graph import Graph

from sozialraum.errors import OutputExistsError

BOUNDARIES = Path(__file__).resolve().parents[1] / "boundaries"
GPKG = BOUNDARIES / "musterstadt.gpkg"
CSV = BOUNDARIES / "musterstadt_statistik.csv"
XLSX = BOUNDARIES / "musterstadt_statistik.xlsx"
TRUTH = BOUNDARIES / "musterstadt_generator.json"
LAYERS = {"sozialraeume": "SR_NR", "stadtteile": "ST_NR", "stadtbezirke": "SB_NR", "stadt": "AGS"}
OLD = "sozialraeume_2019"  # the Sozialräume before the reform of 31.12.2022
STICHTAGE = [f"31.12.{y}" for y in range(2019, 2025)]
MERKMALE = [
    "EW", "EW_M", "EW_W", "EW_DEU", "EW_NDEU",
    "EW_U6", "EW_6_14", "EW_15_17", "EW_18_64", "EW_65U", "EW_80U",
    "EW_U15", "EW_15_64", "EW_U65",
    "SGB2", "SGB2_U15", "ALO", "ALO_SGB2", "ALO_SGB3",
    "HH", "HH_KIND", "HH_AE", "GRUSI", "GRUSI_65U",
    "ESU", "ESU_SPRACH", "ESU_UEBERGEW", "WOGEL_HH", "FLAECHE_HA",
]  # fmt: skip
DEPRIVATION = {
    "SGB2": "EW_U65", "SGB2_U15": "EW_U15", "ALO": "EW_15_64", "GRUSI_65U": "EW_65U",
    "HH_AE": "HH_KIND", "WOGEL_HH": "HH", "ESU_SPRACH": "ESU",
}  # fmt: skip


def _load_generator():
    spec = importlib.util.spec_from_file_location(
        "_musterstadt_generate", BOUNDARIES / "generate.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def layers():
    return {name: gpd.read_file(GPKG, layer=name).set_index(key) for name, key in LAYERS.items()}


@pytest.fixture(scope="module")
def sr(layers):
    return layers["sozialraeume"]


@pytest.fixture(scope="module")
def old():
    return gpd.read_file(GPKG, layer=OLD).set_index("SR_NR")


def _valid(truth, stichtag: str) -> str:
    """The Sozialraum layer valid at `stichtag`, from the ground truth's Gebietsstände."""
    day = pd.Timestamp(pd.to_datetime(stichtag, format="%d.%m.%Y"))
    starts = {layer: pd.to_datetime(v["gueltig_ab"], format="%d.%m.%Y")
              for layer, v in truth["reform"]["gebietsstaende"].items()}
    return max((s, layer) for layer, s in starts.items() if s <= day)[1]


@pytest.fixture(scope="module")
def versions(sr, old):
    return {"sozialraeume": sr, OLD: old}


@pytest.fixture(scope="module")
def truth():
    return json.loads(TRUTH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def raw_csv():
    return CSV.read_bytes()


@pytest.fixture(scope="module")
def long(raw_csv):
    return pd.read_csv(io.BytesIO(raw_csv), sep=";", dtype=str, encoding="utf-8-sig")


@pytest.fixture(scope="module")
def counts(long):
    """Wide numbers per (Stichtag, SR_NR); '-' (a true zero) read as 0."""
    value = long["Wert"].str.replace("-", "0", regex=False).str.replace(",", ".", regex=False)
    frame = long.assign(v=value.astype(float))
    wide = frame.pivot(index=["Stichtag", "SR_NR"], columns="Merkmal", values="v")
    return wide[MERKMALE]


@pytest.fixture(scope="module")
def latest(counts):
    return counts.loc["31.12.2024"]


@pytest.fixture(scope="module")
def analysed(sr, truth):
    """The connected Sozialräume with a real population: without the island and the
    industrial area (< 300 inhabitants, rates of 1-2 persons), as a planner would."""
    keep = [k for k in sr.index if k not in (truth["island"], truth["industrial"])]
    graph = Graph.build_contiguity(sr.loc[keep], rook=False).transform("r")
    return keep, graph


# ------------------------------------------------------------------ boundaries


def test_layers_crs_columns_and_keys(layers, old, truth):
    assert sorted(pyogrio.list_layers(GPKG)[:, 0]) == sorted([*LAYERS, OLD])
    assert set(truth["reform"]["gebietsstaende"]) == {"sozialraeume", OLD}
    layers = {**layers, OLD: old}
    expected_columns = {
        "sozialraeume": ["name", "ST_NR", "SB_NR"],
        OLD: ["name", "ST_NR", "SB_NR"],
        "stadtteile": ["name", "SB_NR"],
        "stadtbezirke": ["name"],
        "stadt": ["name"],
    }
    patterns = {
        "sozialraeume": r"\d{4}",
        OLD: r"\d{4}",
        "stadtteile": r"\d{2}",
        "stadtbezirke": r"\d",
        "stadt": r"\d{8}",
    }
    for name, gdf in layers.items():
        assert gdf.crs.to_epsg() == 25832
        assert [c for c in gdf.columns if c != "geometry"] == expected_columns[name]
        assert all(isinstance(k, str) and re.fullmatch(patterns[name], k) for k in gdf.index)
        assert gdf.index.is_unique
    # the reform: the split area is replaced by its parts, every other key stays
    (split_old, split_new), = truth["reform"]["split"].items()
    assert set(layers["sozialraeume"].index) == (set(old.index) - {split_old}) | set(split_new)
    assert list(layers["stadtteile"].index) == [f"{i:02d}" for i in range(1, 12)]
    assert list(layers["stadtbezirke"].index) == ["1", "2", "3", "4"]
    assert "0101" in layers["sozialraeume"].index  # leading zero kept
    city = layers["stadt"]
    assert list(city.index) == ["99999999"] and city["name"].iloc[0] == "Musterstadt (fiktiv)"


def test_labelled_fictional_everywhere(truth):
    info = {name: pyogrio.read_info(GPKG, layer=name) for name in [*LAYERS, OLD]}
    for name, meta in info.items():
        assert "fiktiv" in meta["layer_metadata"]["DESCRIPTION"], name
    import sqlite3

    con = sqlite3.connect(f"file:{GPKG}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT table_name, column_name, description FROM gpkg_data_columns"
        ).fetchall()
    finally:
        con.close()
    described = {(t, c) for t, c, _ in rows}
    assert ("sozialraeume", "SR_NR") in described and ("stadt", "AGS") in described
    assert all("fiktiv" in d for _, _, d in rows)
    assert "fiktiv" in truth["note"] and "synthetisch" in truth["note"]
    readme = (BOUNDARIES / "README.md").read_text(encoding="utf-8")
    assert "fiktiv" in readme and "synthetic" in readme
    book = openpyxl.load_workbook(XLSX, read_only=True)
    assert "fiktiv" in book.properties.description


def test_names_german_with_umlauts_and_eszett(layers):
    names = " ".join(" ".join(g["name"]) for g in layers.values())
    assert "ß" in names and re.search("[äöü]", names)
    assert "Gewerbegebiet Hafenstraße" in set(layers["sozialraeume"]["name"])


def test_nesting_keys_consistent_with_geometry(layers):
    sr, st, sb = layers["sozialraeume"], layers["stadtteile"], layers["stadtbezirke"]
    assert (sr.index.str[:2] == sr["ST_NR"]).all()
    assert set(sr["ST_NR"]) == set(st.index)  # every Stadtteil has Sozialräume
    assert (sr["SB_NR"] == st.loc[sr["ST_NR"], "SB_NR"].to_numpy()).all()
    assert set(st["SB_NR"]) == set(sb.index)
    for child, parent, col in ((sr, st, "ST_NR"), (st, sb, "SB_NR")):
        # share of each child's area inside each parent: 1 for its own parent, 0 elsewhere
        inter = np.array(
            [[g.intersection(p).area / g.area for p in parent.geometry] for g in child.geometry]
        )
        owner = parent.index[inter.argmax(axis=1)]
        assert list(owner) == list(child[col])
        np.testing.assert_allclose(inter.max(axis=1), 1.0, atol=1e-9)
        np.testing.assert_allclose(np.sort(inter, axis=1)[:, -2], 0.0, atol=1e-9)
    counts = sr.groupby("ST_NR").size()
    assert counts.between(2, 3).all()


@pytest.mark.parametrize("name", [*LAYERS, OLD])
def test_each_level_is_a_clean_coverage_of_the_city(layers, old, name):
    geoms = (old if name == OLD else layers[name]).geometry.to_numpy()
    assert shapely.is_valid(geoms).all()
    assert shapely.coverage_is_valid(geoms)
    outline = layers["stadt"].geometry.iloc[0]
    union = shapely.union_all(geoms)
    assert union.symmetric_difference(outline).area < 1.0  # m²: no gaps, no overlaps
    assert abs(shapely.area(geoms).sum() - outline.area) < 1.0


def test_shapes_are_irregular_not_boxes(sr):
    geoms = sr.geometry.to_numpy()
    assert (shapely.get_num_coordinates(geoms) >= 20).all()
    fill = shapely.area(geoms) / shapely.area(shapely.minimum_rotated_rectangle(geoms))
    assert fill.max() < 0.9  # no rectangles
    compact = 4 * np.pi * shapely.area(geoms) / shapely.length(geoms) ** 2
    assert compact.max() < 0.75 and compact.min() > 0.1  # wiggly, yet no slivers
    areas = shapely.area(geoms) / 1e4
    assert areas.max() / areas.min() > 5  # small inner-city areas, large outskirts


def test_coordinates_on_centimetre_grid(layers):
    coords = np.vstack([shapely.get_coordinates(g.geometry.to_numpy()) for g in layers.values()])
    np.testing.assert_allclose(coords * 100, np.round(coords * 100), atol=1e-4)


def test_size_location_and_multipart(layers, truth):
    outline = layers["stadt"].geometry.iloc[0]
    assert 60e6 < outline.area < 80e6  # m²: 60-80 km²
    centre = outline.centroid
    assert abs(centre.x - 538_000) < 3000 and abs(centre.y - 5_731_000) < 3000  # the Solling
    island = truth["island"]
    assert outline.geom_type == "MultiPolygon" and len(outline.geoms) == 2
    st = layers["stadtteile"].loc[island[:2]].geometry
    assert st.geom_type == "MultiPolygon" and len(st.geoms) == 2
    sb = layers["stadtbezirke"].loc[layers["stadtteile"].loc[island[:2], "SB_NR"]].geometry
    assert len(sb.geoms) == 2


def test_island_has_no_neighbour_everyone_else_has(sr, truth):
    graph = Graph.build_contiguity(sr, rook=False)
    card = graph.cardinalities
    island = truth["island"]
    assert card[island] == 0
    assert (card.drop(island) >= 1).all()
    others = sr.drop(index=island).union_all()
    gap = sr.geometry[island].distance(others)
    assert 200 < gap < 2000  # a few hundred metres outside the main body


# ------------------------------------------------------------------ CSV / XLSX format


def test_csv_is_delivered_like_a_statistics_office(raw_csv, long, versions, truth):
    assert raw_csv.startswith(b"\xef\xbb\xbf")
    text = raw_csv.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == "Stichtag;SR_NR;Merkmal;Wert" and lines[-1] == ""
    assert all(line.count(";") == 3 for line in lines[:-1])
    # every Stichtag on the Sozialräume valid then (before the reform: the old ones)
    n_areas = {s: len(versions[_valid(truth, s)]) for s in STICHTAGE}
    assert len(long) == sum(n_areas.values()) * len(MERKMALE)
    assert not long.duplicated(["Stichtag", "SR_NR", "Merkmal"]).any()
    assert sorted(long["Stichtag"].unique()) == sorted(STICHTAGE)
    assert set(long["Merkmal"]) == set(MERKMALE)
    for stichtag in STICHTAGE:
        keys = set(long.loc[long["Stichtag"] == stichtag, "SR_NR"])
        assert keys == set(versions[_valid(truth, stichtag)].index), stichtag
    area = long.loc[long["Merkmal"] == "FLAECHE_HA", "Wert"]
    assert area.str.fullmatch(r"\d+,\d{2}").all()
    other = long.loc[long["Merkmal"] != "FLAECHE_HA", "Wert"]
    assert other.str.fullmatch(r"[1-9]\d*|-").all()  # no thousands separator, zero is "-"
    assert (other == "-").sum() >= 10


@pytest.mark.parametrize("stichtag", STICHTAGE)
def test_area_matches_geometry(counts, versions, truth, stichtag):
    areas = counts.loc[stichtag]
    geoms = versions[_valid(truth, stichtag)]
    assert set(areas.index) == set(geoms.index)
    np.testing.assert_allclose(
        areas["FLAECHE_HA"], geoms.geometry.area.loc[areas.index] / 1e4, atol=0.006
    )


def test_xlsx_one_sheet_per_stichtag_same_values(long):
    book = openpyxl.load_workbook(XLSX)
    assert book.sheetnames == STICHTAGE
    for stichtag in STICHTAGE:
        ws = book[stichtag]
        rows = list(ws.iter_rows(values_only=True))
        assert list(rows[0]) == ["SR_NR", "name", *MERKMALE]
        assert all(ws.cell(row=r, column=1).data_type == "s" for r in range(2, ws.max_row + 1))
        sheet = pd.DataFrame(rows[1:], columns=rows[0]).set_index("SR_NR")
        part = long[long["Stichtag"] == stichtag].pivot(
            index="SR_NR", columns="Merkmal", values="Wert"
        )
        for m in MERKMALE:
            if m == "FLAECHE_HA":
                expected = part[m].str.replace(",", ".").astype(float)
                np.testing.assert_allclose(sheet.loc[part.index, m].astype(float), expected)
            else:
                got = [str(v) for v in sheet.loc[part.index, m]]
                assert got == list(part[m]), (stichtag, m)
    with zipfile.ZipFile(XLSX) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2025, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert "2025-01-01T00:00:00Z" in core


# ------------------------------------------------------------------ counts


@pytest.mark.parametrize("stichtag", STICHTAGE)
def test_counts_are_internally_consistent(counts, stichtag):
    c = counts.loc[stichtag].drop(columns="FLAECHE_HA").astype(np.int64)
    assert (c >= 0).all().all()
    ages = c[["EW_U6", "EW_6_14", "EW_15_17", "EW_18_64", "EW_65U"]].sum(axis=1)
    assert (ages == c["EW"]).all()
    assert (c["EW_M"] + c["EW_W"] == c["EW"]).all()
    assert (c["EW_DEU"] + c["EW_NDEU"] == c["EW"]).all()
    assert (c["EW_U15"] == c["EW_U6"] + c["EW_6_14"]).all()
    assert (c["EW_15_64"] == c["EW_15_17"] + c["EW_18_64"]).all()
    assert (c["EW_U65"] == c["EW"] - c["EW_65U"]).all()
    assert (c["ALO"] == c["ALO_SGB2"] + c["ALO_SGB3"]).all()
    at_most = [
        ("EW_80U", "EW_65U"), ("SGB2", "EW_U65"), ("SGB2_U15", "EW_U15"), ("SGB2_U15", "SGB2"),
        ("ALO", "EW_15_64"), ("ALO_SGB2", "SGB2"), ("HH_KIND", "HH"), ("HH_AE", "HH_KIND"),
        ("GRUSI_65U", "GRUSI"), ("GRUSI_65U", "EW_65U"), ("GRUSI", "EW"), ("ESU_SPRACH", "ESU"),
        ("ESU_UEBERGEW", "ESU"), ("WOGEL_HH", "HH"), ("HH", "EW"), ("ESU", "EW_U6"),
    ]  # fmt: skip
    for part, whole in at_most:
        assert (c[part] <= c[whole]).all(), (part, whole)
    # adults in SGB II are 15-64: the SGB II count above the under-15s fits that group
    assert (c["SGB2"] - c["SGB2_U15"] <= c["EW_15_64"]).all()


def test_population_size_and_edge_cases(counts, latest, truth):
    total = latest["EW"].sum()
    assert 70_000 <= total <= 80_000
    assert total == truth["ew_total"]["31.12.2024"]
    assert latest.loc[truth["industrial"], "EW"] < 300
    assert (latest["EW"].drop([truth["industrial"], truth["island"]]) > 1000).all()
    small = counts.drop(columns="FLAECHE_HA").isin([1, 2])
    assert small.to_numpy().sum() >= 20
    assert small.any(axis=1).groupby(level="SR_NR").any().sum() >= 3  # in several areas


def test_levels_are_realistic(latest, truth, sr):
    density = latest["EW"] / latest["FLAECHE_HA"]
    by_district = density.groupby(sr["SB_NR"]).median()
    assert by_district["1"] > 2 * by_district["4"]  # dense centre (Mitte), thin outskirts
    city = latest.sum()
    assert 0.07 < city["SGB2"] / city["EW_U65"] < 0.16
    assert 0.10 < city["SGB2_U15"] / city["EW_U15"] < 0.25
    assert 0.03 < city["ALO"] / city["EW_15_64"] < 0.09
    assert 0.17 < city["EW_65U"] / city["EW"] < 0.25
    main = latest.drop([truth["industrial"], truth["island"]])
    sgb2 = main["SGB2"] / main["EW_U65"]
    assert sgb2.min() > 0.02 and sgb2.max() < 0.35
    child = main["SGB2_U15"] / main["EW_U15"]
    assert child.min() > 0.03 and child.max() < 0.5
    alo = main["ALO"] / main["EW_15_64"]
    assert alo.min() > 0.02 and alo.max() < 0.16
    age = main["EW_65U"] / main["EW"]
    assert age.min() > 0.10 and age.max() < 0.32


def _reformed(truth) -> set:
    """The keys the reform touched (split, its parts, the two areas of the moved boundary)."""
    reform = truth["reform"]
    (split_old, split_new), = reform["split"].items()
    return {split_old, *split_new, reform["moved"]["from"], reform["moved"]["to"]}


def test_plausible_evolution_over_the_years(counts, truth):
    ew = counts["EW"].unstack("SR_NR").loc[STICHTAGE]
    reform = STICHTAGE.index(truth["reform"]["stichtag"])
    # areas the reform did not touch change slowly; the others are compared within a
    # Gebietsstand only (a change across the reform is a change of the area, not of people)
    same = ew.drop(columns=[*_reformed(truth), truth["newbuild"]], errors="ignore")
    assert same.notna().all().all()
    assert same.pct_change().iloc[1:].abs().max().max() < 0.06
    touched = ew[sorted(_reformed(truth) - {truth["newbuild"]})]
    within = pd.concat([touched.iloc[:reform].pct_change(fill_method=None).iloc[1:],
                        touched.iloc[reform:].pct_change(fill_method=None).iloc[1:]])
    assert within.abs().max().max() < 0.06
    growth = ew[truth["newbuild"]]
    # the new housing estate grows every year within each Gebietsstand
    assert (growth.iloc[:reform].diff().iloc[1:] > 0).all()
    assert (growth.iloc[reform:].diff().iloc[1:] > 0).all()
    city = counts.groupby(level="Stichtag").sum().loc[STICHTAGE]
    assert abs(city["EW"].iloc[-1] / city["EW"].iloc[0] - 1) < 0.05
    share65 = city["EW_65U"] / city["EW"]
    assert share65.iloc[-1] > share65.iloc[0]  # the city ages
    ndeu = city["EW_NDEU"] / city["EW"]
    assert ndeu.iloc[-1] > ndeu.iloc[0]


# ------------------------------------------------------------------ spatial pattern


def _moran_by_hand(y, graph):
    """Moran's I from its formula with row-standardised weights (n/S0 * z'Wz / z'z)."""
    w = graph.sparse.toarray()
    z = np.asarray(y, dtype=float) - np.mean(y)
    return len(z) / w.sum() * (z @ w @ z) / (z @ z)


@pytest.mark.parametrize("rate", list(DEPRIVATION))
def test_deprivation_rates_clearly_positively_autocorrelated(latest, analysed, rate):
    keep, graph = analysed
    y = (latest[rate] / latest[DEPRIVATION[rate]]).loc[keep].to_numpy()
    assert list(graph.unique_ids) == keep
    by_hand = _moran_by_hand(y, graph)
    np.random.seed(13)  # noqa: NPY002 - esda.Moran permutes with the global state
    mi = esda.Moran(y, graph, permutations=9999)
    assert mi.I == pytest.approx(by_hand, abs=1e-12)
    assert by_hand > 0.3
    assert mi.p_sim < 0.01


def test_deprivation_autocorrelated_in_every_year(counts, versions, truth):
    for stichtag in STICHTAGE:
        areas = versions[_valid(truth, stichtag)]  # the Gebietsstand of that Stichtag
        keep = [k for k in areas.index if k not in (truth["island"], truth["industrial"])]
        graph = Graph.build_contiguity(areas.loc[keep], rook=False).transform("r")
        c = counts.loc[stichtag].loc[keep]
        values = {r: _moran_by_hand(c[r] / c[d], graph) for r, d in DEPRIVATION.items()}
        assert min(values.values()) > 0.3, (stichtag, values)


def _local_moran_by_hand(y, graph, permutations, rng):
    """Local Moran I_i = z_i * sum_j w_ij z_j / m2 with conditional permutation pseudo
    p-values: y_i fixed, its neighbours drawn at random without replacement from the
    other n - 1 values; one-sided in the direction of the observed statistic.
    m2 = z'z / (n - 1) as in esda (a constant factor: the p-values do not depend on it)."""
    w = graph.sparse.toarray()
    z = np.asarray(y, dtype=float) - np.mean(y)
    m2 = (z @ z) / (len(z) - 1)
    local = z * (w @ z) / m2
    p = np.empty(len(z))
    for i in range(len(z)):
        nbr = np.flatnonzero(w[i])
        others = np.delete(z, i)
        draws = rng.random((permutations, len(others))).argsort(axis=1)[:, : len(nbr)]
        sim = z[i] * (others[draws] * w[i, nbr]).sum(axis=1) / m2
        extreme = (sim >= local[i]).sum() if local[i] >= 0 else (sim <= local[i]).sum()
        p[i] = (extreme + 1) / (permutations + 1)
    return local, p


def _high_high(keep, graph, y, local, p):
    z = y - y.mean()
    lag = graph.sparse.toarray() @ z
    card = graph.cardinalities.loc[keep].to_numpy()
    return [
        k
        for k, zi, li, pi, n in zip(keep, z, lag, p, card, strict=True)
        if zi > 0 and li > 0 and pi < 0.05 and n >= 3
    ]


def test_significant_high_high_cluster_at_the_designed_hotspot(latest, analysed, truth):
    keep, graph = analysed
    y = (latest["SGB2"] / latest["EW_U65"]).loc[keep].to_numpy()
    local, p = _local_moran_by_hand(y, graph, 9999, np.random.default_rng(1))
    # esda's local statistics agree with the formula (permutations=0: no inference,
    # which also avoids compiling esda's numba kernels in this fast test)
    reference = esda.Moran_Local(y, graph, permutations=0)
    np.testing.assert_allclose(reference.Is, local, rtol=1e-12)
    hh = _high_high(keep, graph, y, local, p)
    assert len(set(hh) & set(truth["hotspot"])) >= 3, hh


@pytest.mark.slow  # esda compiles its numba permutation kernels on first use (~30 s)
def test_high_high_cluster_with_esda_conditional_permutation(latest, analysed, truth):
    keep, graph = analysed
    y = (latest["SGB2"] / latest["EW_U65"]).loc[keep].to_numpy()
    lisa = esda.Moran_Local(y, graph, permutations=9999, seed=1)
    hh = _high_high(keep, graph, y, lisa.Is, lisa.p_sim)
    assert list(lisa.q[[keep.index(k) for k in hh]]) == [1] * len(hh)
    assert set(hh) & set(truth["hotspot"]), hh


def test_hotspot_is_a_connected_group_of_high_latent_values(sr, truth):
    hot = truth["hotspot"]
    assert 3 <= len(hot) <= 4
    graph = Graph.build_contiguity(sr.loc[hot], rook=False)
    assert graph.n_components == 1
    latent = pd.Series(truth["latent_deprivation"])
    assert set(latent.index) == set(sr.index)
    assert latent[hot].mean() > latent.quantile(0.75)


def test_rates_follow_the_latent_field(latest, truth):
    main = latest.drop([truth["industrial"], truth["island"]])
    latent = pd.Series(truth["latent_deprivation"]).loc[main.index]
    for rate, denom in DEPRIVATION.items():
        r = np.corrcoef(latent, main[rate] / main[denom])[0, 1]
        assert r > 0.6, rate


def test_ageing_is_a_different_pattern(latest, analysed):
    keep, graph = analysed
    c = latest.loc[keep]
    age = c["EW_65U"] / c["EW"]
    for rate, denom in DEPRIVATION.items():
        assert abs(np.corrcoef(age, c[rate] / c[denom])[0, 1]) < 0.5, rate
    assert _moran_by_hand(age, graph) > 0.2  # structured in space, just differently


# ------------------------------------------------------------------ generator


def test_generator_truth_contents(truth, sr):
    for key in ("seed", "version", "note", "latent_deprivation", "hotspot", "island", "industrial"):
        assert key in truth
    assert isinstance(truth["seed"], int)
    assert truth["crs"] == "EPSG:25832" and truth["stichtage"] == STICHTAGE
    assert truth["merkmale"] == MERKMALE
    assert {truth["island"], truth["industrial"], *truth["hotspot"]} <= set(sr.index)


def test_regenerating_gives_the_same_content(tmp_path):
    gen = _load_generator()
    gen.write_all(tmp_path)
    for name in (
        "musterstadt_statistik.csv",
        "musterstadt_statistik.xlsx",
        "musterstadt_generator.json",
    ):
        assert (tmp_path / name).read_bytes() == (BOUNDARIES / name).read_bytes(), name
    for name in LAYERS:
        new = pyogrio.read_dataframe(tmp_path / "musterstadt.gpkg", layer=name)
        old = pyogrio.read_dataframe(GPKG, layer=name)
        pd.testing.assert_frame_equal(new.drop(columns="geometry"), old.drop(columns="geometry"))
        assert list(shapely.to_wkb(new.geometry.to_numpy())) == list(
            shapely.to_wkb(old.geometry.to_numpy())
        )
    # refuses to overwrite unless asked
    with pytest.raises(OutputExistsError, match="--force"):
        gen.write_all(tmp_path)
    assert gen.main(["--out", str(tmp_path)]) == 2
    assert gen.write_all(tmp_path, force=True)


def test_another_seed_gives_another_city():
    gen = _load_generator()
    a = gen.generate(seed=1)
    b = gen.generate(seed=2)
    assert not np.array_equal(a[1][2024]["EW"], b[1][2024]["EW"])
    assert a[2]["seed"] == 1


# ------------------------------------------------------------------ boundary reform


def test_reform_splits_one_area_and_moves_one_boundary(sr, old, layers, truth):
    reform = truth["reform"]
    (split_old, split_new), = reform["split"].items()
    source, target = reform["moved"]["from"], reform["moved"]["to"]
    # the parts of the split area cover exactly the old area
    parts = shapely.union_all(sr.geometry.loc[split_new].to_numpy())
    assert parts.symmetric_difference(old.geometry[split_old]).area < 1.0
    assert sr.geometry[split_new[0]].intersection(sr.geometry[split_new[1]]).area < 1.0
    assert all(sr.geometry[k].area > 0.2 * old.geometry[split_old].area for k in split_new)
    # the moved boundary: the two areas together are unchanged, the target grew by the
    # moved piece, which was part of the source
    before = old.geometry[source].union(old.geometry[target])
    after = sr.geometry[source].union(sr.geometry[target])
    assert before.symmetric_difference(after).area < 1.0
    moved = sr.geometry[target].difference(old.geometry[target])
    assert old.geometry[target].difference(sr.geometry[target]).area < 1.0
    assert moved.area / 1e4 == pytest.approx(reform["moved"]["flaeche_ha"], abs=0.01)
    assert moved.difference(old.geometry[source]).area < 1.0
    assert 0.05 < moved.area / old.geometry[source].area < 0.5
    # every other area keeps its geometry vertex for vertex
    same = sorted(set(old.index) - {split_old, source, target})
    assert same and set(same) <= set(sr.index)
    assert list(shapely.to_wkb(sr.geometry.loc[same].to_numpy())) == list(
        shapely.to_wkb(old.geometry.loc[same].to_numpy()))
    # both changes stay inside their Stadtteil: the coarser levels are those of both versions
    for version in (sr, old):
        assert (version.index.str[:2] == version["ST_NR"]).all()
        for st, geom in layers["stadtteile"].geometry.items():
            union = shapely.union_all(version.geometry[version["ST_NR"] == st].to_numpy())
            assert union.symmetric_difference(geom).area < 1.0, st
    assert {k: v["gueltig_ab"] for k, v in reform["gebietsstaende"].items()} == {
        OLD: STICHTAGE[0], "sozialraeume": reform["stichtag"]}


def test_reform_keeps_the_people(counts, truth):
    """The city's and the Stadtteile's counts are sums over either Gebietsstand: the
    totals of the Stichtag before and after the reform differ only by a year's change."""
    reform = STICHTAGE.index(truth["reform"]["stichtag"])
    before, after = counts.loc[STICHTAGE[reform - 1]], counts.loc[STICHTAGE[reform]]
    by_st = [c.drop(columns="FLAECHE_HA").groupby(c.index.str[:2]).sum() for c in (before, after)]
    assert list(by_st[0].index) == list(by_st[1].index)
    np.testing.assert_allclose(by_st[1]["EW"], by_st[0]["EW"], rtol=0.06)
    np.testing.assert_allclose(before["FLAECHE_HA"].groupby(before.index.str[:2]).sum(),
                               after["FLAECHE_HA"].groupby(after.index.str[:2]).sum(), atol=0.03)


def _rank_and_tau(counts, key):
    from scipy import stats

    rate = counts["SGB2"] / counts["EW_U65"]
    series = rate.unstack("SR_NR").loc[STICHTAGE, key]
    ranks = {s: int((rate.loc[s] > rate.loc[(s, key)]).sum()) + 1 for s in STICHTAGE}
    return series, ranks, stats.kendalltau(np.arange(len(STICHTAGE)), series.to_numpy())


def test_designed_emerging_area_rises_into_the_cluster(counts, truth):
    case = truth["designed_trends"]["emerging"]
    key = case["SR_NR"]
    assert key in truth["hotspot"] and key not in truth["hotspot_2019"]
    assert key not in _reformed(truth)  # one series on one area
    series, ranks, tau = _rank_and_tau(counts, key)
    assert tau.statistic >= 0.8 and tau.pvalue < 0.05, series
    assert series.iloc[-1] > 2 * series.iloc[0]
    assert ranks[STICHTAGE[0]] > 8 and ranks[STICHTAGE[-1]] <= 5, ranks


def test_designed_recovering_area_leaves_the_cluster(counts, truth):
    case = truth["designed_trends"]["recovering"]
    key = case["SR_NR"]
    assert key in truth["hotspot_2019"] and key not in truth["hotspot"]
    assert key not in _reformed(truth)
    series, ranks, tau = _rank_and_tau(counts, key)
    assert tau.statistic <= -0.8 and tau.pvalue < 0.05, series
    assert ranks[STICHTAGE[0]] <= 5 and ranks[STICHTAGE[-1]] > 8, ranks
