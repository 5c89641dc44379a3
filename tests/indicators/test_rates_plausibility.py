"""Plausibility of count-based shares: a numerator larger than its denominator is refused."""

from __future__ import annotations

import pandas as pd
import pytest

import sozialraum as sr
from sozialraum.errors import InputError


def _counts():
    idx = pd.Index(["0101", "0102", "0103"], name="SR_NR")
    return pd.DataFrame({"ALO": [120, 5000, 40], "EW_15_64": [2400, 2615, 900]}, index=idx)


def test_numerator_above_denominator_is_refused_with_keys_and_values():
    ind = sr.Indicator("ALO_Q", "ALO", "EW_15_64", label="Arbeitslose", theme="Arbeit")
    with pytest.raises(InputError) as info:
        sr.compute_indicators(_counts(), [ind])
    de = info.value.message("de")
    assert "'ALO_Q'" in de and "(ALO)" in de and "(EW_15_64)" in de
    assert "1 Gebiet(en)" in de and "'0102': 5000 > 2615" in de
    assert "'0101'" not in de  # 120 of 2,400 is fine


def test_the_check_also_covers_summed_numerators_and_english():
    idx = pd.Index(["a", "b"], name="SR")
    counts = pd.DataFrame({"SGB2": [60, 700], "GRUSI": [50, 400], "EW": [1000, 1000]}, index=idx)
    ind = sr.Indicator("TRANSFER", ("SGB2", "GRUSI"), "EW", label="Transfer", theme="Armut")
    with pytest.raises(InputError) as info:
        sr.compute_indicators(counts, [ind])
    assert "'b': 1100 > 1000" in info.value.message("en")
    assert "numerator (SGB2 + GRUSI)" in info.value.message("en")


def test_a_rate_per_1000_may_exceed_its_denominator_and_equal_counts_pass():
    idx = pd.Index(["a", "b"], name="SR")
    # overnight stays per 1,000 inhabitants are not a share of the inhabitants
    per_1000 = sr.Indicator("GAESTE", "UEBERN", "EW", scale=1000, unit="je 1.000 EW",
                            label="Übernachtungen", theme="Wohnen")
    counts = pd.DataFrame({"UEBERN": [5000, 20], "EW": [2000, 20]}, index=idx)
    out = sr.compute_indicators(counts, [per_1000], policy=sr.ConfidentialityPolicy(min_count=1))
    assert out["GAESTE"].tolist() == [2500.0, 1000.0]
    share = sr.Indicator("ALLE", "UEBERN", "EW", label="alle", theme="Armut")
    out = sr.compute_indicators(counts.assign(UEBERN=[2000, 20]), [share],
                                policy=sr.ConfidentialityPolicy(min_count=1))
    assert out["ALLE"].tolist() == [100.0, 100.0]
