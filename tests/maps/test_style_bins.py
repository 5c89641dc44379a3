"""The class bounds written out in maps/style.py (quantiles, equal intervals, mean and
standard deviation) agree with mapclassify, the reference they were copied from."""

from __future__ import annotations

import warnings

import mapclassify
import numpy as np
import pytest

from sozialraum.maps.style import _scheme_bins


def _samples():
    rng = np.random.default_rng(7)
    yield rng.normal(10, 3, size=25)
    yield rng.lognormal(1, 1, size=200)
    yield np.round(rng.uniform(0, 100, size=57), 0)  # ties
    yield np.array([1.0, 1.0, 1.0, 2.0, 2.0, 3.0, 9.0])  # heavy ties: fewer classes
    yield np.arange(1000, dtype=float)


@pytest.mark.parametrize("k", [2, 3, 5, 7])
@pytest.mark.parametrize("i", range(5))
def test_quantiles_as_mapclassify(i, k):
    y = list(_samples())[i]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # mapclassify warns on ties
        ref = mapclassify.Quantiles(y, k=k).bins
    np.testing.assert_allclose(_scheme_bins(y, "quantiles", k), ref, rtol=0, atol=0)


@pytest.mark.parametrize("k", [2, 3, 5, 9])
@pytest.mark.parametrize("i", range(5))
def test_equal_interval_as_mapclassify(i, k):
    y = list(_samples())[i]
    ref = mapclassify.EqualInterval(y, k=k).bins
    np.testing.assert_allclose(_scheme_bins(y, "equal_interval", k), ref, rtol=0, atol=0)


@pytest.mark.parametrize("i", range(5))
def test_std_mean_as_mapclassify(i):
    y = list(_samples())[i]
    bins = np.asarray(mapclassify.StdMean(y, multiples=[-2, -1, 1, 2]).bins, dtype=float)
    ref = np.append(bins[(bins > y.min()) & (bins < y.max())], y.max())
    np.testing.assert_allclose(_scheme_bins(y, "std_mean", 5), ref, rtol=0, atol=0)


def test_quantiles_by_hand():
    # quintiles of 1..10 with linear interpolation: 2.8, 4.6, 6.4, 8.2, 10
    y = np.arange(1.0, 11.0)
    np.testing.assert_allclose(_scheme_bins(y, "quantiles", 5), [2.8, 4.6, 6.4, 8.2, 10.0])
