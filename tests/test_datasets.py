"""Tests of :mod:`sozialraum.datasets` on the shipped Musterstadt files.

The reference values come from reading the CSV with the standard library
(``csv`` module, a few lines below), independently of ``read_table``, and
from the generator's ground truth JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections import defaultdict

import pandas as pd
import pytest

import sozialraum as sr
from sozialraum import datasets

DATA_FILES = (
    "musterstadt.gpkg",
    "musterstadt_statistik.csv",
    "musterstadt_statistik.xlsx",
    "musterstadt_generator.json",
)


@pytest.fixture(scope="module")
def raw_csv():
    """{(Stichtag text, SR_NR, Merkmal): Wert text}, read with the csv module only."""
    path = datasets.get_path("musterstadt_statistik.csv")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    return {(r["Stichtag"], r["SR_NR"], r["Merkmal"]): r["Wert"] for r in rows}


def _number(text):
    return 0 if text == "-" else float(text.replace(",", ".")) if "," in text else int(text)


def test_get_path_and_typos():
    for name in DATA_FILES:
        path = datasets.get_path(name)
        assert path.is_file() and path.name == name
    pattern = r"'musterstadt.gpgk'.*Did you mean 'musterstadt.gpkg'"
    with pytest.raises(sr.ConfigError, match=pattern):
        datasets.get_path("musterstadt.gpgk")


def test_stichtage_match_the_files(raw_csv):
    in_csv = sorted({dt.datetime.strptime(s, "%d.%m.%Y").date() for s, _, _ in raw_csv})
    assert list(datasets.STICHTAGE) == in_csv
    assert datasets.STICHTAGE[-1] == dt.date(2024, 12, 31) and len(datasets.STICHTAGE) == 6
    truth = datasets.musterstadt_truth()
    assert [d.strftime("%d.%m.%Y") for d in datasets.STICHTAGE] == truth["stichtage"]


def test_default_is_latest_sozialraeume(raw_csv):
    g = sr.datasets.musterstadt()
    keys = sorted({k for s, k, _ in raw_csv if s == "31.12.2024"})
    assert list(g.index) == keys and g.index.name == "SR_NR"
    assert all(len(k) == 4 and k.isdigit() for k in g.index)  # leading zeros kept
    assert g.crs.to_epsg() == 25832
    assert (g["Stichtag"] == pd.Timestamp("2024-12-31")).all()
    assert {"name", "ST_NR", "SB_NR"} <= set(g.columns)
    assert (g["ST_NR"] == g.index.str[:2]).all()
    assert str(g["EW"].dtype) == "Int64" and g["FLAECHE_HA"].dtype == "float64"
    merkmale = sorted({m for _, _, m in raw_csv})
    assert set(merkmale) <= set(g.columns)
    # every value equals the CSV cell; '-' is 0 with the reason true_zero
    for (stichtag, key, merkmal), wert in raw_csv.items():
        if stichtag != "31.12.2024":
            continue
        value = g.at[key, merkmal]
        if merkmal == "FLAECHE_HA":
            assert value == pytest.approx(_number(wert))
        else:
            assert value == _number(wert)
        if wert == "-":
            assert g.at[key, f"{merkmal}__reason"] == "true_zero"


def test_stichtag_spellings(raw_csv):
    ref = sr.datasets.musterstadt(stichtag="31.12.2022")
    for same in ("2022-12-31", 2022, dt.date(2022, 12, 31)):
        pd.testing.assert_frame_equal(sr.datasets.musterstadt(stichtag=same), ref)
    assert (ref["Stichtag"] == pd.Timestamp("2022-12-31")).all()
    assert ref.at["0101", "EW"] == _number(raw_csv[("31.12.2022", "0101", "EW")])
    with pytest.raises(sr.ConfigError, match=r"no statistics for 31\.12\.2018.*'31\.12\.2019'"):
        sr.datasets.musterstadt(stichtag=2018)
    with pytest.raises(sr.ConfigError, match=r"'level'.*Did you mean 'stadtteile'"):
        sr.datasets.musterstadt(level="stadtteil")


def test_each_stichtag_on_its_gebietsstand(raw_csv):
    """Before the reform the Sozialräume of the old layer, from it on the current ones;
    the validity as the ground truth records it; higher levels sum either version."""
    truth = datasets.musterstadt_truth()
    valid = truth["reform"]["gebietsstaende"]
    assert {k: v.strftime("%d.%m.%Y") for k, v in datasets.GEBIETSSTAENDE.items()} == {
        k: v["gueltig_ab"] for k, v in valid.items()}
    path = datasets.get_path("musterstadt.gpkg")
    for stichtag in truth["stichtage"]:
        layer = datasets.gebietsstand(stichtag)
        v = valid[layer]
        day = dt.datetime.strptime(stichtag, "%d.%m.%Y").date()
        assert dt.datetime.strptime(v["gueltig_ab"], "%d.%m.%Y").date() <= day
        if v["gueltig_bis"] is not None:
            assert day <= dt.datetime.strptime(v["gueltig_bis"], "%d.%m.%Y").date()
        g = sr.datasets.musterstadt(stichtag=stichtag)
        assert list(g.index) == sorted({k for s, k, _ in raw_csv if s == stichtag})
        b = sr.read_boundaries(path, layer=layer, key="SR_NR")
        assert list(b.index) == list(g.index)
        assert g.geometry.geom_equals_exact(b.geometry.loc[g.index], 0).all()
        st = sr.datasets.musterstadt("stadtteile", stichtag=stichtag)
        expected = defaultdict(int)
        for (s, key, merkmal), wert in raw_csv.items():
            if s == stichtag and merkmal == "EW":
                expected[key[:2]] += _number(wert)
        assert st["EW"].astype(int).to_dict() == dict(expected)
    (old, new), = truth["reform"]["split"].items()
    assert old in sr.datasets.musterstadt(stichtag=2021).index
    latest = sr.datasets.musterstadt().index
    assert old not in latest and set(new) <= set(latest)


def test_stichtag_error_speaks_german_and_english():
    with pytest.raises(sr.ConfigError) as info:
        sr.datasets.musterstadt(stichtag=2018)
    assert info.value.message("de").startswith(
        "Für die Demostadt gibt es keine Statistik zum 31.12.2018. Stichtage: '31.12.2019'"
    )
    assert str(info.value).startswith("The demo city has no statistics for 31.12.2018.")


@pytest.mark.parametrize(
    ("level", "key", "parent"),
    [("stadtteile", "ST_NR", "ST_NR"), ("stadtbezirke", "SB_NR", "SB_NR"), ("stadt", "AGS", None)],
)
def test_higher_levels_sum_their_sozialraeume(raw_csv, level, key, parent):
    sozialraeume = sr.datasets.musterstadt()
    g = sr.datasets.musterstadt(level=level)
    assert g.index.name == key and pd.api.types.is_string_dtype(g.index.dtype)
    groups = sozialraeume[parent] if parent else pd.Series(g.index[0], index=sozialraeume.index)
    assert set(groups) == set(g.index)
    # reference: sums of the raw CSV cells per parent key
    expected = defaultdict(float)
    for (stichtag, sr_key, merkmal), wert in raw_csv.items():
        if stichtag == "31.12.2024":
            expected[(groups[sr_key], merkmal)] += _number(wert)
    for (parent_key, merkmal), total in expected.items():
        assert g.at[parent_key, merkmal] == pytest.approx(total), (parent_key, merkmal)
    assert str(g["EW"].dtype) == "Int64"
    # reasons: a parent is a true zero only if all its children are
    for column in [c for c in g.columns if c.endswith("__reason")]:
        merkmal = column.removesuffix("__reason")
        for parent_key, reason in g[column].items():
            kids = [k for k in sozialraeume.index if groups[k] == parent_key]
            all_zero = all(raw_csv[("31.12.2024", k, merkmal)] == "-" for k in kids)
            assert (reason == "true_zero") == all_zero


def test_city_total_matches_generator_truth():
    truth = datasets.musterstadt_truth()
    for stichtag, total in truth["ew_total"].items():
        city = sr.datasets.musterstadt(level="stadt", stichtag=stichtag)
        assert list(city.index) == [truth["ags"]]
        assert int(city["EW"].iloc[0]) == total
    assert truth["island"] in sr.datasets.musterstadt().index


def test_results_are_fresh_copies():
    g = sr.datasets.musterstadt()
    g.loc["0101", "EW"] = -1
    del g["name"]
    again = sr.datasets.musterstadt()
    assert again.loc["0101", "EW"] != -1 and "name" in again.columns
    truth = datasets.musterstadt_truth()
    truth["seed"] = None
    assert datasets.musterstadt_truth()["seed"] is not None


def test_xlsx_and_csv_agree_and_files_are_untouched():
    digests = {n: hashlib.sha256(datasets.get_path(n).read_bytes()).hexdigest() for n in DATA_FILES}
    csv_2024 = sr.read_table(datasets.get_path("musterstadt_statistik.csv"), stichtag=2024)
    xlsx_2024 = sr.read_table(datasets.get_path("musterstadt_statistik.xlsx"), sheet="31.12.2024")
    shared = [c for c in xlsx_2024.columns if c in csv_2024.columns]
    assert len(shared) >= 30
    pd.testing.assert_frame_equal(xlsx_2024[shared], csv_2024[shared])
    for level in datasets.LEVELS:
        sr.datasets.musterstadt(level=level)
    after = {n: hashlib.sha256(datasets.get_path(n).read_bytes()).hexdigest() for n in DATA_FILES}
    assert after == digests


def test_quickstart_notebook_runs_top_to_bottom(tmp_path, monkeypatch):
    """The code cells of notebooks/01 run in order with only the package (no outputs stored)."""
    import json
    from pathlib import Path

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(__file__).resolve().parents[1] / "notebooks" / "01_laden_und_verknuepfen.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for i, cell in enumerate(code):
        exec(compile("".join(cell["source"]), f"cell {i}", "exec"), namespace)
    plt.close("all")
    assert namespace["bericht"].complete
    assert namespace["bericht_kaputt"].near_matches  # the demonstrated problem is reported
    assert namespace["bericht_repariert"].complete
    assert re.search(r"und \d+ weitere", namespace["bericht_kaputt"].summary())


def test_sum_children_reasons_by_hand():
    """Aggregation rule on a hand-made frame: missing child -> missing sum with its reason;
    all children true zeros -> true zero; mixed -> plain number without reason."""
    from sozialraum.io.cells import REASON_DTYPE

    counts = pd.DataFrame(
        {
            "A": pd.array([0, 0, 0, 5, 7], dtype="Int64"),
            "B": pd.array([1, None, 2, None, 4], dtype="Int64"),
            "A__reason": pd.Categorical(
                ["true_zero", "true_zero", "true_zero", None, None], dtype=REASON_DTYPE
            ),
            "B__reason": pd.Categorical(
                [None, "not_delivered", None, "secret", None], dtype=REASON_DTYPE
            ),
        },
        index=pd.Index(["0101", "0102", "0201", "0202", "0203"], name="SR_NR"),
    )
    parent = pd.Series(["01", "01", "02", "02", "02"], index=counts.index)
    out = datasets._sum_children(counts, parent)
    assert list(out.index) == ["01", "02"]
    assert out["A"].tolist() == [0, 12]
    assert [None if pd.isna(r) else r for r in out["A__reason"]] == ["true_zero", None]
    assert out["B"].isna().tolist() == [True, True]
    assert out["B__reason"].tolist() == ["not_delivered", "secret"]
    assert str(out["A"].dtype) == "Int64"



def test_stichtag_all_is_the_panel_of_every_stichtag_on_its_own_boundaries():
    """Issue 13's contract: ``musterstadt(level=..., stichtag="all")`` is the long panel
    (key, Stichtag) of ``read_table(..., stichtag="all")``, with each Stichtag's geometry."""
    panel = sr.datasets.musterstadt(level="sozialraeume", stichtag="all")
    assert list(panel.index.names) == ["SR_NR", "Stichtag"]
    assert panel.crs.to_epsg() == 25832
    raw = sr.read_table(sr.datasets.get_path("musterstadt_statistik.csv"), key="SR_NR",
                        stichtag="all")
    # the same keys per Stichtag as the delivered table, and the same counts
    assert sorted(panel.index) == sorted(raw.index)
    assert (panel["EW"].astype("Int64") == raw.loc[panel.index, "EW"].astype("Int64")).all()
    for day in sr.datasets.STICHTAGE:
        one = sr.datasets.musterstadt(stichtag=day)
        rows = panel.xs(pd.Timestamp(day), level="Stichtag")
        assert list(rows.index) == list(one.index)
        assert rows.geometry.geom_equals(one.geometry).all()
    # the rates per Stichtag equal the single-Stichtag computation
    rates = sr.panel_indicators(panel.drop(columns="geometry"), ["SGB2_QUOTE"])
    last = sr.datasets.STICHTAGE[-1]
    one = sr.compute_indicators(sr.datasets.musterstadt(stichtag=last),
                                sr.indicators.standard_indicators("SGB2_QUOTE"))
    got = rates.xs(pd.Timestamp(last), level="Stichtag")["SGB2_QUOTE"]
    pd.testing.assert_series_equal(got.astype(float), one["SGB2_QUOTE"].astype(float),
                                   check_names=False)
    kreis = sr.datasets.musterkreis(stichtag="all")
    assert list(kreis.index.names) == ["SR_ID", "Stichtag"]
    assert len(kreis) == sum(len(sr.datasets.musterkreis(stichtag=d))
                             for d in sr.datasets.KREIS_STICHTAGE)
