"""Loading district boundaries and statistics tables.

Two readers, one for each kind of file a city's planner gets:

* :func:`read_boundaries`: the GIS department's district polygons (GeoPackage,
  Shapefile, GeoJSON, FlatGeobuf: any vector format GDAL reads through pyogrio);
* :func:`read_table`: the statistics office's table (CSV with ``;`` and decimal
  commas, XLSX), wide (one row per district) or long (one row per district,
  Stichtag and Merkmal).

Both return frames indexed by the district key as text (leading zeros kept)
and attach a :class:`LoadReport` (what was detected, converted and repaired)
as ``frame.attrs["load_report"]``; :func:`load_report` fetches it. See
docs/data.md for the markers of the statistics offices and the decisions
taken here.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import shapely

from .errors import (
    ColumnError,
    ConfigError,
    CRSError,
    DuplicateKeyError,
    FileFormatError,
    GeometryError,
    InputFileNotFoundError,
    MissingDataError,
    format_values,
)

__all__ = ["LoadReport", "load_report", "read_boundaries", "read_table"]

REPORT_ATTR = "load_report"


@dataclass(frozen=True)
class LoadReport:
    """What a reader detected, converted and repaired while loading one file.

    Attached to the result as ``frame.attrs["load_report"]``; use
    :func:`load_report` to get it back. pandas keeps ``attrs`` through most
    operations but not all (e.g. not through ``pd.concat`` of frames with
    different reports), so take the report right after loading if you need it.

    Attributes
    ----------
    path : str
        The file that was read.
    kind : {"boundaries", "table"}
    key : str
        The key column, now the index.
    n_rows : int
        Rows in the result.
    layer, sheet : str or None
        The layer (vector file) or sheet (XLSX) that was read.
    crs : str or None
        The CRS of the boundaries (as ``"EPSG:25832"`` where possible).
    encoding, sep, decimal, thousands : str or None
        What a CSV was read with (detected or declared).
    layout : {"wide", "long"} or None
        The layout of a table.
    stichtage : tuple of datetime.date
        The Stichtage in the result.
    key_from_numbers : bool
        The key column was stored as numbers and converted to text: leading
        zeros may have been lost in the file already (check before joining).
    repaired : tuple of (key, problem)
        Invalid geometries that were repaired with ``shapely.make_valid``.
    markers : tuple of (column, reason, count)
        Statistics-office markers found per value column.
    text_columns : tuple of str
        Columns kept as text.
    notes : tuple of str
        Further remarks, one sentence each.
    """

    path: str
    kind: Literal["boundaries", "table"]
    key: str
    n_rows: int
    layer: str | None = None
    sheet: str | None = None
    crs: str | None = None
    encoding: str | None = None
    sep: str | None = None
    decimal: str | None = None
    thousands: str | None = None
    layout: str | None = None
    stichtage: tuple[_dt.date, ...] = ()
    key_from_numbers: bool = False
    repaired: tuple[tuple[str, str], ...] = ()
    markers: tuple[tuple[str, str, int], ...] = ()
    text_columns: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def repaired_keys(self) -> tuple[str, ...]:
        """Keys whose geometry was repaired."""
        return tuple(k for k, _ in self.repaired)

    def __repr__(self) -> str:
        parts = [f"LoadReport({self.kind} from {Path(self.path).name!r}: {self.n_rows} rows"]
        parts.append(f"key={self.key!r}")
        for name in ("layer", "sheet", "crs", "encoding", "sep", "decimal", "thousands", "layout"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name}={value!r}")
        if self.stichtage:
            parts.append("stichtage=" + ", ".join(d.strftime("%d.%m.%Y") for d in self.stichtage))
        if self.key_from_numbers:
            parts.append("key_from_numbers=True")
        if self.repaired:
            parts.append(f"repaired={list(self.repaired_keys)!r}")
        if self.markers:
            parts.append(f"markers={sum(n for *_, n in self.markers)}")
        text = ", ".join(parts) + ")"
        if self.notes:
            text += "\n" + "\n".join(f"  - {n}" for n in self.notes)
        return text


def load_report(frame: pd.DataFrame) -> LoadReport | None:
    """The :class:`LoadReport` attached to `frame` by a reader, or None.

    Examples
    --------
    >>> import sozialraum as sr
    >>> from sozialraum.io import load_report
    >>> b = sr.read_boundaries(sr.datasets.get_path("musterstadt.gpkg"), layer="stadtbezirke",
    ...                        key="SB_NR")
    >>> load_report(b).crs
    'EPSG:25832'
    """
    report = frame.attrs.get(REPORT_ATTR)
    return report if isinstance(report, LoadReport) else None


# --------------------------------------------------------------------------- helpers


def _check_file(path: str | os.PathLike) -> Path:
    p = Path(path)
    if not p.exists():
        near = ""
        if p.parent.is_dir():
            close = difflib.get_close_matches(p.name, [c.name for c in p.parent.iterdir()], n=1)
            if close:
                near = f" Did you mean '{close[0]}'?"
        raise InputFileNotFoundError(
            f"The file '{p}' does not exist.{near} Check the path (relative paths start in "
            f"'{Path.cwd()}')."
        )
    if p.is_dir() and p.suffix.lower() not in {".gdb"}:
        raise FileFormatError(f"'{p}' is a folder, not a file. Give the path of the file itself.")
    return p


def _did_you_mean(value: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    if not close:
        lowered = {o.lower(): o for o in options}
        if value.lower() in lowered:
            close = [lowered[value.lower()]]
    return f" Did you mean {close[0]!r}?" if close else ""


def missing_column_error(
    path: Path | str, column: str, columns: Sequence[str], what: str, argument: str = "key"
):
    """A ColumnError naming the file, the column, what exists and a did-you-mean hint."""
    listed = format_values(columns, limit=12)
    return ColumnError(
        f"'{path}' has no {what} column {column!r}.{_did_you_mean(column, columns)} "
        f"Columns in the file: {listed}. Pass the right name with {argument}=..."
    )


def keys_to_text(values: pd.Series) -> tuple[pd.Series, bool]:
    """Key values as text; numbers lose a ``.0`` (101.0 -> "101"). Returns (keys, converted)."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return values.astype("str"), True
    if pd.api.types.is_integer_dtype(values.dtype):
        out = pd.Series(
            [None if pd.isna(v) else str(int(v)) for v in values], index=values.index, dtype="str"
        )
        return out, True
    if pd.api.types.is_float_dtype(values.dtype):
        out = [
            None if pd.isna(v) else (str(int(v)) if float(v).is_integer() else repr(float(v)))
            for v in values
        ]
        return pd.Series(out, index=values.index, dtype="str"), True
    converted = False
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
            out.append(None)
        elif isinstance(v, str):
            out.append(v)
        else:
            converted = True
            if isinstance(v, float) and v.is_integer():
                out.append(str(int(v)))
            else:
                out.append(str(v))
    return pd.Series(out, index=values.index, dtype="str"), converted


def check_keys(
    keys: pd.Series,
    path: Path | str,
    column: str,
    where: Sequence[str] | None = None,
    *,
    duplicates: bool = True,
) -> None:
    """Raise on missing (null or blank) and duplicate keys, naming rows/lines."""
    where = list(where) if where is not None else [f"row {i + 1}" for i in range(len(keys))]
    blank = [where[i] for i, k in enumerate(keys) if k is None or pd.isna(k) or not str(k).strip()]
    if blank:
        raise MissingDataError(
            f"'{path}', column {column!r}: {len(blank)} rows have no key: "
            f"{format_values(blank)}. Every district needs a key; fill them in or remove the rows."
        )
    dup_mask = keys.duplicated(keep=False)
    if duplicates and dup_mask.any():
        dups = list(dict.fromkeys(keys[dup_mask]))
        details = []
        for k in dups[:5]:
            rows = [where[i] for i in np.flatnonzero((keys == k).to_numpy())]
            details.append(f"{k!r} ({', '.join(rows)})")
        more = f" and {len(dups) - 5} more" if len(dups) > 5 else ""
        raise DuplicateKeyError(
            f"'{path}', column {column!r}: {len(dups)} keys occur more than once: "
            f"{'; '.join(details)}{more}. Keys must be unique; remove the duplicate rows or "
            "choose the right key column."
        )


# --------------------------------------------------------------------------- boundaries

_POLYGONAL = {"Polygon", "MultiPolygon"}


def _choose_layer(path: Path, layer: str | int | None) -> str | None:
    try:
        layers = pyogrio.list_layers(path)
    except Exception as exc:  # pyogrio.errors.DataSourceError and friends
        raise FileFormatError(
            f"'{path}' cannot be read as a vector file ({type(exc).__name__}: {exc}). "
            "Supported are GeoPackage, Shapefile, GeoJSON, FlatGeobuf and other GDAL formats."
        ) from exc
    names = [str(n) for n in layers[:, 0]] if len(layers) else []
    if not names:
        raise FileFormatError(f"'{path}' contains no layers: the file is empty.")
    if layer is None:
        spatial = [str(n) for n, g in layers if g is not None]
        if len(names) == 1:
            return names[0]
        if len(spatial) == 1:
            return spatial[0]
        raise ConfigError(
            f"'{path}' has {len(names)} layers: {format_values(names, limit=20)}. "
            "Choose one with layer=..."
        )
    if isinstance(layer, int) and not isinstance(layer, bool):
        if not 0 <= layer < len(names):
            raise ConfigError(
                f"'{path}' has {len(names)} layers (0 to {len(names) - 1}); layer={layer} was "
                f"given. Layers: {format_values(names, limit=20)}."
            )
        return names[layer]
    if layer not in names:
        raise ConfigError(
            f"'{path}' has no layer {layer!r}.{_did_you_mean(str(layer), names)} "
            f"Layers: {format_values(names, limit=20)}."
        )
    return str(layer)


def _crs_name(crs: pyproj.CRS | None) -> str | None:
    if crs is None:
        return None
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.to_string()


def _false_easting(crs: pyproj.CRS) -> float | None:
    """False easting of a Transverse Mercator CRS (UTM, Gauss-Krüger), else None."""
    op = crs.coordinate_operation
    if op is None or "transverse mercator" not in (op.method_name or "").lower():
        return None
    for p in op.params:
        if p.name.lower() == "false easting":
            return float(p.value)
    return None


def _check_crs(
    gdf: gpd.GeoDataFrame,
    path: Path,
    crs: object,
    allow_geographic: bool,
    notes: list[str],
) -> gpd.GeoDataFrame:
    bounds = gdf.total_bounds if len(gdf) else np.array([0.0, 0.0, 0.0, 0.0])
    out_of_lonlat = bool(
        np.isfinite(bounds).all()
        and (max(abs(bounds[0]), abs(bounds[2])) > 180 or max(abs(bounds[1]), abs(bounds[3])) > 90)
    )
    if crs is not None:
        declared = pyproj.CRS.from_user_input(crs)
        if gdf.crs is None:
            gdf = gdf.set_crs(declared)
            notes.append(f"The file has no CRS; {_crs_name(declared)} was declared with crs=.")
        elif gdf.crs != declared:
            if gdf.crs.is_geographic and out_of_lonlat:
                # GeoJSON always says EPSG:4326, even when a program wrote projected coordinates
                gdf = gdf.set_crs(declared, allow_override=True)
                notes.append(
                    f"The file says {_crs_name(gdf.crs)} but holds projected coordinates; "
                    f"{_crs_name(declared)} was declared with crs=."
                )
            else:
                raise CRSError(
                    f"'{path}' is in {_crs_name(gdf.crs)}, but crs={_crs_name(declared)!r} was "
                    "given. crs= only declares a CRS for files without one. To reproject, load "
                    f"without crs= and call .to_crs({declared.to_epsg() or declared.to_string()!r})"
                    "."
                )
    if gdf.crs is None:
        raise CRSError(
            f"'{path}' has no coordinate reference system (CRS). Declare it when loading with "
            "read_boundaries(..., crs='EPSG:25832') or on a GeoDataFrame with "
            "gdf.set_crs('EPSG:25832') (use the CRS your GIS department works in; in Germany "
            "usually ETRS89 / UTM: EPSG:25832 or EPSG:25833)."
        )
    name = _crs_name(gdf.crs)
    if gdf.crs.is_geographic:
        if out_of_lonlat:
            raise CRSError(
                f"'{path}' says its CRS is {name} (longitude/latitude in degrees), but the "
                f"coordinates reach {bounds[0]:.0f}, {bounds[1]:.0f}: they are projected metres. "
                "Declare the real CRS with crs='EPSG:25832' (or the one your GIS uses)."
            )
        if not allow_geographic:
            raise CRSError(
                f"'{path}' is in the geographic CRS {name} (degrees). Areas, distances and "
                "neighbourhoods need a projected CRS in metres. Reproject it in your GIS or with "
                "read_boundaries(...).to_crs(25832) after loading with allow_geographic=True "
                "(EPSG:25832 = ETRS89 / UTM 32N; east of 12° E use 25833). For display only, "
                "pass allow_geographic=True."
            )
        notes.append(f"Geographic CRS {name} accepted (allow_geographic=True): display only.")
        return gdf
    if len(gdf) and np.isfinite(bounds).all() and not out_of_lonlat:
        extent = max(bounds[2] - bounds[0], bounds[3] - bounds[1])
        if extent < 10.0:  # a whole district layer less than 10 m across: degrees, not metres
            raise CRSError(
                f"'{path}' says its CRS is {name} (metres), but all coordinates lie between "
                f"{bounds[0]:.4f}, {bounds[1]:.4f} and {bounds[2]:.4f}, {bounds[3]:.4f}: they look "
                "like longitude/latitude in degrees. Load the file with crs= left out and "
                "declare the real CRS in your GIS (EPSG:4326 for degrees), then reproject to "
                "EPSG:25832: gdf.set_crs(4326, allow_override=True).to_crs(25832)."
            )
    fe = _false_easting(gdf.crs)
    if fe is not None and np.isfinite(bounds).all() and len(gdf):
        xmin, xmax = bounds[0], bounds[2]
        if xmin - fe < -1.0e6 or xmax - fe > 1.0e6:
            zone = gdf.crs.utm_zone
            number = int("".join(ch for ch in zone if ch.isdigit())) if zone else None
            prefix = int(xmin // 1.0e6)
            if number is not None and prefix == number:
                fix = (
                    f"The eastings carry the zone number {number} as a prefix ({xmin:.0f}). "
                    f"Either subtract {number * 1_000_000:,} from every x coordinate in your GIS, "
                    f"or declare the zone-prefixed CRS (EPSG:4647 for zone 32, EPSG:5650 for "
                    "zone 33) and reproject: gdf.set_crs(4647, allow_override=True)"
                    ".to_crs(25832)."
                )
            elif 2 <= prefix <= 5:
                fix = (
                    f"x = {xmin:.0f} looks like Gauss-Krüger (zone {prefix}, "
                    f"EPSG:{31464 + prefix}). Declare that CRS and reproject: "
                    f"gdf.set_crs({31464 + prefix}, allow_override=True).to_crs(25832)."
                )
            else:
                fix = "Check which CRS the coordinates are really in and declare it."
            raise CRSError(
                f"'{path}' is in {name}, but its x coordinates ({xmin:.0f} to {xmax:.0f}) do not "
                f"fit that CRS (expected roughly {fe - 5e5:.0f} to {fe + 5e5:.0f}). {fix}"
            )
    return gdf


def _polygonal_part(geom: shapely.Geometry) -> shapely.Geometry | None:
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in _POLYGONAL and not p.is_empty]
    if not parts:
        return None
    polys = []
    for p in parts:
        polys.extend(shapely.get_parts(p))
    merged = shapely.union_all(polys)
    return merged if merged.geom_type in _POLYGONAL else _polygonal_part(merged)


def _check_geometries(
    gdf: gpd.GeoDataFrame, path: Path, repair: bool, repaired: list[tuple[str, str]]
) -> gpd.GeoDataFrame:
    geoms = gdf.geometry.to_numpy()
    keys = list(gdf.index)
    empty = [k for k, g in zip(keys, geoms, strict=True) if g is None or g.is_empty]
    if empty:
        raise GeometryError(
            f"'{path}': {len(empty)} districts have no geometry (null or empty): "
            f"{format_values(empty)}. Draw them in your GIS or remove the rows."
        )
    collections = [
        k for k, g in zip(keys, geoms, strict=True) if g.geom_type == "GeometryCollection"
    ]
    wrong = [
        (k, g.geom_type)
        for k, g in zip(keys, geoms, strict=True)
        if g.geom_type not in _POLYGONAL and g.geom_type != "GeometryCollection"
    ]
    wrong += [
        (k, "GeometryCollection")
        for k in collections
        if _polygonal_part(geoms[keys.index(k)]) is None
    ]
    if wrong:
        kinds = sorted({t for _, t in wrong})
        raise GeometryError(
            f"'{path}': {len(wrong)} geometries are not polygons ({', '.join(kinds)}): keys "
            f"{format_values([k for k, _ in wrong])}. Districts must be areas (Polygon or "
            "MultiPolygon); did you load a layer of points or lines? Choose the polygon layer "
            "with layer=..."
        )
    new = list(geoms)
    for i, (k, g) in enumerate(zip(keys, geoms, strict=True)):
        if g.geom_type == "GeometryCollection":
            new[i] = _polygonal_part(g)
            repaired.append((k, "GeometryCollection: polygonal part kept"))
    invalid = [i for i, g in enumerate(new) if not shapely.is_valid(g)]
    if invalid and not repair:
        problems = [f"{keys[i]!r}: {shapely.is_valid_reason(new[i])}" for i in invalid]
        raise GeometryError(
            f"'{path}': {len(invalid)} geometries are invalid: {'; '.join(problems[:5])}"
            f"{' and more' if len(problems) > 5 else ''}. Load with repair=True (the default) "
            "to repair them with shapely.make_valid, or fix them in your GIS."
        )
    for i in invalid:
        reason = shapely.is_valid_reason(new[i])
        fixed = _polygonal_part(shapely.make_valid(new[i]))
        if fixed is None or fixed.is_empty:
            raise GeometryError(
                f"'{path}': the geometry of {keys[i]!r} is invalid ({reason}) and has no area "
                "left after repair. Fix it in your GIS."
            )
        new[i] = fixed
        repaired.append((keys[i], reason))
    if repaired:
        gdf = gdf.set_geometry(gpd.GeoSeries(new, index=gdf.index, crs=gdf.crs), crs=gdf.crs)
    return gdf


def read_boundaries(
    path: str | os.PathLike,
    layer: str | int | None = None,
    key: str = "SR_NR",
    *,
    crs: object = None,
    repair: bool = True,
    allow_geographic: bool = False,
) -> gpd.GeoDataFrame:
    """Read district boundaries from a vector file, indexed by their key as text.

    Parameters
    ----------
    path : str or path-like
        A GeoPackage, Shapefile (``.shp``), GeoJSON, FlatGeobuf or any other
        vector format GDAL reads.
    layer : str or int, optional
        The layer to read; needed when the file has several layers.
    key : str, default "SR_NR"
        The column with the district key. It becomes the index, as text: keys
        stored as numbers are converted (``101`` -> ``"101"``) and this is
        recorded in the load report (leading zeros may have been lost in the
        file already).
    crs : str, int or pyproj.CRS, optional
        Declares the CRS for a file that has none (e.g. ``"EPSG:25832"``).
    repair : bool, default True
        Repair invalid geometries with :func:`shapely.make_valid`, keeping only
        the polygonal part; the repaired keys are listed in the load report.
        With False an invalid geometry raises :class:`~sozialraum.GeometryError`.
    allow_geographic : bool, default False
        Accept a geographic CRS (degrees) for display-only use.

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by `key` (text); the :class:`LoadReport` is in
        ``.attrs["load_report"]``.

    Raises
    ------
    FileFormatError
        Missing, unreadable or empty file.
    ConfigError
        Several layers and none chosen, or an unknown layer.
    ColumnError
        No column `key`.
    MissingDataError, DuplicateKeyError
        Keys missing or not unique.
    GeometryError
        Null, empty or non-polygonal geometries.
    CRSError
        No CRS, a geographic CRS, or coordinates that do not fit the CRS
        (e.g. zone-prefixed eastings ``32xxxxxx`` in EPSG:25832).

    Examples
    --------
    >>> import sozialraum as sr
    >>> path = sr.datasets.get_path("musterstadt.gpkg")
    >>> b = sr.read_boundaries(path, layer="sozialraeume", key="SR_NR")
    >>> b.index.name, b.index[0]
    ('SR_NR', '0101')
    """
    p = _check_file(path)
    layer_name = _choose_layer(p, layer)
    try:
        with warnings.catch_warnings():
            # GDAL notes about a layer (e.g. "Measured (M) geometry types are not supported")
            # are about features we do not use; real problems raise below.
            warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"pyogrio\..*")
            gdf = pyogrio.read_dataframe(p, layer=layer_name)
    except Exception as exc:
        raise FileFormatError(
            f"'{p}' (layer {layer_name!r}) cannot be read: {type(exc).__name__}: {exc}"
        ) from exc
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry.name not in gdf.columns:
        raise GeometryError(f"'{p}' (layer {layer_name!r}) has no geometry column: it is a table.")
    if len(gdf) == 0:
        raise FileFormatError(f"'{p}' (layer {layer_name!r}) has no features: the file is empty.")
    columns = [c for c in gdf.columns if c != gdf.geometry.name]
    if key not in gdf.columns:
        raise missing_column_error(p, key, columns, "key")
    keys, converted = keys_to_text(gdf[key])
    notes: list[str] = []
    if converted:
        notes.append(
            f"The key column {key!r} is stored as numbers ({gdf[key].dtype}); it was converted "
            "to text. Leading zeros may have been lost in the file already."
        )
    check_keys(keys, p, key, [f"feature {i + 1}" for i in range(len(keys))])
    gdf = gdf.drop(columns=key)
    gdf.index = pd.Index(keys.to_numpy(), name=key, dtype="str")
    gdf = _check_crs(gdf, p, crs, allow_geographic, notes)
    repaired: list[tuple[str, str]] = []
    gdf = _check_geometries(gdf, p, repair, repaired)
    if repaired:
        listed = format_values(k for k, _ in repaired)
        notes.append(f"{len(repaired)} invalid geometries repaired: {listed}.")
    gdf.attrs = {
        REPORT_ATTR: LoadReport(
            path=str(p),
            kind="boundaries",
            key=key,
            n_rows=len(gdf),
            layer=layer_name,
            crs=_crs_name(gdf.crs),
            key_from_numbers=converted,
            repaired=tuple(repaired),
            notes=tuple(notes),
        )
    }
    return gdf


def read_table(
    path: str | os.PathLike,
    key: str = "SR_NR",
    *,
    sheet: str | int | None = None,
    na_values: Sequence[object] | None = None,
    layout: Literal["auto", "wide", "long"] = "auto",
    stichtag: object = None,
    variable: str | None = None,
    value: str | None = None,
    text_columns: Sequence[str] | None = None,
    sep: str | None = None,
    decimal: str | None = None,
    thousands: str | None = None,
    encoding: str | None = None,
    dash_as: Literal["zero", "missing"] = "zero",
) -> pd.DataFrame:
    """Read a statistics table (CSV or XLSX), indexed by the district key as text.

    Every cell is read as text first, so keys keep their leading zeros; value
    columns are then converted here, and the statistics offices' markers
    become missing values (or 0) *with a reason* in a companion column
    ``<column>__reason`` (see :class:`sozialraum._missing.Reason`):

    ======  ==========================================  =======================
    cell    meaning                                     result
    ======  ==========================================  =======================
    ``.``   secret / unknown                            missing, ``secret``
    ``x``   locked (secret)                             missing, ``secret``
    ``-``   exactly zero                                0, ``true_zero`` [1]_
    ``/``   not meaningful                              missing, ``not_meaningful``
    ``...`` not yet available                           missing, ``not_available``
    empty   not delivered                               missing, ``not_delivered``
    na_     user sentinel (e.g. ``-9999``, ``"k.A."``)  missing, ``not_delivered``
    ======  ==========================================  =======================

    .. [1] ``dash_as="missing"`` gives a missing value with ``true_zero``.

    Parameters
    ----------
    path : str or path-like
        ``.csv``/``.txt``/``.tsv`` or ``.xlsx``/``.xlsm``.
    key : str, default "SR_NR"
        The key column; becomes the index (text, leading zeros kept).
    sheet : str or int, optional
        The XLSX sheet (name or 0-based position); needed with several sheets.
        A sheet named like a date (``"31.12.2024"``) gives the Stichtag of a
        wide sheet without a Stichtag column.
    na_values : sequence, optional
        Further cell values meaning "not delivered", e.g. ``[-9999, "k.A."]``.
    layout : {"auto", "wide", "long"}, default "auto"
        ``"long"``: one row per key, [Stichtag], Merkmal with a value column.
        ``"auto"`` detects long when columns named like Merkmal/Indikator/
        Variable and Wert/Value exist (or `variable`/`value` are given).
    stichtag : date, str, int or "all", optional
        Which Stichtag to keep when the table has several (``"31.12.2024"``,
        ``"2024-12-31"``, ``2024``); ``"all"`` keeps all with the index
        (key, Stichtag). For a table without a Stichtag column it declares one.
    variable, value : str, optional
        Names of the Merkmal and value columns of a long table.
    text_columns : sequence of str, optional
        Columns to keep as text although they contain numbers. Columns without
        any number (a ``name`` column) stay text automatically.
    sep, decimal, thousands, encoding : str, optional
        Override the detection for CSV files (sep ``;``/``,``/tab; decimal
        comma or point; thousands separator; utf-8, utf-8-sig or cp1252).
    dash_as : {"zero", "missing"}, default "zero"
        How to read ``-`` (exactly zero).

    Returns
    -------
    pandas.DataFrame
        Indexed by `key` (or by (key, ``Stichtag``) with ``stichtag="all"``);
        counts as ``Int64``, decimals as ``float64``, a ``Stichtag`` column
        (Timestamp) when known, reason columns where markers occurred; the
        :class:`LoadReport` in ``.attrs["load_report"]``.

    Raises
    ------
    FileFormatError
        Missing, unreadable or empty file, header only, ragged rows.
    ConfigError
        Several sheets or Stichtage and none chosen; unknown sheet or Stichtag.
    ColumnError
        No key column (or no Merkmal/value column with ``layout="long"``).
    InputError
        Cells in a value column that are neither numbers nor markers.
    MissingDataError, DuplicateKeyError
        Keys missing or not unique (per Stichtag; per Merkmal in a long table).

    Examples
    --------
    >>> import sozialraum as sr
    >>> path = sr.datasets.get_path("musterstadt_statistik.csv")
    >>> t = sr.read_table(path, key="SR_NR", stichtag="31.12.2024")
    >>> t.index[0], str(t["EW"].dtype)
    ('0101', 'Int64')
    """
    from ._table import read_table_impl

    return read_table_impl(
        _check_file(path),
        key,
        sheet=sheet,
        na_values=na_values,
        layout=layout,
        stichtag=stichtag,
        variable=variable,
        value=value,
        text_columns=text_columns,
        sep=sep,
        decimal=decimal,
        thousands=thousands,
        encoding=encoding,
        dash_as=dash_as,
    )
