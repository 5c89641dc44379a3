"""Monitoring over the years: panels of Stichtage, change, trend, emerging hot spots.

Layout: ``panel`` (the long panel (area key, Stichtag): indicators per Stichtag,
confidentiality across Stichtage), ``changes`` (change between two Stichtage with an
exact test against chance), ``trends`` (Theil-Sen slope and exact Mann-Kendall test),
``hotspots`` (emerging hot spot analysis: Gi* per Stichtag and the ArcGIS categories).

The stage's public names are re-exported here; see the submodules for the details.
"""

from __future__ import annotations

from sozialraum.monitoring.changes import ChangeResult, change
from sozialraum.monitoring.hotspots import (
    CATEGORIES,
    EmergingHotspotResult,
    classify_pattern,
    emerging_hotspots,
)
from sozialraum.monitoring.panel import (
    STICHTAG,
    PanelSuppressionResult,
    panel_indicators,
    select,
    stichtage,
    suppress_panel,
    wide,
)
from sozialraum.monitoring.trends import TrendResult, mann_kendall, trend

__all__ = [
    "CATEGORIES",
    "ChangeResult",
    "EmergingHotspotResult",
    "STICHTAG",
    "TrendResult",
    "PanelSuppressionResult",
    "panel_indicators",
    "change",
    "classify_pattern",
    "emerging_hotspots",
    "mann_kendall",
    "select",
    "stichtage",
    "suppress_panel",
    "trend",
    "wide",
]
