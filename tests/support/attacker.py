"""An attacker on a region bundle: every published number, every known relation, scipy linprog.

The attacker reads the written files only (the level CSVs, ``untergruppen.xlsx``, the
Kommunalprofile HTML), knows every relation a reader of the methods text knows (the config's
constraints, the subgroup margins written out here, Sozialraum -> Gemeinde -> region sums,
each indicator's numerator and denominator) and bounds every count below by 0. A rounded
rate ``r`` of ``num / den x scale`` gives the linear inequalities
``(r - h) den <= scale num <= (r + h) den`` (``h`` half the last digit). For every target
cell the minimum and maximum of the linear programme are its feasible range.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from sozialraum._text import text

AGES = ["U6", "6_14", "15_17", "18_64", "65U"]
AGE_KEYS = ["sub.age_u6", "sub.age_6_14", "sub.age_15_17", "sub.age_18_64", "sub.age_65"]
#: the Kommunalprofil's age labels (its own catalogue keys)
PROFILE_AGE_KEYS = ["kprofil.age.U6", "kprofil.age.6_14", "kprofil.age.15_17",
                    "kprofil.age.18_64", "kprofil.age.65U"]
SEXES = [("M", "sub.male"), ("W", "sub.female")]
NATS = [("DEU", "sub.german"), ("NDEU", "sub.non_german")]
REGION = ("Stadt", "Stadt")


def subgroup_relations() -> list[tuple[str, tuple[str, ...]]]:
    """The margins of the documented scheme EW_<age>_<sex>_<nat>, written out by hand."""
    rel = []
    cells = [f"EW_{a}_{s}_{n}" for a in AGES for s, _ in SEXES for n, _ in NATS]
    rel.append(("EW", tuple(cells)))
    rel.append(("EW", tuple(f"EW_{a}_{s}" for a in AGES for s, _ in SEXES)))
    for a in AGES:
        for s, _ in SEXES:
            rel.append((f"EW_{a}_{s}", (f"EW_{a}_{s}_DEU", f"EW_{a}_{s}_NDEU")))
        rel.append((f"EW_{a}", tuple(f"EW_{a}_{s}" for s, _ in SEXES)))
    for s, _ in SEXES:
        rel.append((f"EW_{s}", tuple(f"EW_{a}_{s}" for a in AGES)))
    for n, _ in NATS:
        rel.append((f"EW_{n}", tuple(f"EW_{a}_{s}_{n}" for a in AGES for s, _ in SEXES)))
    return rel


def subgroup_labels() -> dict[str, str]:
    """Label in untergruppen.xlsx -> count column."""
    t = text
    out = {t("sub.total"): "EW"}
    for a, ak in zip(AGES, AGE_KEYS, strict=True):
        out[t(ak)] = f"EW_{a}"
        for s, sk in SEXES:
            out[f"{t(ak)} · {t(sk)}"] = f"EW_{a}_{s}"
            for n, nk in NATS:
                out[f"{t(ak)} · {t(sk)} · {t(nk)}"] = f"EW_{a}_{s}_{n}"
    for s, sk in SEXES:
        out[t(sk)] = f"EW_{s}"
    for n, nk in NATS:
        out[t(nk)] = f"EW_{n}"
    return out


def german_number(s: str) -> float:
    return float(s.replace(".", "").replace(",", ".").replace("%", "").strip())


def decimals_of(s: str) -> int:
    s = s.replace("%", "").strip()
    return len(s.split(",")[1]) if "," in s else 0


class Publication:
    """What a reader learns: fixed counts, rounded rates, withheld cells."""

    def __init__(self):
        self.counts: dict[tuple, float] = {}  # (level, key, column) -> value
        self.withheld: set[tuple] = set()
        self.rates: list[tuple] = []  # (level, key, num cols, den cols, scale, value, decimals)
        self.conflicts: list[tuple] = []
        self.bars = 0  # bar labels read from the Kommunalprofile

    def count(self, cell, value) -> None:
        if cell in self.counts and self.counts[cell] != value:
            self.conflicts.append((cell, self.counts[cell], value))
        self.counts[cell] = float(value)

    def withhold(self, cell) -> None:
        self.withheld.add(cell)


def read_csvs(pub: Publication, folder: Path, cfg) -> None:
    """einwohner and the rates (2 decimals as written) of the Sozialräume and Gemeinden."""
    for level, key in (("SR", cfg.inputs.key), ("AGS", cfg.inputs.municipality)):
        name = "sozialraeume" if level == "SR" else "gemeinden"
        raw = pd.read_csv(folder / "tabellen" / f"{name}.csv", sep=";", dtype=str,
                          encoding="utf-8-sig", keep_default_na=False).set_index(key)
        for k, row in raw.iterrows():
            if row["einwohner"]:
                pub.count((level, k, "EW"), german_number(row["einwohner"]))
            else:
                pub.withhold((level, k, "EW"))
            for ind in cfg.indicators:
                v = row.get(ind.code, "")
                if v:
                    pub.rates.append((level, k, ind.numerator_columns, ind.denominator_columns,
                                      ind.scale, float(v.replace(",", ".")), 2))


def read_subgroups(pub: Publication, path: Path) -> None:
    labels = subgroup_labels()
    wb = openpyxl.load_workbook(path)
    for ws, level in zip(wb.worksheets, ("SR", "AGS", "Stadt"), strict=True):
        for r in range(2, ws.max_row + 1):
            key, grouping, group, n = (ws.cell(r, c).value for c in range(1, 5))
            if grouping is None:
                break
            cell = (level, "Stadt" if level == "Stadt" else str(key), labels[group])
            if isinstance(n, str):
                pub.withhold(cell)
            else:
                pub.count(cell, n)


_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.S)


def _rows(html: str) -> list[list[str]]:
    html = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)
    return [[unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in _CELL.findall(r)]
            for r in _ROW.findall(html)]


def _is_sign(value: str) -> bool:
    return value in ("x", "(x)", ".", "/", "...")


def read_profiles(pub: Publication, folder: Path, cfg) -> None:
    """Every number of the Kommunalprofile tables (and their bar charts' labels)."""
    t = text
    age_label = {t(k): f"EW_{a}" for a, k in zip(AGES, PROFILE_AGE_KEYS, strict=True)}
    ind_label = {i.label: i for i in cfg.indicators}
    for path in sorted(folder.glob("*.html")):
        if path.name == "index.html":
            continue
        ags = path.stem
        for row in _rows(path.read_text(encoding="utf-8")):
            head = row[0] if row else ""
            if head == t("kprofil.population") and len(row) == 2:
                cell = ("AGS", ags, "EW")
                (pub.withhold(cell) if _is_sign(row[1]) else
                 pub.count(cell, german_number(row[1])))
            elif head == t("kprofil.share_region") and not _is_sign(row[1]):
                pub.rates.append(("pair", (("AGS", ags), REGION), ("EW",), ("EW",), 100.0,
                                  german_number(row[1]), decimals_of(row[1])))
            elif head in age_label and len(row) == 4:
                col = age_label[head]
                cell = ("AGS", ags, col)
                (pub.withhold(cell) if _is_sign(row[1]) else
                 pub.count(cell, german_number(row[1])))
                if not _is_sign(row[2]):
                    pub.rates.append(("AGS", ags, (col,), ("EW",), 100.0,
                                      german_number(row[2]), decimals_of(row[2])))
                if not _is_sign(row[3]):
                    pub.rates.append(("Stadt", "Stadt", (col,), ("EW",), 100.0,
                                      german_number(row[3]), decimals_of(row[3])))
            elif head in ind_label and len(row) >= 3:
                ind = ind_label[head]
                for level, key, value in (("AGS", ags, row[1]), ("Stadt", "Stadt", row[2])):
                    if not _is_sign(value):
                        pub.rates.append((level, key, ind.numerator_columns,
                                          ind.denominator_columns, ind.scale,
                                          german_number(value), decimals_of(value)))
            elif re.fullmatch(r"\d{4}", head) and len(row) == 6:  # its Sozialräume
                cell = ("SR", f"{ags}-{head}", "EW")
                (pub.withhold(cell) if _is_sign(row[2]) else
                 pub.count(cell, german_number(row[2])))
        for m in re.finditer(r'data-column="([^"]+)" data-count="([^"]+)"',
                             path.read_text(encoding="utf-8")):  # the bar charts
            column, value = unescape(m.group(1)), unescape(m.group(2))
            pub.bars += 1
            cell = ("AGS", ags, column)
            (pub.withhold(cell) if _is_sign(value) else pub.count(cell, german_number(value)))


def attack(pub: Publication, cfg, sr_keys: list[str], targets: set[tuple],
           truth: dict | None = None) -> dict:
    """Feasible range (min, max) of every target cell.

    With `truth` ((level, key, column) -> true count) the model is checked first: the true
    counts satisfy every equation and inequality the attacker built, so the programme
    describes the real tables and the truth lies in every range.
    """
    mun_of = {k: k.split("-")[0] for k in sr_keys}
    ags = sorted(set(mun_of.values()))
    relations = list(dict.fromkeys([*((t, tuple(p)) for t, p in cfg.constraints),
                                    *subgroup_relations()]))
    columns = model_columns(cfg)
    units = [("SR", k) for k in sr_keys] + [("AGS", g) for g in ags] + [REGION]
    var = {(lv, k, c): i for i, (lv, k, c) in
           enumerate((lv, k, c) for lv, k in units for c in columns)}
    rows, cols, vals, b_eq = [], [], [], []

    def eq(total, parts):
        r = len(b_eq)
        rows.extend([r] * (1 + len(parts)))
        cols.extend([var[total], *(var[p] for p in parts)])
        vals.extend([1.0] + [-1.0] * len(parts))
        b_eq.append(0.0)

    for lv, k in units:
        for total, parts in relations:
            eq((lv, k, total), [(lv, k, p) for p in parts])
    for c in columns:
        for g in ags:
            eq(("AGS", g, c), [("SR", k, c) for k in sr_keys if mun_of[k] == g])
        eq((*REGION, c), [("AGS", g, c) for g in ags])
    ub_rows, ub_cols, ub_vals = [], [], []
    n_ub = 0

    def ub(coef: dict):
        nonlocal n_ub
        r = n_ub
        n_ub += 1
        for v, a in coef.items():
            ub_rows.append(r)
            ub_cols.append(v)
            ub_vals.append(a)

    for lv, k, num, den, scale, value, dec in pub.rates:
        h = 0.5 * 10.0 ** (-dec) + 1e-9
        if lv == "pair":  # share of one unit's column in another's
            (lv1, k1), (lv2, k2) = k
            num_v = {var[(lv1, k1, c)]: 1.0 for c in num}
            den_v = {var[(lv2, k2, c)]: 1.0 for c in den}
        else:
            num_v = {var[(lv, k, c)]: 1.0 for c in num}
            den_v = {var[(lv, k, c)]: 1.0 for c in den}
        for sign, bound in ((1.0, value + h), (-1.0, value - h)):
            # sign * (scale num - bound den) <= 0
            coef: dict = {}
            for v, a in num_v.items():
                coef[v] = coef.get(v, 0.0) + sign * scale * a
            for v, a in den_v.items():
                coef[v] = coef.get(v, 0.0) - sign * bound * a
            ub(coef)
    n = len(var)
    a_eq = csr_matrix((vals, (rows, cols)), shape=(len(b_eq), n))
    a_ub = csr_matrix((ub_vals, (ub_rows, ub_cols)), shape=(n_ub, n))
    bounds = np.zeros((n, 2))
    bounds[:, 1] = np.inf
    for cell, value in pub.counts.items():
        if cell in var:
            bounds[var[cell]] = (value, value)
    if truth is not None:
        x = np.array([truth[c] for c in var])
        assert np.abs(a_eq @ x - np.asarray(b_eq)).max() < 1e-6
        assert (a_ub @ x).max(initial=0.0) < 1e-6
        for cell, value in pub.counts.items():
            assert truth[cell] == value, (cell, truth[cell], value)
    out = {}
    for cell in sorted(targets):
        if cell not in var:
            continue
        obj = np.zeros(n)
        obj[var[cell]] = 1.0
        res = []
        for s in (1.0, -1.0):
            r = linprog(s * obj, A_ub=a_ub, b_ub=np.zeros(n_ub), A_eq=a_eq, b_eq=b_eq,
                        bounds=bounds, method="highs")
            assert r.status in (0, 3), (cell, r.message)
            res.append(s * r.fun if r.status == 0 else np.inf)
        out[cell] = tuple(res)
    return out


def model_columns(cfg) -> list[str]:
    """Every count column the attacker's model knows."""
    return sorted({c for t, p in [*cfg.constraints, *subgroup_relations()] for c in (t, *p)}
                  | {c for i in cfg.indicators
                     for c in (*i.numerator_columns, *i.denominator_columns)})


def truth_cells(frame: pd.DataFrame, sr_keys, columns, mun: pd.Series) -> dict:
    """(level, key, column) -> true count from the generator's table, summed up the levels."""
    out = {}
    frame = frame.copy()
    for a in AGES:
        for s, _ in SEXES:
            if f"EW_{a}_{s}" not in frame.columns:
                frame[f"EW_{a}_{s}"] = sum(pd.to_numeric(frame[f"EW_{a}_{s}_{n}"])
                                           for n, _ in NATS)
    data = frame.loc[sr_keys, columns].apply(pd.to_numeric)
    for k in sr_keys:
        for c in columns:
            out[("SR", k, c)] = float(data.at[k, c])
    by = data.groupby(mun.reindex(sr_keys).to_numpy()).sum()
    for g in by.index:
        for c in columns:
            out[("AGS", g, c)] = float(by.at[g, c])
    for c in columns:
        out[(*REGION, c)] = float(data[c].sum())
    return out


def hidden_system(eqs, known, hidden):
    """The equations restricted to the hidden cells: (position of each, rows, right sides)."""
    pos = {c: i for i, c in enumerate(hidden)}
    a_eq, b_eq = [], []
    for eq in eqs:
        r = np.zeros(len(hidden))
        rhs = 0.0
        for c, k in eq.items():
            if c in pos:
                r[pos[c]] += k
            else:
                rhs -= k * known[c]
        if r.any():
            a_eq.append(r)
            b_eq.append(rhs)
    return pos, a_eq, b_eq
