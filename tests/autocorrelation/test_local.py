"""Tests of :mod:`sozialraum.autocorrelation.local`.

LISA and Gi*: exact and sampled p-values by hand, corrections, islands, small n, the demo
city's hotspot, and R spdep's localmoran / localG (tests/data/spdep/).
"""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from support.autocorrelation import GRAPH, GRID, _noisy_grid, chain, grid, island_city
from support.spdep import DATASETS, EXACT_CASES, RTOL, VAR_CASES, districts, graph, local, ref

import sozialraum as sr
from sozialraum.errors import ConfigError, InputError, MissingDataError, SmallSampleWarning


def quiet(fn, *args, **kw):
    """Call a local statistic on a small test city, asserting the small-n warning."""
    with pytest.warns(SmallSampleWarning, match="areas"):
        return fn(*args, **kw)


Y8 = [1.0, 9.0, 2.0, 9.0, 3.0, 4.0, 5.0, 6.0]


def test_local_moran_exact_p_with_ties_by_hand():
    d = chain(8)
    y = pd.Series(Y8, index=d.index)
    lm = quiet(sr.local_moran, y, sr.spatial_weights(d, "rook"), permutations=99, correction="none")
    # area '01' has one neighbour ('02', value 9); the other 7 values: 9,2,9,3,4,5,6
    others = Y8[1:]
    p_ge = sum(v >= 9 for v in others) / 7  # the two 9s tie: 2/7
    p_le = sum(v <= 9 for v in others) / 7
    assert lm.p_value["01"] == pytest.approx(min(1, 2 * min(p_ge, p_le)), rel=1e-12)
    assert lm.p_value["01"] == pytest.approx(4 / 7)
    assert lm.inference["01"] == "exact"
    # area '04' (value 9) has neighbours '03' (2) and '05' (3): enumerate all pairs
    rest = [v for k, v in enumerate(Y8) if k != 3]
    sums = [a + b for a, b in itertools.combinations(rest, 2)]
    obs = 2.0 + 3.0
    ge = sum(s >= obs - 1e-12 for s in sums) / len(sums)
    le = sum(s <= obs + 1e-12 for s in sums) / len(sums)
    assert lm.p_value["04"] == pytest.approx(min(1, 2 * min(ge, le)), rel=1e-12)
    # the smallest attainable p: 2 * (ties at the extreme) / number of sets
    assert lm.min_p_attainable["01"] == pytest.approx(2 * min(2 / 7, 1 / 7))
    top = max(sums)
    assert lm.min_p_attainable["04"] == pytest.approx(
        min(1, 2 * min(sums.count(top), sums.count(min(sums))) / len(sums))
    )


def test_unequal_weights_are_sampled_and_agree_with_brute_force():
    """Inverse-distance weights: no enumeration; compare with a plain Monte-Carlo loop."""
    from libpysal.graph import Graph

    d = grid(6, 6)
    xy = np.column_stack([d.geometry.centroid.x, d.geometry.centroid.y])
    dist = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    heads, tails = np.nonzero((dist > 0) & (dist <= 250.0))
    keys = np.asarray(d.index)
    # inverse-distance weights within 250 m: unequal within a row
    g = Graph.from_arrays(keys[heads], keys[tails], 1.0 / dist[heads, tails])
    rng = np.random.default_rng(4)
    y = pd.Series(rng.normal(size=36), index=d.index)
    lm = sr.local_moran(y, g, permutations=9999, seed=3, correction="none")
    has = lm.n_neighbours > 0
    assert (lm.inference[has] == "permutation").all()
    k = int(lm.n_neighbours["0202"])
    assert lm.to_frame().loc["0202", "min_p_attainable"] == pytest.approx(2 / 10000)
    # brute force for area '0202': draw k of the other 35 values, weight them in order
    v = lm.z.to_numpy()
    i = list(d.index).index("0202")
    csr = sp.csr_matrix(g.sparse)
    w_i = csr.data[csr.indptr[i] : csr.indptr[i + 1]]
    nb = csr.indices[csr.indptr[i] : csr.indptr[i + 1]]
    obs = w_i @ v[nb]
    others = np.delete(v, i)
    brute = np.random.default_rng(99)
    sims = np.array([w_i @ brute.choice(others, k, replace=False) for _ in range(20000)])
    p_ge, p_le = np.mean(sims >= obs), np.mean(sims <= obs)
    p_bf = min(1, 2 * min(p_ge, p_le))
    pf = min(p_ge, p_le)
    se = 2 * math.sqrt(pf * (1 - pf) * (1 / 20000 + 1 / 9999))
    assert lm.p_value["0202"] == pytest.approx(p_bf, abs=3 * se + 2e-4)


def test_untestable_areas_are_said_to_be_untestable():
    d = chain(8)
    y = pd.Series(Y8, index=d.index)
    lm = quiet(sr.local_moran, y, sr.spatial_weights(d, "rook"), permutations=999, correction="fdr")
    f = lm.to_frame()
    # two neighbours among 8 areas: at most C(7, 2) = 21 sets, min p >= 2/21 > 0.05
    assert not f["testable"].any()
    assert (f["cluster"] == "untestable").all()
    assert (f["label"] == "nicht testbar (zu wenige Gebiete)").all()
    assert (lm.to_frame(lang="en")["label"] == "not testable (too few areas)").all()


def test_local_moran_corrections_recorded():
    d = grid(6, 6)
    y = pd.Series([float(i % 6 + i // 6) for i in range(36)], index=d.index)
    g = sr.spatial_weights(d, "queen")
    res = {
        c: sr.local_moran(y, g, permutations=999, seed=2, correction=c)
        for c in ("none", "bonferroni", "fdr", "spdep")
    }
    p = res["none"].p_value
    assert res["none"].p_adjusted.equals(p)
    np.testing.assert_allclose(res["bonferroni"].p_adjusted, np.minimum(1, p * 36))
    np.testing.assert_allclose(
        res["spdep"].p_adjusted, np.minimum(1, p * (res["none"].n_neighbours + 1))
    )
    for c, r in res.items():
        assert r.correction == c and r.permutations == 999 and r.seed == 2 and r.alpha == 0.05
    lab = res["fdr"].to_frame().loc["0505", "label"]
    assert lab == "Hotspot (hoch-hoch), p ≤ 0,05 (FDR)"
    assert res["bonferroni"].to_frame(lang="en").loc["0000", "label"].endswith("(Bonferroni)")
    assert "FDR" in res["fdr"].describe() and "999 Permutationen" in res["fdr"].describe()
    assert "9.999 Permutationen" in sr.local_moran(y, g, permutations=9999).describe()


def test_gstar_by_hand():
    d = grid(4, 4)
    rng = np.random.default_rng(3)
    x = rng.normal(10, 3, size=16)
    g = sr.spatial_weights(d, "queen")
    gs = quiet(sr.local_gstar, pd.Series(x, index=d.index), g, permutations=99, correction="none")
    n = 16
    s = math.sqrt(((x - x.mean()) ** 2).sum() / n)
    nb = {k: set(v) for k, v in g.neighbors.items()}
    keys = list(d.index)
    for i, key in enumerate(keys):
        members = [i] + [keys.index(k) for k in nb[key]]
        wi = len(members)
        z = (x[members].sum() - wi * x.mean()) / (s * math.sqrt((n * wi - wi**2) / (n - 1)))
        assert gs.z_score[key] == pytest.approx(z, rel=1e-12)
        assert gs.statistic[key] == pytest.approx(x[members].sum() / x.sum(), rel=1e-12)
    # corner '0000' has 3 neighbours: exact enumeration over C(15, 3) sets of the others
    others = np.delete(x, 0)
    obs = x[[keys.index(k) for k in nb["0000"]]].sum()
    sums = np.array([sum(c) for c in itertools.combinations(others, 3)])
    ge, le = np.mean(sums >= obs - 1e-9), np.mean(sums <= obs + 1e-9)
    assert gs.p_value["0000"] == pytest.approx(min(1, 2 * min(ge, le)), rel=1e-12)
    assert gs.inference["0000"] == "exact"


def test_gstar_bins_and_labels():
    d = grid(6, 6)
    y = pd.Series([float(i % 6 + i // 6) for i in range(36)], index=d.index)
    gs = sr.local_gstar(y, sr.spatial_weights(d, "queen"), permutations=999, seed=1)
    f = gs.to_frame()
    assert f.loc["0505", "cluster"] == "hot99" and f.loc["0505", "bin"] == 3
    assert f.loc["0000", "cluster"] == "cold99" and f.loc["0000", "bin"] == -3
    assert f.loc["0505", "label"] == "Hotspot (99 %), p ≤ 0,01 (FDR)"
    assert set(f["cluster"]) <= {"hot99", "hot95", "hot90", "ns", "cold90", "cold95", "cold99"}
    assert ((f["bin"] > 0) == f["cluster"].str.startswith("hot")).all()
    assert gs.alpha == 0.10 and gs.levels == (0.01, 0.05, 0.10)


def test_island_local_results():
    d = island_city()
    rng = np.random.default_rng(5)
    y = pd.Series(rng.normal(size=26), index=d.index)
    g = sr.spatial_weights(d, "queen")
    lm = quiet(sr.local_moran, y, g, permutations=99)
    f = lm.to_frame()
    assert f.loc["9901", "cluster"] == "island"
    assert f.loc["9901", "label"] == "keine Nachbarn"
    assert np.isnan(f.loc["9901", "p_value"]) and np.isnan(f.loc["9901", "p_adjusted"])
    assert f.loc["9901", "statistic"] == 0 and np.isnan(f.loc["9901", "z_score"])
    assert not np.signbit(f.loc["9901", "statistic"])  # 0.0, never "-0.000000"
    assert pd.isna(f.loc["9901", "quadrant"])  # no neighbours: no lag, no quadrant
    # the island is not part of the FDR family: 25 tests
    bonf = quiet(sr.local_moran, y, g, permutations=99, correction="bonferroni")
    np.testing.assert_allclose(
        bonf.p_adjusted.drop("9901"), np.minimum(1, lm.p_value.drop("9901") * 25)
    )
    gs = quiet(sr.local_gstar, y, g, permutations=99)
    assert gs.cluster["9901"] == "island" and gs.bin["9901"] == 0
    assert gs.to_frame().loc["9901", "label"] == "keine Nachbarn"
    # z of an island uses the self weight only, as spdep: (x - mean) / s
    s = math.sqrt(((y - y.mean()) ** 2).sum() / 26)
    assert gs.z_score["9901"] == pytest.approx((y["9901"] - y.mean()) / s, rel=1e-12)


@settings(max_examples=25, deadline=None)
@given(order=st.permutations(range(16)), seed=st.integers(0, 2**16))
def test_results_invariant_under_row_reordering(order, seed):
    y = pd.Series(np.random.default_rng(seed).normal(size=16), index=GRID.index)
    shuffled = GRID.iloc[list(order)]
    g2 = sr.spatial_weights(shuffled, "queen")
    y2 = y.iloc[list(order)]
    assert sr.global_moran(y2, g2, permutations=0).statistic == pytest.approx(
        sr.global_moran(y, GRAPH, permutations=0).statistic, rel=1e-12
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)  # 16 areas, warned elsewhere
        a = sr.local_moran(y, GRAPH, permutations=0).to_frame()
        b = sr.local_moran(y2, g2, permutations=0).to_frame()
    pd.testing.assert_frame_equal(a, b.loc[a.index], check_exact=False, rtol=1e-9)


@pytest.mark.parametrize("fn", ["global_moran", "global_geary", "local_moran", "local_gstar"])
def test_contract_not_mutated_index_kept_same_seed(fn):
    d = grid(7, 6)  # 42 areas, no small-n warning; interior k=8 areas are sampled
    rng = np.random.default_rng(11)
    y = pd.Series(rng.gamma(2.0, size=42), index=d.index, name="SGB2_QUOTE")
    y_rev = y.iloc[::-1].copy()
    before = y_rev.copy()
    g = sr.spatial_weights(d, "queen")
    f = getattr(sr, fn)
    r1 = f(y_rev, g, permutations=199, seed=5)
    r2 = f(y_rev, g, permutations=199, seed=5)
    pd.testing.assert_series_equal(y_rev, before)  # not mutated, order kept
    if fn.startswith("local"):
        t1, t2 = r1.to_frame(), r2.to_frame()
        assert list(t1.index) == list(g.unique_ids)  # the key, aligned to the graph
        assert t1.index.name == "SR_NR"
        pd.testing.assert_frame_equal(t1, t2)
        assert (r1.inference == "permutation").any() and (r1.inference == "exact").any()
        r3 = f(y_rev, g, permutations=199, seed=6)
        sampled = r1.inference == "permutation"
        assert not r3.p_value[sampled].equals(r1.p_value[sampled])
        assert r1.permutations == 199 and r1.seed == 5 and r1.alternative == "two-sided"
        assert "correction=" in repr(r1) and "<table" in r1._repr_html_()
    else:
        np.testing.assert_array_equal(r1.simulated, r2.simulated)
        assert r1.p_value == r2.p_value and r1.seed == 5 and r1.alternative == "greater"
        assert len(r1.to_frame()) == 1 and "p=" in repr(r1)
        assert r1.alpha == 0.05 and r1.correction == "none"
        assert "199 Permutationen, Startwert 5" in r1.describe()
        assert "one-sided (positive autocorrelation)" in r1.describe("en")


def test_bad_values_have_clear_errors():
    d = grid(6, 6)
    g = sr.spatial_weights(d, "queen")
    y = pd.Series(np.arange(36.0), index=d.index, name="SGB2")
    with pytest.raises(InputError, match=r"'0505'.*leading zeros"):
        sr.global_moran(y.drop("0505"), g)
    renamed = y.rename(index=lambda k: k.lstrip("0") or "0")
    with pytest.raises(InputError, match="not in the weights"):
        sr.local_moran(renamed, g)
    with_nan = y.copy()
    with_nan["0102"] = np.nan
    with pytest.raises(MissingDataError, match=r"'SGB2'.*'0102'"):
        sr.local_moran(with_nan, g)
    with pytest.raises(InputError, match="constant"):
        sr.global_moran(pd.Series(1.0, index=d.index), g)
    with pytest.raises(InputError, match="Series"):
        sr.global_moran(y.to_numpy(), g)
    with pytest.raises(ConfigError, match="Did you mean 'fdr'"):
        sr.local_moran(y, g, correction="fdt")
    with pytest.raises(ConfigError, match="permutations"):
        sr.local_moran(y, g, permutations=-1)
    # nullable integers (counts) are accepted
    ints = y.astype("Int64")
    assert sr.global_moran(ints, g, permutations=0).statistic == pytest.approx(
        sr.global_moran(y, g, permutations=0).statistic
    )


def test_small_sample_warning_explains_and_can_be_silenced():
    d = chain(8)
    y = pd.Series(Y8, index=d.index)
    g = sr.spatial_weights(d, "rook")
    with pytest.warns(SmallSampleWarning, match=r"only 8 areas.*C\(7, k\)"):
        sr.local_moran(y, g, permutations=9)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sr.local_moran(y, g, permutations=9, small_sample_warning=False)
        sr.local_gstar(y, g, permutations=9, small_sample_warning=False)


@pytest.fixture(scope="module")
def demo():
    datasets = pytest.importorskip("sozialraum.datasets")
    try:
        data = datasets.musterstadt(level="sozialraeume")
        truth = datasets.musterstadt_truth()
    except (sr.FileFormatError, FileNotFoundError) as err:  # demo files not generated yet
        pytest.skip(f"demo city not available: {err}")
    rate = (data["SGB2"].astype("float64") / data["EW_U65"].astype("float64")).rename("SGB2")
    return data, rate, truth


def test_demo_city_hotspot_found(demo):
    data, rate, truth = demo
    g = sr.spatial_weights(data, "queen")
    summary = sr.weights_summary(g)
    assert summary.islands == (truth["island"],)
    gm = sr.global_moran(rate, g, permutations=9999, seed=1)
    assert gm.statistic > 0.2 and gm.p_value < 0.01
    lm = sr.local_moran(
        rate, g, permutations=9999, seed=1, correction="fdr", small_sample_warning=False
    )
    f = lm.to_frame()
    hot = truth["hotspot"]
    # every designed hotspot area lies in the high-high quadrant ...
    assert (f.loc[hot, "quadrant"] == "HH").all()
    # ... its core is a significant HH cluster after FDR, and no area outside the designed
    # cluster and its neighbourhood is called a hotspot
    assert (f.loc[hot, "cluster"] == "HH").any()
    hh = set(f.index[f["cluster"] == "HH"])
    around = set(hot) | {k for h in hot for k in g.neighbors[h]}
    assert hh and hh <= around
    assert f.loc[truth["island"], "label"] == "keine Nachbarn"
    assert f.loc[truth["island"], "cluster"] == "island"
    gs = sr.local_gstar(rate, g, permutations=9999, seed=1, small_sample_warning=False)
    assert (gs.z_score[hot] > 0).all()
    assert gs.cluster[hot].str.startswith("hot").any()


def test_lisa_and_gstar_permutation_p_values_coincide_with_equal_weights():
    """Documented identity (docs/statistics.md): with x_i fixed, row-standardised LISA and
    binary Gi* are monotone in the same neighbour sum, so the exact p-values are equal."""
    g = sr.datasets.musterstadt()
    rates = sr.compute_indicators(g, sr.indicators.standard_indicators("SGB2_QUOTE"))
    graph = sr.spatial_weights(g, method="queen")
    lm = quiet(sr.local_moran, rates["SGB2_QUOTE"], graph, permutations=999, seed=3)
    gs = quiet(sr.local_gstar, rates["SGB2_QUOTE"], graph, permutations=999, seed=3)
    exact = lm.inference == "exact"
    assert exact.sum() >= 20
    np.testing.assert_allclose(gs.p_value[exact], lm.p_value[exact], rtol=1e-12)
    # the analytical (normal) p-values are different statistics and differ
    assert not np.allclose(gs.p_value_analytical[exact], lm.p_value_analytical[exact])


def test_gstar_alpha_decides_significance():
    """Defect: Gi* ignored alpha (alpha=0.05 and 0.10 gave the same clusters)."""
    y, g = _noisy_grid()
    kw = {"permutations": 999, "seed": 1, "correction": "none"}
    g10 = sr.local_gstar(y, g, alpha=0.10, **kw)
    g05 = sr.local_gstar(y, g, alpha=0.05, **kw)
    # the bins stay at the fixed ArcGIS levels: information, the same for both
    pd.testing.assert_series_equal(g10.bin, g05.bin)
    weak = g10.cluster.isin(["hot90", "cold90"])
    assert weak.any()
    assert (g05.cluster[weak] == "ns").all()
    pd.testing.assert_series_equal(g05.cluster[~weak], g10.cluster[~weak])
    spots = g05.cluster.str.match("hot|cold")
    assert spots.any() and (g05.p_adjusted[spots] <= 0.05).all()
    assert not g05.cluster.isin(["hot90", "cold90"]).any()
    assert "0,05" in g05.describe() and "0,1" in g10.describe()
    # the default alpha of Gi* (0.10) keeps all three bins, as before
    pd.testing.assert_series_equal(sr.local_gstar(y, g, **kw).cluster, g10.cluster)


@pytest.mark.parametrize(("dataset", "weights", "variable"), VAR_CASES)
def test_local_moran_equals_localmoran(dataset, weights, variable):
    r = ref(dataset, weights, "localmoran", variable)
    f = local(dataset, weights, variable, permutations=0).to_frame()
    for ours, theirs in [
        ("statistic", "Ii"),
        ("expected", "E_Ii"),
        ("variance", "Var_Ii"),
        ("z_score", "Z_Ii"),
        ("p_value_analytical", "P_Ii_two_sided"),
    ]:
        np.testing.assert_allclose(
            f[ours].to_numpy(), r.loc[f.index, theirs].to_numpy(), rtol=RTOL, err_msg=ours
        )
    # esda/pygeoda's Is is (n-1)/n of ours: the documented mlvar difference
    n = len(f)
    np.testing.assert_allclose(
        (n - 1) / n * f["statistic"].to_numpy(),
        r.loc[f.index, "Ii_mlvarFALSE"].to_numpy(),
        rtol=RTOL,
    )


@pytest.mark.parametrize(("dataset", "weights", "variable"), EXACT_CASES)
def test_exact_p_values_equal_enumeration(dataset, weights, variable):
    r = ref(dataset, weights, "localmoran_exactperm", variable)
    assert len(r) > 10
    lm = local(dataset, weights, variable, permutations=999, seed=1)
    f = lm.to_frame().loc[r.index]
    assert (f["inference"] == "exact").all()
    want = np.minimum(1.0, 2 * r["p_folded"].to_numpy())
    np.testing.assert_allclose(f["p_value"].to_numpy(), want, rtol=RTOL)
    np.testing.assert_array_equal(f["n_neighbours"].to_numpy(), r["k"].to_numpy())
    # every other area has more than 200,000 neighbour sets and is sampled
    others = lm.inference.drop(r.index)
    assert (others == "permutation").all()


@pytest.mark.parametrize(("dataset", "weights", "variable"), VAR_CASES)
def test_gstar_equals_localG_include_self(dataset, weights, variable):
    r = ref(dataset, weights, "localG_star", variable)
    gs = sr.local_gstar(districts(dataset)[variable], graph(dataset, weights), permutations=0)
    np.testing.assert_allclose(gs.z_score.to_numpy(), r["Gstar_z"].to_numpy(), rtol=RTOL)
    np.testing.assert_allclose(gs.statistic.to_numpy(), r["Gstar"].to_numpy(), rtol=RTOL)
    np.testing.assert_allclose(
        gs.p_value_analytical.to_numpy(), r["P_two_sided"].to_numpy(), rtol=RTOL
    )
    # bins from the analytical p when permutations=0, uncorrected: the ArcGIS rule by hand
    gs0 = sr.local_gstar(
        districts(dataset)[variable], graph(dataset, weights), permutations=0, correction="none"
    )
    p, z = r["P_two_sided"].to_numpy(), r["Gstar_z"].to_numpy()
    level = np.where(p <= 0.01, 3, np.where(p <= 0.05, 2, np.where(p <= 0.10, 1, 0)))
    np.testing.assert_array_equal(gs0.bin.to_numpy(), np.sign(z).astype(int) * level)


@pytest.mark.parametrize("dataset", DATASETS)
def test_gstar_z_keeps_sign_for_negative_mean(dataset):
    """Shifting to a negative mean must not flip z (esda's G_Local does)."""
    variable = DATASETS[dataset][0]
    r = ref(dataset, "queen", "localG_star", variable)
    x = districts(dataset)[variable]
    shifted = x - 10 * x.abs().max()
    assert shifted.mean() < 0
    gs = sr.local_gstar(shifted, graph(dataset, "queen"), permutations=0)
    np.testing.assert_allclose(gs.z_score.to_numpy(), r["Gstar_z"].to_numpy(), rtol=1e-8)

