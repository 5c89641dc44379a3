"""Render every style stored in a GeoPackage's ``layer_styles`` with a real QGIS.

Run with Debian's Python, which has QGIS' bindings (``apt-get install qgis python3-qgis``)::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis_render.py ergebnisse.gpkg OUT

For each stored style it loads the layer, applies the style's QML as QGIS does when it opens
the style from the database, renders the layer over a magenta background (a colour no style
uses) and writes ``OUT/<table>__<n>.png`` and, in ``OUT/result.json``, the colours QGIS drew
around each area's point on surface (a 9 x 9 pixel window) plus what QGIS reports about the
style (renderer type, legend labels). tests/test_qgis.py compares them with the styles.
Also checks that QGIS opens the layer with the default style (``useAsDefault``).

    /usr/bin/python3 tests/qgis_render.py --postgis "host=... port=... dbname=... user=..." \
        SCHEMA TABLE OUT.json

opens a table from PostGIS the same way and reports the style QGIS loaded from the
database's ``layer_styles`` table.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections import Counter
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument

WIDTH = 1400
BACKGROUND = (255, 0, 255)


def render(layer, path: Path):
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    extent = layer.extent()
    extent.scale(1.05)
    settings.setExtent(extent)
    height = int(WIDTH * extent.height() / extent.width())
    settings.setOutputSize(QSize(WIDTH, height))
    settings.setBackgroundColor(QColor(*BACKGROUND))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(str(path))
    return image, settings.mapToPixel()


def sample(image, m2p, layer, key_field: str) -> dict:
    out = {}
    for feature in layer.getFeatures():
        point = feature.geometry().pointOnSurface().asPoint()
        px = m2p.transform(point)
        x0, y0 = int(round(px.x())), int(round(px.y()))
        colours = Counter()
        for dx in range(-4, 5):
            for dy in range(-4, 5):
                x, y = x0 + dx, y0 + dy
                if 0 <= x < image.width() and 0 <= y < image.height():
                    c = QColor(image.pixel(x, y))
                    colours[(c.red(), c.green(), c.blue())] += 1
        out[str(feature[key_field])] = [[list(k), n] for k, n in colours.most_common()]
    return out


def main(gpkg: str, out: str) -> None:
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(gpkg)
    rows = con.execute(
        "SELECT f_table_name, styleName, styleQML, useAsDefault FROM layer_styles ORDER BY id"
    ).fetchall()
    tables = sorted({r[0] for r in rows})
    result = {"qgis": app.applicationVersion() if hasattr(app, "applicationVersion") else "",
              "defaults": {}, "styles": []}
    for table in tables:
        # opened as a user opens it: QGIS picks the default style from layer_styles itself
        layer = QgsVectorLayer(f"{gpkg}|layername={table}", table, "ogr")
        result["defaults"][table] = {
            "valid": layer.isValid(),
            "features": layer.featureCount(),
            "renderer": layer.renderer().type() if layer.renderer() else None,
            "legend": [i.label() for i in layer.renderer().legendSymbolItems()],
        }
    for i, (table, name, qml, default) in enumerate(rows):
        layer = QgsVectorLayer(f"{gpkg}|layername={table}", table, "ogr")
        key_field = layer.fields()[1].name()  # fid first, then the key (written first)
        doc = QDomDocument()
        doc.setContent(qml)
        ok, message = layer.importNamedStyle(doc)
        image, m2p = render(layer, folder / f"{table}__{i}.png")
        result["styles"].append({
            "table": table,
            "name": name,
            "default": bool(default),
            "imported": bool(ok),
            "message": message,
            "renderer": layer.renderer().type(),
            "legend": [item.label() for item in layer.renderer().legendSymbolItems()],
            "key": key_field,
            "png": f"{table}__{i}.png",
            "pixels": sample(image, m2p, layer, key_field),
        })
    (folder / "result.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    # QGIS 3.22's exitQgis() crashes (SIGSEGV) while layers created here are still alive;
    # everything is written, so end the process without the teardown
    sys.stdout.flush()
    os._exit(0)


def postgis(conninfo: str, schema: str, table: str, out: str) -> None:
    """Open ``schema.table`` from PostGIS as a QGIS user adds it; report the default style."""
    from qgis.core import QgsDataSourceUri

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    uri = QgsDataSourceUri(conninfo)
    uri.setDataSource(schema, table, "geometry")
    layer = QgsVectorLayer(uri.uri(False), table, "postgres")
    info = {"valid": layer.isValid(), "features": layer.featureCount(),
            "renderer": layer.renderer().type() if layer.renderer() else None,
            "legend": [i.label() for i in layer.renderer().legendSymbolItems()]
            if layer.renderer() else []}
    Path(out).write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    sys.stdout.flush()
    os._exit(0)  # see main(): QGIS 3.22's teardown crashes


if __name__ == "__main__":
    if sys.argv[1] == "--postgis":
        postgis(*sys.argv[2:6])
    else:
        main(sys.argv[1], sys.argv[2])
