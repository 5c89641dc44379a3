"""The package is the pipeline: stages in order, imports only forward, no cycle.

The import graph is built from the source with ``ast`` (imports inside functions count,
as ``../shared/tools/import_cycles.py`` counts them). The README's stage diagram is
generated from the same graph (:func:`stage_diagram`), so it cannot drift from the code.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sozialraum"

#: The stages in pipeline order; a module may import only its own stage or earlier ones.
STAGES = (
    "_text",
    "errors",
    "_util",
    "io",
    "join",
    "harmonise",
    "datasets",
    "indicators",
    "index",
    "weights",
    "autocorrelation",
    "maps",
    "config",
    "report",
    "cli",
)
#: Third-party modules that may be imported inside a function: optional or heavy, each
#: named in a comment at the import.
LAZY_ALLOWED = {"matplotlib", "folium", "branca", "xstatic", "openpyxl", "mapclassify", "esda",
                "psycopg", "sqlalchemy", "numba", "tobler", "dask_geopandas", "rich", "tqdm"}
#: Modules whose function-level imports of the pipeline are deliberate: the package root
#: loads public names on first access, the CLI loads the pipeline only for a command.
LAZY_PIPELINE = {"sozialraum", "sozialraum.cli"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    where = ROOT / Path(*name.split("."))
    return where.with_suffix(".py").exists() or (where / "__init__.py").exists()


def _imports(path: Path) -> list[tuple[str, bool, int]]:
    """(imported module, inside a function?, line) for every import of the package."""
    me = _module_name(path)
    is_pkg = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue  # seen by type checkers only, never run
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                out.extend((a.name, in_function, child.lineno) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = me.split(".") if is_pkg else me.split(".")[:-1]
                    base = base[: len(base) - child.level + 1]
                    mod = ".".join(base + ([child.module] if child.module else []))
                else:
                    mod = child.module or ""
                # "from sozialraum.report import methods" imports the submodule; Python runs
                # the package's __init__ first for any submodule, which is no dependency
                subs = [f"{mod}.{a.name}" for a in child.names if _is_module(f"{mod}.{a.name}")]
                if len(subs) < len(child.names):
                    out.append((mod, in_function, child.lineno))
                out.extend((sub, in_function, child.lineno) for sub in subs)
            visit(child, inner)

    visit(tree, False)
    return out


def _stage(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "sozialraum" or len(parts) == 1 or parts[1] == "__main__":
        return None
    return parts[1]


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports (at any depth of the code)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        me = _module_name(path)
        graph[me] = {m for m, _, _ in _imports(path) if m.startswith("sozialraum") and m != me}
    return graph


def stage_graph() -> dict[str, set[str]]:
    """Stage -> the earlier stages it imports."""
    out: dict[str, set[str]] = defaultdict(set)
    for mod, targets in import_graph().items():
        s = _stage(mod)
        if s is None:
            continue
        out[s] |= {t for t in map(_stage, targets) if t is not None and t != s}
    return out


def stage_diagram() -> str:
    """The README's diagram: each stage in pipeline order with the stages it imports."""
    graph = stage_graph()
    width = max(map(len, STAGES))
    lines = []
    for s in STAGES:
        deps = [d for d in STAGES if d in graph.get(s, set())]
        lines.append(f"{s:<{width}}  <- {', '.join(deps) if deps else '(nothing)'}")
    return "\n".join(lines)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in graph:
                continue
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return out


def test_every_top_level_entry_is_a_stage():
    entries = {
        p.stem if p.suffix == ".py" else p.name
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))
    }
    assert entries - {"__init__", "__main__"} == set(STAGES)


def test_no_import_cycle_counting_imports_inside_functions():
    assert _cycles(import_graph()) == []


def test_cycle_detector_finds_a_planted_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_backward_import_between_stages():
    rank = {s: i for i, s in enumerate(STAGES)}
    backward = [
        (mod, target)
        for mod, targets in import_graph().items()
        for target in targets
        if _stage(mod) and _stage(target) and rank[_stage(target)] > rank[_stage(mod)]
    ]
    assert backward == []


def test_function_level_imports_are_only_for_heavy_optional_dependencies():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        me = _module_name(path)
        for mod, inside, line in _imports(path):
            if not inside:
                continue
            top = mod.split(".")[0]
            if top == "sozialraum":
                if me not in LAZY_PIPELINE:
                    offenders.append(f"{me}:{line} imports {mod}")
            elif top not in LAZY_ALLOWED:
                offenders.append(f"{me}:{line} imports {mod}")
    assert offenders == []


def test_function_level_imports_say_why():
    """A function-level import carries a comment on its line or the line above."""
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for mod, inside, line in _imports(path):
            if inside and not any("#" in lines[i] for i in (line - 1, line - 2, line - 3)):
                missing.append(f"{_module_name(path)}:{line} {mod}")
    assert sorted(set(missing)) == []


def test_no_test_or_benchmark_helper_ships_in_the_package():
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "synthetic" not in path.name
        helper = re.search(r"^\s*(import|from)\s+(pytest|playwright|hypothesis)\b", source, re.M)
        assert helper is None, path


def test_modules_stay_readable_in_one_sitting():
    long = {
        _module_name(p): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 800
    }
    assert long == {}


def test_readme_draws_the_stage_graph_of_the_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- stage-graph -->\n```text\n(.*?)\n```", readme, re.S)
    assert match, "README.md lacks the stage graph block (marker <!-- stage-graph -->)"
    assert match.group(1) == stage_diagram(), (
        "README's stage graph is out of date; paste this:\n" + stage_diagram()
    )


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_exists(stage):
    assert (PACKAGE / f"{stage}.py").exists() or (PACKAGE / stage / "__init__.py").exists()
