"""Read the Zensus 2022 grid tables (100 m, 1 km, 10 km cells, EPSG:3035) as published.

The statistical offices publish the grid results of the Zensus 2022 as ``;``-separated CSV
files, one per topic and resolution (``Zensus2022_Bevoelkerungszahl_100m-Gitter.csv``)::

    GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner
    CRS3035RES100mN2689100E4337000;4337050;2689150;4

The id is the INSPIRE grid code: resolution and the *lower left* corner of the cell in
EPSG:3035 (ETRS89-LAEA); ``x_mp``/``y_mp`` are the cell's midpoint. The 1 km and 10 km
tables name their columns ``GITTER_ID_1km``/``x_mp_1km`` and ``GITTER_ID_10km``/``x_mp_10km``
and their ids ``CRS3035RES1000m...``/``CRS3035RES10000m...``.

Markers, and how they are read (sources in the docstring of :func:`read_zensus_grid` and in
docs/data.md): ``.`` (locked, "Zahlenwert unbekannt oder geheim zu halten") and ``x`` are
secret; ``/`` is "not reliable enough"; an empty cell was not delivered; a value in
parentheses, ``(12)``, is a published number of limited reliability and is read as the
number. A dash (``–`` or ``-``) means "nichts vorhanden" in the offices' sign legend, but the
grid files also use it where a value of a small cell is not shown; since the sources do not
settle which, it is read as missing by default, ``dash="zero"`` reads it as 0.
"""

from __future__ import annotations

import os
import re
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from sozialraum._util.choices import check_choice
from sozialraum.errors import ColumnError, DuplicateKeyError, FileFormatError, InputError, Listed
from sozialraum.io import numbers as V
from sozialraum.io.cells import Reason, reason_column
from sozialraum.io.csvfile import read_csv_columns
from sozialraum.io.keys import Phrase, Phrases, _check_file, missing_column_error, place
from sozialraum.io.report import REPORT_ATTR, LoadReport

#: The CRS of every Zensus grid: ETRS89-extended / LAEA Europe.
GRID_CRS = "EPSG:3035"
#: Key of the grid description in ``frame.attrs``.
GRID_ATTR = "zensus_grid"
#: Resolution suffixes of the published column names, in metres.
RESOLUTIONS: dict[str, int] = {"100m": 100, "1km": 1000, "10km": 10000}

_ID_COLUMN = re.compile(r"^gitter_id_(100m|1km|10km)$", re.I)
_ID = r"^CRS3035RES(\d+)mN(\d+)E(\d+)$"
_PARENS = re.compile(r"^\(\s*(.*?)\s*\)$")
#: Dashes typeset in other ways are the same sign (the files use U+2013).
_DASHES = {"\u2014": "\u2013", "\u2212": "-"}
_DASH_READ = {"missing": "io.grid.dash_missing", "zero": "io.grid.dash_zero"}
#: The columns read_zensus_grid adds (the cell's row and column in the grid).
_DERIVED = ("row", "col")


def read_zensus_grid(
    path: str | os.PathLike,
    columns: list[str] | None = None,
    *,
    dash: Literal["missing", "zero"] = "missing",
    id_column: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
) -> pd.DataFrame:
    """Read a Zensus 2022 grid table (CSV as published), indexed by the grid cell id.

    The midpoints, the resolution and the id are checked against each other; each cell
    also gets its ``row`` and ``col`` number in the grid (northing and easting of the lower
    left corner divided by the resolution), which is what :func:`sozialraum.grid_weights`
    needs for contiguity straight from the grid. Polygons are built only on request
    (:func:`grid_cells`).

    Markers (the offices' "Zeichenerklärung"; value missing with a reason column
    ``<column>__reason`` as :func:`sozialraum.read_table` gives it):

    ==========  ===============================================  ===========================
    cell        meaning in the sources                           result
    ==========  ===============================================  ===========================
    ``.``       locked: too high a disclosure risk [1]_          missing, ``secret``
    ``x``       not shown (secret)                               missing, ``secret``
    ``/``       value not reliable enough [2]_                   missing, ``not_meaningful``
    ``(12)``    limited reliability [2]_                         12 (noted in the report)
    ``–``/``-`` "nichts vorhanden" [2]_, but also used for       missing, ``true_zero``;
                cells whose value is not shown [3]_: ambiguous   ``dash="zero"``: 0
    empty       not delivered                                    missing, ``not_delivered``
    ==========  ===============================================  ===========================

    The published values are perturbed by the cell-key method (CKM) [1]_: sums of cells
    need not equal the published totals of a Gemeinde, and the error of a sum of many
    small cells grows with their number. Cells without inhabitants (or without dwellings)
    are not in the files at all [4]_, so a missing cell is not a missing value.

    .. [1] Statistische Ämter des Bundes und der Länder, "Erläuterungen zur Methodik des
       Zensus 2022", https://www.zensus2022.de/DE/Methodik-des-Zensus/Erlaeuterungen_zur_Methodik_des_Zensus_2022.html
       (CKM; locked values shown as ``.``).
    .. [2] Landesamt für Statistik Niedersachsen, "Abkürzungen und Zeichenerklärungen"
       (the offices' common sign legend: ``-`` nichts vorhanden (genau Null), ``.``
       unbekannt oder geheim, ``/`` nicht sicher genug, ``( )`` Aussagewert eingeschränkt),
       https://statistik.niedersachsen.de/ueber_statistik/abkuerzungen_und_zeichenerklaerungenabkurzungen-und-zeichenerklarungen-115987.html
    .. [3] Users of the 2022 grid files read the en dash ``–`` both as a suppressed count
       and as 0; the dataset descriptions (Datensatzbeschreibung, XLSX in each ZIP of
       https://www.zensus2022.de/DE/Ergebnisse-des-Zensus/gitterzellen.html) are the
       authority for a topic: check them and choose `dash` accordingly.
    .. [4] Zensus 2022 grid service description ("Gitterzellen, in denen keine Personen
       leben oder in denen es keine Wohnungen gibt, sind nicht in der Datei enthalten"),
       https://services2.arcgis.com/jUpNdisbWqRpMo35/ArcGIS/rest/services/Zensus2022_grid_final/FeatureServer

    Parameters
    ----------
    path : str or path-like
        The CSV file (``;``-separated, UTF-8 or cp1252, decimal comma).
    columns : list of str, optional
        The value columns to keep (default: all). Text columns such as
        ``werterlaeuternde_Zeichen`` (``"KLAMMERN"``: the row's values are in parentheses)
        stay text.
    dash : {"missing", "zero"}, default "missing"
        How to read a dash (``–``, ``-``): see above.
    id_column : str, optional
        The grid id column, if it is not named ``GITTER_ID_<resolution>``.
    decimal, encoding : str, optional
        Override the detection (decimal comma; utf-8 or cp1252).

    Returns
    -------
    pandas.DataFrame
        Indexed by the grid id (text); the midpoint columns (int64, metres in EPSG:3035),
        the value columns (``Int64`` counts, ``float64`` decimals, reason columns where
        markers occurred), text columns, ``row`` and ``col`` (int64). ``attrs`` holds the
        :class:`~sozialraum.io.LoadReport` (``kind="grid"``) and the grid description
        (resolution, column names, CRS).

    Raises
    ------
    ColumnError
        No id or midpoint column, or a requested column is missing.
    InputError
        Ids not in the INSPIRE form, of another resolution, or midpoints that disagree
        with the ids; cells that are neither numbers nor markers.
    DuplicateKeyError
        A grid id occurs twice.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "Zensus2022_Bevoelkerungszahl_100m-Gitter.csv"
    >>> _ = f.write_text("GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner\\n"
    ...                  "CRS3035RES100mN2689100E4337000;4337050;2689150;4\\n"
    ...                  "CRS3035RES100mN2689100E4337100;4337150;2689150;–\\n")
    >>> g = read_zensus_grid(f)
    >>> g["Einwohner"].tolist(), g["col"].tolist(), g.attrs["zensus_grid"]["resolution"]
    ([4, <NA>], [43370, 43371], 100)
    """
    dash = check_choice("dash", dash, ("missing", "zero"))
    p = _check_file(path)
    table = read_csv_columns(p, ";", encoding)
    header = table.header
    if len(table.columns) == 0 or len(table.columns[0]) == 0:
        raise FileFormatError.from_key("io.csv_empty", path=p)
    id_col, suffix = _id_column(p, header, id_column)
    res = RESOLUTIONS[suffix]
    x_col = _coordinate_column(p, header, "x", suffix, id_col)
    y_col = _coordinate_column(p, header, "y", suffix, id_col)
    pos = {h: i for i, h in enumerate(header)}
    if columns is not None:
        for c in columns:
            if c not in pos:
                raise missing_column_error(p, c, header, "value", argument="columns")
    where = table.where

    ids_col = table.columns[pos[id_col]]
    ids = np.asarray(ids_col.uniques, dtype=object)[ids_col.codes]
    north, east = _parse_ids(p, id_col, ids, res, where)
    x = _coordinates(p, x_col, table.columns[pos[x_col]], where)
    y = _coordinates(p, y_col, table.columns[pos[y_col]], where)
    half = res // 2
    bad = np.flatnonzero((x != east + half) | (y != north + half))
    if len(bad):
        raise InputError.from_key(
            "io.grid.midpoint_mismatch", path=p, n=len(bad), x=x_col, y=y_col, column=id_col,
            half=half, cells=_shown(where, bad, lambda i: f"{ids[i]} {x[i]}/{y[i]}"),
        )
    index = pd.Index(ids, name=id_col, dtype="str")
    if index.has_duplicates:
        dup = index[index.duplicated()].unique()
        raise DuplicateKeyError.from_key(
            "io.grid.duplicate_ids", path=p, column=id_col, n=len(dup), keys=Listed(dup)
        )

    out: dict[str, object] = {x_col: x, y_col: y}
    markers: list[tuple[str, str, int]] = []
    notes: list[str] = []
    texts: list[str] = []
    wanted = [h for h in header if h not in (id_col, x_col, y_col)]
    if columns is not None:
        wanted = [h for h in wanted if h in columns]
    clash = [h for h in wanted if h in _DERIVED]
    if clash:  # the grid's row and column would replace the file's values: refused
        raise ColumnError.from_key("io.grid.derived_names", path=p, columns=Listed(clash))
    value_cols, tokens = [], []
    parts: dict[str, dict[str, object]] = {}  # per column of the file: the columns it gives
    for h in wanted:
        col = table.columns[pos[h]]
        cells = [_unwrap(u) for u in col.uniques]
        if V.is_text_column(cells, frozenset()):
            texts.append(h)
            parts[h] = {h: pd.array(np.asarray(col.uniques, dtype=object)[col.codes], dtype="str")}
            continue
        value_cols.append((h, col, cells))
        tokens += V.number_tokens(cells, frozenset())
    dec = decimal
    if dec is None:
        dec, _ = V.infer_decimal(tokens, ";")
        dec = dec or ","
    for h, col, cells in value_cols:
        kinds = V.classify_cells(cells, decimal=dec, thousands=None, sentinels=frozenset(),
                                 sentinel_numbers=frozenset(), dash_as=dash)
        parsed = V.assemble(col.codes, kinds, col.uniques, pd.RangeIndex(len(index)))
        if parsed.bad:
            raise InputError.from_key(
                "io.grid.bad_values", path=p, column=h, n=len(parsed.bad), decimal=dec,
                cells=_shown(where, [i for i, _ in parsed.bad], lambda i, c=col: repr(c.cell(i))),
            )
        parts[h] = {h: parsed.values.array}
        if parsed.reasons.notna().any():
            parts[h][reason_column(h)] = parsed.reasons.array
        markers += [(h, r, n) for r, n in parsed.markers]
        wrapped = np.array([isinstance(u, str) and bool(_PARENS.match(u.strip()))
                            for u in col.uniques], dtype=bool)
        n_paren = int(np.count_nonzero(wrapped[col.codes])) if len(wrapped) else 0
        if n_paren:
            notes.append(Phrase("io.grid.note_parentheses", column=h, n=n_paren).render("en"))
        n_dash = dict(parsed.markers).get(Reason.TRUE_ZERO.value, 0)
        if n_dash:
            notes.append(Phrase("io.grid.note_dash", column=h, n=n_dash,
                                how=Phrase(_DASH_READ[dash])).render("en"))
    for h in wanted:
        out.update(parts[h])
    out["row"] = north // res  # _DERIVED
    out["col"] = east // res
    frame = pd.DataFrame(out, index=index)
    frame.attrs = {
        REPORT_ATTR: LoadReport(
            path=str(p), kind="grid", key=id_col, n_rows=len(frame), crs=GRID_CRS,
            encoding=table.report.get("encoding"), sep=";", decimal=dec if value_cols else None,
            markers=tuple(markers), text_columns=tuple(texts), notes=tuple(notes),
        ),
        GRID_ATTR: {"resolution": res, "x": x_col, "y": y_col, "id": id_col, "crs": GRID_CRS},
    }
    return frame


def grid_description(frame: pd.DataFrame, resolution: int | None = None) -> dict:
    """Resolution and midpoint columns of a grid frame (from ``attrs`` or the column names)."""
    info = frame.attrs.get(GRID_ATTR)
    if isinstance(info, dict) and info.get("x") in frame.columns and resolution is None:
        return info
    for suffix, res in RESOLUTIONS.items():
        x, y = f"x_mp_{suffix}", f"y_mp_{suffix}"
        if x in frame.columns and y in frame.columns and resolution in (None, res):
            return {"resolution": res, "x": x, "y": y, "id": frame.index.name, "crs": GRID_CRS}
    if resolution is not None and {"x_mp", "y_mp"} <= set(frame.columns):
        return {"resolution": int(resolution), "x": "x_mp", "y": "y_mp",
                "id": frame.index.name, "crs": GRID_CRS}
    raise ColumnError.from_key("io.grid.no_grid", columns=Listed(list(frame.columns), limit=12))


def grid_cells(frame: pd.DataFrame, *, resolution: int | None = None):
    """The square cells of a grid table as polygons (EPSG:3035), built only when asked.

    Parameters
    ----------
    frame : pandas.DataFrame
        A grid table from :func:`read_zensus_grid` (or any frame with the published
        midpoint columns ``x_mp_<resolution>``/``y_mp_<resolution>``).
    resolution : int, optional
        The cell size in metres (default: from the frame).

    Returns
    -------
    geopandas.GeoDataFrame
        The same rows, index and columns, with the cell squares as geometry.

    Examples
    --------
    >>> import pandas as pd
    >>> g = pd.DataFrame({"x_mp_1km": [4337500], "y_mp_1km": [2689500]}, index=["a"])
    >>> grid_cells(g).geometry.iloc[0].bounds
    (4337000.0, 2689000.0, 4338000.0, 2690000.0)
    """
    info = grid_description(frame, resolution)
    half = info["resolution"] / 2
    x = frame[info["x"]].to_numpy(dtype=float)
    y = frame[info["y"]].to_numpy(dtype=float)
    boxes = shapely.box(x - half, y - half, x + half, y + half)
    return gpd.GeoDataFrame(frame.copy(), geometry=boxes, crs=GRID_CRS)


# --------------------------------------------------------------------------- helpers


def _shown(where, rows, label) -> Phrases:
    """The first five offending rows as "value (line N)", then "and N more"."""
    shown = [Phrase("io.key_at", key=label(i), rows=place(where[i])) for i in list(rows[:5])]
    return Phrases(shown + [""] * (len(rows) - len(shown)))


def _unwrap(cell: object) -> object:
    """``"(12)"`` -> ``"12"`` (limited reliability, still a number); other dashes -> ``–``."""
    if not isinstance(cell, str):
        return cell
    token = cell.strip()
    m = _PARENS.match(token)
    if m:
        token = m.group(1)
    return _DASHES.get(token, token)


def _id_column(path, header: list[str], given: str | None) -> tuple[str, str]:
    if given is not None:
        if given not in header:
            raise missing_column_error(path, given, header, "key", argument="id_column")
        m = re.search(r"(100m|1km|10km)$", given, re.I)
        if m is None:
            raise ColumnError.from_key("io.grid.no_id_column", path=path,
                                       columns=Listed(header, limit=12))
        return given, m.group(1).lower()
    for h in header:
        m = _ID_COLUMN.match(h)
        if m:
            return h, m.group(1).lower()
    raise ColumnError.from_key("io.grid.no_id_column", path=path, columns=Listed(header, limit=12))


def _coordinate_column(path, header: list[str], axis: str, suffix: str, id_col: str) -> str:
    want = f"{axis}_mp_{suffix}"
    for h in header:
        if h.lower() == want.lower():
            return h
    raise ColumnError.from_key("io.grid.no_coordinate", path=path, column=want, id_column=id_col,
                               columns=Listed(header, limit=12))


def _parse_ids(path, column: str, ids: np.ndarray, res: int, where) -> tuple[np.ndarray, ...]:
    """Northing and easting of the lower left corner from each INSPIRE id (checked)."""
    size, north, east = _id_parts(ids)
    bad = np.flatnonzero(size < 0)
    if len(bad):
        raise InputError.from_key(
            "io.grid.bad_id", path=path, column=column, n=len(bad), res=res,
            cells=_shown(where, bad, lambda i: repr(ids[i])),
        )
    other = np.flatnonzero(size != res)
    if len(other):
        raise InputError.from_key(
            "io.grid.id_resolution", path=path, column=column, n=len(other), res=res,
            cells=_shown(where, other, lambda i: repr(ids[i])),
        )
    off = np.flatnonzero((north % res != 0) | (east % res != 0))
    if len(off):
        raise InputError.from_key(
            "io.grid.off_lattice", path=path, column=column, n=len(off), res=res,
            cells=_shown(where, off, lambda i: repr(ids[i])),
        )
    return north, east


def _id_parts(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(resolution, north, east) of each id; -1 where an id does not match."""
    try:
        import pyarrow as pa  # optional: C++ regex, 7x faster than pandas' on 3 million ids
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - pyarrow ships with the test environment
        parts = pd.Series(ids, dtype=object).str.extract(_ID)
        ok = parts[0].notna().to_numpy()
        out = [np.full(len(ids), -1, dtype=np.int64) for _ in range(3)]
        for k in range(3):
            out[k][ok] = parts[k][ok].astype(np.int64).to_numpy()
        return out[0], out[1], out[2]
    found = pc.extract_regex(pa.array(ids, type=pa.string()),
                             r"^CRS3035RES(?P<res>\d+)mN(?P<n>\d+)E(?P<e>\d+)$")
    out = []
    for name in ("res", "n", "e"):
        field = pc.cast(pc.struct_field(found, name), pa.int64())
        out.append(pc.fill_null(field, -1).to_numpy(zero_copy_only=False))
    return out[0], out[1], out[2]


def _coordinates(path, column: str, col, where) -> np.ndarray:
    values = np.empty(len(col.uniques), dtype=np.int64)
    bad_codes = []
    for j, cell in enumerate(col.uniques):
        token = str(cell).strip()
        number = None
        if re.fullmatch(r"\d+", token):
            number = float(token)
        else:
            number = V.parse_number(token, ",", None) or V.parse_number(token, ".", None)
        if number is None or not float(number).is_integer():
            bad_codes.append(j)
            continue
        values[j] = int(number)
    if bad_codes:
        bad = np.flatnonzero(np.isin(col.codes, bad_codes))
        raise InputError.from_key(
            "io.grid.bad_coordinates", path=path, column=column, n=len(bad),
            cells=_shown(where, bad, lambda i: repr(col.cell(i))),
        )
    return values[col.codes]
