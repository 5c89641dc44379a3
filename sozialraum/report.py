"""The citable output bundle: one folder per run, written atomically.

:func:`run` executes a :class:`~sozialraum.config.Config` stage by stage::

    read -> join -> confidentiality (suppress) -> indicators -> composite index
    -> spatial weights -> local Moran / Gi* -> higher levels -> maps -> GeoPackage
    -> CSV/XLSX -> Sozialraumprofile -> methodik.md / methods.md -> provenance.json

and writes everything into a temporary sibling folder that is renamed to the
target only when complete (:func:`sozialraum._common.atomic_dir`): a failed or
killed run leaves no half-written bundle, and an existing bundle is replaced
only with ``force=True`` (CLI ``--force``). Inputs are only read.

The bundle (German file names; see docs/workflow.md)::

    karten/       <ebene>_<spalte>.png/.pdf/.svg, <ebene>_lisa.*, <ebene>_gistar.*,
                  <ebene>_karte.html (interactive, offline)
    geodaten/     ergebnisse.gpkg  (one layer per level, QGIS styles in layer_styles)
    tabellen/     <ebene>.csv (German CSV), ergebnisse.xlsx (one sheet per level)
    profile/      <key>.html (one Sozialraumprofil per area), index.html
    methodik.md   methods text + findings (German), methods.md (English)
    provenance.json  checksums and row counts of the inputs, resolved config, versions

Published values are the rounded values of the tables; maps, QGIS styles and
profiles are drawn from exactly these values, and every value hidden by the
confidentiality policy is missing everywhere (with its reason as text).

Examples
--------
>>> import sozialraum as sr
>>> cfg = sr.config.demo_config(permutations=99)
>>> bundle = sr.run(cfg, out="/tmp/doctest-bundle", force=True)  # doctest: +SKIP
>>> bundle.frame().loc["0101", "index_klasse"]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._text import text
from .errors import OutputExistsError

__all__ = ["Bundle", "LevelResult", "run"]

STEPS = (
    "step.read",
    "step.indicators",
    "step.index",
    "step.weights",
    "step.hotspots",
    "step.levels",
    "step.maps",
    "step.gpkg",
    "step.tables",
    "step.profiles",
    "step.methods",
    "step.provenance",
    "step.finish",
)


@dataclass(frozen=True, repr=False)
class LevelResult:
    """Results of one level (Sozialräume, Stadtteile, ...).

    Attributes
    ----------
    frame : geopandas.GeoDataFrame
        The published table (rounded values, German reason texts, geometry):
        exactly what the CSV, XLSX and GeoPackage contain.
    rates : pandas.DataFrame
        Unrounded rates with ``__reason`` columns (from :func:`compute_indicators`).
    counts : pandas.DataFrame
        The published counts after suppression (with ``__reason`` columns).
    index : IndexResult or None
    """

    name: str
    label: str
    key: str
    frame: Any
    map_frame: Any
    rates: Any
    counts: Any
    index: Any
    local_moran: Any = None
    local_gstar: Any = None
    global_moran: Any = None
    graph: Any = None
    extra_indices: dict = field(default_factory=dict)  # name -> IndexResult ([[index.extra]])

    def __repr__(self) -> str:
        return f"LevelResult({self.name!r}, n={len(self.frame)}, key={self.key!r})"


@dataclass(frozen=True, repr=False)
class Bundle:
    """What :func:`run` wrote and computed.

    Attributes
    ----------
    path : pathlib.Path
        The bundle folder.
    levels : dict
        Level name -> :class:`LevelResult` (the first is the base level).
    files : tuple of str
        Every file of the bundle, relative to `path`, sorted.
    figures : tuple of str
        The map files (relative paths).
    findings : tuple of str
        The main findings in plain words (German; English in methods.md).
    notes : tuple of str
        Warnings raised during the run (e.g. few areas for inference).
    """

    path: Path
    config: Any
    levels: Mapping[str, LevelResult]
    files: tuple[str, ...]
    figures: tuple[str, ...]
    findings: tuple[str, ...]
    findings_en: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    suppression: Any = None
    provenance: dict = field(default_factory=dict)

    @property
    def base(self) -> LevelResult:
        """The base level (Sozialräume)."""
        return next(iter(self.levels.values()))

    @property
    def index(self):
        """The composite index of the base level."""
        return self.base.index

    @property
    def local_moran(self):
        return self.base.local_moran

    @property
    def local_gstar(self):
        return self.base.local_gstar

    def frame(self, level: str | None = None):
        """The published table of `level` (default: the base level)."""
        return (self.base if level is None else self.levels[level]).frame

    def to_frame(self, level: str | None = None):
        """Like :meth:`frame`, without the geometry column."""
        f = self.frame(level)
        return f.drop(columns="geometry")

    def summary(self, lang: str = "de") -> str:
        """A short summary of what was written where (printed by the CLI)."""
        n_maps = len({Path(f).with_suffix("") for f in self.figures if not f.endswith(".html")})
        n_html = sum(f.endswith(".html") for f in self.figures)
        n_profiles = sum(
            f.startswith("profile/") and not f.endswith("index.html") for f in self.files
        )
        lines = [
            text("summary.title", lang, path=self.path),
            text("summary.maps", lang, n=n_maps, n_html=n_html, folder="karten/"),
            text(
                "summary.gpkg",
                lang,
                levels=", ".join(lv.label for lv in self.levels.values()),
                file="geodaten/ergebnisse.gpkg",
            ),
            text("summary.tables", lang, folder="tabellen/"),
            text("summary.profiles", lang, n=n_profiles, folder="profile/"),
            text("summary.methods", lang, file="methodik.md" if lang == "de" else "methods.md"),
            text("summary.provenance", lang, file="provenance.json"),
        ]
        for finding in (self.findings if lang == "de" else self.findings_en)[:3]:
            lines.append(text("summary.finding", lang, text=finding))
        return "\n".join(lines)

    def __repr__(self) -> str:
        levels = ", ".join(f"{k}: {len(v.frame)}" for k, v in self.levels.items())
        return f"Bundle({str(self.path)!r}, levels=[{levels}], files={len(self.files)})"

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(f"<li>{escape(f)}</li>" for f in self.findings)
        return (
            f"<div><b>Bundle</b> {escape(str(self.path))} – {len(self.files)} Dateien"
            f"<ul>{rows}</ul></div>"
        )


def _no_progress(step: int, total: int, key: str, **values: object) -> None:
    return None


def run(
    config,
    out: str | Path | None = None,
    *,
    force: bool = False,
    permutations: int | None = None,
    progress: Callable[..., None] | None = None,
) -> Bundle:
    """Run a configuration and write the output bundle.

    Parameters
    ----------
    config : Config or str or Path
        A :class:`~sozialraum.config.Config` or the path of a TOML config file.
    out : str or Path, optional
        The bundle folder; default ``[output].folder`` of the config.
    force : bool, default False
        Replace an existing bundle folder (otherwise :class:`OutputExistsError`).
    permutations : int, optional
        Override ``[hotspots].permutations`` (quick trials and tests only).
    progress : callable, optional
        Called as ``progress(step, total, text_key, **values)`` before each step.

    Returns
    -------
    Bundle

    Raises
    ------
    OutputExistsError
        If `out` exists and `force` is False (checked before any work is done).
    """
    import dataclasses

    from ._common import atomic_dir, check_output_folder
    from .config import Config, load_config

    cfg = config if isinstance(config, Config) else load_config(config)
    if permutations is not None:
        cfg = cfg.replace(hotspots=dataclasses.replace(cfg.hotspots, permutations=permutations))
    target = Path(out) if out is not None else cfg.output
    # before any work: never replace anything but an earlier bundle, never the inputs' folder
    check_output_folder(target, force=force, replaceable=is_bundle)
    _check_inputs_outside(cfg, target)
    progress = progress or _no_progress
    from ._stages import compute, write_bundle

    step = lambda i, key, **v: progress(i, len(STEPS), key, **v)  # noqa: E731
    results = compute(cfg, progress=step)
    with atomic_dir(target, force=force, replaceable=is_bundle) as tmp:
        bundle = write_bundle(cfg, results, tmp, progress=step)
        progress(len(STEPS), len(STEPS), "step.finish")
    return dataclasses.replace(bundle, path=target)


def is_bundle(folder: Path) -> bool:
    """True if `folder` is an output bundle written by :func:`run` (its provenance.json says so).

    Only such a folder may be replaced with ``force=True`` / ``--force``.
    """
    import json

    try:
        prov = json.loads((Path(folder) / "provenance.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(prov, dict) and str(prov.get("format", "")).startswith(
        "sozialraum-provenance/"
    )


def _check_inputs_outside(cfg, target: Path) -> None:
    """Refuse an output folder that holds the config or an input: replacing it would delete them."""
    from ._common import _localized

    resolved = Path(target).resolve()
    paths = [cfg.inputs.boundaries, *(t.path for t in cfg.inputs.tables)]
    paths += [lv.path for lv in getattr(cfg.inputs, "levels", ()) if getattr(lv, "path", None)]
    if getattr(cfg, "path", None):
        paths.append(cfg.path)
    inside = sorted(
        {str(p) for p in paths if p is not None and resolved in Path(p).resolve().parents}
    )
    if inside:
        files = ", ".join(inside[:5])
        raise _localized(
            OutputExistsError(
                f"The output folder '{target}' holds inputs of this run ({files}); replacing it "
                "would delete them. Choose a folder of its own for the results (--out)."
            ),
            "output.holds_inputs",
            path=target,
            files=files,
        )
