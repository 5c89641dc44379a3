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

__all__ = [
    "ConfidentialityPolicy",
    "Indicator",
    "MUSTERSTADT_CONSTRAINTS",
    "STANDARD",
    "SuppressionResult",
    "THEMES",
    "aggregate",
    "aggregate_rates",
    "compute_indicators",
    "rate_change",
    "smooth_rates",
    "standard_indicators",
    "suppress",
]
