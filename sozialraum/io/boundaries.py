"""Read district boundaries from any OGR vector file (GeoPackage, Shapefile, ...)."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import shapely

from sozialraum.errors import (
    ConfigError,
    CRSError,
    FileFormatError,
    GeometryError,
    Listed,
    Phrase,
    format_values,
)
from sozialraum.io.keys import (
    PerLanguage,
    Phrases,
    _check_file,
    check_keys,
    did_you_mean,
    keys_to_text,
    missing_column_error,
)
from sozialraum.io.postgis import is_database, read_postgis_layer, redact
from sozialraum.io.postgis import layer_name as postgis_layer_name
from sozialraum.io.report import REPORT_ATTR, LoadReport

# --------------------------------------------------------------------------- boundaries

_POLYGONAL = {"Polygon", "MultiPolygon"}


def _choose_layer(path: Path, layer: str | int | None) -> str | None:
    try:
        layers = pyogrio.list_layers(path)
    except Exception as exc:  # pyogrio.errors.DataSourceError and friends
        raise FileFormatError.from_key(
            "io.vector_unreadable", path=path, error=type(exc).__name__, detail=exc
        ) from exc
    names = [str(n) for n in layers[:, 0]] if len(layers) else []
    if not names:
        raise FileFormatError.from_key("io.no_layers", path=path)
    if layer is None:
        spatial = [str(n) for n, g in layers if g is not None]
        if len(names) == 1:
            return names[0]
        if len(spatial) == 1:
            return spatial[0]
        raise ConfigError.from_key(
            "io.layer_choose", path=path, n=len(names), layers=Listed(names, limit=20)
        )
    if isinstance(layer, int) and not isinstance(layer, bool):
        if not 0 <= layer < len(names):
            raise ConfigError.from_key(
                "io.layer_position", path=path, n=len(names), last=len(names) - 1, layer=layer,
                layers=Listed(names, limit=20),
            )
        return names[layer]
    if layer not in names:
        raise ConfigError.from_key(
            "io.layer_unknown", path=path, layer=layer, hint=did_you_mean(str(layer), names),
            layers=Listed(names, limit=20),
        )
    return str(layer)


def crs_name(crs: pyproj.CRS | None) -> str | None:
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


#: Reprojection of geographic boundaries: ETRS89 / UTM zone 32N, east of 12° E zone 33N.
#: A rule of the map projection, not of the states' surveys: Berlin, Brandenburg and
#: Sachsen use 33N, but Bayern, Thüringen and Sachsen-Anhalt keep 32N east of 12° E and
#: Mecklenburg-Vorpommern uses 33N west of it. Where the GIS must match the state's,
#: reproject the file there; the areas, distances and neighbours differ by a fraction of
#: a per mille between the two zones.
UTM_32, UTM_33, UTM_33_FROM_LON = 25832, 25833, 12.0


def metric_crs(lon: float) -> int:
    """The EPSG code of ETRS89 / UTM for an area around longitude `lon` (degrees east)."""
    return UTM_33 if lon >= UTM_33_FROM_LON else UTM_32


def _check_crs(
    gdf: gpd.GeoDataFrame,
    path: Path,
    crs: object,
    allow_geographic: bool,
    notes: list[str],
    reproject: bool | int = False,
    reprojected: list[str] | None = None,
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
            notes.append(f"The file has no CRS; {crs_name(declared)} was declared with crs=.")
        elif gdf.crs != declared:
            if gdf.crs.is_geographic and out_of_lonlat:
                # GeoJSON always says EPSG:4326, even when a program wrote projected coordinates
                gdf = gdf.set_crs(declared, allow_override=True)
                notes.append(
                    f"The file says {crs_name(gdf.crs)} but holds projected coordinates; "
                    f"{crs_name(declared)} was declared with crs=."
                )
            else:
                raise CRSError.from_key(
                    "io.crs_conflict", path=path, crs=crs_name(gdf.crs),
                    declared=crs_name(declared),
                    target=declared.to_epsg() or declared.to_string(),
                )
    if gdf.crs is None:
        raise CRSError.from_key("io.crs_missing", path=path)
    name = crs_name(gdf.crs)
    if gdf.crs.is_geographic:
        if out_of_lonlat:
            raise CRSError.from_key(
                "io.crs_degrees_but_metres", path=path, crs=name, x=bounds[0], y=bounds[1]
            )
        if reproject:
            target = (metric_crs((bounds[0] + bounds[2]) / 2) if reproject is True
                      else reproject)
            gdf = gdf.to_crs(target)
            if reprojected is not None:
                reprojected.append(name)
            notes.append(f"Reprojected from the geographic CRS {name} to "
                         f"{crs_name(gdf.crs)} (reproject=True).")
            return gdf
        if not allow_geographic:
            raise CRSError.from_key("io.crs_geographic", path=path, crs=name)
        notes.append(f"Geographic CRS {name} accepted (allow_geographic=True): display only.")
        return gdf
    if len(gdf) and np.isfinite(bounds).all() and not out_of_lonlat:
        extent = max(bounds[2] - bounds[0], bounds[3] - bounds[1])
        if extent < 10.0:  # a whole district layer less than 10 m across: degrees, not metres
            raise CRSError.from_key(
                "io.crs_metres_but_degrees", path=path, crs=name,
                x0=bounds[0], y0=bounds[1], x1=bounds[2], y1=bounds[3],
            )
    fe = _false_easting(gdf.crs)
    if fe is not None and np.isfinite(bounds).all() and len(gdf):
        xmin, xmax = bounds[0], bounds[2]
        if xmin - fe < -1.0e6 or xmax - fe > 1.0e6:
            zone = gdf.crs.utm_zone
            number = int("".join(ch for ch in zone if ch.isdigit())) if zone else None
            prefix = int(xmin // 1.0e6)
            if number is not None and prefix == number:
                offset = f"{number * 1_000_000:,}"
                fix = Phrase(
                    "io.crs_fix_zone_prefix", zone=number, x=xmin,
                    offset=PerLanguage(de=offset.replace(",", "."), en=offset),
                )
            elif 2 <= prefix <= 5:
                fix = Phrase("io.crs_fix_gauss_krueger", x=xmin, zone=prefix, epsg=31464 + prefix)
            else:
                fix = Phrase("io.crs_fix_unknown")
            raise CRSError.from_key(
                "io.crs_eastings", path=path, crs=name, xmin=xmin, xmax=xmax,
                low=fe - 5e5, high=fe + 5e5, fix=fix,
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
    gdf: gpd.GeoDataFrame, path: Path, repair: bool, repaired: list[tuple[str, str]],
    areas: list[tuple[str, float, float]] | None = None,
) -> gpd.GeoDataFrame:
    geoms = gdf.geometry.to_numpy()
    keys = list(gdf.index)
    empty = [k for k, g in zip(keys, geoms, strict=True) if g is None or g.is_empty]
    if empty:
        raise GeometryError.from_key(
            "io.geometry_empty", path=path, n=len(empty), keys=Listed(empty)
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
        raise GeometryError.from_key(
            "io.geometry_not_polygon", path=path, n=len(wrong), kinds=", ".join(kinds),
            keys=Listed([k for k, _ in wrong]),
        )
    new = list(geoms)
    for i, (k, g) in enumerate(zip(keys, geoms, strict=True)):
        if g.geom_type == "GeometryCollection":
            new[i] = _polygonal_part(g)
            repaired.append((k, "GeometryCollection: polygonal part kept"))
    invalid = [i for i, g in enumerate(new) if not shapely.is_valid(g)]
    if invalid and not repair:
        problems = [f"{keys[i]!r}: {shapely.is_valid_reason(new[i])}" for i in invalid[:5]]
        raise GeometryError.from_key(
            "io.geometry_invalid", path=path, n=len(invalid),
            problems=Phrases(problems + [keys[i] for i in invalid[5:]], sep="; "),
        )
    for i in invalid:
        reason = shapely.is_valid_reason(new[i])
        fixed = _polygonal_part(shapely.make_valid(new[i]))
        if fixed is None or fixed.is_empty:
            raise GeometryError.from_key(
                "io.geometry_unrepairable", path=path, key=keys[i], reason=reason
            )
        new[i] = fixed
        repaired.append((keys[i], reason))
    if areas is not None:
        where = {k: i for i, k in enumerate(keys)}
        for k in dict.fromkeys(k for k, _ in repaired):
            i = where[k]
            areas.append((k, float(shapely.area(geoms[i])), float(shapely.area(new[i]))))
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
    reproject: bool | int = False,
) -> gpd.GeoDataFrame:
    """Read district boundaries from a vector file, indexed by their key as text.

    Parameters
    ----------
    path : str or path-like
        A GeoPackage, Shapefile (``.shp``), GeoJSON, FlatGeobuf or any other
        vector format GDAL reads; or a PostGIS database, ``"postgresql://user@host:5432/db"``
        or ``"PG:dbname=db host=host"`` (password from ``PGPASSWORD`` or ``~/.pgpass``;
        needs ``pip install "sozialraum[postgis]"``, see :mod:`sozialraum.io.postgis`).
    layer : str or int, optional
        The layer to read; needed when the file has several layers. For PostGIS the
        table, ``"schema.table"`` (``"table"`` alone: schema ``public``).
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
    reproject : bool or int, default False
        Reproject boundaries in a geographic CRS (degrees; a GeoJSON file is always
        EPSG:4326, as open-data portals deliver it) to ETRS89 / UTM zone 32N
        (EPSG:25832), or 33N (EPSG:25833) for areas east of 12° E; an EPSG code
        (``25833``) chooses the target. The load report records it
        (``reprojected_from``). The config file's runs do this, with the zone of the
        areas' layer for every layer of the file.

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
    if is_database(path):
        # a PostGIS table: the same checks below, messages name the URL without password
        schema, table = postgis_layer_name(layer)
        p, layer_name = redact(str(path)), f"{schema}.{table}"
        gdf = read_postgis_layer(str(path), layer_name)
    else:
        p = _check_file(path)
        layer_name = _choose_layer(p, layer)
        try:
            with warnings.catch_warnings():
                # GDAL notes about a layer (e.g. "Measured (M) geometry types are not
                # supported") are about features we do not use; real problems raise below.
                warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"pyogrio\..*")
                gdf = pyogrio.read_dataframe(p, layer=layer_name)
        except Exception as exc:
            raise FileFormatError.from_key(
                "io.layer_unreadable", path=p, layer=layer_name, error=type(exc).__name__,
                detail=exc,
            ) from exc
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry.name not in gdf.columns:
        raise GeometryError.from_key("io.layer_no_geometry", path=p, layer=layer_name)
    if len(gdf) == 0:
        raise FileFormatError.from_key("io.layer_empty", path=p, layer=layer_name)
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
    reprojected: list[str] = []
    gdf = _check_crs(gdf, p, crs, allow_geographic, notes, reproject, reprojected)
    repaired: list[tuple[str, str]] = []
    areas: list[tuple[str, float, float]] = []
    gdf = _check_geometries(gdf, p, repair, repaired, areas)
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
            crs=crs_name(gdf.crs),
            key_from_numbers=converted,
            repaired=tuple(repaired),
            repaired_area=tuple(areas),
            reprojected_from=reprojected[0] if reprojected else None,
            notes=tuple(notes),
        )
    }
    return gdf
