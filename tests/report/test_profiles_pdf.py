"""sozialraum/report/profiles_pdf.py: one small A4 PDF per area ([profiles] formats).

Looks at the monitoring bundle (tests/report/conftest.py: the demo with hostile names in
two areas, [monitoring] on, profiles as HTML and PDF). Expectations come from the
bundle's published CSV tables, the input boundaries and the config; the number of areas
and their names are read from the data, never written here.
"""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pandas as pd
import pytest
from support.monitoring import (
    HOSTILE,
    KEY,
    de_number,
    monitoring_csv,
    named_with_reason,
    series_columns,
)

from sozialraum._util.files import safe_names

LIMIT = 300_000


@pytest.fixture
def bundle(monitoring_bundle):
    return monitoring_bundle


def _published(bundle) -> pd.DataFrame:
    return pd.read_csv(bundle.path / "tabellen" / "sozialraeume.csv", sep=";", decimal=",",
                       dtype={KEY: str, "ST_NR": str}, encoding="utf-8-sig").set_index(KEY)


def _names(bundle) -> pd.Series:
    """The area names as given in the input boundaries (the CSV escapes formula names)."""
    g = gpd.read_file(bundle.path.parent / "musterstadt.gpkg", layer="sozialraeume")
    return g.set_index(KEY)["name"]


def _words(path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(path)
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())




def _stems(bundle) -> dict:
    return safe_names(list(_published(bundle).index), reserved=("index",))


def test_a_small_a4_pdf_per_area_listed_in_manifest_and_provenance(bundle):
    from pypdf import PdfReader

    stems = _stems(bundle)
    manifest = json.loads((bundle.path / "manifest.json").read_text(encoding="utf-8"))["files"]
    outputs = json.loads((bundle.path / "provenance.json").read_text(encoding="utf-8"))["outputs"]
    for key, stem in stems.items():
        rel = f"profile/{stem}.pdf"
        pdf = bundle.path / rel
        assert pdf.stat().st_size <= LIMIT, (key, pdf.stat().st_size)
        box = PdfReader(pdf).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
        assert rel in bundle.files and rel in manifest and rel in outputs
    pdfs = [f for f in bundle.files if f.startswith("profile/") and f.endswith(".pdf")]
    assert len(pdfs) == len(stems)
    index = (bundle.path / "profile" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{stem}.pdf"' in index for stem in stems.values())
    assert f"{len(stems)} Sozialraumprofile (HTML und PDF)" in bundle.summary("de")


def test_pdf_text_is_the_published_table(bundle):
    """Name, key, every published indicator value (withheld ones: their reason), the
    index class, as in tabellen/sozialraeume.csv."""
    table = _published(bundle)
    names = _names(bundle)
    units = {i.code: i.unit for i in bundle.config.indicators}
    stems = _stems(bundle)
    n_withheld = 0
    for key, row in table.iterrows():
        words = _words(bundle.path / "profile" / f"{stems[key]}.pdf")
        assert f"Sozialraumprofil: {names[key]} ({key})" in words
        for code, unit in units.items():
            if pd.notna(row[code]):
                shown = de_number(row[code], 1) + (f" {unit}" if unit else "")
                assert shown in words, (key, code, shown)
            else:
                reason = row[f"{code}_hinweis"]
                assert isinstance(reason, str) and reason in words, (key, code)
                n_withheld += 1
        if isinstance(row["index_klasse"], str):
            assert f"Indexklasse {row['index_klasse']}" in words
            assert f"Indexwert {de_number(row['index_wert'], 2)}" in words
        else:
            assert f"Indexklasse {row['index_hinweis']}" in words
    assert n_withheld > 0  # the demo withholds cells: the reasons were looked at


def test_hostile_names_are_text_in_the_pdf(bundle):
    stems = _stems(bundle)
    for key, name in HOSTILE.items():
        path = bundle.path / "profile" / f"{stems[key]}.pdf"
        assert name in _words(path)  # drawn as written: no mathtext, no markup
        raw = path.read_bytes()
        assert not re.search(rb"/(URI|JS|JavaScript|Launch|OpenAction)\b", raw)


def test_pdf_line_charts_show_the_series_of_zeitreihe_lang(bundle):
    """Each published value of the area's series is labelled in the chart (German
    format); each withheld Stichtag is named under the chart with its reason."""
    long = monitoring_csv(bundle, "zeitreihe_lang.csv")
    series = series_columns(long)
    assert series
    stems = _stems(bundle)
    gaps = 0
    for key, rows in long.groupby(KEY):
        words = _words(bundle.path / "profile" / f"{stems[key]}.pdf")
        assert "Entwicklung über die Stichtage" in words
        for col in series:
            decimals = 2 if col == "index_wert" else 1
            for _, r in rows.iterrows():
                if pd.notna(r[col]):
                    assert de_number(r[col], decimals) in words, (key, col, r["stichtag"])
                else:
                    gaps += 1
                    assert named_with_reason(r["stichtag"], r[f"{col}_hinweis"], words), (key, col)
    assert gaps > 0  # the demo withholds some Stichtage: the gaps were looked at


def test_pdf_only_writes_pdfs_named_by_the_safe_name_scheme(tmp_path):
    """formats = ["pdf"]: no HTML profile, one PDF per area under its safe name (keys are
    data: "../x" cannot leave the folder), the index page links the PDFs."""
    import dataclasses

    from support.report import _fast

    from sozialraum import config as cfgmod
    from sozialraum.report.compute import compute
    from sozialraum.report.profiles import write_profiles

    cfg = _fast(cfgmod.demo_config(permutations=99))
    cfg = cfg.replace(profiles=dataclasses.replace(cfg.profiles, formats=("pdf",)))
    results = compute(cfg, progress=lambda *a, **k: None)
    base = next(iter(results.levels.values()))
    first = str(base.frame.index[0])
    for frame in (base.frame, base.map_frame):  # a hostile key
        frame.index = pd.Index(["../x" if str(k) == first else k for k in frame.index],
                               name=frame.index.name)
    drawn = {}

    def fake_pdf(cfg, results, key, geoms, path, charts):
        drawn[key] = (path, charts)
        path.write_bytes(b"%PDF-1.4\n")
        return path

    folder = tmp_path / "profile"
    written = write_profiles(cfg, results, folder, draw_pdf=fake_pdf)
    keys = [str(k) for k in base.frame.index]
    assert set(drawn) == set(keys) and len(written) == len(keys)
    assert all(p.suffix == ".pdf" and p.parent == folder for p in written)
    assert drawn["../x"][0] == folder / "x.pdf"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{s}.pdf" for s in safe_names(keys, reserved=("index",)).values()] + ["index.html"])
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="x.pdf"' in index and ".html\"" not in index
