"""The citable output bundle: one folder per run, written atomically.

:func:`run` executes a :class:`~sozialraum.config.Config` stage by stage::

    read -> join -> confidentiality (suppress) -> indicators -> composite index
    -> spatial weights -> local Moran / Gi* -> higher levels -> maps -> GeoPackage
    -> CSV/XLSX -> Sozialraumprofile -> methodik.md / methods.md -> provenance.json

and writes everything into a temporary sibling folder that is renamed to the
target only when complete (:func:`sozialraum._util.files.atomic_dir`), with a
rename that never replaces anything: a failed or killed run leaves no half-written
bundle, a folder that appears at the target meanwhile is kept, a second run into
the same folder is refused (lock file ``.<name>.lock``), and an existing bundle is
replaced only with ``force=True`` (CLI ``--force``) and only while it holds nothing
but the unchanged files of its ``manifest.json``. Inputs are only read.

The bundle (German file names; see docs/workflow.md)::

    karten/       <ebene>_<spalte>.png/.pdf/.svg, <ebene>_lisa.*, <ebene>_gistar.*,
                  <ebene>_karte.html (interactive, offline)
    geodaten/     ergebnisse.gpkg  (one layer per level, QGIS styles in layer_styles)
    tabellen/     <ebene>.csv (German CSV), ergebnisse.xlsx (one sheet per level)
    profile/      <key>.html (one Sozialraumprofil per area), index.html
    methodik.md   methods text + findings (German), methods.md (English)
    provenance.json  checksums and row counts of the inputs, resolved config, versions
    manifest.json    every file with its SHA-256: what ``force=True`` may delete

Published values are the rounded values of the tables; maps, QGIS styles and
profiles are drawn from exactly these values, and every value hidden by the
confidentiality policy is missing everywhere (with its reason as text).

Examples
--------
>>> import sozialraum as sr
>>> cfg = sr.config.demo_config(permutations=99)
>>> bundle = sr.run(cfg, out="/tmp/doctest-bundle", force=True)  # doctest: +SKIP
>>> bundle.frame().loc["0101", "index_klasse"]  # doctest: +SKIP


Layout: ``results`` (LevelResult, Bundle), ``compute`` (the analysis), ``frames`` (the
published values), ``write`` (the bundle), ``maps``, ``tables`` (CSV, XLSX, GeoPackage),
``qgis`` (layer styles), ``methods`` (methods text), ``profiles``, ``provenance``, ``run``.
"""

from __future__ import annotations

from sozialraum.report.results import Bundle, LevelResult
from sozialraum.report.run import is_bundle, run

__all__ = [
    "Bundle",
    "LevelResult",
    "is_bundle",
    "run",
]
