"""``run``: config -> computed results -> a bundle moved into place atomically."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

from sozialraum._util import stop
from sozialraum._util.files import (
    MANIFEST,
    atomic_dir,
    check_output_folder,
    output_lock,
    read_manifest,
)
from sozialraum.config.checking import check_monitoring
from sozialraum.config.loading import check_settings, load_config
from sozialraum.config.model import Config
from sozialraum.errors import OutputExistsError
from sozialraum.report.compute import compute
from sozialraum.report.maps import expected_jobs, start_maps, warm_up
from sozialraum.report.monitoring import compute_monitoring
from sozialraum.report.parallel import start_workers
from sozialraum.report.postgis import check_postgis_target, write_postgis
from sozialraum.report.results import STEPS, Bundle, _no_progress
from sozialraum.report.write import write_bundle


def run(
    config,
    out: str | Path | None = None,
    *,
    force: bool = False,
    permutations: int | None = None,
    progress: Callable[..., None] | None = None,
) -> Bundle:
    """Run a configuration and write the output bundle.

    Parameters
    ----------
    config : Config or str or Path
        A :class:`~sozialraum.config.Config` or the path of a TOML config file.
    out : str or Path, optional
        The bundle folder; default ``[output].folder`` of the config.
    force : bool, default False
        Replace an existing bundle folder (otherwise :class:`OutputExistsError`).
    permutations : int, optional
        Override ``[hotspots].permutations`` (quick trials and tests only). Validated
        like every setting by :class:`~sozialraum.Inference` (an integer from 0 to
        99,999; the config file's floor of 99 does not apply), before any work.
    progress : callable, optional
        Called as ``progress(step, total, text_key, **values)`` before each step.

    Returns
    -------
    Bundle

    Raises
    ------
    OutputExistsError
        If `out` exists and `force` is False, or with `force` if `out` is not an earlier
        bundle or holds other or changed files (checked before any work is done, and
        again before anything is replaced).
    OutputError
        If another run is writing `out` (its lock file ``.<name>.lock`` is held), or the
        folder cannot be written.
    ConfigError
        If a setting is out of its range (checked before any work is done).
    """


    cfg = config if isinstance(config, Config) else load_config(config)
    if permutations is not None:  # validated by Inference (HotspotSettings)
        cfg = cfg.replace(hotspots=dataclasses.replace(cfg.hotspots, permutations=permutations))
    check_settings(cfg)  # a Config built in Python: the ranges load_config checks
    target = Path(out) if out is not None else cfg.output
    # the folder's lock for the whole run: a second run into it is refused at once
    with output_lock(target):
        # before any work: never replace anything but an earlier bundle, never the inputs'
        # folder
        check_output_folder(target, force=force, replaceable=is_bundle)
        _check_inputs_outside(cfg, target)
        if cfg.postgis is not None:  # tables that would be replaced are refused before any work
            url, schema, replace = cfg.postgis
            names = [(schema, cfg.inputs.level)] + [(schema, lv.name) for lv in cfg.inputs.levels]
            check_postgis_target(url, names, replace=replace)
        progress = progress or _no_progress


        def step(i, key, **v):
            stop.check()  # a stop a library swallowed where it arrived (see _util.stop)
            progress(i, len(STEPS), key, **v)

        check_monitoring(cfg)  # the chosen Stichtage exist: before the long work
        # the map workers start now, load the drawing libraries (each after the fork,
        # beside the analysis) and wait while the data are read and analysed (see
        # report.parallel); they end with the run, whatever happens
        workers = start_workers(expected_jobs(cfg), warm_up)
        try:
            # the years ([monitoring]) are computed while the workers draw the maps of the
            # Stichtag (demo: 2.5 s of the main process that left both workers idle)
            results = compute(cfg, progress=step, monitoring=workers is None)
            with atomic_dir(target, force=force, replaceable=is_bundle) as tmp:
                kwargs = {}
                try:
                    if workers is not None:
                        kwargs["workers"] = workers
                        kwargs["level_maps"] = start_maps(cfg, results, tmp / "karten",
                                                          workers=workers)
                        results.monitoring = compute_monitoring(cfg, results)
                    bundle = write_bundle(cfg, results, tmp, progress=step, **kwargs)
                except BaseException:
                    # the workers stop before atomic_dir removes the folder they write into
                    # (found in review: a worker still drawing left its temporary file)
                    if workers is not None:
                        workers.close()
                    raise
                step(len(STEPS), "step.finish")
        finally:
            if workers is not None:
                workers.close()
    # atomic_dir added the manifest of every file
    files = tuple(sorted({*bundle.files, MANIFEST}))
    bundle = dataclasses.replace(bundle, path=target, files=files)
    if cfg.postgis is not None:
        url, schema, replace = cfg.postgis
        stop.check()  # the bundle is in place; a stop swallowed before stops here
        progress(len(STEPS), len(STEPS), "step.postgis", schema=schema)
        write_postgis(bundle, url, schema=schema, replace=replace)
    return bundle


def is_bundle(folder: Path) -> bool:
    """True if `folder` is an output bundle written by :func:`run`: its ``manifest.json``
    lists its files and its provenance.json says it is one.

    Only such a folder may be replaced with ``force=True`` / ``--force``, and only while it
    holds nothing but the unchanged files of its manifest.
    """

    if read_manifest(folder) is None:
        return False
    try:
        prov = json.loads((Path(folder) / "provenance.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(prov, dict) and str(prov.get("format", "")).startswith(
        "sozialraum-provenance/"
    )


def _check_inputs_outside(cfg, target: Path) -> None:
    """Refuse an output folder that holds the config or an input: replacing it would delete them."""

    resolved = Path(target).resolve()
    paths = [cfg.inputs.boundaries, *(t.path for t in cfg.inputs.tables)]
    paths = [p for p in paths if not isinstance(p, str)]  # a database URL is no file
    paths += [lv.path for lv in getattr(cfg.inputs, "levels", ()) if getattr(lv, "path", None)]
    if getattr(cfg, "path", None):
        paths.append(cfg.path)
    inside = sorted(
        {str(p) for p in paths if p is not None and resolved in Path(p).resolve().parents}
    )
    if inside:
        files = ", ".join(inside[:5])
        raise OutputExistsError.from_key(
            "output.holds_inputs",
            path=target,
            files=files,
        )
