"""A stop asked for by a signal (Ctrl-C, SIGTERM), raised where it arrives and again at the
next check point.

The command line (:mod:`sozialraum.cli`) turns SIGINT and SIGTERM into :class:`Interrupted`
through :func:`request`; the run checks with :func:`check` before each step and before the
bundle is moved into place. Two things make the check points necessary, both measured on
the demo (3 December 2026, 40 runs stopped at random moments):

- Python runs a signal handler between two bytecodes, wherever the main thread is. An
  exception raised there inside a Cython function that cannot pass it on (pyogrio's
  reader, a ``noexcept`` callback) is dropped: 3 of 40 runs ignored the SIGTERM and
  finished the bundle with exit 0. The flag set by :func:`request` survives that, and the
  next :func:`check` raises again.
- A plain :class:`KeyboardInterrupt` that ends code run from a string (``exec`` of source
  text, as :mod:`dataclasses` does while a module is imported) marks the interpreter as
  killed by Ctrl-C even when the exception is caught later; under ``python -m`` CPython
  then ends the process with SIGINT (exit status -2) instead of the code returned (5 of
  40 runs). :class:`Interrupted` is a subclass, which CPython's exact type test does not
  take for an uncaught Ctrl-C.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

_requested = False


class Interrupted(KeyboardInterrupt):
    """The run was asked to stop (Ctrl-C or SIGTERM); ``except KeyboardInterrupt`` catches it."""


def request() -> None:
    """Note the stop and raise :class:`Interrupted` (the body of a signal handler).

    A second signal while the first one's clean-up runs (the temporary folder being
    removed) raises nothing: the clean-up must finish; the run is stopped already.
    """
    global _requested
    if _requested:
        return
    _requested = True
    raise Interrupted


def check() -> None:
    """Raise :class:`Interrupted` again if a stop was asked for (a check point)."""
    if _requested:
        raise Interrupted


def requested() -> bool:
    """True once a stop was asked for (until :func:`signals_stop` is left)."""
    return _requested


def _on_signal(signum, frame) -> None:  # noqa: ARG001 - signal handler signature
    request()


@contextmanager
def signals_stop() -> Iterator[None]:
    """Within the block, Ctrl-C (SIGINT) and SIGTERM (a job scheduler stopping the run)
    raise :class:`Interrupted` and are remembered for :func:`check`; the previous handlers
    and a clear flag are restored on leaving. A signal ignored by whoever started the
    process stays ignored; outside the main thread (where Python allows no handlers) the
    block runs with the handlers it has."""
    global _requested
    _requested = False
    previous = {}
    try:
        try:
            for sig in (signal.SIGINT, signal.SIGTERM):
                if signal.getsignal(sig) is signal.SIG_IGN:
                    continue  # ignored by whoever started us (``nohup``, a background job)
                previous[sig] = signal.signal(sig, _on_signal)
        except ValueError:  # not in the main thread
            pass
        yield
    finally:
        for sig, handler in previous.items():
            # None: a handler not set from Python, which the default stands for
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)
        _requested = False
