"""Benchmark: offline HTML maps for 1k and 10k districts (size, build time, render time).

Synthetic Voronoi districts with detailed shared boundaries
(``sozialraum.maps._synthetic.voronoi_districts``: edges densified every 15 m and
wiggled, ~70 vertices per district, a valid coverage). For each size the map is
built twice: as explore() makes it by default (topology-preserving simplification
above 50,000 vertices, rounded coordinates, canvas renderer above 3,000 districts)
and without simplification (precision 6), to show what the simplification buys.

Size: the whole HTML file, and its geometry alone as written (shared arcs, quantised and
delta-encoded: ``sozialraum.maps._arcs``) next to the GeoJSON of the same rounded
coordinates and properties that the page held before the arcs (computed here in the same
run, from the same geometry).

First paint: the saved file is opened in Debian's headless Chromium (Playwright) with
the network blocked; the time is ``performance.now()`` (ms since navigation start)
after the page set ``window.sozialraumReady`` (the shown layer exists) and two animation frames
were painted. Best of `--repeat` page loads, with the renderer's main-thread busy time
(Chrome DevTools ``Performance.getMetrics`` TaskDuration, a CPU time) of the same load and
the in-page decoding time of the geometry (``sozialraumDecode`` run once more on the
page's own object, best of 5). Build: wall and CPU time of explore() + save() in Python.
The load average of the machine is printed with each row.

    python benchmarks/bench_maps.py                 # 1k and 10k
    python benchmarks/bench_maps.py --sizes 1000    # quicker

Writes benchmarks/results/maps.md. Not a test: nothing here asserts speed.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import shapely

import sozialraum as sr

# the synthetic layers and the browser settings are test helpers (tests/synthetic.py), not
# part of the package
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support.arcs import topologies  # noqa: E402
from synthetic import CHROMIUM, CHROMIUM_ARGS, voronoi_districts  # noqa: E402

from sozialraum.maps.interactive import _prepare_geometry  # noqa: E402

OUT = Path(__file__).parent / "results" / "maps.md"
ARGS = list(CHROMIUM_ARGS)


def descendants_cpu(root: int) -> dict[int, float]:
    """CPU seconds (user + system) used so far by each living descendant of `root`.

    Read from /proc (Linux): Playwright's driver and the Chromium processes it started.
    """
    parent, cpu = {}, {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        parent[int(entry)] = int(fields[1])
        cpu[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    children: dict[int, list[int]] = {}
    for pid, ppid in parent.items():
        children.setdefault(ppid, []).append(pid)
    out, stack = {}, [root]
    while stack:
        for child in children.get(stack.pop(), []):
            out[child] = cpu[child]
            stack.append(child)
    return out


def cpu_since(before: dict[int, float]) -> float:
    """CPU seconds the descendants used since `before` (a process started since: all of it)."""
    now = descendants_cpu(os.getpid())
    return sum(t - before.get(pid, 0.0) for pid, t in now.items())


def render_ms(browser, path: Path, repeat: int) -> dict:
    """Best time to a painted map, main-thread busy time, decoding time, paths, errors."""
    best = {"paint_ms": float("inf")}
    errors: list[str] = []
    page_html = path.read_text(encoding="utf-8")
    topo = topologies(page_html)[0]
    for _ in range(repeat):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route(
            "**/*",
            lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
        )
        context.set_offline(True)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto("about:blank")  # the renderer process exists before the clock starts
        cpu0 = descendants_cpu(os.getpid())
        page.goto(path.as_uri(), timeout=300_000)
        page.wait_for_function("window.sozialraumReady === true", timeout=300_000)
        t = page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame("
            "() => r(performance.now()))))"
        )
        cpu = cpu_since(cpu0)
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        if t < best["paint_ms"]:
            best = {
                "paint_ms": float(t),
                "cpu_s": cpu,
                "task_ms": 1000 * float(metrics.get("TaskDuration", float("nan"))),
                "script_ms": 1000 * float(metrics.get("ScriptDuration", float("nan"))),
            }
            best["paths"] = page.locator("path.sr-district").count()
            best["decode_ms"] = page.evaluate(
                """(t) => { var best = Infinity;
                    for (var i = 0; i < 5; i++) { var t0 = performance.now();
                        var fc = sozialraumDecode(t);
                        best = Math.min(best, performance.now() - t0);
                        if (fc.features.length !== t.k.length) { throw new Error("count"); } }
                    return best; }""",
                topo,
            )
        context.close()
    best["errors"] = errors
    return best


def geojson_bytes(g, **kwargs) -> int:
    """Bytes of the GeoJSON the page held before the arcs, of the arcs, and the decimals."""
    prepared = _prepare_geometry(g, "name", kwargs.get("simplify", "auto"),
                                 kwargs.get("precision", "auto"))
    precision = json.loads(prepared.payload)["p"]
    rounded = shapely.remove_repeated_points(
        shapely.transform(prepared.frame.geometry.to_numpy(), lambda c: np.round(c, precision))
    )
    features = []
    for i, (key, name, gj) in enumerate(
        zip(g.index, g["name"], shapely.to_geojson(rounded), strict=True)
    ):
        head = f"<b>{html.escape(str(name))}</b> ({html.escape(str(key))})"
        props = json.dumps({"i": i, "k": str(key), "h": head}, separators=(",", ":"))
        features.append(f'{{"type":"Feature","properties":{props},"geometry":{gj}}}')
    text = '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"
    return len(text.encode("utf-8")), len(prepared.payload.encode("utf-8")), precision


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        warm = Path(tmp) / "warm.html"  # imports and first-call costs out of the figures
        sr.explore(voronoi_districts(50), ["wert"]).save(warm)
        render_ms(browser, warm, 1)
        for n in args.sizes:
            g = voronoi_districts(n, seed=1)
            vertices = int(shapely.get_num_coordinates(g.geometry.to_numpy()).sum())
            for extra in range(4):  # four more layers: what a bundle's map holds
                g[f"wert_{extra + 2}"] = np.round(g["wert"] * (extra + 2) % 17, 2)
            for label, columns, kwargs in (
                ("default (auto)", ["wert"], {}),
                ("default, 5 layers", ["wert", "wert_2", "wert_3", "wert_4", "wert_5"], {}),
                ("no simplification", ["wert"], {"simplify": None, "precision": 6}),
            ):
                t0, c0 = time.perf_counter(), time.process_time()
                m = sr.explore(g, columns, unit="%", **kwargs)
                path = Path(tmp) / f"map_{n}_{len(rows)}.html"
                m.save(path)
                build, build_cpu = time.perf_counter() - t0, time.process_time() - c0
                size = path.stat().st_size
                geojson, arcs, precision = geojson_bytes(g, **kwargs)
                r = render_ms(browser, path, args.repeat)
                rows.append(
                    {
                        "n": len(g),
                        "variant": label,
                        "vertices": vertices,
                        "precision": precision,
                        "size_mb": size / 1e6,
                        "geojson_mb": geojson / 1e6,
                        "arcs_mb": arcs / 1e6,
                        "build_s": build,
                        "build_cpu_s": build_cpu,
                        "paint_s": r["paint_ms"] / 1000,
                        "task_s": r["task_ms"] / 1000,
                        "cpu_s": r["cpu_s"],
                        "decode_ms": r["decode_ms"],
                        "renderer": "canvas" if n > 3000 else f"svg ({r['paths']} paths)",
                        "errors": len(r["errors"]),
                        "load": os.getloadavg()[0],
                    }
                )
                print(rows[-1], flush=True)
        browser.close()
    lines = [
        "# Benchmark: offline HTML maps (`benchmarks/bench_maps.py`)",
        "",
        f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, Python "
        f"{platform.python_version()}, Chromium headless (Debian), {os.cpu_count()} cores "
        f"shared with other jobs, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "Synthetic Voronoi districts with detailed shared boundaries (about 70 vertices each).",
        f"First paint: navigation start until the shown layer exists and is painted, best of "
        f"{args.repeat} loads,",
        "network blocked; Chromium CPU: user + system time of all its processes in that load",
        "(/proc); main thread: the renderer's busy time (DevTools TaskDuration, wall time of its",
        "tasks, so it grows with the load); decode: the in-page decoding of the geometry alone",
        "(best of 5). Build: explore() + save() in Python, wall",
        "(CPU). Geometry: the page's encoded geometry (shared arcs) vs. the GeoJSON of the same",
        "rounded coordinates that the page held before (computed in the same run). Load: the",
        "1-minute load average when the row was measured.",
        "",
        "| districts | variant | input vertices | decimals | HTML size | geometry: arcs / GeoJSON "
        "| build wall (CPU) | first paint | Chromium CPU | main thread | decode | renderer "
        "| errors | load |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['variant']} | {r['vertices']:,} | {r['precision']} | "
            f"{r['size_mb']:.2f} MB | {r['arcs_mb']:.2f} / {r['geojson_mb']:.2f} MB | "
            f"{r['build_s']:.1f} s ({r['build_cpu_s']:.1f} s) | {r['paint_s']:.2f} s | "
            f"{r['cpu_s']:.2f} s | {r['task_s']:.2f} s | {r['decode_ms']:.0f} ms | "
            f"{r['renderer']} | {r['errors']} | "
            f"{r['load']:.1f} |"
        )
    lines += [
        "",
        'Default (`simplify="auto"`): layers with more than 50,000 vertices get',
        "`shapely.coverage_simplify` with a tolerance of 2 % of the median district's side",
        "length (here about 5 m; shared edges stay shared, no gaps or slivers). The geometry is",
        "written once per border (shared arcs) on a grid of 10^-6 degrees (about 0.1 m) up to",
        "1,000 districts and 10^-5 degrees (1.1 m north-south, 0.7 m east-west; every point",
        "within 0.7 m of its position) above, as differences of integers in 5-bit digits, and",
        "decoded in the page (`sozialraum/maps/_arcs.py`). Leaflet's canvas renderer above",
        "3,000 districts, SVG (one path per district) below. A layer's districts are built",
        "when it is first shown: the hidden layers of a five-layer map cost nothing before the",
        "first paint (their colours and texts are in the file: 0.1 MB per layer at 10,000).",
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(OUT.read_text())


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
