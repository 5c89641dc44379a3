"""``sozialraum check``: every problem of a config and its inputs, at once."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd
import pyogrio

from sozialraum._util.dates import format_stichtag
from sozialraum.config.inputs import (
    _read_tables,
    boundaries_of,
    join_table,
    left_out_parts,
    table_of,
)
from sozialraum.config.loading import _code, from_dict, load_config
from sozialraum.config.model import Config
from sozialraum.config.problems import _did_you_mean, _Problems, config_error, error_detail
from sozialraum.errors import ConfigError, Listed, Phrase, SozialraumError
from sozialraum.io.cells import is_reason_column
from sozialraum.io.postgis import is_database
from sozialraum.io.report import load_report
from sozialraum.monitoring import stichtage


def check_config(path: str | Path | Config) -> dict:
    """Validate a config **and** its inputs; write nothing.

    Reads the boundaries and tables, checks that the key, name, parent-key and
    indicator columns exist and that the keys of tables and boundaries match.
    Every problem found is reported at once in one ConfigError.

    Returns
    -------
    dict
        A summary (path, n_areas, key, n_columns, stichtag, n_indicators, out) and
        ``hints``: notes (:class:`~sozialraum.errors.Phrase`) on rows of the tables that
        were not read as areas (a title above the header, a totals row, footnotes).
    """

    if isinstance(path, Config):
        cfg = path
    else:
        try:
            cfg = load_config(path)
        except ConfigError as first:
            raise _with_input_problems(first, Path(path), check_inputs) from None
    summary = check_inputs(cfg)
    summary.update(
        path=str(cfg.path or "<config>"),
        key=cfg.inputs.key,
        stichtag=format_stichtag(cfg.inputs.stichtag),
        n_indicators=len(cfg.indicators),
        out=str(cfg.output),
    )
    return summary


def _with_input_problems(first: ConfigError, path: Path, check_inputs) -> ConfigError:
    """`first` (the config's problems) plus the input problems found with what could be read.

    ``sozialraum check`` reports every problem at once: a wrong key column is named together
    with a misspelt setting, not only after the setting is fixed. Input problems at a place
    the config already complains about are not repeated.
    """
    problems = list(getattr(first, "problems", ()))
    if not problems or not path.is_file():
        return first
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig", errors="replace"))
        partial = from_dict(
            data, base=path.parent, problems=_Problems(str(path)), config_path=path, _lenient=True
        )
        check_inputs(partial)
    except ConfigError as second:
        seen = {p.where for p in problems}
        extra = [p for p in getattr(second, "problems", ()) if p.where not in seen]
        return config_error(str(path), problems + extra) if extra else first
    except Exception:  # noqa: BLE001 - the partial config may be too broken to check inputs
        return first
    return first




def _indicator_columns(indicator: Any) -> list[str]:
    cols: list[str] = []
    for attr in ("rate", "numerator", "denominator"):
        value = getattr(indicator, attr, None)
        if isinstance(value, str):
            cols.append(value)
        elif isinstance(value, (list, tuple)):
            cols.extend(str(v) for v in value)
    return cols


def _check_boundary_file(inp, problems) -> None:
    """Layers and columns of a boundary file, checked before reading it (German messages)."""
    bfile = inp.boundaries.name

    # boundaries: layers and columns, checked before reading (German messages)
    try:
        layers = [str(row[0]) for row in pyogrio.list_layers(inp.boundaries)]
    except Exception as exc:  # pyogrio raises its own DataSourceError hierarchy
        problems.add("[inputs].boundaries", "check.read_failed", detail=error_detail(exc))
        problems.raise_if_any()
    needed_layers = [("[inputs].layer", inp.layer)] + [
        (f"[inputs.levels[{i}]].layer", lv.layer) for i, lv in enumerate(inp.levels)
    ]
    for where, layer in needed_layers:
        if layer is not None and layer not in layers:
            problems.add(
                where,
                "check.layer_missing",
                layer=layer,
                file=bfile,
                layers=", ".join(layers),
                hint=_did_you_mean(layer, layers),
            )
    if inp.layer is None or inp.layer in layers:
        fields = list(pyogrio.read_info(inp.boundaries, layer=inp.layer)["fields"])
        wanted = [("[inputs].key", inp.key)]
        if inp.name:
            wanted.append(("[inputs].name", inp.name))
        if getattr(inp, "municipality", None):
            wanted.append(("[inputs].municipality", inp.municipality))
        wanted += [(f"[inputs.levels[{i}]].key", lv.key) for i, lv in enumerate(inp.levels)]
        for where, col in wanted:
            if col not in fields:
                problems.add(
                    where,
                    "check.column_missing",
                    column=col,
                    file=bfile,
                    columns=Listed(fields, 12),
                    hint=_did_you_mean(col, fields),
                )
    for i, lv in enumerate(inp.levels):
        if lv.layer and lv.layer in layers:
            lfields = list(pyogrio.read_info(inp.boundaries, layer=lv.layer)["fields"])
            if lv.key not in lfields:
                problems.add(
                    f"[inputs.levels[{i}]].key",
                    "check.column_missing",
                    column=lv.key,
                    file=f"{bfile} ({lv.layer})",
                    columns=Listed(lfields, 12),
                    hint=_did_you_mean(lv.key, lfields),
                )
    problems.raise_if_any()


def check_inputs(cfg) -> dict:
    """Check the inputs of `cfg` (files, layers, columns, keys); raise one ConfigError."""


    problems = _Problems(str(cfg.path or "<config>"))
    inp = cfg.inputs
    if not is_database(inp.boundaries):  # a database is checked by reading it, below
        _check_boundary_file(inp, problems)
    try:
        boundaries = boundaries_of(cfg, inp.layer, inp.key)
    except SozialraumError as exc:
        problems.add("[inputs].boundaries", "check.read_failed", detail=error_detail(exc))
        problems.raise_if_any()
    keys_b = set(map(str, boundaries.index))
    columns: set[str] = set(boundaries.columns)
    w = cfg.weights
    if w.method == "knn" and isinstance(w.k, int) and w.k >= len(boundaries) >= 1:
        problems.add("[weights].k", "config.weights_k_areas", k=w.k, n=len(boundaries))
    counts = _count_columns(cfg)
    unreadable = False
    joined = boundaries  # the tables joined as run joins them (check refuses what run would)
    hints: list[Phrase] = []  # rows of the tables that are no area (a title, a totals row)
    for i, t in enumerate(inp.tables):
        where = f"[inputs.tables[{i}]]"
        try:
            ((_, table),) = _read_tables(cfg.replace(inputs=_one_table(inp, t)))
        except SozialraumError as exc:
            problems.add(where, "check.read_failed", detail=error_detail(exc))
            unreadable = True
            continue
        parts = left_out_parts(load_report(table))
        if parts is not None:
            hints.append(Phrase("check.left_out", file=Path(t.path).name, parts=parts))
        keys_t = set(map(str, table.index))
        only_t = sorted(keys_t - keys_b)
        only_b = sorted(keys_b - keys_t)
        if keys_t and not keys_t & keys_b:
            zeros = _width_without_zeros(keys_t, keys_b)
            problems.add(
                where,
                "check.no_match" if zeros is None else "check.no_match_zeros",
                table=Listed(sorted(keys_t), 3),
                boundaries=Listed(sorted(keys_b), 3),
                **({} if zeros is None else {"n": zeros[0], "width": zeros[1]}),
            )
        else:
            zeros = _width_without_zeros(set(only_t), set(only_b)) if only_t and only_b else None
            if zeros is not None:  # some keys kept their form (>= 1000), the others lost zeros
                problems.add(where, "check.keys_only_table_zeros", n=len(only_t),
                             keys=Listed(only_t), width=zeros[1])
            elif only_t:
                problems.add(
                    where, "check.keys_only_table", n=len(only_t), keys=Listed(only_t)
                )
            if only_b:
                problems.add(
                    where, "check.keys_only_boundaries", n=len(only_b), keys=Listed(only_b)
                )
        if keys_t & keys_b:
            try:
                joined, _ = join_table(joined, table)
            except SozialraumError as exc:
                problems.add(where, "check.join_failed", detail=error_detail(exc))
        _check_negative_counts(table, counts, where, problems)
        _check_shares(cfg, table, t, where, problems)
        columns |= {c for c in table.columns if not is_reason_column(c)}
    if unreadable:  # the columns of an unreadable table are unknown: no list of false alarms
        problems.raise_if_any()
    if inp.population not in columns:
        problems.add(
            "[inputs].population",
            "check.column_missing",
            column=inp.population,
            file=Phrase("check.the_tables"),
            columns=Listed(sorted(columns), 8),
            hint=_did_you_mean(inp.population, sorted(columns)),
        )
    if inp.area and inp.area not in columns:
        problems.add(
            "[inputs].area",
            "check.column_missing",
            column=inp.area,
            file=Phrase("check.the_tables"),
            columns=Listed(sorted(columns), 8),
            hint=_did_you_mean(inp.area, sorted(columns)),
        )

    for ind in cfg.indicators:
        for col in _indicator_columns(ind):
            if col not in columns:
                problems.add(
                    "[indicators]",
                    "check.indicator_column",
                    code=_code(ind),
                    column=col,
                    hint=_did_you_mean(col, sorted(columns)),
                )
    constraint_problems(cfg, columns, problems)
    shadow_problems(cfg, columns, problems)
    monitoring_problems(cfg, problems)
    problems.raise_if_any()
    return {"n_areas": len(boundaries), "n_columns": len(columns - set(boundaries.columns)),
            "hints": hints}


def constraint_problems(cfg, columns, problems: _Problems) -> None:
    """Add a problem for each column of a ``[confidentiality]`` constraint not in `columns`.

    ``sr.suppress`` refuses such a constraint; ``check`` and ``run`` say where it is.
    """
    for i, (total, parts) in enumerate(cfg.constraints):
        for col in dict.fromkeys((total, *parts)):
            if col not in columns:
                problems.add(
                    f"[confidentiality].constraints[{i}]",
                    "check.constraint_column",
                    total=total,
                    parts=" + ".join(parts),
                    column=col,
                    hint=_did_you_mean(col, sorted(columns)),
                )


def shadow_problems(cfg, columns, problems: _Problems) -> None:
    """Add a problem for each indicator whose code is also an input column.

    The indicator's values would hide the column of the same name (``EW`` as a code
    when the table has inhabitants in ``EW``): maps, tables and the index could show
    the one where the other was meant. A delivered rate may keep its column's name.
    """
    for ind in cfg.indicators:
        code = _code(ind)
        if code in columns and code != getattr(ind, "rate", None):
            problems.add("[indicators]", "check.indicator_shadows_column", code=code)


def _count_columns(cfg) -> set[str]:
    """The columns `run` treats as counts (confidentiality refuses negative ones): numerators,
    denominators, the population, and rates delivered with a denominator (they imply counts)."""
    cols = {cfg.inputs.population}
    for ind in cfg.indicators:
        num = tuple(getattr(ind, "numerator_columns", ()) or ())
        den = tuple(getattr(ind, "denominator_columns", ()) or ())
        cols |= {*num, *den}
        if getattr(ind, "is_rate", False) and den and isinstance(getattr(ind, "rate", None), str):
            cols.add(ind.rate)
    return cols


def _check_negative_counts(table, counts: set[str], where: str, problems: _Problems) -> None:
    for col in sorted(c for c in counts if c in table.columns):
        values = pd.to_numeric(table[col], errors="coerce")
        bad = [str(k) for k in values.index[(values < 0).to_numpy()]]
        if bad:
            problems.add(
                where, "check.negative_counts", column=col, n=len(bad), keys=Listed(bad)
            )


def _check_shares(cfg, table, source, where: str, problems: _Problems) -> None:
    """A share (unit %) whose numerator exceeds its denominator in one table: a problem.

    ``run`` refuses the same in ``compute_indicators``; here the file is named too.
    """
    for ind in cfg.indicators:
        if getattr(ind, "unit", None) != "%" or getattr(ind, "is_rate", True):
            continue
        cols = (*ind.numerator_columns, *ind.denominator_columns)
        if not all(c in table.columns for c in cols):
            continue  # numerator and denominator in different tables: run checks them
        num = sum(pd.to_numeric(table[c], errors="coerce").astype(float)
                  for c in ind.numerator_columns)
        den = sum(pd.to_numeric(table[c], errors="coerce").astype(float)
                  for c in ind.denominator_columns)
        over = (num > den).to_numpy()
        if over.any():
            cases = [f"'{k}': {a:g} > {b:g}"
                     for k, a, b in zip(table.index[over], num[over], den[over], strict=True)]
            problems.add(
                where, "check.numerator_above_denominator",
                file=str(getattr(source, "path", source)),
                code=ind.code, numerator=" + ".join(ind.numerator_columns),
                denominator=" + ".join(ind.denominator_columns), n=len(cases),
                cases="; ".join(cases[:5]) + ("; …" if len(cases) > 5 else ""),
            )


def _width_without_zeros(keys_t: set[str], keys_b: set[str]) -> tuple[int, int] | None:
    """(keys that match without leading zeros, the width of the side that kept them) when
    all keys are digits and some match so; else None."""
    if not all(k.isdigit() for k in keys_t | keys_b):
        return None
    hits = {k.lstrip("0") for k in keys_t} & {k.lstrip("0") for k in keys_b}
    if not hits:
        return None
    return len(hits), max(len(k) for k in keys_t | keys_b)


def _one_table(inp, table):

    return dataclasses.replace(inp, tables=(table,))


# --- [monitoring] ---------------------------------------------------------------------------


def read_panel(cfg) -> pd.DataFrame:
    """Every table of `cfg` with all its Stichtage, side by side: a panel (key, Stichtag)."""
    parts = []
    for t in cfg.inputs.tables:
        frame = table_of(cfg, t, "all")
        if parts:
            frame = frame.drop(columns=[c for c in frame.columns if c in parts[0].columns])
        parts.append(frame)
    panel = parts[0] if len(parts) == 1 else parts[0].join(parts[1:], how="outer")
    # pandas deep-copies attrs on every operation: the load report would cost seconds
    panel.attrs = {}
    return panel


def chosen_stichtage(cfg, days: list, problems: _Problems | None = None) -> tuple:
    """The chosen Stichtage and the base; a Stichtag the data lack is a config problem."""
    mon = cfg.monitoring
    own = problems is None
    problems = _Problems(str(cfg.path or "<config>")) if own else problems
    shown = ", ".join(d.strftime("%d.%m.%Y") for d in days)
    if mon.stichtage == "all":
        chosen = list(days)
    else:
        chosen = [pd.Timestamp(d) for d in mon.stichtage]
        for d in chosen:
            if d not in days:
                problems.add("[monitoring].stichtage", "config.monitoring_missing_day",
                             given=d.strftime("%d.%m.%Y"), choices=shown)
    if len(chosen) < 2:
        problems.add("[monitoring].stichtage", "config.monitoring_too_few", n=len(chosen))
    base = pd.Timestamp(mon.base) if mon.base is not None else (chosen[0] if chosen else None)
    if base is not None and base not in chosen:
        problems.add("[monitoring].base", "config.monitoring_base",
                     given=base.strftime("%d.%m.%Y"),
                     choices=", ".join(d.strftime("%d.%m.%Y") for d in chosen))
    elif base is not None and base == max(chosen, default=base):
        problems.add("[monitoring].base", "config.monitoring_base_last",
                     given=base.strftime("%d.%m.%Y"))
    if own:
        problems.raise_if_any()
    return [d for d in chosen if d in days], base


def check_monitoring(cfg) -> None:
    """The data-dependent checks of ``[monitoring]`` (``sozialraum check`` and the run)."""
    if not cfg.monitoring.enabled:
        return
    problems = _Problems(str(cfg.path or "<config>"))
    monitoring_problems(cfg, problems)
    problems.raise_if_any()


def monitoring_problems(cfg, problems: _Problems) -> None:
    """Record the data-dependent problems of ``[monitoring]`` (a table without Stichtage,
    a chosen Stichtag or base the statistics do not have)."""
    if not cfg.monitoring.enabled:
        return
    try:
        panel = read_panel(cfg)
    except SozialraumError as exc:
        problems.add("[monitoring]", "check.monitoring_read", detail=error_detail(exc))
        return
    chosen_stichtage(cfg, stichtage(panel), problems)
    # the earlier Gebietsstände are read by the run as the boundaries are (same file or
    # database, same key): one that cannot be read is a problem here, not late in `run`
    for i, layer in enumerate(cfg.monitoring.earlier_boundaries):
        try:
            boundaries_of(cfg, layer, cfg.inputs.key)
        except SozialraumError as exc:
            problems.add(f"[monitoring].earlier_boundaries[{i}]", "check.read_failed",
                         detail=error_detail(exc))
