"""The planner's TOML config file -> the same dataclasses the Python API uses.

A config file describes one yearly run: which files to read, which indicators and
index to compute, the confidentiality rules, the spatial weights, the hotspot
statistics, the maps and the output folder. :func:`load_config` reads it,
validates **everything** and reports every problem at once (one
:class:`~sozialraum.errors.ConfigError` whose message lists each problem with
its key path, e.g. ``[index].preset``). Paths are relative to the config file.

The indicator, index and confidentiality sections become the API's own objects
(:class:`~sozialraum.Indicator`, :class:`~sozialraum.IndexSpec`,
:class:`~sozialraum.ConfidentialityPolicy`), so a notebook user who loads the
planner's config gets identical results::

    >>> import sozialraum as sr
    >>> cfg = sr.config.demo_config()
    >>> cfg.hotspots.permutations
    9999
    >>> cfg.inputs.key
    'SR_NR'

A commented German template is written by :func:`write_template`
(``sozialraum init``). Every key is documented in docs/workflow.md.


Layout: ``model`` (the dataclasses), ``problems`` (collected problems), ``reader`` (typed
reading of a section), ``sections`` (indicators, confidentiality, index), ``loading``
(TOML -> Config), ``template`` (demo config, ``init``), ``inputs`` (reading the inputs a
config names), ``checking`` (``sozialraum check``).
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
