"""Indicators (rates) from counts, aggregation along a hierarchy, smoothing and change.

Counts (Anzahl: inhabitants, SGB-II recipients ...) and rates (Quote, Anteil)
are different kinds of numbers. Counts can be summed over areas; rates cannot
be averaged. So the pipeline is always::

    counts --aggregate()--> counts of a coarser level --compute_indicators()--> rates

An :class:`Indicator` says how a rate is made from counts: numerator (one
column or the sum of several), denominator, scale (100 = percent, 1000 = per
1,000), a German label, the unit, the theme and the direction (+1 if a higher
value means more deprivation). :data:`STANDARD` is the catalogue for the demo
city's column codes; another city maps its own columns by building its own
``Indicator`` objects (or ``dataclasses.replace(STANDARD["SGB2_QUOTE"],
numerator="SGBII_Empf", denominator="EW_0_64")``).

Missing values carry reasons (:mod:`sozialraum._missing`): a rate with
denominator 0 is missing with ``not_meaningful``; a rate whose numerator is
suppressed (or secret) is suppressed too, because the rate times the published
denominator would reveal the count.

>>> import pandas as pd
>>> counts = pd.DataFrame({"SGB2": [120, 2, 0], "EW_U65": [1000, 400, 0]},
...                       index=pd.Index(["0101", "0102", "0103"], name="SR_NR"))
>>> rates = compute_indicators(counts, ["SGB2_QUOTE"])
>>> rates["SGB2_QUOTE"].tolist()
[12.0, nan, nan]
>>> rates["SGB2_QUOTE__reason"].tolist()
[nan, 'suppressed', 'not_meaningful']


Layout: ``rates`` (indicators from counts, aggregation, change, smoothing),
``confidentiality`` (primary and secondary suppression).
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
