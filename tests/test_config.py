"""The planner's TOML config: parsing, validation (every problem at once), API dataclasses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

import sozialraum as sr
from sozialraum import config as cfgmod
from sozialraum.errors import ConfigError, OutputExistsError

DEMO_DIR = Path(sr.datasets.get_path("musterstadt.gpkg")).parent


def _demo_copy(tmp_path: Path) -> Path:
    """The demo config next to copies of the demo files (paths relative to the config)."""
    for name in ("musterstadt.gpkg", "musterstadt_statistik.csv", "musterstadt_statistik.xlsx"):
        shutil.copy(DEMO_DIR / name, tmp_path / name)
    text = (cfgmod.TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8")
    path = tmp_path / "sozialraum.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cfg.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_demo_config_builds_the_api_dataclasses(tmp_path):
    cfg = sr.load_config(_demo_copy(tmp_path))
    # indicators are the API's own objects, identical to the catalogue entries
    assert [i.code for i in cfg.indicators][:3] == ["S1", "S3", "S4"]
    assert cfg.indicators[0] == sr.indicators.STANDARD["S1"]
    assert all(isinstance(i, sr.Indicator) for i in cfg.indicators)
    # the index is the preset's IndexSpec with the config's extra fields applied
    expected = dataclasses.replace(
        sr.presets.berlin_mss_status(
            ["S1", "S3", "S4"], population="EW", policy=sr.ConfidentialityPolicy(3, 300)
        ),
        missing="reweight",
        max_missing=1,
    )
    assert isinstance(cfg.index, sr.IndexSpec)
    assert cfg.index == expected
    assert cfg.policy == sr.ConfidentialityPolicy(min_count=3, min_population=300)
    # the additional NRW-style index: the preset's spec, named "nrw" (column prefix)
    ((name, nrw, source),) = cfg.extra_indices
    assert name == "nrw" and source["preset"] == "nrw_sozialbericht"
    themes = {
        "Arbeit": ["S1"],
        "Armut": ["SGB2_QUOTE", "S4", "ALTERSARMUT"],
        "Familie": ["ALLEINERZIEHENDE"],
        "Bildung": ["SPRACHFOERDERUNG"],
    }
    assert nrw == dataclasses.replace(
        sr.presets.nrw_sozialbericht(themes, population="EW", policy=cfg.policy),
        missing="reweight",
        max_missing=2,
    )
    assert ("ALO", ("ALO_SGB2", "ALO_SGB3")) in cfg.constraints
    assert cfg.inputs.stichtag == dt.date(2024, 12, 31)
    assert cfg.inputs.key == "SR_NR"
    # paths are relative to the config file
    assert cfg.inputs.boundaries == tmp_path / "musterstadt.gpkg"
    assert cfg.inputs.tables[0].path == tmp_path / "musterstadt_statistik.csv"
    assert cfg.output == tmp_path / "musterstadt-ergebnis"
    assert cfg.hotspots == cfgmod.HotspotSettings(
        ("local_moran", "gstar"), "index", 9999, 1, 0.05, "fdr"
    )
    assert cfg.weights.method == "queen"
    assert cfg.inputs.levels == (
        cfgmod.LevelInput("stadtteile", "ST_NR", "Stadtteile", "stadtteile"),
    )


def test_demo_config_equals_loaded_file():
    # sozialraum demo and load_config on the same file give identical settings
    a = cfgmod.demo_config()
    b = cfgmod.loads((cfgmod.TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8"), base=DEMO_DIR)
    assert a.indicators == b.indicators and a.index == b.index and a.policy == b.policy
    assert a.hotspots.permutations == 9999  # the README demo uses 9999 permutations


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


def test_every_problem_is_reported_at_once(tmp_path):
    path = _write(
        tmp_path,
        """
language = "de"
[inputs]
boundaries = "fehlt.gpkg"
key = "SR_NR"
stichtag = "31.12.2024"
tabels = []
[[inputs.tables]]
path = "auch_fehlt.csv"
[indicators]
standard = ["S1", "SGB2_QUOTA"]
[index]
preset = "berlin_mss_stats"
[hotspots]
permutations = 5
correction = "fdx"
alpha = 0.9
[maps]
k = 12
""",
    )
    with pytest.raises(ConfigError) as info:
        sr.load_config(path)
    err = info.value
    wheres = [p.where for p in err.problems]
    assert "[inputs].boundaries" in wheres
    assert "[inputs.tables[0]].path" in wheres
    assert "[inputs]" in wheres  # unknown key 'tabels'
    assert "[indicators].standard" in wheres
    assert "[index].preset" in wheres
    assert "[hotspots].permutations" in wheres
    assert "[hotspots].correction" in wheres
    assert "[hotspots].alpha" in wheres
    assert "[maps].k" in wheres
    assert len(err.problems) == 9
    de = err.message("de")
    assert de.startswith("9 Problem(e) in der Konfiguration")
    assert "Meinten Sie 'tables'?" in de  # did-you-mean for the unknown key
    assert "Meinten Sie 'SGB2_QUOTE'?" in de
    assert "Meinten Sie 'berlin_mss_status'?" in de
    assert "Meinten Sie 'fdr'?" in de
    assert "fehlt.gpkg" in de
    assert "Did you mean 'tables'?" in str(err)  # the exception itself is English


def test_extra_index_needs_a_column_name(tmp_path):
    demo = _demo_copy(tmp_path)
    demo.write_text(
        demo.read_text(encoding="utf-8").replace('name = "nrw"', 'name = "NRW Index"'),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        sr.load_config(demo)
    problem = next(p for p in info.value.problems if p.where == "[index.extra[0]].name")
    assert "nrw_wert" in problem.de


def test_index_column_must_be_a_computed_indicator(tmp_path):
    demo = _demo_copy(tmp_path)
    demo.write_text(
        demo.read_text(encoding="utf-8").replace(
            'columns = ["S1", "S3", "S4"]', 'columns = ["S1", "S3", "S5"]'
        ),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        sr.load_config(demo)
    (problem,) = info.value.problems
    assert problem.where == "[index]"
    assert "'S5'" in problem.de and "berechnet: S1, S3, S4," in problem.de


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


def test_missing_required_keys(tmp_path):
    path = _write(tmp_path, "[inputs]\n[indicators]\nstandard = ['S1']\n")
    with pytest.raises(ConfigError) as info:
        sr.load_config(path)
    wheres = {p.where for p in info.value.problems}
    assert {"[inputs].boundaries", "[inputs].key", "[inputs].stichtag", "[inputs].tables"} <= wheres


def test_wrong_types_and_bad_custom_indicator(tmp_path):
    demo = _demo_copy(tmp_path)
    text = demo.read_text(encoding="utf-8")
    text = text.replace("permutations = 9999", 'permutations = "viele"')
    text = text.replace(
        'standard = ["S1", "S3", "S4", "SGB2_QUOTE", "ALTERSARMUT", '
        '"ALLEINERZIEHENDE",\n            "SPRACHFOERDERUNG", "NICHTDEUTSCHE", '
        '"ANTEIL_65U"]',
        'standard = ["S1", "S3", "S4"]\n[[indicators.custom]]\ncode = "X"\n'
        'numerator = "ALO"\ndenominator = "EW"\nnenner = "EW"\n',
    )
    demo.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        sr.load_config(demo)
    msgs = {p.where: p.de for p in info.value.problems}
    assert "Zahl" in msgs["[hotspots].permutations"]
    assert "'nenner'" in msgs["[indicators.custom[0]]"]


def test_unknown_index_argument_is_named(tmp_path):
    demo = _demo_copy(tmp_path)
    text = demo.read_text(encoding="utf-8").replace(
        'population = "EW"\n# gesperrte', 'populaton = "EW"\n# gesperrte'
    )
    demo.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        sr.load_config(demo)
    (problem,) = info.value.problems
    assert problem.where == "[index]"
    assert "'populaton'" in problem.de and "Meinten Sie 'population'?" in problem.de


def test_to_dict_is_json_and_complete(tmp_path):
    import json

    cfg = sr.load_config(_demo_copy(tmp_path))
    d = json.loads(json.dumps(cfg.to_dict()))
    assert d["hotspots"]["permutations"] == 9999
    assert d["hotspots"]["seed"] == 1
    assert d["confidentiality"]["min_count"] == 3
    assert d["index"]["preset"] == "berlin_mss_status"
    assert d["index_spec"]["classes"]["cuts"] == [-1.0, 1.0, 1.5]
    assert d["indicators"][0]["numerator"] == "ALO"
    assert d["inputs"]["stichtag"] == "2024-12-31"


def test_template_is_valid_and_never_overwritten(tmp_path):
    target = tmp_path / "neu.toml"
    assert cfgmod.write_template(target) == target
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# ====")
    assert "sozialraum check" in text
    with pytest.raises(OutputExistsError):
        cfgmod.write_template(target)
    assert target.read_text(encoding="utf-8") == text  # untouched
    # the template parses; its only problems are the placeholder input files
    with pytest.raises(ConfigError) as info:
        sr.load_config(target)
    wheres = sorted(p.where for p in info.value.problems)
    assert wheres == ["[inputs.tables[0]].path", "[inputs].boundaries"]


def test_check_config_on_demo(tmp_path):
    summary = cfgmod.check_config(_demo_copy(tmp_path))
    assert summary["n_areas"] == 25
    assert summary["stichtag"] == "31.12.2024"
    assert summary["n_indicators"] == 9
    assert not (tmp_path / "musterstadt-ergebnis").exists()  # check writes nothing


def test_check_config_finds_input_problems(tmp_path):
    demo = _demo_copy(tmp_path)
    text = demo.read_text(encoding="utf-8")
    text = text.replace('key = "SR_NR"\nname', 'key = "SR_NUMMER"\nname')
    text = text.replace('layer = "stadtteile"', 'layer = "stadtteil"')
    demo.write_text(text, encoding="utf-8")
    cfg = sr.load_config(demo)  # the file itself is fine
    with pytest.raises(ConfigError) as info:
        cfgmod.check_config(cfg)
    msgs = {p.where: p.de for p in info.value.problems}
    assert "'SR_NUMMER'" in msgs["[inputs].key"] and "Meinten Sie 'SR_NR'?" in msgs["[inputs].key"]
    assert "'stadtteil'" in msgs["[inputs.levels[0]].layer"]
    assert "Meinten Sie 'stadtteile'?" in msgs["[inputs.levels[0]].layer"]


def test_check_config_keys_that_do_not_join(tmp_path):
    demo = _demo_copy(tmp_path)
    csv = tmp_path / "musterstadt_statistik.csv"
    raw = csv.read_bytes().decode("utf-8-sig")
    # leading zeros lost for every key of Stadtteil 01 (a classic spreadsheet accident)
    raw = raw.replace(";0101;", ";101;").replace(";0102;", ";102;")
    csv.write_bytes(b"\xef\xbb\xbf" + raw.encode("utf-8"))
    with pytest.raises(ConfigError) as info:
        cfgmod.check_config(demo)
    text = "\n".join(p.de for p in info.value.problems)
    assert "'101', '102'" in text
    assert "'0101', '0102'" in text


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


def test_constraint_with_unknown_column_is_refused_by_check_and_run(tmp_path):
    # sr.suppress() refuses such a constraint; the bundle path dropped it silently
    demo = _demo_copy(tmp_path)
    text = demo.read_text(encoding="utf-8")
    assert '{ total = "EW", parts = ["EW_M", "EW_W"] }' in text
    demo.write_text(text.replace('parts = ["EW_M", "EW_W"]', 'parts = ["EW_M", "EW_WW"]'),
                    encoding="utf-8")
    cfg = sr.load_config(demo)  # the file itself is fine
    for attempt in (lambda: cfgmod.check_config(demo),
                    lambda: sr.run(cfg, out=tmp_path / "out", permutations=99)):
        with pytest.raises(ConfigError) as info:
            attempt()
        msgs = {p.where: p.de for p in info.value.problems}
        msg = msgs["[confidentiality].constraints[0]"]
        assert "'EW_WW'" in msg and "Meinten Sie 'EW_W'?" in msg
        assert len(info.value.problems) == 1
    assert not (tmp_path / "out").exists()


def test_check_one_bad_cell_is_one_problem(tmp_path):
    demo = _demo_copy(tmp_path)
    csv = tmp_path / "musterstadt_statistik.csv"
    raw = csv.read_bytes().decode("utf-8-sig")
    raw = raw.replace("31.12.2024;0101;EW;", "31.12.2024;0101;EW;x", 1)  # one bad cell
    csv.write_bytes(b"\xef\xbb\xbf" + raw.encode("utf-8"))
    with pytest.raises(ConfigError) as info:
        cfgmod.check_config(demo)
    (problem,) = info.value.problems  # no follow-up "column missing" for the unread table
    assert problem.where == "[inputs.tables[0]]" and "'x" in problem.de


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
