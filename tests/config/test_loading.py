"""Tests of :mod:`sozialraum.config.loading`.

Reading a TOML config file: syntax, encoding, a missing file, the notebook-equivalent run.
"""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from support.config import _demo_copy, _write
from support.demo import DEMO_DIR

import sozialraum as sr
from sozialraum import config as cfgmod
from sozialraum.errors import ConfigError


def test_notebook_user_gets_identical_index(tmp_path):
    """A notebook user who loads the planner's config computes the same index by hand."""
    cfg = sr.load_config(_demo_copy(tmp_path))
    g = sr.read_boundaries(cfg.inputs.boundaries, layer="sozialraeume", key="SR_NR")
    t = sr.read_table(cfg.inputs.tables[0].path, key="SR_NR", stichtag="31.12.2024")
    joined, _ = sr.join_indicators(g, t)
    from sozialraum.indicators import suppress

    cols = []
    for i in cfg.indicators:
        for c in (*i.numerator_columns, *i.denominator_columns):
            if c not in cols:
                cols.append(c)
    cols = ["EW", *[c for c in cols if c != "EW"]]
    cons = [(a, p) for a, p in cfg.constraints if a in cols and all(x in cols for x in p)]
    pub = suppress(
        joined[[*cols, "ST_NR"]], cfg.policy, columns=cols, hierarchy=["ST_NR"], constraints=cons
    ).to_frame()
    rates = sr.compute_indicators(pub, list(cfg.indicators), policy=cfg.policy)
    by_hand = sr.composite_index(rates.join(pub[["EW"]]), cfg.index).to_frame()

    bundle = sr.run(
        cfg.replace(
            maps=dataclasses.replace(cfg.maps, columns=(), html=False, clusters=False),
            hotspots=dataclasses.replace(cfg.hotspots, permutations=99),
        ),
        out=tmp_path / "out",
    )
    published = bundle.frame()
    assert (
        published["index_wert"]
        .round(3)
        .equals(by_hand["score"].astype(float).round(3).reindex(published.index))
    )
    assert (
        published["index_klasse"].tolist()
        == by_hand["class"].astype("string").reindex(published.index).tolist()
    )


def test_toml_syntax_error_names_the_line(tmp_path):
    path = _write(tmp_path, '[inputs]\nkey = "SR_NR"\nstichtag = 31.12.2024\n')
    with pytest.raises(ConfigError) as info:
        sr.load_config(path)
    assert "Zeile 3" in info.value.message("de")
    assert "line 3" in str(info.value)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError) as info:
        sr.load_config(tmp_path / "nicht_da.toml")
    assert "sozialraum init" in info.value.message("de")
    assert "nicht_da.toml" in str(info.value)


def test_hotspot_settings_are_checked_by_inference_with_key_paths(tmp_path):
    """[hotspots] reads into one sr.Inference; its rules are reported with the key path."""
    demo = _demo_copy(tmp_path)
    cfg = sr.load_config(demo)
    assert cfg.hotspots.inference == sr.Inference(permutations=9999, seed=1, alpha=0.05)
    text = demo.read_text(encoding="utf-8")
    assert "seed = 1" in text and "alpha = 0.05" in text
    demo.write_text(
        text.replace("seed = 1", "seed = -4").replace("alpha = 0.05", "alpha = 1.5"),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        sr.load_config(demo)
    msgs = {p.where: (p.de, p.en) for p in info.value.problems}
    assert set(msgs) == {"[hotspots].seed", "[hotspots].alpha"}  # one problem per key
    assert "-4" in msgs["[hotspots].seed"][1] and "integer >= 0" in msgs["[hotspots].seed"][1]
    assert "ganze Zahl" in msgs["[hotspots].seed"][0]
    assert "1.5" in msgs["[hotspots].alpha"][1]


def test_index_without_population_uses_the_inputs_population_column(tmp_path):
    # [index] names no population: the 300-inhabitant rule uses [inputs].population
    text = (cfgmod.TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8")
    text = text.replace('population = "EW"\n', 'population = "EINW"\n', 1)  # [inputs]
    text = text.replace('columns = ["S1", "S3", "S4"]\npopulation = "EW"\n',
                        'columns = ["S1", "S3", "S4"]\n')
    cfg = cfgmod.loads(text, base=DEMO_DIR)
    assert cfg.inputs.population == "EINW"
    assert (cfg.index.population, cfg.index.effective_min_population) == ("EINW", 300)
    # a spec file without population: the same column
    (tmp_path / "spec.toml").write_text('indicators = ["S1", "S3"]\n', encoding="utf-8")
    text = text.replace('preset = "berlin_mss_status"\ncolumns = ["S1", "S3", "S4"]\n',
                        'spec = "spec.toml"\n')
    text = text.replace('missing = "reweight"\nmax_missing = 1\n', '', 1)
    for name in ("musterstadt.gpkg", "musterstadt_statistik.csv"):
        shutil.copy(DEMO_DIR / name, tmp_path / name)
    cfg = cfgmod.loads(text, base=tmp_path)
    assert (cfg.index.population, cfg.index.effective_min_population) == ("EINW", 300)


def test_a_config_not_in_utf8_is_refused_with_its_line(tmp_path, capsys):
    """A Windows-1252 config would turn 'Sozialräume' into garbage: refused, German, line."""
    from sozialraum.cli import main

    path = tmp_path / "sozialraum.toml"
    path.write_bytes('language = "de"\n[inputs]\nlevel_label = "Sozialräume"\n'.encode("cp1252"))
    with pytest.raises(ConfigError) as info:
        sr.load_config(path)
    assert "Zeile 3" in info.value.message("de") and "UTF-8" in info.value.message("de")
    assert main(["check", str(path)]) == 2
    assert "nicht in UTF-8" in capsys.readouterr().err



def test_profile_formats_are_read_and_a_bad_one_is_named_with_its_key_path(tmp_path):
    """[profiles] formats: "html" and "pdf"; anything else is one problem at
    [profiles].formats whose German message names the given value and the allowed ones."""
    demo = _demo_copy(tmp_path)
    text = demo.read_text(encoding="utf-8")
    assert "[profiles]" not in text
    demo.write_text(text + '\n[profiles]\nformats = ["html", "pdf"]\n', encoding="utf-8")
    assert sr.load_config(demo).profiles.formats == ("html", "pdf")
    assert sr.load_config(_demo_copy(tmp_path)).profiles.formats == ("html",)  # the default
    demo.write_text(text + '\n[profiles]\nformats = ["html", "docx"]\n', encoding="utf-8")
    for call in (sr.load_config, cfgmod.check_config):
        with pytest.raises(ConfigError) as info:
            call(demo)
        msgs = {p.where: p.de for p in info.value.problems}
        assert set(msgs) == {"[profiles].formats"}
        de = msgs["[profiles].formats"]
        assert "'docx'" in de and "nicht zulässig" in de
        assert "'html'" in de and "'pdf'" in de
