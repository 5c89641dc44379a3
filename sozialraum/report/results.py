"""The results of a run: one LevelResult per level, the written Bundle."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from sozialraum._text import text

STEPS = (
    "step.read",
    "step.indicators",
    "step.index",
    "step.weights",
    "step.hotspots",
    "step.levels",
    "step.gpkg",
    "step.tables",
    "step.profiles",
    "step.methods",
    "step.maps",
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
    need: Any = None  # Handlungsbedarf per area (Series) from [index.handlungsbedarf]

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
        static = {Path(f).suffix[1:].upper() for f in self.figures if not f.endswith(".html")}
        formats = sorted(static, key=["PNG", "PDF", "SVG"].index)
        and_ = " und " if lang == "de" else " and "
        listed = and_.join([", ".join(formats[:-1]), formats[-1]] if len(formats) > 1 else formats)
        profiles = [Path(f) for f in self.files
                    if f.startswith("profile/") and f != "profile/index.html"]
        n_profiles = len({p.with_suffix("") for p in profiles})
        profile_formats = and_.join(
            s for s in ("HTML", "PDF") if any(p.suffix[1:].upper() == s for p in profiles))
        n_monitoring = len({Path(f).with_suffix("") for f in self.files
                            if f.startswith("monitoring/") and f.endswith(".png")})
        lines = [
            text("summary.title", lang, path=self.path),
            text("summary.maps", lang, n=n_maps, formats=listed or "–", n_html=n_html,
                 folder="karten/"),
            text(
                "summary.gpkg",
                lang,
                levels=", ".join(lv.label for lv in self.levels.values()),
                file="geodaten/ergebnisse.gpkg",
            ),
            text("summary.tables", lang, folder="tabellen/"),
            *([text("summary.profiles", lang, n=n_profiles, formats=profile_formats,
                   folder="profile/")]
              if n_profiles else []),
            *([text("summary.monitoring", lang, n=n_monitoring, folder="monitoring/")]
              if any(f.startswith("monitoring/") for f in self.files) else []),
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
        rows = "".join(f"<li>{escape(f)}</li>" for f in self.findings)
        return (
            f"<div><b>Bundle</b> {escape(str(self.path))} – {len(self.files)} Dateien"
            f"<ul>{rows}</ul></div>"
        )


def _no_progress(step: int, total: int, key: str, **values: object) -> None:
    return None
