"""Tests of :mod:`sozialraum.index.presets`.

Presets: Berlin MSS, IMD, SVI, NRW Sozialbericht on hand-built data and on the demo city.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import sozialraum as sr
from sozialraum.errors import ConfigError
from sozialraum.index import presets


def keyed(**cols):
    n = len(next(iter(cols.values())))
    return pd.DataFrame(cols, index=pd.Index([f"{i + 1:04d}" for i in range(n)], name="SR_NR"))


def target_z():
    """Known final z-values including the boundaries -1, +1, +1.5 (mean 0, population SD 1)."""
    fixed = [-1.0, 1.0, 1.5, -1.2, 0.3, -0.4, 1.7, -0.9999, 0.0, 0.0, 0.0, 0.0]
    n = len(fixed) + 2
    s, q = sum(fixed), sum(v * v for v in fixed)
    # the last two values a, b solve a + b = -s and a^2 + b^2 = n - q
    disc = math.sqrt(2 * (n - q) - s * s)
    a, b = (-s + disc) / 2, (-s - disc) / 2
    t = np.array(fixed + [a, b])
    assert abs(t.mean()) < 1e-12 and abs(t.std() - 1) < 1e-12
    return t


def test_mss_status_class_boundaries_exact():
    t = target_z()
    # three indicators that are different affine transforms of t: each z-value equals t, the
    # sum 3t standardised again equals t
    d = keyed(S1=10 + 2 * t, S3=5 + 0.5 * t, S4=30 + 7 * t, EW=[1000] * len(t))
    res = sr.composite_index(d, presets.berlin_mss_status(["S1", "S3", "S4"], population="EW"))
    np.testing.assert_allclose(res.score.to_numpy(), t, atol=1e-12)
    f = res.to_frame()
    expected = {
        -1.0: "mittel", 1.0: "mittel", 1.5: "niedrig", -1.2: "hoch", 0.3: "mittel",
        -0.4: "mittel", 1.7: "sehr niedrig", -0.9999: "mittel",
    }
    for i, (v, label) in enumerate(expected.items()):
        assert f["class"].iloc[i] == label, (v, f["score"].iloc[i])
    assert f["class_code"].iloc[:3].tolist() == ["2", "2", "3"]
    assert f["class_code"].iloc[6] == "4" and f["class_code"].iloc[3] == "1"
    assert res.to_frame("en")["class"].iloc[6] == "very low"
    assert f["rank"].iloc[6] == 1  # highest index = lowest status = rank 1


def test_mss_status_small_example_by_hand():
    # 5 areas (one under 300 inhabitants, excluded before standardising)
    d = keyed(S1=[2.0, 4.0, 6.0, 8.0, 50.0], S3=[10.0, 10.0, 20.0, 20.0, 90.0],
              S4=[5.0, 15.0, 10.0, 30.0, 99.0], EW=[1200, 800, 950, 400, 250])
    res = sr.composite_index(d, presets.berlin_mss_status(["S1", "S3", "S4"], population="EW"))
    # by hand over the first 4: S1 mean 5, sd sqrt(5); S3 mean 15, sd 5; S4 mean 15, sd sqrt(87.5)
    z1 = np.array([-3, -1, 1, 3]) / math.sqrt(5)
    z3 = np.array([-1.0, -1.0, 1.0, 1.0])
    z4 = np.array([-10, 0, -5, 15]) / math.sqrt(87.5)
    s = z1 + z3 + z4
    expected = (s - s.mean()) / s.std()
    np.testing.assert_allclose(res.score.iloc[:4].to_numpy(), expected)
    assert pd.isna(res.score.iloc[4])
    assert res.to_frame().loc["0005", "score__reason"] == "below_population"
    assert res.to_frame()["rank"].iloc[:4].tolist() == [4, 3, 2, 1]


def test_mss_dynamics_classes_and_combined_code():
    t = target_z()
    d = keyed(D1=t, D3=2 * t, D4=t - 3, S1=t, S3=t, S4=t, EW=[500] * len(t))
    dyn = sr.composite_index(d, presets.berlin_mss_dynamics(["D1", "D3", "D4"], population="EW"))
    f = dyn.to_frame()
    # -1 and +1 are "stabil"; +1.5 "negativ" (worsening), -1.2 "positiv"
    assert f["class"].iloc[:4].tolist() == ["stabil", "stabil", "negativ", "positiv"]
    assert f["class_code"].iloc[:4].tolist() == ["+/-", "+/-", "-", "+"]
    status = sr.composite_index(d, presets.berlin_mss_status(["S1", "S3", "S4"]))
    code = presets.mss_status_dynamics(status, dyn)
    assert code.iloc[:4].tolist() == ["2+/-", "2+/-", "3-", "1+"]
    assert code.iloc[6] == "4-"


def test_mss_combined_code_missing_for_excluded():
    d = keyed(S1=[1.0, 2.0, 3.0, 4.0], D1=[0.5, -0.2, 0.1, 0.3], EW=[400, 400, 400, 100])
    st = sr.composite_index(d, presets.berlin_mss_status(["S1"]))
    dy = sr.composite_index(d, presets.berlin_mss_dynamics(["D1"]))
    code = presets.mss_status_dynamics(st, dy)
    assert pd.isna(code.iloc[3])
    assert code.attrs["reasons"].iloc[3] == "below_population"


def test_presets_missing_reweight_and_default_raise():
    d = keyed(a=[1.0, np.nan, 3.0, 4.0, 2.0], b=[2.0, 1.0, 4.0, 3.0, 5.0],
              c=[1.0, 2.0, 3.0, 5.0, 4.0], EW=[500] * 5)
    res = sr.composite_index(d, presets.berlin_mss_status(["a", "b", "c"], missing="reweight"))
    assert res.reweighted.index.tolist() == ["0002"]
    zb = (np.array([2.0, 1.0, 4.0, 3.0, 5.0]) - 3) / math.sqrt(2)
    zc = (np.array([1.0, 2.0, 3.0, 5.0, 4.0]) - 3) / math.sqrt(2)
    za = (np.array([1.0, 3.0, 4.0, 2.0]) - 2.5) / math.sqrt(1.25)
    raw = np.array([(za[0] + zb[0] + zc[0]) / 3, (zb[1] + zc[1]) / 2,
                    (za[1] + zb[2] + zc[2]) / 3, (za[2] + zb[3] + zc[3]) / 3,
                    (za[3] + zb[4] + zc[4]) / 3])
    np.testing.assert_allclose(res.score.to_numpy(), (raw - raw.mean()) / raw.std())
    with pytest.raises(sr.MissingDataError, match="'0002' \\(a: missing\\)"):
        sr.composite_index(d, presets.berlin_mss_status(["a", "b", "c"]))  # the default


def test_mss_works_with_other_column_names():
    d = keyed(alo=[3.0, 5.0, 9.0, 4.0], trans=[8.0, 9.0, 20.0, 7.0], kinder=[10.0, 14.0, 40.0, 9.0],
              Einwohner=[900, 800, 700, 600])
    res = sr.composite_index(d, presets.berlin_mss_status(["alo", "trans", "kinder"],
                                                          population="Einwohner"))
    assert res.rank.tolist()[2] == 1


def test_imd_by_hand():
    d = keyed(inc=[10.0, 20.0, 30.0, 40.0], emp=[4.0, 3.0, 2.0, 1.0])
    spec = presets.imd({"Income": ["inc"], "Employment": ["emp"]},
                       weights={"Income": 3, "Employment": 1})
    res = sr.composite_index(d, spec)
    c = 1 - math.exp(-100 / 23)

    def exp_t(ranks):
        return np.array([-23 * math.log(1 - r / 4 * c) for r in ranks])

    expected = 0.75 * exp_t([1, 2, 3, 4]) + 0.25 * exp_t([4, 3, 2, 1])
    np.testing.assert_allclose(res.score.to_numpy(), expected)
    # 0.75 * (6.52, 15.65, 31.01, 100) + 0.25 * (100, 31.01, 15.65, 6.52): the exponential
    # transform lets the extreme employment deprivation of area 1 outweigh income rank 1
    assert res.rank.tolist() == [2, 4, 3, 1]
    assert spec.classes.k == 10 and res.to_frame()["class_code"].iloc[3] == "1"
    with pytest.raises(ConfigError, match="unknown domains"):
        presets.imd({"Income": ["inc"]}, weights={"Health": 1})


def test_svi_by_hand():
    d = keyed(a=[1.0, 2.0, 3.0, 4.0, 5.0], b=[5.0, 4.0, 3.0, 2.0, 1.0],
              c=[1.0, 1.0, 2.0, 9.0, 3.0])
    spec = presets.svi({"T1": ["a", "b"], "T2": ["c"]})
    res = sr.composite_index(d, spec)
    pa = np.array([0, 1, 2, 3, 4]) / 4
    pb = pa[::-1]
    pc = np.array([0, 0, 2, 4, 3]) / 4  # PERCENTRANK.INC with ties at the minimum rank
    np.testing.assert_allclose(res.normalised.to_numpy(), np.column_stack([pa, pb, pc]))
    t1_sum = pa + pb  # all 1.0 -> tie -> percentile 0 for every area
    np.testing.assert_allclose(res.subindices["T1"], np.zeros(5))
    assert t1_sum.std() == 0
    overall = pa + pb + pc  # 1, 1, 1.5, 2, 1.75 -> percentiles 0, 0, .5, 1, .75
    np.testing.assert_allclose(res.score.to_numpy(), [0, 0, 0.5, 1.0, 0.75])
    assert overall.argmax() == 3
    f = res.to_frame()
    assert f["class"].iloc[3] == "ab dem 90. Perzentil (hohe Vulnerabilität)"
    # flagged (percentile >= .9): b of area 1, c of area 4, a of area 5
    assert f["flags_total"].tolist() == [1, 0, 0, 1, 1]
    assert f["flag_c"].tolist() == [False, False, False, True, False]


def test_nrw_points_orientation_and_classes():
    rng = np.random.default_rng(3)
    base = np.linspace(-2, 2, 20)
    d = keyed(sgb=base + rng.normal(0, 0.05, 20), alo=base + rng.normal(0, 0.05, 20),
              bildung=-(base + rng.normal(0, 0.05, 20)), EW=[1000] * 20)
    spec = presets.nrw_sozialbericht({"Soziale Lage": ["sgb", "alo"], "Bildung": ["bildung"]},
                                     directions={"bildung": -1})
    res = sr.composite_index(d, spec)
    f = res.to_frame()
    # area 20 is the most deprived: rank 1, the lowest points, "weit unterdurchschnittlich"
    assert f["rank"].iloc[19] == 1 and f["score"].idxmin() == "0020"
    assert f["class"].iloc[19] == "weit unterdurchschnittlich"
    assert f["class"].iloc[0] == "weit überdurchschnittlich"
    # points = sum of the standardised sub-indices, positive = better living conditions
    np.testing.assert_allclose(f["score"], -(f["sub_Soziale Lage"] + f["sub_Bildung"]))
    assert set(f["class"].dropna()) <= set(spec.classes.class_labels())


def test_nrw_boundary_values_go_to_the_middle_class():
    t = target_z()
    d = keyed(a=t, EW=[1000] * len(t))
    spec = presets.nrw_sozialbericht({"x": ["a"]}, cuts=(-1.5, -1.0, 1.0, 1.5))
    f = sr.composite_index(d, spec).to_frame()
    # deprivation z: -1 -> "durchschnittlich", +1 -> "durchschnittlich", +1.5 -> "unter..."
    assert f["class"].iloc[:3].tolist() == ["durchschnittlich", "durchschnittlich",
                                            "unterdurchschnittlich"]


@pytest.fixture(scope="module")
def demo():
    g = sr.datasets.musterstadt(stichtag="31.12.2024")
    g0 = sr.datasets.musterstadt(stichtag="31.12.2022")
    return g, presets.mss_indicators(g, g0), sr.datasets.musterstadt_truth()


def test_demo_mss_status_and_dynamics(demo):
    g, data, truth = demo
    # 1103's suppressed rates: the demo city needs re-weighting (the default raises)
    st = sr.composite_index(
        data, presets.berlin_mss_status(["S1", "S3", "S4"], population="EW", missing="reweight")
    )
    # S3 = (SGB2 + GRUSI) / EW is suppressed where GRUSI is 1 or 2 (the rate would reveal
    # it), so D3 can be missing: by default an error naming the area, else re-weighted
    gaps = data.index[data[["D1", "D3", "D4"]].isna().any(axis=1) & (data["EW"] >= 300)]
    if len(gaps):
        with pytest.raises(sr.MissingDataError, match=f"'{gaps[0]}' \\(D"):
            sr.composite_index(data, presets.berlin_mss_dynamics(["D1", "D3", "D4"],
                                                                 missing="raise"))
    dy = sr.composite_index(
        data, presets.berlin_mss_dynamics(["D1", "D3", "D4"], missing="reweight")
    )
    for res, cols in ((st, ["S1", "S3", "S4"]), (dy, ["D1", "D3", "D4"])):
        n_missing = data[cols].isna().sum(axis=1)
        big = data["EW"] >= 300
        # one of three missing: re-weighted; two or more: excluded with the reason
        assert res.reweighted.index.tolist() == data.index[big & (n_missing == 1)].tolist()
        assert sorted(res.excluded.index) == sorted(data.index[~big | (n_missing > 1)])
    f = st.to_frame()
    industrial = truth["industrial"]
    assert g.loc[industrial, "EW"] < 300
    assert pd.isna(f.loc[industrial, "score"])
    assert f.loc[industrial, "score__reason"] == "below_population"
    top = f.sort_values("rank").index[:3].tolist()
    assert set(top) <= set(truth["hotspot"])
    assert set(truth["hotspot"]) <= set(f.sort_values("rank").index[:5])
    latent = pd.Series(truth["latent_deprivation"])
    ok = f["score"].notna()
    rho = f.loc[ok, "score"].rank().corr(latent[f.index[ok]].rank())
    assert rho > 0.85
    assert set(f["class"].dropna()) <= {"hoch", "mittel", "niedrig", "sehr niedrig"}
    code = presets.mss_status_dynamics(st, dy)
    assert code.dropna().str.fullmatch(r"[1-4](\+|-|\+/-)").all()
    assert pd.isna(code[industrial])


def test_demo_nrw_preset(demo):
    g, _, truth = demo
    rates = sr.compute_indicators(g, sr.indicators.standard_indicators()).join(g["EW"])
    spec = presets.nrw_sozialbericht(
        {"Armut": ["SGB2_QUOTE", "KINDERARMUT", "ALTERSARMUT", "WOHNGELD"],
         "Arbeit": ["ALO_QUOTE"], "Familie": ["ALLEINERZIEHENDE"]}, missing="reweight")
    assert spec.missing == "reweight" and spec.max_missing == 2  # a third of 6 indicators
    res = sr.composite_index(rates, spec)
    # areas with suppressed rates are re-weighted, the industrial area is excluded
    gaps = rates.index[rates[spec.columns].isna().any(axis=1) & (rates["EW"] >= 300)]
    assert res.reweighted.index.tolist() == gaps.tolist()
    assert res.excluded.index.tolist() == [truth["industrial"]]
    f = res.to_frame()
    top = f.sort_values("rank").index[:3].tolist()
    assert set(top) <= set(truth["hotspot"])
    worst = f.sort_values("rank")["class"].iloc[0]
    assert worst == "weit unterdurchschnittlich"
    assert "Geheimhaltung" in res.policy.description()


def test_demo_sensitivity(demo):
    _, data, truth = demo
    spec = presets.berlin_mss_status(["S1", "S3", "S4"], population="EW", missing="reweight")
    sens = sr.sensitivity_analysis(data, spec, runs=500, seed=1)
    t = sens.to_frame()
    included = sr.composite_index(data, spec).score.notna()
    assert t["median_rank"].notna().tolist() == included.tolist()
    best = t.sort_values("median_rank").index[:3].tolist()
    assert set(best) <= set(truth["hotspot"])
    assert t.loc["0401", "share_worst_class"] > 0.9
    ok = t["median_rank"].notna()
    assert (t.loc[ok, "rank_p05"] <= t.loc[ok, "rank_p95"]).all()
    assert sens.non_robust == t.index[t["robust"].eq(False).fillna(False)].tolist()
    assert sens.policy == spec.policy


def test_demo_sensitivity_of_themed_presets(demo):
    g, _, truth = demo
    rates = sr.compute_indicators(g, sr.indicators.standard_indicators()).join(g["EW"])
    themes = {"Armut": ["SGB2_QUOTE", "KINDERARMUT"], "Arbeit": ["ALO_QUOTE"],
              "Familie": ["ALLEINERZIEHENDE"]}
    for spec in (presets.nrw_sozialbericht(themes, missing="reweight"),
                 presets.imd(themes, population="EW", missing="reweight"),
                 presets.svi(themes, population="EW", missing="reweight")):
        sens = sr.sensitivity_analysis(rates, spec, runs=60, seed=4)
        t = sens.to_frame()
        included = sr.composite_index(rates, spec).score.notna()
        assert t["median_rank"].notna().tolist() == included.tolist() and included.sum() >= 20
        assert t.sort_values("median_rank").index[0] in truth["hotspot"]
        assert "theme" in sens.alternatives["weightings"]


def test_docs_examples_run():
    """Every python block of docs/index.md runs (in order, sharing one namespace)."""
    import pathlib
    import re

    docs = pathlib.Path(__file__).resolve().parents[2] / "docs"
    text = (docs / "index.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 8
    ns: dict = {"print": lambda *a, **k: None}
    for block in blocks:
        exec(compile(block, "docs/index.md", "exec"), ns)  # noqa: S102
    assert ns["status"].rank.notna().sum() >= 20
    assert ns["pub"].n_secondary > 0


def test_preset_errors_speak_german_and_english():
    with pytest.raises(ConfigError) as info:
        presets.nrw_sozialbericht({"x": ["a"]}, cuts=(-1.0, 1.0))
    assert info.value.message("de") == (
        "nrw_sozialbericht: 4 Klassengrenzen nötig. Angegeben ist (-1.0, 1.0)."
    )
    assert str(info.value) == (
        "nrw_sozialbericht: 4 cut points needed. (-1.0, 1.0) was given instead."
    )
    with pytest.raises(ConfigError) as info:
        presets.imd({})
    assert info.value.message("de") == "imd: mindestens eine Domäne {Name: [Spalten]} angeben."
    assert str(info.value) == "imd: give at least one domain {name: [columns]}."
    with pytest.raises(ConfigError) as info:
        presets.svi({})
    assert info.value.message("de") == "svi: mindestens ein Thema {Name: [Spalten]} angeben."


def test_population_threshold_is_never_skipped_silently():
    d = pd.DataFrame({"S1": [1.0, 2.0, 3.0], "S3": [2.0, 1.0, 3.0], "S4": [3.0, 1.0, 2.0]},
                     index=["a", "b", "c"])
    # the MSS excludes areas under 300 inhabitants: without a population column it cannot
    with pytest.raises(ConfigError, match="population") as info:
        presets.berlin_mss_status(["S1", "S3", "S4"], population=None)
    assert "min_population=0" in str(info.value)
    assert "Einwohnerspalte" in info.value.message("de")
    with pytest.raises(ConfigError, match="population"):
        presets.berlin_mss_dynamics(["S1", "S3", "S4"], population=None)
    with pytest.raises(ConfigError, match="population"):
        presets.nrw_sozialbericht({"A": ["S1"], "B": ["S3", "S4"]}, population=None)
    # an explicit threshold needs a column, also in a bare IndexSpec
    with pytest.raises(ConfigError, match="population"):
        sr.IndexSpec(["S1", "S3"], min_population=300)
    # deliberately without the rule: min_population=0
    spec = presets.berlin_mss_status(["S1", "S3", "S4"], population=None, min_population=0)
    assert sr.composite_index(d, spec).n_included == 3

