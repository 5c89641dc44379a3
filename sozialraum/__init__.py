"""sozialraum: deprivation index, spatial hotspots and print-ready maps from municipal statistics.

The package is the pipeline::

    load -> validate & join -> indicators (rates, confidentiality) -> composite index
    -> spatial weights -> Moran's I / LISA / Gi* -> static and Folium maps -> output bundle

>>> import sozialraum as sr
>>> g = sr.datasets.musterstadt(level="sozialraeume")  # the fictional demo city

Public names are imported lazily on first access (PEP 562), so the command
line starts fast and ``import sozialraum`` does not load matplotlib or numba.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from sozialraum._util.version import __version__
from sozialraum.errors import (
    ColumnError,
    ConfidentialityError,
    ConfigError,
    CRSError,
    DependencyError,
    DuplicateKeyError,
    FileFormatError,
    GeometryError,
    InputError,
    InputFileNotFoundError,
    MissingDataError,
    OutputError,
    OutputExistsError,
    SmallSampleWarning,
    SozialraumError,
    SozialraumWarning,
)

# public name -> submodule that defines it (a module name maps to itself)
_LAZY: dict[str, str] = {
    # modules
    "datasets": "datasets",
    "presets": "index.presets",
    # io / join
    "read_boundaries": "io",
    "read_table": "io",
    "read_zensus_grid": "io",
    "grid_cells": "io",
    "aggregate_grid": "io",
    "GridAggregationReport": "io",
    "LoadReport": "io",
    "load_report": "io",
    "check_ags": "io.keys",
    "combine_keys": "io.keys",
    "split_key": "io.keys",
    "join_indicators": "join",
    "JoinReport": "join",
    # harmonise (boundary reforms)
    "crosswalk": "harmonise",
    "areal_interpolate": "harmonise",
    # indicators
    "Indicator": "indicators",
    "ConfidentialityPolicy": "indicators",
    "compute_indicators": "indicators",
    "aggregate": "indicators",
    "rate_change": "indicators",
    "suppress": "indicators",
    # index
    "IndexSpec": "index",
    "IndexResult": "index",
    "composite_index": "index",
    "sensitivity_analysis": "index",
    "index_diagnostics": "index",
    "ClassScheme": "index",
    # weights / autocorrelation
    "spatial_weights": "weights",
    "grid_weights": "weights",
    "global_moran": "autocorrelation",
    "global_geary": "autocorrelation",
    "local_moran": "autocorrelation",
    "local_gstar": "autocorrelation",
    "global_moran_rate": "autocorrelation",
    "GlobalMoranResult": "autocorrelation",
    "GlobalGearyResult": "autocorrelation",
    "LocalMoranResult": "autocorrelation",
    "LocalGstarResult": "autocorrelation",
    "Inference": "autocorrelation",
    "SpatialWeights": "weights",
    "weights_summary": "weights",
    "weights_info": "weights",
    "WeightsSummary": "weights",
    # monitoring over the years
    "panel_indicators": "monitoring",
    "change": "monitoring",
    "ChangeResult": "monitoring",
    "trend": "monitoring",
    "TrendResult": "monitoring",
    "emerging_hotspots": "monitoring",
    "EmergingHotspotResult": "monitoring",
    "suppress_panel": "monitoring",
    "PanelSuppressionResult": "monitoring",
    # maps
    "maps": "maps",
    "plot_choropleth": "maps",
    "plot_clusters": "maps",
    "plot_significance": "maps",
    "plot_moran_scatter": "maps",
    "plot_small_multiples": "maps",
    "plot_change": "maps",
    "plot_trend": "maps",
    "plot_emerging_hotspots": "maps",
    "plot_stichtage": "maps",
    "save_figure": "maps",
    "shared_breaks": "maps",
    "explore": "maps",
    # config / report
    "config": "config",
    "Config": "config",
    "load_config": "config",
    "Bundle": "report",
    "run": "report",
    "write_postgis": "report.postgis",
}

# Submodules reachable as attributes (``sr.indicators.STANDARD``) but not star-exported:
# ``from sozialraum import *`` must not bind names like ``io`` or ``index``.
_SUBMODULES: dict[str, str] = {
    name: name
    for name in ("autocorrelation", "cli", "index", "indicators", "io", "join", "monitoring",
                 "report", "weights")
} | {"confidentiality": "indicators.confidentiality"}

__all__ = sorted(
    [
        "ColumnError",
        "ConfidentialityError",
        "ConfigError",
        "CRSError",
        "DependencyError",
        "DuplicateKeyError",
        "FileFormatError",
        "GeometryError",
        "InputError",
        "InputFileNotFoundError",
        "MissingDataError",
        "OutputError",
        "OutputExistsError",
        "SmallSampleWarning",
        "SozialraumError",
        "SozialraumWarning",
        "__version__",
        *_LAZY,
    ]
)


def __getattr__(name: str):
    module = _LAZY.get(name) or _SUBMODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'sozialraum' has no attribute {name!r}")
    mod = importlib.import_module(f".{module}", __name__)
    value = mod if module.rsplit(".", 1)[-1] == name else getattr(mod, name)
    globals()[name] = value  # cache: later access is a plain attribute lookup
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from sozialraum import config, datasets, maps
    from sozialraum.autocorrelation import (
        GlobalGearyResult,
        GlobalMoranResult,
        Inference,
        LocalGstarResult,
        LocalMoranResult,
        global_geary,
        global_moran,
        global_moran_rate,
        local_gstar,
        local_moran,
    )
    from sozialraum.config.loading import load_config
    from sozialraum.config.model import Config
    from sozialraum.harmonise import areal_interpolate, crosswalk
    from sozialraum.index import presets
    from sozialraum.index.composite import (
        ClassScheme,
        IndexResult,
        IndexSpec,
        composite_index,
        index_diagnostics,
        sensitivity_analysis,
    )
    from sozialraum.indicators.rates import (
        ConfidentialityPolicy,
        Indicator,
        aggregate,
        compute_indicators,
        rate_change,
        suppress,
    )
    from sozialraum.io.boundaries import read_boundaries
    from sozialraum.io.grid import grid_cells, read_zensus_grid
    from sozialraum.io.grid_aggregate import GridAggregationReport, aggregate_grid
    from sozialraum.io.keys import check_ags, combine_keys, split_key
    from sozialraum.io.report import LoadReport, load_report
    from sozialraum.io.tables import read_table
    from sozialraum.join import JoinReport, join_indicators
    from sozialraum.maps import (
        explore,
        plot_change,
        plot_choropleth,
        plot_clusters,
        plot_emerging_hotspots,
        plot_moran_scatter,
        plot_significance,
        plot_small_multiples,
        plot_stichtage,
        plot_trend,
        save_figure,
        shared_breaks,
    )
    from sozialraum.monitoring import (
        ChangeResult,
        EmergingHotspotResult,
        PanelSuppressionResult,
        TrendResult,
        change,
        emerging_hotspots,
        panel_indicators,
        suppress_panel,
        trend,
    )
    from sozialraum.report.postgis import write_postgis
    from sozialraum.report.results import Bundle
    from sozialraum.report.run import run
    from sozialraum.weights import (
        SpatialWeights,
        WeightsSummary,
        grid_weights,
        spatial_weights,
        weights_info,
        weights_summary,
    )
