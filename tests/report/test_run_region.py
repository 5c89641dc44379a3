"""The region demo bundle (`sozialraum demo --region`): thematic indices, Handlungsbedarf,
subgroup tables and PDF Kommunalprofile, checked on the written files."""

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from scipy.optimize import linprog

import sozialraum as sr
from sozialraum._text import text
from sozialraum.report.compute import compute
from sozialraum.report.kommunalprofile import PYRAMID, region_numbers

AGS = ["03199001", "03199002", "03199003", "03199004", "03199005", "03199006"]
AGES = ["U6", "6_14", "15_17", "18_64", "65U"]
AGE_KEYS = ["sub.age_u6", "sub.age_6_14", "sub.age_15_17", "sub.age_18_64", "sub.age_65"]
SEXES = [("M", "sub.male"), ("W", "sub.female")]
NATS = [("DEU", "sub.german"), ("NDEU", "sub.non_german")]
#: the documented Handlungsbedarf matrix (docs/workflow.md), written out here
MATRIX = {
    "hoch": {"positiv": "gering", "stabil": "gering", "negativ": "gering"},
    "mittel": {"positiv": "gering", "stabil": "gering", "negativ": "mittel"},
    "niedrig": {"positiv": "mittel", "stabil": "hoch", "negativ": "hoch"},
    "sehr niedrig": {"positiv": "hoch", "stabil": "hoch", "negativ": "hoch"},
}


@pytest.fixture
def bundle(region_bundle):
    """The region demo bundle (tests/report/conftest.py), built once per session."""
    return region_bundle


def _table(bundle, level="sozialraeume") -> pd.DataFrame:
    path = Path(bundle[1].path) / "tabellen" / f"{level}.csv"
    key = "SR_ID" if level == "sozialraeume" else "AGS"
    return pd.read_csv(path, sep=";", decimal=",", dtype={key: str, "AGS": str},
                       encoding="utf-8-sig").set_index(key)


def test_three_sub_index_maps_the_overall_index_and_the_handlungsbedarf_map(bundle):
    files = set(bundle[1].files)
    for level in ("sozialraeume", "gemeinden"):
        for name in ("alterung", "integration", "soziooekonomie", "gesamt"):
            assert f"karten/{level}_{name}_wert.png" in files
            assert f"karten/{level}_{name}_klasse.png" in files
        assert f"karten/{level}_handlungsbedarf.png" in files
    methods = (Path(bundle[1].path) / "methodik.md").read_text(encoding="utf-8")
    for title in ("Alterung", "Integration", "Sozioökonomische Lage", "Gesamtindex", "Dynamik"):
        assert title in methods
    assert "31.12.2023" in methods and "Handlungsbedarf" in methods


def test_overall_index_is_the_sum_of_the_sub_index_z_scores(bundle):
    d = _table(bundle)
    subs = ["alterung_wert", "integration_wert", "soziooekonomie_wert"]
    ok = d[subs].notna().all(axis=1)
    assert ok.sum() >= 85 and d.loc[~ok, "gesamt_wert"].isna().all()
    x = d.loc[ok, subs]
    # by hand: population SD, every sub-index (higher = better) z-standardised, summed
    z = (x - x.mean()) / x.std(ddof=0)
    points = z.sum(axis=1)
    for key in ("03199001-0101", "03199003-0201"):
        assert d.at[key, "gesamt_wert"] == pytest.approx(points[key], abs=0.005)
    assert np.abs(points - d.loc[ok, "gesamt_wert"]).max() < 0.005
    # five classes by standard deviations of the points (±0,5, ±1,5), positive = better
    s = d.loc[ok, "gesamt_wert"]
    zz = (s - s.mean()) / s.std(ddof=0)
    names = ["weit unterdurchschnittlich", "unterdurchschnittlich", "durchschnittlich",
             "überdurchschnittlich", "weit überdurchschnittlich"]
    expected = pd.cut(zz, [-np.inf, -1.5, -0.5, 0.5, 1.5, np.inf], labels=names)
    clear = (np.abs(np.abs(zz) - 0.5) > 0.01) & (np.abs(np.abs(zz) - 1.5) > 0.01)
    assert (d.loc[ok & clear, "gesamt_klasse"] == expected[clear].astype(str)).all()
    spec = next(s for n, s, _ in bundle[0].extra_indices if n == "gesamt")
    assert spec.classes.n_classes == 5
    assert d.at["03199001-0101", "gesamt_wert"] < 0  # the designed hotspot: below average


def test_handlungsbedarf_follows_the_matrix(bundle):
    d = _table(bundle)
    both = d["index_klasse"].notna() & d["dynamik_klasse"].notna()
    assert both.sum() >= 85
    for key, row in d[both].iterrows():
        assert row["handlungsbedarf"] == MATRIX[row["index_klasse"]][row["dynamik_klasse"]], key
    assert d.loc[~both, "handlungsbedarf"].isna().all()
    assert set(d["handlungsbedarf"].dropna()) == {"gering", "mittel", "hoch"}


def test_dynamics_is_the_mss_dynamics_of_the_changes_between_the_stichtage(bundle):
    """Recompute the dynamics index from the two Stichtage's published rates by hand."""
    cfg = bundle[0]
    d = _table(bundle)
    before = sr.datasets.musterkreis(level="sozialraeume", stichtag="31.12.2023")
    after = sr.datasets.musterkreis(level="sozialraeume", stichtag="31.12.2024")
    rate = {  # S1, S3, S4 as the demo defines them (numerator / denominator x 100)
        c: next(i for i in cfg.indicators if i.code == c) for c in ("S1", "S3", "S4")}
    changes = pd.DataFrame(index=d.index)
    for c, ind in rate.items():
        num = lambda f, ind=ind: sum(pd.to_numeric(f[n]) for n in ind.numerator_columns)  # noqa: E731
        den = lambda f, ind=ind: sum(pd.to_numeric(f[n]) for n in ind.denominator_columns)  # noqa: E731
        a = (num(after) / den(after) * ind.scale).reindex(d.index)
        b = (num(before) / den(before) * ind.scale).reindex(d.index)
        changes[c] = a.round(2) - b.round(2)
    ok = d["dynamik_wert"].notna()
    z = (changes[ok] - changes[ok].mean()) / changes[ok].std(ddof=0)
    by_hand = z.mean(axis=1)  # MSS: mean of the z-scores (higher = worsening)
    corr = np.corrcoef(by_hand, d.loc[ok, "dynamik_wert"])[0, 1]
    assert corr > 0.99


def _xlsx_levels(path):
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        rows = {}
        for r in range(2, ws.max_row + 1):
            key, grouping, group, n, share = (ws.cell(r, c) for c in range(1, 6))
            if grouping.value is None:
                break
            rows[(str(key.value), grouping.value, group.value)] = (n, share)
        out[ws.title] = rows
    return out


def test_untergruppen_xlsx_has_number_formats_and_signs(bundle):
    path = Path(bundle[1].path) / "tabellen" / "untergruppen.xlsx"
    levels = _xlsx_levels(path)
    assert list(levels) == ["SR_ID", "AGS", "Stadt"]
    n_x = 0
    for rows in levels.values():
        for n, share in rows.values():
            if isinstance(n.value, str):
                assert n.value == "x"
                n_x += 1
            else:
                assert n.number_format == "#,##0" and isinstance(n.value, int)
            if not isinstance(share.value, str):
                assert share.number_format == "0.0"
    assert n_x >= 20
    ew = sr.datasets.musterkreis(level="sozialraeume", stichtag="31.12.2024")
    cell = levels["SR_ID"][("03199001-0101", text("sub.grouping.age_sex_nat"),
                            " · ".join(text(k) for k in ("sub.age_18_64", "sub.male",
                                                         "sub.german")))][0].value
    assert cell == int(ew.at["03199001-0101", "EW_18_64_M_DEU"])


def _attack(levels) -> dict:
    """Min and max of every withheld count given every published count of the XLSX and all
    relations a reader knows (margins, cross sums, Sozialraum -> Gemeinde -> region)."""
    cells = {}
    for lv, rows in levels.items():
        for (key, _grouping, group), (n, _) in rows.items():
            label = "EW" if group == text("sub.total") else group
            cells.setdefault((lv, key, label), n.value)
    var = {c: i for i, c in enumerate(cells)}
    a_eq = []

    def eq(total, parts):
        row = np.zeros(len(var))
        row[var[total]] = 1.0
        for p in parts:
            row[var[p]] -= 1.0
        a_eq.append(row)

    t = text
    cell3 = {(a, s, n): " · ".join((t(ak), t(sk), t(nk)))
             for a, ak in zip(AGES, AGE_KEYS, strict=True) for s, sk in SEXES for n, nk in NATS}
    cell2 = {(a, s): " · ".join((t(ak), t(sk)))
             for a, ak in zip(AGES, AGE_KEYS, strict=True) for s, sk in SEXES}
    keys = {lv: sorted({k for (l2, k, _) in cells if l2 == lv}) for lv in levels}
    for lv in levels:
        for k in keys[lv]:
            c = lambda label, lv=lv, k=k: (lv, k, label)  # noqa: E731
            eq(c("EW"), [c(v) for v in cell3.values()])
            eq(c("EW"), [c(v) for v in cell2.values()])
            for (a, s), label in cell2.items():
                eq(c(label), [c(cell3[(a, s, n)]) for n, _ in NATS])
            for s, sk in SEXES:
                eq(c(t(sk)), [c(cell2[(a, s)]) for a in AGES])
            for n, nk in NATS:
                eq(c(t(nk)), [c(cell3[(a, s, n)]) for a in AGES for s, _ in SEXES])
            for a, ak in zip(AGES, AGE_KEYS, strict=True):
                eq(c(t(ak)), [c(cell2[(a, s)]) for s, _ in SEXES])
    labels = {lab for (_, _, lab) in cells}
    for lab in labels:
        for g in keys["AGS"]:
            eq(("AGS", g, lab), [("SR_ID", k, lab) for k in keys["SR_ID"] if k.startswith(g)])
        city = keys["Stadt"][0]
        eq(("Stadt", city, lab), [("AGS", g, lab) for g in keys["AGS"]])
    bounds = [(0, None)] * len(var)
    hidden = []
    for c, i in var.items():
        if isinstance(cells[c], str):
            hidden.append(c)
        else:
            bounds[i] = (float(cells[c]), float(cells[c]))
    a = np.array(a_eq)
    b = np.zeros(len(a_eq))
    out = {}
    for h in hidden:
        obj = np.zeros(len(var))
        obj[var[h]] = 1.0
        lo = linprog(obj, A_eq=a, b_eq=b, bounds=bounds, method="highs")
        hi = linprog(-obj, A_eq=a, b_eq=b, bounds=bounds, method="highs")
        assert lo.status == 0 and hi.status == 0
        out[h] = (lo.fun, -hi.fun)
    return out


def test_no_withheld_subgroup_cell_follows_from_the_published_ones(bundle):
    levels = _xlsx_levels(Path(bundle[1].path) / "tabellen" / "untergruppen.xlsx")
    ranges = _attack(levels)
    assert len(ranges) >= 20
    for cell, (lo, hi) in ranges.items():
        assert hi - lo > 0.5, (cell, lo, hi)
    # the programme describes the real table: the true count lies in its range
    truth = sr.datasets.musterkreis(level="sozialraeume", stichtag="31.12.2024")
    label = " · ".join(text(k) for k in ("sub.age_u6", "sub.male", "sub.non_german"))
    for (lv, k, lab), (lo, hi) in ranges.items():
        if lv == "SR_ID" and lab == label:
            assert lo - 1e-6 <= truth.at[k, "EW_U6_M_NDEU"] <= hi + 1e-6


def test_pyramid_shows_the_published_subgroup_cells(bundle):
    """The Kommunalprofil's pyramid cells are the cells untergruppen.xlsx publishes."""
    cfg = bundle[0]
    results = compute(cfg, progress=lambda *a, **k: None)
    counts = region_numbers(cfg, results)["counts"]
    levels = _xlsx_levels(Path(bundle[1].path) / "tabellen" / "untergruppen.xlsx")
    ags = sorted({k for (k, _, _) in levels["AGS"]})
    assert ags == sorted(sr.datasets.musterkreis(level="gemeinden").index)
    grouping = text("sub.grouping.age_sex")
    compared = 0
    for g in ags:
        for a, ak in zip(AGES, AGE_KEYS, strict=True):
            for s, sk in SEXES:
                theirs = levels["AGS"][(g, grouping, f"{text(ak)} · {text(sk)}")][0].value
                mine = counts.at[g, PYRAMID[(a, s)]]
                if isinstance(theirs, str):
                    assert pd.isna(mine)
                else:
                    assert int(mine) == theirs
                compared += 1
    assert compared == len(ags) * len(AGES) * len(SEXES)
