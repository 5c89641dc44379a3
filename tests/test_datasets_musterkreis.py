"""The demo region Musterkreis (boundaries/generate_kreis.py, datasets.musterkreis)."""

import importlib.util
import json
import sys

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

import sozialraum as sr
from sozialraum.datasets import get_path
from sozialraum.io.keys import check_ags, split_key

BOUNDARIES = get_path("musterkreis.gpkg").parent
GPKG = BOUNDARIES / "musterkreis.gpkg"
LAYERS = {"sozialraeume": "SR_ID", "gemeinden": "AGS", "kreis": "KREIS"}
AGES = ("U6", "6_14", "15_17", "18_64", "65U")


def _load_generator():
    sys.path.insert(0, str(BOUNDARIES))
    spec = importlib.util.spec_from_file_location("_musterkreis_generate",
                                                  BOUNDARIES / "generate_kreis.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def layers():
    return {n: gpd.read_file(GPKG, layer=n).set_index(k) for n, k in LAYERS.items()}


@pytest.fixture(scope="module")
def g():
    return sr.datasets.musterkreis()


@pytest.fixture(scope="module")
def truth():
    return sr.datasets.musterkreis_truth()


def test_regenerating_gives_the_same_content(tmp_path):
    gen = _load_generator()
    gen.write_all(tmp_path)
    for name in ("musterkreis_statistik.csv", "musterkreis_generator.json"):
        assert (tmp_path / name).read_bytes() == (BOUNDARIES / name).read_bytes(), name
    for name in LAYERS:
        new = pyogrio.read_dataframe(tmp_path / "musterkreis.gpkg", layer=name)
        old = pyogrio.read_dataframe(GPKG, layer=name)
        pd.testing.assert_frame_equal(new.drop(columns="geometry"), old.drop(columns="geometry"))
        assert list(shapely.to_wkb(new.geometry.to_numpy())) == list(
            shapely.to_wkb(old.geometry.to_numpy()))
    with pytest.raises(FileExistsError, match="--force"):
        gen.write_all(tmp_path)


def test_counts_of_municipalities_and_sozialraeume(g, truth, layers):
    # Musterstadt brings its Sozialräume valid at the region's Stichtage (after its reform)
    n_city = len(sr.datasets.musterstadt(stichtag=truth["stichtage"][0]))
    assert n_city == len(sr.datasets.musterstadt())
    per = g.groupby("AGS").size()
    assert per.to_dict() == {"03199001": n_city, "03199002": 20, "03199003": 16,
                             "03199004": 14, "03199005": 11, "03199006": 4}
    assert len(g) == per.sum() == truth["n_sozialraeume"]
    assert {a: v["n_sozialraeume"] for a, v in truth["gemeinden"].items()} == per.to_dict()
    assert len(layers["gemeinden"]) == 6 and list(layers["kreis"].index) == ["03199"]
    assert truth["rural"] == "03199006" and per[truth["rural"]] == 4
    assert truth["fiktiv"] and "fiktiv" in truth["name"]
    assert all("(fiktiv)" in n for n in layers["gemeinden"]["name"])


def test_keys_unique_combined_and_numbers_repeat(g, truth):
    assert g.index.name == "SR_ID" and g.index.is_unique
    assert g.index.dtype == object or str(g.index.dtype) in ("str", "string")
    ags, local = split_key(pd.Series(g.index, index=g.index))
    assert (ags == g["AGS"]).all() and (local == g["SR_NR"]).all()
    assert g["SR_NR"].duplicated().any()
    assert set(g.loc[g["SR_NR"] == "0101", "AGS"]) == set(truth["gemeinden"])
    assert truth["repeated_numbers"][0] == "0101"
    check_ags(g["AGS"], kreis="03199")  # valid, one Kreis, Land 03
    assert (g["AGS"].str[:2] == "03").all() and (g["KREIS"] == "03199").all()


def test_musterstadt_is_reused(g):
    ms = sr.datasets.musterstadt()
    part = g[g["AGS"] == "03199001"].set_index("SR_NR")
    assert sorted(part.index) == sorted(ms.index)
    for col in ("EW", "SGB2", "ALO", "HH_AE", "FLAECHE_HA"):
        assert part[col].reindex(ms.index).tolist() == ms[col].tolist(), col
    assert part["name"].reindex(ms.index).tolist() == ms["name"].tolist()
    diff = (part.geometry.reindex(ms.index).area - ms.geometry.area).abs()
    assert diff.max() < 1.0  # square metres: only vertices were added
    ms23 = sr.datasets.musterstadt(stichtag=2023)
    g23 = sr.datasets.musterkreis(stichtag=2023)
    assert int(g23.loc[g23["AGS"] == "03199001", "EW"].sum()) == int(ms23["EW"].sum())


def test_nesting_and_tiling(layers):
    s, gem, kreis = layers["sozialraeume"], layers["gemeinden"], layers["kreis"]
    assert shapely.coverage_is_valid(s.geometry.to_numpy())
    assert shapely.coverage_is_valid(gem.geometry.to_numpy())
    for key, row in s.iterrows():
        home = gem.geometry[row["AGS"]]
        # inside its own Gemeinde (up to centimetre noding), in no other
        assert row.geometry.difference(home).area < 1.0, key
        others = gem.drop(index=row["AGS"]).geometry
        assert (others.intersection(row.geometry).area < 1.0).all(), key
    for a, geom in gem.geometry.items():
        union = shapely.union_all(s.geometry[s["AGS"] == a].to_numpy())
        assert union.symmetric_difference(geom).area < 1.0, a
    k = kreis.geometry.iloc[0]
    assert abs(gem.geometry.area.sum() - k.area) < 1.0
    assert shapely.union_all(gem.geometry.to_numpy()).symmetric_difference(k).area < 1.0
    assert 600e6 < k.area < 900e6  # about 745 km²


def test_levels_sum_their_sozialraeume(g):
    gem = sr.datasets.musterkreis("gemeinden")
    hand = g.groupby("AGS")[["EW", "SGB2", "EW_U6_M_DEU"]].sum()
    for col in hand.columns:
        assert gem[col].reindex(hand.index).astype(int).tolist() == \
            hand[col].astype(int).tolist()
    kreis = sr.datasets.musterkreis("kreis")
    assert int(kreis["EW"].iloc[0]) == int(g["EW"].sum())
    assert 180_000 < int(g["EW"].sum()) < 230_000


def test_subgroup_margins_are_exact(g, truth):
    sub = truth["subgroups"]
    assert len(sub) == 20 and sub[0] == "EW_U6_M_DEU"
    table = g[sub].astype(int)
    assert (table.sum(axis=1) == g["EW"].astype(int)).all()
    for a in AGES:
        cols = [c for c in sub if c.startswith(f"EW_{a}_")]
        assert (table[cols].sum(axis=1) == g[f"EW_{a}"].astype(int)).all(), a
    men = [c for c in sub if "_M_" in c]
    assert (table[men].sum(axis=1) == g["EW_M"].astype(int)).all()
    ndeu = [c for c in sub if c.endswith("_NDEU")]
    assert (table[ndeu].sum(axis=1) == g["EW_NDEU"].astype(int)).all()


def test_counts_consistent_outside_musterstadt(g):
    o = g[g["AGS"] != "03199001"].astype({c: "int64" for c in ("EW", "EW_U65", "SGB2")})
    assert (o["SGB2"] <= o["EW_U65"]).all()
    assert (o["SGB2_U15"] <= o["EW_U15"]).all()
    assert (o["ALO"] == o["ALO_SGB2"] + o["ALO_SGB3"]).all()
    assert (o["HH_AE"] <= o["HH_KIND"]).all() and (o["HH_KIND"] <= o["HH"]).all()
    rate = o["SGB2"] / o["EW_U65"]
    assert 0.01 < rate.min() and rate.max() < 0.35
    assert (o["EW"] >= 800).all()  # planning-size Sozialräume
    area = o.geometry.area / 10_000
    np.testing.assert_allclose(o["FLAECHE_HA"].astype(float), area, atol=0.01)


def test_csv_is_delivered_like_a_statistics_office():
    raw = (BOUNDARIES / "musterkreis_statistik.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfStichtag;SR_ID;Merkmal;Wert\r\n")
    assert b"31.12.2024;03199006-0101;EW;" in raw
    truth = json.loads((BOUNDARIES / "musterkreis_generator.json").read_text("utf-8"))
    n_rows = 2 * truth["n_sozialraeume"] * (len(truth["merkmale"]) + len(truth["subgroups"]))
    assert raw.count(b"\r\n") == 1 + n_rows
    assert len(truth["subgroups"]) == 20
