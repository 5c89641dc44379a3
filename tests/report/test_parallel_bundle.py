"""The bundle drawn by worker processes is the bundle drawn in one process.

Since the maps of the Stichtag are sent to the workers before the years ([monitoring]) are
computed (report/run.py), the order in which things happen differs between the two; the
files must not: every file, byte for byte, and the progress inside the map step counts
every map job once, up to the total."""

from __future__ import annotations

import sys

import pytest

from sozialraum.config.template import demo_config
from sozialraum.report.run import run


@pytest.mark.skipif(sys.platform != "linux", reason="map workers are forked on Linux only")
def test_workers_and_one_process_write_the_same_bundle(tmp_path, monkeypatch):
    cfg = demo_config(permutations=99)
    bundles, map_steps = {}, {}
    for workers in ("2", "1"):
        monkeypatch.setenv("SOZIALRAUM_WORKERS", workers)
        calls = []
        out = tmp_path / f"w{workers}"
        bundles[workers] = run(cfg, out, progress=lambda *a, calls=calls, **k: calls.append(
            (a, k)))
        map_steps[workers] = [k for a, k in calls if a[-1] == "step.maps" and k]
    a, b = bundles["2"], bundles["1"]
    assert a.files == b.files and len(a.files) > 80
    for name in a.files:
        assert (a.path / name).read_bytes() == (b.path / name).read_bytes(), name
    for steps in map_steps.values():
        totals = {k["of"] for k in steps}
        assert len(totals) == 1  # one total over the maps of karten/ and monitoring/
        assert [k["done"] for k in steps] == list(range(1, totals.pop() + 1))
