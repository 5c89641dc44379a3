"""Atomic files and folders, the output-folder lock and manifest, output checks, file hashes."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import hashlib
import json
import os
import re
import secrets
import shutil
import tempfile
import threading
import unicodedata
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from sozialraum._util import stop
from sozialraum.errors import (
    Listed,
    OutputError,
    OutputExistsError,
    Phrase,
    SozialraumWarning,
)

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


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


def _absolute(path: Path) -> Path:
    """`path` with its folder resolved (links and ``..``), its own name kept.

    Every writer gets this absolute path: sqlite (the GeoPackage) refuses a relative path
    with more ``..`` than folders, which the operating system reads as the root.
    """
    return Path(path).parent.resolve() / Path(path).name


# --- reasons of operating-system errors, in the message's language -----------------------

#: errno -> the catalogue text of its reason (others are shown as the system says them)
_OS_REASONS = {
    errno.ENOSPC: "output.reason.no_space",
    getattr(errno, "EDQUOT", -1): "output.reason.quota",
    errno.EACCES: "output.reason.permission",
    errno.EPERM: "output.reason.permission",
    errno.EROFS: "output.reason.read_only",
    errno.ENOTDIR: "output.reason.not_a_folder",
    errno.ENOENT: "output.reason.not_found",
    errno.ENAMETOOLONG: "output.reason.too_long",
    errno.EEXIST: "output.reason.exists",
    errno.ENOTEMPTY: "output.reason.exists",
}


#: errno values that mean "the disk (or the user's quota) is full"
DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def disk_full_in_chain(exc: BaseException) -> OSError | None:
    """The full-disk :class:`OSError` behind `exc` (itself, its cause or its context), if any.

    A writer that fails while cleaning up after a full disk raises its own error, with the
    disk's as context (matplotlib's PDF backend: ``AttributeError: 'Stream' object has no
    attribute ...`` after ``OSError 28``). The context is lost when the error is sent from a
    worker process, so writers re-raise the disk's error with :func:`disk_full_first`.
    """
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in DISK_FULL:
            return exc
        # as Python prints it: the cause, else the context unless `raise ... from None`
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return None


@contextmanager
def disk_full_first():
    """Re-raise the full-disk error behind any error of the block (see
    :func:`disk_full_in_chain`); other errors pass unchanged."""
    try:
        yield
    except Exception as exc:
        full = disk_full_in_chain(exc)
        if full is None or full is exc:
            raise
        raise full.with_traceback(full.__traceback__) from None


def os_reason(exc: BaseException) -> object:
    """Why an operating-system call failed: a :class:`Phrase` for common errors (German and
    English), else the system's own text."""
    key = _OS_REASONS.get(getattr(exc, "errno", None))  # type: ignore[arg-type]
    if key is not None:
        return Phrase(key)
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _cannot_create(target: Path, exc: OSError) -> OutputError:
    return OutputError.from_key("output.cannot_create", path=target, reason=os_reason(exc))


# --- moving a folder into place without replacing anything -------------------------------

_AT_FDCWD = -100  # <fcntl.h>: paths relative to the current folder
_RENAME_NOREPLACE = 1  # <linux/fs.h>
_RENAME_EXCL = 0x4  # <stdio.h> on macOS, for renamex_np


@functools.lru_cache(maxsize=1)
def _noreplace_call():
    """The C library's rename that refuses an existing target, as (kind, function), or None.

    Linux (glibc 2.28+, musl): ``renameat2(..., RENAME_NOREPLACE)``; macOS:
    ``renamex_np(..., RENAME_EXCL)``. Both check and rename in one step in the kernel.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):  # Windows has no C library to open this way
        return None
    fn = getattr(libc, "renameat2", None)
    if fn is not None:
        fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        fn.restype = ctypes.c_int
        return "renameat2", fn
    fn = getattr(libc, "renamex_np", None)
    if fn is not None:
        fn.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        fn.restype = ctypes.c_int
        return "renamex_np", fn
    return None


def rename_noreplace(src: str | os.PathLike, dst: str | os.PathLike) -> None:
    """Rename `src` to `dst` in one step; :class:`FileExistsError` if `dst` exists.

    Nothing at `dst` is ever replaced. Where the C library offers it (Linux, macOS) the
    kernel checks and renames atomically (``renameat2(RENAME_NOREPLACE)``,
    ``renamex_np(RENAME_EXCL)``), so a folder that appears at `dst` in the meantime is not
    lost. Elsewhere, and on file systems without that call (some network file systems),
    plain :func:`os.rename` after a check: Windows refuses any existing target itself, and
    on POSIX renaming a folder fails onto a file or a non-empty folder, so the only thing
    the short gap between check and rename could replace is an empty folder.
    """
    call = _noreplace_call()
    if call is not None:
        kind, fn = call
        a, b = os.fsencode(src), os.fsencode(dst)
        if kind == "renameat2":
            rc = fn(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_NOREPLACE)
        else:
            rc = fn(a, b, _RENAME_EXCL)
        if rc == 0:
            return
        err = ctypes.get_errno()
        if err not in (errno.ENOSYS, errno.EINVAL, getattr(errno, "ENOTSUP", -1)):
            raise OSError(err, os.strerror(err), os.fsdecode(src), None, os.fsdecode(dst))
        # the kernel or file system does not support it: fall back (see above)
    if os.path.lexists(dst):
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(src), None, str(dst))
    try:
        os.rename(src, dst)
    except OSError as exc:
        if exc.errno in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR):
            raise FileExistsError(
                errno.EEXIST, os.strerror(errno.EEXIST), str(src), None, str(dst)
            ) from exc
        raise


# --- the output-folder lock -----------------------------------------------------------------

#: locks held by this process: lock path -> (thread id, depth), so one thread may nest them
_HELD: dict[str, tuple[int, int]] = {}
_HELD_GUARD = threading.Lock()


def lock_path(target: str | os.PathLike) -> Path:
    """The lock file of output folder `target`: ``.<name>.lock`` beside it."""
    target = _absolute(Path(target))
    return target.parent / f".{target.name}.lock"


def _try_lock(fd: int) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    try:  # Windows: a byte-range lock on the first byte
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[name-defined]
    except OSError:
        return False
    return True


def _acquire(lock: Path, shown: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
    while True:
        fd = os.open(lock, flags, 0o644)
        if not _try_lock(fd):
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise OutputError.from_key("output.locked", path=shown, lock=lock.name, pid=holder)
        # the previous holder removes the file when it is done: a lock on a removed file
        # protects nothing, so try again on the new one
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(lock))
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
            return fd
        os.close(fd)


def _release(fd: int, lock: Path) -> None:
    if fcntl is not None:
        lock.unlink(missing_ok=True)  # while still holding it (see _acquire)
        os.close(fd)  # closing releases the lock
        return
    os.close(fd)
    with contextlib.suppress(OSError):
        lock.unlink()


def _make_parents(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; return the ones created, deepest first."""
    missing = []
    p = folder
    while not os.path.lexists(p) and p != p.parent:
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        d.mkdir(exist_ok=True)
    return missing


@contextmanager
def output_lock(target: str | os.PathLike):
    """Hold the lock of output folder `target` (the file ``.<name>.lock`` beside it).

    A second run, in this or another process, that wants to write the same folder gets an
    :class:`~sozialraum.errors.OutputError` at once. The lock is an advisory ``flock`` on the
    open file (Windows: ``msvcrt.locking``): the operating system releases it when the
    process ends in any way, also ``kill -9``; a lock file left behind then is not held
    and is taken over by the next run. Missing parent folders are created, and removed
    again if they are still empty at the end. The same thread may nest the lock.
    """
    shown = Path(target)
    lock = lock_path(shown)
    key = str(lock)
    me = threading.get_ident()
    with _HELD_GUARD:
        held = _HELD.get(key)
        nested = held is not None and held[0] == me
        if nested:
            _HELD[key] = (me, held[1] + 1)  # type: ignore[index]
    if nested:
        try:
            yield lock
        finally:
            with _HELD_GUARD:
                _HELD[key] = (me, _HELD[key][1] - 1)
        return
    try:
        created = _make_parents(lock.parent)
        fd = _acquire(lock, shown)
    except OSError as exc:
        if isinstance(exc, OutputError):
            raise
        raise _cannot_create(shown, exc) from exc
    with _HELD_GUARD:
        _HELD[key] = (me, 1)
    try:
        yield lock
    finally:
        with _HELD_GUARD:
            _HELD.pop(key, None)
        _release(fd, lock)
        for d in created:
            try:
                d.rmdir()  # only if still empty
            except OSError:
                break


# --- the manifest: which files a bundle folder owns ----------------------------------------

#: The file every folder written by :func:`atomic_dir` gets: each file with its SHA-256.
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "sozialraum-manifest/1"


def write_manifest(folder: str | os.PathLike) -> dict[str, str]:
    """Write ``manifest.json`` into `folder`: every other file with its SHA-256 (sorted), and
    the folders that hold no file (e.g. ``karten/`` of a run without maps)."""
    folder = Path(folder)
    entries = sorted(folder.rglob("*"))
    files = {
        p.relative_to(folder).as_posix(): sha256(p)
        for p in entries
        if p.is_file() and p.relative_to(folder).as_posix() != MANIFEST
    }
    empty = [
        p.relative_to(folder).as_posix()
        for p in entries
        if p.is_dir() and not p.is_symlink() and not any(p.iterdir())
    ]
    data = {"format": MANIFEST_FORMAT, "files": files, "empty_folders": empty}
    (folder / MANIFEST).write_text(
        json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    return files


def read_manifest(folder: str | os.PathLike) -> dict[str, str] | None:
    """What ``manifest.json`` of `folder` lists, or None if it has none: path -> SHA-256 of
    each file, and ``"<folder>/" -> ""`` for each folder without files."""
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return None
    files, empty = data.get("files"), data.get("empty_folders", [])
    if not isinstance(files, dict) or not isinstance(empty, list):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return None
    return {**files, **{f"{d}/": "" for d in empty if isinstance(d, str)}}


def foreign_files(folder: str | os.PathLike, manifest: dict[str, str]) -> list[str]:
    """What in `folder` is not the manifest's: files it does not list, listed files that were
    changed (another SHA-256, replaced by a link), and empty folders it does not need."""
    folder = Path(folder)
    needed = {p.as_posix() for rel in manifest for p in Path(rel).parents}
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        base = Path(dirpath)
        for name in sorted(filenames) + sorted(d for d in dirnames if (base / d).is_symlink()):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            if rel == MANIFEST and base == folder:
                continue
            if (
                rel not in manifest
                or path.is_symlink()
                or not path.is_file()
                or sha256(path) != manifest[rel]
            ):
                out.append(rel)
        dirnames[:] = sorted(d for d in dirnames if not (base / d).is_symlink())
        rel_dir = base.relative_to(folder).as_posix()
        if base != folder and not dirnames and not filenames:
            if rel_dir not in needed and f"{rel_dir}/" not in manifest:
                out.append(rel_dir + "/")
    return out


def _remove_owned(folder: Path, manifest: dict[str, str]) -> bool:
    """Delete the manifest's unchanged files of `folder`, then its empty folders.

    Returns True if `folder` is gone (nothing else was in it).
    """
    for rel, digest in manifest.items():
        path = folder / rel
        with contextlib.suppress(OSError):
            if path.is_file() and not path.is_symlink() and sha256(path) == digest:
                path.unlink()
    (folder / MANIFEST).unlink(missing_ok=True)
    for dirpath, _, _ in sorted(os.walk(folder), key=lambda t: -len(Path(t[0]).parts)):
        with contextlib.suppress(OSError):
            os.rmdir(dirpath)  # only an empty folder
    return not os.path.lexists(folder)


# --- atomic folders -------------------------------------------------------------------------


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
    a killed process is removed by the next run. The finished folder gets
    ``manifest.json`` (every file with its SHA-256) and is renamed to `target`
    in one step that never replaces anything (:func:`rename_noreplace`): if
    `target` appeared while the folder was written, nothing is overwritten and
    :class:`OutputExistsError` says so. The whole time the output folder's lock
    is held (:func:`output_lock`), so two runs cannot write the same folder.

    An existing `target` is replaced only with ``force=True``, only if it is a
    folder, not the current folder or one of its parents, if (when given)
    ``replaceable(target)`` says it may go, and if it holds nothing but the
    unchanged files of its manifest: ``--force`` must never delete a user's own
    file. Of the old folder exactly those files are deleted.

    Yields
    ------
    pathlib.Path
        The temporary folder to write into.
    """
    shown = Path(target)
    with output_lock(shown):
        check_output_folder(shown, force=force, replaceable=replaceable)
        final = _absolute(shown)
        try:
            _remove_stale_temps(final)
            prefix = f".{final.name}.tmp-{os.getpid()}-"
            tmp = Path(tempfile.mkdtemp(prefix=prefix, dir=final.parent))
            tmp.chmod(0o777 & ~_umask())  # mkdtemp makes it 0700; the bundle gets normal rights
        except OSError as exc:
            raise _cannot_create(shown, exc) from exc
        try:
            yield tmp
            write_manifest(tmp)
            # a stop (Ctrl-C, SIGTERM) that a library swallowed on its way: the bundle must
            # not appear as if the run had been allowed to finish
            stop.check()
            _move_into_place(tmp, final, shown, force=force, replaceable=replaceable)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


def _move_into_place(tmp: Path, final: Path, shown: Path, *, force: bool, replaceable) -> None:
    try:
        rename_noreplace(tmp, final)
        return
    except FileExistsError:
        if not force:
            raise OutputExistsError.from_key("output.appeared", path=shown) from None
    except OSError as exc:
        raise _cannot_create(shown, exc) from exc
    # --force: the earlier bundle goes only if it still holds nothing but its own files
    # (checked again here: a user may have put a file into it while this run was working)
    check_output_folder(shown, force=True, replaceable=replaceable)
    old = final.parent / f".{final.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        rename_noreplace(final, old)
    except OSError as exc:
        raise _cannot_create(shown, exc) from exc
    manifest = read_manifest(old)
    # anything that arrived between the check and the move is in `old` now: look once more
    foreign = foreign_files(old, manifest) if manifest is not None else ["manifest.json"]
    try:
        if foreign:
            raise OutputExistsError.from_key(
                "output.foreign_files", path=shown, files=Listed(foreign)
            )
        rename_noreplace(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            rename_noreplace(old, final)  # put the earlier bundle back
        raise
    if not _remove_owned(old, manifest):  # type: ignore[arg-type]
        warnings.warn(
            SozialraumWarning(Phrase("output.leftover", path=old).render("en")), stacklevel=3
        )


def check_output_folder(
    target: str | os.PathLike,
    *,
    force: bool = False,
    replaceable: Callable[[Path], bool] | None = None,
) -> None:
    """Raise if `target` may not be written (exists without `force`, or may not be replaced).

    Call it before long work so that a user learns at once; :func:`atomic_dir`
    checks again when it starts writing and once more before it replaces anything.
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
    manifest = read_manifest(target)
    if manifest is None or (replaceable is not None and not replaceable(target)):
        raise OutputExistsError.from_key(
            "output.not_a_bundle",
            path=target,
        )
    foreign = foreign_files(target, manifest)
    if foreign:
        raise OutputExistsError.from_key("output.foreign_files", path=target, files=Listed(foreign))


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
        with disk_full_first():
            yield tmp
        stop.check()  # a stop a library swallowed: the file must not appear as if finished
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
