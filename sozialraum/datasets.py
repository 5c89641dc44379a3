"""The fictional demo city *Musterstadt* (synthetic data), shipped with the package.

Musterstadt is invented: its districts, names and counts come from a seeded
generator (``boundaries/generate.py``); it is not a real city. Use it to try
every function without data of your own::

    >>> import sozialraum as sr
    >>> g = sr.datasets.musterstadt()            # Sozialräume, latest Stichtag
    >>> g.index.name, g.index[0], str(g["EW"].dtype)
    ('SR_NR', '0101', 'Int64')
    >>> st = sr.datasets.musterstadt(level="stadtteile", stichtag="31.12.2022")
    >>> int(st["EW"].sum()) == int(sr.datasets.musterstadt(stichtag=2022)["EW"].sum())
    True

The files are read with the package's own readers (:func:`~sozialraum.read_boundaries`,
:func:`~sozialraum.read_table`); higher levels sum the counts of their
Sozialräume (sums of counts are exact; rates must be recomputed from them).
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
from importlib import resources
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd

from sozialraum._util.choices import check_choice
from sozialraum._util.dates import parse_stichtag
from sozialraum.errors import ConfigError, FileFormatError, Listed
from sozialraum.io.boundaries import read_boundaries
from sozialraum.io.cells import PRECEDENCE, REASON_DTYPE, Reason, is_reason_column, reason_column
from sozialraum.io.tables import read_table
from sozialraum.join import join_indicators

__all__ = [
    "GEBIETSSTAENDE",
    "KREIS_LEVELS",
    "KREIS_STICHTAGE",
    "LEVELS",
    "STICHTAGE",
    "gebietsstand",
    "get_path",
    "musterkreis",
    "musterkreis_truth",
    "musterstadt",
    "musterstadt_truth",
]

Level = Literal["sozialraeume", "stadtteile", "stadtbezirke", "stadt"]

#: Levels from fine to coarse, with their key column.
LEVELS: dict[str, str] = {
    "sozialraeume": "SR_NR",
    "stadtteile": "ST_NR",
    "stadtbezirke": "SB_NR",
    "stadt": "AGS",
}

#: The Stichtage of the demo statistics (31 December 2019 to 2024).
STICHTAGE: tuple[_dt.date, ...] = tuple(_dt.date(y, 12, 31) for y in range(2019, 2025))

#: The Gebietsstände of the Sozialräume: GeoPackage layer -> the first Stichtag it is valid
#: for (each is valid until the next one starts). Musterstadt split 0901 into 0903 and 0904
#: and moved part of 1001 to 1002 from 31.12.2022 on; the statistics of 2019-2021 are on
#: the old areas. Stadtteile, Stadtbezirke and the city kept their boundaries.
GEBIETSSTAENDE: dict[str, _dt.date] = {
    "sozialraeume_2019": _dt.date(2019, 12, 31),
    "sozialraeume": _dt.date(2022, 12, 31),
}

_FILES = (
    "musterstadt.gpkg",
    "musterstadt_statistik.csv",
    "musterstadt_statistik.xlsx",
    "musterstadt_generator.json",
    "README.md",
    "musterkreis.gpkg",
    "musterkreis_statistik.csv",
    "musterkreis_generator.json",
)
_GPKG = "musterstadt.gpkg"
_CSV = "musterstadt_statistik.csv"
_JSON = "musterstadt_generator.json"


def get_path(name: str) -> Path:
    """The path of a shipped demo file (e.g. ``"musterstadt.gpkg"``).

    Parameters
    ----------
    name : str
        One of ``musterstadt.gpkg``, ``musterstadt_statistik.csv``,
        ``musterstadt_statistik.xlsx``, ``musterstadt_generator.json``,
        ``README.md``.

    Examples
    --------
    >>> import sozialraum as sr
    >>> sr.datasets.get_path("musterstadt.gpkg").name
    'musterstadt.gpkg'
    """
    check_choice("name", name, _FILES)
    root = resources.files("sozialraum.boundaries")
    path = Path(str(root.joinpath(name)))
    if not path.is_file():
        raise FileFormatError.from_key("datasets.file_missing", name=name, path=path)
    return path


@functools.lru_cache(maxsize=8)
def _boundaries(level: str) -> gpd.GeoDataFrame:
    key = LEVELS["sozialraeume" if level in GEBIETSSTAENDE else level]
    return read_boundaries(get_path(_GPKG), layer=level, key=key)


def gebietsstand(stichtag: object = None) -> str:
    """The GeoPackage layer of the Sozialräume valid at `stichtag` (the latest by default).

    Examples
    --------
    >>> import sozialraum as sr
    >>> sr.datasets.gebietsstand(2021), sr.datasets.gebietsstand("31.12.2022")
    ('sozialraeume_2019', 'sozialraeume')
    >>> len(sr.datasets.musterstadt(stichtag=2021)), len(sr.datasets.musterstadt(stichtag=2022))
    (25, 26)
    """
    day = STICHTAGE[-1] if stichtag is None else parse_stichtag(stichtag)
    valid = [layer for layer, start in GEBIETSSTAENDE.items() if start <= day]
    if not valid:
        raise ConfigError.from_key(
            "datasets.stichtag", day=day,
            stichtage=Listed([d.strftime("%d.%m.%Y") for d in STICHTAGE], limit=10),
        )
    return max(valid, key=GEBIETSSTAENDE.__getitem__)


@functools.lru_cache(maxsize=1)
def _statistics() -> pd.DataFrame:
    return read_table(get_path(_CSV), key="SR_NR", stichtag="all")


def _sum_children(counts: pd.DataFrame, parent: pd.Series) -> pd.DataFrame:
    """Sum the counts of the Sozialräume per parent key; reasons follow the children.

    A sum is missing if a child is missing (the child's reason with the
    highest precedence is kept); a sum of true zeros is a true zero; any
    other sum is an ordinary number without a reason.
    """
    values = [c for c in counts.columns if not is_reason_column(c) and c != "Stichtag"]
    groups = parent.reindex(counts.index)
    out = {}
    reasons = {}
    rank = {r.value: i for i, r in enumerate(PRECEDENCE)}
    for c in values:
        col = counts[c]
        summed = col.groupby(groups, sort=True).sum(min_count=1)
        has_na = col.isna().groupby(groups, sort=True).any()
        summed = summed.mask(has_na)
        out[c] = summed.astype(col.dtype) if str(col.dtype) == "Int64" else summed
        name = reason_column(c)
        child = counts[name].astype("object") if name in counts.columns else None
        res = []
        for g in summed.index:
            members = groups == g
            if child is None:
                res.append(None)
                continue
            kids = child[members.to_numpy()]
            if has_na[g]:
                flagged = [k for k in kids if isinstance(k, str)]
                res.append(min(flagged, key=lambda r: rank[r]) if flagged else None)
            elif kids.eq(Reason.TRUE_ZERO.value).all():
                res.append(Reason.TRUE_ZERO.value)
            else:
                res.append(None)
        if any(r is not None for r in res):
            reasons[name] = pd.Series(pd.Categorical(res, dtype=REASON_DTYPE), index=summed.index)
    frame = pd.DataFrame(out)
    for name, series in reasons.items():
        frame[name] = series
    return frame


def musterstadt(level: Level = "sozialraeume", stichtag: object = None) -> gpd.GeoDataFrame:
    """The demo city's boundaries with the statistics of one Stichtag.

    Parameters
    ----------
    level : {"sozialraeume", "stadtteile", "stadtbezirke", "stadt"}
        The spatial level; keys SR_NR, ST_NR, SB_NR, AGS.
    stichtag : date, str or int, optional
        ``"31.12.2022"``, ``"2022-12-31"``, ``2022`` or a date; the latest
        (31.12.2024) by default. See :data:`STICHTAGE`. The Sozialräume are those
        valid at the Stichtag (:data:`GEBIETSSTAENDE`): 25 until 31.12.2021, 26 from
        the reform of 31.12.2022 on. ``"all"``: every Stichtag in one panel indexed
        (key, ``Stichtag``) as ``read_table(..., stichtag="all")`` returns it, each
        Stichtag on its own boundaries (see :func:`sozialraum.panel_indicators`).

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by the level's key (text); columns ``name``, the parent keys
        (e.g. ``ST_NR``, ``SB_NR`` for Sozialräume), ``Stichtag`` (Timestamp),
        every Merkmal (counts as ``Int64``, ``FLAECHE_HA`` as float) and
        ``<Merkmal>__reason`` columns where the statistics carry a marker
        (``-`` = true zero). Higher levels hold the sums of their Sozialräume.
        EPSG:25832. A fresh copy on every call.

    Examples
    --------
    >>> import sozialraum as sr
    >>> sb = sr.datasets.musterstadt("stadtbezirke")
    >>> list(sb.index)
    ['1', '2', '3', '4']
    """
    level = check_choice("level", level, LEVELS)
    if _is_all(stichtag):
        return _panel(lambda day: musterstadt(level, day), STICHTAGE)
    day, table = _one_stichtag(_statistics(), STICHTAGE, stichtag)
    layer = gebietsstand(day)
    boundaries = _boundaries(layer if level == "sozialraeume" else level).copy()
    if level != "sozialraeume":
        sr_layer = _boundaries(layer)
        key = LEVELS[level]
        parent = (
            sr_layer[key] if key in sr_layer.columns
            else pd.Series(boundaries.index[0], index=sr_layer.index)
        )
        table = _sum_children(table, parent)
        table.index = table.index.astype("str")
        table.index.name = key
    return _joined(boundaries, table, day)


def _is_all(stichtag) -> bool:
    return isinstance(stichtag, str) and stichtag.strip().lower() == "all"


def _panel(one, stichtage) -> gpd.GeoDataFrame:
    """Every shipped Stichtag in one frame, indexed (key, Stichtag) like ``read_table(...,
    stichtag="all")``: each Stichtag with the boundaries valid then (so the rows before
    and after a boundary reform hold different areas), Stichtag by Stichtag in time order."""
    frames = []
    for day in stichtage:
        frame = one(day)
        key = frame.index.name
        frame = frame.set_index("Stichtag", append=True)
        frames.append(frame)
    panel = pd.concat(frames)
    panel.index.names = [key, "Stichtag"]
    return gpd.GeoDataFrame(panel, geometry="geometry", crs=frames[0].crs)


def _one_stichtag(stats: pd.DataFrame, stichtage, stichtag) -> tuple[_dt.date, pd.DataFrame]:
    """The rows of one shipped Stichtag (the latest by default), without empty reason columns."""
    day = stichtage[-1] if stichtag is None else parse_stichtag(stichtag)
    if day not in stichtage:
        raise ConfigError.from_key(
            "datasets.stichtag", day=day,
            stichtage=Listed([d.strftime("%d.%m.%Y") for d in stichtage], limit=10),
        )
    stamps = stats.index.get_level_values("Stichtag")
    table = stats.loc[(stamps == pd.Timestamp(day))].droplevel("Stichtag")
    return day, table.drop(columns=[c for c in table.columns if is_reason_column(c)
                                    and table[c].isna().all()])


def _joined(boundaries: gpd.GeoDataFrame, table: pd.DataFrame, day) -> gpd.GeoDataFrame:
    """Boundaries with the Stichtag's statistics (a fresh copy, no attrs)."""
    table.insert(0, "Stichtag", pd.Series(pd.Timestamp(day), index=table.index))
    joined, _ = join_indicators(boundaries, table, strict=True)
    joined.attrs = {}
    return joined.copy()


@functools.lru_cache(maxsize=2)
def _json_text(name: str) -> str:
    return get_path(name).read_text(encoding="utf-8")


def musterstadt_truth() -> dict:
    """The generator's ground truth (seed, latent fields, designed edge cases) as a new dict.

    Examples
    --------
    >>> import sozialraum as sr
    >>> truth = sr.datasets.musterstadt_truth()
    >>> truth["fiktiv"], truth["island"] in sr.datasets.musterstadt().index
    (True, True)
    """
    return json.loads(_json_text(_JSON))


# --------------------------------------------------------------------------- the demo region

KreisLevel = Literal["sozialraeume", "gemeinden", "kreis"]

#: Levels of the demo region from fine to coarse, with their key column.
KREIS_LEVELS: dict[str, str] = {"sozialraeume": "SR_ID", "gemeinden": "AGS", "kreis": "KREIS"}

#: The Stichtage of the demo region's statistics (31 December 2023 and 2024).
KREIS_STICHTAGE: tuple[_dt.date, ...] = (_dt.date(2023, 12, 31), _dt.date(2024, 12, 31))

_KREIS_GPKG = "musterkreis.gpkg"
_KREIS_CSV = "musterkreis_statistik.csv"
_KREIS_JSON = "musterkreis_generator.json"


@functools.lru_cache(maxsize=4)
def _kreis_boundaries(level: str) -> gpd.GeoDataFrame:
    return read_boundaries(get_path(_KREIS_GPKG), layer=level, key=KREIS_LEVELS[level])


@functools.lru_cache(maxsize=1)
def _kreis_statistics() -> pd.DataFrame:
    return read_table(get_path(_KREIS_CSV), key="SR_ID", stichtag="all")


def musterkreis(level: KreisLevel = "sozialraeume", stichtag: object = None) -> gpd.GeoDataFrame:
    """The demo region *Landkreis Musterkreis (fiktiv)*: six municipalities, 91 Sozialräume.

    Musterstadt is one of the municipalities (AGS ``03199001``, its 26 Sozialräume of the
    current Gebietsstand);
    the others and every key are invented (Land 03 Niedersachsen, Kreis ``03199``,
    which does not exist). Sozialraum numbers repeat between municipalities
    (``"0101"`` in all six), so the Sozialräume are keyed by the combined key
    ``SR_ID`` = AGS + ``-`` + number (:func:`sozialraum.combine_keys`). The rural
    municipality ``03199006`` has only four Sozialräume. Besides Musterstadt's
    Merkmale the statistics hold subgroup counts ``EW_<age>_<sex>_<nationality>``
    (see ``boundaries/README.md``).

    Parameters
    ----------
    level : {"sozialraeume", "gemeinden", "kreis"}
        Keys ``SR_ID``, ``AGS``, ``KREIS``.
    stichtag : date, str or int, optional
        ``2023`` or ``2024`` (31 December); the latest by default; ``"all"``: every
        Stichtag in one panel indexed (key, ``Stichtag``).

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by the level's key (text); Sozialräume carry ``AGS``, ``SR_NR`` (the
        local number), ``name`` and ``KREIS``; higher levels the sums of their
        Sozialräume. EPSG:25832. A fresh copy on every call.

    Examples
    --------
    >>> import sozialraum as sr
    >>> g = sr.datasets.musterkreis()
    >>> g.index.name, g.index[0], len(g), g["AGS"].nunique()
    ('SR_ID', '03199001-0101', 91, 6)
    >>> int((g["SR_NR"] == "0101").sum())
    6
    >>> gem = sr.datasets.musterkreis("gemeinden")
    >>> int(gem["EW"].sum()) == int(g["EW"].sum())
    True
    """
    level = check_choice("level", level, KREIS_LEVELS)
    if _is_all(stichtag):
        return _panel(lambda day: musterkreis(level, day), KREIS_STICHTAGE)
    day, table = _one_stichtag(_kreis_statistics(), KREIS_STICHTAGE, stichtag)
    boundaries = _kreis_boundaries(level).copy()
    if level != "sozialraeume":
        key = KREIS_LEVELS[level]
        table = _sum_children(table, _kreis_boundaries("sozialraeume")[key])
        table.index = table.index.astype("str")
        table.index.name = key
    return _joined(boundaries, table, day)




def musterkreis_truth() -> dict:
    """The region generator's ground truth (seed, municipalities, latent fields) as a new dict.

    Examples
    --------
    >>> import sozialraum as sr
    >>> t = sr.datasets.musterkreis_truth()
    >>> t["fiktiv"], t["kreis"], t["gemeinden"][t["rural"]]["n_sozialraeume"]
    (True, '03199', 4)
    """
    return json.loads(_json_text(_KREIS_JSON))
