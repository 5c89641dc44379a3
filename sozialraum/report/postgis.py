"""Results back into PostGIS, with the QGIS styles in the database's ``layer_styles`` table.

``sr.write_postgis(bundle, "postgresql://user@host/db", schema="sozialraum")`` writes every
level of a bundle as a table (the published values, exactly what the GeoPackage holds) and
stores the bundle's QGIS styles the way QGIS itself saves styles to PostGIS (table
``public.layer_styles``), so a GIS officer who adds the table in QGIS sees the index classes
at once. A single GeoDataFrame can be written too. Passwords come from ``PGPASSWORD`` or
``~/.pgpass`` only (see :mod:`sozialraum.io.postgis`). Needs the ``postgis`` extra.
"""

from __future__ import annotations

from sozialraum.errors import OutputError, OutputExistsError
from sozialraum.io.postgis import connect, layer_name, quote_ident, redact
from sozialraum.report.maps import layer_styles
from sozialraum.report.qgis import LayerStyle, to_qml
from sozialraum.report.results import Bundle

__all__ = ["write_postgis"]

# the table QGIS creates when it saves a style to PostGIS (QgsPostgresProvider)
_CREATE_STYLES = """
CREATE TABLE IF NOT EXISTS public.layer_styles (
    id SERIAL PRIMARY KEY,
    f_table_catalog varchar,
    f_table_schema varchar,
    f_table_name varchar,
    f_geometry_column varchar,
    stylename text,
    styleqml xml,
    stylesld xml,
    useasdefault boolean,
    description text,
    owner varchar(63) DEFAULT CURRENT_USER,
    ui xml,
    update_time timestamp DEFAULT CURRENT_TIMESTAMP,
    type varchar
)
"""


def _existing(con, sql, names: list[tuple[str, str]]) -> list[str]:
    found = []
    for s, t in names:
        row = con.execute(sql("SELECT 1 FROM information_schema.tables "
                              "WHERE table_schema = :s AND table_name = :t"), {"s": s, "t": t})
        if row.first():
            found.append(f"{s}.{t}")
    return found


def check_postgis_target(source: str, tables: list[tuple[str, str]], *, replace: bool) -> None:
    """Refuse before any work if a table would be replaced without `replace` (or no server)."""
    engine = connect(source)
    try:
        from sqlalchemy import text as sql  # lazy: the optional postgis extra

        with engine.connect() as con:
            found = [] if replace else _existing(con, sql, tables)
    except Exception as exc:  # psycopg / SQLAlchemy: no server, no rights
        raise OutputError.from_key("report.postgis_failed", source=redact(source),
                                   detail=str(exc).strip().splitlines()[0]) from exc
    finally:
        engine.dispose()
    if found:
        raise OutputExistsError.from_key("report.postgis_exists", table=", ".join(found),
                                         source=redact(source))


def write_postgis(
    data,
    source: str,
    layer: str | None = None,
    *,
    schema: str = "public",
    styles: list[LayerStyle] | None = None,
    replace: bool = False,
) -> list[str]:
    """Write a bundle's levels (or one GeoDataFrame) to PostGIS; return the tables written.

    Parameters
    ----------
    data : Bundle or geopandas.GeoDataFrame
        A :class:`~sozialraum.report.Bundle` (every level, as ``<schema>.<level>``, with
        its QGIS styles) or a GeoDataFrame indexed by the key (written as `layer`).
    source : str
        ``postgresql://user@host:port/db`` or ``PG:dbname=... host=...``.
    layer : str, optional
        ``schema.table`` for a GeoDataFrame (required then).
    schema : str, default "public"
        Schema of a bundle's tables (created if missing).
    styles : list of LayerStyle, optional
        QGIS styles for a GeoDataFrame (exactly one default).
    replace : bool, default False
        Replace existing tables (and their stored styles); otherwise an existing table
        is an error and nothing is written.
    """
    if isinstance(data, Bundle):
        jobs = [
            (schema, name, lv.frame, layer_styles(data.config, lv))
            for name, lv in data.levels.items()
        ]
    else:
        s, t = layer_name(layer)
        jobs = [(s, t, data, list(styles or []))]
    engine = connect(source)
    written = []
    try:
        from sqlalchemy import text as sql  # lazy: the optional postgis extra

        with engine.begin() as con:
            catalog = con.execute(sql("SELECT current_database()")).scalar()
            found = [] if replace else _existing(con, sql, [(s, t) for s, t, _, _ in jobs])
            if found:
                raise OutputExistsError.from_key("report.postgis_exists",
                                                 table=", ".join(found), source=redact(source))
            con.execute(sql(_CREATE_STYLES))
            for s, t, frame, style_list in jobs:
                con.execute(sql(f"CREATE SCHEMA IF NOT EXISTS {quote_ident(s)}"))
                frame.reset_index().to_postgis(t, con, schema=s, index=False,
                                               if_exists="replace" if replace else "fail")
                geom = frame.geometry.name
                con.execute(sql("DELETE FROM public.layer_styles WHERE f_table_schema = :s "
                                "AND f_table_name = :t"), {"s": s, "t": t})
                for style in style_list:
                    # type NULL: QGIS matches the geometry type ("Polygon") or NULL when it
                    # looks for a layer's default style
                    con.execute(
                        sql("INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, "
                            "f_table_name, f_geometry_column, stylename, styleqml, stylesld, "
                            "useasdefault, description, type) VALUES (:c, :s, :t, :g, :n, "
                            "XMLPARSE(DOCUMENT :q), NULL, :d, :desc, NULL)"),
                        {"c": catalog, "s": s, "t": t, "g": geom, "n": style.name,
                         "q": to_qml(style), "d": bool(style.default),
                         "desc": style.description},
                    )
                written.append(f"{s}.{t}")
    except OutputExistsError:
        raise
    except Exception as exc:  # psycopg / SQLAlchemy: no server, no rights, full disk
        if type(exc).__module__.startswith("sozialraum"):
            raise
        raise OutputError.from_key("report.postgis_failed", source=redact(source),
                                   detail=str(exc).strip().splitlines()[0]) from exc
    finally:
        engine.dispose()
    return written
