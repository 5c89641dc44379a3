"""The planner's TOML config file -> the same dataclasses the Python API uses.

A config file describes one yearly run: which files to read, which indicators and
index to compute, the confidentiality rules, the spatial weights, the hotspot
statistics, the maps and the output folder. :func:`load_config` reads it,
validates **everything** and reports every problem at once (one
:class:`~sozialraum.errors.ConfigError` whose message lists each problem with
its key path, e.g. ``[index].preset``). Paths are relative to the config file.

The indicator, index and confidentiality sections become the API's own objects
(:class:`~sozialraum.Indicator`, :class:`~sozialraum.IndexSpec`,
:class:`~sozialraum.ConfidentialityPolicy`), so a notebook user who loads the
planner's config gets identical results::

    >>> import sozialraum as sr
    >>> cfg = sr.config.demo_config()
    >>> cfg.hotspots.permutations
    9999
    >>> cfg.inputs.key
    'SR_NR'

A commented German template is written by :func:`write_template`
(``sozialraum init``). Every key is documented in docs/workflow.md.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._common import format_stichtag, parse_stichtag
from ._text import text
from .errors import ConfigError, OutputExistsError

__all__ = [
    "Config",
    "HotspotSettings",
    "Inputs",
    "LevelInput",
    "MapSettings",
    "TableInput",
    "WeightsSettings",
    "check_config",
    "demo_config",
    "load_config",
    "write_template",
]

TEMPLATE_DIR = Path(__file__).parent / "templates"


# --- the dataclasses ------------------------------------------------------------------------


@dataclass(frozen=True)
class TableInput:
    """One statistics table (CSV or XLSX) to read with :func:`sozialraum.read_table`."""

    path: Path
    key: str | None = None  # None: the boundaries' key column
    sheet: str | int | None = None
    layout: str = "auto"
    na_values: tuple[Any, ...] = ()


@dataclass(frozen=True)
class LevelInput:
    """A higher level (e.g. Stadtteile): its key column in the base layer and its geometries."""

    name: str  # used in file names, e.g. "stadtteile"
    key: str  # parent key column in the base layer, e.g. "ST_NR"
    label: str = ""  # shown to readers, e.g. "Stadtteile"
    layer: str | None = None  # layer with its geometries in the boundaries file (else dissolved)


@dataclass(frozen=True)
class Inputs:
    """What to read: boundaries, tables, Stichtag and the source/licence texts."""

    boundaries: Path
    key: str
    stichtag: _dt.date
    tables: tuple[TableInput, ...]
    layer: str | None = None
    name: str | None = "name"
    level: str = "sozialraeume"
    level_label: str = "Sozialräume"
    population: str = "EW"
    area: str | None = None
    levels: tuple[LevelInput, ...] = ()
    source: str = ""
    licence: str = ""
    geometry_source: str = ""


@dataclass(frozen=True)
class WeightsSettings:
    """Arguments of :func:`sozialraum.spatial_weights`."""

    method: str = "queen"
    k: int | None = None
    threshold: float | None = None
    islands: str = "keep"


@dataclass(frozen=True)
class HotspotSettings:
    """Which local statistics to compute on which variable, and the inference settings."""

    statistics: tuple[str, ...] = ("local_moran", "gstar")
    variable: str = "index"
    permutations: int = 9999
    seed: int = 1
    alpha: float = 0.05
    correction: str = "fdr"


@dataclass(frozen=True)
class MapSettings:
    """Which maps to draw, how to classify them and in which formats."""

    columns: tuple[str, ...] = ("index",)
    scheme: str = "quantiles"
    k: int = 5
    levels: tuple[str, ...] = ()  # empty: every level
    formats: tuple[str, ...] = ("png", "pdf", "svg")
    html: bool = True
    clusters: bool = True
    layout: str = "A4 landscape"
    dpi: int = 300  # print resolution (issue: PNG at 300 dpi)


@dataclass(frozen=True)
class Config:
    """A validated run configuration (see :func:`load_config`)."""

    inputs: Inputs
    indicators: tuple[Any, ...]  # sozialraum.Indicator
    index: Any  # sozialraum.IndexSpec or None
    policy: Any  # sozialraum.ConfidentialityPolicy
    weights: WeightsSettings = field(default_factory=WeightsSettings)
    hotspots: HotspotSettings = field(default_factory=HotspotSettings)
    maps: MapSettings = field(default_factory=MapSettings)
    output: Path = Path("ergebnis")
    language: str = "de"
    index_source: dict = field(default_factory=dict)  # how the index was given (preset + args)
    constraints: tuple = ()  # row relations (total, parts) for secondary suppression
    extra_indices: tuple = ()  # additional indices: (name, IndexSpec, source) from [[index.extra]]
    path: Path | None = None  # the config file, if read from one
    raw: dict = field(default_factory=dict, compare=False)  # the TOML as read

    def replace(self, **changes: Any) -> Config:
        """A copy with some fields changed (dataclasses.replace)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        """The full resolved configuration as plain JSON-able data (for provenance.json)."""
        return _plain(
            {
                "language": self.language,
                "inputs": self.inputs,
                "indicators": list(self.indicators),
                "index": self.index_source,
                "index_spec": self.index,
                "extra_indices": [
                    {"name": n, "source": src, "spec": spec} for n, spec, src in self.extra_indices
                ],
                "confidentiality": self.policy,
                "confidentiality_constraints": self.constraints,
                "weights": self.weights,
                "hotspots": self.hotspots,
                "maps": self.maps,
            }
        )


def _plain(value: Any) -> Any:
    """Convert dataclasses, paths, dates and tuples to JSON-able values (sorted dicts)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("raw",)
        }
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str):
        try:
            return value.item()
        except (TypeError, ValueError):
            pass
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "value") and isinstance(value.value, (str, int)):
        return value.value  # enums
    if callable(value):
        return getattr(value, "__name__", repr(value))
    return repr(value)


# --- problems ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One problem found in a config: the key path and the message in both languages."""

    where: str
    de: str
    en: str

    def message(self, lang: str = "de") -> str:
        return f"{self.where}: {self.de if lang == 'de' else self.en}"


class _Problems:
    def __init__(self, source: str):
        self.source = source
        self.items: list[Problem] = []

    def add(self, where: str, message: str, /, *, hint: str = "", **values: Any) -> None:
        de, en = text(message, "de", **values), text(message, "en", **values)
        if hint:
            de += " " + text("config.did_you_mean", "de", hint=hint)
            en += " " + text("config.did_you_mean", "en", hint=hint)
        self.items.append(Problem(where, de, en))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        raise config_error(self.source, self.items)


def config_error(source: str, problems: list[Problem]) -> ConfigError:
    """One ConfigError listing every problem; ``.localized`` holds the German text for the CLI."""
    n = len(problems)
    localized = {}
    for lang in ("de", "en"):
        head = text("config.problems", lang, n=n, source=source)
        localized[lang] = head + "".join(f"\n  - {p.message(lang)}" for p in problems)
    err = ConfigError(localized["en"])
    err.localized = localized  # read by sozialraum.cli for the German message
    err.problems = tuple(problems)
    return err


def _did_you_mean(value: str, options: list[str]) -> str:
    close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
    return close[0] if close else ""


# --- reading --------------------------------------------------------------------------------

_SECTIONS = {
    "language",
    "inputs",
    "indicators",
    "index",
    "confidentiality",
    "weights",
    "hotspots",
    "maps",
    "output",
}
_INPUT_KEYS = {
    "boundaries",
    "layer",
    "key",
    "name",
    "level",
    "level_label",
    "population",
    "area",
    "stichtag",
    "source",
    "licence",
    "geometry_source",
    "tables",
    "levels",
}
_TABLE_KEYS = {"path", "key", "sheet", "layout", "na_values"}
_LEVEL_KEYS = {"name", "key", "label", "layer"}
_STATISTICS = ("local_moran", "gstar")
_CORRECTIONS = ("fdr", "bonferroni", "spdep", "none")
_SCHEMES = ("quantiles", "fisher_jenks", "equal_interval", "std_mean")
_FORMATS = ("png", "pdf", "svg")
_LAYOUTS = ("auto", "wide", "long")


class _Reader:
    """Typed access to one TOML table that records problems instead of raising."""

    def __init__(self, data: dict, where: str, problems: _Problems, allowed: set[str]):
        self.data = data if isinstance(data, dict) else {}
        self.where = where
        self.problems = problems
        for key in self.data:
            if key not in allowed:
                hint = _did_you_mean(key, sorted(allowed))
                self.problems.add(
                    f"[{where}]" if where else key,
                    "config.unknown_key",
                    key=key,
                    hint=hint,
                    allowed=", ".join(sorted(allowed)),
                )

    def path(self, key: str) -> str:
        return f"[{self.where}].{key}" if self.where else key

    def get(self, key: str, kind: type | tuple, default: Any = None, *, required: bool = False):
        if key not in self.data:
            if required:
                self.problems.add(self.path(key), "config.missing")
            return default
        value = self.data[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
        if int in kinds and float in kinds and isinstance(value, int):
            ok = not isinstance(value, bool)
        if not ok:
            names = " / ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
            self.problems.add(
                self.path(key), "config.wrong_type", expected=names, given=repr(value)
            )
            return default
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.get(key, str, default)
        if value not in choices:
            self._bad_choice(key, value, choices)
            return default
        return value

    def choices(self, key: str, choices: tuple[str, ...], default: tuple[str, ...]):
        values = self.get(key, list, list(default))
        good = []
        for v in values:
            if v in choices:
                good.append(v)
            else:
                self._bad_choice(key, v, choices)
        return tuple(good)

    def _bad_choice(self, key, value, choices):
        hint = _did_you_mean(str(value), list(choices))
        self.problems.add(
            self.path(key),
            "config.bad_choice",
            given=repr(value),
            choices=", ".join(repr(c) for c in choices),
            hint=hint,
        )


_TYPE_NAMES = {
    str: "Text",
    int: "Zahl",
    float: "Zahl",
    bool: "true/false",
    list: "Liste",
    dict: "Tabelle",
}


def _resolve(base: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (base / path)


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
    return loads(
        raw_bytes.decode("utf-8-sig", errors="replace"),
        base=path.parent,
        source=str(path),
        config_path=path,
    )


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
        import re

        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = getattr(exc, "lineno", None) or (int(m.group(1)) if m else "?")
        col = getattr(exc, "colno", None) or (int(m.group(2)) if m else "?")
        detail = getattr(exc, "msg", None) or re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        problems.add("TOML", "config.syntax", line=line, col=col, detail=detail)
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
    top = _Reader(data, "", problems, _SECTIONS)
    language = top.choice("language", ("de", "en"), "de")

    from ._config_api import _read_index, _read_indicators, _read_policy

    inputs = _read_inputs(data.get("inputs"), base, problems)
    indicators = _read_indicators(data.get("indicators", {}), problems)
    policy, constraints = _read_policy(data.get("confidentiality", {}), problems)
    index, index_source, extra_indices = _read_index(data.get("index"), policy, base, problems)

    w = _Reader(
        data.get("weights", {}), "weights", problems, {"method", "k", "threshold", "islands"}
    )
    weights = WeightsSettings(
        method=w.choice("method", ("queen", "rook", "fuzzy", "knn", "distance"), "queen"),
        k=w.get("k", int, None),
        threshold=w.get("threshold", (int, float), None),
        islands=w.choice("islands", ("keep", "knn"), "keep"),
    )
    if weights.method == "distance" and weights.threshold is None:
        problems.add("[weights].threshold", "config.distance_needs_threshold")
    if weights.method == "knn" and weights.k is None:
        problems.add("[weights].k", "config.knn_needs_k")

    h = _Reader(
        data.get("hotspots", {}),
        "hotspots",
        problems,
        {"statistics", "variable", "permutations", "seed", "alpha", "correction"},
    )
    hotspots = HotspotSettings(
        statistics=h.choices("statistics", _STATISTICS, _STATISTICS),
        variable=h.get("variable", str, "index"),
        permutations=h.get("permutations", int, 9999),
        seed=h.get("seed", int, 1),
        alpha=float(h.get("alpha", (int, float), 0.05)),
        correction=h.choice("correction", _CORRECTIONS, "fdr"),
    )
    if not 99 <= hotspots.permutations <= 99999:
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
    specs = [("[index]", index)] + [
        (f"[index.extra[{i}]]", spec) for i, (_, spec, _) in enumerate(extra_indices)
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
    mappable = ["index", *(e[0] for e in extra_indices), *codes]
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
    if not 2 <= maps.k <= 9:
        problems.add("[maps].k", "config.k_range", given=maps.k)

    o = _Reader(data.get("output", {}), "output", problems, {"folder"})
    output = _resolve(base, o.get("folder", str, "ergebnis"))

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
        output=output,
        language=language,
        index_source=index_source,
        constraints=constraints,
        extra_indices=extra_indices,
        path=config_path,
        raw=data,
    )


def _read_inputs(data: Any, base: Path, problems: _Problems) -> Inputs | None:
    if not isinstance(data, dict):
        problems.add("[inputs]", "config.missing_section")
        return None
    r = _Reader(data, "inputs", problems, _INPUT_KEYS)
    boundaries = r.get("boundaries", str, None, required=True)
    bpath = _resolve(base, boundaries) if boundaries else None
    if bpath is not None and not bpath.is_file():
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
    )


def _code(indicator: Any) -> str:
    for attr in ("code", "name"):
        value = getattr(indicator, attr, None)
        if isinstance(value, str):
            return value
    return str(indicator)


# --- demo, template, check ----------------------------------------------------------------


def demo_config(*, language: str = "de", permutations: int | None = None) -> Config:
    """The built-in demo configuration on the shipped Musterstadt files.

    Examples
    --------
    >>> cfg = demo_config()
    >>> cfg.inputs.boundaries.name
    'musterstadt.gpkg'
    """
    from importlib import resources

    base = Path(str(resources.files("sozialraum.boundaries")))
    source = (TEMPLATE_DIR / "demo.toml").read_text(encoding="utf-8")
    cfg = loads(source, base=base, source="demo.toml", config_path=TEMPLATE_DIR / "demo.toml")
    changes: dict[str, Any] = {"language": language}
    if permutations is not None:
        changes["hotspots"] = dataclasses.replace(cfg.hotspots, permutations=permutations)
    return cfg.replace(**changes)


def write_template(path: str | Path = "sozialraum.toml") -> Path:
    """Write the commented German config template to `path` (never overwrites).

    Raises
    ------
    OutputExistsError
        If `path` exists.
    """
    from ._common import atomic_path

    path = Path(path)
    if path.exists():
        err = OutputExistsError(
            f"'{path}' exists already; choose another file name (sozialraum init OTHER.toml)."
        )
        err.localized = {
            "de": text("config.template_exists", "de", path=str(path)),
            "en": text("config.template_exists", "en", path=str(path)),
        }
        raise err
    with atomic_path(path) as tmp:
        tmp.write_text(
            (TEMPLATE_DIR / "sozialraum.toml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    return path


def check_config(path: str | Path | Config) -> dict:
    """Validate a config **and** its inputs; write nothing.

    Reads the boundaries and tables, checks that the key, name, parent-key and
    indicator columns exist and that the keys of tables and boundaries match.
    Every problem found is reported at once in one ConfigError.

    Returns
    -------
    dict
        A summary (path, n_areas, key, n_columns, stichtag, n_indicators, out).
    """
    from ._checks import check_inputs

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
