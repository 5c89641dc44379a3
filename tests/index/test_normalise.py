"""Tests of :mod:`sozialraum.index.normalise`.

Every normalisation, aggregation and the PCA weights, by hand.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from support.index import X

from sozialraum.errors import ConfigError
from sozialraum.index.normalise import aggregate_values, normalise, pca_weights


def test_zscore_population_and_sample_by_hand():
    # mean 5; population var (9 + 1 + 1 + 25) / 4 = 9 -> sd 3; sample var 36 / 3 = 12
    np.testing.assert_allclose(normalise(X, "zscore"), [-1.0, -1 / 3, -1 / 3, 5 / 3])
    s = math.sqrt(12)
    np.testing.assert_allclose(normalise(X, "zscore_sample"), [-3 / s, -1 / s, -1 / s, 5 / s])


def test_minmax_percentile_rank_by_hand():
    np.testing.assert_allclose(normalise(X, "minmax"), [0.0, 0.25, 0.25, 1.0])
    # PERCENTRANK.INC: (rank_min - 1) / (n - 1): ranks 1, 2, 2, 4
    np.testing.assert_allclose(normalise(X, "percentile"), [0.0, 1 / 3, 1 / 3, 1.0])
    np.testing.assert_allclose(normalise(X, "rank"), [1.0, 2.5, 2.5, 4.0])


def test_distance_to_city_value_by_hand():
    np.testing.assert_allclose(normalise(X, "distance", reference=5.0), [-60.0, -20, -20, 100])
    with pytest.raises(ConfigError, match="city value"):
        normalise(X, "distance")


def test_imd_exponential_by_hand():
    x = np.array([3.0, 1.0, 2.0, 4.0])
    c = 1 - math.exp(-100 / 23)
    expected = [-23 * math.log(1 - r * c) for r in (3 / 4, 1 / 4, 2 / 4, 1.0)]
    np.testing.assert_allclose(normalise(x, "imd_exponential"), expected)
    assert normalise(x, "imd_exponential")[3] == pytest.approx(100.0)


def test_nan_is_ignored_by_normalisation():
    x = np.array([2.0, np.nan, 4.0, 4.0, 10.0])
    z = normalise(x, "zscore")
    assert np.isnan(z[1])
    np.testing.assert_allclose(z[[0, 2, 3, 4]], [-1.0, -1 / 3, -1 / 3, 5 / 3])


def test_aggregations_by_hand_and_reweighting():
    v = np.array([[1.0, 4.0, 16.0], [2.0, np.nan, 8.0]])
    w = np.array([0.5, 0.25, 0.25])
    a = aggregate_values(v, w, "arithmetic")
    assert a[0] == pytest.approx(0.5 + 1 + 4)
    assert a[1] == pytest.approx((0.5 * 2 + 0.25 * 8) / 0.75)
    g = aggregate_values(v, w, "geometric")
    assert g[0] == pytest.approx(1**0.5 * 4**0.25 * 16**0.25)
    assert g[1] == pytest.approx((2**0.5 * 8**0.25) ** (1 / 0.75))
    with pytest.raises(ConfigError, match="positive"):
        aggregate_values(np.array([[0.0, 1.0]]), np.array([0.5, 0.5]), "geometric")


def test_pca_weights_by_hand():
    # two indicators: any correlation r > 0 gives PC1 = (1, 1) / sqrt 2 -> weights 1/2, 1/2
    v = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 5.0], [4.0, 3.0]])
    np.testing.assert_allclose(pca_weights(v), [0.5, 0.5])
    # three indicators, a and b identical, c independent of them (correlation 0):
    # R = [[1,1,0],[1,1,0],[0,0,1]]: eigenvalues 2, 1, 0; PC1 = (1, 1, 0)/sqrt 2
    v3 = np.array([[1.0, 1.0, 1.0], [-1.0, -1.0, 1.0], [1.0, 1.0, -1.0], [-1.0, -1.0, -1.0]])
    np.testing.assert_allclose(pca_weights(v3), [0.5, 0.5, 0.0], atol=1e-12)

