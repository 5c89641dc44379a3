"""Tests of :mod:`sozialraum.report.methods`.

The methods text (methodik.md / methods.md) and its findings in plain words.

Most tests look at the demo bundle built once per session (``bundle`` in
tests/report/conftest.py).
"""

from __future__ import annotations

import dataclasses

import pandas as pd

import sozialraum as sr


def test_methods_text_states_the_inference_and_findings(bundle):
    de = (bundle.path / "methodik.md").read_text(encoding="utf-8")
    en = (bundle.path / "methods.md").read_text(encoding="utf-8")
    # as it was done: exact enumeration where a neighbourhood allows it, sampling elsewhere
    how = bundle.local_moran.to_frame()["inference"].value_counts()
    exact, sampled = int(how.get("exact", 0)), int(how.get("permutation", 0))
    # on the demo every tested neighbourhood is small enough to enumerate: no chance at all,
    # so neither a number of random permutations nor the seed is claimed
    # (the tested areas: those with an index value and neighbours; the island and the
    # industrial area are not tested). The reformed demo has two neighbourhoods too large
    # to enumerate: those are sampled, and then the text names permutations and seed
    n = len(sr.datasets.musterstadt())
    assert n - 4 <= exact + sampled <= n - 2 and exact > sampled
    hotspots = de.split("## Hotspot")[1].split("\n## ")[0]
    if sampled == 0:
        assert f"für alle {exact} getesteten Gebiete durch vollständige Aufzählung" in de
        assert "zufälligen Permutationen" not in hotspots and "Startwert" not in hotspots
        assert f"for all {exact} tested areas by enumerating" in en
    else:
        assert f"für {exact} Gebiete durch vollständige Aufzählung" in de
        assert f"für {sampled} Gebiete mit 99 zufälligen Permutationen" in hotspots
        assert "Startwert" in hotspots
    assert "FDR (Benjamini-Hochberg)" in de and "α = 0,05" in de
    assert "Queen" in de
    assert "(ALO) / (EW_15_64) × 100" in de
    assert "Fallzahlen von 1 bis 2" in de
    lisa = bundle.local_moran.cluster
    hh = sorted(k for k in lisa.index if lisa[k] == "HH")
    frame = bundle.frame()
    if hh:
        sentence = next(line for line in de.splitlines() if "signifikanten Hotspot" in line)
        assert sentence.startswith(
            f"- {len(hh)} Sozialräume bilden einen signifikanten Hotspot hoher Benachteiligung"
        )
        for k in hh:
            assert f"{frame.at[k, 'name']} ({k})" in sentence
    truth = sr.datasets.musterstadt_truth()
    islands = [k for k in lisa.index if lisa[k] == "island"]
    exclave = truth["island"]
    if exclave in lisa.index:  # tested only if it has an index value
        assert islands == [exclave]
        assert (
            f"Ohne Nachbarn und daher nicht getestet: {frame.at[exclave, 'name']} ({exclave})" in de
        )
    else:
        assert pd.isna(frame.at[exclave, "index_wert"])
        assert f"{frame.at[exclave, 'name']} ({exclave})" in de  # named as not tested
    assert "Gewerbegebiet Hafenstraße (0701) (keine Angabe (zu wenige Einwohner))" in de
    assert "weniger als 30" in de  # the small-sample caveat, in German


def test_findings_say_so_when_nothing_is_significant(bundle):
    """No claim the statistics do not support: all 'ns' gives exactly that sentence."""
    from types import SimpleNamespace

    from sozialraum.report import methods as _methods

    base = bundle.base
    ns = pd.Series("ns", index=base.local_moran.cluster.index)
    ns.iloc[0] = "untestable"
    fake_lm = SimpleNamespace(cluster=ns)
    fake_gs = SimpleNamespace(cluster=pd.Series("ns", index=ns.index), bin=pd.Series(0, ns.index))
    fake_gm = SimpleNamespace(statistic=0.05, p_value=0.41)
    level = dataclasses.replace(
        base, local_moran=fake_lm, local_gstar=fake_gs, global_moran=fake_gm
    )
    results = SimpleNamespace(levels={"sozialraeume": level})
    found = _methods.findings(bundle.config, results, "de")
    joined = "\n".join(found)
    assert "kein LISA-Cluster signifikant" in joined
    assert "keinen signifikanten Hot- oder Coldspot" in joined
    assert "keine signifikante räumliche Autokorrelation" in joined
    assert "1 Sozialraum ist wegen zu weniger Nachbarn nicht testbar" in joined
    assert "Hotspot hoher Benachteiligung" not in joined


def test_findings_count_gstar_bins_only_at_the_chosen_level(bundle):
    """A Gi* area in the 90 % bin is not 'significant' at alpha = 0.05: the text keeps it apart.

    Gi* decides at alpha (its cluster is "ns" there); the bin keeps the 90 % level."""
    from types import SimpleNamespace

    from sozialraum.report import methods as _methods

    base = bundle.base
    keys = list(base.local_moran.cluster.index)
    codes = pd.Series("ns", index=keys)
    bins = pd.Series(0, index=keys)
    codes[keys[0]], bins[keys[0]] = "hot99", 3
    codes[keys[1]], bins[keys[1]] = "ns", 1  # 90 % bin, not significant at alpha = 0.05
    codes[keys[2]], bins[keys[2]] = "cold95", -2
    lisa = pd.Series("HH", index=keys[:1]).reindex(keys, fill_value="ns")
    gstar = SimpleNamespace(cluster=codes, bin=bins)
    level = dataclasses.replace(base, local_moran=SimpleNamespace(cluster=lisa), local_gstar=gstar)
    found = "\n".join(_methods.findings(bundle.config, SimpleNamespace(levels={"s": level}), "de"))
    name = lambda k: f"{base.frame.at[k, 'name']} ({k})"  # noqa: E731
    gstar_line = next(line for line in found.split("\n") if line.startswith("Getis-Ord Gi*"))
    assert name(keys[0]) in gstar_line and name(keys[2]) in gstar_line
    assert name(keys[1]) not in gstar_line  # 90 % only: not significant at 0.05
    weaker = next(line for line in found.split("\n") if "schwächeren Niveau" in line)
    assert name(keys[1]) in weaker
    assert "1 Sozialraum bildet einen signifikanten Hotspot" in found


def test_small_sample_note_from_structured_data_not_from_the_message():
    """The methods text's sentence on few areas takes the number from the warning's ``n`` (or
    from the number of areas passed), never from the English wording of the warning."""
    import warnings

    from sozialraum.errors import SmallSampleWarning
    from sozialraum.report.compute import _capture
    from sozialraum.report.methods import note_text

    def warns(message, **kwargs):
        def fn():
            warnings.warn(SmallSampleWarning(message, **kwargs), stacklevel=2)
            return 1

        return fn

    notes: list = []
    assert _capture(notes, warns("wording that names no number", n=8)) == 1
    _capture(notes, warns("another wording"), _areas=12)
    assert [n[:2] for n in notes] == [("SmallSampleWarning", 8), ("SmallSampleWarning", 12)]
    assert notes[0][2] == "wording that names no number"  # written as given to provenance.json
    assert "nur 8 Gebieten" in note_text(notes[0], "de")
    assert "only 12 areas" in note_text(notes[1], "en")


def test_indicator_table_states_each_index_s_own_effect(bundle):
    """The NRW points are higher-is-better: there a higher S1 lowers the score, while it
    raises the MSS status index; the table says so per index, in neutral words."""
    de = (bundle.path / "methodik.md").read_text(encoding="utf-8")
    row = next(line for line in de.splitlines() if line.startswith("| S1 |"))
    assert "MSS Status-Index: ein höherer Wert erhöht den Indexwert" in row
    nrw = next(s for n, s, _ in bundle.config.extra_indices if n == "nrw")
    assert f"{nrw.name}: ein höherer Wert senkt den Indexwert" in row
    # an indicator in no index says so
    row65 = next(line for line in de.splitlines() if line.startswith("| ANTEIL\\_65U |")
                 or line.startswith("| ANTEIL_65U |"))
    assert "geht in keinen Index ein" in row65
    # the published NRW points really fall as S1 rises
    frame = bundle.frame()
    assert frame["nrw_wert"].corr(frame["S1"]) < -0.5

