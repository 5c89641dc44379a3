"""The load report: what a reader detected, converted and repaired."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from sozialraum._text import html_table, text

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
    kind : {"boundaries", "table", "grid"}
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
    repaired_area : tuple of (key, area before, area after)
        The area (square units of the CRS, m² in a projected German CRS) of each
        repaired geometry as in the file and as repaired; the methods text states it.
    reprojected_from : str or None
        The geographic CRS the boundaries came in (``"EPSG:4326"``) when they were
        reprojected to ``crs`` on load (``read_boundaries(..., reproject=True)``).
    markers : tuple of (column, reason, count)
        Statistics-office markers found per value column.
    title_rows, footnote_rows : int
        Rows of a table left out above its header (a title, "Stand: 31.12.2024") and below
        its last area (footnotes such as "Quelle: ...").
    footnotes_from : str or None
        The place of the first footnote row left out (``"line 505"``).
    totals_rows : tuple of (label, place)
        Totals rows left out (not an area), e.g. ``("Stadt insgesamt", "line 504")``.
    text_columns : tuple of str
        Columns kept as text.
    notes : tuple of str
        Further remarks, one sentence each.
    """

    path: str
    kind: Literal["boundaries", "table", "grid"]
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
    repaired_area: tuple[tuple[str, float, float], ...] = ()
    reprojected_from: str | None = None
    markers: tuple[tuple[str, str, int], ...] = ()
    title_rows: int = 0
    totals_rows: tuple[tuple[str, str], ...] = ()
    footnote_rows: int = 0
    footnotes_from: str | None = None
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

    def _repr_html_(self) -> str:
        rows = [(text("html.load.file"), Path(self.path).name),
                (text("html.load.kind"), text(f"html.load.kind_{self.kind}")),
                (text("html.load.key"), self.key),
                (text("html.load.rows"), self.n_rows)]
        for name in ("layer", "sheet", "crs", "encoding", "sep", "decimal", "thousands", "layout"):
            value = getattr(self, name)
            if value is not None:
                rows.append((text(f"html.load.{name}"), repr(value) if name in
                             ("sep", "decimal", "thousands") else value))
        if self.stichtage:
            rows.append((text("html.load.stichtage"),
                         ", ".join(d.strftime("%d.%m.%Y") for d in self.stichtage)))
        if self.key_from_numbers:
            rows.append((text("html.load.key_from_numbers"), text("html.yes")))
        if self.repaired:
            rows.append((text("html.load.repaired"), ", ".join(self.repaired_keys)))
        for column, reason, n in self.markers:
            rows.append((text("html.load.markers", column=column),
                         f"{n} × {text(f'reason.{reason}')}"))
        rows.extend((text("html.load.note"), note) for note in self.notes)
        return html_table("LoadReport", rows, "sozialraum-loadreport")


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
