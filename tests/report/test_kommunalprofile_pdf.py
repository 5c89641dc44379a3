"""sozialraum/report/kommunalprofile_pdf.py: one small A4 PDF per municipality of the region."""

from pathlib import Path

import pandas as pd
import pytest

AGS = ["03199001", "03199002", "03199003", "03199004", "03199005", "03199006"]


@pytest.fixture
def bundle(region_bundle):
    """The region demo bundle (tests/report/conftest.py), built once per session."""
    return region_bundle


def _table(bundle, level="sozialraeume") -> pd.DataFrame:
    path = Path(bundle[1].path) / "tabellen" / f"{level}.csv"
    key = "SR_ID" if level == "sozialraeume" else "AGS"
    return pd.read_csv(path, sep=";", decimal=",", dtype={key: str, "AGS": str},
                       encoding="utf-8-sig").set_index(key)


def test_a_small_pdf_per_municipality_with_its_name(bundle):
    from pypdf import PdfReader

    folder = Path(bundle[1].path) / "kommunalprofile"
    names = _table(bundle, "gemeinden")["name"]
    for g in AGS:
        pdf = folder / f"{g}.pdf"
        assert pdf.stat().st_size < 300_000
        reader = PdfReader(pdf)
        assert len(reader.pages) == 1
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
        words = reader.pages[0].extract_text()
        assert names[g] in words and g in words
        assert "Kennzahlen der Gemeinde" in words
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{g}.pdf"' in index for g in AGS)
