"""Fixtures shared by the test modules of this folder."""

from __future__ import annotations

import pandas as pd
import pytest
from support.demo import DEMO_DIR
from support.report import INPUTS, RAW_CSV, _sha

import sozialraum as sr
from sozialraum import config as cfgmod


@pytest.fixture(scope="session")
def input_hashes():
    return {name: _sha(DEMO_DIR / name) for name in INPUTS}


@pytest.fixture(scope="session")
def bundle(tmp_path_factory, input_hashes):
    """The full demo bundle (all maps), with 99 permutations to keep the suite fast."""
    out = tmp_path_factory.mktemp("full") / "musterstadt-ergebnis"
    return sr.run(cfgmod.demo_config(permutations=99), out=out)


@pytest.fixture(scope="session")
def region_bundle(tmp_path_factory):
    """The region demo (Musterkreis) config and its bundle, 99 permutations."""
    cfg = cfgmod.demo_config(region=True, permutations=99)
    out = tmp_path_factory.mktemp("region") / "bundle"
    return cfg, sr.run(cfg, out=out)


@pytest.fixture(scope="session")
def monitoring_bundle(tmp_path_factory):
    """The demo with [monitoring], hostile names in two areas, 99 permutations, small maps."""
    from support.monitoring import build_monitoring_bundle

    return build_monitoring_bundle(tmp_path_factory.mktemp("monitoring"))


@pytest.fixture(scope="session")
def raw_counts():
    """The demo counts for 31.12.2024, parsed straight from the CSV (not via sozialraum.io)."""
    raw = pd.read_csv(RAW_CSV, sep=";", dtype=str, encoding="utf-8-sig")
    raw = raw[raw["Stichtag"] == "31.12.2024"]
    values = raw["Wert"].str.replace("-", "0", regex=False).str.replace(",", ".", regex=False)
    raw = raw.assign(Wert=pd.to_numeric(values))
    return raw.pivot(index="SR_NR", columns="Merkmal", values="Wert")

