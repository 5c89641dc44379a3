"""Read a TOML config file into a Config, reporting every problem at once."""

from __future__ import annotations

import codecs
import datetime as _dt
import math
import re
import tomllib
from pathlib import Path
from typing import Any

import pyproj

from sozialraum._util.dates import parse_stichtag
from sozialraum.autocorrelation.inference import MAX_PERMUTATIONS, Inference
from sozialraum.config.model import (
    PROFILE_FORMATS,
    Config,
    HotspotSettings,
    Inputs,
    LevelInput,
    MapSettings,
    ProfileSettings,
    TableInput,
    WeightsSettings,
)
from sozialraum.config.problems import _did_you_mean, _Problems
from sozialraum.config.reader import (
    _CORRECTIONS,
    _FORMATS,
    _INPUT_KEYS,
    _LAYOUTS,
    _LEVEL_KEYS,
    _SCHEMES,
    _SECTIONS,
    _STATISTICS,
    _TABLE_KEYS,
    _Reader,
    _resolve,
)
from sozialraum.config.sections import (
    _read_index,
    _read_indicators,
    _read_monitoring,
    _read_policy,
)
from sozialraum.errors import ConfigError, Phrase
from sozialraum.io.postgis import is_database


def load_config(path: str | Path) -> Config:
    """Read and validate a TOML config file; report every problem at once.

    Parameters
    ----------
    path : str or Path
        The config file. Relative paths inside it are relative to its folder.

    Returns
    -------
    Config

    Raises
    ------
    ConfigError
        Listing every problem with its key path (``[hotspots].permutations: ...``).

    Examples
    --------
    A planner's folder with the demo city's files and the demo config:

    >>> import shutil, tempfile
    >>> from pathlib import Path
    >>> import sozialraum as sr
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("musterstadt.gpkg", "musterstadt_statistik.csv"):
    ...     _ = shutil.copy(sr.datasets.get_path(name), folder)
    >>> _ = shutil.copy(sr.config.TEMPLATE_DIR / "demo.toml", folder / "sozialraum.toml")
    >>> cfg = sr.load_config(folder / "sozialraum.toml")
    >>> cfg.index_source["preset"]
    'berlin_mss_status'
    """
    path = Path(path)
    if not path.is_file():
        problems = _Problems(str(path))
        problems.add(str(path), "config.not_found", path=str(path))
        problems.raise_if_any()
    raw_bytes = path.read_bytes()
    try:
        decoded = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # e.g. saved as Windows-1252 by an old editor: "Sozialräume" would become garbage
        line = raw_bytes[: exc.start].count(b"\n") + 1
        problems = _Problems(str(path))
        problems.add(f"{path.name}:{line}", "config.not_utf8", line=line)
        problems.raise_if_any()
    return loads(
        decoded,
        base=path.parent,
        source=str(path),
        config_path=path,
    )


# tomllib's messages (Python 3.11) and their catalogue keys; another message is shown as given
_TOML_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"Unterminated string", "config.toml.unterminated_string"),
    (r"Illegal character '\\n'", "config.toml.newline_in_string"),
    (r"Illegal character (?P<char>.+)", "config.toml.illegal_character"),
    (r"Found invalid character (?P<char>.+)", "config.toml.invalid_character"),
    (r"Expected '=' after a key in a key/value pair", "config.toml.expected_equals"),
    (r"Invalid value( \(at end of document\))?", "config.toml.invalid_value"),
    (r"Expected newline or end of document after a statement", "config.toml.expected_newline"),
    (r"Invalid statement", "config.toml.invalid_statement"),
    (r"Unclosed array", "config.toml.unclosed_array"),
    (r"Unclosed inline table", "config.toml.unclosed_table"),
    (r"Expected '\]' at the end of a table declaration", "config.toml.table_bracket"),
    (r"Invalid initial character for a key part", "config.toml.key_character"),
    (r"Cannot overwrite a value", "config.toml.twice"),
    (r"Cannot declare (?P<name>.+) twice", "config.toml.declared_twice"),
    (r"Invalid date or datetime", "config.toml.date"),
    (r"Unescaped '\\' in a string|Invalid hex value", "config.toml.backslash"),
)


def _toml_detail(detail: str) -> object:
    """tomllib's (English) message as a catalogue text, so that German output stays German."""
    for pattern, key in _TOML_MESSAGES:
        m = re.fullmatch(pattern, detail.strip())
        if m:
            values = {k: v for k, v in m.groupdict().items() if k != "name" or v is None}
            if m.groupdict().get("name"):  # ('inputs', 'key') -> inputs.key
                values["name"] = ".".join(re.findall(r"'([^']*)'", m["name"])) or m["name"]
            return Phrase(key, **{k: v for k, v in values.items() if v is not None})
    return detail


def loads(
    source_text: str,
    *,
    base: str | Path = ".",
    source: str = "<config>",
    config_path: Path | None = None,
) -> Config:
    """Like :func:`load_config`, from TOML text (paths relative to `base`)."""
    problems = _Problems(source)
    try:
        data = tomllib.loads(source_text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11 puts the position only into the message: "... (at line 3, column 17)"

        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = getattr(exc, "lineno", None) or (int(m.group(1)) if m else "?")
        col = getattr(exc, "colno", None) or (int(m.group(2)) if m else "?")
        detail = getattr(exc, "msg", None) or re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        problems.add("TOML", "config.syntax", line=line, col=col, detail=_toml_detail(detail))
        problems.raise_if_any()
    return from_dict(data, base=Path(base), problems=problems, config_path=config_path)


def from_dict(
    data: dict,
    *,
    base: Path = Path("."),
    problems: _Problems | None = None,
    config_path: Path | None = None,
    _lenient: bool = False,
) -> Config:
    """Build a :class:`Config` from already parsed TOML data (see :func:`load_config`)."""
    problems = problems or _Problems("<config>")
    _check_control_characters(data, "", problems)
    top = _Reader(data, "", problems, _SECTIONS)
    language = top.choice("language", ("de", "en"), "de")


    inputs = _read_inputs(data.get("inputs"), base, problems)
    indicators = _read_indicators(data.get("indicators", {}), problems)
    policy, constraints = _read_policy(data.get("confidentiality", {}), problems)
    index_data = data.get("index")
    index_reference = "region"
    if isinstance(index_data, dict) and isinstance(index_data.get("reference"), str):
        # a text is the frame of reference; a table stays the spec's distance reference
        index_data = dict(index_data)
        index_reference = index_data.pop("reference")
        if index_reference not in ("region", "municipality"):
            problems.add("[index].reference", "config.bad_choice", given=repr(index_reference),
                         choices="'region', 'municipality'")
            index_reference = "region"
        elif index_reference == "municipality" and inputs and not inputs.municipality:
            problems.add("[index].reference", "config.reference_needs_municipality")
    index, index_source, extra_indices, need = _read_index(
        index_data, policy, base, problems, inputs.population if inputs else None
    )

    w = _Reader(
        data.get("weights", {}), "weights", problems,
        {"method", "k", "threshold", "islands", "cross_border"},
    )
    weights = WeightsSettings(
        method=w.choice("method", ("queen", "rook", "fuzzy", "knn", "distance"), "queen"),
        k=w.get("k", int, None),
        threshold=w.get("threshold", (int, float), None),
        islands=w.choice("islands", ("keep", "knn"), "keep"),
        cross_border=w.choice("cross_border", ("keep", "cut"), "keep"),
    )
    if weights.cross_border == "cut" and inputs and not inputs.municipality:
        problems.add("[weights].cross_border", "config.cross_border_needs_municipality")

    h = _Reader(
        data.get("hotspots", {}),
        "hotspots",
        problems,
        {"statistics", "variable", "permutations", "seed", "alpha", "correction"},
    )
    defaults = Inference()
    settings = {
        "permutations": h.get("permutations", int, defaults.permutations),
        "seed": h.get("seed", int, defaults.seed),
        "alpha": float(h.get("alpha", (int, float), defaults.alpha)),
        "correction": h.choice("correction", _CORRECTIONS, defaults.correction),
    }
    # the library's rules live in Inference: report each broken one here, with its key path
    for err in Inference.problems(**settings):
        problems.add(f"[hotspots].{err.field}", err.key, **err.values)
        settings[err.field] = getattr(defaults, err.field)
    hotspots = HotspotSettings(
        statistics=h.choices("statistics", _STATISTICS, _STATISTICS),
        variable=h.get("variable", str, "index"),
        **settings,
    )
    # a config is for citable results: stricter than the library
    if not 99 <= hotspots.permutations <= MAX_PERMUTATIONS:
        problems.add("[hotspots].permutations", "config.permutations", given=hotspots.permutations)
    if not 0 < hotspots.alpha < 0.5:
        problems.add("[hotspots].alpha", "config.alpha", given=hotspots.alpha)
    codes = [_code(i) for i in indicators]
    if hotspots.variable != "index" and codes and hotspots.variable not in codes:
        hint = _did_you_mean(hotspots.variable, ["index", *codes])
        problems.add(
            "[hotspots].variable",
            "config.unknown_column",
            given=hotspots.variable,
            choices=", ".join(["index", *codes]),
            hint=hint,
        )

    m = _Reader(
        data.get("maps", {}),
        "maps",
        problems,
        {"columns", "scheme", "k", "levels", "formats", "html", "clusters", "layout", "dpi"},
    )
    level_names = [inputs.level, *(lv.name for lv in inputs.levels)] if inputs else []
    maps = MapSettings(
        columns=tuple(m.get("columns", list, ["index", *codes])),
        scheme=m.choice("scheme", _SCHEMES, "quantiles"),
        k=m.get("k", int, 5),
        levels=tuple(m.get("levels", list, [])),
        formats=m.choices("formats", _FORMATS, _FORMATS),
        html=m.get("html", bool, True),
        clusters=m.get("clusters", bool, True),
        layout=m.choice("layout", ("A4 landscape", "A4 portrait"), "A4 landscape"),
        dpi=m.get("dpi", int, 300),
    )
    pr = _Reader(data.get("profiles", {}), "profiles", problems, {"enabled", "formats"})
    profiles = ProfileSettings(
        enabled=pr.get("enabled", bool, True),
        formats=pr.choices("formats", PROFILE_FORMATS, ("html",)),
    )
    sg = _Reader(data.get("subgroups", {}), "subgroups", problems, {"enabled"})
    subgroups = sg.get("enabled", bool, None)
    monitoring = _read_monitoring(
        data.get("monitoring"), codes=codes, has_index=index is not None or "index" in data,
        map_columns=maps.columns, problems=problems,
    )
    specs = [("[index]", index)] + [  # an overall index (from = [...]) has no data columns
        (f"[index.extra[{i}]]", spec) for i, (_, spec, src) in enumerate(extra_indices)
        if "from" not in src
    ]
    for where, spec in specs:
        for col in getattr(spec, "columns", []) if spec is not None else []:
            if codes and col not in codes:
                problems.add(
                    where,
                    "config.index_column",
                    given=col,
                    choices=", ".join(codes),
                    hint=_did_you_mean(col, codes),
                )
    mappable = ["index", *(e[0] for e in extra_indices), *codes,
                *(["handlungsbedarf"] if need is not None else [])]
    for col in maps.columns:
        if codes and col not in mappable:
            hint = _did_you_mean(col, mappable)
            problems.add(
                "[maps].columns",
                "config.unknown_column",
                given=col,
                choices=", ".join(mappable),
                hint=hint,
            )
    for lv in maps.levels:
        if level_names and lv not in level_names:
            problems.add(
                "[maps].levels",
                "config.bad_choice",
                given=repr(lv),
                choices=", ".join(map(repr, level_names)),
                hint=_did_you_mean(lv, level_names),
            )
    _check_settings(weights, maps, problems)

    o = _Reader(data.get("output", {}), "output", problems,
                {"folder", "postgis", "postgis_schema", "postgis_replace"})
    output = _resolve(base, o.get("folder", str, "ergebnis"))
    postgis = None
    target = o.get("postgis", str, "")
    if target:
        if not is_database(target):
            problems.add("[output].postgis", "config.postgis_url", given=repr(target))
        elif "password" in target.lower() or re.search(r"://[^/@:]+:[^@]+@", target):
            problems.add("[output].postgis", "config.postgis_password")
        else:
            postgis = (target, o.get("postgis_schema", str, "sozialraum"),
                       o.get("postgis_replace", bool, False))

    if not _lenient:
        problems.raise_if_any()
    return Config(
        inputs=inputs,
        indicators=tuple(indicators),
        index=index,
        policy=policy,
        weights=weights,
        hotspots=hotspots,
        maps=maps,
        profiles=profiles,
        subgroups=subgroups,
        monitoring=monitoring,
        output=output,
        postgis=postgis,
        language=language,
        index_source=index_source,
        index_reference=index_reference,
        constraints=constraints,
        extra_indices=extra_indices,
        need=need,
        path=config_path,
        raw=data,
    )


#: Control characters no output can hold (XML, GeoPackage and C strings refuse them);
#: tab, line feed and carriage return are allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _check_control_characters(value: Any, where: str, problems: _Problems) -> None:
    """Refuse a NUL or another control character in any text of the config (keys too)."""
    if isinstance(value, dict):
        for k, v in value.items():
            path = f"{where}.{k}" if where else str(k)
            _check_control_characters(k, path, problems)
            _check_control_characters(v, path, problems)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_control_characters(v, f"{where}[{i}]", problems)
    elif isinstance(value, str) and (m := _CONTROL.search(value)):
        problems.add(
            f"[{where}]" if where else "[config]",
            "config.control_character",
            code=f"U+{ord(m.group()):04X}",
            given=repr(value),
        )


#: The print resolution of the static maps: [maps].dpi (docs/workflow.md).
DPI_RANGE = (50, 1200)


def _check_settings(weights, maps, problems: _Problems) -> None:
    """The ranges of the settings `run` uses, each reported with its key path ([hotspots] is
    checked by :class:`~sozialraum.Inference` and the config's stricter rules above)."""
    if weights.method == "distance" and weights.threshold is None:
        problems.add("[weights].threshold", "config.distance_needs_threshold")
    if weights.method == "knn" and weights.k is None:
        problems.add("[weights].k", "config.knn_needs_k")
    if weights.k is not None and not (_is_int(weights.k) and weights.k >= 1):
        problems.add("[weights].k", "config.weights_k", given=weights.k)
    if weights.threshold is not None and not (
        isinstance(weights.threshold, (int, float))
        and not isinstance(weights.threshold, bool)
        and math.isfinite(weights.threshold)
        and weights.threshold > 0
    ):
        problems.add("[weights].threshold", "config.threshold", given=weights.threshold)
    if not (_is_int(maps.k) and 2 <= maps.k <= 9):
        problems.add("[maps].k", "config.k_range", given=maps.k)
    low, high = DPI_RANGE
    if not (_is_int(maps.dpi) and low <= maps.dpi <= high):
        problems.add("[maps].dpi", "config.dpi", given=maps.dpi, low=low, high=high)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_settings(cfg: Config) -> None:
    """Raise one :class:`ConfigError` listing every setting of `cfg` out of its range.

    :func:`load_config` checks these already; :func:`~sozialraum.run` calls this for a
    :class:`Config` built or changed in Python, before any work.
    """
    problems = _Problems(str(cfg.path or "<config>"))
    _check_settings(cfg.weights, cfg.maps, problems)
    problems.raise_if_any()


def _read_inputs(data: Any, base: Path, problems: _Problems) -> Inputs | None:
    if not isinstance(data, dict):
        problems.add("[inputs]", "config.missing_section")
        return None
    r = _Reader(data, "inputs", problems, _INPUT_KEYS)
    boundaries = r.get("boundaries", str, None, required=True)
    if boundaries and is_database(boundaries):
        bpath = boundaries  # a PostGIS database: read_boundaries checks it (check, run)
    else:
        bpath = _resolve(base, boundaries) if boundaries else None
    if isinstance(bpath, Path) and not bpath.is_file():
        problems.add("[inputs].boundaries", "config.file_missing", path=str(bpath))
    key = r.get("key", str, "", required=True)
    stichtag_raw = r.get("stichtag", (str, int, _dt.date), None, required=True)
    stichtag = None
    if stichtag_raw is not None:
        try:
            stichtag = parse_stichtag(stichtag_raw)
        except ConfigError:
            problems.add("[inputs].stichtag", "config.stichtag", given=repr(stichtag_raw))
    tables = []
    raw_tables = r.get("tables", list, [], required=True)
    if "tables" in data and not raw_tables:
        problems.add("[inputs].tables", "config.missing")
    for i, t in enumerate(raw_tables):
        where = f"inputs.tables[{i}]"
        tr = _Reader(t, where, problems, _TABLE_KEYS)
        tp = tr.get("path", str, None, required=True)
        tpath = _resolve(base, tp) if tp else None
        if tpath is not None and not tpath.is_file():
            problems.add(f"[{where}].path", "config.file_missing", path=str(tpath))
        tables.append(
            TableInput(
                path=tpath or Path(""),
                key=tr.get("key", str, None),
                sheet=tr.get("sheet", (str, int), None),
                layout=tr.choice("layout", _LAYOUTS, "auto"),
                na_values=tuple(tr.get("na_values", list, [])),
                **_csv_options(tr, where),
            )
        )
    levels = []
    for i, lv in enumerate(r.get("levels", list, [])):
        where = f"inputs.levels[{i}]"
        lr = _Reader(lv, where, problems, _LEVEL_KEYS)
        name = lr.get("name", str, f"ebene{i + 1}", required=True)
        levels.append(
            LevelInput(
                name=name,
                key=lr.get("key", str, "", required=True),
                label=lr.get("label", str, name),
                layer=lr.get("layer", str, None),
            )
        )
    crs = _read_crs(r)
    key_width = r.get("key_width", int, None)
    if key_width is not None and not 1 <= key_width <= 20:
        r.problems.add("[inputs].key_width", "config.key_width", given=key_width)
        key_width = None
    if bpath is None or stichtag is None:
        return None
    return Inputs(
        boundaries=bpath,
        key=key,
        stichtag=stichtag,
        tables=tuple(tables),
        layer=r.get("layer", str, None),
        name=r.get("name", str, "name"),
        level=r.get("level", str, "sozialraeume"),
        level_label=r.get("level_label", str, "Sozialräume"),
        population=r.get("population", str, "EW"),
        area=r.get("area", str, None),
        levels=tuple(levels),
        source=r.get("source", str, ""),
        licence=r.get("licence", str, ""),
        geometry_source=r.get("geometry_source", str, ""),
        geometry_licence=r.get("geometry_licence", str, ""),
        crs=crs,
        municipality=r.get("municipality", str, None),
        key_width=key_width,
    )


def _csv_options(tr: _Reader, where: str) -> dict:
    """``sep``, ``encoding``, ``decimal``, ``thousands`` (CSV: instead of the detection),
    ``text_columns``, ``variable`` and ``value`` of a table entry, as read_table takes them."""
    sep = tr.get("sep", str, None)
    if sep is not None and sep not in (";", ",", "\t", "|"):
        tr.problems.add(f"[{where}].sep", "config.table_sep", given=repr(sep))
        sep = None
    encoding = tr.get("encoding", str, None)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            tr.problems.add(f"[{where}].encoding", "config.table_encoding", given=repr(encoding))
            encoding = None
    decimal = tr.get("decimal", str, None)
    if decimal is not None and decimal not in (",", "."):
        tr.problems.add(f"[{where}].decimal", "config.table_decimal", given=repr(decimal))
        decimal = None
    thousands = tr.get("thousands", str, None)
    if thousands is not None and thousands not in (".", ",", " ", "'", ""):
        tr.problems.add(f"[{where}].thousands", "config.table_thousands", given=repr(thousands))
        thousands = None
    if decimal is not None and thousands == decimal:
        tr.problems.add(f"[{where}].thousands", "config.table_decimal_thousands",
                        given=repr(decimal))
        thousands = None
    text_columns = tr.get("text_columns", list, [])
    if not all(isinstance(c, str) for c in text_columns):
        tr.problems.add(f"[{where}].text_columns", "config.table_text_columns",
                        given=repr(text_columns))
        text_columns = []
    return {"sep": sep, "encoding": encoding, "decimal": decimal, "thousands": thousands,
            "text_columns": tuple(text_columns), "variable": tr.get("variable", str, None),
            "value": tr.get("value", str, None)}


def _read_crs(r: _Reader) -> str | None:
    """``[inputs].crs``: "EPSG:25832" (or 25832), checked with pyproj; None if not given."""
    raw = r.get("crs", (str, int), None)
    if raw is None:
        return None
    value = f"EPSG:{raw}" if isinstance(raw, int) else raw.strip()
    try:
        crs = pyproj.CRS.from_user_input(value)
    except pyproj.exceptions.CRSError:
        r.problems.add("[inputs].crs", "config.crs_invalid", given=repr(raw))
        return None
    if crs.is_geographic:
        r.problems.add("[inputs].crs", "config.crs_geographic", given=repr(raw))
        return None
    return value


def _code(indicator: Any) -> str:
    for attr in ("code", "name"):
        value = getattr(indicator, attr, None)
        if isinstance(value, str):
            return value
    return str(indicator)
