"""The whole bundle, phase by phase: the demo city and a synthetic city of 500 areas.

What a planner waits for is ``sozialraum run``: reading, indicators, index, weights,
hotspots, maps, GeoPackage, tables, profiles, methods text, provenance. This benchmark runs
the real ``sozialraum.run`` (the same function the CLI calls) and times each phase from the
progress callback the CLI uses, so the phase table shows where the time goes.

Cases:
- ``demo``: the shipped config of Musterstadt (25 Sozialräume, 9,999 permutations), as
  ``sozialraum demo`` runs it;
- ``city500``: a synthetic city of 500 areas with detailed boundaries (about 100,000
  vertices, like a real city's GIS layer), counts as delivered by a statistics office, 12
  Bezirke as a second level, 9,999 permutations (tests/synthetic.py ``synthetic_city``).

Absolute times on a shared 2-core machine are noisy: the table reports the median over
``--repeat`` runs per phase and the total wall time of ``sozialraum.run`` in this process
(warm: its imports are paid once). What a planner sees is a fresh process: ``--cli N``
(default 5) also runs ``python -m sozialraum demo --out DIR --quiet`` N times, each a new
interpreter, and reports its wall time and CPU time (user + system of the process and its
map workers): the demo's target is that wall time, under 8 s.

The results go into ``--out`` (default ``benchmarks/results/bundle.md``) between the
markers ``<!-- bench_bundle: begin -->`` and ``<!-- bench_bundle: end -->``; the notes
around them (earlier runs, what was changed) stay.

    python benchmarks/bench_bundle.py                 # both cases, 3 repeats of the demo
    python benchmarks/bench_bundle.py --cases city500 --repeat 1 --cli 0
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sozialraum as sr
from sozialraum.config import demo_config, loads
from sozialraum.report.results import STEPS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from synthetic import synthetic_city  # noqa: E402  (a test helper, not in the package)

OUT = Path(__file__).parent / "results" / "bundle.md"
BEGIN, END = "<!-- bench_bundle: begin -->", "<!-- bench_bundle: end -->"
ROOT = Path(__file__).resolve().parents[1]

CITY_CONFIG = """
language = "de"

[inputs]
boundaries = "{boundaries}"
layer = "gebiete"
key = "GEB_NR"
name = "GEB_NAME"
level = "gebiete"
level_label = "Gebiete"
population = "EW"
stichtag = "31.12.2024"
source = "Synthetische Stadt (Benchmark)"

[[inputs.tables]]
path = "{table}"

[[inputs.levels]]
name = "bezirke"
label = "Bezirke"
key = "BEZ_NR"

[indicators]
standard = ["S1", "S3", "S4", "NICHTDEUTSCHE", "ANTEIL_65U"]

[index]
preset = "berlin_mss_status"
columns = ["S1", "S3", "S4"]
population = "EW"
missing = "reweight"
max_missing = 1

[confidentiality]
min_count = 3
min_population = 300
constraints = [{{ total = "EW", parts = ["EW_U65", "EW_65U"] }}]

[weights]
method = "queen"
islands = "keep"

[hotspots]
statistics = ["local_moran", "gstar"]
variable = "index"
permutations = 9999
seed = 1

[maps]
columns = ["index", "S1", "S3"]
levels = ["gebiete", "bezirke"]
formats = ["png"]
html = true
clusters = true
"""


def city_config(folder: Path, n: int = 500):
    """The synthetic city's files and its config (as a planner would write it)."""
    files = synthetic_city(folder, n)
    text = CITY_CONFIG.format(boundaries=files["boundaries"].name, table=files["table"].name)
    (folder / "sozialraum.toml").write_text(text, encoding="utf-8")
    path = folder / "sozialraum.toml"
    return loads(text, base=folder, source=path.name, config_path=path)


class PhaseTimer:
    """The progress callback: records when each step starts."""

    def __init__(self):
        self.marks: list[tuple[str, float]] = []

    def __call__(self, step, total, key, **values):
        self.marks.append((key, time.perf_counter()))

    def phases(self, end: float) -> dict[str, float]:
        out: dict[str, float] = {}
        for (key, t0), (_, t1) in zip(self.marks, [*self.marks[1:], ("end", end)], strict=True):
            out[key] = out.get(key, 0.0) + (t1 - t0)
        return out


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def run_case(name: str, repeat: int, work: Path) -> dict:
    if name == "demo":
        cfg = demo_config()
    else:
        cfg = city_config(work / "input")
    phases: list[dict[str, float]] = []
    walls = []
    size = (0, 0)
    profile_sizes: list[int] = []
    loads = [os.getloadavg()[0]]
    for i in range(repeat):
        out = work / f"{name}-{i}"
        timer = PhaseTimer()
        t0 = time.perf_counter()
        sr.run(cfg, out=out, progress=timer)
        end = time.perf_counter()
        walls.append(end - t0)
        phases.append(timer.phases(end))
        size = folder_size(out)
        profile_sizes = [p.stat().st_size for p in out.glob("profile*/*.html")]
        loads.append(os.getloadavg()[0])
        print(f"{name} run {i + 1}/{repeat}: {walls[-1]:.1f} s, {size[0] / 1e6:.1f} MB", flush=True)
    keys = [k for k in STEPS if any(k in p for p in phases)]
    return {
        "name": name,
        "wall": statistics.median(walls),
        "walls": walls,
        "phases": {k: statistics.median(p.get(k, 0.0) for p in phases) for k in keys},
        "bytes": size[0],
        "files": size[1],
        "profile_max": max(profile_sizes, default=0),
        "profiles": len(profile_sizes),
        "load": (min(loads), max(loads)),
    }


def run_cli(n: int, work: Path) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of `n` fresh ``python -m sozialraum demo`` processes, one after
    the other, from this checkout (CPU: user + system of the process and its workers)."""
    out = []
    for i in range(n):
        target = work / f"cli-{i}"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "sozialraum", "demo", "--out", str(target),
                        "--quiet"], cwd=ROOT, check=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        out.append((wall, cpu))
        print(f"cli run {i + 1}/{n}: {wall:.2f} s wall, {cpu:.1f} s CPU", flush=True)
    return out


def cli_lines(runs: list[tuple[float, float]]) -> list[str]:
    walls = ", ".join(f"{w:.2f}" for w, _ in runs)
    cpus = ", ".join(f"{c:.1f}" for _, c in runs)
    return [
        "",
        "The CLI, fresh processes one after the other (`python -m sozialraum demo --out DIR "
        "--quiet`):",
        "",
        "| | runs | median |",
        "| --- | --- | ---: |",
        f"| wall (s) | {walls} | **{statistics.median(w for w, _ in runs):.2f}** |",
        f"| CPU user+sys (s) | {cpus} | {statistics.median(c for _, c in runs):.1f} |",
    ]


def merge(old: str | None, generated: str) -> str:
    """`generated` between the markers of `old`, whose other text stays."""
    block = f"{BEGIN}\n{generated}{END}\n"
    if old and BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        return head + block + "\n" + rest.split(END, 1)[1].lstrip("\n")
    if old:  # no markers yet: the block right under the file's title
        head, sep, rest = old.partition("\n\n") if old.startswith("# ") else ("", "", old)
        return (head + sep if sep else "") + block + "\n" + rest
    return "# Bundle benchmark (`sozialraum run`, phase by phase)\n\n" + block


def write_results(results: list[dict], repeat: dict) -> str:
    lines = [
        "## Latest run",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, sozialraum {sr.__version__}. "
        "Median of the repeats per phase (seconds); written by `benchmarks/bench_bundle.py`.",
        "",
    ]
    names = [r["name"] for r in results]
    lines.append("| phase | " + " | ".join(names) + " |")
    lines.append("| --- | " + " | ".join("---:" for _ in names) + " |")
    keys = [k for k in STEPS if any(k in r["phases"] for r in results)]
    for k in keys:
        row = [f"{r['phases'].get(k, 0.0):.2f}" for r in results]
        lines.append(f"| {k.removeprefix('step.')} | " + " | ".join(row) + " |")
    def row(label, cells):
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    row("**wall (median)**", [f"**{r['wall']:.1f}**" for r in results])
    row("repeats", [str(repeat[r["name"]]) for r in results])
    row("bundle size (MB)", [f"{r['bytes'] / 1e6:.1f}" for r in results])
    row("files", [str(r["files"]) for r in results])
    row("largest profile (KB)", [f"{r['profile_max'] / 1e3:.0f}" for r in results])
    # a shared machine: the 1-minute load average before and after each run
    row("load average", [f"{r['load'][0]:.1f}-{r['load'][1]:.1f}" for r in results])
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="+", default=["demo", "city500"])
    parser.add_argument("--repeat", type=int, default=3, help="runs of the demo (city500: 1)")
    parser.add_argument("--cli", type=int, default=5,
                        help="fresh `python -m sozialraum demo` processes (0: none)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    results, repeat = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        cli = run_cli(args.cli, Path(tmp)) if args.cli else []
        for name in args.cases:
            repeat[name] = args.repeat if name == "demo" else max(1, args.repeat // 3)
            results.append(run_case(name, repeat[name], Path(tmp)))
    text = write_results(results, repeat)
    if cli:
        text += "\n".join(cli_lines(cli)) + "\n"
    text += f"\n{time.strftime('%d %B %Y, %H:%M', time.gmtime())} UTC.\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else None
    args.out.write_text(merge(old, text), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
