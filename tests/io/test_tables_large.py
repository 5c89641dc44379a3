"""read_table on the fast path (pyarrow, factorised columns) and the csv-module path.

Expected values are written out by hand from the statistics offices' Zeichenerklärung
(docs/data.md); the medium file is built here cell by cell, and its counts are
counted from the cells written, not from an earlier output of the reader.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import sozialraum as sr
from sozialraum.errors import InputError
from sozialraum.io import csvfile

ALL_MARKERS = (
    "Stichtag;SR_NR;Name;EW;QUOTE\n"
    "31.12.2024;0101;Altstadt;1.234;12,5\n"
    "31.12.2024;0102;Hafen;.;3,0\n"
    "31.12.2024;0103;Nord;-;x\n"
    "31.12.2024;0104;Süd;/;...\n"
    "31.12.2024;0105;Ost;;\u2026\n"
    "31.12.2024;0106;West;1.234.567;\u2013\n"
    "31.12.2023;0101;Altstadt;1.200;X\n"
)


def _read(path, fast, monkeypatch, **kw):
    if not fast:  # the csv-module path, as without pyarrow
        monkeypatch.setattr(csvfile, "arrow_columns", lambda *a, **k: None)
    return sr.read_table(path, key="SR_NR", **kw)


@pytest.mark.parametrize("fast", [True, False])
def test_every_marker_by_hand(tmp_path, monkeypatch, fast):
    path = tmp_path / "marker.csv"
    path.write_text(ALL_MARKERS, encoding="utf-8")
    t = _read(path, fast, monkeypatch, stichtag="31.12.2024")
    assert list(t.index) == ["0101", "0102", "0103", "0104", "0105", "0106"]
    assert str(t["EW"].dtype) == "Int64" and str(t["QUOTE"].dtype) == "float64"
    assert t["EW"].tolist() == [1234, pd.NA, 0, pd.NA, pd.NA, 1234567]
    assert t["EW__reason"].tolist() == [
        np.nan, "secret", "true_zero", "not_meaningful", "not_delivered", np.nan]
    q = t["QUOTE"].tolist()
    assert q[:2] == [12.5, 3.0] and q[5] == 0.0 and all(np.isnan(q[2:5]))
    assert t["QUOTE__reason"].tolist() == [
        np.nan, np.nan, "secret", "not_available", "not_available", "true_zero"]
    assert t["Name"].tolist() == ["Altstadt", "Hafen", "Nord", "Süd", "Ost", "West"]
    rep = t.attrs["load_report"]
    assert (rep.decimal, rep.thousands, rep.layout) == (",", ".", "wide")
    assert rep.markers == (
        ("EW", "not_delivered", 1), ("EW", "not_meaningful", 1), ("EW", "secret", 1),
        ("EW", "true_zero", 1), ("QUOTE", "not_available", 2), ("QUOTE", "secret", 2),
        ("QUOTE", "true_zero", 1),
    )
    everything = _read(path, fast, monkeypatch, stichtag="all", dash_as="missing")
    assert everything.loc[("0101", pd.Timestamp("2023-12-31")), "EW"] == 1200
    assert pd.isna(everything.loc[("0103", pd.Timestamp("2024-12-31")), "EW"])


@pytest.mark.parametrize("fast", [True, False])
def test_bad_cell_named_with_its_line(tmp_path, monkeypatch, fast):
    path = tmp_path / "bad.csv"
    # a blank row and a row of empty cells before the bad one: lines still count as in the file
    path.write_text("SR_NR;EW\n01;5\n;\n02;7\n03;k.A\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"'k\.A'.*(Zeile|line) 5"):
        _read(path, fast, monkeypatch)


def _medium(path):
    """A long table of about 2 MB: 3 Stichtage x 2,500 districts x 12 Merkmale."""
    rng = np.random.default_rng(7)
    days = ["31.12.2022", "31.12.2023", "31.12.2024"]
    keys = [f"{i:05d}" for i in range(1, 2501)]
    names = [f"M{j:02d}" for j in range(12)]
    counts = {"secret": 0, "true_zero": 0, "not_meaningful": 0, "not_available": 0,
              "not_delivered": 0}
    marker_of = {".": "secret", "x": "secret", "-": "true_zero", "/": "not_meaningful",
                 "...": "not_available", "": "not_delivered"}
    total = 0
    lines = ["Stichtag;SR_NR;Merkmal;Wert"]
    for d in days:
        for k in keys:
            for m in names:
                r = rng.random()
                if r < 0.06:
                    cell = list(marker_of)[int(r / 0.01)]
                    counts[marker_of[cell]] += 1
                else:
                    v = int(rng.integers(0, 30000))
                    total += v if d == days[-1] else 0
                    cell = f"{v:,}".replace(",", ".")
                lines.append(f"{d};{k};{m};{cell}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return counts, total


@pytest.mark.parametrize("fast", [True, False])
def test_medium_long_file_counts(tmp_path, monkeypatch, fast):
    path = tmp_path / "medium.csv"
    counts, total = _medium(path)
    assert path.stat().st_size > 2_000_000
    t = _read(path, fast, monkeypatch, stichtag="all")
    assert t.shape[0] == 3 * 2500
    assert t.index.get_level_values("SR_NR")[0] == "00001"
    found: dict[str, int] = {}
    for _, reason, n in t.attrs["load_report"].markers:
        found[reason] = found.get(reason, 0) + n
    assert found == {r: n for r, n in counts.items() if n}
    values = [c for c in t.columns if c.startswith("M") and not c.endswith("__reason")]
    assert len(values) == 12 and all(str(t[c].dtype) == "Int64" for c in values)
    latest = t.xs(pd.Timestamp("2024-12-31"), level="Stichtag")
    assert int(latest[values].sum().sum()) == total


# --------------------------------------------------------------------------- streaming path
# The pyarrow path reads the file in pieces and blocks; with tiny pieces and blocks every rule
# that looks at more than one line (first appearance of cells, the decimal separator, text or
# value column, CR/LF pairs, blank rows) is exercised across block boundaries.


@pytest.fixture
def tiny_blocks(monkeypatch):
    """Pieces of 1,001 bytes, pyarrow blocks of 4 kB, separator detection on 2,000 characters.

    Returns a list that records, per read, whether the streaming pyarrow path gave the cells.
    """
    from sozialraum.io import columns

    monkeypatch.setattr(columns, "BLOCK_SIZE", 4096)
    monkeypatch.setattr(csvfile, "PIECE_BYTES", 1001)
    monkeypatch.setattr(csvfile, "SNIFF_CHARS", 2000)
    used: list[bool] = []
    real = csvfile.arrow_columns

    def spy(*args, **kw):
        out = real(*args, **kw)
        used.append(out is not None)
        return out

    monkeypatch.setattr(csvfile, "arrow_columns", spy)
    return used


def _both(path, monkeypatch, used, **kw):
    """The frame of the streaming path and of the csv module (whole text), compared."""
    fast = sr.read_table(path, key="SR_NR", **kw)
    assert used == [True], "the streaming path was not taken"
    with monkeypatch.context() as m:
        m.setattr(csvfile, "arrow_columns", lambda *a, **k: None)
        slow = sr.read_table(path, key="SR_NR", **kw)
    pd.testing.assert_frame_equal(fast, slow)
    assert fast.attrs["load_report"] == slow.attrs["load_report"]
    return fast


def _wide_lines(n, *, late=None):
    """`n` rows of a wide table; row i: EW = i, QUOTE = i/10 written with a decimal comma."""
    marker = [".", "-", "x", "/", "...", ""]
    lines = []
    for i in range(n):
        ew = marker[i // 7 % 6] if i % 7 == 3 else f"{i:,}".replace(",", ".")
        lines.append(f"31.12.2024;{i:05d};Bezirk {i % 13} Süd;{ew};{i // 10},{i % 10}")
    return lines


def test_streamed_wide_file_equals_the_csv_module_and_the_cells_written(
        tmp_path, monkeypatch, tiny_blocks):
    path = tmp_path / "wide.csv"
    lines = _wide_lines(3000)
    path.write_text("Stichtag;SR_NR;Name;EW;QUOTE\n" + "\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 30 * 4096  # dozens of blocks
    t = _both(path, monkeypatch, tiny_blocks)
    assert t.index[:3].tolist() == ["00000", "00001", "00002"]
    numbers = [i for i in range(3000) if i % 7 != 3]
    assert int(t["EW"].sum()) == sum(numbers)
    assert t["EW"].isna().sum() == sum(1 for i in range(3000) if i % 7 == 3 and i // 7 % 6 != 1)
    assert t.loc["02999", "QUOTE"] == 299.9 and t.loc["01234", "EW"] == 1234
    assert t.loc["00010", "Name"] == "Bezirk 10 Süd"


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_streamed_bom_cp1252_and_cr_line_ends(tmp_path, monkeypatch, tiny_blocks, ending,
                                              encoding):
    path = tmp_path / "excel.csv"
    text = ending.join(["SR_NR;Name;EW", *[f"{i:04d};Süd {i};{i}" for i in range(1500)]])
    path.write_bytes((text + ending).encode(encoding))
    t = _both(path, monkeypatch, tiny_blocks)
    rep = t.attrs["load_report"]
    assert rep.encoding == encoding and rep.sep == ";"
    assert t.index[0] == "0000" and t.loc["1499", "Name"] == "Süd 1499"
    assert int(t["EW"].sum()) == sum(range(1500))


def test_streamed_utf8_file_with_a_late_cp1252_byte_is_read_as_cp1252(
        tmp_path, monkeypatch, tiny_blocks):
    # the first pieces decode as UTF-8; the byte 0xFC ("ü" in cp1252) far behind them does not
    path = tmp_path / "late.csv"
    body = "SR_NR;Name\n" + "".join(f"{i:04d};Nord\n" for i in range(2000))
    path.write_bytes(body.encode("ascii") + "9999;Süd\n".encode("cp1252"))
    t = _both(path, monkeypatch, tiny_blocks)
    assert t.attrs["load_report"].encoding == "cp1252" and t.loc["9999", "Name"] == "Süd"


def test_rows_of_only_separators_are_skipped_in_every_block(tmp_path, monkeypatch, tiny_blocks):
    # ';;;;' rows: single ones, one at the start of the data, a run longer than a block
    # (a block with no row left) and some at the end; bad cell named by its line in the file
    lines = ["SR_NR;EW;QUOTE;Name;Wert", ";;;;"]
    for i in range(1200):
        lines.append(f"{i:04d};{i};1,5;N{i};7")
        if i % 100 == 50:
            lines.append(";;;;")
    lines += [";;;;"] * 1000 + ["9999;1;2,5;Ende;8"] + [";;;;", " ; ; ; ; "]
    path = tmp_path / "leer.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    t = _both(path, monkeypatch, tiny_blocks)
    assert len(t) == 1201 and t.index[-1] == "9999"
    assert int(t["EW"].sum()) == sum(range(1200)) + 1
    bad = tmp_path / "leer_bad.csv"
    bad.write_text("\n".join([*lines[:-2], "9998;k.A;1,0;X;1"]) + "\n", encoding="utf-8")
    tiny_blocks.clear()
    with pytest.raises(InputError, match=rf"'k\.A'.*(Zeile|line) {len(lines) - 1}\b"):
        sr.read_table(bad, key="SR_NR")
    assert tiny_blocks == [True]


def test_a_row_of_more_separators_than_the_header_goes_to_the_csv_module(
        tmp_path, monkeypatch, tiny_blocks):
    lines = ["SR_NR;EW;Q", *[f"{i:04d};{i};1,5" for i in range(800)], ";;;;;;", "0800;1;2,0"]
    path = tmp_path / "mehr.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    t = sr.read_table(path, key="SR_NR")
    assert tiny_blocks == [False]  # pyarrow refuses the row; the csv module skips it
    assert len(t) == 801 and int(t["EW"].sum()) == sum(range(800)) + 1


def test_a_quoted_cell_over_a_block_boundary_is_streamed(tmp_path, monkeypatch, tiny_blocks):
    rows = [f"{i:04d};{i};Nord" for i in range(3000)]
    rows[2000] = '2000;2000;"Zeile eins\nZeile zwei; mit Semikolon"'  # a cell over two lines
    path = tmp_path / "quoted.csv"
    path.write_text("SR_NR;EW;Name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert path.read_bytes().index(b'"') > 4 * 4096  # behind the first blocks
    t = _both(path, monkeypatch, tiny_blocks)
    assert t.loc["2000", "Name"] == "Zeile eins\nZeile zwei; mit Semikolon"
    assert len(t) == 3000 and int(t["EW"].sum()) == sum(range(3000))


def _quoted_export(n, ending="\n"):
    """An export quoting every field, as statistics offices write them; the cells of row i.

    Every 50th name holds a line end, a separator and a doubled quote; EW is a marker
    in quotes every 7th row (``""``, a quoted empty cell, among them), QUOTE empty
    without quotes every 11th row; every 13th name is a quoted space.
    """
    marker = [".", "-", "x", "/", "...", ""]
    lines, names = ['"Stichtag";"SR_NR";"Name";"EW";"QUOTE"'], []
    for i in range(n):
        name = (f'Bezirk {i}\nTeil; ""{i % 3}""' if i % 50 == 0 else
                " " if i % 13 == 0 else f"Süd {i % 17}")
        names.append(None if name == " " else name.replace('""', '"'))
        ew = marker[i // 7 % 6] if i % 7 == 3 else f"{i:,}".replace(",", ".")
        quote = "" if i % 11 == 5 else f'"{i // 10},{i % 10}"'
        lines.append(f'"31.12.2024";"{i:05d}";"{name}";"{ew}";{quote}')
    return ending.join(lines) + ending, names


@pytest.mark.parametrize(("ending", "encoding"),
                         [("\n", "utf-8"), ("\r\n", "utf-8-sig"), ("\r\n", "cp1252")])
def test_streamed_quoted_export_equals_the_csv_module_and_the_cells_written(
        tmp_path, monkeypatch, tiny_blocks, ending, encoding):
    path = tmp_path / "export.csv"
    text, names = _quoted_export(3000, ending)
    path.write_bytes(text.encode(encoding))
    assert path.stat().st_size > 30 * 4096  # dozens of blocks, quoted line ends across them
    t = _both(path, monkeypatch, tiny_blocks)
    assert len(t) == 3000 and t.index[:3].tolist() == ["00000", "00001", "00002"]
    # a quoted space is a blank text cell, missing as an unquoted one is
    assert [None if pd.isna(n) else n for n in t["Name"]] == names
    assert t.loc["00050", "Name"] == 'Bezirk 50\nTeil; "2"' and pd.isna(t.loc["00013", "Name"])
    numbers = [i for i in range(3000) if i % 7 != 3]
    assert int(t["EW"].sum()) == sum(numbers) and t.loc["01234", "EW"] == 1234
    # '"-"' is a true zero; '"."', '"x"', '"/"', '"..."' and the quoted empty cell are missing
    assert t["EW"].isna().sum() == sum(1 for i in range(3000) if i % 7 == 3 and i // 7 % 6 != 1)
    assert t.loc["00003", "EW__reason"] == "secret" and t.loc["00011", "EW"] == 11
    assert t.loc["00038", "EW__reason"] == "not_delivered"  # '""': 38 // 7 % 6 == 5
    assert t.loc["02999", "QUOTE"] == 299.9 and np.isnan(t.loc["00005", "QUOTE"])
    assert t.loc["00005", "QUOTE__reason"] == "not_delivered"  # empty without quotes


def test_streamed_comma_separated_export_with_quoted_decimal_commas(
        tmp_path, monkeypatch, tiny_blocks):
    rows = [f'"{i:04d}","Nord, {i % 5}","{i},5","{i}"' for i in range(1500)]
    path = tmp_path / "komma.csv"
    path.write_text('"SR_NR","Name","Q","EW"\n' + "\n".join(rows) + "\n", encoding="utf-8")
    t = _both(path, monkeypatch, tiny_blocks)
    assert t.attrs["load_report"].sep == ","
    assert t.loc["0007", "Name"] == "Nord, 2" and t.loc["0007", "Q"] == 7.5
    assert t.loc["1499", "EW"] == 1499 and t.index[0] == "0000"


def test_streamed_quoted_export_after_an_excel_sep_line(tmp_path, monkeypatch, tiny_blocks):
    rows = [f'"{i:04d}";"{i}";"{"." if i % 9 == 4 else i % 5}"' for i in range(1500)]
    path = tmp_path / "excel_sep.csv"
    path.write_bytes(('sep=;\r\n"SR_NR";"EW";"Q"\r\n' + "\r\n".join(rows) + "\r\n")
                     .encode("utf-8-sig"))
    t = _both(path, monkeypatch, tiny_blocks)
    assert t.index[0] == "0000" and t.loc["0007", "EW"] == 7 and t.loc["0008", "Q"] == 3
    assert pd.isna(t.loc["0004", "Q"]) and t.loc["0004", "Q__reason"] == "secret"


def test_quoted_export_bad_cell_named_with_its_line_after_quoted_line_ends(
        tmp_path, monkeypatch, tiny_blocks):
    text, _ = _quoted_export(1200)
    lines = text.split("\n")
    # 1,001 rows before, 21 of them (rows 0, 50, ..., 1000) over two lines: row 1001 is line 1024
    assert lines[1023].startswith('"31.12.2024";"01001"')
    lines[1023] = '"31.12.2024";"01001";"Nord";"k.A";"1,0"'
    path = tmp_path / "export_bad.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError, match=r"'k\.A'.*(Zeile|line) 1024\b") as fast:
        sr.read_table(path, key="SR_NR")
    assert tiny_blocks == [True]
    monkeypatch.setattr(csvfile, "arrow_columns", lambda *a, **k: None)
    with pytest.raises(InputError) as slow:
        sr.read_table(path, key="SR_NR")
    assert str(fast.value) == str(slow.value)


@pytest.mark.parametrize(("late", "name"), [
    ('"{k}";Na"me;1', 'Na"me'),  # a quote inside an unquoted field: kept by the csv module
    ('"{k}";"Name"x;1', "Namex"),  # text after the closing quote: appended
    ('"{k}"; "Name";1', '"Name"'),  # a space before the opening quote: quotes kept
    ('"{k}";"Name\r\nTeil";1', "Name\r\nTeil"),  # CR inside quotes: kept (pyarrow: LF)
    ('"{k}";"Na\x00me";1', "Na\x00me"),  # NUL
    ('"{k}";"Name";"1";""', "Name"),  # a ragged row, its extra cell empty: cut off
    ('"{k}";"Name;1', None),  # a quote never closed: the rest of the file is one cell
])
def test_quotes_only_the_csv_module_reads_right_go_to_it(tmp_path, monkeypatch, tiny_blocks,
                                                          late, name):
    rows = [f'"{i:04d}";"Süd {i}";{i}' for i in range(1500)]
    rows[1400] = late.format(k="1400")  # far behind the first blocks and pieces
    path = tmp_path / "late_quote.csv"
    path.write_bytes(('"SR_NR";"Name";"EW"\n' + "\n".join(rows) + "\n").encode("utf-8"))
    if name is None:
        with pytest.raises(InputError):  # too few fields in the row that swallowed the rest
            sr.read_table(path, key="SR_NR")
        assert tiny_blocks == [False]
        return
    t = sr.read_table(path, key="SR_NR")
    assert tiny_blocks == [False]
    assert len(t) == 1500 and t.loc["1400", "Name"] == name and t.loc["1400", "EW"] == 1
    assert t.loc["0007", "Name"] == "Süd 7" and int(t["EW"].sum()) == sum(range(1500)) - 1399


def test_rules_decided_on_the_whole_file_not_on_the_first_block(
        tmp_path, monkeypatch, tiny_blocks):
    # only '1.234' (ambiguous) in the first blocks; '0,5' at the end proves the decimal comma
    rows = [f"{i:04d};1.{i % 1000:03d};Nord" for i in range(1500)] + ["1500;0,5;Süd"]
    path = tmp_path / "dezimal.csv"
    path.write_text("SR_NR;W;Name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    t = _both(path, monkeypatch, tiny_blocks)
    assert t.loc["0007", "W"] == 1007.0 and t.loc["1500", "W"] == 0.5
    assert (t.attrs["load_report"].decimal, t.attrs["load_report"].thousands) == (",", ".")
    # a column of names until a number appears in the last block: a value column with junk
    late = tmp_path / "spaet.csv"
    rows = [f"{i:04d};Nord {i}" for i in range(1500)] + ["1500;12"]
    late.write_text("SR_NR;Name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    tiny_blocks.clear()
    with pytest.raises(InputError, match=r"'Nord 0'.*(Zeile|line) 2\b"):
        sr.read_table(late, key="SR_NR")
    assert tiny_blocks == [True]
    # '1,5' early and '2.5' late contradict each other
    mixed = tmp_path / "gemischt.csv"
    rows = [f"{i:04d};1,5" for i in range(1500)] + ["1500;2.5"]
    mixed.write_text("SR_NR;W\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"2\.5"):
        sr.read_table(mixed, key="SR_NR")
