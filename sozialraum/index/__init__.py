"""The composite deprivation index: IndexSpec (also from TOML), composite_index, IndexResult.

Conventions (stated in every result and in docs/index.md):

* Every indicator is first *oriented*: multiplied by its direction, so that a
  higher value always means more deprivation.
* The index score is therefore a deprivation score (higher = more deprived),
  unless the spec says ``higher_is_better=True`` (the NRW "points" preset),
  in which case the published score is the negated deprivation score.
* Rank 1 = the most deprived area (ties share the smaller rank).
* Classes are ordered from least to most deprived internally
  (``class_level`` 0 .. K-1); labels come from the class scheme.
* Areas below the population threshold (``min_population``, default from the
  confidentiality policy: 300) are excluded *before* standardising; their
  score, rank and class are missing with reason ``below_population``.

>>> import pandas as pd
>>> data = pd.DataFrame({"A": [1.0, 2.0, 3.0, 4.0], "B": [1.0, 4.0, 2.0, 3.0]},
...                     index=pd.Index(["01", "02", "03", "04"], name="SR_NR"))
>>> res = composite_index(data, IndexSpec(["A", "B"]))
>>> res.to_frame()["rank"].tolist()
[4, 2, 3, 1]


Layout: ``normalise`` (normalisations, weightings, aggregations), ``classes`` (class
schemes), ``composite`` (IndexSpec, composite_index), ``sensitivity``, ``presets``.
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
