"""composite_index(reference="region" | "municipality") against a hand computation."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import sozialraum as sr
from sozialraum.errors import ConfigError, MissingDataError


def _data():
    rng = np.random.default_rng(4)
    ags = ["03159001"] * 5 + ["03159002"] * 4
    idx = pd.Index([f"{a}-{i:04d}" for a, i in zip(ags, [101, 102, 103, 104, 105,
                                                         101, 102, 103, 104], strict=True)],
                   name="SR_ID")
    a = rng.normal(10, 3, 9)
    a[5:] += 20  # the second municipality is much more deprived
    return pd.DataFrame({"A": a, "B": rng.normal(5, 1, 9), "AGS": ags}, index=idx)


def test_municipality_frame_equals_zscores_within_each_municipality():
    data = _data()
    spec = sr.IndexSpec(["A", "B"])
    res = sr.composite_index(data, spec, reference="municipality")
    frame = res.to_frame()
    for _, part in data.groupby("AGS"):
        za = stats.zscore(part["A"].to_numpy())  # population SD, as the index
        zb = stats.zscore(part["B"].to_numpy())
        np.testing.assert_allclose(frame.loc[part.index, "score"], (za + zb) / 2, atol=1e-12)
        np.testing.assert_allclose(frame.loc[part.index, "norm_A"], za, atol=1e-12)
        hand_rank = pd.Series(-(za + zb)).rank(method="min").astype(int).tolist()
        assert frame.loc[part.index, "rank"].tolist() == hand_rank
    assert set(frame["reference"]) == {"municipality"}
    assert frame["municipality"].tolist() == data["AGS"].tolist()
    assert res.reference == "municipality"
    assert "eigene Gemeinde (2 Gemeinden" in res.describe_reference("de")


def test_region_frame_uses_all_areas_and_is_the_default():
    data = _data()
    spec = sr.IndexSpec(["A", "B"])
    plain = sr.composite_index(data.drop(columns="AGS"), spec)
    region = sr.composite_index(data, spec, reference="region", municipality="AGS")
    za, zb = stats.zscore(data["A"].to_numpy()), stats.zscore(data["B"].to_numpy())
    np.testing.assert_allclose(region.score, (za + zb) / 2, atol=1e-12)
    pd.testing.assert_series_equal(plain.score, region.score)
    assert region.to_frame()["reference"].eq("region").all()
    assert "reference" not in plain.to_frame().columns and plain.reference == "region"
    hand_rank = pd.Series(-(za + zb)).rank(method="min").astype(int).tolist()
    assert region.rank.tolist() == hand_rank
    within = sr.composite_index(data, spec, reference="municipality")
    assert region.rank.tolist() != within.rank.tolist()
    assert "ganze Region (2 Gemeinden)" in region.describe_reference("de")


def test_municipality_frame_errors():
    data = _data()
    with pytest.raises(MissingDataError) as info:
        sr.composite_index(data.iloc[:7], sr.IndexSpec(["A", "B"]), reference="municipality")
    assert "03159002" in info.value.message("de")
    with pytest.raises(ConfigError):
        sr.composite_index(data, sr.IndexSpec(["A", "B"], weighting="pca"),
                           reference="municipality")
    with pytest.raises(KeyError) as info:
        sr.composite_index(data, sr.IndexSpec(["A"]), reference="municipality",
                           municipality="GKZ")
    assert "GKZ" in info.value.message("de")
    with pytest.raises(ConfigError):
        sr.composite_index(data, sr.IndexSpec(["A"]), reference="kreis")
