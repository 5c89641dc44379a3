"""Tests of :mod:`sozialraum.io.tables`.

read_table (CSV with ; and decimal commas, XLSX): layouts, markers, structural errors.

Every fixture is built in tmp_path; the expected values are written down by
hand (keys, areas of simple shapes), never taken from an earlier run.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.io import _digest, _values, _write, _xlsx

import sozialraum as sr
from sozialraum.io import load_report
from sozialraum.io.cells import REASON_DTYPE


def _reasons(frame, column):
    return [None if pd.isna(v) else v for v in frame[f"{column}__reason"]]


def test_csv_semicolon_decimal_comma_bom(tmp_path):
    path = _write(
        tmp_path / "stat.csv",
        "SR_NR;name;EW;FLAECHE_HA\r\n0101;Altstadt;1234;12,5\r\n0102;Mühlenbach;87;1.234,75\r\n",
        "utf-8-sig",
    )
    before = _digest(path)
    t = sr.read_table(path)
    assert list(t.index) == ["0101", "0102"] and t.index.name == "SR_NR"
    assert str(t["EW"].dtype) == "Int64" and _values(t, "EW") == [1234, 87]
    assert t["FLAECHE_HA"].dtype == "float64"
    assert t["FLAECHE_HA"].tolist() == [12.5, 1234.75]
    assert t["name"].tolist() == ["Altstadt", "Mühlenbach"]
    report = load_report(t)
    assert (report.encoding, report.sep, report.decimal, report.thousands) == (
        "utf-8-sig", ";", ",", "."
    )
    assert report.layout == "wide" and report.text_columns == ("name",)
    assert _digest(path) == before


def test_csv_comma_decimal_point_and_thousands(tmp_path):
    path = _write(
        tmp_path / "english.csv",
        'SR_NR,EW,Q\n0101,"1,234",1.5\n0102,"12,345,678",0.25\n',
    )
    t = sr.read_table(path)
    assert _values(t, "EW") == [1234, 12_345_678]
    assert t["Q"].tolist() == [1.5, 0.25]
    report = load_report(t)
    assert (report.sep, report.decimal, report.thousands) == (",", ".", ",")


def test_csv_tab_separated(tmp_path):
    path = _write(tmp_path / "tab.tsv", "SR_NR\tEW\tQ\n0101\t5\t0,5\n0102\t7\t1,75\n")
    t = sr.read_table(path)
    assert load_report(t).sep == "\t"
    assert _values(t, "EW") == [5, 7] and t["Q"].tolist() == [0.5, 1.75]


def test_csv_cp1252_with_umlauts(tmp_path):
    path = _write(
        tmp_path / "windows.csv", "SR_NR;Straße;EW\n0101;Grüner Weg;10\n0102;Süßstraße;-\n",
        "cp1252",
    )
    t = sr.read_table(path)
    assert load_report(t).encoding == "cp1252"
    assert t["Straße"].tolist() == ["Grüner Weg", "Süßstraße"]
    assert _values(t, "EW") == [10, 0]


def test_markers_become_reasons(tmp_path):
    path = _write(
        tmp_path / "marker.csv",
        "SR_NR;EW;SGB2\n0101;100;.\n0102;200;x\n0103;300;-\n0104;400;/\n0105;500;...\n0106;600;\n"
        "0107;700;-9999\n0108;800;k.A.\n0109;900;12\n",
    )
    t = sr.read_table(path, na_values=[-9999, "k.A."])
    assert _values(t, "SGB2") == [None, None, 0, None, None, None, None, None, 12]
    assert _reasons(t, "SGB2") == [
        "secret", "secret", "true_zero", "not_meaningful", "not_available", "not_delivered",
        "not_delivered", "not_delivered", None,
    ]
    assert str(t["SGB2"].dtype) == "Int64"
    assert "EW__reason" not in t.columns  # no markers in EW: no reason column
    assert t["SGB2__reason"].dtype == REASON_DTYPE
    counts = {(c, r): n for c, r, n in load_report(t).markers}
    assert counts[("SGB2", "secret")] == 2 and counts[("SGB2", "not_delivered")] == 3
    # the dash as missing, on request
    t2 = sr.read_table(path, na_values=[-9999, "k.A."], dash_as="missing")
    assert _values(t2, "SGB2")[2] is None and _reasons(t2, "SGB2")[2] == "true_zero"
    # without the sentinels, -9999 is a number and k.A. is not
    with pytest.raises(sr.InputError, match=r"marker\.csv', column 'SGB2'.*'k\.A\.' \(line 9\)"):
        sr.read_table(path)


def test_unparseable_values_name_file_column_values_lines(tmp_path):
    path = _write(
        tmp_path / "kaputt.csv", "SR_NR;EW;HH\n0101;abc;1\n0102;12a;2\n0103;5;3\n0104;7 8;4\n"
    )
    with pytest.raises(sr.InputError) as err:
        sr.read_table(path)
    msg = str(err.value)
    assert "kaputt.csv" in msg and "column 'EW'" in msg
    assert "'abc' (line 2), '12a' (line 3), '7 8' (line 5)" in msg
    assert "text_columns=['EW']" in msg and "na_values" in msg
    t = sr.read_table(path, text_columns=["EW"])
    assert t["EW"].tolist() == ["abc", "12a", "5", "7 8"] and _values(t, "HH") == [1, 2, 3, 4]


def test_structural_errors(tmp_path):
    empty = _write(tmp_path / "leer.csv", "")
    with pytest.raises(sr.FileFormatError, match=r"leer\.csv' is empty"):
        sr.read_table(empty)
    bom_only = _write(tmp_path / "nurbom.csv", "", "utf-8-sig")
    with pytest.raises(sr.FileFormatError, match=r"nurbom\.csv' is empty"):
        sr.read_table(bom_only)
    header = _write(tmp_path / "kopf.csv", "SR_NR;EW\n")
    pattern = r"kopf\.csv' has a header .*'SR_NR', 'EW'.* no data"
    with pytest.raises(sr.FileFormatError, match=pattern):
        sr.read_table(header)
    nokey = _write(tmp_path / "schluessel.csv", "SR_Nr;EW\n0101;1\n")
    pattern = r"schluessel\.csv' has no key column 'SR_NR'.*'SR_Nr'"
    with pytest.raises(sr.ColumnError, match=pattern):
        sr.read_table(nokey)
    ragged = _write(tmp_path / "zeilen.csv", "SR_NR;EW;HH\n0101;1;2\n0102;3\n")
    with pytest.raises(sr.FileFormatError, match=r"zeilen\.csv', line 3 has 2 fields.*3"):
        sr.read_table(ragged)
    dup = _write(tmp_path / "doppelt.csv", "SR_NR;EW\n0101;1\n0102;2\n0101;3\n")
    with pytest.raises(sr.DuplicateKeyError, match=r"doppelt\.csv.*'0101' \(line 2, line 4\)"):
        sr.read_table(dup)
    blank = _write(tmp_path / "luecke.csv", "SR_NR;EW\n0101;1\n ;2\n")
    with pytest.raises(sr.MissingDataError, match=r"luecke\.csv', column 'SR_NR'.*'line 3'"):
        sr.read_table(blank)
    with pytest.raises(sr.FileFormatError, match=r"does not exist"):
        sr.read_table(tmp_path / "fehlt.csv")
    xls = _write(tmp_path / "alt.xls", "x")
    with pytest.raises(sr.FileFormatError, match=r"alt\.xls.*\.xlsx"):
        sr.read_table(xls)


LONG = (
    "Stichtag;SR_NR;Merkmal;Wert\n"
    "31.12.2023;0101;EW;1200\n31.12.2023;0101;FLAECHE_HA;12,5\n"
    "31.12.2023;0102;EW;-\n31.12.2023;0102;FLAECHE_HA;3,25\n"
    "31.12.2024;0101;EW;1250\n31.12.2024;0101;FLAECHE_HA;12,5\n"
    "31.12.2024;0102;EW;.\n"
)


def test_long_layout_stichtag_choice(tmp_path):
    path = _write(tmp_path / "lang.csv", LONG, "utf-8-sig")
    # no Stichtag chosen: the latest, as sozialraum.datasets does, and the load report says so
    default = sr.read_table(path)
    assert default["Stichtag"].unique().tolist() == [pd.Timestamp("2024-12-31")]
    note = " ".join(sr.load_report(default).notes)
    assert "31.12.2023, 31.12.2024" in note and "the latest, 31.12.2024, was read" in note
    assert "stichtag=" in note
    t = sr.read_table(path, stichtag="31.12.2023")
    assert list(t.columns) == ["Stichtag", "EW", "FLAECHE_HA", "EW__reason"]
    assert t["Stichtag"].tolist() == [pd.Timestamp("2023-12-31")] * 2
    assert _values(t, "EW") == [1200, 0] and _reasons(t, "EW") == [None, "true_zero"]
    assert t["FLAECHE_HA"].tolist() == [12.5, 3.25]
    for same in ("2023-12-31", 2023):
        pd.testing.assert_frame_equal(sr.read_table(path, stichtag=same), t)
    latest = sr.read_table(path, stichtag=2024)
    assert _values(latest, "EW") == [1250, None]
    assert _reasons(latest, "EW") == [None, "secret"]
    # the row 0102/FLAECHE_HA is absent in 2024: not delivered
    assert _reasons(latest, "FLAECHE_HA") == [None, "not_delivered"]
    pattern = r"no data for the Stichtag 31\.12\.2020.*31\.12\.2023"
    with pytest.raises(sr.ConfigError, match=pattern):
        sr.read_table(path, stichtag=2020)
    both = sr.read_table(path, stichtag="all")
    assert both.index.names == ["SR_NR", "Stichtag"]
    assert both.loc[("0101", pd.Timestamp("2024-12-31")), "EW"] == 1250
    assert load_report(both).stichtage == (
        pd.Timestamp("2023-12-31").date(), pd.Timestamp("2024-12-31").date()
    )


def test_long_layout_duplicates_and_explicit_names(tmp_path):
    dup = _write(tmp_path / "lang_doppelt.csv", LONG + "31.12.2023;0101;EW;1300\n")
    with pytest.raises(sr.DuplicateKeyError) as err:
        sr.read_table(dup, stichtag=2023)
    msg = str(err.value)
    assert "lang_doppelt.csv" in msg and "'0101' at 31.12.2023, 'EW' (line 2 and line 9)" in msg
    custom = _write(
        tmp_path / "eigen.csv", "Gebiet;Kennziffer;Anzahl\n0101;EW;3\n0101;HH;2\n0102;EW;4\n"
    )
    t = sr.read_table(custom, key="Gebiet", layout="long", variable="Kennziffer", value="Anzahl")
    assert list(t.index) == ["0101", "0102"] and list(t.columns[:2]) == ["EW", "HH"]
    assert _values(t, "HH") == [2, None] and _reasons(t, "HH") == [None, "not_delivered"]
    with pytest.raises(sr.ColumnError, match=r"eigen\.csv.*layout='long'.*variable=\.\.\."):
        sr.read_table(custom, key="Gebiet", layout="long")
    bad = _write(tmp_path / "lang_kaputt.csv", "SR_NR;Merkmal;Wert\n0101;EW;12\n0102;EW;zwölf\n")
    with pytest.raises(sr.InputError, match=r"column 'Wert' \(Merkmal 'EW'\).*'zwölf' \(line 3\)"):
        sr.read_table(bad)


def test_xlsx_text_and_numeric_keys_and_sheets(tmp_path):
    path = _xlsx(
        tmp_path / "stat.xlsx",
        {
            "31.12.2023": [["SR_NR", "name", "EW", "Q"], ["0101", "Nord", 10, 0.5],
                           ["0102", "Süd", "-", 1.25]],
            "Zahlen": [["SR_NR", "EW"], [101, 10], [102.0, "x"], [201, "7"]],
        },
    )
    before = _digest(path)
    with pytest.raises(sr.ConfigError, match=r"stat\.xlsx' has 2 sheets: '31\.12\.2023', 'Zahlen'"):
        sr.read_table(path)
    with pytest.raises(sr.ConfigError, match=r"no sheet 'zahlen'.*Did you mean 'Zahlen'"):
        sr.read_table(path, sheet="zahlen")
    t = sr.read_table(path, sheet="31.12.2023")
    assert list(t.index) == ["0101", "0102"]
    assert _values(t, "EW") == [10, 0] and _reasons(t, "EW") == [None, "true_zero"]
    assert t["Q"].tolist() == [0.5, 1.25] and t["name"].tolist() == ["Nord", "Süd"]
    assert t["Stichtag"].tolist() == [pd.Timestamp("2023-12-31")] * 2  # from the sheet name
    n = sr.read_table(path, sheet=1)
    assert list(n.index) == ["101", "102", "201"]
    assert _values(n, "EW") == [10, None, 7] and _reasons(n, "EW") == [None, "secret", None]
    assert load_report(n).key_from_numbers and load_report(n).sheet == "Zahlen"
    assert _digest(path) == before


def test_wide_with_several_stichtage_and_declared_stichtag(tmp_path):
    path = _write(
        tmp_path / "breit.csv",
        "SR_NR;Jahr;EW\n0101;2023;5\n0102;2023;6\n0101;2024;7\n0102;2024;8\n",
    )
    latest = sr.read_table(path)
    assert _values(latest, "EW") == [7, 8]
    assert "2 Stichtage in the file" in " ".join(sr.load_report(latest).notes)
    assert _values(sr.read_table(path, stichtag=2023), "EW") == [5, 6]
    plain = _write(tmp_path / "ohne.csv", "SR_NR;EW\n0101;5\n")
    t = sr.read_table(plain, stichtag="31.12.2022")
    assert t["Stichtag"].tolist() == [pd.Timestamp("2022-12-31")]
    assert "Stichtag" not in sr.read_table(plain).columns


def test_excel_separator_hint_line(tmp_path):
    path = _write(tmp_path / "excel.csv", "sep=;\r\nSR_NR;EW;Q\r\n0101;5;1,5\r\n", "cp1252")
    t = sr.read_table(path)
    assert list(t.index) == ["0101"] and _values(t, "EW") == [5] and t["Q"].tolist() == [1.5]
    assert load_report(t).sep == ";"
    bad = _write(tmp_path / "excel2.csv", "sep=;\nSR_NR;EW\n0101;5\n0102;fünf\n", "cp1252")
    with pytest.raises(sr.InputError, match=r"'fünf' \(line 4\)"):
        sr.read_table(bad)


@settings(max_examples=30, deadline=None)
@given(
    data=st.data(),
    n_keys=st.integers(min_value=1, max_value=6),
    merkmale=st.lists(st.sampled_from(["EW", "HH", "SGB2", "ALO"]), min_size=1, unique=True),
)
def test_property_long_layout_equals_wide_whatever_the_row_order(
    tmp_path_factory, data, n_keys, merkmale
):
    keys = [f"{i:04d}" for i in range(1, n_keys + 1)]
    cells = {
        (k, m): data.draw(st.one_of(st.integers(0, 99_999).map(str), st.sampled_from([".", "-"])))
        for k in keys
        for m in merkmale
    }
    rows = data.draw(st.permutations([f"{k};{m};{v}" for (k, m), v in cells.items()]))
    folder = tmp_path_factory.mktemp("lang")
    long_path = folder / "lang.csv"
    long_path.write_text("SR_NR;Merkmal;Wert\n" + "\n".join(rows) + "\n", encoding="utf-8")
    wide_path = folder / "breit.csv"
    wide_path.write_text(
        "SR_NR;" + ";".join(merkmale) + "\n"
        + "\n".join(k + ";" + ";".join(cells[(k, m)] for m in merkmale) for k in keys) + "\n",
        encoding="utf-8",
    )
    long = sr.read_table(long_path)
    wide = sr.read_table(wide_path)
    long = long.loc[keys, [c for c in wide.columns]]  # order of first appearance may differ
    pd.testing.assert_frame_equal(long, wide)
    for (k, m), v in cells.items():
        expected = None if v == "." else (0 if v == "-" else int(v))
        got = wide.at[k, m]
        assert (expected is None and pd.isna(got)) or got == expected


def test_named_columns_that_do_not_exist(tmp_path):
    path = _write(tmp_path / "namen.csv", "SR_NR;Merkmal;Wert\n0101;EW;1\n")
    with pytest.raises(sr.ColumnError, match=r"no text column 'Nmae'.*text_columns=\.\.\."):
        sr.read_table(path, text_columns=["Nmae"])
    with pytest.raises(sr.ColumnError, match=r"no Merkmal column 'merkmal'.*'Merkmal'.*variable="):
        sr.read_table(path, variable="merkmal", value="Wert")


def test_shipped_long_csv_and_xlsx_read_with_the_contract_defaults():
    """sr.read_table(path, key=...) on the statistics office's files of the demo city: the
    latest Stichtag (noted in the load report), the same values from CSV and XLSX."""
    csv = sr.read_table(sr.datasets.get_path("musterstadt_statistik.csv"), key="SR_NR")
    xlsx = sr.read_table(sr.datasets.get_path("musterstadt_statistik.xlsx"), key="SR_NR")
    assert csv.index.tolist() == xlsx.index.tolist() and csv.index[0] == "0101"
    assert csv["Stichtag"].unique().tolist() == [pd.Timestamp("2024-12-31")]
    assert xlsx["Stichtag"].unique().tolist() == [pd.Timestamp("2024-12-31")]
    assert csv["EW"].tolist() == xlsx["EW"].tolist()
    assert "the latest, '31.12.2024', was read" in " ".join(sr.load_report(xlsx).notes)


def test_table_errors_speak_german_and_english(tmp_path):
    nokey = _write(tmp_path / "schluessel.csv", "SR_Nr;EW\n0101;1\n")
    with pytest.raises(sr.ColumnError) as info:
        sr.read_table(nokey)
    de, en = info.value.message("de"), str(info.value)
    assert "schluessel.csv' hat keine Schlüsselspalte 'SR_NR'. Meinten Sie 'SR_Nr'?" in de
    assert "Spalten in der Datei: 'SR_Nr', 'EW'" in de and "key=..." in de
    assert "Did you mean" not in de and "column" not in de
    assert "has no key column 'SR_NR'. Did you mean 'SR_Nr'? Columns in the file" in en

    dup = _write(tmp_path / "doppelt.csv", "SR_NR;EW\n0101;1\n0102;2\n0101;3\n")
    with pytest.raises(sr.DuplicateKeyError) as info:
        sr.read_table(dup)
    assert "doppelt.csv', Spalte 'SR_NR': 1 Schlüssel kommen mehrfach vor: '0101' " \
        "(Zeile 2, Zeile 4)" in info.value.message("de")
    assert "'0101' (line 2, line 4)" in str(info.value)

    bad = _write(tmp_path / "werte.csv", "SR_NR;EW\n0101;12\n0102;zwölf\n")
    with pytest.raises(sr.InputError) as info:
        sr.read_table(bad)
    de = info.value.message("de")
    assert "werte.csv', Spalte 'EW': 1 Zellen sind weder Zahlen" in de
    assert "'zwölf' (Zeile 3)" in de and "text_columns=['EW']" in de
    assert "line" not in de and "'zwölf' (line 3)" in str(info.value)

    ragged = _write(tmp_path / "tab.tsv", "SR_NR\tEW\tHH\n0101\t1\t2\n0102\t3\n")
    with pytest.raises(sr.FileFormatError) as info:
        sr.read_table(ragged)
    assert "tab.tsv', Zeile 3 hat 2 Felder, die Kopfzeile 3 (Trennzeichen Tabulator)" in \
        info.value.message("de")
    assert "line 3 has 2 fields, the header has 3 (separator tab)" in str(info.value)

    many = _write(tmp_path / "viele.csv", "SR_NR;EW\n" + "".join(f";{i}\n" for i in range(7)))
    with pytest.raises(sr.MissingDataError) as info:
        sr.read_table(many)
    assert "7 Zeilen haben keinen Schlüssel: 'Zeile 2', 'Zeile 3', 'Zeile 4', 'Zeile 5', " \
        "'Zeile 6' und 2 weitere" in info.value.message("de")
    assert "'line 6' and 2 more" in str(info.value)

