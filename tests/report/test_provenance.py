"""Tests of :mod:`sozialraum.report.provenance`.

provenance.json: inputs, config and versions, identical across folders.

Most tests look at the demo bundle built once per session (``bundle`` in
tests/report/conftest.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from support.demo import DEMO_DIR
from support.report import RAW_CSV, _sha

import sozialraum as sr
from sozialraum import config as cfgmod


def test_provenance_records_inputs_config_and_versions(bundle):
    import pandas

    p = json.loads((bundle.path / "provenance.json").read_text(encoding="utf-8"))
    inputs = {(i["role"], Path(i["path"]).name): i for i in p["inputs"]}
    b = inputs[("boundaries", "musterstadt.gpkg")]
    assert b["sha256"] == _sha(DEMO_DIR / "musterstadt.gpkg")
    n = len(sr.datasets.musterstadt())  # the current Gebietsstand (layer sozialraeume)
    assert b["rows"] == n and b["layer"] == "sozialraeume"
    t = inputs[("table", "musterstadt_statistik.csv")]
    assert t["sha256"] == _sha(RAW_CSV)
    n_lines = len([ln for ln in RAW_CSV.read_bytes().splitlines() if ln.strip()]) - 1
    assert t["rows"] == n_lines and t["rows_used"] == n
    assert inputs[("boundaries:stadtteile", "musterstadt.gpkg")]["rows"] == 11
    assert p["stichtag"] == "2024-12-31"
    assert p["inference"] == {
        "permutations": 99,
        "seed": 1,
        "alpha": 0.05,
        "correction": "fdr",
        "alternative": "two-sided",
    }
    assert "seeds" not in p
    assert p["config"]["hotspots"]["correction"] == "fdr"
    assert p["config"]["index"]["preset"] == "berlin_mss_status"
    assert p["confidentiality"]["policy"]["min_count"] == 3
    assert p["confidentiality"]["cells_suppressed_primary"] > 0
    assert p["versions"]["dependencies"]["pandas"] == pandas.__version__
    assert p["versions"]["python"].count(".") == 2
    text = json.dumps(p)
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text)  # no time stamps
    for rel, digest in p["outputs"].items():
        assert _sha(bundle.path / rel) == digest
    assert set(p["outputs"]) == set(bundle.files) - {"provenance.json", "manifest.json"}
    manifest = json.loads((bundle.path / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == set(bundle.files) - {"manifest.json"}
    assert {k: manifest["files"][k] for k in p["outputs"]} == p["outputs"]


def test_provenance_and_html_maps_are_byte_identical_across_folders(bundle, tmp_path):
    """Two full runs into different folders: identical provenance.json and HTML maps."""
    other = sr.run(cfgmod.demo_config(permutations=99), out=tmp_path / "zweiter-lauf")
    htmls = sorted(p.relative_to(bundle.path) for p in bundle.path.rglob("*.html"))
    assert htmls and htmls == sorted(p.relative_to(other.path) for p in other.path.rglob("*.html"))
    for rel in htmls:
        assert (bundle.path / rel).read_bytes() == (other.path / rel).read_bytes(), rel
    a = (bundle.path / "provenance.json").read_bytes()
    b = (other.path / "provenance.json").read_bytes()
    assert a == b
    text = a.decode("utf-8")
    # no absolute path of this machine: inputs relative to the config's folder, no output folder
    for absolute in (str(tmp_path), str(bundle.path.parent), str(DEMO_DIR), str(Path.home())):
        assert absolute not in text
    assert '"path": "' + str(Path("/")) not in text
    p = json.loads(text)
    assert {Path(i["path"]).name for i in p["inputs"]} >= {"musterstadt.gpkg"}
    assert not any(Path(i["path"]).is_absolute() for i in p["inputs"])

