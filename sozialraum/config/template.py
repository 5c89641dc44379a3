"""The demo config and the commented template written by ``sozialraum init``."""

from __future__ import annotations

import dataclasses
from importlib import resources
from pathlib import Path
from typing import Any

from sozialraum._util.files import atomic_path
from sozialraum.config.loading import loads
from sozialraum.config.model import Config
from sozialraum.errors import OutputExistsError

# --- demo, template, check ----------------------------------------------------------------


#: The shipped config files: ``demo.toml`` (the demo city) and ``sozialraum.toml`` (``init``).
TEMPLATE_DIR = Path(__file__).parent / "templates"


def demo_config(*, language: str = "de", permutations: int | None = None,
                region: bool = False) -> Config:
    """The built-in demo configuration on the shipped Musterstadt files.

    With ``region=True`` the demo region Landkreis Musterkreis (``demo_region.toml``:
    six municipalities, keys AGS-SR_NR, Kommunalprofile).

    Examples
    --------
    >>> cfg = demo_config()
    >>> cfg.inputs.boundaries.name
    'musterstadt.gpkg'
    >>> demo_config(region=True).inputs.municipality
    'AGS'
    """

    base = Path(str(resources.files("sozialraum.boundaries")))
    name = "demo_region.toml" if region else "demo.toml"
    source = (TEMPLATE_DIR / name).read_text(encoding="utf-8")
    cfg = loads(source, base=base, source=name, config_path=TEMPLATE_DIR / name)
    changes: dict[str, Any] = {"language": language}
    if permutations is not None:
        changes["hotspots"] = dataclasses.replace(cfg.hotspots, permutations=permutations)
    return cfg.replace(**changes)


def write_template(path: str | Path = "sozialraum.toml") -> Path:
    """Write the commented German config template to `path` (never overwrites).

    Raises
    ------
    OutputExistsError
        If `path` exists.
    """

    path = Path(path)
    if path.exists():
        raise OutputExistsError.from_key("config.template_exists", path=str(path))
    with atomic_path(path) as tmp:
        tmp.write_text(
            (TEMPLATE_DIR / "sozialraum.toml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    return path
