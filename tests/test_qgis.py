"""The bundle's GeoPackage opened and rendered in a real QGIS (Debian's qgis 3.22).

``tests/qgis_render.py`` runs under Debian's ``/usr/bin/python3`` (QGIS' bindings), renders
every style stored in ``layer_styles`` over a magenta background and samples the colours
QGIS drew inside each area. Here those colours are compared with what each style says the
area's class is (evaluated in Python from the GeoPackage's values and the style's rules):
every area is drawn (no magenta), in its class colour, and hatched classes carry a visible
hatch (the most deprived class must not look lighter than the others). ``.ci/run`` installs
QGIS and sets ``SOZIALRAUM_REQUIRE_QGIS=1``, so a missing QGIS fails instead of skipping.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pyogrio
import pytest

import sozialraum as sr
from sozialraum.config import demo_config

QGIS_PYTHON = "/usr/bin/python3"
RENDER = Path(__file__).with_name("qgis_render.py")


def _has_qgis() -> bool:
    try:
        r = subprocess.run([QGIS_PYTHON, "-c", "import qgis.core"], capture_output=True,
                           timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0


pytestmark = pytest.mark.skipif(
    os.environ.get("SOZIALRAUM_REQUIRE_QGIS") != "1" and not _has_qgis(),
    reason="no QGIS (apt-get install qgis python3-qgis)",
)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    cfg = demo_config(permutations=99)
    cfg = cfg.replace(maps=cfg.maps.__class__(**{**cfg.maps.__dict__, "formats": ("png",),
                                                  "html": False}))
    out = tmp_path_factory.mktemp("qgis") / "ergebnis"
    bundle = sr.run(cfg, out=out)
    gpkg = bundle.path / "geodaten" / "ergebnisse.gpkg"
    target = out.parent / "render"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(out.parent))
    env.pop("PYTHONPATH", None)  # Debian's python with its own site-packages only
    r = subprocess.run([QGIS_PYTHON, str(RENDER), str(gpkg), str(target)], capture_output=True,
                       text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    result = json.loads((target / "result.json").read_text(encoding="utf-8"))
    return gpkg, target, result


def _rgb(value: str) -> tuple[int, int, int]:
    r, g, b = (int(v) for v in value.split(",")[:3])
    return r, g, b


def _symbols(root) -> dict[str, list[tuple[str, tuple[int, int, int]]]]:
    """symbol name -> [(brush style, colour)] of its layers."""
    out = {}
    for sym in root.findall("renderer-v2/symbols/symbol"):
        layers = []
        for layer in sym.findall("layer"):
            opts = {o.get("name"): o.get("value") for o in layer.findall("Option/Option")}
            layers.append((opts["style"], _rgb(opts["color"])))
        out[sym.get("name")] = layers
    return out


def _expected(qml: str, attributes: dict) -> list[tuple[str, tuple[int, int, int]]]:
    """The symbol layers QGIS should draw for one area, from the style's rules in Python."""
    root = ET.fromstring(qml.split("\n", 1)[1])
    renderer = root.find("renderer-v2")
    symbols = _symbols(root)
    if renderer.get("type") == "RuleRenderer":
        for rule in renderer.findall("rules/rule"):
            flt = rule.get("filter")
            if flt == "ELSE":
                return symbols[rule.get("symbol")]
            m = re.match(r'"(.+)" (>=?) (\S+) AND "\1" <= (\S+)$', flt)
            value = attributes.get(m.group(1))
            if value is None:
                continue
            lo, hi = float(m.group(3)), float(m.group(4))
            if (value >= lo if m.group(2) == ">=" else value > lo) and value <= hi:
                return symbols[rule.get("symbol")]
        raise AssertionError(f"no rule for {attributes}")
    column = renderer.get("attr")
    value = attributes.get(column)
    cats = renderer.findall("categories/category")
    for cat in cats:
        if value is not None and cat.get("value") == str(value):
            return symbols[cat.get("symbol")]
    return symbols[next(c.get("symbol") for c in cats if c.get("value") == "")]


def test_qgis_opens_each_layer_with_the_index_classes(rendered):
    _, _, result = rendered
    for table in ("sozialraeume", "stadtteile"):
        opened = result["defaults"][table]
        assert opened["valid"] and opened["renderer"] == "categorizedSymbol"
        # the class names with their bounds, as on the printed index-class map
        assert opened["legend"] == ["hoch: unter -1,0", "mittel: -1,0 bis +1,0",
                                    "niedrig: über +1,0 bis +1,5", "sehr niedrig: über +1,5",
                                    "keine Angabe"]
    assert result["defaults"]["sozialraeume"]["features"] == len(sr.datasets.musterstadt())


def test_every_style_is_distinct_and_imports_in_qgis(rendered):
    gpkg, _, result = rendered
    names = [s["name"] for s in result["styles"]]
    assert len(names) == len(set(names)) and all(s["imported"] for s in result["styles"])
    with sqlite3.connect(gpkg) as con:
        stamps = [r[0] for r in con.execute("SELECT update_time FROM layer_styles")]
        version = con.execute("PRAGMA user_version").fetchone()[0]
    assert len(stamps) == len(set(stamps))
    assert version == 10300  # GeoPackage 1.3, read by GDAL 3.6 without warnings


def test_qgis_draws_every_area_in_its_class_colour_with_visible_hatches(rendered):
    gpkg, _, result = rendered
    with sqlite3.connect(gpkg) as con:
        qml_of = {(t, n): q for t, n, q in con.execute(
            "SELECT f_table_name, styleName, styleQML FROM layer_styles")}
    checked = hatched = 0
    for style in result["styles"]:
        frame = pyogrio.read_dataframe(gpkg, layer=style["table"], read_geometry=False)
        frame = frame.set_index(style["key"])
        qml = qml_of[(style["table"], style["name"])]
        for key, window in style["pixels"].items():
            attributes = {c: (None if _isna(v) else v) for c, v in frame.loc[key].items()}
            layers = _expected(qml, attributes)
            fill = layers[0][1]
            colours = {tuple(c): n for c, n in window}
            assert sum(n for c, n in colours.items() if c == (255, 0, 255)) == 0, (
                style["name"], key, "not drawn")
            near = sum(n for c, n in colours.items()
                       if all(abs(a - b) <= 6 for a, b in zip(c, fill, strict=True)))
            assert near >= 20, (style["name"], key, fill, window[:4])
            if len(layers) > 1:  # hatched: pixels of the hatch colour over the fill
                ink = layers[1][1]
                dark = sum(n for c, n in colours.items()
                           if all(abs(a - b) <= 40 for a, b in zip(c, ink, strict=True)))
                assert dark >= 3, (style["name"], key, ink, window[:4])
                hatched += 1
            checked += 1
    assert checked > 100 and hatched > 10


def _isna(value) -> bool:
    try:
        return value is None or value != value
    except Exception:
        return False


@pytest.mark.skipif(not os.environ.get("SOZIALRAUM_TEST_PG_URL"), reason="no PostGIS server")
def test_qgis_loads_the_styles_from_postgis(tmp_path):
    """sr.write_postgis stores the styles as QGIS does: QGIS opens the table from the
    database with the index classes as its default style."""
    import uuid

    from psycopg.conninfo import conninfo_to_dict
    from sqlalchemy import text

    from sozialraum.io.postgis import connect

    url = os.environ["SOZIALRAUM_TEST_PG_URL"]
    cfg = demo_config(permutations=99)
    cfg = cfg.replace(maps=cfg.maps.__class__(**{**cfg.maps.__dict__, "formats": ("png",),
                                                  "html": False, "columns": ()}))
    bundle = sr.run(cfg, out=tmp_path / "ergebnis")
    schema = f"q_{uuid.uuid4().hex[:8]}"
    sr.write_postgis(bundle, url, schema=schema)
    parts = conninfo_to_dict(url)
    conninfo = " ".join(f"{k}={v}" for k, v in parts.items())
    out = tmp_path / "pg.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(tmp_path))
    env.pop("PYTHONPATH", None)
    try:
        r = subprocess.run([QGIS_PYTHON, str(RENDER), "--postgis", conninfo, schema,
                            "sozialraeume", str(out)], capture_output=True, text=True, env=env,
                           timeout=300)
        assert r.returncode == 0, r.stderr[-2000:]
        info = json.loads(out.read_text(encoding="utf-8"))
    finally:
        engine = connect(url)
        with engine.begin() as con:
            con.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            con.execute(text("DELETE FROM public.layer_styles WHERE f_table_schema = :s"),
                        {"s": schema})
        engine.dispose()
    assert info["valid"] and info["features"] == len(sr.datasets.musterstadt())
    assert info["renderer"] == "categorizedSymbol"
    assert info["legend"][-1] == "keine Angabe" and len(info["legend"]) == 5
