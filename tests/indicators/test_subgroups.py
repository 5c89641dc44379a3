"""Subgroup tables: suppression on every subgroup cell and margin; an attacker cannot recover
a suppressed cell from the published cells, the margins and the hierarchy (scipy linprog)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

import sozialraum as sr
from sozialraum.errors import ConfigError
from sozialraum.indicators.subgroups import musterstadt_subgroups, subgroup_table

GROUPS = {
    "Geschlecht": {"männlich": "EW_M", "weiblich": "EW_W"},
    "Staatsangehörigkeit": {"deutsch": "EW_DEU", "nichtdeutsch": "EW_NDEU"},
    "Alter": {"unter 18": "EW_U18", "18 bis 64": "EW_18_64", "65 und älter": "EW_65U"},
}


def small_city() -> pd.DataFrame:
    """Six areas in two Stadtteile with small cells (1, 2) in several groupings."""
    rows = {
        "0101": (400, 198, 202, 398, 2, 80, 250, 70),
        "0102": (350, 170, 180, 300, 50, 1, 290, 59),
        "0103": (500, 260, 240, 450, 50, 100, 300, 100),
        "0201": (320, 160, 160, 319, 1, 60, 200, 60),
        "0202": (280, 140, 140, 250, 30, 50, 228, 2),
        "0203": (610, 300, 310, 560, 50, 120, 390, 100),
    }
    cols = ["EW", "EW_M", "EW_W", "EW_DEU", "EW_NDEU", "EW_U18", "EW_18_64", "EW_65U"]
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=cols)
    frame.index.name = "SR_NR"
    frame.insert(0, "ST_NR", [k[:2] for k in frame.index])
    return frame


def test_small_cells_and_their_partners_are_suppressed():
    counts = small_city()
    before = counts.copy()
    t = subgroup_table(counts, GROUPS, hierarchy=["ST_NR"])
    pd.testing.assert_frame_equal(counts, before)
    long = t.to_frame()
    cell = long.set_index(["SR_NR", "gruppe"])
    # primary: 2 non-German in 0101, 1 under-18 in 0102, 1 non-German in 0201, 2 65+ in 0202
    for key, group in [("0101", "nichtdeutsch"), ("0102", "unter 18"),
                       ("0201", "nichtdeutsch"), ("0202", "65 und älter")]:
        assert pd.isna(cell.loc[(key, group), "anzahl"])
        assert cell.loc[(key, group), "grund"] == "suppressed"
        assert pd.isna(cell.loc[(key, group), "anteil"])
    # the partner in the same grouping cannot stay (EW is published: EW - EW_DEU = EW_NDEU)
    assert pd.isna(cell.loc[("0101", "deutsch"), "anzahl"])
    # published cells keep their values and shares from published counts
    assert cell.loc[("0103", "männlich"), "anzahl"] == 260
    assert cell.loc[("0103", "männlich"), "anteil"] == pytest.approx(52.0)
    assert t.suppression.n_primary == 4 and t.suppression.n_secondary >= 4


def _attack(t, tables=None) -> dict:
    """Min and max of every suppressed cell given everything published (linear programme)."""
    levels = t.levels
    cols = list(t.suppression.columns)
    tables = tables or {lv: t.suppression.to_frame(lv) for lv in levels}
    var = {}
    for lv in levels:
        for k in tables[lv].index:
            for c in cols:
                var[(lv, k, c)] = len(var)
    a_eq, b_eq = [], []

    def equation(terms):
        row = np.zeros(len(var))
        for v, coef in terms:
            row[var[v]] += coef
        a_eq.append(row)
        b_eq.append(0.0)

    relations = [("EW", list(parts.values())) for parts in GROUPS.values()]
    for lv in levels:
        for k in tables[lv].index:
            for total, parts in relations:  # row margins
                equation([((lv, k, total), 1.0)] + [((lv, k, p), -1.0) for p in parts])
    base = tables[levels[0]]
    for c in cols:  # hierarchy margins: Stadtteil = sum of its areas, city = sum of all
        for st, members in base.groupby("ST_NR").groups.items():
            equation([((levels[1], st, c), 1.0)] + [((levels[0], m, c), -1.0) for m in members])
        city = tables[levels[-1]].index[0]
        equation([((levels[-1], city, c), 1.0)] + [((levels[0], m, c), -1.0)
                                                   for m in base.index])
    bounds = [(0, None)] * len(var)
    hidden = []
    for (lv, k, c), i in var.items():
        value = tables[lv].at[k, c]
        if pd.isna(value):
            hidden.append((lv, k, c))
        else:
            bounds[i] = (float(value), float(value))
    out = {}
    for h in hidden:
        obj = np.zeros(len(var))
        obj[var[h]] = 1.0
        lo = linprog(obj, A_eq=np.array(a_eq), b_eq=b_eq, bounds=bounds, method="highs")
        hi = linprog(-obj, A_eq=np.array(a_eq), b_eq=b_eq, bounds=bounds, method="highs")
        assert lo.status == 0 and hi.status == 0
        out[h] = (lo.fun, -hi.fun)
    return out


def test_an_attacker_cannot_recover_any_suppressed_cell():
    t = subgroup_table(small_city(), GROUPS, hierarchy=["ST_NR"])
    ranges = _attack(t)
    assert len(ranges) >= 8
    for cell, (lo, hi) in ranges.items():
        assert hi - lo > 0.5, (cell, lo, hi)
    # the true values lie in the ranges (the programme describes the real table)
    truth = small_city()
    for (lv, k, c), (lo, hi) in ranges.items():
        if lv == "SR_NR":
            assert lo - 1e-6 <= truth.at[k, c] <= hi + 1e-6


def test_without_secondary_suppression_the_attacker_would_win():
    """The attack is real: hiding only the small cells (no secondary suppression) fails."""
    counts = small_city()
    t = subgroup_table(counts, GROUPS, hierarchy=["ST_NR"],
                       policy=sr.ConfidentialityPolicy(enabled=False))
    tables = {lv: t.suppression.to_frame(lv) for lv in t.levels}
    for k, c in [("0101", "EW_NDEU"), ("0102", "EW_U18"), ("0201", "EW_NDEU"),
                 ("0202", "EW_65U")]:
        tables["SR_NR"].loc[k, c] = pd.NA
    ranges = _attack(t, tables)
    assert ranges[("SR_NR", "0101", "EW_NDEU")] == pytest.approx((2.0, 2.0))
    assert all(hi - lo < 1e-6 for lo, hi in ranges.values())


def test_groupings_must_split_the_total():
    counts = small_city()
    counts.loc["0103", "EW_W"] = 241
    with pytest.raises(ConfigError, match="0103"):
        subgroup_table(counts, GROUPS)
    with pytest.raises(ConfigError) as info:
        subgroup_table(counts, {})
    assert info.value.message("de") == ("subgroup_table: mindestens eine Gruppierung angeben, "
                                         "als Wörterbuch Gruppierung -> Gruppe -> Zählspalte.")


def test_demo_city_groupings_in_both_languages():
    g = sr.datasets.musterstadt(stichtag="31.12.2024")
    t = subgroup_table(g, musterstadt_subgroups("en"))
    frame = t.to_frame(lang="en")
    assert set(frame["gruppierung"]) == {"Sex", "Nationality", "Age"}
    one = frame[(frame["SR_NR"] == "0101") & (frame["gruppierung"] == "Sex")]
    assert one.set_index("gruppe")["anzahl"].to_dict() == {
        "total": int(g.at["0101", "EW"]), "male": int(g.at["0101", "EW_M"]),
        "female": int(g.at["0101", "EW_W"])}
