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


@pytest.mark.parametrize("text", [
    "a;b\n1\x00;2\n", "a;b\n1;2;3\n", "a;b\n",
    'a;b\n1"2;3\n',  # a quote inside an unquoted field
    'a;b\n"1"2;3\n',  # text after the closing quote
    'a;b\n "1";3\n',  # a space before the opening quote
    'a;b\n"1;3\n',  # a quote never closed
    'a;b\n"1";"3\n',  # never closed in the last field
    'a;b\r\n"1\r\n2";3\r\n',  # CR inside quotes (the csv module keeps it)
    'a;b\n"1\r2";3\n',
    '"a\nx";b\n1;2\n',  # a header over two lines
    'a;b\n"1";"2";"3"\n',  # a quoted row with another number of fields
    'a;b\n"1\x00";2\n',  # NUL inside quotes
    '"a;b\n1;2\n',  # a quote never closed in the header
])
def test_arrow_declines_what_only_the_csv_module_reads_right(text):
    pytest.importorskip("pyarrow")
    assert arrow_columns(text, ";", first_line=1) is None
    # split into pieces of one character: the quote state crosses every piece boundary
    assert arrow_columns(list(text), ";", first_line=1) is None


QUOTED = (
    '"SR_NR";"Name";"Wert"\n'
    '"0101";"Alt;stadt";"12,5"\n'  # a quoted separator, a leading zero
    '"0102";"Ha""fen";""\n'  # a doubled quote; a quoted empty cell
    '"0103";" ";\n'  # a cell of only a space; an empty cell without quotes
    '"0104";"Zeile 1\nZeile 2";"."\n'  # a line end in a cell; a marker in quotes
    '" ";"";\n'  # a blank row in quotes: dropped as the csv module skips it
    '0105;"";"-"\n'
    '"""0106""";"""";"x"\n'  # only doubled quotes
)
QUOTED_ROWS = [  # written by hand from the csv module's dialect (excel)
    ["0101", "Alt;stadt", "12,5"],
    ["0102", 'Ha"fen', ""],
    ["0103", " ", ""],
    ["0104", "Zeile 1\nZeile 2", "."],
    ["0105", "", "-"],
    ['"0106"', '"', "x"],
]


@pytest.mark.parametrize("piece", [0, 1, 2, 3, 5, 8])
@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_arrow_reads_quoted_fields_as_the_csv_module_does(monkeypatch, piece, ending):
    pytest.importorskip("pyarrow")
    from sozialraum.io import columns

    monkeypatch.setattr(columns, "BLOCK_SIZE", 64)  # blocks end inside quoted cells too
    text = QUOTED.replace("\n", ending).replace("Zeile 1" + ending, "Zeile 1\n")
    assert _csv_rows(text)[1:] == QUOTED_ROWS
    pieces = [text[i:i + piece] for i in range(0, len(text), piece)] if piece else text
    header, cols, lines = arrow_columns(pieces, ";", first_line=1)
    assert header == ["SR_NR", "Name", "Wert"]
    assert [[c.cell(i) for c in cols] for i in range(len(cols[0]))] == QUOTED_ROWS
    # a row is numbered by its last line, as csv.reader.line_num counts; line 7 is the blank row
    assert list(lines) == [2, 3, 4, 6, 8, 9]


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


def _csv_records(text: str):
    """(line_num, record) of the non-blank records as the csv module reads them; None on error."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    try:
        return [(reader.line_num, r) for r in reader if any(c.strip() for c in r)]
    except csv.Error:
        return None


def test_arrow_accepts_only_texts_it_reads_as_the_csv_module(monkeypatch):
    """Random texts of quotes, separators and line ends, in random pieces: where pyarrow reads,
    every cell and line number is the csv module's."""
    pytest.importorskip("pyarrow")
    import random

    from sozialraum.io import columns

    monkeypatch.setattr(columns, "BLOCK_SIZE", 64)
    rng = random.Random(5)
    atoms = ["a", "0", ";", '"', "\n", "\r\n", "\r", " ", '""', "x"]
    accepted = 0
    for _ in range(4000):
        if rng.random() < 0.5:  # records of whole quoted or unquoted fields
            recs = []
            for _ in range(rng.randint(1, 6)):
                fields = []
                for _ in range(3):
                    body = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 4)))
                    if rng.random() < 0.7:
                        fields.append('"' + body.replace('"', '""') + '"')
                    else:
                        fields.append("".join(ch for ch in body if ch not in '";\r\n'))
                recs.append(";".join(fields))
            text = "h1;h2;h3\n" + rng.choice(["\n", "\r\n"]).join(recs) + rng.choice(["", "\n"])
        else:  # anything
            text = "h1;h2;h3\n" + "".join(rng.choice(atoms) for _ in range(rng.randint(1, 30)))
        k = rng.choice([0, 1, 2, 3, 7])
        got = arrow_columns([text[i:i + k] for i in range(0, len(text), k)] if k else text,
                            ";", first_line=1)
        if got is None:
            continue
        accepted += 1
        header, cols, lines = got
        expected = _csv_records(text)
        assert expected is not None and header == ["h1", "h2", "h3"], repr(text)
        assert all(len(r) == 3 for _, r in expected[1:]), repr(text)
        rows = [[c.cell(i) for c in cols] for i in range(len(cols[0]))]
        assert len(rows) == len(expected) - 1, repr(text)
        assert list(zip(list(lines), rows, strict=True)) == expected[1:], repr(text)
    assert accepted > 200  # the check is not so strict that nothing is left for pyarrow


def test_arrow_declines_a_quoted_record_longer_than_a_block(monkeypatch):
    pytest.importorskip("pyarrow")
    from sozialraum.io import columns

    monkeypatch.setattr(columns, "BLOCK_SIZE", 64)
    text = '"SR_NR";"Name"\n"1";"' + "x" * 200 + '"\n"2";"y"\n'
    assert _csv_rows(text)[1:] == [["1", "x" * 200], ["2", "y"]]
    assert arrow_columns(text, ";", first_line=1) is None  # the csv module reads it
