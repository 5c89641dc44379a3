"""Names are data: hostile strings through a full ``sozialraum.run``.

Area names, keys, indicator codes and labels, level names and labels, the index name and the
source texts are filled with formula starts, HTML/script payloads and path tricks. The bundle
must stay inside its folder, the spreadsheets must show every such string as text (no
formula), the CSV must escape formula starts (OWASP), the HTML map and the profiles must run
no injected script in a real Chromium, and the Markdown must carry no raw HTML.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from synthetic import CHROMIUM, CHROMIUM_ARGS, grid_districts

import sozialraum as sr
from sozialraum.config import loads
from sozialraum.errors import ConfigError, InputError

PWN = "window.__pwned=1;alert(1)"

#: Formula starts a spreadsheet would evaluate.
FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x","y")',
    "+1",
    "@SUM(1)",
    "-1+1",
    "\t=1+2",
    "\r=1+3",
]
#: Markup a browser or a Markdown renderer would run or render.
MARKUP = [
    f"<img src=x onerror={PWN}>",
    f"<script>{PWN}</script>",
    f'"><svg onload={PWN}>',
    "javascript:alert(1)",
    f"[klick](javascript:{PWN}) | a | b",
    "a & b &lt;c&gt; *fett* _kursiv_ `code`",
]
#: Names that are paths, device names or otherwise awkward as file names.
PATHS = ["../../../victim", "01/01", "..\\x", "index", "CON", "a:b", "x" * 300, "\u202eRTL"]
HOSTILE = FORMULAS + MARKUP + PATHS

#: Strings starting like a formula: a CSV cell with one of them must start with ``'``.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _city(folder: Path) -> dict:
    """A 5 x 5 grid city whose keys, names and parent keys are hostile strings."""
    g = grid_districts()
    n = len(g)
    # a key is read as stripped text: a CR start is tested as a name only
    hostile_keys = [h for h in HOSTILE if not h.startswith("\r")]
    keys = [*hostile_keys, *(f"{i:04d}" for i in range(n - len(hostile_keys)))][:n]
    assert len(set(keys)) == n
    g.index = pd.Index(keys, name="SR_NR")
    g["name"] = [HOSTILE[(i + 5) % len(HOSTILE)] for i in range(n)]
    parents = ("=1+1", "../../bezirk", "<b>B</b>", "@x", "CON")
    g["BEZ"] = [parents[i % len(parents)] for i in range(n)]
    rng = np.random.default_rng(3)
    ew = rng.integers(800, 3000, n)
    table = pd.DataFrame(
        {
            "SR_NR": keys,
            "EW": ew,
            "ALO": rng.binomial(ew, 0.08),
            "SGB2": rng.binomial(ew, 0.12),
        }
    )
    g.reset_index().to_file(folder / "grenzen.gpkg", layer="gebiete", driver="GPKG")
    table.to_csv(folder / "statistik.csv", sep=";", index=False)
    return {"keys": keys, "names": list(g["name"])}


def _toml(value: str) -> str:
    """A TOML basic string."""
    out = value.replace("\\", "\\\\").replace('"', '\\"')
    out = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in out)
    return f'"{out}"'


CODE_A, CODE_B = "=1+1", "../../evil"
LABEL_A, LABEL_B = f"<img src=x onerror={PWN}>", f"<script>{PWN}</script>|[x](javascript:1)"
LEVEL, LEVEL_LABEL = "../../../lvl", f'"><svg onload={PWN}>/[]:*?'
PARENT, PARENT_LABEL = "index", "=SUM(1)"
SOURCE = f"<img src=x onerror={PWN}> & [q](javascript:alert(1)) =1+1"
INDEX_NAME = f"<svg onload={PWN}>"


def _config_text(**over) -> str:
    v = dict(
        level=LEVEL, level_label=LEVEL_LABEL, parent=PARENT, parent_label=PARENT_LABEL,
        source=SOURCE, code_a=CODE_A, code_b=CODE_B, label_a=LABEL_A, label_b=LABEL_B,
        index_name=INDEX_NAME,
    )
    v.update(over)
    t = {k: _toml(x) for k, x in v.items()}
    return f"""
language = "de"

[inputs]
boundaries = "grenzen.gpkg"
layer = "gebiete"
key = "SR_NR"
name = "name"
level = {t["level"]}
level_label = {t["level_label"]}
population = "EW"
stichtag = "31.12.2024"
source = {t["source"]}
licence = {t["source"]}
geometry_source = {t["source"]}

[[inputs.tables]]
path = "statistik.csv"

[[inputs.levels]]
name = {t["parent"]}
label = {t["parent_label"]}
key = "BEZ"

[[indicators.custom]]
code = {t["code_a"]}
numerator = "ALO"
denominator = "EW"
scale = 100
label = {t["label_a"]}
label_en = {t["label_a"]}
unit = {t["label_a"]}
theme = "Armut"

[[indicators.custom]]
code = {t["code_b"]}
numerator = "SGB2"
denominator = "EW"
scale = 100
label = {t["label_b"]}
unit = "%"

[index]
spec = "index.toml"

[confidentiality]
min_count = 3
min_population = 300

[hotspots]
statistics = ["local_moran", "gstar"]
variable = "index"
permutations = 99
seed = 1

[maps]
columns = ["index", {t["code_a"]}, {t["code_b"]}]
levels = [{t["level"]}, {t["parent"]}]
formats = ["png"]
html = true
clusters = true
"""


def _index_text(**over) -> str:
    t = {k: _toml(x) for k, x in {"name": INDEX_NAME, "a": CODE_A, "b": CODE_B, **over}.items()}
    return f"""
name = {t["name"]}
normalisation = "zscore"
population = "EW"
source = {_toml(SOURCE)}
[[indicators]]
column = {t["a"]}
[[indicators]]
column = {t["b"]}
"""


def _listing(root: Path, skip: Path) -> set[str]:
    out = set()
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if here == skip or skip in here.parents:
            continue
        for name in dirnames + filenames:
            p = here / name
            if p != skip:
                out.add(p.relative_to(root).as_posix())
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The bundle of the hostile city, and what was outside it before and after."""
    root = tmp_path_factory.mktemp("hostile")
    work = root / "a" / "b" / "c"
    work.mkdir(parents=True)
    city = _city(work)
    text = _config_text()
    (work / "sozialraum.toml").write_text(text, encoding="utf-8")
    (work / "index.toml").write_text(_index_text(), encoding="utf-8")
    cfg = loads(text, base=work, source="sozialraum.toml", config_path=work / "sozialraum.toml")
    out = work / "bundle"
    before = _listing(root, out)
    bundle = sr.run(cfg, out=out)
    after = _listing(root, out)
    return {"bundle": bundle, "out": out, "before": before, "after": after, **city}


def test_nothing_is_written_outside_the_bundle(hostile):
    assert hostile["after"] == hostile["before"]
    out = hostile["out"].resolve()
    for f in hostile["bundle"].files:
        assert out in (out / f).resolve().parents
    # every file name is a plain name (no device name, no ':' and no control character)
    for f in hostile["bundle"].files:
        for part in Path(f).parts:
            assert re.fullmatch(r"[A-Za-z0-9_.-]+", part), f
            assert part.split(".")[0].lower() not in {"con", "prn", "aux", "nul"}


def test_xlsx_has_no_formula(hostile):
    from openpyxl import load_workbook

    wb = load_workbook(hostile["out"] / "tabellen" / "ergebnisse.xlsx")
    strings = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    strings.add(cell.value)
    # the hostile strings are there, as they were given (shown, never evaluated)
    for s in [*FORMULAS, *MARKUP, CODE_A, CODE_B]:
        if s in hostile["keys"] or s in hostile["names"] or s in (CODE_A, CODE_B):
            assert s.replace("\r", "\n") in strings, s  # XML reads a CR as a line feed
    # numbers stay numbers (a negative value is a number, not a formula)
    ws = wb.worksheets[0]
    assert any(isinstance(c.value, float) and c.value < 0 for row in ws.iter_rows() for c in row)


def test_csv_escapes_formula_starts(hostile):
    tables = sorted((hostile["out"] / "tabellen").glob("*.csv"))
    assert len(tables) == 2
    seen = []
    for path in tables:
        text = path.read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        for row in rows:
            for cell in row:
                if cell.startswith("-") and re.fullmatch(r"-\d+(,\d+)?(e-?\d+)?", cell):
                    continue  # a negative number
                assert not cell.startswith(_FORMULA_START), (path.name, cell)
                seen.append(cell)
    for s in FORMULAS:
        assert "'" + s in seen, s
    assert "'" + CODE_A in seen  # a header cell


def _open_all(page, path: Path, dialogs: list) -> None:
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)


@pytest.fixture(scope="module")
def chromium():
    from test_browser import _missing_reason

    reason = _missing_reason()
    if reason:
        if os.environ.get("SOZIALRAUM_REQUIRE_BROWSER") == "1":
            pytest.fail(f"SOZIALRAUM_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield b
        b.close()


def _page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    context.set_offline(True)
    page = context.new_page()
    events: list[str] = []
    page.on("dialog", lambda d: (events.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda exc: events.append(f"pageerror: {exc}"))
    page.on("console", lambda m: events.append(f"console: {m.text}") if m.type == "error" else None)
    return context, page, events


def test_html_maps_run_no_injected_script(hostile, chromium):
    maps = sorted((hostile["out"] / "karten").glob("*.html"))
    assert len(maps) == 2
    for path in maps:
        context, page, events = _page(chromium)
        try:
            page.goto(path.as_uri())
            page.wait_for_function("window.sozialraumReady === true", timeout=20_000)
            radios = page.locator(".leaflet-control-layers-base input")
            for i in range(max(radios.count(), 1)):
                if radios.count():
                    radios.nth(i).check()
                    # the legend follows the layer although its name is escaped HTML
                    assert page.locator(".sr-legend:visible").count() == 1
                paths = page.locator("path.sr-district")
                for j in range(paths.count()):
                    box = paths.nth(j).bounding_box()
                    if box:
                        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                assert page.locator(".leaflet-tooltip").count() >= 1
            pwned = page.evaluate("typeof window.__pwned")
            injected = page.locator(".leaflet-container img[src='x'], svg[onload]").count()
            control = page.locator(".leaflet-control-layers").inner_text()
        finally:
            context.close()
        assert events == [], (path.name, len(events), events[:5])
        assert pwned == "undefined" and injected == 0, path.name
        # every text is shown literally: the layer control shows the label as text
        assert LABEL_A in control


def test_profiles_run_no_injected_script(hostile, chromium):
    folder = hostile["out"] / "profile"
    pages = sorted(folder.glob("*.html"))
    assert len(pages) == 26
    context, page, events = _page(chromium)
    try:
        for path in pages:
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            assert page.evaluate("typeof window.__pwned") == "undefined", path.name
            assert page.locator("img[src='x'], script:not([src]), svg[onload]").count() == 0
        # the index page links every profile, each link stays inside the folder
        page.goto((folder / "index.html").as_uri())
        hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.href)")
        assert len(hrefs) == 25
        assert all(h.startswith(folder.resolve().as_uri() + "/") for h in hrefs)
    finally:
        context.close()
    assert events == [], events[:5]


def test_markdown_shows_no_html(hostile):
    for name in ("methodik.md", "methods.md"):
        md = (hostile["out"] / name).read_text(encoding="utf-8")
        for raw in ("<img", "<script", "<svg", "<b>"):
            assert raw not in md, (name, raw)
        # no link can start: every '[' of a user string is escaped
        assert not re.search(r"(?<!\\)\[[^\]\n]*(?<!\\)\]\(", md), name
        # the indicator table keeps its five columns although a label holds '|'
        rows = [ln for ln in md.splitlines() if ln.startswith("| ") and "../../evil" in ln]
        assert rows, name
        for row in rows:
            assert len(re.findall(r"(?<!\\)\|", row)) == 6, row


def test_nul_is_refused(tmp_path):
    """A NUL (or another control character) in the config or in a name is refused at once."""
    _city(tmp_path)
    (tmp_path / "index.toml").write_text(_index_text(), encoding="utf-8")
    text = _config_text(level_label="Gebiete\x00x")
    with pytest.raises(ConfigError) as err:
        loads(text, base=tmp_path, source="sozialraum.toml")
    assert "U+0000" in str(err.value) and "[inputs.level_label]" in str(err.value)
    import geopandas as gpd

    g = gpd.read_file(tmp_path / "grenzen.gpkg")
    g.loc[3, "name"] = "Nord\x01"
    g.to_file(tmp_path / "grenzen.gpkg", layer="gebiete", driver="GPKG")
    cfg = loads(_config_text(), base=tmp_path, source="sozialraum.toml")
    with pytest.raises(InputError) as err:
        sr.run(cfg, out=tmp_path / "out")
    assert "'name'" in err.value.message("de") and "Steuerzeichen" in err.value.message("de")
    assert not (tmp_path / "out").exists()
