"""Benchmark: spatial weights, global Moran/Geary, local Moran and Gi* (999 permutations).

sozialraum against esda/libpysal and pygeoda in the same run, on synthetic Voronoi
tessellations (jittered grid, ~6 neighbours per polygon like real districts) of
n = 1k, 10k, 100k, 1M polygons (reference tools up to 100k, libpysal weights also
at 1M), with CPU time, peak memory, the log-log growth slope and the agreement of LISA
p-values with esda's; plus the latency of the *first* LISA in a fresh Python
process (imports, any JIT compilation, a 25-area city), for us and for esda.

    python benchmarks/bench_autocorrelation.py                 # 1k, 10k, 100k, 1M
    python benchmarks/bench_autocorrelation.py --sizes 1000    # quicker

Writes benchmarks/results/autocorrelation.md. Single-threaded comparisons:
esda ``n_jobs=1``, pygeoda ``cpu_threads=1``. Timings are wall-clock seconds, best
of `--repeat` runs (one for n >= 100k, two for the local statistics). Not a test:
nothing here asserts speed.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

# Single-threaded means single-threaded for every tool: OpenBLAS would otherwise start a
# thread per core for numpy's larger dot products (measured: our local Moran at 100k took
# 0.19 s CPU for 0.10 s wall with the second core spinning, 0.095 s of each with one thread)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import shapely  # noqa: E402

OUT = Path(os.environ.get(
    "BENCH_AUTOCORRELATION_OUT", Path(__file__).parent / "results" / "autocorrelation.md"
))
PERMS = 999


def tessellation(n: int, seed: int = 0) -> gpd.GeoDataFrame:
    """About `n` Voronoi polygons of a jittered square grid, keys as text."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n)))
    xy = np.stack(np.meshgrid(np.arange(side), np.arange(side)), -1).reshape(-1, 2)[:n]
    xy = (xy + rng.uniform(-0.35, 0.35, size=xy.shape)) * 200.0  # 200 m spacing
    pts = shapely.points(xy)
    extent = shapely.box(-100, -100, side * 200 - 100, side * 200 - 100)
    cells = shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=extent)
    polys = np.asarray(shapely.get_parts(cells))
    polys = shapely.intersection(polys, extent)
    # order the cells like the points they contain
    tree = shapely.STRtree(polys)
    pi, ci = tree.query(pts, predicate="within")
    order = np.empty(len(pts), dtype=int)
    order[pi] = ci
    keys = pd.Index([f"{i:06d}" for i in range(n)], name="SR_NR")
    gdf = gpd.GeoDataFrame(geometry=polys[order], index=keys, crs="EPSG:25832")
    # a smooth field plus noise: realistic positive autocorrelation
    gdf["y"] = np.sin(xy[:, 0] / 3000) + np.cos(xy[:, 1] / 2000) + rng.normal(0, 0.5, n)
    return gdf


class Peak:
    """Peak resident memory (RSS) during a call, sampled every 5 ms from /proc (MB)."""

    def __init__(self):
        self.peak = 0.0

    @staticmethod
    def rss() -> float:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6

    def __enter__(self):
        self.base = self.rss()
        self.peak = self.base
        self._stop = threading.Event()

        def watch():
            while not self._stop.wait(0.005):
                self.peak = max(self.peak, self.rss())

        self._thread = threading.Thread(target=watch, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())


def best(fn, repeat: int) -> tuple[float, float, float, object]:
    """(best wall s, CPU s of that run, peak RSS during the calls in MB, result)."""
    runs, out = [], None
    with Peak() as mem:
        for _ in range(repeat):
            t, c = time.perf_counter(), time.process_time()
            out = fn()
            runs.append((time.perf_counter() - t, time.process_time() - c))
    wall, cpu = min(runs)
    return wall, cpu, mem.peak, out


#: reference tools are skipped above this size (the reason is printed and written)
REF_LIMIT = {"esda": 100_000, "pygeoda": 100_000, "libpysal": 1_000_000}
#: libpysal's rook graph is skipped above this size (``--libpysal-rook-max``)
LIBPYSAL_ROOK_MAX = [1_000_000]
SKIP_REASON = (
    "skipped at n > 100k: esda and pygeoda take minutes per call there "
    "(esda LISA about 2 min, pygeoda LISA about 6 min per call by a linear extrapolation "
    "of 100k, 6 and 18 min by their growth from 10k); libpysal's queen graph is run at "
    "1M, its rook graph "
    "only up to --libpysal-rook-max"
)


def run_size(n: int, repeat: int) -> tuple[list[dict], dict]:
    import esda
    import pygeoda
    from libpysal.graph import Graph

    import sozialraum as sr

    t0 = time.perf_counter()
    gdf = tessellation(n)
    print(f"  tessellation {time.perf_counter() - t0:.1f} s", flush=True)
    y = gdf["y"]
    rows = []
    r = repeat if n < 100_000 else 1
    ref = {tool: n <= limit for tool, limit in REF_LIMIT.items()}

    def row(step, tool, measured):
        wall, cpu, mem, _ = measured
        rows.append({"n": n, "step": step, "tool": tool, "wall": wall, "cpu": cpu, "MB": mem})
        print(f"  {step:28s} {tool:10s} wall {wall:8.3f} s  cpu {cpu:8.3f} s  {mem:7.0f} MB",
              flush=True)
        return measured[3]

    plain = gdf[["y", "geometry"]].reset_index(drop=True)  # pygeoda needs a RangeIndex
    for method in ("queen", "rook"):
        step = f"weights ({method}, row-std.)"
        graph = row(step, "sozialraum", best(lambda m=method: sr.spatial_weights(gdf, m), r))
        if method == "queen":
            queen = graph
        if ref["libpysal"] and (method == "queen" or n <= LIBPYSAL_ROOK_MAX[0]):
            lib = row(step, "libpysal", best(
                lambda m=method: Graph.build_contiguity(gdf, rook=m == "rook").transform("r"), r
            ))
            assert lib.sparse.nnz == graph.sparse.nnz and (lib.sparse != graph.sparse).nnz == 0
            del lib
        if ref["pygeoda"]:
            fn = pygeoda.queen_weights if method == "queen" else pygeoda.rook_weights
            gw = row(step, "pygeoda", best(lambda f=fn: f(pygeoda.open(plain)), r))
            if method == "queen":
                gw_queen = gw
    graph = queen
    binary = graph.transform("B")
    w_legacy = graph.to_W() if ref["esda"] else None
    b_legacy = binary.to_W() if ref["esda"] else None

    step = f"global Moran ({PERMS} perm.)"
    row(step, "sozialraum", best(lambda: sr.global_moran(y, graph, permutations=PERMS), r))
    if ref["esda"]:
        row(step, "esda", best(lambda: esda.Moran(y.to_numpy(), w_legacy, permutations=PERMS), r))
    step = f"global Geary ({PERMS} perm.)"
    row(step, "sozialraum", best(lambda: sr.global_geary(y, graph, permutations=PERMS), r))
    if ref["esda"]:
        row(step, "esda", best(lambda: esda.Geary(y.to_numpy(), w_legacy, permutations=PERMS), r))

    # the local statistics: best of two also at 100k and 1M (every tool alike), since the
    # first call of a size pays for the page faults of its fresh arrays (1M: 1.3 s, then 0.8)
    r = max(r, min(repeat, 2))
    step = f"local Moran ({PERMS} perm.)"
    ours = row(step, "sozialraum", best(
        lambda: sr.local_moran(y, graph, permutations=PERMS, seed=1), r
    ))
    quality = {}
    if ref["esda"]:
        e1 = row(step, "esda", best(lambda: esda.Moran_Local(
            y.to_numpy(), w_legacy, permutations=PERMS, n_jobs=1, seed=1), r))
        e2 = esda.Moran_Local(y.to_numpy(), w_legacy, permutations=PERMS, n_jobs=1, seed=2)
        per_area = sr.local_moran(y, graph, permutations=PERMS, seed=1, method="per-area")
        quality = p_quality(ours, per_area, e1, e2)
    if ref["pygeoda"]:
        row(step, "pygeoda", best(lambda: pygeoda.local_moran(
            gw_queen, list(y.to_numpy()), permutations=PERMS, cpu_threads=1, seed=1), r))
    step = f"local Gi* ({PERMS} perm.)"
    row(step, "sozialraum", best(lambda: sr.local_gstar(y, graph, permutations=PERMS, seed=1), r))
    if ref["esda"]:
        row(step, "esda", best(lambda: esda.G_Local(
            y.to_numpy(), b_legacy, star=True, permutations=PERMS, n_jobs=1, seed=1), r))
    if ref["pygeoda"]:
        row(step, "pygeoda", best(lambda: pygeoda.local_gstar(
            gw_queen, list(y.to_numpy()), permutations=PERMS, cpu_threads=1, seed=1), r))
    return rows, quality


def p_quality(ours, per_area, e1, e2) -> dict:
    """Disagreement of two-sided LISA p-values: ours vs esda and esda vs esda (seed 2)."""
    pe1 = np.minimum(1.0, 2 * e1.p_sim)  # esda's folded p_sim as a two-sided p-value
    pe2 = np.minimum(1.0, 2 * e2.p_sim)
    out = {}
    for name, p in (("pooled (default)", ours.p_value.to_numpy()),
                    ("per-area", per_area.p_value.to_numpy()),
                    ("esda seed 2", pe2)):
        out[name] = {
            "mean abs. difference vs esda seed 1": float(np.mean(np.abs(p - pe1))),
            "flipped 5 % decisions vs esda seed 1": float(np.mean((p <= 0.05) != (pe1 <= 0.05))),
        }
    return out


FIRST_CALL = r"""
import time
t0 = time.perf_counter()
import warnings
import numpy as np
import geopandas as gpd
import pandas as pd
from shapely.geometry import box
cells = [box(x * 100, y * 100, x * 100 + 100, y * 100 + 100) for y in range(5) for x in range(5)]
keys = pd.Index([f"{i:04d}" for i in range(25)], name="SR_NR")
d = gpd.GeoDataFrame(geometry=cells, index=keys, crs=25832)
y = pd.Series(np.random.default_rng(1).normal(size=25), index=keys)
t1 = time.perf_counter()
if "{who}" == "sozialraum":
    import sozialraum as sr
    g = sr.spatial_weights(d, "queen")
    t2 = time.perf_counter()
    r = sr.local_moran(y, g, permutations=9999, seed=1, small_sample_warning=False)
else:
    import esda
    from libpysal.graph import Graph
    w = Graph.build_contiguity(d, rook=False).transform("r").to_W()
    t2 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = esda.Moran_Local(y.to_numpy(), w, permutations=9999, n_jobs=1, seed=1)
t3 = time.perf_counter()
print(t3 - t0, t3 - t2)
"""


def first_call(who: str, repeat: int = 3) -> tuple[float, float]:
    """(whole fresh process incl. imports, first LISA call alone), best of `repeat`."""
    totals, calls = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", FIRST_CALL.replace("{who}", who)],
            capture_output=True,
            text=True,
            check=True,
        )
        wall = time.perf_counter() - t
        inner_total, call = map(float, out.stdout.split())
        totals.append(wall)
        calls.append(call)
    return min(totals), min(calls)


COLD_START = r"""
import time
t0, c0 = time.perf_counter(), time.process_time()
import sozialraum as sr
t1, c1 = time.perf_counter(), time.process_time()
if "{what}" == "run":
    import sozialraum.report.run
else:
    g = sr.datasets.musterstadt(level="sozialraeume")
    # reading the demo city is not the statistic's cost
    t1, c1 = time.perf_counter(), time.process_time()
    w = sr.spatial_weights(g, "queen")
    r = sr.local_moran(g["EW_U6"] / g["EW"], w, permutations=999, seed=1,
                       small_sample_warning=False)
t2, c2 = time.perf_counter(), time.process_time()
print(t1 - t0, t2 - t1, c1 - c0, c2 - c1)
"""

COLD_OUT = Path(__file__).parent / "results" / "cold_start.md"


def cold_start(repeat: int) -> str:
    """Fresh processes: ``import sozialraum``, ``import sozialraum.report.run`` (what the CLI
    loads before a run), and the first LISA of the demo city (25 Sozialräume, 999
    permutations: weights and local Moran including every import they trigger, after
    ``import sozialraum`` and reading the demo city). Median of `repeat` processes; wall
    and CPU time of each step (``time.process_time`` inside the process: the machine may
    be shared) and CPU user+sys of the whole process."""
    import resource
    import statistics

    names = ["import sozialraum", "import sozialraum.report.run",
             "first LISA (weights + local_moran, 999 perm.)"]
    wall = {k: [] for k in names}
    cpu_step = {k: [] for k in names}
    cpu = []
    loads = [os.getloadavg()[0]]
    for _ in range(repeat):
        for what in ("run", "lisa"):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            out = subprocess.run([sys.executable, "-c", COLD_START.replace("{what}", what)],
                                 capture_output=True, text=True, check=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            w1, w2, c1, c2 = map(float, out.stdout.split())
            wall[names[0]].append(w1)
            cpu_step[names[0]].append(c1)
            key = names[1] if what == "run" else names[2]
            wall[key].append(w2)
            cpu_step[key].append(c2)
            cpu.append((what, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime))
            loads.append(os.getloadavg()[0])
    lines = [
        "# Cold start (fresh Python processes)",
        "",
        f"Machine: {platform.machine()}, {_cpu_count()} cores, Python "
        f"{platform.python_version()}. Median of {repeat} processes (seconds); written "
        "by `benchmarks/bench_autocorrelation.py --cold-start`. Load average (1 min) "
        f"{min(loads):.1f}-{max(loads):.1f} during the run.",
        "",
        "| step | wall (s) | CPU (s) |",
        "|---|---:|---:|",
    ]
    lines += [f"| {k} | {statistics.median(wall[k]):.2f} | {statistics.median(cpu_step[k]):.2f} |"
              for k in names]
    for what in ("run", "lisa"):
        c = statistics.median(x for w, x in cpu if w == what)
        lines.append(f"| whole process CPU user+sys ({what}) | | {c:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000]
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-first-call", action="store_true")
    parser.add_argument("--libpysal-rook-max", type=int, default=1_000_000,
                        help="skip libpysal's rook graph above this n (time)")
    parser.add_argument("--cold-start", action="store_true",
                        help="only the fresh-process figures (benchmarks/results/cold_start.md)")
    args = parser.parse_args(argv)
    LIBPYSAL_ROOK_MAX[0] = args.libpysal_rook_max
    if args.cold_start:
        text = cold_start(args.repeat)
        COLD_OUT.write_text(text, encoding="utf-8")
        print(text)
        return 0
    warnings.simplefilter("ignore")  # esda/libpysal deprecation chatter is not measured

    # warm up the numba kernels so steady-state timings do not include JIT
    import esda

    small = tessellation(200, seed=9)
    import sozialraum as sr

    g_small = sr.spatial_weights(small, "queen")
    esda.Moran_Local(small["y"].to_numpy(), g_small.to_W(), permutations=99, n_jobs=1)
    esda.G_Local(small["y"].to_numpy(), g_small.transform("B").to_W(), star=True,
                 permutations=99, n_jobs=1)
    # and ours (the global permutation kernels: loaded from numba's cache, or compiled once)
    sr.global_moran(small["y"], g_small, permutations=9)
    sr.global_geary(small["y"], g_small, permutations=9)
    load_before = os.getloadavg()

    rows, quality = [], {}
    for n in args.sizes:
        print(f"n = {n} ...", flush=True)
        r, q = run_size(n, args.repeat)
        rows.extend(r)
        if q:
            quality[n] = q
            print(f"  p-value quality {q}", flush=True)
        write(pd.DataFrame(rows), quality, None, load_before, os.getloadavg())  # partial

    first = None
    if not args.no_first_call:
        ours_total, ours_call = first_call("sozialraum")
        esda_total, esda_call = first_call("esda")
        first = pd.DataFrame(
            [
                {"tool": "sozialraum", "fresh process (s)": ours_total,
                 "first LISA call (s)": ours_call},
                {"tool": "esda", "fresh process (s)": esda_total,
                 "first LISA call (s)": esda_call},
            ]
        )
    print(write(pd.DataFrame(rows), quality, first, load_before, os.getloadavg()))
    return 0


def write(long: pd.DataFrame, quality: dict, first, load_before, load_after) -> str:
    """Write benchmarks/results/autocorrelation.md from the measured rows; return it."""
    wall = long.pivot_table(index=["n", "step"], columns="tool", values="wall", sort=False)
    cpu = long.pivot_table(index=["n", "step"], columns="tool", values="cpu", sort=False)
    mem = long.pivot_table(index=["n", "step"], columns="tool", values="MB", sort=False)
    table = pd.DataFrame(index=wall.index)
    for tool in ("sozialraum", "libpysal", "esda", "pygeoda"):
        if tool in wall:
            table[f"{tool} wall (cpu) s"] = [
                "n/a" if np.isnan(w) else f"{w:.3f} ({c:.3f})"
                for w, c in zip(wall[tool], cpu[tool], strict=True)
            ]
    for tool in ("libpysal", "esda", "pygeoda"):
        if tool in wall:
            table[f"{tool} / ours (cpu)"] = cpu[tool] / cpu["sozialraum"]
    for tool in ("sozialraum", "libpysal", "esda", "pygeoda"):
        if tool in mem:
            table[f"{tool} peak MB"] = mem[tool]
    table = table.reset_index()

    slopes = []
    for step in long["step"].unique():
        for tool in ("sozialraum", "libpysal", "esda", "pygeoda"):
            sel = long[(long["step"] == step) & (long["tool"] == tool) & (long["n"] >= 10_000)]
            if len(sel) >= 2:
                k = np.polyfit(np.log(sel["n"]), np.log(sel["cpu"]), 1)[0]
                rng_ = f"{sel['n'].min():,}-{sel['n'].max():,}"
                slopes.append({"step": step, "tool": tool, "n range": rng_, "slope (cpu)": k})
    slopes = pd.DataFrame(slopes)

    qrows = [
        {"n": n, "LISA p-values": who, **vals}
        for n, q in quality.items()
        for who, vals in q.items()
    ]
    qtable = pd.DataFrame(qrows)

    import esda as _e
    import libpysal
    import pygeoda

    lines = [
        "# Benchmark: spatial weights, global Moran and Geary, local Moran and Gi*",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {_cpu_count()} cores, "
        f"Python {platform.python_version()}; esda {_e.__version__}, libpysal "
        f"{libpysal.__version__}, pygeoda {pygeoda.__version__}, numpy {np.__version__}.",
        (f"**The machine was shared and busy** (load average {load_before[0]:.1f} before, "
         f"{load_after[0]:.1f} after, on {_cpu_count()} cores): wall-clock times are "
         "inflated and noisy, so CPU time of this process (`time.process_time`) is given in "
         "brackets and the ratios use CPU time."
         if max(load_before[0], load_after[0]) > 1.5 else
         f"The machine was quiet (load average {load_before[0]:.1f} before, "
         f"{load_after[0]:.1f} after, on {_cpu_count()} cores); CPU time of this process "
         "(`time.process_time`) is given in brackets and the ratios use CPU time."),
        "Synthetic Voronoi tessellations (jittered 200 m grid, about 6 neighbours), "
        f"row-standardised queen weights (Gi*: binary); {PERMS} permutations; "
        "single-threaded (esda n_jobs=1, pygeoda cpu_threads=1, OpenBLAS 1 thread); "
        "best of `--repeat` (here "
        "2) below 100k, one run at 100k and 1M except for the local statistics (best of "
        "two at every size, each tool alike); esda's and our numba kernels warmed up before "
        "timing. Ratios > 1: we are faster. "
        "Peak MB: resident memory of the whole benchmark process during the step "
        "(it includes the tessellation and earlier results).",
        f"Reference tools at 1M: {SKIP_REASON}.",
        "",
        _markdown(table, 3),
        "",
        "## Growth (log-log slope of CPU time, n = 10k to the largest size measured)",
        "",
        _markdown(slopes, 2) if len(slopes) else "(one size only)",
        "",
        "## LISA p-values: as good as the per-area method",
        "",
        "Two-sided p-values (esda: min(1, 2 p_sim)) against esda with seed 1: mean "
        "absolute difference and the share of areas whose decision at 5 % differs. "
        "'esda seed 2' is esda's disagreement with itself, the Monte-Carlo noise floor.",
        "",
        _markdown(qtable, 4) if len(qtable) else "(not measured)",
        "",
    ]
    if first is not None:
        lines += [
            "## First LISA in a fresh process (25-area city, 9,999 permutations)",
            "",
            "Whole `python -c` run (interpreter start, imports, weights, LISA) and the first "
            "local Moran call alone (esda: including numba JIT compilation), best of 3.",
            "",
            _markdown(first, 2),
            "",
        ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    tmp = OUT.with_suffix(".md.tmp")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    tmp.replace(OUT)
    return "\n".join(lines)


def _markdown(frame: pd.DataFrame, digits: int) -> str:
    """A GitHub markdown table (no tabulate dependency)."""

    def cell(v) -> str:
        if isinstance(v, float | np.floating):
            return "n/a" if np.isnan(v) else f"{v:.{digits}f}"
        return str(v)

    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(False)]
    return "\n".join([head, rule, *body])


def _cpu_count() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


if __name__ == "__main__":
    sys.exit(main())
