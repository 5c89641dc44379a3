"""sozialraum/maps/style.py: a column without differences is mapped, not refused.

A constant indicator ("keine Unterschiede") gets one grey class with its value; a column
without any value ("keine Daten") gets no class, every area drawn as "no value".
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
from synthetic import grid_districts

import sozialraum as sr
from sozialraum.maps.style import UNIFORM_COLOR, classification_colors, classify

matplotlib.use("Agg")


def test_a_constant_column_is_one_grey_class_named_no_differences():
    c = classify(pd.Series([5.0, 5.0, np.nan, 5.0]), "quantiles", 5, unit="%")
    assert c.k == 1 and c.counts == (3,)
    assert c.classes.tolist() == [0, 0, -1, 0]
    assert c.labels == ("keine Unterschiede: 5 %",)
    assert c.method == "keine Unterschiede (alle Gebiete gleich)"
    assert classification_colors("YlOrRd", c) == [UNIFORM_COLOR]
    en = classify(pd.Series([2.5, 2.5]), "fisher_jenks", 4, lang="en")
    assert en.labels == ("no differences: 2.50",)


def test_a_column_without_values_has_no_class_and_says_no_data():
    c = classify(pd.Series([np.nan, np.nan]), "quantiles", 5)
    assert c.k == 0 and c.counts == () and c.classes.tolist() == [-1, -1]
    assert c.method == "keine Daten (kein Gebiet hat einen Wert)"
    assert classification_colors("RdBu", c) == []


def test_two_distinct_values_are_still_refused_for_five_quantile_classes():
    # only "no differences at all" is special; too few values for k classes stays an error
    try:
        classify(pd.Series([1.0, 2.0, 2.0]), "quantiles", 5)
    except sr.errors.InputError as err:
        assert "2 verschiedene Werte" in err.message("de")
    else:  # pragma: no cover - the test must fail here
        raise AssertionError("classify accepted 2 distinct values for 5 classes")


def test_the_maps_draw_and_the_constant_class_is_not_hatched_as_the_worst():
    g = grid_districts(3, 3)
    g["konstant"] = 7.0
    g["leer"] = np.nan
    fig = sr.plot_choropleth(g, "konstant", worst="high", labels=None)
    c = fig.sozialraum_classification
    assert c.labels == ("keine Unterschiede: 7",)
    hatched = [p for ax in fig.axes for p in ax.collections if p.get_hatch()]
    assert hatched == []
    legend_texts = [t.get_text() for ax in fig.axes for lg in [ax.get_legend()] if lg
                    for t in lg.get_texts()] + [t.get_text() for t in fig.legends[0].get_texts()
                                                if fig.legends]
    assert any("keine Unterschiede: 7" in t for t in legend_texts)
    fig2 = sr.plot_choropleth(g, "leer", labels=None)
    assert fig2.sozialraum_classification.k == 0
