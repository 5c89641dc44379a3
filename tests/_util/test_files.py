"""Tests of :mod:`sozialraum._util.files`.

Output folders never lose a file: the atomic move that refuses an existing target, the
output-folder lock, and the manifest that limits what ``--force`` may delete.

The end-to-end cases (a file appearing while ``sozialraum run`` writes, two runs into one
folder, ``--force`` with other or changed files) are in tests/test_cli.py and
tests/report/test_run.py.
"""

from __future__ import annotations

import errno
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import sozialraum as sr
from sozialraum._util import files
from sozialraum._util.files import (
    MANIFEST,
    atomic_dir,
    atomic_path,
    foreign_files,
    lock_path,
    output_lock,
    read_manifest,
    rename_noreplace,
)


def _bundle(target: Path, **contents: str) -> Path:
    with atomic_dir(target) as tmp:
        for name, text in contents.items():
            (tmp / name.replace("__", "/")).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name.replace("__", "/")).write_text(text, encoding="utf-8")
    return target


@pytest.mark.parametrize("native", [True, False], ids=["renameat2", "fallback"])
@pytest.mark.parametrize("existing", ["empty-folder", "folder", "file"])
def test_rename_noreplace_never_replaces(tmp_path, monkeypatch, native, existing):
    if not native:  # as on a system or file system without renameat2 / renamex_np
        monkeypatch.setattr(files, "_noreplace_call", lambda: None)
    elif files._noreplace_call() is None:
        pytest.skip("no renameat2 / renamex_np in this C library")
    src = tmp_path / "src"
    src.mkdir()
    (src / "neu.txt").write_text("neu", encoding="utf-8")
    dst = tmp_path / "dst"
    if existing == "file":
        dst.write_text("meins", encoding="utf-8")
    else:
        dst.mkdir()
        if existing == "folder":
            (dst / "meins.txt").write_text("meins", encoding="utf-8")
    with pytest.raises(FileExistsError):
        rename_noreplace(src, dst)
    assert (src / "neu.txt").read_text(encoding="utf-8") == "neu"
    if existing == "file":
        assert dst.read_text(encoding="utf-8") == "meins"
    elif existing == "folder":
        assert (dst / "meins.txt").read_text(encoding="utf-8") == "meins"
    else:
        assert dst.is_dir() and not list(dst.iterdir())
    rename_noreplace(src, tmp_path / "frei")
    assert (tmp_path / "frei" / "neu.txt").is_file() and not src.exists()


def test_a_folder_appearing_while_writing_is_kept(tmp_path):
    """The check at the start said "free"; a user's folder appears before the move: kept."""
    target = tmp_path / "ergebnis"
    with pytest.raises(sr.OutputExistsError) as info:
        with atomic_dir(target) as tmp:
            (tmp / "a.txt").write_text("neu", encoding="utf-8")
            target.mkdir()
            (target / "brief.txt").write_text("meins", encoding="utf-8")
    assert info.value.key == "output.appeared"
    assert "während des Laufs entstanden" in info.value.message("de")
    assert (target / "brief.txt").read_text(encoding="utf-8") == "meins"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ergebnis"]  # no temp, no lock


def test_an_empty_folder_appearing_while_writing_is_not_replaced(tmp_path):
    target = tmp_path / "ergebnis"
    with pytest.raises(sr.OutputExistsError):
        with atomic_dir(target):
            target.mkdir()
    assert target.is_dir() and not list(target.iterdir())


def test_manifest_lists_every_file_with_its_hash(tmp_path):
    target = _bundle(tmp_path / "b", **{"a.txt": "1", "karten__k.png": "2"})
    data = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    assert data["format"] == "sozialraum-manifest/1"
    assert data["files"] == {
        "a.txt": files.sha256(target / "a.txt"),
        "karten/k.png": files.sha256(target / "karten/k.png"),
    }
    assert read_manifest(target) == data["files"] and data["empty_folders"] == []
    assert foreign_files(target, data["files"]) == []
    assert oct(target.stat().st_mode & 0o777) == oct(0o777 & ~files._umask())


def test_the_bundle_s_own_empty_folders_are_no_foreign_files(tmp_path):
    with atomic_dir(tmp_path / "b") as tmp:
        (tmp / "karten").mkdir()  # a run without maps
        (tmp / "a.txt").write_text("1", encoding="utf-8")
    manifest = read_manifest(tmp_path / "b")
    assert manifest["karten/"] == "" and foreign_files(tmp_path / "b", manifest) == []
    with atomic_dir(tmp_path / "b", force=True) as tmp:
        (tmp / "a.txt").write_text("2", encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["a.txt", "manifest.json"]


@pytest.mark.parametrize("change", ["extra-file", "changed-file", "extra-folder", "link"])
def test_force_refuses_a_folder_with_other_or_changed_files(tmp_path, change):
    target = _bundle(tmp_path / "b", **{"a.txt": "1", "karten__k.png": "2"})
    if change == "extra-file":
        (target / "karten" / "notiz.txt").write_text("meins", encoding="utf-8")
        named = "karten/notiz.txt"
    elif change == "changed-file":
        (target / "a.txt").write_text("von Hand ergänzt", encoding="utf-8")
        named = "a.txt"
    elif change == "extra-folder":
        (target / "leer").mkdir()
        named = "leer/"
    else:
        (target / "a.txt").unlink()
        (target / "a.txt").symlink_to(tmp_path)
        named = "a.txt"
    before = sorted(str(p) for p in target.rglob("*"))
    with pytest.raises(sr.OutputExistsError) as info:
        with atomic_dir(target, force=True) as tmp:
            (tmp / "neu.txt").write_text("x", encoding="utf-8")
    assert info.value.key == "output.foreign_files"
    message = info.value.message("de")
    assert repr(named) in message and "nichts wurde gelöscht" in message
    assert sorted(str(p) for p in target.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]


def test_force_checks_again_before_replacing(tmp_path):
    """A user file put into the earlier bundle while the run works keeps the bundle."""
    target = _bundle(tmp_path / "b", **{"a.txt": "1"})
    with pytest.raises(sr.OutputExistsError) as info:
        with atomic_dir(target, force=True) as tmp:
            (tmp / "a.txt").write_text("2", encoding="utf-8")
            (target / "brief.txt").write_text("meins", encoding="utf-8")
    assert "'brief.txt'" in info.value.message("de")
    assert (target / "brief.txt").read_text(encoding="utf-8") == "meins"
    assert (target / "a.txt").read_text(encoding="utf-8") == "1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]


def test_force_deletes_exactly_the_manifest_files(tmp_path, monkeypatch):
    """A file that arrives in the old bundle after the last check (moved aside with it) stays."""
    target = _bundle(tmp_path / "b", **{"a.txt": "1", "karten__k.png": "2"})
    real = files.foreign_files
    calls = []

    def late_arrival(folder, manifest):
        calls.append(Path(folder).name)
        out = real(folder, manifest)
        if Path(folder).name.startswith(".b.old-"):
            (Path(folder) / "karten" / "spät.txt").write_text("meins", encoding="utf-8")
        return out

    monkeypatch.setattr(files, "foreign_files", late_arrival)
    with pytest.warns(sr.SozialraumWarning, match="left of the replaced output folder"):
        with atomic_dir(target, force=True) as tmp:
            (tmp / "neu.txt").write_text("x", encoding="utf-8")
    assert sorted(p.name for p in target.iterdir()) == ["manifest.json", "neu.txt"]
    (old,) = [p for p in tmp_path.iterdir() if p.name.startswith(".b.old-")]
    assert [p.relative_to(old).as_posix() for p in old.rglob("*")] == [
        "karten",
        "karten/spät.txt",
    ]


def test_relative_target_with_more_dotdots_than_folders(tmp_path, monkeypatch):
    """``../../..`` beyond the root is the root; the writers get an absolute path."""
    monkeypatch.chdir(tmp_path)
    up = "../" * (len(tmp_path.parts) + 3)
    target = Path(up + str(tmp_path.relative_to(tmp_path.anchor))) / "b"
    with atomic_dir(target) as tmp:
        assert tmp.is_absolute()
        import sqlite3

        sqlite3.connect(str(tmp / "x.gpkg")).close()  # refused with a relative path
    assert (tmp_path / "b" / "x.gpkg").is_file()


def test_the_lock_refuses_a_second_writer_in_another_thread(tmp_path):
    target = tmp_path / "ergebnis"
    errors: list[BaseException] = []
    with output_lock(target) as lock:
        assert lock == lock_path(target) and lock.name == ".ergebnis.lock" and lock.is_file()

        def second():
            try:
                with atomic_dir(target):
                    pass
            except BaseException as exc:  # noqa: BLE001 - handed to the test thread
                errors.append(exc)

        t = threading.Thread(target=second)
        t.start()
        t.join()
        with atomic_dir(target) as tmp:  # the holder itself may write (nested)
            (tmp / "a.txt").write_text("1", encoding="utf-8")
    (err,) = errors
    assert isinstance(err, sr.OutputError) and err.key == "output.locked"
    assert "schreibt gerade ein anderer Lauf" in err.message("de")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ergebnis"]  # lock file removed


def test_the_lock_refuses_another_process_and_is_released_when_it_dies(tmp_path):
    target = tmp_path / "ergebnis"
    code = (
        "import sys, time\n"
        "from sozialraum._util.files import output_lock\n"
        "with output_lock(sys.argv[1]):\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(120)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(sr.OutputError) as info:
            with atomic_dir(target):
                pass
        assert info.value.key == "output.locked"
        assert f"Prozess {proc.pid}" in info.value.message("de")
    finally:
        proc.kill()  # like kill -9: the lock file stays, but nobody holds it any more
        proc.wait()
        proc.stdout.close()
    assert lock_path(target).exists()
    with atomic_dir(target) as tmp:
        (tmp / "a.txt").write_text("1", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ergebnis"]


def test_the_lock_creates_missing_parents_and_removes_them_on_failure(tmp_path):
    target = tmp_path / "neu" / "tief" / "ergebnis"
    with pytest.raises(RuntimeError):
        with atomic_dir(target):
            raise RuntimeError("the run failed")
    assert list(tmp_path.iterdir()) == []
    with atomic_dir(target):
        pass
    assert target.is_dir()


def test_atomic_dir_moves_into_place_and_refuses_overwrite(tmp_path):
    target = tmp_path / "bundle"
    with atomic_dir(target) as tmp:
        (tmp / "a.txt").write_text("1")
        assert not target.exists()
    assert (target / "a.txt").read_text() == "1"
    with pytest.raises(sr.OutputExistsError, match="--force"):
        with atomic_dir(target):
            pass
    with atomic_dir(target, force=True) as tmp:
        (tmp / "b.txt").write_text("2")
    # the old folder's files went (all listed in its manifest, unchanged), the new one has its own
    assert sorted(p.name for p in target.iterdir()) == ["b.txt", "manifest.json"]
    assert [p.name for p in tmp_path.iterdir()] == ["bundle"]  # no leftovers, no lock file


def test_atomic_dir_failure_leaves_nothing(tmp_path):
    target = tmp_path / "bundle"
    with pytest.raises(RuntimeError):
        with atomic_dir(target) as tmp:
            (tmp / "half.txt").write_text("x")
            raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def _fails_like_matplotlib_on_a_full_disk(path: Path) -> None:
    """What matplotlib's PDF backend did in a fresh venv: the disk filled while a stream was
    written, and cleaning up raised its own error with the disk's as context."""
    path.write_bytes(b"%PDF-1.4 half")
    try:
        raise OSError(errno.ENOSPC, "No space left on device")
    except OSError:
        raise AttributeError("'Stream' object has no attribute 'compressobj'")  # noqa: B904


def test_a_writer_error_after_a_full_disk_is_the_disk_error(tmp_path):
    """Issue 11: the full disk, not the writer's clean-up error, reaches the user (and
    survives the trip from a worker process, which drops ``__context__``)."""
    target = tmp_path / "karte.pdf"
    with pytest.raises(OSError) as caught:
        with atomic_path(target) as tmp:
            _fails_like_matplotlib_on_a_full_disk(tmp)
    assert caught.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []  # the half-written temporary file is gone
    # the error a worker sends keeps errno 28 (the pickled AttributeError would not)
    import pickle

    assert pickle.loads(pickle.dumps(caught.value)).errno == errno.ENOSPC
    # any other writer error passes unchanged
    with pytest.raises(AttributeError, match="compressobj"):
        with atomic_path(target) as tmp:
            raise AttributeError("'Stream' object has no attribute 'compressobj'")
    # an explicit `from None` hides the context on purpose: then it is not the disk's error
    with pytest.raises(ValueError):
        with files.disk_full_first():
            try:
                raise OSError(errno.ENOSPC, "No space left on device")
            except OSError:
                raise ValueError("unrelated") from None


def test_atomic_path_keeps_existing_file_on_failure(tmp_path):
    target = tmp_path / "t.csv"
    target.write_text("old")
    with pytest.raises(sr.OutputExistsError):
        with atomic_path(target):
            pass
    with pytest.raises(RuntimeError):
        with atomic_path(target, force=True) as tmp:
            tmp.write_text("new but broken")
            raise RuntimeError
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]

