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


Layout: ``boundaries`` (vector files), ``tables`` (CSV/XLSX), ``cells`` (the statistics
office's markers and the reasons of missing values), ``numbers`` (decimal commas and
thousands separators), ``keys`` (district keys as text), ``report`` (the load report).
"""

from __future__ import annotations

from sozialraum.io.boundaries import read_boundaries
from sozialraum.io.report import LoadReport, load_report
from sozialraum.io.tables import read_table

__all__ = [
    "LoadReport",
    "load_report",
    "read_boundaries",
    "read_table",
]
