"""Our weights and statistics against R spdep 1.2-7 (tests/data/spdep, see its README).

Deterministic quantities agree to 1e-9 relative; exact permutation p-values equal the
complete enumeration in ``*_localmoran_exactperm.csv`` to 1e-9; sampled permutation
p-values agree with exact or spdep values within 3 Monte-Carlo standard errors.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

import sozialraum as sr
from sozialraum.autocorrelation import permutation as _permutation

DATA = Path(__file__).parent / "data" / "spdep"
DATASETS = {"columbus": ["CRIME", "HOVAL", "INC"], "sids2": ["SIDR74", "SIDR79"]}
WEIGHTS = {"queen": "queen", "rook": "rook", "knn6": "knn"}
CASES = [(d, w) for d in DATASETS for w in WEIGHTS]
VAR_CASES = [(d, w, v) for d, w in CASES for v in DATASETS[d]]
RTOL = 1e-9


@cache
def districts(dataset: str) -> gpd.GeoDataFrame:
    g = gpd.read_file(DATA / f"{dataset}.gpkg").set_index("fid0")
    # the reference data have no CRS; state a projected one, as a user would
    return g.set_crs("EPSG:3857", allow_override=True)


@cache
def graph(dataset: str, weights: str):
    return sr.spatial_weights(districts(dataset), WEIGHTS[weights])


def ref(dataset: str, weights: str, what: str, variable: str | None = None) -> pd.DataFrame:
    frame = pd.read_csv(DATA / f"{dataset}__{weights}__{what}.csv")
    if variable is not None:
        frame = frame[frame["variable"] == variable].drop(columns="variable")
        if "fid0" in frame:
            frame = frame.set_index("fid0")
    return frame


def local(dataset, weights, variable, **kw):
    # n >= 30 here: no SmallSampleWarning (filterwarnings=error would turn it into a failure)
    return sr.local_moran(districts(dataset)[variable], graph(dataset, weights), **kw)


# --- neighbours ---------------------------------------------------------------------------


@pytest.mark.parametrize(("dataset", "weights"), CASES)
def test_neighbour_sets_equal_spdep(dataset, weights):
    edges = ref(dataset, weights, "nb_edges")
    adj = graph(dataset, weights).adjacency.reset_index()
    ours = set(zip(adj["focal"], adj["neighbor"], strict=True))
    theirs = set(zip(edges["from_fid0"], edges["to_fid0"], strict=True))
    assert ours == theirs
    # row-standardised weights equal spdep style "W"
    w = adj.set_index(["focal", "neighbor"])["weight"]
    w_ref = edges.set_index(["from_fid0", "to_fid0"])["w_W"]
    np.testing.assert_allclose(w.loc[w_ref.index].to_numpy(), w_ref.to_numpy(), rtol=1e-12)


@pytest.mark.parametrize("dataset", DATASETS)
def test_planar_centroids_equal_sf(dataset):
    from sozialraum.weights import _centroids

    c = _centroids(districts(dataset).geometry)
    r = pd.read_csv(DATA / f"{dataset}__centroids.csv").set_index("fid0")
    np.testing.assert_allclose(c.x.to_numpy(), r["cx"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(c.y.to_numpy(), r["cy"].to_numpy(), rtol=1e-12)


@pytest.mark.parametrize(("dataset", "weights"), CASES)
def test_summary_matches_manifest(dataset, weights):
    import json

    meta = json.loads((DATA / "MANIFEST.json").read_text())["datasets"][dataset][weights]
    s = sr.weights_summary(graph(dataset, weights))
    assert s.n_links == meta["n_links"]
    assert s.min_neighbours == meta["min_card"]
    assert s.max_neighbours == meta["max_card"]
    assert s.mean_neighbours == pytest.approx(meta["mean_card"], rel=1e-12)
    assert s.n_components == meta["n_components"]
    assert s.symmetric == meta["symmetric"]
    assert list(s.islands) == meta["islands"]


# --- global statistics ----------------------------------------------------------------------


@pytest.mark.parametrize(("dataset", "weights", "variable"), VAR_CASES)
def test_global_moran_equals_moran_test(dataset, weights, variable):
    r = ref(dataset, weights, "moran_global", variable).iloc[0]
    gm = sr.global_moran(districts(dataset)[variable], graph(dataset, weights), permutations=0)
    got = [
        gm.statistic,
        gm.expected,
        gm.variance,
        gm.z_score,
        gm.p_value_randomisation,
        gm.variance_normality,
        gm.z_normality,
        gm.p_value_normality,
    ]
    want = [
        r.I,
        r.EI,
        r.VarI_rand,
        r.Z_rand,
        r.p_rand_greater,
        r.VarI_norm,
        r.Z_norm,
        r.p_norm_greater,
    ]
    np.testing.assert_allclose(got, want, rtol=RTOL)
    assert gm.p_value == gm.p_value_randomisation  # analytical when permutations=0


@pytest.mark.parametrize(("dataset", "weights", "variable"), VAR_CASES)
def test_global_moran_permutation_p_within_3_se_of_moran_mc(dataset, weights, variable):
    r = ref(dataset, weights, "moran_global", variable).iloc[0]
    gm = sr.global_moran(
        districts(dataset)[variable], graph(dataset, weights), permutations=9999, seed=7
    )
    # moran.mc's p is 1/(nsim+1) lower than (#>= + 1)/(nsim+1) (MANIFEST known_differences)
    p_spdep = min(1.0, r.p_mc_greater + 1 / 10000) if r.p_mc_greater > 1e-4 else 1e-4
    p = max(p_spdep, 1e-4)
    se = np.sqrt(2 * p * (1 - p) / 9999)  # two independent estimates
    assert abs(gm.p_value - p_spdep) <= 3 * se + 1e-4
    # the permutation distribution's moments match moran.mc's
    assert np.mean(gm.simulated) == pytest.approx(r.mc_mean, abs=4 * np.sqrt(r.mc_var / 9999))
    assert np.var(gm.simulated, ddof=1) == pytest.approx(r.mc_var, rel=0.05)


@pytest.mark.parametrize(("dataset", "weights", "variable"), VAR_CASES)
def test_global_geary_equals_geary_test(dataset, weights, variable):
    r = ref(dataset, weights, "geary_global", variable).iloc[0]
    gc = sr.global_geary(districts(dataset)[variable], graph(dataset, weights), permutations=0)
    got = [
        gc.statistic,
        gc.expected,
        gc.variance,
        gc.z_score,
        gc.p_value_randomisation,
        gc.variance_normality,
        gc.z_normality,
        gc.p_value_normality,
    ]
    want = [
        r.C,
        r.EC,
        r.VarC_rand,
        r.Z_rand,
        r.p_rand_greater,
        r.VarC_norm,
        r.Z_norm,
        r.p_norm_greater,
    ]
    np.testing.assert_allclose(got, want, rtol=RTOL)


@pytest.mark.parametrize(("dataset", "weights", "variable"), VAR_CASES[:3])
def test_global_geary_permutation_p_within_3_se_of_geary_mc(dataset, weights, variable):
    r = ref(dataset, weights, "geary_global", variable).iloc[0]
    gc = sr.global_geary(
        districts(dataset)[variable], graph(dataset, weights), permutations=9999, seed=11
    )
    p = max(r.p_mc_greater, 1e-4)  # geary.mc: mc_rank/(nsim+1) = (#<= incl. observed)/(nsim+1)
    se = np.sqrt(2 * p * (1 - p) / 9999)
    assert abs(gc.p_value - r.p_mc_greater) <= 3 * se + 1e-4


# --- local Moran ----------------------------------------------------------------------------


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


@pytest.mark.parametrize(("dataset", "weights", "variable"), VAR_CASES)
def test_quadrants_and_scatterplot_equal_spdep(dataset, weights, variable):
    r = ref(dataset, weights, "quadrant", variable)
    lm = local(dataset, weights, variable, permutations=0)
    clear = ~r["near_zero"].to_numpy()
    assert (lm.quadrant.to_numpy()[clear] == r["quadrant"].to_numpy()[clear]).all()
    np.testing.assert_allclose(lm.z.to_numpy(), r["z"].to_numpy(), rtol=RTOL)
    np.testing.assert_allclose(lm.lag.to_numpy(), r["lag_z"].to_numpy(), rtol=RTOL, atol=1e-15)
    gm = sr.global_moran(districts(dataset)[variable], graph(dataset, weights), permutations=0)
    np.testing.assert_allclose(
        gm.scatter["lag"].to_numpy(), r["lag_z"].to_numpy(), rtol=RTOL, atol=1e-15
    )


EXACT_CASES = [(d, w, v) for d, w, v in VAR_CASES if w != "knn6"]


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


# --- Gi* ------------------------------------------------------------------------------------


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
