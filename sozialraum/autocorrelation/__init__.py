"""Spatial autocorrelation: global Moran's I and Geary's C, local Moran (LISA), Gi*.

Layout: ``inference`` (the shared settings: permutations, seed, alpha, correction,
alternative), ``global_`` (Moran's I, Geary's C), ``local`` (LISA, Gi*),
``permutation`` (the conditional permutation engine).

The stage's public names are re-exported here; see the submodules for the details.
"""

from __future__ import annotations

from sozialraum.autocorrelation.global_ import (
    GlobalGearyResult,
    GlobalMoranResult,
    global_geary,
    global_moran,
    global_moran_rate,
)
from sozialraum.autocorrelation.inference import Inference
from sozialraum.autocorrelation.local import (
    LocalGstarResult,
    LocalMoranResult,
    local_gstar,
    local_moran,
)

__all__ = [
    "GlobalGearyResult",
    "GlobalMoranResult",
    "Inference",
    "LocalGstarResult",
    "LocalMoranResult",
    "global_geary",
    "global_moran",
    "global_moran_rate",
    "local_gstar",
    "local_moran",
]
