"""Tests of :mod:`sozialraum.indicators.confidentiality`.

Confidentiality: primary and secondary suppression, checked by an independent attacker.

The attacker below knows only the *published* tables, the hierarchy and the
row relations, and tries to recover every suppressed cell by (1) a single
equation with one unknown, (2) peeling (substituting what it recovered and
trying again), (3) sums and differences of any two equations, (4) full linear
algebra (rank test with numpy.linalg.matrix_rank) and (5) linear programming
with non-negativity (scipy.optimize.linprog: min == max means disclosure).
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog
from support.attacker import hidden_system

import sozialraum as sr
from sozialraum.errors import ColumnError, ConfigError, InputError
from sozialraum.indicators import MUSTERSTADT_CONSTRAINTS, ConfidentialityPolicy, suppress
from sozialraum.io.cells import REASON_DTYPE, Reason, reason_column


def published_equations(pub, hierarchy, constraints):
    """Equations sum(coef * cell) = 0 between published cells, from the published tables only.

    Cells are (level, key, column); returns (cells, equations, known values).
    """
    levels = pub.levels
    base = pub.to_frame()
    cols = list(pub.columns)
    known, cells = {}, []
    for lev in levels:
        t = pub.to_frame(lev)
        for k in t.index:
            for c in cols:
                cell = (lev, str(k), c)
                cells.append(cell)
                v = t.loc[k, c]
                if not pd.isna(v):
                    known[cell] = float(v)
    eqs = []
    # hierarchy: parent at level i+1 = sum of children at level i (children read from the base
    # table's key columns)
    chain = [levels[0], *hierarchy]
    for i in range(1, len(levels)):
        lev, child_lev = levels[i], levels[i - 1]
        if lev == "Stadt":
            children = pub.to_frame(child_lev).index
            groups = {"Stadt": [str(k) for k in children]}
        else:
            parent_col = chain[i]
            if i == 1:
                groups = base.groupby(parent_col).groups
                groups = {str(p): [str(k) for k in ks] for p, ks in groups.items()}
            else:
                pairs = base[[chain[i - 1], parent_col]].drop_duplicates()
                groups = {str(p): [str(x) for x in sub[chain[i - 1]]]
                          for p, sub in pairs.groupby(parent_col)}
        for p, kids in groups.items():
            for c in cols:
                eqs.append({(lev, p, c): 1.0, **{(child_lev, k, c): -1.0 for k in kids}})
    for total, parts in constraints:
        if total not in cols or any(p not in cols for p in parts):
            continue
        for lev in levels:
            for k in pub.to_frame(lev).index:
                eq = {(lev, str(k), total): 1.0}
                for p in parts:
                    eq[(lev, str(k), p)] = eq.get((lev, str(k), p), 0.0) - 1.0
                eqs.append(eq)
    return cells, eqs, known


def attack(pub, hierarchy=(), constraints=(), use_lp=True):
    """Return the set of suppressed cells the attacker can recover (should be empty)."""
    cells, eqs, known = published_equations(pub, hierarchy, constraints)
    hidden = [c for c in cells if c not in known]
    recovered = set()
    # (1) + (2): single equations and peeling
    values = dict(known)
    changed = True
    while changed:
        changed = False
        for eq in eqs:
            unknown = [c for c in eq if c not in values]
            if len(unknown) == 1:
                u = unknown[0]
                rest = sum(k * values[c] for c, k in eq.items() if c != u)
                values[u] = -rest / eq[u]
                recovered.add(u)
                changed = True
    # (3) sums and differences of two equations
    for a, b in itertools.combinations(eqs, 2):
        for sign in (1.0, -1.0):
            comb = dict(a)
            for c, k in b.items():
                comb[c] = comb.get(c, 0.0) + sign * k
            unknown = [c for c, k in comb.items() if abs(k) > 1e-12 and c not in known]
            if len(unknown) == 1:
                recovered.add(unknown[0])
    # (4) linear algebra: e_j in the row space of the equations restricted to hidden cells
    if hidden:
        pos = {c: i for i, c in enumerate(hidden)}
        rows = []
        for eq in eqs:
            r = np.zeros(len(hidden))
            for c, k in eq.items():
                if c in pos:
                    r[pos[c]] += k
            if r.any():
                rows.append(r)
        if rows:
            a = np.array(rows)
            rank = np.linalg.matrix_rank(a)
            for c, i in pos.items():
                e = np.zeros(len(hidden))
                e[i] = 1.0
                if np.linalg.matrix_rank(np.vstack([a, e])) == rank:
                    recovered.add(c)
    # (5) LP with non-negativity
    if use_lp and hidden:
        pos, a_eq, b_eq = hidden_system(eqs, known, hidden)
        if a_eq:
            for c, i in pos.items():
                obj = np.zeros(len(hidden))
                obj[i] = 1.0
                lo = linprog(obj, A_eq=np.array(a_eq), b_eq=np.array(b_eq), bounds=(0, None))
                hi = linprog(-obj, A_eq=np.array(a_eq), b_eq=np.array(b_eq), bounds=(0, None))
                assert lo.status == 0 and hi.status == 0
                if abs(lo.fun + hi.fun) < 1e-6:  # min == max
                    recovered.add(c)
    return recovered


def frame(data, keys, **cols):
    return pd.DataFrame(cols | data, index=pd.Index(keys, name="SR_NR"))


def test_policy_defaults_and_description():
    p = ConfidentialityPolicy()
    assert (p.min_count, p.min_population, p.round_to, p.enabled) == (3, 300, None, True)
    assert "1 bis 2" in p.description()
    assert "300" in p.description()
    assert "1 to 2" in p.description("en")
    assert "Vielfache von 5" in ConfidentialityPolicy(round_to=5).description()
    assert "keine Regeln" in ConfidentialityPolicy.disabled().description()
    with pytest.raises(ConfigError, match="min_count"):
        ConfidentialityPolicy(min_count=0)
    with pytest.raises(ConfigError, match="round_to"):
        ConfidentialityPolicy(round_to=0)


def test_primary_counts_one_and_two_zero_shown():
    t = frame({"X": [0, 1, 2, 3, 50]}, ["a", "b", "c", "d", "e"])
    pub = suppress(t, city_total=False)
    out = pub.to_frame()
    assert out["X"].tolist()[0] == 0 and out["X"].tolist()[3:] == [3, 50]
    assert out["X"].isna().tolist() == [False, True, True, False, False]
    assert out["X__reason"].tolist()[1:3] == ["suppressed", "suppressed"]
    assert pub.n_primary == 2 and pub.n_secondary == 0


def test_docstring_case_parent_minus_child():
    t = frame({"ST_NR": ["01", "01", "02"], "ALO": [2, 40, 17]}, ["0101", "0102", "0201"])
    pub = suppress(t, hierarchy=["ST_NR"])
    out = pub.to_frame()
    assert out["ALO"].isna().tolist() == [True, True, False]
    assert out["ALO__reason"].tolist()[:2] == ["suppressed", "suppressed_secondary"]
    # published totals: ST 01 = 42, ST 02 = 17, city = 59: 42 - 40 would have revealed 2
    assert pub.to_frame("ST_NR")["ALO"].tolist() == [42, 17]
    assert attack(pub, ["ST_NR"]) == set()


def test_city_total_makes_secondary_necessary_across_parents():
    # ST 02 has a single Sozialraum: its total equals the child, so it must be hidden too;
    # then the city total minus ST 01 would reveal it unless another cell is hidden.
    t = frame({"ST_NR": ["01", "01", "02"], "X": [30, 40, 2]}, ["0101", "0102", "0201"])
    pub = suppress(t, hierarchy=["ST_NR"])
    assert pub.to_frame("ST_NR")["X"].isna().tolist() == [True, True]
    assert attack(pub, ["ST_NR"]) == set()


def test_positive_complement_preferred_to_zero():
    # hiding the 0 next to the 2 would publish a + 0 = 2: the attacker learns a = 2
    t = frame({"T": [2 + 0 + 9 + 20], "A": [2], "B": [0], "C": [9], "D": [20]}, ["a"])
    pub = suppress(t, constraints=[("T", ("A", "B", "C", "D"))], city_total=False)
    out = pub.to_frame()
    assert out.loc["a", "B"] == 0  # the zero stays published
    assert pd.isna(out.loc["a", "C"])  # the smallest positive cell is the complement
    assert attack(pub, (), [("T", ("A", "B", "C", "D"))]) == set()


def test_row_and_hierarchy_constraints_with_bridge():
    """Two parents, row relation T = M + W, small cells in one row: needs the LA audit."""
    t = frame({"ST_NR": ["01", "01", "02", "02"],
               "T": [12, 140, 60, 75], "M": [1, 70, 30, 40], "W": [11, 70, 30, 35]},
              ["0101", "0102", "0201", "0202"])
    cons = [("T", ("M", "W"))]
    pub = suppress(t, hierarchy=["ST_NR"], constraints=cons)
    assert attack(pub, ["ST_NR"], cons) == set()
    assert pub.to_frame()["M"].isna().loc["0101"]


def test_given_secret_cells_are_protected_and_kept():
    t = frame({"ST_NR": ["01", "01", "01"], "X": [pd.NA, 50, 60]}, ["a", "b", "c"])
    t["X"] = t["X"].astype("Int64")
    t["X__reason"] = pd.Categorical([Reason.SECRET.value, None, None], dtype=REASON_DTYPE)
    before = t.copy()
    pub = suppress(t, hierarchy=["ST_NR"])
    out = pub.to_frame()
    assert out["X__reason"].tolist()[0] == "secret"
    # the parent total is unknown (a child is secret): it cannot be published
    assert pub.to_frame("ST_NR")["X"].isna().all()
    pd.testing.assert_frame_equal(t, before)  # input not modified


def test_rounding_to_five():
    t = frame({"X": [0, 3, 7, 12, 2]}, list("abcde"))
    out = suppress(t, ConfidentialityPolicy(round_to=5), city_total=False).to_frame()
    assert out["X"].tolist()[:4] == [0, 5, 5, 10]
    assert pd.isna(out.loc["e", "X"])


def test_float_counts_are_not_skipped_but_decimals_are():
    t = frame({"X": [1.0, 5.0, 7.0], "AREA": [1.5, 2.25, 1.0]}, ["a", "b", "c"])
    pub = suppress(t, city_total=False)
    assert pub.columns == ("X",)
    assert np.isnan(pub.to_frame().loc["a", "X"])
    assert pub.to_frame()["AREA"].tolist() == [1.5, 2.25, 1.0]  # passed through unchanged
    with pytest.raises(ColumnError, match="no count columns"):
        suppress(t[["AREA"]], city_total=False)


def test_disabled_policy_publishes_everything():
    t = frame({"ST_NR": ["01", "01"], "X": [1, 2]}, ["a", "b"])
    pub = suppress(t, ConfidentialityPolicy.disabled(), hierarchy=["ST_NR"])
    assert pub.to_frame()["X"].tolist() == [1, 2]
    assert pub.n_primary == 0


def test_errors_name_columns_and_values():
    t = frame({"ST_NR": ["01", "02"], "X": [5, -1]}, ["a", "b"])
    with pytest.raises(InputError, match="negative"):
        suppress(t, hierarchy=["ST_NR"])
    with pytest.raises(ColumnError, match="'NOPE'"):
        suppress(t, columns=["NOPE"])
    with pytest.raises(ColumnError, match="hierarchy column 'SB'"):
        suppress(t.assign(X=[5, 1]), hierarchy=["ST_NR", "SB"])
    bad = frame({"ST_NR": ["01", "01", "02"], "SB": ["1", "2", "2"], "X": [5, 6, 7]},
                ["a", "b", "c"])
    with pytest.raises(ConfigError, match="not nested"):
        suppress(bad, hierarchy=["ST_NR", "SB"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(1, 4), min_size=2, max_size=4),  # children per parent
    st.integers(0, 10_000),
)
def test_random_adversarial_tables_are_safe(children, seed):
    """Random hierarchies with many small cells, a row relation and a city total."""
    rng = np.random.default_rng(seed)
    keys, parents = [], []
    for p, n in enumerate(children):
        for c in range(n):
            keys.append(f"{p + 1:02d}{c + 1:02d}")
            parents.append(f"{p + 1:02d}")
    n = len(keys)
    m = rng.choice([0, 1, 2, 3, 5, 8, 20], size=n)
    w = rng.choice([0, 1, 2, 4, 7, 30], size=n)
    extra = rng.choice([0, 1, 2, 6, 11], size=n)
    t = pd.DataFrame({"ST_NR": parents, "SB_NR": ["1" if int(p) <= 2 else "2" for p in parents],
                      "M": m, "W": w, "E": extra, "T": m + w},
                     index=pd.Index(keys, name="SR_NR"))
    cons = [("T", ("M", "W"))]
    pub = suppress(t, hierarchy=["ST_NR", "SB_NR"], constraints=cons)
    assert attack(pub, ["ST_NR", "SB_NR"], cons, use_lp=False) == set()
    # every cell with 1 or 2 at any level is hidden
    for lev in pub.levels:
        cols = ["M", "W", "E", "T"]
        if lev == "SR_NR":
            full = t[cols]
        elif lev == "Stadt":
            full = t[cols].sum().to_frame().T
        else:
            full = t.groupby(lev)[cols].sum()
        published = pub.to_frame(lev)[["M", "W", "E", "T"]].to_numpy(dtype=float, na_value=np.nan)
        small = (full.to_numpy() >= 1) & (full.to_numpy() <= 2)
        assert np.isnan(published[small]).all()


@pytest.mark.parametrize("stichtag", ["31.12.2019", "31.12.2020", "31.12.2021", "31.12.2022",
                                      "31.12.2023"])
def test_demo_city_every_stichtag_safe(stichtag):
    g = sr.datasets.musterstadt(stichtag=stichtag)
    pub = suppress(g, hierarchy=["ST_NR", "SB_NR"], constraints=MUSTERSTADT_CONSTRAINTS)
    assert attack(pub, ["ST_NR", "SB_NR"], MUSTERSTADT_CONSTRAINTS) == set()


def test_demo_city_no_suppressed_value_recoverable(demo_counts):
    before = demo_counts.copy()
    pub = suppress(demo_counts, hierarchy=["ST_NR", "SB_NR"], constraints=MUSTERSTADT_CONSTRAINTS)
    pd.testing.assert_frame_equal(demo_counts, before)
    assert pub.levels == ("SR_NR", "ST_NR", "SB_NR", "Stadt")
    assert pub.n_primary > 0 and pub.n_secondary > 0
    assert attack(pub, ["ST_NR", "SB_NR"], MUSTERSTADT_CONSTRAINTS) == set()
    # every published number equals the true number (no silent change)
    out = pub.to_frame()
    for c in pub.columns:
        shown = out[c].notna()
        assert (out.loc[shown, c].astype(float) == demo_counts.loc[shown, c].astype(float)).all()
    # the small counts of the industrial area are hidden with their reason
    small = [(k, c) for c in pub.columns for k in demo_counts.index
             if 1 <= demo_counts.loc[k, c] <= 2]
    assert small, "the demo city has small counts to protect"
    for k, c in small:
        assert out.loc[k, reason_column(c)] == "suppressed"


def test_attacker_finds_disclosures_of_primary_only_suppression(monkeypatch, demo_counts):
    """The checker can fail: without secondary suppression it recovers hidden cells."""
    import sozialraum.indicators.confidentiality as conf

    monkeypatch.setattr(conf, "_secondary", lambda grid, status, *rest: None)
    pub = conf.suppress(demo_counts, hierarchy=["ST_NR", "SB_NR"],
                        constraints=MUSTERSTADT_CONSTRAINTS)
    found = attack(pub, ["ST_NR", "SB_NR"], MUSTERSTADT_CONSTRAINTS, use_lp=False)
    assert pub.n_primary > 0 and len(found) > 0
    assert all(pd.isna(pub.to_frame(lev).loc[k, c]) for lev, k, c in found)
    t = frame({"ST_NR": ["01", "01", "02"], "ALO": [2, 40, 17]}, ["0101", "0102", "0201"])
    assert attack(conf.suppress(t, hierarchy=["ST_NR"]), ["ST_NR"]) == {("SR_NR", "0101", "ALO")}


def test_group_rule_alone_misses_combined_derivation_which_the_audit_catches():
    """A 2x2 block of hidden cells plus a bridge: each equation has 2 unknowns, yet the
    linear-algebra step is needed; the result must still be safe."""
    from sozialraum.indicators.confidentiality import determined_cells

    # cells 0..4; equations: x0 + x1 = a, x2 + x3 = b, x0 + x2 = c, x1 + x3 + x4 = d, x4 = e - x5
    groups = [
        (np.array([0, 1, 6]), np.array([1.0, 1.0, -1.0])),
        (np.array([2, 3, 7]), np.array([1.0, 1.0, -1.0])),
        (np.array([0, 2, 8]), np.array([1.0, 1.0, -1.0])),
        (np.array([1, 3, 4, 9]), np.array([1.0, 1.0, 1.0, -1.0])),
    ]
    hidden = np.zeros(10, dtype=bool)
    hidden[:5] = True
    # eq0 + eq1 - eq2 - eq3 isolates x4 although every equation has >= 2 hidden cells
    assert determined_cells(groups, hidden).tolist() == [4]
    hidden[5] = True
    groups.append((np.array([4, 5]), np.array([1.0, -1.0])))
    assert determined_cells(groups, hidden).tolist() == [4, 5]


def test_not_delivered_cell_needs_no_protection_but_secret_does():
    t = frame({"T": [30, 30], "M": [pd.NA, pd.NA], "W": [14, 14]}, ["a", "b"])
    t["M"] = t["M"].astype("Int64")
    t["M__reason"] = pd.Categorical(["not_delivered", "secret"], dtype=REASON_DTYPE)
    pub = suppress(t, constraints=[("T", ("M", "W"))], city_total=False).to_frame()
    # a: M is simply missing (derivable as 16, not confidential): nothing else hidden
    assert pub.loc["a", "T"] == 30 and pub.loc["a", "W"] == 14
    # b: M is secret: T or W must be hidden too
    assert pd.isna(pub.loc["b", "W"]) or pd.isna(pub.loc["b", "T"])


def test_constraint_with_unknown_column_is_refused():
    """A typo in a row relation would silently switch off its protection (found by review)."""
    g = sr.datasets.musterstadt()
    with pytest.raises(sr.ColumnError, match="'XX'"):
        sr.suppress(g, hierarchy=["ST_NR", "SB_NR"], constraints=[("EW", ("EW_M", "XX"))])


def test_suppress_errors_speak_german_and_english():
    t = pd.DataFrame({"A": pd.array([5, 1, 7], dtype="Int64"),
                      "B": pd.array([-1, 2, 3], dtype="Int64")},
                     index=pd.Index(["0101", "0102", "0103"], name="SR_NR"))
    with pytest.raises(ColumnError) as info:
        suppress(t, columns=["A", "C"], city_total=False)
    assert info.value.message("de") == (
        "suppress: Spalten fehlen in der Tabelle: 'C'. Vorhanden: 'A', 'B'."
    )
    assert str(info.value) == "suppress: columns not in the table: 'C'. Available: 'A', 'B'."
    with pytest.raises(InputError) as info:
        suppress(t, city_total=False)
    assert "Fallzahlen dürfen nicht negativ sein; negative Werte für '0101'" in \
        info.value.message("de")
    assert "counts must not be negative; negative values for '0101'" in str(info.value)
    with pytest.raises(ConfigError) as info:
        ConfidentialityPolicy(min_count=0)
    assert info.value.message("de") == (
        "ConfidentialityPolicy: 'min_count' muss eine ganze Zahl >= 1 sein. Angegeben ist 0."
    )


def test_rounding_is_half_away_from_zero():
    # the statistics offices' rule: 25 -> 30, not to the even 20 (numpy's default)
    t = frame({"X": [25, 45, 35, 24, 0]}, list("abcde"))
    out = suppress(t, ConfidentialityPolicy(round_to=10), city_total=False).to_frame()
    assert out["X"].tolist() == [30, 50, 40, 20, 0]
    # counts are never negative (suppress refuses them), the rule itself is symmetric
    from sozialraum.indicators.confidentiality import round_half_away

    got = round_half_away(np.array([25.0, 45.0, 35.0, -25.0, -24.0, np.nan]), 10)
    np.testing.assert_array_equal(got, [30.0, 50.0, 40.0, -30.0, -20.0, np.nan])



def test_hidden_cells_whose_known_sum_is_small_get_a_partner():
    """a + b = 42 - 40 = 2: two primary cells in one group protect neither (each is 0 to 2)."""
    t = frame({"ST_NR": ["01", "01", "01", "02", "02"], "ALO": [1, 1, 40, 17, 20]},
              ["0101", "0102", "0103", "0201", "0202"])
    pub = suppress(t, hierarchy=["ST_NR"])
    out = pub.to_frame()
    assert out["ALO"].isna().tolist() == [True, True, True, False, False]
    assert out["ALO__reason"].tolist()[2] == "suppressed_secondary"
    assert pub.to_frame("ST_NR")["ALO"].tolist() == [42, 37]
    # linprog as attacker: a, b, c >= 0 and a + b + c = 42; a can be as large as 42
    for i in range(3):
        c = np.zeros(3)
        c[i] = -1.0
        best = linprog(c, A_eq=[[1, 1, 1]], b_eq=[42], bounds=[(0, None)] * 3, method="highs")
        assert -best.fun >= 3
    # a hidden sum of min_count or more (here 1 + 2 = 3: a is 0 to 3) needs no partner
    t2 = t.assign(ALO=[1, 2, 40, 17, 20])
    assert suppress(t2, hierarchy=["ST_NR"]).n_secondary == 0


def lp_ranges(pub, hierarchy=(), constraints=()):
    """Feasible range (min, max) of every hidden cell: linprog on the published tables."""
    cells, eqs, known = published_equations(pub, hierarchy, constraints)
    hidden = [c for c in cells if c not in known]
    pos, a_eq, b_eq = hidden_system(eqs, known, hidden)
    out = {}
    for c, i in pos.items():
        obj = np.zeros(len(hidden))
        obj[i] = 1.0
        lo = linprog(obj, A_eq=np.array(a_eq), b_eq=b_eq, bounds=(0, None), method="highs")
        hi = linprog(-obj, A_eq=np.array(a_eq), b_eq=b_eq, bounds=(0, None), method="highs")
        assert lo.status == 0 and hi.status in (0, 3)
        out[c] = (lo.fun, -hi.fun if hi.status == 0 else np.inf)
    return out


def _small_cells(t, pub, columns, min_count):
    """(level, key, column) of every true count 1 <= v < min_count at every level."""
    out = set()
    for lev in pub.levels:
        if lev == pub.levels[0]:
            full = t[columns]
        elif lev == pub.levels[-1]:
            full = pub.to_frame(lev)[[]].assign(**t[columns].sum().to_dict())
        else:
            full = t.groupby(lev)[columns].sum()
        for k in full.index:
            for c in columns:
                if 1 <= full.loc[k, c] < min_count:
                    out.add((lev, str(k), c))
    return out


# A table the group rule and the linear-algebra audit pass at min_count 10 although a
# linear programme (counts >= 0) shows three withheld cells to be at most 5: found by a
# random search over 300 tables (8 exposed before the LP audit, 0 after).
KNOWN_SMALL = frame({"ST_NR": ["01", "01", "02", "02", "02"], "M": [5, 30, 30, 1, 30],
                     "W": [0, 0, 7, 0, 4]}, ["0101", "0102", "0201", "0202", "0203"])
KNOWN_SMALL["T"] = KNOWN_SMALL["M"] + KNOWN_SMALL["W"]


@pytest.mark.parametrize("audit", [True, False], ids=["with-lp-audit", "control"])
def test_no_small_cell_is_known_to_be_small_by_linear_programming(monkeypatch, audit):
    import sozialraum.indicators.confidentiality as conf

    if not audit:
        monkeypatch.setattr(conf, "exposed_cells", lambda *a, **k: [])
    cons = [("T", ("M", "W"))]
    policy = ConfidentialityPolicy(min_count=10)
    pub = conf.suppress(KNOWN_SMALL, policy, hierarchy=["ST_NR"], constraints=cons)
    ranges = lp_ranges(pub, ["ST_NR"], cons)
    small = _small_cells(KNOWN_SMALL, pub, ["M", "W", "T"], 10)
    assert small <= set(ranges)  # every small count is withheld
    known_small = sorted(c for c in small if ranges[c][1] < 10 - 1e-6)
    if audit:
        assert known_small == []
        assert all(hi - lo >= 1 - 1e-6 for lo, hi in ranges.values())
    else:  # the control: the earlier audits alone leave 0202's M (1) at most 5
        assert ("SR_NR", "0202", "M") in known_small
        assert ranges[("SR_NR", "0202", "M")][1] == pytest.approx(5.0)


@pytest.mark.parametrize("seed", range(0, 400, 20))
def test_random_tables_under_a_rule_of_ten_survive_the_lp_attacker(seed):
    rng = np.random.default_rng(seed)
    keys, parents = [], []
    for p, n in enumerate(rng.integers(1, 4, size=rng.integers(2, 4))):
        for c in range(n):
            keys.append(f"{p + 1:02d}{c + 1:02d}")
            parents.append(f"{p + 1:02d}")
    m = rng.choice([0, 1, 3, 5, 8, 12, 30], size=len(keys))
    w = rng.choice([0, 2, 4, 7, 9, 30], size=len(keys))
    t = frame({"ST_NR": parents, "M": m, "W": w, "T": m + w}, keys)
    cons = [("T", ("M", "W"))]
    pub = suppress(t, ConfidentialityPolicy(min_count=10), hierarchy=["ST_NR"], constraints=cons)
    ranges = lp_ranges(pub, ["ST_NR"], cons)
    for cell in _small_cells(t, pub, ["M", "W", "T"], 10):
        assert ranges[cell][1] >= 10 - 1e-6, (cell, ranges[cell])
    for cell, (lo, hi) in ranges.items():
        assert hi - lo >= 1 - 1e-6, (cell, lo, hi)


def test_exposed_cells_by_hand():
    from sozialraum.indicators.confidentiality import exposed_cells

    # cells 0-2 hidden and small (3 + 4 + 2 = 9), cell 3 the published total 9: under a rule
    # of 10 each could be at most 9, so all three are known to be small
    groups = [(np.array([3, 0, 1, 2]), np.array([1.0, -1.0, -1.0, -1.0]))]
    values = np.array([3.0, 4.0, 2.0, 9.0])
    hidden = np.array([True, True, True, False])
    assert exposed_cells(groups, values, hidden, hidden, hidden, 10) == [0, 1, 2]
    # under a rule of 3 only cell 2 (value 2) is small, and it can be up to 9: safe
    small = values < 3
    assert exposed_cells(groups, values, hidden, hidden, small, 3) == []
    # x0 + x1 = 0 with counts >= 0 pins both to 0 (no equation isolates either): width 0
    groups = [(np.array([0, 1]), np.array([1.0, 1.0]))]
    values = np.array([0.0, 0.0])
    hidden = np.array([True, True])
    assert exposed_cells(groups, values, hidden, hidden, np.zeros(2, bool), 3) == [0, 1]


def test_a_relation_the_data_break_does_not_stop_the_suppression():
    # EW = EW_M + EW_W does not hold for b (a delivery error): the linear programme has no
    # solution there and proves nothing; the groups and the linear algebra still apply
    t = frame({"ST_NR": ["01", "01", "02"], "EW": [30, 41, 50], "EW_M": [2, 20, 25],
               "EW_W": [28, 20, 25]}, ["a", "b", "c"])
    pub = suppress(t, ConfidentialityPolicy(min_count=3), hierarchy=["ST_NR"],
                   constraints=[("EW", ("EW_M", "EW_W"))])
    out = pub.to_frame()
    assert pd.isna(out.loc["a", "EW_M"]) and pub.n_secondary >= 1


def test_a_solver_that_gives_up_proves_nothing(monkeypatch):
    """HiGHS stopped by a limit (status 1) or by numerics (4): the cell counts as exposed,
    so one more cell is withheld rather than trusting an unfinished programme."""
    from types import SimpleNamespace

    import scipy.optimize

    from sozialraum.indicators.confidentiality import exposed_cells

    groups = [(np.array([2, 0, 1]), np.array([1.0, -1.0, -1.0]))]
    values = np.array([1.0, 40.0, 41.0])
    hidden = np.array([True, True, False])
    small = np.array([True, False, False])
    assert exposed_cells(groups, values, hidden, hidden, small, 3) == []  # 0 <= a <= 41
    monkeypatch.setattr(scipy.optimize, "linprog",
                        lambda *a, **k: SimpleNamespace(status=4, x=None, fun=None))
    assert exposed_cells(groups, values, hidden, hidden, small, 3) == [0, 1]


def test_a_relation_the_true_values_break_is_left_out_of_the_programme():
    """Found in review: with a broken relation in the same component, the programme had no
    solution and the whole component went unaudited (three cells 3 + 4 + 2 = 9 under a rule
    of 10 passed). The broken relation x4 = x0 + x5 (1 != 4 + 5) is left out now."""
    from sozialraum.indicators.confidentiality import exposed_cells

    groups = [(np.array([3, 0, 1, 2]), np.array([1.0, -1.0, -1.0, -1.0])),
              (np.array([4, 0, 5]), np.array([1.0, -1.0, -1.0]))]
    values = np.array([3.0, 4.0, 2.0, 9.0, 1.0, 5.0])
    hidden = np.array([True, True, True, False, False, False])
    assert exposed_cells(groups, values, hidden, hidden, hidden, 10) == [0, 1, 2]


def test_an_unfinished_minimum_proves_nothing(monkeypatch):
    """A cell whose maximum stays at its value needs its minimum; a minimum the solver did
    not finish leaves the cell exposed (found in review: it counted as safe)."""
    import scipy.optimize

    from sozialraum.indicators.confidentiality import exposed_cells

    real = scipy.optimize.linprog

    def flaky(c, *a, **k):
        res = real(c, *a, **k)
        if np.asarray(c).min() >= 0:  # a minimisation
            res.status = 4
        return res

    # x0 + x1 = 5 with x0 = 5, x1 = 0: x0's maximum is its value, its minimum 0: safe
    groups = [(np.array([2, 0, 1]), np.array([1.0, -1.0, -1.0]))]
    values = np.array([5.0, 0.0, 5.0])
    hidden = np.array([True, True, False])
    protect = np.array([True, False, False])
    small = np.zeros(3, dtype=bool)
    assert exposed_cells(groups, values, hidden, protect, small, 3) == []
    monkeypatch.setattr(scipy.optimize, "linprog", flaky)
    assert exposed_cells(groups, values, hidden, protect, small, 3) == [0]


def test_a_given_secret_with_a_small_value_is_not_known_to_be_small():
    """A cell delivered as secret (reason 'secret') with the value 1 is protected like a
    primary cell: under a rule of 10 it can be 10 or more. (The LP audit now counts such
    cells as small too, as the group rule did; on this table and on 400 random ones the
    group rule alone already protected them, so this checks the property, not that step.)"""
    t = KNOWN_SMALL.copy()
    t["M__reason"] = pd.Categorical([None, None, None, "secret", None], dtype=REASON_DTYPE)
    cons = [("T", ("M", "W"))]
    pub = suppress(t, ConfidentialityPolicy(min_count=10), hierarchy=["ST_NR"],
                   constraints=cons)
    ranges = lp_ranges(pub, ["ST_NR"], cons)
    assert ranges[("SR_NR", "0202", "M")][1] >= 10 - 1e-6
