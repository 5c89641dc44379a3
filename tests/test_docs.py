"""The docs site (mkdocs.yml) builds offline with --strict and has the pages it promises.

One build (about 10 s) in a temporary folder, then checks on the built HTML: the API
reference from the numpydoc docstrings, the German user guide, the English sections in the
nav, the map gallery, and that no page loads CSS, JavaScript or fonts from the network.
"""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_architecture import STAGES as PIPELINE  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
# one API page per public stage, in pipeline order (the order the import test enforces),
# the errors last
STAGES = [s for s in PIPELINE if not s.startswith("_") and s not in ("errors", "cli")]
STAGES.append("errors")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, (
        "mkdocs build --strict failed (pip install -e '.[test]' brings mkdocs):\n"
        + proc.stdout[-4000:]
        + proc.stderr[-4000:]
    )
    return out


def _html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def _text(html: str) -> str:
    """The visible text, roughly: tags dropped, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_api_reference_has_parameters_of_read_boundaries(site):
    html = _html(site, "api/io.html")
    assert 'id="sozialraum.io.read_boundaries"' in html
    text = _text(html)
    for name in ("allow_geographic", "key", "layer"):
        assert name in text
    # the numpydoc sections are parsed (rendered as tables), not shown as raw underlines
    assert "Parameters:" in text and "----------" not in text


@pytest.mark.parametrize("stage", STAGES)
def test_api_page_documents_all_of_dunder_all(site, stage):
    """docs/api/STAGE.md names each name of __all__ once, and each is rendered with an anchor.

    A name goes into the ``members`` list of ``::: sozialraum.STAGE``, in the order of
    __all__, or (a name that is also a submodule's, like ``report.run``) gets a directive of
    its own, ``::: sozialraum.STAGE.submodule.NAME``.
    """
    module = importlib.import_module(f"sozialraum.{stage}")
    source = (DOCS / "api" / f"{stage}.md").read_text(encoding="utf-8")
    assert f"::: sozialraum.{stage}\n" in source
    members = re.search(r"^      members:\n((?:        - \S+\n)+)", source, flags=re.M)
    listed = re.findall(r"- (\S+)", members.group(1))
    own = re.findall(rf"^::: sozialraum\.{stage}(?:\.\w+)+\.(\w+)$", source, flags=re.M)
    assert listed == [n for n in module.__all__ if n not in own]
    assert sorted(listed + own) == sorted(module.__all__)
    html = _html(site, f"api/{stage}.html")
    for name in module.__all__:
        assert re.search(rf'id="sozialraum\.{stage}(\.\w+)*\.{name}"', html), name


def test_german_user_guide_renders_its_headings(site):
    for page, html_page in [
        ("data.md", "data.html"),
        ("index.md", "sozialindex.html"),
        ("statistics.md", "statistics.html"),
        ("maps.md", "maps.html"),
        ("workflow.md", "workflow.html"),
    ]:
        headings = re.findall(
            r"^#{1,3} (.+)$", (DOCS / page).read_text(encoding="utf-8"), flags=re.M
        )
        text = _text(_html(site, html_page))
        for heading in (h for h in headings if "`" not in h and not h.startswith("English")):
            if heading.startswith(("Pfade", "missing=", "fehlt")):  # comments in code blocks
                continue
            assert heading.replace("*", "") in text.replace("*", "") or heading in text, (
                page,
                heading,
            )
    html = _html(site, "data.html")
    assert re.search(r"<h2[^>]*>Gebietsgrenzen: <code>read_boundaries</code>", html)
    assert re.search(r"<h2[^>]*>Statistiktabellen: <code>read_table</code>", html)


def test_home_page_and_nav(site):
    home = _html(site, "index.html")
    assert "Benutzerhandbuch (Deutsch)" in home and "User guide (English)" in home
    # German pages come first in the nav, then the English sections, gallery, API
    nav = [
        home.index(s)
        for s in (
            "Daten laden und verknüpfen",
            "Loading and joining data",
            "Kartengalerie",
            "sozialraum.io",
            "sozialraum.errors",
        )
    ]
    assert nav == sorted(nav)
    # the English entries point to the anchors of the bilingual pages, which exist
    for target in re.findall(r'href="([a-z]+\.html#[a-z-]+)"', home):
        page, anchor = target.split("#")
        assert f'id="{anchor}"' in _html(site, page), target


def test_gallery_shows_every_map_image(site):
    html = _html(site, "gallery.html")
    pngs = sorted(p.name for p in (DOCS / "img").glob("*.png"))
    assert pngs
    for name in pngs:
        assert re.search(rf'<img[^>]+src="img/{re.escape(name)}"', html), name
        assert (site / "img" / name).is_file()
    assert html.count("<figcaption") == len(pngs)


def test_no_page_loads_assets_from_the_network(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 15
    bad = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:link|script|img|iframe|source)\b[^>]*>", html):
            url = re.search(r'\b(?:href|src)="([^"]*)"', tag)
            if url and re.match(r"(https?:)?//", url.group(1)):
                bad.append((page.relative_to(site).as_posix(), tag))
        bad += [(page.name, m) for m in re.findall(r"@import[^;]*https?:[^;]*;", html)]
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        bad += [(css.name, m) for m in re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", text)]
    assert not bad
    assert not list(site.rglob("*.py")), "docs/*.py are scripts, not part of the site"
