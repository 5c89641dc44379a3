"""The pooled sampling engine of the local p-values (permutation._pooled).

References are independent of the engine: a brute-force enumeration with
itertools written out here, and the per-area engine (a different algorithm) with
other seeds. Tolerances are Monte-Carlo standard errors.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from synthetic import grid_districts

import sozialraum as sr
from sozialraum.autocorrelation import permutation as perm
from sozialraum.errors import ConfigError


def knn_matrix(n: int, k: int, seed: int, weight: float | None = None) -> sp.csr_matrix:
    """A random directed graph with k neighbours per area and equal weights 1/k."""
    rng = np.random.default_rng(seed)
    rows = np.repeat(np.arange(n), k)
    cols = np.concatenate(
        [rng.choice(np.delete(np.arange(n), i), k, replace=False) for i in range(n)]
    )
    w = sp.csr_matrix((np.full(n * k, weight or 1.0 / k), (rows, cols)), shape=(n, n))
    w.sort_indices()
    return w


def brute_force_tails(values: np.ndarray, w: sp.csr_matrix, i: int) -> tuple[float, float]:
    """P(S >= s), P(S <= s) over every k-subset of the values of the *other* areas."""
    nb = w.indices[w.indptr[i] : w.indptr[i + 1]]
    obs = values[nb].sum()
    others = np.delete(values, i)
    sums = np.array([sum(c) for c in itertools.combinations(others, len(nb))])
    tol = 1e-9 * max(1.0, abs(obs))
    return float(np.mean(sums >= obs - tol)), float(np.mean(sums <= obs + tol))


def test_pooled_equals_brute_force_enumeration_within_mc_error():
    n, k, perms = 16, 3, 20_000
    values = np.random.default_rng(4).normal(size=n)
    w = knn_matrix(n, k, seed=2)
    tails = perm.conditional_tails(values, w, perms, np.random.default_rng(9), exact_limit=0)
    assert set(tails.method) == {"permutation"}
    for i in range(n):
        ge, le = brute_force_tails(values, w, i)
        se_ge = np.sqrt(ge * (1 - ge) / perms) + 1 / perms
        se_le = np.sqrt(le * (1 - le) / perms) + 1 / perms
        assert abs(tails.p_ge[i] - ge) <= 4.5 * se_ge + 1 / (perms + 1), i
        assert abs(tails.p_le[i] - le) <= 4.5 * se_le + 1 / (perms + 1), i


def test_the_area_itself_is_never_in_its_null_distribution():
    """An extreme area: a pool that kept it would overstate its P(S >= s) badly."""
    n, k, perms = 10, 4, 40_000
    values = np.arange(n, dtype=float)
    values[0] = 100.0  # area 0 is extreme, its neighbours are the largest others
    dense = knn_matrix(n, k, seed=3).toarray()
    dense[0] = 0.0
    dense[0, [6, 7, 8, 9]] = 1 / k
    w = sp.csr_matrix(dense)
    ge, _ = brute_force_tails(values, w, 0)
    assert ge == pytest.approx(1 / 126)  # 6+7+8+9 is the largest of C(9, 4) = 126 sums
    # a pool over all n values (area 0 included): the C(9, 3) = 84 sets with 100 exceed 30
    sums_all = np.array([sum(c) for c in itertools.combinations(values, k)])
    naive = float(np.mean(sums_all >= 30 - 1e-9))
    assert naive == pytest.approx(85 / 210)
    tails = perm.conditional_tails(values, w, perms, np.random.default_rng(1), exact_limit=0)
    assert abs(tails.p_ge[0] - ge) <= 4.5 * np.sqrt(ge * (1 - ge) / perms) + 1 / (perms + 1)


def test_pooled_agrees_in_distribution_with_the_per_area_engine():
    """Standardised differences pooled - per-area behave like two independent MC runs."""
    n, k, perms = 3000, 6, 2000
    values = np.random.default_rng(11).normal(size=n)
    w = knn_matrix(n, k, seed=5)
    a = perm.conditional_tails(values, w, perms, np.random.default_rng(1))
    b = perm.conditional_tails(values, w, perms, np.random.default_rng(2), pooled=False)
    c = perm.conditional_tails(values, w, perms, np.random.default_rng(3), pooled=False)
    p = (b.p_ge + c.p_ge) / 2
    se = np.sqrt(2 * p * (1 - p) / perms) + 2 / perms
    d_pool = (a.p_ge - b.p_ge) / se
    d_self = (c.p_ge - b.p_ge) / se
    # two independent estimates: E[d^2] = 1. Draws are shared between the areas of a
    # run (in both engines, as in esda), so the errors of one run form a Brownian bridge
    # in p and mean(d^2) is spread like an Anderson-Darling statistic (mean 1, 1 % and
    # 99 % quantiles about 0.2 and 3.9): bounds at those quantiles, for both pairs
    assert 0.15 < np.mean(d_pool**2) < 4.0
    assert 0.15 < np.mean(d_self**2) < 4.0
    # the mean difference: at most 4 standard errors of one bridge's mean
    assert abs(np.mean(a.p_ge - b.p_ge)) < 4 * np.sqrt(2 * 0.25 / perms)
    flips_pool = np.mean((a.two_sided <= 0.05) != (b.two_sided <= 0.05))
    flips_self = np.mean((c.two_sided <= 0.05) != (b.two_sided <= 0.05))
    assert flips_pool <= 2 * flips_self + 0.005


def test_unequal_weights_use_the_per_area_engine():
    n = 60
    values = np.random.default_rng(2).normal(size=n)
    w = knn_matrix(n, 4, seed=1)
    w.data = np.random.default_rng(3).uniform(0.5, 2.0, size=w.nnz)  # unequal in every row
    a = perm.conditional_tails(values, w, 499, np.random.default_rng(8), exact_limit=0)
    b = perm.conditional_tails(
        values, w, 499, np.random.default_rng(8), exact_limit=0, pooled=False
    )
    np.testing.assert_array_equal(a.p_ge, b.p_ge)


def test_exact_areas_are_exact_with_either_method_and_seeds_reproduce():
    d = grid_districts(5, 5)
    y = pd.Series(np.random.default_rng(6).normal(size=25), index=d.index)
    g = sr.spatial_weights(d, "queen")
    kw = {"permutations": 999, "small_sample_warning": False}
    pooled = sr.local_moran(y, g, seed=4, **kw)
    again = sr.local_moran(y, g, seed=4, **kw)
    per_area = sr.local_moran(y, g, seed=4, method="per-area", **kw)
    pd.testing.assert_frame_equal(pooled.to_frame(), again.to_frame())
    exact = (pooled.inference == "exact").to_numpy()
    assert exact.sum() == 16  # C(24, k) <= 200,000 for k = 3, 5; not for k = 8 (interior)
    np.testing.assert_array_equal(pooled.p_value[exact], per_area.p_value[exact])
    # a brute-force check of one corner (3 neighbours)
    z = (y - y.mean()) / y.std(ddof=1)
    w = g.sparse.tocsr()
    ge, le = brute_force_tails(z.reindex(g.unique_ids).to_numpy(), w, 0)
    assert pooled.p_value.iloc[0] == pytest.approx(min(1.0, 2 * min(ge, le)), rel=1e-12)


def test_pooled_gstar_matches_per_area_within_mc_error():
    d = grid_districts(12, 12)
    rng = np.random.default_rng(3)
    y = pd.Series(rng.normal(size=len(d)) + np.arange(len(d)) / 40, index=d.index)
    g = sr.spatial_weights(d, "queen")
    a = sr.local_gstar(y, g, permutations=9999, seed=1)
    b = sr.local_gstar(y, g, permutations=9999, seed=2, method="per-area")
    p = b.p_value.to_numpy()
    se = np.sqrt(2 * p * (1 - p) / 9999) + 4 / 9999
    assert np.all(np.abs(a.p_value.to_numpy() - p) <= 5 * se)


def test_method_is_validated():
    d = grid_districts(6, 6)
    y = pd.Series(np.arange(36, dtype=float), index=d.index)
    with pytest.raises(ConfigError, match="pooled"):
        sr.local_moran(y, sr.spatial_weights(d), method="pool")
