"""``sozialraum init --from``: look at a city's files and write a config that ``check`` accepts.

The inspector reads the boundaries (layers, CRS, columns) and the tables (columns as the
statistics office delivered them) and guesses, each guess noted in German in the config:

- the **key** of the areas: a boundary column with distinct values and the table column
  whose values match it (also when the table lost the leading zeros: ``101`` for ``0101``);
- the **name** column (text, mostly distinct; the boundaries' one if both have one);
- **higher levels**: boundary columns holding few distinct codes shared by several areas
  (e.g. ``BEZ_NR``);
- the **population** column (``EW``, ``Einwohner``, ``BEV`` ... or the largest count column);
- **count-like** columns (whole numbers >= 0) and **rate-like** columns (decimals between 0
  and 100, or names such as ``*_ANT``, ``*QUOTE``, ``ANTEIL*``): every rate-like column
  becomes an indicator given as a rate (``rate = "..."``) with ``direction = 1`` to be
  checked; count-like columns are listed as possible numerators and denominators.

The planner then chooses the indicators and their direction; everything else runs as it
stands (``sozialraum check`` accepts the file unchanged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio

from sozialraum._util.files import atomic_file
from sozialraum.config.inputs import config_crs_error, config_error
from sozialraum.errors import ConfigError, CRSError, SozialraumError
from sozialraum.io.boundaries import crs_name, read_boundaries
from sozialraum.io.cells import is_reason_column
from sozialraum.io.numbers import cell_to_text
from sozialraum.io.report import load_report
from sozialraum.io.tables import _read_csv, _read_xlsx, read_table

_POPULATION = re.compile(r"^(ew|einw\w*|bev\w*|pop\w*|ew_?ges\w*|ew_?insg\w*)$", re.I)
_RATE_NAME = re.compile(r"(ant(eil)?|quote|rate|pct|proz|prozent|%)", re.I)
_NAME = re.compile(r"(name|bez(eichnung)?|label|title|titel)", re.I)


@dataclass
class TableFindings:
    path: Path
    key: str
    name: str | None = None
    counts: list[str] = field(default_factory=list)
    rates: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    stichtag: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Findings:
    boundaries: Path
    layer: str | None
    layers: list[str]
    crs: str | None
    key: str
    name: str | None
    levels: list[str]
    tables: list[TableFindings]
    population: str | None
    notes: list[str] = field(default_factory=list)
    key_width: int | None = None


def _raw(path: Path):
    return _read_xlsx(path, None) if path.suffix.lower() in (".xlsx", ".xlsm") else _read_csv(
        path, None, None
    )


def _is_text(values: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(values.dtype) or values.dtype == object


def _normal(key: str) -> str:
    return key.strip().lstrip("0") or "0"


def _key_columns(frame: pd.DataFrame) -> list[str]:
    """Boundary columns with one distinct, non-empty value per area."""
    out = []
    for c in frame.columns:
        if c == frame.geometry.name:
            continue
        v = frame[c]
        if v.notna().all() and v.astype(str).is_unique:
            out.append(c)
    return out


def inspect_inputs(boundaries: str | Path, tables: list[str | Path]) -> Findings:
    """Look at a city's boundary file and tables; return what a config needs (guesses)."""
    bpath = Path(boundaries)
    try:
        info = pyogrio.list_layers(bpath)
    except Exception as exc:  # pyogrio raises its own DataSourceError hierarchy
        raise ConfigError.from_key("init.unreadable", path=bpath, detail=str(exc)) from exc
    layers = [str(r[0]) for r in info if r[1] and "polygon" in str(r[1]).lower()] or [
        str(r[0]) for r in info
    ]
    notes: list[str] = []
    # the layer with the most features is the finest level
    counts = {ly: int(pyogrio.read_info(bpath, layer=ly)["features"]) for ly in layers}
    layer = max(layers, key=lambda ly: counts[ly])
    if len(layers) > 1:
        notes.append(f"Ebene {layer!r} mit den meisten Gebieten ({counts[layer]}) gewählt; "
                     f"weitere Ebenen: {', '.join(repr(x) for x in layers if x != layer)}.")
    raw = pyogrio.read_dataframe(bpath, layer=layer, read_geometry=True)
    crs = raw.crs.to_string() if raw.crs is not None else None
    candidates = _key_columns(raw)
    texts = {c: raw[c].map(lambda x: cell_to_text(x).strip()) for c in candidates}

    found_tables: list[TableFindings] = []
    best_key, best_hits = None, -1
    key_width: int | None = None
    for t in tables:
        tpath = Path(t)
        try:
            cells = _raw(tpath)
        except SozialraumError as exc:
            detail = config_error(exc).message("de").splitlines()[0]
            raise ConfigError.from_key("init.unreadable", path=tpath, detail=detail) from exc
        header = cells.header
        columns = {h: [cell_to_text(r[i]).strip() for r in cells.rows] for i, h in
                   enumerate(header)}
        # the table column matching a boundary key column best (leading zeros may be lost)
        match = None
        for bcol, bvals in texts.items():
            bset = {_normal(v) for v in bvals}
            for tcol, tvals in columns.items():
                hits = len({_normal(v) for v in tvals if v} & bset)
                if hits > best_hits or (match is None and hits > 0):
                    if hits > best_hits:
                        best_key, best_hits = bcol, hits
                    match = (bcol, tcol, hits)
        if match is None or match[2] == 0:
            raise ConfigError.from_key("init.no_key", table=tpath, boundaries=bpath)
        bcol, tcol, hits = match
        found = TableFindings(tpath, tcol)
        try:
            frame = read_table(tpath, key=tcol)
        except SozialraumError as exc:
            detail = config_error(exc).message("de").splitlines()[0]
            raise ConfigError.from_key("init.unreadable", path=tpath, detail=detail) from exc
        # the keys as read (a totals row, footnotes and the title left out)
        keys = [str(k) for k in frame.index.get_level_values(0)]
        exact = len(set(keys) & set(texts[bcol]))
        both = [v for v in (*texts[bcol], *keys) if v]
        if exact < hits and all(v.isdigit() for v in both):
            # one side stored the keys as numbers: [inputs].key_width pads both sides
            width = max(len(v) for v in both)
            key_width = max(key_width or 0, width)
            lost = [p.name for p, values in ((bpath, texts[bcol]), (tpath, keys))
                    if any(v and len(v) < width for v in values)]
            found.notes.append(f"In {' und '.join(lost)} fehlen führende Nullen der "
                               f"Schlüssel; key_width = {width} ergänzt sie beim Lesen.")
        if "Stichtag" in frame.columns and frame["Stichtag"].notna().any():
            found.stichtag = str(frame["Stichtag"].dropna().iloc[0])
        for c in frame.columns:
            if is_reason_column(c) or c == "Stichtag":
                continue
            v = frame[c]
            if not pd.api.types.is_numeric_dtype(v.dtype):
                if _NAME.search(c) and v.astype(str).nunique() > 0.8 * len(v):
                    found.name = found.name or c
                else:
                    found.other.append(c)
                continue
            x = pd.to_numeric(v).astype(float).dropna().to_numpy()
            if len(x) == 0:
                found.other.append(c)
            elif np.all(x == np.round(x)) and np.all(x >= 0) and not _RATE_NAME.search(c):
                found.counts.append(c)
            elif np.all((x >= 0) & (x <= 100)):
                found.rates.append(c)
            else:
                found.other.append(c)
        found_tables.append(found)

    key = best_key or (candidates[0] if candidates else None)
    if key is None:
        raise ConfigError.from_key("init.no_key", table=tables[0], boundaries=bpath)
    name = next((c for c in raw.columns if c != key and c in texts.keys() and _NAME.search(c)),
                None)
    name = name or next(
        (c for c in raw.columns if _NAME.search(c) and _is_text(raw[c])
         and raw[c].nunique() > 0.8 * len(raw)), None)
    levels = [
        c for c in raw.columns
        if c not in (key, name, raw.geometry.name) and _is_text(raw[c])
        and 1 < raw[c].nunique() < 0.5 * len(raw) and raw[c].notna().all()
    ]
    all_counts = [c for t in found_tables for c in t.counts]
    population = next((c for c in all_counts if _POPULATION.match(c)), None)
    if population is None and all_counts:
        sums = {c: float(pd.concat([read_table(t.path, key=t.key)[c] for t in found_tables
                                    if c in t.counts]).sum()) for c in all_counts}
        population = max(sums, key=sums.get)
        notes.append(f"Einwohnerzahl: {population!r} angenommen (größte Zählspalte); prüfen.")
    # read_boundaries would refuse a wrong key or CRS: check now, so that check passes (with
    # the config's advice, and reprojected from degrees as a run does)
    try:
        loaded = read_boundaries(bpath, layer=layer, key=key, reproject=True)
    except CRSError as exc:
        raise config_crs_error(exc) from exc
    source = load_report(loaded).reprojected_from
    if source is not None:
        target = crs_name(loaded.crs)
        notes.append(f"Die Grenzen liegen im geographischen Koordinatensystem {source} (Grad) "
                     f"vor; jeder Lauf projiziert sie nach {target} (ETRS89 / UTM) um.")
    return Findings(bpath, layer if len(layers) > 1 else None, layers, crs, key, name, levels,
                    found_tables, population, notes, key_width)


def _toml(value: str) -> str:
    """A TOML basic string: a name from the data can neither end it nor break the line
    (``\\`` and ``"`` are escaped, unprintable characters written as ``\\uXXXX``)."""
    out = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in out) + '"'


def _code(column: str) -> str:
    code = re.sub(r"[^A-Za-z0-9_]+", "_", column).strip("_").upper() or "IND"
    return code if not code[0].isdigit() else f"I_{code}"


def config_text(f: Findings, base: Path) -> str:
    """The commented German config for the findings (paths relative to `base`)."""

    def rel(p: Path) -> str:
        try:
            return str(Path(p).resolve().relative_to(base.resolve()))
        except ValueError:
            return str(Path(p).resolve())

    out = [
        "# Konfiguration, erzeugt von `sozialraum init --from` aus Ihren Dateien.",
        "# Jede Annahme ist mit \"Annahme:\" kommentiert. Prüfen Sie vor allem die Indikatoren",
        "# und ihre Richtung; dann: sozialraum check <diese Datei>, sozialraum run <diese Datei>",
        "# Alle Schlüssel erklärt docs/workflow.md.",
        "",
        'language = "de"',
        "",
        "[inputs]",
        f"# Annahme: Gebietsgrenzen aus {Path(f.boundaries).name}"
        + (f", Koordinatensystem {f.crs}" if f.crs else ""),
        f"boundaries = {_toml(rel(f.boundaries))}",
    ]
    for n in f.notes:
        out.append(f"# Annahme: {n}")
    if f.layer:
        out.append(f"layer = {_toml(f.layer)}")
    out += [
        "# Annahme: Schlüsselspalte (eindeutig je Gebiet, passt zu den Tabellen)",
        f"key = {_toml(f.key)}",
    ]
    if f.key_width:
        out += [f"# Annahme: Schlüssel mit {f.key_width} Ziffern; fehlende führende Nullen "
                "(als Zahl gespeichert) werden auf beiden Seiten ergänzt",
                f"key_width = {f.key_width}"]
    if f.name:
        out += ["# Annahme: Namensspalte der Grenzen (hat Vorrang vor Namen in Tabellen)",
                f"name = {_toml(f.name)}"]
    out += ['level = "gebiete"', 'level_label = "Gebiete"']
    if f.population:
        out += ["# Annahme: Einwohnerzahl (für die Mindestgröße und die Gewichtung)",
                f"population = {_toml(f.population)}"]
    stichtag = next((t.stichtag for t in f.tables if t.stichtag), None)
    out += ["# Stichtag der Daten" + ("" if stichtag else " (Annahme: bitte anpassen)"),
            f"stichtag = {_toml(stichtag or '31.12.2024')}",
            'source = ""  # Quelle der Statistik, z. B. "Kommunalstatistik ..."',
            'geometry_source = ""  # Quelle der Grenzen',
            'licence = ""  # Lizenz der Statistik',
            'geometry_licence = ""  # Lizenz der Grenzen, falls anders', ""]
    for t in f.tables:
        out += ["[[inputs.tables]]", f"path = {_toml(rel(t.path))}"]
        if t.key != f.key:
            out.append(f"key = {_toml(t.key)}")
        for n in t.notes:
            out.append(f"# Hinweis: {n}")
        if t.counts:
            out.append("# Zählwerte (mögliche Zähler und Nenner): " + ", ".join(t.counts))
        if t.other:
            out.append("# weitere Spalten (nicht verwendet): " + ", ".join(t.other))
        out.append("")
    for lv in f.levels:
        out += ["# Annahme: übergeordnete Ebene aus der Spalte " + lv, "[[inputs.levels]]",
                f"name = {_toml(_code(lv).lower())}", f"label = {_toml(lv)}",
                f"key = {_toml(lv)}", ""]
    rates = [c for t in f.tables for c in t.rates]
    out += ["[indicators]",
            "# Annahme: jede Spalte mit Anteilen (0 bis 100) ist ein Indikator, wie geliefert",
            "# (rate = Spalte, scale = 100 für Prozent). Richtung prüfen: direction = 1, wenn ein",
            "# höherer Wert mehr Benachteiligung bedeutet, -1 umgekehrt. Nicht gewünschte",
            "# Indikatoren löschen. Mit Nenner (denominator = Zählspalte) gilt die Geheimhaltung",
            "# für die daraus folgenden Fallzahlen, und höhere Ebenen werden exakt berechnet.",
            ""]
    for c in rates:
        out += ["[[indicators.custom]]", f"code = {_toml(_code(c))}", f"label = {_toml(c)}",
                f"rate = {_toml(c)}", "scale = 100", 'unit = "%"', "direction = 1", ""]
    counts = [c for t in f.tables for c in t.counts if c != f.population]
    if not rates and f.population:
        # no shares delivered: each count as a share of the population, to be refined
        out += ["# Annahme: keine Anteilsspalten gefunden; jede Zählspalte als Anteil an der",
                f"# Einwohnerzahl ({f.population}). Passenden Nenner wählen (z. B. EW_15_64 für",
                "# Arbeitslose), nicht gewünschte Indikatoren löschen.", ""]
        for c in counts:
            out += ["[[indicators.custom]]", f"code = {_toml(_code(c))}", f"label = {_toml(c)}",
                    f"numerator = {_toml(c)}", f"denominator = {_toml(f.population)}",
                    "scale = 100", 'unit = "%"', "direction = 1", ""]
        rates = counts
    if rates:
        out += ["[index]",
                "# Annahme: Status-Index nach dem Verfahren des Berliner MSS über alle Indikatoren",
                "# (z-Werte summiert); Auswahl und Verfahren anpassen (docs/index.md)",
                'preset = "berlin_mss_status"',
                "columns = [" + ", ".join(_toml(_code(c)) for c in rates) + "]"]
        out.append(f"population = {_toml(f.population)}" if f.population else "population = ''")
        out += ['missing = "reweight"', "max_missing = 1", ""]
    out += ["[confidentiality]", "min_count = 3", "min_population = 300", "",
            "[weights]", 'method = "queen"', 'islands = "keep"', "",
            "[hotspots]", 'statistics = ["local_moran", "gstar"]',
            f"variable = {_toml('index' if rates else '')}",
            "permutations = 9999", "seed = 1", "alpha = 0.05", 'correction = "fdr"', "",
            "[maps]", "columns = [" + ", ".join(
                [_toml("index")] * bool(rates) + [_toml(_code(c)) for c in rates[:3]]) + "]",
            'formats = ["png", "pdf"]', "html = true", "clusters = true", "",
            "[output]", 'folder = "ergebnis"', ""]
    return "\n".join(out)


def write_config_from(path: str | Path, boundaries, tables, *, force: bool = False) -> Path:
    """Inspect the files and write the commented config to `path` (never overwritten)."""
    path = Path(path)
    findings = inspect_inputs(boundaries, list(tables))
    with atomic_file(path, force=force, encoding="utf-8") as fh:
        fh.write(config_text(findings, path.parent))
    return path
