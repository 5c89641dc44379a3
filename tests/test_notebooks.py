"""The notebooks in notebooks/ run in a real Jupyter kernel, twice, and show their maps.

Each notebook is executed with nbclient in an ipykernel (as Jupyter would), in the test's
folder, and then a second time in the same folder: whatever a notebook saves must be
replaceable (``force=True``), so that a planner can press "Run all" again. Every cell that
draws a map must produce an ``image/png`` output, and no cell may raise.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

#: a cell draws a map if it calls one of the plotting functions (ours or geopandas' .plot)
MAP_CALL = re.compile(r"\b(plot_choropleth|plot_clusters|plot_significance|plot_small_multiples"
                      r"|plot_moran_scatter)\(|\.plot\(")


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 2, "notebooks/ must hold the two tutorial notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_format(path):
    """nbformat 4.5 (every cell has a unique id), valid, committed without outputs."""
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    assert (nb.nbformat, nb.nbformat_minor) >= (4, 5)
    nbformat.validate(nb)
    ids = [c.get("id") for c in nb.cells]
    assert all(ids), f"{path.name}: cells without id: {[i for i, x in enumerate(ids) if not x]}"
    assert len(set(ids)) == len(ids), f"{path.name}: duplicate cell ids"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs, f"{path.name}: commit notebooks without outputs"
            assert cell.execution_count is None


def _execute(path: Path, folder: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    client.execute()  # raises CellExecutionError on the first cell that fails
    return nb


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_twice_in_a_kernel_and_shows_its_maps(path, tmp_path, monkeypatch):
    # the kernel imports this checkout's package, and uses Jupyter's own backend (inline),
    # not the MPLBACKEND=Agg that .ci/run sets for the rest of the suite
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.delenv("MPLBACKEND", raising=False)
    for run in (1, 2):
        nb = _execute(path, tmp_path)
        code = [c for c in nb.cells if c.cell_type == "code"]
        errors = [(c.id, o.get("ename")) for c in code for o in c.outputs
                  if o.output_type == "error"]
        assert not errors, f"{path.name} run {run}: {errors}"
        map_cells = [c for c in code if MAP_CALL.search(c.source)]
        assert map_cells, f"{path.name} draws no map"
        for cell in map_cells:
            kinds = [k for o in cell.outputs for k in o.get("data", {})]
            assert "image/png" in kinds, f"{path.name} run {run}, cell {cell.id}: no image"
    # the second run replaced the files of the first one instead of failing
    if "save_figure" in path.read_text(encoding="utf-8"):
        assert (tmp_path / "sgb2_quote.png").stat().st_size > 10_000


def test_importing_and_drawing_never_change_the_matplotlib_backend(tmp_path):
    """The library leaves the user's backend alone (Jupyter inline, a GUI, a file backend)."""
    code = """
import sys
import matplotlib
unresolved = matplotlib.rcParams._get_backend_or_none()
b = matplotlib.get_backend()
import sozialraum, sozialraum.maps
import sozialraum as sr
g = sr.datasets.musterstadt(level="stadtbezirke")
g["EW_T"] = g["EW"].astype(float) / 1000
fig = sr.plot_choropleth(g, "EW_T", scheme="quantiles", k=2, title="EW", unit="Tsd.",
                         source="Musterstadt (fiktiv)")
png = fig._repr_png_()
assert png[:8] == b"\\x89PNG\\r\\n\\x1a\\n", png[:8]
sr.maps.save_figure(fig, "karte.png", force=True)
# pyplot may be imported by a dependency (mapclassify), but no figure of ours is registered
plt = sys.modules.get("matplotlib.pyplot")
fignums = plt.get_fignums() if plt is not None else []
print(repr(b), repr(matplotlib.get_backend()), len(fignums), repr(unresolved))
"""
    for backend in ("svg", "pdf", None):
        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
        env["PYTHONWARNINGS"] = "ignore"
        if backend:
            env["MPLBACKEND"] = backend
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env=env, cwd=tmp_path, check=True).stdout.split()
        before, after, figures, _ = out
        assert after == before, (backend, before, after)
        if backend:
            assert before.strip("'") == backend
        assert figures == "0", "a map must not be registered with pyplot"


def test_every_result_the_notebooks_show_is_a_small_escaped_html_table():
    from libpysal.graph import Graph  # the reference count of neighbour links

    import sozialraum as sr
    from sozialraum.io.report import LoadReport

    b = sr.read_boundaries(sr.datasets.get_path("musterstadt.gpkg"), layer="sozialraeume",
                           key="SR_NR")
    t = sr.read_table(sr.datasets.get_path("musterstadt_statistik.csv"), key="SR_NR",
                      stichtag="31.12.2024")
    joined, join_report = sr.join_indicators(b, t)
    rates = sr.compute_indicators(joined, sr.indicators.standard_indicators("S1", "SGB2_QUOTE"))
    w = sr.spatial_weights(b, method="queen")
    card = Graph.build_contiguity(b, rook=False).cardinalities  # libpysal, as reference
    x = rates["SGB2_QUOTE"]
    # Moran's I of the shown result by its formula, the island counted as spdep does with
    # zero.policy and adjust.n: (n - islands) / S0 * z'Wz / z'z on row-standardised weights
    graph = Graph.build_contiguity(b, rook=False).transform("r")
    wm = graph.sparse.toarray()
    z = x.loc[list(graph.unique_ids)].astype(float).to_numpy()
    z = z - z.mean()
    n_eff = len(z) - int((graph.cardinalities == 0).sum())
    moran_i = f"{n_eff / wm.sum() * (z @ wm @ z) / (z @ z):.4f}".replace(".", ",")
    spec = sr.presets.berlin_mss_status(["S1"], population="EW", missing="reweight")
    shown = {
        "LoadReport": (sr.load_report(b), ["Gebietsgrenzen", "EPSG:25832", "SR_NR"]),
        "JoinReport": (join_report, ["verknüpft", str(len(b))]),
        "SpatialWeights": (w, ["Queen-Kontiguität", "zeilenstandardisiert",
                               str(int(card.sum()))]),
        "WeightsSummary": (sr.weights_summary(w), [
            f"Mittel {card.mean():.2f}".replace(".", ",") + f", min. 0, max. {card.max()}",
            "1103"]),
        "GlobalMoranResult": (sr.global_moran(x, w, permutations=99, seed=1),
                              ["Moran&#x27;s I", moran_i, "p-Wert (Permutation)", "0,0100"]),
        "GlobalGearyResult": (sr.global_geary(x, w, permutations=0),
                              ["Geary&#x27;s C", "p-Wert (analytisch)"]),
        "IndexResult": (sr.composite_index(rates.join(joined[["EW"]]), spec), ["<table"]),
        "LocalMoranResult": (sr.local_moran(x, w, permutations=99, seed=1,
                                            small_sample_warning=False), ["<table"]),
        "LocalGstarResult": (sr.local_gstar(x, w, permutations=99, seed=1,
                                            small_sample_warning=False), ["<table"]),
    }
    for name, (obj, expected) in shown.items():
        html = obj._repr_html_()
        assert html.count("<table") >= 1, name
        for part in expected:
            assert part in html, (name, part)
    evil = LoadReport(path="/tmp/<script>.csv", kind="table", key="<k>", n_rows=1,
                      notes=("a < b & c",))
    html = evil._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;.csv" in html
    assert "a &lt; b &amp; c" in html and "&lt;k&gt;" in html
