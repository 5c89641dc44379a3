"""The R spdep reference values (tests/data/spdep/), shared by tests/test_weights.py and
tests/autocorrelation/: datasets, weights, cached reference tables."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

import sozialraum as sr

DATA = Path(__file__).resolve().parents[1] / "data" / "spdep"


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


EXACT_CASES = [(d, w, v) for d, w, v in VAR_CASES if w != "knn6"]

