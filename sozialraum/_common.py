"""Small helpers shared by every stage (no dependency on later stages)."""

from __future__ import annotations

import datetime as _dt
import difflib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from .errors import ConfigError, OutputError, OutputExistsError

__all__ = [
    "atomic_dir",
    "atomic_file",
    "atomic_path",
    "check_choice",
    "check_output_folder",
    "fisher_jenks",
    "format_stichtag",
    "parse_stichtag",
]


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """Validate a ``Literal`` argument, with a "did you mean" hint on a typo.

    Examples
    --------
    >>> check_choice("method", "queen", ["queen", "rook"])
    'queen'
    """
    options = list(choices)
    if value in options:
        return value  # type: ignore[return-value]
    hint = ""
    if isinstance(value, str):
        words = [o for o in options if isinstance(o, str)]  # options may include None
        close = difflib.get_close_matches(value, words, n=1)
        if close:
            hint = f" Did you mean {close[0]!r}?"
    listed = ", ".join(repr(o) for o in options)
    raise ConfigError(f"{name!r} needs to be one of ({listed}). {value!r} was given instead.{hint}")


_DE_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


def parse_stichtag(value: object) -> _dt.date:
    """Parse a Stichtag given as a date, ``"31.12.2024"``, ``"2024-12-31"`` or a year.

    A bare year means 31 December of that year (the usual Stichtag).

    Examples
    --------
    >>> parse_stichtag("31.12.2024")
    datetime.date(2024, 12, 31)
    >>> parse_stichtag(2023)
    datetime.date(2023, 12, 31)
    """
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()  # pandas Timestamp
    if isinstance(value, int) and 1900 <= value <= 2200:
        return _dt.date(value, 12, 31)
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}", text):
            return _dt.date(int(text), 12, 31)
        m = _DE_DATE.match(text)
        try:
            if m:
                return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return _dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
    raise ConfigError(
        f"Cannot read the Stichtag {value!r}. Give it as '31.12.2024', '2024-12-31' or a year."
    )


def format_stichtag(value: object) -> str:
    """Format a Stichtag the German way: ``31.12.2024``."""
    return parse_stichtag(value).strftime("%d.%m.%Y")


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
    except OSError as exc:
        raise _localized(
            OutputError(
                f"Cannot create the output folder '{target}': {exc.strerror or exc}. "
                "Choose a folder you can write to (--out)."
            ),
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
        raise _localized(
            OutputError(f"Cannot move the result into '{target}': {exc.strerror or exc}."),
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
        raise _localized(
            OutputExistsError(
                f"The output folder '{target}' exists already. Choose another folder or "
                "pass force=True (CLI: --force) to replace it."
            ),
            "config.output_exists",
            path=target,
        )
    if not target.is_dir() or target.is_symlink():
        raise _localized(
            OutputExistsError(
                f"'{target}' exists and is not a folder; --force replaces only a previous "
                "result folder. Choose another name."
            ),
            "output.not_a_folder",
            path=target,
        )
    here = Path.cwd().resolve()
    resolved = target.resolve()
    if resolved == here or resolved in here.parents:
        raise _localized(
            OutputExistsError(
                f"'{target}' is the current folder or contains it; it cannot be replaced. "
                "Choose a new folder for the results (--out)."
            ),
            "output.is_cwd",
            path=target,
        )
    if replaceable is not None and not replaceable(target):
        raise _localized(
            OutputExistsError(
                f"'{target}' is not a result folder of sozialraum; --force replaces only those, "
                "so that no other files are deleted. Choose another folder (--out)."
            ),
            "output.not_a_bundle",
            path=target,
        )


def _localized(err: Exception, key: str, **values: object) -> Exception:
    """Attach the German/English user message (the CLI prints it) to `err`."""
    from ._text import text

    err.localized = {lang: text(key, lang, **values) for lang in ("de", "en")}  # type: ignore[attr-defined]
    return err


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
        raise OutputExistsError(
            f"The file '{target}' exists already. Choose another name or pass force=True."
        )
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


def fisher_jenks(values, k: int):
    """``mapclassify.FisherJenks`` without its "Numba not installed" notice.

    Without numba mapclassify falls back to pure Python and says so on every
    call; for the few hundred districts of a city that is fast enough, and the
    notice would only confuse a planner (and fail tests run with warnings as
    errors). Natural breaks for many thousands of areas are faster with numba
    installed (``pip install numba``).
    """
    import warnings

    import mapclassify

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Numba not installed", category=UserWarning)
        return mapclassify.FisherJenks(values, k=k)
