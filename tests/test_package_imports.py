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


def _loaded(statement: str, repo_root, *, full: bool = False) -> set[str]:
    names = "sys.modules" if full else "{m.split('.')[0] for m in sys.modules}"
    code = (
        f"import json, sys\n{statement}\n"
        f"print(json.dumps(sorted({names})))"
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


@pytest.mark.parametrize("module", ["sozialraum.report.run", "sozialraum.cli"])
def test_the_run_module_leaves_libpysal_to_the_call_that_needs_it(module, repo_root):
    # libpysal costs about 1.8 s to import: only a call that needs a libpysal Graph loads it
    loaded = _loaded(f"import {module}", repo_root)
    assert sorted(loaded & {"libpysal", "esda", "numba", "sklearn"}) == []


def test_a_first_lisa_on_queen_weights_imports_no_libpysal(repo_root):
    statement = (
        "import geopandas as gpd, pandas as pd\n"
        "from shapely.geometry import box\n"
        "import sozialraum as sr\n"
        "cells = [box(x, y, x + 1, y + 1) for y in range(6) for x in range(6)]\n"
        "d = gpd.GeoDataFrame(geometry=cells, index=pd.Index([f'{i:02d}' for i in range(36)]),"
        " crs=25832)\n"
        "y = pd.Series([float(i % 6 + i // 6) for i in range(36)], index=d.index)\n"
        "w = sr.spatial_weights(d, 'queen')\n"
        "sr.weights_summary(w)\n"
        "sr.local_moran(y, w, permutations=99, small_sample_warning=False)\n"
        "sr.local_gstar(y, w.transform('B'), permutations=99)\n"
        "sr.global_moran(y, w, permutations=0)"
    )
    loaded = _loaded(statement, repo_root)
    assert "sozialraum" in loaded
    assert sorted(loaded & {"libpysal", "esda", "numba", "sklearn", "matplotlib"}) == []


@pytest.mark.parametrize("module", ["sozialraum.report.run", "sozialraum.cli"])
def test_the_run_module_leaves_scipy_stats_to_the_tests_that_need_it(module, repo_root):
    # scipy.stats took 0.43 s of every CLI start (Fisher's and Kendall's tests, Theil-Sen)
    loaded = _loaded(f"import {module}", repo_root, full=True)
    assert module in loaded
    assert sorted(m for m in loaded if m.startswith("scipy.stats")) == []


def test_emerging_hotspots_on_queen_weights_import_no_libpysal(repo_root):
    statement = (
        "import geopandas as gpd, numpy as np, pandas as pd\n"
        "from shapely.geometry import box\n"
        "import sozialraum as sr\n"
        "cells = [box(x, y, x + 1, y + 1) for y in range(6) for x in range(6)]\n"
        "d = gpd.GeoDataFrame(geometry=cells, index=pd.Index([f'{i:02d}' for i in range(36)]),"
        " crs=25832)\n"
        "v = pd.DataFrame({y: np.arange(36.0) + y for y in range(2019, 2025)}, index=d.index)\n"
        "w = sr.spatial_weights(d, 'queen').transform('B')\n"
        "r = sr.emerging_hotspots(v, w, permutations=99, small_sample_warning=False)\n"
        "assert len(r.to_frame()) == 36"
    )
    loaded = _loaded(statement, repo_root)
    assert "sozialraum" in loaded
    assert sorted(loaded & {"libpysal", "esda", "sklearn"}) == []
