"""Indicators (rates) from counts, aggregation along a hierarchy, smoothing and change.



The stage's public names are re-exported here; see the submodules for the details.
"""

from __future__ import annotations

from sozialraum.indicators.confidentiality import (
    MUSTERSTADT_CONSTRAINTS,
    ConfidentialityPolicy,
    SuppressionResult,
    suppress,
)
from sozialraum.indicators.rates import (
    STANDARD,
    THEMES,
    Indicator,
    aggregate,
    aggregate_rates,
    compute_indicators,
    rate_change,
    smooth_rates,
    standard_indicators,
)
from sozialraum.indicators.subgroups import SubgroupTable, musterstadt_subgroups, subgroup_table

__all__ = [
    "ConfidentialityPolicy",
    "Indicator",
    "MUSTERSTADT_CONSTRAINTS",
    "STANDARD",
    "SubgroupTable",
    "SuppressionResult",
    "THEMES",
    "aggregate",
    "aggregate_rates",
    "compute_indicators",
    "musterstadt_subgroups",
    "rate_change",
    "smooth_rates",
    "standard_indicators",
    "subgroup_table",
    "suppress",
]
