"""Tables as statistics offices export them: a title above the header, a totals row, and
footnotes below the last area (CSV and XLSX). Each such row is left out, counted in the load
report, and every other row keeps its line or row number in messages."""

from __future__ import annotations

import pytest
from support.io import _write, _xlsx

import sozialraum as sr
from sozialraum.io import load_report

HEADER = "SR_NR;Name;EW;ALO"
ROWS = ["0101;Altstadt;1200;5,5", "0102;Neustadt;800;3,0", "0201;Hafen;950;7,25"]


@pytest.mark.parametrize("padded", [False, True], ids=["plain", "excel-padded"])
def test_csv_title_totals_and_footnotes_are_left_out(tmp_path, padded):
    pad = ";;;" if padded else ""
    text = "\n".join([
        f"Bevölkerung und Arbeitslosigkeit nach Sozialräumen{pad}",
        f"Stand: 31.12.2024{pad}",
        "",
        HEADER,
        *ROWS,
        "Stadt insgesamt;;2950;5,4",
        f"Quelle: Statistikstelle{pad}",
        # a footnote with the separator in it, as offices write them
        "Zeichen: . = Geheimhaltung; - = nichts vorhanden" + (";;" if padded else ""),
    ]) + "\n"
    path = _write(tmp_path / "tabelle.csv", text, encoding="cp1252")
    t = sr.read_table(path, key="SR_NR")
    assert list(t.index) == ["0101", "0102", "0201"]
    assert list(t["EW"]) == [1200, 800, 950] and list(t["ALO"]) == [5.5, 3.0, 7.25]
    r = load_report(t)
    assert r.title_rows == 2 and r.totals_rows == (("Stadt insgesamt", "line 8"),)
    assert r.footnote_rows == 2 and r.footnotes_from == "line 9"
    assert r.sep == ";" and r.encoding == "cp1252"


def test_line_numbers_below_a_title_stay_right(tmp_path):
    text = "\n".join(["Tabelle 1: Einwohner", HEADER, ROWS[0], "0102;Neustadt;8OO;3,0"]) + "\n"
    path = _write(tmp_path / "tabelle.csv", text)
    with pytest.raises(sr.InputError) as err:
        sr.read_table(path, key="SR_NR")
    assert "'8OO' (line 4)" in str(err.value)


def test_a_comma_separated_table_below_a_title(tmp_path):
    text = "\n".join(["Einwohner nach Sozialräumen", "SR_NR,EW,ALO", "0101,1200,5.5",
                      "0102,800,3.0"]) + "\n"
    t = sr.read_table(_write(tmp_path / "t.csv", text), key="SR_NR")
    assert list(t["EW"]) == [1200, 800] and load_report(t).sep == ","


def test_a_short_row_among_the_areas_is_still_an_error(tmp_path):
    """Only rows after the last area can be footnotes: a broken row in between is named."""
    text = "\n".join([HEADER, ROWS[0], "Hinweis zur Zeile davor", *ROWS[1:]]) + "\n"
    with pytest.raises(sr.FileFormatError, match="line 3 has 1 fields, the header has 4"):
        sr.read_table(_write(tmp_path / "t.csv", text), key="SR_NR")


def test_an_empty_key_with_a_totals_label_and_an_area_called_gesamtschule(tmp_path):
    text = "\n".join([HEADER, *ROWS, "0202;Gesamtschulviertel;400;2,0", ";Insgesamt;3350;5,0"])
    t = sr.read_table(_write(tmp_path / "t.csv", text + "\n"), key="SR_NR")
    assert list(t.index) == ["0101", "0102", "0201", "0202"]
    assert load_report(t).totals_rows == (("Insgesamt", "line 6"),)


def test_xlsx_title_totals_and_footnote(tmp_path):
    rows = [["Einwohner nach Sozialräumen, Stand 31.12.2024"], [],
            ["SR_NR", "Name", "EW"], ["0101", "Altstadt", 1200], ["0102", "Neustadt", "8OO"],
            ["Summe", None, 2000], ["Quelle: Statistikstelle der Stadt"]]
    path = _xlsx(tmp_path / "t.xlsx", {"Daten": rows})
    with pytest.raises(sr.InputError) as err:
        sr.read_table(path, key="SR_NR")
    assert "'8OO' (row 5)" in str(err.value)  # the sheet's own row number
    rows[4][2] = 800
    t = sr.read_table(_xlsx(tmp_path / "t.xlsx", {"Daten": rows}), key="SR_NR")
    assert list(t.index) == ["0101", "0102"] and list(t["EW"]) == [1200, 800]
    r = load_report(t)
    assert (r.title_rows, r.totals_rows, r.footnote_rows) == (1, (("Summe", "row 6"),), 1)


def test_a_table_without_title_is_read_as_before(tmp_path):
    t = sr.read_table(_write(tmp_path / "t.csv", "\n".join([HEADER, *ROWS]) + "\n"),
                      key="SR_NR")
    r = load_report(t)
    assert len(t) == 3 and (r.title_rows, r.totals_rows, r.footnote_rows) == (0, (), 0)


def test_percent_signs(tmp_path):
    """Shares exported as "5,5 %" are the numbers 5.5, beside the office's markers."""
    text = "SR_NR;EW;ALO\n0101;1.200;5,5 %\n0102;800;.\n0103;950;-\n0104;700;12%\n"
    t = sr.read_table(_write(tmp_path / "t.csv", text), key="SR_NR")
    assert list(t["ALO"].fillna(-1)) == [5.5, -1, 0.0, 12.0]
    assert list(t["ALO__reason"].astype(object).fillna("")) == ["", "secret", "true_zero", ""]
    assert any("Percent signs removed" in n for n in load_report(t).notes)
    # a column where "%" is part of a text stays text
    text2 = "SR_NR;EW;Hinweis\n0101;1200;50% Zuzug\n0102;800;5 %\n"
    t2 = sr.read_table(_write(tmp_path / "t2.csv", text2), key="SR_NR")
    assert list(t2["Hinweis"]) == ["50% Zuzug", "5 %"]


def test_xlsx_percent_format_is_read_as_shown(tmp_path):
    """Excel stores 5,5 % as 0.055: read as the sheet shows it (5.5), a format with a
    quoted "%-Pkt" text is no percent."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Daten"
    ws.append(["SR_NR", "EW", "ALO_ANT", "DIFF"])
    for row in [("0101", 1200, 0.055, 0.5), ("0102", 800, 0.3, -1.25), ("0103", 950, None, 0)]:
        ws.append(list(row))
    for r in range(2, 5):
        ws.cell(r, 3).number_format = "0.0%"
        ws.cell(r, 4).number_format = '0.00" %-Pkt"'
    path = tmp_path / "anteile.xlsx"
    wb.save(path)
    t = sr.read_table(path, key="SR_NR")
    assert list(t["ALO_ANT"].fillna(-1)) == [5.5, 30.0, -1]
    assert list(t["DIFF"]) == [0.5, -1.25, 0.0]
    assert any("formatted as percent" in n and "'ALO_ANT'" in n for n in load_report(t).notes)


def test_areas_named_like_totals_words_stay(tmp_path):
    """Only a whole cell reads as a totals row: 'Gesamt-Nord', 'Summe Ost' are areas."""
    text = ("SR;EW\nAltstadt;10\nGesamt-Nord;20\nTotal Süd;30\nZusammenfluss;40\nSumme Ost;50\n"
            "Stadt gesamt;150\n")
    t = sr.read_table(_write(tmp_path / "t.csv", text), key="SR")
    assert list(t.index) == ["Altstadt", "Gesamt-Nord", "Total Süd", "Zusammenfluss",
                             "Summe Ost"]
    assert load_report(t).totals_rows == (("Stadt gesamt", "line 7"),)
    # an empty key beside an area's name is a missing key, not a totals row
    with pytest.raises(sr.MissingDataError, match="line 3"):
        sr.read_table(_write(tmp_path / "u.csv", "SR;Name;EW\n01;A;1\n;Gesamt-Nord;2\n"),
                      key="SR")


def test_the_last_area_with_withheld_values_is_no_footnote(tmp_path):
    t = sr.read_table(_write(tmp_path / "t.csv", "SR;EW;ALO\nAltstadt;10;1\nAm Hafen;.;.\n"),
                      key="SR")
    assert list(t.index) == ["Altstadt", "Am Hafen"] and load_report(t).footnote_rows == 0
    with pytest.raises(sr.FileFormatError, match="line 3 has 2 fields"):
        sr.read_table(_write(tmp_path / "u.csv", "SR;EW;ALO\nAltstadt;10;1\nAm Hafen;20\n"),
                      key="SR")


@pytest.mark.parametrize("title", ["Einwohner nach Sozialräumen, Stand 31.12.2024",
                                   "Tabelle\t1: Einwohner"], ids=["comma", "tab"])
def test_a_title_with_another_separator_in_it(tmp_path, title):
    t = sr.read_table(_write(tmp_path / "t.csv", f"{title}\n{HEADER}\n" + "\n".join(ROWS)),
                      key="SR_NR")
    assert len(t) == 3 and load_report(t).sep == ";" and load_report(t).title_rows == 1


def test_a_header_of_one_named_column_and_a_line_break_in_a_header_cell(tmp_path):
    one = sr.read_table(_write(tmp_path / "t.csv", "SR;\n0101;5\n0102;6\n"), key="SR")
    assert list(one.index) == ["0101", "0102"] and load_report(one).title_rows == 0
    two = sr.read_table(_write(tmp_path / "u.csv", '"Sozial\nraum";EW\n0101;5\n'),
                        key="Sozial\nraum")
    assert list(two["EW"]) == [5]
