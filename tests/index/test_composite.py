"""Tests of :mod:`sozialraum.index.composite`.

The composite index: weighting, directions, themes, missing values, errors, TOML specs,
diagnostics and invariants, by hand.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from support.index import frame

import sozialraum as sr
from sozialraum.errors import ColumnError, ConfigError, MissingDataError
from sozialraum.index import (
    ClassScheme,
    IndexIndicator,
    IndexSpec,
    composite_index,
    index_diagnostics,
)
from sozialraum.index.normalise import normalise
from sozialraum.io.cells import REASON_DTYPE


def test_composite_equal_weights_zscore_by_hand():
    d = frame(A=[2.0, 4.0, 4.0, 10.0], B=[1.0, 3.0, 2.0, 2.0])
    res = composite_index(d, IndexSpec(["A", "B"], classes=None))
    za = np.array([-1.0, -1 / 3, -1 / 3, 5 / 3])
    zb = (np.array([1.0, 3.0, 2.0, 2.0]) - 2) / math.sqrt(0.5)
    np.testing.assert_allclose(res.score.to_numpy(), (za + zb) / 2)
    np.testing.assert_allclose(res.contributions["A"] + res.contributions["B"], res.score)
    f = res.to_frame()
    assert {"score", "rank", "class", "norm_A", "contrib_B"} <= set(f.columns)
    # scores: -1.2071, 0.5404, -0.1667, 0.8333 -> rank 1 = the most deprived
    assert f["rank"].tolist() == [4, 2, 3, 1]


def test_direction_explicit_weights_and_theme_weights():
    d = frame(A=[1.0, 2.0, 3.0], B=[3.0, 1.0, 2.0], C=[0.0, 5.0, 10.0])
    spec = IndexSpec([IndexIndicator("A", 1, 3.0), IndexIndicator("B", -1, 1.0),
                      IndexIndicator("C", 1, 0.0)], weighting="explicit", classes=None)
    res = composite_index(d, spec)
    za = normalise(np.array([1.0, 2.0, 3.0]), "zscore")
    zb = normalise(-np.array([3.0, 1.0, 2.0]), "zscore")
    np.testing.assert_allclose(res.score.to_numpy(), 0.75 * za + 0.25 * zb)
    assert res.weights.tolist() == [0.75, 0.25, 0.0]
    themed = IndexSpec([IndexIndicator("A", theme="x"), IndexIndicator("B", theme="x"),
                        IndexIndicator("C", theme="y")], weighting="theme", classes=None)
    assert composite_index(d, themed).weights.tolist() == [0.25, 0.25, 0.5]


def test_geometric_rescales_non_positive_normalisations():
    d = frame(A=[1.0, 2.0, 4.0], B=[2.0, 4.0, 3.0])
    res = composite_index(d, IndexSpec(["A", "B"], normalisation="minmax",
                                       aggregation="geometric", classes=None))
    a = 1 + 99 * np.array([0.0, 1 / 3, 1.0])
    b = 1 + 99 * np.array([0.0, 1.0, 0.5])
    np.testing.assert_allclose(res.score.to_numpy(), np.sqrt(a * b))
    assert any("rescaled" in n for n in res.notes)
    ranked = composite_index(d, IndexSpec(["A", "B"], normalisation="rank",
                                          aggregation="geometric", classes=None))
    np.testing.assert_allclose(ranked.score.to_numpy(), np.sqrt([1 * 1, 2 * 3, 3 * 2]))


def test_themes_combined_with_subindex_normalisation():
    d = frame(A=[1.0, 2.0, 3.0, 6.0], B=[2.0, 2.0, 4.0, 4.0], C=[5.0, 1.0, 2.0, 0.0])
    spec = IndexSpec([IndexIndicator("A", theme="t1"), IndexIndicator("B", theme="t1"),
                      IndexIndicator("C", theme="t2")], combine_themes=True,
                     subindex_normalisation="zscore", theme_weights={"t1": 3, "t2": 1},
                     classes=None)
    res = composite_index(d, spec)
    t1 = normalise((normalise(d.A.to_numpy(), "zscore") + normalise(d.B.to_numpy(), "zscore")) / 2,
                   "zscore")
    t2 = normalise(normalise(d.C.to_numpy(), "zscore"), "zscore")
    np.testing.assert_allclose(res.subindices["t1"], t1)
    np.testing.assert_allclose(res.score.to_numpy(), 0.75 * t1 + 0.25 * t2)
    assert list(res.contributions.columns) == ["t1", "t2"]


def test_population_exclusion_before_standardising():
    d = frame(A=[1.0, 2.0, 3.0, 100.0], EW=[500, 400, 1000, 120])
    res = composite_index(d, IndexSpec(["A"], population="EW", classes=None))
    np.testing.assert_allclose(res.score.iloc[:3].to_numpy(), normalise(np.array([1, 2, 3.]),
                                                                         "zscore"))
    assert pd.isna(res.score.iloc[3]) and pd.isna(res.rank.iloc[3])
    assert res.excluded.loc["0004", "reason"] == "below_population"
    assert "120 < 300" in res.excluded.loc["0004", "detail"]
    f = res.to_frame()
    assert f.loc["0004", "score__reason"] == "below_population"
    assert f.loc["0004", "class__reason"] == "below_population"
    own = composite_index(d, IndexSpec(["A"], population="EW", min_population=100, classes=None))
    assert own.score.notna().all()


def test_missing_raise_names_keys_indicators_and_reasons():
    d = frame(A=[1.0, np.nan, 3.0, 4.0], B=[1.0, 2.0, np.nan, 1.0])
    d["A__reason"] = pd.Categorical([None, "suppressed", None, None], dtype=REASON_DTYPE)
    with pytest.raises(MissingDataError, match=r"'0002' \(A: suppressed\).*'0003' \(B: missing\)"):
        composite_index(d, IndexSpec(["A", "B"]))
    res = composite_index(d, IndexSpec(["A", "B"], missing="reweight", max_missing=1,
                                       classes=None))
    assert res.reweighted.index.tolist() == ["0002", "0003"]
    zb = normalise(np.array([1.0, 2.0, np.nan, 1.0]), "zscore")
    assert res.score["0002"] == pytest.approx(zb[1])  # only B left, weight 1
    d2 = d.copy()
    d2.loc["0004", ["A", "B"]] = np.nan
    res2 = composite_index(d2, IndexSpec(["A", "B"], missing="reweight", max_missing=1,
                                         classes=None))
    assert res2.excluded.loc["0004", "reason"] == "not_delivered"
    # the reasons travel into the normalised values (z-scores)
    f = res.to_frame()
    assert f.loc["0002", "norm_A__reason"] == "suppressed"
    assert f.loc["0003", "norm_B__reason"] == "not_delivered"
    assert pd.isna(f.loc["0001", "norm_A__reason"])


def test_to_frame_english_labels_and_repr():
    d = frame(A=[1.0, 2.0, 3.0, 4.0, 5.0])
    res = composite_index(d, IndexSpec(["A"], classes=ClassScheme("quantiles", k=5)))
    f = res.to_frame()
    assert f.loc["0005", "class"] == "Quintil 1 (am stärksten benachteiligt)"
    assert f.loc["0005", "class_code"] == "1" and f.loc["0001", "class_code"] == "5"
    assert res.to_frame("en").loc["0001", "class"] == "Quintile 5 (least deprived)"
    assert "most deprived=['0005'" in repr(res)
    assert "<table" in res._repr_html_()
    assert f.attrs["policy"] == sr.ConfidentialityPolicy()


def test_errors():
    d = frame(A=[1.0, 2.0, 3.0])
    with pytest.raises(ColumnError, match="'B'"):
        composite_index(d, IndexSpec(["A", "B"]))
    with pytest.raises(ConfigError, match="Did you mean 'zscore'"):
        IndexSpec(["A"], normalisation="zscor")
    with pytest.raises(ConfigError, match="explicit"):
        IndexSpec(["A"], weighting="explicit")
    with pytest.raises(MissingDataError, match="at least 3"):
        composite_index(frame(A=[1.0, 2.0]), IndexSpec(["A"]))
    with pytest.raises(ConfigError, match="city value"):
        composite_index(d, IndexSpec(["A"], normalisation="distance"))
    res = composite_index(d, IndexSpec(["A"], normalisation="distance", reference={"A": 2.0},
                                       classes=None))
    np.testing.assert_allclose(res.score.to_numpy(), [-50.0, 0.0, 50.0])


def test_from_toml_text_and_file(tmp_path):
    text = """
name = "Test"
normalisation = "minmax"
weighting = "explicit"
population = "EW"
min_population = 10
[classes]
method = "sd"
cuts = [-1, 1]
labels = ["gut", "mittel", "schlecht"]
[[indicators]]
column = "A"
weight = 2
[[indicators]]
column = "B"
direction = -1
weight = 1
theme = "Arbeit"
"""
    spec = IndexSpec.from_toml(text)
    assert spec.columns == ["A", "B"] and spec.indicators[1].direction == -1
    assert spec.classes.class_labels() == ("gut", "mittel", "schlecht")
    p = tmp_path / "index.toml"
    p.write_text(text, encoding="utf-8")
    assert IndexSpec.from_toml(p) == spec
    with pytest.raises(ConfigError, match="unknown keys 'normalization'"):
        IndexSpec.from_toml('normalization = "zscore"\n[[indicators]]\ncolumn = "A"\n')
    with pytest.raises(ConfigError, match="does not exist"):
        IndexSpec.from_toml(tmp_path / "nope.toml")
    preset = IndexSpec.from_toml('preset = "berlin_mss_status"\ncolumns = ["a", "b", "c"]\n')
    assert preset.columns == ["a", "b", "c"] and preset.classes.cuts == (-1.0, 1.0, 1.5)


def test_diagnostics_by_hand():
    d = frame(A=[1.0, 2.0, 3.0, 4.0], B=[2.0, 1.0, 4.0, 3.0], C=[4.0, 3.0, 2.0, 1.0])
    diag = index_diagnostics(d, IndexSpec([IndexIndicator("A"), IndexIndicator("B"),
                                           IndexIndicator("C", -1)]))
    # oriented C = -C is perfectly correlated with A; corr(A, B) = 0.6
    assert diag.correlation.loc["A", "C"] == pytest.approx(1.0)
    assert diag.correlation.loc["A", "B"] == pytest.approx(0.6)
    rbar = (0.6 + 0.6 + 1.0) / 3
    assert diag.cronbach_alpha == pytest.approx(3 * rbar / (1 + 2 * rbar))
    # eigenvalues of [[1,.6,1],[.6,1,.6],[1,.6,1]]: 0 and (3 +- sqrt(1 + 8 * .36)) / 2
    lam = (3 + math.sqrt(1 + 8 * 0.36)) / 2
    assert diag.explained_variance.iloc[0] == pytest.approx(lam / 3)
    assert diag.explained_variance.iloc[2] == pytest.approx(0.0, abs=1e-12)


values = st.floats(0.0, 100.0, allow_nan=False, allow_infinity=False)


@st.composite
def tables(draw, min_rows=4, max_rows=12):
    n = draw(st.integers(min_rows, max_rows))
    cols = {c: draw(st.lists(values, min_size=n, max_size=n)) for c in ("A", "B", "C")}
    for c in cols:
        assume(np.std(cols[c]) > 1e-3)
    return frame(**cols)


@settings(max_examples=60, deadline=None)
@given(tables(), st.randoms(use_true_random=False),
       st.sampled_from(["zscore", "minmax", "percentile", "rank", "imd_exponential"]))
def test_index_invariant_to_row_order(d, rnd, norm):
    spec = IndexSpec(["A", "B", "C"], normalisation=norm)
    order = list(d.index)
    rnd.shuffle(order)
    a = composite_index(d, spec).to_frame()
    b = composite_index(d.loc[order], spec).to_frame().loc[d.index]
    np.testing.assert_allclose(a["score"], b["score"], rtol=1e-9, atol=1e-12)
    assert a["rank"].tolist() == b["rank"].tolist()
    assert a["class"].tolist() == b["class"].tolist()


@settings(max_examples=80, deadline=None)
@given(tables(), st.integers(0, 3), st.floats(0.01, 50.0), st.sampled_from(["A", "B", "C"]))
def test_index_monotone_in_positive_direction_indicator(d, row, delta, col):
    spec = sr.presets.berlin_mss_status(["A", "B", "C"], population=None, min_population=0)
    key = d.index[row]
    up = d.copy()
    up.loc[key, col] = up.loc[key, col] + delta
    before = composite_index(d, spec)
    after = composite_index(up, spec)
    # the area's rank can only get better (smaller number = more deprived) or stay
    assert after.rank[key] <= before.rank[key]
    # and its raw (unstandardised) aggregated score rises
    assert after.contributions.loc[key].sum() >= before.contributions.loc[key].sum() - 1e-12


@settings(max_examples=60, deadline=None)
@given(tables(min_rows=5), st.lists(st.integers(100, 1000), min_size=12, max_size=12))
def test_zscores_mean_zero_sd_one_over_included_areas(d, pops):
    d = d.assign(EW=pops[: len(d)])
    included = d["EW"] >= 300
    assume(included.sum() >= 3)
    for c in ("A", "B", "C"):
        assume(d.loc[included, c].std(ddof=0) > 1e-3)
    res = composite_index(d, sr.presets.berlin_mss_status(["A", "B", "C"], population="EW"))
    z = res.normalised.loc[included.to_numpy()]
    np.testing.assert_allclose(z.mean(), 0.0, atol=1e-9)
    np.testing.assert_allclose(z.std(ddof=0), 1.0, rtol=1e-9)
    s = res.score[included.to_numpy()]
    assert res.score[~included.to_numpy()].isna().all()
    if s.std(ddof=0) > 1e-9:
        assert s.mean() == pytest.approx(0.0, abs=1e-9)
        assert s.std(ddof=0) == pytest.approx(1.0, rel=1e-9)


def test_contract_input_not_mutated_index_kept_same_seed():
    d = frame(A=[1.0, 5.0, 3.0, 2.0, 9.0], B=[2.0, 3.0, 1.0, 5.0, 4.0], EW=[400] * 5)
    before = d.copy()
    spec = sr.presets.berlin_mss_status(["A", "B"], population="EW")
    res = composite_index(d, spec)
    sens = sr.sensitivity_analysis(d, spec, runs=30, seed=2)
    pd.testing.assert_frame_equal(d, before)
    assert res.to_frame().index.equals(d.index) and sens.table.index.equals(d.index)
    assert res.to_frame().index.name == "SR_NR"


def test_index_errors_speak_german_and_english():
    d = frame(A=[1.0, np.nan, 3.0, 4.0], B=[1.0, 2.0, np.nan, 1.0])
    d["A__reason"] = pd.Categorical([None, "suppressed", None, None], dtype=REASON_DTYPE)
    with pytest.raises(MissingDataError) as info:
        composite_index(d, IndexSpec(["A", "B"]))
    de, en = info.value.message("de"), str(info.value)
    assert "2 Sozialräume haben fehlende Indikatorwerte: '0002' (A: keine Angabe " \
        "(Geheimhaltung)); '0003' (B: fehlt). Mit missing='reweight'" in de
    assert "2 area(s) have missing indicator values: '0002' (A: suppressed); '0003' " \
        "(B: missing). Set missing='reweight'" in en
    with pytest.raises(ColumnError) as info:
        composite_index(d, IndexSpec(["A", "C"]))
    assert "Spalten fehlen in den Daten: 'C'. Vorhanden: 'A', 'B'." in info.value.message("de")
    assert "columns not in the data: 'C'. Available: 'A', 'B'." in str(info.value)
    with pytest.raises(ConfigError) as info:
        IndexSpec.from_toml('name = "x"\nnormalisierung = "zscore"\n')
    assert info.value.message("de").startswith(
        "Der TOML-Text: unbekannte Schlüssel 'normalisierung'. Bekannt: "
    )
    assert str(info.value).startswith("the TOML text: unknown keys 'normalisierung'. Known: ")
    with pytest.raises(ConfigError) as info:
        normalise(np.array([1.0, 2.0]), "distance")
    assert "(IndexSpec(reference={column: value}))" in info.value.message("de")
    assert "(IndexSpec(reference={column: value}))" in str(info.value)

