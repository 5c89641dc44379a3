"""Tests of :mod:`sozialraum.report.write`.

The written bundle as a whole: every part present, no suppressed value in any file.

Most tests look at the demo bundle built once per session (``bundle`` in
tests/report/conftest.py).
"""

from __future__ import annotations

import re
import sqlite3
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

import sozialraum as sr

CONFIDENTIAL_TEXT = "keine Angabe (Geheimhaltung)"


def test_bundle_has_every_part(bundle):
    files = set(bundle.files)
    root = bundle.path
    assert root.is_dir() and not list(root.parent.glob(".musterstadt-ergebnis.tmp-*"))
    for stem in (
        "sozialraeume_index_wert",
        "sozialraeume_s1",
        "sozialraeume_lisa",
        "sozialraeume_gistar",
        "stadtteile_index_wert",
        "stadtteile_s4",
    ):
        for fmt in ("png", "pdf"):  # the demo's formats (SVG on request)
            assert f"karten/{stem}.{fmt}" in files
        assert f"karten/{stem}.svg" not in files
    assert {
        "karten/sozialraeume_karte.html",
        "karten/stadtteile_karte.html",
        "geodaten/ergebnisse.gpkg",
        "tabellen/sozialraeume.csv",
        "tabellen/stadtteile.csv",
        "tabellen/ergebnisse.xlsx",
        "methodik.md",
        "methods.md",
        "provenance.json",
        "profile/index.html",
        "profile/0101.html",
        "profile/1103.html",
    } <= files
    # one profile per Sozialraum of the Stichtag (the current Gebietsstand) and an index
    assert sum(f.startswith("profile/") for f in files) == len(sr.datasets.musterstadt()) + 1
    assert (root / "karten/sozialraeume_index_wert.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (root / "karten/sozialraeume_index_wert.pdf").read_bytes()[:5] == b"%PDF-"
    html = (root / "karten/sozialraeume_karte.html").read_text(encoding="utf-8")
    assert not re.search(r'<script[^>]+src="https?://', html)  # offline map
    assert "Bundle(" in repr(bundle)


def _suppressed_cells(bundle, raw_counts) -> list[tuple[str, str, str, float]]:
    """(level, key, indicator, true value) of every rate hidden for confidentiality."""
    cells = []
    st_of = bundle.frame()["ST_NR"]
    for level, lv in bundle.levels.items():
        counts = raw_counts if level == "sozialraeume" else raw_counts.groupby(st_of).sum()
        for ind in bundle.config.indicators:
            col = f"{ind.code}_hinweis"
            if col not in lv.frame.columns:
                continue
            for key in lv.frame.index[lv.frame[col] == CONFIDENTIAL_TEXT]:
                num = sum(counts.at[key, c] for c in ind.numerator_columns)
                den = sum(counts.at[key, c] for c in ind.denominator_columns)
                if den > 0:  # with a zero denominator there is no value to leak
                    cells.append((level, str(key), ind.code, num / den * ind.scale))
    return cells


def _forms(value: float, precise_only: bool = False, one_decimal: bool = False) -> list[str]:
    """How a value could be written: full and 3-4 decimals; 2 (and 1) decimals if asked."""
    forms = [repr(value), f"{value:.4f}", f"{value:.3f}"]
    if not precise_only:
        forms.append(f"{value:.2f}")
    if one_decimal:
        forms.append(f"{value:.1f}")
    return forms + [f.replace(".", ",") for f in forms]


def _related(column: str, code: str, value: float) -> bool:
    """Cells of a row that could carry the hidden rate: its own column (and derived columns
    like norm_<code>) always; any other column too unless the value is a whole number (a
    hidden rate of exactly 0 equals every other zero of the row by coincidence)."""
    return code in str(column) or not float(value).is_integer()


def _number_in(text: str, form: str) -> bool:
    if form not in text:  # fast path; the regex only confirms number boundaries
        return False
    # a hidden value is a count or a rate, never negative: "-0,8" (an index axis tick)
    # is another number than 0,8
    return re.search(rf"(?<![\d.,\-\u2212]){re.escape(form)}(?![\d])", text) is not None


def _comma(form: str) -> str:
    return form.replace(".", ",")


def _decimals(form: str) -> int:
    return len(_comma(form).rsplit(",", 1)[-1]) if "," in _comma(form) else 0


def _shown(bundle) -> dict:
    """Published numbers: per area at one decimal (as its profile shows them), and under "*"
    every published number of every level at two decimals."""
    out: dict = {"*": set()}
    for lv in bundle.levels.values():
        frame = lv.frame.drop(columns="geometry")
        for key, row in frame.iterrows():
            nums = [
                float(v)
                for v in row.to_numpy()
                if isinstance(v, (int, float, np.number)) and not pd.isna(v)
            ]
            out["*"] |= {f"{v:.2f}".replace(".", ",") for v in nums}
            if lv is bundle.base:
                out[str(key)] = {f"{v:.1f}".replace(".", ",") for v in nums}
    # the area's published series over the Stichtage (monitoring/zeitreihe_lang.csv), which
    # its profile charts show at one and two decimals: another indicator's or another
    # Stichtag's published number that happens to equal a hidden value is no leak
    series = bundle.path / "monitoring" / "zeitreihe_lang.csv"
    if series.exists():
        long = pd.read_csv(series, sep=";", dtype=str, encoding="utf-8-sig",
                           keep_default_na=False)
        key_col = long.columns[0]
        for key, rows in long.groupby(key_col):
            nums = pd.to_numeric(
                rows.drop(columns=key_col).stack().str.replace(",", "."), errors="coerce"
            ).dropna()
            out.setdefault(str(key), set()).update(
                f"{v:.{d}f}".replace(".", ",") for v in nums for d in (1, 2)
            )
    return out


_SVG_GEOMETRY = re.compile(
    r'\s(?:d|points|cx|cy|r|x|y|x1|x2|y1|y2|width|height|stroke-width|viewBox|transform'
    r'|data-py0|data-py1)="[^"]*"'
)


def scan_bundle(root: Path, cells, tables: dict, shown: dict | None = None) -> list[str]:
    """Every place in the bundle where a suppressed value shows up (empty list = clean).

    `shown` (area -> published numbers at one decimal) lets the check of an area's own
    profile page skip one-decimal forms that a published number of that area explains.
    """
    shown = shown or {}
    leaks: list[str] = []
    by_key = {}
    for level, key, code, value in cells:
        by_key.setdefault((level, key), []).append((code, value))
    # tables, row by row: no cell of the area's row holds the hidden value
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        suffix = path.suffix.lower()
        if suffix == ".csv":
            level = path.stem
            df = pd.read_csv(path, sep=";", decimal=",", dtype=str, encoding="utf-8-sig")
            for _, row in df.iterrows():
                for code, value in by_key.get((level, row.iloc[0]), []):
                    for name, cell in row.iloc[1:].dropna().items():
                        if _related(name, code, value) and cell in _forms(value):
                            leaks.append(f"{rel}: {row.iloc[0]} {code} in {name}")
        elif suffix == ".xlsx":
            from openpyxl import load_workbook

            wb = load_workbook(path)
            for ws in wb.worksheets:
                level = tables.get(ws.title)
                # result sheets: row 1 German labels, row 2 the codes (as in the CSV)
                header_row = 2 if level else 1
                for row in ws.iter_rows(min_row=header_row + 1, values_only=True):
                    header = [c.value for c in ws[header_row]]
                    for code, value in by_key.get((level, row[0]), []):
                        for name, cell in zip(header[1:], row[1:], strict=True):
                            if (
                                _related(name, code, value)
                                and isinstance(cell, (int, float))
                                and abs(cell - value) < 0.005
                            ):
                                leaks.append(f"{rel}/{ws.title}: {row[0]} {code} in {name}")
        elif suffix == ".gpkg":
            with sqlite3.connect(path) as con:
                for level in ("sozialraeume", "stadtteile"):
                    cur = con.execute(f'SELECT * FROM "{level}"')
                    names = [d[0] for d in cur.description]
                    for row in cur.fetchall():
                        rec = dict(zip(names, row, strict=True))
                        key = rec.get("SR_NR") or rec.get("ST_NR")
                        for code, value in by_key.get((level, key), []):
                            for name, cell in rec.items():
                                if (
                                    _related(name, code, value)
                                    and isinstance(cell, float)
                                    and abs(cell - value) < 0.005
                                ):
                                    leaks.append(f"{rel}/{level}: {key} {code} in {name}")
                styles = " ".join(r[0] for r in con.execute("SELECT styleQML FROM layer_styles"))
                for _, _, code, value in cells:
                    if float(value).is_integer():
                        continue
                    if any(_number_in(styles, f) for f in _forms(value, precise_only=True)):
                        leaks.append(f"{rel}/layer_styles: {code}")
        elif suffix in (".md", ".html", ".json", ".svg"):
            text = path.read_text(encoding="utf-8")
            if suffix in (".html", ".svg"):
                # drawing geometry (pixel coordinates of paths, points, axes) is no data; the
                # values a chart carries (data-wert, titles, labels) stay in the scan
                text = _SVG_GEOMETRY.sub(" ", text)
            for level, key, code, value in cells:
                if float(value).is_integer():
                    continue
                # the area's own profile page: every rounding (its numbers are few and
                # meaningful); elsewhere the 3+ decimal forms, and 2 decimals outside the maps
                own_page = rel == f"profile/{key}.html" and level == "sozialraeume"
                forms = _forms(value, precise_only=rel.startswith("karten/"), one_decimal=own_page)
                if own_page:
                    explained = shown.get(key, set())
                    forms = [f for f in forms
                             if not (_decimals(f) in (1, 2) and _comma(f) in explained)]
                else:
                    # elsewhere a two-decimal string that is some other published value is no
                    # evidence of a leak (the hidden value is never published: see the CSV check)
                    explained = shown.get("*", set())
                    forms = [f for f in forms if not (_decimals(f) == 2 and _comma(f) in explained)]
                for form in forms:
                    if _number_in(text, form):
                        leaks.append(f"{rel}: {key} {code} as {form}")
        elif suffix == ".pdf":
            data = path.read_bytes()
            chunks = [data]
            for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
                try:
                    chunks.append(zlib.decompress(m.group(1)))
                except zlib.error:
                    pass
            text = b"\n".join(chunks).decode("latin-1")
            for _, key, code, value in cells:
                if float(value).is_integer():
                    continue
                for form in _forms(value, precise_only=True):
                    if _number_in(text, form):
                        leaks.append(f"{rel}: {key} {code}")
    return leaks


def test_no_suppressed_value_appears_in_any_file(bundle, raw_counts):
    cells = _suppressed_cells(bundle, raw_counts)
    assert len(cells) >= 5, "the demo city must have suppressed cells for this test to bite"
    assert "sozialraeume" in {c[0] for c in cells}
    tables = {lv.label: name for name, lv in bundle.levels.items()}
    assert scan_bundle(bundle.path, cells, tables, _shown(bundle)) == []
    # the hidden cells are missing in the maps' data too (maps and styles are drawn from it)
    for level, key, code, _ in cells:
        assert pd.isna(bundle.levels[level].map_frame.at[key, code])


def test_the_scan_finds_a_planted_leak(bundle, raw_counts, tmp_path):
    """Negative control: the scanner would notice a leaked value in a CSV and in a profile."""
    import shutil

    cells = _suppressed_cells(bundle, raw_counts)
    shown = _shown(bundle)
    level, key, code, value = next(
        c for c in cells
        if c[0] == "sozialraeume" and not float(c[3]).is_integer()
        and f"{c[3]:.1f}".replace(".", ",") not in shown.get(c[1], set())
    )
    copy = tmp_path / "copy"
    shutil.copytree(bundle.path, copy)
    csv = copy / "tabellen" / "sozialraeume.csv"
    df = pd.read_csv(csv, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    df.loc[df["SR_NR"] == key, code] = f"{value:.2f}".replace(".", ",")
    csv.write_text(df.to_csv(sep=";", index=False), encoding="utf-8-sig")
    page = copy / "profile" / f"{key}.html"
    page.write_text(
        page.read_text(encoding="utf-8") + f"<p>{value:.1f}</p>".replace(".", ","), encoding="utf-8"
    )
    tables = {lv.label: name for name, lv in bundle.levels.items()}
    assert f"{value:.1f}".replace(".", ",") not in shown[key], "pick a value not explained"
    leaks = scan_bundle(copy, cells, tables, shown)
    assert any(leak.startswith("tabellen/sozialraeume.csv") for leak in leaks)
    assert any(leak.startswith(f"profile/{key}.html") for leak in leaks)

