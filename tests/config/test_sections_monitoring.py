"""[monitoring]: every option checked by `sozialraum check` with its key path, in German."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

import sozialraum as sr
from sozialraum.cli import main
from sozialraum.config import TEMPLATE_DIR

DEMO = sr.datasets.get_path("musterstadt.gpkg").parent


@pytest.fixture
def folder(tmp_path):
    for name in ("musterstadt.gpkg", "musterstadt_statistik.csv"):
        shutil.copy(DEMO / name, tmp_path / name)
    return tmp_path


def _write(folder, monitoring: str | None):
    text = (TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8")
    head, _, rest = text.partition("[monitoring]")
    rest = rest[rest.index("[output]"):]
    body = head + (f"[monitoring]\n{monitoring}\n\n" if monitoring is not None else "") + rest
    path = folder / "sozialraum.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_demo_has_monitoring_on_and_no_section_means_off(folder):
    on = sr.load_config(_write(folder, 'base = "31.12.2019"'))
    assert on.monitoring.enabled and on.monitoring.base == dt.date(2019, 12, 31)
    assert on.monitoring.stichtage == "all" and on.monitoring.changes == "base"
    # default columns: the index and the mapped indicators
    assert on.monitoring.columns == ("index", "S1", "S3", "S4")
    off = sr.load_config(_write(folder, None))
    assert not off.monitoring.enabled


def test_bad_options_give_german_errors_with_the_key_path(folder, capsys):
    path = _write(folder, "\n".join([
        'stichtage = "jedes Jahr"',
        'base = "31.12.19999"',
        'columns = ["SGB2_QUOTA"]',
        'changes = "alle"',
        "permutations = 5",
        "ehsa = 1",
        "enabeld = true",
    ]))
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    for where in ("[monitoring].stichtage", "[monitoring].base", "[monitoring].columns",
                  "[monitoring].changes", "[monitoring].permutations", "[monitoring].ehsa",
                  "[monitoring]: unbekannter Schlüssel 'enabeld'"):
        assert where in err, where
    assert 'erwartet "all" oder eine Liste' in err
    assert "'SGB2_QUOTA'" in err and "Meinten Sie 'SGB2_QUOTE'" in err
    assert "5 Permutationen; zulässig sind 99 bis 99999" in err


def test_base_outside_the_chosen_list_and_too_few(folder, capsys):
    path = _write(folder, 'stichtage = ["31.12.2024"]\nbase = "31.12.2019"')
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "[monitoring].stichtage: 1 Stichtag(e) gewählt; für Veränderung und Trend" in err
    assert "[monitoring].base: Basis-Stichtag '31.12.2019' ist nicht unter den gewählten" in err


def test_a_stichtag_the_statistics_lack_is_named_by_check_and_run(folder, capsys):
    path = _write(folder, 'stichtage = ["31.12.2019", "31.12.2030"]')
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert ("[monitoring].stichtage: Stichtag 31.12.2030 ist nicht in der Statistik; "
            "vorhanden: 31.12.2019, 31.12.2020") in err
    with pytest.raises(sr.ConfigError, match="31.12.2030"):
        sr.run(path, folder / "out")
    assert not (folder / "out").exists()  # refused before any work


def test_the_last_stichtag_cannot_be_the_base(folder, capsys):
    path = _write(folder, 'base = "31.12.2024"')
    assert main(["check", str(path)]) == 2
    assert "[monitoring].base: Basis-Stichtag 31.12.2024 ist der letzte" in \
        capsys.readouterr().err


def test_check_accepts_the_demo_config(folder, capsys):
    path = folder / "sozialraum.toml"
    shutil.copy(TEMPLATE_DIR / "demo.toml", path)
    assert main(["check", str(path)]) == 0


def test_earlier_boundaries_are_read_and_the_demo_names_its_old_gebietsstand(folder):
    cfg = sr.load_config(_write(folder, 'earlier_boundaries = ["sozialraeume_2019"]'))
    assert cfg.monitoring.earlier_boundaries == ("sozialraeume_2019",)
    assert sr.load_config(_write(folder, "")).monitoring.earlier_boundaries == ()
    # the shipped demo config names the layer valid before the reform (the ground truth)
    text = (TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8")
    truth = sr.datasets.musterstadt_truth()["reform"]["gebietsstaende"]
    old = [layer for layer, v in truth.items() if v["gueltig_bis"] is not None]
    assert old == ["sozialraeume_2019"] and 'earlier_boundaries = ["sozialraeume_2019"]' in text


def test_an_earlier_gebietsstand_that_cannot_be_read_is_found_by_check(folder, capsys):
    """`check` = `run`: a layer of [monitoring].earlier_boundaries that is not in the
    boundary file is reported with its key path by `check`, not only late in `run`."""
    path = _write(folder, 'earlier_boundaries = ["sozialraeume_2019", "sozialraeume_1999"]')
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "[monitoring].earlier_boundaries[1]" in err and "sozialraeume_1999" in err
    assert "earlier_boundaries[0]" not in err  # the shipped earlier layer reads fine
    good = _write(folder, 'earlier_boundaries = ["sozialraeume_2019"]')
    assert main(["check", str(good), "-q"]) == 0
