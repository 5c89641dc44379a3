"""Input files built in tmp_path, shared by the tests in tests/io/ (boundaries, CSV, XLSX)."""

from __future__ import annotations

import hashlib

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

CRS = "EPSG:25832"


X0, Y0 = 540_000.0, 5_730_000.0  # a plausible UTM 32N location (metres)


def _digest(path):
    """Hash of a file, or of every file of a Shapefile set."""
    h = hashlib.sha256()
    for p in sorted(path.parent.glob(path.stem + ".*")):
        h.update(p.read_bytes())
    return h.hexdigest()


def _districts(keys=("0101", "0102", "0201"), crs=CRS, x0=X0, y0=Y0, **extra):
    geoms = [box(x0 + i * 1000, y0, x0 + (i + 1) * 1000, y0 + 1000) for i in range(len(keys))]
    data = {"SR_NR": list(keys), "name": [f"Gebiet {k}" for k in keys], **extra}
    return gpd.GeoDataFrame(data, geometry=geoms, crs=crs)


def _write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def _values(frame, column):
    return [None if pd.isna(v) else v for v in frame[column]]


def _xlsx(path, sheets):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path

