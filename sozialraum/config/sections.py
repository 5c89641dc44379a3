"""Private: the config sections that become the API's own dataclasses.

``[indicators]`` -> :class:`~sozialraum.Indicator` objects, ``[confidentiality]`` ->
:class:`~sozialraum.ConfidentialityPolicy` (+ constraints), ``[index]`` ->
:class:`~sozialraum.IndexSpec` (a preset with its arguments, or a spec file). Problems are
recorded in the caller's problem list, never raised one by one.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sozialraum import indicators as _ind
from sozialraum._util.dates import parse_stichtag
from sozialraum.autocorrelation.inference import MAX_PERMUTATIONS
from sozialraum.config.model import MonitoringSettings
from sozialraum.config.problems import _did_you_mean, _Problems, error_detail
from sozialraum.config.reader import _Reader, _resolve
from sozialraum.errors import ConfigError, Phrase, SozialraumError
from sozialraum.index import presets
from sozialraum.index.composite import IndexSpec
from sozialraum.index.need import HANDLUNGSBEDARF_MSS, check_matrix
from sozialraum.indicators.confidentiality import ConfidentialityPolicy

# the expected kind of value, for "config.wrong_type" in each language
_TABLE, _LIST = Phrase("config.type.table"), Phrase("config.type.list")
_TEXT = Phrase("config.type.text")

# --- the API dataclasses (indicators, index, confidentiality) -----------------------------


def _code(indicator: Any) -> str:
    for attr in ("code", "name"):
        value = getattr(indicator, attr, None)
        if isinstance(value, str):
            return value
    return str(indicator)


def _build(
    cls: type,
    data: Any,
    where: str,
    problems: _Problems,
    *,
    convert: dict[str, Callable[[Any], Any]] | None = None,
) -> Any:
    """Construct dataclass `cls` from a TOML table, recording unknown keys and bad values."""
    if not isinstance(data, dict):
        problems.add(f"[{where}]", "config.wrong_type", expected=_TABLE, given=repr(data))
        return None
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    _Reader(data, where, problems, set(names))
    kwargs = {k: v for k, v in data.items() if k in names}
    for k, fn in (convert or {}).items():
        if k in kwargs:
            kwargs[k] = fn(kwargs[k])
    try:
        return cls(**kwargs)
    except (TypeError, ValueError, SozialraumError) as exc:
        problems.add(f"[{where}]", "config.invalid", detail=error_detail(exc))
        return None


def _read_indicators(data: Any, problems: _Problems) -> list:
    r = _Reader(data, "indicators", problems, {"standard", "custom"})
    out = []
    catalogue = _standard_catalogue(_ind)
    for name in r.get("standard", list, []):
        if name in catalogue:
            out.append(catalogue[name])
        else:
            hint = _did_you_mean(str(name), sorted(catalogue))
            problems.add(
                "[indicators].standard",
                "config.bad_choice",
                given=repr(name),
                choices=", ".join(sorted(catalogue)),
                hint=hint,
            )
    for i, spec in enumerate(r.get("custom", list, [])):
        built = _build(
            _ind.Indicator,
            spec,
            f"indicators.custom[{i}]",
            problems,
            convert=_indicator_converters(_ind.Indicator),
        )
        if built is not None:
            out.append(built)
    codes = [_code(i) for i in out]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        problems.add("[indicators]", "config.duplicate_codes", codes=", ".join(dupes))
    if not out and isinstance(data, dict):
        problems.add("[indicators]", "config.no_indicators")
    return out


def _indicator_converters(cls) -> dict:
    """TOML has lists where the dataclass may want tuples."""
    conv = {}
    for f in dataclasses.fields(cls):
        conv[f.name] = lambda v: tuple(v) if isinstance(v, list) else v
    return conv


def _standard_catalogue(module) -> dict:
    for name in ("STANDARD", "STANDARD_INDICATORS"):
        cat = getattr(module, name, None)
        if isinstance(cat, dict):
            return dict(cat)
        if isinstance(cat, (list, tuple)):
            return {_code(i): i for i in cat}
    fn = getattr(module, "standard_indicators", None)
    if callable(fn):
        cat = fn()
        return dict(cat) if isinstance(cat, dict) else {_code(i): i for i in cat}
    return {}


def _read_policy(data: Any, problems: _Problems):
    """``[confidentiality]``: the policy's fields plus ``constraints`` (row relations)."""

    if not isinstance(data, dict):
        problems.add("[confidentiality]", "config.wrong_type", expected=_TABLE, given=repr(data))
        data = {}
    data = dict(data)
    raw_constraints = data.pop("constraints", [])
    constraints = []
    if not isinstance(raw_constraints, list):
        raw_constraints = [raw_constraints]
    for i, item in enumerate(raw_constraints):
        where = f"[confidentiality].constraints[{i}]"
        ok = (
            isinstance(item, dict)
            and set(item) == {"total", "parts"}
            and isinstance(item["total"], str)
            and isinstance(item["parts"], list)
            and all(isinstance(p, str) for p in item["parts"])
            and item["parts"]
        )
        if not ok:
            problems.add(where, "config.constraint", given=repr(item))
            continue
        constraints.append((item["total"], tuple(item["parts"])))
    built = _build(
        ConfidentialityPolicy,
        data,
        "confidentiality",
        problems,
        convert=_indicator_converters(ConfidentialityPolicy),
    )
    policy = built if built is not None else ConfidentialityPolicy()
    return policy, tuple(constraints)


def _spec_from(data: Any, policy: Any, base: Path, problems: _Problems, where: str,
               population: str | None = None):
    """One index table: a preset (``preset = "..."`` + its arguments) or a spec file.

    Without its own ``population`` the index uses `population` ([inputs].population) for
    the inhabitant threshold.
    """
    if data is None:
        return None, {}
    if not isinstance(data, dict):
        problems.add(where, "config.wrong_type", expected=_TABLE, given=repr(data))
        return None, {}

    source = {k: v for k, v in data.items()}
    if "preset" in data:
        name = data["preset"]
        available = sorted(
            getattr(presets, "__all__", []) or [n for n in dir(presets) if not n.startswith("_")]
        )
        fn = getattr(presets, name, None) if isinstance(name, str) else None
        if not callable(fn) or name not in available:
            hint = _did_you_mean(str(name), available)
            problems.add(
                f"{where}.preset",
                "config.bad_choice",
                given=repr(name),
                choices=", ".join(map(repr, available)),
                hint=hint,
            )
            return None, source
        args = {k: v for k, v in data.items() if k != "preset"}

        params = inspect.signature(fn).parameters
        spec_fields = {f.name for f in dataclasses.fields(IndexSpec) if f.init}
        # keys the preset takes go to the preset; other IndexSpec fields (e.g. missing,
        # max_missing, name) are applied to the preset's spec afterwards
        extra = {k: v for k, v in args.items() if k not in params and k in spec_fields}
        for k in args:
            if k not in params and k not in spec_fields:
                allowed = ["preset", *params, *sorted(spec_fields - set(params))]
                problems.add(
                    where,
                    "config.unknown_key",
                    key=k,
                    hint=_did_you_mean(k, allowed),
                    allowed=", ".join(allowed),
                )
                return None, source
        args = {
            k: (tuple(v) if isinstance(v, list) else v) for k, v in args.items() if k not in extra
        }
        if "policy" in params and "policy" not in args and policy is not None:
            args["policy"] = policy  # the run's [confidentiality] policy
        if "population" in params and "population" not in args and population:
            args["population"] = population  # [inputs].population
        try:
            spec = fn(**args)
            if extra:
                spec = dataclasses.replace(
                    spec, **{k: (tuple(v) if isinstance(v, list) else v) for k, v in extra.items()}
                )
        except (TypeError, ValueError, SozialraumError) as exc:
            problems.add(where, "config.invalid", detail=error_detail(exc))
            return None, source
        return spec, source
    if "spec" in data:
        spec_path = _resolve(base, data["spec"]) if isinstance(data["spec"], str) else None
        if spec_path is None or not spec_path.is_file():
            problems.add(f"{where}.spec", "config.file_missing", path=str(spec_path))
            return None, source
        try:
            spec = IndexSpec.from_toml(spec_path)
            if spec.population is None and population and spec.min_population != 0:
                spec = dataclasses.replace(spec, population=population)  # [inputs].population
            return spec, {"spec": str(spec_path)}
        except (TypeError, ValueError, SozialraumError) as exc:
            problems.add(f"{where}.spec", "config.invalid", detail=error_detail(exc))
            return None, source
    problems.add(where, "config.index_needs")
    return None, source


#: Short names of additional indices become column prefixes: nrw -> nrw_wert, nrw_rang ...
_EXTRA_NAME = re.compile(r"^[a-z][a-z0-9_]{0,15}$")


def _combined_spec(item: dict, known: dict, problems: _Problems, where: str,
                   population: str | None):
    """An overall index from earlier indices (``from = [...]``), in points and five classes.

    As Castrop-Rauxel's Sozialbericht: every sub-index (deprivation-oriented) is
    z-standardised, the overall index is their sum with positive points meaning
    above-average living conditions (the NRW preset with one sub-index per theme).
    """
    names = item.pop("from")
    if not isinstance(names, list) or len(names) < 2 or not all(
            isinstance(n, str) for n in names) or len(set(names)) != len(names):
        problems.add(f"{where}.from", "config.from_indices", given=repr(names),
                     known=", ".join(known) or "–")
        return None, {}
    unknown = [n for n in names if n not in known]
    if unknown:
        problems.add(f"{where}.from", "config.from_unknown", given=", ".join(unknown),
                     known=", ".join(known) or "–", hint=_did_you_mean(unknown[0], list(known)))
        return None, {}
    allowed = {"cuts"}
    for k in item:
        if k not in allowed:
            problems.add(where, "config.unknown_key", key=k, hint=_did_you_mean(k, allowed),
                         allowed="name, title, from, cuts")
            return None, {}
    try:
        spec = presets.nrw_sozialbericht(
            {n: [n] for n in names},
            directions={n: -1 if known[n].higher_is_better else 1 for n in names},
            population=population, min_population=0 if population is None else None,
            missing="reweight", max_missing=0,
            **({"cuts": tuple(item["cuts"])} if "cuts" in item else {}),
        )
    except (TypeError, ValueError, SozialraumError) as exc:
        problems.add(where, "config.invalid", detail=error_detail(exc))
        return None, {}
    spec = dataclasses.replace(spec, name="Gesamtindex", source="")
    return spec, {"from": list(names), **({"cuts": item["cuts"]} if "cuts" in item else {})}


def _read_need(data: Any, known: dict, problems: _Problems):
    """``[index.handlungsbedarf]``: status and dynamics index names and the matrix."""
    where = "[index.handlungsbedarf]"
    if not isinstance(data, dict):
        problems.add(where, "config.wrong_type", expected=_TABLE, given=repr(data))
        return None
    r = _Reader(data, "index.handlungsbedarf", problems, {"status", "dynamik", "matrix"})
    status, dyn = r.get("status", str, "index"), r.get("dynamik", str, None)
    for key, name in (("status", status), ("dynamik", dyn)):
        if name not in known:
            problems.add(f"{where}.{key}", "config.from_unknown", given=repr(name),
                         known=", ".join(known) or "–",
                         hint=_did_you_mean(str(name), list(known)))
            return None
    matrix = data.get("matrix")
    try:
        rows = check_matrix(
            HANDLUNGSBEDARF_MSS if matrix is None else matrix,
            known[status].classes.n_classes if known[status].classes else 0,
            known[dyn].classes.n_classes if known[dyn].classes else 0,
        )
    except SozialraumError as exc:
        problems.add(f"{where}.matrix", "config.invalid", detail=error_detail(exc))
        return None
    return (status, dyn, rows)


def _read_index(data: Any, policy: Any, base: Path, problems: _Problems,
                population: str | None = None):
    """``[index]``, its ``[[index.extra]]`` tables and ``[index.handlungsbedarf]``.

    An extra index is a preset or spec (as ``[index]``; ``title`` names it), or an
    overall index ``from = [...]`` earlier indices. Returns (spec, source, extras, need)
    with extras a tuple of (name, spec, source) and need (status, dynamics, matrix) or None.
    """
    if not isinstance(data, dict):
        spec, source = _spec_from(data, policy, base, problems, "[index]", population)
        return spec, source, (), None
    data = dict(data)
    raw_extra = data.pop("extra", [])
    raw_need = data.pop("handlungsbedarf", None)
    spec, source = _spec_from(data, policy, base, problems, "[index]", population)
    extras = []
    known = {"index": spec} if spec is not None else {}
    if not isinstance(raw_extra, list):
        problems.add("[index].extra", "config.wrong_type", expected=_LIST, given=repr(raw_extra))
        raw_extra = []
    for i, item in enumerate(raw_extra):
        where = f"[index.extra[{i}]]"
        item = dict(item) if isinstance(item, dict) else {}
        name = item.pop("name", None)
        title = item.pop("title", None)
        if not isinstance(name, str) or not _EXTRA_NAME.match(name) or name == "index":
            problems.add(f"{where}.name", "config.extra_name", given=repr(name))
            continue
        if title is not None and not isinstance(title, str):
            problems.add(f"{where}.title", "config.wrong_type", expected=_TEXT, given=repr(title))
            continue
        if "from" in item:
            extra_spec, extra_source = _combined_spec(item, known, problems, where, population)
        else:
            changes = item.pop("changes", False)
            if not isinstance(changes, bool):
                problems.add(f"{where}.changes", "config.wrong_type",
                             expected=Phrase("config.type.bool"), given=repr(changes))
                continue
            extra_spec, extra_source = _spec_from(item, policy, base, problems, where, population)
            if changes:  # computed from the changes since the previous Stichtag
                extra_source = {**extra_source, "changes": True}
        if extra_spec is not None:
            if title:
                extra_spec = dataclasses.replace(extra_spec, name=title)
            extras.append((name, extra_spec, {"name": name, **extra_source}))
            known[name] = extra_spec
    names = [e[0] for e in extras]
    if len(set(names)) != len(names):
        problems.add("[index].extra", "config.duplicate_codes", codes=", ".join(names))
    need = _read_need(raw_need, known, problems) if raw_need is not None else None
    return spec, source, tuple(extras), need


# --- [monitoring] ---------------------------------------------------------------------------

_MONITORING_KEYS = {"enabled", "stichtage", "base", "columns", "changes", "ehsa", "permutations",
                    "earlier_boundaries"}
MONITORING_CHANGES = ("base", "consecutive")


def _read_monitoring(data: Any, *, codes: list[str], has_index: bool, map_columns, problems):
    """``[monitoring]`` -> :class:`~sozialraum.config.model.MonitoringSettings`.

    Every option is checked here with its key path (the Stichtage against the data in
    ``sozialraum check`` and in the run).
    """
    if data is None:
        return MonitoringSettings()
    r = _Reader(data, "monitoring", problems, _MONITORING_KEYS)
    if not isinstance(data, dict):
        problems.add("[monitoring]", "config.wrong_type", expected=_TABLE, given=repr(data))
        return MonitoringSettings()

    def day(value, where):
        try:
            return parse_stichtag(value)
        except (ConfigError, TypeError, ValueError):
            problems.add(where, "config.stichtag", given=repr(value))
            return None

    raw = data.get("stichtage", "all")
    stichtage: Any = "all"
    if isinstance(raw, list):
        days = [day(v, f"[monitoring].stichtage[{i}]") for i, v in enumerate(raw)]
        days = [d for d in days if d is not None]
        if len(set(days)) < 2 and len(days) == len(raw):
            problems.add("[monitoring].stichtage", "config.monitoring_too_few", n=len(set(days)))
        stichtage = tuple(sorted(set(days)))
    elif raw != "all":
        problems.add("[monitoring].stichtage", "config.monitoring_stichtage", given=repr(raw))
    base = None
    if "base" in data:
        raw_base = data["base"]
        if isinstance(raw_base, (str, int, _dt.date)) and not isinstance(raw_base, bool):
            base = day(raw_base, "[monitoring].base")
        else:
            problems.add("[monitoring].base", "config.stichtag", given=repr(raw_base))
        if base is not None and stichtage != "all" and base not in stichtage:
            problems.add("[monitoring].base", "config.monitoring_base",
                         given=repr(raw_base), choices=", ".join(
                             d.strftime("%d.%m.%Y") for d in stichtage))
    allowed = (["index"] if has_index else []) + list(codes)
    default = [c for c in map_columns if c in allowed] or allowed
    columns = tuple(r.get("columns", list, default))
    for c in columns:
        if codes and c not in allowed:
            problems.add("[monitoring].columns", "config.unknown_column", given=c,
                         choices=", ".join(allowed), hint=_did_you_mean(str(c), allowed))
    if "columns" in data and isinstance(data["columns"], list) and not columns:
        problems.add("[monitoring].columns", "config.missing")
    permutations = r.get("permutations", int, None)
    if permutations is not None and not 99 <= permutations <= MAX_PERMUTATIONS:
        problems.add("[monitoring].permutations", "config.permutations", given=permutations)
    return MonitoringSettings(
        enabled=r.get("enabled", bool, True),
        stichtage=stichtage,
        base=base,
        columns=tuple(c for c in columns if c in allowed or not codes),
        changes=r.choice("changes", MONITORING_CHANGES, "base"),
        ehsa=r.get("ehsa", bool, True),
        permutations=permutations,
        earlier_boundaries=tuple(str(v) for v in r.get("earlier_boundaries", list, [])),
    )
