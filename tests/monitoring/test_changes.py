"""Change between two Stichtage: values, units, Fisher's exact test against scipy and by hand."""

from __future__ import annotations

from math import comb

import numpy as np
import pandas as pd
import pytest
from scipy.stats import false_discovery_control, fisher_exact

import sozialraum as sr
from sozialraum.errors import ConfigError, InputError
from sozialraum.monitoring import panel_indicators


def two_year_panel(data: dict, keys=("01", "02", "03")) -> pd.DataFrame:
    idx = pd.MultiIndex.from_product([list(keys), pd.to_datetime(["2019-12-31", "2024-12-31"])],
                                     names=["SR_NR", "Stichtag"])
    return pd.DataFrame(data, index=idx)


@pytest.fixture(scope="module")
def demo():
    return sr.read_table(sr.datasets.get_path("musterstadt_statistik.csv"), key="SR_NR",
                         stichtag="all")


def hand_fisher(k_base, n_base, k_to, n_to):
    """Two-sided Fisher p by enumerating the hypergeometric distribution with math.comb."""
    cases, total = k_base + k_to, n_base + n_to
    probs = {x: comb(n_to, x) * comb(n_base, cases - x) / comb(total, cases)
             for x in range(max(0, cases - n_base), min(cases, n_to) + 1)}
    observed = probs[k_to]
    return sum(p for p in probs.values() if p <= observed * (1 + 1e-7))


def test_fisher_p_by_hand_and_scipy():
    # 3 of 20 -> 9 of 20: tables with k_to in 0..12, hypergeometric weights written out
    p = two_year_panel({"SGB2": [3, 9, 50, 50, 10, 10], "EW_U65": [20, 20, 500, 500, 100, 100]})
    ch = sr.change(p, "SGB2_QUOTE", base=2019, to=2024, correction="none")
    f = ch.to_frame()
    assert f.loc["01", "p_value"] == pytest.approx(hand_fisher(3, 20, 9, 20), rel=1e-12)
    assert f.loc["01", "p_value"] == pytest.approx(
        fisher_exact([[9, 11], [3, 17]]).pvalue, rel=1e-12)
    assert f.loc["01", "p_value"] == pytest.approx(0.0819, abs=5e-4)  # 3/20 vs 9/20
    assert f.loc["02", "p_value"] == 1.0 and f.loc["02", "change"] == 0.0
    assert f.loc["01", "change"] == pytest.approx(30.0)  # 15 % -> 45 %: 30 percentage points
    assert f.loc["01", "change_relative"] == pytest.approx(200.0)
    assert f.loc["01", "label"] == "im Rahmen des Zufalls"  # 0.08 > 0.05
    assert f.attrs["unit"] == "Prozentpunkte" and ch.to_frame("en").attrs["unit"] == (
        "percentage points")


def test_significant_labels_both_directions_in_two_languages():
    p = two_year_panel({"SGB2": [100, 160, 160, 100, 40, 44],
                        "EW_U65": [1000, 1000, 1000, 1000, 400, 400]})
    ch = sr.change(p, "SGB2_QUOTE", base="31.12.2019", to="31.12.2024")
    assert ch.to_frame()["label"].tolist() == [
        "signifikant gestiegen", "signifikant gesunken", "im Rahmen des Zufalls"]
    assert ch.to_frame("en")["label"].tolist() == [
        "significantly increased", "significantly decreased", "within chance"]
    assert ch.values["direction"].tolist() == ["up", "down", "chance"]
    # the same counts, on a small area: 10 % -> 16 % of 100 is within chance
    small = two_year_panel({"SGB2": [10, 16, 16, 10, 4, 4], "EW_U65": [100] * 6})
    assert sr.change(small, "SGB2_QUOTE", base=2019, to=2024).values["direction"].tolist() == [
        "chance", "chance", "chance"]
    assert "Fisher" in ch.describe() and "Fisher" in ch.describe("en")


def test_demo_city_p_values_equal_scipy_and_fdr_equals_scipy(demo):
    ch = sr.change(demo, "SGB2_QUOTE", base=2019, to=2024)
    f = ch.to_frame()
    a = demo.xs(pd.Timestamp("2019-12-31"), level="Stichtag")
    b = demo.xs(pd.Timestamp("2024-12-31"), level="Stichtag")
    tested = f["p_value"].notna()
    assert tested.sum() >= 20
    for key in f.index[tested]:
        ka, na = int(a.loc[key, "SGB2"]), int(a.loc[key, "EW_U65"])
        kb, nb = int(b.loc[key, "SGB2"]), int(b.loc[key, "EW_U65"])
        want = fisher_exact([[kb, nb - kb], [ka, na - ka]]).pvalue
        assert f.loc[key, "p_value"] == pytest.approx(want, rel=1e-12)
        assert f.loc[key, "change"] == pytest.approx(100 * (kb / nb - ka / na), abs=1e-9)
    bh = false_discovery_control(f.loc[tested, "p_value"].to_numpy(), method="bh")
    np.testing.assert_allclose(f.loc[tested, "p_adjusted"].to_numpy(), bh, rtol=1e-12)
    # a designed reading: the labels follow p_adjusted and the sign
    up = f["direction"] == "up"
    assert ((f.loc[up, "p_adjusted"] <= 0.05) & (f.loc[up, "change"] > 0)).all()


def test_change_next_to_a_suppressed_rate_is_withheld_with_its_reason():
    # area 03: nobody under 65 in 2024 and so no SGB II recipient (12 of 0 is refused as
    # a numerator above its denominator): the share is not meaningful
    p = two_year_panel({"SGB2": [2, 30, 50, 60, 10, 0], "EW_U65": [400, 400, 500, 500, 100, 0]})
    f = sr.change(p, "SGB2_QUOTE", base=2019, to=2024).to_frame()
    assert f["change"].isna().tolist() == [True, False, True]
    assert f["value_to"].isna().iloc[0] and np.isnan(f.loc["01", "p_value"])
    assert f["change__reason"].tolist()[0] == "suppressed"
    assert f["change__reason"].tolist()[2] == "not_meaningful"  # denominator 0 in 2024
    assert f.loc["01", "label"] == "keine Angabe (Geheimhaltung)"
    assert f.loc["03", "label"] == "Nachweis nicht sinnvoll"


def test_counts_are_withheld_when_small_and_not_tested():
    p = two_year_panel({"EW": [1000, 1100, 2, 5, 0, 40]})
    ch = sr.change(p, "EW", base=2019, to=2024)
    f = ch.to_frame()
    assert ch.kind == "count" and not ch.tested
    assert f["change"].tolist()[0] == 100.0 and f["change_relative"].iloc[0] == pytest.approx(10)
    assert np.isnan(f.loc["02", "change"]) and f.loc["02", "change__reason"] == "suppressed"
    assert f.loc["03", "change"] == 40.0 and np.isnan(f.loc["03", "change_relative"])
    # a count is no proportion: untested for that reason, not for lack of counts
    assert f.loc["01", "label"] == "nicht getestet (kein Anteil)"
    assert "Kein Zufallstest" in ch.describe() and "keinen Nenner" in ch.describe()


def test_an_index_gets_no_relative_change_and_its_label_in_the_text():
    """An index has no natural zero: -0.254 -> -0.110 rose by 0.144, which a relative
    change would call -56.7 % (found in the demo's veraenderung.csv); only the
    difference is given, and the sentence names the column by its label."""
    p = two_year_panel({"index_wert": [-0.254, -0.110, 1.309, 1.369, -0.297, -0.501]})
    ch = sr.change(p, "index_wert", base=2019, to=2024, is_index=True)
    f = ch.to_frame()
    assert ch.kind == "index" and not ch.tested
    assert f["change"].round(3).tolist() == [0.144, 0.06, -0.204]
    assert f["change_relative"].isna().all()  # also for 1.309 -> 1.369, above 0
    assert f["label"].tolist() == ["nicht getestet (Indexwert)"] * 3
    de = ch.describe(label="MSS Status-Index")
    assert de.startswith("Veränderung MSS Status-Index vom 31.12.2019 zum 31.12.2024")
    assert "relativ in %" not in de and "keinen natürlichen Nullpunkt" in de
    en = ch.describe("en", label="MSS status index")
    assert en.startswith("Change of MSS status index from") and "no natural zero" in en
    assert "index_wert" in ch.describe()  # without a label: the code


def test_a_float_share_without_counts_keeps_its_relative_change_and_says_why_untested():
    # found in review: any float column was treated like an index
    p = two_year_panel({"ALQ": [5.0, 6.0, 8.0, 6.0, 0.0, 1.0]})
    ch = sr.change(p, "ALQ", base=2019, to=2024)
    f = ch.to_frame()
    assert ch.kind == "value"
    assert f["change_relative"].round(6).tolist()[:2] == [20.0, -25.0]
    assert np.isnan(f.loc["03", "change_relative"])  # base 0
    assert f["label"].tolist() == ["nicht getestet (keine Zählwerte)"] * 3
    de = ch.describe(label="Arbeitslosenquote")
    assert "relativ in %" in de and "Index" not in de and "Anteil aus Zählwerten" in de


def test_a_rate_below_or_at_zero_gets_no_relative_change():
    # a net migration rate per 1,000 can be negative: a % of it would flip the sign
    p = two_year_panel({"SALDO": [-4.0, -2.0, 0.0, 3.0, 5.0, 6.0]})
    p.attrs["indicators"] = (sr.Indicator("SALDO", rate="SALDO", unit="je 1.000"),)
    f = sr.change(p, "SALDO", base=2019, to=2024).to_frame()
    assert f["change"].tolist() == [2.0, 3.0, 1.0]
    assert np.isnan(f.loc["01", "change_relative"]) and np.isnan(f.loc["02", "change_relative"])
    assert f.loc["03", "change_relative"] == pytest.approx(20.0)


def test_rates_from_panel_indicators_keep_unit_and_are_not_tested(demo):
    rates = panel_indicators(demo, ["SGB2_QUOTE"])
    ch = sr.change(rates, "SGB2_QUOTE", base=2019, to=2024)
    assert ch.kind == "rate" and ch.unit == "pp" and not ch.tested
    direct = sr.change(demo, "SGB2_QUOTE", base=2019, to=2024)
    np.testing.assert_allclose(ch.values["change"], direct.values["change"])


def test_delivered_rate_indicator_is_not_tested():
    p = two_year_panel({"Q": [10.0, 12.0, 5.0, 5.5, 7.0, 7.0]})
    ind = sr.Indicator("QUOTE", rate="Q", label="Quote")
    ch = sr.change(p, ind, base=2019, to=2024)
    assert not ch.tested and ch.values["change"].tolist() == pytest.approx([2.0, 0.5, 0.0])


def test_input_not_modified_and_errors():
    p = two_year_panel({"SGB2": [100, 160, 40, 44, 5, 5], "EW_U65": [1000, 1000, 400, 400, 50, 50]})
    before = p.copy()
    sr.change(p, "SGB2_QUOTE", base=2019, to=2024)
    pd.testing.assert_frame_equal(p, before)
    with pytest.raises(ConfigError, match="same Stichtag"):
        sr.change(p, "SGB2_QUOTE", base=2019, to=2019)
    with pytest.raises(ConfigError, match="Swap"):
        sr.change(p, "SGB2_QUOTE", base=2024, to=2019)
    with pytest.raises(ConfigError, match="31.12.2021"):
        sr.change(p, "SGB2_QUOTE", base=2021, to=2024)
    with pytest.raises(InputError, match="'XYZ'"):
        sr.change(p, "XYZ", base=2019, to=2024)
    with pytest.raises(InputError, match="EW"):
        sr.change(p, "TRANSFER", base=2019, to=2024)  # needs GRUSI and EW
    with pytest.raises(ConfigError, match="correction"):
        sr.change(p, "SGB2_QUOTE", base=2019, to=2024, correction="fdx")
    with pytest.raises(ConfigError, match="alpha"):
        sr.change(p, "SGB2_QUOTE", base=2019, to=2024, alpha=2)
