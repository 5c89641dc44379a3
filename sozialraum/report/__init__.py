"""The citable output bundle: one folder per run, written atomically.



The stage's public names are re-exported here; see the submodules for the details.
"""

from __future__ import annotations

from sozialraum.report.results import Bundle, LevelResult
from sozialraum.report.run import is_bundle, run
from sozialraum.report.subgroups import population_pyramid, write_subgroup_xlsx

__all__ = [
    "Bundle",
    "LevelResult",
    "is_bundle",
    "population_pyramid",
    "run",
    "write_subgroup_xlsx",
]
