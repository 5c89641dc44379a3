"""Tests of :mod:`sozialraum._util.stop`: Ctrl-C and SIGTERM as a clean stop."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from sozialraum._util import stop
from sozialraum._util.files import atomic_dir


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_signal_raises_and_is_remembered(sig):
    before = signal.getsignal(sig)
    with stop.signals_stop():
        with pytest.raises(stop.Interrupted):
            signal.raise_signal(sig)
        assert stop.requested()
        with pytest.raises(KeyboardInterrupt):  # every `except KeyboardInterrupt` takes it
            stop.check()
    assert signal.getsignal(sig) is before and not stop.requested()
    stop.check()  # cleared on leaving: a later run in this process is not stopped


def test_a_swallowed_signal_is_raised_again_at_the_next_check():
    with stop.signals_stop():
        try:  # a library that drops any exception raised inside it (pyogrio's reader did)
            signal.raise_signal(signal.SIGTERM)
        except BaseException:  # noqa: BLE001 - the point of the test
            pass
        with pytest.raises(stop.Interrupted):
            stop.check()


def test_an_ignored_ctrl_c_stays_ignored():
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with stop.signals_stop():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            assert signal.getsignal(signal.SIGTERM) is stop._on_signal
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_the_bundle_is_not_moved_into_place_after_a_swallowed_stop(tmp_path):
    target = tmp_path / "ergebnis"
    with stop.signals_stop():
        with pytest.raises(stop.Interrupted):
            with atomic_dir(target) as tmp:
                (tmp / "tabelle.csv").write_text("a;b\n", encoding="utf-8")
                try:
                    signal.raise_signal(signal.SIGTERM)
                except BaseException:  # noqa: BLE001 - swallowed on the way
                    pass
    assert list(tmp_path.iterdir()) == []  # neither the bundle nor its temporary folder


def test_a_stop_inside_string_code_keeps_the_exit_code_under_python_m(tmp_path):
    """CPython marks a plain KeyboardInterrupt that ends string code (``exec`` of source, as
    dataclasses does while importing) as an uncaught Ctrl-C and, under ``python -m``, ends
    the process with SIGINT (-2) instead of the code returned; Interrupted keeps the code."""
    (tmp_path / "stopper.py").write_text(
        "import signal\n"
        "from sozialraum._util import stop\n"
        "with stop.signals_stop():\n"
        "    try:\n"
        "        exec('import signal; signal.raise_signal(signal.SIGTERM)')\n"
        "    except KeyboardInterrupt:\n"
        "        code = 130\n"
        "raise SystemExit(code)\n",
        encoding="utf-8",
    )
    r = subprocess.run([sys.executable, "-m", "stopper"], cwd=tmp_path, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 130, r.stderr


def test_a_second_signal_during_the_clean_up_does_not_break_it():
    cleaned = []
    with stop.signals_stop():
        try:
            signal.raise_signal(signal.SIGTERM)
        except stop.Interrupted:
            signal.raise_signal(signal.SIGINT)  # impatient: Ctrl-C while the folder goes
            cleaned.append(True)
        with pytest.raises(stop.Interrupted):
            stop.check()
    assert cleaned == [True]
