"""Write the bundle: tables, GeoPackage, maps, methods text, profiles, provenance."""

from __future__ import annotations

from pathlib import Path

from sozialraum._text import text
from sozialraum._util.files import inside, safe_names
from sozialraum.report import kommunalprofile as _kommunal
from sozialraum.report import kommunalprofile_pdf as _kommunal_pdf
from sozialraum.report import methods as _methods
from sozialraum.report import profiles as _profiles
from sozialraum.report import profiles_pdf as _profiles_pdf
from sozialraum.report import provenance as _provenance
from sozialraum.report import subgroups as _subgroups
from sozialraum.report.compute import Results
from sozialraum.report.maps import layer_styles, start_jobs, start_maps
from sozialraum.report.monitoring_write import FOLDER as MONITORING
from sozialraum.report.monitoring_write import monitoring_jobs, write_monitoring_tables
from sozialraum.report.results import Bundle
from sozialraum.report.tables import (
    cell_signs,
    column_kinds,
    column_labels,
    column_notes,
    write_csv,
    write_gpkg,
    write_xlsx,
)


def layer_names(levels) -> dict[str, str]:
    """GeoPackage layer and CSV file name of each level: its name as a plain file name.

    :func:`~sozialraum._util.files.safe_names` of the level names (``sozialraeume`` stays
    ``sozialraeume``; ``../x`` becomes ``x``), distinct without regard to case; the
    GeoPackage's own prefixes (``gpkg``, ``rtree_``, ``sqlite_``) and its style table
    ``layer_styles`` get a leading ``_``.

    >>> layer_names(["sozialraeume", "../../x", "gpkg_ebene", "layer_styles"])
    {'sozialraeume': 'sozialraeume', '../../x': 'x', 'gpkg_ebene': '_gpkg_ebene', \
'layer_styles': '_layer_styles'}
    """
    out = {}
    for name, stem in safe_names(list(levels)).items():
        low = stem.lower()
        if low.startswith(("gpkg", "rtree_", "sqlite_")) or low == "layer_styles":
            stem = f"_{stem}"
        out[name] = stem
    return out


# --- writing ------------------------------------------------------------------------------


def _detail(progress, step: int, key: str):
    """A ``(done, of)`` callback reporting progress inside `step` (each map, each profile)."""
    return lambda done, of: progress(step, key, done=done, of=of)


def write_bundle(cfg, results: Results, folder: Path, *, progress, workers=None,
                 level_maps=None):
    """Write maps, GeoPackage, tables, profiles, methods texts and provenance into `folder`.

    `workers`: processes started for the maps before the analysis (see
    :func:`sozialraum.report.parallel.start_workers`), or None. `level_maps`: the
    ``finish`` of the maps of ``karten/``, sent to the workers already
    (:func:`~sozialraum.report.maps.start_maps`), or None to send them here.
    """

    folder = Path(folder)
    lang = cfg.language
    # with workers the maps are drawn while this process writes the tables and texts; they
    # are waited for (step "maps") before the provenance lists every file; the maps of
    # monitoring/ ([monitoring]) go into the same pool
    extra = []
    if results.monitoring is not None:
        (folder / MONITORING).mkdir()
        extra = monitoring_jobs(cfg, results, folder / MONITORING)
    if level_maps is None:
        finish_maps = start_maps(cfg, results, folder / "karten", workers=workers,
                                 extra_jobs=extra)
    else:
        finish_maps = start_jobs(extra, workers=workers, before=level_maps)

    progress(7, "step.gpkg")
    (folder / "geodaten").mkdir()
    gpkg = folder / "geodaten" / "ergebnisse.gpkg"

    layers = layer_names(results.levels)
    for name, lv in results.levels.items():
        write_gpkg(lv.frame, gpkg, layer=layers[name], styles=layer_styles(cfg, lv))

    progress(8, "step.tables")
    (folder / "tabellen").mkdir()
    sheets, signs, kinds = {}, {}, {}
    for name, lv in results.levels.items():
        table = lv.frame.drop(columns="geometry")
        write_csv(table, inside(folder / "tabellen", f"{layers[name]}.csv"))
        label = lv.label if lv.label not in sheets else f"{lv.label} ({layers[name]})"
        sheets[label] = table
        signs[label] = cell_signs(table, lang)
        kinds.update(column_kinds(table, cfg))
    write_xlsx(
        sheets,
        folder / "tabellen" / "ergebnisse.xlsx",
        notes=column_notes(cfg, results, lang),
        notes_title=text("report.notes_sheet", lang),
        labels=column_labels(cfg, results, lang),
        kinds=kinds,
        signs=signs,
        title_columns=2 if all("name" in t.columns for t in sheets.values()) else 1,
        lang=lang,
    )
    if results.monitoring is not None:
        write_monitoring_tables(cfg, results, folder / MONITORING)

    # [subgroups]: age x sex x nationality where the counts exist, the cells of the run's
    # joint suppression (report/disclosure.py), so every output withholds the same cells
    subgroups = _subgroups.bundle_subgroups(cfg, results.inputs.joined,
                                            suppression=results.suppression)
    if subgroups is not None:
        _subgroups.write_subgroup_xlsx(subgroups, folder / "tabellen" / "untergruppen.xlsx",
                                       lang=lang)

    findings = {lg: _methods.findings(cfg, results, lg) for lg in ("de", "en")}
    progress(9, "step.profiles")
    if cfg.profiles.enabled:  # [profiles] enabled = false: a bundle without them
        if cfg.profiles.formats:  # formats = []: no Sozialraumprofile either
            _profiles.write_profiles(
                cfg, results, folder / "profile", progress=_detail(progress, 9, "step.profiles"),
                draw_pdf=_profiles_pdf.profile_pdf,
            )
        if getattr(cfg.inputs, "municipality", None):  # a region: one profile per municipality
            _kommunal.write_kommunalprofile(
                cfg, results, folder / "kommunalprofile",
                progress=_detail(progress, 10, "step.profiles"),
                draw_pdf=_kommunal_pdf.profile_pdf,
            )

    progress(10, "step.methods")
    for file, lg in (("methodik.md", "de"), ("methods.md", "en")):
        found = _methods.findings(cfg, results, lg, quote=_methods.md)
        (folder / file).write_text(
            _methods.methods_markdown(cfg, results, lg, found), encoding="utf-8"
        )

    progress(11, "step.maps")
    finish_maps(_detail(progress, 11, "step.maps"))

    progress(12, "step.provenance")
    provenance = _provenance.write_provenance(cfg, results, folder)
    files = tuple(
        sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    )
    return Bundle(
        path=folder,
        config=cfg,
        levels=dict(results.levels),
        files=files,
        figures=tuple(sorted(f for f in files if f.startswith("karten/"))),
        findings=tuple(findings["de"]),
        findings_en=tuple(findings["en"]),
        notes=tuple(dict.fromkeys(_methods.note_text(n, lang) for n in results.notes)),
        suppression=results.suppression,
        provenance=provenance,
    )
