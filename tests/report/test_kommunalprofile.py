"""Kommunalprofile: one HTML profile per municipality of a region (report/kommunalprofile.py)."""

import dataclasses
import json
import re
import shutil
from html import unescape
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

import sozialraum as sr
from sozialraum._text import format_number
from sozialraum.config.loading import loads
from sozialraum.config.template import TEMPLATE_DIR, demo_config
from sozialraum.report.compute import compute
from sozialraum.report.kommunalprofile import write_kommunalprofile

AGS = ["03199001", "03199002", "03199003", "03199004", "03199005", "03199006"]
HOSTILE = '<img src=x onerror=alert(1)> & "Ort" \'x\''


def _quiet(*args, **kwargs):
    pass


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    cfg = demo_config(region=True, permutations=99)
    results = compute(cfg, progress=_quiet)
    folder = tmp_path_factory.mktemp("kp") / "kommunalprofile"
    files = write_kommunalprofile(cfg, results, folder)
    return cfg, results, folder, files


def _text(path: Path) -> str:
    """The page as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _row(page: str, label: str) -> str:
    m = re.search(re.escape(label) + r" (.*?)(?= [A-ZÄÖÜ][a-zäöüß]| $)", page)
    return m.group(1) if m else ""


def test_one_profile_per_municipality_and_an_index(written):
    _, _, folder, files = written
    assert sorted(p.name for p in files) == [f"{a}.html" for a in AGS]
    index = (folder / "index.html").read_text(encoding="utf-8")
    for a in AGS:
        assert f'href="{a}.html"' in index
    assert "Kleinmusterhof (fiktiv)" in index


def test_profiles_are_small_and_self_contained(written):
    _, _, _, files = written
    for p in files:
        html = p.read_text(encoding="utf-8")
        assert p.stat().st_size < 300_000, p.name
        assert "<svg" in html and "http://" not in html.replace(
            'xmlns="http://www.w3.org/2000/svg"', "")
        assert "<script" not in html


def test_numbers_equal_a_hand_recomputation(written):
    _, results, folder, _ = written
    g = sr.datasets.musterkreis()
    g23 = sr.datasets.musterkreis(stichtag=2023)
    page = _text(folder / "03199006.html")
    mine = g[g["AGS"] == "03199006"]
    ew = int(mine["EW"].sum())
    assert ew == 5200
    assert f"Einwohnerinnen und Einwohner {format_number(ew, 0)}" in page
    share = 100 * ew / int(g["EW"].sum())
    assert f"Anteil an der Bevölkerung der Region {format_number(share, 1)} %" in page
    # SGB-II-Quote = SGB2 / EW_U65 from the summed counts (municipality, region, change)
    own = 100 * mine["SGB2"].sum() / mine["EW_U65"].sum()
    region = 100 * g["SGB2"].sum() / g["EW_U65"].sum()
    m23 = g23[g23["AGS"] == "03199006"]
    before = 100 * m23["SGB2"].sum() / m23["EW_U65"].sum()
    delta = round(round(own, 2) - round(region, 2), 1)
    change = round(round(own, 2) - round(before, 2), 1)
    expected = (f"SGB-II-Quote {format_number(own, 1)} % {format_number(region, 1)} % "
                f"{format_number(delta, 1)} {'+' if change > 0 else ''}"
                f"{format_number(change, 1)}")
    assert expected in page
    # age structure: share of the 65+ and the count of the under-6
    assert f"65 und älter {format_number(int(mine['EW_65U'].sum()), 0)} " \
        f"{format_number(100 * mine['EW_65U'].sum() / ew, 1)} %" in page
    # population-weighted mean of the published index values of its four Sozialräume
    frame = results.levels["sozialraeume"].frame
    part = frame[frame["AGS"] == "03199006"]
    hand = (part["einwohner"].astype(float) * part["index_wert"]).sum() / \
        part["einwohner"].astype(float).sum()
    assert len(part) == 4
    assert f"Bevölkerungsgewichtetes Mittel der Gemeinde {format_number(hand, 2)}" in page
    ok = frame["index_wert"].notna() & frame["einwohner"].notna()
    reg = (frame.loc[ok, "einwohner"].astype(float) * frame.loc[ok, "index_wert"]).sum() / \
        frame.loc[ok, "einwohner"].astype(float).sum()
    assert f"Bevölkerungsgewichtetes Mittel der Region {format_number(reg, 2)}" in page
    for key, r in part.iterrows():
        local = key.split("-")[1]
        assert f"{local} {r['name']} {format_number(r['einwohner'], 0)} " \
            f"{format_number(r['index_wert'], 2)} {int(r['index_rang'])}" in page
    assert "Bezugsrahmen: die ganze Region (6 Gemeinden)" in page


def test_suppressed_values_show_their_sign(written):
    _, _, folder, _ = written
    page = _text(folder / "03199001.html")
    # the industrial area (under 300 inhabitants, as delivered) is below the index
    # threshold: "(x)"
    ew = int(sr.datasets.musterkreis().at["03199001-0701", "EW"])
    assert ew < 300
    assert f"0701 Gewerbegebiet Hafenstraße {ew} (x) (x) (x)" in page
    assert "(x) = keine Angabe (zu wenige Einwohner" in page


def test_hostile_municipality_name_is_escaped(tmp_path):
    src = sr.datasets.get_path("musterkreis.gpkg")
    gpkg = tmp_path / "musterkreis.gpkg"
    for i, layer in enumerate(("sozialraeume", "gemeinden", "kreis")):
        frame = gpd.read_file(src, layer=layer)
        if layer == "gemeinden":
            frame.loc[frame["AGS"] == "03199006", "name"] = HOSTILE
        if layer == "sozialraeume":
            frame.loc[frame["SR_ID"] == "03199006-0101", "name"] = "<script>alert(2)</script>"
        frame.to_file(gpkg, layer=layer, driver="GPKG", mode="a" if i else "w")
    shutil.copy(sr.datasets.get_path("musterkreis_statistik.csv"), tmp_path)
    source = (TEMPLATE_DIR / "demo_region.toml").read_text(encoding="utf-8")
    cfg = loads(source, base=tmp_path, source="demo_region.toml")
    cfg = cfg.replace(hotspots=dataclasses.replace(cfg.hotspots, permutations=99))
    results = compute(cfg, progress=_quiet)
    out = tmp_path / "kommunalprofile"
    write_kommunalprofile(cfg, results, out)
    html = (out / "03199006.html").read_text(encoding="utf-8")
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Ort&quot; &#x27;x&#x27;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<img" not in index and "&lt;img" in index


def test_reference_and_cross_border_settings_reach_the_results():
    cfg = demo_config(region=True, permutations=99)
    cut = cfg.replace(weights=dataclasses.replace(cfg.weights, cross_border="cut"),
                      index_reference="municipality")
    results = compute(cut, progress=_quiet)
    assert "gekappt" in results.weights_text["de"]
    index = results.levels["sozialraeume"].index
    assert index.reference == "municipality"
    frame = results.levels["sozialraeume"].frame
    assert set(frame["index_bezug"]) == {"Gemeinde"}
    # ranks within each municipality: every municipality has its own rank 1
    ranks = frame.groupby("AGS")["index_rang"].min()
    assert (ranks == 1).all()
    # the Gemeinden themselves are compared region-wide
    assert set(results.levels["gemeinden"].frame["index_bezug"]) == {"Region"}
    graph = results.levels["sozialraeume"].graph
    mun = frame["AGS"]
    adj = graph.adjacency[graph.adjacency > 0]
    f, n = adj.index.get_level_values(0), adj.index.get_level_values(1)
    assert (mun.reindex(f).to_numpy() == mun.reindex(n).to_numpy()).all()


def test_config_refuses_reference_without_municipality():
    source = (TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8")
    source = source.replace('max_missing = 1\n', 'max_missing = 1\nreference = "municipality"\n', 1)
    base = sr.datasets.get_path("musterstadt.gpkg").parent
    with pytest.raises(sr.ConfigError) as info:
        loads(source, base=base, source="demo.toml")
    assert "[inputs] municipality" in info.value.message("de")


@pytest.mark.slow
def test_demo_region_bundle(tmp_path):
    from sozialraum.cli import main

    out = tmp_path / "region"
    assert main(["demo", "--region", "--out", str(out), "--permutations", "99", "--quiet"]) == 0
    names = sorted(p.name for p in (out / "kommunalprofile").iterdir())
    # the HTML page and, next to it, the PDF of every municipality
    assert names == sorted([f"{a}.html" for a in AGS] + [f"{a}.pdf" for a in AGS]
                           + ["index.html"])
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    assert "kommunalprofile/03199006.html" in manifest
    table = (out / "tabellen" / "sozialraeume.csv").read_text(encoding="utf-8-sig")
    assert table.splitlines()[0].split(";")[:3] == ["SR_ID", "name", "AGS"]
    assert "index_bezug" in table.splitlines()[0] and "03199006-0101;" in table
    methods = (out / "methodik.md").read_text(encoding="utf-8")
    assert "Bezugsrahmen: die ganze Region (6 Gemeinden)" in methods
    assert "Nachbarschaften über Gemeindegrenzen hinweg (6 Gemeinden) wurden beibehalten" in methods
    prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    text = json.dumps(prov)
    assert '"cross_border": "keep"' in text and '"municipality": "AGS"' in text


def _bar_counts(page_html: str) -> dict:
    return {m.group(1): m.group(2) for m in re.finditer(
        r'data-column="([^"]+)" data-count="([^"]+)"', page_html)}


def test_bar_chart_counts_by_age_sex_nationality_in_german_format(written):
    _, _, folder, _ = written
    g = sr.datasets.musterkreis()
    cols = [c for c in g.columns if re.fullmatch(r"EW_(U6|6_14|15_17|18_64|65U)_[MW]_N?DEU", c)]
    assert len(cols) == 20
    by_hand = g[cols].apply(pd.to_numeric).groupby(g["AGS"]).sum()
    for ags in by_hand.index:
        html = (folder / f"{ags}.html").read_text(encoding="utf-8")
        bars = _bar_counts(html)
        assert set(bars) == set(cols)
        for col in cols:
            assert bars[col] == format_number(by_hand.at[ags, col], 0), (ags, col)
        assert "Einwohnerinnen und Einwohner nach Altersgruppe, Geschlecht" in _text(
            folder / f"{ags}.html")
    # thousands separators: Musterstadt's 18-64 German men
    assert "." in _bar_counts((folder / "03199001.html").read_text("utf-8"))["EW_18_64_M_DEU"]


def _one_withheld():
    """Counts of one municipality and the region with one cell withheld (secondary)."""
    cols = {f"EW_{a}_{s}_{n}": 100 + i for i, (a, s, n) in enumerate(
        (a, s, n) for a in ("U6", "6_14", "15_17", "18_64", "65U") for s in "MW"
        for n in ("DEU", "NDEU"))}
    counts = pd.DataFrame([cols, {c: 10 * v for c, v in cols.items()}],
                          index=["03199006", "__region__"]).astype("Int64")
    counts.loc["03199006", "EW_15_17_W_NDEU"] = pd.NA
    counts["EW_15_17_W_NDEU__reason"] = pd.Series(
        ["suppressed_secondary", None], index=counts.index, dtype=object)
    return counts


def test_a_withheld_bar_is_drawn_as_withheld_and_named():
    from sozialraum.report.kommunalprofile import _bars_svg, bar_cells, withheld_text

    counts = _one_withheld()
    svg = _bars_svg(counts, "03199006", "de")
    group = re.search(r'<g data-column="EW_15_17_W_NDEU" data-count="x">(.*?)</g>', svg).group(1)
    assert "<rect" not in group and ">x</text>" in group  # its sign, no bar of 0
    assert len(re.findall(r"<rect[^>]+height=\"9\"", svg)) == 19
    assert 'data-count="104"' in svg  # a shown count, as a number
    note = withheld_text(bar_cells(counts, "03199006", "de"), "de")
    assert note == "Nicht veröffentlicht (kein Balken, Zeichen statt Zahl): " \
        "15 bis 17 · weiblich · nichtdeutsch (x)."
    shown = counts.drop(columns="EW_15_17_W_NDEU__reason").fillna(1)
    assert withheld_text(bar_cells(shown, "03199006", "de"), "de") is None


def test_pdf_bars_leave_a_withheld_cell_out():
    import matplotlib.pyplot as plt

    from sozialraum.report.kommunalprofile import bar_cells
    from sozialraum.report.kommunalprofile_pdf import _bars

    counts = _one_withheld()
    fig, ax = plt.subplots()
    try:
        _bars(ax, bar_cells(counts, "03199006", "de"), ["a", "b", "c", "d", "e"], "de")
        gids = [a.get_gid() for a in ax.get_children() if a.get_gid()]
        patches = [p.get_gid() for p in ax.patches]
        assert "bar:EW_15_17_W_NDEU" not in patches and len(patches) == 19
        assert "sign:EW_15_17_W_NDEU" in gids
        labels = [t.get_text() for t in ax.texts]
        assert "x" in labels and "0" not in labels and "119" in labels
    finally:
        plt.close(fig)
