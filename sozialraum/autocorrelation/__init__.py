"""Spatial autocorrelation: global Moran's I and Geary's C, local Moran (LISA), Gi*.

The formulas follow R spdep 1.2-7 (tested against it to 1e-9); where spdep and esda
disagree we follow the conventions in docs/statistics.md:

* local Moran ``Ii = z_i / m2 * sum_j w_ij z_j`` with ``m2 = sum z^2 / n`` (spdep's
  default ``mlvar=TRUE``; esda's ``Is`` is (n-1)/n of it) and the *conditional*
  analytical moments (spdep ``conditional=TRUE``);
* local p-values are two-sided conditional-permutation p-values
  ``min(1, 2 * min(P(S >= s), P(S <= s)))``, exact by enumeration where there are at
  most 200,000 neighbour sets (see :mod:`sozialraum._permutation`);
* Geary's z is positive for positive autocorrelation (spdep), esda's has the other sign;
* Gi* includes the area itself with binary weights (spdep ``localG(include.self)``)
  and its z keeps its sign for variables with a negative mean;
* areas without neighbours: global statistics use n minus the number of islands
  (spdep ``adjust.n=TRUE``); local statistics mark them "island" ("keine Nachbarn")
  with NaN p-values instead of esda's spuriously significant 1/(permutations+1).

Examples
--------
>>> import geopandas as gpd, pandas as pd
>>> from shapely.geometry import box
>>> from sozialraum.weights import spatial_weights
>>> cells = [box(x, y, x + 1, y + 1) for y in range(6) for x in range(6)]
>>> keys = pd.Index([f"{i:04d}" for i in range(36)], name="SR_NR")
>>> d = gpd.GeoDataFrame(geometry=cells, index=keys, crs=25832)
>>> y = pd.Series([float(i % 6 + i // 6) for i in range(36)], index=keys)
>>> gm = global_moran(y, spatial_weights(d, "rook"), permutations=99, seed=1)
>>> round(gm.statistic, 4), gm.p_value
(0.8889, 0.01)


Every statistic takes its settings as keywords or as one ``inference=Inference(...)``
(permutations, seed, alpha, correction, alternative; defaults and validation live in
:mod:`~sozialraum.autocorrelation.inference` only) and records them as ``.settings``.

Layout: ``inference`` (the shared settings: permutations, seed, alpha, correction,
alternative), ``global_`` (Moran's I, Geary's C), ``local`` (LISA, Gi*),
``permutation`` (the conditional permutation engine).
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
