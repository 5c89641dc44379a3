"""sozialraum/io/csvfile.py: decoding, separator detection and both read paths of a CSV."""

from __future__ import annotations

import pytest

from sozialraum.errors import FileFormatError
from sozialraum.io.csvfile import read_csv_columns


def _cells(table) -> list[list[object]]:
    return [[c.cell(i) for c in table.columns] for i in range(len(table.columns[0]))]


def test_the_fast_and_the_csv_path_give_the_same_cells(tmp_path):
    body = "SR_NR;EW;Quote\n0101;1.234;12,5\n0102;x;.\n"
    plain = tmp_path / "plain.csv"
    plain.write_text(body, encoding="utf-8")
    quoted = tmp_path / "quoted.csv"  # a quote sends the file down the csv module's path
    quoted.write_text(body.replace("0102;x", '"0102";x'), encoding="utf-8")
    a, b = read_csv_columns(plain, None, None), read_csv_columns(quoted, None, None)
    assert a.header == b.header == ["SR_NR", "EW", "Quote"]
    assert _cells(a) == _cells(b) == [["0101", "1.234", "12,5"], ["0102", "x", "."]]
    assert list(a.where) == list(b.where) == ["line 2", "line 3"]
    assert a.report == {"encoding": "utf-8", "sep": ";"}


def test_excel_sep_line_bom_and_cp1252_are_understood(tmp_path):
    p = tmp_path / "excel.csv"
    p.write_bytes(b"\xef\xbb\xbfsep=,\nSR_NR,Name\n0101,Nord\n")
    t = read_csv_columns(p, None, None)
    assert t.report == {"encoding": "utf-8-sig", "sep": ","}
    assert _cells(t) == [["0101", "Nord"]]
    assert list(t.where) == ["line 3"]  # counted in the file, the sep= line included
    q = tmp_path / "ansi.csv"
    q.write_bytes("SR_NR;Name\n0101;Südstadt\n".encode("cp1252"))
    t = read_csv_columns(q, None, None)
    assert t.report["encoding"] == "cp1252" and _cells(t) == [["0101", "Südstadt"]]


def test_a_short_row_is_named_with_its_line_in_german(tmp_path):
    p = tmp_path / "kurz.csv"
    p.write_text("SR_NR;EW;ALO\n0101;5;1\n\n0102;7\n", encoding="utf-8")
    with pytest.raises(FileFormatError) as err:
        read_csv_columns(p, None, None)
    msg = err.value.message("de")
    # the line as counted in the file (the blank line 3 included), the field counts
    assert "kurz.csv" in msg and "Zeile 4 hat 2 Felder, die Kopfzeile 3" in msg
