"""MkDocs hooks of the docs site (mkdocs.yml: ``hooks``); not a page, not part of the package.

* docs/index.md is the user guide's page on the composite index (README and tests link it
  under that name), so the site publishes it as ``sozialindex.html`` and docs/start.md as
  the home page ``index.html``.
* The English user guide lives in sections of the bilingual pages; its nav entries are
  ``page.md#anchor``. MkDocs keeps such entries as plain links; here each becomes the URL of
  its page plus the anchor, and an entry whose page does not exist fails the build.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Link, Section

RENAMED = {"index.md": "sozialindex", "start.md": "index"}


def _publish_as(file, name: str) -> None:
    file.name = name
    if not file.use_directory_urls:
        file.dest_uri = file.url = f"{name}.html"
    elif name == "index":
        file.dest_uri, file.url = "index.html", "./"
    else:
        file.dest_uri, file.url = f"{name}/index.html", f"{name}/"
    file.abs_dest_path = posixpath.join(file.dest_dir, file.dest_uri)


def on_files(files, config):
    for src, name in RENAMED.items():
        file = files.get_file_from_path(src)
        if file is None:
            raise PluginError(f"docs/_hooks.py: docs/{src} is missing")
        _publish_as(file, name)
    return files


def _links(items):
    for item in items:
        if isinstance(item, Section):
            yield from _links(item.children)
        elif isinstance(item, Link):
            yield item


def on_nav(nav, config, files):
    for link in _links(nav.items):
        parts = urlsplit(link.url)
        if parts.scheme or parts.netloc or link.url.startswith("/"):
            continue
        file = files.get_file_from_path(parts.path)
        if file is None or not file.is_documentation_page():
            raise PluginError(
                f"docs/_hooks.py: the nav entry {link.title!r} points to {link.url!r}, "
                "which is not a page of docs/"
            )
        link.url = file.url + (f"#{parts.fragment}" if parts.fragment else "")
    return nav


def on_post_build(config):
    """Drop the theme's search language packs (lunr.XX.min.js) of languages the site has not.

    The search plugin loads only the languages of ``plugins: search: lang``; the theme still
    copies the packs of all others into the site.
    """
    langs = set()
    for plugin in config["plugins"].values():
        if type(plugin).__name__ == "SearchPlugin":
            langs.update(plugin.config["lang"] or [])
    lunr = Path(config["site_dir"]) / "assets" / "javascripts" / "lunr"
    if not langs or not lunr.is_dir():
        return
    for pack in (lunr / "min").glob("lunr.*.min.js"):
        code = pack.name.split(".")[1]
        if len(code) == 2 and code not in langs:
            pack.unlink()
    for segmenter, lang in (("tinyseg.js", "ja"), ("wordcut.js", "th")):
        if lang not in langs and (lunr / segmenter).exists():
            (lunr / segmenter).unlink()
