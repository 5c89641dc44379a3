"""The composite deprivation index: IndexSpec (also from TOML), composite_index, IndexResult.



The stage's public names are re-exported here; see the submodules for the details.
"""

from __future__ import annotations

from sozialraum.index import presets  # registers the presets for IndexSpec.from_toml
from sozialraum.index.classes import ClassScheme
from sozialraum.index.composite import IndexIndicator, IndexResult, IndexSpec, composite_index
from sozialraum.index.sensitivity import index_diagnostics, sensitivity_analysis

__all__ = [
    "presets",
    "ClassScheme",
    "IndexIndicator",
    "IndexResult",
    "IndexSpec",
    "composite_index",
    "index_diagnostics",
    "sensitivity_analysis",
]
