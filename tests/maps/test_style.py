"""Tests of :mod:`sozialraum.maps.style`.

Palettes and classification: the neutral colour on zero, sequential palettes, labels.

Expected values are computed by hand in the tests (class bounds from the
percentile definition, Moran's I from an explicit weight matrix), never taken
from an earlier run of the code under test.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import sozialraum as sr
from sozialraum.maps.style import classification_colors, classify


def test_no_degenerate_labels_with_many_zeros():
    s = pd.Series([0.0] * 6 + [0.38, 0.5, 0.7, 0.9, 1.2, 3.0])
    c = classify(s, "quantiles", 3)
    for label in c.labels:
        parts = label.split(" – ")
        assert len(parts) == 1 or parts[0] != parts[1], label
    assert c.labels[0] == "0,0"
    assert c.counts[0] == 6


@pytest.mark.parametrize(
    "breaks, zero_class",
    [
        ([-1.0, 1.0, 2.0, 3.0], 1),  # one class below, two above
        ([-3.0, -2.0, -1.0, 0.5, 3.0], 3),  # three below, one above
        ([0.0, 1.0, 3.0], 0),  # 0 is the upper bound of the first class
    ],
)
def test_class_holding_zero_gets_the_neutral_colour(breaks, zero_class):
    values = pd.Series([-4.0, -2.5, -1.5, -0.5, 0.2, 0.7, 1.5, 2.5, 3.0])
    values = values[values >= min(-4.0, breaks[0] - 1)]
    c = classify(values, breaks=breaks)
    colors = classification_colors("RdBu", c)
    assert colors[zero_class] == "#f7f7f7"
    assert colors.count("#f7f7f7") == 1
    # reds below the neutral class, blues above, darker further out
    brewer = sr.maps.style._brewer("RdBu", 11)
    pos = [brewer.index(col) if col in brewer else None for col in colors]
    known = [p for p in pos if p is not None]
    assert known == sorted(known)


def test_sequential_palettes_and_positive_values_are_unchanged():
    c = classify(pd.Series(np.arange(1.0, 11.0)), "equal_interval", 5)
    assert c.center is None
    assert classification_colors("RdBu", c) == sr.maps.style.class_colors("RdBu", 5)
    z = classify(pd.Series(np.linspace(-2, 3, 25)), "quantiles", 5)
    assert classification_colors("YlOrRd", z) == sr.maps.style.class_colors("YlOrRd", 5)

