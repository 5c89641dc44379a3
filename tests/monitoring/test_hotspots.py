"""Emerging hot spots: every ArcGIS pattern from hand-made z / significance series, then end to end.

The rules are checked case by case on series written out here (independent of our Gi*),
against ArcGIS Pro's definitions (learnmoreemerging.htm). ``sfdep_pattern`` below is a
line-by-line transcription of R sfdep's classify_hotspot (R/emerging-hostpot-classifications.R,
github.com/JosiahParry/sfdep, commit 008a59b; R is not available offline), so the cases where
sfdep and we agree are checked against it and the documented differences are pinned down.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from support.monitoring import demo_on_current_boundaries
from synthetic import grid_districts

import sozialraum as sr
from sozialraum.errors import InputError, MissingDataError, SmallSampleWarning
from sozialraum.monitoring import CATEGORIES, classify_pattern, mann_kendall

# ---------------------------------------------------------------------------------------------
# sfdep's rules, transcribed (gs: z-scores, sigs: significant, n: length; R is 1-based)


def sfdep_pattern(gs, sigs, tau, tau_p, threshold):
    gs, sigs = np.asarray(gs, float), np.asarray(sigs, bool)
    n = len(gs)

    def final_run():
        rev = np.concatenate([sigs[::-1], [False]])
        cs = np.cumsum(rev)
        return int(np.flatnonzero(np.diff(cs) == 0)[0]) + 1  # which(...)[1] in R

    def consecutive(sign):
        if not (sigs[-1] and sign * gs[-1] > 0):
            return False
        run = final_run()
        rest = sigs[: n - run]
        return (not rest.any() and sigs[n - run:].all()
                and (sigs & (sign * gs > 0)).sum() / n < 0.9)

    hot, cold = sigs & (gs > 0), sigs & (gs < 0)
    rules = [
        ("new_hot", sigs.sum() == 1 and sigs[-1] and gs[-1] > 0),
        ("new_cold", sigs.sum() == 1 and sigs[-1] and gs[-1] < 0),
        ("consecutive_hot", consecutive(1)),
        ("consecutive_cold", consecutive(-1)),
        ("intensifying_hot", sigs.sum() / n >= 0.9 and sigs[-1] and tau > 0 and tau_p < threshold),
        ("intensifying_cold", cold.sum() / n >= 0.9 and sigs[-1] and tau < 0
         and tau_p <= threshold),
        ("persistent_hot", hot.sum() / n >= 0.9 and tau_p > threshold),
        ("persistent_cold", cold.sum() / n >= 0.9 and tau_p > threshold),
        ("diminishing_hot", hot.sum() / n >= 0.9 and sigs[-1] and tau < 0 and tau_p <= threshold),
        ("diminishing_cold", cold.sum() / n >= 0.9 and sigs[-1] and tau > 0
         and tau_p <= threshold),
        ("oscillating_hot", hot.sum() / n <= 0.9 and hot[-1] and cold.any()),
        ("oscillating_cold", cold.sum() / n < 0.9 and cold[-1] and hot.any()),
        ("historical_hot", hot.sum() / n >= 0.9 and gs[-1] < 0),
        ("historical_cold", gs[-1] > 0 and cold.sum() / n >= 0.9),
        ("sporadic_hot", hot.sum() / n < 0.9 and not cold.any() and hot.any()),
        ("sporadic_cold", cold.sum() / n < 0.9 and not hot.any() and cold.any()),
    ]
    return next((name for name, ok in rules if ok), "no_pattern")


def series(pattern: str):
    """'h' significant hot, 'c' significant cold, '+' / '-' not significant with that sign."""
    z = np.array([{"h": 3.0, "c": -3.0, "+": 0.5, "-": -0.5}[ch] for ch in pattern])
    return z, np.array([ch in "hc" for ch in pattern])


def pattern_of(code: str, tau=0.0, p=0.5):
    z, sig = series(code)
    return classify_pattern(z, sig, tau, p)


# every category, with ten Stichtage (ArcGIS's minimum), and the trend given by hand
CASES = [
    ("+-+-+-+-+h", 0.2, 0.5, "new_hot"),
    ("+-+-+--hhh", 0.5, 0.04, "consecutive_hot"),
    ("+hhhhhhhhh", 0.9, 0.001, "intensifying_hot"),
    ("hhhhhhhhhh", 0.1, 0.7, "persistent_hot"),
    ("hhhhh+hhhh", -0.8, 0.002, "diminishing_hot"),
    ("h+h++hh+-h", 0.1, 0.6, "sporadic_hot"),
    ("cc+-+h++hh", 0.6, 0.02, "oscillating_hot"),
    ("hhhhhhhhh+", -0.4, 0.1, "historical_hot"),
    ("-+-+-+-+-c", -0.2, 0.5, "new_cold"),
    ("-+-+-+-ccc", -0.5, 0.04, "consecutive_cold"),
    ("cccccccccc", -0.9, 0.001, "intensifying_cold"),
    ("cccccccccc", 0.0, 0.9, "persistent_cold"),
    ("-ccccccccc", 0.8, 0.002, "diminishing_cold"),
    ("c-c-+cc--c", 0.0, 0.9, "sporadic_cold"),
    ("hh+-+c--cc", -0.6, 0.02, "oscillating_cold"),
    ("ccccccccc-", 0.4, 0.1, "historical_cold"),
    ("+-+-+-+-+-", 0.0, 1.0, "no_pattern"),
]


def test_cases_cover_every_category():
    assert sorted(c for *_, c in CASES) == sorted(CATEGORIES)


@pytest.mark.parametrize(("code", "tau", "p", "want"), CASES)
def test_every_pattern_from_a_hand_made_series(code, tau, p, want):
    assert pattern_of(code, tau, p) == want


# sfdep differs on these (see test_documented_differences_from_sfdep)
DIFFER = {"sporadic_cold", "historical_hot", "historical_cold", "diminishing_cold"}
AGREE = [c for c in CASES if c[3] not in DIFFER]


@pytest.mark.parametrize(("code", "tau", "p", "want"), AGREE)
def test_sfdep_transcription_agrees_where_the_rules_agree(code, tau, p, want):
    z, sig = series(code)
    assert sfdep_pattern(z, sig, tau, p, 0.05) == want


def test_documented_differences_from_sfdep():
    # hot only in the early years: sfdep's old "sporadic" text, ArcGIS Pro needs a final hot bin
    z, sig = series("hh+h+-+-+-")
    assert sfdep_pattern(z, sig, 0.0, 0.9, 0.05) == "sporadic_hot"
    assert classify_pattern(z, sig, 0.0, 0.9) == "no_pattern"
    # historical: ArcGIS "the most recent time period is not hot"; sfdep asks for z < 0
    z, sig = series("hhhhhhhhh+")
    assert sfdep_pattern(z, sig, -0.4, 0.1, 0.05) != "historical_hot"
    assert classify_pattern(z, sig, -0.4, 0.1) == "historical_hot"
    # sfdep's final "run" of consecutive counts significant bins of either sign: two cold
    # bins and then hot ones are "consecutive" there, "oscillating" in ArcGIS's terms
    z, sig = series("cchhhhhhhh")  # 8 hot of 10, 10 significant
    assert sfdep_pattern(z, sig, 0.9, 0.001, 0.05) == "consecutive_hot"
    assert classify_pattern(z, sig, 0.9, 0.001) == "oscillating_hot"
    # intensifying: sfdep counts significant bins of either sign for its 90 % rule and does
    # not ask the final bin to be hot: a diminishing cold spot (z rising towards 0) is
    # "intensifying hot" there
    z, sig = series("-ccccccccc")
    assert sfdep_pattern(z, sig, 0.8, 0.002, 0.05) == "intensifying_hot"
    assert classify_pattern(z, sig, 0.8, 0.002) == "diminishing_cold"
    # sporadic cold: sfdep tests "sporadic" last, after "oscillating"/"historical", and
    # without a final cold bin; ours needs the final cold bin, as for hot spots
    z, sig = series("c-c-+cc--c")
    assert classify_pattern(z, sig, 0.0, 0.9) == "sporadic_cold"


def test_final_state_decides_and_ties_in_the_rules():
    assert pattern_of("cccccccccc"[:9] + "h") == "oscillating_hot"  # not historical cold
    assert pattern_of("+h+h++++hh") == "sporadic_hot"  # hot before the final run
    assert pattern_of("c++++++++h") == "oscillating_hot"  # an earlier cold spot: not new
    assert pattern_of("+++++++++h") == "new_hot"
    assert pattern_of("++++++++hh") == "consecutive_hot"
    # a significant trend of the wrong sign for the category does not make it intensifying
    assert pattern_of("hhhhhhhhhh", tau=-0.9, p=0.001) == "diminishing_hot"
    assert pattern_of("hhhhhhhhhh", tau=0.9, p=0.06) == "persistent_hot"
    assert pattern_of("hhhhhhhhhh", tau=0.9, p=np.nan) == "persistent_hot"


def test_six_stichtage_mean_all_six_and_no_historical():
    # with n < 10, 90 % of the Stichtage is all of them
    assert pattern_of("+hhhhh", 0.9, 0.003) == "consecutive_hot"
    assert pattern_of("hhhhhh", 0.9, 0.003) == "intensifying_hot"
    assert pattern_of("hhhhh+") == "no_pattern"  # 5 of 6 is < 90 %: historical impossible
    # the trend of a hand-made z series, exactly: 2/720 for six increasing values
    mk = mann_kendall([2.1, 2.5, 2.9, 3.4, 3.9, 4.2])
    assert mk["p_value"] == pytest.approx(2 / 720)
    assert classify_pattern([2.1, 2.5, 2.9, 3.4, 3.9, 4.2], [True] * 6, mk["tau"],
                            mk["p_value"]) == "intensifying_hot"
    # four Stichtage: the trend cannot reach 0.05, so no intensifying
    mk = mann_kendall([2.1, 2.5, 2.9, 3.4])
    assert classify_pattern([2.1, 2.5, 2.9, 3.4], [True] * 4, mk["tau"],
                            mk["p_value"]) == "persistent_hot"


# ---------------------------------------------------------------------------------------------
# end to end on synthetic panels


def block(center: str) -> list[str]:
    i, j = int(center[:2]), int(center[2:])
    return [f"{a:02d}{b:02d}" for a in range(i - 1, i + 2) for b in range(j - 1, j + 2)
            if 1 <= a <= 7 and 1 <= b <= 7]


@pytest.fixture(scope="module")
def grid():
    d = grid_districts(7, 7)
    return d, sr.spatial_weights(d, "queen")


def designed(keys, bump) -> pd.DataFrame:
    base = pd.Series(np.random.default_rng(5).normal(20, 2, len(keys)), index=keys)
    return pd.DataFrame({y: base + bump(t) for t, y in enumerate(range(2019, 2025))})


def run(values, graph, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        return sr.emerging_hotspots(values, graph, **kw)


def test_area_becoming_a_hot_spot_in_the_last_years_is_new_or_consecutive(grid):
    d, g = grid
    inside = d.index.isin(block("0505"))
    last = designed(d.index, lambda t: pd.Series(inside * (8.0 if t == 5 else 0.0), d.index))
    r = run(last, g)
    f = r.to_frame()
    assert f.loc["0505", "category"] == "new_hot" and f.loc["0505", "label"] == "neuer Hot Spot"
    assert f.loc["0505", "n_hot"] == 1
    assert r.to_frame("en").loc["0505", "label"] == "new hot spot"
    # far from the block nothing happens
    assert f.loc[["0101", "0102", "0201"], "category"].tolist() == ["no_pattern"] * 3
    three = designed(d.index, lambda t: pd.Series(inside * (8.0 if t >= 3 else 0.0), d.index))
    assert run(three, g).to_frame().loc["0505", "category"] == "consecutive_hot"


def test_growing_hot_spot_is_intensifying(grid):
    d, g = grid
    inside = d.index.isin(block("0505"))
    grow = designed(d.index, lambda t: pd.Series(inside * (3.0 + 1.5 * t), d.index))
    r = run(grow, g, permutations=9999)
    f = r.to_frame()
    assert f.loc["0505", "category"] == "intensifying_hot"
    assert f.loc["0505", "n_hot"] == 6 and f.loc["0505", "tau"] == 1.0
    assert f.loc["0505", "trend_p_value"] == pytest.approx(2 / 720)
    # the z-scores are those of Gi* on each Stichtag alone
    one = sr.local_gstar(grow[2021].rename(None), g, inference=r.settings,
                         small_sample_warning=False)
    np.testing.assert_allclose(r.z_score[pd.Timestamp("2021-12-31")].to_numpy(),
                               one.z_score.to_numpy())
    assert r.settings.permutations == 9999 and r.seed == 1
    # same seed, same result
    again = run(grow, g, permutations=9999)
    pd.testing.assert_series_equal(again.category, r.category)


def test_long_panel_input_and_describe_is_honest_about_six_stichtage(grid):
    d, g = grid
    inside = d.index.isin(block("0303"))
    w = designed(d.index, lambda t: pd.Series(inside * (8.0 if t == 5 else 0.0), d.index))
    long = w.stack().rename("X").to_frame()
    long.index = pd.MultiIndex.from_arrays(
        [long.index.get_level_values(0),
         pd.to_datetime([f"{y}-12-31" for y in long.index.get_level_values(1)])],
        names=["SR_NR", "Stichtag"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # 9999 permutations as the other designed cases: with 999 the designed block sits at
        # the FDR boundary, where the draws (pooled engine) decide
        r = sr.emerging_hotspots(long, g, "X", permutations=9999, small_sample_warning=True)
    messages = [str(w.message) for w in caught if issubclass(w.category, SmallSampleWarning)]
    assert len(messages) == 1 and "6 Stichtage" in messages[0]  # 49 areas: no Gi* warning
    assert r.to_frame().index.name == "SR_NR"
    assert r.to_frame().loc["0303", "category"] == "new_hot"
    de, en = r.describe(), r.describe("en")
    assert "mindestens 10" in de and "historischer" in de
    assert "at least 10" in en and "historical" in en
    assert "999" in de and "FDR" in de


@pytest.fixture(scope="module")
def demo_rates():
    """The demo's SGB II rate per Stichtag on the current Sozialräume (the Stichtage before
    the reform brought over by area) and their neighbours."""
    counts, shares = demo_on_current_boundaries()
    rates = sr.panel_indicators(counts, ["SGB2_QUOTE"])
    return rates, shares, sr.spatial_weights(sr.datasets.musterstadt(), "queen")


def test_demo_city_runs_on_rates_per_stichtag(demo_rates):
    rates, _, g = demo_rates
    n = len(sr.datasets.musterstadt())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = sr.emerging_hotspots(rates, g, "SGB2_QUOTE")
    small = [str(w.message) for w in caught if issubclass(w.category, SmallSampleWarning)]
    assert len(small) == 2  # 6 Stichtage (< 10), and Gi* on fewer than 30 areas once
    assert n < 30 and any("Stichtage" in m for m in small)
    assert any(f"{n} areas" in m for m in small)
    f = r.to_frame()
    assert list(f.index) == list(sr.datasets.musterstadt().index)
    assert set(f["category"]) <= set(CATEGORIES) and (f["n_stichtage"] == 6).all()


def test_demo_city_designed_emerging_hotspot_and_recovering_area(demo_rates):
    """The generator's designed cases (ground truth) are what the analysis finds: the
    emerging area becomes a hot spot in the last years, the recovering one falls."""
    rates, _, g = demo_rates
    truth = sr.datasets.musterstadt_truth()["designed_trends"]
    up, down = truth["emerging"]["SR_NR"], truth["recovering"]["SR_NR"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        r = sr.emerging_hotspots(rates, g, "SGB2_QUOTE", permutations=9999, seed=1)
        t = sr.trend(rates, "SGB2_QUOTE").to_frame()
    f = r.to_frame()
    assert f.loc[up, "category"] in truth["emerging"]["ehsa"]
    hot = r.significant.loc[up] & (r.z_score.loc[up] > 0)
    assert hot.iloc[-1] and not hot.iloc[0]  # not a hot spot at first, one at the end
    assert f.loc[up, "tau"] > 0
    assert t.loc[up, "label"] == truth["emerging"]["trend"]
    assert t.loc[down, "label"] == truth["recovering"]["trend"]
    assert f.loc[down, "tau"] < 0 and not r.significant.loc[down].iloc[-1]
    assert f.loc[down, "category"] == "no_pattern"  # with 6 Stichtage never "historical"
    # the series compared against scipy: Kendall's tau of the rate over the years
    from scipy.stats import kendalltau

    w = sr.monitoring.wide(rates, "SGB2_QUOTE")
    for key in (up, down):
        ref = kendalltau(np.arange(6), w.loc[key].to_numpy())
        assert t.loc[key, "tau"] == pytest.approx(ref.statistic)


def test_bad_input_is_refused(grid):
    d, g = grid
    w = designed(d.index, lambda t: 0.0)
    gap = w.copy()
    gap.iloc[3, 2] = np.nan
    with pytest.raises(MissingDataError, match="not imputed"):
        run(gap, g)
    with pytest.raises(InputError, match="boundar"):
        run(w.drop(index="0101"), g)
    with pytest.raises(InputError, match="at least 3"):
        run(w.iloc[:, :2], g)
