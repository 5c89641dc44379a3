"""Conditional-permutation engine for local statistics (private).

For area *i* with neighbours N(i) (|N(i)| = k) and weights w_ij, the observed
neighbour sum is ``s_i = sum_j w_ij v_j``. Under the null hypothesis of spatial
randomness, conditional on v_i, every set of k values drawn *without replacement*
from the other n-1 values is equally likely. Local Moran's I_i (= v_i/m2 * s_i) and
Gi* (= v_i + s_i with binary weights) are monotone in s_i, so the two tails
P(S >= s_i) and P(S <= s_i) are all we need.

* **Exact enumeration** when the row's weights are all equal and there are at most
  ``exact_limit`` (200,000) neighbour sets C(n-1, k): every set is summed (the
  index arrays are cached per (n-1, k)). P(S >= s) is then the exact fraction.
* **Pooled sampling** (the default) for rows whose weights are all equal (binary or
  row-standardised contiguity, knn): one sequence of random k-subsets of all n values
  per distinct neighbour count k, its sums sorted once; area i rejects the subsets
  that contain i itself and uses the first `permutations` others, so it gets exactly
  `permutations` draws from its conditional permutation distribution (a uniform
  k-subset of n values that misses i is a uniform k-subset of the n-1 others).
  Without the rejection a subset would contain i with probability k/n and bias the
  tails by up to k/n (0.6 % at n = 1,000, k = 6); with it there is no approximation.
  P(S >= s) by ``np.searchsorted``: O(P k log P) per k + O(n log P) instead of
  O(n P). See :func:`_pooled`.
* **Per-area sampling** for the other rows (``pooled=False``: for all rows, the
  seeded results of sozialraum 0.1): `permutations` draws per area, numpy-vectorised in chunks
  of areas. As in esda, one matrix of random draws (permutations x k_max, without
  replacement from 0..n-2) is shared by all areas; index j >= i is shifted by one so
  that area i itself is never drawn. P(S >= s) = (#{S* >= s} + 1) / (permutations + 1).

Ties are counted robustly: S* equal to s up to ``rtol * max(1, |s|)`` (values are
standardised first) counts on both sides. This matters for areas with one
neighbour, where S* = s exactly for the true neighbour, but a rescaled statistic
may differ from it in the last bit (esda's p_sim misses these ties).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from sozialraum.autocorrelation.inference import CORRECTIONS
from sozialraum.weights import choice_error

EXACT_LIMIT = 200_000
RTOL = 1e-9


@dataclass(frozen=True)
class TailProbabilities:
    """Per-area tail probabilities of the conditional permutation distribution."""

    p_ge: np.ndarray  # P(S >= s)
    p_le: np.ndarray  # P(S <= s)
    min_p: np.ndarray  # smallest attainable two-sided p-value
    method: np.ndarray  # "exact", "permutation" or "island" (object array)
    n_sets: np.ndarray  # number of neighbour sets (float; may be huge)

    @property
    def two_sided(self) -> np.ndarray:
        """min(1, 2 * min(P(S >= s), P(S <= s))); NaN for islands."""
        return np.minimum(1.0, 2.0 * np.minimum(self.p_ge, self.p_le))


@lru_cache(maxsize=32)
def _combos(m: int, k: int) -> np.ndarray:
    """All k-subsets of range(m), lexicographic, as an int array (C(m, k), k) (read-only).

    Built column by column with numpy (no Python loop over the subsets): each prefix
    ending in `last` is extended by last+1 .. m-k+j, so that it can still be completed.
    """
    rows = np.arange(m - k + 1, dtype=np.int32)[:, None]
    for j in range(1, k):
        last = rows[:, -1].astype(np.int64)
        counts = np.maximum(m - k + j - last, 0)
        total = int(counts.sum())
        ends = np.cumsum(counts)
        offsets = np.arange(total) - np.repeat(ends - counts, counts)
        new = (np.repeat(last + 1, counts) + offsets).astype(np.int32)
        rows = np.hstack([np.repeat(rows, counts, axis=0), new[:, None]])
    rows.flags.writeable = False
    return rows


def _draws(rng: np.random.Generator, m: int, permutations: int, kmax: int) -> np.ndarray:
    """(permutations, kmax) indices in 0..m-1, without replacement within a row."""
    if kmax == 0:
        return np.empty((permutations, 0), dtype=np.int64)
    if permutations * m <= 8_000_000:
        # random keys, take the kmax smallest: a uniform random k-subset in random order
        keys = rng.random((permutations, m))
        part = np.argpartition(keys, kmax - 1, axis=1)[:, :kmax]
        order = np.argsort(np.take_along_axis(keys, part, axis=1), axis=1)
        return np.take_along_axis(part, order, axis=1).astype(np.int64)
    if kmax * kmax <= m // 4:
        # large m, few neighbours: draw with replacement, redraw the rare rows with a repeat
        out = rng.integers(0, m, size=(permutations, kmax), dtype=np.int64)
        while True:
            s = np.sort(out, axis=1)
            bad = (np.diff(s, axis=1) == 0).any(axis=1)
            if not bad.any():
                return out
            out[bad] = rng.integers(0, m, size=(int(bad.sum()), kmax), dtype=np.int64)
    # large m and many neighbours (wide distance bands): one draw per row
    return np.stack([rng.choice(m, size=kmax, replace=False) for _ in range(permutations)])


def conditional_tails(
    values: np.ndarray,
    weights: sp.csr_matrix,
    permutations: int,
    rng: np.random.Generator,
    *,
    exact_limit: int = EXACT_LIMIT,
    rtol: float = RTOL,
    pooled: bool = True,
) -> TailProbabilities:
    """Tail probabilities of the neighbour sum for every area.

    Parameters
    ----------
    values : (n,) float array
        Standardised values (the engine does not rescale them).
    weights : (n, n) CSR matrix
        Off-diagonal weights (the diagonal must be empty); explicit zeros removed.
    permutations : int
        Draws per area where enumeration is not possible (0: no sampling; those
        areas get NaN).
    rng : numpy Generator
    pooled : bool, default True
        Sample rows with equal weights from one sorted null distribution per
        neighbour count (:func:`_pooled`, O(n log P)); False: the per-area engine for
        every sampled row (the results before version 0.2, same distribution).
    """
    n = len(values)
    m = n - 1
    w = weights.tocsr()
    indptr, indices, data = w.indptr, w.indices, w.data
    card = np.diff(indptr)
    p_ge = np.full(n, np.nan)
    p_le = np.full(n, np.nan)
    min_p = np.full(n, np.nan)
    n_sets = np.full(n, np.nan)
    code = np.zeros(n, dtype=np.int8)  # 0 island, 1 exact, 2 permutation

    has = card > 0
    starts = indptr[:-1][has]
    equal = np.zeros(n, dtype=bool)
    if len(starts):
        rmax = np.maximum.reduceat(data, starts)
        rmin = np.minimum.reduceat(data, starts)
        equal[has] = np.abs(rmax - rmin) <= 1e-12 * np.abs(rmax)
    ks_all = np.unique(card[has])
    comb = {int(k): math.comb(m, int(k)) for k in ks_all}
    perm = {int(k): math.perm(m, int(k)) for k in ks_all}
    count_arr = np.full(n, np.inf)
    for k in ks_all:
        sel = card == k
        count_arr[sel & equal] = float(comb[int(k)])
        count_arr[sel & ~equal] = float(perm[int(k)])
    n_sets[has] = count_arr[has]
    exact = has & equal & (count_arr <= exact_limit)
    for i in np.flatnonzero(exact):
        k = int(card[i])
        count = comb[k]
        nb = indices[indptr[i] : indptr[i + 1]]
        others = np.delete(values, i)
        sums = others[_combos(m, k)].sum(axis=1)
        obs = values[nb].sum()
        tol = rtol * max(1.0, abs(obs))
        p_ge[i] = np.count_nonzero(sums >= obs - tol) / count
        p_le[i] = np.count_nonzero(sums <= obs + tol) / count
        top, bottom = sums.max(), sums.min()
        tail_top = np.count_nonzero(sums >= top - rtol * max(1.0, abs(top))) / count
        tail_bottom = np.count_nonzero(sums <= bottom + rtol * max(1.0, abs(bottom))) / count
        min_p[i] = min(1.0, 2.0 * min(tail_top, tail_bottom))
    code[exact] = 1
    rest = has & ~exact
    code[rest] = 2
    method = np.array(["island", "exact", "permutation"], dtype=object)[code]
    min_p[rest] = np.minimum(1.0, np.maximum(2.0 / (permutations + 1), 2.0 / count_arr[rest]))
    sampled = np.flatnonzero(rest)
    if pooled and len(sampled) and permutations > 0:
        fast = sampled[equal[sampled]]
        _pooled(values, indptr, indices, card, fast, permutations, rng, rtol, p_ge, p_le)
        sampled = sampled[~equal[sampled]]

    if len(sampled) and permutations > 0:
        idx = np.asarray(sampled)
        kmax = int(card[idx].max())
        draws = _draws(rng, m, permutations, kmax)
        # value drawn for area i at draw d: values[d] if d < i else values[d + 1];
        # stored draw-major (kmax, permutations) so that the sums run over contiguous rows
        dT = np.ascontiguousarray(draws.T)
        below = values[dT]
        above = values[np.minimum(dT + 1, n - 1)]
        # areas grouped by their number of neighbours: no padding, one k per block
        idx = idx[np.argsort(card[idx], kind="stable")]
        ks = card[idx]
        for k in np.unique(ks):
            group = idx[ks == k]
            chunk = max(1, int(2_000_000 // permutations))
            for start in range(0, len(group), chunk):
                areas = group[start : start + chunk]
                rows = indptr[areas][:, None] + np.arange(k)
                wk = data[rows]  # (c, k) weights in CSR order
                obs = np.einsum("ck,ck->c", wk, values[indices[rows]])
                equal_rows = bool(np.all(wk == wk[:, :1]))
                sims = np.zeros((len(areas), permutations))
                col = areas[:, None]
                for t in range(k):
                    picked = np.where(dT[t] >= col, above[t], below[t])
                    if equal_rows:
                        sims += picked
                    else:
                        sims += picked * wk[:, t : t + 1]
                if equal_rows:
                    sims *= wk[:, :1]
                tol = rtol * np.maximum(1.0, np.abs(obs))[:, None]
                ge = np.count_nonzero(sims >= obs[:, None] - tol, axis=1)
                le = np.count_nonzero(sims <= obs[:, None] + tol, axis=1)
                p_ge[areas] = (ge + 1) / (permutations + 1)
                p_le[areas] = (le + 1) / (permutations + 1)
    return TailProbabilities(p_ge=p_ge, p_le=p_le, min_p=min_p, method=method, n_sets=n_sets)


def _subsets(rng: np.random.Generator, n: int, rows: int, k: int) -> np.ndarray:
    """(rows, k) indices in 0..n-1, a uniform random k-subset per row (no repeats in a row)."""
    if k * k <= n // 4:
        # few neighbours among many areas: with replacement, redraw the rare rows with a repeat
        out = rng.integers(0, n, size=(rows, k), dtype=np.int64)
        while k > 1:
            s = np.sort(out, axis=1)
            bad = (np.diff(s, axis=1) == 0).any(axis=1)
            if not bad.any():
                break
            out[bad] = rng.integers(0, n, size=(int(bad.sum()), k), dtype=np.int64)
        return out
    # random keys, the k smallest per row: a uniform random k-subset (in chunks of rows)
    chunk = max(1, 8_000_000 // n)
    parts = []
    for start in range(0, rows, chunk):
        keys = rng.random((min(chunk, rows - start), n))
        parts.append(np.argpartition(keys, k - 1, axis=1)[:, :k].astype(np.int64))
    return np.concatenate(parts)


def _pooled(values, indptr, indices, card, areas, permutations, rng, rtol, p_ge, p_le) -> None:
    """Sampled tails of equal-weight rows from one sorted pool per neighbour count k.

    Hand-written (no library offers it): the per-area engine costs O(n P); this one
    O(P k log P) per distinct k plus O(n log P) for the binary searches.

    For each k the same sequence of k-subsets D_1, D_2, ... of *all* n values is drawn
    once and its sums are sorted. For area i the subsets containing i itself are
    rejected and the first P subsets that do not contain it are used: conditional on
    not containing i, a uniform k-subset of n values is a uniform k-subset of the n-1
    others, so area i gets exactly P draws from exactly the conditional permutation
    distribution (no approximation; without the rejection the pool would include i
    with probability k/n per subset and bias the tails by up to k/n). P(S >= s) is
    counted with ``np.searchsorted`` in the sorted sums of D_1..D_P, corrected by the
    few subsets that contain i (expected P k/n of them) and the reserve subsets
    D_{P+1}.. that replace them. The row's common weight cancels: the unweighted
    neighbour sum is compared. Draws are shared between areas, as in esda's
    conditional permutation (one random matrix for all areas).
    """
    n = len(values)
    areas = areas[np.argsort(card[areas], kind="stable")]
    ks = card[areas]
    for k in np.unique(ks):
        k = int(k)
        group = areas[ks == k]
        g = len(group)
        rows = indptr[group][:, None] + np.arange(k)
        obs = values[indices[rows]].sum(axis=1)
        tol = rtol * np.maximum(1.0, np.abs(obs))
        lam = permutations * k / (n - k)  # expected rejections among the first P
        reserve = int(np.ceil(lam + 8.0 * np.sqrt(lam + 1.0) + 8))
        draws = _subsets(rng, n, permutations + reserve, k)
        while True:
            total = len(draws)
            # the subsets containing a member of the group: (group position, draw number)
            pos = np.full(n, -1, dtype=np.int64)
            pos[group] = np.arange(g)
            hit = pos[draws.ravel()]
            keep = hit >= 0
            key = np.sort(hit[keep] * total + np.repeat(np.arange(total), k)[keep])
            who = np.unique(key // total)  # the (few) areas with a rejected subset
            base = who * total
            first = np.searchsorted(key, base, side="left")
            # t: rejections among the first P + t subsets (a fixed point, few steps)
            t = np.zeros(len(who), dtype=np.int64)
            while True:
                t_new = np.searchsorted(key, base + permutations + t, side="left") - first
                if np.array_equal(t_new, t):
                    break
                t = t_new
            if permutations + int(t.max(initial=0)) <= total:
                break
            draws = np.concatenate([draws, _subsets(rng, n, reserve, k)])
        sums = values[draws].sum(axis=1)
        head = np.sort(sums[:permutations])
        ge = permutations - np.searchsorted(head, obs - tol, side="left")
        le = np.searchsorted(head, obs + tol, side="right")
        # areas with rejections: the reserve subsets in, the rejected ones out
        o_obs, o_tol = obs[who], tol[who]
        for o in range(int(t.max(initial=0))):
            sel = t > o
            val = sums[permutations + o]
            ge[who[sel]] += val >= o_obs[sel] - o_tol[sel]
            le[who[sel]] += val <= o_obs[sel] + o_tol[sel]
        area_s = key // total
        when_s = key - area_s * total
        slot = np.searchsorted(who, area_s)
        used = when_s < permutations + t[slot]
        area_s, slot, val = area_s[used], slot[used], sums[when_s[used]]
        np.subtract.at(ge, area_s, val >= o_obs[slot] - o_tol[slot])
        np.subtract.at(le, area_s, val <= o_obs[slot] + o_tol[slot])
        p_ge[group] = (ge + 1) / (permutations + 1)
        p_le[group] = (le + 1) / (permutations + 1)


def adjust(p: np.ndarray, correction: str, cardinality: np.ndarray) -> np.ndarray:
    """Multiple-testing adjustment of p-values; NaN entries are not part of the family.

    "none"; "bonferroni" (p * m); "fdr" (Benjamini-Hochberg step-up adjusted p-values);
    "spdep" (p.adjustSP with bonferroni: p * (k_i + 1), k_i = number of neighbours).
    All capped at 1.
    """
    p = np.asarray(p, dtype=float)
    out = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return out
    q = p[ok]
    if correction == "none":
        res = q
    elif correction == "bonferroni":
        res = q * m
    elif correction == "fdr":
        order = np.argsort(q, kind="stable")
        ranked = q[order] * m / np.arange(1, m + 1)
        ranked = np.minimum.accumulate(ranked[::-1])[::-1]
        res = np.empty(m)
        res[order] = ranked
    elif correction == "spdep":
        res = q * (np.asarray(cardinality, dtype=float)[ok] + 1.0)
    else:  # pragma: no cover - validated by Inference
        raise choice_error(
            "stats.choice", "stats.choice_hint", "correction", correction, CORRECTIONS
        )
    out[ok] = np.minimum(1.0, res)
    return out


def best_adjusted(min_p: np.ndarray, correction: str, cardinality: np.ndarray) -> np.ndarray:
    """The smallest adjusted p-value each area could reach (for the 'testable' flag).

    For Bonferroni the family size multiplies; for spdep the per-area k_i + 1; for FDR
    the best case is that every area reaches its minimum, where the BH adjustment of
    the largest of them is the value itself, so the bound is min_p (optimistic on
    purpose: 'untestable' must never be claimed for a testable area).
    """
    min_p = np.asarray(min_p, dtype=float)
    m = int((~np.isnan(min_p)).sum())
    if correction == "bonferroni":
        return np.minimum(1.0, min_p * m)
    if correction == "spdep":
        return np.minimum(1.0, min_p * (np.asarray(cardinality, dtype=float) + 1.0))
    return min_p
