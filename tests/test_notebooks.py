"""The notebooks in notebooks/ run top to bottom.

Code cells are executed in order in one namespace; no Jupyter needed.
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ must hold at least one notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, tmp_path, monkeypatch):
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert cells, f"{path.name} has no code cells"
    for cell in cells:
        assert not cell.get("outputs"), f"{path.name}: commit notebooks without outputs"
    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)  # anything a notebook writes lands in the test's folder
    namespace: dict[str, object] = {"__name__": "__notebook__"}
    for i, cell in enumerate(cells):
        source = "".join(cell["source"])
        lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
        code = compile("\n".join(lines), f"{path.name}[cell {i}]", "exec")
        exec(code, namespace)  # noqa: S102 - executing our own notebook is the point
    import matplotlib.pyplot as plt

    plt.close("all")
