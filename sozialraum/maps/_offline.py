"""Leaflet's JavaScript, CSS and images, inlined for a self-contained HTML file.

The files come from the installed ``xstatic-leaflet`` package (a registry
package that ships Leaflet unchanged); nothing third-party is committed to
this repository. Images referenced from the CSS become ``data:`` URIs and the
source-map comments are removed, so the page makes no request at all.
"""

from __future__ import annotations

import base64
import functools
import re
from pathlib import Path

from sozialraum.errors import DependencyError

_URL = re.compile(r"url\(\s*['\"]?(images/[^'\")]+)['\"]?\s*\)")
_SOURCEMAP = re.compile(r"^\s*(//|/\*)# sourceMappingURL=.*$", re.MULTILINE)


def leaflet_dir() -> Path:
    """Folder with leaflet.js, leaflet.css and images/ from xstatic-leaflet."""
    try:
        from xstatic.pkg import leaflet  # lazy: Leaflet's files only for offline HTML maps
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise DependencyError.from_key("maps.leaflet_missing") from exc
    return Path(leaflet.BASE_DIR)


@functools.lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str, str]:
    """(javascript, css, version) of Leaflet, ready to inline."""
    base = leaflet_dir()
    js = _SOURCEMAP.sub("", (base / "leaflet.js").read_text(encoding="utf-8"))
    css = (base / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        image = base / match.group(1)
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f'url("data:image/png;base64,{data}")'

    css = _SOURCEMAP.sub("", _URL.sub(inline, css))
    if "</script" in js.lower() or "</style" in css.lower():  # pragma: no cover - defensive
        raise DependencyError.from_key("maps.leaflet_closing_tag")
    from xstatic.pkg import leaflet  # lazy: Leaflet's files only for offline HTML maps

    return js, css, str(getattr(leaflet, "VERSION", "?"))
