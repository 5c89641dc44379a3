"""Benchmark: a national Zensus 2022 100 m grid read and summed into 10,000 districts.

Generates (in a temporary folder, never committed) a grid table in the published layout,
``GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner;Kinder``, with `--cells` populated cells
(default 3,000,000, about the number of populated 100 m cells in Germany) drawn around
towns over Germany's extent in EPSG:3035, ``–`` in 2 % of the ``Kinder`` cells; and
`--districts` Voronoi districts (default 10,000) over the same extent, handed over in
EPSG:25832. Then, in one *fresh* process: ``sr.read_zensus_grid``, ``sr.aggregate_grid``
by centroid, by area share, and by centroid with ``engine="dask"`` (8 partitions). Each
step has wall and CPU time (``time.process_time``, all threads) and the peak RSS of the
process so far (``VmHWM`` of ``/proc/self/status``: the peak never goes down, so each row
is "up to here").

    python benchmarks/bench_zensus.py                        # 3 million cells
    python benchmarks/bench_zensus.py --cells 300000 --districts 1000   # quicker

Writes benchmarks/results/zensus.md. Not a test: nothing here asserts speed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

OUT = Path(__file__).parent / "results" / "zensus.md"
ROOT = Path(__file__).resolve().parents[1]
# Germany's extent in EPSG:3035 (metres), rounded out to 10 km
X0, X1, Y0, Y1 = 4_030_000, 4_680_000, 2_680_000, 3_560_000
RES = 100


def make_grid(path: Path, n: int, seed: int = 1) -> None:
    """`n` distinct populated cells clustered around 4,000 towns, written as published."""
    sys.path.insert(0, str(ROOT / "tests"))
    from support.zensus import write_zensus_grid

    rng = np.random.default_rng(seed)
    ncols, nrows = (X1 - X0) // RES, (Y1 - Y0) // RES
    towns = np.column_stack([rng.integers(0, ncols, 4000), rng.integers(0, nrows, 4000)])
    size = rng.lognormal(3.0, 0.8, 4000)  # spread of each town in cells
    cells = np.empty(0, dtype=np.int64)
    while len(cells) < n:
        k = int((n - len(cells)) * 1.3) + 1000
        t = rng.integers(0, 4000, k)
        c = np.clip(np.rint(towns[t, 0] + rng.normal(0, 1, k) * size[t]), 0, ncols - 1)
        r = np.clip(np.rint(towns[t, 1] + rng.normal(0, 1, k) * size[t]), 0, nrows - 1)
        cells = np.unique(np.concatenate([cells, (r * ncols + c).astype(np.int64)]))
    cells = rng.permutation(cells)[:n]
    rows, cols = cells // ncols + Y0 // RES, cells % ncols + X0 // RES
    pop = rng.integers(3, 250, n)
    kids = (pop * rng.uniform(0.05, 0.25, n)).astype(np.int64).astype(str).astype(object)
    kids[rng.random(n) < 0.02] = "\u2013"
    write_zensus_grid(path, rows, cols, {"Einwohner": pop, "Kinder": kids}, resolution=RES)


def make_districts(path: Path, n: int, seed: int = 2) -> None:
    """`n` Voronoi districts over the extent (EPSG:3035), written in EPSG:25832."""
    import geopandas as gpd
    import shapely

    rng = np.random.default_rng(seed)
    pts = shapely.multipoints(np.column_stack([rng.uniform(X0, X1, n), rng.uniform(Y0, Y1, n)]))
    frame = shapely.box(X0, Y0, X1, Y1)
    cells = shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=frame))
    cells = shapely.intersection(cells, frame)
    d = gpd.GeoDataFrame({"SR_NR": [f"{i:05d}" for i in range(len(cells))]}, geometry=cells,
                         crs="EPSG:3035").to_crs("EPSG:25832")
    d.to_file(path, driver="GPKG")


CHILD = r"""
import json, sys, time
t0, c0 = time.perf_counter(), time.process_time()
import sozialraum as sr
rows = []
def peak_mb():
    # VmHWM belongs to this process's address space; getrusage's ru_maxrss would start
    # from the parent's peak (inherited across fork and exec on Linux)
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) / 1024
def step(name, t0, c0):
    rss = peak_mb()
    rows.append({"step": name, "wall": time.perf_counter() - t0,
                 "cpu": time.process_time() - c0, "rss": rss})
areas = sr.read_boundaries(sys.argv[2], key="SR_NR")
step("import + read districts", t0, c0)
t, c = time.perf_counter(), time.process_time()
g = sr.read_zensus_grid(sys.argv[1])
step("read_zensus_grid", t, c)
out = {"n_cells": len(g), "n_districts": len(areas)}
for name, kw in [("aggregate centroid", {}), ("aggregate area", {"method": "area"}),
                 ("aggregate centroid, dask (8 partitions)", {"engine": "dask",
                                                             "npartitions": 8})]:
    t, c = time.perf_counter(), time.process_time()
    sums, rep = sr.aggregate_grid(g, areas, ["Einwohner", "Kinder"], **kw)
    step(name, t, c)
    rows[-1].update(share=dict(rep.share_assigned)["Einwohner"], outside=rep.n_outside,
                    split=rep.n_split, total=float(sums["Einwohner"].sum()))
print(json.dumps({"rows": rows, **out}))
"""

CHILD_LISA = r"""
import json, sys, time, warnings
t0, c0 = time.perf_counter(), time.process_time()
import sozialraum as sr
rows = []
def peak_mb():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) / 1024
def step(name, t0, c0):
    rows.append({"step": name, "wall": time.perf_counter() - t0,
                 "cpu": time.process_time() - c0, "rss": peak_mb()})
g = sr.read_zensus_grid(sys.argv[1], columns=["Einwohner"])
n = int(sys.argv[2])
g = g.sort_values("x_mp_100m", kind="stable").iloc[:n]  # a western strip: a Land-sized patch
y = g["Einwohner"].astype(float)
step(f"read_zensus_grid, keep the {n:,} westernmost cells", t0, c0)
t, c = time.perf_counter(), time.process_time()
w = sr.grid_weights(g["row"], g["col"], index=g.index, method="queen")
step("grid_weights (queen, from row/col)", t, c)
for name, fn in [("local_moran, 999 permutations", sr.local_moran),
                 ("local_gstar, 999 permutations", sr.local_gstar)]:
    t, c = time.perf_counter(), time.process_time()
    fn(y, w, permutations=999, seed=1)
    step(name, t, c)
print(json.dumps({"rows": rows}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cells", type=int, default=3_000_000)
    ap.add_argument("--districts", type=int, default=10_000)
    ap.add_argument("--lisa-cells", type=int, default=1_000_000,
                    help="cells of the patch for LISA/Gi* in a second fresh process (0: skip)")
    ap.add_argument("--workdir", type=Path, default=None,
                    help="keep the generated files here and reuse them on the next run")
    args = ap.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.workdir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        grid_path = folder / f"Zensus2022_Bevoelkerungszahl_100m-Gitter_{args.cells}.csv"
        areas_path = folder / f"districts_{args.districts}.gpkg"
        t = time.perf_counter()
        if not grid_path.exists():
            make_grid(grid_path, args.cells)
        if not areas_path.exists():
            make_districts(areas_path, args.districts)
        made = time.perf_counter() - t
        mb = grid_path.stat().st_size / 1e6
        print(f"{mb:.0f} MB grid + {args.districts} districts ready in {made:.0f} s",
              flush=True)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        res = subprocess.run([sys.executable, "-c", CHILD, str(grid_path), str(areas_path)],
                             capture_output=True, text=True, env=env, check=True)
        lisa = None
        if args.lisa_cells:
            out = subprocess.run([sys.executable, "-c", CHILD_LISA, str(grid_path),
                                  str(args.lisa_cells)], capture_output=True, text=True, env=env,
                                 check=True)
            lisa = json.loads(out.stdout.strip().splitlines()[-1])
    result = json.loads(res.stdout.strip().splitlines()[-1])
    load_after = os.getloadavg()
    lines = [
        "# Zensus grid: read and aggregate a national 100 m grid (`sr.read_zensus_grid`, "
        "`sr.aggregate_grid`)",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores (shared), Python "
        f"{platform.python_version()}. Load average before / after: "
        f"{' '.join(f'{v:.1f}' for v in load_before)} / "
        f"{' '.join(f'{v:.1f}' for v in load_after)}. Written by `benchmarks/bench_zensus.py`.",
        "",
        f"Synthetic grid in the published layout: {result['n_cells']:,} populated 100 m cells "
        f"({mb:.0f} MB CSV, `GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner;Kinder`, 2 % `–`) "
        f"over Germany's extent in EPSG:3035; {result['n_districts']:,} Voronoi districts in "
        "EPSG:25832 (reprojected to EPSG:3035 by `aggregate_grid`). One fresh process, steps "
        "in order; peak RSS is the process's peak up to the end of the step (target: 8 GB).",
        "",
        "| step | wall (s) | CPU (s) | peak RSS so far (MB) | share of Einwohner assigned |"
        " cells outside | cells split / on a boundary |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in result["rows"]:
        extra = (f"{r['share']:.6f} | {r['outside']:,} | {r['split']:,}" if "share" in r
                 else " | | ")
        lines.append(f"| {r['step']} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['rss']:.0f} | "
                     f"{extra} |")
    if lisa:
        lines += [
            "",
            "LISA and Gi\\* straight on the grid, in a second fresh process: contiguity from the "
            "`row`/`col` columns of `read_zensus_grid` (no polygons), then `sr.local_moran` and "
            "`sr.local_gstar` (999 permutations, seed 1, default pooled engine) on `Einwohner`.",
            "",
            "| step | wall (s) | CPU (s) | peak RSS so far (MB) |",
            "| --- | ---: | ---: | ---: |",
        ]
        lines += [f"| {r['step']} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['rss']:.0f} |"
                  for r in lisa["rows"]]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
