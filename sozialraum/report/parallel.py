"""Run independent rendering jobs (maps) on every core.

Drawing a map with matplotlib is CPU-bound Python and C++ that holds the GIL, so threads do
not help; processes do. On Linux the jobs run in forked workers, which inherit the computed
results without pickling them (a spawned worker would re-import the stack, about 1.5 s, and
unpickle every level); elsewhere, with one core, or for a few jobs they run one after the
other. Measured on the demo city (2 cores): the maps phase drops from 19.7 s to about half.
Each job writes its own files and returns their paths; a job that raises stops the run with
that error, as it would sequentially.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import warnings
from collections.abc import Callable, Sequence

#: The jobs of the pool that is running (read by the forked workers by index).
_JOBS: Sequence[Callable[[], object]] = ()

#: Fewer jobs than this are not worth starting workers for.
MIN_JOBS = 4


def _run(i: int):
    return i, _JOBS[i]()


def _init_worker() -> None:
    # the parent owns Ctrl-C and SIGTERM (the CLI turns them into a clean stop); a worker
    # inherits the CLI's handler through fork and must just end when the pool ends it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def workers(n_jobs: int) -> int:
    """How many processes `n_jobs` jobs get: all cores, on Linux, for enough jobs."""
    if sys.platform != "linux" or n_jobs < MIN_JOBS:
        return 1
    env = os.environ.get("SOZIALRAUM_WORKERS")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    n = int(env) if env and env.isdigit() else (cores or 1)
    return max(1, min(n, n_jobs))


def run_jobs(jobs: Sequence[Callable[[], object]], *, progress=None) -> list:
    """Run `jobs` (callables without arguments); return their results in order.

    `progress`, if given, is called as ``progress(done, total)`` after each job.
    ``SOZIALRAUM_WORKERS=1`` runs everything in this process.
    """
    global _JOBS
    n = workers(len(jobs))
    out: list = [None] * len(jobs)
    if n == 1:
        for i, job in enumerate(jobs):
            out[i] = job()
            if progress is not None:
                progress(i + 1, len(jobs))
        return out
    _JOBS = jobs
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns about fork() in a process with threads (numpy's BLAS pool);
            # the workers only draw and write files, OpenBLAS is fork-safe
            warnings.filterwarnings("ignore", message=".*fork.*", category=DeprecationWarning)
            ctx = multiprocessing.get_context("fork")
            pool = ctx.Pool(n, initializer=_init_worker)
            try:
                for done, (i, result) in enumerate(pool.imap_unordered(_run, range(len(jobs)))):
                    out[i] = result
                    if progress is not None:
                        progress(done + 1, len(jobs))
                pool.close()
            except BaseException:
                pool.terminate()
                raise
            finally:
                pool.join()
    finally:
        _JOBS = ()
    return out
