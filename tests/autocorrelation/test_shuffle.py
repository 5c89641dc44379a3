"""Tests of :mod:`sozialraum.autocorrelation.shuffle` (the global permutation kernels).

The kernels' permutations are checked for uniformity (every order of 4 values equally
often), their sums against numpy on the same permutation, and the distributions of Moran's
I and Geary's C they give against the exact randomisation moments (spdep's moran.test and
geary.test values, tests/data/spdep/) and against esda's permutation distribution (a
two-sample Kolmogorov-Smirnov test). Seeds are fixed, so the outcomes are reproducible.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.stats import chisquare, ks_2samp
from support.spdep import districts, graph, ref

import sozialraum as sr
from sozialraum.autocorrelation import shuffle


def test_fisher_yates_gives_every_order_equally_often():
    shuffle._kernels()
    v = np.array([0.0, 1.0, 2.0, 3.0])
    state = shuffle.splitmix_state(5)
    orders = {p: 0 for p in itertools.permutations(range(4))}
    draws = 24_000
    for _ in range(draws):
        state = shuffle._shuffle_jit(v, state)
        orders[tuple(int(x) for x in v)] += 1
    assert sorted(v) == [0.0, 1.0, 2.0, 3.0]  # a permutation, nothing lost
    counts = np.array(list(orders.values()))
    assert counts.min() > 0
    # the seed is fixed: this is one reproducible draw, not a flaky check
    assert chisquare(counts).pvalue > 0.001


def test_bounded_draws_cover_large_ranges():
    # the last position of a long vector must be able to receive any element
    shuffle._kernels()
    n = 100_000
    v = np.arange(n, dtype=float)
    shuffle._shuffle_jit(v, shuffle.splitmix_state(1))
    assert np.array_equal(np.sort(v), np.arange(n))
    # a uniform shuffle moves almost every element (expected fixed points: 1)
    assert np.count_nonzero(v == np.arange(n)) < 10


def _path_weights(n: int) -> sp.csr_matrix:
    rows = np.r_[np.arange(n - 1), np.arange(1, n)]
    cols = np.r_[np.arange(1, n), np.arange(n - 1)]
    w = sp.csr_matrix((np.ones(2 * (n - 1)), (rows, cols)), shape=(n, n))
    return sp.diags(1 / np.asarray(w.sum(axis=1)).ravel()) @ w


def test_sums_equal_numpy_on_unequal_asymmetric_weights():
    # one permutation of 2 values is the identity or the swap: both sums known by hand
    w = sp.csr_matrix(np.array([[0.0, 0.25], [4.0, 0.0]]))
    z = np.array([-1.0, 2.0])
    m = shuffle.moran_sums(z, w, 50, seed=3)
    g = shuffle.geary_sums(z, w, 50, seed=3)
    np.testing.assert_allclose(np.unique(m), [z @ (w @ z)])  # symmetric in the swap
    np.testing.assert_allclose(np.unique(g), [(0.25 + 4.0) * 9.0])
    # row-standardised chain: every sum is one of z_p' W z_p over the permutations
    w = _path_weights(5)
    z = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    possible = {round(float(np.array(p) @ (w @ np.array(p))), 9) for p in itertools.permutations(z)}
    sums = shuffle.moran_sums(z, w, 301, seed=1)
    assert len(sums) == 301
    assert {round(float(s), 9) for s in sums} <= possible


def test_same_seed_same_permutations_other_seed_others():
    w = _path_weights(50)
    z = np.random.default_rng(0).normal(size=50)
    a = shuffle.moran_sums(z, w, 99, seed=11)
    np.testing.assert_array_equal(a, shuffle.moran_sums(z, w, 99, seed=11))
    assert not np.array_equal(a, shuffle.moran_sums(z, w, 99, seed=12))
    assert len(shuffle.geary_sums(z, w, 7, seed=None)) == 7


@pytest.mark.parametrize(
    ("dataset", "weights", "variable"),
    [("columbus", "queen", "CRIME"), ("sids2", "rook", "SIDR79")],
)
def test_permutation_moments_equal_spdep_randomisation_moments(dataset, weights, variable):
    """Mean and variance of 20,000 permutations vs E[I], VarI_rand (moran.test) and
    E[C] = 1, VarC_rand (geary.test): the exact moments of the randomisation distribution."""
    y, g = districts(dataset)[variable], graph(dataset, weights)
    perms = 20_000
    for stat, kind, e_col, v_col in (
        (sr.global_moran, "moran_global", "EI", "VarI_rand"),
        (sr.global_geary, "geary_global", "EC", "VarC_rand"),
    ):
        r = ref(dataset, weights, kind, variable).iloc[0]
        res = stat(y, g, permutations=perms, seed=2)
        sims = res.simulated
        assert len(sims) == perms
        se_mean = math.sqrt(r[v_col] / perms)
        assert abs(sims.mean() - r[e_col]) < 4 * se_mean
        # the variance of a variance estimate: about sqrt(2 / P) relative (+ kurtosis)
        assert sims.var(ddof=1) == pytest.approx(r[v_col], rel=0.06)


def test_permutation_distribution_equals_esdas():
    """Our 4,999 permuted I (and C) against esda's 4,999 (two-sample KS, fixed seeds)."""
    import esda

    y, g = districts("columbus")["HOVAL"], graph("columbus", "queen")
    w = g.graph.to_W()
    np.random.seed(3)  # noqa: NPY002  (esda draws from numpy's global generator)
    em = esda.Moran(y.to_numpy(), w, permutations=4999)
    np.random.seed(4)  # noqa: NPY002
    eg = esda.Geary(y.to_numpy(), w, permutations=4999)
    gm = sr.global_moran(y, g, permutations=4999, seed=5)
    gc = sr.global_geary(y, g, permutations=4999, seed=6)
    assert gm.statistic == pytest.approx(em.I, rel=1e-9)
    assert gc.statistic == pytest.approx(eg.C, rel=1e-9)
    assert ks_2samp(gm.simulated, em.sim).pvalue > 0.01
    assert ks_2samp(gc.simulated, eg.sim).pvalue > 0.01
    # the pseudo p-values agree within Monte-Carlo error (two estimates of 4,999 each)
    p = max(em.p_sim, 1 / 5000)
    assert abs(gm.p_value - em.p_sim) <= 4 * math.sqrt(2 * p * (1 - p) / 4999) + 2e-4
