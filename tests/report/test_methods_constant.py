"""sozialraum/report/methods.py: an index indicator without differences is named in the text."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd

import sozialraum as sr
from sozialraum._text import text
from sozialraum.report.methods import constant_columns


def test_constant_index_indicators_are_found_on_the_base_level():
    rates = pd.DataFrame({
        "S1": [1.0, 2.0, 3.0],
        "VOLL": [100.0, 100.0, np.nan],  # one value wherever there is one
        "LEER": [np.nan, np.nan, np.nan],  # no value at all: not "constant"
    })
    results = SimpleNamespace(levels={"sozialraeume": SimpleNamespace(rates=rates)})
    spec = sr.IndexSpec(indicators=["S1", "VOLL", "LEER"], name="Test")
    assert constant_columns(spec, results) == ["VOLL"]
    de = text("methods.constant_indicator", "de", columns="VOLL")
    assert de.startswith("Ohne Unterschiede zwischen den Gebieten (überall derselbe Wert): VOLL.")
    assert "„keine Unterschiede“" in de
