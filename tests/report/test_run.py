"""Tests of :mod:`sozialraum.report.run`.

``run``: inputs untouched, settings checked before any work, no overwrite, nothing left
behind by a failed run, a user's file appearing during the run kept.
"""

from __future__ import annotations

import dataclasses

import pytest
from support.demo import DEMO_DIR
from support.report import INPUTS, _fast, _sha

import sozialraum as sr
from sozialraum import config as cfgmod
from sozialraum.errors import (
    ConfigError,
    OutputExistsError,
)


def test_run_refuses_invalid_settings_before_any_work(tmp_path):
    import dataclasses

    cfg = sr.config.demo_config(permutations=99)
    out = tmp_path / "out"
    steps = []
    for bad in (-1, True, 100_000):
        with pytest.raises(ConfigError) as info:
            sr.run(cfg, out=out, permutations=bad, progress=lambda *a, **k: steps.append(a))
        assert info.value.key == "stats.permutations"
    for seed in (True, "abc"):
        with pytest.raises(ConfigError) as info:
            cfg.replace(hotspots=dataclasses.replace(cfg.hotspots, seed=seed))
        assert info.value.key == "stats.seed"
    assert not out.exists() and steps == []
    assert cfg.hotspots.inference == sr.Inference(permutations=99)


def test_a_user_file_appearing_during_the_run_is_kept(demo_cfg, tmp_path, capsys):
    """The folder was free at the start; a user's folder appears while the bundle is written
    (here from the progress callback): it is not deleted, and the run says so."""
    out = tmp_path / "ergebnis"

    def progress(step, total, key, **values):
        if key == "step.tables" and not out.exists():
            out.mkdir()
            (out / "brief.txt").write_text("Sehr geehrte Damen und Herren", encoding="utf-8")

    with pytest.raises(sr.OutputExistsError) as info:
        sr.run(demo_cfg, out=out, permutations=99, progress=progress)
    assert "während des Laufs entstanden" in info.value.message("de")
    assert [p.name for p in out.iterdir()] == ["brief.txt"]
    assert (out / "brief.txt").read_text(encoding="utf-8") == "Sehr geehrte Damen und Herren"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ergebnis")]


def test_the_library_run_checks_a_config_built_in_python(tmp_path):
    cfg = cfgmod.demo_config()
    cfg = cfg.replace(maps=dataclasses.replace(cfg.maps, dpi=20000))
    with pytest.raises(sr.ConfigError) as info:
        sr.run(cfg, out=tmp_path / "o", permutations=99)
    assert "[maps].dpi: 20000 dpi" in info.value.message("de")
    with pytest.raises(sr.ConfigError) as info:
        sr.run(cfgmod.demo_config(), out=tmp_path / "o", permutations=-1)
    assert info.value.key == "stats.permutations"
    assert list(tmp_path.iterdir()) == []


def test_inputs_are_not_modified(bundle, input_hashes):
    assert {name: _sha(DEMO_DIR / name) for name in INPUTS} == input_hashes


def test_existing_bundle_is_not_overwritten(tmp_path):
    out = tmp_path / "ergebnis"
    out.mkdir()
    (out / "alt.txt").write_text("bleibt", encoding="utf-8")
    with pytest.raises(OutputExistsError) as info:
        sr.run(_fast(cfgmod.demo_config()), out=out)
    assert "--force" in info.value.message("de")
    assert (out / "alt.txt").read_text(encoding="utf-8") == "bleibt"
    # force=True replaces only an earlier bundle: a folder of other files is never deleted
    with pytest.raises(OutputExistsError) as info:
        sr.run(_fast(cfgmod.demo_config()), out=out, force=True)
    assert "kein Ergebnisordner von sozialraum" in info.value.message("de")
    assert (out / "alt.txt").read_text(encoding="utf-8") == "bleibt"
    (out / "alt.txt").unlink()
    out.rmdir()
    first = sr.run(_fast(cfgmod.demo_config()), out=out)
    assert sr.report.is_bundle(first.path)
    bundle = sr.run(_fast(cfgmod.demo_config()), out=out, force=True)
    assert (out / "methodik.md").is_file() and bundle.path == out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ergebnis"]  # no temp folder left


def test_failed_run_leaves_nothing(tmp_path, monkeypatch):
    from sozialraum.report import profiles as _profiles

    def boom(*args, **kwargs):
        raise RuntimeError("simulated failure while writing profiles")

    monkeypatch.setattr(_profiles, "write_profiles", boom)
    with pytest.raises(RuntimeError, match="simulated failure"):
        sr.run(_fast(cfgmod.demo_config()), out=tmp_path / "ergebnis")
    assert list(tmp_path.iterdir()) == []

