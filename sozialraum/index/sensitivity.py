"""Diagnostics and uncertainty/sensitivity analysis of a composite index (OECD/JRC handbook)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sozialraum._util.choices import check_choice
from sozialraum.errors import ConfigError
from sozialraum.index.composite import IndexSpec, _core, _prepare, _rank_desc
from sozialraum.index.normalise import AGGREGATIONS, NORMALISATIONS, WEIGHTINGS

__all__ = ["IndexDiagnostics", "SensitivityResult", "index_diagnostics", "sensitivity_analysis"]


@dataclass(frozen=True, repr=False)
class IndexDiagnostics:
    """Correlation matrix, Cronbach's alpha and PCA of the oriented indicators.

    Attributes
    ----------
    correlation : DataFrame
        Pearson correlations of the oriented indicator values (included areas
        with complete values).
    cronbach_alpha : float
        ``k / (k - 1) * (1 - sum(var_i) / var(sum))`` on the z-standardised
        oriented values (sample variances), i.e. the standardised alpha.
    explained_variance : Series
        Share of variance of each principal component of the correlation
        matrix (eigenvalues / k, descending).
    loadings : DataFrame
        Eigenvectors (columns PC1..PCk; sign fixed so the largest entry is positive).
    n_areas : int
    """

    correlation: pd.DataFrame
    cronbach_alpha: float
    explained_variance: pd.Series
    loadings: pd.DataFrame
    n_areas: int

    def to_frame(self) -> pd.DataFrame:
        """The correlation matrix with the explained variance as an extra row."""
        out = self.correlation.copy()
        out.loc["explained_variance"] = self.explained_variance.to_numpy()
        return out

    def __repr__(self) -> str:
        ev = ", ".join(f"{v:.2f}" for v in self.explained_variance)
        return (f"IndexDiagnostics(n_areas={self.n_areas}, cronbach_alpha="
                f"{self.cronbach_alpha:.3f}, explained_variance=[{ev}])")


def index_diagnostics(data: pd.DataFrame, spec: IndexSpec) -> IndexDiagnostics:
    """Diagnostics reviewers ask for: correlations, Cronbach's alpha, PCA.

    Uses the areas the index would include (population threshold applied) and
    of those the ones with complete values.
    """
    _, x, *_ = _prepare(data, spec)
    x = x[~np.isnan(x).any(axis=1)]
    cols = spec.columns
    k = len(cols)
    if k < 2:
        raise ConfigError.from_key("index.diagnostics_two")
    corr = np.corrcoef(x, rowvar=False)
    z = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
    alpha = k / (k - 1) * (1 - z.var(axis=0, ddof=1).sum() / z.sum(axis=1).var(ddof=1))
    vals, vecs = np.linalg.eigh(corr)
    order = np.argsort(vals)[::-1]
    vals, vecs = vals[order], vecs[:, order]
    for j in range(k):
        if vecs[np.argmax(np.abs(vecs[:, j])), j] < 0:
            vecs[:, j] = -vecs[:, j]
    pcs = [f"PC{j + 1}" for j in range(k)]
    return IndexDiagnostics(
        correlation=pd.DataFrame(corr, index=cols, columns=cols),
        cronbach_alpha=float(alpha),
        explained_variance=pd.Series(vals / k, index=pcs, name="explained_variance"),
        loadings=pd.DataFrame(vecs, index=cols, columns=pcs),
        n_areas=len(x),
    )


@dataclass(frozen=True, repr=False)
class SensitivityResult:
    """Result of :func:`sensitivity_analysis`.

    Attributes
    ----------
    table : DataFrame
        Per area: ``base_rank``, ``median_rank``, ``rank_p05``, ``rank_p95``
        (5 and 95 % of the Monte Carlo ranks), ``share_worst_class`` (share of
        runs in the most deprived class), ``share_base_class`` (share of runs in
        the class of the base spec) and ``robust`` (``share_base_class >=
        robust_threshold``). Excluded areas are missing.
    runs, seed : int
    alternatives : dict
        The normalisations, weightings and aggregations drawn from.
    robust_threshold : float
    spec : IndexSpec
    """

    table: pd.DataFrame
    runs: int
    seed: int
    alternatives: dict
    robust_threshold: float
    spec: IndexSpec

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    @property
    def policy(self):
        """The confidentiality policy of the spec."""
        return self.spec.policy

    @property
    def non_robust(self) -> list:
        """Keys of the areas whose class is not robust."""
        t = self.table
        return t.index[t["robust"].eq(False).fillna(False).to_numpy(dtype=bool)].tolist()

    def __repr__(self) -> str:
        return (f"SensitivityResult({self.spec.name!r}: runs={self.runs}, seed={self.seed}, "
                f"{len(self.non_robust)} non-robust area(s): {self.non_robust[:5]})")

    def _repr_html_(self) -> str:
        return self.table.sort_values("median_rank").to_html()


def sensitivity_analysis(
    data: pd.DataFrame,
    spec: IndexSpec,
    *,
    runs: int = 1000,
    seed: int = 1,
    normalisations: Sequence[str] | None = None,
    weightings: Sequence[str] | None = None,
    aggregations: Sequence[str] | None = None,
    robust_threshold: float = 0.75,
) -> SensitivityResult:
    """Monte Carlo uncertainty analysis over normalisations, weights and aggregations.

    Every run draws (uniformly, seeded) one normalisation, one weighting and
    one aggregation and recomputes the index with the rest of `spec`
    unchanged (same areas, themes, score normalisation and class scheme).
    ``random`` weighting multiplies the spec's weights by factors drawn
    uniformly from [0.5, 1.5] and renormalises.

    Defaults: normalisations ``zscore, minmax, percentile, rank,
    imd_exponential`` (+ ``distance`` if the spec has city values);
    weightings ``equal, pca, random`` (+ ``theme`` if the spec has themes,
    ``explicit`` if it has explicit weights); aggregations ``arithmetic,
    geometric``.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"A": [1., 2., 3., 4., 9.], "B": [2., 1., 4., 3., 8.]},
    ...                  index=list("abcde"))
    >>> r = sensitivity_analysis(d, IndexSpec(["A", "B"]), runs=50, seed=3)
    >>> float(r.table.loc["e", "median_rank"])
    1.0
    """
    if not isinstance(runs, int) or runs < 1:
        raise ConfigError.from_key("index.runs", given=repr(runs))
    included, x, _, _, _ = _prepare(data, spec)
    if normalisations is None:
        normalisations = ["zscore", "minmax", "percentile", "rank", "imd_exponential"]
        if spec.reference:
            normalisations.append("distance")
    if weightings is None:
        weightings = ["equal", "pca", "random"]
        if spec.themes:
            weightings.append("theme")
        if spec.weighting == "explicit":
            weightings.append("explicit")
    if aggregations is None:
        aggregations = list(AGGREGATIONS)
    for n in normalisations:
        check_choice("normalisation", n, NORMALISATIONS)
    for w in weightings:
        check_choice("weighting", w, WEIGHTINGS)
    for a in aggregations:
        check_choice("aggregation", a, AGGREGATIONS)
    if "pca" in weightings and np.isnan(x).any(axis=1).sum() > len(x) - 3:
        weightings = [w for w in weightings if w != "pca"]
    rng = np.random.default_rng(seed)
    classes = spec.classes
    published_scale = spec.score_scale * (-1.0 if spec.higher_is_better else 1.0)
    base = _core(spec, x, spec.normalisation, spec.weighting, spec.aggregation)
    base_rank = _rank_desc(base["deprivation"])
    base_class = (classes.classify(base["deprivation"], published_scale=published_scale)
                  if classes else None)
    worst = classes.n_classes - 1 if classes else None
    ranks = np.empty((runs, len(x)))
    in_worst = np.zeros(len(x))
    in_base = np.zeros(len(x))
    for r in range(runs):
        nm = normalisations[rng.integers(len(normalisations))]
        wt = weightings[rng.integers(len(weightings))]
        ag = aggregations[rng.integers(len(aggregations))]
        res = _core(spec, x, nm, wt, ag, rng=rng)
        d = res["deprivation"]
        ranks[r] = _rank_desc(d)
        if classes is not None:
            lev = classes.classify(d, published_scale=published_scale)
            in_worst += lev == worst
            in_base += lev == base_class
    idx = data.index
    n = len(idx)

    def full(arr):
        out = np.full(n, np.nan)
        out[included] = arr
        return out

    table = pd.DataFrame(index=idx)
    table["base_rank"] = full(base_rank)
    table["median_rank"] = full(np.median(ranks, axis=0))
    table["rank_p05"] = full(np.percentile(ranks, 5, axis=0))
    table["rank_p95"] = full(np.percentile(ranks, 95, axis=0))
    if classes is not None:
        table["share_worst_class"] = full(in_worst / runs)
        table["share_base_class"] = full(in_base / runs)
        rob = full((in_base / runs >= robust_threshold).astype(float))
        table["robust"] = pd.array([None if np.isnan(v) else bool(v) for v in rob],
                                   dtype="boolean")
    return SensitivityResult(
        table=table, runs=runs, seed=seed,
        alternatives={"normalisations": tuple(normalisations), "weightings": tuple(weightings),
                      "aggregations": tuple(aggregations)},
        robust_threshold=robust_threshold, spec=spec,
    )



