"""Tests of :mod:`sozialraum.autocorrelation.permutation`.

The permutation engine: ties, forced sampling against the exact answer, p-value adjustment.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from support.autocorrelation import chain
from support.spdep import EXACT_CASES, districts, graph, local, ref

import sozialraum as sr
from sozialraum.autocorrelation import permutation as _permutation


def test_sampled_ties_are_counted_for_one_neighbour_areas():
    """Forced sampling: a drawn value equal to the neighbour's value is a tie."""
    v = np.array([0.1, 0.7, -0.3, 0.7, 0.2, -1.4])
    v = (v - v.mean()) / v.std(ddof=1)
    w = sr.spatial_weights(chain(6), "rook").sparse.tocsr()
    tails = _permutation.conditional_tails(v, w, 20000, np.random.default_rng(1), exact_limit=0)
    # area 0: neighbour value v[1]; others v[1..5]; P(S >= v[1]) = 2/5 exactly
    assert tails.p_ge[0] == pytest.approx(2 / 5, abs=3 * math.sqrt(0.24 / 20000) + 1e-4)
    assert tails.p_le[0] == pytest.approx(1.0, abs=1e-4)


def test_benjamini_hochberg_by_hand():
    p = np.array([0.01, 0.04, 0.03, 0.2, np.nan])
    out = _permutation.adjust(p, "fdr", np.zeros(5))
    np.testing.assert_allclose(out[:4], [0.04, 0.16 / 3, 0.16 / 3, 0.2])
    assert np.isnan(out[4])
    np.testing.assert_allclose(
        _permutation.adjust(p, "bonferroni", np.zeros(5))[:4], [0.04, 0.16, 0.12, 0.8]
    )
    np.testing.assert_allclose(
        _permutation.adjust(p, "spdep", np.array([1, 2, 3, 4, 0]))[:4], [0.02, 0.12, 0.12, 1.0]
    )


@pytest.mark.parametrize(("dataset", "weights", "variable"), EXACT_CASES)
def test_sampled_p_values_within_3_se_of_exact(dataset, weights, variable):
    """Force sampling where the exact answer is known: the estimates must agree."""
    r = ref(dataset, weights, "localmoran_exactperm", variable)
    g = districts(dataset)
    prep_lm = local(dataset, weights, variable, permutations=0)
    v = prep_lm.z.to_numpy()
    w = graph(dataset, weights).sparse.tocsr()
    perms = 9999
    tails = _permutation.conditional_tails(v, w, perms, np.random.default_rng(5), exact_limit=0)
    assert set(tails.method) == {"permutation"}
    pos = g.index.get_indexer(r.index)
    p_exact = np.minimum(1.0, 2 * r["p_folded"].to_numpy())
    p_hat = tails.two_sided[pos]
    pf = r["p_folded"].to_numpy()
    se = 2 * np.sqrt(pf * (1 - pf) / perms)
    # the +1 in (count+1)/(perms+1) adds at most 2/(perms+1). ~600 areas are compared
    # over all cases, so a rare |error| above 3 SE is expected by chance (p = 0.0027 each):
    # we require 3 SE for at least 95 % of the areas of a case and 4 SE for every area.
    err = np.abs(p_hat - p_exact) - 2 / (perms + 1)
    assert np.mean(err <= 3 * se) >= 0.95
    assert np.all(err <= 4 * se)

