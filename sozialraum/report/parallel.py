"""Run independent rendering jobs (maps) on every core.

Drawing a map with matplotlib is CPU-bound Python and C++ that holds the GIL, so threads do
not help; processes do. On Linux the jobs run in forked workers, which inherit the computed
results without pickling them (a spawned worker would re-import the stack, about 1.5 s, and
unpickle every level); elsewhere, with one core, or for a few jobs they run one after the
other. Measured on the demo city (2 cores): the maps phase drops from 19.7 s to about half.
Each job writes its own files and returns their paths; a job that raises stops the run with
that error, as it would sequentially.

:class:`Workers` are started before the jobs are known (``run`` starts them before the
analysis): each worker imports the drawing libraries and loads its fonts (a warm-up
callable) while the main process reads the data and computes, and the jobs are then sent
to them pickled (small frames and texts). The warm-up runs in each worker after the fork,
on the core the analysis leaves idle. Measured on the demo city (3 December 2026, 2
cores, `sozialraum demo`, four interleaved runs each): warming up once in the main
process before the fork, so that the workers inherit it, took 7.0 s wall and 11.6 s CPU
(user+sys); a warm-up per worker, 6.6 s wall and 11.9 s CPU (the 0.5 s of warm-up left the
critical path; what it costs twice runs beside the analysis).
"""

from __future__ import annotations

import gc
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


def _run_sent(item):
    i, job = item
    return i, job()


def _init_worker(warm_up: Callable[[], object] | None = None) -> None:
    # the parent owns Ctrl-C and SIGTERM (the CLI turns them into a clean stop); a worker
    # inherits the CLI's handler through fork and must just end when the pool ends it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # blocked since the fork (see _fork_pool): a SIGTERM sent meanwhile now ends the worker
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    if warm_up is not None:
        _warm(warm_up)
    # what the worker imported and inherited lives as long as it: out of the cyclic
    # collector's scans (the demo's two workers spent 0.55 s of CPU in collections); the
    # warm-up's few cycles (about 1 MB) stay with it, cheaper than a full collection
    gc.freeze()


def _warm(warm_up: Callable[[], object]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            warm_up()
        except Exception:  # noqa: BLE001 - only a head start: a real job raises for itself
            pass


def _fork_pool(n: int, warm_up=None):
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork() in a process with threads (numpy's BLAS pool);
        # the workers only draw and write files, OpenBLAS is fork-safe
        warnings.filterwarnings("ignore", message=".*fork.*", category=DeprecationWarning)
        ctx = multiprocessing.get_context("fork")
        # the CLI's handlers must never run in a worker: a pool ended at once (the run failed
        # right after starting it) would otherwise wait for a worker whose SIGTERM the
        # inherited handler took; the workers unblock after setting their own
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            return ctx.Pool(n, initializer=_init_worker, initargs=(warm_up,))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


class Workers:
    """Worker processes started before their jobs are known; a context manager that ends
    them on leaving.

    Use :func:`start_workers`; pass the object to :func:`run_jobs`.
    """

    def __init__(self, n: int, warm_up: Callable[[], object] | None = None):
        self.n = n
        # each worker warms up after the fork, beside the analysis of this process (see
        # the module's docstring)
        self._pool = _fork_pool(n, warm_up)

    def submit(self, jobs: Sequence[Callable[[], object]]):
        """Send `jobs` to the workers at once; returns what :func:`collect` takes."""
        return len(jobs), self._pool.imap_unordered(_run_sent, enumerate(jobs))

    def close(self) -> None:
        """End the workers (at once: their jobs are done or no longer wanted)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def start_workers(expected_jobs: int, warm_up: Callable[[], object] | None = None
                  ) -> Workers | None:
    """Workers for about `expected_jobs` jobs, warmed up by `warm_up`; None where the jobs
    would run in this process (see :func:`workers`)."""
    n = workers(expected_jobs)
    return Workers(n, warm_up) if n > 1 else None


def workers(n_jobs: int) -> int:
    """How many processes `n_jobs` jobs get: all cores, on Linux, for enough jobs."""
    if sys.platform != "linux" or n_jobs < MIN_JOBS:
        return 1
    env = os.environ.get("SOZIALRAUM_WORKERS")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    n = int(env) if env and env.isdigit() else (cores or 1)
    return max(1, min(n, n_jobs))


def collect(submitted, *, progress=None) -> list:
    """The results of jobs sent with :meth:`Workers.submit`, in order (waits for them)."""
    n, results = submitted
    out: list = [None] * n
    for done, (i, result) in enumerate(results):
        out[i] = result
        if progress is not None:
            progress(done + 1, n)
    return out


def run_jobs(jobs: Sequence[Callable[[], object]], *, progress=None,
             started: Workers | None = None) -> list:
    """Run `jobs` (callables without arguments); return their results in order.

    `progress`, if given, is called as ``progress(done, total)`` after each job.
    ``SOZIALRAUM_WORKERS=1`` runs everything in this process. With `started` (workers
    started earlier, :func:`start_workers`) the jobs are pickled and sent to them.
    """
    global _JOBS
    out: list = [None] * len(jobs)

    def gather(results) -> None:
        for done, (i, result) in enumerate(results):
            out[i] = result
            if progress is not None:
                progress(done + 1, len(jobs))

    if started is not None and started._pool is not None and jobs:
        return collect(started.submit(jobs), progress=progress)
    n = workers(len(jobs))
    if n == 1:
        gather((i, job()) for i, job in enumerate(jobs))
        return out
    _JOBS = jobs
    pool = _fork_pool(n)
    try:
        gather(pool.imap_unordered(_run, range(len(jobs))))
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        _JOBS = ()
    return out
