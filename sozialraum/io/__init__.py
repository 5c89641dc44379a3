"""Loading district boundaries and statistics tables.



The stage's public names are re-exported here; see the submodules for the details.
"""

from __future__ import annotations

from sozialraum.io.boundaries import read_boundaries
from sozialraum.io.grid import grid_cells, read_zensus_grid
from sozialraum.io.grid_aggregate import GridAggregationReport, aggregate_grid
from sozialraum.io.report import LoadReport, load_report
from sozialraum.io.tables import read_table

__all__ = [
    "GridAggregationReport",
    "LoadReport",
    "aggregate_grid",
    "grid_cells",
    "load_report",
    "read_boundaries",
    "read_table",
    "read_zensus_grid",
]
