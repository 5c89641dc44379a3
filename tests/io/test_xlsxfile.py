"""sozialraum/io/xlsxfile.py: python-calamine gives the cells openpyxl gives, or openpyxl reads.

The expected cells are written out by hand; each sheet is read by both readers and by
``read_table`` on both paths, and the results must be equal.
"""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pandas as pd
import pytest

import sozialraum as sr
from sozialraum.errors import InputError
from sozialraum.io import xlsxfile

pytest.importorskip("python_calamine")


def _edge_book(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "31.12.2024"
    # two empty rows and two empty columns before the table; a blank row in the middle
    ws["C3"], ws["D3"], ws["E3"], ws["F3"], ws["G3"], ws["H3"] = (
        "SR_NR", "EW", "QUOTE", "Name", "Stand", "Kennung")
    rows = [
        ["0101", 1234, "12,5", "Altstadt", dt.datetime(2024, 12, 31), "007"],
        ["0102", ".", 3.25, "Hafen", dt.date(2024, 12, 31), "x"],
        None,
        ["0103", "-", "x", "  Nord ", dt.datetime(2024, 12, 31, 13, 5), None],
        ["0104", None, "...", None, None, "0"],
        ["0105", "1.234.567", "/", "Süd", None, "=1+1"],  # a formula without a cached value
    ]
    for i, r in enumerate(rows, start=4):
        for j, v in enumerate(r or [], start=3):
            ws.cell(row=i, column=j, value=v)
    ws.merge_cells("F10:G10")
    ws["C10"], ws["D10"], ws["E10"], ws["F10"] = "0106", 0, 1, "zusammen"
    wb.create_sheet("30.06.2024")["A1"] = "SR_NR"
    wb.save(path)


def _cells_of(cells):
    return cells.header, cells.rows, list(cells.where), cells.report, cells.notes


def test_calamine_gives_openpyxls_cells_on_the_edge_cases(tmp_path):
    path = tmp_path / "rand.xlsx"
    _edge_book(path)
    fast = xlsxfile._read_xlsx_calamine(path, None)
    assert fast is not None
    slow = xlsxfile._read_xlsx_openpyxl(path, None)
    assert _cells_of(fast) == _cells_of(slow)
    assert fast.header == ["", "", "SR_NR", "EW", "QUOTE", "Name", "Stand", "Kennung"]
    assert list(fast.where) == ["row 4", "row 5", "row 7", "row 8", "row 9", "row 10"]
    midnight = dt.datetime(2024, 12, 31)
    assert fast.rows[0][2:] == ["0101", 1234, "12,5", "Altstadt", midnight, "007"]
    assert fast.rows[1][6] == midnight and type(fast.rows[1][6]) is dt.datetime
    assert fast.rows[2][5] == "  Nord " and fast.rows[3][3] is None and fast.rows[4][7] is None
    assert fast.rows[5][2:6] == ["0106", 0, 1, "zusammen"] and fast.rows[5][6] is None
    assert fast.notes == slow.notes and "latest, '31.12.2024'" in fast.notes[0]


def test_read_table_on_both_xlsx_paths_gives_the_same_frame(tmp_path, monkeypatch):
    path = tmp_path / "rand.xlsx"
    _edge_book(path)
    kw = {"key": "SR_NR", "sheet": "31.12.2024", "text_columns": ["Kennung"]}
    fast = sr.read_table(path, **kw)
    monkeypatch.setattr(xlsxfile, "_read_xlsx_calamine", lambda *a: None)
    slow = sr.read_table(path, **kw)
    pd.testing.assert_frame_equal(fast, slow)
    assert fast.attrs["load_report"] == slow.attrs["load_report"]
    assert fast.index.tolist() == ["0101", "0102", "0103", "0104", "0105", "0106"]
    assert fast["EW"].tolist() == [1234, pd.NA, 0, pd.NA, 1234567, 0]
    assert fast["QUOTE"].tolist()[:2] == [12.5, 3.25]
    assert fast["Kennung"].tolist()[:2] == ["007", "x"] and pd.isna(fast["Kennung"].iloc[2])


def _rewrite(src, dst, member, old, new):
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for item in z.infolist():
            data = z.read(item.filename)
            out.writestr(item, data.replace(old, new) if item.filename == member else data)


def test_error_cells_and_unpreserved_blanks_are_left_to_openpyxl(tmp_path, monkeypatch):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["SR_NR", "EW", "Name"])
    ws.append(["0101", 5, "  Nord "])
    ws.append(["0102", "#N/A", "Süd"])  # openpyxl stores this as an error cell
    errors = tmp_path / "fehler.xlsx"
    wb.save(errors)
    assert xlsxfile._read_xlsx_calamine(errors, None) is None
    with pytest.raises(InputError, match="#N/A"):  # not a silent "not delivered"
        sr.read_table(errors, key="SR_NR")
    ws["B3"] = 7
    ok = tmp_path / "ok.xlsx"
    wb.save(ok)
    assert xlsxfile._read_xlsx_calamine(ok, None) is not None
    # the same text without xml:space="preserve": calamine would strip the blanks
    bare = tmp_path / "bare.xlsx"
    _rewrite(ok, bare, "xl/worksheets/sheet1.xml", b' xml:space="preserve"', b"")
    assert xlsxfile._read_xlsx_calamine(bare, None) is None
    assert xlsxfile._read_xlsx(bare, None).rows[0] == ["0101", 5, "  Nord "]


def test_an_unreadable_workbook_gets_openpyxls_message(tmp_path):
    path = tmp_path / "kaputt.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert xlsxfile._read_xlsx_calamine(path, None) is None
    with pytest.raises(sr.errors.FileFormatError):
        sr.read_table(path, key="SR_NR")
