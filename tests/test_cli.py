"""Tests of :mod:`sozialraum.cli`.

The ``sozialraum`` command: success, every user error with its exit code, --quiet, --debug,
and a run killed midway that leaves no partial bundle.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import types
import warnings
from pathlib import Path

import pytest

import sozialraum as sr
from sozialraum._util import stop
from sozialraum.cli import main

#: the Sozialräume of the demo's Stichtag (its current Gebietsstand)
N_DEMO = len(sr.datasets.musterstadt())


def _one_error_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert lines[0].startswith("Fehler: "), err
    return lines[0]


def test_run_success_prints_progress_and_summary(demo_cfg, tmp_path, capsys):
    out = tmp_path / "ergebnis-2024"
    code = main(["run", str(demo_cfg), "--out", str(out), "--permutations", "99"])
    captured = capsys.readouterr()
    assert code == 0
    assert "[1/13] Grenzen und Tabellen lesen" in captured.err
    assert "[5/13] Hotspot-Analyse (99 Permutationen)" in captured.err
    assert "[13/13] Ergebnisordner fertigstellen" in captured.err
    assert captured.out.startswith(f"Fertig. Ergebnisse in {out}:")
    assert "Befund:" in captured.out
    assert (out / "methodik.md").is_file() and (out / "geodaten" / "ergebnisse.gpkg").is_file()
    assert (out / "karten" / "stadtteile_index_wert.pdf").is_file()


def test_run_uses_output_folder_of_the_config(demo_cfg, capsys):
    code = main(["--quiet", "run", str(demo_cfg), "--permutations", "99"])
    captured = capsys.readouterr()
    assert code == 0 and captured.out == "" and captured.err == ""  # --quiet: nothing printed
    assert (demo_cfg.parent / "musterstadt-ergebnis" / "provenance.json").is_file()


def test_quiet_after_the_subcommand(demo_cfg, tmp_path, capsys):
    code = main(["run", str(demo_cfg), "--out", str(tmp_path / "x"), "--permutations", "99", "-q"])
    captured = capsys.readouterr()
    assert code == 0 and captured.out == "" and captured.err == ""


def test_check_success_writes_nothing(demo_cfg, capsys):
    before = sorted(p.name for p in demo_cfg.parent.iterdir())
    assert main(["check", str(demo_cfg)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Konfiguration in Ordnung: {demo_cfg}")
    n = len(sr.datasets.musterstadt(stichtag="31.12.2024"))  # the Sozialräume of the Stichtag
    assert f"{n} Gebiete (SR_NR)" in out and "Stichtag 31.12.2024" in out
    assert sorted(p.name for p in demo_cfg.parent.iterdir()) == before


def test_init_writes_template_once(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    assert "Vorlage geschrieben: sozialraum.toml" in capsys.readouterr().out
    text = (tmp_path / "sozialraum.toml").read_text(encoding="utf-8")
    assert "[hotspots]" in text and "# Geheimhaltung" in text
    assert main(["init"]) == 2  # never overwrites
    line = _one_error_line(capsys.readouterr().err)
    assert "gibt es schon" in line
    assert (tmp_path / "sozialraum.toml").read_text(encoding="utf-8") == text
    assert main(["init", "andere.toml"]) == 0
    assert (tmp_path / "andere.toml").is_file()


def test_english_messages(tmp_path, capsys):
    assert main(["--lang", "en", "check", str(tmp_path / "none.toml")]) == 2
    assert capsys.readouterr().err.startswith("Error: 1 problem(s) in the config")


def test_missing_config(tmp_path, capsys):
    assert main(["run", str(tmp_path / "fehlt.toml")]) == 2
    err = capsys.readouterr().err
    assert (
        _one_error_line(err)
        == f"Fehler: 1 Problem(e) in der Konfiguration {tmp_path / 'fehlt.toml'}:"
    )
    assert "Konfigurationsdatei nicht gefunden" in err and "Traceback" not in err


def test_toml_syntax_error_with_line(tmp_path, capsys):
    path = tmp_path / "kaputt.toml"
    path.write_text('[inputs]\nkey = "SR_NR"\nstichtag = "31.12.2024\n', encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    _one_error_line(err)
    assert "TOML-Syntaxfehler in Zeile 3" in err


def test_unknown_key_with_did_you_mean(demo_cfg, capsys):
    text = demo_cfg.read_text(encoding="utf-8").replace("permutations = 9999", "permutatons = 9999")
    demo_cfg.write_text(text, encoding="utf-8")
    assert main(["check", str(demo_cfg)]) == 2
    err = capsys.readouterr().err
    assert "[hotspots]: unbekannter Schlüssel 'permutatons'" in err
    assert "Meinten Sie 'permutations'?" in err


def test_missing_input_file(demo_cfg, capsys):
    (demo_cfg.parent / "musterstadt_statistik.csv").unlink()
    assert main(["run", str(demo_cfg), "--out", str(demo_cfg.parent / "o")]) == 2
    err = capsys.readouterr().err
    assert "[inputs.tables[0]].path: Datei nicht gefunden" in err
    assert "musterstadt_statistik.csv" in err
    assert not (demo_cfg.parent / "o").exists()


def test_wrong_key_column(demo_cfg, capsys):
    text = demo_cfg.read_text(encoding="utf-8").replace(
        'key = "SR_NR"\nname', 'key = "SR_NUMMER"\nname'
    )
    demo_cfg.write_text(text, encoding="utf-8")
    assert main(["check", str(demo_cfg)]) == 2
    err = capsys.readouterr().err
    assert "[inputs].key: Spalte 'SR_NUMMER' fehlt in musterstadt.gpkg" in err
    assert "Meinten Sie 'SR_NR'?" in err


def test_wrong_key_column_in_run(demo_cfg, tmp_path, capsys):
    """run checks the inputs first: the same German problem list as check, nothing written."""
    text = demo_cfg.read_text(encoding="utf-8").replace(
        'key = "SR_NR"\nname', 'key = "SR_NUMMER"\nname'
    )
    demo_cfg.write_text(text, encoding="utf-8")
    assert main(["run", str(demo_cfg), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert len([ln for ln in err.splitlines() if ln.startswith("Fehler")]) == 1
    assert "SR_NUMMER" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_output_exists_without_force(demo_cfg, tmp_path, capsys):
    out = tmp_path / "ergebnis"
    out.mkdir()
    (out / "alt.txt").write_text("x", encoding="utf-8")
    assert main(["run", str(demo_cfg), "--out", str(out)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line == (
        f"Fehler: Der Ergebnisordner '{out}' existiert bereits. Wählen Sie einen "
        "anderen Ordner (--out) oder ersetzen Sie ihn mit --force."
    )
    assert (out / "alt.txt").exists()
    # --force replaces only an earlier result folder, never a folder of other files
    assert main(["-q", "run", str(demo_cfg), "--out", str(out), "--force"]) == 2
    assert (out / "alt.txt").exists()


def test_bad_command_line(capsys):
    assert main(["rnu"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "Fehler: unbekannter Befehl 'rnu'; möglich: demo, run, check, init. Meinten Sie 'run'?\n"
    )
    assert main(["run"]) == 2  # the config file is missing
    assert capsys.readouterr().err.startswith("Fehler: ")
    assert main([]) == 2  # no command: help on stderr


def test_debug_shows_the_traceback(tmp_path, capsys):
    assert main(["--debug", "check", str(tmp_path / "fehlt.toml")]) == 2
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "ConfigError" in err
    assert err.rstrip().splitlines()[-1].startswith("  - ") or "Fehler:" in err


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONWARNINGS"] = "ignore"  # keep stderr to our own messages in these checks
    return env


def test_console_script_and_module(tmp_path):
    exe = shutil.which("sozialraum")
    assert exe is not None, "the console script is installed with pip install -e ."
    r = subprocess.run([exe, "--help"], capture_output=True, text=True, env=_env(), timeout=60)
    assert r.returncode == 0 and "demo" in r.stdout and "check" in r.stdout
    assert "Sozialraum-Analyse" in r.stdout
    r = subprocess.run(
        [sys.executable, "-m", "sozialraum", "check", str(tmp_path / "x.toml")],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert r.returncode == 2 and r.stderr.startswith("Fehler: ")


def test_killed_run_leaves_no_partial_bundle(tmp_path):
    """SIGKILL while the bundle is being written: nothing appears at the target."""
    out = tmp_path / "musterstadt-ergebnis"
    proc = subprocess.Popen(
        [sys.executable, "-m", "sozialraum", "demo", "--out", str(out), "--permutations", "99"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_env(),
    )
    try:
        deadline = time.monotonic() + 240
        tmp_dirs: list[Path] = []
        while time.monotonic() < deadline and proc.poll() is None:
            tmp_dirs = list(tmp_path.glob(".musterstadt-ergebnis.tmp-*"))
            if tmp_dirs and list(tmp_dirs[0].rglob("*.png")):
                break  # writing has started: maps are on disk, the rest is not
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be killed"
        assert tmp_dirs, "the temporary folder never appeared"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists()  # no partial bundle at the target
    # the half-written temporary folder is hidden (dot name) and clearly not the bundle; the
    # lock file may stay (the kernel released the lock with the process)
    assert all(
        p.name.startswith(".musterstadt-ergebnis.tmp-") or p.name == ".musterstadt-ergebnis.lock"
        for p in tmp_path.iterdir()
    )
    # a new run afterwards works and is complete
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "sozialraum",
            "-q",
            "demo",
            "--out",
            str(out),
            "--permutations",
            "99",
        ],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    assert (out / "provenance.json").is_file() and (out / "methodik.md").is_file()
    # the killed run's temporary folder (its process is gone) was cleaned up by the new run
    assert not list(tmp_path.glob(".musterstadt-ergebnis.tmp-*"))
    assert not (tmp_path / ".musterstadt-ergebnis.lock").exists()


def test_terminated_run_cleans_up(tmp_path):
    """SIGTERM (a scheduler stopping the job) is handled like Ctrl-C: exit 130, nothing left."""
    out = tmp_path / "ergebnis"
    proc = subprocess.Popen(
        [sys.executable, "-m", "sozialraum", "demo", "--out", str(out), "--permutations", "99"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None:
            tmp_dirs = list(tmp_path.glob(".ergebnis.tmp-*"))
            if tmp_dirs and list(tmp_dirs[0].rglob("*.png")):
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be stopped"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    assert "Abgebrochen" in err
    assert list(tmp_path.iterdir()) == []  # neither the bundle nor a temporary folder


def _swallow_a_stop() -> None:
    """SIGTERM to this process, dropped on its way as a Cython reader drops it (pyogrio)."""
    try:
        signal.raise_signal(signal.SIGTERM)
    except BaseException:  # noqa: BLE001 - what the library does
        pass


@pytest.mark.parametrize("where", ["analysis", "writing"])
def test_a_stop_a_library_swallowed_still_stops_the_run(demo_cfg, tmp_path, capsys,
                                                         monkeypatch, where):
    """3 of 40 demo runs stopped at random moments finished with exit 0: the SIGTERM had
    arrived inside pyogrio's reader, which dropped it. The next step (or, at the latest,
    the move into place) stops the run."""
    run_module = importlib.import_module("sozialraum.report.run")  # not the function run

    def compute(cfg, progress, **kw):
        if where == "analysis":
            _swallow_a_stop()
        progress(2, "step.indicators")

    def write(cfg, results, folder, **kwargs):
        (folder / "karten").mkdir()
        if where == "writing":
            _swallow_a_stop()

    monkeypatch.setattr(run_module, "compute", compute)
    monkeypatch.setattr(run_module, "write_bundle", write)
    out = tmp_path / "ergebnis"
    assert main(["run", str(demo_cfg), "--out", str(out)]) == 130
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == "Abgebrochen.", err
    # the step after the stop did not start
    assert ("Indikatoren" if where == "analysis" else "fertigstellen") not in err
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".erg")]
    # the handlers are back and the request is forgotten: a later run here is not stopped
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL and not stop.requested()


def test_a_stop_swallowed_during_check(demo_cfg, capsys, monkeypatch):
    checking = importlib.import_module("sozialraum.config.checking")
    real = checking.check_config

    def check_config(path):
        summary = real(path)
        _swallow_a_stop()
        return summary

    monkeypatch.setattr(checking, "check_config", check_config)
    assert main(["check", str(demo_cfg)]) == 130
    out, err = capsys.readouterr()
    assert "Konfiguration in Ordnung" not in out and "Abgebrochen." in err


def test_readme_main_job_command(tmp_path, capsys, monkeypatch):
    """`sozialraum demo --out musterstadt-ergebnis` as in the README (9999 permutations)."""
    import json

    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--out", "musterstadt-ergebnis"]) == 0
    captured = capsys.readouterr()
    assert "[5/13] Hotspot-Analyse (9999 Permutationen)" in captured.err
    assert captured.out.startswith("Fertig. Ergebnisse in musterstadt-ergebnis:")
    out = tmp_path / "musterstadt-ergebnis"
    prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert prov["inference"] == {
        "permutations": 9999,
        "seed": 1,
        "alpha": 0.05,
        "correction": "fdr",
        "alternative": "two-sided",
    }
    assert "seeds" not in prov
    methods = (out / "methodik.md").read_text(encoding="utf-8")
    assert "durch vollständige Aufzählung" in methods  # the demo's p-values are all exact


def test_unreadable_table_value(demo_cfg, capsys):
    csv = demo_cfg.parent / "musterstadt_statistik.csv"
    raw = csv.read_bytes().decode("utf-8-sig").splitlines(keepends=True)
    # the first data row of 31.12.2024 gets a value that is not a number
    i = next(n for n, line in enumerate(raw) if line.startswith("31.12.2024;"))
    parts = raw[i].rstrip("\r\n").split(";")
    raw[i] = ";".join([*parts[:3], "12a"]) + "\n"
    csv.write_bytes(b"\xef\xbb\xbf" + "".join(raw).encode("utf-8"))
    assert main(["run", str(demo_cfg), "--out", str(demo_cfg.parent / "o")]) == 2
    err = capsys.readouterr().err
    _one_error_line(err)
    assert "[inputs.tables[0]]: nicht lesbar:" in err and "12a" in err
    assert not (demo_cfg.parent / "o").exists()


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_force_refuses_the_folder_with_config_and_inputs(demo_cfg, capsys):
    folder = demo_cfg.parent
    before = _tree(folder)
    assert main(["-q", "run", str(demo_cfg), "--out", str(folder), "--force"]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "kein Ergebnisordner von sozialraum" in line or "enthält Eingaben" in line
    assert _tree(folder) == before  # config and inputs untouched


def test_force_refuses_a_folder_that_is_not_a_bundle(demo_cfg, tmp_path, capsys):
    other = tmp_path / "briefe"
    other.mkdir()
    (other / "brief.txt").write_text("Sehr geehrte Damen und Herren", encoding="utf-8")
    assert main(["-q", "run", str(demo_cfg), "--out", str(other), "--force"]) == 2
    assert "kein Ergebnisordner von sozialraum" in _one_error_line(capsys.readouterr().err)
    assert (other / "brief.txt").read_text(encoding="utf-8") == "Sehr geehrte Damen und Herren"


def test_force_refuses_a_file_and_the_current_folder(demo_cfg, tmp_path, capsys, monkeypatch):
    afile = tmp_path / "notiz.txt"
    afile.write_text("x", encoding="utf-8")
    assert main(["-q", "run", str(demo_cfg), "--out", str(afile), "--force"]) == 2
    assert "kein Ordner" in _one_error_line(capsys.readouterr().err)
    assert afile.read_text(encoding="utf-8") == "x"
    work = tmp_path / "arbeit"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["-q", "run", str(demo_cfg), "--out", ".", "--force"]) == 2
    assert "aktuelle Ordner" in _one_error_line(capsys.readouterr().err)


def test_unwritable_output_path_is_one_line_exit_2(demo_cfg, tmp_path, capsys):
    afile = tmp_path / "datei"
    afile.write_text("x", encoding="utf-8")
    assert main(["-q", "run", str(demo_cfg), "--out", str(afile / "sub")]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "kann nicht angelegt werden" in line and str(afile / "sub") in line


def test_force_replaces_an_earlier_bundle(demo_cfg, tmp_path, capsys):
    """--force replaces an unchanged bundle, and refuses one with another file in it or a
    file changed by hand, naming them (issue 11: it deleted any folder with a provenance.json)."""
    out = tmp_path / "ergebnis"
    assert main(["-q", "run", str(demo_cfg), "--out", str(out)]) == 0
    methods = (out / "methodik.md").read_bytes()
    # another file in the bundle
    (out / "tabellen" / "notizen.txt").write_text("meine Notizen", encoding="utf-8")
    before = _tree(out)
    assert main(["-q", "run", str(demo_cfg), "--out", str(out), "--force"]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "'tabellen/notizen.txt'" in line and "nichts wurde gelöscht" in line
    assert _tree(out) == before
    (out / "tabellen" / "notizen.txt").unlink()
    # a file changed by hand
    (out / "methodik.md").write_text("von Hand ergänzt", encoding="utf-8")
    before = _tree(out)
    assert main(["-q", "run", str(demo_cfg), "--out", str(out), "--force"]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "'methodik.md'" in line and "verändert" in line
    assert _tree(out) == before
    # unchanged again: replaced
    (out / "methodik.md").write_bytes(methods)
    assert main(["-q", "run", str(demo_cfg), "--out", str(out), "--force"]) == 0
    assert (out / "manifest.json").is_file() and sr.report.is_bundle(out)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ergebnis")] == []


def test_force_refuses_a_folder_with_a_copied_provenance(demo_cfg, tmp_path, capsys):
    out = tmp_path / "ergebnis"
    assert main(["-q", "run", str(demo_cfg), "--out", str(out)]) == 0
    mine = tmp_path / "meins"
    mine.mkdir()
    (mine / "provenance.json").write_bytes((out / "provenance.json").read_bytes())
    (mine / "bericht.docx").write_bytes(b"PK...")
    assert main(["-q", "run", str(demo_cfg), "--out", str(mine), "--force"]) == 2
    assert "kein Ergebnisordner von sozialraum" in _one_error_line(capsys.readouterr().err)
    assert sorted(p.name for p in mine.iterdir()) == ["bericht.docx", "provenance.json"]


def test_check_reports_config_and_input_problems_at_once(demo_cfg, capsys):
    """A misspelt setting AND a wrong key column: both in one report (review found the key
    problem only after the setting was fixed)."""
    text = demo_cfg.read_text(encoding="utf-8")
    text = text.replace('key = "SR_NR"', 'key = "SRNR"', 1)
    text = text.replace('correction = "fdr"', 'correction = "fdrr"', 1)
    text = text.replace("permutations = 9999", "permutations = -5", 1)
    demo_cfg.write_text(text, encoding="utf-8")
    before = sorted(p.name for p in demo_cfg.parent.iterdir())
    assert main(["check", str(demo_cfg)]) == 2
    err = capsys.readouterr().err
    assert "[hotspots].correction" in err and "'fdrr'" in err
    assert "[hotspots].permutations" in err
    assert "SRNR" in err  # the input problem, found in the same run
    assert sorted(p.name for p in demo_cfg.parent.iterdir()) == before  # check writes nothing


def _replace(old: str, new: str):
    def edit(cfg: Path, tmp: Path) -> list[str]:
        text = cfg.read_text(encoding="utf-8")
        assert old in text, old
        cfg.write_text(text.replace(old, new), encoding="utf-8")
        return ["check", str(cfg)]

    return edit


def _missing_config(cfg: Path, tmp: Path) -> list[str]:
    return ["check", str(tmp / "fehlt.toml")]


def _bad_toml(cfg: Path, tmp: Path) -> list[str]:
    cfg.write_text('[inputs]\nkey = "SR_NR"\nstichtag = "31.12.2024\n', encoding="utf-8")
    return ["check", str(cfg)]


def _output_exists(cfg: Path, tmp: Path) -> list[str]:
    (tmp / "ergebnis").mkdir()
    return ["run", str(cfg), "--out", str(tmp / "ergebnis")]


def _missing_table(cfg: Path, tmp: Path) -> list[str]:
    (tmp / "musterstadt_statistik.csv").unlink()
    return ["run", str(cfg), "--out", str(tmp / "o")]


def _geographic_crs(cfg: Path, tmp: Path) -> list[str]:
    import geopandas as gpd
    import pyogrio

    path = tmp / "musterstadt.gpkg"
    layers = [str(row[0]) for row in pyogrio.list_layers(path)]
    frames = {layer: gpd.read_file(path, layer=layer).to_crs("EPSG:4326") for layer in layers}
    path.unlink()
    for layer, frame in frames.items():
        frame.to_file(path, layer=layer, driver="GPKG")
    return ["check", str(cfg)]


def _non_numeric_cell(cfg: Path, tmp: Path) -> list[str]:
    csv = tmp / "musterstadt_statistik.csv"
    raw = csv.read_bytes().decode("utf-8-sig").splitlines(keepends=True)
    i = next(n for n, line in enumerate(raw) if line.startswith("31.12.2024;"))
    parts = raw[i].rstrip("\r\n").split(";")
    raw[i] = ";".join([*parts[:3], "12a"]) + "\n"
    csv.write_bytes(b"\xef\xbb\xbf" + "".join(raw).encode("utf-8"))
    return ["check", str(cfg)]


def _ragged_row(cfg: Path, tmp: Path) -> list[str]:
    csv = tmp / "musterstadt_statistik.csv"
    raw = csv.read_bytes().decode("utf-8-sig").splitlines(keepends=True)
    raw.insert(5, "31.12.2024;0101;1\n")  # a row broken in the middle of the areas
    csv.write_bytes(b"\xef\xbb\xbf" + "".join(raw).encode("utf-8"))
    return ["check", str(cfg)]


def _two_sheets(cfg: Path, tmp: Path) -> list[str]:
    import openpyxl

    path = tmp / "musterstadt_statistik.xlsx"
    wb = openpyxl.load_workbook(path)
    wb.copy_worksheet(wb.worksheets[0]).title = "Kopie"
    wb.save(path)
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(text.replace('path = "musterstadt_statistik.csv"',
                                'path = "musterstadt_statistik.xlsx"'), encoding="utf-8")
    return ["check", str(cfg)]


def _negative_count(cfg: Path, tmp: Path) -> list[str]:
    csv = tmp / "musterstadt_statistik.csv"
    raw = csv.read_bytes().decode("utf-8-sig").splitlines(keepends=True)
    i = next(n for n, line in enumerate(raw) if line.startswith("31.12.2024;0101;EW;"))
    raw[i] = "31.12.2024;0101;EW;-7\n"
    csv.write_bytes(b"\xef\xbb\xbf" + "".join(raw).encode("utf-8"))
    return ["check", str(cfg)]


def _without_crs(tmp: Path) -> None:
    import geopandas as gpd
    import pyogrio

    path = tmp / "musterstadt.gpkg"
    layers = [str(row[0]) for row in pyogrio.list_layers(path)]
    frames = {layer: gpd.read_file(path, layer=layer) for layer in layers}
    path.unlink()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*'crs' was not provided", category=UserWarning)
        for layer, frame in frames.items():
            frame.set_crs(None, allow_override=True).to_file(path, layer=layer, driver="GPKG")


def _no_crs(cfg: Path, tmp: Path) -> list[str]:
    _without_crs(tmp)
    return ["check", str(cfg)]


def _permutations_option(value: str):
    def edit(cfg: Path, tmp: Path) -> list[str]:
        return ["run", str(cfg), "--out", str(tmp / "o"), "--permutations", value]

    return edit


# English words and phrases that must not appear in a German message
#: Advice in Python syntax: an argument with ``=`` and no space (``sep=...``, ``layer=...``,
#: ``suffixes=('', ...)``, ``allow_geographic=True``) or a call (``read_boundaries(...)``).
PYTHON_ADVICE = re.compile(r"\b[a-z_]+=(\.\.\.|\[|\(|'|\"|True|False|\{)|\b[a-z_]+\(\.\.\.")

ENGLISH_MARKERS = (
    " the ",
    " was given",
    "needs to be",
    "Did you mean",
    "does not exist",
    "Traceback",
    " is not ",
    " must ",
)


BAD_INPUTS = [
    pytest.param(
        _missing_config,
        "Konfigurationsdatei nicht gefunden",
        "config file not found",
        id="missing-config",
    ),
    pytest.param(
        _bad_toml, "TOML-Syntaxfehler in Zeile 3", "TOML syntax error at line 3", id="bad-toml"
    ),
    pytest.param(
        _replace("permutations = 9999", "permutatons = 9999"),
        "unbekannter Schlüssel 'permutatons'",
        "unknown key 'permutatons'",
        id="unknown-key",
    ),
    pytest.param(
        _replace('key = "SR_NR"\nname', 'key = "SR_NUMMER"\nname'),
        "Spalte 'SR_NUMMER' fehlt",
        "column 'SR_NUMMER' is missing",
        id="wrong-key-column",
    ),
    pytest.param(_output_exists, "existiert bereits", "exists already", id="output-exists"),
    pytest.param(_missing_table, "Datei nicht gefunden", "file not found", id="missing-table"),
    pytest.param(
        _replace('method = "queen"', 'method = "quen"'), "'quen'", "'quen'", id="bad-choice"
    ),
    pytest.param(
        _replace("permutations = 9999", "permutations = 5"),
        "5 Permutationen; zulässig sind 99 bis 99999",
        "5 permutations; allowed are 99 to 99999",
        id="bad-permutations",
    ),
    pytest.param(
        _replace("permutations = 9999", 'permutations = "viele"'),
        "erwartet Zahl",
        "expected number",
        id="permutations-not-a-number",
    ),
    pytest.param(
        _permutations_option("viele"),
        "'viele' ist keine ganze Zahl",
        "invalid int value: 'viele'",
        id="permutations-option-not-a-number",
    ),
    pytest.param(
        _replace('stichtag = "31.12.2024"', 'stichtag = "31.13.2024"'),
        "Stichtag",
        "Stichtag",
        id="bad-stichtag",
    ),
    pytest.param(_non_numeric_cell, "mit na_values = [\"...\"] als fehlend", "12a",
                 id="non-numeric-cell"),
    pytest.param(_ragged_row, "Zeile 6 hat 3 Felder", "line 6 has 3 fields", id="ragged-row"),
    pytest.param(
        _replace('path = "musterstadt_statistik.csv"',
                 'path = "musterstadt_statistik.csv"\ndecimal = ","\nthousands = ","'),
        "das Tausendertrennzeichen muss ein anderes sein", "the thousands separator must differ",
        id="decimal-is-thousands",
    ),
    pytest.param(
        _replace('path = "musterstadt_statistik.csv"',
                 'path = "musterstadt_statistik.csv"\nencoding = "utf-16"'),
        "encoding = \"utf-8-sig\"", "encoding = \"utf-8-sig\"", id="wrong-encoding",
    ),
    pytest.param(_two_sheets, "sheet = \"Name\"", "sheet = \"name\"", id="two-sheets"),
    pytest.param(
        _replace('path = "musterstadt_statistik.csv"',
                 'path = "musterstadt_statistik.csv"\ntext_columns = ["PLZ"]'),
        "keine Textspalte 'PLZ'", "no text column 'PLZ'", id="missing-text-column",
    ),
    pytest.param(
        _replace('path = "musterstadt_statistik.csv"',
                 'path = "musterstadt_statistik.csv"\nencoding = "klingonisch"'),
        "'klingonisch' ist keine bekannte Zeichenkodierung",
        "'klingonisch' is not a known encoding", id="unknown-encoding",
    ),
    # issue 11: settings `check` let through and `run` failed on late, with a traceback
    pytest.param(
        _replace("clusters = false", "clusters = false\ndpi = 0"),
        "[maps].dpi: 0 dpi; zulässig sind ganze Zahlen von 50 bis 1200",
        "[maps].dpi: 0 dpi; allowed are whole numbers from 50 to 1200",
        id="dpi-0",
    ),
    pytest.param(
        _replace("clusters = false", "clusters = false\ndpi = 20000"),
        "[maps].dpi: 20000 dpi",
        "[maps].dpi: 20000 dpi",
        id="dpi-absurd",
    ),
    pytest.param(
        _replace("clusters = false", "clusters = false\ndpi = 150.5"),
        "[maps].dpi: erwartet ganze Zahl",
        "[maps].dpi: expected whole number",
        id="dpi-not-whole",
    ),
    pytest.param(
        _replace('method = "queen"', 'method = "knn"\nk = 0'),
        "[weights].k: 0 Nachbarn",
        "[weights].k: 0 neighbours",
        id="knn-k-0",
    ),
    pytest.param(
        _replace('method = "queen"', 'method = "knn"\nk = 400'),
        f"[weights].k: k = 400 Nachbarn, es gibt aber nur {N_DEMO} Gebiete",
        f"[weights].k: k = 400 neighbours, but there are only {N_DEMO} areas",
        id="knn-k-too-large",
    ),
    pytest.param(
        _replace('method = "queen"', 'method = "distance"\nthreshold = -100'),
        "[weights].threshold: Abstand -100",
        "[weights].threshold: distance -100",
        id="negative-threshold",
    ),
    pytest.param(
        _replace("seed = 1", "seed = -1"),
        "[hotspots].seed: 'seed' muss eine ganze Zahl >= 0 sein",
        "[hotspots].seed: 'seed' needs to be an integer >= 0",
        id="negative-seed",
    ),
    pytest.param(
        _permutations_option("-5"),
        "'permutations' muss eine ganze Zahl von 0 bis 99999 sein",
        "'permutations' needs to be an integer >= 0 and <= 99999",
        id="negative-permutations-option",
    ),
    pytest.param(
        _negative_count,
        "[inputs.tables[0]]: Spalte 'EW' ist ein Zählwert, hat aber negative Werte",
        "[inputs.tables[0]]: column 'EW' is a count but is negative",
        id="negative-count",
    ),
    pytest.param(_no_crs, "[inputs].crs", "[inputs].crs", id="no-crs"),
    pytest.param(
        _replace('key = "SR_NR"\nname', 'key = "SR_NR"\ncrs = "EPSG:9999999"\nname'),
        "[inputs].crs: 'EPSG:9999999' ist kein bekanntes Koordinatenbezugssystem",
        "[inputs].crs: 'EPSG:9999999' is not a known coordinate reference system",
        id="bad-crs",
    ),
]


def _error_lines(err: str, prefix: str) -> list[str]:
    """The error: one line with `prefix`, then only the items of a problem list."""
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert lines and lines[0].startswith(prefix), err
    assert sum(ln.startswith(prefix) for ln in lines) == 1, err
    assert all(ln.startswith("  - ") for ln in lines[1:]), err
    return lines


GERMAN_CASES = BAD_INPUTS



def test_boundaries_in_degrees_are_reprojected(demo_cfg, tmp_path, capsys):
    """The demo's boundaries in EPSG:4326 (as a GeoJSON of an open-data portal would be):
    check accepts them (it refused them before) and the run's layer is in EPSG:25832."""
    import geopandas as gpd

    args = _geographic_crs(demo_cfg, demo_cfg.parent)
    assert main(args) == 0, capsys.readouterr().err
    out = tmp_path / "e"
    assert main(["-q", "run", str(demo_cfg), "--out", str(out), "--permutations", "99"]) == 0
    layer = gpd.read_file(out / "geodaten" / "ergebnisse.gpkg", layer="sozialraeume")
    assert layer.crs.to_epsg() == 25832 and len(layer) == N_DEMO
    assert "EPSG:4326 (Grad) vor" in (out / "methodik.md").read_text(encoding="utf-8")

@pytest.mark.parametrize(("make", "german", "english"), GERMAN_CASES)
def test_bad_input_is_one_german_error(demo_cfg, capsys, make, german, english):
    args = make(demo_cfg, demo_cfg.parent)
    assert main(args) == 2
    err = capsys.readouterr().err
    lines = _error_lines(err, "Fehler: ")
    assert german in err
    for marker in ENGLISH_MARKERS:
        assert marker not in "\n".join(lines), f"English {marker!r} in: {err}"
    # the advice names config keys, never Python arguments (sep=..., na_values=[...])
    assert not PYTHON_ADVICE.search(err), err


@pytest.mark.parametrize(("make", "german", "english"), BAD_INPUTS)
def test_bad_input_in_english(demo_cfg, capsys, make, german, english):
    args = make(demo_cfg, demo_cfg.parent)
    assert main(["--lang", "en", *args]) == 2
    err = capsys.readouterr().err
    _error_lines(err, "Error: ")
    assert english in err


def test_a_user_file_appearing_during_the_cli_run(demo_cfg, tmp_path, capsys, monkeypatch):
    run_module = importlib.import_module("sozialraum.report.run")  # not the function run

    out = tmp_path / "ergebnis"
    real = run_module.write_bundle

    def meanwhile(cfg, results, folder, **kwargs):
        out.mkdir()
        (out / "brief.txt").write_text("meins", encoding="utf-8")
        return real(cfg, results, folder, **kwargs)

    monkeypatch.setattr(run_module, "write_bundle", meanwhile)
    assert main(["-q", "run", str(demo_cfg), "--out", str(out), "--permutations", "99"]) == 2
    assert "während des Laufs entstanden" in _one_error_line(capsys.readouterr().err)
    assert (out / "brief.txt").read_text(encoding="utf-8") == "meins"


def _run_cmd(cfg: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "sozialraum", "-q", "run", str(cfg), "--out", str(out), *extra]


def test_a_second_run_into_a_locked_folder_is_refused(demo_cfg, tmp_path):
    """The lock held (here by the test): another process gets one German line, exit 2."""
    from sozialraum._util.files import output_lock

    out = tmp_path / "ergebnis"
    with output_lock(out):
        r = subprocess.run(
            _run_cmd(demo_cfg, out, "--permutations", "99"),
            capture_output=True, text=True, env=_env(), timeout=300,
        )
    assert r.returncode == 2, r.stderr
    line = _one_error_line(r.stderr)
    assert "schreibt gerade ein anderer Lauf von sozialraum" in line and "Traceback" not in r.stderr
    assert not out.exists() and not (tmp_path / ".ergebnis.lock").exists()


def test_two_runs_into_the_same_folder(demo_cfg, tmp_path):
    """Two real runs at once: the second is refused at once, the first finishes its bundle
    (issue 11: both exited 0 and the second replaced the first)."""
    out = tmp_path / "ergebnis"
    lock = tmp_path / ".ergebnis.lock"
    first = subprocess.Popen(  # 9999 permutations: long enough to overlap with the second
        _run_cmd(demo_cfg, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env=_env(),
    )
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and first.poll() is None and not lock.exists():
            time.sleep(0.05)
        assert first.poll() is None and lock.exists(), "the first run never took its lock"
        second = subprocess.run(
            _run_cmd(demo_cfg, out, "--permutations", "99"),
            capture_output=True, text=True, env=_env(), timeout=300,
        )
        _, err = first.communicate(timeout=600)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert second.returncode == 2, second.stderr
    assert "schreibt gerade ein anderer Lauf" in _one_error_line(second.stderr)
    assert first.returncode == 0, err
    assert sr.report.is_bundle(out) and not lock.exists()
    prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert prov["inference"]["permutations"] == 9999  # the first run's bundle, not replaced


def _fail_while_writing(monkeypatch, exc: BaseException) -> None:
    """Skip the analysis and fail where the bundle is written, as a full disk would."""
    run_module = importlib.import_module("sozialraum.report.run")  # not the function run

    def write(cfg, results, folder, **kwargs):
        (folder / "karten").mkdir()
        raise exc

    monkeypatch.setattr(run_module, "compute", lambda cfg, progress, **kw: None)
    monkeypatch.setattr(run_module, "write_bundle", write)


@pytest.mark.parametrize(
    ("exc", "german"),
    [
        (
            OSError(errno.ENOSPC, "No space left on device", "ergebnis/karten/a.png"),
            "Kein Speicherplatz mehr frei ('ergebnis/karten/a.png')",
        ),
        (
            PermissionError(errno.EACCES, "Permission denied", "ergebnis/karten"),
            "kann nicht gelesen oder geschrieben werden ('ergebnis/karten'): keine "
            "Schreibberechtigung",
        ),
        (MemoryError("std::bad_alloc"), "Nicht genug Arbeitsspeicher"),
        (sqlite3.OperationalError("unable to open database file"), "GeoPackage-Datei"),
        (sqlite3.OperationalError("database or disk is full"), "Kein Speicherplatz mehr frei"),
    ],
    ids=["disk-full", "permission", "memory", "sqlite", "sqlite-disk-full"],
)
def test_system_failures_are_one_german_line(demo_cfg, tmp_path, capsys, monkeypatch, exc, german):
    _fail_while_writing(monkeypatch, exc)
    out = tmp_path / "ergebnis"
    assert main(["-q", "run", str(demo_cfg), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert german in _one_error_line(err) and len(err.strip().splitlines()) == 1, err
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".erg")]
    # --debug keeps the traceback
    assert main(["-q", "--debug", "run", str(demo_cfg), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and german in err


def test_gdal_failure_is_one_german_line(demo_cfg, tmp_path, capsys, monkeypatch):
    import pyogrio.errors

    _fail_while_writing(monkeypatch, pyogrio.errors.DataSourceError("Failed to create GPKG file"))
    assert main(["-q", "run", str(demo_cfg), "--out", str(tmp_path / "o")]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "GDAL kann eine Geodatei nicht lesen oder schreiben: Failed to create GPKG" in line


def test_a_programming_error_keeps_its_traceback(demo_cfg, tmp_path, monkeypatch):
    _fail_while_writing(monkeypatch, ZeroDivisionError("a bug"))
    with pytest.raises(ZeroDivisionError):
        main(["-q", "run", str(demo_cfg), "--out", str(tmp_path / "o")])


def _mount_tmpfs(folder: Path, *options: str) -> bool:
    """A small tmpfs at `folder` (root only): a real full or read-only disk."""
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    opts = ",".join(("size=2m", *options))
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(folder)],
                       capture_output=True)
    return r.returncode == 0


def test_a_really_full_disk(demo_cfg, tmp_path, capsys):
    disk = tmp_path / "klein"
    if not _mount_tmpfs(disk):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        code = main(["-q", "run", str(demo_cfg), "--out", str(disk / "ergebnis"),
                     "--permutations", "99"])
        err = capsys.readouterr().err
        assert code == 2, err
        assert "Kein Speicherplatz mehr frei" in _one_error_line(err) and "Traceback" not in err
        assert list(disk.iterdir()) == []  # no half-written bundle, no temp folder, no lock
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_full_disk_behind_a_writer_error(demo_cfg, tmp_path, capsys, monkeypatch):
    """The newcomer's run in a fresh venv (issue 11): matplotlib's PDF backend, cleaning up
    after the disk filled, raised ``AttributeError: 'Stream' ...`` with the full disk only
    as its context, in a worker process. The user still reads the German full-disk error."""
    import matplotlib.figure

    save = matplotlib.figure.Figure.savefig

    def fill_the_disk(fig, fname, *args, **kwargs):
        if kwargs.get("format") != "pdf":
            return save(fig, fname, *args, **kwargs)
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError:
            raise AttributeError("'Stream' object has no attribute 'compressobj'")  # noqa: B904

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", fill_the_disk)
    out = tmp_path / "ergebnis"
    before = sorted(p.name for p in tmp_path.iterdir())
    code = main(["-q", "run", str(demo_cfg), "--out", str(out), "--permutations", "99"])
    err = capsys.readouterr().err
    assert code == 2, err
    line = _one_error_line(err)
    assert "Kein Speicherplatz mehr frei" in line and "Traceback" not in err, err
    assert "Stream" not in err and "AttributeError" not in err
    # no bundle, no temporary folder, no lock beside the target
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_an_unwritable_output_folder(demo_cfg, tmp_path, capsys, monkeypatch):
    disk = tmp_path / "schreibgeschuetzt"
    if _mount_tmpfs(disk, "ro"):
        try:
            assert main(["-q", "run", str(demo_cfg), "--out", str(disk / "ergebnis")]) == 2
            line = _one_error_line(capsys.readouterr().err)
            assert "kann nicht angelegt werden: der Datenträger ist schreibgeschützt" in line
        finally:
            subprocess.run(["umount", str(disk)], check=False)
    # without root: as the operating system answers for a folder without write permission
    from sozialraum._util import files

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkdtemp", refuse)
    assert main(["-q", "run", str(demo_cfg), "--out", str(tmp_path / "ergebnis")]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "kann nicht angelegt werden: keine Schreibberechtigung" in line


def test_output_path_with_more_dotdots_than_folders(demo_cfg, tmp_path, capsys, monkeypatch):
    """``../../..`` beyond the root means the root (issue 11: sqlite3 traceback)."""
    monkeypatch.chdir(tmp_path)
    up = "../" * (len(tmp_path.parts) + 2)
    out = up + str((tmp_path / "ergebnis").relative_to(tmp_path.anchor))
    assert main(["-q", "run", str(demo_cfg), "--out", out, "--permutations", "99"]) == 0
    assert sr.report.is_bundle(tmp_path / "ergebnis")
    assert (tmp_path / "ergebnis" / "geodaten" / "ergebnisse.gpkg").is_file()


def test_check_names_every_bad_setting_at_once(demo_cfg, capsys):
    """Every setting `run` uses is checked by `check` with its range, all in one message; `run`
    refuses the same config before any work."""
    text = demo_cfg.read_text(encoding="utf-8")
    for old, new in [
        ("clusters = false", "clusters = false\ndpi = 0"),
        ("k = 5", "k = 12"),
        ('method = "queen"', 'method = "distance"\nthreshold = -5\nk = 0'),
        ("seed = 1", "seed = -1"),
        ("permutations = 9999", "permutations = 5"),
    ]:
        assert old in text, old
        text = text.replace(old, new, 1)
    demo_cfg.write_text(text, encoding="utf-8")
    _negative_count(demo_cfg, demo_cfg.parent)
    assert main(["check", str(demo_cfg)]) == 2
    err = capsys.readouterr().err
    lines = _error_lines(err, "Fehler: ")
    for where in (
        "[maps].dpi",
        "[maps].k",
        "[weights].threshold",
        "[weights].k",
        "[hotspots].seed",
        "[hotspots].permutations",
        "[inputs.tables[0]]",
    ):
        assert any(line.startswith(f"  - {where}: ") for line in lines), (where, err)
    for marker in ENGLISH_MARKERS:
        assert marker not in err, marker
    out = demo_cfg.parent / "ergebnis"
    assert main(["run", str(demo_cfg), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "[maps].dpi" in err and "[1/13]" not in err and not out.exists()


def test_a_file_without_crs_runs_with_inputs_crs(demo_cfg, capsys):
    """The CRS advice names the config key, and the key works."""
    _without_crs(demo_cfg.parent)
    assert main(["check", str(demo_cfg)]) == 2
    err = capsys.readouterr().err
    assert "[inputs].crs" in err and "read_boundaries" not in err and "crs=" not in err
    text = demo_cfg.read_text(encoding="utf-8")
    demo_cfg.write_text(
        text.replace('key = "SR_NR"\n', 'key = "SR_NR"\ncrs = "EPSG:25832"\n', 1), encoding="utf-8"
    )
    assert main(["-q", "check", str(demo_cfg)]) == 0
    cfg = sr.load_config(demo_cfg)
    assert cfg.inputs.crs == "EPSG:25832" and cfg.to_dict()["inputs"]["crs"] == "EPSG:25832"



@pytest.mark.parametrize("own_process", [False, True])
def test_only_the_commands_own_process_freezes_before_the_work(monkeypatch, tmp_path,
                                                               own_process):
    """main() from Python (a notebook, a test) keeps every object collectable; the
    command's own process (cli.entry) freezes the imported libraries before the run."""
    import gc

    import sozialraum.cli as cli
    import sozialraum.report.run  # noqa: F401  (the package exports run() by that name)

    run_module = sys.modules["sozialraum.report.run"]

    seen = {}

    def fake_run(config, **kwargs):  # stands in for the pipeline: records the freeze
        seen["frozen"] = gc.get_freeze_count()
        return types.SimpleNamespace(summary=lambda lang: "")

    monkeypatch.setattr(run_module, "run", fake_run)
    monkeypatch.setattr(cli, "_OWN_PROCESS", own_process)
    gc.unfreeze()
    try:
        assert main(["demo", "--out", str(tmp_path / "b"), "--quiet"]) == 0
        assert (seen["frozen"] > 0) is own_process
    finally:
        gc.unfreeze()


def test_the_command_is_entry_and_freezes_its_objects_at_exit(tmp_path, repo_root):
    import tomllib

    scripts = tomllib.loads((repo_root / "pyproject.toml").read_text("utf-8"))["project"]
    assert scripts["scripts"]["sozialraum"] == "sozialraum.cli:entry"
    code = ("import gc, sys\nimport sozialraum.cli as c\n"
            f"sys.argv = ['sozialraum', 'init', {str(tmp_path / 'k.toml')!r}]\n"
            "rc = c.entry()\nprint(rc, gc.get_freeze_count() > 0)")
    env = {**os.environ, "PYTHONPATH": str(repo_root)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True, timeout=120)
    assert out.stdout.split()[-2:] == ["0", "True"]
    assert (tmp_path / "k.toml").is_file()
