"""The folder monitoring/ of the bundle ([monitoring] in the demo config).

One run on a copy of the demo city whose area names are hostile (a formula, markup,
mathtext); every test reads that bundle. Values are checked against sr.change called
directly, a hand computation of the rates and scipy's Fisher test on the raw counts.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy.stats import fisher_exact
from support.monitoring import DEMO, KEY
from support.monitoring import monitoring_csv as _csv

import sozialraum as sr


@pytest.fixture
def bundle(monitoring_bundle):
    """The monitoring bundle (tests/report/conftest.py), built once per session."""
    return monitoring_bundle




def _raw():
    return sr.read_table(DEMO / "musterstadt_statistik.csv", key=KEY, stichtag="all")


def test_change_table_equals_change_and_a_hand_computation(bundle):
    ch = _csv(bundle, "veraenderung.csv")
    ch = ch[(ch["merkmal"] == "SGB2_QUOTE") & (ch["basis"] == "31.12.2019")
            & (ch["ziel"] == "31.12.2024")].set_index(KEY)
    assert list(ch.index) == list(sr.datasets.musterstadt().index)
    raw = _raw()
    direct = sr.change(raw, "SGB2_QUOTE", base=2019, to=2024).to_frame()
    # areas the reform of 31.12.2022 touched start from an estimate (tested below)
    assert (ch["interpolated_share"] > 0).sum() == 4
    ch = ch[ch["interpolated_share"] == 0]
    shown = ch["veraenderung"].notna()
    assert shown.sum() >= 20
    # every published change is the one sr.change gives on the raw counts ...
    np.testing.assert_allclose(ch.loc[shown, "veraenderung"],
                               direct.loc[ch.index[shown], "change"], atol=0.005)
    # ... and 100 * SGB2 / EW_U65 at both Stichtage, by hand
    b = raw.xs(pd.Timestamp("2019-12-31"), level="Stichtag")
    t = raw.xs(pd.Timestamp("2024-12-31"), level="Stichtag")
    by_hand = 100 * t["SGB2"] / t["EW_U65"] - 100 * b["SGB2"] / b["EW_U65"]
    np.testing.assert_allclose(ch.loc[shown, "veraenderung"],
                               by_hand.loc[ch.index[shown]].astype(float), atol=0.005)
    # Fisher's exact test on the 2 x 2 tables, for two areas, with scipy
    for area in ("0101", "0402"):
        kb, nb = int(b.loc[area, "SGB2"]), int(b.loc[area, "EW_U65"])
        kt, nt = int(t.loc[area, "SGB2"]), int(t.loc[area, "EW_U65"])
        p = fisher_exact([[kt, nt - kt], [kb, nb - kb]]).pvalue
        assert ch.loc[area, "p"] == pytest.approx(p, abs=5e-5)
    # the label follows the FDR-corrected p at 0.05
    up = ch["ergebnis"] == "signifikant gestiegen"
    assert up.sum() >= 1
    assert (ch.loc[up, "p_korr"] <= 0.05).all() and (ch.loc[up, "veraenderung"] > 0).all()


def test_no_published_change_next_to_a_withheld_value(bundle):
    long = _csv(bundle, "zeitreihe_lang.csv")
    ch = _csv(bundle, "veraenderung.csv")
    hidden = set()
    for col in ("index_wert", "SGB2_QUOTE"):
        for _, row in long[long[col].isna()].iterrows():
            hidden.add((row[KEY], col, row["stichtag"]))
    assert len(hidden) >= 3  # the demo withholds values (secrecy, too few inhabitants)
    n = 0
    for _, row in ch.iterrows():
        if (row[KEY], row["merkmal"], row["basis"]) in hidden or \
                (row[KEY], row["merkmal"], row["ziel"]) in hidden:
            n += 1
            assert pd.isna(row["veraenderung"]) and pd.isna(row["veraenderung_prozent"])
            assert pd.isna(row["p"]) and pd.isna(row["wert_basis"]) and pd.isna(row["wert_ziel"])
    assert n >= 3
    # the wide table withholds exactly what the long one does
    wide = _csv(bundle, "zeitreihe_breit.csv").set_index(KEY)
    for key, col, day in hidden:
        assert pd.isna(wide.loc[key, f"{col}_{day[-4:]}"])
        assert isinstance(wide.loc[key, f"{col}_{day[-4:]}_hinweis"], str)


def test_latest_stichtag_is_suppressed_as_in_the_main_tables(bundle):
    """The series of the latest Stichtag is the single-Stichtag bundle's table: the same
    values, the same withheld cells (never laxer)."""
    main = pd.read_csv(bundle.path / "tabellen" / "sozialraeume.csv", sep=";", decimal=",",
                       dtype={KEY: str}, encoding="utf-8-sig").set_index(KEY)
    long = _csv(bundle, "zeitreihe_lang.csv")
    last = long[long["stichtag"] == "31.12.2024"].set_index(KEY).reindex(main.index)
    for col in ("SGB2_QUOTE",):
        assert last[col].isna().tolist() == main[col].isna().tolist()
        np.testing.assert_allclose(last[col].dropna(), main[col].dropna(), atol=1e-9)
    # the index per Stichtag is standardised on that Stichtag: 2024 is the bundle's index
    assert last["index_wert"].isna().tolist() == main["index_wert"].isna().tolist()
    np.testing.assert_allclose(last["index_wert"].dropna(), main["index_wert"].dropna(),
                               atol=1e-9)


def test_trend_table_is_theil_sen_and_mann_kendall(bundle):
    from scipy.stats import kendalltau, theilslopes

    tr = _csv(bundle, "trend.csv")
    tr = tr[tr["merkmal"] == "SGB2_QUOTE"].set_index(KEY)
    long = _csv(bundle, "zeitreihe_lang.csv")
    y = long[(long[KEY] == "0101")]["SGB2_QUOTE"].to_numpy(dtype=float)
    x = np.arange(2019, 2025, dtype=float)
    assert tr.loc["0101", "steigung_je_jahr"] == pytest.approx(theilslopes(y, x).slope,
                                                               abs=5e-4)
    # no ties in this series: scipy's exact Kendall test is the exact Mann-Kendall
    assert tr.loc["0101", "p"] == pytest.approx(
        kendalltau(x, y, method="exact").pvalue, abs=5e-5)
    assert tr.loc["0101", "min_p"] == pytest.approx(2 / 720, abs=5e-5)


def test_series_before_the_reform_are_on_the_current_boundaries(bundle):
    """Before the reform the split area's parts carry the old area's counts, shared by
    area: their SGB II rate is the old area's (to the rounding of the shared counts);
    the tables say which values are estimates (interpolated_share, 1 for the parts)."""
    truth = sr.datasets.musterstadt_truth()
    (old, parts), = truth["reform"]["split"].items()
    long = _csv(bundle, "zeitreihe_lang.csv")
    raw = _raw()
    current = sr.datasets.musterstadt()
    assert set(long[KEY]) == set(current.index) and len(long) == 6 * len(current)
    for stichtag in truth["stichtage"]:
        day = pd.Timestamp(pd.to_datetime(stichtag, format="%d.%m.%Y"))
        rows = long[long["stichtag"] == stichtag].set_index(KEY)
        counts = raw.xs(day, level="Stichtag")
        if old in counts.index:  # before the reform
            rate = 100 * counts.at[old, "SGB2"] / counts.at[old, "EW_U65"]
            np.testing.assert_allclose(rows.loc[list(parts), "SGB2_QUOTE"], rate, atol=0.1)
            assert (rows.loc[list(parts), "interpolated_share"] == 1).all()
        else:
            assert (rows["interpolated_share"] == 0).all()
    wide = _csv(bundle, "zeitreihe_breit.csv").set_index(KEY)
    assert {c for c in wide.columns if c.startswith("interpolated_share")} == {
        f"interpolated_share_{y}" for y in (2019, 2020, 2021)}
    for name in ("trend.csv", "hotspots_zeit.csv"):
        t = _csv(bundle, name).set_index(KEY)
        assert (t.loc[list(parts), "interpolated_share"] == 1).all(), name
    prov = json.loads((bundle.path / "provenance.json").read_text("utf-8"))
    assert prov["monitoring"]["harmonised"] is True
    assert set(prov["monitoring"]["harmonised_from"].values()) == {"sozialraeume_2019"}


def test_methods_text_states_change_trend_ehsa_and_boundaries(bundle):
    de = (bundle.path / "methodik.md").read_text(encoding="utf-8")
    en = (bundle.path / "methods.md").read_text(encoding="utf-8")
    section = de[de.index("## Zeitreihe"):]
    for phrase in ("31.12.2019, 31.12.2020", "exakter Test nach Fisher", "Theil-Sen",
                   "Mann-Kendall", "0,0028", "99 Permutationen", "nur 6 Stichtage",
                   "früheren Gebietsstand", "interpolated_share", "für sich standardisiert",
                   "an beiden Stichtagen veröffentlicht"):
        assert phrase in section, phrase
    assert "earlier set of boundaries" in en and "Fisher's exact test" in en


def test_every_monitoring_map_says_which_values_are_estimates(tmp_path):
    """Issue 13: series brought onto today's boundaries are said so in every output. The
    change, trend and EHSA maps get a subtitle naming the estimated Stichtage and areas
    (those with interpolated_share > 0), the small multiples a title per estimated map."""
    from sozialraum.config.template import demo_config
    from sozialraum.report.compute import compute
    from sozialraum.report.monitoring_write import monitoring_jobs

    cfg = demo_config(permutations=99)
    results = compute(cfg, progress=lambda *a, **k: None)
    m = results.monitoring
    assert m.harmonised and m.interpolated is not None
    keys = sorted({str(k) for (k, _), v in m.interpolated.items() if v > 0})
    assert len(keys) >= 3  # the reform's split area and the moved boundary's pair
    days = sorted(m.harmonised_from)
    jobs = {job.args[1]: job for job in monitoring_jobs(cfg, results, tmp_path)}
    for name in ("plot_change", "plot_trend", "plot_emerging_hotspots"):
        sub = jobs[name].args[3]["subtitle"]
        assert f"{len(keys)} Gebiete ({', '.join(keys[:6])}" in sub, (name, sub)
        assert "flächenanteilig auf heutige Grenzen umgerechnet" in sub
    trend_sub = jobs["plot_trend"].args[3]["subtitle"]
    assert all(d.strftime("%d.%m.%Y") in trend_sub for d in days)
    series = jobs["plot_stichtage"]
    shown = series.args[2][3]
    assert series.args[3]["estimated"] == [d for d in days if d in set(shown)]
    from sozialraum.maps.monitoring import plot_stichtage

    fig = plot_stichtage(*series.args[2], estimated=series.args[3]["estimated"])
    titles = list(fig.sozialraum_frames)
    for d in shown:
        label = d.strftime("%d.%m.%Y")
        expected = (f"{label} (auf heutige Grenzen umgerechnet)" if d in set(days) else label)
        assert expected in titles, (expected, titles)
