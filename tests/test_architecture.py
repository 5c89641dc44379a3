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
TESTS = ROOT / "tests"
#: Folders of the package that are data, not a stage: the demo city's files (shipped as the
#: package ``sozialraum.boundaries``; its generator is checked by tests/test_musterstadt.py).
DATA_PACKAGES = {"boundaries"}

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
    "monitoring",
    "maps",
    "config",
    "report",
    "cli",
)
#: Third-party modules that may be imported inside a function: optional or heavy, each
#: named in a comment at the import.
LAZY_ALLOWED = {"matplotlib", "folium", "branca", "xstatic", "openpyxl", "mapclassify", "esda",
                "libpysal",  # 1.8 s to import: only for a Graph (sozialraum._util.graphs)
                "psycopg", "sqlalchemy", "numba", "tobler", "dask_geopandas", "rich", "tqdm",
                "pyarrow", "python_calamine"}
#: Submodules of a light dependency that are heavy themselves, imported where used:
#: scipy.stats took 0.43 s of every CLI start (the trend and change tests need it),
#: scipy.optimize is for the LP audit of the secondary suppression only.
LAZY_ALLOWED_MODULES = {"scipy.stats", "scipy.optimize"}
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
    assert entries - {"__init__", "__main__"} - DATA_PACKAGES == set(STAGES)


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
            elif top not in LAZY_ALLOWED and not any(
                    mod == m or mod.startswith(m + ".") for m in LAZY_ALLOWED_MODULES):
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


# --- tests mirror the package (tests/README.md) ----------------------------------------------

#: Test modules that check the whole package or a real component, not one module.
CROSS_CUTTING_TESTS = {
    "test_architecture.py",  # this file: stages, imports, module size, the test layout
    "test_text.py",  # the message catalogue (sozialraum/_text/) and errors built from its keys
    "test_public_api.py",  # sozialraum/__init__: sorted __all__, lazy import
    "test_package_imports.py",  # what importing the package and the CLI loads (subprocesses)
    "test_hostile.py",  # hostile inputs through every output of a bundle
    "test_musterstadt.py",  # the shipped demo data files, read without the package
    "test_docs.py",  # the docs site
    "test_notebooks.py",  # the notebooks in a real kernel
    "test_browser.py",  # the offline HTML maps in headless Chromium
    "test_qgis.py",  # the bundle in real QGIS
    "test_postgis.py",  # PostGIS in and out against a real server
}
#: Package folders whose modules need no test module of their own.
UNMIRRORED_FOLDERS = {
    "_text": "catalogue entries only; tests/test_text.py checks every entry of every file",
    **{name: "data, not code (see DATA_PACKAGES)" for name in DATA_PACKAGES},
}
#: Modules without a test module of their own, each with the reason. An entry must go when
#: its module gets a test module (a test below says so).
UNTESTED_MODULES = {
    "_util/version.py": "the version string only",
    "io/postgis.py": "needs a PostgreSQL server: tests/test_postgis.py",
    "report/postgis.py": "needs a PostgreSQL server: tests/test_postgis.py",
    "maps/_offline.py": "inlined Leaflet: tests/maps/test_interactive.py, tests/test_browser.py",
    "report/frames.py": "the published frame: the bundle's tables in tests/report/test_tables.py",
    "report/parallel.py": "runs the map jobs of every bundle with maps (tests/report/)",
}


def mirrored_test(module: Path) -> Path:
    """The test module of a module: ``io/tables.py`` -> ``io/test_tables.py``.

    Leading underscores (private modules) and trailing ones (``global_.py``, a keyword) are
    dropped from the module name (``maps/_furniture.py`` -> ``maps/test_furniture.py``);
    folder names are kept as they are (``_util/files.py`` -> ``_util/test_files.py``).
    """
    return module.parent / f"test_{module.stem.strip('_')}.py"


def package_modules(package: Path) -> list[Path]:
    """Modules that need a test module, relative to ``package`` (no ``__init__``, no data)."""
    return sorted(
        path.relative_to(package)
        for path in package.rglob("*.py")
        if path.stem not in ("__init__", "__main__")
        and path.relative_to(package).parts[0] not in UNMIRRORED_FOLDERS
    )


def missing_test_modules(package: Path, tests: Path, untested=()) -> list[str]:
    """Modules of ``package`` without their test module under ``tests`` (and not excused)."""
    return [
        f"{module.as_posix()} needs {(tests.name / mirrored_test(module)).as_posix()}"
        for module in package_modules(package)
        if module.as_posix() not in untested and not (tests / mirrored_test(module)).exists()
    ]


def orphan_test_modules(package: Path, tests: Path, cross_cutting=()) -> list[str]:
    """Test modules under ``tests`` whose package module does not exist.

    A module's tests may be split by topic: ``io/test_keys_region.py`` belongs to
    ``io/keys.py`` as ``io/test_keys.py`` does (the module's own test module must exist too).
    """
    mirrors = {mirrored_test(module) for module in package_modules(package)}

    def is_topic_of_a_mirror(rel: Path) -> bool:
        return any(m.parent == rel.parent and rel.stem.startswith(m.stem + "_") for m in mirrors)

    return [
        path.relative_to(tests).as_posix()
        for path in sorted(tests.rglob("test_*.py"))
        if path.relative_to(tests) not in mirrors
        and not is_topic_of_a_mirror(path.relative_to(tests))
        and not (path.parent == tests and path.name in cross_cutting)
    ]


def test_every_module_has_its_test_module():
    assert missing_test_modules(PACKAGE, TESTS, UNTESTED_MODULES) == []


def test_every_test_module_has_its_module():
    assert orphan_test_modules(PACKAGE, TESTS, CROSS_CUTTING_TESTS) == []


def test_no_two_modules_share_a_test_module():
    tests = [mirrored_test(module) for module in package_modules(PACKAGE)]
    assert sorted(t for t in tests if tests.count(t) > 1) == []


def test_the_excuses_are_still_needed():
    """Every excused module exists and still lacks its test module; cross-cutting files exist."""
    for module in UNTESTED_MODULES:
        assert (PACKAGE / module).exists(), f"{module} is gone: remove it from UNTESTED_MODULES"
        assert not (TESTS / mirrored_test(Path(module))).exists(), (
            f"{module} has its test module now: remove it from UNTESTED_MODULES"
        )
    assert sorted(n for n in CROSS_CUTTING_TESTS if not (TESTS / n).exists()) == []


def test_the_layout_check_finds_a_planted_module_and_test(tmp_path):
    """Negative control: a new sozialraum/foo/bar.py without tests/foo/test_bar.py is caught,
    and so is a test module without a module; a module with its test passes."""
    package, tests = tmp_path / "sozialraum", tmp_path / "tests"
    for path in ("foo/__init__.py", "foo/bar.py", "foo/_baz.py", "qux_.py", "_text/foo.py"):
        (package / path).parent.mkdir(parents=True, exist_ok=True)
        (package / path).write_text("", encoding="utf-8")
    for path in ("foo/test_baz.py", "test_qux.py", "old/test_gone.py", "test_text.py"):
        (tests / path).parent.mkdir(parents=True, exist_ok=True)
        (tests / path).write_text("", encoding="utf-8")
    assert missing_test_modules(package, tests) == ["foo/bar.py needs tests/foo/test_bar.py"]
    assert orphan_test_modules(package, tests, {"test_text.py"}) == ["old/test_gone.py"]
    (tests / "foo/test_bar.py").write_text("", encoding="utf-8")
    assert missing_test_modules(package, tests) == []


def test_every_package_ships_in_a_wheel():
    """pyproject.toml lists the packages by hand (for the boundaries/ mapping): every folder
    of sozialraum/ with an __init__.py must be in the list, or a non-editable install lacks
    it (sozialraum.monitoring was missing, found in review)."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in PACKAGE.rglob("__init__.py")}
    found.discard("sozialraum.boundaries")  # a link in some checkouts; mapped from boundaries/
    assert sorted(found - listed) == []
    assert "sozialraum.boundaries" in listed
