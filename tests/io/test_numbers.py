"""Tests of :mod:`sozialraum.io.numbers`.

Numbers from a statistics office's text cells: decimal comma, thousands, evidence.

Every fixture is built in tmp_path; the expected values are written down by
hand (keys, areas of simple shapes), never taken from an earlier run.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.io import _values, _write

import sozialraum as sr
from sozialraum.io import load_report


def test_german_thousands_only_with_evidence_and_declared(tmp_path):
    # "1.234" next to "2,5": the comma is the decimal, the dot groups thousands
    path = _write(tmp_path / "tausend.csv", "SR_NR;EW;Q\n0101;1.234;2,5\n0102;17;3\n")
    t = sr.read_table(path)
    assert _values(t, "EW") == [1234, 17]
    # tab separated without any evidence: ambiguous, must be declared
    amb = _write(tmp_path / "mehrdeutig.tsv", "SR_NR\tEW\n0101\t1.234\n0102\t17\n")
    with pytest.raises(sr.InputError) as err:
        sr.read_table(amb)
    msg = str(err.value)
    assert "mehrdeutig.tsv" in msg and "'1.234'" in msg and "'EW'" in msg and "decimal=" in msg
    assert _values(sr.read_table(amb, decimal=","), "EW") == [1234, 17]
    assert sr.read_table(amb, decimal=".")["EW"].tolist() == [1.234, 17.0]


def test_mixed_decimal_separators(tmp_path):
    path = _write(tmp_path / "gemischt.csv", "SR_NR;A;B\n0101;1,5;2.5\n0102;1;2\n")
    pattern = r"gemischt\.csv' mixes decimal.*'1,5'.*'A'.*'2\.5'.*'B'"
    with pytest.raises(sr.InputError, match=pattern):
        sr.read_table(path)


def test_integers_written_with_decimals_stay_float_and_semicolon_convention(tmp_path):
    path = _write(tmp_path / "quote.csv", "SR_NR;Q;EW\n0101;12,0;1.234\n0102;7,0;5\n")
    t = sr.read_table(path)
    assert t["Q"].dtype == "float64" and t["Q"].tolist() == [12.0, 7.0]
    assert str(t["EW"].dtype) == "Int64" and _values(t, "EW") == [1234, 5]
    # ';' without any decimal evidence: the German convention (decimal comma, '.' thousands)
    conv = _write(tmp_path / "konvention.csv", "SR_NR;EW\n0101;1.234\n0102;5\n")
    t2 = sr.read_table(conv)
    assert _values(t2, "EW") == [1234, 5]
    assert (load_report(t2).decimal, load_report(t2).thousands) == (",", ".")


def _german(value, decimals):
    text = f"{value:,.{decimals}f}"  # 1,234,567.89
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


@settings(max_examples=40, deadline=None)
@given(
    counts=st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=12),
    cents=st.lists(st.integers(min_value=-(10**8), max_value=10**8), min_size=1, max_size=12),
    german=st.booleans(),
)
def test_property_number_formats_round_trip(tmp_path_factory, counts, cents, german):
    n = min(len(counts), len(cents))
    keys = [f"{i:04d}" for i in range(1, n + 1)]
    floats = [c / 100 for c in cents[:n]]
    if german:
        lines = ["SR_NR;Anzahl;Quote"] + [
            f"{k};{_german(c, 0)};{_german(f, 2)}"
            for k, c, f in zip(keys, counts, floats, strict=False)
        ]
        text, name = "\n".join(lines) + "\n", "de.csv"
    else:
        lines = ["SR_NR,Anzahl,Quote"] + [
            f'{k},"{c:,}","{f:,.2f}"' for k, c, f in zip(keys, counts, floats, strict=False)
        ]
        text, name = "\n".join(lines) + "\n", "en.csv"
    path = tmp_path_factory.mktemp("zahlen") / name
    path.write_text(text, encoding="utf-8")
    t = sr.read_table(path)
    assert list(t.index) == keys
    assert _values(t, "Anzahl") == counts[:n]
    assert t["Quote"].tolist() == pytest.approx(floats, abs=1e-9)
    assert load_report(t).decimal == ("," if german else ".")


def test_leading_zero_proves_the_decimal_point(tmp_path):
    """'0.567' cannot be a thousands-grouped number: the column's dots are decimal points,
    also in the otherwise ambiguous '1.234' (found by review: it was read as 567 and 1234)."""
    path = tmp_path / "quoten.csv"
    path.write_text("SR_NR;Quote\n0101;1.234\n0102;0.567\n", encoding="utf-8")
    t = sr.read_table(path, key="SR_NR")
    assert t["Quote"].tolist() == [1.234, 0.567]
    # the German reading stays the default when nothing contradicts it
    path2 = tmp_path / "einwohner.csv"
    path2.write_text("SR_NR;EW\n0101;1.234\n0102;12.345\n", encoding="utf-8")
    assert sr.read_table(path2, key="SR_NR")["EW"].tolist() == [1234, 12345]

