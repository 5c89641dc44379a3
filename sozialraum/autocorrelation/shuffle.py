"""Permutation distributions of global Moran's I and Geary's C (private numba kernels).

Hand-written because neither esda nor numpy offers it fast: esda's ``Moran``/``Geary``
call ``np.random.permutation`` in a Python loop and evaluate each permutation with numpy
(the spatial lag with the sparse matrix; Geary: the squared differences over the edge
list, several temporary arrays per permutation), and the numpy version this module
replaced (one matrix of permuted values per block, ``W @ Z.T``) spent most of its time
materialising that matrix:
only 1.2x (Moran) and 2.7x (Geary) faster than esda in CPU time at 100,000 areas with
999 permutations; this kernel is 7.7x and 11.7x faster.
Here one compiled loop per permutation shuffles a working copy of the values in place
(Fisher-Yates, drawn by a splitmix64 generator inside the kernel, bounded integers by
Lemire's unbiased multiply-and-reject method) and sums the statistic over the linked
pairs i < j (``W + W'``, upper triangle), without allocating anything per permutation
(benchmarks/results/autocorrelation.md).

Reproducibility: the kernel's generator is seeded from ``numpy.random.default_rng(seed)``
(one 64-bit draw), so the same seed gives the same permutations on every platform and
numba version; ``seed=None`` gives fresh ones. Shuffling the previous permutation again
is a uniform random permutation too (Fisher-Yates is uniform from any start), so the
permutations are independent draws from the randomisation distribution.

numba is imported on the first permutation test only (the first global Moran of a fresh
process: 0.42 s CPU with the compiled kernels in numba's on-disk cache, 0.81 s when it
compiles them, once per environment; benchmarks/results/cold_start.md): ``import
sozialraum``, the local statistics and analytical global statistics stay free of it.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import scipy.sparse as sp

__all__ = ["geary_sums", "moran_sums", "splitmix_state"]

_MASK32 = 0xFFFFFFFF


def splitmix_state(seed) -> np.uint64:
    """The kernel generator's start state from a seed (anything ``default_rng`` takes)."""
    rng = np.random.default_rng(seed)
    return np.uint64(rng.integers(0, 2**64 - 1, dtype=np.uint64, endpoint=True))


def _shuffle(v, state):
    """Fisher-Yates shuffle of `v` in place; returns the new generator state.

    splitmix64 (Steele, Lea & Flood 2014) as the generator; the bounded draw in
    0..i uses the upper 32 bits of a draw and Lemire's (2019) rejection, so it has no
    modulo bias (bounds are below 2**32: at most 4 billion areas).
    """
    golden = np.uint64(0x9E3779B97F4A7C15)
    m1 = np.uint64(0xBF58476D1CE4E5B9)
    m2 = np.uint64(0x94D049BB133111EB)
    mask = np.uint64(_MASK32)
    s30, s27, s31, s32 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(32)
    for i in range(len(v) - 1, 0, -1):
        bound = np.uint64(i + 1)
        while True:
            state = state + golden
            x = state
            x = (x ^ (x >> s30)) * m1
            x = (x ^ (x >> s27)) * m2
            x = x ^ (x >> s31)
            m = (x >> s32) * bound
            low = m & mask
            if low >= bound:
                break
            # rare (probability < bound / 2**32): reject the draws of the biased range
            if low >= ((mask - bound + np.uint64(1)) % bound):
                break
        j = np.int64(m >> s32)
        t = v[i]
        v[i] = v[j]
        v[j] = t
    return state


def _moran(values, rows, cols, pairs, permutations, state):
    """``z'Wz`` for `permutations` random permutations z of `values`.

    ``z'Wz = sum_{i<j} (w_ij + w_ji) z_i z_j`` over the upper triangle of ``W + W'``
    (``rows``, ``cols``, ``pairs``): half the entries of W, and one flat loop instead of
    a loop per row, whose varying lengths cost branch mispredictions (measured at
    100,000 areas: 0.30 ms instead of 1.08 ms per pass). Two permutations (``a``, ``b``)
    share a pass over the pairs (0.38 instead of 0.48 ms per permutation, shuffles
    included); an odd last one is computed as a pair and its partner dropped.
    """
    a = values.copy()
    b = values.copy()
    out = np.empty(permutations)
    for p in range(0, permutations, 2):
        state = _shuffle_jit(a, state)
        state = _shuffle_jit(b, state)
        x = 0.0
        y = 0.0
        for k in range(len(rows)):
            i = rows[k]
            j = cols[k]
            c = pairs[k]
            x += c * a[i] * a[j]
            y += c * b[i] * b[j]
        out[p] = x
        if p + 1 < permutations:
            out[p + 1] = y
    return out


def _geary(values, rows, cols, pairs, permutations, state):
    """``sum_ij w_ij (z_i - z_j)^2`` for `permutations` random permutations z of `values`.

    ``= sum_{i<j} (w_ij + w_ji) (z_i - z_j)^2``, over the same pairs and two
    permutations per pass, as :func:`_moran`.
    """
    a = values.copy()
    b = values.copy()
    out = np.empty(permutations)
    for p in range(0, permutations, 2):
        state = _shuffle_jit(a, state)
        state = _shuffle_jit(b, state)
        x = 0.0
        y = 0.0
        for k in range(len(rows)):
            i = rows[k]
            j = cols[k]
            c = pairs[k]
            da = a[i] - a[j]
            db = b[i] - b[j]
            x += c * da * da
            y += c * db * db
        out[p] = x
        if p + 1 < permutations:
            out[p + 1] = y
    return out


_shuffle_jit = None


@lru_cache(maxsize=1)
def _kernels():
    global _shuffle_jit
    # numba: heavy (about 0.5 s to import), needed only when permutations are asked for
    import numba

    _shuffle_jit = numba.njit(cache=True, nogil=True)(_shuffle)
    moran = numba.njit(cache=True, nogil=True)(_moran)
    geary = numba.njit(cache=True, nogil=True)(_geary)
    return moran, geary


def _pairs(w) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, w_ij + w_ji) for i < j: the upper triangle of ``W + W'``, sorted by i."""
    upper = sp.triu(w + w.T, k=1).tocsr()
    upper.sort_indices()
    upper = upper.tocoo()
    index = np.int32 if w.shape[0] < 2**31 else np.int64
    return (
        np.ascontiguousarray(upper.row, dtype=index),
        np.ascontiguousarray(upper.col, dtype=index),
        np.ascontiguousarray(upper.data, dtype=np.float64),
    )


def moran_sums(values: np.ndarray, w, permutations: int, seed) -> np.ndarray:
    """``z'Wz`` of `permutations` random permutations of `values` (w: CSR, no diagonal).

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> w = sp.csr_matrix(np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=float))
    >>> sums = moran_sums(np.array([-1.0, 0.0, 1.0]), w, 200, seed=1)
    >>> sorted(set(np.round(sums, 12).tolist()))  # the middle value is -1, 0 or 1
    [-2.0, 0.0]
    """
    moran, _ = _kernels()
    return moran(
        np.ascontiguousarray(values, dtype=np.float64),
        *_pairs(w),
        int(permutations),
        splitmix_state(seed),
    )


def geary_sums(values: np.ndarray, w, permutations: int, seed) -> np.ndarray:
    """``sum_ij w_ij (z_i - z_j)^2`` of `permutations` random permutations of `values`."""
    _, geary = _kernels()
    return geary(
        np.ascontiguousarray(values, dtype=np.float64),
        *_pairs(w),
        int(permutations),
        splitmix_state(seed),
    )
