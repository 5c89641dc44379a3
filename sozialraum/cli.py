"""The ``sozialraum`` command: a thin shell over :func:`load_config` and :func:`run`.

Commands (German messages, English with ``--lang en``)::

    sozialraum demo  [--out DIR] [--force] [--region]  full run on the demo city Musterstadt
                                                (--region: the demo region Musterkreis)
    sozialraum run   CONFIG [--out DIR] [--force]
    sozialraum check CONFIG                     validate config and inputs, write nothing
    sozialraum init  [PATH]                     write a commented German config template

Exit codes: 0 success, 2 user error (a :class:`~sozialraum.errors.SozialraumError`,
a bad command line, or a failure of the operating system, GDAL, sqlite or memory such as
a full disk), 130 interrupted (Ctrl-C or SIGTERM: the temporary folder is removed, see
:mod:`sozialraum._util.stop`). A user error is printed as one German line on
stderr (``--debug`` prints the traceback as well). Progress goes to stderr, the
summary to stdout; ``--quiet`` silences both and keeps only errors.

Heavy modules (pandas, geopandas, matplotlib) are imported inside the command
functions so that ``sozialraum --help`` starts fast.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import re
import sqlite3
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from sozialraum._text import text
from sozialraum._util import stop
from sozialraum._util.files import DISK_FULL, disk_full_in_chain, os_reason
from sozialraum._util.stop import signals_stop
from sozialraum._util.version import __version__
from sozialraum.errors import ConfigError, Phrase, SozialraumError, user_message

__all__ = ["main"]

EXIT_OK = 0
EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130


class _Formatter(argparse.HelpFormatter):
    """Help texts with a German "Aufruf:" instead of argparse's "usage:"."""

    lang = "de"

    def add_usage(self, usage, actions, groups, prefix=None):
        if prefix is None:
            prefix = text("cli.usage", self.lang) + " "
        return super().add_usage(usage, actions, groups, prefix)


class _FormatterEN(_Formatter):
    lang = "en"


class _Parser(argparse.ArgumentParser):
    """ArgumentParser with German help headings; usage errors are one line and exit code 2."""

    lang = "de"

    def __init__(self, *args, lang: str = "de", **kwargs):
        kwargs.setdefault("formatter_class", _FormatterEN if lang == "en" else _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.lang = lang
        self._positionals.title = text("cli.positionals", lang)
        self._optionals.title = text("cli.optionals", lang)
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help=text("cli.help.help", lang),
        )

    def error(self, message: str):
        self.exit(
            EXIT_USER_ERROR, text("cli.error", self.lang, message=_usage_error(message, self.lang))
            + "\n",
        )


# argparse's (English) usage errors and their catalogue keys; another one is shown as given
_USAGE_ERRORS: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (?P<names>.+)", "cli.missing_arguments"),
    (r"unrecognized arguments: (?P<args>.+)", "cli.unrecognized"),
    (r"argument (?P<argument>\S+): invalid int value: '(?P<given>.*)'", "cli.invalid_int"),
    (r"argument (?P<argument>\S+): expected one argument", "cli.expected_one"),
)


_INVALID_CHOICE = (
    r"argument (?P<argument>.+?): invalid choice: '(?P<given>[^']*)' "
    r"\(choose from (?P<choices>.*)\)"
)


def _usage_error(message: str, lang: str) -> str:
    """argparse's error `message` in `lang` (a misspelt command gets a did-you-mean hint)."""
    m = re.fullmatch(_INVALID_CHOICE, message)
    if m:
        choices = [c.strip(" '") for c in m["choices"].split(",")]
        listed = ", ".join(choices)
        if m["argument"].startswith("-"):  # an option such as --lang
            return text(
                "cli.bad_value", lang, argument=m["argument"], given=m["given"], choices=listed
            )
        out = text("cli.bad_command", lang, given=m["given"], choices=listed)
        close = difflib.get_close_matches(m["given"], choices, n=1)
        if close:
            out += " " + text("config.did_you_mean", lang, hint=close[0])
        return out
    for pattern, key in _USAGE_ERRORS:
        m = re.fullmatch(pattern, message)
        if m:
            return text(key, lang, **m.groupdict())
    return message



def _build_parser(lang: str) -> argparse.ArgumentParser:
    t = lambda key: text(key, lang)  # noqa: E731 - short local helper
    # options accepted before and after the subcommand (SUPPRESS keeps the outer value)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help=t("cli.help.quiet")
    )
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=t("cli.help.debug")
    )
    common.add_argument(
        "--lang", choices=["de", "en"], default=argparse.SUPPRESS, help=t("cli.help.lang")
    )

    parser = _Parser(
        prog="sozialraum", description=t("cli.description"), parents=[common], lang=lang
    )

    parser.add_argument(
        "--version",
        action="version",
        version=f"sozialraum {__version__}",
        help=t("cli.help.version"),
    )
    sub = parser.add_subparsers(dest="command", metavar=t("cli.command"), parser_class=_Parser)

    demo = sub.add_parser(
        "demo", lang=lang, parents=[common], help=t("cli.help.demo"), description=t("cli.help.demo")
    )
    demo.add_argument(
        "--out",
        default=None,
        metavar=t("cli.meta.folder"),
        help=t("cli.help.out"),
    )
    demo.add_argument("--force", action="store_true", help=t("cli.help.force"))
    demo.add_argument("--region", action="store_true", help=t("cli.help.region"))
    demo.add_argument(
        "--permutations", type=int, default=None, metavar="N", help=t("cli.help.permutations")
    )

    run = sub.add_parser(
        "run", lang=lang, parents=[common], help=t("cli.help.run"), description=t("cli.help.run")
    )
    run.add_argument("config", metavar=t("cli.meta.config"), help=t("cli.help.config"))
    run.add_argument(
        "--out", default=None, metavar=t("cli.meta.folder"), help=t("cli.help.out_run")
    )
    run.add_argument("--force", action="store_true", help=t("cli.help.force"))
    run.add_argument(
        "--permutations", type=int, default=None, metavar="N", help=t("cli.help.permutations")
    )

    check = sub.add_parser(
        "check",
        lang=lang,
        parents=[common],
        help=t("cli.help.check"),
        description=t("cli.help.check"),
    )
    check.add_argument("config", metavar=t("cli.meta.config"), help=t("cli.help.config"))

    init = sub.add_parser(
        "init", lang=lang, parents=[common], help=t("cli.help.init"), description=t("cli.help.init")
    )
    init.add_argument(
        "path",
        nargs="?",
        default="sozialraum.toml",
        metavar=t("cli.meta.file"),
        help=t("cli.help.path"),
    )
    init.add_argument(
        "--from",
        dest="from_files",
        nargs="+",
        metavar=t("cli.meta.from"),
        help=t("cli.help.from"),
    )
    init.add_argument("--force", action="store_true", help=t("cli.help.force"))
    return parser


class _Progress:
    """Prints numbered steps to stderr (``[3/12] Indikatoren berechnen``) and, inside the long
    steps (each map, each profile), a tqdm progress bar; nothing with ``--quiet``."""

    def __init__(self, quiet: bool, lang: str):
        self.quiet = quiet
        self.lang = lang
        self.bar = None

    def __call__(self, step: int, total: int, key: str, **values: object) -> None:
        if self.quiet:
            return
        done, of = values.pop("done", None), values.pop("of", None)
        if done is not None:
            if self.bar is None:
                # a bar only on a terminal; a log file gets the step lines alone
                self.bar = tqdm(total=of, file=sys.stderr, leave=False, unit="",
                                mininterval=0.5, disable=not sys.stderr.isatty(),
                                bar_format="  {n_fmt}/{total_fmt} {bar} {elapsed}")
            self.bar.update(done - self.bar.n)
            return
        self.close()
        label = text(key, self.lang, **values)
        print(
            text("cli.step", self.lang, step=step, total=total, label=label),
            file=sys.stderr,
            flush=True,
        )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _pre_lang(argv: Sequence[str]) -> str:
    """The language asked for on the command line (needed before parsing, for help texts)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in ("de", "en") else "de"
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in ("de", "en") else "de"
    return "de"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _pre_lang(argv)
    parser = _build_parser(lang)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version (0) or a bad command line (2)
        return int(exc.code or 0)
    quiet = getattr(args, "quiet", False)
    debug = getattr(args, "debug", False)
    lang = getattr(args, "lang", lang)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USER_ERROR
    commands = {"demo": _cmd_demo, "run": _cmd_run, "check": _cmd_check, "init": _cmd_init}
    try:
        with signals_stop():  # Ctrl-C and SIGTERM stop cleanly (exit 130, nothing left)
            return commands[args.command](args, quiet=quiet, lang=lang)
    except SozialraumError as exc:
        if debug:
            traceback.print_exc(file=sys.stderr)
        print(text("cli.error", lang, message=user_message(exc, lang)), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(text("cli.interrupted", lang), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        # the operating system, GDAL, sqlite (the GeoPackage) or matplotlib failed: a full
        # disk, a folder without write permission, too little memory for the maps
        message = _system_error(exc, lang)
        if message is None:
            raise
        if debug:
            traceback.print_exc(file=sys.stderr)
        print(text("cli.error", lang, message=message), file=sys.stderr)
        return EXIT_USER_ERROR


#: True in the process of the ``sozialraum`` command (:func:`entry`), False where
#: :func:`main` is called from Python (a test, a notebook): only the command's own process
#: keeps its objects out of the garbage collector's way.
_OWN_PROCESS = False


def entry() -> int:
    """The ``sozialraum`` command and ``python -m sozialraum``: :func:`main` in a process
    of its own, which leaves its objects to the operating system at exit.

    Python collects cyclic garbage once more while it shuts down; after a run that is
    every object of pandas, matplotlib and the results, and nothing is left to finalize
    that matters (files are closed, the bundle is in place, the workers have ended).
    ``gc.freeze()`` moves them out of the collector's reach; exit handlers still run.
    The objects of the libraries imported for a run are frozen the same way before the
    work (:func:`_run_config`), and the map workers freeze theirs after the warm-up
    (``report.parallel``). Measured on the demo city (3 December 2026, 2 cores, four
    interleaved runs each): 6.9 s -> 6.4 s wall, 12.4 s -> 11.7 s CPU, user+sys (the
    collections of the main process and both workers took 1.0 s of CPU during the run,
    0.6 s after, and the one at exit 0.3 s). :func:`main` called from Python freezes
    nothing: the objects of a notebook or a test session stay collectable.
    """
    global _OWN_PROCESS
    _OWN_PROCESS = True
    try:
        code = main()
    finally:
        _OWN_PROCESS = False  # a later main() in this process (entry called from Python)
    gc.freeze()
    return code


_DISK_FULL_WORDS = ("no space left", "disk is full", "disk full", "quota exceeded")


def _system_error(exc: BaseException, lang: str) -> str | None:
    """The one-line message of an operating-system, GDAL or sqlite failure (None: another
    error, a programming error that keeps its traceback)."""
    if isinstance(exc, MemoryError):
        return text("cli.out_of_memory", lang)
    exc = disk_full_in_chain(exc) or exc  # a writer's own error while cleaning up after it
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    if isinstance(exc, OSError):
        name = exc.filename if exc.filename is not None else None
        where = f" ('{name}')" if name else ""
        if exc.errno in DISK_FULL:
            return text("cli.disk_full", lang, where=where)
        reason = os_reason(exc)
        reason = reason.render(lang) if isinstance(reason, Phrase) else reason
        return text("cli.os_error", lang, where=where, reason=reason)
    is_sqlite = isinstance(exc, sqlite3.Error)
    is_gdal = type(exc).__module__.split(".")[0] == "pyogrio"
    if not (is_sqlite or is_gdal):
        return None
    if any(word in detail.lower() for word in _DISK_FULL_WORDS):
        return text("cli.disk_full", lang, where="")
    return text("cli.sqlite_error" if is_sqlite else "cli.gdal_error", lang, detail=detail)


# --- commands ----------------------------------------------------------------------------


def _cmd_init(args, *, quiet: bool, lang: str) -> int:
    # the pipeline (pandas, geopandas, matplotlib) loads only for a command that runs it,
    # so that --help and --version answer at once
    from sozialraum.config.inspect import write_config_from
    from sozialraum.config.template import write_template

    if args.from_files:
        if len(args.from_files) < 2:
            raise ConfigError.from_key("cli.init.from_needs_two")
        boundaries, *tables = args.from_files
        path = write_config_from(args.path, boundaries, tables, force=args.force)
        if not quiet:
            print(text("cli.init.from_written", lang, path=path))
        return EXIT_OK
    path = write_template(args.path)
    if not quiet:
        print(text("cli.init.written", lang, path=path))
    return EXIT_OK


def _cmd_check(args, *, quiet: bool, lang: str) -> int:
    # the pipeline (pandas, geopandas, matplotlib) loads only for a command that runs it,
    # so that --help and --version answer at once
    from sozialraum.config.checking import check_config

    summary = check_config(args.config)
    stop.check()  # a stop a library swallowed while the inputs were read (see _util.stop)
    hints = summary.pop("hints", ())
    if not quiet:
        print(text("cli.check.ok", lang, **summary))
        for hint in hints:
            print("  " + hint.render(lang))
    return EXIT_OK


def _run_config(config, args, *, quiet: bool, lang: str) -> int:
    # the pipeline (pandas, geopandas, matplotlib) loads only for a command that runs it,
    # so that --help and --version answer at once
    from sozialraum.report.run import run

    if _OWN_PROCESS:
        # the objects of the imported libraries live until the process ends: out of the
        # cyclic garbage collector's way, which otherwise scans them again at each full
        # collection (see entry)
        gc.freeze()
    out = args.out if args.out is not None else None
    bundle = run(
        config,
        out=out,
        force=args.force,
        permutations=args.permutations,
        progress=(progress := _Progress(quiet, lang)),
    )
    progress.close()
    if not quiet:
        print(bundle.summary(lang))
    return EXIT_OK


def _cmd_run(args, *, quiet: bool, lang: str) -> int:
    # the pipeline (pandas, geopandas, matplotlib) loads only for a command that runs it,
    # so that --help and --version answer at once
    from sozialraum.config.checking import check_config
    from sozialraum.config.loading import load_config

    config = load_config(args.config)
    check_config(config)  # every input problem at once, in German, before any work
    if getattr(args, "lang", None):
        config = config.replace(language=lang)
    return _run_config(config, args, quiet=quiet, lang=lang)


def _cmd_demo(args, *, quiet: bool, lang: str) -> int:
    # the pipeline (pandas, geopandas, matplotlib) loads only for a command that runs it,
    # so that --help and --version answer at once
    from sozialraum.config.template import demo_config

    region = bool(getattr(args, "region", False))
    config = demo_config(language=lang, region=region)
    default = "musterkreis-ergebnis" if region else "musterstadt-ergebnis"
    args.out = str(Path(args.out if args.out is not None else default))
    return _run_config(config, args, quiet=quiet, lang=lang)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
