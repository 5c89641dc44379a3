"""GISD preset (RKI German Index of Socioeconomic Deprivation) against a hand computation.

The recipe written out below follows the RKI's script GISD_Generate_Release.R (repository
robert-koch-institut/German_Index_of_Socioeconomic_Deprivation_GISD, commit 29ee5a6,
2025-01-31): per domain the first principal component of the standardised indicators
(R prcomp, here by SVD of the standardised matrix, not the library's eigh of the correlation
matrix), polarised by unemployment, rescaled to 0..1; equal-weight sum rescaled to 0..1;
quintiles at the type-9 sample quantiles (Hyndman & Fan formula written out, not numpy's).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sozialraum as sr
from sozialraum.errors import ConfigError, MissingDataError

DOMAINS = {
    "Arbeitswelt": ["ALQ", "BQ", "LOHN_LN"],
    "Einkommen": ["HHEK_LN", "STEUER_LN", "SCHULD"],
    "Bildung": ["AKAD", "OHNE", "SCHULAB"],
}
DIRECTION = {"ALQ": 1, "BQ": -1, "LOHN_LN": -1, "HHEK_LN": -1, "STEUER_LN": -1, "SCHULD": 1,
             "AKAD": -1, "OHNE": 1, "SCHULAB": 1}
COLS = [c for cs in DOMAINS.values() for c in cs]


def make_areas(n: int = 40, seed: int = 7) -> pd.DataFrame:
    """Areas x nine indicators driven by one latent deprivation plus domain noise."""
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=n)
    data = {}
    for cols in DOMAINS.values():
        dom_factor = latent + rng.normal(scale=0.6, size=n)
        for j, c in enumerate(cols):
            data[c] = 10 + DIRECTION[c] * (1.0 + 0.3 * j) * dom_factor + rng.normal(
                scale=0.5, size=n)
    data["EW"] = rng.integers(500, 20000, size=n)
    idx = pd.Index([f"{i + 1:03d}" for i in range(n)], name="SR_NR")
    return pd.DataFrame(data, index=idx)


def spec_for(**kw):
    return sr.presets.gisd(income=DOMAINS["Einkommen"], employment=DOMAINS["Arbeitswelt"],
                           education=DOMAINS["Bildung"], direction=DIRECTION, **kw)


def rescale(v):
    return (v - v.min()) / (v.max() - v.min())


def type9_quantile(values, p):
    """Hyndman & Fan (1996) definition 9: m = (p + 1) / 4, h = n p + m, 1-based order stats."""
    x = np.sort(values)
    n = len(x)
    h = n * p + (p + 1) / 4
    j = math.floor(h)
    g = h - j
    lo = x[min(max(j, 1), n) - 1]
    hi = x[min(max(j + 1, 1), n) - 1]
    return lo + g * (hi - lo)


def hand_gisd(data: pd.DataFrame, reference: str = "ALQ"):
    """Step by step: orient, standardise, SVD per domain, polarise, rescale, sum, rescale."""
    ref = data[reference].to_numpy(float) * DIRECTION[reference]
    domain_scores = {}
    for dom, cols in DOMAINS.items():
        x = data[cols].to_numpy(float) * np.array([DIRECTION[c] for c in cols])
        z = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
        _, _, vt = np.linalg.svd(z, full_matrices=False)
        score = z @ vt[0]
        if np.corrcoef(ref, score)[0, 1] < 0:
            score = -score
        domain_scores[dom] = rescale(score)
    total = rescale(sum(domain_scores.values()))
    breaks = [type9_quantile(total, k / 5) for k in range(1, 5)]
    quintile = np.array([1 + sum(s >= b for b in breaks) for s in total])
    return total, domain_scores, quintile


def test_gisd_matches_the_hand_computation():
    data = make_areas()
    res = sr.composite_index(data, spec_for())
    total, domains, quintile = hand_gisd(data)
    frame = res.to_frame()
    np.testing.assert_allclose(frame["score"].to_numpy(float), total, atol=1e-12)
    for dom, values in domains.items():
        np.testing.assert_allclose(frame[f"sub_{dom}"].to_numpy(float), values, atol=1e-12)
    assert frame["class_code"].astype(int).tolist() == quintile.tolist()
    assert sorted(np.bincount(quintile)[1:]) == [8, 8, 8, 8, 8]
    # the most deprived area is in quintile 5, labelled as the most deprived
    worst = frame["score"].idxmax()
    assert frame.at[worst, "class"] == "Quintil 5 (am stärksten benachteiligt)"
    assert frame.at[frame["score"].idxmin(), "class_code"] == "1"
    assert frame["score"].min() == 0.0 and frame["score"].max() == 1.0


def test_domain_coefficients_are_the_first_eigenvector_of_prcomp():
    """Our weights are the unit eigenvector per domain (R prcomp rotation[, 1])."""
    data = make_areas()
    res = sr.composite_index(data, spec_for())
    for cols in DOMAINS.values():
        x = data[cols].to_numpy(float) * np.array([DIRECTION[c] for c in cols])
        z = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
        v = np.linalg.svd(z, full_matrices=False)[2][0]
        v = v if v.sum() > 0 else -v
        np.testing.assert_allclose(res.weights[cols].to_numpy(), v, atol=1e-10)
        assert np.isclose((res.weights[cols] ** 2).sum(), 1.0)  # "Anteil am Teilscore" sums to 1


def test_direction_of_a_non_reference_indicator_does_not_change_the_score():
    data = make_areas()
    base = sr.composite_index(data, spec_for()).score
    # the same information with BQ's sign flipped in the data and in the direction
    flipped = data.assign(BQ=-data["BQ"])
    res = sr.composite_index(flipped, sr.presets.gisd(
        income=DOMAINS["Einkommen"], employment=DOMAINS["Arbeitswelt"],
        education=DOMAINS["Bildung"], direction={**DIRECTION, "BQ": 1}))
    np.testing.assert_allclose(res.score, base, atol=1e-12)
    assert res.notes == ()
    # a wrong direction is reported (the component does not care, the reader should)
    wrong = sr.composite_index(data, sr.presets.gisd(
        income=DOMAINS["Einkommen"], employment=DOMAINS["Arbeitswelt"],
        education=DOMAINS["Bildung"], direction={**DIRECTION, "BQ": 1}))
    np.testing.assert_allclose(wrong.score, base, atol=1e-12)
    assert any("BQ" in n for n in wrong.notes)


def test_direction_of_the_reference_sets_the_polarity():
    """Unemployment with direction -1 would mean "higher = less deprived": all scores flip."""
    data = make_areas()
    base = sr.composite_index(data, spec_for()).score
    flipped = sr.composite_index(data, sr.presets.gisd(
        income=DOMAINS["Einkommen"], employment=DOMAINS["Arbeitswelt"],
        education=DOMAINS["Bildung"], direction={**DIRECTION, "ALQ": -1}))
    np.testing.assert_allclose(flipped.score, 1.0 - base, atol=1e-12)


def test_direction_must_be_given_for_every_indicator():
    with pytest.raises(ConfigError, match="OHNE"):
        sr.presets.gisd(income=["HHEK_LN"], employment=["ALQ"], education=["OHNE"],
                        direction={"ALQ": 1, "HHEK_LN": -1})


def test_missing_values_are_an_error_not_reweighted():
    data = make_areas()
    data.iloc[3, data.columns.get_loc("SCHULD")] = np.nan
    with pytest.raises(MissingDataError, match="004"):
        sr.composite_index(data, spec_for())
    with pytest.raises(ConfigError):
        sr.IndexSpec(["A", "B"], weighting="pca_theme", combine_themes=False)


def make_panel():
    """Areas with a common downward trend; area 99 near zero with its last two years missing."""
    rng = np.random.default_rng(3)
    rows = []
    years = range(2015, 2023)
    for a in range(12):
        m = rng.uniform(5, 20)
        for y in years:
            rows.append((f"{a:02d}", y, m * (1 - 0.25 * (y - 2018)) + rng.normal(0, 0.3),
                         m + rng.normal(0, 1)))
    low = [4, 3, 2, 1.5, 1, 0.5, np.nan, np.nan]
    for y in years:
        rows.append(("99", y, low[y - 2015], np.nan))  # B: no value at all for 99
    panel = pd.DataFrame(rows, columns=["gkz", "jahr", "A", "B"])
    panel.loc[[5, 17, 40], "A"] = np.nan
    panel.loc[[2, 30], "B"] = np.nan
    return panel


def test_imputation_is_the_rki_regression():
    statsmodels = pytest.importorskip("statsmodels.api")
    panel = make_panel()
    before = panel.copy()
    res = sr.presets.gisd_impute(panel, ["A", "B"], area="gkz", year="jahr")
    pd.testing.assert_frame_equal(panel, before)  # input unchanged
    for col in ["A", "B"]:
        # MEAN per area by hand, over its non-missing years
        means = {}
        for key, grp in panel.groupby("gkz"):
            vals = [v for v in grp[col] if not np.isnan(v)]
            means[key] = sum(vals) / len(vals) if vals else np.nan
        mean = panel["gkz"].map(means).to_numpy()
        y = panel["jahr"].to_numpy(float)
        design = np.column_stack([np.ones(len(panel)), y * y * mean, y * mean])
        fit = panel[col].notna().to_numpy() & ~np.isnan(mean)
        ols = statsmodels.OLS(panel[col].to_numpy()[fit], design[fit]).fit()
        np.testing.assert_allclose(res.models.loc[col, ["intercept", "year2_mean", "year_mean"]]
                                   .to_numpy(float), ols.params, rtol=1e-6)
        pred = design @ ols.params
        fill = panel[col].isna().to_numpy() & ~np.isnan(mean)
        assert res.imputed[col].to_numpy().tolist() == fill.tolist()
        np.testing.assert_allclose(res.data[col].to_numpy()[fill], np.maximum(pred[fill], 0),
                                   rtol=1e-6, atol=1e-9)
        # observed values untouched, including negative ones
        obs = panel[col].notna().to_numpy()
        assert res.data[col].to_numpy()[obs].tolist() == panel[col].to_numpy()[obs].tolist()
    # the clipping branch is exercised: area 99 in 2022 is predicted below 0 -> 0
    cell = (panel["gkz"] == "99") & (panel["jahr"] == 2022)
    assert res.imputed.loc[cell, "A"].item()
    assert res.data.loc[cell, "A"].item() == 0.0
    assert (panel["A"] < 0).any()  # observed negatives stay negative
    # B of area 99 has no value in any year: no MEAN, stays missing
    assert res.data.loc[panel["gkz"] == "99", "B"].isna().all()
    assert int(res.models.loc["A", "n"]) == int(panel["A"].notna().sum())


def test_population_weighted_aggregation_to_a_higher_level():
    data = make_areas()
    res = sr.composite_index(data, spec_for())
    groups = pd.Series([f"ST{int(k) % 8}" for k in data.index], index=data.index, name="ST")
    out = sr.presets.gisd_aggregate(res, groups, data["EW"])
    total, domains, _ = hand_gisd(data)
    w = data["EW"].to_numpy(float)
    keys = sorted(groups.unique())
    means = []
    for k in keys:
        sel = (groups == k).to_numpy()
        means.append((total[sel] * w[sel]).sum() / w[sel].sum())
        dom = (domains["Bildung"][sel] * w[sel]).sum() / w[sel].sum()
        assert out.at[k, "sub_Bildung"] == pytest.approx(dom, abs=1e-12)
        assert out.at[k, "population"] == w[sel].sum()
        assert out.at[k, "n_areas"] == sel.sum()
    expected = rescale(np.array(means))
    np.testing.assert_allclose(out.loc[keys, "score"].to_numpy(float), expected, atol=1e-12)
    breaks = [type9_quantile(expected, k / 5) for k in range(1, 5)]
    assert out.loc[keys, "gisd_5"].tolist() == [1 + sum(s >= b for b in breaks)
                                                for s in expected]
    q5 = out["gisd_5"]
    assert out["gisd_k"].tolist() == [1 if q == 1 else 3 if q == 5 else 2 for q in q5]


def test_deciles_by_type9_quantiles():
    data = make_areas()
    res = sr.composite_index(data, spec_for())
    cls = sr.presets.gisd_classes(res.score)
    total, _, quintile = hand_gisd(data)
    breaks = [type9_quantile(total, k / 10) for k in range(1, 10)]
    assert cls["gisd_10"].tolist() == [1 + sum(s >= b for b in breaks) for s in total]
    assert cls["gisd_5"].tolist() == quintile.tolist()


def test_log_step_refuses_non_positive_values():
    frame = pd.DataFrame({"HHEK": [1500.0, 0.0, 2000.0]}, index=pd.Index(["a", "b", "c"]))
    with pytest.raises(ValueError, match="'b'"):
        sr.presets.gisd_log(frame, ["HHEK"])
    ok = sr.presets.gisd_log(frame.iloc[[0, 2]], ["HHEK"])
    assert ok["HHEK_ln"].tolist() == [math.log(1500.0), math.log(2000.0)]


def test_population_threshold_and_registry():
    data = make_areas()
    data.iloc[0, data.columns.get_loc("EW")] = 120
    res = sr.composite_index(data, spec_for(population="EW"))
    assert pd.isna(res.score.iloc[0]) and res.excluded.index.tolist() == ["001"]
    spec = sr.IndexSpec.from_toml('''
        preset = "gisd"
        income = ["HHEK_LN", "STEUER_LN", "SCHULD"]
        employment = ["ALQ", "BQ", "LOHN_LN"]
        education = ["AKAD", "OHNE", "SCHULAB"]
        [direction]
        ALQ = 1
        BQ = -1
        LOHN_LN = -1
        HHEK_LN = -1
        STEUER_LN = -1
        SCHULD = 1
        AKAD = -1
        OHNE = 1
        SCHULAB = 1
    ''')
    assert spec == spec_for()


@settings(max_examples=20, deadline=None)
@given(st.permutations(list(range(40))))
def test_permuting_rows_does_not_change_scores(order):
    data = make_areas()
    base = sr.composite_index(data, spec_for()).to_frame()
    shuffled = sr.composite_index(data.iloc[list(order)], spec_for()).to_frame()
    pd.testing.assert_series_equal(shuffled["score"].reindex(base.index), base["score"],
                                   atol=1e-12, rtol=0)
    assert shuffled["class_code"].reindex(base.index).tolist() == base["class_code"].tolist()


def test_methods_text_states_the_recipe():
    from sozialraum.report.methods import _index_paragraph

    cfg = sr.config.demo_config()
    de = _index_paragraph(cfg, None, "de", spec_for(population="EW"), {"preset": "gisd"})[0]
    assert "je Thema nach der ersten Hauptkomponente (GISD-Verfahren) gewichtet" in de
    assert ("Teilindex gebildet und auf 0 bis 1 skaliert (Min-Max) (Arbeitswelt: ALQ, BQ, "
            "LOHN_LN; Einkommen") in de
    assert "„Quintil 5 (am stärksten benachteiligt)“" in de and "GISD_Generate_Release.R" in de
