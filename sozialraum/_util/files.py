"""Atomic files and folders, output-folder checks, file hashes."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from sozialraum.errors import OutputError, OutputExistsError


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale_temps(target: Path) -> None:
    """Remove temporary siblings ``.<name>.tmp-<pid>-*`` left by killed runs (pid gone)."""
    prefix = f".{target.name}.tmp-"
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        return
    for path in siblings:
        if not path.name.startswith(prefix) or not path.is_dir():
            continue
        pid_text = path.name[len(prefix) :].split("-", 1)[0]
        if pid_text.isdigit() and not _pid_alive(int(pid_text)):
            shutil.rmtree(path, ignore_errors=True)


@contextmanager
def atomic_dir(
    target: str | os.PathLike,
    *,
    force: bool = False,
    replaceable: Callable[[Path], bool] | None = None,
):
    """Build a folder under a temporary name and move it into place at the end.

    A failed or killed run leaves no half-written `target`: the temporary
    sibling ``.<name>.tmp-<pid>-*`` is removed on error, and one left behind by
    a killed process is removed by the next run. An existing `target` is
    replaced only with ``force=True``, only if it is a folder, not the current
    folder or one of its parents, and (if given) ``replaceable(target)`` says it
    may go: ``--force`` must never delete a folder of the user's own files.

    Yields
    ------
    pathlib.Path
        The temporary folder to write into.
    """
    target = Path(target)
    check_output_folder(target, force=force, replaceable=replaceable)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(target)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-{os.getpid()}-", dir=target.parent))
        tmp.chmod(0o777 & ~_umask())  # mkdtemp makes it 0700; the bundle gets normal rights
    except OSError as exc:
        raise OutputError.from_key(
            "output.cannot_create",
            path=target,
            reason=exc.strerror or exc,
        ) from exc
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    try:
        if target.exists():
            old = target.parent / f".{target.name}.old-{os.getpid()}"
            os.replace(target, old)
        os.replace(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not target.exists():
            os.replace(old, target)  # put the previous result back
        raise OutputError.from_key(
            "output.cannot_create",
            path=target,
            reason=exc.strerror or exc,
        ) from exc
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def check_output_folder(
    target: str | os.PathLike,
    *,
    force: bool = False,
    replaceable: Callable[[Path], bool] | None = None,
) -> None:
    """Raise if `target` may not be written (exists without `force`, or may not be replaced).

    Call it before long work so that a user learns at once; :func:`atomic_dir`
    checks again when it starts writing.
    """
    target = Path(target)
    if not (target.exists() or target.is_symlink()):
        return
    if not force:
        raise OutputExistsError.from_key(
            "config.output_exists",
            path=target,
        )
    if not target.is_dir() or target.is_symlink():
        raise OutputExistsError.from_key(
            "output.not_a_folder",
            path=target,
        )
    here = Path.cwd().resolve()
    resolved = target.resolve()
    if resolved == here or resolved in here.parents:
        raise OutputExistsError.from_key(
            "output.is_cwd",
            path=target,
        )
    if replaceable is not None and not replaceable(target):
        raise OutputExistsError.from_key(
            "output.not_a_bundle",
            path=target,
        )



@contextmanager
def atomic_file(target: str | os.PathLike, *, force: bool = False, mode: str = "w", **kwargs):
    """Write a file under a temporary name and rename it into place when complete.

    Yields an open file object (``mode`` and ``kwargs`` as for :func:`open`);
    for writers that need a path instead, use :func:`atomic_path`.
    """
    with atomic_path(target, force=force) as tmp:
        with open(tmp, mode, **kwargs) as fh:
            yield fh


@contextmanager
def atomic_path(target: str | os.PathLike, *, force: bool = False):
    """Yield a temporary path next to `target`; rename it to `target` on success."""
    target = Path(target)
    if target.exists() and not force:
        raise OutputExistsError.from_key("output.file_exists", path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(
        prefix=f".{target.stem}.tmp-", suffix=target.suffix, dir=target.parent
    )
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # writers like pyogrio refuse to write into an existing file
    try:
        yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, target)




def sha256(path: str | Path) -> str:
    """SHA-256 hex digest of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


#: Names Windows reserves for devices, in any case and with any extension.
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)


def slug(value: object, *, max_length: int = 60) -> str:
    """A file name stem made from data (a key, a code, a label): never a path.

    Letters are reduced to ASCII (``ä`` -> ``a``), every character other than
    ``A-Z a-z 0-9 - _`` becomes ``_``, runs of ``_`` collapse, leading and trailing
    ``_ - .`` are dropped, at most `max_length` characters are kept, a Windows device
    name gets a leading ``_``, and an empty result is ``_``.

    >>> slug("../../etc/passwd"), slug("01/01"), slug("Süd-Ost"), slug("=1+1"), slug("CON")
    ('etc_passwd', '01_01', 'Sud-Ost', '1_1', '_CON')
    """
    text_ = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    text_ = re.sub(r"[^A-Za-z0-9_-]+", "_", text_)
    text_ = re.sub(r"_+", "_", text_).strip("_-.")[:max_length].strip("_-.")
    if text_.lower() in _WINDOWS_RESERVED:
        text_ = f"_{text_}"
    return text_ or "_"


def safe_names(values, *, reserved=()) -> dict[str, str]:
    """A distinct file name stem for each value: :func:`slug`, made unique.

    Names are compared case-insensitively (Windows and macOS file systems); a name that
    collides with an earlier one or with `reserved` gets ``-2``, ``-3`` ...

    >>> safe_names(["0101", "01/01", "01_01", "index"], reserved=("index",))
    {'0101': '0101', '01/01': '01_01', '01_01': '01_01-2', 'index': 'index-2'}
    """
    taken = {r.lower() for r in reserved}
    out: dict[str, str] = {}
    for value in values:
        key = str(value)
        if key in out:
            continue
        stem = candidate = slug(key)
        n = 1
        while candidate.lower() in taken:
            n += 1
            candidate = f"{stem}-{n}"
        taken.add(candidate.lower())
        out[key] = candidate
    return out


def inside(folder: str | os.PathLike, name: str) -> Path:
    """``folder / name``, refusing any result outside `folder` (after resolving links)."""
    base = Path(folder).resolve()
    target = (base / name).resolve()
    if target.parent != base and base not in target.parents:
        raise OutputError.from_key("output.outside", name=name, folder=folder)
    return base / name
