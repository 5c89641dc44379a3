"""Tests of :mod:`sozialraum.indicators.rates`.

Indicators from counts: rates, reasons, aggregation, smoothing, change over time.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sozialraum as sr
from sozialraum.errors import ColumnError, ConfigError, InputError, MissingDataError
from sozialraum.indicators import (
    MUSTERSTADT_CONSTRAINTS,
    STANDARD,
    Indicator,
    aggregate,
    compute_indicators,
    rate_change,
    smooth_rates,
    standard_indicators,
    suppress,
)
from sozialraum.io.cells import REASON_DTYPE, Reason, reason_column


def test_rates_of_secondary_suppressed_counts_are_suppressed(demo_counts):
    pub = suppress(demo_counts, hierarchy=["ST_NR", "SB_NR"], constraints=MUSTERSTADT_CONSTRAINTS)
    published = pub.to_frame()
    rates = sr.compute_indicators(published, ["S1", "S3", "S4", "ALTERSARMUT", "SPRACHFOERDERUNG"])
    for ind in ("S1", "S3", "S4", "ALTERSARMUT", "SPRACHFOERDERUNG"):
        num = sr.indicators.STANDARD[ind].numerator_columns
        for k in published.index:
            rs = {published.loc[k, reason_column(c)] for c in num if reason_column(c) in published}
            if Reason.SUPPRESSED_SECONDARY.value in rs or Reason.SUPPRESSED.value in rs:
                assert pd.isna(rates.loc[k, ind])
                assert rates.loc[k, reason_column(ind)] in ("suppressed", "suppressed_secondary")


def test_aggregate_refuses_a_table_of_rates():
    g = sr.datasets.musterstadt()
    rates = sr.compute_indicators(g, sr.indicators.standard_indicators("S1")).join(g[["ST_NR"]])
    with pytest.raises(sr.InputError, match="no count columns"):
        sr.aggregate(rates, "ST_NR")


def counts(**cols):
    keys = [f"01{i + 1:02d}" for i in range(len(next(iter(cols.values()))))]
    return pd.DataFrame({k: pd.array(v, dtype="Int64") for k, v in cols.items()},
                        index=pd.Index(keys, name="SR_NR"))


def test_indicator_validation_and_normalisation():
    i = Indicator("T", ["SGB2", "GRUSI"], "EW", label="Transfer", theme="Armut")
    assert i.numerator == ("SGB2", "GRUSI") and i.denominator == "EW"
    assert i.numerator_columns == ("SGB2", "GRUSI") and i.denominator_columns == ("EW",)
    with pytest.raises(ConfigError, match="Did you mean 'Arbeit'"):
        Indicator("X", "A", "B", theme="Arbiet")
    with pytest.raises(ConfigError, match="direction"):
        Indicator("X", "A", "B", direction=2)
    with pytest.raises(ConfigError, match="scale"):
        Indicator("X", "A", "B", scale=0)
    with pytest.raises(ConfigError, match="Did you mean 'S1'"):
        standard_indicators("S11")


def test_rates_by_hand_with_scale_sum_and_reasons():
    c = counts(SGB2=[120, 30, 2, 0, 5], GRUSI=[30, 0, 0, 0, 1], EW=[1000, 500, 300, 0, 40])
    inds = [Indicator("T", ("SGB2", "GRUSI"), "EW", theme="Armut"),
            Indicator("P1000", "SGB2", "EW", scale=1000, unit="je 1.000", theme="Armut")]
    r = compute_indicators(c, inds)
    # (120 + 30) / 1000 * 100 = 15 ; 30 / 500 * 100 = 6 ; 2 / 300: numerator 2 -> suppressed
    assert r["T"].iloc[:2].tolist() == [15.0, 6.0]
    assert r["T__reason"].tolist()[2:4] == ["suppressed", "not_meaningful"]
    assert r["P1000"].iloc[0] == pytest.approx(120.0) and r["P1000"].iloc[1] == pytest.approx(60)
    assert r["P1000__reason"].iloc[2] == "suppressed"
    assert r.attrs["policy"] == sr.ConfidentialityPolicy()
    # area 5: the sum 5 + 1 = 6 is not small, but the part GRUSI = 1 is: rate x EW - SGB2 would
    # reveal it, so the rate of the summed numerator is suppressed; the SGB2-only rate is not
    assert r["T__reason"].iloc[4] == "suppressed"
    assert r["P1000"].iloc[4] == pytest.approx(125.0)
    off = compute_indicators(c, inds, policy=sr.ConfidentialityPolicy.disabled())
    assert off["T"].iloc[2] == pytest.approx(2 / 300 * 100)


def test_reasons_propagate_from_counts():
    c = counts(SGB2=[None, 10, 0], EW_U65=[100, None, 50])
    c["SGB2__reason"] = pd.Categorical(["secret", None, "true_zero"], dtype=REASON_DTYPE)
    r = compute_indicators(c, ["SGB2_QUOTE"])
    assert r["SGB2_QUOTE__reason"].tolist()[:2] == ["secret", "not_delivered"]
    # a true zero gives a valid rate of 0 without a reason
    assert r["SGB2_QUOTE"].iloc[2] == 0.0 and pd.isna(r["SGB2_QUOTE__reason"].iloc[2])


def test_population_threshold_in_rates():
    c = counts(SGB2=[50, 20], EW_U65=[800, 250], EW=[1000, 299])
    r = compute_indicators(c, ["SGB2_QUOTE"], population="EW")
    assert r["SGB2_QUOTE"].iloc[0] == pytest.approx(6.25)
    assert r["SGB2_QUOTE__reason"].iloc[1] == Reason.BELOW_POPULATION.value


def test_missing_column_error_lists_available():
    c = counts(SGB2=[1])
    with pytest.raises(ColumnError, match="'EW_U65'"):
        compute_indicators(c, ["SGB2_QUOTE"])


def test_standard_catalogue_on_demo_city():
    g = sr.datasets.musterstadt(stichtag="31.12.2024")
    r = compute_indicators(g, standard_indicators(), policy=sr.ConfidentialityPolicy.disabled())
    for code, ind in STANDARD.items():
        num = sum(g[c].astype(float) for c in ind.numerator_columns)
        den = sum(g[c].astype(float) for c in ind.denominator_columns)
        expected = (num / den * ind.scale).where(den > 0)
        np.testing.assert_allclose(r[code].to_numpy(), expected.to_numpy(), rtol=1e-12)
    # spot check against the raw CSV (independent of the dataset loader)
    raw = pd.read_csv(sr.datasets.get_path("musterstadt_statistik.csv"), sep=";",
                      encoding="utf-8-sig", dtype=str)
    raw = raw[raw["Stichtag"] == "31.12.2024"].set_index(["SR_NR", "Merkmal"])["Wert"]

    def val(k, m):
        v = raw.loc[(k, m)]
        return 0.0 if v.strip() == "-" else float(v.replace(",", "."))

    k = "0401"
    assert r.loc[k, "S4"] == pytest.approx(val(k, "SGB2_U15") / val(k, "EW_U15") * 100)
    assert r.loc[k, "S3"] == pytest.approx((val(k, "SGB2") + val(k, "GRUSI")) / val(k, "EW") * 100)


def test_aggregate_sums_counts_and_rates_are_recomputed_not_averaged():
    c = counts(SGB2=[10, 90], EW_U65=[100, 900])
    c["ST_NR"] = ["01", "01"]
    agg = aggregate(c, "ST_NR")
    assert agg.index.name == "ST_NR"
    assert agg["SGB2"].tolist() == [100] and agg["EW_U65"].tolist() == [1000]
    rate = compute_indicators(agg, ["SGB2_QUOTE"])["SGB2_QUOTE"].iloc[0]
    assert rate == pytest.approx(10.0)  # 100 / 1000; the mean of the rates (10 %, 10 %) agrees
    c2 = counts(SGB2=[10, 10], EW_U65=[100, 900])
    c2["ST_NR"] = ["01", "01"]
    r2 = compute_indicators(aggregate(c2, "ST_NR"), ["SGB2_QUOTE"])["SGB2_QUOTE"].iloc[0]
    assert r2 == pytest.approx(2.0)  # 20 / 1000, not the mean of 10 % and 1.11 %


def test_aggregate_missing_propagates_with_reason_and_mapping_forms():
    c = counts(X=[1, None, 5], Y=[1, 2, 3])
    c["X__reason"] = pd.Categorical([None, "secret", None], dtype=REASON_DTYPE)
    agg = aggregate(c, {"0101": "A", "0102": "A", "0103": "B"}, name="grp")
    assert agg.index.tolist() == ["A", "B"] and agg.index.name == "grp"
    assert pd.isna(agg.loc["A", "X"]) and agg.loc["A", "X__reason"] == "secret"
    assert agg.loc["B", "X"] == 5 and agg["Y"].tolist() == [3, 3]
    with pytest.raises(sr.InputError, match="without a parent"):
        aggregate(c, {"0101": "A"})


def test_aggregate_matches_dataset_higher_levels():
    """Independent reference: the dataset loader's Stadtteil level sums the children."""
    g = sr.datasets.musterstadt(stichtag="31.12.2024")
    st_level = sr.datasets.musterstadt(level="stadtteile", stichtag="31.12.2024")
    agg = aggregate(g, "ST_NR", columns=["EW", "SGB2", "ALO", "HH_AE"])
    for c in ["EW", "SGB2", "ALO", "HH_AE"]:
        assert agg[c].astype(int).tolist() == st_level.loc[agg.index, c].astype(int).tolist()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 3)), min_size=1, max_size=30))
def test_counts_conserved_under_aggregation(rows):
    vals = [v for v, _ in rows]
    parents = [f"P{p}" for _, p in rows]
    c = pd.DataFrame({"X": pd.array(vals, dtype="Int64"), "grp": parents},
                     index=pd.Index([f"{i:04d}" for i in range(len(rows))], name="SR_NR"))
    agg = aggregate(c, "grp")
    assert int(agg["X"].sum()) == sum(vals)
    for p in set(parents):
        assert agg.loc[p, "X"] == sum(v for v, q in rows if q == int(p[1:]))


def test_global_empirical_bayes_by_hand():
    e = pd.Series([2.0, 30.0, 5.0, 50.0], index=list("abcd"))
    n = pd.Series([20.0, 100.0, 100.0, 200.0], index=list("abcd"))
    # by hand: b = 87 / 420; rates .1 .3 .05 .25
    b = 87 / 420
    r = np.array([0.1, 0.3, 0.05, 0.25])
    s2 = (20 * (0.1 - b) ** 2 + 100 * (0.3 - b) ** 2 + 100 * (0.05 - b) ** 2
          + 200 * (0.25 - b) ** 2) / 420
    a = s2 - b / 105
    w = a / (a + b / np.array([20, 100, 100, 200]))
    expected = w * r + (1 - w) * b
    got = smooth_rates(e, n)
    np.testing.assert_allclose(got.to_numpy(), expected, rtol=1e-12)
    assert a > 0 and got["a"] > 0.1  # the small area's low rate moves up towards b
    with pytest.raises(MissingDataError, match="'c'"):
        smooth_rates(e, n.where(n.index != "c", 0))


def test_spatial_empirical_bayes_by_hand():
    from libpysal.graph import Graph

    keys = ["a", "b", "c"]
    g = Graph.from_dicts({"a": {"b": 1.0}, "b": {"a": 1.0, "c": 1.0}, "c": {"b": 1.0}})
    e = pd.Series([1.0, 10.0, 20.0], index=keys)
    n = pd.Series([10.0, 100.0, 100.0], index=keys)
    rate = e / n
    nb = {"a": ["a", "b"], "b": ["a", "b", "c"], "c": ["b", "c"]}
    expected = []
    for k in keys:
        ks = nb[k]
        m = e[ks].sum() / n[ks].sum()
        var = (n[ks] * (rate[ks] - m) ** 2).sum() / n[ks].sum() - m / (n[ks].sum() / len(ks))
        var = max(var, 0.0)
        expected.append(m + (rate[k] - m) * var / (var + m / n[k]))
    got = smooth_rates(e, n, method="spatial", graph=g)
    np.testing.assert_allclose(got.to_numpy(), expected, rtol=1e-10)
    with pytest.raises(ConfigError, match="graph"):
        smooth_rates(e, n, method="spatial")


def test_compute_indicators_with_smoothing_is_scaled():
    c = counts(SGB2=[2, 30, 5, 50], EW_U65=[20, 100, 100, 200])
    r = compute_indicators(c, ["SGB2_QUOTE"], smoothing="global",
                           policy=sr.ConfidentialityPolicy.disabled())
    np.testing.assert_allclose(
        r["SGB2_QUOTE"].to_numpy(),
        smooth_rates(pd.Series([2, 30, 5, 50]), pd.Series([20, 100, 100, 200])).to_numpy() * 100)


def test_rate_change_in_percentage_points_with_reasons():
    later = pd.DataFrame({"S1": [10.0, np.nan, 4.0]}, index=["a", "b", "c"])
    later["S1__reason"] = pd.Categorical([None, "suppressed", None], dtype=REASON_DTYPE)
    earlier = pd.DataFrame({"S1": [8.5, 3.0, 5.0]}, index=["a", "b", "d"])
    ch = rate_change(later, earlier, prefix="D")
    assert ch.loc["a", "DS1"] == pytest.approx(1.5)
    assert ch.loc["b", "DS1__reason"] == "suppressed"
    assert ch.loc["c", "DS1__reason"] == "not_delivered" and ch.loc["d", "DS1__reason"] == \
        "not_delivered"


def test_input_not_modified():
    c = counts(SGB2=[120, 2], EW_U65=[1000, 40])
    before = c.copy()
    compute_indicators(c, ["SGB2_QUOTE"])
    aggregate(c, {"0101": "x", "0102": "x"})
    pd.testing.assert_frame_equal(c, before)


def test_indicator_errors_speak_german_and_english():
    c = counts(SGB2=[1, 2], EW=[10, 20])
    ind = Indicator("Q", ["SGB2", "ALG"], "EW")
    with pytest.raises(ColumnError) as info:
        compute_indicators(c, [ind])
    de, en = info.value.message("de"), str(info.value)
    assert "Spalten fehlen in den Daten: 'ALG'. Vorhanden: 'SGB2', 'EW'." in de
    assert "columns not in the data: 'ALG'. Available: 'SGB2', 'EW'." in en
    with pytest.raises(MissingDataError) as info:
        smooth_rates(pd.Series([1, 2, 3]), pd.Series([10, 0, 30]))
    assert info.value.message("de") == (
        "smooth_rates: die Glättung braucht vollständige Fallzahlen und Einwohnerzahlen > 0; "
        "nicht gegeben für 1."
    )
    assert str(info.value).startswith("smooth_rates: smoothing needs complete counts")
    with pytest.raises(ConfigError) as info:
        Indicator("X", "A", "B", direction=2)
    assert info.value.message("de") == (
        "Indikator 'X': 'direction' muss 1 oder -1 sein, angegeben war 2."
    )
    assert str(info.value) == (
        "Indicator 'X': 'direction' needs to be one of (1, -1). 2 was given instead."
    )
    with pytest.raises(sr.InputError) as info:
        aggregate(c, pd.Series({"0101": "A"}))
    assert info.value.message("de").startswith(
        "aggregate: Schlüssel ohne übergeordnete Einheit: '0102'."
    )


def _delivered():
    idx = pd.Index(["0101", "0102", "0103", "0104", "0105"], name="SR_NR")
    return pd.DataFrame(
        {"ALO_ANT": [5.0, 1.0, None, 20.0, 2.5], "EW_15_64": [1000, 100, 500, 0, 4000],
         "EW": [1500, 150, 700, 10, 6000]},
        index=idx,
    )


def test_delivered_rate_with_denominator_checks_the_implied_counts():
    ind = sr.Indicator("ALO", rate="ALO_ANT", denominator="EW_15_64")
    out = sr.compute_indicators(_delivered(), [ind])
    # 5 % of 1000 = 50 published as delivered; 1 % of 100 = 1 person: suppressed;
    # missing cell: not delivered; denominator 0: not meaningful; 2.5 % of 4000 = 100
    assert out["ALO"].tolist()[0] == 5.0 and out["ALO"].tolist()[4] == 2.5
    assert out["ALO__reason"].tolist()[1:4] == ["suppressed", "not_delivered", "not_meaningful"]


def test_delivered_rate_without_denominator_keeps_values_and_population_rule():
    ind = sr.Indicator("ALO", rate="ALO_ANT")
    out = sr.compute_indicators(_delivered(), [ind], population="EW")
    assert out["ALO"].tolist()[0] == 5.0 and out["ALO"].tolist()[4] == 2.5
    # 150 and 10 inhabitants are below the default minimum of 300
    assert out["ALO__reason"].tolist()[1] == "below_population"
    assert out["ALO__reason"].tolist()[3] == "below_population"


def test_delivered_rate_out_of_range_names_column_keys_and_values():
    t = _delivered()
    t.loc["0102", "ALO_ANT"] = 150.0
    with pytest.raises(InputError) as info:
        sr.compute_indicators(t, [sr.Indicator("ALO", rate="ALO_ANT")])
    de = info.value.message("de")
    assert "'ALO_ANT'" in de and "'0102'" in de and "150" in de and "scale" in de
    assert "outside 0 to 100" in str(info.value)


def test_indicator_needs_counts_or_a_rate_in_german():
    with pytest.raises(ConfigError) as info:
        sr.Indicator("X", denominator="EW")
    assert "Indikator 'X'" in info.value.message("de") and "'rate'" in info.value.message("de")
    with pytest.raises(ConfigError):
        sr.Indicator("X", "A", "B", rate="C")


def test_aggregate_rates_is_the_population_weighted_mean_with_coverage():
    idx = pd.Index(list("abcdef"), name="SR")
    rates = pd.Series([10.0, 20.0, None, 30.0, 40.0, None], idx, name="Q")
    parent = pd.Series(["1", "1", "2", "3", "3", "3"], idx, name="BEZ")
    pop = pd.Series([100, 300, 50, 450, 450, 50], idx)
    out = sr.indicators.aggregate_rates(rates, parent, pop)
    # parent 1: (10*100 + 20*300) / 400 = 17.5; parent 2: nothing; parent 3: (30*450 +
    # 40*450) / 900 = 35.0 with 900 of 950 inhabitants covered (94.7 % >= 90 %)
    assert out.loc["1", "Q"] == pytest.approx(17.5)
    assert np.isnan(out.loc["2", "Q"]) and out.loc["2", "Q__reason"] == "not_delivered"
    assert out.loc["3", "Q"] == pytest.approx(35.0)
    assert out.loc["3", "coverage"] == pytest.approx(900 / 950, abs=1e-4)
    low = sr.indicators.aggregate_rates(rates, parent, pop, coverage=0.95)
    assert np.isnan(low.loc["3", "Q"])


def test_delivered_rate_formula_says_what_was_given():
    with_den = sr.Indicator("ALO", rate="ALO_ANT", denominator="EW_15_64").formula("de")
    without = sr.Indicator("ALO", rate="ALO_ANT").formula("en")
    assert with_den.startswith("wie geliefert (Spalte ALO_ANT)") and "EW_15_64" in with_den
    assert "population-weighted" in without

