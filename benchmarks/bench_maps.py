"""Benchmark: offline HTML maps for 1k and 10k districts (size, build time, render time).

Synthetic Voronoi districts with detailed shared boundaries
(``sozialraum.maps._synthetic.voronoi_districts``: edges densified every 15 m and
wiggled, ~70 vertices per district, a valid coverage). For each size the map is
built twice: as explore() makes it by default (topology-preserving simplification
above 50,000 vertices, rounded coordinates, canvas renderer above 3,000 districts)
and without simplification (precision 6), to show what the simplification buys.

Render time: the saved file is opened in Debian's headless Chromium (Playwright) with
the network blocked; the time is ``performance.now()`` (ms since navigation start)
after the page set ``window.sozialraumReady`` and two animation frames were painted.
Best of `--repeat` page loads.

    python benchmarks/bench_maps.py                 # 1k and 10k
    python benchmarks/bench_maps.py --sizes 1000    # quicker

Writes benchmarks/results/maps.md. Not a test: nothing here asserts speed.
"""

from __future__ import annotations

import argparse
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
from synthetic import CHROMIUM, CHROMIUM_ARGS, voronoi_districts  # noqa: E402

OUT = Path(__file__).parent / "results" / "maps.md"
ARGS = list(CHROMIUM_ARGS)


def render_ms(browser, path: Path, repeat: int, n: int) -> tuple[float, int, list[str]]:
    """Best time to a painted map, the number of SVG district paths, console errors."""
    best = float("inf")
    paths = -1
    errors: list[str] = []
    for _ in range(repeat):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route(
            "**/*",
            lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
        )
        context.set_offline(True)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri(), timeout=300_000)
        page.wait_for_function("window.sozialraumReady === true", timeout=300_000)
        t = page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame("
            "() => r(performance.now()))))"
        )
        best = min(best, float(t))
        paths = page.locator("path.sr-district").count()
        context.close()
    return best, paths, errors


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
        render_ms(browser, warm, 1, 50)
        for n in args.sizes:
            g = voronoi_districts(n, seed=1)
            vertices = int(shapely.get_num_coordinates(g.geometry.to_numpy()).sum())
            for label, kwargs in (
                ("default (auto)", {}),
                ("no simplification", {"simplify": None, "precision": 6}),
            ):
                t0 = time.perf_counter()
                m = sr.explore(g, ["wert"], unit="%", **kwargs)
                path = Path(tmp) / f"map_{n}_{len(rows)}.html"
                m.save(path)
                build = time.perf_counter() - t0
                size = path.stat().st_size
                ms, n_paths, errors = render_ms(browser, path, args.repeat, n)
                canvas = n > 3000
                rows.append(
                    {
                        "n": len(g),
                        "variant": label,
                        "vertices": vertices,
                        "size_mb": size / 1e6,
                        "build_s": build,
                        "render_s": ms / 1000,
                        "renderer": "canvas" if canvas else f"svg ({n_paths} paths)",
                        "errors": len(errors),
                    }
                )
                print(rows[-1], flush=True)
        browser.close()
    lines = [
        "# Benchmark: offline HTML maps (`benchmarks/bench_maps.py`)",
        "",
        f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, Python "
        f"{platform.python_version()}, Chromium headless (Debian), "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "Synthetic Voronoi districts with detailed shared boundaries (about 70 vertices each).",
        f"Render time: navigation start to the painted map, best of {args.repeat} loads,",
        "network blocked. Build: explore() + save() in Python.",
        "",
        "| districts | variant | input vertices | HTML size | build | render (Chromium) "
        "| renderer | console errors |",
        "|---:|---|---:|---:|---:|---:|---|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['variant']} | {r['vertices']:,} | {r['size_mb']:.1f} MB | "
            f"{r['build_s']:.1f} s | {r['render_s']:.2f} s | {r['renderer']} | {r['errors']} |"
        )
    lines += [
        "",
        'Default (`simplify="auto"`): layers with more than 50,000 vertices get',
        "`shapely.coverage_simplify` with a tolerance of 2 % of the median district's side",
        "length (here about 5 m; shared edges stay shared, no gaps or slivers); coordinates",
        "are rounded to 6 decimals (0.1 m) up to 1,000 districts, to 5 (about 1 m) above;",
        "Leaflet's canvas renderer above 3,000 districts, SVG (one path per district) below.",
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(OUT.read_text())


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
