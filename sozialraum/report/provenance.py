"""Private: provenance.json, the record a reviewer needs to reproduce a bundle.

Contents: SHA-256, size and row counts of every input file; the Stichtag; the
full resolved configuration (indicators, index spec, policy, weights, hotspot
settings, maps); the inference settings (``inference``: permutations, seed, alpha,
correction, alternative); the confidentiality policy applied
and how many cells it suppressed; versions of Python, sozialraum, GDAL and
every dependency; SHA-256 of every other file of the bundle.

Deliberately NOT recorded: the run time or date and the output folder, so
that the same config and inputs give the same provenance.json, byte for byte,
also when written into another folder (except for the checksums of binary map
files if the matplotlib version changes; the HTML maps get deterministic
element ids, see ``maps.interactive``). Paths are recorded relative to the
config file's folder (``../daten/statistik.csv``), the config file by its name:
no absolute path of the user's machine.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

import pyogrio

from sozialraum._util.dates import format_stichtag
from sozialraum._util.files import sha256
from sozialraum._util.version import __version__
from sozialraum.report.monitoring_write import provenance_block

DEPENDENCIES = (
    "numpy",
    "pandas",
    "scipy",
    "shapely",
    "pyogrio",
    "pyproj",
    "geopandas",
    "libpysal",
    "esda",
    "mapclassify",
    "matplotlib",
    "folium",
    "branca",
    "openpyxl",
    "xstatic-leaflet",
)


def versions() -> dict:
    """Versions of Python, sozialraum, GDAL and the dependencies (None if not installed)."""

    deps = {}
    for name in DEPENDENCIES:
        try:
            deps[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            deps[name] = None
    try:
        gdal = pyogrio.__gdal_version_string__
    except (ImportError, AttributeError):
        gdal = None
    return {
        "sozialraum": __version__,
        "python": sys.version.split()[0],
        "python_implementation": platform.python_implementation(),
        "platform": platform.system(),
        "gdal": gdal,
        "dependencies": deps,
    }


def _portable(value, base: Path):
    """`value` with every absolute path replaced by the path relative to `base`."""
    if isinstance(value, dict):
        return {k: _portable(v, base) for k, v in value.items()}
    if isinstance(value, list):
        return [_portable(v, base) for v in value]
    if isinstance(value, str) and "\n" not in value and os.path.isabs(value):
        try:
            return Path(os.path.relpath(value, base)).as_posix()
        except ValueError:  # another drive (Windows): nothing relative to say
            return value
    return value


def build_provenance(cfg, results, folder: Path) -> dict:
    sup = results.suppression
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "provenance.json")
    index = next(iter(results.levels.values())).index
    data = {
        "format": "sozialraum-provenance/1",
        "stichtag": cfg.inputs.stichtag.isoformat(),
        "stichtag_de": format_stichtag(cfg.inputs.stichtag),
        "config_file": (
            {"path": Path(cfg.path).name, "sha256": sha256(cfg.path)}
            if cfg.path is not None and Path(cfg.path).is_file()
            else None
        ),
        "inputs": [r.to_dict() for r in results.inputs.records],
        "config": cfg.to_dict(),
        "inference": cfg.hotspots.inference.to_dict(),
        "confidentiality": {
            "policy": cfg.to_dict()["confidentiality"],
            "description_de": cfg.policy.description("de"),
            "description_en": cfg.policy.description("en"),
            "constraints": [[t, list(p)] for t, p in cfg.constraints],
            "cells_suppressed_primary": int(getattr(sup, "n_primary", 0)),
            "cells_suppressed_secondary": int(getattr(sup, "n_secondary", 0)),
        },
        "areas": {name: len(lv.frame) for name, lv in results.levels.items()},
        "index_excluded": (
            sorted(map(str, index.score.index[index.score.isna()])) if index is not None else []
        ),
        "notes": [n[2] for n in results.notes],
        "monitoring": provenance_block(cfg, results),
        "versions": versions(),
        "outputs": {p.relative_to(folder).as_posix(): sha256(p) for p in files},
        "run_time": "not recorded (keeps this file reproducible)",
    }
    # input paths relative to the config file's folder: no absolute path of this machine
    base = Path(cfg.path).resolve().parent if cfg.path is not None else Path.cwd()
    return _portable(data, base)


def write_provenance(cfg, results, folder: Path) -> dict:
    """Write ``provenance.json`` into `folder` (sorted keys, UTF-8) and return its data."""
    data = build_provenance(cfg, results, folder)
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True, default=str)
    (folder / "provenance.json").write_text(text + "\n", encoding="utf-8")
    return data
