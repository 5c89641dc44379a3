"""The config's dataclasses: inputs, weights, hotspots, maps and the whole Config."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sozialraum.autocorrelation.inference import (
    ALPHA,
    CORRECTION,
    PERMUTATIONS,
    SEED,
    Inference,
)

# --- the dataclasses ------------------------------------------------------------------------


@dataclass(frozen=True)
class TableInput:
    """One statistics table (CSV or XLSX) to read with :func:`sozialraum.read_table`."""

    path: Path
    key: str | None = None  # None: the boundaries' key column
    sheet: str | int | None = None
    layout: str = "auto"
    na_values: tuple[Any, ...] = ()
    # read_table's overrides of the detection (CSV) and its column choices
    sep: str | None = None
    encoding: str | None = None
    decimal: str | None = None
    thousands: str | None = None
    text_columns: tuple[str, ...] = ()
    variable: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class LevelInput:
    """A higher level (e.g. Stadtteile): its key column in the base layer and its geometries."""

    name: str  # used in file names, e.g. "stadtteile"
    key: str  # parent key column in the base layer, e.g. "ST_NR"
    label: str = ""  # shown to readers, e.g. "Stadtteile"
    layer: str | None = None  # layer with its geometries in the boundaries file (else dissolved)


@dataclass(frozen=True)
class Inputs:
    """What to read: boundaries, tables, Stichtag and the source/licence texts."""

    boundaries: Path
    key: str
    stichtag: _dt.date
    tables: tuple[TableInput, ...]
    layer: str | None = None
    name: str | None = "name"
    level: str = "sozialraeume"
    level_label: str = "Sozialräume"
    population: str = "EW"
    area: str | None = None
    levels: tuple[LevelInput, ...] = ()
    source: str = ""
    licence: str = ""  # of the statistics
    geometry_source: str = ""
    geometry_licence: str = ""  # of the boundaries (may differ from the statistics')
    crs: str | None = None  # declared CRS of a boundary file without one, e.g. "EPSG:25832"
    municipality: str | None = None  # column of the municipality key (AGS) in a region
    # all-digit keys of the boundaries and tables padded with leading zeros to this width
    # ("1" -> "0001" with 4): a file that stored the keys as numbers lost its zeros
    key_width: int | None = None


@dataclass(frozen=True)
class WeightsSettings:
    """Arguments of :func:`sozialraum.spatial_weights`."""

    method: str = "queen"
    k: int | None = None
    threshold: float | None = None
    islands: str = "keep"
    cross_border: str = "keep"  # neighbours across municipal borders: "keep" or "cut"


@dataclass(frozen=True)
class HotspotSettings:
    """Which local statistics to compute on which variable, and the inference settings.

    The inference fields mirror the keys of ``[hotspots]``; :attr:`inference` is them as
    one :class:`sozialraum.Inference`, which validates them (also after
    ``dataclasses.replace``): invalid values raise :class:`~sozialraum.ConfigError`.
    """

    statistics: tuple[str, ...] = ("local_moran", "gstar")
    variable: str = "index"
    permutations: int = PERMUTATIONS
    seed: int | None = SEED
    alpha: float = ALPHA
    correction: str = CORRECTION

    def __post_init__(self) -> None:
        self.inference  # noqa: B018 - validates

    @property
    def inference(self) -> Inference:
        """The settings of the local statistics as one validated Inference."""
        return Inference(
            permutations=self.permutations,
            seed=self.seed,
            alpha=self.alpha,
            correction=self.correction,
        )


@dataclass(frozen=True)
class MapSettings:
    """Which maps to draw, how to classify them and in which formats."""

    columns: tuple[str, ...] = ("index",)
    scheme: str = "quantiles"
    k: int = 5
    levels: tuple[str, ...] = ()  # empty: every level
    formats: tuple[str, ...] = ("png", "pdf", "svg")
    html: bool = True
    clusters: bool = True
    layout: str = "A4 landscape"
    dpi: int = 300  # print resolution (issue: PNG at 300 dpi)


#: the formats of the Sozialraum profiles (``[profiles] formats``)
PROFILE_FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class ProfileSettings:
    """The Sozialraum profiles: written or not, and in which formats.

    ``formats``: any of :data:`PROFILE_FORMATS`, ``"html"`` (a self-contained page per
    area) and ``"pdf"`` (one A4 page per area, vector).
    """

    enabled: bool = True
    formats: tuple[str, ...] = ("html",)


@dataclass(frozen=True)
class MonitoringSettings:
    """``[monitoring]``: the time series of the bundle (folder ``monitoring/``).

    Off without the section (a bundle of one Stichtag stays as it was); with the section
    on unless ``enabled = false``. ``stichtage`` is "all" or the chosen dates, ``base`` the
    Stichtag changes start from (None: the first chosen), ``columns`` the indicators
    ("index" for the index; empty: the index and the mapped indicators), ``changes``
    "base" (base -> every later Stichtag) or "consecutive". Emerging hot spots use
    ``[hotspots]`` seed, alpha and correction with ``permutations`` (None: [hotspots]').
    """

    enabled: bool = False
    stichtage: Any = "all"  # "all" or a tuple of datetime.date
    base: _dt.date | None = None
    columns: tuple[str, ...] = ()
    changes: str = "base"
    ehsa: bool = True
    permutations: int | None = None
    # layers of the [inputs] boundary file with earlier Gebietsstände: a Stichtag whose
    # areas are those of one of them is brought onto the current boundaries by area
    earlier_boundaries: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    """A validated run configuration (see :func:`load_config`)."""

    inputs: Inputs
    indicators: tuple[Any, ...]  # sozialraum.Indicator
    index: Any  # sozialraum.IndexSpec or None
    policy: Any  # sozialraum.ConfidentialityPolicy
    weights: WeightsSettings = field(default_factory=WeightsSettings)
    hotspots: HotspotSettings = field(default_factory=HotspotSettings)
    maps: MapSettings = field(default_factory=MapSettings)
    profiles: ProfileSettings = field(default_factory=ProfileSettings)
    monitoring: MonitoringSettings = field(default_factory=MonitoringSettings)
    output: Path = Path("ergebnis")
    postgis: tuple | None = None  # [output] postgis: (url without password, schema, replace)
    language: str = "de"
    index_source: dict = field(default_factory=dict)  # how the index was given (preset + args)
    constraints: tuple = ()  # row relations (total, parts) for secondary suppression
    index_reference: str = "region"  # [index] reference: "region" or "municipality"
    extra_indices: tuple = ()  # additional indices: (name, IndexSpec, source) from [[index.extra]]
    need: tuple | None = None  # [index.handlungsbedarf]: (status name, dynamics name, matrix)
    subgroups: bool | None = None  # [subgroups] enabled; None: on when the columns exist
    path: Path | None = None  # the config file, if read from one
    raw: dict = field(default_factory=dict, compare=False)  # the TOML as read

    def replace(self, **changes: Any) -> Config:
        """A copy with some fields changed (dataclasses.replace)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        """The full resolved configuration as plain JSON-able data (for provenance.json)."""
        return _plain(
            {
                "language": self.language,
                "inputs": self.inputs,
                "indicators": list(self.indicators),
                "index": self.index_source,
                "index_spec": self.index,
                "index_reference": self.index_reference,
                "extra_indices": [
                    {"name": n, "source": src, "spec": spec} for n, spec, src in self.extra_indices
                ],
                "handlungsbedarf": None if self.need is None else {
                    "status": self.need[0], "dynamik": self.need[1],
                    "matrix": [list(r) for r in self.need[2]]},
                "confidentiality": self.policy,
                "confidentiality_constraints": self.constraints,
                "weights": self.weights,
                "hotspots": self.hotspots,
                "maps": self.maps,
                "profiles": self.profiles,
                "subgroups": self.subgroups,
                "monitoring": self.monitoring,
            }
        )


def _plain(value: Any) -> Any:
    """Convert dataclasses, paths, dates and tuples to JSON-able values (sorted dicts)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("raw",)
        }
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str):
        try:
            return value.item()
        except (TypeError, ValueError):
            pass
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "value") and isinstance(value.value, (str, int)):
        return value.value  # enums
    if callable(value):
        return getattr(value, "__name__", repr(value))
    return repr(value)
