"""Trend: Theil-Sen and the exact Mann-Kendall test against scipy and enumerated orderings."""

from __future__ import annotations

import itertools
from math import factorial

import numpy as np
import pandas as pd
import pytest
from scipy.stats import false_discovery_control, kendalltau, theilslopes

import sozialraum as sr
from sozialraum.errors import InputError
from sozialraum.monitoring import mann_kendall, panel_indicators
from sozialraum.monitoring.trends import years_between

YEARS = list(range(2019, 2025))


def by_hand(values):
    """Two-sided exact p: the share of all n! orderings with |S| >= |S observed|, loops only."""
    def s_of(v):
        n = len(v)
        return sum((v[j] > v[i]) - (v[j] < v[i]) for i in range(n) for j in range(i + 1, n))

    observed = abs(s_of(values))
    hits = total = 0
    for perm in itertools.permutations(values):
        total += 1
        hits += abs(s_of(perm)) >= observed
    return hits / total


def frame(rows, columns=YEARS):
    return pd.DataFrame(rows, index=pd.Index([f"{i:02d}" for i in range(len(rows))], name="SR"),
                        columns=columns, dtype=float)


@pytest.mark.parametrize("values", [[1, 3, 2, 4], [5, 1, 4, 2, 3], [1, 2, 3, 4, 6, 5],
                                    [6, 5, 4, 3, 2, 1], [2.5, 1.0, 9.0, 4.0, 3.5, 7.0, 8.0]])
def test_no_ties_equals_scipy_exact_and_enumeration(values):
    t = np.arange(len(values))
    got = mann_kendall(values)
    ref = kendalltau(t, values, method="exact")
    assert got["method"] == "exact"
    assert got["tau"] == pytest.approx(ref.statistic, abs=1e-12)
    assert got["p_value"] == pytest.approx(ref.pvalue, abs=1e-12)
    assert got["p_value"] == pytest.approx(by_hand(values), abs=1e-12)
    assert got["min_p"] == pytest.approx(2 / factorial(len(values)))


@pytest.mark.parametrize("values", [[1, 2, 2, 3], [1, 2, 2, 3, 4], [3, 3, 1, 1, 2, 5],
                                    [4, 4, 4, 5, 6, 7], [1, 1, 2, 2, 3, 3, 4]])
def test_ties_exact_by_enumeration_and_tau_b_as_scipy(values):
    got = mann_kendall(values)
    assert got["method"] == "exact_ties"
    assert got["p_value"] == pytest.approx(by_hand(values), abs=1e-12)
    assert got["tau"] == pytest.approx(kendalltau(np.arange(len(values)), values).statistic,
                                       abs=1e-12)
    # the smallest p reachable: a perfectly sorted series with the same ties
    assert got["min_p"] == pytest.approx(by_hand(sorted(values)), abs=1e-12)
    with pytest.raises(ValueError, match="Ties"):  # why we enumerate: scipy refuses
        kendalltau(np.arange(len(values)), values, method="exact")


def test_hand_counted_case_four_stichtage_with_a_tie():
    # 1, 2, 2, 3: S = 5 (pairs: 5 concordant, 1 tie); of the 24 orderings 4 give |S| = 5
    # (1 2 2 3 and 3 2 2 1, each twice for the two tied values): p = 4/24
    got = mann_kendall([1, 2, 2, 3])
    assert got["s"] == 5 and got["p_value"] == pytest.approx(4 / 24)


def test_many_stichtage_with_ties_use_scipy_asymptotic():
    values = [1, 2, 2, 3, 5, 4, 6, 8, 8, 9, 10]
    got = mann_kendall(values)
    ref = kendalltau(np.arange(11), values, method="asymptotic")
    assert got["method"] == "asymptotic" and got["p_value"] == pytest.approx(ref.pvalue)
    t = sr.trend(frame([values, list(range(11))], columns=list(range(2014, 2025))))
    assert t.values["method"].tolist() == ["asymptotic", "exact"]
    assert "Normalapproximation" in t.describe() and "(Anzahl: 1)" in t.describe()


def test_labels_and_small_n_honesty():
    v = frame([[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1], [1, 3, 2, 3, 2, 1], [5, 5, 5, 5, 5, 5],
               [1, 2, 3, 4, np.nan, np.nan]])
    t = sr.trend(v, correction="none")
    f = t.to_frame()
    assert f["label"].tolist() == ["steigend", "fallend", "kein klarer Trend",
                                   "kein klarer Trend", "zu wenige Stichtage für einen Trendtest"]
    assert t.to_frame("en")["label"].tolist()[-1] == "too few Stichtage for a trend test"
    assert f["n"].tolist() == [6, 6, 6, 6, 4]
    assert f.loc["04", "min_p"] == pytest.approx(1 / 12)
    assert f.loc["00", "p_value"] == pytest.approx(2 / 720)
    assert f.loc["00", "slope"] == 1.0 and f.loc["01", "slope"] == -1.0
    assert "2/n!" not in t.describe() and "0,0028" in t.describe()


def test_four_stichtage_can_never_show_a_trend():
    v = frame([[1, 2, 3, 4], [10, 20, 30, 400]], columns=[2021, 2022, 2023, 2024])
    f = sr.trend(v).to_frame()
    assert (f["direction"] == "too_few").all()
    assert f["p_value"].tolist() == pytest.approx([1 / 12, 1 / 12])


def test_theil_sen_equals_scipy_and_time_in_years():
    rng = np.random.default_rng(3)
    v = frame(rng.normal(10, 2, size=(8, 6)).round(1))
    f = sr.trend(v).to_frame()
    for key, row in v.iterrows():
        ref = theilslopes(row.to_numpy(), np.arange(6.0))
        assert f.loc[key, "slope"] == pytest.approx(ref.slope)
        assert f.loc[key, "slope_low"] == pytest.approx(ref.low_slope)
        assert f.loc[key, "slope_high"] == pytest.approx(ref.high_slope)
    # half-yearly Stichtage: time in days / 365.2425
    days = pd.to_datetime(["2023-06-30", "2023-12-31", "2024-06-30", "2024-12-31"])
    x = years_between(days)
    assert x[1] == pytest.approx(184 / 365.2425)
    assert x[3] == pytest.approx((366 + 184) / 365.2425)  # with 29.02.2024
    w = frame([[1.0, 2.0, 3.5, 4.0]], columns=days)
    ref = theilslopes([1.0, 2.0, 3.5, 4.0], x)
    assert sr.trend(w).values["slope"].iloc[0] == pytest.approx(ref.slope)


def test_fdr_equals_scipy():
    rng = np.random.default_rng(7)
    base = np.arange(6.0)
    rows = [base * s + rng.normal(0, 1, 6) for s in rng.uniform(-1, 1, 12)]
    f = sr.trend(frame(rows)).to_frame()
    np.testing.assert_allclose(f["p_adjusted"], false_discovery_control(f["p_value"]))
    none = sr.trend(frame(rows), correction="none").to_frame()
    assert (none["p_adjusted"] == none["p_value"]).all()


def test_long_panel_and_missing_values():
    p = sr.read_table(sr.datasets.get_path("musterstadt_statistik.csv"), key="SR_NR",
                      stichtag="all")
    rates = panel_indicators(p, ["SGB2_QUOTE", "ALTERSARMUT"])
    t = sr.trend(rates, "SGB2_QUOTE").to_frame()
    w = sr.monitoring.wide(rates, "SGB2_QUOTE")
    # every area of either Gebietsstand (the reform: some have only 3 Stichtage)
    assert list(t.index) == list(w.index) and t.index.name == "SR_NR"
    assert set(t.index) >= set(sr.datasets.musterstadt().index)
    assert (t["n"] == w.notna().sum(axis=1)).all()
    key = w.index[0]
    ref = theilslopes(w.loc[key].to_numpy(), np.arange(6.0))
    assert t.loc[key, "slope"] == pytest.approx(ref.slope)
    # a withheld value is left out of the series, not filled
    a = sr.trend(rates, "ALTERSARMUT").to_frame()
    aw = sr.monitoring.wide(rates, "ALTERSARMUT")
    assert (a["n"] == aw.notna().sum(axis=1)).all()


def test_bad_input_is_refused():
    with pytest.raises(InputError, match="Stichtage"):
        sr.trend(frame([[1, 2, 3]], columns=["a", "b", "c"]))
    with pytest.raises(InputError, match="time order"):
        sr.trend(frame([[1, 2, 3]], columns=[2024, 2023, 2022]))
    p = sr.read_table(sr.datasets.get_path("musterstadt_statistik.csv"), key="SR_NR",
                      stichtag="all")
    with pytest.raises(InputError, match="name the column"):
        sr.trend(p)
    with pytest.raises(InputError, match="DataFrame"):
        sr.trend([1, 2, 3])
