"""What a fresh process imports: ``import sozialraum`` stays light, the CLI's run module
leaves the drawing libraries to the map workers (issues 10 and 15). Not timed: the
modules in ``sys.modules`` of a subprocess are checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("matplotlib", "folium", "libpysal", "esda", "mapclassify", "numba", "sklearn")


def _loaded(statement: str, repo_root) -> set[str]:
    code = (
        f"import json, sys\n{statement}\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    env = {**os.environ, "PYTHONPATH": str(repo_root)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True, timeout=300)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_import_sozialraum_loads_no_heavy_library(repo_root):
    loaded = _loaded("import sozialraum as sr", repo_root)
    assert "sozialraum" in loaded
    assert sorted(loaded & set(HEAVY)) == []
    # nor pandas/geopandas: the public names load on first access
    assert sorted(loaded & {"pandas", "geopandas", "numpy", "scipy", "shapely"}) == []


def test_a_public_name_loads_its_stage_on_first_access(repo_root):
    loaded = _loaded("import sozialraum as sr\nsr.composite_index", repo_root)
    assert "pandas" in loaded
    assert sorted(loaded & {"matplotlib", "folium"}) == []


@pytest.mark.parametrize("module", ["sozialraum.report.run", "sozialraum.cli"])
def test_the_run_leaves_matplotlib_and_folium_to_the_map_workers(module, repo_root):
    loaded = _loaded(f"import {module}", repo_root)
    assert module.split(".")[0] in loaded
    assert sorted(loaded & {"matplotlib", "folium", "branca", "mapclassify"}) == []
