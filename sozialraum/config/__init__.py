"""The planner's TOML config file -> the same dataclasses the Python API uses.



The stage's public names are re-exported here; see the submodules for the details.
"""

from __future__ import annotations

from sozialraum.config.checking import check_config
from sozialraum.config.loading import from_dict, load_config, loads
from sozialraum.config.model import (
    Config,
    HotspotSettings,
    Inputs,
    LevelInput,
    MapSettings,
    TableInput,
    WeightsSettings,
)
from sozialraum.config.template import TEMPLATE_DIR, demo_config, write_template

__all__ = [
    "TEMPLATE_DIR",
    "Config",
    "HotspotSettings",
    "Inputs",
    "LevelInput",
    "MapSettings",
    "TableInput",
    "WeightsSettings",
    "check_config",
    "demo_config",
    "from_dict",
    "load_config",
    "loads",
    "write_template",
]
