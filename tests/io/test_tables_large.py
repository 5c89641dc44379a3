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
