"""sozialraum/io/columns.py: factorised columns; pyarrow reading a CSV as the csv module does."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from sozialraum.io.columns import Column, arrow_columns, blank_rows, columns_from_rows

TEXT = "Stichtag;SR_NR;Wert\n31.12.2024;0101;1.234\n31.12.2024;0102;x\n\n31.12.2023;0101;-\n"


def _csv_rows(text: str, sep: str = ";") -> list[list[str]]:
    rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=sep)]
    return [r for r in rows if any(c.strip() for c in r)]


def test_arrow_reads_every_cell_as_the_csv_module_does():
    pytest.importorskip("pyarrow")
    header, columns, lines = arrow_columns(TEXT, ";", first_line=1)
    rows = _csv_rows(TEXT)
    assert header == rows[0] == ["Stichtag", "SR_NR", "Wert"]
    got = [[c.cell(i) for c in columns] for i in range(len(columns[0]))]
    assert got == rows[1:]  # text, leading zeros and markers kept exactly
    # the blank line 4 is dropped; the rows keep the csv module's line numbers
    assert list(lines) == [2, 3, 5]


@pytest.mark.parametrize("text", ['a;b\n"1;2";3\n', "a;b\n1\x00;2\n", "a;b\n1;2;3\n", "a;b\n"])
def test_arrow_declines_what_only_the_csv_module_reads_right(text):
    pytest.importorskip("pyarrow")
    assert arrow_columns(text, ";", first_line=1) is None


def test_columns_keep_distinct_cells_in_order_of_first_appearance():
    cols = columns_from_rows([["0101", "1"], ["0102", "1"], ["0101", 1]], width=2)
    assert cols[0].uniques == ["0101", "0102"]
    assert cols[0].codes.tolist() == [0, 1, 0]
    # the text "1" and the number 1 are different cells (XLSX delivers both)
    assert cols[1].uniques == ["1", 1]
    assert cols[1].cells() == ["1", "1", 1]


def test_mapped_applies_a_rule_once_per_distinct_cell_and_merges_equal_results():
    col = Column(np.array([0, 1, 2, 1, 0]), [" 01", "02", "01"])
    calls = []

    def strip(c):
        calls.append(c)
        return c.strip()

    out = col.mapped(strip)
    assert calls == [" 01", "02", "01"]
    assert out.uniques == ["01", "02"]
    assert out.cells() == ["01", "02", "01", "02", "01"]
    assert col.take(np.array([4, 1])).cells() == [" 01", "02"]


def test_blank_rows_are_those_with_only_empty_or_whitespace_cells():
    cols = columns_from_rows([["a", ""], [" ", ""], ["", "x"]], width=2)
    assert blank_rows(cols).tolist() == [False, True, False]
