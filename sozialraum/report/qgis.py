"""QGIS layer styles (QML) written directly, and stored in a GeoPackage.

QGIS reads the default style of a GeoPackage layer from the table
``layer_styles`` (QGIS' own GeoPackage styling convention, the same table
QGIS writes with "Save style > In database"). We write that table ourselves
with :mod:`sqlite3`; QGIS itself is not needed.

Two renderers are written, as QGIS' "renderer-v2" XML:

* ``RuleRenderer`` for numeric columns (rates, index scores): one rule per class with the
  lower and upper bound, colour and legend label of the static map, and an ``ELSE`` rule
  "keine Angabe" so that areas without a value stay visible (QGIS' graduated renderer
  does not draw NULL values: 3 areas of the demo vanished);
* ``categorizedSymbol`` for class and cluster codes (index class, LISA, Gi*):
  one category per code, plus an empty-value category for "keine Angabe".

A hatched class (the most deprived class, hotspots) is a solid fill in the class colour
with a hatch layer on top, as the static maps draw it; a single hatch layer (QGIS' brush
styles) draws only thin lines on white and made the worst class look the lightest.
Checked in a real QGIS: tests/test_qgis.py renders every stored style.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import quoteattr

__all__ = ["LayerStyle", "StyleClass", "to_qml", "write_layer_styles"]

#: Fixed ``update_time`` / ``last_change`` so that the same inputs give the same file.
FIXED_TIMESTAMP = "2000-01-01T00:00:00.000Z"
QGIS_VERSION = "3.34.0-Prizren"


@dataclass(frozen=True)
class StyleClass:
    """One legend entry: a range (``lower``..``upper``) or a category ``value``."""

    label: str
    color: str  # "#rrggbb"
    value: str | None = None
    lower: float | None = None
    upper: float | None = None
    hatch: bool | str = False  # True or a QGIS brush style ("b_diagonal", "dense6" ...)
    hatch_color: str = "#3a3a3a"


@dataclass(frozen=True)
class LayerStyle:
    """A QGIS style for one column of one layer."""

    name: str
    column: str
    kind: Literal["graduated", "categorized"]
    classes: tuple[StyleClass, ...]
    description: str = ""
    default: bool = False
    method: str = ""  # QGIS classification method id (Quantile, Jenks, ...), informative
    extra: dict = field(default_factory=dict, compare=False)
    missing_label: str = "keine Angabe"  # the ELSE rule of a graduated style
    missing_color: str = "#f0f0f0"


def _rgba(color: str, alpha: int = 255) -> str:
    color = color.lstrip("#")
    if len(color) != 6:
        raise ValueError(f"colour must be '#rrggbb', got {color!r}")
    r, g, b = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    return f"{r},{g},{b},{alpha}"


def _number(value: float) -> str:
    return repr(float(value))


def _fill_layer(color: str, style: str, outline: bool) -> str:
    options = [
        ("border_width_map_unit_scale", "3x:0,0,0,0,0,0"),
        ("color", _rgba(color)),
        ("joinstyle", "bevel"),
        ("offset", "0,0"),
        ("offset_map_unit_scale", "3x:0,0,0,0,0,0"),
        ("offset_unit", "MM"),
        ("outline_color", "80,80,80,255"),
        ("outline_style", "solid" if outline else "no"),
        ("outline_width", "0.26"),
        ("outline_width_unit", "MM"),
        ("style", style),
    ]
    opts = "".join(
        f'<Option name={quoteattr(k)} type="QString" value={quoteattr(v)}/>' for k, v in options
    )
    return (
        f'<layer class="SimpleFill" enabled="1" locked="0" pass="0">'
        f'<Option type="Map">{opts}</Option></layer>'
    )


def _symbol(name: str, cls: StyleClass) -> str:
    """A fill symbol: the class colour, plus a hatch layer on top for a hatched class."""
    layers = _fill_layer(cls.color, "solid", outline=True)
    if cls.hatch:
        brush = cls.hatch if isinstance(cls.hatch, str) else "b_diagonal"
        layers += _fill_layer(cls.hatch_color, brush, outline=False)
    return (
        f'<symbol type="fill" name={quoteattr(name)} alpha="1" clip_to_extent="1" '
        f'force_rhr="0" frame_rate="10" is_animated="0">'
        f'<data_defined_properties><Option type="Map"><Option name="name" type="QString" value=""/>'
        f'<Option name="properties"/><Option name="type" type="QString" value="collection"/>'
        f"</Option></data_defined_properties>{layers}</symbol>"
    )


def _field(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def to_qml(style: LayerStyle) -> str:
    """The QML document (QGIS style XML) for `style`.

    Examples
    --------
    >>> s = LayerStyle("Klasse", "klasse", "categorized",
    ...                (StyleClass("hoch", "#2166ac", value="1"),))
    >>> "categorizedSymbol" in to_qml(s)
    True
    """
    symbols = []
    items = []
    for i, cls in enumerate(style.classes):
        symbols.append(_symbol(str(i), cls))
        if style.kind == "graduated":
            if cls.lower is None or cls.upper is None:
                raise ValueError(f"graduated class {cls.label!r} needs lower and upper bounds")
            f = _field(style.column)
            low = ">=" if i == 0 else ">"  # upper bounds inclusive, as the static maps classify
            rule = f"{f} {low} {_number(cls.lower)} AND {f} <= {_number(cls.upper)}"
            items.append(
                f'<rule key="class-{i}" symbol="{i}" label={quoteattr(cls.label)} '
                f"filter={quoteattr(rule)}/>"
            )
        else:
            value = "" if cls.value is None else str(cls.value)
            items.append(
                f'<category value={quoteattr(value)} symbol="{i}" '
                f'label={quoteattr(cls.label)} render="true" type="string"/>'
            )
    attr = quoteattr(style.column)
    if style.kind == "graduated":
        n = len(style.classes)
        symbols.append(_symbol(str(n), StyleClass(style.missing_label, style.missing_color,
                                                  hatch="dense6", hatch_color="#8c8c8c")))
        items.append(
            f'<rule key="else" symbol="{n}" label={quoteattr(style.missing_label)} '
            'filter="ELSE"/>'
        )
        head = (
            '<renderer-v2 type="RuleRenderer" symbollevels="0" enableorderby="0" '
            'forceraster="0" referencescale="-1">'
            f'<rules key="root">{"".join(items)}</rules>'
        )
        tail = ""
    elif style.kind == "categorized":
        head = (
            f'<renderer-v2 type="categorizedSymbol" attr={attr} symbollevels="0" '
            f'enableorderby="0" forceraster="0" referencescale="-1">'
            f"<categories>{''.join(items)}</categories>"
        )
        tail = ""
    else:
        raise ValueError(f"'kind' needs to be 'graduated' or 'categorized', got {style.kind!r}")
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        f'<qgis version="{QGIS_VERSION}" styleCategories="Symbology">\n'
        f"{head}<symbols>{''.join(symbols)}</symbols>{tail}</renderer-v2>\n"
        "<blendMode>0</blendMode><featureBlendMode>0</featureBlendMode>"
        "<layerGeometryType>2</layerGeometryType>\n"
        "</qgis>\n"
    )


_CREATE = """
CREATE TABLE IF NOT EXISTS "layer_styles" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "f_table_catalog" TEXT(256),
    "f_table_schema" TEXT(256),
    "f_table_name" TEXT(256),
    "f_geometry_column" TEXT(256),
    "styleName" TEXT(30),
    "styleQML" TEXT,
    "styleSLD" TEXT,
    "useAsDefault" BOOLEAN,
    "description" TEXT,
    "owner" TEXT(30),
    "ui" TEXT(30),
    "update_time" DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
)
"""


def write_layer_styles(
    path: str | Path, layer: str, styles: list[LayerStyle], geometry_column: str = "geom"
) -> None:
    """Store `styles` for `layer` in the GeoPackage at `path` (table ``layer_styles``).

    Exactly one style should have ``default=True`` (QGIS opens the layer with it);
    the others can be chosen in QGIS under Layer properties > Style. The table is
    registered in ``gpkg_contents`` as an attributes table, as QGIS does.
    """
    n_default = sum(s.default for s in styles)
    if styles and n_default != 1:
        raise ValueError(f"exactly one default style is needed, {n_default} were given")
    con = sqlite3.connect(str(path))
    try:
        with con:
            con.execute(_CREATE)
            exists = con.execute(
                "SELECT COUNT(*) FROM gpkg_contents WHERE table_name = 'layer_styles'"
            ).fetchone()[0]
            if not exists:
                con.execute(
                    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                    "last_change) VALUES ('layer_styles', 'attributes', 'layer_styles', '', ?)",
                    (FIXED_TIMESTAMP,),
                )
            start = con.execute("SELECT COUNT(*) FROM layer_styles").fetchone()[0]
            for i, style in enumerate(styles):
                # QGIS lists every style of the file: each name says its layer, and each row
                # has its own (fixed, reproducible) time
                stamp = f"2000-01-01T00:{(start + i) // 60 % 60:02d}:{(start + i) % 60:02d}.000Z"
                con.execute(
                    "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                    "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, "
                    "owner, ui, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        "",
                        "",
                        layer,
                        geometry_column,
                        f"{layer}: {style.name}"[:30],
                        to_qml(style),
                        "",
                        1 if style.default else 0,
                        style.description,
                        "",
                        None,
                        stamp,
                    ),
                )
    finally:
        con.close()
